/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A parsed, immutable view of an X.509 certificate. Built either by parsing DER
 * (pkinext_certificate_new_from_data) or from the parts the issuer has just encoded
 * (pkinext_certificate_new_from_parts), in which case the rarely used details are located
 * in the DER on first use.
 */
#include "config.h"

#include <string.h>

#include "pkinext-certificate-private.h"
#include "pkinext-error.h"
#include "pkinext-name.h"
#include "pkinext-pem.h"
#include "pkinext-san-private.h"
#include "pkinext-serial.h"
#include "pkinext-x509-private.h"

#define OID_SUBJECT_ALT_NAME  "2.5.29.17"
#define OID_BASIC_CONSTRAINTS "2.5.29.19"
#define OID_SUBJECT_KEY_ID    "2.5.29.14"
#define OID_AUTHORITY_KEY_ID  "2.5.29.35"
#define CERTIFICATE_MAX_SIZE  (256 * 1024)

struct _PkinextCertificate {
	GObject parent_instance;
	GBytes *der;
	gchar *serial;
	GBytes *subject_der;
	GBytes *issuer_der;
	gint64 not_before;
	gint64 not_after;
	GPtrArray *sans;
	GBytes *spki;
	gboolean is_ca;
	gint path_len;

	gchar *subject; /* computed on first use */
	gchar *issuer;

	gsize details_done; /* g_once guard for what follows */
	const guint8 *extensions;
	gsize extensions_len;
	PkinextAlgorithm signature_algorithm;
	PkinextKeyType key_type;
	guint key_bits;
	GBytes *subject_key_id;
	GBytes *authority_key_id;
};

G_DEFINE_TYPE (PkinextCertificate, pkinext_certificate, G_TYPE_OBJECT)

typedef struct {
	PkinextDerElement tbs;
	PkinextDerElement serial;
	PkinextDerElement issuer;
	PkinextDerElement not_before;
	PkinextDerElement not_after;
	PkinextDerElement subject;
	PkinextDerElement spki;
	PkinextDerElement extensions; /* the Extensions SEQUENCE, tlv NULL if absent */
	PkinextDerElement sig_alg;
} CertParts;

static void
pkinext_certificate_finalize (GObject *object)
{
	PkinextCertificate *self = PKINEXT_CERTIFICATE (object);

	g_clear_pointer (&self->der, g_bytes_unref);
	g_clear_pointer (&self->subject_der, g_bytes_unref);
	g_clear_pointer (&self->issuer_der, g_bytes_unref);
	g_clear_pointer (&self->spki, g_bytes_unref);
	g_clear_pointer (&self->sans, g_ptr_array_unref);
	g_clear_pointer (&self->subject_key_id, g_bytes_unref);
	g_clear_pointer (&self->authority_key_id, g_bytes_unref);
	g_free (self->serial);
	g_free (self->subject);
	g_free (self->issuer);
	G_OBJECT_CLASS (pkinext_certificate_parent_class)->finalize (object);
}

static void
pkinext_certificate_class_init (PkinextCertificateClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_certificate_finalize;
}

static void
pkinext_certificate_init (PkinextCertificate *self)
{
	self->path_len = -1;
}

static gboolean
cert_fail (GError **error, const gchar *what)
{
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, "certificate: %s", what);
	return FALSE;
}

/* for structural errors; the caller prefixes "certificate: not an X.509 certificate: " */
static gboolean
cert_outer_fail (GError **error, const gchar *what)
{
	g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA, what);
	return FALSE;
}

/* version [0] EXPLICIT INTEGER DEFAULT v1; we accept v1 and v3 */
static gboolean
cert_parse_version (PkinextDerReader *tbs, GError **error)
{
	PkinextDerElement outer, v;
	PkinextDerReader r;
	guint8 tag = 0;

	if (!pkinext_der_reader_peek_tag (tbs, &tag) || tag != PKINEXT_DER_CONTEXT_CONS (0))
		return TRUE;
	if (!pkinext_der_read (tbs, &outer, error))
		return FALSE;
	pkinext_der_reader_enter (tbs, &outer, &r);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_INTEGER, &v, error) ||
	    !pkinext_der_reader_at_end (&r) || v.len != 1 || v.content[0] > 2)
		return cert_outer_fail (error, "unsupported version");
	return TRUE;
}

