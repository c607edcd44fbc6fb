/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "remit-bill-row.h"
#include "remit-pay-dialog.h"
#include "remit-preferences-window.h"
#include "ui-billlist-util.h"

/* The pay dialog on real bills: the GiroCode scans back to the exact EPC payload, copy
 * buttons fill the clipboard, the SEPA file parses with the right amount, and marking a
 * bill paid changes it in the ledger. */

#define PAIN_NAMESPACE "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"

typedef struct
{
  char *dir;
  RemitLedger *ledger;
  RemitBill *bill;
  GSettings *settings;
  RemitPayDialog *dialog;
  guint changed;
} Fixture;

static void
bill_changed_cb (RemitPayDialog *dialog, RemitBill *bill, Fixture *fixture)
{
  fixture->changed++;
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = remit_pay_dialog_new (NULL, fixture->ledger, fixture->bill);
  g_signal_connect (fixture->dialog, "bill-changed", G_CALLBACK (bill_changed_cb), fixture);
  ui_test_show (GTK_WINDOW (fixture->dialog));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->settings = g_settings_new ("io.github.remitapp.Remit");
  g_settings_reset (fixture->settings, "payer-name");
  g_settings_reset (fixture->settings, "payer-iban");

  fixture->ledger = ui_test_open_ledger (&fixture->dir);
  fixture->bill = ui_test_add_bill (fixture->ledger, "Stadtwerke Köln", "DE89370400440532013000",
                                    12345, "Rechnung 4711", 14, TRUE);
  remit_bill_set_bic (fixture->bill, "COBADEFFXXX");
  g_assert_true (remit_ledger_update_bill (fixture->ledger, fixture->bill, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  ui_test_spin (50);
  g_clear_object (&fixture->bill);
  g_clear_object (&fixture->ledger);
  g_clear_object (&fixture->settings);
  ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static AdwViewStack *
view_stack (Fixture *fixture)
{
  return ADW_VIEW_STACK (ui_test_find_type (GTK_WIDGET (fixture->dialog), ADW_TYPE_VIEW_STACK));
}

static void
show_page (Fixture *fixture, const char *name)
{
  adw_view_stack_set_visible_child_name (view_stack (fixture), name);
  ui_test_spin (300);
}

static gboolean
match_qr_picture (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_PICTURE (widget) && gtk_widget_has_css_class (widget, "qr-code");
}

static gboolean
match_shown_status_page (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_STATUS_PAGE (widget) && ui_test_is_shown (widget);
}

static const char *const stadtwerke_payload = "BCD\n"
                                              "002\n"
                                              "1\n"
                                              "SCT\n"
                                              "COBADEFFXXX\n"
                                              "Stadtwerke Köln\n"
                                              "DE89370400440532013000\n"
                                              "EUR123.45\n"
                                              "\n"
                                              "\n"
                                              "Rechnung 4711";

static void
test_girocode (Fixture *fixture, gconstpointer data)
{
  GtkWidget *picture;
  GdkPaintable *paintable;
  g_autofree char *decoded = NULL;
  g_autofree char *seen = NULL;
  g_autoptr (GdkTexture) screen = NULL;
  g_autofree guchar *pixels = NULL;
  int side;
  gboolean crisp = TRUE;

  open_dialog (fixture);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (fixture)), ==, "girocode");
  g_assert_cmpstr (remit_pay_dialog_get_epc_payload (fixture->dialog), ==, stadtwerke_payload);

  picture = ui_test_find (GTK_WIDGET (fixture->dialog), match_qr_picture, NULL);
  g_assert_true (ui_test_is_shown (picture));
  paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
  g_assert_true (GDK_IS_TEXTURE (paintable));

  /* The texture scans back to the exact payload, umlaut included. */
  decoded = ui_test_decode_qr (GDK_TEXTURE (paintable));
  g_assert_cmpstr (decoded, ==, stadtwerke_payload);

  /* Whole pixels per module: only black and white, no blurred edge. */
  side = gdk_texture_get_width (GDK_TEXTURE (paintable));
  g_assert_cmpint (side, ==, gdk_texture_get_height (GDK_TEXTURE (paintable)));
  pixels = g_malloc ((gsize) side * side * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, (gsize) side * 4);
  for (gsize i = 0; i < (gsize) side * side * 4; i++)
    if (pixels[i] != 0 && pixels[i] != 255)
      crisp = FALSE;
  g_assert_true (crisp);
  /* The quiet zone: the first four modules around the code are white. */
  g_assert_cmpint (pixels[0], ==, 255);
  g_test_message ("GiroCode texture: %d px square", side);

  /* What the window shows scans too, in light and dark style. */
  screen = ui_test_render (GTK_WIDGET (fixture->dialog));
  seen = ui_test_decode_qr (screen);
  g_assert_cmpstr (seen, ==, stadtwerke_payload);

  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->dialog),
                                                       "Scan with your banking app")));
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->dialog),
                                                       "€123.45 to Stadtwerke Köln")));
  g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==,
                   "GiroCode: €123.45 to Stadtwerke Köln");

  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-girocode-light");
  ui_test_set_dark (TRUE);
  g_clear_pointer (&seen, g_free);
  g_clear_object (&screen);
  screen = ui_test_render (GTK_WIDGET (fixture->dialog));
  seen = ui_test_decode_qr (screen);
  g_assert_cmpstr (seen, ==, stadtwerke_payload);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-girocode-dark");
  ui_test_set_dark (FALSE);
}

