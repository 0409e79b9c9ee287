/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PEM (RFC 7468) encoding and decoding.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * pkinext_pem_decode: the first block labelled @label ("CERTIFICATE REQUEST"; NULL = any
 * label). "NEW CERTIFICATE REQUEST" is accepted where "CERTIFICATE REQUEST" is asked for.
 * Errors are INVALID_DATA: no PEM block, a block with another label (the message names
 * both), bad base64, a missing END line.
 *
 * pkinext_pem_decode_all: every block labelled @label, in order (e.g. a chain), as a
 * GPtrArray of GBytes; an error if there is none.
 *
 * pkinext_pem_encode: "-----BEGIN label-----\n" + base64 in 64-column lines + END line.
 *
 * pkinext_pem_is_pem: whether @data looks like PEM ("-----BEGIN " after optional
 * leading whitespace / text) rather than DER.
 *
 * pkinext_pem_or_der: @data if it is DER (starts with a SEQUENCE tag), else the decoded
 * PEM block labelled @label.
 */
GBytes *
pkinext_pem_decode (const gchar *data,
		    gsize len,
		    const gchar *label,
		    GError **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *
pkinext_pem_decode_all (const gchar *data,
			gsize len,
			const gchar *label,
			GError **error) G_GNUC_WARN_UNUSED_RESULT;
gchar *
pkinext_pem_encode (const gchar *label, GBytes *der) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_pem_is_pem (const guint8 *data, gsize len);
GBytes *
pkinext_pem_or_der (GBytes *data, const gchar *label, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
