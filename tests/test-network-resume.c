/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-network-resume"

#include "config.h"

#include "api-test-common.h"
#include "remit-api-client.h"
#include "remit-api-error.h"
#include "remit-application.h"

/* The application resumes unfinished remote operations when the network comes back. An
 * invoice is imported while its server does not listen: the upload fails and stays in the
 * journal of the ledger (a real SQLite file in a temporary $REMIT_DATA_DIR). Then the
 * server (a remit-server child on loopback) starts, and the network monitor, the one stand-in
 * of the test, reports the network gone and back: the upload goes out by itself, once.
 * The client secret is read from the keyring of the test session. */

#define WAIT_SECONDS 60

/* A network monitor whose availability the test sets ------------------------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject parent_instance;

  gboolean available;
};

enum
{
  MONITOR_PROP_0,
  MONITOR_PROP_NETWORK_AVAILABLE,
  MONITOR_PROP_NETWORK_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_can_reach (GNetworkMonitor *monitor,
                        GSocketConnectable *connectable,
                        GCancellable *cancellable,
                        GError **error)
{
  if (TEST_MONITOR (monitor)->available)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
test_monitor_network_monitor_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static gboolean
test_monitor_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                                 G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                        test_monitor_network_monitor_init))

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;

  g_object_class_override_property (object_class, MONITOR_PROP_NETWORK_AVAILABLE,
                                    "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_NETWORK_METERED,
                                    "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static TestMonitor *
test_monitor_new (gboolean available)
{
  g_autoptr (GError) error = NULL;
  TestMonitor *monitor = g_initable_new (TEST_TYPE_MONITOR, NULL, &error, NULL);

  g_assert_no_error (error);
  monitor->available = available;
  return monitor;
}

/* Like the monitors of GIO, it says "network-changed" whenever it looks again, also when the
 * availability stays the same (another route, another connection). */
static void
test_monitor_set_available (TestMonitor *self, gboolean available)
{
  gboolean changed = self->available != available;

  self->available = available;
  if (changed)
    {
      g_object_notify (G_OBJECT (self), "network-available");
      g_object_notify (G_OBJECT (self), "connectivity");
    }
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Helpers --------------------------------------------------------------------------------- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint timeout = g_timeout_add (50, wake_up, NULL);

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  if (*slot == NULL)
    g_error ("Waited %d s in vain for an answer", WAIT_SECONDS);
  return *slot;
}

static gboolean
is_resuming (RemitApplication *app)
{
  gboolean resuming;

  g_object_get (app, "resuming", &resuming, NULL);
  return resuming;
}

static void
wait_for_resume_end (RemitApplication *app)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint timeout = g_timeout_add (50, wake_up, NULL);

  while (is_resuming (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  if (is_resuming (app))
    g_error ("The resume did not end in %d s", WAIT_SECONDS);
}

/* Runs the main loop for @milliseconds: time enough for a resume to reach the server. */
static void
spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;
  guint timeout = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Counts the resumes that start. */
static void
resuming_changed_cb (RemitApplication *app, GParamSpec *pspec, guint *started)
{
  if (is_resuming (app))
    (*started)++;
}

/* A loopback port where nothing listens (until the server is started on it). */
static guint16
free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_close (socket, &error));
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A client of the server as the user of the application. */
static RemitApiClient *
user_client (const char *url, const char *user)
{
  RemitApiClient *client = remit_api_client_new_for_server (url);

  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (client, user);
  return client;
}

/* The documents the server holds for the user. */
static GPtrArray *
server_documents (const char *url, const char *user)
{
  g_autoptr (RemitApiClient) client = user_client (url, user);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *documents;

  remit_api_client_list_documents_async (client, 100, 0, NULL, result_cb, &result);
  documents = remit_api_client_list_documents_finish (client, await (&result), &error);
  g_assert_no_error (error);
  return documents;
}