/* A creditor reference goes into its own element, the text stays empty. */
static void
test_girocode_reference (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *decoded = NULL;
  GtkWidget *picture;

  remit_bill_set_recipient (fixture->bill, "Müller GmbH");
  remit_bill_set_iban (fixture->bill, "DE02 1203 0000 0000 2020 51");
  remit_bill_set_bic (fixture->bill, NULL);
  remit_bill_set_purpose (fixture->bill, "RF18539007547034");
  g_assert_true (remit_ledger_update_bill (fixture->ledger, fixture->bill, &error));
  g_assert_no_error (error);

  open_dialog (fixture);
  g_assert_cmpstr (remit_pay_dialog_get_epc_payload (fixture->dialog), ==,
                   "BCD\n002\n1\nSCT\n\nMüller GmbH\nDE02120300000000202051\nEUR123.45\n\n"
                   "RF18539007547034");
  picture = ui_test_find (GTK_WIDGET (fixture->dialog), match_qr_picture, NULL);
  decoded = ui_test_decode_qr (GDK_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (picture))));
  g_assert_cmpstr (decoded, ==, remit_pay_dialog_get_epc_payload (fixture->dialog));

  /* The dialog follows the bill: a new amount makes a new code. */
  {
    RemitAmount amount;

    remit_amount_init (&amount, 990, "EUR");
    remit_bill_set_amount (fixture->bill, &amount);
  }
  ui_test_spin (50);
  g_clear_pointer (&decoded, g_free);
  decoded = ui_test_decode_qr (GDK_TEXTURE (gtk_picture_get_paintable (GTK_PICTURE (picture))));
  g_assert_cmpstr (decoded, ==,
                   "BCD\n002\n1\nSCT\n\nMüller GmbH\nDE02120300000000202051\nEUR9.90\n\n"
                   "RF18539007547034");
}

