/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n-lib.h>

#include "remit-einvoice-extract.h"
#include "remit-engine-private.h"
#include "remit-engine.h"
#include "remit-ocr.h"
#include "remit-pdf-text.h"
#include "remit-pixbuf-private.h"
#include "remit-poppler-private.h"
#include "remit-qr.h"
#include "remit-raster.h"

/* A scanned page is rendered with at most this many pixels (A4 at 300 dpi has 8.7 M). */
#define OCR_MAX_PIXELS (20 * 1000 * 1000)

struct _RemitEngineResult
{
  gatomicrefcount ref_count;
  RemitInputType input_type;
  RemitLayout *layout;
  RemitExtractionSet *extractions;
  const char *source_classification;
  const char *method;
  guint page_count;
  guint processed_pages;
};

G_DEFINE_BOXED_TYPE (RemitEngineResult, remit_engine_result, remit_engine_result_ref,
                     remit_engine_result_unref)

RemitEngineResult *
remit_engine_result_ref (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
remit_engine_result_unref (RemitEngineResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_clear_pointer (&result->layout, remit_layout_unref);
  g_clear_object (&result->extractions);
  g_free (result);
}

RemitLayout *
remit_engine_result_get_layout (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->layout;
}

RemitExtractionSet *
remit_engine_result_get_extractions (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->extractions;
}

RemitInputType
remit_engine_result_get_input_type (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, REMIT_INPUT_UNKNOWN);
  return result->input_type;
}

/* The API's sourceClassification: NATIVE, SCANNED, SANDWICH or TEXT; %NULL when the
 * extraction was asked for without it (%REMIT_ENGINE_FLAGS_NO_CLASSIFICATION). */
const char *
remit_engine_result_get_source_classification (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->source_classification;
}

/* How the values were found: "einvoice", "qr", "layout" or "ocr". */
const char *
remit_engine_result_get_method (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->method;
}

guint
remit_engine_result_get_page_count (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->page_count;
}

guint
remit_engine_result_get_processed_pages (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->processed_pages;
}

gboolean
remit_engine_result_is_truncated (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->processed_pages < result->page_count;
}

/* The API's extractions answer, plus a `processing` member that says how the document
 * was read and whether pages were left out. Clients of the API keep unknown members. */
JsonNode *
remit_engine_result_to_extractions_json (RemitEngineResult *result)
{
  JsonNode *node;
  JsonObject *processing;

  g_return_val_if_fail (result != NULL, NULL);

  node = remit_extraction_set_to_json (result->extractions);
  processing = json_object_new ();
  json_object_set_string_member (processing, "method", result->method);
  json_object_set_int_member (processing, "pageCount", result->page_count);
  json_object_set_int_member (processing, "processedPages", result->processed_pages);
  json_object_set_boolean_member (processing, "truncated",
                                  remit_engine_result_is_truncated (result));
  json_object_set_object_member (json_node_get_object (node), "processing", processing);

  return node;
}

JsonNode *
remit_engine_result_to_layout_json (RemitEngineResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return remit_layout_to_json (result->layout);
}

RemitInputType
remit_input_type_sniff (const guint8 *data, gsize length)
{
  gsize i = 0;

  if (data == NULL || length == 0)
    return REMIT_INPUT_UNKNOWN;

  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return REMIT_INPUT_PNG;
  if (length >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return REMIT_INPUT_JPEG;
  if (length >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return REMIT_INPUT_TIFF;
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return REMIT_INPUT_GIF;

  /* PDF readers accept the header anywhere in the first kilobyte. */
  for (gsize p = 0; p + 5 <= MIN (length, 1024); p++)
    if (memcmp (data + p, "%PDF-", 5) == 0)
      return REMIT_INPUT_PDF;

  if (memchr (data, '\0', MIN (length, 4096)) != NULL)
    return REMIT_INPUT_UNKNOWN;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i + 1 < length && data[i] == '<' && (data[i + 1] == '?' || g_ascii_isalpha (data[i + 1])))
    return REMIT_INPUT_XML;

  if (g_utf8_validate ((const char *) data, MIN (length, 65536), NULL))
    return REMIT_INPUT_TEXT;

  return REMIT_INPUT_UNKNOWN;
}

static const struct
{
  RemitInputType type;
  const char *content_type;
} content_types[] = {
  { REMIT_INPUT_PDF, "application/pdf" },   { REMIT_INPUT_PNG, "image/png" },
  { REMIT_INPUT_JPEG, "image/jpeg" },       { REMIT_INPUT_TIFF, "image/tiff" },
  { REMIT_INPUT_GIF, "image/gif" },         { REMIT_INPUT_XML, "application/xml" },
  { REMIT_INPUT_XML, "text/xml" },          { REMIT_INPUT_TEXT, "text/plain" },
  { REMIT_INPUT_JPEG, "image/jpg" },
};

RemitInputType
remit_input_type_from_content_type (const char *content_type)
{
  g_autofree char *bare = NULL;
  char *semicolon;

  if (content_type == NULL)
    return REMIT_INPUT_UNKNOWN;

  bare = g_ascii_strdown (content_type, -1);
  semicolon = strchr (bare, ';');
  if (semicolon != NULL)
    *semicolon = '\0';
  g_strstrip (bare);

  for (gsize i = 0; i < G_N_ELEMENTS (content_types); i++)
    if (g_str_equal (bare, content_types[i].content_type))
      return content_types[i].type;

  return REMIT_INPUT_UNKNOWN;
}

const char *
remit_input_type_to_content_type (RemitInputType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (content_types); i++)
    if (content_types[i].type == type)
      return content_types[i].content_type;

  return "application/octet-stream";
}

