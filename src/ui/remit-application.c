/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-application"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-application.h"
#include "remit-window.h"

struct _RemitApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RemitApplication, remit_application, ADW_TYPE_APPLICATION)

static RemitWindow *
get_window (RemitApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (remit_window_new (self));

  return REMIT_WINDOW (window);
}

static void
remit_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (REMIT_APPLICATION (app))));
}

static void
remit_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  RemitWindow *window = get_window (REMIT_APPLICATION (app));

  remit_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *developers[] = { "The Remit developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Remit"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Pay invoices from their PDF, photo or e-invoice"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
remit_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (remit_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
remit_application_class_init (RemitApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = remit_application_activate;
  app_class->open = remit_application_open;
  app_class->startup = remit_application_startup;
}

static void
remit_application_init (RemitApplication *self)
{
}

RemitApplication *
remit_application_new (void)
{
  return g_object_new (REMIT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/remitapp/Remit",
                       NULL);
}
