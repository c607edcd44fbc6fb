/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "remit-api-client-private.h"
#include "remit-api-secret-private.h"

/* Authentication of a RemitApiClient.
 *
 * There is one token per identity: the anonymous user of this installation (created in the
 * User Center on first use, its email and password kept in the keyring), or the derived user
 * named by the user identifier. The token and its expiry are kept in the keyring too, so that
 * the next run does not log in again. A token is renewed when less than
 * min(5 minutes, a fifth of its lifetime) is left. While it is being renewed every caller
 * waits on the same renewal; a 401 answer invalidates the token it was sent with. An
 * anonymous user whose login is refused is replaced by a new one, once per renewal. */

#define ANONYMOUS_EMAIL_DOMAIN "anonymous.remitapp.invalid"

enum
{
  KEYRING_NOTHING_LOADED,
  KEYRING_USER_LOADED,
  KEYRING_TOKEN_LOADED,
};

static void
wipe (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

void
remit_api_client_auth_init (RemitApiClient *self)
{
  self->token_waiters = g_ptr_array_new ();
}

void
remit_api_client_auth_clear (RemitApiClient *self)
{
  wipe (&self->token);
  wipe (&self->user_email);
  wipe (&self->user_password);
  wipe (&self->client_token);
  g_clear_pointer (&self->token_waiters, g_ptr_array_unref);
}

/**
 * remit_api_token_margin:
 * @lifetime_s: a token's lifetime in seconds
 *
 * Returns: how many seconds before its expiry a token is renewed: five minutes, or a fifth of
 *   a shorter lifetime
 */
gint64
remit_api_token_margin (gint64 lifetime_s)
{
  return MIN ((gint64) 300, MAX (lifetime_s, 0) / 5);
}

static gboolean
token_is_fresh (RemitApiClient *self)
{
  gint64 margin_us;

  if (self->token == NULL)
    return FALSE;
  /* Computed in µs so that a two-second token is renewed 0.4 s before it expires. */
  margin_us = MIN ((gint64) 300 * G_USEC_PER_SEC,
                   MAX (self->token_lifetime, 0) * G_USEC_PER_SEC / 5);
  return g_get_real_time () < self->token_expires - margin_us;
}

/**
 * remit_api_client_forget_token:
 * @self: a client
 *
 * Forgets the token and the identity held in memory, for example after the server or the
 * credentials changed. What the keyring holds is read again on the next call.
 */
void
remit_api_client_forget_token (RemitApiClient *self)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  wipe (&self->token);
  wipe (&self->user_email);
  wipe (&self->user_password);
  wipe (&self->client_token);
  self->keyring_loaded = KEYRING_NOTHING_LOADED;
  self->user_replaced = FALSE;
}

void
remit_api_client_invalidate_token (RemitApiClient *self, const char *token)
{
  if (token == NULL || g_strcmp0 (self->token, token) != 0)
    return;
  g_debug ("The token was refused; a new one will be requested");
  wipe (&self->token);
}

RemitApiToken *
remit_api_token_from_response (RemitApiResponse *response, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (RemitApiToken) token = NULL;
  JsonObject *object;
  JsonNode *expires;
  const char *access_token;

  node = remit_api_response_get_json (response, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      remit_api_malformed (error, response->request_id, _("the token answer is not an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  access_token = remit_api_json_string (object, "access_token");
  if (access_token == NULL || *access_token == '\0')
    {
      remit_api_malformed (error, response->request_id, _("the token answer has no token"));
      return NULL;
    }

  token = g_new0 (RemitApiToken, 1);
  token->access_token = g_strdup (access_token);
  token->expires_in = 3600;
  expires = json_object_get_member (object, "expires_in");
  if (expires != NULL && JSON_NODE_HOLDS_VALUE (expires)
      && (json_node_get_value_type (expires) == G_TYPE_INT64
          || json_node_get_value_type (expires) == G_TYPE_DOUBLE))
    token->expires_in = MAX (json_node_get_int (expires), 0);
  return g_steal_pointer (&token);
}

/* The renewal */

static void refresh_step (RemitApiClient *self);

static const char *
token_server (RemitApiClient *self)
{
  return self->auth_mode == REMIT_API_AUTH_DERIVED ? self->urls[REMIT_API_SERVICE_PAY]
                                                   : self->urls[REMIT_API_SERVICE_USER_CENTER];
}

static const char *
token_user (RemitApiClient *self)
{
  return self->auth_mode == REMIT_API_AUTH_DERIVED ? self->user_identifier : self->user_email;
}

static void
refresh_finish (RemitApiClient *self, GError *error)
{
  g_autoptr (GPtrArray) waiters = self->token_waiters;

  self->refreshing = FALSE;
  self->user_replaced = FALSE;
  self->token_waiters = g_ptr_array_new ();

  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr (GTask) task = waiters->pdata[i];

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->token), g_free);
    }
  g_clear_error (&error);
  g_object_unref (self);
}

