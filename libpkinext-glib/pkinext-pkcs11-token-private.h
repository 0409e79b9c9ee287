/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The raw side of PkinextPkcs11Token, for the PKCS#11 signer. Not installed.
 */
#pragma once

#include <p11-kit/pkcs11.h>

#include "pkinext-pkcs11-token.h"

G_BEGIN_DECLS

/* the object a set of options selects: CKA_LABEL and/or CKA_ID (either may be NULL) */
gboolean pkinext_pkcs11_options_get_object (const PkinextPkcs11Options *opts,
					    gchar **label,
					    GBytes **id,
					    GError **error);

CK_FUNCTION_LIST *pkinext_pkcs11_token_get_functions (PkinextPkcs11Token *self);
/* a new session on the token's current slot; CK_INVALID_HANDLE and @error on failure */
CK_SESSION_HANDLE
pkinext_pkcs11_token_open_session (PkinextPkcs11Token *self, gboolean rw, GError **error);
/* logs the user in on @session unless the session is already logged in */
gboolean
pkinext_pkcs11_token_login (PkinextPkcs11Token *self, CK_SESSION_HANDLE session, GError **error);
/* CKU_CONTEXT_SPECIFIC login for keys with CKA_ALWAYS_AUTHENTICATE */
CK_RV
pkinext_pkcs11_token_context_login (PkinextPkcs11Token *self, CK_SESSION_HANDLE session);
/* the token is still in its slot (same label and serial) */
gboolean pkinext_pkcs11_token_is_present (PkinextPkcs11Token *self);
/* finds the token again (same label and serial) after it was removed and re-inserted */
gboolean pkinext_pkcs11_token_relocate (PkinextPkcs11Token *self, GError **error);
/* fails with NOT_SUPPORTED unless the token offers @mech with all of @flags */
gboolean pkinext_pkcs11_token_check_mechanism (PkinextPkcs11Token *self,
					       CK_MECHANISM_TYPE mech,
					       CK_FLAGS flags,
					       const gchar *purpose,
					       GError **error);
/* "pkcs11:token=...;serial=...;object=...;id=...;type=private" */
gchar *pkinext_pkcs11_token_object_uri (PkinextPkcs11Token *self,
					const gchar *label,
					GBytes *id,
					CK_OBJECT_CLASS klass);

G_END_DECLS
