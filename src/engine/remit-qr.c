/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-qr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <zbar.h>

#include "remit-bezahlcode.h"
#include "remit-dynlib.h"
#include "remit-epc.h"
#include "remit-iban.h"
#include "remit-qr.h"

/* A page is rendered with at most this many pixels (an A3 page at 200 dpi has 7.8 M). */
#define PDF_MAX_PIXELS (16 * 1000 * 1000)

/* Rasters with no side longer than this are enlarged when nothing is found at first: a
 * screenshot of a code may draw a module with one or two pixels, too few for zbar. */
#define SMALL_RASTER_SIDE 1000

/* Finding the codes on a PDF page. Rendering a whole A4 page at 200 dpi and scanning it
 * costs about 90 ms of processor time, ten times what reading its text does. So the page
 * is first rendered at 36 dpi, where a code shows as a square of cells whose ink covers
 * about half of them, far more than text does; only those places are rendered again at
 * 300 dpi and scanned. (At 72 dpi the overview cost a third more for the same places.) A
 * page with much dark area (a photo, a colored background) is scanned whole. */
#define DETECT_DPI       36
#define CELL             4    /* pixels at DETECT_DPI: 2.8 mm */
#define DENSE_DARKNESS   0.3  /* mean darkness of a cell in a code is about 0.5 */
#define MIN_CELLS        3    /* a code of 1.2 cm has at least 3 × 3 dense cells */
#define REGION_DPI       300
#define MAX_REGION_SHARE 0.3

/* Images in a PDF that may be a code: roughly square and at least 1.2 cm wide. */
#define IMAGE_MIN_SIDE_PT 34.0
#define IMAGE_MAX_ASPECT 1.4

/* zbar (and the video, D-Bus and X libraries it brings) is opened when the first place
 * that may hold a code is scanned: most invoices have none, and linked it added a tenth to
 * the start-up of remit-cli. */
#define ZBAR_FUNCTIONS(X) \
  X (zbar_image_create) \
  X (zbar_image_destroy) \
  X (zbar_image_first_symbol) \
  X (zbar_image_scanner_create) \
  X (zbar_image_scanner_destroy) \
  X (zbar_image_scanner_set_config) \
  X (zbar_image_set_data) \
  X (zbar_image_set_format) \
  X (zbar_image_set_size) \
  X (zbar_scan_image) \
  X (zbar_symbol_get_data) \
  X (zbar_symbol_get_data_length) \
  X (zbar_symbol_get_loc_size) \
  X (zbar_symbol_get_loc_x) \
  X (zbar_symbol_get_loc_y) \
  X (zbar_symbol_get_type) \
  X (zbar_symbol_next)

static struct
{
  ZBAR_FUNCTIONS (REMIT_DYNLIB_DECLARE)
} zbar;

#define ZBAR_ENTRY(name) REMIT_DYNLIB_ENTRY (zbar, name)
static const RemitDynlibSymbol zbar_symbols[] = { ZBAR_FUNCTIONS (ZBAR_ENTRY) };
#undef ZBAR_ENTRY

static gboolean
zbar_load (void)
{
  static const char *const sonames[] = { "libzbar.so.0", "libzbar.so", NULL };
  static gsize once = 0;
  static gboolean available = FALSE;

  return remit_dynlib_load (&once, &available, sonames, zbar_symbols,
                            G_N_ELEMENTS (zbar_symbols), &zbar);
}

struct _RemitQrScanner
{
  zbar_image_scanner_t *scanner; /* made by the first scan */
  gboolean unavailable;
};

/* The places of a PDF page that may hold a code, found on a rendering at DETECT_DPI. */
struct _RemitQrPlaces
{
  GArray *regions; /* RemitBox, in points */
  gboolean whole_page;
};

/* From the pixels of a raster to the units of the page: out = origin + pixel × scale. */
typedef struct
{
  double x0, y0;
  double sx, sy;
} Transform;

