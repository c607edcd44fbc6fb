/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-line-items.h"

G_BEGIN_DECLS

/**
 * RemitFeedbackKind:
 * @REMIT_FEEDBACK_KIND_NONE: nothing is sent for the label
 * @REMIT_FEEDBACK_KIND_POSITIVE: the extracted value was confirmed unchanged
 * @REMIT_FEEDBACK_KIND_NEGATIVE: the extracted value was corrected
 * @REMIT_FEEDBACK_KIND_COMPLEMENTARY: a value was added where nothing was found
 * @REMIT_FEEDBACK_KIND_INFORMATIVE: extra information, such as a returned line item
 *
 * What a piece of feedback tells the extraction service. All kinds travel in the same
 * body; the kind follows from the original and the reviewed value.
 */
typedef enum
{
  REMIT_FEEDBACK_KIND_NONE,
  REMIT_FEEDBACK_KIND_POSITIVE,
  REMIT_FEEDBACK_KIND_NEGATIVE,
  REMIT_FEEDBACK_KIND_COMPLEMENTARY,
  REMIT_FEEDBACK_KIND_INFORMATIVE,
} RemitFeedbackKind;

#define REMIT_TYPE_FEEDBACK_KIND (remit_feedback_kind_get_type ())
GType remit_feedback_kind_get_type (void) G_GNUC_CONST;

/**
 * RemitFeedbackProblem:
 * @label: the label whose value breaks a rule
 * @row: the index of the line item, or -1 for a label of the document
 * @message: a translated sentence for the person
 *
 * One reason why the feedback cannot be sent yet.
 */
typedef struct
{
  char *label;
  int row;
  char *message;
} RemitFeedbackProblem;

#define REMIT_TYPE_FEEDBACK_PROBLEM (remit_feedback_problem_get_type ())
GType remit_feedback_problem_get_type (void) G_GNUC_CONST;
RemitFeedbackProblem *remit_feedback_problem_copy (const RemitFeedbackProblem *problem);
void remit_feedback_problem_free (RemitFeedbackProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitFeedbackProblem, remit_feedback_problem_free)

/* Validation of single values, the rules the API applies. */
const char *remit_feedback_label_get_entity (const char *label);
gboolean remit_feedback_validate_value (const char *entity,
                                        const char *label,
                                        const char *value,
                                        const char *const *return_reason_ids,
                                        GError **error);

#define REMIT_TYPE_FEEDBACK (remit_feedback_get_type ())
G_DECLARE_FINAL_TYPE (RemitFeedback, remit_feedback, REMIT, FEEDBACK, GObject)

RemitFeedback *remit_feedback_new (void);

void remit_feedback_set_return_reasons (RemitFeedback *self, const char *const *reason_ids);

/* Labels of the document */
void remit_feedback_set_value (RemitFeedback *self,
                               const char *label,
                               const char *entity,
                               const char *original,
                               const char *value);
void remit_feedback_remove_value (RemitFeedback *self, const char *label);
const char *remit_feedback_get_value (RemitFeedback *self, const char *label);
const char *remit_feedback_get_original (RemitFeedback *self, const char *label);
RemitFeedbackKind remit_feedback_get_kind (RemitFeedback *self, const char *label);
char **remit_feedback_dup_labels (RemitFeedback *self);
void remit_feedback_set_box (RemitFeedback *self,
                             const char *label,
                             guint page,
                             double left,
                             double top,
                             double width,
                             double height);

/* Labels found where there was nothing to find: sent as DELETE, not in the body. */
void remit_feedback_mark_wrongly_found (RemitFeedback *self, const char *label);
gboolean remit_feedback_is_wrongly_found (RemitFeedback *self, const char *label);
char **remit_feedback_dup_wrongly_found (RemitFeedback *self);

/* Line items */
guint remit_feedback_append_line_item (RemitFeedback *self);
guint remit_feedback_get_n_line_items (RemitFeedback *self);
void remit_feedback_clear_line_items (RemitFeedback *self);
void remit_feedback_set_line_item_value (RemitFeedback *self,
                                         guint row,
                                         const char *label,
                                         const char *entity,
                                         const char *original,
                                         const char *value);
void remit_feedback_set_line_item_box (RemitFeedback *self,
                                       guint row,
                                       const char *label,
                                       guint page,
                                       double left,
                                       double top,
                                       double width,
                                       double height);
void remit_feedback_set_line_item_returned (RemitFeedback *self,
                                            guint row,
                                            gboolean returned,
                                            const char *reason_id);
const char *remit_feedback_get_line_item_value (RemitFeedback *self,
                                                guint row,
                                                const char *label);
RemitFeedbackKind remit_feedback_get_line_item_kind (RemitFeedback *self, guint row);
void remit_feedback_set_line_items_from_model (RemitFeedback *self, RemitLineItems *items);

/* The body */
gboolean remit_feedback_validate (RemitFeedback *self, GPtrArray **problems);
JsonNode *remit_feedback_to_json (RemitFeedback *self, GError **error);
char *remit_feedback_to_string (RemitFeedback *self, GError **error);

G_END_DECLS
