/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "remit-api-error.h"
#include "remit-bill-service.h"
#include "remit-core-error.h"
#include "remit-cli-private.h"
#include "remit-local-backend.h"
#include "remit-remote-backend.h"

/* The commands that carry a bill through the backend with the ledger and its journal:
 * import, review, pay-bill, refresh, resume. A bill stays with the backend it was imported
 * on (`local`, or a server's URL): later commands use that one, with the credentials of the
 * options or the environment. */

typedef struct
{
  char *server;
  char *client_id;
  char *client_secret;
  char *user;
} BillOptions;

static void
bill_options_clear (BillOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->client_id, g_free);
  if (options->client_secret != NULL)
    memset (options->client_secret, 0, strlen (options->client_secret));
  g_clear_pointer (&options->client_secret, g_free);
  g_clear_pointer (&options->user, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BillOptions, bill_options_clear)

static gboolean
parse_options (int *argc,
               char ***argv,
               BillOptions *options,
               const GOptionEntry *extra,
               const char *parameter_string)
{
  const GOptionEntry global_entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &options->server,
      N_("Base URL of the server (import: read on this computer when not given)"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options->client_id,
      N_("Client id (or REMIT_CLIENT_ID)"), N_("ID") },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &options->client_secret,
      N_("Client secret (or REMIT_CLIENT_SECRET); kept in the keyring"), N_("SECRET") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user,
      N_("Act as this derived user instead of the anonymous user"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr (GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      remit_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
usage (const char *command, const char *arguments)
{
  remit_cli_print_error (_("Usage: remit-cli %s %s"), command, arguments);
  return REMIT_CLI_EXIT_USAGE;
}

/* Exit status for an error: the person's input, or something that failed. */
static int
fail (const GError *error)
{
  remit_cli_print_error ("%s", error->message);
  if ((error->domain == REMIT_STORE_ERROR
       && (error->code == REMIT_STORE_ERROR_NOT_FOUND
           || error->code == REMIT_STORE_ERROR_ILLEGAL_MOVE
           || error->code == REMIT_STORE_ERROR_PENDING))
      || error->domain == REMIT_CORE_ERROR
      || g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE)
      || g_error_matches (error, REMIT_API_ERROR, REMIT_API_ERROR_UNSUPPORTED_TYPE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return REMIT_CLI_EXIT_INVALID;
  return REMIT_CLI_EXIT_FAILED;
}

static gboolean
parse_id (const char *text, gint64 *id)
{
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL))
    {
      remit_cli_print_error (_("“%s” is not a bill id (a whole number from 1)"), text);
      return FALSE;
    }
  return TRUE;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
  fflush (stdout);
}

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

  g_set_object (&wait->result, result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_clear_object (&wait->result);
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

/* Ledger and service */

static RemitLedger *
open_ledger (int *status)
{
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger = remit_ledger_open (NULL, &error);

  if (ledger == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      *status = REMIT_CLI_EXIT_FAILED;
    }
  return ledger;
}

/* The service for the backend named @name: `local`, or a server's base URL. */
static RemitBillService *
make_service (RemitLedger *ledger, const char *name, BillOptions *options, GError **error)
{
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (RemitBackend) backend = NULL;

  if (name == NULL || g_str_equal (name, "local"))
    {
      backend = REMIT_BACKEND (remit_local_backend_new ());
      return remit_bill_service_new (ledger, backend);
    }

  client = remit_cli_make_client (g_str_equal (name, REMIT_API_DEFAULT_PAY_API_URL) ? NULL : name,
                                  options->client_id, options->client_secret, options->user,
                                  error);
  if (client == NULL)
    return NULL;
  backend = REMIT_BACKEND (remit_remote_backend_new (client));
  return remit_bill_service_new (ledger, backend);
}

/* The ledger, the bill @text names and the service of the bill's backend. */
static gboolean
open_bill (const char *text,
           BillOptions *options,
           RemitLedger **ledger_out,
           RemitBillService **service_out,
           gint64 *id_out,
           int *status)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  RemitBillService *service;
  gint64 id;

  if (!parse_id (text, &id))
    {
      *status = REMIT_CLI_EXIT_INVALID;
      return FALSE;
    }
  ledger = open_ledger (status);
  if (ledger == NULL)
    return FALSE;
  bill = remit_ledger_get_bill (ledger, id, &error);
  if (bill == NULL)
    {
      *status = fail (error);
      return FALSE;
    }
  service = make_service (ledger, remit_bill_get_backend (bill), options, &error);
  if (service == NULL)
    {
      *status = fail (error);
      return FALSE;
    }

  *ledger_out = g_steal_pointer (&ledger);
  *service_out = service;
  *id_out = id;
  return TRUE;
}

static int
print_bill (RemitLedger *ledger, RemitBill *bill)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = remit_cli_bill_json_with_details (ledger, bill, &error);

  if (node == NULL)
    return fail (error);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* import FILE… */

static void
say_duplicate (RemitBill *bill)
{
  g_autofree char *message = NULL;
  const char *reason;

  switch (remit_bill_get_duplicate_reason (bill))
    {
    case REMIT_DUPLICATE_REASON_SAME_FILE:
      reason = _("the same file");
      break;
    case REMIT_DUPLICATE_REASON_SAME_PAYMENT:
      reason = _("the same IBAN, amount and purpose");
      break;
    case REMIT_DUPLICATE_REASON_NONE:
    default:
      return;
    }
  /* Translators: the first %lld is the new bill, the second the bill it repeats, %s the
   * reason ("the same file") */
  message = g_strdup_printf (_("bill %lld repeats bill %lld (%s); check it before paying"),
                             (long long) remit_bill_get_id (bill),
                             (long long) remit_bill_get_duplicate_of (bill), reason);
  /* The word “duplicate” leads the line in every language, for scripts. */
  remit_cli_print_error ("duplicate: %s", message);
}

int
remit_cli_import (int argc, char **argv)
{
  g_auto (BillOptions) options = { 0 };
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBillService) service = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) single = NULL;
  int status = REMIT_CLI_EXIT_OK;

  if (!parse_options (&argc, &argv, &options, NULL, "FILE…"))
    return REMIT_CLI_EXIT_USAGE;
  if (argc < 2)
    return usage ("import", _("FILE… [--server URL]"));

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;
  service = make_service (ledger, options.server != NULL ? options.server : "local", &options,
                          &error);
  if (service == NULL)
    return fail (error);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr (RemitBill) bill = NULL;
      g_autoptr (GError) local_error = NULL;
      g_auto (Wait) wait = WAIT_INIT;

      remit_bill_service_import_async (service, file, NULL, wait_cb, &wait);
      bill = remit_bill_service_import_finish (service, wait_run (&wait), &local_error);
      if (bill == NULL)
        {
          int failed = fail (local_error);

          status = MAX (status, failed);
          continue;
        }
      say_duplicate (bill);
      if (remit_bill_get_iban (bill) == NULL && remit_bill_get_amount (bill) == NULL)
        remit_cli_print_error (_("Bill %lld: no IBAN or amount was found; review it by hand "
                                 "(remit-cli review %lld LABEL=VALUE…)"),
                               (long long) remit_bill_get_id (bill),
                               (long long) remit_bill_get_id (bill));
      if (argc == 2)
        single = remit_bill_to_json (bill);
      else
        json_array_add_element (array, remit_bill_to_json (bill));
    }

  if (single != NULL)
    print_json (single);
  else if (argc > 2)
    {
      g_autoptr (JsonNode) node = json_node_init_array (json_node_alloc (), array);

      print_json (node);
    }
  return status;
}

