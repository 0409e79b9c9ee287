/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The store's internal machinery, shared by the per-concern files: operations queued to
 * the worker thread, the transaction context they run in, and the audit helpers that
 * write an event inside that transaction.
 */
#pragma once

#include "pkd-db.h"
#include "pkd-store.h"

G_BEGIN_DECLS

typedef enum {
	PKD_STORE_OP_READ,  /* runs after the pending group commit, outside any transaction */
	PKD_STORE_OP_WRITE, /* runs inside the group transaction */
} PkdStoreOpKind;

typedef enum {
	PKD_STORE_RESULT_BOOLEAN,
	PKD_STORE_RESULT_INT,
	PKD_STORE_RESULT_POINTER,
} PkdStoreResultKind;

/* the transaction an operation runs in (worker thread only) */
typedef struct {
	PkdStore *store;
	PkdDb *db;
	PkinextAuditChain *audit;   /* NULL until the first audit event of the transaction */
	GPtrArray *audit_pending;   /* sealed records, inserted at the end of the transaction */
	gboolean audit_dirty;
	gboolean write;
} PkdStoreTxn;

typedef struct {
	gpointer ptr; /* freed with the op class's result_free if the result is not delivered */
	gint64 num;
} PkdStoreResult;

/* runs on the worker thread; must be replayable (a failed group is replayed op by op) */
typedef gboolean (*PkdStoreOpFunc) (PkdStoreTxn *txn,
				    gpointer data,
				    PkdStoreResult *result,
				    GError **error);

typedef struct {
	const gchar *what; /* prefixed to errors: "inserting certificate" */
	PkdStoreOpKind kind;
	PkdStoreResultKind result_kind;
	PkdStoreOpFunc func;
	GDestroyNotify result_free;
} PkdStoreOpClass;

void pkd_store_submit (PkdStore *self,
		       const PkdStoreOpClass *klass,
		       gpointer data,
		       GDestroyNotify data_free,
		       gpointer source_tag,
		       GCancellable *cancellable,
		       GAsyncReadyCallback callback,
		       gpointer user_data);
gpointer pkd_store_finish_pointer (PkdStore *self,
				   GAsyncResult *result,
				   gpointer source_tag,
				   GError **error);
gint64
pkd_store_finish_int (PkdStore *self, GAsyncResult *result, gpointer source_tag, GError **error);
gboolean pkd_store_finish_boolean (PkdStore *self,
				   GAsyncResult *result,
				   gpointer source_tag,
				   GError **error);

PkinextAuditKeyring *pkd_store_get_keyring (PkdStore *self);
guint pkd_store_get_target_version (PkdStore *self);

/* audit (pkd-store-audit.c) */
gboolean pkd_store_txn_audit (PkdStoreTxn *txn,
			      const gchar *event,
			      const gchar *actor,
			      const gchar *ca,
			      const gchar *target,
			      const gchar *details,
			      GError **error);
gboolean pkd_store_txn_audit_record (PkdStoreTxn *txn, PkinextAuditRecord *record, GError **error);
gboolean pkd_store_txn_audit_finish (PkdStoreTxn *txn, GError **error);
void pkd_store_txn_audit_reset (PkdStoreTxn *txn);
gboolean pkd_store_audit_ensure_epoch (PkdStoreTxn *txn, GError **error);

/* schema (pkd-store-schema.c) */
gboolean pkd_store_schema_get_version (PkdDb *db, guint *version, GError **error);
gboolean pkd_store_schema_migrate (PkdStore *self, PkdDb *db, guint target, GError **error);

/* certificates (pkd-store-certificates.c) */
gboolean pkd_store_cert_fetch (PkdStoreTxn *txn,
			       const gchar *ca,
			       const gchar *serial,
			       gboolean with_der,
			       PkdCertRecord **out,
			       GError **error);

/* requests (pkd-store-requests.c) */
gboolean pkd_store_request_insert (PkdStoreTxn *txn,
				   const PkdRequestRecord *request,
				   PkdRequestState state,
				   const gchar *serial,
				   gint64 *id,
				   GError **error);

/* small helpers (pkd-store-util.c) */
gint64 pkd_store_now (void);
gchar *pkd_store_json (const gchar *first_key, ...) G_GNUC_NULL_TERMINATED;
gboolean pkd_store_check_text (const gchar *what, const gchar *value, GError **error);
gboolean pkd_store_check_serial (const gchar *serial, GError **error);
gchar *pkd_store_normalize_serial (const gchar *serial);
guint pkd_store_clamp_limit (guint limit);

G_END_DECLS
