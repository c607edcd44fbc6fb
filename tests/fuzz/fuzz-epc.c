/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "remit-epc.h"

static gboolean
same_string (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL && *a ? a : NULL, b != NULL && *b ? b : NULL) == 0;
}

/* Any bytes as a GiroCode: parsing never crashes; a payload that parses builds again, and
 * the built payload parses to the same values. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (RemitEpcPayload) payload = NULL;
  g_autoptr (RemitEpcPayload) again = NULL;
  g_autofree char *built = NULL;

  payload = remit_epc_payload_parse ((const char *) data, size, NULL);
  if (payload == NULL)
    return 0;

  FUZZ_CHECK (g_utf8_validate (payload->name, -1, NULL));
  built = remit_epc_payload_build (payload, NULL);
  FUZZ_CHECK (built != NULL);
  again = remit_epc_payload_parse (built, -1, NULL);
  FUZZ_CHECK (again != NULL);

  FUZZ_CHECK (again->version == payload->version);
  FUZZ_CHECK (same_string (again->bic, payload->bic));
  FUZZ_CHECK (same_string (again->name, payload->name));
  FUZZ_CHECK (same_string (again->iban, payload->iban));
  FUZZ_CHECK (again->has_amount == payload->has_amount);
  FUZZ_CHECK (!payload->has_amount || remit_amount_equal (&again->amount, &payload->amount));
  FUZZ_CHECK (same_string (again->purpose, payload->purpose));
  FUZZ_CHECK (same_string (again->reference, payload->reference));
  FUZZ_CHECK (same_string (again->text, payload->text));
  FUZZ_CHECK (same_string (again->information, payload->information));

  return 0;
}
