/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pkinext-revocation.h"
#include "pkinext-signer.h"

G_BEGIN_DECLS

#define PKINEXT_TYPE_CRL_BUILDER (pkinext_crl_builder_get_type ())
G_DECLARE_FINAL_TYPE (PkinextCrlBuilder, pkinext_crl_builder, PKINEXT, CRL_BUILDER, GObject)

PkinextCrlBuilder *
pkinext_crl_builder_new (PkinextSigner *signer,
			 GBytes *issuer_name,
			 GBytes *authority_key_id,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;

void
pkinext_crl_builder_set_crl_number (PkinextCrlBuilder *self, guint64 crl_number);
void
pkinext_crl_builder_set_this_update (PkinextCrlBuilder *self, gint64 this_update);
void
pkinext_crl_builder_set_next_update (PkinextCrlBuilder *self, gint64 next_update);
void
pkinext_crl_builder_set_delta (PkinextCrlBuilder *self, guint64 base_crl_number);
gboolean
pkinext_crl_builder_set_distribution_point (PkinextCrlBuilder *self,
					    const gchar *uri,
					    GError **error);
gboolean
pkinext_crl_builder_set_freshest_crl (PkinextCrlBuilder *self, const gchar *uri, GError **error);
void
pkinext_crl_builder_reserve (PkinextCrlBuilder *self, guint n_entries);

gboolean
pkinext_crl_builder_add (PkinextCrlBuilder *self,
			 const guint8 *serial,
			 gsize serial_len,
			 gint64 revocation_time,
			 PkinextRevocationReason reason,
			 gint64 invalidity_date,
			 GError **error);
gboolean
pkinext_crl_builder_add_hex (PkinextCrlBuilder *self,
			     const gchar *serial_hex,
			     gint64 revocation_time,
			     PkinextRevocationReason reason,
			     gint64 invalidity_date,
			     GError **error);
guint64
pkinext_crl_builder_get_n_entries (PkinextCrlBuilder *self);

GBytes *
pkinext_crl_builder_finish (PkinextCrlBuilder *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_crl_builder_finish_to_stream (PkinextCrlBuilder *self,
				      GOutputStream *stream,
				      GCancellable *cancellable,
				      GError **error);

G_END_DECLS
