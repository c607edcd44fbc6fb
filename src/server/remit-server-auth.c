/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server-auth"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "remit-server-private.h"

/*
 * Clients, users and tokens.
 *
 * remit-server is a test peer and a small office server, not an identity provider: client
 * secrets and passwords are kept as a salted HMAC-SHA-256 (a per-secret random salt as the
 * key). A service on the open internet would use a slow password hash (Argon2, scrypt)
 * instead. Tokens are 32 random bytes; only their SHA-256 is stored, so the database does
 * not hold anything that can be presented as a credential. No secret, password or token
 * is ever written to the log or put in an answer other than the token answer itself.
 */

#define REALM "remit-server"

/* Secrets ----------------------------------------------------------------------------------- */

char *
remit_server_random_hex (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  gsize filled = 0;
  GString *hex;

  while (filled < n_bytes)
    {
      gssize n = getrandom (bytes + filled, n_bytes - filled, 0);

      if (n <= 0)
        break;
      filled += n;
    }

  /* getrandom() does not fail for small requests once the kernel pool is ready; should it,
   * GLib's generator (seeded from /dev/urandom) fills the rest. */
  for (; filled < n_bytes; filled++)
    bytes[filled] = g_random_int_range (0, 256);

  hex = g_string_sized_new (n_bytes * 2);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  return g_string_free (hex, FALSE);
}

char *
remit_server_hash_secret (const char *salt, const char *secret)
{
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) salt, strlen (salt),
                                    secret, -1);
}

/* Compares in a time that does not depend on where the strings differ. */
static gboolean
equal_in_constant_time (const char *a, const char *b)
{
  gsize length = strlen (a);
  guchar difference = 0;

  if (length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    difference |= (guchar) a[i] ^ (guchar) b[i];

  return difference == 0;
}

gboolean
remit_server_check_secret (const char *salt, const char *hash, const char *secret)
{
  g_autofree char *computed = NULL;

  if (salt == NULL || hash == NULL || secret == NULL)
    return FALSE;

  computed = remit_server_hash_secret (salt, secret);
  return equal_in_constant_time (computed, hash);
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
check_client (RemitServer *self, const char *client_id, const char *secret)
{
  RemitServerClient *client = g_hash_table_lookup (self->clients, client_id);

  if (client == NULL)
    {
      /* Spend the same time as for a known client. */
      g_autofree char *ignored = remit_server_hash_secret ("-", secret);

      return FALSE;
    }

  return remit_server_check_secret (client->salt, client->secret_hash, secret);
}

/* Tokens ------------------------------------------------------------------------------------ */

char *
remit_server_issue_token (RemitServer *self,
                          const char *client_id,
                          const char *user_id,
                          GError **error)
{
  g_autofree char *token = remit_server_random_hex (32);
  g_autofree char *hash = hash_token (token);
  gint64 now = g_get_real_time ();

  if (!remit_server_db_purge_tokens (self->db, now, error)
      || !remit_server_db_insert_token (self->db, hash, client_id, user_id,
                                        now + (gint64) self->token_lifetime * G_USEC_PER_SEC,
                                        error))
    return NULL;

  return g_steal_pointer (&token);
}

/* `{"access_token", "token_type": "bearer", "expires_in"}` */
JsonNode *
remit_server_token_answer (RemitServer *self, const char *token)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "access_token", token);
  json_object_set_string_member (object, "token_type", "bearer");
  json_object_set_int_member (object, "expires_in", self->token_lifetime);
  json_object_set_string_member (object, "scope", "read write");
  json_node_take_object (node, object);
  return node;
}

/* Credentials ------------------------------------------------------------------------------- */

typedef enum
{
  CREDENTIALS_NONE,
  CREDENTIALS_BASIC,
  CREDENTIALS_BEARER,
  CREDENTIALS_INVALID,
} Credentials;

/* Reads the Authorization header. The scheme word is case-insensitive. */
static Credentials
read_credentials (RemitServerRequest *req, char **name, char **secret)
{
  const char *header = remit_server_request_get_header (req, "Authorization");
  const char *space;
  g_autofree char *scheme = NULL;
  const char *value;

  *name = NULL;
  *secret = NULL;

  if (header == NULL)
    return CREDENTIALS_NONE;

  while (g_ascii_isspace (*header))
    header++;
  space = strchr (header, ' ');
  if (space == NULL)
    return CREDENTIALS_INVALID;

  scheme = g_strndup (header, space - header);
  value = space;
  while (*value == ' ')
    value++;

  if (g_ascii_strcasecmp (scheme, "Bearer") == 0)
    {
      g_autofree char *token = g_strstrip (g_strdup (value));

      if (token[0] == '\0')
        return CREDENTIALS_INVALID;

      *secret = g_steal_pointer (&token);
      return CREDENTIALS_BEARER;
    }

  if (g_ascii_strcasecmp (scheme, "Basic") == 0)
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (value, &length);
      g_autofree char *text = NULL;
      const char *colon;

      if (decoded == NULL || length == 0)
        return CREDENTIALS_INVALID;

      text = g_strndup ((const char *) decoded, length);
      if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
        return CREDENTIALS_INVALID;

      colon = strchr (text, ':');
      if (colon == NULL)
        return CREDENTIALS_INVALID;

      *name = g_strndup (text, colon - text);
      *secret = g_strdup (colon + 1);
      memset (text, 0, length);
      return CREDENTIALS_BASIC;
    }

  return CREDENTIALS_INVALID;
}

