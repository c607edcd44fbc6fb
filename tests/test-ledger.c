/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "remit-bill-private.h"
#include "remit-core-error.h"
#include "remit-ledger-private.h"
#include "remit-ledger.h"
#include "store-test-util.h"

/* The ledger on real SQLite files in a temporary folder. */

typedef struct
{
  char *dir;
  gint64 tick;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = store_test_make_dir ();
  fixture->tick = 0;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  store_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static RemitLedger *
open_ledger (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger = remit_ledger_open (fixture->dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  remit_ledger_set_clock (ledger, store_test_clock, &fixture->tick);
  return ledger;
}

static char *
pragma_text (RemitLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (remit_ledger_get_handle (ledger), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
db_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "ledger.db", NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_open_reopen (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) reloaded = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GBytes) stored = NULL;
  g_autofree char *expected_sha = NULL;
  g_autofree char *extraction = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *foreign_keys = NULL;
  g_autofree char *version = NULL;
  g_autofree char *file_path = NULL;
  const char *content = "%PDF-1.4 a bill";
  gint64 id;

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (RemitBill) bill = store_test_bill ("Stadtwerke Köln", "de89 3704 0044 0532 0130 00",
                                                  12345, "Kunde 4711", "2024-06-01");

    journal_mode = pragma_text (ledger, "PRAGMA journal_mode");
    foreign_keys = pragma_text (ledger, "PRAGMA foreign_keys");
    version = pragma_text (ledger, "PRAGMA user_version");
    g_assert_cmpstr (journal_mode, ==, "wal");
    g_assert_cmpstr (foreign_keys, ==, "1");
    g_assert_cmpstr (version, ==, G_STRINGIFY (REMIT_LEDGER_SCHEMA_VERSION));

    remit_bill_set_bic (bill, "cobadeff");
    remit_bill_set_document_id (bill, "doc-1");
    remit_bill_set_feedback_state (bill, REMIT_FEEDBACK_STATE_PENDING);
    g_assert_true (remit_bill_set_reviewed (bill, "{\"iban\":\"DE89370400440532013000\"}", NULL));
    store_test_add (ledger, bill, content);
    id = remit_bill_get_id (bill);
    g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_NEW);
    g_assert_cmpint (remit_bill_get_created_usec (bill), ==, STORE_TEST_EPOCH * G_USEC_PER_SEC);

    g_assert_true (remit_ledger_set_extraction (ledger, id, "{\"extractions\":{}}", &error));
    g_assert_no_error (error);
    g_assert_true (remit_ledger_set_layout (ledger, id, "{\"pages\":[]}", &error));
    g_assert_no_error (error);
    g_assert_true (remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_IN_REVIEW, "opened",
                                           &error));
    g_assert_no_error (error);
  }

  /* Everything is still there after closing. */
  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    const RemitAmount *amount;

    reloaded = remit_ledger_get_bill (ledger, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (remit_bill_get_id (reloaded), ==, id);
    g_assert_cmpint (remit_bill_get_state (reloaded), ==, REMIT_BILL_STATE_IN_REVIEW);
    g_assert_cmpstr (remit_bill_get_recipient (reloaded), ==, "Stadtwerke Köln");
    g_assert_cmpstr (remit_bill_get_iban (reloaded), ==, "DE89370400440532013000");
    g_assert_cmpstr (remit_bill_get_bic (reloaded), ==, "COBADEFF");
    amount = remit_bill_get_amount (reloaded);
    g_assert_nonnull (amount);
    g_assert_cmpint (amount->minor, ==, 12345);
    g_assert_cmpstr (amount->currency, ==, "EUR");
    g_assert_cmpstr (remit_bill_get_purpose (reloaded), ==, "Kunde 4711");
    g_assert_cmpstr (remit_bill_get_due_date (reloaded), ==, "2024-06-01");
    g_assert_cmpstr (remit_bill_get_filename (reloaded), ==, "bill.pdf");
    g_assert_cmpstr (remit_bill_get_content_type (reloaded), ==, "application/pdf");
    g_assert_cmpstr (remit_bill_get_backend (reloaded), ==, "local");
    g_assert_cmpstr (remit_bill_get_document_id (reloaded), ==, "doc-1");
    g_assert_cmpint (remit_bill_get_feedback_state (reloaded), ==, REMIT_FEEDBACK_STATE_PENDING);
    g_assert_cmpstr (remit_bill_get_reviewed (reloaded), ==,
                     "{\"iban\":\"DE89370400440532013000\"}");
    g_assert_cmpint (remit_bill_get_duplicate_of (reloaded), ==, 0);
    g_assert_cmpint (g_date_time_to_unix (remit_bill_get_created (reloaded)), ==,
                     STORE_TEST_EPOCH);

    expected_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
    g_assert_cmpstr (remit_bill_get_sha256 (reloaded), ==, expected_sha);

    /* The copy of the file lies under files/<2 hex>/<sha256>. */
    file = remit_ledger_get_bill_file (ledger, reloaded);
    file_path = g_file_get_path (file);
    {
      char prefix[3] = { expected_sha[0], expected_sha[1], 0 };
      g_autofree char *expected_path =
        g_build_filename (fixture->dir, "files", prefix, expected_sha, NULL);

      g_assert_cmpstr (file_path, ==, expected_path);
    }
    stored = read_file (file_path);
    g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), content,
                     strlen (content));

    extraction = remit_ledger_dup_extraction (ledger, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (extraction, ==, "{\"extractions\":{}}");
    layout = remit_ledger_dup_layout (ledger, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (layout, ==, "{\"pages\":[]}");

    history = remit_ledger_get_history (ledger, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 4);
    {
      RemitBillEvent *created = history->pdata[0];
      RemitBillEvent *moved = history->pdata[3];

      g_assert_cmpstr (created->kind, ==, "created");
      g_assert_cmpint (created->to_state, ==, REMIT_BILL_STATE_NEW);
      g_assert_cmpint (created->time_usec, ==, STORE_TEST_EPOCH * G_USEC_PER_SEC);
      g_assert_cmpstr (((RemitBillEvent *) history->pdata[1])->kind, ==, "extraction");
      g_assert_cmpstr (((RemitBillEvent *) history->pdata[2])->kind, ==, "layout");
      g_assert_cmpstr (moved->kind, ==, "state");
      g_assert_cmpint (moved->from_state, ==, REMIT_BILL_STATE_NEW);
      g_assert_cmpint (moved->to_state, ==, REMIT_BILL_STATE_IN_REVIEW);
      g_assert_cmpstr (moved->detail, ==, "opened");
      g_assert_cmpint (moved->time_usec, >, created->time_usec);
    }
    g_assert_cmpuint (remit_ledger_count_bills (ledger, NULL), ==, 1);
  }
}

