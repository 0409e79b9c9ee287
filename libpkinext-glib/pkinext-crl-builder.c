/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A streaming X.509 CRL encoder (RFC 5280 section 5).
 *
 * GnuTLS's CRL API is quadratic in the number of entries and cannot write entry
 * extensions, so CRLs are encoded here with our linear DER writer: every entry is
 * appended straight into one growing buffer (no per-entry allocation). The buffer
 * starts with a little headroom; finish() writes the TBSCertList prefix (version,
 * algorithm, issuer, dates) and the headers right in front of the entries, signs
 * the contiguous TBSCertList in place and appends the signature, so the entries
 * are never copied and the result is never re-parsed.
 */
#define G_LOG_DOMAIN "PkinextCrlBuilder"

#include "config.h"

#include <string.h>

#include "pkinext-certificate.h"
#include "pkinext-crl-builder.h"
#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-revocation-private.h"

/* the largest header we ever write: tag + 0x84 + 4 length octets */
#define CRL_MAX_HEADER 6
/* the largest Time we ever write: GeneralizedTime, 2 + 15 */
#define CRL_MAX_TIME 17
/* the average entry with a reason code, for reserve() */
#define CRL_ENTRY_ESTIMATE 52

struct _PkinextCrlBuilder {
	GObject parent_instance;

	PkinextSigner *signer;
	GBytes *issuer_name;	  /* Name TLV */
	GBytes *authority_key_id; /* keyIdentifier octets */
	GBytes *sig_alg;	  /* AlgorithmIdentifier TLV */
	gint64 this_update;
	gint64 next_update;
	guint64 crl_number;
	gboolean has_crl_number;
	guint64 base_crl_number;
	gboolean is_delta;
	gchar *idp_uri;
	gchar *freshest_uri;

	PkinextDerWriter w; /* headroom, then the revokedCertificates contents */
	gsize headroom;
	guint64 n_entries;
	gboolean has_remove_from_crl;
	gboolean finished;
};

G_DEFINE_TYPE (PkinextCrlBuilder, pkinext_crl_builder, G_TYPE_OBJECT)

/* Extension { extnID, extnValue OCTET STRING { CRLReason ENUMERATED } }, patched per entry */
static const guint8 reason_ext[] = {0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d,
				    0x15, 0x04, 0x03, 0x0a, 0x01, 0x00};
/* Extension { extnID invalidityDate, extnValue OCTET STRING { GeneralizedTime } } */
static const guint8 invalidity_ext_prefix[] = {0x30, 0x18, 0x06, 0x03, 0x55,
					       0x1d, 0x18, 0x04, 0x11};

static void
pkinext_crl_builder_finalize (GObject *object)
{
	PkinextCrlBuilder *self = PKINEXT_CRL_BUILDER (object);

	g_clear_object (&self->signer);
	g_clear_pointer (&self->issuer_name, g_bytes_unref);
	g_clear_pointer (&self->authority_key_id, g_bytes_unref);
	g_clear_pointer (&self->sig_alg, g_bytes_unref);
	g_free (self->idp_uri);
	g_free (self->freshest_uri);
	pkinext_der_writer_clear (&self->w);
	G_OBJECT_CLASS (pkinext_crl_builder_parent_class)->finalize (object);
}

static void
pkinext_crl_builder_class_init (PkinextCrlBuilderClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_crl_builder_finalize;
}

static void
pkinext_crl_builder_init (PkinextCrlBuilder *self)
{
	self->this_update = g_get_real_time () / G_USEC_PER_SEC;
}

/* the key identifier of the signer: its certificate's SKI, else RFC 5280 method (1) */
static GBytes *
crl_builder_signer_key_id (PkinextSigner *signer, GBytes *cert_ski, GError **error)
{
	guint8 hash[20];
	gsize hash_len = 0;
	GBytes *spki = pkinext_signer_get_public_key (signer);

	if (cert_ski != NULL)
		return g_bytes_ref (cert_ski);
	if (spki == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "signer has no key loaded");
		return NULL;
	}
	if (!pkinext_revocation_key_hash (spki, G_CHECKSUM_SHA1, hash, &hash_len, error))
		return NULL;
	return g_bytes_new (hash, hash_len);
}

