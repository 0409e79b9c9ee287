/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextSigner"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-signer.h"

typedef struct {
	gchar *backend;
	PkinextAlgorithm algorithm;
	gnutls_pubkey_t pubkey;
	GBytes *public_key_der; /* SubjectPublicKeyInfo */
	GBytes *key_id;		/* SHA-1 of subjectPublicKey, RFC 5280 4.2.1.2 (1) */
	PkinextKeyType key_type;
	guint key_bits;
	GBytes *certificate;
	GPtrArray *chain; /* of GBytes, issuer first, root last */
} PkinextSignerPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PkinextSigner, pkinext_signer, G_TYPE_OBJECT)

#define GET_PRIVATE(o) (pkinext_signer_get_instance_private (o))

enum { PROP_0, PROP_BACKEND, PROP_ALGORITHM, PROP_LAST };

static GParamSpec *obj_props[PROP_LAST] = {NULL};

/**
 * pkinext_signer_sign:
 * @self: a #PkinextSigner
 * @data: the bytes to sign (a TBSCertificate, TBSCertList, ResponseData...)
 * @len: length of @data
 * @error: return location
 *
 * Signs @data. Thread-safe; may block on a token, so call it from a worker
 * thread or use pkinext_signer_sign_async() from the main loop.
 *
 * Returns: (transfer full): the signature value
 */
GBytes *
pkinext_signer_sign (PkinextSigner *self, const guint8 *data, gsize len, GError **error)
{
	PkinextSignerClass *klass = PKINEXT_SIGNER_GET_CLASS (self);
	PkinextSignerPrivate *priv = GET_PRIVATE (self);

	g_return_val_if_fail (PKINEXT_IS_SIGNER (self), NULL);
	if (priv->pubkey == NULL || klass->sign == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_STATE,
			     "signer has no key loaded");
		return NULL;
	}
	return klass->sign (self, data, len, error);
}

static void
pkinext_signer_sign_thread (GTask *task,
			    gpointer source,
			    gpointer task_data,
			    GCancellable *cancellable)
{
	GBytes *data = task_data;
	GError *error = NULL;
	gsize len = 0;
	const guint8 *buf = g_bytes_get_data (data, &len);
	GBytes *sig = pkinext_signer_sign (PKINEXT_SIGNER (source), buf, len, &error);

	if (sig == NULL) {
		g_task_return_error (task, error);
		return;
	}
	g_task_return_pointer (task, sig, (GDestroyNotify)g_bytes_unref);
}

/**
 * pkinext_signer_sign_async:
 * @self: a #PkinextSigner
 * @data: the bytes to sign
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the signature is ready
 * @user_data: data for @callback
 *
 * Signs @data on a worker thread, so a slow token never blocks the main loop.
 */
void
pkinext_signer_sign_async (PkinextSigner *self,
			   GBytes *data,
			   GCancellable *cancellable,
			   GAsyncReadyCallback callback,
			   gpointer user_data)
{
	g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
	g_task_set_source_tag (task, pkinext_signer_sign_async);
	g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify)g_bytes_unref);
	g_task_run_in_thread (task, pkinext_signer_sign_thread);
}

GBytes *
pkinext_signer_sign_finish (PkinextSigner *self, GAsyncResult *res, GError **error)
{
	g_return_val_if_fail (g_task_is_valid (res, self), NULL);
	return g_task_propagate_pointer (G_TASK (res), error);
}

/**
 * pkinext_signer_verify:
 * @self: a #PkinextSigner
 * @data: signed bytes
 * @len: length of @data
 * @signature: the signature value
 * @error: return location
 *
 * Verifies @signature over @data with the signer's public key.
 *
 * Returns: %TRUE if the signature is valid
 */
gboolean
pkinext_signer_verify (PkinextSigner *self,
		       const guint8 *data,
		       gsize len,
		       GBytes *signature,
		       GError **error)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (priv->algorithm);
	gnutls_datum_t d = {(guint8 *)data, (guint)len};
	gsize sig_len = 0;
	gnutls_datum_t s;
	int rc;

	s.data = (guint8 *)g_bytes_get_data (signature, &sig_len);
	s.size = (guint)sig_len;
	rc = gnutls_pubkey_verify_data2 (priv->pubkey, info->gnutls_sign, 0, &d, &s);
	if (rc < 0) {
		g_autofree gchar *desc = pkinext_signer_describe (self);
		return pkinext_error_set_gnutls (error, rc, "verifying a %s signature of %s",
						 info->name, desc);
	}
	return TRUE;
}

