/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-bill-service-private.h"

/*
 * Resuming: first every unfinished journal entry of the service's backend, oldest first,
 * each with its stored key (an entry still `pending` was never sent and is sent now; one
 * `sent` may have reached the server and is looked up first, see
 * remit-bill-service-lookup.c). Then what was left between journal entries:
 *
 * - bills still New on this backend without an unfinished upload: one whose document is
 *   known has its extractions fetched and moves to In review; one without a document (the
 *   process ended between adding the bill and writing the upload's entry) is uploaded;
 * - bills whose feedback is pending without an unfinished feedback entry (the process
 *   ended between the review and the entry) send their feedback.
 *
 * Payments are never started by a resume: only a payment request that has a journal entry
 * is finished.
 */

typedef struct
{
  GPtrArray *work;       /* WorkItem */
  guint next;
  GPtrArray *items;      /* RemitResumeItem */
} ResumeData;

typedef enum
{
  WORK_SKIP,
  WORK_ENTRY,
  WORK_IMPORT,
  WORK_FEEDBACK,
} WorkKind;

typedef struct
{
  WorkKind kind;
  RemitJournalEntry *entry;
  gint64 bill_id;
} WorkItem;

static void
work_item_free (WorkItem *work)
{
  g_clear_object (&work->entry);
  g_free (work);
}

static void
resume_data_free (ResumeData *data)
{
  g_clear_pointer (&data->work, g_ptr_array_unref);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static void
add_work (ResumeData *data, WorkKind kind, RemitJournalEntry *entry, gint64 bill_id)
{
  WorkItem *work = g_new0 (WorkItem, 1);

  work->kind = kind;
  work->entry = entry != NULL ? g_object_ref (entry) : NULL;
  work->bill_id = bill_id;
  g_ptr_array_add (data->work, work);
}

static void
add_item (ResumeData *data,
          gint64 bill_id,
          const char *operation,
          const char *key,
          RemitResumeOutcome outcome,
          const char *detail)
{
  RemitResumeItem *item = g_new0 (RemitResumeItem, 1);

  item->bill_id = bill_id;
  item->operation = g_strdup (operation);
  item->idempotency_key = g_strdup (key);
  item->outcome = outcome;
  item->detail = g_strdup (detail);
  g_ptr_array_add (data->items, item);
}

static void run_next (GTask *task);

static void
work_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ResumeData *data = g_task_get_task_data (task);
  WorkItem *work = data->work->pdata[data->next - 1];
  RemitBillOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  const char *operation;
  const char *key = NULL;

  bill = g_task_propagate_pointer (G_TASK (result), &error);
  if (work->kind == WORK_IMPORT)
    operation = op->entry != NULL ? "upload" : "import";
  else if (work->kind == WORK_FEEDBACK)
    operation = "feedback";
  else
    operation = remit_journal_kind_to_string (remit_journal_entry_get_kind (work->entry));
  if (op->entry != NULL)
    key = remit_journal_entry_get_idempotency_key (op->entry);

  if (error != NULL && op->outcome == REMIT_RESUME_OUTCOME_SENT)
    op->outcome = REMIT_RESUME_OUTCOME_DEFERRED;
  add_item (data, work->bill_id, operation, key, op->outcome,
            op->detail != NULL ? op->detail : error != NULL ? error->message : NULL);
  if (error != NULL)
    g_debug ("Resuming %s of bill %" G_GINT64_FORMAT ": %s", operation, work->bill_id,
             error->message);

  run_next (task);
}

static void
run_entry (GTask *task, GTask *sub, WorkItem *work)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (sub);

  op->entry = g_object_ref (work->entry);

  /* An entry whose bill is gone cannot be finished. */
  if (work->bill_id <= 0)
    {
      const char *message = _("The operation belongs to no bill");

      remit_journal_fail (remit_bill_service_get_journal (self), work->entry, message, NULL);
      remit_bill_service_op_return_error (
        sub, g_error_new_literal (REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND, message),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  if (!remit_bill_service_op_reload (sub))
    return;

  switch (remit_journal_entry_get_kind (work->entry))
    {
    case REMIT_JOURNAL_KIND_UPLOAD:
      remit_bill_service_upload_start (sub);
      break;
    case REMIT_JOURNAL_KIND_FEEDBACK:
      remit_bill_service_feedback_start (sub);
      break;
    case REMIT_JOURNAL_KIND_DELETE_LABEL:
      remit_bill_service_delete_label_start (sub);
      break;
    case REMIT_JOURNAL_KIND_DELETE_DOCUMENT:
      remit_bill_service_delete_document_start (sub);
      break;
    case REMIT_JOURNAL_KIND_PAYMENT_REQUEST:
    default:
      remit_bill_service_payment_start (sub);
      break;
    }
}

static void
feedback_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *sub = user_data;
  RemitBillOp *op = remit_bill_service_op (sub);
  RemitBillOp *inner = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr (RemitBill) bill = NULL;

  bill = remit_bill_service_send_feedback_finish (REMIT_BILL_SERVICE (source), result, &error);
  g_set_object (&op->entry, inner->entry);
  if (bill == NULL)
    {
      remit_bill_service_op_return_error (sub, error, inner->outcome);
      return;
    }
  op->outcome = inner->outcome;
  op->detail = g_strdup (inner->detail);
  g_set_object (&op->bill, bill);
  remit_bill_service_op_return_bill (sub);
}

