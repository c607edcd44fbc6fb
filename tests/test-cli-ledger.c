/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "store-test-util.h"

/* remit-cli's ledger commands as a person runs them, on a ledger in $REMIT_DATA_DIR. */

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

static char *data_dir;

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
assert_fails (CliResult *r, int status, const char *needle)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "remit-cli: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpint (strchr (r->err, '\n')[1], ==, '\0');
  if (strstr (r->err, needle) == NULL)
    g_error ("stderr “%s” does not say “%s”", r->err, needle);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The ids of a JSON array of bills, as "2 1 3". */
static char *
ids_of (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            json_object_get_int_member (json_array_get_object_element (array, i),
                                                        "id"));
  return g_string_free (out, FALSE);
}

static void
assert_listed (const char *expected, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REMIT_CLI"));
  g_ptr_array_add (argv, (gpointer) "bills");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  g_assert_cmpstr (err, ==, "");

  node = parse_json (out);
  ids = ids_of (node);
  if (g_strcmp0 (ids, expected) != 0)
    g_error ("listed “%s”, expected “%s”", ids, expected);
}

/* Three bills: 1 Müller (due 2024-06-01), 2 Stadtwerke (due 2024-05-20), 3 without an
 * IBAN. */
static void
fill_ledger (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = remit_ledger_open (NULL, &error);
  g_autoptr (RemitBill) a = store_test_bill ("Müller GmbH", "DE89 3704 0044 0532 0130 00",
                                             12345, "Rechnung 1", "2024-06-01");
  g_autoptr (RemitBill) b = store_test_bill ("Stadtwerke", "DE02120300000000202051", 1000,
                                             "Strom", "2024-05-20");
  g_autoptr (RemitBill) c = store_test_bill ("Ohne IBAN", NULL, 500, NULL, NULL);

  g_assert_no_error (error);
  remit_bill_set_bic (a, "COBADEFF");
  store_test_add (ledger, a, "bill a");
  store_test_add (ledger, b, "bill b");
  store_test_add (ledger, c, "bill c");
}

static void
test_empty (void)
{
  g_auto (CliResult) r = { 0 };

  run_cli (&r, "bills", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "[]\n");
  g_assert_cmpstr (r.err, ==, "");
}

static void
test_bills (void)
{
  g_auto (CliResult) r = { 0 };
  g_auto (CliResult) bogus = { 0 };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *first;

  fill_ledger ();

  run_cli (&r, "bills", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  node = parse_json (r.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 3);
  first = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (first, "recipient"), ==, "Müller GmbH");
  g_assert_cmpstr (json_object_get_string_member (first, "iban"), ==, "DE89370400440532013000");
  g_assert_cmpstr (json_object_get_string_member (first, "bic"), ==, "COBADEFF");
  g_assert_cmpstr (json_object_get_string_member (first, "amount"), ==, "123.45:EUR");
  g_assert_cmpstr (json_object_get_string_member (first, "purpose"), ==, "Rechnung 1");
  g_assert_cmpstr (json_object_get_string_member (first, "dueDate"), ==, "2024-06-01");
  g_assert_cmpstr (json_object_get_string_member (first, "filename"), ==, "bill.pdf");
  g_assert_cmpstr (json_object_get_string_member (first, "backend"), ==, "local");
  g_assert_cmpstr (json_object_get_string_member (first, "feedback"), ==, "none");
  g_assert_true (json_object_get_null_member (first, "paidDate"));
  g_assert_true (json_object_get_null_member (first, "duplicateOf"));
  g_assert_cmpuint (strlen (json_object_get_string_member (first, "sha256")), ==, 64);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "created"), "Z"));

  assert_listed ("2 1 3", "--sort", "due", NULL);
  assert_listed ("1", "--search", "MÜLLER", NULL);
  assert_listed ("2", "--due-before", "2024-06-01", NULL);
  assert_listed ("", "--state", "paid", NULL);
  assert_listed ("1 2 3", "--state", "new, paid", NULL);

  run_cli (&bogus, "bills", "--state", "done", NULL);
  assert_fails (&bogus, 2, "done");
}

