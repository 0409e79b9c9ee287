/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The pre-issuance linter: every rule fires with its name, both on the linter's
 * own input and (software builds) through the issuer with CSRs made by openssl.
 */
#include "config.h"

#include <string.h>

#include "pkinext.h"
#include "pkinext-test-util.h"
#if !PKINEXT_CRYPTO_BACKEND_FIPS
#include "pkinext-signer-software.h"
#endif

#define DAY 86400

typedef struct {
	const gchar *name;
	const gchar *profile;	   /* a shipped profile, or NULL for @profile_data */
	const gchar *profile_data; /* inline profile */
	const gchar *cn;
	const gchar *sans;	   /* ';'-separated "type:value" */
	PkinextKeyType key_type;
	guint key_bits;
	PkinextAlgorithm alg;
	gint64 validity;	   /* 0 = 90 days */
	gboolean subject_empty;
	gboolean san_critical;
	gboolean internal_names;
	const gchar *expect_rule;  /* NULL = clean */
} LintCase;

#define PROFILE_HEAD "[profile]\nname=t\ndescription=t\n[validity]\ndefault=1d\nmaximum=30d\n"

static const LintCase lint_cases[] = {
    {"clean", "tls-server", NULL, "www.example.com", "dns:www.example.com;dns:example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, NULL},
    {"clean-ip-cn", "tls-server", NULL, "192.0.2.7", "ip:192.0.2.7", PKINEXT_KEY_TYPE_RSA, 2048,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, FALSE, NULL},
    {"san-required", "tls-server", NULL, "www.example.com", NULL, PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, FALSE, "tls.san-required"},
    {"cn-in-san", "tls-server", NULL, "www.example.com", "dns:api.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, "tls.cn-in-san"},
    {"san-type", "tls-server", NULL, NULL, "dns:a.example.com;email:x@example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, "tls.san-type"},
    {"tls-max-validity", "tls-server", NULL, NULL, "dns:www.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 399 * DAY, FALSE,
     FALSE, FALSE, "tls.max-validity"},
    {"tls-398-days-ok", "tls-server", NULL, NULL, "dns:www.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 398 * DAY, FALSE,
     FALSE, FALSE, NULL},
    {"profile-maximum", "tls-client", NULL, "alice", NULL, PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 826 * DAY, FALSE, FALSE, FALSE,
     "validity.profile-maximum"},
    {"validity-order", "tls-client", NULL, "alice", NULL, PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, -5, FALSE, FALSE, FALSE, "validity.order"},
    {"rsa-1024", "tls-server", NULL, NULL, "dns:www.example.com", PKINEXT_KEY_TYPE_RSA, 1024,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, FALSE, "key.rsa-size"},
    {"unknown-key", "tls-client", NULL, "alice", NULL, PKINEXT_KEY_TYPE_UNKNOWN, 0,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, FALSE, "key.ec-curve"},
    {"sha1", "tls-server", NULL, NULL, "dns:www.example.com", PKINEXT_KEY_TYPE_RSA, 2048,
     PKINEXT_ALGORITHM_RSA_PKCS1_SHA1, 0, FALSE, FALSE, FALSE, "signature.sha1"},
    {"wildcard-middle", "tls-server", NULL, NULL, "dns:www.*.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, "dns.wildcard-position"},
    {"wildcard-partial", "tls-server", NULL, NULL, "dns:w*.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, "dns.wildcard-position"},
    {"wildcard-tld", "tls-server", NULL, NULL, "dns:*.com", PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, FALSE, "dns.wildcard-position"},
    {"wildcard-leftmost-ok", "tls-server", NULL, "*.example.com", "dns:*.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, NULL},
    {"san-syntax", "tls-server", NULL, NULL, "dns:under_score.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, "san.syntax"},
    {"internal-allowed", "tls-server", NULL, NULL, "dns:db.internal;ip:10.1.2.3",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE,
     FALSE, NULL},
    {"internal-name", "tls-server", NULL, NULL, "dns:db.internal", PKINEXT_KEY_TYPE_EC_P256,
     256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, TRUE, "dns.internal-name"},
    {"single-label", "tls-server", NULL, NULL, "dns:intranet", PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, TRUE, "dns.internal-name"},
    {"reserved-ip", "tls-server", NULL, NULL, "ip:10.1.2.3", PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, TRUE, "ip.reserved"},
    {"reserved-ipv6", "tls-server", NULL, NULL, "ip:fd00::1", PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, TRUE, "ip.reserved"},
    {"public-ip-ok", "tls-server", NULL, NULL, "ip:192.0.2.1;dns:www.example.com",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 0, FALSE, FALSE, TRUE,
     NULL},
    {"ca-bc-not-critical", NULL,
     PROFILE_HEAD "[basic-constraints]\nca=true\ncritical=false\n[key-usage]\n"
		  "usage=key-cert-sign;crl-sign\n",
     "Sub CA", NULL, PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, DAY,
     FALSE, FALSE, FALSE, "ext.basic-constraints-critical"},
    {"ku-not-critical", NULL, PROFILE_HEAD "[key-usage]\nusage=digital-signature\ncritical=false\n",
     "x", NULL, PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, DAY, FALSE,
     FALSE, FALSE, "ext.key-usage-critical"},
    {"ca-without-cert-sign", NULL,
     PROFILE_HEAD "[basic-constraints]\nca=true\n[key-usage]\nusage=digital-signature\n",
     "Sub CA", NULL, PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, DAY,
     FALSE, FALSE, FALSE, "ext.ca-key-cert-sign"},
    {"leaf-with-cert-sign", NULL,
     PROFILE_HEAD "[key-usage]\nusage=digital-signature;key-cert-sign\n", "x", NULL,
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, DAY, FALSE, FALSE,
     FALSE, "ext.leaf-key-cert-sign"},
    {"san-not-critical", NULL, PROFILE_HEAD "[san]\ncritical=false\n", NULL,
     "uri:spiffe://example.org/w", PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, DAY, TRUE, FALSE, FALSE, "ext.san-critical"},
    {"empty-subject-critical-san-ok", "spiffe-svid", NULL, NULL, "uri:spiffe://example.org/w",
     PKINEXT_KEY_TYPE_EC_P256, 256, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 3600, TRUE, TRUE,
     FALSE, NULL},
    {"empty-without-san", "spiffe-svid", NULL, NULL, NULL, PKINEXT_KEY_TYPE_EC_P256, 256,
     PKINEXT_ALGORITHM_ECDSA_P256_SHA256, 3600, TRUE, TRUE, FALSE, "subject.empty-without-san"},
};

static GPtrArray *
sans_from_list (const gchar *list)
{
	g_autoptr(GPtrArray) sans = pkinext_san_array_new ();
	g_auto(GStrv) items = g_strsplit (list != NULL ? list : "", ";", -1);

	for (guint i = 0; items[i] != NULL; i++) {
		const gchar *colon = strchr (items[i], ':');
		PkinextSanType t;
		g_autofree gchar *type = NULL;
		if (*items[i] == '\0')
			continue;
		/* not pkinext_san_new_from_string(): it validates, and the linter must see
		 * malformed names too */
		g_assert_nonnull (colon);
		type = g_strndup (items[i], colon - items[i]);
		g_assert_true (pkinext_san_type_from_string (type, &t));
		g_ptr_array_add (sans, pkinext_san_new (t, colon + 1));
	}
	return g_steal_pointer (&sans);
}

static PkinextProfile *
case_profile (const gchar *name, const gchar *data)
{
	g_autoptr(GError) error = NULL;
	PkinextProfile *p = name != NULL ? pkinext_profile_load (name, NULL, &error)
					 : pkinext_profile_new_from_data (data, -1, "inline", &error);
	g_assert_no_error (error);
	return p;
}

static void
test_linter_rule (gconstpointer user_data)
{
	const LintCase *c = user_data;
	g_autoptr(PkinextProfile) profile = case_profile (c->profile, c->profile_data);
	g_autoptr(PkinextLinter) linter = pkinext_linter_new ();
	g_autoptr(GPtrArray) sans = sans_from_list (c->sans);
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) all = NULL;
	PkinextLintInput in = {0};
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;
	gint64 validity = c->validity != 0 ? c->validity : 90 * DAY;

	in.common_name = c->cn;
	in.subject_empty = c->subject_empty;
	in.sans = sans;
	in.key_type = c->key_type;
	in.key_bits = c->key_bits;
	in.signature_algorithm = c->alg;
	in.not_before = now;
	in.not_after = now + validity - 1;
	in.san_critical = c->san_critical;
	in.path_len = -1;
	pkinext_linter_set_check_internal_names (linter, c->internal_names);
	g_assert_cmpint (pkinext_linter_get_check_internal_names (linter), ==, c->internal_names);

	if (c->expect_rule == NULL) {
		g_assert_true (pkinext_linter_check (linter, profile, &in, &error));
		g_assert_no_error (error);
		all = pkinext_linter_run (linter, profile, &in);
		g_assert_cmpuint (g_strv_length (all), ==, 0);
		return;
	}
	g_assert_false (pkinext_linter_check (linter, profile, &in, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_LINT);
	g_test_message ("%s: %s", c->name, error->message);
	{
		g_autofree gchar *prefix = g_strdup_printf ("lint: %s: ", c->expect_rule);
		if (!g_str_has_prefix (error->message, prefix))
			g_error ("%s: expected rule %s, got \"%s\"", c->name, c->expect_rule,
				 error->message);
	}
	g_assert_true (g_strv_contains (pkinext_linter_list_rules (), c->expect_rule));
	all = pkinext_linter_run (linter, profile, &in);
	g_assert_cmpuint (g_strv_length (all), >=, 1);
	g_assert_cmpstr (all[0], ==, error->message);
}

/* run() reports every finding, check() the first one */
static void
test_linter_run_all (void)
{
	g_autoptr(PkinextProfile) profile = case_profile ("tls-server", NULL);
	g_autoptr(PkinextLinter) linter = pkinext_linter_new ();
	g_autoptr(GPtrArray) sans = sans_from_list ("dns:a.*.example.com");
	g_auto(GStrv) all = NULL;
	PkinextLintInput in = {0};

	in.common_name = "b.example.com";
	in.sans = sans;
	in.key_type = PKINEXT_KEY_TYPE_RSA;
	in.key_bits = 1024;
	in.signature_algorithm = PKINEXT_ALGORITHM_ECDSA_P256_SHA256;
	in.not_before = 0;
	in.not_after = 500 * DAY;
	all = pkinext_linter_run (linter, profile, &in);
	g_assert_cmpuint (g_strv_length (all), ==, 5);
	g_assert_true (g_str_has_prefix (all[0], "lint: key.rsa-size: "));
	g_assert_true (g_str_has_prefix (all[1], "lint: dns.wildcard-position: "));
	g_assert_true (g_str_has_prefix (all[2], "lint: tls.cn-in-san: "));
	g_assert_true (g_str_has_prefix (all[3], "lint: tls.max-validity: "));
	g_assert_true (g_str_has_prefix (all[4], "lint: validity.profile-maximum: "));
}

/* every rule the linter lists has a case above that makes it fire (each case checks it) */
static void
test_linter_all_rules_covered (void)
{
	const gchar *const *rules = pkinext_linter_list_rules ();
	for (guint i = 0; rules[i] != NULL; i++) {
		gboolean covered = FALSE;
		for (guint j = 0; j < G_N_ELEMENTS (lint_cases); j++) {
			if (g_strcmp0 (lint_cases[j].expect_rule, rules[i]) == 0)
				covered = TRUE;
		}
		if (!covered)
			g_error ("no test fires rule %s", rules[i]);
	}
}

#if !PKINEXT_CRYPTO_BACKEND_FIPS

/* ---- through the issuer, with CSRs made by openssl ---------------------- */

typedef struct {
	gchar *tmp;
	PkinextSigner *ca;
	PkinextIssuer *issuer;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCertificate) root = NULL;

	f->tmp = pkt_tmpdir_new ("linter");
	f->ca = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0,
						  PKINEXT_ALGORITHM_UNKNOWN, &error);
	g_assert_no_error (error);
	root = pkinext_issuer_create_root (f->ca, "CN=Lint Test Root,O=pkinext", 3650L * DAY, -1,
					   &error);
	g_assert_no_error (error);
	f->issuer = pkinext_issuer_new (f->ca, &error);
	g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
	g_clear_object (&f->issuer);
	g_clear_object (&f->ca);
	pkt_tmpdir_remove (f->tmp);
	g_free (f->tmp);
}

/* openssl req: @newkey e.g. "ec", "rsa:1024", "ed25519"; @san e.g. "DNS:a.example.com" */
static PkinextCsr *
openssl_csr (Fixture *f, const gchar *newkey, const gchar *subj, const gchar *san)
{
	g_autofree gchar *key = g_build_filename (f->tmp, "key.pem", NULL);
	g_autofree gchar *req = g_build_filename (f->tmp, "req.pem", NULL);
	g_autofree gchar *addext = san != NULL ? g_strdup_printf ("subjectAltName=%s", san) : NULL;
	g_autofree gchar *out = NULL;
	g_autoptr(GBytes) pem = NULL;
	g_autoptr(GError) error = NULL;
	PkinextCsr *csr;
	GPtrArray *argv = g_ptr_array_new ();

	g_ptr_array_add (argv, (gpointer) "openssl");
	g_ptr_array_add (argv, (gpointer) "req");
	g_ptr_array_add (argv, (gpointer) "-new");
	g_ptr_array_add (argv, (gpointer) "-nodes");
	g_ptr_array_add (argv, (gpointer) "-newkey");
	g_ptr_array_add (argv, (gpointer)newkey);
	if (g_strcmp0 (newkey, "ec") == 0) {
		g_ptr_array_add (argv, (gpointer) "-pkeyopt");
		g_ptr_array_add (argv, (gpointer) "ec_paramgen_curve:P-256");
	}
	g_ptr_array_add (argv, (gpointer) "-keyout");
	g_ptr_array_add (argv, key);
	g_ptr_array_add (argv, (gpointer) "-out");
	g_ptr_array_add (argv, req);
	g_ptr_array_add (argv, (gpointer) "-subj");
	g_ptr_array_add (argv, (gpointer)subj);
	if (addext != NULL) {
		g_ptr_array_add (argv, (gpointer) "-addext");
		g_ptr_array_add (argv, addext);
	}
	g_ptr_array_add (argv, NULL);
	out = pkt_run_expect (0, (const gchar *const *)argv->pdata);
	g_ptr_array_unref (argv);
	pem = pkt_read_file_bytes (req);
	csr = pkinext_csr_new_from_data (pem, &error);
	g_assert_no_error (error);
	return csr;
}

static void
expect_lint (Fixture *f,
	     const gchar *profile_name,
	     PkinextCsr *csr,
	     const PkinextIssueOptions *opts,
	     const gchar *rule)
{
	g_autoptr(PkinextProfile) profile = case_profile (profile_name, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCertificate) cert = NULL;
	g_autofree gchar *prefix = g_strdup_printf ("lint: %s: ", rule);

	cert = pkinext_issuer_issue (f->issuer, csr, profile, opts, &error);
	g_assert_null (cert);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_LINT);
	g_test_message ("%s", error->message);
	if (!g_str_has_prefix (error->message, prefix))
		g_error ("expected rule %s, got \"%s\"", rule, error->message);
}

static void
test_issue_san_required (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ec", "/CN=www.example.com", NULL);
	expect_lint (f, "tls-server", csr, NULL, "tls.san-required");
}

static void
test_issue_cn_not_in_san (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ec", "/CN=www.example.com",
						 "DNS:api.example.com,DNS:example.com");
	expect_lint (f, "tls-server", csr, NULL, "tls.cn-in-san");
}

static void
test_issue_rsa_1024 (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "rsa:1024", "/CN=www.example.com",
						 "DNS:www.example.com");
	expect_lint (f, "tls-server", csr, NULL, "key.rsa-size");
}

static void
test_issue_validity_override (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ec", "/CN=alice", NULL);
	g_autoptr(PkinextProfile) profile = case_profile ("tls-client", NULL);
	g_autoptr(PkinextCertificate) ok = NULL;
	g_autoptr(GError) error = NULL;
	PkinextIssueOptions opts;

	pkinext_issue_options_init (&opts);
	/* exactly the maximum is fine */
	opts.validity = pkinext_profile_get_max_validity (profile);
	ok = pkinext_issuer_issue (f->issuer, csr, profile, &opts, &error);
	g_assert_no_error (error);
	g_assert_cmpint (pkinext_certificate_get_not_after (ok) -
			     pkinext_certificate_get_not_before (ok) + 1, ==, opts.validity);
	/* one second more is not */
	opts.validity = pkinext_profile_get_max_validity (profile) + 1;
	expect_lint (f, "tls-client", csr, &opts, "validity.profile-maximum");
}

static void
test_issue_wildcard_position (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ec", "/O=Example",
						 "DNS:www.*.example.com");
	g_autoptr(PkinextCsr) csr2 = openssl_csr (f, "ec", "/O=Example", "DNS:*.example.com");
	g_autoptr(PkinextProfile) profile = case_profile ("tls-server", NULL);
	g_autoptr(PkinextCertificate) ok = NULL;
	g_autoptr(GError) error = NULL;

	expect_lint (f, "tls-server", csr, NULL, "dns.wildcard-position");
	ok = pkinext_issuer_issue (f->issuer, csr2, profile, NULL, &error);
	g_assert_no_error (error);
}

static void
test_issue_key_type_forbidden (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ed25519", "/CN=www.example.com",
						 "DNS:www.example.com");
	g_autoptr(PkinextProfile) profile = case_profile ("tls-server", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCertificate) cert = NULL;

	cert = pkinext_issuer_issue (f->issuer, csr, profile, NULL, &error);
	g_assert_null (cert);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
	g_test_message ("%s", error->message);
	g_assert_nonnull (strstr (error->message, "tls-server"));
	g_assert_nonnull (strstr (error->message, "ed25519"));
}

