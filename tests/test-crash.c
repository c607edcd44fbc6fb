/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "api-test-common.h"
#include "remit-journal.h"
#include "remit-ledger.h"

/*
 * Crash tests: remit-cli, as a child process against a remit-server child that holds every
 * answer back (--delay), is killed with SIGKILL at each step of import → feedback →
 * payment request; then `remit-cli resume` runs, and the server must hold exactly one
 * document, one feedback and one payment request per bill, and the ledger each bill in the
 * right state.
 *
 * Each bill takes one column of crash points, one per stage:
 *
 * | bill        | import                      | feedback           | payment request        |
 * |-------------|-----------------------------|--------------------|------------------------|
 * | clean       | –                           | –                  | –                      |
 * | pending     | entry written, not sent     | same               | same                   |
 * | marked-sent | marked sent, no byte out    | same               | same                   |
 * | in-flight   | between the server's        | `> PUT …/feedback` | `> POST                |
 * |             | `> POST /documents` and its | and its `< 204`    | /paymentRequests` and  |
 * |             | `< 201`                     |                    | its `< 201`            |
 * | answered    | answer in hand, unrecorded  | same               | same                   |
 * | added       | bill added, no entry yet    | –                  | –                      |
 * | processing  | `> GET …/extractions` (the  | –                  | –                      |
 * |             | document is recorded)       |                    |                        |
 *
 * The in-flight kills are timed by the server's log (stderr): the child is killed once the
 * request line is logged and before its answer is. The other points are named by
 * REMIT_TEST_CRASH_AT, where remit-cli kills itself with SIGKILL. Before each resume the
 * journal is read to check that the crash left what the point promises (an entry pending,
 * or sent).
 */

#define DELAY_MS "200"
#define N_BILLS 7

typedef struct
{
  const char *name;
  const char *import_at;
  const char *feedback_at;
  const char *pay_at;
} Column;

/* "flight" names the server-log-timed kill. */
static const Column columns[N_BILLS] = {
  { "clean", NULL, NULL, NULL },
  { "pending", "upload-pending", "feedback-pending", "payment-request-pending" },
  { "marked-sent", "upload-sent", "feedback-sent", "payment-request-sent" },
  { "in-flight", "flight", "flight", "flight" },
  { "answered", "upload-answered", "feedback-answered", "payment-request-answered" },
  { "added", "import-added", NULL, NULL },
  { "processing", "extractions", NULL, NULL },
};

static ApiTestServer *server;
static char *directory;
static char *user;
static char **environment;

typedef struct
{
  gboolean killed;
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static guint
count_lines (const char *pattern)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *log = api_test_server_get_log (server);
  guint count = 0;

  g_assert_nonnull (regex);
  g_regex_match (regex, log, 0, &match);
  while (g_match_info_matches (match))
    {
      count++;
      g_match_info_next (match, NULL);
    }
  return count;
}

/*
 * Runs remit-cli with @args against the server as the test's user. @crash_at names a crash
 * point (REMIT_TEST_CRASH_AT); @request (a regex of the server's log line of a request) and
 * @answer (of its answer) time a kill instead: the child is killed with SIGKILL once the
 * server has logged @request and before it logs @answer.
 */
