/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextPkcs11"

#include "config.h"

#include <gnutls/x509.h>
#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-pkcs11-private.h"

#ifndef CKM_ML_DSA_KEY_PAIR_GEN
#define CKM_ML_DSA_KEY_PAIR_GEN 0x1cUL
#endif
#ifndef CKM_ML_DSA
#define CKM_ML_DSA 0x1dUL
#endif
#ifndef CKK_ML_DSA
#define CKK_ML_DSA 0x4aUL
#endif

#define OID_P256    "1.2.840.10045.3.1.7"
#define OID_P384    "1.3.132.0.34"
#define OID_P521    "1.3.132.0.35"
#define OID_ED25519 "1.3.101.112"

typedef struct {
	gulong value;
	const gchar *name;
} NamedValue;

/* clang-format off */
#define NV(x) {x, #x}
/* clang-format on */

static const NamedValue rv_names[] = {
	NV (CKR_OK),
	NV (CKR_CANCEL),
	NV (CKR_HOST_MEMORY),
	NV (CKR_SLOT_ID_INVALID),
	NV (CKR_GENERAL_ERROR),
	NV (CKR_FUNCTION_FAILED),
	NV (CKR_ARGUMENTS_BAD),
	NV (CKR_NO_EVENT),
	NV (CKR_NEED_TO_CREATE_THREADS),
	NV (CKR_CANT_LOCK),
	NV (CKR_ATTRIBUTE_READ_ONLY),
	NV (CKR_ATTRIBUTE_SENSITIVE),
	NV (CKR_ATTRIBUTE_TYPE_INVALID),
	NV (CKR_ATTRIBUTE_VALUE_INVALID),
	NV (CKR_ACTION_PROHIBITED),
	NV (CKR_DATA_INVALID),
	NV (CKR_DATA_LEN_RANGE),
	NV (CKR_DEVICE_ERROR),
	NV (CKR_DEVICE_MEMORY),
	NV (CKR_DEVICE_REMOVED),
	NV (CKR_ENCRYPTED_DATA_INVALID),
	NV (CKR_ENCRYPTED_DATA_LEN_RANGE),
	NV (CKR_FUNCTION_CANCELED),
	NV (CKR_FUNCTION_NOT_PARALLEL),
	NV (CKR_FUNCTION_NOT_SUPPORTED),
	NV (CKR_KEY_HANDLE_INVALID),
	NV (CKR_KEY_SIZE_RANGE),
	NV (CKR_KEY_TYPE_INCONSISTENT),
	NV (CKR_KEY_NOT_NEEDED),
	NV (CKR_KEY_CHANGED),
	NV (CKR_KEY_NEEDED),
	NV (CKR_KEY_INDIGESTIBLE),
	NV (CKR_KEY_FUNCTION_NOT_PERMITTED),
	NV (CKR_KEY_NOT_WRAPPABLE),
	NV (CKR_KEY_UNEXTRACTABLE),
	NV (CKR_MECHANISM_INVALID),
	NV (CKR_MECHANISM_PARAM_INVALID),
	NV (CKR_OBJECT_HANDLE_INVALID),
	NV (CKR_OPERATION_ACTIVE),
	NV (CKR_OPERATION_NOT_INITIALIZED),
	NV (CKR_PIN_INCORRECT),
	NV (CKR_PIN_INVALID),
	NV (CKR_PIN_LEN_RANGE),
	NV (CKR_PIN_EXPIRED),
	NV (CKR_PIN_LOCKED),
	NV (CKR_SESSION_CLOSED),
	NV (CKR_SESSION_COUNT),
	NV (CKR_SESSION_HANDLE_INVALID),
	NV (CKR_SESSION_PARALLEL_NOT_SUPPORTED),
	NV (CKR_SESSION_READ_ONLY),
	NV (CKR_SESSION_EXISTS),
	NV (CKR_SESSION_READ_ONLY_EXISTS),
	NV (CKR_SESSION_READ_WRITE_SO_EXISTS),
	NV (CKR_SIGNATURE_INVALID),
	NV (CKR_SIGNATURE_LEN_RANGE),
	NV (CKR_TEMPLATE_INCOMPLETE),
	NV (CKR_TEMPLATE_INCONSISTENT),
	NV (CKR_TOKEN_NOT_PRESENT),
	NV (CKR_TOKEN_NOT_RECOGNIZED),
	NV (CKR_TOKEN_WRITE_PROTECTED),
	NV (CKR_UNWRAPPING_KEY_SIZE_RANGE),
	NV (CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT),
	NV (CKR_USER_ALREADY_LOGGED_IN),
	NV (CKR_USER_NOT_LOGGED_IN),
	NV (CKR_USER_PIN_NOT_INITIALIZED),
	NV (CKR_USER_TYPE_INVALID),
	NV (CKR_USER_ANOTHER_ALREADY_LOGGED_IN),
	NV (CKR_USER_TOO_MANY_TYPES),
	NV (CKR_WRAPPED_KEY_INVALID),
	NV (CKR_WRAPPED_KEY_LEN_RANGE),
	NV (CKR_WRAPPING_KEY_HANDLE_INVALID),
	NV (CKR_WRAPPING_KEY_SIZE_RANGE),
	NV (CKR_WRAPPING_KEY_TYPE_INCONSISTENT),
	NV (CKR_RANDOM_SEED_NOT_SUPPORTED),
	NV (CKR_RANDOM_NO_RNG),
	NV (CKR_DOMAIN_PARAMS_INVALID),
	NV (CKR_CURVE_NOT_SUPPORTED),
	NV (CKR_BUFFER_TOO_SMALL),
	NV (CKR_SAVED_STATE_INVALID),
	NV (CKR_INFORMATION_SENSITIVE),
	NV (CKR_STATE_UNSAVEABLE),
	NV (CKR_CRYPTOKI_NOT_INITIALIZED),
	NV (CKR_CRYPTOKI_ALREADY_INITIALIZED),
	NV (CKR_MUTEX_BAD),
	NV (CKR_MUTEX_NOT_LOCKED),
	NV (CKR_NEW_PIN_MODE),
	NV (CKR_NEXT_OTP),
	NV (CKR_EXCEEDED_MAX_ITERATIONS),
	NV (CKR_FIPS_SELF_TEST_FAILED),
	NV (CKR_LIBRARY_LOAD_FAILED),
	NV (CKR_PIN_TOO_WEAK),
	NV (CKR_PUBLIC_KEY_INVALID),
	NV (CKR_FUNCTION_REJECTED),
};

