/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>

#include "remit-payment.h"
#include "remit-server-private.h"

/**
 * RemitServer:
 *
 * A Gini-compatible HTTP server backed by the local engine: the Pay API, the payment parts
 * of the Health API and the User Center under one base URL, with state in SQLite. It owns
 * the #SoupServer and routes each request to the file of its concern
 * (remit-server-auth.c, -users.c, -documents.c, -payments.c).
 *
 * Messages in answers are English: they travel to clients of any language, which show
 * their own translated text for a status and keep the server's message as detail. Only
 * the feedback rules of the core (422) come with the core's translated messages.
 *
 * Every answer carries `X-Request-Id`; errors carry `{"message", "requestId"}`. For tests,
 * faults can be injected in a share of the requests and every answer can be delayed.
 */

G_DEFINE_QUARK (remit-server-error-quark, remit_server_error)

enum
{
  PROP_0,
  PROP_DATA_DIR,
  PROP_TOKEN_LIFETIME,
  PROP_DELAY,
  PROP_PROCESSING_DELAY,
  PROP_LOG_REQUESTS,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RemitServer, remit_server, G_TYPE_OBJECT)

#define REQUEST_KEY "remit-server-request"

/* Requests ---------------------------------------------------------------------------------- */

RemitServerRequest *
remit_server_request_ref (RemitServerRequest *req)
{
  req->ref_count++;
  return req;
}

void
remit_server_request_unref (RemitServerRequest *req)
{
  if (req == NULL || --req->ref_count > 0)
    return;

  g_clear_handle_id (&req->wait_source, g_source_remove);
  if (req->idempotency_slot != NULL)
    g_hash_table_remove (req->server->idempotency_busy, req->idempotency_slot);
  g_free (req->idempotency_slot);
  g_free (req->idempotency_fingerprint);
  g_clear_object (&req->server);
  g_free (req->method);
  g_free (req->path);
  g_free (req->request_id);
  g_free (req->base_url);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_strfreev (req->segments);
  g_free (req->media_type);
  g_free (req->client_id);
  g_free (req->user_id);
  g_free (req);
}

static void
log_line (RemitServer *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
log_line (RemitServer *self, const char *format, ...)
{
  g_autofree char *line = NULL;
  va_list args;

  if (!self->log_requests)
    return;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", line);
}

static char *
base_url_of (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return g_uri_join (G_URI_FLAGS_NONE, scheme != NULL ? scheme : "http", NULL,
                     host != NULL ? host : "127.0.0.1", g_uri_get_port (uri), "", NULL, NULL);
}

static void
on_message_disconnected (SoupServerMessage *msg, RemitServerRequest *req)
{
  req->gone = TRUE;
}

/* The context of a message, made when its headers arrive. */
static RemitServerRequest *
request_for_message (RemitServer *self, SoupServerMessage *msg)
{
  RemitServerRequest *req = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) segments = NULL;
  GUri *uri;
  const char *query;

  if (req != NULL)
    return req;

  uri = soup_server_message_get_uri (msg);
  req = g_new0 (RemitServerRequest, 1);
  req->ref_count = 1;
  req->server = g_object_ref (self);
  req->msg = msg;
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (g_uri_get_path (uri));
  req->request_id = g_uuid_string_random ();
  req->base_url = base_url_of (uri);
  req->media_type = g_strdup (REMIT_SERVER_MEDIA_PAY);

  query = g_uri_get_query (uri);
  if (query != NULL)
    req->query = soup_form_decode (query);

  parts = g_strsplit (req->path, "/", -1);
  segments = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (segments, g_uri_unescape_string (parts[i], NULL));
  req->n_segments = segments->len;
  g_ptr_array_add (segments, NULL);
  req->segments = (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
  for (guint i = 0; i < req->n_segments; i++)
    if (req->segments[i] == NULL)
      {
        /* An escape that does not decode: keep a segment no route matches. */
        req->segments[i] = g_strdup ("");
      }

  g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, req,
                          (GDestroyNotify) remit_server_request_unref);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_message_disconnected), req);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id",
                                req->request_id);
  return req;
}

const char *
remit_server_request_get_header (RemitServerRequest *req, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), name);
}

const char *
remit_server_request_get_query (RemitServerRequest *req, const char *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

GBytes *
remit_server_request_get_body (RemitServerRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);

  return soup_message_body_flatten (body);
}

/* Parses the request body as JSON; answers 400 (or 415) and returns NULL if it is not. */
JsonNode *
remit_server_request_parse_json (RemitServerRequest *req)
{
  g_autoptr (GBytes) body = remit_server_request_get_body (req);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *content_type = remit_server_request_get_header (req, "Content-Type");
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (content_type != NULL)
    {
      g_autofree char *type = g_ascii_strdown (content_type, strcspn (content_type, ";"));

      g_strstrip (type);
      if (!g_str_has_suffix (type, "/json") && !g_str_has_suffix (type, "+json"))
        {
          remit_server_reply_error (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                    "The body must be JSON (Content-Type application/json), "
                                    "not “%s”",
                                    type);
          return NULL;
        }
    }

  if (size == 0 || !g_utf8_validate (data, size, NULL))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The body is empty or not UTF-8 text; send a JSON object");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, &error))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "The body is not valid JSON: %s",
                                error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "The body is empty JSON");
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

