/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "api-test-common.h"
#include "remit-api-client-private.h"
#include "remit-local-backend.h"
#include "remit-remote-backend.h"

/* RemitApiClient over real HTTP against a remit-server child process, with its secrets in the
 * real keyring of the test session. */

#define NEEDS_SERVER()                                                                   \
  G_STMT_START                                                                           \
  {                                                                                      \
    g_assert_true (api_test_server_available ());                                        \
  }                                                                                      \
  G_STMT_END

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

#define AWAIT(r) await (&(r))

static RemitApiClient *
derived_client (ApiTestServer *server, const char *user)
{
  RemitApiClient *client = remit_api_client_new_for_server (api_test_server_get_url (server));
  g_autofree char *generated = NULL;

  if (user == NULL)
    user = generated = g_uuid_string_random ();
  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (client, user);
  g_object_set (client, "retry-base-delay", 50, "retry-max-delay", 400, NULL);
  return client;
}

static RemitApiClient *
anonymous_client (ApiTestServer *server)
{
  RemitApiClient *client = remit_api_client_new_for_server (api_test_server_get_url (server));

  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  g_object_set (client, "retry-base-delay", 50, "retry-max-delay", 400, NULL);
  return client;
}

static RemitDocument *
upload (RemitApiClient *client, GBytes *pdf, const RemitApiUploadOptions *options, GError **error)
{
  g_autoptr (GAsyncResult) r = NULL;

  remit_api_client_upload_document_async (client, pdf, options, NULL, store_result_cb, &r);
  return remit_api_client_upload_document_finish (client, AWAIT (r), error);
}

static RemitDocument *
wait_for (RemitApiClient *client, const char *id, GError **error)
{
  g_autoptr (GAsyncResult) r = NULL;

  remit_api_client_wait_for_document_async (client, id, NULL, store_result_cb, &r);
  return remit_api_client_wait_for_document_finish (client, AWAIT (r), error);
}

static GPtrArray *
list_documents (RemitApiClient *client, guint limit, guint offset, GError **error)
{
  g_autoptr (GAsyncResult) r = NULL;

  remit_api_client_list_documents_async (client, limit, offset, NULL, store_result_cb, &r);
  return remit_api_client_list_documents_finish (client, AWAIT (r), error);
}

