/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Issuance end to end: for every backend and algorithm, a root, an intermediate
 * and leaves under every shipped profile, verified with openssl and certtool and
 * their extensions read back with `openssl x509 -text`. Also: an intermediate
 * signed by an external (openssl) parent, and name-constrained sub-CAs.
 */
#include "config.h"

#include <string.h>

#include "pkinext.h"
#include "pkinext-signer-pkcs11.h"
#include "pkinext-test-softhsm.h"
#include "pkinext-test-util.h"
#if !PKINEXT_CRYPTO_BACKEND_FIPS
#include "pkinext-signer-software.h"
#endif

#define DAY	     86400
#define CRL_URL	     "http://ca.example.test/crl/main.crl"
#define OCSP_URL     "http://ca.example.test/ocsp/main"
#define CA_ISSUERS   "http://ca.example.test/ca/main.crt"
#define SOFTHSM_PIN  "1234"
#define SOFTHSM_TOKEN "pkinext-chain"

/* ---- algorithms and backends ----------------------------------------------- */

typedef struct {
	const gchar *name;
	const gchar *backend; /* "software" or "pkcs11" */
	PkinextKeyType key_type;
	guint bits;
	PkinextAlgorithm alg;
	const gchar *pkcs11_tool_type; /* pkcs11-tool --key-type */
} AlgCase;

static const AlgCase alg_cases[] = {
    {"p256", "software", PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_ECDSA_P256_SHA256, NULL},
    {"p384", "software", PKINEXT_KEY_TYPE_EC_P384, 0, PKINEXT_ALGORITHM_ECDSA_P384_SHA384, NULL},
    {"p521", "software", PKINEXT_KEY_TYPE_EC_P521, 0, PKINEXT_ALGORITHM_ECDSA_P521_SHA512, NULL},
    {"rsa3072", "software", PKINEXT_KEY_TYPE_RSA, 3072, PKINEXT_ALGORITHM_RSA_PKCS1_SHA256, NULL},
    {"rsa-pss", "software", PKINEXT_KEY_TYPE_RSA, 2048, PKINEXT_ALGORITHM_RSA_PSS_SHA256, NULL},
    {"ed25519", "software", PKINEXT_KEY_TYPE_ED25519, 0, PKINEXT_ALGORITHM_ED25519, NULL},
    {"p256", "pkcs11", PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_ECDSA_P256_SHA256,
     "EC:prime256v1"},
    {"p384", "pkcs11", PKINEXT_KEY_TYPE_EC_P384, 0, PKINEXT_ALGORITHM_ECDSA_P384_SHA384,
     "EC:secp384r1"},
    {"rsa3072", "pkcs11", PKINEXT_KEY_TYPE_RSA, 3072, PKINEXT_ALGORITHM_RSA_PKCS1_SHA256,
     "rsa:3072"},
    {"ed25519", "pkcs11", PKINEXT_KEY_TYPE_ED25519, 0, PKINEXT_ALGORITHM_ED25519,
     "EC:edwards25519"},
};

/* one SoftHSM token per process, with every key generated up front (SoftHSM reads its
 * configuration once, at the first PKCS#11 use) */
static gchar *softhsm_dir;
static PktSofthsm *softhsm;

static void
softhsm_prepare (void)
{
	softhsm_dir = pkt_tmpdir_new ("chain-hsm");
	softhsm = pkt_softhsm_new (softhsm_dir, SOFTHSM_TOKEN);
	for (guint i = 0; i < G_N_ELEMENTS (alg_cases); i++) {
		const AlgCase *c = &alg_cases[i];
		const gchar *roles[] = {"root", "inter"};
		if (g_strcmp0 (c->backend, "pkcs11") != 0)
			continue;
		for (guint r = 0; r < G_N_ELEMENTS (roles); r++) {
			g_autofree gchar *label = g_strdup_printf ("%s-%s", c->name, roles[r]);
			g_autofree gchar *id = g_strdup_printf ("%02x%02x", i, r);
			g_autofree gchar *uri = pkt_softhsm_keygen (softhsm, c->pkcs11_tool_type,
								    label, id);
		}
	}
}

static PkinextSigner *
make_signer (const AlgCase *c, const gchar *role)
{
	g_autoptr(GError) error = NULL;
	PkinextSigner *signer = NULL;

	if (g_strcmp0 (c->backend, "pkcs11") == 0) {
		g_autofree gchar *label = g_strdup_printf ("%s-%s", c->name, role);
		PkinextPkcs11Options opts;
		pkinext_pkcs11_options_init (&opts);
		opts.module = PKT_SOFTHSM_MODULE;
		opts.token_label = SOFTHSM_TOKEN;
		opts.key_label = label;
		opts.pin = SOFTHSM_PIN;
		opts.algorithm = c->alg;
		signer = pkinext_signer_pkcs11_new (&opts, &error);
	} else {
#if !PKINEXT_CRYPTO_BACKEND_FIPS
		signer = pkinext_signer_software_generate (c->key_type, c->bits, c->alg, &error);
#else
		g_assert_not_reached ();
#endif
	}
	g_assert_no_error (error);
	g_assert_nonnull (signer);
	g_assert_cmpint (pkinext_signer_get_algorithm (signer), ==, c->alg);
	return signer;
}

