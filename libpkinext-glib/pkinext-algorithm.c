/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextAlgorithm"

#include "config.h"

#include <gnutls/crypto.h>
#include <p11-kit/pkcs11.h>
#include <string.h>

#include "pkinext-algorithm.h"
#include "pkinext-der-private.h"
#include "pkinext-error.h"

/* PKCS#11 3.2 post-quantum identifiers; p11-kit 0.24's header predates them */
#ifndef CKK_ML_DSA
#define CKK_ML_DSA 0x4aUL
#endif
#ifndef CKM_ML_DSA
#define CKM_ML_DSA 0x1dUL
#endif

#define OID_ECDSA_SHA256 "1.2.840.10045.4.3.2"
#define OID_ECDSA_SHA384 "1.2.840.10045.4.3.3"
#define OID_ECDSA_SHA512 "1.2.840.10045.4.3.4"
#define OID_RSA_SHA1	 "1.2.840.113549.1.1.5"
#define OID_RSA_SHA256	 "1.2.840.113549.1.1.11"
#define OID_RSA_SHA384	 "1.2.840.113549.1.1.12"
#define OID_RSA_SHA512	 "1.2.840.113549.1.1.13"
#define OID_RSA_PSS	 "1.2.840.113549.1.1.10"
#define OID_ED25519	 "1.3.101.112"
#define OID_ML_DSA_44	 "2.16.840.1.101.3.4.3.17"
#define OID_ML_DSA_65	 "2.16.840.1.101.3.4.3.18"
#define OID_ML_DSA_87	 "2.16.840.1.101.3.4.3.19"
#define OID_EC_PUBKEY	 "1.2.840.10045.2.1"
#define OID_RSA_ENC	 "1.2.840.113549.1.1.1"