/* review ID [LABEL=VALUE…] [--wrong LABEL]… [--no-feedback] */

int
remit_cli_review (int argc, char **argv)
{
  g_auto (BillOptions) options = { 0 };
  g_auto (GStrv) wrong = NULL;
  gboolean no_feedback = FALSE;
  const GOptionEntry entries[] = {
    { "wrong", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wrong,
      N_("A label that was found where there is nothing to find (repeatable)"), N_("LABEL") },
    { "no-feedback", 0, 0, G_OPTION_ARG_NONE, &no_feedback,
      N_("Keep the values without sending them as feedback now"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBillService) service = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GError) error = NULL;
  int status = REMIT_CLI_EXIT_OK;
  gint64 id;

  if (!parse_options (&argc, &argv, &options, entries, "ID LABEL=VALUE…"))
    return REMIT_CLI_EXIT_USAGE;
  if (argc < 2 || (argc == 2 && wrong == NULL))
    return usage ("review", _("ID LABEL=VALUE… [--wrong LABEL] [--no-feedback]"));

  for (int i = 2; i < argc; i++)
    {
      const char *equals = strchr (argv[i], '=');
      g_autofree char *label = NULL;

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
      json_object_set_string_member (values, label, equals + 1);
    }

  if (!open_bill (argv[1], &options, &ledger, &service, &id, &status))
    return status;

  if (json_object_get_size (values) > 0 && !remit_bill_service_review (service, id, values, &error))
    return fail (error);

  if (!no_feedback && json_object_get_size (values) > 0)
    {
      g_auto (Wait) wait = WAIT_INIT;
      g_autoptr (RemitBill) sent = NULL;

      remit_bill_service_send_feedback_async (service, id, NULL, wait_cb, &wait);
      sent = remit_bill_service_send_feedback_finish (service, wait_run (&wait), &error);
      if (sent == NULL)
        status = fail (error);
      g_clear_error (&error);
    }
  for (guint i = 0; wrong != NULL && wrong[i] != NULL; i++)
    {
      g_auto (Wait) wait = WAIT_INIT;
      g_autoptr (RemitBill) done = NULL;

      remit_bill_service_delete_label_async (service, id, wrong[i], NULL, wait_cb, &wait);
      done = remit_bill_service_delete_label_finish (service, wait_run (&wait), &error);
      if (done == NULL)
        status = MAX (status, fail (error));
      g_clear_error (&error);
    }

  bill = remit_ledger_get_bill (ledger, id, &error);
  if (bill == NULL)
    return fail (error);
  return MAX (status, print_bill (ledger, bill));
}

/* pay-bill ID… --rail gini|epc|sepa|manual … */

static const char *
option_or_env (const char *option, const char *variable)
{
  const char *value = option != NULL ? option : g_getenv (variable);

  return value != NULL && *value != '\0' ? value : NULL;
}

static int
pay_sepa (RemitBillService *service,
          GArray *ids,
          const char *out,
          const char *debtor_name,
          const char *debtor_iban,
          const char *debtor_bic,
          const char *execution)
{
  g_autoptr (GFile) file = out != NULL ? g_file_new_for_commandline_arg (out) : NULL;
  g_autoptr (GDate) date = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *message_id = NULL;
  g_auto (Wait) wait = WAIT_INIT;
  const char *name = option_or_env (debtor_name, "REMIT_DEBTOR_NAME");
  const char *iban = option_or_env (debtor_iban, "REMIT_DEBTOR_IBAN");

  if (name == NULL || iban == NULL)
    {
      remit_cli_print_error (_("Say who pays: give --debtor-name and --debtor-iban, or set "
                               "REMIT_DEBTOR_NAME and REMIT_DEBTOR_IBAN"));
      return REMIT_CLI_EXIT_USAGE;
    }
  if (execution != NULL)
    {
      if (!remit_date_is_valid_iso (execution))
        {
          remit_cli_print_error (_("“%s” is not a date; write it as YYYY-MM-DD"), execution);
          return REMIT_CLI_EXIT_INVALID;
        }
      date = g_date_new_dmy ((GDateDay) atoi (execution + 8), (GDateMonth) atoi (execution + 5),
                             (GDateYear) atoi (execution));
    }

  remit_bill_service_pay_sepa_async (service, (const gint64 *) (gpointer) ids->data, ids->len,
                                     name, iban, option_or_env (debtor_bic, "REMIT_DEBTOR_BIC"),
                                     date, file, NULL, wait_cb, &wait);
  xml = remit_bill_service_pay_sepa_finish (service, wait_run (&wait), &message_id, &error);
  if (xml == NULL)
    return fail (error);

  if (out == NULL)
    {
      printf ("%s", xml);
      if (!g_str_has_suffix (xml, "\n"))
        printf ("\n");
    }
  else
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, out);
      json_builder_set_member_name (builder, "messageId");
      json_builder_add_string_value (builder, message_id);
      json_builder_set_member_name (builder, "transfers");
      json_builder_add_int_value (builder, ids->len);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      print_json (node);
    }
  return REMIT_CLI_EXIT_OK;
}

