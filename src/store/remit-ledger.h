/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remit-bill.h"
#include "remit-store-error.h"

G_BEGIN_DECLS

/* The schema version this Remit writes (`PRAGMA user_version`). */
#define REMIT_LEDGER_SCHEMA_VERSION 2

/**
 * RemitPaymentRail:
 * @REMIT_PAYMENT_RAIL_GINI: a payment request to a provider's banking app
 * @REMIT_PAYMENT_RAIL_EPC: an EPC069-12 GiroCode, scanned by any banking app
 * @REMIT_PAYMENT_RAIL_SEPA: a SEPA credit-transfer file for business banking
 * @REMIT_PAYMENT_RAIL_MANUAL: marked paid by hand
 */
typedef enum
{
  REMIT_PAYMENT_RAIL_GINI,
  REMIT_PAYMENT_RAIL_EPC,
  REMIT_PAYMENT_RAIL_SEPA,
  REMIT_PAYMENT_RAIL_MANUAL,
} RemitPaymentRail;

#define REMIT_TYPE_PAYMENT_RAIL (remit_payment_rail_get_type ())
GType remit_payment_rail_get_type (void) G_GNUC_CONST;
const char *remit_payment_rail_to_string (RemitPaymentRail rail);
gboolean remit_payment_rail_from_string (const char *text, RemitPaymentRail *rail);

/**
 * RemitPaymentStatus:
 * @REMIT_PAYMENT_STATUS_PENDING: recorded, not yet handed to the rail
 * @REMIT_PAYMENT_STATUS_OPEN: handed over (request created, file written); not paid yet
 * @REMIT_PAYMENT_STATUS_PAID: paid
 * @REMIT_PAYMENT_STATUS_FAILED: the rail refused or the request became invalid
 */
typedef enum
{
  REMIT_PAYMENT_STATUS_PENDING,
  REMIT_PAYMENT_STATUS_OPEN,
  REMIT_PAYMENT_STATUS_PAID,
  REMIT_PAYMENT_STATUS_FAILED,
} RemitPaymentStatus;

#define REMIT_TYPE_PAYMENT_STATUS (remit_payment_status_get_type ())
GType remit_payment_status_get_type (void) G_GNUC_CONST;
const char *remit_payment_status_to_string (RemitPaymentStatus status);

/**
 * RemitPaymentAttempt:
 * @id: the attempt's id
 * @bill_id: the bill it pays
 * @rail: which rail
 * @provider_id: (nullable): the payment provider (rail gini)
 * @remote_id: (nullable): the payment request's id at the server
 * @idempotency_key: (nullable): the key of the journal entry that created it
 * @status: where it stands
 * @error: (nullable): why it failed
 * @paid_date: (nullable): the day it was paid, `YYYY-MM-DD`
 * @created_usec: when it was recorded (µs since 1970, UTC)
 * @updated_usec: when it last changed
 *
 * One try to pay a bill on one rail.
 */
typedef struct
{
  gint64 id;
  gint64 bill_id;
  RemitPaymentRail rail;
  char *provider_id;
  char *remote_id;
  char *idempotency_key;
  RemitPaymentStatus status;
  char *error;
  char *paid_date;
  gint64 created_usec;
  gint64 updated_usec;
} RemitPaymentAttempt;

#define REMIT_TYPE_PAYMENT_ATTEMPT (remit_payment_attempt_get_type ())
GType remit_payment_attempt_get_type (void) G_GNUC_CONST;
RemitPaymentAttempt *remit_payment_attempt_copy (const RemitPaymentAttempt *attempt);
void remit_payment_attempt_free (RemitPaymentAttempt *attempt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitPaymentAttempt, remit_payment_attempt_free)

/**
 * RemitBillEvent:
 * @id: the event's id, rising in the order events happened
 * @bill_id: the bill
 * @time_usec: when (µs since 1970, UTC)
 * @kind: `created`, `state`, `updated`, `extraction`, `layout`, `payment`, `duplicate`
 * @from_state: for `state`: the state before
 * @to_state: for `state` and `created`: the state after
 * @detail: (nullable): a note (which fields changed, the rail, …)
 *
 * One line of a bill's history.
 */
typedef struct
{
  gint64 id;
  gint64 bill_id;
  gint64 time_usec;
  char *kind;
  RemitBillState from_state;
  RemitBillState to_state;
  char *detail;
} RemitBillEvent;

#define REMIT_TYPE_BILL_EVENT (remit_bill_event_get_type ())
GType remit_bill_event_get_type (void) G_GNUC_CONST;
RemitBillEvent *remit_bill_event_copy (const RemitBillEvent *event);
void remit_bill_event_free (RemitBillEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitBillEvent, remit_bill_event_free)

