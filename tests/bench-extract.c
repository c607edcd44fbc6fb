/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-extract"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "remit-test-invoice.h"

/*
 * The local engine's speed and memory as a person meets them: `remit-cli extract` on a
 * one-page native invoice against `pdftotext -bbox-layout` on the same file, both whole
 * processes (start, read, answer, exit), run in turns so that a busy moment of the machine
 * falls on both alike; then the peak memory of `remit-cli extract` on a 10-page invoice.
 * Prints the figures and whether the targets (at most 2× pdftotext; under 60 MiB) are met.
 *
 *   bench-extract [RUNS]        (REMIT_CLI names the program; pdftotext must be installed)
 */

extern char **environ;

#define WARMUP_RUNS 5
#define DEFAULT_RUNS 60
#define TARGET_RATIO 2.0
#define TARGET_PEAK_MIB 60.0

typedef struct
{
  double wall_ms;
  double cpu_ms;
  double peak_mib;
} Run;

/* The environment of the children: the test harness's malloc checking and GLib debugging
 * would slow down one side only. */
static char **
child_environment (void)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "MALLOC_CHECK_");
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "G_SLICE");
  return env;
}

/* Runs @argv with its output in @out_path (or /dev/null), and measures it. */
static Run
run_once (char **argv, char **env, const char *out_path)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  gint64 start;
  Run run;
  pid_t pid;
  int status, error;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO,
                                    out_path != NULL ? out_path : "/dev/null",
                                    O_WRONLY | O_CREAT | O_TRUNC, 0644);

  start = g_get_monotonic_time ();
  error = posix_spawn (&pid, argv[0], &actions, NULL, argv, env);
  posix_spawn_file_actions_destroy (&actions);
  if (error != 0)
    g_error ("Cannot start %s: %s", argv[0], g_strerror (error));

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));
  run.wall_ms = (g_get_monotonic_time () - start) / 1000.0;

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed (status %d)", argv[0], argv[1], status);

  run.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
               + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  run.peak_mib = usage.ru_maxrss / 1024.0;
  return run;
}

/* Sorts @values; see bench_median(). */
static double
median (GArray *values)
{
  return bench_median ((double *) (gpointer) values->data, values->len);
}

static double
mean (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum / values->len;
}

static void
write_invoice (const RemitTestInvoice *invoice, const char *path, RemitTestExpected **expected)
{
  g_autoptr (GError) error = NULL;

  if (!remit_test_invoice_write (invoice, path, expected, &error))
    g_error ("Cannot write %s: %s", path, error->message);
}

/* The varied invoice of @seed with items added until it has exactly @pages pages. */
static void
write_long_invoice (guint seed, int pages, const char *path)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_varied (seed);

  for (guint n = 0;; n++)
    {
      g_autoptr (RemitTestExpected) expected = NULL;
      g_autofree char *description = g_strdup_printf ("Wartung Anlage %u, Stunden", n + 1);

      remit_test_invoice_add_item (invoice, description, NULL, 1 + n % 7, "h",
                                   4500 + 125 * (n % 13), 19);
      if (n % 8 != 7)
        continue;

      write_invoice (invoice, path, &expected);
      if (expected->n_pages == pages)
        return;
      if (expected->n_pages > pages)
        g_error ("The invoice went from fewer than %d pages to %d", pages, expected->n_pages);
    }
}

