/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Distinguished names, subject alternative names, serial numbers and PEM: the small
 * codecs the CSR and certificate views are built from. Names are checked against
 * `openssl x509 -subject -nameopt RFC2253`.
 */
#include "config.h"

#include <string.h>

#include "pkinext.h"
#include "pkinext-san-private.h"
#include "pkinext-test-util.h"

static gchar *tmpdir;

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

/* ---- names ------------------------------------------------------------- */

typedef struct {
	const gchar *subj;    /* openssl -subj (slash form) */
	const gchar *rfc4514; /* what openssl -nameopt RFC2253,-esc_msb prints */
} NameCase;

static const NameCase name_cases[] = {
	{"/CN=www.example.com", "CN=www.example.com"},
	{"/C=US/ST=California/L=San Francisco/O=Example, Inc./OU=Web/CN=www.example.com",
	 "CN=www.example.com,OU=Web,O=Example\\, Inc.,L=San Francisco,ST=California,C=US"},
	{"/DC=com/DC=example/UID=jdoe/CN=John Doe/emailAddress=jdoe@example.com",
	 "emailAddress=jdoe@example.com,CN=John Doe,UID=jdoe,DC=example,DC=com"},
	{"/O=a\\+b\"c\\\\d<e>f;g=h/CN=#lead", "CN=\\#lead,O=a\\+b\\\"c\\\\d\\<e\\>f\\;g=h"},
	{"/O=x+OU=y+L=z/CN=multi", "CN=multi,OU=y+O=x+L=z"},
	{"/CN=Gr\xc3\xbc\xc3\x9f Gott \xe6\x97\xa5\xe6\x9c\xac/serialNumber=1234-5",
	 "serialNumber=1234-5,CN=Gr\xc3\xbc\xc3\x9f Gott \xe6\x97\xa5\xe6\x9c\xac"},
	{"/street=1 Main St/postalCode=12345/title=Boss/GN=John/SN=Doe/initials=JD",
	 "initials=JD,SN=Doe,GN=John,title=Boss,postalCode=12345,street=1 Main St"},
};

/* openssl makes a certificate with -subj; we print its subject like openssl does */
static void
test_name_openssl_to_string (gconstpointer user_data)
{
	const NameCase *c = user_data;
	g_autofree gchar *key = g_build_filename (tmpdir, "name.key", NULL);
	g_autofree gchar *cert = g_build_filename (tmpdir, "name.pem", NULL);
	const gchar *gen[] = {"openssl", "genpkey",  "-algorithm",
			      "EC",	 "-pkeyopt", "ec_paramgen_curve:P-256",
			      "-out",	 key,	     NULL};
	const gchar *mk[] = {"openssl", "req", "-new",	"-x509", "-utf8",
			     "-key",	key,   "-subj", c->subj, "-multivalue-rdn",
			     "-days",	"1",   "-out",	cert,	 NULL};
	const gchar *show[] = {"openssl", "x509",     "-in",	  cert,
			       "-noout",  "-subject", "-nameopt", "RFC2253,-esc_msb",
			       NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *want = g_strconcat ("subject=", c->rfc4514, "\n", NULL);
	g_autoptr (GBytes) data = NULL;
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextCertificate) crt = NULL;
	g_autoptr (GBytes) ours = NULL;
	g_autoptr (GBytes) ours_slash = NULL;
	g_autofree gchar *text = NULL;

	if (!g_file_test (key, G_FILE_TEST_EXISTS))
		g_free (pkt_run_expect (0, gen));
	g_free (pkt_run_expect (0, mk));
	out = pkt_run_expect (0, show);
	g_assert_cmpstr (out, ==, want); /* the table above is what openssl prints */

	data = read_bytes (cert);
	crt = pkinext_certificate_new_from_data (data, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_certificate_get_subject (crt), ==, c->rfc4514);

	/* and both text forms encode to exactly openssl's DER */
	ours = pkinext_name_from_string (c->rfc4514, &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (ours, pkinext_certificate_get_subject_der (crt)));
	ours_slash = pkinext_name_from_string (c->subj, &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (ours_slash, ours));
	text = pkinext_name_to_string (g_bytes_get_data (ours, NULL), g_bytes_get_size (ours));
	g_assert_cmpstr (text, ==, c->rfc4514);
}

