/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-qr"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <qrencode.h>

#include "remit-bezahlcode.h"
#include "engine-test-common.h"
#include "remit-engine.h"
#include "remit-epc.h"
#include "remit-qr.h"

#define A4_WIDTH  595.0
#define A4_HEIGHT 842.0
#define CM        (72.0 / 2.54)

#define IBAN      "DE02120300000000202051"
#define BIC       "BYLADEM1001"
#define RECIPIENT "Stadtwerke Musterstadt GmbH"
#define PURPOSE   "Rechnung 2024-0815 Kundennr. 4711"

/* Drawing */

typedef enum
{
  DRAW_VECTOR,    /* modules as filled squares, as invoicing software draws them */
  DRAW_IMAGE_1PX, /* an image with one pixel per module, scaled up by the PDF */
  DRAW_IMAGE_4PX, /* an image with four pixels per module */
} DrawStyle;

/* Draws a QR code of @data, @size wide without its quiet zone, at @x, @y. */
static void
draw_qr (cairo_t *cr,
         const char *data,
         gsize length,
         double x,
         double y,
         double size,
         DrawStyle style)
{
  QRcode *qr = QRcode_encodeData (length, (const unsigned char *) data, 0, QR_ECLEVEL_M);
  double module;

  g_assert_nonnull (qr);
  module = size / qr->width;

  cairo_save (cr);
  if (style == DRAW_VECTOR)
    {
      for (int row = 0; row < qr->width; row++)
        for (int column = 0; column < qr->width; column++)
          if (qr->data[row * qr->width + column] & 1)
            cairo_rectangle (cr, x + column * module, y + row * module, module, module);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_fill (cr);
    }
  else
    {
      int k = style == DRAW_IMAGE_1PX ? 1 : 4;
      int side = qr->width * k;
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
      guint8 *pixels = cairo_image_surface_get_data (image);
      int stride = cairo_image_surface_get_stride (image);

      for (int row = 0; row < side; row++)
        for (int column = 0; column < side; column++)
          ((guint32 *) (gpointer) (pixels + row * stride))[column] =
            (qr->data[row / k * qr->width + column / k] & 1) ? 0x000000 : 0xffffff;
      cairo_surface_mark_dirty (image);

      cairo_translate (cr, x, y);
      cairo_scale (cr, module / k, module / k);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_rectangle (cr, 0, 0, side, side);
      cairo_fill (cr);
      cairo_surface_destroy (image);
    }
  cairo_restore (cr);

  QRcode_free (qr);
}

static void
draw_invoice_text (cairo_t *cr)
{
  static const char *const lines[] = {
    "Stadtwerke Musterstadt GmbH - Hauptstr. 1 - 12345 Musterstadt",
    "Herrn Max Mustermann, Beispielweg 5, 54321 Beispielstadt",
    "Rechnung Nr. 2024-0815",
    "Kundennummer 4711      Datum 15.05.2024",
    "Strom Abschlag Mai 2024                       281,93 EUR",
    "Umsatzsteuer 19 %                              53,57 EUR",
    "Rechnungsbetrag                               335,50 EUR",
    "Bitte ueberweisen Sie den Betrag bis zum 31.05.2024 auf unser Konto.",
    "Oder scannen Sie den GiroCode mit Ihrer Banking-App.",
  };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_move_to (cr, 60, 80 + i * 24);
      cairo_show_text (cr, lines[i]);
    }
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  const char *data;
  gsize length;
  double x, y, size;
  DrawStyle style;
  gboolean with_text;
  gboolean dark_background; /* a photo-like dark area over most of the page */
} Page;

/* A one-page A4 PDF with a code and perhaps the text of an invoice. */
static GBytes *
make_pdf (const Page *page)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface =
    cairo_pdf_surface_create_for_stream (append_bytes, bytes, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  if (page->dark_background)
    {
      cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, A4_WIDTH, A4_HEIGHT);

      cairo_pattern_add_color_stop_rgb (gradient, 0, 0.2, 0.3, 0.4);
      cairo_pattern_add_color_stop_rgb (gradient, 1, 0.5, 0.4, 0.3);
      cairo_set_source (cr, gradient);
      cairo_rectangle (cr, 0, 200, A4_WIDTH, 600);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      /* The code on a white card, as printed on a poster. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, page->x - 15, page->y - 15, page->size + 30, page->size + 30);
      cairo_fill (cr);
    }
  if (page->with_text)
    draw_invoice_text (cr);
  if (page->data != NULL)
    draw_qr (cr, page->data, page->length, page->x, page->y, page->size, page->style);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* A white PNG of @width × @height pixels with the code at @x, @y, @size pixels wide. */
static GBytes *
make_png (const char *data, gsize length, int width, int height, double x, double y, double size)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  draw_qr (cr, data, length, x, y, size, DRAW_VECTOR);
  cairo_destroy (cr);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, bytes), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static char *