static void
reply_unauthorized (RemitServerRequest *req, const char *scheme, const char *message)
{
  g_autofree char *challenge = g_strdup_printf ("%s realm=\"" REALM "\"", scheme);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate", challenge);
  remit_server_reply_error (req, SOUP_STATUS_UNAUTHORIZED, "%s", message);
}

static gboolean
external_id_is_valid (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 255)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

/* The derived user of a client and an X-User-Identifier, created on first use. */
static char *
derived_user (RemitServerRequest *req, const char *client_id, const char *external_id)
{
  RemitServer *self = req->server;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitServerUser) user = NULL;

  user = remit_server_db_find_derived_user (self->db, client_id, external_id, &error);
  if (user == NULL && error == NULL)
    {
      RemitServerUser fresh = {
        .id = g_uuid_string_random (),
        .client_id = (char *) client_id,
        .external_id = (char *) external_id,
        .created = g_get_real_time (),
      };

      if (remit_server_db_insert_user (self->db, &fresh, &error))
        return fresh.id;
      g_free (fresh.id);
    }

  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return NULL;
    }

  return g_steal_pointer (&user->id);
}

/* Authenticates the request as a client (Basic auth or a client token) or as a user (Basic
 * auth with X-User-Identifier, or a user token). Answers 401 and returns FALSE otherwise. */
static gboolean
authenticate (RemitServerRequest *req, gboolean need_user)
{
  RemitServer *self = req->server;
  g_autofree char *name = NULL;
  g_autofree char *secret = NULL;
  const char *external_id;

  switch (read_credentials (req, &name, &secret))
    {
    case CREDENTIALS_NONE:
      reply_unauthorized (req, "Bearer",
                          "Authentication is required: send “Authorization: Bearer TOKEN”, or "
                          "client credentials (Basic) with X-User-Identifier");
      return FALSE;

    case CREDENTIALS_INVALID:
      reply_unauthorized (req, "Bearer",
                          "The Authorization header cannot be read; use the Bearer or Basic "
                          "scheme");
      return FALSE;

    case CREDENTIALS_BASIC:
      if (!check_client (self, name, secret))
        {
          reply_unauthorized (req, "Basic", "The client id or secret is wrong");
          return FALSE;
        }

      req->client_id = g_strdup (name);
      external_id = remit_server_request_get_header (req, "X-User-Identifier");
      if (external_id == NULL)
        {
          if (!need_user)
            return TRUE;

          reply_unauthorized (req, "Basic",
                              "Client credentials need an X-User-Identifier header naming the "
                              "user");
          return FALSE;
        }

      if (!external_id_is_valid (external_id))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "X-User-Identifier must be 1 to 255 printable ASCII "
                                    "characters");
          return FALSE;
        }

      req->user_id = derived_user (req, name, external_id);
      return req->user_id != NULL;

    case CREDENTIALS_BEARER:
      {
        g_autofree char *hash = hash_token (secret);
        g_autofree char *client_id = NULL;
        g_autofree char *user_id = NULL;
        g_autoptr (GError) error = NULL;
        gint64 expires = 0;

        if (!remit_server_db_lookup_token (self->db, hash, &client_id, &user_id, &expires,
                                           &error))
          {
            if (error != NULL)
              remit_server_reply_internal_error (req, error);
            else
              reply_unauthorized (req, "Bearer", "The access token is not known; log in again");
            return FALSE;
          }

        if (g_get_real_time () >= expires)
          {
            reply_unauthorized (req, "Bearer", "The access token has expired; log in again");
            return FALSE;
          }

        if (user_id == NULL && need_user)
          {
            remit_server_reply_error (req, SOUP_STATUS_FORBIDDEN,
                                      "This is a client token; this call needs a user's token "
                                      "(grant_type=password)");
            return FALSE;
          }

        if (user_id != NULL)
          {
            g_autoptr (RemitServerUser) user = remit_server_db_get_user (self->db, user_id,
                                                                         &error);

            if (user == NULL)
              {
                if (error != NULL)
                  remit_server_reply_internal_error (req, error);
                else
                  reply_unauthorized (req, "Bearer", "The user of this token was deleted");
                return FALSE;
              }
          }

        req->client_id = g_steal_pointer (&client_id);
        req->user_id = g_steal_pointer (&user_id);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

gboolean
remit_server_authenticate_user (RemitServerRequest *req)
{
  return authenticate (req, TRUE);
}

/* A user or a client on its own (a client token, or Basic auth without X-User-Identifier). */
gboolean
remit_server_authenticate_any (RemitServerRequest *req)
{
  return authenticate (req, FALSE);
}

/* User Center: /oauth/token ----------------------------------------------------------------- */

static void
reply_oauth_error (RemitServerRequest *req,
                   guint status,
                   const char *code,
                   const char *description)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate", "Basic realm=\"" REALM "\"");

  json_object_set_string_member (object, "error", code);
  json_object_set_string_member (object, "error_description", description);
  json_object_set_string_member (object, "message", description);
  json_object_set_string_member (object, "requestId", req->request_id);
  json_node_take_object (node, object);
  remit_server_reply_json (req, status, node);
}

