/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Issuing certificates. The TBSCertificate is written directly with the DER
 * writer; everything that does not change between certificates (issuer Name,
 * signature AlgorithmIdentifier, AKI, CRL DP and AIA extensions, and the
 * profile's constant extensions) is encoded once and copied in, so an issuance
 * costs little more than the CA signature (the CSR was verified once when the
 * PkinextCsr was constructed, and nothing is re-parsed after signing).
 */
#define G_LOG_DOMAIN "PkinextIssuer"

#include "config.h"

#include <gnutls/x509.h>
#include <string.h>

#include "pkinext-certificate-private.h"
#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-extensions-private.h"
#include "pkinext-issuer.h"
#include "pkinext-name.h"
#include "pkinext-profile-private.h"
#include "pkinext-san.h"
#include "pkinext-serial.h"

/* the URL-dependent extensions, replaced as a whole by set_urls() */
typedef struct {
	GBytes *crl_dp; /* CRLDistributionPoints Extension TLV, or NULL */
	GBytes *aia[4]; /* AIA Extension TLV by (ocsp ? 1 : 0) | (ca_issuers ? 2 : 0), or NULL */
} IssuerUrlParts;

struct _PkinextIssuer {
	GObject parent_instance;
	PkinextSigner *signer;
	PkinextCertificate *certificate;
	PkinextLinter *linter;
	PkinextAlgorithm algorithm;
	GBytes *sig_alg;     /* AlgorithmIdentifier DER */
	GBytes *issuer_name; /* the CA certificate's subject Name DER */
	GBytes *aki;	     /* AuthorityKeyIdentifier Extension TLV */
	gint64 not_after;    /* the CA certificate's notAfter */
	gint ca_path_len;    /* the CA certificate's pathLenConstraint, -1 = none */
	GMutex lock;	     /* protects urls */
	IssuerUrlParts *urls;
};

G_DEFINE_TYPE (PkinextIssuer, pkinext_issuer, G_TYPE_OBJECT)

static void
url_parts_clear (IssuerUrlParts *parts)
{
	g_clear_pointer (&parts->crl_dp, g_bytes_unref);
	for (guint i = 0; i < G_N_ELEMENTS (parts->aia); i++)
		g_clear_pointer (&parts->aia[i], g_bytes_unref);
}

static IssuerUrlParts *
url_parts_ref (IssuerUrlParts *parts)
{
	return g_atomic_rc_box_acquire (parts);
}

static void
url_parts_unref (IssuerUrlParts *parts)
{
	g_atomic_rc_box_release_full (parts, (GDestroyNotify)url_parts_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IssuerUrlParts, url_parts_unref)

/**
 * pkinext_issue_options_init:
 * @opts: options to initialise
 *
 * Sets every field to "use the profile's choice" (path_len = -1, the rest zero).
 */
void
pkinext_issue_options_init (PkinextIssueOptions *opts)
{
	memset (opts, 0, sizeof (*opts));
	opts->path_len = -1;
}

/* ---- TBSCertificate and Certificate ------------------------------------ */

typedef struct {
	guint8 serial[PKINEXT_SERIAL_LEN];
	GBytes *issuer_name;
	GBytes *subject;
	GBytes *spki;
	gint64 not_before;
	gint64 not_after;
} TbsHead;

/* writes TBSCertificate up to subjectPublicKeyInfo and opens [3] Extensions */
static void
tbs_begin (PkinextDerWriter *w, const TbsHead *h, GBytes *sig_alg)
{
	static const guint8 version_v3[] = {0xa0, 0x03, 0x02, 0x01, 0x02};

	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_raw (w, version_v3, sizeof (version_v3));
	pkinext_der_put_unsigned_be (w, PKINEXT_DER_INTEGER, h->serial, sizeof (h->serial));
	pkinext_der_put_bytes_raw (w, sig_alg);
	pkinext_der_put_bytes_raw (w, h->issuer_name);
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_time (w, h->not_before);
	pkinext_der_put_time (w, h->not_after);
	pkinext_der_end (w);
	pkinext_der_put_bytes_raw (w, h->subject);
	pkinext_der_put_bytes_raw (w, h->spki);
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (3));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
}

/* closes the TBSCertificate, signs it and wraps it into a Certificate */
static GBytes *
tbs_finish (PkinextDerWriter *w, PkinextSigner *signer, GBytes *sig_alg, GError **error)
{
	g_autoptr(GBytes) sig = NULL;
	PkinextDerWriter cert;
	const guint8 *tbs;
	gsize tbs_len;
	gsize sig_len = 0;
	const guint8 *sig_data;

	pkinext_der_end (w); /* Extensions */
	pkinext_der_end (w); /* [3] */
	pkinext_der_end (w); /* TBSCertificate */
	if (w->overflow || w->depth != 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_FAILED,
			     "internal error encoding the TBSCertificate");
		return NULL;
	}
	tbs = pkinext_der_writer_get_data (w);
	tbs_len = pkinext_der_writer_get_size (w);
	sig = pkinext_signer_sign (signer, tbs, tbs_len, error);
	if (sig == NULL) {
		g_prefix_error (error, "signing the certificate: ");
		return NULL;
	}
	sig_data = g_bytes_get_data (sig, &sig_len);
	pkinext_der_writer_init (&cert, tbs_len + sig_len + 64);
	pkinext_der_begin (&cert, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_raw (&cert, tbs, tbs_len);
	pkinext_der_put_bytes_raw (&cert, sig_alg);
	pkinext_der_put_bit_string (&cert, sig_data, sig_len);
	pkinext_der_end (&cert);
	return pkinext_der_writer_steal (&cert);
}

/* ---- construction ------------------------------------------------------ */

static gboolean
issuer_check_key_cert_sign (PkinextCertificate *cert, GError **error)
{
	gboolean critical = FALSE;
	g_autoptr(GBytes) ku = pkinext_certificate_get_extension (cert, PKINEXT_OID_KEY_USAGE,
								  &critical);
	PkinextDerReader r;
	PkinextDerElement el;

	if (ku == NULL)
		return TRUE; /* no keyUsage: not restricted (RFC 5280 4.2.1.3) */
	pkinext_der_reader_init (&r, g_bytes_get_data (ku, NULL), g_bytes_get_size (ku));
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_BIT_STRING, &el, error)) {
		g_prefix_error (error, "the CA certificate's keyUsage: ");
		return FALSE;
	}
	/* keyCertSign is named bit 5: 0x04 of the first octet after the unused-bits octet */
	if (el.len < 2 || (el.content[1] & 0x04) == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "the certificate '%s' does not allow keyCertSign",
			     pkinext_certificate_get_subject (cert));
		return FALSE;
	}
	return TRUE;
}

