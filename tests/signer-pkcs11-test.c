/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The PKCS#11 signer against a real SoftHSM2 token created in a temporary
 * directory: keys from pkcs11-tool and from our generator, signatures checked
 * by openssl with the public key exported by p11tool, the protection of the
 * private keys checked through a second PKCS#11 handle and pkcs11-tool, the
 * session pool, recovery after the sessions are killed, and the errors.
 */
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <p11-kit/pkcs11.h>
#include <string.h>

#include "pkinext.h"
#include "pkinext-test-softhsm.h"
#include "pkinext-test-util.h"

typedef struct {
	gchar *dir;
	PktSofthsm *hsm;
	PkinextPkcs11Token *keeper; /* keeps SoftHSM initialised for the raw handle */
	CK_FUNCTION_LIST *raw;	    /* SoftHSM itself, bypassing p11-kit */
	gint inline_warnings;
} Fixture;

static Fixture fx;

typedef struct {
	const gchar *name;
	const gchar *tool_type; /* pkcs11-tool --key-type */
	PkinextKeyType key_type;
	guint bits;
	PkinextAlgorithm alg;
	const gchar *openssl_digest; /* NULL: pure (Ed25519) */
	gboolean pss;
} KeyCase;

static const KeyCase key_cases[] = {
	{"p256", "EC:prime256v1", PKINEXT_KEY_TYPE_EC_P256, 0, PKINEXT_ALGORITHM_ECDSA_P256_SHA256,
	 "-sha256", FALSE},
	{"p384", "EC:secp384r1", PKINEXT_KEY_TYPE_EC_P384, 0, PKINEXT_ALGORITHM_ECDSA_P384_SHA384,
	 "-sha384", FALSE},
	{"rsa3072", "rsa:3072", PKINEXT_KEY_TYPE_RSA, 3072, PKINEXT_ALGORITHM_RSA_PKCS1_SHA256,
	 "-sha256", FALSE},
	{"ed25519", "EC:edwards25519", PKINEXT_KEY_TYPE_ED25519, 0, PKINEXT_ALGORITHM_ED25519, NULL,
	 FALSE},
};

/* an extra algorithm on the pkcs11-tool RSA key */
static const KeyCase pss_case = {
	"rsa3072", "rsa:3072", PKINEXT_KEY_TYPE_RSA, 3072, PKINEXT_ALGORITHM_RSA_PSS_SHA256,
	"-sha256", TRUE};

static void
options_for (PkinextPkcs11Options *opts, const gchar *key_label)
{
	pkinext_pkcs11_options_init (opts);
	opts->module = fx.hsm->module;
	opts->token_label = fx.hsm->label;
	opts->key_label = key_label;
	opts->pin = fx.hsm->pin;
}

static PkinextSigner *
signer_for (const gchar *key_label, PkinextAlgorithm alg)
{
	g_autoptr(GError) error = NULL;
	PkinextPkcs11Options opts;
	PkinextSigner *signer;

	options_for (&opts, key_label);
	opts.algorithm = alg;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	g_assert_nonnull (signer);
	return signer;
}

/* ---- the raw SoftHSM handle ------------------------------------------- */

static CK_FUNCTION_LIST *
raw_module (void)
{
	CK_C_GetFunctionList get_list;
	void *handle;
	CK_RV rv;

	if (fx.raw != NULL)
		return fx.raw;
	handle = dlopen (PKT_SOFTHSM_MODULE, RTLD_NOW | RTLD_LOCAL);
	g_assert_nonnull (handle);
	get_list = (CK_C_GetFunctionList)dlsym (handle, "C_GetFunctionList");
	g_assert_nonnull (get_list);
	g_assert_cmpuint (get_list (&fx.raw), ==, CKR_OK);
	/* p11-kit (through fx.keeper) initialised the very same library already */
	rv = fx.raw->C_Initialize (NULL);
	g_assert_cmpuint (rv, ==, CKR_CRYPTOKI_ALREADY_INITIALIZED);
	return fx.raw;
}

