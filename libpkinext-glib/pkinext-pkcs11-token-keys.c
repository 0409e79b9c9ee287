/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * PkinextPkcs11Token, continued: on-token key generation and the human-readable
 * report of what a token offers (mechanisms, key objects and their protection).
 */
#define G_LOG_DOMAIN "PkinextPkcs11Token"

#include "config.h"

#include <gnutls/gnutls.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-pkcs11-private.h"
#include "pkinext-pkcs11-token-private.h"

#ifndef CKM_ML_DSA_KEY_PAIR_GEN
#define CKM_ML_DSA_KEY_PAIR_GEN 0x1cUL
#endif

/* a session that closes itself */
typedef struct {
	CK_FUNCTION_LIST *f;
	CK_SESSION_HANDLE h;
} Session;

static void
session_clear (Session *s)
{
	if (s->h != CK_INVALID_HANDLE)
		s->f->C_CloseSession (s->h);
	s->h = CK_INVALID_HANDLE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

static gboolean
session_open (PkinextPkcs11Token *self, gboolean rw, gboolean login, Session *s, GError **error)
{
	s->f = pkinext_pkcs11_token_get_functions (self);
	s->h = pkinext_pkcs11_token_open_session (self, rw, error);
	if (s->h == CK_INVALID_HANDLE)
		return FALSE;
	return !login || pkinext_pkcs11_token_login (self, s->h, error);
}

/* ---- key generation --------------------------------------------------- */

typedef struct {
	PkinextKeyType key_type;
	guint bits;
	CK_MECHANISM_TYPE mech;
	CK_KEY_TYPE ckk;
	GBytes *ec_params;
	const gchar *label;
	GBytes *id;
} KeygenRequest;

static gboolean
keygen_request_init (KeygenRequest *req, PkinextKeyType key_type, guint bits, GError **error)
{
	req->key_type = key_type;
	req->bits = bits;
	switch (key_type) {
	case PKINEXT_KEY_TYPE_EC_P256:
	case PKINEXT_KEY_TYPE_EC_P384:
	case PKINEXT_KEY_TYPE_EC_P521:
		req->mech = CKM_EC_KEY_PAIR_GEN;
		req->ckk = CKK_EC;
		break;
	case PKINEXT_KEY_TYPE_ED25519:
		req->mech = CKM_EC_EDWARDS_KEY_PAIR_GEN;
		req->ckk = CKK_EC_EDWARDS;
		break;
	case PKINEXT_KEY_TYPE_RSA:
		req->mech = CKM_RSA_PKCS_KEY_PAIR_GEN;
		req->ckk = CKK_RSA;
		if (req->bits == 0)
			req->bits = 3072;
		if (req->bits < 2048 || req->bits > 8192) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				     "RSA keys must have 2048 to 8192 bits, not %u", req->bits);
			return FALSE;
		}
		break;
	default:
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "cannot generate %s keys on a PKCS#11 token (supported: ec-p256, "
			     "ec-p384, ec-p521, rsa, ed25519)",
			     pkinext_key_type_to_string (key_type));
		return FALSE;
	}
	req->ec_params = pkinext_pkcs11_ec_params (key_type);
	return TRUE;
}