static gboolean
issuer_load_certificate (PkinextIssuer *self, GError **error)
{
	GBytes *der = pkinext_signer_get_certificate (self->signer);
	GBytes *cert_ski;
	g_autoptr(GBytes) ski = NULL;
	PkinextDerWriter w;

	if (der == NULL) {
		g_autofree gchar *desc = pkinext_signer_describe (self->signer);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "%s has no certificate: create a root or import the CA certificate "
			     "first", desc);
		return FALSE;
	}
	self->certificate = pkinext_certificate_new_from_data (der, error);
	if (self->certificate == NULL) {
		g_prefix_error (error, "the CA certificate: ");
		return FALSE;
	}
	if (!pkinext_certificate_is_ca (self->certificate, &self->ca_path_len)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "the certificate '%s' is not a CA certificate (basicConstraints "
			     "cA is not true)", pkinext_certificate_get_subject (self->certificate));
		return FALSE;
	}
	if (!issuer_check_key_cert_sign (self->certificate, error))
		return FALSE;
	self->issuer_name = g_bytes_ref (pkinext_certificate_get_subject_der (self->certificate));
	self->not_after = pkinext_certificate_get_not_after (self->certificate);
	cert_ski = pkinext_certificate_get_subject_key_id (self->certificate);
	ski = g_bytes_ref (cert_ski != NULL ? cert_ski : pkinext_signer_get_key_id (self->signer));
	pkinext_der_writer_init (&w, 64);
	pkinext_extensions_write_authority_key_id (&w, g_bytes_get_data (ski, NULL),
						   g_bytes_get_size (ski));
	self->aki = pkinext_der_writer_steal (&w);
	return TRUE;
}

/**
 * pkinext_issuer_new:
 * @signer: a signer whose certificate (pkinext_signer_set_certificate()) is a CA
 *   certificate with keyCertSign
 * @error: return location
 *
 * Precomputes the issuer Name, AKI and signature AlgorithmIdentifier.
 *
 * Returns: (transfer full): the issuer, or %NULL
 */
PkinextIssuer *
pkinext_issuer_new (PkinextSigner *signer, GError **error)
{
	g_autoptr(PkinextIssuer) self = NULL;

	g_return_val_if_fail (PKINEXT_IS_SIGNER (signer), NULL);
	self = g_object_new (PKINEXT_TYPE_ISSUER, NULL);
	self->signer = g_object_ref (signer);
	self->algorithm = pkinext_signer_get_algorithm (signer);
	self->sig_alg = pkinext_algorithm_get_identifier_der (self->algorithm);
	if (self->sig_alg == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "the signer has no signature algorithm");
		return NULL;
	}
	if (!issuer_load_certificate (self, error))
		return NULL;
	return g_steal_pointer (&self);
}

static GBytes *
build_aia (const gchar *ocsp_url, const gchar *ca_issuers_url)
{
	PkinextDerWriter w;

	if (ocsp_url == NULL && ca_issuers_url == NULL)
		return NULL;
	pkinext_der_writer_init (&w, 128);
	pkinext_extensions_write_authority_info_access (&w, ocsp_url, ca_issuers_url);
	return pkinext_der_writer_steal (&w);
}

/**
 * pkinext_issuer_set_urls:
 * @self: an issuer
 * @crl_url: (nullable): the CRL distribution point written into certificates
 * @ocsp_url: (nullable): the OCSP responder (AIA id-ad-ocsp)
 * @ca_issuers_url: (nullable): where the CA certificate is published (AIA id-ad-caIssuers)
 *
 * Profiles decide which of these extensions a certificate carries; a URL that is
 * not set here is left out. Thread-safe against concurrent issuance.
 */