/**
 * pkinext_signer_validate:
 * @self: a #PkinextSigner
 * @error: return location
 *
 * The start-up probe: signs random data and verifies the signature with the
 * public key (and so, once a certificate is set, with the certificate's key).
 * A daemon must not serve with a signer that fails this.
 *
 * Returns: %TRUE if the signer works
 */
gboolean
pkinext_signer_validate (PkinextSigner *self, GError **error)
{
	guint8 probe[48] = "pkinext signer probe:";
	g_autoptr(GBytes) sig = NULL;
	int rc;

	rc = gnutls_rnd (GNUTLS_RND_NONCE, probe + 24, sizeof (probe) - 24);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "generating the signer probe");
	sig = pkinext_signer_sign (self, probe, sizeof (probe), error);
	if (sig == NULL) {
		g_prefix_error (error, "signer start-up probe: ");
		return FALSE;
	}
	if (!pkinext_signer_verify (self, probe, sizeof (probe), sig, error)) {
		g_prefix_error (error, "signer start-up probe: signature does not verify: ");
		return FALSE;
	}
	return TRUE;
}

PkinextAlgorithm
pkinext_signer_get_algorithm (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	g_return_val_if_fail (PKINEXT_IS_SIGNER (self), PKINEXT_ALGORITHM_UNKNOWN);
	return priv->algorithm;
}

const gchar *
pkinext_signer_get_backend (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	g_return_val_if_fail (PKINEXT_IS_SIGNER (self), NULL);
	return priv->backend;
}

/**
 * pkinext_signer_describe:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer full): e.g. "pkcs11 module=libsofthsm2.so token=ca object=root"
 */
gchar *
pkinext_signer_describe (PkinextSigner *self)
{
	PkinextSignerClass *klass = PKINEXT_SIGNER_GET_CLASS (self);
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	if (klass->describe != NULL)
		return klass->describe (self);
	return g_strdup (priv->backend != NULL ? priv->backend : "signer");
}

/**
 * pkinext_signer_get_public_key:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer none) (nullable): the DER SubjectPublicKeyInfo
 */
GBytes *
pkinext_signer_get_public_key (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	return priv->public_key_der;
}

/**
 * pkinext_signer_get_pubkey:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer none) (nullable): the GnuTLS public key, owned by @self
 */
gnutls_pubkey_t
pkinext_signer_get_pubkey (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	return priv->pubkey;
}

PkinextKeyType
pkinext_signer_get_key_type (PkinextSigner *self, guint *bits)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	if (bits != NULL)
		*bits = priv->key_bits;
	return priv->key_type;
}

/**
 * pkinext_signer_get_key_id:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer none) (nullable): the SHA-1 key identifier (for SKI/AKI and OCSP byKey)
 */
GBytes *
pkinext_signer_get_key_id (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	return priv->key_id;
}

/* RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value
 * (without tag, length and unused-bits octet), as openssl computes SKIs */
static gboolean
signer_key_id_method1 (const guint8 *spki, gsize len, guint8 out[20], GError **error)
{
	PkinextDerReader r;
	PkinextDerReader inner;
	PkinextDerElement seq;
	PkinextDerElement alg;
	PkinextDerElement bits;
	int rc;

	pkinext_der_reader_init (&r, spki, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &seq, error))
		return FALSE;
	pkinext_der_reader_enter (&r, &seq, &inner);
	if (!pkinext_der_read_expect (&inner, PKINEXT_DER_SEQUENCE, &alg, error) ||
	    !pkinext_der_read_expect (&inner, PKINEXT_DER_BIT_STRING, &bits, error))
		return FALSE;
	if (bits.len < 1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, "empty public key");
		return FALSE;
	}
	rc = gnutls_hash_fast (GNUTLS_DIG_SHA1, bits.content + 1, bits.len - 1, out);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "computing the key identifier");
	return TRUE;
}

/**
 * pkinext_signer_set_key:
 * @self: a #PkinextSigner
 * @pubkey: (transfer full): the public half of the signing key
 * @algorithm: the algorithm to sign with, or %PKINEXT_ALGORITHM_UNKNOWN for the key's default
 * @error: return location
 *
 * For backends: records the key and checks that @algorithm is usable here and
 * fits the key.
 *
 * Returns: %TRUE on success; @pubkey is consumed either way
 */
