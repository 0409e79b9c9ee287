/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The HMAC keys of the audit log, one per epoch. Keys never leave the keyring: callers
 * ask for a MAC under a key id. A key id is derived from the key itself, so a record
 * names its key without revealing it.
 */
#define G_LOG_DOMAIN "PkinextAudit"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "pkinext-audit-keyring.h"
#include "pkinext-error.h"

#define AUDIT_MAC_LEN 32

typedef struct {
	gchar *id;
	guint8 *key;
	gsize len;
} AuditKey;

struct _PkinextAuditKeyring {
	GObject parent_instance;
	GMutex lock;
	GPtrArray *keys; /* AuditKey */
	gchar *current;	 /* id of the key that seals new records */
};

G_DEFINE_TYPE (PkinextAuditKeyring, pkinext_audit_keyring, G_TYPE_OBJECT)

static void
audit_key_free (gpointer data)
{
	AuditKey *key = data;

	gnutls_memset (key->key, 0, key->len);
	g_free (key->key);
	g_free (key->id);
	g_free (key);
}

static void
pkinext_audit_keyring_finalize (GObject *object)
{
	PkinextAuditKeyring *self = PKINEXT_AUDIT_KEYRING (object);

	g_ptr_array_unref (self->keys);
	g_free (self->current);
	g_mutex_clear (&self->lock);
	G_OBJECT_CLASS (pkinext_audit_keyring_parent_class)->finalize (object);
}

static void
pkinext_audit_keyring_class_init (PkinextAuditKeyringClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_audit_keyring_finalize;
}

static void
pkinext_audit_keyring_init (PkinextAuditKeyring *self)
{
	g_mutex_init (&self->lock);
	self->keys = g_ptr_array_new_with_free_func (audit_key_free);
}

/**
 * pkinext_audit_keyring_new:
 *
 * Returns: (transfer full): an empty keyring
 */
PkinextAuditKeyring *
pkinext_audit_keyring_new (void)
{
	return g_object_new (PKINEXT_TYPE_AUDIT_KEYRING, NULL);
}

static AuditKey *
keyring_lookup (PkinextAuditKeyring *self, const gchar *key_id)
{
	for (guint i = 0; key_id != NULL && i < self->keys->len; i++) {
		AuditKey *key = g_ptr_array_index (self->keys, i);
		if (strcmp (key->id, key_id) == 0)
			return key;
	}
	return NULL;
}

static gboolean
audit_hmac (const guint8 *key,
	    gsize key_len,
	    const void *data,
	    gsize len,
	    guint8 out[AUDIT_MAC_LEN],
	    GError **error)
{
	int rc = gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, key_len, data, len, out);

	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "computing the audit HMAC-SHA256");
	return TRUE;
}

static gchar *
key_id_derive (const guint8 *key, gsize key_len, GError **error)
{
	static const gchar label[] = "pkinext audit key id";
	guint8 mac[AUDIT_MAC_LEN];
	GString *id = g_string_sized_new (PKINEXT_AUDIT_KEY_ID_LENGTH);

	if (!audit_hmac (key, key_len, label, strlen (label), mac, error)) {
		g_string_free (id, TRUE);
		return NULL;
	}
	for (guint i = 0; i < PKINEXT_AUDIT_KEY_ID_LENGTH / 2; i++)
		g_string_append_printf (id, "%02x", mac[i]);
	return g_string_free (id, FALSE);
}

/**
 * pkinext_audit_keyring_add:
 * @self: a keyring
 * @key: key bytes (at least %PKINEXT_AUDIT_KEY_MIN_LENGTH)
 * @key_len: length of @key
 * @make_current: whether new records are sealed with this key from now on
 * @error: return location
 *
 * Adds a key; the keyring keeps a copy, wiped when the keyring is finalized. Adding a
 * key that is already present only updates which key is current.
 *
 * Returns: (transfer none): the key id, or %NULL on error
 */
