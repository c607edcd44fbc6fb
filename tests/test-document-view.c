/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document-view"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remit-document-view-private.h"
#include "remit-engine.h"

/* The document view in a real window (under Xvfb, drawn by GSK's cairo renderer): a PDF
 * whose boxes are in points and a scan whose boxes are in pixels, each rendered, measured
 * through the view's own geometry and checked against the pixels it draws.
 *
 * Clicks and drags: GTK 4 has no public way to put pointer events into a widget, so the
 * tests call the handlers the view's drag gesture calls (remit_document_view_click() and
 * remit_document_view_drag(), in widget coordinates). Hit testing, the conversion to layout
 * units, the layout queries and the signals are the real code. */

#define WINDOW_WIDTH 800
#define WINDOW_HEIGHT 900
#define PAGE_GAP 12
#define TIMEOUT_MS 20000

/* The PDF: two A4 pages in points. */
#define PDF_WIDTH 595
#define PDF_HEIGHT 842

/* The scan: A4 at 300 dpi, with two black bars standing for the words of an IBAN. */
#define PNG_WIDTH 2480
#define PNG_HEIGHT 3508
static const RemitBox png_words[] = {
  { 1, 300, 1000, 420, 70 },
  { 1, 780, 1000, 420, 70 },
};
static const char *png_texts[] = { "DE02", "1203" };

/* Documents */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
show_text (cairo_t *cr, double x, double y, double size, const char *text)
{
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

/* A native PDF of @n_pages A4 pages with a text layer. Page 1 holds a recipient, an IBAN and
 * an amount; every page says its number. */
static GBytes *
make_pdf (int n_pages)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                                  PDF_WIDTH, PDF_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Seite %d von %d", i, n_pages);

      if (i == 1)
        {
          show_text (cr, 72, 100, 12, "Stadtwerke Musterstadt GmbH");
          show_text (cr, 72, 200, 11, "IBAN DE89 3704 0044 0532 0130 00");
          show_text (cr, 72, 260, 11, "Betrag 123,45 EUR");
        }
      else
        {
          show_text (cr, 72, 100, 12, "Vielen Dank für Ihren Auftrag");
        }
      show_text (cr, 460, 800, 9, footer);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
make_png (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PNG_WIDTH,
                                                         PNG_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (png_words); i++)
    cairo_rectangle (cr, png_words[i].left, png_words[i].top, png_words[i].width,
                     png_words[i].height);
  cairo_fill (cr);
  show_text (cr, 300, 600, 80, "Rechnung");

  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static const RemitLayoutWord *
find_word (RemitLayout *layout, int number, const char *text, RemitBox *box)
{
  const RemitLayoutPage *page = remit_layout_get_page_by_number (layout, number);
  guint n_words = 0;
  const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

  for (guint i = 0; i < n_words; i++)
    if (g_str_equal (words[i].text, text))
      {
        remit_layout_page_get_word_box (page, &words[i], box);
        box->page = number;
        return &words[i];
      }

  g_error ("No word “%s” on page %d", text, number);
  return NULL;
}

/* Waiting for the main loop */

typedef gboolean (*Condition) (gpointer data);

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (Condition condition, gpointer data, const char *what)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (TIMEOUT_MS, set_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (source);
}

static gboolean
count_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
three_ticks (gpointer data)
{
  return *(guint *) data >= 3;
}

/* Lets the frame clock run a few frames, so that layout and drawing are done. */
static void
wait_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_tick, &ticks, NULL);

  wait_until (three_ticks, &ticks, "frames");
  gtk_widget_remove_tick_callback (widget, id);
}

static gboolean
view_is_rendered (gpointer data)
{
  return remit_document_view_is_rendered (data);
}

/* Fixture: the view in a scrolled window in a window */

typedef struct
{
  GtkWidget *window;
  RemitDocumentView *view;

  guint n_word_activated;
  guint n_words_selected;
  guint n_box_activated;
  guint n_rendered;
  char *label;
  char *text;
  RemitBox box;
} Fixture;

static void
on_word_activated (RemitDocumentView *view,
                   const char *label,
                   const char *text,
                   const RemitBox *box,
                   Fixture *fixture)
{
  fixture->n_word_activated++;
  g_free (fixture->label);
  fixture->label = g_strdup (label);
  g_free (fixture->text);
  fixture->text = g_strdup (text);
  fixture->box = *box;
}

