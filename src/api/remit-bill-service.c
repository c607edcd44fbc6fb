/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-service"

#include "config.h"

#include <signal.h>

#include <glib/gi18n-lib.h>

#include "remit-api-error.h"
#include "remit-bill-service-private.h"
#include "remit-core-error.h"
#include "remit-engine.h"
#include "remit-local-backend.h"
#include "remit-remote-backend.h"

/**
 * RemitBillService:
 *
 * Connects the ledger and its journal (src/store/) with a #RemitBackend: importing a file
 * as a bill, sending the reviewed values as feedback, paying on a rail, and resuming what
 * a crash or a lost network left unfinished.
 *
 * Every remote mutation follows the journal's contract (see remit-journal.h): the entry
 * with its `Idempotency-Key` is on the disk before anything is sent, it is marked sent
 * before the first byte, and the ledger records the answer *before* the entry is completed.
 * So after a crash at any point either the entry is still unfinished (and
 * remit_bill_service_resume_async() finishes it with the same key, looking the result up
 * on the server first where it may have been created), or the ledger already holds the
 * answer.
 *
 * The service uses the ledger from the thread that calls it; the network and the engine
 * run asynchronously and their answers come back to that thread.
 */

struct _RemitBillService
{
  GObject parent_instance;

  RemitLedger *ledger;
  RemitJournal *journal;
  RemitBackend *backend;
  char *backend_name;
};

enum
{
  PROP_0,
  PROP_LEDGER,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RemitBillService, remit_bill_service, G_TYPE_OBJECT)

/* Resume outcome and item */

static const GEnumValue outcome_values[] = {
  { REMIT_RESUME_OUTCOME_SENT, "REMIT_RESUME_OUTCOME_SENT", "sent" },
  { REMIT_RESUME_OUTCOME_FOUND, "REMIT_RESUME_OUTCOME_FOUND", "found" },
  { REMIT_RESUME_OUTCOME_FAILED, "REMIT_RESUME_OUTCOME_FAILED", "failed" },
  { REMIT_RESUME_OUTCOME_DEFERRED, "REMIT_RESUME_OUTCOME_DEFERRED", "deferred" },
  { REMIT_RESUME_OUTCOME_SKIPPED, "REMIT_RESUME_OUTCOME_SKIPPED", "skipped" },
  { 0, NULL, NULL },
};

GType
remit_resume_outcome_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id,
                       g_enum_register_static ("RemitResumeOutcome", outcome_values));
  return type_id;
}

const char *
remit_resume_outcome_to_string (RemitResumeOutcome outcome)
{
  g_return_val_if_fail (outcome <= REMIT_RESUME_OUTCOME_SKIPPED, NULL);
  return outcome_values[outcome].value_nick;
}

RemitResumeItem *
remit_resume_item_copy (const RemitResumeItem *item)
{
  RemitResumeItem *copy = g_new0 (RemitResumeItem, 1);

  copy->bill_id = item->bill_id;
  copy->operation = g_strdup (item->operation);
  copy->idempotency_key = g_strdup (item->idempotency_key);
  copy->outcome = item->outcome;
  copy->detail = g_strdup (item->detail);
  return copy;
}

void
remit_resume_item_free (RemitResumeItem *item)
{
  if (item == NULL)
    return;
  g_free (item->operation);
  g_free (item->idempotency_key);
  g_free (item->detail);
  g_free (item);
}

G_DEFINE_BOXED_TYPE (RemitResumeItem, remit_resume_item, remit_resume_item_copy,
                     remit_resume_item_free)

/* The object */

static void
remit_bill_service_constructed (GObject *object)
{
  RemitBillService *self = REMIT_BILL_SERVICE (object);

  G_OBJECT_CLASS (remit_bill_service_parent_class)->constructed (object);

  self->journal = remit_journal_new (self->ledger);
  self->backend_name = remit_backend_dup_name (self->backend);
}

static void
remit_bill_service_dispose (GObject *object)
{
  RemitBillService *self = REMIT_BILL_SERVICE (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->backend);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (remit_bill_service_parent_class)->dispose (object);
}

static void
remit_bill_service_finalize (GObject *object)
{
  RemitBillService *self = REMIT_BILL_SERVICE (object);

  g_free (self->backend_name);

  G_OBJECT_CLASS (remit_bill_service_parent_class)->finalize (object);
}

static void
remit_bill_service_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  RemitBillService *self = REMIT_BILL_SERVICE (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_service_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  RemitBillService *self = REMIT_BILL_SERVICE (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      self->ledger = g_value_dup_object (value);
      break;
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_service_class_init (RemitBillServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = remit_bill_service_constructed;
  object_class->dispose = remit_bill_service_dispose;
  object_class->finalize = remit_bill_service_finalize;
  object_class->get_property = remit_bill_service_get_property;
  object_class->set_property = remit_bill_service_set_property;

  /**
   * RemitBillService:ledger:
   *
   * The ledger the bills are kept in.
   */
  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, REMIT_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitBillService:backend:
   *
   * Where documents are read and payment requests made.
   */
  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, REMIT_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_bill_service_init (RemitBillService *self)
{
}

/**
 * remit_bill_service_new:
 * @ledger: the ledger
 * @backend: the backend bills are imported on and paid through
 *
 * Returns: (transfer full): a new service
 */
RemitBillService *
remit_bill_service_new (RemitLedger *ledger, RemitBackend *backend)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (REMIT_IS_BACKEND (backend), NULL);

  return g_object_new (REMIT_TYPE_BILL_SERVICE, "ledger", ledger, "backend", backend, NULL);
}

RemitLedger *
remit_bill_service_get_ledger (RemitBillService *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), NULL);
  return self->ledger;
}