static gboolean
crl_builder_set_identity (PkinextCrlBuilder *self,
			  GBytes *issuer_name,
			  GBytes *authority_key_id,
			  GError **error)
{
	g_autoptr(PkinextCertificate) cert = NULL;
	GBytes *cert_der = pkinext_signer_get_certificate (self->signer);

	if (cert_der != NULL) {
		cert = pkinext_certificate_new_from_data (cert_der, error);
		if (cert == NULL) {
			g_prefix_error (error, "CRL signer's certificate: ");
			return FALSE;
		}
	}
	if (issuer_name != NULL) {
		self->issuer_name = g_bytes_ref (issuer_name);
	} else if (cert != NULL) {
		self->issuer_name = g_bytes_ref (pkinext_certificate_get_subject_der (cert));
	} else {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "CRL builder: no issuer name given and the signer has no certificate");
		return FALSE;
	}
	if (authority_key_id != NULL)
		self->authority_key_id = g_bytes_ref (authority_key_id);
	else
		self->authority_key_id = crl_builder_signer_key_id (
			self->signer,
			cert != NULL ? pkinext_certificate_get_subject_key_id (cert) : NULL, error);
	return self->authority_key_id != NULL;
}

/**
 * pkinext_crl_builder_new:
 * @signer: the key that signs the CRL (any backend)
 * @issuer_name: (nullable): the DER Name of the CA whose certificates the CRL covers;
 *   %NULL takes the subject of @signer's certificate
 * @authority_key_id: (nullable): the keyIdentifier for the authorityKeyIdentifier
 *   extension: the key that signs the CRL; %NULL takes the subjectKeyIdentifier of
 *   @signer's certificate or, without one, the RFC 5280 method (1) hash of @signer's key
 * @error: return location
 *
 * Starts a version 2 CRL. thisUpdate defaults to now; the CRL number and
 * nextUpdate must be set before pkinext_crl_builder_finish().
 *
 * Delegated CRL signing: RFC 5280 requires the CRL issuer name to be the CA's
 * (indirect CRLs with certificateIssuer entries are not supported). A separate
 * CRL-signing key is supported when its certificate has the CA's subject name, is
 * issued by the CA and asserts cRLSign: pass the CA's @issuer_name and leave
 * @authority_key_id %NULL, so the AKI names the CRL signer's key and verifiers can
 * find its certificate.
 *
 * Returns: (transfer full): a new builder, or %NULL with @error set
 */
PkinextCrlBuilder *
pkinext_crl_builder_new (PkinextSigner *signer,
			 GBytes *issuer_name,
			 GBytes *authority_key_id,
			 GError **error)
{
	g_autoptr(PkinextCrlBuilder) self = NULL;

	g_return_val_if_fail (PKINEXT_IS_SIGNER (signer), NULL);

	self = g_object_new (PKINEXT_TYPE_CRL_BUILDER, NULL);
	self->signer = g_object_ref (signer);
	self->sig_alg =
		pkinext_algorithm_get_identifier_der (pkinext_signer_get_algorithm (signer));
	if (self->sig_alg == NULL) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "CRL builder: signer algorithm %s has no AlgorithmIdentifier",
			     pkinext_algorithm_to_string (pkinext_signer_get_algorithm (signer)));
		return NULL;
	}
	if (!crl_builder_set_identity (self, issuer_name, authority_key_id, error))
		return NULL;

	/* room for version, signature, issuer, two Times and three headers */
	self->headroom = 3 + g_bytes_get_size (self->sig_alg) +
			 g_bytes_get_size (self->issuer_name) + 2 * CRL_MAX_TIME +
			 3 * CRL_MAX_HEADER;
	pkinext_der_writer_init (&self->w, self->headroom + 4096);
	g_byte_array_set_size (self->w.buf, (guint)self->headroom);
	return g_steal_pointer (&self);
}

/**
 * pkinext_crl_builder_set_crl_number:
 * @self: a #PkinextCrlBuilder
 * @crl_number: the cRLNumber, monotonic per CA (required)
 */
void
pkinext_crl_builder_set_crl_number (PkinextCrlBuilder *self, guint64 crl_number)
{
	g_return_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished);
	self->crl_number = crl_number;
	self->has_crl_number = TRUE;
}

