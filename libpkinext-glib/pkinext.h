/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The public API of libpkinext-glib.
 */
#pragma once

#define __PKINEXT_H_INSIDE__

#include "pkinext-algorithm.h"
#include "pkinext-error.h"
#include "pkinext-secret.h"
#include "pkinext-signer.h"

#undef __PKINEXT_H_INSIDE__