RemitJournal *
remit_bill_service_get_journal (RemitBillService *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), NULL);
  return self->journal;
}

RemitBackend *
remit_bill_service_get_backend (RemitBillService *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), NULL);
  return self->backend;
}

/**
 * remit_bill_service_get_backend_name:
 *
 * Returns: the name the service writes as the bills' and journal entries' backend (see
 *   remit_backend_dup_name()); a resume only finishes entries of this backend
 */
const char *
remit_bill_service_get_backend_name (RemitBillService *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), NULL);
  return self->backend_name;
}

/**
 * remit_backend_dup_name:
 * @backend: a backend
 *
 * Returns: (transfer full): `local` for the local engine, the Pay API's base URL for a
 *   remote server
 */
char *
remit_backend_dup_name (RemitBackend *backend)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (backend), NULL);

  if (REMIT_IS_LOCAL_BACKEND (backend))
    return g_strdup ("local");
  if (REMIT_IS_REMOTE_BACKEND (backend))
    {
      RemitApiClient *client = remit_remote_backend_get_client (REMIT_REMOTE_BACKEND (backend));

      return g_strdup (remit_api_client_get_pay_api_url (client));
    }
  return g_strdup (G_OBJECT_TYPE_NAME (backend));
}

/* Operations */

void
remit_bill_op_free (RemitBillOp *op)
{
  g_clear_object (&op->bill);
  g_clear_object (&op->entry);
  g_clear_pointer (&op->content, g_bytes_unref);
  g_free (op->provider_id);
  g_free (op->label);
  g_free (op->detail);
  g_free (op);
}

GTask *
remit_bill_service_op_task (RemitBillService *self,
                            gpointer source_tag,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RemitBillOp *op = g_new0 (RemitBillOp, 1);

  op->outcome = REMIT_RESUME_OUTCOME_SENT;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) remit_bill_op_free);
  return task;
}

