/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * X.509 v3 extension encoders (RFC 5280 4.2, RFC 6960 4.2.2.2.1, RFC 7633).
 */
#define G_LOG_DOMAIN "PkinextExtensions"

#include "config.h"

#include <string.h>

#include "pkinext-error.h"
#include "pkinext-extensions-private.h"
#include "pkinext-san-private.h"

/* encoded OID TLVs of the extensions written for every certificate (no allocation) */
static const guint8 oid_tlv_ski[] = {0x06, 0x03, 0x55, 0x1d, 0x0e};
static const guint8 oid_tlv_san[] = {0x06, 0x03, 0x55, 0x1d, 0x11};
static const guint8 oid_tlv_aki[] = {0x06, 0x03, 0x55, 0x1d, 0x23};

#define GENERAL_NAME_DNS PKINEXT_DER_CONTEXT (2)
#define GENERAL_NAME_URI PKINEXT_DER_CONTEXT (6)

static void
extensions_begin_raw (PkinextDerWriter *w, const guint8 *oid_tlv, gsize len, gboolean critical)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_raw (w, oid_tlv, len);
	if (critical)
		pkinext_der_put_boolean (w, TRUE);
	pkinext_der_begin (w, PKINEXT_DER_OCTET_STRING);
}

/**
 * pkinext_extensions_begin:
 * @w: a DER writer
 * @oid: the extnID
 * @critical: whether to mark the extension critical (FALSE is the DER default: omitted)
 *
 * Opens an Extension and its extnValue; write the value, then call pkinext_extensions_end().
 */
void
pkinext_extensions_begin (PkinextDerWriter *w, const gchar *oid, gboolean critical)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, oid);
	if (critical)
		pkinext_der_put_boolean (w, TRUE);
	pkinext_der_begin (w, PKINEXT_DER_OCTET_STRING);
}

void
pkinext_extensions_end (PkinextDerWriter *w)
{
	pkinext_der_end (w); /* OCTET STRING */
	pkinext_der_end (w); /* Extension */
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } */
void
pkinext_extensions_write_basic_constraints (PkinextDerWriter *w,
					     gboolean ca,
					     gint path_len,
					     gboolean critical)
{
	pkinext_extensions_begin (w, PKINEXT_OID_BASIC_CONSTRAINTS, critical);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	if (ca) {
		pkinext_der_put_boolean (w, TRUE);
		if (path_len >= 0)
			pkinext_der_put_uint (w, PKINEXT_DER_INTEGER, (guint64)path_len);
	}
	pkinext_der_end (w);
	pkinext_extensions_end (w);
}

/* KeyUsage ::= BIT STRING (named bits, trailing zeros dropped) */
void
pkinext_extensions_write_key_usage (PkinextDerWriter *w, guint32 bits, gboolean critical)
{
	pkinext_extensions_begin (w, PKINEXT_OID_KEY_USAGE, critical);
	pkinext_der_put_named_bits (w, bits);
	pkinext_extensions_end (w);
}

static gboolean
extensions_put_oid (PkinextDerWriter *w, const gchar *oid, const gchar *what, GError **error)
{
	g_autoptr(GByteArray) tmp = g_byte_array_sized_new (16);
	if (!pkinext_der_encode_oid (oid, tmp)) {
		g_set_error (error,
			     PKINEXT_ERROR,
			     PKINEXT_ERROR_INVALID_ARGUMENT,
			     "invalid %s OID '%s'",
			     what,
			     oid);
		return FALSE;
	}
	pkinext_der_put (w, PKINEXT_DER_OID, tmp->data, tmp->len);
	return TRUE;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
gboolean
pkinext_extensions_write_extended_key_usage (PkinextDerWriter *w,
					      const gchar *const *oids,
					      gboolean critical,
					      GError **error)
{
	pkinext_extensions_begin (w, PKINEXT_OID_EXT_KEY_USAGE, critical);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; oids != NULL && oids[i] != NULL; i++) {
		if (!extensions_put_oid (w, oids[i], "extended key usage", error))
			return FALSE;
	}
	pkinext_der_end (w);
	pkinext_extensions_end (w);
	return TRUE;
}

/* SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING); never critical */
void
pkinext_extensions_write_subject_key_id (PkinextDerWriter *w, const guint8 *id, gsize len)
{
	extensions_begin_raw (w, oid_tlv_ski, sizeof (oid_tlv_ski), FALSE);
	pkinext_der_put (w, PKINEXT_DER_OCTET_STRING, id, len);
	pkinext_extensions_end (w);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT KeyIdentifier OPTIONAL, ... } */
