/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Profiles: every shipped profile loads; bad files give errors naming the file,
 * group, key and value.
 */
#include "config.h"

#include <string.h>

#include "pkinext.h"
#include "pkinext-profile-private.h"
#include "pkinext-test-util.h"

static const gchar *const shipped[] = {
    "tls-server", "tls-client", "tls-server-client", "sub-ca", "ocsp-signing",
    "code-signing", "smime", "spiffe-svid", NULL,
};

#define BASE "[profile]\nname=t\ndescription=test\n[validity]\ndefault=1d\n"

static void
test_profile_shipped_load (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = pkinext_profile_load_directory (NULL, &error);

	g_assert_no_error (error);
	g_assert_nonnull (all);
	for (guint i = 0; shipped[i] != NULL; i++) {
		gboolean found = FALSE;
		for (guint j = 0; j < all->len; j++) {
			PkinextProfile *p = g_ptr_array_index (all, j);
			if (g_strcmp0 (pkinext_profile_get_name (p), shipped[i]) == 0)
				found = TRUE;
		}
		if (!found)
			g_error ("shipped profile %s missing from %s", shipped[i],
				 pkinext_profile_get_default_directory ());
	}
	for (guint j = 0; j < all->len; j++) {
		PkinextProfile *p = g_ptr_array_index (all, j);
		g_assert_cmpuint (pkinext_profile_get_version (p), >=, 1);
		g_assert_cmpstr (pkinext_profile_get_description (p), !=, "");
		g_assert_cmpint (pkinext_profile_get_default_validity (p), >, 0);
		g_assert_cmpint (pkinext_profile_get_max_validity (p), >=,
				 pkinext_profile_get_default_validity (p));
	}
}

static void
test_profile_shipped_values (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) tls = pkinext_profile_load ("tls-server", NULL, &error);
	g_autoptr(PkinextProfile) ocsp = NULL;
	g_autoptr(PkinextProfile) spiffe = NULL;
	g_autoptr(PkinextProfile) subca = NULL;
	const gchar *const *eku;
	const PkinextProfilePolicy *pol;
	gint path_len = 99;

	g_assert_no_error (error);
	g_assert_cmpint (pkinext_profile_get_default_validity (tls), ==, 90 * 86400);
	g_assert_cmpint (pkinext_profile_get_max_validity (tls), ==, 398 * 86400);
	g_assert_false (pkinext_profile_is_ca (tls, NULL));
	eku = pkinext_profile_get_extended_key_usages (tls);
	g_assert_cmpstr (eku[0], ==, "1.3.6.1.5.5.7.3.1");
	g_assert_null (eku[1]);
	g_assert_cmpint (pkinext_profile_get_key_usage (tls), ==,
			 PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE | PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT);
	/* keyEncipherment only for RSA */
	g_assert_cmpuint (pkinext_profile_key_usage_for_key (tls, PKINEXT_KEY_TYPE_EC_P256), ==,
			  PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE);
	g_assert_cmpuint (pkinext_profile_key_usage_for_key (tls, PKINEXT_KEY_TYPE_RSA), ==,
			  PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE | PKINEXT_KEY_USAGE_KEY_ENCIPHERMENT);
	g_assert_true (pkinext_profile_get_auto_approve (tls));
	g_assert_true (pkinext_profile_check_key (tls, PKINEXT_KEY_TYPE_EC_P384, 384, &error));
	g_assert_false (pkinext_profile_check_key (tls, PKINEXT_KEY_TYPE_ED25519, 255, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_POLICY);
	g_assert_nonnull (strstr (error->message, "ed25519"));
	g_clear_error (&error);

	ocsp = pkinext_profile_load ("ocsp-signing", NULL, &error);
	g_assert_no_error (error);
	pol = pkinext_profile_get_policy (ocsp);
	g_assert_true (pol->ocsp_nocheck);
	g_assert_cmpstr (pkinext_profile_get_extended_key_usages (ocsp)[0], ==,
			 "1.3.6.1.5.5.7.3.9");
	g_assert_false (pkinext_profile_get_auto_approve (ocsp));

	spiffe = pkinext_profile_load ("spiffe-svid", NULL, &error);
	g_assert_no_error (error);
	g_assert_cmpint (pkinext_profile_get_max_validity (spiffe), ==, 3600);
	g_assert_cmpint (pkinext_profile_get_common_name_policy (spiffe), ==,
			 PKINEXT_COMMON_NAME_FORBIDDEN);
	g_assert_true (pkinext_profile_san_critical (spiffe, TRUE));

	subca = pkinext_profile_load ("sub-ca", NULL, &error);
	g_assert_no_error (error);
	g_assert_true (pkinext_profile_is_ca (subca, &path_len));
	g_assert_cmpint (path_len, ==, 0);
}