static PopplerDocument *
open_pdf (GBytes *data, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (data, NULL, &local_error);

  if (document != NULL)
    return document;

  if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_ENCRYPTED,
                         _("The PDF is protected by a password. Save a copy without the "
                           "password and add that."));
  else
    g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                 _("The PDF is damaged and cannot be read (%s). Ask the sender for a new "
                   "copy."),
                 local_error->message);
  return NULL;
}

typedef struct
{
  int width;
  int height;
  gboolean too_large;
} ImageSize;

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  ImageSize *size = user_data;

  size->width = width;
  size->height = height;
  if ((guint64) width * (guint64) height > REMIT_RASTER_MAX_PIXELS)
    {
      size->too_large = TRUE;
      /* A size of 0 × 0 makes the loaders stop before they allocate the pixels. */
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

/* Whether @data has its last part. The image loaders fill a cut-off PNG or JPEG up with
 * gray and report no error, but a bill read from half a picture is no bill. */
static gboolean
image_is_complete (const guint8 *data, gsize length)
{
  switch (remit_input_type_sniff (data, length))
    {
    case REMIT_INPUT_PNG:
      /* The IEND chunk closes the file (junk may follow it). */
      for (gsize p = length >= 8 ? length - 8 : 0; p >= 8; p--)
        if (memcmp (data + p, "IEND", 4) == 0)
          return TRUE;
      return FALSE;

    case REMIT_INPUT_JPEG:
      {
        /* The end-of-image marker must follow the last scan; a thumbnail's comes before. */
        gsize end = 0;

        for (gsize p = length >= 2 ? length - 2 : 0; p > 0 && end == 0; p--)
          if (data[p] == 0xff && data[p + 1] == 0xd9)
            end = p;
        for (gsize p = length >= 2 ? length - 2 : 0; p > 0; p--)
          if (data[p] == 0xff && data[p + 1] == 0xda)
            return end > p;
        return FALSE;
      }

    case REMIT_INPUT_GIF:
      /* The trailer byte, perhaps followed by padding. */
      for (gsize p = length; p > 6; p--)
        if (data[p - 1] == 0x3b)
          return TRUE;
        else if (data[p - 1] != 0)
          return FALSE;
      return FALSE;

    case REMIT_INPUT_UNKNOWN:
    case REMIT_INPUT_PDF:
    case REMIT_INPUT_TIFF:
    case REMIT_INPUT_XML:
    case REMIT_INPUT_TEXT:
    default:
      return TRUE;
    }
}

/* Decodes an image, refusing one with more than REMIT_RASTER_MAX_PIXELS pixels before its
 * pixels are allocated: a small file can describe a huge image. */
static GdkPixbuf *
open_image (GBytes *data, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) local_error = NULL;
  ImageSize size = { 0 };
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  GdkPixbuf *pixbuf;

  if (!remit_pixbuf_load (error))
    return NULL;

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &size);

  /* In pieces, so that a huge image is noticed from its header. */
  for (gsize offset = 0; offset < length && !size.too_large && local_error == NULL;
       offset += 64 * 1024)
    gdk_pixbuf_loader_write (loader, bytes + offset, MIN (64 * 1024, length - offset),
                             &local_error);
  gdk_pixbuf_loader_close (loader, local_error == NULL ? &local_error : NULL);

  if (size.too_large)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The image has %d × %d pixels; Remit reads images of up to %d megapixels. "
                     "Save it at a smaller size and add it again."),
                   size.width, size.height, REMIT_RASTER_MAX_PIXELS / 1000000);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (local_error != NULL || pixbuf == NULL || !image_is_complete (bytes, length))
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                   _("The image is damaged and cannot be read (%s). Ask the sender for a new "
                     "copy."),
                   local_error != NULL ? local_error->message
                   : pixbuf == NULL    ? _("there is no picture in it")
                                       : _("the file ends too early"));
      return NULL;
    }

  /* Photos carry their orientation in EXIF; apply it like every image viewer does. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static RemitEngineResult *
result_new (RemitInputType input_type)
{
  RemitEngineResult *result = g_new0 (RemitEngineResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->input_type = input_type;
  result->method = "layout";
  result->source_classification = "NATIVE";
  return result;
}

/* A page with text and an image over most of it is a scan with a text layer added by
 * recognition (“sandwich”). Listing the images does not decode them. */
