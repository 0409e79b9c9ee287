/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PKCS#10 parsing and proof-of-possession: requests made by `openssl req` parse and match
 * what openssl prints; bad input is refused with the right error code; requests built by
 * pkinext_csr_build verify with `openssl req -verify`.
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "pkinext.h"
#include "pkinext-san-private.h"
#include "pkinext-test-util.h"
#if !PKINEXT_CRYPTO_BACKEND_FIPS
#include "pkinext-signer-software.h"
#endif

/* the openssl config used for every request: all SAN types incl. UPN and krb5 otherNames */
static const gchar openssl_config[] = "[req]\n"
				      "distinguished_name = dn\n"
				      "prompt = no\n"
				      "[dn]\n"
				      "C = US\n"
				      "O = Example Org\n"
				      "CN = www.example.com\n"
				      "[ext]\n"
				      "subjectAltName = @alt\n"
				      "keyUsage = critical, digitalSignature\n"
				      "[alt]\n"
				      "DNS.1 = www.example.com\n"
				      "DNS.2 = *.example.org\n"
				      "IP.1 = 192.0.2.1\n"
				      "IP.2 = 2001:db8::1\n"
				      "email.1 = admin@example.com\n"
				      "URI.1 = https://example.com/path?q=1\n"
				      "otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com\n"
				      "otherName.2 = 1.3.6.1.5.2.2;SEQUENCE:krb5_princ\n"
				      "[krb5_princ]\n"
				      "realm = EXP:0, GeneralString:EXAMPLE.COM\n"
				      "principal_name = EXP:1, SEQUENCE:krb5_name\n"
				      "[krb5_name]\n"
				      "name_type = EXP:0, INTEGER:1\n"
				      "name_string = EXP:1, SEQUENCE:krb5_parts\n"
				      "[krb5_parts]\n"
				      "part1 = GeneralString:host\n"
				      "part2 = GeneralString:www.example.com\n";

/* the SANs above as pkinext prints them */
static const gchar *const expected_sans[] = {
	"dns:www.example.com",
	"dns:*.example.org",
	"ip:192.0.2.1",
	"ip:2001:db8::1",
	"email:admin@example.com",
	"uri:https://example.com/path?q=1",
	"upn:user@example.com",
	"krb5:host/www.example.com@EXAMPLE.COM",
};

typedef struct {
	const gchar *name;
	const gchar *const *genpkey; /* openssl genpkey arguments after -algorithm */
	const gchar *const *sigopts; /* extra openssl req arguments */
	PkinextKeyType key_type;
	guint bits;
	PkinextAlgorithm alg;
	const gchar *openssl_sig; /* as `openssl req -text` prints the signature algorithm */
} CsrCase;

