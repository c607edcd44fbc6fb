/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-api"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-api-client-private.h"

/**
 * RemitApiClient:
 *
 * The asynchronous client of the Gini Pay API, Health API and User Center. It owns one
 * #SoupSession with keep-alive connections (at most 8 per host), authenticates as
 * remit-api-auth.c describes, retries what can be retried with exponential backoff and full
 * jitter, and turns every failure into a %REMIT_API_ERROR whose message carries the server's
 * request id and never a token, password or secret.
 */

#define MAX_CONNECTIONS_PER_HOST 8

enum
{
  PROP_0,
  PROP_PAY_API_URL,
  PROP_HEALTH_API_URL,
  PROP_USER_CENTER_URL,
  PROP_PAY_API_VERSION,
  PROP_HEALTH_API_VERSION,
  PROP_AUTH_MODE,
  PROP_CLIENT_ID,
  PROP_USER_IDENTIFIER,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_BASE_DELAY,
  PROP_RETRY_MAX_DELAY,
  PROP_RETRY_MAX_TOTAL,
  PROP_POLL_TIMEOUT,
  PROP_KEYRING_TIMEOUT,
  PROP_N_CONNECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE (RemitApiClient, remit_api_client, G_TYPE_OBJECT)

GType
remit_api_auth_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { REMIT_API_AUTH_ANONYMOUS, "REMIT_API_AUTH_ANONYMOUS", "anonymous" },
        { REMIT_API_AUTH_DERIVED, "REMIT_API_AUTH_DERIVED", "derived" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static ("RemitApiAuthMode", values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

void
remit_api_token_free (RemitApiToken *token)
{
  if (token == NULL)
    return;
  if (token->access_token != NULL)
    memset (token->access_token, 0, strlen (token->access_token));
  g_free (token->access_token);
  g_free (token);
}

void
remit_api_user_free (RemitApiUser *user)
{
  if (user == NULL)
    return;
  g_free (user->id);
  g_free (user->email);
  g_free (user);
}

/* Requests and responses */

RemitApiRequest *
remit_api_request_new (RemitApiService service, const char *method, const char *uri)
{
  RemitApiRequest *request = g_new0 (RemitApiRequest, 1);

  request->service = service;
  request->method = g_strdup (method);
  request->uri = g_strdup (uri);
  request->auth = REMIT_API_REQUEST_AUTH_USER;
  request->headers = g_ptr_array_new_with_free_func (g_free);
  return request;
}

void
remit_api_request_free (RemitApiRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->uri);
  g_free (request->bearer);
  g_free (request->accept);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->idempotency_key);
  g_ptr_array_unref (request->headers);
  g_free (request);
}

void
remit_api_request_add_header (RemitApiRequest *request, const char *name, const char *value)
{
  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value));
}

void
remit_api_request_set_body (RemitApiRequest *request, GBytes *body, const char *content_type)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_free (request->content_type);
  request->content_type = g_strdup (content_type);
}

void
remit_api_request_set_json (RemitApiRequest *request, JsonNode *node, const char *content_type)
{
  g_autoptr (GBytes) body = NULL;
  gsize length = 0;
  char *text;

  text = json_to_string (node, FALSE);
  length = strlen (text);
  body = g_bytes_new_take (text, length);
  remit_api_request_set_body (request, body, content_type);
}

void
remit_api_response_free (RemitApiResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->content_type);
  g_free (response->location);
  g_free (response->request_id);
  g_free (response->uri);
  g_free (response);
}

char *
remit_api_with_request_id (const char *message, const char *request_id)
{
  if (request_id == NULL || *request_id == '\0')
    return g_strdup (message);
  /* TRANSLATORS: the first %s is an error message, the second the server's request id */
  return g_strdup_printf (_("%s (request id %s)"), message, request_id);
}

void
remit_api_malformed (GError **error, const char *request_id, const char *what)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;

  message = g_strdup_printf (_("The server’s answer could not be understood: %s"), what);
  full = remit_api_with_request_id (message, request_id);
  g_set_error_literal (error, REMIT_API_ERROR, REMIT_API_ERROR_MALFORMED, full);
}

/**
 * remit_api_response_get_json:
 * @response: a response
 * @error: return location for a %REMIT_API_ERROR_MALFORMED error
 *
 * Returns: (transfer full): the body parsed as JSON, or %NULL with @error set
 */
