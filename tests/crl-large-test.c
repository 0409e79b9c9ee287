/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A CRL of 1,000,000 entries: built linearly, within a memory bound, and accepted
 * by openssl (suite 'slow').
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "pkinext-test-util.h"
#include "pkinext.h"
#include "revocation-test-util.h"

#define N_ENTRIES   1000000
#define MAX_RSS_KIB (200 * 1024)

static glong
peak_rss_kib (void)
{
	struct rusage ru;
	g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
	return ru.ru_maxrss;
}

static void
test_crl_million (void)
{
	g_autofree gchar *dir = pkt_tmpdir_new ("crl-large");
	g_autoptr(PktCert) ca = pkt_cert_new_root (dir, "ca", "/CN=Large CA", "ec");
	g_autoptr(PktCert) leaf = pkt_cert_issue (ca, dir, "leaf", "/CN=leaf",
						   "0a0000000000000000000000000007a120", NULL);
	g_autoptr(PktCert) good = pkt_cert_issue (ca, dir, "good", "/CN=good", "0b01", NULL);
	g_autoptr(PkinextCrlBuilder) b = NULL;
	g_autoptr(GBytes) crl = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *der = NULL;
	g_autofree gchar *pem = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *out2 = NULL;
	g_autofree gchar *out3 = NULL;
	gint64 now = g_get_real_time () / G_USEC_PER_SEC;
	gint64 t0, t1, t2;
	glong rss_before, rss_after;
	guint8 serial[17];

	rss_before = peak_rss_kib ();
	b = pkinext_crl_builder_new (ca->signer, NULL, NULL, &error);
	g_assert_no_error (error);
	pkinext_crl_builder_set_crl_number (b, 123456);
	pkinext_crl_builder_set_next_update (b, now + 86400);

	/* 17-octet serials 0a 00.. <counter>, as our 128-bit serials with a leading byte */
	memset (serial, 0, sizeof (serial));
	serial[0] = 0x0a;
	t0 = g_get_monotonic_time ();
	for (guint32 i = 0; i < N_ENTRIES; i++) {
		guint32 n = i + 1;
		PkinextRevocationReason reason = (PkinextRevocationReason)(i % 6);
		serial[13] = (guint8)(n >> 24);
		serial[14] = (guint8)(n >> 16);
		serial[15] = (guint8)(n >> 8);
		serial[16] = (guint8)n;
		if (!pkinext_crl_builder_add (b, serial, sizeof (serial), now - (gint64)(i % 86400),
					      reason, i % 10 == 0 ? now - 90000 : 0, &error))
			g_assert_no_error (error);
	}
	t1 = g_get_monotonic_time ();
	crl = pkinext_crl_builder_finish (b, &error);
	g_assert_no_error (error);
	t2 = g_get_monotonic_time ();
	g_assert_cmpuint (pkinext_crl_builder_get_n_entries (b), ==, N_ENTRIES);
	g_clear_object (&b);
	rss_after = peak_rss_kib ();

	g_test_message ("%d entries: add %.3f s, finish+sign %.3f s, CRL %" G_GSIZE_FORMAT
			" bytes, peak RSS %ld -> %ld KiB",
			N_ENTRIES, (t1 - t0) / 1e6, (t2 - t1) / 1e6, g_bytes_get_size (crl),
			rss_before, rss_after);
	g_assert_cmpuint (g_bytes_get_size (crl), >, 40 * N_ENTRIES);
	g_assert_cmpuint (g_bytes_get_size (crl), <, 80 * N_ENTRIES);
	g_assert_cmpint (rss_after, <, MAX_RSS_KIB);
	/* linear: a million entries in far less than the minutes GnuTLS needs for 100,000 */
	g_assert_cmpint (t1 - t0, <, 30 * G_USEC_PER_SEC);

	der = pkt_write_file (dir, "large.der", crl);
	{
		const gchar *argv[] = {"openssl", "crl",	 "-inform", "DER",     "-in", der,
				       "-CAfile", ca->cert_path, "-noout",  "-verify", NULL};
		out = pkt_run_expect (0, argv);
		g_assert_nonnull (strstr (out, "verify OK"));
	}
	/* serial 0x07a120 = 500000 is in the list, 0b01 is not */
	pem = g_build_filename (dir, "large.pem", NULL);
	pkt_write_pem (pem, "X509 CRL", crl);
	g_clear_pointer (&crl, g_bytes_unref);
	{
		const gchar *argv[] = {"openssl", "verify",	   "-crl_check",
				       "-CAfile", ca->cert_path,   "-CRLfile",
				       pem,	  leaf->cert_path, NULL};
		g_autofree gchar *err = NULL;
		gint rc = pkt_run (argv, &out2, &err);
		g_assert_cmpint (rc, ==, 2);
		g_assert_nonnull (strstr (err, "certificate revoked"));
	}
	{
		const gchar *argv[] = {"openssl", "verify",	   "-crl_check",
				       "-CAfile", ca->cert_path,   "-CRLfile",
				       pem,	  good->cert_path, NULL};
		out3 = pkt_run_expect (0, argv);
		g_assert_nonnull (strstr (out3, ": OK"));
	}
	pkt_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/crl/million-entries", test_crl_million);
	return g_test_run ();
}