static void
test_default_directory (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = NULL;
  g_autofree char *sub = g_build_filename (fixture->dir, "portable", NULL);
  g_autofree char *expected = g_build_filename (sub, "ledger.db", NULL);
  g_autofree char *previous = g_strdup (g_getenv ("REMIT_DATA_DIR"));

  g_setenv ("REMIT_DATA_DIR", sub, TRUE);
  ledger = remit_ledger_open (NULL, &error);
  if (previous != NULL)
    g_setenv ("REMIT_DATA_DIR", previous, TRUE);
  else
    g_unsetenv ("REMIT_DATA_DIR");

  g_assert_no_error (error);
  g_assert_cmpstr (remit_ledger_get_path (ledger), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static gboolean
has_object (sqlite3 *db, const char *type, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", -1, &stmt,
                      NULL);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static void
test_migrations (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = db_path (fixture);
  sqlite3 *db = NULL;

  /* From version 0 (an empty database) to version 1 only. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (remit_ledger_migrate_database (db, 1, &error));
  g_assert_no_error (error);
  g_assert_true (has_object (db, "table", "bills"));
  g_assert_true (has_object (db, "table", "journal"));
  g_assert_false (has_object (db, "index", "bills_due_date"));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO bills (state, recipient, sha256, created, updated) "
                                 "VALUES ('ready-to-pay', 'Old Bill', 'ab', 1, 2)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  /* Opening runs the remaining steps and keeps the data. */
  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (RemitBill) bill = remit_ledger_get_bill (ledger, 1, &error);
    g_autofree char *version = pragma_text (ledger, "PRAGMA user_version");

    g_assert_no_error (error);
    g_assert_cmpstr (version, ==, "2");
    g_assert_true (has_object (remit_ledger_get_handle (ledger), "index", "bills_due_date"));
    g_assert_true (has_object (remit_ledger_get_handle (ledger), "index", "bills_payment_key"));
    g_assert_cmpstr (remit_bill_get_recipient (bill), ==, "Old Bill");
    g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_READY_TO_PAY);
  }
}