static void
on_words_selected (RemitDocumentView *view,
                   const char *label,
                   const char *text,
                   const RemitBox *box,
                   Fixture *fixture)
{
  fixture->n_words_selected++;
  g_free (fixture->label);
  fixture->label = g_strdup (label);
  g_free (fixture->text);
  fixture->text = g_strdup (text);
  fixture->box = *box;
}

static void
on_box_activated (RemitDocumentView *view, const char *label, Fixture *fixture)
{
  fixture->n_box_activated++;
  g_free (fixture->label);
  fixture->label = g_strdup (label);
}

static void
on_page_rendered (RemitDocumentView *view, guint index, Fixture *fixture)
{
  fixture->n_rendered++;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Remit");

  fixture->view = REMIT_DOCUMENT_VIEW (remit_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scroller);

  g_signal_connect (fixture->view, "word-activated", G_CALLBACK (on_word_activated), fixture);
  g_signal_connect (fixture->view, "words-selected", G_CALLBACK (on_words_selected), fixture);
  g_signal_connect (fixture->view, "box-activated", G_CALLBACK (on_box_activated), fixture);
  g_signal_connect (fixture->view, "page-rendered", G_CALLBACK (on_page_rendered), fixture);

  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->label, g_free);
  g_clear_pointer (&fixture->text, g_free);
}

static void
open_document (Fixture *fixture, GBytes *bytes, RemitLayout *layout, RemitExtractionSet *set)
{
  remit_document_view_set_document (fixture->view, bytes, layout, set);
  wait_until (view_is_rendered, fixture->view, "the pages in sight to render");
  wait_frames (GTK_WIDGET (fixture->view));
}

/* Pixels */

typedef struct
{
  int width;
  int height;
  gsize stride;
  guchar *data; /* B8G8R8A8 premultiplied, as GDK_MEMORY_DEFAULT on little-endian */
} Pixels;

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
save_screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr (GdkTexture) texture = render_widget (widget);
  const char *dir = g_getenv ("REMIT_SCREENSHOT_DIR");
  g_autofree char *fallback = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = fallback = g_build_filename (g_get_tmp_dir (), "remit-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
pixels_init (Pixels *pixels, GtkWidget *widget)
{
  g_autoptr (GdkTexture) texture = render_widget (widget);

  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize) pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->data, g_free);
}

static const guchar *
pixel (const Pixels *pixels, int x, int y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);
  return pixels->data + y * pixels->stride + x * 4;
}

/* The share of pixels in @rect that are ink (dark), and that are tinted blue (the colour of
 * the IBAN's box over white paper). */
static void
measure_rect (const Pixels *pixels, const graphene_rect_t *rect, double *dark, double *blue)
{
  int x1 = (int) ceil (rect->origin.x), y1 = (int) ceil (rect->origin.y);
  int x2 = (int) floor (rect->origin.x + rect->size.width);
  int y2 = (int) floor (rect->origin.y + rect->size.height);
  guint n = 0, n_dark = 0, n_blue = 0;

  for (int y = y1; y < y2; y++)
    for (int x = x1; x < x2; x++)
      {
        const guchar *p = pixel (pixels, x, y);
        int b = p[0], g = p[1], r = p[2];

        n++;
        if (r < 100 && g < 100 && b < 120)
          n_dark++;
        else if (b > r + 20 && r > 150)
          n_blue++;
      }

  g_assert_cmpuint (n, >, 0);
  *dark = (double) n_dark / n;
  *blue = (double) n_blue / n;
}

static void
assert_rect_near (const graphene_rect_t *rect,
                  double x,
                  double y,
                  double width,
                  double height,
                  double epsilon)
{
  g_assert_cmpfloat_with_epsilon (rect->origin.x, x, epsilon);
  g_assert_cmpfloat_with_epsilon (rect->origin.y, y, epsilon);
  g_assert_cmpfloat_with_epsilon (rect->size.width, width, epsilon);
  g_assert_cmpfloat_with_epsilon (rect->size.height, height, epsilon);
}

/* Tests */

