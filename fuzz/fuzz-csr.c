/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target: PKCS#10 parsing and proof-of-possession (PEM or DER input).
 */
#include "config.h"

#include <stdint.h>

#include "pkinext.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	g_autoptr (GBytes) input = g_bytes_new_static (data, size);
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCsr) csr = pkinext_csr_new_from_data (input, &error);
	g_autoptr (GBytes) ext = NULL;
	g_autoptr (GBytes) key_id = NULL;
	g_autofree gchar *pem = NULL;
	GPtrArray *sans;
	guint bits = 0;

	if (csr == NULL) {
		g_assert (error != NULL && error->domain == PKINEXT_ERROR);
		return 0;
	}
	g_assert (pkinext_csr_get_subject (csr) != NULL);
	(void)pkinext_csr_get_common_name (csr);
	(void)pkinext_csr_get_key_type (csr, &bits);
	(void)pkinext_csr_get_signature_algorithm (csr);
	(void)pkinext_csr_get_challenge_password (csr);
	sans = pkinext_csr_get_sans (csr);
	for (guint i = 0; i < sans->len; i++) {
		g_autofree gchar *text = pkinext_san_to_string (g_ptr_array_index (sans, i));
		g_assert (text != NULL);
	}
	ext = pkinext_csr_get_extension (csr, "2.5.29.17", NULL);
	key_id = pkinext_csr_get_subject_key_id (csr);
	pem = pkinext_csr_to_pem (csr);
	return 0;
}
