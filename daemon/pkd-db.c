/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkdDb"

#include "config.h"

#include <sql-parser/gda-sql-parser.h>
#include <string.h>

#include "pkd-db.h"
#include "pkinext-error.h"

typedef struct {
	GdaStatement *stmt;
	GdaSet *params; /* NULL when the statement has none */
	guint n_params;
} CachedStatement;

struct _PkdDb {
	GObject parent_instance;
	PkdDbDialect dialect;
	GdaConnection *cnc;
	GdaSqlParser *parser;
	GHashTable *cache; /* SQL template -> CachedStatement */
};

G_DEFINE_TYPE (PkdDb, pkd_db, G_TYPE_OBJECT)

static void
cached_statement_free (gpointer data)
{
	CachedStatement *cs = data;

	g_clear_object (&cs->stmt);
	g_clear_object (&cs->params);
	g_free (cs);
}

static void
pkd_db_finalize (GObject *object)
{
	PkdDb *self = PKD_DB (object);

	g_hash_table_unref (self->cache);
	g_clear_object (&self->parser);
	if (self->cnc != NULL)
		gda_connection_close (self->cnc);
	g_clear_object (&self->cnc);
	G_OBJECT_CLASS (pkd_db_parent_class)->finalize (object);
}

static void
pkd_db_class_init (PkdDbClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkd_db_finalize;
}

static void
pkd_db_init (PkdDb *self)
{
	self->cache =
		g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_statement_free);
}

const gchar *
pkd_db_dialect_to_string (PkdDbDialect dialect)
{
	return dialect == PKD_DB_SQLITE ? "sqlite" : "postgresql";
}

PkdDbDialect
pkd_db_get_dialect (PkdDb *self)
{
	return self->dialect;
}

/* the SQL of one provider from a template */
static gchar *
expand_template (PkdDb *self, const gchar *sql)
{
	static const gchar *const tokens[][3] = {
		/* token, SQLite, PostgreSQL */
		{"{BLOB}", "BLOB", "BYTEA"},
		{"{ID}", "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"},
		{"{LOCK}", "", " FOR UPDATE"},
		{"{INSTR}", "instr", "strpos"},
	};
	GString *s = g_string_new (sql);
	const gchar *p;

	for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
		g_string_replace (s, tokens[i][0],
				  tokens[i][1 + (self->dialect == PKD_DB_POSTGRESQL)], 0);
	/* {HEXOF:col}: binary columns are read as hex text. libgda's SQLite provider hands
	 * BLOBs out through a blob handle that silently begins a transaction it never ends */
	while ((p = strstr (s->str, "{HEXOF:")) != NULL) {
		gsize at = (gsize)(p - s->str);
		const gchar *end = strchr (p, '}');
		g_autofree gchar *col = NULL;
		g_autofree gchar *expr = NULL;

		g_assert (end != NULL);
		col = g_strndup (p + strlen ("{HEXOF:"), (gsize)(end - p) - strlen ("{HEXOF:"));
		expr = self->dialect == PKD_DB_SQLITE ? g_strdup_printf ("hex(%s)", col)
						      : g_strdup_printf ("encode(%s, 'hex')", col);
		g_string_erase (s, (gssize)at, (gssize)(end - p) + 1);
		g_string_insert (s, (gssize)at, expr);
	}
	return g_string_free (s, FALSE);
}

static gboolean
is_unique_violation (PkdDb *self, const GError *gda_error)
{
	for (const GList *l = gda_connection_get_events (self->cnc); l != NULL; l = l->next) {
		GdaConnectionEvent *ev = l->data;
		if (gda_connection_event_get_event_type (ev) != GDA_CONNECTION_EVENT_ERROR)
			continue;
		if (gda_connection_event_get_gda_code (ev) ==
			    GDA_CONNECTION_EVENT_CODE_UNIQUE_VIOLATION ||
		    g_strcmp0 (gda_connection_event_get_sqlstate (ev), "23505") == 0)
			return TRUE;
	}
	/* SQLite reports constraint failures through the message only */
	return gda_error != NULL && gda_error->message != NULL &&
	       (strstr (gda_error->message, "UNIQUE constraint failed") != NULL ||
		strstr (gda_error->message, "duplicate key value") != NULL);
}

