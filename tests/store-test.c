/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The store on BOTH providers: SQLite in a temporary folder and a real PostgreSQL 15
 * cluster started by the test. What the store wrote is checked with the sqlite3 and
 * psql command-line tools; the audit log is tampered with through them, after a close
 * and reopen (a real round trip through storage).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkd-store.h"
#include "pkinext-test-postgres.h"
#include "pkinext-test-util.h"
#include "pkinext.h"

#define KEY_A "audit-key-A-0123456789abcdef0123456789abcdef"
#define KEY_B "audit-key-B-fedcba9876543210fedcba9876543210"
#define KEY_C "audit-key-C-00112233445566778899aabbccddeeff"
#define CA    "main"
/* after 2038 and after 2^32 seconds: must survive as 64-bit */
#define FAR_FUTURE G_GINT64_CONSTANT (4102444800)

static PktPostgres *postgres;

typedef struct {
	const gchar *provider;
} Backend;

static const Backend backends[] = {{"sqlite"}, {"postgresql"}};

typedef struct {
	const Backend *backend;
	gchar *dir;
	gchar *connection; /* sqlite: the file; postgresql: libgda cnc string */
	gchar *dbname;
	PkinextAuditKeyring *keyring;
	PkdStore *store;
} Fixture;

/* waiting for async results */

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
	*(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
	while (*slot == NULL)
		g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
	return *slot;
}

static gboolean
is_sqlite (Fixture *fx)
{
	return strcmp (fx->backend->provider, "sqlite") == 0;
}

/* runs SQL with the provider's own command-line client */
static gchar *
raw_sql (Fixture *fx, const gchar *sql)
{
	g_autofree gchar *out = NULL;

	if (is_sqlite (fx)) {
		const gchar *argv[] = {"sqlite3", "-batch", "-bail", fx->connection, sql, NULL};
		out = pkt_run_expect (0, argv);
	} else {
		out = pkt_postgres_psql (postgres, fx->dbname, sql);
	}
	return g_strstrip (g_steal_pointer (&out));
}

static PkinextAuditKeyring *
keyring_new (const gchar *current, const gchar *old)
{
	g_autoptr(GError) error = NULL;
	PkinextAuditKeyring *kr = pkinext_audit_keyring_new ();

	if (old != NULL)
		pkinext_audit_keyring_add (kr, (const guint8 *)old, strlen (old), FALSE, &error);
	g_assert_no_error (error);
	pkinext_audit_keyring_add (kr, (const guint8 *)current, strlen (current), TRUE, &error);
	g_assert_no_error (error);
	return kr;
}

static PkdStore *
store_open_full (
	Fixture *fx, PkinextAuditKeyring *kr, guint target, PkdStoreOpenFlags flags, GError **error)
{
	g_autoptr(PkdStore) store = NULL;
	const gchar *auth = is_sqlite (fx) ? NULL : pkt_postgres_auth_string (postgres);

	store = pkd_store_new (fx->backend->provider, fx->connection, auth, kr, error);
	g_assert_no_error (error != NULL ? *error : NULL);
	if (target != 0)
		pkd_store_set_target_schema_version (store, target);
	if (!pkd_store_open (store, flags, NULL, error))
		return NULL;
	return g_steal_pointer (&store);
}

static void
fx_reopen (Fixture *fx)
{
	g_autoptr(GError) error = NULL;

	g_clear_object (&fx->store);
	fx->store = store_open_full (fx, fx->keyring, 0, PKD_STORE_OPEN_MIGRATE, &error);
	g_assert_no_error (error);
}

static void
fx_setup (Fixture *fx, gconstpointer data)
{
	fx->backend = data;
	fx->dir = pkt_tmpdir_new ("store");
	if (is_sqlite (fx)) {
		fx->connection = g_build_filename (fx->dir, "pkinext.db", NULL);
	} else {
		static guint n;
		if (postgres == NULL)
			postgres = pkt_postgres_start ();
		fx->dbname = g_strdup_printf ("pkinext_%u", ++n);
		fx->connection = pkt_postgres_create_database (postgres, fx->dbname);
	}
	fx->keyring = keyring_new (KEY_A, NULL);
	fx_reopen (fx);
}

static void
fx_teardown (Fixture *fx, gconstpointer data)
{
	g_clear_object (&fx->store);
	g_clear_object (&fx->keyring);
	pkt_tmpdir_remove (fx->dir);
	g_free (fx->dir);
	g_free (fx->connection);
	g_free (fx->dbname);
}

/* synchronous wrappers */

static gboolean
st_put_ca (PkdStore *store, const gchar *name, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(GBytes) cert = g_bytes_new_static ("\x30\x03\x02\x01\x01", 5);

	pkd_store_put_ca_async (store, name, "CN=Test CA", cert, "admin", NULL, on_result, &res);
	return pkd_store_put_ca_finish (store, wait_for (&res), error);
}

static gboolean
st_insert (PkdStore *store,
	   const PkdCertRecord *cert,
	   const PkdRequestRecord *req,
	   gint64 *req_id,
	   GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;

	pkd_store_insert_certificate_async (store, cert, req, "alice", NULL, on_result, &res);
	return pkd_store_insert_certificate_finish (store, wait_for (&res), req_id, error);
}

static PkdCertRecord *
st_get (PkdStore *store, const gchar *serial, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;

	pkd_store_get_certificate_async (store, CA, serial, NULL, on_result, &res);
	return pkd_store_get_certificate_finish (store, wait_for (&res), error);
}

static GPtrArray *
st_query (PkdStore *store, const PkdCertQuery *q)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(GError) error = NULL;
	GPtrArray *rows;

	pkd_store_query_certificates_async (store, q, NULL, on_result, &res);
	rows = pkd_store_query_certificates_finish (store, wait_for (&res), &error);
	g_assert_no_error (error);
	return rows;
}

static GPtrArray *
st_revoke (PkdStore *store,
	   const gchar *const *serials,
	   PkinextRevocationReason reason,
	   GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;

	pkd_store_revoke_certificates_async (store, CA, serials, reason, 0, 0, "bob", NULL,
					     on_result, &res);
	return pkd_store_revoke_certificates_finish (store, wait_for (&res), error);
}

