/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libFuzzer target: profile files (custom profiles arrive through the admin API and
 * are stored in the database). Whatever parses must serialise with
 * pkinext_profile_to_data() and parse back to the same constant extensions.
 */
#include "config.h"

#include <stdint.h>

#include "pkinext.h"
#include "pkinext-profile-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) p = NULL;
	g_autoptr(PkinextProfile) again = NULL;
	g_autofree gchar *text = NULL;
	gsize len = 0;

	p = pkinext_profile_new_from_data ((const gchar *)data, (gssize)size, "fuzz", &error);
	if (p == NULL) {
		g_assert (error != NULL && error->domain == PKINEXT_ERROR);
		return 0;
	}
	text = pkinext_profile_to_data (p, &len);
	again = pkinext_profile_new_from_data (text, (gssize)len, "fuzz-again", &error);
	g_assert (again != NULL);
	for (guint i = 0; i < PKINEXT_PROFILE_KEY_CLASS_LAST; i++)
		g_assert (g_bytes_equal (pkinext_profile_get_policy (p)->constant_extensions[i],
					 pkinext_profile_get_policy (again)->constant_extensions[i]));
	return 0;
}
