/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Builds RFC 6960 OCSP responses (RFC 5019 profile) with our DER writer; GnuTLS
 * cannot build them. Everything that does not change per response (responderID,
 * the issuer hashes for every CertID algorithm, the signature AlgorithmIdentifier,
 * the delegated responder's certificate) is computed once at construction, so a
 * response costs one small buffer and one signature. A responder is immutable
 * after construction: build() may be called from several threads at once.
 */
#define G_LOG_DOMAIN "PkinextOcsp"

#include "config.h"

#include <gnutls/x509.h>
#include <string.h>

#include "pkinext-certificate.h"
#include "pkinext-error.h"
#include "pkinext-ocsp-cert-id-private.h"
#include "pkinext-ocsp-responder.h"
#include "pkinext-revocation-private.h"

#define OID_OCSP_BASIC	 "1.3.6.1.5.5.7.48.1.1"
#define OID_OCSP_NONCE	 "1.3.6.1.5.5.7.48.1.2"
#define OID_OCSP_NOCHECK "1.3.6.1.5.5.7.48.1.5"
#define RESPONDER_ID_LEN 24
#define N_ISSUER_HASHES	 4

typedef struct {
	GChecksumType algorithm;
	gsize len;
	guint8 name[PKINEXT_OCSP_HASH_MAX_SIZE];
	guint8 key[PKINEXT_OCSP_HASH_MAX_SIZE];
} IssuerHashes;

struct _PkinextOcspResponder {
	GObject parent_instance;
	PkinextSigner *signer;
	GBytes *sig_alg;		       /* AlgorithmIdentifier TLV */
	guint8 responder_id[RESPONDER_ID_LEN]; /* byKey [2] EXPLICIT KeyHash */
	GBytes *certs;			       /* [0] EXPLICIT SEQUENCE OF Certificate, or NULL */
	IssuerHashes hashes[N_ISSUER_HASHES];
	gboolean delegated;
};

G_DEFINE_TYPE (PkinextOcspResponder, pkinext_ocsp_responder, G_TYPE_OBJECT)

static void
pkinext_ocsp_responder_finalize (GObject *object)
{
	PkinextOcspResponder *self = PKINEXT_OCSP_RESPONDER (object);

	g_clear_object (&self->signer);
	g_clear_pointer (&self->sig_alg, g_bytes_unref);
	g_clear_pointer (&self->certs, g_bytes_unref);
	G_OBJECT_CLASS (pkinext_ocsp_responder_parent_class)->finalize (object);
}

static void
pkinext_ocsp_responder_class_init (PkinextOcspResponderClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_ocsp_responder_finalize;
}

static void
pkinext_ocsp_responder_init (PkinextOcspResponder *self)
{
}

/* ---- delegation --------------------------------------------------------- */

static gboolean
responder_has_ocsp_signing (gnutls_x509_crt_t crt)
{
	for (guint i = 0;; i++) {
		gchar oid[128];
		size_t size = sizeof (oid);
		if (gnutls_x509_crt_get_key_purpose_oid (crt, i, oid, &size, NULL) < 0)
			return FALSE;
		if (g_strcmp0 (oid, GNUTLS_KP_OCSP_SIGNING) == 0)
			return TRUE;
	}
}

static gboolean
responder_check_crts (gnutls_x509_crt_t crt, gnutls_x509_crt_t ca, GError **error)
{
	guint status = 0;
	size_t size = 0;
	guint critical = 0;
	int rc;

	rc = gnutls_x509_crt_verify (crt, &ca, 1, 0, &status);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "verifying the responder certificate");
	if (status != 0) {
		gnutls_datum_t text = {NULL, 0};
		gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0);
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			"the delegated OCSP responder certificate is not valid for this CA: %s",
			text.data != NULL ? (const gchar *)text.data : "verification failed");
		gnutls_free (text.data);
		return FALSE;
	}
	if (!responder_has_ocsp_signing (crt)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "the delegated OCSP responder certificate lacks extendedKeyUsage "
			     "id-kp-OCSPSigning (RFC 6960 4.2.2.2)");
		return FALSE;
	}
	rc = gnutls_x509_crt_get_extension_by_oid (crt, OID_OCSP_NOCHECK, 0, NULL, &size,
						   &critical);
	if (rc < 0 && rc != GNUTLS_E_SHORT_MEMORY_BUFFER)
		g_info ("the delegated OCSP responder certificate has no id-pkix-ocsp-nocheck: "
			"clients may try to check its revocation status");
	return TRUE;
}

