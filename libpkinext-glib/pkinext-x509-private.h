/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parsing pieces shared by the CSR and certificate views (and anyone else reading X.509).
 */
#pragma once

#include "pkinext-algorithm.h"
#include "pkinext-der-private.h"

G_BEGIN_DECLS

/*
 * Key type and size of a SubjectPublicKeyInfo TLV (rsaEncryption, id-RSASSA-PSS, id-ecPublicKey
 * on P-256/384/521, Ed25519). @bits (nullable): RSA modulus bits, 256/384/521, or 255.
 * INVALID_DATA if malformed, NOT_SUPPORTED for other keys or curves.
 */
gboolean
pkinext_spki_get_key_type (const guint8 *spki,
			   gsize len,
			   PkinextKeyType *key_type,
			   guint *bits,
			   GError **error);

/*
 * The algorithm of a signature AlgorithmIdentifier TLV (for RSASSA-PSS the hash is read from
 * the parameters). NOT_SUPPORTED with the OID in the message for unknown algorithms;
 * INVALID_DATA for malformed parameters. @pss_salt (nullable) gets the PSS salt length
 * (0 for non-PSS).
 */
gboolean
pkinext_x509_parse_signature_algorithm (const PkinextDerElement *alg_id,
					PkinextAlgorithm *alg,
					guint *pss_salt,
					GError **error);

/*
 * Finds @oid in an Extensions SEQUENCE (@der/@len: the SEQUENCE TLV). Returns TRUE and fills
 * @value (extnValue contents) and @critical if present; FALSE if absent or malformed.
 */
gboolean
pkinext_x509_find_extension (const guint8 *der,
			     gsize len,
			     const gchar *oid,
			     PkinextDerElement *value,
			     gboolean *critical);

/*
 * Checks that an Extensions SEQUENCE is well formed and has no duplicate OIDs (INVALID_DATA).
 */
gboolean
pkinext_x509_check_extensions (const guint8 *der, gsize len, GError **error);

/* SHA-1 of the subjectPublicKey BIT STRING contents of an SPKI TLV (RFC 5280 key id), or NULL */
GBytes *
pkinext_spki_key_id (const guint8 *spki, gsize len);

G_END_DECLS