static void
test_migrate_from_zero (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = db_path (fixture);
  g_autoptr (RemitLedger) ledger = NULL;
  g_autofree char *version = NULL;

  /* An existing, empty file is a database of version 0. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  ledger = open_ledger (fixture);
  version = pragma_text (ledger, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (REMIT_LEDGER_SCHEMA_VERSION));
  g_assert_true (has_object (remit_ledger_get_handle (ledger), "table", "bill_history"));
  g_assert_true (has_object (remit_ledger_get_handle (ledger), "table", "payment_attempts"));
  g_assert_true (has_object (remit_ledger_get_handle (ledger), "table", "bill_layouts"));
}

static void
test_newer_version (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *path = db_path (fixture);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE future (x); INSERT INTO future VALUES (42);"
                                 "PRAGMA user_version = 99;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_file (path);

  ledger = remit_ledger_open (fixture->dir, &error);
  g_assert_null (ledger);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_nonnull (strstr (error->message, "99"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Returns the path of the one `ledger.db.corrupt-*` file (not -wal/-shm) in @dir. */
static char *
find_backup (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "ledger.db.corrupt-") && !g_str_has_suffix (name, "-wal")
        && !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static void
test_corrupt_garbage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitLedger) fresh = NULL;
  g_autoptr (GBytes) backed_up = NULL;
  g_autofree char *path = db_path (fixture);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *backup_wal = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');

  memcpy (garbage, "This is not a database.", 23);
  g_assert_true (g_file_set_contents (path, garbage, 8192, NULL));
  g_assert_true (g_file_set_contents (wal, "stray wal", -1, NULL));

  ledger = remit_ledger_open (fixture->dir, &error);
  g_assert_null (ledger);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT);

  backup = find_backup (fixture->dir);
  g_assert_nonnull (backup);
  g_assert_nonnull (strstr (error->message, backup));
  backed_up = read_file (backup);
  g_assert_cmpmem (g_bytes_get_data (backed_up, NULL), g_bytes_get_size (backed_up), garbage,
                   8192);
  backup_wal = g_strconcat (backup, "-wal", NULL);
  g_assert_true (g_file_test (backup_wal, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The next start begins an empty ledger; the backup stays. */
  fresh = open_ledger (fixture);
  g_assert_cmpuint (remit_ledger_count_bills (fresh, NULL), ==, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
}

static void
test_corrupt_pages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) damaged = NULL;
  g_autofree char *path = db_path (fixture);
  g_autofree char *backup = NULL;
  char *contents = NULL;
  gsize length = 0;

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);

    for (int i = 0; i < 20; i++)
      {
        g_autoptr (RemitBill) bill = store_test_bill ("Some recipient", NULL, 100 + i, NULL, NULL);
        g_autofree char *content = g_strdup_printf ("file %d", i);

        store_test_add (ledger, bill, content);
      }
  }

  /* A valid header, but every page after the first overwritten. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  memset (contents + 4096, 0xA5, length - 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_free (contents);

  damaged = remit_ledger_open (fixture->dir, &error);
  g_assert_null (damaged);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT);
  backup = find_backup (fixture->dir);
  g_assert_nonnull (backup);
  g_assert_nonnull (strstr (error->message, backup));
}

static void
test_disk_full (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) first = store_test_bill ("First", "DE02120300000000202051", 1000,
                                                 "kept", "2024-07-01");
  g_autoptr (GString) big = g_string_new ("{\"pages\":[");
  g_autofree char *page_count = NULL;
  g_autofree char *limit = NULL;
  gint64 first_id;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (big, "%s{\"number\":%d,\"text\":\"filler filler filler\"}",
                            i ? "," : "", i);
  g_string_append (big, "]}");

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    sqlite3 *db = remit_ledger_get_handle (ledger);

    store_test_add (ledger, first, "first file");
    first_id = remit_bill_get_id (first);

    /* No room to grow beyond what the database has now. */
    page_count = pragma_text (ledger, "PRAGMA page_count");
    limit = g_strdup_printf ("PRAGMA max_page_count = %s", page_count);
    g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

    g_assert_false (remit_ledger_set_layout (ledger, first_id, big->str, &error));
    g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_DISK_FULL);
    g_assert_nonnull (strstr (error->message, "intact"));
    g_clear_error (&error);
    g_assert_true (sqlite3_get_autocommit (db));

    /* Enough bills to need a new page fail too, and roll back whole. */
    for (int i = 0; i < 200 && error == NULL; i++)
      {
        g_autoptr (RemitBill) bill = store_test_bill (big->str + i, NULL, 1, NULL, NULL);
        g_autofree char *content = g_strdup_printf ("content %d", i);
        g_autoptr (GBytes) bytes = g_bytes_new (content, strlen (content));

        remit_ledger_add_bill (ledger, bill, bytes, &error);
      }
    g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_DISK_FULL);
    g_clear_error (&error);
    g_assert_true (sqlite3_get_autocommit (db));

    /* The earlier data is intact and the ledger still works for what fits. */
    {
      g_autoptr (RemitBill) again = remit_ledger_get_bill (ledger, first_id, &error);
      g_autofree char *layout = remit_ledger_dup_layout (ledger, first_id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (remit_bill_get_purpose (again), ==, "kept");
      g_assert_null (layout);
    }
    g_assert_true (remit_ledger_move_bill (ledger, first, REMIT_BILL_STATE_IN_REVIEW, NULL,
                                           &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (RemitBill) again = remit_ledger_get_bill (ledger, first_id, &error);
    g_autofree char *check = pragma_text (ledger, "PRAGMA integrity_check");
    g_autoptr (GListModel) all = remit_ledger_list_bills (ledger, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (check, ==, "ok");
    g_assert_cmpint (remit_bill_get_state (again), ==, REMIT_BILL_STATE_IN_REVIEW);
    g_assert_cmpstr (remit_bill_get_recipient (again), ==, "First");
    g_assert_cmpuint (g_list_model_get_n_items (all), >=, 1);
    /* Every bill that was saved is whole. */
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr (RemitBill) bill = g_list_model_get_item (all, i);
        g_autoptr (GPtrArray) history =
          remit_ledger_get_history (ledger, remit_bill_get_id (bill), &error);

        g_assert_no_error (error);
        g_assert_cmpstr (((RemitBillEvent *) history->pdata[0])->kind, ==, "created");
      }
  }
}

static void
test_state_table (void)
{
  /* The legal moves, written out: from → allowed targets. */
  static const char *const legal[REMIT_BILL_N_STATES] = {
    [REMIT_BILL_STATE_NEW] = "in-review paid archived",
    [REMIT_BILL_STATE_IN_REVIEW] = "ready-to-pay paid archived",
    [REMIT_BILL_STATE_READY_TO_PAY] = "in-review payment-requested paid archived",
    [REMIT_BILL_STATE_PAYMENT_REQUESTED] = "ready-to-pay paid failed",
    [REMIT_BILL_STATE_FAILED] = "in-review ready-to-pay paid archived",
    [REMIT_BILL_STATE_PAID] = "archived",
    [REMIT_BILL_STATE_ARCHIVED] = "",
  };

  for (guint from = 0; from < REMIT_BILL_N_STATES; from++)
    {
      g_auto (GStrv) allowed = g_strsplit (legal[from], " ", -1);

      for (guint to = 0; to < REMIT_BILL_N_STATES; to++)
        {
          gboolean expected = g_strv_contains ((const char *const *) allowed,
                                               remit_bill_state_to_string (to));

          if (remit_bill_state_can_move (from, to) != expected)
            g_error ("%s → %s: expected %s", remit_bill_state_to_string (from),
                     remit_bill_state_to_string (to), expected ? "legal" : "illegal");
        }
    }
}

static void
test_state_machine (Fixture *fixture, gconstpointer data)
{
  static const RemitBillState path[] = {
    REMIT_BILL_STATE_IN_REVIEW,  REMIT_BILL_STATE_READY_TO_PAY, REMIT_BILL_STATE_PAYMENT_REQUESTED,
    REMIT_BILL_STATE_FAILED,     REMIT_BILL_STATE_READY_TO_PAY, REMIT_BILL_STATE_PAYMENT_REQUESTED,
    REMIT_BILL_STATE_PAID,       REMIT_BILL_STATE_ARCHIVED,
  };
  g_autoptr (GError) error = NULL;
  gint64 id;

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (RemitBill) bill = store_test_bill ("A", NULL, 500, NULL, NULL);
    g_autoptr (RemitBill) stored = NULL;

    store_test_add (ledger, bill, "a");
    id = remit_bill_get_id (bill);

    /* Illegal: the error names both states and nothing changes. */
    g_assert_false (remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_PAYMENT_REQUESTED,
                                            NULL, &error));
    g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
    g_assert_nonnull (strstr (error->message, "“New”"));
    g_assert_nonnull (strstr (error->message, "“Payment requested”"));
    g_clear_error (&error);
    g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_NEW);

    for (gsize i = 0; i < G_N_ELEMENTS (path); i++)
      {
        remit_ledger_move_bill (ledger, bill, path[i], NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (remit_bill_get_state (bill), ==, path[i]);
      }
    g_assert_nonnull (remit_bill_get_paid_date (bill));

    /* Archived is final. */
    for (guint to = 0; to < REMIT_BILL_N_STATES; to++)
      {
        g_assert_false (remit_ledger_move_bill (ledger, bill, to, NULL, &error));
        g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
        g_assert_nonnull (strstr (error->message, "“Archived”"));
        g_clear_error (&error);
      }

    /* The ledger checks against what it holds, not against a stale object. */
    stored = remit_ledger_get_bill (ledger, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_ARCHIVED);
  }

  /* The history survives a restart, in order. */
  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (GPtrArray) history = remit_ledger_get_history (ledger, id, &error);
    RemitBillState previous = REMIT_BILL_STATE_NEW;
    guint n_moves = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < history->len; i++)
      {
        RemitBillEvent *event = history->pdata[i];

        if (!g_str_equal (event->kind, "state"))
          continue;
        g_assert_cmpint (event->from_state, ==, previous);
        g_assert_cmpint (event->to_state, ==, path[n_moves]);
        g_assert_cmpint (event->time_usec, >, 0);
        previous = event->to_state;
        n_moves++;
      }
    g_assert_cmpuint (n_moves, ==, G_N_ELEMENTS (path));
  }
}