int
remit_cli_pay_bill (int argc, char **argv)
{
  g_auto (BillOptions) options = { 0 };
  g_autofree char *rail_name = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *out = NULL;
  g_autofree char *debtor_name = NULL;
  g_autofree char *debtor_iban = NULL;
  g_autofree char *debtor_bic = NULL;
  g_autofree char *execution = NULL;
  g_autofree char *date = NULL;
  const GOptionEntry entries[] = {
    { "rail", 0, 0, G_OPTION_ARG_STRING, &rail_name,
      N_("How to pay: gini, epc, sepa or manual"), N_("RAIL") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("The banking app that is to pay (rail gini)"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("The SEPA file to write (rail sepa; standard output when not given)"), N_("FILE") },
    { "debtor-name", 0, 0, G_OPTION_ARG_STRING, &debtor_name,
      N_("The account holder who pays (default: $REMIT_DEBTOR_NAME)"), N_("NAME") },
    { "debtor-iban", 0, 0, G_OPTION_ARG_STRING, &debtor_iban,
      N_("The IBAN that pays (default: $REMIT_DEBTOR_IBAN)"), N_("IBAN") },
    { "debtor-bic", 0, 0, G_OPTION_ARG_STRING, &debtor_bic,
      N_("The BIC of the paying bank (default: $REMIT_DEBTOR_BIC)"), N_("BIC") },
    { "execution-date", 0, 0, G_OPTION_ARG_STRING, &execution,
      N_("The day the bank executes the transfers (default: today)"), N_("YYYY-MM-DD") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The day it was paid (rail manual; default: today)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  const char *usage_text = N_("ID --rail gini --provider ID | ID --rail epc | "
                              "ID… --rail sepa [--out FILE] | "
                              "ID --rail manual [--date YYYY-MM-DD]");
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBillService) service = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  RemitPaymentRail rail;
  int status = REMIT_CLI_EXIT_OK;
  gint64 id;

  if (!parse_options (&argc, &argv, &options, entries, "ID…"))
    return REMIT_CLI_EXIT_USAGE;
  if (argc < 2 || rail_name == NULL)
    return usage ("pay-bill", _(usage_text));
  if (!remit_payment_rail_from_string (rail_name, &rail))
    {
      remit_cli_print_error (_("Unknown rail “%s”: use gini, epc, sepa or manual"), rail_name);
      return REMIT_CLI_EXIT_USAGE;
    }
  if ((rail != REMIT_PAYMENT_RAIL_SEPA && argc != 2)
      || (rail == REMIT_PAYMENT_RAIL_GINI && provider == NULL))
    return usage ("pay-bill", _(usage_text));

  if (!open_bill (argv[1], &options, &ledger, &service, &id, &status))
    return status;

  switch (rail)
    {
    case REMIT_PAYMENT_RAIL_GINI:
      {
        g_auto (Wait) wait = WAIT_INIT;

        remit_bill_service_request_payment_async (service, id, provider, NULL, wait_cb, &wait);
        bill = remit_bill_service_request_payment_finish (service, wait_run (&wait), &error);
        if (bill == NULL)
          return fail (error);
        return print_bill (ledger, bill);
      }

    case REMIT_PAYMENT_RAIL_EPC:
      {
        g_autofree char *payload = remit_bill_service_pay_epc (service, id, &error);

        if (payload == NULL)
          return fail (error);
        printf ("%s\n", payload);
        return REMIT_CLI_EXIT_OK;
      }

    case REMIT_PAYMENT_RAIL_SEPA:
      {
        g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

        g_array_append_val (ids, id);
        for (int i = 2; i < argc; i++)
          {
            gint64 other;

            if (!parse_id (argv[i], &other))
              return REMIT_CLI_EXIT_INVALID;
            g_array_append_val (ids, other);
          }
        return pay_sepa (service, ids, out, debtor_name, debtor_iban, debtor_bic, execution);
      }

    case REMIT_PAYMENT_RAIL_MANUAL:
    default:
      if (!remit_bill_service_mark_paid (service, id, date, &error))
        return fail (error);
      bill = remit_ledger_get_bill (ledger, id, &error);
      if (bill == NULL)
        return fail (error);
      return print_bill (ledger, bill);
    }
}

/* refresh ID */

int
remit_cli_refresh (int argc, char **argv)
{
  g_auto (BillOptions) options = { 0 };
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBillService) service = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Wait) wait = WAIT_INIT;
  int status = REMIT_CLI_EXIT_OK;
  gint64 id;

  if (!parse_options (&argc, &argv, &options, NULL, "ID"))
    return REMIT_CLI_EXIT_USAGE;
  if (argc != 2)
    return usage ("refresh", _("ID"));
  if (!open_bill (argv[1], &options, &ledger, &service, &id, &status))
    return status;

  remit_bill_service_refresh_payment_async (service, id, NULL, wait_cb, &wait);
  bill = remit_bill_service_refresh_payment_finish (service, wait_run (&wait), &error);
  if (bill == NULL)
    return fail (error);
  return print_bill (ledger, bill);
}

