/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One [ca:NAME] group. Paths are absolute (resolved against the config file's folder). */
typedef struct {
	gchar *name;
	gchar *signer; /* software, fips or pkcs11 */
	gchar *key;    /* key file, or a pkcs11: URI */
	gchar *key_label;
	gchar *key_id;
	gchar *key_passphrase_env;
	gchar *key_passphrase_file;
	gchar *certificate;
	gchar *chain;
	gchar *algorithm;
	gchar *key_type; /* for generation: ec-p256, ec-p384, ec-p521, rsa, ed25519 */
	guint key_bits;
	gchar *subject;
	guint validity_days;
	gint path_len;	/* -1: unlimited */
	gchar *parent;	/* issuing CA in this configuration, NULL for a root or external parent */
	gchar *crl_url;
	gchar *ocsp_url;
	gchar *ca_issuers_url;
	guint crl_shards;	/* 0: no sharding */
	gchar *crl_shard_url;	/* template with "{shard}", written into issued certificates */
	gchar *delta_crl_url;	/* freshestCRL pointer of base CRLs; NULL: no delta CRLs */
	gint64 crl_validity;	/* seconds (nextUpdate - thisUpdate) */
	gint64 crl_overlap;	/* regenerate this long before nextUpdate */
	gint64 ocsp_validity;	/* seconds of a pre-signed response */
	gchar *crl_signer_key;	/* delegated CRL signer (same backend rules as key) */
	gchar *crl_signer_certificate;
	gchar *ocsp_signer_key; /* delegated OCSP responder */
	gchar *ocsp_signer_certificate;
} PkdCaConfig;

/* The [hsm] group. */
typedef struct {
	gchar *module;
	gchar *token_label;
	gint slot; /* -1 when unset */
	gchar *pin_env;
	gchar *pin_file;
	gchar *pin;
	guint sessions;
} PkdHsmConfig;

typedef struct {
	const gchar *group; /* "pkinext", "ca:NAME" (written "ca:*"), "hsm" */
	const gchar *key;
	const gchar *default_value; /* NULL: no default */
	const gchar *description;
} PkdConfigKey;

#define PKD_TYPE_CONFIG (pkd_config_get_type ())
G_DECLARE_FINAL_TYPE (PkdConfig, pkd_config, PKD, CONFIG, GObject)

PkdConfig *
pkd_config_new (void);
gboolean
pkd_config_load_file (PkdConfig *self, const gchar *path, GError **error);
gboolean
pkd_config_load_data (PkdConfig *self, const gchar *data, const gchar *base_dir, GError **error);
const gchar *
pkd_config_get_base_dir (PkdConfig *self);
gchar *
pkd_config_resolve_path (PkdConfig *self, const gchar *path);
gchar *
pkd_config_get_string (PkdConfig *self, const gchar *group, const gchar *key);
GPtrArray *
pkd_config_get_cas (PkdConfig *self);
PkdCaConfig *
pkd_config_get_ca (PkdConfig *self, const gchar *name, GError **error);
PkdHsmConfig *
pkd_config_get_hsm (PkdConfig *self);
const PkdConfigKey *
pkd_config_get_schema (guint *n_keys);

void
pkd_ca_config_free (PkdCaConfig *ca);
void
pkd_hsm_config_free (PkdHsmConfig *hsm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdCaConfig, pkd_ca_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdHsmConfig, pkd_hsm_config_free)

G_END_DECLS
