/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <sys/resource.h>

#include <glib/gi18n.h>

#include "remit-application.h"
#include "remit-window-private.h"

/**
 * RemitWindow:
 *
 * The main window: the bills on the left (an #AdwLeaflet that folds on narrow screens),
 * the bill on the right with its pages, the fields found on them (#RemitReviewPanel) and,
 * when the bill lists items, the Return Assistant. Clicking a word on the page with a field
 * selected takes its value; what the person changed is kept in the ledger until it is
 * confirmed. Files come in by drop, Open… and the command line (remit-window-import.c);
 * the actions are in remit-window-actions.c.
 */

G_DEFINE_FINAL_TYPE (RemitWindow, remit_window, ADW_TYPE_APPLICATION_WINDOW)

/* How long after the last change the review values are written to the ledger. */
#define SAVE_DELAY_MS 600

RemitBillService *
remit_window_get_bill_service (RemitWindow *self, GError **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || !REMIT_IS_APPLICATION (app))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The window belongs to no application"));
      return NULL;
    }
  return remit_application_get_bill_service (REMIT_APPLICATION (app), error);
}

RemitLedger *
remit_window_get_ledger (RemitWindow *self, GError **error)
{
  GtkApplication *app;

  if (self->ledger != NULL)
    return self->ledger;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app == NULL || !REMIT_IS_APPLICATION (app))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The window belongs to no application"));
      return NULL;
    }

  self->ledger = remit_application_get_ledger (REMIT_APPLICATION (app), error);
  if (self->ledger != NULL)
    g_object_ref (self->ledger);
  return self->ledger;
}

void
remit_window_toast (RemitWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * remit_window_show_error:
 * @self: the window
 * @heading: what failed, as a short title
 * @body: what happened and what to do
 *
 * Says in a dialog what went wrong.
 */
void
remit_window_show_error (RemitWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The bill list ---------------------------------------------------------------------------- */

static char *
bill_display_name (RemitBill *bill)
{
  const char *recipient = remit_bill_get_recipient (bill);

  if (recipient != NULL && recipient[0] != '\0')
    return g_strdup (recipient);
  if (remit_bill_get_filename (bill) != NULL)
    return g_strdup (remit_bill_get_filename (bill));
  return g_strdup (_("Bill"));
}

static char *
bill_describe (RemitBill *bill)
{
  const RemitAmount *amount = remit_bill_get_amount (bill);
  const char *state = remit_bill_state_get_label (remit_bill_get_state (bill));
  g_autofree char *money = NULL;

  if (amount != NULL)
    money = remit_amount_format (amount);

  if (money != NULL)
    /* TRANSLATORS: a bill's state and its amount, e.g. “Ready to pay · 12,50 €” */
    return g_strdup_printf (_("%s · %s"), state, money);
  return g_strdup (state);
}

static void
select_current_bill (RemitWindow *self)
{
  remit_bill_list_select_bill (self->bill_list,
                               self->bill != NULL ? remit_bill_get_id (self->bill) : 0);
}

/**
 * remit_window_reload_bills:
 * @self: the window
 *
 * Lists the ledger's bills again (after one was added or changed) with the shown one
 * selected.
 */
void
remit_window_reload_bills (RemitWindow *self)
{
  remit_bill_list_reload (self->bill_list);
  select_current_bill (self);
}

static void
on_bill_activated (RemitBillList *list, RemitBill *bill, RemitWindow *self)
{
  if (self->bill != NULL && remit_bill_get_id (self->bill) == remit_bill_get_id (bill))
    {
      /* The bill already shown: on a narrow window its page comes back. */
      adw_leaflet_set_visible_child (self->leaflet, self->bill_page);
      return;
    }

  remit_window_show_bill (self, bill);
}

/* The bill page ---------------------------------------------------------------------------- */

static void
update_header (RemitWindow *self)
{
  if (self->bill == NULL)
    {
      adw_window_title_set_title (self->bill_title, "");
      adw_window_title_set_subtitle (self->bill_title, "");
    }
  else
    {
      g_autofree char *name = bill_display_name (self->bill);
      g_autofree char *description = bill_describe (self->bill);

      adw_window_title_set_title (self->bill_title, name);
      adw_window_title_set_subtitle (self->bill_title, description);
    }

  gtk_widget_set_visible (self->pay_button, self->bill != NULL);
  gtk_widget_set_visible (self->bill_menu_button, self->bill != NULL);
  remit_window_update_actions (self);
}

/* The reviewed values in the ledger are a JSON object: label → the value, or null for a
 * field marked as wrongly found. */
static GHashTable *
parse_values (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_NULL (node))
        g_hash_table_insert (values, g_strdup (l->data), NULL);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (values, g_strdup (l->data), g_strdup (json_node_get_string (node)));
    }

  return g_steal_pointer (&values);
}

