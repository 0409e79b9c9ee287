/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Distinguished names: RFC 4514 / openssl slash text <-> DER Name.
 */
#include "config.h"

#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-name.h"

#define DER_NUMERIC_STRING   0x12
#define DER_T61_STRING	     0x14
#define DER_VISIBLE_STRING   0x1a
#define DER_UNIVERSAL_STRING 0x1c
#define DER_BMP_STRING	     0x1e
#define NAME_MAX_AVAS	     64

typedef struct {
	const gchar *name; /* as openssl's short name */
	const gchar *oid;  /* dotted */
	const gchar *der;  /* OID content octets */
	guint der_len;
	guint8 tag;	 /* string type used when encoding */
	guint max_chars; /* RFC 5280 upper bound, 0 = none */
} NameAttribute;

#define X520(n) "\x55\x04" n, 3

static const NameAttribute name_attributes[] = {
	{"CN", "2.5.4.3", X520 ("\x03"), PKINEXT_DER_UTF8_STRING, 64},
	{"SN", "2.5.4.4", X520 ("\x04"), PKINEXT_DER_UTF8_STRING, 64},
	{"serialNumber", "2.5.4.5", X520 ("\x05"), PKINEXT_DER_PRINTABLE_STRING, 64},
	{"C", "2.5.4.6", X520 ("\x06"), PKINEXT_DER_PRINTABLE_STRING, 2},
	{"L", "2.5.4.7", X520 ("\x07"), PKINEXT_DER_UTF8_STRING, 128},
	{"ST", "2.5.4.8", X520 ("\x08"), PKINEXT_DER_UTF8_STRING, 128},
	{"street", "2.5.4.9", X520 ("\x09"), PKINEXT_DER_UTF8_STRING, 128},
	{"O", "2.5.4.10", X520 ("\x0a"), PKINEXT_DER_UTF8_STRING, 64},
	{"OU", "2.5.4.11", X520 ("\x0b"), PKINEXT_DER_UTF8_STRING, 64},
	{"title", "2.5.4.12", X520 ("\x0c"), PKINEXT_DER_UTF8_STRING, 64},
	{"businessCategory", "2.5.4.15", X520 ("\x0f"), PKINEXT_DER_UTF8_STRING, 128},
	{"postalCode", "2.5.4.17", X520 ("\x11"), PKINEXT_DER_UTF8_STRING, 40},
	{"GN", "2.5.4.42", X520 ("\x2a"), PKINEXT_DER_UTF8_STRING, 64},
	{"initials", "2.5.4.43", X520 ("\x2b"), PKINEXT_DER_UTF8_STRING, 64},
	{"dnQualifier", "2.5.4.46", X520 ("\x2e"), PKINEXT_DER_PRINTABLE_STRING, 64},
	{"pseudonym", "2.5.4.65", X520 ("\x41"), PKINEXT_DER_UTF8_STRING, 128},
	{"organizationIdentifier", "2.5.4.97", X520 ("\x61"), PKINEXT_DER_UTF8_STRING, 64},
	{"emailAddress", "1.2.840.113549.1.9.1", "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", 9,
	 PKINEXT_DER_IA5_STRING, 255},
	{"DC", "0.9.2342.19200300.100.1.25", "\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19", 10,
	 PKINEXT_DER_IA5_STRING, 63},
	{"UID", "0.9.2342.19200300.100.1.1", "\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x01", 10,
	 PKINEXT_DER_UTF8_STRING, 256},
	{"jurisdictionC", "1.3.6.1.4.1.311.60.2.1.3",
	 "\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03", 11, PKINEXT_DER_PRINTABLE_STRING, 2},
	{"jurisdictionST", "1.3.6.1.4.1.311.60.2.1.2",
	 "\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x02", 11, PKINEXT_DER_UTF8_STRING, 128},
	{"jurisdictionL", "1.3.6.1.4.1.311.60.2.1.1",
	 "\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x01", 11, PKINEXT_DER_UTF8_STRING, 128},
};