int
main (int argc, char **argv)
{
  const char *remit_cli = g_getenv ("REMIT_CLI");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *one_page = NULL;
  g_autofree char *ten_pages = NULL;
  g_autofree char *html = NULL;
  g_autofree char *answer_path = NULL;
  g_autofree char *answer = NULL;
  g_autoptr (RemitTestInvoice) invoice = NULL;
  g_autoptr (RemitTestExpected) expected = NULL;
  g_autoptr (GArray) remit_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) pdftotext_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) remit_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) pdftotext_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) env = child_environment ();
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_RUNS;
  double remit_median, pdftotext_median, ratio, peak = 0, pdftotext_peak = 0;
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");

  if (remit_cli == NULL)
    g_error ("REMIT_CLI must name remit-cli");
  if (pdftotext == NULL)
    {
      g_print ("pdftotext is not installed (package poppler-utils): nothing to compare with\n");
      return 77;
    }
  if (runs == 0)
    runs = DEFAULT_RUNS;

  dir = g_dir_make_tmp ("remit-bench-extract-XXXXXX", &error);
  g_assert_no_error (error);
  one_page = g_build_filename (dir, "one-page.pdf", NULL);
  ten_pages = g_build_filename (dir, "ten-pages.pdf", NULL);
  html = g_build_filename (dir, "bbox.html", NULL);
  answer_path = g_build_filename (dir, "answer.json", NULL);

  invoice = remit_test_invoice_new_varied (1001);
  write_invoice (invoice, one_page, &expected);
  g_assert_cmpint (expected->n_pages, ==, 1);
  write_long_invoice (1002, 10, ten_pages);

  {
    char *remit_argv[] = { (char *) remit_cli, (char *) "extract", one_page, NULL };
    char *pdftotext_argv[] = { pdftotext, (char *) "-bbox-layout", one_page, html, NULL };

    /* The answer is right before it is timed. */
    run_once (remit_argv, env, answer_path);
    g_file_get_contents (answer_path, &answer, NULL, &error);
    g_assert_no_error (error);
    if (strstr (answer, expected->iban.value) == NULL)
      g_error ("remit-cli extract did not find the IBAN %s", expected->iban.value);

    for (guint i = 0; i < WARMUP_RUNS; i++)
      {
        run_once (remit_argv, env, NULL);
        run_once (pdftotext_argv, env, NULL);
      }

    /* In turns, and each first every other time. */
    for (guint i = 0; i < runs; i++)
      for (guint k = 0; k < 2; k++)
        {
          gboolean remit_turn = (k == 0) == (i % 2 == 0);
          Run run = run_once (remit_turn ? remit_argv : pdftotext_argv, env, NULL);

          g_array_append_val (remit_turn ? remit_wall : pdftotext_wall, run.wall_ms);
          g_array_append_val (remit_turn ? remit_cpu : pdftotext_cpu, run.cpu_ms);
        }
  }

  remit_median = median (remit_wall);
  pdftotext_median = median (pdftotext_wall);
  ratio = remit_median / pdftotext_median;

  g_print ("One-page native invoice, %u runs each, in turns (milliseconds)\n", runs);
  g_print ("  %-26s %8s %8s %8s %10s\n", "", "median", "mean", "min", "cpu median");
  g_print ("  %-26s %8.1f %8.1f %8.1f %10.1f\n", "remit-cli extract", remit_median,
           mean (remit_wall), g_array_index (remit_wall, double, 0), median (remit_cpu));
  g_print ("  %-26s %8.1f %8.1f %8.1f %10.1f\n", "pdftotext -bbox-layout", pdftotext_median,
           mean (pdftotext_wall), g_array_index (pdftotext_wall, double, 0),
           median (pdftotext_cpu));
  g_print ("  ratio of the medians: %.2f× (target at most %.0f×: %s); of processor time: %.2f×\n",
           ratio, TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "NOT met",
           median (remit_cpu) / median (pdftotext_cpu));

  {
    char *remit_argv[] = { (char *) remit_cli, (char *) "extract", ten_pages, NULL };
    char *pdftotext_argv[] = { pdftotext, (char *) "-bbox-layout", ten_pages, html, NULL };
    double remit_ms = 0;

    for (guint i = 0; i < 3; i++)
      {
        Run run = run_once (remit_argv, env, NULL);

        peak = MAX (peak, run.peak_mib);
        remit_ms += run.wall_ms / 3;
        pdftotext_peak = MAX (pdftotext_peak, run_once (pdftotext_argv, env, NULL).peak_mib);
      }

    g_print ("10-page native invoice\n");
    g_print ("  remit-cli extract: peak %.1f MiB resident (target under %.0f MiB: %s), "
             "%.0f ms\n",
             peak, TARGET_PEAK_MIB, peak < TARGET_PEAK_MIB ? "met" : "NOT met", remit_ms);
    g_print ("  pdftotext -bbox-layout: peak %.1f MiB resident\n", pdftotext_peak);
  }

  g_unlink (one_page);
  g_unlink (ten_pages);
  g_unlink (html);
  g_unlink (answer_path);
  g_rmdir (dir);
  return 0;
}
