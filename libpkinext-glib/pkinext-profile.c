/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Profiles from GKeyFile data. The format is documented in pkinext-profile(5);
 * parsing is strict: an unknown group or key, or a value that does not parse,
 * is an error that names the file, the group, the key and the value.
 */
#define G_LOG_DOMAIN "PkinextProfile"

#include "config.h"

#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-extensions-private.h"
#include "pkinext-name.h"
#include "pkinext-profile-private.h"

struct _PkinextProfile {
	GObject parent_instance;
	GKeyFile *kf;
	gchar *origin;
	gchar *name;
	gchar *description;
	guint version;
	gboolean auto_approve;
	PkinextProfilePolicy p;
};

G_DEFINE_TYPE (PkinextProfile, pkinext_profile, G_TYPE_OBJECT)

/* ---- the schema: every group and key a profile may use ---------------- */

static const gchar *const keys_profile[] = {"name", "description", "version", "auto-approve", NULL};
static const gchar *const keys_validity[] = {"default", "maximum", "backdate", NULL};
static const gchar *const keys_keys[] = {"allowed", "rsa-min-bits", "rsa-max-bits", NULL};
static const gchar *const keys_subject[] = {"from-csr", "force", "common-name", NULL};
static const gchar *const keys_san[] = {"from-csr", "required", "drop-unlisted", "max",
					"critical", "uri-schemes", "wildcards", NULL};
static const gchar *const keys_bc[] = {"present", "ca", "path-length", "max-path-length",
				       "critical", NULL};
static const gchar *const keys_usage[] = {"usage", "critical", NULL};
static const gchar *const keys_nc[] = {"permitted-dns", "excluded-dns", NULL};
static const gchar *const keys_ext[] = {"subject-key-identifier", "authority-key-identifier",
					"crl-distribution-points", "aia-ocsp", "aia-ca-issuers",
					"ocsp-no-check", "certificate-policies", "cps-uri",
					"tls-feature", NULL};
static const gchar *const keys_lint[] = {"tls", "internal-names", NULL};

static const struct {
	const gchar *group;
	const gchar *const *keys;
} profile_schema[] = {
    {"profile", keys_profile},
    {"validity", keys_validity},
    {"keys", keys_keys},
    {"subject", keys_subject},
    {"san", keys_san},
    {"basic-constraints", keys_bc},
    {"key-usage", keys_usage},
    {"extended-key-usage", keys_usage},
    {"name-constraints", keys_nc},
    {"extensions", keys_ext},
    {"lint", keys_lint},
};

static const struct {
	const gchar *name;
	guint32 bit;
} key_usage_names[] = {
    {"digital-signature", PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE},
    {"non-repudiation", PKINEXT_KEY_USAGE_NON_REPUDIATION},
    {"content-commitment", PKINEXT_KEY_USAGE_NON_REPUDIATION},
    {"key-encipherment", PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT},
    {"data-encipherment", PKINEXT_KEY_USAGE_DATA_ENCIPHERMENT},
    {"key-agreement", PKINEXT_KEY_USAGE_KEY_AGREEMENT},
    {"key-cert-sign", PKINEXT_KEY_USAGE_KEY_CERT_SIGN},
    {"crl-sign", PKINEXT_KEY_USAGE_CRL_SIGN},
    {"encipher-only", PKINEXT_KEY_USAGE_ENCIPHER_ONLY},
    {"decipher-only", PKINEXT_KEY_USAGE_DECIPHER_ONLY},
};

static const struct {
	const gchar *name;
	const gchar *oid;
} eku_names[] = {
    {"server-auth", "1.3.6.1.5.5.7.3.1"},
    {"client-auth", "1.3.6.1.5.5.7.3.2"},
    {"code-signing", "1.3.6.1.5.5.7.3.3"},
    {"email-protection", "1.3.6.1.5.5.7.3.4"},
    {"ipsec-end-system", "1.3.6.1.5.5.7.3.5"},
    {"ipsec-tunnel", "1.3.6.1.5.5.7.3.6"},
    {"ipsec-user", "1.3.6.1.5.5.7.3.7"},
    {"time-stamping", "1.3.6.1.5.5.7.3.8"},
    {"ocsp-signing", "1.3.6.1.5.5.7.3.9"},
    {"eap-over-ppp", "1.3.6.1.5.5.7.3.13"},
    {"eap-over-lan", "1.3.6.1.5.5.7.3.14"},
    {"ipsec-ike", "1.3.6.1.5.5.7.3.17"},
    {"document-signing", "1.3.6.1.5.5.7.3.36"},
    {"pkinit-client", "1.3.6.1.5.2.3.4"},
    {"pkinit-kdc", "1.3.6.1.5.2.3.5"},
    {"smartcard-logon", "1.3.6.1.4.1.311.20.2.2"},
    {"any", "2.5.29.37.0"},
};

/* subject attributes by short name (as pkinext_name_to_string() prints them) */
static const struct {
	const gchar *name;
	const gchar *oid;
} attribute_names[] = {
    {"CN", "2.5.4.3"},
    {"SN", "2.5.4.4"},
    {"serialNumber", "2.5.4.5"},
    {"C", "2.5.4.6"},
    {"L", "2.5.4.7"},
    {"ST", "2.5.4.8"},
    {"street", "2.5.4.9"},
    {"O", "2.5.4.10"},
    {"OU", "2.5.4.11"},
    {"title", "2.5.4.12"},
    {"GN", "2.5.4.42"},
    {"emailAddress", "1.2.840.113549.1.9.1"},
    {"DC", "0.9.2342.19200300.100.1.25"},
    {"UID", "0.9.2342.19200300.100.1.1"},
};

static const struct {
	const gchar *name;
	guint value;
} tls_feature_names[] = {
    {"status-request", PKINEXT_TLS_FEATURE_STATUS_REQUEST},
    {"status-request-v2", PKINEXT_TLS_FEATURE_STATUS_REQUEST_V2},
};

/* ---- parsing helpers: every error names origin, group, key and value --- */

typedef struct {
	GKeyFile *kf;
	const gchar *origin;
} ProfileParser;

static gboolean
parser_fail (ProfileParser *pp,
	     const gchar *group,
	     const gchar *key,
	     const gchar *value,
	     GError **error,
	     const gchar *format,
	     ...) G_GNUC_PRINTF (6, 7);

