/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "remit-cli-private.h"
#include "remit-ledger.h"
#include "remit-sepa.h"

/* The commands that use only the ledger and local files: bills, bill, mark-paid,
 * export-csv, export-sepa. The ledger is in $REMIT_DATA_DIR, else $XDG_DATA_HOME/remit. */

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

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
}

/* Exit status for an error of the ledger: the person's input, or the ledger itself. */
static int
status_for (const GError *error)
{
  if (error->domain == REMIT_STORE_ERROR
      && (error->code == REMIT_STORE_ERROR_NOT_FOUND || error->code == REMIT_STORE_ERROR_ILLEGAL_MOVE))
    return REMIT_CLI_EXIT_INVALID;
  if (error->domain == REMIT_STORE_ERROR)
    return REMIT_CLI_EXIT_FAILED;
  return REMIT_CLI_EXIT_INVALID;
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

/* Parses the options of a command; FALSE (with a message) on a usage error. */
static gboolean
parse_options (const char *parameters,
               const GOptionEntry *entries,
               int *argc,
               char ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      remit_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The bill with its history and payment attempts, as `bill` prints it (also used by the
 * bill commands of remit-cli-bills.c). */
JsonNode *
remit_cli_bill_json_with_details (RemitLedger *ledger, RemitBill *bill, GError **error)
{
  g_autoptr (JsonNode) node = remit_bill_to_json (bill);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  JsonObject *object = json_node_get_object (node);
  JsonArray *events;
  JsonArray *payments;

  history = remit_ledger_get_history (ledger, remit_bill_get_id (bill), error);
  if (history == NULL)
    return NULL;
  attempts = remit_ledger_list_payment_attempts (ledger, remit_bill_get_id (bill), error);
  if (attempts == NULL)
    return NULL;

  events = json_array_sized_new (history->len);
  for (guint i = 0; i < history->len; i++)
    {
      RemitBillEvent *event = history->pdata[i];
      JsonObject *item = json_object_new ();
      g_autofree char *time = remit_format_timestamp (event->time_usec);

      json_object_set_string_member (item, "time", time);
      json_object_set_string_member (item, "kind", event->kind);
      if (g_str_equal (event->kind, "state"))
        {
          json_object_set_string_member (item, "from", remit_bill_state_to_string (event->from_state));
          json_object_set_string_member (item, "to", remit_bill_state_to_string (event->to_state));
        }
      if (event->detail != NULL)
        json_object_set_string_member (item, "detail", event->detail);
      json_array_add_object_element (events, item);
    }
  json_object_set_array_member (object, "history", events);

  payments = json_array_sized_new (attempts->len);
  for (guint i = 0; i < attempts->len; i++)
    {
      RemitPaymentAttempt *attempt = attempts->pdata[i];
      JsonObject *item = json_object_new ();
      g_autofree char *created = remit_format_timestamp (attempt->created_usec);
      g_autofree char *updated = remit_format_timestamp (attempt->updated_usec);

      json_object_set_string_member (item, "rail", remit_payment_rail_to_string (attempt->rail));
      json_object_set_string_member (item, "status",
                                     remit_payment_status_to_string (attempt->status));
      if (attempt->provider_id != NULL)
        json_object_set_string_member (item, "provider", attempt->provider_id);
      if (attempt->remote_id != NULL)
        json_object_set_string_member (item, "remoteId", attempt->remote_id);
      if (attempt->paid_date != NULL)
        json_object_set_string_member (item, "paidDate", attempt->paid_date);
      if (attempt->error != NULL)
        json_object_set_string_member (item, "error", attempt->error);
      json_object_set_string_member (item, "created", created);
      json_object_set_string_member (item, "updated", updated);
      json_array_add_object_element (payments, item);
    }
  json_object_set_array_member (object, "payments", payments);

  return g_steal_pointer (&node);
}

/* remit-cli bills [--state STATE] [--search TEXT] [--due-before DATE] [--sort due|created] */
int
remit_cli_bills (int argc, char **argv)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (GListModel) bills = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *state = NULL;
  g_autofree char *search = NULL;
  g_autofree char *due_before = NULL;
  g_autofree char *sort = NULL;
  RemitBillQuery query = { 0 };
  JsonArray *array;
  int status = REMIT_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only bills in these states (comma-separated)"), N_("STATE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only bills whose recipient, purpose, IBAN or file name hold all these words"), N_("TEXT") },
    { "due-before", 0, 0, G_OPTION_ARG_STRING, &due_before, N_("Only bills due before this day"), N_("YYYY-MM-DD") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Order: created (default) or due"), N_("ORDER") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("", entries, &argc, &argv))
    return REMIT_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      remit_cli_print_error (_("Usage: remit-cli bills [--state STATE] [--search TEXT] [--due-before YYYY-MM-DD] [--sort created|due]"));
      return REMIT_CLI_EXIT_USAGE;
    }

  if (state != NULL)
    {
      g_auto (GStrv) names = g_strsplit (state, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          RemitBillState value;

          if (!remit_bill_state_from_string (g_strstrip (names[i]), &value))
            {
              remit_cli_print_error (_("Unknown state “%s”: use new, in-review, ready-to-pay, payment-requested, paid, failed or archived"),
                                     names[i]);
              return REMIT_CLI_EXIT_USAGE;
            }
          query.states |= REMIT_BILL_STATE_BIT (value);
        }
    }
  if (sort != NULL)
    {
      if (g_str_equal (sort, "due"))
        query.sort = REMIT_BILL_SORT_DUE_DATE;
      else if (!g_str_equal (sort, "created"))
        {
          remit_cli_print_error (_("Unknown order “%s”: use created or due"), sort);
          return REMIT_CLI_EXIT_USAGE;
        }
    }
  query.text = search;
  query.due_before = due_before;

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;
  bills = remit_ledger_list_bills (ledger, &query, &error);
  if (bills == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      return status_for (error);
    }

  array = json_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (bills, i);

      json_array_add_element (array, remit_bill_to_json (bill));
    }
  root = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  print_json (root);
  return REMIT_CLI_EXIT_OK;
}

