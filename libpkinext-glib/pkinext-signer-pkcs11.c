/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A signer whose private key stays on a PKCS#11 token. Signing goes through a
 * pool of sessions, so several threads sign in parallel; a session that the
 * token lost (closed, logged out, token re-inserted) is reopened, logged in and
 * its key looked up again, a bounded number of times. There is never a software
 * fallback: if the token cannot sign, signing fails with the CKR_ code.
 */
#define G_LOG_DOMAIN "PkinextSignerPkcs11"

#include "config.h"

#include <gnutls/crypto.h>
#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext-error.h"
#include "pkinext-pkcs11-private.h"
#include "pkinext-pkcs11-token-private.h"
#include "pkinext-signer-pkcs11.h"

#define DEFAULT_SESSIONS 4
#define MAX_SESSIONS	 64
#define MAX_ATTEMPTS	 3 /* one try and two recoveries per signature */
#define MAX_SIGNATURE	 1024

typedef struct {
	CK_SESSION_HANDLE session; /* CK_INVALID_HANDLE: closed, open on next use */
	CK_OBJECT_HANDLE key;
	gboolean busy;
} PoolEntry;

struct _PkinextSignerPkcs11 {
	PkinextSigner parent_instance;
	PkinextPkcs11Token *token;
	gchar *key_label; /* the key is selected by label and/or id */
	GBytes *key_id;
	gchar *key_uri;
	gchar *object_desc;
	gboolean always_authenticate;

	GMutex pool_lock;
	GCond pool_cond;
	PoolEntry *pool;
	guint pool_size;
	guint in_use;
	guint peak_in_use;
	guint64 signatures;
	guint64 recoveries;
};

G_DEFINE_TYPE (PkinextSignerPkcs11, pkinext_signer_pkcs11, PKINEXT_TYPE_SIGNER)

/* what to pass to C_SignInit/C_Sign for the signer's algorithm */
typedef struct {
	CK_MECHANISM mech;
	CK_RSA_PKCS_PSS_PARAMS pss;
	const guint8 *data;
	gsize len;
	guint8 digest[64];
} SignInput;

/* ---- the session pool ------------------------------------------------- */

static PoolEntry *
pool_acquire (PkinextSignerPkcs11 *self)
{
	PoolEntry *entry = NULL;

	g_mutex_lock (&self->pool_lock);
	while (entry == NULL) {
		for (guint i = 0; i < self->pool_size && entry == NULL; i++) {
			if (!self->pool[i].busy)
				entry = &self->pool[i];
		}
		if (entry == NULL)
			g_cond_wait (&self->pool_cond, &self->pool_lock);
	}
	entry->busy = TRUE;
	self->in_use++;
	self->peak_in_use = MAX (self->peak_in_use, self->in_use);
	g_mutex_unlock (&self->pool_lock);
	return entry;
}

static void
pool_release (PkinextSignerPkcs11 *self, PoolEntry *entry, gboolean signed_ok, guint recoveries)
{
	g_mutex_lock (&self->pool_lock);
	entry->busy = FALSE;
	self->in_use--;
	self->recoveries += recoveries;
	if (signed_ok)
		self->signatures++;
	g_cond_signal (&self->pool_cond);
	g_mutex_unlock (&self->pool_lock);
}

static void
entry_close (PkinextSignerPkcs11 *self, PoolEntry *entry)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self->token);

	if (entry->session != CK_INVALID_HANDLE)
		f->C_CloseSession (entry->session); /* may well be gone already */
	entry->session = CK_INVALID_HANDLE;
	entry->key = CK_INVALID_HANDLE;
}

