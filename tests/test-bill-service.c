/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "api-test-common.h"
#include "remit-bill-service.h"
#include "remit-core-error.h"
#include "remit-local-backend.h"
#include "remit-remote-backend.h"
#include "store-test-util.h"

/* RemitBillService in this process: on the local engine (no server), and against a
 * remit-server child for payment requests and the look-ups a resume makes. */

#define SAMPLE_IBAN "DE02120300000000202051"

static ApiTestServer *server;

typedef struct
{
  char *directory;
  RemitLedger *ledger;
  RemitBillService *service;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBackend) backend = REMIT_BACKEND (remit_local_backend_new ());

  fixture->directory = store_test_make_dir ();
  fixture->ledger = remit_ledger_open (fixture->directory, &error);
  g_assert_no_error (error);
  fixture->service = remit_bill_service_new (fixture->ledger, backend);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->ledger);
  store_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

/* Runs the main loop until the callback has its result. */
static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
sample_path (const char *name)
{
  const char *samples = g_getenv ("REMIT_EINVOICE_SAMPLES");

  if (samples == NULL)
    return NULL;
  return g_build_filename (samples, name, NULL);
}

static RemitBill *
import_file (RemitBillService *service, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_import_async (service, file, NULL, result_cb, &result);
  return remit_bill_service_import_finish (service, await (&result), error);
}

static RemitBill *
import_bytes (RemitBillService *service, GBytes *bytes, const char *name, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_import_bytes_async (service, bytes, name, NULL, result_cb, &result);
  return remit_bill_service_import_finish (service, await (&result), error);
}

static GPtrArray *
resume (RemitBillService *service)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *items;

  remit_bill_service_resume_async (service, NULL, result_cb, &result);
  items = remit_bill_service_resume_finish (service, await (&result), &error);
  g_assert_no_error (error);
  return items;
}

static RemitBill *
reload (Fixture *fixture, RemitBill *bill)
{
  g_autoptr (GError) error = NULL;
  RemitBill *again = remit_ledger_get_bill (fixture->ledger, remit_bill_get_id (bill), &error);

  g_assert_no_error (error);
  return again;
}

static void
review (Fixture *fixture, gint64 id, const char *iban, const char *amount, const char *purpose)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (values, "iban", iban);
  json_object_set_string_member (values, "amountToPay", amount);
  json_object_set_string_member (values, "paymentPurpose", purpose);
  json_object_set_string_member (values, "paymentRecipient", TEST_INVOICE_RECIPIENT);
  json_object_set_string_member (values, "bic", TEST_INVOICE_BIC);
  g_assert_true (remit_bill_service_review (fixture->service, id, values, &error));
  g_assert_no_error (error);
}

static guint
count_bills (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  guint count = remit_ledger_count_bills (fixture->ledger, &error);

  g_assert_no_error (error);
  return count;
}

/* Import ---------------------------------------------------------------------------------- */

static void
test_import_einvoice (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = sample_path ("fx_XRECHNUNG_Einfach.pdf");
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *extractions = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *amount = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the sample e-invoices are not there");
      return;
    }

  bill = import_file (fixture->service, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_id (bill), >, 0);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_assert_cmpstr (remit_bill_get_iban (bill), ==, SAMPLE_IBAN);
  amount = remit_amount_to_wire (remit_bill_get_amount (bill));
  g_assert_cmpstr (amount, ==, "529.87:EUR");
  g_assert_cmpstr (remit_bill_get_recipient (bill), ==, "Lieferant GmbH");
  g_assert_cmpstr (remit_bill_get_backend (bill), ==, "local");
  g_assert_cmpstr (remit_bill_get_filename (bill), ==, "fx_XRECHNUNG_Einfach.pdf");
  g_assert_cmpstr (remit_bill_get_content_type (bill), ==, "application/pdf");
  g_assert_nonnull (remit_bill_get_document_id (bill));
  g_assert_cmpint (remit_bill_get_duplicate_reason (bill), ==, REMIT_DUPLICATE_REASON_NONE);

  extractions = remit_ledger_dup_extraction (fixture->ledger, remit_bill_get_id (bill), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (extractions, SAMPLE_IBAN));
  layout = remit_ledger_dup_layout (fixture->ledger, remit_bill_get_id (bill), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (layout, "\"pages\""));

  /* The same file again: kept, and flagged. */
  again = import_file (fixture->service, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_id (again), !=, remit_bill_get_id (bill));
  g_assert_cmpint (remit_bill_get_state (again), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_assert_cmpint (remit_bill_get_duplicate_reason (again), ==,
                   REMIT_DUPLICATE_REASON_SAME_FILE);
  g_assert_cmpint (remit_bill_get_duplicate_of (again), ==, remit_bill_get_id (bill));
  g_assert_cmpuint (count_bills (fixture), ==, 2);
}

