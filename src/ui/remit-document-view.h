/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remit-extraction-set.h"
#include "remit-layout.h"

G_BEGIN_DECLS

#define REMIT_TYPE_DOCUMENT_VIEW (remit_document_view_get_type ())
G_DECLARE_FINAL_TYPE (RemitDocumentView, remit_document_view, REMIT, DOCUMENT_VIEW, GtkWidget)

GtkWidget *remit_document_view_new (void);

void remit_document_view_set_document (RemitDocumentView *self,
                                       GBytes *bytes,
                                       RemitLayout *layout,
                                       RemitExtractionSet *extractions);
RemitLayout *remit_document_view_get_layout (RemitDocumentView *self);

void remit_document_view_set_extractions (RemitDocumentView *self,
                                          RemitExtractionSet *extractions);
RemitExtractionSet *remit_document_view_get_extractions (RemitDocumentView *self);

const char *remit_document_view_get_selected_label (RemitDocumentView *self);
void remit_document_view_set_selected_label (RemitDocumentView *self, const char *label);

guint remit_document_view_get_n_pages (RemitDocumentView *self);
double remit_document_view_get_zoom (RemitDocumentView *self);
void remit_document_view_set_zoom (RemitDocumentView *self, double zoom);

G_END_DECLS