/* the table: one row per algorithm, in PkinextAlgorithm order */
static const PkinextAlgorithmInfo algorithm_table[] = {
    {PKINEXT_ALGORITHM_UNKNOWN, "unknown", "Unknown"},
    {PKINEXT_ALGORITHM_ECDSA_P256_SHA256,
     "ecdsa-p256-sha256", "ECDSA P-256 with SHA-256",
     OID_ECDSA_SHA256, OID_EC_PUBKEY, PKINEXT_KEY_TYPE_EC_P256,
     GNUTLS_SIGN_ECDSA_SHA256, GNUTLS_DIG_SHA256, GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP256R1,
     CKM_ECDSA, CKK_EC, 256, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_ECDSA_P384_SHA384,
     "ecdsa-p384-sha384", "ECDSA P-384 with SHA-384",
     OID_ECDSA_SHA384, OID_EC_PUBKEY, PKINEXT_KEY_TYPE_EC_P384,
     GNUTLS_SIGN_ECDSA_SHA384, GNUTLS_DIG_SHA384, GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP384R1,
     CKM_ECDSA, CKK_EC, 384, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_ECDSA_P521_SHA512,
     "ecdsa-p521-sha512", "ECDSA P-521 with SHA-512",
     OID_ECDSA_SHA512, OID_EC_PUBKEY, PKINEXT_KEY_TYPE_EC_P521,
     GNUTLS_SIGN_ECDSA_SHA512, GNUTLS_DIG_SHA512, GNUTLS_PK_ECDSA, GNUTLS_ECC_CURVE_SECP521R1,
     CKM_ECDSA, CKK_EC, 521, FALSE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PKCS1_SHA256,
     "rsa-pkcs1-sha256", "RSA PKCS#1 v1.5 with SHA-256",
     OID_RSA_SHA256, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_SHA256, GNUTLS_DIG_SHA256, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA256_RSA_PKCS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PKCS1_SHA384,
     "rsa-pkcs1-sha384", "RSA PKCS#1 v1.5 with SHA-384",
     OID_RSA_SHA384, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_SHA384, GNUTLS_DIG_SHA384, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA384_RSA_PKCS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PKCS1_SHA512,
     "rsa-pkcs1-sha512", "RSA PKCS#1 v1.5 with SHA-512",
     OID_RSA_SHA512, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_SHA512, GNUTLS_DIG_SHA512, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA512_RSA_PKCS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PSS_SHA256,
     "rsa-pss-sha256", "RSASSA-PSS with SHA-256",
     OID_RSA_PSS, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, GNUTLS_DIG_SHA256, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA256_RSA_PKCS_PSS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PSS_SHA384,
     "rsa-pss-sha384", "RSASSA-PSS with SHA-384",
     OID_RSA_PSS, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_PSS_RSAE_SHA384, GNUTLS_DIG_SHA384, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA384_RSA_PKCS_PSS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PSS_SHA512,
     "rsa-pss-sha512", "RSASSA-PSS with SHA-512",
     OID_RSA_PSS, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_PSS_RSAE_SHA512, GNUTLS_DIG_SHA512, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA512_RSA_PKCS_PSS, CKK_RSA, 2048, TRUE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_ED25519,
     "ed25519", "Ed25519",
     OID_ED25519, OID_ED25519, PKINEXT_KEY_TYPE_ED25519,
     GNUTLS_SIGN_EDDSA_ED25519, GNUTLS_DIG_UNKNOWN, GNUTLS_PK_EDDSA_ED25519, GNUTLS_ECC_CURVE_ED25519,
     CKM_EDDSA, CKK_EC_EDWARDS, 256, FALSE, TRUE, FALSE},
    {PKINEXT_ALGORITHM_ML_DSA_44,
     "ml-dsa-44", "ML-DSA-44 (FIPS 204)",
     OID_ML_DSA_44, OID_ML_DSA_44, PKINEXT_KEY_TYPE_ML_DSA_44,
     GNUTLS_SIGN_UNKNOWN, GNUTLS_DIG_UNKNOWN, GNUTLS_PK_UNKNOWN, GNUTLS_ECC_CURVE_INVALID,
     CKM_ML_DSA, CKK_ML_DSA, 0, FALSE, FALSE, FALSE},
    {PKINEXT_ALGORITHM_ML_DSA_65,
     "ml-dsa-65", "ML-DSA-65 (FIPS 204)",
     OID_ML_DSA_65, OID_ML_DSA_65, PKINEXT_KEY_TYPE_ML_DSA_65,
     GNUTLS_SIGN_UNKNOWN, GNUTLS_DIG_UNKNOWN, GNUTLS_PK_UNKNOWN, GNUTLS_ECC_CURVE_INVALID,
     CKM_ML_DSA, CKK_ML_DSA, 0, FALSE, FALSE, FALSE},
    {PKINEXT_ALGORITHM_ML_DSA_87,
     "ml-dsa-87", "ML-DSA-87 (FIPS 204)",
     OID_ML_DSA_87, OID_ML_DSA_87, PKINEXT_KEY_TYPE_ML_DSA_87,
     GNUTLS_SIGN_UNKNOWN, GNUTLS_DIG_UNKNOWN, GNUTLS_PK_UNKNOWN, GNUTLS_ECC_CURVE_INVALID,
     CKM_ML_DSA, CKK_ML_DSA, 0, FALSE, FALSE, FALSE},
    {PKINEXT_ALGORITHM_RSA_PKCS1_SHA1,
     "rsa-pkcs1-sha1", "RSA PKCS#1 v1.5 with SHA-1 (refused)",
     OID_RSA_SHA1, OID_RSA_ENC, PKINEXT_KEY_TYPE_RSA,
     GNUTLS_SIGN_RSA_SHA1, GNUTLS_DIG_SHA1, GNUTLS_PK_RSA, GNUTLS_ECC_CURVE_INVALID,
     CKM_SHA1_RSA_PKCS, CKK_RSA, 2048, FALSE, FALSE, TRUE},
};

G_STATIC_ASSERT (G_N_ELEMENTS (algorithm_table) == PKINEXT_ALGORITHM_LAST);

