/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Certificate rows: issuance (row, SAN index rows, request state and audit event in one
 * transaction), look-up by serial, and searches with keyset pagination.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include <string.h>

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define CERT_COLUMNS                                                                               \
	"id, ca, serial, subject, sans, not_before, not_after, status, revocation_reason, "        \
	"revocation_time, invalidity_date, unrevoked_at, profile, profile_version, "               \
	"request_id, shard, issued_at"

static const GType cert_types[] = {
	G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING,    G_TYPE_STRING, G_TYPE_STRING,
	G_TYPE_INT64, G_TYPE_INT64,  G_TYPE_STRING,    G_TYPE_INT64,  G_TYPE_INT64,
	G_TYPE_INT64, G_TYPE_INT64,  G_TYPE_STRING,    G_TYPE_INT64,  G_TYPE_INT64,
	G_TYPE_INT64, G_TYPE_INT64,  PKD_DB_COL_BYTES, G_TYPE_NONE,
};
#define CERT_N_COLUMNS 17

static const GType cert_types_without_der[] = {
	G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64,
	G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT64,  G_TYPE_INT64,  G_TYPE_INT64,  G_TYPE_INT64,
	G_TYPE_STRING, G_TYPE_INT64, G_TYPE_INT64,  G_TYPE_INT64,  G_TYPE_INT64,  G_TYPE_NONE,
};

static const GType *
cert_column_types (gboolean with_der)
{
	return with_der ? cert_types : cert_types_without_der;
}

static PkdCertRecord *
cert_from_row (GdaDataModel *model, gint row)
{
	PkdCertRecord *c = pkd_cert_record_new ();
	g_autofree gchar *sans = pkd_db_get_string (model, 4, row);
	g_autofree gchar *status = pkd_db_get_string (model, 7, row);

	c->id = pkd_db_get_int (model, 0, row);
	c->ca = pkd_db_get_string (model, 1, row);
	c->serial = pkd_db_get_string (model, 2, row);
	c->subject = pkd_db_get_string (model, 3, row);
	c->sans =
		sans != NULL && sans[0] != '\0' ? g_strsplit (sans, "\n", -1) : g_new0 (gchar *, 1);
	c->not_before = pkd_db_get_int (model, 5, row);
	c->not_after = pkd_db_get_int (model, 6, row);
	if (!pkd_cert_status_from_string (status, &c->status))
		g_warning ("certificate %s has unknown status %s", c->serial, status);
	c->revocation_reason =
		pkd_db_is_null (model, 8, row) ? -1 : (gint)pkd_db_get_int (model, 8, row);
	c->revocation_time = pkd_db_get_int (model, 9, row);
	c->invalidity_date = pkd_db_get_int (model, 10, row);
	c->unrevoked_at = pkd_db_get_int (model, 11, row);
	c->profile = pkd_db_get_string (model, 12, row);
	c->profile_version = (guint)pkd_db_get_int (model, 13, row);
	c->request_id = pkd_db_get_int (model, 14, row);
	c->shard = (guint)pkd_db_get_int (model, 15, row);
	c->issued_at = pkd_db_get_int (model, 16, row);
	if (gda_data_model_get_n_columns (model) > CERT_N_COLUMNS)
		c->der = pkd_db_get_bytes (model, CERT_N_COLUMNS, row);
	return c;
}

/**
 * pkd_store_cert_fetch:
 * @txn: a transaction
 * @ca: the CA
 * @serial: a serial (normalized here)
 * @with_der: whether to read the DER
 * @out: (out): the certificate
 * @error: return location (PKINEXT_ERROR_NOT_FOUND when there is no such certificate)
 *
 * Returns: %TRUE if found
 */
gboolean
pkd_store_cert_fetch (PkdStoreTxn *txn,
		      const gchar *ca,
		      const gchar *serial,
		      gboolean with_der,
		      PkdCertRecord **out,
		      GError **error)
{
	g_autofree gchar *norm = pkd_store_normalize_serial (serial);
	g_autoptr(GdaDataModel) model = NULL;
	const gchar *sql = with_der ? "SELECT " CERT_COLUMNS ", {HEXOF:der} FROM certificates "
				      "WHERE ca = ##ca::string AND serial = ##serial::string"
				    : "SELECT " CERT_COLUMNS " FROM certificates "
				      "WHERE ca = ##ca::string AND serial = ##serial::string";

	model = pkd_db_select (txn->db, sql, cert_column_types (with_der), error,
			       PKD_DB_STR ("ca", ca), PKD_DB_STR ("serial", norm), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "certificate %s of CA %s not found", norm, ca);
		return FALSE;
	}
	*out = cert_from_row (model, 0);
	return TRUE;
}

