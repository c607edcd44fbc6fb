/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-pay-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-bill-row.h"
#include "remit-epc.h"
#include "remit-iban.h"
#include "remit-pay-dialog.h"
#include "remit-preferences-window.h"
#include "remit-qr-code.h"
#include "remit-sepa.h"

/* The QR code is drawn about this many logical pixels wide, in whole pixels per module. */
#define QR_TARGET_SIZE 288
#define QR_MAX_MODULE_SIZE 8
#define QR_MIN_MODULE_SIZE 2

#define SETTINGS_SCHEMA "io.github.remitapp.Remit"

struct _RemitPayDialog
{
  AdwWindow parent_instance;

  RemitLedger *ledger;
  RemitBill *bill;
  GSettings *settings;
  GCancellable *cancellable;
  char *payload;
  GtkNativeDialog *file_chooser;
  AdwToast *copy_toast;
  GDate paid_date;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *view_stack;
  AdwViewStackPage *provider_stack_page;
  AdwBin *provider_bin;
  GtkStack *qr_stack;
  AdwClamp *qr_clamp;
  GtkPicture *qr_picture;
  GtkLabel *qr_summary_label;
  AdwStatusPage *qr_error_page;
  AdwActionRow *recipient_row;
  AdwActionRow *iban_row;
  AdwActionRow *bic_row;
  AdwActionRow *amount_row;
  AdwActionRow *purpose_row;
  GtkWidget *copy_recipient_button;
  GtkWidget *copy_iban_button;
  GtkWidget *copy_bic_button;
  GtkWidget *copy_amount_button;
  GtkWidget *copy_purpose_button;
  GtkStack *sepa_stack;
  AdwPreferencesGroup *sepa_group;
  AdwActionRow *payer_row;
  AdwActionRow *sepa_amount_row;
  AdwPreferencesGroup *paid_group;
  GtkMenuButton *date_button;
  GtkPopover *date_popover;
  GtkCalendar *calendar;
  GtkLabel *date_error_label;
};

