/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server-payments"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-document.h"
#include "remit-payment.h"
#include "remit-server-private.h"

/*
 * The Health API's payment parts: payment providers with their icons, payment requests,
 * and their resolution by the bank (`POST /paymentRequests/{id}/payment`).
 *
 * A payment request belongs to the user who created it. Besides that user, a client on its
 * own (a client token, or Basic auth without X-User-Identifier) may read and resolve any
 * request: that is the bank's side. Another user gets 404.
 */

/* Fictional banking apps; none of them exists. */
static const char builtin_providers[] =
  "["
  "{\"id\":\"nordlicht-bank\",\"name\":\"Nordlicht Bank\","
  "\"appSchemeIOS\":\"nordlichtbank://\",\"packageNameAndroid\":\"org.example.nordlichtbank\","
  "\"minAppVersion\":{\"ios\":\"3.2.0\",\"android\":\"3.2.0\"},"
  "\"colors\":{\"background\":\"0B3C5D\",\"text\":\"FFFFFF\"}},"
  "{\"id\":\"rheinkontor\",\"name\":\"Rheinkontor\","
  "\"appSchemeIOS\":\"rheinkontor://\",\"packageNameAndroid\":\"org.example.rheinkontor\","
  "\"minAppVersion\":{\"ios\":\"5.0.1\",\"android\":\"5.0.0\"},"
  "\"colors\":{\"background\":\"B22234\",\"text\":\"FFFFFF\"}},"
  "{\"id\":\"alpenmuenze\",\"name\":\"Alpenmünze\","
  "\"appSchemeIOS\":\"alpenmuenze://\",\"packageNameAndroid\":\"org.example.alpenmuenze\","
  "\"minAppVersion\":{\"ios\":\"2.7.0\",\"android\":\"2.7.3\"},"
  "\"colors\":{\"background\":\"2E8B57\",\"text\":\"FFFFFF\"}},"
  "{\"id\":\"hafenkasse\",\"name\":\"Hafenkasse\","
  "\"appSchemeIOS\":\"hafenkasse://\",\"packageNameAndroid\":\"org.example.hafenkasse\","
  "\"minAppVersion\":{\"ios\":\"1.9.0\",\"android\":\"1.9.0\"},"
  "\"colors\":{\"background\":\"F2C230\",\"text\":\"1A1A1A\"}}"
  "]";

GPtrArray *
remit_server_builtin_providers (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *providers;

  if (!json_parser_load_from_data (parser, builtin_providers, -1, &error))
    g_error ("The built-in payment providers are broken: %s", error->message);

  providers = remit_payment_provider_list_from_json (json_parser_get_root (parser), &error);
  if (providers == NULL)
    g_error ("The built-in payment providers are broken: %s", error->message);

  return providers;
}

/* Icons: a small PNG made here ------------------------------------------------------------- */

static guint32
crc32_update (guint32 crc, const guint8 *data, gsize length)
{
  static guint32 table[256];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialized, 1);
    }

  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return ~crc;
}

static void
append_u32 (GByteArray *array, guint32 value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (array, bytes, 4);
}

static void
append_chunk (GByteArray *png, const char *type, const guint8 *data, gsize length)
{
  guint32 crc;

  append_u32 (png, length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);

  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, length);
  append_u32 (png, crc);
}

static void
parse_color (const char *hex, guint8 rgb[3], guint32 fallback)
{
  guint64 value = fallback;

  if (hex != NULL && strlen (hex) == 6)
    value = g_ascii_strtoull (hex, NULL, 16);

  rgb[0] = (value >> 16) & 0xff;
  rgb[1] = (value >> 8) & 0xff;
  rgb[2] = value & 0xff;
}

/* A 64 × 64 icon: a disc in @background with a smaller disc in @foreground (hex colours
 * without '#'), on a transparent square. */
