/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Published CRLs and pre-signed OCSP responses. CRL numbers come from one counter per
 * CA row, taken under the row lock, so they increase across every daemon sharing the
 * database. OCSP responses are derived data (re-signed often), so storing one is not an
 * audited state change; publishing a CRL is.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

/* allocate a CRL number */

static gboolean
allocate_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_NONE};
	const gchar *ca = data;
	g_autoptr(GdaDataModel) model = NULL;
	gint64 number;

	model = pkd_db_select (txn->db,
			       "SELECT next_crl_number FROM cas WHERE name = ##ca::string{LOCK}",
			       types, error, PKD_DB_STR ("ca", ca), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND, "CA %s not found", ca);
		return FALSE;
	}
	number = pkd_db_get_int (model, 0, 0);
	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE cas SET next_crl_number = ##next::gint64 WHERE name = ##ca::string",
		    NULL, error, PKD_DB_INT ("next", number + 1), PKD_DB_STR ("ca", ca), NULL))
		return FALSE;
	result->num = number;
	return TRUE;
}

static const PkdStoreOpClass allocate_op = {
	.what = "allocating a CRL number",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_INT,
	.func = allocate_func,
};

/**
 * pkd_store_allocate_crl_number_async:
 * @self: a store
 * @ca: the CA
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Takes the CA's next CRL number (1, 2, ...). Numbers are never handed out twice, even
 * by several daemons; a number whose CRL is never stored is simply skipped.
 */
void
pkd_store_allocate_crl_number_async (PkdStore *self,
				     const gchar *ca,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data)
{
	pkd_store_submit (self, &allocate_op, g_strdup (ca), g_free,
			  pkd_store_allocate_crl_number_async, cancellable, callback, user_data);
}

/**
 * pkd_store_allocate_crl_number_finish:
 *
 * Returns: the number, 0 on error
 */
gint64
pkd_store_allocate_crl_number_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_int (self, result, pkd_store_allocate_crl_number_async, error);
}

/* insert a CRL */

typedef struct {
	PkdCrlRecord *crl;
	gchar *actor;
} CrlData;

static void
crl_data_free (gpointer data)
{
	CrlData *d = data;

	pkd_crl_record_free (d->crl);
	g_free (d->actor);
	g_free (d);
}

static gboolean
insert_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	CrlData *d = data;
	const PkdCrlRecord *c = d->crl;
	g_autofree gchar *target = NULL;
	g_autofree gchar *details = NULL;
	g_autofree gchar *shard = NULL;
	g_autofree gchar *base = NULL;
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();

	if (!pkd_store_check_text ("CA name", c->ca, error))
		return FALSE;
	if (c->number <= 0 || c->der == NULL || g_bytes_get_size (c->der) == 0 ||
	    c->next_update <= c->this_update || c->shard < PKD_CRL_SHARD_ALL ||
	    c->base_number < 0 || (c->base_number > 0 && c->base_number >= c->number)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "CRL %" G_GINT64_FORMAT
			     " of CA %s: number, DER, update times or base are invalid",
			     c->number, c->ca);
		return FALSE;
	}
	pkd_db_params_add_string (params, "ca", c->ca);
	pkd_db_params_add_int (params, "number", c->number);
	pkd_db_params_add_int (params, "shard", c->shard);
	if (c->base_number > 0)
		pkd_db_params_add_int (params, "base", c->base_number);
	else
		pkd_db_params_add_string (params, "base", NULL); /* SQL NULL: a full CRL */
	pkd_db_params_add_int (params, "this", c->this_update);
	pkd_db_params_add_int (params, "next", c->next_update);
	pkd_db_params_add_bytes (params, "der", c->der);
	if (!pkd_db_execute_with (
		    txn->db,
		    "INSERT INTO crls (ca, number, shard, base_number, this_update, "
		    "next_update, der) VALUES (##ca::string, ##number::gint64, "
		    "##shard::gint64, ##base::gint64::null, ##this::gint64, ##next::gint64, "
		    "##der::GdaBinary)",
		    params, NULL, error))
		return FALSE;
	target = g_strdup_printf ("%" G_GINT64_FORMAT, c->number);
	shard = g_strdup_printf ("%d", c->shard);
	base = c->base_number > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, c->base_number) : NULL;
	details = pkd_store_json ("shard", shard, "base", base, NULL);
	return pkd_store_txn_audit (txn, "crl.published", d->actor, c->ca, target, details, error);
}

static const PkdStoreOpClass insert_op = {
	.what = "storing a CRL",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = insert_func,
};