static gboolean
cert_parse_tbs (PkinextDerReader *tbs, CertParts *parts, GError **error)
{
	PkinextDerElement el, validity, ext;
	PkinextDerReader r;
	guint8 tag = 0;

	if (!cert_parse_version (tbs, error) ||
	    !pkinext_der_read_expect (tbs, PKINEXT_DER_INTEGER, &parts->serial, error) ||
	    !pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &el, error) ||
	    !pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &parts->issuer, error) ||
	    !pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &validity, error))
		return FALSE;
	pkinext_der_reader_enter (tbs, &validity, &r);
	if (!pkinext_der_read (&r, &parts->not_before, error) ||
	    !pkinext_der_read (&r, &parts->not_after, error) || !pkinext_der_reader_at_end (&r))
		return cert_outer_fail (error, "malformed validity");
	if (!pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &parts->subject, error) ||
	    !pkinext_der_read_expect (tbs, PKINEXT_DER_SEQUENCE, &parts->spki, error))
		return FALSE;
	if (pkinext_der_reader_peek_tag (tbs, &tag) && tag == PKINEXT_DER_CONTEXT (1) &&
	    !pkinext_der_read (tbs, &el, error))
		return FALSE;
	if (pkinext_der_reader_peek_tag (tbs, &tag) && tag == PKINEXT_DER_CONTEXT (2) &&
	    !pkinext_der_read (tbs, &el, error))
		return FALSE;
	memset (&parts->extensions, 0, sizeof (parts->extensions));
	if (pkinext_der_reader_peek_tag (tbs, &tag) && tag == PKINEXT_DER_CONTEXT_CONS (3)) {
		if (!pkinext_der_read (tbs, &ext, error))
			return FALSE;
		pkinext_der_reader_enter (tbs, &ext, &r);
		if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &parts->extensions,
					      error) ||
		    !pkinext_der_reader_at_end (&r))
			return cert_outer_fail (error, "malformed extensions");
	}
	if (!pkinext_der_reader_at_end (tbs))
		return cert_outer_fail (error, "trailing data in tbsCertificate");
	return TRUE;
}

static gboolean
cert_parse (const guint8 *der, gsize len, CertParts *parts, GError **error)
{
	PkinextDerReader r, outer, tbs;
	PkinextDerElement el, sig;

	pkinext_der_reader_init (&r, der, len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&r))
		return cert_outer_fail (error, "trailing data after the certificate");
	pkinext_der_reader_enter (&r, &el, &outer);
	if (!pkinext_der_read_expect (&outer, PKINEXT_DER_SEQUENCE, &parts->tbs, error))
		return FALSE;
	pkinext_der_reader_enter (&outer, &parts->tbs, &tbs);
	if (!cert_parse_tbs (&tbs, parts, error)) {
		/* a PKCS#10 request starts with INTEGER 0 where a v1 certificate has its serial */
		const guint8 *c = parts->tbs.content;
		if (parts->tbs.len >= 3 && c[0] == PKINEXT_DER_INTEGER && c[1] == 1 && c[2] == 0) {
			g_clear_error (error);
			return cert_outer_fail (error,
						"this is a certificate request, not a certificate");
		}
		return FALSE;
	}
	if (!pkinext_der_read_expect (&outer, PKINEXT_DER_SEQUENCE, &parts->sig_alg, error) ||
	    !pkinext_der_read_expect (&outer, PKINEXT_DER_BIT_STRING, &sig, error))
		return FALSE;
	if (!pkinext_der_reader_at_end (&outer))
		return cert_outer_fail (error, "trailing data after the signature");
	return TRUE;
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } */
static gboolean
cert_parse_basic_constraints (const PkinextDerElement *value, gboolean *is_ca, gint *path_len)
{
	PkinextDerReader r, seq;
	PkinextDerElement el, b, n;
	guint8 tag = 0;
	guint64 v = 0;

	*is_ca = FALSE;
	*path_len = -1;
	pkinext_der_reader_init (&r, value->content, value->len);
	if (!pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL) ||
	    !pkinext_der_reader_at_end (&r))
		return FALSE;
	pkinext_der_reader_enter (&r, &el, &seq);
	if (pkinext_der_reader_peek_tag (&seq, &tag) && tag == PKINEXT_DER_BOOLEAN) {
		if (!pkinext_der_read (&seq, &b, NULL) || b.len != 1)
			return FALSE;
		*is_ca = b.content[0] != 0;
	}
	if (!pkinext_der_reader_at_end (&seq)) {
		if (!pkinext_der_read_expect (&seq, PKINEXT_DER_INTEGER, &n, NULL) ||
		    !pkinext_der_element_get_uint (&n, &v, NULL) || v > G_MAXINT)
			return FALSE;
		*path_len = *is_ca ? (gint)v : -1;
	}
	return pkinext_der_reader_at_end (&seq);
}

