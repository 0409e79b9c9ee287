/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkdCaBootstrap"

#include "config.h"

#include <glib/gstdio.h>

#include "pkd-ca-bootstrap.h"
#include "pkd-signer-factory.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

gchar *
pkd_ca_bootstrap_csr_path (PkdCaConfig *ca)
{
	g_autofree gchar *dir = g_path_get_dirname (ca->certificate);
	g_autofree gchar *base = g_strdup_printf ("%s.csr", ca->name);
	return g_build_filename (dir, base, NULL);
}

PkdCaState
pkd_ca_bootstrap_get_state (PkdCaConfig *ca)
{
	g_autofree gchar *csr = NULL;
	if (ca->certificate != NULL && g_file_test (ca->certificate, G_FILE_TEST_EXISTS))
		return PKD_CA_STATE_READY;
	if (ca->certificate == NULL)
		return PKD_CA_STATE_MISSING;
	csr = pkd_ca_bootstrap_csr_path (ca);
	return g_file_test (csr, G_FILE_TEST_EXISTS) ? PKD_CA_STATE_AWAITING : PKD_CA_STATE_MISSING;
}

static gboolean
write_pem_file (const gchar *path, const gchar *pem, GError **error)
{
	g_autofree gchar *dir = g_path_get_dirname (path);
	if (g_mkdir_with_parents (dir, 0755) != 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FAILED,
			     "creating %s: %s",
			     dir,
			     g_strerror (errno));
		return FALSE;
	}
	return g_file_set_contents_full (path, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
write_chain_file (const gchar *path, GBytes *first, GPtrArray *rest, GError **error)
{
	g_autoptr(GString) pem = g_string_new (NULL);

	if (first != NULL) {
		g_autofree gchar *first_pem = pkinext_pem_encode ("CERTIFICATE", first);
		g_string_append (pem, first_pem);
	}
	for (guint i = 0; rest != NULL && i < rest->len; i++) {
		g_autofree gchar *p = pkinext_pem_encode ("CERTIFICATE", g_ptr_array_index (rest, i));
		g_string_append (pem, p);
	}
	return write_pem_file (path, pem->str, error);
}

/* $PKINEXT_PROFILES_DIR (tests, running from the source tree) or [pkinext] profiles-dir */
gchar *
pkd_ca_bootstrap_profiles_dir (PkdConfig *config)
{
	const gchar *env = g_getenv ("PKINEXT_PROFILES_DIR");
	if (env != NULL)
		return g_strdup (env);
	return pkd_config_get_string (config, "pkinext", "profiles-dir");
}

/**
 * pkd_ca_bootstrap_load_profile:
 * @config: the configuration
 * @name: a profile name, e.g. "tls-server"
 * @error: return location
 *
 * Loads a built-in profile from pkd_ca_bootstrap_profiles_dir().
 *
 * Returns: (transfer full): the profile
 */
PkinextProfile *
pkd_ca_bootstrap_load_profile (PkdConfig *config, const gchar *name, GError **error)
{
	g_autofree gchar *dir = pkd_ca_bootstrap_profiles_dir (config);
	return pkinext_profile_load (name, dir, error);
}

/**
 * pkd_ca_bootstrap_open_issuer:
 * @config: the configuration
 * @name: a CA name
 * @error: return location
 *
 * Opens a ready CA: its signer with certificate and chain, validated, and its URLs.
 *
 * Returns: (transfer full): the issuer
 */
PkinextIssuer *
pkd_ca_bootstrap_open_issuer (PkdConfig *config, const gchar *name, GError **error)
{
	g_autoptr(PkdCaConfig) ca = pkd_config_get_ca (config, name, error);
	g_autoptr(PkdHsmConfig) hsm = pkd_config_get_hsm (config);
	g_autoptr(PkinextSigner) signer = NULL;
	g_autoptr(PkinextIssuer) issuer = NULL;

	if (ca == NULL)
		return NULL;
	if (pkd_ca_bootstrap_get_state (ca) != PKD_CA_STATE_READY) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_STATE,
			     "CA %s is not initialised (no %s): run pkinext-tool init",
			     name,
			     ca->certificate != NULL ? ca->certificate : "certificate");
		return NULL;
	}
	signer = pkd_signer_factory_open (ca, hsm, TRUE, error);
	if (signer == NULL)
		return NULL;
	issuer = pkinext_issuer_new (signer, error);
	if (issuer == NULL) {
		g_prefix_error (error, "CA %s: ", name);
		return NULL;
	}
	pkinext_issuer_set_urls (issuer, ca->crl_url, ca->ocsp_url, ca->ca_issuers_url);
	return g_steal_pointer (&issuer);
}

static gboolean
bootstrap_root (PkdCaConfig *ca, PkinextSigner *signer, GError **error)
{
	g_autoptr(PkinextCertificate) cert = NULL;
	g_autofree gchar *pem = NULL;

	cert = pkinext_issuer_create_root (signer,
					   ca->subject,
					   (gint64)ca->validity_days * SECONDS_PER_DAY,
					   ca->path_len,
					   error);
	if (cert == NULL)
		return FALSE;
	pem = pkinext_certificate_to_pem (cert);
	return write_pem_file (ca->certificate, pem, error);
}