static CK_RV
keygen_call (Session *s, const KeygenRequest *req, CK_OBJECT_HANDLE *pub, CK_OBJECT_HANDLE *priv)
{
	CK_BBOOL yes = CK_TRUE;
	CK_BBOOL no = CK_FALSE;
	CK_OBJECT_CLASS pub_class = CKO_PUBLIC_KEY;
	CK_OBJECT_CLASS priv_class = CKO_PRIVATE_KEY;
	CK_KEY_TYPE ckk = req->ckk;
	CK_ULONG modulus_bits = req->bits;
	guint8 exponent[] = {0x01, 0x00, 0x01};
	CK_MECHANISM mech = {req->mech, NULL, 0};
	CK_ATTRIBUTE pt[9] = {
		{CKA_CLASS, &pub_class, sizeof (pub_class)},
		{CKA_KEY_TYPE, &ckk, sizeof (ckk)},
		{CKA_TOKEN, &yes, sizeof (yes)},
		{CKA_PRIVATE, &no, sizeof (no)},
		{CKA_VERIFY, &yes, sizeof (yes)},
		{CKA_LABEL, (gpointer)req->label, strlen (req->label)},
	};
	CK_ATTRIBUTE kt[12] = {
		{CKA_CLASS, &priv_class, sizeof (priv_class)},
		{CKA_KEY_TYPE, &ckk, sizeof (ckk)},
		{CKA_TOKEN, &yes, sizeof (yes)},
		{CKA_PRIVATE, &yes, sizeof (yes)},
		{CKA_SENSITIVE, &yes, sizeof (yes)},
		{CKA_EXTRACTABLE, &no, sizeof (no)},
		{CKA_SIGN, &yes, sizeof (yes)},
		{CKA_DECRYPT, &no, sizeof (no)},
		{CKA_UNWRAP, &no, sizeof (no)},
		{CKA_DERIVE, &no, sizeof (no)},
		{CKA_LABEL, (gpointer)req->label, strlen (req->label)},
	};
	CK_ULONG npt = 6;
	CK_ULONG nkt = 11;

	if (req->id != NULL) {
		pt[npt++] = (CK_ATTRIBUTE){CKA_ID, (gpointer)g_bytes_get_data (req->id, NULL),
					   g_bytes_get_size (req->id)};
		kt[nkt++] = pt[npt - 1];
	}
	if (req->ckk == CKK_RSA) {
		pt[npt++] = (CK_ATTRIBUTE){CKA_MODULUS_BITS, &modulus_bits, sizeof (modulus_bits)};
		pt[npt++] = (CK_ATTRIBUTE){CKA_PUBLIC_EXPONENT, exponent, sizeof (exponent)};
	} else {
		pt[npt++] = (CK_ATTRIBUTE){CKA_EC_PARAMS,
					   (gpointer)g_bytes_get_data (req->ec_params, NULL),
					   g_bytes_get_size (req->ec_params)};
	}
	return s->f->C_GenerateKeyPair (s->h, &mech, pt, npt, kt, nkt, pub, priv);
}

/* reads the protection attributes back: the token must have honoured them */
static gboolean
keygen_verify (Session *s, CK_OBJECT_HANDLE priv, GError **error)
{
	static const struct {
		CK_ATTRIBUTE_TYPE type;
		const gchar *name;
		gboolean want;
	} checks[] = {
		{CKA_SENSITIVE, "CKA_SENSITIVE", TRUE}, {CKA_EXTRACTABLE, "CKA_EXTRACTABLE", FALSE},
		{CKA_TOKEN, "CKA_TOKEN", TRUE},		{CKA_PRIVATE, "CKA_PRIVATE", TRUE},
		{CKA_SIGN, "CKA_SIGN", TRUE},
	};

	for (guint i = 0; i < G_N_ELEMENTS (checks); i++) {
		gboolean value = FALSE;
		CK_RV rv = pkinext_pkcs11_get_bool (s->f, s->h, priv, checks[i].type, &value);
		if (rv != CKR_OK)
			return pkinext_pkcs11_set_error (error, rv, "reading back %s",
							 checks[i].name);
		if (value != checks[i].want) {
			g_set_error (
				error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY,
				"the token generated the key with %s=%s although %s was requested",
				checks[i].name, value ? "TRUE" : "FALSE",
				checks[i].want ? "TRUE" : "FALSE");
			return FALSE;
		}
	}
	return TRUE;
}

/* without a given id, CKA_ID becomes the SHA-1 key identifier of the public key */
static gboolean
keygen_set_id (Session *s, CK_OBJECT_HANDLE pub, CK_OBJECT_HANDLE priv, GBytes **id, GError **error)
{
	gnutls_pubkey_t key = pkinext_pkcs11_read_pubkey (s->f, s->h, pub, error);
	guint8 kid[20];
	size_t kid_len = sizeof (kid);
	CK_ATTRIBUTE a = {CKA_ID, kid, 0};
	CK_RV rv;
	int rc;

	if (key == NULL)
		return FALSE;
	rc = gnutls_pubkey_get_key_id (key, GNUTLS_KEYID_USE_SHA1, kid, &kid_len);
	gnutls_pubkey_deinit (key);
	if (rc < 0)
		return pkinext_error_set_gnutls (error, rc, "computing the key identifier");
	a.ulValueLen = kid_len;
	rv = s->f->C_SetAttributeValue (s->h, pub, &a, 1);
	if (rv == CKR_OK)
		rv = s->f->C_SetAttributeValue (s->h, priv, &a, 1);
	if (rv != CKR_OK)
		return pkinext_pkcs11_set_error (error, rv, "setting CKA_ID");
	*id = g_bytes_new (kid, kid_len);
	return TRUE;
}

