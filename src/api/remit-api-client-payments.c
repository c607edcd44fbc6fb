/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-api-client-private.h"

/* Payment providers and payment requests (Health API), and the bank's side of a payment
 * request (Pay API). */

static char *
request_path (const char *request_id, const char *suffix)
{
  g_autofree char *escaped = remit_api_escape (request_id);

  return g_strconcat ("/paymentRequests/", escaped, suffix, NULL);
}

static gpointer
parse_request (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) core_error = NULL;
  RemitPaymentRequest *request;

  node = remit_api_response_get_json (response, error);
  if (node == NULL)
    return NULL;
  request = remit_payment_request_new_from_json (node, response->uri, &core_error);
  if (request == NULL)
    remit_api_malformed_from (error, response, core_error);
  return request;
}

static gpointer
parse_request_list (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  JsonArray *array = NULL;

  node = remit_api_response_get_json (response, error);
  if (node == NULL)
    return NULL;

  /* A bare array, or an object that wraps it. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (node), "paymentRequests");

      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        array = json_node_get_array (member);
    }
  if (array == NULL)
    {
      remit_api_malformed (error, response->request_id,
                           _("the payment requests are not a list"));
      return NULL;
    }

  requests = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GError) core_error = NULL;
      RemitPaymentRequest *request;

      request = remit_payment_request_new_from_json (json_array_get_element (array, i), NULL,
                                                     &core_error);
      if (request == NULL)
        {
          remit_api_malformed_from (error, response, core_error);
          return NULL;
        }
      g_ptr_array_add (requests, request);
    }
  return g_steal_pointer (&requests);
}

/* Providers */

void
remit_api_client_list_payment_providers_async (RemitApiClient *self,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_HEALTH, "GET", "/paymentProviders"),
      (RemitApiJsonParser) remit_payment_provider_list_from_json,
      (GDestroyNotify) g_ptr_array_unref, remit_api_client_list_payment_providers_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_list_payment_providers_finish:
 *
 * Returns: (transfer container) (element-type RemitPaymentProvider): the providers, or %NULL
 *   with @error set
 */
GPtrArray *
remit_api_client_list_payment_providers_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                GError **error)
{
  return remit_api_client_call_finish (self, result,
                                       remit_api_client_list_payment_providers_async, error);
}

void
remit_api_client_get_payment_provider_async (RemitApiClient *self,
                                             const char *provider_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (provider_id != NULL);

  escaped = remit_api_escape (provider_id);
  path = g_strconcat ("/paymentProviders/", escaped, NULL);
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_HEALTH, "GET", path),
      (RemitApiJsonParser) remit_payment_provider_new_from_json, g_object_unref,
      remit_api_client_get_payment_provider_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_payment_provider_finish:
 *
 * Returns: (transfer full): the provider, or %NULL with @error set
 */
RemitPaymentProvider *
remit_api_client_get_payment_provider_finish (RemitApiClient *self,
                                              GAsyncResult *result,
                                              GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_payment_provider_async,
                                       error);
}

/**
 * remit_api_client_get_provider_icon_async:
 * @self: a client
 * @provider: a provider with an `iconLocation`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the icon
 * @user_data: data for @callback
 *
 * Gets a provider's icon, with the user's token when it lives on the configured server.
 */
void
remit_api_client_get_provider_icon_async (RemitApiClient *self,
                                          RemitPaymentProvider *provider,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  const char *location;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (REMIT_IS_PAYMENT_PROVIDER (provider));

  location = remit_payment_provider_get_icon_location (provider);
  if (location == NULL)
    {
      g_task_report_new_error (self, callback, user_data,
                               remit_api_client_get_provider_icon_async, REMIT_API_ERROR,
                               REMIT_API_ERROR_NOT_FOUND, _("The bank “%s” has no icon"),
                               remit_payment_provider_get_name (provider));
      return;
    }
  remit_api_client_fetch_async (self, REMIT_API_SERVICE_HEALTH, location,
                                remit_api_client_get_provider_icon_async, cancellable, callback,
                                user_data);
}

/**
 * remit_api_client_get_provider_icon_finish:
 * @content_type: (out) (optional): the icon's media type
 *
 * Returns: (transfer full): the icon, or %NULL with @error set
 */
GBytes *
remit_api_client_get_provider_icon_finish (RemitApiClient *self,
                                           GAsyncResult *result,
                                           char **content_type,
                                           GError **error)
{
  return remit_api_client_fetch_finish (self, result, remit_api_client_get_provider_icon_async,
                                        content_type, error);
}

/* Payment requests */

static void
created_request_got_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  RemitPaymentRequest *request;

  request = remit_api_client_get_payment_request_finish (REMIT_API_CLIENT (source), result,
                                                         &error);
  if (request == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, request, g_object_unref);
}

static void
request_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
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
  if (response->location != NULL)
    id = remit_id_from_location (response->location);
  if (id == NULL || *id == '\0')
    {
      remit_api_malformed (&error, response->request_id,
                           _("the new payment request has no location"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  remit_api_client_get_payment_request_async (self, id, g_task_get_cancellable (task),
                                              created_request_got_cb, g_object_ref (task));
}

/**
 * remit_api_client_create_payment_request_async:
 * @self: a client
 * @request: the transfer to request; remit_payment_request_validate() must accept it
 * @idempotency_key: (nullable): the `Idempotency-Key`, kept with the pending operation; a new
 *   UUID when %NULL. It stays the same across retries.
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the created request
 * @user_data: data for @callback
 *
 * Creates a payment request (`POST /paymentRequests` on the Health API) and reads it back.
 */
void
remit_api_client_create_payment_request_async (RemitApiClient *self,
                                               RemitPaymentRequest *request,
                                               const char *idempotency_key,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *media_type = NULL;
  RemitApiRequest *http;
  GTask *task;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_create_payment_request_async);

  body = remit_payment_request_to_create_json (request, &error);
  if (body == NULL)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE, "%s",
                               error->message);
      g_object_unref (task);
      return;
    }

  media_type = remit_api_client_media_type (self, REMIT_API_SERVICE_HEALTH, NULL);
  http = remit_api_request_new (REMIT_API_SERVICE_HEALTH, "POST", "/paymentRequests");
  remit_api_request_set_json (http, body, media_type);
  http->idempotency_key = idempotency_key != NULL ? g_strdup (idempotency_key)
                                                  : g_uuid_string_random ();
  remit_api_client_send_async (self, http, cancellable, request_created_cb, task);
}