JsonNode *
remit_api_response_get_json (RemitApiResponse *response, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  gconstpointer data = NULL;
  gsize length = 0;

  if (response->body != NULL)
    data = g_bytes_get_data (response->body, &length);
  if (length == 0)
    {
      remit_api_malformed (error, response->request_id, _("the body is empty"));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL)
      || !json_parser_load_from_data (parser, data, length, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      remit_api_malformed (error, response->request_id, _("the body is not valid JSON"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * remit_api_json_string:
 * @object: (nullable): a JSON object
 * @name: a member name
 *
 * Returns: (nullable): the member if it is a string, else %NULL
 */
const char *
remit_api_json_string (JsonObject *object, const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Which URLs may be used */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * remit_api_client_check_url:
 * @url: a base URL or a resource URI
 * @error: return location for a %REMIT_API_ERROR_INSECURE error
 *
 * Only HTTPS may be used, except on the loopback interface (127.0.0.0/8, ::1, localhost),
 * where plain HTTP is allowed for a local server.
 *
 * Returns: %TRUE if @url may be used
 */
gboolean
remit_api_client_check_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE,
                   _("“%s” is not a valid server address"), url != NULL ? url : "");
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE,
               _("The server address “%s” is not secure: use an “https://” address"), url);
  return FALSE;
}

/* Retry timing */

/**
 * remit_api_backoff_delay:
 * @attempt: the number of attempts that failed so far, at least 1
 * @base_ms: the delay before the first retry, at most
 * @cap_ms: the largest delay
 *
 * Exponential backoff with full jitter: a random delay between 0 and
 * min(@cap_ms, @base_ms × 2^(@attempt − 1)).
 *
 * Returns: the delay in milliseconds
 */
guint
remit_api_backoff_delay (guint attempt, guint base_ms, guint cap_ms)
{
  guint64 ceiling = base_ms;

  for (guint i = 1; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) cap_ms);
  return (guint) g_random_int_range (0, (gint32) ceiling + 1);
}

/**
 * remit_api_parse_retry_after:
 * @value: (nullable): a `Retry-After` header: seconds or an HTTP date
 * @now_s: the current time, Unix seconds
 * @seconds: (out): how long to wait
 *
 * Returns: %TRUE if @value could be read
 */
gboolean
remit_api_parse_retry_after (const char *value, gint64 now_s, guint *seconds)
{
  g_autoptr (GDateTime) date = NULL;
  guint64 number;
  char *end = NULL;

  if (value == NULL)
    return FALSE;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      number = g_ascii_strtoull (value, &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return FALSE;
      *seconds = (guint) MIN (number, G_MAXUINT);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;
  *seconds = (guint) CLAMP (g_date_time_to_unix (date) - now_s, 0, G_MAXUINT);
  return TRUE;
}

/* A cancellable sleep */

typedef struct
{
  GSource *timeout;
  GSource *cancelled;
} SleepData;

static void
sleep_data_free (SleepData *data)
{
  if (data->timeout != NULL)
    g_source_destroy (data->timeout);
  if (data->cancelled != NULL)
    g_source_destroy (data->cancelled);
  g_clear_pointer (&data->timeout, g_source_unref);
  g_clear_pointer (&data->cancelled, g_source_unref);
  g_free (data);
}

static gboolean
sleep_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;

  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

void
remit_api_sleep_async (guint milliseconds,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SleepData *data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_sleep_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_new0 (SleepData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) sleep_data_free);

  /* Each source holds the task; whichever fires first returns it, and freeing the task data
   * then destroys the other source, which drops its reference. */
  data->timeout = g_timeout_source_new (milliseconds);
  g_source_set_callback (data->timeout, sleep_timeout_cb, g_object_ref (task), g_object_unref);
  g_source_attach (data->timeout, g_task_get_context (task));
  if (cancellable != NULL)
    {
      data->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancelled, G_SOURCE_FUNC (sleep_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->cancelled, g_task_get_context (task));
    }
}

gboolean
remit_api_sleep_finish (GAsyncResult *result, GError **error)
{
  GTask *task = G_TASK (result);
  gboolean done = g_task_propagate_boolean (task, error);

  /* Break the cycle task → data → sources → task. */
  g_task_set_task_data (task, NULL, NULL);
  return done;
}

/* Helpers for the concern files */

char *
remit_api_client_media_type (RemitApiClient *self, RemitApiService service, const char *suffix)
{
  guint version = service == REMIT_API_SERVICE_HEALTH ? self->health_api_version
                                                        : self->pay_api_version;

  return g_strdup_printf ("application/vnd.gini.v%u%s", version, suffix != NULL ? suffix : "+json");
}

char *
remit_api_client_resolve (RemitApiClient *self, RemitApiService service, const char *uri)
{
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) resolved = NULL;
  g_autofree char *base_text = NULL;

  if (g_uri_peek_scheme (uri) != NULL)
    return g_strdup (uri);

  /* A base URL may have a path of its own: keep it, below it the resource's path. */
  base_text = g_str_has_suffix (self->urls[service], "/") ? g_strdup (self->urls[service])
                                                          : g_strconcat (self->urls[service], "/",
                                                                         NULL);
  base = g_uri_parse (base_text, G_URI_FLAGS_ENCODED, NULL);
  if (base == NULL)
    return NULL;
  while (*uri == '/')
    uri++;
  resolved = g_uri_parse_relative (base, uri, G_URI_FLAGS_ENCODED, NULL);
  return resolved != NULL ? g_uri_to_string (resolved) : NULL;
}

static void
scrub_one (GString *text, const char *secret)
{
  if (secret != NULL && strlen (secret) >= 4)
    g_string_replace (text, secret, "…", 0);
}

