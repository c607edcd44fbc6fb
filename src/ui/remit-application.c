/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-application"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-api-client.h"
#include "remit-application.h"
#include "remit-local-backend.h"
#include "remit-remote-backend.h"
#include "remit-window.h"

/**
 * RemitApplication:
 *
 * The application: its settings, the ledger of bills and the backend that reads them,
 * shared by every window; the application-wide actions (quit, about, preferences).
 */
struct _RemitApplication
{
  AdwApplication parent_instance;

  GSettings *settings; /* NULL when the schema is not installed */
  RemitLedger *ledger;
  RemitBackend *backend;
  RemitBillService *bill_service;
  GNetworkMonitor *network_monitor; /* NULL until needed when none was given */
  gboolean resumed;
  gboolean resuming;
  gboolean network_available;
  gulong network_changed_id;
};

G_DEFINE_FINAL_TYPE (RemitApplication, remit_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_NETWORK_MONITOR,
  PROP_RESUMING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The monitor given at construction, else the default one, looked up only when the bill
 * service first needs it. */
static GNetworkMonitor *
get_network_monitor (RemitApplication *self)
{
  if (self->network_monitor == NULL)
    self->network_monitor = g_object_ref (g_network_monitor_get_default ());

  return self->network_monitor;
}

static void
set_resuming (RemitApplication *self, gboolean resuming)
{
  if (self->resuming == resuming)
    return;

  self->resuming = resuming;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUMING]);
}

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

  /* The files are read while the window shows itself. */
  remit_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it keep its size and any unsaved review. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (G_APPLICATION (app));
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
set_accels (GtkApplication *app, const char *action, const char *first, ...)
{
  g_autoptr (GPtrArray) accels = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *accel = first; accel != NULL; accel = va_arg (args, const char *))
    g_ptr_array_add (accels, (gpointer) accel);
  va_end (args);
  g_ptr_array_add (accels, NULL);

  gtk_application_set_accels_for_action (app, action, (const char *const *) accels->pdata);
}

static void
remit_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (remit_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);

  set_accels (gtk_app, "app.quit", "<Control>q", NULL);
  set_accels (gtk_app, "win.open", "<Control>o", NULL);
  set_accels (gtk_app, "win.search", "<Control>f", NULL);
  set_accels (gtk_app, "win.preferences", "<Control>comma", NULL);
  set_accels (gtk_app, "win.show-help-overlay", "<Control>question", "F1", NULL);
  /* Delete and Ctrl+Return are the window's own bindings: a text field keeps Delete. */
  set_accels (gtk_app, "win.pay", "<Control>p", NULL);
  set_accels (gtk_app, "win.back", "<Alt>Left", NULL);
}

static void
backend_changed (RemitApplication *self)
{
  /* The next use builds them from the new settings. The application goes on listening to
   * the network: when it comes back, the new service resumes. */
  g_clear_object (&self->bill_service);
  g_clear_object (&self->backend);
}

static void
remit_application_dispose (GObject *object)
{
  RemitApplication *self = REMIT_APPLICATION (object);

  g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->bill_service);
  g_clear_object (&self->backend);
  g_clear_object (&self->ledger);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (remit_application_parent_class)->dispose (object);
}

