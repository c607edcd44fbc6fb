/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-api-error.h"
#include "remit-engine.h"
#include "remit-local-backend.h"

/**
 * RemitLocalBackend:
 *
 * The #RemitBackend of the local engine: a document is processed in a worker thread and kept
 * in memory for the life of the process. It has no payment providers and makes no payment
 * requests (its capabilities say so); the rails that need no account, GiroCode and SEPA
 * file, are built from its extractions. Feedback is checked by the API's rules and kept with
 * the document.
 */

typedef struct
{
  RemitDocument *document;
  RemitEngineResult *result;
  GError *error;
  JsonNode *feedback;
  GPtrArray *waiters;
  gboolean done;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->document);
  g_clear_pointer (&entry->result, remit_engine_result_unref);
  g_clear_error (&entry->error);
  g_clear_pointer (&entry->feedback, json_node_unref);
  g_clear_pointer (&entry->waiters, g_ptr_array_unref);
  g_free (entry);
}

struct _RemitLocalBackend
{
  GObject parent_instance;

  GHashTable *entries;         /* id → Entry */
  GHashTable *idempotency;     /* key → id */
  GCancellable *cancellable;
};

static void backend_iface_init (RemitBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemitLocalBackend, remit_local_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (REMIT_TYPE_BACKEND, backend_iface_init))

static RemitBackendCapabilities
local_get_capabilities (RemitBackend *backend)
{
  return REMIT_BACKEND_CAPABILITY_NONE;
}

/* A copy of the entry's document, for the caller. */
static RemitDocument *
snapshot (Entry *entry)
{
  g_autoptr (JsonNode) node = remit_document_to_json (entry->document);

  return remit_document_new_from_json (node, NULL);
}

static Entry *
lookup (RemitLocalBackend *self, const char *document_id, GError **error)
{
  Entry *entry = g_hash_table_lookup (self->entries, document_id);

  if (entry == NULL)
    g_set_error (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND,
                 _("There is no document “%s” on this computer"), document_id);
  return entry;
}

typedef struct
{
  RemitLocalBackend *self;
  char *id;
} ExtractData;

static void
extracted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExtractData *data = user_data;
  g_autoptr (RemitLocalBackend) self = data->self;
  g_autofree char *id = data->id;
  g_autoptr (RemitEngineResult) engine_result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) waiters = NULL;
  Entry *entry;

  g_free (data);
  engine_result = remit_engine_extract_finish (result, &error);
  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    return;

  entry->done = TRUE;
  if (engine_result != NULL)
    {
      entry->result = g_steal_pointer (&engine_result);
      remit_document_set_progress (entry->document, REMIT_DOCUMENT_PROGRESS_COMPLETED);
      remit_document_set_page_count (entry->document,
                                     remit_engine_result_get_page_count (entry->result));
      remit_document_set_source_classification (
        entry->document, remit_engine_result_get_source_classification (entry->result));
    }
  else
    {
      g_debug ("Document %s could not be processed: %s", id, error->message);
      entry->error = g_steal_pointer (&error);
      remit_document_set_progress (entry->document, REMIT_DOCUMENT_PROGRESS_ERROR);
    }

  waiters = g_steal_pointer (&entry->waiters);
  entry->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr (GTask) task = waiters->pdata[i];

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_pointer (task, snapshot (entry), g_object_unref);
    }
}

static void
local_upload_async (RemitBackend *backend,
                    GBytes *data,
                    const char *filename,
                    const char *content_type,
                    const char *idempotency_key,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (backend);
  g_autoptr (GTask) task = NULL;
  g_autofree char *id = NULL;
  ExtractData *extract;
  Entry *entry;
  const char *known;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, local_upload_async);

  /* The same key is the same upload. */
  known = idempotency_key != NULL ? g_hash_table_lookup (self->idempotency, idempotency_key)
                                  : NULL;
  if (known != NULL && (entry = g_hash_table_lookup (self->entries, known)) != NULL)
    {
      g_task_return_pointer (task, snapshot (entry), g_object_unref);
      return;
    }

  if (g_bytes_get_size (data) > REMIT_ENGINE_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                               _("The file is larger than 10 MiB: make it smaller or split it"));
      return;
    }

  id = g_uuid_string_random ();
  entry = g_new0 (Entry, 1);
  entry->waiters = g_ptr_array_new ();
  entry->document = remit_document_new (id);
  remit_document_set_name (entry->document, filename != NULL ? filename : id);
  remit_document_set_creation_date (entry->document, g_get_real_time () / 1000);
  remit_document_set_progress (entry->document, REMIT_DOCUMENT_PROGRESS_PENDING);
  remit_document_set_origin (entry->document, "UPLOAD");
  g_hash_table_insert (self->entries, g_strdup (id), entry);
  if (idempotency_key != NULL)
    g_hash_table_insert (self->idempotency, g_strdup (idempotency_key), g_strdup (id));

  extract = g_new0 (ExtractData, 1);
  extract->self = g_object_ref (self);
  extract->id = g_strdup (id);
  remit_engine_extract_async (data, REMIT_ENGINE_FLAGS_NONE, self->cancellable, extracted_cb,
                              extract);

  g_task_return_pointer (task, snapshot (entry), g_object_unref);
}