static char *
lookup_secret (const char *kind, const char *server, const char *user)
{
  g_autoptr (GError) error = NULL;
  char *secret;
  const SecretSchema schema = {
    "io.github.remitapp.Remit.Account", SECRET_SCHEMA_NONE,
    { { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  if (user != NULL)
    secret = secret_password_lookup_sync (&schema, NULL, &error, "kind", kind, "server", server,
                                          "client-id", TEST_CLIENT_ID, "user", user, NULL);
  else
    secret = secret_password_lookup_sync (&schema, NULL, &error, "kind", kind, "server", server,
                                          "client-id", TEST_CLIENT_ID, NULL);
  g_assert_no_error (error);
  return secret;
}

/* Pure functions */

static void
test_urls (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  g_autoptr (GPtrArray) documents = NULL;

  g_assert_true (remit_api_client_check_url ("https://pay-api.gini.net", NULL));
  g_assert_true (remit_api_client_check_url ("http://127.0.0.1:8080", NULL));
  g_assert_true (remit_api_client_check_url ("http://127.1.2.3", NULL));
  g_assert_true (remit_api_client_check_url ("http://[::1]:9000/api", NULL));
  g_assert_true (remit_api_client_check_url ("http://localhost:1234", NULL));
  g_assert_false (remit_api_client_check_url ("http://pay-api.gini.net", &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (remit_api_client_check_url ("http://128.0.0.1", &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (remit_api_client_check_url ("ftp://127.0.0.1", &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (remit_api_client_check_url ("not a url", &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE);
  g_clear_error (&error);

  /* A call to a plain-HTTP server elsewhere fails before anything is sent. */
  client = remit_api_client_new_for_server ("http://192.0.2.1");
  remit_api_client_set_client_credentials (client, "id", "secret");
  remit_api_client_list_documents_async (client, 20, 0, NULL, store_result_cb, &r);
  documents = remit_api_client_list_documents_finish (client, AWAIT (r), &error);
  g_assert_null (documents);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https://"));
}

static void
test_backoff (void)
{
  guint seconds = 0;
  guint max_seen = 0;

  for (guint i = 0; i < 200; i++)
    {
      guint first = remit_api_backoff_delay (1, 500, 8000);
      guint third = remit_api_backoff_delay (3, 500, 8000);
      guint tenth = remit_api_backoff_delay (10, 500, 8000);

      g_assert_cmpuint (first, <=, 500);
      g_assert_cmpuint (third, <=, 2000);
      g_assert_cmpuint (tenth, <=, 8000);
      max_seen = MAX (max_seen, tenth);
    }
  /* Full jitter spreads over the whole range. */
  g_assert_cmpuint (max_seen, >, 4000);

  g_assert_true (remit_api_parse_retry_after ("7", 0, &seconds));
  g_assert_cmpuint (seconds, ==, 7);
  g_assert_true (remit_api_parse_retry_after ("Wed, 21 Oct 2015 07:28:10 GMT", 1445412480,
                                              &seconds));
  g_assert_cmpuint (seconds, ==, 10);
  g_assert_false (remit_api_parse_retry_after ("soon", 0, &seconds));
  g_assert_false (remit_api_parse_retry_after (NULL, 0, &seconds));

  g_assert_cmpint (remit_api_token_margin (3600), ==, 300);
  g_assert_cmpint (remit_api_token_margin (600), ==, 120);
  g_assert_cmpint (remit_api_token_margin (2), ==, 0);
}

/* Authentication */

static void
test_derived_flow (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitApiClient) again = NULL;
  g_autoptr (RemitApiClient) other = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (RemitDocument) seen = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-1");
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *user = g_uuid_string_random ();

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, user);

  document = upload (client, pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 1);
  g_assert_cmpuint (remit_api_client_get_n_token_requests (client), ==, 1);

  /* The token and its expiry are in the keyring; a second client uses them. */
  stored = lookup_secret ("token", api_test_server_get_url (server), user);
  g_assert_nonnull (stored);
  again = derived_client (server, user);
  documents = list_documents (again, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpuint (remit_api_client_get_n_token_requests (again), ==, 0);
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 1);

  /* Another user does not see the document. */
  other = derived_client (server, NULL);
  remit_api_client_get_document_async (other, remit_document_get_id (document), NULL,
                                       store_result_cb, &r);
  seen = remit_api_client_get_document_finish (other, AWAIT (r), &error);
  g_assert_null (seen);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND);
  /* The message carries the request id for support. */
  g_assert_nonnull (strstr (error->message, "(request id "));
}

static void
test_anonymous_flow (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitApiClient) again = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *log = NULL;
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = anonymous_client (server);

  remit_api_client_authenticate_async (client, NULL, store_result_cb, &r);
  remit_api_client_authenticate_finish (client, AWAIT (r), &error);
  g_assert_no_error (error);
  /* Client token, new user, login. */
  g_assert_cmpuint (api_test_server_count (server, "> POST /api/users"), ==, 1);
  g_assert_cmpuint (api_test_server_count (server, "> POST /oauth/token"), ==, 2);

  /* The user's email and password are in the keyring, and the token under the email. */
  credentials = lookup_secret ("anonymous-user", api_test_server_get_url (server), NULL);
  g_assert_nonnull (credentials);
  g_assert_nonnull (strchr (credentials, '\n'));
  email = g_strndup (credentials, strchr (credentials, '\n') - credentials);
  g_assert_true (g_str_has_suffix (email, ".invalid"));
  token = lookup_secret ("token", api_test_server_get_url (server), email);
  g_assert_nonnull (token);

  /* Neither the password nor the token is in the server's log. */
  log = api_test_server_get_log (server);
  g_assert_null (strstr (log, strchr (credentials, '\n') + 1));

  /* The next run (a new client) finds the user and its token, and logs in no more. */
  again = anonymous_client (server);
  documents = list_documents (again, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
  g_assert_cmpuint (api_test_server_count (server, "> POST /api/users"), ==, 1);
  g_assert_cmpuint (api_test_server_count (server, "> POST /oauth/token"), ==, 2);
}

static void
test_anonymous_replaced (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *credentials = NULL;
  const SecretSchema schema = {
    "io.github.remitapp.Remit.Account", SECRET_SCHEMA_NONE,
    { { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);

  /* A user the server does not know (as after its data was lost). */
  secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "test",
                              "gone@example.invalid\nnot-the-password", NULL, &error,
                              "kind", "anonymous-user", "server", api_test_server_get_url (server),
                              "client-id", TEST_CLIENT_ID, NULL);
  g_assert_no_error (error);

  client = anonymous_client (server);
  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  /* One login refused, a new user created, its login accepted. */
  g_assert_cmpuint (api_test_server_count (server, "> POST /api/users"), ==, 1);
  credentials = lookup_secret ("anonymous-user", api_test_server_get_url (server), NULL);
  g_assert_false (g_str_has_prefix (credentials, "gone@"));
}

static void
test_bad_credentials (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = g_strdup ("wrong-secret-that-must-not-leak");

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);
  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, secret);

  documents = list_documents (client, 20, 0, &error);
  g_assert_null (documents);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, secret));
}

static void
test_concurrent_refresh (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitApiClient) anonymous = NULL;
  GAsyncResult *results[20] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) documents = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);

  /* Derived user: 20 uploads at once, one POST /login. */
  client = derived_client (server, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *reference = g_strdup_printf ("RE-%u", i);
      g_autoptr (GBytes) pdf = api_test_invoice_pdf (reference);

      remit_api_client_upload_document_async (client, pdf, NULL, NULL, store_result_cb,
                                              &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr (RemitDocument) document = NULL;

      document = remit_api_client_upload_document_finish (client, await (&results[i]), &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 1);
  documents = list_documents (client, 50, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 20);

  /* Anonymous user, token expired: 20 calls at once, one POST /oauth/token for them. */
  anonymous = anonymous_client (server);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = list_documents (anonymous, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "> POST /oauth/token"), ==, 2);
  remit_api_client_invalidate_token (anonymous, anonymous->token);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    remit_api_client_list_documents_async (anonymous, 20, 0, NULL, store_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr (GPtrArray) list = NULL;

      list = remit_api_client_list_documents_finish (anonymous, await (&results[i]), &error);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (api_test_server_count (server, "> POST /oauth/token"), ==, 3);
}

static void
test_token_expiry (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *user = g_uuid_string_random ();

  NEEDS_SERVER ();
  server = api_test_server_start ("--token-lifetime", "2", NULL);
  client = derived_client (server, user);

  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 1);

  /* Mid-session the token expires: renewed before the next call, without a 401. */
  api_test_sleep (2200);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 2);
  g_assert_cmpuint (api_test_server_count (server, "< 401"), ==, 0);

  /* A token the server no longer accepts though it looks fresh: one 401, a new login, the
   * call succeeds. */
  g_free (client->token);
  client->token = g_strdup ("revoked-token");
  client->token_expires = g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC;
  client->token_lifetime = 3600;
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "< 401"), ==, 1);
  g_assert_cmpuint (api_test_server_count (server, "> POST /login"), ==, 3);
}

