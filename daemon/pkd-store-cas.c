/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * CA rows: one per configured CA, holding its certificate and its CRL number counter.
 * Certificates, requests and CRLs reference them.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define CA_SELECT                                                                                  \
	"SELECT name, subject, {HEXOF:certificate}, created_at, updated_at, next_crl_number FROM " \
	"cas "

static const GType ca_types[] = {G_TYPE_STRING, G_TYPE_STRING, PKD_DB_COL_BYTES, G_TYPE_INT64,
				 G_TYPE_INT64,	G_TYPE_INT64,  G_TYPE_NONE};

static PkdCaRecord *
ca_from_row (GdaDataModel *model, gint row)
{
	PkdCaRecord *ca = pkd_ca_record_new ();

	ca->name = pkd_db_get_string (model, 0, row);
	ca->subject = pkd_db_get_string (model, 1, row);
	ca->certificate = pkd_db_get_bytes (model, 2, row);
	ca->created_at = pkd_db_get_int (model, 3, row);
	ca->updated_at = pkd_db_get_int (model, 4, row);
	ca->next_crl_number = pkd_db_get_int (model, 5, row);
	return ca;
}

static gboolean
ca_fetch (PkdStoreTxn *txn, const gchar *name, PkdCaRecord **out, GError **error)
{
	g_autoptr(GdaDataModel) model = NULL;

	model = pkd_db_select (txn->db, CA_SELECT "WHERE name = ##name::string", ca_types, error,
			       PKD_DB_STR ("name", name), NULL);
	if (model == NULL)
		return FALSE;
	*out = gda_data_model_get_n_rows (model) > 0 ? ca_from_row (model, 0) : NULL;
	return TRUE;
}

/* put */

typedef struct {
	gchar *name;
	gchar *subject;
	GBytes *certificate;
	gchar *actor;
} PutData;

static void
put_data_free (gpointer data)
{
	PutData *d = data;

	g_free (d->name);
	g_free (d->subject);
	g_clear_pointer (&d->certificate, g_bytes_unref);
	g_free (d->actor);
	g_free (d);
}

static gboolean
put_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PutData *d = data;
	g_autoptr(PkdCaRecord) old = NULL;
	g_autofree gchar *details = NULL;
	gint64 now = pkd_store_now ();
	gboolean ok;

	if (!pkd_store_check_text ("CA name", d->name, error) ||
	    !pkd_store_check_text ("CA subject", d->subject, error))
		return FALSE;
	if (!ca_fetch (txn, d->name, &old, error))
		return FALSE;
	/* daemons call this at every start: an unchanged CA is not a state change */
	if (old != NULL && g_strcmp0 (old->subject, d->subject) == 0 &&
	    ((old->certificate == NULL && d->certificate == NULL) ||
	     (old->certificate != NULL && d->certificate != NULL &&
	      g_bytes_equal (old->certificate, d->certificate))))
		return TRUE;
	if (old == NULL)
		ok = pkd_db_execute (
			txn->db,
			"INSERT INTO cas (name, subject, certificate, created_at, updated_at, "
			"next_crl_number) VALUES (##name::string, ##subject::string, "
			"##cert::GdaBinary::null, ##now::gint64, ##now2::gint64, 1)",
			NULL, error, PKD_DB_STR ("name", d->name),
			PKD_DB_STR ("subject", d->subject), PKD_DB_BYTES ("cert", d->certificate),
			PKD_DB_INT ("now", now), PKD_DB_INT ("now2", now), NULL);
	else
		ok = pkd_db_execute (txn->db,
				     "UPDATE cas SET subject = ##subject::string, certificate = "
				     "##cert::GdaBinary::null, updated_at = ##now::gint64 WHERE "
				     "name = ##name::string",
				     NULL, error, PKD_DB_STR ("subject", d->subject),
				     PKD_DB_BYTES ("cert", d->certificate), PKD_DB_INT ("now", now),
				     PKD_DB_STR ("name", d->name), NULL);
	if (!ok)
		return FALSE;
	details = pkd_store_json ("subject", d->subject, NULL);
	return pkd_store_txn_audit (txn, old == NULL ? "ca.created" : "ca.updated", d->actor,
				    d->name, d->name, details, error);
}

static const PkdStoreOpClass put_op = {
	.what = "storing a CA",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = put_func,
};

/**
 * pkd_store_put_ca_async:
 * @self: a store
 * @name: the CA's name (its [ca:NAME] group)
 * @subject: its subject (RFC 4514)
 * @certificate: (nullable): its certificate (DER)
 * @actor: (nullable): who
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Creates or updates the CA row (audited as ca.created / ca.updated; an unchanged CA
 * is left alone). Call it before storing anything for the CA.
 */
void
pkd_store_put_ca_async (PkdStore *self,
			const gchar *name,
			const gchar *subject,
			GBytes *certificate,
			const gchar *actor,
			GCancellable *cancellable,
			GAsyncReadyCallback callback,
			gpointer user_data)
{
	PutData *d = g_new0 (PutData, 1);

	d->name = g_strdup (name);
	d->subject = g_strdup (subject);
	d->certificate = certificate != NULL ? g_bytes_ref (certificate) : NULL;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &put_op, d, put_data_free, pkd_store_put_ca_async, cancellable,
			  callback, user_data);
}

gboolean
pkd_store_put_ca_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_put_ca_async, error);
}

/* get */

static gboolean
get_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PkdCaRecord *ca = NULL;

	if (!ca_fetch (txn, data, &ca, error))
		return FALSE;
	if (ca == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND, "CA %s not found",
			     (const gchar *)data);
		return FALSE;
	}
	result->ptr = ca;
	return TRUE;
}

static const PkdStoreOpClass get_op = {
	.what = "reading a CA",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = get_func,
	.result_free = (GDestroyNotify)pkd_ca_record_free,
};

void
pkd_store_get_ca_async (PkdStore *self,
			const gchar *name,
			GCancellable *cancellable,
			GAsyncReadyCallback callback,
			gpointer user_data)
{
	pkd_store_submit (self, &get_op, g_strdup (name), g_free, pkd_store_get_ca_async,
			  cancellable, callback, user_data);
}

PkdCaRecord *
pkd_store_get_ca_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_ca_async, error);
}

/* list */

static gboolean
list_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	g_autoptr(GdaDataModel) model = NULL;
	GPtrArray *rows;
	gint n;

	model = pkd_db_select (txn->db, CA_SELECT "ORDER BY name", ca_types, error, NULL);
	if (model == NULL)
		return FALSE;
	n = gda_data_model_get_n_rows (model);
	rows = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkd_ca_record_free);
	for (gint i = 0; i < n; i++)
		g_ptr_array_add (rows, ca_from_row (model, i));
	result->ptr = rows;
	return TRUE;
}

static const PkdStoreOpClass list_op = {
	.what = "listing CAs",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = list_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

void
pkd_store_list_cas_async (PkdStore *self,
			  GCancellable *cancellable,
			  GAsyncReadyCallback callback,
			  gpointer user_data)
{
	pkd_store_submit (self, &list_op, NULL, NULL, pkd_store_list_cas_async, cancellable,
			  callback, user_data);
}

/**
 * pkd_store_list_cas_finish:
 *
 * Returns: (transfer full) (element-type PkdCaRecord): every CA by name
 */
GPtrArray *
pkd_store_list_cas_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_list_cas_async, error);
}