static gboolean
keygen_check_free (Session *s, const KeygenRequest *req, GError **error)
{
	CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
	CK_ATTRIBUTE by_label[] = {{CKA_CLASS, &klass, sizeof (klass)},
				   {CKA_LABEL, (gpointer)req->label, strlen (req->label)}};
	g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
	CK_RV rv;

	rv = pkinext_pkcs11_find (s->f, s->h, by_label, 2, 1, found);
	if (rv == CKR_OK && found->len == 0 && req->id != NULL) {
		CK_ATTRIBUTE by_id[] = {{CKA_CLASS, &klass, sizeof (klass)},
					{CKA_ID, (gpointer)g_bytes_get_data (req->id, NULL),
					 g_bytes_get_size (req->id)}};
		rv = pkinext_pkcs11_find (s->f, s->h, by_id, 2, 1, found);
	}
	if (rv != CKR_OK)
		return pkinext_pkcs11_set_error (error, rv, "looking for existing keys");
	if (found->len > 0) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS,
			     "a private key with label '%s'%s already exists", req->label,
			     req->id != NULL ? " or the same id" : "");
		return FALSE;
	}
	return TRUE;
}

static gboolean
keygen_run (PkinextPkcs11Token *self, KeygenRequest *req, GError **error)
{
	g_auto(Session) s = {NULL, CK_INVALID_HANDLE};
	CK_OBJECT_HANDLE pub = CK_INVALID_HANDLE;
	CK_OBJECT_HANDLE priv = CK_INVALID_HANDLE;
	CK_RV rv;

	if (!pkinext_pkcs11_token_check_mechanism (self, req->mech, CKF_GENERATE_KEY_PAIR,
						   "key generation", error))
		return FALSE;
	if (!session_open (self, TRUE, TRUE, &s, error) || !keygen_check_free (&s, req, error))
		return FALSE;
	rv = keygen_call (&s, req, &pub, &priv);
	if (req->key_type == PKINEXT_KEY_TYPE_ED25519 &&
	    (rv == CKR_CURVE_NOT_SUPPORTED || rv == CKR_ATTRIBUTE_VALUE_INVALID ||
	     rv == CKR_DOMAIN_PARAMS_INVALID)) {
		/* tokens that predate PKCS#11 3.0's OID form want the curve name */
		static const guint8 name[] = "\x13\x0c"
					     "edwards25519";
		g_bytes_unref (req->ec_params);
		req->ec_params = g_bytes_new_static (name, sizeof (name) - 1);
		rv = keygen_call (&s, req, &pub, &priv);
	}
	if (rv != CKR_OK) {
		return pkinext_pkcs11_set_error (error, rv, "generating a %s key pair with %s",
						 pkinext_key_type_to_string (req->key_type),
						 pkinext_pkcs11_mechanism_name (req->mech));
	}
	if (!keygen_verify (&s, priv, error) ||
	    (req->id == NULL && !keygen_set_id (&s, pub, priv, &req->id, error))) {
		/* never leave a key behind whose protection we could not confirm */
		s.f->C_DestroyObject (s.h, priv);
		s.f->C_DestroyObject (s.h, pub);
		return FALSE;
	}
	return TRUE;
}

/**
 * pkinext_pkcs11_token_generate_key:
 * @self: a token
 * @key_type: the key to generate
 * @bits: RSA modulus size (0 = 3072); ignored for other keys
 * @label: CKA_LABEL of both halves
 * @id_hex: (nullable): CKA_ID in hex; %NULL = the SHA-1 key identifier of the public key
 * @error: return location
 *
 * Generates a key pair on the token. The private key gets CKA_SENSITIVE=TRUE,
 * CKA_EXTRACTABLE=FALSE, CKA_SIGN=TRUE and no decrypt/unwrap/derive usage, set
 * explicitly and read back afterwards: a token that does not honour them fails
 * the call and the key is destroyed.
 *
 * Returns: (transfer full): the RFC 7512 URI of the new private key
 */
