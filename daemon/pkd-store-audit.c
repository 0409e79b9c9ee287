/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The audit log in the database. Every write transaction that records an event reads
 * the chain head (row audit_head, locked on PostgreSQL so several daemons sharing one
 * database extend a single chain), seals the records with PkinextAuditChain, inserts
 * them, and writes the new head before commit. Every field is stored as TEXT exactly as
 * it was MACed (the timestamp too), so a round trip through the database cannot change
 * what verification recomputes.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define AUDIT_VERIFY_PAGE 1000
#define AUDIT_INSERT_CHUNK 32
#define AUDIT_ACTOR_SYSTEM "pkinextd"

static const GType audit_cols[] = {G_TYPE_INT64,  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
				   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
				   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE};
#define AUDIT_COLUMNS "seq, ts, key_id, event, actor, ca, target, details, prev_mac, mac"

static gboolean
txn_audit_load (PkdStoreTxn *txn, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE};
	g_autoptr(GdaDataModel) model = NULL;
	g_autoptr(PkinextAuditChain) chain = NULL;
	g_autofree gchar *mac = NULL;
	g_autofree gchar *key_id = NULL;

	if (txn->audit != NULL)
		return TRUE;
	g_return_val_if_fail (txn->write, FALSE);
	model = pkd_db_select (txn->db,
			       "SELECT seq, mac, key_id FROM audit_head WHERE id = 1{LOCK}", types,
			       error, NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) != 1) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_AUDIT_BROKEN,
				     "the audit head row is missing");
		return FALSE;
	}
	mac = pkd_db_get_string (model, 1, 0);
	key_id = pkd_db_get_string (model, 2, 0);
	chain = pkinext_audit_chain_new (pkd_store_get_keyring (txn->store));
	if (!pkinext_audit_chain_set_head (chain, pkd_db_get_int (model, 0, 0), mac, key_id,
					   error)) {
		g_prefix_error (error, "reading the audit head: ");
		return FALSE;
	}
	txn->audit = g_steal_pointer (&chain);
	return TRUE;
}

/* the records sealed in this transaction go in with as few statements as possible: on
 * PostgreSQL each statement is a round trip, and a group commit seals many records */
static gboolean
audit_insert_chunk (PkdStoreTxn *txn, guint from, guint n, GError **error)
{
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	g_autoptr(GString) sql = g_string_new ("INSERT INTO audit_log (" AUDIT_COLUMNS ") VALUES ");

	for (guint i = 0; i < n; i++) {
		const PkinextAuditRecord *r = g_ptr_array_index (txn->audit_pending, from + i);
		g_autofree gchar *seq = g_strdup_printf ("seq%u", i);
		g_autofree gchar *ts = g_strdup_printf ("ts%u", i);
		g_autofree gchar *key = g_strdup_printf ("key%u", i);
		g_autofree gchar *event = g_strdup_printf ("event%u", i);
		g_autofree gchar *actor = g_strdup_printf ("actor%u", i);
		g_autofree gchar *ca = g_strdup_printf ("ca%u", i);
		g_autofree gchar *target = g_strdup_printf ("target%u", i);
		g_autofree gchar *details = g_strdup_printf ("details%u", i);
		g_autofree gchar *prev = g_strdup_printf ("prev%u", i);
		g_autofree gchar *mac = g_strdup_printf ("mac%u", i);

		g_string_append_printf (sql,
					"%s(##%s::gint64, ##%s::string, ##%s::string, ##%s::string, "
					"##%s::string, ##%s::string, ##%s::string, ##%s::string, "
					"##%s::string, ##%s::string)",
					i > 0 ? ", " : "", seq, ts, key, event, actor, ca, target,
					details, prev, mac);
		pkd_db_params_add_int (params, seq, r->seq);
		pkd_db_params_add_string (params, ts, r->timestamp);
		pkd_db_params_add_string (params, key, r->key_id);
		pkd_db_params_add_string (params, event, r->event);
		pkd_db_params_add_string (params, actor, r->actor);
		pkd_db_params_add_string (params, ca, r->ca);
		pkd_db_params_add_string (params, target, r->target);
		pkd_db_params_add_string (params, details, r->details);
		pkd_db_params_add_string (params, prev, r->prev_mac);
		pkd_db_params_add_string (params, mac, r->mac);
	}
	return pkd_db_execute_with (txn->db, sql->str, params, NULL, error);
}