static char *
values_to_json (GHashTable *values)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *const *labels = remit_review_panel_get_field_labels ();

  json_builder_begin_object (builder);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *value;

      if (!g_hash_table_lookup_extended (values, labels[i], NULL, (gpointer *) &value))
        continue;
      json_builder_set_member_name (builder, labels[i]);
      if (value == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * remit_window_save_values:
 * @self: the window
 *
 * Writes what the person changed in the review panel and has not confirmed yet to the
 * shown bill in the ledger, at once.
 */
void
remit_window_save_values (RemitWindow *self)
{
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  RemitLedger *ledger;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->values_dirty || self->bill == NULL)
    return;
  self->values_dirty = FALSE;

  ledger = remit_window_get_ledger (self, &error);
  if (ledger == NULL)
    return;

  values = remit_review_panel_dup_values (self->review_panel);
  json = g_hash_table_size (values) > 0 ? values_to_json (values) : NULL;
  if (g_strcmp0 (json, remit_bill_get_reviewed (self->bill)) == 0)
    return;

  remit_bill_set_reviewed (self->bill, json, NULL);
  remit_bill_set_feedback_state (self->bill, json != NULL ? REMIT_FEEDBACK_STATE_PENDING
                                                          : REMIT_FEEDBACK_STATE_NONE);
  if (!remit_ledger_update_bill (ledger, self->bill, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your changes could not be kept: %s"),
                                                  error->message);

      remit_window_toast (self, message);
    }
}

static gboolean
save_timeout (gpointer data)
{
  RemitWindow *self = data;

  self->save_source = 0;
  remit_window_save_values (self);
  return G_SOURCE_REMOVE;
}

static void
on_review_changed (RemitWindow *self)
{
  if (self->restoring || self->bill == NULL)
    return;

  self->values_dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* REMIT_BENCH_READY=1: says on stderr when the first bill is on screen with its fields
 * filled (the monotonic clock, which other processes on this computer share, how many fields
 * have a value and the processor time used so far, all threads); REMIT_BENCH_QUIT=1 then
 * quits. */
static gboolean
print_ready (gpointer data)
{
  RemitWindow *self = data;
  const char *const *labels = remit_review_panel_get_field_labels ();
  guint filled = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *value = remit_review_panel_dup_value (self->review_panel, labels[i]);

      if (value != NULL && value[0] != '\0')
        filled++;
    }

  {
    struct rusage usage;
    gint64 cpu_usec = 0;

    if (getrusage (RUSAGE_SELF, &usage) == 0)
      cpu_usec = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
                 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
  g_printerr ("remit-bench: ready %" G_GINT64_FORMAT " fields %u cpu %" G_GINT64_FORMAT "\n",
                g_get_monotonic_time (), filled, cpu_usec);
  }
  if (g_strcmp0 (g_getenv ("REMIT_BENCH_QUIT"), "1") == 0)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock, RemitWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_idle_add_full (G_PRIORITY_HIGH, print_ready, self, NULL);
}

