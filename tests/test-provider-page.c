/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "api-test-common.h"
#include "remit-bill-service.h"
#include "remit-pay-dialog.h"
#include "remit-provider-page.h"
#include "remit-remote-backend.h"
#include "ui-billlist-util.h"

/* The Banking App page of the pay dialog against a remit-server child: the server's banking
 * apps with their icons, a payment request sent to one, and its status read again until the
 * bank has paid it. */

#define REFERENCE "RE-PROVIDER-1"

static ApiTestServer *server;

typedef struct
{
  char *dir;
  RemitLedger *ledger;
  RemitApiClient *client;
  RemitBillService *service;
  RemitBill *bill;
  RemitPayDialog *dialog;
  RemitProviderPage *page;
  guint changed;
} Fixture;

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);
  return *slot;
}

static void
bill_changed_cb (RemitProviderPage *page, RemitBill *bill, Fixture *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBackend) backend = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RemitBill) imported = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autofree char *user = g_uuid_string_random ();

  fixture->ledger = ui_test_open_ledger (&fixture->dir);
  fixture->client = remit_api_client_new_for_server (api_test_server_get_url (server));
  remit_api_client_set_client_credentials (fixture->client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (fixture->client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (fixture->client, user);
  backend = REMIT_BACKEND (remit_remote_backend_new (fixture->client));
  fixture->service = remit_bill_service_new (fixture->ledger, backend);

  /* An invoice read by the server, then confirmed: ready to pay. */
  pdf = api_test_invoice_pdf (REFERENCE);
  remit_bill_service_import_bytes_async (fixture->service, pdf, REFERENCE ".pdf", NULL,
                                         result_cb, &result);
  imported = remit_bill_service_import_finish (fixture->service, await (&result), &error);
  g_assert_no_error (error);
  json_object_set_string_member (values, "iban", TEST_INVOICE_IBAN);
  json_object_set_string_member (values, "bic", TEST_INVOICE_BIC);
  json_object_set_string_member (values, "amountToPay", TEST_INVOICE_AMOUNT);
  json_object_set_string_member (values, "paymentPurpose", "Rechnung " REFERENCE);
  json_object_set_string_member (values, "paymentRecipient", TEST_INVOICE_RECIPIENT);
  g_assert_true (remit_bill_service_review (fixture->service, remit_bill_get_id (imported),
                                            values, &error));
  g_assert_no_error (error);
  fixture->bill = remit_ledger_get_bill (fixture->ledger, remit_bill_get_id (imported), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (fixture->bill), ==, REMIT_BILL_STATE_READY_TO_PAY);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  ui_test_spin (100);
  g_clear_object (&fixture->bill);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->ledger);
  ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
open_page (Fixture *fixture)
{
  GtkWidget *page = remit_provider_page_new (fixture->service, fixture->bill);

  fixture->page = REMIT_PROVIDER_PAGE (page);
  g_signal_connect (page, "bill-changed", G_CALLBACK (bill_changed_cb), fixture);
  fixture->dialog = remit_pay_dialog_new (NULL, fixture->ledger, fixture->bill);
  remit_pay_dialog_set_provider_page (fixture->dialog, page);
  ui_test_show (GTK_WINDOW (fixture->dialog));
}

static GtkStack *
page_stack (Fixture *fixture)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (fixture->page)));
}

/* Runs the main loop until the page's stack shows @name. */
static void
wait_for_stack (Fixture *fixture, const char *name, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_strcmp0 (gtk_stack_get_visible_child_name (page_stack (fixture)), name) != 0
         && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack (fixture)), ==, name);
  ui_test_spin (300);
}

