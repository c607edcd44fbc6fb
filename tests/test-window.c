/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include "remit-application.h"
#include "remit-bill-list.h"
#include "remit-bill-row.h"
#include "remit-document-view-private.h"
#include "remit-fold-bin.h"
#include "remit-line-items.h"
#include "remit-pay-dialog.h"
#include "remit-return-assistant.h"
#include "remit-return-item-row.h"
#include "remit-review-panel.h"
#include "remit-test-invoice.h"
#include "remit-window.h"
#include "ui-test-util.h"

/* The whole window, as a person uses it: two generated invoices (native PDFs whose every
 * value and its place on the page are known) and, when ../shared has it, a ZUGFeRD sample are
 * dropped on the window at once, read by the local engine into the ledger; the first is shown
 * with its fields and boxes; a word clicked on the page fills the selected field, the change
 * is kept in the ledger and comes back, returning an item changes the amount, Confirm makes
 * the bill ready to pay, Pay… opens the pay dialog. The tests run in order on one window and
 * one ledger. */

#define MAIN "invoice.pdf"
#define OTHER "freelancer.pdf"
#define SAMPLE "fx_EN16931_Physiotherapeut.pdf"
#define WAIT_SECONDS 30

static RemitApplication *app;
static RemitWindow *window;
static char *data_dir;
static char *sample_path;              /* NULL when the samples are not there */
static char *main_path;
static RemitTestExpected *expected;    /* of MAIN */
static char *other_path;
static RemitTestExpected *other_expected;

/* Helpers ----------------------------------------------------------------------------------- */

typedef gboolean (*Condition) (gconstpointer data);

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition condition, gconstpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint timeout = g_timeout_add (20, wake_up, NULL);

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  if (!condition (data))
    g_error ("Waited %d s in vain for %s", WAIT_SECONDS, what);
}

static gboolean
has_action (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* Whether an action is enabled, as the button that activates it shows. */
static gboolean
action_enabled (const char *action)
{
  GtkWidget *button = ui_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, has_action, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

/* Lets running transitions end (when animations are on). */
static void
settle (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 800 * 1000;
  guint timeout = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  ui_test_wait_for_draw (widget);
}

/* An IBAN as the review panel shows it: groups of four. */
static char *
grouped (const char *iban)
{
  GString *text = g_string_new (NULL);

  for (const char *p = iban; *p != '\0'; p++)
    {
      if (p != iban && (p - iban) % 4 == 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* What is left to pay after returning the item at @index. */
static char *
amount_without_item (guint index)
{
  RemitTestExpectedItem *item = g_ptr_array_index (expected->items, index);
  RemitAmount left = expected->amount_to_pay;

  left.minor -= item->base_gross.minor * item->quantity;
  return remit_amount_to_wire (&left);
}

static GtkWidget *
find (GType type)
{
  GtkWidget *widget = ui_test_find (GTK_WIDGET (window), type, NULL, NULL);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
find_named (const char *name)
{
  GtkWidget *widget = ui_test_find_by_accessible_label (GTK_WIDGET (window), GTK_TYPE_WIDGET,
                                                        name);

  g_assert_nonnull (widget);
  return widget;
}

static RemitReviewPanel *
panel (void)
{
  return REMIT_REVIEW_PANEL (find (REMIT_TYPE_REVIEW_PANEL));
}

static RemitDocumentView *
document_view (void)
{
  return REMIT_DOCUMENT_VIEW (find (REMIT_TYPE_DOCUMENT_VIEW));
}

static const char *
field_text (const char *title)
{
  GtkWidget *row = ui_test_find_row (GTK_WIDGET (panel ()), title);

  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static RemitLedger *
ledger (void)
{
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger = remit_application_get_ledger (app, &error);

  g_assert_no_error (error);
  return ledger;
}

/* The bill with this file name, fresh from the ledger. */
static RemitBill *
ledger_bill (const char *filename)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) bills = remit_ledger_list_bills (ledger (), &(RemitBillQuery){ 0 },
                                                          &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (bills, i);

      if (g_strcmp0 (remit_bill_get_filename (bill), filename) == 0)
        return g_steal_pointer (&bill);
    }
  return NULL;
}

static const char *
visible_page (const char *stack_child_name)
{
  g_autoptr (GPtrArray) stacks = ui_test_find_all (GTK_WIDGET (window), GTK_TYPE_STACK, NULL,
                                                   NULL);

  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (stacks->pdata[i], stack_child_name) != NULL)
      return gtk_stack_get_visible_child_name (stacks->pdata[i]);
  g_assert_not_reached ();
}

static gboolean
title_is (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), data) == 0
         && g_str_has_prefix (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)),
                              "In review");
}