static gboolean
parser_fail (ProfileParser *pp,
	     const gchar *group,
	     const gchar *key,
	     const gchar *value,
	     GError **error,
	     const gchar *format,
	     ...)
{
	va_list args;
	g_autofree gchar *msg = NULL;

	va_start (args, format);
	msg = g_strdup_vprintf (format, args);
	va_end (args);
	if (key == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID, "%s: [%s]: %s",
			     pp->origin, group, msg);
	} else {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID,
			     "%s: [%s] %s='%s': %s", pp->origin, group, key,
			     value != NULL ? value : "", msg);
	}
	return FALSE;
}

/* the value with GKeyFile escapes resolved, or NULL if the key is absent */
static gchar *
parser_value (ProfileParser *pp, const gchar *group, const gchar *key)
{
	gchar *v = g_key_file_get_string (pp->kf, group, key, NULL);
	if (v != NULL)
		g_strstrip (v);
	return v;
}

static gboolean
parser_get_bool (ProfileParser *pp,
		 const gchar *group,
		 const gchar *key,
		 gboolean def,
		 gboolean *out,
		 GError **error)
{
	g_autofree gchar *v = parser_value (pp, group, key);

	if (v == NULL) {
		*out = def;
		return TRUE;
	}
	if (g_strcmp0 (v, "true") == 0 || g_strcmp0 (v, "yes") == 0) {
		*out = TRUE;
		return TRUE;
	}
	if (g_strcmp0 (v, "false") == 0 || g_strcmp0 (v, "no") == 0) {
		*out = FALSE;
		return TRUE;
	}
	return parser_fail (pp, group, key, v, error, "expected true or false");
}

static gboolean
parser_get_int (ProfileParser *pp,
		const gchar *group,
		const gchar *key,
		gint64 def,
		gint64 min,
		gint64 max,
		gint64 *out,
		GError **error)
{
	g_autofree gchar *v = parser_value (pp, group, key);
	g_autoptr(GError) local = NULL;

	if (v == NULL) {
		*out = def;
		return TRUE;
	}
	if (!g_ascii_string_to_signed (v, 10, min, max, out, &local)) {
		return parser_fail (pp, group, key, v, error,
				    "expected an integer from %" G_GINT64_FORMAT
				    " to %" G_GINT64_FORMAT, min, max);
	}
	return TRUE;
}

/**
 * pkinext_profile_parse_duration:
 * @text: "3600", "90s", "15m", "1h", "90d", "2w" or "5y" (a year is 365 days)
 * @seconds: (out): the duration in seconds
 * @error: return location
 *
 * Returns: %TRUE if @text is a non-negative duration
 */
gboolean
pkinext_profile_parse_duration (const gchar *text, gint64 *seconds, GError **error)
{
	static const struct {
		gchar unit;
		gint64 factor;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400},
		     {'y', 365 * 86400}};
	g_autofree gchar *num = NULL;
	gint64 factor = 1;
	guint64 n = 0;
	gsize len = text != NULL ? strlen (text) : 0;

	if (len > 0) {
		for (guint i = 0; i < G_N_ELEMENTS (units); i++) {
			if (text[len - 1] == units[i].unit) {
				factor = units[i].factor;
				len--;
				break;
			}
		}
	}
	num = g_strndup (text != NULL ? text : "", len);
	if (len == 0 || !g_ascii_isdigit (num[0]) ||
	    !g_ascii_string_to_unsigned (num, 10, 0, G_MAXINT64 / 86400 / 365, &n, NULL) ||
	    (gint64)n > G_MAXINT64 / factor / 2) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "'%s' is not a duration (expected a non-negative number with an "
			     "optional unit s, m, h, d, w or y, e.g. 90d)",
			     text != NULL ? text : "");
		return FALSE;
	}
	*seconds = (gint64)n * factor;
	return TRUE;
}

static gboolean
parser_get_duration (ProfileParser *pp,
		     const gchar *group,
		     const gchar *key,
		     gint64 def,
		     gboolean positive,
		     gint64 *out,
		     GError **error)
{
	g_autofree gchar *v = parser_value (pp, group, key);
	g_autoptr(GError) local = NULL;

	if (v == NULL) {
		if (def < 0)
			return parser_fail (pp, group, key, "", error, "the key is required");
		*out = def;
		return TRUE;
	}
	if (v[0] == '-')
		return parser_fail (pp, group, key, v, error, "a duration cannot be negative");
	if (!pkinext_profile_parse_duration (v, out, &local))
		return parser_fail (pp, group, key, v, error, "%s", local->message);
	if (positive && *out <= 0)
		return parser_fail (pp, group, key, v, error, "the duration must be positive");
	return TRUE;
}

/* a ';'-separated list; items trimmed, empty items skipped; absent → @def (may be NULL) */
static gchar **
parser_get_list (ProfileParser *pp, const gchar *group, const gchar *key, const gchar *def)
{
	g_autofree gchar *v = parser_value (pp, group, key);
	g_auto(GStrv) items = NULL;
	g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
	const gchar *src = v != NULL ? v : def;

	if (src == NULL)
		return g_new0 (gchar *, 1);
	items = g_strsplit (src, ";", -1);
	for (guint i = 0; items[i] != NULL; i++) {
		g_strstrip (items[i]);
		if (items[i][0] != '\0')
			g_strv_builder_add (b, items[i]);
	}
	return g_strv_builder_end (b);
}

/* names compare without case and separators: "serverAuth", "server_auth" and
 * "server-auth" are the same name */
static gchar *
normalize_name (const gchar *name)
{
	GString *s = g_string_new (NULL);
	for (const gchar *p = name; *p != '\0'; p++) {
		if (*p != '-' && *p != '_' && *p != ' ')
			g_string_append_c (s, g_ascii_tolower (*p));
	}
	return g_string_free (s, FALSE);
}

static gboolean
name_matches (const gchar *normalized, const gchar *table_name)
{
	g_autofree gchar *n = normalize_name (table_name);
	return g_strcmp0 (normalized, n) == 0;
}

static gboolean
is_dotted_oid (const gchar *s)
{
	g_autoptr(GByteArray) tmp = g_byte_array_new ();
	return g_ascii_isdigit (s[0]) && strchr (s, '.') != NULL &&
	       pkinext_der_encode_oid (s, tmp);
}

