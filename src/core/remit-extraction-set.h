/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-extraction.h"

G_BEGIN_DECLS

/* The labels and names of the API that the model gives a meaning to. */
#define REMIT_LABEL_AMOUNTS_ARE_CONSISTENT "amountsAreConsistent"
#define REMIT_COMPOUND_LINE_ITEMS "lineItems"

/**
 * RemitExtractionMap:
 *
 * An ordered map from label to #RemitExtraction: the specific extractions of an answer,
 * or one row of a compound extraction (one line item). Reference-counted; labels keep the
 * order in which they came or were inserted.
 */
typedef struct _RemitExtractionMap RemitExtractionMap;

#define REMIT_TYPE_EXTRACTION_MAP (remit_extraction_map_get_type ())
GType remit_extraction_map_get_type (void) G_GNUC_CONST;

RemitExtractionMap *remit_extraction_map_new (void);
RemitExtractionMap *remit_extraction_map_ref (RemitExtractionMap *map);
void remit_extraction_map_unref (RemitExtractionMap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitExtractionMap, remit_extraction_map_unref)

RemitExtractionMap *remit_extraction_map_new_from_json (JsonObject *object, GError **error);
JsonNode *remit_extraction_map_to_json (RemitExtractionMap *map);

guint remit_extraction_map_get_size (RemitExtractionMap *map);
const char *remit_extraction_map_get_label (RemitExtractionMap *map, guint index);
RemitExtraction *remit_extraction_map_get_nth (RemitExtractionMap *map, guint index);
char **remit_extraction_map_get_labels (RemitExtractionMap *map);
RemitExtraction *remit_extraction_map_lookup (RemitExtractionMap *map, const char *label);
const char *remit_extraction_map_lookup_value (RemitExtractionMap *map, const char *label);
void remit_extraction_map_insert (RemitExtractionMap *map,
                                  const char *label,
                                  RemitExtraction *extraction);
gboolean remit_extraction_map_remove (RemitExtractionMap *map, const char *label);

#define REMIT_TYPE_EXTRACTION_SET (remit_extraction_set_get_type ())
G_DECLARE_FINAL_TYPE (RemitExtractionSet, remit_extraction_set, REMIT, EXTRACTION_SET, GObject)

RemitExtractionSet *remit_extraction_set_new (void);
RemitExtractionSet *remit_extraction_set_new_from_json (JsonNode *node, GError **error);
RemitExtractionSet *remit_extraction_set_new_from_string (const char *text,
                                                          gssize length,
                                                          GError **error);
RemitExtractionSet *remit_extraction_set_copy (RemitExtractionSet *self);

JsonNode *remit_extraction_set_to_json (RemitExtractionSet *self);
char *remit_extraction_set_to_string (RemitExtractionSet *self, gboolean pretty);

/* Specific extractions */
RemitExtractionMap *remit_extraction_set_get_extractions (RemitExtractionSet *self);
char **remit_extraction_set_get_labels (RemitExtractionSet *self);
RemitExtraction *remit_extraction_set_get_extraction (RemitExtractionSet *self, const char *label);
const char *remit_extraction_set_get_value (RemitExtractionSet *self, const char *label);
void remit_extraction_set_set_extraction (RemitExtractionSet *self,
                                          const char *label,
                                          RemitExtraction *extraction);
gboolean remit_extraction_set_remove_extraction (RemitExtractionSet *self, const char *label);
gboolean remit_extraction_set_has_consistent_amounts (RemitExtractionSet *self);

/* Candidate lists */
char **remit_extraction_set_get_candidate_names (RemitExtractionSet *self);
GPtrArray *remit_extraction_set_get_candidate_list (RemitExtractionSet *self, const char *name);
GPtrArray *remit_extraction_set_get_candidates (RemitExtractionSet *self, const char *label);
GPtrArray *remit_extraction_set_get_candidates_of (RemitExtractionSet *self,
                                                   RemitExtraction *extraction);
void remit_extraction_set_add_candidate (RemitExtractionSet *self,
                                         const char *name,
                                         RemitExtraction *extraction);

/* Compound extractions */
char **remit_extraction_set_get_compound_names (RemitExtractionSet *self);
GPtrArray *remit_extraction_set_get_compound (RemitExtractionSet *self, const char *name);
GPtrArray *remit_extraction_set_get_line_items (RemitExtractionSet *self);
void remit_extraction_set_add_compound_row (RemitExtractionSet *self,
                                            const char *name,
                                            RemitExtractionMap *row);
gboolean remit_extraction_set_remove_compound (RemitExtractionSet *self, const char *name);

/* Return reasons */
guint remit_extraction_set_get_n_return_reasons (RemitExtractionSet *self);
char **remit_extraction_set_get_return_reason_ids (RemitExtractionSet *self);
gboolean remit_extraction_set_has_return_reason (RemitExtractionSet *self, const char *id);
const char *remit_extraction_set_get_return_reason_text (RemitExtractionSet *self,
                                                         const char *id,
                                                         const char *language);
void remit_extraction_set_set_return_reason_text (RemitExtractionSet *self,
                                                  const char *id,
                                                  const char *language,
                                                  const char *text);

/* Top-level members the model does not know */
char **remit_extraction_set_get_extra_names (RemitExtractionSet *self);
JsonNode *remit_extraction_set_get_extra (RemitExtractionSet *self, const char *name);

G_END_DECLS
