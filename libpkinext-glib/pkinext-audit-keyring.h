/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-secret.h"

G_BEGIN_DECLS

/* shortest accepted audit key, in bytes */
#define PKINEXT_AUDIT_KEY_MIN_LENGTH 32
/* a key id is 16 lowercase hex characters */
#define PKINEXT_AUDIT_KEY_ID_LENGTH 16

#define PKINEXT_TYPE_AUDIT_KEYRING (pkinext_audit_keyring_get_type ())
G_DECLARE_FINAL_TYPE (PkinextAuditKeyring, pkinext_audit_keyring, PKINEXT, AUDIT_KEYRING, GObject)

PkinextAuditKeyring *pkinext_audit_keyring_new (void) G_GNUC_WARN_UNUSED_RESULT;
const gchar *pkinext_audit_keyring_add (PkinextAuditKeyring *self,
					const guint8 *key,
					gsize key_len,
					gboolean make_current,
					GError **error);
const gchar *pkinext_audit_keyring_add_secret (PkinextAuditKeyring *self,
					       const PkinextSecret *secret,
					       gboolean make_current,
					       GError **error);
const gchar *pkinext_audit_keyring_get_current_id (PkinextAuditKeyring *self);
gboolean pkinext_audit_keyring_has_key (PkinextAuditKeyring *self, const gchar *key_id);
guint pkinext_audit_keyring_get_n_keys (PkinextAuditKeyring *self);
gchar *pkinext_audit_keyring_mac (PkinextAuditKeyring *self,
				  const gchar *key_id,
				  const void *data,
				  gsize len,
				  GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
