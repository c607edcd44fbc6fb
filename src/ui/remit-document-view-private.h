/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-document-view.h"

G_BEGIN_DECLS

/* For tests and benchmarks: what the view computes and draws, in its own (widget)
 * coordinates, and the handlers its gestures call.
 *
 * GTK 4 offers no public way to put a pointer event into a widget, so tests call the very
 * functions the click and drag gestures call, with widget coordinates; everything from there
 * on (hit testing, conversion to layout units, signals) is the real code path. */

gboolean remit_document_view_get_page_rect (RemitDocumentView *self,
                                            guint index,
                                            graphene_rect_t *out);
gboolean remit_document_view_box_to_widget (RemitDocumentView *self,
                                            const RemitBox *box,
                                            graphene_rect_t *out);
gboolean remit_document_view_get_box_rect (RemitDocumentView *self,
                                           const char *label,
                                           graphene_rect_t *out);

void remit_document_view_click (RemitDocumentView *self, double x, double y);
void remit_document_view_drag (RemitDocumentView *self, double x1, double y1, double x2, double y2);

gboolean remit_document_view_page_has_texture (RemitDocumentView *self, guint index);
gboolean remit_document_view_is_rendered (RemitDocumentView *self);
gsize remit_document_view_get_texture_bytes (RemitDocumentView *self);
gsize remit_document_view_get_memory_budget (RemitDocumentView *self);
void remit_document_view_set_memory_budget (RemitDocumentView *self, gsize bytes);

G_END_DECLS