/* remit-cli bill ID */
int
remit_cli_bill (int argc, char **argv)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  int status = REMIT_CLI_EXIT_OK;
  gint64 id;

  if (argc != 2)
    {
      remit_cli_print_error (_("Usage: remit-cli bill ID"));
      return REMIT_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return REMIT_CLI_EXIT_INVALID;

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;
  bill = remit_ledger_get_bill (ledger, id, &error);
  if (bill != NULL)
    node = remit_cli_bill_json_with_details (ledger, bill, &error);
  if (node == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      return status_for (error);
    }
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* remit-cli mark-paid ID [--date YYYY-MM-DD] */
int
remit_cli_mark_paid (int argc, char **argv)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *date = NULL;
  int status = REMIT_CLI_EXIT_OK;
  gint64 id;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was paid (default: today)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("ID", entries, &argc, &argv))
    return REMIT_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      remit_cli_print_error (_("Usage: remit-cli mark-paid ID [--date YYYY-MM-DD]"));
      return REMIT_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return REMIT_CLI_EXIT_INVALID;

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;
  bill = remit_ledger_get_bill (ledger, id, &error);
  if (bill == NULL || !remit_ledger_mark_paid (ledger, bill, date, &error))
    {
      remit_cli_print_error ("%s", error->message);
      return status_for (error);
    }
  node = remit_bill_to_json (bill);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

static gboolean
write_output (const char *path, const char *text, int *status)
{
  g_autoptr (GError) error = NULL;

  if (!remit_store_write_file (path, text, strlen (text), &error))
    {
      remit_cli_print_error ("%s", error->message);
      *status = REMIT_CLI_EXIT_FAILED;
      return FALSE;
    }
  return TRUE;
}

/* remit-cli export-csv --out FILE */
int
remit_cli_export_csv (int argc, char **argv)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (GListModel) bills = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  int status = REMIT_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("", entries, &argc, &argv))
    return REMIT_CLI_EXIT_USAGE;
  if (argc != 1 || out == NULL)
    {
      remit_cli_print_error (_("Usage: remit-cli export-csv --out FILE"));
      return REMIT_CLI_EXIT_USAGE;
    }

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;
  bills = remit_ledger_list_bills (ledger, NULL, &error);
  if (bills == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      return status_for (error);
    }
  csv = remit_bills_to_csv (bills);
  if (!write_output (out, csv, &status))
    return status;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, out);
  json_builder_set_member_name (builder, "bills");
  json_builder_add_int_value (builder, g_list_model_get_n_items (bills));
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

