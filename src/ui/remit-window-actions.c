/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-application.h"
#include "remit-pay-dialog.h"
#include "remit-preferences-window.h"
#include "remit-provider-page.h"
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
  remit_bill_list_focus_search (self->bill_list);
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
  RemitPreferencesWindow *preferences = remit_preferences_window_new (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (preferences));
}

/* Confirm ---------------------------------------------------------------------------------- */

static void
confirm_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->review_panel), "review.confirm", NULL);
}

/* Confirm hands the reviewed values to the bill service: it checks them, makes them the
 * bill's (recipient, IBAN, amount, …), moves the bill to Ready to pay, and sends them as
 * feedback through the journal; fields marked as wrongly found are deleted at the
 * extraction service. A feedback that cannot be sent now stays pending and is resumed. */

static void
feedback_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) bill = remit_bill_service_send_feedback_finish (
    REMIT_BILL_SERVICE (source), result, &error);

  self->confirming = FALSE;
  if (bill == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("The corrections were kept but not sent yet: %s"), error->message);

      remit_window_toast (self, message);
    }
  remit_window_update_actions (self);
}

static void
label_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) bill = remit_bill_service_delete_label_finish (
    REMIT_BILL_SERVICE (source), result, &error);

  if (bill == NULL)
    g_warning ("A wrongly found field was not deleted: %s", error->message);
}

static void
on_confirmed (RemitReviewPanel *panel, RemitFeedback *feedback, RemitWindow *self)
{
  const char *const *labels = remit_review_panel_get_field_labels ();
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (GError) error = NULL;
  RemitBillService *service = remit_window_get_bill_service (self, &error);
  RemitLedger *ledger = remit_window_get_ledger (self, &error);
  gint64 id;

  if (self->bill == NULL || service == NULL || ledger == NULL || self->confirming)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->values_dirty = FALSE;
  id = remit_bill_get_id (self->bill);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *value = remit_review_panel_dup_value (panel, labels[i]);

      if (value != NULL && value[0] != '\0')
        json_object_set_string_member (values, labels[i], value);
    }

  /* The unconfirmed values kept so far give way to the confirmed ones. */
  remit_bill_set_reviewed (self->bill, NULL, NULL);
  if (!remit_ledger_update_bill (ledger, self->bill, &error)
      || !remit_bill_service_review (service, id, values, &error))
    {
      remit_window_show_error (self, _("The Payment Details Were Not Kept"), error->message);
      return;
    }

  for (guint i = 0; labels[i] != NULL; i++)
    if (remit_review_panel_is_wrongly_found (panel, labels[i]))
      remit_bill_service_delete_label_async (service, id, labels[i], NULL, label_deleted,
                                             g_object_ref (self));

  self->confirming = TRUE;
  remit_bill_service_send_feedback_async (service, id, NULL, feedback_sent, g_object_ref (self));

  remit_window_reload_bills (self);
  remit_window_show_bill (self, self->bill);
  remit_window_toast (self, remit_bill_get_state (self->bill) == REMIT_BILL_STATE_READY_TO_PAY
                              ? _("Payment details confirmed; the bill is ready to pay")
                              : _("Payment details confirmed"));
}

/* Pay ---------------------------------------------------------------------------------- */

static void
on_pay_bill_changed (GtkWidget *dialog_or_page, RemitBill *bill, RemitWindow *self)
{
  remit_window_reload_bills (self);
  if (self->bill != NULL && remit_bill_get_id (self->bill) == remit_bill_get_id (bill))
    remit_window_show_bill (self, bill);
}

/* A payment request to the person's banking app, when the backend offers banking apps; with
 * the local engine the dialog keeps the rails that need no account. */
static void
add_provider_page (RemitWindow *self, RemitPayDialog *dialog)
{
  const RemitBackendCapabilities needed = REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS
                                          | REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS;
  g_autoptr (GError) error = NULL;
  RemitBillService *service;
  RemitBillState state = remit_bill_get_state (self->bill);
  GtkWidget *page;

  if (state == REMIT_BILL_STATE_PAID || state == REMIT_BILL_STATE_ARCHIVED)
    return;
  service = remit_window_get_bill_service (self, &error);
  if (service == NULL)
    {
      g_debug ("No banking apps in the pay dialog: %s", error->message);
      return;
    }
  if ((remit_backend_get_capabilities (remit_bill_service_get_backend (service)) & needed)
      != needed)
    return;

  page = remit_provider_page_new (service, self->bill);
  g_signal_connect_object (page, "bill-changed", G_CALLBACK (on_pay_bill_changed), self, 0);
  remit_pay_dialog_set_provider_page (dialog, page);
}

static void
pay_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitWindow *self = REMIT_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  RemitLedger *ledger = remit_window_get_ledger (self, &error);
  RemitPayDialog *dialog;

  if (self->bill == NULL || ledger == NULL)
    return;

  remit_window_save_values (self);
  dialog = remit_pay_dialog_new (GTK_WINDOW (self), ledger, self->bill);
  g_signal_connect_object (dialog, "bill-changed", G_CALLBACK (on_pay_bill_changed), self, 0);
  add_provider_page (self, dialog);
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
