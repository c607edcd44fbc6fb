/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Type-checked reading of the API's JSON, shared by the core parsers.
 *
 * Every reader takes the path of the object it reads from (for example "extractions.iban",
 * or NULL at the top level) and names the full path of the offending member in its
 * REMIT_CORE_ERROR_MALFORMED message, e.g. “extractions.iban.value” is not a string.
 * A member whose value is JSON null counts as absent.
 */

char *remit_json_path_member (const char *parent, const char *member);
char *remit_json_path_index (const char *parent, guint index);

JsonNode *remit_json_lookup (JsonObject *object, const char *member);

gboolean remit_json_get_string (JsonObject *object,
                                const char *parent,
                                const char *member,
                                gboolean required,
                                const char **out,
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

JsonNode *remit_json_node_deep_copy (JsonNode *node);
JsonObject *remit_json_copy_unknown (JsonObject *object, const char *const *known);
void remit_json_object_add_all (JsonObject *dest, JsonObject *src);

JsonNode *remit_json_number_node (double value);
void remit_json_object_set_number (JsonObject *object, const char *member, double value);

JsonNode *remit_json_parse (const char *text, gssize length, GError **error);

G_END_DECLS