void
pkinext_extensions_write_authority_key_id (PkinextDerWriter *w, const guint8 *id, gsize len)
{
	extensions_begin_raw (w, oid_tlv_aki, sizeof (oid_tlv_aki), FALSE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put (w, PKINEXT_DER_CONTEXT (0), id, len);
	pkinext_der_end (w);
	pkinext_extensions_end (w);
}

/* SubjectAltName ::= GeneralNames; critical when the subject is empty (RFC 5280 4.2.1.6) */
gboolean
pkinext_extensions_write_subject_alt_name (PkinextDerWriter *w,
					    GPtrArray *sans,
					    gboolean critical,
					    GError **error)
{
	extensions_begin_raw (w, oid_tlv_san, sizeof (oid_tlv_san), critical);
	if (!pkinext_san_write_general_names (w, sans, error))
		return FALSE;
	pkinext_extensions_end (w);
	return TRUE;
}

/*
 * CRLDistributionPoints ::= SEQUENCE OF DistributionPoint
 * DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL, ... }
 * DistributionPointName ::= CHOICE { fullName [0] GeneralNames, ... }
 * (a CHOICE is tagged explicitly, so [0] is constructed; fullName is IMPLICIT GeneralNames)
 */
void
pkinext_extensions_write_crl_distribution_points (PkinextDerWriter *w, const gchar *url)
{
	pkinext_extensions_begin (w, PKINEXT_OID_CRL_DISTRIBUTION_POINTS, FALSE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_put_string (w, GENERAL_NAME_URI, url);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_der_end (w);
	pkinext_extensions_end (w);
}

static void
extensions_put_access_description (PkinextDerWriter *w, const gchar *method, const gchar *url)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, method);
	pkinext_der_put_string (w, GENERAL_NAME_URI, url);
	pkinext_der_end (w);
}

/* AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription */
void
pkinext_extensions_write_authority_info_access (PkinextDerWriter *w,
						 const gchar *ocsp_url,
						 const gchar *ca_issuers_url)
{
	g_return_if_fail (ocsp_url != NULL || ca_issuers_url != NULL);
	pkinext_extensions_begin (w, PKINEXT_OID_AUTHORITY_INFO_ACCESS, FALSE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	if (ocsp_url != NULL)
		extensions_put_access_description (w, PKINEXT_OID_AD_OCSP, ocsp_url);
	if (ca_issuers_url != NULL)
		extensions_put_access_description (w, PKINEXT_OID_AD_CA_ISSUERS, ca_issuers_url);
	pkinext_der_end (w);
	pkinext_extensions_end (w);
}

/*
 * certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 * PolicyInformation ::= SEQUENCE { policyIdentifier OID,
 *     policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
 * The CPS URI qualifier (IA5String) is attached to the first policy.
 */
gboolean
pkinext_extensions_write_certificate_policies (PkinextDerWriter *w,
						const gchar *const *oids,
						const gchar *cps_uri,
						GError **error)
{
	pkinext_extensions_begin (w, PKINEXT_OID_CERTIFICATE_POLICIES, FALSE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; oids != NULL && oids[i] != NULL; i++) {
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		if (!extensions_put_oid (w, oids[i], "certificate policy", error))
			return FALSE;
		if (i == 0 && cps_uri != NULL) {
			pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
			pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
			pkinext_der_put_oid (w, PKINEXT_OID_QT_CPS);
			pkinext_der_put_string (w, PKINEXT_DER_IA5_STRING, cps_uri);
			pkinext_der_end (w);
			pkinext_der_end (w);
		}
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
	pkinext_extensions_end (w);
	return TRUE;
}

/* Features ::= SEQUENCE OF INTEGER (RFC 7633); "must-staple" is status_request (5) */
void
pkinext_extensions_write_tls_feature (PkinextDerWriter *w, const guint *features, guint n)
{
	pkinext_extensions_begin (w, PKINEXT_OID_TLS_FEATURE, FALSE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	for (guint i = 0; i < n; i++)
		pkinext_der_put_uint (w, PKINEXT_DER_INTEGER, features[i]);
	pkinext_der_end (w);
	pkinext_extensions_end (w);
}

/* id-pkix-ocsp-nocheck: extnValue is NULL (RFC 6960 4.2.2.2.1) */
void
pkinext_extensions_write_ocsp_nocheck (PkinextDerWriter *w)
{
	pkinext_extensions_begin (w, PKINEXT_OID_OCSP_NOCHECK, FALSE);
	pkinext_der_put_null (w);
	pkinext_extensions_end (w);
}

static gboolean
extensions_put_dns_subtrees (PkinextDerWriter *w,
			     guint8 tag,
			     const gchar *const *names,
			     GError **error)
{
	if (names == NULL || names[0] == NULL)
		return TRUE;
	pkinext_der_begin (w, tag);
	for (guint i = 0; names[i] != NULL; i++) {
		const gchar *n = names[i];
		if (*n == '\0' || strchr (n, '*') != NULL || strspn (n, "abcdefghijklmnopqrstuvwxyz"
						"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") != strlen (n)) {
			g_set_error (error,
				     PKINEXT_ERROR,
				     PKINEXT_ERROR_INVALID_ARGUMENT,
				     "invalid DNS name constraint '%s' (expected a domain such as "
				     "'example.com' or '.example.com')",
				     n);
			return FALSE;
		}
		/* GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, ... } */
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		pkinext_der_put_string (w, GENERAL_NAME_DNS, n);
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
	return TRUE;
}

/*
 * NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *                                excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
 * Always critical (RFC 5280 4.2.1.10).
 */
gboolean
pkinext_extensions_write_name_constraints (PkinextDerWriter *w,
					    const gchar *const *permitted_dns,
					    const gchar *const *excluded_dns,
					    GError **error)
{
	pkinext_extensions_begin (w, PKINEXT_OID_NAME_CONSTRAINTS, TRUE);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	if (!extensions_put_dns_subtrees (w, PKINEXT_DER_CONTEXT_CONS (0), permitted_dns, error) ||
	    !extensions_put_dns_subtrees (w, PKINEXT_DER_CONTEXT_CONS (1), excluded_dns, error))
		return FALSE;
	pkinext_der_end (w);
	pkinext_extensions_end (w);
	return TRUE;
}