char *
remit_server_request_make_uri (RemitServerRequest *req, const char *format, ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  return g_strconcat (req->base_url, path, NULL);
}

gboolean
remit_server_parse_paging (RemitServerRequest *req, gint64 *limit, gint64 *offset)
{
  const char *text;
  guint64 value;

  *limit = 20;
  *offset = 0;

  text = remit_server_request_get_query (req, "limit");
  if (text != NULL)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 1, 250, &value, NULL))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“limit” must be a whole number from 1 to 250");
          return FALSE;
        }
      *limit = value;
    }

  text = remit_server_request_get_query (req, "offset");
  if (text != NULL)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &value, NULL))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“offset” must be a whole number of 0 or more");
          return FALSE;
        }
      *offset = value;
    }

  return TRUE;
}

/* Answers ----------------------------------------------------------------------------------- */

static void
set_response (RemitServerRequest *req, guint status, const char *content_type, GBytes *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *response = soup_server_message_get_response_body (req->msg);

  if (req->answered)
    {
      g_warning ("%s %s answered twice", req->method, req->path);
      return;
    }
  req->answered = TRUE;

  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_body_truncate (response);
  if (body != NULL)
    {
      soup_message_headers_replace (headers, "Content-Type", content_type);
      soup_message_body_append_bytes (response, body);
    }

  /* The first successful answer to a create is what a retry with its key gets. */
  if (req->idempotency_slot != NULL)
    {
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          g_autoptr (GError) error = NULL;
          g_auto (GStrv) slot = g_strsplit (req->idempotency_slot, "\n", 2);
          RemitServerIdempotent entry = {
            .fingerprint = req->idempotency_fingerprint,
            .status = status,
            .location = (char *) soup_message_headers_get_one (headers, "Location"),
            .content_type = (char *) content_type,
            .body = body,
          };

          /* The database is closed only once the server stopped answering. */
          if (req->server->db != NULL
              && !remit_server_db_insert_idempotent (req->server->db, slot[0], slot[1], &entry,
                                                     &error))
            g_warning ("Cannot keep the answer for an idempotency key: %s", error->message);
        }

      g_hash_table_remove (req->server->idempotency_busy, req->idempotency_slot);
      g_clear_pointer (&req->idempotency_slot, g_free);
    }
}

static GBytes *
json_to_bytes (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* Takes @node. */
void
remit_server_reply_json (RemitServerRequest *req, guint status, JsonNode *node)
{
  g_autoptr (JsonNode) owned = node;
  g_autoptr (GBytes) body = json_to_bytes (node);

  set_response (req, status, req->media_type, body);
}

void
remit_server_reply_bytes (RemitServerRequest *req,
                          guint status,
                          const char *content_type,
                          GBytes *body)
{
  set_response (req, status, content_type, body);
}

void
remit_server_reply_empty (RemitServerRequest *req, guint status)
{
  set_response (req, status, NULL, NULL);
}

void
remit_server_reply_error (RemitServerRequest *req, guint status, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "requestId");
  json_builder_add_string_value (builder, req->request_id);
  json_builder_end_object (builder);

  remit_server_reply_json (req, status, json_builder_get_root (builder));
}

void
remit_server_reply_internal_error (RemitServerRequest *req, const GError *error)
{
  g_warning ("%s %s (request %s) failed: %s", req->method, req->path, req->request_id,
             error->message);
  remit_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                            "The server failed to carry out the request; quote request id %s",
                            req->request_id);
}

void
remit_server_reply_method_not_allowed (RemitServerRequest *req, const char *allowed)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Allow",
                                allowed);
  remit_server_reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED,
                            "%s is not allowed on %s; use %s", req->method, req->path, allowed);
}

/* Media types ------------------------------------------------------------------------------- */

/* Whether the Accept header (absent: anything) lets the server answer JSON. */
gboolean
remit_server_request_accepts_json (RemitServerRequest *req)
{
  const char *accept = remit_server_request_get_header (req, "Accept");
  g_auto (GStrv) ranges = NULL;

  if (accept == NULL)
    return TRUE;

  ranges = g_strsplit (accept, ",", -1);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *range = g_ascii_strdown (ranges[i], strcspn (ranges[i], ";"));

      g_strstrip (range);
      if (range[0] == '\0' || g_str_equal (range, "*/*") || g_str_equal (range, "application/*")
          || g_str_equal (range, "application/json")
          || (g_str_has_prefix (range, "application/vnd.gini.")
              && g_str_has_suffix (range, "+json")))
        return TRUE;
    }

  return FALSE;
}

/* The versioned media type the client asked for, if any: `application/vnd.gini.vN+json`. */
static char *
requested_media_type (RemitServerRequest *req)
{
  const char *accept = remit_server_request_get_header (req, "Accept");
  g_auto (GStrv) ranges = NULL;

  if (accept == NULL)
    return NULL;

  ranges = g_strsplit (accept, ",", -1);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *range = g_ascii_strdown (ranges[i], strcspn (ranges[i], ";"));
      const char *version;

      g_strstrip (range);
      if (!g_str_has_prefix (range, "application/vnd.gini.v") || !g_str_has_suffix (range, "+json"))
        continue;

      version = range + strlen ("application/vnd.gini.v");
      if (g_ascii_isdigit (*version) && strspn (version, "0123456789") + strlen ("+json")
                                          == strlen (version))
        return g_steal_pointer (&range);
    }

  return NULL;
}