static CK_SESSION_HANDLE
raw_login (void)
{
	CK_FUNCTION_LIST *f = raw_module ();
	CK_SLOT_ID slot = pkinext_pkcs11_token_get_slot_id (fx.keeper);
	CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
	CK_RV rv;

	g_assert_cmpuint (f->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &s), ==, CKR_OK);
	rv = f->C_Login (s, CKU_USER, (CK_UTF8CHAR *)fx.hsm->pin, strlen (fx.hsm->pin));
	g_assert_true (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN);
	return s;
}

/* reads the protection attributes of private key @label through the raw handle */
static void
assert_key_protected (const gchar *label)
{
	CK_FUNCTION_LIST *f = raw_module ();
	CK_SESSION_HANDLE s = raw_login ();
	CK_OBJECT_CLASS klass = CKO_PRIVATE_KEY;
	CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &klass, sizeof (klass)},
			       {CKA_LABEL, (gpointer)label, strlen (label)}};
	CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
	CK_ULONG count = 0;
	CK_BBOOL sensitive = CK_FALSE;
	CK_BBOOL extractable = CK_TRUE;
	CK_ATTRIBUTE flags[] = {{CKA_SENSITIVE, &sensitive, sizeof (sensitive)},
				{CKA_EXTRACTABLE, &extractable, sizeof (extractable)}};
	guint8 buf[2048];
	CK_ATTRIBUTE value = {CKA_VALUE, buf, sizeof (buf)};
	CK_ATTRIBUTE priv_exp = {CKA_PRIVATE_EXPONENT, buf, sizeof (buf)};
	CK_RV rv_value;
	CK_RV rv_exp;

	g_assert_cmpuint (f->C_FindObjectsInit (s, tmpl, 2), ==, CKR_OK);
	g_assert_cmpuint (f->C_FindObjects (s, &key, 1, &count), ==, CKR_OK);
	f->C_FindObjectsFinal (s);
	g_assert_cmpuint (count, ==, 1);
	g_assert_cmpuint (f->C_GetAttributeValue (s, key, flags, 2), ==, CKR_OK);
	g_assert_true (sensitive == CK_TRUE);
	g_assert_true (extractable == CK_FALSE);
	/* the secret itself cannot be read: EC/EdDSA keep it in CKA_VALUE, RSA in
	 * CKA_PRIVATE_EXPONENT */
	rv_value = f->C_GetAttributeValue (s, key, &value, 1);
	rv_exp = f->C_GetAttributeValue (s, key, &priv_exp, 1);
	g_assert_cmpuint (rv_value, !=, CKR_OK);
	g_assert_cmpuint (rv_exp, !=, CKR_OK);
	g_assert_true (rv_value == CKR_ATTRIBUTE_SENSITIVE || rv_exp == CKR_ATTRIBUTE_SENSITIVE);
	f->C_CloseSession (s);
}

/* and the same seen by OpenSC's pkcs11-tool */
static void
assert_key_protected_tool (const gchar *label)
{
	g_autofree gchar *out_file = g_build_filename (fx.dir, "privkey.out", NULL);
	g_autofree gchar *listing = NULL;
	g_autofree gchar *read = NULL;
	g_autofree gchar *marker = g_strdup_printf ("label:      %s\n", label);
	const gchar *list_args[] = {"--list-objects", "--type", "privkey", NULL};
	const gchar *read_args[] = {"--read-object", "--type", "privkey", "--label",
				    label,	     "-o",     out_file,  NULL};
	const gchar *block;
	const gchar *access;

	listing = pkt_softhsm_tool (fx.hsm, 0, TRUE, list_args);
	block = strstr (listing, marker);
	g_assert_nonnull (block);
	access = strstr (block, "Access:");
	g_assert_nonnull (access);
	g_assert_nonnull (strstr (access, "sensitive"));
	g_assert_nonnull (strstr (access, "never extractable"));
	/* pkcs11-tool cannot read it either (it exits 0 but writes nothing) */
	g_unlink (out_file);
	read = pkt_softhsm_tool (fx.hsm, 0, TRUE, read_args);
	g_test_message ("pkcs11-tool --read-object --type privkey: %s", read);
	if (g_file_test (out_file, G_FILE_TEST_EXISTS)) {
		g_autoptr(GBytes) leaked = pkt_read_file_bytes (out_file);
		g_assert_cmpuint (g_bytes_get_size (leaked), ==, 0);
	}
}

