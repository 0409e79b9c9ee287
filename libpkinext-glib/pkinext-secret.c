/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkinextSecret"

#include "config.h"

#include <gnutls/gnutls.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-secret.h"

PkinextSecret *
pkinext_secret_new (const gchar *value)
{
	return g_strdup (value);
}

/**
 * pkinext_secret_free:
 * @secret: (nullable): a secret
 *
 * Wipes and frees @secret.
 */
void
pkinext_secret_free (PkinextSecret *secret)
{
	if (secret == NULL)
		return;
	gnutls_memset (secret, 0, strlen (secret));
	g_free (secret);
}

static PkinextSecret *
secret_load_file (const gchar *file, const gchar *what, GError **error)
{
	g_autofree gchar *contents = NULL;
	gsize len = 0;
	PkinextSecret *secret;

	if (!g_file_get_contents (file, &contents, &len, error)) {
		g_prefix_error (error, "reading %s from file: ", what);
		return NULL;
	}
	/* tolerate one trailing newline, as `echo PIN > file` writes */
	if (len > 0 && contents[len - 1] == '\n')
		contents[--len] = '\0';
	if (len > 0 && contents[len - 1] == '\r')
		contents[--len] = '\0';
	if (len == 0 || strlen (contents) != len) {
		gnutls_memset (contents, 0, len);
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_DATA,
			     "%s file %s is empty or contains a NUL byte",
			     what,
			     file);
		return NULL;
	}
	secret = g_strdup (contents);
	gnutls_memset (contents, 0, len);
	return secret;
}

/**
 * pkinext_secret_load:
 * @env_name: (nullable): environment variable holding the secret
 * @file: (nullable): file holding the secret (one trailing newline is ignored)
 * @inline_value: (nullable): the secret itself; development only, logs a warning
 * @what: what the secret is for, e.g. "PIN of token ca-token" (never the secret)
 * @error: return location
 *
 * Resolves a secret from exactly one source.
 *
 * Returns: (transfer full): the secret; free with pkinext_secret_free()
 */
PkinextSecret *
pkinext_secret_load (const gchar *env_name,
		     const gchar *file,
		     const gchar *inline_value,
		     const gchar *what,
		     GError **error)
{
	guint sources = (env_name != NULL) + (file != NULL) + (inline_value != NULL);

	if (sources == 0) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "no source configured for the %s (set pin-env, pin-file or pin)",
			     what);
		return NULL;
	}
	if (sources > 1) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "more than one source configured for the %s: choose one",
			     what);
		return NULL;
	}
	if (env_name != NULL) {
		const gchar *value = g_getenv (env_name);
		if (value == NULL || value[0] == '\0') {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_NOT_FOUND,
				     "environment variable %s (the %s) is not set",
				     env_name,
				     what);
			return NULL;
		}
		return g_strdup (value);
	}
	if (file != NULL)
		return secret_load_file (file, what, error);
	g_warning ("the %s is written inline in the configuration: "
		   "for development only, use pin-env or pin-file",
		   what);
	return g_strdup (inline_value);
}
