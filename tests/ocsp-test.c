/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * OCSP requests made by `openssl ocsp`, parsed by PkinextOcspRequest; responses built
 * by PkinextOcspResponder and checked by `openssl ocsp -respin` (and GnuTLS ocsptool).
 */
#include "config.h"

#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-signer-software.h"
#include "pkinext-test-util.h"
#include "pkinext.h"
#include "revocation-test-util.h"

#define HOUR 3600

typedef struct {
	gchar *dir;
	PktCert *ca;
	PktCert *good;	  /* serial 2001 */
	PktCert *revoked; /* serial 2002, keyCompromise */
	PktCert *unknown; /* serial 2003, not in our "database" */
	PktCert *held;	  /* serial 2004, certificateHold */
	gint64 now;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
	f->dir = pkt_tmpdir_new ("ocsp");
	f->ca = pkt_cert_new_root (f->dir, "ca", "/CN=OCSP Test CA", "ec");
	f->good = pkt_cert_issue (f->ca, f->dir, "good", "/CN=good", "2001", NULL);
	f->revoked = pkt_cert_issue (f->ca, f->dir, "revoked", "/CN=revoked", "2002", NULL);
	f->unknown = pkt_cert_issue (f->ca, f->dir, "unknown", "/CN=unknown", "2003", NULL);
	f->held = pkt_cert_issue (f->ca, f->dir, "held", "/CN=held", "2004", NULL);
	f->now = g_get_real_time () / G_USEC_PER_SEC;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
	pkt_cert_free (f->ca);
	pkt_cert_free (f->good);
	pkt_cert_free (f->revoked);
	pkt_cert_free (f->unknown);
	pkt_cert_free (f->held);
	pkt_tmpdir_remove (f->dir);
	g_free (f->dir);
}

/* openssl ocsp -reqout: a request for @certs (NULL-terminated) */
static gchar *
make_request (Fixture *f, const gchar *name, PktCert **certs, const gchar *opt)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new ();
	gchar *path = g_strdup_printf ("%s/%s", f->dir, name);
	g_autofree gchar *out = NULL;

	g_ptr_array_add (argv, (gpointer) "openssl");
	g_ptr_array_add (argv, (gpointer) "ocsp");
	g_ptr_array_add (argv, (gpointer) "-issuer");
	g_ptr_array_add (argv, f->ca->cert_path);
	if (opt != NULL) /* -sha256 must precede -cert */
		g_ptr_array_add (argv, (gpointer)opt);
	for (guint i = 0; certs[i] != NULL; i++) {
		g_ptr_array_add (argv, (gpointer) "-cert");
		g_ptr_array_add (argv, certs[i]->cert_path);
	}
	g_ptr_array_add (argv, (gpointer) "-reqout");
	g_ptr_array_add (argv, path);
	g_ptr_array_add (argv, NULL);
	out = pkt_run_expect (0, (const gchar *const *)argv->pdata);
	return path;
}

static PkinextOcspRequest *
parse_request_file (const gchar *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) der = pkt_read_file_bytes (path);
	PkinextOcspRequest *req = pkinext_ocsp_request_new_from_data (der, &error);

	g_assert_no_error (error);
	g_assert_nonnull (req);
	return req;
}

/* the "database": status of each serial */
static void
lookup (Fixture *f, const PkinextOcspCertId *id, PkinextOcspSingleResponse *r)
{
	g_autofree gchar *serial = pkinext_ocsp_cert_id_get_serial_hex (id);

	memset (r, 0, sizeof (*r));
	r->cert_id = *id;
	r->this_update = f->now - 60;
	r->next_update = f->now + 4 * HOUR;
	if (g_str_equal (serial, "2001")) {
		r->status = PKINEXT_OCSP_CERT_STATUS_GOOD;
	} else if (g_str_equal (serial, "2002")) {
		r->status = PKINEXT_OCSP_CERT_STATUS_REVOKED;
		r->revocation_time = f->now - HOUR;
		r->reason = PKINEXT_REVOCATION_REASON_KEY_COMPROMISE;
	} else if (g_str_equal (serial, "2004")) {
		r->status = PKINEXT_OCSP_CERT_STATUS_REVOKED;
		r->revocation_time = f->now - 2 * HOUR;
		r->reason = PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD;
	} else {
		r->status = PKINEXT_OCSP_CERT_STATUS_UNKNOWN;
	}
}

/* answers every CertID of @req; the CertIDs must be for this responder's CA */
static GBytes *
respond (Fixture *f, PkinextOcspResponder *responder, PkinextOcspRequest *req)
{
	g_autoptr(GError) error = NULL;
	guint n = pkinext_ocsp_request_get_n_cert_ids (req);
	g_autofree PkinextOcspSingleResponse *rs = g_new0 (PkinextOcspSingleResponse, n);
	GBytes *resp;

	for (guint i = 0; i < n; i++)
		lookup (f, pkinext_ocsp_request_get_cert_id (req, i), &rs[i]);
	resp = pkinext_ocsp_responder_build (responder, rs, n, pkinext_ocsp_request_get_nonce (req),
					     0, &error);
	g_assert_no_error (error);
	g_assert_nonnull (resp);
	return resp;
}

