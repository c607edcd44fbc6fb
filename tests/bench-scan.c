/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-scan"

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <qrencode.h>

#include "bench-common.h"
#include "remit-engine.h"
#include "remit-epc.h"
#include "remit-ocr.h"
#include "remit-poppler-private.h"
#include "remit-qr.h"
#include "scan-documents.h"

/* How long QR scanning and text recognition take per page, in wall-clock and processor
 * time (the median of a few runs), on documents drawn here. Run with
 * `meson test -C _build --benchmark --suite engine -v`. `bench-scan --save DIR` writes the
 * documents to DIR instead, to time remit-cli on them. */

#define RUNS 5

typedef struct
{
  double wall;
  double cpu;
} Sample;

static double
now (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef void (*Work) (gpointer data);

static void
measure (const char *what, Work work, gpointer data, guint runs)
{
  double walls[RUNS], cpus[RUNS];

  runs = MIN (runs, RUNS);
  for (guint i = 0; i < runs; i++)
    {
      double wall = now (CLOCK_MONOTONIC), cpu = now (CLOCK_PROCESS_CPUTIME_ID);

      work (data);
      walls[i] = now (CLOCK_MONOTONIC) - wall;
      cpus[i] = now (CLOCK_PROCESS_CPUTIME_ID) - cpu;
    }
  g_print ("%-52s %8.0f ms wall %8.0f ms cpu  (median of %u)\n", what,
           bench_median (walls, runs) * 1000, bench_median (cpus, runs) * 1000, runs);
}

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The invoice as a native PDF with a GiroCode of 3 cm drawn as vectors beside the bank
 * details, and as many pages as asked. */
static GBytes *
native_pdf (guint n_pages, gboolean with_code)
{
  g_autoptr (RemitEpcPayload) payload = remit_epc_payload_new ();
  g_autofree char *text = NULL;
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append, bytes, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  QRcode *qr;

  payload->name = g_strdup ("Stadtwerke Musterstadt GmbH");
  payload->iban = g_strdup ("DE02120300000000202051");
  payload->bic = g_strdup ("BYLADEM1001");
  payload->has_amount = TRUE;
  remit_amount_init (&payload->amount, 33550, "EUR");
  payload->text = g_strdup ("Rechnung 2024-0815 Kundennr. 4711");
  text = remit_epc_payload_build (payload, NULL);
  qr = QRcode_encodeData (strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);

  for (guint page = 0; page < n_pages; page++)
    {
      scan_draw_invoice (cr, 0);
      if (with_code && page == 0)
        {
          double module = 3 * 72 / 2.54 / qr->width;

          for (int row = 0; row < qr->width; row++)
            for (int column = 0; column < qr->width; column++)
              if (qr->data[row * qr->width + column] & 1)
                cairo_rectangle (cr, 440 + column * module, 520 + row * module, module, module);
          cairo_fill (cr);
        }
      cairo_show_page (cr);
    }

  QRcode_free (qr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

typedef struct
{
  GBytes *data;
  RemitEngineFlags flags;
  PopplerPage *page;
  RemitRaster *raster;
} Job;

static void
run_extract (gpointer data)
{
  Job *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (job->data, job->flags, NULL, &error);

  if (result == NULL)
    g_error ("%s", error->message);
}

static void
run_scan_page (gpointer data)
{
  Job *job = data;
  g_autoptr (RemitQrScanner) scanner = remit_qr_scanner_new ();
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();

  remit_qr_scanner_scan_pdf_page (scanner, job->page, 1, codes);
}

static void
run_ocr_new (gpointer data)
{
  g_autoptr (RemitOcr) ocr = remit_ocr_new (NULL);

  g_assert_nonnull (ocr);
}

static void
run_ocr_page (gpointer data)
{
  Job *job = data;
  g_autoptr (RemitOcr) ocr = remit_ocr_new (NULL);
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;

  if (!remit_ocr_add_page (ocr, job->raster, 1, builder, NULL, NULL))
    g_error ("recognition failed");
  layout = remit_layout_builder_end (builder);
}

static void
run_scan_raster (gpointer data)
{
  Job *job = data;
  g_autoptr (RemitQrScanner) scanner = remit_qr_scanner_new ();
  g_autoptr (GPtrArray) codes = remit_qr_code_array_new ();

  remit_qr_scanner_scan_raster (scanner, job->raster, 1, codes);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GBytes) native = native_pdf (1, TRUE);
  g_autoptr (GBytes) native_10 = native_pdf (10, FALSE);
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (native, NULL, NULL);
  g_autoptr (PopplerPage) page = poppler_document_get_page (document, 0);
  cairo_surface_t *scan = scan_render (300);
  g_autoptr (GBytes) png = scan_png (scan);
  g_autoptr (GdkPixbuf) photo = scan_photo (150, 24);
  g_autoptr (GBytes) jpeg = scan_jpeg (photo, "80");
  g_autoptr (GBytes) scanned_pdf = scan_pdf (scan, 1, FALSE);
  g_autoptr (RemitRaster) raster = remit_raster_new_from_surface (scan, NULL);
  Job job = { 0 };
  struct rusage usage;

  if (argc == 3 && g_str_equal (argv[1], "--save"))
    {
      static const char *const names[] = {
        "native-girocode.pdf", "native-10-pages.pdf", "scan-300dpi.png", "photo-150dpi.jpg",
        "scan-300dpi.pdf",
      };
      GBytes *documents[] = { native, native_10, png, jpeg, scanned_pdf };

      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (argv[2], names[i], NULL);
          g_autoptr (GError) error = NULL;

          if (!g_file_set_contents (path, g_bytes_get_data (documents[i], NULL),
                                    g_bytes_get_size (documents[i]), &error))
            g_error ("%s", error->message);
        }
      cairo_surface_destroy (scan);
      return 0;
    }

  g_print ("QR codes\n");
  job.page = page;
  measure ("  scan an A4 page with a code (72 + 300 dpi)", run_scan_page, &job, RUNS);
  job.data = native;
  job.flags = REMIT_ENGINE_FLAGS_NO_QR;
  measure ("  extract native 1-page PDF, no QR scan", run_extract, &job, RUNS);
  job.flags = REMIT_ENGINE_FLAGS_NONE;
  measure ("  extract native 1-page PDF with GiroCode", run_extract, &job, RUNS);
  job.data = native_10;
  job.flags = REMIT_ENGINE_FLAGS_NO_QR;
  measure ("  extract native 10-page PDF, no QR scan", run_extract, &job, 3);
  job.flags = REMIT_ENGINE_FLAGS_NONE;
  measure ("  extract native 10-page PDF with QR scan", run_extract, &job, 3);
  job.raster = raster;
  measure ("  scan a 300 dpi A4 image (2481 x 3508)", run_scan_raster, &job, RUNS);

  g_print ("Text recognition (%s)\n", REMIT_OCR_LANGUAGES);
  measure ("  load the models", run_ocr_new, NULL, 3);
  measure ("  load + recognize an A4 page at 300 dpi", run_ocr_page, &job, 3);
  job.data = png;
  job.flags = REMIT_ENGINE_FLAGS_NONE;
  measure ("  extract 300 dpi PNG scan (decode, QR, OCR)", run_extract, &job, 3);
  job.data = jpeg;
  measure ("  extract 150 dpi JPEG photo (enlarged 1.8x)", run_extract, &job, 3);
  job.data = scanned_pdf;
  measure ("  extract 1-page scanned PDF (render 300 dpi)", run_extract, &job, 3);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("Peak memory of this process: %ld MiB\n", usage.ru_maxrss / 1024);

  cairo_surface_destroy (scan);
  return 0;
}
