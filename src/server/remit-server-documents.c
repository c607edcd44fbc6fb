/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server-documents"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "remit-box.h"
#include "remit-document.h"
#include "remit-engine.h"
#include "remit-engine-error.h"
#include "remit-extraction-set.h"
#include "remit-feedback.h"
#include "remit-server-private.h"

/*
 * Documents: upload (raw, multipart, partial pages and composites), background processing
 * by the local engine, extractions, feedback, layout, pages and their images, and the
 * processed file.
 *
 * An upload is checked before it is accepted: size (413 from 10 MiB on), type (415), and
 * for PDFs and images whether the engine can open the file (400 for an encrypted or
 * corrupt file). The check runs in a worker thread while the request is paused. The
 * document is then stored PENDING, answered 201, and processed by the engine in another
 * worker; results are stored on the main thread (SQLite is used from there only).
 *
 * Extractions, layout and pages of a PENDING document are answered when processing ends:
 * the request waits (up to REMIT_SERVER_WAIT_SECONDS, then 503 with Retry-After) instead of
 * failing, as clients are expected to poll `progress` first anyway. A document whose
 * processing failed (ERROR) answers empty extractions, an empty layout and no pages.
 */

#define PAGE_WIDTH_LARGE  1280
#define PAGE_WIDTH_MEDIUM 640
#define CHECK_WIDTH       16

#define PROGRESS_PENDING   "PENDING"
#define PROGRESS_COMPLETED "COMPLETED"
#define PROGRESS_ERROR     "ERROR"

static void serve_subresource (RemitServerRequest *req, RemitServerDoc *doc);
static void document_finished (RemitServer *self, const char *id);

/* Helpers ----------------------------------------------------------------------------------- */

static char *
file_path (RemitServer *self, const char *id)
{
  return g_build_filename (self->files_dir, id, NULL);
}

static char *
page_cache_path (RemitServer *self, const char *id, guint page, const char *size)
{
  g_autofree char *name = g_strdup_printf ("%s.page%u.%s.png", id, page, size);

  return g_build_filename (self->files_dir, name, NULL);
}

/* Removes the stored file of a document and the page images made from it. */
void
remit_server_documents_delete_files (RemitServer *self, const char *id)
{
  g_autofree char *path = file_path (self, id);
  g_autofree char *prefix = g_strconcat (id, ".", NULL);
  g_autoptr (GDir) dir = g_dir_open (self->files_dir, 0, NULL);
  const char *name;

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Cannot remove the file of document %s: %s", id, g_strerror (errno));

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *cached = g_build_filename (self->files_dir, name, NULL);

        g_unlink (cached);
      }
}

static JsonNode *
parse_json_text (const char *text, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, error)
      || json_parser_get_root (parser) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_DATABASE,
                             "Stored JSON is missing");
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

static char *
json_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
document_json (RemitServerRequest *req, const RemitServerDoc *doc)
{
  g_autoptr (RemitDocument) document = remit_document_new (doc->id);
  RemitDocumentProgress progress = REMIT_DOCUMENT_PROGRESS_PENDING;
  static const char *const links[] = {
    REMIT_DOCUMENT_LINK_EXTRACTIONS, REMIT_DOCUMENT_LINK_LAYOUT, REMIT_DOCUMENT_LINK_PROCESSED,
    REMIT_DOCUMENT_LINK_PAGES,
  };
  g_autofree char *self_uri = remit_server_request_make_uri (req, "/documents/%s", doc->id);
  JsonNode *node;

  remit_document_progress_from_string (doc->progress, &progress);
  remit_document_set_name (document, doc->name);
  remit_document_set_creation_date (document, doc->created);
  remit_document_set_progress (document, progress);
  remit_document_set_origin (document, "UPLOAD");
  if (doc->classification != NULL)
    remit_document_set_source_classification (document, doc->classification);
  if (doc->page_count >= 0)
    remit_document_set_page_count (document, doc->page_count);

  remit_document_set_link (document, REMIT_DOCUMENT_LINK_DOCUMENT, self_uri);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *uri = g_strconcat (self_uri, "/", links[i], NULL);

      remit_document_set_link (document, links[i], uri);
    }

  node = remit_document_to_json (document);

  /* A composite tells its parts, as the API does. */
  if (doc->kind == REMIT_SERVER_DOC_COMPOSITE && doc->parts != NULL)
    {
      g_autoptr (JsonNode) parts = parse_json_text (doc->parts, NULL);
      JsonArray *array = json_array_new ();

      for (guint i = 0; parts != NULL && i < json_array_get_length (json_node_get_array (parts));
           i++)
        {
          JsonObject *part = json_array_get_object_element (json_node_get_array (parts), i);
          JsonObject *entry = json_object_new ();
          g_autofree char *uri = remit_server_request_make_uri (
            req, "/documents/%s", json_object_get_string_member (part, "id"));

          json_object_set_string_member (entry, "document", uri);
          json_object_set_int_member (entry, "rotationDelta",
                                      json_object_get_int_member (part, "rotationDelta"));
          json_array_add_object_element (array, entry);
        }

      json_object_set_array_member (json_node_get_object (node), "partialDocuments", array);
    }

  return node;
}

/* Loads the document of the path for the authenticated user; answers 404 otherwise. */
static RemitServerDoc *
load_document (RemitServerRequest *req, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitServerDoc) doc = remit_server_db_get_document (req->server->db, id, &error);

  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return NULL;
    }

  if (doc == NULL || g_strcmp0 (doc->user_id, req->user_id) != 0)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no document %s", id);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

static gboolean
is_state (const RemitServerDoc *doc, const char *progress)
{
  return g_strcmp0 (doc->progress, progress) == 0;
}

/* Waiting for processing -------------------------------------------------------------------- */

static gboolean
on_wait_timeout (gpointer user_data)
{
  RemitServerRequest *req = user_data;
  RemitServer *self = req->server;
  GPtrArray *list = g_hash_table_lookup (self->waiters, req->segments[1]);

  req->wait_source = 0;
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", "1");
  remit_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE,
                            "The document is still being processed; try again");
  remit_server_request_release (req);

  if (list != NULL)
    g_ptr_array_remove (list, req);
  return G_SOURCE_REMOVE;
}

/* Holds @req until the document @id is no longer PENDING. */
static void
wait_for_document (RemitServerRequest *req, const char *id)
{
  RemitServer *self = req->server;
  GPtrArray *list = g_hash_table_lookup (self->waiters, id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_server_request_unref);
      g_hash_table_insert (self->waiters, g_strdup (id), list);
    }

  if (!req->held)
    remit_server_request_hold (req);
  g_ptr_array_add (list, remit_server_request_ref (req));
  req->wait_source = g_timeout_add_seconds (REMIT_SERVER_WAIT_SECONDS, on_wait_timeout, req);
}

/* Answers the requests waiting for the document @id. */
static void
wake_waiters (RemitServer *self, const char *id)
{
  g_autoptr (GPtrArray) list = NULL;
  gpointer key = NULL;

  if (self->waiters == NULL
      || !g_hash_table_steal_extended (self->waiters, id, &key, (gpointer *) &list))
    return;
  g_free (key);

  for (guint i = 0; i < list->len; i++)
    {
      RemitServerRequest *req = g_ptr_array_index (list, i);
      g_autoptr (RemitServerDoc) doc = NULL;

      g_clear_handle_id (&req->wait_source, g_source_remove);
      doc = load_document (req, id);
      if (doc != NULL)
        serve_subresource (req, doc);

      if (req->answered)
        remit_server_request_release (req);
    }
}

