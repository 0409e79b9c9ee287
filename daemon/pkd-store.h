/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PkdStore: the CA's durable state (SQLite or PostgreSQL through libgda).
 *
 * All database work runs on one worker thread that owns the connection; the API is
 * async (GTask: callbacks run in the caller's thread-default main context, with a NULL
 * source object: keep the store in your user data). Disposing the store (or
 * pkd_store_close()) lets queued operations finish first. The worker
 * drains every queued write operation into ONE transaction, commits, and only then
 * completes the waiting tasks (group commit): a caller never sees its row before it is
 * durable. If one operation of a group fails, the group is rolled back and each
 * operation is replayed in its own transaction, so one caller's error never fails
 * another's write.
 *
 * Every state change appends an HMAC-chained audit record (pkinext-audit-chain.h) in
 * the same transaction as the change.
 */
#pragma once

#include <gio/gio.h>

#include "pkd-records.h"
#include "pkinext-audit-chain.h"

G_BEGIN_DECLS

/* the schema this code writes; see pkd-store-schema.c for the steps */
#define PKD_STORE_SCHEMA_VERSION 2

typedef enum {
	PKD_STORE_OPEN_NONE = 0,
	/* bring an older schema up to PKD_STORE_SCHEMA_VERSION (else: refuse to open it) */
	PKD_STORE_OPEN_MIGRATE = 1 << 0,
} PkdStoreOpenFlags;

typedef struct {
	guint64 transactions; /* committed write transactions */
	guint64 writes;	      /* write operations committed */
	guint64 reads;	      /* read operations run */
	guint64 replays;      /* operations replayed alone after a failed group */
	guint max_group;      /* most write operations committed in one transaction */
} PkdStoreStats;

#define PKD_TYPE_STORE (pkd_store_get_type ())
G_DECLARE_FINAL_TYPE (PkdStore, pkd_store, PKD, STORE, GObject)

