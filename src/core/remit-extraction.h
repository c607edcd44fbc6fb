/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-box.h"

G_BEGIN_DECLS

#define REMIT_TYPE_EXTRACTION (remit_extraction_get_type ())
G_DECLARE_FINAL_TYPE (RemitExtraction, remit_extraction, REMIT, EXTRACTION, GObject)

RemitExtraction *remit_extraction_new (const char *entity, const char *value);
RemitExtraction *remit_extraction_new_with_box (const char *entity,
                                                const char *value,
                                                const RemitBox *box);
RemitExtraction *remit_extraction_new_from_json (JsonObject *object, GError **error);
RemitExtraction *remit_extraction_copy (RemitExtraction *self);

JsonNode *remit_extraction_to_json (RemitExtraction *self);

const char *remit_extraction_get_entity (RemitExtraction *self);
void remit_extraction_set_entity (RemitExtraction *self, const char *entity);

const char *remit_extraction_get_value (RemitExtraction *self);
void remit_extraction_set_value (RemitExtraction *self, const char *value);

const RemitBox *remit_extraction_get_box (RemitExtraction *self);
void remit_extraction_set_box (RemitExtraction *self, const RemitBox *box);

const char *remit_extraction_get_candidates (RemitExtraction *self);
void remit_extraction_set_candidates (RemitExtraction *self, const char *candidates);

gboolean remit_extraction_has_confidence (RemitExtraction *self);
double remit_extraction_get_confidence (RemitExtraction *self);
void remit_extraction_set_confidence (RemitExtraction *self, double confidence);
void remit_extraction_clear_confidence (RemitExtraction *self);

char **remit_extraction_get_extra_names (RemitExtraction *self);
JsonNode *remit_extraction_get_extra (RemitExtraction *self, const char *name);
void remit_extraction_set_extra (RemitExtraction *self, const char *name, JsonNode *node);

G_END_DECLS
