/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include "remit-engine-private.h"
#include "remit-heuristics.h"
#include "remit-qr.h"

RemitExtractionSet *
remit_engine_find_values (RemitLayout *layout,
                          GPtrArray *qr_codes,
                          RemitEngineFlags flags,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (RemitExtractionSet) found = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  found = remit_heuristics_extract (layout);

  /* A payment QR code states the values exactly: they replace what the words suggest. */
  if (found != NULL && qr_codes != NULL && (flags & REMIT_ENGINE_FLAGS_NO_QR) == 0)
    return remit_qr_merge (found, qr_codes, layout);

  return g_steal_pointer (&found);
}
