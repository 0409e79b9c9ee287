/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A small, linear DER writer and a bounds-checked DER reader. Every encoder in
 * the library (certificates, CSRs, CRLs, OCSP responses) builds on these, so
 * building a structure never costs more than writing its bytes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PKINEXT_DER_BOOLEAN	      0x01
#define PKINEXT_DER_INTEGER	      0x02
#define PKINEXT_DER_BIT_STRING	      0x03
#define PKINEXT_DER_OCTET_STRING      0x04
#define PKINEXT_DER_NULL	      0x05
#define PKINEXT_DER_OID		      0x06
#define PKINEXT_DER_ENUMERATED	      0x0a
#define PKINEXT_DER_UTF8_STRING	      0x0c
#define PKINEXT_DER_PRINTABLE_STRING  0x13
#define PKINEXT_DER_IA5_STRING	      0x16
#define PKINEXT_DER_UTC_TIME	      0x17
#define PKINEXT_DER_GENERALIZED_TIME  0x18
#define PKINEXT_DER_SEQUENCE	      0x30
#define PKINEXT_DER_SET		      0x31
#define PKINEXT_DER_CONTEXT(n)	      (0x80 | (n))	   /* [n] IMPLICIT primitive */
#define PKINEXT_DER_CONTEXT_CONS(n)   (0xa0 | (n))	   /* [n] constructed / EXPLICIT */
#define PKINEXT_DER_MAX_DEPTH	      24

/* ---- writer ---------------------------------------------------------- */

typedef struct {
	GByteArray *buf;
	gsize open[PKINEXT_DER_MAX_DEPTH];
	guint depth;
	gboolean overflow; /* nesting deeper than PKINEXT_DER_MAX_DEPTH: a programming error */
} PkinextDerWriter;

void
pkinext_der_writer_init (PkinextDerWriter *w, gsize reserve);
void
pkinext_der_writer_clear (PkinextDerWriter *w);
GBytes *
pkinext_der_writer_steal (PkinextDerWriter *w);
gsize
pkinext_der_writer_get_size (PkinextDerWriter *w);
const guint8 *
pkinext_der_writer_get_data (PkinextDerWriter *w);

/* constructed types: begin() ... end() */
void
pkinext_der_begin (PkinextDerWriter *w, guint8 tag);
void
pkinext_der_end (PkinextDerWriter *w);

/* primitives */
void
pkinext_der_put (PkinextDerWriter *w, guint8 tag, const guint8 *data, gsize len);
void
pkinext_der_put_raw (PkinextDerWriter *w, const guint8 *tlv, gsize len);
void
pkinext_der_put_bytes_raw (PkinextDerWriter *w, GBytes *tlv);
void
pkinext_der_put_null (PkinextDerWriter *w);
void
pkinext_der_put_boolean (PkinextDerWriter *w, gboolean value);
void
pkinext_der_put_uint (PkinextDerWriter *w, guint8 tag, guint64 value);
void
pkinext_der_put_unsigned_be (PkinextDerWriter *w, guint8 tag, const guint8 *be, gsize len);
gboolean
pkinext_der_put_oid (PkinextDerWriter *w, const gchar *dotted);
void
pkinext_der_put_bit_string (PkinextDerWriter *w, const guint8 *data, gsize len);
void
pkinext_der_put_named_bits (PkinextDerWriter *w, guint32 bits);
void
pkinext_der_put_string (PkinextDerWriter *w, guint8 tag, const gchar *str);
void
pkinext_der_put_time (PkinextDerWriter *w, gint64 unix_seconds);
void
pkinext_der_put_generalized_time (PkinextDerWriter *w, gint64 unix_seconds);

/* encodes a dotted OID into its content octets (no tag/length); FALSE if malformed */
gboolean
pkinext_der_encode_oid (const gchar *dotted, GByteArray *out);
gchar *
pkinext_der_decode_oid (const guint8 *content, gsize len);

/* ---- reader ---------------------------------------------------------- */

typedef struct {
	const guint8 *ptr; /* next unread byte */
	const guint8 *end;
} PkinextDerReader;

typedef struct {
	guint8 tag;
	const guint8 *tlv;     /* start of the whole element */
	gsize tlv_len;
	const guint8 *content; /* start of the contents */
	gsize len;	       /* content length */
} PkinextDerElement;

void
pkinext_der_reader_init (PkinextDerReader *r, const guint8 *data, gsize len);
gboolean
pkinext_der_reader_at_end (const PkinextDerReader *r);
gboolean
pkinext_der_reader_peek_tag (const PkinextDerReader *r, guint8 *tag);
/* reads the next element (any tag); FALSE and @error if truncated or non-DER */
gboolean
pkinext_der_read (PkinextDerReader *r, PkinextDerElement *el, GError **error);
/* reads the next element and insists on @tag */
gboolean
pkinext_der_read_expect (PkinextDerReader *r, guint8 tag, PkinextDerElement *el, GError **error);
/* if the next tag is @tag, reads it and returns TRUE; else leaves the reader and returns FALSE */
gboolean
pkinext_der_read_optional (PkinextDerReader *r, guint8 tag, PkinextDerElement *el, GError **error);
void
pkinext_der_reader_enter (PkinextDerReader *r, const PkinextDerElement *el, PkinextDerReader *inner);
gboolean
pkinext_der_element_get_uint (const PkinextDerElement *el, guint64 *value, GError **error);
gboolean
pkinext_der_element_get_time (const PkinextDerElement *el, gint64 *unix_seconds, GError **error);
gboolean
pkinext_der_element_oid_equal (const PkinextDerElement *el, const gchar *dotted);

G_END_DECLS