static void
clear_payment (RemitQrCode *code)
{
  code->kind = REMIT_QR_KIND_OTHER;
  g_clear_pointer (&code->name, g_free);
  g_clear_pointer (&code->iban, g_free);
  g_clear_pointer (&code->bic, g_free);
  g_clear_pointer (&code->text, g_free);
  g_clear_pointer (&code->reference, g_free);
  code->has_amount = FALSE;
}

/**
 * remit_qr_code_new:
 * @data: the bytes of a QR code
 * @length: their number
 * @box: where the code was found
 *
 * Reads @data as a GiroCode or a BezahlCode. A code that is neither, or that is one but
 * breaks its rules (an invalid IBAN, a malformed amount), is of kind %REMIT_QR_KIND_OTHER:
 * its data is not trusted.
 *
 * Returns: (transfer full): the code
 */
RemitQrCode *
remit_qr_code_new (const guint8 *data, gsize length, const RemitBox *box)
{
  g_autoptr (RemitQrCode) code = g_new0 (RemitQrCode, 1);
  g_autoptr (GError) error = NULL;
  const char *text = (const char *) data;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (box != NULL, NULL);

  code->box = *box;
  code->data = g_bytes_new (data, length);

  if (length >= 3 && memcmp (text, "BCD", 3) == 0)
    {
      g_autoptr (RemitEpcPayload) payload = remit_epc_payload_parse (text, length, &error);

      if (payload == NULL)
        {
          g_debug ("A GiroCode on page %d is not valid: %s", box->page, error->message);
          return g_steal_pointer (&code);
        }

      code->kind = REMIT_QR_KIND_GIROCODE;
      code->name = g_steal_pointer (&payload->name);
      code->iban = g_steal_pointer (&payload->iban);
      code->bic = g_steal_pointer (&payload->bic);
      code->has_amount = payload->has_amount;
      code->amount = payload->amount;
      code->text = g_steal_pointer (&payload->text);
      code->reference = g_steal_pointer (&payload->reference);
    }
  else if (remit_bezahlcode_has_scheme (text, length))
    {
      g_autoptr (RemitBezahlCode) bezahlcode = remit_bezahlcode_parse (text, length, &error);

      if (bezahlcode == NULL)
        {
          g_debug ("A BezahlCode on page %d is not valid: %s", box->page, error->message);
          return g_steal_pointer (&code);
        }

      code->kind = REMIT_QR_KIND_BEZAHLCODE;
      code->name = g_steal_pointer (&bezahlcode->name);
      code->iban = g_steal_pointer (&bezahlcode->iban);
      code->bic = g_steal_pointer (&bezahlcode->bic);
      code->has_amount = bezahlcode->has_amount;
      code->amount = bezahlcode->amount;
      code->text = g_steal_pointer (&bezahlcode->reason);
    }

  /* Empty strings mean “absent” everywhere below. */
  if (code->kind != REMIT_QR_KIND_OTHER && (code->iban == NULL || *code->iban == '\0'))
    clear_payment (code);

  return g_steal_pointer (&code);
}

void
remit_qr_code_free (RemitQrCode *code)
{
  if (code == NULL)
    return;

  clear_payment (code);
  g_clear_pointer (&code->data, g_bytes_unref);
  g_free (code);
}

/* Returns: (transfer full) (element-type RemitQrCode): an empty array that frees its codes */
GPtrArray *
remit_qr_code_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) remit_qr_code_free);
}

RemitQrScanner *
remit_qr_scanner_new (void)
{
  return g_new0 (RemitQrScanner, 1);
}

void
remit_qr_scanner_free (RemitQrScanner *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->scanner, zbar.zbar_image_scanner_destroy);
  g_free (self);
}

