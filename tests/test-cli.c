/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>

/* remit-cli as a person runs it: a separate process, exit code, stdout and stderr. */

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

static void
run_cli (CliResult *result, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("REMIT_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &result->out,
                &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
assert_valid (const char *kind, const char *value, const char *expected)
{
  g_auto (CliResult) r = { 0 };

  run_cli (&r, "validate", kind, value, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_cmpstr (r.err, ==, "");
}

static void
assert_invalid (const char *kind, const char *value, const char *reason)
{
  g_auto (CliResult) r = { 0 };
  const char *newline;

  run_cli (&r, "validate", kind, value, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  /* Exactly one line on stderr, naming the reason. */
  newline = strchr (r.err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  if (strstr (r.err, reason) == NULL)
    g_error ("stderr “%s” does not say “%s”", r.err, reason);
}

static void
test_version (void)
{
  g_auto (CliResult) r = { 0 };

  run_cli (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "remit-cli " PACKAGE_VERSION "\n");
}

static void
test_validate_iban (void)
{
  assert_valid ("iban", "de02 1203 0000 0000 2020 51", "DE02120300000000202051\n");
  assert_valid ("iban", "GB82WEST12345698765432", "GB82WEST12345698765432\n");
  assert_invalid ("iban", "DE02120300000000202052", "check digits");
  assert_invalid ("iban", "DE0212030000000020205", "22 characters");
  assert_invalid ("iban", "", "No IBAN");
}

static void
test_validate_bic (void)
{
  assert_valid ("bic", "markdef1100", "MARKDEF1100\n");
  assert_valid ("bic", "COBADEFF", "COBADEFF\n");
  assert_invalid ("bic", "COBADEF", "8 or 11");
  assert_invalid ("bic", "COBAXXFF", "country");
}

static void
test_validate_amount (void)
{
  assert_valid ("amount", "12,4 USD", "12.40:USD\n");
  assert_valid ("amount", "1.234,56 €", "1234.56:EUR\n");
  assert_valid ("amount", "-5.00:EUR", "-5.00:EUR\n");
  assert_valid ("amount", "12", "12.00:EUR\n");
  assert_invalid ("amount", "EUR", "no number");
  assert_invalid ("amount", "12 XYZ", "XYZ");
}

static void
test_usage_errors (void)
{
  g_auto (CliResult) none = { 0 };
  g_auto (CliResult) unknown = { 0 };
  g_auto (CliResult) kind = { 0 };
  g_auto (CliResult) missing = { 0 };

  run_cli (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&kind, "validate", "ssn", "123", NULL);
  g_assert_cmpint (kind.status, ==, 2);
  g_assert_nonnull (strstr (kind.err, "ssn"));

  run_cli (&missing, "validate", "iban", NULL);
  g_assert_cmpint (missing.status, ==, 2);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/validate/iban", test_validate_iban);
  g_test_add_func ("/cli/validate/bic", test_validate_bic);
  g_test_add_func ("/cli/validate/amount", test_validate_amount);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
