/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-raster"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "remit-engine-error.h"
#include "remit-pixbuf-private.h"
#include "remit-raster.h"

/* ITU-R BT.601 luma in eighths of a percent: 77 + 150 + 29 = 256. */
static inline guint8
luma (guint r, guint g, guint b)
{
  return (guint8) ((r * 77 + g * 150 + b * 29) >> 8);
}

static gboolean
check_size (guint64 width, guint64 height, guint64 max_pixels, GError **error)
{
  if (width == 0 || height == 0)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                           _("The image has no pixels."));
      return FALSE;
    }

  if (width * height > max_pixels || width > G_MAXINT16 || height > G_MAXINT16)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The image has %d × %d pixels; Remit reads images of up to %d megapixels. "
                     "Save it at a smaller size and add it again."),
                   (int) MIN (width, G_MAXINT), (int) MIN (height, G_MAXINT),
                   (int) MIN (max_pixels / 1000000, G_MAXINT));
      return FALSE;
    }

  return TRUE;
}

/**
 * remit_raster_new:
 * @width: the width, at least 1
 * @height: the height, at least 1
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a white raster, or %NULL with
 *   %REMIT_ENGINE_ERROR_TOO_LARGE when it would have more than
 *   %REMIT_RASTER_MAX_PIXELS pixels or the memory for it cannot be had
 */
RemitRaster *
remit_raster_new (guint width, guint height, GError **error)
{
  g_autofree RemitRaster *raster = NULL;

  if (!check_size (width, height, REMIT_RASTER_MAX_PIXELS, error))
    return NULL;

  raster = g_new0 (RemitRaster, 1);
  raster->width = width;
  raster->height = height;
  raster->stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, width);
  raster->pixels = g_try_malloc ((gsize) raster->stride * height);
  if (raster->pixels == NULL)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                           _("There is not enough memory to read the image."));
      return NULL;
    }
  memset (raster->pixels, 255, (gsize) raster->stride * height);

  return g_steal_pointer (&raster);
}

void
remit_raster_free (RemitRaster *raster)
{
  if (raster == NULL)
    return;

  g_free (raster->pixels);
  g_free (raster);
}

/**
 * remit_raster_new_from_pixbuf:
 * @pixbuf: an 8-bit RGB or RGBA image
 * @error: return location for an error
 *
 * Converts @pixbuf to gray; transparent parts become white, as on paper.
 *
 * Returns: (transfer full) (nullable): the raster
 */
RemitRaster *
remit_raster_new_from_pixbuf (GdkPixbuf *pixbuf, GError **error)
{
  RemitRaster *raster;
  const guint8 *pixels;
  int n_channels, rowstride;
  gboolean alpha;

  /* The caller has a pixbuf, so gdk-pixbuf is in the process; the table may not be filled
   * yet. */
  if (!remit_pixbuf_load (error))
    return NULL;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);

  raster = remit_raster_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), error);
  if (raster == NULL)
    return NULL;

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);

  for (guint y = 0; y < raster->height; y++)
    {
      const guint8 *in = pixels + (gsize) y * rowstride;
      guint8 *out = raster->pixels + (gsize) y * raster->stride;

      for (guint x = 0; x < raster->width; x++, in += n_channels)
        {
          guint value = n_channels >= 3 ? luma (in[0], in[1], in[2]) : in[0];

          if (alpha)
            value = (value * in[n_channels - 1] + 255 * (255 - in[n_channels - 1])) / 255;
          out[x] = (guint8) value;
        }
    }

  return raster;
}