G_DEFINE_FINAL_TYPE (RemitPayDialog, remit_pay_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LEDGER,
  PROP_BILL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_BILL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (RemitPayDialog *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_error (RemitPayDialog *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
today_local (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static char *
date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* The amount as a person types it into a banking form: no currency, no grouping, the
 * decimal mark of the locale. */
static char *
amount_for_typing (const RemitAmount *amount)
{
  g_autofree char *decimal = remit_amount_to_decimal (amount);
  g_autofree char *probe_text = NULL;
  const char *mark = ".";
  RemitAmount probe;

  /* Ask the locale's format how it writes a hundredth: “0.01 €” or “0,01 €”. */
  remit_amount_init (&probe, 1, "EUR");
  probe_text = remit_amount_format (&probe);
  if (strstr (probe_text, "0,01") != NULL)
    mark = ",";

  if (g_str_equal (mark, "."))
    return g_steal_pointer (&decimal);
  return g_strdelimit (g_steal_pointer (&decimal), ".", ',');
}

/* GiroCode */

static RemitEpcPayload *
payload_for_bill (RemitBill *bill)
{
  RemitEpcPayload *payload = remit_epc_payload_new ();
  const RemitAmount *amount = remit_bill_get_amount (bill);
  const char *purpose = remit_bill_get_purpose (bill);

  payload->version = 2;
  payload->charset = REMIT_EPC_CHARSET_UTF_8;
  payload->name = g_strdup (remit_bill_get_recipient (bill));
  payload->iban = g_strdup (remit_bill_get_iban (bill));
  payload->bic = g_strdup (remit_bill_get_bic (bill));
  if (amount != NULL)
    {
      payload->has_amount = TRUE;
      payload->amount = *amount;
    }
  /* A creditor reference goes in its own element, which banks match automatically;
   * anything else is the remittance text. */
  if (!is_blank (purpose) && remit_creditor_reference_is_valid (purpose))
    payload->reference = g_strdup (purpose);
  else if (!is_blank (purpose))
    payload->text = g_strdup (purpose);
  return payload;
}

static void
render_qr (RemitPayDialog *self)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  guint modules;
  guint module_size;
  int scale;

  if (self->payload == NULL)
    return;

  modules = remit_qr_code_count_modules (self->payload, &error);
  if (modules == 0)
    {
      adw_status_page_set_description (self->qr_error_page, error->message);
      gtk_stack_set_visible_child_name (self->qr_stack, "error");
      return;
    }

  /* Whole pixels per module at the display's scale: the texture is shown 1:1 and no
   * filter smears the edges between modules. */
  module_size = CLAMP (QR_TARGET_SIZE / modules, QR_MIN_MODULE_SIZE, QR_MAX_MODULE_SIZE);
  scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  texture = remit_qr_code_texture_new (self->payload, module_size * (guint) scale, &error);
  if (texture == NULL)
    {
      adw_status_page_set_description (self->qr_error_page, error->message);
      gtk_stack_set_visible_child_name (self->qr_stack, "error");
      return;
    }

  adw_clamp_set_maximum_size (self->qr_clamp, (int) (modules * module_size));
  adw_clamp_set_tightening_threshold (self->qr_clamp, (int) (modules * module_size));
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->qr_stack, "code");
}

static void
update_girocode (RemitPayDialog *self)
{
  g_autoptr (RemitEpcPayload) payload = payload_for_bill (self->bill);
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *name = remit_bill_dup_display_name (self->bill);
  g_autofree char *alternative = NULL;
  const RemitAmount *amount = remit_bill_get_amount (self->bill);

  g_clear_pointer (&self->payload, g_free);
  self->payload = remit_epc_payload_build (payload, &error);
  if (self->payload == NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s says what is wrong, as in “The IBAN is missing” */
      description = g_strdup_printf (_("%s. Check the bill’s payment details; the other ways "
                                       "to pay need them as well."),
                                     error->message);
      adw_status_page_set_description (self->qr_error_page, description);
      gtk_stack_set_visible_child_name (self->qr_stack, "error");
      gtk_picture_set_paintable (self->qr_picture, NULL);
      return;
    }

  if (amount != NULL)
    {
      g_autofree char *formatted = remit_amount_format (amount);

      /* Translators: “123.45 € to Stadtwerke Köln” */
      summary = g_strdup_printf (_("%s to %s"), formatted, name);
    }
  else
    {
      /* Translators: %s is who is paid; the banking app asks for the amount */
      summary = g_strdup_printf (_("To %s; type the amount in your banking app"), name);
    }
  gtk_label_set_label (self->qr_summary_label, summary);

  /* Translators: the description of the QR image for screen readers; %s as “123.45 € to
   * Stadtwerke Köln” */
  alternative = g_strdup_printf (_("GiroCode: %s"), summary);
  gtk_picture_set_alternative_text (self->qr_picture, alternative);

  render_qr (self);
}

/* Transfer details */

static void
set_value_row (AdwActionRow *row, GtkWidget *copy_button, const char *value)
{
  gboolean missing = is_blank (value);

  adw_action_row_set_subtitle (row, missing ? _("Missing") : value);
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (row), "missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "missing");
  gtk_widget_set_sensitive (copy_button, !missing);
}

static void
update_details (RemitPayDialog *self)
{
  const RemitAmount *amount = remit_bill_get_amount (self->bill);
  const char *iban = remit_bill_get_iban (self->bill);
  g_autofree char *grouped = !is_blank (iban) ? remit_iban_format (iban) : NULL;
  g_autofree char *formatted = amount != NULL ? remit_amount_format (amount) : NULL;

  set_value_row (self->recipient_row, self->copy_recipient_button,
                 remit_bill_get_recipient (self->bill));
  set_value_row (self->iban_row, self->copy_iban_button, grouped);
  set_value_row (self->bic_row, self->copy_bic_button, remit_bill_get_bic (self->bill));
  set_value_row (self->amount_row, self->copy_amount_button, formatted);
  set_value_row (self->purpose_row, self->copy_purpose_button,
                 remit_bill_get_purpose (self->bill));
}

static const char *
value_to_copy (RemitPayDialog *self, const char *field, char **owned)
{
  const RemitAmount *amount;

  *owned = NULL;
  if (g_str_equal (field, "recipient"))
    return remit_bill_get_recipient (self->bill);
  if (g_str_equal (field, "iban"))
    return remit_bill_get_iban (self->bill);
  if (g_str_equal (field, "bic"))
    return remit_bill_get_bic (self->bill);
  if (g_str_equal (field, "purpose"))
    return remit_bill_get_purpose (self->bill);
  if (g_str_equal (field, "amount"))
    {
      amount = remit_bill_get_amount (self->bill);
      if (amount == NULL)
        return NULL;
      *owned = amount_for_typing (amount);
      return *owned;
    }
  return NULL;
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  g_autofree char *owned = NULL;
  const char *value = value_to_copy (self, field, &owned);
  const char *toast;

  if (is_blank (value))
    {
      show_toast (self, _("Nothing to copy: the value is missing"));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);

  /* Copying one value after the other says so at once, not in a queue of toasts. */
  if (self->copy_toast != NULL)
    adw_toast_dismiss (self->copy_toast);

  if (g_str_equal (field, "recipient"))
    toast = _("Recipient copied");
  else if (g_str_equal (field, "iban"))
    toast = _("IBAN copied");
  else if (g_str_equal (field, "bic"))
    toast = _("BIC copied");
  else if (g_str_equal (field, "amount"))
    toast = _("Amount copied");
  else
    toast = _("Purpose copied");
  g_clear_object (&self->copy_toast);
  self->copy_toast = adw_toast_new (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->copy_toast));
}

/* SEPA file */

static gboolean
sepa_blocked (RemitPayDialog *self, const char **why)
{
  switch (remit_bill_get_state (self->bill))
    {
    case REMIT_BILL_STATE_PAID:
      *why = _("This bill is paid. It is not exported again, so that it is not paid twice.");
      return TRUE;
    case REMIT_BILL_STATE_ARCHIVED:
      *why = _("This bill is archived. It is not exported, so that it is not paid twice.");
      return TRUE;
    case REMIT_BILL_STATE_PAYMENT_REQUESTED:
      *why = _("A payment of this bill is under way. It is not exported, so that it is not "
               "paid twice.");
      return TRUE;
    case REMIT_BILL_STATE_NEW:
    case REMIT_BILL_STATE_IN_REVIEW:
    case REMIT_BILL_STATE_READY_TO_PAY:
    case REMIT_BILL_STATE_FAILED:
    default:
      *why = NULL;
      return FALSE;
    }
}

static void
update_sepa (RemitPayDialog *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "payer-name");
  g_autofree char *iban = g_settings_get_string (self->settings, "payer-iban");
  g_autofree char *grouped = NULL;
  g_autofree char *payer = NULL;
  g_autofree char *transfer = NULL;
  g_autofree char *recipient = remit_bill_dup_display_name (self->bill);
  const RemitAmount *amount = remit_bill_get_amount (self->bill);
  const char *why = NULL;
  gboolean blocked;

  g_strstrip (name);
  g_strstrip (iban);
  if (*name == '\0' || *iban == '\0')
    {
      gtk_stack_set_visible_child_name (self->sepa_stack, "missing");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "pay.export-sepa", FALSE);
      return;
    }

  grouped = remit_iban_format (iban);
  payer = g_strdup_printf ("%s\n%s", name, grouped);
  adw_action_row_set_subtitle (self->payer_row, payer);

  if (amount != NULL)
    {
      g_autofree char *formatted = remit_amount_format (amount);

      /* Translators: “123.45 € to Stadtwerke Köln” */
      transfer = g_strdup_printf (_("%s to %s"), formatted, recipient);
    }
  else
    {
      /* Translators: %s is who is paid */
      transfer = g_strdup_printf (_("To %s, amount missing"), recipient);
    }
  adw_action_row_set_subtitle (self->sepa_amount_row, transfer);

  blocked = sepa_blocked (self, &why);
  adw_preferences_group_set_description (
    self->sepa_group,
    why != NULL ? why
                : _("A file in the SEPA format pain.001 with this one transfer. Import it "
                    "into your business banking software to pay."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pay.export-sepa", !blocked);
  gtk_stack_set_visible_child_name (self->sepa_stack, "ready");
}

static char *
build_sepa (RemitPayDialog *self, GError **error)
{
  g_autoptr (RemitSepaCreditTransfer) transfer = NULL;
  g_autofree char *name = g_settings_get_string (self->settings, "payer-name");
  g_autofree char *iban = g_settings_get_string (self->settings, "payer-iban");
  g_autofree char *end_to_end = NULL;
  const RemitAmount *amount = remit_bill_get_amount (self->bill);
  const char *why = NULL;

  if (sepa_blocked (self, &why))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, why);
      return NULL;
    }
  g_strstrip (name);
  g_strstrip (iban);
  if (*name == '\0' || *iban == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Your name and IBAN are missing; add them in the preferences"));
      return NULL;
    }
  if (amount == NULL || is_blank (remit_bill_get_iban (self->bill))
      || is_blank (remit_bill_get_recipient (self->bill)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The bill has no recipient, IBAN or amount yet; check its "
                             "payment details first"));
      return NULL;
    }

  transfer = remit_sepa_credit_transfer_new (name, iban, NULL);
  end_to_end = g_strdup_printf ("REMIT-%" G_GINT64_FORMAT, remit_bill_get_id (self->bill));
  remit_sepa_credit_transfer_add (transfer, end_to_end, remit_bill_get_recipient (self->bill),
                                  remit_bill_get_iban (self->bill),
                                  remit_bill_get_bic (self->bill), amount,
                                  remit_bill_get_purpose (self->bill));
  return remit_sepa_credit_transfer_build (transfer, error);
}