gchar *
pkinext_pkcs11_token_generate_key (PkinextPkcs11Token *self,
				   PkinextKeyType key_type,
				   guint bits,
				   const gchar *label,
				   const gchar *id_hex,
				   GError **error)
{
	KeygenRequest req = {0};
	gchar *uri = NULL;

	g_return_val_if_fail (PKINEXT_IS_PKCS11_TOKEN (self), NULL);
	if (label == NULL || label[0] == '\0') {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "a new key needs a label");
		return NULL;
	}
	req.label = label;
	if (id_hex != NULL) {
		req.id = pkinext_pkcs11_parse_hex (id_hex, "key id", error);
		if (req.id == NULL)
			return NULL;
	}
	if (keygen_request_init (&req, key_type, bits, error) && keygen_run (self, &req, error))
		uri = pkinext_pkcs11_token_object_uri (self, label, req.id, CKO_PRIVATE_KEY);
	if (uri == NULL) {
		g_autofree gchar *desc = pkinext_pkcs11_token_describe (self);
		g_prefix_error (error, "generating key '%s' on %s: ", label, desc);
	}
	g_clear_pointer (&req.ec_params, g_bytes_unref);
	g_clear_pointer (&req.id, g_bytes_unref);
	return uri;
}

/* ---- report ------------------------------------------------------------- */

static void
report_mechanism (GString *out, PkinextPkcs11Token *self, const gchar *what, CK_MECHANISM_TYPE mech)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self);
	const gchar *name = pkinext_pkcs11_mechanism_name (mech);
	CK_MECHANISM_INFO info;
	CK_RV rv = f->C_GetMechanismInfo (pkinext_pkcs11_token_get_slot_id (self), mech, &info);

	g_string_append_printf (out, "  %-20s %-28s ", what, name != NULL ? name : "?");
	if (rv != CKR_OK) {
		g_string_append_printf (out, "no (%s)\n", pkinext_pkcs11_rv_name (rv));
		return;
	}
	g_string_append_printf (out, "yes (%lu-%lu bits%s%s%s)\n", (gulong)info.ulMinKeySize,
				(gulong)info.ulMaxKeySize, info.flags & CKF_SIGN ? ", sign" : "",
				info.flags & CKF_GENERATE_KEY_PAIR ? ", generate" : "",
				info.flags & CKF_HW ? ", hardware" : "");
}

static void
report_mechanisms (GString *out, PkinextPkcs11Token *self)
{
	guint n = 0;
	const PkinextAlgorithmInfo *table = pkinext_algorithm_get_table (&n);

	g_string_append (out, "Mechanisms:\n");
	for (guint i = 1; i < n; i++) {
		if (table[i].refused || table[i].pkcs11_mechanism == 0)
			continue;
		report_mechanism (out, self, table[i].name, table[i].pkcs11_mechanism);
	}
	report_mechanism (out, self, "generate ec", CKM_EC_KEY_PAIR_GEN);
	report_mechanism (out, self, "generate rsa", CKM_RSA_PKCS_KEY_PAIR_GEN);
	report_mechanism (out, self, "generate ed25519", CKM_EC_EDWARDS_KEY_PAIR_GEN);
	report_mechanism (out, self, "generate ml-dsa", CKM_ML_DSA_KEY_PAIR_GEN);
}

static const gchar *
yes_no (CK_FUNCTION_LIST *f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type)
{
	gboolean value = FALSE;
	if (pkinext_pkcs11_get_bool (f, s, o, type, &value) != CKR_OK)
		return "?";
	return value ? "yes" : "no";
}