/* Documents */

static void
test_documents (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) raw = NULL;
  g_autoptr (RemitDocument) multipart = NULL;
  g_autoptr (RemitDocument) done = NULL;
  g_autoptr (RemitDocument) gone = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (GBytes) processed = NULL;
  g_autoptr (GBytes) image = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-2026-0001");
  g_autoptr (GBytes) pdf2 = api_test_invoice_pdf ("RE-2026-0002");
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GAsyncResult) r5 = NULL;
  g_autoptr (GAsyncResult) r6 = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *log = NULL;
  RemitApiUploadOptions options = {
    .filename = "Rechnung Oktober.pdf",
    .content_type = "application/pdf",
    .branch_id = "branch-7",
    .device_class = "desktop_device",
  };
  RemitApiUploadOptions multipart_options = { .filename = "second.pdf", .multipart = TRUE };

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);

  raw = upload (client, pdf, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_document_get_name (raw), ==, "Rechnung Oktober.pdf");
  log = api_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "> POST /documents"));

  multipart = upload (client, pdf2, &multipart_options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_document_get_name (multipart), ==, "second.pdf");

  done = wait_for (client, remit_document_get_id (raw), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_document_get_progress (done), ==, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpint (remit_document_get_page_count (done), ==, 1);
  g_assert_cmpint (remit_document_get_source_classification_kind (done), ==,
                   REMIT_SOURCE_CLASSIFICATION_NATIVE);

  /* The layout holds the words of the page. */
  remit_api_client_get_layout_async (client, remit_document_get_id (raw), NULL, store_result_cb,
                                     &r1);
  layout = remit_api_client_get_layout_finish (client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 1);
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_width (remit_layout_get_page (layout, 0)),
                                  595, 1);
  {
    g_autofree char *text = remit_layout_page_get_text (remit_layout_get_page (layout, 0));

    g_assert_nonnull (strstr (text, "RE-2026-0001"));
  }

  /* The processed file of a native PDF is the upload. */
  remit_api_client_get_processed_async (client, remit_document_get_id (raw), NULL,
                                        store_result_cb, &r2);
  processed = remit_api_client_get_processed_finish (client, AWAIT (r2), &content_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (processed, pdf));

  /* Pages and a page image. */
  remit_api_client_get_pages_async (client, remit_document_get_id (raw), NULL, store_result_cb,
                                    &r3);
  pages = remit_api_client_get_pages_finish (client, AWAIT (r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  remit_api_client_get_page_image_async (client, pages->pdata[0],
                                         REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM, NULL, store_result_cb,
                                         &r4);
  g_clear_pointer (&content_type, g_free);
  image = remit_api_client_get_page_image_finish (client, AWAIT (r4), &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (image), >, 8);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), 4, "\x89PNG", 4);

  /* List with limit and offset. */
  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  page = list_documents (client, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);

  /* Delete, then it is gone. */
  remit_api_client_delete_document_async (client, remit_document_get_id (multipart), NULL,
                                          store_result_cb, &r5);
  remit_api_client_delete_document_finish (client, AWAIT (r5), &error);
  g_assert_no_error (error);
  remit_api_client_get_document_async (client, remit_document_get_id (multipart), NULL,
                                       store_result_cb, &r6);
  gone = remit_api_client_get_document_finish (client, AWAIT (r6), &error);
  g_assert_null (gone);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_NOT_FOUND);
}