/* other profile policies: SAN types, URI schemes, CN rules, SAN counts */
static void
test_issue_policies (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextProfile) spiffe = case_profile ("spiffe-svid", NULL);
	g_autoptr(PkinextProfile) subca = case_profile ("sub-ca", NULL);
	g_autoptr(PkinextProfile) code = case_profile ("code-signing", NULL);
	g_autoptr(PkinextProfile) smime = case_profile ("smime", NULL);
	struct {
		PkinextProfile *profile;
		const gchar *newkey;
		const gchar *subj;
		const gchar *san;
		const gchar *expect;
	} cases[] = {
	    {spiffe, "ec", "/CN=w", "DNS:w.example.com", "does not accept dns names"},
	    {spiffe, "ec", "/CN=w", "URI:https://example.org/w", "scheme spiffe"},
	    {spiffe, "ec", "/CN=w", "URI:spiffe://a/1,URI:spiffe://a/2", "at most 1"},
	    {smime, "ec", "/CN=Alice", NULL, "requires at least one"},
	    {subca, "ec", "/O=No CN", NULL, "requires a common name"},
	    {code, "rsa:2048", "/CN=Signer", NULL, "3072"},
	};

	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr(PkinextCsr) csr = openssl_csr (f, cases[i].newkey, cases[i].subj,
							 cases[i].san);
		g_autoptr(GError) error = NULL;
		g_autoptr(PkinextCertificate) cert = NULL;
		cert = pkinext_issuer_issue (f->issuer, csr, cases[i].profile, NULL, &error);
		g_assert_null (cert);
		g_test_message ("%s", error->message);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
		if (strstr (error->message, cases[i].expect) == NULL)
			g_error ("case %u: '%s' not in \"%s\"", i, cases[i].expect,
				 error->message);
	}
}