/* other spellings accepted in configuration (JOSE and seed names) */
static const struct {
	const gchar *alias;
	PkinextAlgorithm id;
} algorithm_aliases[] = {
    {"ES256", PKINEXT_ALGORITHM_ECDSA_P256_SHA256},
    {"ES384", PKINEXT_ALGORITHM_ECDSA_P384_SHA384},
    {"ES512", PKINEXT_ALGORITHM_ECDSA_P521_SHA512},
    {"RS256", PKINEXT_ALGORITHM_RSA_PKCS1_SHA256},
    {"RS384", PKINEXT_ALGORITHM_RSA_PKCS1_SHA384},
    {"RS512", PKINEXT_ALGORITHM_RSA_PKCS1_SHA512},
    {"PS256", PKINEXT_ALGORITHM_RSA_PSS_SHA256},
    {"PS384", PKINEXT_ALGORITHM_RSA_PSS_SHA384},
    {"PS512", PKINEXT_ALGORITHM_RSA_PSS_SHA512},
    {"EdDSA", PKINEXT_ALGORITHM_ED25519},
    {"ECDSA-P256-SHA256", PKINEXT_ALGORITHM_ECDSA_P256_SHA256},
    {"ECDSA-P384-SHA384", PKINEXT_ALGORITHM_ECDSA_P384_SHA384},
    {"ECDSA-P521-SHA512", PKINEXT_ALGORITHM_ECDSA_P521_SHA512},
    {"ML-DSA-44", PKINEXT_ALGORITHM_ML_DSA_44},
    {"ML-DSA-65", PKINEXT_ALGORITHM_ML_DSA_65},
    {"ML-DSA-87", PKINEXT_ALGORITHM_ML_DSA_87},
};

static const gchar *const key_type_names[] = {
    [PKINEXT_KEY_TYPE_UNKNOWN] = "unknown",
    [PKINEXT_KEY_TYPE_EC_P256] = "ec-p256",
    [PKINEXT_KEY_TYPE_EC_P384] = "ec-p384",
    [PKINEXT_KEY_TYPE_EC_P521] = "ec-p521",
    [PKINEXT_KEY_TYPE_RSA] = "rsa",
    [PKINEXT_KEY_TYPE_ED25519] = "ed25519",
    [PKINEXT_KEY_TYPE_ML_DSA_44] = "ml-dsa-44",
    [PKINEXT_KEY_TYPE_ML_DSA_65] = "ml-dsa-65",
    [PKINEXT_KEY_TYPE_ML_DSA_87] = "ml-dsa-87",
};

G_STATIC_ASSERT (G_N_ELEMENTS (key_type_names) == PKINEXT_KEY_TYPE_LAST);

/**
 * pkinext_algorithm_get_info:
 * @alg: an algorithm
 *
 * Returns: (transfer none): the table row of @alg; the "unknown" row for out-of-range values
 */
const PkinextAlgorithmInfo *
pkinext_algorithm_get_info (PkinextAlgorithm alg)
{
	if ((guint)alg >= PKINEXT_ALGORITHM_LAST)
		alg = PKINEXT_ALGORITHM_UNKNOWN;
	return &algorithm_table[alg];
}

/**
 * pkinext_algorithm_get_table:
 * @n_rows: (out): number of rows, including the "unknown" row 0
 *
 * Returns: (transfer none): the whole algorithm table
 */
const PkinextAlgorithmInfo *
pkinext_algorithm_get_table (guint *n_rows)
{
	*n_rows = G_N_ELEMENTS (algorithm_table);
	return algorithm_table;
}

const gchar *
pkinext_algorithm_to_string (PkinextAlgorithm alg)
{
	return pkinext_algorithm_get_info (alg)->name;
}

