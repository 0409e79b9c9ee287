/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Building PKCS#10 requests (RFC 2986) for our own keys, e.g. an intermediate CA whose
 * parent is an external CA.
 */
#include "config.h"

#include "pkinext-csr-builder.h"
#include "pkinext-error.h"
#include "pkinext-name.h"
#include "pkinext-san-private.h"

#define OID_EXTENSION_REQUEST "1.2.840.113549.1.9.14"
#define OID_SUBJECT_ALT_NAME  "2.5.29.17"

/* attributes [0] { extensionRequest { subjectAltName } } */
static gboolean
csr_builder_write_attributes (PkinextDerWriter *w, GPtrArray *sans, GError **error)
{
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	if (sans != NULL && sans->len > 0) {
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (w, OID_EXTENSION_REQUEST);
		pkinext_der_begin (w, PKINEXT_DER_SET);
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE); /* Extensions */
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE); /* Extension */
		pkinext_der_put_oid (w, OID_SUBJECT_ALT_NAME);
		pkinext_der_begin (w, PKINEXT_DER_OCTET_STRING);
		if (!pkinext_san_write_general_names (w, sans, error))
			return FALSE;
		pkinext_der_end (w);
		pkinext_der_end (w);
		pkinext_der_end (w);
		pkinext_der_end (w);
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
	return TRUE;
}

static GBytes *
csr_builder_tbs (PkinextSigner *signer, const gchar *subject, GPtrArray *sans, GError **error)
{
	g_autoptr (GBytes) name = NULL;
	GBytes *spki = pkinext_signer_get_public_key (signer);
	PkinextDerWriter w;

	name = pkinext_name_from_string (subject != NULL ? subject : "", error);
	if (name == NULL)
		return NULL;
	if (spki == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "the signer has no public key");
		return NULL;
	}
	for (guint i = 0; sans != NULL && i < sans->len; i++) {
		if (!pkinext_san_validate (g_ptr_array_index (sans, i), error))
			return NULL;
	}
	pkinext_der_writer_init (&w, 512);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, 0);
	pkinext_der_put_bytes_raw (&w, name);
	pkinext_der_put_bytes_raw (&w, spki);
	if (!csr_builder_write_attributes (&w, sans, error)) {
		pkinext_der_writer_clear (&w);
		return NULL;
	}
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

/**
 * pkinext_csr_build:
 * @signer: the key to request a certificate for; it signs the request
 * @subject: (nullable): the subject, RFC 4514 or slash form
 * @sans: (nullable) (element-type PkinextSan): subject alternative names to request
 * @error: return location
 *
 * Returns: (transfer full): the DER PKCS#10 request
 */
GBytes *
pkinext_csr_build (PkinextSigner *signer, const gchar *subject, GPtrArray *sans, GError **error)
{
	g_autoptr (GBytes) tbs = NULL;
	g_autoptr (GBytes) alg_id = NULL;
	g_autoptr (GBytes) signature = NULL;
	gsize tbs_len = 0, sig_len = 0;
	const guint8 *tbs_data, *sig_data;
	PkinextDerWriter w;

	g_return_val_if_fail (PKINEXT_IS_SIGNER (signer), NULL);
	tbs = csr_builder_tbs (signer, subject, sans, error);
	if (tbs == NULL) {
		g_prefix_error (error, "building a CSR: ");
		return NULL;
	}
	alg_id = pkinext_algorithm_get_identifier_der (pkinext_signer_get_algorithm (signer));
	if (alg_id == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "building a CSR: the signer has no signature algorithm");
		return NULL;
	}
	tbs_data = g_bytes_get_data (tbs, &tbs_len);
	signature = pkinext_signer_sign (signer, tbs_data, tbs_len, error);
	if (signature == NULL) {
		g_prefix_error (error, "signing a CSR: ");
		return NULL;
	}
	sig_data = g_bytes_get_data (signature, &sig_len);
	pkinext_der_writer_init (&w, tbs_len + sig_len + 64);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_bytes_raw (&w, tbs);
	pkinext_der_put_bytes_raw (&w, alg_id);
	pkinext_der_put_bit_string (&w, sig_data, sig_len);
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}