/* Idempotency ------------------------------------------------------------------------------- */

char *
remit_server_fingerprint (RemitServerRequest *req, GBytes *body)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *content_type = remit_server_request_get_header (req, "Content-Type");
  const char *filename = remit_server_request_get_query (req, "filename");
  gsize size = 0;
  const guint8 *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  g_checksum_update (checksum, (const guchar *) req->method, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) req->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (content_type != NULL ? content_type : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (filename != NULL ? filename : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (data != NULL)
    g_checksum_update (checksum, data, size);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
idempotency_key_is_valid (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > 255)
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

/*
 * Called by a create, after authentication, with the fingerprint of the request. Without an
 * `Idempotency-Key` header it does nothing. With a key this user sent before, it answers
 * the first result again (or 422 when the request differs) and returns FALSE; with a key
 * whose first request is still being carried out it answers 409. Otherwise the key is
 * reserved, and the first successful answer is kept for it.
 */
gboolean
remit_server_idempotency_begin (RemitServerRequest *req, const char *fingerprint)
{
  RemitServer *self = req->server;
  const char *key = remit_server_request_get_header (req, "Idempotency-Key");
  g_autoptr (RemitServerIdempotent) entry = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *slot = NULL;

  g_return_val_if_fail (req->user_id != NULL, FALSE);

  if (key == NULL)
    return TRUE;

  if (!idempotency_key_is_valid (key))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The Idempotency-Key must be 1 to 255 visible ASCII characters, "
                                "such as a UUID");
      return FALSE;
    }

  entry = remit_server_db_get_idempotent (self->db, req->user_id, key, &error);
  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return FALSE;
    }

  if (entry != NULL)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

      if (g_strcmp0 (entry->fingerprint, fingerprint) != 0)
        {
          remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                    "This Idempotency-Key was already used for a different "
                                    "request; use a new key for a new request");
          return FALSE;
        }

      if (entry->location != NULL)
        soup_message_headers_replace (headers, "Location", entry->location);
      soup_message_headers_replace (headers, "Idempotent-Replayed", "true");
      set_response (req, entry->status, entry->content_type, entry->body);
      return FALSE;
    }

  slot = g_strconcat (req->user_id, "\n", key, NULL);
  if (g_hash_table_contains (self->idempotency_busy, slot))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", "1");
      remit_server_reply_error (req, SOUP_STATUS_CONFLICT,
                                "A request with this Idempotency-Key is still being carried out; "
                                "retry in a moment");
      return FALSE;
    }

  g_hash_table_add (self->idempotency_busy, g_strdup (slot));
  req->idempotency_slot = g_steal_pointer (&slot);
  g_free (req->idempotency_fingerprint);
  req->idempotency_fingerprint = g_strdup (fingerprint);
  return TRUE;
}

/* Gives the key up without keeping an answer (the create failed). */
void
remit_server_idempotency_end (RemitServerRequest *req)
{
  if (req->idempotency_slot == NULL)
    return;

  g_hash_table_remove (req->server->idempotency_busy, req->idempotency_slot);
  g_clear_pointer (&req->idempotency_slot, g_free);
}

/* Delivery: delay and faults ---------------------------------------------------------------- */

static void
drop_connection (RemitServerRequest *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  log_line (req->server, "< drop %s %s", req->method, req->path);
  req->logged = TRUE;
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

/* Lets a paused message go out, unless its connection is gone. */
static void
unpause (RemitServerRequest *req)
{
  if (req->gone)
    return;

  if (req->fault == REMIT_SERVER_FAULT_DROP)
    drop_connection (req);
  soup_server_message_unpause (req->msg);
}

typedef struct
{
  RemitServerRequest *req;
  SoupServerMessage *msg;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  remit_server_request_unref (delivery->req);
  g_object_unref (delivery->msg);
  g_free (delivery);
}

static gboolean
on_delay_done (gpointer user_data)
{
  Delivery *delivery = user_data;

  g_hash_table_remove (delivery->req->server->deliveries, delivery);
  unpause (delivery->req);
  return G_SOURCE_REMOVE;
}

/* Sends the answers that wait for the end of their delay now: the server stops. */
static void
deliver_delayed_now (RemitServer *self)
{
  g_autoptr (GHashTable) deliveries = g_steal_pointer (&self->deliveries);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  self->deliveries = g_hash_table_new (NULL, NULL);

  g_hash_table_iter_init (&iter, deliveries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Delivery *delivery = key;

      unpause (delivery->req);
      g_source_remove (GPOINTER_TO_UINT (value));
    }
}

/* The answer is set: send it, after the delay, or drop it. @paused says whether the
 * message is paused already (an answer that was held). A server that stops sends at once. */
static void
deliver (RemitServerRequest *req, gboolean paused)
{
  RemitServer *self = req->server;

  if (self->delay > 0 && !req->gone && !self->stopping)
    {
      Delivery *delivery = g_new0 (Delivery, 1);
      guint id;

      if (!paused)
        soup_server_message_pause (req->msg);
      delivery->req = remit_server_request_ref (req);
      delivery->msg = g_object_ref (req->msg);
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->delay, on_delay_done, delivery,
                               (GDestroyNotify) delivery_free);
      g_hash_table_insert (self->deliveries, delivery, GUINT_TO_POINTER (id));
      return;
    }

  if (paused)
    unpause (req);
  else if (req->fault == REMIT_SERVER_FAULT_DROP)
    drop_connection (req);
}

