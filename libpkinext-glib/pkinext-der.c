/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextDer"

#include "config.h"

#include <string.h>
#include <time.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"

/* ---- writer ---------------------------------------------------------- */

void
pkinext_der_writer_init (PkinextDerWriter *w, gsize reserve)
{
	memset (w, 0, sizeof (*w));
	w->buf = g_byte_array_sized_new (reserve > 0 ? reserve : 256);
}

void
pkinext_der_writer_clear (PkinextDerWriter *w)
{
	if (w->buf != NULL)
		g_byte_array_unref (w->buf);
	w->buf = NULL;
	w->depth = 0;
}

GBytes *
pkinext_der_writer_steal (PkinextDerWriter *w)
{
	GByteArray *buf = g_steal_pointer (&w->buf);
	g_return_val_if_fail (w->depth == 0 && !w->overflow, NULL);
	return g_byte_array_free_to_bytes (buf);
}

gsize
pkinext_der_writer_get_size (PkinextDerWriter *w)
{
	return w->buf->len;
}

const guint8 *
pkinext_der_writer_get_data (PkinextDerWriter *w)
{
	return w->buf->data;
}

static guint
der_length_size (gsize len)
{
	guint n = 1;
	if (len < 0x80)
		return 1;
	while (len > 0) {
		n++;
		len >>= 8;
	}
	return n;
}

static void
der_write_length (guint8 *out, gsize len, guint size)
{
	if (size == 1) {
		out[0] = (guint8)len;
		return;
	}
	out[0] = 0x80 | (guint8)(size - 1);
	for (guint i = size - 1; i >= 1; i--) {
		out[i] = (guint8)(len & 0xff);
		len >>= 8;
	}
}

static void
der_append_header (GByteArray *buf, guint8 tag, gsize len)
{
	guint8 hdr[10];
	guint size = der_length_size (len);
	hdr[0] = tag;
	der_write_length (hdr + 1, len, size);
	g_byte_array_append (buf, hdr, size + 1);
}

void
pkinext_der_begin (PkinextDerWriter *w, guint8 tag)
{
	guint8 hdr[2] = {tag, 0x00};
	if (w->depth >= PKINEXT_DER_MAX_DEPTH) {
		w->overflow = TRUE;
		g_critical ("DER nesting deeper than %d", PKINEXT_DER_MAX_DEPTH);
		return;
	}
	g_byte_array_append (w->buf, hdr, 2);
	/* remember where the one-byte length placeholder is */
	w->open[w->depth++] = w->buf->len - 1;
}

void
pkinext_der_end (PkinextDerWriter *w)
{
	gsize pos;
	gsize len;
	guint size;

	if (w->depth == 0) {
		w->overflow = TRUE;
		g_critical ("DER end() without begin()");
		return;
	}
	pos = w->open[--w->depth];
	len = w->buf->len - pos - 1;
	size = der_length_size (len);
	if (size > 1) {
		/* grow, then shift the contents right to make room for the long form */
		g_byte_array_set_size (w->buf, w->buf->len + size - 1);
		memmove (w->buf->data + pos + size, w->buf->data + pos + 1, len);
	}
	der_write_length (w->buf->data + pos, len, size);
}

void
pkinext_der_put (PkinextDerWriter *w, guint8 tag, const guint8 *data, gsize len)
{
	der_append_header (w->buf, tag, len);
	if (len > 0)
		g_byte_array_append (w->buf, data, len);
}

void
pkinext_der_put_raw (PkinextDerWriter *w, const guint8 *tlv, gsize len)
{
	if (len > 0)
		g_byte_array_append (w->buf, tlv, len);
}

void
pkinext_der_put_bytes_raw (PkinextDerWriter *w, GBytes *tlv)
{
	gsize len = 0;
	const guint8 *data = g_bytes_get_data (tlv, &len);
	pkinext_der_put_raw (w, data, len);
}

void
pkinext_der_put_null (PkinextDerWriter *w)
{
	pkinext_der_put (w, PKINEXT_DER_NULL, NULL, 0);
}

void
pkinext_der_put_boolean (PkinextDerWriter *w, gboolean value)
{
	guint8 v = value ? 0xff : 0x00;
	pkinext_der_put (w, PKINEXT_DER_BOOLEAN, &v, 1);
}