static void
test_import_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) binary = g_bytes_new_static ("\x00\x01\x02\x03\xff\xfe", 6);
  g_autoptr (GBytes) broken = g_bytes_new_static ("%PDF-1.4\nnot really a PDF", 25);
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) stored = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  /* Nothing that cannot be a bill enters the ledger. */
  bill = import_bytes (fixture->service, empty, "empty.pdf", &error);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "empty.pdf"));
  g_assert_null (bill);
  g_clear_error (&error);
  bill = import_bytes (fixture->service, binary, "x.bin", &error);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_null (bill);
  g_clear_error (&error);
  g_assert_cmpuint (count_bills (fixture), ==, 0);

  /* A damaged PDF is kept, In review, for the person to type its values. */
  bill = import_bytes (fixture->service, broken, "broken.pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_assert_null (remit_bill_get_iban (bill));
  stored = reload (fixture, bill);
  g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_IN_REVIEW);
  history = remit_ledger_get_history (fixture->ledger, remit_bill_get_id (bill), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 2);
}

/* Review, feedback and duplicates by payment ---------------------------------------------- */

static void
test_review (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GBytes) first_pdf = api_test_invoice_pdf ("RE-REVIEW-1");
  g_autoptr (GBytes) second_pdf = api_test_invoice_pdf ("RE-REVIEW-2");
  g_autoptr (RemitBill) first = NULL;
  g_autoptr (RemitBill) second = NULL;
  g_autoptr (RemitBill) stored = NULL;
  g_autoptr (RemitBill) fresh = remit_bill_new ();
  g_autoptr (JsonObject) bad = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RemitBill) sent = NULL;
  g_autoptr (GBytes) content = g_bytes_new_static ("plain text bill", 15);
  g_autofree char *amount = NULL;

  first = import_bytes (fixture->service, first_pdf, "review-1.pdf", &error);
  g_assert_no_error (error);
  second = import_bytes (fixture->service, second_pdf, "review-2.pdf", &error);
  g_assert_no_error (error);

  /* A wrong value stores nothing. */
  json_object_set_string_member (bad, "paymentPurpose", "Rechnung");
  json_object_set_string_member (bad, "iban", "DE02120300000000202052");
  g_assert_false (remit_bill_service_review (fixture->service, remit_bill_get_id (first), bad,
                                             &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "iban"));
  g_clear_error (&error);
  stored = reload (fixture, first);
  g_assert_null (remit_bill_get_reviewed (stored));
  g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_clear_object (&stored);

  review (fixture, remit_bill_get_id (first), "DE02 1203 0000 0000 2020 51", "123,45 EUR",
          "Rechnung RE-REVIEW");
  stored = reload (fixture, first);
  g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_READY_TO_PAY);
  g_assert_cmpstr (remit_bill_get_iban (stored), ==, SAMPLE_IBAN);
  amount = remit_amount_to_wire (remit_bill_get_amount (stored));
  g_assert_cmpstr (amount, ==, "123.45:EUR");
  g_assert_cmpstr (remit_bill_get_purpose (stored), ==, "Rechnung RE-REVIEW");
  g_assert_cmpstr (remit_bill_get_recipient (stored), ==, TEST_INVOICE_RECIPIENT);
  g_assert_cmpint (remit_bill_get_feedback_state (stored), ==, REMIT_FEEDBACK_STATE_PENDING);

  /* Feedback to the document this backend read: sent. */
  remit_bill_service_send_feedback_async (fixture->service, remit_bill_get_id (first), NULL,
                                          result_cb, &result);
  sent = remit_bill_service_send_feedback_finish (fixture->service, await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_feedback_state (sent), ==, REMIT_FEEDBACK_STATE_SENT);

  /* The same payment on another file: a duplicate, flagged when its values are known. */
  review (fixture, remit_bill_get_id (second), SAMPLE_IBAN, "123.45:EUR",
          "rechnung  RE-REVIEW");
  g_clear_object (&stored);
  stored = reload (fixture, second);
  g_assert_cmpint (remit_bill_get_duplicate_reason (stored), ==,
                   REMIT_DUPLICATE_REASON_SAME_PAYMENT);
  g_assert_cmpint (remit_bill_get_duplicate_of (stored), ==, remit_bill_get_id (first));

  /* A bill still being imported cannot be reviewed. */
  remit_bill_set_filename (fresh, "fresh.txt");
  g_assert_true (remit_ledger_add_bill (fixture->ledger, fresh, content, &error));
  g_assert_no_error (error);
  g_assert_false (remit_bill_service_review (fixture->service, remit_bill_get_id (fresh), bad,
                                             &error));
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
}