/**
 * remit_api_client_create_payment_request_finish:
 *
 * Returns: (transfer full): the created request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_api_client_create_payment_request_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  remit_api_client_create_payment_request_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
remit_api_client_get_payment_request_async (RemitApiClient *self,
                                            const char *request_id,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (request_id != NULL);

  path = request_path (request_id, NULL);
  remit_api_client_call_async (self, remit_api_request_new (REMIT_API_SERVICE_HEALTH, "GET", path),
                               parse_request, g_object_unref,
                               remit_api_client_get_payment_request_async, cancellable, callback,
                               user_data);
}

/**
 * remit_api_client_get_payment_request_finish:
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_api_client_get_payment_request_finish (RemitApiClient *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_payment_request_async,
                                       error);
}

void
remit_api_client_list_payment_requests_async (RemitApiClient *self,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  remit_api_client_call_async (self,
                               remit_api_request_new (REMIT_API_SERVICE_HEALTH, "GET",
                                                      "/paymentRequests"),
                               parse_request_list, (GDestroyNotify) g_ptr_array_unref,
                               remit_api_client_list_payment_requests_async, cancellable,
                               callback, user_data);
}

/**
 * remit_api_client_list_payment_requests_finish:
 *
 * Returns: (transfer container) (element-type RemitPaymentRequest): the user's requests, or
 *   %NULL with @error set
 */
GPtrArray *
remit_api_client_list_payment_requests_finish (RemitApiClient *self,
                                               GAsyncResult *result,
                                               GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_list_payment_requests_async,
                                       error);
}

static void
resolved_got_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  RemitPaymentRequest *request;

  request = remit_api_client_get_payment_request_finish (REMIT_API_CLIENT (source), result,
                                                         &error);
  if (request == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, request, g_object_unref);
}

static void
resolved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitApiClient *self = REMIT_API_CLIENT (source);
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  const char *request_id = g_task_get_task_data (task);
  gsize length = 0;

  response = remit_api_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The answer is the resolved request; if the server sends none, read it. */
  if (response->body != NULL)
    g_bytes_get_data (response->body, &length);
  if (length > 0)
    {
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) core_error = NULL;
      g_autofree char *path = request_path (request_id, NULL);
      g_autofree char *uri = remit_api_client_resolve (self, REMIT_API_SERVICE_HEALTH, path);
      RemitPaymentRequest *request;

      node = remit_api_response_get_json (response, &error);
      if (node == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      request = remit_payment_request_new_from_json (node, uri, &core_error);
      if (request == NULL)
        {
          remit_api_malformed_from (&error, response, core_error);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (remit_payment_request_get_id (request) == NULL)
        remit_payment_request_set_id (request, request_id);
      g_task_return_pointer (task, request, g_object_unref);
      return;
    }
  remit_api_client_get_payment_request_async (self, request_id, g_task_get_cancellable (task),
                                              resolved_got_cb, g_object_ref (task));
}

/**
 * remit_api_client_resolve_payment_request_async:
 * @self: a client
 * @request_id: the payment request
 * @payment: what the bank paid
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the resolved request
 * @user_data: data for @callback
 *
 * The bank's side: reports that a payment request was paid (`POST
 * /paymentRequests/{id}/payment` on the Pay API).
 */
void
remit_api_client_resolve_payment_request_async (RemitApiClient *self,
                                                const char *request_id,
                                                RemitPayment *payment,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *media_type = NULL;
  RemitApiRequest *http;
  GTask *task;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (request_id != NULL);
  g_return_if_fail (REMIT_IS_PAYMENT (payment));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_resolve_payment_request_async);
  g_task_set_task_data (task, g_strdup (request_id), g_free);

  body = remit_payment_to_json (payment);
  path = request_path (request_id, "/payment");
  media_type = remit_api_client_media_type (self, REMIT_API_SERVICE_PAY, NULL);
  http = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", path);
  remit_api_request_set_json (http, body, media_type);
  http->idempotency_key = g_uuid_string_random ();
  remit_api_client_send_async (self, http, cancellable, resolved_cb, task);
}

/**
 * remit_api_client_resolve_payment_request_finish:
 *
 * Returns: (transfer full): the resolved request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_api_client_resolve_payment_request_finish (RemitApiClient *self,
                                                 GAsyncResult *result,
                                                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  remit_api_client_resolve_payment_request_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
remit_api_client_get_payment_async (RemitApiClient *self,
                                    const char *request_id,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (request_id != NULL);

  path = request_path (request_id, "/payment");
  remit_api_client_call_json_async (
      self, remit_api_request_new (REMIT_API_SERVICE_PAY, "GET", path),
      (RemitApiJsonParser) remit_payment_new_from_json, g_object_unref,
      remit_api_client_get_payment_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_payment_finish:
 *
 * Returns: (transfer full): the payment, or %NULL with @error set
 */
RemitPayment *
remit_api_client_get_payment_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_payment_async, error);
}