void
pkinext_der_put_unsigned_be (PkinextDerWriter *w, guint8 tag, const guint8 *be, gsize len)
{
	/* strip redundant leading zeros, then add one if the high bit is set */
	while (len > 1 && be[0] == 0x00 && (be[1] & 0x80) == 0) {
		be++;
		len--;
	}
	if (len == 0) {
		guint8 zero = 0;
		pkinext_der_put (w, tag, &zero, 1);
		return;
	}
	if (be[0] & 0x80) {
		guint8 zero = 0;
		der_append_header (w->buf, tag, len + 1);
		g_byte_array_append (w->buf, &zero, 1);
		g_byte_array_append (w->buf, be, len);
		return;
	}
	pkinext_der_put (w, tag, be, len);
}

void
pkinext_der_put_uint (PkinextDerWriter *w, guint8 tag, guint64 value)
{
	guint8 be[8];
	for (gint i = 7; i >= 0; i--) {
		be[i] = value & 0xff;
		value >>= 8;
	}
	pkinext_der_put_unsigned_be (w, tag, be, sizeof (be));
}

gboolean
pkinext_der_encode_oid (const gchar *dotted, GByteArray *out)
{
	guint64 arcs[64];
	guint n = 0;
	const gchar *p = dotted;

	if (dotted == NULL || *dotted == '\0')
		return FALSE;
	while (*p != '\0') {
		gchar *endp = NULL;
		if (!g_ascii_isdigit (*p) || n >= G_N_ELEMENTS (arcs))
			return FALSE;
		arcs[n++] = g_ascii_strtoull (p, &endp, 10);
		p = endp;
		if (*p == '.') {
			p++;
			if (*p == '\0')
				return FALSE;
		} else if (*p != '\0') {
			return FALSE;
		}
	}
	if (n < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39))
		return FALSE;
	arcs[1] += arcs[0] * 40;
	for (guint i = 1; i < n; i++) {
		guint8 tmp[10];
		guint k = 0;
		guint64 v = arcs[i];
		do {
			tmp[k++] = v & 0x7f;
			v >>= 7;
		} while (v > 0);
		while (k > 0) {
			guint8 b = tmp[--k];
			if (k > 0)
				b |= 0x80;
			g_byte_array_append (out, &b, 1);
		}
	}
	return TRUE;
}

gchar *
pkinext_der_decode_oid (const guint8 *content, gsize len)
{
	GString *s = g_string_new (NULL);
	guint64 v = 0;
	gboolean first = TRUE;

	if (len == 0 || (content[len - 1] & 0x80)) {
		g_string_free (s, TRUE);
		return NULL;
	}
	for (gsize i = 0; i < len; i++) {
		if (v == 0 && content[i] == 0x80) { /* non-minimal arc */
			g_string_free (s, TRUE);
			return NULL;
		}
		if (v > (G_MAXUINT64 >> 7)) {
			g_string_free (s, TRUE);
			return NULL;
		}
		v = (v << 7) | (content[i] & 0x7f);
		if (content[i] & 0x80)
			continue;
		if (first) {
			guint64 a = v < 40 ? 0 : (v < 80 ? 1 : 2);
			g_string_append_printf (s,
						"%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT,
						a,
						v - a * 40);
			first = FALSE;
		} else {
			g_string_append_printf (s, ".%" G_GUINT64_FORMAT, v);
		}
		v = 0;
	}
	return g_string_free (s, FALSE);
}

gboolean
pkinext_der_put_oid (PkinextDerWriter *w, const gchar *dotted)
{
	g_autoptr(GByteArray) tmp = g_byte_array_sized_new (16);
	if (!pkinext_der_encode_oid (dotted, tmp)) {
		g_critical ("invalid OID '%s'", dotted);
		return FALSE;
	}
	pkinext_der_put (w, PKINEXT_DER_OID, tmp->data, tmp->len);
	return TRUE;
}

void
pkinext_der_put_bit_string (PkinextDerWriter *w, const guint8 *data, gsize len)
{
	guint8 unused = 0;
	der_append_header (w->buf, PKINEXT_DER_BIT_STRING, len + 1);
	g_byte_array_append (w->buf, &unused, 1);
	if (len > 0)
		g_byte_array_append (w->buf, data, len);
}

/* named bit list (KeyUsage, ReasonFlags...): bit 0 is the MSB of the first octet;
 * DER drops trailing zero bits */