static const struct {
	const gchar *alias;
	const gchar *name;
} name_aliases[] = {
	{"commonName", "CN"},
	{"surname", "SN"},
	{"countryName", "C"},
	{"localityName", "L"},
	{"S", "ST"},
	{"stateOrProvinceName", "ST"},
	{"streetAddress", "street"},
	{"organizationName", "O"},
	{"organizationalUnitName", "OU"},
	{"givenName", "GN"},
	{"E", "emailAddress"},
	{"email", "emailAddress"},
	{"domainComponent", "DC"},
	{"userid", "UID"},
};

static const NameAttribute *
name_attribute_by_name (const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS (name_aliases); i++) {
		if (g_ascii_strcasecmp (name, name_aliases[i].alias) == 0) {
			name = name_aliases[i].name;
			break;
		}
	}
	for (guint i = 0; i < G_N_ELEMENTS (name_attributes); i++) {
		if (g_ascii_strcasecmp (name, name_attributes[i].name) == 0 ||
		    g_str_equal (name, name_attributes[i].oid))
			return &name_attributes[i];
	}
	return NULL;
}

static const NameAttribute *
name_attribute_by_der (const guint8 *oid, gsize len)
{
	for (guint i = 0; i < G_N_ELEMENTS (name_attributes); i++) {
		if (name_attributes[i].der_len == len &&
		    memcmp (name_attributes[i].der, oid, len) == 0)
			return &name_attributes[i];
	}
	return NULL;
}

/* ---- parsing text ------------------------------------------------------ */

typedef struct {
	const NameAttribute *attr; /* NULL for a dotted OID */
	gchar *type;		   /* as written */
	GByteArray *value;	   /* unescaped value */
	gboolean raw;		   /* value is a DER TLV from "#hex" */
	guint rdn;		   /* index of the RDN, in text order */
} NameAva;

static void
name_ava_clear (NameAva *ava)
{
	g_free (ava->type);
	if (ava->value != NULL)
		g_byte_array_unref (ava->value);
}

static gboolean
name_text_fail (GError **error, const gchar *text, const gchar *why)
{
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
		     "distinguished name \"%s\": %s", text, why);
	return FALSE;
}

/* "#0c03616263": a DER TLV in hex (RFC 4514 2.4) */
static gboolean
name_parse_hex_value (
	const gchar **pp, const gchar *seps, NameAva *ava, const gchar *text, GError **error)
{
	const gchar *p = *pp + 1;
	PkinextDerReader r;
	PkinextDerElement el;

	while (*p != '\0' && strchr (seps, *p) == NULL && *p != ' ') {
		guint8 b;
		if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]))
			return name_text_fail (error, text, "bad hex after '#'");
		b = (guint8)(g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
		g_byte_array_append (ava->value, &b, 1);
		p += 2;
	}
	while (*p == ' ')
		p++;
	if (ava->value->len == 0)
		return name_text_fail (error, text, "no hex after '#'");
	pkinext_der_reader_init (&r, ava->value->data, ava->value->len);
	if (!pkinext_der_read (&r, &el, NULL) || !pkinext_der_reader_at_end (&r))
		return name_text_fail (error, text, "the '#' value is not one DER element");
	ava->raw = TRUE;
	*pp = p;
	return TRUE;
}

/* reads a value up to an unescaped separator; trims unescaped spaces at both ends */
static gboolean
name_parse_value (
	const gchar **pp, const gchar *seps, NameAva *ava, const gchar *text, GError **error)
{
	const gchar *p = *pp;
	guint keep = 0; /* length up to the last escaped or non-space byte */

	while (*p == ' ')
		p++;
	if (*p == '#' && strchr (seps, '/') == NULL) { /* RFC 4514 only; openssl -subj has no hex */
		*pp = p;
		return name_parse_hex_value (pp, seps, ava, text, error);
	}
	if (*p == '"' && strchr (seps, '/') == NULL)
		return name_text_fail (error, text,
				       "quoted values are not supported, use \\ escapes");
	for (; *p != '\0' && strchr (seps, *p) == NULL; p++) {
		guint8 b = (guint8)*p;
		if (*p == '\\') {
			if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])) {
				b = (guint8)(g_ascii_xdigit_value (p[1]) << 4 |
					     g_ascii_xdigit_value (p[2]));
				p += 2;
			} else if (p[1] != '\0' && strchr (",+\"\\<>;=# /", p[1]) != NULL) {
				b = (guint8) * ++p;
			} else {
				return name_text_fail (error, text, "invalid \\ escape");
			}
			g_byte_array_append (ava->value, &b, 1);
			keep = ava->value->len;
			continue;
		}
		g_byte_array_append (ava->value, &b, 1);
		if (b != ' ')
			keep = ava->value->len;
	}
	g_byte_array_set_size (ava->value, keep);
	*pp = p;
	return TRUE;
}