/* Answers every waiting request: the server stops. */
void
remit_server_documents_stop (RemitServer *self)
{
  g_autoptr (GHashTable) waiters = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Results held back by the processing delay are dropped: those documents stay PENDING
   * and are processed again on the next start. */
  g_hash_table_iter_init (&iter, self->delayed_results);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_iter_remove (&iter);
      g_source_remove (GPOINTER_TO_UINT (value));
    }

  if (self->waiters == NULL)
    return;

  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);

  g_hash_table_iter_init (&iter, waiters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        {
          RemitServerRequest *req = g_ptr_array_index (list, i);

          g_clear_handle_id (&req->wait_source, g_source_remove);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Retry-After", "1");
          remit_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                    "The server is shutting down; try again");
          remit_server_request_release (req);
        }
    }
}

/* Processing -------------------------------------------------------------------------------- */

typedef struct
{
  char *id;
  char *path;
  gint64 ready_at;  /* monotonic time before which the result is not stored */

  char *extractions;
  char *layout;
  char *classification;
  int page_count;
  int processed_pages;
  char *error;
} ProcessJob;

static void
process_job_free (ProcessJob *job)
{
  g_free (job->id);
  g_free (job->path);
  g_free (job->extractions);
  g_free (job->layout);
  g_free (job->classification);
  g_free (job->error);
  g_free (job);
}

static void
process_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ProcessJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (JsonNode) extractions = NULL;
  g_autoptr (JsonNode) layout = NULL;
  RemitEngineResult *result;

  file = g_mapped_file_new (job->path, FALSE, &error);
  if (file == NULL)
    {
      job->error = g_strdup ("The stored file is gone");
      g_task_return_boolean (task, TRUE);
      return;
    }
  data = g_mapped_file_get_bytes (file);

  result = remit_engine_extract (data, REMIT_ENGINE_FLAGS_NONE, cancellable, &error);
  if (result == NULL && g_error_matches (error, REMIT_ENGINE_ERROR,
                                         REMIT_ENGINE_ERROR_OCR_UNAVAILABLE))
    {
      /* A scan without text recognition still gets its pages; it has no text. */
      g_clear_error (&error);
      result = remit_engine_extract (data, REMIT_ENGINE_FLAGS_NO_OCR, cancellable, &error);
    }

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      job->error = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  extractions = remit_engine_result_to_extractions_json (result);
  layout = remit_engine_result_to_layout_json (result);
  job->extractions = json_text (extractions);
  job->layout = json_text (layout);
  job->classification = g_strdup (remit_engine_result_get_source_classification (result));
  job->page_count = remit_engine_result_get_page_count (result);
  job->processed_pages = remit_engine_result_get_processed_pages (result);
  remit_engine_result_unref (result);

  g_task_return_boolean (task, TRUE);
}

static void
store_result (RemitServer *self, ProcessJob *job)
{
  g_autoptr (GError) error = NULL;
  RemitServerDoc doc = {
    .id = job->id,
    .progress = (char *) (job->error == NULL ? PROGRESS_COMPLETED : PROGRESS_ERROR),
    .error = job->error,
    .classification = job->classification,
    .page_count = job->error == NULL ? job->page_count : -1,
    .processed_pages = job->error == NULL ? job->processed_pages : 0,
    .extractions = job->extractions,
    .layout = job->layout,
  };

  if (!remit_server_db_update_document_result (self->db, &doc, &error))
    g_warning ("Cannot store the result of document %s: %s", job->id, error->message);
  else if (job->error != NULL)
    g_message ("Document %s could not be processed: %s", job->id, job->error);

  document_finished (self, job->id);
}

/* A result held back by the processing delay. */
typedef struct
{
  RemitServer *server;
  GTask *task;
} DelayedResult;

static void
delayed_result_free (DelayedResult *delayed)
{
  g_object_unref (delayed->server);
  g_object_unref (delayed->task);
  g_free (delayed);
}

static gboolean
on_delayed_result (gpointer user_data)
{
  DelayedResult *delayed = user_data;
  RemitServer *self = delayed->server;

  g_hash_table_remove (self->delayed_results, delayed);
  if (!g_cancellable_is_cancelled (self->cancellable))
    store_result (self, g_task_get_task_data (delayed->task));
  return G_SOURCE_REMOVE;
}

static void
on_processed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitServer *self = REMIT_SERVER (source);
  ProcessJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_monotonic_time ();

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || g_cancellable_is_cancelled (self->cancellable))
    return; /* The server stops; the document stays PENDING and is resumed on the next start. */

  if (job->ready_at > now)
    {
      /* The timeout keeps the job and the server alive; stopping the server removes it. */
      DelayedResult *delayed = g_new0 (DelayedResult, 1);
      guint id;

      delayed->server = g_object_ref (self);
      delayed->task = g_object_ref (G_TASK (result));
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, (job->ready_at - now + 999) / 1000,
                               on_delayed_result, delayed, (GDestroyNotify) delayed_result_free);
      g_hash_table_insert (self->delayed_results, delayed, GUINT_TO_POINTER (id));
      return;
    }

  store_result (self, job);
}

static void
start_processing (RemitServer *self, const char *id, gint64 ready_at)
{
  g_autoptr (GTask) task = remit_server_task_new (self, self->cancellable, on_processed,
                                                 start_processing);
  ProcessJob *job = g_new0 (ProcessJob, 1);

  job->id = g_strdup (id);
  job->path = file_path (self, id);
  job->ready_at = ready_at;
  g_task_set_task_data (task, job, (GDestroyNotify) process_job_free);
  g_task_run_in_thread (task, process_thread);
}

/* Composites -------------------------------------------------------------------------------- */

/* Adds @offset to the page of every box in @node. */
static void
shift_boxes (JsonNode *node, gint64 offset)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        shift_boxes (json_array_get_element (array, i), offset);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *page = json_object_get_member (object, "page");
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        shift_boxes (json_object_get_member (object, l->data), offset);

      /* Last: replacing a member frees its name, which the list of members points to. */
      if (page != NULL && JSON_NODE_HOLDS_VALUE (page)
          && json_node_get_value_type (page) == G_TYPE_INT64
          && json_object_has_member (object, "left") && json_object_has_member (object, "top"))
        json_object_set_int_member (object, "page", json_node_get_int (page) + offset);
    }
}

static JsonObject *
ensure_object_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (object, name, json_object_new ());
      node = json_object_get_member (object, name);
    }

  return json_node_get_object (node);
}

/* Adds the extractions of a part (boxes already shifted) to @merged: a label comes from the
 * first part that has it; candidate lists and compound rows are joined in order; return
 * reasons are joined by id. */
