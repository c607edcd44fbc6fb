/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gmodule.h>

#include "remit-cli-private.h"

static const RemitCliCommand commands[] = {
  { "validate", N_("iban|bic|amount VALUE"), N_("Check a value and print it normalised"),
    remit_cli_validate },
  { "extract", N_("[--no-einvoice] FILE…"), N_("Find the payment fields on this computer"),
    remit_cli_extract },
  { "layout", N_("FILE"), N_("Print the words of a document with their boxes"),
    remit_cli_layout },
  { "bills", N_("[OPTIONS]"),
    N_("List the bills (JSON array); --state, --search, --due-before, --sort"),
    NULL, "remit_cli_bills" },
  { "bill", N_("ID"), N_("Show one bill with its history and payments (JSON)"),
    NULL, "remit_cli_bill" },
  { "mark-paid", N_("ID [--date YYYY-MM-DD]"), N_("Record that a bill was paid by hand"),
    NULL, "remit_cli_mark_paid" },
  { "export-csv", N_("--out FILE"), N_("Write the ledger as CSV"), NULL, "remit_cli_export_csv" },
  { "export-sepa", N_("--out FILE ID…"), N_("Write a SEPA credit-transfer file for bills"),
    NULL, "remit_cli_export_sepa" },
  { "import", N_("FILE… [--server URL]"),
    N_("Add files as bills: read them, keep them in the ledger (JSON with the id)"),
    NULL, "remit_cli_import" },
  { "review", N_("ID LABEL=VALUE… [--wrong LABEL]"),
    N_("Confirm or correct a bill's values and send them as feedback"), NULL, "remit_cli_review" },
  { "pay-bill", N_("ID --rail gini|epc|sepa|manual"),
    N_("Pay a bill: payment request, GiroCode, SEPA file or by hand"), NULL, "remit_cli_pay_bill" },
  { "refresh", N_("ID"), N_("Read the status of a bill's payment request again"),
    NULL, "remit_cli_refresh" },
  { "resume", N_("[--server URL]"), N_("Finish what was left unfinished (the journal)"),
    NULL, "remit_cli_resume" },
  { "upload", N_("FILE [--no-wait]"), N_("Upload a document and print it once processed"),
    NULL, "remit_cli_upload" },
  { "extractions", N_("DOCUMENT"), N_("Print what was found on a document"),
    NULL, "remit_cli_extractions" },
  { "feedback", N_("DOCUMENT LABEL=VALUE…"), N_("Send the correct values of a document"),
    NULL, "remit_cli_feedback" },
  { "providers", "", N_("List the banking apps that take payment requests"),
    NULL, "remit_cli_providers" },
  { "pay", N_("DOCUMENT --provider ID"), N_("Create a payment request from a document"),
    NULL, "remit_cli_pay" },
  { "payment-request", N_("ID"), N_("Print a payment request"), NULL, "remit_cli_payment_request" },
  { "payment-requests", "", N_("List your payment requests"), NULL, "remit_cli_payment_requests" },
  { "resolve", N_("ID"), N_("Report a payment request as paid, as the bank does"),
    NULL, "remit_cli_resolve" },
  { "payment", N_("ID"), N_("Print the payment of a paid request"), NULL, "remit_cli_payment" },
};

/* The global options, also accepted before the command (see remit_cli_is_global_option()). */
static const char *const global_options[] = { "--server", "--client-id", "--client-secret",
                                              "--user", NULL };