/* The client secret goes to the keyring, where the application reads it. */
static void
store_secret (const char *url)
{
  g_autoptr (RemitApiClient) client = remit_api_client_new_for_server (url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_store_client_secret_async (client, NULL, result_cb, &result);
  g_assert_true (remit_api_client_store_client_secret_finish (client, await (&result), &error));
  g_assert_no_error (error);
}

/* The application on the server at @url, as the preferences set it, with @monitor. It is
 * not registered: the bill service needs no window, and a registered application that never
 * runs stays referenced by the bus. */
static RemitApplication *
start_application (TestMonitor *monitor, const char *url, const char *user)
{
  RemitApplication *app;
  GSettings *settings;

  app = g_object_new (REMIT_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "network-monitor", monitor,
                      NULL);
  {
    g_autoptr (GNetworkMonitor) used = NULL;

    g_object_get (app, "network-monitor", &used, NULL);
    g_assert_true (used == G_NETWORK_MONITOR (monitor));
  }

  settings = remit_application_get_settings (app);
  g_assert_nonnull (settings);
  g_settings_set_string (settings, "backend", "server");
  g_settings_set_string (settings, "server-url", url);
  g_settings_set_string (settings, "client-id", TEST_CLIENT_ID);
  g_settings_set_string (settings, "auth-mode", "derived");
  g_settings_set_string (settings, "user-identifier", user);
  return app;
}

static RemitJournalEntry *
only_pending (RemitBillService *service)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  pending = remit_journal_list_pending (remit_bill_service_get_journal (service), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  return g_object_ref (pending->pdata[0]);
}

static guint
n_pending (RemitBillService *service)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  pending = remit_journal_list_pending (remit_bill_service_get_journal (service), &error);
  g_assert_no_error (error);
  return pending->len;
}

static RemitBill *
only_bill (RemitLedger *ledger)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) bills = remit_ledger_list_bills (ledger, &(RemitBillQuery){ 0 },
                                                          &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bills), ==, 1);
  return g_list_model_get_item (bills, 0);
}

/* Tests ----------------------------------------------------------------------------------- */

typedef struct
{
  char *data_dir;
  TestMonitor *monitor;
  char *user;
  char *port;
  char *url; /* where nothing listens until the test starts the server */
  RemitApplication *app;
  guint started; /* resumes */
  ApiTestServer *server;
} Fixture;

/* A fresh ledger folder, a monitor that says the network is there, and the application on
 * a server that does not listen yet. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->data_dir = g_dir_make_tmp ("remit-network-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("REMIT_DATA_DIR", fixture->data_dir, TRUE);

  fixture->monitor = test_monitor_new (TRUE);
  fixture->user = g_uuid_string_random ();
  fixture->port = g_strdup_printf ("%u", free_port ());
  fixture->url = g_strdup_printf ("http://127.0.0.1:%s", fixture->port);
  store_secret (fixture->url);
  fixture->app = start_application (fixture->monitor, fixture->url, fixture->user);
  g_signal_connect (fixture->app, "notify::resuming", G_CALLBACK (resuming_changed_cb),
                    &fixture->started);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->monitor);
  g_clear_pointer (&fixture->server, api_test_server_stop);
  if (g_getenv ("REMIT_TEST_KEEP") == NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->data_dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_free (fixture->data_dir);
  g_free (fixture->user);
  g_free (fixture->port);
  g_free (fixture->url);
}

static gboolean
listens (TestMonitor *monitor)
{
  guint signal_id = g_signal_lookup ("network-changed", G_TYPE_NETWORK_MONITOR);

  return g_signal_has_handler_pending (monitor, signal_id, 0, FALSE);
}

/* Imports an invoice while nothing listens at the server's address: the upload fails and
 * waits in the journal. Returns the bill's id and the entry's key. */
