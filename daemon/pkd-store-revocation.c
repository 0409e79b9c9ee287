/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Revocation state changes: revoke (one or many certificates, all or nothing), put on
 * hold (certificateHold), make a hold permanent, release a hold (removeFromCRL). Each
 * change is a conditional UPDATE, so the check and the change are one atomic step, plus
 * its audit event.
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include "pkd-store-private.h"
#include "pkinext-error.h"

static gboolean
reason_is_revocable (gint reason)
{
	/* 7 is unused; removeFromCRL is not a revocation but its undoing */
	return reason >= PKINEXT_REVOCATION_REASON_UNSPECIFIED &&
	       reason <= PKINEXT_REVOCATION_REASON_AA_COMPROMISE && reason != 7 &&
	       reason != PKINEXT_REVOCATION_REASON_REMOVE_FROM_CRL;
}

/* why a conditional update matched no row */
static void
explain_refusal (
	PkdStoreTxn *txn, const gchar *ca, const gchar *serial, const gchar *action, GError **error)
{
	g_autoptr(PkdCertRecord) c = NULL;

	if (!pkd_store_cert_fetch (txn, ca, serial, FALSE, &c, error))
		return;
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_STATE,
		     "cannot %s certificate %s of CA %s: it is %s (reason %d)", action, c->serial,
		     ca, pkd_cert_status_to_string (c->status), c->revocation_reason);
}

typedef struct {
	gchar *ca;
	GStrv serials;
	gint reason;
	gint64 revocation_time;
	gint64 invalidity_date;
	gchar *actor;
} RevokeData;

static void
revoke_data_free (gpointer data)
{
	RevokeData *d = data;

	g_free (d->ca);
	g_strfreev (d->serials);
	g_free (d->actor);
	g_free (d);
}

static gboolean
revoke_one (PkdStoreTxn *txn, RevokeData *d, const gchar *serial, GPtrArray *done, GError **error)
{
	g_autofree gchar *norm = pkd_store_normalize_serial (serial);
	g_autofree gchar *reason = g_strdup_printf ("%d", d->reason);
	g_autofree gchar *when = g_strdup_printf ("%" G_GINT64_FORMAT, d->revocation_time);
	g_autofree gchar *details = NULL;
	PkdCertRecord *c = NULL;
	gint affected = 0;
	/* a valid certificate can be revoked or held; a held one can be revoked for good */
	const gchar *sql = d->reason == PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD
				   ? "UPDATE certificates SET status = 'revoked', "
				     "revocation_reason = ##reason::gint64, "
				     "revocation_time = ##time::gint64, invalidity_date = "
				     "##invalidity::gint64 "
				     "WHERE ca = ##ca::string AND serial = ##serial::string AND "
				     "status = 'valid'"
				   : "UPDATE certificates SET status = 'revoked', "
				     "revocation_reason = ##reason::gint64, "
				     "revocation_time = ##time::gint64, invalidity_date = "
				     "##invalidity::gint64 "
				     "WHERE ca = ##ca::string AND serial = ##serial::string AND "
				     "(status = 'valid' OR "
				     "(status = 'revoked' AND revocation_reason = 6))";

	if (!pkd_db_execute (txn->db, sql, &affected, error, PKD_DB_INT ("reason", d->reason),
			     PKD_DB_INT ("time", d->revocation_time),
			     PKD_DB_INT ("invalidity", d->invalidity_date),
			     PKD_DB_STR ("ca", d->ca), PKD_DB_STR ("serial", norm), NULL))
		return FALSE;
	if (affected != 1) {
		explain_refusal (txn, d->ca, norm, "revoke", error);
		return FALSE;
	}
	details = pkd_store_json ("reason", reason, "revocation_time", when, NULL);
	if (!pkd_store_txn_audit (txn, "certificate.revoked", d->actor, d->ca, norm, details,
				  error) ||
	    !pkd_store_cert_fetch (txn, d->ca, norm, FALSE, &c, error))
		return FALSE;
	g_ptr_array_add (done, c);
	return TRUE;
}

static gboolean
revoke_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	RevokeData *d = data;
	g_autoptr(GPtrArray) done =
		g_ptr_array_new_with_free_func ((GDestroyNotify)pkd_cert_record_free);

	if (!pkd_store_check_text ("CA name", d->ca, error))
		return FALSE;
	if (!reason_is_revocable (d->reason)) {
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			"%d is not a revocation reason (removeFromCRL: release the hold instead)",
			d->reason);
		return FALSE;
	}
	for (guint i = 0; d->serials != NULL && d->serials[i] != NULL; i++) {
		if (!revoke_one (txn, d, d->serials[i], done, error))
			return FALSE;
	}
	result->ptr = g_steal_pointer (&done);
	return TRUE;
}

static const PkdStoreOpClass revoke_op = {
	.what = "revoking certificates",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = revoke_func,
	.result_free = (GDestroyNotify)g_ptr_array_unref,
};

