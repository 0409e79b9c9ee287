/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "pkd-config.h"
#include "pkinext.h"
#include "pkinext-test-util.h"

/* every key registered in code is documented in pkinextd.conf(5) */
static void
test_config_schema_documented (void)
{
	g_autofree gchar *man = g_build_filename (pkt_source_dir (), "man", "pkinextd.conf.5", NULL);
	g_autofree gchar *text = NULL;
	guint n = 0;
	const PkdConfigKey *schema = pkd_config_get_schema (&n);

	g_assert_true (g_file_get_contents (man, &text, NULL, NULL));
	for (guint i = 0; i < n; i++) {
		g_autofree gchar *needle = g_strdup_printf ("\n.B %s\n", schema[i].key);
		if (strstr (text, needle) == NULL)
			g_test_message ("%s in [%s] is not documented", schema[i].key, schema[i].group);
		g_assert_nonnull (strstr (text, needle));
	}
}

static void
test_config_defaults_and_paths (void)
{
	g_autoptr(PkdConfig) config = pkd_config_new ();
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdCaConfig) ca = NULL;

	g_assert_true (pkd_config_load_data (config,
					     "[ca:root]\nkey = keys/root.key\ncertificate = /abs/root.pem\n"
					     "crl-validity = 2d\n",
					     "/etc/pkinext",
					     &error));
	g_assert_no_error (error);
	ca = pkd_config_get_ca (config, "root", &error);
	g_assert_no_error (error);
	g_assert_cmpstr (ca->signer, ==, "software");
	g_assert_cmpstr (ca->key, ==, "/etc/pkinext/keys/root.key");
	g_assert_cmpstr (ca->certificate, ==, "/abs/root.pem");
	g_assert_cmpstr (ca->key_type, ==, "ec-p256");
	g_assert_cmpint (ca->path_len, ==, -1);
	g_assert_cmpint (ca->crl_validity, ==, 2 * 86400);
	g_assert_cmpint (ca->crl_shards, ==, 0);
}

static void
test_config_bad_values (void)
{
	const struct {
		const gchar *conf;
		const gchar *expect;
	} cases[] = {
	    {"[ca:a]\nkey = k\nalgorithm = rot13\n", "algorithm = 'rot13'"},
	    {"[ca:a]\nkey = k\nkey-type = dsa\n", "key-type = 'dsa'"},
	    {"[ca:a]\nkey = k\nvalidity-days = forever\n", "validity-days = 'forever'"},
	    {"[ca:a]\nkey = k\ncrl-validity = soon\n", "crl-validity = 'soon'"},
	    {"[ca:a]\nkey = k\ncrl-shards = 4\n", "crl-shard-url"},
	    {"[ca:a]\nsigner = pkcs11\n", "key-label"},
	    {"[ca:a]\nsigner = software\n", "has no key"},
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr(PkdConfig) config = pkd_config_new ();
		g_autoptr(GError) error = NULL;
		g_autoptr(PkdCaConfig) ca = NULL;
		g_assert_true (pkd_config_load_data (config, cases[i].conf, "/tmp", NULL));
		ca = pkd_config_get_ca (config, "a", &error);
		g_assert_null (ca);
		g_assert_nonnull (error);
		g_test_message ("%s", error->message);
		g_assert_nonnull (strstr (error->message, cases[i].expect));
	}
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/config/schema-documented", test_config_schema_documented);
	g_test_add_func ("/config/defaults-and-paths", test_config_defaults_and_paths);
	g_test_add_func ("/config/bad-values", test_config_bad_values);
	return g_test_run ();
}