void
pkinext_der_put_named_bits (PkinextDerWriter *w, guint32 bits)
{
	guint8 out[5];
	gint highest = -1;
	guint nbytes;
	guint unused;

	for (gint i = 0; i < 32; i++) {
		if (bits & (1u << i))
			highest = i;
	}
	if (highest < 0) {
		guint8 zero = 0;
		pkinext_der_put (w, PKINEXT_DER_BIT_STRING, &zero, 1);
		return;
	}
	nbytes = highest / 8 + 1;
	unused = 7 - (highest % 8);
	memset (out, 0, sizeof (out));
	out[0] = (guint8)unused;
	for (gint i = 0; i <= highest; i++) {
		if (bits & (1u << i))
			out[1 + i / 8] |= (guint8)(0x80 >> (i % 8));
	}
	pkinext_der_put (w, PKINEXT_DER_BIT_STRING, out, nbytes + 1);
}

void
pkinext_der_put_string (PkinextDerWriter *w, guint8 tag, const gchar *str)
{
	pkinext_der_put (w, tag, (const guint8 *)str, strlen (str));
}

static void
der_put_time_with (PkinextDerWriter *w, gint64 unix_seconds, gboolean generalized)
{
	struct tm tm;
	time_t t = (time_t)unix_seconds;
	gchar buf[32];
	gint n;

	gmtime_r (&t, &tm);
	if (generalized)
		n = g_snprintf (buf,
				sizeof (buf),
				"%04d%02d%02d%02d%02d%02dZ",
				tm.tm_year + 1900,
				tm.tm_mon + 1,
				tm.tm_mday,
				tm.tm_hour,
				tm.tm_min,
				tm.tm_sec);
	else
		n = g_snprintf (buf,
				sizeof (buf),
				"%02d%02d%02d%02d%02d%02dZ",
				(tm.tm_year + 1900) % 100,
				tm.tm_mon + 1,
				tm.tm_mday,
				tm.tm_hour,
				tm.tm_min,
				tm.tm_sec);
	pkinext_der_put (w,
			 generalized ? PKINEXT_DER_GENERALIZED_TIME : PKINEXT_DER_UTC_TIME,
			 (const guint8 *)buf,
			 (gsize)n);
}

/* RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 */
void
pkinext_der_put_time (PkinextDerWriter *w, gint64 unix_seconds)
{
	struct tm tm;
	time_t t = (time_t)unix_seconds;
	gmtime_r (&t, &tm);
	der_put_time_with (w, unix_seconds, tm.tm_year + 1900 < 1950 || tm.tm_year + 1900 >= 2050);
}

void
pkinext_der_put_generalized_time (PkinextDerWriter *w, gint64 unix_seconds)
{
	der_put_time_with (w, unix_seconds, TRUE);
}

/* ---- reader ---------------------------------------------------------- */

void
pkinext_der_reader_init (PkinextDerReader *r, const guint8 *data, gsize len)
{
	static const guint8 empty[1] = {0};
	/* NULL + 0 is undefined behaviour: an empty reader points at a static byte */
	r->ptr = data != NULL ? data : empty;
	r->end = data != NULL ? data + len : empty;
}

gboolean
pkinext_der_reader_at_end (const PkinextDerReader *r)
{
	return r->ptr >= r->end;
}

gboolean
pkinext_der_reader_peek_tag (const PkinextDerReader *r, guint8 *tag)
{
	if (r->ptr >= r->end)
		return FALSE;
	*tag = r->ptr[0];
	return TRUE;
}

gboolean
pkinext_der_read (PkinextDerReader *r, PkinextDerElement *el, GError **error)
{
	const guint8 *p = r->ptr;
	gsize avail = (gsize)(r->end - p);
	gsize len = 0;
	gsize hdr = 2;

	if (avail < 2) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, "DER: truncated element");
		return FALSE;
	}
	if ((p[0] & 0x1f) == 0x1f) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: multi-byte tags are not supported");
		return FALSE;
	}
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		guint n = p[1] & 0x7f;
		if (n == 0) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_DATA,
				     "DER: indefinite length is not allowed");
			return FALSE;
		}
		if (n > 4 || avail < 2 + n) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_DATA,
				     "DER: length field too long or truncated");
			return FALSE;
		}
		if (p[2] == 0) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_DATA,
				     "DER: non-minimal length encoding");
			return FALSE;
		}
		for (guint i = 0; i < n; i++)
			len = (len << 8) | p[2 + i];
		if (len < 0x80) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_DATA,
				     "DER: non-minimal length encoding");
			return FALSE;
		}
		hdr += n;
	}
	if (len > avail - hdr) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: element of %" G_GSIZE_FORMAT " bytes overruns its container (%" G_GSIZE_FORMAT " left)",
			     len,
			     avail - hdr);
		return FALSE;
	}
	el->tag = p[0];
	el->tlv = p;
	el->tlv_len = hdr + len;
	el->content = p + hdr;
	el->len = len;
	r->ptr = p + hdr + len;
	return TRUE;
}