/* A value the GiroCode needs is missing: no code, and the reason said plainly. */
static void
test_girocode_missing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *status;
  GtkWidget *picture;

  remit_bill_set_iban (fixture->bill, NULL);
  g_assert_true (remit_ledger_update_bill (fixture->ledger, fixture->bill, &error));
  g_assert_no_error (error);

  open_dialog (fixture);
  g_assert_null (remit_pay_dialog_get_epc_payload (fixture->dialog));
  status = ui_test_find (GTK_WIDGET (fixture->dialog), match_shown_status_page, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "No GiroCode for This Bill");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                   "The IBAN is missing."));
  picture = ui_test_find (GTK_WIDGET (fixture->dialog), match_qr_picture, NULL);
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-girocode-missing");

  /* Its button leads to the details, where the IBAN shows as missing. */
  ui_test_click (ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog),
                                                     "Show Transfer Details"));
  ui_test_spin (300);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (fixture)), ==, "details");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     ui_test_find_row (GTK_WIDGET (fixture->dialog), "IBAN"))),
                   ==, "Missing");
  g_assert_false (gtk_widget_get_sensitive (
    ui_test_find_button_by_tooltip (GTK_WIDGET (fixture->dialog), "Copy IBAN")));
}

static void
text_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **text = user_data;
  g_autoptr (GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;
  gboolean done = FALSE;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, text_read, &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  done = text != NULL;
  g_assert_true (done);
  return text;
}

static void
test_copy (Fixture *fixture, gconstpointer data)
{
  struct
  {
    const char *tooltip;
    const char *expected;
    const char *toast;
  } cases[] = {
    { "Copy IBAN", "DE89370400440532013000", "IBAN copied" },
    { "Copy Amount", "123.45", "Amount copied" },
    { "Copy Recipient", "Stadtwerke Köln", "Recipient copied" },
    { "Copy BIC", "COBADEFFXXX", "BIC copied" },
    { "Copy Purpose", "Rechnung 4711", "Purpose copied" },
  };

  open_dialog (fixture);
  show_page (fixture, "details");

  /* The rows show the values, the IBAN in groups of four. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     ui_test_find_row (GTK_WIDGET (fixture->dialog), "IBAN"))),
                   ==, "DE89 3704 0044 0532 0130 00");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     ui_test_find_row (GTK_WIDGET (fixture->dialog), "Amount"))),
                   ==, "€123.45");
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-details-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-details-dark");
  ui_test_set_dark (FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *button = ui_test_find_button_by_tooltip (GTK_WIDGET (fixture->dialog),
                                                          cases[i].tooltip);
      g_autofree char *text = NULL;

      g_assert_nonnull (button);
      /* Icon-only, so it carries its name for screen readers. */
      g_assert_null (gtk_button_get_label (GTK_BUTTON (button)));
      g_assert_true (gtk_widget_get_sensitive (button));
      ui_test_click (button);
      ui_test_spin (300);
      text = read_clipboard (GTK_WIDGET (fixture->dialog));
      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->dialog), cases[i].toast));
    }
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-details-copied");
}

static char *
xpath_text (xmlDoc *doc, const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;
  char *text = NULL;

  xmlXPathRegisterNs (context, (const xmlChar *) "p", (const xmlChar *) PAIN_NAMESPACE);
  result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  if (result != NULL && result->nodesetval != NULL && result->nodesetval->nodeNr == 1)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      text = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return text;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} ExportResult;

static void
exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExportResult *export = user_data;

  export->ok = remit_pay_dialog_export_sepa_finish (REMIT_PAY_DIALOG (source), result,
                                                    &export->error);
  export->done = TRUE;
}