static GBytes *
cert_slice (PkinextCertificate *self, const guint8 *p, gsize len)
{
	const guint8 *base = g_bytes_get_data (self->der, NULL);
	return g_bytes_new_from_bytes (self->der, (gsize)(p - base), len);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... } */
static void
cert_parse_key_ids (PkinextCertificate *self)
{
	PkinextDerElement value, el, id;
	PkinextDerReader r, seq;

	if (pkinext_x509_find_extension (self->extensions, self->extensions_len, OID_SUBJECT_KEY_ID,
					 &value, NULL)) {
		pkinext_der_reader_init (&r, value.content, value.len);
		if (pkinext_der_read_expect (&r, PKINEXT_DER_OCTET_STRING, &id, NULL))
			self->subject_key_id = cert_slice (self, id.content, id.len);
	}
	if (pkinext_x509_find_extension (self->extensions, self->extensions_len,
					 OID_AUTHORITY_KEY_ID, &value, NULL)) {
		pkinext_der_reader_init (&r, value.content, value.len);
		if (pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL)) {
			pkinext_der_reader_enter (&r, &el, &seq);
			if (pkinext_der_read_expect (&seq, PKINEXT_DER_CONTEXT (0), &id, NULL))
				self->authority_key_id = cert_slice (self, id.content, id.len);
		}
	}
}

/* fills the details from parsed parts; the DER has been checked already */
static void
cert_set_details (PkinextCertificate *self, const CertParts *parts)
{
	if (parts->extensions.tlv != NULL) {
		self->extensions = parts->extensions.tlv;
		self->extensions_len = parts->extensions.tlv_len;
	}
	if (!pkinext_x509_parse_signature_algorithm (&parts->sig_alg, &self->signature_algorithm,
						     NULL, NULL))
		self->signature_algorithm = PKINEXT_ALGORITHM_UNKNOWN;
	if (!pkinext_spki_get_key_type (parts->spki.tlv, parts->spki.tlv_len, &self->key_type,
					&self->key_bits, NULL))
		self->key_type = PKINEXT_KEY_TYPE_UNKNOWN;
	cert_parse_key_ids (self);
}

/* for certificates made from parts: locate the details in the DER on first use */
static void
cert_ensure_details (PkinextCertificate *self)
{
	if (g_once_init_enter (&self->details_done)) {
		CertParts parts;
		gsize len = 0;
		const guint8 *der = g_bytes_get_data (self->der, &len);
		if (cert_parse (der, len, &parts, NULL))
			cert_set_details (self, &parts);
		g_once_init_leave (&self->details_done, 1);
	}
}

static gboolean
cert_parse_extensions (PkinextCertificate *self, const CertParts *parts, GError **error)
{
	PkinextDerElement value;

	if (parts->extensions.tlv == NULL)
		return TRUE;
	if (!pkinext_x509_check_extensions (parts->extensions.tlv, parts->extensions.tlv_len,
					    error)) {
		g_prefix_error (error, "certificate: ");
		return FALSE;
	}
	if (pkinext_x509_find_extension (parts->extensions.tlv, parts->extensions.tlv_len,
					 OID_SUBJECT_ALT_NAME, &value, NULL)) {
		g_clear_pointer (&self->sans, g_ptr_array_unref);
		if (!pkinext_san_parse_general_names (value.content, value.len, &self->sans,
						      error)) {
			g_prefix_error (error, "certificate: ");
			return FALSE;
		}
	}
	if (pkinext_x509_find_extension (parts->extensions.tlv, parts->extensions.tlv_len,
					 OID_BASIC_CONSTRAINTS, &value, NULL) &&
	    !cert_parse_basic_constraints (&value, &self->is_ca, &self->path_len))
		return cert_fail (error, "malformed basicConstraints");
	return TRUE;
}