static void
set_db_error (PkdDb *self, GError **error, GError *gda_error, const gchar *what)
{
	const gchar *msg = gda_error != NULL && gda_error->message != NULL ? gda_error->message
									   : "unknown error";
	gint code = is_unique_violation (self, gda_error) ? PKINEXT_ERROR_ALREADY_EXISTS
							  : PKINEXT_ERROR_STORAGE;

	g_set_error (error, PKINEXT_ERROR, code, "%s database: %s: %s",
		     pkd_db_dialect_to_string (self->dialect), what, msg);
}

static CachedStatement *
db_prepare (PkdDb *self, const gchar *sql, GError **error)
{
	CachedStatement *cs = g_hash_table_lookup (self->cache, sql);
	g_autofree gchar *expanded = NULL;
	g_autoptr(GError) local = NULL;
	const gchar *rest = NULL;

	if (cs != NULL)
		return cs;
	expanded = expand_template (self, sql);
	cs = g_new0 (CachedStatement, 1);
	cs->stmt = gda_sql_parser_parse_string (self->parser, expanded, &rest, &local);
	if (cs->stmt == NULL || (rest != NULL && *rest != '\0') ||
	    !gda_statement_get_parameters (cs->stmt, &cs->params, &local)) {
		g_autofree gchar *what = g_strdup_printf ("cannot prepare \"%s\"", expanded);
		set_db_error (self, error, local, what);
		cached_statement_free (cs);
		return NULL;
	}
	if (cs->params != NULL)
		cs->n_params = g_slist_length (cs->params->holders);
	g_hash_table_insert (self->cache, g_strdup (sql), cs);
	return cs;
}

typedef struct {
	gchar *name;
	GValue value; /* unset (G_TYPE_INVALID): SQL NULL */
} DbParam;

struct _PkdDbParams {
	GArray *items; /* DbParam */
};

static void
db_param_clear (gpointer data)
{
	DbParam *p = data;

	g_free (p->name);
	if (G_IS_VALUE (&p->value))
		g_value_unset (&p->value);
}

PkdDbParams *
pkd_db_params_new (void)
{
	PkdDbParams *params = g_new0 (PkdDbParams, 1);

	params->items = g_array_new (FALSE, TRUE, sizeof (DbParam));
	g_array_set_clear_func (params->items, db_param_clear);
	return params;
}

void
pkd_db_params_free (PkdDbParams *params)
{
	if (params == NULL)
		return;
	g_array_unref (params->items);
	g_free (params);
}

static GValue *
params_append (PkdDbParams *params, const gchar *name)
{
	DbParam p = {.name = g_strdup (name), .value = G_VALUE_INIT};

	g_array_append_val (params->items, p);
	return &g_array_index (params->items, DbParam, params->items->len - 1).value;
}

void
pkd_db_params_add_string (PkdDbParams *params, const gchar *name, const gchar *value)
{
	GValue *v = params_append (params, name);

	if (value != NULL) {
		g_value_init (v, G_TYPE_STRING);
		g_value_set_string (v, value);
	}
}

void
pkd_db_params_add_int (PkdDbParams *params, const gchar *name, gint64 value)
{
	GValue *v = params_append (params, name);

	g_value_init (v, G_TYPE_INT64);
	g_value_set_int64 (v, value);
}

void
pkd_db_params_add_bytes (PkdDbParams *params, const gchar *name, GBytes *value)
{
	GValue *v = params_append (params, name);
	GdaBinary bin;
	gsize len = 0;

	if (value == NULL)
		return;
	bin.data = (guchar *)g_bytes_get_data (value, &len);
	bin.binary_length = (glong)len;
	g_value_init (v, GDA_TYPE_BINARY);
	gda_value_set_binary (v, &bin);
}