static void
on_page_rendered (RemitDocumentView *view, guint index, RemitWindow *self)
{
  GdkFrameClock *clock;

  if (!self->bench_ready || index != 0)
    return;

  /* The page is in the view; the next frame shows it. */
  self->bench_ready = FALSE;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self->document_view));
}

static gboolean
is_xml (RemitBill *bill)
{
  const char *type = remit_bill_get_content_type (bill);

  return type != NULL && (g_str_has_suffix (type, "/xml") || g_str_has_suffix (type, "+xml"));
}

/* Fills the page, the review panel and the Return Assistant with one bill. */
static void
present_bill (RemitWindow *self,
              GBytes *content,
              RemitLayout *layout,
              RemitExtractionSet *extractions)
{
  g_autoptr (GHashTable) values = NULL;
  gboolean items = extractions != NULL && remit_return_assistant_can_show (extractions);

  if (is_xml (self->bill) || content == NULL)
    {
      remit_document_view_set_document (self->document_view, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->document_stack, "no-pages");
    }
  else
    {
      remit_document_view_set_document (self->document_view, content, layout, extractions);
      gtk_stack_set_visible_child_name (self->document_stack, "pages");
    }

  self->restoring = TRUE;
  remit_review_panel_set_extractions (self->review_panel, extractions);
  remit_return_assistant_set_extractions (self->return_assistant, items ? extractions : NULL);
  values = parse_values (remit_bill_get_reviewed (self->bill));
  if (values != NULL)
    remit_review_panel_restore_values (self->review_panel, values);
  self->restoring = FALSE;
  self->values_dirty = FALSE;

  adw_view_switcher_bar_set_reveal (self->side_switcher, items);
  if (!items)
    adw_view_stack_set_visible_child_name (self->side_stack, "review");

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->bill_stack, "bill");
  remit_window_update_actions (self);
}

static void
show_bill_error (RemitWindow *self, const char *title, const char *description)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->bill_stack, "error");
}

typedef struct
{
  RemitWindow *self; /* valid while the load cancellable is not cancelled */
  RemitLayout *layout;
  RemitExtractionSet *extractions;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->layout, remit_layout_unref);
  g_clear_object (&data->extractions);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
bill_file_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoadData) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (content == NULL)
    {
      g_autofree char *description = g_strdup_printf (
        _("Remit keeps a copy of every bill, and this one cannot be read: %s. Add the bill "
          "again from its original file."),
        error->message);

      show_bill_error (data->self, _("The Bill’s File Is Missing"), description);
      return;
    }

  present_bill (data->self, content, data->layout, data->extractions);
}

/**
 * remit_window_show_bill:
 * @self: the window
 * @bill: a bill of the ledger
 *
 * Shows @bill: its file, layout and extractions from the ledger, with the values the person
 * had changed and not yet confirmed.
 */
