/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The store object: construction, the worker thread and its queue, group commit.
 * The operations themselves live in pkd-store-<concern>.c.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include <gnutls/gnutls.h>
#include <string.h>

#include "pkd-store-private.h"
#include "pkinext-error.h"

/* upper bound of one group transaction: keeps commit latency bounded under load */
#define STORE_MAX_GROUP 1024

typedef enum {
	STORE_NEW,
	STORE_RUNNING,
	STORE_CLOSED,
} StoreState;

typedef struct {
	const PkdStoreOpClass *klass; /* NULL: the quit sentinel */
	gpointer data;
	GDestroyNotify data_free;
	GTask *task;
	PkdStoreResult result;
	GError *error;
} StoreOp;

struct _PkdStore {
	GObject parent_instance;
	PkdDbDialect dialect;
	gchar *cnc_string;
	gchar *auth_string; /* may hold a password: wiped */
	PkinextAuditKeyring *keyring;
	guint target_version;

	GMutex lock; /* state + queue pushes */
	StoreState state;
	GAsyncQueue *queue; /* StoreOp */
	GThread *worker;
	GTask *open_task;
	PkdStoreOpenFlags open_flags;
	guint schema_version;

	PkdDb *db; /* worker thread only */

	GMutex stats_lock;
	PkdStoreStats stats;
};

G_DEFINE_TYPE (PkdStore, pkd_store, G_TYPE_OBJECT)

static void
store_op_clear_result (StoreOp *op)
{
	if (op->result.ptr != NULL && op->klass->result_free != NULL)
		op->klass->result_free (op->result.ptr);
	op->result.ptr = NULL;
	op->result.num = 0;
}

static void
store_op_free (StoreOp *op)
{
	if (op->klass != NULL)
		store_op_clear_result (op);
	if (op->data_free != NULL)
		op->data_free (op->data);
	g_clear_object (&op->task);
	g_clear_error (&op->error);
	g_free (op);
}

/* delivers the op's result or error to its caller and frees the op */
static void
store_op_complete (StoreOp *op)
{
	if (op->error != NULL) {
		g_prefix_error (&op->error, "%s: ", op->klass->what);
		g_task_return_error (op->task, g_steal_pointer (&op->error));
	} else if (op->klass->result_kind == PKD_STORE_RESULT_POINTER) {
		g_task_return_pointer (op->task, g_steal_pointer (&op->result.ptr),
				       op->klass->result_free);
	} else if (op->klass->result_kind == PKD_STORE_RESULT_INT) {
		g_task_return_int (op->task, (gssize)op->result.num);
	} else {
		g_task_return_boolean (op->task, TRUE);
	}
	store_op_free (op);
}

static void
store_op_fail (StoreOp *op, const GError *error)
{
	store_op_clear_result (op);
	g_clear_error (&op->error);
	op->error = g_error_copy (error);
	store_op_complete (op);
}

static void
pkd_store_dispose (GObject *object)
{
	pkd_store_close (PKD_STORE (object));
	G_OBJECT_CLASS (pkd_store_parent_class)->dispose (object);
}

static void
pkd_store_finalize (GObject *object)
{
	PkdStore *self = PKD_STORE (object);

	g_free (self->cnc_string);
	if (self->auth_string != NULL) {
		gnutls_memset (self->auth_string, 0, strlen (self->auth_string));
		g_free (self->auth_string);
	}
	g_clear_object (&self->keyring);
	g_async_queue_unref (self->queue);
	g_mutex_clear (&self->lock);
	g_mutex_clear (&self->stats_lock);
	G_OBJECT_CLASS (pkd_store_parent_class)->finalize (object);
}

static void
pkd_store_class_init (PkdStoreClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS (klass);

	object_class->dispose = pkd_store_dispose;
	object_class->finalize = pkd_store_finalize;
}

static void
pkd_store_init (PkdStore *self)
{
	g_mutex_init (&self->lock);
	g_mutex_init (&self->stats_lock);
	self->queue = g_async_queue_new ();
	self->target_version = PKD_STORE_SCHEMA_VERSION;
}

