/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsecret/secret.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "remit-core-error.h"
#include "remit-preferences-window.h"
#include "remit-secrets-ui.h"
#include "ui-billlist-util.h"

/* The preferences write GSettings (in memory here), refuse what they must refuse, put the
 * client secret into the keyring and nowhere else, and sign out by removing Remit's
 * secrets. The keyring tests need the throw-away keyring of build-aux/test-session. */

static const SecretSchema account_schema = {
  "io.github.remitapp.Remit.Account",
  SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

static const SecretSchema other_schema = {
  "org.example.Other",
  SECRET_SCHEMA_NONE,
  {
    { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

typedef struct
{
  GSettings *settings;
  RemitPreferencesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  fixture->settings = g_settings_new ("io.github.remitapp.Remit");
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->settings, keys[i]);

  fixture->window = remit_preferences_window_new (NULL);
  ui_test_show (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ui_test_spin (50);
  g_clear_object (&fixture->settings);
}

static GtkWidget *
row (Fixture *fixture, const char *title)
{
  GtkWidget *found = ui_test_find_row (GTK_WIDGET (fixture->window), title);

  g_assert_nonnull (found);
  return found;
}

static void
test_check_server_url (void)
{
  struct
  {
    const char *text;
    const char *normalized; /* NULL: refused */
  } cases[] = {
    { "https://remit.example.org:8443/", "https://remit.example.org:8443" },
    { "  https://pay-api.example.com/v1/  ", "https://pay-api.example.com/v1" },
    { "HTTPS://Remit.Example.org", "https://remit.example.org" },
    { "http://localhost:8080", "http://localhost:8080" },
    { "http://127.0.0.1:39001/", "http://127.0.0.1:39001" },
    { "http://[::1]:9000", "http://[::1]:9000" },
    { "", "" },
    { "http://example.com", NULL },
    { "http://192.168.1.10:8080", NULL },
    { "ftp://example.com", NULL },
    { "example.com", NULL },
    { "https://", NULL },
    { "https://user:secret@example.com", NULL },
    { "https://example.com/?token=1", NULL },
    { "https://example.com/#x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean ok = remit_preferences_check_server_url (cases[i].text, &normalized, &error);

      if (cases[i].normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
          g_assert_null (normalized);
        }
    }

  /* The message says what to do. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (remit_preferences_check_server_url ("http://example.com", NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "Plain http:// is only allowed for a server on this computer; use "
                     "https://example.com");
  }
}

static void
test_backend (Fixture *fixture, gconstpointer data)
{
  GtkWidget *server_group;
  GtkWidget *account_group;

  /* The local engine is the default; no account to fill in then. */
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "backend"), ==, "local");
  account_group = gtk_widget_get_ancestor (row (fixture, "Client ID"),
                                           ADW_TYPE_PREFERENCES_GROUP);
  server_group = gtk_widget_get_ancestor (row (fixture, "Server Address"),
                                          ADW_TYPE_PREFERENCES_GROUP);
  g_assert_false (gtk_widget_get_visible (account_group));
  g_assert_false (gtk_widget_get_visible (server_group));
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->window),
                                                       "Nothing leaves this computer")));
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-extraction-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-extraction-dark");
  ui_test_set_dark (FALSE);

  /* Choosing a row writes the setting and shows what that backend needs. */
  gtk_widget_activate (row (fixture, "_Gini"));
  ui_test_spin (50);
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "backend"), ==, "gini");
  g_assert_true (gtk_widget_get_visible (account_group));
  g_assert_false (gtk_widget_get_visible (server_group));

  gtk_widget_activate (row (fixture, "_Other Server"));
  ui_test_spin (50);
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "backend"), ==, "server");
  g_assert_true (gtk_widget_get_visible (account_group));
  g_assert_true (gtk_widget_get_visible (server_group));

  /* Client ID and user identifier go to GSettings; the identifier only for “derived”. */
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Client ID")), "remit-office");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "client-id"), ==, "remit-office");
  g_assert_false (gtk_widget_get_visible (row (fixture, "User Identifier")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Sign In As")), 1);
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "auth-mode"), ==, "derived");
  g_assert_true (gtk_widget_get_visible (row (fixture, "User Identifier")));
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "User Identifier")), "office-pc-3");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "user-identifier"), ==,
                   "office-pc-3");
  ui_test_spin (100);
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-server-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-server-dark");
  ui_test_set_dark (FALSE);

  /* Settings changed elsewhere show here too. */
  g_settings_set_string (fixture->settings, "auth-mode", "anonymous");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Sign In As"))), ==,
                    0);
  g_settings_set_string (fixture->settings, "backend", "local");
  g_assert_false (gtk_widget_get_visible (account_group));
}

