/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PkinextSanType:
 * @PKINEXT_SAN_DNS: dNSName, e.g. "www.example.com" or "*.example.com"
 * @PKINEXT_SAN_IP: iPAddress, as text: "192.0.2.1" or "2001:db8::1"
 * @PKINEXT_SAN_EMAIL: rfc822Name, e.g. "user@example.com"
 * @PKINEXT_SAN_URI: uniformResourceIdentifier, e.g. "https://example.com/x"
 * @PKINEXT_SAN_UPN: Microsoft UPN otherName (1.3.6.1.4.1.311.20.2.3), "user@example.com"
 * @PKINEXT_SAN_KRB5_PRINCIPAL: id-pkinit-san otherName (1.3.6.1.5.2.2), "user/host@REALM"
 * @PKINEXT_SAN_OTHER: any other GeneralName (directoryName, registeredID, an unknown
 *   otherName...). Parsed for display only: the value is a description such as
 *   "othername:1.2.3.4", "dirname:CN=x", "rid:1.2.3" and it cannot be encoded.
 *
 * The kinds of Subject Alternative Name the CA understands.
 */
typedef enum {
	PKINEXT_SAN_DNS,
	PKINEXT_SAN_IP,
	PKINEXT_SAN_EMAIL,
	PKINEXT_SAN_URI,
	PKINEXT_SAN_UPN,
	PKINEXT_SAN_KRB5_PRINCIPAL,
	PKINEXT_SAN_OTHER,
} PkinextSanType;

/**
 * PkinextSan:
 * @type: the kind of name
 * @value: the name as text (see #PkinextSanType)
 *
 * One Subject Alternative Name. A boxed type; arrays of them are `GPtrArray`s whose
 * free function is pkinext_san_free().
 */
typedef struct {
	PkinextSanType type;
	gchar *value;
} PkinextSan;

/*
 * pkinext_san_new: no validation, no normalisation. pkinext_san_new_from_string: "type:value",
 * validated; DNS names lowercased and IPv6 addresses compressed. pkinext_san_type_from_string:
 * "dns", "ip", "email" (or "rfc822"), "uri", "upn", "krb5" (or "krb5principal"), any case;
 * FALSE for anything else, including "other". pkinext_san_equal: DNS names compare
 * case-insensitively, other values exactly. pkinext_san_array_new: an empty GPtrArray that frees
 * its PkinextSan elements.
 */
#define PKINEXT_TYPE_SAN (pkinext_san_get_type ())

GType
pkinext_san_get_type (void) G_GNUC_CONST;
PkinextSan *
pkinext_san_new (PkinextSanType type, const gchar *value) G_GNUC_WARN_UNUSED_RESULT;
PkinextSan *
pkinext_san_new_from_string (const gchar *str, GError **error) G_GNUC_WARN_UNUSED_RESULT;
PkinextSan *
pkinext_san_copy (const PkinextSan *san) G_GNUC_WARN_UNUSED_RESULT;
void
pkinext_san_free (PkinextSan *san);
gchar *
pkinext_san_to_string (const PkinextSan *san) G_GNUC_WARN_UNUSED_RESULT;
gboolean
pkinext_san_equal (const PkinextSan *a, const PkinextSan *b);
gboolean
pkinext_san_validate (const PkinextSan *san, GError **error);

const gchar *
pkinext_san_type_to_string (PkinextSanType type);
gboolean
pkinext_san_type_from_string (const gchar *name, PkinextSanType *type);

GPtrArray *
pkinext_san_array_new (void) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *
pkinext_san_array_copy (GPtrArray *sans) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkinextSan, pkinext_san_free)

G_END_DECLS
