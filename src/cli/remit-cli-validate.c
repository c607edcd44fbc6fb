/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "remit-amount.h"
#include "remit-cli-private.h"
#include "remit-iban.h"

/* remit-cli validate iban|bic|amount VALUE */
int
remit_cli_validate (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;
  const char *kind;
  const char *value;

  if (argc != 3)
    {
      remit_cli_print_error (_("Usage: remit-cli validate iban|bic|amount VALUE"));
      return REMIT_CLI_EXIT_USAGE;
    }

  kind = argv[1];
  value = argv[2];

  if (!g_utf8_validate (value, -1, NULL))
    {
      remit_cli_print_error (_("The value is not valid UTF-8 text"));
      return REMIT_CLI_EXIT_INVALID;
    }

  if (g_str_equal (kind, "iban"))
    {
      if (!remit_iban_validate (value, &normalized, &error))
        goto invalid;
    }
  else if (g_str_equal (kind, "bic"))
    {
      if (!remit_bic_validate (value, &normalized, &error))
        goto invalid;
    }
  else if (g_str_equal (kind, "amount"))
    {
      RemitAmount amount;

      if (!remit_amount_parse (value, &amount, &error))
        goto invalid;
      normalized = remit_amount_to_wire (&amount);
    }
  else
    {
      remit_cli_print_error (_("Unknown kind “%s”: use iban, bic or amount"), kind);
      return REMIT_CLI_EXIT_USAGE;
    }

  printf ("%s\n", normalized);
  return REMIT_CLI_EXIT_OK;

invalid:
  remit_cli_print_error ("%s", error->message);
  return REMIT_CLI_EXIT_INVALID;
}
