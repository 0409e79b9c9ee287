/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A PKCS#11 token reached through p11-kit: module loading (an explicit path or
 * the p11-kit registry), token discovery by label, serial or slot, login,
 * inspection and on-token key generation.
 *
 * Modules are loaded in p11-kit's managed mode: every token object gets its own
 * reference to the module, p11-kit shares one real C_Initialize per library
 * (even when the registry and an explicit path name the same file, and with
 * GnuTLS's own PKCS#11 use in the same process) and finalizes the library only
 * when its last user is gone. So no process-global state is needed here.
 */
#define G_LOG_DOMAIN "PkinextPkcs11Token"

#include "config.h"

#include <gnutls/gnutls.h>
#include <p11-kit/p11-kit.h>
#include <p11-kit/uri.h>
#include <string.h>

#include "pkinext-error.h"
#include "pkinext-pkcs11-private.h"
#include "pkinext-pkcs11-token-private.h"
#include "pkinext-secret.h"

struct _PkinextPkcs11Token {
	GObject parent_instance;
	CK_FUNCTION_LIST *module; /* managed, initialised */
	gchar *module_path;
	gchar *label;
	gchar *serial;
	CK_FLAGS token_flags;
	PkinextSecret *pin; /* NULL: no login */
	GMutex lock;	    /* guards slot */
	CK_SLOT_ID slot;
};

G_DEFINE_TYPE (PkinextPkcs11Token, pkinext_pkcs11_token, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (P11KitUri, p11_kit_uri_free)

/**
 * pkinext_pkcs11_options_init:
 * @opts: options to reset
 *
 * Sets every field to "unset": no module (p11-kit registry), no slot, 4 sessions.
 */
void
pkinext_pkcs11_options_init (PkinextPkcs11Options *opts)
{
	memset (opts, 0, sizeof (*opts));
	opts->slot = -1;
	opts->algorithm = PKINEXT_ALGORITHM_UNKNOWN;
}

static gboolean
uri_set_token_label (P11KitUri *uri, const gchar *label, GError **error)
{
	CK_TOKEN_INFO *info = p11_kit_uri_get_token_info (uri);
	gsize len = strlen (label);

	if (len == 0 || len > sizeof (info->label)) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "token label '%s' must have 1 to %u bytes", label,
			     (guint)sizeof (info->label));
		return FALSE;
	}
	memset (info->label, ' ', sizeof (info->label));
	memcpy (info->label, label, len);
	return TRUE;
}

static P11KitUri *
options_to_uri (const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(P11KitUri) uri = p11_kit_uri_new ();

	if (opts->key_uri != NULL) {
		int rc = p11_kit_uri_parse (opts->key_uri, P11_KIT_URI_FOR_ANY, uri);
		if (rc != P11_KIT_URI_OK) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
				     "invalid PKCS#11 URI '%s': %s", opts->key_uri,
				     p11_kit_uri_message (rc));
			return NULL;
		}
	}
	if (opts->token_label != NULL && !uri_set_token_label (uri, opts->token_label, error))
		return NULL;
	return g_steal_pointer (&uri);
}

static gboolean
uri_selects_token (P11KitUri *uri, const PkinextPkcs11Options *opts)
{
	CK_TOKEN_INFO *info = p11_kit_uri_get_token_info (uri);
	static const CK_TOKEN_INFO empty = {{0}};

	if (opts->slot >= 0 || p11_kit_uri_get_slot_id (uri) != (CK_SLOT_ID)-1)
		return TRUE;
	return memcmp (info->label, empty.label, sizeof (info->label)) != 0 ||
	       memcmp (info->serialNumber, empty.serialNumber, sizeof (info->serialNumber)) != 0 ||
	       memcmp (info->model, empty.model, sizeof (info->model)) != 0 ||
	       memcmp (info->manufacturerID, empty.manufacturerID, sizeof (info->manufacturerID)) !=
		       0;
}