static gboolean
parse_provider (const gchar *provider, PkdDbDialect *dialect, GError **error)
{
	if (g_ascii_strcasecmp (provider, "sqlite") == 0 ||
	    g_ascii_strcasecmp (provider, "sqlite3") == 0) {
		*dialect = PKD_DB_SQLITE;
		return TRUE;
	}
	if (g_ascii_strcasecmp (provider, "postgresql") == 0 ||
	    g_ascii_strcasecmp (provider, "postgres") == 0) {
		*dialect = PKD_DB_POSTGRESQL;
		return TRUE;
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
		     "unknown database provider \"%s\" (use sqlite or postgresql)", provider);
	return FALSE;
}

/* a SQLite file path becomes a libgda connection string naming exactly that file */
static gchar *
sqlite_cnc_string (const gchar *path, GError **error)
{
	g_autofree gchar *dir = NULL;
	g_autofree gchar *base = NULL;
	g_autofree gchar *edir = NULL;
	g_autofree gchar *ebase = NULL;

	if (strstr (path, "DB_NAME=") != NULL)
		return g_strdup (path);
	if (!g_path_is_absolute (path) || g_str_has_suffix (path, "/")) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "SQLite database path \"%s\" must be an absolute file name", path);
		return NULL;
	}
	dir = g_path_get_dirname (path);
	base = g_path_get_basename (path);
	edir = gda_rfc1738_encode (dir);
	ebase = gda_rfc1738_encode (base);
	return g_strdup_printf ("DB_DIR=%s;DB_NAME=%s;APPEND_DB_EXTENSION=FALSE", edir, ebase);
}

/**
 * pkd_store_new:
 * @provider: "sqlite" or "postgresql"
 * @connection: SQLite: the database file's absolute path (or a libgda connection
 *   string with DB_DIR/DB_NAME); PostgreSQL: a libgda connection string such as
 *   "HOST=/run/postgresql;PORT=5432;DB_NAME=pkinext"
 * @auth: (nullable): libgda auth string, e.g. "USERNAME=pkinext;PASSWORD=..." (kept
 *   in memory only, wiped when the store is finalized)
 * @keyring: the audit keys: the current key seals new records, older keys let the
 *   store continue (and rotate away from) a chain sealed with them
 * @error: return location
 *
 * Creates a store; nothing is opened until pkd_store_open_async().
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
PkdStore *
pkd_store_new (const gchar *provider,
	       const gchar *connection,
	       const gchar *auth,
	       PkinextAuditKeyring *keyring,
	       GError **error)
{
	g_autoptr(PkdStore) self = g_object_new (PKD_TYPE_STORE, NULL);

	g_return_val_if_fail (PKINEXT_IS_AUDIT_KEYRING (keyring), NULL);
	if (provider == NULL) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "no database provider given");
		return NULL;
	}
	if (!parse_provider (provider, &self->dialect, error))
		return NULL;
	if (connection == NULL || connection[0] == '\0') {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "no database connection given");
		return NULL;
	}
	if (pkinext_audit_keyring_get_current_id (keyring) == NULL) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "the audit keyring is empty: configure the audit key");
		return NULL;
	}
	if (self->dialect == PKD_DB_SQLITE)
		self->cnc_string = sqlite_cnc_string (connection, error);
	else
		self->cnc_string = g_strdup (connection);
	if (self->cnc_string == NULL)
		return NULL;
	self->auth_string = g_strdup (auth);
	self->keyring = g_object_ref (keyring);
	return g_steal_pointer (&self);
}

const gchar *
pkd_store_get_provider (PkdStore *self)
{
	return pkd_db_dialect_to_string (self->dialect);
}

PkinextAuditKeyring *
pkd_store_get_keyring (PkdStore *self)
{
	return self->keyring;
}

guint
pkd_store_get_target_version (PkdStore *self)
{
	return self->target_version;
}

/**
 * pkd_store_set_target_schema_version:
 * @self: a store, not yet opened
 * @version: schema version to migrate to, at most %PKD_STORE_SCHEMA_VERSION
 *
 * For tests of the migrations: creates or leaves a database at an older schema.
 * The operations of this code expect the current schema.
 */
void
pkd_store_set_target_schema_version (PkdStore *self, guint version)
{
	g_return_if_fail (self->state == STORE_NEW);
	g_return_if_fail (version >= 1 && version <= PKD_STORE_SCHEMA_VERSION);
	self->target_version = version;
}

guint
pkd_store_get_schema_version (PkdStore *self)
{
	return g_atomic_int_get (&self->schema_version);
}

