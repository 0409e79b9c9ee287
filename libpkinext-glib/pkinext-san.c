/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Subject Alternative Names: the boxed type, text forms, validation and the DER side
 * (GeneralNames, pkinext-san-private.h).
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-name.h"
#include "pkinext-san-private.h"

G_DEFINE_BOXED_TYPE (PkinextSan, pkinext_san, pkinext_san_copy, pkinext_san_free)

static const gchar *const san_type_names[] = {
	[PKINEXT_SAN_DNS] = "dns",     [PKINEXT_SAN_IP] = "ip",
	[PKINEXT_SAN_EMAIL] = "email", [PKINEXT_SAN_URI] = "uri",
	[PKINEXT_SAN_UPN] = "upn",     [PKINEXT_SAN_KRB5_PRINCIPAL] = "krb5",
	[PKINEXT_SAN_OTHER] = "other",
};

/**
 * pkinext_san_new:
 * @type: the kind of name
 * @value: the name as text; not validated (see pkinext_san_validate())
 *
 * Returns: (transfer full): a new #PkinextSan
 */
PkinextSan *
pkinext_san_new (PkinextSanType type, const gchar *value)
{
	PkinextSan *san = g_new0 (PkinextSan, 1);
	san->type = type;
	san->value = g_strdup (value != NULL ? value : "");
	return san;
}

/**
 * pkinext_san_copy:
 * @san: a #PkinextSan
 *
 * Returns: (transfer full): a copy of @san
 */
PkinextSan *
pkinext_san_copy (const PkinextSan *san)
{
	return pkinext_san_new (san->type, san->value);
}

void
pkinext_san_free (PkinextSan *san)
{
	if (san == NULL)
		return;
	g_free (san->value);
	g_free (san);
}

/**
 * pkinext_san_array_new:
 *
 * Returns: (transfer full) (element-type PkinextSan): an empty array that frees its elements
 */
GPtrArray *
pkinext_san_array_new (void)
{
	return g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_san_free);
}

/**
 * pkinext_san_array_copy:
 * @sans: (element-type PkinextSan) (nullable): names
 *
 * Returns: (transfer full) (element-type PkinextSan): a deep copy (empty for %NULL)
 */
GPtrArray *
pkinext_san_array_copy (GPtrArray *sans)
{
	GPtrArray *out =
		g_ptr_array_new_full (sans ? sans->len : 0, (GDestroyNotify)pkinext_san_free);
	for (guint i = 0; sans != NULL && i < sans->len; i++)
		g_ptr_array_add (out, pkinext_san_copy (g_ptr_array_index (sans, i)));
	return out;
}

const gchar *
pkinext_san_type_to_string (PkinextSanType type)
{
	if ((guint)type >= G_N_ELEMENTS (san_type_names))
		return "unknown";
	return san_type_names[type];
}

/**
 * pkinext_san_type_from_string:
 * @name: "dns", "ip", "email", "uri", "upn" or "krb5" (any case)
 * @type: (out): the type
 *
 * Returns: %TRUE if @name is known ("other" is not accepted: it cannot be encoded)
 */
