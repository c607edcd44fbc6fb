/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-application.h"
#include "remit-window-private.h"

/* The window's actions (win.*): what the header bars, the menus and the keyboard shortcuts
 * do. The accelerators are set by the application, except Delete and Ctrl+Return, which
 * act only when the focused widget does not use the key itself (a text field's Delete). */

/* Open… ------------------------------------------------------------------------------------ */

static void
on_chooser_response (GtkNativeDialog *chooser, int response, RemitWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      GSettings *settings = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));

      if (app != NULL && REMIT_IS_APPLICATION (app))
        settings = remit_application_get_settings (REMIT_APPLICATION (app));
      if (settings != NULL && array->len > 0)
        {
          g_autoptr (GFile) folder = g_file_get_parent (array->pdata[0]);

          if (folder != NULL)
            {
              g_autofree char *uri = g_file_get_uri (folder);

              g_settings_set_string (settings, "last-folder", uri);
            }
        }

      remit_window_open_files (self, (GFile **) array->pdata, (int) array->len);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *types)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char *const bills[] = { "application/pdf", "image/png", "image/jpeg",
                                       "image/tiff", "application/xml", "text/xml", NULL };
  static const char *const documents[] = { "application/pdf", NULL };
  static const char *const images[] = { "image/png", "image/jpeg", "image/tiff", NULL };
  static const char *const einvoices[] = { "application/xml", "text/xml", NULL };
  RemitWindow *self = REMIT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = NULL;
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Bills"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  add_filter (GTK_FILE_CHOOSER (chooser), _("Bills"), bills);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF Documents"), documents);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Photos and Scans"), images);
  add_filter (GTK_FILE_CHOOSER (chooser), _("E-Invoices"), einvoices);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  if (app != NULL && REMIT_IS_APPLICATION (app))
    settings = remit_application_get_settings (REMIT_APPLICATION (app));
  if (settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (settings, "last-folder");

      if (uri[0] != '\0')
        {
          g_autoptr (GFile) folder = g_file_new_for_uri (uri);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Search, back ------------------------------------------------------------------------------ */

static void
search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Preferences ------------------------------------------------------------------------------ */

static void
preferences_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* The preferences window comes with branch "billlist" (RemitPreferencesWindow); until it
   * is on main the action stays disabled (see remit_window_update_actions()). */
}

/* Confirm ---------------------------------------------------------------------------------- */

static void
confirm_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->review_panel), "review.confirm", NULL);
}

/* The confirmed values become the bill's: its recipient, IBAN, BIC, amount and purpose, the
 * reviewed values kept as the record of what was confirmed, and the move to Ready to pay.
 *
 * Until the bill service is on main (branch "billservice": remit_bill_service_review() and
 * remit_bill_service_send_feedback_async() with the journal), the ledger is written here
 * and the feedback stays pending in it for the service to send. */
static void
on_confirmed (RemitReviewPanel *panel, RemitFeedback *feedback, RemitWindow *self)
{
  const char *const *labels = remit_review_panel_get_field_labels ();
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  RemitLedger *ledger = remit_window_get_ledger (self, &error);
  RemitBill *bill = self->bill;
  const char *amount_text;
  RemitAmount amount;
  RemitBillState state;

  if (bill == NULL || ledger == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->values_dirty = FALSE;

  json_builder_begin_object (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      char *value = remit_review_panel_dup_value (panel, labels[i]);

      if (value == NULL || value[0] == '\0')
        {
          g_free (value);
          continue;
        }
      g_hash_table_insert (values, (gpointer) labels[i], value);
      json_builder_set_member_name (builder, labels[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  remit_bill_set_recipient (bill, g_hash_table_lookup (values, "paymentRecipient"));
  remit_bill_set_iban (bill, g_hash_table_lookup (values, "iban"));
  remit_bill_set_bic (bill, g_hash_table_lookup (values, "bic"));
  remit_bill_set_purpose (bill, g_hash_table_lookup (values, "paymentPurpose"));
  amount_text = g_hash_table_lookup (values, "amountToPay");
  if (amount_text != NULL && remit_amount_parse (amount_text, &amount, NULL))
    remit_bill_set_amount (bill, &amount);
  remit_bill_set_reviewed (bill, json, NULL);
  remit_bill_set_feedback_state (bill, REMIT_FEEDBACK_STATE_PENDING);

  if (!remit_ledger_update_bill (ledger, bill, &error))
    {
      remit_window_show_error (self, _("The Payment Details Were Not Kept"), error->message);
      return;
    }

  state = remit_bill_get_state (bill);
  if (state != REMIT_BILL_STATE_READY_TO_PAY
      && remit_bill_state_can_move (state, REMIT_BILL_STATE_READY_TO_PAY)
      && remit_bill_get_iban (bill) != NULL && remit_bill_get_amount (bill) != NULL
      && !remit_ledger_move_bill (ledger, bill, REMIT_BILL_STATE_READY_TO_PAY, NULL, &error))
    {
      remit_window_show_error (self, _("The Bill Could Not Be Made Ready to Pay"),
                               error->message);
      return;
    }

  remit_window_toast (self, remit_bill_get_state (bill) == REMIT_BILL_STATE_READY_TO_PAY
                              ? _("Payment details confirmed; the bill is ready to pay")
                              : _("Payment details confirmed"));
  remit_window_reload_bills (self);
  remit_window_show_bill (self, bill);
}

/* Pay -------------------------------------------------------------------------------------- */

/* Until the pay dialog is on main (branch "billlist": RemitPayDialog with the GiroCode, the
 * SEPA file and the banking apps), the transfer details are shown in a message dialog that
 * can mark the bill paid. */
static void
on_pay_response (AdwMessageDialog *dialog, const char *response, RemitWindow *self)
{
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger;

  if (!g_str_equal (response, "paid") || self->bill == NULL)
    return;

  ledger = remit_window_get_ledger (self, &error);
  if (ledger == NULL || !remit_ledger_mark_paid (ledger, self->bill, NULL, &error))
    {
      remit_window_show_error (self, _("The Bill Was Not Marked as Paid"), error->message);
      return;
    }

  remit_window_toast (self, _("Marked as paid"));
  remit_window_reload_bills (self);
  remit_window_show_bill (self, self->bill);
}

static void
append_detail (GString *text, const char *name, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  /* TRANSLATORS: a field of a transfer and its value, e.g. “IBAN: DE02 …” */
  g_string_append_printf (text, _("%s: %s"), name, value);
}

static void
pay_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);
  RemitBill *bill = self->bill;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *amount = NULL;
  GtkWidget *dialog;

  if (bill == NULL)
    return;

  remit_window_save_values (self);
  if (remit_bill_get_amount (bill) != NULL)
    amount = remit_amount_format (remit_bill_get_amount (bill));

  append_detail (text, _("Recipient"), remit_bill_get_recipient (bill));
  append_detail (text, _("IBAN"), remit_bill_get_iban (bill));
  append_detail (text, _("BIC"), remit_bill_get_bic (bill));
  append_detail (text, _("Amount"), amount);
  append_detail (text, _("Purpose"), remit_bill_get_purpose (bill));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Pay This Bill"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                  _("Transfer the amount with your banking app, then mark the "
                                    "bill as paid."),
                                  text->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), "paid",
                                    _("_Mark as Paid"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "paid",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pay_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Open Original ------------------------------------------------------------------------------ */

static void
shown_original (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    remit_window_show_error (REMIT_WINDOW (source), _("The Original Could Not Be Opened"),
                             _("No application on this computer opens this kind of file."));
}

static void
open_original_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger = remit_window_get_ledger (self, &error);
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->bill == NULL || ledger == NULL)
    return;

  file = remit_ledger_get_bill_file (ledger, self->bill);
  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, shown_original, NULL);
}

