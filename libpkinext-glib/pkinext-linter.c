/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The pre-issuance linter. It looks at what the issuer is about to sign (final
 * subject, SANs, key, validity, signature algorithm) together with the profile
 * (CA flag, critical flags, key usage) and reports every rule it breaks. It works
 * on the inputs rather than on the encoded TBSCertificate, so linting costs a few
 * comparisons per certificate.
 */
#define G_LOG_DOMAIN "PkinextLinter"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-linter.h"
#include "pkinext-profile-private.h"
#include "pkinext-san.h"

struct _PkinextLinter {
	GObject parent_instance;
	gboolean check_internal_names;
};

G_DEFINE_TYPE (PkinextLinter, pkinext_linter, G_TYPE_OBJECT)

#define TLS_MAX_VALIDITY (398 * 86400) /* CA/B Forum BR 6.3.2 (since 2020-09-01) */

static const gchar *const lint_rules[] = {
    "san.syntax",		    /* a SAN does not parse (DNS LDH, IP, email, URI...) */
    "dns.wildcard-position",	    /* '*' anywhere but as the whole leftmost label */
    "dns.internal-name",	    /* optional: single-label or reserved-TLD names */
    "ip.reserved",		    /* optional: private, loopback, link-local addresses */
    "tls.san-required",		    /* TLS server certificates carry their names in SANs */
    "tls.cn-in-san",		    /* the CN, if any, must be one of the DNS/IP SANs */
    "tls.san-type",		    /* TLS server certificates name DNS names and IPs only */
    "tls.max-validity",		    /* at most 398 days */
    "validity.order",		    /* notAfter before notBefore */
    "validity.profile-maximum",	    /* longer than the profile allows */
    "key.rsa-size",		    /* RSA below 2048 bits */
    "key.ec-curve",		    /* EC below P-256, or an unknown key */
    "signature.sha1",		    /* SHA-1 signatures */
    "ext.basic-constraints-critical", /* CA without critical basicConstraints */
    "ext.key-usage-critical",	    /* keyUsage present but not critical */
    "ext.ca-key-cert-sign",	    /* CA without keyCertSign */
    "ext.leaf-key-cert-sign",	    /* end entity with keyCertSign or cRLSign */
    "ext.san-critical",		    /* empty subject but SAN not critical */
    "subject.empty-without-san",    /* neither subject nor SAN names anything */
    NULL,
};

/* reserved / internal top-level names (RFC 6761, RFC 6762, RFC 8375, common internal TLDs) */
static const gchar *const internal_tlds[] = {
    "local", "localhost", "localdomain", "internal", "intranet", "lan", "home", "corp",
    "private", "invalid", "test", "example", "onion", "arpa", NULL,
};

typedef struct {
	GPtrArray *findings; /* of gchar* "lint: rule: what" */
	gboolean stop_at_first;
} LintRun;

static void
finding (LintRun *run, const gchar *rule, const gchar *format, ...) G_GNUC_PRINTF (3, 4);

static void
finding (LintRun *run, const gchar *rule, const gchar *format, ...)
{
	va_list args;
	g_autofree gchar *what = NULL;

	if (run->stop_at_first && run->findings->len > 0)
		return;
	va_start (args, format);
	what = g_strdup_vprintf (format, args);
	va_end (args);
	g_ptr_array_add (run->findings, g_strdup_printf ("lint: %s: %s", rule, what));
}

static gboolean
run_done (LintRun *run)
{
	return run->stop_at_first && run->findings->len > 0;
}

/* "90 days", "1 h", "3601 s": durations as profiles write them */
static gchar *
format_duration (gint64 seconds)
{
	if (seconds % 86400 == 0)
		return g_strdup_printf ("%" G_GINT64_FORMAT " days", seconds / 86400);
	if (seconds % 3600 == 0)
		return g_strdup_printf ("%" G_GINT64_FORMAT " h", seconds / 3600);
	return g_strdup_printf ("%" G_GINT64_FORMAT " s", seconds);
}

/* "*.example.com" is the only wildcard form allowed: the whole leftmost label */
static gboolean
dns_wildcard_ok (const gchar *name)
{
	const gchar *star = strchr (name, '*');
	if (star == NULL)
		return TRUE;
	if (star != name || name[1] != '.' || strchr (name + 1, '*') != NULL)
		return FALSE;
	/* at least two labels below the wildcard: "*.com" would cover a whole TLD */
	return strchr (name + 2, '.') != NULL;
}

static gboolean
dns_is_internal (const gchar *name)
{
	const gchar *dot = strrchr (name, '.');
	if (dot == NULL)
		return TRUE; /* single label */
	for (guint i = 0; internal_tlds[i] != NULL; i++) {
		if (g_ascii_strcasecmp (dot + 1, internal_tlds[i]) == 0)
			return TRUE;
	}
	return g_str_has_suffix (name, ".home.arpa");
}