RemitBillOp *
remit_bill_service_op (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Ends @task (and drops the caller's reference) with the operation's bill. */
void
remit_bill_service_op_return_bill (GTask *task)
{
  RemitBillOp *op = remit_bill_service_op (task);

  g_task_return_pointer (task, g_object_ref (op->bill), g_object_unref);
  g_object_unref (task);
}

/* Ends @task (and drops the caller's reference) with @error (taken). */
void
remit_bill_service_op_return_error (GTask *task, GError *error, RemitResumeOutcome outcome)
{
  RemitBillOp *op = remit_bill_service_op (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome = REMIT_RESUME_OUTCOME_DEFERRED;
  op->outcome = outcome;
  g_free (op->detail);
  op->detail = g_strdup (error->message);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Reads the operation's bill again from the ledger. On failure the task ends with the
 * error and FALSE is returned. */
gboolean
remit_bill_service_op_reload (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;
  RemitBill *bill = remit_ledger_get_bill (self->ledger, op->bill_id, &error);

  if (bill == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return FALSE;
    }
  g_clear_object (&op->bill);
  op->bill = bill;
  return TRUE;
}

/* Crash points for the crash tests: a process whose REMIT_TEST_CRASH_AT names @name kills
 * itself with SIGKILL there, as a power cut would. */
void
remit_bill_service_checkpoint (const char *name)
{
  const char *at = g_getenv ("REMIT_TEST_CRASH_AT");

  if (at == NULL || g_strcmp0 (at, name) != 0)
    return;
  g_debug ("Stopping at “%s” as REMIT_TEST_CRASH_AT asks", name);
  raise (SIGKILL);
}

/* Whether the backend refused the operation for what it holds, so that sending it again
 * cannot help: the journal entry fails. Anything else (no network, a server error, an
 * answer that could not be read) leaves it for a resume. */
gboolean
remit_bill_service_is_refusal (const GError *error)
{
  if (error->domain == REMIT_API_ERROR)
    return error->code == REMIT_API_ERROR_INVALID_VALUE
           || error->code == REMIT_API_ERROR_UNSUPPORTED_TYPE
           || error->code == REMIT_API_ERROR_NOT_FOUND;
  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_NOT_SUPPORTED;
  return error->domain == REMIT_ENGINE_ERROR || error->domain == REMIT_CORE_ERROR;
}

/* The API client of a remote backend, for the look-ups; %NULL for the local engine. */
RemitApiClient *
remit_bill_service_get_client (RemitBillService *self)
{
  if (!REMIT_IS_REMOTE_BACKEND (self->backend))
    return NULL;
  return remit_remote_backend_get_client (REMIT_REMOTE_BACKEND (self->backend));
}

/* The unfinished journal entry of @kind for @bill_id, or %NULL (without error) if none. */
RemitJournalEntry *
remit_bill_service_find_unfinished (RemitBillService *self,
                                    RemitJournalKind kind,
                                    gint64 bill_id,
                                    GError **error)
{
  g_autoptr (GPtrArray) pending = remit_journal_list_pending (self->journal, error);

  if (pending == NULL)
    return NULL;
  for (guint i = 0; i < pending->len; i++)
    {
      RemitJournalEntry *entry = pending->pdata[i];

      if (remit_journal_entry_get_kind (entry) == kind
          && remit_journal_entry_get_bill_id (entry) == bill_id)
        return g_object_ref (entry);
    }
  return NULL;
}

static char *
json_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static char *
id_result (const char *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_text (node);
}

/* Completes @entry; a failure is only logged: the entry stays unfinished and a resume finds
 * the answer in the ledger. */
static void
complete_entry (RemitBillService *self, RemitJournalEntry *entry, const char *result_json)
{
  g_autoptr (GError) error = NULL;

  /* Only a sent entry can be completed; one never sent but answered otherwise (found in
   * the ledger) counts as sent. */
  if ((remit_journal_entry_get_state (entry) == REMIT_JOURNAL_STATE_PENDING
       && !remit_journal_mark_sent (self->journal, entry, &error))
      || !remit_journal_complete (self->journal, entry, result_json, &error))
    g_warning ("The journal entry %" G_GINT64_FORMAT " stays unfinished: %s",
               remit_journal_entry_get_id (entry), error->message);
}

static void
fail_entry (RemitBillService *self, RemitJournalEntry *entry, const char *message)
{
  g_autoptr (GError) error = NULL;

  if (!remit_journal_fail (self->journal, entry, message, &error))
    g_warning ("The journal entry %" G_GINT64_FORMAT " could not be marked failed: %s",
               remit_journal_entry_get_id (entry), error->message);
}

/* Values of a bill from labels of the API: the extractions, or the reviewed values. @skip
 * (nullable) names labels to leave alone. */
typedef const char *(*LabelLookup) (gpointer source, const char *label);

static gboolean
skipped (JsonObject *skip, const char *label)
{
  return skip != NULL && json_object_has_member (skip, label);
}

static void
apply_values (RemitBill *bill, LabelLookup lookup, gpointer source, JsonObject *skip)
{
  const char *value;
  const char *purpose_label = "paymentPurpose";

  if (!skipped (skip, "paymentRecipient")
      && (value = lookup (source, "paymentRecipient")) != NULL)
    remit_bill_set_recipient (bill, value);
  if (!skipped (skip, "iban") && (value = lookup (source, "iban")) != NULL)
    remit_bill_set_iban (bill, value);
  if (!skipped (skip, "bic") && (value = lookup (source, "bic")) != NULL)
    remit_bill_set_bic (bill, value);
  if (!skipped (skip, "amountToPay") && (value = lookup (source, "amountToPay")) != NULL)
    {
      RemitAmount amount;

      if (remit_amount_parse (value, &amount, NULL))
        remit_bill_set_amount (bill, &amount);
    }
  if (lookup (source, purpose_label) == NULL && !skipped (skip, purpose_label))
    purpose_label = "paymentReference";
  if (!skipped (skip, purpose_label) && (value = lookup (source, purpose_label)) != NULL)
    remit_bill_set_purpose (bill, value);
  if (!skipped (skip, "paymentDueDate") && (value = lookup (source, "paymentDueDate")) != NULL
      && remit_date_is_valid_iso (value))
    remit_bill_set_due_date (bill, value);
}

static const char *
lookup_extraction (gpointer source, const char *label)
{
  return remit_extraction_set_get_value (source, label);
}

static const char *
lookup_object (gpointer source, const char *label)
{
  JsonNode *node = json_object_get_member (source, label);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
reviewed_object (RemitBill *bill)
{
  g_autoptr (JsonNode) node = parse_json (remit_bill_get_reviewed (bill));

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* Import ---------------------------------------------------------------------------------- */

static void upload_with_entry (GTask *task);
static void upload_send (GTask *task);
static void upload_record (GTask *task, const char *document_id);

static void
import_content (GTask *task, const char *filename)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitBill) bill = NULL;
  GError *error = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (op->content, &size);
  RemitInputType type;

  if (size == 0)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("The file “%s” is empty"), filename),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  if (size >= REMIT_ENGINE_MAX_FILE_SIZE)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("The file “%s” is 10 MiB or larger; make it smaller (fewer pages, "
                       "lower resolution) and import it again"),
                     filename),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  type = remit_input_type_sniff (data, size);
  if (type == REMIT_INPUT_UNKNOWN)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("“%s” is not a PDF, an image, an e-invoice or a text file"), filename),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  bill = remit_bill_new ();
  remit_bill_set_filename (bill, filename);
  remit_bill_set_content_type (bill, remit_input_type_to_content_type (type));
  remit_bill_set_backend (bill, self->backend_name);
  if (!remit_ledger_add_bill (self->ledger, bill, op->content, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  op->bill_id = remit_bill_get_id (bill);
  op->bill = g_steal_pointer (&bill);

  remit_bill_service_checkpoint ("import-added");
  remit_bill_service_upload_start (task);
}

static void
file_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;
  g_autofree char *filename = g_file_get_basename (G_FILE (source));
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  op->content = g_bytes_new_take (contents, length);
  import_content (task, filename);
}

/**
 * remit_bill_service_import_async:
 * @self: a service
 * @file: the bill's file: a PDF, an image, an e-invoice (XML) or a text file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new bill
 * @user_data: data for @callback
 *
 * Imports a file as a new bill: the ledger keeps a copy of the file and flags the bill as a
 * duplicate when the same file is already there, or (once its values are known) when
 * another bill pays the same IBAN the same amount with the same purpose; a duplicate is
 * kept, never dropped. The file is then uploaded through the journal with its
 * `Idempotency-Key`, processed, and its extractions and layout are stored with the bill,
 * whose values they fill; the bill is then In review.
 *
 * A file the backend refuses for good (an unsupported or damaged file) leaves the bill
 * archived with the reason in its history. When the upload could not finish for another
 * reason (no network), the bill stays New and remit_bill_service_resume_async() finishes it.
 */
void
remit_bill_service_import_async (RemitBillService *self,
                                 GFile *file,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = remit_bill_service_op_task (self, remit_bill_service_import_async, cancellable,
                                     callback, user_data);
  g_file_load_contents_async (file, cancellable, file_loaded_cb, task);
}

/**
 * remit_bill_service_import_bytes_async:
 * @self: a service
 * @content: the file's bytes
 * @filename: the file's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new bill
 * @user_data: data for @callback
 *
 * Like remit_bill_service_import_async(), for a file already in memory (a drop).
 */
void
remit_bill_service_import_bytes_async (RemitBillService *self,
                                       GBytes *content,
                                       const char *filename,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  GTask *task;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));
  g_return_if_fail (content != NULL);
  g_return_if_fail (filename != NULL);

  task = remit_bill_service_op_task (self, remit_bill_service_import_async, cancellable,
                                     callback, user_data);
  remit_bill_service_op (task)->content = g_bytes_ref (content);
  import_content (task, filename);
}