/**
 * pkinext_profile_eku_from_name:
 * @name: an extended key usage name ("server-auth", "serverAuth", "ocsp-signing"...)
 *   or a dotted OID
 *
 * Returns: (nullable): the dotted OID, or %NULL if @name is unknown
 */
const gchar *
pkinext_profile_eku_from_name (const gchar *name)
{
	g_autofree gchar *n = NULL;

	if (name == NULL || *name == '\0')
		return NULL;
	if (is_dotted_oid (name))
		return g_intern_string (name);
	n = normalize_name (name);
	for (guint i = 0; i < G_N_ELEMENTS (eku_names); i++) {
		if (name_matches (n, eku_names[i].name))
			return eku_names[i].oid;
	}
	if (g_strcmp0 (n, "anyextendedkeyusage") == 0)
		return "2.5.29.37.0";
	return NULL;
}

/* ---- the groups ------------------------------------------------------- */

static gboolean
profile_check_schema (ProfileParser *pp, GError **error)
{
	g_auto(GStrv) groups = g_key_file_get_groups (pp->kf, NULL);

	if (!g_key_file_has_group (pp->kf, "profile"))
		return parser_fail (pp, "profile", NULL, NULL, error, "the group is required");
	for (guint i = 0; groups[i] != NULL; i++) {
		const gchar *const *known = NULL;
		g_auto(GStrv) keys = NULL;

		for (guint j = 0; j < G_N_ELEMENTS (profile_schema); j++) {
			if (g_strcmp0 (groups[i], profile_schema[j].group) == 0)
				known = profile_schema[j].keys;
		}
		if (known == NULL) {
			return parser_fail (pp, groups[i], NULL, NULL, error,
					    "unknown group (known: profile, validity, keys, subject, "
					    "san, basic-constraints, key-usage, extended-key-usage, "
					    "name-constraints, extensions, lint)");
		}
		keys = g_key_file_get_keys (pp->kf, groups[i], NULL, NULL);
		for (guint k = 0; keys != NULL && keys[k] != NULL; k++) {
			g_autofree gchar *base = g_strdup (keys[k]);
			g_autofree gchar *value = g_key_file_get_value (pp->kf, groups[i], keys[k],
									NULL);
			gchar *bracket = strchr (base, '[');
			/* translations: description[de]=... */
			if (bracket != NULL && g_strcmp0 (groups[i], "profile") == 0)
				*bracket = '\0';
			if (!g_strv_contains (known, base) ||
			    (bracket != NULL && g_strcmp0 (base, "description") != 0)) {
				g_autofree gchar *list = g_strjoinv (", ", (gchar **)known);
				return parser_fail (pp, groups[i], keys[k], value, error,
						    "unknown key (known in [%s]: %s)", groups[i],
						    list);
			}
		}
	}
	return TRUE;
}

static gboolean
profile_name_is_valid (const gchar *name)
{
	if (name == NULL || *name == '\0' || strlen (name) > 64 || !g_ascii_isalnum (name[0]))
		return FALSE;
	for (const gchar *p = name; *p != '\0'; p++) {
		if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return FALSE;
	}
	return TRUE;
}

static gboolean
profile_parse_header (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	gint64 version = 0;

	self->name = parser_value (pp, "profile", "name");
	if (self->name == NULL)
		return parser_fail (pp, "profile", "name", "", error, "the key is required");
	if (!profile_name_is_valid (self->name)) {
		return parser_fail (pp, "profile", "name", self->name, error,
				    "a profile name is 1-64 characters of a-z, 0-9, '-', '_' and "
				    "'.', starting with a letter or digit");
	}
	self->description = g_key_file_get_locale_string (pp->kf, "profile", "description", NULL,
							  NULL);
	if (self->description == NULL)
		return parser_fail (pp, "profile", "description", "", error, "the key is required");
	if (!parser_get_int (pp, "profile", "version", 1, 1, G_MAXUINT32, &version, error) ||
	    !parser_get_bool (pp, "profile", "auto-approve", FALSE, &self->auto_approve, error))
		return FALSE;
	self->version = (guint)version;
	return TRUE;
}

static gboolean
profile_parse_validity (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_autofree gchar *max = NULL;

	if (!parser_get_duration (pp, "validity", "default", -1, TRUE, &p->default_validity,
				  error) ||
	    !parser_get_duration (pp, "validity", "maximum", p->default_validity, TRUE,
				  &p->max_validity, error) ||
	    !parser_get_duration (pp, "validity", "backdate", 60, FALSE, &p->backdate, error))
		return FALSE;
	if (p->backdate > 86400) {
		g_autofree gchar *v = parser_value (pp, "validity", "backdate");
		return parser_fail (pp, "validity", "backdate", v, error,
				    "backdating is limited to one day");
	}
	max = parser_value (pp, "validity", "maximum");
	if (p->max_validity < p->default_validity) {
		return parser_fail (pp, "validity", "maximum", max, error,
				    "the maximum is shorter than the default (%" G_GINT64_FORMAT
				    " s)", p->default_validity);
	}
	return TRUE;
}

static gboolean
profile_parse_keys (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_auto(GStrv) types = parser_get_list (pp, "keys", "allowed",
					       "ec-p256;ec-p384;ec-p521;rsa;ed25519");
	gint64 min = 0;
	gint64 max = 0;

	for (guint i = 0; types[i] != NULL; i++) {
		PkinextKeyType kt = pkinext_key_type_from_string (types[i]);
		if (kt == PKINEXT_KEY_TYPE_UNKNOWN) {
			return parser_fail (pp, "keys", "allowed", types[i], error,
					    "unknown key type (known: ec-p256, ec-p384, ec-p521, "
					    "rsa, ed25519, ml-dsa-44, ml-dsa-65, ml-dsa-87)");
		}
		p->key_types |= 1u << kt;
	}
	if (p->key_types == 0) {
		return parser_fail (pp, "keys", "allowed", "", error,
				    "at least one key type must be allowed");
	}
	if (!parser_get_int (pp, "keys", "rsa-min-bits", 2048, 1024, 16384, &min, error) ||
	    !parser_get_int (pp, "keys", "rsa-max-bits", 8192, 1024, 16384, &max, error))
		return FALSE;
	if (max < min) {
		g_autofree gchar *v = parser_value (pp, "keys", "rsa-max-bits");
		return parser_fail (pp, "keys", "rsa-max-bits", v, error,
				    "smaller than rsa-min-bits (%" G_GINT64_FORMAT ")", min);
	}
	p->rsa_min_bits = (guint)min;
	p->rsa_max_bits = (guint)max;
	return TRUE;
}