static void
test_mark_paid (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitBill) bill = store_test_bill ("A", NULL, 500, NULL, NULL);
  g_autoptr (RemitBill) reloaded = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  RemitPaymentAttempt *attempt;

  store_test_add (ledger, bill, "a");

  g_assert_false (remit_ledger_mark_paid (ledger, bill, "2024-02-30", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (remit_ledger_mark_paid (ledger, bill, "2999-01-01", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);

  g_assert_true (remit_ledger_mark_paid (ledger, bill, "2024-05-01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_PAID);
  g_assert_cmpstr (remit_bill_get_paid_date (bill), ==, "2024-05-01");

  reloaded = remit_ledger_get_bill (ledger, remit_bill_get_id (bill), &error);
  g_assert_cmpstr (remit_bill_get_paid_date (reloaded), ==, "2024-05-01");
  g_assert_cmpint (remit_bill_get_state (reloaded), ==, REMIT_BILL_STATE_PAID);

  attempts = remit_ledger_list_payment_attempts (ledger, remit_bill_get_id (bill), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_cmpint (attempt->rail, ==, REMIT_PAYMENT_RAIL_MANUAL);
  g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_PAID);
  g_assert_cmpstr (attempt->paid_date, ==, "2024-05-01");

  /* Paid twice is refused, and nothing is recorded for it. */
  g_assert_false (remit_ledger_mark_paid (ledger, bill, "2024-05-02", &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_pointer (&attempts, g_ptr_array_unref);
  attempts = remit_ledger_list_payment_attempts (ledger, remit_bill_get_id (bill), NULL);
  g_assert_cmpuint (attempts->len, ==, 1);
}

static void
test_payment_attempts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitBill) bill = store_test_bill ("A", NULL, 500, NULL, NULL);
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GPtrArray) history = NULL;
  RemitPaymentAttempt *attempt;
  gint64 attempt_id;

  store_test_add (ledger, bill, "a");
  attempt_id = remit_ledger_add_payment_attempt (ledger, remit_bill_get_id (bill),
                                                 REMIT_PAYMENT_RAIL_GINI, "provider-1",
                                                 "key-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (attempt_id, >, 0);
  g_assert_true (remit_ledger_update_payment_attempt (ledger, attempt_id,
                                                      REMIT_PAYMENT_STATUS_OPEN, "pr-9", NULL,
                                                      &error));
  g_assert_true (remit_ledger_update_payment_attempt (ledger, attempt_id,
                                                      REMIT_PAYMENT_STATUS_PAID, NULL, NULL,
                                                      &error));
  g_assert_no_error (error);

  attempts = remit_ledger_list_payment_attempts (ledger, remit_bill_get_id (bill), &error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_cmpint (attempt->rail, ==, REMIT_PAYMENT_RAIL_GINI);
  g_assert_cmpstr (attempt->provider_id, ==, "provider-1");
  g_assert_cmpstr (attempt->idempotency_key, ==, "key-1");
  g_assert_cmpstr (attempt->remote_id, ==, "pr-9");
  g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_PAID);
  g_assert_nonnull (attempt->paid_date);
  g_assert_cmpint (attempt->updated_usec, >, attempt->created_usec);

  history = remit_ledger_get_history (ledger, remit_bill_get_id (bill), &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpstr (((RemitBillEvent *) history->pdata[1])->detail, ==, "gini pending");
  g_assert_cmpstr (((RemitBillEvent *) history->pdata[2])->detail, ==, "gini open");
  g_assert_cmpstr (((RemitBillEvent *) history->pdata[3])->detail, ==, "gini paid");

  g_assert_false (remit_ledger_update_payment_attempt (ledger, 999, REMIT_PAYMENT_STATUS_OPEN,
                                                       NULL, NULL, &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (remit_ledger_add_payment_attempt (ledger, 999, REMIT_PAYMENT_RAIL_SEPA, NULL,
                                                     NULL, &error),
                   ==, 0);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
}

static void
test_snapshots (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitBill) bill = store_test_bill ("A", NULL, 500, NULL, NULL);
  g_autofree char *none = NULL;
  g_autofree char *missing = NULL;

  store_test_add (ledger, bill, "a");
  none = remit_ledger_dup_extraction (ledger, remit_bill_get_id (bill), &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_false (remit_ledger_set_extraction (ledger, remit_bill_get_id (bill), "{oops", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_false (remit_ledger_set_layout (ledger, 4242, "{}", &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  missing = remit_ledger_dup_layout (ledger, 4242, &error);
  g_assert_null (missing);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (remit_ledger_get_bill (ledger, 4242, &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
}

static void
test_update (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitBill) bill = store_test_bill ("A", NULL, 500, NULL, NULL);
  g_autoptr (RemitBill) reloaded = NULL;
  g_autoptr (GPtrArray) history = NULL;
  RemitAmount amount;

  store_test_add (ledger, bill, "a");
  remit_bill_set_recipient (bill, "A Corrected");
  remit_amount_init (&amount, 501, "EUR");
  remit_bill_set_amount (bill, &amount);
  g_assert_false (remit_bill_set_due_date (bill, "2024-13-01"));
  g_assert_false (remit_bill_set_reviewed (bill, "[1]", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_true (remit_ledger_update_bill (ledger, bill, &error));
  g_assert_no_error (error);
  /* Nothing changed: no history line. */
  g_assert_true (remit_ledger_update_bill (ledger, bill, &error));

  reloaded = remit_ledger_get_bill (ledger, remit_bill_get_id (bill), &error);
  g_assert_cmpstr (remit_bill_get_recipient (reloaded), ==, "A Corrected");
  g_assert_cmpint (remit_bill_get_amount (reloaded)->minor, ==, 501);
  g_assert_cmpint (remit_bill_get_updated_usec (reloaded), >,
                   remit_bill_get_created_usec (reloaded));

  history = remit_ledger_get_history (ledger, remit_bill_get_id (bill), &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((RemitBillEvent *) history->pdata[1])->kind, ==, "updated");
  g_assert_cmpstr (((RemitBillEvent *) history->pdata[1])->detail, ==, "recipient, amount");
}

static void
test_duplicates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) a = store_test_bill ("Acme", "DE02120300000000202051", 9900,
                                             "Invoice 17", NULL);
  g_autoptr (RemitBill) b = store_test_bill ("Acme", NULL, 0, NULL, NULL);
  g_autoptr (RemitBill) c = store_test_bill ("ACME GmbH", "de02 1203 0000 0000 2020 51", 9900,
                                             "  invoice   17 ", NULL);
  g_autoptr (RemitBill) d = store_test_bill ("Acme", "DE02120300000000202051", 9901,
                                             "Invoice 17", NULL);
  g_autoptr (RemitBill) e = store_test_bill ("Acme", "DE02120300000000202051", 9900,
                                             "INVOICE 17", NULL);
  g_autoptr (RemitBill) f = store_test_bill (NULL, NULL, 0, NULL, NULL);
  g_autoptr (GListModel) of_a = NULL;
  gint64 a_id, c_id;

  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);

    store_test_add (ledger, a, "file X");
    a_id = remit_bill_get_id (a);
    g_assert_cmpint (remit_bill_get_duplicate_of (a), ==, 0);
    g_assert_cmpint (remit_bill_get_duplicate_reason (a), ==, REMIT_DUPLICATE_REASON_NONE);

    /* The same file again. */
    store_test_add (ledger, b, "file X");
    g_assert_cmpint (remit_bill_get_duplicate_of (b), ==, a_id);
    g_assert_cmpint (remit_bill_get_duplicate_reason (b), ==, REMIT_DUPLICATE_REASON_SAME_FILE);

    /* Another file, the same payment (IBAN spacing and purpose case ignored). */
    store_test_add (ledger, c, "file Y");
    c_id = remit_bill_get_id (c);
    g_assert_cmpint (remit_bill_get_duplicate_of (c), ==, a_id);
    g_assert_cmpint (remit_bill_get_duplicate_reason (c), ==,
                     REMIT_DUPLICATE_REASON_SAME_PAYMENT);

    /* A cent apart: not the same payment. */
    store_test_add (ledger, d, "file Z");
    g_assert_cmpint (remit_bill_get_duplicate_of (d), ==, 0);

    of_a = remit_ledger_find_duplicates (ledger, a, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (of_a), ==, 2);
    {
      g_autoptr (RemitBill) first = g_list_model_get_item (of_a, 0);
      g_autoptr (RemitBill) second = g_list_model_get_item (of_a, 1);

      g_assert_cmpint (remit_bill_get_id (first), ==, remit_bill_get_id (b));
      g_assert_cmpint (remit_bill_get_id (second), ==, c_id);
    }

    /* An archived bill no longer counts for the payment, but its file still does. */
    g_assert_true (remit_ledger_move_bill (ledger, a, REMIT_BILL_STATE_ARCHIVED, NULL, &error));
    store_test_add (ledger, e, "file W");
    g_assert_cmpint (remit_bill_get_duplicate_of (e), ==, c_id);
    store_test_add (ledger, f, "file X");
    g_assert_cmpint (remit_bill_get_duplicate_of (f), ==, a_id);
    g_assert_cmpint (remit_bill_get_duplicate_reason (f), ==, REMIT_DUPLICATE_REASON_SAME_FILE);

    /* The person says C is no repeat: the flag goes and stays away on later edits. */
    g_assert_true (remit_ledger_dismiss_duplicate (ledger, c, &error));
    g_assert_cmpint (remit_bill_get_duplicate_of (c), ==, 0);
    remit_bill_set_recipient (c, "ACME GmbH & Co");
    g_assert_true (remit_ledger_update_bill (ledger, c, &error));
    g_assert_cmpint (remit_bill_get_duplicate_of (c), ==, 0);

    /* Editing D into the same payment flags it. */
    {
      RemitAmount amount;

      remit_amount_init (&amount, 9900, "EUR");
      remit_bill_set_amount (d, &amount);
      g_assert_true (remit_ledger_update_bill (ledger, d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (remit_bill_get_duplicate_of (d), ==, c_id);
      g_assert_cmpint (remit_bill_get_duplicate_reason (d), ==,
                       REMIT_DUPLICATE_REASON_SAME_PAYMENT);
    }
  }

  /* The flags are kept. */
  {
    g_autoptr (RemitLedger) ledger = open_ledger (fixture);
    g_autoptr (RemitBill) reloaded_b = remit_ledger_get_bill (ledger, remit_bill_get_id (b), NULL);
    g_autoptr (RemitBill) reloaded_c = remit_ledger_get_bill (ledger, c_id, NULL);

    g_assert_cmpint (remit_bill_get_duplicate_of (reloaded_b), ==, a_id);
    g_assert_cmpint (remit_bill_get_duplicate_reason (reloaded_b), ==,
                     REMIT_DUPLICATE_REASON_SAME_FILE);
    g_assert_cmpint (remit_bill_get_duplicate_of (reloaded_c), ==, 0);
  }
}

/* The ids of the listed bills, as "3 1 2". */
static char *
ids_of (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "", remit_bill_get_id (bill));
    }
  return g_string_free (out, FALSE);
}

static void
assert_listed (RemitLedger *ledger, const RemitBillQuery *query, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) model = remit_ledger_list_bills (ledger, query, &error);
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (model) == REMIT_TYPE_BILL);
  ids = ids_of (model);
  if (g_strcmp0 (ids, expected) != 0)
    g_error ("listed “%s”, expected “%s”", ids, expected);
}

static void
test_list_filter (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *recipient;
    const char *iban;
    const char *purpose;
    const char *due;
    const char *filename;
    RemitBillState state;
  } rows[] = {
    /* 1 */ { "Müller GmbH", "DE89370400440532013000", "Rechnung 100", "2024-06-10", "mueller.pdf",
              REMIT_BILL_STATE_NEW },
    /* 2 */ { "Stadtwerke", "DE02120300000000202051", "Strom Mai", "2024-05-20", "strom.pdf",
              REMIT_BILL_STATE_READY_TO_PAY },
    /* 3 */ { "Telekom", NULL, "Mobilfunk", NULL, "scan 01.png", REMIT_BILL_STATE_PAID },
    /* 4 */ { "MÜLLER & Söhne", NULL, "Bestellung 7", "2024-05-01", "order.pdf",
              REMIT_BILL_STATE_IN_REVIEW },
    /* 5 */ { "Versicherung", "AT611904300234573201", "Police 12", "2024-07-01", "police.pdf",
              REMIT_BILL_STATE_ARCHIVED },
  };
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (RemitBill) bill = store_test_bill (rows[i].recipient, rows[i].iban, 1000,
                                                    rows[i].purpose, rows[i].due);
      g_autofree char *content = g_strdup_printf ("content %zu", i);

      remit_bill_set_filename (bill, rows[i].filename);
      store_test_add (ledger, bill, content);
      if (rows[i].state == REMIT_BILL_STATE_READY_TO_PAY)
        {
          remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_IN_REVIEW, NULL, &error);
          remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_READY_TO_PAY, NULL, &error);
        }
      else if (rows[i].state != REMIT_BILL_STATE_NEW)
        remit_ledger_move_bill (ledger, bill, rows[i].state, NULL, &error);
      g_assert_no_error (error);
    }

  assert_listed (ledger, NULL, "1 2 3 4 5");
  assert_listed (ledger, &(RemitBillQuery) { .descending = TRUE }, "5 4 3 2 1");
  assert_listed (ledger, &(RemitBillQuery) { .sort = REMIT_BILL_SORT_DUE_DATE }, "4 2 1 5 3");
  assert_listed (ledger, &(RemitBillQuery) { .sort = REMIT_BILL_SORT_DUE_DATE, .descending = TRUE },
                 "5 1 2 4 3");

  assert_listed (ledger, &(RemitBillQuery) { .states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_PAID) },
                 "3");
  assert_listed (ledger,
                 &(RemitBillQuery) { .states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_NEW)
                                               | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_IN_REVIEW)
                                               | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_READY_TO_PAY) },
                 "1 2 4");

  /* Text: case-insensitive beyond ASCII, every word must match somewhere. */
  assert_listed (ledger, &(RemitBillQuery) { .text = "müller" }, "1 4");
  assert_listed (ledger, &(RemitBillQuery) { .text = "MÜLLER söhne" }, "4");
  assert_listed (ledger, &(RemitBillQuery) { .text = "de89 3704 0044" }, "1");
  assert_listed (ledger, &(RemitBillQuery) { .text = "scan" }, "3");
  assert_listed (ledger, &(RemitBillQuery) { .text = "rechnung" }, "1");
  assert_listed (ledger, &(RemitBillQuery) { .text = "nothing like it" }, "");
  assert_listed (ledger, &(RemitBillQuery) { .text = "  " }, "1 2 3 4 5");

  /* Due before a day: bills without a due date are left out. */
  assert_listed (ledger, &(RemitBillQuery) { .due_before = "2024-06-10" }, "2 4");
  assert_listed (ledger,
                 &(RemitBillQuery) { .due_before = "2024-12-31", .text = "müller",
                                     .sort = REMIT_BILL_SORT_DUE_DATE },
                 "4 1");

  {
    g_autoptr (GListModel) model =
      remit_ledger_list_bills (ledger, &(RemitBillQuery) { .due_before = "May 1st" }, &error);

    g_assert_null (model);
    g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  }
}

