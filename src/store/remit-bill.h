/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/**
 * RemitBillState:
 * @REMIT_BILL_STATE_NEW: just added; nothing checked yet
 * @REMIT_BILL_STATE_IN_REVIEW: a person is checking the extracted values
 * @REMIT_BILL_STATE_READY_TO_PAY: the values are confirmed; the bill can be paid
 * @REMIT_BILL_STATE_PAYMENT_REQUESTED: a payment was started on a rail and is not yet paid
 * @REMIT_BILL_STATE_PAID: paid (by a rail or marked by hand)
 * @REMIT_BILL_STATE_FAILED: the payment failed; it can be tried again
 * @REMIT_BILL_STATE_ARCHIVED: put away; final
 *
 * Where a bill stands. The legal moves are:
 *
 * | from | to |
 * |---|---|
 * | New | In review, Paid, Archived |
 * | In review | Ready to pay, Paid, Archived |
 * | Ready to pay | In review, Payment requested, Paid, Archived |
 * | Payment requested | Paid, Failed, Ready to pay |
 * | Failed | In review, Ready to pay, Paid, Archived |
 * | Paid | Archived |
 * | Archived | — |
 *
 * A bill with a payment under way cannot be archived: the money may still move.
 */
typedef enum
{
  REMIT_BILL_STATE_NEW,
  REMIT_BILL_STATE_IN_REVIEW,
  REMIT_BILL_STATE_READY_TO_PAY,
  REMIT_BILL_STATE_PAYMENT_REQUESTED,
  REMIT_BILL_STATE_PAID,
  REMIT_BILL_STATE_FAILED,
  REMIT_BILL_STATE_ARCHIVED,
} RemitBillState;

#define REMIT_BILL_N_STATES (REMIT_BILL_STATE_ARCHIVED + 1)
/* A set of states for remit_ledger_list_bills(): REMIT_BILL_STATE_BIT (NEW) | … */
#define REMIT_BILL_STATE_BIT(state) (1u << (state))

#define REMIT_TYPE_BILL_STATE (remit_bill_state_get_type ())
GType remit_bill_state_get_type (void) G_GNUC_CONST;

const char *remit_bill_state_to_string (RemitBillState state);
gboolean remit_bill_state_from_string (const char *text, RemitBillState *state);
const char *remit_bill_state_get_label (RemitBillState state);
gboolean remit_bill_state_can_move (RemitBillState from, RemitBillState to);

/**
 * RemitFeedbackState:
 * @REMIT_FEEDBACK_STATE_NONE: no feedback to send
 * @REMIT_FEEDBACK_STATE_PENDING: reviewed values wait to be sent as feedback
 * @REMIT_FEEDBACK_STATE_SENT: the extraction service has the feedback
 */
typedef enum
{
  REMIT_FEEDBACK_STATE_NONE,
  REMIT_FEEDBACK_STATE_PENDING,
  REMIT_FEEDBACK_STATE_SENT,
} RemitFeedbackState;

#define REMIT_TYPE_FEEDBACK_STATE (remit_feedback_state_get_type ())
GType remit_feedback_state_get_type (void) G_GNUC_CONST;

const char *remit_feedback_state_to_string (RemitFeedbackState state);
gboolean remit_feedback_state_from_string (const char *text, RemitFeedbackState *state);

/**
 * RemitDuplicateReason:
 * @REMIT_DUPLICATE_REASON_NONE: not a duplicate
 * @REMIT_DUPLICATE_REASON_SAME_FILE: the same file (same SHA-256) is already in the ledger
 * @REMIT_DUPLICATE_REASON_SAME_PAYMENT: a bill that is not archived pays the same IBAN the
 *   same amount with the same purpose
 */
typedef enum
{
  REMIT_DUPLICATE_REASON_NONE,
  REMIT_DUPLICATE_REASON_SAME_FILE,
  REMIT_DUPLICATE_REASON_SAME_PAYMENT,
} RemitDuplicateReason;

#define REMIT_TYPE_DUPLICATE_REASON (remit_duplicate_reason_get_type ())
GType remit_duplicate_reason_get_type (void) G_GNUC_CONST;

const char *remit_duplicate_reason_to_string (RemitDuplicateReason reason);

#define REMIT_TYPE_BILL (remit_bill_get_type ())
G_DECLARE_FINAL_TYPE (RemitBill, remit_bill, REMIT, BILL, GObject)

RemitBill *remit_bill_new (void);

/* Kept by the ledger (read-only for everyone else). */
gint64 remit_bill_get_id (RemitBill *self);
RemitBillState remit_bill_get_state (RemitBill *self);
GDateTime *remit_bill_get_created (RemitBill *self);
GDateTime *remit_bill_get_updated (RemitBill *self);
const char *remit_bill_get_sha256 (RemitBill *self);
gint64 remit_bill_get_duplicate_of (RemitBill *self);
RemitDuplicateReason remit_bill_get_duplicate_reason (RemitBill *self);
const char *remit_bill_get_paid_date (RemitBill *self);

/* Set by the caller, saved by remit_ledger_add_bill() / remit_ledger_update_bill(). */
const char *remit_bill_get_recipient (RemitBill *self);
void remit_bill_set_recipient (RemitBill *self, const char *recipient);

const char *remit_bill_get_iban (RemitBill *self);
void remit_bill_set_iban (RemitBill *self, const char *iban);

const char *remit_bill_get_bic (RemitBill *self);
void remit_bill_set_bic (RemitBill *self, const char *bic);

const RemitAmount *remit_bill_get_amount (RemitBill *self);
void remit_bill_set_amount (RemitBill *self, const RemitAmount *amount);

const char *remit_bill_get_purpose (RemitBill *self);
void remit_bill_set_purpose (RemitBill *self, const char *purpose);

const char *remit_bill_get_due_date (RemitBill *self);
gboolean remit_bill_set_due_date (RemitBill *self, const char *due_date);

const char *remit_bill_get_filename (RemitBill *self);
void remit_bill_set_filename (RemitBill *self, const char *filename);

const char *remit_bill_get_content_type (RemitBill *self);
void remit_bill_set_content_type (RemitBill *self, const char *content_type);

const char *remit_bill_get_backend (RemitBill *self);
void remit_bill_set_backend (RemitBill *self, const char *backend);

const char *remit_bill_get_document_id (RemitBill *self);
void remit_bill_set_document_id (RemitBill *self, const char *document_id);

RemitFeedbackState remit_bill_get_feedback_state (RemitBill *self);
void remit_bill_set_feedback_state (RemitBill *self, RemitFeedbackState state);

const char *remit_bill_get_reviewed (RemitBill *self);
gboolean remit_bill_set_reviewed (RemitBill *self, const char *reviewed_json, GError **error);

char *remit_bill_dup_payment_key (RemitBill *self);
JsonNode *remit_bill_to_json (RemitBill *self);

gboolean remit_date_is_valid_iso (const char *date);
char *remit_format_timestamp (gint64 usec);

G_END_DECLS