static gint64
import_unreachable (Fixture *fixture, RemitBillService *service, char **key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = api_test_invoice_pdf ("RE-NETZ-1");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RemitBill) imported = NULL;
  g_autoptr (RemitBill) waiting = NULL;
  g_autoptr (RemitJournalEntry) entry = NULL;
  RemitLedger *ledger = remit_application_get_ledger (fixture->app, &error);

  g_assert_no_error (error);
  remit_bill_service_import_bytes_async (service, pdf, "RE-NETZ-1.pdf", NULL, result_cb,
                                         &result);
  imported = remit_bill_service_import_finish (service, await (&result), &error);
  g_assert_null (imported);
  g_assert_error (error, REMIT_API_ERROR, REMIT_API_ERROR_NO_NETWORK);

  waiting = only_bill (ledger);
  g_assert_cmpint (remit_bill_get_state (waiting), ==, REMIT_BILL_STATE_NEW);
  g_assert_null (remit_bill_get_document_id (waiting));
  g_assert_cmpstr (remit_bill_get_backend (waiting), ==, fixture->url);
  entry = only_pending (service);
  g_assert_cmpint (remit_journal_entry_get_kind (entry), ==, REMIT_JOURNAL_KIND_UPLOAD);
  g_assert_cmpint (remit_journal_entry_get_bill_id (entry), ==, remit_bill_get_id (waiting));
  g_assert_cmpstr (remit_journal_entry_get_backend (entry), ==, fixture->url);
  *key = g_strdup (remit_journal_entry_get_idempotency_key (entry));
  return remit_bill_get_id (waiting);
}

/* The server starts at the address; it holds nothing of the user yet. */
static void
start_server (Fixture *fixture)
{
  g_autoptr (GPtrArray) documents = NULL;

  fixture->server = api_test_server_start ("--port", fixture->port, NULL);
  g_assert_cmpstr (api_test_server_get_url (fixture->server), ==, fixture->url);
  documents = server_documents (fixture->url, fixture->user);
  g_assert_cmpuint (documents->len, ==, 0);
}

/* The upload was sent once: the server holds the one document, the journal entry is done
 * with it, the bill has it and was read (In review). */
static void
assert_uploaded (Fixture *fixture, RemitBillService *service, gint64 bill_id, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitJournalEntry) finished = NULL;
  g_autoptr (RemitBill) done = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autofree char *document_result = NULL;
  RemitLedger *ledger = remit_application_get_ledger (fixture->app, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n_pending (service), ==, 0);
  finished = remit_journal_lookup (remit_bill_service_get_journal (service), key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (finished);
  g_assert_cmpint (remit_journal_entry_get_state (finished), ==, REMIT_JOURNAL_STATE_DONE);

  done = remit_ledger_get_bill (ledger, bill_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_bill_get_state (done), ==, REMIT_BILL_STATE_IN_REVIEW);
  g_assert_nonnull (remit_bill_get_document_id (done));
  document_result = g_strdup_printf ("{\"id\":\"%s\"}", remit_bill_get_document_id (done));
  g_assert_cmpstr (remit_journal_entry_get_result (finished), ==, document_result);

  documents = server_documents (fixture->url, fixture->user);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (remit_document_get_id (documents->pdata[0]), ==,
                   remit_bill_get_document_id (done));
  g_assert_cmpuint (api_test_server_count (fixture->server, "> POST /documents"), ==, 1);
}

#define NEEDS_SERVER()                                                                   \
  G_STMT_START                                                                           \
  {                                                                                      \
    if (!api_test_server_available ())                                                   \
      {                                                                                  \
        g_test_skip ("remit-server is not built");                                       \
        return;                                                                          \
      }                                                                                  \
  }                                                                                      \
  G_STMT_END

/* An upload that failed without the server goes out when the network comes back, and only
 * then: not when the monitor reports the network still there, nor when it goes. */
