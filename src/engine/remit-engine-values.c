/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include "remit-engine-private.h"
#include "remit-heuristics.h"

RemitExtractionSet *
remit_engine_find_values (RemitLayout *layout,
                          RemitEngineFlags flags,
                          GCancellable *cancellable,
                          GError **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return remit_heuristics_extract (layout);
}