/* Removes any secret the client holds from a text that came from outside. */
char *
remit_api_client_scrub (RemitApiClient *self, const char *text)
{
  GString *result = g_string_new (text);

  scrub_one (result, self->client_secret);
  scrub_one (result, self->token);
  scrub_one (result, self->user_password);
  scrub_one (result, self->client_token);
  return g_string_free (result, FALSE);
}

static char *
server_message (RemitApiClient *self, RemitApiResponse *response, char **body_request_id,
                char **oauth_error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  const char *message = NULL;
  gconstpointer data;
  gsize length = 0;
  JsonObject *object;

  if (response->body == NULL)
    return NULL;
  data = g_bytes_get_data (response->body, &length);
  if (length == 0 || length > 64 * 1024 || !g_utf8_validate (data, length, NULL)
      || !json_parser_load_from_data (parser, data, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  *body_request_id = g_strdup (remit_api_json_string (object, "requestId"));
  *oauth_error = g_strdup (remit_api_json_string (object, "error"));

  message = remit_api_json_string (object, "message");
  if (message == NULL)
    message = remit_api_json_string (object, "error_description");
  if (message == NULL || *message == '\0')
    return NULL;
  return remit_api_client_scrub (self, message);
}

static GError *
error_from_response (RemitApiClient *self, RemitApiResponse *response, guint retry_after)
{
  g_autofree char *text = NULL;
  g_autofree char *body_request_id = NULL;
  g_autofree char *oauth_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  const char *request_id;
  guint status = response->status;
  RemitApiError code;

  text = server_message (self, response, &body_request_id, &oauth_error);
  request_id = response->request_id != NULL ? response->request_id : body_request_id;

  if (status == 401 || status == 403
      || (status == 400 && g_strcmp0 (oauth_error, "invalid_grant") == 0)
      || (status == 400 && g_strcmp0 (oauth_error, "invalid_client") == 0))
    {
      code = REMIT_API_ERROR_UNAUTHORIZED;
      message = g_strdup (_("The server refused the credentials: check the client id and secret"));
    }
  else if (status == 404)
    {
      code = REMIT_API_ERROR_NOT_FOUND;
      message = g_strdup (_("The server does not know this document or resource"));
    }
  else if (status == 415)
    {
      code = REMIT_API_ERROR_UNSUPPORTED_TYPE;
      message = g_strdup (_("The server does not accept this type of file: use a PDF or an "
                            "image"));
    }
  else if (status == 429)
    {
      code = REMIT_API_ERROR_RATE_LIMITED;
      if (retry_after > 0)
        message = g_strdup_printf (ngettext ("Too many requests: try again in %u second",
                                             "Too many requests: try again in %u seconds",
                                             retry_after),
                                   retry_after);
      else
        message = g_strdup (_("Too many requests: try again later"));
    }
  else if (status == 503)
    {
      code = REMIT_API_ERROR_UNAVAILABLE;
      message = g_strdup (_("The service is unavailable for the moment: try again later"));
    }
  else if (status >= 500)
    {
      code = REMIT_API_ERROR_SERVER_ERROR;
      message = g_strdup_printf (_("The server failed (HTTP status %u): try again later"), status);
    }
  else if (status >= 400)
    {
      /* 400, 406, 409, 413, 422: the request was refused for what it holds. */
      code = REMIT_API_ERROR_INVALID_VALUE;
      if (text != NULL)
        message = g_strdup_printf (_("The server refused the request: %s"), text);
      else
        message = g_strdup_printf (_("The server refused the request (HTTP status %u)"), status);
    }
  else
    {
      code = REMIT_API_ERROR_MALFORMED;
      message = g_strdup_printf (_("The server answered with the unexpected HTTP status %u"),
                                 status);
    }

  full = remit_api_with_request_id (message, request_id);
  return g_error_new_literal (REMIT_API_ERROR, code, full);
}

/* Sending, with authentication and retries */

typedef struct
{
  RemitApiRequest *request;
  char *uri;
  char *token;
  guint attempts;
  gboolean reauthenticated;
  gint64 deadline;          /* monotonic µs */
} SendData;

static void
send_data_free (SendData *data)
{
  remit_api_request_free (data->request);
  g_free (data->uri);
  g_free (data->token);
  g_free (data);
}

static void send_attempt (GTask *task);

static gboolean
request_may_repeat (RemitApiRequest *request)
{
  return g_str_equal (request->method, "GET") || g_str_equal (request->method, "HEAD")
         || g_str_equal (request->method, "PUT") || g_str_equal (request->method, "DELETE")
         || request->idempotency_key != NULL || request->safe_to_repeat;
}

static void
retry_sleep_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!remit_api_sleep_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  send_attempt (g_steal_pointer (&task));
}

/* Schedules another attempt after @delay_ms if attempts and time are left. */
static gboolean
schedule_retry (GTask *task, guint delay_ms)
{
  RemitApiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  if (data->attempts >= self->max_attempts)
    return FALSE;
  if (g_get_monotonic_time () + (gint64) delay_ms * 1000 > data->deadline)
    return FALSE;

  g_debug ("%s %s: attempt %u failed, next in %u ms", data->request->method, data->uri,
           data->attempts, delay_ms);
  remit_api_sleep_async (delay_ms, g_task_get_cancellable (task), retry_sleep_cb,
                         g_object_ref (task));
  return TRUE;
}

static void
on_network_event (SoupMessage *message,
                  GSocketClientEvent event,
                  GIOStream *connection,
                  gpointer user_data)
{
  RemitApiClient *self = user_data;

  if (event == G_SOCKET_CLIENT_CONNECTED)
    {
      self->n_connections++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
    }
}

static void
send_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitApiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers;
  const char *location;
  guint retry_after = 0;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  /* The message is kept alive by the session until this callback returns. */
  g_signal_handlers_disconnect_by_func (message, on_network_event, self);

  if (body == NULL)
    {
      g_autofree char *text = NULL;
      g_autofree char *host = NULL;
      g_autoptr (GUri) uri = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (schedule_retry (task, remit_api_backoff_delay (data->attempts, self->base_delay_ms,
                                                         self->max_delay_ms)))
        return;

      uri = g_uri_parse (data->uri, G_URI_FLAGS_NONE, NULL);
      host = uri != NULL ? g_strdup (g_uri_get_host (uri)) : g_strdup (data->uri);
      text = remit_api_client_scrub (self, error->message);
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_NO_NETWORK,
                               _("Could not reach the server “%s”: %s"), host, text);
      return;
    }

  status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  response = g_new0 (RemitApiResponse, 1);
  response->status = status;
  response->body = g_steal_pointer (&body);
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  response->request_id = g_strdup (soup_message_headers_get_one (headers, "X-Request-Id"));
  response->uri = g_strdup (data->uri);
  location = soup_message_headers_get_one (headers, "Location");
  if (location != NULL)
    {
      g_autoptr (GUri) base = g_uri_parse (data->uri, G_URI_FLAGS_ENCODED, NULL);
      g_autoptr (GUri) resolved = NULL;

      if (base != NULL)
        resolved = g_uri_parse_relative (base, location, G_URI_FLAGS_ENCODED, NULL);
      if (resolved != NULL)
        response->location = g_uri_to_string (resolved);
    }

  g_debug ("%s %s: %u (request id %s)", data->request->method, data->uri, status,
           response->request_id != NULL ? response->request_id : "none");

  if (status >= 200 && status < 300)
    {
      g_task_return_pointer (task, g_steal_pointer (&response),
                             (GDestroyNotify) remit_api_response_free);
      return;
    }

  if (status == 401 && data->request->auth == REMIT_API_REQUEST_AUTH_USER
      && !data->reauthenticated)
    {
      /* The token may have expired early or been revoked: get a new one, once. */
      data->reauthenticated = TRUE;
      remit_api_client_invalidate_token (self, data->token);
      send_attempt (g_steal_pointer (&task));
      return;
    }

  /* A 409 with Retry-After on a create with an Idempotency-Key: the first request with that
   * key is still being carried out (a retry after a crash or a lost answer); its result
   * comes once it is done. */
  if (status == 429 || status == 503 || (status >= 500 && request_may_repeat (data->request))
      || (status == 409 && data->request->idempotency_key != NULL
          && soup_message_headers_get_one (headers, "Retry-After") != NULL))
    {
      guint delay = remit_api_backoff_delay (data->attempts, self->base_delay_ms,
                                             self->max_delay_ms);

      if (remit_api_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                       g_get_real_time () / G_USEC_PER_SEC, &retry_after))
        {
          /* The server says how long; a little jitter keeps clients apart. */
          if (retry_after <= self->max_retry_after)
            delay = retry_after * 1000 + g_random_int_range (0, 250);
          else
            delay = G_MAXUINT / 2;
        }
      if (schedule_retry (task, delay))
        return;
    }

  g_task_return_error (task, error_from_response (self, response, retry_after));
}

