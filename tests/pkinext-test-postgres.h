/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A throw-away PostgreSQL 15 cluster for tests: initdb in a temporary directory, a
 * Unix socket in that directory (no TCP: listen_addresses=''), run as the postgres user
 * when the test runs as root (root cannot run postgres). A reaper process stops the
 * cluster and removes the directory when the test process ends, however it ends
 * (normal exit, failed assertion, abort, SIGKILL).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PKT_POSTGRES_BINDIR "/usr/lib/postgresql/15/bin"

typedef struct {
	gchar *dir;	/* the temporary directory (0755) */
	gchar *datadir; /* dir/pg/data */
	gchar *sockdir; /* dir/pgsock: the HOST of connection strings */
	guint port;
	gboolean as_postgres; /* run tools as the postgres user (we are root) */
	GPid reaper;
	gint reaper_stdin;
	guint n_databases;
} PktPostgres;

PktPostgres *pkt_postgres_start (void);
void pkt_postgres_stop (PktPostgres *pg);
gchar *pkt_postgres_create_database (PktPostgres *pg, const gchar *name);
gchar *pkt_postgres_cnc_string (PktPostgres *pg, const gchar *dbname);
const gchar *pkt_postgres_auth_string (PktPostgres *pg);
gchar *pkt_postgres_psql (PktPostgres *pg, const gchar *dbname, const gchar *sql);

G_END_DECLS