static void
test_sepa_export (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "transfer.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (GError) error = NULL;
  ExportResult export = { 0 };
  xmlDoc *doc;
  g_autofree char *end_to_end = NULL;
  g_autofree char *expected_id = NULL;
  struct
  {
    const char *xpath;
    const char *expected;
  } expected[] = {
    { "//p:CdtTrfTxInf/p:Amt/p:InstdAmt", "123.45" },
    { "//p:CdtTrfTxInf/p:Amt/p:InstdAmt/@Ccy", "EUR" },
    { "//p:GrpHdr/p:CtrlSum", "123.45" },
    { "//p:GrpHdr/p:NbOfTxs", "1" },
    { "//p:Cdtr/p:Nm", "Stadtwerke Koeln" },
    { "//p:CdtrAcct/p:Id/p:IBAN", "DE89370400440532013000" },
    { "//p:CdtrAgt/p:FinInstnId/p:BIC", "COBADEFFXXX" },
    { "//p:RmtInf/p:Ustrd", "Rechnung 4711" },
    { "//p:Dbtr/p:Nm", "Erika Mustermann" },
    { "//p:DbtrAcct/p:Id/p:IBAN", "DE02120300000000202051" },
  };

  g_settings_set_string (fixture->settings, "payer-name", "Erika Mustermann");
  g_settings_set_string (fixture->settings, "payer-iban", "DE02120300000000202051");
  open_dialog (fixture);
  show_page (fixture, "sepa");
  g_assert_true (ui_test_is_shown (ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog),
                                                                 "_Export SEPA File…")));
  g_assert_true (gtk_widget_get_sensitive (
    ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog), "_Export SEPA File…")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                     ui_test_find_row (GTK_WIDGET (fixture->dialog), "Paid From"))),
                   ==, "Erika Mustermann\nDE02 1203 0000 0000 2020 51");
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-sepa-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-sepa-dark");
  ui_test_set_dark (FALSE);

  remit_pay_dialog_export_sepa_async (fixture->dialog, file, NULL, exported, &export);
  ui_test_wait_for (&export.done, 5000);
  g_assert_no_error (export.error);
  g_assert_true (export.ok);
  g_assert_cmpuint (fixture->changed, ==, 1);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = xpath_text (doc, expected[i].xpath);

      g_assert_cmpstr (text, ==, expected[i].expected);
    }
  end_to_end = xpath_text (doc, "//p:PmtId/p:EndToEndId");
  expected_id = g_strdup_printf ("REMIT-%" G_GINT64_FORMAT, remit_bill_get_id (fixture->bill));
  g_assert_cmpstr (end_to_end, ==, expected_id);
  xmlFreeDoc (doc);

  /* The export is in the bill's payment history, open until the bill is paid. */
  attempts = remit_ledger_list_payment_attempts (fixture->ledger,
                                                 remit_bill_get_id (fixture->bill), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_assert_cmpint (((RemitPaymentAttempt *) attempts->pdata[0])->rail, ==,
                   REMIT_PAYMENT_RAIL_SEPA);
  g_assert_cmpint (((RemitPaymentAttempt *) attempts->pdata[0])->status, ==,
                   REMIT_PAYMENT_STATUS_OPEN);

  /* A paid bill is not exported again. */
  g_assert_true (remit_ledger_mark_paid (fixture->ledger, fixture->bill, NULL, &error));
  g_assert_no_error (error);
  ui_test_spin (50);
  g_assert_false (gtk_widget_get_sensitive (
    ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog), "_Export SEPA File…")));
  export = (ExportResult) { 0 };
  remit_pay_dialog_export_sepa_async (fixture->dialog, file, NULL, exported, &export);
  ui_test_wait_for (&export.done, 5000);
  g_assert_false (export.ok);
  g_assert_error (export.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&export.error);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_sepa_missing_payer (Fixture *fixture, gconstpointer data)
{
  GtkWindow *preferences;
  ExportResult export = { 0 };
  g_autoptr (GFile) file = g_file_new_build_filename (fixture->dir, "never.xml", NULL);

  open_dialog (fixture);
  show_page (fixture, "sepa");
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->dialog),
                                                       "Who Pays?")));
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-sepa-missing-payer");

  remit_pay_dialog_export_sepa_async (fixture->dialog, file, NULL, exported, &export);
  ui_test_wait_for (&export.done, 5000);
  g_assert_false (export.ok);
  g_assert_error (export.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&export.error);
  g_assert_false (g_file_query_exists (file, NULL));

  /* The button opens the preferences at the payer's account. */
  ui_test_click (ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog),
                                                     "_Open Preferences"));
  ui_test_spin (400);
  preferences = find_toplevel (REMIT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->dialog));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (preferences)),
                   ==, "payments");
  ui_test_screenshot (GTK_WIDGET (preferences), "pay-sepa-preferences");

  /* Once the account is there, the dialog offers the export. */
  g_settings_set_string (fixture->settings, "payer-name", "Erika Mustermann");
  g_settings_set_string (fixture->settings, "payer-iban", "DE02120300000000202051");
  ui_test_spin (50);
  g_assert_true (ui_test_is_shown (ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog),
                                                                 "_Export SEPA File…")));
  gtk_window_destroy (preferences);
}