static void
merge_extractions (JsonObject *merged, JsonObject *part)
{
  g_autoptr (GList) members = json_object_get_members (part);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (part, name);

      if (g_str_equal (name, "extractions") && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *target = ensure_object_member (merged, name);
          JsonObject *source = json_node_get_object (value);
          g_autoptr (GList) labels = json_object_get_members (source);

          for (GList *k = labels; k != NULL; k = k->next)
            if (!json_object_has_member (target, k->data))
              json_object_set_member (target, k->data,
                                      json_node_copy (json_object_get_member (source, k->data)));
        }
      else if ((g_str_equal (name, "candidates") || g_str_equal (name, "compoundExtractions"))
               && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *target = ensure_object_member (merged, name);
          JsonObject *source = json_node_get_object (value);
          g_autoptr (GList) lists = json_object_get_members (source);

          for (GList *k = lists; k != NULL; k = k->next)
            {
              JsonNode *list = json_object_get_member (source, k->data);
              JsonNode *existing = json_object_get_member (target, k->data);

              if (!JSON_NODE_HOLDS_ARRAY (list))
                continue;
              if (existing == NULL || !JSON_NODE_HOLDS_ARRAY (existing))
                {
                  json_object_set_member (target, k->data, json_node_copy (list));
                  continue;
                }

              for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
                json_array_add_element (
                  json_node_get_array (existing),
                  json_node_copy (json_array_get_element (json_node_get_array (list), i)));
            }
        }
      else if (g_str_equal (name, "returnReasons") && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonNode *existing = json_object_get_member (merged, name);
          JsonArray *source = json_node_get_array (value);
          JsonArray *target;

          if (existing == NULL || !JSON_NODE_HOLDS_ARRAY (existing))
            {
              json_object_set_array_member (merged, name, json_array_new ());
              existing = json_object_get_member (merged, name);
            }
          target = json_node_get_array (existing);

          for (guint i = 0; i < json_array_get_length (source); i++)
            {
              JsonNode *reason = json_array_get_element (source, i);
              const char *id = JSON_NODE_HOLDS_OBJECT (reason)
                                 ? json_object_get_string_member_with_default (
                                     json_node_get_object (reason), "id", NULL)
                                 : NULL;
              gboolean seen = FALSE;

              for (guint j = 0; id != NULL && j < json_array_get_length (target); j++)
                {
                  JsonNode *other = json_array_get_element (target, j);

                  if (JSON_NODE_HOLDS_OBJECT (other)
                      && g_strcmp0 (json_object_get_string_member_with_default (
                                      json_node_get_object (other), "id", NULL),
                                    id)
                           == 0)
                    seen = TRUE;
                }

              if (!seen)
                json_array_add_element (target, json_node_copy (reason));
            }
        }
      else if (!json_object_has_member (merged, name))
        {
          json_object_set_member (merged, name, json_node_copy (value));
        }
    }
}

/* Appends the pages of a part's layout to @pages, numbered after @offset. */
static void
merge_layout (JsonObject *merged, JsonObject *part, gint64 offset)
{
  JsonNode *pages_node = json_object_get_member (part, "pages");
  JsonArray *pages = json_object_get_array_member (merged, "pages");
  g_autoptr (GList) members = json_object_get_members (part);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "pages") && !json_object_has_member (merged, l->data))
      json_object_set_member (merged, l->data,
                              json_node_copy (json_object_get_member (part, l->data)));

  if (pages_node == NULL || !JSON_NODE_HOLDS_ARRAY (pages_node))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (pages_node)); i++)
    {
      JsonNode *page = json_node_copy (json_array_get_element (json_node_get_array (pages_node),
                                                               i));

      if (JSON_NODE_HOLDS_OBJECT (page))
        {
          JsonObject *object = json_node_get_object (page);

          json_object_set_int_member (object, "number",
                                      json_object_get_int_member_with_default (object, "number",
                                                                               i + 1)
                                        + offset);
        }
      json_array_add_element (pages, page);
    }
}

/* The parts of a composite: an array of {id, rotationDelta}. */
static JsonArray *
composite_parts (const RemitServerDoc *doc, JsonNode **holder)
{
  *holder = parse_json_text (doc->parts, NULL);
  if (*holder == NULL || !JSON_NODE_HOLDS_ARRAY (*holder))
    return NULL;

  return json_node_get_array (*holder);
}

/* Completes the composite @id when all its parts are processed. Returns TRUE when the
 * composite is no longer PENDING. */
static gboolean
try_complete_composite (RemitServer *self, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitServerDoc) doc = remit_server_db_get_document (self->db, id, &error);
  g_autoptr (JsonNode) holder = NULL;
  g_autoptr (JsonObject) extractions = json_object_new ();
  g_autoptr (JsonObject) layout = json_object_new ();
  g_autofree char *failure = NULL;
  g_autofree char *extractions_text = NULL;
  g_autofree char *layout_text = NULL;
  JsonArray *parts;
  gint64 offset = 0;
  int page_count = 0;

  if (doc == NULL || !is_state (doc, PROGRESS_PENDING))
    return TRUE;

  parts = composite_parts (doc, &holder);
  json_object_set_array_member (layout, "pages", json_array_new ());

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts) && failure == NULL; i++)
    {
      JsonObject *entry = json_array_get_object_element (parts, i);
      const char *part_id = json_object_get_string_member (entry, "id");
      g_autoptr (RemitServerDoc) part = remit_server_db_get_document (self->db, part_id, NULL);
      g_autoptr (JsonNode) part_extractions = NULL;
      g_autoptr (JsonNode) part_layout = NULL;

      if (part == NULL)
        {
          failure = g_strdup_printf ("The partial document %s was deleted", part_id);
          break;
        }
      if (is_state (part, PROGRESS_PENDING))
        return FALSE;
      if (is_state (part, PROGRESS_ERROR))
        {
          failure = g_strdup_printf ("The partial document %s could not be processed", part_id);
          break;
        }

      part_extractions = parse_json_text (part->extractions, NULL);
      part_layout = parse_json_text (part->layout, NULL);
      if (part_extractions != NULL && JSON_NODE_HOLDS_OBJECT (part_extractions))
        {
          shift_boxes (part_extractions, offset);
          merge_extractions (extractions, json_node_get_object (part_extractions));
        }
      if (part_layout != NULL && JSON_NODE_HOLDS_OBJECT (part_layout))
        merge_layout (layout, json_node_get_object (part_layout), offset);

      offset += MAX (part->processed_pages, 0);
      page_count += MAX (part->page_count, 0);
    }

  if (parts == NULL)
    failure = g_strdup ("The composite document has no readable list of parts");

  {
    g_autoptr (JsonNode) extractions_node = json_node_new (JSON_NODE_OBJECT);
    g_autoptr (JsonNode) layout_node = json_node_new (JSON_NODE_OBJECT);
    RemitServerDoc result = {
      .id = doc->id,
      .progress = (char *) (failure == NULL ? PROGRESS_COMPLETED : PROGRESS_ERROR),
      .error = failure,
      .classification = (char *) "COMPOSITE",
      .page_count = failure == NULL ? page_count : -1,
      .processed_pages = failure == NULL ? (int) offset : 0,
    };

    if (failure == NULL)
      {
        json_node_set_object (extractions_node, extractions);
        json_node_set_object (layout_node, layout);
        extractions_text = json_text (extractions_node);
        layout_text = json_text (layout_node);
        result.extractions = extractions_text;
        result.layout = layout_text;
      }

    if (!remit_server_db_update_document_result (self->db, &result, &error))
      g_warning ("Cannot store the composite document %s: %s", id, error->message);
  }

  return TRUE;
}