static void
sepa_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemitPayDialog *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) ledger_error = NULL;
  gint64 attempt;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_prefix_error (&error, _("The SEPA file could not be saved: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self = g_task_get_source_object (task);
  /* The file is handed over: the attempt stays open until the bill is known to be paid. */
  attempt = remit_ledger_add_payment_attempt (self->ledger, remit_bill_get_id (self->bill),
                                              REMIT_PAYMENT_RAIL_SEPA, NULL, NULL,
                                              &ledger_error);
  if (attempt == 0
      || !remit_ledger_update_payment_attempt (self->ledger, attempt,
                                               REMIT_PAYMENT_STATUS_OPEN, NULL, NULL,
                                               &ledger_error))
    g_warning ("The SEPA export of bill %" G_GINT64_FORMAT " is not in the history: %s",
               remit_bill_get_id (self->bill), ledger_error->message);
  else
    g_signal_emit (self, signals[SIGNAL_BILL_CHANGED], 0, self->bill);

  g_task_return_boolean (task, TRUE);
}

/**
 * remit_pay_dialog_export_sepa_async:
 * @self: a #RemitPayDialog
 * @file: where to write the file; an existing file is replaced
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or the export failed
 * @user_data: data for @callback
 *
 * Writes a SEPA credit transfer (pain.001.001.03) for the bill, paid from the account in
 * the preferences (payer-name, payer-iban), and records the export in the bill's payment
 * history. The dialog's Export button does this with the file a person chose.
 */
void
remit_pay_dialog_export_sepa_async (RemitPayDialog *self,
                                    GFile *file,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length;

  g_return_if_fail (REMIT_IS_PAY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_pay_dialog_export_sepa_async);

  xml = build_sepa (self, &error);
  if (xml == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  length = strlen (xml);
  bytes = g_bytes_new_take (g_steal_pointer (&xml), length);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       sepa_written, g_steal_pointer (&task));
}

gboolean
remit_pay_dialog_export_sepa_finish (RemitPayDialog *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_PAY_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == remit_pay_dialog_export_sepa_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (source);
  g_autoptr (GError) error = NULL;

  if (!remit_pay_dialog_export_sepa_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The SEPA File Was Not Exported"), error->message);
      return;
    }
  show_toast (self, _("SEPA file saved"));
}

static void
file_chooser_response (GtkNativeDialog *chooser, int response, RemitPayDialog *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->file_chooser);

  if (file != NULL)
    remit_pay_dialog_export_sepa_async (self, file, self->cancellable, export_done, NULL);
}