/* The form fields of a POST body (application/x-www-form-urlencoded), or NULL. */
static GHashTable *
read_form (RemitServerRequest *req)
{
  const char *content_type = remit_server_request_get_header (req, "Content-Type");
  g_autoptr (GBytes) body = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  if (content_type == NULL
      || g_ascii_strncasecmp (content_type, "application/x-www-form-urlencoded",
                              strlen ("application/x-www-form-urlencoded")) != 0)
    return NULL;

  body = remit_server_request_get_body (req);
  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;

  text = g_strndup (data, size);
  return soup_form_decode (text);
}

void
remit_server_handle_oauth_token (RemitServerRequest *req)
{
  RemitServer *self = req->server;
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *name = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GError) error = NULL;
  const char *grant_type;
  g_autofree char *user_id = NULL;

  if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "POST"))
    {
      remit_server_reply_method_not_allowed (req, "GET, POST");
      return;
    }

  if (read_credentials (req, &name, &secret) != CREDENTIALS_BASIC
      || !check_client (self, name, secret))
    {
      reply_oauth_error (req, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                         "Client authentication failed: send the client id and secret with "
                         "HTTP Basic auth");
      return;
    }

  if (g_str_equal (req->method, "POST"))
    form = read_form (req);

  grant_type = remit_server_request_get_query (req, "grant_type");
  if (grant_type == NULL && form != NULL)
    grant_type = g_hash_table_lookup (form, "grant_type");

  if (g_strcmp0 (grant_type, "client_credentials") == 0)
    {
      /* No user: the token lets the client create users. */
    }
  else if (g_strcmp0 (grant_type, "password") == 0)
    {
      const char *username = form != NULL ? g_hash_table_lookup (form, "username") : NULL;
      const char *password = form != NULL ? g_hash_table_lookup (form, "password") : NULL;
      g_autoptr (RemitServerUser) user = NULL;

      if (!g_str_equal (req->method, "POST") || username == NULL || password == NULL)
        {
          reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                             "The password grant needs a POST with a form body holding "
                             "“username” and “password”");
          return;
        }

      user = remit_server_db_find_user_by_email (self->db, username, &error);
      if (error != NULL)
        {
          remit_server_reply_internal_error (req, error);
          return;
        }

      if (user == NULL || !remit_server_check_secret (user->salt, user->password_hash, password))
        {
          reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "Bad credentials");
          return;
        }

      user_id = g_steal_pointer (&user->id);
    }
  else
    {
      reply_oauth_error (req, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                         "grant_type must be “client_credentials” or “password”");
      return;
    }

  token = remit_server_issue_token (self, name, user_id, &error);
  if (token == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  remit_server_reply_json (req, SOUP_STATUS_OK, remit_server_token_answer (self, token));
}

/* Pay API: /login --------------------------------------------------------------------------- */

void
remit_server_handle_login (RemitServerRequest *req)
{
  RemitServer *self = req->server;
  g_autofree char *name = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (req->method, "POST"))
    {
      remit_server_reply_method_not_allowed (req, "POST");
      return;
    }

  if (read_credentials (req, &name, &secret) != CREDENTIALS_BASIC)
    {
      reply_unauthorized (req, "Basic",
                          "Log in with the client credentials (Basic) and X-User-Identifier");
      return;
    }

  if (!remit_server_authenticate_user (req))
    return;

  token = remit_server_issue_token (self, req->client_id, req->user_id, &error);
  if (token == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  remit_server_reply_json (req, SOUP_STATUS_OK, remit_server_token_answer (self, token));
}