static void
test_extractions_feedback (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (RemitDocument) done = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (RemitFeedback) feedback = remit_feedback_new ();
  g_autoptr (RemitFeedback) invalid = remit_feedback_new ();
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-2026-0003");
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GAsyncResult) r5 = NULL;
  g_autoptr (RemitExtractionSet) after = NULL;
  guint puts_before;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);

  document = upload (client, pdf, NULL, &error);
  g_assert_no_error (error);
  done = wait_for (client, remit_document_get_id (document), &error);
  g_assert_no_error (error);

  remit_api_client_get_extractions_async (client, remit_document_get_id (document), NULL,
                                          store_result_cb, &r1);
  set = remit_api_client_get_extractions_finish (client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);

  /* Batched feedback: every reviewed value in one request. */
  remit_feedback_set_value (feedback, "iban", "iban", remit_extraction_set_get_value (set, "iban"),
                            TEST_INVOICE_IBAN);
  remit_feedback_set_value (feedback, "amountToPay", "amount",
                            remit_extraction_set_get_value (set, "amountToPay"),
                            TEST_INVOICE_AMOUNT);
  remit_feedback_set_value (feedback, "paymentRecipient", "companyname",
                            remit_extraction_set_get_value (set, "paymentRecipient"),
                            TEST_INVOICE_RECIPIENT);
  remit_api_client_send_feedback_async (client, remit_document_get_id (document), feedback, NULL,
                                        store_result_cb, &r2);
  remit_api_client_send_feedback_finish (client, AWAIT (r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "< 204 PUT /documents/"), ==, 1);

  /* Feedback that breaks the rules is not sent at all. */
  puts_before = api_test_server_count (server, "> PUT ");
  remit_feedback_set_value (invalid, "iban", "iban", NULL, "DE00 1234");
  remit_api_client_send_feedback_async (client, remit_document_get_id (document), invalid, NULL,
                                        store_result_cb, &r3);
  g_assert_false (remit_api_client_send_feedback_finish (client, AWAIT (r3), &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (api_test_server_count (server, "> PUT "), ==, puts_before);

  /* A label found wrongly is deleted, and gone from the extractions. */
  remit_api_client_delete_label_async (client, remit_document_get_id (document), "iban", NULL,
                                       store_result_cb, &r4);
  remit_api_client_delete_label_finish (client, AWAIT (r4), &error);
  g_assert_no_error (error);
  remit_api_client_get_extractions_async (client, remit_document_get_id (document), NULL,
                                          store_result_cb, &r5);
  after = remit_api_client_get_extractions_finish (client, AWAIT (r5), &error);
  g_assert_no_error (error);
  g_assert_null (remit_extraction_set_get_value (after, "iban"));

  g_assert_cmpstr (remit_extraction_set_get_value (set, "iban"), ==, TEST_INVOICE_IBAN);
  g_assert_cmpstr (remit_extraction_set_get_value (set, "amountToPay"), ==, TEST_INVOICE_AMOUNT);
}

static void
test_composite (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) first = NULL;
  g_autoptr (RemitDocument) second = NULL;
  g_autoptr (RemitDocument) composite = NULL;
  g_autoptr (RemitDocument) done = NULL;
  g_autoptr (GPtrArray) partials = NULL;
  g_autoptr (GBytes) page1 = api_test_invoice_pdf ("RE-P1");
  g_autoptr (GBytes) page2 = api_test_invoice_pdf ("RE-P2");
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  RemitApiUploadOptions options = { .content_type = "application/pdf" };

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);

  remit_api_client_upload_partial_async (client, page1, &options, NULL, store_result_cb, &r1);
  first = remit_api_client_upload_partial_finish (client, AWAIT (r1), &error);
  g_assert_no_error (error);
  remit_api_client_upload_partial_async (client, page2, &options, NULL, store_result_cb, &r2);
  second = remit_api_client_upload_partial_finish (client, AWAIT (r2), &error);
  g_assert_no_error (error);

  partials = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_partial_document_free);
  g_ptr_array_add (partials,
                   remit_partial_document_new (remit_document_get_link (first, "document"), 0));
  g_ptr_array_add (partials,
                   remit_partial_document_new (remit_document_get_link (second, "document"), 90));
  remit_api_client_create_composite_async (client, partials, NULL, NULL, store_result_cb, &r3);
  composite = remit_api_client_create_composite_finish (client, AWAIT (r3), &error);
  g_assert_no_error (error);
  done = wait_for (client, remit_document_get_id (composite), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_document_get_progress (done), ==, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpint (remit_document_get_page_count (done), ==, 2);
  g_assert_cmpint (remit_document_get_source_classification_kind (done), ==,
                   REMIT_SOURCE_CLASSIFICATION_COMPOSITE);
}

