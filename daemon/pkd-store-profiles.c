/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Custom profiles. Each edit stores a new version; versions are never changed or
 * deleted (issued certificates name the version they were issued under). A profile can
 * be disabled and enabled again, never deleted.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define PROFILE_SELECT                                                                             \
	"SELECT p.name, v.version, v.definition, p.disabled, v.created_at, v.created_by FROM "     \
	"profiles p JOIN profile_versions v ON v.name = p.name "

static const GType profile_types[] = {G_TYPE_STRING, G_TYPE_INT64,  G_TYPE_STRING, G_TYPE_INT64,
				      G_TYPE_INT64,  G_TYPE_STRING, G_TYPE_NONE};

static PkdProfileRecord *
profile_from_row (GdaDataModel *model, gint row)
{
	PkdProfileRecord *p = pkd_profile_record_new ();

	p->name = pkd_db_get_string (model, 0, row);
	p->version = (guint)pkd_db_get_int (model, 1, row);
	p->definition = pkd_db_get_string (model, 2, row);
	p->disabled = pkd_db_get_int (model, 3, row) != 0;
	p->created_at = pkd_db_get_int (model, 4, row);
	p->created_by = pkd_db_get_string (model, 5, row);
	return p;
}

static gboolean
profile_name_ok (const gchar *name, GError **error)
{
	if (!pkd_store_check_text ("profile name", name, error))
		return FALSE;
	for (const gchar *p = name; *p != '\0'; p++) {
		if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.') {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "profile name \"%s\" may only hold letters, digits, '-', '_' "
				     "and '.'",
				     name);
			return FALSE;
		}
	}
	return TRUE;
}

/* put */

typedef struct {
	gchar *name;
	gchar *definition;
	gchar *actor;
} PutData;

static void
put_data_free (gpointer data)
{
	PutData *d = data;

	g_free (d->name);
	g_free (d->definition);
	g_free (d->actor);
	g_free (d);
}

/* the next version number, creating the profile row for version 1 */
static gboolean
put_next_version (PkdStoreTxn *txn, const gchar *name, gint64 now, guint *version, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_NONE};
	g_autoptr(GdaDataModel) model = NULL;

	model = pkd_db_select (
		txn->db, "SELECT latest_version FROM profiles WHERE name = ##name::string{LOCK}",
		types, error, PKD_DB_STR ("name", name), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		*version = 1;
		return pkd_db_execute (
			txn->db,
			"INSERT INTO profiles (name, latest_version, disabled, created_at, "
			"updated_at) VALUES (##name::string, 1, 0, ##now::gint64, ##now2::gint64)",
			NULL, error, PKD_DB_STR ("name", name), PKD_DB_INT ("now", now),
			PKD_DB_INT ("now2", now), NULL);
	}
	*version = (guint)pkd_db_get_int (model, 0, 0) + 1;
	return pkd_db_execute (
		txn->db,
		"UPDATE profiles SET latest_version = ##version::gint64, updated_at = "
		"##now::gint64 WHERE name = ##name::string",
		NULL, error, PKD_DB_INT ("version", *version), PKD_DB_INT ("now", now),
		PKD_DB_STR ("name", name), NULL);
}

static gboolean
put_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PutData *d = data;
	gint64 now = pkd_store_now ();
	g_autofree gchar *vstr = NULL;
	g_autofree gchar *details = NULL;
	guint version = 0;

	if (!profile_name_ok (d->name, error) ||
	    !pkd_store_check_text ("profile definition", d->definition, error))
		return FALSE;
	if (!put_next_version (txn, d->name, now, &version, error))
		return FALSE;
	if (!pkd_db_execute (txn->db,
			     "INSERT INTO profile_versions (name, version, definition, created_at, "
			     "created_by) VALUES (##name::string, ##version::gint64, "
			     "##definition::string, ##now::gint64, ##actor::string)",
			     NULL, error, PKD_DB_STR ("name", d->name),
			     PKD_DB_INT ("version", version),
			     PKD_DB_STR ("definition", d->definition), PKD_DB_INT ("now", now),
			     PKD_DB_STR ("actor", d->actor != NULL ? d->actor : "pkinextd"), NULL))
		return FALSE;
	vstr = g_strdup_printf ("%u", version);
	details = pkd_store_json ("version", vstr, NULL);
	if (!pkd_store_txn_audit (txn, version == 1 ? "profile.created" : "profile.updated",
				  d->actor, NULL, d->name, details, error))
		return FALSE;
	result->num = version;
	return TRUE;
}

static const PkdStoreOpClass put_op = {
	.what = "storing a profile",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_INT,
	.func = put_func,
};

/**
 * pkd_store_put_profile_async:
 * @self: a store
 * @name: profile name ([A-Za-z0-9._-]+)
 * @definition: the profile text (the engine validates it before storing)
 * @actor: (nullable): who edits
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Creates the profile or adds a new version of it.
 */
void
pkd_store_put_profile_async (PkdStore *self,
			     const gchar *name,
			     const gchar *definition,
			     const gchar *actor,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data)
{
	PutData *d = g_new0 (PutData, 1);

	d->name = g_strdup (name);
	d->definition = g_strdup (definition);
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &put_op, d, put_data_free, pkd_store_put_profile_async, cancellable,
			  callback, user_data);
}