PkinextAlgorithm
pkinext_algorithm_from_string (const gchar *name)
{
	if (name == NULL)
		return PKINEXT_ALGORITHM_UNKNOWN;
	for (guint i = 1; i < G_N_ELEMENTS (algorithm_table); i++) {
		if (g_ascii_strcasecmp (algorithm_table[i].name, name) == 0)
			return algorithm_table[i].id;
	}
	for (guint i = 0; i < G_N_ELEMENTS (algorithm_aliases); i++) {
		if (g_ascii_strcasecmp (algorithm_aliases[i].alias, name) == 0)
			return algorithm_aliases[i].id;
	}
	return PKINEXT_ALGORITHM_UNKNOWN;
}

/**
 * pkinext_algorithm_from_signature_oid:
 * @oid: dotted signature algorithm OID
 * @pss_digest: for RSASSA-PSS, the digest named in its parameters
 *
 * Returns: the algorithm, or %PKINEXT_ALGORITHM_UNKNOWN
 */
PkinextAlgorithm
pkinext_algorithm_from_signature_oid (const gchar *oid, gnutls_digest_algorithm_t pss_digest)
{
	if (oid == NULL)
		return PKINEXT_ALGORITHM_UNKNOWN;
	for (guint i = 1; i < G_N_ELEMENTS (algorithm_table); i++) {
		const PkinextAlgorithmInfo *row = &algorithm_table[i];
		if (g_strcmp0 (row->signature_oid, oid) != 0)
			continue;
		if (g_strcmp0 (oid, OID_RSA_PSS) == 0 && row->gnutls_digest != pss_digest)
			continue;
		return row->id;
	}
	return PKINEXT_ALGORITHM_UNKNOWN;
}

PkinextAlgorithm
pkinext_algorithm_from_gnutls_sign (gnutls_sign_algorithm_t sign)
{
	if (sign == GNUTLS_SIGN_UNKNOWN)
		return PKINEXT_ALGORITHM_UNKNOWN;
	for (guint i = 1; i < G_N_ELEMENTS (algorithm_table); i++) {
		if (algorithm_table[i].gnutls_sign == sign)
			return algorithm_table[i].id;
	}
	/* PSS with an RSA-PSS (not rsaEncryption) key signs the same way */
	if (sign == GNUTLS_SIGN_RSA_PSS_SHA256)
		return PKINEXT_ALGORITHM_RSA_PSS_SHA256;
	if (sign == GNUTLS_SIGN_RSA_PSS_SHA384)
		return PKINEXT_ALGORITHM_RSA_PSS_SHA384;
	if (sign == GNUTLS_SIGN_RSA_PSS_SHA512)
		return PKINEXT_ALGORITHM_RSA_PSS_SHA512;
	return PKINEXT_ALGORITHM_UNKNOWN;
}

/**
 * pkinext_algorithm_check_usable:
 * @alg: an algorithm
 * @error: return location
 *
 * Checks that some backend on this platform can sign with @alg.
 *
 * Returns: %TRUE if @alg can be used to sign
 */
gboolean
pkinext_algorithm_check_usable (PkinextAlgorithm alg, GError **error)
{
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (alg);

	if (info->id == PKINEXT_ALGORITHM_UNKNOWN) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "unknown signature algorithm");
		return FALSE;
	}
	if (info->refused) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "%s: SHA-1 signatures are refused (collisions are practical); "
			     "use rsa-pkcs1-sha256 or rsa-pss-sha256",
			     info->name);
		return FALSE;
	}
	if (!info->platform_supported) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "%s: no backend on this platform supports ML-DSA; "
			     "use a PKCS#11 token with CKM_ML_DSA",
			     info->name);
		return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_algorithm_check_key:
 * @alg: an algorithm
 * @key_type: the type of the key that would sign
 * @key_bits: its size in bits
 * @error: return location
 *
 * Returns: %TRUE if a key of this type and size can sign with @alg
 */
