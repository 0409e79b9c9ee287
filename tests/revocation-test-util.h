/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Test CAs and certificates made with openssl, for the CRL and OCSP tests.
 */
#pragma once

#include "pkinext.h"

G_BEGIN_DECLS

typedef struct {
	gchar *cert_path; /* PEM */
	gchar *key_path;  /* PKCS#8 PEM */
	GBytes *cert_der;
	PkinextSigner *signer; /* the key, with the certificate set */
} PktCert;

/* a self-signed CA; @key_spec: "ec" (P-256), "rsa:2048" or "ed25519" */
PktCert *
pkt_cert_new_root (const gchar *dir,
		   const gchar *name,
		   const gchar *subject,
		   const gchar *key_spec);
/* a P-256 certificate issued by @ca with @serial_hex; @extensions: extra openssl
 * extension lines ("extendedKeyUsage=OCSPSigning\n...") or NULL */
PktCert *
pkt_cert_issue (PktCert *ca,
		const gchar *dir,
		const gchar *name,
		const gchar *subject,
		const gchar *serial_hex,
		const gchar *extensions);
void
pkt_cert_free (PktCert *cert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PktCert, pkt_cert_free)

/* writes @data to @dir/@name and returns the path */
gchar *
pkt_write_file (const gchar *dir, const gchar *name, GBytes *data);

G_END_DECLS