static void
apply (GtkWidget *entry_row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  ui_test_spin (50);
}

static void
test_server_url (Fixture *fixture, gconstpointer data)
{
  GtkWidget *url_row;
  GtkWidget *error_label;
  const char *refusal = "Plain http:// is only allowed for a server on this computer; use "
                        "https://example.com";

  g_settings_set_string (fixture->settings, "backend", "server");
  ui_test_spin (50);
  url_row = row (fixture, "Server Address");

  /* Plain HTTP to another computer is refused, said under the field, and not saved. */
  apply (url_row, "http://example.com");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), ==, "");
  error_label = ui_test_find_label (GTK_WIDGET (fixture->window), refusal);
  g_assert_true (ui_test_is_shown (error_label));
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-server-error");

  /* Typing again takes the complaint away; a good address is saved, tidied. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://remit.example.org:8443/");
  g_assert_false (gtk_widget_get_visible (error_label));
  apply (url_row, "https://remit.example.org:8443/");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), ==,
                   "https://remit.example.org:8443");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://remit.example.org:8443");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));

  /* Loopback may be plain HTTP (remit-server on this computer). */
  apply (url_row, "http://127.0.0.1:39001");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), ==,
                   "http://127.0.0.1:39001");

  /* A refused address keeps the one saved before. */
  apply (url_row, "https://user:pw@example.com");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "server-url"), ==,
                   "http://127.0.0.1:39001");
}

static void
type_iban (GtkWidget *iban_row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (iban_row), text);
  ui_test_spin (150);
}

static void
test_payer (Fixture *fixture, gconstpointer data)
{
  GtkWidget *name_row;
  GtkWidget *iban_row;
  const char *invalid = "The IBAN’s check digits do not match; look for a typing mistake";

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window),
                                                "payments");
  ui_test_spin (300);
  name_row = row (fixture, "Account Holder");
  iban_row = row (fixture, "IBAN");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Erika Mustermann");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "payer-name"), ==,
                   "Erika Mustermann");

  /* Typed loosely, saved compact, shown in groups of four. */
  type_iban (iban_row, "de02 1203 0000 0000 2020 51");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "payer-iban"), ==,
                   "DE02120300000000202051");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (iban_row)), ==,
                   "DE02 1203 0000 0000 2020 51");
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-payments-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-payments-dark");
  ui_test_set_dark (FALSE);

  /* While typing, nothing complains yet. */
  type_iban (iban_row, "DE89 3704");
  g_assert_false (gtk_widget_has_css_class (iban_row, "error"));
  /* Complete but wrong: said at once, and the IBAN saved before stays. */
  type_iban (iban_row, "DE89 3704 0044 0532 0130 01");
  g_assert_true (gtk_widget_has_css_class (iban_row, "error"));
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->window), invalid)));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "payer-iban"), ==,
                   "DE02120300000000202051");
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-payments-error");

  /* Short and left with Enter: said then. */
  type_iban (iban_row, "DE89 3704");
  g_assert_false (gtk_widget_has_css_class (iban_row, "error"));
  g_signal_emit_by_name (iban_row, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (iban_row, "error"));

  /* Corrected: saved, no complaint. Emptied: the setting is cleared. */
  type_iban (iban_row, "DE89370400440532013000");
  g_assert_false (gtk_widget_has_css_class (iban_row, "error"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "payer-iban"), ==,
                   "DE89370400440532013000");
  type_iban (iban_row, "");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "payer-iban"), ==, "");
}

static gboolean
keyring_available (void)
{
  if (g_getenv ("REMIT_TEST_SESSION_INNER") == NULL)
    {
      g_test_skip ("needs the throw-away keyring of build-aux/test-session");
      return FALSE;
    }
  return TRUE;
}

