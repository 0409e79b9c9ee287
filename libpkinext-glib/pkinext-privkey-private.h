/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GnuTLS software keys, shared by the software and FIPS signers.
 */
#pragma once

#include <gnutls/abstract.h>

#include "pkinext-algorithm.h"

G_BEGIN_DECLS

gnutls_privkey_t
pkinext_privkey_load (GBytes *data, const gchar *passphrase, const gchar *source, GError **error);
gnutls_privkey_t
pkinext_privkey_load_file (const gchar *path, const gchar *passphrase, GError **error);
gnutls_privkey_t
pkinext_privkey_generate (PkinextKeyType key_type, guint bits, GError **error);
gchar *
pkinext_privkey_export_pkcs8 (gnutls_privkey_t key, const gchar *passphrase, GError **error);
gboolean
pkinext_privkey_save (gnutls_privkey_t key, const gchar *path, const gchar *passphrase, GError **error);
gnutls_pubkey_t
pkinext_privkey_get_pubkey (gnutls_privkey_t key, GError **error);

G_END_DECLS
