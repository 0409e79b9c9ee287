/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Plain records the store reads and writes, and the queries over them. Times are unix
 * seconds; serials are lowercase hex (as pkinext_serial_to_hex() writes them); DER is
 * kept as given. Strings in query structs are borrowed: the store copies what it needs.
 */
#pragma once

#include <glib-object.h>

#include "pkinext-revocation.h"

G_BEGIN_DECLS

typedef enum {
	PKD_CERT_STATUS_VALID,
	PKD_CERT_STATUS_REVOKED,
} PkdCertStatus;

/* a certificate row; revocation_reason is a PkinextRevocationReason or -1 */
typedef struct {
	gint64 id; /* set by the store; increases with issuance (pagination cursor) */
	gchar *ca;
	gchar *serial;
	gchar *subject;
	GStrv sans; /* as the engine formats them, e.g. "dns:www.example.com" */
	gint64 not_before;
	gint64 not_after;
	PkdCertStatus status;
	gint revocation_reason;
	gint64 revocation_time; /* 0: not revoked */
	gint64 invalidity_date; /* 0: none */
	gint64 unrevoked_at;	/* when a hold was last released (removeFromCRL), 0: never */
	gchar *profile;
	guint profile_version;
	gint64 request_id; /* 0: none */
	guint shard;
	gint64 issued_at; /* set by the store when 0 */
	GBytes *der;	  /* NULL in listings made without DER */
} PkdCertRecord;

/* certificate search; every set field narrows the result (AND) */
typedef struct {
	const gchar *ca;
	const gchar *serial;
	const gchar *subject;	       /* exact */
	const gchar *subject_contains; /* case-sensitive substring */
	const gchar *san;	       /* exact, as stored */
	const gchar *profile;
	gint status;		/* PkdCertStatus, -1: any */
	gint shard;		/* -1: any */
	gint revocation_reason; /* -1: any */
	gint64 request_id;	/* 0: any */
	gint64 not_after_from;	/* not_after >= this; 0: unbounded */
	gint64 not_after_to;	/* not_after < this; 0: unbounded */
	gint64 changed_since;	/* revoked or released at/after this; 0: unbounded */
	gint64 after_id;	/* keyset pagination: only rows with id > after_id */
	guint limit;		/* 0: 100; at most 10000 */
	gboolean with_der;
} PkdCertQuery;

typedef enum {
	PKD_REQUEST_PENDING,
	PKD_REQUEST_APPROVED,
	PKD_REQUEST_REJECTED,
	PKD_REQUEST_ISSUED,
} PkdRequestState;

typedef struct {
	gint64 id; /* set by the store */
	gchar *ca;
	GBytes *csr; /* DER; NULL in listings made without CSRs */
	gchar *profile;
	gchar *requester;
	gchar *metadata; /* JSON object text, "{}" when none */
	PkdRequestState state;
	gchar *decision_reason; /* NULL until decided */
	gchar *decision_agent;
	gchar *serial; /* the certificate issued for it, NULL before */
	gint64 created_at;
	gint64 updated_at;
} PkdRequestRecord;

typedef struct {
	const gchar *ca;
	const gchar *requester;
	const gchar *profile;
	gint state;	 /* PkdRequestState, -1: any */
	gint64 after_id; /* keyset pagination */
	guint limit;	 /* 0: 100; at most 10000 */
	gboolean with_csr;
} PkdRequestQuery;

typedef struct {
	gchar *name;
	gchar *subject;
	GBytes *certificate; /* DER, NULL until known */
	gint64 created_at;
	gint64 updated_at;
	gint64 next_crl_number;
} PkdCaRecord;

/* one version of a custom profile; versions are never changed or deleted */
typedef struct {
	gchar *name;
	guint version;
	gchar *definition;
	gboolean disabled; /* of the profile (all versions) */
	gint64 created_at;
	gchar *created_by;
} PkdProfileRecord;

#define PKD_CRL_SHARD_ALL (-1)

typedef struct {
	gchar *ca;
	gint64 number;
	gint shard;	    /* PKD_CRL_SHARD_ALL: the whole CA */
	gint64 base_number; /* delta CRLs: the base CRL's number; 0 for a full CRL */
	gint64 this_update;
	gint64 next_update;
	GBytes *der;
} PkdCrlRecord;

typedef struct {
	gchar *ca;
	gchar *serial;
	gint64 produced_at;
	gint64 next_update;
	GBytes *der;
} PkdOcspRecord;

typedef struct {
	gchar *principal;
	gchar *ca; /* "*": every CA */
	gchar *role;
} PkdRoleBinding;

/* the result of checking the audit chain */
typedef struct {
	gboolean intact;
	gint64 n_records;
	gint64 head_seq;
	gchar *head_mac;
	gint64 broken_seq; /* 0 when intact */
	gchar *broken_field;
	gchar *expected;
	gchar *stored;
	gchar *message;
	gboolean key_missing; /* cannot verify: the keyring lacks an epoch's key */
} PkdAuditReport;

const gchar *pkd_cert_status_to_string (PkdCertStatus status);
gboolean pkd_cert_status_from_string (const gchar *str, PkdCertStatus *status);
const gchar *pkd_request_state_to_string (PkdRequestState state);
gboolean pkd_request_state_from_string (const gchar *str, PkdRequestState *state);

PkdCertRecord *pkd_cert_record_new (void);
PkdCertRecord *pkd_cert_record_copy (const PkdCertRecord *rec);
void pkd_cert_record_free (PkdCertRecord *rec);
void pkd_cert_query_init (PkdCertQuery *query);

PkdRequestRecord *pkd_request_record_new (void);
PkdRequestRecord *pkd_request_record_copy (const PkdRequestRecord *rec);
void pkd_request_record_free (PkdRequestRecord *rec);
void pkd_request_query_init (PkdRequestQuery *query);

PkdCaRecord *pkd_ca_record_new (void);
void pkd_ca_record_free (PkdCaRecord *rec);
PkdProfileRecord *pkd_profile_record_new (void);
void pkd_profile_record_free (PkdProfileRecord *rec);
PkdCrlRecord *pkd_crl_record_new (void);
void pkd_crl_record_free (PkdCrlRecord *rec);
PkdOcspRecord *pkd_ocsp_record_new (void);
void pkd_ocsp_record_free (PkdOcspRecord *rec);
void pkd_role_binding_free (PkdRoleBinding *binding);
void pkd_audit_report_free (PkdAuditReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdCertRecord, pkd_cert_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdRequestRecord, pkd_request_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdCaRecord, pkd_ca_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdProfileRecord, pkd_profile_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdCrlRecord, pkd_crl_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdOcspRecord, pkd_ocsp_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdRoleBinding, pkd_role_binding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdAuditReport, pkd_audit_report_free)

G_END_DECLS