static const gchar *const gen_p256[] = {"EC", "-pkeyopt", "ec_paramgen_curve:P-256", NULL};
static const gchar *const gen_p384[] = {"EC", "-pkeyopt", "ec_paramgen_curve:P-384", NULL};
static const gchar *const gen_p521[] = {"EC", "-pkeyopt", "ec_paramgen_curve:P-521", NULL};
static const gchar *const gen_rsa2048[] = {"RSA", "-pkeyopt", "rsa_keygen_bits:2048", NULL};
static const gchar *const gen_rsa1024[] = {"RSA", "-pkeyopt", "rsa_keygen_bits:1024", NULL};
static const gchar *const gen_rsapss[] = {"RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", NULL};
static const gchar *const gen_ed25519[] = {"ED25519", NULL};
static const gchar *const opt_none[] = {NULL};
static const gchar *const opt_sha384[] = {"-sha384", NULL};
static const gchar *const opt_sha512[] = {"-sha512", NULL};
static const gchar *const opt_pss[] = {"-sha256", "-sigopt", "rsa_padding_mode:pss", NULL};
static const gchar *const opt_pss384[] = {
	"-sha384", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20", NULL};
static const gchar *const opt_sha1[] = {"-sha1", NULL};

static const CsrCase csr_cases[] = {
	{"p256", gen_p256, opt_none, PKINEXT_KEY_TYPE_EC_P256, 256,
	 PKINEXT_ALGORITHM_ECDSA_P256_SHA256, "ecdsa-with-SHA256"},
	{"p384", gen_p384, opt_sha384, PKINEXT_KEY_TYPE_EC_P384, 384,
	 PKINEXT_ALGORITHM_ECDSA_P384_SHA384, "ecdsa-with-SHA384"},
	{"p521", gen_p521, opt_sha512, PKINEXT_KEY_TYPE_EC_P521, 521,
	 PKINEXT_ALGORITHM_ECDSA_P521_SHA512, "ecdsa-with-SHA512"},
	{"rsa2048", gen_rsa2048, opt_none, PKINEXT_KEY_TYPE_RSA, 2048,
	 PKINEXT_ALGORITHM_RSA_PKCS1_SHA256, "sha256WithRSAEncryption"},
	{"rsa2048-pss", gen_rsa2048, opt_pss, PKINEXT_KEY_TYPE_RSA, 2048,
	 PKINEXT_ALGORITHM_RSA_PSS_SHA256, "rsassaPss"},
	{"rsa2048-pss-sha384-salt20", gen_rsa2048, opt_pss384, PKINEXT_KEY_TYPE_RSA, 2048,
	 PKINEXT_ALGORITHM_RSA_PSS_SHA384, "rsassaPss"},
	{"rsapss-key", gen_rsapss, opt_none, PKINEXT_KEY_TYPE_RSA, 2048,
	 PKINEXT_ALGORITHM_RSA_PSS_SHA256, "rsassaPss"},
	{"ed25519", gen_ed25519, opt_none, PKINEXT_KEY_TYPE_ED25519, 256, PKINEXT_ALGORITHM_ED25519,
	 "ED25519"},
	/* parsing reports these; refusing them is the profile's job */
	{"rsa1024", gen_rsa1024, opt_none, PKINEXT_KEY_TYPE_RSA, 1024,
	 PKINEXT_ALGORITHM_RSA_PKCS1_SHA256, "sha256WithRSAEncryption"},
	{"rsa2048-sha1", gen_rsa2048, opt_sha1, PKINEXT_KEY_TYPE_RSA, 2048,
	 PKINEXT_ALGORITHM_RSA_PKCS1_SHA1, "sha1WithRSAEncryption"},
};

static gchar *tmpdir;

static gchar *
tmp_path (const gchar *name)
{
	return g_build_filename (tmpdir, name, NULL);
}

static void
run_ok (const gchar *const *argv)
{
	g_free (pkt_run_expect (0, argv));
}

/* openssl genpkey + openssl req with the config above; returns the CSR path */
static gchar *
make_openssl_csr (const CsrCase *c, gboolean pem)
{
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", tmpdir, c->name);
	g_autofree gchar *cfg = tmp_path ("req.cnf");
	gchar *csr = g_strdup_printf ("%s/%s.%s", tmpdir, c->name, pem ? "pem" : "der");
	g_autoptr (GPtrArray) argv = g_ptr_array_new ();

	if (!g_file_test (key, G_FILE_TEST_EXISTS)) {
		g_ptr_array_add (argv, "openssl");
		g_ptr_array_add (argv, "genpkey");
		g_ptr_array_add (argv, "-algorithm");
		for (guint i = 0; c->genpkey[i] != NULL; i++)
			g_ptr_array_add (argv, (gpointer)c->genpkey[i]);
		g_ptr_array_add (argv, "-out");
		g_ptr_array_add (argv, key);
		g_ptr_array_add (argv, NULL);
		run_ok ((const gchar *const *)argv->pdata);
		g_ptr_array_set_size (argv, 0);
	}
	g_assert_true (g_file_set_contents (cfg, openssl_config, -1, NULL));
	const gchar *req_argv[] = {"openssl",		"req",	"-new", "-config", cfg,
				   "-reqexts",		"ext",	"-key", key,	   "-outform",
				   pem ? "PEM" : "DER", "-out", csr};
	for (guint i = 0; i < G_N_ELEMENTS (req_argv); i++)
		g_ptr_array_add (argv, (gpointer)req_argv[i]);
	for (guint i = 0; c->sigopts[i] != NULL; i++)
		g_ptr_array_add (argv, (gpointer)c->sigopts[i]);
	g_ptr_array_add (argv, NULL);
	run_ok ((const gchar *const *)argv->pdata);
	return csr;
}

static GBytes *
read_bytes (const gchar *path)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr (GError) error = NULL;

	g_file_get_contents (path, &data, &len, &error);
	g_assert_no_error (error);
	return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* one line of `openssl req -text` after the line containing @header, trimmed */
static gchar *
line_after (const gchar *text, const gchar *header)
{
	const gchar *p = strstr (text, header);
	const gchar *eol;

	if (p == NULL)
		return NULL;
	p = strchr (p, '\n');
	g_assert_nonnull (p);
	p++;
	eol = strchr (p, '\n');
	return g_strstrip (g_strndup (p, eol != NULL ? (gsize)(eol - p) : strlen (p)));
}

/* a SAN as `openssl req -text` prints it */
static gchar *
san_as_openssl (const PkinextSan *san)
{
	guint8 a[16];

	switch (san->type) {
	case PKINEXT_SAN_DNS:
		return g_strconcat ("DNS:", san->value, NULL);
	case PKINEXT_SAN_EMAIL:
		return g_strconcat ("email:", san->value, NULL);
	case PKINEXT_SAN_URI:
		return g_strconcat ("URI:", san->value, NULL);
	case PKINEXT_SAN_UPN:
		return g_strconcat ("othername: UPN::", san->value, NULL);
	case PKINEXT_SAN_KRB5_PRINCIPAL:
		return g_strdup ("othername: 1.3.6.1.5.2.2::<unsupported>");
	case PKINEXT_SAN_IP:
		if (strchr (san->value, ':') == NULL)
			return g_strconcat ("IP Address:", san->value, NULL);
		g_assert_cmpint (inet_pton (AF_INET6, san->value, a), ==, 1);
		return g_strdup_printf ("IP Address:%X:%X:%X:%X:%X:%X:%X:%X", a[0] << 8 | a[1],
					a[2] << 8 | a[3], a[4] << 8 | a[5], a[6] << 8 | a[7],
					a[8] << 8 | a[9], a[10] << 8 | a[11], a[12] << 8 | a[13],
					a[14] << 8 | a[15]);
	case PKINEXT_SAN_OTHER:
	default:
		return g_strdup (san->value);
	}
}

static void
check_csr_against_openssl (PkinextCsr *csr, const gchar *path, const CsrCase *c)
{
	const gchar *text_argv[] = {
		"openssl", "req",   "-in",     path,
		"-noout",  "-text", "-inform", g_str_has_suffix (path, ".der") ? "DER" : "PEM",
		NULL};
	const gchar *subj_argv[] = {"openssl", "req",	     "-in",	 path,
				    "-noout",  "-subject",   "-nameopt", "RFC2253",
				    "-inform", text_argv[7], NULL};
	g_autofree gchar *text = pkt_run_expect (0, text_argv);
	g_autofree gchar *subj = pkt_run_expect (0, subj_argv);
	g_autofree gchar *want_subject =
		g_strconcat ("subject=", pkinext_csr_get_subject (csr), "\n", NULL);
	g_autofree gchar *want_sig = g_strdup_printf ("Signature Algorithm: %s", c->openssl_sig);
	g_autofree gchar *openssl_sans = line_after (text, "X509v3 Subject Alternative Name:");
	g_autoptr (GString) our_sans = g_string_new (NULL);
	GPtrArray *sans = pkinext_csr_get_sans (csr);

	g_assert_cmpstr (subj, ==, want_subject);
	g_assert_nonnull (strstr (text, want_sig));
	if (c->key_type != PKINEXT_KEY_TYPE_ED25519) {
		g_autofree gchar *want_bits = g_strdup_printf ("Public-Key: (%u bit)", c->bits);
		g_assert_nonnull (strstr (text, want_bits));
	}
	for (guint i = 0; i < sans->len; i++) {
		g_autofree gchar *t = san_as_openssl (g_ptr_array_index (sans, i));
		g_string_append_printf (our_sans, "%s%s", i > 0 ? ", " : "", t);
	}
	g_assert_cmpstr (our_sans->str, ==, openssl_sans);
}

static void
test_csr_openssl (gconstpointer user_data)
{
	const CsrCase *c = user_data;

	for (guint pem = 0; pem < 2; pem++) {
		g_autofree gchar *path = make_openssl_csr (c, pem);
		g_autoptr (GBytes) data = read_bytes (path);
		g_autoptr (GError) error = NULL;
		g_autoptr (PkinextCsr) csr = pkinext_csr_new_from_data (data, &error);
		g_autoptr (GBytes) san_ext = NULL;
		g_autoptr (GBytes) ku = NULL;
		g_autoptr (GBytes) key_id = NULL;
		g_autoptr (GBytes) reencoded = NULL;
		PkinextDerWriter w;
		GPtrArray *sans;
		gboolean critical = FALSE;
		guint bits = 0;

		g_assert_no_error (error);
		g_assert_nonnull (csr);
		g_assert_cmpstr (pkinext_csr_get_subject (csr), ==,
				 "CN=www.example.com,O=Example Org,C=US");
		g_assert_cmpstr (pkinext_csr_get_common_name (csr), ==, "www.example.com");
		g_assert_cmpint (pkinext_csr_get_key_type (csr, &bits), ==, c->key_type);
		g_assert_cmpuint (bits, ==, c->bits);
		g_assert_cmpint (pkinext_csr_get_signature_algorithm (csr), ==, c->alg);
		sans = pkinext_csr_get_sans (csr);
		g_assert_cmpuint (sans->len, ==, G_N_ELEMENTS (expected_sans));
		for (guint i = 0; i < sans->len; i++) {
			g_autofree gchar *t = pkinext_san_to_string (g_ptr_array_index (sans, i));
			g_assert_cmpstr (t, ==, expected_sans[i]);
		}
		san_ext = pkinext_csr_get_extension (csr, "2.5.29.17", &critical);
		g_assert_nonnull (san_ext);
		g_assert_false (critical);
		/* our encoding of the parsed names is byte for byte openssl's */
		pkinext_der_writer_init (&w, 256);
		g_assert_true (pkinext_san_write_general_names (&w, sans, &error));
		g_assert_no_error (error);
		reencoded = pkinext_der_writer_steal (&w);
		g_assert_true (g_bytes_equal (reencoded, san_ext));
		ku = pkinext_csr_get_extension (csr, "2.5.29.15", &critical);
		g_assert_nonnull (ku);
		g_assert_true (critical);
		g_assert_null (pkinext_csr_get_extension (csr, "2.5.29.19", NULL));
		key_id = pkinext_csr_get_subject_key_id (csr);
		g_assert_cmpuint (g_bytes_get_size (key_id), ==, 20);
		g_assert_null (pkinext_csr_get_challenge_password (csr));
		check_csr_against_openssl (csr, path, c);
	}
}

/* the public key is openssl's SPKI; the key id is RFC 5280 method 1, as openssl computes it */
static void
test_csr_public_key (void)
{
	g_autofree gchar *path = make_openssl_csr (&csr_cases[0], FALSE);
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", tmpdir, csr_cases[0].name);
	g_autofree gchar *pub = tmp_path ("p256.pub.der");
	g_autofree gchar *cert = tmp_path ("p256.ski.pem");
	const gchar *argv[] = {"openssl",  "pkey", "-in",  key, "-pubout",
			       "-outform", "DER",  "-out", pub, NULL};
	const gchar *mk_cert[] = {
		"openssl", "req",   "-new",    "-x509",	  "-key",
		key,	   "-subj", "/CN=ski", "-addext", "subjectKeyIdentifier=hash",
		"-days",   "1",	    "-out",    cert,	  NULL};
	const gchar *show_ski[] = {
		"openssl", "x509", "-in", cert, "-noout", "-ext", "subjectKeyIdentifier", NULL};
	g_autoptr (GBytes) data = read_bytes (path);
	g_autoptr (GBytes) spki = NULL;
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCsr) csr = pkinext_csr_new_from_data (data, &error);
	g_autoptr (GBytes) key_id = NULL;
	g_autofree gchar *ski_text = NULL;
	g_autoptr (GString) ours = g_string_new (NULL);
	const guint8 *id;

	g_assert_no_error (error);
	run_ok (argv);
	spki = read_bytes (pub);
	g_assert_true (g_bytes_equal (spki, pkinext_csr_get_public_key (csr)));
	run_ok (mk_cert);
	ski_text = pkt_run_expect (0, show_ski);
	key_id = pkinext_csr_get_subject_key_id (csr);
	id = g_bytes_get_data (key_id, NULL);
	for (gsize i = 0; i < g_bytes_get_size (key_id); i++)
		g_string_append_printf (ours, "%s%02X", i > 0 ? ":" : "", id[i]);
	g_assert_nonnull (strstr (ski_text, ours->str));
}

