/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "remit-layout.h"

/* Any bytes as a layout answer: parsing never crashes; what parses round-trips, and the
 * geometry functions work on every page. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitLayout) again = NULL;
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;

  layout = remit_layout_new_from_string ((const char *) data, size, NULL);
  if (layout == NULL)
    return 0;

  first = remit_layout_to_json (layout);
  again = remit_layout_new_from_json (first, NULL);
  FUZZ_CHECK (again != NULL);
  second = remit_layout_to_json (again);
  FUZZ_CHECK (json_node_equal (first, second));

  for (guint i = 0; i < remit_layout_get_n_pages (layout); i++)
    {
      const RemitLayoutPage *page = remit_layout_get_page (layout, i);
      double w = remit_layout_page_get_width (page);
      double h = remit_layout_page_get_height (page);
      RemitBox half = { remit_layout_page_get_number (page), 0, 0, w / 2, h / 2 };
      RemitBox scaled;
      g_autofree char *text = remit_layout_page_text_in_rect (page, &half);
      g_autofree char *all = remit_layout_page_get_text (page);
      g_autoptr (GPtrArray) found = remit_layout_find_words (layout, &half);

      FUZZ_CHECK (text != NULL && all != NULL);
      remit_layout_page_word_at (page, w / 3, h / 3);
      remit_layout_page_scale_box_to (page, &half, 1000, 1000, &scaled);
      FUZZ_CHECK (scaled.width >= 0 && scaled.height >= 0);
    }

  return 0;
}
