/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextSignerFips"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "pkinext-error.h"
#include "pkinext-privkey-private.h"
#include "pkinext-signer-fips.h"

/* A GnuTLS key used only inside GnuTLS's FIPS 140 mode and only with the
 * algorithms the allowlist (the table's fips_approved column) names. Built
 * instead of the software signer with -Dcrypto_backend=fips. */
struct _PkinextSignerFips {
	PkinextSigner parent_instance;
	gnutls_privkey_t privkey;
	gchar *source;
};

G_DEFINE_TYPE (PkinextSignerFips, pkinext_signer_fips, PKINEXT_TYPE_SIGNER)

static gchar *
fips_allowed_list (void)
{
	guint n = 0;
	const PkinextAlgorithmInfo *table = pkinext_algorithm_get_table (&n);
	g_autoptr(GString) s = g_string_new (NULL);

	for (guint i = 0; i < n; i++) {
		if (!table[i].fips_approved)
			continue;
		if (s->len > 0)
			g_string_append (s, ", ");
		g_string_append (s, table[i].name);
	}
	return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * pkinext_fips_check_mode:
 * @error: return location
 *
 * Returns: %TRUE if GnuTLS operates in FIPS 140 mode
 */
gboolean
pkinext_fips_check_mode (GError **error)
{
	if (!gnutls_fips140_mode_enabled ()) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FIPS,
			     "this is a FIPS build of pkinext, but GnuTLS %s is not operating in FIPS "
			     "140 mode (boot with fips=1 on a distribution whose GnuTLS is validated; "
			     "Debian's is not): refusing to run",
			     gnutls_check_version (NULL));
		return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_fips_check_allowed:
 * @algorithm: the signature algorithm
 * @key_type: the key's type
 * @key_bits: the key's size
 * @error: return location
 *
 * The FIPS allowlist: RSA >= 2048 bits with SHA-2 (PKCS#1 v1.5 or PSS),
 * ECDSA P-256 and P-384. No SHA-1, no Ed25519, no ML-DSA in software.
 *
 * Returns: %TRUE if allowed
 */
gboolean
pkinext_fips_check_allowed (PkinextAlgorithm algorithm,
			    PkinextKeyType key_type,
			    guint key_bits,
			    GError **error)
{
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (algorithm);
	g_autofree gchar *allowed = fips_allowed_list ();

	if (!info->fips_approved) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FIPS,
			     "%s is not allowed in FIPS mode; allowed: %s (RSA keys of at least 2048 "
			     "bits). For Ed25519 or ML-DSA use a PKCS#11 token with its own "
			     "validation (signer=pkcs11)",
			     info->name,
			     allowed);
		return FALSE;
	}
	if (key_type == PKINEXT_KEY_TYPE_RSA && key_bits < 2048) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FIPS,
			     "RSA-%u is not allowed in FIPS mode; allowed: %s with RSA keys of at "
			     "least 2048 bits, or use a PKCS#11 token (signer=pkcs11)",
			     key_bits,
			     allowed);
		return FALSE;
	}
	return TRUE;
}

static GBytes *
pkinext_signer_fips_sign (PkinextSigner *signer, const guint8 *data, gsize len, GError **error)
{
	PkinextSignerFips *self = PKINEXT_SIGNER_FIPS (signer);
	return pkinext_signer_sign_with_privkey (signer, self->privkey, data, len, error);
}

static gchar *
pkinext_signer_fips_describe (PkinextSigner *signer)
{
	PkinextSignerFips *self = PKINEXT_SIGNER_FIPS (signer);
	return g_strdup_printf ("FIPS software key %s", self->source);
}