/* subject-only request, with a challengePassword; an empty subject */
static void
test_csr_minimal (void)
{
	g_autofree gchar *path = tmp_path ("minimal.pem");
	g_autofree gchar *path2 = tmp_path ("empty-subject.pem");
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", tmpdir, csr_cases[0].name);
	g_autofree gchar *cfg = tmp_path ("challenge.cnf");
	const gchar config[] = "[req]\ndistinguished_name = dn\nattributes = attrs\nprompt = no\n"
			       "[dn]\nCN = minimal\n[attrs]\nchallengePassword = s3cret-Value\n";
	const gchar *argv[] = {"openssl", "req", "-new", "-config", cfg,
			       "-key",	  key,	 "-out", path,	    NULL};
	const gchar *argv2[] = {"openssl", "req", "-new", "-key", key,
				"-subj",   "/",	  "-out", path2,  NULL};
	g_autoptr (GBytes) data = NULL;
	g_autoptr (GBytes) data2 = NULL;
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCsr) csr = NULL;
	g_autoptr (PkinextCsr) csr2 = NULL;

	g_free (make_openssl_csr (&csr_cases[0], TRUE)); /* makes sure the key exists */
	g_assert_true (g_file_set_contents (cfg, config, -1, NULL));
	run_ok (argv);
	data = read_bytes (path);
	csr = pkinext_csr_new_from_data (data, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_csr_get_subject (csr), ==, "CN=minimal");
	g_assert_cmpuint (pkinext_csr_get_sans (csr)->len, ==, 0);
	g_assert_null (pkinext_csr_get_extension (csr, "2.5.29.17", NULL));
	g_assert_cmpstr (pkinext_csr_get_challenge_password (csr), ==, "s3cret-Value");

	run_ok (argv2);
	data2 = read_bytes (path2);
	csr2 = pkinext_csr_new_from_data (data2, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_csr_get_subject (csr2), ==, "");
	g_assert_null (pkinext_csr_get_common_name (csr2));
}