static gboolean
row_titled (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
row_named (GtkWidget *widget, gconstpointer data)
{
  RemitBill *bill = remit_bill_row_get_bill (REMIT_BILL_ROW (widget));
  g_autofree char *name = bill != NULL ? remit_bill_dup_display_name (bill) : NULL;

  return g_strcmp0 (name, data) == 0;
}

/* The row of the bill list that names this bill. */
static GtkWidget *
bill_row (const char *name)
{
  ui_test_wait_for_draw (GTK_WIDGET (window));
  return ui_test_find (find (REMIT_TYPE_BILL_LIST), REMIT_TYPE_BILL_ROW, row_named, name);
}

static gboolean
bill_is_shown (gconstpointer data)
{
  RemitBill *bill = remit_window_get_bill (window);

  return bill != NULL && g_strcmp0 (remit_bill_get_filename (bill), data) == 0
         && g_strcmp0 (visible_page ("bill"), "bill") == 0;
}

/* Chooses a bill in the list as a click does and waits until it is shown. */
static void
select_bill (const char *title, const char *filename)
{
  GtkWidget *row = bill_row (title);

  g_assert_nonnull (row);
  /* What a click on the row does. */
  g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE));
  wait_until (bill_is_shown, filename, "the chosen bill");
  ui_test_wait_for_draw (GTK_WIDGET (window));
}

static gboolean
pages_rendered (gconstpointer data)
{
  return remit_document_view_is_rendered (document_view ());
}

static gboolean
no_imports (gconstpointer data)
{
  return !gtk_widget_get_visible (find_named ("Bills being read"));
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
dialog_shown (gconstpointer data)
{
  return find_dialog () != NULL;
}

/* Drops files on the window as a file manager does: a GdkFileList through its drop target. */
static void
drop_files (const char *const *paths)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (
    ui_test_find (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL, NULL));
  g_autoptr (GSList) files = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &accepted);
  g_assert_true (accepted);
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);
}

/* Tests ------------------------------------------------------------------------------------- */

/* Before any bill: a call to drop or open one, the bill actions hidden. */
static void
test_empty (void)
{
  g_autofree char *shot = NULL;

  g_assert_cmpstr (visible_page ("bill"), ==, "empty");
  g_assert_cmpstr (visible_page ("no-results"), ==, "empty");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "Drop an Invoice Here"));
  g_assert_false (gtk_widget_get_visible (find_named ("Bill Menu")));
  g_assert_false (action_enabled ("win.pay"));

  /* Every button a person can reach says what it does. */
  g_assert_nonnull (find_named ("Open Bills"));
  g_assert_nonnull (find_named ("Main Menu"));
  g_assert_nonnull (find_named ("Search bills"));

  shot = ui_test_save_screenshot (GTK_WIDGET (window), "window-empty");
}

/* Several files dropped at once: each becomes a bill, the first is shown with its fields. */
static void
test_drop (void)
{
  const char *paths[] = { main_path, other_path, sample_path, NULL };
  guint n_files = sample_path != NULL ? 3 : 2;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (RemitBill) other = NULL;
  GtkWidget *imports;

  drop_files (paths);

  /* They are listed as being read until they are done. */
  imports = find_named ("Bills being read");
  g_assert_true (gtk_widget_get_visible (imports));
  g_assert_nonnull (ui_test_find (imports, ADW_TYPE_ACTION_ROW, row_titled, MAIN));
  g_assert_nonnull (ui_test_find (imports, ADW_TYPE_ACTION_ROW, row_titled, OTHER));

  wait_until (bill_is_shown, MAIN, "the first bill to be shown");
  wait_until (no_imports, NULL, "the imports to end");
  g_assert_cmpuint (remit_ledger_count_bills (ledger (), NULL), ==, n_files);

  /* The native PDFs are read from their pages by the engine. */
  bill = ledger_bill (MAIN);
  g_assert_nonnull (bill);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_assert_cmpstr (remit_bill_get_recipient (bill), ==, expected->recipient.value);
  g_assert_cmpstr (remit_bill_get_iban (bill), ==, expected->iban.value);
  g_assert_cmpint (remit_bill_get_amount (bill)->minor, ==, expected->amount_to_pay.minor);
  other = ledger_bill (OTHER);
  g_assert_nonnull (other);
  g_assert_cmpstr (remit_bill_get_iban (other), ==, other_expected->iban.value);

  /* The e-invoice's values come from its XML. */
  if (sample_path != NULL)
    {
      g_autoptr (RemitBill) sample = ledger_bill (SAMPLE);

      g_assert_nonnull (sample);
      g_assert_cmpstr (remit_bill_get_iban (sample), ==, "DE02120300000000202051");
      g_assert_cmpint (remit_bill_get_amount (sample)->minor, ==, 38000);
      g_assert_nonnull (bill_row ("Physiotherapeutin"));
    }
  else
    g_test_message ("The sample e-invoices are not there; only generated invoices are used");

  /* The list shows them; the header the shown one. */
  g_assert_nonnull (bill_row (expected->recipient.value));
  g_assert_nonnull (bill_row (other_expected->recipient.value));
  g_assert_cmpstr (visible_page ("no-results"), ==, "list");
  g_assert_nonnull (ui_test_find (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, title_is,
                                  expected->recipient.value));
}