static gchar *
run_openssl_ocsp (GPtrArray *argv, gint expected_rc)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	gint rc;

	g_ptr_array_add (argv, NULL);
	rc = pkt_run ((const gchar *const *)argv->pdata, &out, &err);
	g_test_message ("openssl ocsp: rc=%d\n%s\n%s", rc, out, err);
	g_assert_cmpint (rc, ==, expected_rc);
	return g_strconcat (out, err, NULL);
}

typedef enum {
	CHECK_DEFAULT = 0,
	CHECK_NO_NONCE = 1 << 0,   /* the request had no nonce */
	CHECK_SHA256 = 1 << 1,	   /* SHA-256 CertIDs */
	CHECK_REQIN_ONLY = 1 << 2, /* only the check against the request */
} CheckFlags;

/* checks @resp with openssl against @trust, twice: with -reqin (the nonce must match
 * the request's; openssl adds a fresh nonce when given -cert) and with -cert -no_nonce
 * (prints each certificate's status by CertID); returns both outputs. With @req_path
 * NULL (a pre-signed response) only the second check runs. */
static gchar *
check_response (Fixture *f,
		const gchar *req_path,
		GBytes *resp,
		PktCert **certs,
		const gchar *trust,
		CheckFlags flags,
		gint expected_rc)
{
	g_autoptr(GPtrArray) a1 = g_ptr_array_new ();
	g_autoptr(GPtrArray) a2 = g_ptr_array_new ();
	g_autofree gchar *resp_path =
		g_strdup_printf ("%s/%s.resp", f->dir, req_path != NULL ? "req" : "presigned");
	g_autofree gchar *out1 = NULL;
	g_autofree gchar *out2 = NULL;

	g_assert_true (g_file_set_contents (resp_path, g_bytes_get_data (resp, NULL),
					    (gssize)g_bytes_get_size (resp), NULL));
	if (req_path != NULL) {
		g_ptr_array_add (a1, (gpointer) "openssl");
		g_ptr_array_add (a1, (gpointer) "ocsp");
		g_ptr_array_add (a1, (gpointer) "-reqin");
		g_ptr_array_add (a1, (gpointer)req_path);
		g_ptr_array_add (a1, (gpointer) "-respin");
		g_ptr_array_add (a1, resp_path);
		g_ptr_array_add (a1, (gpointer) "-issuer");
		g_ptr_array_add (a1, f->ca->cert_path);
		g_ptr_array_add (a1, (gpointer) "-CAfile");
		g_ptr_array_add (a1, (gpointer)trust);
		g_ptr_array_add (a1, (gpointer) "-resp_text");
		if (flags & CHECK_NO_NONCE)
			g_ptr_array_add (a1, (gpointer) "-no_nonce");
		out1 = run_openssl_ocsp (a1, expected_rc);
	}

	if (flags & CHECK_REQIN_ONLY)
		return g_steal_pointer (&out1);
	g_ptr_array_add (a2, (gpointer) "openssl");
	g_ptr_array_add (a2, (gpointer) "ocsp");
	g_ptr_array_add (a2, (gpointer) "-respin");
	g_ptr_array_add (a2, resp_path);
	g_ptr_array_add (a2, (gpointer) "-no_nonce");
	g_ptr_array_add (a2, (gpointer) "-issuer");
	g_ptr_array_add (a2, f->ca->cert_path);
	if (flags & CHECK_SHA256)
		g_ptr_array_add (a2, (gpointer) "-sha256");
	for (guint i = 0; certs[i] != NULL; i++) {
		g_ptr_array_add (a2, (gpointer) "-cert");
		g_ptr_array_add (a2, certs[i]->cert_path);
	}
	g_ptr_array_add (a2, (gpointer) "-CAfile");
	g_ptr_array_add (a2, (gpointer)trust);
	out2 = run_openssl_ocsp (a2, expected_rc);
	return g_strconcat (out1 != NULL ? out1 : "", out2, NULL);
}

static void
assert_contains (const gchar *haystack, const gchar *needle)
{
	if (strstr (haystack, needle) == NULL)
		g_error ("expected '%s' in:\n%s", needle, haystack);
}