/* the mechanisms a CA cares about: the algorithm table's and key generation */
static const NamedValue mechanism_names[] = {
	NV (CKM_RSA_PKCS_KEY_PAIR_GEN),
	NV (CKM_RSA_PKCS),
	NV (CKM_RSA_PKCS_PSS),
	NV (CKM_SHA1_RSA_PKCS),
	NV (CKM_SHA256_RSA_PKCS),
	NV (CKM_SHA384_RSA_PKCS),
	NV (CKM_SHA512_RSA_PKCS),
	NV (CKM_SHA256_RSA_PKCS_PSS),
	NV (CKM_SHA384_RSA_PKCS_PSS),
	NV (CKM_SHA512_RSA_PKCS_PSS),
	NV (CKM_EC_KEY_PAIR_GEN),
	NV (CKM_ECDSA),
	NV (CKM_ECDSA_SHA256),
	NV (CKM_ECDSA_SHA384),
	NV (CKM_ECDSA_SHA512),
	NV (CKM_EC_EDWARDS_KEY_PAIR_GEN),
	NV (CKM_EDDSA),
	NV (CKM_ML_DSA_KEY_PAIR_GEN),
	NV (CKM_ML_DSA),
	NV (CKM_SHA256),
	NV (CKM_SHA384),
	NV (CKM_SHA512),
};