static void
report_object (GString *out, PkinextPkcs11Token *self, Session *s, CK_OBJECT_HANDLE o)
{
	static const gchar *const class_names[] = {"data", "certificate", "public-key",
						   "private-key"};
	g_autoptr(GBytes) label = NULL;
	g_autoptr(GBytes) id = NULL;
	g_autofree gchar *label_str = NULL;
	g_autofree gchar *id_hex = NULL;
	g_autofree gchar *uri = NULL;
	CK_OBJECT_CLASS klass = CKO_DATA;
	gnutls_pubkey_t pub;
	guint bits = 0;

	pkinext_pkcs11_get_ulong (s->f, s->h, o, CKA_CLASS, &klass);
	if (pkinext_pkcs11_get_bytes (s->f, s->h, o, CKA_LABEL, &label) == CKR_OK)
		label_str = g_strndup (g_bytes_get_data (label, NULL), g_bytes_get_size (label));
	if (pkinext_pkcs11_get_bytes (s->f, s->h, o, CKA_ID, &id) == CKR_OK)
		id_hex = pkinext_pkcs11_hex (g_bytes_get_data (id, NULL), g_bytes_get_size (id));
	g_string_append_printf (out, "  %-11s label='%s' id=%s",
				klass < G_N_ELEMENTS (class_names) ? class_names[klass] : "other",
				label_str != NULL ? label_str : "",
				id_hex != NULL && id_hex[0] != '\0' ? id_hex : "-");
	if (klass == CKO_PRIVATE_KEY || klass == CKO_PUBLIC_KEY) {
		PkinextKeyType kt = PKINEXT_KEY_TYPE_UNKNOWN;
		pub = pkinext_pkcs11_read_pubkey (s->f, s->h, o, NULL);
		if (pub != NULL) {
			kt = pkinext_key_type_from_pubkey (pub, &bits);
			gnutls_pubkey_deinit (pub);
		}
		g_string_append_printf (out, " type=%s", pkinext_key_type_to_string (kt));
		if (kt == PKINEXT_KEY_TYPE_RSA)
			g_string_append_printf (out, "-%u", bits);
	}
	if (klass == CKO_PRIVATE_KEY) {
		g_string_append_printf (out,
					" sign=%s sensitive=%s extractable=%s always-sensitive=%s "
					"never-extractable=%s",
					yes_no (s->f, s->h, o, CKA_SIGN),
					yes_no (s->f, s->h, o, CKA_SENSITIVE),
					yes_no (s->f, s->h, o, CKA_EXTRACTABLE),
					yes_no (s->f, s->h, o, CKA_ALWAYS_SENSITIVE),
					yes_no (s->f, s->h, o, CKA_NEVER_EXTRACTABLE));
	}
	uri = pkinext_pkcs11_token_object_uri (self, label_str, id, klass);
	g_string_append_printf (out, "\n      %s\n", uri);
}

static gboolean
report_objects (GString *out, PkinextPkcs11Token *self, GError **error)
{
	g_auto(Session) s = {NULL, CK_INVALID_HANDLE};
	g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CK_OBJECT_HANDLE));
	g_autoptr(GError) login_error = NULL;
	CK_RV rv;

	if (!session_open (self, FALSE, FALSE, &s, error))
		return FALSE;
	if (!pkinext_pkcs11_token_login (self, s.h, &login_error)) {
		if (login_error->code != PKINEXT_ERROR_INVALID_ARGUMENT) {
			g_propagate_error (error, g_steal_pointer (&login_error));
			return FALSE;
		}
		g_string_append (out, "Objects (not logged in: private objects are hidden):\n");
	} else {
		g_string_append (out, "Objects:\n");
	}
	rv = pkinext_pkcs11_find (s.f, s.h, NULL, 0, 0, found);
	if (rv != CKR_OK)
		return pkinext_pkcs11_set_error (error, rv, "listing objects");
	for (guint i = 0; i < found->len; i++)
		report_object (out, self, &s, g_array_index (found, CK_OBJECT_HANDLE, i));
	if (found->len == 0)
		g_string_append (out, "  (none)\n");
	return TRUE;
}

