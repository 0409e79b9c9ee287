/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Small helpers of the store: time, argument checks, audit details as JSON.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include <string.h>

#include "pkd-store-private.h"
#include "pkinext-error.h"

#define STORE_DEFAULT_LIMIT 100
#define STORE_MAX_LIMIT	    10000
/* X.509 serials are at most 20 octets */
#define STORE_MAX_SERIAL_HEX 40

gint64
pkd_store_now (void)
{
	return g_get_real_time () / G_USEC_PER_SEC;
}

guint
pkd_store_clamp_limit (guint limit)
{
	if (limit == 0)
		return STORE_DEFAULT_LIMIT;
	return MIN (limit, STORE_MAX_LIMIT);
}

gboolean
pkd_store_check_text (const gchar *what, const gchar *value, GError **error)
{
	if (value == NULL || value[0] == '\0') {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT, "%s is missing",
			     what);
		return FALSE;
	}
	if (!g_utf8_validate (value, -1, NULL)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "%s is not valid UTF-8", what);
		return FALSE;
	}
	return TRUE;
}

/* the canonical form: lowercase hex, whole octets, at most 20 of them */
gboolean
pkd_store_check_serial (const gchar *serial, GError **error)
{
	gsize len = serial != NULL ? strlen (serial) : 0;
	gboolean ok = len > 0 && len % 2 == 0 && len <= STORE_MAX_SERIAL_HEX;

	for (gsize i = 0; ok && i < len; i++)
		ok = g_ascii_isdigit (serial[i]) || (serial[i] >= 'a' && serial[i] <= 'f');
	if (!ok) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "serial \"%s\" is not lowercase hex of whole octets (at most 20)",
			     serial != NULL ? serial : "");
	}
	return ok;
}

/* for look-ups: accepts upper case and a missing leading zero nibble */
gchar *
pkd_store_normalize_serial (const gchar *serial)
{
	g_autofree gchar *lower = g_ascii_strdown (serial != NULL ? serial : "", -1);

	if (strlen (lower) % 2 == 1)
		return g_strconcat ("0", lower, NULL);
	return g_steal_pointer (&lower);
}

static void
json_put_string (GString *out, const gchar *value)
{
	g_string_append_c (out, '"');
	for (const guchar *p = (const guchar *)value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_printf (out, "\\%c", *p);
		else if (*p < 0x20)
			g_string_append_printf (out, "\\u%04x", *p);
		else
			g_string_append_c (out, (gchar)*p);
	}
	g_string_append_c (out, '"');
}

/**
 * pkd_store_json:
 * @first_key: first key, followed by its value, then more key/value pairs, then %NULL
 *
 * Builds a flat JSON object of string values for audit details; pairs whose value is
 * %NULL are left out.
 *
 * Returns: (transfer full): the JSON text
 */
gchar *
pkd_store_json (const gchar *first_key, ...)
{
	GString *out = g_string_new ("{");
	gboolean first = TRUE;
	const gchar *key = first_key;
	va_list ap;

	va_start (ap, first_key);
	while (key != NULL) {
		const gchar *value = va_arg (ap, const gchar *);
		if (value != NULL) {
			if (!first)
				g_string_append_c (out, ',');
			json_put_string (out, key);
			g_string_append_c (out, ':');
			json_put_string (out, value);
			first = FALSE;
		}
		key = va_arg (ap, const gchar *);
	}
	va_end (ap);
	g_string_append_c (out, '}');
	return g_string_free (out, FALSE);
}