/**
 * remit_bill_service_import_finish:
 *
 * Returns: (transfer full) (nullable): the bill, In review, or %NULL with @error set. The
 *   bill's duplicate flag (remit_bill_get_duplicate_reason()) says whether it repeats
 *   another.
 */
RemitBill *
remit_bill_service_import_finish (RemitBillService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, remit_bill_service_import_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
upload_payload (RemitBill *bill)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, remit_bill_get_filename (bill));
  json_builder_set_member_name (builder, "contentType");
  json_builder_add_string_value (builder, remit_bill_get_content_type (bill));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, remit_bill_get_sha256 (bill));
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_text (node);
}

/* Uploads op->bill's file: through op->entry when it is set (a resume), else through a new
 * journal entry. */
void
remit_bill_service_upload_start (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;

  if (op->entry == NULL)
    {
      g_autofree char *payload = upload_payload (op->bill);

      op->entry = remit_journal_begin (self->journal, REMIT_JOURNAL_KIND_UPLOAD, op->bill_id,
                                       self->backend_name, payload, &error);
      if (op->entry == NULL)
        {
          /* An unfinished upload of this bill is resumed instead of starting another. */
          if (g_error_matches (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_PENDING))
            op->entry = remit_bill_service_find_unfinished (self, REMIT_JOURNAL_KIND_UPLOAD,
                                                            op->bill_id, NULL);
          if (op->entry == NULL)
            {
              remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
              return;
            }
          g_clear_error (&error);
        }
      else
        remit_bill_service_checkpoint ("upload-pending");
    }

  upload_with_entry (task);
}

static void
found_document_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;
  g_autofree char *document_id = NULL;

  document_id = remit_bill_service_find_document_finish (REMIT_BILL_SERVICE (source), result,
                                                         &error);
  if (error != NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (document_id == NULL)
    {
      upload_send (task);
      return;
    }

  op->outcome = REMIT_RESUME_OUTCOME_FOUND;
  op->detail = g_strdup_printf ("document %s matched by file name, upload time and content",
                                document_id);
  upload_record (task, document_id);
}

static void
upload_with_entry (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  const char *document_id = remit_bill_get_document_id (op->bill);

  /* The ledger recorded the answer, the crash came before the entry was completed. */
  if (document_id != NULL)
    {
      g_autofree char *result = id_result (document_id);

      op->outcome = REMIT_RESUME_OUTCOME_FOUND;
      op->detail = g_strdup_printf ("document %s already in the ledger", document_id);
      complete_entry (self, op->entry, result);
      remit_bill_service_import_continue (task);
      return;
    }

  /* Sent before: the server may have the document although the answer was lost. A server
   * that honours the key would answer with it anyway; one that ignores keys would not. */
  if (remit_journal_entry_get_state (op->entry) == REMIT_JOURNAL_STATE_SENT && !op->looked_up
      && remit_bill_service_get_client (self) != NULL)
    {
      op->looked_up = TRUE;
      remit_bill_service_find_document_async (self, op->bill, op->entry,
                                              g_task_get_cancellable (task), found_document_cb,
                                              task);
      return;
    }

  upload_send (task);
}

static void
stored_file_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_prefix_error (&error, _("The ledger’s copy of the file cannot be read: "));
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  op->content = g_bytes_new_take (contents, length);
  upload_send (task);
}

static void
uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitDocument) document = NULL;
  GError *error = NULL;

  document = remit_backend_upload_finish (REMIT_BACKEND (source), result, &error);
  if (document == NULL)
    {
      if (remit_bill_service_is_refusal (error))
        {
          g_autofree char *note = g_strdup_printf ("import refused: %s", error->message);

          fail_entry (self, op->entry, error->message);
          if (remit_bill_service_op_reload (task))
            {
              remit_ledger_move_bill (self->ledger, op->bill, REMIT_BILL_STATE_ARCHIVED, note,
                                      NULL);
              remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
            }
          else
            g_error_free (error);
          return;
        }
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  remit_bill_service_checkpoint ("upload-answered");
  upload_record (task, remit_document_get_id (document));
}

