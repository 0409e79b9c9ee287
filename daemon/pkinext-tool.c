/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * pkinext-tool: the offline tool. It links the core directly (no daemon):
 * initialise CAs, generate keys, issue from a CSR, sign sub-CAs, inspect
 * algorithms and PKCS#11 tokens. It is also how an operator runs an offline root.
 */
#define G_LOG_DOMAIN "PkinextTool"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkd-ca-bootstrap.h"
#include "pkd-config.h"
#include "pkd-signer-factory.h"
#include "pkinext.h"

#define EXIT_USAGE 2

typedef struct {
	gchar *config_path;
	PkdConfig *config;
} ToolContext;

typedef int (*ToolCommandFunc) (ToolContext *ctx, int argc, char **argv);

typedef struct {
	const gchar *name;
	const gchar *args;
	const gchar *summary;
	ToolCommandFunc func;
} ToolCommand;

static int
tool_fail (GError *error)
{
	g_printerr ("pkinext-tool: %s\n", error->message);
	return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_FAILURE;
}

static gboolean
tool_load_config (ToolContext *ctx, GError **error)
{
	const gchar *path = ctx->config_path;
	if (path == NULL)
		path = g_getenv ("PKINEXT_CONFIG");
	if (path == NULL)
		path = PKINEXT_SYSCONFDIR "/pkinextd.conf";
	ctx->config = pkd_config_new ();
	return pkd_config_load_file (ctx->config, path, error);
}

/* parses a subcommand's options; the remaining positional arguments stay in argv */
static gboolean
tool_parse (const gchar *name,
	    const gchar *params,
	    const gchar *summary,
	    GOptionEntry *entries,
	    int *argc,
	    char ***argv,
	    GError **error)
{
	g_autofree gchar *title = g_strdup_printf ("%s %s", name, params);
	g_autoptr(GOptionContext) oc = g_option_context_new (title);
	g_option_context_set_summary (oc, summary);
	g_option_context_add_main_entries (oc, entries, NULL);
	return g_option_context_parse (oc, argc, argv, error);
}

static int
cmd_algorithms (ToolContext *ctx, int argc, char **argv)
{
	guint n = 0;
	const PkinextAlgorithmInfo *table = pkinext_algorithm_get_table (&n);
	GOptionEntry entries[] = {{NULL}};
	g_autoptr(GError) error = NULL;

	if (!tool_parse ("algorithms", "", "List the signature algorithms and where they work.",
			 entries, &argc, &argv, &error))
		return tool_fail (error);
	g_print ("%-20s %-26s %-6s %-10s %s\n", "NAME", "SIGNATURE OID", "FIPS", "SOFTWARE", "NOTES");
	for (guint i = 1; i < n; i++) {
		const PkinextAlgorithmInfo *row = &table[i];
		g_autoptr(GError) why = NULL;
		gboolean usable = pkinext_algorithm_check_usable (row->id, &why);
		g_print ("%-20s %-26s %-6s %-10s %s\n",
			 row->name,
			 row->signature_oid,
			 row->fips_approved ? "yes" : "no",
			 usable ? "yes" : "no",
			 usable ? row->description : why->message);
	}
	return EXIT_SUCCESS;
}

static int
cmd_init (ToolContext *ctx, int argc, char **argv)
{
	gboolean external = FALSE;
	GOptionEntry entries[] = {
	    {"external", 'e', 0, G_OPTION_ARG_NONE, &external,
	     "Write a CSR for a parent outside this configuration instead of issuing", NULL},
	    {NULL}};
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) names = NULL;

	if (!tool_parse ("init", "[CA...]",
			 "Generate the key and certificate of each named CA (default: all, parents "
			 "first).\nCAs that are already initialised are left alone.",
			 entries, &argc, &argv, &error) ||
	    !tool_load_config (ctx, &error))
		return tool_fail (error);
	names = argc > 1 ? g_ptr_array_new_with_free_func (g_free) : pkd_config_get_cas (ctx->config);
	for (int i = 1; i < argc; i++)
		g_ptr_array_add (names, g_strdup (argv[i]));
	/* initialise in dependency order: a CA whose parent is not ready waits a round */
	for (guint round = 0; round <= names->len; round++) {
		for (guint i = 0; i < names->len; i++) {
			const gchar *name = g_ptr_array_index (names, i);
			g_autoptr(PkdCaConfig) ca = pkd_config_get_ca (ctx->config, name, &error);
			g_autoptr(PkdCaConfig) parent = NULL;
			if (ca == NULL)
				return tool_fail (error);
			if (pkd_ca_bootstrap_get_state (ca) != PKD_CA_STATE_MISSING)
				continue;
			if (ca->parent != NULL && !external) {
				parent = pkd_config_get_ca (ctx->config, ca->parent, &error);
				if (parent == NULL)
					return tool_fail (error);
				if (pkd_ca_bootstrap_get_state (parent) != PKD_CA_STATE_READY)
					continue;
			}
			if (!pkd_ca_bootstrap_init (ctx->config, name, external, &error))
				return tool_fail (error);
			if (external) {
				g_autofree gchar *csr = pkd_ca_bootstrap_csr_path (ca);
				g_print ("CA %s: key generated, CSR for the parent written to %s\n", name, csr);
			} else {
				g_print ("CA %s: certificate written to %s\n", name, ca->certificate);
			}
		}
	}
	for (guint i = 0; i < names->len; i++) {
		g_autoptr(PkdCaConfig) ca = pkd_config_get_ca (ctx->config, g_ptr_array_index (names, i), NULL);
		if (ca != NULL && pkd_ca_bootstrap_get_state (ca) == PKD_CA_STATE_MISSING) {
			g_printerr ("pkinext-tool: CA %s not initialised: its parent %s is not ready\n",
				    ca->name, ca->parent);
			return EXIT_FAILURE;
		}
	}
	return EXIT_SUCCESS;
}