/* one request for good, revoked, unknown and held; signed by the CA; nonce echoed */
static void
test_ocsp_statuses (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, f->revoked, f->unknown, f->held, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PkinextOcspResponder) responder = NULL;
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *nonce_hex = NULL;
	GBytes *nonce;

	g_assert_cmpuint (pkinext_ocsp_request_get_n_cert_ids (req), ==, 4);
	g_assert_false (pkinext_ocsp_request_is_signed (req));
	nonce = pkinext_ocsp_request_get_nonce (req);
	g_assert_nonnull (nonce);
	/* openssl sends an OCTET STRING of 16 octets */
	g_assert_cmpuint (g_bytes_get_size (nonce), ==, 18);

	responder = pkinext_ocsp_responder_new (f->ca->signer, NULL, &error);
	g_assert_no_error (error);
	g_assert_false (pkinext_ocsp_responder_is_delegated (responder));
	for (guint i = 0; i < 4; i++) {
		const PkinextOcspCertId *id = pkinext_ocsp_request_get_cert_id (req, i);
		const gchar *serials[] = {"2001", "2002", "2003", "2004"};
		g_autofree gchar *hex = pkinext_ocsp_cert_id_get_serial_hex (id);
		PkinextOcspCertId mine;
		g_assert_cmpint (id->hash_algorithm, ==, G_CHECKSUM_SHA1);
		g_assert_cmpstr (hex, ==, serials[i]);
		g_assert_true (pkinext_ocsp_responder_serves (responder, id));
		g_assert_true (pkinext_ocsp_responder_make_cert_id (responder, G_CHECKSUM_SHA1,
								    serials[i], &mine, &error));
		g_assert_true (pkinext_ocsp_cert_id_equal (&mine, id));
	}

	resp = respond (f, responder, req);
	out = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_DEFAULT, 0);
	assert_contains (out, "Response verify OK");
	assert_contains (out, "OCSP Response Status: successful (0x0)");
	assert_contains (out, "Response Type: Basic OCSP Response");
	assert_contains (out, "Responder Id: ");
	assert_contains (out, "good.pem: good");
	assert_contains (out, "revoked.pem: revoked");
	assert_contains (out, "Reason: keyCompromise");
	assert_contains (out, "unknown.pem: unknown");
	assert_contains (out, "held.pem: revoked");
	assert_contains (out, "Reason: certificateHold");
	assert_contains (out, "OCSP Nonce: ");
	nonce_hex = g_strdup_printf ("%02X%02X%02X",
				     ((const guint8 *)g_bytes_get_data (nonce, NULL))[0],
				     ((const guint8 *)g_bytes_get_data (nonce, NULL))[1],
				     ((const guint8 *)g_bytes_get_data (nonce, NULL))[2]);
	assert_contains (out, nonce_hex);
	g_assert_null (strstr (out, "WARNING"));
	/* CA-signed: no certificates in the response */
	g_assert_null (strstr (out, "Certificate:"));
}

/* GnuTLS's ocsptool also accepts the CA-signed response */
static void
check_ocsptool (const gchar *resp_path, const gchar *signer_opt, const gchar *cert_path)
{
	g_autofree gchar *opt = g_strdup_printf ("%s=%s", signer_opt, cert_path);
	g_autofree gchar *in = g_strdup_printf ("--infile=%s", resp_path);
	const gchar *argv[] = {"ocsptool", "-e", opt, in, NULL};
	g_autofree gchar *out = pkt_run_expect (0, argv);
	assert_contains (out, "Verifying OCSP Response: Success.");
}

static void
test_ocsp_ocsptool (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, f->revoked, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PktCert) delegate =
		pkt_cert_issue (f->ca, f->dir, "responder", "/CN=OCSP responder", "9001",
				"keyUsage=critical,digitalSignature\n"
				"extendedKeyUsage=OCSPSigning\nnoCheck=ignored");
	g_autoptr(PkinextOcspResponder) by_ca =
		pkinext_ocsp_responder_new (f->ca->signer, NULL, NULL);
	g_autoptr(PkinextOcspResponder) by_delegate = NULL;
	g_autoptr(GBytes) resp1 = respond (f, by_ca, req);
	g_autoptr(GBytes) resp2 = NULL;
	g_autofree gchar *p1 = pkt_write_file (f->dir, "ca.resp", resp1);
	g_autofree gchar *p2 = NULL;
	g_autoptr(GError) error = NULL;

	check_ocsptool (p1, "--load-signer", f->ca->cert_path);
	by_delegate = pkinext_ocsp_responder_new (delegate->signer, f->ca->cert_der, &error);
	g_assert_no_error (error);
	resp2 = respond (f, by_delegate, req);
	p2 = pkt_write_file (f->dir, "delegated.resp", resp2);
	check_ocsptool (p2, "--load-trust", f->ca->cert_path);
}

/* openssl ocsp -no_nonce: no nonce in the request, none in the response */
static void
test_ocsp_no_nonce (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->revoked, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, "-no_nonce");
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PkinextOcspResponder) responder = NULL;
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;

	g_assert_null (pkinext_ocsp_request_get_nonce (req));
	g_assert_cmpuint (pkinext_ocsp_request_get_n_cert_ids (req), ==, 1);
	responder = pkinext_ocsp_responder_new (f->ca->signer, f->ca->cert_der, &error);
	g_assert_no_error (error);
	resp = respond (f, responder, req);
	out = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_NO_NONCE, 0);
	assert_contains (out, "Response verify OK");
	assert_contains (out, "revoked.pem: revoked");
	g_assert_null (strstr (out, "OCSP Nonce"));
}