static void
test_list_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GListModel) newest_first = NULL;
  sqlite3 *db = remit_ledger_get_handle (ledger);

  /* More bills than one block of the model (256), added in one transaction. */
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 600; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO bills (recipient, sha256, created, updated) "
                         "VALUES ('R%03d', 'x', %d, %d)", i, 1000 + i, 1000 + i);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  model = remit_ledger_list_bills (ledger, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 600);
  g_assert_null (g_list_model_get_item (model, 600));

  /* Out of order, across blocks; the same position gives the same object. */
  {
    static const guint positions[] = { 599, 0, 256, 255, 511, 512, 300 };

    for (gsize i = 0; i < G_N_ELEMENTS (positions); i++)
      {
        g_autoptr (RemitBill) bill = g_list_model_get_item (model, positions[i]);
        g_autoptr (RemitBill) again = g_list_model_get_item (model, positions[i]);
        g_autofree char *expected = g_strdup_printf ("R%03u", positions[i]);

        g_assert_true (bill == again);
        g_assert_cmpint (remit_bill_get_id (bill), ==, positions[i] + 1);
        g_assert_cmpstr (remit_bill_get_recipient (bill), ==, expected);
      }
  }

  newest_first = remit_ledger_list_bills (ledger, &(RemitBillQuery) { .descending = TRUE }, &error);
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (newest_first, i);

      g_assert_cmpint (remit_bill_get_id (bill), ==, 600 - i);
    }

  /* A list of which only one block was read is freed with the other slots empty. */
  {
    g_autoptr (GListModel) partly = remit_ledger_list_bills (ledger, NULL, &error);
    g_autoptr (RemitBill) first = g_list_model_get_item (partly, 0);

    g_assert_no_error (error);
    g_assert_cmpint (remit_bill_get_id (first), ==, 1);
    g_clear_object (&partly);
    g_assert_cmpstr (remit_bill_get_recipient (first), ==, "R000");
  }
}

