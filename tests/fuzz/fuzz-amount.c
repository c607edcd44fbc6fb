/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "remit-amount.h"

/* Any text: parsing never crashes; what parses prints to the wire and reads back equal,
 * and formats in every display style. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autofree char *wire = NULL;
  RemitAmount amount, again;
  static const char *locales[] = { "de_DE", "de_CH", "en_US", "fr_FR", "C" };

  if (!remit_amount_parse (text, &amount, NULL))
    return 0;

  wire = remit_amount_to_wire (&amount);
  FUZZ_CHECK (remit_amount_parse (wire, &again, NULL));
  FUZZ_CHECK (remit_amount_equal (&amount, &again));

  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *display = remit_amount_format_for_locale (&amount, locales[i]);

      FUZZ_CHECK (display != NULL && g_utf8_validate (display, -1, NULL));
    }

  return 0;
}
