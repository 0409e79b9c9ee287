/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * CRLs built by PkinextCrlBuilder, checked with openssl and certtool.
 */
#include "config.h"

#include <string.h>

#include "pkinext-signer-software.h"
#include "pkinext-test-util.h"
#include "pkinext.h"
#include "revocation-test-util.h"

#define DAY (24 * 3600)

typedef struct {
	gchar *dir;
	PktCert *ca;
	gint64 now;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
	f->dir = pkt_tmpdir_new ("crl");
	f->ca = pkt_cert_new_root (f->dir, "ca", "/CN=Test CA/O=pkinext", "ec");
	f->now = g_get_real_time () / G_USEC_PER_SEC;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
	pkt_cert_free (f->ca);
	pkt_tmpdir_remove (f->dir);
	g_free (f->dir);
}

static PkinextCrlBuilder *
new_builder (Fixture *f, PkinextSigner *signer, guint64 number)
{
	g_autoptr(GError) error = NULL;
	PkinextCrlBuilder *b = pkinext_crl_builder_new (signer, NULL, NULL, &error);

	g_assert_no_error (error);
	pkinext_crl_builder_set_crl_number (b, number);
	pkinext_crl_builder_set_this_update (b, f->now - 60);
	pkinext_crl_builder_set_next_update (b, f->now + 7 * DAY);
	return b;
}

static void
add_hex (PkinextCrlBuilder *b,
	 const gchar *serial,
	 gint64 when,
	 PkinextRevocationReason reason,
	 gint64 invalidity)
{
	g_autoptr(GError) error = NULL;
	g_assert_true (pkinext_crl_builder_add_hex (b, serial, when, reason, invalidity, &error));
	g_assert_no_error (error);
}

/* writes crl as NAME.der and NAME.pem; checks openssl and (for CRLs signed by a CA
 * certificate: GnuTLS insists the CRL issuer is a CA) certtool accept its signature */
static gchar *
write_and_verify_full (
	Fixture *f, const gchar *name, GBytes *crl, const gchar *ca_pem, gboolean use_certtool)
{
	g_autofree gchar *der_name = g_strdup_printf ("%s.der", name);
	g_autofree gchar *der = pkt_write_file (f->dir, der_name, crl);
	gchar *pem = g_strdup_printf ("%s/%s.pem", f->dir, name);
	g_autofree gchar *out1 = NULL;
	g_autofree gchar *out2 = NULL;
	const gchar *verify[] = {"openssl", "crl",  "-inform", "DER",	  "-in", der,
				 "-CAfile", ca_pem, "-noout",  "-verify", NULL};
	const gchar *certtool[] = {
		"certtool", "--verify-crl", "--load-ca-certificate", ca_pem, "--infile", pem, NULL};

	pkt_write_pem (pem, "X509 CRL", crl);
	out1 = pkt_run_expect (0, verify);
	g_assert_nonnull (strstr (out1, "verify OK"));
	if (use_certtool) {
		out2 = pkt_run_expect (0, certtool);
		g_assert_nonnull (strstr (out2, "Verified"));
	}
	return pem;
}

static gchar *
write_and_verify (Fixture *f, const gchar *name, GBytes *crl, const gchar *ca_pem)
{
	return write_and_verify_full (f, name, crl, ca_pem, TRUE);
}

static gchar *
crl_text (const gchar *pem)
{
	const gchar *argv[] = {"openssl", "crl", "-in", pem, "-noout", "-text", NULL};
	return pkt_run_expect (0, argv);
}

/* openssl verify -crl_check: 0 for a good certificate, 2 + "certificate revoked";
 * with @untrusted (a delegated CRL signer) also -extended_crl, which openssl needs
 * for CRLs signed by a key other than the CA's */