static char *
suggested_file_name (RemitPayDialog *self)
{
  g_autofree char *name = remit_bill_dup_display_name (self->bill);

  g_strdelimit (name, "/\\:", '-');
  /* Translators: the file name offered for a SEPA export; %s is who is paid */
  return g_strdup_printf (_("SEPA transfer to %s.xml"), name);
}

static void
export_sepa_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *file_name = NULL;

  /* Say what is wrong before a file is chosen, not after. */
  xml = build_sepa (self, &error);
  if (xml == NULL)
    {
      show_error (self, _("The SEPA File Cannot Be Made"), error->message);
      return;
    }

  if (self->file_chooser != NULL)
    return;

  self->file_chooser = GTK_NATIVE_DIALOG (
    gtk_file_chooser_native_new (_("Export SEPA File"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  file_name = suggested_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), file_name);
  gtk_file_filter_set_name (filter, _("SEPA files"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect (self->file_chooser, "response", G_CALLBACK (file_chooser_response), self);
  gtk_native_dialog_show (self->file_chooser);
}

static void
settings_changed (GSettings *settings, const char *key, RemitPayDialog *self)
{
  if (g_str_equal (key, "payer-name") || g_str_equal (key, "payer-iban"))
    update_sepa (self);
}

static void
open_preferences_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitPreferencesWindow *preferences = remit_preferences_window_new (GTK_WINDOW (widget));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "payments");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_details_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  adw_view_stack_set_visible_child_name (REMIT_PAY_DIALOG (widget)->view_stack, "details");
}

