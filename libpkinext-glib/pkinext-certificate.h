/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-algorithm.h"
#include "pkinext-san.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_CERTIFICATE (pkinext_certificate_get_type ())
G_DECLARE_FINAL_TYPE (PkinextCertificate, pkinext_certificate, PKINEXT, CERTIFICATE, GObject)

/*
 * A parsed, immutable view of an X.509 certificate; safe to share between threads.
 *
 * pkinext_certificate_new_from_data: DER, or the first PEM "CERTIFICATE" block. Errors are
 * INVALID_DATA (truncated, not a certificate, malformed extension) or NOT_SUPPORTED (unknown
 * public-key algorithm). The signature is NOT verified (use GnuTLS trust lists for that).
 *
 * Getters returning GBytes / GPtrArray / const gchar * are (transfer none): owned by @self.
 * get_serial(): canonical hex (pkinext_serial_to_hex()). get_subject()/get_issuer(): RFC 4514
 * (pkinext_name_to_string()). get_not_before()/get_not_after(): unix seconds.
 * get_sans(): GPtrArray of PkinextSan (empty if there is no subjectAltName).
 * is_ca(): basicConstraints cA; @path_len (nullable) gets pathLenConstraint or -1 for none.
 * get_subject_key_id(): the subjectKeyIdentifier extension's key id, or NULL.
 * get_authority_key_id(): the authorityKeyIdentifier keyIdentifier, or NULL.
 * get_extension(): (transfer full) extnValue contents (the inner DER) of an extension, or NULL.
 * get_key_type(): fills @bits (nullable) like pkinext_csr_get_key_type().
 */
PkinextCertificate *
pkinext_certificate_new_from_data (GBytes *pem_or_der, GError **error) G_GNUC_WARN_UNUSED_RESULT;

GBytes *
pkinext_certificate_get_der (PkinextCertificate *self);
const gchar *
pkinext_certificate_get_serial (PkinextCertificate *self);
const gchar *
pkinext_certificate_get_subject (PkinextCertificate *self);
const gchar *
pkinext_certificate_get_issuer (PkinextCertificate *self);
GBytes *
pkinext_certificate_get_subject_der (PkinextCertificate *self);
GBytes *
pkinext_certificate_get_issuer_der (PkinextCertificate *self);
gint64
pkinext_certificate_get_not_before (PkinextCertificate *self);
gint64
pkinext_certificate_get_not_after (PkinextCertificate *self);
GPtrArray *
pkinext_certificate_get_sans (PkinextCertificate *self);
GBytes *
pkinext_certificate_get_public_key (PkinextCertificate *self);
PkinextKeyType
pkinext_certificate_get_key_type (PkinextCertificate *self, guint *bits);
PkinextAlgorithm
pkinext_certificate_get_signature_algorithm (PkinextCertificate *self);
gboolean
pkinext_certificate_is_ca (PkinextCertificate *self, gint *path_len);
GBytes *
pkinext_certificate_get_subject_key_id (PkinextCertificate *self);
GBytes *
pkinext_certificate_get_authority_key_id (PkinextCertificate *self);
GBytes *
pkinext_certificate_get_extension (PkinextCertificate *self, const gchar *oid, gboolean *critical);
gchar *
pkinext_certificate_to_pem (PkinextCertificate *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