static char *
lookup (const char *kind, const char *server, const char *client_id, const char *user)
{
  g_autoptr (GError) error = NULL;
  char *secret;
  char *copy;

  if (user != NULL)
    secret = secret_password_lookup_sync (&account_schema, NULL, &error, "kind", kind, "server",
                                          server, "client-id", client_id, "user", user, NULL);
  else
    secret = secret_password_lookup_sync (&account_schema, NULL, &error, "kind", kind, "server",
                                          server, "client-id", client_id, NULL);
  g_assert_no_error (error);
  /* A copy in GLib memory, so that callers free it like any string. */
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
settings_mention (GSettings *settings, const char *text)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      if (strstr (printed, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_client_secret_and_sign_out (Fixture *fixture, gconstpointer data)
{
  const char *secret = "s3cr3t-4711-client";
  const char *server = "https://pay-api.gini.net";
  g_autoptr (GError) error = NULL;
  GtkWidget *secret_row;
  GtkWindow *dialog;
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  char *other_secret;

  if (!keyring_available ())
    return;

  g_settings_set_string (fixture->settings, "backend", "gini");
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Client ID")), "remit-desktop");
  ui_test_spin (500);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->window),
                                                       "No client secret is stored yet.")));

  /* Entered and applied: in the keyring, and nowhere in the settings; the field empties. */
  secret_row = row (fixture, "Client Secret");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (secret_row));
  gtk_editable_set_text (GTK_EDITABLE (secret_row), secret);
  g_signal_emit_by_name (secret_row, "apply");
  for (int i = 0; i < 500 && !ui_test_is_shown (ui_test_find_label (
                                GTK_WIDGET (fixture->window),
                                "A client secret is stored in the keyring."));
       i++)
    ui_test_spin (10);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->window),
                                                       "A client secret is stored in the keyring.")));
  stored = lookup ("client-secret", server, "remit-desktop", NULL);
  g_assert_cmpstr (stored, ==, secret);
  g_assert_false (settings_mention (fixture->settings, secret));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->window),
                                        "Client secret saved in the keyring"));
  ui_test_screenshot (GTK_WIDGET (fixture->window), "preferences-secret-saved");

  /* A token the API client would have stored, and someone else's item. */
  g_assert_true (secret_password_store_sync (&account_schema, SECRET_COLLECTION_DEFAULT,
                                             "token", "3600 3600 abc", NULL, &error, "kind",
                                             "token", "server", server, "client-id",
                                             "remit-desktop", "user", "anon-1", NULL));
  g_assert_no_error (error);
  g_assert_true (secret_password_store_sync (&other_schema, SECRET_COLLECTION_DEFAULT, "other",
                                             "keep me", NULL, &error, "name", "x", NULL));
  g_assert_no_error (error);

  /* Sign Out asks first; Cancel keeps everything. */
  ui_test_click (ui_test_find_button_by_label (GTK_WIDGET (fixture->window),
                                                     "_Sign Out…"));
  ui_test_spin (300);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Sign Out?");
  ui_test_screenshot (GTK_WIDGET (dialog), "preferences-sign-out-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (dialog), "preferences-sign-out-dark");
  ui_test_set_dark (FALSE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ui_test_spin (300);
  g_clear_pointer (&stored, g_free);
  stored = lookup ("client-secret", server, "remit-desktop", NULL);
  g_assert_cmpstr (stored, ==, secret);

  /* Sign Out removes the client secret and the token, not other applications' items. */
  ui_test_click (ui_test_find_button_by_label (GTK_WIDGET (fixture->window),
                                                     "_Sign Out…"));
  ui_test_spin (300);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign-out");
  for (int i = 0; i < 500 && ui_test_find_label (GTK_WIDGET (fixture->window),
                                                 "Signed out; the keyring holds no Remit "
                                                 "secrets now")
                                 == NULL;
       i++)
    ui_test_spin (10);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->window),
                                        "Signed out; the keyring holds no Remit secrets now"));
  g_clear_pointer (&stored, g_free);
  stored = lookup ("client-secret", server, "remit-desktop", NULL);
  g_assert_null (stored);
  token = lookup ("token", server, "remit-desktop", "anon-1");
  g_assert_null (token);
  other_secret = secret_password_lookup_sync (&other_schema, NULL, &error, "name", "x", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (other_secret, ==, "keep me");
  secret_password_free (other_secret);
  secret_password_clear_sync (&other_schema, NULL, &error, "name", "x", NULL);
  g_assert_no_error (error);
}