/* [subject] from-csr/force, subject override, extra SANs (deduplicated) */
static void
test_issue_subject_and_sans (Fixture *f, gconstpointer data)
{
	g_autoptr(PkinextCsr) csr = openssl_csr (f, "ec", "/C=US/O=Evil/OU=Ops/CN=host.example.com",
						 "DNS:host.example.com");
	g_autoptr(PkinextProfile) profile = NULL;
	g_autoptr(PkinextCertificate) a = NULL;
	g_autoptr(PkinextCertificate) b = NULL;
	g_autoptr(GPtrArray) extra = pkinext_san_array_new ();
	g_autoptr(GError) error = NULL;
	PkinextIssueOptions opts;
	GPtrArray *sans;

	profile = pkinext_profile_new_from_data (
	    "[profile]\nname=forced\ndescription=forced subject\n[validity]\ndefault=1d\n"
	    "[subject]\nfrom-csr=CN;OU\nforce=O=Example Corp,C=FR\n[san]\nfrom-csr=dns\n"
	    "[extended-key-usage]\nusage=server-auth\n",
	    -1, "inline", &error);
	g_assert_no_error (error);
	a = pkinext_issuer_issue (f->issuer, csr, profile, NULL, &error);
	g_assert_no_error (error);
	/* forced attributes first (most general), then the CSR's CN and OU; O=Evil and C=US
	 * are dropped */
	g_assert_cmpstr (pkinext_certificate_get_subject (a), ==,
			 "CN=host.example.com,OU=Ops,O=Example Corp,C=FR");

	pkinext_issue_options_init (&opts);
	opts.subject = "CN=www.example.com,O=Ignored";
	g_ptr_array_add (extra, pkinext_san_new (PKINEXT_SAN_DNS, "www.example.com"));
	g_ptr_array_add (extra, pkinext_san_new (PKINEXT_SAN_DNS, "host.example.com"));
	opts.extra_sans = extra;
	b = pkinext_issuer_issue (f->issuer, csr, profile, &opts, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_certificate_get_subject (b), ==,
			 "CN=www.example.com,O=Example Corp,C=FR");
	sans = pkinext_certificate_get_sans (b);
	g_assert_cmpuint (sans->len, ==, 2);
	g_assert_cmpstr (((PkinextSan *)g_ptr_array_index (sans, 0))->value, ==,
			 "host.example.com");
	g_assert_cmpstr (((PkinextSan *)g_ptr_array_index (sans, 1))->value, ==,
			 "www.example.com");
}

