/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remit-core-error.h"
#include "remit-json-private.h"

/* Doubles below this magnitude hold every integer exactly. */
#define EXACT_INTEGER_LIMIT 9007199254740992.0

/* Paths */

char *
remit_json_path_member (const char *parent, const char *member)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (member);
  return g_strconcat (parent, ".", member, NULL);
}

char *
remit_json_path_index (const char *parent, guint index)
{
  return g_strdup_printf ("%s[%u]", parent != NULL ? parent : "", index);
}

/* Errors */

static char *
describe_problem (RemitJsonProblem problem, const char *path)
{
  switch (problem)
    {
    case REMIT_JSON_MISSING:
      return g_strdup_printf (_("“%s” is missing"), path);
    case REMIT_JSON_NOT_STRING:
      return g_strdup_printf (_("“%s” is not a string"), path);
    case REMIT_JSON_NOT_NUMBER:
      return g_strdup_printf (_("“%s” is not a number"), path);
    case REMIT_JSON_NOT_WHOLE_NUMBER:
      return g_strdup_printf (_("“%s” is not a whole number"), path);
    case REMIT_JSON_NOT_BOOLEAN:
      return g_strdup_printf (_("“%s” is not true or false"), path);
    case REMIT_JSON_NOT_OBJECT:
      return g_strdup_printf (_("“%s” is not an object"), path);
    case REMIT_JSON_NOT_ARRAY:
      return g_strdup_printf (_("“%s” is not a list"), path);
    case REMIT_JSON_NOT_DATE:
      return g_strdup_printf (_("“%s” is not a date"), path);
    case REMIT_JSON_NEGATIVE:
      return g_strdup_printf (_("“%s” is negative"), path);
    case REMIT_JSON_NOT_PAGE_NUMBER:
      return g_strdup_printf (_("“%s” is not a page number: pages are counted from 1"), path);
    default:
      g_assert_not_reached ();
    }
}

/*
 * Sets a REMIT_CORE_ERROR_MALFORMED error about the member @member of the object at
 * @parent; with @parent NULL, @member may be any path. Returns FALSE, so that a reader can
 * end with `return remit_json_malformed (…);`.
 */
gboolean
remit_json_malformed (GError **error,
                      const char *parent,
                      const char *member,
                      RemitJsonProblem problem)
{
  g_autofree char *path = remit_json_path_member (parent, member);
  g_autofree char *message = describe_problem (problem, path);

  g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, message);
  return FALSE;
}

/* For a member of the right type whose value is not one the API allows. */
gboolean
remit_json_malformed_value (GError **error,
                            const char *parent,
                            const char *member,
                            const char *value)
{
  g_autofree char *path = remit_json_path_member (parent, member);

  g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
               _("“%s” has the unknown value “%s”"), path, value);
  return FALSE;
}

gboolean
remit_json_malformed_int (GError **error, const char *parent, const char *member, gint64 value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return remit_json_malformed_value (error, parent, member, text);
}

/* Reading */

JsonNode *
remit_json_lookup (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
remit_json_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The string value of @member, or NULL if @object is NULL or has no such string member. */
const char *
remit_json_lookup_string (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = remit_json_lookup (object, member);
  if (node == NULL || !remit_json_node_is_string (node))
    return NULL;
  return json_node_get_string (node);
}

/*
 * Checks that the node at @path is an object (or, below, an array). With @path NULL the
 * node is the whole answer, and the message says so.
 */
gboolean
remit_json_node_get_object (JsonNode *node, const char *path, JsonObject **out, GError **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }

  if (path == NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("The answer is not a JSON object"));
      return FALSE;
    }
  return remit_json_malformed (error, NULL, path, REMIT_JSON_NOT_OBJECT);
}

gboolean
remit_json_node_get_array (JsonNode *node, const char *path, JsonArray **out, GError **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }

  if (path == NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("The answer is not a JSON array"));
      return FALSE;
    }
  return remit_json_malformed (error, NULL, path, REMIT_JSON_NOT_ARRAY);
}

