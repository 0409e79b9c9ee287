/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The CA engine: orchestrates CAs, the request workflow, revocation,
 * profiles, roles and the audit log over one PkdStore. Transports (D-Bus,
 * HTTP front-ends, the tool) call only this API. Every operation names its
 * caller and checks the caller's role first (fail closed; a denial writes an
 * audit event). Every state change is committed together with its audit event
 * before the operation completes.
 *
 * All operations are _async/_finish; they never block the main loop.
 */
#pragma once

#include "pkd-ca.h"
#include "pkd-caller.h"
#include "pkd-config.h"
#include "pkd-records.h"
#include "pkd-store.h"
#include "pkinext.h"

G_BEGIN_DECLS

#define PKD_TYPE_ENGINE (pkd_engine_get_type ())
G_DECLARE_FINAL_TYPE (PkdEngine, pkd_engine, PKD, ENGINE, GObject)

/* the outcome of one item of a bulk operation */
typedef struct {
	gchar *item;	/* serial or request id */
	gboolean ok;
	gchar *error;	/* message when !ok */
	gint error_code; /* PkinextError when !ok */
} PkdBulkResult;

void
pkd_bulk_result_free (PkdBulkResult *result);

/* lifetime */
PkdEngine *
pkd_engine_new (PkdConfig *config, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_start_async (PkdEngine *self,
			GCancellable *cancellable,
			GAsyncReadyCallback callback,
			gpointer user_data);
gboolean
pkd_engine_start_finish (PkdEngine *self, GAsyncResult *result, GError **error);
gboolean
pkd_engine_start (PkdEngine *self, GCancellable *cancellable, GError **error);
void
pkd_engine_stop (PkdEngine *self);
PkdConfig *
pkd_engine_get_config (PkdEngine *self);
PkdStore *
pkd_engine_get_store (PkdEngine *self);

/* CAs */
GPtrArray *
pkd_engine_list_cas (PkdEngine *self);
PkdCa *
pkd_engine_get_ca (PkdEngine *self, const gchar *name);

/* requests and issuance */
void
pkd_engine_submit_async (PkdEngine *self,
			 const PkdCaller *caller,
			 const gchar *ca,
			 GBytes *csr,
			 const gchar *profile,
			 const gchar *metadata_json,
			 GCancellable *cancellable,
			 GAsyncReadyCallback callback,
			 gpointer user_data);
PkdRequestRecord *
pkd_engine_submit_finish (PkdEngine *self,
			  GAsyncResult *result,
			  PkdCertRecord **certificate,
			  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_decide_async (PkdEngine *self,
			 const PkdCaller *caller,
			 const gchar *ca,
			 gint64 request_id,
			 gboolean approve,
			 const gchar *reason,
			 GCancellable *cancellable,
			 GAsyncReadyCallback callback,
			 gpointer user_data);
PkdRequestRecord *
pkd_engine_decide_finish (PkdEngine *self,
			  GAsyncResult *result,
			  PkdCertRecord **certificate,
			  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_decide_bulk_async (PkdEngine *self,
			      const PkdCaller *caller,
			      const gchar *ca,
			      GArray *request_ids,
			      gboolean approve,
			      const gchar *reason,
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data);
GPtrArray *
pkd_engine_decide_bulk_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_renew_async (PkdEngine *self,
			const PkdCaller *caller,
			const gchar *ca,
			const gchar *serial,
			GBytes *csr,
			GCancellable *cancellable,
			GAsyncReadyCallback callback,
			gpointer user_data);
PkdCertRecord *
pkd_engine_renew_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* revocation: reason PKINEXT_REVOCATION_CERTIFICATE_HOLD puts on hold */
void
pkd_engine_revoke_async (PkdEngine *self,
			 const PkdCaller *caller,
			 const gchar *ca,
			 const gchar *const *serials,
			 PkinextRevocationReason reason,
			 gint64 invalidity_date,
			 GCancellable *cancellable,
			 GAsyncReadyCallback callback,
			 gpointer user_data);
GPtrArray *
pkd_engine_revoke_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_revoke_matching_async (PkdEngine *self,
				  const PkdCaller *caller,
				  const PkdCertQuery *filter,
				  PkinextRevocationReason reason,
				  GCancellable *cancellable,
				  GAsyncReadyCallback callback,
				  gpointer user_data);
GPtrArray *
pkd_engine_revoke_matching_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_unrevoke_async (PkdEngine *self,
			   const PkdCaller *caller,
			   const gchar *ca,
			   const gchar *serial,
			   GCancellable *cancellable,
			   GAsyncReadyCallback callback,
			   gpointer user_data);
gboolean
pkd_engine_unrevoke_finish (PkdEngine *self, GAsyncResult *result, GError **error);

/* queries (readers: administrator, agent, auditor; requesters see their own requests) */
void
pkd_engine_get_certificate_async (PkdEngine *self,
				  const PkdCaller *caller,
				  const gchar *ca,
				  const gchar *serial,
				  GCancellable *cancellable,
				  GAsyncReadyCallback callback,
				  gpointer user_data);
PkdCertRecord *
pkd_engine_get_certificate_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_query_certificates_async (PkdEngine *self,
				     const PkdCaller *caller,
				     const PkdCertQuery *query,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data);
GPtrArray *
pkd_engine_query_certificates_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_get_request_async (PkdEngine *self,
			      const PkdCaller *caller,
			      const gchar *ca,
			      gint64 request_id,
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data);
PkdRequestRecord *
pkd_engine_get_request_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_query_requests_async (PkdEngine *self,
				 const PkdCaller *caller,
				 const PkdRequestQuery *query,
				 GCancellable *cancellable,
				 GAsyncReadyCallback callback,
				 gpointer user_data);
GPtrArray *
pkd_engine_query_requests_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;

/* profiles: built-ins from the profiles folder plus versioned custom ones */
void
pkd_engine_list_profiles_async (PkdEngine *self,
				const PkdCaller *caller,
				GCancellable *cancellable,
				GAsyncReadyCallback callback,
				gpointer user_data);
GPtrArray *
pkd_engine_list_profiles_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT; /* of PkinextProfile, latest version of each */
void
pkd_engine_get_profile_async (PkdEngine *self,
			      const PkdCaller *caller,
			      const gchar *name,
			      guint version, /* 0: latest */
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data);
PkinextProfile *
pkd_engine_get_profile_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_put_profile_async (PkdEngine *self,
			      const PkdCaller *caller,
			      const gchar *definition,
			      GCancellable *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer user_data);
guint
pkd_engine_put_profile_finish (PkdEngine *self, GAsyncResult *result, GError **error);
void
pkd_engine_set_profile_disabled_async (PkdEngine *self,
				       const PkdCaller *caller,
				       const gchar *name,
				       gboolean disabled,
				       GCancellable *cancellable,
				       GAsyncReadyCallback callback,
				       gpointer user_data);
gboolean
pkd_engine_set_profile_disabled_finish (PkdEngine *self, GAsyncResult *result, GError **error);

/* principals and roles (exclusive-role rule enforced here) */
void
pkd_engine_set_role_async (PkdEngine *self,
			   const PkdCaller *caller,
			   const gchar *principal,
			   const gchar *ca, /* "*": every CA */
			   PkdRole role,
			   gboolean granted,
			   GCancellable *cancellable,
			   GAsyncReadyCallback callback,
			   gpointer user_data);
gboolean
pkd_engine_set_role_finish (PkdEngine *self, GAsyncResult *result, GError **error);
void
pkd_engine_list_roles_async (PkdEngine *self,
			     const PkdCaller *caller,
			     const gchar *principal, /* NULL: all */
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data);
GPtrArray *
pkd_engine_list_roles_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT; /* of PkdRoleBinding */
gboolean
pkd_engine_caller_has_role (PkdEngine *self, const PkdCaller *caller, const gchar *ca, PkdRole role);

/* audit (auditor) */
void
pkd_engine_verify_audit_async (PkdEngine *self,
			       const PkdCaller *caller,
			       GCancellable *cancellable,
			       GAsyncReadyCallback callback,
			       gpointer user_data);
PkdAuditReport *
pkd_engine_verify_audit_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_list_audit_async (PkdEngine *self,
			     const PkdCaller *caller,
			     gint64 after_seq,
			     guint limit,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data);
GPtrArray *
pkd_engine_list_audit_finish (PkdEngine *self, GAsyncResult *result, GError **error)
    G_GNUC_WARN_UNUSED_RESULT;
void
pkd_engine_audit_denial (PkdEngine *self,
			 const PkdCaller *caller,
			 const gchar *ca,
			 const gchar *operation,
			 const gchar *why);

/*
 * Revocation hook: called after a revocation, hold or unrevoke is committed and
 * BEFORE the operation completes, so the OCSP pre-signer can re-sign those
 * certificates' responses (a response fetched right after a revoke call says
 * revoked). One hook; the daemon installs it. A hook failure is logged and
 * audited but does not undo the committed revocation.
 */
typedef void (*PkdRevocationHookFunc) (const gchar *ca,
				       const gchar *const *serials,
				       GCancellable *cancellable,
				       GAsyncReadyCallback callback,
				       gpointer callback_data,
				       gpointer user_data);
typedef gboolean (*PkdRevocationHookFinishFunc) (GAsyncResult *result, GError **error);

void
pkd_engine_set_revocation_hook (PkdEngine *self,
				PkdRevocationHookFunc func,
				PkdRevocationHookFinishFunc finish,
				gpointer user_data);

/*
 * Signals (emitted on the main context after the commit):
 *   "certificate-issued"   (const gchar *ca, PkdCertRecord *cert)
 *   "request-pending"      (const gchar *ca, PkdRequestRecord *request)
 *   "request-decided"      (const gchar *ca, PkdRequestRecord *request)
 *   "certificate-revoked"  (const gchar *ca, const gchar *serial, gint reason)  also for hold
 *   "certificate-unrevoked"(const gchar *ca, const gchar *serial)
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdBulkResult, pkd_bulk_result_free)

G_END_DECLS