void
pkinext_issuer_set_urls (PkinextIssuer *self,
			 const gchar *crl_url,
			 const gchar *ocsp_url,
			 const gchar *ca_issuers_url)
{
	IssuerUrlParts *parts = g_atomic_rc_box_new0 (IssuerUrlParts);
	IssuerUrlParts *old;

	g_return_if_fail (PKINEXT_IS_ISSUER (self));
	if (crl_url != NULL && *crl_url != '\0') {
		PkinextDerWriter w;
		pkinext_der_writer_init (&w, 128);
		pkinext_extensions_write_crl_distribution_points (&w, crl_url);
		parts->crl_dp = pkinext_der_writer_steal (&w);
	}
	if (ocsp_url != NULL && *ocsp_url == '\0')
		ocsp_url = NULL;
	if (ca_issuers_url != NULL && *ca_issuers_url == '\0')
		ca_issuers_url = NULL;
	parts->aia[1] = build_aia (ocsp_url, NULL);
	parts->aia[2] = build_aia (NULL, ca_issuers_url);
	parts->aia[3] = build_aia (ocsp_url, ca_issuers_url);
	g_mutex_lock (&self->lock);
	old = self->urls;
	self->urls = parts;
	g_mutex_unlock (&self->lock);
	url_parts_unref (old);
}

PkinextSigner *
pkinext_issuer_get_signer (PkinextIssuer *self)
{
	return self->signer;
}

/**
 * pkinext_issuer_get_certificate:
 * @self: an issuer
 *
 * Returns: (transfer none): the CA certificate
 */
PkinextCertificate *
pkinext_issuer_get_certificate (PkinextIssuer *self)
{
	return self->certificate;
}

/**
 * pkinext_issuer_get_linter:
 * @self: an issuer
 *
 * Returns: (transfer none): the linter every issuance goes through (configure it here)
 */
PkinextLinter *
pkinext_issuer_get_linter (PkinextIssuer *self)
{
	return self->linter;
}

/* ---- issuance ---------------------------------------------------------- */

typedef struct {
	GBytes *subject;
	gchar *common_name;
	gboolean subject_empty;
	GPtrArray *sans;
	gint64 not_before;
	gint64 not_after;
	gint path_len;
	const gchar *const *permitted_dns;
	const gchar *const *excluded_dns;
} IssueParts;

static void
issue_parts_clear (IssueParts *ip)
{
	g_clear_pointer (&ip->subject, g_bytes_unref);
	g_clear_pointer (&ip->common_name, g_free);
	g_clear_pointer (&ip->sans, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IssueParts, issue_parts_clear)

static gboolean
oid_in (GPtrArray *oids, const PkinextDerElement *oid)
{
	for (guint i = 0; oids != NULL && i < oids->len; i++) {
		gsize len = 0;
		const guint8 *d = g_bytes_get_data (g_ptr_array_index (oids, i), &len);
		if (len == oid->len && memcmp (d, oid->content, len) == 0)
			return TRUE;
	}
	return FALSE;
}

/* keep an RDN if every attribute in it is taken from the CSR and none is forced */
static gboolean
rdn_keep (const PkinextProfilePolicy *p, const PkinextDerElement *rdn, GError **error)
{
	PkinextDerReader set, atv;
	PkinextDerElement a, oid;

	pkinext_der_reader_init (&set, rdn->content, rdn->len);
	while (!pkinext_der_reader_at_end (&set)) {
		if (!pkinext_der_read_expect (&set, PKINEXT_DER_SEQUENCE, &a, error))
			return FALSE;
		pkinext_der_reader_enter (&set, &a, &atv);
		if (!pkinext_der_read_expect (&atv, PKINEXT_DER_OID, &oid, error))
			return FALSE;
		if (oid_in (p->subject_force_oids, &oid) ||
		    (!p->subject_copy_all && !oid_in (p->subject_oids, &oid)))
			return FALSE;
	}
	return TRUE;
}

static void
put_name_rdns (PkinextDerWriter *w, GBytes *name)
{
	PkinextDerReader r;
	PkinextDerElement el;

	pkinext_der_reader_init (&r, g_bytes_get_data (name, NULL), g_bytes_get_size (name));
	if (pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL))
		pkinext_der_put_raw (w, el.content, el.len);
}

/* forced attributes first (they are the general ones: C, O...), then the kept CSR RDNs */
static GBytes *
subject_filter (const PkinextProfilePolicy *p, GBytes *source, GError **error)
{
	PkinextDerWriter w;
	PkinextDerReader r, seq;
	PkinextDerElement el, rdn;

	pkinext_der_writer_init (&w, g_bytes_get_size (source) + 64);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	if (p->subject_force != NULL)
		put_name_rdns (&w, p->subject_force);
	pkinext_der_reader_init (&r, g_bytes_get_data (source, NULL), g_bytes_get_size (source));
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error)) {
		pkinext_der_writer_clear (&w);
		return NULL;
	}
	pkinext_der_reader_enter (&r, &el, &seq);
	while (!pkinext_der_reader_at_end (&seq)) {
		g_autoptr(GError) local = NULL;
		if (!pkinext_der_read_expect (&seq, PKINEXT_DER_SET, &rdn, error)) {
			pkinext_der_writer_clear (&w);
			return NULL;
		}
		if (rdn_keep (p, &rdn, &local))
			pkinext_der_put_raw (&w, rdn.tlv, rdn.tlv_len);
		else if (local != NULL) {
			g_propagate_error (error, g_steal_pointer (&local));
			pkinext_der_writer_clear (&w);
			return NULL;
		}
	}
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