static void
remit_application_get_property (GObject *object,
                                guint prop_id,
                                GValue *value,
                                GParamSpec *pspec)
{
  RemitApplication *self = REMIT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, get_network_monitor (self));
      break;
    case PROP_RESUMING:
      g_value_set_boolean (value, self->resuming);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_application_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  RemitApplication *self = REMIT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MONITOR:
      self->network_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_application_class_init (RemitApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = remit_application_dispose;
  object_class->get_property = remit_application_get_property;
  object_class->set_property = remit_application_set_property;

  /**
   * RemitApplication:network-monitor:
   *
   * The monitor whose #GNetworkMonitor::network-changed makes the application resume
   * unfinished operations when the network comes back. %NULL at construction (the
   * default) means g_network_monitor_get_default(); tests give their own.
   */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitApplication:resuming:
   *
   * Whether unfinished operations are being resumed (see
   * remit_application_get_bill_service()).
   */
  properties[PROP_RESUMING] =
    g_param_spec_boolean ("resuming", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = remit_application_activate;
  app_class->open = remit_application_open;
  app_class->startup = remit_application_startup;
}

static void
remit_application_init (RemitApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);

  if (schema != NULL)
    {
      self->settings = g_settings_new (BASE_APPLICATION_ID);
      g_signal_connect_object (self->settings, "changed::backend", G_CALLBACK (backend_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::server-url",
                               G_CALLBACK (backend_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::client-id",
                               G_CALLBACK (backend_changed), self, G_CONNECT_SWAPPED);
    }
  else
    g_warning ("The settings schema %s is not installed; using the defaults",
               BASE_APPLICATION_ID);
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

/**
 * remit_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema is not
 *   installed (an uninstalled build without `GSETTINGS_SCHEMA_DIR`)
 */
GSettings *
remit_application_get_settings (RemitApplication *self)
{
  g_return_val_if_fail (REMIT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * remit_application_get_ledger:
 * @self: the application
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * The ledger in the default directory (`$REMIT_DATA_DIR`, else the user's data folder),
 * opened on first use.
 *
 * Returns: (transfer none) (nullable): the ledger, or %NULL with @error set
 */
RemitLedger *
remit_application_get_ledger (RemitApplication *self, GError **error)
{
  g_return_val_if_fail (REMIT_IS_APPLICATION (self), NULL);

  if (self->ledger == NULL)
    {
      g_autofree char *directory = remit_ledger_dup_default_directory ();

      self->ledger = remit_ledger_open (directory, error);
    }

  return self->ledger;
}

static void
secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!remit_api_client_load_client_secret_finish (REMIT_API_CLIENT (source), result, &error))
    g_warning ("The client secret could not be read from the keyring: %s", error->message);
}

static RemitBackend *
create_remote_backend (GSettings *settings, const char *kind)
{
  g_autoptr (RemitApiClient) client = NULL;
  g_autofree char *client_id = g_settings_get_string (settings, "client-id");
  g_autofree char *user_identifier = g_settings_get_string (settings, "user-identifier");

  if (g_str_equal (kind, "server"))
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");

      client = remit_api_client_new_for_server (url);
    }
  else
    {
      g_autofree char *pay = g_settings_get_string (settings, "pay-api-url");
      g_autofree char *health = g_settings_get_string (settings, "health-api-url");
      g_autofree char *users = g_settings_get_string (settings, "user-center-url");

      client = remit_api_client_new ();
      remit_api_client_set_pay_api_url (client, pay);
      remit_api_client_set_health_api_url (client, health);
      remit_api_client_set_user_center_url (client, users);
      remit_api_client_set_pay_api_version (client,
                                            g_settings_get_uint (settings, "pay-api-version"));
      remit_api_client_set_health_api_version (
        client, g_settings_get_uint (settings, "health-api-version"));
    }

  remit_api_client_set_poll_timeout (client, g_settings_get_uint (settings, "poll-timeout"));
  remit_api_client_set_client_credentials (client, client_id, NULL);
  if (g_settings_get_enum (settings, "auth-mode") == 1)
    {
      remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
      remit_api_client_set_user_identifier (client, user_identifier);
    }

  /* The secret comes from the keyring; requests wait for it through the client's own
   * authentication. */
  if (client_id[0] != '\0')
    remit_api_client_load_client_secret_async (client, NULL, secret_loaded, NULL);

  return REMIT_BACKEND (remit_remote_backend_new (client));
}

/**
 * remit_application_get_backend:
 * @self: the application
 *
 * The backend the settings choose (`backend`: the local engine, Gini, or another
 * Gini-compatible server), made on first use and again after the settings change.
 *
 * Returns: (transfer none): the backend
 */
RemitBackend *
remit_application_get_backend (RemitApplication *self)
{
  g_return_val_if_fail (REMIT_IS_APPLICATION (self), NULL);

  if (self->backend == NULL)
    {
      g_autofree char *kind = NULL;

      if (self->settings != NULL)
        kind = g_settings_get_string (self->settings, "backend");

      if (kind != NULL && !g_str_equal (kind, "local"))
        self->backend = create_remote_backend (self->settings, kind);
      else
        self->backend = REMIT_BACKEND (remit_local_backend_new ());
    }

  return self->backend;
}

static void
resumed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = remit_bill_service_resume_finish (REMIT_BILL_SERVICE (source),
                                                                  result, &error);

  set_resuming (self, FALSE);
  if (items == NULL)
    {
      g_warning ("Unfinished operations could not be resumed: %s", error->message);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      RemitResumeItem *item = g_ptr_array_index (items, i);

      g_message ("Resumed %s of bill %" G_GINT64_FORMAT ": %s%s%s", item->operation,
                 item->bill_id, remit_resume_outcome_to_string (item->outcome),
                 item->detail != NULL ? ", " : "", item->detail != NULL ? item->detail : "");
    }
}

static void
resume (RemitApplication *self)
{
  if (self->resuming || self->bill_service == NULL)
    return;

  set_resuming (self, TRUE);
  remit_bill_service_resume_async (self->bill_service, NULL, resumed, g_object_ref (self));
}

static void
network_changed (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  RemitApplication *self = user_data;
  gboolean came_back = available && !self->network_available;

  self->network_available = available;
  if (came_back)
    resume (self);
}

/**
 * remit_application_get_bill_service:
 * @self: the application
 * @error: return location for the ledger's error
 *
 * The bill service over the ledger and the backend of the settings. The first one made
 * resumes what an earlier run left unfinished (uploads, feedback, payment requests); from
 * then on, the service of the moment resumes whenever the network monitor (see
 * #RemitApplication:network-monitor) says that the network is back.
 *
 * Returns: (transfer none) (nullable): the service, or %NULL when the ledger cannot be opened
 */
RemitBillService *
remit_application_get_bill_service (RemitApplication *self, GError **error)
{
  RemitLedger *ledger;

  g_return_val_if_fail (REMIT_IS_APPLICATION (self), NULL);

  if (self->bill_service != NULL)
    return self->bill_service;

  ledger = remit_application_get_ledger (self, error);
  if (ledger == NULL)
    return NULL;

  self->bill_service = remit_bill_service_new (ledger, remit_application_get_backend (self));
  if (!self->resumed)
    {
      GNetworkMonitor *monitor = get_network_monitor (self);

      self->resumed = TRUE;
      resume (self);

      /* What waited for the network goes out when it is back. */
      self->network_available = g_network_monitor_get_network_available (monitor);
      self->network_changed_id = g_signal_connect (monitor, "network-changed",
                                                   G_CALLBACK (network_changed), self);
    }

  return self->bill_service;
}
