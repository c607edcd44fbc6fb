/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "api-test-common.h"

/* The server child ends with the test, also when the test aborts on a failed assertion. */
static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* A remit-server child process on a free loopback port with a fresh data directory; its
 * log (stderr) goes to a file the tests read to count requests. */

struct _ApiTestServer
{
  GSubprocess *process;
  char *directory;
  char *log_path;
  char *out_path;
  char *url;
};

gboolean
api_test_server_available (void)
{
  const char *path = g_getenv ("REMIT_SERVER");

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

static char *
find_url (const char *path)
{
  g_autofree char *text = NULL;
  const char *found;
  const char *end;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  found = strstr (text, "listening on ");
  if (found == NULL)
    return NULL;
  found += strlen ("listening on ");
  end = strchr (found, '\n');
  if (end == NULL)
    return NULL;
  return g_strndup (found, end - found);
}

ApiTestServer *
api_test_server_start (const char *first_arg, ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  ApiTestServer *server;
  const char *arg;
  va_list args;
  gint64 deadline;

  g_assert_true (api_test_server_available ());

  server = g_new0 (ApiTestServer, 1);
  server->directory = g_dir_make_tmp ("remit-api-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->log_path = g_build_filename (server->directory, "server.log", NULL);
  server->out_path = g_build_filename (server->directory, "server.out", NULL);

  g_ptr_array_add (argv, g_strdup (g_getenv ("REMIT_SERVER")));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--data"));
  g_ptr_array_add (argv, g_build_filename (server->directory, "data", NULL));
  g_ptr_array_add (argv, g_strdup ("--client"));
  g_ptr_array_add (argv, g_strdup (TEST_CLIENT_ID ":" TEST_CLIENT_SECRET));
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (server->url == NULL && g_get_monotonic_time () < deadline)
    {
      server->url = find_url (server->out_path);
      if (server->url == NULL)
        server->url = find_url (server->log_path);
      if (server->url == NULL)
        g_usleep (20000);
    }
  if (server->url == NULL)
    {
      g_autofree char *log = api_test_server_get_log (server);

      g_error ("remit-server did not start: %s", log);
    }
  return server;
}

void
api_test_server_stop (ApiTestServer *server)
{
  g_autoptr (GFile) directory = NULL;

  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  if (g_getenv ("REMIT_TEST_KEEP") == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", server->directory);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
    }
  g_free (server->directory);
  g_free (server->log_path);
  g_free (server->out_path);
  g_free (server->url);
  g_free (server);
}

const char *
api_test_server_get_url (ApiTestServer *server)
{
  return server->url;
}

char *
api_test_server_get_log (ApiTestServer *server)
{
  char *text = NULL;

  if (!g_file_get_contents (server->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static guint
count_once (ApiTestServer *server, const char *line_prefix)
{
  g_autofree char *log = api_test_server_get_log (server);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], line_prefix))
        count++;
    }
  return count;
}

/* Counts the log lines that start with @line_prefix, such as "> POST /oauth/token". The
 * server may log an answer a moment after the client has it: the count is read until it
 * holds still. */
guint
api_test_server_count (ApiTestServer *server, const char *line_prefix)
{
  guint count = count_once (server, line_prefix);

  for (guint i = 0; i < 40; i++)
    {
      guint again;

      g_usleep (50000);
      again = count_once (server, line_prefix);
      if (again == count)
        break;
      count = again;
    }
  return count;
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A one-page invoice with a real text layer, drawn with cairo. @reference makes each one
 * different where a test needs distinct files. */
GBytes *
api_test_invoice_pdf (const char *reference)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *lines[] = {
    TEST_INVOICE_RECIPIENT,
    "Hauptstraße 1, 80331 München",
    "",
    "Rechnung",
    NULL, /* the reference */
    "Rechnungsdatum: 01.10.2026",
    "",
    "Stromlieferung Oktober 2026",
    "Rechnungsbetrag: 123,45 EUR",
    "",
    "Bitte überweisen Sie den Betrag auf folgendes Konto:",
    "Empfänger: " TEST_INVOICE_RECIPIENT,
    "IBAN: DE02 1203 0000 0000 2020 51",
    "BIC: " TEST_INVOICE_BIC,
    "Betrag: 123,45 EUR",
  };
  g_autofree char *reference_line = g_strdup_printf ("Rechnungsnummer: %s", reference);
  double y = 80;

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, 595, 842);
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *text = lines[i] != NULL ? lines[i] : reference_line;

      cairo_move_to (cr, 60, y);
      cairo_show_text (cr, text);
      y += 18;
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}

void
api_test_run_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sleeps while the main loop keeps running. */
void
api_test_sleep (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, sleep_done_cb, &done);
  api_test_run_until (&done);
}