/* insert */

typedef struct {
	PkdCertRecord *cert;
	PkdRequestRecord *request; /* nullable: stored as issued with the certificate */
	gchar *actor;
} InsertData;

static void
insert_data_free (gpointer data)
{
	InsertData *d = data;

	pkd_cert_record_free (d->cert);
	pkd_request_record_free (d->request);
	g_free (d->actor);
	g_free (d);
}

static gboolean
insert_check (const PkdCertRecord *c, GError **error)
{
	if (!pkd_store_check_text ("CA name", c->ca, error) ||
	    !pkd_store_check_serial (c->serial, error) ||
	    !pkd_store_check_text ("profile", c->profile, error))
		return FALSE;
	if (c->subject == NULL || !g_utf8_validate (c->subject, -1, NULL) || c->der == NULL ||
	    g_bytes_get_size (c->der) == 0 || c->not_after <= c->not_before) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "certificate %s: subject, DER and a validity period are required",
			     c->serial);
		return FALSE;
	}
	for (guint i = 0; c->sans != NULL && c->sans[i] != NULL; i++) {
		if (c->sans[i][0] == '\0' || strchr (c->sans[i], '\n') != NULL ||
		    !g_utf8_validate (c->sans[i], -1, NULL)) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "certificate %s: SAN %u is empty or holds a newline",
				     c->serial, i);
			return FALSE;
		}
	}
	return TRUE;
}

/* moves an approved request to issued */
static gboolean
insert_mark_request (PkdStoreTxn *txn, const PkdCertRecord *c, GError **error)
{
	gint affected = 0;

	if (!pkd_db_execute (txn->db,
			     "UPDATE requests SET state = 'issued', serial = ##serial::string, "
			     "updated_at = ##now::gint64 WHERE id = ##id::gint64 AND "
			     "ca = ##ca::string AND state = 'approved'",
			     &affected, error, PKD_DB_STR ("serial", c->serial),
			     PKD_DB_INT ("now", pkd_store_now ()), PKD_DB_INT ("id", c->request_id),
			     PKD_DB_STR ("ca", c->ca), NULL))
		return FALSE;
	if (affected != 1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "request %" G_GINT64_FORMAT
			     " of CA %s does not exist or is not approved",
			     c->request_id, c->ca);
		return FALSE;
	}
	return TRUE;
}

#define SAN_INSERT_CHUNK 16

/* one statement for up to SAN_INSERT_CHUNK names: a statement is a round trip */
static gboolean
insert_san_chunk (PkdStoreTxn *txn, const PkdCertRecord *c, GPtrArray *sans, guint from, guint n, GError **error)
{
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	g_autoptr(GString) sql = g_string_new ("INSERT INTO certificate_sans (ca, serial, san) VALUES ");

	pkd_db_params_add_string (params, "ca", c->ca);
	pkd_db_params_add_string (params, "serial", c->serial);
	for (guint i = 0; i < n; i++) {
		g_autofree gchar *name = g_strdup_printf ("san%u", i);
		g_string_append_printf (sql, "%s(##ca::string, ##serial::string, ##%s::string)",
					i > 0 ? ", " : "", name);
		pkd_db_params_add_string (params, name, g_ptr_array_index (sans, from + i));
	}
	return pkd_db_execute_with (txn->db, sql->str, params, NULL, error);
}

static gboolean
insert_sans (PkdStoreTxn *txn, const PkdCertRecord *c, GError **error)
{
	g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) sans = g_ptr_array_new ();

	for (guint i = 0; c->sans != NULL && c->sans[i] != NULL; i++) {
		if (g_hash_table_add (seen, c->sans[i]))
			g_ptr_array_add (sans, c->sans[i]);
	}
	for (guint from = 0; from < sans->len;) {
		guint n = MIN (sans->len - from, SAN_INSERT_CHUNK);
		if (!insert_san_chunk (txn, c, sans, from, n, error))
			return FALSE;
		from += n;
	}
	return TRUE;
}