static RemitDocument *
local_upload_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
local_wait_async (RemitBackend *backend,
                  const char *document_id,
                  GCancellable *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer user_data)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (backend);
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  Entry *entry;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, local_wait_async);
  entry = lookup (self, document_id, &error);
  if (entry == NULL)
    g_task_return_error (task, error);
  else if (entry->done)
    g_task_return_pointer (task, snapshot (entry), g_object_unref);
  else
    g_ptr_array_add (entry->waiters, g_steal_pointer (&task));
}

static RemitDocument *
local_wait_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The result, once the document is processed */

static void
result_waited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (source);
  g_autoptr (RemitDocument) document = NULL;
  GError *error = NULL;
  Entry *entry;

  document = local_wait_finish (REMIT_BACKEND (self), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  entry = lookup (self, remit_document_get_id (document), &error);
  if (entry == NULL)
    g_task_return_error (task, error);
  else if (entry->error != NULL)
    g_task_return_error (task, g_error_copy (entry->error));
  else
    g_task_return_pointer (task, remit_engine_result_ref (entry->result),
                           (GDestroyNotify) remit_engine_result_unref);
}

static void
local_get_result_async (RemitBackend *backend,
                        const char *document_id,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, local_get_result_async);
  local_wait_async (backend, document_id, cancellable, result_waited_cb, task);
}

static gboolean
local_get_result_finish (RemitBackend *backend,
                         GAsyncResult *result,
                         RemitExtractionSet **extractions,
                         RemitLayout **layout,
                         GError **error)
{
  g_autoptr (RemitEngineResult) engine_result = NULL;

  engine_result = g_task_propagate_pointer (G_TASK (result), error);
  if (engine_result == NULL)
    return FALSE;
  /* Copies, so that a deleted label stays deleted only where it was deleted. */
  if (extractions != NULL)
    *extractions = remit_extraction_set_copy (remit_engine_result_get_extractions (engine_result));
  if (layout != NULL)
    *layout = remit_layout_ref (remit_engine_result_get_layout (engine_result));
  return TRUE;
}

/* Feedback */

static void
local_send_feedback_async (RemitBackend *backend,
                           const char *document_id,
                           RemitFeedback *feedback,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (backend);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) wrong = NULL;
  JsonNode *body;
  Entry *entry;

  g_task_set_source_tag (task, local_send_feedback_async);
  entry = lookup (self, document_id, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  body = remit_feedback_to_json (feedback, &error);
  if (body == NULL)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE, "%s",
                               error->message);
      return;
    }
  g_clear_pointer (&entry->feedback, json_node_unref);
  entry->feedback = body;

  wrong = remit_feedback_dup_wrongly_found (feedback);
  for (guint i = 0; wrong != NULL && wrong[i] != NULL && entry->result != NULL; i++)
    remit_extraction_set_remove_extraction (remit_engine_result_get_extractions (entry->result),
                                            wrong[i]);
  g_task_return_boolean (task, TRUE);
}

static gboolean
local_send_feedback_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
local_delete_label_async (RemitBackend *backend,
                          const char *document_id,
                          const char *label,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (backend);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  Entry *entry;

  g_task_set_source_tag (task, local_delete_label_async);
  entry = lookup (self, document_id, &error);
  if (entry == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (entry->result != NULL)
    remit_extraction_set_remove_extraction (remit_engine_result_get_extractions (entry->result),
                                            label);
  g_task_return_boolean (task, TRUE);
}

static gboolean
local_delete_label_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
backend_iface_init (RemitBackendInterface *iface)
{
  /* No payment providers, no payment requests: remit-backend.c answers those calls with
   * G_IO_ERROR_NOT_SUPPORTED as the capabilities say. */
  iface->get_capabilities = local_get_capabilities;
  iface->upload_async = local_upload_async;
  iface->upload_finish = local_upload_finish;
  iface->wait_async = local_wait_async;
  iface->wait_finish = local_wait_finish;
  iface->get_result_async = local_get_result_async;
  iface->get_result_finish = local_get_result_finish;
  iface->send_feedback_async = local_send_feedback_async;
  iface->send_feedback_finish = local_send_feedback_finish;
  iface->delete_label_async = local_delete_label_async;
  iface->delete_label_finish = local_delete_label_finish;
}

static void
remit_local_backend_dispose (GObject *object)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (remit_local_backend_parent_class)->dispose (object);
}

static void
remit_local_backend_finalize (GObject *object)
{
  RemitLocalBackend *self = REMIT_LOCAL_BACKEND (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (remit_local_backend_parent_class)->finalize (object);
}

static void
remit_local_backend_class_init (RemitLocalBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remit_local_backend_dispose;
  object_class->finalize = remit_local_backend_finalize;
}

static void
remit_local_backend_init (RemitLocalBackend *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * remit_local_backend_new:
 *
 * Returns: (transfer full): a backend on the local engine
 */
RemitLocalBackend *
remit_local_backend_new (void)
{
  return g_object_new (REMIT_TYPE_LOCAL_BACKEND, NULL);
}