static void
test_feedback_local_gone (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-GONE");
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) after = NULL;
  g_autoptr (RemitBillService) later = NULL;
  g_autoptr (RemitBackend) backend = REMIT_BACKEND (remit_local_backend_new ());
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  bill = import_bytes (fixture->service, pdf, "gone.pdf", &error);
  g_assert_no_error (error);
  review (fixture, remit_bill_get_id (bill), SAMPLE_IBAN, "10.00:EUR", "Rechnung RE-GONE");

  /* A later run's engine has no such document: nothing left to tell. */
  later = remit_bill_service_new (fixture->ledger, backend);
  remit_bill_service_send_feedback_async (later, remit_bill_get_id (bill), NULL, result_cb,
                                          &result);
  after = remit_bill_service_send_feedback_finish (later, await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_feedback_state (after), ==, REMIT_FEEDBACK_STATE_NONE);

  items = resume (later);
  g_assert_cmpuint (items->len, ==, 0);
}

/* Rails without a server ------------------------------------------------------------------ */

static RemitBill *
ready_bill (Fixture *fixture, const char *reference, const char *amount)
{
  g_autoptr (GBytes) pdf = api_test_invoice_pdf (reference);
  g_autofree char *name = g_strdup_printf ("%s.pdf", reference);
  g_autofree char *purpose = g_strdup_printf ("Rechnung %s", reference);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) bill = import_bytes (fixture->service, pdf, name, &error);

  g_assert_no_error (error);
  review (fixture, remit_bill_get_id (bill), SAMPLE_IBAN, amount, purpose);
  return reload (fixture, bill);
}

static void
test_epc (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RemitBill) bill = ready_bill (fixture, "RE-EPC", "42.10:EUR");
  g_autoptr (RemitBill) after = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *again = NULL;
  gint64 id = remit_bill_get_id (bill);
  RemitPaymentAttempt *attempt;

  payload = remit_bill_service_pay_epc (fixture->service, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (payload, ==,
                   "BCD\n002\n1\nSCT\n" TEST_INVOICE_BIC "\n" TEST_INVOICE_RECIPIENT
                   "\n" SAMPLE_IBAN "\nEUR42.10\n\n\nRechnung RE-EPC");

  after = reload (fixture, bill);
  g_assert_cmpint (remit_bill_get_state (after), ==, REMIT_BILL_STATE_PAYMENT_REQUESTED);
  attempts = remit_ledger_list_payment_attempts (fixture->ledger, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_cmpint (attempt->rail, ==, REMIT_PAYMENT_RAIL_EPC);
  g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_OPEN);

  /* Shown again: the same code, no second attempt. */
  again = remit_bill_service_pay_epc (fixture->service, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, payload);
  g_clear_pointer (&attempts, g_ptr_array_unref);
  attempts = remit_ledger_list_payment_attempts (fixture->ledger, id, &error);
  g_assert_cmpuint (attempts->len, ==, 1);

  /* Paid by hand: no more GiroCode. */
  g_assert_true (remit_bill_service_mark_paid (fixture->service, id, "2024-05-03", &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, g_free);
  again = remit_bill_service_pay_epc (fixture->service, id, &error);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_assert_null (again);
}

static char *
pay_sepa (Fixture *fixture, const gint64 *ids, guint n, GFile *out, char **message_id,
          GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_pay_sepa_async (fixture->service, ids, n, "ACME GmbH",
                                     "DE89370400440532013000", NULL, NULL, out, NULL, result_cb,
                                     &result);
  return remit_bill_service_pay_sepa_finish (fixture->service, await (&result), message_id,
                                             error);
}

static void
test_sepa (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RemitBill) one = ready_bill (fixture, "RE-SEPA-1", "100.00:EUR");
  g_autoptr (RemitBill) two = ready_bill (fixture, "RE-SEPA-2", "23.45:EUR");
  g_autoptr (RemitBill) three = ready_bill (fixture, "RE-SEPA-3", "7.00:EUR");
  g_autofree char *path = g_build_filename (fixture->directory, "transfers.xml", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->directory, "no", "such", "dir.xml",
                                               NULL);
  g_autoptr (GFile) out = g_file_new_for_path (path);
  g_autoptr (GFile) bad = g_file_new_for_path (nowhere);
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *written = NULL;
  g_autofree char *message_id = NULL;
  gint64 both[] = { remit_bill_get_id (one), remit_bill_get_id (two) };
  gint64 twice[] = { remit_bill_get_id (three), remit_bill_get_id (three) };
  gint64 third[] = { remit_bill_get_id (three) };

  g_assert_null (pay_sepa (fixture, twice, 2, out, NULL, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  xml = pay_sepa (fixture, both, 2, out, &message_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, xml);
  g_assert_nonnull (strstr (xml, "<NbOfTxs>2</NbOfTxs>"));
  g_assert_nonnull (strstr (xml, "<CtrlSum>123.45</CtrlSum>"));
  g_assert_nonnull (strstr (xml, "REMIT-1"));

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      g_autoptr (RemitBill) bill = remit_ledger_get_bill (fixture->ledger, both[i], NULL);
      g_autoptr (GPtrArray) attempts =
        remit_ledger_list_payment_attempts (fixture->ledger, both[i], NULL);
      RemitPaymentAttempt *attempt = attempts->pdata[0];

      g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_PAYMENT_REQUESTED);
      g_assert_cmpuint (attempts->len, ==, 1);
      g_assert_cmpint (attempt->rail, ==, REMIT_PAYMENT_RAIL_SEPA);
      g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_OPEN);
      g_assert_cmpstr (attempt->remote_id, ==, message_id);
    }

  /* Paid once: not exported again. */
  g_clear_pointer (&xml, g_free);
  xml = pay_sepa (fixture, both, 1, out, NULL, &error);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  /* A file that cannot be written pays nothing. */
  g_clear_pointer (&xml, g_free);
  xml = pay_sepa (fixture, third, 1, bad, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (xml);
  {
    g_autoptr (RemitBill) bill = reload (fixture, three);
    g_autoptr (GPtrArray) attempts =
      remit_ledger_list_payment_attempts (fixture->ledger, third[0], NULL);

    g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_READY_TO_PAY);
    g_assert_cmpuint (attempts->len, ==, 1);
    g_assert_cmpint (((RemitPaymentAttempt *) attempts->pdata[0])->status, ==,
                     REMIT_PAYMENT_STATUS_FAILED);
  }
}