static void
select_day (GtkCalendar *calendar, int offset)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) day = g_date_time_add_days (now, offset);

  gtk_calendar_select_day (calendar, day);
  ui_test_spin (50);
}

static void
test_mark_paid (Fixture *fixture, gconstpointer data)
{
  g_autoptr (RemitBill) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *yesterday = ui_test_day (-1);
  g_autofree char *yesterday_shown = remit_format_date_for_display (yesterday);
  g_autofree char *toast = g_strdup_printf ("Marked as paid on %s", yesterday_shown);
  g_autofree char *paid_on = g_strdup_printf ("This bill was paid on %s.", yesterday_shown);
  GtkCalendar *calendar;
  GtkWidget *button;
  GtkWidget *date_button;

  open_dialog (fixture);
  show_page (fixture, "paid");
  calendar = GTK_CALENDAR (ui_test_find_type (GTK_WIDGET (fixture->dialog), GTK_TYPE_CALENDAR));
  button = ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog), "_Mark as Paid");
  date_button = ui_test_find_type (GTK_WIDGET (fixture->dialog), GTK_TYPE_MENU_BUTTON);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* A day in the future is refused before anything is written. */
  select_day (calendar, 1);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (ui_test_is_shown (ui_test_find_label (
    GTK_WIDGET (fixture->dialog),
    "The payment date lies in the future; choose the day the money was sent")));
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-mark-paid-future");

  select_day (calendar, -1);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (date_button)), ==,
                   yesterday_shown);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-mark-paid-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-mark-paid-dark");
  ui_test_set_dark (FALSE);

  ui_test_click (button);
  ui_test_spin (100);

  stored = remit_ledger_get_bill (fixture->ledger, remit_bill_get_id (fixture->bill), &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (stored), ==, REMIT_BILL_STATE_PAID);
  g_assert_cmpstr (remit_bill_get_paid_date (stored), ==, yesterday);
  g_assert_cmpint (remit_bill_get_state (fixture->bill), ==, REMIT_BILL_STATE_PAID);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->dialog), toast));

  /* Now it says when it was paid and cannot be marked again. */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                     gtk_widget_get_ancestor (date_button, ADW_TYPE_PREFERENCES_GROUP))),
                   ==, paid_on);
  ui_test_screenshot (GTK_WIDGET (fixture->dialog), "pay-mark-paid-done");
}

static void
test_provider_page (Fixture *fixture, gconstpointer data)
{
  GtkWidget *page = gtk_label_new ("Providers");

  open_dialog (fixture);
  g_assert_null (remit_pay_dialog_get_provider_page (fixture->dialog));
  g_assert_false (adw_view_stack_page_get_visible (
    adw_view_stack_get_page (view_stack (fixture),
                             adw_view_stack_get_child_by_name (view_stack (fixture),
                                                               "banking-app"))));

  remit_pay_dialog_set_provider_page (fixture->dialog, page);
  ui_test_spin (300);
  g_assert_true (remit_pay_dialog_get_provider_page (fixture->dialog) == page);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (fixture)), ==,
                   "banking-app");
  g_assert_true (ui_test_is_shown (page));

  remit_pay_dialog_set_provider_page (fixture->dialog, NULL);
  ui_test_spin (300);
  g_assert_null (remit_pay_dialog_get_provider_page (fixture->dialog));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (fixture)), ==, "girocode");
}

static void
collect_buttons (GtkWidget *root, GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root))
    g_ptr_array_add (buttons, root);
  /* A menu button's own toggle button and popover belong to GTK. */
  if (GTK_IS_MENU_BUTTON (root))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* Every control on the pages has a name a screen reader can say: its label, or an
 * accessible label when it shows only an icon. */
