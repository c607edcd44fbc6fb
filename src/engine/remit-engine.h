/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "remit-engine-error.h"
#include "remit-extraction-set.h"
#include "remit-layout.h"

G_BEGIN_DECLS

/**
 * RemitEngineFlags:
 * @REMIT_ENGINE_FLAGS_NONE: everything the engine can do
 * @REMIT_ENGINE_FLAGS_NO_EINVOICE: ignore embedded e-invoice XML and read the page
 * @REMIT_ENGINE_FLAGS_NO_QR: do not scan the pages for payment QR codes
 * @REMIT_ENGINE_FLAGS_NO_OCR: do not run text recognition on scans
 * @REMIT_ENGINE_FLAGS_NO_CLASSIFICATION: the caller does not need the source
 *   classification (remit_engine_result_get_source_classification() is then %NULL): a
 *   page's images need not be listed to tell a scan with a text layer from a native page
 */
typedef enum
{
  REMIT_ENGINE_FLAGS_NONE = 0,
  REMIT_ENGINE_FLAGS_NO_EINVOICE = 1 << 0,
  REMIT_ENGINE_FLAGS_NO_QR = 1 << 1,
  REMIT_ENGINE_FLAGS_NO_OCR = 1 << 2,
  REMIT_ENGINE_FLAGS_NO_CLASSIFICATION = 1 << 3,
} RemitEngineFlags;

/* The limits of the API: larger files are refused, later pages are not read. */
#define REMIT_ENGINE_MAX_FILE_SIZE (10 * 1024 * 1024)
#define REMIT_ENGINE_MAX_PAGES 10

typedef enum
{
  REMIT_INPUT_UNKNOWN,
  REMIT_INPUT_PDF,
  REMIT_INPUT_PNG,
  REMIT_INPUT_JPEG,
  REMIT_INPUT_TIFF,
  REMIT_INPUT_GIF,
  REMIT_INPUT_XML,
  REMIT_INPUT_TEXT,
} RemitInputType;

RemitInputType remit_input_type_sniff (const guint8 *data, gsize length);
RemitInputType remit_input_type_from_content_type (const char *content_type);
const char *remit_input_type_to_content_type (RemitInputType type);

/**
 * RemitEngineResult:
 *
 * What the engine found in one document: its layout and its extractions, in the shapes of
 * the API. Immutable and reference-counted.
 */
typedef struct _RemitEngineResult RemitEngineResult;

#define REMIT_TYPE_ENGINE_RESULT (remit_engine_result_get_type ())
GType remit_engine_result_get_type (void) G_GNUC_CONST;

RemitEngineResult *remit_engine_result_ref (RemitEngineResult *result);
void remit_engine_result_unref (RemitEngineResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitEngineResult, remit_engine_result_unref)

RemitLayout *remit_engine_result_get_layout (RemitEngineResult *result);
RemitExtractionSet *remit_engine_result_get_extractions (RemitEngineResult *result);
RemitInputType remit_engine_result_get_input_type (RemitEngineResult *result);
const char *remit_engine_result_get_source_classification (RemitEngineResult *result);
const char *remit_engine_result_get_method (RemitEngineResult *result);
guint remit_engine_result_get_page_count (RemitEngineResult *result);
guint remit_engine_result_get_processed_pages (RemitEngineResult *result);
gboolean remit_engine_result_is_truncated (RemitEngineResult *result);
JsonNode *remit_engine_result_to_extractions_json (RemitEngineResult *result);
JsonNode *remit_engine_result_to_layout_json (RemitEngineResult *result);

RemitEngineResult *remit_engine_extract (GBytes *data,
                                         RemitEngineFlags flags,
                                         GCancellable *cancellable,
                                         GError **error);
void remit_engine_extract_async (GBytes *data,
                                 RemitEngineFlags flags,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
RemitEngineResult *remit_engine_extract_finish (GAsyncResult *result, GError **error);

GBytes *remit_engine_render_page_png (GBytes *data, guint page, guint width_px, GError **error);

G_END_DECLS