static gboolean
issue_subject (PkinextProfile *profile,
	       PkinextCsr *csr,
	       const PkinextIssueOptions *opts,
	       IssueParts *ip,
	       GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	g_autoptr(GBytes) source = NULL;
	gsize len = 0;
	const guint8 *der;

	if (opts->subject != NULL) {
		source = pkinext_name_from_string (opts->subject, error);
		if (source == NULL) {
			g_prefix_error (error, "subject override: ");
			return FALSE;
		}
	} else {
		source = g_bytes_ref (pkinext_csr_get_subject_der (csr));
	}
	if (p->subject_copy_all && p->subject_force == NULL) {
		ip->subject = g_steal_pointer (&source);
		if (opts->subject == NULL)
			ip->common_name = g_strdup (pkinext_csr_get_common_name (csr));
	} else {
		ip->subject = subject_filter (p, source, error);
		if (ip->subject == NULL) {
			g_prefix_error (error, "reading the subject: ");
			return FALSE;
		}
	}
	der = g_bytes_get_data (ip->subject, &len);
	if (ip->common_name == NULL)
		ip->common_name = pkinext_name_get_attribute (der, len, "CN");
	ip->subject_empty = len <= 2;
	if (p->cn_policy == PKINEXT_COMMON_NAME_REQUIRED && ip->common_name == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s requires a common name (CN) in the subject",
			     pkinext_profile_get_name (profile));
		return FALSE;
	}
	if (p->cn_policy == PKINEXT_COMMON_NAME_FORBIDDEN && ip->common_name != NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s does not allow a common name (CN=%s) in the subject",
			     pkinext_profile_get_name (profile), ip->common_name);
		return FALSE;
	}
	return TRUE;
}

static gboolean
san_check_rules (PkinextProfile *profile, const PkinextSan *san, GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);

	if (san->type == PKINEXT_SAN_DNS && !p->wildcards && strchr (san->value, '*') != NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s does not allow wildcard names ('%s')",
			     pkinext_profile_get_name (profile), san->value);
		return FALSE;
	}
	if (san->type == PKINEXT_SAN_URI && p->uri_schemes[0] != NULL) {
		const gchar *colon = strchr (san->value, ':');
		g_autofree gchar *scheme = colon != NULL
					       ? g_ascii_strdown (san->value, colon - san->value)
					       : NULL;
		if (scheme == NULL || !g_strv_contains ((const gchar *const *)p->uri_schemes,
							scheme)) {
			g_autofree gchar *allowed = g_strjoinv (", ", p->uri_schemes);
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				     "profile %s allows only URIs with the scheme %s, not '%s'",
				     pkinext_profile_get_name (profile), allowed, san->value);
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
san_array_contains (GPtrArray *sans, const PkinextSan *san)
{
	for (guint i = 0; i < sans->len; i++) {
		if (pkinext_san_equal (g_ptr_array_index (sans, i), san))
			return TRUE;
	}
	return FALSE;
}

static gboolean
issue_sans (PkinextProfile *profile,
	    PkinextCsr *csr,
	    const PkinextIssueOptions *opts,
	    IssueParts *ip,
	    GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	GPtrArray *requested = pkinext_csr_get_sans (csr);
	gboolean as_is = opts->extra_sans == NULL || opts->extra_sans->len == 0;
	g_autoptr(GPtrArray) out = NULL;

	for (guint i = 0; requested != NULL && i < requested->len; i++) {
		const PkinextSan *san = g_ptr_array_index (requested, i);
		if ((p->san_types & (1u << san->type)) == 0) {
			g_autofree gchar *s = pkinext_san_to_string (san);
			if (p->san_drop_unlisted) {
				as_is = FALSE;
				continue;
			}
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				     "profile %s does not accept %s names from the CSR ('%s')",
				     pkinext_profile_get_name (profile),
				     pkinext_san_type_to_string (san->type), s);
			return FALSE;
		}
		if (!san_check_rules (profile, san, error))
			return FALSE;
	}
	if (as_is && requested != NULL) {
		ip->sans = g_ptr_array_ref (requested);
		return TRUE;
	}
	out = pkinext_san_array_new ();
	for (guint i = 0; requested != NULL && i < requested->len; i++) {
		const PkinextSan *san = g_ptr_array_index (requested, i);
		if ((p->san_types & (1u << san->type)) != 0)
			g_ptr_array_add (out, pkinext_san_copy (san));
	}
	for (guint i = 0; opts->extra_sans != NULL && i < opts->extra_sans->len; i++) {
		const PkinextSan *san = g_ptr_array_index (opts->extra_sans, i);
		if (!san_check_rules (profile, san, error))
			return FALSE;
		if (!san_array_contains (out, san))
			g_ptr_array_add (out, pkinext_san_copy (san));
	}
	ip->sans = g_steal_pointer (&out);
	return TRUE;
}