gboolean
pkinext_signer_set_key (PkinextSigner *self,
			gnutls_pubkey_t pubkey,
			PkinextAlgorithm algorithm,
			GError **error)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	gnutls_datum_t der = {NULL, 0};
	guint8 id[20];
	size_t id_len = sizeof (id);
	guint bits = 0;
	PkinextKeyType key_type = pkinext_key_type_from_pubkey (pubkey, &bits);
	int rc;

	if (key_type == PKINEXT_KEY_TYPE_UNKNOWN) {
		gnutls_pubkey_deinit (pubkey);
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "unsupported key type (supported: EC P-256/P-384/P-521, RSA 2048-8192, "
			     "Ed25519)");
		return FALSE;
	}
	if (algorithm == PKINEXT_ALGORITHM_UNKNOWN)
		algorithm = pkinext_algorithm_default_for_key (key_type);
	if (!pkinext_algorithm_check_usable (algorithm, error) ||
	    !pkinext_algorithm_check_key (algorithm, key_type, bits, error)) {
		gnutls_pubkey_deinit (pubkey);
		return FALSE;
	}
	rc = gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &der);
	if (rc < 0) {
		gnutls_pubkey_deinit (pubkey);
		return pkinext_error_set_gnutls (error, rc, "exporting the public key");
	}
	if (!signer_key_id_method1 (der.data, der.size, id, error)) {
		gnutls_free (der.data);
		gnutls_pubkey_deinit (pubkey);
		return FALSE;
	}
	if (priv->pubkey != NULL)
		gnutls_pubkey_deinit (priv->pubkey);
	g_clear_pointer (&priv->public_key_der, g_bytes_unref);
	g_clear_pointer (&priv->key_id, g_bytes_unref);
	priv->pubkey = pubkey;
	priv->public_key_der = g_bytes_new (der.data, der.size);
	priv->key_id = g_bytes_new (id, id_len);
	priv->key_type = key_type;
	priv->key_bits = bits;
	priv->algorithm = algorithm;
	gnutls_free (der.data);
	g_object_notify_by_pspec (G_OBJECT (self), obj_props[PROP_ALGORITHM]);
	return TRUE;
}

/**
 * pkinext_signer_sign_with_privkey:
 * @self: a #PkinextSigner
 * @privkey: a GnuTLS private key (software or PKCS#11)
 * @data: bytes to sign
 * @len: length of @data
 * @error: return location
 *
 * For backends built on GnuTLS's abstract private keys.
 *
 * Returns: (transfer full): the signature value
 */
GBytes *
pkinext_signer_sign_with_privkey (PkinextSigner *self,
				  gnutls_privkey_t privkey,
				  const guint8 *data,
				  gsize len,
				  GError **error)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (priv->algorithm);
	gnutls_datum_t d = {(guint8 *)data, (guint)len};
	gnutls_datum_t sig = {NULL, 0};
	GBytes *out;
	int rc;

	rc = gnutls_privkey_sign_data2 (privkey, info->gnutls_sign, 0, &d, &sig);
	if (rc < 0) {
		g_autofree gchar *desc = pkinext_signer_describe (self);
		pkinext_error_set_gnutls (error, rc, "signing with %s (%s)", desc, info->name);
		return NULL;
	}
	out = g_bytes_new (sig.data, sig.size);
	gnutls_free (sig.data);
	return out;
}

/**
 * pkinext_signer_set_certificate:
 * @self: a #PkinextSigner
 * @der: the signer's own certificate (DER)
 * @error: return location
 *
 * Attaches the certificate, refusing one whose public key is not the signer's.
 *
 * Returns: %TRUE if the certificate matches the key
 */