static const NamedValue key_type_names[] = {
	{CKK_RSA, "rsa"},	{CKK_DSA, "dsa"}, {CKK_EC, "ec"}, {CKK_EC_EDWARDS, "ec-edwards"},
	{CKK_ML_DSA, "ml-dsa"},
};

static const gchar *
named_value_lookup (const NamedValue *table, gsize n, gulong value)
{
	for (gsize i = 0; i < n; i++) {
		if (table[i].value == value)
			return table[i].name;
	}
	return NULL;
}

const gchar *
pkinext_pkcs11_rv_name (CK_RV rv)
{
	const gchar *name = named_value_lookup (rv_names, G_N_ELEMENTS (rv_names), rv);
	if (name != NULL)
		return name;
	if (rv >= CKR_VENDOR_DEFINED)
		return "CKR_VENDOR_DEFINED";
	return "CKR_UNKNOWN";
}

const gchar *
pkinext_pkcs11_mechanism_name (CK_MECHANISM_TYPE mech)
{
	return named_value_lookup (mechanism_names, G_N_ELEMENTS (mechanism_names), mech);
}

const gchar *
pkinext_pkcs11_key_type_name (CK_KEY_TYPE type)
{
	return named_value_lookup (key_type_names, G_N_ELEMENTS (key_type_names), type);
}

gboolean
pkinext_pkcs11_set_error (GError **error, CK_RV rv, const gchar *format, ...)
{
	g_autofree gchar *what = NULL;
	va_list args;
	PkinextError code = PKINEXT_ERROR_TOKEN;

	va_start (args, format);
	what = g_strdup_vprintf (format, args);
	va_end (args);
	if (rv == CKR_MECHANISM_INVALID || rv == CKR_CURVE_NOT_SUPPORTED)
		code = PKINEXT_ERROR_NOT_SUPPORTED;
	g_set_error (error, PKINEXT_ERROR, code, "%s: %s (0x%lx)", what,
		     pkinext_pkcs11_rv_name (rv), (gulong)rv);
	return FALSE;
}

gboolean
pkinext_pkcs11_rv_is_session_loss (CK_RV rv)
{
	switch (rv) {
	case CKR_SESSION_HANDLE_INVALID:
	case CKR_SESSION_CLOSED:
	case CKR_USER_NOT_LOGGED_IN:
	case CKR_OBJECT_HANDLE_INVALID:
	case CKR_KEY_HANDLE_INVALID:
	case CKR_OPERATION_ACTIVE:
		return TRUE;
	default:
		return pkinext_pkcs11_rv_is_token_loss (rv);
	}
}

gboolean
pkinext_pkcs11_rv_is_token_loss (CK_RV rv)
{
	switch (rv) {
	case CKR_TOKEN_NOT_PRESENT:
	case CKR_DEVICE_REMOVED:
	case CKR_SLOT_ID_INVALID:
	case CKR_TOKEN_NOT_RECOGNIZED:
		return TRUE;
	default:
		return FALSE;
	}
}

gchar *
pkinext_pkcs11_string (const CK_UTF8CHAR *padded, gsize len)
{
	gchar *s = g_strndup ((const gchar *)padded, len);
	return g_strchomp (s);
}

gchar *
pkinext_pkcs11_hex (const guint8 *data, gsize len)
{
	GString *s = g_string_sized_new (len * 2 + 1);
	for (gsize i = 0; i < len; i++)
		g_string_append_printf (s, "%02x", data[i]);
	return g_string_free (s, FALSE);
}

