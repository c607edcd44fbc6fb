/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remit-core-error.h"
#include "remit-journal.h"
#include "store-test-util.h"

/* The journal of remote operations, including a process killed in the middle. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->dir = store_test_make_dir ();
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
  return ledger;
}

static gint64
add_bill (RemitLedger *ledger, const char *content)
{
  g_autoptr (RemitBill) bill = store_test_bill ("Acme", "DE02120300000000202051", 1000,
                                                "Invoice", NULL);

  store_test_add (ledger, bill, content);
  return remit_bill_get_id (bill);
}

static void
test_lifecycle (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitJournal) journal = remit_journal_new (ledger);
  g_autoptr (RemitJournalEntry) entry = NULL;
  g_autoptr (RemitJournalEntry) other = NULL;
  g_autoptr (RemitJournalEntry) found = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  gint64 bill_id = add_bill (ledger, "a");

  entry = remit_journal_begin (journal, REMIT_JOURNAL_KIND_UPLOAD, bill_id, "local",
                               "{\"filename\":\"bill.pdf\"}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpint (remit_journal_entry_get_id (entry), >, 0);
  g_assert_cmpint (remit_journal_entry_get_kind (entry), ==, REMIT_JOURNAL_KIND_UPLOAD);
  g_assert_cmpint (remit_journal_entry_get_bill_id (entry), ==, bill_id);
  g_assert_cmpstr (remit_journal_entry_get_backend (entry), ==, "local");
  g_assert_cmpstr (remit_journal_entry_get_payload (entry), ==, "{\"filename\":\"bill.pdf\"}");
  g_assert_true (g_uuid_string_is_valid (remit_journal_entry_get_idempotency_key (entry)));
  g_assert_cmpint (remit_journal_entry_get_state (entry), ==, REMIT_JOURNAL_STATE_PENDING);
  g_assert_cmpuint (remit_journal_entry_get_attempts (entry), ==, 0);

  /* Each entry has its own key. */
  other = remit_journal_begin (journal, REMIT_JOURNAL_KIND_DELETE_DOCUMENT, 0, "local", NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_journal_entry_get_idempotency_key (entry), !=,
                   remit_journal_entry_get_idempotency_key (other));
  g_assert_cmpint (remit_journal_entry_get_bill_id (other), ==, 0);

  /* Done only after it was sent. */
  g_assert_false (remit_journal_complete (journal, entry, "{}", &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  g_assert_true (remit_journal_mark_sent (journal, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (remit_journal_entry_get_state (entry), ==, REMIT_JOURNAL_STATE_SENT);
  g_assert_cmpuint (remit_journal_entry_get_attempts (entry), ==, 1);

  g_assert_false (remit_journal_complete (journal, entry, "not json", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_true (remit_journal_complete (journal, entry, "{\"documentId\":\"d1\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (remit_journal_entry_get_state (entry), ==, REMIT_JOURNAL_STATE_DONE);
  g_assert_cmpstr (remit_journal_entry_get_result (entry), ==, "{\"documentId\":\"d1\"}");

  /* Finished is final. */
  g_assert_false (remit_journal_mark_sent (journal, entry, &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);
  g_assert_false (remit_journal_fail (journal, entry, "late", &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  g_assert_true (remit_journal_fail (journal, other, "404: no such document", &error));
  g_assert_cmpint (remit_journal_entry_get_state (other), ==, REMIT_JOURNAL_STATE_FAILED);
  g_assert_cmpstr (remit_journal_entry_get_error (other), ==, "404: no such document");

  pending = remit_journal_list_pending (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);

  found = remit_journal_lookup (journal, remit_journal_entry_get_idempotency_key (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_journal_entry_get_state (found), ==, REMIT_JOURNAL_STATE_DONE);
  g_assert_cmpstr (remit_journal_entry_get_result (found), ==, "{\"documentId\":\"d1\"}");
  g_assert_cmpuint (remit_journal_entry_get_attempts (found), ==, 1);

  g_assert_null (remit_journal_begin (journal, REMIT_JOURNAL_KIND_UPLOAD, 777, "local", NULL,
                                      &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (remit_journal_begin (journal, REMIT_JOURNAL_KIND_FEEDBACK, bill_id, "local",
                                      "{", &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
}

static void
test_one_creation_per_bill (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = open_ledger (fixture);
  g_autoptr (RemitJournal) journal = remit_journal_new (ledger);
  g_autoptr (RemitJournalEntry) request = NULL;
  g_autoptr (RemitJournalEntry) again = NULL;
  g_autoptr (RemitJournalEntry) feedback1 = NULL;
  g_autoptr (RemitJournalEntry) feedback2 = NULL;
  g_autoptr (RemitJournalEntry) other_bill = NULL;
  g_autoptr (RemitJournalEntry) after = NULL;
  gint64 bill = add_bill (ledger, "a");
  gint64 bill2 = add_bill (ledger, "b");

  request = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill, "gini",
                                 "{\"amount\":\"10.00:EUR\"}", &error);
  g_assert_no_error (error);

  /* A second payment request for the same bill is refused while the first is unfinished. */
  again = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill, "gini", NULL,
                               &error);
  g_assert_null (again);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_PENDING);
  g_clear_error (&error);

  /* Other kinds and other bills are free. */
  feedback1 = remit_journal_begin (journal, REMIT_JOURNAL_KIND_FEEDBACK, bill, "gini", NULL,
                                   &error);
  g_assert_no_error (error);
  feedback2 = remit_journal_begin (journal, REMIT_JOURNAL_KIND_DELETE_LABEL, bill, "gini",
                                   "{\"label\":\"iban\"}", &error);
  g_assert_no_error (error);
  other_bill = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill2, "gini",
                                    NULL, &error);
  g_assert_no_error (error);

  /* Once the first is finished, a new one may begin. */
  g_assert_true (remit_journal_mark_sent (journal, request, &error));
  g_assert_true (remit_journal_fail (journal, request, "422: invalid IBAN", &error));
  after = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill, "gini", NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
}

/* In a child: add a bill, begin three operations, leave one pending, one sent, finish one,
 * then die by SIGKILL without closing anything. The keys go to @fd. */
static void G_GNUC_NORETURN
crash_child (const char *dir, int fd)
{
  g_autoptr (RemitLedger) ledger = remit_ledger_open (dir, NULL);
  g_autoptr (RemitJournal) journal = NULL;
  g_autoptr (RemitJournalEntry) upload = NULL;
  g_autoptr (RemitJournalEntry) request = NULL;
  g_autoptr (RemitJournalEntry) feedback = NULL;
  g_autofree char *keys = NULL;
  gint64 bill;

  if (ledger == NULL)
    _exit (3);
  journal = remit_journal_new (ledger);
  bill = add_bill (ledger, "crash");

  upload = remit_journal_begin (journal, REMIT_JOURNAL_KIND_UPLOAD, bill, "gini",
                                "{\"filename\":\"bill.pdf\"}", NULL);
  if (upload == NULL || !remit_journal_mark_sent (journal, upload, NULL)
      || !remit_journal_complete (journal, upload, "{\"documentId\":\"doc-7\"}", NULL))
    _exit (4);

  /* The request is sent and the answer never read. */
  request = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill, "gini",
                                 "{\"amount\":\"10.00:EUR\"}", NULL);
  if (request == NULL || !remit_journal_mark_sent (journal, request, NULL))
    _exit (5);

  /* The feedback is written and never sent. */
  feedback = remit_journal_begin (journal, REMIT_JOURNAL_KIND_FEEDBACK, bill, "gini",
                                  "{\"extractions\":{}}", NULL);
  if (feedback == NULL)
    _exit (6);

  keys = g_strdup_printf ("%s\n%s\n", remit_journal_entry_get_idempotency_key (request),
                          remit_journal_entry_get_idempotency_key (feedback));
  if (write (fd, keys, strlen (keys)) != (gssize) strlen (keys))
    _exit (7);
  close (fd);

  raise (SIGKILL);
  _exit (8);
}

static void
test_crash_and_resume (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = NULL;
  g_autoptr (RemitJournal) journal = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (RemitJournalEntry) refused = NULL;
  g_auto (GStrv) keys = NULL;
  char buffer[256] = { 0 };
  gsize got = 0;
  int fds[2];
  int status = 0;
  pid_t pid;
  RemitJournalEntry *request;
  RemitJournalEntry *feedback;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      crash_child (fixture->dir, fds[1]);
    }
  close (fds[1]);
  for (gssize n; (n = read (fds[0], buffer + got, sizeof buffer - 1 - got)) > 0;)
    got += (gsize) n;
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("the child did not die as planned (status %d)", status);
  keys = g_strsplit (buffer, "\n", -1);
  g_assert_cmpuint (g_strv_length (keys), ==, 3);

  /* The next start finds both unfinished operations with the keys they were sent with. */
  ledger = open_ledger (fixture);
  journal = remit_journal_new (ledger);
  pending = remit_journal_list_pending (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);

  request = pending->pdata[0];
  g_assert_cmpint (remit_journal_entry_get_kind (request), ==,
                   REMIT_JOURNAL_KIND_PAYMENT_REQUEST);
  g_assert_cmpint (remit_journal_entry_get_state (request), ==, REMIT_JOURNAL_STATE_SENT);
  g_assert_cmpuint (remit_journal_entry_get_attempts (request), ==, 1);
  g_assert_cmpstr (remit_journal_entry_get_idempotency_key (request), ==, keys[0]);
  g_assert_cmpstr (remit_journal_entry_get_payload (request), ==, "{\"amount\":\"10.00:EUR\"}");
  g_assert_cmpstr (remit_journal_entry_get_backend (request), ==, "gini");

  feedback = pending->pdata[1];
  g_assert_cmpint (remit_journal_entry_get_kind (feedback), ==, REMIT_JOURNAL_KIND_FEEDBACK);
  g_assert_cmpint (remit_journal_entry_get_state (feedback), ==, REMIT_JOURNAL_STATE_PENDING);
  g_assert_cmpuint (remit_journal_entry_get_attempts (feedback), ==, 0);
  g_assert_cmpstr (remit_journal_entry_get_idempotency_key (feedback), ==, keys[1]);

  /* A fresh payment request for the bill is refused: the unfinished one is resumed. */
  refused = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST,
                                 remit_journal_entry_get_bill_id (request), "gini", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_PENDING);
  g_clear_error (&error);

  /* Resume: the same entries, the same keys, a second try counted. */
  g_assert_true (remit_journal_mark_sent (journal, request, &error));
  g_assert_cmpuint (remit_journal_entry_get_attempts (request), ==, 2);
  g_assert_true (remit_journal_complete (journal, request, "{\"id\":\"pr-1\"}", &error));
  g_assert_true (remit_journal_mark_sent (journal, feedback, &error));
  g_assert_true (remit_journal_complete (journal, feedback, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = remit_journal_list_pending (journal, &error);
  g_assert_cmpuint (pending->len, ==, 0);

  /* And that survives the next restart too. */
  g_clear_object (&journal);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture);
  journal = remit_journal_new (ledger);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = remit_journal_list_pending (journal, &error);
  g_assert_cmpuint (pending->len, ==, 0);
  {
    g_autoptr (RemitJournalEntry) done = remit_journal_lookup (journal, keys[0], &error);

    g_assert_no_error (error);
    g_assert_cmpint (remit_journal_entry_get_state (done), ==, REMIT_JOURNAL_STATE_DONE);
    g_assert_cmpuint (remit_journal_entry_get_attempts (done), ==, 2);
    g_assert_cmpstr (remit_journal_entry_get_result (done), ==, "{\"id\":\"pr-1\"}");
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/journal/lifecycle", Fixture, NULL, fixture_set_up, test_lifecycle,
              fixture_tear_down);
  g_test_add ("/journal/one-creation-per-bill", Fixture, NULL, fixture_set_up,
              test_one_creation_per_bill, fixture_tear_down);
  g_test_add ("/journal/crash-and-resume", Fixture, NULL, fixture_set_up,
              test_crash_and_resume, fixture_tear_down);

  return g_test_run ();
}