/**
 * pkd_store_revoke_certificates_async:
 * @self: a store
 * @ca: the CA
 * @serials: (array zero-terminated=1): the certificates to revoke
 * @reason: an RFC 5280 reason; %PKINEXT_REVOCATION_REASON_CERTIFICATE_HOLD puts valid
 *   certificates on hold; another reason also turns a hold into a revocation
 * @revocation_time: unix time (0: now)
 * @invalidity_date: unix time (0: none)
 * @actor: (nullable): who revokes
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Revokes every listed certificate in one transaction, or none: an unknown serial or
 * one in the wrong state fails the whole call, naming that serial.
 */
void
pkd_store_revoke_certificates_async (PkdStore *self,
				     const gchar *ca,
				     const gchar *const *serials,
				     PkinextRevocationReason reason,
				     gint64 revocation_time,
				     gint64 invalidity_date,
				     const gchar *actor,
				     GCancellable *cancellable,
				     GAsyncReadyCallback callback,
				     gpointer user_data)
{
	RevokeData *d = g_new0 (RevokeData, 1);

	d->ca = g_strdup (ca);
	d->serials = g_strdupv ((gchar **)serials);
	d->reason = (gint)reason;
	d->revocation_time = revocation_time != 0 ? revocation_time : pkd_store_now ();
	d->invalidity_date = invalidity_date;
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &revoke_op, d, revoke_data_free,
			  pkd_store_revoke_certificates_async, cancellable, callback, user_data);
}

/**
 * pkd_store_revoke_certificates_finish:
 *
 * Returns: (transfer full) (element-type PkdCertRecord): the certificates as revoked
 * (without DER), in the order given
 */
GPtrArray *
pkd_store_revoke_certificates_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_revoke_certificates_async, error);
}

/* release a hold */

typedef struct {
	gchar *ca;
	gchar *serial;
	gchar *actor;
} UnrevokeData;

static void
unrevoke_data_free (gpointer data)
{
	UnrevokeData *d = data;

	g_free (d->ca);
	g_free (d->serial);
	g_free (d->actor);
	g_free (d);
}

static gboolean
unrevoke_func (PkdStoreTxn *txn, gpointer data, PkdStoreResult *result, GError **error)
{
	UnrevokeData *d = data;
	g_autofree gchar *norm = pkd_store_normalize_serial (d->serial);
	g_autofree gchar *details = NULL;
	PkdCertRecord *c = NULL;
	gint affected = 0;

	if (!pkd_db_execute (
		    txn->db,
		    "UPDATE certificates SET status = 'valid', revocation_reason = NULL, "
		    "revocation_time = NULL, invalidity_date = NULL, "
		    "unrevoked_at = ##now::gint64 WHERE ca = ##ca::string AND "
		    "serial = ##serial::string AND status = 'revoked' AND revocation_reason = 6",
		    &affected, error, PKD_DB_INT ("now", pkd_store_now ()),
		    PKD_DB_STR ("ca", d->ca), PKD_DB_STR ("serial", norm), NULL))
		return FALSE;
	if (affected != 1) {
		explain_refusal (txn, d->ca, norm, "release the hold of", error);
		return FALSE;
	}
	details = pkd_store_json ("reason", "8", NULL);
	if (!pkd_store_txn_audit (txn, "certificate.unrevoked", d->actor, d->ca, norm, details,
				  error) ||
	    !pkd_store_cert_fetch (txn, d->ca, norm, FALSE, &c, error))
		return FALSE;
	result->ptr = c;
	return TRUE;
}

static const PkdStoreOpClass unrevoke_op = {
	.what = "releasing a certificate hold",
	.kind = PKD_STORE_OP_WRITE,
	.result_kind = PKD_STORE_RESULT_POINTER,
	.func = unrevoke_func,
	.result_free = (GDestroyNotify)pkd_cert_record_free,
};

/**
 * pkd_store_unrevoke_certificate_async:
 * @self: a store
 * @ca: the CA
 * @serial: a certificate on hold (certificateHold)
 * @actor: (nullable): who releases it
 * @cancellable: (nullable): a cancellable
 * @callback: callback
 * @user_data: for @callback
 *
 * Releases a hold (removeFromCRL): the certificate is valid again and @unrevoked_at
 * records when, for the next delta CRL. Other revocations are final
 * (PKINEXT_ERROR_INVALID_STATE).
 */
void
pkd_store_unrevoke_certificate_async (PkdStore *self,
				      const gchar *ca,
				      const gchar *serial,
				      const gchar *actor,
				      GCancellable *cancellable,
				      GAsyncReadyCallback callback,
				      gpointer user_data)
{
	UnrevokeData *d = g_new0 (UnrevokeData, 1);

	d->ca = g_strdup (ca);
	d->serial = g_strdup (serial);
	d->actor = g_strdup (actor);
	pkd_store_submit (self, &unrevoke_op, d, unrevoke_data_free,
			  pkd_store_unrevoke_certificate_async, cancellable, callback, user_data);
}

/**
 * pkd_store_unrevoke_certificate_finish:
 *
 * Returns: (transfer full): the certificate after the change (without DER)
 */
PkdCertRecord *
pkd_store_unrevoke_certificate_finish (PkdStore *self, GAsyncResult *result, GError **error)
{
	return pkd_store_finish_pointer (self, result, pkd_store_unrevoke_certificate_async, error);
}