/* ---- signing and verifying with openssl -------------------------------- */

static void
assert_openssl_verifies (PkinextSigner *signer, const KeyCase *c, const gchar *label)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) sig = NULL;
	g_autoptr(GBytes) exported = NULL;
	g_autofree gchar *pub = g_build_filename (fx.dir, "pub.pem", NULL);
	g_autofree gchar *data = g_build_filename (fx.dir, "data", NULL);
	g_autofree gchar *sigf = g_build_filename (fx.dir, "sig", NULL);
	g_autofree gchar *out = NULL;
	const gchar msg[] = "to be signed on the token by pkinext";

	g_assert_true (pkinext_signer_validate (signer, &error));
	g_assert_no_error (error);
	sig = pkinext_signer_sign (signer, (const guint8 *)msg, strlen (msg), &error);
	g_assert_no_error (error);
	/* the public key we read from the token is the one p11tool exports */
	exported = pkt_softhsm_export_pubkey (fx.hsm, label);
	g_assert_true (g_bytes_equal (exported, pkinext_signer_get_public_key (signer)));
	pkt_write_pem (pub, "PUBLIC KEY", exported);
	g_assert_true (g_file_set_contents (data, msg, strlen (msg), NULL));
	g_assert_true (g_file_set_contents (sigf, g_bytes_get_data (sig, NULL),
					    g_bytes_get_size (sig), NULL));
	if (c->openssl_digest == NULL) {
		const gchar *argv[] = {"openssl", "pkeyutl", "-verify", "-pubin",   "-inkey", pub,
				       "-rawin",  "-in",     data,	"-sigfile", sigf,     NULL};
		out = pkt_run_expect (0, argv);
	} else if (c->pss) {
		const gchar *argv[] = {"openssl",
				       "dgst",
				       c->openssl_digest,
				       "-sigopt",
				       "rsa_padding_mode:pss",
				       "-sigopt",
				       "rsa_pss_saltlen:-1",
				       "-verify",
				       pub,
				       "-signature",
				       sigf,
				       data,
				       NULL};
		out = pkt_run_expect (0, argv);
	} else {
		const gchar *argv[] = {"openssl", "dgst", c->openssl_digest,
				       "-verify", pub,	  "-signature",
				       sigf,	  data,	  NULL};
		out = pkt_run_expect (0, argv);
	}
	g_assert_true (strstr (out, "Verified OK") != NULL ||
		       strstr (out, "Signature Verified Successfully") != NULL);
}

static void
test_sign_tool_key (gconstpointer user_data)
{
	const KeyCase *c = user_data;
	g_autofree gchar *label = g_strdup_printf ("tool-%s", c->name);
	g_autoptr(PkinextSigner) signer = signer_for (label, c->alg);
	g_autofree gchar *desc = pkinext_signer_describe (signer);
	guint bits = 0;

	g_assert_cmpstr (pkinext_signer_get_backend (signer), ==, "pkcs11");
	g_assert_cmpint (pkinext_signer_get_algorithm (signer), ==, c->alg);
	g_assert_cmpint (pkinext_signer_get_key_type (signer, &bits), ==, c->key_type);
	if (c->bits != 0)
		g_assert_cmpuint (bits, ==, c->bits);
	g_assert_nonnull (strstr (desc, fx.hsm->label));
	g_assert_nonnull (strstr (desc, label));
	g_assert_nonnull (strstr (desc, "softhsm"));
	assert_openssl_verifies (signer, c, label);
	assert_key_protected_tool (label);
}

