/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-api-client-private.h"

/* Documents of the Pay API: uploads, the document resource, extractions, feedback, layout,
 * pages and the processed file. */

#define POLL_FIRST_INTERVAL_MS 500
#define POLL_MAX_INTERVAL_MS   3000

static char *
document_path (const char *document_id, const char *suffix)
{
  g_autofree char *escaped = remit_api_escape (document_id);

  return g_strconcat ("/documents/", escaped, suffix, NULL);
}

/* Uploads: the create, then the document it made */

typedef struct
{
  gpointer source_tag;
} UploadData;

static void
upload_document_got_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  RemitDocument *document;

  document = remit_api_client_get_document_finish (REMIT_API_CLIENT (source), result, &error);
  if (document == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
upload_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitApiClient *self = REMIT_API_CLIENT (source);
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  response = remit_api_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The new document is at the Location; ask for it by its id on the configured server,
   * so that a token is never sent to a host the Location names. */
  if (response->location != NULL)
    id = remit_id_from_location (response->location);
  if (id == NULL || *id == '\0')
    {
      remit_api_malformed (&error, response->request_id, _("the new document has no location"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  remit_api_client_get_document_async (self, id, g_task_get_cancellable (task),
                                       upload_document_got_cb, g_object_ref (task));
}

static void
upload_start (RemitApiClient *self,
              RemitApiRequest *request,
              const RemitApiUploadOptions *options,
              gpointer source_tag,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (options != NULL && options->branch_id != NULL)
    remit_api_request_add_header (request, "X-Document-Metadata-BranchId", options->branch_id);
  if (options != NULL && options->device_class != NULL)
    remit_api_request_add_header (request, "X-Document-Metadata-DeviceClass",
                                  options->device_class);
  request->idempotency_key = options != NULL && options->idempotency_key != NULL
                               ? g_strdup (options->idempotency_key)
                               : g_uuid_string_random ();
  remit_api_client_send_async (self, request, cancellable, upload_sent_cb, task);
}

static RemitDocument *
upload_finish (RemitApiClient *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
guess_content_type (GBytes *data, const char *filename)
{
  g_autofree char *guessed = NULL;
  gconstpointer bytes;
  gsize length;

  bytes = g_bytes_get_data (data, &length);
  guessed = g_content_type_guess (filename, bytes, MIN (length, 4096), NULL);
  return g_content_type_get_mime_type (guessed);
}

static gboolean
metadata_is_ascii (const RemitApiUploadOptions *options, GError **error)
{
  const char *values[2] = { NULL, NULL };

  if (options == NULL)
    return TRUE;
  values[0] = options->branch_id;
  values[1] = options->device_class;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] == NULL)
        continue;
      for (const char *c = values[i]; *c != '\0'; c++)
        {
          if ((guchar) *c < 0x20 || (guchar) *c > 0x7e)
            {
              g_set_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                           _("The document metadata “%s” must be plain ASCII text"), values[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The content type of an upload: the one given, else one read from the bytes and name. */
static char *
upload_content_type (GBytes *data, const RemitApiUploadOptions *options)
{
  if (options != NULL && options->content_type != NULL)
    return g_strdup (options->content_type);

  return guess_content_type (data, options != NULL ? options->filename : NULL);
}

/* `/documents`, with `?filename=` when the upload has a name. */
static char *
upload_path (const char *filename)
{
  g_autofree char *escaped = NULL;

  if (filename == NULL)
    return g_strdup ("/documents");

  escaped = g_uri_escape_string (filename, NULL, FALSE);
  return g_strconcat ("/documents?filename=", escaped, NULL);
}

/**
 * remit_api_client_upload_document_async:
 * @self: a client
 * @data: the file
 * @options: (nullable): file name, media type, multipart, metadata and idempotency key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new document
 * @user_data: data for @callback
 *
 * Uploads a document (`POST /documents`) and then reads it. The upload carries an
 * `Idempotency-Key` that stays the same across retries, so that a retry after a dropped
 * connection cannot create a second document.
 */
void
remit_api_client_upload_document_async (RemitApiClient *self,
                                        GBytes *data,
                                        const RemitApiUploadOptions *options,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autofree char *content_type = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  RemitApiRequest *request;
  const char *filename;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (data != NULL);

  if (!metadata_is_ascii (options, &error))
    {
      g_task_report_error (self, callback, user_data, remit_api_client_upload_document_async,
                           g_steal_pointer (&error));
      return;
    }

  filename = options != NULL ? options->filename : NULL;
  content_type = upload_content_type (data, options);

  if (options != NULL && options->multipart)
    {
      g_autoptr (SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
      g_autoptr (SoupMessageHeaders) headers = NULL;
      g_autoptr (GBytes) body = NULL;

      soup_multipart_append_form_file (multipart, "file", filename != NULL ? filename : "document",
                                       content_type, data);
      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
      soup_multipart_to_message (multipart, headers, &body);
      request = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", "/documents");
      remit_api_request_set_body (request, body,
                                  soup_message_headers_get_one (headers, "Content-Type"));
    }
  else
    {
      uri = upload_path (filename);
      request = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", uri);
      remit_api_request_set_body (request, data, content_type);
    }

  upload_start (self, request, options, remit_api_client_upload_document_async, cancellable,
                callback, user_data);
}

/**
 * remit_api_client_upload_document_finish:
 *
 * Returns: (transfer full): the new document (normally still PENDING), or %NULL with @error set
 */
RemitDocument *
remit_api_client_upload_document_finish (RemitApiClient *self,
                                         GAsyncResult *result,
                                         GError **error)
{
  return upload_finish (self, result, remit_api_client_upload_document_async, error);
}

/**
 * remit_api_client_upload_partial_async:
 * @self: a client
 * @data: one page: a PNG, JPEG or one-page PDF
 * @options: (nullable): as for remit_api_client_upload_document_async(); the content type
 *   is that of the page (`image/png`, `image/jpeg`, `application/pdf`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the partial document
 * @user_data: data for @callback
 *
 * Uploads one page as a partial document (`application/vnd.gini.v1.partial+png` and so
 * on), to be put together with remit_api_client_create_composite_async().
 */
void
remit_api_client_upload_partial_async (RemitApiClient *self,
                                       GBytes *data,
                                       const RemitApiUploadOptions *options,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autofree char *content_type = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  RemitApiRequest *request;
  const char *slash;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (data != NULL);

  if (!metadata_is_ascii (options, &error))
    {
      g_task_report_error (self, callback, user_data, remit_api_client_upload_partial_async,
                           g_steal_pointer (&error));
      return;
    }

  content_type = upload_content_type (data, options);
  slash = strchr (content_type, '/');
  suffix = g_strconcat (".partial+", slash != NULL ? slash + 1 : content_type, NULL);
  media_type = remit_api_client_media_type (self, REMIT_API_SERVICE_PAY, suffix);

  uri = upload_path (options != NULL ? options->filename : NULL);
  request = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", uri);
  remit_api_request_set_body (request, data, media_type);
  upload_start (self, request, options, remit_api_client_upload_partial_async, cancellable,
                callback, user_data);
}

/**
 * remit_api_client_upload_partial_finish:
 *
 * Returns: (transfer full): the partial document, or %NULL with @error set
 */
RemitDocument *
remit_api_client_upload_partial_finish (RemitApiClient *self,
                                        GAsyncResult *result,
                                        GError **error)
{
  return upload_finish (self, result, remit_api_client_upload_partial_async, error);
}

/**
 * remit_api_client_create_composite_async:
 * @self: a client
 * @partials: (element-type RemitPartialDocument): the pages, in order
 * @options: (nullable): metadata and idempotency key; the other members are ignored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the composite document
 * @user_data: data for @callback
 *
 * Creates a composite document out of partial documents.
 */
void
remit_api_client_create_composite_async (RemitApiClient *self,
                                         GPtrArray *partials,
                                         const RemitApiUploadOptions *options,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *media_type = NULL;
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (partials != NULL);

  body = remit_composite_document_to_json (partials, &error);
  if (body == NULL || !metadata_is_ascii (options, &error))
    {
      g_autoptr (GError) wrapped = NULL;

      wrapped = g_error_new_literal (REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                                     error->message);
      g_task_report_error (self, callback, user_data, remit_api_client_create_composite_async,
                           g_steal_pointer (&wrapped));
      return;
    }

  media_type = remit_api_client_media_type (self, REMIT_API_SERVICE_PAY, ".composite+json");
  request = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", "/documents");
  remit_api_request_set_json (request, body, media_type);
  upload_start (self, request, options, remit_api_client_create_composite_async, cancellable,
                callback, user_data);
}

/**
 * remit_api_client_create_composite_finish:
 *
 * Returns: (transfer full): the composite document, or %NULL with @error set
 */
RemitDocument *
remit_api_client_create_composite_finish (RemitApiClient *self,
                                          GAsyncResult *result,
                                          GError **error)
{
  return upload_finish (self, result, remit_api_client_create_composite_async, error);
}

/* The document resource */

void
remit_api_client_get_document_async (RemitApiClient *self,
                                     const char *document_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, NULL);
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_document_new_from_json, g_object_unref,
      remit_api_client_get_document_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_document_finish:
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
RemitDocument *
remit_api_client_get_document_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_document_async, error);
}

/**
 * remit_api_client_list_documents_async:
 * @self: a client
 * @limit: how many documents at most (the API's default is 20)
 * @offset: how many to skip
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the documents
 * @user_data: data for @callback
 */
void
remit_api_client_list_documents_async (RemitApiClient *self,
                                       guint limit,
                                       guint offset,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  path = g_strdup_printf ("/documents?limit=%u&offset=%u", limit, offset);
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_document_list_from_json, (GDestroyNotify) g_ptr_array_unref,
      remit_api_client_list_documents_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_list_documents_finish:
 *
 * Returns: (transfer container) (element-type RemitDocument): the documents, or %NULL with
 *   @error set
 */
GPtrArray *
remit_api_client_list_documents_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_list_documents_async,
                                       error);
}

void
remit_api_client_delete_document_async (RemitApiClient *self,
                                        const char *document_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, NULL);
  remit_api_client_call_async (self,
                               remit_api_request_new (REMIT_API_SERVICE_PAY, "DELETE", path),
                               NULL, NULL, remit_api_client_delete_document_async, cancellable,
                               callback, user_data);
}

gboolean
remit_api_client_delete_document_finish (RemitApiClient *self,
                                         GAsyncResult *result,
                                         GError **error)
{
  return remit_api_client_call_finish_boolean (self, result,
                                               remit_api_client_delete_document_async, error);
}

/* Waiting until a document is processed */

typedef struct
{
  char *document_id;
  gint64 deadline;          /* monotonic µs */
  guint interval_ms;
  guint timeout_s;
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_free (data->document_id);
  g_free (data);
}

static void wait_poll (GTask *task);

static void
wait_slept_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!remit_api_sleep_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  wait_poll (g_steal_pointer (&task));
}

static void
wait_got_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  WaitData *data = g_task_get_task_data (task);
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  gint64 left_us;
  guint sleep_ms;

  document = remit_api_client_get_document_finish (REMIT_API_CLIENT (source), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (remit_document_get_progress (document) != REMIT_DOCUMENT_PROGRESS_PENDING)
    {
      g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
      return;
    }

  left_us = data->deadline - g_get_monotonic_time ();
  if (left_us <= 0)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_TIMEOUT,
                               ngettext ("The document was not processed within %u second: "
                                         "try again later",
                                         "The document was not processed within %u seconds: "
                                         "try again later",
                                         data->timeout_s),
                               data->timeout_s);
      return;
    }

  /* The last wait ends at the deadline, for one more look. */
  sleep_ms = (guint) MIN ((gint64) data->interval_ms, left_us / 1000 + 1);
  data->interval_ms = MIN (data->interval_ms * 3 / 2, POLL_MAX_INTERVAL_MS);
  remit_api_sleep_async (sleep_ms, g_task_get_cancellable (task), wait_slept_cb,
                         g_object_ref (task));
}