/* Mark as paid */

static void
update_paid (RemitPayDialog *self)
{
  g_autofree char *iso = date_to_iso (&self->paid_date);
  g_autofree char *shown = remit_format_date_for_display (iso);
  RemitBillState state = remit_bill_get_state (self->bill);
  const char *description;
  g_autofree char *owned = NULL;
  gboolean can_mark;
  GDate today;

  gtk_menu_button_set_label (self->date_button, shown);

  today_local (&today);
  if (g_date_compare (&self->paid_date, &today) > 0)
    {
      gtk_label_set_label (self->date_error_label, _("The payment date lies in the future; "
                                                     "choose the day the money was sent"));
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), FALSE);
    }

  if (state == REMIT_BILL_STATE_PAID)
    {
      g_autofree char *paid = remit_format_date_for_display (remit_bill_get_paid_date (self->bill));

      if (paid != NULL)
        description = owned = g_strdup_printf (_("This bill was paid on %s."), paid);
      else
        description = _("This bill is paid.");
      can_mark = FALSE;
    }
  else if (!remit_bill_state_can_move (state, REMIT_BILL_STATE_PAID))
    {
      description = _("This bill is archived; it cannot be marked as paid.");
      can_mark = FALSE;
    }
  else
    {
      description = _("For a bill you paid another way, for example in your banking app or "
                      "in cash.");
      can_mark = TRUE;
    }

  adw_preferences_group_set_description (self->paid_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_button), can_mark);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pay.mark-paid",
                                 can_mark && g_date_compare (&self->paid_date, &today) <= 0);
}

static void
calendar_day_selected_cb (RemitPayDialog *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);

  g_date_set_dmy (&self->paid_date, (GDateDay) g_date_time_get_day_of_month (date),
                  (GDateMonth) g_date_time_get_month (date),
                  (GDateYear) g_date_time_get_year (date));
  update_paid (self);
  gtk_popover_popdown (self->date_popover);
}

static void
mark_paid_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = date_to_iso (&self->paid_date);
  g_autofree char *shown = remit_format_date_for_display (iso);
  g_autofree char *toast = NULL;

  if (!remit_ledger_mark_paid (self->ledger, self->bill, iso, &error))
    {
      show_error (self, _("The Bill Was Not Marked as Paid"), error->message);
      return;
    }

  /* Translators: %s is a date as in “May 6, 2024” */
  toast = g_strdup_printf (_("Marked as paid on %s"), shown);
  show_toast (self, toast);
  g_signal_emit (self, signals[SIGNAL_BILL_CHANGED], 0, self->bill);
}

/* The bill */

static void
update_all (RemitPayDialog *self)
{
  g_autofree char *name = remit_bill_dup_display_name (self->bill);
  const RemitAmount *amount = remit_bill_get_amount (self->bill);

  if (amount != NULL)
    {
      g_autofree char *formatted = remit_amount_format (amount);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", name, formatted);

      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
  else
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, name);
    }

  update_girocode (self);
  update_details (self);
  update_sepa (self);
  update_paid (self);
}

static void
bill_notify (RemitBill *bill, GParamSpec *pspec, RemitPayDialog *self)
{
  update_all (self);
}

static void
scale_factor_changed (RemitPayDialog *self)
{
  render_qr (self);
}

static void
remit_pay_dialog_constructed (GObject *object)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (object);

  G_OBJECT_CLASS (remit_pay_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->ledger != NULL);
  g_return_if_fail (self->bill != NULL);

  g_signal_connect_object (self->bill, "notify", G_CALLBACK (bill_notify), self, 0);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed), self, 0);
  update_all (self);

  /* An open bill opens on the GiroCode; a paid one says when it was paid. */
  if (remit_bill_get_state (self->bill) == REMIT_BILL_STATE_PAID)
    adw_view_stack_set_visible_child_name (self->view_stack, "paid");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "girocode");
}

static void
remit_pay_dialog_dispose (GObject *object)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_PAY_DIALOG);

  G_OBJECT_CLASS (remit_pay_dialog_parent_class)->dispose (object);
}

static void
remit_pay_dialog_finalize (GObject *object)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->copy_toast);
  g_clear_object (&self->settings);
  g_clear_object (&self->bill);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->payload, g_free);

  G_OBJECT_CLASS (remit_pay_dialog_parent_class)->finalize (object);
}