GBytes *
remit_server_make_icon_png (const char *background, const char *foreground)
{
  enum { SIZE = 64 };
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr (GByteArray) pixels = g_byte_array_sized_new ((SIZE * 4 + 1) * SIZE);
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autoptr (GConverter) compressor = NULL;
  g_autoptr (GOutputStream) memory = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GBytes) compressed = NULL;
  guint8 header[13] = { 0 };
  guint8 back[3];
  guint8 front[3];

  parse_color (background, back, 0x777777);
  parse_color (foreground, front, 0xffffff);

  for (int y = 0; y < SIZE; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (pixels, &filter, 1);
      for (int x = 0; x < SIZE; x++)
        {
          double dx = x + 0.5 - SIZE / 2.0;
          double dy = y + 0.5 - SIZE / 2.0;
          double r2 = dx * dx + dy * dy;
          guint8 pixel[4] = { 0, 0, 0, 0 };

          if (r2 <= (SIZE / 2.0) * (SIZE / 2.0))
            {
              const guint8 *color = r2 <= (SIZE / 6.0) * (SIZE / 6.0) ? front : back;

              memcpy (pixel, color, 3);
              pixel[3] = 0xff;
            }
          g_byte_array_append (pixels, pixel, 4);
        }
    }

  compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  memory = g_memory_output_stream_new_resizable ();
  stream = g_converter_output_stream_new (memory, compressor);
  if (!g_output_stream_write_all (stream, pixels->data, pixels->len, NULL, NULL, NULL)
      || !g_output_stream_close (stream, NULL, NULL))
    g_error ("Cannot compress an icon");
  compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  header[0] = 0, header[1] = 0, header[2] = 0, header[3] = SIZE;
  header[4] = 0, header[5] = 0, header[6] = 0, header[7] = SIZE;
  header[8] = 8;  /* bits per sample */
  header[9] = 6;  /* RGBA */

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", header, sizeof header);
  append_chunk (png, "IDAT", g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed));
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* Providers --------------------------------------------------------------------------------- */

static RemitPaymentProvider *
find_provider (RemitServer *self, const char *id)
{
  for (guint i = 0; id != NULL && i < self->providers->len; i++)
    {
      RemitPaymentProvider *provider = g_ptr_array_index (self->providers, i);

      if (g_str_equal (remit_payment_provider_get_id (provider), id))
        return provider;
    }

  return NULL;
}

static JsonNode *
provider_json (RemitServerRequest *req, RemitPaymentProvider *provider)
{
  JsonNode *node = remit_payment_provider_to_json (provider);
  JsonObject *object = json_node_get_object (node);

  if (remit_payment_provider_get_icon_location (provider) == NULL)
    {
      g_autofree char *id = g_uri_escape_string (remit_payment_provider_get_id (provider), NULL,
                                                 FALSE);
      g_autofree char *icon = remit_server_request_make_uri (req, "/paymentProviders/%s/icon",
                                                             id);

      json_object_set_string_member (object, "iconLocation", icon);
    }

  return node;
}

void
remit_server_handle_payment_providers (RemitServerRequest *req)
{
  RemitServer *self = req->server;
  RemitPaymentProvider *provider = NULL;
  guint n = req->n_segments;

  if (n > 3 || (n == 3 && !g_str_equal (req->segments[2], "icon")))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no resource at %s",
                                req->path);
      return;
    }

  if (!g_str_equal (req->method, "GET"))
    {
      remit_server_reply_method_not_allowed (req, "GET");
      return;
    }

  if (!remit_server_authenticate_any (req))
    return;

  if (n == 1)
    {
      JsonArray *array = json_array_sized_new (self->providers->len);
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < self->providers->len; i++)
        json_array_add_element (array, provider_json (req, g_ptr_array_index (self->providers, i)));
      json_node_take_array (node, array);
      remit_server_reply_json (req, SOUP_STATUS_OK, node);
      return;
    }

  provider = find_provider (self, req->segments[1]);
  if (provider == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no payment provider %s",
                                req->segments[1]);
      return;
    }

  if (n == 2)
    {
      remit_server_reply_json (req, SOUP_STATUS_OK, provider_json (req, provider));
    }
  else
    {
      g_autoptr (GBytes) png = remit_server_make_icon_png (
        remit_payment_provider_get_background_color (provider),
        remit_payment_provider_get_text_color (provider));

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Cache-Control", "private, max-age=86400");
      remit_server_reply_bytes (req, SOUP_STATUS_OK, "image/png", png);
    }
}