static void
run_cli (Run *run, const char *crash_at, const char *request, const char *answer,
         const char *const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out_path = g_build_filename (directory, "cli.out", NULL);
  g_autofree char *err_path = g_build_filename (directory, "cli.err", NULL);
  g_auto (GStrv) env = g_strdupv (environment);
  guint requests = request != NULL ? count_lines (request) : 0;
  guint answers = answer != NULL ? count_lines (answer) : 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REMIT_CLI"));
  /* The ledger's own commands take no server. */
  if (!g_str_equal (args[0], "bill") && !g_str_equal (args[0], "bills"))
    {
      g_ptr_array_add (argv, (gpointer) "--server");
      g_ptr_array_add (argv, (gpointer) api_test_server_get_url (server));
      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, user);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (crash_at != NULL)
    env = g_environ_setenv (env, "REMIT_TEST_CRASH_AT", crash_at, TRUE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_unlink (out_path);
  g_unlink (err_path);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  child = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  if (request != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      while (count_lines (request) == requests)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("The server never logged %s: %s", request, api_test_server_get_log (server));
          g_usleep (2000);
        }
      /* The request is in; give the server a moment to carry it out, well within the
       * answer's delay. */
      g_usleep (40000);
      g_assert_cmpuint (count_lines (answer), ==, answers);
      g_subprocess_send_signal (child, SIGKILL);
    }

  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  run->killed = g_subprocess_get_if_signaled (child)
                && g_subprocess_get_term_sig (child) == SIGKILL;
  run->status = g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : -1;
  g_file_get_contents (out_path, &run->out, NULL, NULL);
  g_file_get_contents (err_path, &run->err, NULL, NULL);
}

static void
run_ok (Run *run, const char *const *args)
{
  run_cli (run, NULL, NULL, NULL, args);
  if (run->status != 0)
    g_error ("remit-cli %s failed (%d): %s", args[0], run->status, run->err);
}

static void
run_killed (const char *crash_at, const char *request, const char *answer,
            const char *const *args)
{
  g_auto (Run) run = { 0 };

  run_cli (&run, crash_at, request, answer, args);
  if (!run.killed)
    g_error ("remit-cli %s was not killed at %s (exit %d): %s %s", args[0],
             crash_at != NULL ? crash_at : request, run.status, run.out, run.err);
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

/* The server's view, as the test's user: Basic auth with X-User-Identifier. */
static JsonNode *
server_get (const char *path)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (api_test_server_get_url (server), path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", uri);
  g_autofree char *credentials = g_base64_encode ((const guchar *) TEST_CLIENT_ID ":"
                                                  TEST_CLIENT_SECRET,
                                                  strlen (TEST_CLIENT_ID ":"
                                                          TEST_CLIENT_SECRET));
  g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "X-User-Identifier", user);
  soup_message_headers_replace (headers, "Accept", "application/json");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return parse (text);
}

static JsonArray *
server_list (const char *path, const char *member)
{
  g_autoptr (JsonNode) node = server_get (path);

  return json_array_ref (json_object_get_array_member (json_node_get_object (node), member));
}

static char *
invoice_path (guint index)
{
  g_autofree char *name = g_strdup_printf ("crash-%s.pdf", columns[index].name);

  return g_build_filename (directory, name, NULL);
}

/* The id of each column's bill, by its file name. */
static void
find_bills (gint64 ids[N_BILLS])
{
  g_auto (Run) run = { 0 };
  const char *args[] = { "bills", NULL };
  g_autoptr (JsonNode) node = NULL;
  JsonArray *bills;

  run_ok (&run, args);
  node = parse (run.out);
  bills = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (bills), ==, N_BILLS);
  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("crash-%s.pdf", columns[i].name);

      ids[i] = 0;
      for (guint j = 0; j < N_BILLS; j++)
        {
          JsonObject *bill = json_array_get_object_element (bills, j);

          if (g_strcmp0 (json_object_get_string_member (bill, "filename"), name) == 0)
            ids[i] = json_object_get_int_member (bill, "id");
        }
      g_assert_cmpint (ids[i], >, 0);
    }
}

static JsonObject *
get_bill (gint64 id)
{
  g_auto (Run) run = { 0 };
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *args[] = { "bill", text, NULL };
  g_autoptr (JsonNode) node = NULL;

  run_ok (&run, args);
  node = parse (run.out);
  return json_object_ref (json_node_get_object (node));
}

/* What the journal holds unfinished for @bill_id: "pending", "sent" or NULL. */
static const char *
unfinished_state (gint64 bill_id, RemitJournalKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLedger) ledger = remit_ledger_open (NULL, &error);
  g_autoptr (RemitJournal) journal = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  g_assert_no_error (error);
  journal = remit_journal_new (ledger);
  pending = remit_journal_list_pending (journal, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      RemitJournalEntry *entry = pending->pdata[i];

      if (remit_journal_entry_get_bill_id (entry) == bill_id
          && remit_journal_entry_get_kind (entry) == kind)
        return remit_journal_state_to_string (remit_journal_entry_get_state (entry));
    }
  return NULL;
}

