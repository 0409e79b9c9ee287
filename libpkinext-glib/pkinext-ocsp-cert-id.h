/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PKINEXT_OCSP_HASH_MAX_SIZE   64
#define PKINEXT_OCSP_SERIAL_MAX_SIZE 32

/**
 * PkinextOcspCertId:
 * @hash_algorithm: the digest of the two issuer hashes: %G_CHECKSUM_SHA1 (RFC 5019),
 *   %G_CHECKSUM_SHA256, %G_CHECKSUM_SHA384 or %G_CHECKSUM_SHA512
 * @hash_parameters_absent: the client's AlgorithmIdentifier had no NULL parameters
 *   (kept so the response echoes the CertID exactly)
 * @hash_len: length of both hashes
 * @issuer_name_hash: hash of the issuer's DER Name
 * @issuer_key_hash: hash of the issuer's subjectPublicKey BIT STRING contents
 * @serial_len: length of @serial
 * @serial: the serialNumber INTEGER contents as on the wire (big-endian, minimal)
 *
 * An RFC 6960 CertID: which certificate a request asks about or a response
 * answers for. A plain struct without allocations: copy it by value.
 */
typedef struct {
	GChecksumType hash_algorithm;
	gboolean hash_parameters_absent;
	gsize hash_len;
	guint8 issuer_name_hash[PKINEXT_OCSP_HASH_MAX_SIZE];
	guint8 issuer_key_hash[PKINEXT_OCSP_HASH_MAX_SIZE];
	gsize serial_len;
	guint8 serial[PKINEXT_OCSP_SERIAL_MAX_SIZE];
} PkinextOcspCertId;

#define PKINEXT_TYPE_OCSP_CERT_ID (pkinext_ocsp_cert_id_get_type ())
GType
pkinext_ocsp_cert_id_get_type (void);
PkinextOcspCertId *
pkinext_ocsp_cert_id_copy (const PkinextOcspCertId *id);
void
pkinext_ocsp_cert_id_free (PkinextOcspCertId *id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkinextOcspCertId, pkinext_ocsp_cert_id_free)

gboolean
pkinext_ocsp_cert_id_equal (const PkinextOcspCertId *a, const PkinextOcspCertId *b);
gchar *
pkinext_ocsp_cert_id_get_serial_hex (const PkinextOcspCertId *id);
gboolean
pkinext_ocsp_cert_id_compute_issuer_hashes (GChecksumType hash_algorithm,
					    GBytes *issuer_name,
					    GBytes *issuer_public_key,
					    guint8 *issuer_name_hash,
					    guint8 *issuer_key_hash,
					    gsize *hash_len,
					    GError **error);

G_END_DECLS