static void
do_send (GTask *task)
{
  RemitApiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  RemitApiRequest *request = data->request;
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *accept = NULL;
  SoupMessageHeaders *headers;

  message = soup_message_new (request->method, data->uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE,
                               _("“%s” is not a valid server address"), data->uri);
      return;
    }

  data->attempts++;
  headers = soup_message_get_request_headers (message);
  accept = request->accept != NULL ? g_strdup (request->accept)
                                   : remit_api_client_media_type (self, request->service, NULL);
  soup_message_headers_replace (headers, "Accept", accept);

  switch (request->auth)
    {
    case REMIT_API_REQUEST_AUTH_USER:
    case REMIT_API_REQUEST_AUTH_BEARER:
      {
        const char *token = request->auth == REMIT_API_REQUEST_AUTH_USER ? data->token
                                                                          : request->bearer;
        g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

        soup_message_headers_replace (headers, "Authorization", value);
        break;
      }
    case REMIT_API_REQUEST_AUTH_BASIC:
      {
        g_autofree char *pair = g_strconcat (self->client_id, ":", self->client_secret, NULL);
        g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
        g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

        soup_message_headers_replace (headers, "Authorization", value);
        memset (pair, 0, strlen (pair));
        break;
      }
    case REMIT_API_REQUEST_AUTH_NONE:
    default:
      break;
    }

  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    soup_message_headers_replace (headers, request->headers->pdata[i],
                                  request->headers->pdata[i + 1]);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, request->content_type, request->body);
  /* libsoup sends a POST on a fresh connection unless told that sending it again is safe;
   * a create carries its Idempotency-Key, so a kept-alive connection may be used. */
  if (request_may_repeat (request))
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event), self);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb,
                                    g_object_ref (task));
}