/* checks that may only run once the linter had its say (so its rule names win) */
static gboolean
issue_check_after_lint (PkinextProfile *profile, PkinextCsr *csr, IssueParts *ip, GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	const gchar *name = pkinext_profile_get_name (profile);
	guint bits = 0;
	PkinextKeyType kt = pkinext_csr_get_key_type (csr, &bits);

	if (!pkinext_profile_check_key (profile, kt, bits, error))
		return FALSE;
	if (p->san_required && ip->sans->len == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s requires at least one subject alternative name", name);
		return FALSE;
	}
	if (ip->sans->len > p->san_max) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s allows at most %u subject alternative names, not %u",
			     name, p->san_max, ip->sans->len);
		return FALSE;
	}
	return TRUE;
}

static gboolean
issue_ca_options (PkinextIssuer *self,
		  PkinextProfile *profile,
		  const PkinextIssueOptions *opts,
		  IssueParts *ip,
		  GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	const gchar *name = pkinext_profile_get_name (profile);
	gboolean nc_opts = opts->permitted_dns != NULL || opts->excluded_dns != NULL;

	ip->path_len = p->path_len;
	ip->permitted_dns = nc_opts ? opts->permitted_dns : (const gchar *const *)p->permitted_dns;
	ip->excluded_dns = nc_opts ? opts->excluded_dns : (const gchar *const *)p->excluded_dns;
	if (!p->is_ca && (opts->path_len >= 0 || nc_opts)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
			     "profile %s issues end-entity certificates: a path length or name "
			     "constraints make no sense", name);
		return FALSE;
	}
	if (opts->path_len >= 0) {
		if (p->max_path_len >= 0 && opts->path_len > p->max_path_len) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				     "profile %s allows a path length of at most %d, not %d", name,
				     p->max_path_len, opts->path_len);
			return FALSE;
		}
		ip->path_len = opts->path_len;
	}
	if (p->is_ca && self->ca_path_len >= 0 &&
	    (ip->path_len < 0 || ip->path_len >= self->ca_path_len)) {
		if (self->ca_path_len == 0) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				     "the issuing CA has pathLenConstraint 0: it cannot sign CA "
				     "certificates");
			return FALSE;
		}
		ip->path_len = self->ca_path_len - 1;
	}
	return TRUE;
}

static void
issue_validity (PkinextIssuer *self,
		PkinextProfile *profile,
		const PkinextIssueOptions *opts,
		IssueParts *ip)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	gint64 validity = opts->validity > 0 ? opts->validity : p->default_validity;

	ip->not_before = opts->not_before != 0 ? opts->not_before
					       : g_get_real_time () / G_USEC_PER_SEC - p->backdate;
	/* the validity period includes both ends (RFC 5280 4.1.2.5) */
	ip->not_after = ip->not_before + validity - 1;
	if (ip->not_after > self->not_after) {
		g_debug ("notAfter shortened to the CA certificate's notAfter");
		ip->not_after = self->not_after;
	}
}

static gboolean
issue_write_extensions (PkinextIssuer *self,
			PkinextProfile *profile,
			PkinextCsr *csr,
			const PkinextIssueOptions *opts,
			IssueParts *ip,
			PkinextDerWriter *w,
			GError **error)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	PkinextKeyType kt = pkinext_csr_get_key_type (csr, NULL);
	g_autoptr(IssuerUrlParts) urls = NULL;
	guint aia = 0;

	g_mutex_lock (&self->lock);
	urls = url_parts_ref (self->urls);
	g_mutex_unlock (&self->lock);

	if (p->is_ca)
		pkinext_extensions_write_basic_constraints (w, TRUE, ip->path_len, p->bc_critical);
	pkinext_der_put_bytes_raw (w, p->constant_extensions[pkinext_profile_key_class (kt)]);
	if (p->ski) {
		g_autoptr(GBytes) ski = pkinext_csr_get_subject_key_id (csr);
		if (ski != NULL)
			pkinext_extensions_write_subject_key_id (w, g_bytes_get_data (ski, NULL),
								 g_bytes_get_size (ski));
	}
	if (p->aki)
		pkinext_der_put_bytes_raw (w, self->aki);
	if (ip->sans->len > 0 &&
	    !pkinext_extensions_write_subject_alt_name (
		w, ip->sans, pkinext_profile_san_critical (profile, ip->subject_empty), error))
		return FALSE;
	if (p->crl_dp && opts->crl_url != NULL)
		pkinext_extensions_write_crl_distribution_points (w, opts->crl_url);
	else if (p->crl_dp && urls->crl_dp != NULL)
		pkinext_der_put_bytes_raw (w, urls->crl_dp);
	aia = (p->aia_ocsp ? 1 : 0) | (p->aia_ca_issuers ? 2 : 0);
	if (urls->aia[aia] != NULL)
		pkinext_der_put_bytes_raw (w, urls->aia[aia]);
	if (p->is_ca && ((ip->permitted_dns != NULL && ip->permitted_dns[0] != NULL) ||
			 (ip->excluded_dns != NULL && ip->excluded_dns[0] != NULL)))
		return pkinext_extensions_write_name_constraints (w, ip->permitted_dns,
								  ip->excluded_dns, error);
	return TRUE;
}

