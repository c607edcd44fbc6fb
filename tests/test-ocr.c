/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ocr"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "engine-test-common.h"
#include "remit-engine.h"
#include "scan-documents.h"

static void
assert_fails (GBytes *data, RemitEngineFlags flags, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (data, flags, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, REMIT_ENGINE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* Levenshtein distance in characters. */
static guint
edit_distance (const char *a, const char *b)
{
  glong la = 0, lb = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &la);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &lb);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (ua[i - 1] != ub[j - 1]));
          diagonal = above;
        }
    }

  return row[lb];
}

/* Finds @sequence (words separated by spaces) as consecutive words of @page, exactly, and
 * returns the box around them. */
static gboolean
find_words (const RemitLayoutPage *page, const char *sequence, RemitBox *out)
{
  g_auto (GStrv) wanted = g_strsplit (sequence, " ", -1);
  guint n_wanted = g_strv_length (wanted);
  guint n_words = 0;
  const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

  for (guint start = 0; start + n_wanted <= n_words; start++)
    {
      guint k = 0;

      while (k < n_wanted && g_str_equal (words[start + k].text, wanted[k]))
        k++;
      if (k < n_wanted)
        continue;

      remit_layout_page_get_word_box (page, &words[start], out);
      for (k = 1; k < n_wanted; k++)
        {
          RemitBox box;

          remit_layout_page_get_word_box (page, &words[start + k], &box);
          remit_box_union (out, &box, out);
        }
      return TRUE;
    }

  return FALSE;
}

/* The words of @page, read from the recognized image, stand where they were drawn. */
static void
assert_drawn_at (const RemitLayoutPage *page,
                 const char *sequence,
                 const char *line_text,
                 double dpi)
{
  RemitBox found, drawn, overlap;

  for (gsize i = 0; i < G_N_ELEMENTS (scan_invoice); i++)
    if (g_str_equal (scan_invoice[i].text, line_text))
      {
        drawn.page = 1;
        scan_line_extents (&scan_invoice[i], dpi, &drawn.left, &drawn.top, &drawn.width,
                           &drawn.height);
      }

  if (!find_words (page, sequence, &found))
    {
      g_autofree char *text = remit_layout_page_get_text (page);

      g_error ("“%s” was not recognized in:\n%s", sequence, text);
    }

  /* Most of what was drawn is covered, and the box is not much larger. */
  drawn.page = found.page;
  if (!remit_box_intersection (&found, &drawn, &overlap)
      || remit_box_get_area (&overlap) < 0.7 * remit_box_get_area (&drawn)
      || remit_box_get_area (&found) > 1.6 * remit_box_get_area (&drawn))
    g_error ("“%s” found at %.0f,%.0f %.0f×%.0f, drawn at %.0f,%.0f %.0f×%.0f", sequence,
             found.left, found.top, found.width, found.height, drawn.left, drawn.top,
             drawn.width, drawn.height);
}

/* Nearly every word of the invoice is recognized: at most one character off. */
static void
assert_most_words (const RemitLayoutPage *page, double share)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_words = 0, expected = 0, found = 0;
  const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

  for (guint i = 0; i < n_words; i++)
    g_hash_table_add (seen, (gpointer) words[i].text);

  for (gsize i = 0; i < G_N_ELEMENTS (scan_invoice); i++)
    {
      g_auto (GStrv) parts = g_strsplit (scan_invoice[i].text, " ", -1);

      for (guint p = 0; parts[p] != NULL; p++)
        {
          GHashTableIter iter;
          gpointer key;
          gboolean hit = g_hash_table_contains (seen, parts[p]);

          g_hash_table_iter_init (&iter, seen);
          while (!hit && g_hash_table_iter_next (&iter, &key, NULL))
            hit = edit_distance (key, parts[p]) <= 1;

          expected++;
          if (hit)
            found++;
          else
            g_test_message ("not recognized: “%s”", parts[p]);
        }
    }

  g_test_message ("%u of %u words recognized", found, expected);
  g_assert_cmpfloat (found, >=, share * expected);
}