/* ---- leaves: one per profile (and a few key types) ------------------------ */

typedef struct {
	const gchar *profile;
	const gchar *newkey; /* openssl req -newkey */
	const gchar *subj;
	const gchar *san;
	const gchar *const expect[12]; /* substrings of `openssl x509 -text` */
	const gchar *const absent[4];
} LeafCase;

#define TLS_FEATURE_PROFILE                                                                 \
	"[profile]\nname=tls-must-staple\ndescription=must-staple test\n[validity]\n"      \
	"default=30d\nmaximum=90d\n[keys]\nallowed=ec-p256;rsa\n[subject]\nfrom-csr=CN\n"  \
	"[san]\nfrom-csr=dns\nrequired=true\n[key-usage]\nusage=digital-signature\n"       \
	"[extended-key-usage]\nusage=server-auth\n[extensions]\ntls-feature=status-request\n" \
	"certificate-policies=2.23.140.1.2.2;1.3.6.1.4.1.99999.1\n"                           \
	"cps-uri=https://ca.example.test/cps\n"

static const LeafCase leaf_cases[] = {
    {"tls-server", "ec", "/CN=www.example.com", "DNS:www.example.com,DNS:example.com,IP:192.0.2.10",
     {"X509v3 Key Usage: critical", "Digital Signature", "TLS Web Server Authentication",
      "X509v3 Basic Constraints: critical", "CA:FALSE",
      "DNS:www.example.com, DNS:example.com, IP Address:192.0.2.10",
      "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier",
      "URI:" CRL_URL, "OCSP - URI:" OCSP_URL, "CA Issuers - URI:" CA_ISSUERS,
      "Policy: 2.23.140.1.2.1"},
     {"Key Encipherment", "Client Authentication", "Subject Alternative Name: critical"}},
    {"tls-server", "rsa:2048", "/CN=rsa.example.com", "DNS:rsa.example.com",
     {"Digital Signature, Key Encipherment", "TLS Web Server Authentication",
      "DNS:rsa.example.com"},
     {NULL}},
    {"tls-client", "ec", "/CN=alice/O=Example", "email:alice@example.com",
     {"X509v3 Key Usage: critical", "Digital Signature, Key Agreement",
      "TLS Web Client Authentication", "email:alice@example.com", "O = Example",
      "URI:" CRL_URL},
     {"Server Authentication"}},
    {"tls-client", "ed25519", "/CN=bob", NULL,
     {"Digital Signature", "TLS Web Client Authentication", "ED25519"},
     {"Key Agreement", "Alternative Name"}},
    {"tls-server-client", "ec", "/CN=node1.example.com/O=Cluster",
     "DNS:node1.example.com",
     {"TLS Web Server Authentication, TLS Web Client Authentication",
      "DNS:node1.example.com", "O = Cluster"},
     {NULL}},
    {"ocsp-signing", "ec", "/CN=OCSP Responder", NULL,
     {"OCSP Signing", "OCSP No Check", "X509v3 Key Usage: critical", "Digital Signature",
      "CA Issuers - URI:" CA_ISSUERS},
     {"CRL Distribution Points", "OCSP - URI", "Alternative Name"}},
    {"code-signing", "ec", "/CN=Release Signing/O=Example/C=FR", NULL,
     {"Code Signing", "Digital Signature", "Subject: CN = Release Signing, O = Example, C = FR"},
     {"Alternative Name"}},
    {"smime", "ec", "/CN=Alice/emailAddress=alice@example.com", "email:alice@example.com",
     {"E-mail Protection", "email:alice@example.com",
      "Digital Signature, Non Repudiation, Key Agreement"},
     {NULL}},
    {"spiffe-svid", "ec", "/CN=ignored-by-profile", "URI:spiffe://example.org/ns/prod/sa/web",
     {"X509v3 Subject Alternative Name: critical", "URI:spiffe://example.org/ns/prod/sa/web",
      "TLS Web Server Authentication, TLS Web Client Authentication"},
     {"Subject: CN", "CRL Distribution Points", "Authority Information Access"}},
    {NULL /* TLS_FEATURE_PROFILE */, "ec", "/CN=staple.example.com", "DNS:staple.example.com",
     {"TLS Feature", "status_request", "Policy: 2.23.140.1.2.2", "Policy: 1.3.6.1.4.1.99999.1",
      "CPS: https://ca.example.test/cps"},
     {NULL}},
};

