/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pkinext-algorithm.h"

G_BEGIN_DECLS

/**
 * PkinextPkcs11Options:
 * @module: path of the PKCS#11 module (.so), or %NULL to use the modules registered
 *   with p11-kit (a `module-path=` or `module-name=` in @key_uri also selects one)
 * @token_label: the token's label, or %NULL (then @slot, or the token in @key_uri)
 * @slot: the slot id when no label is given; -1 = unset
 * @key_uri: an RFC 7512 `pkcs11:` URI naming the token and/or private key, or %NULL
 * @key_label: the private key's CKA_LABEL (overrides `object=` in @key_uri), or %NULL
 * @key_id: the private key's CKA_ID in hex (overrides `id=` in @key_uri), or %NULL
 * @pin: the user PIN, already resolved with pkinext_secret_load(), or %NULL (then
 *   `pin-source=`/`pin-value=` in @key_uri, else no login)
 * @sessions: number of sessions in a signer's pool; 0 = 4
 * @algorithm: the signature algorithm, or %PKINEXT_ALGORITHM_UNKNOWN for the key's default
 *
 * Where a PKCS#11 key lives and how to reach it. Initialise with
 * pkinext_pkcs11_options_init(); the strings are borrowed.
 */
typedef struct {
	const gchar *module;
	const gchar *token_label;
	gint slot;
	const gchar *key_uri;
	const gchar *key_label;
	const gchar *key_id;
	const gchar *pin;
	guint sessions;
	PkinextAlgorithm algorithm;
	/*< private >*/
	gpointer padding[8];
} PkinextPkcs11Options;

void pkinext_pkcs11_options_init (PkinextPkcs11Options *opts);

#define PKINEXT_TYPE_PKCS11_TOKEN (pkinext_pkcs11_token_get_type ())
G_DECLARE_FINAL_TYPE (PkinextPkcs11Token, pkinext_pkcs11_token, PKINEXT, PKCS11_TOKEN, GObject)

PkinextPkcs11Token *pkinext_pkcs11_token_open (const PkinextPkcs11Options *opts,
					       GError **error) G_GNUC_WARN_UNUSED_RESULT;
const gchar *pkinext_pkcs11_token_get_module (PkinextPkcs11Token *self);
const gchar *pkinext_pkcs11_token_get_label (PkinextPkcs11Token *self);
const gchar *pkinext_pkcs11_token_get_serial (PkinextPkcs11Token *self);
gulong pkinext_pkcs11_token_get_slot_id (PkinextPkcs11Token *self);
gchar *pkinext_pkcs11_token_describe (PkinextPkcs11Token *self);
gchar *pkinext_pkcs11_token_get_report (PkinextPkcs11Token *self,
					GError **error) G_GNUC_WARN_UNUSED_RESULT;
gchar *pkinext_pkcs11_token_generate_key (PkinextPkcs11Token *self,
					  PkinextKeyType key_type,
					  guint bits,
					  const gchar *label,
					  const gchar *id_hex,
					  GError **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean pkinext_pkcs11_generate_key (const PkinextPkcs11Options *opts,
				      PkinextKeyType key_type,
				      guint bits,
				      const gchar *label,
				      const gchar *id_hex,
				      GError **error);
gchar *pkinext_pkcs11_describe_token (const PkinextPkcs11Options *opts,
				      GError **error) G_GNUC_WARN_UNUSED_RESULT;
gchar *pkinext_pkcs11_list_tokens (const PkinextPkcs11Options *opts,
				   GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
