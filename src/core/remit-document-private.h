/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-document.h"

G_BEGIN_DECLS

/*
 * Type-checked JSON reading for the API resources (documents, payments). A member whose
 * value is null counts as absent. Errors are REMIT_CORE_ERROR_MALFORMED and name the
 * member by its path, e.g. “documents[2]._links.layout”.
 */

typedef enum
{
  REMIT_JSON_MISSING,
  REMIT_JSON_NOT_STRING,
  REMIT_JSON_NOT_INTEGER,
  REMIT_JSON_NOT_OBJECT,
  REMIT_JSON_NOT_ARRAY,
  REMIT_JSON_NOT_DATE,
} RemitJsonProblem;

char *remit_json_member_path (const char *parent, const char *name);
gboolean remit_json_malformed (GError **error,
                               const char *parent,
                               const char *name,
                               RemitJsonProblem problem);
gboolean remit_json_malformed_value (GError **error,
                                     const char *parent,
                                     const char *name,
                                     const char *value);
gboolean remit_json_not_an_object (GError **error, const char *path);

JsonNode *remit_json_lookup (JsonObject *object, const char *name);
gboolean remit_json_node_is_string (JsonNode *node);
gboolean remit_json_read_string (JsonObject *object,
                                 const char *parent,
                                 const char *name,
                                 gboolean required,
                                 char **out,
                                 GError **error);
gboolean remit_json_read_int64 (JsonObject *object,
                                const char *parent,
                                const char *name,
                                gboolean required,
                                gint64 *out,
                                gboolean *present,
                                GError **error);
gboolean remit_json_read_object (JsonObject *object,
                                 const char *parent,
                                 const char *name,
                                 gboolean required,
                                 JsonObject **out,
                                 GError **error);
gboolean remit_json_read_array (JsonObject *object,
                                const char *parent,
                                const char *name,
                                JsonArray **out,
                                GError **error);

JsonNode *remit_json_deep_copy (JsonNode *node);
JsonObject *remit_json_copy_object (JsonObject *source, const char *const *skip);
void remit_json_add_members (JsonObject *object, JsonObject *extra);
JsonNode *remit_json_object_node (JsonObject *object);
JsonNode *remit_json_array_node (JsonArray *array);

gboolean remit_json_set_string (char **field, const char *value);

G_END_DECLS
