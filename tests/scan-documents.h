/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Scans and photos of a German invoice, drawn with cairo and pango so that every word and
 * where it stands is known: shared by the text recognition tests and the benchmark. */

#include <math.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>

#define SCAN_IBAN_TEXT "DE02 1203 0000 0000 2020 51"
#define SCAN_AMOUNT    "335,50"

/* One line of the invoice: its text, where it starts (millimetres from the top left of an
 * A4 page), its size in points and weight; right-aligned text ends at @x_mm. */
typedef struct
{
  const char *text;
  double x_mm;
  double y_mm;
  double size;
  gboolean bold;
  gboolean right;
} ScanLine;

static const ScanLine scan_invoice[] = {
  { "Stadtwerke Musterstadt GmbH", 20, 18, 16, TRUE, FALSE },
  { "Hauptstraße 1 · 12345 Musterstadt · Telefon 0123 456789", 20, 27, 9, FALSE, FALSE },
  { "Herrn", 20, 50, 11, FALSE, FALSE },
  { "Max Mustermann", 20, 56, 11, FALSE, FALSE },
  { "Beispielweg 5", 20, 62, 11, FALSE, FALSE },
  { "54321 Beispielstadt", 20, 68, 11, FALSE, FALSE },
  { "Rechnung", 20, 95, 16, TRUE, FALSE },
  { "Rechnungsnummer: 2024-0815", 20, 106, 11, FALSE, FALSE },
  { "Kundennummer: 4711", 20, 112, 11, FALSE, FALSE },
  { "Datum: 15.05.2024", 140, 106, 11, FALSE, FALSE },
  { "Leistung", 20, 130, 11, TRUE, FALSE },
  { "Betrag", 190, 130, 11, TRUE, TRUE },
  { "Strom Abschlag Mai 2024", 20, 138, 11, FALSE, FALSE },
  { "281,93 EUR", 190, 138, 11, FALSE, TRUE },
  { "Umsatzsteuer 19 %", 20, 145, 11, FALSE, FALSE },
  { "53,57 EUR", 190, 145, 11, FALSE, TRUE },
  { "Rechnungsbetrag", 20, 155, 11, TRUE, FALSE },
  { SCAN_AMOUNT " EUR", 190, 155, 11, TRUE, TRUE },
  { "Bitte überweisen Sie den Rechnungsbetrag bis zum 31.05.2024 auf unser Konto.", 20, 175,
    11, FALSE, FALSE },
  { "Kontoinhaber: Stadtwerke Musterstadt GmbH", 20, 185, 11, FALSE, FALSE },
  { "IBAN:", 20, 191, 11, FALSE, FALSE },
  { SCAN_IBAN_TEXT, 40, 191, 11, FALSE, FALSE },
  { "BIC: BYLADEM1001", 20, 197, 11, FALSE, FALSE },
  { "Vielen Dank für Ihren Auftrag.", 20, 215, 11, FALSE, FALSE },
};