static void
got_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&data->token, g_free);
  data->token = remit_api_client_get_token_finish (REMIT_API_CLIENT (source), result, &error);
  if (data->token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  do_send (task);
}

static void
send_attempt (GTask *task)
{
  RemitApiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (data->request->auth == REMIT_API_REQUEST_AUTH_USER)
    remit_api_client_get_token_async (self, g_task_get_cancellable (task), got_token_cb, task);
  else
    {
      do_send (task);
      g_object_unref (task);
    }
}

/**
 * remit_api_client_send_async:
 * @self: a client
 * @request: (transfer full): the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the response
 * @user_data: data for @callback
 *
 * Sends @request with its authentication, retrying connection failures, 429, 503 and (for
 * requests that may be repeated) other 5xx answers with backoff.
 */
void
remit_api_client_send_async (RemitApiClient *self,
                             RemitApiRequest *request,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  SendData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_api_client_send_async);

  data = g_new0 (SendData, 1);
  data->request = request;
  data->uri = remit_api_client_resolve (self, request->service, request->uri);
  data->deadline = g_get_monotonic_time () + (gint64) self->max_total_ms * 1000;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (!remit_api_client_check_url (data->uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->auth == REMIT_API_REQUEST_AUTH_BASIC
      && (self->client_id == NULL || self->client_secret == NULL))
    {
      g_task_return_new_error (task, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED,
                               _("No client credentials are set: give a client id and secret"));
      return;
    }

  send_attempt (g_steal_pointer (&task));
}

/**
 * remit_api_client_send_finish:
 * @self: a client
 * @result: the result
 * @error: return location for a %REMIT_API_ERROR
 *
 * Returns: (transfer full): the 2xx response, or %NULL with @error set
 */
