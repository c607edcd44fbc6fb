/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-bill-service.h"
#include "remit-engine.h"
#include "remit-window-private.h"

/* Getting bills in: files dropped on the window, chosen with Open… or named on the command
 * line become bills in the ledger, one after the other. While a file is read its row in the
 * sidebar says so; when it is done a toast says so, and what went wrong is said in a dialog
 * at the end of the batch. */

typedef struct _ImportBatch ImportBatch;

typedef struct
{
  RemitWindow *self; /* valid while the import cancellable is not cancelled */
  ImportBatch *batch;
  GFile *file;
  char *name;
  GtkWidget *row;
  gboolean started;
} ImportJob;

struct _ImportBatch
{
  guint ref_count;
  guint n_jobs;
  guint n_added;
  gboolean shown;     /* a bill of this batch was shown */
  GString *failures;  /* one paragraph per file that could not be added */
  guint n_failures;
  char *last_failed;  /* the name, when only one failed */
  char *last_error;
};

static ImportBatch *
batch_new (void)
{
  ImportBatch *batch = g_new0 (ImportBatch, 1);

  batch->ref_count = 1;
  batch->failures = g_string_new (NULL);
  return batch;
}

static void batch_finish (RemitWindow *self, ImportBatch *batch);

static void
batch_unref (RemitWindow *self, ImportBatch *batch)
{
  if (--batch->ref_count > 0)
    return;

  if (self != NULL)
    batch_finish (self, batch);

  g_string_free (batch->failures, TRUE);
  g_free (batch->last_failed);
  g_free (batch->last_error);
  g_free (batch);
}

static void
batch_add_failure (ImportBatch *batch, const char *name, const char *message)
{
  if (batch->failures->len > 0)
    g_string_append (batch->failures, "\n\n");
  /* TRANSLATORS: a file name and why it could not be added, in a list of such */
  g_string_append_printf (batch->failures, _("“%s”: %s"), name, message);
  batch->n_failures++;
  g_free (batch->last_failed);
  batch->last_failed = g_strdup (name);
  g_free (batch->last_error);
  batch->last_error = g_strdup (message);
}

static void
batch_finish (RemitWindow *self, ImportBatch *batch)
{
  if (batch->n_failures == 1)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Added"), batch->last_failed);

      remit_window_show_error (self, heading, batch->last_error);
    }
  else if (batch->n_failures > 1)
    {
      g_autofree char *heading = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u File Was Not Added", "%u Files Were Not Added",
                     batch->n_failures),
        batch->n_failures);

      remit_window_show_error (self, heading, batch->failures->str);
    }

  if (batch->n_added > 1)
    {
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u bill added", "%u bills added", batch->n_added),
        batch->n_added);

      remit_window_toast (self, message);
    }
}

static void
import_job_free (ImportJob *job)
{
  RemitWindow *self = job->self;

  if (job->row != NULL && self != NULL)
    {
      gtk_list_box_remove (self->imports_list, job->row);
      if (gtk_widget_get_first_child (GTK_WIDGET (self->imports_list)) == NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->imports_list), FALSE);
    }
  if (job->batch != NULL)
    batch_unref (self, job->batch);
  g_clear_object (&job->file);
  g_free (job->name);
  g_free (job);
}

static void import_next (RemitWindow *self);

static void
set_row_status (ImportJob *job, const char *status)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (job->row), status);
}

/* The end of one import, whichever way it went; starts the next. */
static void
import_done (ImportJob *job, RemitBill *bill, const GError *error)
{
  RemitWindow *self = job->self;

  g_queue_remove (&self->imports, job);

  if (bill != NULL)
    {
      job->batch->n_added++;
      remit_window_reload_bills (self);

      if (remit_bill_get_duplicate_reason (bill) == REMIT_DUPLICATE_REASON_SAME_FILE)
        {
          g_autofree char *message = g_strdup_printf (
            _("“%s” is already among your bills; it was added again and marked as a duplicate"),
            job->name);

          remit_window_toast (self, message);
        }
      else if (remit_bill_get_duplicate_reason (bill) == REMIT_DUPLICATE_REASON_SAME_PAYMENT)
        {
          g_autofree char *message = g_strdup_printf (
            _("“%s” asks for the same payment as another bill; check before you pay twice"),
            job->name);

          remit_window_toast (self, message);
        }
      else if (job->batch->n_jobs == 1)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” added"), job->name);

          remit_window_toast (self, message);
        }
    }
  else if (error != NULL)
    batch_add_failure (job->batch, job->name, error->message);

  import_job_free (job);
  import_next (self);

  if (g_queue_is_empty (&self->imports) && remit_window_get_bill (self) == NULL)
    {
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->bill_stack, "empty");
    }
}

/* The one way a file becomes a bill: the bill service reads it into the ledger through the
 * backend of the settings (the local engine by default), with the journal that lets an
 * interrupted upload resume. */

static void
imported (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ImportJob *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) bill = remit_bill_service_import_finish (REMIT_BILL_SERVICE (source),
                                                                 res, &error);
  RemitWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job->self = NULL;
      import_job_free (job);
      return;
    }

  self = job->self;
  if (bill != NULL && !job->batch->shown)
    {
      /* The first bill of a batch is shown at once. */
      job->batch->shown = TRUE;
      remit_window_show_bill (self, bill);
    }

  import_done (job, bill, error);
}

