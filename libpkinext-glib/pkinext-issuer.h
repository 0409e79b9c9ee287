/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A CA identity (a signer that has a CA certificate) that issues certificates
 * from CSRs under profiles, plus the CA bootstrap helpers (self-signed root,
 * importing an intermediate signed by an external parent).
 */
#pragma once

#include <glib-object.h>

#include "pkinext-certificate.h"
#include "pkinext-csr.h"
#include "pkinext-linter.h"
#include "pkinext-profile.h"
#include "pkinext-signer.h"

G_BEGIN_DECLS

/**
 * PkinextIssueOptions:
 * @subject: (nullable): subject to use instead of the CSR's (RFC 4514 or "/C=../CN=.." form);
 *   still filtered and completed by the profile's [subject] rules
 * @extra_sans: (nullable) (element-type PkinextSan): SANs added to the CSR's (duplicates
 *   dropped), e.g. from the requester's authenticated identity; the profile's [san]
 *   from-csr type list does not apply to them, its other rules (max, uri-schemes,
 *   wildcards) and the linter do
 * @not_before: notBefore (unix seconds); 0 = now minus the profile's backdate (60 s default)
 * @validity: validity in seconds; 0 = the profile's default; more than the profile's
 *   maximum is refused by the linter (rule validity.profile-maximum)
 * @path_len: CA profiles: pathLenConstraint; -1 = the profile's path-length; must not
 *   exceed its max-path-length; lowered to fit under the issuing CA's own constraint
 * @permitted_dns: (nullable): CA profiles: permitted DNS name constraints (replace the
 *   profile's)
 * @excluded_dns: (nullable): CA profiles: excluded DNS name constraints (replace the
 *   profile's)
 * @crl_url: (nullable): CRL distribution point for this certificate instead of the
 *   issuer's (sharded CRLs); only used when the profile includes the extension
 *
 * Per-request choices. Initialise with pkinext_issue_options_init(); every field is
 * optional. The caller keeps ownership of everything it points to.
 */
typedef struct {
	const gchar *subject;
	GPtrArray *extra_sans;
	gint64 not_before;
	gint64 validity;
	gint path_len;
	const gchar *const *permitted_dns;
	const gchar *const *excluded_dns;
	const gchar *crl_url;
	/*< private >*/
	gpointer padding[8];
} PkinextIssueOptions;

void
pkinext_issue_options_init (PkinextIssueOptions *opts);

#define PKINEXT_TYPE_ISSUER (pkinext_issuer_get_type ())
G_DECLARE_FINAL_TYPE (PkinextIssuer, pkinext_issuer, PKINEXT, ISSUER, GObject)

PkinextIssuer *
pkinext_issuer_new (PkinextSigner *signer, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void
pkinext_issuer_set_urls (PkinextIssuer *self,
			 const gchar *crl_url,
			 const gchar *ocsp_url,
			 const gchar *ca_issuers_url);
PkinextSigner *
pkinext_issuer_get_signer (PkinextIssuer *self);
PkinextCertificate *
pkinext_issuer_get_certificate (PkinextIssuer *self);
PkinextLinter *
pkinext_issuer_get_linter (PkinextIssuer *self);

PkinextCertificate *
pkinext_issuer_issue (PkinextIssuer *self,
		      PkinextCsr *csr,
		      PkinextProfile *profile,
		      const PkinextIssueOptions *opts,
		      GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextCertificate *
pkinext_issuer_sign_subordinate (PkinextIssuer *self,
				 PkinextCsr *csr,
				 PkinextProfile *profile,
				 gint path_len,
				 const gchar *const *permitted_dns,
				 const gchar *const *excluded_dns,
				 GError **error) G_GNUC_WARN_UNUSED_RESULT;

PkinextCertificate *
pkinext_issuer_create_root (PkinextSigner *signer,
			    const gchar *subject,
			    gint64 validity_seconds,
			    gint path_len,
			    GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_issuer_import_certificate (PkinextSigner *signer,
				   GBytes *cert_der,
				   GPtrArray *chain,
				   GError **error);

G_END_DECLS
