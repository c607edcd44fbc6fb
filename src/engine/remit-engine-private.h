/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-engine.h"

G_BEGIN_DECLS

/* Finds the payment fields in a document's layout (heuristics, and later QR codes). */
RemitExtractionSet *remit_engine_find_values (RemitLayout *layout,
                                              RemitEngineFlags flags,
                                              GCancellable *cancellable,
                                              GError **error);

G_END_DECLS