static int
cmd_import (ToolContext *ctx, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL}};
	g_autoptr(GError) error = NULL;

	if (!tool_parse ("import", "CA CERTIFICATE CHAIN",
			 "Install the certificate an external parent issued for CA (after init "
			 "--external).\nCHAIN holds the parent and its issuers, nearest first.",
			 entries, &argc, &argv, &error) ||
	    !tool_load_config (ctx, &error))
		return tool_fail (error);
	if (argc != 4) {
		g_printerr ("pkinext-tool import: expected CA CERTIFICATE CHAIN\n");
		return EXIT_USAGE;
	}
	if (!pkd_ca_bootstrap_import (ctx->config, argv[1], argv[2], argv[3], &error))
		return tool_fail (error);
	g_print ("CA %s: certificate imported\n", argv[1]);
	return EXIT_SUCCESS;
}

static gboolean
write_output (const gchar *path, const gchar *text, GError **error)
{
	if (path == NULL || g_strcmp0 (path, "-") == 0) {
		g_print ("%s", text);
		return TRUE;
	}
	return g_file_set_contents (path, text, -1, error);
}

static PkinextCsr *
tool_load_csr (const gchar *path, GError **error)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	g_autoptr(GBytes) bytes = NULL;

	if (!g_file_get_contents (path, &data, &len, error))
		return NULL;
	bytes = g_bytes_new_take (g_steal_pointer (&data), len);
	return pkinext_csr_new_from_data (bytes, error);
}