static void
test_accessible (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *menu_button;
  GtkWidget *copy_iban;

  g_settings_set_string (fixture->settings, "payer-name", "Erika Mustermann");
  g_settings_set_string (fixture->settings, "payer-iban", "DE02120300000000202051");
  open_dialog (fixture);
  collect_buttons (GTK_WIDGET (view_stack (fixture)), buttons);
  g_assert_cmpuint (buttons->len, >=, 9);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *label = GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button))
                                                 : gtk_menu_button_get_label (
                                                     GTK_MENU_BUTTON (button));

      if (label != NULL && *label != '\0' && GTK_IS_BUTTON (button)
          && gtk_button_get_icon_name (GTK_BUTTON (button)) == NULL)
        continue;
      g_test_message ("button %s, tooltip “%s”", G_OBJECT_TYPE_NAME (button),
                      gtk_widget_get_tooltip_text (button));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
    }

  copy_iban = ui_test_find_button_by_tooltip (GTK_WIDGET (fixture->dialog), "Copy IBAN");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (copy_iban),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy IBAN");
  menu_button = ui_test_find_type (GTK_WIDGET (fixture->dialog), GTK_TYPE_MENU_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Payment date");
}

/* The dialog in German: translated, and nothing cut off (screenshots of every page). */
static void
test_german (Fixture *fixture, gconstpointer data)
{
  static const char *const pages[] = { "girocode", "details", "sepa", "paid" };

  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "de", TRUE);
      textdomain (GETTEXT_PACKAGE);
      g_settings_set_string (fixture->settings, "payer-name", "Erika Mustermann");
      g_settings_set_string (fixture->settings, "payer-iban", "DE02120300000000202051");
      open_dialog (fixture);
      g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->dialog),
                                                           "Mit Ihrer Banking-App scannen")));
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *name = g_strdup_printf ("pay-%s-de", pages[i]);

          show_page (fixture, pages[i]);
          ui_test_screenshot (GTK_WIDGET (fixture->dialog), name);
        }
      g_assert_nonnull (ui_test_find_button_by_tooltip (GTK_WIDGET (fixture->dialog),
                                                        "IBAN kopieren"));
      g_assert_nonnull (ui_test_find_button_by_label (GTK_WIDGET (fixture->dialog),
                                                      "Als bezahlt _markieren"));
      return;
    }

  if (g_getenv ("REMIT_LOCALEDIR") == NULL)
    {
      g_test_skip ("REMIT_LOCALEDIR is not set");
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add ("/pay-dialog/girocode", Fixture, NULL, fixture_set_up, test_girocode,
              fixture_tear_down);
  g_test_add ("/pay-dialog/girocode-reference", Fixture, NULL, fixture_set_up,
              test_girocode_reference, fixture_tear_down);
  g_test_add ("/pay-dialog/girocode-missing", Fixture, NULL, fixture_set_up,
              test_girocode_missing, fixture_tear_down);
  g_test_add ("/pay-dialog/copy", Fixture, NULL, fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/pay-dialog/sepa-export", Fixture, NULL, fixture_set_up, test_sepa_export,
              fixture_tear_down);
  g_test_add ("/pay-dialog/sepa-missing-payer", Fixture, NULL, fixture_set_up,
              test_sepa_missing_payer, fixture_tear_down);
  g_test_add ("/pay-dialog/mark-paid", Fixture, NULL, fixture_set_up, test_mark_paid,
              fixture_tear_down);
  g_test_add ("/pay-dialog/provider-page", Fixture, NULL, fixture_set_up, test_provider_page,
              fixture_tear_down);
  g_test_add ("/pay-dialog/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);
  g_test_add ("/pay-dialog/german", Fixture, NULL, fixture_set_up, test_german,
              fixture_tear_down);

  return g_test_run ();
}
