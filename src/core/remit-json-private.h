/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Type-checked reading and writing of the API's JSON, shared by the core models.
 *
 * A path names a place in an answer as a person would look it up: "extractions.iban.value",
 * "documents[2]._links.layout", "[0].images"; NULL is the answer itself. The readers take the
 * path of the object they read from and the name of the member, and their errors are
 * REMIT_CORE_ERROR_MALFORMED with a message that names the full path, e.g.
 * “extractions.iban.value” is not a string.
 *
 * A member whose value is JSON null counts as absent. An absent member is an error only when
 * it is required; otherwise the reader returns TRUE, sets *found (when given) to FALSE and
 * leaves *out as it was. Strings, objects and arrays are borrowed from the tree read;
 * remit_json_dup_string() copies.
 */

/* Paths */

char *remit_json_path_member (const char *parent, const char *member);
char *remit_json_path_index (const char *parent, guint index);

/* Errors */

typedef enum
{
  REMIT_JSON_MISSING,
  REMIT_JSON_NOT_STRING,
  REMIT_JSON_NOT_NUMBER,
  REMIT_JSON_NOT_WHOLE_NUMBER,
  REMIT_JSON_NOT_BOOLEAN,
  REMIT_JSON_NOT_OBJECT,
  REMIT_JSON_NOT_ARRAY,
  REMIT_JSON_NOT_DATE,
  REMIT_JSON_NEGATIVE,
  REMIT_JSON_NOT_PAGE_NUMBER,
} RemitJsonProblem;

gboolean remit_json_malformed (GError **error,
                               const char *parent,
                               const char *member,
                               RemitJsonProblem problem);
gboolean remit_json_malformed_value (GError **error,
                                     const char *parent,
                                     const char *member,
                                     const char *value);
gboolean remit_json_malformed_int (GError **error,
                                   const char *parent,
                                   const char *member,
                                   gint64 value);

/* Reading */

JsonNode *remit_json_lookup (JsonObject *object, const char *member);
gboolean remit_json_node_is_string (JsonNode *node);
const char *remit_json_lookup_string (JsonObject *object, const char *member);

gboolean remit_json_node_get_object (JsonNode *node,
                                     const char *path,
                                     JsonObject **out,
                                     GError **error);
gboolean remit_json_node_get_array (JsonNode *node,
                                    const char *path,
                                    JsonArray **out,
                                    GError **error);

gboolean remit_json_get_string (JsonObject *object,
                                const char *parent,
                                const char *member,
                                gboolean required,
                                const char **out,
                                GError **error);
gboolean remit_json_dup_string (JsonObject *object,
                                const char *parent,
                                const char *member,
                                gboolean required,
                                char **out,
                                GError **error);
gboolean remit_json_get_number (JsonObject *object,
                                const char *parent,
                                const char *member,
                                gboolean required,
                                double *out,
                                gboolean *found,
                                GError **error);
gboolean remit_json_get_int (JsonObject *object,
                             const char *parent,
                             const char *member,
                             gboolean required,
                             gint64 *out,
                             gboolean *found,
                             GError **error);
gboolean remit_json_get_int_strict (JsonObject *object,
                                    const char *parent,
                                    const char *member,
                                    gboolean required,
                                    gint64 *out,
                                    gboolean *found,
                                    GError **error);
gboolean remit_json_get_boolean (JsonObject *object,
                                 const char *parent,
                                 const char *member,
                                 gboolean required,
                                 gboolean *out,
                                 gboolean *found,
                                 GError **error);
gboolean remit_json_get_object (JsonObject *object,
                                const char *parent,
                                const char *member,
                                gboolean required,
                                JsonObject **out,
                                GError **error);
gboolean remit_json_get_array (JsonObject *object,
                               const char *parent,
                               const char *member,
                               gboolean required,
                               JsonArray **out,
                               GError **error);

JsonNode *remit_json_parse (const char *text, gssize length, GError **error);

/* Copying and writing */

JsonNode *remit_json_node_deep_copy (JsonNode *node);
JsonObject *remit_json_object_deep_copy (JsonObject *object);
JsonObject *remit_json_copy_unknown (JsonObject *object, const char *const *known);
void remit_json_object_add_all (JsonObject *dest, JsonObject *src);
char **remit_json_object_dup_names (JsonObject *object);
void remit_json_object_set_optional_string (JsonObject **object,
                                            const char *member,
                                            const char *value);

JsonNode *remit_json_object_node_take (JsonObject *object);
JsonNode *remit_json_array_node_take (JsonArray *array);

JsonNode *remit_json_number_node (double value);
void remit_json_object_set_number (JsonObject *object, const char *member, double value);

/* String fields of the models */

gboolean remit_set_string (char **field, const char *value);
gboolean remit_set_string_notify (gpointer object,
                                  char **field,
                                  const char *value,
                                  GParamSpec *pspec);

G_END_DECLS
