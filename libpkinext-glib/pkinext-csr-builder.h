/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-signer.h"

G_BEGIN_DECLS

/*
 * pkinext_csr_build: a DER PKCS#10 request for @signer's key, signed by @signer with its
 * algorithm. @subject is RFC 4514 or slash form (see pkinext_name_from_string(); "" or NULL
 * for an empty subject); @sans (nullable) is a GPtrArray of PkinextSan placed in a
 * non-critical subjectAltName inside an extensionRequest attribute. Used for an intermediate
 * CA whose parent is external. The result verifies with `openssl req -verify`.
 */
GBytes *
pkinext_csr_build (PkinextSigner *signer,
		   const gchar *subject,
		   GPtrArray *sans,
		   GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