static gboolean
audit_insert_pending (PkdStoreTxn *txn, GError **error)
{
	guint len = txn->audit_pending != NULL ? txn->audit_pending->len : 0;

	/* at most AUDIT_INSERT_CHUNK distinct statements get prepared and cached */
	for (guint from = 0; from < len;) {
		guint n = MIN (len - from, AUDIT_INSERT_CHUNK);
		if (!audit_insert_chunk (txn, from, n, error))
			return FALSE;
		from += n;
	}
	return TRUE;
}

static void
audit_queue (PkdStoreTxn *txn, const PkinextAuditRecord *record)
{
	if (txn->audit_pending == NULL)
		txn->audit_pending =
			g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_audit_record_free);
	g_ptr_array_add (txn->audit_pending, pkinext_audit_record_copy (record));
	txn->audit_dirty = TRUE;
}

/**
 * pkd_store_txn_audit_record:
 * @txn: a write transaction
 * @record: an unsealed record (a caller-set timestamp is kept); sealed on return
 * @error: return location
 *
 * Seals @record onto the chain; it is inserted in the current transaction, with the
 * other records of the transaction, by pkd_store_txn_audit_finish().
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_store_txn_audit_record (PkdStoreTxn *txn, PkinextAuditRecord *record, GError **error)
{
	if (!txn_audit_load (txn, error))
		return FALSE;
	if (!pkinext_audit_chain_seal (txn->audit, record, error)) {
		g_prefix_error (error, "recording audit event %s: ", record->event);
		return FALSE;
	}
	audit_queue (txn, record);
	return TRUE;
}

gboolean
pkd_store_txn_audit (PkdStoreTxn *txn,
		     const gchar *event,
		     const gchar *actor,
		     const gchar *ca,
		     const gchar *target,
		     const gchar *details,
		     GError **error)
{
	g_autoptr(PkinextAuditRecord) record = NULL;

	record = pkinext_audit_record_new (
		event, actor != NULL && actor[0] != '\0' ? actor : AUDIT_ACTOR_SYSTEM, ca, target,
		details);
	return pkd_store_txn_audit_record (txn, record, error);
}

/* inserts the records sealed in the transaction and writes the new head, before commit */
gboolean
pkd_store_txn_audit_finish (PkdStoreTxn *txn, GError **error)
{
	if (!txn->audit_dirty)
		return TRUE;
	if (!audit_insert_pending (txn, error)) {
		g_prefix_error (error, "recording audit events: ");
		return FALSE;
	}
	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE audit_head SET seq = ##seq::gint64, mac = ##mac::string, "
		    "key_id = ##key_id::string::null WHERE id = 1",
		    NULL, error, PKD_DB_INT ("seq", pkinext_audit_chain_get_head_seq (txn->audit)),
		    PKD_DB_STR ("mac", pkinext_audit_chain_get_head_mac (txn->audit)),
		    PKD_DB_STR ("key_id", pkinext_audit_chain_get_key_id (txn->audit)), NULL)) {
		g_prefix_error (error, "updating the audit head: ");
		return FALSE;
	}
	return TRUE;
}

void
pkd_store_txn_audit_reset (PkdStoreTxn *txn)
{
	g_clear_object (&txn->audit);
	g_clear_pointer (&txn->audit_pending, g_ptr_array_unref);
	txn->audit_dirty = FALSE;
}