void
pkinext_crl_builder_set_this_update (PkinextCrlBuilder *self, gint64 this_update)
{
	g_return_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished);
	self->this_update = this_update;
}

/**
 * pkinext_crl_builder_set_next_update:
 * @self: a #PkinextCrlBuilder
 * @next_update: unix time of the next CRL (required, after thisUpdate)
 */
void
pkinext_crl_builder_set_next_update (PkinextCrlBuilder *self, gint64 next_update)
{
	g_return_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished);
	self->next_update = next_update;
}

/**
 * pkinext_crl_builder_set_delta:
 * @self: a #PkinextCrlBuilder
 * @base_crl_number: the cRLNumber of the full CRL this delta applies to
 *
 * Makes this a delta CRL (critical deltaCRLIndicator). A delta lists the changes
 * since the base, including removeFromCRL entries for released holds. If the base
 * has an issuing distribution point, give the delta the same one (its scope).
 */
void
pkinext_crl_builder_set_delta (PkinextCrlBuilder *self, guint64 base_crl_number)
{
	g_return_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished);
	self->is_delta = TRUE;
	self->base_crl_number = base_crl_number;
}

static gboolean
crl_builder_check_uri (const gchar *what, const gchar *uri, GError **error)
{
	for (const gchar *p = uri; p != NULL && *p != '\0'; p++) {
		if ((guchar)*p < 0x21 || (guchar)*p > 0x7e) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "%s '%s': URIs must be printable ASCII (IA5String)", what,
				     uri);
			return FALSE;
		}
	}
	if (uri == NULL || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "%s '%s' is not an absolute URI", what, uri != NULL ? uri : "(null)");
		return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_crl_builder_set_distribution_point:
 * @self: a #PkinextCrlBuilder
 * @uri: where this CRL is published, e.g. a shard's URL
 * @error: return location
 *
 * Adds a critical issuingDistributionPoint with this fullName URI, scoping the CRL
 * to the certificates whose cRLDistributionPoints name @uri (sharded CRLs).
 *
 * Returns: %FALSE if @uri is not an absolute ASCII URI
 */
gboolean
pkinext_crl_builder_set_distribution_point (PkinextCrlBuilder *self,
					    const gchar *uri,
					    GError **error)
{
	g_return_val_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished, FALSE);
	if (!crl_builder_check_uri ("issuing distribution point", uri, error))
		return FALSE;
	g_free (self->idp_uri);
	self->idp_uri = g_strdup (uri);
	return TRUE;
}

/**
 * pkinext_crl_builder_set_freshest_crl:
 * @self: a #PkinextCrlBuilder
 * @uri: where the delta CRLs for this (full) CRL are published
 * @error: return location
 *
 * Adds a freshestCRL extension. Only for full CRLs (RFC 5280 5.2.6).
 *
 * Returns: %FALSE if @uri is not an absolute ASCII URI
 */
gboolean
pkinext_crl_builder_set_freshest_crl (PkinextCrlBuilder *self, const gchar *uri, GError **error)
{
	g_return_val_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished, FALSE);
	if (!crl_builder_check_uri ("freshest CRL", uri, error))
		return FALSE;
	g_free (self->freshest_uri);
	self->freshest_uri = g_strdup (uri);
	return TRUE;
}

/**
 * pkinext_crl_builder_reserve:
 * @self: a #PkinextCrlBuilder
 * @n_entries: how many entries will be added
 *
 * Grows the buffer once for @n_entries average entries, so a large CRL is not
 * built by repeated doubling. Optional.
 */
void
pkinext_crl_builder_reserve (PkinextCrlBuilder *self, guint n_entries)
{
	guint len;
	guint64 want;

	g_return_if_fail (PKINEXT_IS_CRL_BUILDER (self) && !self->finished);
	len = self->w.buf->len;
	want = (guint64)len + (guint64)n_entries * CRL_ENTRY_ESTIMATE + 4096;
	if (want > G_MAXUINT32 / 2)
		return;
	g_byte_array_set_size (self->w.buf, (guint)want);
	g_byte_array_set_size (self->w.buf, len);
}

