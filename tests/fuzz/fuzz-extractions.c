/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "remit-extraction-set.h"

/* Any bytes as an extractions answer: parsing never crashes; what parses serialises, and
 * the serialised form parses to an equal document. Every accessor works on it. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (RemitExtractionSet) again = NULL;
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_auto (GStrv) labels = NULL;
  g_auto (GStrv) reasons = NULL;

  set = remit_extraction_set_new_from_string ((const char *) data, size, NULL);
  if (set == NULL)
    return 0;

  first = remit_extraction_set_to_json (set);
  FUZZ_CHECK (first != NULL);
  {
    g_autofree char *text = json_to_string (first, FALSE);

    again = remit_extraction_set_new_from_string (text, -1, NULL);
  }
  FUZZ_CHECK (again != NULL);
  second = remit_extraction_set_to_json (again);
  FUZZ_CHECK (json_node_equal (first, second));

  labels = remit_extraction_set_get_labels (set);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      RemitExtraction *extraction = remit_extraction_set_get_extraction (set, labels[i]);

      FUZZ_CHECK (extraction != NULL);
      remit_extraction_set_get_candidates_of (set, extraction);
    }
  remit_extraction_set_get_line_items (set);
  remit_extraction_set_has_consistent_amounts (set);
  reasons = remit_extraction_set_get_return_reason_ids (set);
  for (guint i = 0; reasons[i] != NULL; i++)
    FUZZ_CHECK (remit_extraction_set_get_return_reason_text (set, reasons[i], "de") != NULL);

  return 0;
}
