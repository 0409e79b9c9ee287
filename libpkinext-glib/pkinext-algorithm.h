/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>

G_BEGIN_DECLS

/**
 * PkinextAlgorithm:
 *
 * A signature algorithm: key type, curve or padding, and digest together.
 * The rows of the algorithm table (see pkinext_algorithm_get_info()).
 */
typedef enum {
	PKINEXT_ALGORITHM_UNKNOWN,
	PKINEXT_ALGORITHM_ECDSA_P256_SHA256,
	PKINEXT_ALGORITHM_ECDSA_P384_SHA384,
	PKINEXT_ALGORITHM_ECDSA_P521_SHA512,
	PKINEXT_ALGORITHM_RSA_PKCS1_SHA256,
	PKINEXT_ALGORITHM_RSA_PKCS1_SHA384,
	PKINEXT_ALGORITHM_RSA_PKCS1_SHA512,
	PKINEXT_ALGORITHM_RSA_PSS_SHA256,
	PKINEXT_ALGORITHM_RSA_PSS_SHA384,
	PKINEXT_ALGORITHM_RSA_PSS_SHA512,
	PKINEXT_ALGORITHM_ED25519,
	PKINEXT_ALGORITHM_ML_DSA_44,
	PKINEXT_ALGORITHM_ML_DSA_65,
	PKINEXT_ALGORITHM_ML_DSA_87,
	PKINEXT_ALGORITHM_RSA_PKCS1_SHA1, /* recognised only to be refused */
	PKINEXT_ALGORITHM_LAST /*< skip >*/
} PkinextAlgorithm;

/**
 * PkinextKeyType:
 *
 * The kind of key an algorithm needs.
 */
typedef enum {
	PKINEXT_KEY_TYPE_UNKNOWN,
	PKINEXT_KEY_TYPE_EC_P256,
	PKINEXT_KEY_TYPE_EC_P384,
	PKINEXT_KEY_TYPE_EC_P521,
	PKINEXT_KEY_TYPE_RSA,
	PKINEXT_KEY_TYPE_ED25519,
	PKINEXT_KEY_TYPE_ML_DSA_44,
	PKINEXT_KEY_TYPE_ML_DSA_65,
	PKINEXT_KEY_TYPE_ML_DSA_87,
	PKINEXT_KEY_TYPE_LAST /*< skip >*/
} PkinextKeyType;

/**
 * PkinextAlgorithmInfo:
 * @id: the algorithm
 * @name: canonical name used in configuration and APIs, e.g. "ecdsa-p256-sha256"
 * @description: human-readable name
 * @signature_oid: OID of the signature algorithm (AlgorithmIdentifier.algorithm)
 * @key_oid: OID of the SubjectPublicKeyInfo algorithm
 * @key_type: the key the algorithm needs
 * @gnutls_sign: the GnuTLS signature algorithm, or %GNUTLS_SIGN_UNKNOWN
 * @gnutls_digest: the digest, or %GNUTLS_DIG_UNKNOWN for pure signatures
 * @gnutls_pk: the GnuTLS public-key algorithm
 * @gnutls_curve: the curve for EC keys, else %GNUTLS_ECC_CURVE_INVALID
 * @pkcs11_mechanism: the PKCS#11 signing mechanism (CKM_*)
 * @pkcs11_key_type: the PKCS#11 key type (CKK_*)
 * @min_key_bits: smallest key size accepted (RSA), else the fixed size
 * @fips_approved: usable under the FIPS 140 allowlist
 * @platform_supported: some backend on this platform can sign with it
 * @refused: never used to sign (SHA-1); recognised for clear errors only
 *
 * One row of the algorithm table: the single source of truth for names, OIDs,
 * GnuTLS and PKCS#11 identifiers and policy flags.
 */
typedef struct {
	PkinextAlgorithm id;
	const gchar *name;
	const gchar *description;
	const gchar *signature_oid;
	const gchar *key_oid;
	PkinextKeyType key_type;
	gnutls_sign_algorithm_t gnutls_sign;
	gnutls_digest_algorithm_t gnutls_digest;
	gnutls_pk_algorithm_t gnutls_pk;
	gnutls_ecc_curve_t gnutls_curve;
	gulong pkcs11_mechanism;
	gulong pkcs11_key_type;
	guint min_key_bits;
	gboolean fips_approved;
	gboolean platform_supported;
	gboolean refused;
} PkinextAlgorithmInfo;

const PkinextAlgorithmInfo *
pkinext_algorithm_get_info (PkinextAlgorithm alg);
const PkinextAlgorithmInfo *
pkinext_algorithm_get_table (guint *n_rows);
const gchar *
pkinext_algorithm_to_string (PkinextAlgorithm alg);
PkinextAlgorithm
pkinext_algorithm_from_string (const gchar *name);
PkinextAlgorithm
pkinext_algorithm_from_signature_oid (const gchar *oid, gnutls_digest_algorithm_t pss_digest);
PkinextAlgorithm
pkinext_algorithm_from_gnutls_sign (gnutls_sign_algorithm_t sign);
gboolean
pkinext_algorithm_check_usable (PkinextAlgorithm alg, GError **error);
gboolean
pkinext_algorithm_check_key (PkinextAlgorithm alg,
			     PkinextKeyType key_type,
			     guint key_bits,
			     GError **error);
PkinextAlgorithm
pkinext_algorithm_default_for_key (PkinextKeyType key_type);
GBytes *
pkinext_algorithm_get_identifier_der (PkinextAlgorithm alg);

const gchar *
pkinext_key_type_to_string (PkinextKeyType key_type);
PkinextKeyType
pkinext_key_type_from_string (const gchar *name);
PkinextKeyType
pkinext_key_type_from_gnutls (gnutls_pk_algorithm_t pk, gnutls_ecc_curve_t curve);
PkinextKeyType
pkinext_key_type_from_pubkey (gnutls_pubkey_t pubkey, guint *bits);

G_END_DECLS
