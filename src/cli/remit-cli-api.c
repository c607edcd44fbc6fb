/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "remit-api-client.h"
#include "remit-cli-private.h"

/* The commands that speak to a Gini-compatible server: upload, extractions, feedback,
 * providers, pay, payment-request, payment-requests, resolve, payment. Each runs the main
 * loop for the client's asynchronous calls and prints JSON on stdout. */

typedef struct
{
  char *server;
  char *client_id;
  char *client_secret;
  char *user;
  gboolean no_wait;
  char *provider;
} ApiOptions;

static void
api_options_clear (ApiOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->client_id, g_free);
  if (options->client_secret != NULL)
    memset (options->client_secret, 0, strlen (options->client_secret));
  g_clear_pointer (&options->client_secret, g_free);
  g_clear_pointer (&options->user, g_free);
  g_clear_pointer (&options->provider, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ApiOptions, api_options_clear)

/* Running an asynchronous call to its end */

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

#define WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
}

static int
fail (GError *error)
{
  remit_cli_print_error ("%s", error->message);
  return g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE)
             ? REMIT_CLI_EXIT_INVALID
             : REMIT_CLI_EXIT_FAILED;
}

/* The client, from the options and the environment */

/* A client of @server (Gini's hosts when %NULL), with the credentials of the options or the
 * environment; a client secret given is kept in the keyring. Also used by the bill
 * commands (remit-cli-bills.c). */
RemitApiClient *
remit_cli_make_client (const char *server,
                       const char *client_id_option,
                       const char *client_secret_option,
                       const char *user,
                       GError **error)
{
  g_autoptr (RemitApiClient) client = NULL;
  const char *client_id = client_id_option != NULL ? client_id_option
                                                   : g_getenv ("REMIT_CLIENT_ID");
  const char *client_secret = client_secret_option != NULL ? client_secret_option
                                                           : g_getenv ("REMIT_CLIENT_SECRET");

  if (server != NULL)
    {
      if (!remit_api_client_check_url (server, error))
        return NULL;
      client = remit_api_client_new_for_server (server);
    }
  else
    client = remit_api_client_new ();

  if (client_id == NULL)
    {
      g_set_error_literal (error, REMIT_API_ERROR, REMIT_API_ERROR_UNAUTHORIZED,
                           _("No client id: give --client-id or set REMIT_CLIENT_ID"));
      return NULL;
    }
  remit_api_client_set_client_credentials (client, client_id, client_secret);
  if (user != NULL)
    {
      remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
      remit_api_client_set_user_identifier (client, user);
    }

  if (client_secret != NULL)
    {
      /* Kept in the keyring, so that the next run needs only the client id. */
      g_auto (Wait) wait = WAIT_INIT;

      remit_api_client_store_client_secret_async (client, NULL, wait_cb, &wait);
      if (!remit_api_client_store_client_secret_finish (client, wait_run (&wait), error))
        return NULL;
    }
  return g_steal_pointer (&client);
}

static RemitApiClient *
make_client (ApiOptions *options, GError **error)
{
  return remit_cli_make_client (options->server != NULL ? options->server
                                                        : g_getenv ("REMIT_SERVER"),
                                options->client_id, options->client_secret, options->user,
                                error);
}

static gboolean
parse_options (int *argc,
               char ***argv,
               ApiOptions *options,
               const GOptionEntry *extra,
               const char *parameter_string,
               GError **error)
{
  const GOptionEntry global_entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &options->server,
      N_("Base URL of the server (default: Gini’s hosts, or REMIT_SERVER)"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options->client_id,
      N_("Client id (or REMIT_CLIENT_ID)"), N_("ID") },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &options->client_secret,
      N_("Client secret (or REMIT_CLIENT_SECRET); kept in the keyring"), N_("SECRET") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user,
      N_("Act as this derived user instead of the anonymous user"), N_("ID") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

static int
usage (const char *command, const char *arguments)
{
  remit_cli_print_error (_("Usage: remit-cli %s %s"), command, arguments);
  return REMIT_CLI_EXIT_USAGE;
}

/* The start every server command shares: its options, and between @min_args and @max_args
 * arguments after the command's name (-1: no limit). Returns REMIT_CLI_EXIT_OK when the
 * command may go on, else the exit code, with one line said. */
static int
begin_command (int *argc,
               char ***argv,
               ApiOptions *options,
               const GOptionEntry *extra,
               const char *command,
               const char *parameters,
               int min_args,
               int max_args)
{
  g_autoptr (GError) error = NULL;

  if (!parse_options (argc, argv, options, extra, _(parameters), &error))
    {
      remit_cli_print_error ("%s", error->message);
      return REMIT_CLI_EXIT_USAGE;
    }
  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    return usage (command, _(parameters));

  return REMIT_CLI_EXIT_OK;
}

static JsonNode *
request_json (RemitPaymentRequest *request)
{
  JsonNode *node = remit_payment_request_to_json (request);
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, "id") && remit_payment_request_get_id (request) != NULL)
    json_object_set_string_member (object, "id", remit_payment_request_get_id (request));
  return node;
}