static void
remit_pay_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_BILL:
      g_value_set_object (value, self->bill);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_pay_dialog_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  RemitPayDialog *self = REMIT_PAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      self->ledger = g_value_dup_object (value);
      break;
    case PROP_BILL:
      self->bill = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_pay_dialog_class_init (RemitPayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = remit_pay_dialog_constructed;
  object_class->dispose = remit_pay_dialog_dispose;
  object_class->finalize = remit_pay_dialog_finalize;
  object_class->get_property = remit_pay_dialog_get_property;
  object_class->set_property = remit_pay_dialog_set_property;

  properties[PROP_LEDGER] = g_param_spec_object ("ledger", NULL, NULL, REMIT_TYPE_LEDGER,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_BILL] = g_param_spec_object ("bill", NULL, NULL, REMIT_TYPE_BILL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemitPayDialog::bill-changed:
   * @self: the dialog
   * @bill: the bill, as the ledger now holds it
   */
  signals[SIGNAL_BILL_CHANGED] = g_signal_new ("bill-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, REMIT_TYPE_BILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-pay-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, provider_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, provider_bin);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, qr_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, qr_clamp);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, qr_summary_label);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, qr_error_page);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, iban_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, bic_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, copy_recipient_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, copy_iban_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, copy_bic_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, copy_amount_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, copy_purpose_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, sepa_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, sepa_group);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, payer_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, sepa_amount_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, paid_group);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RemitPayDialog, date_error_label);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "pay.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "pay.export-sepa", NULL, export_sepa_action);
  gtk_widget_class_install_action (widget_class, "pay.mark-paid", NULL, mark_paid_action);
  gtk_widget_class_install_action (widget_class, "pay.open-preferences", NULL,
                                   open_preferences_action);
  gtk_widget_class_install_action (widget_class, "pay.show-details", NULL, show_details_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remit_pay_dialog_init (RemitPayDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SETTINGS_SCHEMA);
  today_local (&self->paid_date);

  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed),
                            self);
}

/**
 * remit_pay_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @ledger: the ledger that holds @bill
 * @bill: the bill to pay
 *
 * Returns: (transfer full): a new modal #RemitPayDialog; present it with gtk_window_present()
 */
RemitPayDialog *
remit_pay_dialog_new (GtkWindow *parent, RemitLedger *ledger, RemitBill *bill)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REMIT_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);

  return g_object_new (REMIT_TYPE_PAY_DIALOG,
                       "transient-for", parent,
                       "ledger", ledger,
                       "bill", bill,
                       NULL);
}

RemitLedger *
remit_pay_dialog_get_ledger (RemitPayDialog *self)
{
  g_return_val_if_fail (REMIT_IS_PAY_DIALOG (self), NULL);

  return self->ledger;
}

RemitBill *
remit_pay_dialog_get_bill (RemitPayDialog *self)
{
  g_return_val_if_fail (REMIT_IS_PAY_DIALOG (self), NULL);

  return self->bill;
}

/**
 * remit_pay_dialog_get_epc_payload:
 *
 * Returns: (nullable): the text in the GiroCode, or %NULL when the bill cannot have one
 */
const char *
remit_pay_dialog_get_epc_payload (RemitPayDialog *self)
{
  g_return_val_if_fail (REMIT_IS_PAY_DIALOG (self), NULL);

  return self->payload;
}

/**
 * remit_pay_dialog_set_provider_page:
 * @self: a #RemitPayDialog
 * @page: (nullable): the content of the “Banking App” page: payment providers to send a
 *   payment request to, and its status; %NULL removes the page
 *
 * The extension point for the payment-request rail. The page is named "banking-app",
 * comes first and is shown, since a request to the person's own banking app is the
 * easiest way to pay when the backend offers it.
 */
void
remit_pay_dialog_set_provider_page (RemitPayDialog *self, GtkWidget *page)
{
  g_return_if_fail (REMIT_IS_PAY_DIALOG (self));
  g_return_if_fail (page == NULL || GTK_IS_WIDGET (page));

  adw_bin_set_child (self->provider_bin, page);
  adw_view_stack_page_set_visible (self->provider_stack_page, page != NULL);
  if (page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "banking-app");
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "banking-app")
           == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "girocode");
}

/**
 * remit_pay_dialog_get_provider_page:
 *
 * Returns: (transfer none) (nullable): the page set with remit_pay_dialog_set_provider_page()
 */
GtkWidget *
remit_pay_dialog_get_provider_page (RemitPayDialog *self)
{
  g_return_val_if_fail (REMIT_IS_PAY_DIALOG (self), NULL);

  return adw_bin_get_child (self->provider_bin);
}