static gboolean
page_is_sandwich (PopplerPage *page)
{
  GList *mapping = poppler_page_get_image_mapping (page);
  double width, height;
  gboolean sandwich = FALSE;

  poppler_page_get_size (page, &width, &height);
  for (GList *l = mapping; l != NULL && !sandwich; l = l->next)
    {
      PopplerImageMapping *image = l->data;

      sandwich = fabs ((image->area.x2 - image->area.x1) * (image->area.y2 - image->area.y1))
                 >= 0.5 * width * height;
    }
  poppler_page_free_image_mapping (mapping);

  return sandwich;
}

/* @base with its pages replaced by those of @pages that have the same number. */
static RemitLayout *
replace_pages (RemitLayout *base, RemitLayout *pages, GError **error)
{
  g_autoptr (JsonNode) node = remit_layout_to_json (base);
  g_autoptr (JsonNode) other = remit_layout_to_json (pages);
  JsonArray *old_pages = json_object_get_array_member (json_node_get_object (node), "pages");
  JsonArray *new_pages = json_object_get_array_member (json_node_get_object (other), "pages");
  JsonArray *merged = json_array_new ();

  for (guint i = 0; i < json_array_get_length (old_pages); i++)
    {
      JsonObject *page = json_array_get_object_element (old_pages, i);
      gint64 number = json_object_get_int_member (page, "number");
      JsonNode *chosen = json_array_get_element (old_pages, i);

      for (guint j = 0; j < json_array_get_length (new_pages); j++)
        if (json_object_get_int_member (json_array_get_object_element (new_pages, j), "number")
            == number)
          chosen = json_array_get_element (new_pages, j);

      json_array_add_element (merged, json_node_copy (chosen));
    }
  json_object_set_array_member (json_node_get_object (node), "pages", merged);

  return remit_layout_new_from_json (node, error);
}

static void
mask_codes (RemitRaster *raster, GPtrArray *codes, guint from)
{
  for (guint i = from; i < codes->len; i++)
    remit_raster_fill_box (raster, &((RemitQrCode *) g_ptr_array_index (codes, i))->box, 255);
}

/* Reads a page without text: renders it, scans it for QR codes (boxes in pixels, as the
 * page's layout will be) and recognizes its text with the codes painted out. */
static gboolean
read_scanned_page (PopplerPage *page,
                   int number,
                   RemitOcr *ocr,
                   RemitLayoutBuilder *builder,
                   RemitQrScanner *scanner,
                   GPtrArray *codes,
                   GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (RemitRaster) raster = NULL;
  guint first = codes->len;

  raster = remit_raster_new_from_pdf_page (page, REMIT_OCR_PDF_DPI, OCR_MAX_PIXELS, NULL, error);
  if (raster == NULL)
    return FALSE;

  if (scanner != NULL)
    remit_qr_scanner_scan_raster (scanner, raster, number, codes);
  mask_codes (raster, codes, first);

  return remit_ocr_add_page (ocr, raster, number, builder, cancellable, error);
}

/* An embedded e-invoice states the values exactly; the page only gives their boxes. A
 * broken attachment is not the end: FALSE without @error, and the page is read as if there
 * were none. */
