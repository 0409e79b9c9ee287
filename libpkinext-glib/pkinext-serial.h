/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PKINEXT_SERIAL_LEN:
 *
 * Size in bytes of a generated serial number (128 random bits).
 */
#define PKINEXT_SERIAL_LEN 16

/*
 * pkinext_serial_generate: 16 bytes from gnutls_rnd (GNUTLS_RND_RANDOM) with the first byte
 * non-zero (so the DER INTEGER has 16 content bytes, or 17 with a 0x00 when the high bit is set).
 *
 * pkinext_serial_to_hex: canonical text of a big-endian unsigned serial (e.g. the content of a
 * DER INTEGER, a leading 0x00 included): leading zero bytes stripped, lowercase hex, "0" for zero.
 * Generated serials always give 32 characters.
 *
 * pkinext_serial_from_hex: the inverse; accepts upper/lower case and ':' separators; returns the
 * big-endian magnitude without leading zero bytes (at least one byte). At most 20 bytes
 * (RFC 5280). Errors are INVALID_ARGUMENT.
 */
gboolean
pkinext_serial_generate (guint8 out[PKINEXT_SERIAL_LEN], GError **error);
gchar *
pkinext_serial_to_hex (const guint8 *be, gsize len) G_GNUC_WARN_UNUSED_RESULT;
GBytes *
pkinext_serial_from_hex (const gchar *hex, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
