/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Encoders for the X.509 v3 extensions pkinext writes. Each function appends one
 * complete Extension (SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }) to a
 * DER writer, so callers can precompute constant runs of extensions once and copy
 * them into every TBSCertificate.
 */
#pragma once

#include <glib.h>

#include "pkinext-der-private.h"

G_BEGIN_DECLS

#define PKINEXT_OID_SUBJECT_KEY_ID	   "2.5.29.14"
#define PKINEXT_OID_KEY_USAGE		   "2.5.29.15"
#define PKINEXT_OID_SUBJECT_ALT_NAME	   "2.5.29.17"
#define PKINEXT_OID_BASIC_CONSTRAINTS	   "2.5.29.19"
#define PKINEXT_OID_NAME_CONSTRAINTS	   "2.5.29.30"
#define PKINEXT_OID_CRL_DISTRIBUTION_POINTS "2.5.29.31"
#define PKINEXT_OID_CERTIFICATE_POLICIES   "2.5.29.32"
#define PKINEXT_OID_AUTHORITY_KEY_ID	   "2.5.29.35"
#define PKINEXT_OID_EXT_KEY_USAGE	   "2.5.29.37"
#define PKINEXT_OID_AUTHORITY_INFO_ACCESS  "1.3.6.1.5.5.7.1.1"
#define PKINEXT_OID_TLS_FEATURE		   "1.3.6.1.5.5.7.1.24"
#define PKINEXT_OID_OCSP_NOCHECK	   "1.3.6.1.5.5.7.48.1.5"
#define PKINEXT_OID_AD_OCSP		   "1.3.6.1.5.5.7.48.1"
#define PKINEXT_OID_AD_CA_ISSUERS	   "1.3.6.1.5.5.7.48.2"
#define PKINEXT_OID_QT_CPS		   "1.3.6.1.5.5.7.2.1"

/* TLS feature values (RFC 7633): the TLS extension numbers */
#define PKINEXT_TLS_FEATURE_STATUS_REQUEST    5
#define PKINEXT_TLS_FEATURE_STATUS_REQUEST_V2 17

/* generic: begin an Extension and its extnValue OCTET STRING; close with _end() */
void
pkinext_extensions_begin (PkinextDerWriter *w, const gchar *oid, gboolean critical);
void
pkinext_extensions_end (PkinextDerWriter *w);

void
pkinext_extensions_write_basic_constraints (PkinextDerWriter *w,
					     gboolean ca,
					     gint path_len,
					     gboolean critical);
void
pkinext_extensions_write_key_usage (PkinextDerWriter *w, guint32 bits, gboolean critical);
gboolean
pkinext_extensions_write_extended_key_usage (PkinextDerWriter *w,
					      const gchar *const *oids,
					      gboolean critical,
					      GError **error);
/* hot path: no allocation */
void
pkinext_extensions_write_subject_key_id (PkinextDerWriter *w, const guint8 *id, gsize len);
void
pkinext_extensions_write_authority_key_id (PkinextDerWriter *w, const guint8 *id, gsize len);
/* hot path: GeneralNames from PkinextSan (pkinext-san-private.h) */
gboolean
pkinext_extensions_write_subject_alt_name (PkinextDerWriter *w,
					    GPtrArray *sans,
					    gboolean critical,
					    GError **error);
void
pkinext_extensions_write_crl_distribution_points (PkinextDerWriter *w, const gchar *url);
void
pkinext_extensions_write_authority_info_access (PkinextDerWriter *w,
						 const gchar *ocsp_url,
						 const gchar *ca_issuers_url);
gboolean
pkinext_extensions_write_certificate_policies (PkinextDerWriter *w,
						const gchar *const *oids,
						const gchar *cps_uri,
						GError **error);
void
pkinext_extensions_write_tls_feature (PkinextDerWriter *w, const guint *features, guint n);
void
pkinext_extensions_write_ocsp_nocheck (PkinextDerWriter *w);
gboolean
pkinext_extensions_write_name_constraints (PkinextDerWriter *w,
					    const gchar *const *permitted_dns,
					    const gchar *const *excluded_dns,
					    GError **error);

G_END_DECLS