static gboolean
extract_embedded_einvoice (RemitEngineResult *result,
                           PopplerDocument *document,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (GError) einvoice_error = NULL;
  g_autoptr (RemitEInvoice) invoice = remit_einvoice_from_pdf (document, &einvoice_error);

  if (invoice == NULL)
    {
      if (einvoice_error != NULL)
        g_debug ("Reading the page instead of the e-invoice: %s", einvoice_error->message);
      return FALSE;
    }

  result->layout = remit_pdf_text_extract (document, REMIT_ENGINE_MAX_PAGES, cancellable, error);
  if (result->layout == NULL)
    return FALSE;

  result->method = "einvoice";
  if (!remit_pdf_text_has_text (result->layout))
    result->source_classification = "SCANNED";
  result->extractions = remit_einvoice_to_extractions (invoice, result->layout);
  return TRUE;
}

static gboolean
extract_pdf (RemitEngineResult *result,
             GBytes *data,
             RemitEngineFlags flags,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr (PopplerDocument) document = open_pdf (data, error);
  g_autoptr (RemitLayoutBuilder) text_builder = NULL;
  g_autoptr (RemitLayout) text_layout = NULL;
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();
  g_autoptr (RemitQrScanner) scanner = NULL;
  g_autoptr (RemitOcr) ocr = NULL;
  g_autoptr (RemitLayoutBuilder) ocr_builder = NULL;
  guint text_pages = 0;
  guint ocr_pages = 0;
  gboolean sandwich = FALSE;

  if (document == NULL)
    return FALSE;

  result->page_count = MAX (poppler_document_get_n_pages (document), 0);
  result->processed_pages = MIN (result->page_count, REMIT_ENGINE_MAX_PAGES);

  if ((flags & REMIT_ENGINE_FLAGS_NO_EINVOICE) == 0)
    {
      g_autoptr (GError) einvoice_error = NULL;

      if (extract_embedded_einvoice (result, document, cancellable, &einvoice_error))
        return TRUE;
      if (einvoice_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&einvoice_error));
          return FALSE;
        }
    }

  if ((flags & REMIT_ENGINE_FLAGS_NO_QR) == 0)
    scanner = remit_qr_scanner_new ();

  text_builder = remit_layout_builder_new ();
  for (guint i = 0; i < result->processed_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      g_autoptr (RemitQrPlaces) places = NULL;
      int number = i + 1;
      gboolean has_text;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (page == NULL)
        continue;

      /* Rendered first: the text is then read from what the rendering left (see
       * remit_pdf_text_add_page()). */
      if (scanner != NULL)
        places = remit_qr_places_find (page);
      has_text = remit_pdf_text_add_page (text_builder, page, number) > 0;

      if (!has_text && (flags & REMIT_ENGINE_FLAGS_NO_OCR) == 0)
        {
          if (ocr == NULL)
            {
              ocr = remit_ocr_new (error);
              if (ocr == NULL)
                return FALSE;
              ocr_builder = remit_layout_builder_new ();
            }
          if (!read_scanned_page (page, number, ocr, ocr_builder, scanner, codes, cancellable,
                                  error))
            return FALSE;
          ocr_pages++;
          continue;
        }

      if (has_text && text_pages++ == 0 && (flags & REMIT_ENGINE_FLAGS_NO_CLASSIFICATION) == 0)
        sandwich = page_is_sandwich (page);
      if (places != NULL)
        remit_qr_scanner_scan_places (scanner, page, number, places, codes);
    }
  text_layout = remit_layout_builder_end (text_builder);

  if (ocr_builder != NULL)
    {
      g_autoptr (RemitLayout) ocr_layout = remit_layout_builder_end (ocr_builder);

      result->layout = replace_pages (text_layout, ocr_layout, error);
      if (result->layout == NULL)
        return FALSE;
    }
  else
    result->layout = g_steal_pointer (&text_layout);

  if (text_pages == 0)
    result->source_classification = "SCANNED";
  else if (sandwich)
    result->source_classification = "SANDWICH";

  result->extractions = remit_engine_find_values (result->layout, codes, flags, cancellable,
                                                  error);
  if (remit_qr_has_payment (codes))
    result->method = "qr";
  else if (ocr_pages > 0)
    result->method = "ocr";

  return result->extractions != NULL;
}

/* A standalone e-invoice (XRechnung, UBL): values without a page. */
static gboolean
extract_xml (RemitEngineResult *result, GBytes *data, GError **error)
{
  gsize length = 0;
  const char *xml = g_bytes_get_data (data, &length);
  g_autoptr (RemitEInvoice) invoice = remit_einvoice_from_xml (xml, length, error);
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();

  if (invoice == NULL)
    return FALSE;

  result->method = "einvoice";
  result->source_classification = "TEXT";
  result->layout = remit_layout_builder_end (g_steal_pointer (&builder));
  result->extractions = remit_einvoice_to_extractions (invoice, NULL);
  return TRUE;
}

