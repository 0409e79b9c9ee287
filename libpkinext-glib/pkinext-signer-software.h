/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "pkinext-signer.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_SIGNER_SOFTWARE (pkinext_signer_software_get_type ())
G_DECLARE_FINAL_TYPE (PkinextSignerSoftware,
		      pkinext_signer_software,
		      PKINEXT,
		      SIGNER_SOFTWARE,
		      PkinextSigner)

PkinextSigner *
pkinext_signer_software_new_from_data (GBytes *key,
				       const gchar *passphrase,
				       PkinextAlgorithm algorithm,
				       GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSigner *
pkinext_signer_software_new_from_file (const gchar *path,
				       const gchar *passphrase,
				       PkinextAlgorithm algorithm,
				       GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSigner *
pkinext_signer_software_generate (PkinextKeyType key_type,
				  guint bits,
				  PkinextAlgorithm algorithm,
				  GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_signer_software_save (PkinextSignerSoftware *self,
			      const gchar *path,
			      const gchar *passphrase,
			      GError **error);

G_END_DECLS