void
remit_window_show_bill (RemitWindow *self, RemitBill *bill)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *extraction_json = NULL;
  g_autofree char *layout_json = NULL;
  g_autoptr (RemitBill) fresh = NULL;
  RemitLedger *ledger;
  LoadData *data;

  g_return_if_fail (REMIT_IS_WINDOW (self));
  g_return_if_fail (bill == NULL || REMIT_IS_BILL (bill));

  remit_window_save_values (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  ledger = remit_window_get_ledger (self, &error);
  if (bill != NULL && ledger != NULL)
    fresh = remit_ledger_get_bill (ledger, remit_bill_get_id (bill), NULL);
  if (fresh == NULL && bill != NULL)
    fresh = g_object_ref (bill);
  g_set_object (&self->bill, fresh);
  update_header (self);
  select_current_bill (self);

  if (self->bill == NULL)
    {
      remit_document_view_set_document (self->document_view, NULL, NULL, NULL);
      remit_review_panel_set_extractions (self->review_panel, NULL);
      gtk_stack_set_visible_child_name (self->bill_stack, "empty");
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
      return;
    }

  adw_leaflet_set_visible_child (self->leaflet, self->bill_page);
  if (ledger == NULL)
    {
      show_bill_error (self, _("The Bills Cannot Be Opened"), error->message);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->self = self;

  extraction_json = remit_ledger_dup_extraction (ledger, remit_bill_get_id (self->bill), NULL);
  if (extraction_json != NULL)
    data->extractions = remit_extraction_set_new_from_string (extraction_json, -1, &error);
  if (data->extractions == NULL)
    {
      load_data_free (data);
      show_bill_error (self, _("Nothing Was Read From This Bill"),
                       _("Its payment details are not known yet. Add the bill again from its "
                         "original file."));
      return;
    }

  layout_json = remit_ledger_dup_layout (ledger, remit_bill_get_id (self->bill), NULL);
  if (layout_json != NULL)
    data->layout = remit_layout_new_from_string (layout_json, -1, NULL);

  file = remit_ledger_get_bill_file (ledger, self->bill);
  if (file == NULL || is_xml (self->bill))
    {
      present_bill (self, NULL, data->layout, data->extractions);
      load_data_free (data);
      return;
    }

  /* The ledger's copy is a local file of at most 10 MiB: reading it at once is quicker than a
   * round trip through a worker while the window is busy drawing. */
  if (g_file_is_native (file))
    {
      g_autoptr (GBytes) content = g_file_load_bytes (file, NULL, NULL, &error);

      if (content == NULL)
        {
          g_autofree char *description = g_strdup_printf (
            _("Remit keeps a copy of every bill, and this one cannot be read: %s. Add the bill "
              "again from its original file."),
            error->message);

          load_data_free (data);
          show_bill_error (self, _("The Bill’s File Is Missing"), description);
          return;
        }
      present_bill (self, content, data->layout, data->extractions);
      load_data_free (data);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->bill_stack, "loading");
  g_file_load_bytes_async (file, self->load_cancellable, bill_file_loaded, data);
}

/* Shows a bill just imported, from what the import has in memory. */
void
remit_window_show_imported (RemitWindow *self,
                            RemitBill *bill,
                            GBytes *content,
                            RemitLayout *layout,
                            RemitExtractionSet *extractions)
{
  remit_window_save_values (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  g_set_object (&self->bill, bill);
  update_header (self);
  adw_leaflet_set_visible_child (self->leaflet, self->bill_page);
  present_bill (self, content, layout, extractions);
  select_current_bill (self);
}

/* Wiring the page and the panel ------------------------------------------------------------ */

static void
on_panel_selected_label (RemitWindow *self)
{
  remit_document_view_set_selected_label (
    self->document_view, remit_review_panel_get_selected_label (self->review_panel));
}

static void
on_box_activated (RemitDocumentView *view, const char *label, RemitWindow *self)
{
  remit_review_panel_set_selected_label (self->review_panel, label);
  adw_view_stack_set_visible_child_name (self->side_stack, "review");
}

static void
on_words (RemitDocumentView *view,
          const char *label,
          const char *text,
          const RemitBox *box,
          RemitWindow *self)
{
  if (label == NULL)
    return;

  if (remit_review_panel_set_value_from_page_with_box (self->review_panel, label, text, box))
    adw_view_stack_set_visible_child_name (self->side_stack, "review");
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not fit this field"), text);

      remit_window_toast (self, message);
    }
}

static void
on_items_amount_changed (RemitReturnAssistant *assistant,
                         const RemitAmount *amount,
                         RemitWindow *self)
{
  remit_review_panel_set_amount_from_items (self->review_panel, amount);
}

/* On a narrow window the Pay button shows an icon, which leaves the title room. */
static void
on_folded (RemitWindow *self)
{
  GtkButton *button = GTK_BUTTON (self->pay_button);

  if (adw_leaflet_get_folded (self->leaflet))
    gtk_button_set_icon_name (button, "remit-bank-symbolic");
  else
    {
      gtk_button_set_label (button, _("_Pay…"));
      gtk_button_set_use_underline (button, TRUE);
    }
}

/* Window state ---------------------------------------------------------------------------- */

static GSettings *
get_settings (RemitWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || !REMIT_IS_APPLICATION (app))
    return NULL;
  return remit_application_get_settings (REMIT_APPLICATION (app));
}