/* The box the view draws for @label is where the generator drew the value. */
static void
assert_box_at (const char *label, const RemitTestBox *place)
{
  RemitBox box = { .page = place->page, .left = place->left, .top = place->top,
                   .width = place->width, .height = place->height };
  graphene_rect_t drawn, wanted;
  graphene_point_t a, b;

  g_assert_true (remit_document_view_get_box_rect (document_view (), label, &drawn));
  g_assert_true (remit_document_view_box_to_widget (document_view (), &box, &wanted));
  graphene_rect_get_center (&drawn, &a);
  graphene_rect_get_center (&wanted, &b);
  g_assert_cmpfloat (fabs (a.x - b.x), <, 8);
  g_assert_cmpfloat (fabs (a.y - b.y), <, 8);
  g_assert_cmpfloat (drawn.size.width, >, 4);
}

/* The fields show what the engine found; the page shows where. */
static void
test_fields_and_boxes (void)
{

  g_autofree char *iban = grouped (expected->iban.value);
  g_autofree char *amount = remit_review_panel_dup_value (panel (), "amountToPay");

  g_assert_cmpstr (field_text ("Recipient"), ==, expected->recipient.value);
  g_assert_cmpstr (field_text ("IBAN"), ==, iban);
  g_assert_cmpstr (field_text ("BIC"), ==, expected->bic.value);
  g_assert_cmpstr (field_text ("Reference"), ==, expected->payment_reference.value);
  g_assert_cmpstr (amount, ==, expected->amount.value);
  g_assert_true (remit_review_panel_get_valid (panel ()));

  wait_until (pages_rendered, NULL, "the pages to be painted");
  g_assert_cmpuint (remit_document_view_get_n_pages (document_view ()), ==, expected->n_pages);
  assert_box_at ("paymentRecipient", &expected->recipient.box);
  assert_box_at ("iban", &expected->iban.box);
  assert_box_at ("amountToPay", &expected->amount.box);

  /* The pay and bill actions are there for a bill in review. */
  g_assert_true (gtk_widget_get_visible (find_named ("Bill Menu")));
  g_assert_true (action_enabled ("win.pay"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (panel ())));
}

static gboolean
reviewed_has (gconstpointer data)
{
  g_autoptr (RemitBill) bill = ledger_bill (MAIN);

  return bill != NULL && remit_bill_get_reviewed (bill) != NULL
         && strstr (remit_bill_get_reviewed (bill), data) != NULL;
}

/* With “Reference” selected, a click on the customer number on the page fills it; the change
 * is kept in the ledger and comes back when the bill is shown again. */