/* openssl ocsp -sha256: SHA-256 CertIDs are parsed, matched and echoed */
static void
test_ocsp_sha256 (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, f->revoked, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, "-sha256");
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PkinextOcspResponder) responder = NULL;
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;
	const PkinextOcspCertId *id;
	PkinextOcspCertId mine;
	guint8 name_hash[PKINEXT_OCSP_HASH_MAX_SIZE];
	guint8 key_hash[PKINEXT_OCSP_HASH_MAX_SIZE];
	gsize hash_len = 0;
	g_autoptr(PkinextCertificate) ca =
		pkinext_certificate_new_from_data (f->ca->cert_der, NULL);

	responder = pkinext_ocsp_responder_new (f->ca->signer, NULL, &error);
	g_assert_no_error (error);
	id = pkinext_ocsp_request_get_cert_id (req, 0);
	g_assert_cmpint (id->hash_algorithm, ==, G_CHECKSUM_SHA256);
	g_assert_cmpuint (id->hash_len, ==, 32);
	g_assert_true (pkinext_ocsp_responder_serves (responder, id));
	g_assert_true (pkinext_ocsp_responder_make_cert_id (responder, G_CHECKSUM_SHA256, "2001",
							    &mine, &error));
	g_assert_true (pkinext_ocsp_cert_id_equal (&mine, id));
	/* the public hash pair function gives the daemon the same match key */
	g_assert_true (pkinext_ocsp_cert_id_compute_issuer_hashes (
		G_CHECKSUM_SHA256, pkinext_certificate_get_subject_der (ca),
		pkinext_certificate_get_public_key (ca), name_hash, key_hash, &hash_len, &error));
	g_assert_cmpmem (name_hash, hash_len, id->issuer_name_hash, id->hash_len);
	g_assert_cmpmem (key_hash, hash_len, id->issuer_key_hash, id->hash_len);

	resp = respond (f, responder, req);
	out = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_SHA256, 0);
	assert_contains (out, "Response verify OK");
	assert_contains (out, "Hash Algorithm: sha256");
	assert_contains (out, "good.pem: good");
	assert_contains (out, "revoked.pem: revoked");
}

/* a delegated responder (id-kp-OCSPSigning + ocsp-nocheck) signs; its certificate is
 * in the response and openssl accepts it */
static void
test_ocsp_delegated (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, f->revoked, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PktCert) delegate =
		pkt_cert_issue (f->ca, f->dir, "responder", "/CN=OCSP responder", "9001",
				"keyUsage=critical,digitalSignature\n"
				"extendedKeyUsage=OCSPSigning\nnoCheck=ignored");
	g_autoptr(PkinextOcspResponder) responder = NULL;
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;

	responder = pkinext_ocsp_responder_new (delegate->signer, f->ca->cert_der, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_ocsp_responder_is_delegated (responder));
	g_assert_true (pkinext_ocsp_responder_serves (responder,
						      pkinext_ocsp_request_get_cert_id (req, 0)));
	resp = respond (f, responder, req);
	out = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_DEFAULT, 0);
	assert_contains (out, "Response verify OK");
	assert_contains (out, "Certificate:");
	assert_contains (out, "Subject: CN=OCSP responder");
	assert_contains (out, "OCSP No Check");
	assert_contains (out, "good.pem: good");
	assert_contains (out, "revoked.pem: revoked");
}

/* responses signed by keys the client does not trust are rejected; the constructor
 * refuses responders the CA did not delegate to */
static void
test_ocsp_wrong_key (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PktCert) rogue_ca = pkt_cert_new_root (f->dir, "rogue", "/CN=Rogue CA", "ec");
	g_autoptr(PktCert) rogue_resp =
		pkt_cert_issue (rogue_ca, f->dir, "rogue-resp", "/CN=Rogue responder", "66",
				"extendedKeyUsage=OCSPSigning\nnoCheck=ignored");
	g_autoptr(PktCert) no_eku = pkt_cert_issue (f->ca, f->dir, "no-eku", "/CN=not a responder",
						     "67", "extendedKeyUsage=serverAuth");
	g_autoptr(PkinextOcspResponder) r1 = NULL;
	g_autoptr(PkinextOcspResponder) r2 = NULL;
	g_autoptr(PkinextOcspResponder) bad = NULL;
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out1 = NULL;
	g_autofree gchar *out2 = NULL;

	/* the rogue CA signs for our CA's certificates */
	r1 = pkinext_ocsp_responder_new (rogue_ca->signer, NULL, &error);
	g_assert_no_error (error);
	g_assert_false (
		pkinext_ocsp_responder_serves (r1, pkinext_ocsp_request_get_cert_id (req, 0)));
	resp = respond (f, r1, req);
	out1 = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_DEFAULT, 1);
	assert_contains (out1, "Response Verify Failure");
	g_clear_pointer (&resp, g_bytes_unref);

	/* a responder certificate from another CA */
	r2 = pkinext_ocsp_responder_new (rogue_resp->signer, rogue_ca->cert_der, &error);
	g_assert_no_error (error);
	resp = respond (f, r2, req);
	out2 = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_DEFAULT, 1);
	assert_contains (out2, "Response Verify Failure");

	/* refused up front: not issued by the CA; issued but without OCSPSigning */
	bad = pkinext_ocsp_responder_new (rogue_resp->signer, f->ca->cert_der, &error);
	g_assert_null (bad);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	assert_contains (error->message, "not valid for this CA");
	g_clear_error (&error);
	bad = pkinext_ocsp_responder_new (no_eku->signer, f->ca->cert_der, &error);
	g_assert_null (bad);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	assert_contains (error->message, "OCSPSigning");
}

