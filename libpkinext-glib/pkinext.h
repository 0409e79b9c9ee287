/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The public API of libpkinext-glib.
 */
#pragma once

#define __PKINEXT_H_INSIDE__

#include "pkinext-algorithm.h"
#include "pkinext-audit-chain.h"
#include "pkinext-audit-keyring.h"
#include "pkinext-audit-record.h"
#include "pkinext-certificate.h"
#include "pkinext-crl-builder.h"
#include "pkinext-csr.h"
#include "pkinext-csr-builder.h"
#include "pkinext-error.h"
#include "pkinext-issuer.h"
#include "pkinext-linter.h"
#include "pkinext-name.h"
#include "pkinext-ocsp-cert-id.h"
#include "pkinext-ocsp-request.h"
#include "pkinext-ocsp-responder.h"
#include "pkinext-pem.h"
#include "pkinext-pkcs11-token.h"
#include "pkinext-profile.h"
#include "pkinext-revocation.h"
#include "pkinext-san.h"
#include "pkinext-secret.h"
#include "pkinext-serial.h"
#include "pkinext-signer.h"
#include "pkinext-signer-pkcs11.h"

#undef __PKINEXT_H_INSIDE__
