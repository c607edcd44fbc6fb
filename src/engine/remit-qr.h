/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

#include "remit-amount.h"
#include "remit-box.h"
#include "remit-extraction-set.h"
#include "remit-layout.h"
#include "remit-raster.h"

G_BEGIN_DECLS

/* The resolution at which PDF pages are scanned whole for QR codes, when a quick look
 * cannot tell where a code might be. Measured on GiroCodes of versions 7 to 13 drawn as
 * vectors: 150 dpi misses some at 2.0 to 2.5 cm, 200 dpi reads them all from 2.0 cm up. */
#define REMIT_QR_PDF_DPI 200

/* A document whose pages hold no more words than this outside its QR codes is only a
 * QR code (a caption like “Bezahlen mit GiroCode” still counts as nothing). */
#define REMIT_QR_ONLY_MAX_WORDS 8

/**
 * RemitQrKind:
 * @REMIT_QR_KIND_OTHER: a code without (valid) payment data
 * @REMIT_QR_KIND_GIROCODE: an EPC069-12 GiroCode
 * @REMIT_QR_KIND_BEZAHLCODE: a BezahlCode (`bank://singlepaymentsepa?…`)
 */
typedef enum
{
  REMIT_QR_KIND_OTHER,
  REMIT_QR_KIND_GIROCODE,
  REMIT_QR_KIND_BEZAHLCODE,
} RemitQrKind;

/**
 * RemitQrCode:
 * @kind: what the code holds
 * @box: where the code is: its page and the box in the units of that page (pixels of a
 *   raster, points of a PDF page, or the layout's units once converted)
 * @data: the bytes of the code
 * @name: (nullable): the payee
 * @iban: (nullable): the payee's IBAN, set for every payment code
 * @bic: (nullable): the BIC
 * @has_amount: whether @amount is set
 * @amount: the amount to pay
 * @text: (nullable): the unstructured remittance text
 * @reference: (nullable): the structured creditor reference (GiroCode only)
 *
 * A QR code found on a page and, for a payment code, what it asks to pay.
 */
typedef struct
{
  RemitQrKind kind;
  RemitBox box;
  GBytes *data;
  char *name;
  char *iban;
  char *bic;
  gboolean has_amount;
  RemitAmount amount;
  char *text;
  char *reference;
} RemitQrCode;

RemitQrCode *remit_qr_code_new (const guint8 *data, gsize length, const RemitBox *box);
void remit_qr_code_free (RemitQrCode *code);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitQrCode, remit_qr_code_free)

GPtrArray *remit_qr_code_array_new (void);

/**
 * RemitQrScanner:
 *
 * Finds QR codes in rasters and PDF pages (zbar). Not thread-safe: one per document.
 */
typedef struct _RemitQrScanner RemitQrScanner;

RemitQrScanner *remit_qr_scanner_new (void);
void remit_qr_scanner_free (RemitQrScanner *scanner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitQrScanner, remit_qr_scanner_free)

guint remit_qr_scanner_scan_raster (RemitQrScanner *scanner,
                                    const RemitRaster *raster,
                                    int page,
                                    GPtrArray *codes);
typedef struct _RemitQrPlaces RemitQrPlaces;

RemitQrPlaces *remit_qr_places_find (PopplerPage *page);
void remit_qr_places_free (RemitQrPlaces *places);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitQrPlaces, remit_qr_places_free)

guint remit_qr_scanner_scan_places (RemitQrScanner *scanner,
                                    PopplerPage *page,
                                    int number,
                                    const RemitQrPlaces *places,
                                    GPtrArray *codes);
guint remit_qr_scanner_scan_pdf_page (RemitQrScanner *scanner,
                                      PopplerPage *page,
                                      int number,
                                      GPtrArray *codes);

RemitExtractionSet *remit_qr_merge (RemitExtractionSet *found,
                                    GPtrArray *codes,
                                    RemitLayout *layout);
gboolean remit_qr_has_payment (GPtrArray *codes);

G_END_DECLS
