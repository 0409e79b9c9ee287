/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The versioned schema. Each version is one step of DDL applied in its own transaction,
 * together with the new version number and a "schema.migrated" audit record, so a
 * database is always exactly at one version. Steps are never edited once released: a
 * change is a new step (the ACME tables, for instance, come as version 3). Keeping every
 * step also keeps every older schema reproducible, which the migration test uses.
 *
 * Templates: {BLOB} is BLOB/BYTEA, {ID} an auto-increment primary key. A statement
 * starting with "pg:" or "sqlite:" runs on that provider only. Times are BIGINT unix
 * seconds; serials and audit timestamps are TEXT.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include <string.h>

#include "pkd-store-private.h"
#include "pkinext-error.h"

/* any constant: serializes migrations of daemons sharing one PostgreSQL database */
#define SCHEMA_PG_LOCK_KEY "7250510"

/* version 1: CAs, certificates, requests, the audit log */
static const gchar *const schema_v1[] = {
	"CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)",
	"INSERT INTO schema_version (id, version) VALUES (1, 0)",
	"CREATE TABLE cas ("
	" name TEXT PRIMARY KEY,"
	" subject TEXT NOT NULL,"
	" certificate {BLOB},"
	" created_at BIGINT NOT NULL,"
	" updated_at BIGINT NOT NULL,"
	" next_crl_number BIGINT NOT NULL DEFAULT 1)",
	"CREATE TABLE certificates ("
	" id {ID},"
	" ca TEXT NOT NULL REFERENCES cas (name),"
	" serial TEXT NOT NULL,"
	" subject TEXT NOT NULL,"
	" sans TEXT NOT NULL DEFAULT '',"
	" not_before BIGINT NOT NULL,"
	" not_after BIGINT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),"
	" revocation_reason INTEGER,"
	" revocation_time BIGINT,"
	" invalidity_date BIGINT,"
	" unrevoked_at BIGINT,"
	" profile TEXT NOT NULL,"
	" request_id BIGINT,"
	" shard INTEGER NOT NULL DEFAULT 0,"
	" issued_at BIGINT NOT NULL,"
	" der {BLOB} NOT NULL,"
	" UNIQUE (ca, serial))",
	"CREATE INDEX certificates_subject ON certificates (subject)",
	"CREATE INDEX certificates_not_after ON certificates (not_after)",
	"CREATE INDEX certificates_profile ON certificates (profile)",
	"CREATE INDEX certificates_request ON certificates (request_id)",
	"CREATE INDEX certificates_status ON certificates (ca, status, shard)",
	"CREATE TABLE certificate_sans ("
	" ca TEXT NOT NULL,"
	" serial TEXT NOT NULL,"
	" san TEXT NOT NULL,"
	" PRIMARY KEY (ca, serial, san),"
	" FOREIGN KEY (ca, serial) REFERENCES certificates (ca, serial))",
	"CREATE INDEX certificate_sans_san ON certificate_sans (san)",
	"CREATE TABLE requests ("
	" id BIGINT PRIMARY KEY,"
	" ca TEXT NOT NULL REFERENCES cas (name),"
	" csr {BLOB} NOT NULL,"
	" profile TEXT NOT NULL,"
	" requester TEXT NOT NULL,"
	" metadata TEXT NOT NULL DEFAULT '{}',"
	" state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'issued')),"
	" decision_reason TEXT,"
	" decision_agent TEXT,"
	" serial TEXT,"
	" created_at BIGINT NOT NULL,"
	" updated_at BIGINT NOT NULL)",
	"CREATE INDEX requests_state ON requests (ca, state)",
	"pg:CREATE SEQUENCE requests_id_seq",
	"CREATE TABLE audit_log ("
	" seq BIGINT PRIMARY KEY,"
	" ts TEXT NOT NULL,"
	" key_id TEXT NOT NULL,"
	" event TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" ca TEXT NOT NULL,"
	" target TEXT NOT NULL,"
	" details TEXT NOT NULL,"
	" prev_mac TEXT NOT NULL,"
	" mac TEXT NOT NULL)",
	"CREATE INDEX audit_log_target ON audit_log (ca, target)",
	"CREATE TABLE audit_head ("
	" id INTEGER PRIMARY KEY,"
	" seq BIGINT NOT NULL,"
	" mac TEXT NOT NULL,"
	" key_id TEXT)",
	"INSERT INTO audit_head (id, seq, mac, key_id) VALUES (1, 0, 'GENESIS', NULL)",
	NULL,
};

