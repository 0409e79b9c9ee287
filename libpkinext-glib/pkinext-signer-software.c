/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextSignerSoftware"

#include "config.h"

#include <gnutls/gnutls.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-privkey-private.h"
#include "pkinext-signer-software.h"

/* A key held in process memory by GnuTLS. Signing only reads the key, so
 * concurrent sign() calls need no lock. */
struct _PkinextSignerSoftware {
	PkinextSigner parent_instance;
	gnutls_privkey_t privkey;
	gchar *source; /* file name or "generated" */
};

G_DEFINE_TYPE (PkinextSignerSoftware, pkinext_signer_software, PKINEXT_TYPE_SIGNER)

static GBytes *
pkinext_signer_software_sign (PkinextSigner *signer, const guint8 *data, gsize len, GError **error)
{
	PkinextSignerSoftware *self = PKINEXT_SIGNER_SOFTWARE (signer);
	return pkinext_signer_sign_with_privkey (signer, self->privkey, data, len, error);
}

static gchar *
pkinext_signer_software_describe (PkinextSigner *signer)
{
	PkinextSignerSoftware *self = PKINEXT_SIGNER_SOFTWARE (signer);
	return g_strdup_printf ("software key %s", self->source);
}

static PkinextSigner *
signer_software_new (gnutls_privkey_t privkey,
		     const gchar *source,
		     PkinextAlgorithm algorithm,
		     GError **error)
{
	g_autoptr(PkinextSignerSoftware) self = NULL;
	gnutls_pubkey_t pub;

	self = g_object_new (PKINEXT_TYPE_SIGNER_SOFTWARE, "backend", "software", NULL);
	self->privkey = privkey;
	self->source = g_strdup (source);
	pub = pkinext_privkey_get_pubkey (privkey, error);
	if (pub == NULL)
		return NULL;
	if (!pkinext_signer_set_key (PKINEXT_SIGNER (self), pub, algorithm, error)) {
		g_prefix_error (error, "software key %s: ", source);
		return NULL;
	}
	return PKINEXT_SIGNER (g_steal_pointer (&self));
}

/**
 * pkinext_signer_software_new_from_data:
 * @key: PEM or DER private key (PKCS#8, possibly encrypted; PKCS#1; SEC1)
 * @passphrase: (nullable): passphrase of an encrypted PKCS#8 key
 * @algorithm: algorithm to sign with, or %PKINEXT_ALGORITHM_UNKNOWN for the key's default
 * @error: return location
 *
 * Returns: (transfer full): a new signer
 */
PkinextSigner *
pkinext_signer_software_new_from_data (GBytes *key,
				       const gchar *passphrase,
				       PkinextAlgorithm algorithm,
				       GError **error)
{
	gnutls_privkey_t privkey = pkinext_privkey_load (key, passphrase, "(memory)", error);
	if (privkey == NULL)
		return NULL;
	return signer_software_new (privkey, "(memory)", algorithm, error);
}

PkinextSigner *
pkinext_signer_software_new_from_file (const gchar *path,
				       const gchar *passphrase,
				       PkinextAlgorithm algorithm,
				       GError **error)
{
	gnutls_privkey_t privkey = pkinext_privkey_load_file (path, passphrase, error);
	if (privkey == NULL)
		return NULL;
	return signer_software_new (privkey, path, algorithm, error);
}

/**
 * pkinext_signer_software_generate:
 * @key_type: the key to generate
 * @bits: RSA modulus size (0 for 3072); ignored for other keys
 * @algorithm: algorithm to sign with, or %PKINEXT_ALGORITHM_UNKNOWN for the key's default
 * @error: return location
 *
 * Returns: (transfer full): a new signer holding a fresh key
 */
PkinextSigner *
pkinext_signer_software_generate (PkinextKeyType key_type,
				  guint bits,
				  PkinextAlgorithm algorithm,
				  GError **error)
{
	gnutls_privkey_t privkey = pkinext_privkey_generate (key_type, bits, error);
	if (privkey == NULL)
		return NULL;
	return signer_software_new (privkey, "(generated)", algorithm, error);
}

/**
 * pkinext_signer_software_save:
 * @self: a #PkinextSignerSoftware
 * @path: file to create, mode 0600; must not exist
 * @passphrase: (nullable): encrypt the PKCS#8 with this passphrase
 * @error: return location
 *
 * Returns: %TRUE if the key was written
 */
gboolean
pkinext_signer_software_save (PkinextSignerSoftware *self,
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
pkinext_signer_software_finalize (GObject *object)
{
	PkinextSignerSoftware *self = PKINEXT_SIGNER_SOFTWARE (object);
	if (self->privkey != NULL)
		gnutls_privkey_deinit (self->privkey);
	g_free (self->source);
	G_OBJECT_CLASS (pkinext_signer_software_parent_class)->finalize (object);
}

static void
pkinext_signer_software_class_init (PkinextSignerSoftwareClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS (klass);
	PkinextSignerClass *signer_class = PKINEXT_SIGNER_CLASS (klass);
	object_class->finalize = pkinext_signer_software_finalize;
	signer_class->sign = pkinext_signer_software_sign;
	signer_class->describe = pkinext_signer_software_describe;
}

static void
pkinext_signer_software_init (PkinextSignerSoftware *self)
{
}