/**
 * pkinext_crl_builder_add:
 * @self: a #PkinextCrlBuilder
 * @serial: the certificate serial number, big-endian (leading zero octets allowed)
 * @serial_len: length of @serial
 * @revocation_time: unix time of the revocation
 * @reason: the reason; %PKINEXT_REVOCATION_REASON_UNSPECIFIED writes no reasonCode
 *   (RFC 5280 5.3.1); removeFromCRL is only valid in a delta CRL
 * @invalidity_date: unix time the key is known or suspected to be compromised, or 0
 * @error: return location
 *
 * Appends one revoked certificate, in input order. Costs no allocation beyond
 * the growth of the shared buffer.
 *
 * Returns: %FALSE if the serial or reason is invalid
 */
gboolean
pkinext_crl_builder_add (PkinextCrlBuilder *self,
			 const guint8 *serial,
			 gsize serial_len,
			 gint64 revocation_time,
			 PkinextRevocationReason reason,
			 gint64 invalidity_date,
			 GError **error)
{
	PkinextDerWriter *w = &self->w;

	g_return_val_if_fail (PKINEXT_IS_CRL_BUILDER (self), FALSE);
	if (self->finished) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
			     "CRL builder: entry added after finish()");
		return FALSE;
	}
	if (!pkinext_revocation_serial_check (serial, serial_len, error))
		return FALSE;
	if (!pkinext_revocation_reason_is_valid ((gint)reason)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "invalid revocation reason code %d", (gint)reason);
		return FALSE;
	}
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_unsigned_be (w, PKINEXT_DER_INTEGER, serial, serial_len);
	pkinext_der_put_time (w, revocation_time);
	if (reason != PKINEXT_REVOCATION_REASON_UNSPECIFIED || invalidity_date != 0) {
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		if (reason != PKINEXT_REVOCATION_REASON_UNSPECIFIED) {
			pkinext_der_put_raw (w, reason_ext, sizeof (reason_ext));
			w->buf->data[w->buf->len - 1] = (guint8)reason;
		}
		if (invalidity_date != 0) {
			pkinext_der_put_raw (w, invalidity_ext_prefix,
					     sizeof (invalidity_ext_prefix));
			pkinext_der_put_generalized_time (w, invalidity_date);
		}
		pkinext_der_end (w);
	}
	pkinext_der_end (w);
	if (reason == PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL)
		self->has_remove_from_crl = TRUE;
	self->n_entries++;
	return TRUE;
}

/**
 * pkinext_crl_builder_add_hex:
 * @self: a #PkinextCrlBuilder
 * @serial_hex: the serial number in hex, as stored ("0x" and ':' separators allowed)
 * @revocation_time: unix time of the revocation
 * @reason: the reason
 * @invalidity_date: unix time, or 0
 * @error: return location
 *
 * Like pkinext_crl_builder_add() with the serial number in hex.
 *
 * Returns: %FALSE if the serial or reason is invalid
 */
gboolean
pkinext_crl_builder_add_hex (PkinextCrlBuilder *self,
			     const gchar *serial_hex,
			     gint64 revocation_time,
			     PkinextRevocationReason reason,
			     gint64 invalidity_date,
			     GError **error)
{
	guint8 serial[20];
	gsize len = 0;

	if (!pkinext_revocation_serial_from_hex (serial_hex, serial, &len, error))
		return FALSE;
	return pkinext_crl_builder_add (self, serial, len, revocation_time, reason, invalidity_date,
					error);
}

guint64
pkinext_crl_builder_get_n_entries (PkinextCrlBuilder *self)
{
	g_return_val_if_fail (PKINEXT_IS_CRL_BUILDER (self), 0);
	return self->n_entries;
}

/* ---- finish ------------------------------------------------------------- */

/* a DER tag + length header for @len content octets; returns its size */
static guint
crl_encode_header (guint8 tag, gsize len, guint8 out[CRL_MAX_HEADER])
{
	guint n = 0;

	out[0] = tag;
	if (len < 0x80) {
		out[1] = (guint8)len;
		return 2;
	}
	for (gsize v = len; v > 0; v >>= 8)
		n++;
	out[1] = 0x80 | (guint8)n;
	for (guint i = 0; i < n; i++)
		out[1 + n - i] = (guint8)(len >> (8 * i));
	return 2 + n;
}

