/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RemitEngineError:
 * @REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE: not a PDF, image or e-invoice the engine reads
 * @REMIT_ENGINE_ERROR_TOO_LARGE: the file is larger than 10 MiB
 * @REMIT_ENGINE_ERROR_ENCRYPTED: the PDF is protected by a password
 * @REMIT_ENGINE_ERROR_CORRUPT: the file cannot be read as what it claims to be
 * @REMIT_ENGINE_ERROR_OCR_UNAVAILABLE: a scan needs text recognition that is not installed
 * @REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE: the document needs a library that is not
 *   installed: libxml2 for e-invoices, gdk-pixbuf for images
 *
 * Errors of the local extraction engine.
 */
typedef enum
{
  REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
  REMIT_ENGINE_ERROR_TOO_LARGE,
  REMIT_ENGINE_ERROR_ENCRYPTED,
  REMIT_ENGINE_ERROR_CORRUPT,
  REMIT_ENGINE_ERROR_OCR_UNAVAILABLE,
  REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE,
} RemitEngineError;

#define REMIT_ENGINE_ERROR (remit_engine_error_quark ())
GQuark remit_engine_error_quark (void);

G_END_DECLS