/* openssl's ESC_MSB escaping is the only difference with plain -nameopt RFC2253 */
static void
test_name_openssl_esc_msb (void)
{
	g_autofree gchar *cert = g_build_filename (tmpdir, "name.pem", NULL);
	const gchar *show[] = {"openssl",  "x509",     "-in",	  cert, "-noout",
			       "-subject", "-nameopt", "RFC2253", NULL};
	g_autofree gchar *out = NULL;

	test_name_openssl_to_string (&name_cases[0]);
	out = pkt_run_expect (0, show);
	g_assert_cmpstr (out, ==, "subject=CN=www.example.com\n");
}

static void
test_name_attribute (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GBytes) der = pkinext_name_from_string ("CN=leaf,OU=b,OU=a,O=Org,C=DE", &error);
	const guint8 *d;
	gsize len;
	g_autofree gchar *cn = NULL;
	g_autofree gchar *ou = NULL;
	g_autofree gchar *c = NULL;
	g_autofree gchar *oid = NULL;
	g_autofree gchar *none = NULL;

	g_assert_no_error (error);
	d = g_bytes_get_data (der, &len);
	cn = pkinext_name_get_attribute (d, len, "CN");
	ou = pkinext_name_get_attribute (d, len, "OU");
	c = pkinext_name_get_attribute (d, len, "countryName");
	oid = pkinext_name_get_attribute (d, len, "2.5.4.10");
	none = pkinext_name_get_attribute (d, len, "emailAddress");
	g_assert_cmpstr (cn, ==, "leaf");
	g_assert_cmpstr (ou, ==, "a"); /* the most general one */
	g_assert_cmpstr (c, ==, "DE");
	g_assert_cmpstr (oid, ==, "Org");
	g_assert_null (none);
	g_assert_true (pkinext_name_validate (d, len, &error));
	g_assert_false (pkinext_name_validate (d, len - 1, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	g_assert_null (pkinext_name_to_string (d, len - 1));
}

static void
test_name_special (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (GBytes) empty = pkinext_name_from_string ("", &error);
	g_autoptr (GBytes) hex = NULL;
	g_autoptr (GBytes) unknown = NULL;
	g_autofree gchar *t1 = NULL;
	g_autofree gchar *t2 = NULL;
	g_autofree gchar *t3 = NULL;

	g_assert_no_error (error);
	g_assert_cmpuint (g_bytes_get_size (empty), ==, 2);
	t1 = pkinext_name_to_string (g_bytes_get_data (empty, NULL), 2);
	g_assert_cmpstr (t1, ==, "");
	/* RFC 4514 "#hex" values, spaces around separators, escaped trailing space */
	hex = pkinext_name_from_string ("CN=#0C03616263 , O = x\\ ", &error);
	g_assert_no_error (error);
	t2 = pkinext_name_to_string (g_bytes_get_data (hex, NULL), g_bytes_get_size (hex));
	g_assert_cmpstr (t2, ==, "CN=abc,O=x\\ ");
	/* unknown attribute types print as a hex dump, as openssl does */
	unknown = pkinext_name_from_string ("1.2.3.4=foo,CN=a\\0Ab", &error);
	g_assert_no_error (error);
	t3 = pkinext_name_to_string (g_bytes_get_data (unknown, NULL), g_bytes_get_size (unknown));
	g_assert_cmpstr (t3, ==, "1.2.3.4=#0C03666F6F,CN=a\\0Ab");
}

/* a NUL inside a value never shortens it: the value prints as a hex dump */
static void
test_name_embedded_nul (void)
{
	/* CN as PrintableString "a\0b", then as UTF8String "a\0b" */
	static const guint8 printable[] = {0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55,
					   0x04, 0x03, 0x13, 0x03, 0x61, 0x00, 0x62};
	static const guint8 utf8[] = {0x30, 0x0e, 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55,
				      0x04, 0x03, 0x0c, 0x03, 0x61, 0x00, 0x62};
	g_autofree gchar *t1 = pkinext_name_to_string (printable, sizeof (printable));
	g_autofree gchar *t2 = pkinext_name_to_string (utf8, sizeof (utf8));
	g_autofree gchar *cn1 = pkinext_name_get_attribute (printable, sizeof (printable), "CN");
	g_autofree gchar *cn2 = pkinext_name_get_attribute (utf8, sizeof (utf8), "CN");

	g_assert_cmpstr (t1, ==, "CN=#1303610062");
	g_assert_cmpstr (t2, ==, "CN=#0C03610062");
	g_assert_cmpstr (cn1, ==, "");
	g_assert_cmpstr (cn2, ==, "");
}

static void
test_name_bad (void)
{
	static const struct {
		const gchar *text;
		const gchar *fragment;
	} bad[] = {
		{"CN", "expected type=value"},
		{"XX=foo", "unknown attribute \"XX\""},
		{"C=USA", "two-letter country code"},
		{"CN=", "is empty"},
		{"CN=a\\qb", "invalid \\ escape"},
		{"CN=a,", "ends with a separator"},
		{"CN=\"quoted\"", "quoted"},
		{"CN=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "upper bound"},
		{"serialNumber=a_b", "PrintableString"},
		{"emailAddress=\xc3\xa9@example.com", "not ASCII"},
		{"CN=\\C3", "not valid UTF-8"},
		{"CN=#zz", "bad hex"},
		{"CN=#0c05ab", "not one DER element"},
	};

	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr (GError) error = NULL;
		g_autoptr (GBytes) der = pkinext_name_from_string (bad[i].text, &error);
		g_assert_null (der);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
		if (strstr (error->message, bad[i].fragment) == NULL) {
			g_test_message ("\"%s\": error \"%s\" lacks \"%s\"", bad[i].text,
					error->message, bad[i].fragment);
			g_test_fail ();
		}
	}
}

/* ---- subject alternative names ---------------------------------------- */

static void
test_san_validate (void)
{
	static const gchar *const good[] = {
		"dns:www.example.com",
		"dns:*.example.com",
		"dns:xn--bcher-kva.example",
		"dns:a-b.c",
		"ip:192.0.2.1",
		"ip:2001:db8::1",
		"ip:::1",
		"email:user.name+tag@example.com",
		"uri:https://example.com/x?y=z",
		"uri:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
		"upn:user@example.com",
		"krb5:host/www.example.com@EXAMPLE.COM",
		"krb5:alice@REALM",
		"DNS:Mixed.Example.COM",
		"rfc822:a@b.example",
	};
	static const gchar *const bad[] = {
		"dns:",
		"dns:-a.example.com",
		"dns:a..b",
		"dns:a b.com",
		"dns:www.example.com.",
		"dns:*.com",
		"dns:www.*.example.com",
		"dns:b\xc3\xbc\x63her.example",
		"dns:under_score.com",
		"ip:192.0.2",
		"ip:1.2.3.4.5",
		"ip:2001:db8::g",
		"email:noatsign",
		"email:@example.com",
		"email:a@-bad-.com",
		"uri:no-scheme",
		"uri:http://a b",
		"upn:nouser",
		"krb5:noreal",
		"krb5:a//b@R",
		"krb5:@R",
		"other:x",
		"foo:bar",
		"nocolon",
	};

	for (guint i = 0; i < G_N_ELEMENTS (good); i++) {
		g_autoptr (GError) error = NULL;
		g_autoptr (PkinextSan) san = pkinext_san_new_from_string (good[i], &error);
		g_assert_no_error (error);
		g_assert_nonnull (san);
	}
	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr (GError) error = NULL;
		g_autoptr (PkinextSan) san = pkinext_san_new_from_string (bad[i], &error);
		if (san != NULL) {
			g_test_message ("\"%s\" was accepted", bad[i]);
			g_test_fail ();
			continue;
		}
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	}
}

