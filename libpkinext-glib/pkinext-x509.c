/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pieces of X.509 parsing shared by the CSR and certificate views.
 */
#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "pkinext-error.h"
#include "pkinext-x509-private.h"

/* OID content octets, compared without allocating */
#define OID_RSA_ENCRYPTION "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
#define OID_RSASSA_PSS	   "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"
#define OID_MGF1	   "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08"
#define OID_EC_PUBLIC_KEY  "\x2a\x86\x48\xce\x3d\x02\x01"
#define OID_P256	   "\x2a\x86\x48\xce\x3d\x03\x01\x07"
#define OID_P384	   "\x2b\x81\x04\x00\x22"
#define OID_P521	   "\x2b\x81\x04\x00\x23"
#define OID_ED25519	   "\x2b\x65\x70"
#define OID_SHA1	   "\x2b\x0e\x03\x02\x1a"
#define OID_SHA256	   "\x60\x86\x48\x01\x65\x03\x04\x02\x01"
#define OID_SHA384	   "\x60\x86\x48\x01\x65\x03\x04\x02\x02"
#define OID_SHA512	   "\x60\x86\x48\x01\x65\x03\x04\x02\x03"

#define OID_IS(el, lit)                                                                            \
	((el)->tag == PKINEXT_DER_OID && (el)->len == sizeof (lit) - 1 &&                          \
	 memcmp ((el)->content, lit, sizeof (lit) - 1) == 0)

static gboolean
x509_fail (GError **error, PkinextError code, const gchar *what)
{
	g_set_error_literal (error, PKINEXT_ERROR, code, what);
	return FALSE;
}

static gchar *
x509_oid_text (const PkinextDerElement *oid)
{
	gchar *s = oid->tag == PKINEXT_DER_OID ? pkinext_der_decode_oid (oid->content, oid->len)
					       : NULL;
	return s != NULL ? s : g_strdup ("(malformed OID)");
}

/* bit length of an unsigned big-endian INTEGER's content */
static guint
x509_integer_bits (const PkinextDerElement *el)
{
	const guint8 *p = el->content;
	gsize len = el->len;
	guint bits;

	while (len > 0 && p[0] == 0) {
		p++;
		len--;
	}
	if (len == 0)
		return 0;
	bits = (guint)(len - 1) * 8;
	for (guint8 top = p[0]; top != 0; top >>= 1)
		bits++;
	return bits;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static gboolean
x509_rsa_bits (const PkinextDerElement *bits_el, guint *bits, GError **error)
{
	PkinextDerReader r, seq;
	PkinextDerElement el, n, e;

	if (bits_el->len < 1 || bits_el->content[0] != 0)
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "RSA key: bad BIT STRING");
	pkinext_der_reader_init (&r, bits_el->content + 1, bits_el->len - 1);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL) ||
	    !pkinext_der_reader_at_end (&r))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "RSA key: malformed");
	pkinext_der_reader_enter (&r, &el, &seq);
	if (!pkinext_der_read_expect (&seq, PKINEXT_DER_INTEGER, &n, NULL) ||
	    !pkinext_der_read_expect (&seq, PKINEXT_DER_INTEGER, &e, NULL) ||
	    !pkinext_der_reader_at_end (&seq) || n.len == 0 || (n.content[0] & 0x80) ||
	    e.len == 0 || (e.content[0] & 0x80))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "RSA key: malformed RSAPublicKey");
	*bits = x509_integer_bits (&n);
	return TRUE;
}

static gboolean
x509_ec_curve (const PkinextDerElement *params,
	       PkinextKeyType *key_type,
	       guint *bits,
	       GError **error)
{
	if (OID_IS (params, OID_P256)) {
		*key_type = PKINEXT_KEY_TYPE_EC_P256;
		*bits = 256;
	} else if (OID_IS (params, OID_P384)) {
		*key_type = PKINEXT_KEY_TYPE_EC_P384;
		*bits = 384;
	} else if (OID_IS (params, OID_P521)) {
		*key_type = PKINEXT_KEY_TYPE_EC_P521;
		*bits = 521;
	} else {
		g_autofree gchar *oid = x509_oid_text (params);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "unsupported elliptic curve %s (supported: P-256, P-384, P-521)", oid);
		return FALSE;
	}
	return TRUE;
}

/* key types the table knows by key OID (ML-DSA...) */
static PkinextKeyType
x509_key_type_from_table (const PkinextDerElement *oid)
{
	g_autofree gchar *dotted = x509_oid_text (oid);
	guint n = 0;
	const PkinextAlgorithmInfo *table = pkinext_algorithm_get_table (&n);

	for (guint i = 0; i < n; i++) {
		if (table[i].key_type >= PKINEXT_KEY_TYPE_ML_DSA_44 &&
		    g_strcmp0 (table[i].key_oid, dotted) == 0)
			return table[i].key_type;
	}
	return PKINEXT_KEY_TYPE_UNKNOWN;
}