static GBytes *
oid_content (const gchar *dotted)
{
	g_autoptr(GByteArray) tmp = g_byte_array_new ();
	if (!pkinext_der_encode_oid (dotted, tmp))
		return NULL;
	return g_byte_array_free_to_bytes (g_steal_pointer (&tmp));
}

static const gchar *
attribute_oid (const gchar *name)
{
	if (is_dotted_oid (name))
		return name;
	for (guint i = 0; i < G_N_ELEMENTS (attribute_names); i++) {
		if (g_ascii_strcasecmp (name, attribute_names[i].name) == 0)
			return attribute_names[i].oid;
	}
	return NULL;
}

/* the OID contents of every attribute in a DER Name */
static gboolean
name_collect_oids (GBytes *name, GPtrArray *out, GError **error)
{
	PkinextDerReader r, seq;
	PkinextDerElement el;

	pkinext_der_reader_init (&r, g_bytes_get_data (name, NULL), g_bytes_get_size (name));
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	pkinext_der_reader_enter (&r, &el, &seq);
	while (!pkinext_der_reader_at_end (&seq)) {
		PkinextDerReader set, atv;
		PkinextDerElement rdn, a, oid;
		if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SET, &rdn, error))
			return FALSE;
		pkinext_der_reader_enter (&seq, &rdn, &set);
		while (!pkinext_der_reader_at_end (&set)) {
			if (!pkinext_der_read_expect (&set, PKINEXT_DER_SEQUENCE, &a, error))
				return FALSE;
			pkinext_der_reader_enter (&set, &a, &atv);
			if (!pkinext_der_read_expect (&atv, PKINEXT_DER_OID, &oid, error))
				return FALSE;
			g_ptr_array_add (out, g_bytes_new (oid.content, oid.len));
		}
	}
	return TRUE;
}

static gboolean
profile_parse_subject (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_auto(GStrv) attrs = parser_get_list (pp, "subject", "from-csr", "*");
	g_autofree gchar *force = parser_value (pp, "subject", "force");
	g_autofree gchar *cn = parser_value (pp, "subject", "common-name");

	p->subject_oids = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	p->subject_force_oids = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	for (guint i = 0; attrs[i] != NULL; i++) {
		const gchar *oid = NULL;
		if (g_strcmp0 (attrs[i], "*") == 0) {
			p->subject_copy_all = TRUE;
			continue;
		}
		oid = attribute_oid (attrs[i]);
		if (oid == NULL) {
			return parser_fail (pp, "subject", "from-csr", attrs[i], error,
					    "unknown attribute (use CN, O, OU, C, ST, L, street, "
					    "emailAddress, serialNumber, DC, UID, SN, GN, title, a "
					    "dotted OID, or * for the whole CSR subject)");
		}
		g_ptr_array_add (p->subject_oids, oid_content (oid));
	}
	if (p->subject_copy_all && p->subject_oids->len > 0) {
		g_autofree gchar *v = parser_value (pp, "subject", "from-csr");
		return parser_fail (pp, "subject", "from-csr", v, error,
				    "'*' cannot be combined with attribute names");
	}
	if (force != NULL && *force != '\0') {
		g_autoptr(GError) local = NULL;
		p->subject_force = pkinext_name_from_string (force, &local);
		if (p->subject_force == NULL)
			return parser_fail (pp, "subject", "force", force, error, "%s",
					    local->message);
		if (!name_collect_oids (p->subject_force, p->subject_force_oids, &local))
			return parser_fail (pp, "subject", "force", force, error, "%s",
					    local->message);
	}
	if (cn == NULL || g_strcmp0 (cn, "optional") == 0) {
		p->cn_policy = PKINEXT_COMMON_NAME_OPTIONAL;
	} else if (g_strcmp0 (cn, "required") == 0) {
		p->cn_policy = PKINEXT_COMMON_NAME_REQUIRED;
	} else if (g_strcmp0 (cn, "forbidden") == 0) {
		p->cn_policy = PKINEXT_COMMON_NAME_FORBIDDEN;
	} else {
		return parser_fail (pp, "subject", "common-name", cn, error,
				    "expected optional, required or forbidden");
	}
	return TRUE;
}

static gboolean
profile_parse_san (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_auto(GStrv) types = parser_get_list (pp, "san", "from-csr", "dns;ip;email;uri;upn;krb5");
	g_autofree gchar *crit = parser_value (pp, "san", "critical");
	gint64 max = 0;

	for (guint i = 0; types[i] != NULL; i++) {
		PkinextSanType t;
		if (!pkinext_san_type_from_string (types[i], &t) || t == PKINEXT_SAN_OTHER) {
			return parser_fail (pp, "san", "from-csr", types[i], error,
					    "unknown SAN type (known: dns, ip, email, uri, upn, "
					    "krb5)");
		}
		p->san_types |= 1u << t;
	}
	if (!parser_get_bool (pp, "san", "required", FALSE, &p->san_required, error) ||
	    !parser_get_bool (pp, "san", "drop-unlisted", FALSE, &p->san_drop_unlisted, error) ||
	    !parser_get_bool (pp, "san", "wildcards", TRUE, &p->wildcards, error) ||
	    !parser_get_int (pp, "san", "max", 100, 1, 1000, &max, error))
		return FALSE;
	p->san_max = (guint)max;
	if (crit == NULL || g_strcmp0 (crit, "auto") == 0)
		p->san_critical = -1;
	else if (g_strcmp0 (crit, "true") == 0)
		p->san_critical = 1;
	else if (g_strcmp0 (crit, "false") == 0)
		p->san_critical = 0;
	else
		return parser_fail (pp, "san", "critical", crit, error,
				    "expected auto, true or false");
	p->uri_schemes = parser_get_list (pp, "san", "uri-schemes", NULL);
	for (guint i = 0; p->uri_schemes[i] != NULL; i++) {
		const gchar *s = p->uri_schemes[i];
		if (!g_ascii_isalpha (s[0]) ||
		    strspn (s, "abcdefghijklmnopqrstuvwxyz0123456789+-.") != strlen (s))
			return parser_fail (pp, "san", "uri-schemes", s, error,
					    "not a lowercase URI scheme (e.g. spiffe, https)");
	}
	if (p->san_required && p->san_types == 0) {
		return parser_fail (pp, "san", "required", "true", error,
				    "SANs are required but from-csr accepts no SAN type");
	}
	return TRUE;
}