/**
 * pkd_store_insert_crl_async:
 * @self: a store
 * @crl: the signed CRL: number from pkd_store_allocate_crl_number_async(), shard
 *   (%PKD_CRL_SHARD_ALL for the whole CA), base_number (0 for a full CRL, the base
 *   CRL's number for a delta)
 * @actor: (nullable): who
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_insert_crl_async (PkdStore *self,
			    const PkdCrlRecord *crl,
			    const gchar *actor,
			    GCancellable *cancellable,
			    GAsyncReadyCallback callback,
			    gpointer user_data)
{
	CrlData *d = g_new0 (CrlData, 1);

	d->crl = pkd_crl_record_new ();
	*d->crl = *crl;
	d->crl->ca = g_strdup (crl->ca);
	d->crl->der = crl->der != NULL ? g_bytes_ref (crl->der) : NULL;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &insert_op, d, crl_data_free, pkd_store_insert_crl_async,
			  cancellable, callback, user_data);
}

gboolean
pkd_store_insert_crl_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_insert_crl_async, error);
}

/* latest CRL */

typedef struct {
	gchar *ca;
	gint shard;
	gboolean delta;
} LatestData;

static void
latest_data_free (gpointer data)
{
	LatestData *d = data;

	g_free (d->ca);
	g_free (d);
}

static gboolean
latest_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_INT64,     G_TYPE_INT64, G_TYPE_INT64,
				      G_TYPE_INT64, PKD_DB_COL_BYTES, G_TYPE_NONE};
	LatestData *d = data;
	g_autoptr(GdaDataModel) model = NULL;
	PkdCrlRecord *crl;

	model = pkd_db_select (
		txn->db,
		d->delta ? "SELECT number, shard, base_number, this_update, next_update, "
			   "{HEXOF:der} "
			   "FROM crls WHERE ca = ##ca::string AND shard = ##shard::gint64 "
			   "AND base_number IS NOT NULL ORDER BY number DESC LIMIT 1"
			 : "SELECT number, shard, base_number, this_update, next_update, "
			   "{HEXOF:der} "
			   "FROM crls WHERE ca = ##ca::string AND shard = ##shard::gint64 "
			   "AND base_number IS NULL ORDER BY number DESC LIMIT 1",
		types, error, PKD_DB_STR ("ca", d->ca), PKD_DB_INT ("shard", d->shard), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "no %s CRL for shard %d of CA %s", d->delta ? "delta" : "full",
			     d->shard, d->ca);
		return FALSE;
	}
	crl = pkd_crl_record_new ();
	crl->ca = g_strdup (d->ca);
	crl->number = pkd_db_get_int (model, 0, 0);
	crl->shard = (gint)pkd_db_get_int (model, 1, 0);
	crl->base_number = pkd_db_get_int (model, 2, 0);
	crl->this_update = pkd_db_get_int (model, 3, 0);
	crl->next_update = pkd_db_get_int (model, 4, 0);
	crl->der = pkd_db_get_bytes (model, 5, 0);
	result->ptr = crl;
	return TRUE;
}

static const PkdStoreOpClass latest_op = {
	.what = "reading the latest CRL",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = latest_func,
	.result_free = (GDestroyNotify)pkd_crl_record_free,
};

/**
 * pkd_store_get_latest_crl_async:
 * @self: a store
 * @ca: the CA
 * @shard: a shard, or %PKD_CRL_SHARD_ALL
 * @delta: the latest delta CRL instead of the latest full one
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_get_latest_crl_async (PkdStore *self,
				const gchar *ca,
				gint shard,
				gboolean delta,
				GCancellable *cancellable,
				GAsyncReadyCallback callback,
				gpointer user_data)
{
	LatestData *d = g_new0 (LatestData, 1);

	d->ca = g_strdup (ca);
	d->shard = shard;
	d->delta = delta;
	pkd_store_submit (self, &latest_op, d, latest_data_free, pkd_store_get_latest_crl_async,
			  cancellable, callback, user_data);
}

PkdCrlRecord *
pkd_store_get_latest_crl_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_latest_crl_async, error);
}

/* OCSP responses */