gboolean
pkinext_san_type_from_string (const gchar *name, PkinextSanType *type)
{
	static const struct {
		const gchar *alias;
		PkinextSanType type;
	} aliases[] = {
		{"rfc822", PKINEXT_SAN_EMAIL},
		{"krb5principal", PKINEXT_SAN_KRB5_PRINCIPAL},
	};

	if (name == NULL)
		return FALSE;
	for (guint i = 0; i < PKINEXT_SAN_OTHER; i++) {
		if (g_ascii_strcasecmp (name, san_type_names[i]) == 0) {
			*type = (PkinextSanType)i;
			return TRUE;
		}
	}
	for (guint i = 0; i < G_N_ELEMENTS (aliases); i++) {
		if (g_ascii_strcasecmp (name, aliases[i].alias) == 0) {
			*type = aliases[i].type;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * pkinext_san_to_string:
 * @san: a #PkinextSan
 *
 * Returns: (transfer full): "type:value", e.g. "dns:www.example.com"
 */
gchar *
pkinext_san_to_string (const PkinextSan *san)
{
	return g_strconcat (pkinext_san_type_to_string (san->type), ":", san->value, NULL);
}

gboolean
pkinext_san_equal (const PkinextSan *a, const PkinextSan *b)
{
	if (a->type != b->type)
		return FALSE;
	if (a->type == PKINEXT_SAN_DNS)
		return g_ascii_strcasecmp (a->value, b->value) == 0;
	return g_strcmp0 (a->value, b->value) == 0;
}

static gboolean
san_fail (GError **error, const PkinextSan *san, const gchar *why)
{
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
		     "invalid %s name \"%s\": %s", pkinext_san_type_to_string (san->type),
		     san->value, why);
	return FALSE;
}

/* a host name: LDH labels of 1-63 characters, 253 at most, no trailing dot */
static const gchar *
san_check_hostname (const gchar *name)
{
	gsize total = strlen (name);
	gsize label = 0;

	if (total == 0)
		return "empty";
	if (total > 253)
		return "longer than 253 characters";
	for (const gchar *p = name;; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0)
				return "empty label";
			if (p[-1] == '-')
				return "a label ends with '-'";
			if (*p == '\0')
				return NULL;
			label = 0;
			continue;
		}
		if ((guchar)*p >= 0x80)
			return "non-ASCII characters (use the IDNA A-label, xn--...)";
		if (!g_ascii_isalnum (*p) && *p != '-')
			return "characters other than letters, digits, '-' and '.'";
		if (label == 0 && *p == '-')
			return "a label starts with '-'";
		if (++label > 63)
			return "a label is longer than 63 characters";
	}
}

static gboolean
san_validate_dns (const PkinextSan *san, GError **error)
{
	const gchar *name = san->value;
	const gchar *why;

	if (g_str_has_prefix (name, "*.")) {
		name += 2;
		if (strchr (name, '.') == NULL)
			return san_fail (error, san,
					 "a wildcard needs at least two labels after '*.'");
	}
	why = san_check_hostname (name);
	return why == NULL ? TRUE : san_fail (error, san, why);
}

static gboolean
san_validate_email (const PkinextSan *san, GError **error)
{
	const gchar *at = strrchr (san->value, '@');
	const gchar *why;

	if (at == NULL || at == san->value)
		return san_fail (error, san, "expected local-part@domain");
	for (const gchar *p = san->value; p < at; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr ("@\"(),:;<>[\\]", *p) != NULL)
			return san_fail (error, san, "the local part has a character not allowed");
	}
	why = san_check_hostname (at + 1);
	return why == NULL ? TRUE : san_fail (error, san, why);
}

static gboolean
san_validate_uri (const PkinextSan *san, GError **error)
{
	g_autoptr (GError) local = NULL;

	for (const gchar *p = san->value; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f)
			return san_fail (error, san, "spaces, control or non-ASCII characters");
	}
	if (!g_uri_is_valid (san->value, G_URI_FLAGS_ENCODED, &local))
		return san_fail (error, san, local->message);
	return TRUE;
}

static gboolean
san_validate_upn (const PkinextSan *san, GError **error)
{
	const gchar *at = strrchr (san->value, '@');

	if (!g_utf8_validate (san->value, -1, NULL))
		return san_fail (error, san, "not UTF-8");
	if (at == NULL || at == san->value || at[1] == '\0')
		return san_fail (error, san, "expected user@domain");
	for (const gchar *p = san->value; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 || *p == 0x7f)
			return san_fail (error, san, "control characters");
	}
	return TRUE;
}

static gboolean
san_validate_krb5 (const PkinextSan *san, GError **error)
{
	const gchar *at = strrchr (san->value, '@');

	if (at == NULL || at == san->value || at[1] == '\0')
		return san_fail (error, san, "expected name[/instance]@REALM");
	for (const gchar *p = san->value; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			return san_fail (error, san,
					 "spaces, backslashes, control or non-ASCII characters");
		if (*p == '@' && p != at)
			return san_fail (error, san, "more than one '@'");
		if (*p == '/' && (p == san->value || p[1] == '/' || p[1] == '@'))
			return san_fail (error, san, "an empty component");
	}
	return TRUE;
}

