/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-api-client-private.h"

/* The User Center (client token, users, login) and the derived user's `POST /login`. */

#define USER_CENTER_JSON "application/json"

static gpointer
parse_token (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  return remit_api_token_from_response (response, error);
}

static RemitApiRequest *
token_request (RemitApiClient *self, const char *grant_type)
{
  g_autofree char *uri = g_strconcat ("/oauth/token?grant_type=", grant_type, NULL);
  RemitApiRequest *request;

  request = remit_api_request_new (REMIT_API_SERVICE_USER_CENTER, "POST", uri);
  request->auth = REMIT_API_REQUEST_AUTH_BASIC;
  request->accept = g_strdup (USER_CENTER_JSON);
  /* Asking for a token again creates nothing. */
  request->safe_to_repeat = TRUE;
  return request;
}

/**
 * remit_api_client_get_client_token_async:
 * @self: a client with client credentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token
 * @user_data: data for @callback
 *
 * Asks the User Center for a client token (`grant_type=client_credentials`), which allows
 * creating users.
 */
void
remit_api_client_get_client_token_async (RemitApiClient *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  remit_api_client_call_async (self, token_request (self, "client_credentials"), parse_token,
                               (GDestroyNotify) remit_api_token_free,
                               remit_api_client_get_client_token_async, cancellable, callback,
                               user_data);
}

/**
 * remit_api_client_get_client_token_finish:
 *
 * Returns: (transfer full): the client token, or %NULL with @error set
 */
RemitApiToken *
remit_api_client_get_client_token_finish (RemitApiClient *self,
                                          GAsyncResult *result,
                                          GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_client_token_async,
                                       error);
}

/**
 * remit_api_client_login_async:
 * @self: a client with client credentials
 * @email: the user's email address
 * @password: the user's password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token
 * @user_data: data for @callback
 *
 * Logs a User Center user in (`grant_type=password`). A refused login fails with
 * %REMIT_API_ERROR_UNAUTHORIZED (401, or 400 `invalid_grant`).
 */
void
remit_api_client_login_async (RemitApiClient *self,
                              const char *email,
                              const char *password,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  RemitApiRequest *request;
  g_autofree char *form = NULL;
  g_autoptr (GBytes) body = NULL;
  gsize length;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  request = token_request (self, "password");
  form = soup_form_encode ("username", email, "password", password, NULL);
  length = strlen (form);
  body = g_bytes_new_take (g_steal_pointer (&form), length);
  remit_api_request_set_body (request, body, "application/x-www-form-urlencoded");
  remit_api_client_call_async (self, request, parse_token, (GDestroyNotify) remit_api_token_free,
                               remit_api_client_login_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_login_finish:
 *
 * Returns: (transfer full): the user token, or %NULL with @error set
 */
RemitApiToken *
remit_api_client_login_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_login_async, error);
}

/**
 * remit_api_client_login_derived_async:
 * @self: a client with client credentials and a user identifier
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token
 * @user_data: data for @callback
 *
 * Gets a token for the derived user with `POST /login` on the Pay API.
 */
void
remit_api_client_login_derived_async (RemitApiClient *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (self->user_identifier != NULL);

  request = remit_api_request_new (REMIT_API_SERVICE_PAY, "POST", "/login");
  request->auth = REMIT_API_REQUEST_AUTH_BASIC;
  request->safe_to_repeat = TRUE;
  remit_api_request_add_header (request, "X-User-Identifier", self->user_identifier);
  remit_api_client_call_async (self, request, parse_token, (GDestroyNotify) remit_api_token_free,
                               remit_api_client_login_derived_async, cancellable, callback,
                               user_data);
}

/**
 * remit_api_client_login_derived_finish:
 *
 * Returns: (transfer full): the user token, or %NULL with @error set
 */
RemitApiToken *
remit_api_client_login_derived_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_login_derived_async, error);
}

static gpointer
parse_created_user (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  char *id = response->location != NULL ? remit_id_from_location (response->location) : NULL;

  if (id == NULL || *id == '\0')
    {
      g_free (id);
      remit_api_malformed (error, response->request_id, _("the new user has no location"));
      return NULL;
    }
  return id;
}

static void
user_auth (RemitApiRequest *request, const char *client_token)
{
  if (client_token != NULL)
    {
      request->auth = REMIT_API_REQUEST_AUTH_BEARER;
      request->bearer = g_strdup (client_token);
    }
}

/**
 * remit_api_client_create_user_async:
 * @self: a client
 * @client_token: a client token from remit_api_client_get_client_token_async()
 * @email: the new user's email address
 * @password: the new user's password, at least 6 characters
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the user's id
 * @user_data: data for @callback
 *
 * Creates a User Center user. An email that is taken fails with
 * %REMIT_API_ERROR_INVALID_VALUE.
 */