/* resume [--server URL] */

/* The backends that have something to finish: those of unfinished journal entries and of
 * bills still New or with feedback pending. */
static GPtrArray *
backends_to_resume (RemitLedger *ledger, GError **error)
{
  g_autoptr (RemitJournal) journal = remit_journal_new (ledger);
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GListModel) bills = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  RemitBillQuery query = { 0 };

  pending = remit_journal_list_pending (journal, error);
  if (pending == NULL)
    return NULL;
  for (guint i = 0; i < pending->len; i++)
    {
      const char *name = remit_journal_entry_get_backend (pending->pdata[i]);

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
    }

  query.states = ~REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_ARCHIVED)
                 & (REMIT_BILL_STATE_BIT (REMIT_BILL_N_STATES) - 1);
  bills = remit_ledger_list_bills (ledger, &query, error);
  if (bills == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (bills, i);
      const char *name = remit_bill_get_backend (bill);

      if (name == NULL
          || (remit_bill_get_state (bill) != REMIT_BILL_STATE_NEW
              && remit_bill_get_feedback_state (bill) != REMIT_FEEDBACK_STATE_PENDING))
        continue;
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
    }
  return g_steal_pointer (&names);
}

/* Adds the report of one backend's pass. An entry that pass skipped because it belongs to
 * another backend of @passes is reported by that backend's own pass. */