static PkinextCsr *leaf_csrs[G_N_ELEMENTS (leaf_cases)];
static gchar *leaf_dir;

static PkinextCsr *
openssl_csr (const gchar *dir, const gchar *newkey, const gchar *subj, const gchar *san)
{
	g_autofree gchar *key = g_build_filename (dir, "leaf.key", NULL);
	g_autofree gchar *req = g_build_filename (dir, "leaf.csr", NULL);
	g_autofree gchar *addext = san != NULL ? g_strdup_printf ("subjectAltName=%s", san) : NULL;
	g_autofree gchar *out = NULL;
	g_autoptr(GBytes) pem = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) argv = g_ptr_array_new ();
	PkinextCsr *csr;

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
	pem = pkt_read_file_bytes (req);
	csr = pkinext_csr_new_from_data (pem, &error);
	g_assert_no_error (error);
	return csr;
}

static PkinextCsr *
leaf_csr (guint i)
{
	if (leaf_csrs[i] == NULL) {
		if (leaf_dir == NULL)
			leaf_dir = pkt_tmpdir_new ("chain-leaves");
		leaf_csrs[i] = openssl_csr (leaf_dir, leaf_cases[i].newkey, leaf_cases[i].subj,
					    leaf_cases[i].san);
	}
	return leaf_csrs[i];
}

static PkinextProfile *
leaf_profile (const LeafCase *c)
{
	g_autoptr(GError) error = NULL;
	PkinextProfile *p = c->profile != NULL
				? pkinext_profile_load (c->profile, NULL, &error)
				: pkinext_profile_new_from_data (TLS_FEATURE_PROFILE, -1, "inline",
								 &error);
	g_assert_no_error (error);
	return p;
}

/* ---- checks with third-party tools ---------------------------------------- */

static gchar *
write_cert (const gchar *dir, const gchar *name, PkinextCertificate *cert)
{
	gchar *path = g_build_filename (dir, name, NULL);
	pkt_write_pem (path, "CERTIFICATE", pkinext_certificate_get_der (cert));
	return path;
}

static gchar *
openssl_text (const gchar *path)
{
	const gchar *argv[] = {"openssl", "x509", "-noout", "-text", "-in", path, NULL};
	return pkt_run_expect (0, argv);
}

static void
check_text (const gchar *what, const gchar *text, const gchar *const *expect,
	    const gchar *const *absent, guint n_expect, guint n_absent)
{
	for (guint i = 0; i < n_expect && expect[i] != NULL; i++) {
		if (strstr (text, expect[i]) == NULL)
			g_error ("%s: '%s' not in openssl's text:\n%s", what, expect[i], text);
	}
	for (guint i = 0; i < n_absent && absent[i] != NULL; i++) {
		if (strstr (text, absent[i]) != NULL)
			g_error ("%s: '%s' unexpected in openssl's text:\n%s", what, absent[i], text);
	}
}

/* openssl verify -x509_strict and certtool --verify must both accept the chain */
static void
verify_chain (const gchar *dir, const gchar *root, const gchar *inter, const gchar *leaf)
{
	g_autofree gchar *chain = g_build_filename (dir, "chain.pem", NULL);
	g_autofree gchar *leaf_pem = NULL;
	g_autofree gchar *inter_pem = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *out2 = NULL;

	if (inter != NULL) {
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", root,
				       "-untrusted", inter, leaf, NULL};
		out = pkt_run_expect (0, argv);
		g_assert_true (g_file_get_contents (inter, &inter_pem, NULL, NULL));
	} else {
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", root, leaf,
				       NULL};
		out = pkt_run_expect (0, argv);
	}
	g_assert_nonnull (strstr (out, ": OK"));
	g_assert_true (g_file_get_contents (leaf, &leaf_pem, NULL, NULL));
	{
		g_autofree gchar *both = g_strconcat (leaf_pem, inter_pem, NULL);
		const gchar *argv[] = {"certtool", "--verify", "--load-ca-certificate", root,
				       "--infile", chain, NULL};
		g_assert_true (g_file_set_contents (chain, both, -1, NULL));
		out2 = pkt_run_expect (0, argv);
	}
	g_assert_nonnull (strstr (out2, "Chain verification output: Verified."));
}