RemitApiResponse *
remit_api_client_send_finish (RemitApiClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

static void
remit_api_client_dispose (GObject *object)
{
  RemitApiClient *self = REMIT_API_CLIENT (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (remit_api_client_parent_class)->dispose (object);
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
remit_api_client_finalize (GObject *object)
{
  RemitApiClient *self = REMIT_API_CLIENT (object);

  remit_api_client_auth_clear (self);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < REMIT_API_N_SERVICES; i++)
    g_free (self->urls[i]);
  g_free (self->client_id);
  clear_secret (&self->client_secret);
  g_free (self->user_identifier);

  G_OBJECT_CLASS (remit_api_client_parent_class)->finalize (object);
}

static void
remit_api_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitApiClient *self = REMIT_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PAY_API_URL:
      g_value_set_string (value, self->urls[REMIT_API_SERVICE_PAY]);
      break;
    case PROP_HEALTH_API_URL:
      g_value_set_string (value, self->urls[REMIT_API_SERVICE_HEALTH]);
      break;
    case PROP_USER_CENTER_URL:
      g_value_set_string (value, self->urls[REMIT_API_SERVICE_USER_CENTER]);
      break;
    case PROP_PAY_API_VERSION:
      g_value_set_uint (value, self->pay_api_version);
      break;
    case PROP_HEALTH_API_VERSION:
      g_value_set_uint (value, self->health_api_version);
      break;
    case PROP_AUTH_MODE:
      g_value_set_enum (value, self->auth_mode);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_USER_IDENTIFIER:
      g_value_set_string (value, self->user_identifier);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_BASE_DELAY:
      g_value_set_uint (value, self->base_delay_ms);
      break;
    case PROP_RETRY_MAX_DELAY:
      g_value_set_uint (value, self->max_delay_ms);
      break;
    case PROP_RETRY_MAX_TOTAL:
      g_value_set_uint (value, self->max_total_ms);
      break;
    case PROP_POLL_TIMEOUT:
      g_value_set_uint (value, self->poll_timeout);
      break;
    case PROP_KEYRING_TIMEOUT:
      g_value_set_uint (value, self->keyring_timeout);
      break;
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, self->n_connections);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_url (RemitApiClient *self, RemitApiService service, const char *url, guint prop_id)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (url != NULL);

  trimmed = g_strdup (url);
  while (g_str_has_suffix (trimmed, "/") && strlen (trimmed) > 1)
    trimmed[strlen (trimmed) - 1] = '\0';
  if (g_strcmp0 (self->urls[service], trimmed) == 0)
    return;
  g_free (self->urls[service]);
  self->urls[service] = g_steal_pointer (&trimmed);
  /* Another server means another identity. */
  remit_api_client_forget_token (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
remit_api_client_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  RemitApiClient *self = REMIT_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PAY_API_URL:
      set_url (self, REMIT_API_SERVICE_PAY, g_value_get_string (value), prop_id);
      break;
    case PROP_HEALTH_API_URL:
      set_url (self, REMIT_API_SERVICE_HEALTH, g_value_get_string (value), prop_id);
      break;
    case PROP_USER_CENTER_URL:
      set_url (self, REMIT_API_SERVICE_USER_CENTER, g_value_get_string (value), prop_id);
      break;
    case PROP_PAY_API_VERSION:
      remit_api_client_set_pay_api_version (self, g_value_get_uint (value));
      break;
    case PROP_HEALTH_API_VERSION:
      remit_api_client_set_health_api_version (self, g_value_get_uint (value));
      break;
    case PROP_AUTH_MODE:
      remit_api_client_set_auth_mode (self, g_value_get_enum (value));
      break;
    case PROP_CLIENT_ID:
      remit_api_client_set_client_credentials (self, g_value_get_string (value), NULL);
      break;
    case PROP_USER_IDENTIFIER:
      remit_api_client_set_user_identifier (self, g_value_get_string (value));
      break;
    case PROP_MAX_ATTEMPTS:
      remit_api_client_set_max_attempts (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_BASE_DELAY:
      self->base_delay_ms = g_value_get_uint (value);
      break;
    case PROP_RETRY_MAX_DELAY:
      self->max_delay_ms = g_value_get_uint (value);
      break;
    case PROP_RETRY_MAX_TOTAL:
      self->max_total_ms = g_value_get_uint (value);
      break;
    case PROP_POLL_TIMEOUT:
      remit_api_client_set_poll_timeout (self, g_value_get_uint (value));
      break;
    case PROP_KEYRING_TIMEOUT:
      self->keyring_timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_api_client_class_init (RemitApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = remit_api_client_dispose;
  object_class->finalize = remit_api_client_finalize;
  object_class->get_property = remit_api_client_get_property;
  object_class->set_property = remit_api_client_set_property;

  properties[PROP_PAY_API_URL] =
    g_param_spec_string ("pay-api-url", NULL, NULL, REMIT_API_DEFAULT_PAY_API_URL, flags);
  properties[PROP_HEALTH_API_URL] =
    g_param_spec_string ("health-api-url", NULL, NULL, REMIT_API_DEFAULT_HEALTH_API_URL, flags);
  properties[PROP_USER_CENTER_URL] =
    g_param_spec_string ("user-center-url", NULL, NULL, REMIT_API_DEFAULT_USER_CENTER_URL, flags);
  properties[PROP_PAY_API_VERSION] =
    g_param_spec_uint ("pay-api-version", NULL, NULL, 1, 99, 1, flags);
  properties[PROP_HEALTH_API_VERSION] =
    g_param_spec_uint ("health-api-version", NULL, NULL, 1, 99, 3, flags);
  properties[PROP_AUTH_MODE] =
    g_param_spec_enum ("auth-mode", NULL, NULL, REMIT_TYPE_API_AUTH_MODE,
                       REMIT_API_AUTH_ANONYMOUS, flags);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL, flags);
  properties[PROP_USER_IDENTIFIER] =
    g_param_spec_string ("user-identifier", NULL, NULL, NULL, flags);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 20, 5, flags);
  properties[PROP_RETRY_BASE_DELAY] =
    g_param_spec_uint ("retry-base-delay", NULL, NULL, 0, 60000, 500, flags);
  properties[PROP_RETRY_MAX_DELAY] =
    g_param_spec_uint ("retry-max-delay", NULL, NULL, 0, 600000, 8000, flags);
  properties[PROP_RETRY_MAX_TOTAL] =
    g_param_spec_uint ("retry-max-total", NULL, NULL, 0, 3600000, 60000, flags);
  properties[PROP_POLL_TIMEOUT] =
    g_param_spec_uint ("poll-timeout", NULL, NULL, 1, 3600, 120, flags);
  properties[PROP_KEYRING_TIMEOUT] =
    g_param_spec_uint ("keyring-timeout", NULL, NULL, 1, 600, 10, flags);
  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_api_client_init (RemitApiClient *self)
{
  self->cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("user-agent", "Remit/" PACKAGE_VERSION,
                                                 "timeout", 60,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", MAX_CONNECTIONS_PER_HOST,
                                                 "max-conns", 4 * MAX_CONNECTIONS_PER_HOST,
                                                 NULL);
  self->urls[REMIT_API_SERVICE_PAY] = g_strdup (REMIT_API_DEFAULT_PAY_API_URL);
  self->urls[REMIT_API_SERVICE_HEALTH] = g_strdup (REMIT_API_DEFAULT_HEALTH_API_URL);
  self->urls[REMIT_API_SERVICE_USER_CENTER] = g_strdup (REMIT_API_DEFAULT_USER_CENTER_URL);
  self->pay_api_version = 1;
  self->health_api_version = 3;
  self->auth_mode = REMIT_API_AUTH_ANONYMOUS;
  self->max_attempts = 5;
  self->base_delay_ms = 500;
  self->max_delay_ms = 8000;
  self->max_total_ms = 60000;
  self->max_retry_after = 60;
  self->poll_timeout = 120;
  self->keyring_timeout = 10;
  self->use_keyring = TRUE;
  remit_api_client_auth_init (self);
}

/**
 * remit_api_client_new:
 *
 * A client of Gini's public hosts, in anonymous-user mode.
 *
 * Returns: (transfer full): a new client
 */
RemitApiClient *
remit_api_client_new (void)
{
  return g_object_new (REMIT_TYPE_API_CLIENT, NULL);
}

/**
 * remit_api_client_new_for_server:
 * @base_url: the base URL of a server that serves the Pay API, Health API and User Center
 *   paths together, such as remit-server
 *
 * Returns: (transfer full): a new client
 */
RemitApiClient *
remit_api_client_new_for_server (const char *base_url)
{
  return g_object_new (REMIT_TYPE_API_CLIENT,
                       "pay-api-url", base_url,
                       "health-api-url", base_url,
                       "user-center-url", base_url,
                       NULL);
}

const char *
remit_api_client_get_pay_api_url (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), NULL);
  return self->urls[REMIT_API_SERVICE_PAY];
}