/**
 * pkinext_spki_get_key_type: (skip)
 */
gboolean
pkinext_spki_get_key_type (
	const guint8 *spki, gsize len, PkinextKeyType *key_type, guint *bits, GError **error)
{
	PkinextDerReader r, seq, alg;
	PkinextDerElement el, alg_id, oid, params = {0}, key;
	guint b = 0;
	PkinextKeyType kt = PKINEXT_KEY_TYPE_UNKNOWN;

	pkinext_der_reader_init (&r, spki, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL) ||
	    !pkinext_der_reader_at_end (&r))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "malformed SubjectPublicKeyInfo");
	pkinext_der_reader_enter (&r, &el, &seq);
	if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SEQUENCE, &alg_id, NULL) ||
	    !pkinext_der_read_expect (&seq, PKINEXT_DER_BIT_STRING, &key, NULL) ||
	    !pkinext_der_reader_at_end (&seq))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "malformed SubjectPublicKeyInfo");
	pkinext_der_reader_enter (&seq, &alg_id, &alg);
	if (!pkinext_der_read_expect (&alg, PKINEXT_DER_OID, &oid, NULL) ||
	    (!pkinext_der_reader_at_end (&alg) && !pkinext_der_read (&alg, &params, NULL)) ||
	    !pkinext_der_reader_at_end (&alg))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "malformed SubjectPublicKeyInfo algorithm");
	if (OID_IS (&oid, OID_RSA_ENCRYPTION) || OID_IS (&oid, OID_RSASSA_PSS)) {
		kt = PKINEXT_KEY_TYPE_RSA;
		if (!x509_rsa_bits (&key, &b, error))
			return FALSE;
	} else if (OID_IS (&oid, OID_EC_PUBLIC_KEY)) {
		if (!x509_ec_curve (&params, &kt, &b, error))
			return FALSE;
	} else if (OID_IS (&oid, OID_ED25519)) {
		if (key.len != 33 || params.tlv != NULL)
			return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
					  "malformed Ed25519 key");
		kt = PKINEXT_KEY_TYPE_ED25519;
		b = 256;
	} else {
		kt = x509_key_type_from_table (&oid);
		if (kt == PKINEXT_KEY_TYPE_UNKNOWN) {
			g_autofree gchar *dotted = x509_oid_text (&oid);
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
				     "unsupported public key algorithm %s", dotted);
			return FALSE;
		}
	}
	*key_type = kt;
	if (bits != NULL)
		*bits = b;
	return TRUE;
}

static gboolean
x509_hash_from_alg_id (const PkinextDerElement *alg_id, gnutls_digest_algorithm_t *dig)
{
	PkinextDerReader r;
	PkinextDerElement oid, params;

	pkinext_der_reader_init (&r, alg_id->content, alg_id->len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_OID, &oid, NULL))
		return FALSE;
	if (!pkinext_der_reader_at_end (&r) &&
	    (!pkinext_der_read_expect (&r, PKINEXT_DER_NULL, &params, NULL) || params.len != 0))
		return FALSE;
	if (!pkinext_der_reader_at_end (&r))
		return FALSE;
	if (OID_IS (&oid, OID_SHA256))
		*dig = GNUTLS_DIG_SHA256;
	else if (OID_IS (&oid, OID_SHA384))
		*dig = GNUTLS_DIG_SHA384;
	else if (OID_IS (&oid, OID_SHA512))
		*dig = GNUTLS_DIG_SHA512;
	else if (OID_IS (&oid, OID_SHA1))
		*dig = GNUTLS_DIG_SHA1;
	else
		*dig = GNUTLS_DIG_UNKNOWN;
	return TRUE;
}

/* MaskGenAlgorithm: SEQUENCE { id-mgf1, AlgorithmIdentifier of the hash } */
static gboolean
x509_mgf1_hash (const PkinextDerElement *mgf, gnutls_digest_algorithm_t *dig)
{
	PkinextDerReader r;
	PkinextDerElement oid, hash;

	pkinext_der_reader_init (&r, mgf->content, mgf->len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_OID, &oid, NULL) ||
	    !OID_IS (&oid, OID_MGF1) ||
	    !pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &hash, NULL) ||
	    !pkinext_der_reader_at_end (&r))
		return FALSE;
	return x509_hash_from_alg_id (&hash, dig);
}