static gboolean
insert_row (PkdStoreTxn *txn, const PkdCertRecord *c, gint64 issued_at, GError **error)
{
	g_autofree gchar *sans = c->sans != NULL ? g_strjoinv ("\n", c->sans) : g_strdup ("");

	return pkd_db_execute (
		txn->db,
		"INSERT INTO certificates (ca, serial, subject, sans, not_before, not_after, "
		"status, "
		"profile, profile_version, request_id, shard, issued_at, der) VALUES "
		"(##ca::string, "
		"##serial::string, ##subject::string, ##sans::string, ##not_before::gint64, "
		"##not_after::gint64, 'valid', ##profile::string, ##profile_version::gint64, "
		"##request_id::gint64, ##shard::gint64, ##issued_at::gint64, ##der::GdaBinary)",
		NULL, error, PKD_DB_STR ("ca", c->ca), PKD_DB_STR ("serial", c->serial),
		PKD_DB_STR ("subject", c->subject), PKD_DB_STR ("sans", sans),
		PKD_DB_INT ("not_before", c->not_before), PKD_DB_INT ("not_after", c->not_after),
		PKD_DB_STR ("profile", c->profile),
		PKD_DB_INT ("profile_version", c->profile_version),
		PKD_DB_INT ("request_id", c->request_id), PKD_DB_INT ("shard", c->shard),
		PKD_DB_INT ("issued_at", issued_at), PKD_DB_BYTES ("der", c->der), NULL);
}

static gboolean
insert_audit (PkdStoreTxn *txn,
	      const PkdCertRecord *c,
	      gint64 request_id,
	      const gchar *actor,
	      GError **error)
{
	g_autofree gchar *version = g_strdup_printf ("%u", c->profile_version);
	g_autofree gchar *nb = g_strdup_printf ("%" G_GINT64_FORMAT, c->not_before);
	g_autofree gchar *na = g_strdup_printf ("%" G_GINT64_FORMAT, c->not_after);
	g_autofree gchar *shard = g_strdup_printf ("%u", c->shard);
	g_autofree gchar *req =
		request_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, request_id) : NULL;
	g_autofree gchar *details = NULL;

	details = pkd_store_json ("subject", c->subject, "profile", c->profile, "profile_version",
				  version, "not_before", nb, "not_after", na, "shard", shard,
				  "request", req, NULL);
	return pkd_store_txn_audit (txn, "certificate.issued", actor, c->ca, c->serial, details,
				    error);
}

static gboolean
insert_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	InsertData *d = data;
	g_autoptr(PkdCertRecord) c = pkd_cert_record_copy (d->cert);
	gint64 issued_at = c->issued_at != 0 ? c->issued_at : pkd_store_now ();

	if (!insert_check (c, error))
		return FALSE;
	if (d->request != NULL) {
		if (!pkd_store_request_insert (txn, d->request, PKD_REQUEST_ISSUED, c->serial,
					       &c->request_id, error))
			return FALSE;
	} else if (c->request_id != 0 && !insert_mark_request (txn, c, error)) {
		return FALSE;
	}
	if (!insert_row (txn, c, issued_at, error) || !insert_sans (txn, c, error) ||
	    !insert_audit (txn, c, c->request_id, d->actor, error)) {
		g_prefix_error (error, "certificate %s: ", c->serial);
		return FALSE;
	}
	result->num = c->request_id;
	return TRUE;
}

static const PkdStoreOpClass insert_op = {
	.what = "storing a certificate",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_INT,
	.func = insert_func,
};

/**
 * pkd_store_insert_certificate_async:
 * @self: a store
 * @cert: the issued certificate (id is ignored; issued_at 0 means now). If
 *   @cert->request_id is set, that request must be approved and becomes issued.
 * @new_request: (nullable): a request to store with the certificate, directly in state
 *   issued (auto-approved protocols); its id is returned by the finish function
 * @actor: (nullable): who issues ("pkinextd" if %NULL)
 * @cancellable: (nullable): a cancellable
 * @callback: called once the row and its "certificate.issued" audit event are committed
 * @user_data: for @callback
 *
 * Stores an issued certificate. A serial already used by the CA fails with
 * PKINEXT_ERROR_ALREADY_EXISTS.
 */