static void
upload_send (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;

  if (op->content == NULL)
    {
      g_autoptr (GFile) file = remit_ledger_get_bill_file (self->ledger, op->bill);

      if (file == NULL)
        {
          remit_bill_service_op_return_error (
            task,
            g_error_new (REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
                         _("The ledger has no copy of the file of bill %lld"),
                         (long long) op->bill_id),
            REMIT_RESUME_OUTCOME_FAILED);
          return;
        }
      g_file_load_contents_async (file, g_task_get_cancellable (task), stored_file_loaded_cb,
                                  task);
      return;
    }

  /* Durable before the first byte leaves. */
  if (!remit_journal_mark_sent (self->journal, op->entry, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("upload-sent");

  remit_backend_upload_async (self->backend, op->content, remit_bill_get_filename (op->bill),
                              remit_bill_get_content_type (op->bill),
                              remit_journal_entry_get_idempotency_key (op->entry),
                              g_task_get_cancellable (task), uploaded_cb, task);
}

/* The ledger first, then the journal: a crash in between leaves an unfinished entry whose
 * resume finds the document in the ledger. */
static void
upload_record (GTask *task, const char *document_id)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autofree char *result = id_result (document_id);
  GError *error = NULL;

  if (!remit_bill_service_op_reload (task))
    return;
  remit_bill_set_document_id (op->bill, document_id);
  if (!remit_ledger_update_bill (self->ledger, op->bill, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  complete_entry (self, op->entry, result);
  remit_bill_service_import_continue (task);
}

static void
finish_import (GTask *task, RemitExtractionSet *extractions, RemitLayout *layout)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (JsonObject) reviewed = NULL;
  GError *error = NULL;

  if (!remit_bill_service_op_reload (task))
    return;

  if (extractions != NULL)
    {
      g_autofree char *text = remit_extraction_set_to_string (extractions, FALSE);

      if (!remit_ledger_set_extraction (self->ledger, op->bill_id, text, &error))
        {
          remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
          return;
        }
    }
  if (layout != NULL)
    {
      g_autofree char *text = remit_layout_to_string (layout, FALSE);

      if (!remit_ledger_set_layout (self->ledger, op->bill_id, text, &error))
        {
          remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
          return;
        }
    }

  /* What a person already confirmed is not overwritten by what was read. */
  reviewed = reviewed_object (op->bill);
  if (extractions != NULL)
    apply_values (op->bill, lookup_extraction, extractions, reviewed);
  if (!remit_ledger_update_bill (self->ledger, op->bill, &error)
      || (remit_bill_get_state (op->bill) == REMIT_BILL_STATE_NEW
          && !remit_ledger_move_bill (self->ledger, op->bill, REMIT_BILL_STATE_IN_REVIEW,
                                      "imported", &error)))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  remit_bill_service_op_return_bill (task);
}

static void
got_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (RemitExtractionSet) extractions = NULL;
  g_autoptr (RemitLayout) layout = NULL;
  GError *error = NULL;

  if (!remit_backend_get_result_finish (REMIT_BACKEND (source), result, &extractions, &layout,
                                        &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  finish_import (task, extractions, layout);
}

static void
waited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (RemitDocument) document = NULL;
  GError *error = NULL;

  document = remit_backend_wait_finish (REMIT_BACKEND (source), result, &error);
  if (document == NULL)
    {
      /* The document is gone (the local engine keeps documents only while the process
       * runs): the file is read again. */
      if (g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND) && !op->reuploaded)
        {
          g_clear_error (&error);
          op->reuploaded = TRUE;
          op->looked_up = FALSE;
          g_clear_object (&op->entry);
          if (!remit_bill_service_op_reload (task))
            return;
          remit_bill_set_document_id (op->bill, NULL);
          if (!remit_ledger_update_bill (self->ledger, op->bill, &error))
            {
              remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
              return;
            }
          remit_bill_service_upload_start (task);
          return;
        }
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }

  if (remit_document_get_progress (document) == REMIT_DOCUMENT_PROGRESS_ERROR)
    {
      /* Nothing could be read: the person types the values. */
      finish_import (task, NULL, NULL);
      return;
    }

  remit_backend_get_result_async (self->backend, remit_document_get_id (document),
                                  g_task_get_cancellable (task), got_result_cb, task);
}

/* Waits until op->bill's document is processed, stores what was read and moves the bill to
 * In review. */
void
remit_bill_service_import_continue (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);

  remit_backend_wait_async (self->backend, remit_bill_get_document_id (op->bill),
                            g_task_get_cancellable (task), waited_cb, task);
}

/* Review ---------------------------------------------------------------------------------- */

/**
 * remit_bill_service_review:
 * @self: a service
 * @bill_id: a bill In review, Ready to pay or Failed
 * @values: label → value (strings) as the person confirmed or corrected them
 *   (`{"iban": "DE02…", "amountToPay": "12.50:EUR", "paymentPurpose": "…"}`)
 * @error: return location for a %REMIT_CORE_ERROR or %REMIT_STORE_ERROR
 *
 * Checks every value by the API's rules (nothing is stored when one fails), merges them
 * into the bill's reviewed values, sets the bill's recipient, IBAN, BIC, amount, purpose and
 * due date from them, marks the feedback as pending and, when the bill has an IBAN and an
 * amount, moves it to Ready to pay. Send the feedback with
 * remit_bill_service_send_feedback_async().
 *
 * Returns: whether the values were stored
 */