/**
 * pkinext_san_validate:
 * @san: a #PkinextSan
 * @error: return location
 *
 * Checks the syntax of @san: DNS names are LDH host names (a leading "*." wildcard label is
 * allowed), IP addresses parse as IPv4 or IPv6, emails are local@domain, URIs have a scheme,
 * UPNs are user@domain, krb5 principals are name[/instance]@REALM. %PKINEXT_SAN_OTHER never
 * validates. Errors are %PKINEXT_ERROR_INVALID_ARGUMENT.
 *
 * Returns: %TRUE if valid
 */
gboolean
pkinext_san_validate (const PkinextSan *san, GError **error)
{
	guint8 addr[16];

	switch (san->type) {
	case PKINEXT_SAN_DNS:
		return san_validate_dns (san, error);
	case PKINEXT_SAN_IP:
		if (inet_pton (AF_INET, san->value, addr) == 1 ||
		    inet_pton (AF_INET6, san->value, addr) == 1)
			return TRUE;
		return san_fail (error, san, "not an IPv4 or IPv6 address");
	case PKINEXT_SAN_EMAIL:
		return san_validate_email (san, error);
	case PKINEXT_SAN_URI:
		return san_validate_uri (san, error);
	case PKINEXT_SAN_UPN:
		return san_validate_upn (san, error);
	case PKINEXT_SAN_KRB5_PRINCIPAL:
		return san_validate_krb5 (san, error);
	case PKINEXT_SAN_OTHER:
	default:
		return san_fail (error, san, "this kind of name cannot be requested");
	}
}

/* canonical text: lowercase DNS names, compressed IPv6 */
static void
san_normalize (PkinextSan *san)
{
	guint8 addr[16];
	gchar buf[INET6_ADDRSTRLEN];

	if (san->type == PKINEXT_SAN_DNS) {
		gchar *lower = g_ascii_strdown (san->value, -1);
		g_free (san->value);
		san->value = lower;
	} else if (san->type == PKINEXT_SAN_IP && inet_pton (AF_INET6, san->value, addr) == 1 &&
		   inet_ntop (AF_INET6, addr, buf, sizeof (buf)) != NULL) {
		g_free (san->value);
		san->value = g_strdup (buf);
	}
}

/**
 * pkinext_san_new_from_string:
 * @str: "type:value", e.g. "dns:www.example.com", "ip:2001:db8::1", "krb5:host/x@REALM"
 * @error: return location
 *
 * Parses and validates a name; DNS names are lowercased and IPv6 addresses compressed.
 *
 * Returns: (transfer full): the name, or %NULL with %PKINEXT_ERROR_INVALID_ARGUMENT
 */
PkinextSan *
pkinext_san_new_from_string (const gchar *str, GError **error)
{
	const gchar *colon = str != NULL ? strchr (str, ':') : NULL;
	g_autofree gchar *type_name = NULL;
	g_autoptr (PkinextSan) san = NULL;
	PkinextSanType type;

	if (colon == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "subject alternative name \"%s\": expected type:value "
			     "(type dns, ip, email, uri, upn or krb5)",
			     str ? str : "");
		return NULL;
	}
	type_name = g_strndup (str, (gsize)(colon - str));
	if (!pkinext_san_type_from_string (type_name, &type)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "subject alternative name \"%s\": unknown type \"%s\" "
			     "(expected dns, ip, email, uri, upn or krb5)",
			     str, type_name);
		return NULL;
	}
	san = pkinext_san_new (type, colon + 1);
	if (!pkinext_san_validate (san, error))
		return NULL;
	san_normalize (san);
	return g_steal_pointer (&san);
}

/* ---- DER ------------------------------------------------------------- */

#define OID_UPN		   "1.3.6.1.4.1.311.20.2.3"
#define OID_PKINIT_SAN	   "1.3.6.1.5.2.2"
#define GN_OTHER_NAME	   PKINEXT_DER_CONTEXT_CONS (0)
#define GN_RFC822	   PKINEXT_DER_CONTEXT (1)
#define GN_DNS		   PKINEXT_DER_CONTEXT (2)
#define GN_X400		   PKINEXT_DER_CONTEXT_CONS (3)
#define GN_DIRECTORY	   PKINEXT_DER_CONTEXT_CONS (4)
#define GN_EDI_PARTY	   PKINEXT_DER_CONTEXT_CONS (5)
#define GN_URI		   PKINEXT_DER_CONTEXT (6)
#define GN_IP		   PKINEXT_DER_CONTEXT (7)
#define GN_REGISTERED_ID   PKINEXT_DER_CONTEXT (8)
#define DER_GENERAL_STRING 0x1b
#define KRB5_NT_PRINCIPAL  1
#define KRB5_NT_SRV_INST   2

