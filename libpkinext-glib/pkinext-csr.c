/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PKCS#10 certification requests (RFC 2986), parsed with the DER reader and verified
 * once with GnuTLS: the proof of possession is the only expensive step.
 */
#include "config.h"

#include <string.h>

#include <gnutls/abstract.h>

#include "pkinext-csr.h"
#include "pkinext-error.h"
#include "pkinext-name.h"
#include "pkinext-pem.h"
#include "pkinext-san-private.h"
#include "pkinext-x509-private.h"

#define OID_EXTENSION_REQUEST	 "1.2.840.113549.1.9.14"
#define OID_MS_EXTENSION_REQUEST "1.3.6.1.4.1.311.2.1.14"
#define OID_CHALLENGE_PASSWORD	 "1.2.840.113549.1.9.7"
#define OID_SUBJECT_ALT_NAME	 "2.5.29.17"

struct _PkinextCsr {
	GObject parent_instance;
	GBytes *der;
	GBytes *subject_der;
	GBytes *spki;
	PkinextKeyType key_type;
	guint key_bits;
	PkinextAlgorithm signature_algorithm;
	GPtrArray *sans;
	const guint8 *extensions; /* the Extensions SEQUENCE inside der, or NULL */
	gsize extensions_len;
	gchar *challenge_password;
	gchar *subject;	    /* computed on first use */
	gchar *common_name; /* computed on first use; "" = none */
};

G_DEFINE_TYPE (PkinextCsr, pkinext_csr, G_TYPE_OBJECT)

/* what the parser found, before the object is made */
typedef struct {
	PkinextDerElement tbs;
	PkinextDerElement subject;
	PkinextDerElement spki;
	PkinextDerElement attributes;
	PkinextDerElement sig_alg;
	PkinextDerElement signature;
} CsrParts;

static void
pkinext_csr_finalize (GObject *object)
{
	PkinextCsr *self = PKINEXT_CSR (object);

	g_clear_pointer (&self->der, g_bytes_unref);
	g_clear_pointer (&self->subject_der, g_bytes_unref);
	g_clear_pointer (&self->spki, g_bytes_unref);
	g_clear_pointer (&self->sans, g_ptr_array_unref);
	g_free (self->challenge_password);
	g_free (self->subject);
	g_free (self->common_name);
	G_OBJECT_CLASS (pkinext_csr_parent_class)->finalize (object);
}

static void
pkinext_csr_class_init (PkinextCsrClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_csr_finalize;
}

static void
pkinext_csr_init (PkinextCsr *self)
{
}

static gboolean
csr_fail (GError **error, PkinextError code, const gchar *what)
{
	g_set_error (error, PKINEXT_ERROR, code, "CSR: %s", what);
	return FALSE;
}

/* for structural errors; the caller prefixes "CSR: not a PKCS#10 request: " */
static gboolean
csr_outer_fail (GError **error, const gchar *what)
{
	g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, what);
	return FALSE;
}

static gboolean
csr_parse_outer (const guint8 *der, gsize len, CsrParts *parts, GError **error)
{
	PkinextDerReader r, outer, tbs;
	PkinextDerElement el, version;
	guint8 tag = 0;

	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&r))
		return csr_outer_fail (error, "trailing data after the request");
	pkinext_der_reader_enter (&r, &el, &outer);
	if (!pkinext_der_read_expect (&outer, PKINEXT_DER_SEQUENCE, &parts->tbs, error))
		return FALSE;
	pkinext_der_reader_enter (&outer, &parts->tbs, &tbs);
	if (pkinext_der_reader_peek_tag (&tbs, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (0))
		return csr_outer_fail (error, "this is a certificate, not a certificate request");
	if (!pkinext_der_read_expect (&tbs, PKINEXT_DER_INTEGER, &version, error))
		return FALSE;
	if (version.len != 1 || version.content[0] != 0)
		return csr_outer_fail (error, "unsupported version (not a PKCS#10 v1 request)");
	if (!pkinext_der_read_expect (&tbs, PKINEXT_DER_SEQUENCE, &parts->subject, error) ||
	    !pkinext_der_read_expect (&tbs, PKINEXT_DER_SEQUENCE, &parts->spki, error))
		return FALSE;
	memset (&parts->attributes, 0, sizeof (parts->attributes));
	if (!pkinext_der_reader_at_end (&tbs) &&
	    !pkinext_der_read_expect (&tbs, PKINEXT_DER_CONTEXT_CONS (0), &parts->attributes,
				      error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&tbs))
		return csr_outer_fail (error, "trailing data in certificationRequestInfo");
	if (!pkinext_der_read_expect (&outer, PKINEXT_DER_SEQUENCE, &parts->sig_alg, error) ||
	    !pkinext_der_read_expect (&outer, PKINEXT_DER_BIT_STRING, &parts->signature, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&outer))
		return csr_outer_fail (error, "trailing data after the signature");
	if (parts->signature.len < 2 || parts->signature.content[0] != 0)
		return csr_outer_fail (error, "malformed signature BIT STRING");
	return TRUE;
}