static gboolean
node_is_finite_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)));
}

static gboolean
node_is_integer_literal (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Some producers write whole numbers as 1.0. */
static gboolean
node_is_whole_number (JsonNode *node)
{
  double value;

  if (node_is_integer_literal (node))
    return TRUE;
  if (!node_is_finite_number (node))
    return FALSE;
  value = json_node_get_double (node);
  return value == floor (value) && fabs (value) < EXACT_INTEGER_LIMIT;
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
node_is_object (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node);
}

static gboolean
node_is_array (JsonNode *node)
{
  return JSON_NODE_HOLDS_ARRAY (node);
}

typedef gboolean (*NodeCheck) (JsonNode *node);

/*
 * What every reader does first: looks @member up and checks its type. Returns FALSE with
 * @error set if the member is required but absent, or present but fails @check (then the
 * error is @problem); otherwise TRUE, with *node the value or NULL when it is absent.
 */
static gboolean
lookup_checked (JsonObject *object,
                const char *parent,
                const char *member,
                gboolean required,
                NodeCheck check,
                RemitJsonProblem problem,
                JsonNode **node,
                gboolean *found,
                GError **error)
{
  *node = remit_json_lookup (object, member);
  if (found != NULL)
    *found = *node != NULL;

  if (*node == NULL)
    return required ? remit_json_malformed (error, parent, member, REMIT_JSON_MISSING) : TRUE;
  if (!check (*node))
    return remit_json_malformed (error, parent, member, problem);
  return TRUE;
}

gboolean
remit_json_get_string (JsonObject *object,
                       const char *parent,
                       const char *member,
                       gboolean required,
                       const char **out,
                       GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, remit_json_node_is_string,
                       REMIT_JSON_NOT_STRING, &node, NULL, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_string (node);
  return TRUE;
}

/* Like remit_json_get_string(), but replaces the string in *out by a copy. */
gboolean
remit_json_dup_string (JsonObject *object,
                       const char *parent,
                       const char *member,
                       gboolean required,
                       char **out,
                       GError **error)
{
  const char *value = NULL;

  if (!remit_json_get_string (object, parent, member, required, &value, error))
    return FALSE;

  if (value != NULL)
    {
      g_free (*out);
      *out = g_strdup (value);
    }
  return TRUE;
}

gboolean
remit_json_get_number (JsonObject *object,
                       const char *parent,
                       const char *member,
                       gboolean required,
                       double *out,
                       gboolean *found,
                       GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, node_is_finite_number,
                       REMIT_JSON_NOT_NUMBER, &node, found, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *parent,
         const char *member,
         gboolean required,
         NodeCheck check,
         gint64 *out,
         gboolean *found,
         GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, check, REMIT_JSON_NOT_WHOLE_NUMBER,
                       &node, found, error))
    return FALSE;

  if (node != NULL)
    *out = node_is_integer_literal (node) ? json_node_get_int (node)
                                          : (gint64) json_node_get_double (node);
  return TRUE;
}

/* Reads a whole number; one written as 1.0 counts as 1. */
gboolean
remit_json_get_int (JsonObject *object,
                    const char *parent,
                    const char *member,
                    gboolean required,
                    gint64 *out,
                    gboolean *found,
                    GError **error)
{
  return get_int (object, parent, member, required, node_is_whole_number, out, found, error);
}

/* Like remit_json_get_int(), but only an integer literal will do: 1.0 is refused. */
gboolean
remit_json_get_int_strict (JsonObject *object,
                           const char *parent,
                           const char *member,
                           gboolean required,
                           gint64 *out,
                           gboolean *found,
                           GError **error)
{
  return get_int (object, parent, member, required, node_is_integer_literal, out, found, error);
}

