/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PKINEXT_ERROR (pkinext_error_quark ())

/**
 * PkinextError:
 * @PKINEXT_ERROR_FAILED: generic failure; the message says what failed
 * @PKINEXT_ERROR_INVALID_ARGUMENT: a caller passed a value that makes no sense
 * @PKINEXT_ERROR_INVALID_DATA: malformed input (DER, PEM, CSR, request body, file)
 * @PKINEXT_ERROR_SIGNATURE_INVALID: a signature (CSR proof of possession, JWS...) does not verify
 * @PKINEXT_ERROR_NOT_SUPPORTED: the algorithm, feature or mechanism is not available here
 * @PKINEXT_ERROR_NOT_FOUND: the object (CA, certificate, token, key...) does not exist
 * @PKINEXT_ERROR_ALREADY_EXISTS: the object exists already
 * @PKINEXT_ERROR_PERMISSION_DENIED: the caller is not authorized
 * @PKINEXT_ERROR_KEY_MISMATCH: a key does not match its certificate
 * @PKINEXT_ERROR_TOKEN: a PKCS#11 token or module failed; the message names the CKR_ code
 * @PKINEXT_ERROR_FIPS: refused by the FIPS 140 policy
 * @PKINEXT_ERROR_POLICY: the request violates the profile (key type, names, validity)
 * @PKINEXT_ERROR_LINT: the pre-issuance linter refused; the message names the rule
 * @PKINEXT_ERROR_PROFILE_INVALID: a profile definition is invalid
 * @PKINEXT_ERROR_INVALID_STATE: the operation does not apply in the object's current state
 * @PKINEXT_ERROR_STORAGE: the database failed; the message keeps the SQL error
 * @PKINEXT_ERROR_AUDIT_BROKEN: the audit chain does not verify
 *
 * One error domain for the whole public API; the daemon maps it to D-Bus error names.
 */
typedef enum {
	PKINEXT_ERROR_FAILED,
	PKINEXT_ERROR_INVALID_ARGUMENT,
	PKINEXT_ERROR_INVALID_DATA,
	PKINEXT_ERROR_SIGNATURE_INVALID,
	PKINEXT_ERROR_NOT_SUPPORTED,
	PKINEXT_ERROR_NOT_FOUND,
	PKINEXT_ERROR_ALREADY_EXISTS,
	PKINEXT_ERROR_PERMISSION_DENIED,
	PKINEXT_ERROR_KEY_MISMATCH,
	PKINEXT_ERROR_TOKEN,
	PKINEXT_ERROR_FIPS,
	PKINEXT_ERROR_POLICY,
	PKINEXT_ERROR_LINT,
	PKINEXT_ERROR_PROFILE_INVALID,
	PKINEXT_ERROR_INVALID_STATE,
	PKINEXT_ERROR_STORAGE,
	PKINEXT_ERROR_AUDIT_BROKEN,
	PKINEXT_ERROR_LAST /*< skip >*/
} PkinextError;

GQuark
pkinext_error_quark (void);
const gchar *
pkinext_error_to_string (PkinextError code);
gboolean
pkinext_error_set_gnutls (GError **error, int gnutls_rc, const gchar *format, ...)
    G_GNUC_PRINTF (3, 4);

G_END_DECLS