static guint
count_documents_named (JsonArray *documents, const char *name)
{
  guint count = 0;

  for (guint i = 0; i < json_array_get_length (documents); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (documents, i),
                                                  "name"),
                   name)
        == 0)
      count++;
  return count;
}

/* Waits until the server lists @name (a request it carried out for a killed client). */
static void
wait_for_document (const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (JsonArray) documents = server_list ("/documents?limit=100", "documents");

      if (count_documents_named (documents, name) == 1)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("The server never created %s", name);
      g_usleep (20000);
    }
}

static JsonArray *
resume (void)
{
  g_auto (Run) run = { 0 };
  const char *args[] = { "resume", NULL };
  g_autoptr (JsonNode) node = NULL;

  run_ok (&run, args);
  node = parse (run.out);
  return json_array_ref (json_node_get_array (node));
}

/* The outcome resume reported for @bill_id's @operation. */
static const char *
outcome_of (JsonArray *report, gint64 bill_id, const char *operation)
{
  for (guint i = 0; i < json_array_get_length (report); i++)
    {
      JsonObject *item = json_array_get_object_element (report, i);

      if (json_object_get_int_member (item, "bill") == bill_id
          && g_strcmp0 (json_object_get_string_member (item, "operation"), operation) == 0)
        return json_object_get_string_member (item, "outcome");
    }
  return NULL;
}

