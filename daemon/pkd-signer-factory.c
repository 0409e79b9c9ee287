/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkdSignerFactory"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkd-signer-factory.h"
#if PKINEXT_CRYPTO_BACKEND_FIPS
#include "pkinext-signer-fips.h"
#else
#include "pkinext-signer-software.h"
#endif
#include "pkinext-signer-pkcs11.h"

static gboolean
factory_check_backend (PkdCaConfig *ca, GError **error)
{
#if PKINEXT_CRYPTO_BACKEND_FIPS
	if (g_strcmp0 (ca->signer, "software") == 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FIPS,
			     "CA %s: this is a FIPS build of pkinext: the software signer is not "
			     "built in; use signer = fips or signer = pkcs11",
			     ca->name);
		return FALSE;
	}
#else
	if (g_strcmp0 (ca->signer, "fips") == 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "CA %s: signer = fips needs a FIPS build of pkinext "
			     "(meson -Dcrypto_backend=fips)",
			     ca->name);
		return FALSE;
	}
#endif
	return TRUE;
}

static PkinextSecret *
factory_load_passphrase (PkdCaConfig *ca, GError **error)
{
	g_autofree gchar *what = NULL;
	if (ca->key_passphrase_env == NULL && ca->key_passphrase_file == NULL)
		return pkinext_secret_new (NULL);
	what = g_strdup_printf ("passphrase of the key of CA %s", ca->name);
	return pkinext_secret_load (ca->key_passphrase_env, ca->key_passphrase_file, NULL, what, error);
}

static gboolean
factory_pkcs11_options (PkdCaConfig *ca,
			PkdHsmConfig *hsm,
			PkinextPkcs11Options *opts,
			PkinextSecret **pin,
			GError **error)
{
	g_autofree gchar *what = NULL;

	what = g_strdup_printf ("PIN of token %s",
				hsm->token_label != NULL ? hsm->token_label : "(by slot)");
	*pin = pkinext_secret_load (hsm->pin_env, hsm->pin_file, hsm->pin, what, error);
	if (*pin == NULL)
		return FALSE;
	memset (opts, 0, sizeof (*opts));
	opts->module = hsm->module;
	opts->token_label = hsm->token_label;
	opts->slot = hsm->slot;
	opts->key_uri = g_str_has_prefix (ca->key != NULL ? ca->key : "", "pkcs11:") ? ca->key : NULL;
	opts->key_label = ca->key_label;
	opts->key_id = ca->key_id;
	opts->pin = *pin;
	opts->sessions = hsm->sessions;
	opts->algorithm = pkinext_algorithm_from_string (ca->algorithm);
	return TRUE;
}

static PkinextSigner *
factory_open_key (PkdCaConfig *ca, PkdHsmConfig *hsm, GError **error)
{
	PkinextAlgorithm alg = pkinext_algorithm_from_string (ca->algorithm);

	if (g_strcmp0 (ca->signer, "pkcs11") == 0) {
		PkinextPkcs11Options opts;
		g_autoptr(PkinextSecret) pin = NULL;
		if (!factory_pkcs11_options (ca, hsm, &opts, &pin, error))
			return NULL;
		return pkinext_signer_pkcs11_new (&opts, error);
	} else {
		g_autoptr(PkinextSecret) pass = factory_load_passphrase (ca, error);
		if (pass == NULL && error != NULL && *error != NULL)
			return NULL;
#if PKINEXT_CRYPTO_BACKEND_FIPS
		return pkinext_signer_fips_new_from_file (ca->key, pass, alg, error);
#else
		return pkinext_signer_software_new_from_file (ca->key, pass, alg, error);
#endif
	}
}

/**
 * pkd_signer_factory_load_chain:
 * @path: a PEM bundle
 * @error: return location
 *
 * Returns: (transfer full) (element-type GBytes): the DER certificates in file order
 */
GPtrArray *
pkd_signer_factory_load_chain (const gchar *path, GError **error)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr(GPtrArray) certs = NULL;

	if (!g_file_get_contents (path, &data, &len, error))
		return NULL;
	certs = pkinext_pem_decode_all (data, len, "CERTIFICATE", error);
	if (certs == NULL) {
		g_prefix_error (error, "%s: ", path);
		return NULL;
	}
	return g_steal_pointer (&certs);
}

/**
 * pkd_signer_factory_open:
 * @ca: the CA's settings
 * @hsm: the [hsm] settings
 * @with_certificate: also load the CA certificate and chain, and refuse a key that
 *   does not match the certificate
 * @error: return location
 *
 * Opens the CA's signer on the configured backend and runs the start-up probe.
 * There is never a fallback from one backend to another.
 *
 * Returns: (transfer full): a validated signer
 */