/* to_data() is what the database stores: it must read back to the same profile */
static void
test_profile_round_trip (void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) a = pkinext_profile_load ("smime", NULL, &error);
	g_autoptr(PkinextProfile) b = NULL;
	g_autofree gchar *data = NULL;
	g_autofree gchar *data2 = NULL;
	gsize len = 0;

	g_assert_no_error (error);
	data = pkinext_profile_to_data (a, &len);
	g_assert_cmpuint (len, >, 0);
	g_assert_nonnull (strstr (data, "email-protection"));
	b = pkinext_profile_new_from_data (data, (gssize)len, "db:smime v1", &error);
	g_assert_no_error (error);
	g_assert_cmpstr (pkinext_profile_get_name (b), ==, "smime");
	g_assert_cmpstr (pkinext_profile_get_origin (b), ==, "db:smime v1");
	g_assert_cmpuint (pkinext_profile_get_version (b), ==, pkinext_profile_get_version (a));
	g_assert_cmpint (pkinext_profile_get_max_validity (b), ==,
			 pkinext_profile_get_max_validity (a));
	data2 = pkinext_profile_to_data (b, NULL);
	g_assert_cmpstr (data, ==, data2);
	g_assert_true (g_bytes_equal (pkinext_profile_get_policy (a)->constant_extensions[0],
				      pkinext_profile_get_policy (b)->constant_extensions[0]));
}

typedef struct {
	const gchar *name;
	const gchar *data;
	const gchar *const expect[4]; /* substrings of the message */
} BadCase;

static const BadCase bad_cases[] = {
    {"unknown-group", BASE "[extras]\nfoo=bar\n", {"origin.profile", "[extras]", "unknown group"}},
    {"unknown-key", BASE "forever=yes\n", {"[validity]", "forever='yes'", "unknown key"}},
    {"negative-validity", "[profile]\nname=t\ndescription=d\n[validity]\ndefault=-5d\n",
     {"[validity]", "default='-5d'", "cannot be negative"}},
    {"bad-duration", "[profile]\nname=t\ndescription=d\n[validity]\ndefault=5 fortnights\n",
     {"[validity]", "default='5 fortnights'", "not a duration"}},
    {"zero-validity", "[profile]\nname=t\ndescription=d\n[validity]\ndefault=0\n",
     {"[validity]", "default='0'", "positive"}},
    {"max-below-default", BASE "maximum=12h\n", {"[validity]", "maximum='12h'", "shorter"}},
    {"unknown-eku", BASE "[extended-key-usage]\nusage=server-auth;teleportation\n",
     {"[extended-key-usage]", "usage='teleportation'", "unknown extended key usage"}},
    {"unknown-key-usage", BASE "[key-usage]\nusage=digital-signature;sign-everything\n",
     {"[key-usage]", "usage='sign-everything'", "unknown key usage"}},
    {"bad-key-type", BASE "[keys]\nallowed=ec-p256;dsa\n",
     {"[keys]", "allowed='dsa'", "unknown key type"}},
    {"bad-rsa-bits", BASE "[keys]\nrsa-min-bits=lots\n", {"[keys]", "rsa-min-bits='lots'",
							  "integer"}},
    {"bad-bool", "[profile]\nname=t\ndescription=d\nauto-approve=maybe\n[validity]\ndefault=1d\n",
     {"[profile]", "auto-approve='maybe'", "true or false"}},
    {"missing-name", "[profile]\ndescription=d\n[validity]\ndefault=1d\n",
     {"[profile]", "name=''", "required"}},
    {"bad-name", "[profile]\nname=Bad Name!\ndescription=d\n[validity]\ndefault=1d\n",
     {"[profile]", "name='Bad Name!'", "profile name"}},
    {"missing-validity", "[profile]\nname=t\ndescription=d\n", {"[validity]", "default=''",
								   "required"}},
    {"no-profile-group", "[validity]\ndefault=1d\n", {"[profile]", "required"}},
    {"path-len-leaf", BASE "[basic-constraints]\nca=false\npath-length=1\n",
     {"[basic-constraints]", "path-length='1'", "ca=true"}},
    {"max-path-len-leaf", BASE "[basic-constraints]\nmax-path-length=2\n",
     {"[basic-constraints]", "max-path-length='2'", "ca=true"}},
    {"max-path-len-small", BASE "[basic-constraints]\nca=true\npath-length=3\nmax-path-length=1\n",
     {"[basic-constraints]", "max-path-length='1'", "not above max-path-length"}},
    {"bad-san-type", BASE "[san]\nfrom-csr=dns;x400\n", {"[san]", "from-csr='x400'",
							  "unknown SAN type"}},
    {"bad-subject-attr", BASE "[subject]\nfrom-csr=CN;shoeSize\n",
     {"[subject]", "from-csr='shoeSize'", "unknown attribute"}},
    {"bad-cn-policy", BASE "[subject]\ncommon-name=sometimes\n",
     {"[subject]", "common-name='sometimes'", "optional, required or forbidden"}},
    {"bad-policy-oid", BASE "[extensions]\ncertificate-policies=domain-validated\n",
     {"[extensions]", "certificate-policies='domain-validated'", "dotted OID"}},
    {"bad-tls-feature", BASE "[extensions]\ntls-feature=early-data\n",
     {"[extensions]", "tls-feature='early-data'", "unknown TLS feature"}},
    {"nc-on-leaf", BASE "[name-constraints]\npermitted-dns=example.com\n",
     {"[name-constraints]", "ca=true"}},
    {"bad-lint", BASE "[lint]\ninternal-names=sometimes\n",
     {"[lint]", "internal-names='sometimes'", "allow or refuse"}},
    {"not-a-keyfile", "this is not a key file\n", {"origin.profile", "not a valid key file"}},
};