static void
import_start (RemitWindow *self, ImportJob *job)
{
  g_autoptr (GError) error = NULL;
  RemitBillService *service = remit_window_get_bill_service (self, &error);

  if (service == NULL)
    {
      import_done (job, NULL, error);
      return;
    }

  /* A file on this computer is read at once, so that the service stores it and the engine
   * starts on it while the window is still drawing itself; others are read asynchronously. */
  if (g_file_is_native (job->file))
    {
      g_autoptr (GBytes) content = g_file_load_bytes (job->file, NULL, NULL, &error);

      if (content == NULL)
        {
          g_autoptr (GError) friendly = g_error_new (
            G_IO_ERROR, error->code,
            _("The file cannot be read (%s). Check that it still exists and that you may open "
              "it."),
            error->message);

          import_done (job, NULL, friendly);
          return;
        }
      remit_bill_service_import_bytes_async (service, content, job->name,
                                             self->import_cancellable, imported, job);
      return;
    }

  remit_bill_service_import_async (service, job->file, self->import_cancellable, imported, job);
}

/* End of the block to swap. */

static void
import_next (RemitWindow *self)
{
  ImportJob *job = g_queue_peek_head (&self->imports);

  if (job == NULL || job->started)
    return;

  job->started = TRUE;
  set_row_status (job, _("Reading the payment details…"));
  import_start (self, job);
}

static GtkWidget *
import_row_new (const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  g_autofree char *label = g_strdup_printf (_("Adding “%s”"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Waiting…"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* Which files are bills: the engine reads PDF, PNG, JPEG, TIFF (and GIF) and e-invoice
 * XML. Others are refused before anything is stored, with a word on what to use. */
gboolean
remit_window_is_supported_file (GFile *file, GError **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (name, NULL, 0, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (content_type);

  if (mime != NULL && (remit_input_type_from_content_type (mime) != REMIT_INPUT_UNKNOWN
                       || g_str_equal (mime, "application/xml") || g_str_equal (mime, "text/xml")))
    return TRUE;

  /* A name without a known extension may still hold a PDF; the engine sniffs it. */
  if (mime == NULL || g_content_type_is_unknown (content_type)
      || g_str_equal (mime, "application/octet-stream"))
    return TRUE;

  g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
               _("Remit reads bills as PDF, PNG, JPEG or TIFF files and e-invoices as XML. "
                 "Save or export the bill in one of these formats and add it again."));
  return FALSE;
}

/**
 * remit_window_open_files:
 * @self: the window
 * @files: (array length=n_files): the files
 * @n_files: how many
 *
 * Adds each file as a bill: the way a drop, Open… and `remit FILE…` bring bills in. The
 * files are read one after the other; the first bill is shown when it is ready.
 */
void
remit_window_open_files (RemitWindow *self, GFile **files, int n_files)
{
  ImportBatch *batch;

  g_return_if_fail (REMIT_IS_WINDOW (self));

  if (n_files < 1)
    return;

  batch = batch_new ();

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr (GError) error = NULL;
      ImportJob *job;

      job = g_new0 (ImportJob, 1);
      job->self = self;
      job->file = g_object_ref (files[i]);
      job->name = g_file_get_basename (files[i]);
      job->batch = batch;
      batch->ref_count++;
      batch->n_jobs++;

      if (!remit_window_is_supported_file (files[i], &error))
        {
          batch_add_failure (batch, job->name, error->message);
          import_job_free (job);
          continue;
        }

      job->row = import_row_new (job->name);
      gtk_list_box_append (self->imports_list, job->row);
      gtk_widget_set_visible (GTK_WIDGET (self->imports_list), TRUE);
      g_queue_push_tail (&self->imports, job);
    }

  /* With no bill on the right yet, it says that one is coming rather than asking for one. */
  if (remit_window_get_bill (self) == NULL && !g_queue_is_empty (&self->imports))
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->bill_stack, "loading");
    }

  batch_unref (self, batch);
  import_next (self);
}

/* Cancels every import; called from dispose. */
void
remit_window_cancel_imports (RemitWindow *self)
{
  g_cancellable_cancel (self->import_cancellable);

  /* A job under way is freed by its callback, the others here; none touches the window. */
  for (GList *l = self->imports.head; l != NULL; l = l->next)
    {
      ImportJob *job = l->data;

      job->self = NULL;
      job->row = NULL;
      if (!job->started)
        import_job_free (job);
    }
  g_queue_clear (&self->imports);
}

/* Dropping files ------------------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, RemitWindow *self)
{
  GSList *list;
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    return FALSE;

  remit_window_open_files (self, (GFile **) files->pdata, (int) files->len);
  return TRUE;
}

static void
on_current_drop (GtkDropTarget *target, GParamSpec *pspec, RemitWindow *self)
{
  gtk_widget_set_visible (self->drop_highlight,
                          gtk_drop_target_get_current_drop (target) != NULL);
}

void
remit_window_init_drop (RemitWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (target, "notify::current-drop", G_CALLBACK (on_current_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}