static gboolean
name_parse_type (const gchar **pp, NameAva *ava, const gchar *text, GError **error)
{
	const gchar *p = *pp;
	const gchar *eq = strchr (p, '=');
	g_autofree gchar *type = NULL;
	GByteArray *oid = NULL;

	if (eq == NULL)
		return name_text_fail (error, text, "expected type=value");
	type = g_strstrip (g_strndup (p, (gsize)(eq - p)));
	if (*type == '\0')
		return name_text_fail (error, text, "empty attribute type");
	ava->attr = name_attribute_by_name (type);
	if (ava->attr == NULL) {
		oid = g_byte_array_new ();
		if (!g_ascii_isdigit (type[0]) || !pkinext_der_encode_oid (type, oid)) {
			g_byte_array_unref (oid);
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "distinguished name \"%s\": unknown attribute \"%s\"", text,
				     type);
			return FALSE;
		}
		/* a known attribute spelled as an OID (even "02.5.4.3") follows its rules */
		ava->attr = name_attribute_by_der (oid->data, oid->len);
		g_byte_array_unref (oid);
	}
	ava->type = g_steal_pointer (&type);
	*pp = eq + 1;
	return TRUE;
}

/* parses "type=value" pairs separated by @rdn_seps, '+' joining multi-valued RDNs */
static gboolean
name_parse_avas (
	const gchar *text, const gchar *start, const gchar *rdn_seps, GArray *avas, GError **error)
{
	g_autofree gchar *seps = g_strconcat (rdn_seps, "+", NULL);
	const gchar *p = start;
	guint rdn = 0;

	while (*p != '\0') {
		NameAva ava = {NULL, NULL, g_byte_array_new (), FALSE, rdn};
		g_array_append_val (avas, ava);
		if (avas->len > NAME_MAX_AVAS)
			return name_text_fail (error, text, "too many attributes");
		if (!name_parse_type (&p, &g_array_index (avas, NameAva, avas->len - 1), text,
				      error) ||
		    !name_parse_value (&p, seps, &g_array_index (avas, NameAva, avas->len - 1),
				       text, error))
			return FALSE;
		if (*p == '\0')
			break;
		if (*p != '+')
			rdn++;
		p++;
		while (*p == ' ')
			p++;
		if (*p == '\0' && rdn_seps[0] != '/')
			return name_text_fail (error, text, "ends with a separator");
	}
	return TRUE;
}

static gboolean
name_is_ascii (const gchar *s, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if ((guchar)s[i] >= 0x80)
			return FALSE;
	}
	return TRUE;
}

static gboolean
name_is_printable_string (const guint8 *s, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isalnum (s[i]) && strchr (" '()+,-./:=?", s[i]) == NULL)
			return FALSE;
	}
	return TRUE;
}

static gboolean
name_check_value (const NameAva *ava, const gchar *text, guint8 *tag, GError **error)
{
	const gchar *v = (const gchar *)ava->value->data;
	gsize len = ava->value->len;
	const gchar *type = ava->attr != NULL ? ava->attr->name : ava->type;
	const gchar *why = NULL;

	*tag = ava->attr != NULL ? ava->attr->tag : PKINEXT_DER_UTF8_STRING;
	if (len == 0)
		why = "is empty";
	else if (memchr (v, 0, len) != NULL || !g_utf8_validate (v, (gssize)len, NULL))
		why = "is not valid UTF-8";
	else if (*tag == PKINEXT_DER_PRINTABLE_STRING &&
		 !name_is_printable_string (ava->value->data, len))
		why = "has characters not allowed in a PrintableString";
	else if (*tag == PKINEXT_DER_IA5_STRING && !name_is_ascii (v, len))
		why = "is not ASCII";
	else if (ava->attr != NULL && ava->attr->max_chars == 2 && len != 2)
		why = "must be a two-letter country code";
	else if (ava->attr != NULL && ava->attr->max_chars > 0 &&
		 g_utf8_strlen (v, (gssize)len) > ava->attr->max_chars)
		why = "is longer than the RFC 5280 upper bound";
	if (why == NULL)
		return TRUE;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
		     "distinguished name \"%s\": the value of %s %s", text, type, why);
	return FALSE;
}