girocode (void)
{
  g_autoptr (RemitEpcPayload) payload = remit_epc_payload_new ();
  g_autoptr (GError) error = NULL;
  char *text;

  payload->name = g_strdup (RECIPIENT);
  payload->iban = g_strdup (IBAN);
  payload->bic = g_strdup (BIC);
  payload->has_amount = TRUE;
  remit_amount_init (&payload->amount, 33550, "EUR");
  payload->text = g_strdup (PURPOSE);

  text = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  return text;
}

/* Checks */

static const char *
value_of (RemitEngineResult *result, const char *label)
{
  return remit_extraction_set_get_value (remit_engine_result_get_extractions (result), label);
}

static void
assert_box_near (const RemitBox *box,
                 int page,
                 double left,
                 double top,
                 double size,
                 double tolerance)
{
  g_assert_nonnull (box);
  g_assert_cmpint (box->page, ==, page);
  g_assert_cmpfloat_with_epsilon (box->left, left, tolerance);
  g_assert_cmpfloat_with_epsilon (box->top, top, tolerance);
  g_assert_cmpfloat_with_epsilon (box->width, size, 2 * tolerance);
  g_assert_cmpfloat_with_epsilon (box->height, size, 2 * tolerance);
}

/* The five values of the GiroCode above, each with the code's box. */
static void
assert_girocode_values (RemitEngineResult *result,
                        double left,
                        double top,
                        double size,
                        double tolerance)
{
  static const char *const labels[] = {
    "iban", "bic", "amountToPay", "paymentRecipient", "paymentPurpose",
  };
  RemitExtractionSet *set = remit_engine_result_get_extractions (result);
  GPtrArray *ibans;

  g_assert_cmpstr (value_of (result, "iban"), ==, IBAN);
  g_assert_cmpstr (value_of (result, "bic"), ==, BIC);
  g_assert_cmpstr (value_of (result, "amountToPay"), ==, "335.50:EUR");
  g_assert_cmpstr (value_of (result, "paymentRecipient"), ==, RECIPIENT);
  g_assert_cmpstr (value_of (result, "paymentPurpose"), ==, PURPOSE);
  g_assert_null (value_of (result, "paymentReference"));
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "qr");

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      RemitExtraction *extraction = remit_extraction_set_get_extraction (set, labels[i]);

      assert_box_near (remit_extraction_get_box (extraction), 1, left, top, size, tolerance);
    }

  g_assert_cmpstr (remit_extraction_get_entity (remit_extraction_set_get_extraction (set, "iban")),
                   ==, "iban");
  g_assert_cmpstr (
    remit_extraction_get_entity (remit_extraction_set_get_extraction (set, "amountToPay")), ==,
    "amount");
  ibans = remit_extraction_set_get_candidate_list (set, "ibans");
  g_assert_nonnull (ibans);
  g_assert_cmpuint (ibans->len, >=, 1);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (ibans, 0)), ==, IBAN);
}

/* Tests */

