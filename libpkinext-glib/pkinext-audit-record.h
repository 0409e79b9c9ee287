/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* "2026-11-23T19:08:01.123456Z": always UTC, always 6 fractional digits */
#define PKINEXT_AUDIT_TIMESTAMP_LENGTH 27

/**
 * PkinextAuditRecord:
 * @seq: position in the chain, 1 for the first record
 * @timestamp: UTC time, exactly as MACed (see pkinext_audit_timestamp_format())
 * @key_id: id of the key that MACs this record (see #PkinextAuditKeyring)
 * @event: what happened, e.g. "certificate.issued"
 * @actor: who did it (principal name, "system")
 * @ca: the CA concerned, or ""
 * @target: the object concerned (serial, request id, profile name...), or ""
 * @details: free text (the daemon writes a JSON object), or ""
 * @prev_mac: @mac of the previous record, "GENESIS" for the first record
 * @mac: lowercase hex HMAC-SHA256 over pkinext_audit_record_canonical()
 *
 * One record of the tamper-evident audit log. Strings are never %NULL once a record is
 * sealed by pkinext_audit_chain_seal(); a store keeps every field as text, unchanged.
 */
typedef struct {
	gint64 seq;
	gchar *timestamp;
	gchar *key_id;
	gchar *event;
	gchar *actor;
	gchar *ca;
	gchar *target;
	gchar *details;
	gchar *prev_mac;
	gchar *mac;
} PkinextAuditRecord;

#define PKINEXT_TYPE_AUDIT_RECORD (pkinext_audit_record_get_type ())

GType pkinext_audit_record_get_type (void);
PkinextAuditRecord *pkinext_audit_record_new (const gchar *event,
					      const gchar *actor,
					      const gchar *ca,
					      const gchar *target,
					      const gchar *details) G_GNUC_WARN_UNUSED_RESULT;
PkinextAuditRecord *
pkinext_audit_record_copy (const PkinextAuditRecord *record) G_GNUC_WARN_UNUSED_RESULT;
void pkinext_audit_record_free (PkinextAuditRecord *record);
gchar *pkinext_audit_record_canonical (const PkinextAuditRecord *record,
				       gsize *length) G_GNUC_WARN_UNUSED_RESULT;

gchar *pkinext_audit_timestamp_format (GDateTime *time) G_GNUC_WARN_UNUSED_RESULT;
gchar *pkinext_audit_timestamp_now (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean pkinext_audit_timestamp_check (const gchar *timestamp, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkinextAuditRecord, pkinext_audit_record_free)

G_END_DECLS
