/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A NUL-terminated secret (PIN, passphrase, HMAC key) that is wiped when freed. */
typedef gchar PkinextSecret;

PkinextSecret *
pkinext_secret_load (const gchar *env_name,
		     const gchar *file,
		     const gchar *inline_value,
		     const gchar *what,
		     GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSecret *
pkinext_secret_new (const gchar *value);
void
pkinext_secret_free (PkinextSecret *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkinextSecret, pkinext_secret_free)

G_END_DECLS
