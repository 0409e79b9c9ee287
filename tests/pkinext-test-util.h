/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Helpers shared by the test executables: temporary directories, running
 * third-party tools (openssl, certtool, softhsm2-util...) and writing PEM.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gchar *
pkt_tmpdir_new (const gchar *prefix);
void
pkt_tmpdir_remove (const gchar *path);
/* runs argv (NULL-terminated), returns exit status (or -1 if not spawned);
 * stdout/stderr are returned if the pointers are non-NULL */
gint
pkt_run (const gchar *const *argv, gchar **out, gchar **err);
gint
pkt_run_env (const gchar *const *argv, const gchar *const *envp, gchar **out, gchar **err);
/* like pkt_run, but fails the test with the output if the exit status is not @expected */
gchar *
pkt_run_expect (gint expected, const gchar *const *argv);
gboolean
pkt_have_program (const gchar *name);
void
pkt_write_pem (const gchar *path, const gchar *label, GBytes *der);
void
pkt_append_pem (const gchar *path, const gchar *label, GBytes *der);
gchar *
pkt_der_to_pem (const gchar *label, GBytes *der);
GBytes *
pkt_read_file_bytes (const gchar *path);
const gchar *
pkt_source_dir (void);
const gchar *
pkt_build_dir (void);

G_END_DECLS
