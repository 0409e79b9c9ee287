/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pkinext-test-postgres.h"
#include "pkinext-test-util.h"

static gchar *
pg_tool (const gchar *name)
{
	return g_build_filename (PKT_POSTGRES_BINDIR, name, NULL);
}

/* argv for a PostgreSQL server tool, through runuser when we are root */
static GStrvBuilder *
pg_argv (PktPostgres *pg, const gchar *tool)
{
	GStrvBuilder *b = g_strv_builder_new ();
	g_autofree gchar *path = pg_tool (tool);

	if (pg->as_postgres) {
		g_strv_builder_add_many (b, "runuser", "-u", "postgres", "--", NULL);
	}
	g_strv_builder_add (b, path);
	return b;
}

static void
pg_chown (PktPostgres *pg, const gchar *path)
{
	struct passwd *pw;

	if (!pg->as_postgres)
		return;
	pw = getpwnam ("postgres");
	g_assert_nonnull (pw);
	g_assert_cmpint (chown (path, pw->pw_uid, pw->pw_gid), ==, 0);
}

static guint
free_port (void)
{
	g_autoptr(GSocket) sock = NULL;
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;
	g_autoptr(GError) error = NULL;

	/* the server only listens on a socket in our private folder, so the number cannot
	 * clash; still take one nobody uses on loopback */
	sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
			     &error);
	g_assert_no_error (error);
	g_socket_bind (sock, any, FALSE, &error);
	g_assert_no_error (error);
	bound = g_socket_get_local_address (sock, &error);
	g_assert_no_error (error);
	return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
reaper_setup (gpointer data)
{
	/* survive the process group being killed by a test harness timeout */
	setsid ();
}

/* a shell that waits for EOF on stdin (our death or pkt_postgres_stop), then stops
 * the cluster and removes the folder */
static void
pg_start_reaper (PktPostgres *pg)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pg_ctl = pg_tool ("pg_ctl");
	g_autofree gchar *script = NULL;
	const gchar *keep = g_getenv ("PKINEXT_TEST_KEEP") != NULL ? "1" : "";

	script = g_strdup_printf (
		"read _; %s \"$1\" -D \"$2\" -m immediate -w stop >/dev/null 2>&1; "
		"[ -n \"$4\" ] || rm -rf \"$3\"",
		pg->as_postgres ? "runuser -u postgres --" : "");
	{
		const gchar *argv[] = {"/bin/sh",	"-c",	script,
				       "pkt-pg-reaper", pg_ctl, pg->datadir,
				       pg->dir,		keep,	NULL};
		g_spawn_async_with_pipes (NULL, (gchar **)argv, NULL,
					  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
					  reaper_setup, NULL, &pg->reaper, &pg->reaper_stdin, NULL,
					  NULL, &error);
	}
	g_assert_no_error (error);
}

static void
pg_run (PktPostgres *pg, GStrvBuilder *builder)
{
	g_auto(GStrv) argv = g_strv_builder_end (builder);
	g_autofree gchar *out = pkt_run_expect (0, (const gchar *const *)argv);

	g_strv_builder_unref (builder);
}

static void
pg_initdb (PktPostgres *pg)
{
	GStrvBuilder *b = pg_argv (pg, "initdb");

	g_strv_builder_add_many (b, "-D", pg->datadir, "-U", "postgres", "--auth=trust", "-E",
				 "UTF8", "--locale=C.UTF-8", "--no-sync", NULL);
	pg_run (pg, b);
}

static void
pg_ctl_start (PktPostgres *pg)
{
	GStrvBuilder *b = pg_argv (pg, "pg_ctl");
	g_autofree gchar *log = g_build_filename (pg->dir, "pg", "log", NULL);
	g_autofree gchar *opts = NULL;
	g_auto(GStrv) argv = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;

	opts = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories=%s -c port=%u",
				pg->sockdir, pg->port);
	g_strv_builder_add_many (b, "-D", pg->datadir, "-l", log, "-o", opts, "-w", "start", NULL);
	argv = g_strv_builder_end (b);
	g_strv_builder_unref (b);
	if (pkt_run ((const gchar *const *)argv, &out, &err) != 0) {
		g_autofree gchar *text = NULL;
		g_file_get_contents (log, &text, NULL, NULL);
		g_test_message ("pg_ctl start failed:\n%s%s\nserver log:\n%s", out, err, text);
		g_assert_not_reached ();
	}
}

/**
 * pkt_postgres_start:
 *
 * Creates and starts a cluster; fails the test if that is impossible (a missing
 * PostgreSQL is a broken test environment, not a reason to skip).
 *
 * Returns: the running cluster; stop it with pkt_postgres_stop()
 */