static void
test_bill (void)
{
  g_auto (CliResult) r = { 0 };
  g_auto (CliResult) missing = { 0 };
  g_auto (CliResult) garbage = { 0 };
  g_auto (CliResult) usage = { 0 };
  g_autoptr (JsonNode) node = NULL;
  JsonObject *bill;
  JsonArray *history;

  run_cli (&r, "bill", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  bill = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (bill, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (bill, "recipient"), ==, "Müller GmbH");
  history = json_object_get_array_member (bill, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0),
                                                  "kind"),
                   ==, "created");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bill, "payments")), ==, 0);

  run_cli (&missing, "bill", "99", NULL);
  assert_fails (&missing, 1, "99");
  run_cli (&garbage, "bill", "one", NULL);
  assert_fails (&garbage, 1, "“one”");
  run_cli (&usage, "bill", NULL);
  assert_fails (&usage, 2, "Usage");
}

static void
test_mark_paid (void)
{
  g_auto (CliResult) r = { 0 };
  g_auto (CliResult) again = { 0 };
  g_auto (CliResult) bad_date = { 0 };
  g_auto (CliResult) shown = { 0 };
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) shown_node = NULL;
  JsonArray *payments;
  JsonObject *payment;

  run_cli (&r, "mark-paid", "2", "--date", "2024-05-03", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  node = parse_json (r.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "state"), ==,
                   "paid");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "paidDate"), ==,
                   "2024-05-03");

  run_cli (&again, "mark-paid", "2", NULL);
  assert_fails (&again, 1, "“Paid”");
  run_cli (&bad_date, "mark-paid", "1", "--date", "2024-13-01", NULL);
  assert_fails (&bad_date, 1, "2024-13-01");

  run_cli (&shown, "bill", "2", NULL);
  shown_node = parse_json (shown.out);
  payments = json_object_get_array_member (json_node_get_object (shown_node), "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 1);
  payment = json_array_get_object_element (payments, 0);
  g_assert_cmpstr (json_object_get_string_member (payment, "rail"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (payment, "paidDate"), ==, "2024-05-03");
  assert_listed ("2", "--state", "paid", NULL);
}

static void
test_export_csv (void)
{
  g_auto (CliResult) r = { 0 };
  g_auto (CliResult) usage = { 0 };
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "out.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;

  run_cli (&r, "export-csv", "--out", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "file"), ==, path);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "bills"), ==, 3);

  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  {
    g_autoptr (RemitLedger) ledger = remit_ledger_open (NULL, &error);

    g_assert_no_error (error);
    expected = remit_ledger_export_csv (ledger, NULL, &error);
  }
  g_assert_cmpstr (written, ==, expected);
  g_assert_true (g_str_has_prefix (written, "id,state,recipient,iban,bic,amount,currency,"));
  g_assert_nonnull (strstr (written, "\r\n2,paid,Stadtwerke,DE02120300000000202051,,10.00,EUR,"
                                     "Strom,2024-05-20,2024-05-03,"));

  run_cli (&usage, "export-csv", NULL);
  assert_fails (&usage, 2, "--out");
}