static GBytes *
name_encode_ava (const NameAva *ava, const gchar *text, GError **error)
{
	PkinextDerWriter w;
	guint8 tag = 0;

	if (!ava->raw && !name_check_value (ava, text, &tag, error))
		return NULL;
	pkinext_der_writer_init (&w, 32 + ava->value->len);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	if (ava->attr != NULL)
		pkinext_der_put (&w, PKINEXT_DER_OID, (const guint8 *)ava->attr->der,
				 ava->attr->der_len);
	else
		pkinext_der_put_oid (&w, ava->type);
	if (ava->raw)
		pkinext_der_put_raw (&w, ava->value->data, ava->value->len);
	else
		pkinext_der_put (&w, tag, ava->value->data, ava->value->len);
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

/* DER SET OF: elements in ascending order of their encodings */
static gint
name_compare_encodings (gconstpointer a, gconstpointer b)
{
	GBytes *x = *(GBytes *const *)a;
	GBytes *y = *(GBytes *const *)b;
	gsize xl = 0, yl = 0;
	const guint8 *xd = g_bytes_get_data (x, &xl);
	const guint8 *yd = g_bytes_get_data (y, &yl);
	gint c = memcmp (xd, yd, MIN (xl, yl));
	if (c != 0)
		return c;
	return xl < yl ? -1 : (xl > yl ? 1 : 0);
}

static gboolean
name_write_rdn (PkinextDerWriter *w, GArray *avas, guint rdn, const gchar *text, GError **error)
{
	g_autoptr (GPtrArray) enc = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

	for (guint i = 0; i < avas->len; i++) {
		const NameAva *ava = &g_array_index (avas, NameAva, i);
		GBytes *b;
		if (ava->rdn != rdn)
			continue;
		b = name_encode_ava (ava, text, error);
		if (b == NULL)
			return FALSE;
		g_ptr_array_add (enc, b);
	}
	g_ptr_array_sort (enc, name_compare_encodings);
	pkinext_der_begin (w, PKINEXT_DER_SET);
	for (guint i = 0; i < enc->len; i++)
		pkinext_der_put_bytes_raw (w, g_ptr_array_index (enc, i));
	pkinext_der_end (w);
	return TRUE;
}

/**
 * pkinext_name_from_string:
 * @str: RFC 4514 text ("CN=x,O=y,C=US") or openssl slash form ("/C=US/O=y/CN=x")
 * @error: return location
 *
 * Returns: (transfer full): the DER Name, or %NULL with %PKINEXT_ERROR_INVALID_ARGUMENT
 */
GBytes *
pkinext_name_from_string (const gchar *str, GError **error)
{
	g_autoptr (GArray) avas = g_array_new (FALSE, TRUE, sizeof (NameAva));
	gboolean slash;
	const gchar *start;
	PkinextDerWriter w;
	guint n_rdns;

	g_return_val_if_fail (str != NULL, NULL);
	g_array_set_clear_func (avas, (GDestroyNotify)name_ava_clear);
	start = str;
	while (*start == ' ')
		start++;
	slash = *start == '/';
	if (slash)
		start++;
	if (!name_parse_avas (str, start, slash ? "/" : ",;", avas, error))
		return NULL;
	n_rdns = avas->len > 0 ? g_array_index (avas, NameAva, avas->len - 1).rdn + 1 : 0;
	pkinext_der_writer_init (&w, 64 + strlen (str) * 2);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; i < n_rdns; i++) {
		/* RFC 4514 lists the most specific RDN first; DER has the most general first */
		guint rdn = slash ? i : n_rdns - 1 - i;
		if (!name_write_rdn (&w, avas, rdn, str, error)) {
			pkinext_der_writer_clear (&w);
			return NULL;
		}
	}
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

/* ---- DER to text ------------------------------------------------------- */

typedef struct {
	PkinextDerElement oid;
	PkinextDerElement value;
	guint rdn;
} NameDerAva;

/* walks a Name, calling @func for each attribute in DER order; FALSE if malformed */
static gboolean
name_walk (const guint8 *der,
	   gsize len,
	   gboolean (*func) (const NameDerAva *, gpointer),
	   gpointer user_data)
{
	PkinextDerReader r, seq;
	PkinextDerElement el;
	guint rdn = 0;

	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL) ||
	    !pkinext_der_reader_at_end (&r))
		return FALSE;
	pkinext_der_reader_enter (&r, &el, &seq);
	for (; !pkinext_der_reader_at_end (&seq); rdn++) {
		PkinextDerReader set;
		if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SET, &el, NULL) || el.len == 0)
			return FALSE;
		pkinext_der_reader_enter (&seq, &el, &set);
		while (!pkinext_der_reader_at_end (&set)) {
			PkinextDerReader atv;
			NameDerAva ava = {.rdn = rdn};
			if (!pkinext_der_read_expect (&set, PKINEXT_DER_SEQUENCE, &el, NULL))
				return FALSE;
			pkinext_der_reader_enter (&set, &el, &atv);
			if (!pkinext_der_read_expect (&atv, PKINEXT_DER_OID, &ava.oid, NULL) ||
			    ava.oid.len == 0 || !pkinext_der_read (&atv, &ava.value, NULL) ||
			    !pkinext_der_reader_at_end (&atv))
				return FALSE;
			if (func != NULL && !func (&ava, user_data))
				return TRUE; /* stop early */
		}
	}
	return TRUE;
}