static void
test_girocode_pdf_only (void)
{
  g_autofree char *payload = girocode ();
  Page page = { payload, strlen (payload), 400, 600, 3 * CM, DRAW_VECTOR, FALSE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);
  g_autoptr (RemitEngineResult) unread = extract (pdf, REMIT_ENGINE_FLAGS_NO_OCR);
  const double px = 300.0 / 72;
  const RemitLayoutPage *layout_page;

  /* Without a text layer the page is read as a scan at 300 dpi: the layout and the box are
   * in pixels of that rendering. */
  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "SCANNED");
  layout_page = remit_layout_get_page (remit_engine_result_get_layout (result), 0);
  g_assert_cmpfloat (remit_layout_page_get_width (layout_page), ==, 2480);
  /* 842 points at 300 dpi are 3508.3 pixels: the last row is kept. */
  g_assert_cmpfloat (remit_layout_page_get_height (layout_page), ==, 3509);
  assert_girocode_values (result, 400 * px, 600 * px, 3 * CM * px, 2 * px);
  g_assert_cmpstr (value_of (result, "docType"), ==, "PaymentQRCode");

  /* Not read as a scan, it stays in points. */
  layout_page = remit_layout_get_page (remit_engine_result_get_layout (unread), 0);
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_width (layout_page), A4_WIDTH, 0.01);
  assert_girocode_values (unread, 400, 600, 3 * CM, 2);
  g_assert_cmpstr (value_of (unread, "docType"), ==, "PaymentQRCode");
}

static void
test_girocode_pdf_with_text (void)
{
  g_autofree char *payload = girocode ();
  Page page = { payload, strlen (payload), 430, 700, 2.5 * CM, DRAW_VECTOR, TRUE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);

  assert_girocode_values (result, 430, 700, 2.5 * CM, 2);
  /* An invoice with a code is still an invoice. */
  g_assert_cmpstr (value_of (result, "docType"), !=, "PaymentQRCode");
  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "NATIVE");
}

/* A code embedded as a tiny image (one pixel per module) is smoothed when the page is
 * rendered; it is read from the image itself. */
static void
test_girocode_pdf_image (void)
{
  g_autofree char *payload = girocode ();
  Page page = { payload, strlen (payload), 100, 500, 2.5 * CM, DRAW_IMAGE_1PX, TRUE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NONE);

  assert_girocode_values (result, 100, 500, 2.5 * CM, 2);
}

static void
test_girocode_png (void)
{
  g_autofree char *payload = girocode ();
  /* Six pixels per module: 45 modules for this payload. */
  g_autoptr (GBytes) png = make_png (payload, strlen (payload), 900, 1100, 300, 420, 270);
  g_autoptr (RemitEngineResult) with_ocr = extract (png, REMIT_ENGINE_FLAGS_NONE);
  g_autoptr (RemitEngineResult) without_ocr = extract (png, REMIT_ENGINE_FLAGS_NO_OCR);
  const RemitLayoutPage *layout_page;

  /* The layout and the box are in pixels. */
  layout_page = remit_layout_get_page (remit_engine_result_get_layout (with_ocr), 0);
  g_assert_cmpfloat (remit_layout_page_get_width (layout_page), ==, 900);
  g_assert_cmpfloat (remit_layout_page_get_height (layout_page), ==, 1100);

  assert_girocode_values (with_ocr, 300, 420, 270, 6);
  g_assert_cmpstr (value_of (with_ocr, "docType"), ==, "PaymentQRCode");
  assert_girocode_values (without_ocr, 300, 420, 270, 6);
  g_assert_cmpstr (value_of (without_ocr, "docType"), ==, "PaymentQRCode");
  g_assert_cmpstr (remit_engine_result_get_source_classification (with_ocr), ==, "SCANNED");
}

/* TIFF, as scanners write it, is read like PNG. */
static void
test_girocode_tiff (void)
{
  g_autofree char *payload = girocode ();
  g_autoptr (GBytes) png = make_png (payload, strlen (payload), 700, 500, 380, 120, 270);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr (GBytes) tiff = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "tiff", NULL, NULL));
  tiff = g_bytes_new_take (buffer, size);
  result = extract (tiff, REMIT_ENGINE_FLAGS_NO_OCR);

  g_assert_cmpint (remit_engine_result_get_input_type (result), ==, REMIT_INPUT_TIFF);
  assert_girocode_values (result, 380, 120, 270, 6);
}

