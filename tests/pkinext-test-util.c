/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/wait.h>

#include "pkinext-test-util.h"

gchar *
pkt_tmpdir_new (const gchar *prefix)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpl = g_strdup_printf ("pkinext-%s-XXXXXX", prefix);
	gchar *dir = g_dir_make_tmp (tmpl, &error);
	g_assert_no_error (error);
	return dir;
}

static void
rm_rf (GFile *file)
{
	g_autoptr(GFileEnumerator) en = NULL;
	en = g_file_enumerate_children (file,
					G_FILE_ATTRIBUTE_STANDARD_NAME,
					G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
					NULL,
					NULL);
	while (en != NULL) {
		GFile *child = NULL;
		if (!g_file_enumerator_iterate (en, NULL, &child, NULL, NULL) || child == NULL)
			break;
		rm_rf (child);
	}
	g_file_delete (file, NULL, NULL);
}

void
pkt_tmpdir_remove (const gchar *path)
{
	g_autoptr(GFile) file = NULL;
	if (path == NULL || g_getenv ("PKINEXT_TEST_KEEP") != NULL)
		return;
	file = g_file_new_for_path (path);
	rm_rf (file);
}

gint
pkt_run_env (const gchar *const *argv, const gchar *const *envp, gchar **out, gchar **err)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *o = NULL;
	g_autofree gchar *e = NULL;
	gint status = 0;

	if (!g_spawn_sync (NULL,
			   (gchar **)argv,
			   (gchar **)envp,
			   G_SPAWN_SEARCH_PATH,
			   NULL,
			   NULL,
			   &o,
			   &e,
			   &status,
			   &error)) {
		g_test_message ("cannot run %s: %s", argv[0], error->message);
		return -1;
	}
	if (out != NULL)
		*out = g_steal_pointer (&o);
	if (err != NULL)
		*err = g_steal_pointer (&e);
	if (WIFEXITED (status))
		return WEXITSTATUS (status);
	return -1;
}

gint
pkt_run (const gchar *const *argv, gchar **out, gchar **err)
{
	return pkt_run_env (argv, NULL, out, err);
}

gchar *
pkt_run_expect (gint expected, const gchar *const *argv)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *cmd = g_strjoinv (" ", (gchar **)argv);
	gint rc = pkt_run (argv, &out, &err);

	if (rc != expected) {
		g_test_message ("command: %s\nexit: %d (expected %d)\nstdout:\n%s\nstderr:\n%s",
				cmd,
				rc,
				expected,
				out,
				err);
		g_assert_cmpint (rc, ==, expected);
	}
	return g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);
}

gboolean
pkt_have_program (const gchar *name)
{
	g_autofree gchar *path = g_find_program_in_path (name);
	return path != NULL;
}

gchar *
pkt_der_to_pem (const gchar *label, GBytes *der)
{
	g_autofree gchar *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
	GString *s = g_string_new (NULL);
	gsize len = strlen (b64);

	g_string_append_printf (s, "-----BEGIN %s-----\n", label);
	for (gsize i = 0; i < len; i += 64)
		g_string_append_printf (s, "%.64s\n", b64 + i);
	g_string_append_printf (s, "-----END %s-----\n", label);
	return g_string_free (s, FALSE);
}

void
pkt_write_pem (const gchar *path, const gchar *label, GBytes *der)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pem = pkt_der_to_pem (label, der);
	g_file_set_contents (path, pem, -1, &error);
	g_assert_no_error (error);
}

void
pkt_append_pem (const gchar *path, const gchar *label, GBytes *der)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *old = NULL;
	g_autofree gchar *pem = pkt_der_to_pem (label, der);
	g_autofree gchar *both = NULL;

	if (!g_file_get_contents (path, &old, NULL, NULL))
		old = g_strdup ("");
	both = g_strconcat (old, pem, NULL);
	g_file_set_contents (path, both, -1, &error);
	g_assert_no_error (error);
}

GBytes *
pkt_read_file_bytes (const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *contents = NULL;
	gsize len = 0;
	g_file_get_contents (path, &contents, &len, &error);
	g_assert_no_error (error);
	return g_bytes_new_take (contents, len);
}

const gchar *
pkt_source_dir (void)
{
	const gchar *dir = g_getenv ("PKINEXT_SOURCE_DIR");
	g_assert_nonnull (dir);
	return dir;
}

const gchar *
pkt_build_dir (void)
{
	const gchar *dir = g_getenv ("PKINEXT_BUILD_DIR");
	g_assert_nonnull (dir);
	return dir;
}