/* the certificate built from parts agrees with a fresh parse of its DER */
static void
check_parts (PkinextCertificate *cert, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCertificate) parsed = NULL;
	GPtrArray *a;
	GPtrArray *b;
	const gchar *argv[] = {"openssl", "x509", "-noout", "-serial", "-in", path, NULL};
	g_autofree gchar *serial = pkt_run_expect (0, argv);
	g_autofree gchar *expect = g_strdup_printf ("serial=%s\n",
						    pkinext_certificate_get_serial (cert));
	g_autofree gchar *lower = g_ascii_strdown (serial, -1);

	parsed = pkinext_certificate_new_from_data (pkinext_certificate_get_der (cert), &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_certificate_get_serial (parsed), ==,
			 pkinext_certificate_get_serial (cert));
	g_assert_cmpuint (strlen (pkinext_certificate_get_serial (cert)), >=, 31);
	g_assert_cmpstr (lower, ==, expect);
	g_assert_cmpstr (pkinext_certificate_get_subject (parsed), ==,
			 pkinext_certificate_get_subject (cert));
	g_assert_cmpstr (pkinext_certificate_get_issuer (parsed), ==,
			 pkinext_certificate_get_issuer (cert));
	g_assert_cmpint (pkinext_certificate_get_not_before (parsed), ==,
			 pkinext_certificate_get_not_before (cert));
	g_assert_cmpint (pkinext_certificate_get_not_after (parsed), ==,
			 pkinext_certificate_get_not_after (cert));
	g_assert_true (g_bytes_equal (pkinext_certificate_get_public_key (parsed),
				      pkinext_certificate_get_public_key (cert)));
	a = pkinext_certificate_get_sans (parsed);
	b = pkinext_certificate_get_sans (cert);
	g_assert_cmpuint (a->len, ==, b->len);
	for (guint i = 0; i < a->len; i++)
		g_assert_true (pkinext_san_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
	g_assert_cmpint (pkinext_certificate_is_ca (parsed, NULL), ==,
			 pkinext_certificate_is_ca (cert, NULL));
}

/* ---- the chain ------------------------------------------------------------- */

typedef struct {
	gchar *dir;
	PkinextSigner *root_signer;
	PkinextSigner *inter_signer;
	PkinextIssuer *root;
	PkinextIssuer *inter;
	gchar *root_pem;
	gchar *inter_pem;
} Chain;

static void
chain_clear (Chain *ch)
{
	g_clear_object (&ch->root);
	g_clear_object (&ch->inter);
	g_clear_object (&ch->root_signer);
	g_clear_object (&ch->inter_signer);
	pkt_tmpdir_remove (ch->dir);
	g_free (ch->dir);
	g_free (ch->root_pem);
	g_free (ch->inter_pem);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chain, chain_clear)

static PkinextCsr *
csr_for_signer (PkinextSigner *signer, const gchar *subject)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) der = pkinext_csr_build (signer, subject, NULL, &error);
	PkinextCsr *csr;

	g_assert_no_error (error);
	csr = pkinext_csr_new_from_data (der, &error);
	g_assert_no_error (error);
	return csr;
}

static void
chain_build (Chain *ch, const AlgCase *c)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCertificate) root = NULL;
	g_autoptr(PkinextCertificate) inter = NULL;
	g_autoptr(PkinextCsr) csr = NULL;
	g_autoptr(PkinextProfile) subca = pkinext_profile_load ("sub-ca", NULL, &error);
	g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	g_autofree gchar *root_subject = g_strdup_printf ("CN=%s %s Root,O=pkinext tests",
							  c->backend, c->name);
	g_autofree gchar *inter_subject = g_strdup_printf ("CN=%s %s Issuing CA,O=pkinext tests",
							   c->backend, c->name);

	g_assert_no_error (error);
	ch->dir = pkt_tmpdir_new ("chain");
	ch->root_signer = make_signer (c, "root");
	ch->inter_signer = make_signer (c, "inter");
	root = pkinext_issuer_create_root (ch->root_signer, root_subject, 3650L * DAY, -1, &error);
	g_assert_no_error (error);
	ch->root = pkinext_issuer_new (ch->root_signer, &error);
	g_assert_no_error (error);
	pkinext_issuer_set_urls (ch->root, CRL_URL, OCSP_URL, CA_ISSUERS);

	csr = csr_for_signer (ch->inter_signer, inter_subject);
	inter = pkinext_issuer_issue (ch->root, csr, subca, NULL, &error);
	g_assert_no_error (error);
	g_ptr_array_add (chain, g_bytes_ref (pkinext_certificate_get_der (root)));
	g_assert_true (pkinext_issuer_import_certificate (ch->inter_signer,
							  pkinext_certificate_get_der (inter), chain,
							  &error));
	g_assert_no_error (error);
	ch->inter = pkinext_issuer_new (ch->inter_signer, &error);
	g_assert_no_error (error);
	pkinext_issuer_set_urls (ch->inter, CRL_URL, OCSP_URL, CA_ISSUERS);

	ch->root_pem = write_cert (ch->dir, "root.pem", root);
	ch->inter_pem = write_cert (ch->dir, "inter.pem", inter);
	{
		g_autofree gchar *text = openssl_text (ch->root_pem);
		const gchar *expect[] = {"CA:TRUE", "Certificate Sign, CRL Sign",
					 "X509v3 Basic Constraints: critical",
					 "X509v3 Key Usage: critical", NULL};
		check_text ("root", text, expect, NULL, G_N_ELEMENTS (expect), 0);
	}
	{
		g_autofree gchar *text = openssl_text (ch->inter_pem);
		const gchar *expect[] = {"CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign",
					 "X509v3 Basic Constraints: critical",
					 "X509v3 Authority Key Identifier", "URI:" CRL_URL,
					 "OCSP - URI:" OCSP_URL, NULL};
		const gchar *absent[] = {"Extended Key Usage", "Alternative Name", NULL};
		check_text ("intermediate", text, expect, absent, G_N_ELEMENTS (expect),
			    G_N_ELEMENTS (absent));
		check_parts (inter, ch->inter_pem);
	}
}