static void
test_upload_when_back (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  RemitBillService *service;
  gint64 bill_id;

  NEEDS_SERVER ();
  g_assert_false (listens (fixture->monitor));

  /* The first use resumes what an earlier run left (nothing) and listens to the monitor. */
  service = remit_application_get_bill_service (fixture->app, &error);
  g_assert_no_error (error);
  g_assert_nonnull (service);
  g_assert_cmpstr (remit_bill_service_get_backend_name (service), ==, fixture->url);
  g_assert_cmpuint (fixture->started, ==, 1);
  wait_for_resume_end (fixture->app);
  g_assert_true (listens (fixture->monitor));

  bill_id = import_unreachable (fixture, service, &key);
  g_assert_cmpuint (fixture->started, ==, 1);
  start_server (fixture);

  /* The monitor looks again and the network is still there: no resume. */
  test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_false (is_resuming (fixture->app));
  spin (1500);
  g_assert_cmpuint (fixture->started, ==, 1);
  g_assert_cmpuint (n_pending (service), ==, 1);
  g_assert_cmpuint (api_test_server_count (fixture->server, "> POST /documents"), ==, 0);

  /* The network goes: nothing either. */
  test_monitor_set_available (fixture->monitor, FALSE);
  g_assert_false (is_resuming (fixture->app));
  spin (1500);
  g_assert_cmpuint (fixture->started, ==, 1);
  g_assert_cmpuint (n_pending (service), ==, 1);
  g_assert_cmpuint (api_test_server_count (fixture->server, "> POST /documents"), ==, 0);

  /* The network is back: with no other call, the upload goes out and the bill is read. */
  test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_true (is_resuming (fixture->app));
  g_assert_cmpuint (fixture->started, ==, 2);
  wait_for_resume_end (fixture->app);
  assert_uploaded (fixture, service, bill_id, key);

  /* Still there: nothing is resumed again. */
  test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_false (is_resuming (fixture->app));
  g_assert_cmpuint (fixture->started, ==, 2);

  /* The application lets go of the monitor it was given. */
  g_object_add_weak_pointer (G_OBJECT (fixture->app), (gpointer *) &fixture->app);
  g_object_unref (fixture->app);
  g_assert_null (fixture->app);
  g_assert_false (listens (fixture->monitor));
}

/* The server is changed in the preferences after the first use: the application goes on
 * listening to the monitor, and the new server's unfinished upload goes out when the
 * network comes back. */
static void
test_after_backend_change (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_url = g_strdup_printf ("http://127.0.0.1:%u", free_port ());
  g_autofree char *key = NULL;
  GSettings *settings = remit_application_get_settings (fixture->app);
  RemitBillService *service;
  gint64 bill_id;

  NEEDS_SERVER ();

  /* First another server. */
  store_secret (other_url);
  g_settings_set_string (settings, "server-url", other_url);
  service = remit_application_get_bill_service (fixture->app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_bill_service_get_backend_name (service), ==, other_url);
  wait_for_resume_end (fixture->app);
  g_assert_cmpuint (fixture->started, ==, 1);
  g_assert_true (listens (fixture->monitor));

  /* Then the test's: a new service, without another start-up resume. */
  g_settings_set_string (settings, "server-url", fixture->url);
  service = remit_application_get_bill_service (fixture->app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_bill_service_get_backend_name (service), ==, fixture->url);
  g_assert_false (is_resuming (fixture->app));
  g_assert_cmpuint (fixture->started, ==, 1);
  g_assert_true (listens (fixture->monitor));

  bill_id = import_unreachable (fixture, service, &key);
  start_server (fixture);

  test_monitor_set_available (fixture->monitor, FALSE);
  g_assert_false (is_resuming (fixture->app));
  test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_true (is_resuming (fixture->app));
  g_assert_cmpuint (fixture->started, ==, 2);
  wait_for_resume_end (fixture->app);
  assert_uploaded (fixture, service, bill_id, key);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/network-resume/upload-when-back", Fixture, NULL, fixture_set_up,
              test_upload_when_back, fixture_tear_down);
  g_test_add ("/network-resume/after-backend-change", Fixture, NULL, fixture_set_up,
              test_after_backend_change, fixture_tear_down);
  return g_test_run ();
}
