/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-lazy-libs"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <cairo.h>

#include "remit-einvoice.h"
#include "engine-test-common.h"
#include "remit-engine.h"
#include "remit-test-invoice.h"

/* The engine opens zbar when a page first has a place that may be a code, libxml2 when it
 * first reads an e-invoice and gdk-pixbuf when it first opens an image; without the latter
 * two, those documents fail with a message saying what to install, and everything else
 * still works. This program links none of the libraries, and each test runs in a process
 * of its own, which starts without them. */

#define LIBXML2   "libxml2.so"
#define GDKPIXBUF "libgdk_pixbuf-2.0.so"
#define ZBAR      "libzbar.so"

/* Whether a file whose name starts with @prefix is mapped into this process. */
static gboolean
library_mapped (const char *prefix)
{
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');
      const char *name;

      if (path == NULL)
        continue;
      name = strrchr (path, '/') + 1;
      if (g_str_has_prefix (name, prefix))
        return TRUE;
    }

  return FALSE;
}

static GBytes *
load_test_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "einvoice", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The generated native PDF invoice of seed 1001, which has no logo or other dark place
 * that could be a code, and with @qr_payload a QR code drawn on it. */
static GBytes *
plain_pdf_with_code (const char *qr_payload)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_varied (1001);
  g_autoptr (GError) error = NULL;
  GBytes *pdf;

  invoice->qr_payload = g_strdup (qr_payload);
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