static void
test_san_normalize (void)
{
	g_autoptr (GError) error = NULL;
	g_autoptr (PkinextSan) dns = pkinext_san_new_from_string ("DNS:WWW.Example.COM", &error);
	g_autoptr (PkinextSan) ip = pkinext_san_new_from_string ("ip:2001:DB8:0:0::0001", &error);
	g_autoptr (PkinextSan) copy = NULL;
	g_autofree gchar *text = NULL;
	PkinextSanType type;

	g_assert_no_error (error);
	g_assert_cmpint (dns->type, ==, PKINEXT_SAN_DNS);
	g_assert_cmpstr (dns->value, ==, "www.example.com");
	g_assert_cmpstr (ip->value, ==, "2001:db8::1");
	copy = pkinext_san_copy (ip);
	g_assert_true (pkinext_san_equal (copy, ip));
	g_assert_false (pkinext_san_equal (copy, dns));
	text = pkinext_san_to_string (ip);
	g_assert_cmpstr (text, ==, "ip:2001:db8::1");
	g_assert_true (pkinext_san_type_from_string ("KRB5", &type));
	g_assert_cmpint (type, ==, PKINEXT_SAN_KRB5_PRINCIPAL);
	g_assert_false (pkinext_san_type_from_string ("other", &type));
	g_assert_cmpstr (pkinext_san_type_to_string (PKINEXT_SAN_UPN), ==, "upn");
	g_assert_true (G_TYPE_IS_BOXED (PKINEXT_TYPE_SAN));
}