static void
san_write_krb5 (PkinextDerWriter *w, const gchar *value)
{
	const gchar *at = strrchr (value, '@');
	g_autofree gchar *name = g_strndup (value, (gsize)(at - value));
	g_auto (GStrv) parts = g_strsplit (name, "/", -1);
	gboolean service = g_strv_length (parts) > 1 && g_str_equal (parts[0], "krbtgt");

	pkinext_der_begin (w, GN_OTHER_NAME);
	pkinext_der_put_oid (w, OID_PKINIT_SAN);
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE); /* KRB5PrincipalName */
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_put_string (w, DER_GENERAL_STRING, at + 1);
	pkinext_der_end (w);
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (1));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE); /* PrincipalName */
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_put_uint (w, PKINEXT_DER_INTEGER,
			      service ? KRB5_NT_SRV_INST : KRB5_NT_PRINCIPAL);
	pkinext_der_end (w);
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (1));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; parts[i] != NULL; i++)
		pkinext_der_put_string (w, DER_GENERAL_STRING, parts[i]);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
}

/**
 * pkinext_san_write_general_name: (skip)
 */
gboolean
pkinext_san_write_general_name (PkinextDerWriter *w, const PkinextSan *san, GError **error)
{
	guint8 addr[16];

	switch (san->type) {
	case PKINEXT_SAN_DNS:
		pkinext_der_put_string (w, GN_DNS, san->value);
		return TRUE;
	case PKINEXT_SAN_EMAIL:
		pkinext_der_put_string (w, GN_RFC822, san->value);
		return TRUE;
	case PKINEXT_SAN_URI:
		pkinext_der_put_string (w, GN_URI, san->value);
		return TRUE;
	case PKINEXT_SAN_IP:
		if (inet_pton (AF_INET, san->value, addr) == 1) {
			pkinext_der_put (w, GN_IP, addr, 4);
			return TRUE;
		}
		if (inet_pton (AF_INET6, san->value, addr) == 1) {
			pkinext_der_put (w, GN_IP, addr, 16);
			return TRUE;
		}
		return san_fail (error, san, "not an IPv4 or IPv6 address");
	case PKINEXT_SAN_UPN:
		pkinext_der_begin (w, GN_OTHER_NAME);
		pkinext_der_put_oid (w, OID_UPN);
		pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
		pkinext_der_put_string (w, PKINEXT_DER_UTF8_STRING, san->value);
		pkinext_der_end (w);
		pkinext_der_end (w);
		return TRUE;
	case PKINEXT_SAN_KRB5_PRINCIPAL:
		if (strrchr (san->value, '@') == NULL)
			return san_fail (error, san, "expected name[/instance]@REALM");
		san_write_krb5 (w, san->value);
		return TRUE;
	case PKINEXT_SAN_OTHER:
	default:
		return san_fail (error, san, "this kind of name cannot be encoded");
	}
}

/**
 * pkinext_san_write_general_names: (skip)
 */
gboolean
pkinext_san_write_general_names (PkinextDerWriter *w, GPtrArray *sans, GError **error)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; sans != NULL && i < sans->len; i++) {
		if (!pkinext_san_write_general_name (w, g_ptr_array_index (sans, i), error))
			return FALSE;
	}
	pkinext_der_end (w);
	return TRUE;
}

static gboolean
san_parse_fail (GError **error, const gchar *what)
{
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, "subjectAltName: %s", what);
	return FALSE;
}

/* IA5String contents: printable ASCII only (no NUL or control characters to smuggle) */
static gchar *
san_ia5_dup (const PkinextDerElement *el, const gchar *kind, GError **error)
{
	for (gsize i = 0; i < el->len; i++) {
		if (el->content[i] < 0x20 || el->content[i] >= 0x7f) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
				     "subjectAltName: %s contains byte 0x%02x", kind,
				     el->content[i]);
			return NULL;
		}
	}
	return g_strndup ((const gchar *)el->content, el->len);
}