static void
test_unsupported_type (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GBytes) data = g_bytes_new_static ("PK\x03\x04 not a document", 20);
  g_autoptr (GError) error = NULL;
  RemitApiUploadOptions options = { .content_type = "application/zip", .filename = "a.zip" };

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);
  document = upload (client, data, &options, &error);
  g_assert_null (document);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_UNSUPPORTED_TYPE);
}

static void
test_poll_timeout (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (RemitDocument) done = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-slow");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  gint64 start;

  NEEDS_SERVER ();
  /* Every upload stays PENDING for a minute. */
  server = api_test_server_start ("--processing-delay", "60000", NULL);
  client = derived_client (server, NULL);
  remit_api_client_set_poll_timeout (client, 1);
  document = upload (client, pdf, NULL, &error);
  g_assert_no_error (error);

  /* A cancelled wait ends at once. */
  remit_api_client_wait_for_document_async (client, remit_document_get_id (document), cancellable,
                                            store_result_cb, &r);
  g_cancellable_cancel (cancellable);
  done = remit_api_client_wait_for_document_finish (client, AWAIT (r), &error);
  g_assert_null (done);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&r);

  start = g_get_monotonic_time ();
  remit_api_client_wait_for_document_async (client, remit_document_get_id (document), NULL,
                                            store_result_cb, &r);
  done = remit_api_client_wait_for_document_finish (client, AWAIT (r), &error);
  g_assert_null (done);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_TIMEOUT);
  /* One second, then one more look. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  /* Polled at 0.5 s, then 0.75 s later: the upload's GET plus three looks at most. */
  g_assert_cmpuint (api_test_server_count (server, "> GET /documents/"), <=, 5);
}

/* Payments */

static RemitPaymentRequest *
make_request (const char *provider)
{
  RemitPaymentRequest *request = remit_payment_request_new ();
  RemitAmount amount;

  remit_amount_init (&amount, 12345, "EUR");
  remit_payment_request_set_recipient (request, TEST_INVOICE_RECIPIENT);
  remit_payment_request_set_iban (request, TEST_INVOICE_IBAN);
  remit_payment_request_set_bic (request, TEST_INVOICE_BIC);
  remit_payment_request_set_amount (request, &amount);
  remit_payment_request_set_purpose (request, "RE-2026-0001");
  remit_payment_request_set_payment_provider (request, provider);
  return request;
}