/* every type survives encode -> parse; the encoding is what openssl reads */
static void
test_san_der_roundtrip (void)
{
	static const gchar *const names[] = {
		"dns:www.example.com",
		"ip:192.0.2.1",
		"ip:2001:db8::1",
		"email:a@example.com",
		"uri:ldap://example.com/cn=x",
		"upn:u@example.com",
		"krb5:HTTP/web.example.com@EX.COM",
	};
	g_autoptr (GPtrArray) sans = pkinext_san_array_new ();
	g_autoptr (GPtrArray) parsed = NULL;
	g_autoptr (GError) error = NULL;
	g_autoptr (GBytes) der = NULL;
	g_autofree gchar *path = g_build_filename (tmpdir, "san.der", NULL);
	const gchar *argv[] = {"openssl", "asn1parse", "-inform", "DER", "-in", path, NULL};
	g_autofree gchar *out = NULL;
	PkinextDerWriter w;

	for (guint i = 0; i < G_N_ELEMENTS (names); i++)
		g_ptr_array_add (sans, pkinext_san_new_from_string (names[i], &error));
	g_assert_no_error (error);
	pkinext_der_writer_init (&w, 256);
	g_assert_true (pkinext_san_write_general_names (&w, sans, &error));
	g_assert_no_error (error);
	der = pkinext_der_writer_steal (&w);
	g_assert_true (pkinext_san_parse_general_names (g_bytes_get_data (der, NULL),
							g_bytes_get_size (der), &parsed, &error));
	g_assert_no_error (error);
	g_assert_cmpuint (parsed->len, ==, sans->len);
	for (guint i = 0; i < sans->len; i++)
		g_assert_true (pkinext_san_equal (g_ptr_array_index (sans, i),
						  g_ptr_array_index (parsed, i)));
	g_assert_true (g_file_set_contents (path, g_bytes_get_data (der, NULL),
					    (gssize)g_bytes_get_size (der), NULL));
	out = pkt_run_expect (0, argv);
	/* (csr-test checks byte equality with openssl's encoding of the same names) */
	g_assert_nonnull (strstr (out, "OBJECT            :Microsoft User Principal Name"));
	g_assert_nonnull (strstr (out, "UTF8STRING        :u@example.com"));
	g_assert_nonnull (strstr (out, "OBJECT            :1.3.6.1.5.2.2"));
	g_assert_nonnull (strstr (out, "GENERALSTRING"));

	/* OTHER cannot be encoded; a bad IP is refused */
	g_ptr_array_add (sans, pkinext_san_new (PKINEXT_SAN_OTHER, "rid:1.2.3"));
	pkinext_der_writer_init (&w, 256);
	g_assert_false (pkinext_san_write_general_names (&w, sans, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	pkinext_der_writer_clear (&w);
}

static void
test_san_parse_bad (void)
{
	static const struct {
		const guint8 *der;
		gsize len;
		const gchar *fragment;
	} bad[] = {
		{(const guint8 *)"\x30\x00", 2, "empty"},
		{(const guint8 *)"\x30\x04\x82\x02\x61\x00", 6, "0x00"},
		{(const guint8 *)"\x30\x05\x87\x03\x01\x02\x03", 7, "iPAddress of 3 bytes"},
		{(const guint8 *)"\x30\x03\x89\x01\x00", 5, "unknown GeneralName"},
		{(const guint8 *)"\x30\x05\x82\x05\x61", 5, "overruns"},
		{(const guint8 *)"\x30\x03\x82\x01\x61\x00", 6, "trailing"},
	};

	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr (GError) error = NULL;
		GPtrArray *out = NULL;
		g_assert_false (
			pkinext_san_parse_general_names (bad[i].der, bad[i].len, &out, &error));
		g_assert_null (out);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
		if (strstr (error->message, bad[i].fragment) == NULL) {
			g_test_message ("case %u: \"%s\" lacks \"%s\"", i, error->message,
					bad[i].fragment);
			g_test_fail ();
		}
	}
}

/* ---- serial numbers ---------------------------------------------------- */

static void
test_serial_generate (void)
{
	g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr (GError) error = NULL;

	for (guint i = 0; i < 1000; i++) {
		guint8 serial[PKINEXT_SERIAL_LEN];
		g_autofree gchar *hex = NULL;
		g_autoptr (GBytes) back = NULL;

		g_assert_true (pkinext_serial_generate (serial, &error));
		g_assert_no_error (error);
		g_assert_cmpuint (serial[0], !=, 0);
		hex = pkinext_serial_to_hex (serial, sizeof (serial));
		g_assert_cmpuint (strlen (hex), ==, 32);
		for (const gchar *p = hex; *p; p++)
			g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
		back = pkinext_serial_from_hex (hex, &error);
		g_assert_no_error (error);
		g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), serial,
				 16);
		g_assert_false (g_hash_table_contains (seen, hex));
		g_hash_table_add (seen, g_steal_pointer (&hex));
	}
	g_assert_cmpuint (g_hash_table_size (seen), ==, 1000);
}