static void
crl_put_uri_names (PkinextDerWriter *w, const gchar *uri)
{
	/* DistributionPointName: fullName [0] GeneralNames { [6] uniformResourceIdentifier } */
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_put_string (w, PKINEXT_DER_CONTEXT (6), uri);
	pkinext_der_end (w);
	pkinext_der_end (w);
}

static void
crl_begin_extension (PkinextDerWriter *w, const gchar *oid, gboolean critical)
{
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_oid (w, oid);
	if (critical)
		pkinext_der_put_boolean (w, TRUE);
	pkinext_der_begin (w, PKINEXT_DER_OCTET_STRING);
}

static void
crl_end_extension (PkinextDerWriter *w)
{
	pkinext_der_end (w);
	pkinext_der_end (w);
}

static void
crl_builder_write_extensions (PkinextCrlBuilder *self, PkinextDerWriter *w)
{
	gsize aki_len = 0;
	const guint8 *aki = g_bytes_get_data (self->authority_key_id, &aki_len);

	pkinext_der_begin (w, PKINEXT_DER_CONTEXT_CONS (0));
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);

	crl_begin_extension (w, "2.5.29.35", FALSE); /* authorityKeyIdentifier */
	pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put (w, PKINEXT_DER_CONTEXT (0), aki, aki_len);
	pkinext_der_end (w);
	crl_end_extension (w);

	crl_begin_extension (w, "2.5.29.20", FALSE); /* cRLNumber */
	pkinext_der_put_uint (w, PKINEXT_DER_INTEGER, self->crl_number);
	crl_end_extension (w);

	if (self->is_delta) {
		crl_begin_extension (w, "2.5.29.27", TRUE); /* deltaCRLIndicator */
		pkinext_der_put_uint (w, PKINEXT_DER_INTEGER, self->base_crl_number);
		crl_end_extension (w);
	}
	if (self->idp_uri != NULL) {
		crl_begin_extension (w, "2.5.29.28", TRUE); /* issuingDistributionPoint */
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		crl_put_uri_names (w, self->idp_uri);
		pkinext_der_end (w);
		crl_end_extension (w);
	}
	if (self->freshest_uri != NULL) {
		crl_begin_extension (w, "2.5.29.46", FALSE); /* freshestCRL */
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		pkinext_der_begin (w, PKINEXT_DER_SEQUENCE);
		crl_put_uri_names (w, self->freshest_uri);
		pkinext_der_end (w);
		pkinext_der_end (w);
		crl_end_extension (w);
	}
	pkinext_der_end (w);
	pkinext_der_end (w);
}

static gboolean
crl_builder_check_ready (PkinextCrlBuilder *self, GError **error)
{
	const gchar *problem = NULL;

	if (self->finished)
		problem = "finish() called twice";
	else if (!self->has_crl_number)
		problem = "no CRL number set";
	else if (self->next_update <= self->this_update)
		problem = "nextUpdate must be set and later than thisUpdate";
	else if (self->has_remove_from_crl && !self->is_delta)
		problem = "removeFromCRL entries are only valid in a delta CRL";
	else if (self->is_delta && self->freshest_uri != NULL)
		problem = "a delta CRL must not carry a freshestCRL extension";
	else if (self->is_delta && self->base_crl_number >= self->crl_number)
		problem = "a delta CRL's number must be greater than its base CRL number";
	if (problem == NULL)
		return TRUE;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE, "CRL builder: %s", problem);
	return FALSE;
}

/* writes the TBSCertList prefix and headers in front of the entries; returns where the
 * TBSCertList starts in the buffer */
