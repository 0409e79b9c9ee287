/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs the real pkinext-tool binary on a temporary configuration and checks
 * what it writes with openssl and certtool.
 */
#include "config.h"

#include <string.h>

#include "pkinext-test-util.h"

typedef struct {
	gchar *tmp;
	gchar *conf;
	gchar *tool;
} ToolFixture;

static void
tool_fixture_set_up (ToolFixture *fx, gconstpointer user_data)
{
	fx->tmp = pkt_tmpdir_new ("tool");
	fx->conf = g_build_filename (fx->tmp, "pkinextd.conf", NULL);
	fx->tool = g_build_filename (pkt_build_dir (), "daemon", "pkinext-tool", NULL);
}

static void
tool_fixture_tear_down (ToolFixture *fx, gconstpointer user_data)
{
	pkt_tmpdir_remove (fx->tmp);
	g_free (fx->tmp);
	g_free (fx->conf);
	g_free (fx->tool);
}

static void
write_conf (ToolFixture *fx, const gchar *text)
{
	g_assert_true (g_file_set_contents (fx->conf, text, -1, NULL));
}

/* runs pkinext-tool -C conf ARGS..., returns its exit status */
static gint
run_tool (ToolFixture *fx, gchar **out, const gchar *first, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new ();
	g_autofree gchar *o = NULL;
	g_autofree gchar *e = NULL;
	va_list ap;
	gint rc;

	g_ptr_array_add (argv, fx->tool);
	g_ptr_array_add (argv, (gpointer) "-C");
	g_ptr_array_add (argv, fx->conf);
	va_start (ap, first);
	for (const gchar *a = first; a != NULL; a = va_arg (ap, const gchar *))
		g_ptr_array_add (argv, (gpointer)a);
	va_end (ap);
	g_ptr_array_add (argv, NULL);
	rc = pkt_run ((const gchar *const *)argv->pdata, &o, &e);
	g_test_message ("pkinext-tool %s -> %d\n%s%s", first, rc, o, e);
	if (out != NULL)
		*out = g_strconcat (o, e, NULL);
	return rc;
}

#if !PKINEXT_CRYPTO_BACKEND_FIPS
static gchar *
path_in (ToolFixture *fx, const gchar *name)
{
	return g_build_filename (fx->tmp, name, NULL);
}

static void
make_csr (const gchar *key, const gchar *csr, const gchar *cn, const gchar *san)
{
	g_autofree gchar *subj = g_strdup_printf ("/CN=%s", cn);
	g_autofree gchar *ext = g_strdup_printf ("subjectAltName=%s", san);
	const gchar *argv[] = {"openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
			       "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-subj", subj,
			       "-addext", ext, "-out", csr, NULL};
	g_free (pkt_run_expect (0, argv));
}

static const gchar two_level_conf[] =
    "[ca:root]\n"
    "key = root.key\ncertificate = root.pem\nkey-type = ec-p384\n"
    "subject = CN=Tool Test Root,O=pkinext tests\npath-length = 1\n"
    "[ca:issuing]\n"
    "key = issuing.key\ncertificate = issuing.pem\nchain = issuing-chain.pem\n"
    "parent = root\nkey-type = rsa\nkey-bits = 2048\n"
    "subject = CN=Tool Test Issuing,O=pkinext tests\npath-length = 0\n"
    "crl-url = http://127.0.0.1:8080/crl/issuing.crl\n"
    "ocsp-url = http://127.0.0.1:8080/ocsp/issuing\n";

