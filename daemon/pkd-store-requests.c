/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Certificate requests: submit (pending, or approved by a profile's policy), decide
 * (approve/reject, only from pending), read, search. The move to "issued" happens with
 * the certificate insert (pkd-store-certificates.c).
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define REQUEST_COLUMNS                                                                            \
	"id, ca, profile, requester, metadata, state, decision_reason, decision_agent, serial, "   \
	"created_at, updated_at"

static const GType request_types[] = {
	G_TYPE_INT64,  G_TYPE_STRING,	 G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
	G_TYPE_STRING, G_TYPE_STRING,	 G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64,
	G_TYPE_INT64,  PKD_DB_COL_BYTES, G_TYPE_NONE,
};
#define REQUEST_N_COLUMNS 11

static const GType *
request_column_types (gboolean with_csr)
{
	static const GType without[] = {
		G_TYPE_INT64,  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
		G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
		G_TYPE_STRING, G_TYPE_INT64,  G_TYPE_INT64,  G_TYPE_NONE,
	};

	return with_csr ? request_types : without;
}

static PkdRequestRecord *
request_from_row (GdaDataModel *model, gint row)
{
	PkdRequestRecord *r = pkd_request_record_new ();
	g_autofree gchar *state = pkd_db_get_string (model, 5, row);

	r->id = pkd_db_get_int (model, 0, row);
	r->ca = pkd_db_get_string (model, 1, row);
	r->profile = pkd_db_get_string (model, 2, row);
	r->requester = pkd_db_get_string (model, 3, row);
	r->metadata = pkd_db_get_string (model, 4, row);
	if (!pkd_request_state_from_string (state, &r->state))
		g_warning ("request %" G_GINT64_FORMAT " has unknown state %s", r->id, state);
	r->decision_reason = pkd_db_get_string (model, 6, row);
	r->decision_agent = pkd_db_get_string (model, 7, row);
	r->serial = pkd_db_get_string (model, 8, row);
	r->created_at = pkd_db_get_int (model, 9, row);
	r->updated_at = pkd_db_get_int (model, 10, row);
	if (gda_data_model_get_n_columns (model) > REQUEST_N_COLUMNS)
		r->csr = pkd_db_get_bytes (model, REQUEST_N_COLUMNS, row);
	return r;
}

static gboolean
request_fetch (
	PkdStoreTxn *txn, gint64 id, gboolean with_csr, PkdRequestRecord **out, GError **error)
{
	g_autoptr(GdaDataModel) model = NULL;
	const gchar *sql = with_csr ? "SELECT " REQUEST_COLUMNS
				      ", {HEXOF:csr} FROM requests WHERE id = ##id::gint64"
				    : "SELECT " REQUEST_COLUMNS
				      " FROM requests WHERE id = ##id::gint64";

	model = pkd_db_select (txn->db, sql, request_column_types (with_csr), error,
			       PKD_DB_INT ("id", id), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "request %" G_GINT64_FORMAT " not found", id);
		return FALSE;
	}
	*out = request_from_row (model, 0);
	return TRUE;
}

static gboolean
request_next_id (PkdStoreTxn *txn, gint64 *id, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_NONE};
	g_autoptr(GdaDataModel) model = NULL;
	/* SQLite: the write transaction holds the database lock, MAX + 1 cannot race */
	const gchar *sql = pkd_db_get_dialect (txn->db) == PKD_DB_SQLITE
				   ? "SELECT COALESCE(MAX(id), 0) + 1 FROM requests"
				   : "SELECT nextval('requests_id_seq')";

	model = pkd_db_select (txn->db, sql, types, error, NULL);
	if (model == NULL)
		return FALSE;
	*id = pkd_db_get_int (model, 0, 0);
	return TRUE;
}

/**
 * pkd_store_request_insert:
 * @txn: a write transaction
 * @request: the request (ca, csr, profile, requester, metadata)
 * @state: its initial state
 * @serial: (nullable): the certificate issued for it (state issued)
 * @id: (out): the new request id
 * @error: return location
 *
 * Inserts a request and its "request.submitted" audit event.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_store_request_insert (PkdStoreTxn *txn,
			  const PkdRequestRecord *request,
			  PkdRequestState state,
			  const gchar *serial,
			  gint64 *id,
			  GError **error)
{
	g_autofree gchar *target = NULL;
	g_autofree gchar *details = NULL;
	gint64 now = pkd_store_now ();
	const gchar *metadata = request->metadata != NULL ? request->metadata : "{}";

	if (!pkd_store_check_text ("CA name", request->ca, error) ||
	    !pkd_store_check_text ("profile", request->profile, error) ||
	    !pkd_store_check_text ("requester", request->requester, error) ||
	    !pkd_store_check_text ("request metadata", metadata, error))
		return FALSE;
	if (request->csr == NULL || g_bytes_get_size (request->csr) == 0) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "the request has no CSR");
		return FALSE;
	}
	if (!request_next_id (txn, id, error))
		return FALSE;
	if (!pkd_db_execute (
		    txn->db,
		    "INSERT INTO requests (id, ca, csr, profile, requester, metadata, state, "
		    "serial, created_at, updated_at) VALUES (##id::gint64, ##ca::string, "
		    "##csr::GdaBinary, ##profile::string, ##requester::string, "
		    "##metadata::string, ##state::string, ##serial::string::null, "
		    "##now::gint64, ##now2::gint64)",
		    NULL, error, PKD_DB_INT ("id", *id), PKD_DB_STR ("ca", request->ca),
		    PKD_DB_BYTES ("csr", request->csr), PKD_DB_STR ("profile", request->profile),
		    PKD_DB_STR ("requester", request->requester), PKD_DB_STR ("metadata", metadata),
		    PKD_DB_STR ("state", pkd_request_state_to_string (state)),
		    PKD_DB_STR ("serial", serial), PKD_DB_INT ("now", now),
		    PKD_DB_INT ("now2", now), NULL))
		return FALSE;
	target = g_strdup_printf ("%" G_GINT64_FORMAT, *id);
	details = pkd_store_json ("profile", request->profile, "state",
				  pkd_request_state_to_string (state), "serial", serial, NULL);
	return pkd_store_txn_audit (txn, "request.submitted", request->requester, request->ca,
				    target, details, error);
}

/* submit */

