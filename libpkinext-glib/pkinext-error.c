/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextError"

#include "config.h"

#include <gnutls/gnutls.h>

#include "pkinext-error.h"

G_DEFINE_QUARK (pkinext-error-quark, pkinext_error)

/* also used as the D-Bus error name suffix: org.pkinext.Pkinext1.Error.<Name> */
static const gchar *const error_names[] = {
    [PKINEXT_ERROR_FAILED] = "Failed",
    [PKINEXT_ERROR_INVALID_ARGUMENT] = "InvalidArgument",
    [PKINEXT_ERROR_INVALID_DATA] = "InvalidData",
    [PKINEXT_ERROR_SIGNATURE_INVALID] = "SignatureInvalid",
    [PKINEXT_ERROR_NOT_SUPPORTED] = "NotSupported",
    [PKINEXT_ERROR_NOT_FOUND] = "NotFound",
    [PKINEXT_ERROR_ALREADY_EXISTS] = "AlreadyExists",
    [PKINEXT_ERROR_PERMISSION_DENIED] = "PermissionDenied",
    [PKINEXT_ERROR_KEY_MISMATCH] = "KeyMismatch",
    [PKINEXT_ERROR_TOKEN] = "Token",
    [PKINEXT_ERROR_FIPS] = "Fips",
    [PKINEXT_ERROR_POLICY] = "Policy",
    [PKINEXT_ERROR_LINT] = "Lint",
    [PKINEXT_ERROR_PROFILE_INVALID] = "ProfileInvalid",
    [PKINEXT_ERROR_INVALID_STATE] = "InvalidState",
    [PKINEXT_ERROR_STORAGE] = "Storage",
    [PKINEXT_ERROR_AUDIT_BROKEN] = "AuditBroken",
};

/**
 * pkinext_error_to_string:
 * @code: a #PkinextError
 *
 * Returns: the stable CamelCase name of @code, e.g. "KeyMismatch"
 */
const gchar *
pkinext_error_to_string (PkinextError code)
{
	if ((guint)code >= PKINEXT_ERROR_LAST)
		return "Failed";
	return error_names[code];
}

/**
 * pkinext_error_set_gnutls:
 * @error: return location
 * @gnutls_rc: a negative GnuTLS return code
 * @format: what was being done
 *
 * Sets @error to "<what>: <gnutls message> (<gnutls code name>)", choosing the
 * error code from the GnuTLS code class.
 *
 * Returns: %FALSE always, so callers can `return pkinext_error_set_gnutls (...)`
 */
gboolean
pkinext_error_set_gnutls (GError **error, int gnutls_rc, const gchar *format, ...)
{
	va_list args;
	g_autofree gchar *what = NULL;
	PkinextError code = PKINEXT_ERROR_FAILED;

	va_start (args, format);
	what = g_strdup_vprintf (format, args);
	va_end (args);

	switch (gnutls_rc) {
	case GNUTLS_E_ASN1_DER_ERROR:
	case GNUTLS_E_ASN1_ELEMENT_NOT_FOUND:
	case GNUTLS_E_ASN1_TAG_ERROR:
	case GNUTLS_E_ASN1_DER_OVERFLOW:
	case GNUTLS_E_ASN1_TYPE_ANY_ERROR:
	case GNUTLS_E_BASE64_DECODING_ERROR:
	case GNUTLS_E_BASE64_UNEXPECTED_HEADER_ERROR:
	case GNUTLS_E_PARSING_ERROR:
		code = PKINEXT_ERROR_INVALID_DATA;
		break;
	case GNUTLS_E_PK_SIG_VERIFY_FAILED:
		code = PKINEXT_ERROR_SIGNATURE_INVALID;
		break;
	case GNUTLS_E_UNKNOWN_ALGORITHM:
	case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
	case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
	case GNUTLS_E_UNIMPLEMENTED_FEATURE:
	case GNUTLS_E_ECC_UNSUPPORTED_CURVE:
		code = PKINEXT_ERROR_NOT_SUPPORTED;
		break;
	case GNUTLS_E_PKCS11_ERROR:
	case GNUTLS_E_PKCS11_LOAD_ERROR:
	case GNUTLS_E_PKCS11_PIN_ERROR:
	case GNUTLS_E_PKCS11_SESSION_ERROR:
	case GNUTLS_E_PKCS11_SLOT_ERROR:
	case GNUTLS_E_PKCS11_TOKEN_ERROR:
	case GNUTLS_E_PKCS11_USER_ERROR:
	case GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE:
	case GNUTLS_E_PKCS11_DEVICE_ERROR:
	case GNUTLS_E_PKCS11_DATA_ERROR:
	case GNUTLS_E_PKCS11_KEY_ERROR:
		code = PKINEXT_ERROR_TOKEN;
		break;
	default:
		break;
	}
	g_set_error (error,
		     PKINEXT_ERROR,
		     code,
		     "%s: %s (%s)",
		     what,
		     gnutls_strerror (gnutls_rc),
		     gnutls_strerror_name (gnutls_rc));
	return FALSE;
}
