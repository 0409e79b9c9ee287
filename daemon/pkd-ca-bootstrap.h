/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Bringing a configured CA to life: key, certificate, chain. Used by
 * pkinext-tool (offline) and pkinextd (create CA).
 */
#pragma once

#include "pkd-config.h"
#include "pkinext.h"

G_BEGIN_DECLS

typedef enum {
	PKD_CA_STATE_MISSING,	  /* no certificate file yet */
	PKD_CA_STATE_AWAITING,	  /* key and CSR exist; waiting for the external parent */
	PKD_CA_STATE_READY,	  /* certificate present */
} PkdCaState;

PkdCaState
pkd_ca_bootstrap_get_state (PkdCaConfig *ca);
gchar *
pkd_ca_bootstrap_csr_path (PkdCaConfig *ca);
PkinextIssuer *
pkd_ca_bootstrap_open_issuer (PkdConfig *config, const gchar *name, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkd_ca_bootstrap_init (PkdConfig *config,
		       const gchar *name,
		       gboolean external_parent,
		       GError **error);
gboolean
pkd_ca_bootstrap_import (PkdConfig *config,
			 const gchar *name,
			 const gchar *certificate_path,
			 const gchar *chain_path,
			 GError **error);
gchar *
pkd_ca_bootstrap_profiles_dir (PkdConfig *config);
PkinextProfile *
pkd_ca_bootstrap_load_profile (PkdConfig *config, const gchar *name, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