static void
test_generate_and_sign (gconstpointer user_data)
{
	const KeyCase *c = user_data;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *label = g_strdup_printf ("gen-%s", c->name);
	g_autofree gchar *uri = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;

	uri = pkinext_pkcs11_token_generate_key (fx.keeper, c->key_type, c->bits, label, NULL,
						 &error);
	g_assert_no_error (error);
	g_assert_nonnull (strstr (uri, "type=private"));
	g_test_message ("generated %s", uri);
	/* the key is found again through the URI we returned */
	pkinext_pkcs11_options_init (&opts);
	opts.module = fx.hsm->module;
	opts.key_uri = uri;
	opts.pin = fx.hsm->pin;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_signer_pkcs11_get_key_uri (PKINEXT_SIGNER_PKCS11 (signer)), ==,
			 uri);
	assert_openssl_verifies (signer, c, label);
	assert_key_protected (label);
	assert_key_protected_tool (label);

	/* generating the same label again is refused */
	g_clear_pointer (&uri, g_free);
	uri = pkinext_pkcs11_token_generate_key (fx.keeper, c->key_type, c->bits, label, NULL,
						 &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_ALREADY_EXISTS);
	g_assert_null (uri);
}

/* the pkcs11-tool keys are protected too, as SoftHSM's defaults go */
static void
test_tool_keys_protected (void)
{
	for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++) {
		g_autofree gchar *label = g_strdup_printf ("tool-%s", key_cases[i].name);
		assert_key_protected (label);
	}
}