/* Pauses the message until remit_server_request_release(). Holding a held request does
 * nothing: one release sends the answer. */
void
remit_server_request_hold (RemitServerRequest *req)
{
  if (req->held)
    return;

  req->held = TRUE;
  remit_server_request_ref (req);
  g_object_ref (req->msg);
  soup_server_message_pause (req->msg);
}

/* Sends the answer set since remit_server_request_hold(). */
void
remit_server_request_release (RemitServerRequest *req)
{
  SoupServerMessage *msg = req->msg;

  g_return_if_fail (req->held);

  req->held = FALSE;
  if (!req->answered)
    remit_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                              "The server gave no answer");
  deliver (req, TRUE);
  remit_server_request_unref (req);
  g_object_unref (msg);
}

/* Worker tasks and shutdown --------------------------------------------------------------- */

typedef struct
{
  RemitServer *server;
  GAsyncReadyCallback callback;
} TaskClosure;

/* Ends a shutdown once no worker task is left: closes the database and returns the
 * remit_server_shutdown_async() calls that wait. */
static void
finish_shutdown (RemitServer *self)
{
  g_autoptr (GPtrArray) shutdowns = NULL;
  g_autoptr (GError) error = NULL;

  if (!self->shutting_down || self->n_tasks > 0)
    return;

  if (self->db != NULL)
    {
      if (!remit_server_db_close_checked (g_steal_pointer (&self->db), &error)
          && self->shutdowns->len == 0)
        g_warning ("%s", error->message);
      log_line (self, "stopped");
    }

  shutdowns = g_steal_pointer (&self->shutdowns);
  self->shutdowns = g_ptr_array_new ();
  for (guint i = 0; i < shutdowns->len; i++)
    {
      g_autoptr (GTask) task = g_ptr_array_index (shutdowns, i);
      GSource *cancelled = g_task_get_task_data (task);

      if (cancelled != NULL)
        g_source_destroy (cancelled);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
on_task_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TaskClosure *closure = user_data;
  g_autoptr (RemitServer) self = closure->server;

  closure->callback (G_OBJECT (self), result, NULL);
  g_free (closure);

  g_assert (self->n_tasks > 0);
  self->n_tasks--;
  finish_shutdown (self);
}

/**
 * remit_server_task_new:
 * @self: a server
 * @cancellable: (nullable): cancels the work
 * @callback: called on the main thread with the server as its source object
 * @source_tag: the task's source tag
 *
 * A task for work in a worker thread (g_task_run_in_thread()). A worker may end after
 * everything else let go of its task, and then release it in its own thread: so the task
 * holds no reference to the server. Its callback does, and is counted, so that
 * remit_server_shutdown_async() waits until no worker runs any more.
 *
 * Returns: (transfer full): a task without a source object
 */
GTask *
remit_server_task_new (RemitServer *self,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer source_tag)
{
  TaskClosure *closure = g_new0 (TaskClosure, 1);
  GTask *task;

  closure->server = g_object_ref (self);
  closure->callback = callback;
  task = g_task_new (NULL, cancellable, on_task_done, closure);
  g_task_set_source_tag (task, source_tag);
  self->n_tasks++;
  return task;
}

static RemitServerFault
draw_fault (RemitServer *self)
{
  double value;
  double sum = 0;

  if (self->faults->len == 0)
    return REMIT_SERVER_FAULT_NONE;

  value = g_rand_double (self->rand);
  for (guint i = 0; i < self->faults->len; i++)
    {
      const RemitServerFaultShare *share = &g_array_index (self->faults,
                                                           RemitServerFaultShare, i);

      sum += share->share;
      if (value < sum)
        return share->fault;
    }

  return REMIT_SERVER_FAULT_NONE;
}

/* Answers an injected fault instead of carrying the request out. */
static void
reply_fault (RemitServerRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  switch (req->fault)
    {
    case REMIT_SERVER_FAULT_500:
      remit_server_reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                "Injected fault: internal server error");
      break;
    case REMIT_SERVER_FAULT_503:
      remit_server_reply_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                "Injected fault: service unavailable, try again later");
      break;
    case REMIT_SERVER_FAULT_429:
      soup_message_headers_replace (headers, "Retry-After", "1");
      remit_server_reply_error (req, 429 /* Too Many Requests */,
                                "Injected fault: too many requests, retry after 1 second");
      break;
    case REMIT_SERVER_FAULT_MALFORMED:
      {
        static const char broken[] = "{\"message\": \"this answer is cut sh";
        g_autoptr (GBytes) body = g_bytes_new_static (broken, sizeof broken - 1);

        set_response (req, SOUP_STATUS_OK, req->media_type, body);
      }
      break;
    case REMIT_SERVER_FAULT_NONE:
    case REMIT_SERVER_FAULT_DROP:
    default:
      g_assert_not_reached ();
    }
}

/* Routing ----------------------------------------------------------------------------------- */

static gboolean
is_binary_path (RemitServerRequest *req)
{
  char **s = req->segments;
  guint n = req->n_segments;

  return (n == 3 && g_str_equal (s[0], "documents") && g_str_equal (s[2], "processed"))
         || (n == 5 && g_str_equal (s[0], "documents") && g_str_equal (s[2], "pages"))
         || (n == 3 && g_str_equal (s[0], "paymentProviders") && g_str_equal (s[2], "icon"));
}