/* The zbar scanner, made on first use; NULL (once said) when zbar cannot be loaded. */
static zbar_image_scanner_t *
get_zbar_scanner (RemitQrScanner *self)
{
  if (self->scanner != NULL || self->unavailable)
    return self->scanner;

  if (!zbar_load ())
    {
      g_message ("QR codes are not read: the zbar library (package “libzbar0”) is missing");
      self->unavailable = TRUE;
      return NULL;
    }

  self->scanner = zbar.zbar_image_scanner_create ();
  /* Only QR codes, and their bytes as they are: a GiroCode names its own character set. */
  zbar.zbar_image_scanner_set_config (self->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar.zbar_image_scanner_set_config (self->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar.zbar_image_scanner_set_config (self->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  return self->scanner;
}

static guint
scan (RemitQrScanner *self,
      const RemitRaster *raster,
      int page,
      const Transform *transform,
      GPtrArray *codes)
{
  zbar_image_scanner_t *scanner = get_zbar_scanner (self);
  zbar_image_t *image;
  guint found = 0;
  int n;

  if (scanner == NULL)
    return 0;

  image = zbar.zbar_image_create ();
  /* The white padding at the end of each row is part of the image zbar sees. */
  zbar.zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar.zbar_image_set_size (image, raster->stride, raster->height);
  zbar.zbar_image_set_data (image, raster->pixels, (unsigned long) raster->stride * raster->height,
                       NULL);

  n = zbar.zbar_scan_image (scanner, image);
  if (n > 0)
    {
      for (const zbar_symbol_t *symbol = zbar.zbar_image_first_symbol (image); symbol != NULL;
           symbol = zbar.zbar_symbol_next (symbol))
        {
          unsigned n_points = zbar.zbar_symbol_get_loc_size (symbol);
          double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
          RemitBox box;

          if (zbar.zbar_symbol_get_type (symbol) != ZBAR_QRCODE || n_points == 0)
            continue;

          for (unsigned i = 0; i < n_points; i++)
            {
              double x = zbar.zbar_symbol_get_loc_x (symbol, i);
              double y = zbar.zbar_symbol_get_loc_y (symbol, i);

              x1 = MIN (x1, x);
              y1 = MIN (y1, y);
              x2 = MAX (x2, x);
              y2 = MAX (y2, y);
            }

          /* The points are the centres of the corner pixels: the box takes them whole. */
          remit_box_init (&box, page, transform->x0 + x1 * transform->sx,
                          transform->y0 + y1 * transform->sy, (x2 - x1 + 1) * transform->sx,
                          (y2 - y1 + 1) * transform->sy);
          g_ptr_array_add (codes,
                           remit_qr_code_new ((const guint8 *) zbar.zbar_symbol_get_data (symbol),
                                              zbar.zbar_symbol_get_data_length (symbol), &box));
          found++;
        }
    }

  zbar.zbar_image_destroy (image);
  return found;
}

/**
 * remit_qr_scanner_scan_raster:
 * @scanner: a scanner
 * @raster: an image
 * @page: the page number to give the codes
 * @codes: (element-type RemitQrCode): the array to add the codes found to
 *
 * Scans @raster for QR codes; their boxes are in pixels of @raster. A small raster in
 * which nothing is found is enlarged and scanned again.
 *
 * Returns: the number of codes added
 */
guint
remit_qr_scanner_scan_raster (RemitQrScanner *scanner,
                              const RemitRaster *raster,
                              int page,
                              GPtrArray *codes)
{
  Transform identity = { 0, 0, 1, 1 };
  guint side;
  guint found;

  g_return_val_if_fail (scanner != NULL, 0);
  g_return_val_if_fail (raster != NULL, 0);
  g_return_val_if_fail (codes != NULL, 0);

  found = scan (scanner, raster, page, &identity, codes);
  side = MAX (raster->width, raster->height);
  if (found == 0 && side <= SMALL_RASTER_SIDE)
    {
      guint factor = MIN (4, (2 * SMALL_RASTER_SIDE + side - 1) / side);
      g_autoptr (RemitRaster) larger = remit_raster_scale_nearest (raster, factor, NULL);
      Transform back = { 0, 0, 1.0 / factor, 1.0 / factor };

      if (larger != NULL)
        found = scan (scanner, larger, page, &back, codes);
    }

  return found;
}

/* Images on @page that could be a code, read at their own resolution. */
static guint
scan_pdf_images (RemitQrScanner *self, PopplerPage *page, int number, GPtrArray *codes)
{
  GList *mapping = poppler_page_get_image_mapping (page);
  double page_width, page_height;
  guint found = 0;

  poppler_page_get_size (page, &page_width, &page_height);

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerImageMapping *image = l->data;
      double left = MIN (image->area.x1, image->area.x2);
      double top = MIN (image->area.y1, image->area.y2);
      double width = fabs (image->area.x2 - image->area.x1);
      double height = fabs (image->area.y2 - image->area.y1);
      g_autoptr (RemitRaster) raster = NULL;
      g_autoptr (RemitRaster) larger = NULL;
      const RemitRaster *scanned;
      cairo_surface_t *surface;
      Transform transform;
      guint side, factor = 1;

      if (width < IMAGE_MIN_SIDE_PT || height < IMAGE_MIN_SIDE_PT
          || width > IMAGE_MAX_ASPECT * height || height > IMAGE_MAX_ASPECT * width
          || width * height > 0.5 * page_width * page_height)
        continue;

      surface = poppler_page_get_image (page, image->image_id);
      if (surface == NULL)
        continue;
      raster = remit_raster_new_from_surface (surface, NULL);
      cairo_surface_destroy (surface);
      if (raster == NULL)
        continue;

      /* Sharp modules of at least a few pixels, whatever the image's own resolution. */
      scanned = raster;
      side = MIN (raster->width, raster->height);
      if (side < 600)
        {
          factor = MIN (8, (600 + side - 1) / side);
          larger = remit_raster_scale_nearest (raster, factor, NULL);
          if (larger == NULL)
            continue;
          scanned = larger;
        }

      transform.x0 = left;
      transform.y0 = top;
      transform.sx = width / scanned->width;
      transform.sy = height / scanned->height;
      found += scan (self, scanned, number, &transform, codes);
    }

  poppler_page_free_image_mapping (mapping);
  return found;
}

/* The places of @raster (rendered at DETECT_DPI) where a code may be, in its pixels: the
 * boxes around groups of dense cells at least MIN_CELLS wide and high, with a cell of
 * margin for the quiet zone and the cells a code's edge only half fills. */
static GArray *
find_dense_regions (const RemitRaster *raster)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (RemitBox));
  guint nx = (raster->width + CELL - 1) / CELL;
  guint ny = (raster->height + CELL - 1) / CELL;
  g_autofree guint32 *darkness = g_new0 (guint32, (gsize) nx * ny);
  g_autofree guint8 *state = g_new0 (guint8, (gsize) nx * ny); /* 1 dense, 2 visited */
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint y = 0; y < raster->height; y++)
    {
      const guint8 *row = raster->pixels + (gsize) y * raster->stride;
      guint32 *cells = darkness + (gsize) (y / CELL) * nx;

      guint full = raster->width / CELL;

      /* Whole cells first, a cell's pixels summed before they are added to it. */
      for (guint cx = 0; cx < full; cx++)
        {
          const guint8 *p = row + cx * CELL;
          guint sum = 0;

          for (guint i = 0; i < CELL; i++)
            sum += p[i];
          cells[cx] += 255 * CELL - sum;
        }
      for (guint x = full * CELL; x < raster->width; x++)
        cells[full] += 255 - row[x];
    }

  for (guint cy = 0; cy < ny; cy++)
    for (guint cx = 0; cx < nx; cx++)
      {
        guint cell_width = MIN (CELL, raster->width - cx * CELL);
        guint cell_height = MIN (CELL, raster->height - cy * CELL);

        if (darkness[cy * nx + cx] >= DENSE_DARKNESS * 255 * cell_width * cell_height)
          state[cy * nx + cx] = 1;
      }

  for (guint start = 0; start < nx * ny; start++)
    {
      guint x1, y1, x2, y2;

      if (state[start] != 1)
        continue;

      /* The group of dense cells that touch, diagonals included. */
      x1 = x2 = start % nx;
      y1 = y2 = start / nx;
      state[start] = 2;
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          guint cell = g_array_index (stack, guint, stack->len - 1);
          guint cx = cell % nx, cy = cell / nx;

          g_array_set_size (stack, stack->len - 1);
          x1 = MIN (x1, cx);
          x2 = MAX (x2, cx);
          y1 = MIN (y1, cy);
          y2 = MAX (y2, cy);

          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int x = (int) cx + dx, y = (int) cy + dy;
                guint next;

                if (x < 0 || y < 0 || x >= (int) nx || y >= (int) ny)
                  continue;
                next = (guint) y * nx + (guint) x;
                if (state[next] == 1)
                  {
                    state[next] = 2;
                    g_array_append_val (stack, next);
                  }
              }
        }

      if (x2 - x1 + 1 >= MIN_CELLS && y2 - y1 + 1 >= MIN_CELLS)
        {
          double left = (x1 > 0 ? x1 - 1 : 0) * (double) CELL;
          double top = (y1 > 0 ? y1 - 1 : 0) * (double) CELL;
          double right = MIN ((x2 + 2) * (double) CELL, raster->width);
          double bottom = MIN ((y2 + 2) * (double) CELL, raster->height);
          RemitBox box = { 0, left, top, right - left, bottom - top };

          g_array_append_val (regions, box);
        }
    }

  return regions;
}