static gboolean
profile_parse_basic_constraints (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	const gchar *g = "basic-constraints";
	gint64 path_len = -1;
	gint64 max_path_len = -1;

	if (!parser_get_bool (pp, g, "present", TRUE, &p->bc_present, error) ||
	    !parser_get_bool (pp, g, "ca", FALSE, &p->is_ca, error) ||
	    !parser_get_bool (pp, g, "critical", TRUE, &p->bc_critical, error) ||
	    !parser_get_int (pp, g, "path-length", -1, -1, 64, &path_len, error) ||
	    !parser_get_int (pp, g, "max-path-length", path_len, -1, 64, &max_path_len, error))
		return FALSE;
	p->path_len = (gint)path_len;
	p->max_path_len = (gint)max_path_len;
	for (guint i = 0; i < 2 && !p->is_ca; i++) {
		const gchar *key = i == 0 ? "path-length" : "max-path-length";
		g_autofree gchar *v = parser_value (pp, g, key);
		if (v != NULL)
			return parser_fail (pp, g, key, v, error, "a path length needs ca=true");
	}
	if (max_path_len >= 0 && (path_len < 0 || path_len > max_path_len)) {
		g_autofree gchar *v = parser_value (pp, g, "max-path-length");
		return parser_fail (pp, g, "max-path-length", v, error,
				    "path-length (%" G_GINT64_FORMAT ") must be set and not above "
				    "max-path-length", path_len);
	}
	if (p->is_ca && !p->bc_present) {
		return parser_fail (pp, "basic-constraints", "present", "false", error,
				    "a CA profile must include basic constraints");
	}
	return TRUE;
}

static gboolean
profile_parse_key_usage (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_auto(GStrv) usages = parser_get_list (pp, "key-usage", "usage", NULL);

	for (guint i = 0; usages[i] != NULL; i++) {
		g_autofree gchar *n = normalize_name (usages[i]);
		guint32 bit = 0;
		for (guint j = 0; j < G_N_ELEMENTS (key_usage_names); j++) {
			if (name_matches (n, key_usage_names[j].name))
				bit = key_usage_names[j].bit;
		}
		if (bit == 0) {
			return parser_fail (pp, "key-usage", "usage", usages[i], error,
					    "unknown key usage (known: digital-signature, "
					    "non-repudiation, key-encipherment, data-encipherment, "
					    "key-agreement, key-cert-sign, crl-sign, encipher-only, "
					    "decipher-only)");
		}
		p->key_usage |= bit;
	}
	return parser_get_bool (pp, "key-usage", "critical", TRUE, &p->ku_critical, error);
}

static gboolean
profile_parse_eku (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_auto(GStrv) names = parser_get_list (pp, "extended-key-usage", "usage", NULL);
	g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

	for (guint i = 0; names[i] != NULL; i++) {
		const gchar *oid = pkinext_profile_eku_from_name (names[i]);
		if (oid == NULL) {
			return parser_fail (pp, "extended-key-usage", "usage", names[i], error,
					    "unknown extended key usage (use a dotted OID or one of: "
					    "server-auth, client-auth, code-signing, "
					    "email-protection, time-stamping, ocsp-signing, "
					    "ipsec-ike, ipsec-end-system, ipsec-tunnel, ipsec-user, "
					    "eap-over-lan, eap-over-ppp, pkinit-kdc, pkinit-client, "
					    "smartcard-logon, document-signing, any)");
		}
		if (g_strcmp0 (oid, "1.3.6.1.5.5.7.3.1") == 0)
			p->eku_server_auth = TRUE;
		g_strv_builder_add (b, oid);
	}
	p->eku = g_strv_builder_end (b);
	return parser_get_bool (pp, "extended-key-usage", "critical", FALSE, &p->eku_critical,
				error);
}

static gboolean
profile_check_dns_list (ProfileParser *pp, const gchar *key, gchar **names, GError **error)
{
	for (guint i = 0; names[i] != NULL; i++) {
		const gchar *n = names[i];
		if (strchr (n, '*') != NULL || strspn (n, "abcdefghijklmnopqrstuvwxyz"
						       "0123456789-.") != strlen (n)) {
			return parser_fail (pp, "name-constraints", key, n, error,
					    "not a lowercase DNS domain (e.g. example.com or "
					    ".example.com)");
		}
	}
	return TRUE;
}

static gboolean
profile_parse_name_constraints (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;

	p->permitted_dns = parser_get_list (pp, "name-constraints", "permitted-dns", NULL);
	p->excluded_dns = parser_get_list (pp, "name-constraints", "excluded-dns", NULL);
	if (!profile_check_dns_list (pp, "permitted-dns", p->permitted_dns, error) ||
	    !profile_check_dns_list (pp, "excluded-dns", p->excluded_dns, error))
		return FALSE;
	if (!p->is_ca && g_key_file_has_group (pp->kf, "name-constraints")) {
		return parser_fail (pp, "name-constraints", NULL, NULL, error,
				    "name constraints need [basic-constraints] ca=true");
	}
	return TRUE;
}

static gboolean
profile_parse_policies (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;

	p->policies = parser_get_list (pp, "extensions", "certificate-policies", NULL);
	for (guint i = 0; p->policies[i] != NULL; i++) {
		if (!is_dotted_oid (p->policies[i]))
			return parser_fail (pp, "extensions", "certificate-policies",
					    p->policies[i], error,
					    "not a dotted OID (e.g. 2.23.140.1.2.1)");
	}
	p->cps_uri = parser_value (pp, "extensions", "cps-uri");
	if (p->cps_uri != NULL && !g_uri_is_valid (p->cps_uri, G_URI_FLAGS_NONE, NULL))
		return parser_fail (pp, "extensions", "cps-uri", p->cps_uri, error,
				    "not an absolute URI");
	if (p->cps_uri != NULL && p->policies[0] == NULL)
		return parser_fail (pp, "extensions", "cps-uri", p->cps_uri, error,
				    "a CPS URI needs at least one certificate-policies OID");
	return TRUE;
}