typedef struct
{
  RemitEngineResult *result;
  RemitExtractionSet *set;
  RemitBox iban_box;
  RemitBox amount_box;
} PdfDocument;

/* The PDF through the engine, with an IBAN and an amount whose boxes are those of their
 * words on the page (the engine's own heuristics are not what is tested here). */
static GBytes *
load_pdf (int n_pages, PdfDocument *doc)
{
  GBytes *pdf = make_pdf (n_pages);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtraction) iban = NULL;
  g_autoptr (RemitExtraction) amount = NULL;
  RemitLayout *layout;
  RemitBox first, last;

  doc->result = remit_engine_extract (pdf, REMIT_ENGINE_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  layout = remit_engine_result_get_layout (doc->result);
  g_assert_cmpfloat_with_epsilon (
    remit_layout_page_get_width (remit_layout_get_page (layout, 0)), PDF_WIDTH, 0.01);

  find_word (layout, 1, "DE89", &first);
  find_word (layout, 1, "00", &last);
  remit_box_union (&first, &last, &doc->iban_box);
  find_word (layout, 1, "123,45", &doc->amount_box);

  doc->set = remit_extraction_set_new ();
  iban = remit_extraction_new_with_box ("iban", "DE89370400440532013000", &doc->iban_box);
  amount = remit_extraction_new_with_box ("amount", "123.45:EUR", &doc->amount_box);
  remit_extraction_set_set_extraction (doc->set, "iban", iban);
  remit_extraction_set_set_extraction (doc->set, "amountToPay", amount);
  return pdf;
}

static void
pdf_document_clear (PdfDocument *doc)
{
  g_clear_pointer (&doc->result, remit_engine_result_unref);
  g_clear_object (&doc->set);
}

static void
test_pdf_boxes (Fixture *fixture, gconstpointer user_data)
{
  PdfDocument doc = { 0 };
  g_autoptr (GBytes) pdf = load_pdf (2, &doc);
  RemitLayout *layout = remit_engine_result_get_layout (doc.result);
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *first_page;
  graphene_rect_t page, page2, rect;
  Pixels pixels;
  double scale, dark, blue;
  RemitBox word;
  int width;

  open_document (fixture, pdf, layout, doc.set);
  width = gtk_widget_get_width (view);
  g_assert_cmpuint (remit_document_view_get_n_pages (fixture->view), ==, 2);
  g_assert_cmpuint (fixture->n_rendered, >=, 1);

  /* Accessible: the view is a document, each page says which it is. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_DOCUMENT);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Document");
  first_page = gtk_widget_get_first_child (view);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (first_page),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Page 1 of 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_next_sibling (first_page)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Page 2 of 2");

  /* Fit width: the page spans the view less the gaps, in the page's proportions; the
   * second page follows after a gap. */
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page));
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 1, &page2));
  assert_rect_near (&page, PAGE_GAP, PAGE_GAP, width - 2 * PAGE_GAP,
                    round ((width - 2 * PAGE_GAP) * (double) PDF_HEIGHT / PDF_WIDTH), 1.01);
  g_assert_cmpfloat_with_epsilon (page2.origin.y, page.origin.y + page.size.height + PAGE_GAP,
                                  0.01);
  g_assert_cmpfloat_with_epsilon (remit_document_view_get_zoom (fixture->view),
                                  (width - 2.0 * PAGE_GAP) / (PDF_WIDTH * 96.0 / 72.0), 0.005);

  /* Boxes in points, scaled by the page's 595 points to its width on screen. */
  scale = page.size.width / PDF_WIDTH;
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &rect));
  assert_rect_near (&rect, page.origin.x + doc.iban_box.left * scale,
                    page.origin.y + doc.iban_box.top * page.size.height / PDF_HEIGHT,
                    doc.iban_box.width * scale, doc.iban_box.height * page.size.height / PDF_HEIGHT,
                    1e-3);
  /* The line was drawn from 72 points in, its baseline 200 points down: there it is. */
  find_word (layout, 1, "IBAN", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  g_assert_cmpfloat_with_epsilon (rect.origin.x, page.origin.x + 72 * scale, 1.5 * scale);
  g_assert_cmpfloat (rect.origin.y, <, page.origin.y + 200 * scale);
  g_assert_cmpfloat (rect.origin.y, >, page.origin.y + 185 * scale);
  g_assert_cmpfloat (rect.origin.y + rect.size.height, >, page.origin.y + 197 * scale);
  g_assert_false (remit_document_view_get_box_rect (fixture->view, "bic", &rect));

  /* What is drawn agrees: ink where the layout has a word, blank paper above it, and the
   * IBAN's box tinted in its colour. */
  pixels_init (&pixels, view);
  find_word (layout, 1, "DE89", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  measure_rect (&pixels, &rect, &dark, &blue);
  g_assert_cmpfloat (dark, >, 0.10);
  graphene_rect_offset (&rect, 0, -rect.size.height - 4);
  measure_rect (&pixels, &rect, &dark, &blue);
  g_assert_cmpfloat (dark, ==, 0);
  g_assert_cmpfloat (blue, ==, 0);
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &rect));
  measure_rect (&pixels, &rect, &dark, &blue);
  g_assert_cmpfloat (blue, >, 0.3);
  pixels_clear (&pixels);

  save_screenshot (fixture->window, "document-view-pdf.png");

  /* Selecting a field emphasises its box; nothing moves. */
  g_object_set (fixture->view, "selected-label", "iban", NULL);
  wait_frames (view);
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &rect));
  assert_rect_near (&rect, page.origin.x + doc.iban_box.left * scale,
                    page.origin.y + doc.iban_box.top * page.size.height / PDF_HEIGHT,
                    doc.iban_box.width * scale, doc.iban_box.height * page.size.height / PDF_HEIGHT,
                    1e-3);
  save_screenshot (fixture->window, "document-view-pdf-selected.png");

  pdf_document_clear (&doc);
}