/* the single value of an attribute's SET, or FALSE */
static gboolean
csr_attribute_single_value (const PkinextDerElement *values, PkinextDerElement *value)
{
	PkinextDerReader r;
	pkinext_der_reader_init (&r, values->content, values->len);
	return pkinext_der_read (&r, value, NULL) && pkinext_der_reader_at_end (&r);
}

static gboolean
csr_parse_extension_request (PkinextCsr *self, const PkinextDerElement *values, GError **error)
{
	PkinextDerElement exts, san;
	gboolean critical = FALSE;

	if (self->extensions != NULL)
		return csr_fail (error, PKINEXT_ERROR_INVALID_DATA,
				 "two extensionRequest attributes");
	if (!csr_attribute_single_value (values, &exts) || exts.tag != PKINEXT_DER_SEQUENCE)
		return csr_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed extensionRequest");
	if (exts.len == 0)
		return TRUE; /* some tools write an empty one */
	if (!pkinext_x509_check_extensions (exts.tlv, exts.tlv_len, error)) {
		g_prefix_error (error, "CSR: extensionRequest: ");
		return FALSE;
	}
	self->extensions = exts.tlv;
	self->extensions_len = exts.tlv_len;
	if (!pkinext_x509_find_extension (exts.tlv, exts.tlv_len, OID_SUBJECT_ALT_NAME, &san,
					  &critical))
		return TRUE;
	g_clear_pointer (&self->sans, g_ptr_array_unref);
	if (!pkinext_san_parse_general_names (san.content, san.len, &self->sans, error)) {
		g_prefix_error (error, "CSR: ");
		return FALSE;
	}
	return TRUE;
}

static gboolean
csr_parse_challenge_password (PkinextCsr *self, const PkinextDerElement *values, GError **error)
{
	PkinextDerElement v;

	if (!csr_attribute_single_value (values, &v) ||
	    (v.tag != PKINEXT_DER_UTF8_STRING && v.tag != PKINEXT_DER_PRINTABLE_STRING &&
	     v.tag != PKINEXT_DER_IA5_STRING) ||
	    memchr (v.content, 0, v.len) != NULL ||
	    !g_utf8_validate ((const gchar *)v.content, (gssize)v.len, NULL))
		return csr_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed challengePassword");
	g_free (self->challenge_password);
	self->challenge_password = g_strndup ((const gchar *)v.content, v.len);
	return TRUE;
}

/* Attribute ::= SEQUENCE { type OID, values SET OF ANY } */
static gboolean
csr_parse_attributes (PkinextCsr *self, const PkinextDerElement *attributes, GError **error)
{
	PkinextDerReader r;

	pkinext_der_reader_init (&r, attributes->content, attributes->len);
	while (!pkinext_der_reader_at_end (&r)) {
		PkinextDerReader a;
		PkinextDerElement el, oid, values;

		if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL))
			return csr_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed attribute");
		pkinext_der_reader_enter (&r, &el, &a);
		if (!pkinext_der_read_expect (&a, PKINEXT_DER_OID, &oid, NULL) ||
		    !pkinext_der_read_expect (&a, PKINEXT_DER_SET, &values, NULL) ||
		    !pkinext_der_reader_at_end (&a))
			return csr_fail (error, PKINEXT_ERROR_INVALID_DATA, "malformed attribute");
		if (pkinext_der_element_oid_equal (&oid, OID_EXTENSION_REQUEST) ||
		    pkinext_der_element_oid_equal (&oid, OID_MS_EXTENSION_REQUEST)) {
			if (!csr_parse_extension_request (self, &values, error))
				return FALSE;
		} else if (pkinext_der_element_oid_equal (&oid, OID_CHALLENGE_PASSWORD)) {
			if (!csr_parse_challenge_password (self, &values, error))
				return FALSE;
		}
	}
	return TRUE;
}