static gboolean
profile_parse_extensions (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	const gchar *g = "extensions";
	g_auto(GStrv) features = parser_get_list (pp, g, "tls-feature", NULL);

	if (!parser_get_bool (pp, g, "subject-key-identifier", TRUE, &p->ski, error) ||
	    !parser_get_bool (pp, g, "authority-key-identifier", TRUE, &p->aki, error) ||
	    !parser_get_bool (pp, g, "crl-distribution-points", TRUE, &p->crl_dp, error) ||
	    !parser_get_bool (pp, g, "aia-ocsp", TRUE, &p->aia_ocsp, error) ||
	    !parser_get_bool (pp, g, "aia-ca-issuers", TRUE, &p->aia_ca_issuers, error) ||
	    !parser_get_bool (pp, g, "ocsp-no-check", FALSE, &p->ocsp_nocheck, error) ||
	    !profile_parse_policies (self, pp, error))
		return FALSE;
	p->tls_features = g_array_new (FALSE, FALSE, sizeof (guint));
	for (guint i = 0; features[i] != NULL; i++) {
		g_autofree gchar *n = normalize_name (features[i]);
		gboolean found = FALSE;
		for (guint j = 0; j < G_N_ELEMENTS (tls_feature_names); j++) {
			if (name_matches (n, tls_feature_names[j].name) ||
			    (g_strcmp0 (n, "muststaple") == 0 && j == 0)) {
				g_array_append_val (p->tls_features, tls_feature_names[j].value);
				found = TRUE;
			}
		}
		if (!found)
			return parser_fail (pp, g, "tls-feature", features[i], error,
					    "unknown TLS feature (known: status-request, also "
					    "called must-staple, and status-request-v2)");
	}
	return TRUE;
}

static gboolean
profile_parse_lint (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	g_autofree gchar *internal = parser_value (pp, "lint", "internal-names");

	if (!parser_get_bool (pp, "lint", "tls", p->eku_server_auth, &p->lint_tls, error))
		return FALSE;
	if (internal == NULL || g_strcmp0 (internal, "allow") == 0)
		p->lint_internal_names = FALSE;
	else if (g_strcmp0 (internal, "refuse") == 0)
		p->lint_internal_names = TRUE;
	else
		return parser_fail (pp, "lint", "internal-names", internal, error,
				    "expected allow or refuse");
	return TRUE;
}

/* ---- precomputation --------------------------------------------------- */

PkinextProfileKeyClass
pkinext_profile_key_class (PkinextKeyType key_type)
{
	switch (key_type) {
	case PKINEXT_KEY_TYPE_RSA:
		return PKINEXT_PROFILE_KEY_CLASS_RSA;
	case PKINEXT_KEY_TYPE_EC_P256:
	case PKINEXT_KEY_TYPE_EC_P384:
	case PKINEXT_KEY_TYPE_EC_P521:
		return PKINEXT_PROFILE_KEY_CLASS_EC;
	default:
		return PKINEXT_PROFILE_KEY_CLASS_OTHER;
	}
}

static guint32
key_usage_for_class (guint32 usage, PkinextProfileKeyClass kc)
{
	const guint32 encipher = PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT |
				 PKINEXT_KEY_USAGE_DATA_ENCIPHERMENT;
	const guint32 agree = PKINEXT_KEY_USAGE_KEY_AGREEMENT | PKINEXT_KEY_USAGE_ENCIPHER_ONLY |
			      PKINEXT_KEY_USAGE_DECIPHER_ONLY;

	/* a key can only be used for what its algorithm does */
	switch (kc) {
	case PKINEXT_PROFILE_KEY_CLASS_RSA:
		return usage & ~agree;
	case PKINEXT_PROFILE_KEY_CLASS_EC:
		return usage & ~encipher;
	default:
		return usage & ~(encipher | agree);
	}
}

/**
 * pkinext_profile_key_usage_for_key:
 * @self: a profile
 * @key_type: the subject key's type
 *
 * Returns: the keyUsage bits written for a key of @key_type: keyEncipherment and
 * dataEncipherment only for RSA, keyAgreement (and encipher/decipherOnly) only for EC
 */
guint32
pkinext_profile_key_usage_for_key (PkinextProfile *self, PkinextKeyType key_type)
{
	return key_usage_for_class (self->p.key_usage, pkinext_profile_key_class (key_type));
}

static GBytes *
profile_build_constant (PkinextProfile *self, PkinextProfileKeyClass kc, GError **error)
{
	PkinextProfilePolicy *p = &self->p;
	PkinextDerWriter w;
	guint32 ku = key_usage_for_class (p->key_usage, kc);

	pkinext_der_writer_init (&w, 256);
	/* a CA's pathLenConstraint is chosen per request: the issuer writes that one */
	if (p->bc_present && !p->is_ca)
		pkinext_extensions_write_basic_constraints (&w, FALSE, -1, p->bc_critical);
	if (ku != 0)
		pkinext_extensions_write_key_usage (&w, ku, p->ku_critical);
	if ((p->eku[0] != NULL &&
	     !pkinext_extensions_write_extended_key_usage (&w, (const gchar *const *)p->eku,
							   p->eku_critical, error)) ||
	    (p->policies[0] != NULL &&
	     !pkinext_extensions_write_certificate_policies (&w,
							     (const gchar *const *)p->policies,
							     p->cps_uri, error))) {
		pkinext_der_writer_clear (&w);
		return NULL;
	}
	if (p->tls_features->len > 0)
		pkinext_extensions_write_tls_feature (&w, (const guint *)p->tls_features->data,
						      p->tls_features->len);
	if (p->ocsp_nocheck)
		pkinext_extensions_write_ocsp_nocheck (&w);
	return pkinext_der_writer_steal (&w);
}