static gboolean
ip_is_reserved (const gchar *text)
{
	g_autoptr(GInetAddress) a = g_inet_address_new_from_string (text);
	const guint8 *b;

	if (a == NULL)
		return FALSE;
	if (g_inet_address_get_is_any (a) || g_inet_address_get_is_loopback (a) ||
	    g_inet_address_get_is_link_local (a) || g_inet_address_get_is_site_local (a) ||
	    g_inet_address_get_is_multicast (a))
		return TRUE;
	b = g_inet_address_to_bytes (a);
	if (g_inet_address_get_family (a) == G_SOCKET_FAMILY_IPV4)
		return b[0] == 100 && (b[1] & 0xc0) == 64; /* 100.64.0.0/10, shared CGN space */
	return (b[0] & 0xfe) == 0xfc;			/* fc00::/7 unique local */
}

static void
lint_sans (PkinextLinter *self,
	   const PkinextProfilePolicy *p,
	   const PkinextLintInput *in,
	   LintRun *run)
{
	gboolean internal = self->check_internal_names || p->lint_internal_names;

	for (guint i = 0; in->sans != NULL && i < in->sans->len && !run_done (run); i++) {
		const PkinextSan *san = g_ptr_array_index (in->sans, i);
		g_autoptr(GError) local = NULL;

		if (san->type == PKINEXT_SAN_DNS && !dns_wildcard_ok (san->value)) {
			finding (run, "dns.wildcard-position",
				 "'%s': a wildcard must be the whole leftmost label of a name with "
				 "at least two more labels (*.example.com)", san->value);
			continue;
		}
		if (!pkinext_san_validate (san, &local)) {
			finding (run, "san.syntax", "%s", local->message);
			continue;
		}
		if (internal && san->type == PKINEXT_SAN_DNS && dns_is_internal (san->value))
			finding (run, "dns.internal-name", "'%s' is an internal or reserved name",
				 san->value);
		if (internal && san->type == PKINEXT_SAN_IP && ip_is_reserved (san->value))
			finding (run, "ip.reserved", "%s is a private or reserved address",
				 san->value);
		if (p->lint_tls && san->type != PKINEXT_SAN_DNS && san->type != PKINEXT_SAN_IP) {
			g_autofree gchar *s = pkinext_san_to_string (san);
			finding (run, "tls.san-type",
				 "'%s': TLS server certificates may only name DNS names and IP "
				 "addresses", s);
		}
	}
}

static gboolean
ip_equal (const gchar *a, const gchar *b)
{
	g_autoptr(GInetAddress) ia = g_inet_address_new_from_string (a);
	g_autoptr(GInetAddress) ib = g_inet_address_new_from_string (b);
	return ia != NULL && ib != NULL && g_inet_address_equal (ia, ib);
}

static gboolean
cn_in_sans (const gchar *cn, GPtrArray *sans)
{
	for (guint i = 0; sans != NULL && i < sans->len; i++) {
		const PkinextSan *san = g_ptr_array_index (sans, i);
		if (san->type == PKINEXT_SAN_DNS && g_ascii_strcasecmp (san->value, cn) == 0)
			return TRUE;
		if (san->type == PKINEXT_SAN_IP && ip_equal (san->value, cn))
			return TRUE;
	}
	return FALSE;
}

static void
lint_tls (const PkinextProfilePolicy *p, const PkinextLintInput *in, LintRun *run)
{
	gint64 validity = in->not_after - in->not_before + 1;

	if (!p->lint_tls)
		return;
	if (in->sans == NULL || in->sans->len == 0)
		finding (run, "tls.san-required",
			 "a TLS server certificate needs a subjectAltName with its DNS names or "
			 "IP addresses");
	if (in->common_name != NULL && !cn_in_sans (in->common_name, in->sans))
		finding (run, "tls.cn-in-san", "the common name '%s' is not one of the DNS/IP SANs",
			 in->common_name);
	if (validity > TLS_MAX_VALIDITY) {
		g_autofree gchar *v = format_duration (validity);
		finding (run, "tls.max-validity",
			 "validity of %s exceeds the 398 days allowed for TLS server "
			 "certificates", v);
	}
}

static void
lint_validity (const PkinextProfilePolicy *p, const PkinextLintInput *in, LintRun *run)
{
	gint64 validity = in->not_after - in->not_before + 1;

	if (in->not_after < in->not_before) {
		finding (run, "validity.order", "notAfter is before notBefore");
		return;
	}
	if (validity > p->max_validity) {
		g_autofree gchar *v = format_duration (validity);
		g_autofree gchar *m = format_duration (p->max_validity);
		finding (run, "validity.profile-maximum",
			 "validity of %s exceeds the profile maximum of %s", v, m);
	}
}

static void
lint_keys (const PkinextLintInput *in, LintRun *run)
{
	const PkinextAlgorithmInfo *sig = pkinext_algorithm_get_info (in->signature_algorithm);

	switch (in->key_type) {
	case PKINEXT_KEY_TYPE_RSA:
		if (in->key_bits < 2048)
			finding (run, "key.rsa-size", "RSA key of %u bits (at least 2048 required)",
				 in->key_bits);
		break;
	case PKINEXT_KEY_TYPE_UNKNOWN:
		finding (run, "key.ec-curve", "unknown key type (EC keys must be P-256 or larger)");
		break;
	default:
		break;
	}
	if (sig->refused || sig->gnutls_digest == GNUTLS_DIG_SHA1)
		finding (run, "signature.sha1", "the CA would sign with %s", sig->name);
}

