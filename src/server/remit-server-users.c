/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server-users"

#include "config.h"

#include <string.h>

#include "remit-server-private.h"

/*
 * The User Center's users: `POST /api/users` (with a client token) creates an anonymous
 * user from an email and a password; `GET`, `PUT` and `DELETE /api/users/{id}` read,
 * change and delete it. A user may read and change itself; a client may manage every user.
 */

#define MIN_PASSWORD_LENGTH 6

static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;

  if (strlen (email) > 254 || !g_utf8_validate (email, -1, NULL))
    return FALSE;

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* Reads an optional string member; answers 400 and returns FALSE if it is not a string. */
static gboolean
read_string (RemitServerRequest *req, JsonObject *object, const char *name, const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST, "“%s” must be a string", name);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_new_password (RemitServerRequest *req, const char *password)
{
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LENGTH)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The password needs at least %d characters",
                                MIN_PASSWORD_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/* Answers 400 and returns FALSE if @email cannot be a new user's email. */
static gboolean
check_new_email (RemitServerRequest *req, const char *email)
{
  g_autoptr (RemitServerUser) other = NULL;
  g_autoptr (GError) error = NULL;

  if (!email_is_valid (email))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "“email” must be an email address such as name@example.org");
      return FALSE;
    }

  other = remit_server_db_find_user_by_email (req->server->db, email, &error);
  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return FALSE;
    }

  if (other != NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "A user with this email exists already");
      return FALSE;
    }

  return TRUE;
}

static void
create_user (RemitServerRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *id = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *hash = NULL;
  const char *email;
  const char *password;
  JsonObject *object;

  if (!remit_server_authenticate_any (req))
    return;

  if (req->user_id != NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_FORBIDDEN,
                                "Users are created with a client token "
                                "(grant_type=client_credentials), not a user's");
      return;
    }

  root = remit_server_request_parse_json (req);
  if (root == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The body must be an object {\"email\", \"password\"}");
      return;
    }
  object = json_node_get_object (root);

  if (!read_string (req, object, "email", &email)
      || !read_string (req, object, "password", &password))
    return;

  if (email == NULL || password == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "A new user needs “email” and “password”");
      return;
    }

  if (!check_new_password (req, password) || !check_new_email (req, email))
    return;

  id = g_uuid_string_random ();
  salt = remit_server_random_hex (16);
  hash = remit_server_hash_secret (salt, password);

  {
    RemitServerUser user = {
      .id = id,
      .client_id = req->client_id,
      .email = (char *) email,
      .salt = salt,
      .password_hash = hash,
      .created = g_get_real_time (),
    };

    if (!remit_server_db_insert_user (req->server->db, &user, &error))
      {
        remit_server_reply_internal_error (req, error);
        return;
      }
  }

  location = remit_server_request_make_uri (req, "/api/users/%s", id);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location",
                                location);
  remit_server_reply_empty (req, SOUP_STATUS_CREATED);
}

static void
get_user (RemitServerRequest *req, RemitServerUser *user)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", user->id);
  if (user->email != NULL)
    json_object_set_string_member (object, "email", user->email);
  json_node_take_object (node, object);
  remit_server_reply_json (req, SOUP_STATUS_OK, node);
}

static void
update_user (RemitServerRequest *req, RemitServerUser *user)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  const char *old_password;
  const char *password;
  const char *old_email;
  const char *email;
  JsonObject *object;

  root = remit_server_request_parse_json (req);
  if (root == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "The body must be an object with “oldPassword” and “password”, "
                                "or “oldEmail” and “email”");
      return;
    }
  object = json_node_get_object (root);

  if (!read_string (req, object, "oldPassword", &old_password)
      || !read_string (req, object, "password", &password)
      || !read_string (req, object, "oldEmail", &old_email)
      || !read_string (req, object, "email", &email))
    return;

  if (password == NULL && email == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "Nothing to change: give “password” or “email”");
      return;
    }

  if (user->email == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                "This user is derived from a client's user identifier and has "
                                "no email or password");
      return;
    }

  if (password != NULL)
    {
      if (old_password == NULL
          || !remit_server_check_secret (user->salt, user->password_hash, old_password))
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“oldPassword” must be given and be the current password");
          return;
        }

      if (!check_new_password (req, password))
        return;
    }

  if (email != NULL)
    {
      if (old_email == NULL || g_ascii_strcasecmp (old_email, user->email) != 0)
        {
          remit_server_reply_error (req, SOUP_STATUS_BAD_REQUEST,
                                    "“oldEmail” must be given and be the current email");
          return;
        }

      if (g_ascii_strcasecmp (email, user->email) != 0 && !check_new_email (req, email))
        return;
    }

  if (password != NULL)
    {
      g_free (user->salt);
      user->salt = remit_server_random_hex (16);
      g_free (user->password_hash);
      user->password_hash = remit_server_hash_secret (user->salt, password);
    }

  if (email != NULL)
    {
      g_free (user->email);
      user->email = g_strdup (email);
    }

  if (!remit_server_db_update_user (req->server->db, user, &error))
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  remit_server_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

static void
delete_user (RemitServerRequest *req, RemitServerUser *user)
{
  RemitServer *self = req->server;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = remit_server_db_list_user_document_ids (self->db, user->id, &error);
  if (ids == NULL || !remit_server_db_delete_user (self->db, user->id, &error))
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    remit_server_documents_delete_files (self, g_ptr_array_index (ids, i));

  remit_server_reply_empty (req, SOUP_STATUS_NO_CONTENT);
}

void
remit_server_handle_users (RemitServerRequest *req)
{
  g_autoptr (RemitServerUser) user = NULL;
  g_autoptr (GError) error = NULL;
  const char *id;

  if (req->n_segments == 2)
    {
      if (g_str_equal (req->method, "POST"))
        create_user (req);
      else
        remit_server_reply_method_not_allowed (req, "POST");
      return;
    }

  if (req->n_segments != 3)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no resource at %s",
                                req->path);
      return;
    }

  if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "PUT")
      && !g_str_equal (req->method, "DELETE"))
    {
      remit_server_reply_method_not_allowed (req, "GET, PUT, DELETE");
      return;
    }

  if (!remit_server_authenticate_any (req))
    return;

  /* A user sees itself only; a client sees every user. */
  id = req->segments[2];
  if (req->user_id == NULL || g_str_equal (req->user_id, id))
    user = remit_server_db_get_user (req->server->db, id, &error);

  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  if (user == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no user %s", id);
      return;
    }

  if (g_str_equal (req->method, "GET"))
    get_user (req, user);
  else if (g_str_equal (req->method, "PUT"))
    update_user (req, user);
  else
    delete_user (req, user);
}