void
pkd_store_get_stats (PkdStore *self, PkdStoreStats *stats)
{
	g_mutex_lock (&self->stats_lock);
	*stats = self->stats;
	g_mutex_unlock (&self->stats_lock);
}

static void
stats_add (PkdStore *self, guint writes, guint reads, guint replays, gboolean committed)
{
	g_mutex_lock (&self->stats_lock);
	self->stats.writes += writes;
	self->stats.reads += reads;
	self->stats.replays += replays;
	if (committed) {
		self->stats.transactions++;
		self->stats.max_group = MAX (self->stats.max_group, writes);
	}
	g_mutex_unlock (&self->stats_lock);
}

/* runs the ops of @ops in one transaction; on failure everything is rolled back, every
 * op's result is cleared and @error says why (the failing op's own error if one failed) */
static gboolean
store_run_group (PkdStore *self, GPtrArray *ops, GError **error)
{
	PkdStoreTxn txn = {.store = self, .db = self->db, .write = TRUE};
	gboolean ok;

	if (!pkd_db_begin (self->db, error))
		return FALSE;
	ok = TRUE;
	for (guint i = 0; ok && i < ops->len; i++) {
		StoreOp *op = g_ptr_array_index (ops, i);
		store_op_clear_result (op);
		ok = op->klass->func (&txn, op->data, &op->result, error);
	}
	if (ok)
		ok = pkd_store_txn_audit_finish (&txn, error);
	if (ok)
		ok = pkd_db_commit (self->db, error);
	if (!ok) {
		pkd_db_rollback (self->db);
		for (guint i = 0; i < ops->len; i++)
			store_op_clear_result (g_ptr_array_index (ops, i));
	}
	pkd_store_txn_audit_reset (&txn);
	return ok;
}

static void
store_run_writes (PkdStore *self, GPtrArray *ops)
{
	g_autoptr(GError) error = NULL;

	if (ops->len == 0)
		return;
	if (store_run_group (self, ops, &error)) {
		stats_add (self, ops->len, 0, 0, TRUE);
		for (guint i = 0; i < ops->len; i++)
			store_op_complete (g_ptr_array_index (ops, i));
		return;
	}
	if (ops->len == 1) {
		store_op_fail (g_ptr_array_index (ops, 0), error);
		return;
	}
	/* one op (or the commit) failed: nothing was written; replay each op alone so
	 * only the faulty one fails */
	g_debug ("group of %u writes failed (%s): replaying one by one", ops->len, error->message);
	for (guint i = 0; i < ops->len; i++) {
		g_autoptr(GPtrArray) one = g_ptr_array_new ();
		g_autoptr(GError) op_error = NULL;
		StoreOp *op = g_ptr_array_index (ops, i);

		g_ptr_array_add (one, op);
		if (store_run_group (self, one, &op_error)) {
			stats_add (self, 1, 0, 1, TRUE);
			store_op_complete (op);
		} else {
			stats_add (self, 0, 0, 1, FALSE);
			store_op_fail (op, op_error);
		}
	}
}

static void
store_run_read (PkdStore *self, StoreOp *op)
{
	PkdStoreTxn txn = {.store = self, .db = self->db, .write = FALSE};

	if (!op->klass->func (&txn, op->data, &op->result, &op->error))
		store_op_clear_result (op);
	stats_add (self, 0, 1, 0, FALSE);
	store_op_complete (op);
}

/* takes the next op and every op queued behind it; returns FALSE on the quit sentinel */
static gboolean
store_collect (PkdStore *self, GPtrArray *writes, GPtrArray *reads)
{
	StoreOp *op = g_async_queue_pop (self->queue);

	while (op != NULL) {
		if (op->klass == NULL) {
			store_op_free (op);
			return FALSE;
		}
		if (g_task_return_error_if_cancelled (op->task))
			store_op_free (op);
		else if (op->klass->kind == PKD_STORE_OP_WRITE)
			g_ptr_array_add (writes, op);
		else
			g_ptr_array_add (reads, op);
		if (writes->len + reads->len >= STORE_MAX_GROUP)
			break;
		op = g_async_queue_try_pop (self->queue);
	}
	return TRUE;
}