static void
document_finished (RemitServer *self, const char *id)
{
  g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  wake_waiters (self, id);

  /* Composites waiting for this part (or any part) may be complete now. */
  g_hash_table_iter_init (&iter, self->pending_composites);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (try_complete_composite (self, key))
      g_ptr_array_add (done, g_strdup (key));

  for (guint i = 0; i < done->len; i++)
    {
      const char *composite = g_ptr_array_index (done, i);

      g_hash_table_remove (self->pending_composites, composite);
      wake_waiters (self, composite);
    }
}

/* Resumes the documents a previous run left PENDING. */
void
remit_server_documents_resume (RemitServer *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pending = remit_server_db_list_pending_documents (self->db, &error);

  if (pending == NULL)
    {
      g_warning ("Cannot resume the documents being processed: %s", error->message);
      return;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      RemitServerDoc *doc = g_ptr_array_index (pending, i);

      if (doc->kind == REMIT_SERVER_DOC_COMPOSITE)
        g_hash_table_add (self->pending_composites, g_strdup (doc->id));
      else
        start_processing (self, doc->id, 0);
    }

  if (g_hash_table_size (self->pending_composites) > 0)
    document_finished (self, "");
}

/* Upload ------------------------------------------------------------------------------------ */

typedef struct
{
  RemitServerRequest *req;
  RemitServerDoc *doc;
  GBytes *data;
  RemitInputType type;
  char *path;
} UploadJob;

static void
upload_job_free (UploadJob *job)
{
  g_clear_pointer (&job->doc, remit_server_doc_free);
  g_clear_pointer (&job->data, g_bytes_unref);
  g_free (job->path);
  g_free (job);
}

static gboolean
input_type_renders (RemitInputType type)
{
  return type == REMIT_INPUT_PDF || type == REMIT_INPUT_PNG || type == REMIT_INPUT_JPEG
         || type == REMIT_INPUT_TIFF || type == REMIT_INPUT_GIF;
}

/* In a worker: can the engine open the file? Then it is stored. A PDF or an image is
 * checked by rendering its first page very small, which opens and parses it. */
static void
upload_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  UploadJob *job = task_data;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (job->data, &size);

  if (input_type_renders (job->type))
    {
      g_autoptr (GBytes) png = remit_engine_render_page_png (job->data, 1, CHECK_WIDTH, &error);

      if (png == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      /* Text and XML are read quickly: a full extraction is the check. */
      g_autoptr (RemitEngineResult) result = remit_engine_extract (job->data,
                                                                   REMIT_ENGINE_FLAGS_NONE,
                                                                   cancellable, &error);

      if (result == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (!g_file_set_contents_full (job->path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
answer_created (RemitServerRequest *req, const RemitServerDoc *doc)
{
  g_autofree char *location = remit_server_request_make_uri (req, "/documents/%s", doc->id);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location",
                                location);
  remit_server_reply_json (req, SOUP_STATUS_CREATED, document_json (req, doc));
}

static void
on_upload_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitServer *self = REMIT_SERVER (source);
  UploadJob *job = g_task_get_task_data (G_TASK (result));
  RemitServerRequest *req = job->req;
  g_autoptr (GError) error = NULL;
  gboolean checked = g_task_propagate_boolean (G_TASK (result), &error);

  /* A server that stops takes no new document: the file goes, the client tries again. */
  if (!checked || g_cancellable_is_cancelled (self->cancellable))
    {
      remit_server_idempotency_end (req);

      if (g_cancellable_is_cancelled (self->cancellable))
        {
          if (checked)
            remit_server_documents_delete_files (self, job->doc->id);
          remit_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                    "The server is shutting down; try again");
        }
      else if (g_error_matches (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE))
        remit_server_reply_error (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "%s", error->message);
      else if (g_error_matches (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE))
        remit_server_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "%s",
                                  error->message);
      else if (g_error_matches (error, REMIT_ENGINE_ERROR,
                                REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE))
        /* Nothing wrong with the document: this server cannot read its kind. */
        remit_server_reply_error (req, SOUP_STATUS_NOT_IMPLEMENTED, "%s", error->message);
      else if (error->domain == REMIT_ENGINE_ERROR)
        remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
      else
        remit_server_reply_internal_error (req, error);

      remit_server_request_release (req);
      return;
    }

  if (!remit_server_db_insert_document (self->db, job->doc, &error))
    {
      remit_server_idempotency_end (req);
      remit_server_documents_delete_files (self, job->doc->id);
      remit_server_reply_internal_error (req, error);
      remit_server_request_release (req);
      return;
    }

  answer_created (req, job->doc);
  remit_server_request_release (req);

  start_processing (self, job->doc->id,
                    g_get_monotonic_time () + (gint64) self->processing_delay * 1000);
}

/* The type of a partial page: `application/vnd.gini.vN.partial+png` → image/png. */
static const char *
partial_content_type (const char *type)
{
  const char *plus;

  if (!g_str_has_prefix (type, "application/vnd.gini.v") || strstr (type, ".partial+") == NULL)
    return NULL;

  plus = strchr (type, '+') + 1;
  if (g_str_equal (plus, "png"))
    return "image/png";
  if (g_str_equal (plus, "pdf"))
    return "application/pdf";
  if (g_str_equal (plus, "jpeg") || g_str_equal (plus, "jpg"))
    return "image/jpeg";
  if (g_str_equal (plus, "tiff"))
    return "image/tiff";

  return "";
}

static gboolean
is_composite_type (const char *type)
{
  return g_str_has_prefix (type, "application/vnd.gini.v") && g_str_has_suffix (type,
                                                                               ".composite+json");
}

/* Checks the optional metadata headers; answers 400 and returns FALSE if one is bad. */
static gboolean
read_metadata (RemitServerRequest *req, RemitServerDoc *doc)
{
  const char *branch = remit_server_request_get_header (req, "X-Document-Metadata-BranchId");
  const char *device = remit_server_request_get_header (req, "X-Document-Metadata-DeviceClass");

  if (branch != NULL)
    {
      for (const char *p = branch; *p != '\0'; p++)
        if (*p < 0x20 || *p > 0x7e)
          {
            remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                      "X-Document-Metadata-BranchId must be printable ASCII");
            return FALSE;
          }
      doc->branch_id = g_strdup (branch);
    }

  if (device != NULL)
    {
      if (!g_str_equal (device, "desktop_device") && !g_str_equal (device, "mobile_device"))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "X-Document-Metadata-DeviceClass must be “desktop_device” "
                                    "or “mobile_device”");
          return FALSE;
        }
      doc->device_class = g_strdup (device);
    }

  return TRUE;
}

static char *
media_type_of (const char *content_type)
{
  g_autofree char *type = NULL;

  if (content_type == NULL)
    return NULL;

  type = g_ascii_strdown (content_type, strcspn (content_type, ";"));
  g_strstrip (type);
  return type[0] != '\0' ? g_steal_pointer (&type) : NULL;
}