GBytes *
pkinext_pkcs11_parse_hex (const gchar *hex, const gchar *what, GError **error)
{
	g_autoptr(GByteArray) out = g_byte_array_new ();
	gint hi = -1;

	for (const gchar *p = hex; *p != '\0'; p++) {
		gint v = g_ascii_xdigit_value (*p);
		if (*p == ':' || *p == ' ')
			continue;
		if (v < 0) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "%s '%s' is not hexadecimal", what, hex);
			return NULL;
		}
		if (hi < 0) {
			hi = v;
		} else {
			guint8 b = (guint8)((hi << 4) | v);
			g_byte_array_append (out, &b, 1);
			hi = -1;
		}
	}
	if (hi >= 0 || out->len == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "%s '%s' must be a non-empty, even number of hex digits", what, hex);
		return NULL;
	}
	return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

CK_RV
pkinext_pkcs11_get_bytes (CK_FUNCTION_LIST *f,
			  CK_SESSION_HANDLE session,
			  CK_OBJECT_HANDLE object,
			  CK_ATTRIBUTE_TYPE type,
			  GBytes **out)
{
	CK_ATTRIBUTE attr = {type, NULL, 0};
	g_autofree guint8 *buf = NULL;
	CK_RV rv;

	rv = f->C_GetAttributeValue (session, object, &attr, 1);
	if (rv != CKR_OK)
		return rv;
	if (attr.ulValueLen == (CK_ULONG)-1)
		return CKR_ATTRIBUTE_TYPE_INVALID;
	buf = g_malloc (attr.ulValueLen + 1);
	attr.pValue = buf;
	rv = f->C_GetAttributeValue (session, object, &attr, 1);
	if (rv != CKR_OK)
		return rv;
	*out = g_bytes_new_take (g_steal_pointer (&buf), attr.ulValueLen);
	return CKR_OK;
}

CK_RV
pkinext_pkcs11_get_ulong (CK_FUNCTION_LIST *f,
			  CK_SESSION_HANDLE session,
			  CK_OBJECT_HANDLE object,
			  CK_ATTRIBUTE_TYPE type,
			  CK_ULONG *out)
{
	CK_ATTRIBUTE attr = {type, out, sizeof (*out)};
	return f->C_GetAttributeValue (session, object, &attr, 1);
}

CK_RV
pkinext_pkcs11_get_bool (CK_FUNCTION_LIST *f,
			 CK_SESSION_HANDLE session,
			 CK_OBJECT_HANDLE object,
			 CK_ATTRIBUTE_TYPE type,
			 gboolean *out)
{
	CK_BBOOL value = CK_FALSE;
	CK_ATTRIBUTE attr = {type, &value, sizeof (value)};
	CK_RV rv = f->C_GetAttributeValue (session, object, &attr, 1);
	*out = rv == CKR_OK && value == CK_TRUE;
	return rv;
}

CK_RV
pkinext_pkcs11_find (CK_FUNCTION_LIST *f,
		     CK_SESSION_HANDLE session,
		     CK_ATTRIBUTE *tmpl,
		     CK_ULONG n_tmpl,
		     guint max,
		     GArray *out)
{
	CK_OBJECT_HANDLE handles[32];
	CK_ULONG count = 0;
	CK_RV rv;

	rv = f->C_FindObjectsInit (session, tmpl, n_tmpl);
	if (rv != CKR_OK)
		return rv;
	do {
		rv = f->C_FindObjects (session, handles, G_N_ELEMENTS (handles), &count);
		if (rv != CKR_OK)
			break;
		g_array_append_vals (out, handles, count);
	} while (count > 0 && (max == 0 || out->len < max));
	f->C_FindObjectsFinal (session);
	if (max > 0 && out->len > max)
		g_array_set_size (out, max);
	return rv;
}

/* ---- public keys ------------------------------------------------------ */

static gnutls_pubkey_t
pubkey_from_spki (GBytes *spki, GError **error)
{
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t d = {(guint8 *)g_bytes_get_data (spki, NULL),
			    (guint)g_bytes_get_size (spki)};
	int rc;

	gnutls_pubkey_init (&pub);
	rc = gnutls_pubkey_import (pub, &d, GNUTLS_X509_FMT_DER);
	if (rc < 0) {
		gnutls_pubkey_deinit (pub);
		pkinext_error_set_gnutls (error, rc, "parsing CKA_PUBLIC_KEY_INFO");
		return NULL;
	}
	return pub;
}