static void
expect_verify (const gchar *ca_pem,
	       const gchar *const *crls,
	       const gchar *untrusted,
	       const gchar *leaf,
	       const gchar *expected)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new ();
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	gint rc;

	g_ptr_array_add (argv, (gpointer) "openssl");
	g_ptr_array_add (argv, (gpointer) "verify");
	g_ptr_array_add (argv, (gpointer) "-crl_check");
	g_ptr_array_add (argv, (gpointer) "-use_deltas");
	g_ptr_array_add (argv, (gpointer) "-CAfile");
	g_ptr_array_add (argv, (gpointer)ca_pem);
	if (untrusted != NULL) {
		g_ptr_array_add (argv, (gpointer) "-extended_crl");
		g_ptr_array_add (argv, (gpointer) "-untrusted");
		g_ptr_array_add (argv, (gpointer)untrusted);
	}
	for (guint i = 0; crls[i] != NULL; i++) {
		g_ptr_array_add (argv, (gpointer) "-CRLfile");
		g_ptr_array_add (argv, (gpointer)crls[i]);
	}
	g_ptr_array_add (argv, (gpointer)leaf);
	g_ptr_array_add (argv, NULL);
	rc = pkt_run ((const gchar *const *)argv->pdata, &out, &err);
	g_test_message ("verify %s: rc=%d\n%s%s", leaf, rc, out, err);
	if (g_strcmp0 (expected, "OK") == 0) {
		g_assert_cmpint (rc, ==, 0);
		g_assert_nonnull (strstr (out, ": OK"));
	} else {
		g_assert_cmpint (rc, !=, 0);
		g_assert_nonnull (strstr (err, expected));
	}
}

/* a full CRL: every reason code, invalidity dates, CRL number, AKI */
static void
test_crl_full (Fixture *f, gconstpointer data)
{
	g_autoptr(PktCert) l1 = pkt_cert_issue (f->ca, f->dir, "l1", "/CN=l1", "1001", NULL);
	g_autoptr(PktCert) l2 = pkt_cert_issue (f->ca, f->dir, "l2", "/CN=l2", "1002", NULL);
	g_autoptr(PktCert) l3 = pkt_cert_issue (f->ca, f->dir, "l3", "/CN=l3", "1003", NULL);
	g_autoptr(PktCert) l4 = pkt_cert_issue (f->ca, f->dir, "l4", "/CN=l4", "1004", NULL);
	g_autoptr(PkinextCrlBuilder) b = new_builder (f, f->ca->signer, 7);
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pem = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *ski = NULL;
	const gchar *ski_argv[] = {"openssl",
				   "x509",
				   "-in",
				   f->ca->cert_path,
				   "-noout",
				   "-ext",
				   "subjectKeyIdentifier",
				   NULL};
	const gchar *reasons[] = {
		"Key Compromise",      "CA Compromise",		 "Affiliation Changed",
		"Superseded",	       "Cessation Of Operation", "Certificate Hold",
		"Privilege Withdrawn", "AA Compromise",		 NULL};

	add_hex (b, "1001", f->now - 3600, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, 1700000000);
	add_hex (b, "1003", f->now - 1800, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, 0);
	add_hex (b, "1004", f->now - 900, PKINEXT_REVOCATION_REASON_UNSPECIFIED, 0);
	add_hex (b, "2002", f->now, PKINEXT_REVOCATION_REASON_CA_COMPROMISE, 0);
	add_hex (b, "2003", f->now, PKINEXT_REVOCATION_REASON_AFFILIATION_CHANGED, 0);
	add_hex (b, "2004", f->now, PKINEXT_REVOCATION_REASON_SUPERSEDED, 0);
	add_hex (b, "2005", f->now, PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION, 0);
	add_hex (b, "2009", f->now, PKINEXT_REVOCATION_REASON_PRIVILEGE_WITHDRAWN, 0);
	add_hex (b, "200a", f->now, PKINEXT_REVOCATION_REASON_AA_COMPROMISE, 0);
	/* 20 octets with the high bit clear: the longest serial RFC 5280 allows */
	add_hex (b, "7fffffffffffffffffffffffffffffffffffffff", f->now, 0, 0);
	g_assert_cmpuint (pkinext_crl_builder_get_n_entries (b), ==, 10);
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	g_assert_nonnull (crl);

	pem = write_and_verify (f, "full", crl, f->ca->cert_path);
	text = crl_text (pem);
	g_test_message ("%s", text);
	g_assert_nonnull (strstr (text, "Version 2 (0x1)"));
	g_assert_nonnull (strstr (text, "Issuer: CN = Test CA, O = pkinext"));
	g_assert_nonnull (strstr (text, "X509v3 CRL Number: \n                7\n"));
	for (guint i = 0; reasons[i] != NULL; i++)
		g_assert_nonnull (strstr (text, reasons[i]));
	g_assert_nonnull (
		strstr (text, "Invalidity Date: \n                Nov 14 22:13:20 2023 GMT"));
	g_assert_nonnull (strstr (text, "Serial Number: 7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"));
	/* the AKI is the CA certificate's subjectKeyIdentifier */
	ski = pkt_run_expect (0, ski_argv);
	{
		g_auto(GStrv) lines = g_strsplit (ski, "\n", -1);
		g_autofree gchar *id = g_strstrip (g_strdup (lines[1]));
		g_assert_nonnull (strstr (text, id));
	}

	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l1->cert_path,
		       "certificate revoked");
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l2->cert_path, "OK");
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l3->cert_path,
		       "certificate revoked");
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l4->cert_path,
		       "certificate revoked");
}

