/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "pkinext-signer-software.h"
#include "pkinext.h"
#include "pkinext-test-util.h"

typedef struct {
	PkinextKeyType key_type;
	guint bits;
	PkinextAlgorithm alg;
	const gchar *openssl_digest; /* NULL: pure signature (Ed25519) */
	gboolean pss;
} SignCase;

static const SignCase sign_cases[] = {
    {PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, "-sha256", FALSE},
    {PKINEXT_KEY_TYPE_EC_P384, 0, PKINEXT_ALGORITHM_ECDSA_P384_SHA384, "-sha384", FALSE},
    {PKINEXT_KEY_TYPE_EC_P521, 0, PKINEXT_ALGORITHM_ECDSA_P521_SHA512, "-sha512", FALSE},
    {PKINEXT_KEY_TYPE_RSA, 3072, PKINEXT_ALGORITHM_RSA_PKCS1_SHA256, "-sha256", FALSE},
    {PKINEXT_KEY_TYPE_RSA, 2048, PKINEXT_ALGORITHM_RSA_PSS_SHA256, "-sha256", TRUE},
    {PKINEXT_KEY_TYPE_ED25519, 0, PKINEXT_ALGORITHM_ED25519, NULL, FALSE},
};

/* a signature made by the signer verifies with openssl, using the public key it exports */
static void
test_signer_software_openssl_verifies (gconstpointer user_data)
{
	const SignCase *c = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	g_autoptr(GBytes) sig = NULL;
	g_autofree gchar *tmp = pkt_tmpdir_new ("sw");
	g_autofree gchar *pub = g_build_filename (tmp, "pub.pem", NULL);
	g_autofree gchar *data = g_build_filename (tmp, "data", NULL);
	g_autofree gchar *sigf = g_build_filename (tmp, "sig", NULL);
	const gchar msg[] = "to be signed by pkinext";
	g_autofree gchar *out = NULL;

	signer = pkinext_signer_software_generate (c->key_type, c->bits, c->alg, &error);
	g_assert_no_error (error);
	g_assert_cmpint (pkinext_signer_get_algorithm (signer), ==, c->alg);
	g_assert_cmpstr (pkinext_signer_get_backend (signer), ==, "software");
	g_assert_true (pkinext_signer_validate (signer, &error));
	g_assert_no_error (error);

	sig = pkinext_signer_sign (signer, (const guint8 *)msg, strlen (msg), &error);
	g_assert_no_error (error);
	pkt_write_pem (pub, "PUBLIC KEY", pkinext_signer_get_public_key (signer));
	g_assert_true (g_file_set_contents (data, msg, strlen (msg), NULL));
	g_assert_true (g_file_set_contents (sigf, g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), NULL));
	if (c->openssl_digest == NULL) {
		const gchar *argv[] = {"openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub,
				       "-rawin", "-in", data, "-sigfile", sigf, NULL};
		out = pkt_run_expect (0, argv);
	} else if (c->pss) {
		const gchar *argv[] = {"openssl", "dgst", c->openssl_digest, "-sigopt",
				       "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1",
				       "-verify", pub, "-signature", sigf, data, NULL};
		out = pkt_run_expect (0, argv);
	} else {
		const gchar *argv[] = {"openssl", "dgst", c->openssl_digest, "-verify", pub,
				       "-signature", sigf, data, NULL};
		out = pkt_run_expect (0, argv);
	}
	g_assert_nonnull (strstr (out, "Verified OK") != NULL ? out : strstr (out, "Signature Verified Successfully"));
	pkt_tmpdir_remove (tmp);
}

/* encrypted PKCS#8 round trip; a wrong passphrase is a clear error */
static void
test_signer_software_encrypted_pkcs8 (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	g_autoptr(PkinextSigner) loaded = NULL;
	g_autoptr(PkinextSigner) wrong = NULL;
	g_autofree gchar *tmp = pkt_tmpdir_new ("p8");
	g_autofree gchar *path = g_build_filename (tmp, "key.pem", NULL);
	g_autofree gchar *out = NULL;
	const gchar *argv[] = {"openssl", "pkey", "-in", path, "-passin", "pass:s3cret", "-noout", NULL};

	signer = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0, 0, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_signer_software_save (PKINEXT_SIGNER_SOFTWARE (signer), path, "s3cret", &error));
	g_assert_no_error (error);
	/* openssl can read it with the passphrase: real encrypted PKCS#8 */
	out = pkt_run_expect (0, argv);
	/* saving over an existing file is refused */
	g_assert_false (pkinext_signer_software_save (PKINEXT_SIGNER_SOFTWARE (signer), path, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS);
	g_clear_error (&error);

	loaded = pkinext_signer_software_new_from_file (path, "s3cret", 0, &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (pkinext_signer_get_public_key (loaded),
				      pkinext_signer_get_public_key (signer)));
	wrong = pkinext_signer_software_new_from_file (path, "wrong", 0, &error);
	g_assert_null (wrong);
	g_assert_nonnull (error);
	g_test_message ("wrong passphrase: %s", error->message);
	g_assert_nonnull (strstr (error->message, path));
	pkt_tmpdir_remove (tmp);
}