static void
test_pdf_clicks (Fixture *fixture, gconstpointer user_data)
{
  PdfDocument doc = { 0 };
  g_autoptr (GBytes) pdf = load_pdf (2, &doc);
  RemitLayout *layout = remit_engine_result_get_layout (doc.result);
  graphene_rect_t rect, rect2, page;
  RemitBox word, word2, expected;
  double scale;

  open_document (fixture, pdf, layout, doc.set);
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page));

  /* No field selected: a word gives nothing, blank paper gives nothing. */
  find_word (layout, 1, "Stadtwerke", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  remit_document_view_click (fixture->view, rect.origin.x + rect.size.width / 2,
                             rect.origin.y + rect.size.height / 2);
  remit_document_view_click (fixture->view, page.origin.x + page.size.width / 2,
                             page.origin.y + page.size.height / 2);
  g_assert_cmpuint (fixture->n_word_activated, ==, 0);
  g_assert_cmpuint (fixture->n_box_activated, ==, 0);
  g_assert_null (remit_document_view_get_selected_label (fixture->view));

  /* A box selects its field. */
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "amountToPay", &rect));
  remit_document_view_click (fixture->view, rect.origin.x + 1, rect.origin.y + 1);
  g_assert_cmpuint (fixture->n_box_activated, ==, 1);
  g_assert_cmpstr (fixture->label, ==, "amountToPay");
  g_assert_cmpstr (remit_document_view_get_selected_label (fixture->view), ==, "amountToPay");

  /* With a field selected, a click on a word gives that word, in layout units. */
  g_object_set (fixture->view, "selected-label", "iban", NULL);
  find_word (layout, 1, "3704", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  remit_document_view_click (fixture->view, rect.origin.x + rect.size.width / 2,
                             rect.origin.y + rect.size.height / 2);
  g_assert_cmpuint (fixture->n_word_activated, ==, 1);
  g_assert_cmpstr (fixture->label, ==, "iban");
  g_assert_cmpstr (fixture->text, ==, "3704");
  g_assert_true (remit_box_equal (&fixture->box, &word, 1e-6));
  g_assert_cmpint (fixture->box.page, ==, 1);

  /* A word outside every box too. */
  find_word (layout, 1, "Stadtwerke", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  remit_document_view_click (fixture->view, rect.origin.x + 2, rect.origin.y + 2);
  g_assert_cmpuint (fixture->n_word_activated, ==, 2);
  g_assert_cmpstr (fixture->text, ==, "Stadtwerke");
  g_assert_cmpuint (fixture->n_box_activated, ==, 1);

  /* A drag across two words gives both, and the box around them. */
  find_word (layout, 1, "DE89", &word);
  find_word (layout, 1, "3704", &word2);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word2, &rect2));
  remit_document_view_drag (fixture->view, rect.origin.x - 3, rect.origin.y - 3,
                            rect2.origin.x + rect2.size.width + 3,
                            rect2.origin.y + rect2.size.height + 3);
  g_assert_cmpuint (fixture->n_words_selected, ==, 1);
  g_assert_cmpstr (fixture->label, ==, "iban");
  g_assert_cmpstr (fixture->text, ==, "DE89 3704");
  remit_box_union (&word, &word2, &expected);
  g_assert_true (remit_box_equal (&fixture->box, &expected, 1e-6));
  g_assert_cmpint (fixture->box.page, ==, 1);

  /* Dragged right to left and bottom to top, the same. */
  remit_document_view_drag (fixture->view, rect2.origin.x + rect2.size.width + 3,
                            rect2.origin.y + rect2.size.height + 3, rect.origin.x - 3,
                            rect.origin.y - 3);
  g_assert_cmpuint (fixture->n_words_selected, ==, 2);
  g_assert_cmpstr (fixture->text, ==, "DE89 3704");

  /* Across two lines: the line break stays. */
  find_word (layout, 1, "IBAN", &word);
  find_word (layout, 1, "00", &word2);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word2, &rect2));
  find_word (layout, 1, "EUR", &word2);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word2, &page));
  remit_document_view_drag (fixture->view, rect.origin.x - 3, rect.origin.y - 3,
                            rect2.origin.x + rect2.size.width + 3,
                            page.origin.y + page.size.height + 3);
  g_assert_cmpuint (fixture->n_words_selected, ==, 3);
  g_assert_cmpstr (fixture->text, ==, "IBAN DE89 3704 0044 0532 0130 00\nBetrag 123,45 EUR");

  /* A drag over blank paper gives nothing. */
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page));
  scale = page.size.height / PDF_HEIGHT;
  remit_document_view_drag (fixture->view, page.origin.x + 10, page.origin.y + 300 * scale,
                            page.origin.x + 200, page.origin.y + 380 * scale);
  g_assert_cmpuint (fixture->n_words_selected, ==, 3);

  /* Words on the second page: the box says so. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->view)),
                            page.size.height);
  wait_until (view_is_rendered, fixture->view, "the second page to render");
  wait_frames (GTK_WIDGET (fixture->view));
  find_word (layout, 2, "Dank", &word);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &word, &rect));
  remit_document_view_click (fixture->view, rect.origin.x + rect.size.width / 2,
                             rect.origin.y + rect.size.height / 2);
  g_assert_cmpstr (fixture->text, ==, "Dank");
  g_assert_cmpint (fixture->box.page, ==, 2);

  /* A field selected from outside, whose box is out of sight, is scrolled into it. */
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "amountToPay", &rect));
  g_assert_cmpfloat (rect.origin.y + rect.size.height, <, 0);
  g_object_set (fixture->view, "selected-label", "amountToPay", NULL);
  wait_frames (GTK_WIDGET (fixture->view));
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "amountToPay", &rect));
  g_assert_cmpfloat (rect.origin.y, >=, 0);
  g_assert_cmpfloat (rect.origin.y + rect.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (fixture->view)));

  /* Cleared from outside: no field selected. */
  g_object_set (fixture->view, "selected-label", NULL, NULL);
  g_assert_null (remit_document_view_get_selected_label (fixture->view));

  pdf_document_clear (&doc);
}