/* the allowlist is checked before the mode, so its refusals show on any platform */
static PkinextSigner *
signer_fips_new (gnutls_privkey_t privkey,
		 const gchar *source,
		 PkinextAlgorithm algorithm,
		 GError **error)
{
	g_autoptr(PkinextSignerFips) self = NULL;
	gnutls_pubkey_t pub;
	PkinextKeyType key_type;
	guint bits = 0;

	self = g_object_new (PKINEXT_TYPE_SIGNER_FIPS, "backend", "fips", NULL);
	self->privkey = privkey;
	self->source = g_strdup (source);
	pub = pkinext_privkey_get_pubkey (privkey, error);
	if (pub == NULL)
		return NULL;
	key_type = pkinext_key_type_from_pubkey (pub, &bits);
	if (algorithm == PKINEXT_ALGORITHM_UNKNOWN)
		algorithm = pkinext_algorithm_default_for_key (key_type);
	if (!pkinext_fips_check_allowed (algorithm, key_type, bits, error) ||
	    !pkinext_fips_check_mode (error)) {
		gnutls_pubkey_deinit (pub);
		g_prefix_error (error, "FIPS key %s: ", source);
		return NULL;
	}
	if (!pkinext_signer_set_key (PKINEXT_SIGNER (self), pub, algorithm, error)) {
		g_prefix_error (error, "FIPS key %s: ", source);
		return NULL;
	}
	return PKINEXT_SIGNER (g_steal_pointer (&self));
}

PkinextSigner *
pkinext_signer_fips_new_from_data (GBytes *key,
				   const gchar *passphrase,
				   PkinextAlgorithm algorithm,
				   GError **error)
{
	gnutls_privkey_t privkey = pkinext_privkey_load (key, passphrase, "(memory)", error);
	if (privkey == NULL)
		return NULL;
	return signer_fips_new (privkey, "(memory)", algorithm, error);
}

PkinextSigner *
pkinext_signer_fips_new_from_file (const gchar *path,
				       const gchar *passphrase,
				       PkinextAlgorithm algorithm,
				       GError **error)
{
	gnutls_privkey_t privkey = pkinext_privkey_load_file (path, passphrase, error);
	if (privkey == NULL)
		return NULL;
	return signer_fips_new (privkey, path, algorithm, error);
}

/**
 * pkinext_signer_fips_generate:
 * @key_type: the key to generate
 * @bits: RSA modulus size
 * @algorithm: algorithm, or %PKINEXT_ALGORITHM_UNKNOWN for the key's default
 * @error: return location
 *
 * Checks the allowlist and the FIPS mode before generating anything.
 *
 * Returns: (transfer full): a new signer
 */
PkinextSigner *
pkinext_signer_fips_generate (PkinextKeyType key_type,
			      guint bits,
			      PkinextAlgorithm algorithm,
			      GError **error)
{
	gnutls_privkey_t privkey;
	PkinextAlgorithm alg = algorithm != PKINEXT_ALGORITHM_UNKNOWN
				   ? algorithm
				   : pkinext_algorithm_default_for_key (key_type);
	guint check_bits = key_type == PKINEXT_KEY_TYPE_RSA && bits == 0 ? 3072 : bits;

	if (!pkinext_fips_check_allowed (alg, key_type, check_bits, error) ||
	    !pkinext_fips_check_mode (error))
		return NULL;
	privkey = pkinext_privkey_generate (key_type, bits, error);
	if (privkey == NULL)
		return NULL;
	return signer_fips_new (privkey, "(generated)", algorithm, error);
}

gboolean
pkinext_signer_fips_save (PkinextSignerFips *self,
			  const gchar *path,
			  const gchar *passphrase,
			  GError **error)
{
	if (!pkinext_privkey_save (self->privkey, path, passphrase, error))
		return FALSE;
	g_free (self->source);
	self->source = g_strdup (path);
	return TRUE;
}

static void
pkinext_signer_fips_finalize (GObject *object)
{
	PkinextSignerFips *self = PKINEXT_SIGNER_FIPS (object);
	if (self->privkey != NULL)
		gnutls_privkey_deinit (self->privkey);
	g_free (self->source);
	G_OBJECT_CLASS (pkinext_signer_fips_parent_class)->finalize (object);
}

static void
pkinext_signer_fips_class_init (PkinextSignerFipsClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS (klass);
	PkinextSignerClass *signer_class = PKINEXT_SIGNER_CLASS (klass);
	object_class->finalize = pkinext_signer_fips_finalize;
	signer_class->sign = pkinext_signer_fips_sign;
	signer_class->describe = pkinext_signer_fips_describe;
}

static void
pkinext_signer_fips_init (PkinextSignerFips *self)
{
}