/* Resume on the local engine -------------------------------------------------------------- */

static void
test_resume_local (Fixture *fixture, gconstpointer data)
{
  RemitJournal *journal = remit_bill_service_get_journal (fixture->service);
  g_autoptr (GBytes) first_pdf = api_test_invoice_pdf ("RE-RESUME-1");
  g_autoptr (GBytes) second_pdf = api_test_invoice_pdf ("RE-RESUME-2");
  g_autoptr (GBytes) third_pdf = api_test_invoice_pdf ("RE-RESUME-3");
  g_autoptr (RemitBill) left = remit_bill_new ();
  g_autoptr (RemitBill) journalled = remit_bill_new ();
  g_autoptr (RemitBill) elsewhere = remit_bill_new ();
  g_autoptr (RemitJournalEntry) entry = NULL;
  g_autoptr (RemitJournalEntry) other = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GError) error = NULL;
  RemitResumeItem *item;

  /* Left between adding the bill and its journal entry. */
  remit_bill_set_filename (left, "left.pdf");
  remit_bill_set_content_type (left, "application/pdf");
  remit_bill_set_backend (left, "local");
  g_assert_true (remit_ledger_add_bill (fixture->ledger, left, first_pdf, &error));
  /* With an upload written but never sent. */
  remit_bill_set_filename (journalled, "journalled.pdf");
  remit_bill_set_content_type (journalled, "application/pdf");
  remit_bill_set_backend (journalled, "local");
  g_assert_true (remit_ledger_add_bill (fixture->ledger, journalled, second_pdf, &error));
  entry = remit_journal_begin (journal, REMIT_JOURNAL_KIND_UPLOAD,
                               remit_bill_get_id (journalled), "local", NULL, &error);
  g_assert_no_error (error);
  /* Of another backend: not touched. */
  remit_bill_set_filename (elsewhere, "elsewhere.pdf");
  remit_bill_set_backend (elsewhere, "https://pay-api.example.com");
  g_assert_true (remit_ledger_add_bill (fixture->ledger, elsewhere, third_pdf, &error));
  other = remit_journal_begin (journal, REMIT_JOURNAL_KIND_UPLOAD, remit_bill_get_id (elsewhere),
                               "https://pay-api.example.com", NULL, &error);
  g_assert_no_error (error);

  items = resume (fixture->service);
  g_assert_cmpuint (items->len, ==, 3);
  item = items->pdata[0];
  g_assert_cmpint (item->bill_id, ==, remit_bill_get_id (journalled));
  g_assert_cmpstr (item->operation, ==, "upload");
  g_assert_cmpstr (item->idempotency_key, ==, remit_journal_entry_get_idempotency_key (entry));
  g_assert_cmpint (item->outcome, ==, REMIT_RESUME_OUTCOME_SENT);
  item = items->pdata[1];
  g_assert_cmpint (item->bill_id, ==, remit_bill_get_id (elsewhere));
  g_assert_cmpint (item->outcome, ==, REMIT_RESUME_OUTCOME_SKIPPED);
  item = items->pdata[2];
  g_assert_cmpint (item->bill_id, ==, remit_bill_get_id (left));
  g_assert_cmpstr (item->operation, ==, "upload");
  g_assert_cmpint (item->outcome, ==, REMIT_RESUME_OUTCOME_SENT);

  {
    g_autoptr (RemitBill) a = reload (fixture, left);
    g_autoptr (RemitBill) b = reload (fixture, journalled);
    g_autoptr (RemitBill) c = reload (fixture, elsewhere);

    g_assert_cmpint (remit_bill_get_state (a), ==, REMIT_BILL_STATE_IN_REVIEW);
    g_assert_nonnull (remit_bill_get_document_id (a));
    g_assert_cmpint (remit_bill_get_state (b), ==, REMIT_BILL_STATE_IN_REVIEW);
    g_assert_cmpint (remit_bill_get_state (c), ==, REMIT_BILL_STATE_NEW);
  }

  pending = remit_journal_list_pending (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (remit_journal_entry_get_idempotency_key (pending->pdata[0]), ==,
                   remit_journal_entry_get_idempotency_key (other));
}