void
remit_api_client_create_user_async (RemitApiClient *self,
                                    const char *client_token,
                                    const char *email,
                                    const char *password,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (client_token != NULL && email != NULL && password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request = remit_api_request_new (REMIT_API_SERVICE_USER_CENTER, "POST", "/api/users");
  request->accept = g_strdup (USER_CENTER_JSON);
  user_auth (request, client_token);
  remit_api_request_set_json (request, body, USER_CENTER_JSON);
  remit_api_client_call_async (self, request, parse_created_user, g_free,
                               remit_api_client_create_user_async, cancellable, callback,
                               user_data);
}

/**
 * remit_api_client_create_user_finish:
 *
 * Returns: (transfer full): the new user's id, or %NULL with @error set
 */
char *
remit_api_client_create_user_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_create_user_async, error);
}

static gpointer
parse_user (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  RemitApiUser *user;
  JsonObject *object;
  const char *id;

  node = remit_api_response_get_json (response, error);
  if (node == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  id = remit_api_json_string (object, "id");
  if (id == NULL)
    {
      remit_api_malformed (error, response->request_id, _("the user has no id"));
      return NULL;
    }
  user = g_new0 (RemitApiUser, 1);
  user->id = g_strdup (id);
  user->email = g_strdup (remit_api_json_string (object, "email"));
  return user;
}

static char *
user_path (const char *user_id)
{
  g_autofree char *escaped = remit_api_escape (user_id);

  return g_strconcat ("/api/users/", escaped, NULL);
}

/**
 * remit_api_client_get_user_async:
 * @self: a client
 * @client_token: (nullable): a client token; %NULL to ask with the user's own token
 * @user_id: the user's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the user
 * @user_data: data for @callback
 */
void
remit_api_client_get_user_async (RemitApiClient *self,
                                 const char *client_token,
                                 const char *user_id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autofree char *path = NULL;
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (user_id != NULL);

  path = user_path (user_id);
  request = remit_api_request_new (REMIT_API_SERVICE_USER_CENTER, "GET", path);
  request->accept = g_strdup (USER_CENTER_JSON);
  user_auth (request, client_token);
  remit_api_client_call_async (self, request, parse_user, (GDestroyNotify) remit_api_user_free,
                               remit_api_client_get_user_async, cancellable, callback, user_data);
}

/**
 * remit_api_client_get_user_finish:
 *
 * Returns: (transfer full): the user, or %NULL with @error set
 */
RemitApiUser *
remit_api_client_get_user_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish (self, result, remit_api_client_get_user_async, error);
}

/**
 * remit_api_client_update_user_async:
 * @self: a client
 * @client_token: (nullable): a client token; %NULL to ask with the user's own token
 * @user_id: the user's id
 * @old_email: (nullable): the current email, when changing it
 * @new_email: (nullable): the new email
 * @old_password: (nullable): the current password, when changing it
 * @new_password: (nullable): the new password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes a user's email and/or password; the old value must be given with the new one.
 */
void
remit_api_client_update_user_async (RemitApiClient *self,
                                    const char *client_token,
                                    const char *user_id,
                                    const char *old_email,
                                    const char *new_email,
                                    const char *old_password,
                                    const char *new_password,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (user_id != NULL);
  g_return_if_fail ((new_email == NULL) == (old_email == NULL));
  g_return_if_fail ((new_password == NULL) == (old_password == NULL));

  json_builder_begin_object (builder);
  if (new_email != NULL)
    {
      json_builder_set_member_name (builder, "oldEmail");
      json_builder_add_string_value (builder, old_email);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, new_email);
    }
  if (new_password != NULL)
    {
      json_builder_set_member_name (builder, "oldPassword");
      json_builder_add_string_value (builder, old_password);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, new_password);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = user_path (user_id);
  request = remit_api_request_new (REMIT_API_SERVICE_USER_CENTER, "PUT", path);
  request->accept = g_strdup (USER_CENTER_JSON);
  user_auth (request, client_token);
  remit_api_request_set_json (request, body, USER_CENTER_JSON);
  remit_api_client_call_async (self, request, NULL, NULL, remit_api_client_update_user_async,
                               cancellable, callback, user_data);
}

gboolean
remit_api_client_update_user_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish_boolean (self, result, remit_api_client_update_user_async,
                                               error);
}

/**
 * remit_api_client_delete_user_async:
 * @self: a client
 * @client_token: (nullable): a client token; %NULL to ask with the user's own token
 * @user_id: the user's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a user and all of the user's data.
 */
void
remit_api_client_delete_user_async (RemitApiClient *self,
                                    const char *client_token,
                                    const char *user_id,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autofree char *path = NULL;
  RemitApiRequest *request;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (user_id != NULL);

  path = user_path (user_id);
  request = remit_api_request_new (REMIT_API_SERVICE_USER_CENTER, "DELETE", path);
  request->accept = g_strdup (USER_CENTER_JSON);
  user_auth (request, client_token);
  remit_api_client_call_async (self, request, NULL, NULL, remit_api_client_delete_user_async,
                               cancellable, callback, user_data);
}

gboolean
remit_api_client_delete_user_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  return remit_api_client_call_finish_boolean (self, result, remit_api_client_delete_user_async,
                                               error);
}