void
remit_api_client_set_pay_api_url (RemitApiClient *self, const char *url)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  set_url (self, REMIT_API_SERVICE_PAY, url, PROP_PAY_API_URL);
}

const char *
remit_api_client_get_health_api_url (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), NULL);
  return self->urls[REMIT_API_SERVICE_HEALTH];
}

void
remit_api_client_set_health_api_url (RemitApiClient *self, const char *url)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  set_url (self, REMIT_API_SERVICE_HEALTH, url, PROP_HEALTH_API_URL);
}

const char *
remit_api_client_get_user_center_url (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), NULL);
  return self->urls[REMIT_API_SERVICE_USER_CENTER];
}

void
remit_api_client_set_user_center_url (RemitApiClient *self, const char *url)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  set_url (self, REMIT_API_SERVICE_USER_CENTER, url, PROP_USER_CENTER_URL);
}

guint
remit_api_client_get_pay_api_version (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->pay_api_version;
}

void
remit_api_client_set_pay_api_version (RemitApiClient *self, guint version)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (version > 0);
  if (self->pay_api_version == version)
    return;
  self->pay_api_version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAY_API_VERSION]);
}

guint
remit_api_client_get_health_api_version (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->health_api_version;
}

void
remit_api_client_set_health_api_version (RemitApiClient *self, guint version)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (version > 0);
  if (self->health_api_version == version)
    return;
  self->health_api_version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH_API_VERSION]);
}

RemitApiAuthMode
remit_api_client_get_auth_mode (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), REMIT_API_AUTH_ANONYMOUS);
  return self->auth_mode;
}

void
remit_api_client_set_auth_mode (RemitApiClient *self, RemitApiAuthMode mode)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  if (self->auth_mode == mode)
    return;
  self->auth_mode = mode;
  remit_api_client_forget_token (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_MODE]);
}

const char *
remit_api_client_get_client_id (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), NULL);
  return self->client_id;
}

/**
 * remit_api_client_set_client_credentials:
 * @self: a client
 * @client_id: (nullable): the client id
 * @client_secret: (nullable): its secret; when %NULL it is looked up in the keyring on first
 *   use (see remit_api_client_store_client_secret_async())
 *
 * Sets the credentials of the registered client.
 */
void
remit_api_client_set_client_credentials (RemitApiClient *self,
                                         const char *client_id,
                                         const char *client_secret)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));

  if (g_strcmp0 (self->client_id, client_id) != 0)
    {
      g_free (self->client_id);
      self->client_id = g_strdup (client_id);
      remit_api_client_forget_token (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
  if (client_secret != NULL || g_strcmp0 (self->client_id, client_id) != 0)
    {
      clear_secret (&self->client_secret);
      self->client_secret = g_strdup (client_secret);
    }
  self->secret_load_tried = FALSE;
}

const char *
remit_api_client_get_user_identifier (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), NULL);
  return self->user_identifier;
}

void
remit_api_client_set_user_identifier (RemitApiClient *self, const char *identifier)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  if (g_strcmp0 (self->user_identifier, identifier) == 0)
    return;
  g_free (self->user_identifier);
  self->user_identifier = g_strdup (identifier);
  remit_api_client_forget_token (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_IDENTIFIER]);
}

guint
remit_api_client_get_max_attempts (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->max_attempts;
}