static gboolean
signer_find_key (PkinextSignerPkcs11 *self,
		 CK_SESSION_HANDLE session,
		 CK_OBJECT_HANDLE *key,
		 GError **error)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self->token);
	g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
	CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
	CK_ATTRIBUTE tmpl[3] = {{CKA_CLASS, &klass, sizeof (klass)}};
	CK_ULONG n = 1;
	CK_RV rv;

	if (self->key_label != NULL)
		tmpl[n++] = (CK_ATTRIBUTE){CKA_LABEL, self->key_label, strlen (self->key_label)};
	if (self->key_id != NULL)
		tmpl[n++] = (CK_ATTRIBUTE){CKA_ID, (gpointer)g_bytes_get_data (self->key_id, NULL),
					   g_bytes_get_size (self->key_id)};
	rv = pkinext_pkcs11_find (f, session, tmpl, n, 2, found);
	if (rv != CKR_OK)
		return pkinext_pkcs11_set_error (error, rv, "looking for the private key");
	if (found->len == 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
			     "no private key object matches (wrong label or id, or the key is "
			     "not visible after login)");
		return FALSE;
	}
	if (found->len > 1) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "several private keys match: select the key by label and id");
		return FALSE;
	}
	*key = g_array_index (found, CK_OBJECT_HANDLE, 0);
	return TRUE;
}

/* opens a session, logs in (unless the token still is) and finds the key */
static gboolean
entry_open (PkinextSignerPkcs11 *self, PoolEntry *entry, GError **error)
{
	CK_SESSION_HANDLE session = pkinext_pkcs11_token_open_session (self->token, FALSE, error);

	if (session == CK_INVALID_HANDLE)
		return FALSE;
	entry->session = session;
	if (!pkinext_pkcs11_token_login (self->token, session, error) ||
	    !signer_find_key (self, session, &entry->key, error)) {
		entry_close (self, entry);
		return FALSE;
	}
	return TRUE;
}

/* ---- signing ------------------------------------------------------------ */

static gboolean
sign_input_prepare (
	PkinextSignerPkcs11 *self, const guint8 *data, gsize len, SignInput *in, GError **error)
{
	const PkinextAlgorithmInfo *info =
		pkinext_algorithm_get_info (pkinext_signer_get_algorithm (PKINEXT_SIGNER (self)));

	memset (in, 0, sizeof (*in));
	in->mech.mechanism = info->pkcs11_mechanism;
	in->data = data;
	in->len = len;
	if (info->pkcs11_mechanism == CKM_ECDSA) {
		/* raw ECDSA signs a digest we compute */
		int rc = gnutls_hash_fast (info->gnutls_digest, data, len, in->digest);
		if (rc < 0)
			return pkinext_error_set_gnutls (error, rc, "hashing the data to sign");
		in->data = in->digest;
		in->len = gnutls_hash_get_len (info->gnutls_digest);
	} else if (info->gnutls_pk == GNUTLS_PK_RSA && g_str_has_prefix (info->name, "rsa-pss")) {
		static const struct {
			gnutls_digest_algorithm_t dig;
			CK_MECHANISM_TYPE hash;
			CK_RSA_PKCS_MGF_TYPE mgf;
		} pss[] = {
			{GNUTLS_DIG_SHA256, CKM_SHA256, CKG_MGF1_SHA256},
			{GNUTLS_DIG_SHA384, CKM_SHA384, CKG_MGF1_SHA384},
			{GNUTLS_DIG_SHA512, CKM_SHA512, CKG_MGF1_SHA512},
		};
		for (guint i = 0; i < G_N_ELEMENTS (pss); i++) {
			if (pss[i].dig != info->gnutls_digest)
				continue;
			in->pss.hashAlg = pss[i].hash;
			in->pss.mgf = pss[i].mgf;
			in->pss.sLen = gnutls_hash_get_len (info->gnutls_digest);
		}
		in->mech.pParameter = &in->pss;
		in->mech.ulParameterLen = sizeof (in->pss);
	}
	return TRUE;
}

/* PKCS#11 gives ECDSA signatures as r || s; X.509 wants Ecdsa-Sig-Value */
static GBytes *
ecdsa_to_der (const guint8 *sig, gsize len)
{
	PkinextDerWriter w;

	pkinext_der_writer_init (&w, len + 8);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put_unsigned_be (&w, PKINEXT_DER_INTEGER, sig, len / 2);
	pkinext_der_put_unsigned_be (&w, PKINEXT_DER_INTEGER, sig + len / 2, len / 2);
	pkinext_der_end (&w);
	return pkinext_der_writer_steal (&w);
}

