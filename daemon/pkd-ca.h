/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One certificate authority at run time: its configuration, its issuer
 * (signer + certificate + chain) and its delegated CRL/OCSP signers.
 */
#pragma once

#include "pkd-config.h"
#include "pkinext.h"

G_BEGIN_DECLS

#define PKD_TYPE_CA (pkd_ca_get_type ())
G_DECLARE_FINAL_TYPE (PkdCa, pkd_ca, PKD, CA, GObject)

PkdCa *
pkd_ca_new (PkdCaConfig *config, PkinextIssuer *issuer);
const gchar *
pkd_ca_get_name (PkdCa *self);
PkdCaConfig *
pkd_ca_get_config (PkdCa *self);
PkinextIssuer *
pkd_ca_get_issuer (PkdCa *self);
PkinextSigner *
pkd_ca_get_signer (PkdCa *self);
PkinextCertificate *
pkd_ca_get_certificate (PkdCa *self);
GPtrArray *
pkd_ca_get_chain (PkdCa *self);
guint
pkd_ca_get_n_shards (PkdCa *self);
guint
pkd_ca_shard_for_serial (PkdCa *self, const gchar *serial_hex);

G_END_DECLS
