/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Certificate profiles: what a certificate issued under a name looks like
 * (validity, key usage, EKU, basic constraints, subject and SAN policy, allowed
 * keys, extra extensions). Loaded from GKeyFile ".profile" files (built-ins in
 * data/profiles/, format in pkinext-profile(5)) or from stored data (custom
 * profiles kept in the database, versioned).
 */
#pragma once

#include <glib-object.h>

#include "pkinext-algorithm.h"

G_BEGIN_DECLS

/**
 * PkinextKeyUsage:
 * @PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE: digitalSignature
 * @PKINEXT_KEY_USAGE_NON_REPUDIATION: nonRepudiation (contentCommitment)
 * @PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT: keyEncipherment (RSA keys only)
 * @PKINEXT_KEY_USAGE_DATA_ENCIPHERMENT: dataEncipherment (RSA keys only)
 * @PKINEXT_KEY_USAGE_KEY_AGREEMENT: keyAgreement (EC keys only)
 * @PKINEXT_KEY_USAGE_KEY_CERT_SIGN: keyCertSign
 * @PKINEXT_KEY_USAGE_CRL_SIGN: cRLSign
 * @PKINEXT_KEY_USAGE_ENCIPHER_ONLY: encipherOnly
 * @PKINEXT_KEY_USAGE_DECIPHER_ONLY: decipherOnly
 *
 * KeyUsage bits (RFC 5280 4.2.1.3); bit n is the named bit n of the BIT STRING.
 */
typedef enum {
	PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0,
	PKINEXT_KEY_USAGE_NON_REPUDIATION = 1 << 1,
	PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT = 1 << 2,
	PKINEXT_KEY_USAGE_DATA_ENCIPHERMENT = 1 << 3,
	PKINEXT_KEY_USAGE_KEY_AGREEMENT = 1 << 4,
	PKINEXT_KEY_USAGE_KEY_CERT_SIGN = 1 << 5,
	PKINEXT_KEY_USAGE_CRL_SIGN = 1 << 6,
	PKINEXT_KEY_USAGE_ENCIPHER_ONLY = 1 << 7,
	PKINEXT_KEY_USAGE_DECIPHER_ONLY = 1 << 8,
} PkinextKeyUsage;

/**
 * PkinextCommonNamePolicy:
 * @PKINEXT_COMMON_NAME_OPTIONAL: the subject may carry a CN
 * @PKINEXT_COMMON_NAME_REQUIRED: the subject must carry a CN
 * @PKINEXT_COMMON_NAME_FORBIDDEN: the subject must not carry a CN (e.g. SPIFFE SVIDs)
 */
typedef enum {
	PKINEXT_COMMON_NAME_OPTIONAL,
	PKINEXT_COMMON_NAME_REQUIRED,
	PKINEXT_COMMON_NAME_FORBIDDEN,
} PkinextCommonNamePolicy;

#define PKINEXT_TYPE_PROFILE (pkinext_profile_get_type ())
G_DECLARE_FINAL_TYPE (PkinextProfile, pkinext_profile, PKINEXT, PROFILE, GObject)

/* the file extension of profile files in a profile directory */
#define PKINEXT_PROFILE_SUFFIX ".profile"

PkinextProfile *
pkinext_profile_new_from_file (const gchar *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextProfile *
pkinext_profile_new_from_data (const gchar *data,
			       gssize len,
			       const gchar *origin,
			       GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextProfile *
pkinext_profile_load (const gchar *name, const gchar *dir, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *
pkinext_profile_load_directory (const gchar *dir, GError **error) G_GNUC_WARN_UNUSED_RESULT;
const gchar *
pkinext_profile_get_default_directory (void);
gchar *
pkinext_profile_to_data (PkinextProfile *self, gsize *len) G_GNUC_WARN_UNUSED_RESULT;

const gchar *
pkinext_profile_get_name (PkinextProfile *self);
const gchar *
pkinext_profile_get_description (PkinextProfile *self);
guint
pkinext_profile_get_version (PkinextProfile *self);
gboolean
pkinext_profile_get_auto_approve (PkinextProfile *self);
const gchar *
pkinext_profile_get_origin (PkinextProfile *self);

gint64
pkinext_profile_get_default_validity (PkinextProfile *self);
gint64
pkinext_profile_get_max_validity (PkinextProfile *self);
gint64
pkinext_profile_get_backdate (PkinextProfile *self);
gboolean
pkinext_profile_is_ca (PkinextProfile *self, gint *path_len);
PkinextKeyUsage
pkinext_profile_get_key_usage (PkinextProfile *self);
const gchar *const *
pkinext_profile_get_extended_key_usages (PkinextProfile *self);
PkinextCommonNamePolicy
pkinext_profile_get_common_name_policy (PkinextProfile *self);

gboolean
pkinext_profile_check_key (PkinextProfile *self,
			   PkinextKeyType key_type,
			   guint bits,
			   GError **error);

/* helpers shared with the configuration code */
gboolean
pkinext_profile_parse_duration (const gchar *text, gint64 *seconds, GError **error);
const gchar *
pkinext_profile_eku_from_name (const gchar *name);

G_END_DECLS