static void
test_generate_with_id (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;
	gboolean ok;

	pkinext_pkcs11_options_init (&opts);
	opts.token_label = fx.hsm->label; /* p11-kit registry: no module path */
	opts.pin = fx.hsm->pin;
	ok = pkinext_pkcs11_generate_key (&opts, PKINEXT_KEY_TYPE_EC_P256, 0, "gen-with-id",
					  "c0ffee", &error);
	g_assert_no_error (error);
	g_assert_true (ok);
	opts.key_id = "c0:ff:ee";
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_signer_validate (signer, &error));
	g_assert_no_error (error);
	g_assert_nonnull (
		strstr (pkinext_signer_pkcs11_get_key_uri (PKINEXT_SIGNER_PKCS11 (signer)),
			"id=%C0%FF%EE"));

	/* bad requests */
	g_assert_false (pkinext_pkcs11_generate_key (&opts, PKINEXT_KEY_TYPE_RSA, 1024, "weak",
						     NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
	g_clear_error (&error);
	g_assert_false (pkinext_pkcs11_generate_key (&opts, PKINEXT_KEY_TYPE_ML_DSA_65, 0, "pq",
						     NULL, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED);
	g_clear_error (&error);
	g_assert_false (pkinext_pkcs11_generate_key (&opts, PKINEXT_KEY_TYPE_EC_P256, 0, "x", "xyz",
						     &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
}

/* ---- the session pool ---------------------------------------------------- */

typedef struct {
	PkinextSigner *signer;
	gint64 deadline;
	guint done;
	gboolean ok;
} Worker;

static gpointer
worker_run (gpointer data)
{
	Worker *w = data;
	const guint8 msg[] = "concurrent";
	PkinextPkcs11PoolStats stats;

	w->ok = TRUE;
	do {
		g_autoptr(GError) error = NULL;
		g_autoptr(GBytes) sig = pkinext_signer_sign (w->signer, msg, sizeof (msg), &error);
		if (sig == NULL ||
		    !pkinext_signer_verify (w->signer, msg, sizeof (msg), sig, &error)) {
			g_test_message ("worker failed: %s", error != NULL ? error->message : "?");
			w->ok = FALSE;
			return NULL;
		}
		w->done++;
		pkinext_signer_pkcs11_get_pool_stats (PKINEXT_SIGNER_PKCS11 (w->signer), &stats);
	} while ((stats.peak_in_use < 2 || w->done < 50) && w->done < 500 &&
		 g_get_monotonic_time () < w->deadline);
	return NULL;
}

static void
run_workers (PkinextSigner *signer, PkinextPkcs11PoolStats *stats)
{
	Worker w[2] = {{0}};
	GThread *t[2];

	for (guint i = 0; i < 2; i++) {
		w[i].signer = signer;
		w[i].deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
		t[i] = g_thread_new ("signer", worker_run, &w[i]);
	}
	for (guint i = 0; i < 2; i++) {
		g_thread_join (t[i]);
		g_assert_true (w[i].ok);
		g_assert_cmpuint (w[i].done, >, 0);
	}
	pkinext_signer_pkcs11_get_pool_stats (PKINEXT_SIGNER_PKCS11 (signer), stats);
	g_test_message ("signatures %" G_GUINT64_FORMAT ", peak sessions in use %u of %u",
			stats->signatures, stats->peak_in_use, stats->size);
	g_assert_cmpuint (stats->signatures, >=, w[0].done + w[1].done);
	g_assert_cmpuint (stats->in_use, ==, 0);
}

static void
test_pool_parallel (void)
{
	g_autoptr(PkinextSigner) signer = signer_for ("tool-p256", PKINEXT_ALGORITHM_UNKNOWN);
	PkinextPkcs11PoolStats stats;

	pkinext_signer_pkcs11_get_pool_stats (PKINEXT_SIGNER_PKCS11 (signer), &stats);
	g_assert_cmpuint (stats.size, ==, 4);
	run_workers (signer, &stats);
	/* two threads were signing on two sessions at the same time */
	g_assert_cmpuint (stats.peak_in_use, >=, 2);
}

static void
test_pool_single_session (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11PoolStats stats;
	PkinextPkcs11Options opts;

	options_for (&opts, "tool-p256");
	opts.sessions = 1;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	run_workers (signer, &stats);
	/* the threads took turns on the only session */
	g_assert_cmpuint (stats.size, ==, 1);
	g_assert_cmpuint (stats.peak_in_use, ==, 1);
}

/* ---- recovery -------------------------------------------------------------- */

static void
assert_signs (PkinextSigner *signer)
{
	g_autoptr(GError) error = NULL;
	for (guint i = 0; i < 8; i++) {
		g_assert_true (pkinext_signer_validate (signer, &error));
		g_assert_no_error (error);
	}
}

static void
test_recover_closed_sessions (void)
{
	g_autoptr(PkinextSigner) signer = signer_for ("tool-p384", PKINEXT_ALGORITHM_UNKNOWN);
	CK_FUNCTION_LIST *f = raw_module ();
	CK_SLOT_ID slot = pkinext_pkcs11_token_get_slot_id (fx.keeper);
	PkinextPkcs11PoolStats stats;

	assert_signs (signer);
	/* kill every session of the process on the token, behind p11-kit's back: this
	 * also logs the token out */
	g_assert_cmpuint (f->C_CloseAllSessions (slot), ==, CKR_OK);
	assert_signs (signer);
	pkinext_signer_pkcs11_get_pool_stats (PKINEXT_SIGNER_PKCS11 (signer), &stats);
	g_assert_cmpuint (stats.recoveries, >=, 1);
	g_test_message ("recovered %" G_GUINT64_FORMAT " sessions", stats.recoveries);
}

static void
test_recover_logout (void)
{
	g_autoptr(PkinextSigner) signer = signer_for ("tool-rsa3072", PKINEXT_ALGORITHM_UNKNOWN);
	CK_FUNCTION_LIST *f = raw_module ();
	CK_SESSION_HANDLE s;
	PkinextPkcs11PoolStats stats;

	assert_signs (signer);
	/* logging out from another session logs out all sessions of the application */
	s = raw_login ();
	g_assert_cmpuint (f->C_Logout (s), ==, CKR_OK);
	f->C_CloseSession (s);
	assert_signs (signer);
	pkinext_signer_pkcs11_get_pool_stats (PKINEXT_SIGNER_PKCS11 (signer), &stats);
	g_assert_cmpuint (stats.recoveries, >=, 1);
}

/* ---- PIN sources ------------------------------------------------------------- */

static void
sign_with_pin (const gchar *pin)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;

	options_for (&opts, "tool-p256");
	opts.pin = pin;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_signer_validate (signer, &error));
	g_assert_no_error (error);
}

static void
test_pin_env (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSecret) pin = NULL;

	g_setenv ("PKT_TOKEN_PIN", fx.hsm->pin, TRUE);
	pin = pkinext_secret_load ("PKT_TOKEN_PIN", NULL, NULL, "PIN of token ca-token", &error);
	g_assert_no_error (error);
	sign_with_pin (pin);
	g_unsetenv ("PKT_TOKEN_PIN");
	g_assert_null (pkinext_secret_load ("PKT_TOKEN_PIN", NULL, NULL, "PIN", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
}

static void
test_pin_file (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSecret) pin = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	g_autofree gchar *path = g_build_filename (fx.dir, "pin.txt", NULL);
	g_autofree gchar *content = g_strdup_printf ("%s\n", fx.hsm->pin);
	g_autofree gchar *uri = NULL;
	PkinextPkcs11Options opts;

	g_assert_true (g_file_set_contents (path, content, -1, NULL));
	pin = pkinext_secret_load (NULL, path, NULL, "PIN of token ca-token", &error);
	g_assert_no_error (error);
	sign_with_pin (pin);

	/* pin-source= in the URI, trailing newline and all */
	uri = g_strdup_printf ("pkcs11:token=%s;object=tool-p256;type=private?pin-source=file:%s",
			       fx.hsm->label, path);
	pkinext_pkcs11_options_init (&opts);
	opts.module = fx.hsm->module;
	opts.key_uri = uri;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_signer_validate (signer, &error));
	g_assert_no_error (error);
}

static void
test_pin_inline (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSecret) pin = NULL;
	gint before = fx.inline_warnings;

	pin = pkinext_secret_load (NULL, NULL, fx.hsm->pin, "PIN of token ca-token", &error);
	g_assert_no_error (error);
	g_assert_cmpint (fx.inline_warnings, ==, before + 1);
	sign_with_pin (pin);
}