static void
store_worker_loop (PkdStore *self)
{
	gboolean running = TRUE;

	while (running) {
		g_autoptr(GPtrArray) writes = g_ptr_array_new ();
		g_autoptr(GPtrArray) reads = g_ptr_array_new ();

		running = store_collect (self, writes, reads);
		/* writes first: their callers are completed only after the commit */
		store_run_writes (self, writes);
		for (guint i = 0; i < reads->len; i++)
			store_run_read (self, g_ptr_array_index (reads, i));
	}
}

static const PkdStoreOpClass store_epoch_op = {
	.what = "starting the audit key epoch",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
};

static gboolean
store_epoch_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	return pkd_store_audit_ensure_epoch (txn, error);
}

static gboolean
store_open_db (PkdStore *self, GError **error)
{
	PkdStoreOpClass epoch = store_epoch_op;
	g_autoptr(GPtrArray) ops = g_ptr_array_new ();
	StoreOp op = {.klass = &epoch};
	guint version = 0;

	epoch.func = store_epoch_func;
	self->db = pkd_db_open (self->dialect, self->cnc_string, self->auth_string, error);
	if (self->db == NULL)
		return FALSE;
	if (!pkd_store_schema_get_version (self->db, &version, error))
		return FALSE;
	if (version > PKD_STORE_SCHEMA_VERSION) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "the database has schema version %u, newer than this pkinextd "
			     "supports (%u): upgrade pkinextd",
			     version, PKD_STORE_SCHEMA_VERSION);
		return FALSE;
	}
	if (version < self->target_version) {
		if (version > 0 && !(self->open_flags & PKD_STORE_OPEN_MIGRATE)) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
				     "the database has schema version %u, this pkinextd needs %u: "
				     "run pkinextd --migrate",
				     version, self->target_version);
			return FALSE;
		}
		if (!pkd_store_schema_migrate (self, self->db, self->target_version, error))
			return FALSE;
		version = self->target_version;
	}
	g_atomic_int_set (&self->schema_version, version);
	/* continue the chain with the keyring's current key (rotating if it changed) */
	g_ptr_array_add (ops, &op);
	return store_run_group (self, ops, error);
}

/* fails every queued op; the caller made sure nothing is pushed any more */
static void
store_fail_queued (PkdStore *self)
{
	StoreOp *op;

	while ((op = g_async_queue_try_pop (self->queue)) != NULL) {
		if (op->klass == NULL) {
			store_op_free (op);
			continue;
		}
		op->error = g_error_new_literal (PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
						 "the store is closed");
		store_op_complete (op);
	}
}

static gpointer
store_worker (gpointer data)
{
	PkdStore *self = data;
	g_autoptr(GError) error = NULL;
	GTask *open_task = g_steal_pointer (&self->open_task);

	if (!store_open_db (self, &error)) {
		g_clear_object (&self->db);
		g_mutex_lock (&self->lock);
		self->state = STORE_CLOSED;
		g_mutex_unlock (&self->lock);
		g_task_return_error (open_task, g_steal_pointer (&error));
		g_object_unref (open_task);
		store_fail_queued (self);
		return NULL;
	}
	g_task_return_boolean (open_task, TRUE);
	g_object_unref (open_task);
	store_worker_loop (self);
	g_clear_object (&self->db);
	return NULL;
}

/**
 * pkd_store_open_async:
 * @self: a new store
 * @flags: %PKD_STORE_OPEN_MIGRATE to upgrade an older schema (an empty database is
 *   always initialized)
 * @cancellable: (nullable): unused; opening is not cancellable
 * @callback: called when the database is open, migrated and the audit epoch checked
 * @user_data: for @callback
 *
 * Starts the worker thread, which connects, creates or migrates the schema and checks
 * that the audit chain continues with the keyring's current key (appending a key-
 * rotation record when the key changed).
 */
void
pkd_store_open_async (PkdStore *self,
		      PkdStoreOpenFlags flags,
		      GCancellable *cancellable,
		      GAsyncReadyCallback callback,
		      gpointer user_data)
{
	g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

	g_task_set_task_data (task, self, NULL);
	g_task_set_source_tag (task, pkd_store_open_async);
	g_mutex_lock (&self->lock);
	if (self->state != STORE_NEW) {
		g_mutex_unlock (&self->lock);
		g_task_return_new_error (task, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
					 "the store was already opened");
		return;
	}
	self->state = STORE_RUNNING;
	self->open_flags = flags;
	self->open_task = g_object_ref (task);
	self->worker = g_thread_new ("pkd-store", store_worker, self);
	g_mutex_unlock (&self->lock);
}