static gboolean
issue_prepare (PkinextIssuer *self,
	       PkinextCsr *csr,
	       PkinextProfile *profile,
	       const PkinextIssueOptions *opts,
	       IssueParts *ip,
	       GError **error)
{
	PkinextLintInput lint = {0};

	if (!issue_subject (profile, csr, opts, ip, error) ||
	    !issue_sans (profile, csr, opts, ip, error) ||
	    !issue_ca_options (self, profile, opts, ip, error))
		return FALSE;
	issue_validity (self, profile, opts, ip);
	lint.common_name = ip->common_name;
	lint.subject_empty = ip->subject_empty;
	lint.sans = ip->sans;
	lint.key_type = pkinext_csr_get_key_type (csr, &lint.key_bits);
	lint.signature_algorithm = self->algorithm;
	lint.not_before = ip->not_before;
	lint.not_after = opts->validity > 0 ? ip->not_before + opts->validity - 1 : ip->not_after;
	lint.san_critical = pkinext_profile_san_critical (profile, ip->subject_empty);
	lint.path_len = ip->path_len;
	if (!pkinext_linter_check (self->linter, profile, &lint, error))
		return FALSE;
	return issue_check_after_lint (profile, csr, ip, error);
}

/**
 * pkinext_issuer_issue:
 * @self: an issuer
 * @csr: a parsed (and therefore verified) request
 * @profile: the profile to issue under
 * @opts: (nullable): per-request options, see #PkinextIssueOptions
 * @error: return location
 *
 * Applies the profile (subject and SAN rules, key policy), runs the linter, then
 * writes, signs and returns the certificate. Thread-safe: several threads may issue
 * with one issuer at once.
 *
 * Errors: %PKINEXT_ERROR_POLICY (the request breaks the profile),
 * %PKINEXT_ERROR_LINT ("lint: <rule-id>: <what>"), signer errors.
 *
 * Returns: (transfer full): the certificate, or %NULL
 */
PkinextCertificate *
pkinext_issuer_issue (PkinextIssuer *self,
		      PkinextCsr *csr,
		      PkinextProfile *profile,
		      const PkinextIssueOptions *opts,
		      GError **error)
{
	PkinextIssueOptions defaults;
	g_auto(IssueParts) ip = {0};
	g_autoptr(GBytes) der = NULL;
	g_autofree gchar *serial_hex = NULL;
	PkinextDerWriter w;
	TbsHead head;

	g_return_val_if_fail (PKINEXT_IS_ISSUER (self), NULL);
	g_return_val_if_fail (PKINEXT_IS_CSR (csr), NULL);
	g_return_val_if_fail (PKINEXT_IS_PROFILE (profile), NULL);
	if (opts == NULL) {
		pkinext_issue_options_init (&defaults);
		opts = &defaults;
	}
	if (!issue_prepare (self, csr, profile, opts, &ip, error))
		return NULL;
	if (!pkinext_serial_generate (head.serial, error))
		return NULL;
	head.issuer_name = self->issuer_name;
	head.subject = ip.subject;
	head.spki = pkinext_csr_get_public_key (csr);
	head.not_before = ip.not_before;
	head.not_after = ip.not_after;
	pkinext_der_writer_init (&w, 1024 + g_bytes_get_size (head.spki));
	tbs_begin (&w, &head, self->sig_alg);
	if (!issue_write_extensions (self, profile, csr, opts, &ip, &w, error)) {
		pkinext_der_writer_clear (&w);
		return NULL;
	}
	der = tbs_finish (&w, self->signer, self->sig_alg, error);
	pkinext_der_writer_clear (&w);
	if (der == NULL)
		return NULL;
	serial_hex = pkinext_serial_to_hex (head.serial, sizeof (head.serial));
	return pkinext_certificate_new_from_parts (der, serial_hex, ip.subject, self->issuer_name,
						   ip.not_before, ip.not_after, ip.sans,
						   head.spki,
						   pkinext_profile_is_ca (profile, NULL),
						   ip.path_len);
}

/**
 * pkinext_issuer_sign_subordinate:
 * @self: an issuer
 * @csr: the subordinate CA's request
 * @profile: a CA profile (e.g. "sub-ca")
 * @path_len: pathLenConstraint, or -1 for the profile's
 * @permitted_dns: (nullable): permitted DNS subtrees ("example.com", ".example.com")
 * @excluded_dns: (nullable): excluded DNS subtrees
 * @error: return location
 *
 * Convenience wrapper around pkinext_issuer_issue() for subordinate CAs.
 *
 * Returns: (transfer full): the subordinate CA certificate, or %NULL
 */