/* version 2: profile versions on certificates, custom profiles, CRLs, OCSP responses,
 * principals and roles, leases */
static const gchar *const schema_v2[] = {
	"ALTER TABLE certificates ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0",
	"CREATE TABLE profiles ("
	" name TEXT PRIMARY KEY,"
	" latest_version INTEGER NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0,"
	" created_at BIGINT NOT NULL,"
	" updated_at BIGINT NOT NULL)",
	"CREATE TABLE profile_versions ("
	" name TEXT NOT NULL REFERENCES profiles (name),"
	" version INTEGER NOT NULL,"
	" definition TEXT NOT NULL,"
	" created_at BIGINT NOT NULL,"
	" created_by TEXT NOT NULL,"
	" PRIMARY KEY (name, version))",
	"CREATE TABLE crls ("
	" ca TEXT NOT NULL REFERENCES cas (name),"
	" number BIGINT NOT NULL,"
	" shard INTEGER NOT NULL,"
	" base_number BIGINT,"
	" this_update BIGINT NOT NULL,"
	" next_update BIGINT NOT NULL,"
	" der {BLOB} NOT NULL,"
	" PRIMARY KEY (ca, number))",
	"CREATE INDEX crls_latest ON crls (ca, shard, number)",
	"CREATE TABLE ocsp_responses ("
	" ca TEXT NOT NULL,"
	" serial TEXT NOT NULL,"
	" produced_at BIGINT NOT NULL,"
	" next_update BIGINT NOT NULL,"
	" der {BLOB} NOT NULL,"
	" PRIMARY KEY (ca, serial),"
	" FOREIGN KEY (ca, serial) REFERENCES certificates (ca, serial))",
	"CREATE INDEX ocsp_responses_next_update ON ocsp_responses (next_update)",
	"CREATE TABLE principals ("
	" name TEXT PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" display_name TEXT NOT NULL DEFAULT '',"
	" disabled INTEGER NOT NULL DEFAULT 0,"
	" created_at BIGINT NOT NULL)",
	"CREATE TABLE role_bindings ("
	" principal TEXT NOT NULL REFERENCES principals (name),"
	" ca TEXT NOT NULL,"
	" role TEXT NOT NULL,"
	" created_at BIGINT NOT NULL,"
	" PRIMARY KEY (principal, ca, role))",
	"CREATE TABLE leases ("
	" name TEXT PRIMARY KEY,"
	" holder TEXT NOT NULL,"
	" expires_at BIGINT NOT NULL)",
	NULL,
};

static const gchar *const *const schema_steps[PKD_STORE_SCHEMA_VERSION] = {
	schema_v1,
	schema_v2,
};

