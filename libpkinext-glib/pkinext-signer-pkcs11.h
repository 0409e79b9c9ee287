/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-pkcs11-token.h"
#include "pkinext-signer.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_SIGNER_PKCS11 (pkinext_signer_pkcs11_get_type ())
G_DECLARE_FINAL_TYPE (
	PkinextSignerPkcs11, pkinext_signer_pkcs11, PKINEXT, SIGNER_PKCS11, PkinextSigner)

/**
 * PkinextPkcs11PoolStats:
 * @size: sessions in the pool
 * @in_use: sessions signing right now
 * @peak_in_use: the most sessions ever signing at the same time
 * @signatures: signatures made
 * @recoveries: sessions reopened after a session, login or token loss
 *
 * A snapshot of a PKCS#11 signer's session pool.
 */
typedef struct {
	guint size;
	guint in_use;
	guint peak_in_use;
	guint64 signatures;
	guint64 recoveries;
} PkinextPkcs11PoolStats;

PkinextSigner *pkinext_signer_pkcs11_new (const PkinextPkcs11Options *opts,
					  GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextPkcs11Token *pkinext_signer_pkcs11_get_token (PkinextSignerPkcs11 *self);
const gchar *pkinext_signer_pkcs11_get_key_uri (PkinextSignerPkcs11 *self);
void pkinext_signer_pkcs11_get_pool_stats (PkinextSignerPkcs11 *self,
					   PkinextPkcs11PoolStats *stats);

G_END_DECLS