/* Archive ---------------------------------------------------------------------------------- */

static void
on_archive_response (AdwMessageDialog *dialog, const char *response, RemitWindow *self)
{
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger;

  if (!g_str_equal (response, "archive") || self->bill == NULL)
    return;

  ledger = remit_window_get_ledger (self, &error);
  if (ledger == NULL
      || !remit_ledger_move_bill (ledger, self->bill, REMIT_BILL_STATE_ARCHIVED, NULL, &error))
    {
      remit_window_show_error (self, _("The Bill Was Not Archived"), error->message);
      return;
    }

  remit_window_toast (self, _("Bill archived"));
  remit_window_show_bill (self, NULL);
  remit_window_reload_bills (self);
}

static void
archive_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);
  g_autofree char *heading = NULL;
  const char *recipient;
  GtkWidget *dialog;

  if (self->bill == NULL)
    return;

  recipient = remit_bill_get_recipient (self->bill);
  if (recipient == NULL || recipient[0] == '\0')
    recipient = remit_bill_get_filename (self->bill);
  heading = g_strdup_printf (_("Archive the Bill of “%s”?"), recipient != NULL ? recipient : "");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Archived bills stay in the ledger under “Archived” but "
                                     "can no longer be changed or paid."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "archive", _("_Archive"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Setting up ---------------------------------------------------------------------------- */

/**
 * remit_window_update_actions:
 * @self: the window
 *
 * Enables the actions that make sense for the shown bill and its state.
 */
void
remit_window_update_actions (RemitWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  RemitBillState state = self->bill != NULL ? remit_bill_get_state (self->bill)
                                            : REMIT_BILL_STATE_ARCHIVED;
  gboolean shown = self->bill != NULL
                   && g_strcmp0 (gtk_stack_get_visible_child_name (self->bill_stack), "bill") == 0;

  gtk_widget_action_set_enabled (widget, "win.pay",
                                 self->bill != NULL
                                   && (state == REMIT_BILL_STATE_IN_REVIEW
                                       || state == REMIT_BILL_STATE_READY_TO_PAY
                                       || state == REMIT_BILL_STATE_FAILED));
  gtk_widget_action_set_enabled (widget, "win.confirm",
                                 shown
                                   && (state == REMIT_BILL_STATE_IN_REVIEW
                                       || state == REMIT_BILL_STATE_READY_TO_PAY
                                       || state == REMIT_BILL_STATE_FAILED));
  gtk_widget_action_set_enabled (widget, "win.archive",
                                 self->bill != NULL
                                   && remit_bill_state_can_move (state,
                                                                 REMIT_BILL_STATE_ARCHIVED));
  gtk_widget_action_set_enabled (widget, "win.open-original", self->bill != NULL);
  gtk_widget_action_set_enabled (widget, "win.preferences", FALSE);
}

void
remit_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.confirm", NULL, confirm_activated);
  gtk_widget_class_install_action (widget_class, "win.pay", NULL, pay_activated);
  gtk_widget_class_install_action (widget_class, "win.open-original", NULL,
                                   open_original_activated);
  gtk_widget_class_install_action (widget_class, "win.archive", NULL, archive_activated);

  /* Only when the focused widget does not take the key (Delete in a text field). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.archive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.archive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.confirm", NULL);
}

void
remit_window_init_actions (RemitWindow *self)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/remitapp/Remit/remit-shortcuts.ui");
  GtkShortcutsWindow *shortcuts =
    GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), shortcuts);

  g_signal_connect (self->review_panel, "confirmed", G_CALLBACK (on_confirmed), self);
}