static gboolean
submit_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PkdRequestRecord *r = data;

	if (r->state != PKD_REQUEST_PENDING && r->state != PKD_REQUEST_APPROVED) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "a new request is pending or approved, not %s",
			     pkd_request_state_to_string (r->state));
		return FALSE;
	}
	return pkd_store_request_insert (txn, r, r->state, NULL, &result->num, error);
}

static const PkdStoreOpClass submit_op = {
	.what = "submitting a request",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_INT,
	.func = submit_func,
};

/**
 * pkd_store_submit_request_async:
 * @self: a store
 * @request: ca, csr, profile, requester, metadata and the initial state (pending, or
 *   approved when policy approves automatically); other fields are ignored
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_submit_request_async (PkdStore *self,
				const PkdRequestRecord *request,
				GCancellable *cancellable,
				GAsyncReadyCallback callback,
				gpointer user_data)
{
	pkd_store_submit (self, &submit_op, pkd_request_record_copy (request),
			  (GDestroyNotify)pkd_request_record_free, pkd_store_submit_request_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_submit_request_finish:
 *
 * Returns: the new request id, 0 on error
 */
gint64
pkd_store_submit_request_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_int (self, result, pkd_store_submit_request_async, error);
}

/* get */

static gboolean
get_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PkdRequestRecord *r = NULL;

	if (!request_fetch (txn, *(gint64 *)data, TRUE, &r, error))
		return FALSE;
	result->ptr = r;
	return TRUE;
}

static const PkdStoreOpClass get_op = {
	.what = "reading a request",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = get_func,
	.result_free = (GDestroyNotify)pkd_request_record_free,
};

void
pkd_store_get_request_async (PkdStore *self,
			     gint64 id,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data)
{
	pkd_store_submit (self, &get_op, g_memdup2 (&id, sizeof (id)), g_free,
			  pkd_store_get_request_async, cancellable, callback, user_data);
}

/**
 * pkd_store_get_request_finish:
 *
 * Returns: (transfer full): the request with its CSR (PKINEXT_ERROR_NOT_FOUND if absent)
 */
PkdRequestRecord *
pkd_store_get_request_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_request_async, error);
}

/* query */

typedef struct {
	PkdRequestQuery q; /* strings owned */
} QueryData;

static void
query_data_free (gpointer data)
{
	QueryData *d = data;

	g_free ((gchar *)d->q.ca);
	g_free ((gchar *)d->q.requester);
	g_free ((gchar *)d->q.profile);
	g_free (d);
}

static gboolean
query_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	const PkdRequestQuery *q = &((QueryData *)data)->q;
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	g_autoptr(GdaDataModel) model = NULL;
	GString *sql = g_string_new ("SELECT " REQUEST_COLUMNS);
	g_autofree gchar *text = NULL;
	GPtrArray *rows;
	gint n;

	g_string_append (sql, q->with_csr ? ", {HEXOF:csr}" : "");
	g_string_append (sql, " FROM requests WHERE id > ##after::gint64");
	pkd_db_params_add_int (params, "after", q->after_id);
	if (q->ca != NULL) {
		g_string_append (sql, " AND ca = ##ca::string");
		pkd_db_params_add_string (params, "ca", q->ca);
	}
	if (q->requester != NULL) {
		g_string_append (sql, " AND requester = ##requester::string");
		pkd_db_params_add_string (params, "requester", q->requester);
	}
	if (q->profile != NULL) {
		g_string_append (sql, " AND profile = ##profile::string");
		pkd_db_params_add_string (params, "profile", q->profile);
	}
	if (q->state >= 0) {
		g_string_append (sql, " AND state = ##state::string");
		pkd_db_params_add_string (params, "state",
					  pkd_request_state_to_string ((PkdRequestState)q->state));
	}
	g_string_append_printf (sql, " ORDER BY id LIMIT %u", pkd_store_clamp_limit (q->limit));
	text = g_string_free (sql, FALSE);
	model = pkd_db_select_with (txn->db, text, request_column_types (q->with_csr), params,
				    error);
	if (model == NULL)
		return FALSE;
	n = gda_data_model_get_n_rows (model);
	rows = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkd_request_record_free);
	for (gint i = 0; i < n; i++)
		g_ptr_array_add (rows, request_from_row (model, i));
	result->ptr = rows;
	return TRUE;
}

