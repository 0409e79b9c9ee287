/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PkinextRevocationReason:
 * @PKINEXT_REVOCATION_REASON_UNSPECIFIED: no reason given (CRLs and OCSP omit the reason code)
 * @PKINEXT_REVOCATION_REASON_KEY_COMPROMISE: the subject's key was compromised
 * @PKINEXT_REVOCATION_REASON_CA_COMPROMISE: the CA's key was compromised
 * @PKINEXT_REVOCATION_REASON_AFFILIATION_CHANGED: the subject's name or affiliation changed
 * @PKINEXT_REVOCATION_REASON_SUPERSEDED: the certificate was replaced
 * @PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION: no longer needed
 * @PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD: temporarily suspended (can be released)
 * @PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL: a held certificate is released; delta CRLs only
 * @PKINEXT_REVOCATION_REASON_PRIVILEGE_WITHDRAWN: a privilege in the certificate was withdrawn
 * @PKINEXT_REVOCATION_REASON_AA_COMPROMISE: the attribute authority was compromised
 *
 * The RFC 5280 CRLReason codes (section 5.3.1); the numeric values are the codes on
 * the wire (7 is unused). Shared by CRLs, OCSP and the revocation engine.
 */
typedef enum {
	PKINEXT_REVOCATION_REASON_UNSPECIFIED = 0,
	PKINEXT_REVOCATION_REASON_KEY_COMPROMISE = 1,
	PKINEXT_REVOCATION_REASON_CA_COMPROMISE = 2,
	PKINEXT_REVOCATION_REASON_AFFILIATION_CHANGED = 3,
	PKINEXT_REVOCATION_REASON_SUPERSEDED = 4,
	PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION = 5,
	PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD = 6,
	PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL = 8,
	PKINEXT_REVOCATION_REASON_PRIVILEGE_WITHDRAWN = 9,
	PKINEXT_REVOCATION_REASON_AA_COMPROMISE = 10,
} PkinextRevocationReason;

gboolean
pkinext_revocation_reason_is_valid (gint code);
const gchar *
pkinext_revocation_reason_to_string (PkinextRevocationReason reason);
gboolean
pkinext_revocation_reason_from_string (const gchar *str,
				       PkinextRevocationReason *reason,
				       GError **error);

G_END_DECLS