/* reads [n] EXPLICIT <tag> if present */
static gboolean
x509_read_explicit (
	PkinextDerReader *r, guint n, guint8 tag, PkinextDerElement *inner, gboolean *present)
{
	PkinextDerElement outer;
	PkinextDerReader rr;
	guint8 next = 0;

	*present = FALSE;
	if (!pkinext_der_reader_peek_tag (r, &next) || next != PKINEXT_DER_CONTEXT_CONS (n))
		return TRUE;
	if (!pkinext_der_read (r, &outer, NULL))
		return FALSE;
	pkinext_der_reader_init (&rr, outer.content, outer.len);
	if (!pkinext_der_read_expect (&rr, tag, inner, NULL) || !pkinext_der_reader_at_end (&rr))
		return FALSE;
	*present = TRUE;
	return TRUE;
}

/* RSASSA-PSS-params (RFC 4055): the hash, MGF1 with the same hash, trailer 1 */
static gboolean
x509_parse_pss_params (const PkinextDerElement *params,
		       gnutls_digest_algorithm_t *dig,
		       guint *salt,
		       GError **error)
{
	PkinextDerReader r;
	PkinextDerElement el;
	gnutls_digest_algorithm_t mgf_dig = GNUTLS_DIG_SHA1;
	gboolean present = FALSE;
	guint64 v = 20;

	*dig = GNUTLS_DIG_SHA1;
	if (params->tag != PKINEXT_DER_SEQUENCE)
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "RSASSA-PSS without parameters");
	pkinext_der_reader_init (&r, params->content, params->len);
	if (!x509_read_explicit (&r, 0, PKINEXT_DER_SEQUENCE, &el, &present) ||
	    (present && !x509_hash_from_alg_id (&el, dig)) ||
	    !x509_read_explicit (&r, 1, PKINEXT_DER_SEQUENCE, &el, &present) ||
	    (present && !x509_mgf1_hash (&el, &mgf_dig)) ||
	    !x509_read_explicit (&r, 2, PKINEXT_DER_INTEGER, &el, &present) ||
	    (present && !pkinext_der_element_get_uint (&el, &v, NULL)) ||
	    !x509_read_explicit (&r, 3, PKINEXT_DER_INTEGER, &el, &present) ||
	    (present && (el.len != 1 || el.content[0] != 1)) || !pkinext_der_reader_at_end (&r))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "malformed RSASSA-PSS parameters");
	if (mgf_dig != *dig)
		return x509_fail (error, PKINEXT_ERROR_NOT_SUPPORTED,
				  "RSASSA-PSS with an MGF1 hash different from the message hash");
	if (v > 1024)
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "RSASSA-PSS salt too long");
	*salt = (guint)v;
	return TRUE;
}

static gboolean
x509_unknown_signature (const PkinextDerElement *oid, GError **error)
{
	static const struct {
		const gchar *oid;
		const gchar *name;
	} sha1_algs[] = {
		{"1.2.840.10045.4.1", "ECDSA with SHA-1"},
		{"1.2.840.10040.4.3", "DSA with SHA-1"},
		{"1.3.14.3.2.29", "RSA with SHA-1 (OIW)"},
		{"1.2.840.113549.1.1.4", "RSA with MD5"},
	};
	g_autofree gchar *dotted = x509_oid_text (oid);

	for (guint i = 0; i < G_N_ELEMENTS (sha1_algs); i++) {
		if (g_str_equal (dotted, sha1_algs[i].oid)) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
				     "signature algorithm %s (%s) is not supported: it uses a "
				     "broken hash",
				     sha1_algs[i].name, dotted);
			return FALSE;
		}
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
		     "unsupported signature algorithm %s", dotted);
	return FALSE;
}

/**
 * pkinext_x509_parse_signature_algorithm: (skip)
 */
gboolean
pkinext_x509_parse_signature_algorithm (const PkinextDerElement *alg_id,
					PkinextAlgorithm *alg,
					guint *pss_salt,
					GError **error)
{
	PkinextDerReader r;
	PkinextDerElement oid, params = {0};
	g_autofree gchar *dotted = NULL;
	gnutls_digest_algorithm_t dig = GNUTLS_DIG_UNKNOWN;
	guint salt = 0;

	pkinext_der_reader_init (&r, alg_id->content, alg_id->len);
	if (alg_id->tag != PKINEXT_DER_SEQUENCE ||
	    !pkinext_der_read_expect (&r, PKINEXT_DER_OID, &oid, NULL) ||
	    (!pkinext_der_reader_at_end (&r) && !pkinext_der_read (&r, &params, NULL)) ||
	    !pkinext_der_reader_at_end (&r))
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "malformed signature AlgorithmIdentifier");
	if (OID_IS (&oid, OID_RSASSA_PSS)) {
		if (!x509_parse_pss_params (&params, &dig, &salt, error))
			return FALSE;
	} else if (params.tlv != NULL && (params.tag != PKINEXT_DER_NULL || params.len != 0)) {
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA,
				  "unexpected signature algorithm parameters");
	}
	dotted = x509_oid_text (&oid);
	*alg = pkinext_algorithm_from_signature_oid (dotted, dig);
	if (*alg == PKINEXT_ALGORITHM_UNKNOWN) {
		if (OID_IS (&oid, OID_RSASSA_PSS)) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
				     "RSASSA-PSS with %s is not supported (use SHA-256, SHA-384 or "
				     "SHA-512)",
				     dig == GNUTLS_DIG_SHA1 ? "SHA-1" : "this hash");
			return FALSE;
		}
		return x509_unknown_signature (&oid, error);
	}
	if (pss_salt != NULL)
		*pss_salt = salt;
	return TRUE;
}

/* Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
static gboolean
x509_read_extension (PkinextDerReader *exts,
		     PkinextDerElement *oid,
		     gboolean *critical,
		     PkinextDerElement *value)
{
	PkinextDerReader r;
	PkinextDerElement el, b;
	guint8 tag = 0;

	if (!pkinext_der_read_expect (exts, PKINEXT_DER_SEQUENCE, &el, NULL))
		return FALSE;
	pkinext_der_reader_init (&r, el.content, el.len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_OID, oid, NULL) || oid->len == 0)
		return FALSE;
	*critical = FALSE;
	if (pkinext_der_reader_peek_tag (&r, &tag) && tag == PKINEXT_DER_BOOLEAN) {
		if (!pkinext_der_read (&r, &b, NULL) || b.len != 1 ||
		    (b.content[0] != 0x00 && b.content[0] != 0xff))
			return FALSE;
		*critical = b.content[0] == 0xff;
	}
	return pkinext_der_read_expect (&r, PKINEXT_DER_OCTET_STRING, value, NULL) &&
	       pkinext_der_reader_at_end (&r);
}

/**
 * pkinext_x509_find_extension: (skip)
 */
gboolean
pkinext_x509_find_extension (const guint8 *der,
			     gsize len,
			     const gchar *oid,
			     PkinextDerElement *value,
			     gboolean *critical)
{
	g_autoptr (GByteArray) want = g_byte_array_sized_new (16);
	PkinextDerReader r, exts;
	PkinextDerElement el;

	if (der == NULL || !pkinext_der_encode_oid (oid, want))
		return FALSE;
	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL))
		return FALSE;
	pkinext_der_reader_init (&exts, el.content, el.len);
	while (!pkinext_der_reader_at_end (&exts)) {
		PkinextDerElement id, v;
		gboolean crit = FALSE;
		if (!x509_read_extension (&exts, &id, &crit, &v))
			return FALSE;
		if (id.len == want->len && memcmp (id.content, want->data, id.len) == 0) {
			*value = v;
			if (critical != NULL)
				*critical = crit;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * pkinext_x509_check_extensions: (skip)
 */
gboolean
pkinext_x509_check_extensions (const guint8 *der, gsize len, GError **error)
{
	PkinextDerReader r, exts;
	PkinextDerElement el;
	PkinextDerElement seen[64];
	guint n = 0;

	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL) ||
	    !pkinext_der_reader_at_end (&r) || el.len == 0)
		return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed Extensions");
	pkinext_der_reader_init (&exts, el.content, el.len);
	while (!pkinext_der_reader_at_end (&exts)) {
		PkinextDerElement id, v;
		gboolean crit = FALSE;
		if (!x509_read_extension (&exts, &id, &crit, &v))
			return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed Extension");
		if (n == G_N_ELEMENTS (seen))
			return x509_fail (error, PKINEXT_ERROR_INVALID_DATA, "too many extensions");
		for (guint i = 0; i < n; i++) {
			if (seen[i].len == id.len &&
			    memcmp (seen[i].content, id.content, id.len) == 0) {
				g_autofree gchar *dotted = x509_oid_text (&id);
				g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
					     "extension %s appears twice", dotted);
				return FALSE;
			}
		}
		seen[n++] = id;
	}
	return TRUE;
}

/**
 * pkinext_spki_key_id: (skip)
 */
GBytes *
pkinext_spki_key_id (const guint8 *spki, gsize len)
{
	PkinextDerReader r, seq;
	PkinextDerElement el, alg, key;
	guint8 digest[20];

	pkinext_der_reader_init (&r, spki, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL))
		return NULL;
	pkinext_der_reader_init (&seq, el.content, el.len);
	if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SEQUENCE, &alg, NULL) ||
	    !pkinext_der_read_expect (&seq, PKINEXT_DER_BIT_STRING, &key, NULL) || key.len < 1)
		return NULL;
	if (gnutls_hash_fast (GNUTLS_DIG_SHA1, key.content + 1, key.len - 1, digest) < 0)
		return NULL;
	return g_bytes_new (digest, sizeof (digest));
}
