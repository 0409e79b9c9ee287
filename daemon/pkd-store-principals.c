/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Principals (users, hosts, services known to the CA) and their roles per CA.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

typedef struct {
	gchar *name;
	gchar *kind;
	gchar *display_name;
	gchar *ca;
	gchar *role;
	gboolean granted;
	gchar *actor;
} PrincipalData;

static void
principal_data_free (gpointer data)
{
	PrincipalData *d = data;

	g_free (d->name);
	g_free (d->kind);
	g_free (d->display_name);
	g_free (d->ca);
	g_free (d->role);
	g_free (d->actor);
	g_free (d);
}

/* add a principal */

static gboolean
add_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PrincipalData *d = data;
	g_autofree gchar *details = NULL;

	if (!pkd_store_check_text ("principal name", d->name, error) ||
	    !pkd_store_check_text ("principal kind", d->kind, error))
		return FALSE;
	if (!pkd_db_execute (
		    txn->db,
		    "INSERT INTO principals (name, kind, display_name, disabled, created_at) "
		    "VALUES (##name::string, ##kind::string, ##display::string, 0, ##now::gint64)",
		    NULL, error, PKD_DB_STR ("name", d->name), PKD_DB_STR ("kind", d->kind),
		    PKD_DB_STR ("display", d->display_name != NULL ? d->display_name : ""),
		    PKD_DB_INT ("now", pkd_store_now ()), NULL))
		return FALSE;
	details = pkd_store_json ("kind", d->kind, "display_name", d->display_name, NULL);
	return pkd_store_txn_audit (txn, "principal.created", d->actor, NULL, d->name, details,
				    error);
}

static const PkdStoreOpClass add_op = {
	.what = "adding a principal",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = add_func,
};

/**
 * pkd_store_add_principal_async:
 * @self: a store
 * @name: unique name (e.g. "alice", "host/web1.example.test")
 * @kind: "user", "host", "service"...
 * @display_name: (nullable): a human-readable name
 * @actor: (nullable): who adds it
 * @cancellable: (nullable): a cancellable
 * @callback: callback (PKINEXT_ERROR_ALREADY_EXISTS for a known name)
 * @user_data: for @callback
 */
void
pkd_store_add_principal_async (PkdStore *self,
			       const gchar *name,
			       const gchar *kind,
			       const gchar *display_name,
			       const gchar *actor,
			       GCancellable *cancellable,
			       GAsyncReadyCallback callback,
			       gpointer user_data)
{
	PrincipalData *d = g_new0 (PrincipalData, 1);

	d->name = g_strdup (name);
	d->kind = g_strdup (kind);
	d->display_name = g_strdup (display_name);
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &add_op, d, principal_data_free, pkd_store_add_principal_async,
			  cancellable, callback, user_data);
}

gboolean
pkd_store_add_principal_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_add_principal_async, error);
}

/* grant / revoke a role */

static gboolean
role_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	PrincipalData *d = data;
	g_autofree gchar *details = NULL;
	gint affected = 0;
	gboolean ok;

	if (!pkd_store_check_text ("principal name", d->name, error) ||
	    !pkd_store_check_text ("CA name", d->ca, error) ||
	    !pkd_store_check_text ("role", d->role, error))
		return FALSE;
	if (d->granted)
		ok = pkd_db_execute (
			txn->db,
			"INSERT INTO role_bindings (principal, ca, role, created_at) VALUES "
			"(##principal::string, ##ca::string, ##role::string, ##now::gint64)",
			&affected, error, PKD_DB_STR ("principal", d->name),
			PKD_DB_STR ("ca", d->ca), PKD_DB_STR ("role", d->role),
			PKD_DB_INT ("now", pkd_store_now ()), NULL);
	else
		ok = pkd_db_execute (
			txn->db,
			"DELETE FROM role_bindings WHERE principal = ##principal::string AND "
			"ca = ##ca::string AND role = ##role::string",
			&affected, error, PKD_DB_STR ("principal", d->name),
			PKD_DB_STR ("ca", d->ca), PKD_DB_STR ("role", d->role), NULL);
	if (!ok)
		return FALSE;
	if (!d->granted && affected != 1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "%s does not hold role %s on CA %s", d->name, d->role, d->ca);
		return FALSE;
	}
	details = pkd_store_json ("role", d->role, "ca", d->ca, NULL);
	return pkd_store_txn_audit (txn, d->granted ? "role.granted" : "role.revoked", d->actor,
				    g_strcmp0 (d->ca, "*") == 0 ? NULL : d->ca, d->name, details,
				    error);
}