static CK_RV
entry_sign (PkinextSignerPkcs11 *self, PoolEntry *entry, SignInput *in, GBytes **out)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self->token);
	g_autofree guint8 *buf = g_malloc (MAX_SIGNATURE);
	CK_ULONG len = MAX_SIGNATURE;
	CK_RV rv;

	rv = f->C_SignInit (entry->session, &in->mech, entry->key);
	if (rv == CKR_OK && self->always_authenticate)
		rv = pkinext_pkcs11_token_context_login (self->token, entry->session);
	if (rv == CKR_OK)
		rv = f->C_Sign (entry->session, (CK_BYTE *)in->data, in->len, buf, &len);
	if (rv == CKR_BUFFER_TOO_SMALL) {
		/* the operation stays active with the size it needs */
		buf = g_realloc (buf, len);
		rv = f->C_Sign (entry->session, (CK_BYTE *)in->data, in->len, buf, &len);
	}
	if (rv != CKR_OK)
		return rv;
	if (in->mech.mechanism == CKM_ECDSA) {
		if (len % 2 != 0)
			return CKR_SIGNATURE_LEN_RANGE;
		*out = ecdsa_to_der (buf, len);
	} else {
		*out = g_bytes_new_take (g_steal_pointer (&buf), len);
	}
	return CKR_OK;
}

/* one attempt: (re)open the entry if needed and sign. On a recoverable loss,
 * returns FALSE with *retry set and the entry closed. */
static GBytes *
sign_attempt (
	PkinextSignerPkcs11 *self, PoolEntry *entry, SignInput *in, gboolean *retry, GError **error)
{
	g_autoptr(GBytes) sig = NULL;
	CK_RV rv;

	*retry = FALSE;
	if (entry->session == CK_INVALID_HANDLE && !entry_open (self, entry, error)) {
		/* retry only if the token went away and is back (maybe in another slot):
		 * never repeat a failed login, which could lock the PIN */
		*retry = !pkinext_pkcs11_token_is_present (self->token) &&
			 pkinext_pkcs11_token_relocate (self->token, NULL);
		return NULL;
	}
	rv = entry_sign (self, entry, in, &sig);
	if (rv == CKR_OK)
		return g_steal_pointer (&sig);
	pkinext_pkcs11_set_error (error, rv, "signing");
	if (!pkinext_pkcs11_rv_is_session_loss (rv))
		return NULL;
	g_message ("PKCS#11 %s: %s while signing; reopening the session and logging in again",
		   self->object_desc, pkinext_pkcs11_rv_name (rv));
	entry_close (self, entry);
	if (pkinext_pkcs11_rv_is_token_loss (rv))
		pkinext_pkcs11_token_relocate (self->token, NULL);
	*retry = TRUE;
	return NULL;
}

static GBytes *
pkinext_signer_pkcs11_sign (PkinextSigner *signer, const guint8 *data, gsize len, GError **error)
{
	PkinextSignerPkcs11 *self = PKINEXT_SIGNER_PKCS11 (signer);
	g_autoptr(GError) local_error = NULL;
	GBytes *sig = NULL;
	PoolEntry *entry;
	SignInput in;
	guint recoveries = 0;

	if (!sign_input_prepare (self, data, len, &in, error))
		return NULL;
	entry = pool_acquire (self);
	for (guint attempt = 0; attempt < MAX_ATTEMPTS && sig == NULL; attempt++) {
		gboolean retry = FALSE;
		g_clear_error (&local_error);
		sig = sign_attempt (self, entry, &in, &retry, &local_error);
		if (sig == NULL && !retry)
			break;
		if (sig == NULL)
			recoveries++;
	}
	pool_release (self, entry, sig != NULL, recoveries);
	if (sig == NULL) {
		g_autofree gchar *desc = pkinext_signer_describe (signer);
		g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s%s: ", desc,
					    recoveries > 0 ? " (after reopening the session)" : "");
	}
	return sig;
}