static const char *
option_or_env (const char *option, const char *variable)
{
  const char *value = option != NULL ? option : g_getenv (variable);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* remit-cli export-sepa --out FILE [--debtor-name NAME] [--debtor-iban IBAN]
 *   [--debtor-bic BIC] [--execution-date YYYY-MM-DD] ID… */
int
remit_cli_export_sepa (int argc, char **argv)
{
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitSepaCreditTransfer) transfer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *debtor_name = NULL;
  g_autofree char *debtor_iban = NULL;
  g_autofree char *debtor_bic = NULL;
  g_autofree char *execution = NULL;
  g_autofree char *xml = NULL;
  const char *name;
  const char *iban;
  gint64 total = 0;
  int status = REMIT_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("FILE") },
    { "debtor-name", 0, 0, G_OPTION_ARG_STRING, &debtor_name, N_("The account holder who pays (default: $REMIT_DEBTOR_NAME)"), N_("NAME") },
    { "debtor-iban", 0, 0, G_OPTION_ARG_STRING, &debtor_iban, N_("The IBAN that pays (default: $REMIT_DEBTOR_IBAN)"), N_("IBAN") },
    { "debtor-bic", 0, 0, G_OPTION_ARG_STRING, &debtor_bic, N_("The BIC of the paying bank (default: $REMIT_DEBTOR_BIC)"), N_("BIC") },
    { "execution-date", 0, 0, G_OPTION_ARG_STRING, &execution, N_("The day the bank executes the transfers (default: today)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("ID…", entries, &argc, &argv))
    return REMIT_CLI_EXIT_USAGE;
  if (argc < 2 || out == NULL)
    {
      remit_cli_print_error (_("Usage: remit-cli export-sepa --out FILE [--debtor-name NAME] [--debtor-iban IBAN] [--debtor-bic BIC] [--execution-date YYYY-MM-DD] ID…"));
      return REMIT_CLI_EXIT_USAGE;
    }

  name = option_or_env (debtor_name, "REMIT_DEBTOR_NAME");
  iban = option_or_env (debtor_iban, "REMIT_DEBTOR_IBAN");
  if (name == NULL || iban == NULL)
    {
      remit_cli_print_error (_("Say who pays: give --debtor-name and --debtor-iban, or set REMIT_DEBTOR_NAME and REMIT_DEBTOR_IBAN"));
      return REMIT_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!parse_id (argv[i], &id))
        return REMIT_CLI_EXIT_INVALID;
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            remit_cli_print_error (_("Bill %lld is named twice; it would be paid twice"),
                                   (long long) id);
            return REMIT_CLI_EXIT_INVALID;
          }
      g_array_append_val (ids, id);
    }

  transfer = remit_sepa_credit_transfer_new (name, iban,
                                             option_or_env (debtor_bic, "REMIT_DEBTOR_BIC"));
  if (execution != NULL)
    {
      g_autoptr (GDate) date = NULL;

      if (!remit_date_is_valid_iso (execution))
        {
          remit_cli_print_error (_("“%s” is not a date; write it as YYYY-MM-DD"), execution);
          return REMIT_CLI_EXIT_INVALID;
        }
      date = g_date_new_dmy ((GDateDay) atoi (execution + 8), (GDateMonth) atoi (execution + 5),
                             (GDateYear) atoi (execution));
      remit_sepa_credit_transfer_set_execution_date (transfer, date);
    }

  ledger = open_ledger (&status);
  if (ledger == NULL)
    return status;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (RemitBill) bill = remit_ledger_get_bill (ledger, id, &error);
      g_autofree char *end_to_end = NULL;
      const RemitAmount *amount;
      RemitBillState state;

      if (bill == NULL)
        {
          remit_cli_print_error ("%s", error->message);
          return status_for (error);
        }

      state = remit_bill_get_state (bill);
      if (state == REMIT_BILL_STATE_PAID || state == REMIT_BILL_STATE_ARCHIVED
          || state == REMIT_BILL_STATE_PAYMENT_REQUESTED)
        {
          remit_cli_print_error (_("Bill %lld is “%s”: it is not exported, so that it is not paid twice"),
                                 (long long) id, remit_bill_state_get_label (state));
          return REMIT_CLI_EXIT_INVALID;
        }

      amount = remit_bill_get_amount (bill);
      if (amount == NULL || remit_bill_get_iban (bill) == NULL
          || remit_bill_get_recipient (bill) == NULL)
        {
          remit_cli_print_error (_("Bill %lld has no recipient, IBAN or amount yet; review it first"),
                                 (long long) id);
          return REMIT_CLI_EXIT_INVALID;
        }

      end_to_end = g_strdup_printf ("REMIT-%" G_GINT64_FORMAT, id);
      remit_sepa_credit_transfer_add (transfer, end_to_end, remit_bill_get_recipient (bill),
                                      remit_bill_get_iban (bill), remit_bill_get_bic (bill),
                                      amount, remit_bill_get_purpose (bill));
      if (g_str_equal (amount->currency, "EUR") && amount->minor > 0)
        total += amount->minor;
    }

  xml = remit_sepa_credit_transfer_build (transfer, &error);
  if (xml == NULL)
    {
      remit_cli_print_error ("%s", error->message);
      return REMIT_CLI_EXIT_INVALID;
    }
  if (!write_output (out, xml, &status))
    return status;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, out);
  json_builder_set_member_name (builder, "messageId");
  json_builder_add_string_value (builder, remit_sepa_credit_transfer_get_message_id (transfer));
  json_builder_set_member_name (builder, "transfers");
  json_builder_add_int_value (builder, ids->len);
  json_builder_set_member_name (builder, "controlSum");
  {
    RemitAmount sum;
    g_autofree char *wire = NULL;

    remit_amount_init (&sum, total, "EUR");
    wire = remit_amount_to_wire (&sum);
    json_builder_add_string_value (builder, wire);
  }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}