gboolean
pkinext_pkcs11_options_get_object (const PkinextPkcs11Options *opts,
				   gchar **label,
				   GBytes **id,
				   GError **error)
{
	g_autoptr(P11KitUri) uri = options_to_uri (opts, error);
	CK_ATTRIBUTE *attr;

	if (uri == NULL)
		return FALSE;
	*label = NULL;
	*id = NULL;
	if (opts->key_label != NULL) {
		*label = g_strdup (opts->key_label);
	} else if ((attr = p11_kit_uri_get_attribute (uri, CKA_LABEL)) != NULL) {
		*label = g_strndup (attr->pValue, attr->ulValueLen);
	}
	if (opts->key_id != NULL) {
		*id = pkinext_pkcs11_parse_hex (opts->key_id, "key id", error);
		if (*id == NULL) {
			g_clear_pointer (label, g_free);
			return FALSE;
		}
	} else if ((attr = p11_kit_uri_get_attribute (uri, CKA_ID)) != NULL) {
		*id = g_bytes_new (attr->pValue, attr->ulValueLen);
	}
	return TRUE;
}

/* ---- module loading --------------------------------------------------- */

static void
modules_release (CK_FUNCTION_LIST **modules, CK_FUNCTION_LIST *keep)
{
	for (guint i = 0; modules != NULL && modules[i] != NULL; i++) {
		if (modules[i] == keep)
			continue;
		p11_kit_module_finalize (modules[i]);
		p11_kit_module_release (modules[i]);
	}
	free (modules);
}

/* a NULL-terminated array (free with modules_release) of initialised modules */
static CK_FUNCTION_LIST **
modules_load (const gchar *path, const gchar *name, GError **error)
{
	CK_FUNCTION_LIST **modules;
	CK_FUNCTION_LIST *module;
	CK_RV rv;

	if (path == NULL) {
		CK_FUNCTION_LIST *named;
		modules = p11_kit_modules_load_and_initialize (0);
		if (modules == NULL || modules[0] == NULL) {
			const gchar *msg = p11_kit_message ();
			modules_release (modules, NULL);
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
				     "no PKCS#11 module is registered with p11-kit%s%s "
				     "(give the module path)",
				     msg != NULL ? ": " : "", msg != NULL ? msg : "");
			return NULL;
		}
		if (name == NULL)
			return modules;
		named = p11_kit_module_for_name (modules, name);
		modules_release (modules, named);
		if (named == NULL) {
			g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
				     "no PKCS#11 module named '%s' is registered with p11-kit",
				     name);
			return NULL;
		}
		modules = calloc (2, sizeof (CK_FUNCTION_LIST *));
		modules[0] = named;
		return modules;
	}
	module = p11_kit_module_load (path, 0);
	if (module == NULL) {
		const gchar *msg = p11_kit_message ();
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_TOKEN,
			     "cannot load PKCS#11 module %s: %s (CKR_LIBRARY_LOAD_FAILED)", path,
			     msg != NULL ? msg : "not found");
		return NULL;
	}
	rv = p11_kit_module_initialize (module);
	if (rv != CKR_OK) {
		p11_kit_module_release (module);
		pkinext_pkcs11_set_error (error, rv, "initialising PKCS#11 module %s", path);
		return NULL;
	}
	modules = calloc (2, sizeof (CK_FUNCTION_LIST *));
	modules[0] = module;
	return modules;
}

static gchar *
module_display_name (CK_FUNCTION_LIST *module)
{
	g_autofree gchar *file = p11_kit_module_get_filename (module);
	if (file == NULL)
		file = p11_kit_module_get_name (module);
	return g_strdup (file != NULL ? file : "(unknown module)");
}

/* ---- token discovery -------------------------------------------------- */

static GArray *
present_slots (CK_FUNCTION_LIST *module, CK_RV *rv)
{
	g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (CK_SLOT_ID));
	CK_ULONG n = 0;

	*rv = module->C_GetSlotList (CK_TRUE, NULL, &n);
	if (*rv != CKR_OK)
		return NULL;
	g_array_set_size (slots, n);
	*rv = module->C_GetSlotList (CK_TRUE, (CK_SLOT_ID *)(gpointer)slots->data, &n);
	if (*rv != CKR_OK)
		return NULL;
	g_array_set_size (slots, n);
	return g_steal_pointer (&slots);
}

