/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Issuance benchmark (not a test): on one core, for one CA key, measures
 *   - raw signatures/s of the CA key,
 *   - CSR proof-of-possession checks/s (parse + verify, as issuance does),
 *   - their combined limit 1 / (t_verify + t_sign),
 *   - pkinext certificates issued/s from CSRs (no storage), and the ratio.
 * Usage: issue-bench ALGORITHM N CSR_DIR [pkcs11]
 *   ALGORITHM: ecdsa-p256-sha256, ed25519, ...; CSR_DIR receives the CSRs as
 *   PEM files (csr-%05d.pem) for the openssl ca comparison run by issue.sh.
 *   With "pkcs11", the CA key is generated on the SoftHSM2 token named by
 *   PKINEXT_BENCH_TOKEN (PIN in PKINEXT_BENCH_PIN).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkinext.h"
#include "pkinext-signer-software.h"

static gdouble
now (void)
{
	return (gdouble)g_get_monotonic_time () / G_USEC_PER_SEC;
}

static PkinextSigner *
make_ca_signer (PkinextAlgorithm alg, gboolean pkcs11, GError **error)
{
	const PkinextAlgorithmInfo *info = pkinext_algorithm_get_info (alg);
	if (pkcs11) {
		PkinextPkcs11Options opts = {0};
		g_autofree gchar *label = g_strdup_printf ("bench-%s", info->name);
		opts.token_label = g_getenv ("PKINEXT_BENCH_TOKEN");
		opts.pin = g_getenv ("PKINEXT_BENCH_PIN");
		opts.slot = -1;
		opts.key_label = label;
		opts.algorithm = alg;
		if (!pkinext_pkcs11_generate_key (&opts, info->key_type, 3072, label, NULL, error))
			return NULL;
		return pkinext_signer_pkcs11_new (&opts, error);
	}
	return pkinext_signer_software_generate (info->key_type, 3072, alg, error);
}

static GPtrArray *
make_csrs (PkinextKeyType key_type, guint n, const gchar *dir, GError **error)
{
	g_autoptr(GPtrArray) csrs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	for (guint i = 0; i < n; i++) {
		g_autoptr(PkinextSigner) key = pkinext_signer_software_generate (key_type, 2048, 0, error);
		g_autoptr(GPtrArray) sans = g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_san_free);
		g_autofree gchar *cn = g_strdup_printf ("host%05u.bench.example.test", i);
		g_autofree gchar *subject = g_strdup_printf ("CN=%s", cn);
		g_autofree gchar *pem = NULL;
		g_autofree gchar *path = NULL;
		g_autofree gchar *name = NULL;
		GBytes *der;

		if (key == NULL)
			return NULL;
		g_ptr_array_add (sans, pkinext_san_new (PKINEXT_SAN_DNS, cn));
		der = pkinext_csr_build (key, subject, sans, error);
		if (der == NULL)
			return NULL;
		g_ptr_array_add (csrs, der);
		pem = pkinext_pem_encode ("CERTIFICATE REQUEST", der);
		name = g_strdup_printf ("csr-%05u.pem", i);
		path = g_build_filename (dir, name, NULL);
		if (!g_file_set_contents (path, pem, -1, error))
			return NULL;
	}
	return g_steal_pointer (&csrs);
}

static int
fail (GError *error)
{
	g_printerr ("issue-bench: %s\n", error->message);
	return 1;
}

int
main (int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) ca = NULL;
	g_autoptr(PkinextCertificate) root = NULL;
	g_autoptr(PkinextIssuer) issuer = NULL;
	g_autoptr(PkinextProfile) profile = NULL;
	g_autoptr(GPtrArray) csrs = NULL;
	g_autofree gchar *profile_path = NULL;
	PkinextAlgorithm alg;
	gboolean pkcs11;
	guint n;
	guint8 tbs[600];
	gdouble t0, t_sign, t_verify, t_issue, limit;

	if (argc < 4)
		return fprintf (stderr, "usage: issue-bench ALGORITHM N CSR_DIR [pkcs11]\n"), 2;
	alg = pkinext_algorithm_from_string (argv[1]);
	n = (guint)g_ascii_strtoull (argv[2], NULL, 10);
	pkcs11 = argc > 4 && g_strcmp0 (argv[4], "pkcs11") == 0;
	ca = make_ca_signer (alg, pkcs11, &error);
	if (ca == NULL)
		return fail (error);
	root = pkinext_issuer_create_root (ca, "CN=Bench CA", 86400 * 365, -1, &error);
	if (root == NULL || !pkinext_signer_set_certificate (ca, pkinext_certificate_get_der (root), &error))
		return fail (error);
	issuer = pkinext_issuer_new (ca, &error);
	profile_path = g_build_filename (g_getenv ("PKINEXT_PROFILES_DIR"), "tls-server.profile", NULL);
	profile = issuer != NULL ? pkinext_profile_new_from_file (profile_path, &error) : NULL;
	if (profile == NULL)
		return fail (error);
	csrs = make_csrs (PKINEXT_KEY_TYPE_EC_P256, n, argv[3], &error);
	if (csrs == NULL)
		return fail (error);
	memset (tbs, 0x42, sizeof (tbs));

	/* raw CA signatures */
	t0 = now ();
	for (guint i = 0; i < n; i++) {
		g_autoptr(GBytes) sig = pkinext_signer_sign (ca, tbs, sizeof (tbs), &error);
		if (sig == NULL)
			return fail (error);
	}
	t_sign = (now () - t0) / n;

	/* CSR proof-of-possession: parse + verify each CSR once */
	t0 = now ();
	for (guint i = 0; i < n; i++) {
		g_autoptr(PkinextCsr) csr = pkinext_csr_new_from_data (g_ptr_array_index (csrs, i), &error);
		if (csr == NULL)
			return fail (error);
	}
	t_verify = (now () - t0) / n;

	/* issuance: CSR in, signed certificate out */
	t0 = now ();
	for (guint i = 0; i < n; i++) {
		g_autoptr(PkinextCsr) csr = pkinext_csr_new_from_data (g_ptr_array_index (csrs, i), &error);
		g_autoptr(PkinextCertificate) cert = NULL;
		if (csr == NULL)
			return fail (error);
		cert = pkinext_issuer_issue (issuer, csr, profile, NULL, &error);
		if (cert == NULL)
			return fail (error);
	}
	t_issue = (now () - t0) / n;
	limit = 1.0 / (t_sign + t_verify);
	printf ("%-8s %-18s sign/s %8.0f  csr-verify/s %8.0f  limit/s %8.0f  issued/s %8.0f  "
		"ratio %.2f\n",
		pkcs11 ? "pkcs11" : "software",
		argv[1],
		1.0 / t_sign,
		1.0 / t_verify,
		limit,
		1.0 / t_issue,
		(1.0 / t_issue) / limit);
	return 0;
}