static PkdAuditReport *
st_verify (PkdStore *store)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(GError) error = NULL;
	PkdAuditReport *report;

	pkd_store_verify_audit_async (store, NULL, on_result, &res);
	report = pkd_store_verify_audit_finish (store, wait_for (&res), &error);
	g_assert_no_error (error);
	return report;
}

static void
assert_intact (PkdStore *store)
{
	g_autoptr(PkdAuditReport) report = st_verify (store);

	if (!report->intact)
		g_test_message ("audit chain: %s", report->message);
	g_assert_true (report->intact);
	g_assert_cmpint (report->n_records, >, 0);
	g_assert_cmpint (report->head_seq, ==, report->n_records);
}

static GPtrArray *
st_audit (PkdStore *store)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(GError) error = NULL;
	GPtrArray *records;

	pkd_store_list_audit_async (store, 0, 10000, NULL, on_result, &res);
	records = pkd_store_list_audit_finish (store, wait_for (&res), &error);
	g_assert_no_error (error);
	return records;
}

static PkinextAuditRecord *
st_append (PkdStore *store, const gchar *event, const gchar *timestamp, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(PkinextAuditRecord) tmpl =
		pkinext_audit_record_new (event, "carol", CA, "t", "{\"x\":\"a|b\"}");

	tmpl->timestamp = g_strdup (timestamp);
	pkd_store_append_audit_async (store, tmpl, NULL, on_result, &res);
	return pkd_store_append_audit_finish (store, wait_for (&res), error);
}

/* test data */

static gchar *
serial_of (guint i)
{
	return g_strdup_printf ("7f%030x", i);
}

static GBytes *
fake_der (guint i)
{
	guint8 buf[300];

	/* every byte value, NUL and backslash included */
	for (guint k = 0; k < sizeof (buf); k++)
		buf[k] = (guint8)(k + i);
	return g_bytes_new (buf, sizeof (buf));
}

static PkdCertRecord *
make_cert (guint i)
{
	PkdCertRecord *c = pkd_cert_record_new ();

	c->ca = g_strdup (CA);
	c->serial = serial_of (i);
	c->subject = g_strdup_printf ("CN=host%u.example.test,O=Example", i);
	c->sans = g_new0 (gchar *, 3);
	c->sans[0] = g_strdup_printf ("dns:host%u.example.test", i);
	c->sans[1] = g_strdup ("dns:shared.example.test");
	c->not_before = 1700000000;
	c->not_after = FAR_FUTURE + i;
	c->profile = g_strdup (i % 2 == 0 ? "tls-server" : "tls-client");
	c->profile_version = 3;
	c->shard = i % 4;
	c->der = fake_der (i);
	return c;
}

static void
insert_n (Fixture *fx, guint from, guint n)
{
	for (guint i = from; i < from + n; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PkdCertRecord) c = make_cert (i);
		st_insert (fx->store, c, NULL, NULL, &error);
		g_assert_no_error (error);
	}
}

static void
setup_ca (Fixture *fx)
{
	g_autoptr(GError) error = NULL;

	st_put_ca (fx->store, CA, &error);
	g_assert_no_error (error);
}

/* tests */

static void
test_schema (Fixture *fx, gconstpointer data)
{
	g_autoptr(GPtrArray) records = NULL;
	g_autofree gchar *out = NULL;
	PkinextAuditRecord *r;

	g_assert_cmpuint (pkd_store_get_schema_version (fx->store), ==, PKD_STORE_SCHEMA_VERSION);
	records = st_audit (fx->store);
	g_assert_cmpuint (records->len, ==, PKD_STORE_SCHEMA_VERSION);
	r = g_ptr_array_index (records, 0);
	g_assert_cmpstr (r->event, ==, "schema.migrated");
	g_assert_cmpstr (r->prev_mac, ==, PKINEXT_AUDIT_GENESIS);
	assert_intact (fx->store);
	if (is_sqlite (fx)) {
		out = raw_sql (fx, "PRAGMA journal_mode");
		g_assert_cmpstr (out, ==, "wal");
	} else {
		out = raw_sql (fx,
			       "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN "
			       "('certificates', 'requests', 'audit_log', 'profiles', 'crls', "
			       "'ocsp_responses', 'principals', 'role_bindings', 'leases', 'cas')");
		g_assert_cmpstr (out, ==, "10");
	}
	g_clear_pointer (&out, g_free);
	out = raw_sql (fx, "SELECT version FROM schema_version");
	g_assert_cmpstr (out, ==, G_STRINGIFY (PKD_STORE_SCHEMA_VERSION));
}

static void
assert_cert_equal (const PkdCertRecord *a, const PkdCertRecord *b)
{
	g_assert_cmpstr (a->ca, ==, b->ca);
	g_assert_cmpstr (a->serial, ==, b->serial);
	g_assert_cmpstr (a->subject, ==, b->subject);
	g_assert_true (g_strv_equal ((const gchar *const *)a->sans, (const gchar *const *)b->sans));
	g_assert_cmpint (a->not_before, ==, b->not_before);
	g_assert_cmpint (a->not_after, ==, b->not_after);
	g_assert_cmpstr (a->profile, ==, b->profile);
	g_assert_cmpuint (a->profile_version, ==, b->profile_version);
	g_assert_cmpuint (a->shard, ==, b->shard);
	g_assert_true (g_bytes_equal (a->der, b->der));
}