static gboolean
cert_fill (PkinextCertificate *self, const CertParts *parts, GError **error)
{
	if (parts->serial.len == 0 || parts->serial.len > 21)
		return cert_fail (error, "invalid serial number length");
	self->serial = pkinext_serial_to_hex (parts->serial.content, parts->serial.len);
	if (!pkinext_der_element_get_time (&parts->not_before, &self->not_before, error) ||
	    !pkinext_der_element_get_time (&parts->not_after, &self->not_after, error)) {
		g_prefix_error (error, "certificate: validity: ");
		return FALSE;
	}
	if (!pkinext_name_validate (parts->issuer.tlv, parts->issuer.tlv_len, error) ||
	    !pkinext_name_validate (parts->subject.tlv, parts->subject.tlv_len, error)) {
		g_prefix_error (error, "certificate: ");
		return FALSE;
	}
	self->issuer_der = cert_slice (self, parts->issuer.tlv, parts->issuer.tlv_len);
	self->subject_der = cert_slice (self, parts->subject.tlv, parts->subject.tlv_len);
	self->spki = cert_slice (self, parts->spki.tlv, parts->spki.tlv_len);
	if (!pkinext_spki_get_key_type (parts->spki.tlv, parts->spki.tlv_len, &self->key_type,
					&self->key_bits, error)) {
		g_prefix_error (error, "certificate: ");
		return FALSE;
	}
	if (!cert_parse_extensions (self, parts, error))
		return FALSE;
	cert_set_details (self, parts);
	self->details_done = 1; /* not yet visible to other threads */
	return TRUE;
}

/**
 * pkinext_certificate_new_from_data:
 * @pem_or_der: a certificate, DER or PEM (the first "CERTIFICATE" block)
 * @error: return location
 *
 * Parses a certificate. The signature is not verified.
 *
 * Returns: (transfer full): the certificate, or %NULL with %PKINEXT_ERROR_INVALID_DATA or
 *   %PKINEXT_ERROR_NOT_SUPPORTED
 */
PkinextCertificate *
pkinext_certificate_new_from_data (GBytes *pem_or_der, GError **error)
{
	g_autoptr (PkinextCertificate) self = NULL;
	g_autoptr (GBytes) der = NULL;
	CertParts parts;
	gsize len = 0;
	const guint8 *data;

	g_return_val_if_fail (pem_or_der != NULL, NULL);
	if (g_bytes_get_size (pem_or_der) > CERTIFICATE_MAX_SIZE) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA,
			     "certificate: %" G_GSIZE_FORMAT
			     " bytes is larger than the %u-byte limit",
			     g_bytes_get_size (pem_or_der), CERTIFICATE_MAX_SIZE);
		return NULL;
	}
	der = pkinext_pem_or_der (pem_or_der, "CERTIFICATE", error);
	if (der == NULL) {
		g_prefix_error (error, "certificate: ");
		return NULL;
	}
	data = g_bytes_get_data (der, &len);
	if (!cert_parse (data, len, &parts, error)) {
		g_prefix_error (error, "certificate: not an X.509 certificate: ");
		return NULL;
	}
	self = g_object_new (PKINEXT_TYPE_CERTIFICATE, NULL);
	self->der = g_steal_pointer (&der);
	self->sans = pkinext_san_array_new ();
	if (!cert_fill (self, &parts, error))
		return NULL;
	return g_steal_pointer (&self);
}

/**
 * pkinext_certificate_new_from_parts: (skip)
 *
 * See pkinext-certificate-private.h.
 */
PkinextCertificate *
pkinext_certificate_new_from_parts (GBytes *der,
				    const gchar *serial_hex,
				    GBytes *subject_der,
				    GBytes *issuer_der,
				    gint64 not_before,
				    gint64 not_after,
				    GPtrArray *sans,
				    GBytes *spki,
				    gboolean is_ca,
				    gint path_len)
{
	PkinextCertificate *self = g_object_new (PKINEXT_TYPE_CERTIFICATE, NULL);

	self->der = g_bytes_ref (der);
	self->serial = g_strdup (serial_hex);
	self->subject_der = g_bytes_ref (subject_der);
	self->issuer_der = g_bytes_ref (issuer_der);
	self->not_before = not_before;
	self->not_after = not_after;
	self->sans = sans != NULL ? g_ptr_array_ref (sans) : pkinext_san_array_new ();
	self->spki = g_bytes_ref (spki);
	self->is_ca = is_ca;
	self->path_len = is_ca ? path_len : -1;
	return self;
}

/**
 * pkinext_certificate_get_der:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the DER of the certificate
 */
GBytes *
pkinext_certificate_get_der (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->der;
}

/**
 * pkinext_certificate_get_serial:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the serial number as lowercase hex (pkinext_serial_to_hex())
 */
const gchar *
pkinext_certificate_get_serial (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->serial;
}

static const gchar *
cert_lazy_name (gchar **slot, GBytes *der)
{
	gsize len = 0;
	const guint8 *data;
	gchar *value = g_atomic_pointer_get (slot);

	if (value != NULL)
		return value;
	data = g_bytes_get_data (der, &len);
	value = pkinext_name_to_string (data, len);
	if (value == NULL)
		value = g_strdup ("");
	if (!g_atomic_pointer_compare_and_exchange (slot, NULL, value))
		g_free (value);
	return g_atomic_pointer_get (slot);
}