static gchar *
pkinext_signer_pkcs11_describe (PkinextSigner *signer)
{
	PkinextSignerPkcs11 *self = PKINEXT_SIGNER_PKCS11 (signer);
	if (self->token == NULL)
		return g_strdup_printf ("pkcs11 %s", self->object_desc);
	return g_strdup_printf ("pkcs11 module=%s token=%s %s",
				pkinext_pkcs11_token_get_module (self->token),
				pkinext_pkcs11_token_get_label (self->token), self->object_desc);
}

/* ---- construction ------------------------------------------------------- */

static gboolean
signer_check_key (PkinextSignerPkcs11 *self, PoolEntry *entry, GError **error)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self->token);
	gboolean can_sign = FALSE;
	CK_RV rv;

	rv = pkinext_pkcs11_get_bool (f, entry->session, entry->key, CKA_SIGN, &can_sign);
	if (rv != CKR_OK)
		return pkinext_pkcs11_set_error (error, rv, "reading CKA_SIGN");
	if (!can_sign) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PERMISSION_DENIED,
			     "the key may not sign (CKA_SIGN=FALSE)");
		return FALSE;
	}
	pkinext_pkcs11_get_bool (f, entry->session, entry->key, CKA_ALWAYS_AUTHENTICATE,
				 &self->always_authenticate);
	return TRUE;
}

static gboolean
signer_setup_key (PkinextSignerPkcs11 *self, PkinextAlgorithm algorithm, GError **error)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self->token);
	PoolEntry *entry = &self->pool[0];
	const PkinextAlgorithmInfo *info;
	gnutls_pubkey_t pub;

	if (!entry_open (self, entry, error) || !signer_check_key (self, entry, error))
		return FALSE;
	pub = pkinext_pkcs11_read_pubkey (f, entry->session, entry->key, error);
	if (pub == NULL || !pkinext_signer_set_key (PKINEXT_SIGNER (self), pub, algorithm, error))
		return FALSE;
	info = pkinext_algorithm_get_info (pkinext_signer_get_algorithm (PKINEXT_SIGNER (self)));
	return pkinext_pkcs11_token_check_mechanism (self->token, info->pkcs11_mechanism, CKF_SIGN,
						     info->name, error);
}

static gboolean
signer_select_key (PkinextSignerPkcs11 *self, const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(GString) desc = g_string_new ("object");

	if (!pkinext_pkcs11_options_get_object (opts, &self->key_label, &self->key_id, error))
		return FALSE;
	if (self->key_label == NULL && self->key_id == NULL) {
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			"no PKCS#11 key selected: give a key label, a key id, or a pkcs11: URI "
			"with object= or id=");
		return FALSE;
	}
	if (self->key_label != NULL)
		g_string_append_printf (desc, "='%s'", self->key_label);
	if (self->key_id != NULL) {
		g_autofree gchar *hex = pkinext_pkcs11_hex (g_bytes_get_data (self->key_id, NULL),
							    g_bytes_get_size (self->key_id));
		g_string_append_printf (desc, " id=%s", hex);
	}
	self->object_desc = g_string_free (g_steal_pointer (&desc), FALSE);
	return TRUE;
}

/**
 * pkinext_signer_pkcs11_new:
 * @opts: the module, token, key and PIN
 * @error: return location
 *
 * Opens @opts->sessions sessions (default 4) on the token, logs in, finds the
 * private key, reads its public key and checks that the token offers the
 * algorithm's mechanism. Errors name the module, token, object and CKR_ code.
 * Call pkinext_signer_validate() before serving.
 *
 * Returns: (transfer full): a new signer
 */