static void
test_tool_root_and_intermediate (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *root = path_in (fx, "root.pem");
	g_autofree gchar *issuing = path_in (fx, "issuing.pem");
	g_autofree gchar *key = path_in (fx, "www.key");
	g_autofree gchar *csr = path_in (fx, "www.csr");
	g_autofree gchar *crt = path_in (fx, "www.pem");
	g_autofree gchar *chain = path_in (fx, "www-chain.pem");
	g_autofree gchar *text = NULL;

	write_conf (fx, two_level_conf);
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 0);
	g_assert_nonnull (strstr (out, "CA root: certificate written"));
	g_assert_nonnull (strstr (out, "CA issuing: certificate written"));
	{
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", root, issuing, NULL};
		g_free (pkt_run_expect (0, argv));
	}
	/* a second init leaves both alone */
	g_clear_pointer (&out, g_free);
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 0);
	g_assert_null (strstr (out, "certificate written"));

	make_csr (key, csr, "www.example.test", "DNS:www.example.test,DNS:example.test");
	g_assert_cmpint (run_tool (fx, NULL, "issue", "--ca", "issuing", "--profile", "tls-server",
				   "--out", crt, csr, NULL), ==, 0);
	g_assert_cmpint (run_tool (fx, NULL, "issue", "--ca", "issuing", "--chain", "--out", chain,
				   csr, NULL), ==, 0);
	{
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", root,
				       "-untrusted", issuing, crt, NULL};
		g_free (pkt_run_expect (0, argv));
	}
	{
		const gchar *argv[] = {"certtool", "--verify", "--load-ca-certificate", root,
				       "--infile", chain, NULL};
		g_autofree gchar *v = pkt_run_expect (0, argv);
		g_assert_nonnull (strstr (v, "Chain verification output: Verified"));
	}
	{
		const gchar *argv[] = {"openssl", "x509", "-in", crt, "-noout", "-text", NULL};
		text = pkt_run_expect (0, argv);
		g_assert_nonnull (strstr (text, "DNS:www.example.test"));
		g_assert_nonnull (strstr (text, "TLS Web Server Authentication"));
		g_assert_nonnull (strstr (text, "http://127.0.0.1:8080/crl/issuing.crl"));
		g_assert_nonnull (strstr (text, "OCSP - URI:http://127.0.0.1:8080/ocsp/issuing"));
		g_assert_nonnull (strstr (text, "sha256WithRSAEncryption"));
	}
}

static void
test_tool_external_parent (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *xroot_key = path_in (fx, "xroot.key");
	g_autofree gchar *xroot = path_in (fx, "xroot.pem");
	g_autofree gchar *sub_csr = path_in (fx, "sub.csr");
	g_autofree gchar *sub_crt = path_in (fx, "signed-by-openssl.pem");
	g_autofree gchar *ext = path_in (fx, "ext.cnf");
	g_autofree gchar *other_key = path_in (fx, "other.key");
	g_autofree gchar *other_csr = path_in (fx, "other.csr");
	g_autofree gchar *other_crt = path_in (fx, "other.pem");
	g_autofree gchar *sub = path_in (fx, "sub.pem");
	g_autofree gchar *leaf_key = path_in (fx, "leaf.key");
	g_autofree gchar *leaf_csr = path_in (fx, "leaf.csr");
	g_autofree gchar *leaf = path_in (fx, "leaf.pem");

	write_conf (fx,
		    "[ca:sub]\nkey = sub.key\ncertificate = sub.pem\nchain = sub-chain.pem\n"
		    "subject = CN=Externally Signed Sub,O=pkinext tests\n");
	{
		const gchar *argv[] = {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
				       "ec_paramgen_curve:P-256", "-nodes", "-keyout", xroot_key,
				       "-subj", "/CN=External Root", "-days", "30",
				       "-addext", "keyUsage=critical,keyCertSign,cRLSign",
				       "-out", xroot, NULL};
		g_free (pkt_run_expect (0, argv));
	}
	g_assert_true (g_file_set_contents (ext,
					    "basicConstraints=critical,CA:TRUE,pathlen:0\n"
					    "keyUsage=critical,keyCertSign,cRLSign\n"
					    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
					    -1, NULL));
	g_assert_cmpint (run_tool (fx, &out, "init", "--external", NULL), ==, 0);
	g_assert_true (g_file_test (sub_csr, G_FILE_TEST_EXISTS));
	{
		/* the CSR pkinext built verifies with openssl */
		const gchar *argv[] = {"openssl", "req", "-in", sub_csr, "-verify", "-noout", NULL};
		g_free (pkt_run_expect (0, argv));
	}
	/* a certificate for another key is refused and nothing is written */
	make_csr (other_key, other_csr, "other", "DNS:other.test");
	{
		const gchar *argv[] = {"openssl", "x509", "-req", "-in", other_csr, "-CA", xroot,
				       "-CAkey", xroot_key, "-days", "10", "-extfile", ext,
				       "-out", other_crt, NULL};
		g_free (pkt_run_expect (0, argv));
	}
	g_clear_pointer (&out, g_free);
	g_assert_cmpint (run_tool (fx, &out, "import", "sub", other_crt, xroot, NULL), ==, 1);
	g_assert_nonnull (strstr (out, "does not match"));
	g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));
	{
		const gchar *argv[] = {"openssl", "x509", "-req", "-in", sub_csr, "-CA", xroot,
				       "-CAkey", xroot_key, "-days", "10", "-extfile", ext,
				       "-out", sub_crt, NULL};
		g_free (pkt_run_expect (0, argv));
	}
	g_assert_cmpint (run_tool (fx, NULL, "import", "sub", sub_crt, xroot, NULL), ==, 0);
	make_csr (leaf_key, leaf_csr, "leaf.example.test", "DNS:leaf.example.test");
	g_assert_cmpint (run_tool (fx, NULL, "issue", "--ca", "sub", "--out", leaf, leaf_csr, NULL), ==, 0);
	{
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", xroot,
				       "-untrusted", sub, leaf, NULL};
		g_free (pkt_run_expect (0, argv));
	}
}