static void
dispatch (RemitServerRequest *req)
{
  const char *first = req->n_segments > 0 ? req->segments[0] : "";
  g_autofree char *requested = requested_media_type (req);
  void (*handler) (RemitServerRequest *) = NULL;

  if (g_str_equal (first, "oauth") && req->n_segments == 2
      && g_str_equal (req->segments[1], "token"))
    {
      req->api = REMIT_SERVER_API_USER;
      handler = remit_server_handle_oauth_token;
    }
  else if (g_str_equal (first, "api") && req->n_segments >= 2
           && g_str_equal (req->segments[1], "users"))
    {
      req->api = REMIT_SERVER_API_USER;
      handler = remit_server_handle_users;
    }
  else if (g_str_equal (first, "login") && req->n_segments == 1)
    {
      req->api = REMIT_SERVER_API_PAY;
      handler = remit_server_handle_login;
    }
  else if (g_str_equal (first, "documents"))
    {
      req->api = REMIT_SERVER_API_PAY;
      handler = remit_server_handle_documents;
    }
  else if (g_str_equal (first, "paymentProviders"))
    {
      req->api = REMIT_SERVER_API_HEALTH;
      handler = remit_server_handle_payment_providers;
    }
  else if (g_str_equal (first, "paymentRequests"))
    {
      req->api = REMIT_SERVER_API_HEALTH;
      handler = remit_server_handle_payment_requests;
    }

  g_free (req->media_type);
  if (req->api == REMIT_SERVER_API_USER)
    req->media_type = g_strdup (REMIT_SERVER_MEDIA_JSON);
  else if (requested != NULL)
    req->media_type = g_steal_pointer (&requested);
  else
    req->media_type = g_strdup (req->api == REMIT_SERVER_API_HEALTH ? REMIT_SERVER_MEDIA_HEALTH
                                                                    : REMIT_SERVER_MEDIA_PAY);

  if (req->fault != REMIT_SERVER_FAULT_NONE && req->fault != REMIT_SERVER_FAULT_DROP)
    {
      reply_fault (req);
      return;
    }

  if (handler == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no resource at %s",
                                req->path);
      return;
    }

  if (!is_binary_path (req) && !remit_server_request_accepts_json (req))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_ACCEPTABLE,
                                "This resource is JSON; accept %s or application/json",
                                req->media_type);
      return;
    }

  handler (req);
}

static void
on_got_headers (SoupServerMessage *msg, RemitServer *self)
{
  RemitServerRequest *req = request_for_message (self, msg);
  goffset length;

  log_line (self, "> %s %s", req->method, req->path);

  /* A body far over the limit is not kept in memory; the handler will not run. */
  length = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  if (length > REMIT_SERVER_MAX_UPLOAD + 1024 * 1024)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      remit_server_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                "The body is larger than 10 MiB; send a smaller file");
    }
}

/* A body without a length (chunked) is counted as it comes: past the limit, it is no
 * longer kept, and what was kept is dropped. */
static void
on_got_chunk (SoupServerMessage *msg, GBytes *chunk, RemitServer *self)
{
  RemitServerRequest *req = request_for_message (self, msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  req->body_received += g_bytes_get_size (chunk);
  if (req->answered || req->body_received <= REMIT_SERVER_MAX_UPLOAD + 1024 * 1024)
    return;

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  remit_server_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                            "The body is larger than 10 MiB; send a smaller file");
}

static void
on_request_started (SoupServer *server, SoupServerMessage *msg, RemitServer *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
}

static void
on_request_finished (SoupServer *server, SoupServerMessage *msg, RemitServer *self)
{
  RemitServerRequest *req = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (req == NULL || req->logged)
    return;

  req->logged = TRUE;
  log_line (self, "< %u %s %s", soup_server_message_get_status (msg), req->method, req->path);
}

static void
on_request_aborted (SoupServer *server, SoupServerMessage *msg, RemitServer *self)
{
  RemitServerRequest *req = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (req == NULL || req->logged)
    return;

  req->logged = TRUE;
  log_line (self, "< aborted %s %s", req->method, req->path);
}

static void
server_callback (SoupServer *server,
                 SoupServerMessage *msg,
                 const char *path,
                 GHashTable *query,
                 gpointer user_data)
{
  RemitServer *self = user_data;
  RemitServerRequest *req = request_for_message (self, msg);

  if (req->answered)
    {
      deliver (req, FALSE);
      return;
    }

  req->fault = draw_fault (self);
  dispatch (req);

  if (!req->held)
    deliver (req, FALSE);
}

/* Settings ---------------------------------------------------------------------------------- */

void
remit_server_client_free (RemitServerClient *client)
{
  if (client == NULL)
    return;

  g_free (client->salt);
  g_free (client->secret_hash);
  g_free (client);
}

/**
 * remit_server_add_client:
 * @self: a server
 * @client_id: the client id
 * @client_secret: its secret (only a salted hash is kept)
 * @error: return location for a %REMIT_SERVER_ERROR_INVALID_OPTION error
 *
 * Registers a client that may authenticate with HTTP Basic auth.
 *
 * Returns: %TRUE if the client was added
 */