static void
assert_refused (GBytes *data, gint code, const gchar *fragment)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCsr) csr = pkinext_csr_new_from_data (data, &error);

	g_assert_null (csr);
	g_assert_error (error, PKINEXT_ERROR, code);
	if (fragment != NULL && strstr (error->message, fragment) == NULL) {
		g_test_message ("error \"%s\" does not mention \"%s\"", error->message, fragment);
		g_test_fail ();
	}
}

static GBytes *
p256_der (void)
{
	g_autofree gchar *path = make_openssl_csr (&csr_cases[0], FALSE);
	return read_bytes (path);
}

static void
test_csr_bad_empty_garbage (void)
{
	g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
	g_autoptr (GBytes) text = g_bytes_new_static ("hello, this is not a CSR", 24);
	static const guint8 bin[] = {0x30, 0x82, 0xff, 0xff, 0x01, 0x02, 0x03};
	static const guint8 seq[] = {0x30, 0x03, 0x02, 0x01, 0x00};
	g_autoptr (GBytes) b1 = g_bytes_new_static (bin, sizeof (bin));
	g_autoptr (GBytes) b2 = g_bytes_new_static (seq, sizeof (seq));
	g_autoptr (GBytes) pem_garbage = NULL;
	const gchar *bad_b64 = "-----BEGIN CERTIFICATE REQUEST-----\nMII*Bad!\n"
			       "-----END CERTIFICATE REQUEST-----\n";
	const gchar *no_end = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n";

	assert_refused (empty, PKINEXT_ERROR_INVALID_DATA, "empty");
	assert_refused (text, PKINEXT_ERROR_INVALID_DATA, "neither DER");
	assert_refused (b1, PKINEXT_ERROR_INVALID_DATA, "overruns");
	assert_refused (b2, PKINEXT_ERROR_INVALID_DATA, "CSR");
	pem_garbage = g_bytes_new_static (bad_b64, strlen (bad_b64));
	assert_refused (pem_garbage, PKINEXT_ERROR_INVALID_DATA, "invalid character");
	g_clear_pointer (&pem_garbage, g_bytes_unref);
	pem_garbage = g_bytes_new_static (no_end, strlen (no_end));
	assert_refused (pem_garbage, PKINEXT_ERROR_INVALID_DATA, "no END line");
}