static void
test_profile_bad (gconstpointer user_data)
{
	const BadCase *c = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) p = pkinext_profile_new_from_data (c->data, -1, "origin.profile",
								     &error);

	g_assert_null (p);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID);
	g_test_message ("%s: %s", c->name, error->message);
	g_assert_true (g_str_has_prefix (error->message, "origin.profile: "));
	for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i] != NULL; i++) {
		if (strstr (error->message, c->expect[i]) == NULL)
			g_error ("%s: '%s' not in \"%s\"", c->name, c->expect[i], error->message);
	}
}

/* a file whose [profile] name is not its file name is refused; a missing file is NOT_FOUND */
static void
test_profile_file_errors (void)
{
	g_autofree gchar *tmp = pkt_tmpdir_new ("profile");
	g_autofree gchar *path = g_build_filename (tmp, "web.profile", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextProfile) p = NULL;

	g_assert_true (g_file_set_contents (path, BASE, -1, NULL));
	p = pkinext_profile_load ("web", tmp, &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID);
	g_assert_nonnull (strstr (error->message, "web.profile"));
	g_assert_nonnull (strstr (error->message, "does not match"));
	g_clear_error (&error);

	p = pkinext_profile_load ("nothere", tmp, &error);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	g_clear_error (&error);

	/* a broken file fails the whole directory load and is named */
	g_assert_true (g_file_set_contents (path, BASE "[bogus]\n", -1, NULL));
	g_assert_null (pkinext_profile_load_directory (tmp, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_PROFILE_INVALID);
	g_assert_nonnull (strstr (error->message, path));
	pkt_tmpdir_remove (tmp);
}

static void
test_profile_names_and_durations (void)
{
	g_autoptr(GError) error = NULL;
	gint64 s = 0;
	g_autoptr(PkinextProfile) p = NULL;

	g_assert_cmpstr (pkinext_profile_eku_from_name ("serverAuth"), ==, "1.3.6.1.5.5.7.3.1");
	g_assert_cmpstr (pkinext_profile_eku_from_name ("server-auth"), ==, "1.3.6.1.5.5.7.3.1");
	g_assert_cmpstr (pkinext_profile_eku_from_name ("OCSPSigning"), ==, "1.3.6.1.5.5.7.3.9");
	g_assert_cmpstr (pkinext_profile_eku_from_name ("1.2.3.4"), ==, "1.2.3.4");
	g_assert_null (pkinext_profile_eku_from_name ("1.2.x"));
	g_assert_null (pkinext_profile_eku_from_name ("wizardry"));

	g_assert_true (pkinext_profile_parse_duration ("3600", &s, NULL));
	g_assert_cmpint (s, ==, 3600);
	g_assert_true (pkinext_profile_parse_duration ("15m", &s, NULL));
	g_assert_cmpint (s, ==, 900);
	g_assert_true (pkinext_profile_parse_duration ("2w", &s, NULL));
	g_assert_cmpint (s, ==, 14 * 86400);
	g_assert_true (pkinext_profile_parse_duration ("10y", &s, NULL));
	g_assert_cmpint (s, ==, 3650 * 86400);
	g_assert_false (pkinext_profile_parse_duration ("-1d", &s, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	g_assert_false (pkinext_profile_parse_duration ("d", &s, NULL));
	g_assert_false (pkinext_profile_parse_duration ("1.5d", &s, NULL));
	g_assert_false (pkinext_profile_parse_duration ("99999999999999999999y", &s, NULL));

	/* camelCase names as in RFC 5280 work too; translated descriptions are allowed */
	p = pkinext_profile_new_from_data (BASE "[key-usage]\nusage=digitalSignature;cRLSign;"
					   "keyCertSign\n[basic-constraints]\nca=true\n"
					   "[profile]\ndescription[de]=Test\n",
					   -1, "camel", &error);
	g_assert_no_error (error);
	g_assert_cmpint (pkinext_profile_get_key_usage (p), ==,
			 PKINEXT_KEY_USAGE_DIGITAL_SIGNATURE | PKINEXT_KEY_USAGE_CRL_SIGN |
			     PKINEXT_KEY_USAGE_KEY_CERT_SIGN);
	g_assert_true (pkinext_profile_is_ca (p, NULL));
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/profile/shipped/load", test_profile_shipped_load);
	g_test_add_func ("/profile/shipped/values", test_profile_shipped_values);
	g_test_add_func ("/profile/round-trip", test_profile_round_trip);
	g_test_add_func ("/profile/file-errors", test_profile_file_errors);
	g_test_add_func ("/profile/names-and-durations", test_profile_names_and_durations);
	for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++) {
		g_autofree gchar *path = g_strdup_printf ("/profile/bad/%s", bad_cases[i].name);
		g_test_add_data_func (path, &bad_cases[i], test_profile_bad);
	}
	return g_test_run ();
}