/* openssl notices a nonce that is not the request's */
static void
test_ocsp_wrong_nonce (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PkinextOcspResponder) responder =
		pkinext_ocsp_responder_new (f->ca->signer, NULL, NULL);
	const guint8 other[] = {0x04, 0x04, 1, 2, 3, 4};
	g_autoptr(GBytes) nonce = g_bytes_new_static (other, sizeof (other));
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;
	PkinextOcspSingleResponse r;

	lookup (f, pkinext_ocsp_request_get_cert_id (req, 0), &r);
	resp = pkinext_ocsp_responder_build (responder, &r, 1, nonce, 0, &error);
	g_assert_no_error (error);
	out = check_response (f, req_path, resp, certs, f->ca->cert_path, CHECK_REQIN_ONLY, 1);
	assert_contains (out, "Nonce Verify error");
}

/* a pre-signing worker: responses from serials alone, without a request */
static void
test_ocsp_presigned (Fixture *f, gconstpointer data)
{
	PktCert *certs[] = {f->good, f->revoked, NULL};
	g_autoptr(PkinextOcspResponder) responder =
		pkinext_ocsp_responder_new (f->ca->signer, NULL, NULL);
	PkinextOcspSingleResponse rs[2];
	g_autoptr(GBytes) resp = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = NULL;
	const gchar *serials[] = {"2001", "2002"};

	for (guint i = 0; i < 2; i++) {
		PkinextOcspCertId id;
		g_assert_true (pkinext_ocsp_responder_make_cert_id (responder, G_CHECKSUM_SHA1,
								    serials[i], &id, &error));
		g_assert_no_error (error);
		lookup (f, &id, &rs[i]);
	}
	resp = pkinext_ocsp_responder_build (responder, rs, 2, NULL, f->now - 30, &error);
	g_assert_no_error (error);
	out = check_response (f, NULL, resp, certs, f->ca->cert_path, CHECK_DEFAULT, 0);
	assert_contains (out, "good.pem: good");
	assert_contains (out, "revoked.pem: revoked");

	/* what a response costs beyond its signature (P-256 signs in ~40 us here) */
	{
		gint64 t0 = g_get_monotonic_time ();
		for (guint i = 0; i < 200; i++) {
			g_autoptr(GBytes) one = NULL;
			g_assert_true (pkinext_ocsp_responder_make_cert_id (
				responder, G_CHECKSUM_SHA1, "2001", &rs[0].cert_id, &error));
			one = pkinext_ocsp_responder_build (responder, rs, 1, NULL, 0, &error);
			g_assert_nonnull (one);
		}
		g_test_message ("200 single responses in %.1f ms",
				(g_get_monotonic_time () - t0) / 1000.0);
	}

	/* invalid inputs are refused */
	g_assert_false (pkinext_ocsp_responder_make_cert_id (responder, G_CHECKSUM_MD5, "01",
							     &rs[0].cert_id, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED);
	g_clear_error (&error);
	g_assert_false (pkinext_ocsp_responder_make_cert_id (responder, G_CHECKSUM_SHA1, "00",
							     &rs[0].cert_id, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	rs[1].reason = PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL;
	g_assert_null (pkinext_ocsp_responder_build (responder, rs, 2, NULL, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_assert_null (pkinext_ocsp_responder_build (responder, rs, 0, NULL, 0, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
}

/* the unsuccessful responses are fixed byte strings openssl understands */
static void
test_ocsp_error_responses (void)
{
	const struct {
		PkinextOcspResponseStatus status;
		const gchar *text;
	} cases[] = {
		{PKINEXT_OCSP_RESPONSE_STATUS_MALFORMED_REQUEST,
		 "responder error: malformedrequest (1)"},
		{PKINEXT_OCSP_RESPONSE_STATUS_INTERNAL_ERROR, "responder error: internalerror (2)"},
		{PKINEXT_OCSP_RESPONSE_STATUS_TRY_LATER, "responder error: trylater (3)"},
		{PKINEXT_OCSP_RESPONSE_STATUS_SIG_REQUIRED, "responder error: sigrequired (5)"},
		{PKINEXT_OCSP_RESPONSE_STATUS_UNAUTHORIZED, "responder error: unauthorized (6)"},
	};
	g_autofree gchar *dir = pkt_tmpdir_new ("ocsp-err");

	for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
		g_autoptr(GBytes) resp = pkinext_ocsp_response_new_error (cases[i].status);
		const guint8 expected[] = {0x30, 0x03, 0x0a, 0x01, (guint8)cases[i].status};
		g_autofree gchar *path = pkt_write_file (dir, "err.der", resp);
		const gchar *argv[] = {"openssl", "ocsp", "-respin", path, "-resp_text", NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_autofree gchar *lower = NULL;

		g_assert_cmpmem (g_bytes_get_data (resp, NULL), g_bytes_get_size (resp), expected,
				 sizeof (expected));
		pkt_run (argv, &out, &err);
		lower = g_ascii_strdown (out, -1);
		g_test_message ("%s%s", out, err);
		assert_contains (lower, cases[i].text);
	}
	pkt_tmpdir_remove (dir);
}
/* python3-cryptography's strict (Rust) DER parser reads the response back and
 * checks its signature and responderID byKey independently */
static void
test_ocsp_python (Fixture *f, gconstpointer data)
{
	const gchar *probe[] = {"python3", "-c", "import cryptography.x509.ocsp", NULL};
	const gchar *script =
		"import sys\n"
		"from cryptography import x509\n"
		"from cryptography.x509 import ocsp\n"
		"from cryptography.hazmat.primitives.asymmetric import ec\n"
		"r = ocsp.load_der_ocsp_response(open(sys.argv[1], 'rb').read())\n"
		"ca = x509.load_pem_x509_certificate(open(sys.argv[2], 'rb').read())\n"
		"ski = x509.SubjectKeyIdentifier.from_public_key(ca.public_key()).digest\n"
		"print('status', r.response_status.name)\n"
		"print('bykey', r.responder_key_hash == ski, r.responder_name)\n"
		"ca.public_key().verify(r.signature, r.tbs_response_bytes, "
		"ec.ECDSA(r.signature_hash_algorithm))\n"
		"print('signature ok')\n"
		"for s in r.responses:\n"
		"    print('single', hex(s.serial_number), s.hash_algorithm.name, "
		"s.certificate_status.name,\n"
		"          s.revocation_reason.name if s.revocation_reason else None,\n"
		"          s.next_update_utc is not None)\n"
		"for e in r.extensions:\n"
		"    print('ext', e.oid.dotted_string, e.value.nonce.hex())\n";
	PktCert *certs[] = {f->good, f->revoked, f->unknown, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, "-sha256");
	g_autoptr(PkinextOcspRequest) req = parse_request_file (req_path);
	g_autoptr(PkinextOcspResponder) responder =
		pkinext_ocsp_responder_new (f->ca->signer, NULL, NULL);
	g_autoptr(GBytes) resp = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *out = NULL;

	if (pkt_run (probe, NULL, NULL) != 0) {
		g_test_skip ("python3 cryptography is not installed");
		return;
	}
	resp = respond (f, responder, req);
	path = pkt_write_file (f->dir, "py.resp", resp);
	{
		const gchar *argv[] = {"python3", "-c", script, path, f->ca->cert_path, NULL};
		out = pkt_run_expect (0, argv);
	}
	g_test_message ("%s", out);
	assert_contains (out, "status SUCCESSFUL");
	assert_contains (out, "bykey True None");
	assert_contains (out, "signature ok");
	assert_contains (out, "single 0x2001 sha256 GOOD None True");
	assert_contains (out, "single 0x2002 sha256 REVOKED key_compromise True");
	assert_contains (out, "single 0x2003 sha256 UNKNOWN None True");
	assert_contains (out, "ext 1.3.6.1.5.5.7.48.1.2 ");
}

/* ---- hand-made requests ---------------------------------------------- */

typedef struct {
	const gchar *hash_oid; /* NULL: SHA-1 */
	gsize hash_len;	       /* 0: 20 */
	gboolean params_absent;
	guint n_requests; /* G_MAXUINT: none */
	gint version;	  /* -1: absent */
	gboolean requestor;
	gsize nonce_len; /* 0: no nonce */
	gboolean two_nonces;
	gboolean critical_unknown;
	gboolean single_ext;
	gboolean signature;
	const guint8 *serial;
	gsize serial_len;
} Craft;

static void
craft_extension (
	PkinextDerWriter *w, const gchar *oid, gboolean critical, const guint8 *v, gsize len)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, oid);
	if (critical)
		pkinext_der_put_boolean (w, TRUE);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, v, len);
	pkinext_der_end (w);
}

static void
craft_nonce (PkinextDerWriter *w, gsize len)
{
	guint8 inner[80];
	g_assert_cmpuint (len + 2, <=, sizeof (inner));
	inner[0] = 0x04;
	inner[1] = (guint8)len;
	memset (inner + 2, 0x5a, len);
	craft_extension (w, "1.3.6.1.5.5.7.48.1.2", FALSE, inner, len + 2);
}

static void
craft_request (PkinextDerWriter *w, const Craft *c, guint i)
{
	const guint8 default_serial[] = {0x20, 0x01};
	guint8 hash[64];
	const guint8 empty[] = {0x05, 0x00};

	memset (hash, (gint)i, sizeof (hash));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, c->hash_oid != NULL ? c->hash_oid : "1.3.14.3.2.26");
	if (!c->params_absent)
		pkinext_der_put_null (w);
	pkinext_der_end (w);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, hash, c->hash_len ? c->hash_len : 20);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, hash, c->hash_len ? c->hash_len : 20);
	if (c->serial != NULL)
		pkinext_der_put (w, PKINEXT_DER_INTEGER, c->serial, c->serial_len);
	else
		pkinext_der_put (w, PKINEXT_DER_INTEGER, default_serial, sizeof (default_serial));
	pkinext_der_end (w);
	if (c->single_ext) {
		pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		craft_extension (w, "1.2.3.4", FALSE, empty, sizeof (empty));
		pkinext_der_end (w);
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
}

static GBytes *
craft (const Craft *c)
{
	PkinextDerWriter w;
	guint n = c->n_requests == 0 ? 1 : (c->n_requests == G_MAXUINT ? 0 : c->n_requests);
	const guint8 empty[] = {0x05, 0x00};

	pkinext_der_writer_init (&w, 256);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	if (c->version >= 0) {
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, (guint64)c->version);
		pkinext_der_end (&w);
	}
	if (c->requestor) {
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (1));
		pkinext_der_put_string (&w, PKINEXT_DER_CONTEXT (2), "ocsp.example.test");
		pkinext_der_end (&w);
	}
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; i < n; i++)
		craft_request (&w, c, i);
	pkinext_der_end (&w);
	if (c->nonce_len > 0 || c->critical_unknown) {
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (2));
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		if (c->nonce_len > 0)
			craft_nonce (&w, c->nonce_len);
		if (c->two_nonces)
			craft_nonce (&w, c->nonce_len);
		if (c->critical_unknown)
			craft_extension (&w, "1.2.3.4", TRUE, empty, sizeof (empty));
		pkinext_der_end (&w);
		pkinext_der_end (&w);
	}
	pkinext_der_end (&w);
	if (c->signature) {
		/* Signature ::= { algorithm, signature, certs [0] OPTIONAL }: never verified */
		guint8 sig[8] = {1, 2, 3, 4, 5, 6, 7, 8};
		pkinext_der_begin (&w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_oid (&w, "1.2.840.10045.4.3.2");
		pkinext_der_end (&w);
		pkinext_der_put_bit_string (&w, sig, sizeof (sig));
		pkinext_der_end (&w);
		pkinext_der_end (&w);
	}
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

static void
expect_invalid (GBytes *der, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextOcspRequest) req = pkinext_ocsp_request_new_from_data (der, &error);

	g_assert_null (req);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	g_test_message ("%s", error->message);
	g_assert_true (g_str_has_prefix (error->message, "malformed OCSP request: "));
	assert_contains (error->message, text);
}

