/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include "remit-return-reasons.h"

/* The texts are data of the document, as a server would send them, in both languages;
 * they are not looked up in the UI's translation. */
static const struct
{
  const char *id;
  const char *de;
  const char *en;
} reasons[] = {
  { "r1", "Artikel ist beschädigt", "Item is damaged" },
  { "r2", "Falscher Artikel geliefert", "Wrong item delivered" },
  { "r3", "Passt nicht", "Does not fit" },
  { "r4", "Entspricht nicht der Beschreibung", "Not as described" },
  { "r5", "Zu spät geliefert", "Arrived too late" },
  { "r6", "Nicht mehr benötigt", "No longer needed" },
};

void
remit_return_reasons_add (RemitExtractionSet *set)
{
  g_return_if_fail (REMIT_IS_EXTRACTION_SET (set));

  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      remit_extraction_set_set_return_reason_text (set, reasons[i].id, "de", reasons[i].de);
      remit_extraction_set_set_return_reason_text (set, reasons[i].id, "en", reasons[i].en);
    }
}