gboolean
pkinext_algorithm_check_key (PkinextAlgorithm alg,
			     PkinextKeyType key_type,
			     guint key_bits,
			     GError **error)
{
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (alg);

	if (info->key_type != key_type) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_KEY_MISMATCH,
			     "algorithm %s needs a %s key, but the key is %s",
			     info->name,
			     pkinext_key_type_to_string (info->key_type),
			     pkinext_key_type_to_string (key_type));
		return FALSE;
	}
	if (key_type == PKINEXT_KEY_TYPE_RSA && (key_bits < info->min_key_bits || key_bits > 8192)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_POLICY,
			     "algorithm %s needs an RSA key of %u to 8192 bits, but the key has %u",
			     info->name,
			     info->min_key_bits,
			     key_bits);
		return FALSE;
	}
	return TRUE;
}

PkinextAlgorithm
pkinext_algorithm_default_for_key (PkinextKeyType key_type)
{
	switch (key_type) {
	case PKINEXT_KEY_TYPE_EC_P256:
		return PKINEXT_ALGORITHM_ECDSA_P256_SHA256;
	case PKINEXT_KEY_TYPE_EC_P384:
		return PKINEXT_ALGORITHM_ECDSA_P384_SHA384;
	case PKINEXT_KEY_TYPE_EC_P521:
		return PKINEXT_ALGORITHM_ECDSA_P521_SHA512;
	case PKINEXT_KEY_TYPE_RSA:
		return PKINEXT_ALGORITHM_RSA_PKCS1_SHA256;
	case PKINEXT_KEY_TYPE_ED25519:
		return PKINEXT_ALGORITHM_ED25519;
	case PKINEXT_KEY_TYPE_ML_DSA_44:
		return PKINEXT_ALGORITHM_ML_DSA_44;
	case PKINEXT_KEY_TYPE_ML_DSA_65:
		return PKINEXT_ALGORITHM_ML_DSA_65;
	case PKINEXT_KEY_TYPE_ML_DSA_87:
		return PKINEXT_ALGORITHM_ML_DSA_87;
	default:
		return PKINEXT_ALGORITHM_UNKNOWN;
	}
}

static GBytes *
algorithm_build_identifier (const PkinextAlgorithmInfo *info)
{
	PkinextDerWriter w;

	pkinext_der_writer_init (&w, 64);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (&w, info->signature_oid);
	if (info->gnutls_pk == GNUTLS_PK_RSA && g_strcmp0 (info->signature_oid, OID_RSA_PSS) == 0) {
		/* RSASSA-PSS-params (RFC 4055): hash, MGF1 with the same hash, salt = hash length */
		const gchar *hash_oid = gnutls_digest_get_oid (info->gnutls_digest);
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (&w, hash_oid);
		pkinext_der_put_null (&w);
		pkinext_der_end (&w);
		pkinext_der_end (&w);
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (1));
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (&w, "1.2.840.113549.1.1.8"); /* id-mgf1 */
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (&w, hash_oid);
		pkinext_der_put_null (&w);
		pkinext_der_end (&w);
		pkinext_der_end (&w);
		pkinext_der_end (&w);
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (2));
		pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, gnutls_hash_get_len (info->gnutls_digest));
		pkinext_der_end (&w);
		pkinext_der_end (&w);
	} else if (info->gnutls_pk == GNUTLS_PK_RSA) {
		/* RFC 4055: the parameters of PKCS#1 v1.5 signatures are NULL */
		pkinext_der_put_null (&w);
	}
	/* ECDSA, EdDSA and ML-DSA: parameters absent */
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

/**
 * pkinext_algorithm_get_identifier_der:
 * @alg: an algorithm
 *
 * Returns: (transfer full): the DER AlgorithmIdentifier used in the signatureAlgorithm
 * fields of certificates, CRLs, CSRs and OCSP responses signed with @alg, or %NULL
 * for the unknown algorithm
 */