/* (name, GType, value) triples up to a NULL name */
static gboolean
params_from_va (PkdDbParams *params, va_list ap, GError **error)
{
	const gchar *name;

	while ((name = va_arg (ap, const gchar *)) != NULL) {
		GType type = va_arg (ap, GType);
		if (type == G_TYPE_STRING) {
			pkd_db_params_add_string (params, name, va_arg (ap, const gchar *));
		} else if (type == G_TYPE_INT64) {
			pkd_db_params_add_int (params, name, va_arg (ap, gint64));
		} else if (type == G_TYPE_BYTES) {
			pkd_db_params_add_bytes (params, name, va_arg (ap, GBytes *));
		} else {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "parameter %s has unsupported type %s", name,
				     g_type_name (type));
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
db_bind (PkdDb *self, CachedStatement *cs, const gchar *sql, PkdDbParams *params, GError **error)
{
	guint n = params != NULL ? params->items->len : 0;

	for (guint i = 0; i < n; i++) {
		g_autoptr(GError) local = NULL;
		DbParam *p = &g_array_index (params->items, DbParam, i);
		GdaHolder *holder =
			cs->params != NULL ? gda_set_get_holder (cs->params, p->name) : NULL;
		const GValue *value = G_IS_VALUE (&p->value) ? &p->value : NULL;

		if (holder == NULL || !gda_holder_set_value (holder, value, &local)) {
			g_autofree gchar *what =
				g_strdup_printf ("binding parameter %s of \"%s\"", p->name, sql);
			if (local == NULL)
				local = g_error_new_literal (PKINEXT_ERROR, PKINEXT_ERROR_FAILED,
							     "no such parameter");
			set_db_error (self, error, local, what);
			return FALSE;
		}
	}
	/* cached parameter sets keep old values: every parameter must be given each time */
	if (n != cs->n_params) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "\"%s\" has %u parameters, %u given", sql, cs->n_params, n);
		return FALSE;
	}
	return TRUE;
}

/**
 * pkd_db_execute_with:
 * @self: a connection
 * @sql: an SQL template (not a SELECT)
 * @params: (nullable): every parameter of @sql
 * @affected: (out) (optional): rows affected (-1 when the provider does not say)
 * @error: return location
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_db_execute_with (
	PkdDb *self, const gchar *sql, PkdDbParams *params, gint *affected, GError **error)
{
	g_autoptr(GError) local = NULL;
	CachedStatement *cs;
	gint rows;

	cs = db_prepare (self, sql, error);
	if (cs == NULL || !db_bind (self, cs, sql, params, error))
		return FALSE;
	rows = gda_connection_statement_execute_non_select (self->cnc, cs->stmt, cs->params, NULL,
							    &local);
	if (rows == -1 || local != NULL) {
		set_db_error (self, error, local, sql);
		return FALSE;
	}
	if (affected != NULL)
		*affected = rows < 0 ? -1 : rows;
	return TRUE;
}

/**
 * pkd_db_execute:
 * @self: a connection
 * @sql: an SQL template (not a SELECT)
 * @affected: (out) (optional): rows affected (-1 when the provider does not say)
 * @error: return location
 * @...: NULL-terminated parameter triples
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_db_execute (PkdDb *self, const gchar *sql, gint *affected, GError **error, ...)
{
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	gboolean ok;
	va_list ap;

	va_start (ap, error);
	ok = params_from_va (params, ap, error);
	va_end (ap);
	return ok && pkd_db_execute_with (self, sql, params, affected, error);
}

/**
 * pkd_db_select_with:
 * @self: a connection
 * @sql: an SQL template returning rows
 * @col_types: the type of every column, terminated by G_TYPE_NONE
 * @params: (nullable): every parameter of @sql
 * @error: return location
 *
 * Returns: (transfer full): all rows, or %NULL on error
 */
GdaDataModel *
pkd_db_select_with (
	PkdDb *self, const gchar *sql, const GType *col_types, PkdDbParams *params, GError **error)
{
	g_autoptr(GError) local = NULL;
	g_autofree GType *types = NULL;
	CachedStatement *cs;
	GdaDataModel *model;
	guint n = 0;

	cs = db_prepare (self, sql, error);
	if (cs == NULL || !db_bind (self, cs, sql, params, error))
		return NULL;
	while (col_types != NULL && col_types[n] != G_TYPE_NONE)
		n++;
	types = g_new0 (GType, n + 1);
	for (guint i = 0; i < n; i++) {
		types[i] = col_types[i];
		/* selected as {HEXOF:col} */
		if (types[i] == PKD_DB_COL_BYTES)
			types[i] = G_TYPE_STRING;
	}
	types[n] = G_TYPE_NONE;
	/* the column types MUST be given: SQLite would hand back BIGINT as a 32-bit gint */
	model = gda_connection_statement_execute_select_full (
		self->cnc, cs->stmt, cs->params, GDA_STATEMENT_MODEL_RANDOM_ACCESS, types, &local);
	if (model == NULL) {
		set_db_error (self, error, local, sql);
		return NULL;
	}
	return model;
}

