/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextOcsp"

#include "config.h"

#include <string.h>

#include "pkinext-error.h"
#include "pkinext-ocsp-cert-id-private.h"
#include "pkinext-revocation-private.h"

G_DEFINE_BOXED_TYPE (PkinextOcspCertId,
		     pkinext_ocsp_cert_id,
		     pkinext_ocsp_cert_id_copy,
		     pkinext_ocsp_cert_id_free)

PkinextOcspCertId *
pkinext_ocsp_cert_id_copy (const PkinextOcspCertId *id)
{
	return g_memdup2 (id, sizeof (*id));
}

void
pkinext_ocsp_cert_id_free (PkinextOcspCertId *id)
{
	g_free (id);
}

/**
 * pkinext_ocsp_cert_id_equal:
 * @a: a CertID
 * @b: another CertID
 *
 * Returns: %TRUE if both name the same certificate with the same hash algorithm
 */
gboolean
pkinext_ocsp_cert_id_equal (const PkinextOcspCertId *a, const PkinextOcspCertId *b)
{
	return a->hash_algorithm == b->hash_algorithm && a->hash_len == b->hash_len &&
	       a->serial_len == b->serial_len &&
	       memcmp (a->issuer_name_hash, b->issuer_name_hash, a->hash_len) == 0 &&
	       memcmp (a->issuer_key_hash, b->issuer_key_hash, a->hash_len) == 0 &&
	       memcmp (a->serial, b->serial, a->serial_len) == 0;
}

/**
 * pkinext_ocsp_cert_id_get_serial_hex:
 * @id: a CertID
 *
 * Returns: (transfer full): the serial number as lowercase hex without leading
 *   zero octets, the form serials are stored in
 */
gchar *
pkinext_ocsp_cert_id_get_serial_hex (const PkinextOcspCertId *id)
{
	static const gchar digits[] = "0123456789abcdef";
	gsize i = 0;
	gchar *hex;
	gchar *p;

	while (i + 1 < id->serial_len && id->serial[i] == 0)
		i++;
	hex = g_new (gchar, 2 * (id->serial_len - i) + 1);
	p = hex;
	for (; i < id->serial_len; i++) {
		*p++ = digits[id->serial[i] >> 4];
		*p++ = digits[id->serial[i] & 0x0f];
	}
	*p = '\0';
	return hex;
}

/**
 * pkinext_ocsp_cert_id_compute_issuer_hashes:
 * @hash_algorithm: %G_CHECKSUM_SHA1, %G_CHECKSUM_SHA256, %G_CHECKSUM_SHA384 or
 *   %G_CHECKSUM_SHA512
 * @issuer_name: the issuing CA's subject, DER Name
 * @issuer_public_key: the issuing CA's SubjectPublicKeyInfo, DER
 * @issuer_name_hash: (out caller-allocates): %PKINEXT_OCSP_HASH_MAX_SIZE octets
 * @issuer_key_hash: (out caller-allocates): %PKINEXT_OCSP_HASH_MAX_SIZE octets
 * @hash_len: (out): the digest length
 * @error: return location
 *
 * Computes the issuerNameHash (over the DER Name) and issuerKeyHash (over the
 * subjectPublicKey BIT STRING contents, not the whole SubjectPublicKeyInfo) a
 * CertID carries for certificates of this issuer, so requests can be matched to
 * the CAs a server serves.
 *
 * Returns: %FALSE if the algorithm is not supported or the key does not parse
 */
gboolean
pkinext_ocsp_cert_id_compute_issuer_hashes (GChecksumType hash_algorithm,
					    GBytes *issuer_name,
					    GBytes *issuer_public_key,
					    guint8 *issuer_name_hash,
					    guint8 *issuer_key_hash,
					    gsize *hash_len,
					    GError **error)
{
	gsize name_len = 0;
	const guint8 *name = g_bytes_get_data (issuer_name, &name_len);

	if (pkinext_revocation_checksum_length (hash_algorithm) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "OCSP CertID hash must be SHA-1, SHA-256, SHA-384 or SHA-512");
		return FALSE;
	}
	if (!pkinext_revocation_key_hash (issuer_public_key, hash_algorithm, issuer_key_hash,
					  hash_len, error))
		return FALSE;
	pkinext_revocation_checksum_digest (hash_algorithm, name, name_len, issuer_name_hash);
	return TRUE;
}