static void
set_token (RemitApiClient *self, const char *token, gint64 expires_in)
{
  wipe (&self->token);
  self->token = g_strdup (token);
  self->token_lifetime = expires_in;
  self->token_expires = g_get_real_time () + expires_in * G_USEC_PER_SEC;
}

/* Keyring: the client secret */

static void
secret_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;
  char *secret;

  secret = remit_api_secret_lookup_finish (result, &error);
  self->secret_load_tried = TRUE;
  if (error != NULL)
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  if (secret != NULL && self->client_secret == NULL)
    self->client_secret = secret;
  else
    remit_api_secret_free (secret);
  refresh_step (self);
}

/* Keyring: the identity and its token */

static gboolean
parse_stored_token (RemitApiClient *self, const char *stored)
{
  g_auto (GStrv) parts = NULL;
  gint64 expires;
  gint64 lifetime;

  if (stored == NULL)
    return FALSE;
  parts = g_strsplit (stored, " ", 3);
  if (g_strv_length (parts) != 3 || *parts[2] == '\0')
    return FALSE;
  expires = g_ascii_strtoll (parts[0], NULL, 10);
  lifetime = g_ascii_strtoll (parts[1], NULL, 10);
  wipe (&self->token);
  self->token = g_strdup (parts[2]);
  self->token_expires = expires * G_USEC_PER_SEC;
  self->token_lifetime = lifetime;
  memset (parts[2], 0, strlen (parts[2]));
  return TRUE;
}

static void
token_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;
  char *stored;

  stored = remit_api_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  self->keyring_loaded = KEYRING_TOKEN_LOADED;
  if (parse_stored_token (self, stored))
    g_debug ("Using the token from the keyring");
  remit_api_secret_free (stored);
  refresh_step (self);
}

static void
user_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;
  char *stored;
  char *newline;

  stored = remit_api_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  self->keyring_loaded = KEYRING_USER_LOADED;
  /* "email\npassword" */
  newline = stored != NULL ? strchr (stored, '\n') : NULL;
  if (newline != NULL && newline != stored && newline[1] != '\0')
    {
      wipe (&self->user_email);
      wipe (&self->user_password);
      self->user_email = g_strndup (stored, newline - stored);
      self->user_password = g_strdup (newline + 1);
    }
  remit_api_secret_free (stored);
  refresh_step (self);
}

static void
token_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!remit_api_secret_store_finish (result, &error))
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  refresh_finish (self, NULL);
}

static void
store_token (RemitApiClient *self)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *label = NULL;

  attributes = remit_api_secret_attributes (REMIT_API_SECRET_TOKEN, token_server (self),
                                            self->client_id, token_user (self));
  stored = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                            self->token_expires / G_USEC_PER_SEC, self->token_lifetime,
                            self->token);
  label = g_strdup_printf (_("Remit access token for %s"), token_server (self));
  remit_api_secret_store_async (attributes, label, stored, self->keyring_timeout,
                                self->cancellable, token_stored_cb, self);
  memset (stored, 0, strlen (stored));
}

/* Logging in */

static void
login_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (RemitApiToken) token = NULL;
  g_autoptr (GError) error = NULL;

  if (self->auth_mode == REMIT_API_AUTH_DERIVED)
    token = remit_api_client_login_derived_finish (self, result, &error);
  else
    token = remit_api_client_login_finish (self, result, &error);

  if (token == NULL)
    {
      if (self->auth_mode == REMIT_API_AUTH_ANONYMOUS && !self->user_replaced
          && g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED))
        {
          /* The anonymous user is gone (or its password no longer valid): make a new one. */
          g_debug ("The anonymous user was refused; creating a new one");
          self->user_replaced = TRUE;
          wipe (&self->user_email);
          wipe (&self->user_password);
          refresh_step (self);
          return;
        }
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }

  set_token (self, token->access_token, token->expires_in);
  store_token (self);
}

/* Creating an anonymous user */