/* a delegated responder's certificate must be issued by the CA and assert OCSPSigning */
static gboolean
responder_check_delegation (GBytes *responder_cert, GBytes *ca_cert, GError **error)
{
	gnutls_x509_crt_t crt = NULL;
	gnutls_x509_crt_t ca = NULL;
	gsize len = 0;
	gnutls_datum_t d;
	gboolean ok = FALSE;
	int rc;

	gnutls_x509_crt_init (&crt);
	gnutls_x509_crt_init (&ca);
	d.data = (guint8 *)g_bytes_get_data (responder_cert, &len);
	d.size = (guint)len;
	rc = gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_DER);
	if (rc >= 0) {
		d.data = (guint8 *)g_bytes_get_data (ca_cert, &len);
		d.size = (guint)len;
		rc = gnutls_x509_crt_import (ca, &d, GNUTLS_X509_FMT_DER);
	}
	if (rc < 0)
		pkinext_error_set_gnutls (error, rc, "importing the responder or CA certificate");
	else
		ok = responder_check_crts (crt, ca, error);
	gnutls_x509_crt_deinit (crt);
	gnutls_x509_crt_deinit (ca);
	return ok;
}

/* ---- construction ------------------------------------------------------- */

static gboolean
responder_precompute (PkinextOcspResponder *self,
		      PkinextCertificate *ca,
		      GBytes *signer_spki,
		      GError **error)
{
	static const GChecksumType algs[N_ISSUER_HASHES] = {G_CHECKSUM_SHA1, G_CHECKSUM_SHA256,
							    G_CHECKSUM_SHA384, G_CHECKSUM_SHA512};
	static const guint8 byKey_prefix[] = {0xa2, 0x16, 0x04, 0x14};
	gsize len = 0;

	for (guint i = 0; i < N_ISSUER_HASHES; i++) {
		self->hashes[i].algorithm = algs[i];
		if (!pkinext_ocsp_cert_id_compute_issuer_hashes (
			    algs[i], pkinext_certificate_get_subject_der (ca),
			    pkinext_certificate_get_public_key (ca), self->hashes[i].name,
			    self->hashes[i].key, &self->hashes[i].len, error))
			return FALSE;
	}
	memcpy (self->responder_id, byKey_prefix, sizeof (byKey_prefix));
	return pkinext_revocation_key_hash (signer_spki, G_CHECKSUM_SHA1,
					    self->responder_id + sizeof (byKey_prefix), &len,
					    error);
}

static void
responder_set_certs (PkinextOcspResponder *self, GBytes *responder_cert)
{
	PkinextDerWriter w;

	pkinext_der_writer_init (&w, g_bytes_get_size (responder_cert) + 16);
	pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_bytes_raw (&w, responder_cert);
	pkinext_der_end (&w);
	pkinext_der_end (&w);
	self->certs = pkinext_der_writer_steal (&w);
}

/**
 * pkinext_ocsp_responder_new:
 * @signer: the key that signs responses: the CA itself, or a delegated responder
 *   whose certificate (set with pkinext_signer_set_certificate()) is issued by the
 *   CA and asserts id-kp-OCSPSigning (and should carry id-pkix-ocsp-nocheck)
 * @issuer_certificate: (nullable): the CA certificate (DER) whose certificates are
 *   answered for; %NULL if @signer is the CA and has its certificate set
 * @error: return location
 *
 * A response builder for one CA. Responses carry responderID byKey; a delegated
 * responder's certificate is included in certs so clients can verify it.
 *
 * Returns: (transfer full): a responder, or %NULL with @error set
 */
