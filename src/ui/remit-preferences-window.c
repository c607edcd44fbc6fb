/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-preferences"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-iban.h"
#include "remit-preferences-window.h"
#include "remit-secrets-ui.h"

#define SETTINGS_SCHEMA "io.github.remitapp.Remit"

struct _RemitPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  GCancellable *cancellable;
  GCancellable *lookup;
  guint iban_check;
  gboolean updating_iban;
  gboolean show_iban_error;

  AdwPreferencesGroup *server_group;
  AdwEntryRow *server_url_row;
  GtkLabel *server_url_error_label;
  AdwPreferencesGroup *account_group;
  AdwEntryRow *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  AdwComboRow *auth_mode_row;
  AdwEntryRow *user_identifier_row;
  GtkLabel *secret_status_label;
  AdwEntryRow *payer_name_row;
  AdwEntryRow *payer_iban_row;
  GtkLabel *payer_iban_error_label;
};

G_DEFINE_FINAL_TYPE (RemitPreferencesWindow, remit_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
show_toast (RemitPreferencesWindow *self, const char *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
show_inline_error (GtkWidget *row, GtkLabel *label, const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Server address */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * remit_preferences_check_server_url:
 * @text: what a person typed
 * @normalized: (out) (optional) (transfer full): the address to save: without spaces
 *   around it or a `/` at the end; "" for an empty @text
 * @error: return location for a %REMIT_CORE_ERROR_INVALID_VALUE that says what is wrong
 *
 * Checks the address of a Gini-compatible server: `https://`, or `http://` only for this
 * computer (localhost, 127.0.0.0/8, ::1), with a host, and without user name, password,
 * query or fragment (credentials belong in the keyring, not in GSettings). An empty text
 * is accepted: it means no server is set.
 *
 * Returns: whether the address may be saved
 */
gboolean
remit_preferences_check_server_url (const char *text, char **normalized, GError **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  const char *host;
  gboolean https;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      if (normalized != NULL)
        *normalized = g_strdup ("");
      return TRUE;
    }

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("“%s” is not a web address; write it as https://server.example.org"),
                   stripped);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  https = g_ascii_strcasecmp (scheme, "https") == 0;
  if (!https && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("The address must start with https://"));
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("The address names no server; write it as "
                             "https://server.example.org"));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("Leave the user name and password out of the address; Remit keeps "
                             "credentials in the keyring"));
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("The address must end with the server’s path, without “?” or "
                             "“#” parts"));
      return FALSE;
    }

  if (!https && !host_is_loopback (host))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("Plain http:// is only allowed for a server on this computer; use "
                     "https://%s"),
                   host);
      return FALSE;
    }

  if (normalized != NULL)
    {
      g_autofree char *lower_host = g_ascii_strdown (host, -1);

      path = g_strdup (g_uri_get_path (uri));
      while (*path != '\0' && path[strlen (path) - 1] == '/')
        path[strlen (path) - 1] = '\0';
      *normalized = g_uri_join (G_URI_FLAGS_NONE, https ? "https" : "http", NULL, lower_host,
                                g_uri_get_port (uri), path, NULL, NULL);
    }
  return TRUE;
}

static void
server_url_apply_cb (RemitPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_url_row));

  if (!remit_preferences_check_server_url (text, &normalized, &error))
    {
      show_inline_error (GTK_WIDGET (self->server_url_row), self->server_url_error_label,
                         error->message);
      return;
    }

  show_inline_error (GTK_WIDGET (self->server_url_row), self->server_url_error_label, NULL);
  g_settings_set_string (self->settings, "server-url", normalized);
  if (g_strcmp0 (text, normalized) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->server_url_row), normalized);
}

static void
server_url_changed_cb (RemitPreferencesWindow *self)
{
  /* An old complaint goes away as soon as the address is being corrected. */
  show_inline_error (GTK_WIDGET (self->server_url_row), self->server_url_error_label, NULL);
}

/* Secrets */

/* The server a client secret belongs to: the Pay API for Gini, else the other server. */
static char *
dup_secret_server (RemitPreferencesWindow *self)
{
  g_autofree char *backend = g_settings_get_string (self->settings, "backend");

  if (g_str_equal (backend, "server"))
    return g_settings_get_string (self->settings, "server-url");
  return g_settings_get_string (self->settings, "pay-api-url");
}