gboolean
remit_json_get_boolean (JsonObject *object,
                        const char *parent,
                        const char *member,
                        gboolean required,
                        gboolean *out,
                        gboolean *found,
                        GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, node_is_boolean, REMIT_JSON_NOT_BOOLEAN,
                       &node, found, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
remit_json_get_object (JsonObject *object,
                       const char *parent,
                       const char *member,
                       gboolean required,
                       JsonObject **out,
                       GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, node_is_object, REMIT_JSON_NOT_OBJECT,
                       &node, NULL, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
remit_json_get_array (JsonObject *object,
                      const char *parent,
                      const char *member,
                      gboolean required,
                      JsonArray **out,
                      GError **error)
{
  JsonNode *node;

  if (!lookup_checked (object, parent, member, required, node_is_array, REMIT_JSON_NOT_ARRAY,
                       &node, NULL, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

JsonNode *
remit_json_parse (const char *text, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, _("This is not JSON: %s"),
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("This is not JSON: the text is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

/* Copying and writing */

/*
 * json_node_copy() shares the objects and arrays inside; this copies them too, so that a
 * model never sees later changes to the tree it was read from.
 */
JsonNode *
remit_json_node_deep_copy (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = remit_json_object_deep_copy (json_node_get_object (node));

        return remit_json_object_node_take (object);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint length = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (length);

        for (guint i = 0; i < length; i++)
          json_array_add_element (array,
                                  remit_json_node_deep_copy (json_array_get_element (source, i)));
        return remit_json_array_node_take (array);
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Returns a new object with a deep copy of every member of @object, in order. */
JsonObject *
remit_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();

  remit_json_object_add_all (copy, object);
  return copy;
}

/*
 * Returns a new object with a copy of every member of @object whose name is not in @known,
 * or NULL when there is none.
 */
JsonObject *
remit_json_copy_unknown (JsonObject *object, const char *const *known)
{
  JsonObject *unknown = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;
      if (unknown == NULL)
        unknown = json_object_new ();
      json_object_set_member (unknown, name, remit_json_node_deep_copy (node));
    }

  return unknown;
}

/* Adds a copy of each member of @src (which may be NULL) that @dest does not have yet. */
void
remit_json_object_add_all (JsonObject *dest, JsonObject *src)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (src == NULL)
    return;

  json_object_iter_init_ordered (&iter, src);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (!json_object_has_member (dest, name))
        json_object_set_member (dest, name, remit_json_node_deep_copy (node));
    }
}

/* The names of the members of @object (which may be NULL), in order; free with g_strfreev(). */
char **
remit_json_object_dup_names (JsonObject *object)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (object != NULL)
    {
      JsonObjectIter iter;
      const char *name;

      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, NULL))
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/*
 * Sets the string member @member of *@object to @value, creating the object if needed, or
 * removes the member when @value is NULL.
 */
void
remit_json_object_set_optional_string (JsonObject **object, const char *member, const char *value)
{
  if (value == NULL)
    {
      if (*object != NULL)
        json_object_remove_member (*object, member);
      return;
    }

  if (*object == NULL)
    *object = json_object_new ();
  json_object_set_string_member (*object, member, value);
}

/* Wraps @object in a new node, taking over the caller's reference. */
JsonNode *
remit_json_object_node_take (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/* Wraps @array in a new node, taking over the caller's reference. */
JsonNode *
remit_json_array_node_take (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

/* Whole numbers are written without a fraction (72, not 72.0). */
JsonNode *
remit_json_number_node (double value)
{
  JsonNode *node = json_node_alloc ();

  if (value == floor (value) && fabs (value) < EXACT_INTEGER_LIMIT)
    json_node_init_int (node, (gint64) value);
  else
    json_node_init_double (node, value);
  return node;
}

void
remit_json_object_set_number (JsonObject *object, const char *member, double value)
{
  json_object_set_member (object, member, remit_json_number_node (value));
}

/* String fields of the models */

/* Replaces *@field by a copy of @value; returns whether it changed. */
gboolean
remit_set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Like remit_set_string(), and notifies @pspec of @object when the value changed. */
gboolean
remit_set_string_notify (gpointer object, char **field, const char *value, GParamSpec *pspec)
{
  if (!remit_set_string (field, value))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (object), pspec);
  return TRUE;
}