static gboolean
extract_image (RemitEngineResult *result,
               GBytes *data,
               RemitEngineFlags flags,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr (GdkPixbuf) pixbuf = open_image (data, error);
  g_autoptr (RemitRaster) raster = NULL;
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();

  if (pixbuf == NULL)
    return FALSE;

  result->source_classification = "SCANNED";
  result->page_count = 1;
  result->processed_pages = 1;

  if ((flags & (REMIT_ENGINE_FLAGS_NO_QR | REMIT_ENGINE_FLAGS_NO_OCR))
      != (REMIT_ENGINE_FLAGS_NO_QR | REMIT_ENGINE_FLAGS_NO_OCR))
    {
      raster = remit_raster_new_from_pixbuf (pixbuf, error);
      if (raster == NULL)
        return FALSE;
    }

  if ((flags & REMIT_ENGINE_FLAGS_NO_QR) == 0)
    {
      g_autoptr (RemitQrScanner) scanner = remit_qr_scanner_new ();

      remit_qr_scanner_scan_raster (scanner, raster, 1, codes);
    }

  /* A scan's layout is in pixels of the image. */
  if ((flags & REMIT_ENGINE_FLAGS_NO_OCR) == 0)
    {
      g_autoptr (RemitOcr) ocr = remit_ocr_new (error);

      if (ocr == NULL)
        return FALSE;
      mask_codes (raster, codes, 0);
      if (!remit_ocr_add_page (ocr, raster, 1, builder, cancellable, error))
        return FALSE;
      result->method = "ocr";
    }
  else
    remit_layout_builder_add_page (builder, 1, gdk_pixbuf_get_width (pixbuf),
                                   gdk_pixbuf_get_height (pixbuf));
  result->layout = remit_layout_builder_end (builder);

  result->extractions = remit_engine_find_values (result->layout, codes, flags, cancellable,
                                                  error);
  if (remit_qr_has_payment (codes))
    result->method = "qr";

  return result->extractions != NULL;
}

/* Plain text as a page: one line of text per line of the layout, in a grid of 6 × 12
 * points per character, so that boxes stay meaningful. */
static gboolean
extract_text (RemitEngineResult *result,
              GBytes *data,
              RemitEngineFlags flags,
              GCancellable *cancellable,
              GError **error)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (data, &length);
  g_autofree char *copy = g_strndup (text, length);
  g_auto (GStrv) lines = NULL;
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  glong columns = 1;
  guint n_lines;

  if (!g_utf8_validate (copy, -1, NULL))
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                           _("The text file is not UTF-8. Save it as UTF-8 and add it again."));
      return FALSE;
    }

  lines = g_strsplit (copy, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    columns = MAX (columns, g_utf8_strlen (lines[i], -1));

  result->source_classification = "TEXT";
  result->page_count = 1;
  result->processed_pages = 1;

  remit_layout_builder_add_page (builder, 1, columns * 6.0, MAX (n_lines, 1) * 12.0);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *p = lines[i];
      glong column = 0;
      gboolean line_open = FALSE;

      while (*p)
        {
          const char *start;
          glong start_column;
          g_autofree char *word = NULL;
          RemitBox box;

          while (*p && g_unichar_isspace (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              column++;
            }
          if (*p == '\0')
            break;

          start = p;
          start_column = column;
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              column++;
            }

          if (!line_open)
            {
              remit_layout_builder_add_line (builder, NULL);
              line_open = TRUE;
            }
          word = g_strndup (start, p - start);
          box = (RemitBox) { 1, start_column * 6.0, i * 12.0, (column - start_column) * 6.0, 12.0 };
          remit_layout_builder_add_word (builder, &box, 10.0, "monospace", FALSE, word);
        }
    }
  result->layout = remit_layout_builder_end (g_steal_pointer (&builder));

  result->extractions = remit_engine_find_values (result->layout, NULL, flags, cancellable, error);
  return result->extractions != NULL;
}

