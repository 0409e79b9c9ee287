/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * X.501 distinguished names (RFC 5280 Name) to and from text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * pkinext_name_from_string: encodes a DER Name (the SEQUENCE TLV) from either
 * - RFC 4514 text, most specific first: "CN=www.example.com,O=Example,C=US"
 *   (escapes \, \+ \" \\ \< \> \; \= \# and \XX; "+" joins a multi-valued RDN), or
 * - the openssl -subj slash form, most general first: "/C=US/O=Example/CN=www.example.com".
 * Attributes: CN, O, OU, C, ST, L, emailAddress (E), serialNumber, DC, UID, street, title,
 * GN, SN, postalCode; or a dotted OID. Values are UTF8String except C and serialNumber
 * (PrintableString), emailAddress and DC (IA5String). "" gives the empty Name.
 * Errors (INVALID_ARGUMENT) name the attribute and what is wrong.
 *
 * pkinext_name_to_string: RFC 4514 text, most specific first, with the short names and
 * escaping of `openssl x509 -nameopt RFC2253` (except that non-ASCII UTF-8 is kept as-is, as
 * `-nameopt RFC2253,-esc_msb` prints it). Unknown attributes print as "1.2.3.4=#<hex DER>".
 * Returns NULL if @der is not a well-formed Name.
 *
 * pkinext_name_get_attribute: the value of the first (most general) attribute named
 * @attribute ("CN", "O", ... or a dotted OID), or NULL.
 *
 * pkinext_name_equal: byte equality of the DER (what RFC 5280 path building mostly needs).
 */
GBytes *
pkinext_name_from_string (const gchar *str, GError **error) G_GNUC_WARN_UNUSED_RESULT;
gchar *
pkinext_name_to_string (const guint8 *der, gsize len) G_GNUC_WARN_UNUSED_RESULT;
gchar *
pkinext_name_get_attribute (const guint8 *der,
			    gsize len,
			    const gchar *attribute) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_name_validate (const guint8 *der, gsize len, GError **error);
gboolean
pkinext_name_equal (const guint8 *a, gsize a_len, const guint8 *b, gsize b_len);

G_END_DECLS
