/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextRevocation"

#include "config.h"

#include <string.h>

#include "pkinext-error.h"
#include "pkinext-revocation-private.h"

typedef struct {
	PkinextRevocationReason reason;
	const gchar *name;  /* RFC 5280 ASN.1 name */
	const gchar *alias; /* kebab-case, for configuration and CLIs */
} ReasonName;

static const ReasonName reason_names[] = {
	{PKINEXT_REVOCATION_REASON_UNSPECIFIED, "unspecified", "unspecified"},
	{PKINEXT_REVOCATION_REASON_KEY_COMPROMISE, "keyCompromise", "key-compromise"},
	{PKINEXT_REVOCATION_REASON_CA_COMPROMISE, "cACompromise", "ca-compromise"},
	{PKINEXT_REVOCATION_REASON_AFFILIATION_CHANGED, "affiliationChanged",
	 "affiliation-changed"},
	{PKINEXT_REVOCATION_REASON_SUPERSEDED, "superseded", "superseded"},
	{PKINEXT_REVOCATION_REASON_CESSATION_OF_OPERATION, "cessationOfOperation",
	 "cessation-of-operation"},
	{PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD, "certificateHold", "certificate-hold"},
	{PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL, "removeFromCRL", "remove-from-crl"},
	{PKINEXT_REVOCATION_REASON_PRIVILEGE_WITHDRAWN, "privilegeWithdrawn",
	 "privilege-withdrawn"},
	{PKINEXT_REVOCATION_REASON_AA_COMPROMISE, "aACompromise", "aa-compromise"},
};

/**
 * pkinext_revocation_reason_is_valid:
 * @code: a CRLReason code
 *
 * Returns: %TRUE if @code is one of the RFC 5280 reason codes (0-6, 8-10)
 */
gboolean
pkinext_revocation_reason_is_valid (gint code)
{
	return code >= 0 && code <= 10 && code != 7;
}

/**
 * pkinext_revocation_reason_to_string:
 * @reason: a reason
 *
 * Returns: the RFC 5280 name ("keyCompromise", "cACompromise"...), or %NULL if
 *   @reason is not a valid code
 */
const gchar *
pkinext_revocation_reason_to_string (PkinextRevocationReason reason)
{
	for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++) {
		if (reason_names[i].reason == reason)
			return reason_names[i].name;
	}
	return NULL;
}

/**
 * pkinext_revocation_reason_from_string:
 * @str: an RFC 5280 name ("keyCompromise"), a kebab-case alias ("key-compromise"),
 *   both case-insensitive, or the decimal code ("1")
 * @reason: (out): the reason
 * @error: return location
 *
 * Returns: %TRUE if @str names a reason; else %PKINEXT_ERROR_INVALID_ARGUMENT
 */
gboolean
pkinext_revocation_reason_from_string (const gchar *str,
				       PkinextRevocationReason *reason,
				       GError **error)
{
	guint64 code = 0;

	if (str != NULL) {
		for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++) {
			if (g_ascii_strcasecmp (str, reason_names[i].name) == 0 ||
			    g_ascii_strcasecmp (str, reason_names[i].alias) == 0) {
				*reason = reason_names[i].reason;
				return TRUE;
			}
		}
		if (g_ascii_string_to_unsigned (str, 10, 0, 10, &code, NULL) &&
		    pkinext_revocation_reason_is_valid ((gint)code)) {
			*reason = (PkinextRevocationReason)code;
			return TRUE;
		}
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
		     "unknown revocation reason '%s' (expected one of unspecified, keyCompromise, "
		     "cACompromise, affiliationChanged, superseded, cessationOfOperation, "
		     "certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise or the "
		     "code 0-10 except 7)",
		     str != NULL ? str : "(null)");
	return FALSE;
}

/* ---- hashes ------------------------------------------------------------- */

gsize
pkinext_revocation_checksum_length (GChecksumType hash)
{
	switch (hash) {
	case G_CHECKSUM_SHA1:
		return 20;
	case G_CHECKSUM_SHA256:
		return 32;
	case G_CHECKSUM_SHA384:
		return 48;
	case G_CHECKSUM_SHA512:
		return 64;
	default:
		return 0;
	}
}

