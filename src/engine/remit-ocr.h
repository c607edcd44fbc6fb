/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remit-layout.h"
#include "remit-raster.h"

G_BEGIN_DECLS

/* The languages read, as Tesseract names its models; German first. */
#define REMIT_OCR_LANGUAGES "deu+eng"

/* The resolution at which PDF pages without text are rendered for recognition; the
 * layout of such a page is in pixels of that rendering. */
#define REMIT_OCR_PDF_DPI 300

/**
 * RemitOcr:
 *
 * Text recognition (Tesseract) of scanned pages and photos into a #RemitLayout, words
 * with boxes in pixels of the image. Not thread-safe: one per document.
 */
typedef struct _RemitOcr RemitOcr;

RemitOcr *remit_ocr_new (GError **error);
void remit_ocr_free (RemitOcr *ocr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitOcr, remit_ocr_free)

gboolean remit_ocr_add_page (RemitOcr *ocr,
                             const RemitRaster *raster,
                             int number,
                             RemitLayoutBuilder *builder,
                             GCancellable *cancellable,
                             GError **error);

G_END_DECLS
