/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (inputs with an inner NUL end there, as C strings
 * do in the code under test). */
static inline char *
fuzz_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *) data, size);
}

/* A broken invariant is a finding: abort so that libFuzzer saves the input. */
#define FUZZ_CHECK(expr)                                                                       \
  G_STMT_START                                                                                 \
  {                                                                                            \
    if (!(expr))                                                                               \
      {                                                                                        \
        g_printerr ("fuzz check failed: %s (%s:%d)\n", #expr, __FILE__, __LINE__);             \
        abort ();                                                                              \
      }                                                                                        \
  }                                                                                            \
  G_STMT_END