static void
test_csr_bad_truncated (void)
{
	g_autoptr (GBytes) der = p256_der ();
	gsize len = g_bytes_get_size (der);
	g_autoptr (GByteArray) longer = g_byte_array_new ();

	for (gsize cut = 1; cut < len; cut++) {
		g_autoptr (GBytes) part = g_bytes_new_from_bytes (der, 0, cut);
		assert_refused (part, PKINEXT_ERROR_INVALID_DATA, NULL);
	}
	g_byte_array_append (longer, g_bytes_get_data (der, NULL), (guint)len);
	g_byte_array_append (longer, (const guint8 *)"\0", 1);
	{
		g_autoptr (GBytes) trailing =
			g_byte_array_free_to_bytes (g_steal_pointer (&longer));
		assert_refused (trailing, PKINEXT_ERROR_INVALID_DATA, "trailing data");
	}
}

static void
test_csr_bad_oversized (void)
{
	gsize len = PKINEXT_CSR_MAX_SIZE + 1;
	g_autofree guint8 *big = g_malloc0 (len);
	g_autoptr (GBytes) data = NULL;

	big[0] = 0x30;
	data = g_bytes_new (big, len);
	assert_refused (data, PKINEXT_ERROR_INVALID_DATA, "limit");
}

/* a certificate given as a CSR: DER and PEM */
static void
test_csr_bad_wrong_type (void)
{
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", tmpdir, csr_cases[0].name);
	g_autofree gchar *pem = tmp_path ("self.pem");
	g_autofree gchar *der = tmp_path ("self.der");
	const gchar *argv[] = {"openssl",  "req",   "-new", "-x509", "-key", key, "-subj",
			       "/CN=cert", "-days", "1",    "-out",  pem,    NULL};
	const gchar *conv[] = {"openssl", "x509", "-in", pem, "-outform", "DER", "-out", der, NULL};
	g_autoptr (GBytes) pem_data = NULL;
	g_autoptr (GBytes) der_data = NULL;
	g_autoptr (GBytes) csr_der = p256_der ();
	g_autofree gchar *wrong_label = pkinext_pem_encode ("PUBLIC KEY", csr_der);
	g_autoptr (GBytes) wrong = g_bytes_new (wrong_label, strlen (wrong_label));

	run_ok (argv);
	run_ok (conv);
	pem_data = read_bytes (pem);
	der_data = read_bytes (der);
	assert_refused (pem_data, PKINEXT_ERROR_INVALID_DATA, "found \"CERTIFICATE\"");
	assert_refused (der_data, PKINEXT_ERROR_INVALID_DATA,
			"this is a certificate, not a certificate request");
	assert_refused (wrong, PKINEXT_ERROR_INVALID_DATA,
			"expected a \"CERTIFICATE REQUEST\" block, found \"PUBLIC KEY\"");
}

