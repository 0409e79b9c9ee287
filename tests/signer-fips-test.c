/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs only in the -Dcrypto_backend=fips build. Debian's GnuTLS has no FIPS
 * mode, so these tests prove the refusals: the mode check and the allowlist.
 */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "pkinext-signer-fips.h"
#include "pkinext.h"
#include "pkinext-test-util.h"

static void
test_fips_no_software_signer (void)
{
	/* the software signer is not compiled into a FIPS build */
	g_assert_null (dlsym (RTLD_DEFAULT, "pkinext_signer_software_get_type"));
	g_assert_nonnull (dlsym (RTLD_DEFAULT, "pkinext_signer_fips_get_type"));
}

static void
test_fips_mode_refused (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;

	if (gnutls_fips140_mode_enabled ()) {
		g_test_skip ("GnuTLS is in FIPS mode here; this test proves the refusal elsewhere");
		return;
	}
	g_assert_false (pkinext_fips_check_mode (&error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_FIPS);
	g_assert_nonnull (strstr (error->message, "not operating in FIPS 140 mode"));
	g_clear_error (&error);
	/* an allowed algorithm is still refused: no FIPS mode, no signer */
	signer = pkinext_signer_fips_generate (PKINEXT_KEY_TYPE_EC_P256, 0, 0, &error);
	g_assert_null (signer);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_FIPS);
	g_assert_nonnull (strstr (error->message, "FIPS 140 mode"));
}

static void
assert_allowlist_error (GError *error)
{
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_FIPS);
	g_test_message ("%s", error->message);
	g_assert_nonnull (strstr (error->message, "allowed: "));
	g_assert_nonnull (strstr (error->message, "ecdsa-p256-sha256"));
	g_assert_nonnull (strstr (error->message, "PKCS#11"));
}

static void
test_fips_allowlist (void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = pkt_tmpdir_new ("fips");
	g_autofree gchar *ed = g_build_filename (tmp, "ed.pem", NULL);
	g_autofree gchar *rsa1024 = g_build_filename (tmp, "rsa1024.pem", NULL);
	g_autofree gchar *rsa2048 = g_build_filename (tmp, "rsa2048.pem", NULL);
	const gchar *gen_ed[] = {"openssl", "genpkey", "-algorithm", "ED25519", "-out", ed, NULL};
	const gchar *gen_1024[] = {"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", rsa1024, NULL};
	const gchar *gen_2048[] = {"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsa2048, NULL};
	PkinextSigner *s;

	g_free (pkt_run_expect (0, gen_ed));
	g_free (pkt_run_expect (0, gen_1024));
	g_free (pkt_run_expect (0, gen_2048));

	/* Ed25519 */
	s = pkinext_signer_fips_new_from_file (ed, NULL, 0, &error);
	g_assert_null (s);
	assert_allowlist_error (error);
	g_assert_nonnull (strstr (error->message, "ed25519 is not allowed"));
	g_clear_error (&error);
	s = pkinext_signer_fips_generate (PKINEXT_KEY_TYPE_ED25519, 0, 0, &error);
	g_assert_null (s);
	assert_allowlist_error (error);
	g_clear_error (&error);

	/* RSA-1024 */
	s = pkinext_signer_fips_new_from_file (rsa1024, NULL, 0, &error);
	g_assert_null (s);
	assert_allowlist_error (error);
	g_assert_nonnull (strstr (error->message, "RSA-1024"));
	g_clear_error (&error);

	/* SHA-1 with an otherwise fine RSA-2048 key */
	s = pkinext_signer_fips_new_from_file (rsa2048, NULL, PKINEXT_ALGORITHM_RSA_PKCS1_SHA1, &error);
	g_assert_null (s);
	assert_allowlist_error (error);
	g_assert_nonnull (strstr (error->message, "rsa-pkcs1-sha1"));
	g_clear_error (&error);

	/* the pure allowlist accepts what FIPS approves */
	g_assert_true (pkinext_fips_check_allowed (PKINEXT_ALGORITHM_ECDSA_P384_SHA384, PKINEXT_KEY_TYPE_EC_P384, 384, NULL));
	g_assert_true (pkinext_fips_check_allowed (PKINEXT_ALGORITHM_RSA_PSS_SHA256, PKINEXT_KEY_TYPE_RSA, 3072, NULL));
	g_assert_false (pkinext_fips_check_allowed (PKINEXT_ALGORITHM_ML_DSA_65, PKINEXT_KEY_TYPE_ML_DSA_65, 0, NULL));
	pkt_tmpdir_remove (tmp);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/signer-fips/no-software-signer", test_fips_no_software_signer);
	g_test_add_func ("/signer-fips/mode-refused", test_fips_mode_refused);
	g_test_add_func ("/signer-fips/allowlist", test_fips_allowlist);
	return g_test_run ();
}