/**
 * pkd_store_schema_get_version:
 * @db: a connection
 * @version: (out): the schema version, 0 for an empty database
 * @error: return location
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_store_schema_get_version (PkdDb *db, guint *version, GError **error)
{
	static const GType types[] = {G_TYPE_INT64, G_TYPE_NONE};
	g_autoptr(GdaDataModel) exists = NULL;
	g_autoptr(GdaDataModel) model = NULL;
	const gchar *probe;

	probe = pkd_db_get_dialect (db) == PKD_DB_SQLITE
			? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
			  "name = 'schema_version'"
			: "SELECT COUNT(*) FROM information_schema.tables WHERE "
			  "table_schema = current_schema() AND table_name = 'schema_version'";
	exists = pkd_db_select (db, probe, types, error, NULL);
	if (exists == NULL)
		return FALSE;
	if (pkd_db_get_int (exists, 0, 0) == 0) {
		*version = 0;
		return TRUE;
	}
	model = pkd_db_select (db, "SELECT version FROM schema_version WHERE id = 1", types, error,
			       NULL);
	if (model == NULL)
		return FALSE;
	if (gda_data_model_get_n_rows (model) != 1) {
		g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_STORAGE,
				     "table schema_version has no row: not a pkinext database?");
		return FALSE;
	}
	*version = (guint)pkd_db_get_int (model, 0, 0);
	return TRUE;
}

static gboolean
schema_run_step (PkdDb *db, guint version, GError **error)
{
	const gchar *const *stmts = schema_steps[version - 1];
	gboolean sqlite = pkd_db_get_dialect (db) == PKD_DB_SQLITE;

	for (guint i = 0; stmts[i] != NULL; i++) {
		const gchar *sql = stmts[i];
		if (g_str_has_prefix (sql, "pg:")) {
			if (sqlite)
				continue;
			sql += strlen ("pg:");
		} else if (g_str_has_prefix (sql, "sqlite:")) {
			if (!sqlite)
				continue;
			sql += strlen ("sqlite:");
		}
		if (!pkd_db_execute (db, sql, NULL, error, NULL))
			return FALSE;
	}
	return pkd_db_execute (db,
			       "UPDATE schema_version SET version = ##version::gint64 WHERE id = 1",
			       NULL, error, PKD_DB_INT ("version", version), NULL);
}

/* one step in one transaction; another daemon may have done it meanwhile */
static gboolean
schema_migrate_one (PkdStore *self, PkdDb *db, guint to, GError **error)
{
	PkdStoreTxn txn = {.store = self, .db = db, .write = TRUE};
	g_autofree gchar *details = NULL;
	g_autofree gchar *target = g_strdup_printf ("%u", to);
	guint version = 0;
	gboolean ok;

	if (!pkd_db_begin (db, error))
		return FALSE;
	ok = TRUE;
	if (pkd_db_get_dialect (db) == PKD_DB_POSTGRESQL) {
		g_autoptr(GdaDataModel) lock = NULL;
		static const GType types[] = {G_TYPE_STRING, G_TYPE_NONE};
		lock = pkd_db_select (
			db, "SELECT CAST(pg_advisory_xact_lock(" SCHEMA_PG_LOCK_KEY ") AS TEXT)",
			types, error, NULL);
		ok = lock != NULL;
	}
	ok = ok && pkd_store_schema_get_version (db, &version, error);
	if (ok && version < to) {
		g_autofree gchar *from = g_strdup_printf ("%u", version);
		details = pkd_store_json ("from", from, "to", target, NULL);
		ok = schema_run_step (db, to, error) &&
		     pkd_store_txn_audit (&txn, "schema.migrated", NULL, NULL, target, details,
					  error) &&
		     pkd_store_txn_audit_finish (&txn, error);
	}
	ok = ok && pkd_db_commit (db, error);
	if (!ok)
		pkd_db_rollback (db);
	pkd_store_txn_audit_reset (&txn);
	if (!ok)
		g_prefix_error (error, "migrating the schema to version %u: ", to);
	return ok;
}

/**
 * pkd_store_schema_migrate:
 * @self: the store (for its audit keyring)
 * @db: a connection
 * @target: the version to reach
 * @error: return location
 *
 * Applies every missing step up to @target, each in its own transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
pkd_store_schema_migrate (PkdStore *self, PkdDb *db, guint target, GError **error)
{
	guint version = 0;

	if (!pkd_store_schema_get_version (db, &version, error))
		return FALSE;
	for (guint to = version + 1; to <= target; to++) {
		if (!schema_migrate_one (self, db, to, error))
			return FALSE;
		g_message ("database schema migrated to version %u", to);
	}
	return TRUE;
}