/* keys written by openssl load; a certificate for another key is refused */
static void
test_signer_software_certificate_mismatch (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	g_autofree gchar *tmp = pkt_tmpdir_new ("mm");
	g_autofree gchar *key1 = g_build_filename (tmp, "k1.pem", NULL);
	g_autofree gchar *key2 = g_build_filename (tmp, "k2.pem", NULL);
	g_autofree gchar *crt2 = g_build_filename (tmp, "c2.der", NULL);
	g_autofree gchar *crt1 = g_build_filename (tmp, "c1.der", NULL);
	g_autoptr(GBytes) der1 = NULL;
	g_autoptr(GBytes) der2 = NULL;
	const gchar *gen1[] = {"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key1, NULL};
	const gchar *gen2[] = {"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key2, NULL};
	const gchar *req1[] = {"openssl", "req", "-new", "-x509", "-key", key1, "-subj", "/CN=one", "-outform", "DER", "-out", crt1, NULL};
	const gchar *req2[] = {"openssl", "req", "-new", "-x509", "-key", key2, "-subj", "/CN=two", "-outform", "DER", "-out", crt2, NULL};
	g_free (pkt_run_expect (0, gen1));
	g_free (pkt_run_expect (0, gen2));
	g_free (pkt_run_expect (0, req1));
	g_free (pkt_run_expect (0, req2));

	signer = pkinext_signer_software_new_from_file (key1, NULL, 0, &error);
	g_assert_no_error (error);
	g_assert_cmpint (pkinext_signer_get_algorithm (signer), ==, PKINEXT_ALGORITHM_ECDSA_P384_SHA384);
	der1 = pkt_read_file_bytes (crt1);
	der2 = pkt_read_file_bytes (crt2);
	g_assert_false (pkinext_signer_set_certificate (signer, der2, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	g_assert_nonnull (strstr (error->message, "CN=two"));
	g_clear_error (&error);
	g_assert_true (pkinext_signer_set_certificate (signer, der1, &error));
	g_assert_no_error (error);
	pkt_tmpdir_remove (tmp);
}

static void
test_signer_software_bad_keys (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) garbage = g_bytes_new_static ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", 58);
	g_autoptr(PkinextSigner) s1 = NULL;
	g_autoptr(PkinextSigner) s2 = NULL;
	g_autoptr(PkinextSigner) s3 = NULL;

	s1 = pkinext_signer_software_new_from_data (garbage, NULL, 0, &error);
	g_assert_null (s1);
	g_assert_nonnull (error);
	g_clear_error (&error);
	s2 = pkinext_signer_software_new_from_file ("/nonexistent/key.pem", NULL, 0, &error);
	g_assert_null (s2);
	g_assert_nonnull (strstr (error->message, "/nonexistent/key.pem"));
	g_clear_error (&error);
	/* algorithm that does not fit the key */
	s3 = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_RSA_PSS_SHA256, &error);
	g_assert_null (s3);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	g_clear_error (&error);
	s3 = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_RSA, 1024, 0, &error);
	g_assert_null (s3);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
}

typedef struct {
	PkinextSigner *signer;
	guint count;
	guint ok;
} ThreadCtx;

static gpointer
sign_thread (gpointer user_data)
{
	ThreadCtx *ctx = user_data;
	for (guint i = 0; i < ctx->count; i++) {
		g_autoptr(GBytes) sig = NULL;
		guint8 buf[32];
		memset (buf, (int)i, sizeof (buf));
		sig = pkinext_signer_sign (ctx->signer, buf, sizeof (buf), NULL);
		if (sig != NULL && pkinext_signer_verify (ctx->signer, buf, sizeof (buf), sig, NULL))
			ctx->ok++;
	}
	return NULL;
}

static void
test_signer_software_threads (void)
{
	g_autoptr(PkinextSigner) signer = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0, 0, NULL);
	ThreadCtx ctx[4];
	GThread *threads[4];

	for (guint i = 0; i < 4; i++) {
		ctx[i] = (ThreadCtx){signer, 200, 0};
		threads[i] = g_thread_new ("sign", sign_thread, &ctx[i]);
	}
	for (guint i = 0; i < 4; i++) {
		g_thread_join (threads[i]);
		g_assert_cmpuint (ctx[i].ok, ==, 200);
	}
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	for (guint i = 0; i < G_N_ELEMENTS (sign_cases); i++) {
		g_autofree gchar *path = g_strdup_printf ("/signer-software/openssl-verifies/%s",
							  pkinext_algorithm_to_string (sign_cases[i].alg));
		g_test_add_data_func (path, &sign_cases[i], test_signer_software_openssl_verifies);
	}
	g_test_add_func ("/signer-software/encrypted-pkcs8", test_signer_software_encrypted_pkcs8);
	g_test_add_func ("/signer-software/certificate-mismatch", test_signer_software_certificate_mismatch);
	g_test_add_func ("/signer-software/bad-keys", test_signer_software_bad_keys);
	g_test_add_func ("/signer-software/threads", test_signer_software_threads);
	return g_test_run ();
}