/* A GiroCode in ISO 8859-1 is read as such, not as UTF-8. */
static void
test_girocode_latin1 (void)
{
  static const char payload[] = "BCD\n002\n2\nSCT\n\nM\xfcller & S\xf6hne\n" IBAN "\nEUR12.30\n\n\n"
                                "Gr\xfc\xdf" "e";
  g_autoptr (GBytes) png = make_png (payload, sizeof payload - 1, 500, 500, 100, 100, 246);
  g_autoptr (RemitEngineResult) result = extract (png, REMIT_ENGINE_FLAGS_NO_OCR);

  g_assert_cmpstr (value_of (result, "paymentRecipient"), ==, "Müller & Söhne");
  g_assert_cmpstr (value_of (result, "paymentPurpose"), ==, "Grüße");
  g_assert_cmpstr (value_of (result, "amountToPay"), ==, "12.30:EUR");
  g_assert_null (value_of (result, "bic"));
}

static void
test_bezahlcode (void)
{
  static const char uri[] = "bank://singlepaymentsepa?name=Hausverwaltung%20K%C3%B6hler"
                            "&reason=Nebenkosten%202023&iban=DE89370400440532013000"
                            "&bic=COBADEFFXXX&amount=1234,56";
  Page page = { uri, strlen (uri), 72, 72, 4 * CM, DRAW_VECTOR, FALSE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (GBytes) png = make_png (uri, strlen (uri), 600, 600, 50, 50, 400);
  GBytes *documents[] = { pdf, png };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (RemitEngineResult) result = extract (documents[i], REMIT_ENGINE_FLAGS_NO_OCR);
      RemitExtractionSet *set = remit_engine_result_get_extractions (result);

      g_assert_cmpstr (value_of (result, "iban"), ==, "DE89370400440532013000");
      g_assert_cmpstr (value_of (result, "bic"), ==, "COBADEFFXXX");
      g_assert_cmpstr (value_of (result, "amountToPay"), ==, "1234.56:EUR");
      g_assert_cmpstr (value_of (result, "paymentRecipient"), ==, "Hausverwaltung Köhler");
      g_assert_cmpstr (value_of (result, "paymentPurpose"), ==, "Nebenkosten 2023");
      g_assert_cmpstr (value_of (result, "docType"), ==, "PaymentQRCode");
      const RemitBox *box =
        remit_extraction_get_box (remit_extraction_set_get_extraction (set, "iban"));

      if (i == 0)
        assert_box_near (box, 1, 72, 72, 4 * CM, 2);
      else
        assert_box_near (box, 1, 50, 50, 400, 8);
    }
}

/* GiroCodes from 2 to 4 cm, short and as long as allowed, drawn as vectors or embedded as
 * images, beside the text of an invoice: each is found where it was drawn. */
static void
test_girocode_pdf_sizes (void)
{
  static const double sizes[] = { 2.0, 2.5, 3.0, 4.0 };
  static const DrawStyle styles[] = { DRAW_VECTOR, DRAW_IMAGE_4PX, DRAW_IMAGE_1PX };
  g_autoptr (RemitEpcPayload) payload = remit_epc_payload_new ();
  g_autofree char *short_code = NULL;
  g_autofree char *long_code = NULL;

  payload->name = g_strdup ("Dr. Maximiliane Mustermann-Schönberg Zahnärztliche Praxis GbR");
  payload->iban = g_strdup (IBAN);
  payload->bic = g_strdup (BIC);
  payload->has_amount = TRUE;
  remit_amount_init (&payload->amount, 123456789, "EUR");
  payload->text = g_strnfill (140, 'x');
  payload->information = g_strdup ("Vielen Dank für Ihren Besuch in unserer Praxis in Fürth!");
  long_code = remit_epc_payload_build (payload, NULL);
  g_assert_nonnull (long_code);
  g_assert_cmpuint (strlen (long_code), >, 300);
  short_code = girocode ();

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (gsize t = 0; t < G_N_ELEMENTS (styles); t++)
      for (int l = 0; l < 2; l++)
        {
          const char *code = l == 0 ? short_code : long_code;
          Page page = { code, strlen (code), 380, 560, sizes[s] * CM, styles[t], TRUE };
          g_autoptr (GBytes) pdf = make_pdf (&page);
          g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NO_OCR);
          RemitExtraction *iban =
            remit_extraction_set_get_extraction (remit_engine_result_get_extractions (result),
                                                 "iban");

          g_test_message ("%.1f cm, style %d, %zu bytes", sizes[s], styles[t], strlen (code));
          g_assert_nonnull (iban);
          g_assert_cmpstr (remit_extraction_get_value (iban), ==, IBAN);
          assert_box_near (remit_extraction_get_box (iban), 1, 380, 560, sizes[s] * CM, 2);
        }
}