/* ---- errors ---------------------------------------------------------------- */

static void
assert_message_has (const GError *error, const gchar *what)
{
	g_test_message ("error: %s", error->message);
	if (strstr (error->message, what) == NULL)
		g_error ("'%s' is not in the error message: %s", what, error->message);
}

static void
test_error_wrong_pin (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;

	/* log the process out first, so the PIN is really checked */
	{
		CK_SESSION_HANDLE s = raw_login ();
		raw_module ()->C_Logout (s);
		raw_module ()->C_CloseSession (s);
	}
	options_for (&opts, "tool-p256");
	opts.pin = "9999";
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_null (signer);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_TOKEN);
	assert_message_has (error, "CKR_PIN_INCORRECT");
	assert_message_has (error, "token 'ca-token'");
	assert_message_has (error, "tool-p256");
	assert_message_has (error, fx.hsm->module);
}

static void
test_error_missing_token (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;

	options_for (&opts, "tool-p256");
	opts.token_label = "no-such-token";
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_null (signer);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	assert_message_has (error, "token 'no-such-token' not found");
	assert_message_has (error, fx.hsm->module);
	assert_message_has (error, "'ca-token' in slot"); /* what is there instead */
	assert_message_has (error, "tool-p256");
	g_clear_error (&error);

	/* by slot number: the module's own return code */
	options_for (&opts, "tool-p256");
	opts.token_label = NULL;
	opts.slot = 4242;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_null (signer);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_TOKEN);
	assert_message_has (error, "CKR_SLOT_ID_INVALID");
	assert_message_has (error, "slot 4242");
	g_clear_error (&error);

	/* a module that does not exist */
	options_for (&opts, "tool-p256");
	opts.module = "/nonexistent/libnothing.so";
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_null (signer);
	assert_message_has (error, "/nonexistent/libnothing.so");
	g_clear_error (&error);

	/* nothing selected */
	pkinext_pkcs11_options_init (&opts);
	opts.key_label = "tool-p256";
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
}