PktPostgres *
pkt_postgres_start (void)
{
	PktPostgres *pg = g_new0 (PktPostgres, 1);
	g_autofree gchar *pgdir = NULL;
	g_autofree gchar *initdb = pg_tool ("initdb");

	g_assert_true (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE));
	pg->as_postgres = getuid () == 0;
	pg->dir = pkt_tmpdir_new ("pg");
	/* mkdtemp makes 0700: the postgres user must be able to traverse it */
	g_assert_cmpint (g_chmod (pg->dir, 0755), ==, 0);
	pgdir = g_build_filename (pg->dir, "pg", NULL);
	pg->datadir = g_build_filename (pgdir, "data", NULL);
	pg->sockdir = g_build_filename (pg->dir, "pgsock", NULL);
	g_assert_cmpint (g_mkdir (pgdir, 0700), ==, 0);
	g_assert_cmpint (g_mkdir (pg->sockdir, 0755), ==, 0);
	pg_chown (pg, pgdir);
	pg_chown (pg, pg->sockdir);
	pg->port = free_port ();
	pg_start_reaper (pg);
	pg_initdb (pg);
	pg_ctl_start (pg);
	return pg;
}

/**
 * pkt_postgres_stop:
 * @pg: (nullable): a cluster
 *
 * Stops the cluster and (through the reaper) removes its folder.
 */
void
pkt_postgres_stop (PktPostgres *pg)
{
	GStrvBuilder *b;
	g_auto(GStrv) argv = NULL;

	if (pg == NULL)
		return;
	b = pg_argv (pg, "pg_ctl");
	g_strv_builder_add_many (b, "-D", pg->datadir, "-m", "fast", "-w", "stop", NULL);
	argv = g_strv_builder_end (b);
	g_strv_builder_unref (b);
	pkt_run ((const gchar *const *)argv, NULL, NULL);
	/* EOF wakes the reaper, which removes the folder */
	close (pg->reaper_stdin);
	g_free (pg->dir);
	g_free (pg->datadir);
	g_free (pg->sockdir);
	g_free (pg);
}

/**
 * pkt_postgres_psql:
 * @pg: a cluster
 * @dbname: database to connect to
 * @sql: SQL to run (stops at the first error, which fails the test)
 *
 * Returns: psql's unaligned, tuples-only output
 */
gchar *
pkt_postgres_psql (PktPostgres *pg, const gchar *dbname, const gchar *sql)
{
	g_autofree gchar *port = g_strdup_printf ("%u", pg->port);
	/* clang-format off */
	const gchar *argv[] = {"psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
			       "-h", pg->sockdir, "-p", port, "-U", "postgres",
			       "-d", dbname, "-c", sql, NULL};
	/* clang-format on */
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	gint rc = pkt_run (argv, &out, &err);

	if (rc != 0) {
		g_test_message ("psql -c \"%s\" failed (%d):\n%s%s", sql, rc, out, err);
		g_assert_cmpint (rc, ==, 0);
	}
	return g_steal_pointer (&out);
}

/**
 * pkt_postgres_create_database:
 * @pg: a cluster
 * @name: (nullable): database name; %NULL picks "pkinext_N"
 *
 * Returns: the libgda connection string of the new database
 */
gchar *
pkt_postgres_create_database (PktPostgres *pg, const gchar *name)
{
	g_autofree gchar *picked = NULL;
	g_autofree gchar *sql = NULL;
	g_autofree gchar *out = NULL;

	if (name == NULL)
		name = picked = g_strdup_printf ("pkinext_%u", ++pg->n_databases);
	sql = g_strdup_printf ("CREATE DATABASE %s", name);
	out = pkt_postgres_psql (pg, "postgres", sql);
	return pkt_postgres_cnc_string (pg, name);
}

/**
 * pkt_postgres_cnc_string:
 * @pg: a cluster
 * @dbname: a database
 *
 * Returns: "HOST=<socket folder>;PORT=<port>;DB_NAME=<dbname>" for libgda
 */
gchar *
pkt_postgres_cnc_string (PktPostgres *pg, const gchar *dbname)
{
	return g_strdup_printf ("HOST=%s;PORT=%u;DB_NAME=%s", pg->sockdir, pg->port, dbname);
}

/**
 * pkt_postgres_auth_string:
 * @pg: a cluster
 *
 * Returns: the libgda auth string ("USERNAME=postgres", trust authentication)
 */
const gchar *
pkt_postgres_auth_string (PktPostgres *pg)
{
	return "USERNAME=postgres";
}
