/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkdConfig"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pkinext.h"
#include "pkd-config.h"

/* Every key pkinext reads, with its default: the single source for validation,
 * defaults and the pkinextd.conf(5) man page. */
static const PkdConfigKey config_schema[] = {
    {"pkinext", "state-dir", "/var/lib/pkinext", "Folder for the database and generated files"},
    {"pkinext", "profiles-dir", PKINEXT_PROFILESDIR, "Folder of the built-in profiles"},
    {"ca:*", "signer", "software", "Signing backend: software, fips or pkcs11"},
    {"ca:*", "key", NULL, "Key file (software, fips) or pkcs11: URI of the private key"},
    {"ca:*", "key-label", NULL, "pkcs11: CKA_LABEL of the private key"},
    {"ca:*", "key-id", NULL, "pkcs11: CKA_ID of the private key, in hex"},
    {"ca:*", "key-passphrase-env", NULL, "Environment variable with the key file's passphrase"},
    {"ca:*", "key-passphrase-file", NULL, "File with the key file's passphrase"},
    {"ca:*", "certificate", NULL, "The CA certificate (PEM)"},
    {"ca:*", "chain", NULL, "Issuer certificates up to the root (PEM), nearest first"},
    {"ca:*", "algorithm", NULL, "Signature algorithm (pkinext-tool algorithms); default: the key's"},
    {"ca:*", "key-type", "ec-p256", "Key to generate at init: ec-p256, ec-p384, ec-p521, rsa, ed25519"},
    {"ca:*", "key-bits", "3072", "RSA modulus size at init"},
    {"ca:*", "subject", NULL, "Subject of the CA certificate at init, e.g. CN=Example Root"},
    {"ca:*", "validity-days", "3650", "Validity of the CA certificate at init"},
    {"ca:*", "path-length", "-1", "basicConstraints pathLenConstraint at init; -1 for none"},
    {"ca:*", "parent", NULL, "Name of the CA in this file that signs this one at init"},
    {"ca:*", "crl-url", NULL, "CRL distribution point written into issued certificates"},
    {"ca:*", "ocsp-url", NULL, "OCSP responder URL written into issued certificates"},
    {"ca:*", "ca-issuers-url", NULL, "URL of this CA's certificate, for AIA caIssuers"},
    {"ca:*", "crl-shards", "0", "Number of CRL shards; 0 for one CRL per CA"},
    {"ca:*", "crl-shard-url", NULL, "Shard CRL URL template with {shard}, written into certificates"},
    {"ca:*", "delta-crl-url", NULL, "Delta CRL URL (freshestCRL of full CRLs); unset: no deltas"},
    {"ca:*", "crl-validity", "7d", "CRL nextUpdate - thisUpdate (s, m, h, d, w suffixes)"},
    {"ca:*", "crl-overlap", "1d", "Regenerate a CRL this long before its nextUpdate"},
    {"ca:*", "ocsp-validity", "1d", "Lifetime of a pre-signed OCSP response"},
    {"ca:*", "crl-signer-key", NULL, "Key of a delegated CRL signer (same backend as signer)"},
    {"ca:*", "crl-signer-certificate", NULL, "Certificate of the delegated CRL signer (cRLSign)"},
    {"ca:*", "ocsp-signer-key", NULL, "Key of a delegated OCSP responder"},
    {"ca:*", "ocsp-signer-certificate", NULL, "Certificate of the delegated OCSP responder"},
    {"hsm", "module", NULL, "PKCS#11 module path; default: the p11-kit registry"},
    {"hsm", "token-label", NULL, "Token by label"},
    {"hsm", "slot", NULL, "Token by slot number (when token-label is not set)"},
    {"hsm", "pin-env", NULL, "Environment variable holding the user PIN"},
    {"hsm", "pin-file", NULL, "File holding the user PIN (one trailing newline is ignored)"},
    {"hsm", "pin", NULL, "The user PIN itself: development only, logs a warning"},
    {"hsm", "sessions", "4", "Number of token sessions in the signing pool"},
};

struct _PkdConfig {
	GObject parent_instance;
	GKeyFile *keyfile;
	gchar *base_dir;
};

G_DEFINE_TYPE (PkdConfig, pkd_config, G_TYPE_OBJECT)

const PkdConfigKey *
pkd_config_get_schema (guint *n_keys)
{
	*n_keys = G_N_ELEMENTS (config_schema);
	return config_schema;
}

static const gchar *
schema_group_of (const gchar *group)
{
	return g_str_has_prefix (group, "ca:") ? "ca:*" : group;
}