static void
secret_lookup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitPreferencesWindow *self;
  g_autoptr (GError) error = NULL;
  gboolean has = FALSE;

  if (!remit_secrets_ui_has_client_secret_finish (result, &has, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = REMIT_PREFERENCES_WINDOW (user_data);
  if (error != NULL)
    gtk_label_set_label (self->secret_status_label, error->message);
  else if (has)
    gtk_label_set_label (self->secret_status_label,
                         _("A client secret is stored in the keyring."));
  else
    gtk_label_set_label (self->secret_status_label, _("No client secret is stored yet."));
}

static void
update_secret_status (RemitPreferencesWindow *self)
{
  g_autofree char *server = dup_secret_server (self);
  g_autofree char *client_id = g_settings_get_string (self->settings, "client-id");

  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);

  if (*client_id == '\0' || *server == '\0')
    {
      gtk_label_set_label (self->secret_status_label,
                           _("The client secret is kept in the keyring, never in the settings."));
      return;
    }

  self->lookup = g_cancellable_new ();
  remit_secrets_ui_has_client_secret_async (server, client_id, self->lookup, secret_lookup_done,
                                            self);
}

static void
secret_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitPreferencesWindow *self;
  g_autoptr (GError) error = NULL;

  if (!remit_secrets_ui_store_client_secret_finish (result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = REMIT_PREFERENCES_WINDOW (user_data);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_secret_row), TRUE);
  if (error != NULL)
    {
      gtk_label_set_label (self->secret_status_label, error->message);
      show_toast (self, _("The client secret was not saved"));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  gtk_label_set_label (self->secret_status_label, _("A client secret is stored in the keyring."));
  show_toast (self, _("Client secret saved in the keyring"));
}

static void
client_secret_apply_cb (RemitPreferencesWindow *self)
{
  g_autofree char *server = dup_secret_server (self);
  g_autofree char *client_id = g_settings_get_string (self->settings, "client-id");
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row));

  if (*secret == '\0')
    return;
  g_strstrip (client_id);
  if (*client_id == '\0')
    {
      gtk_label_set_label (self->secret_status_label,
                           _("Enter the client ID first; the secret belongs to it."));
      return;
    }
  if (*server == '\0')
    {
      gtk_label_set_label (self->secret_status_label,
                           _("Enter the server address first; the secret belongs to it."));
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->client_secret_row), FALSE);
  remit_secrets_ui_store_client_secret_async (server, client_id, secret, self->cancellable,
                                              secret_stored, self);
}

static void
signed_out (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitPreferencesWindow *self;
  g_autoptr (GError) error = NULL;

  if (!remit_secrets_ui_clear_all_finish (result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = REMIT_PREFERENCES_WINDOW (user_data);
  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Signing Out Failed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_toast (self, _("Signed out; the keyring holds no Remit secrets now"));
  update_secret_status (self);
}

static void
sign_out_response (AdwMessageDialog *dialog, const char *response, RemitPreferencesWindow *self)
{
  if (!g_str_equal (response, "sign-out"))
    return;
  remit_secrets_ui_clear_all_async (self->cancellable, signed_out, self);
}

static void
sign_out_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  RemitPreferencesWindow *self = REMIT_PREFERENCES_WINDOW (user_data);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"),
                                   _("The client secret, the anonymous account and the access "
                                     "tokens are removed from the keyring. Your bills stay on "
                                     "this computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Payer IBAN */

static void
check_payer_iban (RemitPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *stored = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->payer_iban_row));
  int expected;

  stored = g_settings_get_string (self->settings, "payer-iban");
  compact = remit_iban_normalize (text);
  if (*compact == '\0')
    {
      show_inline_error (GTK_WIDGET (self->payer_iban_row), self->payer_iban_error_label, NULL);
      if (*stored != '\0')
        g_settings_set_string (self->settings, "payer-iban", "");
      return;
    }

  if (remit_iban_validate (text, &normalized, &error))
    {
      g_autofree char *grouped = remit_iban_format (normalized);

      show_inline_error (GTK_WIDGET (self->payer_iban_row), self->payer_iban_error_label, NULL);
      if (!g_str_equal (stored, normalized))
        g_settings_set_string (self->settings, "payer-iban", normalized);
      if (!g_str_equal (text, grouped))
        {
          self->updating_iban = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->payer_iban_row), grouped);
          gtk_editable_set_position (GTK_EDITABLE (self->payer_iban_row), -1);
          self->updating_iban = FALSE;
        }
      return;
    }

  /* While the IBAN is still being typed, a complaint about its length helps nobody: say
   * what is wrong once it is long enough, or when the person leaves the field. */
  expected = remit_iban_country_length (compact);
  if (self->show_iban_error || (expected > 0 && (int) strlen (compact) >= expected)
      || (expected == 0 && strlen (compact) >= 2))
    show_inline_error (GTK_WIDGET (self->payer_iban_row), self->payer_iban_error_label,
                       error->message);
  else
    show_inline_error (GTK_WIDGET (self->payer_iban_row), self->payer_iban_error_label, NULL);
}

static gboolean
check_payer_iban_idle (gpointer user_data)
{
  RemitPreferencesWindow *self = user_data;

  self->iban_check = 0;
  check_payer_iban (self);
  return G_SOURCE_REMOVE;
}

/* Replacing the text deletes and then inserts, and each step says “changed”: look at the
 * IBAN once the change is complete, so that the empty text in between does not clear the
 * saved IBAN. */