static void
user_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!remit_api_secret_store_finish (result, &error))
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  refresh_step (self);
}

static void
user_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *label = NULL;

  user_id = remit_api_client_create_user_finish (self, result, &error);
  if (user_id == NULL)
    {
      wipe (&self->user_email);
      wipe (&self->user_password);
      g_prefix_error (&error, "%s", _("Could not create the anonymous user: "));
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }

  g_debug ("Created the anonymous user %s", user_id);
  attributes = remit_api_secret_attributes (REMIT_API_SECRET_ANONYMOUS_USER, token_server (self),
                                            self->client_id, NULL);
  stored = g_strconcat (self->user_email, "\n", self->user_password, NULL);
  label = g_strdup_printf (_("Remit account at %s"), token_server (self));
  remit_api_secret_store_async (attributes, label, stored, self->keyring_timeout,
                                self->cancellable, user_stored_cb, self);
  memset (stored, 0, strlen (stored));
}

static char *
random_password (void)
{
  guint8 bytes[24];
  gsize filled = 0;

  while (filled < sizeof bytes)
    {
      gssize n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n <= 0)
        break;
      filled += n;
    }
  for (; filled < sizeof bytes; filled++)
    bytes[filled] = (guint8) g_random_int ();
  return g_base64_encode (bytes, sizeof bytes);
}

static void
client_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitApiClient *self = user_data;
  g_autoptr (RemitApiToken) token = NULL;
  g_autoptr (GError) error = NULL;

  token = remit_api_client_get_client_token_finish (self, result, &error);
  if (token == NULL)
    {
      refresh_finish (self, g_steal_pointer (&error));
      return;
    }
  wipe (&self->client_token);
  self->client_token = g_strdup (token->access_token);
  self->client_token_expires = g_get_real_time ()
                               + (token->expires_in - remit_api_token_margin (token->expires_in))
                                   * G_USEC_PER_SEC;
  refresh_step (self);
}

static void
refresh_step (RemitApiClient *self)
{
  g_autoptr (GHashTable) attributes = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      refresh_finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("The operation was cancelled")));
      return;
    }

  if (self->client_secret == NULL && !self->secret_load_tried && self->client_id != NULL
      && self->use_keyring)
    {
      attributes = remit_api_secret_attributes (REMIT_API_SECRET_CLIENT_SECRET,
                                                self->urls[REMIT_API_SERVICE_PAY],
                                                self->client_id, NULL);
      remit_api_secret_lookup_async (attributes, self->keyring_timeout, self->cancellable,
                                     secret_loaded_cb, self);
      return;
    }
  if (self->client_id == NULL || self->client_secret == NULL)
    {
      refresh_finish (self, g_error_new_literal (REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED,
                                                 _("No client credentials are set: give a "
                                                   "client id and secret")));
      return;
    }
  if (self->auth_mode == REMIT_API_AUTH_DERIVED && self->user_identifier == NULL)
    {
      refresh_finish (self, g_error_new_literal (REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED,
                                                 _("A derived user needs a user identifier")));
      return;
    }

  if (self->use_keyring && self->auth_mode == REMIT_API_AUTH_ANONYMOUS
      && self->keyring_loaded == KEYRING_NOTHING_LOADED)
    {
      attributes = remit_api_secret_attributes (REMIT_API_SECRET_ANONYMOUS_USER,
                                                token_server (self), self->client_id, NULL);
      remit_api_secret_lookup_async (attributes, self->keyring_timeout, self->cancellable,
                                     user_loaded_cb, self);
      return;
    }
  if (self->auth_mode == REMIT_API_AUTH_DERIVED && self->keyring_loaded == KEYRING_NOTHING_LOADED)
    self->keyring_loaded = KEYRING_USER_LOADED;
  if (self->use_keyring && self->keyring_loaded == KEYRING_USER_LOADED && token_user (self) != NULL)
    {
      attributes = remit_api_secret_attributes (REMIT_API_SECRET_TOKEN, token_server (self),
                                                self->client_id, token_user (self));
      remit_api_secret_lookup_async (attributes, self->keyring_timeout, self->cancellable,
                                     token_loaded_cb, self);
      return;
    }

  if (token_is_fresh (self))
    {
      refresh_finish (self, NULL);
      return;
    }

  if (self->auth_mode == REMIT_API_AUTH_DERIVED)
    {
      self->n_token_requests++;
      remit_api_client_login_derived_async (self, self->cancellable, login_cb, self);
      return;
    }

  if (self->user_email == NULL)
    {
      g_autofree char *uuid = NULL;

      wipe (&self->token);
      if (self->client_token == NULL || g_get_real_time () >= self->client_token_expires)
        {
          remit_api_client_get_client_token_async (self, self->cancellable, client_token_cb,
                                                   self);
          return;
        }
      uuid = g_uuid_string_random ();
      self->user_email = g_strdup_printf ("%s@" ANONYMOUS_EMAIL_DOMAIN, uuid);
      self->user_password = random_password ();
      /* The token of a new user is stored under its email: nothing to load for it. */
      self->keyring_loaded = KEYRING_TOKEN_LOADED;
      remit_api_client_create_user_async (self, self->client_token, self->user_email,
                                          self->user_password, self->cancellable,
                                          user_created_cb, self);
      return;
    }

  self->n_token_requests++;
  remit_api_client_login_async (self, self->user_email, self->user_password, self->cancellable,
                                login_cb, self);
}

