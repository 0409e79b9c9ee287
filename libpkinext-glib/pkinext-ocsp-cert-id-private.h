/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-der-private.h"
#include "pkinext-ocsp-cert-id.h"

G_BEGIN_DECLS

/* parses a CertID TLV (untrusted input): INVALID_DATA naming what is wrong */
gboolean
pkinext_ocsp_cert_id_parse (const PkinextDerElement *el, PkinextOcspCertId *id, GError **error);
void
pkinext_ocsp_cert_id_write (PkinextDerWriter *w, const PkinextOcspCertId *id);

G_END_DECLS
