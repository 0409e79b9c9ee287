/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target: the X.509 certificate view (PEM or DER input).
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
	g_autoptr (PkinextCertificate) crt = pkinext_certificate_new_from_data (input, &error);
	g_autoptr (GBytes) ext = NULL;
	g_autofree gchar *pem = NULL;
	GPtrArray *sans;
	gint path_len = 0;
	guint bits = 0;

	if (crt == NULL) {
		g_assert (error != NULL && error->domain == PKINEXT_ERROR);
		return 0;
	}
	g_assert (pkinext_certificate_get_serial (crt) != NULL);
	g_assert (pkinext_certificate_get_subject (crt) != NULL);
	g_assert (pkinext_certificate_get_issuer (crt) != NULL);
	(void)pkinext_certificate_get_not_before (crt);
	(void)pkinext_certificate_get_not_after (crt);
	(void)pkinext_certificate_get_key_type (crt, &bits);
	(void)pkinext_certificate_get_signature_algorithm (crt);
	(void)pkinext_certificate_is_ca (crt, &path_len);
	(void)pkinext_certificate_get_subject_key_id (crt);
	(void)pkinext_certificate_get_authority_key_id (crt);
	sans = pkinext_certificate_get_sans (crt);
	for (guint i = 0; i < sans->len; i++) {
		g_autofree gchar *text = pkinext_san_to_string (g_ptr_array_index (sans, i));
		g_assert (text != NULL);
	}
	ext = pkinext_certificate_get_extension (crt, "2.5.29.15", NULL);
	pem = pkinext_certificate_to_pem (crt);
	return 0;
}