static void
test_click_word (void)
{
  const RemitTestBox *place = &expected->customer_number.box;
  RemitBox word = { .page = place->page, .left = place->left, .top = place->top,
                    .width = place->width, .height = place->height };
  g_autofree char *kept = g_strdup_printf ("\"paymentReference\":\"%s\"",
                                           expected->customer_number.value);
  g_autoptr (RemitBill) bill = NULL;
  graphene_rect_t rect;

  remit_review_panel_set_selected_label (panel (), "paymentReference");
  ui_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (remit_document_view_get_selected_label (document_view ()), ==,
                   "paymentReference");

  g_assert_true (remit_document_view_box_to_widget (document_view (), &word, &rect));
  remit_document_view_click (document_view (), rect.origin.x + rect.size.width / 2,
                             rect.origin.y + rect.size.height / 2);
  ui_test_iterate ();
  g_assert_cmpstr (field_text ("Reference"), ==, expected->customer_number.value);
  g_assert_true (remit_review_panel_get_valid (panel ()));

  /* Kept in the ledger after a moment, unconfirmed. */
  wait_until (reviewed_has, kept, "the reviewed value in the ledger");
  bill = ledger_bill (MAIN);
  g_assert_cmpint (remit_bill_get_feedback_state (bill), ==, REMIT_FEEDBACK_STATE_PENDING);

  /* Another bill, then this one again: the value comes back from the ledger. */
  select_bill (other_expected->recipient.value, OTHER);
  g_assert_cmpstr (field_text ("Recipient"), ==, other_expected->recipient.value);
  select_bill (expected->recipient.value, MAIN);
  g_assert_cmpstr (field_text ("Reference"), ==, expected->customer_number.value);
  g_assert_cmpstr (field_text ("Recipient"), ==, expected->recipient.value);
}

static gboolean
item_named (GtkWidget *widget, gconstpointer data)
{
  RemitLineItem *item = remit_return_item_row_get_item (REMIT_RETURN_ITEM_ROW (widget));

  return item != NULL && g_strcmp0 (remit_line_item_get_description (item), data) == 0;
}

static gboolean
is_menu_item (GtkWidget *widget)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "modelbutton") == 0;
}

static GtkWidget *
menu_item (GtkWidget *popover, const char *text)
{
  g_autoptr (GPtrArray) labels = ui_test_find_all (popover, GTK_TYPE_LABEL, NULL, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *item = gtk_widget_get_parent (labels->pdata[i]);

      while (item != NULL && !is_menu_item (item))
        item = gtk_widget_get_parent (item);
      if (item != NULL && g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
        return item;
    }
  return NULL;
}

/* The Return Assistant is offered for this bill (its items add up to the amount); returning
 * the last item with a reason leaves the rest to pay, in the assistant and in the review
 * panel. */
static void
test_return_item (void)
{
  RemitReturnAssistant *assistant;
  AdwViewStack *stack;
  AdwViewSwitcherBar *bar;
  GtkWidget *row, *toggle, *popover, *reason;
  RemitTestExpectedItem *last = g_ptr_array_index (expected->items, expected->items->len - 1);
  const char *description = last->description.value;
  g_autofree char *toggle_name = g_strdup_printf ("Return %s", description);
  g_autofree char *left = amount_without_item (expected->items->len - 1);
  g_autofree char *total = NULL;
  g_autofree char *amount = NULL;

  bar = ADW_VIEW_SWITCHER_BAR (find (ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  stack = ADW_VIEW_STACK (find (ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "items");
  ui_test_wait_for_draw (GTK_WIDGET (window));

  assistant = REMIT_RETURN_ASSISTANT (find (REMIT_TYPE_RETURN_ASSISTANT));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (remit_return_assistant_get_items (assistant))),
                    ==, expected->items->len);
  row = ui_test_find (GTK_WIDGET (assistant), REMIT_TYPE_RETURN_ITEM_ROW, item_named,
                      description);
  g_assert_nonnull (row);
  toggle = ui_test_find_by_accessible_label (row, GTK_TYPE_TOGGLE_BUTTON, toggle_name);
  g_assert_nonnull (toggle);
  popover = ui_test_find (row, GTK_TYPE_POPOVER, NULL, NULL);

  ui_test_press_button (toggle);
  ui_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (popover));
  reason = menu_item (popover, "Item is damaged");
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_activate (reason));
  ui_test_wait_for_draw (GTK_WIDGET (window));

  total = remit_amount_to_wire (
    remit_line_items_get_total (remit_return_assistant_get_items (assistant)));
  g_assert_cmpstr (total, ==, left);
  amount = remit_review_panel_dup_value (panel (), "amountToPay");
  g_assert_cmpstr (amount, ==, left);

  {
    g_autofree char *shot = ui_test_save_screenshot (GTK_WIDGET (window), "window-items");
  }
  adw_view_stack_set_visible_child_name (stack, "review");
}