static void
create_composite (RemitServerRequest *req, RemitServerDoc *doc, GBytes *body)
{
  RemitServer *self = req->server;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) partials = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) parts = json_array_new ();
  g_autoptr (JsonNode) parts_node = json_node_new (JSON_NODE_ARRAY);
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, &error)
      || json_parser_get_root (parser) == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The composite body is not valid JSON%s%s",
                                error != NULL ? ": " : "", error != NULL ? error->message : "");
      return;
    }

  partials = remit_composite_document_from_json (json_parser_get_root (parser), &error);
  if (partials == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
      return;
    }

  for (guint i = 0; i < partials->len; i++)
    {
      RemitPartialDocument *partial = g_ptr_array_index (partials, i);
      g_autofree char *id = remit_id_from_location (partial->document);
      g_autoptr (RemitServerDoc) part = NULL;
      JsonObject *entry;

      if (id != NULL)
        part = remit_server_db_get_document (self->db, id, &error);
      if (error != NULL)
        {
          remit_server_reply_internal_error (req, error);
          return;
        }

      if (part == NULL || g_strcmp0 (part->user_id, req->user_id) != 0
          || part->kind != REMIT_SERVER_DOC_PARTIAL)
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“%s” is not one of your partial documents; upload each "
                                    "page as application/vnd.gini.v1.partial+TYPE first",
                                    partial->document);
          return;
        }

      entry = json_object_new ();
      json_object_set_string_member (entry, "id", id);
      json_object_set_int_member (entry, "rotationDelta", partial->rotation_delta);
      json_array_add_object_element (parts, entry);
    }

  json_node_set_array (parts_node, parts);
  doc->parts = json_text (parts_node);
  doc->kind = REMIT_SERVER_DOC_COMPOSITE;
  doc->classification = g_strdup ("COMPOSITE");
  doc->content_type = g_strdup ("application/vnd.gini.v1.composite+json");

  if (!remit_server_db_insert_document (self->db, doc, &error))
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  g_hash_table_add (self->pending_composites, g_strdup (doc->id));
  if (try_complete_composite (self, doc->id))
    g_hash_table_remove (self->pending_composites, doc->id);

  {
    g_autoptr (RemitServerDoc) stored = remit_server_db_get_document (self->db, doc->id, NULL);

    answer_created (req, stored != NULL ? stored : doc);
  }
}

static void
upload (RemitServerRequest *req)
{
  RemitServer *self = req->server;
  g_autoptr (GBytes) body = remit_server_request_get_body (req);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (RemitServerDoc) doc = g_new0 (RemitServerDoc, 1);
  g_autoptr (GTask) task = NULL;
  g_autofree char *type = NULL;
  g_autofree char *fingerprint = NULL;
  const char *filename = remit_server_request_get_query (req, "filename");
  g_autofree char *part_filename = NULL;
  RemitInputType input;
  RemitInputType sniffed;
  const char *partial;
  UploadJob *job;
  gsize size;
  const guint8 *bytes;

  type = media_type_of (remit_server_request_get_header (req, "Content-Type"));

  if (type != NULL && g_str_equal (type, "multipart/form-data"))
    {
      g_autoptr (SoupMultipart) multipart = soup_multipart_new_from_message (
        soup_server_message_get_request_headers (req->msg), body);
      gboolean found = FALSE;

      for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart) && !found;
           i++)
        {
          SoupMessageHeaders *headers;
          GBytes *part_body;
          g_autofree char *disposition = NULL;
          g_autoptr (GHashTable) params = NULL;

          if (!soup_multipart_get_part (multipart, i, &headers, &part_body)
              || !soup_message_headers_get_content_disposition (headers, &disposition, &params)
              || g_strcmp0 (g_hash_table_lookup (params, "name"), "file") != 0)
            continue;

          found = TRUE;
          data = g_bytes_ref (part_body);
          g_free (type);
          type = media_type_of (soup_message_headers_get_content_type (headers, NULL));
          part_filename = g_strdup (g_hash_table_lookup (params, "filename"));
        }

      if (!found)
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "The multipart body has no part named “file”");
          return;
        }
    }
  else
    {
      data = g_bytes_ref (body);
    }

  bytes = g_bytes_get_data (data, &size);
  doc->id = g_uuid_string_random ();
  doc->user_id = g_strdup (req->user_id);
  doc->kind = REMIT_SERVER_DOC_PLAIN;
  doc->name = g_strdup (filename != NULL ? filename
                        : part_filename != NULL ? part_filename
                                                : "document");
  doc->created = g_get_real_time () / 1000;
  doc->progress = g_strdup (PROGRESS_PENDING);
  doc->page_count = -1;
  doc->processed_pages = -1;

  if (!read_metadata (req, doc))
    return;

  if (size >= REMIT_SERVER_MAX_UPLOAD)
    {
      remit_server_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                "The file has %" G_GSIZE_FORMAT " bytes; files must be smaller "
                                "than 10 MiB",
                                size);
      return;
    }

  if (size == 0)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "The file is empty");
      return;
    }

  fingerprint = remit_server_fingerprint (req, body);
  if (!remit_server_idempotency_begin (req, fingerprint))
    return;

  if (type != NULL && is_composite_type (type))
    {
      create_composite (req, doc, data);
      remit_server_idempotency_end (req);
      return;
    }

  partial = type != NULL ? partial_content_type (type) : NULL;
  if (partial != NULL)
    {
      if (partial[0] == '\0')
        {
          remit_server_idempotency_end (req);
          remit_server_reply_error (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                    "A partial document is PNG, PDF or JPEG, not “%s”", type);
          return;
        }
      doc->kind = REMIT_SERVER_DOC_PARTIAL;
      g_free (type);
      type = g_strdup (partial);
    }

  sniffed = remit_input_type_sniff (bytes, size);
  if (type == NULL || g_str_equal (type, "application/octet-stream"))
    input = sniffed;
  else
    input = remit_input_type_from_content_type (type);

  if (input == REMIT_INPUT_UNKNOWN)
    {
      remit_server_idempotency_end (req);
      remit_server_reply_error (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                "The type “%s” is not supported; send a PDF, a JPEG, PNG, GIF or "
                                "TIFF image, an e-invoice (XML) or UTF-8 text",
                                type != NULL ? type : "unknown");
      return;
    }

  if (input_type_renders (input) && sniffed != input)
    {
      remit_server_idempotency_end (req);
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The file is not what its type “%s” says; it may be damaged",
                                remit_input_type_to_content_type (input));
      return;
    }

  if (input == REMIT_INPUT_TEXT)
    {
      if (size >= REMIT_SERVER_MAX_TEXT)
        {
          remit_server_idempotency_end (req);
          remit_server_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    "Text files must be smaller than 512 KiB");
          return;
        }
      if (!g_utf8_validate ((const char *) bytes, size, NULL))
        {
          remit_server_idempotency_end (req);
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "The text file is not UTF-8; save it as UTF-8 and send it "
                                    "again");
          return;
        }
    }

  doc->content_type = g_strdup (remit_input_type_to_content_type (input));

  job = g_new0 (UploadJob, 1);
  job->req = req;
  job->doc = g_steal_pointer (&doc);
  job->data = g_steal_pointer (&data);
  job->type = input;
  job->path = file_path (self, job->doc->id);

  remit_server_request_hold (req);
  task = remit_server_task_new (self, self->cancellable, on_upload_checked, upload);
  g_task_set_task_data (task, job, (GDestroyNotify) upload_job_free);
  g_task_run_in_thread (task, upload_thread);
}