static void
lint_extensions (PkinextProfile *profile, const PkinextLintInput *in, LintRun *run)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);
	guint32 ku = pkinext_profile_key_usage_for_key (profile, in->key_type);
	gboolean have_sans = in->sans != NULL && in->sans->len > 0;

	if (p->is_ca && !p->bc_critical)
		finding (run, "ext.basic-constraints-critical",
			 "a CA certificate's basicConstraints must be critical");
	if (ku != 0 && !p->ku_critical)
		finding (run, "ext.key-usage-critical", "keyUsage must be critical");
	if (p->is_ca && (ku & PKINEXT_KEY_USAGE_KEY_CERT_SIGN) == 0)
		finding (run, "ext.ca-key-cert-sign", "a CA certificate needs keyCertSign");
	if (!p->is_ca && (ku & (PKINEXT_KEY_USAGE_KEY_CERT_SIGN | PKINEXT_KEY_USAGE_CRL_SIGN)))
		finding (run, "ext.leaf-key-cert-sign",
			 "an end-entity certificate must not have keyCertSign or cRLSign");
	if (in->subject_empty && have_sans && !in->san_critical)
		finding (run, "ext.san-critical",
			 "the subject is empty, so subjectAltName must be critical");
	if (in->subject_empty && !have_sans)
		finding (run, "subject.empty-without-san",
			 "the certificate would have neither a subject nor a subjectAltName");
}

static void
linter_collect (PkinextLinter *self,
		PkinextProfile *profile,
		const PkinextLintInput *in,
		LintRun *run)
{
	const PkinextProfilePolicy *p = pkinext_profile_get_policy (profile);

	lint_keys (in, run);
	lint_sans (self, p, in, run);
	lint_tls (p, in, run);
	lint_validity (p, in, run);
	lint_extensions (profile, in, run);
}

/**
 * pkinext_linter_new:
 *
 * Returns: (transfer full): a linter with the default rules
 */
PkinextLinter *
pkinext_linter_new (void)
{
	return g_object_new (PKINEXT_TYPE_LINTER, NULL);
}

/**
 * pkinext_linter_set_check_internal_names:
 * @self: a linter
 * @check: whether to refuse internal names and reserved IP addresses for every profile
 *
 * The optional rules dns.internal-name and ip.reserved; a profile can also turn them
 * on with `[lint] internal-names=refuse`.
 */
void
pkinext_linter_set_check_internal_names (PkinextLinter *self, gboolean check)
{
	g_return_if_fail (PKINEXT_IS_LINTER (self));
	self->check_internal_names = check;
}

gboolean
pkinext_linter_get_check_internal_names (PkinextLinter *self)
{
	g_return_val_if_fail (PKINEXT_IS_LINTER (self), FALSE);
	return self->check_internal_names;
}

/**
 * pkinext_linter_check:
 * @self: a linter
 * @profile: the profile the certificate is issued under
 * @input: what is about to be signed
 * @error: return location
 *
 * Returns: %TRUE if no rule fires; otherwise %PKINEXT_ERROR_LINT with the first finding,
 * "lint: <rule-id>: <what>"
 */
gboolean
pkinext_linter_check (PkinextLinter *self,
		      PkinextProfile *profile,
		      const PkinextLintInput *input,
		      GError **error)
{
	g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
	LintRun run = {findings, TRUE};

	g_return_val_if_fail (PKINEXT_IS_LINTER (self), FALSE);
	g_return_val_if_fail (PKINEXT_IS_PROFILE (profile), FALSE);
	linter_collect (self, profile, input, &run);
	if (findings->len == 0)
		return TRUE;
	g_set_error_literal (error, PKINEXT_ERROR, PKINEXT_ERROR_LINT,
			     g_ptr_array_index (findings, 0));
	return FALSE;
}

/**
 * pkinext_linter_run:
 * @self: a linter
 * @profile: the profile
 * @input: what is about to be signed
 *
 * Like pkinext_linter_check() but reports every finding (for dry runs and UIs).
 *
 * Returns: (transfer full): the findings, "lint: <rule-id>: <what>"; empty if clean
 */
GStrv
pkinext_linter_run (PkinextLinter *self, PkinextProfile *profile, const PkinextLintInput *input)
{
	g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
	LintRun run = {findings, FALSE};

	g_return_val_if_fail (PKINEXT_IS_LINTER (self), NULL);
	linter_collect (self, profile, input, &run);
	g_ptr_array_add (findings, NULL);
	g_ptr_array_set_free_func (findings, NULL);
	return (GStrv)g_ptr_array_free (g_steal_pointer (&findings), FALSE);
}

/**
 * pkinext_linter_list_rules:
 *
 * Returns: (transfer none): the identifiers of every rule
 */
const gchar *const *
pkinext_linter_list_rules (void)
{
	return lint_rules;
}

static void
pkinext_linter_class_init (PkinextLinterClass *klass)
{
}

static void
pkinext_linter_init (PkinextLinter *self)
{
}