PkinextOcspResponder *
pkinext_ocsp_responder_new (PkinextSigner *signer, GBytes *issuer_certificate, GError **error)
{
	g_autoptr(PkinextOcspResponder) self = NULL;
	g_autoptr(PkinextCertificate) ca = NULL;
	GBytes *signer_cert = pkinext_signer_get_certificate (signer);
	GBytes *signer_spki = pkinext_signer_get_public_key (signer);

	g_return_val_if_fail (PKINEXT_IS_SIGNER (signer), NULL);
	if (issuer_certificate == NULL)
		issuer_certificate = signer_cert;
	if (issuer_certificate == NULL || signer_spki == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "OCSP responder: no CA certificate given and the signer has none");
		return NULL;
	}
	ca = pkinext_certificate_new_from_data (issuer_certificate, error);
	if (ca == NULL) {
		g_prefix_error (error, "OCSP responder: CA certificate: ");
		return NULL;
	}
	self = g_object_new (PKINEXT_TYPE_OCSP_RESPONDER, NULL);
	self->signer = g_object_ref (signer);
	self->sig_alg =
		pkinext_algorithm_get_identifier_der (pkinext_signer_get_algorithm (signer));
	self->delegated = !g_bytes_equal (signer_spki, pkinext_certificate_get_public_key (ca));
	if (self->delegated) {
		if (signer_cert == NULL) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "OCSP responder: the signer is not the CA's key and has no "
				     "delegated responder certificate");
			return NULL;
		}
		if (!responder_check_delegation (signer_cert, issuer_certificate, error))
			return NULL;
		responder_set_certs (self, signer_cert);
	}
	if (self->sig_alg == NULL || !responder_precompute (self, ca, signer_spki, error)) {
		if (error != NULL && *error == NULL)
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
				     "OCSP responder: unknown signer algorithm");
		return NULL;
	}
	return g_steal_pointer (&self);
}

/**
 * pkinext_ocsp_responder_is_delegated:
 * @self: a #PkinextOcspResponder
 *
 * Returns: %TRUE if responses are signed by a delegated responder, not the CA
 */
gboolean
pkinext_ocsp_responder_is_delegated (PkinextOcspResponder *self)
{
	g_return_val_if_fail (PKINEXT_IS_OCSP_RESPONDER (self), FALSE);
	return self->delegated;
}

static const IssuerHashes *
responder_get_hashes (PkinextOcspResponder *self, GChecksumType algorithm)
{
	for (guint i = 0; i < N_ISSUER_HASHES; i++) {
		if (self->hashes[i].algorithm == algorithm)
			return &self->hashes[i];
	}
	return NULL;
}

/**
 * pkinext_ocsp_responder_serves:
 * @self: a #PkinextOcspResponder
 * @cert_id: a CertID from a request
 *
 * Returns: %TRUE if @cert_id names a certificate of this responder's CA (its
 *   issuerNameHash and issuerKeyHash match); otherwise answer unauthorized
 */
gboolean
pkinext_ocsp_responder_serves (PkinextOcspResponder *self, const PkinextOcspCertId *cert_id)
{
	const IssuerHashes *h;

	g_return_val_if_fail (PKINEXT_IS_OCSP_RESPONDER (self), FALSE);
	h = responder_get_hashes (self, cert_id->hash_algorithm);
	return h != NULL && cert_id->hash_len == h->len &&
	       memcmp (cert_id->issuer_name_hash, h->name, h->len) == 0 &&
	       memcmp (cert_id->issuer_key_hash, h->key, h->len) == 0;
}

/**
 * pkinext_ocsp_responder_make_cert_id:
 * @self: a #PkinextOcspResponder
 * @hash_algorithm: %G_CHECKSUM_SHA1 (RFC 5019), %G_CHECKSUM_SHA256, ...
 * @serial_hex: the certificate's serial number in hex
 * @cert_id: (out caller-allocates): the CertID
 * @error: return location
 *
 * Fills a CertID for a certificate of this CA from the precomputed issuer hashes,
 * for pre-signing responses without a request.
 *
 * Returns: %FALSE if the serial or algorithm is invalid
 */