/* Payment requests -------------------------------------------------------------------------- */

static GDateTime *
date_time_from_us (gint64 us)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_add (seconds, us % G_USEC_PER_SEC);
}

static JsonNode *
parse_text (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
payment_request_json (RemitServerRequest *req, const RemitServerPaymentRequest *row)
{
  g_autoptr (JsonNode) body = parse_text (row->body);
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (GDateTime) created = date_time_from_us (row->created);
  g_autoptr (GError) error = NULL;
  g_autofree char *self_uri = remit_server_request_make_uri (req, "/paymentRequests/%s", row->id);
  JsonNode *node;

  request = body != NULL ? remit_payment_request_new_from_create_json (body, &error) : NULL;
  if (request == NULL)
    {
      g_warning ("The stored payment request %s cannot be read: %s", row->id,
                 error != NULL ? error->message : "no body");
      request = remit_payment_request_new ();
    }

  remit_payment_request_set_id (request, row->id);
  remit_payment_request_set_created_at (request, created);
  remit_payment_request_set_status (request,
                                    remit_payment_request_status_from_string (row->status));
  remit_payment_request_set_requester_uri (request, row->requester_uri);
  remit_payment_request_set_link (request, "self", self_uri);
  if (row->paid_at != 0)
    {
      g_autofree char *payment = g_strconcat (self_uri, "/payment", NULL);

      remit_payment_request_set_link (request, "payment", payment);
    }
  if (remit_payment_request_get_payment_provider (request) != NULL)
    {
      g_autofree char *id = g_uri_escape_string (
        remit_payment_request_get_payment_provider (request), NULL, FALSE);
      g_autofree char *provider = remit_server_request_make_uri (req, "/paymentProviders/%s",
                                                                 id);

      remit_payment_request_set_link (request, "paymentProvider", provider);
    }

  node = remit_payment_request_to_json (request);
  json_object_set_string_member (json_node_get_object (node), "id", row->id);
  return node;
}

/* Reads and checks a transfer body (a create, or what a bank paid): answers 400 for a body
 * of the wrong shape, 422 for values a bank would reject. */
static RemitPaymentRequest *
read_transfer (RemitServerRequest *req, JsonNode **root_out)
{
  g_autoptr (JsonNode) root = remit_server_request_parse_json (req);
  g_autoptr (GError) error = NULL;
  RemitPaymentRequest *request;

  if (root == NULL)
    return NULL;

  request = remit_payment_request_new_from_create_json (root, &error);
  if (request == NULL)
    {
      remit_server_reply_error (req,
                                g_error_matches (error, REMIT_CORE_ERROR,
                                                 REMIT_CORE_ERROR_MALFORMED)
                                  ? SOUP_STATUS_BAD_REQUEST
                                  : SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                "%s", error->message);
      return NULL;
    }

  if (root_out != NULL)
    *root_out = g_steal_pointer (&root);
  return request;
}

static void
create_payment_request (RemitServerRequest *req)
{
  RemitServer *self = req->server;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (GBytes) body = remit_server_request_get_body (req);
  g_autoptr (JsonNode) normalized = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *requester_uri = NULL;
  g_autofree char *location = NULL;
  const char *provider_id;
  const char *source;
  RemitPaymentProvider *provider = NULL;

  if (!remit_server_authenticate_user (req))
    return;

  fingerprint = remit_server_fingerprint (req, body);
  if (!remit_server_idempotency_begin (req, fingerprint))
    return;

  request = read_transfer (req, NULL);
  if (request == NULL)
    return;

  provider_id = remit_payment_request_get_payment_provider (request);
  if (provider_id != NULL)
    {
      provider = find_provider (self, provider_id);
      if (provider == NULL)
        {
          remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                    "There is no payment provider “%s”; GET /paymentProviders "
                                    "lists them",
                                    provider_id);
          return;
        }
    }

  source = remit_payment_request_get_source_document_location (request);
  if (source != NULL)
    {
      g_autofree char *doc_id = remit_id_from_location (source);
      g_autoptr (RemitServerDoc) doc = NULL;

      if (doc_id != NULL)
        doc = remit_server_db_get_document (self->db, doc_id, &error);
      if (error != NULL)
        {
          remit_server_reply_internal_error (req, error);
          return;
        }
      if (doc == NULL || g_strcmp0 (doc->user_id, req->user_id) != 0)
        {
          remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                    "“sourceDocumentLocation” is not one of your documents");
          return;
        }
    }

  normalized = remit_payment_request_to_create_json (request, &error);
  if (normalized == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "%s", error->message);
      return;
    }

  id = g_uuid_string_random ();
  body_text = to_text (normalized);
  location = remit_server_request_make_uri (req, "/paymentRequests/%s", id);
  if (provider != NULL && remit_payment_provider_get_app_scheme_ios (provider) != NULL)
    requester_uri = g_strdup_printf ("%spayment/%s",
                                     remit_payment_provider_get_app_scheme_ios (provider), id);
  else
    requester_uri = g_strdup (location);

  {
    RemitServerPaymentRequest row = {
      .id = id,
      .user_id = req->user_id,
      .created = g_get_real_time (),
      .body = body_text,
      .status = (char *) "open",
      .requester_uri = requester_uri,
    };

    if (!remit_server_db_insert_payment_request (self->db, &row, &error))
      {
        remit_server_reply_internal_error (req, error);
        return;
      }

    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "Location", location);
    remit_server_reply_json (req, SOUP_STATUS_CREATED, payment_request_json (req, &row));
  }
}