static void
wait_poll (GTask *task)
{
  RemitApiClient *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);

  remit_api_client_get_document_async (self, data->document_id, g_task_get_cancellable (task),
                                       wait_got_cb, task);
}

/**
 * remit_api_client_wait_for_document_async:
 * @self: a client
 * @document_id: the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the processed document
 * @user_data: data for @callback
 *
 * Polls the document until its progress is COMPLETED or ERROR: first after 0.5 s, then
 * half as long again each time up to every 3 s, and gives up after
 * #RemitApiClient:poll-timeout seconds (2 minutes by default) with %REMIT_API_ERROR_TIMEOUT.
 */
void
remit_api_client_wait_for_document_async (RemitApiClient *self,
                                          const char *document_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  GTask *task;
  WaitData *data;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_wait_for_document_async);
  data = g_new0 (WaitData, 1);
  data->document_id = g_strdup (document_id);
  data->timeout_s = self->poll_timeout;
  data->deadline = g_get_monotonic_time () + (gint64) self->poll_timeout * G_USEC_PER_SEC;
  data->interval_ms = POLL_FIRST_INTERVAL_MS;
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);
  wait_poll (task);
}

/**
 * remit_api_client_wait_for_document_finish:
 *
 * Returns: (transfer full): the document, COMPLETED or ERROR, or %NULL with @error set
 */