/* Renders all of @page at REMIT_QR_PDF_DPI and scans it. */
static guint
scan_pdf_page_whole (RemitQrScanner *self, PopplerPage *page, int number, GPtrArray *codes)
{
  g_autoptr (RemitRaster) raster = NULL;
  g_autoptr (GError) error = NULL;
  Transform transform = { 0, 0, 1, 1 };
  double scale = 1;

  raster = remit_raster_new_from_pdf_page (page, REMIT_QR_PDF_DPI, PDF_MAX_PIXELS, &scale, &error);
  if (raster == NULL)
    {
      g_debug ("Page %d not scanned for QR codes: %s", number, error->message);
      return 0;
    }

  transform.sx = transform.sy = 1.0 / scale;
  return scan (self, raster, number, &transform, codes);
}

/**
 * remit_qr_places_find:
 * @page: a PDF page
 *
 * Renders @page at low resolution and finds the places that may hold a code. Rendering
 * leaves poppler's text of @page in @page, so reading its text afterwards costs no second
 * pass over the page.
 *
 * Returns: (transfer full) (nullable): the places, or %NULL when the page cannot be rendered
 */
RemitQrPlaces *
remit_qr_places_find (PopplerPage *page)
{
  g_autoptr (RemitRaster) overview = NULL;
  g_autoptr (GError) error = NULL;
  RemitQrPlaces *places;
  double scale = 1;
  double area = 0;

  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);

  overview = remit_raster_new_from_pdf_page (page, DETECT_DPI, PDF_MAX_PIXELS, &scale, &error);
  if (overview == NULL)
    {
      g_debug ("Page %d not scanned for QR codes: %s", poppler_page_get_index (page) + 1,
               error->message);
      return NULL;
    }

  places = g_new0 (RemitQrPlaces, 1);
  places->regions = find_dense_regions (overview);
  for (guint i = 0; i < places->regions->len; i++)
    {
      RemitBox *box = &g_array_index (places->regions, RemitBox, i);

      area += remit_box_get_area (box);
      remit_box_init (box, 0, box->left / scale, box->top / scale, box->width / scale,
                      box->height / scale);
    }
  places->whole_page = area > MAX_REGION_SHARE * overview->width * overview->height;

  g_debug ("Page %d: %u places that may be a code, %.0f %% of the page",
           poppler_page_get_index (page) + 1, places->regions->len,
           100 * area / (overview->width * overview->height));
  return places;
}

