/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-backend"

#include "config.h"

#include "remit-remote-backend.h"

/**
 * RemitRemoteBackend:
 *
 * The #RemitBackend of a Gini-compatible server, over a #RemitApiClient: every call of the
 * interface, payment providers and payment requests included.
 */

struct _RemitRemoteBackend
{
  GObject parent_instance;

  RemitApiClient *client;
};

enum
{
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void backend_iface_init (RemitBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemitRemoteBackend, remit_remote_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (REMIT_TYPE_BACKEND, backend_iface_init))

/* Each call runs on the client and is answered through a task of the backend, so that the
 * caller's callback gets the backend as its source object. */

static GTask *
backend_task (gpointer self, gpointer source_tag, GCancellable *cancellable,
              GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* The client's own result is handed back whole in the backend's task; the backend's finish
 * functions read it with the client's. */
static void
forwarded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
}

/* The client's result of a call answered by forwarded_cb(), or NULL (with @error, only
 * when the task was cancelled). */
static GAsyncResult *
forwarded_result (gpointer self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static RemitApiClient *
client_of (RemitBackend *backend)
{
  return REMIT_REMOTE_BACKEND (backend)->client;
}

static gboolean
propagate_boolean (gpointer self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static RemitBackendCapabilities
remote_get_capabilities (RemitBackend *backend)
{
  return REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS | REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS;
}

/* Upload */

static void
remote_upload_async (RemitBackend *backend,
                     GBytes *data,
                     const char *filename,
                     const char *content_type,
                     const char *idempotency_key,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);
  RemitApiUploadOptions options = {
    .filename = filename,
    .content_type = content_type,
    .device_class = "desktop_device",
    .idempotency_key = idempotency_key,
  };

  remit_api_client_upload_document_async (self->client, data, &options, cancellable, forwarded_cb,
                                          backend_task (self, remote_upload_async, cancellable,
                                                        callback, user_data));
}

static RemitDocument *
remote_upload_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return NULL;
  return remit_api_client_upload_document_finish (client_of (backend), inner, error);
}

/* Wait */

static void
remote_wait_async (RemitBackend *backend,
                   const char *document_id,
                   GCancellable *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_wait_for_document_async (self->client, document_id, cancellable, forwarded_cb,
                                            backend_task (self, remote_wait_async, cancellable,
                                                          callback, user_data));
}

static RemitDocument *
remote_wait_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return NULL;
  return remit_api_client_wait_for_document_finish (client_of (backend), inner, error);
}

/* Extractions and layout, asked for at the same time */

typedef struct
{
  RemitExtractionSet *extractions;
  RemitLayout *layout;
  GError *error;
  guint pending;
} ResultData;

static void
result_data_free (ResultData *data)
{
  g_clear_object (&data->extractions);
  g_clear_pointer (&data->layout, remit_layout_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
result_part_done (GTask *task)
{
  ResultData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
got_extractions_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ResultData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->extractions = remit_api_client_get_extractions_finish (REMIT_API_CLIENT (source), result,
                                                               &error);
  if (error != NULL && data->error == NULL)
    data->error = error;
  else
    g_clear_error (&error);
  result_part_done (task);
}

static void
got_layout_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ResultData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->layout = remit_api_client_get_layout_finish (REMIT_API_CLIENT (source), result, &error);
  if (error != NULL && data->error == NULL)
    data->error = error;
  else
    g_clear_error (&error);
  result_part_done (task);
}

static void
remote_get_result_async (RemitBackend *backend,
                         const char *document_id,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);
  g_autoptr (GTask) task = NULL;
  ResultData *data = g_new0 (ResultData, 1);

  task = backend_task (self, remote_get_result_async, cancellable, callback, user_data);
  data->pending = 2;
  g_task_set_task_data (task, data, (GDestroyNotify) result_data_free);
  remit_api_client_get_extractions_async (self->client, document_id, cancellable,
                                          got_extractions_cb, g_object_ref (task));
  remit_api_client_get_layout_async (self->client, document_id, cancellable, got_layout_cb,
                                     g_object_ref (task));
}