static void
list_documents (RemitServerRequest *req)
{
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *array;
  JsonObject *object;
  JsonNode *node;
  gint64 limit;
  gint64 offset;
  gint64 total = 0;

  if (!remit_server_parse_paging (req, &limit, &offset))
    return;

  docs = remit_server_db_list_documents (req->server->db, req->user_id, limit, offset, &total,
                                         &error);
  if (docs == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  array = json_array_sized_new (docs->len);
  for (guint i = 0; i < docs->len; i++)
    json_array_add_element (array, document_json (req, g_ptr_array_index (docs, i)));

  object = json_object_new ();
  json_object_set_int_member (object, "totalCount", total);
  json_object_set_array_member (object, "documents", array);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  remit_server_reply_json (req, SOUP_STATUS_OK, node);
}

static void
delete_document (RemitServerRequest *req, RemitServerDoc *doc)
{
  RemitServer *self = req->server;
  g_autoptr (GError) error = NULL;
  gboolean is_part = FALSE;

  if (doc->kind == REMIT_SERVER_DOC_PARTIAL
      && (!remit_server_db_document_is_part (self->db, doc->id, &is_part, &error) || is_part))
    {
      if (error != NULL)
        remit_server_reply_internal_error (req, error);
      else
        remit_server_reply_error (req, SOUP_STATUS_CONFLICT,
                                  "This partial document belongs to a composite document; "
                                  "delete the composite first");
      return;
    }

  if (!remit_server_db_delete_document (self->db, doc->id, &error))
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  if (doc->kind != REMIT_SERVER_DOC_COMPOSITE)
    remit_server_documents_delete_files (self, doc->id);
  g_hash_table_remove (self->pending_composites, doc->id);

  remit_server_reply_empty (req, SOUP_STATUS_NO_CONTENT);
  wake_waiters (self, doc->id);
}

/* Extractions and feedback ------------------------------------------------------------------ */

static RemitExtractionSet *
stored_extractions (RemitServerRequest *req, const RemitServerDoc *doc)
{
  g_autoptr (GError) error = NULL;
  RemitExtractionSet *set;

  if (doc->extractions == NULL)
    return remit_extraction_set_new ();

  set = remit_extraction_set_new_from_string (doc->extractions, -1, &error);
  if (set == NULL)
    remit_server_reply_internal_error (req, error);

  return set;
}

static gboolean
require_completed (RemitServerRequest *req, const RemitServerDoc *doc)
{
  if (is_state (doc, PROGRESS_COMPLETED))
    return TRUE;

  remit_server_reply_error (req, SOUP_STATUS_CONFLICT,
                            is_state (doc, PROGRESS_PENDING)
                              ? "The document is still being processed; wait until its progress "
                                "is COMPLETED"
                              : "The document could not be processed; it has no extractions");
  return FALSE;
}

typedef struct
{
  RemitServerRequest *req;
  RemitExtractionSet *set;
  char **reason_ids;
} FeedbackCheck;

/* Checks one `label: {"value": …, "entity"?, "box"?}` of a feedback body. @known says whether
 * the document has the label; otherwise it must be a label the API documents. Answers and
 * returns FALSE when the entry is rejected. */
static gboolean
check_feedback_entry (FeedbackCheck *check,
                      const char *path,
                      const char *label,
                      JsonNode *node,
                      RemitExtraction *existing)
{
  RemitServerRequest *req = check->req;
  g_autoptr (GError) error = NULL;
  const char *entity = NULL;
  const char *value;
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "“%s.%s” must be an object {\"value\": \"…\"}", path, label);
      return FALSE;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "value");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "“%s.%s.value” must be a string",
                                path, label);
      return FALSE;
    }
  value = json_node_get_string (member);

  member = json_object_get_member (object, "entity");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_STRING)
    entity = json_node_get_string (member);
  else if (existing != NULL)
    entity = remit_extraction_get_entity (existing);

  if (existing == NULL && remit_feedback_label_get_entity (label) == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                                "The document has no extraction “%s”, and it is not a label "
                                "the API knows",
                                label);
      return FALSE;
    }

  member = json_object_get_member (object, "box");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      RemitBox box;

      if (!JSON_NODE_HOLDS_OBJECT (member)
          || !remit_box_init_from_json (&box, json_node_get_object (member), &error))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "“%s.%s.box” is not a box%s%s",
                                    path, label, error != NULL ? ": " : "",
                                    error != NULL ? error->message : "");
          return FALSE;
        }
    }

  if (!remit_feedback_validate_value (entity, label, value,
                                      (const char *const *) check->reason_ids, &error))
    {
      remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* The extraction a feedback entry makes of a label. */
static RemitExtraction *
extraction_from_feedback (JsonObject *object, const char *label, RemitExtraction *existing)
{
  const char *value = json_object_get_string_member (object, "value");
  const char *entity = json_object_get_string_member_with_default (object, "entity", NULL);
  JsonNode *box_node = json_object_get_member (object, "box");
  RemitExtraction *extraction;
  RemitBox box;

  if (existing != NULL)
    {
      extraction = remit_extraction_copy (existing);
      if (g_strcmp0 (remit_extraction_get_value (existing), value) != 0)
        remit_extraction_set_box (extraction, NULL);
      remit_extraction_set_value (extraction, value);
      if (entity != NULL)
        remit_extraction_set_entity (extraction, entity);
    }
  else
    {
      if (entity == NULL)
        entity = remit_feedback_label_get_entity (label);
      extraction = remit_extraction_new (entity != NULL ? entity : "text", value);
    }

  if (box_node != NULL && JSON_NODE_HOLDS_OBJECT (box_node)
      && remit_box_init_from_json (&box, json_node_get_object (box_node), NULL))
    remit_extraction_set_box (extraction, &box);

  return extraction;
}

static void
put_feedback (RemitServerRequest *req, RemitServerDoc *doc)
{
  RemitServer *self = req->server;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *extractions_text = NULL;
  g_auto (GStrv) reason_ids = NULL;
  JsonObject *object;
  JsonObject *specific = NULL;
  JsonObject *compound = NULL;
  JsonNode *member;
  FeedbackCheck check;

  if (!require_completed (req, doc))
    return;

  root = remit_server_request_parse_json (req);
  if (root == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The feedback must be an object {\"extractions\": {label: "
                                "{\"value\": \"…\"}}}");
      return;
    }
  object = json_node_get_object (root);

  /* The older shape wraps everything in "feedback". */
  member = json_object_get_member (object, "feedback");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member)
      && !json_object_has_member (object, "extractions"))
    {
      JsonObject *inner = json_node_get_object (member);

      if (json_object_has_member (inner, "extractions")
          || json_object_has_member (inner, "compoundExtractions"))
        object = inner;
      else
        specific = inner;
    }

  if (specific == NULL)
    {
      member = json_object_get_member (object, "extractions");
      if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“extractions” must be an object");
          return;
        }
      specific = member != NULL ? json_node_get_object (member) : NULL;

      member = json_object_get_member (object, "compoundExtractions");
      if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“compoundExtractions” must be an object");
          return;
        }
      compound = member != NULL ? json_node_get_object (member) : NULL;
    }

  if (specific == NULL && compound == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The feedback has neither “extractions” nor "
                                "“compoundExtractions”");
      return;
    }

  set = stored_extractions (req, doc);
  if (set == NULL)
    return;

  reason_ids = remit_extraction_set_get_return_reason_ids (set);
  check.req = req;
  check.set = set;
  check.reason_ids = reason_ids;

  /* Check everything before changing anything. */
  if (specific != NULL)
    {
      g_autoptr (GList) labels = json_object_get_members (specific);

      for (GList *l = labels; l != NULL; l = l->next)
        if (!check_feedback_entry (&check, "extractions", l->data,
                                   json_object_get_member (specific, l->data),
                                   remit_extraction_set_get_extraction (set, l->data)))
          return;
    }

  if (compound != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (compound);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *rows = json_object_get_member (compound, l->data);
          GPtrArray *existing_rows = remit_extraction_set_get_compound (set, l->data);

          if (!JSON_NODE_HOLDS_ARRAY (rows))
            {
              remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                        "“compoundExtractions.%s” must be a list of rows",
                                        (const char *) l->data);
              return;
            }

          for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
            {
              JsonNode *row = json_array_get_element (json_node_get_array (rows), i);
              g_autofree char *path = g_strdup_printf ("compoundExtractions.%s[%u]",
                                                       (const char *) l->data, i);
              g_autoptr (GList) labels = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (row))
                {
                  remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                            "“%s” must be an object", path);
                  return;
                }

              labels = json_object_get_members (json_node_get_object (row));
              for (GList *k = labels; k != NULL; k = k->next)
                {
                  RemitExtraction *existing = NULL;

                  if (existing_rows != NULL && i < existing_rows->len)
                    existing = remit_extraction_map_lookup (g_ptr_array_index (existing_rows, i),
                                                            k->data);
                  if (!check_feedback_entry (&check, path, k->data,
                                             json_object_get_member (json_node_get_object (row),
                                                                     k->data),
                                             existing))
                    return;
                }
            }
        }
    }

  /* Apply: the extractions answer shows the reviewed values from now on. */
  if (specific != NULL)
    {
      g_autoptr (GList) labels = json_object_get_members (specific);

      for (GList *l = labels; l != NULL; l = l->next)
        {
          g_autoptr (RemitExtraction) extraction = extraction_from_feedback (
            json_object_get_object_member (specific, l->data), l->data,
            remit_extraction_set_get_extraction (set, l->data));

          remit_extraction_set_set_extraction (set, l->data, extraction);
        }
    }

  if (compound != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (compound);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *rows = json_object_get_array_member (compound, l->data);
          g_autoptr (GPtrArray) old_rows = NULL;
          GPtrArray *existing_rows = remit_extraction_set_get_compound (set, l->data);

          if (existing_rows != NULL)
            old_rows = g_ptr_array_ref (existing_rows);
          remit_extraction_set_remove_compound (set, l->data);

          for (guint i = 0; i < json_array_get_length (rows); i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);
              g_autoptr (RemitExtractionMap) map = remit_extraction_map_new ();
              g_autoptr (GList) labels = json_object_get_members (row);
              RemitExtractionMap *old_row = old_rows != NULL && i < old_rows->len
                                              ? g_ptr_array_index (old_rows, i)
                                              : NULL;

              for (GList *k = labels; k != NULL; k = k->next)
                {
                  g_autoptr (RemitExtraction) extraction = extraction_from_feedback (
                    json_object_get_object_member (row, k->data), k->data,
                    old_row != NULL ? remit_extraction_map_lookup (old_row, k->data) : NULL);

                  remit_extraction_map_insert (map, k->data, extraction);
                }

              remit_extraction_set_add_compound_row (set, l->data, map);
            }
        }
    }

  body_text = json_text (root);
  extractions_text = remit_extraction_set_to_string (set, FALSE);

  if (!remit_server_db_begin (self->db, &error)
      || !remit_server_db_insert_feedback (self->db, doc->id, body_text, NULL, &error)
      || !remit_server_db_update_extractions (self->db, doc->id, extractions_text, &error)
      || !remit_server_db_commit (self->db, &error))
    {
      remit_server_db_rollback (self->db);
      remit_server_reply_internal_error (req, error);
      return;
    }

  remit_server_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* `GET …/extractions/feedback`: what the server received, oldest first. Not part of the
 * Gini API; tests and the office admin use it to see that each bill got its feedback once. */