/**
 * pkd_store_put_profile_finish:
 *
 * Returns: the version just stored, 0 on error
 */
guint
pkd_store_put_profile_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return (guint)pkd_store_finish_int (self, result, pkd_store_put_profile_async, error);
}

/* disable / enable */

typedef struct {
	gchar *name;
	gboolean disabled;
	gchar *actor;
} DisableData;

static void
disable_data_free (gpointer data)
{
	DisableData *d = data;

	g_free (d->name);
	g_free (d->actor);
	g_free (d);
}

static gboolean
disable_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	DisableData *d = data;
	gint affected = 0;

	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE profiles SET disabled = ##disabled::gint64, updated_at = ##now::gint64 "
		    "WHERE name = ##name::string",
		    &affected, error, PKD_DB_INT ("disabled", d->disabled ? 1 : 0),
		    PKD_DB_INT ("now", pkd_store_now ()), PKD_DB_STR ("name", d->name), NULL))
		return FALSE;
	if (affected != 1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND, "profile %s not found",
			     d->name);
		return FALSE;
	}
	return pkd_store_txn_audit (txn, d->disabled ? "profile.disabled" : "profile.enabled",
				    d->actor, NULL, d->name, NULL, error);
}

static const PkdStoreOpClass disable_op = {
	.what = "enabling or disabling a profile",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = disable_func,
};

void
pkd_store_set_profile_disabled_async (PkdStore *self,
				      const gchar *name,
				      gboolean disabled,
				      const gchar *actor,
				      GCancellable *cancellable,
				      GAsyncReadyCallback callback,
				      gpointer user_data)
{
	DisableData *d = g_new0 (DisableData, 1);

	d->name = g_strdup (name);
	d->disabled = disabled;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &disable_op, d, disable_data_free,
			  pkd_store_set_profile_disabled_async, cancellable, callback, user_data);
}

gboolean
pkd_store_set_profile_disabled_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_set_profile_disabled_async, error);
}

/* get */

typedef struct {
	gchar *name;
	guint version;
} GetData;

static void
get_data_free (gpointer data)
{
	GetData *d = data;

	g_free (d->name);
	g_free (d);
}

static gboolean
get_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	GetData *d = data;
	g_autoptr(GdaDataModel) model = NULL;

	if (d->version == 0)
		model = pkd_db_select (
			txn->db,
			PROFILE_SELECT
			"AND v.version = p.latest_version WHERE p.name = ##name::string",
			profile_types, error, PKD_DB_STR ("name", d->name), NULL);
	else
		model = pkd_db_select (
			txn->db,
			PROFILE_SELECT
			"AND v.version = ##version::gint64 WHERE p.name = ##name::string",
			profile_types, error, PKD_DB_INT ("version", d->version),
			PKD_DB_STR ("name", d->name), NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "profile %s version %u not found", d->name, d->version);
		return FALSE;
	}
	result->ptr = profile_from_row (model, 0);
	return TRUE;
}

static const PkdStoreOpClass get_op = {
	.what = "reading a profile",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = get_func,
	.result_free = (GDestroyNotify)pkd_profile_record_free,
};

/**
 * pkd_store_get_profile_async:
 * @self: a store
 * @name: profile name
 * @version: a version, 0 for the latest
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_get_profile_async (PkdStore *self,
			     const gchar *name,
			     guint version,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data)
{
	GetData *d = g_new0 (GetData, 1);

	d->name = g_strdup (name);
	d->version = version;
	pkd_store_submit (self, &get_op, d, get_data_free, pkd_store_get_profile_async, cancellable,
			  callback, user_data);
}

PkdProfileRecord *
pkd_store_get_profile_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_get_profile_async, error);
}

/* list */

static gboolean
list_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	g_autoptr(GdaDataModel) model = NULL;
	GPtrArray *rows;
	gint n;

	model = pkd_db_select (txn->db,
			       PROFILE_SELECT "AND v.version = p.latest_version ORDER BY p.name",
			       profile_types, error, NULL);
	if (model == NULL)
		return FALSE;
	n = gda_data_model_get_n_rows (model);
	rows = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkd_profile_record_free);
	for (gint i = 0; i < n; i++)
		g_ptr_array_add (rows, profile_from_row (model, i));
	result->ptr = rows;
	return TRUE;
}

static const PkdStoreOpClass list_op = {
	.what = "listing profiles",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = list_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

void
pkd_store_list_profiles_async (PkdStore *self,
			       GCancellable *cancellable,
			       GAsyncReadyCallback callback,
			       gpointer user_data)
{
	pkd_store_submit (self, &list_op, NULL, NULL, pkd_store_list_profiles_async, cancellable,
			  callback, user_data);
}

/**
 * pkd_store_list_profiles_finish:
 *
 * Returns: (transfer full) (element-type PkdProfileRecord): the latest version of every
 * profile, disabled ones included, by name
 */
GPtrArray *
pkd_store_list_profiles_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_list_profiles_async, error);
}
