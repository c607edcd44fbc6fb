/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-api-client.h"
#include "remit-bill-service.h"

G_BEGIN_DECLS

/* How far before its journal entry a server's record may be dated and still be taken for
 * the entry's (clocks of client and server differ). */
#define REMIT_BILL_SERVICE_CLOCK_SLACK_USEC (10 * 60 * G_USEC_PER_SEC)

/* The state of one operation on one bill, kept as the data of its GTask. Every step runs on
 * the thread that started the operation, so the ledger is only touched there. */
typedef struct
{
  gint64 bill_id;
  RemitBill *bill;
  RemitJournalEntry *entry;
  GBytes *content;
  char *provider_id;
  char *label;
  gint64 attempt_id;
  RemitResumeOutcome outcome;
  char *detail;
  gboolean looked_up;
  gboolean reuploaded;
} RemitBillOp;

void remit_bill_op_free (RemitBillOp *op);

GTask *remit_bill_service_op_task (RemitBillService *self,
                                   gpointer source_tag,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
RemitBillOp *remit_bill_service_op (GTask *task);
void remit_bill_service_op_return_bill (GTask *task);
void remit_bill_service_op_return_error (GTask *task, GError *error, RemitResumeOutcome outcome);
gboolean remit_bill_service_op_reload (GTask *task);

void remit_bill_service_checkpoint (const char *name);
gboolean remit_bill_service_is_refusal (const GError *error);
RemitApiClient *remit_bill_service_get_client (RemitBillService *self);
RemitJournalEntry *remit_bill_service_find_unfinished (RemitBillService *self,
                                                       RemitJournalKind kind,
                                                       gint64 bill_id,
                                                       GError **error);

/* The steps that the first try and a resume share. Each ends the task with the bill or an
 * error; op->outcome says what happened. */
void remit_bill_service_upload_start (GTask *task);
void remit_bill_service_import_continue (GTask *task);
void remit_bill_service_feedback_start (GTask *task);
void remit_bill_service_delete_label_start (GTask *task);
void remit_bill_service_payment_start (GTask *task);
void remit_bill_service_delete_document_start (GTask *task);

/* Look-ups on a remote server for an operation that was sent but whose answer was lost
 * (remit-bill-service-lookup.c). Each answers %NULL / %FALSE without an error when nothing
 * matches, and an error only when the look-up itself failed in a way a retry may mend. */
void remit_bill_service_find_document_async (RemitBillService *self,
                                             RemitBill *bill,
                                             RemitJournalEntry *entry,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
char *remit_bill_service_find_document_finish (RemitBillService *self,
                                               GAsyncResult *result,
                                               GError **error);
void remit_bill_service_find_payment_request_async (RemitBillService *self,
                                                    RemitBill *bill,
                                                    RemitJournalEntry *entry,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
RemitPaymentRequest *remit_bill_service_find_payment_request_finish (RemitBillService *self,
                                                                     GAsyncResult *result,
                                                                     GError **error);
void remit_bill_service_find_feedback_async (RemitBillService *self,
                                             RemitJournalEntry *entry,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
gboolean remit_bill_service_find_feedback_finish (RemitBillService *self,
                                                  GAsyncResult *result,
                                                  gboolean *found,
                                                  GError **error);

G_END_DECLS
