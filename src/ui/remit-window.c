/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-window.h"

struct _RemitWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (RemitWindow, remit_window, ADW_TYPE_APPLICATION_WINDOW)

static void
remit_window_class_init (RemitWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RemitWindow, status_page);
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

void
remit_window_open_files (RemitWindow *self, GFile **files, int n_files)
{
  g_autofree char *message = NULL;

  g_return_if_fail (REMIT_IS_WINDOW (self));

  /* Bills come in through the ledger once it exists; until then say what was received. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d file received",
                                          "%d files received", n_files),
                             n_files);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