static void
test_export_sepa (void)
{
  g_auto (CliResult) r = { 0 };
  g_auto (CliResult) from_env = { 0 };
  g_auto (CliResult) paid = { 0 };
  g_auto (CliResult) incomplete = { 0 };
  g_auto (CliResult) twice = { 0 };
  g_auto (CliResult) no_debtor = { 0 };
  g_auto (CliResult) bad_debtor = { 0 };
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *path = g_build_filename (data_dir, "out.xml", NULL);
  g_autofree char *path2 = g_build_filename (data_dir, "env.xml", NULL);
  g_autofree char *xml = NULL;
  JsonObject *summary;

  run_cli (&r, "export-sepa", "--out", path, "--debtor-name", "ACME GmbH", "--debtor-iban",
           "DE02 1203 0000 0000 2020 51", "--execution-date", "2099-01-15", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  node = parse_json (r.out);
  summary = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (summary, "file"), ==, path);
  g_assert_cmpint (json_object_get_int_member (summary, "transfers"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (summary, "controlSum"), ==, "123.45:EUR");
  g_assert_cmpuint (strlen (json_object_get_string_member (summary, "messageId")), ==, 32);

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"));
  g_assert_nonnull (strstr (xml, "<EndToEndId>REMIT-1</EndToEndId>"));
  g_assert_nonnull (strstr (xml, "<InstdAmt Ccy=\"EUR\">123.45</InstdAmt>"));
  g_assert_nonnull (strstr (xml, "<Nm>Mueller GmbH</Nm>"));
  g_assert_nonnull (strstr (xml, "<IBAN>DE89370400440532013000</IBAN>"));
  g_assert_nonnull (strstr (xml, "<BIC>COBADEFF</BIC>"));
  g_assert_nonnull (strstr (xml, "<Ustrd>Rechnung 1</Ustrd>"));
  g_assert_nonnull (strstr (xml, "<ReqdExctnDt>2099-01-15</ReqdExctnDt>"));
  g_assert_nonnull (strstr (xml, "<Nm>ACME GmbH</Nm>"));
  g_assert_nonnull (
    strstr (xml, json_object_get_string_member (summary, "messageId")));

  /* The debtor from the environment. */
  g_setenv ("REMIT_DEBTOR_NAME", "Env Debtor", TRUE);
  g_setenv ("REMIT_DEBTOR_IBAN", "DE02120300000000202051", TRUE);
  run_cli (&from_env, "export-sepa", "--out", path2, "1", NULL);
  g_assert_cmpint (from_env.status, ==, 0);
  g_clear_pointer (&xml, g_free);
  g_assert_true (g_file_get_contents (path2, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<Nm>Env Debtor</Nm>"));

  /* A paid bill is not exported again; a bill without an IBAN cannot be. */
  run_cli (&paid, "export-sepa", "--out", path2, "1", "2", NULL);
  assert_fails (&paid, 1, "paid twice");
  run_cli (&incomplete, "export-sepa", "--out", path2, "3", NULL);
  assert_fails (&incomplete, 1, "Bill 3");
  run_cli (&twice, "export-sepa", "--out", path2, "1", "1", NULL);
  assert_fails (&twice, 1, "twice");
  run_cli (&bad_debtor, "export-sepa", "--out", path2, "--debtor-iban", "DE00", "1", NULL);
  assert_fails (&bad_debtor, 1, "debtor");
  g_unsetenv ("REMIT_DEBTOR_NAME");
  g_unsetenv ("REMIT_DEBTOR_IBAN");
  run_cli (&no_debtor, "export-sepa", "--out", path2, "1", NULL);
  assert_fails (&no_debtor, 2, "REMIT_DEBTOR_NAME");
}

static void
test_newer_ledger (void)
{
  g_auto (CliResult) r = { 0 };
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 50", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_setenv ("REMIT_DATA_DIR", dir, TRUE);
  run_cli (&r, "bills", NULL);
  g_setenv ("REMIT_DATA_DIR", data_dir, TRUE);
  assert_fails (&r, 3, "newer");
  store_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  data_dir = store_test_make_dir ();
  g_setenv ("REMIT_DATA_DIR", data_dir, TRUE);
  g_unsetenv ("REMIT_DEBTOR_NAME");
  g_unsetenv ("REMIT_DEBTOR_IBAN");
  g_unsetenv ("REMIT_DEBTOR_BIC");

  /* The tests build on each other, in this order. */
  g_test_add_func ("/cli-ledger/1-empty", test_empty);
  g_test_add_func ("/cli-ledger/2-bills", test_bills);
  g_test_add_func ("/cli-ledger/3-bill", test_bill);
  g_test_add_func ("/cli-ledger/4-mark-paid", test_mark_paid);
  g_test_add_func ("/cli-ledger/5-export-csv", test_export_csv);
  g_test_add_func ("/cli-ledger/6-export-sepa", test_export_sepa);
  g_test_add_func ("/cli-ledger/7-newer-ledger", test_newer_ledger);

  status = g_test_run ();
  store_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