/* A generated native PDF invoice: text on the page, no attachment. */
static GBytes *
native_pdf (void)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_varied (7);
  g_autoptr (GError) error = NULL;
  GBytes *pdf = remit_test_invoice_render (invoice, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG of 300 × 200 pixels with a black bar on white. */
static GBytes *
make_png (void)
{
  GByteArray *png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 20, 80, 260, 40);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
append_object (GString *pdf, GArray *offsets, const char *body)
{
  gsize offset = pdf->len;

  g_array_append_val (offsets, offset);
  g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", offsets->len, body);
}

static void
append_stream (GString *pdf, GArray *offsets, const char *dictionary, const char *data)
{
  g_autofree char *body = g_strdup_printf ("<< %s /Length %" G_GSIZE_FORMAT " >>\nstream\n%s"
                                           "\nendstream",
                                           dictionary, strlen (data), data);

  append_object (pdf, offsets, body);
}

/* A one-page PDF that says “Rechnung Nr. 4711” in Helvetica and carries @xml as its
 * e-invoice “factur-x.xml”. */
static GBytes *
pdf_with_einvoice (GBytes *xml)
{
  GString *pdf = g_string_new ("%PDF-1.7\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *data = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  gsize xref;

  append_object (pdf, offsets,
                 "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names "
                 "[(factur-x.xml) 6 0 R] >> >> >>");
  append_object (pdf, offsets, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  append_object (pdf, offsets,
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                 "<< /F1 4 0 R >> >> /Contents 5 0 R >>");
  append_object (pdf, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  append_stream (pdf, offsets, "", "BT /F1 12 Tf 72 742 Td (Rechnung Nr. 4711) Tj ET");
  append_object (pdf, offsets,
                 "<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /EF << /F 7 0 R "
                 ">> >>");
  append_stream (pdf, offsets, "/Type /EmbeddedFile", data);

  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf,
                          "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT
                          "\n%%%%EOF\n",
                          offsets->len + 1, xref);

  return g_string_free_to_bytes (pdf);
}

static void
assert_layout_has_word (RemitEngineResult *result, const char *text)
{
  RemitLayout *layout = remit_engine_result_get_layout (result);
  const RemitLayoutPage *page = remit_layout_get_page (layout, 0);
  guint n_words = 0;
  const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

  for (guint i = 0; i < n_words; i++)
    if (g_str_equal (words[i].text, text))
      return;

  g_error ("The page has no word “%s”", text);
}

/* Runs the calling test again in a child process; with @stubs, the child finds the
 * stand-ins of tests/lib-stubs before the real libraries. */
static void
run_in_child (gboolean stubs)
{
  const char *saved = g_getenv ("LD_LIBRARY_PATH");
  g_autofree char *saved_copy = g_strdup (saved);

  if (stubs)
    {
      const char *dir = g_getenv ("REMIT_LIB_STUBS_DIR");
      g_autofree char *path = NULL;

      g_assert_nonnull (dir);
      g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
      path = saved != NULL && *saved != '\0' ? g_strconcat (dir, ":", saved, NULL)
                                             : g_strdup (dir);
      g_setenv ("LD_LIBRARY_PATH", path, TRUE);
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);

  if (saved_copy != NULL)
    g_setenv ("LD_LIBRARY_PATH", saved_copy, TRUE);
  else
    g_unsetenv ("LD_LIBRARY_PATH");

  g_test_trap_assert_passed ();
}

/* Native PDFs without a code need none of the libraries; the first page with a code brings
 * zbar, the first e-invoice libxml2, the first image gdk-pixbuf, and nothing else. */
static void
test_loaded_on_first_use (void)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GBytes) attached = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (RemitEngineResult) native = NULL;
  g_autoptr (RemitEngineResult) einvoice = NULL;
  g_autoptr (RemitEngineResult) with_attachment = NULL;
  g_autoptr (RemitEngineResult) image = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      run_in_child (FALSE);
      return;
    }

  g_assert_false (library_mapped (LIBXML2));
  g_assert_false (library_mapped (GDKPIXBUF));

  /* A page without a place that could be a code does not need zbar; one with a code
   * brings it. (The invoice below has a logo, a square that might be a code, and brings it too.) */
  {
    static const char giro[] = "BCD\n002\n1\nSCT\n\nLazy Test GmbH\nDE02120300000000202051\n"
                               "EUR12.34\n\n\nRE 77";
    g_autoptr (GBytes) plain = plain_pdf_with_code (NULL);
    g_autoptr (RemitEngineResult) plain_result = extract (plain, REMIT_ENGINE_FLAGS_NONE);
    g_autoptr (GBytes) coded = plain_pdf_with_code (giro);
    g_autoptr (RemitEngineResult) paid_by_code = NULL;

    g_assert_cmpstr (remit_engine_result_get_method (plain_result), ==, "layout");
    g_assert_false (library_mapped (ZBAR));
    paid_by_code = extract (coded, REMIT_ENGINE_FLAGS_NONE);
    g_assert_cmpstr (remit_engine_result_get_method (paid_by_code), ==, "qr");
    g_assert_cmpstr (remit_extraction_set_get_value (
                       remit_engine_result_get_extractions (paid_by_code), "amountToPay"),
                     ==, "12.34:EUR");
    g_assert_true (library_mapped (ZBAR));
  }

  /* A native PDF: read, its page drawn, without either library. */
  pdf = native_pdf ();
  native = extract (pdf, REMIT_ENGINE_FLAGS_NONE);
  g_assert_cmpuint (remit_engine_result_get_page_count (native), ==, 1);
  g_assert_nonnull (remit_extraction_set_get_value (remit_engine_result_get_extractions (native),
                                                    "iban"));
  page = remit_engine_render_page_png (pdf, 1, 400, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_false (library_mapped (LIBXML2));
  g_assert_false (library_mapped (GDKPIXBUF));

  /* An e-invoice brings libxml2. */
  xml = load_test_file ("ubl-invoice.xml");
  einvoice = extract (xml, REMIT_ENGINE_FLAGS_NONE);
  g_assert_cmpstr (remit_engine_result_get_method (einvoice), ==, "einvoice");
  g_assert_cmpstr (remit_extraction_set_get_value (remit_engine_result_get_extractions (einvoice),
                                                   "iban"),
                   ==, "AT611904300234573201");
  g_assert_true (library_mapped (LIBXML2));
  g_assert_false (library_mapped (GDKPIXBUF));

  /* The PDF that test_missing_libxml2() reads from its page is an e-invoice here. */
  attached = pdf_with_einvoice (xml);
  with_attachment = extract (attached, REMIT_ENGINE_FLAGS_NONE);
  g_assert_cmpstr (remit_engine_result_get_method (with_attachment), ==, "einvoice");

  /* An image brings gdk-pixbuf. */
  png = make_png ();
  image = extract (png, REMIT_ENGINE_FLAGS_NO_OCR);
  g_assert_cmpint (remit_engine_result_get_input_type (image), ==, REMIT_INPUT_PNG);
  g_assert_cmpfloat (remit_layout_page_get_width (
                       remit_layout_get_page (remit_engine_result_get_layout (image), 0)),
                     ==, 300);
  g_assert_true (library_mapped (GDKPIXBUF));
}

/* Without libxml2, an XML e-invoice fails and says what to install; a PDF carrying one is
 * read from its page. */
static void
test_missing_libxml2 (void)
{
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GBytes) attached = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (RemitEngineResult) page_read = NULL;
  g_autoptr (RemitEInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      run_in_child (TRUE);
      return;
    }

  xml = load_test_file ("ubl-invoice.xml");
  result = remit_engine_extract (xml, REMIT_ENGINE_FLAGS_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "“libxml2”"));
  g_clear_error (&error);

  invoice = remit_einvoice_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                     &error);
  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE);
  g_clear_error (&error);

  attached = pdf_with_einvoice (xml);
  page_read = extract (attached, REMIT_ENGINE_FLAGS_NONE);
  g_assert_cmpstr (remit_engine_result_get_method (page_read), ==, "layout");
  assert_layout_has_word (page_read, "Rechnung");
  assert_layout_has_word (page_read, "4711");
}

/* Without gdk-pixbuf, an image fails and says what to install; PDFs are read as always. */
static void
test_missing_gdk_pixbuf (void)
{
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (RemitEngineResult) native = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      run_in_child (TRUE);
      return;
    }

  png = make_png ();
  result = remit_engine_extract (png, REMIT_ENGINE_FLAGS_NO_OCR, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "“libgdk-pixbuf-2.0-0”"));
  g_clear_error (&error);

  page = remit_engine_render_page_png (png, 1, 200, &error);
  g_assert_null (page);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE);
  g_clear_error (&error);

  pdf = native_pdf ();
  native = extract (pdf, REMIT_ENGINE_FLAGS_NONE);
  g_assert_nonnull (remit_extraction_set_get_value (remit_engine_result_get_extractions (native),
                                                    "iban"));
  page = remit_engine_render_page_png (pdf, 1, 200, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lazy-libs/loaded-on-first-use", test_loaded_on_first_use);
  g_test_add_func ("/lazy-libs/missing/libxml2", test_missing_libxml2);
  g_test_add_func ("/lazy-libs/missing/gdk-pixbuf", test_missing_gdk_pixbuf);

  return g_test_run ();
}