void
pkd_store_insert_certificate_async (PkdStore *self,
				    const PkdCertRecord *cert,
				    const PkdRequestRecord *new_request,
				    const gchar *actor,
				    GCancellable *cancellable,
				    GAsyncReadyCallback callback,
				    gpointer user_data)
{
	InsertData *d = g_new0 (InsertData, 1);

	d->cert = pkd_cert_record_copy (cert);
	d->request = new_request != NULL ? pkd_request_record_copy (new_request) : NULL;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &insert_op, d, insert_data_free, pkd_store_insert_certificate_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_insert_certificate_finish:
 * @self: a store
 * @result: the result
 * @request_id: (out) (optional): the certificate's request id (0: none)
 * @error: return location
 *
 * Returns: %TRUE once the certificate is durably stored
 */
gboolean
pkd_store_insert_certificate_finish (PkdStore *self,
				     GAsyncResult *result,
				     gint64 *request_id,
				     GError **error)
{
	GError *local = NULL;
	gint64 id = pkd_store_finish_int (self, result, pkd_store_insert_certificate_async, &local);

	if (local != NULL) {
		g_propagate_error (error, local);
		return FALSE;
	}
	if (request_id != NULL)
		*request_id = id;
	return TRUE;
}

/* get */

typedef struct {
	gchar *ca;
	gchar *serial;
} GetData;

static void
get_data_free (gpointer data)
{
	GetData *d = data;

	g_free (d->ca);
	g_free (d->serial);
	g_free (d);
}

static gboolean
get_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	GetData *d = data;
	PkdCertRecord *c = NULL;

	if (!pkd_store_cert_fetch (txn, d->ca, d->serial, TRUE, &c, error))
		return FALSE;
	result->ptr = c;
	return TRUE;
}

static const PkdStoreOpClass get_op = {
	.what = "reading a certificate",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = get_func,
	.result_free = (GDestroyNotify)pkd_cert_record_free,
};

/**
 * pkd_store_get_certificate_async:
 * @self: a store
 * @ca: the CA
 * @serial: the serial in hex (any case)
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Reads one certificate with its DER (PKINEXT_ERROR_NOT_FOUND if absent).
 */
void
pkd_store_get_certificate_async (PkdStore *self,
				 const gchar *ca,
				 const gchar *serial,
				 GCancellable *cancellable,
				 GAsyncReadyCallback callback,
				 gpointer user_data)
{
	GetData *d = g_new0 (GetData, 1);

	d->ca = g_strdup (ca);
	d->serial = g_strdup (serial);
	pkd_store_submit (self, &get_op, d, get_data_free, pkd_store_get_certificate_async,
			  cancellable, callback, user_data);
}

PkdCertRecord *
pkd_store_get_certificate_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_certificate_async, error);
}

/* query */

typedef struct {
	PkdCertQuery q; /* strings owned by this struct */
} QueryData;

static void
query_data_free (gpointer data)
{
	QueryData *d = data;

	g_free ((gchar *)d->q.ca);
	g_free ((gchar *)d->q.serial);
	g_free ((gchar *)d->q.subject);
	g_free ((gchar *)d->q.subject_contains);
	g_free ((gchar *)d->q.san);
	g_free ((gchar *)d->q.profile);
	g_free (d);
}

static void
query_add_text (GString *sql,
		PkdDbParams *params,
		const gchar *clause,
		const gchar *name,
		const gchar *value)
{
	if (value == NULL)
		return;
	g_string_append_printf (sql, " AND %s", clause);
	pkd_db_params_add_string (params, name, value);
}

static void
query_add_int (GString *sql,
	       PkdDbParams *params,
	       gboolean use,
	       const gchar *clause,
	       const gchar *name,
	       gint64 value)
{
	if (!use)
		return;
	g_string_append_printf (sql, " AND %s", clause);
	pkd_db_params_add_int (params, name, value);
}