RemitDocument *
remit_api_client_wait_for_document_finish (RemitApiClient *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  remit_api_client_wait_for_document_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Extractions and feedback */

void
remit_api_client_get_extractions_async (RemitApiClient *self,
                                        const char *document_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, "/extractions");
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_extraction_set_new_from_json, g_object_unref,
      remit_api_client_get_extractions_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_extractions_finish:
 *
 * Returns: (transfer full): the extractions, or %NULL with @error set
 */
RemitExtractionSet *
remit_api_client_get_extractions_finish (RemitApiClient *self,
                                         GAsyncResult *result,
                                         GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_extractions_async,
                                       error);
}

typedef struct
{
  char *document_id;
  GStrv wrongly_found;
  guint next;
} FeedbackData;

static void
feedback_data_free (FeedbackData *data)
{
  g_free (data->document_id);
  g_strfreev (data->wrongly_found);
  g_free (data);
}

static void feedback_next (GTask *task);

static void
feedback_step_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = remit_api_client_send_finish (REMIT_API_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  feedback_next (g_steal_pointer (&task));
}

/* Sends the DELETE of the next wrongly found label, or finishes. */
static void
feedback_next (GTask *task)
{
  RemitApiClient *self = g_task_get_source_object (task);
  FeedbackData *data = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  if (data->wrongly_found == NULL || data->wrongly_found[data->next] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  escaped = remit_api_escape (data->wrongly_found[data->next++]);
  suffix = g_strconcat ("/extractions/", escaped, NULL);
  path = document_path (data->document_id, suffix);
  remit_api_client_send_async (self, remit_api_request_new (REMIT_API_SERVICE_PAY, "DELETE", path),
                               g_task_get_cancellable (task), feedback_step_cb, task);
}

/**
 * remit_api_client_send_feedback_async:
 * @self: a client
 * @document_id: the document
 * @feedback: the reviewed values
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends every reviewed value in one batched `PUT …/extractions/feedback`, then a `DELETE`
 * for each label marked as wrongly found. Feedback that breaks the API's rules is not sent:
 * it fails with %REMIT_API_ERROR_INVALID_VALUE before any request.
 */
void
remit_api_client_send_feedback_async (RemitApiClient *self,
                                      const char *document_id,
                                      RemitFeedback *feedback,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_auto (GStrv) labels = NULL;
  g_autofree char *path = NULL;
  g_autofree char *media_type = NULL;
  FeedbackData *data;
  RemitApiRequest *request;
  GTask *task;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (REMIT_IS_FEEDBACK (feedback));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_send_feedback_async);
  data = g_new0 (FeedbackData, 1);
  data->document_id = g_strdup (document_id);
  data->wrongly_found = remit_feedback_dup_wrongly_found (feedback);
  g_task_set_task_data (task, data, (GDestroyNotify) feedback_data_free);

  body = remit_feedback_to_json (feedback, &error);
  if (body == NULL)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE, "%s",
                               error->message);
      g_object_unref (task);
      return;
    }

  labels = remit_feedback_dup_labels (feedback);
  if ((labels == NULL || labels[0] == NULL) && remit_feedback_get_n_line_items (feedback) == 0)
    {
      feedback_next (task);
      return;
    }

  path = document_path (document_id, "/extractions/feedback");
  media_type = remit_api_client_media_type (self, REMIT_API_SERVICE_PAY, NULL);
  request = remit_api_request_new (REMIT_API_SERVICE_PAY, "PUT", path);
  remit_api_request_set_json (request, body, media_type);
  remit_api_client_send_async (self, request, cancellable, feedback_step_cb, task);
}