static void
test_error_missing_object (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	PkinextPkcs11Options opts;

	options_for (&opts, "no-such-key");
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_null (signer);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	assert_message_has (error, "no-such-key");
	assert_message_has (error, "token 'ca-token'");
	assert_message_has (error, fx.hsm->module);
	g_clear_error (&error);

	/* no key at all */
	options_for (&opts, NULL);
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);

	/* an EC key cannot sign RSA */
	options_for (&opts, "tool-p256");
	opts.algorithm = PKINEXT_ALGORITHM_RSA_PKCS1_SHA256;
	signer = pkinext_signer_pkcs11_new (&opts, &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	assert_message_has (error, "tool-p256");
}

static void
test_error_certificate_mismatch (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSigner) signer = signer_for ("tool-p256", PKINEXT_ALGORITHM_UNKNOWN);
	g_autofree gchar *key = g_build_filename (fx.dir, "other.key", NULL);
	g_autofree gchar *cert = g_build_filename (fx.dir, "other.der", NULL);
	g_autofree gchar *tmpl = g_build_filename (fx.dir, "cert.cfg", NULL);
	g_autofree gchar *own = g_build_filename (fx.dir, "own.der", NULL);
	g_autofree gchar *uri = pkt_softhsm_key_uri (fx.hsm, "tool-p256");
	g_autofree gchar *out = NULL;
	g_autoptr(GBytes) der = NULL;
	const gchar *req[] = {"openssl",
			      "req",
			      "-x509",
			      "-newkey",
			      "ec",
			      "-pkeyopt",
			      "ec_paramgen_curve:P-256",
			      "-nodes",
			      "-keyout",
			      key,
			      "-subj",
			      "/CN=someone else",
			      "-days",
			      "1",
			      "-outform",
			      "DER",
			      "-out",
			      cert,
			      NULL};

	out = pkt_run_expect (0, req);
	der = pkt_read_file_bytes (cert);
	g_assert_false (pkinext_signer_set_certificate (signer, der, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_KEY_MISMATCH);
	assert_message_has (error, "pkcs11 module=");
	assert_message_has (error, "token=ca-token");
	assert_message_has (error, "tool-p256");
	assert_message_has (error, "someone else");
	g_clear_error (&error);

	/* a certificate that certtool self-signs with the token key is accepted */
	g_assert_true (
		g_file_set_contents (tmpl, "cn = token key\nexpiration_days = 1\nca\n", -1, NULL));
	{
		const gchar *self_sign[] = {"certtool",
					    "--generate-self-signed",
					    "--load-privkey",
					    uri,
					    "--template",
					    tmpl,
					    "--outder",
					    "--outfile",
					    own,
					    NULL};
		g_autofree gchar *o = NULL;
		g_autofree gchar *e = NULL;
		g_auto(GStrv) envp =
			g_environ_setenv (g_get_environ (), "GNUTLS_PIN", fx.hsm->pin, TRUE);
		g_assert_cmpint (pkt_run_env (self_sign, (const gchar *const *)envp, &o, &e), ==,
				 0);
	}
	g_clear_pointer (&der, g_bytes_unref);
	der = pkt_read_file_bytes (own);
	g_assert_true (pkinext_signer_set_certificate (signer, der, &error));
	g_assert_no_error (error);
}

/* ---- inspection ----------------------------------------------------------------- */

static void
test_describe_token (void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *report = NULL;
	g_autofree gchar *list = NULL;
	PkinextPkcs11Options opts;

	options_for (&opts, NULL);
	report = pkinext_pkcs11_describe_token (&opts, &error);
	g_assert_no_error (error);
	g_test_message ("%s", report);
	g_assert_nonnull (strstr (report, "Token: 'ca-token'"));
	g_assert_nonnull (strstr (report, "ecdsa-p256-sha256"));
	g_assert_nonnull (strstr (report, "CKM_ECDSA "));
	g_assert_nonnull (strstr (report, "CKM_EC_EDWARDS_KEY_PAIR_GEN"));
	g_assert_nonnull (strstr (report, "label='tool-p256'"));
	g_assert_nonnull (strstr (report, "type=ec-p256 sign=yes sensitive=yes extractable=no"));

	/* no token selected: the tokens of the module */
	pkinext_pkcs11_options_init (&opts);
	opts.module = fx.hsm->module;
	list = pkinext_pkcs11_describe_token (&opts, &error);
	g_assert_no_error (error);
	g_test_message ("%s", list);
	g_assert_nonnull (strstr (list, "token 'ca-token'"));
	g_assert_nonnull (strstr (list, "token 'second'"));
}