/* Against remit-server -------------------------------------------------------------------- */

typedef struct
{
  Fixture base;
  RemitApiClient *client;
} RemoteFixture;

static void
remote_set_up (RemoteFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBackend) backend = NULL;
  g_autofree char *user = g_uuid_string_random ();

  fixture->base.directory = store_test_make_dir ();
  fixture->base.ledger = remit_ledger_open (fixture->base.directory, &error);
  g_assert_no_error (error);
  if (server == NULL)
    return;
  fixture->client = remit_api_client_new_for_server (api_test_server_get_url (server));
  remit_api_client_set_client_credentials (fixture->client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (fixture->client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (fixture->client, user);
  backend = REMIT_BACKEND (remit_remote_backend_new (fixture->client));
  fixture->base.service = remit_bill_service_new (fixture->base.ledger, backend);
}

static void
remote_tear_down (RemoteFixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->client);
  fixture_tear_down (&fixture->base, data);
}

static GPtrArray *
list_requests (RemoteFixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *requests;

  remit_api_client_list_payment_requests_async (fixture->client, NULL, result_cb, &result);
  requests = remit_api_client_list_payment_requests_finish (fixture->client, await (&result),
                                                            &error);
  g_assert_no_error (error);
  return requests;
}

static RemitBill *
request_payment (RemoteFixture *fixture, gint64 id, const char *provider, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_request_payment_async (fixture->base.service, id, provider, NULL,
                                            result_cb, &result);
  return remit_bill_service_request_payment_finish (fixture->base.service, await (&result),
                                                    error);
}

static RemitBill *
refresh (RemoteFixture *fixture, gint64 id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_refresh_payment_async (fixture->base.service, id, NULL, result_cb,
                                            &result);
  return remit_bill_service_refresh_payment_finish (fixture->base.service, await (&result),
                                                    error);
}

#define NEEDS_SERVER()                                                                   \
  G_STMT_START                                                                           \
  {                                                                                      \
    if (server == NULL)                                                                  \
      {                                                                                  \
        g_test_skip ("remit-server is not built");                                       \
        return;                                                                          \
      }                                                                                  \
  }                                                                                      \
  G_STMT_END

static void
test_payment_request (RemoteFixture *fixture, gconstpointer data)
{
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) paid = NULL;
  g_autoptr (RemitBill) open = NULL;
  g_autoptr (RemitBill) refused = NULL;
  g_autoptr (RemitBill) requested = NULL;
  g_autoptr (RemitBill) second = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GError) error = NULL;
  RemitPaymentAttempt *attempt;
  gint64 id;

  NEEDS_SERVER ();
  bill = ready_bill (&fixture->base, "RE-GINI", "55.00:EUR");
  id = remit_bill_get_id (bill);
  g_assert_cmpstr (remit_bill_get_backend (bill), ==, api_test_server_get_url (server));

  /* A provider the server does not know: refused, recorded, nothing under way. */
  refused = request_payment (fixture, id, "no-such-bank", &error);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE);
  g_assert_null (refused);
  g_clear_error (&error);
  attempts = remit_ledger_list_payment_attempts (fixture->base.ledger, id, &error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_FAILED);
  g_assert_nonnull (attempt->error);
  g_assert_nonnull (attempt->idempotency_key);
  g_clear_pointer (&attempts, g_ptr_array_unref);

  requested = request_payment (fixture, id, "rheinkontor", &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (requested), ==, REMIT_BILL_STATE_PAYMENT_REQUESTED);
  attempts = remit_ledger_list_payment_attempts (fixture->base.ledger, id, &error);
  g_assert_cmpuint (attempts->len, ==, 2);
  attempt = attempts->pdata[1];
  g_assert_cmpint (attempt->status, ==, REMIT_PAYMENT_STATUS_OPEN);
  g_assert_cmpstr (attempt->provider_id, ==, "rheinkontor");
  g_assert_nonnull (attempt->remote_id);

  requests = list_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (remit_payment_request_get_id (requests->pdata[0]), ==, attempt->remote_id);
  g_assert_cmpstr (remit_payment_request_get_purpose (requests->pdata[0]), ==,
                   "Rechnung RE-GINI");
  g_assert_nonnull (strstr (remit_payment_request_get_source_document_location (
                              requests->pdata[0]),
                            remit_bill_get_document_id (bill)));

  /* Not twice. */
  second = request_payment (fixture, id, "rheinkontor", &error);
  g_assert_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE);
  g_clear_error (&error);

  open = refresh (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (open), ==, REMIT_BILL_STATE_PAYMENT_REQUESTED);

  /* The bank pays. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (RemitPaymentRequest) resolved = NULL;
    g_autoptr (RemitPayment) payment = remit_payment_new_for_request (requests->pdata[0]);

    remit_api_client_resolve_payment_request_async (fixture->client, attempt->remote_id,
                                                    payment, NULL, result_cb, &result);
    resolved = remit_api_client_resolve_payment_request_finish (fixture->client,
                                                                await (&result), &error);
    g_assert_no_error (error);
  }
  paid = refresh (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (paid), ==, REMIT_BILL_STATE_PAID);
  g_assert_nonnull (remit_bill_get_paid_date (paid));
}

/* A payment request entry that was sent, for @bill, as the journal would hold it after a
 * crash: the key on the disk, the request perhaps on the server. */
