/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext.h"
#include "pkinext-test-util.h"

static void
test_algorithm_names (void)
{
	guint n = 0;
	const PkinextAlgorithmInfo *table = pkinext_algorithm_get_table (&n);

	g_assert_cmpuint (n, ==, PKINEXT_ALGORITHM_LAST);
	for (guint i = 1; i < n; i++) {
		g_assert_cmpint (table[i].id, ==, i);
		g_assert_cmpint (pkinext_algorithm_from_string (table[i].name), ==, i);
		g_assert_nonnull (table[i].signature_oid);
	}
	g_assert_cmpint (pkinext_algorithm_from_string ("ES256"), ==, PKINEXT_ALGORITHM_ECDSA_P256_SHA256);
	g_assert_cmpint (pkinext_algorithm_from_string ("ECDSA-P384-SHA384"), ==, PKINEXT_ALGORITHM_ECDSA_P384_SHA384);
	g_assert_cmpint (pkinext_algorithm_from_string ("nope"), ==, PKINEXT_ALGORITHM_UNKNOWN);
	g_assert_cmpint (pkinext_algorithm_from_signature_oid ("1.2.840.113549.1.1.10", GNUTLS_DIG_SHA384),
			 ==,
			 PKINEXT_ALGORITHM_RSA_PSS_SHA384);
}

static void
test_algorithm_ml_dsa_refused (void)
{
	const PkinextAlgorithm mldsa[] = {PKINEXT_ALGORITHM_ML_DSA_44,
					  PKINEXT_ALGORITHM_ML_DSA_65,
					  PKINEXT_ALGORITHM_ML_DSA_87};
	for (guint i = 0; i < G_N_ELEMENTS (mldsa); i++) {
		g_autoptr(GError) error = NULL;
		g_assert_false (pkinext_algorithm_check_usable (mldsa[i], &error));
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED);
		g_assert_nonnull (strstr (error->message,
					  "no backend on this platform supports ML-DSA; use a PKCS#11 "
					  "token with CKM_ML_DSA"));
	}
}

static void
test_algorithm_sha1_refused (void)
{
	g_autoptr(GError) error = NULL;
	g_assert_false (pkinext_algorithm_check_usable (PKINEXT_ALGORITHM_RSA_PKCS1_SHA1, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED);
	g_assert_nonnull (strstr (error->message, "SHA-1"));
}

static void
test_algorithm_key_check (void)
{
	g_autoptr(GError) error = NULL;
	g_assert_true (pkinext_algorithm_check_key (PKINEXT_ALGORITHM_RSA_PSS_SHA256,
						    PKINEXT_KEY_TYPE_RSA, 3072, NULL));
	g_assert_false (pkinext_algorithm_check_key (PKINEXT_ALGORITHM_ECDSA_P256_SHA256,
						     PKINEXT_KEY_TYPE_EC_P384, 384, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	g_clear_error (&error);
	g_assert_false (pkinext_algorithm_check_key (PKINEXT_ALGORITHM_RSA_PKCS1_SHA256,
						     PKINEXT_KEY_TYPE_RSA, 1024, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
}

/* the AlgorithmIdentifier encodings, as openssl reads them */
static void
test_algorithm_identifiers_openssl (void)
{
	g_autofree gchar *tmp = pkt_tmpdir_new ("alg");
	struct {
		PkinextAlgorithm alg;
		const gchar *expect;
	} cases[] = {
	    {PKINEXT_ALGORITHM_ECDSA_P256_SHA256, ":ecdsa-with-SHA256"},
	    {PKINEXT_ALGORITHM_RSA_PKCS1_SHA384, ":sha384WithRSAEncryption"},
	    {PKINEXT_ALGORITHM_RSA_PSS_SHA256, ":rsassaPss"},
	    {PKINEXT_ALGORITHM_ED25519, ":ED25519"},
	    {PKINEXT_ALGORITHM_ML_DSA_65, "2.16.840.1.101.3.4.3.18"},
	};
	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr(GBytes) der = pkinext_algorithm_get_identifier_der (cases[i].alg);
		g_autofree gchar *path = g_build_filename (tmp, "alg.der", NULL);
		g_autofree gchar *out = NULL;
		const gchar *argv[] = {"openssl", "asn1parse", "-inform", "DER", "-in", path, NULL};
		g_assert_true (g_file_set_contents (path, g_bytes_get_data (der, NULL),
						    g_bytes_get_size (der), NULL));
		out = pkt_run_expect (0, argv);
		g_assert_nonnull (strstr (out, cases[i].expect));
		if (cases[i].alg == PKINEXT_ALGORITHM_RSA_PSS_SHA256) {
			g_assert_nonnull (strstr (out, ":sha256"));
			g_assert_nonnull (strstr (out, ":mgf1"));
			g_assert_nonnull (strstr (out, ":20")); /* saltLength 32 */
		}
	}
	pkt_tmpdir_remove (tmp);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/algorithm/names", test_algorithm_names);
	g_test_add_func ("/algorithm/ml-dsa-refused", test_algorithm_ml_dsa_refused);
	g_test_add_func ("/algorithm/sha1-refused", test_algorithm_sha1_refused);
	g_test_add_func ("/algorithm/key-check", test_algorithm_key_check);
	g_test_add_func ("/algorithm/identifiers-openssl", test_algorithm_identifiers_openssl);
	return g_test_run ();
}
