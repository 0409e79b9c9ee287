/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gnutls/abstract.h>

#include "pkinext-algorithm.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_SIGNER (pkinext_signer_get_type ())
G_DECLARE_DERIVABLE_TYPE (PkinextSigner, pkinext_signer, PKINEXT, SIGNER, GObject)

/**
 * PkinextSignerClass:
 * @sign: sign @data with the signer's algorithm (hashing as the algorithm requires) and
 *   return the signature value as it goes into a BIT STRING (for ECDSA, a DER
 *   Ecdsa-Sig-Value). Must be safe to call from several threads at once.
 * @describe: a one-line description that names the backend and object, for
 *   errors and logs (never a secret)
 *
 * The signer abstraction: every signature the CA makes (certificates, CRLs, OCSP
 * responses, CSRs) goes through a #PkinextSigner. The base class keeps the
 * algorithm, public key, certificate and chain; backends implement @sign.
 */
struct _PkinextSignerClass {
	GObjectClass parent_class;
	GBytes *(*sign) (PkinextSigner *self, const guint8 *data, gsize len, GError **error);
	gchar *(*describe) (PkinextSigner *self);
	/*< private >*/
	gpointer padding[12];
};

GBytes *
pkinext_signer_sign (PkinextSigner *self, const guint8 *data, gsize len, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkinext_signer_sign_async (PkinextSigner *self,
			   GBytes *data,
			   GCancellable *cancellable,
			   GAsyncReadyCallback callback,
			   gpointer user_data);
GBytes *
pkinext_signer_sign_finish (PkinextSigner *self, GAsyncResult *res, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_signer_verify (PkinextSigner *self,
		       const guint8 *data,
		       gsize len,
		       GBytes *signature,
		       GError **error);
gboolean
pkinext_signer_validate (PkinextSigner *self, GError **error);

PkinextAlgorithm
pkinext_signer_get_algorithm (PkinextSigner *self);
const gchar *
pkinext_signer_get_backend (PkinextSigner *self);
gchar *
pkinext_signer_describe (PkinextSigner *self);
GBytes *
pkinext_signer_get_public_key (PkinextSigner *self);
gnutls_pubkey_t
pkinext_signer_get_pubkey (PkinextSigner *self);
PkinextKeyType
pkinext_signer_get_key_type (PkinextSigner *self, guint *bits);
GBytes *
pkinext_signer_get_key_id (PkinextSigner *self);

gboolean
pkinext_signer_set_certificate (PkinextSigner *self, GBytes *der, GError **error);
GBytes *
pkinext_signer_get_certificate (PkinextSigner *self);
void
pkinext_signer_set_chain (PkinextSigner *self, GPtrArray *chain);
GPtrArray *
pkinext_signer_get_chain (PkinextSigner *self);

/* for backends */
gboolean
pkinext_signer_set_key (PkinextSigner *self,
			gnutls_pubkey_t pubkey,
			PkinextAlgorithm algorithm,
			GError **error);
GBytes *
pkinext_signer_sign_with_privkey (PkinextSigner *self,
				  gnutls_privkey_t privkey,
				  const guint8 *data,
				  gsize len,
				  GError **error);

G_END_DECLS
