/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "remit-amount.h"
#include "remit-box.h"
#include "remit-extraction-set.h"
#include "remit-feedback.h"

G_BEGIN_DECLS

#define REMIT_TYPE_REVIEW_PANEL (remit_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (RemitReviewPanel, remit_review_panel, REMIT, REVIEW_PANEL, GtkWidget)

GtkWidget *remit_review_panel_new (void);

const char *const *remit_review_panel_get_field_labels (void);

void remit_review_panel_set_extractions (RemitReviewPanel *self, RemitExtractionSet *extractions);
RemitExtractionSet *remit_review_panel_get_extractions (RemitReviewPanel *self);

const char *remit_review_panel_get_selected_label (RemitReviewPanel *self);
void remit_review_panel_set_selected_label (RemitReviewPanel *self, const char *label);

gboolean remit_review_panel_set_value_from_page (RemitReviewPanel *self,
                                                 const char *label,
                                                 const char *text);
gboolean remit_review_panel_set_value_from_page_with_box (RemitReviewPanel *self,
                                                          const char *label,
                                                          const char *text,
                                                          const RemitBox *box);
void remit_review_panel_set_amount_from_items (RemitReviewPanel *self, const RemitAmount *amount);

char *remit_review_panel_dup_value (RemitReviewPanel *self, const char *label);
gboolean remit_review_panel_is_wrongly_found (RemitReviewPanel *self, const char *label);
void remit_review_panel_mark_wrongly_found (RemitReviewPanel *self,
                                            const char *label,
                                            gboolean wrongly_found);
const char *remit_review_panel_get_problem (RemitReviewPanel *self, const char *label);
gboolean remit_review_panel_get_valid (RemitReviewPanel *self);

RemitFeedback *remit_review_panel_build_feedback (RemitReviewPanel *self);

GHashTable *remit_review_panel_dup_values (RemitReviewPanel *self);
void remit_review_panel_restore_values (RemitReviewPanel *self, GHashTable *values);

G_END_DECLS
