/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "remit-server.h"

typedef struct
{
  GMainLoop *loop;
  RemitServer *server;
  gboolean stopping;
  GError *error;
} Shutdown;

static void
on_shut_down (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Shutdown *shutdown = user_data;

  remit_server_shutdown_finish (REMIT_SERVER (source), result, &shutdown->error);
  g_main_loop_quit (shutdown->loop);
}

/* SIGINT or SIGTERM: stop accepting, end the work under way, close the database, then
 * leave the loop. A second signal while that happens changes nothing. */
static gboolean
on_signal (gpointer user_data)
{
  Shutdown *shutdown = user_data;

  if (!shutdown->stopping)
    {
      shutdown->stopping = TRUE;
      remit_server_shutdown_async (shutdown->server, NULL, on_shut_down, shutdown);
    }

  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  Shutdown shutdown = { 0 };
  g_autofree char *data_dir = NULL;
  g_autofree char *providers = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  g_auto (GStrv) clients = NULL;
  g_auto (GStrv) faults = NULL;
  int port = 0;
  int token_lifetime = REMIT_SERVER_DEFAULT_TOKEN_LIFETIME;
  int delay = 0;
  int processing_delay = 0;
  gint64 seed = -1;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on; 0 picks a free one", "PORT" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      "Address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      "Directory of the state (SQLite) and the documents' files", "DIR" },
    { "client", 0, 0, G_OPTION_ARG_STRING_ARRAY, &clients,
      "Register a client (repeatable)", "ID:SECRET" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime,
      "Lifetime of access tokens in seconds (default 3600)", "SECONDS" },
    { "providers", 0, 0, G_OPTION_ARG_FILENAME, &providers,
      "JSON file with the payment providers (default: a built-in list)", "FILE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      "Answer a share of requests with a fault: 500, 503, 429, drop or malformed "
      "(repeatable; for tests)", "KIND:SHARE" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Seed of the fault generator, for repeatable faults", "N" },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, "Delay every answer (for tests)", "MS" },
    { "processing-delay", 0, 0, G_OPTION_ARG_INT, &processing_delay,
      "Keep every upload PENDING at least this long (for tests)", "MS" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not log requests", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— a Gini-compatible extraction and payment server");
  g_option_context_set_summary (context,
                                "Serves the Pay API, the Health API's payment calls and the "
                                "User Center under one base URL, backed by Remit's local "
                                "engine.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("remit-server: %s\n", error->message);
      return 2;
    }

  if (data_dir == NULL)
    {
      g_printerr ("remit-server: --data DIR is required\n");
      return 2;
    }
  if (port < 0 || port > G_MAXUINT16 || token_lifetime < 1 || delay < 0 || processing_delay < 0
      || seed < -1 || seed > G_MAXUINT32)
    {
      g_printerr ("remit-server: an option is out of range\n");
      return 2;
    }

  server = remit_server_new (data_dir);
  remit_server_set_token_lifetime (server, token_lifetime);
  remit_server_set_delay (server, delay);
  remit_server_set_processing_delay (server, processing_delay);
  remit_server_set_log_requests (server, !quiet);
  if (seed >= 0)
    remit_server_set_seed (server, (guint32) seed);

  /* From here on a signal stops the server cleanly: whoever reads the listening line below
   * may send one at once. */
  loop = g_main_loop_new (NULL, FALSE);
  shutdown.loop = loop;
  shutdown.server = server;
  g_unix_signal_add (SIGINT, on_signal, &shutdown);
  g_unix_signal_add (SIGTERM, on_signal, &shutdown);

  for (guint i = 0; clients != NULL && clients[i] != NULL; i++)
    if (!remit_server_add_client_from_string (server, clients[i], &error))
      break;
  for (guint i = 0; error == NULL && faults != NULL && faults[i] != NULL; i++)
    remit_server_add_fault_from_string (server, faults[i], &error);
  if (error == NULL && providers != NULL)
    remit_server_load_providers (server, providers, &error);
  if (error == NULL)
    remit_server_listen (server, address, port, &error);

  if (error != NULL)
    {
      g_printerr ("remit-server: %s\n", error->message);
      return 1;
    }

  if (clients == NULL)
    g_printerr ("remit-server: no --client given; no one can log in\n");

  url = remit_server_dup_base_url (server);
  printf ("listening on %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  if (shutdown.error != NULL)
    {
      g_printerr ("remit-server: %s\n", shutdown.error->message);
      g_clear_error (&shutdown.error);
      return 1;
    }

  return 0;
}