static const PkdConfigKey *
schema_lookup (const gchar *group, const gchar *key)
{
	const gchar *sgroup = schema_group_of (group);
	for (guint i = 0; i < G_N_ELEMENTS (config_schema); i++) {
		if (g_strcmp0 (config_schema[i].group, sgroup) == 0 &&
		    g_strcmp0 (config_schema[i].key, key) == 0)
			return &config_schema[i];
	}
	return NULL;
}

static gboolean
config_validate_group (PkdConfig *self, const gchar *group, GError **error)
{
	g_auto(GStrv) keys = NULL;
	const gchar *sgroup = schema_group_of (group);
	gboolean known = FALSE;

	for (guint i = 0; i < G_N_ELEMENTS (config_schema); i++)
		known |= g_strcmp0 (config_schema[i].group, sgroup) == 0;
	if (!known || g_strcmp0 (group, "ca:") == 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "unknown group [%s] (known: [pkinext], [ca:NAME], [hsm])",
			     group);
		return FALSE;
	}
	keys = g_key_file_get_keys (self->keyfile, group, NULL, NULL);
	for (guint i = 0; keys != NULL && keys[i] != NULL; i++) {
		if (schema_lookup (group, keys[i]) == NULL) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_ARGUMENT,
				     "unknown key '%s' in group [%s]",
				     keys[i],
				     group);
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
config_validate (PkdConfig *self, GError **error)
{
	g_auto(GStrv) groups = g_key_file_get_groups (self->keyfile, NULL);
	for (guint i = 0; groups[i] != NULL; i++) {
		if (!config_validate_group (self, groups[i], error))
			return FALSE;
	}
	return TRUE;
}

gboolean
pkd_config_load_data (PkdConfig *self, const gchar *data, const gchar *base_dir, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new ();
	if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, error))
		return FALSE;
	g_key_file_unref (self->keyfile);
	self->keyfile = g_steal_pointer (&kf);
	g_free (self->base_dir);
	self->base_dir = g_strdup (base_dir);
	return config_validate (self, error);
}

/**
 * pkd_config_load_file:
 * @self: a #PkdConfig
 * @path: a pkinextd.conf file
 * @error: return location
 *
 * Loads and validates @path: unknown groups and keys are errors.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_config_load_file (PkdConfig *self, const gchar *path, GError **error)
{
	g_autofree gchar *data = NULL;
	g_autofree gchar *abs = g_canonicalize_filename (path, NULL);
	g_autofree gchar *dir = g_path_get_dirname (abs);

	if (!g_file_get_contents (abs, &data, NULL, error))
		return FALSE;
	if (!pkd_config_load_data (self, data, dir, error)) {
		g_prefix_error (error, "%s: ", path);
		return FALSE;
	}
	return TRUE;
}

const gchar *
pkd_config_get_base_dir (PkdConfig *self)
{
	return self->base_dir;
}

/* relative paths are relative to the configuration file's folder */
gchar *
pkd_config_resolve_path (PkdConfig *self, const gchar *path)
{
	if (path == NULL)
		return NULL;
	if (g_path_is_absolute (path) || g_str_has_prefix (path, "pkcs11:"))
		return g_strdup (path);
	return g_canonicalize_filename (path, self->base_dir);
}

/**
 * pkd_config_get_string:
 * @self: a #PkdConfig
 * @group: a group, e.g. "ca:root"
 * @key: a key
 *
 * Returns: (transfer full) (nullable): the value, or the registered default
 */
gchar *
pkd_config_get_string (PkdConfig *self, const gchar *group, const gchar *key)
{
	const PkdConfigKey *schema = schema_lookup (group, key);
	gchar *value = g_key_file_get_string (self->keyfile, group, key, NULL);

	g_return_val_if_fail (schema != NULL, NULL);
	if (value != NULL) {
		g_strstrip (value);
		return value;
	}
	return g_strdup (schema->default_value);
}

static gchar *
config_get_path (PkdConfig *self, const gchar *group, const gchar *key)
{
	g_autofree gchar *value = pkd_config_get_string (self, group, key);
	return pkd_config_resolve_path (self, value);
}

static gint
config_get_int (PkdConfig *self, const gchar *group, const gchar *key)
{
	g_autofree gchar *value = pkd_config_get_string (self, group, key);
	return value != NULL ? (gint)g_ascii_strtoll (value, NULL, 10) : -1;
}

static gboolean
config_check_int (PkdConfig *self, const gchar *group, const gchar *key, gint64 min, gint64 max, GError **error)
{
	g_autofree gchar *value = pkd_config_get_string (self, group, key);
	gint64 v = 0;
	if (value == NULL)
		return TRUE;
	if (!g_ascii_string_to_signed (value, 10, min, max, &v, NULL)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] %s = '%s': expected a number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
			     group,
			     key,
			     value,
			     min,
			     max);
		return FALSE;
	}
	return TRUE;
}