gboolean
pkinext_signer_set_certificate (PkinextSigner *self, GBytes *der, GError **error)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	gnutls_x509_crt_t crt = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t d;
	gnutls_datum_t spki = {NULL, 0};
	gsize len = 0;
	gboolean match;
	int rc;

	if (priv->public_key_der == NULL) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_STATE,
			     "signer has no key loaded");
		return FALSE;
	}
	d.data = (guint8 *)g_bytes_get_data (der, &len);
	d.size = (guint)len;
	gnutls_x509_crt_init (&crt);
	rc = gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_DER);
	if (rc < 0) {
		gnutls_x509_crt_deinit (crt);
		return pkinext_error_set_gnutls (error, rc, "parsing the signer certificate");
	}
	gnutls_pubkey_init (&pub);
	rc = gnutls_pubkey_import_x509 (pub, crt, 0);
	if (rc >= 0)
		rc = gnutls_pubkey_export2 (pub, GNUTLS_X509_FMT_DER, &spki);
	gnutls_pubkey_deinit (pub);
	if (rc < 0) {
		gnutls_x509_crt_deinit (crt);
		return pkinext_error_set_gnutls (error, rc, "reading the certificate's public key");
	}
	match = spki.size == g_bytes_get_size (priv->public_key_der) &&
		memcmp (spki.data, g_bytes_get_data (priv->public_key_der, NULL), spki.size) == 0;
	gnutls_free (spki.data);
	if (!match) {
		g_autofree gchar *desc = pkinext_signer_describe (self);
		gnutls_datum_t dn = {NULL, 0};
		gnutls_x509_crt_get_dn3 (crt, &dn, 0);
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_KEY_MISMATCH,
			     "the key of %s does not match the certificate '%s'",
			     desc,
			     dn.data != NULL ? (const gchar *)dn.data : "?");
		gnutls_free (dn.data);
		gnutls_x509_crt_deinit (crt);
		return FALSE;
	}
	gnutls_x509_crt_deinit (crt);
	g_clear_pointer (&priv->certificate, g_bytes_unref);
	priv->certificate = g_bytes_ref (der);
	return TRUE;
}

/**
 * pkinext_signer_get_certificate:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer none) (nullable): the signer's certificate (DER)
 */
GBytes *
pkinext_signer_get_certificate (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	return priv->certificate;
}

/**
 * pkinext_signer_set_chain:
 * @self: a #PkinextSigner
 * @chain: (element-type GBytes): issuer certificates (DER), nearest first, root last
 */
void
pkinext_signer_set_chain (PkinextSigner *self, GPtrArray *chain)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	g_clear_pointer (&priv->chain, g_ptr_array_unref);
	if (chain != NULL)
		priv->chain = g_ptr_array_ref (chain);
}

/**
 * pkinext_signer_get_chain:
 * @self: a #PkinextSigner
 *
 * Returns: (transfer none) (element-type GBytes) (nullable): the issuer chain
 */
GPtrArray *
pkinext_signer_get_chain (PkinextSigner *self)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (self);
	return priv->chain;
}

static void
pkinext_signer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (PKINEXT_SIGNER (object));
	switch (prop_id) {
	case PROP_BACKEND:
		g_value_set_string (value, priv->backend);
		break;
	case PROP_ALGORITHM:
		g_value_set_int (value, priv->algorithm);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
		break;
	}
}

static void
pkinext_signer_set_property (GObject *object,
			     guint prop_id,
			     const GValue *value,
			     GParamSpec *pspec)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (PKINEXT_SIGNER (object));
	switch (prop_id) {
	case PROP_BACKEND:
		g_free (priv->backend);
		priv->backend = g_value_dup_string (value);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
		break;
	}
}

static void
pkinext_signer_finalize (GObject *object)
{
	PkinextSignerPrivate *priv = GET_PRIVATE (PKINEXT_SIGNER (object));
	if (priv->pubkey != NULL)
		gnutls_pubkey_deinit (priv->pubkey);
	g_clear_pointer (&priv->public_key_der, g_bytes_unref);
	g_clear_pointer (&priv->key_id, g_bytes_unref);
	g_clear_pointer (&priv->certificate, g_bytes_unref);
	g_clear_pointer (&priv->chain, g_ptr_array_unref);
	g_free (priv->backend);
	G_OBJECT_CLASS (pkinext_signer_parent_class)->finalize (object);
}

static void
pkinext_signer_class_init (PkinextSignerClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS (klass);

	object_class->get_property = pkinext_signer_get_property;
	object_class->set_property = pkinext_signer_set_property;
	object_class->finalize = pkinext_signer_finalize;

	obj_props[PROP_BACKEND] =
	    g_param_spec_string ("backend",
				 NULL,
				 "software, fips or pkcs11",
				 NULL,
				 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
	obj_props[PROP_ALGORITHM] = g_param_spec_int ("algorithm",
						      NULL,
						      "the PkinextAlgorithm signed with",
						      PKINEXT_ALGORITHM_UNKNOWN,
						      PKINEXT_ALGORITHM_LAST - 1,
						      PKINEXT_ALGORITHM_UNKNOWN,
						      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	g_object_class_install_properties (object_class, PROP_LAST, obj_props);
}

static void
pkinext_signer_init (PkinextSigner *self)
{
}