#endif

static void
test_tool_bad_config (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;

	write_conf (fx, "[ca:root]\nkey = root.key\nkee-type = ec-p256\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "unknown key 'kee-type' in group [ca:root]"));
	g_clear_pointer (&out, g_free);
	write_conf (fx, "[cas:root]\nkey = root.key\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "unknown group [cas:root]"));
	g_clear_pointer (&out, g_free);
	write_conf (fx, "[ca:root]\nsigner = magic\nkey = root.key\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "signer = 'magic'"));
	g_clear_pointer (&out, g_free);
	write_conf (fx, "[ca:root]\nkey = root.key\ncertificate = root.pem\nsubject = CN=x\nkey-bits = 1024\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "key-bits = '1024'"));
	g_clear_pointer (&out, g_free);
	g_assert_cmpint (run_tool (fx, &out, "frobnicate", NULL), ==, 2);
	g_assert_nonnull (strstr (out, "unknown command"));
}

#if !PKINEXT_CRYPTO_BACKEND_FIPS
static void
test_tool_bad_csr (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *garbage = path_in (fx, "garbage.csr");

	write_conf (fx, two_level_conf);
	g_assert_cmpint (run_tool (fx, NULL, "init", NULL), ==, 0);
	g_assert_true (g_file_set_contents (garbage, "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n"
						     "-----END CERTIFICATE REQUEST-----\n", -1, NULL));
	g_assert_cmpint (run_tool (fx, &out, "issue", "--ca", "issuing", garbage, NULL), ==, 1);
	g_assert_nonnull (strstr (out, "pkinext-tool: "));
	g_clear_pointer (&out, g_free);
	g_assert_cmpint (run_tool (fx, &out, "issue", "--ca", "nosuch", garbage, NULL), ==, 1);
	g_assert_nonnull (strstr (out, "no CA named 'nosuch'"));
}

#endif

static void
test_tool_algorithms (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;
	write_conf (fx, "");
	g_assert_cmpint (run_tool (fx, &out, "algorithms", NULL), ==, 0);
	g_assert_nonnull (strstr (out, "ecdsa-p256-sha256"));
	g_assert_nonnull (strstr (out, "use a PKCS#11 token with CKM_ML_DSA"));
}

#if PKINEXT_CRYPTO_BACKEND_FIPS
static void
test_tool_fips_refusals (ToolFixture *fx, gconstpointer user_data)
{
	g_autofree gchar *out = NULL;
	write_conf (fx, "[ca:root]\nsigner = software\nkey = root.key\ncertificate = root.pem\n"
			"subject = CN=x\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "software signer is not built in"));
	g_clear_pointer (&out, g_free);
	write_conf (fx, "[ca:root]\nsigner = fips\nkey = root.key\ncertificate = root.pem\n"
			"subject = CN=x\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "not operating in FIPS 140 mode"));
	g_clear_pointer (&out, g_free);
	write_conf (fx, "[ca:root]\nsigner = fips\nkey-type = ed25519\nkey = root.key\n"
			"certificate = root.pem\nsubject = CN=x\n");
	g_assert_cmpint (run_tool (fx, &out, "init", NULL), ==, 1);
	g_assert_nonnull (strstr (out, "ed25519 is not allowed in FIPS mode"));
}
#endif

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, ToolFixture, NULL, tool_fixture_set_up, fn, tool_fixture_tear_down)
	ADD ("/tool/bad-config", test_tool_bad_config);
	ADD ("/tool/algorithms", test_tool_algorithms);
#if PKINEXT_CRYPTO_BACKEND_FIPS
	ADD ("/tool/fips-refusals", test_tool_fips_refusals);
#else
	ADD ("/tool/root-and-intermediate", test_tool_root_and_intermediate);
	ADD ("/tool/external-parent", test_tool_external_parent);
	ADD ("/tool/bad-csr", test_tool_bad_csr);
#endif
	return g_test_run ();
}