#endif /* !PKINEXT_CRYPTO_BACKEND_FIPS */

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	for (guint i = 0; i < G_N_ELEMENTS (lint_cases); i++) {
		g_autofree gchar *path = g_strdup_printf ("/linter/rule/%s", lint_cases[i].name);
		g_test_add_data_func (path, &lint_cases[i], test_linter_rule);
	}
	g_test_add_func ("/linter/run-all", test_linter_run_all);
	g_test_add_func ("/linter/all-rules-covered", test_linter_all_rules_covered);
#if !PKINEXT_CRYPTO_BACKEND_FIPS
	g_test_add ("/linter/issue/san-required", Fixture, NULL, fixture_setup,
		    test_issue_san_required, fixture_teardown);
	g_test_add ("/linter/issue/cn-not-in-san", Fixture, NULL, fixture_setup,
		    test_issue_cn_not_in_san, fixture_teardown);
	g_test_add ("/linter/issue/rsa-1024", Fixture, NULL, fixture_setup, test_issue_rsa_1024,
		    fixture_teardown);
	g_test_add ("/linter/issue/validity-override", Fixture, NULL, fixture_setup,
		    test_issue_validity_override, fixture_teardown);
	g_test_add ("/linter/issue/wildcard-position", Fixture, NULL, fixture_setup,
		    test_issue_wildcard_position, fixture_teardown);
	g_test_add ("/linter/issue/key-type-forbidden", Fixture, NULL, fixture_setup,
		    test_issue_key_type_forbidden, fixture_teardown);
	g_test_add ("/linter/issue/policies", Fixture, NULL, fixture_setup, test_issue_policies,
		    fixture_teardown);
	g_test_add ("/linter/issue/subject-and-sans", Fixture, NULL, fixture_setup,
		    test_issue_subject_and_sans, fixture_teardown);
#endif
	return g_test_run ();
}
