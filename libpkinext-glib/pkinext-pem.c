/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PEM (RFC 7468): strict enough to reject garbage with a clear message, lenient about
 * whitespace and text around the blocks (explanatory text before BEGIN is allowed).
 */
#include "config.h"

#include <string.h>

#include "pkinext-error.h"
#include "pkinext-pem.h"

#define PEM_BEGIN  "-----BEGIN "
#define PEM_END	   "-----END "
#define PEM_DASHES "-----"

/* one block found in the input */
typedef struct {
	const gchar *label;
	gsize label_len;
	const gchar *body; /* base64 text between the BEGIN and END lines */
	gsize body_len;
	const gchar *next; /* first byte after the END line */
} PemBlock;

static const gchar *
pem_find (const gchar *p, const gchar *end, const gchar *needle)
{
	gsize n = strlen (needle);
	while (p != NULL && (gsize)(end - p) >= n) {
		p = memchr (p, needle[0], (gsize)(end - p) - n + 1);
		if (p == NULL)
			return NULL;
		if (memcmp (p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

static gboolean
pem_label_valid (const gchar *label, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (label[i] < 0x20 || label[i] > 0x7e || label[i] == '-')
			return FALSE;
	}
	return TRUE;
}

/* finds the next block at or after @p; FALSE and no error if there is none */
static gboolean
pem_next_block (const gchar *p, const gchar *end, PemBlock *block, gboolean *found, GError **error)
{
	const gchar *begin = pem_find (p, end, PEM_BEGIN);
	const gchar *label_end;
	const gchar *end_line;
	g_autofree gchar *end_marker = NULL;

	*found = FALSE;
	if (begin == NULL)
		return TRUE;
	block->label = begin + strlen (PEM_BEGIN);
	label_end = pem_find (block->label, end, PEM_DASHES);
	if (label_end == NULL || memchr (block->label, '\n', (gsize)(label_end - block->label)) ||
	    !pem_label_valid (block->label, (gsize)(label_end - block->label))) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: malformed BEGIN line");
		return FALSE;
	}
	block->label_len = (gsize)(label_end - block->label);
	block->body = label_end + strlen (PEM_DASHES);
	end_marker =
		g_strdup_printf (PEM_END "%.*s" PEM_DASHES, (int)block->label_len, block->label);
	end_line = pem_find (block->body, end, end_marker);
	if (end_line == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: no END line for the \"%.*s\" block", (int)block->label_len,
			     block->label);
		return FALSE;
	}
	block->body_len = (gsize)(end_line - block->body);
	block->next = end_line + strlen (end_marker);
	*found = TRUE;
	return TRUE;
}

static gboolean
pem_is_space (gchar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static gboolean
pem_is_base64 (gchar c)
{
	return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* strict base64: whitespace anywhere, padding only at the end, length a multiple of 4 */
static GBytes *
pem_decode_body (const PemBlock *block, GError **error)
{
	g_autofree gchar *clean = g_malloc (block->body_len + 1);
	gsize n = 0;
	guint pad = 0;
	gsize out_len = 0;

	for (gsize i = 0; i < block->body_len; i++) {
		gchar c = block->body[i];
		if (pem_is_space (c))
			continue;
		if ((c == '=' && pad < 2) || (pem_is_base64 (c) && pad == 0)) {
			pad += c == '=' ? 1 : 0;
			clean[n++] = c;
			continue;
		}
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: invalid character 0x%02x in the base64 of the \"%.*s\" block",
			     (guint8)c, (int)block->label_len, block->label);
		return NULL;
	}
	if (n == 0 || n % 4 != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: the \"%.*s\" block has %s base64", (int)block->label_len,
			     block->label, n == 0 ? "no" : "truncated");
		return NULL;
	}
	clean[n] = '\0';
	g_base64_decode_inplace (clean, &out_len);
	return g_bytes_new (clean, out_len);
}

static gboolean
pem_label_matches (const PemBlock *block, const gchar *label)
{
	gsize n;
	if (label == NULL)
		return TRUE;
	n = strlen (label);
	if (block->label_len == n && memcmp (block->label, label, n) == 0)
		return TRUE;
	/* some tools (Windows certreq, old Netscape) write NEW CERTIFICATE REQUEST */
	return g_str_equal (label, "CERTIFICATE REQUEST") && block->label_len == 23 &&
	       memcmp (block->label, "NEW CERTIFICATE REQUEST", 23) == 0;
}

/**
 * pkinext_pem_decode_all:
 * @data: PEM text
 * @len: length of @data
 * @label: (nullable): the label to collect, or %NULL for every block
 * @error: return location
 *
 * Returns: (transfer full) (element-type GBytes): the decoded blocks, in order
 */
GPtrArray *
pkinext_pem_decode_all (const gchar *data, gsize len, const gchar *label, GError **error)
{
	g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
	const gchar *p = data;
	const gchar *end = data + len;
	g_autofree gchar *other = NULL;

	while (p < end) {
		PemBlock block;
		gboolean found = FALSE;
		GBytes *der;

		if (!pem_next_block (p, end, &block, &found, error))
			return NULL;
		if (!found)
			break;
		p = block.next;
		if (!pem_label_matches (&block, label)) {
			if (other == NULL)
				other = g_strndup (block.label, block.label_len);
			continue;
		}
		der = pem_decode_body (&block, error);
		if (der == NULL)
			return NULL;
		g_ptr_array_add (out, der);
	}
	if (out->len > 0)
		return g_steal_pointer (&out);
	if (other != NULL)
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: expected a \"%s\" block, found \"%s\"", label, other);
	else
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: no \"-----BEGIN %s-----\" block found", label ? label : "...");
	return NULL;
}