/* durations use the profile syntax: 3600, 15m, 1h, 7d, 2w */
static gboolean
config_get_duration (PkdConfig *self, const gchar *group, const gchar *key, gint64 *out, GError **error)
{
	g_autofree gchar *value = pkd_config_get_string (self, group, key);
	if (!pkinext_profile_parse_duration (value, out, error)) {
		g_prefix_error (error, "[%s] %s = '%s': ", group, key, value);
		return FALSE;
	}
	return TRUE;
}

GPtrArray *
pkd_config_get_cas (PkdConfig *self)
{
	g_auto(GStrv) groups = g_key_file_get_groups (self->keyfile, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
	for (guint i = 0; groups[i] != NULL; i++) {
		if (g_str_has_prefix (groups[i], "ca:"))
			g_ptr_array_add (names, g_strdup (groups[i] + 3));
	}
	return names;
}

static gboolean
ca_config_validate (PkdConfig *self, PkdCaConfig *ca, const gchar *group, GError **error)
{
	if (g_strcmp0 (ca->signer, "software") != 0 && g_strcmp0 (ca->signer, "fips") != 0 &&
	    g_strcmp0 (ca->signer, "pkcs11") != 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] signer = '%s': expected software, fips or pkcs11",
			     group,
			     ca->signer);
		return FALSE;
	}
	if (ca->algorithm != NULL &&
	    pkinext_algorithm_from_string (ca->algorithm) == PKINEXT_ALGORITHM_UNKNOWN) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] algorithm = '%s': unknown (see pkinext-tool algorithms)",
			     group,
			     ca->algorithm);
		return FALSE;
	}
	if (pkinext_key_type_from_string (ca->key_type) == PKINEXT_KEY_TYPE_UNKNOWN) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] key-type = '%s': expected ec-p256, ec-p384, ec-p521, rsa or ed25519",
			     group,
			     ca->key_type);
		return FALSE;
	}
	if (g_strcmp0 (ca->signer, "pkcs11") != 0 && ca->key == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] has no key: set key = <file>",
			     group);
		return FALSE;
	}
	if (g_strcmp0 (ca->signer, "pkcs11") == 0 && ca->key == NULL && ca->key_label == NULL &&
	    ca->key_id == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] signer = pkcs11 needs key = pkcs11:..., key-label or key-id",
			     group);
		return FALSE;
	}
	return config_check_int (self, group, "key-bits", 2048, 8192, error) &&
	       config_check_int (self, group, "crl-shards", 0, 4096, error) &&
	       config_check_int (self, group, "validity-days", 1, 36500, error) &&
	       config_check_int (self, group, "path-length", -1, 16, error);
}

/**
 * pkd_config_get_ca:
 * @self: a #PkdConfig
 * @name: the CA's name (the NAME of [ca:NAME])
 * @error: return location
 *
 * Returns: (transfer full): the CA's settings, validated
 */
