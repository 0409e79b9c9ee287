/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define G_LOG_DOMAIN "PkdStore"

#include "config.h"

#include <string.h>

#include "pkd-records.h"

static const gchar *const cert_status_names[] = {"valid", "revoked"};
static const gchar *const request_state_names[] = {"pending", "approved", "rejected", "issued"};

const gchar *
pkd_cert_status_to_string (PkdCertStatus status)
{
	if ((guint)status >= G_N_ELEMENTS (cert_status_names))
		return "unknown";
	return cert_status_names[status];
}

gboolean
pkd_cert_status_from_string (const gchar *str, PkdCertStatus *status)
{
	for (guint i = 0; i < G_N_ELEMENTS (cert_status_names); i++) {
		if (g_strcmp0 (str, cert_status_names[i]) == 0) {
			*status = (PkdCertStatus)i;
			return TRUE;
		}
	}
	return FALSE;
}

const gchar *
pkd_request_state_to_string (PkdRequestState state)
{
	if ((guint)state >= G_N_ELEMENTS (request_state_names))
		return "unknown";
	return request_state_names[state];
}

gboolean
pkd_request_state_from_string (const gchar *str, PkdRequestState *state)
{
	for (guint i = 0; i < G_N_ELEMENTS (request_state_names); i++) {
		if (g_strcmp0 (str, request_state_names[i]) == 0) {
			*state = (PkdRequestState)i;
			return TRUE;
		}
	}
	return FALSE;
}

PkdCertRecord *
pkd_cert_record_new (void)
{
	PkdCertRecord *rec = g_new0 (PkdCertRecord, 1);

	rec->revocation_reason = -1;
	return rec;
}

PkdCertRecord *
pkd_cert_record_copy (const PkdCertRecord *rec)
{
	PkdCertRecord *copy = g_memdup2 (rec, sizeof (*rec));

	copy->ca = g_strdup (rec->ca);
	copy->serial = g_strdup (rec->serial);
	copy->subject = g_strdup (rec->subject);
	copy->sans = g_strdupv (rec->sans);
	copy->profile = g_strdup (rec->profile);
	copy->der = rec->der != NULL ? g_bytes_ref (rec->der) : NULL;
	return copy;
}

void
pkd_cert_record_free (PkdCertRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->ca);
	g_free (rec->serial);
	g_free (rec->subject);
	g_strfreev (rec->sans);
	g_free (rec->profile);
	g_clear_pointer (&rec->der, g_bytes_unref);
	g_free (rec);
}

void
pkd_cert_query_init (PkdCertQuery *query)
{
	memset (query, 0, sizeof (*query));
	query->status = -1;
	query->shard = -1;
	query->revocation_reason = -1;
}

PkdRequestRecord *
pkd_request_record_new (void)
{
	return g_new0 (PkdRequestRecord, 1);
}

PkdRequestRecord *
pkd_request_record_copy (const PkdRequestRecord *rec)
{
	PkdRequestRecord *copy = g_memdup2 (rec, sizeof (*rec));

	copy->ca = g_strdup (rec->ca);
	copy->csr = rec->csr != NULL ? g_bytes_ref (rec->csr) : NULL;
	copy->profile = g_strdup (rec->profile);
	copy->requester = g_strdup (rec->requester);
	copy->metadata = g_strdup (rec->metadata);
	copy->decision_reason = g_strdup (rec->decision_reason);
	copy->decision_agent = g_strdup (rec->decision_agent);
	copy->serial = g_strdup (rec->serial);
	return copy;
}

void
pkd_request_record_free (PkdRequestRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->ca);
	g_clear_pointer (&rec->csr, g_bytes_unref);
	g_free (rec->profile);
	g_free (rec->requester);
	g_free (rec->metadata);
	g_free (rec->decision_reason);
	g_free (rec->decision_agent);
	g_free (rec->serial);
	g_free (rec);
}

void
pkd_request_query_init (PkdRequestQuery *query)
{
	memset (query, 0, sizeof (*query));
	query->state = -1;
}

PkdCaRecord *
pkd_ca_record_new (void)
{
	return g_new0 (PkdCaRecord, 1);
}

void
pkd_ca_record_free (PkdCaRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->name);
	g_free (rec->subject);
	g_clear_pointer (&rec->certificate, g_bytes_unref);
	g_free (rec);
}

PkdProfileRecord *
pkd_profile_record_new (void)
{
	return g_new0 (PkdProfileRecord, 1);
}

void
pkd_profile_record_free (PkdProfileRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->name);
	g_free (rec->definition);
	g_free (rec->created_by);
	g_free (rec);
}

PkdCrlRecord *
pkd_crl_record_new (void)
{
	PkdCrlRecord *rec = g_new0 (PkdCrlRecord, 1);

	rec->shard = PKD_CRL_SHARD_ALL;
	return rec;
}

void
pkd_crl_record_free (PkdCrlRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->ca);
	g_clear_pointer (&rec->der, g_bytes_unref);
	g_free (rec);
}

PkdOcspRecord *
pkd_ocsp_record_new (void)
{
	return g_new0 (PkdOcspRecord, 1);
}

void
pkd_ocsp_record_free (PkdOcspRecord *rec)
{
	if (rec == NULL)
		return;
	g_free (rec->ca);
	g_free (rec->serial);
	g_clear_pointer (&rec->der, g_bytes_unref);
	g_free (rec);
}

void
pkd_role_binding_free (PkdRoleBinding *binding)
{
	if (binding == NULL)
		return;
	g_free (binding->principal);
	g_free (binding->ca);
	g_free (binding->role);
	g_free (binding);
}

void
pkd_audit_report_free (PkdAuditReport *report)
{
	if (report == NULL)
		return;
	g_free (report->head_mac);
	g_free (report->broken_field);
	g_free (report->expected);
	g_free (report->stored);
	g_free (report->message);
	g_free (report);
}