static void
expect_invalid_craft (const Craft *c, const gchar *text)
{
	g_autoptr(GBytes) der = craft (c);
	expect_invalid (der, text);
}

static void
test_ocsp_request_accepts (void)
{
	g_autoptr(GError) error = NULL;
	Craft c = {.version = 0,
		   .requestor = TRUE,
		   .single_ext = TRUE,
		   .signature = TRUE,
		   .nonce_len = 32,
		   .params_absent = TRUE,
		   .n_requests = 3,
		   .hash_oid = "2.16.840.1.101.3.4.2.3",
		   .hash_len = 64};
	g_autoptr(GBytes) der = craft (&c);
	g_autoptr(PkinextOcspRequest) req = pkinext_ocsp_request_new_from_data (der, &error);
	const PkinextOcspCertId *id;

	g_assert_no_error (error);
	g_assert_true (pkinext_ocsp_request_is_signed (req));
	g_assert_cmpuint (pkinext_ocsp_request_get_n_cert_ids (req), ==, 3);
	g_assert_cmpuint (g_bytes_get_size (pkinext_ocsp_request_get_nonce (req)), ==, 34);
	id = pkinext_ocsp_request_get_cert_id (req, 2);
	g_assert_cmpint (id->hash_algorithm, ==, G_CHECKSUM_SHA512);
	g_assert_true (id->hash_parameters_absent);
	g_assert_cmpuint (id->issuer_name_hash[0], ==, 2);
}

