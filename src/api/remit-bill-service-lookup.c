/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-service"

#include "config.h"

#include "remit-api-client-private.h"
#include "remit-bill-service-private.h"

/*
 * Looking up, on a remote server, what an operation that was sent may have created before
 * its answer was lost. A server that honours `Idempotency-Key` would answer a second send
 * with the first result anyway; these look-ups are for a server that ignores the key, and
 * they run before anything is sent again. remit-server does not echo the key in what it
 * lists, so the match is made on what the request carried:
 *
 * - a document (upload): in the newest 50 of `GET /documents`, one whose `name` is the
 *   bill's file name, whose `creationDate` is no earlier than the journal entry (less
 *   REMIT_BILL_SERVICE_CLOCK_SLACK_USEC), that no other bill of the ledger holds, and whose
 *   `processed` file has the SHA-256 of the bill's file;
 * - a payment request: in `GET /paymentRequests` (newest first), one with the same IBAN,
 *   amount and purpose as the entry's request (the ledger's payment key: purpose
 *   case-folded, spaces collapsed), the same `paymentProvider`, the same source document
 *   when both name one, a `createdAt` no earlier than the entry (less the slack), and whose
 *   id no payment attempt of this bill or of a bill it duplicates holds; the oldest such;
 * - feedback and label deletions: in the document's feedback log
 *   (`GET /documents/{id}/extractions/feedback`, which remit-server offers), a body equal
 *   (as JSON) to the entry's in `feedback`, or a deletion of the entry's label in
 *   `deletedLabels`, received no earlier than the entry (less the slack).
 *
 * A list the server does not offer (404, 405, …) counts as nothing found, and the operation
 * is sent again with its key.
 */

/* How many of the newest documents are searched. */
#define DOCUMENT_LOOKUP_LIMIT 50

/* Whether a failed look-up means that the server offers no such list (go on and send)
 * rather than that it cannot be asked now (try later). */
static gboolean
lookup_unsupported (const GError *error)
{
  return g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND)
         || g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE)
         || g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_MALFORMED);
}

static gint64
earliest_usec (RemitJournalEntry *entry)
{
  return remit_journal_entry_get_created_usec (entry) - REMIT_BILL_SERVICE_CLOCK_SLACK_USEC;
}

/* Documents ------------------------------------------------------------------------------- */

typedef struct
{
  RemitBill *bill;
  RemitJournalEntry *entry;
  GPtrArray *candidates;  /* document ids */
  guint next;
} DocumentLookup;

static void
document_lookup_free (DocumentLookup *lookup)
{
  g_clear_object (&lookup->bill);
  g_clear_object (&lookup->entry);
  g_clear_pointer (&lookup->candidates, g_ptr_array_unref);
  g_free (lookup);
}