static void
test_payments (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (RemitPaymentProvider) provider = NULL;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (RemitPaymentRequest) created = NULL;
  g_autoptr (RemitPaymentRequest) repeated = NULL;
  g_autoptr (RemitPaymentRequest) fetched = NULL;
  g_autoptr (RemitPaymentRequest) resolved = NULL;
  g_autoptr (RemitPayment) payment = NULL;
  g_autoptr (RemitPayment) paid = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GAsyncResult) r5 = NULL;
  g_autoptr (GAsyncResult) r6 = NULL;
  g_autoptr (GAsyncResult) r7 = NULL;
  g_autoptr (GAsyncResult) r8 = NULL;
  g_autoptr (GAsyncResult) r9 = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *amount = NULL;
  const char *provider_id;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);

  remit_api_client_list_payment_providers_async (client, NULL, store_result_cb, &r1);
  providers = remit_api_client_list_payment_providers_finish (client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (providers->len, >, 0);
  provider_id = remit_payment_provider_get_id (providers->pdata[0]);

  remit_api_client_get_payment_provider_async (client, provider_id, NULL, store_result_cb, &r2);
  provider = remit_api_client_get_payment_provider_finish (client, AWAIT (r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_payment_provider_get_name (provider), ==,
                   remit_payment_provider_get_name (providers->pdata[0]));
  if (remit_payment_provider_get_icon_location (provider) != NULL)
    {
      g_autoptr (GBytes) icon = NULL;

      remit_api_client_get_provider_icon_async (client, provider, NULL, store_result_cb, &r3);
      icon = remit_api_client_get_provider_icon_finish (client, AWAIT (r3), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (icon), >, 0);
    }

  /* Created once, even when sent twice with the same key. */
  request = make_request (provider_id);
  remit_api_client_create_payment_request_async (client, request, key, NULL, store_result_cb, &r4);
  created = remit_api_client_create_payment_request_finish (client, AWAIT (r4), &error);
  g_assert_no_error (error);
  g_assert_nonnull (remit_payment_request_get_id (created));
  g_assert_cmpint (remit_payment_request_get_status (created), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  remit_api_client_create_payment_request_async (client, request, key, NULL, store_result_cb, &r5);
  repeated = remit_api_client_create_payment_request_finish (client, AWAIT (r5), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_payment_request_get_id (repeated), ==,
                   remit_payment_request_get_id (created));

  remit_api_client_list_payment_requests_async (client, NULL, store_result_cb, &r6);
  requests = remit_api_client_list_payment_requests_finish (client, AWAIT (r6), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);

  /* The bank pays it. */
  payment = remit_payment_new_for_request (created);
  remit_api_client_resolve_payment_request_async (client, remit_payment_request_get_id (created),
                                                  payment, NULL, store_result_cb, &r7);
  resolved = remit_api_client_resolve_payment_request_finish (client, AWAIT (r7), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_payment_request_get_status (resolved), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_PAID);

  remit_api_client_get_payment_request_async (client, remit_payment_request_get_id (created),
                                              NULL, store_result_cb, &r8);
  fetched = remit_api_client_get_payment_request_finish (client, AWAIT (r8), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_payment_request_get_status (fetched), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_PAID);

  remit_api_client_get_payment_async (client, remit_payment_request_get_id (created), NULL,
                                      store_result_cb, &r9);
  paid = remit_api_client_get_payment_finish (client, AWAIT (r9), &error);
  g_assert_no_error (error);
  amount = remit_amount_to_wire (remit_payment_get_amount (paid));
  g_assert_cmpstr (amount, ==, "123.45:EUR");
  g_assert_cmpstr (remit_payment_get_iban (paid), ==, TEST_INVOICE_IBAN);
  g_assert_nonnull (remit_payment_get_paid_at (paid));
}

/* User Center */

static void
test_users (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitApiToken) client_token = NULL;
  g_autoptr (RemitApiToken) token = NULL;
  g_autoptr (RemitApiToken) refused = NULL;
  g_autoptr (RemitApiToken) renewed = NULL;
  g_autoptr (RemitApiUser) user = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GAsyncResult) r5 = NULL;
  g_autoptr (GAsyncResult) r6 = NULL;
  g_autoptr (GAsyncResult) r7 = NULL;
  g_autoptr (GAsyncResult) r8 = NULL;
  g_autoptr (GAsyncResult) r9 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *taken = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = anonymous_client (server);

  remit_api_client_get_client_token_async (client, NULL, store_result_cb, &r1);
  client_token = remit_api_client_get_client_token_finish (client, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (client_token->expires_in, >, 0);

  remit_api_client_create_user_async (client, client_token->access_token, "anna@example.com",
                                      "secret-1", NULL, store_result_cb, &r2);
  id = remit_api_client_create_user_finish (client, AWAIT (r2), &error);
  g_assert_no_error (error);

  /* The email is taken now. */
  remit_api_client_create_user_async (client, client_token->access_token, "anna@example.com",
                                      "secret-2", NULL, store_result_cb, &r3);
  taken = remit_api_client_create_user_finish (client, AWAIT (r3), &error);
  g_assert_null (taken);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  remit_api_client_login_async (client, "anna@example.com", "secret-1", NULL, store_result_cb,
                                &r4);
  token = remit_api_client_login_finish (client, AWAIT (r4), &error);
  g_assert_no_error (error);

  remit_api_client_get_user_async (client, client_token->access_token, id, NULL, store_result_cb,
                                   &r5);
  user = remit_api_client_get_user_finish (client, AWAIT (r5), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, id);
  g_assert_cmpstr (user->email, ==, "anna@example.com");

  remit_api_client_update_user_async (client, client_token->access_token, id, NULL, NULL,
                                      "secret-1", "secret-3", NULL, store_result_cb, &r6);
  remit_api_client_update_user_finish (client, AWAIT (r6), &error);
  g_assert_no_error (error);
  remit_api_client_login_async (client, "anna@example.com", "secret-3", NULL, store_result_cb,
                                &r7);
  renewed = remit_api_client_login_finish (client, AWAIT (r7), &error);
  g_assert_no_error (error);

  remit_api_client_delete_user_async (client, client_token->access_token, id, NULL,
                                      store_result_cb, &r8);
  remit_api_client_delete_user_finish (client, AWAIT (r8), &error);
  g_assert_no_error (error);
  remit_api_client_login_async (client, "anna@example.com", "secret-3", NULL, store_result_cb,
                                &r9);
  refused = remit_api_client_login_finish (client, AWAIT (r9), &error);
  g_assert_null (refused);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "secret-3"));
}