static void
name_append_codepoint (GString *s, gunichar c)
{
	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	g_string_append_unichar (s, c);
}

/* the string value as UTF-8, or NULL if it is not a string type (or not decodable) */
static gchar *
name_value_to_utf8 (const PkinextDerElement *v)
{
	GString *s;

	switch (v->tag) {
	case PKINEXT_DER_UTF8_STRING:
		if (!g_utf8_validate ((const gchar *)v->content, (gssize)v->len, NULL))
			return NULL;
		return g_strndup ((const gchar *)v->content, v->len);
	case PKINEXT_DER_PRINTABLE_STRING:
	case PKINEXT_DER_IA5_STRING:
	case DER_NUMERIC_STRING:
	case DER_VISIBLE_STRING:
		if (!name_is_ascii ((const gchar *)v->content, v->len) ||
		    memchr (v->content, 0, v->len) != NULL)
			return NULL; /* no NUL: "good.example\0.evil.example" must not shorten */
		return g_strndup ((const gchar *)v->content, v->len);
	case DER_T61_STRING: /* as openssl: Latin-1 */
		s = g_string_sized_new (v->len * 2);
		for (gsize i = 0; i < v->len; i++)
			name_append_codepoint (s, v->content[i]);
		return g_string_free (s, FALSE);
	case DER_BMP_STRING:
	case DER_UNIVERSAL_STRING: {
		guint w = v->tag == DER_BMP_STRING ? 2 : 4;
		if (v->len % w != 0)
			return NULL;
		s = g_string_sized_new (v->len * 2);
		for (gsize i = 0; i < v->len; i += w) {
			gunichar c = 0;
			for (guint k = 0; k < w; k++)
				c = c << 8 | v->content[i + k];
			name_append_codepoint (s, c);
		}
		return g_string_free (s, FALSE);
	}
	default:
		return NULL;
	}
}

/* openssl's RFC 2253 escaping without ESC_MSB: UTF-8 is kept as is */
static void
name_append_escaped (GString *s, const gchar *v)
{
	gsize len = strlen (v);
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)v[i];
		if (strchr (",+\"\\<>;", c) != NULL && c != '\0')
			g_string_append_printf (s, "\\%c", c);
		else if ((c == '#' && i == 0) || (c == ' ' && (i == 0 || i == len - 1)))
			g_string_append_printf (s, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			g_string_append_printf (s, "\\%02X", c);
		else
			g_string_append_c (s, (gchar)c);
	}
}

static void
name_append_hex (GString *s, const guint8 *data, gsize len)
{
	g_string_append_c (s, '#');
	for (gsize i = 0; i < len; i++)
		g_string_append_printf (s, "%02X", data[i]);
}