RemitEngineResult *
remit_engine_extract (GBytes *data,
                      RemitEngineFlags flags,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (RemitEngineResult) result = NULL;
  RemitInputType type;
  gsize length = 0;
  const guint8 *bytes;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &length);
  if (length > REMIT_ENGINE_MAX_FILE_SIZE)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The file has %.1f MiB; Remit reads files up to 10 MiB. Save the invoice "
                     "with a smaller size or only its first pages."),
                   length / (1024.0 * 1024.0));
      return NULL;
    }

  type = remit_input_type_sniff (bytes, length);
  result = result_new (type);

  switch (type)
    {
    case REMIT_INPUT_PDF:
      ok = extract_pdf (result, data, flags, cancellable, error);
      break;

    case REMIT_INPUT_PNG:
    case REMIT_INPUT_JPEG:
    case REMIT_INPUT_TIFF:
    case REMIT_INPUT_GIF:
      ok = extract_image (result, data, flags, cancellable, error);
      break;

    case REMIT_INPUT_TEXT:
      ok = extract_text (result, data, flags, cancellable, error);
      break;

    case REMIT_INPUT_XML:
      ok = extract_xml (result, data, error);
      break;

    case REMIT_INPUT_UNKNOWN:
    default:
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
                           length == 0 ? _("The file is empty.")
                                       : _("Remit cannot read this kind of file. Add a PDF, "
                                           "a PNG, JPEG or TIFF image, or an e-invoice."));
      break;
    }

  if ((flags & REMIT_ENGINE_FLAGS_NO_CLASSIFICATION) != 0)
    result->source_classification = NULL;
  return ok ? g_steal_pointer (&result) : NULL;
}

static void
extract_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  RemitEngineFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "flags"));
  RemitEngineResult *result = remit_engine_extract (task_data, flags, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) remit_engine_result_unref);
}

void
remit_engine_extract_async (GBytes *data,
                            RemitEngineFlags flags,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_engine_extract_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "flags", GUINT_TO_POINTER (flags));
  g_task_run_in_thread (task, extract_thread);
}

RemitEngineResult *
remit_engine_extract_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == remit_engine_extract_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Renders page @page (1-based) of a PDF or an image to a PNG @width_px wide. */
GBytes *
remit_engine_render_page_png (GBytes *data, guint page, guint width_px, GError **error)
{
  gsize length = 0;
  const guint8 *bytes;
  RemitInputType type;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (width_px > 0 && width_px <= 8192, NULL);

  bytes = g_bytes_get_data (data, &length);
  type = remit_input_type_sniff (bytes, length);

  if (type == REMIT_INPUT_PDF)
    {
      g_autoptr (PopplerDocument) document = open_pdf (data, error);
      g_autoptr (PopplerPage) pdf_page = NULL;
      GByteArray *png;
      cairo_surface_t *surface;
      cairo_t *cr;
      double width, height, scale;

      if (document == NULL)
        return NULL;
      if (page < 1 || (int) page > poppler_document_get_n_pages (document))
        {
          g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                       _("The document has no page %u."), page);
          return NULL;
        }

      pdf_page = poppler_document_get_page (document, page - 1);
      poppler_page_get_size (pdf_page, &width, &height);
      scale = width_px / width;
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px,
                                            (int) (height * scale + 0.5));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (pdf_page, cr);
      cairo_destroy (cr);

      png = g_byte_array_new ();
      cairo_surface_write_to_png_stream (surface, append_png, png);
      cairo_surface_destroy (surface);
      return g_byte_array_free_to_bytes (png);
    }

  if (type == REMIT_INPUT_PNG || type == REMIT_INPUT_JPEG || type == REMIT_INPUT_TIFF
      || type == REMIT_INPUT_GIF)
    {
      g_autoptr (GdkPixbuf) pixbuf = open_image (data, error);
      g_autoptr (GdkPixbuf) scaled = NULL;
      gchar *buffer = NULL;
      gsize size = 0;
      int height;

      if (pixbuf == NULL)
        return NULL;
      if (page != 1)
        {
          g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                       _("The document has no page %u."), page);
          return NULL;
        }

      height = MAX (1, (int) ((double) gdk_pixbuf_get_height (pixbuf) * width_px
                              / gdk_pixbuf_get_width (pixbuf) + 0.5));
      scaled = gdk_pixbuf_scale_simple (pixbuf, width_px, height, GDK_INTERP_BILINEAR);
      if (!gdk_pixbuf_save_to_buffer (scaled, &buffer, &size, "png", error, NULL))
        return NULL;
      return g_bytes_new_take (buffer, size);
    }

  g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
                       _("Only PDFs and images have pages to show."));
  return NULL;
}
