/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextAudit"

#include "config.h"

#include <string.h>

#include "pkinext-audit-record.h"
#include "pkinext-error.h"

G_DEFINE_BOXED_TYPE (PkinextAuditRecord,
		     pkinext_audit_record,
		     pkinext_audit_record_copy,
		     pkinext_audit_record_free)

/* the version tag that starts every canonical form: change it if the format changes */
#define AUDIT_CANONICAL_TAG "pkinext-audit-v1"

/**
 * pkinext_audit_record_new:
 * @event: what happened
 * @actor: (nullable): who did it
 * @ca: (nullable): the CA concerned
 * @target: (nullable): the object concerned
 * @details: (nullable): free text
 *
 * Creates an unsealed record; pkinext_audit_chain_seal() fills in the sequence number,
 * timestamp (unless already set), key id and MACs.
 *
 * Returns: (transfer full): a new record
 */
PkinextAuditRecord *
pkinext_audit_record_new (const gchar *event,
			  const gchar *actor,
			  const gchar *ca,
			  const gchar *target,
			  const gchar *details)
{
	PkinextAuditRecord *record = g_new0 (PkinextAuditRecord, 1);

	record->event = g_strdup (event != NULL ? event : "");
	record->actor = g_strdup (actor != NULL ? actor : "");
	record->ca = g_strdup (ca != NULL ? ca : "");
	record->target = g_strdup (target != NULL ? target : "");
	record->details = g_strdup (details != NULL ? details : "");
	return record;
}

/**
 * pkinext_audit_record_copy:
 * @record: a record
 *
 * Returns: (transfer full): a deep copy of @record
 */
PkinextAuditRecord *
pkinext_audit_record_copy (const PkinextAuditRecord *record)
{
	PkinextAuditRecord *copy = g_new0 (PkinextAuditRecord, 1);

	copy->seq = record->seq;
	copy->timestamp = g_strdup (record->timestamp);
	copy->key_id = g_strdup (record->key_id);
	copy->event = g_strdup (record->event);
	copy->actor = g_strdup (record->actor);
	copy->ca = g_strdup (record->ca);
	copy->target = g_strdup (record->target);
	copy->details = g_strdup (record->details);
	copy->prev_mac = g_strdup (record->prev_mac);
	copy->mac = g_strdup (record->mac);
	return copy;
}

/**
 * pkinext_audit_record_free:
 * @record: (nullable): a record
 */
void
pkinext_audit_record_free (PkinextAuditRecord *record)
{
	if (record == NULL)
		return;
	g_free (record->timestamp);
	g_free (record->key_id);
	g_free (record->event);
	g_free (record->actor);
	g_free (record->ca);
	g_free (record->target);
	g_free (record->details);
	g_free (record->prev_mac);
	g_free (record->mac);
	g_free (record);
}

static void
canonical_put (GString *out, const gchar *value)
{
	gsize len = value != NULL ? strlen (value) : 0;

	/* "|<byte length>:<value>": the length prefix makes field injection impossible,
	 * whatever bytes a value holds (delimiters, newlines, digits) */
	g_string_append_printf (out, "|%" G_GSIZE_FORMAT ":", len);
	if (len > 0)
		g_string_append_len (out, value, (gssize)len);
}

/**
 * pkinext_audit_record_canonical:
 * @record: a record
 * @length: (out) (optional): length of the result
 *
 * The exact bytes the MAC covers: a version tag, then seq, timestamp, key id, event,
 * actor, ca, target, details and prev_mac, each length-prefixed. @mac is not included.
 *
 * Returns: (transfer full): the canonical form
 */
gchar *
pkinext_audit_record_canonical (const PkinextAuditRecord *record, gsize *length)
{
	GString *out = g_string_sized_new (256);
	gchar seq[32];

	g_string_append (out, AUDIT_CANONICAL_TAG);
	g_snprintf (seq, sizeof (seq), "%" G_GINT64_FORMAT, record->seq);
	canonical_put (out, seq);
	canonical_put (out, record->timestamp);
	canonical_put (out, record->key_id);
	canonical_put (out, record->event);
	canonical_put (out, record->actor);
	canonical_put (out, record->ca);
	canonical_put (out, record->target);
	canonical_put (out, record->details);
	canonical_put (out, record->prev_mac);
	if (length != NULL)
		*length = out->len;
	return g_string_free (out, FALSE);
}

/**
 * pkinext_audit_timestamp_format:
 * @time: a time in any zone
 *
 * Formats @time in UTC with exactly six fractional digits, e.g.
 * "2026-11-23T19:08:01.120000Z". This string is what gets MACed and stored.
 *
 * Returns: (transfer full): the timestamp
 */
gchar *
pkinext_audit_timestamp_format (GDateTime *time)
{
	g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

	return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", g_date_time_get_year (utc),
				g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
				g_date_time_get_hour (utc), g_date_time_get_minute (utc),
				g_date_time_get_second (utc), g_date_time_get_microsecond (utc));
}

/**
 * pkinext_audit_timestamp_now:
 *
 * Returns: (transfer full): the current time, formatted by pkinext_audit_timestamp_format()
 */
gchar *
pkinext_audit_timestamp_now (void)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

	return pkinext_audit_timestamp_format (now);
}

static gboolean
timestamp_shape_ok (const gchar *ts)
{
	static const gchar shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";

	if (strlen (ts) != PKINEXT_AUDIT_TIMESTAMP_LENGTH)
		return FALSE;
	for (guint i = 0; i < PKINEXT_AUDIT_TIMESTAMP_LENGTH; i++) {
		if (shape[i] == 'd' ? !g_ascii_isdigit (ts[i]) : ts[i] != shape[i])
			return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_audit_timestamp_check:
 * @timestamp: a string
 * @error: return location
 *
 * Checks that @timestamp has the one accepted form ("YYYY-MM-DDTHH:MM:SS.ffffffZ",
 * six fractional digits, UTC) and names a real date and time.
 *
 * Returns: %TRUE if well-formed
 */
gboolean
pkinext_audit_timestamp_check (const gchar *timestamp, GError **error)
{
	guint year, month, day, hour, minute, second;

	if (timestamp == NULL || !timestamp_shape_ok (timestamp)) {
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			"audit timestamp \"%s\" is not of the form YYYY-MM-DDTHH:MM:SS.ffffffZ",
			timestamp != NULL ? timestamp : "(null)");
		return FALSE;
	}
	/* integer fields only: no floating point anywhere near the fraction */
	year = (guint)g_ascii_strtoull (timestamp, NULL, 10);
	month = (guint)g_ascii_strtoull (timestamp + 5, NULL, 10);
	day = (guint)g_ascii_strtoull (timestamp + 8, NULL, 10);
	hour = (guint)g_ascii_strtoull (timestamp + 11, NULL, 10);
	minute = (guint)g_ascii_strtoull (timestamp + 14, NULL, 10);
	second = (guint)g_ascii_strtoull (timestamp + 17, NULL, 10);
	if (year < 1 || !g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year) ||
	    hour > 23 || minute > 59 || second > 59) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "audit timestamp \"%s\" is not a valid date and time", timestamp);
		return FALSE;
	}
	return TRUE;
}