static void
assert_invoice_page (RemitEngineResult *result, int width, int height, double dpi)
{
  RemitLayout *layout = remit_engine_result_get_layout (result);
  const RemitLayoutPage *page;
  guint n_words = 0;
  const RemitLayoutWord *words;

  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 1);
  page = remit_layout_get_page (layout, 0);

  /* The page is as large as the image, in pixels. */
  g_assert_cmpfloat (remit_layout_page_get_width (page), ==, width);
  g_assert_cmpfloat (remit_layout_page_get_height (page), ==, height);

  /* IBAN and amount exactly, where they were drawn. */
  assert_drawn_at (page, SCAN_IBAN_TEXT, SCAN_IBAN_TEXT, dpi);
  assert_drawn_at (page, SCAN_AMOUNT " EUR", SCAN_AMOUNT " EUR", dpi);
  assert_drawn_at (page, "Rechnungsbetrag", "Rechnungsbetrag", dpi);
  assert_drawn_at (page, "BYLADEM1001", "BIC: BYLADEM1001", dpi);
  assert_most_words (page, 0.9);

  /* Words are grouped in lines; each has a size in pixels. */
  g_assert_cmpuint (remit_layout_page_get_n_lines (page), >=, 15);
  words = remit_layout_page_get_words (page, &n_words);
  for (guint i = 0; i < n_words; i++)
    {
      g_assert_cmpfloat (words[i].font_size, >, 0);
      g_assert_cmpfloat (words[i].left + words[i].width, <=, width);
      g_assert_cmpfloat (words[i].top + words[i].height, <=, height);
    }

  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "SCANNED");
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "ocr");
}

static void
test_png_scan (void)
{
  cairo_surface_t *surface = scan_render (300);
  g_autoptr (GBytes) png = scan_png (surface);
  g_autoptr (RemitEngineResult) result = extract (png, REMIT_ENGINE_FLAGS_NONE);

  assert_invoice_page (result, cairo_image_surface_get_width (surface),
                       cairo_image_surface_get_height (surface), 300);
  cairo_surface_destroy (surface);
}

/* A photo at 150 dpi: grey paper lit unevenly, noise, JPEG artefacts, text below the size
 * Tesseract likes. */
static void
test_jpeg_photo (void)
{
  g_autoptr (GdkPixbuf) photo = scan_photo (150, 24);
  g_autoptr (GBytes) jpeg = scan_jpeg (photo, "80");
  g_autoptr (RemitEngineResult) result = extract (jpeg, REMIT_ENGINE_FLAGS_NONE);

  assert_invoice_page (result, gdk_pixbuf_get_width (photo), gdk_pixbuf_get_height (photo), 150);
}

/* A PDF of scanned pages is rendered at 300 dpi: its layout is in those pixels. */
static void
test_pdf_scan (void)
{
  cairo_surface_t *surface = scan_render (200);
  g_autoptr (GBytes) pdf = scan_pdf (surface, 1, FALSE);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);

  assert_invoice_page (result, 2481, 3508, 300);
  g_assert_cmpuint (remit_engine_result_get_page_count (result), ==, 1);
  cairo_surface_destroy (surface);
}

/* A scan with a text layer is not read again. */
static void
test_pdf_sandwich (void)
{
  cairo_surface_t *surface = scan_render (100);
  g_autoptr (GBytes) pdf = scan_pdf (surface, 1, TRUE);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);
  const RemitLayoutPage *page = remit_layout_get_page (remit_engine_result_get_layout (result), 0);
  RemitBox box;

  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "SANDWICH");
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "layout");
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_width (page), 595.28, 0.01);
  g_assert_true (find_words (page, "Rechnungsbetrag", &box));

  /* Asked without the classification, the same values, and no classification. */
  {
    g_autoptr (RemitEngineResult) plain = extract (pdf, REMIT_ENGINE_FLAGS_NO_CLASSIFICATION);
    g_autoptr (JsonNode) expected = remit_engine_result_to_extractions_json (result);
    g_autoptr (JsonNode) got = remit_engine_result_to_extractions_json (plain);

    g_assert_null (remit_engine_result_get_source_classification (plain));
    g_assert_true (json_node_equal (expected, got));
  }
  cairo_surface_destroy (surface);
}

