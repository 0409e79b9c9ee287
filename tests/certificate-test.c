/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PkinextCertificate: certificates made by openssl parse, and every field matches what
 * `openssl x509` prints; the view built from parts answers like the parsed one; bad input
 * is refused with INVALID_DATA.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pkinext.h"
#include "pkinext-certificate-private.h"
#include "pkinext-test-util.h"

static gchar *tmpdir;

static gchar *
tmp_path (const gchar *name)
{
	return g_build_filename (tmpdir, name, NULL);
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

static gchar *
openssl_x509 (const gchar *path, const gchar *const *opts)
{
	g_autoptr (GPtrArray) argv = g_ptr_array_new ();
	const gchar *base[] = {"openssl", "x509", "-in", path, "-noout"};

	for (guint i = 0; i < G_N_ELEMENTS (base); i++)
		g_ptr_array_add (argv, (gpointer)base[i]);
	for (guint i = 0; opts[i] != NULL; i++)
		g_ptr_array_add (argv, (gpointer)opts[i]);
	g_ptr_array_add (argv, NULL);
	return pkt_run_expect (0, (const gchar *const *)argv->pdata);
}

/* "notBefore=Nov 23 19:33:32 2026 GMT" */
static gint64
parse_openssl_date (const gchar *out, const gchar *field)
{
	static const gchar *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	g_autofree gchar *key = g_strconcat (field, "=", NULL);
	const gchar *p = strstr (out, key);
	gchar mon[4] = {0};
	gint day, h, m, s, year, month = 0;
	g_autoptr (GDateTime) dt = NULL;

	g_assert_nonnull (p);
	g_assert_cmpint (
		sscanf (p + strlen (key), "%3s %d %d:%d:%d %d GMT", mon, &day, &h, &m, &s, &year),
		==, 6);
	for (guint i = 0; i < G_N_ELEMENTS (months); i++) {
		if (g_str_equal (mon, months[i]))
			month = (gint)i + 1;
	}
	g_assert_cmpint (month, >, 0);
	dt = g_date_time_new_utc (year, month, day, h, m, s);
	return g_date_time_to_unix (dt);
}

static gchar *
hex_colon (GBytes *b)
{
	GString *s = g_string_new (NULL);
	const guint8 *d = g_bytes_get_data (b, NULL);
	for (gsize i = 0; i < g_bytes_get_size (b); i++)
		g_string_append_printf (s, "%s%02X", i > 0 ? ":" : "", d[i]);
	return g_string_free (s, FALSE);
}

/* a SAN list as `openssl x509 -ext subjectAltName` prints it (no IPv6 here) */
static gchar *
sans_as_openssl (GPtrArray *sans)
{
	GString *s = g_string_new (NULL);
	for (guint i = 0; i < sans->len; i++) {
		const PkinextSan *san = g_ptr_array_index (sans, i);
		const gchar *prefix = san->type == PKINEXT_SAN_DNS     ? "DNS:"
				      : san->type == PKINEXT_SAN_IP    ? "IP Address:"
				      : san->type == PKINEXT_SAN_EMAIL ? "email:"
				      : san->type == PKINEXT_SAN_URI   ? "URI:"
								       : "?";
		g_string_append_printf (s, "%s%s%s", i > 0 ? ", " : "", prefix, san->value);
	}
	return g_string_free (s, FALSE);
}

/* compares every accessor with openssl's view of the same file */
static void
check_against_openssl (PkinextCertificate *crt, const gchar *path)
{
	const gchar *names[] = {"-serial",  "-subject", "-issuer", "-startdate",
				"-enddate", "-nameopt", "RFC2253", NULL};
	const gchar *text_opts[] = {"-text", NULL};
	g_autofree gchar *out = openssl_x509 (path, names);
	g_autofree gchar *text = openssl_x509 (path, text_opts);
	g_autofree gchar *serial = g_ascii_strup (pkinext_certificate_get_serial (crt), -1);
	g_autofree gchar *want_serial = g_strdup_printf ("serial=%s\n", serial);
	g_autofree gchar *want_subject =
		g_strdup_printf ("subject=%s\n", pkinext_certificate_get_subject (crt));
	g_autofree gchar *want_issuer =
		g_strdup_printf ("issuer=%s\n", pkinext_certificate_get_issuer (crt));
	g_autofree gchar *pem = pkinext_certificate_to_pem (crt);
	g_autoptr (GBytes) file = read_bytes (path);
	GPtrArray *sans = pkinext_certificate_get_sans (crt);
	guint bits = 0;
	gint path_len = 0;

	g_assert_nonnull (strstr (out, want_serial));
	g_assert_nonnull (strstr (out, want_subject));
	g_assert_nonnull (strstr (out, want_issuer));
	g_assert_cmpint (pkinext_certificate_get_not_before (crt), ==,
			 parse_openssl_date (out, "notBefore"));
	g_assert_cmpint (pkinext_certificate_get_not_after (crt), ==,
			 parse_openssl_date (out, "notAfter"));
	g_assert_cmpmem (pem, strlen (pem), g_bytes_get_data (file, NULL), g_bytes_get_size (file));

	if (sans->len > 0) {
		g_autofree gchar *ours = sans_as_openssl (sans);
		g_assert_nonnull (strstr (text, ours));
	} else {
		g_assert_null (strstr (text, "Subject Alternative Name"));
	}
	if (pkinext_certificate_is_ca (crt, &path_len)) {
		g_autofree gchar *want =
			path_len >= 0 ? g_strdup_printf ("CA:TRUE, pathlen:%d\n", path_len)
				      : g_strdup ("CA:TRUE\n");
		g_assert_nonnull (strstr (text, want));
	} else {
		g_assert_cmpint (path_len, ==, -1);
		g_assert_null (strstr (text, "CA:TRUE"));
	}
	if (pkinext_certificate_get_subject_key_id (crt) != NULL) {
		g_autofree gchar *ski = hex_colon (pkinext_certificate_get_subject_key_id (crt));
		g_assert_nonnull (strstr (text, ski));
	}
	if (pkinext_certificate_get_authority_key_id (crt) != NULL) {
		g_autofree gchar *aki = hex_colon (pkinext_certificate_get_authority_key_id (crt));
		g_autofree gchar *want =
			g_strdup_printf ("Authority Key Identifier: \n                %s", aki);
		g_assert_nonnull (strstr (text, want));
	}
	pkinext_certificate_get_key_type (crt, &bits);
	if (pkinext_certificate_get_key_type (crt, NULL) != PKINEXT_KEY_TYPE_ED25519) {
		g_autofree gchar *want = g_strdup_printf ("Public-Key: (%u bit)", bits);
		g_assert_nonnull (strstr (text, want));
	}
}

typedef struct {
	gchar *ca_key;
	gchar *ca_pem;
	gchar *leaf_pem;
	gchar *v1_pem;
	gchar *ca2_pem;
} Certs;

static Certs certs;

static void
make_certs (void)
{
	g_autofree gchar *leaf_key = tmp_path ("leaf.key");
	g_autofree gchar *leaf_csr = tmp_path ("leaf.csr");
	g_autofree gchar *ext = tmp_path ("leaf.cnf");
	const gchar ext_text[] = "[ext]\n"
				 "basicConstraints = critical, CA:FALSE\n"
				 "subjectAltName = DNS:leaf.example.com, IP:198.51.100.4, "
				 "email:x@example.com, URI:https://leaf.example.com/\n"
				 "subjectKeyIdentifier = hash\n"
				 "authorityKeyIdentifier = keyid\n";

	certs.ca_key = tmp_path ("ca.key");
	certs.ca_pem = tmp_path ("ca.pem");
	certs.leaf_pem = tmp_path ("leaf.pem");
	certs.v1_pem = tmp_path ("v1.pem");
	certs.ca2_pem = tmp_path ("ca2.pem");
	g_assert_true (g_file_set_contents (ext, ext_text, -1, NULL));
	{
		const gchar *a1[] = {"openssl", "genpkey",    "-algorithm",
				     "EC",	"-pkeyopt",   "ec_paramgen_curve:P-384",
				     "-out",	certs.ca_key, NULL};
		const gchar *a2[] = {"openssl", "req",
				     "-x509",	"-new",
				     "-key",	certs.ca_key,
				     "-subj",	"/C=US/O=Example, Inc./CN=Example Root CA",
				     "-days",	"3650",
				     "-addext", "basicConstraints=critical,CA:TRUE,pathlen:1",
				     "-addext", "keyUsage=critical,keyCertSign,cRLSign",
				     "-out",	certs.ca_pem,
				     NULL};
		const gchar *a3[] = {"openssl", "genpkey",  "-algorithm",
				     "RSA",	"-pkeyopt", "rsa_keygen_bits:2048",
				     "-out",	leaf_key,   NULL};
		const gchar *a4[] = {"openssl",
				     "req",
				     "-new",
				     "-key",
				     leaf_key,
				     "-subj",
				     "/CN=leaf.example.com",
				     "-out",
				     leaf_csr,
				     NULL};
		const gchar *a5[] = {"openssl",
				     "x509",
				     "-req",
				     "-in",
				     leaf_csr,
				     "-CA",
				     certs.ca_pem,
				     "-CAkey",
				     certs.ca_key,
				     "-set_serial",
				     "0x80ab00000000000000000000000000ff",
				     "-days",
				     "30",
				     "-extfile",
				     ext,
				     "-extensions",
				     "ext",
				     "-out",
				     certs.leaf_pem,
				     NULL};
		const gchar *a6[] = {"openssl",	   "x509",	  "-req",	"-in",
				     leaf_csr,	   "-CA",	  certs.ca_pem, "-CAkey",
				     certs.ca_key, "-set_serial", "5",		"-days",
				     "1",	   "-out",	  certs.v1_pem, NULL};
		const gchar *a7[] = {
			"openssl", "req",	  "-x509",   "-new",
			"-key",	   leaf_key,	  "-subj",   "/CN=Unconstrained CA",
			"-days",   "10",	  "-addext", "basicConstraints=critical,CA:TRUE",
			"-out",	   certs.ca2_pem, NULL};
		const gchar *const *all[] = {a1, a2, a3, a4, a5, a6, a7};
		for (guint i = 0; i < G_N_ELEMENTS (all); i++)
			g_free (pkt_run_expect (0, all[i]));
	}
}

static PkinextCertificate *
load (const gchar *path)
{
	g_autoptr (GBytes) data = read_bytes (path);
	g_autoptr (GError) error = NULL;
	PkinextCertificate *crt = pkinext_certificate_new_from_data (data, &error);
	g_assert_no_error (error);
	g_assert_nonnull (crt);
	return crt;
}

static void
test_certificate_root (void)
{
	g_autoptr (PkinextCertificate) crt = load (certs.ca_pem);
	g_autoptr (GBytes) ku = NULL;
	gint path_len = -5;
	guint bits = 0;
	gboolean critical = FALSE;

	g_assert_cmpstr (pkinext_certificate_get_subject (crt), ==,
			 "CN=Example Root CA,O=Example\\, Inc.,C=US");
	g_assert_cmpstr (pkinext_certificate_get_issuer (crt), ==,
			 pkinext_certificate_get_subject (crt));
	g_assert_true (pkinext_certificate_is_ca (crt, &path_len));
	g_assert_cmpint (path_len, ==, 1);
	g_assert_cmpint (pkinext_certificate_get_key_type (crt, &bits), ==,
			 PKINEXT_KEY_TYPE_EC_P384);
	g_assert_cmpuint (bits, ==, 384);
	g_assert_cmpint (pkinext_certificate_get_signature_algorithm (crt), ==,
			 PKINEXT_ALGORITHM_ECDSA_P256_SHA256); /* openssl's default digest */
	g_assert_nonnull (pkinext_certificate_get_subject_key_id (crt));
	ku = pkinext_certificate_get_extension (crt, "2.5.29.15", &critical);
	g_assert_nonnull (ku);
	g_assert_true (critical);
	g_assert_cmpuint (pkinext_certificate_get_sans (crt)->len, ==, 0);
	check_against_openssl (crt, certs.ca_pem);
}

static void
test_certificate_leaf (void)
{
	g_autoptr (PkinextCertificate) crt = load (certs.leaf_pem);
	g_autoptr (PkinextCertificate) ca = load (certs.ca_pem);
	gint path_len = -5;

	g_assert_cmpstr (pkinext_certificate_get_serial (crt), ==,
			 "80ab00000000000000000000000000ff");
	g_assert_cmpstr (pkinext_certificate_get_subject (crt), ==, "CN=leaf.example.com");
	g_assert_true (g_bytes_equal (pkinext_certificate_get_issuer_der (crt),
				      pkinext_certificate_get_subject_der (ca)));
	g_assert_false (pkinext_certificate_is_ca (crt, &path_len));
	g_assert_cmpint (path_len, ==, -1);
	g_assert_cmpint (pkinext_certificate_get_key_type (crt, NULL), ==, PKINEXT_KEY_TYPE_RSA);
	g_assert_cmpuint (pkinext_certificate_get_sans (crt)->len, ==, 4);
	g_assert_true (g_bytes_equal (pkinext_certificate_get_authority_key_id (crt),
				      pkinext_certificate_get_subject_key_id (ca)));
	g_assert_cmpint (pkinext_certificate_get_not_after (crt) -
				 pkinext_certificate_get_not_before (crt),
			 ==, 30 * 86400);
	check_against_openssl (crt, certs.leaf_pem);
}

static void
test_certificate_v1_and_unconstrained (void)
{
	g_autoptr (PkinextCertificate) v1 = load (certs.v1_pem);
	g_autoptr (PkinextCertificate) ca2 = load (certs.ca2_pem);
	gint path_len = 0;

	g_assert_cmpstr (pkinext_certificate_get_serial (v1), ==, "05");
	g_assert_false (pkinext_certificate_is_ca (v1, NULL));
	g_assert_null (pkinext_certificate_get_subject_key_id (v1));
	g_assert_null (pkinext_certificate_get_extension (v1, "2.5.29.19", NULL));
	check_against_openssl (v1, certs.v1_pem);
	g_assert_true (pkinext_certificate_is_ca (ca2, &path_len));
	g_assert_cmpint (path_len, ==, -1);
	check_against_openssl (ca2, certs.ca2_pem);
}

typedef struct {
	PkinextCertificate *crt;
	const gchar *subject;
	const gchar *issuer;
} ThreadCheck;

static gpointer
thread_getters (gpointer user_data)
{
	ThreadCheck *t = user_data;
	for (guint i = 0; i < 100; i++) {
		g_assert_cmpstr (pkinext_certificate_get_subject (t->crt), ==, t->subject);
		g_assert_cmpstr (pkinext_certificate_get_issuer (t->crt), ==, t->issuer);
		g_assert_nonnull (pkinext_certificate_get_authority_key_id (t->crt));
	}
	return NULL;
}

/* the issuer's constructor: the same answers without re-parsing, also across threads */
static void
test_certificate_from_parts (void)
{
	g_autoptr (PkinextCertificate) parsed = load (certs.leaf_pem);
	g_autoptr (PkinextCertificate) crt = NULL;
	g_autoptr (GPtrArray) sans = pkinext_san_array_copy (pkinext_certificate_get_sans (parsed));
	ThreadCheck check;
	GThread *threads[4];
	guint bits = 0;
	gint path_len = 0;

	crt = pkinext_certificate_new_from_parts (
		pkinext_certificate_get_der (parsed), pkinext_certificate_get_serial (parsed),
		pkinext_certificate_get_subject_der (parsed),
		pkinext_certificate_get_issuer_der (parsed),
		pkinext_certificate_get_not_before (parsed),
		pkinext_certificate_get_not_after (parsed), sans,
		pkinext_certificate_get_public_key (parsed), FALSE, 3);
	check.crt = crt;
	check.subject = pkinext_certificate_get_subject (parsed);
	check.issuer = pkinext_certificate_get_issuer (parsed);
	for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
		threads[i] = g_thread_new ("getters", thread_getters, &check);
	for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
		g_thread_join (threads[i]);
	g_assert_false (pkinext_certificate_is_ca (crt, &path_len));
	g_assert_cmpint (path_len, ==, -1);
	g_assert_cmpint (pkinext_certificate_get_key_type (crt, &bits), ==, PKINEXT_KEY_TYPE_RSA);
	g_assert_cmpuint (bits, ==, 2048);
	g_assert_cmpint (pkinext_certificate_get_signature_algorithm (crt), ==,
			 pkinext_certificate_get_signature_algorithm (parsed));
	g_assert_true (g_bytes_equal (pkinext_certificate_get_subject_key_id (crt),
				      pkinext_certificate_get_subject_key_id (parsed)));
	g_assert_true (pkinext_certificate_get_sans (crt) == sans);
	check_against_openssl (crt, certs.leaf_pem);
}

static void
assert_refused (GBytes *data, const gchar *fragment)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCertificate) crt = pkinext_certificate_new_from_data (data, &error);

	g_assert_null (crt);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	if (fragment != NULL && strstr (error->message, fragment) == NULL) {
		g_test_message ("error \"%s\" lacks \"%s\"", error->message, fragment);
		g_test_fail ();
	}
}