/* Faults */

static void
test_fault_503 (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-503");
  g_autoptr (GError) error = NULL;

  NEEDS_SERVER ();
  /* With this seed the login passes and the upload meets three 503s in a row. */
  server = api_test_server_start ("--fault", "503:0.5", "--seed", "6", NULL);
  client = derived_client (server, NULL);
  document = upload (client, pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "< 503 POST /documents"), ==, 3);
  g_assert_cmpuint (api_test_server_count (server, "< 201 POST /documents"), ==, 1);
}

static void
test_fault_503_gives_up (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start ("--fault", "503:1", NULL);
  client = derived_client (server, NULL);
  remit_api_client_set_max_attempts (client, 3);
  documents = list_documents (client, 20, 0, &error);
  g_assert_null (documents);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "(request id "));
  /* Bounded: exactly three attempts. */
  g_assert_cmpuint (api_test_server_count (server, "< 503"), ==, 3);
}

static void
test_fault_429 (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  guint limited;

  NEEDS_SERVER ();
  /* With this seed the login passes and the listing meets three 429s in a row. */
  server = api_test_server_start ("--fault", "429:0.5", "--seed", "6", NULL);
  client = derived_client (server, NULL);
  start = g_get_monotonic_time ();
  documents = list_documents (client, 20, 0, &error);
  g_assert_no_error (error);
  limited = api_test_server_count (server, "< 429");
  g_assert_cmpuint (limited, ==, 3);
  /* Retry-After: 1 was honoured each time, whatever the backoff would have said. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) limited * G_USEC_PER_SEC);
}

static void
test_fault_malformed (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start ("--fault", "malformed:1", NULL);
  client = derived_client (server, NULL);

  /* Even the login answer is broken: an error, not a crash. */
  documents = list_documents (client, 20, 0, &error);
  g_assert_null (documents);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_MALFORMED);
  g_clear_error (&error);

  remit_api_client_list_payment_providers_async (client, NULL, store_result_cb, &r);
  providers = remit_api_client_list_payment_providers_finish (client, AWAIT (r), &error);
  g_assert_null (providers);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_MALFORMED);
}

static void
test_fault_drop (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitApiClient) checker = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-drop");
  g_autoptr (GError) error = NULL;
  g_autofree char *user = g_uuid_string_random ();
  RemitApiUploadOptions options = { .filename = "drop.pdf", .idempotency_key = user };

  NEEDS_SERVER ();
  /* With this seed the login passes and the first three answers to the upload are dropped
   * after the server carried it out. */
  server = api_test_server_start ("--fault", "drop:0.5", "--seed", "6", NULL);
  client = derived_client (server, user);
  document = upload (client, pdf, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "< drop POST /documents"), ==, 3);

  /* Exactly one document, though the upload was sent four times. */
  g_assert_cmpuint (api_test_server_count (server, "> POST /documents"), ==, 4);
  checker = derived_client (server, user);
  g_object_set (checker, "max-attempts", 10, NULL);
  documents = list_documents (checker, 20, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (remit_document_get_id (documents->pdata[0]), ==,
                   remit_document_get_id (document));
}

static void
test_no_network (void)
{
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and has nobody listening. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = remit_api_client_new_for_server (url);
  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (client, "nobody");
  g_object_set (client, "retry-base-delay", 10, "max-attempts", 2, NULL);
  documents = list_documents (client, 20, 0, &error);
  g_assert_null (documents);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_NO_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, TEST_CLIENT_SECRET));
}

/* Keyring */

static void
test_keyring_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (RemitApiClient) client = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GAsyncResult) r = NULL;
      gint64 start = g_get_monotonic_time ();

      client = remit_api_client_new_for_server ("http://127.0.0.1:9");
      remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
      g_object_set (client, "keyring-timeout", 3, NULL);
      remit_api_client_authenticate_async (client, NULL, store_result_cb, &r);
      g_assert_false (remit_api_client_authenticate_finish (client, AWAIT (r), &error));
      g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_KEYRING);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      return;
    }

  /* No session bus at all. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/remit-test-bus", TRUE);
    g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (saved != NULL)
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved, TRUE);
    else
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  }
  g_test_trap_assert_passed ();
}

/* Backends */