static void
list_feedback (RemitServerRequest *req, RemitServerDoc *doc)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *bodies;
  JsonArray *deleted;
  JsonObject *object;
  JsonNode *node;

  list = remit_server_db_list_feedback (req->server->db, doc->id, &error);
  if (list == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  bodies = json_array_new ();
  deleted = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    {
      RemitServerFeedback *feedback = g_ptr_array_index (list, i);
      JsonObject *entry = json_object_new ();

      json_object_set_int_member (entry, "receivedAt", feedback->received);
      if (feedback->label != NULL)
        {
          json_object_set_string_member (entry, "label", feedback->label);
          json_array_add_object_element (deleted, entry);
        }
      else
        {
          json_object_set_member (entry, "body", parse_json_text (feedback->body, NULL));
          json_array_add_object_element (bodies, entry);
        }
    }

  object = json_object_new ();
  json_object_set_array_member (object, "feedback", bodies);
  json_object_set_array_member (object, "deletedLabels", deleted);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  remit_server_reply_json (req, SOUP_STATUS_OK, node);
}

static void
delete_label (RemitServerRequest *req, RemitServerDoc *doc, const char *label)
{
  RemitServer *self = req->server;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!require_completed (req, doc))
    return;

  set = stored_extractions (req, doc);
  if (set == NULL)
    return;

  if (!remit_extraction_set_remove_extraction (set, label))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                                "The document has no extraction “%s”", label);
      return;
    }

  text = remit_extraction_set_to_string (set, FALSE);
  if (!remit_server_db_begin (self->db, &error)
      || !remit_server_db_update_extractions (self->db, doc->id, text, &error)
      || !remit_server_db_insert_feedback (self->db, doc->id, NULL, label, &error)
      || !remit_server_db_commit (self->db, &error))
    {
      remit_server_db_rollback (self->db);
      remit_server_reply_internal_error (req, error);
      return;
    }

  remit_server_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* Pages ------------------------------------------------------------------------------------- */

static void
list_pages (RemitServerRequest *req, RemitServerDoc *doc)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func (
    (GDestroyNotify) remit_document_page_unref);

  for (int n = 1; n <= doc->processed_pages; n++)
    {
      RemitDocumentPage *page = remit_document_page_new (n);
      g_autofree char *large = remit_server_request_make_uri (req, "/documents/%s/pages/%d/large",
                                                              doc->id, n);
      g_autofree char *medium = remit_server_request_make_uri (
        req, "/documents/%s/pages/%d/medium", doc->id, n);

      remit_document_page_set_image (page, REMIT_DOCUMENT_PAGE_IMAGE_LARGE, large);
      remit_document_page_set_image (page, REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM, medium);
      g_ptr_array_add (pages, page);
    }

  remit_server_reply_json (req, SOUP_STATUS_OK, remit_document_pages_to_json (pages));
}