static gboolean
slot_matches (
	CK_FUNCTION_LIST *module, CK_SLOT_ID slot, P11KitUri *uri, CK_TOKEN_INFO *tinfo, CK_RV *rv)
{
	CK_SLOT_INFO sinfo;

	*rv = module->C_GetSlotInfo (slot, &sinfo);
	if (*rv == CKR_OK)
		*rv = module->C_GetTokenInfo (slot, tinfo);
	if (*rv != CKR_OK)
		return FALSE;
	return p11_kit_uri_match_slot_info (uri, &sinfo) &&
	       p11_kit_uri_match_token_info (uri, tinfo);
}

/* looks for the token in one module; appends what it saw to @seen for errors */
static gboolean
module_find_token (CK_FUNCTION_LIST *module,
		   P11KitUri *uri,
		   gint slot_opt,
		   CK_SLOT_ID *slot,
		   CK_TOKEN_INFO *tinfo,
		   GString *seen,
		   CK_RV *rv)
{
	g_autoptr(GArray) slots = NULL;
	CK_SLOT_ID want = slot_opt >= 0 ? (CK_SLOT_ID)slot_opt : p11_kit_uri_get_slot_id (uri);

	CK_INFO minfo;

	*rv = CKR_OK;
	if (module->C_GetInfo (&minfo) == CKR_OK && !p11_kit_uri_match_module_info (uri, &minfo))
		return FALSE;
	if (want != (CK_SLOT_ID)-1) {
		*slot = want;
		return slot_matches (module, want, uri, tinfo, rv);
	}
	slots = present_slots (module, rv);
	for (guint i = 0; slots != NULL && i < slots->len; i++) {
		CK_SLOT_ID s = g_array_index (slots, CK_SLOT_ID, i);
		CK_RV srv;
		if (slot_matches (module, s, uri, tinfo, &srv)) {
			*slot = s;
			return TRUE;
		}
		if (srv == CKR_OK && (tinfo->flags & CKF_TOKEN_INITIALIZED)) {
			g_autofree gchar *l =
				pkinext_pkcs11_string (tinfo->label, sizeof (tinfo->label));
			g_string_append_printf (seen, "%s'%s' in slot %lu",
						seen->len > 0 ? ", " : "", l, (gulong)s);
		}
	}
	return FALSE;
}

static gchar *
uri_token_wanted (P11KitUri *uri, gint slot_opt)
{
	CK_TOKEN_INFO *info = p11_kit_uri_get_token_info (uri);
	g_autofree gchar *label = pkinext_pkcs11_string (info->label, sizeof (info->label));
	g_autofree gchar *serial =
		pkinext_pkcs11_string (info->serialNumber, sizeof (info->serialNumber));
	GString *s = g_string_new (NULL);
	CK_SLOT_ID slot = slot_opt >= 0 ? (CK_SLOT_ID)slot_opt : p11_kit_uri_get_slot_id (uri);

	if (label[0] != '\0')
		g_string_append_printf (s, "token '%s'", label);
	else
		g_string_append (s, "token");
	if (serial[0] != '\0')
		g_string_append_printf (s, " (serial %s)", serial);
	if (slot != (CK_SLOT_ID)-1)
		g_string_append_printf (s, " in slot %lu", (gulong)slot);
	return g_string_free (s, FALSE);
}

static gboolean
token_set_error_not_found (GError **error,
			   P11KitUri *uri,
			   gint slot_opt,
			   CK_FUNCTION_LIST **modules,
			   GString *seen,
			   CK_RV rv)
{
	g_autofree gchar *wanted = uri_token_wanted (uri, slot_opt);
	g_autoptr(GString) names = g_string_new (NULL);

	for (guint i = 0; modules[i] != NULL; i++) {
		g_autofree gchar *n = module_display_name (modules[i]);
		g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", n);
	}
	if (rv != CKR_OK) {
		return pkinext_pkcs11_set_error (error, rv, "%s not found (PKCS#11 module %s)",
						 wanted, names->str);
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND,
		     "%s not found (PKCS#11 module %s; tokens present: %s)", wanted, names->str,
		     seen->len > 0 ? seen->str : "none");
	return FALSE;
}

