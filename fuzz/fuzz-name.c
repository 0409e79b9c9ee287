/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target: the small codecs under the CSR and certificate views. The first byte
 * selects the parser, the rest is its input:
 *   0 distinguished name text   1 DER Name        2 DER GeneralNames
 *   3 "type:value" SAN text     4 PEM (any label) 5 serial hex
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "pkinext.h"
#include "pkinext-san-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_name_text (const gchar *text)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GBytes) der = pkinext_name_from_string (text, &error);
	g_autofree gchar *back = NULL;
	g_autoptr (GBytes) again = NULL;

	if (der == NULL || strchr (text, '#') != NULL)
		return; /* "#hex" values may carry string types we re-encode differently */
	/* what we encode, we print, and the printed form encodes to the same DER */
	back = pkinext_name_to_string (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
	g_assert (back != NULL);
	again = pkinext_name_from_string (back, &error);
	g_assert (again != NULL && g_bytes_equal (again, der));
}

static void
fuzz_name_der (const guint8 *data, gsize size)
{
	g_autofree gchar *text = pkinext_name_to_string (data, size);
	g_autofree gchar *cn = pkinext_name_get_attribute (data, size, "CN");
	g_autoptr (GError) error = NULL;

	g_assert ((text != NULL) == pkinext_name_validate (data, size, &error));
}

static void
fuzz_general_names (const guint8 *data, gsize size)
{
	g_autoptr (GPtrArray) sans = NULL;
	g_autoptr (GError) error = NULL;

	if (!pkinext_san_parse_general_names (data, size, &sans, &error))
		return;
	for (guint i = 0; i < sans->len; i++) {
		PkinextSan *san = g_ptr_array_index (sans, i);
		g_autofree gchar *text = pkinext_san_to_string (san);
		g_autoptr (GError) local = NULL;
		(void)pkinext_san_validate (san, &local);
	}
}

static void
fuzz_san_text (const gchar *text)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextSan) san = pkinext_san_new_from_string (text, &error);
	g_autoptr (GPtrArray) one = NULL;
	g_autoptr (GPtrArray) parsed = NULL;
	PkinextDerWriter w;

	if (san == NULL)
		return;
	/* a validated name encodes, and parses back to itself */
	one = pkinext_san_array_new ();
	g_ptr_array_add (one, pkinext_san_copy (san));
	pkinext_der_writer_init (&w, 64);
	g_assert (pkinext_san_write_general_names (&w, one, &error));
	g_assert (pkinext_san_parse_general_names (pkinext_der_writer_get_data (&w),
						   pkinext_der_writer_get_size (&w), &parsed,
						   &error));
	pkinext_der_writer_clear (&w);
	g_assert (parsed->len == 1 && pkinext_san_equal (g_ptr_array_index (parsed, 0), san));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	g_autofree gchar *text = NULL;
	g_autoptr (GError) error = NULL;

	if (size < 1)
		return 0;
	text = g_strndup ((const gchar *)data + 1, size - 1);
	switch (data[0] % 6) {
	case 0:
		fuzz_name_text (text);
		break;
	case 1:
		fuzz_name_der (data + 1, size - 1);
		break;
	case 2:
		fuzz_general_names (data + 1, size - 1);
		break;
	case 3:
		fuzz_san_text (text);
		break;
	case 4: {
		g_autoptr (GPtrArray) blocks =
			pkinext_pem_decode_all ((const gchar *)data + 1, size - 1, NULL, &error);
		break;
	}
	default: {
		g_autoptr (GBytes) serial = pkinext_serial_from_hex (text, &error);
		if (serial != NULL) {
			g_autofree gchar *hex = pkinext_serial_to_hex (
				g_bytes_get_data (serial, NULL), g_bytes_get_size (serial));
			g_assert (hex != NULL);
		}
		break;
	}
	}
	return 0;
}
