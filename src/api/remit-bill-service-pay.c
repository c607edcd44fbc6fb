/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-service"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-api-error.h"
#include "remit-bill-service-private.h"
#include "remit-core-error.h"
#include "remit-epc.h"
#include "remit-sepa.h"

/* The rails: a payment request to a banking app (gini), a GiroCode (epc), a SEPA file
 * (sepa) and marking paid by hand (manual). */

/* Whether @bill may start a payment; sets a message saying why not. */
static gboolean
check_payable (RemitBill *bill, GError **error)
{
  RemitBillState state = remit_bill_get_state (bill);
  long long id = (long long) remit_bill_get_id (bill);

  switch (state)
    {
    case REMIT_BILL_STATE_READY_TO_PAY:
    case REMIT_BILL_STATE_FAILED:
      break;
    case REMIT_BILL_STATE_NEW:
    case REMIT_BILL_STATE_IN_REVIEW:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
                   _("Bill %lld is not reviewed yet: confirm its IBAN and amount first"), id);
      return FALSE;
    case REMIT_BILL_STATE_PAYMENT_REQUESTED:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
                   _("Bill %lld already has a payment under way; refresh it or mark it paid"),
                   id);
      return FALSE;
    case REMIT_BILL_STATE_PAID:
    case REMIT_BILL_STATE_ARCHIVED:
    default:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
                   _("Bill %lld is “%s”: it is not paid again"), id,
                   remit_bill_state_get_label (state));
      return FALSE;
    }

  if (remit_bill_get_iban (bill) == NULL || remit_bill_get_amount (bill) == NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("Bill %lld has no IBAN or amount yet; review it first"), id);
      return FALSE;
    }
  return TRUE;
}

/* Moves @bill to Payment requested (through Ready to pay from Failed); other states stay. */
static gboolean
move_to_requested (RemitLedger *ledger, RemitBill *bill, const char *note, GError **error)
{
  if (remit_bill_get_state (bill) == REMIT_BILL_STATE_FAILED
      && !remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_READY_TO_PAY, note, error))
    return FALSE;
  if (remit_bill_get_state (bill) == REMIT_BILL_STATE_READY_TO_PAY)
    return remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_PAYMENT_REQUESTED, note, error);
  return TRUE;
}

/* Payment requests ------------------------------------------------------------------------ */

static void payment_send (GTask *task);

static RemitPaymentRequest *
payload_request (RemitJournalEntry *entry, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *payload = remit_journal_entry_get_payload (entry);

  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                             _("The journal entry holds no payment request"));
      return NULL;
    }
  return remit_payment_request_new_from_create_json (json_parser_get_root (parser), error);
}

static void
payment_record (GTask *task, RemitPaymentRequest *request)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  RemitLedger *ledger = remit_bill_service_get_ledger (self);
  const char *remote_id = remit_payment_request_get_id (request);
  g_autofree char *note = NULL;
  g_autofree char *result = NULL;
  GError *error = NULL;

  if (remote_id == NULL)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new_literal (REMIT_API_ERROR, REMIT_API_ERROR_MALFORMED,
                             _("The server did not say which payment request it created")),
        REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  /* The ledger first, then the journal. */
  if (!remit_ledger_update_payment_attempt (ledger, op->attempt_id, REMIT_PAYMENT_STATUS_OPEN,
                                            remote_id, NULL, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (!remit_bill_service_op_reload (task))
    return;
  note = g_strdup_printf ("gini %s", remote_id);
  if (!move_to_requested (ledger, op->bill, note, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  {
    g_autoptr (JsonBuilder) builder = json_builder_new ();
    g_autoptr (JsonNode) node = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "id");
    json_builder_add_string_value (builder, remote_id);
    json_builder_end_object (builder);
    node = json_builder_get_root (builder);
    result = json_to_string (node, FALSE);
  }
  if (!remit_journal_complete (remit_bill_service_get_journal (self), op->entry, result, &error))
    {
      g_warning ("The payment request entry stays unfinished: %s", error->message);
      g_clear_error (&error);
    }
  remit_bill_service_op_return_bill (task);
}

static void
found_request_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitPaymentRequest) request = NULL;
  GError *error = NULL;

  request = remit_bill_service_find_payment_request_finish (REMIT_BILL_SERVICE (source), result,
                                                            &error);
  if (error != NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (request == NULL)
    {
      payment_send (task);
      return;
    }

  op->outcome = REMIT_RESUME_OUTCOME_FOUND;
  op->detail = g_strdup_printf ("payment request %s matched by IBAN, amount, purpose, provider, "
                                "document and time",
                                remit_payment_request_get_id (request));
  payment_record (task, request);
}

/* The attempt that records op->entry, found by its key or added. */
static gboolean
ensure_attempt (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  RemitLedger *ledger = remit_bill_service_get_ledger (self);
  const char *key = remit_journal_entry_get_idempotency_key (op->entry);
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (RemitPaymentRequest) request = NULL;
  GError *error = NULL;

  attempts = remit_ledger_list_payment_attempts (ledger, op->bill_id, &error);
  if (attempts == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return FALSE;
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      RemitPaymentAttempt *attempt = attempts->pdata[i];

      if (g_strcmp0 (attempt->idempotency_key, key) == 0)
        {
          op->attempt_id = attempt->id;
          return TRUE;
        }
    }

  request = payload_request (op->entry, NULL);
  op->attempt_id = remit_ledger_add_payment_attempt (
    ledger, op->bill_id, REMIT_PAYMENT_RAIL_GINI,
    request != NULL ? remit_payment_request_get_payment_provider (request) : op->provider_id,
    key, &error);
  if (op->attempt_id == 0)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return FALSE;
    }
  return TRUE;
}

