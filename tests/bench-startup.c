/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "bench-common.h"
#include "remit-test-invoice.h"

/* From `remit FILE` to the first page painted with the fields filled: the real binary is
 * started on a one-page native PDF with the local engine and an empty ledger, and says on
 * stderr (REMIT_BENCH_READY=1) when that frame has been painted; then it quits
 * (REMIT_BENCH_QUIT=1). Prints the figures of several starts (target ≤ 400 ms including
 * start-up); asserts only that the app got there with its fields filled.
 *
 * The session is build-aux/test-session's (Xvfb, cairo renderer, GDK_DEBUG=gl-disable from
 * the meson definition); the first start also starts the session's desktop portals, which a
 * desktop has running, so it is printed apart.
 *
 * The invoice is the test generator's default: a one-page German invoice drawn by cairo, whose
 * payment fields the engine reads from the page. */

#define N_RUNS 7
#define TIMEOUT_S 60

typedef struct
{
  GMainLoop *loop;
  GDataInputStream *stderr_stream;
  gint64 ready_usec; /* as the app printed it */
  gint64 seen_usec;  /* when this process read it */
  guint fields;
  gint64 cpu_usec;
  GString *output;
  gboolean exited;
} Run;

static void
read_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source),
                                                                result, NULL, NULL);
  gint64 stamp, cpu;
  guint fields;

  if (line == NULL)
    {
      g_main_loop_quit (run->loop);
      return;
    }

  if (sscanf (line, "remit-bench: ready %" G_GINT64_FORMAT " fields %u cpu %" G_GINT64_FORMAT,
              &stamp, &fields, &cpu) == 3)
    {
      run->cpu_usec = cpu;
      run->seen_usec = g_get_monotonic_time ();
      run->ready_usec = stamp;
      run->fields = fields;
    }
  else
    g_string_append_printf (run->output, "%s\n", line);

  g_data_input_stream_read_line_async (run->stderr_stream, G_PRIORITY_DEFAULT, NULL, read_line,
                                       run);
}

static gboolean
time_out (gpointer data)
{
  Run *run = data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
delete_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      delete_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

/* One start; returns the milliseconds until ready, or a negative number. */
static double
start_once (const char *app,
            const char *file,
            const char *schema_dir,
            guint *fields,
            double *cpu_ms)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *data_dir = g_dir_make_tmp ("remit-bench-XXXXXX", &error);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { .loop = loop, .output = g_string_new (NULL) };
  g_autoptr (GFile) dir = NULL;
  gint64 start;
  guint timeout;
  double ms = -1;

  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "REMIT_BENCH_READY", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "REMIT_BENCH_QUIT", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "REMIT_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "ADW_DISABLE_PORTAL", "1", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, app, file, NULL);
  g_assert_no_error (error);

  run.stderr_stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_data_input_stream_read_line_async (run.stderr_stream, G_PRIORITY_DEFAULT, NULL, read_line,
                                       &run);
  timeout = g_timeout_add_seconds (TIMEOUT_S, time_out, &run);
  g_main_loop_run (loop);
  g_source_remove (timeout);

  if (run.ready_usec > 0)
    ms = (run.ready_usec - start) / 1000.0;
  else
    g_printerr ("remit did not get ready; it said:\n%s", run.output->str);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (run.stderr_stream);
  g_string_free (run.output, TRUE);

  /* The temporary ledger: the database and the copy of the file. */
  dir = g_file_new_for_path (data_dir);
  delete_tree (dir);

  *fields = run.fields;
  *cpu_ms = run.cpu_usec / 1000.0;
  return ms;
}

static char *
load_average (void)
{
  static char text[64];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return (char *) "unknown\n";
  g_strlcpy (text, contents, sizeof text);
  return text;
}

int
main (int argc, char **argv)
{
  const char *app = g_getenv ("REMIT_APP");
  const char *schema_dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *file = NULL;
  g_autofree char *generated_dir = NULL;
  double times[N_RUNS];
  double cpu[N_RUNS];
  guint fields = 0;

  if (app == NULL || schema_dir == NULL)
    {
      g_printerr ("Set REMIT_APP to the remit binary and GSETTINGS_SCHEMA_DIR to the compiled "
                  "schema\n");
      return 1;
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();

    generated_dir = g_dir_make_tmp ("remit-bench-invoice-XXXXXX", &error);
    g_assert_no_error (error);
    file = g_build_filename (generated_dir, "invoice.pdf", NULL);
    g_assert_true (remit_test_invoice_write (invoice, file, NULL, &error));
    g_assert_no_error (error);
  }

  printf ("Start-up: `remit FILE` to the first page painted with its fields filled\n");
  printf ("  file: a generated one-page native PDF (local engine, empty ledger)\n");
  printf ("  load average: %s", load_average ());

  for (guint i = 0; i < N_RUNS; i++)
    {
      guint run_fields = 0;

      times[i] = start_once (app, file, schema_dir, &run_fields, &cpu[i]);
      if (times[i] < 0)
        return 1;
      fields = MAX (fields, run_fields);
      if (run_fields == 0)
        {
          g_printerr ("The fields were not filled\n");
          return 1;
        }
      printf ("  run %u: %.0f ms, %u fields filled, %.0f ms of processor time\n", i + 1,
              times[i], run_fields, cpu[i]);
    }

  {
    double first = times[0];
    double median = bench_median (times, N_RUNS);
    double cpu_median = bench_median (cpu, N_RUNS);

    printf ("startup: first %.0f ms, median %.0f ms, best %.0f ms, worst %.0f ms "
            "(target <= 400 ms); processor time median %.0f ms\n",
            first, median, times[0], times[N_RUNS - 1], cpu_median);
  }

  if (generated_dir != NULL)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (generated_dir);

      delete_tree (dir);
    }

  return 0;
}
