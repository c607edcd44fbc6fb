/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * RemitPreferencesWindow:
 *
 * Where invoices are read (the local engine, Gini, or another Gini-compatible server), the
 * account there, signing out, and the payer's name and IBAN for SEPA files. Values are
 * GSettings of `io.github.remitapp.Remit`; the client secret goes only to the keyring.
 */
#define REMIT_TYPE_PREFERENCES_WINDOW (remit_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RemitPreferencesWindow, remit_preferences_window, REMIT,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

RemitPreferencesWindow *remit_preferences_window_new (GtkWindow *parent);

gboolean remit_preferences_check_server_url (const char *text, char **normalized, GError **error);

G_END_DECLS