const gchar *
pkinext_audit_keyring_add (PkinextAuditKeyring *self,
			   const guint8 *key,
			   gsize key_len,
			   gboolean make_current,
			   GError **error)
{
	g_autofree gchar *id = NULL;
	AuditKey *entry;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (self), NULL);
	if (key == NULL || key_len < PKINEXT_AUDIT_KEY_MIN_LENGTH) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "audit key is too short: %" G_GSIZE_FORMAT " bytes, need at least %d",
			     key_len, PKINEXT_AUDIT_KEY_MIN_LENGTH);
		return NULL;
	}
	id = key_id_derive (key, key_len, error);
	if (id == NULL)
		return NULL;
	g_mutex_lock (&self->lock);
	entry = keyring_lookup (self, id);
	if (entry == NULL) {
		entry = g_new0 (AuditKey, 1);
		entry->id = g_steal_pointer (&id);
		entry->key = g_memdup2 (key, key_len);
		entry->len = key_len;
		g_ptr_array_add (self->keys, entry);
	}
	if (make_current || self->current == NULL) {
		g_free (self->current);
		self->current = g_strdup (entry->id);
	}
	g_mutex_unlock (&self->lock);
	return entry->id;
}

/**
 * pkinext_audit_keyring_add_secret:
 * @self: a keyring
 * @secret: a secret loaded with pkinext_secret_load(); its bytes are the key
 * @make_current: whether new records are sealed with this key from now on
 * @error: return location
 *
 * Returns: (transfer none): the key id, or %NULL on error
 */
const gchar *
pkinext_audit_keyring_add_secret (PkinextAuditKeyring *self,
				  const PkinextSecret *secret,
				  gboolean make_current,
				  GError **error)
{
	if (secret == NULL) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "no audit key given");
		return NULL;
	}
	return pkinext_audit_keyring_add (self, (const guint8 *)secret, strlen (secret),
					  make_current, error);
}

/**
 * pkinext_audit_keyring_get_current_id:
 * @self: a keyring
 *
 * Returns: (nullable): the id of the key that seals new records (the first key added,
 * or the last one added with @make_current), %NULL when the keyring is empty
 */
const gchar *
pkinext_audit_keyring_get_current_id (PkinextAuditKeyring *self)
{
	const gchar *id;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (self), NULL);
	g_mutex_lock (&self->lock);
	id = self->current != NULL ? keyring_lookup (self, self->current)->id : NULL;
	g_mutex_unlock (&self->lock);
	return id;
}

/**
 * pkinext_audit_keyring_has_key:
 * @self: a keyring
 * @key_id: (nullable): a key id
 *
 * Returns: whether the keyring holds the key @key_id
 */
gboolean
pkinext_audit_keyring_has_key (PkinextAuditKeyring *self, const gchar *key_id)
{
	gboolean found;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (self), FALSE);
	g_mutex_lock (&self->lock);
	found = keyring_lookup (self, key_id) != NULL;
	g_mutex_unlock (&self->lock);
	return found;
}

/**
 * pkinext_audit_keyring_get_n_keys:
 * @self: a keyring
 *
 * Returns: how many keys the keyring holds
 */
guint
pkinext_audit_keyring_get_n_keys (PkinextAuditKeyring *self)
{
	guint n;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (self), 0);
	g_mutex_lock (&self->lock);
	n = self->keys->len;
	g_mutex_unlock (&self->lock);
	return n;
}

/**
 * pkinext_audit_keyring_mac:
 * @self: a keyring
 * @key_id: the key to use
 * @data: bytes to authenticate
 * @len: length of @data
 * @error: return location
 *
 * Computes HMAC-SHA256 of @data under key @key_id (PKINEXT_ERROR_NOT_FOUND if the
 * keyring does not hold it).
 *
 * Returns: (transfer full): 64 lowercase hex characters, or %NULL on error
 */
gchar *
pkinext_audit_keyring_mac (
	PkinextAuditKeyring *self, const gchar *key_id, const void *data, gsize len, GError **error)
{
	guint8 mac[AUDIT_MAC_LEN];
	gboolean ok = FALSE;
	AuditKey *key;
	gchar *hex;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (self), NULL);
	g_mutex_lock (&self->lock);
	key = keyring_lookup (self, key_id);
	if (key == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "audit key %s is not in the keyring",
			     key_id != NULL ? key_id : "(none)");
	} else {
		ok = audit_hmac (key->key, key->len, data, len, mac, error);
	}
	g_mutex_unlock (&self->lock);
	if (!ok)
		return NULL;
	hex = g_malloc (AUDIT_MAC_LEN * 2 + 1);
	for (guint i = 0; i < AUDIT_MAC_LEN; i++) {
		hex[2 * i] = "0123456789abcdef"[mac[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[mac[i] & 0xf];
	}
	hex[AUDIT_MAC_LEN * 2] = '\0';
	return hex;
}