static gboolean
ocsp_put_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	const PkdOcspRecord *r = data;
	gint affected = 0;

	if (!pkd_store_check_text ("CA name", r->ca, error) ||
	    !pkd_store_check_serial (r->serial, error))
		return FALSE;
	if (r->der == NULL || g_bytes_get_size (r->der) == 0) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "empty OCSP response");
		return FALSE;
	}
	/* update, else insert: libgda cannot bind parameters in an upsert statement */
	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE ocsp_responses SET produced_at = ##produced::gint64, next_update = "
		    "##next::gint64, der = ##der::GdaBinary WHERE ca = ##ca::string AND "
		    "serial = ##serial::string",
		    &affected, error, PKD_DB_INT ("produced", r->produced_at),
		    PKD_DB_INT ("next", r->next_update), PKD_DB_BYTES ("der", r->der),
		    PKD_DB_STR ("ca", r->ca), PKD_DB_STR ("serial", r->serial), NULL))
		return FALSE;
	if (affected == 1)
		return TRUE;
	return pkd_db_execute (
		txn->db,
		"INSERT INTO ocsp_responses (ca, serial, produced_at, next_update, der) "
		"VALUES (##ca::string, ##serial::string, ##produced::gint64, "
		"##next::gint64, ##der::GdaBinary)",
		NULL, error, PKD_DB_STR ("ca", r->ca), PKD_DB_STR ("serial", r->serial),
		PKD_DB_INT ("produced", r->produced_at), PKD_DB_INT ("next", r->next_update),
		PKD_DB_BYTES ("der", r->der), NULL);
}

static const PkdStoreOpClass ocsp_put_op = {
	.what = "storing an OCSP response",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = ocsp_put_func,
};

static PkdOcspRecord *
ocsp_copy (const PkdOcspRecord *r)
{
	PkdOcspRecord *copy = pkd_ocsp_record_new ();

	*copy = *r;
	copy->ca = g_strdup (r->ca);
	copy->serial = g_strdup (r->serial);
	copy->der = r->der != NULL ? g_bytes_ref (r->der) : NULL;
	return copy;
}

/**
 * pkd_store_put_ocsp_response_async:
 * @self: a store
 * @response: the pre-signed response of one certificate (replaces the previous one)
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_put_ocsp_response_async (PkdStore *self,
				   const PkdOcspRecord *response,
				   GCancellable *cancellable,
				   GAsyncReadyCallback callback,
				   gpointer user_data)
{
	pkd_store_submit (self, &ocsp_put_op, ocsp_copy (response),
			  (GDestroyNotify)pkd_ocsp_record_free, pkd_store_put_ocsp_response_async,
			  cancellable, callback, user_data);
}

gboolean
pkd_store_put_ocsp_response_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_put_ocsp_response_async, error);
}

static gboolean
ocsp_get_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_INT64, PKD_DB_COL_BYTES, G_TYPE_NONE};
	const PkdOcspRecord *key = data;
	g_autofree gchar *norm = pkd_store_normalize_serial (key->serial);
	g_autoptr(GdaDataModel) model = NULL;
	PkdOcspRecord *r;

	model = pkd_db_select (
		txn->db,
		"SELECT produced_at, next_update, {HEXOF:der} FROM ocsp_responses WHERE "
		"ca = ##ca::string AND serial = ##serial::string",
		types, error, PKD_DB_STR ("ca", key->ca), PKD_DB_STR ("serial", norm), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "no OCSP response for certificate %s of CA %s", norm, key->ca);
		return FALSE;
	}
	r = pkd_ocsp_record_new ();
	r->ca = g_strdup (key->ca);
	r->serial = g_steal_pointer (&norm);
	r->produced_at = pkd_db_get_int (model, 0, 0);
	r->next_update = pkd_db_get_int (model, 1, 0);
	r->der = pkd_db_get_bytes (model, 2, 0);
	result->ptr = r;
	return TRUE;
}

static const PkdStoreOpClass ocsp_get_op = {
	.what = "reading an OCSP response",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = ocsp_get_func,
	.result_free = (GDestroyNotify)pkd_ocsp_record_free,
};

void
pkd_store_get_ocsp_response_async (PkdStore *self,
				   const gchar *ca,
				   const gchar *serial,
				   GCancellable *cancellable,
				   GAsyncReadyCallback callback,
				   gpointer user_data)
{
	PkdOcspRecord *key = pkd_ocsp_record_new ();

	key->ca = g_strdup (ca);
	key->serial = g_strdup (serial);
	pkd_store_submit (self, &ocsp_get_op, key, (GDestroyNotify)pkd_ocsp_record_free,
			  pkd_store_get_ocsp_response_async, cancellable, callback, user_data);
}

PkdOcspRecord *
pkd_store_get_ocsp_response_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_ocsp_response_async, error);
}