/**
 * pkd_db_select:
 * @self: a connection
 * @sql: an SQL template returning rows
 * @col_types: the type of every column, terminated by G_TYPE_NONE
 * @error: return location
 * @...: NULL-terminated parameter triples
 *
 * Returns: (transfer full): all rows, or %NULL on error
 */
GdaDataModel *
pkd_db_select (PkdDb *self, const gchar *sql, const GType *col_types, GError **error, ...)
{
	g_autoptr(PkdDbParams) params = pkd_db_params_new ();
	gboolean ok;
	va_list ap;

	va_start (ap, error);
	ok = params_from_va (params, ap, error);
	va_end (ap);
	if (!ok)
		return NULL;
	return pkd_db_select_with (self, sql, col_types, params, error);
}

static gboolean
db_pragma (PkdDb *self, const gchar *sql, const gchar *expect, GError **error)
{
	static const GType types[] = {G_TYPE_STRING, G_TYPE_NONE};
	g_autoptr(GdaDataModel) model = pkd_db_select (self, sql, types, error, NULL);
	g_autofree gchar *value = NULL;

	if (model == NULL)
		return FALSE;
	if (expect == NULL)
		return TRUE;
	if (gda_data_model_get_n_rows (model) > 0)
		value = pkd_db_get_string (model, 0, 0);
	if (g_strcmp0 (value, expect) != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_STORAGE,
			     "sqlite database: %s gave \"%s\", expected \"%s\"", sql,
			     value != NULL ? value : "", expect);
		return FALSE;
	}
	return TRUE;
}

static gboolean
db_setup_sqlite (PkdDb *self, GError **error)
{
	/* WAL for concurrent readers; FULL: a committed transaction survives power loss */
	return db_pragma (self, "PRAGMA journal_mode=WAL", "wal", error) &&
	       db_pragma (self, "PRAGMA synchronous=FULL", NULL, error) &&
	       db_pragma (self, "PRAGMA synchronous", "2", error) &&
	       db_pragma (self, "PRAGMA foreign_keys=ON", NULL, error) &&
	       db_pragma (self, "PRAGMA foreign_keys", "1", error) &&
	       db_pragma (self, "PRAGMA busy_timeout=10000", NULL, error);
}

static gpointer
gda_init_once (gpointer data)
{
	gda_init ();
	return NULL;
}

/**
 * pkd_db_open:
 * @dialect: the provider
 * @cnc_string: libgda connection string ("DB_DIR=...;DB_NAME=..." or "HOST=...;DB_NAME=...")
 * @auth_string: (nullable): libgda auth string ("USERNAME=...;PASSWORD=...")
 * @error: return location
 *
 * Opens a connection; call from the thread that will use it.
 *
 * Returns: (transfer full): the connection, or %NULL on error
 */
PkdDb *
pkd_db_open (PkdDbDialect dialect,
	     const gchar *cnc_string,
	     const gchar *auth_string,
	     GError **error)
{
	static GOnce once = G_ONCE_INIT;
	g_autoptr(PkdDb) self = g_object_new (PKD_TYPE_DB, NULL);
	g_autoptr(GError) local = NULL;
	const gchar *provider = dialect == PKD_DB_SQLITE ? "SQLite" : "PostgreSQL";

	g_once (&once, gda_init_once, NULL);
	self->dialect = dialect;
	self->cnc = gda_connection_open_from_string (provider, cnc_string, auth_string,
						     GDA_CONNECTION_OPTIONS_NONE, &local);
	if (self->cnc == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_STORAGE,
			     "cannot open the %s database (%s): %s",
			     pkd_db_dialect_to_string (dialect), cnc_string,
			     local != NULL ? local->message : "unknown error");
		return NULL;
	}
	self->parser = gda_connection_create_parser (self->cnc);
	if (self->parser == NULL)
		self->parser = gda_sql_parser_new ();
	if (dialect == PKD_DB_SQLITE && !db_setup_sqlite (self, error))
		return NULL;
	return g_steal_pointer (&self);
}

