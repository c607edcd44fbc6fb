/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "remit-ledger.h"

G_BEGIN_DECLS

/* How a write transaction reaches the disk. In WAL mode NORMAL syncs at checkpoints only:
 * a commit survives a crash of the process but may be lost with the machine's power.
 * DURABLE syncs the WAL at the commit: when it returns, the row is on the disk. Because
 * the WAL is written in order, a durable commit also makes every commit before it durable. */
typedef enum
{
  REMIT_WRITE_NORMAL,
  REMIT_WRITE_DURABLE,
} RemitWriteMode;

typedef gint64 (*RemitClockFunc) (gpointer user_data);

sqlite3 *remit_ledger_get_handle (RemitLedger *self);
sqlite3_stmt *remit_ledger_prepare (RemitLedger *self, const char *sql, GError **error);
gboolean remit_ledger_begin_write (RemitLedger *self, RemitWriteMode mode, GError **error);
gboolean remit_ledger_commit (RemitLedger *self, GError **error);
void remit_ledger_rollback (RemitLedger *self);
gboolean remit_ledger_set_error (RemitLedger *self, int rc, GError **error);
gboolean remit_ledger_step_done (RemitLedger *self, sqlite3_stmt *stmt, GError **error);
gint64 remit_ledger_now (RemitLedger *self);
char *remit_ledger_dup_today (RemitLedger *self);

/* Tests */
void remit_ledger_set_clock (RemitLedger *self, RemitClockFunc func, gpointer user_data);
gboolean remit_ledger_migrate_database (sqlite3 *db, int target_version, GError **error);

char *remit_store_dup_column_text (sqlite3_stmt *stmt, int column);

/* A cached statement is reset (and its bindings cleared) when the scope that took it ends,
 * so that no statement keeps a read transaction open:
 *   g_autoptr (RemitStmt) stmt = remit_ledger_prepare (self, "SELECT …", error); */
typedef sqlite3_stmt RemitStmt;

static inline void
remit_stmt_release (RemitStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitStmt, remit_stmt_release)

G_END_DECLS