/* Where @line was drawn on a page rendered at @dpi, in pixels. */
G_GNUC_UNUSED static void
scan_line_extents (const ScanLine *line,
                   double dpi,
                   double *x,
                   double *y,
                   double *width,
                   double *height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans");
  PangoRectangle ink;
  double scale = dpi / 25.4;
  double origin;

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, line->size * PANGO_SCALE);
  pango_font_description_set_weight (font, line->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, line->text, -1);
  pango_layout_get_extents (layout, &ink, NULL);

  origin = line->right ? line->x_mm * 72 / 25.4 - (double) (ink.x + ink.width) / PANGO_SCALE
                       : line->x_mm * 72 / 25.4;
  *x = (origin + (double) ink.x / PANGO_SCALE) * dpi / 72;
  *y = line->y_mm * scale + (double) ink.y / PANGO_SCALE * dpi / 72;
  *width = (double) ink.width / PANGO_SCALE * dpi / 72;
  *height = (double) ink.height / PANGO_SCALE * dpi / 72;

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Draws the invoice on @cr, whose unit is the point, in @gray (0 black to 1 white). */
G_GNUC_UNUSED static void
scan_draw_invoice (cairo_t *cr, double gray)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cairo_set_source_rgb (cr, gray, gray, gray);

  for (gsize i = 0; i < G_N_ELEMENTS (scan_invoice); i++)
    {
      const ScanLine *line = &scan_invoice[i];
      PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans");
      PangoRectangle ink;
      double x = line->x_mm * 72 / 25.4;

      pango_font_description_set_size (font, line->size * PANGO_SCALE);
      pango_font_description_set_weight (font,
                                         line->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, line->text, -1);
      if (line->right)
        {
          pango_layout_get_extents (layout, &ink, NULL);
          x -= (double) (ink.x + ink.width) / PANGO_SCALE;
        }
      cairo_move_to (cr, x, line->y_mm * 72 / 25.4);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
    }

  g_object_unref (layout);
}

/* The invoice as a clean A4 scan at @dpi, in 24-bit color. */
G_GNUC_UNUSED static cairo_surface_t *
scan_render (double dpi)
{
  int width = (int) ceil (210 / 25.4 * dpi - 0.01);
  int height = (int) ceil (297 / 25.4 * dpi - 0.01);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72, dpi / 72);
  scan_draw_invoice (cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A photo of the invoice: uneven light from the top left to the bottom right, grey ink, and
 * noise of ±@noise levels from a fixed seed. */
G_GNUC_UNUSED static GdkPixbuf *
scan_photo (double dpi, int noise)
{
  cairo_surface_t *surface = scan_render (dpi);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *out = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  GRand *rand = g_rand_new_with_seed (4711);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = ((const guint32 *) (gconstpointer) (data + y * stride))[x];
        double ink = 1 - (pixel & 0xff) / 255.0;
        double light = 245 - 70.0 * (x + y) / (width + height);
        int value = (int) (light - ink * (light - 50)) + g_rand_int_range (rand, -noise, noise + 1);

        value = CLAMP (value, 0, 255);
        out[y * rowstride + 3 * x] = value;
        out[y * rowstride + 3 * x + 1] = CLAMP (value - 6, 0, 255);
        out[y * rowstride + 3 * x + 2] = CLAMP (value - 14, 0, 255);
      }

  g_rand_free (rand);
  cairo_surface_destroy (surface);
  return pixbuf;
}

G_GNUC_UNUSED static cairo_status_t
scan_append (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

G_GNUC_UNUSED static GBytes *
scan_png (cairo_surface_t *surface)
{
  GByteArray *bytes = g_byte_array_new ();

  cairo_surface_write_to_png_stream (surface, scan_append, bytes);
  return g_byte_array_free_to_bytes (bytes);
}

G_GNUC_UNUSED static GBytes *
scan_jpeg (GdkPixbuf *pixbuf, const char *quality)
{
  gchar *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", quality, NULL))
    g_error ("Cannot write a JPEG");
  return g_bytes_new_take (buffer, size);
}

/* A PDF of @n_pages A4 pages, each the scan @image over the whole page; with @text_layer
 * the invoice's text is also written on top, as recognition software does. */
G_GNUC_UNUSED static GBytes *
scan_pdf (cairo_surface_t *image, guint n_pages, gboolean text_layer)
{
  GByteArray *bytes = g_byte_array_new ();
  double width = 210 / 25.4 * 72;
  double height = 297 / 25.4 * 72;
  cairo_surface_t *surface =
    cairo_pdf_surface_create_for_stream (scan_append, bytes, width, height);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      cairo_save (cr);
      cairo_scale (cr, width / cairo_image_surface_get_width (image),
                   height / cairo_image_surface_get_height (image));
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      if (text_layer)
        scan_draw_invoice (cr, 0);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}