/* A page mostly covered by a dark picture is scanned whole. */
static void
test_girocode_pdf_dark_page (void)
{
  g_autofree char *payload = girocode ();
  Page page = { payload, strlen (payload), 250, 400, 3 * CM, DRAW_VECTOR, TRUE, TRUE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NO_OCR);

  assert_girocode_values (result, 250, 400, 3 * CM, 2);
}

/* Codes that are not payments, or payments that break their rules, give nothing. */
static void
test_ignored_codes (void)
{
  static const char *const payloads[] = {
    "https://example.org/rechnung/4711",
    /* The IBAN's check digits are wrong. */
    "BCD\n002\n1\nSCT\n\nStadtwerke\nDE03120300000000202051\nEUR10.00",
    /* Not a transfer. */
    "BCD\n002\n1\nINST\n\nStadtwerke\n" IBAN "\nEUR10.00",
    "bank://singlepaymentsepa?name=A&iban=DE89370400440532013001&amount=1",
    "bank://contact?name=Stadtwerke",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      Page page = { payloads[i], strlen (payloads[i]), 100, 100, 4 * CM, DRAW_VECTOR, FALSE };
      g_autoptr (GBytes) pdf = make_pdf (&page);
      g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NO_OCR);

      g_assert_null (value_of (result, "iban"));
      g_assert_null (value_of (result, "amountToPay"));
      g_assert_null (value_of (result, "docType"));
      g_assert_cmpstr (remit_engine_result_get_method (result), !=, "qr");
    }
}

static void
test_no_qr_flag (void)
{
  g_autofree char *payload = girocode ();
  Page page = { payload, strlen (payload), 400, 600, 3 * CM, DRAW_VECTOR, FALSE };
  g_autoptr (GBytes) pdf = make_pdf (&page);
  g_autoptr (RemitEngineResult) result = extract (pdf, REMIT_ENGINE_FLAGS_NO_QR);
  g_autoptr (RemitEngineResult) plain = NULL;

  g_assert_null (value_of (result, "iban"));
  g_assert_null (value_of (result, "docType"));
  /* The page has no text layer: it is read as a scan. */
  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "ocr");

  plain = extract (pdf, REMIT_ENGINE_FLAGS_NO_QR | REMIT_ENGINE_FLAGS_NO_OCR);
  g_assert_null (value_of (plain, "iban"));
  g_assert_cmpstr (remit_engine_result_get_method (plain), ==, "layout");
}

/* The scanner on its own: where a code is, in pixels, and what it holds. */
static void
test_scan_raster (void)
{
  g_autofree char *payload = girocode ();
  g_autoptr (GBytes) png = make_png (payload, strlen (payload), 640, 480, 200, 100, 225);
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  g_autoptr (RemitRaster) raster = remit_raster_new_from_pixbuf (pixbuf, NULL);
  g_autoptr (RemitQrScanner) scanner = remit_qr_scanner_new ();
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();
  RemitQrCode *code;
  gsize length = 0;
  const char *data;

  g_assert_nonnull (raster);
  g_assert_cmpuint (remit_qr_scanner_scan_raster (scanner, raster, 3, codes), ==, 1);
  code = g_ptr_array_index (codes, 0);
  g_assert_cmpint (code->kind, ==, REMIT_QR_KIND_GIROCODE);
  assert_box_near (&code->box, 3, 200, 100, 225, 5);
  data = g_bytes_get_data (code->data, &length);
  g_assert_cmpmem (data, length, payload, strlen (payload));
  g_assert_cmpstr (code->name, ==, RECIPIENT);
  g_assert_true (code->has_amount);
  g_assert_cmpint (code->amount.minor, ==, 33550);

  /* A blank raster has none. */
  memset (raster->pixels, 255, (gsize) raster->stride * raster->height);
  g_assert_cmpuint (remit_qr_scanner_scan_raster (scanner, raster, 1, codes), ==, 0);
  g_assert_cmpuint (codes->len, ==, 1);
}

static RemitQrCode *
code_at (const char *payload, double left, double top, double size)
{
  RemitBox box = { 1, left, top, size, size };

  return remit_qr_code_new ((const guint8 *) payload, strlen (payload), &box);
}