/* upload FILE [--no-wait] */
int
remit_cli_upload (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "no-wait", 0, 0, G_OPTION_ARG_NONE, &options.no_wait,
      N_("Print the document at once, without waiting until it is processed"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autoptr (GBytes) data = NULL;
  RemitApiUploadOptions upload = { 0 };
  gsize length = 0;

  status = begin_command (&argc, &argv, &options, entries, "upload", N_("FILE [--no-wait]"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      remit_cli_print_error ("%s", error->message);
      return REMIT_CLI_EXIT_INVALID;
    }
  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  basename = g_path_get_basename (argv[1]);

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);

  upload.filename = basename;
  upload.device_class = "desktop_device";
  {
    g_auto (Wait) wait = WAIT_INIT;

    remit_api_client_upload_document_async (client, data, &upload, NULL, wait_cb, &wait);
    document = remit_api_client_upload_document_finish (client, wait_run (&wait), &error);
    if (document == NULL)
      return fail (error);
  }

  if (!options.no_wait)
    {
      g_auto (Wait) wait = WAIT_INIT;
      g_autoptr (RemitDocument) done = NULL;

      remit_api_client_wait_for_document_async (client, remit_document_get_id (document), NULL,
                                                wait_cb, &wait);
      done = remit_api_client_wait_for_document_finish (client, wait_run (&wait), &error);
      if (done == NULL)
        return fail (error);
      g_set_object (&document, done);
    }

  node = remit_document_to_json (document);
  print_json (node);
  if (remit_document_get_progress (document) == REMIT_DOCUMENT_PROGRESS_ERROR)
    {
      remit_cli_print_error (_("The server could not process the document"));
      return REMIT_CLI_EXIT_FAILED;
    }
  return REMIT_CLI_EXIT_OK;
}

static RemitExtractionSet *
get_extractions (RemitApiClient *client, const char *document_id, GError **error)
{
  g_auto (Wait) wait = WAIT_INIT;

  remit_api_client_get_extractions_async (client, document_id, NULL, wait_cb, &wait);
  return remit_api_client_get_extractions_finish (client, wait_run (&wait), error);
}

/* extractions DOC */
int
remit_cli_extractions (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autofree char *text = NULL;

  status = begin_command (&argc, &argv, &options, NULL, "extractions", N_("DOCUMENT"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  set = get_extractions (client, argv[1], &error);
  if (set == NULL)
    return fail (error);
  text = remit_extraction_set_to_string (set, TRUE);
  printf ("%s\n", text);
  return REMIT_CLI_EXIT_OK;
}

/* feedback DOC LABEL=VALUE… */
int
remit_cli_feedback (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitFeedback) feedback = remit_feedback_new ();
  g_autoptr (JsonNode) body = NULL;
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, NULL, "feedback", N_("DOCUMENT LABEL=VALUE…"), 2, -1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  /* Every value is checked before anything is sent. */
  for (int i = 2; i < argc; i++)
    {
      const char *equals = strchr (argv[i], '=');
      g_autofree char *label = NULL;
      const char *value;
      const char *entity;

      if (equals == NULL || equals == argv[i])
        {
          remit_cli_print_error (_("“%s” is not LABEL=VALUE"), argv[i]);
          return REMIT_CLI_EXIT_USAGE;
        }
      if (!g_utf8_validate (argv[i], -1, NULL))
        {
          remit_cli_print_error (_("The value is not valid UTF-8 text"));
          return REMIT_CLI_EXIT_INVALID;
        }
      label = g_strndup (argv[i], equals - argv[i]);
      value = equals + 1;
      entity = remit_feedback_label_get_entity (label);
      if (entity == NULL)
        entity = "text";
      if (!remit_feedback_validate_value (entity, label, value, NULL, &error))
        {
          remit_cli_print_error ("%s: %s", label, error->message);
          return REMIT_CLI_EXIT_INVALID;
        }
      remit_feedback_set_value (feedback, label, entity, NULL, value);
    }
  body = remit_feedback_to_json (feedback, &error);
  if (body == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      return REMIT_CLI_EXIT_INVALID;
    }

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  remit_api_client_send_feedback_async (client, argv[1], feedback, NULL, wait_cb, &wait);
  if (!remit_api_client_send_feedback_finish (client, wait_run (&wait), &error))
    return fail (error);
  print_json (body);
  return REMIT_CLI_EXIT_OK;
}

/* providers */
int
remit_cli_providers (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, NULL, "providers", "", 0, 0);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  remit_api_client_list_payment_providers_async (client, NULL, wait_cb, &wait);
  providers = remit_api_client_list_payment_providers_finish (client, wait_run (&wait), &error);
  if (providers == NULL)
    return fail (error);
  node = remit_payment_provider_list_to_json (providers);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* The payment request a document's extractions describe. */
static RemitPaymentRequest *
request_from_extractions (RemitApiClient *client,
                          const char *document_id,
                          RemitExtractionSet *set,
                          const char *provider,
                          GError **error)
{
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new ();
  g_autofree char *location = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *amount_text = remit_extraction_set_get_value (set, "amountToPay");
  const char *purpose = remit_extraction_set_get_value (set, "paymentPurpose");
  RemitAmount amount;

  if (remit_extraction_set_get_value (set, "iban") == NULL)
    {
      g_set_error_literal (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                           _("No IBAN was found on the document: send it as feedback first"));
      return NULL;
    }
  if (amount_text == NULL || !remit_amount_parse (amount_text, &amount, &local_error))
    {
      g_set_error_literal (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                           _("No amount to pay was found on the document: send it as feedback "
                             "first"));
      return NULL;
    }
  if (purpose == NULL)
    purpose = remit_extraction_set_get_value (set, "paymentReference");

  remit_payment_request_set_iban (request, remit_extraction_set_get_value (set, "iban"));
  remit_payment_request_set_bic (request, remit_extraction_set_get_value (set, "bic"));
  remit_payment_request_set_recipient (request,
                                       remit_extraction_set_get_value (set, "paymentRecipient"));
  remit_payment_request_set_amount (request, &amount);
  remit_payment_request_set_purpose (request, purpose != NULL ? purpose : "");
  remit_payment_request_set_payment_provider (request, provider);
  location = g_strconcat (remit_api_client_get_pay_api_url (client), "/documents/", document_id,
                          NULL);
  remit_payment_request_set_source_document_location (request, location);

  if (!remit_payment_request_validate (request, &local_error))
    {
      g_set_error_literal (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE,
                           local_error->message);
      return NULL;
    }
  return g_steal_pointer (&request);
}

/* pay DOC --provider ID */
int
remit_cli_pay (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options.provider,
      N_("The banking app that is to pay"), N_("ID") },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (RemitPaymentRequest) created = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, entries, "pay", N_("DOCUMENT --provider ID"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;
  if (options.provider == NULL)
    return usage ("pay", _("DOCUMENT --provider ID"));

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  set = get_extractions (client, argv[1], &error);
  if (set == NULL)
    return fail (error);
  request = request_from_extractions (client, argv[1], set, options.provider, &error);
  if (request == NULL)
    return fail (error);

  remit_api_client_create_payment_request_async (client, request, NULL, NULL, wait_cb, &wait);
  created = remit_api_client_create_payment_request_finish (client, wait_run (&wait), &error);
  if (created == NULL)
    return fail (error);
  node = request_json (created);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

static RemitPaymentRequest *
get_request (RemitApiClient *client, const char *id, GError **error)
{
  g_auto (Wait) wait = WAIT_INIT;

  remit_api_client_get_payment_request_async (client, id, NULL, wait_cb, &wait);
  return remit_api_client_get_payment_request_finish (client, wait_run (&wait), error);
}

/* payment-request ID */
int
remit_cli_payment_request (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (JsonNode) node = NULL;

  status = begin_command (&argc, &argv, &options, NULL, "payment-request", N_("ID"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  request = get_request (client, argv[1], &error);
  if (request == NULL)
    return fail (error);
  node = request_json (request);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* payment-requests */
int
remit_cli_payment_requests (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, NULL, "payment-requests", "", 0, 0);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  remit_api_client_list_payment_requests_async (client, NULL, wait_cb, &wait);
  requests = remit_api_client_list_payment_requests_finish (client, wait_run (&wait), &error);
  if (requests == NULL)
    return fail (error);
  for (guint i = 0; i < requests->len; i++)
    json_array_add_element (array, request_json (requests->pdata[i]));
  json_node_set_array (node, array);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* resolve ID: the bank's side, which reports the request as paid */
int
remit_cli_resolve (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitPaymentRequest) request = NULL;
  g_autoptr (RemitPaymentRequest) resolved = NULL;
  g_autoptr (RemitPayment) payment = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, NULL, "resolve", N_("ID"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  request = get_request (client, argv[1], &error);
  if (request == NULL)
    return fail (error);
  payment = remit_payment_new_for_request (request);
  remit_api_client_resolve_payment_request_async (client, argv[1], payment, NULL, wait_cb,
                                                  &wait);
  resolved = remit_api_client_resolve_payment_request_finish (client, wait_run (&wait), &error);
  if (resolved == NULL)
    return fail (error);
  node = request_json (resolved);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* payment ID */
int
remit_cli_payment (int argc, char **argv)
{
  g_auto (ApiOptions) options = { 0 };
  int status;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitPayment) payment = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (Wait) wait = WAIT_INIT;

  status = begin_command (&argc, &argv, &options, NULL, "payment", N_("ID"), 1, 1);
  if (status != REMIT_CLI_EXIT_OK)
    return status;

  client = make_client (&options, &error);
  if (client == NULL)
    return fail (error);
  remit_api_client_get_payment_async (client, argv[1], NULL, wait_cb, &wait);
  payment = remit_api_client_get_payment_finish (client, wait_run (&wait), &error);
  if (payment == NULL)
    return fail (error);
  node = remit_payment_to_json (payment);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}