/* ---- set-up ------------------------------------------------------------------------ */

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
	for (gsize i = 0; i < n_fields; i++) {
		if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
		    (level & G_LOG_LEVEL_WARNING) &&
		    strstr (fields[i].value, "is written inline in the configuration") != NULL) {
			g_atomic_int_inc (&fx.inline_warnings);
			return G_LOG_WRITER_HANDLED;
		}
	}
	return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
fixture_setup (void)
{
	g_autoptr(GError) error = NULL;
	PkinextPkcs11Options opts;

	/* every token exists before the first PKCS#11 use in this process */
	fx.dir = pkt_tmpdir_new ("pkcs11");
	fx.hsm = pkt_softhsm_new (fx.dir, "ca-token");
	pkt_softhsm_free (pkt_softhsm_new (fx.dir, "second"));
	for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++) {
		g_autofree gchar *label = g_strdup_printf ("tool-%s", key_cases[i].name);
		g_autofree gchar *id = g_strdup_printf ("%02x", i + 1);
		g_autofree gchar *uri =
			pkt_softhsm_keygen (fx.hsm, key_cases[i].tool_type, label, id);
	}
	options_for (&opts, NULL);
	fx.keeper = pkinext_pkcs11_token_open (&opts, &error);
	g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
	int rc;

	g_log_set_writer_func (log_writer, NULL, NULL);
	g_test_init (&argc, &argv, NULL);
	fixture_setup ();
	for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++) {
		g_autofree gchar *a =
			g_strdup_printf ("/pkcs11/sign/tool-key/%s", key_cases[i].name);
		g_autofree gchar *b =
			g_strdup_printf ("/pkcs11/sign/generated/%s", key_cases[i].name);
		g_test_add_data_func (a, &key_cases[i], test_sign_tool_key);
		g_test_add_data_func (b, &key_cases[i], test_generate_and_sign);
	}
	g_test_add_data_func ("/pkcs11/sign/tool-key/rsa3072-pss", &pss_case, test_sign_tool_key);
	g_test_add_func ("/pkcs11/generate/with-id-and-registry", test_generate_with_id);
	g_test_add_func ("/pkcs11/protection/tool-keys", test_tool_keys_protected);
	g_test_add_func ("/pkcs11/pool/parallel", test_pool_parallel);
	g_test_add_func ("/pkcs11/pool/single-session", test_pool_single_session);
	g_test_add_func ("/pkcs11/recover/close-all-sessions", test_recover_closed_sessions);
	g_test_add_func ("/pkcs11/recover/logout", test_recover_logout);
	g_test_add_func ("/pkcs11/pin/env", test_pin_env);
	g_test_add_func ("/pkcs11/pin/file", test_pin_file);
	g_test_add_func ("/pkcs11/pin/inline", test_pin_inline);
	g_test_add_func ("/pkcs11/error/wrong-pin", test_error_wrong_pin);
	g_test_add_func ("/pkcs11/error/missing-token", test_error_missing_token);
	g_test_add_func ("/pkcs11/error/missing-object", test_error_missing_object);
	g_test_add_func ("/pkcs11/error/certificate-mismatch", test_error_certificate_mismatch);
	g_test_add_func ("/pkcs11/describe-token", test_describe_token);
	rc = g_test_run ();
	g_clear_object (&fx.keeper);
	pkt_softhsm_free (fx.hsm);
	pkt_tmpdir_remove (fx.dir);
	g_free (fx.dir);
	return rc;
}
