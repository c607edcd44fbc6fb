/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the engine's tests. */

#include <glib.h>

#include "remit-engine.h"

/* Runs the engine on @data and fails the test unless it gives a result. */
static inline RemitEngineResult *
extract (GBytes *data, RemitEngineFlags flags)
{
  g_autoptr (GError) error = NULL;
  RemitEngineResult *result = remit_engine_extract (data, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}
