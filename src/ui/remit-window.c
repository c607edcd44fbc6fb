/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-document-view.h"
#include "remit-engine.h"
#include "remit-window.h"

struct _RemitWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkSpinner *spinner;
  RemitDocumentView *document_view;

  GCancellable *open_cancellable;
};

G_DEFINE_FINAL_TYPE (RemitWindow, remit_window, ADW_TYPE_APPLICATION_WINDOW)

static void
remit_window_dispose (GObject *object)
{
  RemitWindow *self = REMIT_WINDOW (object);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  G_OBJECT_CLASS (remit_window_parent_class)->dispose (object);
}

static void
remit_window_class_init (RemitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_window_dispose;

  g_type_ensure (REMIT_TYPE_DOCUMENT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, document_view);
}

static void
remit_window_init (RemitWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID "-symbolic");
}

RemitWindow *
remit_window_new (RemitApplication *application)
{
  return g_object_new (REMIT_TYPE_WINDOW, "application", application, NULL);
}

/* Opening a file: its bytes, then the engine's layout and extractions, then the view. */
typedef struct
{
  RemitWindow *self; /* valid while the cancellable is not cancelled */
  GFile *file;
  GBytes *bytes;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
show_open_error (RemitWindow *self, GFile *file, const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("“%s” cannot be opened: %s"), name,
                                              error->message);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack,
                                    remit_document_view_get_n_pages (self->document_view) > 0
                                      ? "document"
                                      : "empty");
}

static void
extract_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OpenData) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) extraction = remit_engine_extract_finish (result, &error);
  RemitWindow *self;
  RemitInputType type;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = data->self;
  if (extraction == NULL)
    {
      show_open_error (self, data->file, error);
      return;
    }

  type = remit_engine_result_get_input_type (extraction);
  if (type != REMIT_INPUT_PDF && type != REMIT_INPUT_PNG && type != REMIT_INPUT_JPEG
      && type != REMIT_INPUT_TIFF && type != REMIT_INPUT_GIF)
    {
      g_autoptr (GError) no_pages = g_error_new_literal (
        REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
        _("Only PDFs and images have pages to show."));

      show_open_error (self, data->file, no_pages);
      return;
    }

  remit_document_view_set_document (self->document_view, data->bytes,
                                    remit_engine_result_get_layout (extraction),
                                    remit_engine_result_get_extractions (extraction));
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "document");
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OpenData) data = user_data;
  g_autoptr (GError) error = NULL;
  RemitWindow *self;
  GBytes *bytes;

  data->bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = data->self;
  if (data->bytes == NULL)
    {
      show_open_error (self, data->file, error);
      return;
    }

  bytes = data->bytes;
  remit_engine_extract_async (bytes, REMIT_ENGINE_FLAGS_NONE, self->open_cancellable,
                              extract_done, g_steal_pointer (&data));
}

void
remit_window_open_files (RemitWindow *self, GFile **files, int n_files)
{
  OpenData *data;

  g_return_if_fail (REMIT_IS_WINDOW (self));

  if (n_files < 1)
    return;

  /* Bills come in through the ledger once it exists; until then the first file is shown. */
  if (n_files > 1)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d file received",
                                              "%d files received", n_files),
                                 n_files);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  data = g_new0 (OpenData, 1);
  data->self = self;
  data->file = g_object_ref (files[0]);
  g_file_load_bytes_async (files[0], self->open_cancellable, load_done, data);
}