static void
wait_for_status (Fixture *fixture, RemitPaymentRequestStatus status, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (remit_provider_page_get_status (fixture->page) != status
         && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpint (remit_provider_page_get_status (fixture->page), ==, status);
  ui_test_spin (300);
}

static GtkWidget *
find_provider_row (Fixture *fixture, const char *name)
{
  GtkWidget *row = ui_test_find_row (GTK_WIDGET (fixture->page), name);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  return row;
}

/* The stack in front of the row's title: "swatch" until the icon is there. */
static GtkStack *
row_prefix (GtkWidget *row)
{
  GtkWidget *stack = ui_test_find_type (row, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return GTK_STACK (stack);
}

static GPtrArray *
server_requests (Fixture *fixture)
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

static const char *const server_providers[] = {
  "Nordlicht Bank",
  "Rheinkontor",
  "Alpenmünze",
  "Hafenkasse",
};

static void
test_request_paid (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) requests = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autoptr (RemitBill) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *amount = NULL;
  GtkWidget *send;
  GtkWidget *row;
  GtkWidget *check;
  AdwViewStack *view_stack;
  RemitPaymentRequest *request;
  gint64 end;

  open_page (fixture);

  /* The page comes first in the dialog and lists the server's banking apps. */
  view_stack = ADW_VIEW_STACK (ui_test_find_type (GTK_WIDGET (fixture->dialog),
                                                  ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "banking-app");
  wait_for_stack (fixture, "providers", 20000);
  for (guint i = 0; i < G_N_ELEMENTS (server_providers); i++)
    {
      row = find_provider_row (fixture, server_providers[i]);
      g_assert_true (ui_test_is_shown (row));
    }
  g_assert_null (ui_test_find_row (GTK_WIDGET (fixture->page), "No Such Bank"));

  /* The icons come from the server, one per row, in place of the colour swatch. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (guint i = 0; i < G_N_ELEMENTS (server_providers); i++)
    {
      GtkStack *prefix = row_prefix (find_provider_row (fixture, server_providers[i]));

      while (g_strcmp0 (gtk_stack_get_visible_child_name (prefix), "icon") != 0
             && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (prefix), ==, "icon");
      g_assert_nonnull (gtk_image_get_paintable (
        GTK_IMAGE (gtk_stack_get_child_by_name (prefix, "icon"))));
    }
  ui_test_spin (300);

  /* Nothing to send before a banking app is chosen. */
  send = ui_test_find_button_by_label (GTK_WIDGET (fixture->page), "_Send Payment Request");
  g_assert_nonnull (send);
  g_assert_false (gtk_widget_is_sensitive (send));
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "provider-page-list");

  /* Activating the row chooses its banking app; the check button carries its name. */
  row = find_provider_row (fixture, "Rheinkontor");
  check = ui_test_find_type (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_activate (row));
  ui_test_spin (100);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_is_sensitive (send));
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "provider-page-chosen");

  /* Sent: the bill waits for the banking app, the server holds one request for it. */
  ui_test_click (send);
  wait_for_status (fixture, REMIT_PAYMENT_REQUEST_STATUS_OPEN, 20000);
  wait_for_stack (fixture, "status", 5000);
  texts = ui_test_collect_labels (GTK_WIDGET (fixture->page));
  g_assert_true (ui_test_texts_contain (texts, "Waiting for Your Banking App"));
  g_clear_pointer (&texts, g_ptr_array_unref);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpint (remit_bill_get_state (remit_provider_page_get_bill (fixture->page)), ==,
                   REMIT_BILL_STATE_PAYMENT_REQUESTED);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "provider-page-waiting");

  requests = server_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 1);
  request = requests->pdata[0];
  g_assert_cmpstr (remit_payment_request_get_payment_provider (request), ==, "rheinkontor");
  g_assert_cmpstr (remit_payment_request_get_iban (request), ==, TEST_INVOICE_IBAN);
  amount = remit_amount_to_wire (remit_payment_request_get_amount (request));
  g_assert_cmpstr (amount, ==, TEST_INVOICE_AMOUNT);
  g_assert_cmpstr (remit_payment_request_get_purpose (request), ==, "Rechnung " REFERENCE);
  g_assert_cmpint (remit_payment_request_get_status (request), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_OPEN);

  /* A refresh while the bank has not paid changes nothing. */
  remit_provider_page_refresh (fixture->page);
  ui_test_spin (1500);
  g_assert_cmpint (remit_provider_page_get_status (fixture->page), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* The bank pays; the page's own timer finds it. */
  remit_provider_page_set_refresh_interval (fixture->page, 1);
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (RemitPaymentRequest) resolved = NULL;
    g_autoptr (RemitPayment) payment = remit_payment_new_for_request (request);

    remit_api_client_resolve_payment_request_async (fixture->client,
                                                    remit_payment_request_get_id (request),
                                                    payment, NULL, result_cb, &result);
    resolved = remit_api_client_resolve_payment_request_finish (fixture->client,
                                                                await (&result), &error);
    g_assert_no_error (error);
  }
  wait_for_status (fixture, REMIT_PAYMENT_REQUEST_STATUS_PAID, 15000);
  texts = ui_test_collect_labels (GTK_WIDGET (fixture->page));
  g_assert_true (ui_test_texts_contain (texts, "Paid"));
  g_assert_false (ui_test_texts_contain (texts, "Waiting for Your Banking App"));
  g_assert_cmpuint (fixture->changed, ==, 2);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "provider-page-paid");

  stored = remit_ledger_get_bill (fixture->ledger, remit_bill_get_id (fixture->bill), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_PAID);
  g_assert_nonnull (remit_bill_get_paid_date (stored));

  /* Paid stays paid: no more refreshing, no second request. */
  ui_test_spin (2500);
  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = server_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpuint (fixture->changed, ==, 2);
}