static gboolean
bootstrap_intermediate (PkdConfig *config, PkdCaConfig *ca, PkinextSigner *signer, GError **error)
{
	g_autoptr(PkinextIssuer) parent = NULL;
	g_autoptr(PkinextProfile) profile = NULL;
	g_autoptr(GBytes) csr_der = NULL;
	g_autoptr(PkinextCsr) csr = NULL;
	g_autoptr(PkinextCertificate) cert = NULL;
	g_autofree gchar *pem = NULL;
	PkinextSigner *parent_signer;
	PkinextIssueOptions opts;

	if (ca->chain == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "CA %s has a parent: set chain = <file> for its issuer chain",
			     ca->name);
		return FALSE;
	}
	parent = pkd_ca_bootstrap_open_issuer (config, ca->parent, error);
	if (parent == NULL) {
		g_prefix_error (error, "parent of CA %s: ", ca->name);
		return FALSE;
	}
	profile = pkd_ca_bootstrap_load_profile (config, "sub-ca", error);
	if (profile == NULL)
		return FALSE;
	csr_der = pkinext_csr_build (signer, ca->subject, NULL, error);
	if (csr_der == NULL)
		return FALSE;
	csr = pkinext_csr_new_from_data (csr_der, error);
	if (csr == NULL)
		return FALSE;
	pkinext_issue_options_init (&opts);
	opts.path_len = ca->path_len;
	opts.validity = (gint64)ca->validity_days * SECONDS_PER_DAY;
	cert = pkinext_issuer_issue (parent, csr, profile, &opts, error);
	if (cert == NULL)
		return FALSE;
	pem = pkinext_certificate_to_pem (cert);
	parent_signer = pkinext_issuer_get_signer (parent);
	return write_pem_file (ca->certificate, pem, error) &&
	       write_chain_file (ca->chain,
				 pkinext_signer_get_certificate (parent_signer),
				 pkinext_signer_get_chain (parent_signer),
				 error);
}

static gboolean
bootstrap_external_csr (PkdCaConfig *ca, PkinextSigner *signer, GError **error)
{
	g_autoptr(GBytes) csr_der = pkinext_csr_build (signer, ca->subject, NULL, error);
	g_autofree gchar *pem = NULL;
	g_autofree gchar *path = pkd_ca_bootstrap_csr_path (ca);

	if (csr_der == NULL)
		return FALSE;
	pem = pkinext_pem_encode ("CERTIFICATE REQUEST", csr_der);
	return write_pem_file (path, pem, error);
}

/**
 * pkd_ca_bootstrap_init:
 * @config: the configuration
 * @name: the CA to initialise
 * @external_parent: write a CSR for a parent outside this configuration
 * @error: return location
 *
 * Generates the CA's key and either self-signs a root, has the parent CA of
 * this configuration sign it, or writes a CSR for an external parent (then
 * pkd_ca_bootstrap_import() completes it). Refuses to touch an existing CA.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_ca_bootstrap_init (PkdConfig *config, const gchar *name, gboolean external_parent, GError **error)
{
	g_autoptr(PkdCaConfig) ca = pkd_config_get_ca (config, name, error);
	g_autoptr(PkdHsmConfig) hsm = pkd_config_get_hsm (config);
	g_autoptr(PkinextSigner) signer = NULL;

	if (ca == NULL)
		return FALSE;
	if (ca->certificate == NULL || ca->subject == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "CA %s: set certificate = <file> and subject = <DN> to initialise it",
			     name);
		return FALSE;
	}
	if (pkd_ca_bootstrap_get_state (ca) != PKD_CA_STATE_MISSING) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_ALREADY_EXISTS,
			     "CA %s is already initialised or awaiting its certificate (%s)",
			     name,
			     ca->certificate);
		return FALSE;
	}
	signer = pkd_signer_factory_generate (ca, hsm, error);
	if (signer == NULL)
		return FALSE;
	if (external_parent)
		return bootstrap_external_csr (ca, signer, error);
	if (ca->parent != NULL)
		return bootstrap_intermediate (config, ca, signer, error);
	return bootstrap_root (ca, signer, error);
}

/**
 * pkd_ca_bootstrap_import:
 * @config: the configuration
 * @name: a CA awaiting its certificate
 * @certificate_path: the certificate the external parent issued (PEM)
 * @chain_path: the parent's chain, nearest first (PEM)
 * @error: return location
 *
 * Checks that the certificate is for the CA's key and chains to the given
 * chain, then installs both.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_ca_bootstrap_import (PkdConfig *config,
			 const gchar *name,
			 const gchar *certificate_path,
			 const gchar *chain_path,
			 GError **error)
{
	g_autoptr(PkdCaConfig) ca = pkd_config_get_ca (config, name, error);
	g_autoptr(PkdHsmConfig) hsm = pkd_config_get_hsm (config);
	g_autoptr(PkinextSigner) signer = NULL;
	g_autoptr(GPtrArray) chain = NULL;
	g_autoptr(GBytes) cert = NULL;
	g_autofree gchar *data = NULL;
	g_autofree gchar *pem = NULL;
	gsize len = 0;

	if (ca == NULL)
		return FALSE;
	if (pkd_ca_bootstrap_get_state (ca) != PKD_CA_STATE_AWAITING) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_STATE,
			     "CA %s is not awaiting a certificate (run init --external first)",
			     name);
		return FALSE;
	}
	if (ca->chain == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "CA %s: set chain = <file> to import an intermediate",
			     name);
		return FALSE;
	}
	signer = pkd_signer_factory_open (ca, hsm, FALSE, error);
	if (signer == NULL)
		return FALSE;
	if (!g_file_get_contents (certificate_path, &data, &len, error))
		return FALSE;
	cert = pkinext_pem_decode (data, len, "CERTIFICATE", error);
	chain = pkd_signer_factory_load_chain (chain_path, error);
	if (cert == NULL || chain == NULL)
		return FALSE;
	if (!pkinext_issuer_import_certificate (signer, cert, chain, error)) {
		g_prefix_error (error, "CA %s: %s: ", name, certificate_path);
		return FALSE;
	}
	pem = pkinext_pem_encode ("CERTIFICATE", cert);
	return write_pem_file (ca->certificate, pem, error) &&
	       write_chain_file (ca->chain, NULL, chain, error);
}