gboolean
remit_bill_service_review (RemitBillService *self,
                           gint64 bill_id,
                           JsonObject *values,
                           GError **error)
{
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (JsonObject) reviewed = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GList) members = NULL;
  g_autofree char *text = NULL;
  RemitBillState state;

  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  bill = remit_ledger_get_bill (self->ledger, bill_id, error);
  if (bill == NULL)
    return FALSE;

  state = remit_bill_get_state (bill);
  if (state == REMIT_BILL_STATE_NEW)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
                   _("Bill %lld is still being read; review it once its import has finished"),
                   (long long) bill_id);
      return FALSE;
    }
  if (state != REMIT_BILL_STATE_IN_REVIEW && state != REMIT_BILL_STATE_READY_TO_PAY
      && state != REMIT_BILL_STATE_FAILED)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
                   _("Bill %lld is “%s”; its values can no longer change"), (long long) bill_id,
                   remit_bill_state_get_label (state));
      return FALSE;
    }

  reviewed = reviewed_object (bill);
  if (reviewed == NULL)
    reviewed = json_object_new ();

  members = json_object_get_members (values);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *label = l->data;
      const char *value = lookup_object (values, label);
      const char *entity = remit_feedback_label_get_entity (label);
      g_autoptr (GError) local_error = NULL;

      if (value == NULL)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       _("The value of “%s” is not text"), label);
          return FALSE;
        }
      if (!remit_feedback_validate_value (entity != NULL ? entity : "text", label, value, NULL,
                                          &local_error))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE, "%s: %s", label,
                       local_error->message);
          return FALSE;
        }
      json_object_set_string_member (reviewed, label, value);
    }

  node = json_node_init_object (json_node_alloc (), reviewed);
  text = json_text (node);
  if (!remit_bill_set_reviewed (bill, text, error))
    return FALSE;
  apply_values (bill, lookup_object, reviewed, NULL);
  remit_bill_set_feedback_state (bill, REMIT_FEEDBACK_STATE_PENDING);
  if (!remit_ledger_update_bill (self->ledger, bill, error))
    return FALSE;

  if (remit_bill_get_iban (bill) != NULL && remit_bill_get_amount (bill) != NULL)
    {
      if (state == REMIT_BILL_STATE_FAILED
          && !remit_ledger_move_bill (self->ledger, bill, REMIT_BILL_STATE_IN_REVIEW, "reviewed",
                                      error))
        return FALSE;
      if (remit_bill_get_state (bill) == REMIT_BILL_STATE_IN_REVIEW
          && !remit_ledger_move_bill (self->ledger, bill, REMIT_BILL_STATE_READY_TO_PAY,
                                      "reviewed", error))
        return FALSE;
    }
  return TRUE;
}

/* Feedback -------------------------------------------------------------------------------- */

/* The feedback a payload `{"documentId", "feedback": body}` sends. */
static RemitFeedback *
feedback_from_body (JsonObject *body)
{
  RemitFeedback *feedback = remit_feedback_new ();
  JsonObject *extractions = NULL;
  g_autoptr (GList) members = NULL;

  if (json_object_has_member (body, "extractions")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "extractions")))
    extractions = json_object_get_object_member (body, "extractions");
  if (extractions == NULL)
    return feedback;

  members = json_object_get_members (extractions);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *label = l->data;
      JsonNode *member = json_object_get_member (extractions, label);
      const char *entity = remit_feedback_label_get_entity (label);
      const char *value;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        continue;
      value = lookup_object (json_node_get_object (member), "value");
      if (value != NULL)
        remit_feedback_set_value (feedback, label, entity != NULL ? entity : "text", NULL,
                                  value);
    }
  return feedback;
}

/* The feedback body of the bill's reviewed values, with the values read before as the
 * originals. */
static JsonNode *
reviewed_feedback_body (RemitBillService *self, RemitBill *bill, GError **error)
{
  g_autoptr (RemitFeedback) feedback = remit_feedback_new ();
  g_autoptr (JsonObject) reviewed = reviewed_object (bill);
  g_autoptr (RemitExtractionSet) read = NULL;
  g_autofree char *snapshot = NULL;
  g_autoptr (GList) members = NULL;

  if (reviewed == NULL || json_object_get_size (reviewed) == 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("Bill %lld has no reviewed values to send"),
                   (long long) remit_bill_get_id (bill));
      return NULL;
    }

  snapshot = remit_ledger_dup_extraction (self->ledger, remit_bill_get_id (bill), NULL);
  if (snapshot != NULL)
    read = remit_extraction_set_new_from_string (snapshot, -1, NULL);

  members = json_object_get_members (reviewed);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *label = l->data;
      const char *value = lookup_object (reviewed, label);
      const char *entity = remit_feedback_label_get_entity (label);
      RemitExtraction *extraction = read != NULL
                                      ? remit_extraction_set_get_extraction (read, label)
                                      : NULL;

      if (value == NULL)
        continue;
      if (entity == NULL && extraction != NULL)
        entity = remit_extraction_get_entity (extraction);
      remit_feedback_set_value (feedback, label, entity != NULL ? entity : "text",
                                extraction != NULL ? remit_extraction_get_value (extraction)
                                                   : NULL,
                                value);
    }

  return remit_feedback_to_json (feedback, error);
}

