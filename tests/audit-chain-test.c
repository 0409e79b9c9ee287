/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The audit-chain maths: canonical form, MACs (checked against openssl), verification
 * of altered, deleted, inserted and reordered records, key epochs, timestamps.
 */
#include "config.h"

#include <string.h>

#include "pkinext-test-util.h"
#include "pkinext.h"

#define KEY_A "0123456789abcdef0123456789abcdef-audit-key-A"
#define KEY_B "fedcba9876543210fedcba9876543210-audit-key-B"

static PkinextAuditKeyring *
keyring_with (const gchar *key, const gchar **id_out)
{
	g_autoptr(GError) error = NULL;
	PkinextAuditKeyring *kr = pkinext_audit_keyring_new ();
	const gchar *id =
		pkinext_audit_keyring_add (kr, (const guint8 *)key, strlen (key), TRUE, &error);

	g_assert_no_error (error);
	g_assert_nonnull (id);
	if (id_out != NULL)
		*id_out = id;
	return kr;
}

static GPtrArray *
make_chain (PkinextAuditKeyring *kr, guint n)
{
	g_autoptr(PkinextAuditChain) chain = pkinext_audit_chain_new (kr);
	GPtrArray *records =
		g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_audit_record_free);

	for (guint i = 0; i < n; i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *target = g_strdup_printf ("%02x", i);
		PkinextAuditRecord *r = pkinext_audit_chain_append (
			chain, "certificate.issued", "alice", "main", target, "{\"n\":1}", &error);
		g_assert_no_error (error);
		g_ptr_array_add (records, r);
	}
	return records;
}

static gint64
verify (PkinextAuditKeyring *kr, GPtrArray *records, const gchar **field, GError **error)
{
	g_autoptr(PkinextAuditChain) chain = pkinext_audit_chain_new (kr);
	static gchar field_buf[32];

	if (pkinext_audit_chain_verify_records (chain, records, error))
		return 0;
	g_strlcpy (field_buf, pkinext_audit_chain_get_broken_field (chain), sizeof (field_buf));
	if (field != NULL)
		*field = field_buf;
	return pkinext_audit_chain_get_broken_seq (chain);
}

static void
test_chain_intact (void)
{
	g_autoptr(PkinextAuditKeyring) kr = keyring_with (KEY_A, NULL);
	g_autoptr(GPtrArray) records = make_chain (kr, 5);
	g_autoptr(GError) error = NULL;
	PkinextAuditRecord *first = g_ptr_array_index (records, 0);
	PkinextAuditRecord *last = g_ptr_array_index (records, 4);

	g_assert_cmpstr (first->prev_mac, ==, PKINEXT_AUDIT_GENESIS);
	g_assert_cmpint (first->seq, ==, 1);
	g_assert_cmpint (last->seq, ==, 5);
	g_assert_cmpuint (strlen (last->mac), ==, 64);
	g_assert_cmpint (verify (kr, records, NULL, &error), ==, 0);
	g_assert_no_error (error);
}

static void
test_chain_mac_matches_openssl (void)
{
	g_autoptr(PkinextAuditKeyring) kr = keyring_with (KEY_A, NULL);
	g_autoptr(GPtrArray) records = make_chain (kr, 2);
	PkinextAuditRecord *r = g_ptr_array_index (records, 1);
	g_autofree gchar *dir = pkt_tmpdir_new ("audit");
	g_autofree gchar *path = g_build_filename (dir, "canonical", NULL);
	g_autofree gchar *canonical = NULL;
	g_autofree gchar *out = NULL;
	gsize len = 0;
	const gchar *argv[] = {"openssl", "dgst", "-sha256", "-hmac", KEY_A, "-r", path, NULL};

	canonical = pkinext_audit_record_canonical (r, &len);
	g_assert_true (g_str_has_prefix (canonical, "pkinext-audit-v1|1:2|27:"));
	g_assert_true (g_file_set_contents (path, canonical, (gssize)len, NULL));
	out = pkt_run_expect (0, argv);
	g_assert_true (g_str_has_prefix (out, r->mac));
	pkt_tmpdir_remove (dir);
}

static void
test_chain_no_field_injection (void)
{
	g_autoptr(PkinextAuditRecord) a = pkinext_audit_record_new ("e", "bob|3:xyz", "", "", "");
	g_autoptr(PkinextAuditRecord) b = pkinext_audit_record_new ("e", "bob", "xyz", "", "");
	g_autofree gchar *ca = NULL;
	g_autofree gchar *cb = NULL;

	a->timestamp = g_strdup ("2026-01-01T00:00:00.000000Z");
	b->timestamp = g_strdup (a->timestamp);
	/* a delimiter inside a value can never imitate a field boundary */
	ca = pkinext_audit_record_canonical (a, NULL);
	cb = pkinext_audit_record_canonical (b, NULL);
	g_assert_cmpstr (ca, !=, cb);
	g_assert_nonnull (strstr (ca, "|9:bob|3:xyz|0:"));
}