static const PkdStoreOpClass query_op = {
	.what = "searching requests",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = query_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

/**
 * pkd_store_query_requests_async:
 * @self: a store
 * @query: the filters (copied); page with @after_id like certificates
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_query_requests_async (PkdStore *self,
				const PkdRequestQuery *query,
				GCancellable *cancellable,
				GAsyncReadyCallback callback,
				gpointer user_data)
{
	QueryData *d = g_new0 (QueryData, 1);

	d->q = *query;
	d->q.ca = g_strdup (query->ca);
	d->q.requester = g_strdup (query->requester);
	d->q.profile = g_strdup (query->profile);
	pkd_store_submit (self, &query_op, d, query_data_free, pkd_store_query_requests_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_query_requests_finish:
 *
 * Returns: (transfer full) (element-type PkdRequestRecord): matching requests by id
 */
GPtrArray *
pkd_store_query_requests_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_query_requests_async, error);
}

/* decide */

typedef struct {
	gint64 id;
	PkdRequestState decision;
	gchar *reason;
	gchar *agent;
} DecideData;

static void
decide_data_free (gpointer data)
{
	DecideData *d = data;

	g_free (d->reason);
	g_free (d->agent);
	g_free (d);
}

static gboolean
decide_refused (PkdStoreTxn *txn, DecideData *d, GError **error)
{
	g_autoptr(PkdRequestRecord) r = NULL;

	if (!request_fetch (txn, d->id, FALSE, &r, error))
		return FALSE;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
		     "request %" G_GINT64_FORMAT " is %s, only a pending request can be %s", d->id,
		     pkd_request_state_to_string (r->state),
		     pkd_request_state_to_string (d->decision));
	return FALSE;
}

static gboolean
decide_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	DecideData *d = data;
	g_autofree gchar *target = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
	g_autofree gchar *details = NULL;
	const gchar *event =
		d->decision == PKD_REQUEST_APPROVED ? "request.approved" : "request.rejected";
	PkdRequestRecord *r = NULL;
	gint affected = 0;

	if (d->decision != PKD_REQUEST_APPROVED && d->decision != PKD_REQUEST_REJECTED) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "a decision approves or rejects");
		return FALSE;
	}
	if (!pkd_store_check_text ("deciding agent", d->agent, error))
		return FALSE;
	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE requests SET state = ##state::string, decision_reason = "
		    "##reason::string::null, decision_agent = ##agent::string, updated_at = "
		    "##now::gint64 WHERE id = ##id::gint64 AND state = 'pending'",
		    &affected, error,
		    PKD_DB_STR ("state", pkd_request_state_to_string (d->decision)),
		    PKD_DB_STR ("reason", d->reason), PKD_DB_STR ("agent", d->agent),
		    PKD_DB_INT ("now", pkd_store_now ()), PKD_DB_INT ("id", d->id), NULL))
		return FALSE;
	if (affected != 1)
		return decide_refused (txn, d, error);
	if (!request_fetch (txn, d->id, FALSE, &r, error))
		return FALSE;
	details = pkd_store_json ("reason", d->reason, "profile", r->profile, NULL);
	if (!pkd_store_txn_audit (txn, event, d->agent, r->ca, target, details, error)) {
		pkd_request_record_free (r);
		return FALSE;
	}
	result->ptr = r;
	return TRUE;
}

static const PkdStoreOpClass decide_op = {
	.what = "deciding a request",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = decide_func,
	.result_free = (GDestroyNotify)pkd_request_record_free,
};

/**
 * pkd_store_decide_request_async:
 * @self: a store
 * @id: a pending request
 * @decision: %PKD_REQUEST_APPROVED or %PKD_REQUEST_REJECTED
 * @reason: (nullable): why
 * @agent: who decides
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Only a pending request can be decided (PKINEXT_ERROR_INVALID_STATE otherwise), so
 * two agents deciding at once cannot both win.
 */
void
pkd_store_decide_request_async (PkdStore *self,
				gint64 id,
				PkdRequestState decision,
				const gchar *reason,
				const gchar *agent,
				GCancellable *cancellable,
				GAsyncReadyCallback callback,
				gpointer user_data)
{
	DecideData *d = g_new0 (DecideData, 1);

	d->id = id;
	d->decision = decision;
	d->reason = g_strdup (reason);
	d->agent = g_strdup (agent);
	pkd_store_submit (self, &decide_op, d, decide_data_free, pkd_store_decide_request_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_decide_request_finish:
 *
 * Returns: (transfer full): the request after the decision (without CSR)
 */
PkdRequestRecord *
pkd_store_decide_request_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_decide_request_async, error);
}
