/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remit-core-error.h"
#include "remit-json-private.h"

/* Doubles below this magnitude hold every integer exactly. */
#define EXACT_INTEGER_LIMIT 9007199254740992.0

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

JsonNode *
remit_json_lookup (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
check_missing (JsonNode *node,
               const char *parent,
               const char *member,
               gboolean required,
               gboolean *found,
               GError **error)
{
  if (found != NULL)
    *found = node != NULL;

  if (node == NULL && required)
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, _("“%s” is missing"), path);
      return FALSE;
    }
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
  JsonNode *node = remit_json_lookup (object, member);

  if (!check_missing (node, parent, member, required, NULL, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, _("“%s” is not a string"),
                   path);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
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
  JsonNode *node = remit_json_lookup (object, member);
  double value;

  if (!check_missing (node, parent, member, required, found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_is_number (node) || !isfinite (value = json_node_get_double (node)))
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, _("“%s” is not a number"),
                   path);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
remit_json_get_int (JsonObject *object,
                    const char *parent,
                    const char *member,
                    gboolean required,
                    gint64 *out,
                    gboolean *found,
                    GError **error)
{
  JsonNode *node = remit_json_lookup (object, member);

  if (!check_missing (node, parent, member, required, found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (node_is_number (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      else
        {
          /* Some producers write whole numbers as 1.0. */
          double value = json_node_get_double (node);

          if (isfinite (value) && value == floor (value) && fabs (value) < EXACT_INTEGER_LIMIT)
            {
              *out = (gint64) value;
              return TRUE;
            }
        }
    }

  {
    g_autofree char *path = remit_json_path_member (parent, member);
    g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                 _("“%s” is not a whole number"), path);
  }
  return FALSE;
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
  JsonNode *node = remit_json_lookup (object, member);

  if (!check_missing (node, parent, member, required, found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                   _("“%s” is not true or false"), path);
      return FALSE;
    }

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
  JsonNode *node = remit_json_lookup (object, member);

  if (!check_missing (node, parent, member, required, NULL, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                   _("“%s” is not an object"), path);
      return FALSE;
    }

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
  JsonNode *node = remit_json_lookup (object, member);

  if (!check_missing (node, parent, member, required, NULL, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = remit_json_path_member (parent, member);
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED, _("“%s” is not a list"),
                   path);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

/*
 * json_node_copy() shares the objects and arrays inside; this copies them too, so that a
 * model never sees later changes to the tree it was read from.
 */
JsonNode *
remit_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();

        remit_json_object_add_all (object, json_node_get_object (node));
        copy = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint length = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (length);

        for (guint i = 0; i < length; i++)
          json_array_add_element (array,
                                  remit_json_node_deep_copy (json_array_get_element (source, i)));
        copy = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
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