PkinextSigner *
pkd_signer_factory_open (PkdCaConfig *ca, PkdHsmConfig *hsm, gboolean with_certificate, GError **error)
{
	g_autoptr(PkinextSigner) signer = NULL;

	if (!factory_check_backend (ca, error))
		return NULL;
	signer = factory_open_key (ca, hsm, error);
	if (signer == NULL) {
		g_prefix_error (error, "CA %s: ", ca->name);
		return NULL;
	}
	if (with_certificate) {
		g_autoptr(GBytes) cert = NULL;
		g_autofree gchar *data = NULL;
		gsize len = 0;
		if (ca->certificate == NULL) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_ARGUMENT,
				     "CA %s: no certificate configured",
				     ca->name);
			return NULL;
		}
		if (!g_file_get_contents (ca->certificate, &data, &len, error)) {
			g_prefix_error (error, "CA %s: ", ca->name);
			return NULL;
		}
		cert = pkinext_pem_decode (data, len, "CERTIFICATE", error);
		if (cert == NULL || !pkinext_signer_set_certificate (signer, cert, error)) {
			g_prefix_error (error, "CA %s: %s: ", ca->name, ca->certificate);
			return NULL;
		}
		if (ca->chain != NULL) {
			g_autoptr(GPtrArray) chain = pkd_signer_factory_load_chain (ca->chain, error);
			if (chain == NULL) {
				g_prefix_error (error, "CA %s: ", ca->name);
				return NULL;
			}
			pkinext_signer_set_chain (signer, chain);
		}
	}
	if (!pkinext_signer_validate (signer, error)) {
		g_prefix_error (error, "CA %s: ", ca->name);
		return NULL;
	}
	return g_steal_pointer (&signer);
}

static PkinextSigner *
factory_generate_file_key (PkdCaConfig *ca, PkinextKeyType key_type, GError **error)
{
	PkinextAlgorithm alg = pkinext_algorithm_from_string (ca->algorithm);
	g_autoptr(PkinextSigner) signer = NULL;
	g_autoptr(PkinextSecret) pass = factory_load_passphrase (ca, error);

	if (pass == NULL && error != NULL && *error != NULL)
		return NULL;
#if PKINEXT_CRYPTO_BACKEND_FIPS
	signer = pkinext_signer_fips_generate (key_type, ca->key_bits, alg, error);
	if (signer == NULL ||
	    !pkinext_signer_fips_save (PKINEXT_SIGNER_FIPS (signer), ca->key, pass, error))
		return NULL;
#else
	signer = pkinext_signer_software_generate (key_type, ca->key_bits, alg, error);
	if (signer == NULL ||
	    !pkinext_signer_software_save (PKINEXT_SIGNER_SOFTWARE (signer), ca->key, pass, error))
		return NULL;
#endif
	return g_steal_pointer (&signer);
}

/**
 * pkd_signer_factory_generate:
 * @ca: the CA's settings
 * @hsm: the [hsm] settings
 * @error: return location
 *
 * Generates the CA's key as configured (key-type, key-bits): into the key file
 * for software/fips (refusing to overwrite), or on the token for pkcs11
 * (sensitive, not extractable).
 *
 * Returns: (transfer full): a validated signer for the new key, without certificate
 */
PkinextSigner *
pkd_signer_factory_generate (PkdCaConfig *ca, PkdHsmConfig *hsm, GError **error)
{
	PkinextKeyType key_type = pkinext_key_type_from_string (ca->key_type);
	g_autoptr(PkinextSigner) signer = NULL;

	if (!factory_check_backend (ca, error))
		return NULL;
	if (g_strcmp0 (ca->signer, "pkcs11") == 0) {
		PkinextPkcs11Options opts;
		g_autoptr(PkinextSecret) pin = NULL;
		const gchar *label = ca->key_label != NULL ? ca->key_label : ca->name;
		if (!factory_pkcs11_options (ca, hsm, &opts, &pin, error) ||
		    !pkinext_pkcs11_generate_key (&opts, key_type, ca->key_bits, label, ca->key_id, error)) {
			g_prefix_error (error, "CA %s: ", ca->name);
			return NULL;
		}
		if (opts.key_uri == NULL && opts.key_label == NULL && opts.key_id == NULL)
			opts.key_label = label;
		signer = pkinext_signer_pkcs11_new (&opts, error);
	} else {
		signer = factory_generate_file_key (ca, key_type, error);
	}
	if (signer == NULL || !pkinext_signer_validate (signer, error)) {
		g_prefix_error (error, "CA %s: ", ca->name);
		return NULL;
	}
	return g_steal_pointer (&signer);
}