/* construction, lifetime */
PkdStore *pkd_store_new (const gchar *provider,
			 const gchar *connection,
			 const gchar *auth,
			 PkinextAuditKeyring *keyring,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;
const gchar *pkd_store_get_provider (PkdStore *self);
void pkd_store_open_async (PkdStore *self,
			   PkdStoreOpenFlags flags,
			   GCancellable *cancellable,
			   GAsyncReadyCallback callback,
			   gpointer user_data);
gboolean pkd_store_open_finish (PkdStore *self, GAsyncResult *result, GError **error);
gboolean
pkd_store_open (PkdStore *self, PkdStoreOpenFlags flags, GCancellable *cancellable, GError **error);
void pkd_store_close (PkdStore *self);
guint pkd_store_get_schema_version (PkdStore *self);
void pkd_store_get_stats (PkdStore *self, PkdStoreStats *stats);
void pkd_store_set_target_schema_version (PkdStore *self, guint version);

/* audit log (pkd-store-audit.c) */
void pkd_store_append_audit_async (PkdStore *self,
				   const PkinextAuditRecord *event,
				   GCancellable *cancellable,
				   GAsyncReadyCallback callback,
				   gpointer user_data);
PkinextAuditRecord *pkd_store_append_audit_finish (PkdStore *self,
						   GAsyncResult *result,
						   GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_list_audit_async (PkdStore *self,
				 gint64 after_seq,
				 guint limit,
				 GCancellable *cancellable,
				 GAsyncReadyCallback callback,
				 gpointer user_data);
GPtrArray *pkd_store_list_audit_finish (PkdStore *self,
					GAsyncResult *result,
					GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_verify_audit_async (PkdStore *self,
				   GCancellable *cancellable,
				   GAsyncReadyCallback callback,
				   gpointer user_data);
PkdAuditReport *pkd_store_verify_audit_finish (PkdStore *self,
					       GAsyncResult *result,
					       GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* CAs (pkd-store-cas.c) */
void pkd_store_put_ca_async (PkdStore *self,
			     const gchar *name,
			     const gchar *subject,
			     GBytes *certificate,
			     const gchar *actor,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data);
gboolean pkd_store_put_ca_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_get_ca_async (PkdStore *self,
			     const gchar *name,
			     GCancellable *cancellable,
			     GAsyncReadyCallback callback,
			     gpointer user_data);
PkdCaRecord *pkd_store_get_ca_finish (PkdStore *self,
				      GAsyncResult *result,
				      GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_list_cas_async (PkdStore *self,
			       GCancellable *cancellable,
			       GAsyncReadyCallback callback,
			       gpointer user_data);
GPtrArray *pkd_store_list_cas_finish (PkdStore *self,
				      GAsyncResult *result,
				      GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* certificates (pkd-store-certificates.c, pkd-store-revocation.c) */
void pkd_store_insert_certificate_async (PkdStore *self,
					 const PkdCertRecord *cert,
					 const PkdRequestRecord *new_request,
					 const gchar *actor,
					 GCancellable *cancellable,
					 GAsyncReadyCallback callback,
					 gpointer user_data);
gboolean pkd_store_insert_certificate_finish (PkdStore *self,
					      GAsyncResult *result,
					      gint64 *request_id,
					      GError **error);
void pkd_store_get_certificate_async (PkdStore *self,
				      const gchar *ca,
				      const gchar *serial,
				      GCancellable *cancellable,
				      GAsyncReadyCallback callback,
				      gpointer user_data);
PkdCertRecord *pkd_store_get_certificate_finish (PkdStore *self,
						 GAsyncResult *result,
						 GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_query_certificates_async (PkdStore *self,
					 const PkdCertQuery *query,
					 GCancellable *cancellable,
					 GAsyncReadyCallback callback,
					 gpointer user_data);
GPtrArray *pkd_store_query_certificates_finish (PkdStore *self,
						GAsyncResult *result,
						GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_revoke_certificates_async (PkdStore *self,
					  const gchar *ca,
					  const gchar *const *serials,
					  PkinextRevocationReason reason,
					  gint64 revocation_time,
					  gint64 invalidity_date,
					  const gchar *actor,
					  GCancellable *cancellable,
					  GAsyncReadyCallback callback,
					  gpointer user_data);
GPtrArray *pkd_store_revoke_certificates_finish (PkdStore *self,
						 GAsyncResult *result,
						 GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_unrevoke_certificate_async (PkdStore *self,
					   const gchar *ca,
					   const gchar *serial,
					   const gchar *actor,
					   GCancellable *cancellable,
					   GAsyncReadyCallback callback,
					   gpointer user_data);
PkdCertRecord *pkd_store_unrevoke_certificate_finish (PkdStore *self,
						      GAsyncResult *result,
						      GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* requests (pkd-store-requests.c) */
void pkd_store_submit_request_async (PkdStore *self,
				     const PkdRequestRecord *request,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data);
gint64 pkd_store_submit_request_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_get_request_async (PkdStore *self,
				  gint64 id,
				  GCancellable *cancellable,
				  GAsyncReadyCallback callback,
				  gpointer user_data);
PkdRequestRecord *pkd_store_get_request_finish (PkdStore *self,
						GAsyncResult *result,
						GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_query_requests_async (PkdStore *self,
				     const PkdRequestQuery *query,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data);
GPtrArray *pkd_store_query_requests_finish (PkdStore *self,
					    GAsyncResult *result,
					    GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_decide_request_async (PkdStore *self,
				     gint64 id,
				     PkdRequestState decision,
				     const gchar *reason,
				     const gchar *agent,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data);
PkdRequestRecord *pkd_store_decide_request_finish (PkdStore *self,
						   GAsyncResult *result,
						   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* profiles (pkd-store-profiles.c) */
void pkd_store_put_profile_async (PkdStore *self,
				  const gchar *name,
				  const gchar *definition,
				  const gchar *actor,
				  GCancellable *cancellable,
				  GAsyncReadyCallback callback,
				  gpointer user_data);
guint pkd_store_put_profile_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_set_profile_disabled_async (PkdStore *self,
					   const gchar *name,
					   gboolean disabled,
					   const gchar *actor,
					   GCancellable *cancellable,
					   GAsyncReadyCallback callback,
					   gpointer user_data);
gboolean
pkd_store_set_profile_disabled_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_get_profile_async (PkdStore *self,
				  const gchar *name,
				  guint version,
				  GCancellable *cancellable,
				  GAsyncReadyCallback callback,
				  gpointer user_data);
PkdProfileRecord *pkd_store_get_profile_finish (PkdStore *self,
						GAsyncResult *result,
						GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_list_profiles_async (PkdStore *self,
				    GCancellable *cancellable,
				    GAsyncReadyCallback callback,
				    gpointer user_data);
GPtrArray *pkd_store_list_profiles_finish (PkdStore *self,
					   GAsyncResult *result,
					   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* CRLs and OCSP responses (pkd-store-crls.c) */
void pkd_store_allocate_crl_number_async (PkdStore *self,
					  const gchar *ca,
					  GCancellable *cancellable,
					  GAsyncReadyCallback callback,
					  gpointer user_data);
gint64 pkd_store_allocate_crl_number_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_insert_crl_async (PkdStore *self,
				 const PkdCrlRecord *crl,
				 const gchar *actor,
				 GCancellable *cancellable,
				 GAsyncReadyCallback callback,
				 gpointer user_data);
gboolean pkd_store_insert_crl_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_get_latest_crl_async (PkdStore *self,
				     const gchar *ca,
				     gint shard,
				     gboolean delta,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data);
PkdCrlRecord *pkd_store_get_latest_crl_finish (PkdStore *self,
					       GAsyncResult *result,
					       GError **error) G_GNUC_WARN_UNUSED_RESULT;
void pkd_store_put_ocsp_response_async (PkdStore *self,
					const PkdOcspRecord *response,
					GCancellable *cancellable,
					GAsyncReadyCallback callback,
					gpointer user_data);
gboolean pkd_store_put_ocsp_response_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_get_ocsp_response_async (PkdStore *self,
					const gchar *ca,
					const gchar *serial,
					GCancellable *cancellable,
					GAsyncReadyCallback callback,
					gpointer user_data);
PkdOcspRecord *pkd_store_get_ocsp_response_finish (PkdStore *self,
						   GAsyncResult *result,
						   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* principals and roles (pkd-store-principals.c) */
void pkd_store_add_principal_async (PkdStore *self,
				    const gchar *name,
				    const gchar *kind,
				    const gchar *display_name,
				    const gchar *actor,
				    GCancellable *cancellable,
				    GAsyncReadyCallback callback,
				    gpointer user_data);
gboolean pkd_store_add_principal_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_set_role_async (PkdStore *self,
			       const gchar *principal,
			       const gchar *ca,
			       const gchar *role,
			       gboolean granted,
			       const gchar *actor,
			       GCancellable *cancellable,
			       GAsyncReadyCallback callback,
			       gpointer user_data);
gboolean pkd_store_set_role_finish (PkdStore *self, GAsyncResult *result, GError **error);
void pkd_store_list_roles_async (PkdStore *self,
				 const gchar *principal,
				 GCancellable *cancellable,
				 GAsyncReadyCallback callback,
				 gpointer user_data);
GPtrArray *pkd_store_list_roles_finish (PkdStore *self,
					GAsyncResult *result,
					GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