gboolean
remit_api_client_send_feedback_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish_boolean (self, result, remit_api_client_send_feedback_async,
                                               error);
}

/**
 * remit_api_client_delete_label_async:
 * @self: a client
 * @document_id: the document
 * @label: a label that was found where there is nothing to find
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
remit_api_client_delete_label_async (RemitApiClient *self,
                                     const char *document_id,
                                     const char *label,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL && label != NULL);

  escaped = remit_api_escape (label);
  suffix = g_strconcat ("/extractions/", escaped, NULL);
  path = document_path (document_id, suffix);
  remit_api_client_call_async (self,
                               remit_api_request_new (REMIT_API_SERVICE_PAY, "DELETE", path),
                               NULL, NULL, remit_api_client_delete_label_async, cancellable,
                               callback, user_data);
}

gboolean
remit_api_client_delete_label_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish_boolean (self, result, remit_api_client_delete_label_async,
                                               error);
}

/* Layout, pages, files */

void
remit_api_client_get_layout_async (RemitApiClient *self,
                                   const char *document_id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, "/layout");
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_layout_new_from_json, (GDestroyNotify) remit_layout_unref,
      remit_api_client_get_layout_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_layout_finish:
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
RemitLayout *
remit_api_client_get_layout_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_layout_async, error);
}

