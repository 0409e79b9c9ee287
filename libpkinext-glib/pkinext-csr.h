/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-algorithm.h"
#include "pkinext-san.h"

G_BEGIN_DECLS

/**
 * PKINEXT_CSR_MAX_SIZE:
 *
 * Largest CSR (DER, or PEM text) pkinext_csr_new_from_data() accepts.
 */
#define PKINEXT_CSR_MAX_SIZE (64 * 1024)

#define PKINEXT_TYPE_CSR (pkinext_csr_get_type ())
G_DECLARE_FINAL_TYPE (PkinextCsr, pkinext_csr, PKINEXT, CSR, GObject)

/*
 * pkinext_csr_new_from_data: parses a PKCS#10 request (DER, or PEM "CERTIFICATE REQUEST" /
 * "NEW CERTIFICATE REQUEST") and verifies its proof of possession once. Errors:
 * INVALID_DATA (truncated, garbage, not a CSR, > PKINEXT_CSR_MAX_SIZE, bad PEM label,
 * malformed SAN extension), SIGNATURE_INVALID (the signature does not verify, or the CSR is
 * signed with SHA-1 which GnuTLS refuses to verify), NOT_SUPPORTED (unknown key or signature
 * algorithm). Key size and algorithm policy (RSA < 2048, SHA-1...) is NOT applied here:
 * see get_key_type() and get_signature_algorithm().
 *
 * Getters returning GBytes / GPtrArray / const gchar * are (transfer none): owned by @self.
 * get_sans(): GPtrArray of PkinextSan from the extensionRequest (empty if none).
 * get_extension(): (transfer full) extnValue contents (the inner DER) of a requested
 * extension, or NULL.
 * get_subject_key_id(): (transfer full) SHA-1 of the subjectPublicKey BIT STRING contents
 * (RFC 5280 4.2.1.2 method 1, as openssl computes it). NB: pkinext_signer_get_key_id() is
 * GnuTLS's key id (SHA-1 of the whole SPKI), a different value.
 * get_challenge_password(): the PKCS#9 challengePassword attribute or NULL.
 * get_signature_algorithm(): the table row for the signature OID (and PSS hash). ECDSA rows are
 * chosen by hash only: a P-384 key signing with SHA-256 reports ECDSA_P256_SHA256, so compare
 * the key with get_key_type(), not with the algorithm's key type. SHA-1 RSA CSRs verify and
 * report PKINEXT_ALGORITHM_RSA_PKCS1_SHA1 (refused=TRUE in the table): policy must refuse them.
 * get_key_type(): fills @bits (nullable) with the key size (RSA modulus bits, 256/384/521,
 * 256 for Ed25519).
 */
PkinextCsr *
pkinext_csr_new_from_data (GBytes *pem_or_der, GError **error) G_GNUC_WARN_UNUSED_RESULT;

GBytes *
pkinext_csr_get_der (PkinextCsr *self);
GBytes *
pkinext_csr_get_subject_der (PkinextCsr *self);
const gchar *
pkinext_csr_get_subject (PkinextCsr *self);
const gchar *
pkinext_csr_get_common_name (PkinextCsr *self);
GBytes *
pkinext_csr_get_public_key (PkinextCsr *self);
PkinextKeyType
pkinext_csr_get_key_type (PkinextCsr *self, guint *bits);
PkinextAlgorithm
pkinext_csr_get_signature_algorithm (PkinextCsr *self);
GPtrArray *
pkinext_csr_get_sans (PkinextCsr *self);
GBytes *
pkinext_csr_get_extension (PkinextCsr *self, const gchar *oid, gboolean *critical);
GBytes *
pkinext_csr_get_subject_key_id (PkinextCsr *self) G_GNUC_WARN_UNUSED_RESULT;
const gchar *
pkinext_csr_get_challenge_password (PkinextCsr *self);
gchar *
pkinext_csr_to_pem (PkinextCsr *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