static gboolean
remit_window_close_request (GtkWindow *window)
{
  RemitWindow *self = REMIT_WINDOW (window);
  GSettings *settings = get_settings (self);

  remit_window_save_values (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && !gtk_window_is_fullscreen (window))
        {
          g_settings_set_int (settings, "window-width", MAX (width, 360));
          g_settings_set_int (settings, "window-height", MAX (height, 294));
        }
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (remit_window_parent_class)->close_request (window);
}

/* Once the window belongs to the application: its size from the settings, the ledger's
 * bills. */
static void
on_application (RemitWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr (GError) error = NULL;

  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL || self->ledger != NULL)
    return;

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (remit_window_get_ledger (self, &error) == NULL)
    {
      show_bill_error (self, _("The Bills Cannot Be Opened"), error->message);
      return;
    }

  remit_bill_list_set_ledger (self->bill_list, self->ledger);
}

static void
remit_window_dispose (GObject *object)
{
  RemitWindow *self = REMIT_WINDOW (object);

  remit_window_save_values (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  remit_window_cancel_imports (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->import_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_WINDOW);

  g_clear_object (&self->bill);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (remit_window_parent_class)->dispose (object);
}

static void
remit_window_class_init (RemitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = remit_window_dispose;
  window_class->close_request = remit_window_close_request;

  g_type_ensure (REMIT_TYPE_BILL_LIST);
  g_type_ensure (REMIT_TYPE_DOCUMENT_VIEW);
  g_type_ensure (REMIT_TYPE_FOLD_BIN);
  g_type_ensure (REMIT_TYPE_RETURN_ASSISTANT);
  g_type_ensure (REMIT_TYPE_REVIEW_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, bill_list);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, imports_list);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, bill_page);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, bill_title);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, pay_button);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, bill_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, bill_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, fold_bin);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, document_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, side_switcher);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, review_panel);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, return_assistant);

  remit_window_class_init_actions (widget_class);
}

static void
remit_window_init (RemitWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID "-symbolic");
  self->import_cancellable = g_cancellable_new ();
  g_queue_init (&self->imports);

  g_signal_connect (self->bill_list, "bill-activated", G_CALLBACK (on_bill_activated), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);

  g_signal_connect_swapped (self->review_panel, "notify::selected-label",
                            G_CALLBACK (on_panel_selected_label), self);
  g_signal_connect_swapped (self->review_panel, "changed", G_CALLBACK (on_review_changed), self);
  g_signal_connect (self->document_view, "box-activated", G_CALLBACK (on_box_activated), self);
  g_signal_connect (self->document_view, "word-activated", G_CALLBACK (on_words), self);
  g_signal_connect (self->document_view, "words-selected", G_CALLBACK (on_words), self);
  g_signal_connect (self->document_view, "page-rendered", G_CALLBACK (on_page_rendered), self);
  g_signal_connect (self->return_assistant, "amount-changed",
                    G_CALLBACK (on_items_amount_changed), self);

  self->bench_ready = g_strcmp0 (g_getenv ("REMIT_BENCH_READY"), "1") == 0;
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application), NULL);

  remit_window_init_drop (self);
  remit_window_init_actions (self);
  update_header (self);
}

RemitWindow *
remit_window_new (RemitApplication *application)
{
  return g_object_new (REMIT_TYPE_WINDOW, "application", application, NULL);
}

/**
 * remit_window_get_bill:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the bill shown on the right
 */
RemitBill *
remit_window_get_bill (RemitWindow *self)
{
  g_return_val_if_fail (REMIT_IS_WINDOW (self), NULL);
  return self->bill;
}