/**
 * pkinext_pem_decode:
 * @data: PEM text
 * @len: length of @data
 * @label: (nullable): the label wanted, e.g. "CERTIFICATE REQUEST", or %NULL for any
 * @error: return location
 *
 * Returns: (transfer full): the DER of the first block labelled @label
 */
GBytes *
pkinext_pem_decode (const gchar *data, gsize len, const gchar *label, GError **error)
{
	const gchar *p = data;
	const gchar *end = data + len;
	g_autofree gchar *other = NULL;

	while (p < end) {
		PemBlock block;
		gboolean found = FALSE;

		if (!pem_next_block (p, end, &block, &found, error))
			return NULL;
		if (!found)
			break;
		if (pem_label_matches (&block, label))
			return pem_decode_body (&block, error);
		if (other == NULL)
			other = g_strndup (block.label, block.label_len);
		p = block.next;
	}
	if (other != NULL)
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: expected a \"%s\" block, found \"%s\"", label, other);
	else
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "PEM: no \"-----BEGIN %s-----\" block found", label ? label : "...");
	return NULL;
}

/**
 * pkinext_pem_encode:
 * @label: the PEM label, e.g. "CERTIFICATE"
 * @der: the DER to wrap
 *
 * Returns: (transfer full): the PEM text, lines of 64 characters, ending in a newline
 */
gchar *
pkinext_pem_encode (const gchar *label, GBytes *der)
{
	gsize len = 0;
	const guint8 *data = g_bytes_get_data (der, &len);
	g_autofree gchar *b64 = g_base64_encode (data, len);
	gsize b64_len = strlen (b64);
	GString *s = g_string_sized_new (b64_len + b64_len / 64 + 2 * strlen (label) + 40);

	g_string_append_printf (s, PEM_BEGIN "%s" PEM_DASHES "\n", label);
	for (gsize i = 0; i < b64_len; i += 64) {
		g_string_append_len (s, b64 + i, MIN (64, b64_len - i));
		g_string_append_c (s, '\n');
	}
	g_string_append_printf (s, PEM_END "%s" PEM_DASHES "\n", label);
	return g_string_free (s, FALSE);
}

/**
 * pkinext_pem_is_pem:
 * @data: input
 * @len: its length
 *
 * Returns: whether @data contains a PEM BEGIN line (and so is not DER)
 */
gboolean
pkinext_pem_is_pem (const guint8 *data, gsize len)
{
	if (len == 0 || data[0] == 0x30)
		return FALSE;
	return pem_find ((const gchar *)data, (const gchar *)data + len, PEM_BEGIN) != NULL;
}

/**
 * pkinext_pem_or_der:
 * @data: DER or PEM
 * @label: the PEM label wanted
 * @error: return location
 *
 * Returns: (transfer full): @data itself (a new reference) if it is DER, else the decoded block
 */
GBytes *
pkinext_pem_or_der (GBytes *data, const gchar *label, GError **error)
{
	gsize len = 0;
	const guint8 *p = g_bytes_get_data (data, &len);

	if (len == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, "empty input");
		return NULL;
	}
	if (p[0] == 0x30)
		return g_bytes_ref (data);
	if (!pkinext_pem_is_pem (p, len)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "neither DER (first byte 0x%02x is not a SEQUENCE) nor PEM", p[0]);
		return NULL;
	}
	return pkinext_pem_decode ((const gchar *)p, len, label, error);
}
