/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "pkinext-audit-keyring.h"
#include "pkinext-audit-record.h"

G_BEGIN_DECLS

/* prev_mac of the first record */
#define PKINEXT_AUDIT_GENESIS "GENESIS"
/* the event that starts a new key epoch: MACed with the old key, target = new key id */
#define PKINEXT_AUDIT_EVENT_KEY_ROTATED "audit.key-rotated"

#define PKINEXT_TYPE_AUDIT_CHAIN (pkinext_audit_chain_get_type ())
G_DECLARE_FINAL_TYPE (PkinextAuditChain, pkinext_audit_chain, PKINEXT, AUDIT_CHAIN, GObject)

PkinextAuditChain *pkinext_audit_chain_new (PkinextAuditKeyring *keyring) G_GNUC_WARN_UNUSED_RESULT;
gboolean pkinext_audit_chain_set_head (
	PkinextAuditChain *self, gint64 seq, const gchar *mac, const gchar *key_id, GError **error);
gint64 pkinext_audit_chain_get_head_seq (PkinextAuditChain *self);
const gchar *pkinext_audit_chain_get_head_mac (PkinextAuditChain *self);
const gchar *pkinext_audit_chain_get_key_id (PkinextAuditChain *self);

/* writing */
gboolean
pkinext_audit_chain_seal (PkinextAuditChain *self, PkinextAuditRecord *record, GError **error);
PkinextAuditRecord *pkinext_audit_chain_append (PkinextAuditChain *self,
						const gchar *event,
						const gchar *actor,
						const gchar *ca,
						const gchar *target,
						const gchar *details,
						GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextAuditRecord *pkinext_audit_chain_rotate (PkinextAuditChain *self,
						const gchar *new_key_id,
						const gchar *actor,
						GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* verifying */
gboolean pkinext_audit_chain_verify_next (PkinextAuditChain *self,
					  const PkinextAuditRecord *record,
					  GError **error);
gboolean
pkinext_audit_chain_verify_records (PkinextAuditChain *self, GPtrArray *records, GError **error);
gboolean pkinext_audit_chain_verify_end (PkinextAuditChain *self,
					 gint64 seq,
					 const gchar *mac,
					 GError **error);
gint64 pkinext_audit_chain_get_broken_seq (PkinextAuditChain *self);
const gchar *pkinext_audit_chain_get_broken_field (PkinextAuditChain *self);
const gchar *pkinext_audit_chain_get_broken_expected (PkinextAuditChain *self);
const gchar *pkinext_audit_chain_get_broken_stored (PkinextAuditChain *self);

G_END_DECLS
