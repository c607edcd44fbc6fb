/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "remit-backend.h"
#include "remit-journal.h"
#include "remit-ledger.h"

G_BEGIN_DECLS

/**
 * RemitResumeOutcome:
 * @REMIT_RESUME_OUTCOME_SENT: the operation was sent with its stored key and answered
 * @REMIT_RESUME_OUTCOME_FOUND: the server already had it (found by a look-up, or the
 *   ledger already held the answer); nothing was sent again
 * @REMIT_RESUME_OUTCOME_FAILED: the server refused it for good; the journal says why
 * @REMIT_RESUME_OUTCOME_DEFERRED: it could not be finished now (no network, a server
 *   error); it stays in the journal for the next resume
 * @REMIT_RESUME_OUTCOME_SKIPPED: it belongs to another backend than the service's
 *
 * What a resume did with one unfinished operation.
 */
typedef enum
{
  REMIT_RESUME_OUTCOME_SENT,
  REMIT_RESUME_OUTCOME_FOUND,
  REMIT_RESUME_OUTCOME_FAILED,
  REMIT_RESUME_OUTCOME_DEFERRED,
  REMIT_RESUME_OUTCOME_SKIPPED,
} RemitResumeOutcome;

#define REMIT_TYPE_RESUME_OUTCOME (remit_resume_outcome_get_type ())
GType remit_resume_outcome_get_type (void) G_GNUC_CONST;
const char *remit_resume_outcome_to_string (RemitResumeOutcome outcome);

/**
 * RemitResumeItem:
 * @bill_id: the bill
 * @operation: `upload`, `feedback`, `delete-label`, `delete-document`, `payment-request`
 *   (journal entries) or `import` (an uploaded document whose extractions were not stored
 *   yet)
 * @idempotency_key: (nullable): the journal entry's key
 * @outcome: what was done
 * @detail: (nullable): the error message, or what a look-up matched
 *
 * One line of the report of remit_bill_service_resume_finish().
 */
typedef struct
{
  gint64 bill_id;
  char *operation;
  char *idempotency_key;
  RemitResumeOutcome outcome;
  char *detail;
} RemitResumeItem;

#define REMIT_TYPE_RESUME_ITEM (remit_resume_item_get_type ())
GType remit_resume_item_get_type (void) G_GNUC_CONST;
RemitResumeItem *remit_resume_item_copy (const RemitResumeItem *item);
void remit_resume_item_free (RemitResumeItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitResumeItem, remit_resume_item_free)

#define REMIT_TYPE_BILL_SERVICE (remit_bill_service_get_type ())
G_DECLARE_FINAL_TYPE (RemitBillService, remit_bill_service, REMIT, BILL_SERVICE, GObject)

RemitBillService *remit_bill_service_new (RemitLedger *ledger, RemitBackend *backend);
RemitLedger *remit_bill_service_get_ledger (RemitBillService *self);
RemitJournal *remit_bill_service_get_journal (RemitBillService *self);
RemitBackend *remit_bill_service_get_backend (RemitBillService *self);
const char *remit_bill_service_get_backend_name (RemitBillService *self);
char *remit_backend_dup_name (RemitBackend *backend);

/* Import */
void remit_bill_service_import_async (RemitBillService *self,
                                      GFile *file,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
void remit_bill_service_import_bytes_async (RemitBillService *self,
                                            GBytes *content,
                                            const char *filename,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
RemitBill *remit_bill_service_import_finish (RemitBillService *self,
                                             GAsyncResult *result,
                                             GError **error);

/* Review and feedback */
gboolean remit_bill_service_review (RemitBillService *self,
                                    gint64 bill_id,
                                    JsonObject *values,
                                    GError **error);
void remit_bill_service_send_feedback_async (RemitBillService *self,
                                             gint64 bill_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
RemitBill *remit_bill_service_send_feedback_finish (RemitBillService *self,
                                                    GAsyncResult *result,
                                                    GError **error);
void remit_bill_service_delete_label_async (RemitBillService *self,
                                            gint64 bill_id,
                                            const char *label,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
RemitBill *remit_bill_service_delete_label_finish (RemitBillService *self,
                                                   GAsyncResult *result,
                                                   GError **error);

/* Paying */
void remit_bill_service_request_payment_async (RemitBillService *self,
                                               gint64 bill_id,
                                               const char *provider_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
RemitBill *remit_bill_service_request_payment_finish (RemitBillService *self,
                                                      GAsyncResult *result,
                                                      GError **error);
void remit_bill_service_refresh_payment_async (RemitBillService *self,
                                               gint64 bill_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
RemitBill *remit_bill_service_refresh_payment_finish (RemitBillService *self,
                                                      GAsyncResult *result,
                                                      GError **error);
char *remit_bill_service_pay_epc (RemitBillService *self, gint64 bill_id, GError **error);
void remit_bill_service_pay_sepa_async (RemitBillService *self,
                                        const gint64 *bill_ids,
                                        guint n_bills,
                                        const char *debtor_name,
                                        const char *debtor_iban,
                                        const char *debtor_bic,
                                        const GDate *execution_date,
                                        GFile *out,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
char *remit_bill_service_pay_sepa_finish (RemitBillService *self,
                                          GAsyncResult *result,
                                          char **message_id,
                                          GError **error);
gboolean remit_bill_service_mark_paid (RemitBillService *self,
                                       gint64 bill_id,
                                       const char *paid_date,
                                       GError **error);

/* Resume */
void remit_bill_service_resume_async (RemitBillService *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
GPtrArray *remit_bill_service_resume_finish (RemitBillService *self,
                                             GAsyncResult *result,
                                             GError **error);

G_END_DECLS