static gnutls_pubkey_t
pubkey_from_rsa (GBytes *modulus, GBytes *exponent, GError **error)
{
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t m = {(guint8 *)g_bytes_get_data (modulus, NULL),
			    (guint)g_bytes_get_size (modulus)};
	gnutls_datum_t e = {(guint8 *)g_bytes_get_data (exponent, NULL),
			    (guint)g_bytes_get_size (exponent)};
	int rc;

	gnutls_pubkey_init (&pub);
	rc = gnutls_pubkey_import_rsa_raw (pub, &m, &e);
	if (rc < 0) {
		gnutls_pubkey_deinit (pub);
		pkinext_error_set_gnutls (error, rc, "importing the RSA public key");
		return NULL;
	}
	return pub;
}

/* CKA_EC_PARAMS: a namedCurve OID, or the PrintableString "edwards25519" (PKCS#11 3.0) */
static gnutls_ecc_curve_t
curve_from_params (GBytes *params)
{
	PkinextDerReader r;
	PkinextDerElement el;

	pkinext_der_reader_init (&r, g_bytes_get_data (params, NULL), g_bytes_get_size (params));
	if (!pkinext_der_read (&r, &el, NULL) || !pkinext_der_reader_at_end (&r))
		return GNUTLS_ECC_CURVE_INVALID;
	if (el.tag == PKINEXT_DER_PRINTABLE_STRING) {
		if (el.len == strlen ("edwards25519") &&
		    memcmp (el.content, "edwards25519", el.len) == 0)
			return GNUTLS_ECC_CURVE_ED25519;
		return GNUTLS_ECC_CURVE_INVALID;
	}
	if (el.tag != PKINEXT_DER_OID)
		return GNUTLS_ECC_CURVE_INVALID;
	if (pkinext_der_element_oid_equal (&el, OID_P256))
		return GNUTLS_ECC_CURVE_SECP256R1;
	if (pkinext_der_element_oid_equal (&el, OID_P384))
		return GNUTLS_ECC_CURVE_SECP384R1;
	if (pkinext_der_element_oid_equal (&el, OID_P521))
		return GNUTLS_ECC_CURVE_SECP521R1;
	if (pkinext_der_element_oid_equal (&el, OID_ED25519))
		return GNUTLS_ECC_CURVE_ED25519;
	return GNUTLS_ECC_CURVE_INVALID;
}

/* CKA_EC_POINT is a DER OCTET STRING by the standard, raw on some tokens: accept
 * whichever has the length the curve needs */
static gboolean
point_content (GBytes *point, gsize want, const guint8 **data)
{
	gsize len = 0;
	const guint8 *p = g_bytes_get_data (point, &len);
	PkinextDerReader r;
	PkinextDerElement el;

	pkinext_der_reader_init (&r, p, len);
	if (pkinext_der_read (&r, &el, NULL) && pkinext_der_reader_at_end (&r) &&
	    el.tag == PKINEXT_DER_OCTET_STRING && el.len == want) {
		*data = el.content;
		return TRUE;
	}
	if (len == want) {
		*data = p;
		return TRUE;
	}
	return FALSE;
}