/* no revoked certificates: the list is absent */
static void
test_crl_empty (Fixture *f, gconstpointer data)
{
	g_autoptr(PktCert) l1 = pkt_cert_issue (f->ca, f->dir, "l1", "/CN=l1", "1001", NULL);
	g_autoptr(PkinextCrlBuilder) b = new_builder (f, f->ca->signer, 1);
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pem = NULL;
	g_autofree gchar *text = NULL;

	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	pem = write_and_verify (f, "empty", crl, f->ca->cert_path);
	text = crl_text (pem);
	g_assert_nonnull (strstr (text, "No Revoked Certificates."));
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l1->cert_path, "OK");
}

/* a base CRL with freshestCRL and a delta with deltaCRLIndicator; the delta adds a
 * revocation and releases a hold (removeFromCRL) */
static void
test_crl_delta (Fixture *f, gconstpointer data)
{
	g_autoptr(PktCert) l1 = pkt_cert_issue (f->ca, f->dir, "l1", "/CN=l1", "1001", NULL);
	g_autoptr(PktCert) l2 = pkt_cert_issue (f->ca, f->dir, "l2", "/CN=l2", "1002", NULL);
	g_autoptr(PktCert) l3 = pkt_cert_issue (f->ca, f->dir, "l3", "/CN=l3", "1003", NULL);
	g_autoptr(PktCert) l4 = pkt_cert_issue (f->ca, f->dir, "l4", "/CN=l4", "1004", NULL);
	g_autoptr(PkinextCrlBuilder) base = new_builder (f, f->ca->signer, 10);
	g_autoptr(PkinextCrlBuilder) delta = new_builder (f, f->ca->signer, 11);
	g_autoptr(GBytes) base_crl = NULL;
	g_autoptr(GBytes) delta_crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *base_pem = NULL;
	g_autofree gchar *delta_pem = NULL;
	g_autofree gchar *text = NULL;
	const gchar *both[3];

	g_assert_true (
		pkinext_crl_builder_set_freshest_crl (base, "http://ca.test/delta.crl", &error));
	add_hex (base, "1001", f->now - 3600, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, 0);
	add_hex (base, "1003", f->now - 3600, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, 0);
	base_crl = pkinext_crl_builder_finish (base, &error);
	g_assert_no_error (error);

	pkinext_crl_builder_set_delta (delta, 10);
	add_hex (delta, "1002", f->now - 60, PKINEXT_REVOCATION_REASON_SUPERSEDED, 0);
	add_hex (delta, "1003", f->now - 60, PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL, 0);
	delta_crl = pkinext_crl_builder_finish (delta, &error);
	g_assert_no_error (error);

	base_pem = write_and_verify (f, "base", base_crl, f->ca->cert_path);
	delta_pem = write_and_verify (f, "delta", delta_crl, f->ca->cert_path);
	text = crl_text (base_pem);
	g_assert_nonnull (strstr (text, "X509v3 Freshest CRL: \n"));
	g_assert_nonnull (strstr (text, "URI:http://ca.test/delta.crl"));
	g_assert_null (strstr (text, "Delta CRL Indicator"));
	g_free (text);
	text = crl_text (delta_pem);
	g_test_message ("%s", text);
	g_assert_nonnull (
		strstr (text, "X509v3 Delta CRL Indicator: critical\n                10\n"));
	g_assert_nonnull (strstr (text, "X509v3 CRL Number: \n                11\n"));
	g_assert_nonnull (strstr (text, "Remove From CRL"));
	g_assert_null (strstr (text, "Freshest CRL"));

	/* base alone: 1001 and 1003 revoked, 1002 fine */
	both[0] = base_pem;
	both[1] = NULL;
	expect_verify (f->ca->cert_path, both, NULL, l2->cert_path, "OK");
	expect_verify (f->ca->cert_path, both, NULL, l3->cert_path, "certificate revoked");
	/* base + delta: 1002 now revoked, the hold on 1003 released */
	both[1] = delta_pem;
	both[2] = NULL;
	expect_verify (f->ca->cert_path, both, NULL, l1->cert_path, "certificate revoked");
	expect_verify (f->ca->cert_path, both, NULL, l2->cert_path, "certificate revoked");
	expect_verify (f->ca->cert_path, both, NULL, l3->cert_path, "OK");
	expect_verify (f->ca->cert_path, both, NULL, l4->cert_path, "OK");
}

