/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The parsed rules of a profile, for the issuer and the linter (read-only once
 * loaded: profiles are immutable, so they can be shared between threads).
 */
#pragma once

#include "pkinext-profile.h"
#include "pkinext-san.h"

G_BEGIN_DECLS

/* the variants of the constant extension run: keyUsage bits depend on the key */
typedef enum {
	PKINEXT_PROFILE_KEY_CLASS_RSA,
	PKINEXT_PROFILE_KEY_CLASS_EC,
	PKINEXT_PROFILE_KEY_CLASS_OTHER, /* Ed25519, ML-DSA: signature only */
	PKINEXT_PROFILE_KEY_CLASS_LAST
} PkinextProfileKeyClass;

typedef struct {
	/* [validity] */
	gint64 default_validity;
	gint64 max_validity;
	gint64 backdate;
	/* [keys] */
	guint32 key_types; /* bit (1 << PkinextKeyType) per allowed type */
	guint rsa_min_bits;
	guint rsa_max_bits;
	/* [subject] */
	gboolean subject_copy_all;
	GPtrArray *subject_oids;       /* of GBytes: OID contents of attributes taken from the CSR */
	GBytes *subject_force;	       /* Name DER of the forced attributes, or NULL */
	GPtrArray *subject_force_oids; /* of GBytes: their OID contents */
	PkinextCommonNamePolicy cn_policy;
	/* [san] */
	guint32 san_types; /* bit (1 << PkinextSanType) per type taken from the CSR */
	gboolean san_required;
	gboolean san_drop_unlisted;
	guint san_max;
	gint san_critical; /* -1 = auto (critical iff the subject is empty) */
	gchar **uri_schemes;
	gboolean wildcards;
	/* [basic-constraints] */
	gboolean bc_present;
	gboolean is_ca;
	gint path_len;	   /* written when the request does not choose; -1 = none */
	gint max_path_len; /* the largest a request may ask for; -1 = no limit */
	gboolean bc_critical;
	/* [key-usage] */
	guint32 key_usage;
	gboolean ku_critical;
	/* [extended-key-usage] */
	gchar **eku; /* dotted OIDs */
	gboolean eku_critical;
	gboolean eku_server_auth;
	/* [name-constraints] */
	gchar **permitted_dns;
	gchar **excluded_dns;
	/* [extensions] */
	gboolean ski;
	gboolean aki;
	gboolean crl_dp;
	gboolean aia_ocsp;
	gboolean aia_ca_issuers;
	gboolean ocsp_nocheck;
	gchar **policies;
	gchar *cps_uri;
	GArray *tls_features; /* of guint */
	/* [lint] */
	gboolean lint_tls;
	gboolean lint_internal_names;
	/* precomputed: BC (end entities only), KU, EKU, policies, TLS feature, ocsp-nocheck,
	 * as Extension TLVs */
	GBytes *constant_extensions[PKINEXT_PROFILE_KEY_CLASS_LAST];
} PkinextProfilePolicy;

const PkinextProfilePolicy *
pkinext_profile_get_policy (PkinextProfile *self);
PkinextProfileKeyClass
pkinext_profile_key_class (PkinextKeyType key_type);
guint32
pkinext_profile_key_usage_for_key (PkinextProfile *self, PkinextKeyType key_type);
gboolean
pkinext_profile_san_critical (PkinextProfile *self, gboolean subject_empty);

G_END_DECLS
