/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "remit-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (RemitApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("REMIT_LOCALEDIR") ? g_getenv ("REMIT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = remit_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
