/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-certificate.h"

G_BEGIN_DECLS

/*
 * For the issuer: a certificate view from the parts it has just encoded, without re-parsing.
 * @der is the whole certificate; @subject_der / @issuer_der are Name TLVs; @spki the
 * SubjectPublicKeyInfo TLV; @sans (nullable) a GPtrArray of PkinextSan (a reference is taken:
 * do not modify it afterwards). Ref-counted arguments are referenced, not copied. Strings
 * (subject, issuer) are computed lazily. The extension getters (get_extension,
 * get_subject_key_id, get_authority_key_id) and get_signature_algorithm locate the data in
 * @der lazily on first use. @path_len is -1 for none (ignored when @is_ca is FALSE).
 */
PkinextCertificate *
pkinext_certificate_new_from_parts (GBytes *der,
				    const gchar *serial_hex,
				    GBytes *subject_der,
				    GBytes *issuer_der,
				    gint64 not_before,
				    gint64 not_after,
				    GPtrArray *sans,
				    GBytes *spki,
				    gboolean is_ca,
				    gint path_len) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