void
remit_qr_places_free (RemitQrPlaces *places)
{
  if (places == NULL)
    return;

  g_array_unref (places->regions);
  g_free (places);
}

/**
 * remit_qr_scanner_scan_places:
 * @scanner: a scanner
 * @page: the PDF page @places were found on
 * @number: its number, from 1
 * @places: from remit_qr_places_find()
 * @codes: (element-type RemitQrCode): the array to add the codes found to
 *
 * Scans the places at 300 dpi (or, when they are much of the page, the page at
 * %REMIT_QR_PDF_DPI); when there were places but no code was read in them, the page's
 * square images are scanned at their own resolution. Boxes are in PDF points, origin at the
 * top left.
 *
 * Returns: the number of codes added
 */
guint
remit_qr_scanner_scan_places (RemitQrScanner *scanner,
                              PopplerPage *page,
                              int number,
                              const RemitQrPlaces *places,
                              GPtrArray *codes)
{
  guint found = 0;

  g_return_val_if_fail (scanner != NULL, 0);
  g_return_val_if_fail (POPPLER_IS_PAGE (page), 0);
  g_return_val_if_fail (places != NULL, 0);
  g_return_val_if_fail (codes != NULL, 0);

  /* A code, drawn or an image, darkens its place even at DETECT_DPI: a page without such
   * places has none. */
  if (places->regions->len == 0)
    return 0;

  if (places->whole_page)
    found = scan_pdf_page_whole (scanner, page, number, codes);
  else
    for (guint i = 0; i < places->regions->len; i++)
      {
        const RemitBox *region = &g_array_index (places->regions, RemitBox, i);
        g_autoptr (RemitRaster) raster = NULL;
        Transform transform;
        double region_scale = 1;

        raster = remit_raster_new_from_pdf_region (page, region, REGION_DPI, PDF_MAX_PIXELS,
                                                   &region_scale, NULL);
        if (raster == NULL)
          continue;

        transform.x0 = region->left;
        transform.y0 = region->top;
        transform.sx = transform.sy = 1.0 / region_scale;
        found += scan (scanner, raster, number, &transform, codes);
      }

  if (found == 0)
    found = scan_pdf_images (scanner, page, number, codes);

  g_debug ("Page %d: %u codes", number, found);
  return found;
}