gboolean
remit_server_add_client (RemitServer *self,
                         const char *client_id,
                         const char *client_secret,
                         GError **error)
{
  RemitServerClient *client;

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (client_id != NULL, FALSE);
  g_return_val_if_fail (client_secret != NULL, FALSE);

  if (client_id[0] == '\0' || strchr (client_id, ':') != NULL || client_secret[0] == '\0')
    {
      g_set_error_literal (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                           "A client needs an id without “:” and a secret that is not empty");
      return FALSE;
    }

  client = g_new0 (RemitServerClient, 1);
  client->salt = remit_server_random_hex (16);
  client->secret_hash = remit_server_hash_secret (client->salt, client_secret);
  g_hash_table_replace (self->clients, g_strdup (client_id), client);
  return TRUE;
}

/**
 * remit_server_add_client_from_string:
 * @self: a server
 * @spec: `ID:SECRET`, as given to `--client`
 * @error: return location for a %REMIT_SERVER_ERROR_INVALID_OPTION error
 *
 * Returns: %TRUE if the client was added
 */
gboolean
remit_server_add_client_from_string (RemitServer *self, const char *spec, GError **error)
{
  const char *colon;
  g_autofree char *id = NULL;

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  colon = strchr (spec, ':');
  if (colon == NULL)
    {
      g_set_error_literal (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                           "A client is given as ID:SECRET");
      return FALSE;
    }

  id = g_strndup (spec, colon - spec);
  return remit_server_add_client (self, id, colon + 1, error);
}

/**
 * remit_server_add_fault:
 * @self: a server
 * @fault: the fault
 * @share: the share of requests answered with it, from 0 to 1
 * @error: return location for a %REMIT_SERVER_ERROR_INVALID_OPTION error
 *
 * Adds a fault for tests. The shares of all faults together must not exceed 1. Which
 * requests get a fault follows from the seed (remit_server_set_seed()).
 *
 * Returns: %TRUE if the fault was added
 */
gboolean
remit_server_add_fault (RemitServer *self, RemitServerFault fault, double share, GError **error)
{
  RemitServerFaultShare entry = { fault, share };
  double sum = share;

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (fault != REMIT_SERVER_FAULT_NONE, FALSE);

  for (guint i = 0; i < self->faults->len; i++)
    sum += g_array_index (self->faults, RemitServerFaultShare, i).share;

  if (!(share >= 0 && share <= 1) || sum > 1 + 1e-9)
    {
      g_set_error_literal (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                           "A fault's share is between 0 and 1, and all shares together are "
                           "at most 1");
      return FALSE;
    }

  g_array_append_val (self->faults, entry);
  return TRUE;
}

/**
 * remit_server_add_fault_from_string:
 * @self: a server
 * @spec: `KIND:SHARE` as given to `--fault`: KIND is 500, 503, 429, `drop` or `malformed`,
 *   SHARE a decimal number from 0 to 1 (`503:0.3`)
 * @error: return location for a %REMIT_SERVER_ERROR_INVALID_OPTION error
 *
 * Returns: %TRUE if the fault was added
 */
gboolean
remit_server_add_fault_from_string (RemitServer *self, const char *spec, GError **error)
{
  static const struct
  {
    const char *name;
    RemitServerFault fault;
  } kinds[] = {
    { "500", REMIT_SERVER_FAULT_500 },
    { "503", REMIT_SERVER_FAULT_503 },
    { "429", REMIT_SERVER_FAULT_429 },
    { "drop", REMIT_SERVER_FAULT_DROP },
    { "malformed", REMIT_SERVER_FAULT_MALFORMED },
  };
  g_auto (GStrv) parts = NULL;
  double share;
  char *end = NULL;

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  parts = g_strsplit (spec, ":", 2);
  if (parts[0] != NULL && parts[1] != NULL)
    {
      share = g_ascii_strtod (parts[1], &end);
      if (end != parts[1] && *end == '\0')
        for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
          if (g_ascii_strcasecmp (parts[0], kinds[i].name) == 0)
            return remit_server_add_fault (self, kinds[i].fault, share, error);
    }

  g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
               "Cannot read the fault “%s”: write KIND:SHARE with KIND one of 500, 503, 429, "
               "drop or malformed and SHARE from 0 to 1, such as 503:0.3",
               spec);
  return FALSE;
}

void
remit_server_clear_faults (RemitServer *self)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  g_array_set_size (self->faults, 0);
}

/**
 * remit_server_load_providers:
 * @self: a server
 * @path: a JSON file with a list of payment providers, as `GET /paymentProviders` answers
 * @error: return location for an error
 *
 * Replaces the built-in list of payment providers.
 *
 * Returns: %TRUE if the file was read
 */
gboolean
remit_server_load_providers (RemitServer *self, const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    {
      g_prefix_error (error, "Cannot read the payment providers “%s”: ", path);
      return FALSE;
    }

  providers = remit_payment_provider_list_from_json (json_parser_get_root (parser), error);
  if (providers == NULL)
    {
      g_prefix_error (error, "Cannot read the payment providers “%s”: ", path);
      return FALSE;
    }

  for (guint i = 0; i < providers->len; i++)
    {
      const char *id = remit_payment_provider_get_id (g_ptr_array_index (providers, i));

      if (!g_hash_table_add (ids, (gpointer) id) || strchr (id, '/') != NULL)
        {
          g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                       "The payment providers “%s” list the id “%s” twice, or with a “/”",
                       path, id);
          return FALSE;
        }
    }

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  self->providers = g_steal_pointer (&providers);
  return TRUE;
}

