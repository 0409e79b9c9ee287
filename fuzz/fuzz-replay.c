/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Replay runner: feeds every file of the given corpus directories (or files) to the
 * libFuzzer entry point, so CI runs the corpus with an ordinary compiler.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
replay_file (const gchar *path, guint *count)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr (GError) error = NULL;

	if (!g_file_get_contents (path, &data, &len, &error)) {
		g_printerr ("fuzz-replay: %s\n", error->message);
		return FALSE;
	}
	/* an exact-size copy, so ASan/valgrind catch reads past the end */
	{
		g_autofree guint8 *copy = g_memdup2 (data, len);
		LLVMFuzzerTestOneInput (copy, len);
	}
	(*count)++;
	return TRUE;
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
	return g_strcmp0 (*(const gchar *const *)a, *(const gchar *const *)b);
}

static gboolean
replay_path (const gchar *path, guint *count)
{
	g_autoptr (GDir) dir = NULL;
	g_autoptr (GError) error = NULL;
	g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
	const gchar *name;

	if (!g_file_test (path, G_FILE_TEST_IS_DIR))
		return replay_file (path, count);
	dir = g_dir_open (path, 0, &error);
	if (dir == NULL) {
		g_printerr ("fuzz-replay: %s\n", error->message);
		return FALSE;
	}
	while ((name = g_dir_read_name (dir)) != NULL)
		g_ptr_array_add (names, g_build_filename (path, name, NULL));
	g_ptr_array_sort (names, compare_paths);
	for (guint i = 0; i < names->len; i++) {
		if (!replay_path (g_ptr_array_index (names, i), count))
			return FALSE;
	}
	return TRUE;
}

int
main (int argc, char **argv)
{
	guint count = 0;

	if (argc < 2) {
		g_printerr ("usage: %s CORPUS-DIR-OR-FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (!replay_path (argv[i], &count))
			return 1;
	}
	if (count == 0) {
		g_printerr ("fuzz-replay: no inputs found\n");
		return 1;
	}
	printf ("fuzz-replay: %u inputs OK\n", count);
	return 0;
}