static gsize
crl_builder_write_prefix (PkinextCrlBuilder *self, gsize entries_len)
{
	PkinextDerWriter pre;
	guint8 hdr[CRL_MAX_HEADER];
	guint hdr_len;
	gsize tbs_start;
	GByteArray *buf = self->w.buf;

	pkinext_der_writer_init (&pre, self->headroom);
	pkinext_der_put_uint (&pre, PKINEXT_DER_INTEGER, 1); /* v2 */
	pkinext_der_put_bytes_raw (&pre, self->sig_alg);
	pkinext_der_put_bytes_raw (&pre, self->issuer_name);
	pkinext_der_put_time (&pre, self->this_update);
	pkinext_der_put_time (&pre, self->next_update);
	if (self->n_entries > 0) { /* an empty list is absent, not empty */
		hdr_len = crl_encode_header (PKINEXT_DER_SEQUENCE, entries_len, hdr);
		g_byte_array_append (pre.buf, hdr, hdr_len);
	}
	hdr_len = crl_encode_header (PKINEXT_DER_SEQUENCE, pre.buf->len + buf->len - self->headroom,
				     hdr);
	g_assert (pre.buf->len + hdr_len + CRL_MAX_HEADER <= self->headroom);
	tbs_start = self->headroom - pre.buf->len - hdr_len;
	memcpy (buf->data + tbs_start, hdr, hdr_len);
	memcpy (buf->data + tbs_start + hdr_len, pre.buf->data, pre.buf->len);
	pkinext_der_writer_clear (&pre);
	return tbs_start;
}

/* hands the buffer over as GBytes of [start, len), without copying */
static GBytes *
crl_builder_steal_range (PkinextCrlBuilder *self, gsize start)
{
	guint len = self->w.buf->len;
	guint8 *data = g_byte_array_free (g_steal_pointer (&self->w.buf), FALSE);

	data = g_realloc (data, len); /* give back the growth slack */
	return g_bytes_new_with_free_func (data + start, len - start, g_free, data);
}

/**
 * pkinext_crl_builder_finish:
 * @self: a #PkinextCrlBuilder
 * @error: return location
 *
 * Writes the CRL extensions (authorityKeyIdentifier, cRLNumber, and as set
 * deltaCRLIndicator, issuingDistributionPoint, freshestCRL), signs the
 * TBSCertList once with the signer and returns the DER CRL. The builder cannot
 * be used afterwards.
 *
 * Returns: (transfer full): the DER CertificateList, or %NULL with @error set
 */
GBytes *
pkinext_crl_builder_finish (PkinextCrlBuilder *self, GError **error)
{
	g_autoptr(GBytes) sig = NULL;
	guint8 hdr[CRL_MAX_HEADER];
	guint hdr_len;
	gsize entries_len;
	gsize tbs_start;
	gsize start;
	GByteArray *buf;

	g_return_val_if_fail (PKINEXT_IS_CRL_BUILDER (self), NULL);
	if (!crl_builder_check_ready (self, error))
		return NULL;
	self->finished = TRUE;
	buf = self->w.buf;
	entries_len = buf->len - self->headroom;
	crl_builder_write_extensions (self, &self->w);
	tbs_start = crl_builder_write_prefix (self, entries_len);

	sig = pkinext_signer_sign (self->signer, buf->data + tbs_start, buf->len - tbs_start,
				   error);
	if (sig == NULL) {
		g_prefix_error (error, "signing CRL %" G_GUINT64_FORMAT ": ", self->crl_number);
		return NULL;
	}
	pkinext_der_put_bytes_raw (&self->w, self->sig_alg);
	pkinext_der_put_bit_string (&self->w, g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
	hdr_len = crl_encode_header (PKINEXT_DER_SEQUENCE, self->w.buf->len - tbs_start, hdr);
	start = tbs_start - hdr_len;
	memcpy (self->w.buf->data + start, hdr, hdr_len);
	return crl_builder_steal_range (self, start);
}

/**
 * pkinext_crl_builder_finish_to_stream:
 * @self: a #PkinextCrlBuilder
 * @stream: where to write the DER CRL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location
 *
 * Like pkinext_crl_builder_finish(), writing the CRL to @stream.
 *
 * Returns: %TRUE if the CRL was built and written
 */
gboolean
pkinext_crl_builder_finish_to_stream (PkinextCrlBuilder *self,
				      GOutputStream *stream,
				      GCancellable *cancellable,
				      GError **error)
{
	g_autoptr(GBytes) crl = pkinext_crl_builder_finish (self, error);
	gsize len = 0;
	const guint8 *data;

	if (crl == NULL)
		return FALSE;
	data = g_bytes_get_data (crl, &len);
	if (!g_output_stream_write_all (stream, data, len, NULL, cancellable, error)) {
		g_prefix_error (error, "writing CRL: ");
		return FALSE;
	}
	return TRUE;
}