static void
add_items (JsonArray *array, GPtrArray *items, GPtrArray *passes, gboolean *unfinished)
{
  for (guint i = 0; i < items->len; i++)
    {
      RemitResumeItem *item = items->pdata[i];
      JsonObject *object;

      if (item->outcome == REMIT_RESUME_OUTCOME_SKIPPED && item->detail != NULL
          && g_ptr_array_find_with_equal_func (passes, item->detail, g_str_equal, NULL))
        continue;
      if (item->outcome == REMIT_RESUME_OUTCOME_DEFERRED)
        *unfinished = TRUE;

      object = json_object_new ();
      json_object_set_int_member (object, "bill", item->bill_id);
      json_object_set_string_member (object, "operation", item->operation);
      if (item->idempotency_key != NULL)
        json_object_set_string_member (object, "key", item->idempotency_key);
      else
        json_object_set_null_member (object, "key");
      json_object_set_string_member (object, "outcome",
                                     remit_resume_outcome_to_string (item->outcome));
      if (item->detail != NULL)
        json_object_set_string_member (object, "detail", item->detail);
      else
        json_object_set_null_member (object, "detail");
      json_array_add_object_element (array, object);
    }
}

int
remit_cli_resume (int argc, char **argv)
{
  g_auto (BillOptions) options = { 0 };
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = NULL;
  gboolean unfinished = FALSE;
  int status = REMIT_CLI_EXIT_OK;

  if (!parse_options (&argc, &argv, &options, NULL, NULL))
    return REMIT_CLI_EXIT_USAGE;
  if (argc != 1)
    return usage ("resume", "[--server URL]");

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;

  if (options.server != NULL)
    {
      names = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (names, g_strdup (options.server));
    }
  else
    {
      names = backends_to_resume (ledger, &error);
      if (names == NULL)
        return fail (error);
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (RemitBillService) service = NULL;
      g_autoptr (GPtrArray) items = NULL;
      g_autoptr (GError) local_error = NULL;
      g_auto (Wait) wait = WAIT_INIT;

      service = make_service (ledger, names->pdata[i], &options, &local_error);
      if (service == NULL)
        {
          status = MAX (status, fail (local_error));
          continue;
        }
      remit_bill_service_resume_async (service, NULL, wait_cb, &wait);
      items = remit_bill_service_resume_finish (service, wait_run (&wait), &local_error);
      if (items == NULL)
        {
          status = MAX (status, fail (local_error));
          continue;
        }
      add_items (array, items, names, &unfinished);
    }

  node = json_node_init_array (json_node_alloc (), array);
  print_json (node);
  if (unfinished)
    {
      remit_cli_print_error (_("Some operations could not be finished now; run “remit-cli "
                               "resume” again later"));
      status = MAX (status, REMIT_CLI_EXIT_FAILED);
    }
  return status;
}