static gnutls_pubkey_t
pubkey_from_ec (GBytes *params, GBytes *point, GError **error)
{
	gnutls_ecc_curve_t curve = curve_from_params (params);
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t x;
	gnutls_datum_t y;
	const guint8 *p = NULL;
	guint size;
	int rc;

	if (curve == GNUTLS_ECC_CURVE_INVALID) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "unsupported curve in CKA_EC_PARAMS (supported: P-256, P-384, P-521, "
			     "Ed25519)");
		return NULL;
	}
	size = (guint)gnutls_ecc_curve_get_size (curve);
	gnutls_pubkey_init (&pub);
	if (curve == GNUTLS_ECC_CURVE_ED25519) {
		if (point_content (point, size, &p)) {
			x = (gnutls_datum_t){(guint8 *)p, size};
			rc = gnutls_pubkey_import_ecc_raw (pub, curve, &x, NULL);
		} else {
			rc = GNUTLS_E_PARSING_ERROR;
		}
	} else if (point_content (point, 1 + 2 * size, &p) && p[0] == 0x04) {
		x = (gnutls_datum_t){(guint8 *)p + 1, size};
		y = (gnutls_datum_t){(guint8 *)p + 1 + size, size};
		rc = gnutls_pubkey_import_ecc_raw (pub, curve, &x, &y);
	} else {
		rc = GNUTLS_E_PARSING_ERROR;
	}
	if (rc < 0) {
		gnutls_pubkey_deinit (pub);
		pkinext_error_set_gnutls (error, rc, "importing the EC public key (CKA_EC_POINT)");
		return NULL;
	}
	return pub;
}

static gnutls_pubkey_t
pubkey_from_object (CK_FUNCTION_LIST *f,
		    CK_SESSION_HANDLE session,
		    CK_OBJECT_HANDLE object,
		    CK_KEY_TYPE key_type,
		    GError **error)
{
	g_autoptr(GBytes) a = NULL;
	g_autoptr(GBytes) b = NULL;
	CK_RV rv;

	if (key_type == CKK_RSA) {
		rv = pkinext_pkcs11_get_bytes (f, session, object, CKA_MODULUS, &a);
		if (rv == CKR_OK)
			rv = pkinext_pkcs11_get_bytes (f, session, object, CKA_PUBLIC_EXPONENT, &b);
		if (rv != CKR_OK) {
			pkinext_pkcs11_set_error (error, rv, "reading the RSA public key");
			return NULL;
		}
		return pubkey_from_rsa (a, b, error);
	}
	if (key_type == CKK_EC || key_type == CKK_EC_EDWARDS) {
		rv = pkinext_pkcs11_get_bytes (f, session, object, CKA_EC_PARAMS, &a);
		if (rv == CKR_OK)
			rv = pkinext_pkcs11_get_bytes (f, session, object, CKA_EC_POINT, &b);
		if (rv != CKR_OK) {
			pkinext_pkcs11_set_error (error, rv, "reading CKA_EC_PARAMS/CKA_EC_POINT");
			return NULL;
		}
		return pubkey_from_ec (a, b, error);
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
		     "unsupported PKCS#11 key type 0x%lx (%s)", (gulong)key_type,
		     pkinext_pkcs11_key_type_name (key_type) != NULL
			     ? pkinext_pkcs11_key_type_name (key_type)
			     : "unknown");
	return NULL;
}

/* the public key or certificate object that shares the key's CKA_ID (else its label) */
static CK_OBJECT_HANDLE
find_companion (CK_FUNCTION_LIST *f,
		CK_SESSION_HANDLE session,
		CK_OBJECT_HANDLE key,
		CK_OBJECT_CLASS klass)
{
	g_autoptr(GBytes) id = NULL;
	g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
	CK_ATTRIBUTE tmpl[2] = {{CKA_CLASS, &klass, sizeof (klass)}, {CKA_ID, NULL, 0}};
	CK_RV rv;

	rv = pkinext_pkcs11_get_bytes (f, session, key, CKA_ID, &id);
	if (rv != CKR_OK || g_bytes_get_size (id) == 0) {
		g_clear_pointer (&id, g_bytes_unref);
		tmpl[1].type = CKA_LABEL;
		rv = pkinext_pkcs11_get_bytes (f, session, key, CKA_LABEL, &id);
		if (rv != CKR_OK || g_bytes_get_size (id) == 0)
			return CK_INVALID_HANDLE;
	}
	tmpl[1].pValue = (gpointer)g_bytes_get_data (id, NULL);
	tmpl[1].ulValueLen = g_bytes_get_size (id);
	if (pkinext_pkcs11_find (f, session, tmpl, 2, 1, found) != CKR_OK || found->len == 0)
		return CK_INVALID_HANDLE;
	return g_array_index (found, CK_OBJECT_HANDLE, 0);
}