/* a shard CRL: its IDP names the shard URL, which the certificates carry as CRL DP */
static void
test_crl_shard (Fixture *f, gconstpointer data)
{
	const gchar *url = "http://ca.test/crl/shard-3.crl";
	g_autoptr(PktCert) l1 =
		pkt_cert_issue (f->ca, f->dir, "l1", "/CN=l1", "3001",
				"crlDistributionPoints=URI:http://ca.test/crl/shard-3.crl");
	g_autoptr(PktCert) l2 =
		pkt_cert_issue (f->ca, f->dir, "l2", "/CN=l2", "3002",
				"crlDistributionPoints=URI:http://ca.test/crl/shard-3.crl");
	g_autoptr(PktCert) l3 =
		pkt_cert_issue (f->ca, f->dir, "l3", "/CN=l3", "4001",
				"crlDistributionPoints=URI:http://ca.test/crl/shard-4.crl");
	g_autoptr(PkinextCrlBuilder) b = new_builder (f, f->ca->signer, 5);
	g_autoptr(PkinextCrlBuilder) d = new_builder (f, f->ca->signer, 6);
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GBytes) delta = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pem = NULL;
	g_autofree gchar *delta_pem = NULL;
	g_autofree gchar *text = NULL;

	g_assert_true (pkinext_crl_builder_set_distribution_point (b, url, &error));
	g_assert_true (pkinext_crl_builder_set_freshest_crl (
		b, "http://ca.test/crl/shard-3-delta.crl", &error));
	add_hex (b, "3001", f->now - 60, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, 0);
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	pem = write_and_verify (f, "shard", crl, f->ca->cert_path);
	text = crl_text (pem);
	g_test_message ("%s", text);
	g_assert_nonnull (strstr (text, "X509v3 Issuing Distribution Point: critical\n"));
	g_assert_nonnull (
		strstr (text, "Full Name:\n                  URI:http://ca.test/crl/shard-3.crl"));

	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l1->cert_path,
		       "certificate revoked");
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l2->cert_path, "OK");
	/* a certificate of another shard is out of this CRL's scope */
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, NULL, l3->cert_path,
		       "different CRL scope");

	/* the shard's delta has the same scope */
	pkinext_crl_builder_set_delta (d, 5);
	g_assert_true (pkinext_crl_builder_set_distribution_point (d, url, &error));
	add_hex (d, "3002", f->now - 30, PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION, 0);
	delta = pkinext_crl_builder_finish (d, &error);
	g_assert_no_error (error);
	delta_pem = write_and_verify (f, "shard-delta", delta, f->ca->cert_path);
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, delta_pem, NULL}, NULL,
		       l2->cert_path, "certificate revoked");
}

/* a delegated CRL signer: its own key, a certificate with the CA's name issued by the
 * CA with cRLSign; the AKI names the signer's key */
