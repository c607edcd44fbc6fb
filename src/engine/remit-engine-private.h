/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-engine.h"

G_BEGIN_DECLS

/* Finds the payment fields in a document's layout (heuristics) and in its QR codes
 * (RemitQrCode, boxes in layout units; nullable), which win. */
RemitExtractionSet *remit_engine_find_values (RemitLayout *layout,
                                              GPtrArray *qr_codes,
                                              RemitEngineFlags flags,
                                              GCancellable *cancellable,
                                              GError **error);

G_END_DECLS
