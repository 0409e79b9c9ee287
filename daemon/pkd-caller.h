/*
 * Copyright 2026 The pkinext authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Who is calling the engine. Every transport (D-Bus, HTTP, the tool) maps its
 * peer to a principal name; the engine checks that principal's CA roles, so
 * each transport inherits the same rules.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PkdRole:
 * @PKD_ROLE_ADMINISTRATOR: manages CAs, profiles and roles
 * @PKD_ROLE_AGENT: approves/rejects requests, revokes, holds, unrevokes
 * @PKD_ROLE_AUDITOR: reads and verifies the audit log
 * @PKD_ROLE_REQUESTER: submits requests and renews its own certificates
 */
typedef enum {
	PKD_ROLE_ADMINISTRATOR,
	PKD_ROLE_AGENT,
	PKD_ROLE_AUDITOR,
	PKD_ROLE_REQUESTER,
	PKD_ROLE_LAST /*< skip >*/
} PkdRole;

const gchar *
pkd_role_to_string (PkdRole role);
gboolean
pkd_role_from_string (const gchar *name, PkdRole *role);

/**
 * PkdCaller:
 * @principal: "unix-user:alice", "unix-uid:1000", "cert:<subject>", "system"...
 * @transport: "dbus", "http", "tool", "internal"
 * @peer: transport detail for the audit log (bus name, remote address), or %NULL
 * @is_system: the daemon itself (workers, start-up); bypasses role checks
 */
typedef struct {
	gchar *principal;
	gchar *transport;
	gchar *peer;
	gboolean is_system;
} PkdCaller;

PkdCaller *
pkd_caller_new (const gchar *principal, const gchar *transport, const gchar *peer);
PkdCaller *
pkd_caller_new_system (void);
PkdCaller *
pkd_caller_copy (const PkdCaller *caller);
void
pkd_caller_free (PkdCaller *caller);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkdCaller, pkd_caller_free)

G_END_DECLS
