/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "api-test-common.h"

/* remit-cli's bill commands on the local engine: import, review, pay-bill, resume, with a
 * ledger in a temporary $REMIT_DATA_DIR. */

static char *directory;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run (Result *result, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *data = g_build_filename (directory, "ledger", NULL);
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REMIT_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "REMIT_DATA_DIR", data, TRUE);
  envp = g_environ_unsetenv (envp, "REMIT_DEBTOR_NAME");
  envp = g_environ_unsetenv (envp, "REMIT_DEBTOR_IBAN");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &result->out,
                &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonNode) node = parse (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
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

static void
assert_one_line_error (Result *result, int status, const char *needle)
{
  const char *newline = strchr (result->err, '\n');

  g_assert_cmpint (result->status, ==, status);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  if (needle != NULL && strstr (result->err, needle) == NULL)
    g_error ("stderr “%s” does not say “%s”", result->err, needle);
}

static char *
import_one (const char *reference, gboolean first_bill)
{
  g_auto (Result) r = { 0 };
  g_autofree char *path = write_invoice (reference);
  g_autoptr (JsonObject) bill = NULL;

  run (&r, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* The first bill of a ledger repeats nothing. */
  if (first_bill)
    g_assert_null (strstr (r.err, "duplicate"));
  bill = parse_object (r.out);
  g_assert_cmpint (json_object_get_int_member (bill, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (bill, "state"), ==, "in-review");
  g_assert_cmpstr (json_object_get_string_member (bill, "backend"), ==, "local");
  g_assert_cmpstr (json_object_get_string_member (bill, "contentType"), ==, "application/pdf");
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (bill, "id"));
}

static char *
review_one (const char *id, const char *amount, const char *purpose)
{
  g_auto (Result) r = { 0 };
  g_autofree char *amount_arg = g_strdup_printf ("amountToPay=%s", amount);
  g_autofree char *purpose_arg = g_strdup_printf ("paymentPurpose=%s", purpose);
  g_autoptr (JsonObject) bill = NULL;

  run (&r, "review", id, "iban=DE02 1203 0000 0000 2020 51", amount_arg, purpose_arg,
       "paymentRecipient=" TEST_INVOICE_RECIPIENT, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  bill = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (bill, "state"), ==, "ready-to-pay");
  return g_strdup (json_object_get_string_member (bill, "iban"));
}

static void
test_import (void)
{
  g_auto (Result) again = { 0 };
  g_auto (Result) both = { 0 };
  g_auto (Result) missing = { 0 };
  g_autofree char *id = import_one ("RE-CLI-BILL-1", TRUE);
  g_autofree char *path = g_build_filename (directory, "RE-CLI-BILL-1.pdf", NULL);
  g_autofree char *second = write_invoice ("RE-CLI-BILL-2");
  g_autofree char *third = write_invoice ("RE-CLI-BILL-3");
  g_autofree char *nowhere = g_build_filename (directory, "nowhere.pdf", NULL);
  g_autoptr (JsonObject) duplicate = NULL;
  g_autoptr (JsonNode) list = NULL;

  /* The same file again: imported, flagged, and said so. */
  run (&again, "import", path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, "duplicate"));
  g_assert_nonnull (strstr (again.err, id));
  duplicate = parse_object (again.out);
  g_assert_cmpint (json_object_get_int_member (duplicate, "duplicateOf"), ==,
                   g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (duplicate, "duplicateReason"), ==,
                   "same-file");

  /* Several files: an array. */
  run (&both, "import", second, third, NULL);
  g_assert_cmpint (both.status, ==, 0);
  list = parse (both.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);

  run (&missing, "import", nowhere, NULL);
  assert_one_line_error (&missing, 3, "nowhere.pdf");
  g_assert_cmpstr (missing.out, ==, "");
}

static void
test_review_and_pay (void)
{
  g_autofree char *first = import_one ("RE-CLI-PAY-1", FALSE);
  g_autofree char *second = import_one ("RE-CLI-PAY-2", FALSE);
  g_autofree char *third = import_one ("RE-CLI-PAY-3", FALSE);
  g_autofree char *iban = NULL;
  g_autofree char *out = g_build_filename (directory, "pay.xml", NULL);
  g_auto (Result) bad = { 0 };
  g_auto (Result) early = { 0 };
  g_auto (Result) epc = { 0 };
  g_auto (Result) gini = { 0 };
  g_auto (Result) no_debtor = { 0 };
  g_auto (Result) sepa = { 0 };
  g_auto (Result) manual = { 0 };
  g_auto (Result) rail = { 0 };
  g_auto (Result) resumed = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autoptr (JsonObject) file = NULL;
  g_autoptr (JsonObject) paid = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *xml = NULL;

  run (&bad, "review", first, "iban=DE02120300000000202052", NULL);
  assert_one_line_error (&bad, 1, "iban");

  run (&early, "pay-bill", first, "--rail", "epc", NULL);
  assert_one_line_error (&early, 1, "review");

  iban = review_one (first, "12,50 EUR", "Rechnung RE-CLI-PAY-1");
  g_assert_cmpstr (iban, ==, "DE02120300000000202051");
  g_clear_pointer (&iban, g_free);
  iban = review_one (second, "20.00:EUR", "Rechnung RE-CLI-PAY-2");
  g_clear_pointer (&iban, g_free);
  iban = review_one (third, "30.00:EUR", "Rechnung RE-CLI-PAY-3");

  run (&epc, "pay-bill", first, "--rail", "epc", NULL);
  g_assert_cmpint (epc.status, ==, 0);
  lines = g_strsplit (epc.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "BCD");
  g_assert_cmpstr (lines[3], ==, "SCT");
  g_assert_cmpstr (lines[5], ==, TEST_INVOICE_RECIPIENT);
  g_assert_cmpstr (lines[6], ==, "DE02120300000000202051");
  g_assert_cmpstr (lines[7], ==, "EUR12.50");
  g_assert_cmpstr (lines[10], ==, "Rechnung RE-CLI-PAY-1");

  /* The local engine has no banking apps. */
  run (&gini, "pay-bill", second, "--rail", "gini", "--provider", "rheinkontor", NULL);
  assert_one_line_error (&gini, 1, "GiroCode");

  run (&no_debtor, "pay-bill", second, third, "--rail", "sepa", "--out", out, NULL);
  assert_one_line_error (&no_debtor, 2, "REMIT_DEBTOR_NAME");

  run (&sepa, "pay-bill", second, third, "--rail", "sepa", "--out", out, "--debtor-name",
       "ACME GmbH", "--debtor-iban", "DE89370400440532013000", NULL);
  g_assert_cmpint (sepa.status, ==, 0);
  file = parse_object (sepa.out);
  g_assert_cmpint (json_object_get_int_member (file, "transfers"), ==, 2);
  g_assert_true (g_file_get_contents (out, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<CtrlSum>50.00</CtrlSum>"));
  g_assert_nonnull (strstr (xml, json_object_get_string_member (file, "messageId")));

  run (&manual, "pay-bill", first, "--rail", "manual", "--date", "2024-05-03", NULL);
  g_assert_cmpint (manual.status, ==, 0);
  paid = parse_object (manual.out);
  g_assert_cmpstr (json_object_get_string_member (paid, "state"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (paid, "paidDate"), ==, "2024-05-03");

  run (&rail, "pay-bill", first, "--rail", "cash", NULL);
  assert_one_line_error (&rail, 2, "cash");

  run (&resumed, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  report = parse (resumed.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (report)), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  directory = g_dir_make_tmp ("remit-cli-bills-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-bills/import", test_import);
  g_test_add_func ("/cli-bills/review-and-pay", test_review_and_pay);

  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", directory);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (directory);
  return status;
}