static RemitJournalEntry *
sent_request_entry (RemoteFixture *fixture, RemitBill *bill, const char *provider)
{
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *payload = NULL;
  g_autoptr (GError) error = NULL;
  RemitJournal *journal = remit_bill_service_get_journal (fixture->base.service);
  RemitJournalEntry *entry;

  remit_payment_request_set_iban (request, remit_bill_get_iban (bill));
  remit_payment_request_set_amount (request, remit_bill_get_amount (bill));
  remit_payment_request_set_purpose (request, remit_bill_get_purpose (bill));
  remit_payment_request_set_payment_provider (request, provider);
  body = remit_payment_request_to_create_json (request, &error);
  g_assert_no_error (error);
  payload = json_to_string (body, FALSE);
  entry = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST,
                               remit_bill_get_id (bill),
                               remit_bill_service_get_backend_name (fixture->base.service),
                               payload, &error);
  g_assert_no_error (error);
  g_assert_true (remit_journal_mark_sent (journal, entry, &error));
  return entry;
}

/* Creates, without a key, the request an entry describes: the lost first send. */
static RemitPaymentRequest *
create_directly (RemoteFixture *fixture, RemitJournalEntry *entry)
{
  g_autoptr (JsonNode) node = json_from_string (remit_journal_entry_get_payload (entry), NULL);
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new_from_create_json (node,
                                                                                      NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  RemitPaymentRequest *created;

  remit_api_client_create_payment_request_async (fixture->client, request, NULL, NULL,
                                                 result_cb, &result);
  created = remit_api_client_create_payment_request_finish (fixture->client, await (&result),
                                                            &error);
  g_assert_no_error (error);
  return created;
}

static RemitResumeItem *
find_item (GPtrArray *items, const char *operation)
{
  for (guint i = 0; i < items->len; i++)
    {
      RemitResumeItem *item = items->pdata[i];

      if (g_str_equal (item->operation, operation))
        return item;
    }
  g_error ("The resume did no %s", operation);
  return NULL;
}

static void
test_resume_lookup (RemoteFixture *fixture, gconstpointer data)
{
  g_autoptr (RemitBill) first = NULL;
  g_autoptr (RemitBill) copy = NULL;
  g_autoptr (RemitBill) paid_first = NULL;
  g_autoptr (RemitJournalEntry) lost = NULL;
  g_autoptr (RemitJournalEntry) twin = NULL;
  g_autoptr (RemitPaymentRequest) created = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GError) error = NULL;
  RemitResumeItem *item;
  RemitPaymentAttempt *attempt;
  g_autofree char *first_remote = NULL;

  NEEDS_SERVER ();
  first = ready_bill (&fixture->base, "RE-LOOKUP", "77.00:EUR");
  copy = ready_bill (&fixture->base, "RE-LOOKUP-COPY", "77.00:EUR");
  /* The copy pays the same IBAN the same amount for the same purpose. */
  review (&fixture->base, remit_bill_get_id (copy), SAMPLE_IBAN, "77.00:EUR",
          "Rechnung RE-LOOKUP");
  {
    g_autoptr (RemitBill) stored = reload (&fixture->base, copy);

    g_set_object (&copy, stored);
  }
  g_assert_cmpint (remit_bill_get_duplicate_reason (copy), ==,
                   REMIT_DUPLICATE_REASON_SAME_PAYMENT);

  /* The first bill's request reached the server; its answer was lost. The resume finds it
   * and sends nothing. */
  lost = sent_request_entry (fixture, first, "rheinkontor");
  created = create_directly (fixture, lost);
  items = resume (fixture->base.service);
  /* The reviewed values of both bills were still to be sent as feedback, too. */
  g_assert_cmpuint (items->len, ==, 3);
  item = find_item (items, "payment-request");
  g_assert_cmpint (item->bill_id, ==, remit_bill_get_id (first));
  g_assert_cmpint (item->outcome, ==, REMIT_RESUME_OUTCOME_FOUND);
  g_assert_cmpint (find_item (items, "feedback")->outcome, ==, REMIT_RESUME_OUTCOME_SENT);
  g_assert_nonnull (strstr (item->detail, remit_payment_request_get_id (created)));
  requests = list_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 1);
  attempts = remit_ledger_list_payment_attempts (fixture->base.ledger,
                                                 remit_bill_get_id (first), &error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_cmpstr (attempt->remote_id, ==, remit_payment_request_get_id (created));
  g_assert_cmpstr (attempt->idempotency_key, ==, remit_journal_entry_get_idempotency_key (lost));
  first_remote = g_strdup (attempt->remote_id);
  paid_first = reload (&fixture->base, first);
  g_assert_cmpint (remit_bill_get_state (paid_first), ==, REMIT_BILL_STATE_PAYMENT_REQUESTED);

  /* The duplicate's request never reached the server. The first bill's request looks the
   * same, but it belongs to the first bill: the resume sends the duplicate's own. */
  twin = sent_request_entry (fixture, copy, "rheinkontor");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = resume (fixture->base.service);
  g_assert_cmpuint (items->len, ==, 1);
  item = items->pdata[0];
  g_assert_cmpstr (item->operation, ==, "payment-request");
  g_assert_cmpint (item->bill_id, ==, remit_bill_get_id (copy));
  g_assert_cmpint (item->outcome, ==, REMIT_RESUME_OUTCOME_SENT);
  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = list_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 2);
  g_clear_pointer (&attempts, g_ptr_array_unref);
  attempts = remit_ledger_list_payment_attempts (fixture->base.ledger, remit_bill_get_id (copy),
                                                 &error);
  g_assert_cmpuint (attempts->len, ==, 1);
  attempt = attempts->pdata[0];
  g_assert_nonnull (attempt->remote_id);
  g_assert_cmpstr (attempt->remote_id, !=, first_remote);
}

