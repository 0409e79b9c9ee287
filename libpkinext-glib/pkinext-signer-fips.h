/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-signer.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_SIGNER_FIPS (pkinext_signer_fips_get_type ())
G_DECLARE_FINAL_TYPE (PkinextSignerFips, pkinext_signer_fips, PKINEXT, SIGNER_FIPS, PkinextSigner)

gboolean
pkinext_fips_check_mode (GError **error);
gboolean
pkinext_fips_check_allowed (PkinextAlgorithm algorithm,
			    PkinextKeyType key_type,
			    guint key_bits,
			    GError **error);
PkinextSigner *
pkinext_signer_fips_new_from_file (const gchar *path,
				   const gchar *passphrase,
				   PkinextAlgorithm algorithm,
				   GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSigner *
pkinext_signer_fips_new_from_data (GBytes *key,
				   const gchar *passphrase,
				   PkinextAlgorithm algorithm,
				   GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSigner *
pkinext_signer_fips_generate (PkinextKeyType key_type,
			      guint bits,
			      PkinextAlgorithm algorithm,
			      GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_signer_fips_save (PkinextSignerFips *self,
			  const gchar *path,
			  const gchar *passphrase,
			  GError **error);

G_END_DECLS