static void
test_pdf_zoom (Fixture *fixture, gconstpointer user_data)
{
  PdfDocument doc = { 0 };
  g_autoptr (GBytes) pdf = load_pdf (2, &doc);
  RemitLayout *layout = remit_engine_result_get_layout (doc.result);
  GtkWidget *view = GTK_WIDGET (fixture->view);
  graphene_rect_t page0, box0, page1, box1;
  double zoom0, zoom1, ratio, cx, cy, fx, fy;
  int width, height;

  open_document (fixture, pdf, layout, doc.set);
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  zoom0 = remit_document_view_get_zoom (fixture->view);
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page0));
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &box0));

  /* The point in the middle of the view, as a fraction of the page. */
  cx = width / 2.0;
  cy = height / 2.0;
  fx = (cx - page0.origin.x) / page0.size.width;
  fy = (cy - page0.origin.y) / page0.size.height;

  /* Zoom in: boxes grow with the page and keep their place on it; the middle stays. */
  g_assert_true (gtk_widget_activate_action (view, "view.zoom-in", NULL));
  wait_frames (view);
  zoom1 = remit_document_view_get_zoom (fixture->view);
  g_assert_cmpfloat_with_epsilon (zoom1, zoom0 * 1.2, 1e-6);
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page1));
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &box1));
  ratio = page1.size.width / page0.size.width;
  g_assert_cmpfloat_with_epsilon (ratio, 1.2, 0.005);
  g_assert_cmpfloat_with_epsilon (box1.size.width, box0.size.width * ratio, 0.01);
  g_assert_cmpfloat_with_epsilon (box1.size.height,
                                  box0.size.height * page1.size.height / page0.size.height, 0.01);
  g_assert_cmpfloat_with_epsilon (box1.origin.x - page1.origin.x,
                                  (box0.origin.x - page0.origin.x) * ratio, 0.01);
  g_assert_cmpfloat_with_epsilon (box1.origin.y - page1.origin.y,
                                  (box0.origin.y - page0.origin.y) * page1.size.height
                                    / page0.size.height,
                                  0.01);
  g_assert_cmpfloat_with_epsilon (page1.origin.x + fx * page1.size.width, cx, 1.5);
  g_assert_cmpfloat_with_epsilon (page1.origin.y + fy * page1.size.height, cy, 1.5);

  /* The page is rendered again at the new size. */
  wait_until (view_is_rendered, fixture->view, "the page to render at the new zoom");

  /* Zoom out again: back where it was. */
  g_assert_true (gtk_widget_activate_action (view, "view.zoom-out", NULL));
  wait_frames (view);
  g_assert_cmpfloat_with_epsilon (remit_document_view_get_zoom (fixture->view), zoom0, 1e-6);
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &box1));
  g_assert_cmpfloat_with_epsilon (box1.size.width, box0.size.width, 0.01);

  /* 100 %: an A4 page is 595 points, 793 pixels at 96 dpi. */
  g_assert_true (gtk_widget_activate_action (view, "view.zoom-reset", NULL));
  wait_frames (view);
  g_assert_cmpfloat (remit_document_view_get_zoom (fixture->view), ==, 1.0);
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page1));
  g_assert_cmpfloat (page1.size.width, ==, 793);
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &box1));
  g_assert_cmpfloat_with_epsilon (box1.size.width, doc.iban_box.width * 793.0 / PDF_WIDTH,
                                  1e-3);

  /* Fit page: the whole page in sight. */
  g_assert_true (gtk_widget_activate_action (view, "view.fit-page", NULL));
  wait_frames (view);
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page1));
  g_assert_cmpfloat (page1.size.height, <=, height - 2 * PAGE_GAP + 1);
  g_assert_cmpfloat (page1.size.width, <=, width - 2 * PAGE_GAP + 1);
  g_assert_true (fabs (page1.size.height - (height - 2 * PAGE_GAP)) <= 1
                 || fabs (page1.size.width - (width - 2 * PAGE_GAP)) <= 1);

  /* Fit width again: as at the start. */
  g_assert_true (gtk_widget_activate_action (view, "view.fit-width", NULL));
  wait_frames (view);
  g_assert_cmpfloat_with_epsilon (remit_document_view_get_zoom (fixture->view), zoom0, 1e-6);

  pdf_document_clear (&doc);
}