static gboolean
cert_id_parse_algorithm (PkinextDerReader *r, PkinextOcspCertId *id, GError **error)
{
	static const GChecksumType hashes[] = {G_CHECKSUM_SHA1, G_CHECKSUM_SHA256,
					       G_CHECKSUM_SHA384, G_CHECKSUM_SHA512};
	PkinextDerElement el;
	PkinextDerReader alg;
	g_autofree gchar *oid = NULL;

	if (!pkinext_der_read_expect (r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	pkinext_der_reader_enter (r, &el, &alg);
	if (!pkinext_der_read_expect (&alg, PKINEXT_DER_OID, &el, error))
		return FALSE;
	id->hash_len = 0;
	for (guint i = 0; i < G_N_ELEMENTS (hashes); i++) {
		if (pkinext_der_element_oid_equal (&el,
						   pkinext_revocation_checksum_oid (hashes[i]))) {
			id->hash_algorithm = hashes[i];
			id->hash_len = pkinext_revocation_checksum_length (hashes[i]);
		}
	}
	if (id->hash_len == 0) {
		oid = pkinext_der_decode_oid (el.content, el.len);
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			"hash algorithm %s is not supported (SHA-1, SHA-256, SHA-384, SHA-512)",
			oid != NULL ? oid : "(invalid OID)");
		return FALSE;
	}
	id->hash_parameters_absent = pkinext_der_reader_at_end (&alg);
	if (!id->hash_parameters_absent &&
	    (!pkinext_der_read_expect (&alg, PKINEXT_DER_NULL, &el, error) || el.len != 0 ||
	     !pkinext_der_reader_at_end (&alg))) {
		g_clear_error (error);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "hash algorithm parameters must be NULL or absent");
		return FALSE;
	}
	return TRUE;
}

static gboolean
cert_id_read_hash (
	PkinextDerReader *r, const gchar *what, gsize expected, guint8 *out, GError **error)
{
	PkinextDerElement el;

	if (!pkinext_der_read_expect (r, PKINEXT_DER_OCTET_STRING, &el, error)) {
		g_prefix_error (error, "%s: ", what);
		return FALSE;
	}
	if (el.len != expected) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "%s has %" G_GSIZE_FORMAT
			     " octets, the hash algorithm gives %" G_GSIZE_FORMAT,
			     what, el.len, expected);
		return FALSE;
	}
	memcpy (out, el.content, el.len);
	return TRUE;
}

static gboolean
cert_id_read_serial (PkinextDerReader *r, PkinextOcspCertId *id, GError **error)
{
	PkinextDerElement el;
	const guint8 *c;

	if (!pkinext_der_read_expect (r, PKINEXT_DER_INTEGER, &el, error)) {
		g_prefix_error (error, "serialNumber: ");
		return FALSE;
	}
	c = el.content;
	if (el.len == 0 || el.len > PKINEXT_OCSP_SERIAL_MAX_SIZE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "serialNumber of %" G_GSIZE_FORMAT " octets (1 to %d allowed)", el.len,
			     PKINEXT_OCSP_SERIAL_MAX_SIZE);
		return FALSE;
	}
	if (el.len > 1 && ((c[0] == 0x00 && !(c[1] & 0x80)) || (c[0] == 0xff && (c[1] & 0x80)))) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "serialNumber is not minimally encoded (DER)");
		return FALSE;
	}
	memcpy (id->serial, c, el.len);
	id->serial_len = el.len;
	return TRUE;
}

gboolean
pkinext_ocsp_cert_id_parse (const PkinextDerElement *el, PkinextOcspCertId *id, GError **error)
{
	PkinextDerReader r;

	memset (id, 0, sizeof (*id));
	if (el->tag != PKINEXT_DER_SEQUENCE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "CertID: expected a SEQUENCE, found tag 0x%02x", el->tag);
		return FALSE;
	}
	pkinext_der_reader_init (&r, el->content, el->len);
	if (!cert_id_parse_algorithm (&r, id, error) ||
	    !cert_id_read_hash (&r, "issuerNameHash", id->hash_len, id->issuer_name_hash, error) ||
	    !cert_id_read_hash (&r, "issuerKeyHash", id->hash_len, id->issuer_key_hash, error) ||
	    !cert_id_read_serial (&r, id, error)) {
		g_prefix_error (error, "CertID: ");
		return FALSE;
	}
	if (!pkinext_der_reader_at_end (&r)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "CertID: unexpected data after serialNumber");
		return FALSE;
	}
	return TRUE;
}

void
pkinext_ocsp_cert_id_write (PkinextDerWriter *w, const PkinextOcspCertId *id)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, pkinext_revocation_checksum_oid (id->hash_algorithm));
	if (!id->hash_parameters_absent)
		pkinext_der_put_null (w);
	pkinext_der_end (w);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, id->issuer_name_hash, id->hash_len);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, id->issuer_key_hash, id->hash_len);
	pkinext_der_put (w, PKINEXT_DER_INTEGER, id->serial, id->serial_len);
	pkinext_der_end (w);
}