static void
test_chain_tamper_field (void)
{
	g_autoptr(PkinextAuditKeyring) kr = keyring_with (KEY_A, NULL);
	const gchar *fields[] = {"event", "actor", "ca", "target", "details", "timestamp"};

	for (guint i = 0; i < G_N_ELEMENTS (fields); i++) {
		g_autoptr(GPtrArray) records = make_chain (kr, 5);
		g_autoptr(GError) error = NULL;
		PkinextAuditRecord *r = g_ptr_array_index (records, 2);
		const gchar *field = NULL;

		if (i == 0) {
			g_free (r->event);
			r->event = g_strdup ("certificate.revoked");
		} else if (i == 1) {
			g_free (r->actor);
			r->actor = g_strdup ("mallory");
		} else if (i == 2) {
			g_free (r->ca);
			r->ca = g_strdup ("other");
		} else if (i == 3) {
			g_free (r->target);
			r->target = g_strdup ("ff");
		} else if (i == 4) {
			g_free (r->details);
			r->details = g_strdup ("{\"n\":2}");
		} else {
			/* same instant, different precision: the seeds' bug must break the MAC */
			r->timestamp[26] = '\0';
			g_assert_cmpint (verify (kr, records, &field, &error), ==, 3);
			g_assert_cmpstr (field, ==, "timestamp");
			continue;
		}
		g_assert_cmpint (verify (kr, records, &field, &error), ==, 3);
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_AUDIT_BROKEN);
		g_assert_cmpstr (field, ==, "mac");
		g_assert_nonnull (strstr (error->message, "record 3"));
	}
}

static void
test_chain_delete_insert_reorder (void)
{
	g_autoptr(PkinextAuditKeyring) kr = keyring_with (KEY_A, NULL);
	g_autoptr(GPtrArray) del = make_chain (kr, 5);
	g_autoptr(GPtrArray) ins = make_chain (kr, 5);
	g_autoptr(GPtrArray) swp = make_chain (kr, 5);
	g_autoptr(GError) error = NULL;
	PkinextAuditRecord *forged;
	const gchar *field = NULL;

	/* delete record 3: record 4 arrives where 3 was expected */
	g_ptr_array_remove_index (del, 2);
	g_assert_cmpint (verify (kr, del, &field, &error), ==, 3);
	g_assert_cmpstr (field, ==, "seq");
	g_clear_error (&error);

	/* delete record 3 and renumber: the link of the old record 4 is wrong */
	for (guint i = 2; i < del->len; i++)
		((PkinextAuditRecord *)g_ptr_array_index (del, i))->seq--;
	g_assert_cmpint (verify (kr, del, &field, &error), ==, 3);
	g_assert_cmpstr (field, ==, "prev_mac");
	g_clear_error (&error);

	/* append a forged record that links correctly */
	forged = pkinext_audit_record_copy (g_ptr_array_index (ins, 4));
	forged->seq = 6;
	g_free (forged->prev_mac);
	forged->prev_mac = g_strdup (((PkinextAuditRecord *)g_ptr_array_index (ins, 4))->mac);
	g_ptr_array_add (ins, forged);
	g_assert_cmpint (verify (kr, ins, &field, &error), ==, 6);
	g_assert_cmpstr (field, ==, "mac");
	/* the message must not reveal the full right MAC */
	g_assert_nonnull (strstr (error->message, "..."));
	g_clear_error (&error);

	/* swap the sequence numbers of records 2 and 4 (what an UPDATE would do) */
	{
		PkinextAuditRecord *two = g_ptr_array_index (swp, 1);
		PkinextAuditRecord *four = g_ptr_array_index (swp, 3);
		two->seq = 4;
		four->seq = 2;
		g_ptr_array_index (swp, 1) = four;
		g_ptr_array_index (swp, 3) = two;
	}
	g_assert_cmpint (verify (kr, swp, &field, &error), ==, 2);
	g_assert_cmpstr (field, ==, "prev_mac");
}