static GBytes *
flip_byte (GBytes *der, gsize offset, guint8 mask)
{
	g_autoptr (GByteArray) a = g_byte_array_new ();
	g_byte_array_append (a, g_bytes_get_data (der, NULL), (guint)g_bytes_get_size (der));
	a->data[offset] ^= mask;
	return g_byte_array_free_to_bytes (g_steal_pointer (&a));
}

static const guint8 *
find_bytes (const guint8 *data, gsize len, const gchar *needle)
{
	gsize n = strlen (needle);
	for (gsize i = 0; i + n <= len; i++) {
		if (memcmp (data + i, needle, n) == 0)
			return data + i;
	}
	return NULL;
}

/* a flipped byte in the signature, or in the signed subject: no proof of possession */
static void
test_csr_bad_signature (gconstpointer user_data)
{
	const CsrCase *c = user_data;
	g_autofree gchar *path = make_openssl_csr (c, FALSE);
	g_autoptr (GBytes) der = read_bytes (path);
	gsize len = g_bytes_get_size (der);
	const guint8 *data = g_bytes_get_data (der, NULL);
	const guint8 *cn = find_bytes (data, len, "www.example.com");
	g_autoptr (GBytes) bad_sig = flip_byte (der, len - 1, 0x01);
	g_autoptr (GBytes) bad_subject = NULL;
	g_autoptr (GBytes) bad_sig_pem = NULL;
	g_autofree gchar *pem = NULL;

	g_assert_nonnull (cn);
	bad_subject = flip_byte (der, (gsize)(cn - data), 0x01); /* 'w' -> 'v' */
	assert_refused (bad_sig, PKINEXT_ERROR_SIGNATURE_INVALID, "signature");
	assert_refused (bad_subject, PKINEXT_ERROR_SIGNATURE_INVALID, "signature");
	pem = pkinext_pem_encode ("CERTIFICATE REQUEST", bad_sig);
	bad_sig_pem = g_bytes_new (pem, strlen (pem));
	assert_refused (bad_sig_pem, PKINEXT_ERROR_SIGNATURE_INVALID, "signature");
}