gboolean
pkinext_der_read_expect (PkinextDerReader *r, guint8 tag, PkinextDerElement *el, GError **error)
{
	if (!pkinext_der_read (r, el, error))
		return FALSE;
	if (el->tag != tag) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: expected tag 0x%02x, found 0x%02x",
			     tag,
			     el->tag);
		return FALSE;
	}
	return TRUE;
}

gboolean
pkinext_der_read_optional (PkinextDerReader *r, guint8 tag, PkinextDerElement *el, GError **error)
{
	guint8 next = 0;
	if (!pkinext_der_reader_peek_tag (r, &next) || next != tag)
		return FALSE;
	return pkinext_der_read (r, el, error);
}

void
pkinext_der_reader_enter (PkinextDerReader *r, const PkinextDerElement *el, PkinextDerReader *inner)
{
	pkinext_der_reader_init (inner, el->content, el->len);
}

gboolean
pkinext_der_element_get_uint (const PkinextDerElement *el, guint64 *value, GError **error)
{
	const guint8 *p = el->content;
	gsize len = el->len;
	guint64 v = 0;

	if (len == 0 || (p[0] & 0x80)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: expected a non-negative integer");
		return FALSE;
	}
	if (p[0] == 0 && len > 1) {
		p++;
		len--;
	}
	if (len > 8) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: integer too large");
		return FALSE;
	}
	for (gsize i = 0; i < len; i++)
		v = (v << 8) | p[i];
	*value = v;
	return TRUE;
}

static gboolean
parse_digits (const guint8 *p, guint n, gint *out)
{
	gint v = 0;
	for (guint i = 0; i < n; i++) {
		if (!g_ascii_isdigit (p[i]))
			return FALSE;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return TRUE;
}

static gboolean
der_parse_time (const PkinextDerElement *el, gint64 *unix_seconds)
{
	const guint8 *p = el->content;
	gint year, mon, day, hour, min, sec;
	g_autoptr(GDateTime) dt = NULL;
	guint off;

	if (el->tag == PKINEXT_DER_UTC_TIME && el->len == 13 && p[12] == 'Z') {
		if (!parse_digits (p, 2, &year))
			return FALSE;
		year += year < 50 ? 2000 : 1900;
		off = 2;
	} else if (el->tag == PKINEXT_DER_GENERALIZED_TIME && el->len == 15 && p[14] == 'Z') {
		if (!parse_digits (p, 4, &year))
			return FALSE;
		off = 4;
	} else {
		return FALSE;
	}
	if (!parse_digits (p + off, 2, &mon) || !parse_digits (p + off + 2, 2, &day) ||
	    !parse_digits (p + off + 4, 2, &hour) || !parse_digits (p + off + 6, 2, &min) ||
	    !parse_digits (p + off + 8, 2, &sec))
		return FALSE;
	dt = g_date_time_new_utc (year, mon, day, hour, min, sec);
	if (dt == NULL)
		return FALSE;
	*unix_seconds = g_date_time_to_unix (dt);
	return TRUE;
}

gboolean
pkinext_der_element_get_time (const PkinextDerElement *el, gint64 *unix_seconds, GError **error)
{
	if (!der_parse_time (el, unix_seconds)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "DER: invalid UTCTime/GeneralizedTime");
		return FALSE;
	}
	return TRUE;
}

gboolean
pkinext_der_element_oid_equal (const PkinextDerElement *el, const gchar *dotted)
{
	g_autoptr(GByteArray) tmp = g_byte_array_sized_new (16);
	if (el->tag != PKINEXT_DER_OID || !pkinext_der_encode_oid (dotted, tmp))
		return FALSE;
	return tmp->len == el->len && memcmp (tmp->data, el->content, el->len) == 0;
}