static void
test_chain (gconstpointer user_data)
{
	const AlgCase *c = user_data;
	g_auto(Chain) ch = {0};
	g_autoptr(GError) error = NULL;

	chain_build (&ch, c);
	verify_chain (ch.dir, ch.root_pem, NULL, ch.inter_pem);
	for (guint i = 0; i < G_N_ELEMENTS (leaf_cases); i++) {
		const LeafCase *lc = &leaf_cases[i];
		g_autoptr(PkinextProfile) profile = leaf_profile (lc);
		g_autoptr(PkinextCertificate) leaf = NULL;
		g_autofree gchar *name = g_strdup_printf ("leaf-%u.pem", i);
		g_autofree gchar *path = NULL;
		g_autofree gchar *text = NULL;
		g_autofree gchar *what = g_strdup_printf ("%s/%s: %s leaf %u", c->backend, c->name,
							  pkinext_profile_get_name (profile), i);

		leaf = pkinext_issuer_issue (ch.inter, leaf_csr (i), profile, NULL, &error);
		if (error != NULL)
			g_error ("%s: %s", what, error->message);
		path = write_cert (ch.dir, name, leaf);
		verify_chain (ch.dir, ch.root_pem, ch.inter_pem, path);
		text = openssl_text (path);
		check_text (what, text, lc->expect, lc->absent, G_N_ELEMENTS (lc->expect),
			    G_N_ELEMENTS (lc->absent));
		check_parts (leaf, path);
		g_assert_cmpint (pkinext_certificate_get_not_after (leaf) -
				     pkinext_certificate_get_not_before (leaf) + 1, ==,
				 pkinext_profile_get_default_validity (profile));
	}
	/* a leaf straight from the root */
	{
		g_autoptr(PkinextProfile) tls = pkinext_profile_load ("tls-server", NULL, &error);
		g_autoptr(PkinextCertificate) leaf = pkinext_issuer_issue (ch.root, leaf_csr (0), tls,
									   NULL, &error);
		g_autofree gchar *path = NULL;
		g_assert_no_error (error);
		path = write_cert (ch.dir, "root-leaf.pem", leaf);
		verify_chain (ch.dir, ch.root_pem, NULL, path);
	}
}

/* ---- name constraints ------------------------------------------------------ */

#if !PKINEXT_CRYPTO_BACKEND_FIPS