GBytes *
pkinext_algorithm_get_identifier_der (PkinextAlgorithm alg)
{
	static GBytes *cache[PKINEXT_ALGORITHM_LAST];
	static gsize initialized = 0;

	if (g_once_init_enter (&initialized)) {
		for (guint i = 1; i < PKINEXT_ALGORITHM_LAST; i++)
			cache[i] = algorithm_build_identifier (&algorithm_table[i]);
		g_once_init_leave (&initialized, 1);
	}
	if ((guint)alg >= PKINEXT_ALGORITHM_LAST || alg == PKINEXT_ALGORITHM_UNKNOWN)
		return NULL;
	return g_bytes_ref (cache[alg]);
}

const gchar *
pkinext_key_type_to_string (PkinextKeyType key_type)
{
	if ((guint)key_type >= PKINEXT_KEY_TYPE_LAST)
		return "unknown";
	return key_type_names[key_type];
}

PkinextKeyType
pkinext_key_type_from_string (const gchar *name)
{
	if (name == NULL)
		return PKINEXT_KEY_TYPE_UNKNOWN;
	for (guint i = 1; i < PKINEXT_KEY_TYPE_LAST; i++) {
		if (g_ascii_strcasecmp (key_type_names[i], name) == 0)
			return (PkinextKeyType)i;
	}
	if (g_ascii_strcasecmp (name, "p256") == 0 || g_ascii_strcasecmp (name, "P-256") == 0)
		return PKINEXT_KEY_TYPE_EC_P256;
	if (g_ascii_strcasecmp (name, "p384") == 0 || g_ascii_strcasecmp (name, "P-384") == 0)
		return PKINEXT_KEY_TYPE_EC_P384;
	if (g_ascii_strcasecmp (name, "p521") == 0 || g_ascii_strcasecmp (name, "P-521") == 0)
		return PKINEXT_KEY_TYPE_EC_P521;
	return PKINEXT_KEY_TYPE_UNKNOWN;
}

PkinextKeyType
pkinext_key_type_from_gnutls (gnutls_pk_algorithm_t pk, gnutls_ecc_curve_t curve)
{
	switch (pk) {
	case GNUTLS_PK_RSA:
		return PKINEXT_KEY_TYPE_RSA;
	case GNUTLS_PK_EDDSA_ED25519:
		return PKINEXT_KEY_TYPE_ED25519;
	case GNUTLS_PK_ECDSA:
		if (curve == GNUTLS_ECC_CURVE_SECP256R1)
			return PKINEXT_KEY_TYPE_EC_P256;
		if (curve == GNUTLS_ECC_CURVE_SECP384R1)
			return PKINEXT_KEY_TYPE_EC_P384;
		if (curve == GNUTLS_ECC_CURVE_SECP521R1)
			return PKINEXT_KEY_TYPE_EC_P521;
		return PKINEXT_KEY_TYPE_UNKNOWN;
	default:
		return PKINEXT_KEY_TYPE_UNKNOWN;
	}
}

/**
 * pkinext_key_type_from_pubkey:
 * @pubkey: a GnuTLS public key
 * @bits: (out) (optional): the key size in bits
 *
 * Returns: the key type of @pubkey
 */
PkinextKeyType
pkinext_key_type_from_pubkey (gnutls_pubkey_t pubkey, guint *bits)
{
	unsigned int b = 0;
	int pk = gnutls_pubkey_get_pk_algorithm (pubkey, &b);
	gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;

	if (pk == GNUTLS_PK_ECDSA) {
		gnutls_datum_t x = {NULL, 0};
		gnutls_datum_t y = {NULL, 0};
		if (gnutls_pubkey_export_ecc_raw (pubkey, &curve, &x, &y) < 0)
			curve = GNUTLS_ECC_CURVE_INVALID;
		gnutls_free (x.data);
		gnutls_free (y.data);
		b = gnutls_ecc_curve_get_size (curve) * 8;
		if (curve == GNUTLS_ECC_CURVE_SECP521R1)
			b = 521;
	}
	if (bits != NULL)
		*bits = b;
	if (pk < 0)
		return PKINEXT_KEY_TYPE_UNKNOWN;
	return pkinext_key_type_from_gnutls ((gnutls_pk_algorithm_t)pk, curve);
}
