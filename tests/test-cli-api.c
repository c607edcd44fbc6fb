/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "api-test-common.h"

/* remit-cli's server commands as a person runs them, against a remit-server child process. */

typedef struct
{
  int status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static ApiTestServer *server;
static char *directory;
static char *user;

static void
run_cli_argv (CliResult *result, GPtrArray *args, gboolean derived, gboolean with_secret)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REMIT_CLI"));
  /* The global options before the command, as a person types them. */
  g_ptr_array_add (argv, (gpointer) "--server");
  g_ptr_array_add (argv, (gpointer) api_test_server_get_url (server));
  if (derived)
    {
      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, user);
    }
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, NULL);

  /* The credentials from the environment; the secret only when asked, else the keyring. */
  envp = g_environ_setenv (envp, "REMIT_CLIENT_ID", TEST_CLIENT_ID, TRUE);
  if (with_secret)
    envp = g_environ_setenv (envp, "REMIT_CLIENT_SECRET", TEST_CLIENT_SECRET, TRUE);
  else
    envp = g_environ_unsetenv (envp, "REMIT_CLIENT_SECRET");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &result->out,
                &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
run_cli (CliResult *result, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  run_cli_argv (result, args, TRUE, TRUE);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
assert_one_line_error (CliResult *r, const char *needle)
{
  const char *newline = strchr (r->err, '\n');

  g_assert_cmpint (r->status, !=, 0);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  if (needle != NULL && strstr (r->err, needle) == NULL)
    g_error ("stderr “%s” does not say “%s”", r->err, needle);
}

static char *
write_invoice (const char *reference)
{
  g_autoptr (GBytes) pdf = api_test_invoice_pdf (reference);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", reference);
  char *path = g_build_filename (directory, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return path;
}

static char *
upload_invoice (const char *reference)
{
  g_auto (CliResult) r = { 0 };
  g_autofree char *path = write_invoice (reference);
  g_autoptr (JsonObject) document = NULL;

  run_cli (&r, "upload", path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  document = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (document, "progress"), ==, "COMPLETED");
  return g_strdup (json_object_get_string_member (document, "id"));
}

#define NEEDS_SERVER()                                                                   \
  G_STMT_START                                                                           \
  {                                                                                      \
    g_assert_nonnull (server);                                                           \
  }                                                                                      \
  G_STMT_END

static void
test_upload (void)
{
  g_auto (CliResult) quick = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr (JsonObject) document = NULL;

  NEEDS_SERVER ();
  id = upload_invoice ("RE-CLI-1");
  g_assert_nonnull (id);

  path = write_invoice ("RE-CLI-2");
  run_cli (&quick, "upload", path, "--no-wait", NULL);
  g_assert_cmpint (quick.status, ==, 0);
  document = parse_object (quick.out);
  g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "RE-CLI-2.pdf");
  g_assert_true (json_object_has_member (document, "progress"));
}

static void
test_extractions_and_feedback (void)
{
  g_auto (CliResult) extractions = { 0 };
  g_auto (CliResult) feedback = { 0 };
  g_auto (CliResult) invalid = { 0 };
  g_auto (CliResult) malformed = { 0 };
  g_autofree char *id = NULL;
  g_autoptr (JsonObject) set = NULL;
  g_autoptr (JsonObject) sent = NULL;
  guint puts_before;

  NEEDS_SERVER ();
  id = upload_invoice ("RE-CLI-3");

  run_cli (&extractions, "extractions", id, NULL);
  g_assert_cmpint (extractions.status, ==, 0);
  set = parse_object (extractions.out);
  g_assert_true (json_object_has_member (set, "extractions"));

  run_cli (&feedback, "feedback", id, "iban=DE02 1203 0000 0000 2020 51", "amountToPay=123,45 EUR",
           NULL);
  g_assert_cmpstr (feedback.err, ==, "");
  g_assert_cmpint (feedback.status, ==, 0);
  sent = parse_object (feedback.out);
  g_assert_true (json_object_has_member (json_object_get_object_member (sent, "extractions"),
                                         "iban"));

  /* Checked before anything is sent. */
  puts_before = api_test_server_count (server, "> PUT ");
  run_cli (&invalid, "feedback", id, "iban=DE02 1203 0000 0000 2020 52", NULL);
  g_assert_cmpint (invalid.status, ==, 1);
  assert_one_line_error (&invalid, "iban");
  g_assert_cmpuint (api_test_server_count (server, "> PUT "), ==, puts_before);

  run_cli (&malformed, "feedback", id, "no-equals-sign", NULL);
  g_assert_cmpint (malformed.status, ==, 2);
  assert_one_line_error (&malformed, "LABEL=VALUE");
}

static void
test_payment_flow (void)
{
  g_auto (CliResult) providers = { 0 };
  g_auto (CliResult) pay = { 0 };
  g_auto (CliResult) request = { 0 };
  g_auto (CliResult) requests = { 0 };
  g_auto (CliResult) resolve = { 0 };
  g_auto (CliResult) payment = { 0 };
  g_autoptr (JsonArray) provider_list = NULL;
  g_autoptr (JsonArray) request_list = NULL;
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (JsonObject) fetched = NULL;
  g_autoptr (JsonObject) resolved = NULL;
  g_autoptr (JsonObject) paid = NULL;
  g_autofree char *id = NULL;
  const char *provider;
  const char *request_id;

  NEEDS_SERVER ();
  run_cli (&providers, "providers", NULL);
  g_assert_cmpint (providers.status, ==, 0);
  provider_list = parse_array (providers.out);
  g_assert_cmpuint (json_array_get_length (provider_list), >, 0);
  provider = json_object_get_string_member (json_array_get_object_element (provider_list, 0),
                                            "id");

  id = upload_invoice ("RE-CLI-4");
  run_cli (&pay, "pay", id, "--provider", provider, NULL);
  g_assert_cmpstr (pay.err, ==, "");
  g_assert_cmpint (pay.status, ==, 0);
  created = parse_object (pay.out);
  request_id = json_object_get_string_member (created, "id");
  g_assert_nonnull (request_id);
  g_assert_cmpstr (json_object_get_string_member (created, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (created, "iban"), ==, TEST_INVOICE_IBAN);

  run_cli (&request, "payment-request", request_id, NULL);
  g_assert_cmpint (request.status, ==, 0);
  fetched = parse_object (request.out);
  g_assert_cmpstr (json_object_get_string_member (fetched, "id"), ==, request_id);

  run_cli (&requests, "payment-requests", NULL);
  g_assert_cmpint (requests.status, ==, 0);
  request_list = parse_array (requests.out);
  g_assert_cmpuint (json_array_get_length (request_list), ==, 1);

  run_cli (&resolve, "resolve", request_id, NULL);
  g_assert_cmpint (resolve.status, ==, 0);
  resolved = parse_object (resolve.out);
  g_assert_cmpstr (json_object_get_string_member (resolved, "status"), ==, "paid");

  run_cli (&payment, "payment", request_id, NULL);
  g_assert_cmpint (payment.status, ==, 0);
  paid = parse_object (payment.out);
  g_assert_cmpstr (json_object_get_string_member (paid, "amount"), ==, TEST_INVOICE_AMOUNT);
}

static void
test_anonymous_and_keyring_secret (void)
{
  g_auto (CliResult) first = { 0 };
  g_auto (CliResult) second = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  NEEDS_SERVER ();
  g_ptr_array_add (args, (gpointer) "payment-requests");

  /* Anonymous: a user is created and kept; the secret given once is kept too. */
  run_cli_argv (&first, args, FALSE, TRUE);
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpint (first.status, ==, 0);
  run_cli_argv (&second, args, FALSE, FALSE);
  g_assert_cmpstr (second.err, ==, "");
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpuint (api_test_server_count (server, "> POST /api/users"), ==, 1);
}

static void
test_errors (void)
{
  g_auto (CliResult) missing = { 0 };
  g_auto (CliResult) usage = { 0 };
  g_auto (CliResult) insecure = { 0 };
  g_auto (CliResult) no_file = { 0 };
  const char *argv[] = { g_getenv ("REMIT_CLI"), "providers", "--server", "http://192.0.2.1",
                         "--client-id", "x", "--client-secret", "y", NULL };
  int wait_status = 0;
  g_autoptr (GError) error = NULL;

  NEEDS_SERVER ();
  run_cli (&missing, "extractions", "no-such-document", NULL);
  g_assert_cmpint (missing.status, ==, 3);
  assert_one_line_error (&missing, "request id");

  run_cli (&usage, "pay", "some-document", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  assert_one_line_error (&usage, "--provider");

  run_cli (&no_file, "upload", "/nonexistent/file.pdf", NULL);
  g_assert_cmpint (no_file.status, ==, 1);
  assert_one_line_error (&no_file, "file.pdf");

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &insecure.out,
                &insecure.err, &wait_status, &error);
  g_assert_no_error (error);
  insecure.status = WEXITSTATUS (wait_status);
  assert_one_line_error (&insecure, "https://");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (api_test_server_available () && !g_test_subprocess ())
    server = api_test_server_start (NULL);
  directory = g_dir_make_tmp ("remit-cli-api-XXXXXX", &error);
  g_assert_no_error (error);
  user = g_uuid_string_random ();

  g_test_add_func ("/cli-api/upload", test_upload);
  g_test_add_func ("/cli-api/extractions-feedback", test_extractions_and_feedback);
  g_test_add_func ("/cli-api/payment-flow", test_payment_flow);
  g_test_add_func ("/cli-api/anonymous", test_anonymous_and_keyring_secret);
  g_test_add_func ("/cli-api/errors", test_errors);

  status = g_test_run ();
  api_test_server_stop (server);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", directory);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (directory);
  g_free (user);
  return status;
}
