/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-document-view"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <gtk/gtk.h>

#include "remit-document-view-private.h"
#include "remit-engine.h"

/* Scrolling a 100-page PDF in the document view, in a real window: the longest stall of the
 * main thread while it scrolls (targets ≤ 50 ms) and the resident memory with the PDF open
 * (≤ 250 MiB). Prints figures; asserts nothing about time.
 *
 * Stalls are measured two ways: the longest gap between two ticks of the frame clock
 * (which ticks every frame while a tick callback is installed) and the longest main-loop
 * iteration, less the time it spends waiting in poll(). The machine may be shared, so the
 * iteration is also measured in CPU time of the main thread: wall time above CPU time is
 * time the thread was not running. */

#define N_PAGES 100
#define WINDOW_WIDTH 800
#define WINDOW_HEIGHT 900
#define TIMEOUT_US (60 * G_USEC_PER_SEC)

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* 100 A4 pages, each with a heading, 40 lines of text and a footer. */
static GBytes *
make_pdf (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (int i = 1; i <= N_PAGES; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Rechnung 2024-%04d, Blatt %d", i, i);
      g_autofree char *footer = g_strdup_printf ("Seite %d von %d", i, N_PAGES);

      cairo_set_font_size (cr, 16);
      cairo_move_to (cr, 72, 90);
      cairo_show_text (cr, heading);
      cairo_set_font_size (cr, 10);
      for (int line = 0; line < 40; line++)
        {
          g_autofree char *text = g_strdup_printf (
            "Position %d: Leistung laut Vertrag Nr. %d, Menge %d, Einzelpreis %d,%02d EUR",
            line + 1, 1000 + i, line % 7 + 1, 10 + line, (i * line) % 100);

          cairo_move_to (cr, 72, 130 + line * 16);
          cairo_show_text (cr, text);
        }
      cairo_set_font_size (cr, 9);
      cairo_move_to (cr, 470, 800);
      cairo_show_text (cr, footer);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* Main-loop accounting */

static gint64 poll_time;

static int
timed_poll (GPollFD *fds, guint n_fds, int timeout)
{
  gint64 start = g_get_monotonic_time ();
  int result = g_poll (fds, n_fds, timeout);

  poll_time += g_get_monotonic_time () - start;
  return result;
}

typedef struct
{
  gint64 last_tick;
  gint64 max_gap;
  guint n_ticks;
  GArray *gaps; /* of gint64, microseconds */
} Ticks;

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last_tick != 0)
    {
      gint64 gap = now - ticks->last_tick;

      ticks->max_gap = MAX (ticks->max_gap, gap);
      g_array_append_val (ticks->gaps, gap);
    }
  ticks->last_tick = now;
  ticks->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static gint64 max_iteration;
static gint64 max_iteration_cpu;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* One main-loop iteration, timed without its wait in poll(). */
static void
iterate (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 start_cpu = thread_cpu_time ();
  gint64 polled = poll_time;
  gint64 busy;

  g_main_context_iteration (NULL, TRUE);
  busy = g_get_monotonic_time () - start - (poll_time - polled);
  max_iteration = MAX (max_iteration, busy);
  max_iteration_cpu = MAX (max_iteration_cpu, thread_cpu_time () - start_cpu);
}

static int
compare_gaps (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
wait_rendered (RemitDocumentView *view)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  while (!remit_document_view_is_rendered (view))
    {
      iterate ();
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the pages to render");
    }
}

static void
read_memory (double *resident_mib, double *peak_mib)
{
  g_autofree char *statm = NULL;
  g_autofree char *status = NULL;
  unsigned long size = 0, resident = 0;
  const char *hwm;

  *resident_mib = *peak_mib = 0;
  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      && sscanf (statm, "%lu %lu", &size, &resident) == 2)
    *resident_mib = (double) resident * sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (hwm = strstr (status, "VmHWM:")) != NULL)
    *peak_mib = g_ascii_strtod (hwm + 6, NULL) / 1024.0;
}