static void
list_payment_requests (RemitServerRequest *req)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *array;
  JsonObject *object;
  JsonNode *node;
  gint64 limit;
  gint64 offset;
  gint64 total = 0;

  if (!remit_server_authenticate_user (req) || !remit_server_parse_paging (req, &limit, &offset))
    return;

  list = remit_server_db_list_payment_requests (req->server->db, req->user_id, limit, offset,
                                                &total, &error);
  if (list == NULL)
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  array = json_array_sized_new (list->len);
  for (guint i = 0; i < list->len; i++)
    json_array_add_element (array, payment_request_json (req, g_ptr_array_index (list, i)));

  object = json_object_new ();
  json_object_set_int_member (object, "totalCount", total);
  json_object_set_array_member (object, "paymentRequests", array);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  remit_server_reply_json (req, SOUP_STATUS_OK, node);
}

/* The payment request of the path, if the caller may see it; answers 404 otherwise. */
static RemitServerPaymentRequest *
load_payment_request (RemitServerRequest *req)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitServerPaymentRequest) row = NULL;
  const char *id = req->segments[1];

  row = remit_server_db_get_payment_request (req->server->db, id, &error);
  if (error != NULL)
    {
      remit_server_reply_internal_error (req, error);
      return NULL;
    }

  if (row == NULL || (req->user_id != NULL && !g_str_equal (row->user_id, req->user_id)))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no payment request %s",
                                id);
      return NULL;
    }

  return g_steal_pointer (&row);
}