static void
test_csv (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitBill) first = store_test_bill ("Müller, \"Bau\" GmbH", "DE02120300000000202051",
                                                 123450, "=HYPERLINK(\"http://x\")", "2024-06-01");
  g_autoptr (RemitBill) second = store_test_bill ("+49 Shop", NULL, -500, "line one\nline two",
                                                  NULL);
  g_autoptr (RemitBill) third = remit_bill_new ();
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "one", -1);
  g_autofree char *sha2 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "two", -1);
  g_autofree char *sha3 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "three", -1);

  remit_bill_set_filename (first, "@evil.pdf");
  remit_bill_set_bic (first, "COBADEFF");
  remit_bill_set_document_id (first, "-doc");
  store_test_add (ledger, first, "one");
  remit_bill_set_backend (second, "https://pay.example.org");
  store_test_add (ledger, second, "two");
  store_test_add (ledger, third, "three");
  g_assert_true (remit_ledger_mark_paid (ledger, first, "2024-05-02", &error));

  csv = remit_ledger_export_csv (ledger, NULL, &error);
  g_assert_no_error (error);

  expected = g_strconcat (
    "id,state,recipient,iban,bic,amount,currency,purpose,due_date,paid_date,created,updated,"
    "filename,backend,document_id,feedback,sha256\r\n",
    "1,paid,\"Müller, \"\"Bau\"\" GmbH\",DE02120300000000202051,COBADEFF,1234.50,EUR,"
    "\"'=HYPERLINK(\"\"http://x\"\")\",2024-06-01,2024-05-02,2024-05-06T10:20:30Z,"
    "2024-05-06T10:20:33Z,'@evil.pdf,local,'-doc,none,", sha1, "\r\n",
    "2,new,'+49 Shop,,,-5.00,EUR,\"line one\nline two\",,,2024-05-06T10:20:31Z,"
    "2024-05-06T10:20:31Z,bill.pdf,https://pay.example.org,,none,", sha2, "\r\n",
    "3,new,,,,,,,,,2024-05-06T10:20:32Z,2024-05-06T10:20:32Z,,,,none,", sha3, "\r\n",
    NULL);
  g_assert_cmpstr (csv, ==, expected);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ledger/open-reopen", test_open_reopen);
  ADD ("/ledger/default-directory", test_default_directory);
  ADD ("/ledger/migrations", test_migrations);
  ADD ("/ledger/migrate-from-zero", test_migrate_from_zero);
  ADD ("/ledger/newer-version", test_newer_version);
  ADD ("/ledger/corrupt/garbage", test_corrupt_garbage);
  ADD ("/ledger/corrupt/pages", test_corrupt_pages);
  ADD ("/ledger/disk-full", test_disk_full);
  g_test_add_func ("/ledger/state/table", test_state_table);
  ADD ("/ledger/state/moves", test_state_machine);
  ADD ("/ledger/mark-paid", test_mark_paid);
  ADD ("/ledger/payment-attempts", test_payment_attempts);
  ADD ("/ledger/snapshots", test_snapshots);
  ADD ("/ledger/update", test_update);
  ADD ("/ledger/duplicates", test_duplicates);
  ADD ("/ledger/list-filter", test_list_filter);
  ADD ("/ledger/list-model", test_list_model);
  ADD ("/ledger/csv", test_csv);

  return g_test_run ();
}