typedef struct
{
  RemitServerRequest *req;
  char *source;
  char *cache;
  guint page;
  guint width;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->source);
  g_free (job->cache);
  g_free (job);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) png = NULL;
  char *cached = NULL;
  gsize length = 0;

  if (g_file_get_contents (job->cache, &cached, &length, NULL))
    {
      g_task_return_pointer (task, g_bytes_new_take (cached, length),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  file = g_mapped_file_new (job->source, FALSE, &error);
  if (file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_mapped_file_get_bytes (file);

  png = remit_engine_render_page_png (data, job->page, job->width, &error);
  if (png == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A cache only: a failure to write it costs a render next time. */
  g_file_set_contents_full (job->cache, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
  g_task_return_pointer (task, g_steal_pointer (&png), (GDestroyNotify) g_bytes_unref);
}

static void
on_rendered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  RemitServerRequest *req = job->req;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = g_task_propagate_pointer (G_TASK (result), &error);

  if (png != NULL)
    remit_server_reply_bytes (req, SOUP_STATUS_OK, "image/png", png);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    remit_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE,
                              "The server is shutting down; try again");
  else if (error->domain == REMIT_ENGINE_ERROR)
    remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no image of this page: %s",
                              error->message);
  else
    remit_server_reply_internal_error (req, error);

  remit_server_request_release (req);
}

static void
page_image (RemitServerRequest *req, RemitServerDoc *doc, const char *number, const char *size)
{
  RemitServer *self = req->server;
  g_autoptr (GTask) task = NULL;
  g_autofree char *source_id = g_strdup (doc->id);
  RenderJob *job;
  guint64 page;
  guint width;

  if (g_str_equal (size, "large"))
    width = PAGE_WIDTH_LARGE;
  else if (g_str_equal (size, "medium"))
    width = PAGE_WIDTH_MEDIUM;
  else
    width = 0;

  if (width == 0 || !g_ascii_string_to_unsigned (number, 10, 1, MAX (doc->processed_pages, 1),
                                                 &page, NULL)
      || (gint64) page > doc->processed_pages)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                                "There is no image %s of page %s; the document has %d pages and "
                                "the sizes are “large” and “medium”",
                                size, number, MAX (doc->processed_pages, 0));
      return;
    }

  /* A composite's page N is a page of one of its parts. */
  if (doc->kind == REMIT_SERVER_DOC_COMPOSITE)
    {
      g_autoptr (JsonNode) holder = NULL;
      JsonArray *parts = composite_parts (doc, &holder);
      guint64 first = 1;
      gboolean found = FALSE;

      for (guint i = 0; parts != NULL && i < json_array_get_length (parts) && !found; i++)
        {
          const char *part_id = json_object_get_string_member (
            json_array_get_object_element (parts, i), "id");
          g_autoptr (RemitServerDoc) part = remit_server_db_get_document (self->db, part_id,
                                                                          NULL);
          int pages = part != NULL ? MAX (part->processed_pages, 0) : 0;

          if (page < first + pages)
            {
              g_free (source_id);
              source_id = g_strdup (part_id);
              page = page - first + 1;
              found = TRUE;
            }
          first += pages;
        }

      if (!found)
        {
          remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                                    "The part that held page %s is gone", number);
          return;
        }
    }

  job = g_new0 (RenderJob, 1);
  job->req = req;
  job->source = file_path (self, source_id);
  job->cache = page_cache_path (self, source_id, page, size);
  job->page = page;
  job->width = width;

  remit_server_request_hold (req);
  task = remit_server_task_new (self, self->cancellable, on_rendered, page_image);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static void
processed_file (RemitServerRequest *req, RemitServerDoc *doc)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) data = NULL;

  if (doc->kind == REMIT_SERVER_DOC_COMPOSITE)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                                "A composite document has no single file; fetch its partial "
                                "documents' processed files");
      return;
    }

  path = file_path (req->server, doc->id);
  file = g_mapped_file_new (path, FALSE, &error);
  if (file == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  data = g_mapped_file_get_bytes (file);
  remit_server_reply_bytes (req, SOUP_STATUS_OK, doc->content_type, data);
}

/* Routing ----------------------------------------------------------------------------------- */

static void
reply_json_text (RemitServerRequest *req, const char *text, const char *fallback)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = parse_json_text (text != NULL ? text : fallback, &error);

  if (node == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  remit_server_reply_json (req, SOUP_STATUS_OK, node);
}

/* GETs of a document's extractions, layout, pages and page images, answered once the
 * document is processed. */
static void
serve_subresource (RemitServerRequest *req, RemitServerDoc *doc)
{
  const char *what = req->segments[2];

  if (is_state (doc, PROGRESS_PENDING))
    {
      wait_for_document (req, doc->id);
      return;
    }

  if (g_str_equal (what, "extractions"))
    reply_json_text (req, doc->extractions,
                     "{\"extractions\":{},\"compoundExtractions\":{},\"candidates\":{}}");
  else if (g_str_equal (what, "layout"))
    reply_json_text (req, doc->layout, "{\"pages\":[]}");
  else if (g_str_equal (what, "pages") && req->n_segments == 3)
    list_pages (req, doc);
  else if (g_str_equal (what, "pages") && req->n_segments == 5)
    page_image (req, doc, req->segments[3], req->segments[4]);
  else
    g_assert_not_reached ();
}

void
remit_server_handle_documents (RemitServerRequest *req)
{
  g_autoptr (RemitServerDoc) doc = NULL;
  const char *method = req->method;
  const char *what;
  guint n = req->n_segments;

  if (n == 1)
    {
      if (!g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
        {
          remit_server_reply_method_not_allowed (req, "GET, POST");
          return;
        }
      if (!remit_server_authenticate_user (req))
        return;

      if (g_str_equal (method, "GET"))
        list_documents (req);
      else
        upload (req);
      return;
    }

  what = n >= 3 ? req->segments[2] : NULL;
  if (n > 5 || (n == 3 && !g_str_equal (what, "extractions") && !g_str_equal (what, "layout")
                && !g_str_equal (what, "pages") && !g_str_equal (what, "processed"))
      || (n == 4 && !g_str_equal (what, "extractions"))
      || (n == 5 && !g_str_equal (what, "pages")))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no resource at %s",
                                req->path);
      return;
    }

  /* Methods first, so that a wrong one is told without touching the document. */
  if (n == 2 && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
    {
      remit_server_reply_method_not_allowed (req, "GET, DELETE");
      return;
    }
  if ((n == 3 || n == 5) && !g_str_equal (method, "GET"))
    {
      remit_server_reply_method_not_allowed (req, "GET");
      return;
    }
  if (n == 4 && g_str_equal (req->segments[3], "feedback") && !g_str_equal (method, "PUT")
      && !g_str_equal (method, "POST") && !g_str_equal (method, "GET"))
    {
      remit_server_reply_method_not_allowed (req, "PUT, POST, GET");
      return;
    }
  if (n == 4 && !g_str_equal (req->segments[3], "feedback") && !g_str_equal (method, "DELETE"))
    {
      remit_server_reply_method_not_allowed (req, "DELETE");
      return;
    }

  if (!remit_server_authenticate_user (req))
    return;

  doc = load_document (req, req->segments[1]);
  if (doc == NULL)
    return;

  if (n == 2)
    {
      if (g_str_equal (method, "GET"))
        remit_server_reply_json (req, SOUP_STATUS_OK, document_json (req, doc));
      else
        delete_document (req, doc);
    }
  else if (n == 3 && g_str_equal (what, "processed"))
    processed_file (req, doc);
  else if (n == 3 || n == 5)
    serve_subresource (req, doc);
  else if (g_str_equal (req->segments[3], "feedback"))
    {
      if (g_str_equal (method, "GET"))
        list_feedback (req, doc);
      else
        put_feedback (req, doc);
    }
  else
    delete_label (req, doc, req->segments[3]);
}