/* Sends op->entry (a payment request) with its key, after looking on the server for a
 * request it may have created already when the entry was sent before. */
void
remit_bill_service_payment_start (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);

  if (!ensure_attempt (task))
    return;

  if (remit_journal_entry_get_state (op->entry) == REMIT_JOURNAL_STATE_SENT && !op->looked_up
      && remit_bill_service_get_client (self) != NULL)
    {
      op->looked_up = TRUE;
      remit_bill_service_find_payment_request_async (self, op->bill, op->entry,
                                                     g_task_get_cancellable (task),
                                                     found_request_cb, task);
      return;
    }
  payment_send (task);
}

static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitPaymentRequest) created = NULL;
  GError *error = NULL;

  created = remit_backend_create_payment_request_finish (REMIT_BACKEND (source), result, &error);
  if (created == NULL)
    {
      if (remit_bill_service_is_refusal (error))
        {
          g_autoptr (GError) local_error = NULL;

          if (!remit_journal_fail (remit_bill_service_get_journal (self), op->entry,
                                   error->message, &local_error)
              || !remit_ledger_update_payment_attempt (remit_bill_service_get_ledger (self),
                                                       op->attempt_id,
                                                       REMIT_PAYMENT_STATUS_FAILED, NULL,
                                                       error->message, &local_error))
            g_warning ("The refused payment request is not recorded: %s",
                       local_error->message);
          remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
          return;
        }
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  remit_bill_service_checkpoint ("payment-request-answered");
  payment_record (task, created);
}