void
remit_api_client_set_max_attempts (RemitApiClient *self, guint attempts)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (attempts > 0);
  if (self->max_attempts == attempts)
    return;
  self->max_attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
remit_api_client_get_poll_timeout (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->poll_timeout;
}

void
remit_api_client_set_poll_timeout (RemitApiClient *self, guint seconds)
{
  g_return_if_fail (REMIT_IS_API_CLIENT (self));
  g_return_if_fail (seconds > 0);
  if (self->poll_timeout == seconds)
    return;
  self->poll_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_TIMEOUT]);
}

/**
 * remit_api_client_get_n_connections:
 * @self: a client
 *
 * Returns: how many TCP connections the client has opened so far
 */
guint
remit_api_client_get_n_connections (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->n_connections;
}

/**
 * remit_api_client_get_n_token_requests:
 * @self: a client
 *
 * Returns: how many times the client asked for a user token (login) so far
 */
guint
remit_api_client_get_n_token_requests (RemitApiClient *self)
{
  g_return_val_if_fail (REMIT_IS_API_CLIENT (self), 0);
  return self->n_token_requests;
}

/* Calls: a request, then a parser of the 2xx answer */

typedef struct
{
  RemitApiParseFunc parse;
  RemitApiJsonParser json_parse;
  GDestroyNotify free_func;
} CallData;

static void
call_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitApiClient *self = REMIT_API_CLIENT (source);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (RemitApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  gpointer value;

  response = remit_api_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->parse == NULL && data->json_parse == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (data->json_parse != NULL)
    value = remit_api_response_parse_json (response, data->json_parse, &error);
  else
    value = data->parse (self, response, &error);
  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, data->free_func);
}

/**
 * remit_api_client_call_async: (skip)
 * @self: a client
 * @request: (transfer full): the request
 * @parse: (nullable): reads the answer into a value; %NULL for calls that return nothing
 * @free_func: frees that value
 * @source_tag: the public function, for the finish function's check
 *
 * Sends @request and parses the answer.
 */
static void
call_start (RemitApiClient *self,
            RemitApiRequest *request,
            CallData *data,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, g_free);
  remit_api_client_send_async (self, request, cancellable, call_cb, task);
}

void
remit_api_client_call_async (RemitApiClient *self,
                             RemitApiRequest *request,
                             RemitApiParseFunc parse,
                             GDestroyNotify free_func,
                             gpointer source_tag,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  CallData *data = g_new0 (CallData, 1);

  data->parse = parse;
  data->free_func = free_func;
  call_start (self, request, data, source_tag, cancellable, callback, user_data);
}

/**
 * remit_api_client_call_json_async: (skip)
 * @self: a client
 * @request: (transfer full): the request
 * @parse: a core parser of the JSON answer (see remit_api_response_parse_json())
 * @free_func: frees its value
 * @source_tag: the public function, for the finish function's check
 *
 * Like remit_api_client_call_async(), for answers that a core parser reads as they are.
 */
void
remit_api_client_call_json_async (RemitApiClient *self,
                                  RemitApiRequest *request,
                                  RemitApiJsonParser parse,
                                  GDestroyNotify free_func,
                                  gpointer source_tag,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  CallData *data = g_new0 (CallData, 1);

  data->json_parse = parse;
  data->free_func = free_func;
  call_start (self, request, data, source_tag, cancellable, callback, user_data);
}

gpointer
remit_api_client_call_finish (RemitApiClient *self,
                              GAsyncResult *result,
                              gpointer source_tag,
                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
remit_api_client_call_finish_boolean (RemitApiClient *self,
                                      GAsyncResult *result,
                                      gpointer source_tag,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A core parser's MALFORMED error, with the request id. */
void
remit_api_malformed_from (GError **error, RemitApiResponse *response, GError *core_error)
{
  remit_api_malformed (error, response->request_id,
                       core_error != NULL ? core_error->message : _("unexpected content"));
}

/* Reads a JSON answer with a core parser; what the parser refuses is a malformed answer. */
gpointer
remit_api_response_parse_json (RemitApiResponse *response,
                               RemitApiJsonParser parse,
                               GError **error)
{
  g_autoptr (JsonNode) node = remit_api_response_get_json (response, error);
  g_autoptr (GError) core_error = NULL;
  gpointer result;

  if (node == NULL)
    return NULL;

  result = parse (node, &core_error);
  if (result == NULL)
    remit_api_malformed_from (error, response, core_error);
  return result;
}

gpointer
remit_api_parse_response (RemitApiClient *self, RemitApiResponse *response, GError **error)
{
  RemitApiResponse *copy = g_new0 (RemitApiResponse, 1);

  copy->status = response->status;
  copy->body = response->body != NULL ? g_bytes_ref (response->body) : g_bytes_new (NULL, 0);
  copy->content_type = g_strdup (response->content_type);
  copy->location = g_strdup (response->location);
  copy->request_id = g_strdup (response->request_id);
  copy->uri = g_strdup (response->uri);
  return copy;
}

char *
remit_api_escape (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}