static void
exercise_backend (RemitBackend *backend, gboolean pays)
{
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-BACKEND");
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (RemitDocument) again = NULL;
  g_autoptr (RemitDocument) done = NULL;
  g_autoptr (RemitExtractionSet) extractions = NULL;
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitFeedback) invalid = remit_feedback_new ();
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GAsyncResult) r5 = NULL;
  g_autoptr (GAsyncResult) r6 = NULL;
  g_autofree char *key = g_uuid_string_random ();

  remit_backend_upload_async (backend, pdf, "invoice.pdf", "application/pdf", key, NULL,
                              store_result_cb, &r1);
  document = remit_backend_upload_finish (backend, AWAIT (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_document_get_name (document), ==, "invoice.pdf");

  /* The same key is the same document. */
  remit_backend_upload_async (backend, pdf, "invoice.pdf", "application/pdf", key, NULL,
                              store_result_cb, &r2);
  again = remit_backend_upload_finish (backend, AWAIT (r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_document_get_id (again), ==, remit_document_get_id (document));

  remit_backend_wait_async (backend, remit_document_get_id (document), NULL, store_result_cb,
                            &r3);
  done = remit_backend_wait_finish (backend, AWAIT (r3), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_document_get_progress (done), ==, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpint (remit_document_get_page_count (done), ==, 1);

  remit_backend_get_result_async (backend, remit_document_get_id (document), NULL,
                                  store_result_cb, &r4);
  g_assert_true (remit_backend_get_result_finish (backend, AWAIT (r4), &extractions, &layout,
                                                  &error));
  g_assert_no_error (error);
  g_assert_nonnull (extractions);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 1);

  remit_feedback_set_value (invalid, "iban", "iban", NULL, "DE00");
  remit_backend_send_feedback_async (backend, remit_document_get_id (document), invalid, NULL,
                                     store_result_cb, &r5);
  g_assert_false (remit_backend_send_feedback_finish (backend, AWAIT (r5), &error));
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  remit_backend_list_providers_async (backend, NULL, store_result_cb, &r6);
  providers = remit_backend_list_providers_finish (backend, AWAIT (r6), &error);
  if (pays)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (providers->len, >, 0);
    }
  else
    {
      g_assert_null (providers);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    }
}

static void
test_remote_backend (void)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitRemoteBackend) backend = NULL;

  NEEDS_SERVER ();
  server = api_test_server_start (NULL);
  client = derived_client (server, NULL);
  backend = remit_remote_backend_new (client);
  g_assert_cmpint (remit_backend_get_capabilities (REMIT_BACKEND (backend)), ==,
                   REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS
                     | REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS);
  exercise_backend (REMIT_BACKEND (backend), TRUE);
}

static void
test_local_backend (void)
{
  g_autoptr (RemitLocalBackend) backend = remit_local_backend_new ();
  g_autoptr (RemitPaymentRequest) request = make_request ("any");
  g_autoptr (RemitPaymentRequest) created = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = NULL;

  g_assert_cmpint (remit_backend_get_capabilities (REMIT_BACKEND (backend)), ==,
                   REMIT_BACKEND_CAPABILITY_NONE);
  exercise_backend (REMIT_BACKEND (backend), FALSE);

  remit_backend_create_payment_request_async (REMIT_BACKEND (backend), request, NULL, NULL,
                                              store_result_cb, &r);
  created = remit_backend_create_payment_request_finish (REMIT_BACKEND (backend), AWAIT (r),
                                                         &error);
  g_assert_null (created);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/urls", test_urls);
  g_test_add_func ("/api/backoff", test_backoff);
  g_test_add_func ("/api/auth/derived", test_derived_flow);
  g_test_add_func ("/api/auth/anonymous", test_anonymous_flow);
  g_test_add_func ("/api/auth/anonymous-replaced", test_anonymous_replaced);
  g_test_add_func ("/api/auth/bad-credentials", test_bad_credentials);
  g_test_add_func ("/api/auth/concurrent-refresh", test_concurrent_refresh);
  g_test_add_func ("/api/auth/token-expiry", test_token_expiry);
  g_test_add_func ("/api/documents/crud", test_documents);
  g_test_add_func ("/api/documents/extractions-feedback", test_extractions_feedback);
  g_test_add_func ("/api/documents/composite", test_composite);
  g_test_add_func ("/api/documents/unsupported-type", test_unsupported_type);
  g_test_add_func ("/api/documents/poll-timeout", test_poll_timeout);
  g_test_add_func ("/api/payments", test_payments);
  g_test_add_func ("/api/users", test_users);
  g_test_add_func ("/api/faults/503", test_fault_503);
  g_test_add_func ("/api/faults/503-gives-up", test_fault_503_gives_up);
  g_test_add_func ("/api/faults/429", test_fault_429);
  g_test_add_func ("/api/faults/malformed", test_fault_malformed);
  g_test_add_func ("/api/faults/drop", test_fault_drop);
  g_test_add_func ("/api/faults/no-network", test_no_network);
  g_test_add_func ("/api/keyring/missing", test_keyring_missing);
  g_test_add_func ("/api/backend/remote", test_remote_backend);
  g_test_add_func ("/api/backend/local", test_local_backend);

  return g_test_run ();
}