PkdCaConfig *
pkd_config_get_ca (PkdConfig *self, const gchar *name, GError **error)
{
	g_autofree gchar *group = g_strdup_printf ("ca:%s", name);
	g_autoptr(PkdCaConfig) ca = NULL;

	if (!g_key_file_has_group (self->keyfile, group)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_FOUND,
			     "no CA named '%s' in the configuration (no [%s] group)",
			     name,
			     group);
		return NULL;
	}
	ca = g_new0 (PkdCaConfig, 1);
	ca->name = g_strdup (name);
	ca->signer = pkd_config_get_string (self, group, "signer");
	ca->key = config_get_path (self, group, "key");
	ca->key_label = pkd_config_get_string (self, group, "key-label");
	ca->key_id = pkd_config_get_string (self, group, "key-id");
	ca->key_passphrase_env = pkd_config_get_string (self, group, "key-passphrase-env");
	ca->key_passphrase_file = config_get_path (self, group, "key-passphrase-file");
	ca->certificate = config_get_path (self, group, "certificate");
	ca->chain = config_get_path (self, group, "chain");
	ca->algorithm = pkd_config_get_string (self, group, "algorithm");
	ca->key_type = pkd_config_get_string (self, group, "key-type");
	ca->key_bits = (guint)config_get_int (self, group, "key-bits");
	ca->subject = pkd_config_get_string (self, group, "subject");
	ca->validity_days = (guint)config_get_int (self, group, "validity-days");
	ca->path_len = config_get_int (self, group, "path-length");
	ca->parent = pkd_config_get_string (self, group, "parent");
	ca->crl_url = pkd_config_get_string (self, group, "crl-url");
	ca->ocsp_url = pkd_config_get_string (self, group, "ocsp-url");
	ca->ca_issuers_url = pkd_config_get_string (self, group, "ca-issuers-url");
	ca->crl_shards = (guint)config_get_int (self, group, "crl-shards");
	ca->crl_shard_url = pkd_config_get_string (self, group, "crl-shard-url");
	ca->delta_crl_url = pkd_config_get_string (self, group, "delta-crl-url");
	ca->crl_signer_key = config_get_path (self, group, "crl-signer-key");
	ca->crl_signer_certificate = config_get_path (self, group, "crl-signer-certificate");
	ca->ocsp_signer_key = config_get_path (self, group, "ocsp-signer-key");
	ca->ocsp_signer_certificate = config_get_path (self, group, "ocsp-signer-certificate");
	if (!ca_config_validate (self, ca, group, error) ||
	    !config_get_duration (self, group, "crl-validity", &ca->crl_validity, error) ||
	    !config_get_duration (self, group, "crl-overlap", &ca->crl_overlap, error) ||
	    !config_get_duration (self, group, "ocsp-validity", &ca->ocsp_validity, error))
		return NULL;
	if (ca->crl_shards > 0 && (ca->crl_shard_url == NULL || strstr (ca->crl_shard_url, "{shard}") == NULL)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "[%s] crl-shards = %u needs crl-shard-url with a {shard} placeholder",
			     group,
			     ca->crl_shards);
		return NULL;
	}
	return g_steal_pointer (&ca);
}

/**
 * pkd_config_get_hsm:
 * @self: a #PkdConfig
 *
 * Returns: (transfer full): the [hsm] settings (defaults if the group is absent)
 */
PkdHsmConfig *
pkd_config_get_hsm (PkdConfig *self)
{
	PkdHsmConfig *hsm = g_new0 (PkdHsmConfig, 1);
	g_autofree gchar *slot = pkd_config_get_string (self, "hsm", "slot");

	hsm->module = config_get_path (self, "hsm", "module");
	hsm->token_label = pkd_config_get_string (self, "hsm", "token-label");
	hsm->slot = slot != NULL ? (gint)g_ascii_strtoll (slot, NULL, 10) : -1;
	hsm->pin_env = pkd_config_get_string (self, "hsm", "pin-env");
	hsm->pin_file = config_get_path (self, "hsm", "pin-file");
	hsm->pin = pkd_config_get_string (self, "hsm", "pin");
	hsm->sessions = (guint)config_get_int (self, "hsm", "sessions");
	return hsm;
}

void
pkd_ca_config_free (PkdCaConfig *ca)
{
	if (ca == NULL)
		return;
	g_free (ca->name);
	g_free (ca->signer);
	g_free (ca->key);
	g_free (ca->key_label);
	g_free (ca->key_id);
	g_free (ca->key_passphrase_env);
	g_free (ca->key_passphrase_file);
	g_free (ca->certificate);
	g_free (ca->chain);
	g_free (ca->algorithm);
	g_free (ca->key_type);
	g_free (ca->subject);
	g_free (ca->parent);
	g_free (ca->crl_url);
	g_free (ca->ocsp_url);
	g_free (ca->ca_issuers_url);
	g_free (ca->crl_shard_url);
	g_free (ca->delta_crl_url);
	g_free (ca->crl_signer_key);
	g_free (ca->crl_signer_certificate);
	g_free (ca->ocsp_signer_key);
	g_free (ca->ocsp_signer_certificate);
	g_free (ca);
}

void
pkd_hsm_config_free (PkdHsmConfig *hsm)
{
	if (hsm == NULL)
		return;
	g_free (hsm->module);
	g_free (hsm->token_label);
	g_free (hsm->pin_env);
	g_free (hsm->pin_file);
	if (hsm->pin != NULL)
		pkinext_secret_free (hsm->pin);
	g_free (hsm);
}

PkdConfig *
pkd_config_new (void)
{
	return g_object_new (PKD_TYPE_CONFIG, NULL);
}

static void
pkd_config_finalize (GObject *object)
{
	PkdConfig *self = PKD_CONFIG (object);
	g_key_file_unref (self->keyfile);
	g_free (self->base_dir);
	G_OBJECT_CLASS (pkd_config_parent_class)->finalize (object);
}

static void
pkd_config_class_init (PkdConfigClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkd_config_finalize;
}

static void
pkd_config_init (PkdConfig *self)
{
	self->keyfile = g_key_file_new ();
	self->base_dir = g_get_current_dir ();
}
