/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RemitStoreError:
 * @REMIT_STORE_ERROR_CORRUPT: the ledger database cannot be read; a backup was kept
 * @REMIT_STORE_ERROR_NEWER_VERSION: the ledger was written by a newer Remit
 * @REMIT_STORE_ERROR_DISK_FULL: there is no room to write; earlier data is unchanged
 * @REMIT_STORE_ERROR_NOT_FOUND: no bill with that id
 * @REMIT_STORE_ERROR_FAILED: any other database failure
 * @REMIT_STORE_ERROR_ILLEGAL_MOVE: the bill cannot move from its state to the one asked for
 * @REMIT_STORE_ERROR_PENDING: an operation of that kind for that bill is still unfinished in
 *   the journal; resume it instead of starting another
 *
 * Errors of the bill ledger.
 */
typedef enum
{
  REMIT_STORE_ERROR_CORRUPT,
  REMIT_STORE_ERROR_NEWER_VERSION,
  REMIT_STORE_ERROR_DISK_FULL,
  REMIT_STORE_ERROR_NOT_FOUND,
  REMIT_STORE_ERROR_FAILED,
  REMIT_STORE_ERROR_ILLEGAL_MOVE,
  REMIT_STORE_ERROR_PENDING,
} RemitStoreError;

#define REMIT_STORE_ERROR (remit_store_error_quark ())
GQuark remit_store_error_quark (void);

G_END_DECLS
