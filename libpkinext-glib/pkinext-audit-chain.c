/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The HMAC-SHA256 audit chain. Record n carries MAC(key, canonical(n)) where canonical(n)
 * includes prev_mac = MAC of record n-1 ("GENESIS" for record 1), so altering, deleting,
 * inserting or reordering records breaks the chain at the first record touched.
 *
 * Key epochs: a record with event "audit.key-rotated" is MACed with the old key and names
 * the new key id in its target; every later record must use that key. A verifier given
 * the keys of all epochs walks the whole chain.
 *
 * The same object writes (seal) and checks (verify_next): both advance one head.
 */
#define G_LOG_DOMAIN "PkinextAudit"

#include "config.h"

#include <string.h>

#include "pkinext-audit-chain.h"
#include "pkinext-error.h"

/* shown of an expected MAC: enough to see it differs, useless for forging a record */
#define AUDIT_MAC_HINT_LEN 8

struct _PkinextAuditChain {
	GObject parent_instance;
	PkinextAuditKeyring *keyring;
	gint64 head_seq;
	gchar *head_mac;
	gchar *key_id; /* key of the next record; NULL: not fixed yet (empty chain) */
	gint64 broken_seq;
	gchar *broken_field;
	gchar *broken_expected;
	gchar *broken_stored;
};

G_DEFINE_TYPE (PkinextAuditChain, pkinext_audit_chain, G_TYPE_OBJECT)

static void
pkinext_audit_chain_finalize (GObject *object)
{
	PkinextAuditChain *self = PKINEXT_AUDIT_CHAIN (object);

	g_clear_object (&self->keyring);
	g_free (self->head_mac);
	g_free (self->key_id);
	g_free (self->broken_field);
	g_free (self->broken_expected);
	g_free (self->broken_stored);
	G_OBJECT_CLASS (pkinext_audit_chain_parent_class)->finalize (object);
}

static void
pkinext_audit_chain_class_init (PkinextAuditChainClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_audit_chain_finalize;
}

static void
pkinext_audit_chain_init (PkinextAuditChain *self)
{
	self->head_mac = g_strdup (PKINEXT_AUDIT_GENESIS);
}

/**
 * pkinext_audit_chain_new:
 * @keyring: the keys of every epoch (the current one seals new records)
 *
 * Creates a chain positioned at its genesis (no record yet).
 *
 * Returns: (transfer full): a new chain
 */
PkinextAuditChain *
pkinext_audit_chain_new (PkinextAuditKeyring *keyring)
{
	PkinextAuditChain *self;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (keyring), NULL);
	self = g_object_new (PKINEXT_TYPE_AUDIT_CHAIN, NULL);
	self->keyring = g_object_ref (keyring);
	return self;
}

static gboolean
is_key_id (const gchar *s)
{
	if (s == NULL || strlen (s) != PKINEXT_AUDIT_KEY_ID_LENGTH)
		return FALSE;
	for (const gchar *p = s; *p != '\0'; p++) {
		if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
			return FALSE;
	}
	return TRUE;
}

static void
chain_clear_break (PkinextAuditChain *self)
{
	self->broken_seq = 0;
	g_clear_pointer (&self->broken_field, g_free);
	g_clear_pointer (&self->broken_expected, g_free);
	g_clear_pointer (&self->broken_stored, g_free);
}

/**
 * pkinext_audit_chain_set_head:
 * @self: a chain
 * @seq: sequence number of the last record (0 for an empty chain)
 * @mac: MAC of the last record ("GENESIS" for an empty chain)
 * @key_id: (nullable): key of the next record; %NULL: the last record's key is not
 *   known (only allowed for an empty chain: the keyring's current key will be used)
 * @error: return location
 *
 * Positions the chain after a known record, to continue writing it or to verify a
 * range that starts later. Clears any recorded break.
 *
 * Returns: %TRUE on success
 */