/* A request the server refuses: the page says so and the bill can be sent again. */
static void
test_request_refused (Fixture *fixture, gconstpointer data)
{
  GtkWidget *send;
  GtkWidget *label;
  g_autoptr (GPtrArray) requests = NULL;

  /* A provider that does not exist cannot be chosen in the list; a bill that is not
   * reviewed can be: the bill service refuses it before anything is sent. */
  ui_test_move (fixture->ledger, fixture->bill, REMIT_BILL_STATE_IN_REVIEW);
  open_page (fixture);
  wait_for_stack (fixture, "providers", 20000);
  g_assert_true (gtk_widget_activate (find_provider_row (fixture, "Hafenkasse")));
  send = ui_test_find_button_by_label (GTK_WIDGET (fixture->page), "_Send Payment Request");
  ui_test_click (send);

  label = NULL;
  for (int i = 0; i < 2000 && label == NULL; i++)
    {
      g_autoptr (GPtrArray) texts = ui_test_collect_labels (GTK_WIDGET (fixture->page));

      for (guint j = 0; j < texts->len && label == NULL; j++)
        if (g_str_has_prefix (texts->pdata[j], "The payment request was not sent: "))
          label = ui_test_find_label (GTK_WIDGET (fixture->page), texts->pdata[j]);
      if (label == NULL)
        ui_test_spin (10);
    }
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                           "is not reviewed yet: confirm its IBAN and amount first"));
  g_assert_true (gtk_widget_is_sensitive (send));
  g_assert_cmpint (remit_provider_page_get_status (fixture->page), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
  g_assert_cmpuint (fixture->changed, ==, 0);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "provider-page-refused");

  requests = server_requests (fixture);
  g_assert_cmpuint (requests->len, ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  ui_test_init (&argc, &argv);
  if (!api_test_server_available ())
    {
      g_test_skip ("remit-server is not built");
      return g_test_run ();
    }
  server = api_test_server_start (NULL);

  g_test_add ("/provider-page/request-paid", Fixture, NULL, fixture_set_up, test_request_paid,
              fixture_tear_down);
  g_test_add ("/provider-page/request-refused", Fixture, NULL, fixture_set_up,
              test_request_refused, fixture_tear_down);
  status = g_test_run ();
  api_test_server_stop (server);
  return status;
}
