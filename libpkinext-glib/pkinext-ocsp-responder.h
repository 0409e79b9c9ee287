/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-ocsp-cert-id.h"
#include "pkinext-revocation.h"
#include "pkinext-signer.h"

G_BEGIN_DECLS

/**
 * PkinextOcspResponseStatus:
 * @PKINEXT_OCSP_RESPONSE_STATUS_SUCCESSFUL: a signed BasicOCSPResponse follows
 * @PKINEXT_OCSP_RESPONSE_STATUS_MALFORMED_REQUEST: the request did not parse
 * @PKINEXT_OCSP_RESPONSE_STATUS_INTERNAL_ERROR: the responder failed
 * @PKINEXT_OCSP_RESPONSE_STATUS_TRY_LATER: the responder cannot answer now
 * @PKINEXT_OCSP_RESPONSE_STATUS_SIG_REQUIRED: the request must be signed
 * @PKINEXT_OCSP_RESPONSE_STATUS_UNAUTHORIZED: the responder does not serve this issuer
 *
 * OCSPResponseStatus (RFC 6960 4.2.1); the values are the codes on the wire.
 */
typedef enum {
	PKINEXT_OCSP_RESPONSE_STATUS_SUCCESSFUL = 0,
	PKINEXT_OCSP_RESPONSE_STATUS_MALFORMED_REQUEST = 1,
	PKINEXT_OCSP_RESPONSE_STATUS_INTERNAL_ERROR = 2,
	PKINEXT_OCSP_RESPONSE_STATUS_TRY_LATER = 3,
	PKINEXT_OCSP_RESPONSE_STATUS_SIG_REQUIRED = 5,
	PKINEXT_OCSP_RESPONSE_STATUS_UNAUTHORIZED = 6,
} PkinextOcspResponseStatus;

/**
 * PkinextOcspCertStatus:
 * @PKINEXT_OCSP_CERT_STATUS_GOOD: not revoked
 * @PKINEXT_OCSP_CERT_STATUS_REVOKED: revoked (or on hold)
 * @PKINEXT_OCSP_CERT_STATUS_UNKNOWN: the responder does not know the certificate
 */
typedef enum {
	PKINEXT_OCSP_CERT_STATUS_GOOD,
	PKINEXT_OCSP_CERT_STATUS_REVOKED,
	PKINEXT_OCSP_CERT_STATUS_UNKNOWN,
} PkinextOcspCertStatus;

/**
 * PkinextOcspSingleResponse:
 * @cert_id: the certificate answered for (from the request, or
 *   pkinext_ocsp_responder_make_cert_id())
 * @status: its status
 * @revocation_time: unix time of the revocation (revoked only)
 * @reason: the reason (revoked only); unspecified writes no revocationReason, and
 *   removeFromCRL is refused (a released hold is good)
 * @this_update: unix time the status is known to be correct, or 0 for producedAt
 * @next_update: unix time newer information will be available, or 0 for none
 *
 * One SingleResponse of a BasicOCSPResponse.
 */
typedef struct {
	PkinextOcspCertId cert_id;
	PkinextOcspCertStatus status;
	gint64 revocation_time;
	PkinextRevocationReason reason;
	gint64 this_update;
	gint64 next_update;
	/*< private >*/
	gpointer padding[4];
} PkinextOcspSingleResponse;

#define PKINEXT_TYPE_OCSP_RESPONDER (pkinext_ocsp_responder_get_type ())
G_DECLARE_FINAL_TYPE (
	PkinextOcspResponder, pkinext_ocsp_responder, PKINEXT, OCSP_RESPONDER, GObject)

PkinextOcspResponder *
pkinext_ocsp_responder_new (PkinextSigner *signer,
			    GBytes *issuer_certificate,
			    GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_ocsp_responder_is_delegated (PkinextOcspResponder *self);
gboolean
pkinext_ocsp_responder_serves (PkinextOcspResponder *self, const PkinextOcspCertId *cert_id);
gboolean
pkinext_ocsp_responder_make_cert_id (PkinextOcspResponder *self,
				     GChecksumType hash_algorithm,
				     const gchar *serial_hex,
				     PkinextOcspCertId *cert_id,
				     GError **error);
GBytes *
pkinext_ocsp_responder_build (PkinextOcspResponder *self,
			      const PkinextOcspSingleResponse *responses,
			      guint n_responses,
			      GBytes *nonce,
			      gint64 produced_at,
			      GError **error) G_GNUC_WARN_UNUSED_RESULT;

GBytes *
pkinext_ocsp_response_new_error (PkinextOcspResponseStatus status);

G_END_DECLS