gboolean
pkinext_audit_chain_set_head (
	PkinextAuditChain *self, gint64 seq, const gchar *mac, const gchar *key_id, GError **error)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), FALSE);
	if (seq < 0 || mac == NULL || (seq == 0) != (g_strcmp0 (mac, PKINEXT_AUDIT_GENESIS) == 0) ||
	    (seq > 0 && !is_key_id (key_id)) || (key_id != NULL && !is_key_id (key_id))) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "invalid audit chain head (seq %" G_GINT64_FORMAT ", mac %s, key %s)",
			     seq, mac != NULL ? mac : "(null)", key_id != NULL ? key_id : "(null)");
		return FALSE;
	}
	self->head_seq = seq;
	g_free (self->head_mac);
	self->head_mac = g_strdup (mac);
	g_free (self->key_id);
	self->key_id = g_strdup (key_id);
	chain_clear_break (self);
	return TRUE;
}

/**
 * pkinext_audit_chain_get_head_seq:
 * @self: a chain
 *
 * Returns: sequence number of the last record sealed or verified (0: none)
 */
gint64
pkinext_audit_chain_get_head_seq (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), 0);
	return self->head_seq;
}

/**
 * pkinext_audit_chain_get_head_mac:
 * @self: a chain
 *
 * Returns: MAC of the last record sealed or verified, "GENESIS" if none
 */
const gchar *
pkinext_audit_chain_get_head_mac (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	return self->head_mac;
}

/**
 * pkinext_audit_chain_get_key_id:
 * @self: a chain
 *
 * Returns: (nullable): the key id the next record must use (%NULL before the first
 * record: then the keyring's current key seals, and a verifier accepts any known key)
 */
const gchar *
pkinext_audit_chain_get_key_id (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	return self->key_id;
}

static void
chain_advance (PkinextAuditChain *self, const PkinextAuditRecord *record)
{
	const gchar *next_key = record->key_id;

	if (g_strcmp0 (record->event, PKINEXT_AUDIT_EVENT_KEY_ROTATED) == 0)
		next_key = record->target;
	self->head_seq = record->seq;
	g_free (self->head_mac);
	self->head_mac = g_strdup (record->mac);
	if (g_strcmp0 (self->key_id, next_key) != 0) {
		g_free (self->key_id);
		self->key_id = g_strdup (next_key);
	}
}

static void
normalize_field (gchar **field)
{
	if (*field == NULL)
		*field = g_strdup ("");
}

static gboolean
seal_check_rotation (PkinextAuditChain *self, const PkinextAuditRecord *record, GError **error)
{
	if (g_strcmp0 (record->event, PKINEXT_AUDIT_EVENT_KEY_ROTATED) != 0)
		return TRUE;
	if (!pkinext_audit_keyring_has_key (self->keyring, record->target)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "cannot rotate the audit key to %s: it is not in the keyring",
			     record->target);
		return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_audit_chain_seal:
 * @self: a chain
 * @record: a record with its event, actor, ca, target and details set; a timestamp set
 *   by the caller is kept (it must be well-formed), otherwise the current time is used
 * @error: return location
 *
 * Links @record to the head: sets seq, timestamp, key_id, prev_mac and mac, and
 * advances the head to @record. Nothing is written anywhere: storing the record is the
 * caller's business (and if that fails, the caller resets the head).
 *
 * Returns: %TRUE on success
 */
gboolean
pkinext_audit_chain_seal (PkinextAuditChain *self, PkinextAuditRecord *record, GError **error)
{
	const gchar *key_id;
	g_autofree gchar *canonical = NULL;
	gsize len = 0;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), FALSE);
	key_id = self->key_id != NULL ? self->key_id
				      : pkinext_audit_keyring_get_current_id (self->keyring);
	if (key_id == NULL) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
				     "no audit key: the keyring is empty");
		return FALSE;
	}
	if (record->timestamp == NULL)
		record->timestamp = pkinext_audit_timestamp_now ();
	else if (!pkinext_audit_timestamp_check (record->timestamp, error))
		return FALSE;
	normalize_field (&record->event);
	normalize_field (&record->actor);
	normalize_field (&record->ca);
	normalize_field (&record->target);
	normalize_field (&record->details);
	if (!seal_check_rotation (self, record, error))
		return FALSE;
	record->seq = self->head_seq + 1;
	g_free (record->key_id);
	record->key_id = g_strdup (key_id);
	g_free (record->prev_mac);
	record->prev_mac = g_strdup (self->head_mac);
	canonical = pkinext_audit_record_canonical (record, &len);
	g_free (record->mac);
	record->mac = pkinext_audit_keyring_mac (self->keyring, key_id, canonical, len, error);
	if (record->mac == NULL) {
		g_prefix_error (error, "sealing audit record %" G_GINT64_FORMAT ": ", record->seq);
		return FALSE;
	}
	chain_advance (self, record);
	return TRUE;
}