static JsonNode *
payment_json (RemitServerRequest *req, const RemitServerPaymentRequest *row)
{
  g_autoptr (JsonNode) body = parse_text (row->payment);
  g_autoptr (RemitPayment) payment = NULL;
  g_autoptr (GDateTime) paid_at = date_time_from_us (row->paid_at);
  g_autofree char *request_uri = remit_server_request_make_uri (req, "/paymentRequests/%s",
                                                                row->id);
  g_autofree char *self_uri = g_strconcat (request_uri, "/payment", NULL);

  payment = body != NULL ? remit_payment_new_from_json (body, NULL) : NULL;
  if (payment == NULL)
    payment = remit_payment_new ();

  remit_payment_set_paid_at (payment, paid_at);
  remit_payment_set_link (payment, "self", self_uri);
  remit_payment_set_link (payment, "paymentRequest", request_uri);
  return remit_payment_to_json (payment);
}

static void
resolve_payment_request (RemitServerRequest *req, RemitServerPaymentRequest *row)
{
  g_autoptr (RemitPaymentRequest) paid = NULL;
  g_autoptr (JsonNode) normalized = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *payment_text = NULL;
  g_autofree char *location = NULL;

  paid = read_transfer (req, NULL);
  if (paid == NULL)
    return;

  /* Only the transfer counts: what a bank reports has no provider or document. */
  remit_payment_request_set_payment_provider (paid, NULL);
  remit_payment_request_set_source_document_location (paid, NULL);
  normalized = remit_payment_request_to_create_json (paid, &error);
  if (normalized == NULL)
    {
      remit_server_reply_error (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "%s", error->message);
      return;
    }
  payment_text = to_text (normalized);

  location = remit_server_request_make_uri (req, "/paymentRequests/%s/payment", row->id);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location",
                                location);

  if (row->paid_at != 0)
    {
      /* The bank's retry of the same report gets the same answer. */
      if (g_strcmp0 (row->payment, payment_text) != 0)
        {
          remit_server_reply_error (req, SOUP_STATUS_CONFLICT,
                                    "This payment request was already paid with other values");
          return;
        }

      remit_server_reply_json (req, SOUP_STATUS_CREATED, payment_request_json (req, row));
      return;
    }

  row->paid_at = g_get_real_time ();
  if (!remit_server_db_set_payment (req->server->db, row->id, payment_text, row->paid_at, &error))
    {
      remit_server_reply_internal_error (req, error);
      return;
    }

  g_free (row->status);
  row->status = g_strdup ("paid");
  g_free (row->payment);
  row->payment = g_steal_pointer (&payment_text);
  remit_server_reply_json (req, SOUP_STATUS_CREATED, payment_request_json (req, row));
}

void
remit_server_handle_payment_requests (RemitServerRequest *req)
{
  g_autoptr (RemitServerPaymentRequest) row = NULL;
  guint n = req->n_segments;
  const char *method = req->method;

  if (n > 3 || (n == 3 && !g_str_equal (req->segments[2], "payment")))
    {
      remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND, "There is no resource at %s",
                                req->path);
      return;
    }

  if (n == 1)
    {
      if (g_str_equal (method, "POST"))
        create_payment_request (req);
      else if (g_str_equal (method, "GET"))
        list_payment_requests (req);
      else
        remit_server_reply_method_not_allowed (req, "GET, POST");
      return;
    }

  if (n == 2 && !g_str_equal (method, "GET"))
    {
      remit_server_reply_method_not_allowed (req, "GET");
      return;
    }
  if (n == 3 && !g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    {
      remit_server_reply_method_not_allowed (req, "GET, POST");
      return;
    }

  if (!remit_server_authenticate_any (req))
    return;

  row = load_payment_request (req);
  if (row == NULL)
    return;

  if (n == 2)
    remit_server_reply_json (req, SOUP_STATUS_OK, payment_request_json (req, row));
  else if (g_str_equal (method, "POST"))
    resolve_payment_request (req, row);
  else if (row->paid_at == 0)
    remit_server_reply_error (req, SOUP_STATUS_NOT_FOUND,
                              "The payment request %s is not paid yet", row->id);
  else
    remit_server_reply_json (req, SOUP_STATUS_OK, payment_json (req, row));
}