gboolean
pkinext_ocsp_responder_make_cert_id (PkinextOcspResponder *self,
				     GChecksumType hash_algorithm,
				     const gchar *serial_hex,
				     PkinextOcspCertId *cert_id,
				     GError **error)
{
	const IssuerHashes *h = responder_get_hashes (self, hash_algorithm);
	guint8 serial[20];
	gsize len = 0;

	g_return_val_if_fail (PKINEXT_IS_OCSP_RESPONDER (self), FALSE);
	if (h == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "OCSP CertID hash must be SHA-1, SHA-256, SHA-384 or SHA-512");
		return FALSE;
	}
	if (!pkinext_revocation_serial_from_hex (serial_hex, serial, &len, error))
		return FALSE;
	memset (cert_id, 0, sizeof (*cert_id));
	cert_id->hash_algorithm = hash_algorithm;
	cert_id->hash_len = h->len;
	memcpy (cert_id->issuer_name_hash, h->name, h->len);
	memcpy (cert_id->issuer_key_hash, h->key, h->len);
	/* INTEGER contents: a leading zero octet keeps the number positive */
	if (serial[0] & 0x80)
		cert_id->serial[cert_id->serial_len++] = 0;
	memcpy (cert_id->serial + cert_id->serial_len, serial, len);
	cert_id->serial_len += len;
	return TRUE;
}

/* ---- building ----------------------------------------------------------- */

static gboolean
responder_check_single (const PkinextOcspSingleResponse *r, guint index, GError **error)
{
	const gchar *problem = NULL;

	if (pkinext_revocation_checksum_length (r->cert_id.hash_algorithm) != r->cert_id.hash_len ||
	    r->cert_id.serial_len == 0 || r->cert_id.serial_len > PKINEXT_OCSP_SERIAL_MAX_SIZE)
		problem = "invalid CertID";
	else if (r->status > PKINEXT_OCSP_CERT_STATUS_UNKNOWN)
		problem = "invalid certificate status";
	else if (r->status == PKINEXT_OCSP_CERT_STATUS_REVOKED &&
		 (!pkinext_revocation_reason_is_valid ((gint)r->reason) ||
		  r->reason == PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL))
		problem = "invalid revocation reason (removeFromCRL means good)";
	else if (r->status == PKINEXT_OCSP_CERT_STATUS_REVOKED && r->revocation_time <= 0)
		problem = "revoked without a revocation time";
	else if (r->next_update != 0 && r->next_update <= r->this_update)
		problem = "nextUpdate is not after thisUpdate";
	if (problem == NULL)
		return TRUE;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT, "OCSP response %u: %s",
		     index, problem);
	return FALSE;
}

static void
responder_write_single (PkinextDerWriter *w, const PkinextOcspSingleResponse *r, gint64 now)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_ocsp_cert_id_write (w, &r->cert_id);
	switch (r->status) {
	case PKINEXT_OCSP_CERT_STATUS_GOOD:
		pkinext_der_put (w, PKINEXT_DER_CONTEXT (0), NULL, 0);
		break;
	case PKINEXT_OCSP_CERT_STATUS_REVOKED:
		pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (1));
		pkinext_der_put_generalized_time (w, r->revocation_time);
		if (r->reason != PKINEXT_REVOCATION_REASON_UNSPECIFIED) {
			pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
			pkinext_der_put_uint (w, PKINEXT_DER_ENUMERATED, (guint64)r->reason);
			pkinext_der_end (w);
		}
		pkinext_der_end (w);
		break;
	case PKINEXT_OCSP_CERT_STATUS_UNKNOWN:
	default:
		pkinext_der_put (w, PKINEXT_DER_CONTEXT (2), NULL, 0);
		break;
	}
	pkinext_der_put_generalized_time (w, r->this_update != 0 ? r->this_update : now);
	if (r->next_update != 0) {
		pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_put_generalized_time (w, r->next_update);
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
}

static void
responder_write_response_data (PkinextOcspResponder *self,
			       PkinextDerWriter *w,
			       const PkinextOcspSingleResponse *responses,
			       guint n_responses,
			       GBytes *nonce,
			       gint64 produced_at)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_raw (w, self->responder_id, sizeof (self->responder_id));
	pkinext_der_put_generalized_time (w, produced_at);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; i < n_responses; i++)
		responder_write_single (w, &responses[i], produced_at);
	pkinext_der_end (w);
	if (nonce != NULL) {
		pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (1));
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (w, OID_OCSP_NONCE);
		pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, g_bytes_get_data (nonce, NULL),
				 g_bytes_get_size (nonce));
		pkinext_der_end (w);
		pkinext_der_end (w);
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
}