/* Converts rows of cairo's native-endian 0xAARRGGBB pixels to gray over white. */
static void
convert_argb_row (const guint32 *in, guint8 *out, guint width, gboolean alpha)
{
  if (!alpha)
    {
      /* Opaque (all pages are rendered so): a loop the compiler can vectorize. */
      for (guint x = 0; x < width; x++)
        out[x] = luma ((in[x] >> 16) & 0xff, (in[x] >> 8) & 0xff, in[x] & 0xff);
      return;
    }

  for (guint x = 0; x < width; x++)
    {
      guint32 p = in[x];
      guint a = p >> 24;
      /* Premultiplied: add the white that shows through. */
      guint value = luma ((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff) + (255 - a);

      out[x] = (guint8) MIN (value, 255);
    }
}

/**
 * remit_raster_new_from_surface:
 * @surface: a cairo image surface in RGB24, ARGB32 or A8 format
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the surface in gray, transparent parts white
 */
RemitRaster *
remit_raster_new_from_surface (cairo_surface_t *surface, GError **error)
{
  RemitRaster *raster;
  cairo_format_t format;
  const guint8 *data;
  int stride;

  g_return_val_if_fail (surface != NULL, NULL);

  cairo_surface_flush (surface);
  format = cairo_image_surface_get_format (surface);
  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_A8)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                           _("The image is stored in a form Remit cannot read."));
      return NULL;
    }

  raster = remit_raster_new (cairo_image_surface_get_width (surface),
                             cairo_image_surface_get_height (surface), error);
  if (raster == NULL)
    return NULL;

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < raster->height; y++)
    {
      const guint8 *in = data + (gsize) y * stride;
      guint8 *out = raster->pixels + (gsize) y * raster->stride;

      if (format == CAIRO_FORMAT_A8)
        {
          /* An image mask: ink where it is set. */
          for (guint x = 0; x < raster->width; x++)
            out[x] = 255 - in[x];
        }
      else
        convert_argb_row ((const guint32 *) (gconstpointer) in, out, raster->width,
                          format == CAIRO_FORMAT_ARGB32);
    }

  return raster;
}

/**
 * remit_raster_new_from_pdf_region:
 * @page: a page
 * @region: the part of the page to render, in points from its top left corner
 * @dpi: the resolution wanted
 * @max_pixels: the most pixels the raster may have; the resolution is lowered to fit
 * @scale: (out) (optional): pixels per PDF point of the result
 * @error: return location for an error
 *
 * Renders @region of @page on white paper and converts it to gray. The color image is
 * rendered in a buffer that is then converted in place, so the memory needed at once is
 * that of the color image only.
 *
 * Returns: (transfer full) (nullable): the raster; its pixel (0, 0) is the top left
 *   corner of @region
 */
RemitRaster *
remit_raster_new_from_pdf_region (PopplerPage *page,
                                  const RemitBox *region,
                                  double dpi,
                                  guint max_pixels,
                                  double *scale,
                                  GError **error)
{
  g_autofree RemitRaster *raster = NULL;
  g_autofree guint8 *buffer = NULL;
  double factor;
  guint width, height, rgb_stride;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (dpi > 0 && max_pixels > 0, NULL);

  if (!(region->width >= 1 && region->height >= 1 && region->width < 1e6
        && region->height < 1e6))
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                           _("A page of the PDF has no size."));
      return NULL;
    }

  factor = dpi / 72.0;
  if (region->width * factor * region->height * factor > max_pixels)
    factor = sqrt (max_pixels / (region->width * region->height));
  width = MAX (1, (guint) ceil (region->width * factor - 0.01));
  height = MAX (1, (guint) ceil (region->height * factor - 0.01));
  if (!check_size (width, height, MAX ((guint64) max_pixels, (guint64) width * height), error))
    return NULL;

  rgb_stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width);
  buffer = g_try_malloc ((gsize) rgb_stride * height);
  if (buffer == NULL)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                           _("There is not enough memory to read the page."));
      return NULL;
    }

  surface = cairo_image_surface_create_for_data (buffer, CAIRO_FORMAT_RGB24, width, height,
                                                 rgb_stride);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, factor, factor);
  cairo_translate (cr, -region->left, -region->top);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  /* Gray in place: each gray row starts no later than its color row, and within a row
   * every byte written lies before the color pixels still to be read. */
  raster = g_new0 (RemitRaster, 1);
  raster->width = width;
  raster->height = height;
  raster->stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, width);
  for (guint y = 0; y < height; y++)
    {
      guint8 *out = buffer + (gsize) y * raster->stride;

      convert_argb_row ((const guint32 *) (gconstpointer) (buffer + (gsize) y * rgb_stride), out,
                        width, FALSE);
      memset (out + width, 255, raster->stride - width);
    }
  raster->pixels = g_realloc (g_steal_pointer (&buffer), (gsize) raster->stride * height);

  if (scale != NULL)
    *scale = factor;

  return g_steal_pointer (&raster);
}