/* keys and algorithms we do not support: a clear NOT_SUPPORTED */
static void
test_csr_unsupported (void)
{
	static const gchar *const gen_ed448[] = {"ED448", NULL};
	static const gchar *const gen_k256[] = {"EC", "-pkeyopt", "ec_paramgen_curve:secp256k1",
						NULL};
	static const CsrCase ed448 = {"ed448", gen_ed448, opt_none, 0, 0, 0, NULL};
	static const CsrCase k256 = {"secp256k1", gen_k256, opt_none, 0, 0, 0, NULL};
	static const CsrCase ec_sha1 = {"p256", gen_p256, opt_sha1, 0, 0, 0, NULL};
	g_autofree gchar *p1 = make_openssl_csr (&ed448, FALSE);
	g_autofree gchar *p2 = make_openssl_csr (&k256, FALSE);
	g_autofree gchar *p3 = make_openssl_csr (&ec_sha1, FALSE);
	g_autoptr (GBytes) d1 = read_bytes (p1);
	g_autoptr (GBytes) d2 = read_bytes (p2);
	g_autoptr (GBytes) d3 = read_bytes (p3);

	assert_refused (d1, PKINEXT_ERROR_NOT_SUPPORTED, "public key algorithm 1.3.101.113");
	assert_refused (d2, PKINEXT_ERROR_NOT_SUPPORTED, "elliptic curve 1.3.132.0.10");
	assert_refused (d3, PKINEXT_ERROR_NOT_SUPPORTED, "SHA-1");
}

#if !PKINEXT_CRYPTO_BACKEND_FIPS
typedef struct {
	PkinextKeyType key_type;
	guint bits;
	PkinextAlgorithm alg;
} BuildCase;

static const BuildCase build_cases[] = {
	{PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_ECDSA_P256_SHA256},
	{PKINEXT_KEY_TYPE_EC_P384, 0, PKINEXT_ALGORITHM_ECDSA_P384_SHA384},
	{PKINEXT_KEY_TYPE_RSA, 2048, PKINEXT_ALGORITHM_RSA_PKCS1_SHA256},
	{PKINEXT_KEY_TYPE_RSA, 2048, PKINEXT_ALGORITHM_RSA_PSS_SHA256},
	{PKINEXT_KEY_TYPE_ED25519, 0, PKINEXT_ALGORITHM_ED25519},
};

static void
test_csr_build (gconstpointer user_data)
{
	const BuildCase *c = user_data;
	const gchar *subject = "CN=Issuing CA 1,OU=PKI\\, Operations,O=Example Org,C=US";
	const gchar *san_strings[] = {"dns:ca.example.com",
				      "ip:192.0.2.7",
				      "ip:2001:db8::7",
				      "email:pki@example.com",
				      "uri:https://ca.example.com/",
				      "upn:ca@example.com",
				      "krb5:krbtgt/EXAMPLE.COM@EXAMPLE.COM"};
	g_autoptr (GPtrArray) sans = pkinext_san_array_new ();
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextSigner) signer = NULL;
	g_autoptr (GBytes) der = NULL;
	g_autoptr (PkinextCsr) csr = NULL;
	g_autofree gchar *path = tmp_path ("built.pem");
	const gchar *verify[] = {"openssl", "req", "-in", path, "-verify", "-noout", NULL};
	const gchar *subj[] = {"openssl",  "req",      "-in",	  path, "-noout",
			       "-subject", "-nameopt", "RFC2253", NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *subj_out = NULL;
	g_autofree gchar *want = g_strconcat ("subject=", subject, "\n", NULL);

	for (guint i = 0; i < G_N_ELEMENTS (san_strings); i++) {
		PkinextSan *san = pkinext_san_new_from_string (san_strings[i], &error);
		g_assert_no_error (error);
		g_ptr_array_add (sans, san);
	}
	signer = pkinext_signer_software_generate (c->key_type, c->bits, c->alg, &error);
	g_assert_no_error (error);
	der = pkinext_csr_build (signer, subject, sans, &error);
	g_assert_no_error (error);
	pkt_write_pem (path, "CERTIFICATE REQUEST", der);
	out = pkt_run_expect (0, verify);
	g_assert_nonnull (strstr (out, "verify OK"));
	subj_out = pkt_run_expect (0, subj);
	g_assert_cmpstr (subj_out, ==, want);

	csr = pkinext_csr_new_from_data (der, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_csr_get_subject (csr), ==, subject);
	g_assert_cmpint (pkinext_csr_get_signature_algorithm (csr), ==, c->alg);
	g_assert_true (g_bytes_equal (pkinext_csr_get_public_key (csr),
				      pkinext_signer_get_public_key (signer)));
	g_assert_cmpuint (pkinext_csr_get_sans (csr)->len, ==, G_N_ELEMENTS (san_strings));
	for (guint i = 0; i < G_N_ELEMENTS (san_strings); i++) {
		g_autofree gchar *t =
			pkinext_san_to_string (g_ptr_array_index (pkinext_csr_get_sans (csr), i));
		g_assert_cmpstr (t, ==, san_strings[i]);
	}
}

