/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A strict parser for RFC 6960 OCSPRequest (untrusted network input) with our
 * bounds-checked DER reader. RFC 5019 clients do not sign requests: an optional
 * signature is skipped (never verified) and reported by is_signed().
 */
#define G_LOG_DOMAIN "PkinextOcsp"

#include "config.h"

#include <string.h>

#include "pkinext-error.h"
#include "pkinext-ocsp-cert-id-private.h"
#include "pkinext-ocsp-request.h"

#define OID_OCSP_NONCE "1.3.6.1.5.5.7.48.1.2"

struct _PkinextOcspRequest {
	GObject parent_instance;
	GArray *cert_ids; /* of PkinextOcspCertId */
	GBytes *nonce;	  /* extnValue contents, echoed verbatim */
	gboolean is_signed;
};

G_DEFINE_TYPE (PkinextOcspRequest, pkinext_ocsp_request, G_TYPE_OBJECT)

static void
pkinext_ocsp_request_finalize (GObject *object)
{
	PkinextOcspRequest *self = PKINEXT_OCSP_REQUEST (object);

	g_array_unref (self->cert_ids);
	g_clear_pointer (&self->nonce, g_bytes_unref);
	G_OBJECT_CLASS (pkinext_ocsp_request_parent_class)->finalize (object);
}

static void
pkinext_ocsp_request_class_init (PkinextOcspRequestClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_ocsp_request_finalize;
}

static void
pkinext_ocsp_request_init (PkinextOcspRequest *self)
{
	self->cert_ids = g_array_new (FALSE, FALSE, sizeof (PkinextOcspCertId));
}

static gboolean
set_invalid (GError **error, const gchar *what)
{
	g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, what);
	return FALSE;
}

/* the Nonce's extnValue: an OCTET STRING of 1-32 octets (RFC 8954), or, from
 * older clients, the raw nonce octets */
static gboolean
ocsp_request_set_nonce (PkinextOcspRequest *self, const PkinextDerElement *value, GError **error)
{
	PkinextDerReader r;
	PkinextDerElement inner;
	gsize len = value->len;

	if (self->nonce != NULL)
		return set_invalid (error, "duplicate nonce extension");
	pkinext_der_reader_init (&r, value->content, value->len);
	if (pkinext_der_read_optional (&r, PKINEXT_DER_OCTET_STRING, &inner, NULL) &&
	    pkinext_der_reader_at_end (&r))
		len = inner.len;
	if (len < 1 || len > PKINEXT_OCSP_NONCE_MAX_SIZE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "nonce of %" G_GSIZE_FORMAT " octets (1 to %d allowed, RFC 8954)", len,
			     PKINEXT_OCSP_NONCE_MAX_SIZE);
		return FALSE;
	}
	self->nonce = g_bytes_new (value->content, value->len);
	return TRUE;
}

/* Extensions: the nonce is kept (request level only); unknown non-critical
 * extensions are ignored and unknown critical ones refused */
static gboolean
ocsp_request_parse_extensions (PkinextOcspRequest *self,
			       const PkinextDerElement *wrapper,
			       gboolean request_level,
			       GError **error)
{
	PkinextDerReader outer, seq;
	PkinextDerElement el;

	pkinext_der_reader_init (&outer, wrapper->content, wrapper->len);
	if (!pkinext_der_read_expect (&outer, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&outer))
		return set_invalid (error, "unexpected data after Extensions");
	pkinext_der_reader_enter (&outer, &el, &seq);
	while (!pkinext_der_reader_at_end (&seq)) {
		PkinextDerReader ext;
		PkinextDerElement oid, crit, value;
		gboolean critical = FALSE;

		if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SEQUENCE, &el, error))
			return FALSE;
		pkinext_der_reader_enter (&seq, &el, &ext);
		if (!pkinext_der_read_expect (&ext, PKINEXT_DER_OID, &oid, error))
			return FALSE;
		if (pkinext_der_read_optional (&ext, PKINEXT_DER_BOOLEAN, &crit, NULL)) {
			if (crit.len != 1)
				return set_invalid (error,
						    "malformed critical flag in an extension");
			critical = crit.content[0] != 0;
		}
		if (!pkinext_der_read_expect (&ext, PKINEXT_DER_OCTET_STRING, &value, error))
			return FALSE;
		if (!pkinext_der_reader_at_end (&ext))
			return set_invalid (error, "unexpected data after an extension value");
		if (request_level && pkinext_der_element_oid_equal (&oid, OID_OCSP_NONCE)) {
			if (!ocsp_request_set_nonce (self, &value, error))
				return FALSE;
		} else if (critical) {
			g_autofree gchar *name = pkinext_der_decode_oid (oid.content, oid.len);
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
				     "unsupported critical extension %s",
				     name != NULL ? name : "(invalid OID)");
			return FALSE;
		}
	}
	return TRUE;
}

/* Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT OPTIONAL } */
static gboolean
ocsp_request_parse_one (PkinextOcspRequest *self, const PkinextDerElement *req_el, GError **error)
{
	PkinextDerReader r;
	PkinextDerElement el;
	PkinextOcspCertId id;
	guint8 tag = 0;

	if (req_el->tag != PKINEXT_DER_SEQUENCE)
		return set_invalid (error, "Request: expected a SEQUENCE");
	pkinext_der_reader_init (&r, req_el->content, req_el->len);
	if (!pkinext_der_read (&r, &el, error) || !pkinext_ocsp_cert_id_parse (&el, &id, error))
		return FALSE;
	if (pkinext_der_reader_peek_tag (&r, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (0)) {
		if (!pkinext_der_read (&r, &el, error) ||
		    !ocsp_request_parse_extensions (self, &el, FALSE, error)) {
			g_prefix_error (error, "singleRequestExtensions: ");
			return FALSE;
		}
	}
	if (!pkinext_der_reader_at_end (&r))
		return set_invalid (error, "Request: unexpected data after the CertID");
	g_array_append_val (self->cert_ids, id);
	return TRUE;
}

static gboolean
ocsp_request_parse_list (PkinextOcspRequest *self, PkinextDerReader *tbs, GError **error)
{
	PkinextDerReader list;
	PkinextDerElement el;

	if (!pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &el, error)) {
		g_prefix_error (error, "requestList: ");
		return FALSE;
	}
	pkinext_der_reader_enter (tbs, &el, &list);
	while (!pkinext_der_reader_at_end (&list)) {
		if (self->cert_ids->len >= PKINEXT_OCSP_REQUEST_MAX_CERT_IDS) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
				     "more than %d certificates in one request",
				     PKINEXT_OCSP_REQUEST_MAX_CERT_IDS);
			return FALSE;
		}
		if (!pkinext_der_read (&list, &el, error) ||
		    !ocsp_request_parse_one (self, &el, error)) {
			g_prefix_error (error, "request %u: ", self->cert_ids->len + 1);
			return FALSE;
		}
	}
	if (self->cert_ids->len == 0)
		return set_invalid (error, "requestList is empty");
	return TRUE;
}

/* TBSRequest ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, requestorName [1] EXPLICIT
 *   OPTIONAL, requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT OPTIONAL } */