static int
cmd_issue (ToolContext *ctx, int argc, char **argv)
{
	g_autofree gchar *ca_name = NULL;
	g_autofree gchar *profile_name = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *subject = NULL;
	g_auto(GStrv) sans = NULL;
	g_auto(GStrv) permit = NULL;
	g_auto(GStrv) exclude = NULL;
	gint days = 0;
	gint path_len = -2;
	gboolean with_chain = FALSE;
	GOptionEntry entries[] = {
	    {"ca", 'c', 0, G_OPTION_ARG_STRING, &ca_name, "Issuing CA (required)", "NAME"},
	    {"profile", 'p', 0, G_OPTION_ARG_STRING, &profile_name, "Profile (default tls-server)", "NAME"},
	    {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the certificate here (default stdout)", "FILE"},
	    {"chain", 0, 0, G_OPTION_ARG_NONE, &with_chain, "Append the issuer chain", NULL},
	    {"subject", 's', 0, G_OPTION_ARG_STRING, &subject, "Force this subject", "DN"},
	    {"san", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sans, "Add a SAN (dns:, ip:, email:, uri:)", "TYPE:VALUE"},
	    {"days", 'd', 0, G_OPTION_ARG_INT, &days, "Validity in days (at most the profile's)", "N"},
	    {"path-length", 0, 0, G_OPTION_ARG_INT, &path_len, "Sub-CA: pathLenConstraint", "N"},
	    {"permit-dns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &permit, "Sub-CA: permitted DNS subtree", "DOMAIN"},
	    {"exclude-dns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude, "Sub-CA: excluded DNS subtree", "DOMAIN"},
	    {NULL}};
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextIssuer) issuer = NULL;
	g_autoptr(PkinextProfile) profile = NULL;
	g_autoptr(PkinextCsr) csr = NULL;
	g_autoptr(PkinextCertificate) cert = NULL;
	g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_san_free);
	g_autoptr(GString) pem = g_string_new (NULL);
	g_autofree gchar *leaf = NULL;
	PkinextIssueOptions opts;

	if (!tool_parse ("issue", "CSR",
			 "Issue a certificate from a PKCS#10 request (PEM or DER) under a profile.\n"
			 "With --profile sub-ca this signs a subordinate CA.",
			 entries, &argc, &argv, &error) ||
	    !tool_load_config (ctx, &error))
		return tool_fail (error);
	if (argc != 2 || ca_name == NULL) {
		g_printerr ("pkinext-tool issue: expected --ca NAME and one CSR file\n");
		return EXIT_USAGE;
	}
	for (guint i = 0; sans != NULL && sans[i] != NULL; i++) {
		PkinextSan *san = pkinext_san_new_from_string (sans[i], &error);
		if (san == NULL)
			return tool_fail (error);
		g_ptr_array_add (extra, san);
	}
	issuer = pkd_ca_bootstrap_open_issuer (ctx->config, ca_name, &error);
	if (issuer == NULL)
		return tool_fail (error);
	profile = pkd_ca_bootstrap_load_profile (ctx->config,
						 profile_name != NULL ? profile_name : "tls-server",
						 &error);
	csr = profile != NULL ? tool_load_csr (argv[1], &error) : NULL;
	if (csr == NULL)
		return tool_fail (error);
	pkinext_issue_options_init (&opts);
	opts.subject = subject;
	opts.extra_sans = extra;
	opts.validity = (gint64)days * 24 * 60 * 60;
	if (path_len != -2)
		opts.path_len = path_len;
	opts.permitted_dns = (const gchar *const *)permit;
	opts.excluded_dns = (const gchar *const *)exclude;
	cert = pkinext_issuer_issue (issuer, csr, profile, &opts, &error);
	if (cert == NULL)
		return tool_fail (error);
	leaf = pkinext_certificate_to_pem (cert);
	g_string_append (pem, leaf);
	if (with_chain) {
		PkinextSigner *signer = pkinext_issuer_get_signer (issuer);
		GPtrArray *chain = pkinext_signer_get_chain (signer);
		g_autofree gchar *ca_pem = pkinext_pem_encode ("CERTIFICATE", pkinext_signer_get_certificate (signer));
		g_string_append (pem, ca_pem);
		for (guint i = 0; chain != NULL && i < chain->len; i++) {
			g_autofree gchar *p = pkinext_pem_encode ("CERTIFICATE", g_ptr_array_index (chain, i));
			g_string_append (pem, p);
		}
	}
	if (!write_output (out, pem->str, &error))
		return tool_fail (error);
	if (out != NULL)
		g_printerr ("issued serial %s to %s: %s\n",
			    pkinext_certificate_get_serial (cert),
			    pkinext_certificate_get_subject (cert),
			    out);
	return EXIT_SUCCESS;
}

static int
cmd_keygen (ToolContext *ctx, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL}};
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdCaConfig) ca = NULL;
	g_autoptr(PkdHsmConfig) hsm = NULL;
	g_autoptr(PkinextSigner) signer = NULL;
	g_autofree gchar *desc = NULL;

	if (!tool_parse ("keygen", "CA",
			 "Generate the key of CA as configured (key-type, key-bits): into its key "
			 "file, or on the token\n(sensitive, not extractable) when signer = pkcs11.",
			 entries, &argc, &argv, &error) ||
	    !tool_load_config (ctx, &error))
		return tool_fail (error);
	if (argc != 2) {
		g_printerr ("pkinext-tool keygen: expected one CA name\n");
		return EXIT_USAGE;
	}
	ca = pkd_config_get_ca (ctx->config, argv[1], &error);
	if (ca == NULL)
		return tool_fail (error);
	hsm = pkd_config_get_hsm (ctx->config);
	signer = pkd_signer_factory_generate (ca, hsm, &error);
	if (signer == NULL)
		return tool_fail (error);
	desc = pkinext_signer_describe (signer);
	g_print ("generated %s (%s)\n", desc, pkinext_algorithm_to_string (pkinext_signer_get_algorithm (signer)));
	return EXIT_SUCCESS;
}

static int
cmd_token_info (ToolContext *ctx, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL}};
	g_autoptr(GError) error = NULL;
	g_autoptr(PkdHsmConfig) hsm = NULL;
	g_autoptr(PkinextSecret) pin = NULL;
	g_autofree gchar *text = NULL;
	PkinextPkcs11Options opts = {0};

	if (!tool_parse ("token-info", "",
			 "Show what the PKCS#11 token of the [hsm] group offers: mechanisms for the "
			 "algorithm table\nand key objects with their protection attributes.",
			 entries, &argc, &argv, &error) ||
	    !tool_load_config (ctx, &error))
		return tool_fail (error);
	hsm = pkd_config_get_hsm (ctx->config);
	if (hsm->pin_env != NULL || hsm->pin_file != NULL || hsm->pin != NULL) {
		pin = pkinext_secret_load (hsm->pin_env, hsm->pin_file, hsm->pin, "token PIN", &error);
		if (pin == NULL)
			return tool_fail (error);
	}
	opts.module = hsm->module;
	opts.token_label = hsm->token_label;
	opts.slot = hsm->slot;
	opts.pin = pin;
	text = pkinext_pkcs11_describe_token (&opts, &error);
	if (text == NULL)
		return tool_fail (error);
	g_print ("%s", text);
	return EXIT_SUCCESS;
}