/* Pages with a text layer are native; without, they are recognized, each in its units. */
static void
test_pdf_mixed (void)
{
  cairo_surface_t *surface = scan_render (150);
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  cairo_surface_t *pdf_surface =
    cairo_pdf_surface_create_for_stream (scan_append, bytes, 595.28, 841.89);
  cairo_t *cr = cairo_create (pdf_surface);
  const RemitLayoutPage *page;
  RemitBox box;

  /* Page 1 has text, page 2 is a scan. */
  scan_draw_invoice (cr, 0);
  cairo_show_page (cr);
  cairo_scale (cr, 595.28 / cairo_image_surface_get_width (surface),
               841.89 / cairo_image_surface_get_height (surface));
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf_surface);
  cairo_surface_destroy (pdf_surface);
  pdf = g_byte_array_free_to_bytes (bytes);

  result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);
  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "NATIVE");
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "ocr");

  page = remit_layout_get_page (remit_engine_result_get_layout (result), 0);
  g_assert_cmpint (remit_layout_page_get_number (page), ==, 1);
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_width (page), 595.28, 0.01);
  g_assert_true (find_words (page, "BYLADEM1001", &box));

  page = remit_layout_get_page (remit_engine_result_get_layout (result), 1);
  g_assert_cmpint (remit_layout_page_get_number (page), ==, 2);
  g_assert_cmpfloat (remit_layout_page_get_width (page), ==, 2481);
  assert_drawn_at (page, SCAN_IBAN_TEXT, SCAN_IBAN_TEXT, 300);
  cairo_surface_destroy (surface);
}

static void
test_no_ocr_flag (void)
{
  cairo_surface_t *surface = scan_render (100);
  g_autoptr (GBytes) png = scan_png (surface);
  g_autoptr (RemitEngineResult) result = extract (png, REMIT_ENGINE_FLAGS_NO_OCR);
  const RemitLayoutPage *page = remit_layout_get_page (remit_engine_result_get_layout (result), 0);

  g_assert_cmpuint (remit_layout_get_n_words (remit_engine_result_get_layout (result)), ==, 0);
  g_assert_cmpfloat (remit_layout_page_get_width (page), ==,
                     cairo_image_surface_get_width (surface));
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "layout");
  cairo_surface_destroy (surface);
}

/* Without the model, a scan cannot be read, and the message says what to install. */
static void
test_model_missing (void)
{
  g_autofree char *empty = g_dir_make_tmp ("remit-tessdata-XXXXXX", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("TESSDATA_PREFIX"));
  cairo_surface_t *surface = scan_render (100);
  g_autoptr (GBytes) png = scan_png (surface);
  g_autoptr (GBytes) pdf = scan_pdf (surface, 1, FALSE);
  g_autoptr (RemitEngineResult) unread = NULL;

  g_assert_nonnull (empty);
  g_setenv ("TESSDATA_PREFIX", empty, TRUE);

  assert_fails (png, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_OCR_UNAVAILABLE,
                "“tesseract-ocr-deu”");
  assert_fails (pdf, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_OCR_UNAVAILABLE,
                "“tesseract-ocr-deu”");
  /* When recognition is not asked for, nothing is missing. */
  unread = extract (png, REMIT_ENGINE_FLAGS_NO_OCR);

  if (saved != NULL)
    g_setenv ("TESSDATA_PREFIX", saved, TRUE);
  else
    g_unsetenv ("TESSDATA_PREFIX");
  g_rmdir (empty);
  cairo_surface_destroy (surface);
}

/* Bad input */

static void
test_truncated_images (void)
{
  cairo_surface_t *surface = scan_render (100);
  g_autoptr (GBytes) png = scan_png (surface);
  g_autoptr (GdkPixbuf) photo = scan_photo (100, 10);
  g_autoptr (GBytes) jpeg = scan_jpeg (photo, "90");
  g_autoptr (GBytes) png_half = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr (GBytes) jpeg_half = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr (GBytes) png_header = g_bytes_new_from_bytes (png, 0, 40);
  g_autoptr (GBytes) jpeg_header = g_bytes_new_from_bytes (jpeg, 0, 100);
  g_autoptr (GBytes) garbage = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot a PNG at all", 24);

  assert_fails (png_half, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_CORRUPT, "damaged");
  assert_fails (jpeg_half, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_CORRUPT, "damaged");
  assert_fails (png_header, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_CORRUPT, "damaged");
  assert_fails (jpeg_header, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_CORRUPT, "damaged");
  assert_fails (garbage, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_CORRUPT, "damaged");
  cairo_surface_destroy (surface);
}

static void
test_empty_file (void)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);

  assert_fails (empty, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE, "empty");
}

