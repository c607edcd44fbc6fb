/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-secrets-ui"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "remit-secrets-ui.h"

static const SecretSchema account_schema = {
  REMIT_SECRETS_UI_SCHEMA_NAME,
  SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

static guint keyring_timeout = REMIT_SECRETS_UI_DEFAULT_TIMEOUT;

guint
remit_secrets_ui_get_timeout (void)
{
  return keyring_timeout;
}

/**
 * remit_secrets_ui_set_timeout:
 * @seconds: the time limit of each keyring call, at least 1
 */
void
remit_secrets_ui_set_timeout (guint seconds)
{
  keyring_timeout = MAX (seconds, 1);
}

/* One keyring call: libsecret works on @inner, which the timer or the caller's cancellable
 * cancel. Whichever comes first answers the task; the later ones find it answered. */
typedef struct
{
  GCancellable *inner;
  GCancellable *outer;
  gulong outer_handler;
  guint timer;
  guint timeout_s;
  gboolean answered;
} KeyringCall;

static void
keyring_call_free (KeyringCall *call)
{
  if (call->outer_handler != 0)
    g_cancellable_disconnect (call->outer, call->outer_handler);
  g_clear_object (&call->outer);
  g_clear_object (&call->inner);
  g_clear_handle_id (&call->timer, g_source_remove);
  g_free (call);
}

static gboolean
keyring_call_timed_out (gpointer user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);

  call->timer = 0;
  if (!call->answered)
    {
      call->answered = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The keyring did not answer within %u second; "
                                            "unlock it, or start a keyring service, and try "
                                            "again",
                                            "The keyring did not answer within %u seconds; "
                                            "unlock it, or start a keyring service, and try "
                                            "again",
                                            call->timeout_s),
                               call->timeout_s);
      g_cancellable_cancel (call->inner);
    }
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled (GCancellable *outer, gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GTask *
keyring_task_new (gpointer source_tag,
                  GCancellable *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  KeyringCall *call = g_new0 (KeyringCall, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) keyring_call_free);

  call->inner = g_cancellable_new ();
  call->timeout_s = keyring_timeout;
  if (cancellable != NULL)
    {
      call->outer = g_object_ref (cancellable);
      call->outer_handler = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled),
                                                   g_object_ref (call->inner), g_object_unref);
    }
  /* The timer holds a reference so that the task outlives a keyring that never answers. */
  call->timer = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, call->timeout_s,
                                            keyring_call_timed_out, g_object_ref (task),
                                            g_object_unref);
  return task;
}

/* Returns whether the caller may answer @task (the timer has not already). */
static gboolean
keyring_task_claim (GTask *task)
{
  KeyringCall *call = g_task_get_task_data (task);

  if (call->answered)
    return FALSE;
  call->answered = TRUE;
  g_clear_handle_id (&call->timer, g_source_remove);
  return TRUE;
}

static void
keyring_task_return_error (GTask *task, GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* libsecret's messages name no secret, only the service; keep them as the reason. */
  g_task_return_new_error (task, error->domain, error->code,
                           _("The keyring could not be used: %s"), error->message);
  g_error_free (error);
}

static GHashTable *
client_secret_attributes (const char *server, const char *client_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind",
                       g_strdup (REMIT_SECRETS_UI_KIND_CLIENT_SECRET));
  g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server));
  g_hash_table_insert (attributes, (gpointer) "client-id", g_strdup (client_id));
  return attributes;
}

/* Store */

static void
store_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_store_finish (result, &error);
  if (!keyring_task_claim (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * remit_secrets_ui_store_client_secret_async:
 * @server: the base URL the secret is for (the Pay API's or the server's)
 * @client_id: the client ID the secret belongs to
 * @secret: the client secret; it is handed to the keyring and not kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the secret is stored or the call failed
 * @user_data: data for @callback
 *
 * Stores the client secret in the default collection, replacing one stored before for the
 * same server and client ID.
 */
void
remit_secrets_ui_store_client_secret_async (const char *server,
                                            const char *client_id,
                                            const char *secret,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;
  KeyringCall *call;

  g_return_if_fail (server != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (secret != NULL);

  task = keyring_task_new (remit_secrets_ui_store_client_secret_async, cancellable, callback,
                           user_data);
  call = g_task_get_task_data (task);
  attributes = client_secret_attributes (server, client_id);
  label = g_strdup_printf (_("Remit client secret for %s"), server);
  secret_password_storev (&account_schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          call->inner, store_done, task);
}

gboolean
remit_secrets_ui_store_client_secret_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == remit_secrets_ui_store_client_secret_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Has */

static void
search_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (!keyring_task_claim (task))
    {
      g_list_free_full (items, g_object_unref);
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else
    g_task_return_int (task, items != NULL ? 1 : 0);
  g_list_free_full (items, g_object_unref);
}

/**
 * remit_secrets_ui_has_client_secret_async:
 * @server: the base URL the secret is for
 * @client_id: the client ID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks whether a client secret is stored, without reading it or unlocking anything.
 */
void
remit_secrets_ui_has_client_secret_async (const char *server,
                                          const char *client_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (GHashTable) attributes = NULL;
  GTask *task;
  KeyringCall *call;

  g_return_if_fail (server != NULL);
  g_return_if_fail (client_id != NULL);

  task = keyring_task_new (remit_secrets_ui_has_client_secret_async, cancellable, callback,
                           user_data);
  call = g_task_get_task_data (task);
  attributes = client_secret_attributes (server, client_id);
  secret_password_searchv (&account_schema, attributes, SECRET_SEARCH_NONE, call->inner,
                           search_done, task);
}

gboolean
remit_secrets_ui_has_client_secret_finish (GAsyncResult *result,
                                           gboolean *has_secret,
                                           GError **error)
{
  gssize found;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == remit_secrets_ui_has_client_secret_async,
                        FALSE);

  found = g_task_propagate_int (G_TASK (result), error);
  if (found < 0)
    return FALSE;
  if (has_secret != NULL)
    *has_secret = found > 0;
  return TRUE;
}

/* Clear */

static void
clear_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: that is fine too. */
  secret_password_clear_finish (result, &error);
  if (!keyring_task_claim (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * remit_secrets_ui_clear_all_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every item is removed or the call failed
 * @user_data: data for @callback
 *
 * Removes every item of Remit's schema: client secrets, anonymous users and tokens, for
 * every server.
 */
void
remit_secrets_ui_clear_all_async (GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  GTask *task;
  KeyringCall *call;

  task = keyring_task_new (remit_secrets_ui_clear_all_async, cancellable, callback, user_data);
  call = g_task_get_task_data (task);
  /* No attributes: every item of the schema matches. */
  secret_password_clearv (&account_schema, attributes, call->inner, clear_done, task);
}

gboolean
remit_secrets_ui_clear_all_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == remit_secrets_ui_clear_all_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