/**
 * RemitBillSort:
 * @REMIT_BILL_SORT_CREATED: by when the bill was added (then by id)
 * @REMIT_BILL_SORT_DUE_DATE: by due date, bills without one last (then by id)
 */
typedef enum
{
  REMIT_BILL_SORT_CREATED,
  REMIT_BILL_SORT_DUE_DATE,
} RemitBillSort;

/**
 * RemitBillQuery:
 * @states: a set of REMIT_BILL_STATE_BIT() values; 0 for every state
 * @text: (nullable): words that must all occur (ignoring case) in the recipient, purpose,
 *   IBAN or file name
 * @due_before: (nullable): only bills due before this day (`YYYY-MM-DD`); bills without a
 *   due date are left out
 * @sort: the order
 * @descending: reverse the order
 *
 * What remit_ledger_list_bills() returns. A zeroed query lists every bill, oldest first.
 */
typedef struct
{
  guint states;
  const char *text;
  const char *due_before;
  RemitBillSort sort;
  gboolean descending;
} RemitBillQuery;

/**
 * RemitLedger:
 *
 * The record of bills on this computer: a SQLite database `ledger.db` and, beside it,
 * `files/`, the copies of the bills' files under their SHA-256.
 *
 * Writes happen in transactions; a failed write (a full disk among them) is rolled back
 * and leaves everything saved before as it was. Use a ledger from one thread.
 */
#define REMIT_TYPE_LEDGER (remit_ledger_get_type ())
G_DECLARE_FINAL_TYPE (RemitLedger, remit_ledger, REMIT, LEDGER, GObject)

char *remit_ledger_dup_default_directory (void);
RemitLedger *remit_ledger_open (const char *directory, GError **error);
const char *remit_ledger_get_directory (RemitLedger *self);
const char *remit_ledger_get_path (RemitLedger *self);

/* Bills */
gboolean remit_ledger_add_bill (RemitLedger *self,
                                RemitBill *bill,
                                GBytes *content,
                                GError **error);
RemitBill *remit_ledger_get_bill (RemitLedger *self, gint64 id, GError **error);
gboolean remit_ledger_update_bill (RemitLedger *self, RemitBill *bill, GError **error);
gboolean remit_ledger_move_bill (RemitLedger *self,
                                 RemitBill *bill,
                                 RemitBillState to,
                                 const char *note,
                                 GError **error);
gboolean remit_ledger_mark_paid (RemitLedger *self,
                                 RemitBill *bill,
                                 const char *paid_date,
                                 GError **error);
GFile *remit_ledger_get_bill_file (RemitLedger *self, RemitBill *bill);
GListModel *remit_ledger_list_bills (RemitLedger *self,
                                     const RemitBillQuery *query,
                                     GError **error);
guint remit_ledger_count_bills (RemitLedger *self, GError **error);

/* Snapshots as the API gives them (JSON text), kept apart from the bill rows */
gboolean remit_ledger_set_extraction (RemitLedger *self,
                                      gint64 bill_id,
                                      const char *json,
                                      GError **error);
char *remit_ledger_dup_extraction (RemitLedger *self, gint64 bill_id, GError **error);
gboolean remit_ledger_set_layout (RemitLedger *self,
                                  gint64 bill_id,
                                  const char *json,
                                  GError **error);
char *remit_ledger_dup_layout (RemitLedger *self, gint64 bill_id, GError **error);

/* History */
GPtrArray *remit_ledger_get_history (RemitLedger *self, gint64 bill_id, GError **error);

/* Payment attempts */
gint64 remit_ledger_add_payment_attempt (RemitLedger *self,
                                         gint64 bill_id,
                                         RemitPaymentRail rail,
                                         const char *provider_id,
                                         const char *idempotency_key,
                                         GError **error);
gboolean remit_ledger_update_payment_attempt (RemitLedger *self,
                                              gint64 attempt_id,
                                              RemitPaymentStatus status,
                                              const char *remote_id,
                                              const char *error_message,
                                              GError **error);
GPtrArray *remit_ledger_list_payment_attempts (RemitLedger *self,
                                               gint64 bill_id,
                                               GError **error);

/* Duplicates */
GListModel *remit_ledger_find_duplicates (RemitLedger *self, RemitBill *bill, GError **error);
gboolean remit_ledger_dismiss_duplicate (RemitLedger *self, RemitBill *bill, GError **error);

/* Export */
char *remit_ledger_export_csv (RemitLedger *self, const RemitBillQuery *query, GError **error);
char *remit_bills_to_csv (GListModel *bills);

/* Files */
gboolean remit_store_write_file (const char *path,
                                 const void *data,
                                 gsize length,
                                 GError **error);

G_END_DECLS