static void
test_serial_hex (void)
{
	static const guint8 lead[] = {0x00, 0x00, 0x8f, 0x01};
	static const guint8 zero[] = {0x00};
	g_autofree gchar *a = pkinext_serial_to_hex (lead, sizeof (lead));
	g_autofree gchar *b = pkinext_serial_to_hex (zero, sizeof (zero));
	g_autoptr (GBytes) c = NULL;
	g_autoptr (GBytes) d = NULL;
	g_autoptr (GBytes) e = NULL;
	g_autoptr (GError) error = NULL;

	g_assert_cmpstr (a, ==, "8f01");
	g_assert_cmpstr (b, ==, "0");
	c = pkinext_serial_from_hex ("00:8F:01", &error);
	g_assert_no_error (error);
	g_assert_cmpmem (g_bytes_get_data (c, NULL), g_bytes_get_size (c), lead + 2, 2);
	d = pkinext_serial_from_hex ("abc", &error);
	g_assert_no_error (error);
	g_assert_cmpmem (g_bytes_get_data (d, NULL), g_bytes_get_size (d), "\x0a\xbc", 2);
	e = pkinext_serial_from_hex ("0", &error);
	g_assert_no_error (error);
	g_assert_cmpmem (g_bytes_get_data (e, NULL), g_bytes_get_size (e), zero, 1);
	for (const gchar *const *bad =
		     (const gchar *const[]){"", "xyz", "12 34",
					    "0102030405060708090a0b0c0d0e0f101112131415", NULL};
	     *bad != NULL; bad++) {
		g_autoptr (GBytes) r = pkinext_serial_from_hex (*bad, &error);
		g_assert_null (r);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
		g_clear_error (&error);
	}
}

/* ---- PEM ---------------------------------------------------------------- */