const char *
remit_server_get_data_dir (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), NULL);

  return self->data_dir;
}

guint
remit_server_get_token_lifetime (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), 0);

  return self->token_lifetime;
}

void
remit_server_set_token_lifetime (RemitServer *self, guint seconds)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  seconds = MAX (seconds, 1);
  if (self->token_lifetime == seconds)
    return;

  self->token_lifetime = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_LIFETIME]);
}

guint
remit_server_get_delay (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), 0);

  return self->delay;
}

/**
 * remit_server_set_delay:
 * @self: a server
 * @milliseconds: how long every answer waits before it is sent
 *
 * The wait runs on a timeout source; the server keeps serving meanwhile.
 */
void
remit_server_set_delay (RemitServer *self, guint milliseconds)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  if (self->delay == milliseconds)
    return;

  self->delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

guint
remit_server_get_processing_delay (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), 0);

  return self->processing_delay;
}

/**
 * remit_server_set_processing_delay:
 * @self: a server
 * @milliseconds: the least time a document stays PENDING after its upload
 *
 * Makes processing take at least this long, so that tests see PENDING reliably.
 */
void
remit_server_set_processing_delay (RemitServer *self, guint milliseconds)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  if (self->processing_delay == milliseconds)
    return;

  self->processing_delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESSING_DELAY]);
}

/**
 * remit_server_set_seed:
 * @self: a server
 * @seed: the seed of the generator that picks the requests that get a fault
 *
 * The same seed and the same order of requests give the same faults.
 */
void
remit_server_set_seed (RemitServer *self, guint32 seed)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  g_rand_set_seed (self->rand, seed);
}

gboolean
remit_server_get_log_requests (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);

  return self->log_requests;
}

void
remit_server_set_log_requests (RemitServer *self, gboolean log_requests)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  log_requests = !!log_requests;
  if (self->log_requests == log_requests)
    return;

  self->log_requests = log_requests;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_REQUESTS]);
}

/* Listening --------------------------------------------------------------------------------- */

/**
 * remit_server_listen:
 * @self: a server
 * @address: (nullable): the address to listen on, %NULL for 127.0.0.1
 * @port: the port, 0 for a free one
 * @error: return location for an error
 *
 * Opens the state under the data directory, resumes the processing that a previous run
 * left unfinished, and listens. remit_server_get_port() tells the port.
 *
 * Returns: %TRUE if the server listens
 */
gboolean
remit_server_listen (RemitServer *self, const char *address, guint port, GError **error)
{
  g_autoptr (GInetAddress) inet = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr (GError) local_error = NULL;
  GSList *uris;

  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (port > G_MAXUINT16)
    {
      g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                   "The port %u is out of range", port);
      return FALSE;
    }

  inet = g_inet_address_new_from_string (address != NULL ? address : "127.0.0.1");
  if (inet == NULL)
    {
      g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_INVALID_OPTION,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  if (g_mkdir_with_parents (self->files_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_DATABASE,
                   "Cannot create the data directory “%s”: %s", self->files_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  db_path = g_build_filename (self->data_dir, "remit-server.db", NULL);
  self->db = remit_server_db_open (db_path, error);
  if (self->db == NULL)
    return FALSE;

  self->soup = soup_server_new ("server-header", "remit-server/" PACKAGE_VERSION " ", NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started), self,
                           0);
  g_signal_connect_object (self->soup, "request-finished", G_CALLBACK (on_request_finished),
                           self, 0);
  g_signal_connect_object (self->soup, "request-aborted", G_CALLBACK (on_request_aborted), self,
                           0);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);

  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, socket_address, 0, &local_error))
    {
      g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_LISTEN,
                   "Cannot listen on port %u: %s", port, local_error->message);
      g_clear_object (&self->soup);
      g_clear_pointer (&self->db, remit_server_db_close);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_free (self->address);
  self->address = g_inet_address_to_string (inet);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  remit_server_documents_resume (self);
  return TRUE;
}

guint
remit_server_get_port (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), 0);

  return self->port;
}

/**
 * remit_server_dup_base_url:
 * @self: a server that listens
 *
 * Returns: (transfer full): `http://ADDRESS:PORT`
 */