/**
 * remit_api_client_get_token_async: (skip)
 *
 * Gets a fresh user token: the one held, or a new one from a renewal that every concurrent
 * caller shares.
 */
void
remit_api_client_get_token_async (RemitApiClient *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_get_token_async);

  if (!self->refreshing && token_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }

  g_ptr_array_add (self->token_waiters, g_steal_pointer (&task));
  if (!self->refreshing)
    {
      self->refreshing = TRUE;
      /* Held until the renewal ends. */
      g_object_ref (self);
      refresh_step (self);
    }
}

char *
remit_api_client_get_token_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Public calls */

static void
authenticate_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;

  token = remit_api_client_get_token_finish (REMIT_API_CLIENT (source), result, &error);
  if (token == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  wipe (&token);
}

/**
 * remit_api_client_authenticate_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes sure the client holds a fresh token, creating the anonymous user or logging in as
 * needed. Other calls do this by themselves; this is for checking credentials.
 */
void
remit_api_client_authenticate_async (RemitApiClient *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_authenticate_async);
  remit_api_client_get_token_async (self, cancellable, authenticate_cb, g_steal_pointer (&task));
}

gboolean
remit_api_client_authenticate_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, remit_api_client_authenticate_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
client_secret_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitApiClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  char *secret;

  secret = remit_api_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->secret_load_tried = TRUE;
  if (secret == NULL)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED,
                               _("The keyring holds no secret for the client “%s”"),
                               self->client_id);
      return;
    }
  wipe (&self->client_secret);
  self->client_secret = secret;
  g_task_return_boolean (task, TRUE);
}

/**
 * remit_api_client_load_client_secret_async:
 * @self: a client with a client id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the secret of the client id from the keyring. Fails with
 * %REMIT_API_ERROR_UNAUTHORIZED if there is none, %REMIT_API_ERROR_KEYRING if the keyring
 * cannot be used.
 */
void
remit_api_client_load_client_secret_async (RemitApiClient *self,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (self->client_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_load_client_secret_async);
  attributes = remit_api_secret_attributes (REMIT_API_SECRET_CLIENT_SECRET,
                                            self->urls[REMIT_API_SERVICE_PAY], self->client_id,
                                            NULL);
  remit_api_secret_lookup_async (attributes, self->keyring_timeout, cancellable,
                                 client_secret_loaded_cb, g_steal_pointer (&task));
}

gboolean
remit_api_client_load_client_secret_finish (RemitApiClient *self,
                                            GAsyncResult *result,
                                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
client_secret_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!remit_api_secret_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * remit_api_client_store_client_secret_async:
 * @self: a client with client credentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps the client secret in the keyring, for the Pay API URL and the client id.
 */
void
remit_api_client_store_client_secret_async (RemitApiClient *self,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (self->client_id != NULL && self->client_secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_store_client_secret_async);
  attributes = remit_api_secret_attributes (REMIT_API_SECRET_CLIENT_SECRET,
                                            self->urls[REMIT_API_SERVICE_PAY], self->client_id,
                                            NULL);
  label = g_strdup_printf (_("Remit client secret for %s"), self->urls[REMIT_API_SERVICE_PAY]);
  remit_api_secret_store_async (attributes, label, self->client_secret, self->keyring_timeout,
                                cancellable, client_secret_stored_cb, g_steal_pointer (&task));
}

gboolean
remit_api_client_store_client_secret_finish (RemitApiClient *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