static void
report_token (GString *out, PkinextPkcs11Token *self)
{
	CK_FUNCTION_LIST *f = pkinext_pkcs11_token_get_functions (self);
	CK_TOKEN_INFO t;
	CK_INFO m;

	if (f->C_GetInfo (&m) == CKR_OK) {
		g_autofree gchar *desc =
			pkinext_pkcs11_string (m.libraryDescription, sizeof (m.libraryDescription));
		g_autofree gchar *manuf =
			pkinext_pkcs11_string (m.manufacturerID, sizeof (m.manufacturerID));
		g_string_append_printf (out, "Module: %s (%s, %s; PKCS#11 %u.%u)\n",
					pkinext_pkcs11_token_get_module (self), desc, manuf,
					m.cryptokiVersion.major, m.cryptokiVersion.minor);
	}
	g_string_append_printf (
		out, "Token: '%s' in slot %lu, serial %s\n", pkinext_pkcs11_token_get_label (self),
		pkinext_pkcs11_token_get_slot_id (self), pkinext_pkcs11_token_get_serial (self));
	if (f->C_GetTokenInfo (pkinext_pkcs11_token_get_slot_id (self), &t) == CKR_OK) {
		g_autofree gchar *model = pkinext_pkcs11_string (t.model, sizeof (t.model));
		g_autofree gchar *manuf =
			pkinext_pkcs11_string (t.manufacturerID, sizeof (t.manufacturerID));
		g_string_append_printf (out, "  manufacturer %s, model %s%s%s%s%s\n", manuf, model,
					t.flags & CKF_LOGIN_REQUIRED ? ", login required" : "",
					t.flags & CKF_PROTECTED_AUTHENTICATION_PATH ? ", PIN pad"
										    : "",
					t.flags & CKF_USER_PIN_LOCKED ? ", user PIN LOCKED" : "",
					t.flags & CKF_WRITE_PROTECTED ? ", write-protected" : "");
	}
}

/**
 * pkinext_pkcs11_token_get_report:
 * @self: a token
 * @error: return location
 *
 * Describes the module and token, the mechanisms of the algorithm table and
 * key generation it offers, and its objects (label, id, key type, CKA_SIGN,
 * CKA_SENSITIVE, CKA_EXTRACTABLE and URI). Logs in when a PIN is known, so
 * private keys are listed too.
 *
 * Returns: (transfer full): human-readable text
 */
gchar *
pkinext_pkcs11_token_get_report (PkinextPkcs11Token *self, GError **error)
{
	g_autoptr(GString) out = g_string_new (NULL);

	g_return_val_if_fail (PKINEXT_IS_PKCS11_TOKEN (self), NULL);
	report_token (out, self);
	report_mechanisms (out, self);
	if (!report_objects (out, self, error))
		return NULL;
	return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pkinext_pkcs11_generate_key:
 * @opts: where the token is (and its PIN)
 * @key_type: the key to generate
 * @bits: RSA modulus size (0 = 3072)
 * @label: CKA_LABEL
 * @id_hex: (nullable): CKA_ID in hex, or %NULL for the SHA-1 key identifier
 * @error: return location
 *
 * Opens the token and calls pkinext_pkcs11_token_generate_key(). Select the new
 * key for a signer with the same @label (or @id_hex).
 *
 * Returns: %TRUE if the key was generated and its protection verified
 */
gboolean
pkinext_pkcs11_generate_key (const PkinextPkcs11Options *opts,
			     PkinextKeyType key_type,
			     guint bits,
			     const gchar *label,
			     const gchar *id_hex,
			     GError **error)
{
	g_autoptr(PkinextPkcs11Token) token = pkinext_pkcs11_token_open (opts, error);
	g_autofree gchar *uri = NULL;

	if (token == NULL)
		return FALSE;
	uri = pkinext_pkcs11_token_generate_key (token, key_type, bits, label, id_hex, error);
	return uri != NULL;
}

/**
 * pkinext_pkcs11_describe_token:
 * @opts: where the token is; with no token selected, lists the tokens of the module(s)
 * @error: return location
 *
 * Returns: (transfer full): human-readable text (see pkinext_pkcs11_token_get_report())
 */
gchar *
pkinext_pkcs11_describe_token (const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(PkinextPkcs11Token) token = NULL;

	if (opts->token_label == NULL && opts->slot < 0 && opts->key_uri == NULL)
		return pkinext_pkcs11_list_tokens (opts, error);
	token = pkinext_pkcs11_token_open (opts, error);
	if (token == NULL)
		return NULL;
	return pkinext_pkcs11_token_get_report (token, error);
}