static gnutls_pubkey_t
pubkey_from_certificate (CK_FUNCTION_LIST *f,
			 CK_SESSION_HANDLE session,
			 CK_OBJECT_HANDLE cert,
			 GError **error)
{
	g_autoptr(GBytes) der = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t d;
	CK_RV rv;
	int rc;

	rv = pkinext_pkcs11_get_bytes (f, session, cert, CKA_VALUE, &der);
	if (rv != CKR_OK) {
		pkinext_pkcs11_set_error (error, rv, "reading the certificate next to the key");
		return NULL;
	}
	d.data = (guint8 *)g_bytes_get_data (der, NULL);
	d.size = (guint)g_bytes_get_size (der);
	gnutls_pubkey_init (&pub);
	rc = gnutls_pubkey_import_x509_raw (pub, &d, GNUTLS_X509_FMT_DER, 0);
	if (rc < 0) {
		gnutls_pubkey_deinit (pub);
		pkinext_error_set_gnutls (error, rc, "reading the certificate next to the key");
		return NULL;
	}
	return pub;
}

gnutls_pubkey_t
pkinext_pkcs11_read_pubkey (CK_FUNCTION_LIST *f,
			    CK_SESSION_HANDLE session,
			    CK_OBJECT_HANDLE key,
			    GError **error)
{
	g_autoptr(GBytes) spki = NULL;
	CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
	CK_KEY_TYPE key_type = 0;
	CK_OBJECT_HANDLE other;
	CK_RV rv;

	rv = pkinext_pkcs11_get_ulong (f, session, key, CKA_KEY_TYPE, &key_type);
	if (rv == CKR_OK)
		rv = pkinext_pkcs11_get_ulong (f, session, key, CKA_CLASS, &klass);
	if (rv != CKR_OK) {
		pkinext_pkcs11_set_error (error, rv, "reading CKA_KEY_TYPE");
		return NULL;
	}
	if (klass == CKO_PUBLIC_KEY)
		return pubkey_from_object (f, session, key, key_type, error);
	if (pkinext_pkcs11_get_bytes (f, session, key, CKA_PUBLIC_KEY_INFO, &spki) == CKR_OK &&
	    g_bytes_get_size (spki) > 0)
		return pubkey_from_spki (spki, error);
	if (key_type == CKK_RSA)
		return pubkey_from_object (f, session, key, key_type, error);
	other = find_companion (f, session, key, CKO_PUBLIC_KEY);
	if (other != CK_INVALID_HANDLE)
		return pubkey_from_object (f, session, other, key_type, error);
	other = find_companion (f, session, key, CKO_CERTIFICATE);
	if (other != CK_INVALID_HANDLE)
		return pubkey_from_certificate (f, session, other, error);
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
		     "the private key has no CKA_PUBLIC_KEY_INFO and no public key or certificate "
		     "object with the same CKA_ID or label");
	return NULL;
}

GBytes *
pkinext_pkcs11_ec_params (PkinextKeyType key_type)
{
	PkinextDerWriter w;
	const gchar *oid = NULL;

	switch (key_type) {
	case PKINEXT_KEY_TYPE_EC_P256:
		oid = OID_P256;
		break;
	case PKINEXT_KEY_TYPE_EC_P384:
		oid = OID_P384;
		break;
	case PKINEXT_KEY_TYPE_EC_P521:
		oid = OID_P521;
		break;
	case PKINEXT_KEY_TYPE_ED25519:
		oid = OID_ED25519;
		break;
	default:
		return NULL;
	}
	pkinext_der_writer_init (&w, 16);
	pkinext_der_put_oid (&w, oid);
	return pkinext_der_writer_steal (&w);
}