static void
test_chain_epochs (void)
{
	g_autoptr(GError) error = NULL;
	const gchar *id_a = NULL;
	g_autoptr(PkinextAuditKeyring) kr = keyring_with (KEY_A, &id_a);
	g_autoptr(PkinextAuditKeyring) only_b = NULL;
	g_autoptr(PkinextAuditChain) chain = pkinext_audit_chain_new (kr);
	g_autoptr(GPtrArray) records =
		g_ptr_array_new_with_free_func ((GDestroyNotify)pkinext_audit_record_free);
	const gchar *id_b;
	const gchar *field = NULL;
	PkinextAuditRecord *r;

	g_ptr_array_add (records, pkinext_audit_chain_append (chain, "a", "x", "", "", "", &error));
	g_assert_no_error (error);
	id_b = pkinext_audit_keyring_add (kr, (const guint8 *)KEY_B, strlen (KEY_B), TRUE, &error);
	g_assert_no_error (error);
	g_assert_cmpstr (id_a, !=, id_b);
	g_assert_cmpstr (pkinext_audit_keyring_get_current_id (kr), ==, id_b);
	g_ptr_array_add (records, pkinext_audit_chain_rotate (chain, id_b, "admin", &error));
	g_assert_no_error (error);
	r = pkinext_audit_chain_append (chain, "b", "x", "", "", "", &error);
	g_assert_no_error (error);
	g_ptr_array_add (records, r);
	g_assert_cmpstr (((PkinextAuditRecord *)g_ptr_array_index (records, 1))->key_id, ==, id_a);
	g_assert_cmpstr (r->key_id, ==, id_b);

	/* the full keyring verifies across the epoch */
	g_assert_cmpint (verify (kr, records, NULL, &error), ==, 0);
	g_assert_no_error (error);

	/* without the old key verification cannot start */
	only_b = keyring_with (KEY_B, NULL);
	g_assert_cmpint (verify (only_b, records, &field, &error), ==, 1);
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_NOT_FOUND);
	g_clear_error (&error);

	/* a record that switches key without a rotation record is refused */
	g_free (r->key_id);
	r->key_id = g_strdup (id_a);
	g_assert_cmpint (verify (kr, records, &field, &error), ==, 3);
	g_assert_cmpstr (field, ==, "key_id");
}

static void
test_chain_timestamps (void)
{
	g_autoptr(GDateTime) t = g_date_time_new_utc (2026, 11, 23, 19, 8, 1.12);
	g_autofree gchar *s = pkinext_audit_timestamp_format (t);
	g_autoptr(GError) error = NULL;

	g_assert_cmpuint (strlen (s), ==, PKINEXT_AUDIT_TIMESTAMP_LENGTH);
	g_assert_true (g_str_has_prefix (s, "2026-11-23T19:08:01.1"));
	g_assert_true (pkinext_audit_timestamp_check ("2026-11-23T19:08:01.120000Z", NULL));
	g_assert_true (pkinext_audit_timestamp_check ("2024-02-29T23:59:59.000000Z", NULL));
	g_assert_false (pkinext_audit_timestamp_check ("2026-11-23T19:08:01.12Z", &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	g_assert_false (pkinext_audit_timestamp_check ("2026-11-23 19:08:01.120000Z", NULL));
	g_assert_false (pkinext_audit_timestamp_check ("2026-11-23T19:08:01.120000+00:00", NULL));
	g_assert_false (pkinext_audit_timestamp_check ("2025-02-29T00:00:00.000000Z", NULL));
	g_assert_false (pkinext_audit_timestamp_check ("2026-13-01T00:00:00.000000Z", NULL));
	g_assert_false (pkinext_audit_timestamp_check ("2026-01-01T24:00:00.000000Z", NULL));
}

static void
test_chain_keyring (void)
{
	g_autoptr(PkinextAuditKeyring) kr = pkinext_audit_keyring_new ();
	g_autoptr(GError) error = NULL;
	g_autoptr(PkinextSecret) secret = pkinext_secret_new (KEY_A);
	const gchar *id1;
	const gchar *id2;

	g_assert_null (pkinext_audit_keyring_add (kr, (const guint8 *)"short", 5, TRUE, &error));
	g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_ARGUMENT);
	g_clear_error (&error);
	id1 = pkinext_audit_keyring_add_secret (kr, secret, FALSE, &error);
	g_assert_no_error (error);
	id2 = pkinext_audit_keyring_add (kr, (const guint8 *)KEY_A, strlen (KEY_A), FALSE, &error);
	g_assert_cmpstr (id1, ==, id2);
	g_assert_cmpuint (pkinext_audit_keyring_get_n_keys (kr), ==, 1);
	g_assert_cmpuint (strlen (id1), ==, PKINEXT_AUDIT_KEY_ID_LENGTH);
	g_assert_cmpstr (pkinext_audit_keyring_get_current_id (kr), ==, id1);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/audit-chain/intact", test_chain_intact);
	g_test_add_func ("/audit-chain/mac-matches-openssl", test_chain_mac_matches_openssl);
	g_test_add_func ("/audit-chain/no-field-injection", test_chain_no_field_injection);
	g_test_add_func ("/audit-chain/tamper-field", test_chain_tamper_field);
	g_test_add_func ("/audit-chain/delete-insert-reorder", test_chain_delete_insert_reorder);
	g_test_add_func ("/audit-chain/epochs", test_chain_epochs);
	g_test_add_func ("/audit-chain/timestamps", test_chain_timestamps);
	g_test_add_func ("/audit-chain/keyring", test_chain_keyring);
	return g_test_run ();
}