char *
remit_server_dup_base_url (RemitServer *self)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), NULL);
  g_return_val_if_fail (self->address != NULL, NULL);

  if (strchr (self->address, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u", self->address, self->port);

  return g_strdup_printf ("http://%s:%u", self->address, self->port);
}

/**
 * remit_server_stop:
 * @self: a server
 *
 * Stops listening, answers the requests that wait for a document with 503, sends the
 * answers held by the delay at once and closes the connections, and cancels the work under
 * way. Documents being processed stay PENDING and are resumed by the next
 * remit_server_listen() on the same data.
 *
 * Work in worker threads ends a little later, when it sees that it was cancelled:
 * remit_server_shutdown_async() waits for that.
 */
void
remit_server_stop (RemitServer *self)
{
  g_return_if_fail (REMIT_IS_SERVER (self));

  self->stopping = TRUE;
  g_cancellable_cancel (self->cancellable);
  remit_server_documents_stop (self);
  deliver_delayed_now (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}

/* The wait of a shutdown was cancelled: it ends now; the rest of the shutdown goes on. */
static gboolean
on_shutdown_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  RemitServer *self = g_task_get_source_object (task);

  if (g_ptr_array_remove_fast (self->shutdowns, task))
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/**
 * remit_server_shutdown_async:
 * @self: a server
 * @cancellable: (nullable): ends the wait early; the server stops all the same, and closes
 *   its database once the work has ended
 * @callback: called when the server is shut down
 * @user_data: data for @callback
 *
 * Stops the server as remit_server_stop() does, waits until the work in worker threads has
 * ended, and closes the database. A process calls it before it exits: a thread that is
 * still inside the engine when the process exits can crash it.
 */
void
remit_server_shutdown_async (RemitServer *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMIT_IS_SERVER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_server_shutdown_async);

  if (!self->stopping && self->db != NULL)
    {
      if (self->n_tasks > 0)
        log_line (self, "stopping: %u background jobs to end", self->n_tasks);
      else
        log_line (self, "stopping");
    }
  remit_server_stop (self);
  self->shutting_down = TRUE;

  /* The source holds the task until either it fires or the shutdown ends and destroys it. */
  if (cancellable != NULL)
    {
      GSource *source = g_cancellable_source_new (cancellable);

      g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_shutdown_cancelled,
                             g_object_ref (task), g_object_unref);
      g_source_attach (source, g_task_get_context (task));
      g_task_set_task_data (task, source, (GDestroyNotify) g_source_unref);
    }

  g_ptr_array_add (self->shutdowns, g_steal_pointer (&task));
  finish_shutdown (self);
}

/**
 * remit_server_shutdown_finish:
 * @self: a server
 * @result: the result given to the callback
 * @error: return location for a %REMIT_SERVER_ERROR_DATABASE error (the database did not
 *   close cleanly) or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE if the server is shut down and its database closed
 */
gboolean
remit_server_shutdown_finish (RemitServer *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, remit_server_shutdown_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ----------------------------------------------------------------------------------- */

RemitServer *
remit_server_new (const char *data_dir)
{
  g_return_val_if_fail (data_dir != NULL, NULL);

  return g_object_new (REMIT_TYPE_SERVER, "data-dir", data_dir, NULL);
}

static void
remit_server_constructed (GObject *object)
{
  RemitServer *self = REMIT_SERVER (object);

  G_OBJECT_CLASS (remit_server_parent_class)->constructed (object);

  self->files_dir = g_build_filename (self->data_dir, "files", NULL);
}

static void
remit_server_dispose (GObject *object)
{
  RemitServer *self = REMIT_SERVER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->waiters, g_hash_table_unref);

  G_OBJECT_CLASS (remit_server_parent_class)->dispose (object);
}

static void
remit_server_finalize (GObject *object)
{
  RemitServer *self = REMIT_SERVER (object);

  g_clear_pointer (&self->db, remit_server_db_close);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_pointer (&self->pending_composites, g_hash_table_unref);
  g_clear_pointer (&self->idempotency_busy, g_hash_table_unref);
  g_clear_pointer (&self->delayed_results, g_hash_table_unref);
  g_clear_pointer (&self->deliveries, g_hash_table_unref);
  g_clear_pointer (&self->shutdowns, g_ptr_array_unref);
  g_free (self->data_dir);
  g_free (self->files_dir);
  g_free (self->address);

  G_OBJECT_CLASS (remit_server_parent_class)->finalize (object);
}

static void
remit_server_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitServer *self = REMIT_SERVER (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_TOKEN_LIFETIME:
      g_value_set_uint (value, self->token_lifetime);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_PROCESSING_DELAY:
      g_value_set_uint (value, self->processing_delay);
      break;
    case PROP_LOG_REQUESTS:
      g_value_set_boolean (value, self->log_requests);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_server_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  RemitServer *self = REMIT_SERVER (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;
    case PROP_TOKEN_LIFETIME:
      remit_server_set_token_lifetime (self, g_value_get_uint (value));
      break;
    case PROP_DELAY:
      remit_server_set_delay (self, g_value_get_uint (value));
      break;
    case PROP_PROCESSING_DELAY:
      remit_server_set_processing_delay (self, g_value_get_uint (value));
      break;
    case PROP_LOG_REQUESTS:
      remit_server_set_log_requests (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_server_class_init (RemitServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = remit_server_constructed;
  object_class->dispose = remit_server_dispose;
  object_class->finalize = remit_server_finalize;
  object_class->get_property = remit_server_get_property;
  object_class->set_property = remit_server_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_LIFETIME] =
    g_param_spec_uint ("token-lifetime", NULL, NULL, 1, G_MAXUINT,
                       REMIT_SERVER_DEFAULT_TOKEN_LIFETIME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROCESSING_DELAY] =
    g_param_spec_uint ("processing-delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_REQUESTS] =
    g_param_spec_boolean ("log-requests", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_server_init (RemitServer *self)
{
  self->cancellable = g_cancellable_new ();
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) remit_server_client_free);
  self->faults = g_array_new (FALSE, FALSE, sizeof (RemitServerFaultShare));
  self->rand = g_rand_new ();
  self->providers = remit_server_builtin_providers ();
  self->token_lifetime = REMIT_SERVER_DEFAULT_TOKEN_LIFETIME;
  self->log_requests = TRUE;
  self->waiters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->pending_composites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->idempotency_busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->delayed_results = g_hash_table_new (NULL, NULL);
  self->deliveries = g_hash_table_new (NULL, NULL);
  self->shutdowns = g_ptr_array_new ();
}
