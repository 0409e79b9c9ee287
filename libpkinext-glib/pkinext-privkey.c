/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextPrivkey"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gnutls/x509.h>
#include <string.h>
#include <unistd.h>

#include "pkinext-error.h"
#include "pkinext-privkey-private.h"

/* PEM or DER; PKCS#8 (encrypted with @passphrase or not), PKCS#1, SEC1 */
gnutls_privkey_t
pkinext_privkey_load (GBytes *data, const gchar *passphrase, const gchar *source, GError **error)
{
	gnutls_x509_privkey_t x509 = NULL;
	gnutls_privkey_t key = NULL;
	gsize len = 0;
	gnutls_datum_t d;
	int rc;

	d.data = (guint8 *)g_bytes_get_data (data, &len);
	d.size = (guint)len;
	gnutls_x509_privkey_init (&x509);
	rc = gnutls_x509_privkey_import2 (x509,
					  &d,
					  g_strstr_len ((const gchar *)d.data, (gssize)d.size, "-----BEGIN") != NULL
					      ? GNUTLS_X509_FMT_PEM
					      : GNUTLS_X509_FMT_DER,
					  passphrase,
					  0);
	if (rc < 0) {
		gnutls_x509_privkey_deinit (x509);
		pkinext_error_set_gnutls (error,
					  rc,
					  "loading key %s%s",
					  source,
					  passphrase == NULL ? " (if it is encrypted, give its passphrase)"
							     : "");
		return NULL;
	}
	gnutls_privkey_init (&key);
	rc = gnutls_privkey_import_x509 (key, x509, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE);
	if (rc < 0) {
		gnutls_x509_privkey_deinit (x509);
		gnutls_privkey_deinit (key);
		pkinext_error_set_gnutls (error, rc, "importing key %s", source);
		return NULL;
	}
	return key;
}

gnutls_privkey_t
pkinext_privkey_generate (PkinextKeyType key_type, guint bits, GError **error)
{
	gnutls_privkey_t key = NULL;
	gnutls_pk_algorithm_t pk;
	guint gen_bits = bits;
	int rc;

	switch (key_type) {
	case PKINEXT_KEY_TYPE_EC_P256:
		pk = GNUTLS_PK_ECDSA;
		gen_bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1);
		break;
	case PKINEXT_KEY_TYPE_EC_P384:
		pk = GNUTLS_PK_ECDSA;
		gen_bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP384R1);
		break;
	case PKINEXT_KEY_TYPE_EC_P521:
		pk = GNUTLS_PK_ECDSA;
		gen_bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP521R1);
		break;
	case PKINEXT_KEY_TYPE_ED25519:
		pk = GNUTLS_PK_EDDSA_ED25519;
		gen_bits = GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519);
		break;
	case PKINEXT_KEY_TYPE_RSA:
		pk = GNUTLS_PK_RSA;
		if (bits == 0)
			gen_bits = 3072;
		if (gen_bits < 2048 || gen_bits > 8192) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_POLICY,
				     "RSA keys must have 2048 to 8192 bits, not %u",
				     gen_bits);
			return NULL;
		}
		break;
	default:
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_NOT_SUPPORTED,
			     "cannot generate %s keys in software on this platform",
			     pkinext_key_type_to_string (key_type));
		return NULL;
	}
	gnutls_privkey_init (&key);
	rc = gnutls_privkey_generate2 (key, pk, gen_bits, 0, NULL, 0);
	if (rc < 0) {
		gnutls_privkey_deinit (key);
		pkinext_error_set_gnutls (error,
					  rc,
					  "generating a %s key",
					  pkinext_key_type_to_string (key_type));
		return NULL;
	}
	return key;
}

/* PEM PKCS#8; encrypted with AES-256 (PBES2) when @passphrase is set */
gchar *
pkinext_privkey_export_pkcs8 (gnutls_privkey_t key, const gchar *passphrase, GError **error)
{
	gnutls_x509_privkey_t x509 = NULL;
	gnutls_datum_t out = {NULL, 0};
	gchar *pem;
	int rc;

	rc = gnutls_privkey_export_x509 (key, &x509);
	if (rc < 0) {
		pkinext_error_set_gnutls (error, rc, "this key cannot be exported");
		return NULL;
	}
	rc = gnutls_x509_privkey_export2_pkcs8 (x509,
						GNUTLS_X509_FMT_PEM,
						passphrase,
						passphrase != NULL ? GNUTLS_PKCS_PBES2_AES_256
								   : GNUTLS_PKCS_PLAIN,
						&out);
	gnutls_x509_privkey_deinit (x509);
	if (rc < 0) {
		pkinext_error_set_gnutls (error, rc, "exporting the key as PKCS#8");
		return NULL;
	}
	pem = g_strndup ((const gchar *)out.data, out.size);
	gnutls_memset (out.data, 0, out.size);
	gnutls_free (out.data);
	return pem;
}

gnutls_pubkey_t
pkinext_privkey_get_pubkey (gnutls_privkey_t key, GError **error)
{
	gnutls_pubkey_t pub = NULL;
	int rc;

	gnutls_pubkey_init (&pub);
	rc = gnutls_pubkey_import_privkey (pub, key, 0, 0);
	if (rc < 0) {
		gnutls_pubkey_deinit (pub);
		pkinext_error_set_gnutls (error, rc, "deriving the public key");
		return NULL;
	}
	return pub;
}

/* writes the PKCS#8 PEM to a new file, mode 0600, refusing to overwrite */
gboolean
pkinext_privkey_save (gnutls_privkey_t key, const gchar *path, const gchar *passphrase, GError **error)
{
	g_autofree gchar *pem = NULL;
	gssize len;
	gssize written;
	int fd;

	pem = pkinext_privkey_export_pkcs8 (key, passphrase, error);
	if (pem == NULL)
		return FALSE;
	len = (gssize)strlen (pem);
	fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		gint saved = errno;
		gnutls_memset (pem, 0, (size_t)len);
		g_set_error (error,
			     PKINEXT_ERROR,
			     saved == EEXIST ? PKINEXT_ERROR_ALREADY_EXISTS : PKINEXT_ERROR_FAILED,
			     "creating key file %s: %s",
			     path,
			     g_strerror (saved));
		return FALSE;
	}
	written = write (fd, pem, (size_t)len);
	gnutls_memset (pem, 0, (size_t)len);
	if (written != len || fsync (fd) != 0) {
		gint saved = errno;
		close (fd);
		g_unlink (path);
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_FAILED,
			     "writing key file %s: %s",
			     path,
			     g_strerror (saved));
		return FALSE;
	}
	close (fd);
	return TRUE;
}

gnutls_privkey_t
pkinext_privkey_load_file (const gchar *path, const gchar *passphrase, GError **error)
{
	g_autofree gchar *contents = NULL;
	g_autoptr(GBytes) data = NULL;
	gnutls_privkey_t privkey;
	gsize len = 0;

	if (!g_file_get_contents (path, &contents, &len, error)) {
		g_prefix_error (error, "loading key: ");
		return NULL;
	}
	data = g_bytes_new_static (contents, len);
	privkey = pkinext_privkey_load (data, passphrase, path, error);
	gnutls_memset (contents, 0, len);
	return privkey;
}