PkinextCertificate *
pkinext_issuer_sign_subordinate (PkinextIssuer *self,
				 PkinextCsr *csr,
				 PkinextProfile *profile,
				 gint path_len,
				 const gchar *const *permitted_dns,
				 const gchar *const *excluded_dns,
				 GError **error)
{
	PkinextIssueOptions opts;

	if (!pkinext_profile_is_ca (profile, NULL)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "profile %s does not issue CA certificates",
			     pkinext_profile_get_name (profile));
		return NULL;
	}
	pkinext_issue_options_init (&opts);
	opts.path_len = path_len;
	opts.permitted_dns = permitted_dns;
	opts.excluded_dns = excluded_dns;
	return pkinext_issuer_issue (self, csr, profile, &opts, error);
}

/* ---- CA bootstrap -------------------------------------------------------- */

/**
 * pkinext_issuer_create_root:
 * @signer: the root CA's signer (any backend)
 * @subject: the root's subject, e.g. "CN=Example Root CA,O=Example"
 * @validity_seconds: validity of the root certificate
 * @path_len: pathLenConstraint, -1 for none
 * @error: return location
 *
 * Creates a self-signed root (basicConstraints critical cA, keyUsage critical
 * keyCertSign + cRLSign + digitalSignature, SKI = AKI = the key id) and attaches it to
 * @signer with pkinext_signer_set_certificate() and an empty chain.
 *
 * Returns: (transfer full): the root certificate, or %NULL
 */
PkinextCertificate *
pkinext_issuer_create_root (PkinextSigner *signer,
			    const gchar *subject,
			    gint64 validity_seconds,
			    gint path_len,
			    GError **error)
{
	g_autoptr(GBytes) sig_alg = pkinext_algorithm_get_identifier_der (
	    pkinext_signer_get_algorithm (signer));
	g_autoptr(GBytes) name = NULL;
	g_autoptr(GBytes) der = NULL;
	g_autofree gchar *serial_hex = NULL;
	GBytes *key_id = pkinext_signer_get_key_id (signer);
	PkinextDerWriter w;
	TbsHead head;

	if (sig_alg == NULL || key_id == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "signer has no key loaded");
		return NULL;
	}
	if (validity_seconds <= 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "the root's validity must be positive");
		return NULL;
	}
	name = pkinext_name_from_string (subject, error);
	if (name == NULL) {
		g_prefix_error (error, "root subject: ");
		return NULL;
	}
	if (g_bytes_get_size (name) <= 2) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "a root CA needs a non-empty subject");
		return NULL;
	}
	if (!pkinext_serial_generate (head.serial, error))
		return NULL;
	head.issuer_name = name;
	head.subject = name;
	head.spki = pkinext_signer_get_public_key (signer);
	head.not_before = g_get_real_time () / G_USEC_PER_SEC - 60;
	head.not_after = head.not_before + validity_seconds - 1;
	pkinext_der_writer_init (&w, 1024);
	tbs_begin (&w, &head, sig_alg);
	pkinext_extensions_write_basic_constraints (&w, TRUE, path_len, TRUE);
	pkinext_extensions_write_key_usage (&w,
					    PKINEXT_KEY_USAGE_KEY_CERT_SIGN |
						PKINEXT_KEY_USAGE_CRL_SIGN |
						PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE,
					    TRUE);
	pkinext_extensions_write_subject_key_id (&w, g_bytes_get_data (key_id, NULL),
						 g_bytes_get_size (key_id));
	pkinext_extensions_write_authority_key_id (&w, g_bytes_get_data (key_id, NULL),
						   g_bytes_get_size (key_id));
	der = tbs_finish (&w, signer, sig_alg, error);
	pkinext_der_writer_clear (&w);
	if (der == NULL || !pkinext_signer_set_certificate (signer, der, error))
		return NULL;
	pkinext_signer_set_chain (signer, NULL);
	serial_hex = pkinext_serial_to_hex (head.serial, sizeof (head.serial));
	return pkinext_certificate_new_from_parts (der, serial_hex, name, name, head.not_before,
						   head.not_after, NULL, head.spki, TRUE, path_len);
}

static gboolean
import_check_key (PkinextSigner *signer, GBytes *cert_der, GError **error)
{
	g_autoptr(PkinextCertificate) cert = pkinext_certificate_new_from_data (cert_der, error);
	GBytes *spki;

	if (cert == NULL) {
		g_prefix_error (error, "importing the CA certificate: ");
		return FALSE;
	}
	spki = pkinext_certificate_get_public_key (cert);
	if (!g_bytes_equal (spki, pkinext_signer_get_public_key (signer))) {
		g_autofree gchar *desc = pkinext_signer_describe (signer);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH,
			     "the key of %s does not match the certificate '%s'", desc,
			     pkinext_certificate_get_subject (cert));
		return FALSE;
	}
	return TRUE;
}

static gboolean
crt_import (gnutls_x509_crt_t *crt, GBytes *der, GError **error)
{
	gsize len = 0;
	gnutls_datum_t d;
	int rc;

	d.data = (guint8 *)g_bytes_get_data (der, &len);
	d.size = (guint)len;
	gnutls_x509_crt_init (crt);
	rc = gnutls_x509_crt_import (*crt, &d, GNUTLS_X509_FMT_DER);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "parsing a chain certificate");
	return TRUE;
}