gboolean
remit_cli_is_global_option (const char *arg, gboolean *takes_value)
{
  for (guint i = 0; global_options[i] != NULL; i++)
    {
      gsize length = strlen (global_options[i]);

      if (g_str_equal (arg, global_options[i]))
        {
          *takes_value = TRUE;
          return TRUE;
        }
      if (strncmp (arg, global_options[i], length) == 0 && arg[length] == '=')
        {
          *takes_value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

void
remit_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message holds. */
  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "remit-cli: %s\n", message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: remit-cli [--version] COMMAND [ARGUMENTS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name,
                                               _(commands[i].arguments));
      fprintf (out, "  %-34s %s\n", head, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options of the server commands (also before the command):"));
  fprintf (out, "  %-34s %s\n", "--server URL", _("Base URL of the server (or REMIT_SERVER)"));
  fprintf (out, "  %-34s %s\n", "--client-id ID", _("Client id (or REMIT_CLIENT_ID)"));
  fprintf (out, "  %-34s %s\n", "--client-secret SECRET",
           _("Client secret (or REMIT_CLIENT_SECRET), kept in the keyring"));
  fprintf (out, "  %-34s %s\n", "--user ID",
           _("Act as this derived user; the anonymous user otherwise"));
}

/* Moves the global options given before the command behind it, where the command reads
 * them: `remit-cli --server URL upload FILE` is `remit-cli upload FILE --server URL`. */
static char **
move_global_options (int argc, char **argv, int *new_argc)
{
  GPtrArray *globals = g_ptr_array_new ();
  GPtrArray *result = g_ptr_array_new ();
  int i = 1;

  g_ptr_array_add (result, argv[0]);
  while (i < argc)
    {
      gboolean takes_value = FALSE;

      if (!remit_cli_is_global_option (argv[i], &takes_value))
        break;
      g_ptr_array_add (globals, argv[i++]);
      if (takes_value && i < argc)
        g_ptr_array_add (globals, argv[i++]);
    }
  for (int j = i; j < argc; j++)
    g_ptr_array_add (result, argv[j]);
  for (guint j = 0; j < globals->len; j++)
    g_ptr_array_add (result, globals->pdata[j]);
  g_ptr_array_unref (globals);

  *new_argc = (int) result->len;
  g_ptr_array_add (result, NULL);
  return (char **) g_ptr_array_free (result, FALSE);
}

/* The folders where remit-cli-bills may be: REMIT_CLI_MODULE_DIR for tests, the folder of
 * this program (a build tree), and the installed module folder. */
static GModule *
open_bills_module (GString *tried)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self != NULL ? g_path_get_dirname (self) : NULL;
  const char *dirs[] = { g_getenv ("REMIT_CLI_MODULE_DIR"), self_dir, REMIT_CLI_MODULE_DIR };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      GModule *module;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;

      path = g_module_build_path (dirs[i], "remit-cli-bills");
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      if (module != NULL)
        return module;
      g_string_append_printf (tried, "%s%s", tried->len > 0 ? "; " : "", g_module_error ());
    }

  return NULL;
}

static RemitCliCommandFunc
load_module_command (const char *symbol)
{
  static GModule *module = NULL;
  gpointer run = NULL;

  if (module == NULL)
    {
      g_autoptr (GString) tried = g_string_new (NULL);

      module = open_bills_module (tried);
      if (module == NULL)
        {
          remit_cli_print_error (_("The bill and server commands of remit-cli are not "
                                   "installed (the module remit-cli-bills is missing)%s%s"),
                                 tried->len > 0 ? ": " : "", tried->str);
          return NULL;
        }
    }

  if (!g_module_symbol (module, symbol, &run) || run == NULL)
    {
      remit_cli_print_error (_("The module remit-cli-bills does not match this remit-cli (%s)"),
                             g_module_error ());
      return NULL;
    }

  return (RemitCliCommandFunc) run;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("REMIT_LOCALEDIR") ? g_getenv ("REMIT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && g_str_has_prefix (argv[1], "--"))
    argv = move_global_options (argc, argv, &argc);

  if (argc < 2)
    {
      print_usage (stderr);
      return REMIT_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      printf ("remit-cli %s\n", PACKAGE_VERSION);
      return REMIT_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return REMIT_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      RemitCliCommandFunc run;

      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      run = commands[i].run != NULL ? commands[i].run : load_module_command (commands[i].symbol);
      if (run == NULL)
        return REMIT_CLI_EXIT_FAILED;
      return run (argc - 1, argv + 1);
    }

  remit_cli_print_error (_("Unknown command “%s”; see “remit-cli --help”"), argv[1]);
  return REMIT_CLI_EXIT_USAGE;
}