static void
payer_iban_changed_cb (RemitPreferencesWindow *self)
{
  if (self->updating_iban || self->iban_check != 0)
    return;
  self->iban_check = g_idle_add (check_payer_iban_idle, self);
}

static void
payer_iban_activated_cb (RemitPreferencesWindow *self)
{
  g_clear_handle_id (&self->iban_check, g_source_remove);
  self->show_iban_error = TRUE;
  check_payer_iban (self);
}

static void
payer_iban_focus_left (GtkEventControllerFocus *controller, RemitPreferencesWindow *self)
{
  payer_iban_activated_cb (self);
}

/* Settings */

static gboolean
backend_is (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), user_data));
  return TRUE;
}

static gboolean
backend_is_not (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_boolean (value, !g_str_equal (g_variant_get_string (variant, NULL), user_data));
  return TRUE;
}

static gboolean
auth_mode_to_selected (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "derived") ? 1 : 0);
  return TRUE;
}

static GVariant *
selected_to_auth_mode (const GValue *value, const GVariantType *type, gpointer user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "derived" : "anonymous");
}

static void
settings_changed (GSettings *settings, const char *key, RemitPreferencesWindow *self)
{
  if (g_str_equal (key, "backend") || g_str_equal (key, "client-id")
      || g_str_equal (key, "server-url") || g_str_equal (key, "pay-api-url"))
    update_secret_status (self);
}

static void
remit_preferences_window_dispose (GObject *object)
{
  RemitPreferencesWindow *self = REMIT_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  g_clear_handle_id (&self->iban_check, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (remit_preferences_window_parent_class)->dispose (object);
}

static void
remit_preferences_window_finalize (GObject *object)
{
  RemitPreferencesWindow *self = REMIT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->lookup);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (remit_preferences_window_parent_class)->finalize (object);
}

static void
remit_preferences_window_class_init (RemitPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_preferences_window_dispose;
  object_class->finalize = remit_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/remitapp/Remit/remit-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, server_url_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow,
                                        server_url_error_label);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, auth_mode_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow,
                                        user_identifier_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow,
                                        secret_status_label);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, payer_name_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow, payer_iban_row);
  gtk_widget_class_bind_template_child (widget_class, RemitPreferencesWindow,
                                        payer_iban_error_label);
  gtk_widget_class_bind_template_callback (widget_class, server_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_secret_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, payer_iban_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, payer_iban_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remit_preferences_window_init (RemitPreferencesWindow *self)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr (GAction) backend = NULL;
  g_autoptr (GSimpleAction) sign_out = g_simple_action_new ("sign-out", NULL);
  g_autofree char *server_url = NULL;
  g_autofree char *payer_iban = NULL;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SETTINGS_SCHEMA);

  /* The backend: three radio rows on one stateful action. */
  backend = g_settings_create_action (self->settings, "backend");
  g_action_map_add_action (G_ACTION_MAP (actions), backend);
  g_signal_connect (sign_out, "activate", G_CALLBACK (sign_out_activated), self);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (sign_out));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "prefs", G_ACTION_GROUP (actions));

  g_settings_bind_with_mapping (self->settings, "backend", self->server_group, "visible",
                                G_SETTINGS_BIND_GET, backend_is, NULL, (gpointer) "server",
                                NULL);
  g_settings_bind_with_mapping (self->settings, "backend", self->account_group, "visible",
                                G_SETTINGS_BIND_GET, backend_is_not, NULL, (gpointer) "local",
                                NULL);
  g_settings_bind (self->settings, "client-id", self->client_id_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "auth-mode", self->auth_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, auth_mode_to_selected,
                                selected_to_auth_mode, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "auth-mode", self->user_identifier_row,
                                "visible", G_SETTINGS_BIND_GET, backend_is,
                                NULL, (gpointer) "derived", NULL);
  g_settings_bind (self->settings, "user-identifier", self->user_identifier_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "payer-name", self->payer_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  /* The server address and the IBAN are saved only when they are valid. */
  server_url = g_settings_get_string (self->settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->server_url_row), server_url);
  show_inline_error (GTK_WIDGET (self->server_url_row), self->server_url_error_label, NULL);

  payer_iban = g_settings_get_string (self->settings, "payer-iban");
  if (*payer_iban != '\0')
    {
      g_autofree char *grouped = remit_iban_format (payer_iban);

      self->updating_iban = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->payer_iban_row), grouped);
      self->updating_iban = FALSE;
    }
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (payer_iban_focus_left), self);
  gtk_widget_add_controller (GTK_WIDGET (self->payer_iban_row), focus);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed), self, 0);
  update_secret_status (self);
}

/**
 * remit_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer full): a new modal #RemitPreferencesWindow
 */
RemitPreferencesWindow *
remit_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (REMIT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