static void
test_name_constraints (void)
{
	g_auto(Chain) ch = {0};
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) sub_signer = make_signer (&alg_cases[0], "sub");
	g_autoptr(PkinextProfile) subca = pkinext_profile_load ("sub-ca", NULL, &error);
	g_autoptr(PkinextProfile) tls = pkinext_profile_load ("tls-server", NULL, &error);
	g_autoptr(PkinextCsr) csr = csr_for_signer (sub_signer, "CN=Example Constrained CA");
	g_autoptr(PkinextCertificate) sub = NULL;
	g_autoptr(PkinextCertificate) good = NULL;
	g_autoptr(PkinextCertificate) bad = NULL;
	g_autoptr(PkinextIssuer) sub_issuer = NULL;
	g_autoptr(PkinextCsr) bad_csr = NULL;
	g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	const gchar *permitted[] = {"example.com", NULL};
	const gchar *excluded[] = {"secret.example.com", NULL};
	g_autofree gchar *sub_pem = NULL;
	g_autofree gchar *good_pem = NULL;
	g_autofree gchar *bad_pem = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *out = NULL;

	g_assert_no_error (error);
	chain_build (&ch, &alg_cases[0]);
	sub = pkinext_issuer_sign_subordinate (ch.root, csr, subca, 0, permitted, excluded, &error);
	g_assert_no_error (error);
	sub_pem = write_cert (ch.dir, "sub.pem", sub);
	text = openssl_text (sub_pem);
	{
		const gchar *expect[] = {"X509v3 Name Constraints: critical", "Permitted:",
					 "DNS:example.com", "Excluded:", "DNS:secret.example.com",
					 "CA:TRUE, pathlen:0", NULL};
		check_text ("sub-ca", text, expect, NULL, G_N_ELEMENTS (expect), 0);
	}
	g_ptr_array_add (chain, g_bytes_ref (pkinext_certificate_get_der (
				    pkinext_issuer_get_certificate (ch.root))));
	g_assert_true (pkinext_issuer_import_certificate (sub_signer,
							  pkinext_certificate_get_der (sub), chain,
							  &error));
	sub_issuer = pkinext_issuer_new (sub_signer, &error);
	g_assert_no_error (error);

	/* inside the constraints: verifies */
	good = pkinext_issuer_issue (sub_issuer, leaf_csr (0), tls, NULL, &error);
	g_assert_no_error (error);
	good_pem = write_cert (ch.dir, "good.pem", good);
	verify_chain (ch.dir, ch.root_pem, sub_pem, good_pem);

	/* outside: openssl refuses the chain */
	bad_csr = openssl_csr (ch.dir, "ec", "/CN=www.other.org", "DNS:www.other.org");
	bad = pkinext_issuer_issue (sub_issuer, bad_csr, tls, NULL, &error);
	g_assert_no_error (error);
	bad_pem = write_cert (ch.dir, "bad.pem", bad);
	{
		const gchar *argv[] = {"openssl", "verify", "-x509_strict", "-CAfile", ch.root_pem,
				       "-untrusted", sub_pem, bad_pem, NULL};
		g_autofree gchar *err = NULL;
		gint rc = pkt_run (argv, &out, &err);
		g_test_message ("openssl verify (outside constraints): %s%s", out, err);
		g_assert_cmpint (rc, !=, 0);
		g_assert_nonnull (strstr (out, "permitted subtree violation") != NULL
					  ? out
					  : strstr (err, "permitted subtree violation"));
	}

	/* the sub-CA has pathLen 0: it cannot sign another CA */
	{
		g_autoptr(PkinextCertificate) deeper = NULL;
		g_autoptr(PkinextCsr) csr2 = csr_for_signer (ch.inter_signer, "CN=Too Deep");
		deeper = pkinext_issuer_issue (sub_issuer, csr2, subca, NULL, &error);
		g_assert_null (deeper);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
		g_clear_error (&error);
	}
	/* a policy CA of a three-tier hierarchy: the request raises the path length */
	{
		g_autoptr(PkinextCsr) csr3 = csr_for_signer (ch.inter_signer, "CN=Policy CA");
		g_autoptr(PkinextCertificate) policy = pkinext_issuer_sign_subordinate (
		    ch.root, csr3, subca, 1, NULL, NULL, &error);
		g_autofree gchar *policy_pem = NULL;
		g_autofree gchar *policy_text = NULL;
		g_assert_no_error (error);
		policy_pem = write_cert (ch.dir, "policy.pem", policy);
		policy_text = openssl_text (policy_pem);
		g_assert_nonnull (strstr (policy_text, "CA:TRUE, pathlen:1"));
		g_assert_null (strstr (policy_text, "Name Constraints"));
	}
	/* a leaf profile takes no CA options */
	{
		g_autoptr(PkinextCertificate) leaf = NULL;
		leaf = pkinext_issuer_sign_subordinate (ch.root, leaf_csr (0), tls, 0, NULL, NULL,
							&error);
		g_assert_null (leaf);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	}
}

/* ---- several threads issuing with one issuer -------------------------------- */

typedef struct {
	PkinextIssuer *issuer;
	PkinextProfile *profile;
	PkinextCsr *csr;
	GPtrArray *serials; /* of gchar*, per thread */
} ThreadJob;

static gpointer
issue_thread (gpointer data)
{
	ThreadJob *job = data;
	for (guint i = 0; i < 100; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PkinextCertificate) cert = pkinext_issuer_issue (job->issuer, job->csr,
									   job->profile, NULL,
									   &error);
		g_assert_no_error (error);
		g_ptr_array_add (job->serials, g_strdup (pkinext_certificate_get_serial (cert)));
		if (i == 50)
			pkinext_issuer_set_urls (job->issuer, CRL_URL, NULL, NULL);
	}
	return NULL;
}