/* Whether another bill of the ledger holds @document_id. */
static gboolean
document_is_claimed (RemitBillService *self, RemitBill *bill, const char *document_id)
{
  RemitBillQuery query = { 0 };
  g_autoptr (GListModel) bills = NULL;

  query.text = remit_bill_get_filename (bill);
  bills = remit_ledger_list_bills (remit_bill_service_get_ledger (self), &query, NULL);
  for (guint i = 0; bills != NULL && i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr (RemitBill) other = g_list_model_get_item (bills, i);

      if (remit_bill_get_id (other) != remit_bill_get_id (bill)
          && g_strcmp0 (remit_bill_get_document_id (other), document_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void check_next_document (GTask *task);

static void
processed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DocumentLookup *lookup = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  const char *id = lookup->candidates->pdata[lookup->next - 1];

  bytes = remit_api_client_get_processed_finish (REMIT_API_CLIENT (source), result, NULL,
                                                 &error);
  if (bytes == NULL)
    {
      if (!lookup_unsupported (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("The processed file of %s cannot be compared: %s", id, error->message);
      check_next_document (g_steal_pointer (&task));
      return;
    }

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sha256, remit_bill_get_sha256 (lookup->bill)) == 0)
    {
      g_task_return_pointer (task, g_strdup (id), g_free);
      return;
    }
  check_next_document (g_steal_pointer (&task));
}

static void
check_next_document (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  DocumentLookup *lookup = g_task_get_task_data (task);

  if (lookup->next >= lookup->candidates->len)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  remit_api_client_get_processed_async (remit_bill_service_get_client (self),
                                        lookup->candidates->pdata[lookup->next++],
                                        g_task_get_cancellable (task), processed_cb, task);
}

static void
documents_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  DocumentLookup *lookup = g_task_get_task_data (task);
  g_autoptr (GPtrArray) documents = NULL;
  GError *error = NULL;
  gint64 earliest_ms = earliest_usec (lookup->entry) / 1000;

  documents = remit_api_client_list_documents_finish (REMIT_API_CLIENT (source), result, &error);
  if (documents == NULL)
    {
      if (lookup_unsupported (error))
        {
          g_debug ("No document list to look in: %s", error->message);
          g_clear_error (&error);
          g_task_return_pointer (task, NULL, NULL);
        }
      else
        g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  lookup->candidates = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < documents->len; i++)
    {
      RemitDocument *document = documents->pdata[i];
      const char *id = remit_document_get_id (document);

      if (g_strcmp0 (remit_document_get_name (document), remit_bill_get_filename (lookup->bill))
            != 0
          || remit_document_get_creation_date (document) < earliest_ms
          || document_is_claimed (self, lookup->bill, id))
        continue;
      g_ptr_array_add (lookup->candidates, g_strdup (id));
    }
  check_next_document (task);
}

void
remit_bill_service_find_document_async (RemitBillService *self,
                                        RemitBill *bill,
                                        RemitJournalEntry *entry,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RemitApiClient *client = remit_bill_service_get_client (self);
  DocumentLookup *lookup = g_new0 (DocumentLookup, 1);

  g_task_set_source_tag (task, remit_bill_service_find_document_async);
  lookup->bill = g_object_ref (bill);
  lookup->entry = g_object_ref (entry);
  g_task_set_task_data (task, lookup, (GDestroyNotify) document_lookup_free);

  if (client == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  remit_api_client_list_documents_async (client, DOCUMENT_LOOKUP_LIMIT, 0, cancellable,
                                         documents_listed_cb, task);
}

/* Returns: (transfer full) (nullable): the id of the document found */
char *
remit_bill_service_find_document_finish (RemitBillService *self,
                                         GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Payment requests ------------------------------------------------------------------------ */

typedef struct
{
  RemitBill *bill;
  RemitJournalEntry *entry;
} RequestLookup;

static void
request_lookup_free (RequestLookup *lookup)
{
  g_clear_object (&lookup->bill);
  g_clear_object (&lookup->entry);
  g_free (lookup);
}

/* The ledger's duplicate key of a request: IBAN, amount and normalised purpose. */
static char *
request_payment_key (RemitPaymentRequest *request)
{
  g_autoptr (RemitBill) scratch = remit_bill_new ();

  remit_bill_set_iban (scratch, remit_payment_request_get_iban (request));
  remit_bill_set_amount (scratch, remit_payment_request_get_amount (request));
  remit_bill_set_purpose (scratch, remit_payment_request_get_purpose (request));
  return remit_bill_dup_payment_key (scratch);
}

static char *
location_id (RemitPaymentRequest *request)
{
  const char *location = remit_payment_request_get_source_document_location (request);

  return location != NULL ? remit_id_from_location (location) : NULL;
}

/* The remote ids the ledger already gives to a payment attempt of @bill (other than the one
 * with @key) or of a bill that @bill duplicates: a request for one of those is not ours. */
static GHashTable *
claimed_request_ids (RemitBillService *self, RemitBill *bill, const char *key)
{
  RemitLedger *ledger = remit_bill_service_get_ledger (self);
  GHashTable *claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GListModel) duplicates = remit_ledger_find_duplicates (ledger, bill, NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = remit_bill_get_id (bill);

  g_array_append_val (ids, id);
  for (guint i = 0; duplicates != NULL && i < g_list_model_get_n_items (duplicates); i++)
    {
      g_autoptr (RemitBill) other = g_list_model_get_item (duplicates, i);

      id = remit_bill_get_id (other);
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GPtrArray) attempts =
        remit_ledger_list_payment_attempts (ledger, g_array_index (ids, gint64, i), NULL);

      for (guint j = 0; attempts != NULL && j < attempts->len; j++)
        {
          RemitPaymentAttempt *attempt = attempts->pdata[j];

          if (attempt->remote_id != NULL && g_strcmp0 (attempt->idempotency_key, key) != 0)
            g_hash_table_add (claimed, g_strdup (attempt->remote_id));
        }
    }
  return claimed;
}

static void
requests_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RequestLookup *lookup = g_task_get_task_data (task);
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (RemitPaymentRequest) expected = NULL;
  g_autoptr (GHashTable) claimed = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *expected_key = NULL;
  g_autofree char *expected_document = NULL;
  RemitPaymentRequest *match = NULL;
  GError *error = NULL;
  gint64 earliest = earliest_usec (lookup->entry);

  requests = remit_api_client_list_payment_requests_finish (REMIT_API_CLIENT (source), result,
                                                            &error);
  if (requests == NULL)
    {
      if (lookup_unsupported (error))
        {
          g_debug ("No payment request list to look in: %s", error->message);
          g_clear_error (&error);
          g_task_return_pointer (task, NULL, NULL);
        }
      else
        g_task_return_error (task, error);
      return;
    }

  if (json_parser_load_from_data (parser, remit_journal_entry_get_payload (lookup->entry), -1,
                                  NULL))
    expected = remit_payment_request_new_from_create_json (json_parser_get_root (parser), NULL);
  if (expected == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  expected_key = request_payment_key (expected);
  expected_document = location_id (expected);
  claimed = claimed_request_ids (self, lookup->bill,
                                 remit_journal_entry_get_idempotency_key (lookup->entry));

  /* Newest first: the last match is the oldest. */
  for (guint i = 0; i < requests->len; i++)
    {
      RemitPaymentRequest *request = requests->pdata[i];
      g_autofree char *key = request_payment_key (request);
      g_autofree char *document = location_id (request);
      GDateTime *created = remit_payment_request_get_created_at (request);
      const char *id = remit_payment_request_get_id (request);

      if (id == NULL || g_strcmp0 (key, expected_key) != 0
          || g_strcmp0 (remit_payment_request_get_payment_provider (request),
                        remit_payment_request_get_payment_provider (expected))
               != 0
          || (expected_document != NULL && document != NULL
              && g_strcmp0 (document, expected_document) != 0)
          || (created != NULL && g_date_time_to_unix (created) * G_USEC_PER_SEC < earliest)
          || g_hash_table_contains (claimed, id))
        continue;
      match = request;
    }

  g_task_return_pointer (task, match != NULL ? g_object_ref (match) : NULL, g_object_unref);
}

void
remit_bill_service_find_payment_request_async (RemitBillService *self,
                                               RemitBill *bill,
                                               RemitJournalEntry *entry,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RemitApiClient *client = remit_bill_service_get_client (self);
  RequestLookup *lookup = g_new0 (RequestLookup, 1);

  g_task_set_source_tag (task, remit_bill_service_find_payment_request_async);
  lookup->bill = g_object_ref (bill);
  lookup->entry = g_object_ref (entry);
  g_task_set_task_data (task, lookup, (GDestroyNotify) request_lookup_free);

  if (client == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  remit_api_client_list_payment_requests_async (client, cancellable, requests_listed_cb, task);
}

/* Returns: (transfer full) (nullable): the request found */
RemitPaymentRequest *
remit_bill_service_find_payment_request_finish (RemitBillService *self,
                                                GAsyncResult *result,
                                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Feedback -------------------------------------------------------------------------------- */

static gboolean
log_entry_matches (JsonObject *item, JsonObject *payload, gint64 earliest_ms)
{
  JsonNode *received = json_object_get_member (item, "receivedAt");
  JsonNode *label = json_object_get_member (item, "label");
  JsonNode *body = json_object_get_member (item, "body");
  JsonNode *wanted_label = json_object_get_member (payload, "label");
  JsonNode *wanted_body = json_object_get_member (payload, "feedback");

  if (received == NULL || !JSON_NODE_HOLDS_VALUE (received)
      || json_node_get_int (received) < earliest_ms)
    return FALSE;

  if (wanted_label != NULL)
    return label != NULL && JSON_NODE_HOLDS_VALUE (label) && JSON_NODE_HOLDS_VALUE (wanted_label)
           && g_strcmp0 (json_node_get_string (label), json_node_get_string (wanted_label)) == 0;
  return wanted_body != NULL && body != NULL && json_node_equal (body, wanted_body);
}

static void
feedback_log_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitJournalEntry *entry = g_task_get_task_data (task);
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  JsonObject *payload;
  JsonNode *list;
  gint64 earliest_ms = earliest_usec (entry) / 1000;

  response = remit_api_client_send_finish (REMIT_API_CLIENT (source), result, &error);
  if (response != NULL)
    root = remit_api_response_get_json (response, &error);
  if (root == NULL)
    {
      if (lookup_unsupported (error))
        {
          g_debug ("No feedback log to look in: %s", error->message);
          g_clear_error (&error);
          g_task_return_int (task, FALSE);
        }
      else
        g_task_return_error (task, error);
      return;
    }

  if (!json_parser_load_from_data (parser, remit_journal_entry_get_payload (entry), -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_int (task, FALSE);
      return;
    }
  payload = json_node_get_object (json_parser_get_root (parser));

  /* Bodies are listed under "feedback", deletions under "deletedLabels". */
  list = JSON_NODE_HOLDS_OBJECT (root)
           ? json_object_get_member (json_node_get_object (root),
                                     json_object_has_member (payload, "label") ? "deletedLabels"
                                                                               : "feedback")
           : NULL;
  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *items = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);

          if (JSON_NODE_HOLDS_OBJECT (item)
              && log_entry_matches (json_node_get_object (item), payload, earliest_ms))
            {
              g_task_return_int (task, TRUE);
              return;
            }
        }
    }
  g_task_return_int (task, FALSE);
}

void
remit_bill_service_find_feedback_async (RemitBillService *self,
                                        RemitJournalEntry *entry,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RemitApiClient *client = remit_bill_service_get_client (self);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *document_id = NULL;

  g_task_set_source_tag (task, remit_bill_service_find_feedback_async);
  g_task_set_task_data (task, g_object_ref (entry), g_object_unref);

  if (json_parser_load_from_data (parser, remit_journal_entry_get_payload (entry), -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *payload = json_node_get_object (json_parser_get_root (parser));
      JsonNode *node = json_object_get_member (payload, "documentId");

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        document_id = json_node_get_string (node);
    }

  if (client == NULL || document_id == NULL)
    {
      g_task_return_int (task, FALSE);
      g_object_unref (task);
      return;
    }

  escaped = remit_api_escape (document_id);
  path = g_strdup_printf ("/documents/%s/extractions/feedback", escaped);
  remit_api_client_send_async (client, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
                               cancellable, feedback_log_cb, task);
}

gboolean
remit_bill_service_find_feedback_finish (RemitBillService *self,
                                         GAsyncResult *result,
                                         gboolean *found,
                                         GError **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *found = value != 0;
  return TRUE;
}
