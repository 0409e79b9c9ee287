/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "pkinext-der-private.h"
#include "pkinext.h"

static void
assert_bytes (GBytes *b, const guint8 *expect, gsize len)
{
	g_assert_cmpmem (g_bytes_get_data (b, NULL), g_bytes_get_size (b), expect, len);
}

static void
test_der_oid (void)
{
	PkinextDerWriter w;
	g_autoptr(GBytes) b = NULL;
	g_autofree gchar *back = NULL;
	const guint8 expect[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};

	pkinext_der_writer_init (&w, 0);
	g_assert_true (pkinext_der_put_oid (&w, "1.2.840.113549.1.1.11"));
	b = pkinext_der_writer_steal (&w);
	assert_bytes (b, expect, sizeof (expect));
	back = pkinext_der_decode_oid (expect + 2, sizeof (expect) - 2);
	g_assert_cmpstr (back, ==, "1.2.840.113549.1.1.11");
}

static void
test_der_long_lengths (void)
{
	PkinextDerWriter w;
	g_autoptr(GBytes) b = NULL;
	g_autofree guint8 *payload = g_malloc0 (70000);
	PkinextDerReader r;
	PkinextDerElement el;
	const guint8 *data;

	pkinext_der_writer_init (&w, 0);
	pkinext_der_begin (&w, PKINEXT_DER_SEQUENCE);
	pkinext_der_put (&w, PKINEXT_DER_OCTET_STRING, payload, 200);
	pkinext_der_put (&w, PKINEXT_DER_OCTET_STRING, payload, 70000);
	pkinext_der_end (&w);
	b = pkinext_der_writer_steal (&w);
	data = g_bytes_get_data (b, NULL);
	/* SEQUENCE of 3+200 + 5+70000 = 70208 bytes: 30 83 01 12 40 */
	g_assert_cmphex (data[0], ==, 0x30);
	g_assert_cmphex (data[1], ==, 0x83);
	g_assert_cmpuint ((data[2] << 16) | (data[3] << 8) | data[4], ==, 70208);
	g_assert_cmphex (data[5], ==, 0x04);
	g_assert_cmphex (data[6], ==, 0x81);
	g_assert_cmphex (data[7], ==, 200);

	pkinext_der_reader_init (&r, data, g_bytes_get_size (b));
	g_assert_true (pkinext_der_read_expect (&r, PKINEXT_DER_SEQUENCE, &el, NULL));
	g_assert_cmpuint (el.len, ==, 70208);
	g_assert_true (pkinext_der_reader_at_end (&r));
}

static void
test_der_integers_and_bits (void)
{
	PkinextDerWriter w;
	g_autoptr(GBytes) b = NULL;
	const guint8 expect[] = {0x02, 0x01, 0x00,		/* 0 */
				 0x02, 0x02, 0x00, 0x80,	/* 128 */
				 0x02, 0x02, 0x01, 0x00,	/* 256 */
				 0x03, 0x02, 0x01, 0x86,	/* digitalSignature|keyCertSign|cRLSign */
				 0x03, 0x02, 0x07, 0x80,	/* bit 0 only */
				 0x17, 0x0d, '2', '6', '1', '1', '2', '3', '0', '0', '0', '0', '0', '0', 'Z',
				 0x18, 0x0f, '2', '0', '5', '0', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'};

	pkinext_der_writer_init (&w, 0);
	pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, 0);
	pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, 128);
	pkinext_der_put_uint (&w, PKINEXT_DER_INTEGER, 256);
	pkinext_der_put_named_bits (&w, (1u << 0) | (1u << 5) | (1u << 6));
	pkinext_der_put_named_bits (&w, 1u << 0);
	pkinext_der_put_time (&w, 1795392000);	 /* 2026-11-23 00:00:00 UTC */
	pkinext_der_put_time (&w, 2524608000);	 /* 2050-01-01: GeneralizedTime */
	b = pkinext_der_writer_steal (&w);
	assert_bytes (b, expect, sizeof (expect));
}

static void
test_der_reader_rejects (void)
{
	const struct {
		const gchar *what;
		guint8 data[8];
		gsize len;
	} bad[] = {
	    {"truncated", {0x30, 0x05, 0x02, 0x01}, 4},
	    {"indefinite", {0x30, 0x80, 0x00, 0x00}, 4},
	    {"non-minimal", {0x04, 0x81, 0x05, 1, 2, 3, 4, 5}, 8},
	    {"too long length", {0x04, 0x85, 1, 1, 1, 1, 1}, 7},
	    {"high tag", {0x1f, 0x81, 0x01, 0x00}, 4},
	    {"one byte", {0x30}, 1},
	};
	for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
		g_autoptr(GError) error = NULL;
		PkinextDerReader r;
		PkinextDerElement el;
		pkinext_der_reader_init (&r, bad[i].data, bad[i].len);
		g_test_message ("case %s", bad[i].what);
		g_assert_false (pkinext_der_read (&r, &el, &error));
		g_assert_error (error, PKINEXT_ERROR, PKINEXT_ERROR_INVALID_DATA);
	}
}

static void
test_der_time_roundtrip (void)
{
	PkinextDerWriter w;
	g_autoptr(GBytes) b = NULL;
	PkinextDerReader r;
	PkinextDerElement el;
	gint64 t = 0;

	pkinext_der_writer_init (&w, 0);
	pkinext_der_put_time (&w, 1795392001);
	pkinext_der_put_time (&w, 2524608000);
	b = pkinext_der_writer_steal (&w);
	pkinext_der_reader_init (&r, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
	g_assert_true (pkinext_der_read (&r, &el, NULL));
	g_assert_true (pkinext_der_element_get_time (&el, &t, NULL));
	g_assert_cmpint (t, ==, 1795392001);
	g_assert_true (pkinext_der_read (&r, &el, NULL));
	g_assert_true (pkinext_der_element_get_time (&el, &t, NULL));
	g_assert_cmpint (t, ==, 2524608000);
}

int
main (int argc, char **argv)
{
	g_test_init (&argc, &argv, NULL);
	g_test_add_func ("/der/oid", test_der_oid);
	g_test_add_func ("/der/long-lengths", test_der_long_lengths);
	g_test_add_func ("/der/integers-and-bits", test_der_integers_and_bits);
	g_test_add_func ("/der/reader-rejects", test_der_reader_rejects);
	g_test_add_func ("/der/time-roundtrip", test_der_time_roundtrip);
	return g_test_run ();
}