static int
cmd_profiles (ToolContext *ctx, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL}};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = NULL;
	g_autoptr(GPtrArray) profiles = NULL;

	if (!tool_parse ("profiles", "", "List the built-in profiles.", entries, &argc, &argv, &error))
		return tool_fail (error);
	if (!tool_load_config (ctx, &error)) {
		/* listing profiles needs no CA: fall back to the defaults */
		g_clear_error (&error);
		g_clear_object (&ctx->config);
		ctx->config = pkd_config_new ();
	}
	dir = pkd_ca_bootstrap_profiles_dir (ctx->config);
	profiles = pkinext_profile_load_directory (dir, &error);
	if (profiles == NULL)
		return tool_fail (error);
	for (guint i = 0; i < profiles->len; i++) {
		PkinextProfile *p = g_ptr_array_index (profiles, i);
		g_print ("%-24s %s\n", pkinext_profile_get_name (p), pkinext_profile_get_description (p));
	}
	return EXIT_SUCCESS;
}

static const ToolCommand commands[] = {
    {"init", "[--external] [CA...]", "Create CA keys and certificates from the configuration", cmd_init},
    {"import", "CA CERTIFICATE CHAIN", "Install a certificate issued by an external parent", cmd_import},
    {"issue", "--ca NAME [--profile P] CSR", "Issue a certificate (or a sub-CA) from a CSR", cmd_issue},
    {"keygen", "CA", "Generate a CA key (software file or on the token)", cmd_keygen},
    {"algorithms", "", "List signature algorithms", cmd_algorithms},
    {"token-info", "", "Show what the configured PKCS#11 token offers", cmd_token_info},
    {"profiles", "", "List built-in profiles", cmd_profiles},
};

static void
print_usage (void)
{
	g_print ("Usage: pkinext-tool [--config FILE] COMMAND [OPTIONS...]\n\n"
		 "The offline pkinext tool: works on the configuration's CAs directly, without "
		 "pkinextd.\n\nCommands:\n");
	for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
		g_print ("  %-12s %-32s %s\n", commands[i].name, commands[i].args, commands[i].summary);
	g_print ("\nOptions:\n"
		 "  -C, --config FILE   configuration (default $PKINEXT_CONFIG or %s/pkinextd.conf)\n"
		 "  -h, --help          show this help; COMMAND --help shows a command's options\n"
		 "  --version           print the version\n\n"
		 "See pkinext-tool(1), pkinextd.conf(5) and pkinext-profile(5).\n",
		 PKINEXT_SYSCONFDIR);
}

int
main (int argc, char **argv)
{
	ToolContext ctx = {NULL};
	int arg = 1;
	int rc;

	setlocale (LC_ALL, "");
	while (arg < argc && argv[arg][0] == '-') {
		if ((g_strcmp0 (argv[arg], "--config") == 0 || g_strcmp0 (argv[arg], "-C") == 0) &&
		    arg + 1 < argc) {
			ctx.config_path = g_strdup (argv[arg + 1]);
			arg += 2;
		} else if (g_str_has_prefix (argv[arg], "--config=")) {
			ctx.config_path = g_strdup (argv[arg] + strlen ("--config="));
			arg++;
		} else if (g_strcmp0 (argv[arg], "--version") == 0) {
			g_print ("pkinext-tool %s (%s crypto backend)\n", PACKAGE_VERSION, PKINEXT_CRYPTO_BACKEND);
			return EXIT_SUCCESS;
		} else if (g_strcmp0 (argv[arg], "--help") == 0 || g_strcmp0 (argv[arg], "-h") == 0) {
			print_usage ();
			return EXIT_SUCCESS;
		} else {
			g_printerr ("pkinext-tool: unknown option %s\n", argv[arg]);
			return EXIT_USAGE;
		}
	}
	if (arg >= argc) {
		print_usage ();
		return EXIT_USAGE;
	}
	for (guint i = 0; i < G_N_ELEMENTS (commands); i++) {
		if (g_strcmp0 (argv[arg], commands[i].name) == 0) {
			g_autofree gchar *prgname = g_strdup_printf ("pkinext-tool %s", commands[i].name);
			g_set_prgname (prgname);
			rc = commands[i].func (&ctx, argc - arg, argv + arg);
			g_clear_object (&ctx.config);
			g_free (ctx.config_path);
			return rc;
		}
	}
	g_printerr ("pkinext-tool: unknown command '%s' (see pkinext-tool --help)\n", argv[arg]);
	return EXIT_USAGE;
}