/**
 * pkinext_audit_chain_append:
 * @self: a chain
 * @event: what happened
 * @actor: (nullable): who did it
 * @ca: (nullable): the CA concerned
 * @target: (nullable): the object concerned
 * @details: (nullable): free text
 * @error: return location
 *
 * Creates and seals a record stamped with the current time.
 *
 * Returns: (transfer full): the sealed record, or %NULL on error
 */
PkinextAuditRecord *
pkinext_audit_chain_append (PkinextAuditChain *self,
			    const gchar *event,
			    const gchar *actor,
			    const gchar *ca,
			    const gchar *target,
			    const gchar *details,
			    GError **error)
{
	g_autoptr(PkinextAuditRecord) record = NULL;

	record = pkinext_audit_record_new (event, actor, ca, target, details);
	if (!pkinext_audit_chain_seal (self, record, error))
		return NULL;
	return g_steal_pointer (&record);
}

/**
 * pkinext_audit_chain_rotate:
 * @self: a chain
 * @new_key_id: the key of the new epoch (must be in the keyring)
 * @actor: (nullable): who rotates
 * @error: return location
 *
 * Seals an "audit.key-rotated" record with the current epoch's key; it names
 * @new_key_id, which seals every record after it.
 *
 * Returns: (transfer full): the rotation record, or %NULL on error
 */
PkinextAuditRecord *
pkinext_audit_chain_rotate (PkinextAuditChain *self,
			    const gchar *new_key_id,
			    const gchar *actor,
			    GError **error)
{
	g_autofree gchar *details = NULL;
	const gchar *old = self->key_id;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	if (old == NULL)
		old = pkinext_audit_keyring_get_current_id (self->keyring);
	if (old == NULL || !is_key_id (new_key_id) || g_strcmp0 (old, new_key_id) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "cannot rotate the audit key from %s to %s",
			     old != NULL ? old : "(none)",
			     new_key_id != NULL ? new_key_id : "(none)");
		return NULL;
	}
	details = g_strdup_printf ("{\"from\":\"%s\",\"to\":\"%s\"}", old, new_key_id);
	return pkinext_audit_chain_append (self, PKINEXT_AUDIT_EVENT_KEY_ROTATED, actor, NULL,
					   new_key_id, details, error);
}

/* records a break and sets @error (PKINEXT_ERROR_AUDIT_BROKEN unless @code says else) */
static gboolean
chain_break (PkinextAuditChain *self,
	     GError **error,
	     gint code,
	     gint64 seq,
	     const gchar *field,
	     const gchar *expected,
	     const gchar *stored,
	     const gchar *why)
{
	self->broken_seq = seq;
	g_free (self->broken_field);
	self->broken_field = g_strdup (field);
	g_free (self->broken_expected);
	self->broken_expected = g_strdup (expected);
	g_free (self->broken_stored);
	self->broken_stored = g_strdup (stored);
	g_set_error (error, PKINEXT_ERROR, code,
		     "audit chain broken at record %" G_GINT64_FORMAT
		     ": %s: expected %s, stored %s (%s)",
		     seq, field, expected, stored, why);
	return FALSE;
}

