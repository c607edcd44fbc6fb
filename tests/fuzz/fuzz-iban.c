/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include <string.h>

#include "remit-iban.h"

/* Any text as IBAN and as BIC: never a crash; a valid IBAN stays valid and equal when
 * printed in groups of four and read again; normalising is idempotent. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      FUZZ_CHECK (!remit_iban_is_valid (text));
      FUZZ_CHECK (!remit_bic_is_valid (text));
      return 0;
    }

  if (remit_iban_validate (text, &iban, NULL))
    {
      g_autofree char *grouped = remit_iban_format (iban);
      g_autofree char *back = NULL;

      FUZZ_CHECK (remit_iban_validate (grouped, &back, NULL));
      FUZZ_CHECK (g_str_equal (back, iban));
      FUZZ_CHECK (remit_iban_country_length (iban) == (int) strlen (iban));
    }

  if (remit_bic_validate (text, &bic, NULL))
    {
      g_autofree char *again = NULL;

      FUZZ_CHECK (remit_bic_validate (bic, &again, NULL));
      FUZZ_CHECK (g_str_equal (again, bic));
    }

  return 0;
}