static gboolean
csr_import_pubkey (gnutls_pubkey_t pubkey, GBytes *spki, GError **error)
{
	gsize len = 0;
	const guint8 *data = g_bytes_get_data (spki, &len);
	gnutls_datum_t d = {(guint8 *)data, (guint)len};
	int rc = gnutls_pubkey_import (pubkey, &d, GNUTLS_X509_FMT_DER);

	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "CSR: importing the public key");
	return TRUE;
}

/* RSASSA-PSS: tell GnuTLS the hash and salt length from the signature parameters */
static gboolean
csr_setup_pss (gnutls_pubkey_t pubkey,
	       const PkinextAlgorithmInfo *info,
	       guint salt,
	       gnutls_sign_algorithm_t *sign,
	       GError **error)
{
	gnutls_x509_spki_t spki = NULL;
	int rc = gnutls_x509_spki_init (&spki);

	if (rc >= 0) {
		gnutls_x509_spki_set_rsa_pss_params (spki, info->gnutls_digest, salt);
		rc = gnutls_pubkey_set_spki (pubkey, spki, 0);
		gnutls_x509_spki_deinit (spki);
	}
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc,
						 "CSR: setting the RSASSA-PSS parameters");
	*sign = gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, info->gnutls_digest);
	return TRUE;
}

static gboolean
csr_is_ec (PkinextKeyType key_type)
{
	return key_type == PKINEXT_KEY_TYPE_EC_P256 || key_type == PKINEXT_KEY_TYPE_EC_P384 ||
	       key_type == PKINEXT_KEY_TYPE_EC_P521;
}

/* ECDSA with any of the hashes is fine on any of the curves */
static gboolean
csr_key_matches (PkinextKeyType wanted, PkinextKeyType actual)
{
	return wanted == actual || (csr_is_ec (wanted) && csr_is_ec (actual));
}

static gboolean
csr_is_pss (PkinextAlgorithm alg)
{
	return alg == PKINEXT_ALGORITHM_RSA_PSS_SHA256 || alg == PKINEXT_ALGORITHM_RSA_PSS_SHA384 ||
	       alg == PKINEXT_ALGORITHM_RSA_PSS_SHA512;
}

/* verifies the proof of possession: the one expensive step of parsing */
static gboolean
csr_verify (PkinextCsr *self, const CsrParts *parts, guint pss_salt, GError **error)
{
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (self->signature_algorithm);
	gnutls_pubkey_t pubkey = NULL;
	gnutls_sign_algorithm_t sign = info->gnutls_sign;
	gnutls_datum_t tbs = {(guint8 *)parts->tbs.tlv, (guint)parts->tbs.tlv_len};
	gnutls_datum_t sig = {(guint8 *)parts->signature.content + 1,
			      (guint)parts->signature.len - 1};
	guint flags = 0;
	gboolean ok = TRUE;
	int rc;

	if (sign == GNUTLS_SIGN_UNKNOWN) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "CSR: signatures with %s cannot be verified on this platform",
			     info->description);
		return FALSE;
	}
	if (!csr_key_matches (info->key_type, self->key_type)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID,
			     "CSR: signature algorithm %s does not match the %s key", info->name,
			     pkinext_key_type_to_string (self->key_type));
		return FALSE;
	}
	if (info->gnutls_digest == GNUTLS_DIG_SHA1)
		flags |= GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1;
	rc = gnutls_pubkey_init (&pubkey);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "CSR: gnutls_pubkey_init");
	ok = csr_import_pubkey (pubkey, self->spki, error);
	if (ok && csr_is_pss (info->id))
		ok = csr_setup_pss (pubkey, info, pss_salt, &sign, error);
	if (!ok) {
		gnutls_pubkey_deinit (pubkey);
		return FALSE;
	}
	rc = gnutls_pubkey_verify_data2 (pubkey, sign, flags, &tbs, &sig);
	gnutls_pubkey_deinit (pubkey);
	if (rc == GNUTLS_E_PK_SIG_VERIFY_FAILED) {
		ok = csr_fail (error, PKINEXT_ERROR_SIGNATURE_INVALID,
			       "the signature does not verify (no proof of possession of the key)");
	} else if (rc < 0 && info->gnutls_digest == GNUTLS_DIG_SHA1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID,
			     "CSR signed with SHA-1 (%s), which this system refuses to verify: "
			     "%s; sign the request with SHA-256 or better",
			     info->name, gnutls_strerror (rc));
		ok = FALSE;
	} else if (rc == GNUTLS_E_UNKNOWN_ALGORITHM ||
		   rc == GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM ||
		   rc == GNUTLS_E_UNKNOWN_PK_ALGORITHM || rc == GNUTLS_E_ECC_UNSUPPORTED_CURVE ||
		   rc == GNUTLS_E_UNIMPLEMENTED_FEATURE) {
		ok = pkinext_error_set_gnutls (error, rc, "CSR: verifying the signature (%s)",
					       info->name);
	} else if (rc < 0) {
		/* e.g. a malformed ECDSA signature: still no proof of possession */
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID,
			     "CSR: the signature (%s) does not verify: %s (%s)", info->name,
			     gnutls_strerror (rc), gnutls_strerror_name (rc));
		ok = FALSE;
	}
	return ok;
}