static void
test_threads (void)
{
	g_auto(Chain) ch = {0};
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) tls = pkinext_profile_load ("tls-server", NULL, &error);
	g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
	ThreadJob jobs[4];
	GThread *threads[G_N_ELEMENTS (jobs)];

	g_assert_no_error (error);
	chain_build (&ch, &alg_cases[0]);
	for (guint t = 0; t < G_N_ELEMENTS (jobs); t++) {
		jobs[t].issuer = ch.inter;
		jobs[t].profile = tls;
		jobs[t].csr = leaf_csr (0);
		jobs[t].serials = g_ptr_array_new_with_free_func (g_free);
		threads[t] = g_thread_new ("issue", issue_thread, &jobs[t]);
	}
	for (guint t = 0; t < G_N_ELEMENTS (jobs); t++) {
		g_thread_join (threads[t]);
		for (guint i = 0; i < jobs[t].serials->len; i++) {
			const gchar *serial = g_ptr_array_index (jobs[t].serials, i);
			/* 128 random bits, first byte non-zero: 31 or 32 hex digits */
			g_assert_cmpuint (strlen (serial), >=, 31);
			g_assert_true (g_hash_table_add (seen, (gpointer)serial));
		}
	}
	g_assert_cmpuint (g_hash_table_size (seen), ==, 400);
	for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
		g_ptr_array_unref (jobs[t].serials);
}

/* ---- an intermediate whose parent is an external (openssl) root ------------ */

static gchar *
openssl_root (const gchar *dir, const gchar *name)
{
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", dir, name);
	gchar *pem = g_strdup_printf ("%s/%s.pem", dir, name);
	g_autofree gchar *subj = g_strdup_printf ("/CN=External %s/O=Elsewhere", name);
	const gchar *argv[] = {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
			       "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", pem,
			       "-subj", subj, "-days", "3650", "-addext",
			       "basicConstraints=critical,CA:TRUE", "-addext",
			       "keyUsage=critical,keyCertSign,cRLSign", NULL};
	g_autofree gchar *out = pkt_run_expect (0, argv);
	return pem;
}

static GBytes *
pem_file_der (const gchar *path)
{
	g_autoptr(GBytes) data = pkt_read_file_bytes (path);
	g_autoptr(GError) error = NULL;
	GBytes *der = pkinext_pem_decode (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
					  "CERTIFICATE", &error);
	g_assert_no_error (error);
	return der;
}