static gboolean
verify_seq (PkinextAuditChain *self, const PkinextAuditRecord *record, GError **error)
{
	gint64 expected = self->head_seq + 1;
	g_autofree gchar *exp_str = NULL;
	g_autofree gchar *got_str = NULL;

	if (record->seq == expected)
		return TRUE;
	exp_str = g_strdup_printf ("%" G_GINT64_FORMAT, expected);
	got_str = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);
	return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, expected, "seq", exp_str,
			    got_str,
			    record->seq > expected ? "records are missing: deleted?"
						   : "records out of order or duplicated");
}

static gboolean
verify_key (PkinextAuditChain *self, const PkinextAuditRecord *record, GError **error)
{
	const gchar *stored = record->key_id != NULL ? record->key_id : "";

	if (self->key_id != NULL && strcmp (self->key_id, stored) != 0) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, record->seq, "key_id",
				    self->key_id, stored,
				    "the key changed without a key-rotation record");
	}
	if (!pkinext_audit_keyring_has_key (self->keyring, stored)) {
		return chain_break (self, error, PKINEXT_ERROR_NOT_FOUND, record->seq, "key_id",
				    "a key of the keyring", stored,
				    "the keyring lacks this epoch's key: cannot verify");
	}
	return TRUE;
}

static gboolean
verify_fields (PkinextAuditChain *self, const PkinextAuditRecord *record, GError **error)
{
	const gchar *prev = record->prev_mac != NULL ? record->prev_mac : "";
	g_autoptr(GError) ts_error = NULL;

	if (strcmp (prev, self->head_mac) != 0) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, record->seq,
				    "prev_mac", self->head_mac, prev,
				    "the link to the previous record is wrong: reordered, inserted "
				    "or the previous record was deleted");
	}
	if (!pkinext_audit_timestamp_check (record->timestamp, &ts_error)) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, record->seq,
				    "timestamp", "YYYY-MM-DDTHH:MM:SS.ffffffZ",
				    record->timestamp != NULL ? record->timestamp : "(null)",
				    ts_error->message);
	}
	if (g_strcmp0 (record->event, PKINEXT_AUDIT_EVENT_KEY_ROTATED) == 0 &&
	    !is_key_id (record->target)) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, record->seq, "target",
				    "a key id", record->target != NULL ? record->target : "(null)",
				    "a key-rotation record must name the new key");
	}
	return TRUE;
}

static gboolean
mac_equal (const gchar *a, const gchar *b)
{
	gsize la = strlen (a);
	guint8 diff = 0;

	if (la != strlen (b))
		return FALSE;
	for (gsize i = 0; i < la; i++)
		diff |= (guint8)(a[i] ^ b[i]);
	return diff == 0;
}

static gboolean
verify_mac (PkinextAuditChain *self, const PkinextAuditRecord *record, GError **error)
{
	const gchar *stored = record->mac != NULL ? record->mac : "";
	g_autofree gchar *canonical = NULL;
	g_autofree gchar *mac = NULL;
	g_autofree gchar *hint = NULL;
	gsize len = 0;

	canonical = pkinext_audit_record_canonical (record, &len);
	mac = pkinext_audit_keyring_mac (self->keyring, record->key_id, canonical, len, error);
	if (mac == NULL)
		return FALSE;
	if (mac_equal (mac, stored))
		return TRUE;
	/* only a prefix of the right MAC: a verifier must not become a MAC oracle */
	hint = g_strdup_printf ("%.*s...", AUDIT_MAC_HINT_LEN, mac);
	return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, record->seq, "mac", hint,
			    stored,
			    "the record's content does not match its MAC: altered or forged");
}

/**
 * pkinext_audit_chain_verify_next:
 * @self: a chain
 * @record: the next stored record
 * @error: return location
 *
 * Checks @record against the head (sequence number, key epoch, link to the previous
 * record, timestamp form, MAC) and advances. On the first failure the chain remembers
 * where it broke (see pkinext_audit_chain_get_broken_seq()) and refuses further records.
 * Errors: PKINEXT_ERROR_AUDIT_BROKEN, or PKINEXT_ERROR_NOT_FOUND when the keyring lacks
 * the key of the record's epoch.
 *
 * Returns: %TRUE if @record continues the chain
 */