/**
 * remit_raster_new_from_pdf_page:
 * @page: a page
 * @dpi: the resolution wanted
 * @max_pixels: the most pixels the raster may have; the resolution is lowered to fit
 * @scale: (out) (optional): pixels per PDF point of the result
 * @error: return location for an error
 *
 * Renders all of @page, as remit_raster_new_from_pdf_region() does.
 *
 * Returns: (transfer full) (nullable): the raster
 */
RemitRaster *
remit_raster_new_from_pdf_page (PopplerPage *page,
                                double dpi,
                                guint max_pixels,
                                double *scale,
                                GError **error)
{
  RemitBox region = { 0 };

  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);

  poppler_page_get_size (page, &region.width, &region.height);
  return remit_raster_new_from_pdf_region (page, &region, dpi, max_pixels, scale, error);
}

static cairo_surface_t *
wrap (const RemitRaster *raster)
{
  return cairo_image_surface_create_for_data (raster->pixels, CAIRO_FORMAT_A8, raster->width,
                                              raster->height, raster->stride);
}

/**
 * remit_raster_scale:
 * @raster: a raster
 * @factor: how much larger the result is, greater than 0
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @raster resized smoothly (bilinear when enlarged,
 *   averaged when reduced)
 */
RemitRaster *
remit_raster_scale (const RemitRaster *raster, double factor, GError **error)
{
  RemitRaster *scaled;
  cairo_surface_t *source, *target;
  cairo_pattern_t *pattern;
  cairo_t *cr;

  g_return_val_if_fail (raster != NULL, NULL);
  g_return_val_if_fail (factor > 0, NULL);

  scaled = remit_raster_new (MAX (1, (guint) round (raster->width * factor)),
                             MAX (1, (guint) round (raster->height * factor)), error);
  if (scaled == NULL)
    return NULL;

  /* Gray values travel as cairo's alpha channel, which is filtered like any other. */
  source = wrap (raster);
  target = wrap (scaled);
  cr = cairo_create (target);
  cairo_scale (cr, (double) scaled->width / raster->width,
               (double) scaled->height / raster->height);
  pattern = cairo_pattern_create_for_surface (source);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_set_source (cr, pattern);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_finish (target);
  cairo_surface_destroy (target);
  cairo_surface_destroy (source);

  return scaled;
}

/**
 * remit_raster_scale_nearest:
 * @raster: a raster
 * @factor: how many pixels a pixel becomes in each direction, at least 1
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @raster enlarged with sharp edges, as a small
 *   picture of a QR code needs
 */
RemitRaster *
remit_raster_scale_nearest (const RemitRaster *raster, guint factor, GError **error)
{
  RemitRaster *scaled;

  g_return_val_if_fail (raster != NULL, NULL);
  g_return_val_if_fail (factor >= 1, NULL);

  scaled = remit_raster_new (raster->width * factor, raster->height * factor, error);
  if (scaled == NULL)
    return NULL;

  for (guint y = 0; y < scaled->height; y++)
    {
      const guint8 *in = raster->pixels + (gsize) (y / factor) * raster->stride;
      guint8 *out = scaled->pixels + (gsize) y * scaled->stride;

      for (guint x = 0; x < scaled->width; x++)
        out[x] = in[x / factor];
    }

  return scaled;
}

/* Paints @box (in pixels, clipped to the raster) with @value. */
void
remit_raster_fill_box (RemitRaster *raster, const RemitBox *box, guint8 value)
{
  double x1, y1, x2, y2;

  g_return_if_fail (raster != NULL);
  g_return_if_fail (box != NULL);

  x1 = CLAMP (floor (box->left), 0, raster->width);
  y1 = CLAMP (floor (box->top), 0, raster->height);
  x2 = CLAMP (ceil (box->left + box->width), 0, raster->width);
  y2 = CLAMP (ceil (box->top + box->height), 0, raster->height);

  for (guint y = (guint) y1; y < (guint) y2; y++)
    memset (raster->pixels + (gsize) y * raster->stride + (guint) x1, value, (guint) (x2 - x1));
}