static gboolean
profile_parse (PkinextProfile *self, ProfileParser *pp, GError **error)
{
	if (!profile_check_schema (pp, error) || !profile_parse_header (self, pp, error) ||
	    !profile_parse_validity (self, pp, error) || !profile_parse_keys (self, pp, error) ||
	    !profile_parse_subject (self, pp, error) || !profile_parse_san (self, pp, error) ||
	    !profile_parse_basic_constraints (self, pp, error) ||
	    !profile_parse_key_usage (self, pp, error) || !profile_parse_eku (self, pp, error) ||
	    !profile_parse_name_constraints (self, pp, error) ||
	    !profile_parse_extensions (self, pp, error) || !profile_parse_lint (self, pp, error))
		return FALSE;
	for (guint i = 0; i < PKINEXT_PROFILE_KEY_CLASS_LAST; i++) {
		self->p.constant_extensions[i] = profile_build_constant (self, i, error);
		if (self->p.constant_extensions[i] == NULL) {
			g_prefix_error (error, "%s: ", pp->origin);
			return FALSE;
		}
	}
	return TRUE;
}

/* ---- public API ------------------------------------------------------- */

/**
 * pkinext_profile_new_from_data:
 * @data: GKeyFile text (see pkinext-profile(5))
 * @len: length of @data, or -1 if NUL-terminated
 * @origin: (nullable): where it came from, for error messages ("db:web v3", a path...)
 * @error: return location
 *
 * Parses a profile. Errors are %PKINEXT_ERROR_PROFILE_INVALID and name the origin,
 * group, key and value.
 *
 * Returns: (transfer full): the profile, or %NULL
 */
PkinextProfile *
pkinext_profile_new_from_data (const gchar *data, gssize len, const gchar *origin, GError **error)
{
	g_autoptr(PkinextProfile) self = g_object_new (PKINEXT_TYPE_PROFILE, NULL);
	g_autoptr(GError) local = NULL;
	ProfileParser pp;

	self->origin = g_strdup (origin != NULL ? origin : "<profile data>");
	if (len < 0)
		len = data != NULL ? (gssize)strlen (data) : 0;
	if (len > 256 * 1024) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID,
			     "%s: profile larger than 256 KiB", self->origin);
		return NULL;
	}
	if (!g_key_file_load_from_data (self->kf, data != NULL ? data : "", (gsize)len,
					G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS,
					&local)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID,
			     "%s: not a valid key file: %s", self->origin, local->message);
		return NULL;
	}
	pp.kf = self->kf;
	pp.origin = self->origin;
	if (!profile_parse (self, &pp, error))
		return NULL;
	return g_steal_pointer (&self);
}

/**
 * pkinext_profile_new_from_file:
 * @path: a ".profile" file
 * @error: return location
 *
 * Returns: (transfer full): the profile, or %NULL
 */
PkinextProfile *
pkinext_profile_new_from_file (const gchar *path, GError **error)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr(GError) local = NULL;

	if (!g_file_get_contents (path, &data, &len, &local)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)
				 ? PKINEXT_ERROR_NOT_FOUND
				 : PKINEXT_ERROR_FAILED,
			     "reading profile: %s",
			     local->message);
		return NULL;
	}
	return pkinext_profile_new_from_data (data, (gssize)len, path, error);
}

/**
 * pkinext_profile_get_default_directory:
 *
 * Returns: the built-in profile directory: $PKINEXT_PROFILES_DIR if set, else
 * $datadir/pkinext/profiles
 */
const gchar *
pkinext_profile_get_default_directory (void)
{
	const gchar *env = g_getenv ("PKINEXT_PROFILES_DIR");
	return env != NULL && *env != '\0' ? env : PKINEXT_PROFILESDIR;
}

/**
 * pkinext_profile_load:
 * @name: a profile name, e.g. "tls-server"
 * @dir: (nullable): the directory; %NULL for pkinext_profile_get_default_directory()
 * @error: return location
 *
 * Loads `@dir/@name.profile` and checks that the file's [profile] name is @name.
 *
 * Returns: (transfer full): the profile, or %NULL (%PKINEXT_ERROR_NOT_FOUND if absent)
 */
PkinextProfile *
pkinext_profile_load (const gchar *name, const gchar *dir, GError **error)
{
	g_autofree gchar *file = NULL;
	g_autofree gchar *path = NULL;
	g_autoptr(PkinextProfile) self = NULL;

	if (!profile_name_is_valid (name)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "invalid profile name '%s'", name != NULL ? name : "");
		return NULL;
	}
	file = g_strconcat (name, PKINEXT_PROFILE_SUFFIX, NULL);
	path = g_build_filename (dir != NULL ? dir : pkinext_profile_get_default_directory (),
				 file, NULL);
	self = pkinext_profile_new_from_file (path, error);
	if (self == NULL)
		return NULL;
	if (g_strcmp0 (self->name, name) != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID,
			     "%s: [profile] name='%s': does not match the file name '%s'", path,
			     self->name, file);
		return NULL;
	}
	return g_steal_pointer (&self);
}

static gint
profile_cmp_name (gconstpointer a, gconstpointer b)
{
	PkinextProfile *pa = *(PkinextProfile **)a;
	PkinextProfile *pb = *(PkinextProfile **)b;
	return g_strcmp0 (pa->name, pb->name);
}

/**
 * pkinext_profile_load_directory:
 * @dir: (nullable): a directory of ".profile" files; %NULL for the default
 * @error: return location
 *
 * Loads every profile of @dir; any invalid file fails the whole load.
 *
 * Returns: (transfer container) (element-type PkinextProfile): the profiles, sorted by name
 */
GPtrArray *
pkinext_profile_load_directory (const gchar *dir, GError **error)
{
	const gchar *d = dir != NULL ? dir : pkinext_profile_get_default_directory ();
	g_autoptr(GDir) gdir = NULL;
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
	g_autoptr(GError) local = NULL;
	const gchar *entry;

	gdir = g_dir_open (d, 0, &local);
	if (gdir == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "opening the profile directory: %s", local->message);
		return NULL;
	}
	while ((entry = g_dir_read_name (gdir)) != NULL) {
		g_autofree gchar *name = NULL;
		PkinextProfile *p;
		if (!g_str_has_suffix (entry, PKINEXT_PROFILE_SUFFIX))
			continue;
		name = g_strndup (entry, strlen (entry) - strlen (PKINEXT_PROFILE_SUFFIX));
		p = pkinext_profile_load (name, d, error);
		if (p == NULL)
			return NULL;
		g_ptr_array_add (out, p);
	}
	g_ptr_array_sort (out, profile_cmp_name);
	return g_steal_pointer (&out);
}