/* verifies @cert_der up to the last element of @chain (or to itself if @chain is empty) */
static gboolean
import_check_chain (GBytes *cert_der, GPtrArray *chain, GError **error)
{
	guint n = chain != NULL ? chain->len : 0;
	GBytes *anchor = n > 0 ? g_ptr_array_index (chain, n - 1) : cert_der;
	g_autofree gnutls_x509_crt_t *list = g_new0 (gnutls_x509_crt_t, n + 1);
	gnutls_x509_trust_list_t tl = NULL;
	gnutls_datum_t ca;
	gsize len = 0;
	guint status = 0;
	gboolean ok = TRUE;
	int rc;

	for (guint i = 0; i < n + 1 && ok; i++) {
		GBytes *der = i == 0 ? cert_der : g_ptr_array_index (chain, i - 1);
		ok = crt_import (&list[i], der, error);
	}
	gnutls_x509_trust_list_init (&tl, 0);
	ca.data = (guint8 *)g_bytes_get_data (anchor, &len);
	ca.size = (guint)len;
	rc = ok ? gnutls_x509_trust_list_add_trust_mem (tl, &ca, NULL, GNUTLS_X509_FMT_DER, 0, 0)
		: 0;
	if (ok && rc < 0)
		ok = pkinext_error_set_gnutls (error, rc, "loading the chain's trust anchor");
	if (ok) {
		/* DO_NOT_ALLOW_SAME: a self-signed certificate must verify its own signature
		 * instead of being accepted for being the trust anchor */
		rc = gnutls_x509_trust_list_verify_crt (tl, list, n > 0 ? n : 1,
							GNUTLS_VERIFY_DO_NOT_ALLOW_SAME, &status,
							NULL);
		if (rc < 0)
			ok = pkinext_error_set_gnutls (error, rc, "verifying the certificate chain");
	}
	if (ok && status != 0) {
		gnutls_datum_t txt = {NULL, 0};
		gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &txt, 0);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_SIGNATURE_INVALID,
			     "the certificate does not chain to the given issuer chain: %s",
			     txt.data != NULL ? (const gchar *)txt.data : "verification failed");
		gnutls_free (txt.data);
		ok = FALSE;
	}
	gnutls_x509_trust_list_deinit (tl, 1);
	for (guint i = 0; i < n + 1; i++) {
		if (list[i] != NULL)
			gnutls_x509_crt_deinit (list[i]);
	}
	return ok;
}

/**
 * pkinext_issuer_import_certificate:
 * @signer: the signer whose key the certificate certifies (e.g. an intermediate whose
 *   CSR, from pkinext_csr_build(), was signed by an external parent)
 * @cert_der: the signed certificate (DER)
 * @chain: (nullable) (element-type GBytes): the issuer chain (DER), nearest first, root
 *   last; %NULL or empty for a self-signed certificate
 * @error: return location
 *
 * Checks that @cert_der is for @signer's key (%PKINEXT_ERROR_KEY_MISMATCH) and that it
 * verifies up to the last certificate of @chain (%PKINEXT_ERROR_SIGNATURE_INVALID, with
 * GnuTLS's verification status), then attaches certificate and chain to @signer.
 *
 * Returns: %TRUE on success; @signer is unchanged on failure
 */
gboolean
pkinext_issuer_import_certificate (PkinextSigner *signer,
				   GBytes *cert_der,
				   GPtrArray *chain,
				   GError **error)
{
	g_return_val_if_fail (PKINEXT_IS_SIGNER (signer), FALSE);
	g_return_val_if_fail (cert_der != NULL, FALSE);

	if (!import_check_key (signer, cert_der, error) ||
	    !import_check_chain (cert_der, chain, error) ||
	    !pkinext_signer_set_certificate (signer, cert_der, error))
		return FALSE;
	pkinext_signer_set_chain (signer, chain != NULL && chain->len > 0 ? chain : NULL);
	return TRUE;
}

static void
pkinext_issuer_finalize (GObject *object)
{
	PkinextIssuer *self = PKINEXT_ISSUER (object);

	g_clear_object (&self->signer);
	g_clear_object (&self->certificate);
	g_clear_object (&self->linter);
	g_clear_pointer (&self->sig_alg, g_bytes_unref);
	g_clear_pointer (&self->issuer_name, g_bytes_unref);
	g_clear_pointer (&self->aki, g_bytes_unref);
	g_clear_pointer (&self->urls, url_parts_unref);
	g_mutex_clear (&self->lock);
	G_OBJECT_CLASS (pkinext_issuer_parent_class)->finalize (object);
}

static void
pkinext_issuer_class_init (PkinextIssuerClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_issuer_finalize;
}

static void
pkinext_issuer_init (PkinextIssuer *self)
{
	g_mutex_init (&self->lock);
	self->linter = pkinext_linter_new ();
	self->urls = g_atomic_rc_box_new0 (IssuerUrlParts);
	self->ca_path_len = -1;
}
