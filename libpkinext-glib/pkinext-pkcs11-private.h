/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Raw PKCS#11 helpers shared by the PKCS#11 token and signer: return-code and
 * mechanism names, errors that keep the CKR_ name, attribute reading and the
 * public key of a key object. Not installed.
 */
#pragma once

#include <gnutls/abstract.h>
#include <p11-kit/pkcs11.h>

#include "pkinext-algorithm.h"

G_BEGIN_DECLS

/* "CKR_PIN_INCORRECT"; "CKR_VENDOR_DEFINED" or "CKR_UNKNOWN" for codes we do not know */
const gchar *pkinext_pkcs11_rv_name (CK_RV rv);
/* "CKM_ECDSA", or NULL if unknown */
const gchar *pkinext_pkcs11_mechanism_name (CK_MECHANISM_TYPE mech);
/* "rsa", "ec", "ec-edwards"... or NULL */
const gchar *pkinext_pkcs11_key_type_name (CK_KEY_TYPE type);

/* sets PKINEXT_ERROR_TOKEN (NOT_SUPPORTED for unknown mechanisms) with
 * "<what>: CKR_NAME (0x..)"; returns FALSE */
gboolean pkinext_pkcs11_set_error (GError **error, CK_RV rv, const gchar *format, ...)
	G_GNUC_PRINTF (3, 4);

/* the session (or its login) is gone: reopen the session, log in again, retry */
gboolean pkinext_pkcs11_rv_is_session_loss (CK_RV rv);
/* the token itself went away (removed, re-inserted): look for it again first */
gboolean pkinext_pkcs11_rv_is_token_loss (CK_RV rv);

/* space-padded fixed-size PKCS#11 strings to a NUL-terminated, trimmed string */
gchar *pkinext_pkcs11_string (const CK_UTF8CHAR *padded, gsize len);
/* lower-case hex */
gchar *pkinext_pkcs11_hex (const guint8 *data, gsize len);
/* "0a1b", "0A:1B" -> bytes; error names @what */
GBytes *pkinext_pkcs11_parse_hex (const gchar *hex, const gchar *what, GError **error);

/* attribute reading; a missing attribute is CKR_ATTRIBUTE_TYPE_INVALID */
CK_RV
pkinext_pkcs11_get_bytes (CK_FUNCTION_LIST *f,
			  CK_SESSION_HANDLE session,
			  CK_OBJECT_HANDLE object,
			  CK_ATTRIBUTE_TYPE type,
			  GBytes **out);
CK_RV
pkinext_pkcs11_get_ulong (CK_FUNCTION_LIST *f,
			  CK_SESSION_HANDLE session,
			  CK_OBJECT_HANDLE object,
			  CK_ATTRIBUTE_TYPE type,
			  CK_ULONG *out);
CK_RV
pkinext_pkcs11_get_bool (CK_FUNCTION_LIST *f,
			 CK_SESSION_HANDLE session,
			 CK_OBJECT_HANDLE object,
			 CK_ATTRIBUTE_TYPE type,
			 gboolean *out);
/* all objects matching @tmpl (at most @max, 0 = unlimited) into @out (CK_OBJECT_HANDLE) */
CK_RV
pkinext_pkcs11_find (CK_FUNCTION_LIST *f,
		     CK_SESSION_HANDLE session,
		     CK_ATTRIBUTE *tmpl,
		     CK_ULONG n_tmpl,
		     guint max,
		     GArray *out);

/* the public key of a private or public key object: CKA_PUBLIC_KEY_INFO, the RSA
 * modulus, or the public key object with the same CKA_ID (or label) */
gnutls_pubkey_t pkinext_pkcs11_read_pubkey (CK_FUNCTION_LIST *f,
					    CK_SESSION_HANDLE session,
					    CK_OBJECT_HANDLE key,
					    GError **error);

/* DER OID (or PrintableString curve name) of a curve, for CKA_EC_PARAMS */
GBytes *pkinext_pkcs11_ec_params (PkinextKeyType key_type);

G_END_DECLS
