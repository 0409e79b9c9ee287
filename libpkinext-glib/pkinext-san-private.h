/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * DER encoding and decoding of GeneralNames (RFC 5280 4.2.1.6).
 */
#pragma once

#include "pkinext-der-private.h"
#include "pkinext-san.h"

G_BEGIN_DECLS

/*
 * Writes `GeneralNames ::= SEQUENCE OF GeneralName` for @sans (the complete SEQUENCE TLV,
 * i.e. the extnValue contents of subjectAltName). Fails (INVALID_ARGUMENT) for a value that
 * cannot be encoded: an IP that does not parse, a PKINEXT_SAN_OTHER, a krb5 principal
 * without "@REALM". The values are not otherwise validated: call pkinext_san_validate()
 * first where the names come from outside. On failure the writer holds a partial encoding.
 */
gboolean
pkinext_san_write_general_names (PkinextDerWriter *w, GPtrArray *sans, GError **error);

/*
 * Writes one GeneralName (for name constraints, CRL distribution points...).
 */
gboolean
pkinext_san_write_general_name (PkinextDerWriter *w, const PkinextSan *san, GError **error);

/*
 * Parses a GeneralNames SEQUENCE (@der is the whole TLV) into a new array of PkinextSan
 * (free function pkinext_san_free). Errors are INVALID_DATA.
 */
gboolean
pkinext_san_parse_general_names (const guint8 *der, gsize len, GPtrArray **out, GError **error);

G_END_DECLS