static JsonObject *
entry_payload (RemitJournalEntry *entry)
{
  g_autoptr (JsonNode) node = parse_json (remit_journal_entry_get_payload (entry));

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static void feedback_send (GTask *task);

static void
feedback_record (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (JsonObject) payload = entry_payload (op->entry);
  g_autoptr (JsonNode) current = NULL;
  GError *error = NULL;
  JsonNode *sent = payload != NULL ? json_object_get_member (payload, "feedback") : NULL;

  if (!remit_bill_service_op_reload (task))
    return;

  /* Values reviewed again since this feedback was written stay pending. */
  current = reviewed_feedback_body (self, op->bill, NULL);
  if (current != NULL && sent != NULL && json_node_equal (current, sent))
    {
      remit_bill_set_feedback_state (op->bill, REMIT_FEEDBACK_STATE_SENT);
      if (!remit_ledger_update_bill (self->ledger, op->bill, &error))
        {
          remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
          return;
        }
    }

  complete_entry (self, op->entry, remit_journal_entry_get_payload (op->entry));
  remit_bill_service_op_return_bill (task);
}

static void
found_feedback_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;
  gboolean found = FALSE;

  if (!remit_bill_service_find_feedback_finish (REMIT_BILL_SERVICE (source), result, &found,
                                                &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  if (!found)
    {
      if (op->label != NULL)
        remit_bill_service_delete_label_start (task);
      else
        feedback_send (task);
      return;
    }

  op->outcome = REMIT_RESUME_OUTCOME_FOUND;
  op->detail = g_strdup (op->label != NULL
                           ? "label deletion found in the document's feedback log"
                           : "the same feedback body found in the document's feedback log");
  feedback_record (task);
}

/* Sends op->entry (a feedback entry), looking in the server's feedback log first when it
 * was sent before. */
void
remit_bill_service_feedback_start (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);

  if (remit_journal_entry_get_state (op->entry) == REMIT_JOURNAL_STATE_SENT && !op->looked_up
      && remit_bill_service_get_client (self) != NULL)
    {
      op->looked_up = TRUE;
      remit_bill_service_find_feedback_async (self, op->entry, g_task_get_cancellable (task),
                                              found_feedback_cb, task);
      return;
    }
  feedback_send (task);
}

/* What to do when a feedback or label deletion failed. */
static void
feedback_failed (GTask *task, GError *error)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);

  /* The local engine's documents live only as long as the process: there is no one left to
   * tell. The feedback is not pending any more. */
  if (g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND)
      && REMIT_IS_LOCAL_BACKEND (self->backend))
    {
      op->outcome = REMIT_RESUME_OUTCOME_SKIPPED;
      op->detail = g_strdup ("the local engine no longer has the document");
      g_error_free (error);
      complete_entry (self, op->entry, "{\"skipped\":true}");
      if (!remit_bill_service_op_reload (task))
        return;
      if (op->label == NULL)
        {
          remit_bill_set_feedback_state (op->bill, REMIT_FEEDBACK_STATE_NONE);
          remit_ledger_update_bill (self->ledger, op->bill, NULL);
        }
      remit_bill_service_op_return_bill (task);
      return;
    }

  /* A label deletion sent before that finds no label any more was carried out then. */
  if (g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND) && op->label != NULL
      && remit_journal_entry_get_attempts (op->entry) > 1)
    {
      g_error_free (error);
      op->outcome = REMIT_RESUME_OUTCOME_FOUND;
      op->detail = g_strdup ("the label was already deleted");
      feedback_record (task);
      return;
    }

  if (remit_bill_service_is_refusal (error))
    {
      fail_entry (self, op->entry, error->message);
      if (op->label == NULL && remit_bill_service_op_reload (task))
        {
          remit_bill_set_feedback_state (op->bill, REMIT_FEEDBACK_STATE_NONE);
          remit_ledger_update_bill (self->ledger, op->bill, NULL);
        }
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
}

static void
feedback_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!remit_backend_send_feedback_finish (REMIT_BACKEND (source), result, &error))
    {
      feedback_failed (task, error);
      return;
    }
  remit_bill_service_checkpoint ("feedback-answered");
  feedback_record (task);
}

static gboolean
payload_document (GTask *task, JsonObject **payload_out, const char **document_id)
{
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (JsonObject) payload = entry_payload (op->entry);

  *document_id = payload != NULL ? lookup_object (payload, "documentId") : NULL;
  if (*document_id == NULL)
    {
      g_autofree char *message = g_strdup (_("The journal entry does not say which document "
                                             "it is for"));

      fail_entry (g_task_get_source_object (task), op->entry, message);
      remit_bill_service_op_return_error (
        task, g_error_new_literal (REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, message),
        REMIT_RESUME_OUTCOME_FAILED);
      return FALSE;
    }
  *payload_out = g_steal_pointer (&payload);
  return TRUE;
}

