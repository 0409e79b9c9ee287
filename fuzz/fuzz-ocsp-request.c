/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target: OCSP request parsing (untrusted network input). Every CertID that
 * parses must survive the round trip through the writer the responder echoes it with.
 */
#include "config.h"

#include <stdint.h>

#include "pkinext-ocsp-cert-id-private.h"
#include "pkinext.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (const PkinextOcspCertId *id)
{
	PkinextDerWriter w;
	PkinextDerReader r;
	PkinextDerElement el;
	PkinextOcspCertId again;
	g_autoptr(GBytes) der = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *serial = pkinext_ocsp_cert_id_get_serial_hex (id);

	g_assert (serial != NULL && serial[0] != '\0');
	pkinext_der_writer_init (&w, 256);
	pkinext_ocsp_cert_id_write (&w, id);
	der = pkinext_der_writer_steal (&w);
	pkinext_der_reader_init (&r, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
	g_assert (pkinext_der_read (&r, &el, &error));
	g_assert (pkinext_ocsp_cert_id_parse (&el, &again, &error));
	g_assert (pkinext_ocsp_cert_id_equal (id, &again));
	g_assert (id->hash_parameters_absent == again.hash_parameters_absent);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	g_autoptr(GBytes) input = g_bytes_new_static (data, size);
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextOcspRequest) req = pkinext_ocsp_request_new_from_data (input, &error);
	GBytes *nonce;

	if (req == NULL) {
		g_assert (error != NULL && error->domain == PKINEXT_ERROR &&
			  error->code == PKINEXT_ERROR_INVALID_DATA);
		return 0;
	}
	g_assert (pkinext_ocsp_request_get_n_cert_ids (req) >= 1);
	g_assert (pkinext_ocsp_request_get_n_cert_ids (req) <= PKINEXT_OCSP_REQUEST_MAX_CERT_IDS);
	for (guint i = 0; i < pkinext_ocsp_request_get_n_cert_ids (req); i++)
		check_round_trip (pkinext_ocsp_request_get_cert_id (req, i));
	nonce = pkinext_ocsp_request_get_nonce (req);
	if (nonce != NULL)
		g_assert (g_bytes_get_size (nonce) >= 1 && g_bytes_get_size (nonce) <= 34);
	(void)pkinext_ocsp_request_is_signed (req);
	return 0;
}