static void
test_crl_delegated (Fixture *f, gconstpointer data)
{
	g_autoptr(PktCert) signer =
		pkt_cert_issue (f->ca, f->dir, "crlsigner", "/CN=Test CA/O=pkinext", "5001",
				"keyUsage=critical,cRLSign");
	g_autoptr(PktCert) l1 = pkt_cert_issue (f->ca, f->dir, "l1", "/CN=l1", "1001", NULL);
	g_autoptr(PktCert) l2 = pkt_cert_issue (f->ca, f->dir, "l2", "/CN=l2", "1002", NULL);
	g_autoptr(PkinextCertificate) ca_cert = NULL;
	g_autoptr(PkinextCrlBuilder) b = NULL;
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *pem = NULL;

	ca_cert = pkinext_certificate_new_from_data (f->ca->cert_der, &error);
	g_assert_no_error (error);
	b = pkinext_crl_builder_new (signer->signer, pkinext_certificate_get_subject_der (ca_cert),
				     NULL, &error);
	g_assert_no_error (error);
	pkinext_crl_builder_set_crl_number (b, 3);
	pkinext_crl_builder_set_next_update (b, f->now + DAY);
	add_hex (b, "1001", f->now - 60, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, 0);
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	/* the CRL's signature verifies with the CRL signer's certificate (certtool would
	 * insist that this certificate is a CA) */
	pem = write_and_verify_full (f, "delegated", crl, signer->cert_path, FALSE);
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, signer->cert_path,
		       l1->cert_path, "certificate revoked");
	expect_verify (f->ca->cert_path, (const gchar *[]){pem, NULL}, signer->cert_path,
		       l2->cert_path, "OK");
}

/* other signature algorithms; Ed25519 is deterministic, so the stream output must
 * equal finish()'s */
static void
test_crl_algorithms (void)
{
	const gchar *specs[] = {"rsa:2048", "ed25519"};
	g_autofree gchar *dir = pkt_tmpdir_new ("crl-alg");
	Fixture f = {dir, NULL, g_get_real_time () / G_USEC_PER_SEC};

	for (guint i = 0; i < G_N_ELEMENTS (specs); i++) {
		g_autoptr(PktCert) ca = pkt_cert_new_root (dir, "ca", "/CN=Alg CA", specs[i]);
		g_autoptr(PkinextCrlBuilder) b1 = new_builder (&f, ca->signer, 2);
		g_autoptr(PkinextCrlBuilder) b2 = new_builder (&f, ca->signer, 2);
		g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
		g_autoptr(GBytes) crl = NULL;
		g_autoptr(GBytes) streamed = NULL;
		g_autoptr(GError) error = NULL;
		g_autofree gchar *pem = NULL;

		add_hex (b1, "abcdef", f.now, PKINEXT_REVOCATION_REASON_SUPERSEDED, f.now - 10);
		add_hex (b2, "abcdef", f.now, PKINEXT_REVOCATION_REASON_SUPERSEDED, f.now - 10);
		crl = pkinext_crl_builder_finish (b1, &error);
		g_assert_no_error (error);
		g_assert_true (pkinext_crl_builder_finish_to_stream (b2, out, NULL, &error));
		g_assert_no_error (error);
		g_assert_true (g_output_stream_close (out, NULL, NULL));
		streamed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
		pem = write_and_verify (&f, specs[i][0] == 'r' ? "rsa" : "ed", crl, ca->cert_path);
		g_assert_cmpuint (g_bytes_get_size (streamed), ==, g_bytes_get_size (crl));
		if (g_str_equal (specs[i], "ed25519"))
			g_assert_true (g_bytes_equal (streamed, crl));
	}
	pkt_tmpdir_remove (dir);
}

static void
expect_finish_error (PkinextCrlBuilder *b, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) crl = pkinext_crl_builder_finish (b, &error);
	g_assert_null (crl);
	g_test_message ("finish: %s", error->message);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_assert_nonnull (strstr (error->message, text));
}

