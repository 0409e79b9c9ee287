/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkinext-test-softhsm.h"
#include "pkinext-test-util.h"

static gchar *
run_in_env (gchar **envp, gint expected, const gchar *const *argv)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *cmd = g_strjoinv (" ", (gchar **)argv);
	gint rc = pkt_run_env (argv, (const gchar *const *)envp, &out, &err);

	if (rc != expected) {
		g_test_message ("command: %s\nexit: %d (expected %d)\nstdout:\n%s\nstderr:\n%s",
				cmd, rc, expected, out, err);
		g_assert_cmpint (rc, ==, expected);
	}
	return g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);
}

PktSofthsm *
pkt_softhsm_new (const gchar *dir, const gchar *label)
{
	PktSofthsm *hsm = g_new0 (PktSofthsm, 1);
	g_autofree gchar *tokens = g_build_filename (dir, "tokens", NULL);
	g_autofree gchar *out = NULL;
	g_autoptr(GError) error = NULL;

	hsm->dir = g_strdup (dir);
	hsm->conf = g_build_filename (dir, "softhsm2.conf", NULL);
	hsm->label = g_strdup (label);
	hsm->pin = g_strdup ("1234");
	hsm->so_pin = g_strdup ("12345678");
	hsm->module = g_strdup (PKT_SOFTHSM_MODULE);
	g_assert_true (g_file_test (hsm->module, G_FILE_TEST_EXISTS));
	if (!g_file_test (hsm->conf, G_FILE_TEST_EXISTS)) {
		g_autofree gchar *conf = NULL;
		g_assert_cmpint (g_mkdir_with_parents (tokens, 0700), ==, 0);
		conf = g_strdup_printf ("directories.tokendir = %s\n"
					"objectstore.backend = file\n"
					"log.level = ERROR\n",
					tokens);
		g_file_set_contents (hsm->conf, conf, -1, &error);
		g_assert_no_error (error);
	}
	g_setenv ("SOFTHSM2_CONF", hsm->conf, TRUE);
	hsm->envp = g_get_environ ();
	{
		const gchar *argv[] = {"softhsm2-util", "--init-token", "--free", "--label", label,
				       "--so-pin",	hsm->so_pin,	"--pin",  hsm->pin,  NULL};
		out = run_in_env (hsm->envp, 0, argv);
	}
	return hsm;
}

void
pkt_softhsm_free (PktSofthsm *hsm)
{
	if (hsm == NULL)
		return;
	g_free (hsm->dir);
	g_free (hsm->conf);
	g_free (hsm->label);
	g_free (hsm->pin);
	g_free (hsm->so_pin);
	g_free (hsm->module);
	g_strfreev (hsm->envp);
	g_free (hsm);
}

gchar *
pkt_softhsm_tool (PktSofthsm *hsm, gint expected, gboolean login, const gchar *const *args)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new ();

	g_ptr_array_add (argv, (gpointer) "pkcs11-tool");
	g_ptr_array_add (argv, (gpointer) "--module");
	g_ptr_array_add (argv, hsm->module);
	g_ptr_array_add (argv, (gpointer) "--token-label");
	g_ptr_array_add (argv, hsm->label);
	if (login) {
		g_ptr_array_add (argv, (gpointer) "--login");
		g_ptr_array_add (argv, (gpointer) "--pin");
		g_ptr_array_add (argv, hsm->pin);
	}
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add (argv, (gpointer)args[i]);
	g_ptr_array_add (argv, NULL);
	return run_in_env (hsm->envp, expected, (const gchar *const *)argv->pdata);
}

gchar *
pkt_softhsm_key_uri (PktSofthsm *hsm, const gchar *label)
{
	g_autofree gchar *token = g_uri_escape_string (hsm->label, NULL, FALSE);
	g_autofree gchar *object = g_uri_escape_string (label, NULL, FALSE);
	return g_strdup_printf ("pkcs11:token=%s;object=%s;type=private", token, object);
}

gchar *
pkt_softhsm_keygen (PktSofthsm *hsm, const gchar *key_type, const gchar *label, const gchar *id_hex)
{
	const gchar *args[] = {"--keypairgen", "--key-type", key_type,	     "--label", label,
			       "--id",	       id_hex,	     "--usage-sign", NULL};
	g_autofree gchar *out = pkt_softhsm_tool (hsm, 0, TRUE, args);
	return pkt_softhsm_key_uri (hsm, label);
}

void
pkt_softhsm_export_pubkey_pem (PktSofthsm *hsm, const gchar *label, const gchar *path)
{
	g_autofree gchar *uri = NULL;
	g_autofree gchar *token = g_uri_escape_string (hsm->label, NULL, FALSE);
	g_autofree gchar *object = g_uri_escape_string (label, NULL, FALSE);
	g_autofree gchar *out = NULL;
	g_auto(GStrv) envp =
		g_environ_setenv (g_strdupv (hsm->envp), "GNUTLS_PIN", hsm->pin, TRUE);
	const gchar *argv[] = {"p11tool", "--login", "--export-pubkey", NULL, "--outfile",
			       path,	  NULL};

	uri = g_strdup_printf ("pkcs11:token=%s;object=%s", token, object);
	argv[3] = uri;
	g_unlink (path);
	out = run_in_env (envp, 0, argv);
	g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

GBytes *
pkt_softhsm_export_pubkey (PktSofthsm *hsm, const gchar *label)
{
	g_autofree gchar *pem_path = g_build_filename (hsm->dir, "export-pubkey.pem", NULL);
	g_autofree gchar *pem = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree guchar *der = NULL;
	const gchar *begin;
	const gchar *end;
	g_autofree gchar *b64 = NULL;
	gsize len = 0;

	pkt_softhsm_export_pubkey_pem (hsm, label, pem_path);
	g_file_get_contents (pem_path, &pem, NULL, &error);
	g_assert_no_error (error);
	g_unlink (pem_path);
	begin = strstr (pem, "-----BEGIN PUBLIC KEY-----");
	g_assert_nonnull (begin);
	begin += strlen ("-----BEGIN PUBLIC KEY-----");
	end = strstr (begin, "-----END PUBLIC KEY-----");
	g_assert_nonnull (end);
	b64 = g_strndup (begin, (gsize)(end - begin));
	der = g_base64_decode (g_strstrip (b64), &len);
	g_assert_cmpuint (len, >, 0);
	return g_bytes_new (der, len);
}