/**
 * remit_qr_scanner_scan_pdf_page:
 * @scanner: a scanner
 * @page: a PDF page
 * @number: its number, from 1
 * @codes: (element-type RemitQrCode): the array to add the codes found to
 *
 * remit_qr_places_find() and remit_qr_scanner_scan_places() in one. A page that cannot be
 * rendered has no codes.
 *
 * Returns: the number of codes added
 */
guint
remit_qr_scanner_scan_pdf_page (RemitQrScanner *scanner,
                                PopplerPage *page,
                                int number,
                                GPtrArray *codes)
{
  g_autoptr (RemitQrPlaces) places = NULL;

  g_return_val_if_fail (scanner != NULL, 0);
  g_return_val_if_fail (POPPLER_IS_PAGE (page), 0);
  g_return_val_if_fail (codes != NULL, 0);

  places = remit_qr_places_find (page);
  if (places == NULL)
    return 0;
  return remit_qr_scanner_scan_places (scanner, page, number, places, codes);
}

gboolean
remit_qr_has_payment (GPtrArray *codes)
{
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (((RemitQrCode *) g_ptr_array_index (codes, i))->kind != REMIT_QR_KIND_OTHER)
      return TRUE;

  return FALSE;
}

/* The fields a payment code fills, with their label, entity and candidate list. */
enum
{
  FIELD_IBAN,
  FIELD_BIC,
  FIELD_AMOUNT,
  FIELD_RECIPIENT,
  FIELD_PURPOSE,
  FIELD_REFERENCE,
  N_FIELDS,
};