static void
test_crl_errors (Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextCrlBuilder) b = new_builder (f, f->ca->signer, 2);
	g_autoptr(PkinextCrlBuilder) b2 = new_builder (f, f->ca->signer, 2);
	g_autoptr(PkinextCrlBuilder) b3 = new_builder (f, f->ca->signer, 2);
	g_autoptr(PkinextCrlBuilder) b4 = NULL;
	g_autoptr(PkinextSigner) bare = NULL;
	g_autoptr(GBytes) crl = NULL;
	const guint8 zero[2] = {0, 0};
	const guint8 neg[1] = {0x80};

	/* invalid entries */
	g_assert_false (pkinext_crl_builder_add (b, zero, sizeof (zero), f->now, 0, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull (strstr (error->message, "positive"));
	g_clear_error (&error);
	g_assert_false (pkinext_crl_builder_add_hex (b, "80ffffffffffffffffffffffffffffffffffffff",
						     f->now, 0, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull (strstr (error->message, "20 octets"));
	g_clear_error (&error);
	g_assert_false (pkinext_crl_builder_add_hex (b, "12xz", f->now, 0, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_assert_false (pkinext_crl_builder_add (b, neg, 1, f->now, 7, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull (strstr (error->message, "reason code 7"));
	g_clear_error (&error);
	g_assert_cmpuint (pkinext_crl_builder_get_n_entries (b), ==, 0);
	g_assert_false (pkinext_crl_builder_set_distribution_point (b, "not a uri", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_assert_false (
		pkinext_crl_builder_set_freshest_crl (b, "http://ca.test/\xc3\xa9", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);

	/* removeFromCRL outside a delta */
	add_hex (b, "01", f->now, PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL, 0);
	expect_finish_error (b, "removeFromCRL");
	/* a failed check leaves the builder usable: as a delta it finishes */
	pkinext_crl_builder_set_delta (b, 1);
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	g_assert_nonnull (crl);
	/* finish twice, and adding afterwards */
	expect_finish_error (b, "twice");
	g_assert_false (pkinext_crl_builder_add_hex (b, "02", f->now, 0, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE);
	g_clear_error (&error);

	/* a delta with freshestCRL; a delta whose number is not above its base */
	pkinext_crl_builder_set_delta (b2, 1);
	g_assert_true (pkinext_crl_builder_set_freshest_crl (b2, "http://ca.test/d.crl", &error));
	expect_finish_error (b2, "freshestCRL");
	pkinext_crl_builder_set_delta (b3, 2);
	expect_finish_error (b3, "greater than its base");

	/* no CRL number, no nextUpdate */
	b4 = pkinext_crl_builder_new (f->ca->signer, NULL, NULL, &error);
	g_assert_no_error (error);
	expect_finish_error (b4, "CRL number");
	g_clear_object (&b4);
	b4 = pkinext_crl_builder_new (f->ca->signer, NULL, NULL, &error);
	pkinext_crl_builder_set_crl_number (b4, 1);
	expect_finish_error (b4, "nextUpdate");

	/* a signer without a certificate needs the issuer name */
	bare = pkinext_signer_software_generate (PKINEXT_KEY_TYPE_EC_P256, 0, 0, &error);
	g_assert_no_error (error);
	g_assert_null (pkinext_crl_builder_new (bare, NULL, NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
}

static void
test_reason_strings (void)
{
	g_autoptr(GError) error = NULL;
	PkinextRevocationReason r = 0;
	const gint codes[] = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10};

	for (guint i = 0; i < G_N_ELEMENTS (codes); i++) {
		const gchar *name = pkinext_revocation_reason_to_string (codes[i]);
		g_autofree gchar *num = g_strdup_printf ("%d", codes[i]);
		g_assert_nonnull (name);
		g_assert_true (pkinext_revocation_reason_from_string (name, &r, &error));
		g_assert_cmpint (r, ==, codes[i]);
		g_assert_true (pkinext_revocation_reason_from_string (num, &r, &error));
		g_assert_cmpint (r, ==, codes[i]);
		g_assert_no_error (error);
	}
	g_assert_cmpstr (pkinext_revocation_reason_to_string (2), ==, "cACompromise");
	g_assert_cmpstr (pkinext_revocation_reason_to_string (8), ==, "removeFromCRL");
	g_assert_null (pkinext_revocation_reason_to_string (7));
	g_assert_true (pkinext_revocation_reason_from_string ("KEY-COMPROMISE", &r, &error));
	g_assert_cmpint (r, ==, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE);
	g_assert_true (pkinext_revocation_reason_from_string ("certificatehold", &r, &error));
	g_assert_cmpint (r, ==, PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD);
	g_assert_false (pkinext_revocation_reason_from_string ("7", &r, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_assert_false (pkinext_revocation_reason_from_string ("stolen", &r, &error));
	g_assert_nonnull (strstr (error->message, "'stolen'"));
	g_assert_false (pkinext_revocation_reason_is_valid (11));
	g_assert_false (pkinext_revocation_reason_is_valid (-1));
}

/* python3-cryptography's strict (Rust) DER parser reads every field back */
static void
test_crl_python (Fixture *f, gconstpointer data)
{
	const gchar *probe[] = {"python3", "-c", "import cryptography.x509", NULL};
	const gchar *script =
		"import sys\n"
		"from cryptography import x509\n"
		"c = x509.load_der_x509_crl(open(sys.argv[1], 'rb').read())\n"
		"for e in c.extensions:\n"
		"    print(e.oid.dotted_string, e.critical, e.value)\n"
		"for r in c:\n"
		"    print('entry', hex(r.serial_number), int(r.revocation_date_utc.timestamp()),\n"
		"          [(e.oid.dotted_string, e.value) for e in r.extensions])\n";
	g_autoptr(PkinextCrlBuilder) b = new_builder (f, f->ca->signer, 77);
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *der = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *entry = NULL;

	if (pkt_run (probe, NULL, NULL) != 0) {
		g_test_skip ("python3 cryptography is not installed");
		return;
	}
	pkinext_crl_builder_set_delta (b, 70);
	g_assert_true (
		pkinext_crl_builder_set_distribution_point (b, "http://ca.test/crl/7.crl", &error));
	add_hex (b, "0abc", 1700000000, PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, 1699990000);
	add_hex (b, "0def", 1700000001, PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL, 0);
	add_hex (b, "0123", 1700000002, PKINEXT_REVOCATION_REASON_UNSPECIFIED, 0);
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	der = pkt_write_file (f->dir, "py.der", crl);
	{
		const gchar *argv[] = {"python3", "-c", script, der, NULL};
		out = pkt_run_expect (0, argv);
	}
	g_test_message ("%s", out);
	g_assert_nonnull (strstr (out, "2.5.29.20 False <CRLNumber(77)>"));
	g_assert_nonnull (strstr (out, "2.5.29.27 True <DeltaCRLIndicator(crl_number=70)>"));
	g_assert_nonnull (
		strstr (out, "2.5.29.28 True "
			     "<IssuingDistributionPoint(full_name=[<UniformResourceIdentifier("
			     "value='http://ca.test/crl/7.crl')>]"));
	g_assert_nonnull (strstr (out, "2.5.29.35 False <AuthorityKeyIdentifier(key_identifier="));
	entry = g_strdup ("entry 0xabc 1700000000 [('2.5.29.21', "
			  "<CRLReason(reason=ReasonFlags.key_compromise)>), "
			  "('2.5.29.24', <InvalidityDate(invalidity_date=2023-11-14 19:26:40)>)]");
	g_assert_nonnull (strstr (out, entry));
	g_assert_nonnull (strstr (out, "entry 0xdef 1700000001 [('2.5.29.21', "
				       "<CRLReason(reason=ReasonFlags.remove_from_crl)>)]"));
	g_assert_nonnull (strstr (out, "entry 0x123 1700000002 []"));
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/crl/reason-strings", test_reason_strings);
	g_test_add ("/crl/full", Fixture, NULL, fixture_setup, test_crl_full, fixture_teardown);
	g_test_add ("/crl/empty", Fixture, NULL, fixture_setup, test_crl_empty, fixture_teardown);
	g_test_add ("/crl/delta", Fixture, NULL, fixture_setup, test_crl_delta, fixture_teardown);
	g_test_add ("/crl/shard", Fixture, NULL, fixture_setup, test_crl_shard, fixture_teardown);
	g_test_add ("/crl/delegated", Fixture, NULL, fixture_setup, test_crl_delegated,
		    fixture_teardown);
	g_test_add ("/crl/errors", Fixture, NULL, fixture_setup, test_crl_errors, fixture_teardown);
	g_test_add_func ("/crl/algorithms", test_crl_algorithms);
	g_test_add ("/crl/python-cryptography", Fixture, NULL, fixture_setup, test_crl_python,
		    fixture_teardown);
	return g_test_run ();
}
