/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "pkinext-signer-software.h"
#include "pkinext-test-util.h"
#include "revocation-test-util.h"

static const gchar *
key_spec_args (const gchar *key_spec, const gchar **opt)
{
	*opt = NULL;
	if (g_strcmp0 (key_spec, "ec") == 0) {
		*opt = "ec_paramgen_curve:P-256";
		return "ec";
	}
	return key_spec;
}

static PktCert *
pkt_cert_load (const gchar *cert_path, const gchar *key_path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) pem = pkt_read_file_bytes (cert_path);
	PktCert *cert = g_new0 (PktCert, 1);

	cert->cert_path = g_strdup (cert_path);
	cert->key_path = g_strdup (key_path);
	cert->cert_der = pkinext_pem_decode (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem),
					     "CERTIFICATE", &error);
	g_assert_no_error (error);
	cert->signer = pkinext_signer_software_new_from_file (key_path, NULL,
							      PKINEXT_ALGORITHM_UNKNOWN, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_signer_set_certificate (cert->signer, cert->cert_der, &error));
	g_assert_no_error (error);
	return cert;
}

PktCert *
pkt_cert_new_root (const gchar *dir, const gchar *name, const gchar *subject, const gchar *key_spec)
{
	g_autofree gchar *cfg = g_strdup_printf ("%s/%s.cnf", dir, name);
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", dir, name);
	g_autofree gchar *crt = g_strdup_printf ("%s/%s.pem", dir, name);
	const gchar *opt = NULL;
	const gchar *alg = key_spec_args (key_spec, &opt);
	g_autofree gchar *out = NULL;
	const gchar *text = "[req]\ndistinguished_name = dn\nx509_extensions = v3\nprompt = no\n"
			    "[dn]\n[v3]\nbasicConstraints = critical,CA:TRUE\n"
			    "keyUsage = critical,keyCertSign,cRLSign\n"
			    "subjectKeyIdentifier = hash\n";

	g_assert_true (g_file_set_contents (cfg, text, -1, NULL));
	if (opt != NULL) {
		const gchar *argv[] = {"openssl", "req",   "-x509",    "-config", cfg,
				       "-newkey", alg,	   "-pkeyopt", opt,	  "-nodes",
				       "-keyout", key,	   "-out",     crt,	  "-subj",
				       subject,	  "-days", "30",       NULL};
		out = pkt_run_expect (0, argv);
	} else {
		const gchar *argv[] = {"openssl", "req",    "-x509",   "-config", cfg,	  "-newkey",
				       alg,	  "-nodes", "-keyout", key,	  "-out", crt,
				       "-subj",	  subject,  "-days",   "30",	  NULL};
		out = pkt_run_expect (0, argv);
	}
	return pkt_cert_load (crt, key);
}

PktCert *
pkt_cert_issue (PktCert *ca,
		const gchar *dir,
		const gchar *name,
		const gchar *subject,
		const gchar *serial_hex,
		const gchar *extensions)
{
	g_autofree gchar *cfg = g_strdup_printf ("%s/%s.cnf", dir, name);
	g_autofree gchar *ext = g_strdup_printf ("%s/%s.ext", dir, name);
	g_autofree gchar *key = g_strdup_printf ("%s/%s.key", dir, name);
	g_autofree gchar *csr = g_strdup_printf ("%s/%s.csr", dir, name);
	g_autofree gchar *crt = g_strdup_printf ("%s/%s.pem", dir, name);
	g_autofree gchar *serial = g_strdup_printf ("0x%s", serial_hex);
	g_autofree gchar *ext_text = NULL;
	g_autofree gchar *out1 = NULL;
	g_autofree gchar *out2 = NULL;
	const gchar *argv_req[] = {"openssl", "req",	  "-new",
				   "-config", cfg,	  "-newkey",
				   "ec",      "-pkeyopt", "ec_paramgen_curve:P-256",
				   "-nodes",  "-keyout",  key,
				   "-out",    csr,	  "-subj",
				   subject,   NULL};
	const gchar *argv_x509[] = {
		"openssl", "x509",	  "-req",	 "-in",	 csr,	  "-CA", ca->cert_path,
		"-CAkey",  ca->key_path,  "-set_serial", serial, "-days", "10",	 "-extfile",
		ext,	   "-extensions", "v3",		 "-out", crt,	  NULL};

	ext_text = g_strdup_printf ("[v3]\nbasicConstraints = CA:FALSE\n"
				    "subjectKeyIdentifier = hash\n"
				    "authorityKeyIdentifier = keyid\n%s\n",
				    extensions != NULL ? extensions : "");
	g_assert_true (g_file_set_contents (
		cfg, "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n", -1, NULL));
	g_assert_true (g_file_set_contents (ext, ext_text, -1, NULL));
	out1 = pkt_run_expect (0, argv_req);
	out2 = pkt_run_expect (0, argv_x509);
	return pkt_cert_load (crt, key);
}

void
pkt_cert_free (PktCert *cert)
{
	if (cert == NULL)
		return;
	g_free (cert->cert_path);
	g_free (cert->key_path);
	g_bytes_unref (cert->cert_der);
	g_clear_object (&cert->signer);
	g_free (cert);
}

gchar *
pkt_write_file (const gchar *dir, const gchar *name, GBytes *data)
{
	g_autoptr(GError) error = NULL;
	gchar *path = g_build_filename (dir, name, NULL);

	g_file_set_contents (path, g_bytes_get_data (data, NULL), (gssize)g_bytes_get_size (data),
			     &error);
	g_assert_no_error (error);
	return path;
}
