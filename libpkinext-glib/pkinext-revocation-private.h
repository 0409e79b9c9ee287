/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Helpers shared by the CRL builder and the OCSP code: key hashes, digests and
 * serial numbers.
 */
#pragma once

#include <glib.h>

#include "pkinext-der-private.h"
#include "pkinext-revocation.h"

G_BEGIN_DECLS

#define PKINEXT_OID_SHA1   "1.3.14.3.2.26"
#define PKINEXT_OID_SHA256 "2.16.840.1.101.3.4.2.1"
#define PKINEXT_OID_SHA384 "2.16.840.1.101.3.4.2.2"
#define PKINEXT_OID_SHA512 "2.16.840.1.101.3.4.2.3"

/* the hash of the subjectPublicKey BIT STRING contents (no tag, length or unused-bits
 * octet): RFC 5280 4.2.1.2 method (1) with SHA-1, and OCSP issuerKeyHash / KeyHash */
gboolean
pkinext_revocation_key_hash (GBytes *spki,
			     GChecksumType hash,
			     guint8 *out,
			     gsize *out_len,
			     GError **error);

/* digest helpers for GChecksumType */
gsize
pkinext_revocation_checksum_length (GChecksumType hash);
const gchar *
pkinext_revocation_checksum_oid (GChecksumType hash);
void
pkinext_revocation_checksum_digest (GChecksumType hash, const guint8 *data, gsize len, guint8 *out);

/* decodes a serial number given in hex (optional "0x", optional ':' separators) into
 * big-endian magnitude octets; checks RFC 5280 4.1.2.2 (positive, at most 20 octets) */
gboolean
pkinext_revocation_serial_from_hex (const gchar *hex,
				    guint8 out[20],
				    gsize *out_len,
				    GError **error);
gboolean
pkinext_revocation_serial_check (const guint8 *be, gsize len, GError **error);

G_END_DECLS