/**
 * pkd_store_audit_ensure_epoch:
 * @txn: a write transaction
 * @error: return location
 *
 * Makes the chain continue with the keyring's current key: when the head was sealed
 * under another key (the configured key changed), appends an "audit.key-rotated" record
 * MACed with that old key, which must still be in the keyring.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_store_audit_ensure_epoch (PkdStoreTxn *txn, GError **error)
{
	PkinextAuditKeyring *keyring = pkd_store_get_keyring (txn->store);
	const gchar *current = pkinext_audit_keyring_get_current_id (keyring);
	const gchar *head_key;
	g_autoptr(PkinextAuditRecord) record = NULL;

	if (!txn_audit_load (txn, error))
		return FALSE;
	head_key = pkinext_audit_chain_get_key_id (txn->audit);
	if (head_key == NULL || g_strcmp0 (head_key, current) == 0)
		return TRUE;
	if (!pkinext_audit_keyring_has_key (keyring, head_key)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "the audit log continues with key %s, which is not in the keyring: "
			     "configure it as an old audit key so the log can rotate to key %s",
			     head_key, current);
		return FALSE;
	}
	record = pkinext_audit_chain_rotate (txn->audit, current, AUDIT_ACTOR_SYSTEM, error);
	if (record == NULL)
		return FALSE;
	audit_queue (txn, record);
	g_message ("audit log: key epoch %s starts at record %" G_GINT64_FORMAT, current,
		   record->seq + 1);
	return TRUE;
}

static PkinextAuditRecord *
record_from_row (GdaDataModel *model, gint row)
{
	PkinextAuditRecord *r = g_new0 (PkinextAuditRecord, 1);

	r->seq = pkd_db_get_int (model, 0, row);
	r->timestamp = pkd_db_get_string (model, 1, row);
	r->key_id = pkd_db_get_string (model, 2, row);
	r->event = pkd_db_get_string (model, 3, row);
	r->actor = pkd_db_get_string (model, 4, row);
	r->ca = pkd_db_get_string (model, 5, row);
	r->target = pkd_db_get_string (model, 6, row);
	r->details = pkd_db_get_string (model, 7, row);
	r->prev_mac = pkd_db_get_string (model, 8, row);
	r->mac = pkd_db_get_string (model, 9, row);
	return r;
}

static GPtrArray *
audit_page (PkdDb *db, gint64 after_seq, guint limit, GError **error)
{
	g_autofree gchar *sql = NULL;
	g_autoptr(GdaDataModel) model = NULL;
	GPtrArray *records;
	gint n;

	/* the limit is a clamped integer: safe to write into the SQL */
	sql = g_strdup_printf ("SELECT " AUDIT_COLUMNS
			       " FROM audit_log WHERE seq > ##after::gint64 "
			       "ORDER BY seq LIMIT %u",
			       limit);
	model = pkd_db_select (db, sql, audit_cols, error, PKD_DB_INT ("after", after_seq), NULL);
	if (model == NULL)
		return NULL;
	n = gda_data_model_get_n_rows (model);
	records = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkinext_audit_record_free);
	for (gint i = 0; i < n; i++)
		g_ptr_array_add (records, record_from_row (model, i));
	return records;
}

/* append */

static gboolean
append_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	g_autoptr(PkinextAuditRecord) record = pkinext_audit_record_copy (data);

	if (!pkd_store_check_text ("audit event", record->event, error))
		return FALSE;
	if (record->actor == NULL || record->actor[0] == '\0') {
		g_free (record->actor);
		record->actor = g_strdup (AUDIT_ACTOR_SYSTEM);
	}
	if (!pkd_store_txn_audit_record (txn, record, error))
		return FALSE;
	result->ptr = g_steal_pointer (&record);
	return TRUE;
}

static const PkdStoreOpClass append_op = {
	.what = "appending an audit event",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = append_func,
	.result_free = (GDestroyNotify)pkinext_audit_record_free,
};

/**
 * pkd_store_append_audit_async:
 * @self: a store
 * @event: event, actor, ca, target and details of the record (seq, MACs and key are
 *   set by the store; a well-formed timestamp is kept, else the current time is used)
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Appends an event that is not part of another store operation (daemon start, a
 * configuration change, a refused request...).
 */
void
pkd_store_append_audit_async (PkdStore *self,
			      const PkinextAuditRecord *event,
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data)
{
	pkd_store_submit (self, &append_op, pkinext_audit_record_copy (event),
			  (GDestroyNotify)pkinext_audit_record_free, pkd_store_append_audit_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_append_audit_finish:
 *
 * Returns: (transfer full): the sealed record as stored
 */
PkinextAuditRecord *
pkd_store_append_audit_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_append_audit_async, error);
}

/* list */

typedef struct {
	gint64 after_seq;
	guint limit;
} ListData;

static gboolean
list_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	ListData *d = data;

	result->ptr = audit_page (txn->db, d->after_seq, d->limit, error);
	return result->ptr != NULL;
}

static const PkdStoreOpClass list_op = {
	.what = "listing the audit log",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = list_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

/**
 * pkd_store_list_audit_async:
 * @self: a store
 * @after_seq: return records with a larger sequence number (0: from the start)
 * @limit: most records to return (0: 100, at most 10000)
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_list_audit_async (PkdStore *self,
			    gint64 after_seq,
			    guint limit,
			    GCancellable *cancellable,
			    GAsyncReadyCallback callback,
			    gpointer user_data)
{
	ListData *d = g_new0 (ListData, 1);

	d->after_seq = after_seq;
	d->limit = pkd_store_clamp_limit (limit);
	pkd_store_submit (self, &list_op, d, g_free, pkd_store_list_audit_async, cancellable,
			  callback, user_data);
}

/**
 * pkd_store_list_audit_finish:
 *
 * Returns: (transfer full) (element-type PkinextAuditRecord): records in order
 */
GPtrArray *
pkd_store_list_audit_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_list_audit_async, error);
}

