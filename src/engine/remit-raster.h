/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "remit-box.h"

G_BEGIN_DECLS

/* The largest image the engine decodes or renders, in pixels: a 300 dpi scan of an A3
 * page has 17.4 million, a photo from a phone 12 to 50 million. */
#define REMIT_RASTER_MAX_PIXELS (50 * 1000 * 1000)

/**
 * RemitRaster:
 * @pixels: the gray values, 0 black to 255 white, row after row
 * @width: the width in pixels
 * @height: the height in pixels
 * @stride: the distance between rows in bytes, a multiple of 4; the bytes after @width in
 *   each row are white
 *
 * An 8-bit grayscale image, the form in which pages are scanned for QR codes and read by
 * the text recognition.
 */
typedef struct
{
  guint8 *pixels;
  guint width;
  guint height;
  guint stride;
} RemitRaster;

RemitRaster *remit_raster_new (guint width, guint height, GError **error);
void remit_raster_free (RemitRaster *raster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitRaster, remit_raster_free)

RemitRaster *remit_raster_new_from_pixbuf (GdkPixbuf *pixbuf, GError **error);
RemitRaster *remit_raster_new_from_surface (cairo_surface_t *surface, GError **error);
RemitRaster *remit_raster_new_from_pdf_region (PopplerPage *page,
                                               const RemitBox *region,
                                               double dpi,
                                               guint max_pixels,
                                               double *scale,
                                               GError **error);
RemitRaster *remit_raster_new_from_pdf_page (PopplerPage *page,
                                             double dpi,
                                             guint max_pixels,
                                             double *scale,
                                             GError **error);
RemitRaster *remit_raster_scale (const RemitRaster *raster, double factor, GError **error);
RemitRaster *remit_raster_scale_nearest (const RemitRaster *raster, guint factor, GError **error);
void remit_raster_fill_box (RemitRaster *raster, const RemitBox *box, guint8 value);

G_END_DECLS
