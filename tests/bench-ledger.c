/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "remit-bill-private.h"
#include "remit-ledger-private.h"
#include "store-test-util.h"

/* How long listing and filtering a ledger of 10 000 bills takes. Prints figures (the median
 * of several runs); it asserts only that the answers are right, not how fast they come. */

#define N_BILLS 10000
#define N_RUNS 9

static const char *const recipients[] = {
  "Stadtwerke Köln",   "Müller GmbH",       "Telekom Deutschland", "Allianz Versicherung",
  "Bäckerei Schäfer",  "Elektro Weiß",      "Hausverwaltung Nord", "Amazon EU",
  "Druckerei Fröhlich", "Kanzlei Becker",   "IT-Service Özdemir",  "Autohaus Krüger",
};

static const char *const ibans[] = {
  "DE89370400440532013000", "DE02120300000000202051", "AT611904300234573201",
  "GB82WEST12345698765432", "DE75512108001245126199", "DE12500105170648489890",
};

/* Fills the ledger in one transaction, each row as remit_ledger_add_bill() would write it
 * (search text, payment key), so that setting up does not take 10 000 synced commits. */
static void
fill (RemitLedger *ledger)
{
  sqlite3 *db = remit_ledger_get_handle (ledger);
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time ();
  g_autoptr (GError) error = NULL;
  static const char *const states[] = { "new", "in-review", "ready-to-pay", "payment-requested",
                                        "paid", "paid", "paid", "archived" };

  g_assert_true (remit_ledger_begin_write (ledger, REMIT_WRITE_NORMAL, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO bills (state, recipient, iban, amount_minor, "
                                       "currency, purpose, due_date, filename, content_type, "
                                       "sha256, backend, payment_key, search_text, created, "
                                       "updated) VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?, "
                                       "'application/pdf', ?, 'local', ?, ?, ?, ?)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);

  for (int i = 0; i < N_BILLS; i++)
    {
      g_autoptr (RemitBill) bill = remit_bill_new ();
      g_autofree char *purpose = g_strdup_printf ("Rechnung %06d", i);
      g_autofree char *filename = g_strdup_printf ("bill-%05d.pdf", i);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, filename, -1);
      g_autofree char *due = NULL;
      g_autofree char *key = NULL;
      g_autofree char *search = NULL;
      RemitAmount amount;

      if (i % 10 != 0)
        due = g_strdup_printf ("%04d-%02d-%02d", 2024 + (i % 2), 1 + (i % 12), 1 + (i % 28));
      remit_amount_init (&amount, 100 + (i * 37) % 500000, "EUR");
      remit_bill_set_recipient (bill, recipients[i % G_N_ELEMENTS (recipients)]);
      remit_bill_set_iban (bill, ibans[i % G_N_ELEMENTS (ibans)]);
      remit_bill_set_amount (bill, &amount);
      remit_bill_set_purpose (bill, purpose);
      remit_bill_set_filename (bill, filename);
      key = remit_bill_dup_payment_key (bill);
      search = remit_bill_build_search_text (bill);

      sqlite3_bind_text (stmt, 1, states[i % G_N_ELEMENTS (states)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, remit_bill_get_recipient (bill), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, remit_bill_get_iban (bill), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, amount.minor);
      sqlite3_bind_text (stmt, 5, purpose, -1, SQLITE_STATIC);
      if (due != NULL)
        sqlite3_bind_text (stmt, 6, due, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_text (stmt, 7, filename, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, sha, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, search, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, now + i);
      sqlite3_bind_int64 (stmt, 12, now + i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_true (remit_ledger_commit (ledger, &error));
}

typedef struct
{
  const char *name;
  RemitBillQuery query;
  guint expected; /* how many bills the query returns */
} Case;

/* CPU time of this process in ms: on a shared machine less noisy than the wall clock. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Times the query (the model ready, with every id in order) and, separately, the query
 * followed by reading every bill of the model, as a list view that scrolls through all
 * would: wall clock and CPU time. */
static void
measure (RemitLedger *ledger, const Case *c)
{
  double listed[N_RUNS], listed_cpu[N_RUNS];
  double read_all[N_RUNS], read_all_cpu[N_RUNS];
  guint n = 0;

  for (int run = 0; run < N_RUNS; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListModel) model = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      model = remit_ledger_list_bills (ledger, &c->query, &error);
      listed[run] = (g_get_monotonic_time () - start) / 1000.0;
      listed_cpu[run] = cpu_ms () - cpu_start;
      g_assert_no_error (error);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (RemitBill) bill = g_list_model_get_item (model, i);

          g_assert_cmpint (remit_bill_get_id (bill), >, 0);
        }
      read_all[run] = (g_get_monotonic_time () - start) / 1000.0;
      read_all_cpu[run] = cpu_ms () - cpu_start;
    }
  if (n != c->expected)
    g_error ("%s: %u bills, expected %u", c->name, n, c->expected);

  printf ("  %-46s %6u  %7.2f %7.2f   %7.2f %7.2f\n", c->name, n, bench_median (listed, N_RUNS),
          bench_median (listed_cpu, N_RUNS), bench_median (read_all, N_RUNS), bench_median (read_all_cpu, N_RUNS));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  double open_times[N_RUNS];
  double add_ms;
  gint64 start;
  /* Expected counts follow from the generator above. */
  guint n_open_states = 0, n_mueller = 0, n_due = 0, n_combined = 0;
  const Case *cases;

  setlocale (LC_ALL, "C.UTF-8");
  dir = store_test_make_dir ();

  for (int i = 0; i < N_BILLS; i++)
    {
      int state = i % 8;
      gboolean mueller = i % G_N_ELEMENTS (recipients) == 1;
      gboolean due = i % 10 != 0 && 2024 + (i % 2) == 2024 && 1 + (i % 12) < 7;

      n_open_states += state <= 2;
      n_mueller += mueller;
      n_due += due;
      n_combined += due && state <= 2;
    }

  {
    g_autoptr (RemitLedger) ledger = remit_ledger_open (dir, &error);

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    fill (ledger);
    printf ("Ledger benchmark: %d bills in a temporary folder\n", N_BILLS);
    printf ("  filled in %.0f ms (one transaction)\n",
            (g_get_monotonic_time () - start) / 1000.0);

    /* Adding through the API, with the file copy and the synced rename. */
    start = g_get_monotonic_time ();
    for (int i = 0; i < 100; i++)
      {
        g_autoptr (RemitBill) bill = remit_bill_new ();
        g_autofree char *content = g_strdup_printf ("extra %d", i);

        remit_bill_set_recipient (bill, "Extra");
        store_test_add (ledger, bill, content);
      }
    add_ms = (g_get_monotonic_time () - start) / 1000.0 / 100;
    printf ("  remit_ledger_add_bill: %.2f ms per bill (100 bills, file copy included)\n",
            add_ms);
  }

  for (int run = 0; run < N_RUNS; run++)
    {
      g_autoptr (RemitLedger) ledger = NULL;

      start = g_get_monotonic_time ();
      ledger = remit_ledger_open (dir, &error);
      open_times[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }
  printf ("  opening the ledger (with quick_check): median %.2f ms\n", bench_median (open_times, N_RUNS));
  printf ("\n  %-46s %6s  %15s   %15s\n", "", "", "listed (ms)", "+ read all (ms)");
  printf ("  %-46s %6s  %7s %7s   %7s %7s\n", "median of " G_STRINGIFY (N_RUNS) " runs", "bills",
          "wall", "cpu", "wall", "cpu");

  {
    g_autoptr (RemitLedger) ledger = remit_ledger_open (dir, &error);
    const guint open_states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_NEW)
                              | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_IN_REVIEW)
                              | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_READY_TO_PAY);
    const Case all_cases[] = {
      { "list all, by created", { 0 }, N_BILLS + 100 },
      { "list all, by due date", { .sort = REMIT_BILL_SORT_DUE_DATE }, N_BILLS + 100 },
      { "state in new/in-review/ready-to-pay", { .states = open_states }, n_open_states + 100 },
      { "text “müller”", { .text = "müller" }, n_mueller },
      { "due before 2024-07-01, by due date",
        { .due_before = "2024-07-01", .sort = REMIT_BILL_SORT_DUE_DATE }, n_due },
      { "open, due before 2024-07-01, text “rechnung”",
        { .states = open_states, .due_before = "2024-07-01", .text = "rechnung",
          .sort = REMIT_BILL_SORT_DUE_DATE },
        n_combined },
    };

    g_assert_no_error (error);
    cases = all_cases;
    for (gsize i = 0; i < G_N_ELEMENTS (all_cases); i++)
      measure (ledger, &cases[i]);
  }

  if (g_getenv ("BENCH_KEEP") == NULL) store_test_remove_tree (dir); else printf ("kept %s\n", dir);
  return 0;
}