static void
test_certificates (Fixture *fx, gconstpointer data)
{
	g_autoptr(PkdCertRecord) c = make_cert (1);
	g_autoptr(PkdCertRecord) got = NULL;
	g_autoptr(PkdCertRecord) upper = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *hex = NULL;
	g_autofree gchar *expect_hex = NULL;
	g_autofree gchar *sql = NULL;
	gsize len = 0;
	const guint8 *der;

	setup_ca (fx);
	g_assert_true (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_no_error (error);
	fx_reopen (fx);
	got = st_get (fx->store, c->serial, &error);
	g_assert_no_error (error);
	assert_cert_equal (got, c);
	g_assert_cmpint (got->status, ==, PKD_CERT_STATUS_VALID);
	g_assert_cmpint (got->revocation_reason, ==, -1);
	g_assert_cmpint (got->issued_at, >, 1700000000);
	g_assert_cmpint (got->id, >, 0);

	/* look-up accepts upper case */
	upper = st_get (fx->store,
			"7F00000000000000000000000000000"
			"1",
			&error);
	g_assert_no_error (error);
	g_assert_cmpstr (upper->serial, ==, c->serial);

	/* what is stored, read by the provider's own client */
	sql = g_strdup_printf (is_sqlite (fx)
				       ? "SELECT lower(hex(der)) || ' ' || not_after || ' ' || "
					 "typeof(serial) FROM certificates WHERE serial = '%s'"
				       : "SELECT encode(der, 'hex') || ' ' || not_after || ' ' || "
					 "pg_typeof(serial) FROM certificates WHERE serial = '%s'",
			       c->serial);
	hex = raw_sql (fx, sql);
	der = g_bytes_get_data (c->der, &len);
	{
		GString *s = g_string_new (NULL);
		for (gsize i = 0; i < len; i++)
			g_string_append_printf (s, "%02x", der[i]);
		g_string_append_printf (s, " %" G_GINT64_FORMAT " text", c->not_after);
		expect_hex = g_string_free (s, FALSE);
	}
	g_assert_cmpstr (hex, ==, expect_hex);

	/* the serial is unique per CA */
	g_assert_false (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS);
	g_clear_error (&error);

	/* unknown serial, bad serial, unknown CA */
	g_assert_null (st_get (fx->store, "0102", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	g_clear_error (&error);
	g_free (c->serial);
	c->serial = g_strdup ("ABCD");
	g_assert_false (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_free (c->serial);
	c->serial = g_strdup ("abcd");
	g_free (c->ca);
	c->ca = g_strdup ("nosuchca");
	g_assert_false (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_STORAGE);
	assert_intact (fx->store);
}

static void
test_queries (Fixture *fx, gconstpointer data)
{
	PkdCertQuery q;
	g_autoptr(GPtrArray) all =
		g_ptr_array_new_with_free_func ((GDestroyNotify)pkd_cert_record_free);
	guint pages = 0;

	setup_ca (fx);
	insert_n (fx, 0, 25);
	/* keyset pagination in issuance order */
	pkd_cert_query_init (&q);
	q.limit = 10;
	for (;;) {
		g_autoptr(GPtrArray) page = st_query (fx->store, &q);
		pages++;
		for (guint i = 0; i < page->len; i++) {
			PkdCertRecord *r = g_ptr_array_index (page, i);
			g_assert_null (r->der);
			g_ptr_array_add (all, pkd_cert_record_copy (r));
		}
		if (page->len < q.limit)
			break;
		q.after_id = ((PkdCertRecord *)g_ptr_array_index (page, page->len - 1))->id;
	}
	g_assert_cmpuint (pages, ==, 3);
	g_assert_cmpuint (all->len, ==, 25);
	for (guint i = 0; i < 25; i++) {
		g_autofree gchar *serial = serial_of (i);
		g_assert_cmpstr (((PkdCertRecord *)g_ptr_array_index (all, i))->serial, ==, serial);
	}

#define COUNT(field_setup, expected)                                                               \
	G_STMT_START                                                                               \
	{                                                                                          \
		g_autoptr(GPtrArray) rows = NULL;                                                 \
		pkd_cert_query_init (&q);                                                          \
		q.limit = 1000;                                                                    \
		field_setup;                                                                       \
		rows = st_query (fx->store, &q);                                                   \
		g_assert_cmpuint (rows->len, ==, (expected));                                      \
	}                                                                                          \
	G_STMT_END

	COUNT (q.subject = "CN=host7.example.test,O=Example", 1);
	COUNT (q.subject_contains = "host1", 11); /* host1, host10..host19 */
	COUNT (q.subject_contains = "HOST1", 0);  /* case-sensitive on both providers */
	COUNT (q.san = "dns:host3.example.test", 1);
	COUNT (q.san = "dns:shared.example.test", 25);
	COUNT (q.profile = "tls-server", 13);
	COUNT (q.shard = 2, 6);
	COUNT (q.status = PKD_CERT_STATUS_VALID, 25);
	COUNT (q.status = PKD_CERT_STATUS_REVOKED, 0);
	COUNT (q.ca = "other", 0);
	COUNT ((q.not_after_from = FAR_FUTURE + 5, q.not_after_to = FAR_FUTURE + 10), 5);
	COUNT ((q.profile = "tls-client", q.not_after_from = FAR_FUTURE + 20), 2);
	COUNT (q.serial = "7F000000000000000000000000000009", 1);
	{
		g_autoptr(GPtrArray) rows = NULL;
		pkd_cert_query_init (&q);
		q.san = "dns:host4.example.test";
		q.with_der = TRUE;
		rows = st_query (fx->store, &q);
		g_assert_cmpuint (rows->len, ==, 1);
		g_assert_nonnull (((PkdCertRecord *)g_ptr_array_index (rows, 0))->der);
	}
#undef COUNT
}

static void
test_revocation (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) done = NULL;
	g_autoptr(PkdCertRecord) c = NULL;
	g_autofree gchar *s0 = serial_of (0);
	g_autofree gchar *s1 = serial_of (1);
	g_autofree gchar *s2 = serial_of (2);
	g_autofree gchar *s3 = serial_of (3);
	const gchar *bulk[] = {s0, s1, NULL};
	const gchar *mixed[] = {s2, s0, NULL};
	const gchar *hold[] = {s3, NULL};
	gint64 before = g_get_real_time () / G_USEC_PER_SEC;
	PkdCertQuery q;

	setup_ca (fx);
	insert_n (fx, 0, 4);
	done = st_revoke (fx->store, bulk, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (done->len, ==, 2);
	g_assert_cmpint (((PkdCertRecord *)g_ptr_array_index (done, 1))->status, ==,
			 PKD_CERT_STATUS_REVOKED);
	g_clear_pointer (&done, g_ptr_array_unref);

	/* all or nothing: s0 is already revoked, so s2 must stay valid */
	g_assert_null (st_revoke (fx->store, mixed, PKINEXT_REVOCATION_REASON_SUPERSEDED, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_assert_nonnull (strstr (error->message, s0));
	g_clear_error (&error);
	c = st_get (fx->store, s2, &error);
	g_assert_cmpint (c->status, ==, PKD_CERT_STATUS_VALID);
	g_clear_pointer (&c, pkd_cert_record_free);

	/* removeFromCRL is not a revocation reason */
	g_assert_null (
		st_revoke (fx->store, hold, PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);

	/* hold, release, hold again, make permanent */
	done = st_revoke (fx->store, hold, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, &error);
	g_assert_no_error (error);
	g_clear_pointer (&done, g_ptr_array_unref);
	g_assert_null (
		st_revoke (fx->store, hold, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_clear_error (&error);
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_unrevoke_certificate_async (fx->store, CA, s3, "bob", NULL, on_result,
						      &res);
		c = pkd_store_unrevoke_certificate_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpint (c->status, ==, PKD_CERT_STATUS_VALID);
		g_assert_cmpint (c->revocation_reason, ==, -1);
		g_assert_cmpint (c->unrevoked_at, >=, before);
		g_clear_pointer (&c, pkd_cert_record_free);
	}
	done = st_revoke (fx->store, hold, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, &error);
	g_assert_no_error (error);
	g_clear_pointer (&done, g_ptr_array_unref);
	done = st_revoke (fx->store, hold, PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION,
			  &error);
	g_assert_no_error (error);
	g_assert_cmpint (((PkdCertRecord *)g_ptr_array_index (done, 0))->revocation_reason, ==, 5);
	{
		/* a permanent revocation cannot be released */
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_unrevoke_certificate_async (fx->store, CA, s3, "bob", NULL, on_result,
						      &res);
		g_assert_null (
			pkd_store_unrevoke_certificate_finish (fx->store, wait_for (&res), &error));
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
		g_clear_error (&error);
	}

	/* what a CRL generator asks */
	pkd_cert_query_init (&q);
	q.ca = CA;
	q.status = PKD_CERT_STATUS_REVOKED;
	{
		g_autoptr(GPtrArray) rows = st_query (fx->store, &q);
		g_assert_cmpuint (rows->len, ==, 3);
	}
	pkd_cert_query_init (&q);
	q.changed_since = before;
	{
		g_autoptr(GPtrArray) rows = st_query (fx->store, &q);
		g_assert_cmpuint (rows->len, ==, 3);
	}
	pkd_cert_query_init (&q);
	q.revocation_reason = PKINEXT_REVOCATION_REASON_KEY_COMPROMISE;
	{
		g_autoptr(GPtrArray) rows = st_query (fx->store, &q);
		g_assert_cmpuint (rows->len, ==, 2);
	}
	assert_intact (fx->store);
}

static gint64
st_submit (PkdStore *store, PkdRequestState state, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(PkdRequestRecord) r = pkd_request_record_new ();

	r->ca = g_strdup (CA);
	r->csr = g_bytes_new_static ("\x30\x82\x00\x00\x5c\x00csr", 9);
	r->profile = g_strdup ("tls-server");
	r->requester = g_strdup ("host/web1.example.test");
	r->metadata = g_strdup ("{\"source\":\"certmonger\"}");
	r->state = state;
	pkd_store_submit_request_async (store, r, NULL, on_result, &res);
	return pkd_store_submit_request_finish (store, wait_for (&res), error);
}

static PkdRequestRecord *
st_decide (PkdStore *store, gint64 id, PkdRequestState decision, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;

	pkd_store_decide_request_async (store, id, decision, "checked", "agent-dave", NULL,
					on_result, &res);
	return pkd_store_decide_request_finish (store, wait_for (&res), error);
}

static void
test_requests (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdRequestRecord) r = NULL;
	g_autoptr(PkdCertRecord) c = make_cert (1);
	g_autoptr(PkdCertRecord) c2 = make_cert (2);
	g_autoptr(PkdCertRecord) c3 = make_cert (3);
	g_autoptr(PkdRequestRecord) direct = pkd_request_record_new ();
	gint64 id1, id2, id3 = 0;

	setup_ca (fx);
	id1 = st_submit (fx->store, PKD_REQUEST_PENDING, &error);
	g_assert_no_error (error);
	id2 = st_submit (fx->store, PKD_REQUEST_PENDING, &error);
	g_assert_no_error (error);
	g_assert_cmpint (id2, >, id1);

	/* a pending request cannot be issued */
	c->request_id = id1;
	g_assert_false (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_clear_error (&error);
	g_assert_null (st_get (fx->store, c->serial, &error));
	g_clear_error (&error);

	r = st_decide (fx->store, id1, PKD_REQUEST_APPROVED, &error);
	g_assert_no_error (error);
	g_assert_cmpint (r->state, ==, PKD_REQUEST_APPROVED);
	g_assert_cmpstr (r->decision_agent, ==, "agent-dave");
	g_clear_pointer (&r, pkd_request_record_free);
	g_assert_true (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_no_error (error);
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_get_request_async (fx->store, id1, NULL, on_result, &res);
		r = pkd_store_get_request_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpint (r->state, ==, PKD_REQUEST_ISSUED);
		g_assert_cmpstr (r->serial, ==, c->serial);
		g_assert_cmpstr (r->metadata, ==, "{\"source\":\"certmonger\"}");
		g_assert_cmpmem (g_bytes_get_data (r->csr, NULL), g_bytes_get_size (r->csr),
				 "\x30\x82\x00\x00\x5c\x00csr", 9);
		g_clear_pointer (&r, pkd_request_record_free);
	}

	/* rejected stays rejected */
	r = st_decide (fx->store, id2, PKD_REQUEST_REJECTED, &error);
	g_assert_no_error (error);
	g_clear_pointer (&r, pkd_request_record_free);
	g_assert_null (st_decide (fx->store, id2, PKD_REQUEST_APPROVED, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_assert_nonnull (strstr (error->message, "rejected"));
	g_clear_error (&error);
	c2->request_id = id2;
	g_assert_false (st_insert (fx->store, c2, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_clear_error (&error);

	/* an auto-approved protocol stores request and certificate together */
	direct->ca = g_strdup (CA);
	direct->csr = g_bytes_new_static ("csr", 3);
	direct->profile = g_strdup ("acme");
	direct->requester = g_strdup ("acme-account-1");
	g_assert_true (st_insert (fx->store, c3, direct, &id3, &error));
	g_assert_no_error (error);
	g_assert_cmpint (id3, >, id2);
	{
		g_autoptr(GAsyncResult) res = NULL;
		g_autoptr(GPtrArray) rows = NULL;
		PkdRequestQuery q;
		pkd_request_query_init (&q);
		q.state = PKD_REQUEST_ISSUED;
		pkd_store_query_requests_async (fx->store, &q, NULL, on_result, &res);
		rows = pkd_store_query_requests_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpuint (rows->len, ==, 2);
		g_assert_cmpint (((PkdRequestRecord *)g_ptr_array_index (rows, 1))->id, ==, id3);
		g_assert_null (((PkdRequestRecord *)g_ptr_array_index (rows, 1))->csr);
	}
	assert_intact (fx->store);
}

static void
test_profiles (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdProfileRecord) p = NULL;
	g_autoptr(GPtrArray) list = NULL;

	for (guint v = 1; v <= 2; v++) {
		g_autoptr(GAsyncResult) res = NULL;
		g_autofree gchar *def = g_strdup_printf ("[profile]\nvalidity-days=%u\n", 90 * v);
		pkd_store_put_profile_async (fx->store, "web", def, "erin", NULL, on_result, &res);
		g_assert_cmpuint (pkd_store_put_profile_finish (fx->store, wait_for (&res), &error),
				  ==, v);
		g_assert_no_error (error);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_get_profile_async (fx->store, "web", 0, NULL, on_result, &res);
		p = pkd_store_get_profile_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpuint (p->version, ==, 2);
		g_assert_cmpstr (p->definition, ==, "[profile]\nvalidity-days=180\n");
		g_assert_cmpstr (p->created_by, ==, "erin");
		g_clear_pointer (&p, pkd_profile_record_free);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_get_profile_async (fx->store, "web", 1, NULL, on_result, &res);
		p = pkd_store_get_profile_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpstr (p->definition, ==, "[profile]\nvalidity-days=90\n");
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_set_profile_disabled_async (fx->store, "web", TRUE, "erin", NULL,
						      on_result, &res);
		g_assert_true (
			pkd_store_set_profile_disabled_finish (fx->store, wait_for (&res), &error));
		g_assert_no_error (error);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_list_profiles_async (fx->store, NULL, on_result, &res);
		list = pkd_store_list_profiles_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpuint (list->len, ==, 1);
		g_assert_true (((PkdProfileRecord *)g_ptr_array_index (list, 0))->disabled);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_put_profile_async (fx->store, "bad name", "x", "erin", NULL, on_result,
					     &res);
		g_assert_cmpuint (pkd_store_put_profile_finish (fx->store, wait_for (&res), &error),
				  ==, 0);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
		g_clear_error (&error);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_get_profile_async (fx->store, "web", 7, NULL, on_result, &res);
		g_assert_null (pkd_store_get_profile_finish (fx->store, wait_for (&res), &error));
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	}
	assert_intact (fx->store);
}

static gint64
st_allocate (PkdStore *store)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(GError) error = NULL;
	gint64 n;

	pkd_store_allocate_crl_number_async (store, CA, NULL, on_result, &res);
	n = pkd_store_allocate_crl_number_finish (store, wait_for (&res), &error);
	g_assert_no_error (error);
	return n;
}

static gboolean
st_insert_crl (PkdStore *store, gint64 number, gint64 base, GError **error)
{
	g_autoptr(GAsyncResult) res = NULL;
	g_autoptr(PkdCrlRecord) crl = pkd_crl_record_new ();

	crl->ca = g_strdup (CA);
	crl->number = number;
	crl->base_number = base;
	crl->this_update = 1700000000;
	crl->next_update = FAR_FUTURE;
	crl->der = fake_der ((guint)number);
	pkd_store_insert_crl_async (store, crl, "crl-worker", NULL, on_result, &res);
	return pkd_store_insert_crl_finish (store, wait_for (&res), error);
}

static void
test_crls_ocsp (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdOcspRecord) ocsp = pkd_ocsp_record_new ();
	gint64 n1, n2;

	setup_ca (fx);
	insert_n (fx, 0, 1);
	n1 = st_allocate (fx->store);
	n2 = st_allocate (fx->store);
	g_assert_cmpint (n1, ==, 1);
	g_assert_cmpint (n2, ==, 2);
	g_assert_true (st_insert_crl (fx->store, n1, 0, &error));
	g_assert_no_error (error);
	g_assert_true (st_insert_crl (fx->store, n2, n1, &error));
	g_assert_no_error (error);
	g_assert_false (st_insert_crl (fx->store, n2, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS);
	g_clear_error (&error);
	for (gint delta = 0; delta <= 1; delta++) {
		g_autoptr(GAsyncResult) res = NULL;
		g_autoptr(PkdCrlRecord) crl = NULL;
		g_autoptr(GBytes) expect = fake_der (delta ? 2 : 1);
		pkd_store_get_latest_crl_async (fx->store, CA, PKD_CRL_SHARD_ALL, delta, NULL,
						on_result, &res);
		crl = pkd_store_get_latest_crl_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpint (crl->number, ==, delta ? n2 : n1);
		g_assert_cmpint (crl->base_number, ==, delta ? n1 : 0);
		g_assert_cmpint (crl->next_update, ==, FAR_FUTURE);
		g_assert_true (g_bytes_equal (crl->der, expect));
	}

	ocsp->ca = g_strdup (CA);
	ocsp->serial = serial_of (0);
	for (guint round = 1; round <= 2; round++) {
		g_autoptr(GAsyncResult) res = NULL;
		ocsp->produced_at = 1700000000 + round;
		ocsp->next_update = FAR_FUTURE + round;
		g_clear_pointer (&ocsp->der, g_bytes_unref);
		ocsp->der = fake_der (round + 10);
		pkd_store_put_ocsp_response_async (fx->store, ocsp, NULL, on_result, &res);
		g_assert_true (
			pkd_store_put_ocsp_response_finish (fx->store, wait_for (&res), &error));
		g_assert_no_error (error);
	}
	{
		g_autoptr(GAsyncResult) res = NULL;
		g_autoptr(PkdOcspRecord) got = NULL;
		pkd_store_get_ocsp_response_async (fx->store, CA, ocsp->serial, NULL, on_result,
						   &res);
		got = pkd_store_get_ocsp_response_finish (fx->store, wait_for (&res), &error);
		g_assert_no_error (error);
		g_assert_cmpint (got->next_update, ==, FAR_FUTURE + 2);
		g_assert_true (g_bytes_equal (got->der, ocsp->der));
	}
	assert_intact (fx->store);
}

static void
test_principals (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	{
		g_autoptr(GAsyncResult) res = NULL;
		pkd_store_add_principal_async (fx->store, "alice", "user", "Alice", "root", NULL,
					       on_result, &res);
		g_assert_true (pkd_store_add_principal_finish (fx->store, wait_for (&res), &error));
		g_assert_no_error (error);
	}
	for (guint i = 0; i < 3; i++) {
		g_autoptr(GAsyncResult) res = NULL;
		/* grant, take away, take away again (not held) */
		pkd_store_set_role_async (fx->store, "alice", CA, "agent", i == 0, "root", NULL,
					  on_result, &res);
		pkd_store_set_role_finish (fx->store, wait_for (&res), &error);
		if (i < 2) {
			g_assert_no_error (error);
		} else {
			g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
			g_clear_error (&error);
		}
		if (i == 0) {
			g_autoptr(GAsyncResult) res2 = NULL;
			g_autoptr(GPtrArray) roles = NULL;
			pkd_store_list_roles_async (fx->store, "alice", NULL, on_result, &res2);
			roles = pkd_store_list_roles_finish (fx->store, wait_for (&res2), &error);
			g_assert_no_error (error);
			g_assert_cmpuint (roles->len, ==, 1);
			g_assert_cmpstr (((PkdRoleBinding *)g_ptr_array_index (roles, 0))->role, ==,
					 "agent");
		}
	}
	assert_intact (fx->store);
}

/* audit: round trip and tampering */

static const gchar *const stamps[] = {
	"2026-11-23T19:08:01.120000Z",
	"2026-11-23T19:08:01.100000Z",
	"2026-11-23T19:08:02.000000Z",
	"2026-11-23T19:08:02.000001Z",
};

/* 8 events from sequence number @first on */
static void
audit_populate_from (Fixture *fx, gint64 first)
{
	for (guint i = 0; i < 8; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PkinextAuditRecord) r = NULL;
		r = st_append (fx->store, "test.event",
			       i < G_N_ELEMENTS (stamps) ? stamps[i] : NULL, &error);
		g_assert_no_error (error);
		g_assert_cmpint (r->seq, ==, first + i);
	}
}

/* after the migration records: 8 events, seq 3 to 10 */
static void
audit_populate (Fixture *fx)
{
	audit_populate_from (fx, PKD_STORE_SCHEMA_VERSION + 1);
}

static void
test_audit_timestamps (Fixture *fx, gconstpointer data)
{
	g_autoptr(GPtrArray) records = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *raw = NULL;
	g_autoptr(PkinextAuditRecord) bad = NULL;

	audit_populate (fx);
	fx_reopen (fx);
	records = st_audit (fx->store);
	g_assert_cmpuint (records->len, ==, PKD_STORE_SCHEMA_VERSION + 8);
	for (guint i = 0; i < G_N_ELEMENTS (stamps); i++) {
		PkinextAuditRecord *r = g_ptr_array_index (records, PKD_STORE_SCHEMA_VERSION + i);
		g_assert_cmpstr (r->timestamp, ==, stamps[i]);
		g_assert_cmpstr (r->details, ==, "{\"x\":\"a|b\"}");
	}
	/* stored as the very text that was MACed */
	raw = raw_sql (fx, "SELECT ts FROM audit_log WHERE seq = 3");
	g_assert_cmpstr (raw, ==, stamps[0]);
	assert_intact (fx->store);

	/* a timestamp of another precision is refused up front */
	bad = st_append (fx->store, "test.event", "2026-11-23T19:08:01.12Z", &error);
	g_assert_null (bad);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
}

typedef struct {
	const gchar *name;
	const gchar *sql;
	gint64 broken_seq;
	const gchar *field;
} Tamper;

static const Tamper tampers[] = {
	{"field", "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5", 5, "mac"},
	{"details", "UPDATE audit_log SET details = '{\"x\":\"a\"}' WHERE seq = 6", 6, "mac"},
	{"delete", "DELETE FROM audit_log WHERE seq = 4", 4, "seq"},
	{"insert",
	 "INSERT INTO audit_log (seq, ts, key_id, event, actor, ca, target, details, prev_mac, "
	 "mac) "
	 "SELECT seq + 1, ts, key_id, 'forged', actor, ca, target, details, mac, mac FROM "
	 "audit_log "
	 "WHERE seq = 10",
	 11, "mac"},
	{"reorder",
	 "UPDATE audit_log SET seq = -1 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 6; "
	 "UPDATE audit_log SET seq = 6 WHERE seq = -1",
	 4, "prev_mac"},
	{"truncate", "DELETE FROM audit_log WHERE seq = 10", 10, "seq"},
	{"precision", "UPDATE audit_log SET ts = '2026-11-23T19:08:01.12Z' WHERE seq = 3", 3,
	 "timestamp"},
	{"relink", "UPDATE audit_log SET prev_mac = 'GENESIS' WHERE seq = 7", 7, "prev_mac"},
};

static void
test_audit_tamper (Fixture *fx, gconstpointer data)
{
	for (guint i = 0; i < G_N_ELEMENTS (tampers); i++) {
		const Tamper *t = &tampers[i];
		g_autoptr(PkdAuditReport) report = NULL;
		g_autofree gchar *out = NULL;

		/* a fresh log per case: drop the previous one through the store's own tables */
		if (i > 0) {
			out = raw_sql (fx, "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, "
					   "mac = 'GENESIS', key_id = NULL");
			g_clear_pointer (&out, g_free);
			fx_reopen (fx);
			for (guint k = 0; k < PKD_STORE_SCHEMA_VERSION; k++) {
				g_autoptr(GError) error = NULL;
				g_autoptr(PkinextAuditRecord) r =
					st_append (fx->store, "filler", NULL, &error);
				g_assert_no_error (error);
			}
		}
		audit_populate (fx);
		assert_intact (fx->store);
		g_clear_object (&fx->store);
		out = raw_sql (fx, t->sql);
		fx_reopen (fx);
		report = st_verify (fx->store);
		g_test_message ("tamper %s: %s", t->name, report->message);
		g_assert_false (report->intact);
		g_assert_false (report->key_missing);
		g_assert_cmpint (report->broken_seq, ==, t->broken_seq);
		g_assert_cmpstr (report->broken_field, ==, t->field);
		g_assert_nonnull (report->expected);
		g_assert_nonnull (report->stored);
	}
}

static void
test_audit_rotation (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextAuditKeyring) ab = keyring_new (KEY_B, KEY_A);
	g_autoptr(PkinextAuditKeyring) only_b = keyring_new (KEY_B, NULL);
	g_autoptr(PkinextAuditKeyring) only_c = keyring_new (KEY_C, NULL);
	g_autoptr(GPtrArray) records = NULL;
	g_autoptr(PkdAuditReport) report = NULL;
	g_autoptr(PkdStore) failed = NULL;
	g_autoptr(PkinextAuditKeyring) only_a = g_object_ref (fx->keyring);
	const gchar *id_a = pkinext_audit_keyring_get_current_id (only_a);
	const gchar *id_b = pkinext_audit_keyring_get_current_id (ab);
	PkinextAuditRecord *rot;
	guint n;

	audit_populate (fx);
	/* the configured key changes: the store rotates with the old one still known */
	g_set_object (&fx->keyring, ab);
	fx_reopen (fx);
	audit_populate_from (fx, PKD_STORE_SCHEMA_VERSION + 8 + 2);
	records = st_audit (fx->store);
	n = PKD_STORE_SCHEMA_VERSION + 8;
	rot = g_ptr_array_index (records, n);
	g_assert_cmpstr (rot->event, ==, PKINEXT_AUDIT_EVENT_KEY_ROTATED);
	g_assert_cmpstr (rot->key_id, ==, id_a);
	g_assert_cmpstr (rot->target, ==, id_b);
	g_assert_cmpstr (((PkinextAuditRecord *)g_ptr_array_index (records, n + 1))->key_id, ==,
			 id_b);
	assert_intact (fx->store);

	/* with only the new key the old epoch cannot be checked */
	g_set_object (&fx->keyring, only_b);
	fx_reopen (fx);
	report = st_verify (fx->store);
	g_assert_false (report->intact);
	g_assert_true (report->key_missing);
	g_assert_cmpint (report->broken_seq, ==, 1);

	/* an unrelated key cannot continue the chain: refuse to open */
	g_clear_object (&fx->store);
	failed = store_open_full (fx, only_c, 0, PKD_STORE_OPEN_MIGRATE, &error);
	g_assert_null (failed);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	g_assert_nonnull (strstr (error->message, id_b));
}

static void
test_migration (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdStore) old = NULL;
	g_autoptr(PkdCertRecord) c = NULL;
	g_autoptr(GPtrArray) records = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *sql = NULL;
	const gchar *blob = is_sqlite (fx) ? "X'3003020107'" : "decode('3003020107', 'hex')";

	/* a fresh database created by the previous schema version */
	g_clear_object (&fx->store);
	if (is_sqlite (fx)) {
		g_remove (fx->connection);
	} else {
		g_autofree gchar *name = g_strdup_printf ("%s_old", fx->dbname);
		g_free (fx->dbname);
		fx->dbname = g_steal_pointer (&name);
		g_free (fx->connection);
		fx->connection = pkt_postgres_create_database (postgres, fx->dbname);
	}
	old = store_open_full (fx, fx->keyring, PKD_STORE_SCHEMA_VERSION - 1,
			       PKD_STORE_OPEN_MIGRATE, &error);
	g_assert_no_error (error);
	g_assert_cmpuint (pkd_store_get_schema_version (old), ==, PKD_STORE_SCHEMA_VERSION - 1);
	g_clear_object (&old);

	/* data written by that version's code, with that version's columns */
	sql = g_strdup_printf (
		"INSERT INTO cas (name, subject, certificate, created_at, updated_at) "
		"VALUES ('main', 'CN=Old CA', %s, 1, 1); "
		"INSERT INTO certificates (ca, serial, subject, sans, not_before, not_after, "
		"status, profile, shard, issued_at, der) VALUES ('main', '0a0b', 'CN=old', "
		"'dns:old.example.test', 1600000000, %" G_GINT64_FORMAT ", 'valid', "
		"'legacy', 1, 1600000000, %s); "
		"INSERT INTO certificate_sans (ca, serial, san) VALUES ('main', '0a0b', "
		"'dns:old.example.test')",
		blob, FAR_FUTURE, blob);
	out = raw_sql (fx, sql);

	/* without the migrate flag the old schema is refused with a hint */
	old = store_open_full (fx, fx->keyring, 0, PKD_STORE_OPEN_NONE, &error);
	g_assert_null (old);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_assert_nonnull (strstr (error->message, "--migrate"));
	g_clear_error (&error);

	fx_reopen (fx);
	g_assert_cmpuint (pkd_store_get_schema_version (fx->store), ==, PKD_STORE_SCHEMA_VERSION);
	c = st_get (fx->store, "0a0b", &error);
	g_assert_no_error (error);
	g_assert_cmpstr (c->subject, ==, "CN=old");
	g_assert_cmpint (c->not_after, ==, FAR_FUTURE);
	g_assert_cmpuint (c->profile_version, ==, 0);
	g_assert_cmpuint (c->shard, ==, 1);
	g_assert_cmpmem (g_bytes_get_data (c->der, NULL), g_bytes_get_size (c->der),
			 "\x30\x03\x02\x01\x07", 5);
	g_assert_cmpstr (c->sans[0], ==, "dns:old.example.test");
	/* the new version's tables work, and the chain records both migrations */
	st_insert_crl (fx->store, st_allocate (fx->store), 0, &error);
	g_assert_no_error (error);
	records = st_audit (fx->store);
	g_assert_cmpstr (((PkinextAuditRecord *)g_ptr_array_index (records, 1))->event, ==,
			 "schema.migrated");
	g_assert_cmpstr (((PkinextAuditRecord *)g_ptr_array_index (records, 1))->target, ==,
			 G_STRINGIFY (PKD_STORE_SCHEMA_VERSION));
	assert_intact (fx->store);

	/* a schema newer than the code is refused */
	g_clear_object (&fx->store);
	g_clear_pointer (&out, g_free);
	out = raw_sql (fx, "UPDATE schema_version SET version = 99");
	old = store_open_full (fx, fx->keyring, 0, PKD_STORE_OPEN_MIGRATE, &error);
	g_assert_null (old);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED);
}

/* group commit */

#define SUBMITTERS    8
#define PER_SUBMITTER 40

typedef struct {
	PkdStore *store;
	guint index;
} Submitter;

static gpointer
submitter_thread (gpointer data)
{
	Submitter *s = data;
	g_autoptr(GMainContext) ctx = g_main_context_new ();

	g_main_context_push_thread_default (ctx);
	for (guint k = 0; k < PER_SUBMITTER; k++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PkdCertRecord) c = make_cert (1000 + s->index * PER_SUBMITTER + k);
		g_autoptr(PkdCertRecord) back = NULL;
		st_insert (s->store, c, NULL, NULL, &error);
		g_assert_no_error (error);
		/* committed before the callback: readable at once */
		back = st_get (s->store, c->serial, &error);
		g_assert_no_error (error);
	}
	g_main_context_pop_thread_default (ctx);
	return NULL;
}

static void
test_group_commit (Fixture *fx, gconstpointer data)
{
	Submitter subs[SUBMITTERS];
	GThread *threads[SUBMITTERS];
	PkdStoreStats before, after;
	g_autoptr(GPtrArray) records = NULL;
	g_autofree gchar *count = NULL;
	guint64 issued = 0;

	setup_ca (fx);
	pkd_store_get_stats (fx->store, &before);
	for (guint i = 0; i < SUBMITTERS; i++) {
		subs[i].store = fx->store;
		subs[i].index = i;
		threads[i] = g_thread_new ("submitter", submitter_thread, &subs[i]);
	}
	for (guint i = 0; i < SUBMITTERS; i++)
		g_thread_join (threads[i]);
	pkd_store_get_stats (fx->store, &after);
	g_test_message ("%u inserts in %" G_GUINT64_FORMAT " transactions, largest group %u",
			SUBMITTERS * PER_SUBMITTER, after.transactions - before.transactions,
			after.max_group);
	g_assert_cmpuint (after.writes - before.writes, ==, SUBMITTERS * PER_SUBMITTER);
	g_assert_cmpuint (after.transactions - before.transactions, <, SUBMITTERS * PER_SUBMITTER);
	g_assert_cmpuint (after.max_group, >, 1);

	count = raw_sql (fx, "SELECT COUNT(*) FROM certificates");
	g_assert_cmpint (g_ascii_strtoll (count, NULL, 10), ==, SUBMITTERS * PER_SUBMITTER);
	records = st_audit (fx->store);
	for (guint i = 0; i < records->len; i++)
		issued += g_strcmp0 (((PkinextAuditRecord *)g_ptr_array_index (records, i))->event,
				     "certificate.issued") == 0;
	g_assert_cmpuint (issued, ==, SUBMITTERS * PER_SUBMITTER);
	assert_intact (fx->store);
}

typedef struct {
	guint pending;
	guint failed;
	guint ok;
	PkdStore *store;
} Batch;

static void
on_batch_insert (GObject *source, GAsyncResult *result, gpointer user_data)
{
	Batch *b = user_data;
	g_autoptr(GError) error = NULL;

	if (pkd_store_insert_certificate_finish (b->store, result, NULL, &error)) {
		b->ok++;
	} else {
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS);
		b->failed++;
	}
	b->pending--;
}

/* one bad write in a group fails alone */
static void
test_group_failure (Fixture *fx, gconstpointer data)
{
	Batch b = {.store = fx->store};
	PkdStoreStats stats;

	setup_ca (fx);
	insert_n (fx, 5, 1);
	for (guint i = 0; i < 10; i++) {
		g_autoptr(PkdCertRecord) c = make_cert (i); /* make_cert (5) exists already */
		pkd_store_insert_certificate_async (fx->store, c, NULL, "alice", NULL,
						    on_batch_insert, &b);
		b.pending++;
	}
	while (b.pending > 0)
		g_main_context_iteration (NULL, TRUE);
	g_assert_cmpuint (b.ok, ==, 9);
	g_assert_cmpuint (b.failed, ==, 1);
	pkd_store_get_stats (fx->store, &stats);
	g_test_message ("replays: %" G_GUINT64_FORMAT ", largest group %u", stats.replays,
			stats.max_group);
	assert_intact (fx->store);
}

static void
test_closed (Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdCertRecord) c = make_cert (1);

	pkd_store_close (fx->store);
	g_assert_false (st_insert (fx->store, c, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
}

static void
add_tests (const gchar *name, void (*func) (Fixture *, gconstpointer))
{
	for (guint i = 0; i < G_N_ELEMENTS (backends); i++) {
		g_autofree gchar *path =
			g_strdup_printf ("/store/%s/%s", backends[i].provider, name);
		g_test_add (path, Fixture, &backends[i], fx_setup, func, fx_teardown);
	}
}

int
main (int argc, char **argv)
{
	int rc;

	g_test_init (&argc, &argv, NULL);
	add_tests ("schema", test_schema);
	add_tests ("certificates", test_certificates);
	add_tests ("queries", test_queries);
	add_tests ("revocation", test_revocation);
	add_tests ("requests", test_requests);
	add_tests ("profiles", test_profiles);
	add_tests ("crls-ocsp", test_crls_ocsp);
	add_tests ("principals", test_principals);
	add_tests ("audit-timestamps", test_audit_timestamps);
	add_tests ("audit-tamper", test_audit_tamper);
	add_tests ("audit-rotation", test_audit_rotation);
	add_tests ("migration", test_migration);
	add_tests ("group-commit", test_group_commit);
	add_tests ("group-failure", test_group_failure);
	add_tests ("closed", test_closed);
	rc = g_test_run ();
	pkt_postgres_stop (postgres);
	return rc;
}