gboolean
pkinext_audit_chain_verify_next (PkinextAuditChain *self,
				 const PkinextAuditRecord *record,
				 GError **error)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), FALSE);
	if (self->broken_seq != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_AUDIT_BROKEN,
			     "audit chain already broken at record %" G_GINT64_FORMAT,
			     self->broken_seq);
		return FALSE;
	}
	if (!verify_seq (self, record, error) || !verify_key (self, record, error) ||
	    !verify_fields (self, record, error) || !verify_mac (self, record, error))
		return FALSE;
	chain_advance (self, record);
	return TRUE;
}

/**
 * pkinext_audit_chain_verify_records:
 * @self: a chain
 * @records: (element-type PkinextAuditRecord): records in sequence order
 * @error: return location
 *
 * Runs pkinext_audit_chain_verify_next() over @records.
 *
 * Returns: %TRUE if every record verifies
 */
gboolean
pkinext_audit_chain_verify_records (PkinextAuditChain *self, GPtrArray *records, GError **error)
{
	for (guint i = 0; i < records->len; i++) {
		if (!pkinext_audit_chain_verify_next (self, g_ptr_array_index (records, i), error))
			return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_audit_chain_verify_end:
 * @self: a chain that verified every stored record
 * @seq: the last sequence number according to an independent anchor
 * @mac: the last MAC according to that anchor
 * @error: return location
 *
 * Detects truncation: a chain whose last records were deleted still verifies, so
 * compare its end with a head kept elsewhere (the store's head row, a copy sent off-host).
 *
 * Returns: %TRUE if the verified chain ends at (@seq, @mac)
 */
gboolean
pkinext_audit_chain_verify_end (PkinextAuditChain *self,
				gint64 seq,
				const gchar *mac,
				GError **error)
{
	g_autofree gchar *exp_str = NULL;
	g_autofree gchar *got_str = NULL;

	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), FALSE);
	if (self->broken_seq != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_AUDIT_BROKEN,
			     "audit chain already broken at record %" G_GINT64_FORMAT,
			     self->broken_seq);
		return FALSE;
	}
	exp_str = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
	got_str = g_strdup_printf ("%" G_GINT64_FORMAT, self->head_seq);
	if (self->head_seq < seq) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, self->head_seq + 1,
				    "seq", exp_str, got_str,
				    "the log ends before its recorded head: records were removed");
	}
	if (self->head_seq > seq) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, seq + 1, "seq",
				    exp_str, got_str, "the log continues past its recorded head");
	}
	if (g_strcmp0 (self->head_mac, mac) != 0) {
		return chain_break (self, error, PKINEXT_ERROR_AUDIT_BROKEN, seq, "mac",
				    mac != NULL ? mac : "(null)", self->head_mac,
				    "the last record differs from the recorded head");
	}
	return TRUE;
}

/**
 * pkinext_audit_chain_get_broken_seq:
 * @self: a chain
 *
 * Returns: the sequence number at which verification failed (the chain is intact up
 * to the record before it), 0 if no verification failed
 */
gint64
pkinext_audit_chain_get_broken_seq (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), 0);
	return self->broken_seq;
}

/**
 * pkinext_audit_chain_get_broken_field:
 * @self: a chain
 *
 * Returns: (nullable): the check that failed: "seq", "key_id", "prev_mac", "timestamp",
 * "target" or "mac"
 */
const gchar *
pkinext_audit_chain_get_broken_field (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	return self->broken_field;
}

/**
 * pkinext_audit_chain_get_broken_expected:
 * @self: a chain
 *
 * Returns: (nullable): what the failed check expected (for "mac" only a prefix of the
 * right MAC followed by "...")
 */
const gchar *
pkinext_audit_chain_get_broken_expected (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	return self->broken_expected;
}

/**
 * pkinext_audit_chain_get_broken_stored:
 * @self: a chain
 *
 * Returns: (nullable): the value the failed check found in the record
 */
const gchar *
pkinext_audit_chain_get_broken_stored (PkinextAuditChain *self)
{
	g_return_val_if_fail (PKINEXT_IS_AUDIT_CHAIN (self), NULL);
	return self->broken_stored;
}