static void
run_next (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  ResumeData *data = g_task_get_task_data (task);
  WorkItem *work;
  GTask *sub;
  RemitBillOp *op;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (data->next >= data->work->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->items),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  work = data->work->pdata[data->next++];
  if (work->kind == WORK_SKIP)
    {
      add_item (data, work->bill_id,
                remit_journal_kind_to_string (remit_journal_entry_get_kind (work->entry)),
                remit_journal_entry_get_idempotency_key (work->entry),
                REMIT_RESUME_OUTCOME_SKIPPED, remit_journal_entry_get_backend (work->entry));
      run_next (task);
      return;
    }

  sub = remit_bill_service_op_task (self, run_next, g_task_get_cancellable (task), work_done_cb,
                                    task);
  op = remit_bill_service_op (sub);
  op->bill_id = work->bill_id;

  switch (work->kind)
    {
    case WORK_ENTRY:
      run_entry (task, sub, work);
      break;
    case WORK_IMPORT:
      if (!remit_bill_service_op_reload (sub))
        break;
      if (remit_bill_get_document_id (op->bill) != NULL)
        remit_bill_service_import_continue (sub);
      else
        remit_bill_service_upload_start (sub);
      break;
    case WORK_FEEDBACK:
    default:
      remit_bill_service_send_feedback_async (self, work->bill_id,
                                              g_task_get_cancellable (task), feedback_done_cb,
                                              sub);
      break;
    }
}

/* What the journal entries leave: bills of this backend that are New (import) or whose
 * feedback is pending (feedback), when no unfinished entry of theirs does that already. */
static gboolean
plan_leftovers (RemitBillService *self,
                ResumeData *data,
                GHashTable *uploading,
                GHashTable *sending,
                GError **error)
{
  RemitBillQuery query = { 0 };
  g_autoptr (GListModel) bills = NULL;
  const char *name = remit_bill_service_get_backend_name (self);

  query.states = ~REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_ARCHIVED)
                 & (REMIT_BILL_STATE_BIT (REMIT_BILL_N_STATES) - 1);
  bills = remit_ledger_list_bills (remit_bill_service_get_ledger (self), &query, error);
  if (bills == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (bills, i);
      gint64 id = remit_bill_get_id (bill);

      if (g_strcmp0 (remit_bill_get_backend (bill), name) != 0)
        continue;
      if (remit_bill_get_state (bill) == REMIT_BILL_STATE_NEW)
        {
          if (!g_hash_table_contains (uploading, &id))
            add_work (data, WORK_IMPORT, NULL, id);
        }
      else if (remit_bill_get_feedback_state (bill) == REMIT_FEEDBACK_STATE_PENDING
               && remit_bill_get_document_id (bill) != NULL
               && remit_bill_get_reviewed (bill) != NULL
               && !g_hash_table_contains (sending, &id))
        add_work (data, WORK_FEEDBACK, NULL, id);
    }
  return TRUE;
}

/**
 * remit_bill_service_resume_async:
 * @self: a service
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Finishes, one after the other, every unfinished journal entry of the service's backend,
 * with the entry's stored `Idempotency-Key`; an entry that was sent is first looked up on
 * the server, so that a server that ignores keys does not create twice. Then bills of this
 * backend that a crash left New are imported to the end, and pending feedback without an
 * entry is sent. Entries of other backends are reported as skipped. Call it on start and
 * when the network returns.
 */
void
remit_bill_service_resume_async (RemitBillService *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task;
  ResumeData *data;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GHashTable) uploading = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) sending = g_hash_table_new (g_int64_hash, g_int64_equal);
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_bill_service_resume_async);
  data = g_new0 (ResumeData, 1);
  data->work = g_ptr_array_new_with_free_func ((GDestroyNotify) work_item_free);
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_resume_item_free);
  g_task_set_task_data (task, data, (GDestroyNotify) resume_data_free);

  pending = remit_journal_list_pending (remit_bill_service_get_journal (self), &error);
  if (pending == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      RemitJournalEntry *entry = pending->pdata[i];
      RemitJournalKind kind = remit_journal_entry_get_kind (entry);
      gint64 bill_id = remit_journal_entry_get_bill_id (entry);

      if (g_strcmp0 (remit_journal_entry_get_backend (entry),
                     remit_bill_service_get_backend_name (self))
          != 0)
        {
          add_work (data, WORK_SKIP, entry, bill_id);
          continue;
        }
      add_work (data, WORK_ENTRY, entry, bill_id);
      if (kind == REMIT_JOURNAL_KIND_UPLOAD)
        g_hash_table_add (uploading, &((WorkItem *) g_ptr_array_index (data->work,
                                                                        data->work->len - 1))
                                         ->bill_id);
      else if (kind == REMIT_JOURNAL_KIND_FEEDBACK)
        g_hash_table_add (sending, &((WorkItem *) g_ptr_array_index (data->work,
                                                                      data->work->len - 1))
                                       ->bill_id);
    }

  if (!plan_leftovers (self, data, uploading, sending, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  run_next (task);
}

/**
 * remit_bill_service_resume_finish:
 *
 * Returns: (transfer full) (element-type RemitResumeItem) (nullable): what was done with
 *   each unfinished operation, in order, or %NULL with @error set when the journal could
 *   not be read. Operations that could not be finished are reported as deferred, not as
 *   an error.
 */
GPtrArray *
remit_bill_service_resume_finish (RemitBillService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, remit_bill_service_resume_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
