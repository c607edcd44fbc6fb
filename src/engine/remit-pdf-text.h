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

/* Adds @page to @builder as page @number with its words; returns how many words it has.
 * Poppler keeps a page's text once read (also when the same PopplerPage was rendered
 * before), so rendering a page first and then reading its text costs one pass, not two. */
guint remit_pdf_text_add_page (RemitLayoutBuilder *builder, PopplerPage *page, int number);

gboolean remit_pdf_text_has_text (RemitLayout *layout);

G_END_DECLS