static void
payment_send (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitPaymentRequest) request = NULL;
  GError *error = NULL;

  request = payload_request (op->entry, &error);
  if (request == NULL)
    {
      remit_journal_fail (remit_bill_service_get_journal (self), op->entry, error->message,
                          NULL);
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  /* Durable before the first byte leaves. */
  if (!remit_journal_mark_sent (remit_bill_service_get_journal (self), op->entry, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("payment-request-sent");
  remit_backend_create_payment_request_async (remit_bill_service_get_backend (self), request,
                                              remit_journal_entry_get_idempotency_key (op->entry),
                                              g_task_get_cancellable (task), created_cb, task);
}

/**
 * remit_bill_service_request_payment_async:
 * @self: a service whose backend makes payment requests
 * @bill_id: a bill Ready to pay (or Failed)
 * @provider_id: the banking app (remit_backend_list_providers_async())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the bill
 * @user_data: data for @callback
 *
 * Creates a payment request for the bill's IBAN, amount, purpose and recipient: a journal
 * entry with its key, a payment attempt carrying that key, the request sent with it, then
 * the attempt gets the request's id and the bill moves to Payment requested. If the bill
 * already has an unfinished payment request, that one is resumed instead of creating
 * another.
 */
void
remit_bill_service_request_payment_async (RemitBillService *self,
                                          gint64 bill_id,
                                          const char *provider_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  GTask *task;
  RemitBillOp *op;
  RemitApiClient *client;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *payload = NULL;
  const char *purpose;
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));
  g_return_if_fail (provider_id != NULL);

  task = remit_bill_service_op_task (self, remit_bill_service_request_payment_async,
                                     cancellable, callback, user_data);
  op = remit_bill_service_op (task);
  op->bill_id = bill_id;
  op->provider_id = g_strdup (provider_id);
  if (!remit_bill_service_op_reload (task))
    return;

  if ((remit_backend_get_capabilities (remit_bill_service_get_backend (self))
       & REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS)
      == 0)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Payment requests to banking apps need an account with an "
                               "extraction service; use a GiroCode or a SEPA file instead")),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  /* One unfinished request per bill: that one is resumed. */
  op->entry = remit_bill_service_find_unfinished (self, REMIT_JOURNAL_KIND_PAYMENT_REQUEST,
                                                  bill_id, &error);
  if (error != NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (op->entry != NULL)
    {
      remit_bill_service_payment_start (task);
      return;
    }

  if (!check_payable (op->bill, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  request = remit_payment_request_new ();
  remit_payment_request_set_iban (request, remit_bill_get_iban (op->bill));
  remit_payment_request_set_bic (request, remit_bill_get_bic (op->bill));
  remit_payment_request_set_recipient (request, remit_bill_get_recipient (op->bill));
  remit_payment_request_set_amount (request, remit_bill_get_amount (op->bill));
  purpose = remit_bill_get_purpose (op->bill);
  remit_payment_request_set_purpose (request, purpose != NULL ? purpose : "");
  remit_payment_request_set_payment_provider (request, provider_id);
  client = remit_bill_service_get_client (self);
  if (client != NULL && remit_bill_get_document_id (op->bill) != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (remit_bill_get_document_id (op->bill),
                                                      NULL, FALSE);
      g_autofree char *location = g_strconcat (remit_api_client_get_pay_api_url (client),
                                               "/documents/", escaped, NULL);

      remit_payment_request_set_source_document_location (request, location);
    }

  body = remit_payment_request_to_create_json (request, &error);
  if (body == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  payload = json_to_string (body, FALSE);

  op->entry = remit_journal_begin (remit_bill_service_get_journal (self),
                                   REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill_id,
                                   remit_bill_service_get_backend_name (self), payload, &error);
  if (op->entry == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("payment-request-pending");
  remit_bill_service_payment_start (task);
}

/**
 * remit_bill_service_request_payment_finish:
 *
 * Returns: (transfer full) (nullable): the bill, Payment requested, or %NULL with @error
 *   set. An error that a retry may mend (no network) leaves the request in the journal for
 *   remit_bill_service_resume_async().
 */
RemitBill *
remit_bill_service_request_payment_finish (RemitBillService *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_async_result_is_tagged (result, remit_bill_service_request_payment_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Refresh --------------------------------------------------------------------------------- */

static void
refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  RemitLedger *ledger = remit_bill_service_get_ledger (self);
  g_autoptr (RemitPaymentRequest) request = NULL;
  GError *error = NULL;

  request = remit_backend_get_payment_request_finish (REMIT_BACKEND (source), result, &error);
  if (request == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  switch (remit_payment_request_get_status (request))
    {
    case REMIT_PAYMENT_REQUEST_STATUS_PAID:
      if (!remit_ledger_update_payment_attempt (ledger, op->attempt_id,
                                                REMIT_PAYMENT_STATUS_PAID, NULL, NULL, &error)
          || !remit_bill_service_op_reload (task))
        break;
      if (remit_bill_state_can_move (remit_bill_get_state (op->bill), REMIT_BILL_STATE_PAID))
        remit_ledger_move_bill (ledger, op->bill, REMIT_BILL_STATE_PAID, "gini paid", &error);
      break;
    case REMIT_PAYMENT_REQUEST_STATUS_INVALID:
      if (!remit_ledger_update_payment_attempt (ledger, op->attempt_id,
                                                REMIT_PAYMENT_STATUS_FAILED, NULL,
                                                "the payment request became invalid", &error)
          || !remit_bill_service_op_reload (task))
        break;
      if (remit_bill_get_state (op->bill) == REMIT_BILL_STATE_PAYMENT_REQUESTED)
        remit_ledger_move_bill (ledger, op->bill, REMIT_BILL_STATE_FAILED, "gini invalid",
                                &error);
      break;
    case REMIT_PAYMENT_REQUEST_STATUS_OPEN:
    case REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN:
    default:
      break;
    }

  if (error != NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (!remit_bill_service_op_reload (task))
    return;
  remit_bill_service_op_return_bill (task);
}

/**
 * remit_bill_service_refresh_payment_async:
 * @self: a service whose backend makes payment requests
 * @bill_id: a bill with a payment request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the bill
 * @user_data: data for @callback
 *
 * Reads the bill's open payment request again: when the bank paid it, the attempt and the
 * bill become Paid, dated today; when it became invalid, the attempt fails and the bill
 * becomes Failed; while it is open nothing changes.
 */
void
remit_bill_service_refresh_payment_async (RemitBillService *self,
                                          gint64 bill_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  GTask *task;
  RemitBillOp *op;
  g_autoptr (GPtrArray) attempts = NULL;
  const char *remote_id = NULL;
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));

  task = remit_bill_service_op_task (self, remit_bill_service_refresh_payment_async,
                                     cancellable, callback, user_data);
  op = remit_bill_service_op (task);
  op->bill_id = bill_id;
  if (!remit_bill_service_op_reload (task))
    return;

  attempts = remit_ledger_list_payment_attempts (remit_bill_service_get_ledger (self), bill_id,
                                                 &error);
  if (attempts == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  for (guint i = attempts->len; i > 0; i--)
    {
      RemitPaymentAttempt *attempt = attempts->pdata[i - 1];

      if (attempt->rail == REMIT_PAYMENT_RAIL_GINI && attempt->remote_id != NULL
          && attempt->status == REMIT_PAYMENT_STATUS_OPEN)
        {
          op->attempt_id = attempt->id;
          remote_id = attempt->remote_id;
          break;
        }
    }
  if (remote_id == NULL)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("Bill %lld has no open payment request to refresh"),
                     (long long) bill_id),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  remit_backend_get_payment_request_async (remit_bill_service_get_backend (self), remote_id,
                                           cancellable, refreshed_cb, task);
}

/**
 * remit_bill_service_refresh_payment_finish:
 *
 * Returns: (transfer full) (nullable): the bill, or %NULL with @error set
 */
RemitBill *
remit_bill_service_refresh_payment_finish (RemitBillService *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_async_result_is_tagged (result, remit_bill_service_refresh_payment_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GiroCode -------------------------------------------------------------------------------- */

/* Records a payment on a rail that needs no server: an attempt, open, and the move to
 * Payment requested. */
static gboolean
record_offline_attempt (RemitBillService *self,
                        RemitBill *bill,
                        RemitPaymentRail rail,
                        const char *remote_id,
                        GError **error)
{
  RemitLedger *ledger = remit_bill_service_get_ledger (self);
  gint64 attempt;

  attempt = remit_ledger_add_payment_attempt (ledger, remit_bill_get_id (bill), rail, NULL, NULL,
                                              error);
  if (attempt == 0
      || !remit_ledger_update_payment_attempt (ledger, attempt, REMIT_PAYMENT_STATUS_OPEN,
                                               remote_id, NULL, error))
    return FALSE;
  return move_to_requested (ledger, bill, remit_payment_rail_to_string (rail), error);
}

static gboolean
has_open_attempt (RemitLedger *ledger, RemitBill *bill, RemitPaymentRail rail)
{
  g_autoptr (GPtrArray) attempts =
    remit_ledger_list_payment_attempts (ledger, remit_bill_get_id (bill), NULL);

  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      RemitPaymentAttempt *attempt = attempts->pdata[i];

      if (attempt->rail == rail && attempt->status == REMIT_PAYMENT_STATUS_OPEN)
        return TRUE;
    }
  return FALSE;
}

/**
 * remit_bill_service_pay_epc:
 * @self: a service
 * @bill_id: a bill Ready to pay (or Failed), or one whose GiroCode was already made
 * @error: return location for a %REMIT_CORE_ERROR or %REMIT_STORE_ERROR
 *
 * Builds the EPC069-12 GiroCode payload (version 002, UTF-8) from the bill's recipient,
 * IBAN, BIC, amount and purpose (as a structured creditor reference when it is one), and
 * records a payment attempt on the epc rail with the bill moved to Payment requested. Asked
 * again while that attempt is open, it gives the same payload and records nothing new.
 *
 * Returns: (transfer full) (nullable): the payload, lines separated by `\n`
 */
char *
remit_bill_service_pay_epc (RemitBillService *self, gint64 bill_id, GError **error)
{
  RemitLedger *ledger;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitEpcPayload) payload = NULL;
  g_autofree char *text = NULL;
  const char *purpose;
  gboolean again;

  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), NULL);

  ledger = remit_bill_service_get_ledger (self);
  bill = remit_ledger_get_bill (ledger, bill_id, error);
  if (bill == NULL)
    return NULL;

  again = remit_bill_get_state (bill) == REMIT_BILL_STATE_PAYMENT_REQUESTED
          && has_open_attempt (ledger, bill, REMIT_PAYMENT_RAIL_EPC);
  if (!again && !check_payable (bill, error))
    return NULL;

  payload = remit_epc_payload_new ();
  payload->version = 2;
  payload->charset = REMIT_EPC_CHARSET_UTF_8;
  payload->bic = g_strdup (remit_bill_get_bic (bill));
  payload->name = g_strdup (remit_bill_get_recipient (bill));
  payload->iban = g_strdup (remit_bill_get_iban (bill));
  payload->has_amount = TRUE;
  payload->amount = *remit_bill_get_amount (bill);
  purpose = remit_bill_get_purpose (bill);
  if (purpose != NULL && remit_creditor_reference_is_valid (purpose))
    payload->reference = g_strdup (purpose);
  else
    payload->text = g_strdup (purpose);

  text = remit_epc_payload_build (payload, error);
  if (text == NULL)
    return NULL;
  if (!again && !record_offline_attempt (self, bill, REMIT_PAYMENT_RAIL_EPC, NULL, error))
    return NULL;
  return g_steal_pointer (&text);
}

/* SEPA file ------------------------------------------------------------------------------- */

typedef struct
{
  GArray *ids;
  char *xml;
  char *message_id;
} SepaData;

static void
sepa_data_free (SepaData *data)
{
  g_array_unref (data->ids);
  g_free (data->xml);
  g_free (data->message_id);
  g_free (data);
}

/* A file that could not be written pays nothing: the attempts fail, the bills are ready to
 * pay again. */
static void
sepa_undo (RemitBillService *self, SepaData *data, const char *why)
{
  RemitLedger *ledger = remit_bill_service_get_ledger (self);

  for (guint i = 0; i < data->ids->len; i++)
    {
      gint64 id = g_array_index (data->ids, gint64, i);
      g_autoptr (RemitBill) bill = remit_ledger_get_bill (ledger, id, NULL);
      g_autoptr (GPtrArray) attempts = remit_ledger_list_payment_attempts (ledger, id, NULL);

      for (guint j = 0; attempts != NULL && j < attempts->len; j++)
        {
          RemitPaymentAttempt *attempt = attempts->pdata[j];

          if (attempt->rail == REMIT_PAYMENT_RAIL_SEPA
              && attempt->status == REMIT_PAYMENT_STATUS_OPEN
              && g_strcmp0 (attempt->remote_id, data->message_id) == 0)
            remit_ledger_update_payment_attempt (ledger, attempt->id,
                                                 REMIT_PAYMENT_STATUS_FAILED, NULL, why, NULL);
        }
      if (bill != NULL && remit_bill_get_state (bill) == REMIT_BILL_STATE_PAYMENT_REQUESTED)
        remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_READY_TO_PAY, "sepa not written",
                                NULL);
    }
}

static void
sepa_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SepaData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      sepa_undo (g_task_get_source_object (task), data, error->message);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * remit_bill_service_pay_sepa_async:
 * @self: a service
 * @bill_ids: (array length=n_bills): bills Ready to pay (or Failed), each named once
 * @n_bills: how many
 * @debtor_name: the account holder who pays
 * @debtor_iban: the account that pays
 * @debtor_bic: (nullable): its BIC
 * @execution_date: (nullable): the day the bank is to execute the transfers; today if %NULL
 * @out: (nullable): where to write the file; %NULL writes nothing (the caller has the text)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Builds one SEPA credit-transfer file (`pain.001.001.03`) for the bills, one transfer each
 * with the end-to-end id `REMIT-<bill id>`. Before the file is written, each bill gets a
 * payment attempt on the sepa rail whose remote id is the file's message id, and moves to
 * Payment requested, so that a crash can never leave a written file whose bills look
 * unpaid. If the file cannot be written, those attempts fail and the bills are Ready to pay
 * again.
 */
void
remit_bill_service_pay_sepa_async (RemitBillService *self,
                                   const gint64 *bill_ids,
                                   guint n_bills,
                                   const char *debtor_name,
                                   const char *debtor_iban,
                                   const char *debtor_bic,
                                   const GDate *execution_date,
                                   GFile *out,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (RemitSepaCreditTransfer) transfer = NULL;
  g_autoptr (GPtrArray) bills = g_ptr_array_new_with_free_func (g_object_unref);
  RemitLedger *ledger;
  SepaData *data;
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));
  g_return_if_fail (bill_ids != NULL || n_bills == 0);
  g_return_if_fail (debtor_name != NULL && debtor_iban != NULL);

  ledger = remit_bill_service_get_ledger (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_bill_service_pay_sepa_async);
  data = g_new0 (SepaData, 1);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, data, (GDestroyNotify) sepa_data_free);

  if (n_bills == 0)
    {
      g_task_return_new_error (task, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                               _("Name at least one bill to pay"));
      return;
    }

  transfer = remit_sepa_credit_transfer_new (debtor_name, debtor_iban, debtor_bic);
  if (execution_date != NULL)
    remit_sepa_credit_transfer_set_execution_date (transfer, execution_date);

  for (guint i = 0; i < n_bills; i++)
    {
      RemitBill *bill;
      g_autofree char *end_to_end = NULL;

      for (guint j = 0; j < data->ids->len; j++)
        if (g_array_index (data->ids, gint64, j) == bill_ids[i])
          {
            g_task_return_new_error (task, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                                     _("Bill %lld is named twice; it would be paid twice"),
                                     (long long) bill_ids[i]);
            return;
          }
      g_array_append_val (data->ids, bill_ids[i]);

      bill = remit_ledger_get_bill (ledger, bill_ids[i], &error);
      if (bill == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (bills, bill);
      if (!check_payable (bill, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (remit_bill_get_recipient (bill) == NULL)
        {
          g_task_return_new_error (task, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                                   _("Bill %lld has no recipient yet; review it first"),
                                   (long long) bill_ids[i]);
          return;
        }

      end_to_end = g_strdup_printf ("REMIT-%" G_GINT64_FORMAT, bill_ids[i]);
      remit_sepa_credit_transfer_add (transfer, end_to_end, remit_bill_get_recipient (bill),
                                      remit_bill_get_iban (bill), remit_bill_get_bic (bill),
                                      remit_bill_get_amount (bill),
                                      remit_bill_get_purpose (bill));
    }

  data->xml = remit_sepa_credit_transfer_build (transfer, &error);
  if (data->xml == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->message_id = g_strdup (remit_sepa_credit_transfer_get_message_id (transfer));

  /* Recorded before the file exists: a bill can look paid without a file, never unpaid with
   * one. */
  for (guint i = 0; i < bills->len; i++)
    {
      if (!record_offline_attempt (self, bills->pdata[i], REMIT_PAYMENT_RAIL_SEPA,
                                   data->message_id, &error))
        {
          sepa_undo (self, data, error->message);
          g_task_return_error (task, error);
          return;
        }
    }

  if (out == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_file_replace_contents_async (out, data->xml, strlen (data->xml), NULL, FALSE,
                                 G_FILE_CREATE_REPLACE_DESTINATION, cancellable, sepa_written_cb,
                                 g_object_ref (task));
}

/**
 * remit_bill_service_pay_sepa_finish:
 * @message_id: (out) (optional) (transfer full): the file's message id
 *
 * Returns: (transfer full) (nullable): the file's text, or %NULL with @error set
 */
char *
remit_bill_service_pay_sepa_finish (RemitBillService *self,
                                    GAsyncResult *result,
                                    char **message_id,
                                    GError **error)
{
  SepaData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, remit_bill_service_pay_sepa_async),
                        NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (message_id != NULL)
    *message_id = g_strdup (data->message_id);
  return g_strdup (data->xml);
}

/* By hand --------------------------------------------------------------------------------- */

/**
 * remit_bill_service_mark_paid:
 * @self: a service
 * @bill_id: a bill
 * @paid_date: (nullable): the day it was paid, `YYYY-MM-DD`; today if %NULL
 * @error: return location for a %REMIT_STORE_ERROR or %REMIT_CORE_ERROR
 *
 * Records that the bill was paid by hand (see remit_ledger_mark_paid()).
 *
 * Returns: whether the bill is now Paid
 */
gboolean
remit_bill_service_mark_paid (RemitBillService *self,
                              gint64 bill_id,
                              const char *paid_date,
                              GError **error)
{
  g_autoptr (RemitBill) bill = NULL;

  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), FALSE);

  bill = remit_ledger_get_bill (remit_bill_service_get_ledger (self), bill_id, error);
  if (bill == NULL)
    return FALSE;
  return remit_ledger_mark_paid (remit_bill_service_get_ledger (self), bill, paid_date, error);
}