static void
test_csr_build_errors (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextSigner) signer = NULL;
	g_autoptr (GBytes) der = NULL;
	g_autoptr (GPtrArray) sans = pkinext_san_array_new ();

	signer = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0,
						   PKINEXT_ALGORITHM_ECDSA_P256_SHA256, &error);
	g_assert_no_error (error);
	der = pkinext_csr_build (signer, "CN=ok,C=USA", NULL, &error);
	g_assert_null (der);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull (strstr (error->message, "country"));
	g_clear_error (&error);

	g_ptr_array_add (sans, pkinext_san_new (PKINEXT_SAN_DNS, "bad name.example.com"));
	der = pkinext_csr_build (signer, "CN=ok", sans, &error);
	g_assert_null (der);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull (strstr (error->message, "bad name.example.com"));
	g_clear_error (&error);

	/* no SANs, empty subject */
	der = pkinext_csr_build (signer, NULL, NULL, &error);
	g_assert_no_error (error);
	{
		g_autoptr (PkinextCsr) csr = pkinext_csr_new_from_data (der, &error);
		g_assert_no_error (error);
		g_assert_cmpstr (pkinext_csr_get_subject (csr), ==, "");
		g_assert_cmpuint (pkinext_csr_get_sans (csr)->len, ==, 0);
	}
}
#endif

int
main (int argc, char **argv)
{
	int rc;

	g_test_init (&argc, &argv, NULL);
	tmpdir = pkt_tmpdir_new ("csr");
	for (guint i = 0; i < G_N_ELEMENTS (csr_cases); i++) {
		g_autofree gchar *name = g_strdup_printf ("/csr/openssl/%s", csr_cases[i].name);
		g_autofree gchar *bad =
			g_strdup_printf ("/csr/bad/signature/%s", csr_cases[i].name);
		g_test_add_data_func (name, &csr_cases[i], test_csr_openssl);
		g_test_add_data_func (bad, &csr_cases[i], test_csr_bad_signature);
	}
	g_test_add_func ("/csr/public-key", test_csr_public_key);
	g_test_add_func ("/csr/minimal", test_csr_minimal);
	g_test_add_func ("/csr/bad/empty-garbage", test_csr_bad_empty_garbage);
	g_test_add_func ("/csr/bad/truncated", test_csr_bad_truncated);
	g_test_add_func ("/csr/bad/oversized", test_csr_bad_oversized);
	g_test_add_func ("/csr/bad/wrong-type", test_csr_bad_wrong_type);
	g_test_add_func ("/csr/bad/unsupported", test_csr_unsupported);
#if !PKINEXT_CRYPTO_BACKEND_FIPS
	for (guint i = 0; i < G_N_ELEMENTS (build_cases); i++) {
		g_autofree gchar *name = g_strdup_printf (
			"/csr/build/%s", pkinext_algorithm_to_string (build_cases[i].alg));
		g_test_add_data_func (name, &build_cases[i], test_csr_build);
	}
	g_test_add_func ("/csr/build/errors", test_csr_build_errors);
#endif
	rc = g_test_run ();
	pkt_tmpdir_remove (tmpdir);
	g_free (tmpdir);
	return rc;
}