static gboolean
ocsp_request_parse_tbs (PkinextOcspRequest *self, const PkinextDerElement *tbs_el, GError **error)
{
	PkinextDerReader tbs;
	PkinextDerElement el;
	guint8 tag = 0;

	pkinext_der_reader_init (&tbs, tbs_el->content, tbs_el->len);
	if (pkinext_der_reader_peek_tag (&tbs, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (0)) {
		PkinextDerReader v;
		PkinextDerElement ver;
		guint64 version = 0;
		if (!pkinext_der_read (&tbs, &el, error))
			return FALSE;
		pkinext_der_reader_enter (&tbs, &el, &v);
		if (!pkinext_der_read_expect (&v, PKINEXT_DER_INTEGER, &ver, error) ||
		    !pkinext_der_element_get_uint (&ver, &version, error))
			return FALSE;
		if (version != 0 || !pkinext_der_reader_at_end (&v))
			return set_invalid (error, "unsupported version (only v1)");
	}
	if (pkinext_der_reader_peek_tag (&tbs, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (1) &&
	    !pkinext_der_read (&tbs, &el, error)) /* requestorName: not used */
		return FALSE;
	if (!ocsp_request_parse_list (self, &tbs, error))
		return FALSE;
	if (pkinext_der_reader_peek_tag (&tbs, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (2)) {
		if (!pkinext_der_read (&tbs, &el, error) ||
		    !ocsp_request_parse_extensions (self, &el, TRUE, error)) {
			g_prefix_error (error, "requestExtensions: ");
			return FALSE;
		}
	}
	if (!pkinext_der_reader_at_end (&tbs))
		return set_invalid (error, "unexpected data at the end of TBSRequest");
	return TRUE;
}

static gboolean
ocsp_request_parse (PkinextOcspRequest *self, const guint8 *data, gsize len, GError **error)
{
	PkinextDerReader r;
	PkinextDerReader req;
	PkinextDerElement el;
	guint8 tag = 0;

	if (len == 0)
		return set_invalid (error, "empty request");
	if (len > PKINEXT_OCSP_REQUEST_MAX_SIZE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "request of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d", len,
			     PKINEXT_OCSP_REQUEST_MAX_SIZE);
		return FALSE;
	}
	pkinext_der_reader_init (&r, data, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&r))
		return set_invalid (error, "unexpected data after the OCSPRequest");
	pkinext_der_reader_enter (&r, &el, &req);
	if (!pkinext_der_read_expect (&req, PKINEXT_DER_SEQUENCE, &el, error)) {
		g_prefix_error (error, "tbsRequest: ");
		return FALSE;
	}
	if (!ocsp_request_parse_tbs (self, &el, error))
		return FALSE;
	/* optionalSignature [0] EXPLICIT Signature: skipped, never verified */
	if (pkinext_der_reader_peek_tag (&req, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (0)) {
		if (!pkinext_der_read (&req, &el, error))
			return FALSE;
		self->is_signed = TRUE;
	}
	if (!pkinext_der_reader_at_end (&req))
		return set_invalid (error, "unexpected data after tbsRequest");
	return TRUE;
}

/**
 * pkinext_ocsp_request_new_from_data:
 * @der: a DER OCSPRequest (the POST body, or the base64-decoded GET path)
 * @error: return location
 *
 * Parses an OCSP request strictly: at most %PKINEXT_OCSP_REQUEST_MAX_SIZE bytes and
 * %PKINEXT_OCSP_REQUEST_MAX_CERT_IDS CertIDs, SHA-1/SHA-256/SHA-384/SHA-512 CertIDs,
 * the nonce extension (kept for the response), unknown non-critical extensions
 * ignored. Every malformed request fails with %PKINEXT_ERROR_INVALID_DATA and a
 * message naming the problem: answer it with malformedRequest.
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
PkinextOcspRequest *
pkinext_ocsp_request_new_from_data (GBytes *der, GError **error)
{
	g_autoptr(PkinextOcspRequest) self = g_object_new (PKINEXT_TYPE_OCSP_REQUEST, NULL);
	gsize len = 0;
	const guint8 *data = der != NULL ? g_bytes_get_data (der, &len) : NULL;
	g_autoptr(GError) local = NULL;

	if (!ocsp_request_parse (self, data, len, &local)) {
		g_propagate_prefixed_error (error, g_steal_pointer (&local),
					    "malformed OCSP request: ");
		return NULL;
	}
	return g_steal_pointer (&self);
}

guint
pkinext_ocsp_request_get_n_cert_ids (PkinextOcspRequest *self)
{
	g_return_val_if_fail (PKINEXT_IS_OCSP_REQUEST (self), 0);
	return self->cert_ids->len;
}

/**
 * pkinext_ocsp_request_get_cert_id:
 * @self: a #PkinextOcspRequest
 * @index: 0 to pkinext_ocsp_request_get_n_cert_ids() - 1
 *
 * Returns: (transfer none): the CertID of the @index-th Request
 */
const PkinextOcspCertId *
pkinext_ocsp_request_get_cert_id (PkinextOcspRequest *self, guint index)
{
	g_return_val_if_fail (PKINEXT_IS_OCSP_REQUEST (self), NULL);
	g_return_val_if_fail (index < self->cert_ids->len, NULL);
	return &g_array_index (self->cert_ids, PkinextOcspCertId, index);
}

/**
 * pkinext_ocsp_request_get_nonce:
 * @self: a #PkinextOcspRequest
 *
 * Returns: (transfer none) (nullable): the nonce extension's value (the extnValue
 *   contents, as pkinext_ocsp_responder_build() echoes it), or %NULL
 */
GBytes *
pkinext_ocsp_request_get_nonce (PkinextOcspRequest *self)
{
	g_return_val_if_fail (PKINEXT_IS_OCSP_REQUEST (self), NULL);
	return self->nonce;
}

/**
 * pkinext_ocsp_request_is_signed:
 * @self: a #PkinextOcspRequest
 *
 * Returns: %TRUE if the request carried an optionalSignature (which is ignored)
 */
gboolean
pkinext_ocsp_request_is_signed (PkinextOcspRequest *self)
{
	g_return_val_if_fail (PKINEXT_IS_OCSP_REQUEST (self), FALSE);
	return self->is_signed;
}