/* The merge on its own, against what heuristics might have found. */
static void
test_merge (void)
{
  static const char found_json[] =
    "{\"extractions\":{"
    "\"iban\":{\"entity\":\"iban\",\"value\":\"DE89370400440532013000\",\"candidates\":\"ibans\","
    "\"box\":{\"page\":1,\"left\":60,\"top\":700,\"width\":150,\"height\":10}},"
    "\"amountToPay\":{\"entity\":\"amount\",\"value\":\"281.93:EUR\",\"candidates\":\"amounts\"},"
    "\"paymentPurpose\":{\"entity\":\"text\",\"value\":\"Rechnung 2024-0815\","
    "\"candidates\":\"referenceIds\"},"
    "\"docType\":{\"entity\":\"doctype\",\"value\":\"Invoice\"},"
    "\"senderName\":{\"entity\":\"companyname\",\"value\":\"Stadtwerke\"}},"
    "\"candidates\":{"
    "\"ibans\":[{\"entity\":\"iban\",\"value\":\"DE89370400440532013000\"},"
    "{\"entity\":\"iban\",\"value\":\"DE02 1203 0000 0000 2020 51\"}],"
    "\"amounts\":[{\"entity\":\"amount\",\"value\":\"281.93:EUR\"},"
    "{\"entity\":\"amount\",\"value\":\"335.50:EUR\"}],"
    "\"referenceIds\":[{\"entity\":\"reference\",\"value\":\"2024-0815\"}]}}";
  g_autofree char *payload = girocode ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtractionSet) found =
    remit_extraction_set_new_from_string (found_json, -1, &error);
  g_autoptr (RemitExtractionSet) merged = NULL;
  g_autoptr (RemitExtractionSet) unchanged = NULL;
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();
  RemitExtraction *extraction;
  GPtrArray *list;
  RemitBox word = { 1, 60, 80, 80, 10 };

  g_assert_no_error (error);

  /* A page with more words than a caption. */
  remit_layout_builder_add_page (builder, 1, A4_WIDTH, A4_HEIGHT);
  for (int i = 0; i < 12; i++)
    {
      word.top = 80 + 12 * i;
      remit_layout_builder_add_line (builder, NULL);
      remit_layout_builder_add_word (builder, &word, 10, NULL, FALSE, "Wort");
    }
  layout = remit_layout_builder_end (builder);

  /* Not a payment: nothing changes. */
  g_ptr_array_add (codes, code_at ("https://example.org", 10, 10, 50));
  unchanged = remit_qr_merge (found, codes, layout);
  g_assert_true (unchanged == found);

  /* A GiroCode, and a BezahlCode with a second IBAN and a creditor reference. */
  g_ptr_array_add (codes, code_at (payload, 400, 600, 85));
  g_ptr_array_add (codes, code_at ("bank://singlepaymentsepa?name=Stadtwerke&iban="
                                   "DE75512108001245126199&amount=335,50",
                                   400, 100, 85));
  merged = remit_qr_merge (found, codes, layout);

  /* The first payment code's values replace the found ones, with its box. */
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "iban"), ==, IBAN);
  extraction = remit_extraction_set_get_extraction (merged, "iban");
  g_assert_cmpfloat (remit_extraction_get_box (extraction)->top, ==, 600);
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 1.0);
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "amountToPay"), ==, "335.50:EUR");
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "bic"), ==, BIC);
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "paymentRecipient"), ==, RECIPIENT);
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "paymentPurpose"), ==, PURPOSE);
  /* What the codes do not say stays. */
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "docType"), ==, "Invoice");
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "senderName"), ==, "Stadtwerke");
  /* The purpose keeps the candidate list the heuristics named for it. */
  extraction = remit_extraction_set_get_extraction (merged, "paymentPurpose");
  g_assert_cmpstr (remit_extraction_get_candidates (extraction), ==, "referenceIds");

  /* Candidates: the codes' values first, then the heuristics' other values. */
  list = remit_extraction_set_get_candidate_list (merged, "ibans");
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 0)), ==, IBAN);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 1)), ==,
                   "DE75512108001245126199");
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 2)), ==,
                   "DE89370400440532013000");

  list = remit_extraction_set_get_candidate_list (merged, "amounts");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 0)), ==, "335.50:EUR");
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 1)), ==, "281.93:EUR");

  list = remit_extraction_set_get_candidate_list (merged, "paymentRecipients");
  g_assert_cmpuint (list->len, ==, 2);

  list = remit_extraction_set_get_candidate_list (merged, "referenceIds");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 0)), ==, PURPOSE);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (list, 1)), ==, "2024-0815");
}