static const PkdStoreOpClass role_op = {
	.what = "changing a role",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_BOOLEAN,
	.func = role_func,
};

/**
 * pkd_store_set_role_async:
 * @self: a store
 * @principal: an existing principal
 * @ca: a CA name, or "*" for every CA
 * @role: the role (the engine's authorization table names them)
 * @granted: grant (PKINEXT_ERROR_ALREADY_EXISTS if held) or take away
 *   (PKINEXT_ERROR_NOT_FOUND if not held)
 * @actor: (nullable): who
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_set_role_async (PkdStore *self,
			  const gchar *principal,
			  const gchar *ca,
			  const gchar *role,
			  gboolean granted,
			  const gchar *actor,
			  GCancellable *cancellable,
			  GAsyncReadyCallback callback,
			  gpointer user_data)
{
	PrincipalData *d = g_new0 (PrincipalData, 1);

	d->name = g_strdup (principal);
	d->ca = g_strdup (ca);
	d->role = g_strdup (role);
	d->granted = granted;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &role_op, d, principal_data_free, pkd_store_set_role_async,
			  cancellable, callback, user_data);
}

gboolean
pkd_store_set_role_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_boolean (self, result, pkd_store_set_role_async, error);
}

/* list roles */

static gboolean
list_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	static const GType types[] = {G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE};
	const gchar *principal = data;
	g_autoptr(GdaDataModel) model = NULL;
	GPtrArray *rows;
	gint n;

	if (principal != NULL)
		model = pkd_db_select (txn->db,
				       "SELECT principal, ca, role FROM role_bindings WHERE "
				       "principal = ##principal::string ORDER BY ca, role",
				       types, error, PKD_DB_STR ("principal", principal), NULL);
	else
		model = pkd_db_select (txn->db,
				       "SELECT principal, ca, role FROM role_bindings ORDER BY "
				       "principal, ca, role",
				       types, error, NULL);
	if (model == NULL)
		return FALSE;
	n = gda_data_model_get_n_rows (model);
	rows = g_ptr_array_new_full ((guint)n, (GDestroyNotify)pkd_role_binding_free);
	for (gint i = 0; i < n; i++) {
		PkdRoleBinding *b = g_new0 (PkdRoleBinding, 1);
		b->principal = pkd_db_get_string (model, 0, i);
		b->ca = pkd_db_get_string (model, 1, i);
		b->role = pkd_db_get_string (model, 2, i);
		g_ptr_array_add (rows, b);
	}
	result->ptr = rows;
	return TRUE;
}

static const PkdStoreOpClass list_op = {
	.what = "listing roles",
	.kind = PKD_STORE_OP_READ,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = list_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

/**
 * pkd_store_list_roles_async:
 * @self: a store
 * @principal: (nullable): one principal, or %NULL for all
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 */
void
pkd_store_list_roles_async (PkdStore *self,
			    const gchar *principal,
			    GCancellable *cancellable,
			    GAsyncReadyCallback callback,
			    gpointer user_data)
{
	pkd_store_submit (self, &list_op, g_strdup (principal), g_free, pkd_store_list_roles_async,
			  cancellable, callback, user_data);
}

/**
 * pkd_store_list_roles_finish:
 *
 * Returns: (transfer full) (element-type PkdRoleBinding): the role bindings
 */
GPtrArray *
pkd_store_list_roles_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_list_roles_async, error);
}
