/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-ocsp-cert-id.h"

G_BEGIN_DECLS

/* the largest OCSPRequest accepted, and the most CertIDs in one request */
#define PKINEXT_OCSP_REQUEST_MAX_SIZE	  65536
#define PKINEXT_OCSP_REQUEST_MAX_CERT_IDS 128
/* the longest nonce accepted (RFC 8954 allows 1 to 32 octets) */
#define PKINEXT_OCSP_NONCE_MAX_SIZE 32

#define PKINEXT_TYPE_OCSP_REQUEST (pkinext_ocsp_request_get_type ())
G_DECLARE_FINAL_TYPE (PkinextOcspRequest, pkinext_ocsp_request, PKINEXT, OCSP_REQUEST, GObject)

PkinextOcspRequest *
pkinext_ocsp_request_new_from_data (GBytes *der, GError **error) G_GNUC_WARN_UNUSED_RESULT;

guint
pkinext_ocsp_request_get_n_cert_ids (PkinextOcspRequest *self);
const PkinextOcspCertId *
pkinext_ocsp_request_get_cert_id (PkinextOcspRequest *self, guint index);
GBytes *
pkinext_ocsp_request_get_nonce (PkinextOcspRequest *self);
gboolean
pkinext_ocsp_request_is_signed (PkinextOcspRequest *self);

G_END_DECLS