static guint32
crc32_of (const guint8 *data, gsize length, guint32 crc)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
append_chunk (GByteArray *png, const char *type, const guint8 *data, guint32 length)
{
  guint8 header[8] = { length >> 24, length >> 16, length >> 8, length, type[0], type[1], type[2],
                       type[3] };
  guint32 crc = crc32_of ((const guint8 *) type, 4, 0);
  guint8 trailer[4];

  crc = crc32_of (data, length, crc);
  trailer[0] = crc >> 24;
  trailer[1] = crc >> 16;
  trailer[2] = crc >> 8;
  trailer[3] = crc;
  g_byte_array_append (png, header, 8);
  g_byte_array_append (png, data, length);
  g_byte_array_append (png, trailer, 4);
}

/* A complete, valid PNG of @side × @side white pixels (one bit each, well compressed). */
static GBytes *
huge_png (guint32 side)
{
  g_autoptr (GConverter) compressor =
    G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
  g_autofree guint8 *row = g_malloc ((side + 7) / 8 + 1);
  g_autoptr (GByteArray) idat = g_byte_array_new ();
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { side >> 24, side >> 16, side >> 8, side, side >> 24, side >> 16, side >> 8,
                      side, 1, 0, 0, 0, 0 };
  guint8 buffer[65536];
  gsize row_length = (side + 7) / 8 + 1;

  memset (row, 0xff, row_length);
  row[0] = 0; /* no filter */

  for (guint32 y = 0; y <= side; y++)
    {
      const guint8 *in = row;
      gsize left = y < side ? row_length : 0;
      GConverterFlags flags = y < side ? G_CONVERTER_NO_FLAGS : G_CONVERTER_INPUT_AT_END;
      GConverterResult status;

      do
        {
          gsize read = 0, written = 0;

          status = g_converter_convert (compressor, in, left, buffer, sizeof buffer, flags, &read,
                                        &written, NULL);
          g_assert_cmpint (status, !=, G_CONVERTER_ERROR);
          g_byte_array_append (idat, buffer, written);
          in += read;
          left -= read;
        }
      while (left > 0 || (flags == G_CONVERTER_INPUT_AT_END && status != G_CONVERTER_FINISHED));
    }

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat->data, idat->len);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

/* A JPEG whose header claims @side × @side pixels. */
static GBytes *
huge_jpeg_header (guint16 side)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr (GBytes) small = NULL;
  g_autofree guint8 *data = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  small = scan_jpeg (pixbuf, "90");
  data = g_memdup2 (g_bytes_get_data (small, &length), g_bytes_get_size (small));

  for (gsize i = 0; i + 9 < length; i++)
    if (data[i] == 0xff && data[i + 1] == 0xc0)
      {
        data[i + 5] = side >> 8;
        data[i + 6] = side & 0xff;
        data[i + 7] = side >> 8;
        data[i + 8] = side & 0xff;
        return g_bytes_new (data, length);
      }

  g_assert_not_reached ();
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* 20000 × 20000 pixels would need 1.2 GB decoded; the header is enough to refuse it. */
static void
test_huge_image (void)
{
  g_autoptr (GBytes) png = huge_png (20000);
  g_autoptr (GBytes) jpeg = huge_jpeg_header (20000);
  glong before = peak_rss_kib ();

  g_assert_cmpuint (g_bytes_get_size (png), <, REMIT_ENGINE_MAX_FILE_SIZE);
  assert_fails (png, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_TOO_LARGE, "20000 × 20000");
  assert_fails (jpeg, REMIT_ENGINE_FLAGS_NONE, REMIT_ENGINE_ERROR_TOO_LARGE, "20000 × 20000");
  g_test_message ("peak memory %ld KiB before, %ld KiB after", before, peak_rss_kib ());
  g_assert_cmpint (peak_rss_kib () - before, <, 64 * 1024);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The memory check first, before recognition raises the peak. */
  g_test_add_func ("/image/bad-input/huge", test_huge_image);
  g_test_add_func ("/image/bad-input/truncated", test_truncated_images);
  g_test_add_func ("/image/bad-input/empty", test_empty_file);
  g_test_add_func ("/ocr/png-scan", test_png_scan);
  g_test_add_func ("/ocr/jpeg-photo", test_jpeg_photo);
  g_test_add_func ("/ocr/pdf-scan", test_pdf_scan);
  g_test_add_func ("/ocr/pdf-sandwich", test_pdf_sandwich);
  g_test_add_func ("/ocr/pdf-mixed", test_pdf_mixed);
  g_test_add_func ("/ocr/no-ocr-flag", test_no_ocr_flag);
  g_test_add_func ("/ocr/model-missing", test_model_missing);

  return g_test_run ();
}