static PkinextSecret *
token_resolve_pin (const PkinextPkcs11Options *opts,
		   P11KitUri *uri,
		   const gchar *label,
		   GError **error)
{
	g_autofree gchar *what = g_strdup_printf ("PIN of token %s", label);
	const gchar *source = p11_kit_uri_get_pin_source (uri);
	const gchar *value = p11_kit_uri_get_pin_value (uri);

	if (opts->pin != NULL)
		return pkinext_secret_new (opts->pin);
	if (source != NULL) {
		if (g_str_has_prefix (source, "file:"))
			source += strlen ("file:");
		return pkinext_secret_load (NULL, source, NULL, what, error);
	}
	if (value != NULL)
		return pkinext_secret_load (NULL, NULL, value, what, error);
	return NULL;
}

static gboolean
token_locate (PkinextPkcs11Token *self,
	      CK_FUNCTION_LIST **modules,
	      P11KitUri *uri,
	      gint slot_opt,
	      GError **error)
{
	g_autoptr(GString) seen = g_string_new (NULL);
	CK_TOKEN_INFO tinfo;
	CK_RV rv = CKR_OK;

	for (guint i = 0; modules[i] != NULL; i++) {
		CK_RV mrv;
		if (!module_find_token (modules[i], uri, slot_opt, &self->slot, &tinfo, seen,
					&mrv)) {
			if (mrv != CKR_OK)
				rv = mrv;
			continue;
		}
		self->module = modules[i];
		self->module_path = module_display_name (modules[i]);
		self->label = pkinext_pkcs11_string (tinfo.label, sizeof (tinfo.label));
		self->serial =
			pkinext_pkcs11_string (tinfo.serialNumber, sizeof (tinfo.serialNumber));
		self->token_flags = tinfo.flags;
		return TRUE;
	}
	return token_set_error_not_found (error, uri, slot_opt, modules, seen, rv);
}

/**
 * pkinext_pkcs11_token_open:
 * @opts: where the token is; the key fields are ignored
 * @error: return location
 *
 * Loads the module and finds the token. Does not log in yet.
 *
 * Returns: (transfer full): the token
 */
PkinextPkcs11Token *
pkinext_pkcs11_token_open (const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(PkinextPkcs11Token) self = NULL;
	g_autoptr(P11KitUri) uri = options_to_uri (opts, error);
	g_autoptr(GError) pin_error = NULL;
	CK_FUNCTION_LIST **modules;
	const gchar *path;
	gboolean found;

	if (uri == NULL)
		return NULL;
	if (!uri_selects_token (uri, opts)) {
		g_set_error (
			error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			"no PKCS#11 token selected: give a token label, a slot or a pkcs11: URI "
			"with token=");
		return NULL;
	}
	path = opts->module != NULL ? opts->module : p11_kit_uri_get_module_path (uri);
	modules = modules_load (path, p11_kit_uri_get_module_name (uri), error);
	if (modules == NULL)
		return NULL;
	self = g_object_new (PKINEXT_TYPE_PKCS11_TOKEN, NULL);
	found = token_locate (self, modules, uri, opts->slot, error);
	modules_release (modules, self->module);
	if (!found)
		return NULL;
	if (path != NULL) {
		g_free (self->module_path);
		self->module_path = g_strdup (path);
	}
	self->pin = token_resolve_pin (opts, uri, self->label, &pin_error);
	if (pin_error != NULL) {
		g_propagate_error (error, g_steal_pointer (&pin_error));
		return NULL;
	}
	return g_steal_pointer (&self);
}

const gchar *
pkinext_pkcs11_token_get_module (PkinextPkcs11Token *self)
{
	return self->module_path;
}

const gchar *
pkinext_pkcs11_token_get_label (PkinextPkcs11Token *self)
{
	return self->label;
}