static void
feedback_send (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (JsonObject) payload = NULL;
  g_autoptr (RemitFeedback) feedback = NULL;
  const char *document_id;
  JsonNode *body;
  GError *error = NULL;

  if (!payload_document (task, &payload, &document_id))
    return;
  body = json_object_get_member (payload, "feedback");
  feedback = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
               ? feedback_from_body (json_node_get_object (body))
               : remit_feedback_new ();

  if (!remit_journal_mark_sent (self->journal, op->entry, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("feedback-sent");
  remit_backend_send_feedback_async (self->backend, document_id, feedback,
                                     g_task_get_cancellable (task), feedback_sent_cb, task);
}

/**
 * remit_bill_service_send_feedback_async:
 * @self: a service
 * @bill_id: a reviewed bill with a document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the feedback was sent
 * @user_data: data for @callback
 *
 * Sends the bill's reviewed values as one batched feedback (through the journal) and marks
 * the bill's feedback as sent. With the local engine, whose documents live only in the
 * process that read them, feedback for a document of an earlier run is dropped and the
 * bill's feedback state becomes None.
 */
void
remit_bill_service_send_feedback_async (RemitBillService *self,
                                        gint64 bill_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task;
  RemitBillOp *op;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;
  g_autofree char *payload_text = NULL;
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));

  task = remit_bill_service_op_task (self, remit_bill_service_send_feedback_async, cancellable,
                                     callback, user_data);
  op = remit_bill_service_op (task);
  op->bill_id = bill_id;
  if (!remit_bill_service_op_reload (task))
    return;

  if (remit_bill_get_document_id (op->bill) == NULL)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("Bill %lld has no document at the extraction service yet; finish its "
                       "import first"),
                     (long long) bill_id),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }
  body = reviewed_feedback_body (self, op->bill, &error);
  if (body == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documentId");
  json_builder_add_string_value (builder, remit_bill_get_document_id (op->bill));
  json_builder_set_member_name (builder, "feedback");
  json_builder_add_value (builder, g_steal_pointer (&body));
  json_builder_end_object (builder);
  payload = json_builder_get_root (builder);
  payload_text = json_text (payload);

  op->entry = remit_journal_begin (self->journal, REMIT_JOURNAL_KIND_FEEDBACK, bill_id,
                                   self->backend_name, payload_text, &error);
  if (op->entry == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("feedback-pending");
  remit_bill_service_feedback_start (task);
}

/**
 * remit_bill_service_send_feedback_finish:
 *
 * Returns: (transfer full) (nullable): the bill, or %NULL with @error set
 */
RemitBill *
remit_bill_service_send_feedback_finish (RemitBillService *self,
                                         GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_async_result_is_tagged (result, remit_bill_service_send_feedback_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Label deletion -------------------------------------------------------------------------- */

static void
label_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!remit_backend_delete_label_finish (REMIT_BACKEND (source), result, &error))
    {
      feedback_failed (task, error);
      return;
    }
  remit_bill_service_checkpoint ("delete-label-answered");
  feedback_record (task);
}

/* Sends op->entry (a label deletion). The look-up in the feedback log, for an entry sent
 * before, is made by remit_bill_service_feedback_start(); this sends. */
void
remit_bill_service_delete_label_start (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  g_autoptr (JsonObject) payload = NULL;
  const char *document_id;
  GError *error = NULL;

  if (!payload_document (task, &payload, &document_id))
    return;
  if (op->label == NULL)
    op->label = g_strdup (lookup_object (payload, "label"));
  if (op->label == NULL)
    {
      g_autofree char *message = g_strdup (_("The journal entry does not say which label to "
                                             "delete"));

      fail_entry (self, op->entry, message);
      remit_bill_service_op_return_error (
        task, g_error_new_literal (REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, message),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  if (remit_journal_entry_get_state (op->entry) == REMIT_JOURNAL_STATE_SENT && !op->looked_up
      && remit_bill_service_get_client (self) != NULL)
    {
      op->looked_up = TRUE;
      remit_bill_service_find_feedback_async (self, op->entry, g_task_get_cancellable (task),
                                              found_feedback_cb, task);
      return;
    }

  if (!remit_journal_mark_sent (self->journal, op->entry, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("delete-label-sent");
  remit_backend_delete_label_async (self->backend, document_id, op->label,
                                    g_task_get_cancellable (task), label_deleted_cb, task);
}

/**
 * remit_bill_service_delete_label_async:
 * @self: a service
 * @bill_id: a bill with a document
 * @label: a label that was found where there is nothing to find
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server was told
 * @user_data: data for @callback
 *
 * Tells the extraction service, through the journal, that @label was wrongly found.
 */
void
remit_bill_service_delete_label_async (RemitBillService *self,
                                       gint64 bill_id,
                                       const char *label,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  GTask *task;
  RemitBillOp *op;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;
  g_autofree char *payload_text = NULL;
  GError *error = NULL;

  g_return_if_fail (REMIT_IS_BILL_SERVICE (self));
  g_return_if_fail (label != NULL);

  task = remit_bill_service_op_task (self, remit_bill_service_delete_label_async, cancellable,
                                     callback, user_data);
  op = remit_bill_service_op (task);
  op->bill_id = bill_id;
  op->label = g_strdup (label);
  if (!remit_bill_service_op_reload (task))
    return;

  if (remit_bill_get_document_id (op->bill) == NULL)
    {
      remit_bill_service_op_return_error (
        task,
        g_error_new (REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("Bill %lld has no document at the extraction service yet; finish its "
                       "import first"),
                     (long long) bill_id),
        REMIT_RESUME_OUTCOME_FAILED);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documentId");
  json_builder_add_string_value (builder, remit_bill_get_document_id (op->bill));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
  json_builder_end_object (builder);
  payload = json_builder_get_root (builder);
  payload_text = json_text (payload);

  op->entry = remit_journal_begin (self->journal, REMIT_JOURNAL_KIND_DELETE_LABEL, bill_id,
                                   self->backend_name, payload_text, &error);
  if (op->entry == NULL)
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_bill_service_checkpoint ("delete-label-pending");
  remit_bill_service_delete_label_start (task);
}

/**
 * remit_bill_service_delete_label_finish:
 *
 * Returns: (transfer full) (nullable): the bill, or %NULL with @error set
 */
RemitBill *
remit_bill_service_delete_label_finish (RemitBillService *self,
                                        GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
    g_async_result_is_tagged (result, remit_bill_service_delete_label_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Document deletion (only resumed: written by others) ------------------------------------- */

static void
document_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  GError *error = NULL;

  if (!remit_api_client_delete_document_finish (REMIT_API_CLIENT (source), result, &error))
    {
      /* Gone already: deleted by the first try. */
      if (!g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND))
        {
          remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
          return;
        }
      g_clear_error (&error);
      op->outcome = REMIT_RESUME_OUTCOME_FOUND;
      op->detail = g_strdup ("the document was already deleted");
    }
  complete_entry (self, op->entry, remit_journal_entry_get_payload (op->entry));
  remit_bill_service_op_return_bill (task);
}

void
remit_bill_service_delete_document_start (GTask *task)
{
  RemitBillService *self = g_task_get_source_object (task);
  RemitBillOp *op = remit_bill_service_op (task);
  RemitApiClient *client = remit_bill_service_get_client (self);
  g_autoptr (JsonObject) payload = NULL;
  const char *document_id;
  GError *error = NULL;

  if (!payload_document (task, &payload, &document_id))
    return;
  if (client == NULL)
    {
      op->outcome = REMIT_RESUME_OUTCOME_SKIPPED;
      op->detail = g_strdup ("the local engine keeps no documents between runs");
      complete_entry (self, op->entry, "{\"skipped\":true}");
      remit_bill_service_op_return_bill (task);
      return;
    }
  if (!remit_journal_mark_sent (self->journal, op->entry, &error))
    {
      remit_bill_service_op_return_error (task, error, REMIT_RESUME_OUTCOME_DEFERRED);
      return;
    }
  remit_api_client_delete_document_async (client, document_id, g_task_get_cancellable (task),
                                          document_deleted_cb, task);
}