static RemitBill *
send_feedback (RemoteFixture *fixture, gint64 id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_send_feedback_async (fixture->base.service, id, NULL, result_cb, &result);
  return remit_bill_service_send_feedback_finish (fixture->base.service, await (&result), error);
}

static RemitBill *
delete_label (RemoteFixture *fixture, gint64 id, const char *label, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  remit_bill_service_delete_label_async (fixture->base.service, id, label, NULL, result_cb,
                                         &result);
  return remit_bill_service_delete_label_finish (fixture->base.service, await (&result), error);
}

/* An entry of @kind for @bill with @payload, marked sent: what a crash after sending leaves. */
static RemitJournalEntry *
sent_entry (RemoteFixture *fixture, RemitBill *bill, RemitJournalKind kind, const char *payload)
{
  RemitJournal *journal = remit_bill_service_get_journal (fixture->base.service);
  g_autoptr (GError) error = NULL;
  RemitJournalEntry *entry;

  entry = remit_journal_begin (journal, kind, remit_bill_get_id (bill),
                               remit_bill_service_get_backend_name (fixture->base.service),
                               payload, &error);
  g_assert_no_error (error);
  g_assert_true (remit_journal_mark_sent (journal, entry, &error));
  return entry;
}

static void
test_feedback_and_refusal (RemoteFixture *fixture, gconstpointer data)
{
  g_autoptr (GBytes) broken = g_bytes_new_static ("%PDF-1.4\nnot really a PDF", 25);
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) sent = NULL;
  g_autoptr (RemitBill) deleted = NULL;
  g_autoptr (RemitBill) refused = NULL;
  g_autoptr (RemitJournalEntry) feedback_again = NULL;
  g_autoptr (RemitJournalEntry) delete_again = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;
  g_autofree char *payload_text = NULL;
  g_autofree char *delete_text = NULL;
  const char *document_id;
  guint puts;
  guint deletes;
  gint64 id;

  NEEDS_SERVER ();
  bill = ready_bill (&fixture->base, "RE-FEEDBACK", "31.00:EUR");
  id = remit_bill_get_id (bill);
  document_id = remit_bill_get_document_id (bill);

  puts = api_test_server_count (server, "> PUT /documents/");
  sent = send_feedback (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_feedback_state (sent), ==, REMIT_FEEDBACK_STATE_SENT);
  g_assert_cmpuint (api_test_server_count (server, "> PUT /documents/"), ==, puts + 1);

  /* The feedback set the BIC; the person says it was wrongly found. */
  deletes = api_test_server_count (server, "> DELETE /documents/");
  deleted = delete_label (fixture, id, "bic", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (api_test_server_count (server, "> DELETE /documents/"), ==, deletes + 1);

  /* Both again, as a crash after sending would leave them: found in the document's
   * feedback log, nothing sent twice. */
  {
    g_autoptr (JsonNode) body = NULL;
    g_autoptr (RemitFeedback) feedback = remit_feedback_new ();

    remit_feedback_set_value (feedback, "iban", "iban", NULL, SAMPLE_IBAN);
    remit_feedback_set_value (feedback, "amountToPay", "amount", NULL, "31.00:EUR");
    remit_feedback_set_value (feedback, "paymentPurpose", "text", NULL, "Rechnung RE-FEEDBACK");
    remit_feedback_set_value (feedback, "paymentRecipient", "companyname", NULL,
                              TEST_INVOICE_RECIPIENT);
    remit_feedback_set_value (feedback, "bic", "bic", NULL, TEST_INVOICE_BIC);
    body = remit_feedback_to_json (feedback, &error);
    g_assert_no_error (error);
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "documentId");
    json_builder_add_string_value (builder, document_id);
    json_builder_set_member_name (builder, "feedback");
    json_builder_add_value (builder, g_steal_pointer (&body));
    json_builder_end_object (builder);
    payload = json_builder_get_root (builder);
    payload_text = json_to_string (payload, FALSE);
  }
  feedback_again = sent_entry (fixture, bill, REMIT_JOURNAL_KIND_FEEDBACK, payload_text);
  delete_text = g_strdup_printf ("{\"documentId\":\"%s\",\"label\":\"bic\"}", document_id);
  delete_again = sent_entry (fixture, bill, REMIT_JOURNAL_KIND_DELETE_LABEL, delete_text);
  items = resume (fixture->base.service);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((RemitResumeItem *) items->pdata[0])->operation, ==, "feedback");
  g_assert_cmpint (((RemitResumeItem *) items->pdata[0])->outcome, ==,
                   REMIT_RESUME_OUTCOME_FOUND);
  g_assert_cmpstr (((RemitResumeItem *) items->pdata[1])->operation, ==, "delete-label");
  g_assert_cmpint (((RemitResumeItem *) items->pdata[1])->outcome, ==,
                   REMIT_RESUME_OUTCOME_FOUND);
  g_assert_cmpuint (api_test_server_count (server, "> PUT /documents/"), ==, puts + 1);
  g_assert_cmpuint (api_test_server_count (server, "> DELETE /documents/"), ==, deletes + 1);
  pending = remit_journal_list_pending (remit_bill_service_get_journal (fixture->base.service),
                                        &error);
  g_assert_cmpuint (pending->len, ==, 0);

  /* A damaged file the server refuses: the bill is kept, archived, with the reason. */
  refused = import_bytes (fixture->base.service, broken, "broken.pdf", &error);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_INVALID_VALUE);
  g_assert_null (refused);
  {
    RemitBillQuery query = { .states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_ARCHIVED) };
    g_autoptr (GListModel) archived = remit_ledger_list_bills (fixture->base.ledger, &query,
                                                               NULL);
    g_autoptr (RemitBill) kept = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (archived), ==, 1);
    kept = g_list_model_get_item (archived, 0);
    g_assert_cmpstr (remit_bill_get_filename (kept), ==, "broken.pdf");
  }
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (api_test_server_available ())
    server = api_test_server_start (NULL);

  g_test_add ("/bill-service/import-einvoice", Fixture, NULL, fixture_set_up,
              test_import_einvoice, fixture_tear_down);
  g_test_add ("/bill-service/import-refused", Fixture, NULL, fixture_set_up,
              test_import_refused, fixture_tear_down);
  g_test_add ("/bill-service/review", Fixture, NULL, fixture_set_up, test_review,
              fixture_tear_down);
  g_test_add ("/bill-service/feedback-local-gone", Fixture, NULL, fixture_set_up,
              test_feedback_local_gone, fixture_tear_down);
  g_test_add ("/bill-service/epc", Fixture, NULL, fixture_set_up, test_epc, fixture_tear_down);
  g_test_add ("/bill-service/sepa", Fixture, NULL, fixture_set_up, test_sepa,
              fixture_tear_down);
  g_test_add ("/bill-service/resume-local", Fixture, NULL, fixture_set_up, test_resume_local,
              fixture_tear_down);
  g_test_add ("/bill-service/payment-request", RemoteFixture, NULL, remote_set_up,
              test_payment_request, remote_tear_down);
  g_test_add ("/bill-service/feedback-and-refusal", RemoteFixture, NULL, remote_set_up,
              test_feedback_and_refusal, remote_tear_down);
  g_test_add ("/bill-service/resume-lookup", RemoteFixture, NULL, remote_set_up,
              test_resume_lookup, remote_tear_down);

  status = g_test_run ();
  api_test_server_stop (server);
  return status;
}