/* The secret field needs the client ID it belongs to. */
static void
test_client_secret_needs_id (Fixture *fixture, gconstpointer data)
{
  GtkWidget *secret_row;

  g_settings_set_string (fixture->settings, "backend", "gini");
  ui_test_spin (50);
  secret_row = row (fixture, "Client Secret");
  gtk_editable_set_text (GTK_EDITABLE (secret_row), "whatever");
  g_signal_emit_by_name (secret_row, "apply");
  ui_test_spin (50);
  g_assert_true (ui_test_is_shown (ui_test_find_label (
    GTK_WIDGET (fixture->window), "Enter the client ID first; the secret belongs to it.")));
  /* Nothing was stored, so the field keeps what was typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "whatever");
  g_assert_false (settings_mention (fixture->settings, "whatever"));
}

/* A Secret Service that never answers (as a locked keyring waiting for a prompt nobody
 * sees): every call gives up after the time limit and says so. Runs in a subprocess whose
 * session bus is a socket that accepts and stays silent. */
static void
stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_false (remit_secrets_ui_store_client_secret_finish (result, error));
}

static void
cleared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_false (remit_secrets_ui_clear_all_finish (result, error));
}

static void
test_keyring_timeout (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("remit-bus-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", path, NULL);
      struct sockaddr_un socket_address = { .sun_family = AF_UNIX };
      GError *store_error = NULL;
      GError *clear_error = NULL;
      gint64 start;
      double seconds;
      int fd;

      /* Listens, never accepts, never answers. */
      fd = socket (AF_UNIX, SOCK_STREAM, 0);
      g_assert_cmpint (fd, >=, 0);
      g_strlcpy (socket_address.sun_path, path, sizeof socket_address.sun_path);
      g_assert_cmpint (bind (fd, (struct sockaddr *) &socket_address, sizeof socket_address), ==,
                       0);
      g_assert_cmpint (listen (fd, 8), ==, 0);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

      remit_secrets_ui_set_timeout (1);
      start = g_get_monotonic_time ();
      remit_secrets_ui_store_client_secret_async ("https://pay-api.gini.net", "remit", "x",
                                                  NULL, stored_cb, &store_error);
      remit_secrets_ui_clear_all_async (NULL, cleared_cb, &clear_error);
      while (store_error == NULL || clear_error == NULL)
        g_main_context_iteration (NULL, TRUE);
      seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

      g_assert_error (store_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_error (clear_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_cmpstr (store_error->message, ==,
                       "The keyring did not answer within 1 second; unlock it, or start a "
                       "keyring service, and try again");
      g_assert_cmpfloat (seconds, <, 5.0);
      g_print ("gave up after %.1f s\n", seconds);
      g_error_free (store_error);
      g_error_free (clear_error);
      close (fd);
      g_unlink (path);
      g_rmdir (dir);
      return;
    }

  g_setenv ("REMIT_TEST_SILENT_BUS", "1", TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("REMIT_TEST_SILENT_BUS");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("gave up after *");
}

int
main (int argc, char **argv)
{
  /* The keyring timeout runs in a process that must not touch the real session bus. */
  if (g_getenv ("REMIT_TEST_SILENT_BUS") != NULL)
    g_test_init (&argc, &argv, NULL);
  else
    ui_test_init (&argc, &argv);

  g_test_add_func ("/preferences/check-server-url", test_check_server_url);
  g_test_add_func ("/preferences/keyring-timeout", test_keyring_timeout);
  if (g_getenv ("REMIT_TEST_SILENT_BUS") == NULL)
    {
      g_test_add ("/preferences/backend", Fixture, NULL, fixture_set_up, test_backend,
                  fixture_tear_down);
      g_test_add ("/preferences/server-url", Fixture, NULL, fixture_set_up, test_server_url,
                  fixture_tear_down);
      g_test_add ("/preferences/payer", Fixture, NULL, fixture_set_up, test_payer,
                  fixture_tear_down);
      g_test_add ("/preferences/client-secret-needs-id", Fixture, NULL, fixture_set_up,
                  test_client_secret_needs_id, fixture_tear_down);
      g_test_add ("/preferences/client-secret-and-sign-out", Fixture, NULL, fixture_set_up,
                  test_client_secret_and_sign_out, fixture_tear_down);
    }

  return g_test_run ();
}