static void
test_crash_and_resume (void)
{
  gint64 ids[N_BILLS];
  g_autofree char *provider = NULL;
  g_autoptr (JsonArray) report = NULL;
  g_autoptr (JsonArray) documents = NULL;
  g_autoptr (JsonArray) requests = NULL;
  g_autoptr (GHashTable) remote_ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (server == NULL)
    {
      g_test_skip ("remit-server is not built");
      return;
    }

  /* 1. Import */
  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autofree char *path = invoice_path (i);
      g_autofree char *reference = g_strdup_printf ("RE-CRASH-%u", i);
      g_autoptr (GBytes) pdf = api_test_invoice_pdf (reference);
      g_autoptr (GError) error = NULL;
      const char *args[] = { "import", path, NULL };
      const char *at = columns[i].import_at;

      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
      g_assert_no_error (error);

      if (at == NULL)
        {
          g_auto (Run) run = { 0 };

          run_ok (&run, args);
        }
      else if (g_str_equal (at, "flight"))
        run_killed (NULL, "^> POST /documents$", "^< [0-9a-z]+ POST /documents$", args);
      else if (g_str_equal (at, "extractions"))
        run_killed (NULL, "^> GET /documents/[^/]+/extractions$",
                    "^< [0-9a-z]+ GET /documents/[^/]+/extractions$", args);
      else
        run_killed (at, NULL, NULL, args);
    }

  find_bills (ids);

  /* What each crash left, before the resume. */
  {
    g_autoptr (JsonArray) before = server_list ("/documents?limit=100", "documents");

    g_assert_cmpstr (unfinished_state (ids[1], REMIT_JOURNAL_KIND_UPLOAD), ==, "pending");
    g_assert_cmpstr (unfinished_state (ids[2], REMIT_JOURNAL_KIND_UPLOAD), ==, "sent");
    g_assert_cmpstr (unfinished_state (ids[3], REMIT_JOURNAL_KIND_UPLOAD), ==, "sent");
    g_assert_cmpstr (unfinished_state (ids[4], REMIT_JOURNAL_KIND_UPLOAD), ==, "sent");
    g_assert_null (unfinished_state (ids[5], REMIT_JOURNAL_KIND_UPLOAD));
    g_assert_null (unfinished_state (ids[6], REMIT_JOURNAL_KIND_UPLOAD));
    for (guint i = 1; i <= 2; i++)
      {
        g_autofree char *path = invoice_path (i);
        g_autofree char *name = g_path_get_basename (path);

        g_assert_cmpuint (count_documents_named (before, name), ==, 0);
      }
    /* The server carried out the requests whose answers were lost. */
    for (guint i = 3; i <= 4; i++)
      {
        g_autofree char *path = invoice_path (i);
        g_autofree char *name = g_path_get_basename (path);

        wait_for_document (name);
      }
  }

  report = resume ();
  g_assert_cmpstr (outcome_of (report, ids[1], "upload"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[2], "upload"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[3], "upload"), ==, "found");
  g_assert_cmpstr (outcome_of (report, ids[4], "upload"), ==, "found");
  g_assert_cmpstr (outcome_of (report, ids[5], "upload"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[6], "import"), ==, "sent");
  g_assert_null (outcome_of (report, ids[0], "upload"));

  documents = server_list ("/documents?limit=100", "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, N_BILLS);
  g_assert_cmpuint (count_lines ("^> POST /documents$"), ==, N_BILLS);
  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autoptr (JsonObject) bill = get_bill (ids[i]);
      g_autofree char *path = invoice_path (i);
      g_autofree char *name = g_path_get_basename (path);
      const char *document_id = json_object_get_string_member (bill, "documentId");
      gboolean listed = FALSE;

      g_assert_cmpuint (count_documents_named (documents, name), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (bill, "state"), ==, "in-review");
      g_assert_nonnull (document_id);
      for (guint j = 0; j < json_array_get_length (documents); j++)
        listed |= g_strcmp0 (json_object_get_string_member (
                               json_array_get_object_element (documents, j), "id"),
                             document_id)
                  == 0;
      g_assert_true (listed);
      g_assert_null (unfinished_state (ids[i], REMIT_JOURNAL_KIND_UPLOAD));
    }
  g_clear_pointer (&report, json_array_unref);

  /* 2. Review and feedback */
  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i]);
      g_autofree char *amount = g_strdup_printf ("amountToPay=1%u.50:EUR", i);
      g_autofree char *purpose = g_strdup_printf ("paymentPurpose=Rechnung RE-CRASH-%u", i);
      const char *args[] = { "review",
                             id,
                             "iban=DE02 1203 0000 0000 2020 51",
                             amount,
                             purpose,
                             "paymentRecipient=" TEST_INVOICE_RECIPIENT,
                             NULL };
      const char *at = columns[i].feedback_at;

      if (at == NULL)
        {
          g_auto (Run) run = { 0 };

          run_ok (&run, args);
        }
      else if (g_str_equal (at, "flight"))
        run_killed (NULL, "^> PUT /documents/[^/]+/extractions/feedback$",
                    "^< [0-9a-z]+ PUT /documents/[^/]+/extractions/feedback$", args);
      else
        run_killed (at, NULL, NULL, args);
    }

  g_assert_cmpstr (unfinished_state (ids[1], REMIT_JOURNAL_KIND_FEEDBACK), ==, "pending");
  g_assert_cmpstr (unfinished_state (ids[2], REMIT_JOURNAL_KIND_FEEDBACK), ==, "sent");
  g_assert_cmpstr (unfinished_state (ids[3], REMIT_JOURNAL_KIND_FEEDBACK), ==, "sent");
  g_assert_cmpstr (unfinished_state (ids[4], REMIT_JOURNAL_KIND_FEEDBACK), ==, "sent");
  for (guint i = 3; i <= 4; i++)
    {
      g_autoptr (JsonObject) bill = get_bill (ids[i]);
      g_autofree char *path = g_strdup_printf (
        "/documents/%s/extractions/feedback", json_object_get_string_member (bill, "documentId"));
      g_autoptr (JsonArray) received = server_list (path, "feedback");

      g_assert_cmpuint (json_array_get_length (received), ==, 1);
    }

  report = resume ();
  g_assert_cmpstr (outcome_of (report, ids[1], "feedback"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[2], "feedback"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[3], "feedback"), ==, "found");
  g_assert_cmpstr (outcome_of (report, ids[4], "feedback"), ==, "found");

  g_assert_cmpuint (count_lines ("^> PUT /documents/[^/]+/extractions/feedback$"), ==, N_BILLS);
  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autoptr (JsonObject) bill = get_bill (ids[i]);
      g_autofree char *path = g_strdup_printf (
        "/documents/%s/extractions/feedback", json_object_get_string_member (bill, "documentId"));
      g_autoptr (JsonArray) received = server_list (path, "feedback");
      g_autofree char *amount = g_strdup_printf ("1%u.50:EUR", i);
      JsonObject *body;

      g_assert_cmpuint (json_array_get_length (received), ==, 1);
      body = json_object_get_object_member (json_array_get_object_element (received, 0), "body");
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (
                           json_object_get_object_member (body, "extractions"), "amountToPay"),
                         "value"),
                       ==, amount);
      g_assert_cmpstr (json_object_get_string_member (bill, "state"), ==, "ready-to-pay");
      g_assert_cmpstr (json_object_get_string_member (bill, "feedback"), ==, "sent");
      g_assert_cmpstr (json_object_get_string_member (bill, "amount"), ==, amount);
      g_assert_null (unfinished_state (ids[i], REMIT_JOURNAL_KIND_FEEDBACK));
    }
  g_clear_pointer (&report, json_array_unref);

  /* 3. Payment requests */
  {
    g_auto (Run) run = { 0 };
    const char *args[] = { "providers", NULL };
    g_autoptr (JsonNode) node = NULL;

    run_ok (&run, args);
    node = parse (run.out);
    provider = g_strdup (json_object_get_string_member (
      json_array_get_object_element (json_node_get_array (node), 0), "id"));
  }

  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i]);
      const char *args[] = { "pay-bill", id, "--rail", "gini", "--provider", provider, NULL };
      const char *at = columns[i].pay_at;

      if (at == NULL)
        {
          g_auto (Run) run = { 0 };

          run_ok (&run, args);
        }
      else if (g_str_equal (at, "flight"))
        run_killed (NULL, "^> POST /paymentRequests$", "^< [0-9a-z]+ POST /paymentRequests$",
                    args);
      else
        run_killed (at, NULL, NULL, args);
    }

  g_assert_cmpstr (unfinished_state (ids[1], REMIT_JOURNAL_KIND_PAYMENT_REQUEST), ==,
                   "pending");
  g_assert_cmpstr (unfinished_state (ids[2], REMIT_JOURNAL_KIND_PAYMENT_REQUEST), ==, "sent");
  g_assert_cmpstr (unfinished_state (ids[3], REMIT_JOURNAL_KIND_PAYMENT_REQUEST), ==, "sent");
  g_assert_cmpstr (unfinished_state (ids[4], REMIT_JOURNAL_KIND_PAYMENT_REQUEST), ==, "sent");
  {
    g_autoptr (JsonArray) before = server_list ("/paymentRequests?limit=100", "paymentRequests");

    /* clean, in-flight, answered, added, processing: the server has them; pending and
     * marked-sent never sent anything. */
    g_assert_cmpuint (json_array_get_length (before), ==, N_BILLS - 2);
  }

  report = resume ();
  g_assert_cmpstr (outcome_of (report, ids[1], "payment-request"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[2], "payment-request"), ==, "sent");
  g_assert_cmpstr (outcome_of (report, ids[3], "payment-request"), ==, "found");
  g_assert_cmpstr (outcome_of (report, ids[4], "payment-request"), ==, "found");

  requests = server_list ("/paymentRequests?limit=100", "paymentRequests");
  g_assert_cmpuint (json_array_get_length (requests), ==, N_BILLS);
  g_assert_cmpuint (count_lines ("^> POST /paymentRequests$"), ==, N_BILLS);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    g_hash_table_add (remote_ids, (gpointer) json_object_get_string_member (
                                    json_array_get_object_element (requests, i), "id"));

  for (guint i = 0; i < N_BILLS; i++)
    {
      g_autoptr (JsonObject) bill = get_bill (ids[i]);
      JsonArray *payments = json_object_get_array_member (bill, "payments");
      JsonObject *payment;
      const char *remote_id;
      g_autofree char *purpose = g_strdup_printf ("Rechnung RE-CRASH-%u", i);
      g_autofree char *amount = g_strdup_printf ("1%u.50:EUR", i);
      gboolean matched = FALSE;

      g_assert_cmpstr (json_object_get_string_member (bill, "state"), ==, "payment-requested");
      g_assert_cmpuint (json_array_get_length (payments), ==, 1);
      payment = json_array_get_object_element (payments, 0);
      g_assert_cmpstr (json_object_get_string_member (payment, "rail"), ==, "gini");
      g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, "open");
      remote_id = json_object_get_string_member (payment, "remoteId");
      g_assert_true (g_hash_table_remove (remote_ids, remote_id));
      g_assert_null (unfinished_state (ids[i], REMIT_JOURNAL_KIND_PAYMENT_REQUEST));

      /* The request the bill holds is the bill's own. */
      for (guint j = 0; j < json_array_get_length (requests); j++)
        {
          JsonObject *request = json_array_get_object_element (requests, j);

          if (g_strcmp0 (json_object_get_string_member (request, "id"), remote_id) != 0)
            continue;
          matched = TRUE;
          g_assert_cmpstr (json_object_get_string_member (request, "purpose"), ==, purpose);
          g_assert_cmpstr (json_object_get_string_member (request, "amount"), ==, amount);
        }
      g_assert_true (matched);
    }
  g_assert_cmpuint (g_hash_table_size (remote_ids), ==, 0);

  /* The bank pays one; refresh sees it. */
  {
    g_autoptr (JsonObject) bill = get_bill (ids[3]);
    JsonObject *payment =
      json_array_get_object_element (json_object_get_array_member (bill, "payments"), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ids[3]);
    const char *resolve[] = { "resolve", json_object_get_string_member (payment, "remoteId"),
                              NULL };
    const char *refresh[] = { "refresh", id, NULL };
    g_auto (Run) resolved = { 0 };
    g_auto (Run) refreshed = { 0 };
    g_autoptr (JsonNode) node = NULL;
    JsonObject *after;

    run_ok (&resolved, resolve);
    run_ok (&refreshed, refresh);
    node = parse (refreshed.out);
    after = json_node_get_object (node);
    g_assert_cmpstr (json_object_get_string_member (after, "state"), ==, "paid");
    g_assert_nonnull (json_object_get_string_member (after, "paidDate"));
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (
                         json_object_get_array_member (after, "payments"), 0),
                       "status"),
                     ==, "paid");
  }

  /* Nothing is left: a second resume does nothing. */
  report = resume ();
  g_assert_cmpuint (json_array_get_length (report), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  directory = g_dir_make_tmp ("remit-crash-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (directory, "ledger", NULL);
  user = g_strdup_printf ("crash-%s", g_uuid_string_random ());

  environment = g_get_environ ();
  environment = g_environ_setenv (environment, "REMIT_DATA_DIR", data, TRUE);
  environment = g_environ_setenv (environment, "REMIT_CLIENT_ID", TEST_CLIENT_ID, TRUE);
  environment = g_environ_setenv (environment, "REMIT_CLIENT_SECRET", TEST_CLIENT_SECRET, TRUE);
  environment = g_environ_unsetenv (environment, "REMIT_TEST_CRASH_AT");
  /* This process reads the same ledger. */
  g_setenv ("REMIT_DATA_DIR", data, TRUE);

  if (api_test_server_available () && g_getenv ("REMIT_CLI") != NULL)
    server = api_test_server_start ("--delay", DELAY_MS, NULL);

  g_test_add_func ("/crash/import-feedback-payment", test_crash_and_resume);

  status = g_test_run ();
  api_test_server_stop (server);
  if (g_getenv ("REMIT_TEST_KEEP") == NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", directory);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_free (directory);
  g_free (user);
  g_strfreev (environment);
  return status;
}