static void
test_ocsp_request_rejects (Fixture *f, gconstpointer user_data)
{
	PktCert *certs[] = {f->good, NULL};
	g_autofree gchar *req_path = make_request (f, "req.der", certs, NULL);
	g_autoptr(GBytes) good = pkt_read_file_bytes (req_path);
	gsize len = g_bytes_get_size (good);
	const guint8 *raw = g_bytes_get_data (good, NULL);
	const guint8 noise[] = "GET /ocsp HTTP/1.1\r\nHost: x\r\n\r\n";
	const guint8 indefinite[] = {0x30, 0x80, 0x30, 0x00, 0x00, 0x00};
	const guint8 neg_zero[] = {0x00, 0x01};
	const guint8 long_serial[33] = {0x01};
	g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
	g_autoptr(GBytes) truncated = g_bytes_new (raw, len - 1);
	g_autoptr(GBytes) garbage = g_bytes_new_static (noise, sizeof (noise) - 1);
	g_autoptr(GBytes) huge = NULL;
	g_autoptr(GBytes) wrapped = NULL;
	g_autoptr(GBytes) trailing = NULL;
	g_autoptr(GBytes) indef = g_bytes_new_static (indefinite, sizeof (indefinite));
	g_autoptr(GBytes) cert = g_bytes_ref (f->good->cert_der);
	PkinextDerWriter w;
	guint8 *buf;

	expect_invalid (NULL, "empty request");
	expect_invalid (empty, "empty request");
	expect_invalid (truncated, "overruns");
	expect_invalid (garbage, "DER");
	expect_invalid (indef, "indefinite length");
	/* a real request grown to 70,000 bytes */
	buf = g_malloc0 (70000);
	memcpy (buf, raw, len);
	huge = g_bytes_new_take (buf, 70000);
	expect_invalid (huge, "exceeds the limit of 65536");
	/* the request inside an OCTET STRING; a certificate instead of a request */
	pkinext_der_writer_init (&w, len + 8);
	pkinext_der_put (&w, PKINEXT_DER_OCTET_STRING, raw, len);
	wrapped = pkinext_der_writer_steal (&w);
	expect_invalid (wrapped, "expected tag 0x30, found 0x04");
	expect_invalid (cert, "malformed OCSP request");
	/* trailing garbage */
	buf = g_malloc (len + 2);
	memcpy (buf, raw, len);
	buf[len] = 0x05;
	buf[len + 1] = 0x00;
	trailing = g_bytes_new_take (buf, len + 2);
	expect_invalid (trailing, "unexpected data after the OCSPRequest");

	expect_invalid_craft (&(Craft){.version = 1}, "unsupported version");
	expect_invalid_craft (&(Craft){.version = -1, .n_requests = G_MAXUINT},
			      "requestList is empty");
	expect_invalid_craft (&(Craft){.version = -1, .n_requests = 129}, "more than 128");
	expect_invalid_craft (
		&(Craft){.version = -1, .hash_oid = "1.2.840.113549.2.5", .hash_len = 16},
		"hash algorithm 1.2.840.113549.2.5 is not supported");
	expect_invalid_craft (&(Craft){.version = -1, .hash_len = 19},
			      "issuerNameHash has 19 octets");
	expect_invalid_craft (&(Craft){.version = -1, .critical_unknown = TRUE},
			      "unsupported critical extension 1.2.3.4");
	expect_invalid_craft (&(Craft){.version = -1, .nonce_len = 33}, "nonce of 33 octets");
	expect_invalid_craft (&(Craft){.version = -1, .nonce_len = 16, .two_nonces = TRUE},
			      "duplicate nonce");
	expect_invalid_craft (&(Craft){.version = -1, .serial = neg_zero, .serial_len = 2},
			      "not minimally encoded");
	expect_invalid_craft (&(Craft){.version = -1, .serial = long_serial, .serial_len = 33},
			      "serialNumber of 33 octets");
}
int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add ("/ocsp/statuses", Fixture, NULL, fixture_setup, test_ocsp_statuses,
		    fixture_teardown);
	g_test_add ("/ocsp/no-nonce", Fixture, NULL, fixture_setup, test_ocsp_no_nonce,
		    fixture_teardown);
	g_test_add ("/ocsp/sha256", Fixture, NULL, fixture_setup, test_ocsp_sha256,
		    fixture_teardown);
	g_test_add ("/ocsp/delegated", Fixture, NULL, fixture_setup, test_ocsp_delegated,
		    fixture_teardown);
	g_test_add ("/ocsp/wrong-key", Fixture, NULL, fixture_setup, test_ocsp_wrong_key,
		    fixture_teardown);
	g_test_add ("/ocsp/wrong-nonce", Fixture, NULL, fixture_setup, test_ocsp_wrong_nonce,
		    fixture_teardown);
	g_test_add ("/ocsp/presigned", Fixture, NULL, fixture_setup, test_ocsp_presigned,
		    fixture_teardown);
	g_test_add ("/ocsp/ocsptool", Fixture, NULL, fixture_setup, test_ocsp_ocsptool,
		    fixture_teardown);
	g_test_add_func ("/ocsp/error-responses", test_ocsp_error_responses);
	g_test_add_func ("/ocsp/request-accepts", test_ocsp_request_accepts);
	g_test_add ("/ocsp/python-cryptography", Fixture, NULL, fixture_setup, test_ocsp_python,
		    fixture_teardown);
	g_test_add ("/ocsp/request-rejects", Fixture, NULL, fixture_setup,
		    test_ocsp_request_rejects, fixture_teardown);
	return g_test_run ();
}