/* a GBytes for an element of self->der, sharing its memory */
static GBytes *
csr_slice (PkinextCsr *self, const PkinextDerElement *el)
{
	const guint8 *base = g_bytes_get_data (self->der, NULL);
	return g_bytes_new_from_bytes (self->der, (gsize)(el->tlv - base), el->tlv_len);
}

static gboolean
csr_parse (PkinextCsr *self, const CsrParts *parts, GError **error)
{
	guint pss_salt = 0;

	if (!pkinext_name_validate (parts->subject.tlv, parts->subject.tlv_len, error)) {
		g_prefix_error (error, "CSR: subject: ");
		return FALSE;
	}
	self->subject_der = csr_slice (self, &parts->subject);
	self->spki = csr_slice (self, &parts->spki);
	if (!pkinext_spki_get_key_type (parts->spki.tlv, parts->spki.tlv_len, &self->key_type,
					&self->key_bits, error) ||
	    !pkinext_x509_parse_signature_algorithm (&parts->sig_alg, &self->signature_algorithm,
						     &pss_salt, error)) {
		g_prefix_error (error, "CSR: ");
		return FALSE;
	}
	if (parts->attributes.tlv != NULL &&
	    !csr_parse_attributes (self, &parts->attributes, error))
		return FALSE;
	return csr_verify (self, parts, pss_salt, error);
}

/**
 * pkinext_csr_new_from_data:
 * @pem_or_der: a PKCS#10 request, DER or PEM
 * @error: return location
 *
 * Parses @pem_or_der and verifies its signature (proof of possession). Policy (key
 * sizes, SHA-1) is left to the caller: see pkinext_csr_get_key_type() and
 * pkinext_csr_get_signature_algorithm().
 *
 * Returns: (transfer full): the request, or %NULL with %PKINEXT_ERROR_INVALID_DATA,
 *   %PKINEXT_ERROR_SIGNATURE_INVALID or %PKINEXT_ERROR_NOT_SUPPORTED
 */
PkinextCsr *
pkinext_csr_new_from_data (GBytes *pem_or_der, GError **error)
{
	g_autoptr (PkinextCsr) self = NULL;
	g_autoptr (GBytes) der = NULL;
	CsrParts parts;
	gsize len = 0;
	const guint8 *data;

	g_return_val_if_fail (pem_or_der != NULL, NULL);
	if (g_bytes_get_size (pem_or_der) > PKINEXT_CSR_MAX_SIZE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "CSR: %" G_GSIZE_FORMAT " bytes is larger than the %u-byte limit",
			     g_bytes_get_size (pem_or_der), PKINEXT_CSR_MAX_SIZE);
		return NULL;
	}
	der = pkinext_pem_or_der (pem_or_der, "CERTIFICATE REQUEST", error);
	if (der == NULL) {
		g_prefix_error (error, "CSR: ");
		return NULL;
	}
	data = g_bytes_get_data (der, &len);
	if (!csr_parse_outer (data, len, &parts, error)) {
		g_prefix_error (error, "CSR: not a PKCS#10 request: ");
		return NULL;
	}
	self = g_object_new (PKINEXT_TYPE_CSR, NULL);
	self->der = g_steal_pointer (&der);
	self->sans = pkinext_san_array_new ();
	if (!csr_parse (self, &parts, error))
		return NULL;
	return g_steal_pointer (&self);
}

/**
 * pkinext_csr_get_der:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none): the DER of the request
 */
GBytes *
pkinext_csr_get_der (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return self->der;
}

/**
 * pkinext_csr_get_subject_der:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none): the subject Name TLV
 */
GBytes *
pkinext_csr_get_subject_der (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return self->subject_der;
}

