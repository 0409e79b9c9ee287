/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The pre-issuance linter: checks what is about to be signed against RFC 5280
 * and CA/Browser Forum basics. Any finding refuses issuance with
 * PKINEXT_ERROR_LINT and a message "lint: <rule-id>: <what>".
 */
#pragma once

#include <glib-object.h>

#include "pkinext-algorithm.h"
#include "pkinext-profile.h"

G_BEGIN_DECLS

/**
 * PkinextLintInput:
 * @common_name: (nullable): the CN of the final subject
 * @subject_empty: the final subject is an empty Name
 * @sans: (nullable) (element-type PkinextSan): the final SANs
 * @key_type: the subject public key's type
 * @key_bits: its size in bits
 * @signature_algorithm: the algorithm the CA signs with
 * @not_before: notBefore (unix seconds)
 * @not_after: notAfter (unix seconds, inclusive)
 * @san_critical: the SAN extension will be marked critical
 * @path_len: for CA certificates, the pathLenConstraint that will be written (-1 = none)
 *
 * What the issuer is about to sign; the profile supplies everything else
 * (CA flag, critical flags, key usage, EKU, lint switches).
 */
typedef struct {
	const gchar *common_name;
	gboolean subject_empty;
	GPtrArray *sans;
	PkinextKeyType key_type;
	guint key_bits;
	PkinextAlgorithm signature_algorithm;
	gint64 not_before;
	gint64 not_after;
	gboolean san_critical;
	gint path_len;
	/*< private >*/
	gpointer padding[4];
} PkinextLintInput;

#define PKINEXT_TYPE_LINTER (pkinext_linter_get_type ())
G_DECLARE_FINAL_TYPE (PkinextLinter, pkinext_linter, PKINEXT, LINTER, GObject)

PkinextLinter *
pkinext_linter_new (void) G_GNUC_WARN_UNUSED_RESULT;
void
pkinext_linter_set_check_internal_names (PkinextLinter *self, gboolean check);
gboolean
pkinext_linter_get_check_internal_names (PkinextLinter *self);
gboolean
pkinext_linter_check (PkinextLinter *self,
		      PkinextProfile *profile,
		      const PkinextLintInput *input,
		      GError **error);
GStrv
pkinext_linter_run (PkinextLinter *self, PkinextProfile *profile, const PkinextLintInput *input)
    G_GNUC_WARN_UNUSED_RESULT;
const gchar *const *
pkinext_linter_list_rules (void);

G_END_DECLS