static gchar *
san_parse_ip (const PkinextDerElement *el, GError **error)
{
	gchar buf[INET6_ADDRSTRLEN];

	if (el->len != 4 && el->len != 16) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "subjectAltName: iPAddress of %" G_GSIZE_FORMAT " bytes", el->len);
		return NULL;
	}
	if (inet_ntop (el->len == 4 ? AF_INET : AF_INET6, el->content, buf, sizeof (buf)) == NULL) {
		san_parse_fail (error, "unprintable iPAddress");
		return NULL;
	}
	return g_strdup (buf);
}

/* reads [n] EXPLICIT { <tag> } inside @r and returns the inner element */
static gboolean
san_read_explicit (
	PkinextDerReader *r, guint n, guint8 tag, PkinextDerElement *inner, GError **error)
{
	PkinextDerElement outer;
	PkinextDerReader rr;

	if (!pkinext_der_read_expect (r, PKINEXT_DER_CONTEXT_CONS (n), &outer, error))
		return FALSE;
	pkinext_der_reader_enter (r, &outer, &rr);
	if (!pkinext_der_read_expect (&rr, tag, inner, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&rr))
		return san_parse_fail (error, "trailing data in an EXPLICIT element");
	return TRUE;
}

static gchar *
san_general_string_dup (const PkinextDerElement *el, GError **error)
{
	return san_ia5_dup (el, "a Kerberos name", error);
}

/* KRB5PrincipalName ::= SEQUENCE { realm [0] Realm, principalName [1] PrincipalName } */
static gchar *
san_parse_krb5 (const PkinextDerElement *value, GError **error)
{
	PkinextDerReader r, seq, pn, names;
	PkinextDerElement el, realm, name_type, strings;
	g_autoptr (GString) s = g_string_new (NULL);
	g_autofree gchar *realm_str = NULL;

	pkinext_der_reader_init (&r, value->tlv, value->tlv_len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return NULL;
	pkinext_der_reader_enter (&r, &el, &seq);
	if (!san_read_explicit (&seq, 0, DER_GENERAL_STRING, &realm, error) ||
	    !pkinext_der_read_expect (&seq, PKINEXT_DER_CONTEXT_CONS (1), &el, error))
		return NULL;
	pkinext_der_reader_enter (&seq, &el, &pn);
	if (!pkinext_der_read_expect (&pn, PKINEXT_DER_SEQUENCE, &el, error))
		return NULL;
	pkinext_der_reader_enter (&pn, &el, &pn);
	if (!san_read_explicit (&pn, 0, PKINEXT_DER_INTEGER, &name_type, error) ||
	    !san_read_explicit (&pn, 1, PKINEXT_DER_SEQUENCE, &strings, error))
		return NULL;
	pkinext_der_reader_enter (&pn, &strings, &names);
	while (!pkinext_der_reader_at_end (&names)) {
		g_autofree gchar *part = NULL;
		if (!pkinext_der_read_expect (&names, DER_GENERAL_STRING, &el, error))
			return NULL;
		part = san_general_string_dup (&el, error);
		if (part == NULL)
			return NULL;
		if (s->len > 0)
			g_string_append_c (s, '/');
		g_string_append (s, part);
	}
	realm_str = san_general_string_dup (&realm, error);
	if (realm_str == NULL)
		return NULL;
	if (s->len == 0) {
		san_parse_fail (error, "Kerberos principal without a name");
		return NULL;
	}
	g_string_append_printf (s, "@%s", realm_str);
	return g_string_free (g_steal_pointer (&s), FALSE);
}

static PkinextSan *
san_new_other (const gchar *prefix, const gchar *text)
{
	PkinextSan *san = g_new0 (PkinextSan, 1);
	san->type = PKINEXT_SAN_OTHER;
	san->value = g_strconcat (prefix, text, NULL);
	return san;
}

/* otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } */
static PkinextSan *
san_parse_other_name (const PkinextDerElement *gn, GError **error)
{
	PkinextDerReader r, v;
	PkinextDerElement oid, value, inner;
	g_autofree gchar *text = NULL;

	pkinext_der_reader_init (&r, gn->content, gn->len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_OID, &oid, error) ||
	    !pkinext_der_read_expect (&r, PKINEXT_DER_CONTEXT_CONS (0), &value, error))
		return NULL;
	pkinext_der_reader_enter (&r, &value, &v);
	if (!pkinext_der_read (&v, &inner, error))
		return NULL;
	if (pkinext_der_element_oid_equal (&oid, OID_UPN)) {
		if (inner.tag != PKINEXT_DER_UTF8_STRING ||
		    !g_utf8_validate ((const gchar *)inner.content, (gssize)inner.len, NULL) ||
		    memchr (inner.content, 0, inner.len) != NULL) {
			san_parse_fail (error, "UPN otherName is not a valid UTF8String");
			return NULL;
		}
		text = g_strndup ((const gchar *)inner.content, inner.len);
		return pkinext_san_new (PKINEXT_SAN_UPN, text);
	}
	if (pkinext_der_element_oid_equal (&oid, OID_PKINIT_SAN)) {
		text = san_parse_krb5 (&inner, error);
		if (text == NULL) {
			g_prefix_error (error, "subjectAltName: Kerberos principal: ");
			return NULL;
		}
		return pkinext_san_new (PKINEXT_SAN_KRB5_PRINCIPAL, text);
	}
	text = pkinext_der_decode_oid (oid.content, oid.len);
	if (text == NULL) {
		san_parse_fail (error, "otherName with an invalid OID");
		return NULL;
	}
	return san_new_other ("othername:", text);
}