static gchar *
query_build (const PkdCertQuery *q, PkdDbParams *params)
{
	GString *sql = g_string_new ("SELECT " CERT_COLUMNS);

	g_string_append (sql, q->with_der ? ", {HEXOF:der}" : "");
	g_string_append (sql, " FROM certificates WHERE id > ##after::gint64");
	pkd_db_params_add_int (params, "after", q->after_id);
	query_add_text (sql, params, "ca = ##ca::string", "ca", q->ca);
	query_add_text (sql, params, "serial = ##serial::string", "serial", q->serial);
	query_add_text (sql, params, "subject = ##subject::string", "subject", q->subject);
	query_add_text (sql, params, "{INSTR}(subject, ##contains::string) > 0", "contains",
			q->subject_contains);
	query_add_text (sql, params, "profile = ##profile::string", "profile", q->profile);
	query_add_text (sql, params,
			"serial IN (SELECT s.serial FROM certificate_sans s WHERE "
			"s.san = ##san::string AND s.ca = certificates.ca)",
			"san", q->san);
	query_add_text (sql, params, "status = ##status::string", "status",
			q->status >= 0 ? pkd_cert_status_to_string ((PkdCertStatus)q->status)
				       : NULL);
	query_add_int (sql, params, q->shard >= 0, "shard = ##shard::gint64", "shard", q->shard);
	query_add_int (sql, params, q->revocation_reason >= 0,
		       "revocation_reason = ##reason::gint64", "reason", q->revocation_reason);
	query_add_int (sql, params, q->request_id != 0, "request_id = ##request::gint64", "request",
		       q->request_id);
	query_add_int (sql, params, q->not_after_from != 0, "not_after >= ##na_from::gint64",
		       "na_from", q->not_after_from);
	query_add_int (sql, params, q->not_after_to != 0, "not_after < ##na_to::gint64", "na_to",
		       q->not_after_to);
	if (q->changed_since != 0) {
		g_string_append (sql, " AND (revocation_time >= ##changed1::gint64 OR "
				      "unrevoked_at >= ##changed2::gint64)");
		pkd_db_params_add_int (params, "changed1", q->changed_since);
		pkd_db_params_add_int (params, "changed2", q->changed_since);
	}
	/* the limit is a clamped integer: safe to write into the SQL */
	g_string_append_printf (sql, " ORDER BY id LIMIT %u", pkd_store_clamp_limit (q->limit));
	return g_string_free (sql, FALSE);
}

static gboolean
query_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	QueryData *d = data;
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	g_autofree gchar *sql = query_build (&d->q, params);
	g_autoptr(GdaDataModel) model = NULL;
	GPtrArray *rows;
	gint n;

	model = pkd_db_select_with (txn->db, sql, cert_column_types (d->q.with_der), params, error);
	if (model == NULL)
		return FALSE;
	n = gda_data_model_get_n_rows (model);
	rows = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkd_cert_record_free);
	for (gint i = 0; i < n; i++)
		g_ptr_array_add (rows, cert_from_row (model, i));
	result->ptr = rows;
	return TRUE;
}

static const PkdStoreOpClass query_op = {
	.what = "searching certificates",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = query_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

/**
 * pkd_store_query_certificates_async:
 * @self: a store
 * @query: the filters (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Searches certificates in issuance order. For the next page, set @query->after_id to
 * the id of the last row returned.
 */
void
pkd_store_query_certificates_async (PkdStore *self,
				    const PkdCertQuery *query,
				    GCancellable *cancellable,
				    GAsyncReadyCallback callback,
				    gpointer user_data)
{
	QueryData *d = g_new0 (QueryData, 1);

	d->q = *query;
	d->q.ca = g_strdup (query->ca);
	d->q.serial = query->serial != NULL ? pkd_store_normalize_serial (query->serial) : NULL;
	d->q.subject = g_strdup (query->subject);
	d->q.subject_contains = g_strdup (query->subject_contains);
	d->q.san = g_strdup (query->san);
	d->q.profile = g_strdup (query->profile);
	pkd_store_submit (self, &query_op, d, query_data_free, pkd_store_query_certificates_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_query_certificates_finish:
 *
 * Returns: (transfer full) (element-type PkdCertRecord): the matching certificates
 */
GPtrArray *
pkd_store_query_certificates_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_query_certificates_async, error);
}