static const struct
{
  const char *label;
  const char *entity;
  const char *list;
} fields[N_FIELDS] = {
  [FIELD_IBAN] = { "iban", "iban", "ibans" },
  [FIELD_BIC] = { "bic", "bic", "bics" },
  [FIELD_AMOUNT] = { "amountToPay", "amount", "amounts" },
  [FIELD_RECIPIENT] = { "paymentRecipient", "companyname", "paymentRecipients" },
  [FIELD_PURPOSE] = { "paymentPurpose", "text", NULL },
  [FIELD_REFERENCE] = { "paymentReference", "reference", "referenceIds" },
};

static char *
field_value (const RemitQrCode *code, guint field)
{
  const char *value = NULL;

  switch (field)
    {
    case FIELD_IBAN:
      value = code->iban;
      break;
    case FIELD_BIC:
      value = code->bic;
      break;
    case FIELD_AMOUNT:
      return code->has_amount ? remit_amount_to_wire (&code->amount) : NULL;
    case FIELD_RECIPIENT:
      value = code->name;
      break;
    case FIELD_PURPOSE:
      value = code->text != NULL && *code->text != '\0' ? code->text : code->reference;
      break;
    case FIELD_REFERENCE:
      value = code->reference;
      break;
    default:
      g_assert_not_reached ();
    }

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Whether two values of @field are the same: IBANs, BICs and amounts as such, text as
 * written. */
static gboolean
same_value (guint field, const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;

  if (field == FIELD_IBAN)
    {
      g_autofree char *na = remit_iban_normalize (a);
      g_autofree char *nb = remit_iban_normalize (b);

      return g_strcmp0 (na, nb) == 0;
    }

  if (field == FIELD_BIC)
    {
      g_autofree char *na = remit_bic_normalize (a);
      g_autofree char *nb = remit_bic_normalize (b);

      return g_strcmp0 (na, nb) == 0;
    }

  if (field == FIELD_AMOUNT)
    {
      RemitAmount x, y;

      return remit_amount_parse (a, &x, NULL) && remit_amount_parse (b, &y, NULL)
             && remit_amount_equal (&x, &y);
    }

  return g_strcmp0 (a, b) == 0;
}

static JsonObject *
ensure_object_member (JsonObject *object, const char *name)
{
  if (!json_object_has_member (object, name)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, name)))
    json_object_set_object_member (object, name, json_object_new ());

  return json_object_get_object_member (object, name);
}

static JsonNode *
extraction_node (guint field, const char *value, const RemitQrCode *code, const char *list)
{
  g_autoptr (RemitExtraction) extraction = NULL;

  extraction = remit_extraction_new_with_box (fields[field].entity, value, &code->box);
  if (list != NULL)
    remit_extraction_set_candidates (extraction, list);
  /* The value is what the code says, not a guess. */
  remit_extraction_set_confidence (extraction, 1.0);
  return remit_extraction_to_json (extraction);
}