/* Ctrl+Return confirms: the bill takes the reviewed values and is ready to pay. */
static void
test_confirm (void)
{
  g_autoptr (RemitBill) bill = NULL;
  g_autofree char *left = amount_without_item (expected->items->len - 1);
  g_autofree char *amount = NULL;
  g_autofree char *kept = g_strdup_printf ("\"paymentReference\":\"%s\"",
                                           expected->customer_number.value);
  GtkWidget *row;

  g_assert_true (ui_test_activate_shortcut (GTK_WIDGET (window), "<Control>Return"));
  ui_test_iterate ();

  bill = ledger_bill (MAIN);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_READY_TO_PAY);
  amount = remit_amount_to_wire (remit_bill_get_amount (bill));
  g_assert_cmpstr (amount, ==, left);
  g_assert_nonnull (strstr (remit_bill_get_reviewed (bill), kept));

  row = bill_row (expected->recipient.value);
  g_assert_nonnull (row);
  g_assert_cmpint (remit_bill_get_state (remit_bill_row_get_bill (REMIT_BILL_ROW (row))), ==,
                   REMIT_BILL_STATE_READY_TO_PAY);
  wait_until (bill_is_shown, MAIN, "the confirmed bill");
}

static GtkWindow *
find_pay_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (REMIT_IS_PAY_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
pay_dialog_shown (gconstpointer data)
{
  return find_pay_dialog () != NULL;
}

/* Pay… (Ctrl+P) opens the pay dialog for the shown bill, over the window. */
static void
test_pay (void)
{
  g_autofree char *shot = NULL;
  GtkWindow *dialog;
  RemitBill *bill;


  g_assert_true (action_enabled ("win.pay"));
  /* The dialog's view switcher bar sits in a GtkRevealer, which GTK 4.8 allocates a negative
   * height while hidden when animations are off (a warning, fatal in tests). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pay", NULL);
  wait_until (pay_dialog_shown, NULL, "the pay dialog");

  dialog = find_pay_dialog ();
  bill = remit_pay_dialog_get_bill (REMIT_PAY_DIALOG (dialog));
  g_assert_cmpstr (remit_bill_get_filename (bill), ==, MAIN);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_READY_TO_PAY);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* The local engine has no banking apps: only the rails that need no account. */
  g_assert_null (remit_pay_dialog_get_provider_page (REMIT_PAY_DIALOG (dialog)));
  settle (GTK_WIDGET (dialog));
  shot = ui_test_save_screenshot (GTK_WIDGET (dialog), "window-pay");

  gtk_window_destroy (dialog);
  ui_test_iterate ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gconstpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Whether @widget's own shortcuts map @trigger to the action @name. */
static gboolean
has_binding (GtkWidget *widget, const char *trigger, const char *name)
{
  g_autoptr (GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
              && GTK_IS_NAMED_ACTION (action)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), name))
            return TRUE;
        }
    }
  return FALSE;
}

static void
assert_accel (const char *action, const char *accel)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_true (g_strv_contains ((const char *const *) accels, accel));
}

/* The keyboard shortcuts, the window that lists them (Ctrl+?), and the about window. */
static void
test_shortcuts_and_about (void)
{
  g_autofree char *shot = NULL;
  GtkWindow *shortcuts;
  GtkWindow *about;

  assert_accel ("win.open", "<Control>o");
  assert_accel ("win.search", "<Control>f");
  assert_accel ("app.quit", "<Control>q");
  assert_accel ("win.preferences", "<Control>comma");
  assert_accel ("win.show-help-overlay", "<Control>question");
  assert_accel ("win.show-help-overlay", "F1");
  /* Delete and Ctrl+Return are the window's own, so that a text field keeps its Delete. */
  g_assert_true (has_binding (GTK_WIDGET (window), "Delete", "win.archive"));
  g_assert_true (has_binding (GTK_WIDGET (window), "<Control>Return", "win.confirm"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), "the shortcuts");
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (shortcuts), "Confirm the payment details"));
  shot = ui_test_save_screenshot (GTK_WIDGET (shortcuts), "window-shortcuts");
  gtk_window_close (shortcuts);
  ui_test_iterate ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), "the about window");
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Remit");
  gtk_window_destroy (about);
  ui_test_iterate ();
}