static gboolean
name_collect (const NameDerAva *ava, gpointer user_data)
{
	g_array_append_val ((GArray *)user_data, *ava);
	return TRUE;
}

static void
name_append_ava (GString *s, const NameDerAva *ava)
{
	const NameAttribute *attr = name_attribute_by_der (ava->oid.content, ava->oid.len);
	g_autofree gchar *value = NULL;

	if (attr != NULL) {
		g_string_append (s, attr->name);
	} else {
		g_autofree gchar *dotted = pkinext_der_decode_oid (ava->oid.content, ava->oid.len);
		g_string_append (s, dotted != NULL ? dotted : "?");
	}
	g_string_append_c (s, '=');
	if (attr != NULL)
		value = name_value_to_utf8 (&ava->value);
	if (value != NULL)
		name_append_escaped (s, value);
	else
		name_append_hex (s, ava->value.tlv, ava->value.tlv_len);
}

/**
 * pkinext_name_to_string:
 * @der: (array length=len): a DER Name
 * @len: its length
 *
 * Returns: (transfer full) (nullable): RFC 4514 text, most specific RDN first, as
 *   `openssl x509 -nameopt RFC2253,-esc_msb` prints it; %NULL if @der is malformed
 */
gchar *
pkinext_name_to_string (const guint8 *der, gsize len)
{
	g_autoptr (GArray) avas = g_array_new (FALSE, FALSE, sizeof (NameDerAva));
	GString *s;

	if (!name_walk (der, len, name_collect, avas))
		return NULL;
	s = g_string_sized_new (len + 16);
	for (guint i = avas->len; i > 0; i--) {
		const NameDerAva *ava = &g_array_index (avas, NameDerAva, i - 1);
		if (i < avas->len)
			g_string_append_c (
				s, ava->rdn == g_array_index (avas, NameDerAva, i).rdn ? '+' : ',');
		name_append_ava (s, ava);
	}
	return g_string_free (s, FALSE);
}

typedef struct {
	const guint8 *oid;
	gsize oid_len;
	gchar *result;
} NameLookup;

static gboolean
name_find (const NameDerAva *ava, gpointer user_data)
{
	NameLookup *lookup = user_data;
	if (ava->oid.len != lookup->oid_len ||
	    memcmp (ava->oid.content, lookup->oid, lookup->oid_len))
		return TRUE;
	lookup->result = name_value_to_utf8 (&ava->value);
	if (lookup->result == NULL)
		lookup->result = g_strdup ("");
	return FALSE;
}

/**
 * pkinext_name_get_attribute:
 * @der: (array length=len): a DER Name
 * @len: its length
 * @attribute: "CN", "O", ... or a dotted OID
 *
 * Returns: (transfer full) (nullable): the first value of @attribute in DER order (the most
 *   general), as UTF-8; "" if it is not a string; %NULL if absent or @der is malformed
 */
gchar *
pkinext_name_get_attribute (const guint8 *der, gsize len, const gchar *attribute)
{
	const NameAttribute *attr = name_attribute_by_name (attribute);
	g_autoptr (GByteArray) oid = g_byte_array_new ();
	NameLookup lookup = {NULL, 0, NULL};

	if (attr != NULL) {
		lookup.oid = (const guint8 *)attr->der;
		lookup.oid_len = attr->der_len;
	} else if (pkinext_der_encode_oid (attribute, oid)) {
		lookup.oid = oid->data;
		lookup.oid_len = oid->len;
	} else {
		return NULL;
	}
	if (!name_walk (der, len, name_find, &lookup)) {
		g_free (lookup.result);
		return NULL;
	}
	return lookup.result;
}

/**
 * pkinext_name_validate:
 * @der: (array length=len): a DER Name
 * @len: its length
 * @error: return location
 *
 * Returns: %TRUE if @der is exactly one well-formed Name (INVALID_DATA otherwise)
 */
gboolean
pkinext_name_validate (const guint8 *der, gsize len, GError **error)
{
	if (name_walk (der, len, NULL, NULL))
		return TRUE;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
		     "malformed distinguished name");
	return FALSE;
}

gboolean
pkinext_name_equal (const guint8 *a, gsize a_len, const guint8 *b, gsize b_len)
{
	return a_len == b_len && memcmp (a, b, a_len) == 0;
}