const gchar *
pkinext_revocation_checksum_oid (GChecksumType hash)
{
	switch (hash) {
	case G_CHECKSUM_SHA1:
		return PKINEXT_OID_SHA1;
	case G_CHECKSUM_SHA256:
		return PKINEXT_OID_SHA256;
	case G_CHECKSUM_SHA384:
		return PKINEXT_OID_SHA384;
	case G_CHECKSUM_SHA512:
		return PKINEXT_OID_SHA512;
	default:
		return NULL;
	}
}

/* @out must hold pkinext_revocation_checksum_length (@hash) octets */
void
pkinext_revocation_checksum_digest (GChecksumType hash, const guint8 *data, gsize len, guint8 *out)
{
	g_autoptr(GChecksum) sum = g_checksum_new (hash);
	gsize out_len = pkinext_revocation_checksum_length (hash);

	g_checksum_update (sum, data, (gssize)len);
	g_checksum_get_digest (sum, out, &out_len);
}

gboolean
pkinext_revocation_key_hash (
	GBytes *spki, GChecksumType hash, guint8 *out, gsize *out_len, GError **error)
{
	PkinextDerReader r;
	PkinextDerReader inner;
	PkinextDerElement el;
	gsize len = 0;
	const guint8 *data = g_bytes_get_data (spki, &len);

	pkinext_der_reader_init (&r, data, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	pkinext_der_reader_enter (&r, &el, &inner);
	if (!pkinext_der_read_expect (&inner, PKINEXT_DER_SEQUENCE, &el, error) ||
	    !pkinext_der_read_expect (&inner, PKINEXT_DER_BIT_STRING, &el, error)) {
		g_prefix_error (error, "parsing SubjectPublicKeyInfo: ");
		return FALSE;
	}
	if (el.len < 1 || el.content[0] != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "parsing SubjectPublicKeyInfo: subjectPublicKey has unused bits");
		return FALSE;
	}
	pkinext_revocation_checksum_digest (hash, el.content + 1, el.len - 1, out);
	*out_len = pkinext_revocation_checksum_length (hash);
	return TRUE;
}

/* ---- serial numbers ----------------------------------------------------- */

gboolean
pkinext_revocation_serial_check (const guint8 *be, gsize len, GError **error)
{
	gsize i = 0;

	while (i < len && be[i] == 0)
		i++;
	if (i == len) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "serial number must be positive (RFC 5280 4.1.2.2)");
		return FALSE;
	}
	/* 20 octets as a DER INTEGER: a magnitude of 20 octets fits only if its high bit is clear
	 */
	if (len - i > 20 || (len - i == 20 && (be[i] & 0x80))) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "serial number longer than 20 octets (RFC 5280 4.1.2.2)");
		return FALSE;
	}
	return TRUE;
}

gboolean
pkinext_revocation_serial_from_hex (const gchar *hex,
				    guint8 out[20],
				    gsize *out_len,
				    GError **error)
{
	guint8 tmp[40];
	gsize n = 0;
	gsize digits = 0;
	gsize skip = 0;
	g_autofree gchar *clean = NULL;

	if (hex == NULL)
		hex = "";
	if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
		hex += 2;
	clean = g_new0 (gchar, strlen (hex) + 2);
	for (const gchar *p = hex; *p != '\0'; p++) {
		if (*p == ':')
			continue;
		if (!g_ascii_isxdigit (*p) || digits >= 2 * sizeof (tmp) - 1) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "invalid serial number '%s': expected up to 40 hex digits",
				     hex);
			return FALSE;
		}
		clean[digits++] = *p;
	}
	/* odd number of digits: the first octet has one digit */
	for (gsize i = 0; i < digits;) {
		guint v = 0;
		guint take = (i == 0 && digits % 2 == 1) ? 1 : 2;
		for (guint k = 0; k < take; k++)
			v = (v << 4) | (guint)g_ascii_xdigit_value (clean[i + k]);
		tmp[n++] = (guint8)v;
		i += take;
	}
	if (!pkinext_revocation_serial_check (tmp, n, error)) {
		g_prefix_error (error, "serial number '%s': ", hex);
		return FALSE;
	}
	/* drop leading zero octets */
	while (skip < n && tmp[skip] == 0)
		skip++;
	memcpy (out, tmp + skip, n - skip);
	*out_len = n - skip;
	return TRUE;
}
