/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PkdDb: one libgda connection (SQLite or PostgreSQL), used only by the store's worker
 * thread. It hides the providers' differences: SQL templates ({BLOB}, {ID}...), column
 * types given on every select (libgda's SQLite provider otherwise returns BIGINT as a
 * 32-bit gint), BLOB vs BYTEA values, cached prepared statements, and error mapping
 * to PKINEXT_ERROR_STORAGE / PKINEXT_ERROR_ALREADY_EXISTS.
 *
 * Parameters are passed as NULL-terminated (name, GType, value) triples; use the
 * PKD_DB_* macros. In SQL, write them the libgda way: ##name::string::null,
 * ##name::gint64, ##name::GdaBinary. Binary columns are written as GdaBinary and read
 * back as hex text ({HEXOF:der}): libgda's SQLite BLOB handles open a transaction that
 * they never close.
 */
#pragma once

#include <libgda/libgda.h>

G_BEGIN_DECLS

/* libgda 5 predates g_autoptr */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdaDataModel, g_object_unref)

typedef enum {
	PKD_DB_SQLITE,
	PKD_DB_POSTGRESQL,
} PkdDbDialect;

#define PKD_DB_STR(name, v)   (name), G_TYPE_STRING, (const gchar *)(v)
#define PKD_DB_INT(name, v)   (name), G_TYPE_INT64, (gint64)(v)
#define PKD_DB_BYTES(name, v) (name), G_TYPE_BYTES, (GBytes *)(v)

/* column types for pkd_db_select(): G_TYPE_STRING, G_TYPE_INT64 or PKD_DB_COL_BYTES;
 * a PKD_DB_COL_BYTES column must be selected as {HEXOF:column} */
/* a constant (usable in static arrays) that stands for BLOB/BYTEA */
#define PKD_DB_COL_BYTES G_TYPE_POINTER

#define PKD_TYPE_DB (pkd_db_get_type ())
G_DECLARE_FINAL_TYPE (PkdDb, pkd_db, PKD, DB, GObject)

PkdDb *pkd_db_open (PkdDbDialect dialect,
		    const gchar *cnc_string,
		    const gchar *auth_string,
		    GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkdDbDialect pkd_db_get_dialect (PkdDb *self);
const gchar *pkd_db_dialect_to_string (PkdDbDialect dialect);

typedef struct _PkdDbParams PkdDbParams;

PkdDbParams *pkd_db_params_new (void);
void pkd_db_params_free (PkdDbParams *params);
void pkd_db_params_add_string (PkdDbParams *params, const gchar *name, const gchar *value);
void pkd_db_params_add_int (PkdDbParams *params, const gchar *name, gint64 value);
void pkd_db_params_add_bytes (PkdDbParams *params, const gchar *name, GBytes *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdDbParams, pkd_db_params_free)

gboolean pkd_db_execute (PkdDb *self, const gchar *sql, gint *affected, GError **error, ...)
	G_GNUC_NULL_TERMINATED;
gboolean pkd_db_execute_with (
	PkdDb *self, const gchar *sql, PkdDbParams *params, gint *affected, GError **error);
GdaDataModel *pkd_db_select (PkdDb *self,
			     const gchar *sql,
			     const GType *col_types,
			     GError **error,
			     ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
GdaDataModel *pkd_db_select_with (PkdDb *self,
				  const gchar *sql,
				  const GType *col_types,
				  PkdDbParams *params,
				  GError **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean pkd_db_begin (PkdDb *self, GError **error);
gboolean pkd_db_begin_read (PkdDb *self, GError **error);
gboolean pkd_db_commit (PkdDb *self, GError **error);
void pkd_db_rollback (PkdDb *self);

gchar *pkd_db_get_string (GdaDataModel *model, gint col, gint row);
gint64 pkd_db_get_int (GdaDataModel *model, gint col, gint row);
gboolean pkd_db_is_null (GdaDataModel *model, gint col, gint row);
GBytes *pkd_db_get_bytes (GdaDataModel *model, gint col, gint row);

G_END_DECLS