static void
test_image (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GBytes) png = make_png ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitExtractionSet) set = remit_extraction_set_new ();
  g_autoptr (RemitExtraction) iban = NULL;
  const RemitLayoutPage *engine_page;
  GtkWidget *view = GTK_WIDGET (fixture->view);
  graphene_rect_t page, rect, outside;
  RemitBox iban_box;
  Pixels pixels;
  double scale, dark, blue;
  int width;

  /* The engine measures a scan in pixels. */
  result = remit_engine_extract (png, REMIT_ENGINE_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  engine_page = remit_layout_get_page (remit_engine_result_get_layout (result), 0);
  g_assert_cmpfloat (remit_layout_page_get_width (engine_page), ==, PNG_WIDTH);
  g_assert_cmpfloat (remit_layout_page_get_height (engine_page), ==, PNG_HEIGHT);

  /* Its words as a text recognition would give them, in pixels too. */
  remit_layout_builder_add_page (builder, 1, PNG_WIDTH, PNG_HEIGHT);
  remit_layout_builder_add_line (builder, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (png_words); i++)
    remit_layout_builder_add_word (builder, &png_words[i], 20, NULL, FALSE, png_texts[i]);
  layout = remit_layout_builder_end (g_steal_pointer (&builder));
  remit_box_union (&png_words[0], &png_words[1], &iban_box);
  iban = remit_extraction_new_with_box ("iban", "DE021203", &iban_box);
  remit_extraction_set_set_extraction (set, "iban", iban);

  open_document (fixture, png, layout, set);
  width = gtk_widget_get_width (view);
  g_assert_cmpuint (remit_document_view_get_n_pages (fixture->view), ==, 1);

  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page));
  assert_rect_near (&page, PAGE_GAP, PAGE_GAP, width - 2 * PAGE_GAP,
                    round ((width - 2 * PAGE_GAP) * (double) PNG_HEIGHT / PNG_WIDTH), 1.01);

  /* Boxes in pixels, scaled by the image's 2480 pixels to its width on screen (not as if
   * they were points). */
  scale = page.size.width / PNG_WIDTH;
  g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &rect));
  assert_rect_near (&rect, page.origin.x + 300 * scale,
                    page.origin.y + 1000 * page.size.height / PNG_HEIGHT, 900 * scale,
                    70 * page.size.height / PNG_HEIGHT, 1e-3);

  /* The bars are drawn where the box says: ink inside, paper around. */
  pixels_init (&pixels, view);
  for (gsize i = 0; i < G_N_ELEMENTS (png_words); i++)
    {
      graphene_rect_t bar;

      g_assert_true (remit_document_view_box_to_widget (fixture->view, &png_words[i], &bar));
      graphene_rect_inset (&bar, 2, 2);
      measure_rect (&pixels, &bar, &dark, &blue);
      g_assert_cmpfloat (dark, >, 0.99);
    }
  /* Between the bars, paper tinted by the box. */
  graphene_rect_init (&outside, page.origin.x + 740 * scale, rect.origin.y + 3, 20 * scale,
                      rect.size.height - 6);
  measure_rect (&pixels, &outside, &dark, &blue);
  g_assert_cmpfloat (dark, ==, 0);
  g_assert_cmpfloat (blue, >, 0.99);
  graphene_rect_init (&outside, rect.origin.x, rect.origin.y - 14, rect.size.width, 8);
  measure_rect (&pixels, &outside, &dark, &blue);
  g_assert_cmpfloat (dark, ==, 0);
  graphene_rect_init (&outside, rect.origin.x, rect.origin.y + rect.size.height + 6,
                      rect.size.width, 8);
  measure_rect (&pixels, &outside, &dark, &blue);
  g_assert_cmpfloat (dark, ==, 0);
  pixels_clear (&pixels);

  save_screenshot (fixture->window, "document-view-image.png");

  /* A click on the second bar gives its word, with its box in pixels. */
  g_object_set (fixture->view, "selected-label", "iban", NULL);
  g_assert_true (remit_document_view_box_to_widget (fixture->view, &png_words[1], &rect));
  remit_document_view_click (fixture->view, rect.origin.x + rect.size.width / 2,
                             rect.origin.y + rect.size.height / 2);
  g_assert_cmpuint (fixture->n_word_activated, ==, 1);
  g_assert_cmpstr (fixture->text, ==, "1203");
  g_assert_true (remit_box_equal (&fixture->box, &png_words[1], 1e-6));

  /* Zoom changes the box in proportion. */
  {
    graphene_rect_t page1, rect1, box0;
    double ratio;

    g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &box0));
    remit_document_view_set_zoom (fixture->view, remit_document_view_get_zoom (fixture->view) * 2);
    wait_frames (view);
    g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page1));
    g_assert_true (remit_document_view_get_box_rect (fixture->view, "iban", &rect1));
    ratio = page1.size.width / page.size.width;
    g_assert_cmpfloat_with_epsilon (ratio, 2, 0.005);
    g_assert_cmpfloat_with_epsilon (rect1.size.width, box0.size.width * ratio, 0.01);
    g_assert_cmpfloat_with_epsilon (rect1.origin.x - page1.origin.x,
                                    (box0.origin.x - page.origin.x) * ratio, 0.01);
  }
}