static void
test_certificate_bad (void)
{
	g_autoptr (PkinextCertificate) crt = load (certs.leaf_pem);
	GBytes *der = pkinext_certificate_get_der (crt);
	g_autofree gchar *csr_path = tmp_path ("leaf.csr");
	g_autofree gchar *csr_der_path = tmp_path ("leaf.csr.der");
	const gchar *conv[] = {"openssl", "req",  "-in",	csr_path, "-outform",
			       "DER",	  "-out", csr_der_path, NULL};
	g_autoptr (GBytes) csr_pem = read_bytes (csr_path);
	g_autoptr (GBytes) csr_der = NULL;
	g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
	g_autoptr (GBytes) garbage = g_bytes_new_static ("garbage!", 8);

	for (gsize cut = 1; cut < g_bytes_get_size (der); cut++) {
		g_autoptr (GBytes) part = g_bytes_new_from_bytes (der, 0, cut);
		assert_refused (part, NULL);
	}
	g_free (pkt_run_expect (0, conv));
	csr_der = read_bytes (csr_der_path);
	assert_refused (csr_pem, "expected a \"CERTIFICATE\" block, found \"CERTIFICATE REQUEST\"");
	assert_refused (csr_der, "this is a certificate request, not a certificate");
	assert_refused (empty, "empty");
	assert_refused (garbage, "neither DER");
}

int
main (int argc, char **argv)
{
	int rc;

	g_test_init (&argc, &argv, NULL);
	tmpdir = pkt_tmpdir_new ("certificate");
	make_certs ();
	g_test_add_func ("/certificate/root", test_certificate_root);
	g_test_add_func ("/certificate/leaf", test_certificate_leaf);
	g_test_add_func ("/certificate/v1-and-unconstrained",
			 test_certificate_v1_and_unconstrained);
	g_test_add_func ("/certificate/from-parts", test_certificate_from_parts);
	g_test_add_func ("/certificate/bad", test_certificate_bad);
	rc = g_test_run ();
	pkt_tmpdir_remove (tmpdir);
	g_free (tmpdir);
	return rc;
}