const gchar *
pkinext_pkcs11_token_get_serial (PkinextPkcs11Token *self)
{
	return self->serial;
}

gulong
pkinext_pkcs11_token_get_slot_id (PkinextPkcs11Token *self)
{
	CK_SLOT_ID slot;
	g_mutex_lock (&self->lock);
	slot = self->slot;
	g_mutex_unlock (&self->lock);
	return slot;
}

/**
 * pkinext_pkcs11_token_describe:
 * @self: a token
 *
 * Returns: (transfer full): "token 'ca' (module /usr/lib/softhsm/libsofthsm2.so, slot 7)"
 */
gchar *
pkinext_pkcs11_token_describe (PkinextPkcs11Token *self)
{
	return g_strdup_printf ("token '%s' (module %s, slot %lu)", self->label, self->module_path,
				pkinext_pkcs11_token_get_slot_id (self));
}

CK_FUNCTION_LIST *
pkinext_pkcs11_token_get_functions (PkinextPkcs11Token *self)
{
	return self->module;
}

CK_SESSION_HANDLE
pkinext_pkcs11_token_open_session (PkinextPkcs11Token *self, gboolean rw, GError **error)
{
	CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
	CK_FLAGS flags = CKF_SERIAL_SESSION | (rw ? CKF_RW_SESSION : 0);
	CK_RV rv;

	rv = self->module->C_OpenSession (pkinext_pkcs11_token_get_slot_id (self), flags, NULL,
					  NULL, &session);
	if (rv != CKR_OK) {
		g_autofree gchar *desc = pkinext_pkcs11_token_describe (self);
		pkinext_pkcs11_set_error (error, rv, "opening a session on %s", desc);
		return CK_INVALID_HANDLE;
	}
	return session;
}

gboolean
pkinext_pkcs11_token_login (PkinextPkcs11Token *self, CK_SESSION_HANDLE session, GError **error)
{
	g_autofree gchar *desc = NULL;
	CK_SESSION_INFO si;
	CK_RV rv;

	rv = self->module->C_GetSessionInfo (session, &si);
	if (rv == CKR_OK &&
	    (si.state == CKS_RO_USER_FUNCTIONS || si.state == CKS_RW_USER_FUNCTIONS))
		return TRUE;
	if (self->pin != NULL) {
		rv = self->module->C_Login (session, CKU_USER, (CK_UTF8CHAR *)self->pin,
					    strlen (self->pin));
	} else if (self->token_flags & CKF_PROTECTED_AUTHENTICATION_PATH) {
		rv = self->module->C_Login (session, CKU_USER, NULL, 0);
	} else if (self->token_flags & CKF_LOGIN_REQUIRED) {
		desc = pkinext_pkcs11_token_describe (self);
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT,
			     "%s requires a PIN (set pin-env, pin-file or pin)", desc);
		return FALSE;
	} else {
		return TRUE;
	}
	if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
		return TRUE;
	return pkinext_pkcs11_set_error (error, rv, "logging in to token '%s' with the user PIN",
					 self->label);
}

CK_RV
pkinext_pkcs11_token_context_login (PkinextPkcs11Token *self, CK_SESSION_HANDLE session)
{
	if (self->pin == NULL)
		return self->module->C_Login (session, CKU_CONTEXT_SPECIFIC, NULL, 0);
	return self->module->C_Login (session, CKU_CONTEXT_SPECIFIC, (CK_UTF8CHAR *)self->pin,
				      strlen (self->pin));
}

static gboolean
token_info_matches (PkinextPkcs11Token *self, const CK_TOKEN_INFO *tinfo)
{
	g_autofree gchar *label = pkinext_pkcs11_string (tinfo->label, sizeof (tinfo->label));
	g_autofree gchar *serial =
		pkinext_pkcs11_string (tinfo->serialNumber, sizeof (tinfo->serialNumber));
	return g_strcmp0 (label, self->label) == 0 && g_strcmp0 (serial, self->serial) == 0;
}

