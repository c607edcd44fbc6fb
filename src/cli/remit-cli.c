/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

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
    remit_cli_bills },
  { "bill", N_("ID"), N_("Show one bill with its history and payments (JSON)"), remit_cli_bill },
  { "mark-paid", N_("ID [--date YYYY-MM-DD]"), N_("Record that a bill was paid by hand"),
    remit_cli_mark_paid },
  { "export-csv", N_("--out FILE"), N_("Write the ledger as CSV"), remit_cli_export_csv },
  { "export-sepa", N_("--out FILE ID…"), N_("Write a SEPA credit-transfer file for bills"),
    remit_cli_export_sepa },
};

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
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("REMIT_LOCALEDIR") ? g_getenv ("REMIT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

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
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  remit_cli_print_error (_("Unknown command “%s”; see “remit-cli --help”"), argv[1]);
  return REMIT_CLI_EXIT_USAGE;
}