static gboolean
remote_get_result_finish (RemitBackend *backend,
                          GAsyncResult *result,
                          RemitExtractionSet **extractions,
                          RemitLayout **layout,
                          GError **error)
{
  ResultData *data;

  if (!propagate_boolean (backend, result, error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (extractions != NULL)
    *extractions = g_steal_pointer (&data->extractions);
  if (layout != NULL)
    *layout = g_steal_pointer (&data->layout);
  return TRUE;
}

/* Feedback */

static void
remote_send_feedback_async (RemitBackend *backend,
                            const char *document_id,
                            RemitFeedback *feedback,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_send_feedback_async (self->client, document_id, feedback, cancellable,
                                        forwarded_cb,
                                        backend_task (self, remote_send_feedback_async,
                                                      cancellable, callback, user_data));
}

static gboolean
remote_send_feedback_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return FALSE;
  return remit_api_client_send_feedback_finish (client_of (backend), inner, error);
}

static void
remote_delete_label_async (RemitBackend *backend,
                           const char *document_id,
                           const char *label,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_delete_label_async (self->client, document_id, label, cancellable,
                                       forwarded_cb,
                                       backend_task (self, remote_delete_label_async, cancellable,
                                                     callback, user_data));
}

static gboolean
remote_delete_label_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return FALSE;
  return remit_api_client_delete_label_finish (client_of (backend), inner, error);
}

/* Payments */

static void
remote_list_providers_async (RemitBackend *backend,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_list_payment_providers_async (self->client, cancellable, forwarded_cb,
                                                 backend_task (self, remote_list_providers_async,
                                                               cancellable, callback,
                                                               user_data));
}

static GPtrArray *
remote_list_providers_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return NULL;
  return remit_api_client_list_payment_providers_finish (client_of (backend), inner, error);
}

static void
remote_create_payment_request_async (RemitBackend *backend,
                                     RemitPaymentRequest *request,
                                     const char *idempotency_key,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_create_payment_request_async (
    self->client, request, idempotency_key, cancellable, forwarded_cb,
    backend_task (self, remote_create_payment_request_async, cancellable, callback, user_data));
}

static RemitPaymentRequest *
remote_create_payment_request_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return NULL;
  return remit_api_client_create_payment_request_finish (client_of (backend), inner, error);
}

static void
remote_get_payment_request_async (RemitBackend *backend,
                                  const char *request_id,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (backend);

  remit_api_client_get_payment_request_async (
    self->client, request_id, cancellable, forwarded_cb,
    backend_task (self, remote_get_payment_request_async, cancellable, callback, user_data));
}

static RemitPaymentRequest *
remote_get_payment_request_finish (RemitBackend *backend, GAsyncResult *result, GError **error)
{
  g_autoptr (GAsyncResult) inner = forwarded_result (backend, result, error);

  if (inner == NULL)
    return NULL;
  return remit_api_client_get_payment_request_finish (client_of (backend), inner, error);
}

static void
backend_iface_init (RemitBackendInterface *iface)
{
  iface->get_capabilities = remote_get_capabilities;
  iface->upload_async = remote_upload_async;
  iface->upload_finish = remote_upload_finish;
  iface->wait_async = remote_wait_async;
  iface->wait_finish = remote_wait_finish;
  iface->get_result_async = remote_get_result_async;
  iface->get_result_finish = remote_get_result_finish;
  iface->send_feedback_async = remote_send_feedback_async;
  iface->send_feedback_finish = remote_send_feedback_finish;
  iface->delete_label_async = remote_delete_label_async;
  iface->delete_label_finish = remote_delete_label_finish;
  iface->list_providers_async = remote_list_providers_async;
  iface->list_providers_finish = remote_list_providers_finish;
  iface->create_payment_request_async = remote_create_payment_request_async;
  iface->create_payment_request_finish = remote_create_payment_request_finish;
  iface->get_payment_request_async = remote_get_payment_request_async;
  iface->get_payment_request_finish = remote_get_payment_request_finish;
}

static void
remit_remote_backend_dispose (GObject *object)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (remit_remote_backend_parent_class)->dispose (object);
}

static void
remit_remote_backend_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_remote_backend_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  RemitRemoteBackend *self = REMIT_REMOTE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_remote_backend_class_init (RemitRemoteBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remit_remote_backend_dispose;
  object_class->get_property = remit_remote_backend_get_property;
  object_class->set_property = remit_remote_backend_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, REMIT_TYPE_API_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_remote_backend_init (RemitRemoteBackend *self)
{
}

/**
 * remit_remote_backend_new:
 * @client: the client of the server
 *
 * Returns: (transfer full): a new backend
 */
RemitRemoteBackend *
remit_remote_backend_new (RemitApiClient *client)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (client), NULL);

  return g_object_new (REMIT_TYPE_REMOTE_BACKEND, "client", client, NULL);
}

/**
 * remit_remote_backend_get_client:
 *
 * Returns: (transfer none): the client
 */
RemitApiClient *
remit_remote_backend_get_client (RemitRemoteBackend *self)
{
  g_return_val_if_fail (REMIT_IS_REMOTE_BACKEND (self), NULL);

  return self->client;
}