gboolean
pkinext_pkcs11_token_is_present (PkinextPkcs11Token *self)
{
	CK_TOKEN_INFO tinfo;
	if (self->module->C_GetTokenInfo (pkinext_pkcs11_token_get_slot_id (self), &tinfo) !=
	    CKR_OK)
		return FALSE;
	return token_info_matches (self, &tinfo);
}

gboolean
pkinext_pkcs11_token_relocate (PkinextPkcs11Token *self, GError **error)
{
	g_autoptr(GArray) slots = NULL;
	CK_RV rv;

	slots = present_slots (self->module, &rv);
	for (guint i = 0; slots != NULL && i < slots->len; i++) {
		CK_SLOT_ID s = g_array_index (slots, CK_SLOT_ID, i);
		CK_TOKEN_INFO tinfo;
		if (self->module->C_GetTokenInfo (s, &tinfo) != CKR_OK ||
		    !token_info_matches (self, &tinfo))
			continue;
		g_mutex_lock (&self->lock);
		if (self->slot != s)
			g_message ("token '%s' moved from slot %lu to slot %lu", self->label,
				   (gulong)self->slot, (gulong)s);
		self->slot = s;
		g_mutex_unlock (&self->lock);
		return TRUE;
	}
	g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_TOKEN,
		     "token '%s' (serial %s) is no longer present in PKCS#11 module %s: %s",
		     self->label, self->serial, self->module_path,
		     rv != CKR_OK ? pkinext_pkcs11_rv_name (rv) : "CKR_TOKEN_NOT_PRESENT");
	return FALSE;
}

gboolean
pkinext_pkcs11_token_check_mechanism (PkinextPkcs11Token *self,
				      CK_MECHANISM_TYPE mech,
				      CK_FLAGS flags,
				      const gchar *purpose,
				      GError **error)
{
	const gchar *name = pkinext_pkcs11_mechanism_name (mech);
	g_autofree gchar *fallback = g_strdup_printf ("mechanism 0x%lx", (gulong)mech);
	g_autofree gchar *desc = NULL;
	CK_MECHANISM_INFO info;
	CK_RV rv;

	rv = self->module->C_GetMechanismInfo (pkinext_pkcs11_token_get_slot_id (self), mech,
					       &info);
	if (rv == CKR_OK && (info.flags & flags) == flags)
		return TRUE;
	desc = pkinext_pkcs11_token_describe (self);
	if (rv == CKR_OK || rv == CKR_MECHANISM_INVALID) {
		g_set_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_SUPPORTED,
			     "%s does not offer %s for %s (CKR_MECHANISM_INVALID)", desc,
			     name != NULL ? name : fallback, purpose);
		return FALSE;
	}
	return pkinext_pkcs11_set_error (error, rv, "asking %s about %s", desc,
					 name != NULL ? name : fallback);
}

gchar *
pkinext_pkcs11_token_object_uri (PkinextPkcs11Token *self,
				 const gchar *label,
				 GBytes *id,
				 CK_OBJECT_CLASS klass)
{
	g_autoptr(P11KitUri) uri = p11_kit_uri_new ();
	CK_TOKEN_INFO *tinfo = p11_kit_uri_get_token_info (uri);
	gchar *out = NULL;

	memset (tinfo->label, ' ', sizeof (tinfo->label));
	memcpy (tinfo->label, self->label, MIN (strlen (self->label), sizeof (tinfo->label)));
	memset (tinfo->serialNumber, ' ', sizeof (tinfo->serialNumber));
	memcpy (tinfo->serialNumber, self->serial,
		MIN (strlen (self->serial), sizeof (tinfo->serialNumber)));
	if (label != NULL) {
		CK_ATTRIBUTE a = {CKA_LABEL, (gpointer)label, strlen (label)};
		p11_kit_uri_set_attribute (uri, &a);
	}
	if (id != NULL) {
		CK_ATTRIBUTE a = {CKA_ID, (gpointer)g_bytes_get_data (id, NULL),
				  g_bytes_get_size (id)};
		p11_kit_uri_set_attribute (uri, &a);
	}
	{
		CK_ATTRIBUTE a = {CKA_CLASS, &klass, sizeof (klass)};
		p11_kit_uri_set_attribute (uri, &a);
	}
	if (p11_kit_uri_format (uri, P11_KIT_URI_FOR_OBJECT_ON_TOKEN, &out) != P11_KIT_URI_OK)
		return g_strdup ("pkcs11:");
	return out;
}