/* A creditor reference is the payment reference; a page with few words besides the codes
 * is a PaymentQRCode document. */
static void
test_merge_reference_and_doc_type (void)
{
  g_autoptr (RemitEpcPayload) payload = remit_epc_payload_new ();
  g_autoptr (RemitExtractionSet) found = remit_extraction_set_new ();
  g_autoptr (RemitExtractionSet) merged = NULL;
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();
  g_autofree char *text = NULL;
  RemitBox caption = { 1, 100, 200, 80, 10 };
  RemitBox on_code = { 1, 110, 110, 20, 10 };

  payload->name = g_strdup ("Anna Schmidt");
  payload->iban = g_strdup (IBAN);
  payload->reference = g_strdup ("RF18539007547034");
  text = remit_epc_payload_build (payload, NULL);
  g_assert_nonnull (text);

  remit_layout_builder_add_page (builder, 1, 300, 300);
  for (int i = 0; i < REMIT_QR_ONLY_MAX_WORDS; i++)
    remit_layout_builder_add_word (builder, &caption, 10, NULL, FALSE, "GiroCode");
  for (int i = 0; i < 20; i++)
    remit_layout_builder_add_word (builder, &on_code, 10, NULL, FALSE, "noise");
  layout = remit_layout_builder_end (builder);

  g_ptr_array_add (codes, code_at (text, 100, 100, 90));
  merged = remit_qr_merge (found, codes, layout);

  g_assert_cmpstr (remit_extraction_set_get_value (merged, "paymentReference"), ==,
                   "RF18539007547034");
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "paymentPurpose"), ==,
                   "RF18539007547034");
  g_assert_null (remit_extraction_set_get_value (merged, "amountToPay"));
  g_assert_null (remit_extraction_set_get_value (merged, "bic"));
  g_assert_null (remit_extraction_set_get_candidate_list (merged, "amounts"));
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "docType"), ==, "PaymentQRCode");

  /* One more word outside the code and it is a document with a code. */
  g_clear_object (&merged);
  remit_layout_builder_add_page (builder, 1, 300, 300);
  for (int i = 0; i <= REMIT_QR_ONLY_MAX_WORDS; i++)
    remit_layout_builder_add_word (builder, &caption, 10, NULL, FALSE, "GiroCode");
  g_clear_pointer (&layout, remit_layout_unref);
  layout = remit_layout_builder_end (builder);
  merged = remit_qr_merge (found, codes, layout);
  g_assert_cmpstr (remit_extraction_set_get_value (merged, "iban"), ==, IBAN);
  g_assert_null (remit_extraction_set_get_value (merged, "docType"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/girocode/pdf-only", test_girocode_pdf_only);
  g_test_add_func ("/qr/girocode/pdf-with-text", test_girocode_pdf_with_text);
  g_test_add_func ("/qr/girocode/pdf-image", test_girocode_pdf_image);
  g_test_add_func ("/qr/girocode/pdf-sizes", test_girocode_pdf_sizes);
  g_test_add_func ("/qr/girocode/pdf-dark-page", test_girocode_pdf_dark_page);
  g_test_add_func ("/qr/girocode/png", test_girocode_png);
  g_test_add_func ("/qr/girocode/tiff", test_girocode_tiff);
  g_test_add_func ("/qr/girocode/latin1", test_girocode_latin1);
  g_test_add_func ("/qr/bezahlcode", test_bezahlcode);
  g_test_add_func ("/qr/ignored", test_ignored_codes);
  g_test_add_func ("/qr/no-qr-flag", test_no_qr_flag);
  g_test_add_func ("/qr/scan-raster", test_scan_raster);
  g_test_add_func ("/qr/merge", test_merge);
  g_test_add_func ("/qr/merge-reference-and-doc-type", test_merge_reference_and_doc_type);

  return g_test_run ();
}