/**
 * pkinext_certificate_get_subject:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the subject as RFC 4514 text
 */
const gchar *
pkinext_certificate_get_subject (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return cert_lazy_name (&self->subject, self->subject_der);
}

/**
 * pkinext_certificate_get_issuer:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the issuer as RFC 4514 text
 */
const gchar *
pkinext_certificate_get_issuer (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return cert_lazy_name (&self->issuer, self->issuer_der);
}

/**
 * pkinext_certificate_get_subject_der:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the subject Name TLV
 */
GBytes *
pkinext_certificate_get_subject_der (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->subject_der;
}

/**
 * pkinext_certificate_get_issuer_der:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the issuer Name TLV
 */
GBytes *
pkinext_certificate_get_issuer_der (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->issuer_der;
}

gint64
pkinext_certificate_get_not_before (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), 0);
	return self->not_before;
}

gint64
pkinext_certificate_get_not_after (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), 0);
	return self->not_after;
}

/**
 * pkinext_certificate_get_sans:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none) (element-type PkinextSan): the subject alternative names
 */
GPtrArray *
pkinext_certificate_get_sans (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->sans;
}

/**
 * pkinext_certificate_get_public_key:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none): the SubjectPublicKeyInfo TLV
 */
GBytes *
pkinext_certificate_get_public_key (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return self->spki;
}

/**
 * pkinext_certificate_get_key_type:
 * @self: a #PkinextCertificate
 * @bits: (out) (optional): the key size in bits
 *
 * Returns: the subject key's type
 */
PkinextKeyType
pkinext_certificate_get_key_type (PkinextCertificate *self, guint *bits)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), PKINEXT_KEY_TYPE_UNKNOWN);
	cert_ensure_details (self);
	if (bits != NULL)
		*bits = self->key_bits;
	return self->key_type;
}

/**
 * pkinext_certificate_get_signature_algorithm:
 * @self: a #PkinextCertificate
 *
 * Returns: the algorithm the issuer signed with, or %PKINEXT_ALGORITHM_UNKNOWN
 */
PkinextAlgorithm
pkinext_certificate_get_signature_algorithm (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), PKINEXT_ALGORITHM_UNKNOWN);
	cert_ensure_details (self);
	return self->signature_algorithm;
}

/**
 * pkinext_certificate_is_ca:
 * @self: a #PkinextCertificate
 * @path_len: (out) (optional): the pathLenConstraint, or -1 for none
 *
 * Returns: whether basicConstraints has cA TRUE
 */
gboolean
pkinext_certificate_is_ca (PkinextCertificate *self, gint *path_len)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), FALSE);
	if (path_len != NULL)
		*path_len = self->is_ca ? self->path_len : -1;
	return self->is_ca;
}

/**
 * pkinext_certificate_get_subject_key_id:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none) (nullable): the subjectKeyIdentifier, or %NULL
 */
GBytes *
pkinext_certificate_get_subject_key_id (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	cert_ensure_details (self);
	return self->subject_key_id;
}

/**
 * pkinext_certificate_get_authority_key_id:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer none) (nullable): the authorityKeyIdentifier's keyIdentifier, or %NULL
 */
GBytes *
pkinext_certificate_get_authority_key_id (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	cert_ensure_details (self);
	return self->authority_key_id;
}

/**
 * pkinext_certificate_get_extension:
 * @self: a #PkinextCertificate
 * @oid: dotted OID of the extension
 * @critical: (out) (optional): whether it is critical
 *
 * Returns: (transfer full) (nullable): the extnValue contents, or %NULL if absent
 */
GBytes *
pkinext_certificate_get_extension (PkinextCertificate *self, const gchar *oid, gboolean *critical)
{
	PkinextDerElement value;

	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	cert_ensure_details (self);
	if (!pkinext_x509_find_extension (self->extensions, self->extensions_len, oid, &value,
					  critical))
		return NULL;
	return cert_slice (self, value.content, value.len);
}

/**
 * pkinext_certificate_to_pem:
 * @self: a #PkinextCertificate
 *
 * Returns: (transfer full): the certificate as PEM
 */
gchar *
pkinext_certificate_to_pem (PkinextCertificate *self)
{
	g_return_val_if_fail (PKINEXT_IS_CERTIFICATE (self), NULL);
	return pkinext_pem_encode ("CERTIFICATE", self->der);
}