/* Screenshots of the main states, and the layout from full width down to 360 pixels. */
static void
test_sizes (void)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find (ADW_TYPE_LEAFLET));
  RemitFoldBin *fold = REMIT_FOLD_BIN (find (REMIT_TYPE_FOLD_BIN));
  g_autofree char *wide = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *narrow_list = NULL;


  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ui_test_wait_for_draw (GTK_WIDGET (window));
  ui_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (remit_fold_bin_get_folded (fold));
  wide = ui_test_save_screenshot (GTK_WIDGET (window), "window-bill");

  ui_test_set_dark (TRUE);
  dark = ui_test_save_screenshot (GTK_WIDGET (window), "window-dark");
  ui_test_set_dark (FALSE);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ui_test_wait_for_draw (GTK_WIDGET (window));
  ui_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (remit_fold_bin_get_folded (fold));
  g_assert_true (gtk_widget_get_visible (find_named ("Back to the Bills")));
  narrow = ui_test_save_screenshot (GTK_WIDGET (window), "window-narrow");
  {
    /* Above each other, the page gets a little more than half of the height. */
    GtkWidget *paned = find (GTK_TYPE_PANED);

    g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==,
                     GTK_ORIENTATION_VERTICAL);
    g_assert_cmpint (gtk_widget_get_height (gtk_paned_get_start_child (GTK_PANED (paned))), >,
                     gtk_widget_get_height (paned) / 2);
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  ui_test_wait_for_draw (GTK_WIDGET (window));
  narrow_list = ui_test_save_screenshot (GTK_WIDGET (window), "window-narrow-list");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  ui_test_wait_for_draw (GTK_WIDGET (window));
}

/* A file Remit cannot read: a dialog says which and what to do; nothing is stored. */
static void
test_unsupported (void)
{
  g_autofree char *path = g_build_filename (data_dir, "notes.docx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint before = remit_ledger_count_bills (ledger (), NULL);
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (path, "PK\3\4 not a bill", -1, NULL));
  remit_window_open_files (window, &file, 1);
  wait_until (dialog_shown, NULL, "the dialog");

  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "“notes.docx” Was Not Added");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "PDF, PNG, JPEG or TIFF"));
  g_assert_cmpuint (remit_ledger_count_bills (ledger (), NULL), ==, before);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (dialog);
  ui_test_iterate ();
}

/* Archiving asks first, then puts the bill away. */
static void
test_archive (void)
{
  g_autoptr (RemitBill) bill = NULL;
  g_autofree char *heading = g_strdup_printf ("Archive the Bill of “%s”?",
                                              expected->recipient.value);
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.archive", NULL);
  wait_until (dialog_shown, NULL, "the question");
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "archive");
  gtk_window_destroy (dialog);
  ui_test_iterate ();

  bill = ledger_bill (MAIN);
  g_assert_cmpint (remit_bill_get_state (bill), ==, REMIT_BILL_STATE_ARCHIVED);
  g_assert_null (remit_window_get_bill (window));
  g_assert_cmpstr (visible_page ("bill"), ==, "empty");
}

/* Closing the window keeps its size for the next start. */
static void
test_remember_size (void)
{
  GSettings *settings = remit_application_get_settings (app);

  g_assert_nonnull (settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  ui_test_wait_for_draw (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  ui_test_iterate ();
  window = NULL;

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window starts with it. */
  window = remit_window_new (app);
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *samples;
  int status;

  ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("remit-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("REMIT_DATA_DIR", data_dir, TRUE);

  samples = g_getenv ("REMIT_EINVOICE_SAMPLES");
  if (samples != NULL)
    {
      g_autofree char *path = g_build_filename (samples, SAMPLE, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        sample_path = g_steal_pointer (&path);
    }

  {
    g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
    g_autoptr (RemitTestInvoice) freelancer = remit_test_invoice_new_preset ("freelancer",
                                                                            &error);

    g_assert_no_error (error);
    main_path = g_build_filename (data_dir, MAIN, NULL);
    g_assert_true (remit_test_invoice_write (invoice, main_path, &expected, &error));
    g_assert_no_error (error);
    other_path = g_build_filename (data_dir, OTHER, NULL);
    g_assert_true (remit_test_invoice_write (freelancer, other_path, &other_expected, &error));
    g_assert_no_error (error);
  }

  app = remit_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = remit_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/window/empty", test_empty);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/fields-and-boxes", test_fields_and_boxes);
  g_test_add_func ("/window/click-word", test_click_word);
  g_test_add_func ("/window/return-item", test_return_item);
  g_test_add_func ("/window/confirm", test_confirm);
  g_test_add_func ("/window/pay", test_pay);
  g_test_add_func ("/window/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/window/sizes", test_sizes);
  g_test_add_func ("/window/unsupported", test_unsupported);
  g_test_add_func ("/window/archive", test_archive);
  g_test_add_func ("/window/remember-size", test_remember_size);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate ();
  g_clear_object (&app);
  g_free (sample_path);
  g_free (main_path);
  g_free (other_path);
  g_clear_pointer (&expected, remit_test_expected_free);
  g_clear_pointer (&other_expected, remit_test_expected_free);
  g_free (data_dir);
  return status;
}
