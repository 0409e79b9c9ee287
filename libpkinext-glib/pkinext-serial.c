/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Certificate serial numbers: 128 random bits, canonical lowercase hex.
 */
#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "pkinext-error.h"
#include "pkinext-serial.h"

#define SERIAL_MAX_BYTES 20 /* RFC 5280 4.1.2.2 */

/**
 * pkinext_serial_generate:
 * @out: (out caller-allocates) (array fixed-size=16): the serial, big-endian
 * @error: return location
 *
 * Draws 128 bits from the CSPRNG (GNUTLS_RND_RANDOM) with a non-zero first byte, so the
 * serial always has 16 significant bytes and 32 hex digits.
 *
 * Returns: %TRUE on success
 */
gboolean
pkinext_serial_generate (guint8 out[PKINEXT_SERIAL_LEN], GError **error)
{
	int rc = gnutls_rnd (GNUTLS_RND_RANDOM, out, PKINEXT_SERIAL_LEN);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "generating a serial number");
	while (out[0] == 0) {
		rc = gnutls_rnd (GNUTLS_RND_RANDOM, out, 1);
		if (rc < 0)
			return pkinext_error_set_gnutls (error, rc, "generating a serial number");
	}
	return TRUE;
}

/**
 * pkinext_serial_to_hex:
 * @be: (array length=len): big-endian unsigned serial (leading zero bytes allowed)
 * @len: length of @be
 *
 * Returns: (transfer full): lowercase hex without leading zero bytes; "0" for zero
 */
gchar *
pkinext_serial_to_hex (const guint8 *be, gsize len)
{
	static const gchar digits[] = "0123456789abcdef";
	gchar *out;

	while (len > 0 && be[0] == 0) {
		be++;
		len--;
	}
	if (len == 0)
		return g_strdup ("0");
	out = g_malloc (len * 2 + 1);
	for (gsize i = 0; i < len; i++) {
		out[2 * i] = digits[be[i] >> 4];
		out[2 * i + 1] = digits[be[i] & 0x0f];
	}
	out[len * 2] = '\0';
	return out;
}

/**
 * pkinext_serial_from_hex:
 * @hex: hex digits, optionally separated by ':'
 * @error: return location
 *
 * Returns: (transfer full): the big-endian magnitude without leading zero bytes
 */
GBytes *
pkinext_serial_from_hex (const gchar *hex, GError **error)
{
	g_autoptr (GByteArray) out = g_byte_array_new ();
	g_autofree gchar *digits = NULL;
	gsize n = 0;
	gsize start = 0;

	if (hex == NULL || *hex == '\0') {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "serial number: empty");
		return NULL;
	}
	digits = g_malloc (strlen (hex) + 2);
	for (const gchar *p = hex; *p != '\0'; p++) {
		if (*p == ':')
			continue;
		if (!g_ascii_isxdigit (*p)) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "serial number \"%s\": not hexadecimal", hex);
			return NULL;
		}
		digits[n++] = *p;
	}
	while (start + 1 < n && digits[start] == '0')
		start++;
	if (n == 0 || (n - start + 1) / 2 > SERIAL_MAX_BYTES) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "serial number \"%s\": %s", hex,
			     n == 0 ? "no digits" : "longer than 20 bytes");
		return NULL;
	}
	if ((n - start) % 2 != 0) {
		guint8 b = (guint8)g_ascii_xdigit_value (digits[start]);
		g_byte_array_append (out, &b, 1);
		start++;
	}
	for (gsize i = start; i < n; i += 2) {
		guint8 b = (guint8)(g_ascii_xdigit_value (digits[i]) << 4 |
				    g_ascii_xdigit_value (digits[i + 1]));
		g_byte_array_append (out, &b, 1);
	}
	return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