gboolean
pkd_store_open_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_open_async, error);
}

static void
sync_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
	*(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * pkd_store_open:
 * @self: a new store
 * @flags: see pkd_store_open_async()
 * @cancellable: (nullable): unused
 * @error: return location
 *
 * Blocking variant of pkd_store_open_async(), for tools and start-up code.
 *
 * Returns: %TRUE when the store is ready
 */
gboolean
pkd_store_open (PkdStore *self, PkdStoreOpenFlags flags, GCancellable *cancellable, GError **error)
{
	g_autoptr(GMainContext) context = g_main_context_new ();
	g_autoptr(GAsyncResult) result = NULL;
	gboolean ok;

	g_main_context_push_thread_default (context);
	pkd_store_open_async (self, flags, cancellable, sync_done, &result);
	while (result == NULL)
		g_main_context_iteration (context, TRUE);
	ok = pkd_store_open_finish (self, result, error);
	g_main_context_pop_thread_default (context);
	return ok;
}

/**
 * pkd_store_close:
 * @self: a store
 *
 * Lets the worker finish every operation queued so far, then closes the connection.
 * Later operations fail with PKINEXT_ERROR_INVALID_STATE. Called by dispose.
 */
void
pkd_store_close (PkdStore *self)
{
	GThread *worker;

	g_mutex_lock (&self->lock);
	worker = g_steal_pointer (&self->worker);
	self->state = STORE_CLOSED;
	if (worker != NULL)
		g_async_queue_push (self->queue, g_new0 (StoreOp, 1));
	g_mutex_unlock (&self->lock);
	if (worker == NULL)
		return;
	if (worker == g_thread_self ()) {
		/* the last reference was dropped on the worker: it exits by itself */
		g_thread_unref (worker);
		return;
	}
	g_thread_join (worker);
	/* ops the worker never took (it failed to open) */
	store_fail_queued (self);
}

/**
 * pkd_store_submit:
 *
 * Queues an operation for the worker (internal: used by the pkd-store-*.c files).
 * @data is freed with @data_free once the operation completes.
 */
void
pkd_store_submit (PkdStore *self,
		  const PkdStoreOpClass *klass,
		  gpointer data,
		  GDestroyNotify data_free,
		  gpointer source_tag,
		  GCancellable *cancellable,
		  GAsyncReadyCallback callback,
		  gpointer user_data)
{
	StoreOp *op = g_new0 (StoreOp, 1);

	op->klass = klass;
	op->data = data;
	op->data_free = data_free;
	/* no source object: the worker thread must never hold a reference to the store
	 * (dropping the last one there would dispose the store on its own worker); the
	 * store outlives its ops anyway, as dispose joins the worker */
	op->task = g_task_new (NULL, cancellable, callback, user_data);
	g_task_set_task_data (op->task, self, NULL);
	g_task_set_source_tag (op->task, source_tag);
	g_task_set_name (op->task, klass->what);
	g_mutex_lock (&self->lock);
	if (self->state == STORE_RUNNING) {
		g_async_queue_push (self->queue, op);
		op = NULL;
	}
	g_mutex_unlock (&self->lock);
	if (op != NULL) {
		op->error = g_error_new_literal (PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
						 "the store is not open");
		store_op_complete (op);
	}
}

static gboolean
finish_check (PkdStore *self, GAsyncResult *result, gpointer source_tag)
{
	g_return_val_if_fail (PKD_IS_STORE (self), FALSE);
	g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
	g_return_val_if_fail (g_task_get_task_data (G_TASK (result)) == self, FALSE);
	g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
	return TRUE;
}

gpointer
pkd_store_finish_pointer (PkdStore *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
	if (!finish_check (self, result, source_tag))
		return NULL;
	return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
pkd_store_finish_int (PkdStore *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
	GError *local = NULL;
	gssize value;

	if (!finish_check (self, result, source_tag))
		return 0;
	value = g_task_propagate_int (G_TASK (result), &local);
	if (local != NULL) {
		g_propagate_error (error, local);
		return 0;
	}
	return value;
}

gboolean
pkd_store_finish_boolean (PkdStore *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
	if (!finish_check (self, result, source_tag))
		return FALSE;
	return g_task_propagate_boolean (G_TASK (result), error);
}