static void
test_pem (void)
{
	static const guint8 der1[] = {0x30, 0x03, 0x02, 0x01, 0x01};
	g_autoptr (GBytes) b1 = g_bytes_new_static (der1, sizeof (der1));
	g_autoptr (GBytes) b2 = g_bytes_new_take (g_malloc0 (200), 200);
	g_autofree gchar *p1 = pkinext_pem_encode ("CERTIFICATE", b1);
	g_autofree gchar *p2 = pkinext_pem_encode ("CERTIFICATE", b2);
	g_autofree gchar *key = pkinext_pem_encode ("PRIVATE KEY", b1);
	g_autofree gchar *chain = g_strconcat ("subject=x\n", key, p1, "text\n", p2, NULL);
	g_autoptr (GPtrArray) all = NULL;
	g_autoptr (GBytes) first = NULL;
	g_autoptr (GBytes) any = NULL;
	g_autoptr (GError) error = NULL;

	g_assert_true (g_str_has_prefix (p1, "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n"));
	g_assert_true (g_str_has_suffix (p2, "\n-----END CERTIFICATE-----\n"));
	all = pkinext_pem_decode_all (chain, strlen (chain), "CERTIFICATE", &error);
	g_assert_no_error (error);
	g_assert_cmpuint (all->len, ==, 2);
	g_assert_true (g_bytes_equal (g_ptr_array_index (all, 0), b1));
	g_assert_true (g_bytes_equal (g_ptr_array_index (all, 1), b2));
	first = pkinext_pem_decode (chain, strlen (chain), "CERTIFICATE", &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (first, b1));
	any = pkinext_pem_decode (chain, strlen (chain), NULL, &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (any, b1));
	g_assert_true (pkinext_pem_is_pem ((const guint8 *)chain, strlen (chain)));
	g_assert_false (pkinext_pem_is_pem (der1, sizeof (der1)));

	g_assert_null (pkinext_pem_decode (key, strlen (key), "CERTIFICATE", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	g_assert_nonnull (strstr (error->message, "found \"PRIVATE KEY\""));
	g_clear_error (&error);
	g_assert_null (pkinext_pem_decode_all ("nothing", 7, "CERTIFICATE", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	g_clear_error (&error);
	for (const gchar *const *bad =
		     (const gchar *const[]){"-----BEGIN X-----\nMAMCAQE\n-----END X-----\n",
					    "-----BEGIN X-----\nMA=MCAQE\n-----END X-----\n",
					    "-----BEGIN X-----\nMAMCAQE=\n-----END Y-----\n",
					    "-----BEGIN X-----\n\n-----END X-----\n", NULL};
	     *bad != NULL; bad++) {
		g_autoptr (GBytes) r = pkinext_pem_decode (*bad, strlen (*bad), "X", &error);
		g_assert_null (r);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
		g_clear_error (&error);
	}
}

/* our PEM is what openssl writes */
static void
test_pem_openssl (void)
{
	g_autofree gchar *key = g_build_filename (tmpdir, "pem.key", NULL);
	g_autofree gchar *pub_pem = g_build_filename (tmpdir, "pem.pub.pem", NULL);
	g_autofree gchar *pub_der = g_build_filename (tmpdir, "pem.pub.der", NULL);
	const gchar *gen[] = {"openssl", "genpkey",  "-algorithm",
			      "RSA",	 "-pkeyopt", "rsa_keygen_bits:2048",
			      "-out",	 key,	     NULL};
	const gchar *pem[] = {"openssl", "pkey", "-in", key, "-pubout", "-out", pub_pem, NULL};
	const gchar *der[] = {"openssl",  "pkey", "-in",  key,	   "-pubout",
			      "-outform", "DER",  "-out", pub_der, NULL};
	g_autoptr (GBytes) openssl_pem = NULL;
	g_autoptr (GBytes) openssl_der = NULL;
	g_autoptr (GBytes) decoded = NULL;
	g_autofree gchar *ours = NULL;
	g_autoptr (GError) error = NULL;

	g_free (pkt_run_expect (0, gen));
	g_free (pkt_run_expect (0, pem));
	g_free (pkt_run_expect (0, der));
	openssl_pem = read_bytes (pub_pem);
	openssl_der = read_bytes (pub_der);
	decoded = pkinext_pem_decode (g_bytes_get_data (openssl_pem, NULL),
				      g_bytes_get_size (openssl_pem), "PUBLIC KEY", &error);
	g_assert_no_error (error);
	g_assert_true (g_bytes_equal (decoded, openssl_der));
	ours = pkinext_pem_encode ("PUBLIC KEY", openssl_der);
	g_assert_cmpmem (ours, strlen (ours), g_bytes_get_data (openssl_pem, NULL),
			 g_bytes_get_size (openssl_pem));
}

int
main (int argc, char **argv)
{
	int rc;

	g_test_init (&argc, &argv, NULL);
	tmpdir = pkt_tmpdir_new ("name");
	for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++) {
		g_autofree gchar *path = g_strdup_printf ("/name/openssl/%u", i);
		g_test_add_data_func (path, &name_cases[i], test_name_openssl_to_string);
	}
	g_test_add_func ("/name/openssl-esc-msb", test_name_openssl_esc_msb);
	g_test_add_func ("/name/attribute", test_name_attribute);
	g_test_add_func ("/name/special", test_name_special);
	g_test_add_func ("/name/embedded-nul", test_name_embedded_nul);
	g_test_add_func ("/name/bad", test_name_bad);
	g_test_add_func ("/san/validate", test_san_validate);
	g_test_add_func ("/san/normalize", test_san_normalize);
	g_test_add_func ("/san/der-roundtrip", test_san_der_roundtrip);
	g_test_add_func ("/san/parse-bad", test_san_parse_bad);
	g_test_add_func ("/serial/generate", test_serial_generate);
	g_test_add_func ("/serial/hex", test_serial_hex);
	g_test_add_func ("/pem/codec", test_pem);
	g_test_add_func ("/pem/openssl", test_pem_openssl);
	rc = g_test_run ();
	pkt_tmpdir_remove (tmpdir);
	g_free (tmpdir);
	return rc;
}