static PkinextSan *
san_parse_one (const PkinextDerElement *gn, GError **error)
{
	g_autofree gchar *text = NULL;

	switch (gn->tag) {
	case GN_OTHER_NAME:
		return san_parse_other_name (gn, error);
	case GN_DNS:
		text = san_ia5_dup (gn, "a dNSName", error);
		return text != NULL ? pkinext_san_new (PKINEXT_SAN_DNS, text) : NULL;
	case GN_RFC822:
		text = san_ia5_dup (gn, "an rfc822Name", error);
		return text != NULL ? pkinext_san_new (PKINEXT_SAN_EMAIL, text) : NULL;
	case GN_URI:
		text = san_ia5_dup (gn, "a URI", error);
		return text != NULL ? pkinext_san_new (PKINEXT_SAN_URI, text) : NULL;
	case GN_IP:
		text = san_parse_ip (gn, error);
		return text != NULL ? pkinext_san_new (PKINEXT_SAN_IP, text) : NULL;
	case GN_DIRECTORY:
		text = pkinext_name_to_string (gn->content, gn->len);
		if (text == NULL) {
			san_parse_fail (error, "malformed directoryName");
			return NULL;
		}
		return san_new_other ("dirname:", text);
	case GN_REGISTERED_ID:
		text = pkinext_der_decode_oid (gn->content, gn->len);
		if (text == NULL) {
			san_parse_fail (error, "malformed registeredID");
			return NULL;
		}
		return san_new_other ("rid:", text);
	case GN_X400:
		return san_new_other ("x400address", "");
	case GN_EDI_PARTY:
		return san_new_other ("edipartyname", "");
	default:
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "subjectAltName: unknown GeneralName tag 0x%02x", gn->tag);
		return NULL;
	}
}

/**
 * pkinext_san_parse_general_names: (skip)
 */
gboolean
pkinext_san_parse_general_names (const guint8 *der, gsize len, GPtrArray **out, GError **error)
{
	g_autoptr (GPtrArray) sans = pkinext_san_array_new ();
	PkinextDerReader r, seq;
	PkinextDerElement el;

	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error)) {
		g_prefix_error (error, "subjectAltName: ");
		return FALSE;
	}
	if (!pkinext_der_reader_at_end (&r))
		return san_parse_fail (error, "trailing data after GeneralNames");
	if (el.len == 0)
		return san_parse_fail (error, "empty GeneralNames");
	pkinext_der_reader_enter (&r, &el, &seq);
	while (!pkinext_der_reader_at_end (&seq)) {
		PkinextDerElement gn;
		PkinextSan *san;
		if (!pkinext_der_read (&seq, &gn, error)) {
			g_prefix_error (error, "subjectAltName: ");
			return FALSE;
		}
		san = san_parse_one (&gn, error);
		if (san == NULL)
			return FALSE;
		g_ptr_array_add (sans, san);
	}
	*out = g_steal_pointer (&sans);
	return TRUE;
}