/* verify */

static void
report_break (PkdAuditReport *report, PkinextAuditChain *chain, const GError *error)
{
	report->intact = FALSE;
	report->broken_seq = pkinext_audit_chain_get_broken_seq (chain);
	report->broken_field = g_strdup (pkinext_audit_chain_get_broken_field (chain));
	report->expected = g_strdup (pkinext_audit_chain_get_broken_expected (chain));
	report->stored = g_strdup (pkinext_audit_chain_get_broken_stored (chain));
	report->message = g_strdup (error->message);
	report->key_missing = g_error_matches (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
}

/* walks the whole log through @chain; FALSE only when the database failed */
static gboolean
verify_walk (PkdDb *db, PkinextAuditChain *chain, PkdAuditReport *report, GError **error)
{
	gint64 after = 0;

	for (;;) {
		g_autoptr(GPtrArray) page = audit_page (db, after, AUDIT_VERIFY_PAGE, error);
		if (page == NULL)
			return FALSE;
		for (guint i = 0; i < page->len; i++) {
			g_autoptr(GError) broken = NULL;
			const PkinextAuditRecord *r = g_ptr_array_index (page, i);
			if (!pkinext_audit_chain_verify_next (chain, r, &broken)) {
				report_break (report, chain, broken);
				return TRUE;
			}
			report->n_records++;
			after = r->seq;
		}
		if (page->len < AUDIT_VERIFY_PAGE)
			return TRUE;
	}
}

static gboolean
verify_in_snapshot (PkdStoreTxn *txn, PkdAuditReport *report, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE};
	g_autoptr(PkinextAuditChain) chain = NULL;
	g_autoptr(GdaDataModel) head = NULL;
	g_autoptr(GError) broken = NULL;

	head = pkd_db_select (txn->db, "SELECT seq, mac FROM audit_head WHERE id = 1", types, error,
			      NULL);
	if (head == NULL)
		return FALSE;
	chain = pkinext_audit_chain_new (pkd_store_get_keyring (txn->store));
	report->intact = TRUE;
	if (!verify_walk (txn->db, chain, report, error))
		return FALSE;
	if (!report->intact)
		return TRUE;
	if (gda_data_model_get_n_rows (head) != 1) {
		report->intact = FALSE;
		report->message = g_strdup ("the audit head row is missing");
		return TRUE;
	}
	/* a log whose last records were deleted still chains: compare with the head row */
	{
		g_autofree gchar *mac = pkd_db_get_string (head, 1, 0);
		if (!pkinext_audit_chain_verify_end (chain, pkd_db_get_int (head, 0, 0), mac,
						     &broken)) {
			report_break (report, chain, broken);
			return TRUE;
		}
	}
	report->head_seq = pkinext_audit_chain_get_head_seq (chain);
	report->head_mac = g_strdup (pkinext_audit_chain_get_head_mac (chain));
	return TRUE;
}

static gboolean
verify_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	g_autoptr(PkdAuditReport) report = g_new0 (PkdAuditReport, 1);
	gboolean ok;

	/* one snapshot: the head and every record as of one instant */
	if (!pkd_db_begin_read (txn->db, error))
		return FALSE;
	ok = verify_in_snapshot (txn, report, error);
	pkd_db_rollback (txn->db);
	if (!ok)
		return FALSE;
	result->ptr = g_steal_pointer (&report);
	return TRUE;
}

static const PkdStoreOpClass verify_op = {
	.what = "verifying the audit log",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = verify_func,
	.result_free = (GDestroyNotify)pkd_audit_report_free,
};

/**
 * pkd_store_verify_audit_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Walks the whole chain with the store's keyring (all epochs' keys) and compares its
 * end with the head row.
 */
void
pkd_store_verify_audit_async (PkdStore *self,
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data)
{
	pkd_store_submit (self, &verify_op, NULL, NULL, pkd_store_verify_audit_async, cancellable,
			  callback, user_data);
}

/**
 * pkd_store_verify_audit_finish:
 *
 * Returns: (transfer full): the report (a broken chain is a report with @intact
 * %FALSE, not an error; errors mean the database could not be read)
 */
PkdAuditReport *
pkd_store_verify_audit_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_verify_audit_async, error);
}