/* Scrolls from top to bottom, @step pixels a frame; prints what it saw. */
static void
scroll_through (RemitDocumentView *view, const char *name, double step)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  Ticks ticks = { 0 };
  gint64 start;
  guint id, n_steps = 0;
  double seconds, median, p99;

  gtk_adjustment_set_value (vadjustment, 0);
  wait_rendered (view);

  ticks.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  id = gtk_widget_add_tick_callback (GTK_WIDGET (view), on_tick, &ticks, NULL);
  while (ticks.n_ticks < 2)
    iterate ();

  max_iteration = 0;
  max_iteration_cpu = 0;
  ticks.max_gap = 0;
  g_array_set_size (ticks.gaps, 0);
  start = g_get_monotonic_time ();

  for (;;)
    {
      double value = gtk_adjustment_get_value (vadjustment);
      double end = gtk_adjustment_get_upper (vadjustment)
                   - gtk_adjustment_get_page_size (vadjustment);
      guint seen = ticks.n_ticks;

      if (value >= end)
        break;
      gtk_adjustment_set_value (vadjustment, MIN (value + step, end));
      n_steps++;
      /* Wait for the frame that shows it. */
      while (ticks.n_ticks < seen + 2)
        iterate ();
    }

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_array_sort (ticks.gaps, compare_gaps);
  median = ticks.gaps->len ? g_array_index (ticks.gaps, gint64, ticks.gaps->len / 2) / 1000.0
                           : 0;
  p99 = ticks.gaps->len ? g_array_index (ticks.gaps, gint64, ticks.gaps->len * 99 / 100) / 1000.0
                        : 0;

  g_print ("%s: %u steps of %.0f px in %.1f s, %u frames\n", name, n_steps, step, seconds,
           ticks.gaps->len);
  g_print ("  longest gap between frames: %.1f ms (median %.1f ms, 99th percentile %.1f ms)\n",
           ticks.max_gap / 1000.0, median, p99);
  g_print ("  longest main-loop iteration (without poll): %.1f ms; in CPU time %.1f ms\n",
           max_iteration / 1000.0, max_iteration_cpu / 1000.0);

  gtk_widget_remove_tick_callback (GTK_WIDGET (view), id);
  g_array_unref (ticks.gaps);
}

int
main (int argc, char **argv)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window, *scroller;
  RemitDocumentView *view;
  gint64 start;
  double resident, peak;
  double height;

  gtk_init ();
  g_main_context_set_poll_func (NULL, timed_poll);

  pdf = make_pdf ();
  result = remit_engine_extract (pdf, REMIT_ENGINE_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_print ("document-view: %d pages, %.1f KiB of PDF, renderer %s\n", N_PAGES,
           g_bytes_get_size (pdf) / 1024.0,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  scroller = gtk_scrolled_window_new ();
  view = REMIT_DOCUMENT_VIEW (remit_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  remit_document_view_set_document (view, pdf, remit_engine_result_get_layout (result),
                                    remit_engine_result_get_extractions (result));
  wait_rendered (view);
  g_print ("first pages shown after %.1f ms (window %d × %d, zoom %.2f)\n",
           (g_get_monotonic_time () - start) / 1000.0, gtk_widget_get_width (GTK_WIDGET (view)),
           gtk_widget_get_height (GTK_WIDGET (view)), remit_document_view_get_zoom (view));

  height = gtk_widget_get_height (GTK_WIDGET (view));
  scroll_through (view, "scrolling a quarter view a frame", height / 4);
  scroll_through (view, "scrolling a whole view a frame", height);

  wait_rendered (view);
  read_memory (&resident, &peak);
  g_print ("textures held: %.1f MiB (budget %.0f MiB)\n",
           remit_document_view_get_texture_bytes (view) / (1024.0 * 1024.0),
           remit_document_view_get_memory_budget (view) / (1024.0 * 1024.0));
  g_print ("resident memory with the PDF open: %.1f MiB (peak %.1f MiB)\n", resident, peak);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
