/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The only place that chooses a signing backend (DESIGN.md "Crypto backends").
 */
#pragma once

#include "pkd-config.h"
#include "pkinext.h"

G_BEGIN_DECLS

PkinextSigner *
pkd_signer_factory_open (PkdCaConfig *ca,
			 PkdHsmConfig *hsm,
			 gboolean with_certificate,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSigner *
pkd_signer_factory_generate (PkdCaConfig *ca, PkdHsmConfig *hsm, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *
pkd_signer_factory_load_chain (const gchar *path, GError **error);

G_END_DECLS