/**
 * pkinext_ocsp_responder_build:
 * @self: a #PkinextOcspResponder
 * @responses: (array length=n_responses): the statuses to answer with, normally one
 *   per CertID of the request, in its order
 * @n_responses: at least 1
 * @nonce: (nullable): the request's nonce (pkinext_ocsp_request_get_nonce()) to echo
 * @produced_at: unix time, or 0 for now; also thisUpdate where that is 0
 * @error: return location
 *
 * Builds and signs a BasicOCSPResponse and wraps it in a successful OCSPResponse.
 * The CertIDs are not checked against this CA: match requests with
 * pkinext_ocsp_responder_serves() first and answer the others unauthorized.
 * Thread-safe.
 *
 * Returns: (transfer full): the DER OCSPResponse, or %NULL with @error set
 */
GBytes *
pkinext_ocsp_responder_build (PkinextOcspResponder *self,
			      const PkinextOcspSingleResponse *responses,
			      guint n_responses,
			      GBytes *nonce,
			      gint64 produced_at,
			      GError **error)
{
	PkinextDerWriter w;
	g_autoptr(GBytes) sig = NULL;
	gsize tbs_start;

	g_return_val_if_fail (PKINEXT_IS_OCSP_RESPONDER (self), NULL);
	if (n_responses == 0 || responses == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "an OCSP response needs at least one SingleResponse");
		return NULL;
	}
	for (guint i = 0; i < n_responses; i++) {
		if (!responder_check_single (&responses[i], i, error))
			return NULL;
	}
	if (produced_at == 0)
		produced_at = g_get_real_time () / G_USEC_PER_SEC;

	pkinext_der_writer_init (
		&w, 256 + 160 * n_responses +
			    (self->certs != NULL ? g_bytes_get_size (self->certs) : 0));
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE); /* OCSPResponse */
	pkinext_der_put_uint (&w, PKINEXT_DER_ENUMERATED, PKINEXT_OCSP_RESPONSE_STATUS_SUCCESSFUL);
	pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE); /* ResponseBytes */
	pkinext_der_put_oid (&w, OID_OCSP_BASIC);
	pkinext_der_begin (&w, PKINEXT_DER_OCTET_STRING);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE); /* BasicOCSPResponse */
	tbs_start = pkinext_der_writer_get_size (&w);
	responder_write_response_data (self, &w, responses, n_responses, nonce, produced_at);
	sig = pkinext_signer_sign (self->signer, pkinext_der_writer_get_data (&w) + tbs_start,
				   pkinext_der_writer_get_size (&w) - tbs_start, error);
	if (sig == NULL) {
		pkinext_der_writer_clear (&w);
		g_prefix_error (error, "signing OCSP response: ");
		return NULL;
	}
	pkinext_der_put_bytes_raw (&w, self->sig_alg);
	pkinext_der_put_bit_string (&w, g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
	if (self->certs != NULL)
		pkinext_der_put_bytes_raw (&w, self->certs);
	for (guint i = 0; i < 4; i++)
		pkinext_der_end (&w);
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

/**
 * pkinext_ocsp_response_new_error:
 * @status: an unsuccessful status (malformedRequest, internalError, tryLater,
 *   sigRequired, unauthorized)
 *
 * Returns: (transfer full): the fixed, unsigned OCSPResponse for @status
 */
GBytes *
pkinext_ocsp_response_new_error (PkinextOcspResponseStatus status)
{
	static const guint8 responses[7][5] = {
		{0x30, 0x03, 0x0a, 0x01, 0x00}, {0x30, 0x03, 0x0a, 0x01, 0x01},
		{0x30, 0x03, 0x0a, 0x01, 0x02}, {0x30, 0x03, 0x0a, 0x01, 0x03},
		{0x30, 0x03, 0x0a, 0x01, 0x04}, {0x30, 0x03, 0x0a, 0x01, 0x05},
		{0x30, 0x03, 0x0a, 0x01, 0x06},
	};

	g_return_val_if_fail (status != PKINEXT_OCSP_RESPONSE_STATUS_SUCCESSFUL && status != 4 &&
				      (guint)status <= PKINEXT_OCSP_RESPONSE_STATUS_UNAUTHORIZED,
			      NULL);
	return g_bytes_new_static (responses[status], sizeof (responses[status]));
}