static void
test_memory_bound (Fixture *fixture, gconstpointer user_data)
{
  PdfDocument doc = { 0 };
  g_autoptr (GBytes) pdf = load_pdf (12, &doc);
  RemitLayout *layout = remit_engine_result_get_layout (doc.result);
  GtkAdjustment *vadjustment;
  graphene_rect_t page;
  gsize page_bytes, budget;
  guint n_textures = 0;

  open_document (fixture, pdf, layout, doc.set);
  g_assert_cmpuint (remit_document_view_get_n_pages (fixture->view), ==, 12);

  /* At the top only the first pages are rendered, not the whole document. */
  for (guint i = 0; i < 12; i++)
    n_textures += remit_document_view_page_has_texture (fixture->view, i);
  g_assert_true (remit_document_view_page_has_texture (fixture->view, 0));
  g_assert_cmpuint (n_textures, <=, 4);
  g_assert_false (remit_document_view_page_has_texture (fixture->view, 11));

  /* With room for three pages, scrolling to the end drops the first pages. */
  g_assert_true (remit_document_view_get_page_rect (fixture->view, 0, &page));
  page_bytes = (gsize) page.size.width * page.size.height * 4;
  budget = 3 * page_bytes + page_bytes / 2;
  remit_document_view_set_memory_budget (fixture->view, budget);

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->view));
  for (int step = 0; step <= 12; step++)
    {
      gtk_adjustment_set_value (vadjustment,
                                (gtk_adjustment_get_upper (vadjustment)
                                 - gtk_adjustment_get_page_size (vadjustment))
                                  * step / 12.0);
      wait_until (view_is_rendered, fixture->view, "the pages in sight to render");
      g_assert_cmpuint (remit_document_view_get_texture_bytes (fixture->view), <=, budget);
    }

  g_assert_true (remit_document_view_page_has_texture (fixture->view, 11));
  g_assert_false (remit_document_view_page_has_texture (fixture->view, 0));
  g_assert_false (remit_document_view_page_has_texture (fixture->view, 5));

  pdf_document_clear (&doc);
}