static void
test_external_parent (void)
{
	g_autofree gchar *dir = pkt_tmpdir_new ("external");
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) inter = make_signer (&alg_cases[0], "inter");
	g_autoptr(PkinextSigner) other = make_signer (&alg_cases[0], "other");
	g_autoptr(GBytes) csr_der = pkinext_csr_build (inter, "CN=pkinext Issuing CA,O=Example",
						       NULL, &error);
	g_autofree gchar *root_pem = openssl_root (dir, "root");
	g_autofree gchar *root2_pem = openssl_root (dir, "root2");
	g_autofree gchar *root_key = g_build_filename (dir, "root.key", NULL);
	g_autofree gchar *csr_pem = g_build_filename (dir, "inter.csr", NULL);
	g_autofree gchar *ext = g_build_filename (dir, "ext.cnf", NULL);
	g_autofree gchar *inter_pem = g_build_filename (dir, "inter.pem", NULL);
	g_autofree gchar *out = NULL;
	g_autoptr(GBytes) inter_der = NULL;
	g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	g_autoptr(GPtrArray) wrong_chain = NULL;
	g_autoptr(PkinextIssuer) issuer = NULL;
	g_autoptr(PkinextProfile) tls = pkinext_profile_load ("tls-server", NULL, &error);
	g_autoptr(PkinextCertificate) leaf = NULL;
	g_autofree gchar *leaf_pem = NULL;

	g_assert_no_error (error);
	pkt_write_pem (csr_pem, "CERTIFICATE REQUEST", csr_der);
	{
		const gchar *argv[] = {"openssl", "req", "-verify", "-noout", "-in", csr_pem, NULL};
		g_autofree gchar *o = NULL;
		g_autofree gchar *e = NULL;
		g_assert_cmpint (pkt_run (argv, &o, &e), ==, 0);
	}
	g_assert_true (g_file_set_contents (ext,
					    "[v3_ca]\n"
					    "basicConstraints=critical,CA:TRUE,pathlen:0\n"
					    "keyUsage=critical,keyCertSign,cRLSign\n"
					    "subjectKeyIdentifier=hash\n"
					    "authorityKeyIdentifier=keyid\n",
					    -1, NULL));
	{
		const gchar *argv[] = {"openssl", "x509", "-req", "-in", csr_pem, "-CA", root_pem,
				       "-CAkey", root_key, "-CAcreateserial", "-days", "365",
				       "-extfile", ext, "-extensions", "v3_ca", "-out", inter_pem,
				       NULL};
		out = pkt_run_expect (0, argv);
	}
	inter_der = pem_file_der (inter_pem);
	g_ptr_array_add (chain, pem_file_der (root_pem));

	/* a certificate for another key is refused, and changes nothing */
	g_assert_false (pkinext_issuer_import_certificate (other, inter_der, chain, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	g_test_message ("%s", error->message);
	g_clear_error (&error);
	g_assert_null (pkinext_signer_get_certificate (other));

	/* a chain it does not verify against is refused */
	wrong_chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	g_ptr_array_add (wrong_chain, pem_file_der (root2_pem));
	g_assert_false (pkinext_issuer_import_certificate (inter, inter_der, wrong_chain, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID);
	g_test_message ("%s", error->message);
	g_clear_error (&error);
	g_assert_null (pkinext_signer_get_certificate (inter));
	/* no chain: the certificate is not self-signed, so it does not verify either */
	g_assert_false (pkinext_issuer_import_certificate (inter, inter_der, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID);
	g_clear_error (&error);

	/* the real parent: imported, and the intermediate issues verifiable leaves */
	g_assert_true (pkinext_issuer_import_certificate (inter, inter_der, chain, &error));
	g_assert_no_error (error);
	g_assert_cmpuint (pkinext_signer_get_chain (inter)->len, ==, 1);
	issuer = pkinext_issuer_new (inter, &error);
	g_assert_no_error (error);
	leaf = pkinext_issuer_issue (issuer, leaf_csr (0), tls, NULL, &error);
	g_assert_no_error (error);
	leaf_pem = write_cert (dir, "leaf.pem", leaf);
	verify_chain (dir, root_pem, inter_pem, leaf_pem);

	/* a leaf certificate is not an issuer */
	{
		g_autoptr(PkinextSigner) leafsigner = make_signer (&alg_cases[0], "leaf");
		g_autoptr(PkinextCsr) csr = csr_for_signer (leafsigner, "CN=www.example.com");
		g_autoptr(PkinextProfile) client = pkinext_profile_load ("tls-client", NULL, &error);
		g_autoptr(PkinextCertificate) lc = pkinext_issuer_issue (issuer, csr, client, NULL,
									 &error);
		g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func (
		    (GDestroyNotify)g_bytes_unref);
		g_autoptr(PkinextIssuer) nope = NULL;
		g_assert_no_error (error);
		g_ptr_array_add (full, g_bytes_ref (inter_der));
		g_ptr_array_add (full, pem_file_der (root_pem));
		g_assert_true (pkinext_issuer_import_certificate (
		    leafsigner, pkinext_certificate_get_der (lc), full, &error));
		g_assert_no_error (error);
		nope = pkinext_issuer_new (leafsigner, &error);
		g_assert_null (nope);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	}
	pkt_tmpdir_remove (dir);
}

#endif /* !PKINEXT_CRYPTO_BACKEND_FIPS */

int
main (int argc, char **argv)
{
	gboolean have_pkcs11 = g_file_test (PKT_SOFTHSM_MODULE, G_FILE_TEST_EXISTS) &&
			       pkt_have_program ("pkcs11-tool") && pkt_have_program ("p11tool");
	gint rc;

	g_test_init (&argc, &argv, NULL);
	if (have_pkcs11)
		softhsm_prepare ();
	for (guint i = 0; i < G_N_ELEMENTS (alg_cases); i++) {
		const AlgCase *c = &alg_cases[i];
		g_autofree gchar *path = g_strdup_printf ("/issue-chain/%s/%s", c->backend,
							  c->name);
		if (g_strcmp0 (c->backend, "software") == 0 && PKINEXT_CRYPTO_BACKEND_FIPS)
			continue;
		if (g_strcmp0 (c->backend, "pkcs11") == 0 && !have_pkcs11) {
			/* SoftHSM2 is a build dependency of the test suite: a missing one fails */
			g_printerr ("SoftHSM2, pkcs11-tool or p11tool missing\n");
			return 1;
		}
		g_test_add_data_func (path, c, test_chain);
	}
#if !PKINEXT_CRYPTO_BACKEND_FIPS
	g_test_add_func ("/issue-chain/name-constraints", test_name_constraints);
	g_test_add_func ("/issue-chain/external-parent", test_external_parent);
	g_test_add_func ("/issue-chain/threads", test_threads);
#endif
	rc = g_test_run ();
	for (guint i = 0; i < G_N_ELEMENTS (leaf_csrs); i++)
		g_clear_object (&leaf_csrs[i]);
	pkt_tmpdir_remove (leaf_dir);
	g_free (leaf_dir);
	g_clear_pointer (&softhsm, pkt_softhsm_free);
	pkt_tmpdir_remove (softhsm_dir);
	g_free (softhsm_dir);
	return rc;
}
