/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remit-amount.h"
#include "remit-extraction-set.h"
#include "remit-feedback.h"
#include "remit-line-items.h"

G_BEGIN_DECLS

#define REMIT_TYPE_RETURN_ASSISTANT (remit_return_assistant_get_type ())
G_DECLARE_FINAL_TYPE (RemitReturnAssistant, remit_return_assistant, REMIT, RETURN_ASSISTANT,
                      GtkWidget)

gboolean remit_return_assistant_can_show (RemitExtractionSet *extractions);
RemitLineItems *remit_return_assistant_build_items (RemitExtractionSet *extractions);

GtkWidget *remit_return_assistant_new (void);

void remit_return_assistant_set_extractions (RemitReturnAssistant *self,
                                             RemitExtractionSet *extractions);
RemitExtractionSet *remit_return_assistant_get_extractions (RemitReturnAssistant *self);

const char *remit_return_assistant_get_language (RemitReturnAssistant *self);
void remit_return_assistant_set_language (RemitReturnAssistant *self, const char *language);

RemitLineItems *remit_return_assistant_get_items (RemitReturnAssistant *self);

void remit_return_assistant_fill_feedback (RemitReturnAssistant *self, RemitFeedback *feedback);

G_END_DECLS