static void
list_module_slots (GString *out, CK_FUNCTION_LIST *module)
{
	g_autofree gchar *name = module_display_name (module);
	g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (CK_SLOT_ID));
	CK_ULONG n = 0;
	CK_RV rv;

	g_string_append_printf (out, "Module: %s\n", name);
	rv = module->C_GetSlotList (CK_FALSE, NULL, &n);
	if (rv == CKR_OK) {
		g_array_set_size (slots, n);
		rv = module->C_GetSlotList (CK_FALSE, (CK_SLOT_ID *)(gpointer)slots->data, &n);
		g_array_set_size (slots, n);
	}
	if (rv != CKR_OK) {
		g_string_append_printf (out, "  cannot list slots: %s\n",
					pkinext_pkcs11_rv_name (rv));
		return;
	}
	for (guint i = 0; i < slots->len; i++) {
		CK_SLOT_ID slot = g_array_index (slots, CK_SLOT_ID, i);
		CK_TOKEN_INFO t;
		g_autofree gchar *label = NULL;
		g_autofree gchar *serial = NULL;
		g_autofree gchar *model = NULL;

		rv = module->C_GetTokenInfo (slot, &t);
		if (rv != CKR_OK) {
			g_string_append_printf (out, "  slot %lu: no token (%s)\n", (gulong)slot,
						pkinext_pkcs11_rv_name (rv));
			continue;
		}
		label = pkinext_pkcs11_string (t.label, sizeof (t.label));
		serial = pkinext_pkcs11_string (t.serialNumber, sizeof (t.serialNumber));
		model = pkinext_pkcs11_string (t.model, sizeof (t.model));
		g_string_append_printf (out, "  slot %lu: token '%s' (model %s, serial %s%s)\n",
					(gulong)slot, label, model, serial,
					t.flags & CKF_TOKEN_INITIALIZED ? "" : ", not initialised");
	}
	if (slots->len == 0)
		g_string_append (out, "  (no slots)\n");
}

/**
 * pkinext_pkcs11_list_tokens:
 * @opts: the module (%NULL: every module registered with p11-kit); other fields ignored
 * @error: return location
 *
 * Returns: (transfer full): the modules, their slots and the tokens in them, as text
 */
gchar *
pkinext_pkcs11_list_tokens (const PkinextPkcs11Options *opts, GError **error)
{
	g_autoptr(GString) out = g_string_new (NULL);
	CK_FUNCTION_LIST **modules = modules_load (opts->module, NULL, error);

	if (modules == NULL)
		return NULL;
	for (guint i = 0; modules[i] != NULL; i++)
		list_module_slots (out, modules[i]);
	modules_release (modules, NULL);
	return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
pkinext_pkcs11_token_finalize (GObject *object)
{
	PkinextPkcs11Token *self = PKINEXT_PKCS11_TOKEN (object);

	if (self->module != NULL) {
		p11_kit_module_finalize (self->module);
		p11_kit_module_release (self->module);
	}
	pkinext_secret_free (self->pin);
	g_free (self->module_path);
	g_free (self->label);
	g_free (self->serial);
	g_mutex_clear (&self->lock);
	G_OBJECT_CLASS (pkinext_pkcs11_token_parent_class)->finalize (object);
}

static void
pkinext_pkcs11_token_class_init (PkinextPkcs11TokenClass *klass)
{
	G_OBJECT_CLASS (klass)->finalize = pkinext_pkcs11_token_finalize;
}

static void
pkinext_pkcs11_token_init (PkinextPkcs11Token *self)
{
	g_mutex_init (&self->lock);
	self->slot = (CK_SLOT_ID)-1;
}