PkinextSigner *
pkinext_signer_pkcs11_new (const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(PkinextSignerPkcs11) self = NULL;
	g_autofree gchar *token_desc = NULL;

	self = g_object_new (PKINEXT_TYPE_SIGNER_PKCS11, "backend", "pkcs11", NULL);
	if (!signer_select_key (self, opts, error))
		return NULL;
	self->token = pkinext_pkcs11_token_open (opts, error);
	if (self->token == NULL) {
		g_prefix_error (error, "PKCS#11 key %s: ", self->object_desc);
		return NULL;
	}
	token_desc = pkinext_pkcs11_token_describe (self->token);
	self->pool_size =
		CLAMP (opts->sessions == 0 ? DEFAULT_SESSIONS : opts->sessions, 1, MAX_SESSIONS);
	self->pool = g_new0 (PoolEntry, self->pool_size);
	for (guint i = 0; i < self->pool_size; i++)
		self->pool[i].session = CK_INVALID_HANDLE;
	if (!signer_setup_key (self, opts->algorithm, error)) {
		g_prefix_error (error, "PKCS#11 key %s on %s: ", self->object_desc, token_desc);
		return NULL;
	}
	for (guint i = 1; i < self->pool_size; i++) {
		if (!entry_open (self, &self->pool[i], error)) {
			g_prefix_error (error, "PKCS#11 key %s on %s: session %u of %u: ",
					self->object_desc, token_desc, i + 1, self->pool_size);
			return NULL;
		}
	}
	self->key_uri = pkinext_pkcs11_token_object_uri (self->token, self->key_label, self->key_id,
							 CKO_PRIVATE_KEY);
	return PKINEXT_SIGNER (g_steal_pointer (&self));
}

/**
 * pkinext_signer_pkcs11_get_token:
 * @self: a PKCS#11 signer
 *
 * Returns: (transfer none): the token holding the key
 */
PkinextPkcs11Token *
pkinext_signer_pkcs11_get_token (PkinextSignerPkcs11 *self)
{
	return self->token;
}

/**
 * pkinext_signer_pkcs11_get_key_uri:
 * @self: a PKCS#11 signer
 *
 * Returns: (transfer none): the RFC 7512 URI of the private key
 */
const gchar *
pkinext_signer_pkcs11_get_key_uri (PkinextSignerPkcs11 *self)
{
	return self->key_uri;
}

/**
 * pkinext_signer_pkcs11_get_pool_stats:
 * @self: a PKCS#11 signer
 * @stats: (out caller-allocates): filled with a snapshot of the session pool
 */
void
pkinext_signer_pkcs11_get_pool_stats (PkinextSignerPkcs11 *self, PkinextPkcs11PoolStats *stats)
{
	g_mutex_lock (&self->pool_lock);
	stats->size = self->pool_size;
	stats->in_use = self->in_use;
	stats->peak_in_use = self->peak_in_use;
	stats->signatures = self->signatures;
	stats->recoveries = self->recoveries;
	g_mutex_unlock (&self->pool_lock);
}

static void
pkinext_signer_pkcs11_finalize (GObject *object)
{
	PkinextSignerPkcs11 *self = PKINEXT_SIGNER_PKCS11 (object);

	for (guint i = 0; self->token != NULL && i < self->pool_size; i++)
		entry_close (self, &self->pool[i]);
	g_free (self->pool);
	g_clear_object (&self->token);
	g_free (self->key_label);
	g_clear_pointer (&self->key_id, g_bytes_unref);
	g_free (self->key_uri);
	g_free (self->object_desc);
	g_mutex_clear (&self->pool_lock);
	g_cond_clear (&self->pool_cond);
	G_OBJECT_CLASS (pkinext_signer_pkcs11_parent_class)->finalize (object);
}

static void
pkinext_signer_pkcs11_class_init (PkinextSignerPkcs11Class *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS (klass);
	PkinextSignerClass *signer_class = PKINEXT_SIGNER_CLASS (klass);

	object_class->finalize = pkinext_signer_pkcs11_finalize;
	signer_class->sign = pkinext_signer_pkcs11_sign;
	signer_class->describe = pkinext_signer_pkcs11_describe;
}

static void
pkinext_signer_pkcs11_init (PkinextSignerPkcs11 *self)
{
	g_mutex_init (&self->pool_lock);
	g_cond_init (&self->pool_cond);
}