/* The string member @name of @node, an object, or NULL. */
static const char *
string_member (JsonNode *node, const char *name)
{
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* A document whose words all lie on its QR codes, but for a few. */
static gboolean
is_only_codes (RemitLayout *layout, GPtrArray *codes)
{
  guint others = 0;

  for (guint p = 0; p < remit_layout_get_n_pages (layout); p++)
    {
      const RemitLayoutPage *page = remit_layout_get_page (layout, p);
      int number = remit_layout_page_get_number (page);
      guint n_words = 0;
      const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

      for (guint w = 0; w < n_words; w++)
        {
          gboolean on_code = FALSE;
          RemitBox box;

          remit_layout_page_get_word_box (page, &words[w], &box);
          for (guint c = 0; c < codes->len && !on_code; c++)
            {
              const RemitQrCode *code = g_ptr_array_index (codes, c);

              on_code = code->box.page == number && remit_box_intersects (&code->box, &box);
            }

          if (!on_code && ++others > REMIT_QR_ONLY_MAX_WORDS)
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * remit_qr_merge:
 * @found: what the layout heuristics found
 * @codes: (element-type RemitQrCode): the codes on the document, boxes in layout units
 * @layout: the document's layout
 *
 * Adds what the payment codes among @codes say to @found. The first payment code gives
 * the specific extractions `iban`, `bic`, `amountToPay`, `paymentRecipient`,
 * `paymentPurpose` (its remittance text, else its reference) and `paymentReference` (a
 * structured reference) with the code's box, replacing what the heuristics found; the
 * values of every payment code come first in the candidate lists, followed by the
 * heuristics' candidates with other values. A document that is nothing but QR codes gets
 * the `docType` PaymentQRCode.
 *
 * Returns: (transfer full): the merged extractions; @found itself when there is no
 *   payment code
 */
RemitExtractionSet *
remit_qr_merge (RemitExtractionSet *found, GPtrArray *codes, RemitLayout *layout)
{
  g_autoptr (GPtrArray) payments = g_ptr_array_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  RemitExtractionSet *merged;
  JsonObject *root, *extractions, *candidates;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (found), NULL);
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      RemitQrCode *code = g_ptr_array_index (codes, i);

      if (code->kind != REMIT_QR_KIND_OTHER)
        g_ptr_array_add (payments, code);
    }
  if (payments->len == 0)
    return g_object_ref (found);

  node = remit_extraction_set_to_json (found);
  root = json_node_get_object (node);
  extractions = ensure_object_member (root, "extractions");
  candidates = ensure_object_member (root, "candidates");

  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autoptr (JsonArray) list = json_array_new ();
      g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list_name = g_strdup (fields[f].list);
      const RemitQrCode *first = NULL;
      JsonArray *old_list = NULL;
      const char *named;

      /* Keep the list the heuristics named for this label. */
      named = string_member (json_object_get_member (extractions, fields[f].label), "candidates");
      if (named != NULL)
        {
          g_free (list_name);
          list_name = g_strdup (named);
        }

      for (guint i = 0; i < payments->len; i++)
        {
          const RemitQrCode *code = g_ptr_array_index (payments, i);
          g_autofree char *value = field_value (code, f);
          gboolean seen = FALSE;

          if (value == NULL)
            continue;
          for (guint v = 0; v < values->len && !seen; v++)
            seen = same_value (f, g_ptr_array_index (values, v), value);
          if (seen)
            continue;

          if (first == NULL)
            {
              first = code;
              json_object_set_member (extractions, fields[f].label,
                                      extraction_node (f, value, code, list_name));
            }
          json_array_add_element (list, extraction_node (f, value, code, NULL));
          g_ptr_array_add (values, g_steal_pointer (&value));
        }

      if (first == NULL || list_name == NULL)
        continue;

      if (json_object_has_member (candidates, list_name)
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (candidates, list_name)))
        old_list = json_object_get_array_member (candidates, list_name);
      for (guint i = 0; old_list != NULL && i < json_array_get_length (old_list); i++)
        {
          JsonNode *element = json_array_get_element (old_list, i);
          const char *value = string_member (element, "value");
          gboolean seen = FALSE;

          for (guint v = 0; v < values->len && !seen; v++)
            seen = same_value (f, g_ptr_array_index (values, v), value);
          if (!seen)
            json_array_add_element (list, json_node_copy (element));
        }

      json_object_set_array_member (candidates, list_name, g_steal_pointer (&list));
    }

  if (is_only_codes (layout, codes))
    {
      g_autoptr (RemitExtraction) doc_type = remit_extraction_new ("doctype", "PaymentQRCode");

      json_object_set_member (extractions, "docType", remit_extraction_to_json (doc_type));
    }

  merged = remit_extraction_set_new_from_json (node, &error);
  if (merged == NULL)
    {
      g_warning ("The QR code values could not be added: %s", error->message);
      return g_object_ref (found);
    }

  return merged;
}
