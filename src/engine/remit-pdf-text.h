/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

#include "remit-layout.h"

G_BEGIN_DECLS

/* The text layer of a PDF as a layout: words with boxes (points, origin top left), font
 * size, family and weight, grouped in lines and paragraphs in poppler's reading order.
 * At most @max_pages pages (0: all). */
RemitLayout *remit_pdf_text_extract (PopplerDocument *document,
                                     guint max_pages,
                                     GCancellable *cancellable,
                                     GError **error);

gboolean remit_pdf_text_has_text (RemitLayout *layout);

G_END_DECLS