static void
test_replace_document (Fixture *fixture, gconstpointer user_data)
{
  PdfDocument doc = { 0 };
  g_autoptr (GBytes) pdf = load_pdf (2, &doc);
  g_autoptr (GBytes) png = make_png ();
  RemitLayout *layout = remit_engine_result_get_layout (doc.result);
  graphene_rect_t rect;

  /* Replaced before it was even opened: the first one's answers are dropped. */
  remit_document_view_set_document (fixture->view, pdf, layout, doc.set);
  remit_document_view_set_document (fixture->view, png, NULL, NULL);
  wait_until (view_is_rendered, fixture->view, "the image to render");
  g_assert_cmpuint (remit_document_view_get_n_pages (fixture->view), ==, 1);
  g_assert_false (remit_document_view_get_box_rect (fixture->view, "iban", &rect));

  /* Emptied: nothing left. */
  remit_document_view_set_document (fixture->view, NULL, NULL, NULL);
  wait_frames (GTK_WIDGET (fixture->view));
  g_assert_cmpuint (remit_document_view_get_n_pages (fixture->view), ==, 0);
  g_assert_cmpuint (remit_document_view_get_texture_bytes (fixture->view), ==, 0);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (fixture->view)));

  pdf_document_clear (&doc);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/document-view/pdf/boxes", test_pdf_boxes);
  ADD ("/document-view/pdf/clicks", test_pdf_clicks);
  ADD ("/document-view/pdf/zoom", test_pdf_zoom);
  ADD ("/document-view/image", test_image);
  ADD ("/document-view/memory-bound", test_memory_bound);
  ADD ("/document-view/replace", test_replace_document);

#undef ADD

  return g_test_run ();
}