/* sets *slot once, from any thread; returns the winner */
static const gchar *
csr_lazy_string (gchar **slot, gchar *value)
{
	if (!g_atomic_pointer_compare_and_exchange (slot, NULL, value))
		g_free (value);
	return g_atomic_pointer_get (slot);
}

/**
 * pkinext_csr_get_subject:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none): the subject as RFC 4514 text ("" for an empty subject)
 */
const gchar *
pkinext_csr_get_subject (PkinextCsr *self)
{
	gsize len = 0;
	const guint8 *der;

	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	if (g_atomic_pointer_get (&self->subject) != NULL)
		return self->subject;
	der = g_bytes_get_data (self->subject_der, &len);
	return csr_lazy_string (&self->subject, pkinext_name_to_string (der, len));
}

/**
 * pkinext_csr_get_common_name:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none) (nullable): the first CN of the subject, or %NULL
 */
const gchar *
pkinext_csr_get_common_name (PkinextCsr *self)
{
	gsize len = 0;
	const guint8 *der;
	const gchar *cn;
	gchar *value;

	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	cn = g_atomic_pointer_get (&self->common_name);
	if (cn == NULL) {
		der = g_bytes_get_data (self->subject_der, &len);
		value = pkinext_name_get_attribute (der, len, "CN");
		cn = csr_lazy_string (&self->common_name, value != NULL ? value : g_strdup (""));
	}
	return *cn != '\0' ? cn : NULL;
}

/**
 * pkinext_csr_get_public_key:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none): the SubjectPublicKeyInfo TLV
 */
GBytes *
pkinext_csr_get_public_key (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return self->spki;
}

/**
 * pkinext_csr_get_key_type:
 * @self: a #PkinextCsr
 * @bits: (out) (optional): the key size in bits
 *
 * Returns: the key type
 */
PkinextKeyType
pkinext_csr_get_key_type (PkinextCsr *self, guint *bits)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), PKINEXT_KEY_TYPE_UNKNOWN);
	if (bits != NULL)
		*bits = self->key_bits;
	return self->key_type;
}

/**
 * pkinext_csr_get_signature_algorithm:
 * @self: a #PkinextCsr
 *
 * Returns: the algorithm the request was signed with (%PKINEXT_ALGORITHM_RSA_PKCS1_SHA1
 *   for SHA-1: policy should refuse it)
 */
PkinextAlgorithm
pkinext_csr_get_signature_algorithm (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), PKINEXT_ALGORITHM_UNKNOWN);
	return self->signature_algorithm;
}

/**
 * pkinext_csr_get_sans:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none) (element-type PkinextSan): the requested subject alternative names
 */
GPtrArray *
pkinext_csr_get_sans (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return self->sans;
}

/**
 * pkinext_csr_get_extension:
 * @self: a #PkinextCsr
 * @oid: dotted OID of the extension
 * @critical: (out) (optional): whether it was marked critical
 *
 * Returns: (transfer full) (nullable): the extnValue contents, or %NULL if not requested
 */
GBytes *
pkinext_csr_get_extension (PkinextCsr *self, const gchar *oid, gboolean *critical)
{
	PkinextDerElement value;
	const guint8 *base;

	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	if (!pkinext_x509_find_extension (self->extensions, self->extensions_len, oid, &value,
					  critical))
		return NULL;
	base = g_bytes_get_data (self->der, NULL);
	return g_bytes_new_from_bytes (self->der, (gsize)(value.content - base), value.len);
}

/**
 * pkinext_csr_get_subject_key_id:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer full): SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1)
 */
GBytes *
pkinext_csr_get_subject_key_id (PkinextCsr *self)
{
	gsize len = 0;
	const guint8 *spki;

	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	spki = g_bytes_get_data (self->spki, &len);
	return pkinext_spki_key_id (spki, len);
}

/**
 * pkinext_csr_get_challenge_password:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer none) (nullable): the challengePassword attribute
 */
const gchar *
pkinext_csr_get_challenge_password (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return self->challenge_password;
}

/**
 * pkinext_csr_to_pem:
 * @self: a #PkinextCsr
 *
 * Returns: (transfer full): the request as PEM "CERTIFICATE REQUEST"
 */
gchar *
pkinext_csr_to_pem (PkinextCsr *self)
{
	g_return_val_if_fail (PKINEXT_IS_CSR (self), NULL);
	return pkinext_pem_encode ("CERTIFICATE REQUEST", self->der);
}