/**
 * pkd_db_begin:
 * @self: a connection
 * @error: return location
 *
 * Starts a write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken now
 * and reads inside the transaction cannot go stale).
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_db_begin (PkdDb *self, GError **error)
{
	const gchar *sql = self->dialect == PKD_DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN";

	if (!pkd_db_execute (self, sql, NULL, error, NULL)) {
		g_prefix_error (error, "starting a transaction: ");
		return FALSE;
	}
	return TRUE;
}

/**
 * pkd_db_begin_read:
 * @self: a connection
 * @error: return location
 *
 * Starts a read-only snapshot (several selects see one state of the database).
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_db_begin_read (PkdDb *self, GError **error)
{
	const gchar *sql = self->dialect == PKD_DB_SQLITE
				   ? "BEGIN"
				   : "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";

	if (!pkd_db_execute (self, sql, NULL, error, NULL)) {
		g_prefix_error (error, "starting a read transaction: ");
		return FALSE;
	}
	return TRUE;
}

gboolean
pkd_db_commit (PkdDb *self, GError **error)
{
	if (!pkd_db_execute (self, "COMMIT", NULL, error, NULL)) {
		g_prefix_error (error, "committing: ");
		return FALSE;
	}
	return TRUE;
}

void
pkd_db_rollback (PkdDb *self)
{
	g_autoptr(GError) error = NULL;

	if (!pkd_db_execute (self, "ROLLBACK", NULL, &error, NULL))
		g_debug ("rollback: %s", error->message);
}

static const GValue *
model_value (GdaDataModel *model, gint col, gint row)
{
	return gda_data_model_get_value_at (model, col, row, NULL);
}

gboolean
pkd_db_is_null (GdaDataModel *model, gint col, gint row)
{
	const GValue *v = model_value (model, col, row);

	return v == NULL || G_VALUE_HOLDS (v, GDA_TYPE_NULL);
}

/**
 * pkd_db_get_string:
 *
 * Returns: (transfer full) (nullable): the value as text, %NULL for SQL NULL
 */
gchar *
pkd_db_get_string (GdaDataModel *model, gint col, gint row)
{
	const GValue *v = model_value (model, col, row);

	if (v == NULL || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
		return NULL;
	if (G_VALUE_HOLDS_STRING (v))
		return g_value_dup_string (v);
	return gda_value_stringify (v);
}

/**
 * pkd_db_get_int:
 *
 * Returns: the value as a 64-bit integer, 0 for SQL NULL
 */
gint64
pkd_db_get_int (GdaDataModel *model, gint col, gint row)
{
	const GValue *v = model_value (model, col, row);

	if (v == NULL || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
		return 0;
	if (G_VALUE_HOLDS_INT64 (v))
		return g_value_get_int64 (v);
	if (G_VALUE_HOLDS_INT (v))
		return g_value_get_int (v);
	if (G_VALUE_HOLDS_UINT (v))
		return g_value_get_uint (v);
	if (G_VALUE_HOLDS_BOOLEAN (v))
		return g_value_get_boolean (v);
	if (G_VALUE_HOLDS_STRING (v) && g_value_get_string (v) != NULL)
		return g_ascii_strtoll (g_value_get_string (v), NULL, 10);
	g_warning ("column %d holds a %s, not an integer", col, G_VALUE_TYPE_NAME (v));
	return 0;
}

static GBytes *
bytes_from_hex (const gchar *hex)
{
	gsize len = strlen (hex);
	guint8 *out;

	if (len % 2 != 0)
		return NULL;
	out = g_malloc (len / 2 + 1);
	for (gsize i = 0; i < len / 2; i++) {
		gint hi = g_ascii_xdigit_value (hex[2 * i]);
		gint lo = g_ascii_xdigit_value (hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			g_free (out);
			return NULL;
		}
		out[i] = (guint8)(hi << 4 | lo);
	}
	return g_bytes_new_take (out, len / 2);
}

/**
 * pkd_db_get_bytes:
 *
 * Reads a binary column selected as {HEXOF:col} (hex text on both providers).
 *
 * Returns: (transfer full) (nullable): the bytes, %NULL for SQL NULL
 */
GBytes *
pkd_db_get_bytes (GdaDataModel *model, gint col, gint row)
{
	const GValue *v = model_value (model, col, row);
	GBytes *bytes = NULL;

	if (v == NULL || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
		return NULL;
	if (G_VALUE_HOLDS_STRING (v) && g_value_get_string (v) != NULL)
		bytes = bytes_from_hex (g_value_get_string (v));
	if (bytes == NULL)
		g_warning ("column %d does not hold hex-encoded bytes (%s)", col,
			   G_VALUE_TYPE_NAME (v));
	return bytes;
}
