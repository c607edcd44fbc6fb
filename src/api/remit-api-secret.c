/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "remit-api-error.h"
#include "remit-api-secret-private.h"

/* The client's secrets in the Secret Service: the client secret, an anonymous user's email
 * and password, and tokens with their expiry. A locked or missing keyring can leave a call
 * waiting for a password prompt that never comes, so every call has a time limit after which
 * it fails with %REMIT_API_ERROR_KEYRING, whether or not libsecret ever answers. */

#define LOCKED_MESSAGE _("The keyring is locked: unlock it and try again")

static const SecretSchema account_schema = {
  "io.github.remitapp.Remit.Account",
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

GHashTable *
remit_api_secret_attributes (const char *kind,
                             const char *server,
                             const char *client_id,
                             const char *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind));
  g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server));
  g_hash_table_insert (attributes, (gpointer) "client-id",
                       g_strdup (client_id != NULL ? client_id : ""));
  if (user != NULL)
    g_hash_table_insert (attributes, (gpointer) "user", g_strdup (user));
  return attributes;
}

void
remit_api_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

typedef struct
{
  GCancellable *inner;
  GCancellable *outer;
  gulong outer_handler;
  GSource *timer;
  guint timeout_s;
  gboolean done;
  GHashTable *attributes; /* of a lookup */
} KeyringCall;

static void
keyring_call_free (KeyringCall *call)
{
  if (call->outer_handler != 0)
    g_cancellable_disconnect (call->outer, call->outer_handler);
  g_clear_object (&call->outer);
  g_clear_object (&call->inner);
  if (call->timer != NULL)
    g_source_destroy (call->timer);
  g_clear_pointer (&call->timer, g_source_unref);
  g_clear_pointer (&call->attributes, g_hash_table_unref);
  g_free (call);
}

static void
outer_cancelled_cb (GCancellable *outer, gpointer user_data)
{
  GCancellable *inner = user_data;

  g_cancellable_cancel (inner);
}

static gboolean
keyring_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);

  if (!call->done)
    {
      call->done = TRUE;
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_KEYRING,
                               ngettext ("The keyring did not answer within %u second: unlock it "
                                         "or start a keyring service",
                                         "The keyring did not answer within %u seconds: unlock "
                                         "it or start a keyring service",
                                         call->timeout_s),
                               call->timeout_s);
      g_cancellable_cancel (call->inner);
    }
  return G_SOURCE_REMOVE;
}

static GTask *
keyring_task_new (gpointer source_tag,
                  guint timeout_s,
                  GCancellable *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  KeyringCall *call = g_new0 (KeyringCall, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) keyring_call_free);

  call->timeout_s = MAX (timeout_s, 1);
  call->inner = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->outer = g_object_ref (cancellable);
      call->outer_handler = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                                   g_object_ref (call->inner), g_object_unref);
    }
  call->timer = g_timeout_source_new_seconds (call->timeout_s);
  g_source_set_callback (call->timer, keyring_timeout_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->timer, g_task_get_context (task));
  return task;
}

/* Returns FALSE if the call was already answered (by the timer). */
static gboolean
keyring_task_begin_return (GTask *task)
{
  KeyringCall *call = g_task_get_task_data (task);

  if (call->done)
    return FALSE;
  call->done = TRUE;
  if (call->timer != NULL)
    {
      g_source_destroy (call->timer);
      g_clear_pointer (&call->timer, g_source_unref);
    }
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
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_KEYRING, "%s",
                             LOCKED_MESSAGE);
  else
    g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_KEYRING,
                             _("The keyring could not be used: %s"), error->message);
  g_error_free (error);
}

/* A lookup found nothing unlocked: locked items mean a locked keyring whose prompt was
 * dismissed or could not be shown, which must not pass for an empty one (Remit would make
 * new credentials instead of using the ones it has). */
static void
locked_search_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_service_search_finish (NULL, result, &error);
  gboolean locked = FALSE;

  for (GList *l = items; l != NULL && !locked; l = l->next)
    locked = secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  if (!keyring_task_begin_return (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else if (locked)
    g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_KEYRING, "%s",
                             LOCKED_MESSAGE);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (secret == NULL && error == NULL && !call->done)
    {
      secret_service_search (NULL, &account_schema, call->attributes, SECRET_SEARCH_ALL,
                             call->inner, locked_search_cb, g_steal_pointer (&task));
      return;
    }
  if (!keyring_task_begin_return (task))
    {
      g_clear_error (&error);
      g_clear_pointer (&secret, secret_password_free);
      return;
    }
  if (error != NULL)
    {
      keyring_task_return_error (task, error);
      return;
    }
  /* A copy in GLib memory, so that the caller frees it like any string. */
  g_task_return_pointer (task, g_strdup (secret), (GDestroyNotify) remit_api_secret_free);
  g_clear_pointer (&secret, secret_password_free);
}

void
remit_api_secret_lookup_async (GHashTable *attributes,
                               guint timeout_s,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task = keyring_task_new (remit_api_secret_lookup_async, timeout_s, cancellable,
                                  callback, user_data);
  KeyringCall *call = g_task_get_task_data (task);

  call->attributes = g_hash_table_ref (attributes);
  secret_password_lookupv (&account_schema, attributes, call->inner, lookup_cb, task);
}

/**
 * remit_api_secret_lookup_finish:
 * @result: the result
 * @error: return location for a %REMIT_API_ERROR_KEYRING error
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL if there is none or on error
 */
char *
remit_api_secret_lookup_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_store_finish (result, &error);
  if (!keyring_task_begin_return (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
remit_api_secret_store_async (GHashTable *attributes,
                              const char *label,
                              const char *secret,
                              guint timeout_s,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = keyring_task_new (remit_api_secret_store_async, timeout_s, cancellable,
                                  callback, user_data);
  KeyringCall *call = g_task_get_task_data (task);

  secret_password_storev (&account_schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          call->inner, store_cb, task);
}

gboolean
remit_api_secret_store_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (!keyring_task_begin_return (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    keyring_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
remit_api_secret_clear_async (GHashTable *attributes,
                              guint timeout_s,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = keyring_task_new (remit_api_secret_clear_async, timeout_s, cancellable,
                                  callback, user_data);
  KeyringCall *call = g_task_get_task_data (task);

  secret_password_clearv (&account_schema, attributes, call->inner, clear_cb, task);
}

gboolean
remit_api_secret_clear_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