/**
 * pkinext_profile_to_data:
 * @self: a profile
 * @len: (out) (optional): length of the text
 *
 * The profile as GKeyFile text (comments kept), for storing custom profiles;
 * pkinext_profile_new_from_data() reads it back.
 *
 * Returns: (transfer full): the text
 */
gchar *
pkinext_profile_to_data (PkinextProfile *self, gsize *len)
{
	g_return_val_if_fail (PKINEXT_IS_PROFILE (self), NULL);
	return g_key_file_to_data (self->kf, len, NULL);
}

const gchar *
pkinext_profile_get_name (PkinextProfile *self)
{
	return self->name;
}

const gchar *
pkinext_profile_get_description (PkinextProfile *self)
{
	return self->description;
}

guint
pkinext_profile_get_version (PkinextProfile *self)
{
	return self->version;
}

/**
 * pkinext_profile_get_auto_approve:
 * @self: a profile
 *
 * Returns: %TRUE if requests under this profile are issued without an agent's
 * approval; otherwise they wait in the pending state
 */
gboolean
pkinext_profile_get_auto_approve (PkinextProfile *self)
{
	return self->auto_approve;
}

/**
 * pkinext_profile_get_origin:
 * @self: a profile
 *
 * Returns: the file path or origin string it was loaded from
 */
const gchar *
pkinext_profile_get_origin (PkinextProfile *self)
{
	return self->origin;
}

gint64
pkinext_profile_get_default_validity (PkinextProfile *self)
{
	return self->p.default_validity;
}

gint64
pkinext_profile_get_max_validity (PkinextProfile *self)
{
	return self->p.max_validity;
}

gint64
pkinext_profile_get_backdate (PkinextProfile *self)
{
	return self->p.backdate;
}

/**
 * pkinext_profile_is_ca:
 * @self: a profile
 * @path_len: (out) (optional): the pathLenConstraint, -1 for none
 *
 * Returns: %TRUE if certificates under this profile are CA certificates
 */
gboolean
pkinext_profile_is_ca (PkinextProfile *self, gint *path_len)
{
	if (path_len != NULL)
		*path_len = self->p.path_len;
	return self->p.is_ca;
}

PkinextKeyUsage
pkinext_profile_get_key_usage (PkinextProfile *self)
{
	return (PkinextKeyUsage)self->p.key_usage;
}

/**
 * pkinext_profile_get_extended_key_usages:
 * @self: a profile
 *
 * Returns: (transfer none): the EKU OIDs (dotted), possibly empty
 */
const gchar *const *
pkinext_profile_get_extended_key_usages (PkinextProfile *self)
{
	return (const gchar *const *)self->p.eku;
}

PkinextCommonNamePolicy
pkinext_profile_get_common_name_policy (PkinextProfile *self)
{
	return self->p.cn_policy;
}

/**
 * pkinext_profile_check_key:
 * @self: a profile
 * @key_type: the requested key's type
 * @bits: its size in bits
 * @error: return location
 *
 * Returns: %TRUE if the profile allows the key; else %PKINEXT_ERROR_POLICY naming
 * the profile and what it allows
 */
gboolean
pkinext_profile_check_key (PkinextProfile *self,
			   PkinextKeyType key_type,
			   guint bits,
			   GError **error)
{
	const PkinextProfilePolicy *p = &self->p;

	if ((p->key_types & (1u << key_type)) == 0 || key_type == PKINEXT_KEY_TYPE_UNKNOWN) {
		g_autoptr(GString) allowed = g_string_new (NULL);
		for (guint i = 1; i < PKINEXT_KEY_TYPE_LAST; i++) {
			if ((p->key_types & (1u << i)) == 0)
				continue;
			if (allowed->len > 0)
				g_string_append (allowed, ", ");
			g_string_append (allowed, pkinext_key_type_to_string (i));
		}
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s does not allow %s keys (allowed: %s)", self->name,
			     pkinext_key_type_to_string (key_type), allowed->str);
		return FALSE;
	}
	if (key_type == PKINEXT_KEY_TYPE_RSA && (bits < p->rsa_min_bits || bits > p->rsa_max_bits)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s allows RSA keys of %u to %u bits, not %u", self->name,
			     p->rsa_min_bits, p->rsa_max_bits, bits);
		return FALSE;
	}
	return TRUE;
}

const PkinextProfilePolicy *
pkinext_profile_get_policy (PkinextProfile *self)
{
	return &self->p;
}

/**
 * pkinext_profile_san_critical:
 * @self: a profile
 * @subject_empty: whether the certificate's subject is empty
 *
 * Returns: whether the SAN extension is marked critical
 */
gboolean
pkinext_profile_san_critical (PkinextProfile *self, gboolean subject_empty)
{
	if (self->p.san_critical < 0)
		return subject_empty;
	return self->p.san_critical != 0;
}

static void
pkinext_profile_finalize (GObject *object)
{
	PkinextProfile *self = PKINEXT_PROFILE (object);
	PkinextProfilePolicy *p = &self->p;

	g_key_file_unref (self->kf);
	g_free (self->origin);
	g_free (self->name);
	g_free (self->description);
	g_clear_pointer (&p->subject_oids, g_ptr_array_unref);
	g_clear_pointer (&p->subject_force, g_bytes_unref);
	g_clear_pointer (&p->subject_force_oids, g_ptr_array_unref);
	g_strfreev (p->uri_schemes);
	g_strfreev (p->eku);
	g_strfreev (p->permitted_dns);
	g_strfreev (p->excluded_dns);
	g_strfreev (p->policies);
	g_free (p->cps_uri);
	g_clear_pointer (&p->tls_features, g_array_unref);
	for (guint i = 0; i < PKINEXT_PROFILE_KEY_CLASS_LAST; i++)
		g_clear_pointer (&p->constant_extensions[i], g_bytes_unref);
	G_OBJECT_CLASS (pkinext_profile_parent_class)->finalize (object);
}

static void
pkinext_profile_class_init (PkinextProfileClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_profile_finalize;
}

static void
pkinext_profile_init (PkinextProfile *self)
{
	self->kf = g_key_file_new ();
	self->version = 1;
}