void
remit_api_client_get_pages_async (RemitApiClient *self,
                                  const char *document_id,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, "/pages");
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_document_pages_from_json, (GDestroyNotify) g_ptr_array_unref,
      remit_api_client_get_pages_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_pages_finish:
 *
 * Returns: (transfer container) (element-type RemitDocumentPage): the pages, or %NULL with
 *   @error set
 */
GPtrArray *
remit_api_client_get_pages_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_pages_async, error);
}

static gboolean
same_origin (const char *a, const char *b)
{
  g_autoptr (GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua != NULL && ub != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) == 0
         && g_uri_get_port (ua) == g_uri_get_port (ub);
}

/**
 * remit_api_client_fetch_async: (skip)
 * @uri: a URI from an answer, absolute or relative to @service's base URL
 *
 * Gets a file. The user's token is sent only to the configured servers.
 */
void
remit_api_client_fetch_async (RemitApiClient *self,
                              RemitApiService service,
                              const char *uri,
                              gpointer source_tag,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autofree char *absolute = remit_api_client_resolve (self, service, uri);
  RemitApiRequest *request;
  gboolean ours = FALSE;

  for (guint i = 0; absolute != NULL && i < REMIT_API_N_SERVICES; i++)
    ours = ours || same_origin (absolute, self->urls[i]);

  request = remit_api_request_new (service, "GET", absolute != NULL ? absolute : uri);
  request->accept = g_strdup ("*/*");
  if (!ours)
    request->auth = REMIT_API_REQUEST_AUTH_NONE;
  remit_api_client_call_async (self, request, remit_api_parse_response,
                               (GDestroyNotify) remit_api_response_free, source_tag, cancellable,
                               callback, user_data);
}

GBytes *
remit_api_client_fetch_finish (RemitApiClient *self,
                               GAsyncResult *result,
                               gpointer source_tag,
                               char **content_type,
                               GError **error)
{
  g_autoptr (RemitApiResponse) response = NULL;

  response = remit_api_client_call_finish (self, result, source_tag, error);
  if (response == NULL)
    return NULL;
  if (content_type != NULL)
    *content_type = g_steal_pointer (&response->content_type);
  return g_steal_pointer (&response->body);
}

/**
 * remit_api_client_get_page_image_async:
 * @self: a client
 * @page: a page from remit_api_client_get_pages_finish()
 * @size: %REMIT_DOCUMENT_PAGE_IMAGE_LARGE or %REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the image
 * @user_data: data for @callback
 */
void
remit_api_client_get_page_image_async (RemitApiClient *self,
                                       RemitDocumentPage *page,
                                       const char *size,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  const char *uri;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (page != NULL && size != NULL);

  uri = remit_document_page_get_image (page, size);
  if (uri == NULL)
    {
      g_task_report_new_error (self, callback, user_data, remit_api_client_get_page_image_async,
                               REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND,
                               _("Page %d has no “%s” image"),
                               remit_document_page_get_number (page), size);
      return;
    }
  remit_api_client_fetch_async (self, REMIT_API_SERVICE_PAY, uri,
                                remit_api_client_get_page_image_async, cancellable, callback,
                                user_data);
}

/**
 * remit_api_client_get_page_image_finish:
 * @content_type: (out) (optional): the image's media type
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
GBytes *
remit_api_client_get_page_image_finish (RemitApiClient *self,
                                        GAsyncResult *result,
                                        char **content_type,
                                        GError **error)
{
  return remit_api_client_fetch_finish (self, result, remit_api_client_get_page_image_async,
                                        content_type, error);
}

void
remit_api_client_get_processed_async (RemitApiClient *self,
                                      const char *document_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (document_id != NULL);

  path = document_path (document_id, "/processed");
  remit_api_client_fetch_async (self, REMIT_API_SERVICE_PAY, path,
                                remit_api_client_get_processed_async, cancellable, callback,
                                user_data);
}

/**
 * remit_api_client_get_processed_finish:
 * @content_type: (out) (optional): the file's media type
 *
 * Returns: (transfer full): the processed file, or %NULL with @error set
 */
GBytes *
remit_api_client_get_processed_finish (RemitApiClient *self,
                                       GAsyncResult *result,
                                       char **content_type,
                                       GError **error)
{
  return remit_api_client_fetch_finish (self, result, remit_api_client_get_processed_async,
                                        content_type, error);
}
