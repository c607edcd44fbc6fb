/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-extraction-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-extraction-private.h"
#include "remit-extraction-set.h"
#include "remit-json-private.h"

/* An ordered table from a name to a GPtrArray; the order is that of first insertion. */
typedef struct
{
  GPtrArray *names;  /* owns the strings */
  GHashTable *lists; /* name (owned by names) → GPtrArray */
} NamedLists;

static void
named_lists_init (NamedLists *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
}

static void
named_lists_clear (NamedLists *self)
{
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
}

static GPtrArray *
named_lists_lookup (NamedLists *self, const char *name)
{
  return g_hash_table_lookup (self->lists, name);
}

/* Returns the list called @name, creating an empty one (freeing with @free_func) if needed. */
static GPtrArray *
named_lists_ensure (NamedLists *self, const char *name, GDestroyNotify free_func)
{
  GPtrArray *list = g_hash_table_lookup (self->lists, name);

  if (list == NULL)
    {
      char *key = g_strdup (name);

      list = g_ptr_array_new_with_free_func (free_func);
      g_ptr_array_add (self->names, key);
      g_hash_table_insert (self->lists, key, list);
    }
  return list;
}

static gboolean
named_lists_remove (NamedLists *self, const char *name)
{
  for (guint i = 0; i < self->names->len; i++)
    {
      if (strcmp (g_ptr_array_index (self->names, i), name) == 0)
        {
          g_hash_table_remove (self->lists, name);
          g_ptr_array_remove_index (self->names, i);
          return TRUE;
        }
    }
  return FALSE;
}

static char **
strv_from_names (GPtrArray *names)
{
  char **strv = g_new (char *, names->len + 1);

  for (guint i = 0; i < names->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (names, i));
  strv[names->len] = NULL;
  return strv;
}

/* RemitExtractionMap */

struct _RemitExtractionMap
{
  gatomicrefcount ref_count;
  GPtrArray *labels;        /* owns the strings, in order */
  GHashTable *extractions;  /* label (owned by labels) → RemitExtraction */
};

G_DEFINE_BOXED_TYPE (RemitExtractionMap,
                     remit_extraction_map,
                     remit_extraction_map_ref,
                     remit_extraction_map_unref)

/**
 * remit_extraction_map_new:
 *
 * Returns: (transfer full): a new empty map
 */
RemitExtractionMap *
remit_extraction_map_new (void)
{
  RemitExtractionMap *map = g_new0 (RemitExtractionMap, 1);

  g_atomic_ref_count_init (&map->ref_count);
  map->labels = g_ptr_array_new_with_free_func (g_free);
  map->extractions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  return map;
}

RemitExtractionMap *
remit_extraction_map_ref (RemitExtractionMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);

  g_atomic_ref_count_inc (&map->ref_count);
  return map;
}

void
remit_extraction_map_unref (RemitExtractionMap *map)
{
  g_return_if_fail (map != NULL);

  if (!g_atomic_ref_count_dec (&map->ref_count))
    return;

  g_hash_table_unref (map->extractions);
  g_ptr_array_unref (map->labels);
  g_free (map);
}

static RemitExtractionMap *
remit_extraction_map_parse_json (JsonObject *object, const char *path, GError **error)
{
  g_autoptr (RemitExtractionMap) map = remit_extraction_map_new ();
  JsonObjectIter iter;
  const char *label;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &label, &node))
    {
      g_autofree char *member_path = remit_json_path_member (path, label);
      g_autoptr (RemitExtraction) extraction = NULL;
      JsonObject *member;

      if (!remit_json_node_get_object (node, member_path, &member, error))
        return NULL;

      extraction = remit_extraction_parse_json (member, member_path, error);
      if (extraction == NULL)
        return NULL;
      remit_extraction_map_insert (map, label, extraction);
    }

  return g_steal_pointer (&map);
}

/**
 * remit_extraction_map_new_from_json:
 * @object: a JSON object `{label: extraction, …}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Returns: (transfer full) (nullable): the map, or %NULL with @error set
 */
RemitExtractionMap *
remit_extraction_map_new_from_json (JsonObject *object, GError **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return remit_extraction_map_parse_json (object, NULL, error);
}

/**
 * remit_extraction_map_to_json:
 * @map: a map
 *
 * Returns: (transfer full): a JSON object node `{label: extraction, …}`, in the map's order
 */
JsonNode *
remit_extraction_map_to_json (RemitExtractionMap *map)
{
  JsonObject *object;

  g_return_val_if_fail (map != NULL, NULL);

  object = json_object_new ();
  for (guint i = 0; i < map->labels->len; i++)
    {
      const char *label = g_ptr_array_index (map->labels, i);

      json_object_set_member (object, label,
                              remit_extraction_to_json (
                                  g_hash_table_lookup (map->extractions, label)));
    }
  return remit_json_object_node_take (object);
}

guint
remit_extraction_map_get_size (RemitExtractionMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->labels->len;
}

/**
 * remit_extraction_map_get_label:
 * @map: a map
 * @index: a position, less than remit_extraction_map_get_size()
 *
 * Returns: the label at @index
 */
const char *
remit_extraction_map_get_label (RemitExtractionMap *map, guint index)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (index < map->labels->len, NULL);

  return g_ptr_array_index (map->labels, index);
}

/**
 * remit_extraction_map_get_nth:
 * @map: a map
 * @index: a position, less than remit_extraction_map_get_size()
 *
 * Returns: (transfer none): the extraction at @index
 */
RemitExtraction *
remit_extraction_map_get_nth (RemitExtractionMap *map, guint index)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (index < map->labels->len, NULL);

  return g_hash_table_lookup (map->extractions, g_ptr_array_index (map->labels, index));
}

/**
 * remit_extraction_map_get_labels:
 * @map: a map
 *
 * Returns: (transfer full): the labels in order; free with g_strfreev()
 */
char **
remit_extraction_map_get_labels (RemitExtractionMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);

  return strv_from_names (map->labels);
}

/**
 * remit_extraction_map_lookup:
 * @map: a map
 * @label: a label
 *
 * Returns: (transfer none) (nullable): the extraction for @label, or %NULL
 */
RemitExtraction *
remit_extraction_map_lookup (RemitExtractionMap *map, const char *label)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_hash_table_lookup (map->extractions, label);
}

/**
 * remit_extraction_map_lookup_value:
 * @map: a map
 * @label: a label
 *
 * Returns: (nullable): the value of the extraction for @label, or %NULL if there is none
 */
const char *
remit_extraction_map_lookup_value (RemitExtractionMap *map, const char *label)
{
  RemitExtraction *extraction = remit_extraction_map_lookup (map, label);

  return extraction != NULL ? remit_extraction_get_value (extraction) : NULL;
}

/**
 * remit_extraction_map_insert:
 * @map: a map
 * @label: a label
 * @extraction: the extraction (a reference is taken)
 *
 * Sets the extraction for @label. A label already present keeps its position; a new one
 * is appended.
 */
void
remit_extraction_map_insert (RemitExtractionMap *map,
                             const char *label,
                             RemitExtraction *extraction)
{
  char *key;

  g_return_if_fail (map != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (REMIT_IS_EXTRACTION (extraction));

  if (g_hash_table_lookup_extended (map->extractions, label, (gpointer *) &key, NULL))
    {
      g_hash_table_insert (map->extractions, key, g_object_ref (extraction));
      return;
    }

  key = g_strdup (label);
  g_ptr_array_add (map->labels, key);
  g_hash_table_insert (map->extractions, key, g_object_ref (extraction));
}

/**
 * remit_extraction_map_remove:
 * @map: a map
 * @label: a label
 *
 * Returns: %TRUE if @label was present
 */
gboolean
remit_extraction_map_remove (RemitExtractionMap *map, const char *label)
{
  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; i < map->labels->len; i++)
    {
      if (strcmp (g_ptr_array_index (map->labels, i), label) == 0)
        {
          g_hash_table_remove (map->extractions, label);
          g_ptr_array_remove_index (map->labels, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* A deep copy: the extractions are copied too. */
static RemitExtractionMap *
map_copy (RemitExtractionMap *map)
{
  RemitExtractionMap *copy = remit_extraction_map_new ();

  for (guint i = 0; i < map->labels->len; i++)
    {
      g_autoptr (RemitExtraction) extraction = remit_extraction_copy (
          remit_extraction_map_get_nth (map, i));

      remit_extraction_map_insert (copy, g_ptr_array_index (map->labels, i), extraction);
    }
  return copy;
}

/* RemitExtractionSet */

/**
 * RemitExtractionSet:
 *
 * The API's answer to `GET /documents/{id}/extractions`:
 * `{"extractions":{label: extraction}, "compoundExtractions":{name:[{label: extraction}]},
 * "candidates":{name:[extraction]}, "returnReasons":[{"id":…, "de":…, "en":…}]}`.
 *
 * Specific extractions keep their order. Labels, entities, candidate lists, compound names
 * and members the model does not know are kept and written back unchanged: the service
 * sends more than it documents (`paymentState`, `senderName`, entity `idnumber`, …).
 *
 * "extractions" must be present in an answer; "candidates", "compoundExtractions" and
 * "returnReasons" may be missing. A member that came, even empty, is written back.
 */
struct _RemitExtractionSet
{
  GObject parent_instance;

  RemitExtractionMap *extractions;
  NamedLists compounds;  /* name → GPtrArray of RemitExtractionMap */
  NamedLists candidates; /* name → GPtrArray of RemitExtraction */
  GPtrArray *return_reasons; /* JsonObject, each with a string "id" */
  JsonObject *extra;

  guint write_candidates : 1;
  guint write_compounds : 1;
  guint write_return_reasons : 1;
};

G_DEFINE_FINAL_TYPE (RemitExtractionSet, remit_extraction_set, G_TYPE_OBJECT)

static const char *const known_members[] = {
  "extractions", "compoundExtractions", "candidates", "returnReasons", NULL,
};

static void
remit_extraction_set_finalize (GObject *object)
{
  RemitExtractionSet *self = REMIT_EXTRACTION_SET (object);

  g_clear_pointer (&self->extractions, remit_extraction_map_unref);
  named_lists_clear (&self->compounds);
  named_lists_clear (&self->candidates);
  g_clear_pointer (&self->return_reasons, g_ptr_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (remit_extraction_set_parent_class)->finalize (object);
}

static void
remit_extraction_set_class_init (RemitExtractionSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_extraction_set_finalize;
}

static void
remit_extraction_set_init (RemitExtractionSet *self)
{
  self->extractions = remit_extraction_map_new ();
  named_lists_init (&self->compounds);
  named_lists_init (&self->candidates);
  self->return_reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->write_candidates = TRUE;
}

/**
 * remit_extraction_set_new:
 *
 * An empty set, for code that builds one (the local engine). It is written with empty
 * "extractions" and "candidates", as the service does for a document where it found nothing.
 *
 * Returns: (transfer full): a new empty set
 */
RemitExtractionSet *
remit_extraction_set_new (void)
{
  return g_object_new (REMIT_TYPE_EXTRACTION_SET, NULL);
}

static gboolean
parse_compounds (RemitExtractionSet *self, JsonObject *object, GError **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autofree char *path = remit_json_path_member ("compoundExtractions", name);
      GPtrArray *rows;
      JsonArray *array;

      if (!remit_json_node_get_array (node, path, &array, error))
        return FALSE;

      rows = named_lists_ensure (&self->compounds, name,
                                 (GDestroyNotify) remit_extraction_map_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *row_path = remit_json_path_index (path, i);
          RemitExtractionMap *row;
          JsonObject *element;

          if (!remit_json_node_get_object (json_array_get_element (array, i), row_path, &element,
                                           error))
            return FALSE;

          row = remit_extraction_map_parse_json (element, row_path, error);
          if (row == NULL)
            return FALSE;
          g_ptr_array_add (rows, row);
        }
    }

  return TRUE;
}

static gboolean
parse_candidates (RemitExtractionSet *self, JsonObject *object, GError **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autofree char *path = remit_json_path_member ("candidates", name);
      GPtrArray *list;
      JsonArray *array;

      if (!remit_json_node_get_array (node, path, &array, error))
        return FALSE;

      list = named_lists_ensure (&self->candidates, name, g_object_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *element_path = remit_json_path_index (path, i);
          RemitExtraction *extraction;
          JsonObject *element;

          if (!remit_json_node_get_object (json_array_get_element (array, i), element_path,
                                           &element, error))
            return FALSE;

          extraction = remit_extraction_parse_json (element, element_path, error);
          if (extraction == NULL)
            return FALSE;
          g_ptr_array_add (list, extraction);
        }
    }

  return TRUE;
}

static gboolean
parse_return_reasons (RemitExtractionSet *self, JsonArray *array, GError **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = remit_json_path_index ("returnReasons", i);
      JsonObject *reason;
      const char *id;

      if (!remit_json_node_get_object (json_array_get_element (array, i), path, &reason, error)
          || !remit_json_get_string (reason, path, "id", TRUE, &id, error))
        return FALSE;

      /* A copy, so that later edits do not touch the caller's tree. */
      g_ptr_array_add (self->return_reasons, remit_json_object_deep_copy (reason));
    }

  return TRUE;
}

/**
 * remit_extraction_set_new_from_json:
 * @node: the answer's root node
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Reads an extractions answer. Every extraction is checked (see
 * remit_extraction_new_from_json()); the error message names the member at fault, e.g.
 * “extractions.iban.value” is not a string.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
RemitExtractionSet *
remit_extraction_set_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (RemitExtractionSet) self = NULL;
  JsonObject *root;
  JsonObject *extractions = NULL;
  JsonObject *compounds = NULL;
  JsonObject *candidates = NULL;
  JsonArray *return_reasons = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("The extractions are not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!remit_json_get_object (root, NULL, "extractions", TRUE, &extractions, error)
      || !remit_json_get_object (root, NULL, "compoundExtractions", FALSE, &compounds, error)
      || !remit_json_get_object (root, NULL, "candidates", FALSE, &candidates, error)
      || !remit_json_get_array (root, NULL, "returnReasons", FALSE, &return_reasons, error))
    return NULL;

  self = remit_extraction_set_new ();

  g_clear_pointer (&self->extractions, remit_extraction_map_unref);
  self->extractions = remit_extraction_map_parse_json (extractions, "extractions", error);
  if (self->extractions == NULL)
    return NULL;

  if (compounds != NULL && !parse_compounds (self, compounds, error))
    return NULL;
  if (candidates != NULL && !parse_candidates (self, candidates, error))
    return NULL;
  if (return_reasons != NULL && !parse_return_reasons (self, return_reasons, error))
    return NULL;

  self->write_compounds = compounds != NULL;
  self->write_candidates = candidates != NULL;
  self->write_return_reasons = return_reasons != NULL;
  self->extra = remit_json_copy_unknown (root, known_members);

  return g_steal_pointer (&self);
}

/**
 * remit_extraction_set_new_from_string:
 * @text: the answer's JSON text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Like remit_extraction_set_new_from_json(), from text.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
RemitExtractionSet *
remit_extraction_set_new_from_string (const char *text, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = remit_json_parse (text, length, error);
  if (root == NULL)
    return NULL;
  return remit_extraction_set_new_from_json (root, error);
}

/**
 * remit_extraction_set_copy:
 * @self: a set
 *
 * A deep copy: editing the copy's extractions leaves @self unchanged (useful to keep what
 * the service sent next to what the person corrected).
 *
 * Returns: (transfer full): a new set with the same contents
 */
RemitExtractionSet *
remit_extraction_set_copy (RemitExtractionSet *self)
{
  RemitExtractionSet *copy;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  copy = remit_extraction_set_new ();
  g_clear_pointer (&copy->extractions, remit_extraction_map_unref);
  copy->extractions = map_copy (self->extractions);

  for (guint i = 0; i < self->compounds.names->len; i++)
    {
      const char *name = g_ptr_array_index (self->compounds.names, i);
      GPtrArray *rows = named_lists_lookup (&self->compounds, name);
      GPtrArray *copy_rows = named_lists_ensure (&copy->compounds, name,
                                                 (GDestroyNotify) remit_extraction_map_unref);

      for (guint j = 0; j < rows->len; j++)
        g_ptr_array_add (copy_rows, map_copy (rows->pdata[j]));
    }

  for (guint i = 0; i < self->candidates.names->len; i++)
    {
      const char *name = g_ptr_array_index (self->candidates.names, i);
      GPtrArray *list = named_lists_lookup (&self->candidates, name);
      GPtrArray *copy_list = named_lists_ensure (&copy->candidates, name, g_object_unref);

      for (guint j = 0; j < list->len; j++)
        g_ptr_array_add (copy_list, remit_extraction_copy (list->pdata[j]));
    }

  for (guint i = 0; i < self->return_reasons->len; i++)
    g_ptr_array_add (copy->return_reasons,
                     remit_json_object_deep_copy (self->return_reasons->pdata[i]));

  if (self->extra != NULL)
    copy->extra = remit_json_object_deep_copy (self->extra);

  copy->write_candidates = self->write_candidates;
  copy->write_compounds = self->write_compounds;
  copy->write_return_reasons = self->write_return_reasons;
  return copy;
}

/**
 * remit_extraction_set_to_json:
 * @self: a set
 *
 * Writes the set as the API does, with every member it came with.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
remit_extraction_set_to_json (RemitExtractionSet *self)
{
  JsonObject *root;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  root = json_object_new ();
  json_object_set_member (root, "extractions", remit_extraction_map_to_json (self->extractions));

  if (self->write_compounds || self->compounds.names->len > 0)
    {
      JsonObject *compounds = json_object_new ();

      for (guint i = 0; i < self->compounds.names->len; i++)
        {
          const char *name = g_ptr_array_index (self->compounds.names, i);
          GPtrArray *rows = named_lists_lookup (&self->compounds, name);
          JsonArray *array = json_array_sized_new (rows->len);

          for (guint j = 0; j < rows->len; j++)
            json_array_add_element (array, remit_extraction_map_to_json (rows->pdata[j]));
          json_object_set_member (compounds, name, remit_json_array_node_take (array));
        }
      json_object_set_member (root, "compoundExtractions", remit_json_object_node_take (compounds));
    }

  if (self->write_candidates || self->candidates.names->len > 0)
    {
      JsonObject *candidates = json_object_new ();

      for (guint i = 0; i < self->candidates.names->len; i++)
        {
          const char *name = g_ptr_array_index (self->candidates.names, i);
          GPtrArray *list = named_lists_lookup (&self->candidates, name);
          JsonArray *array = json_array_sized_new (list->len);

          for (guint j = 0; j < list->len; j++)
            json_array_add_element (array, remit_extraction_to_json (list->pdata[j]));
          json_object_set_member (candidates, name, remit_json_array_node_take (array));
        }
      json_object_set_member (root, "candidates", remit_json_object_node_take (candidates));
    }

  if (self->write_return_reasons || self->return_reasons->len > 0)
    {
      JsonArray *array = json_array_sized_new (self->return_reasons->len);

      for (guint i = 0; i < self->return_reasons->len; i++)
        {
          JsonObject *reason = g_ptr_array_index (self->return_reasons, i);

          json_array_add_object_element (array, remit_json_object_deep_copy (reason));
        }
      json_object_set_member (root, "returnReasons", remit_json_array_node_take (array));
    }

  remit_json_object_add_all (root, self->extra);
  return remit_json_object_node_take (root);
}

/**
 * remit_extraction_set_to_string:
 * @self: a set
 * @pretty: whether to indent the text
 *
 * Returns: (transfer full): the set as JSON text
 */
char *
remit_extraction_set_to_string (RemitExtractionSet *self, gboolean pretty)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  node = remit_extraction_set_to_json (self);
  return json_to_string (node, pretty);
}

/**
 * remit_extraction_set_get_extractions:
 * @self: a set
 *
 * Returns: (transfer none): the specific extractions, in order; changes to the map change
 *   the set
 */
RemitExtractionMap *
remit_extraction_set_get_extractions (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return self->extractions;
}

/**
 * remit_extraction_set_get_labels:
 * @self: a set
 *
 * Returns: (transfer full): the labels of the specific extractions in order; free with
 *   g_strfreev()
 */
char **
remit_extraction_set_get_labels (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return remit_extraction_map_get_labels (self->extractions);
}

/**
 * remit_extraction_set_get_extraction:
 * @self: a set
 * @label: a label, e.g. "iban"
 *
 * Returns: (transfer none) (nullable): the specific extraction for @label, or %NULL
 */
RemitExtraction *
remit_extraction_set_get_extraction (RemitExtractionSet *self, const char *label)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return remit_extraction_map_lookup (self->extractions, label);
}

/**
 * remit_extraction_set_get_value:
 * @self: a set
 * @label: a label, e.g. "amountToPay"
 *
 * Returns: (nullable): the value of the specific extraction for @label, or %NULL
 */
const char *
remit_extraction_set_get_value (RemitExtractionSet *self, const char *label)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return remit_extraction_map_lookup_value (self->extractions, label);
}

/**
 * remit_extraction_set_set_extraction:
 * @self: a set
 * @label: a label
 * @extraction: the extraction (a reference is taken)
 *
 * Sets the specific extraction for @label, in its old position or at the end.
 */
void
remit_extraction_set_set_extraction (RemitExtractionSet *self,
                                     const char *label,
                                     RemitExtraction *extraction)
{
  g_return_if_fail (REMIT_IS_EXTRACTION_SET (self));

  remit_extraction_map_insert (self->extractions, label, extraction);
}

/**
 * remit_extraction_set_remove_extraction:
 * @self: a set
 * @label: a label
 *
 * Returns: %TRUE if there was a specific extraction for @label
 */
gboolean
remit_extraction_set_remove_extraction (RemitExtractionSet *self, const char *label)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), FALSE);

  return remit_extraction_map_remove (self->extractions, label);
}

/**
 * remit_extraction_set_has_consistent_amounts:
 * @self: a set
 *
 * Whether the service says the line items add up to the total ("amountsAreConsistent" is
 * "true"). When it does not, or says nothing, the line-item view is not offered.
 */
gboolean
remit_extraction_set_has_consistent_amounts (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), FALSE);

  return g_strcmp0 (remit_extraction_set_get_value (self, REMIT_LABEL_AMOUNTS_ARE_CONSISTENT),
                    "true")
         == 0;
}

/**
 * remit_extraction_set_get_candidate_names:
 * @self: a set
 *
 * Returns: (transfer full): the names of the candidate lists in order (e.g. "amounts",
 *   "ibans"); free with g_strfreev()
 */
char **
remit_extraction_set_get_candidate_names (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return strv_from_names (self->candidates.names);
}

/**
 * remit_extraction_set_get_candidate_list:
 * @self: a set
 * @name: the name of a candidate list, e.g. "ibans"
 *
 * Returns: (transfer none) (nullable) (element-type RemitExtraction): the candidates in
 *   order, or %NULL if there is no such list; do not change the array
 */
GPtrArray *
remit_extraction_set_get_candidate_list (RemitExtractionSet *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return named_lists_lookup (&self->candidates, name);
}

/**
 * remit_extraction_set_get_candidates_of:
 * @self: a set
 * @extraction: an extraction
 *
 * Returns: (transfer none) (nullable) (element-type RemitExtraction): the candidate list
 *   that @extraction names in its "candidates" member, or %NULL if it names none or the set
 *   has no list of that name
 */
GPtrArray *
remit_extraction_set_get_candidates_of (RemitExtractionSet *self, RemitExtraction *extraction)
{
  const char *name;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);
  g_return_val_if_fail (REMIT_IS_EXTRACTION (extraction), NULL);

  name = remit_extraction_get_candidates (extraction);
  if (name == NULL)
    return NULL;
  return named_lists_lookup (&self->candidates, name);
}

/**
 * remit_extraction_set_get_candidates:
 * @self: a set
 * @label: the label of a specific extraction, e.g. "amountToPay"
 *
 * Returns: (transfer none) (nullable) (element-type RemitExtraction): the candidates of the
 *   specific extraction for @label (see remit_extraction_set_get_candidates_of()), or %NULL
 */
GPtrArray *
remit_extraction_set_get_candidates (RemitExtractionSet *self, const char *label)
{
  RemitExtraction *extraction;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  extraction = remit_extraction_set_get_extraction (self, label);
  if (extraction == NULL)
    return NULL;
  return remit_extraction_set_get_candidates_of (self, extraction);
}

/**
 * remit_extraction_set_add_candidate:
 * @self: a set
 * @name: the name of a candidate list, created if needed
 * @extraction: the candidate (a reference is taken)
 *
 * Appends a candidate to a list.
 */
void
remit_extraction_set_add_candidate (RemitExtractionSet *self,
                                    const char *name,
                                    RemitExtraction *extraction)
{
  g_return_if_fail (REMIT_IS_EXTRACTION_SET (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (REMIT_IS_EXTRACTION (extraction));

  g_ptr_array_add (named_lists_ensure (&self->candidates, name, g_object_unref),
                   g_object_ref (extraction));
}

/**
 * remit_extraction_set_get_compound_names:
 * @self: a set
 *
 * Returns: (transfer full): the names of the compound extractions in order (e.g.
 *   "lineItems"); free with g_strfreev()
 */
char **
remit_extraction_set_get_compound_names (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return strv_from_names (self->compounds.names);
}

/**
 * remit_extraction_set_get_compound:
 * @self: a set
 * @name: the name of a compound extraction, e.g. "lineItems"
 *
 * Returns: (transfer none) (nullable) (element-type RemitExtractionMap): the rows in order,
 *   each a map from label to extraction, or %NULL if there is no such compound; do not
 *   change the array
 */
GPtrArray *
remit_extraction_set_get_compound (RemitExtractionSet *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return named_lists_lookup (&self->compounds, name);
}

/**
 * remit_extraction_set_get_line_items:
 * @self: a set
 *
 * The compound "lineItems": rows with "artNumber", "baseGross", "description", "position"
 * and "quantity" (and whatever else the service sends).
 *
 * Returns: (transfer none) (nullable) (element-type RemitExtractionMap): the line items, or
 *   %NULL
 */
GPtrArray *
remit_extraction_set_get_line_items (RemitExtractionSet *self)
{
  return remit_extraction_set_get_compound (self, REMIT_COMPOUND_LINE_ITEMS);
}

/**
 * remit_extraction_set_add_compound_row:
 * @self: a set
 * @name: the name of a compound extraction, created if needed
 * @row: the row (a reference is taken)
 *
 * Appends a row to a compound extraction.
 */
void
remit_extraction_set_add_compound_row (RemitExtractionSet *self,
                                       const char *name,
                                       RemitExtractionMap *row)
{
  g_return_if_fail (REMIT_IS_EXTRACTION_SET (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (row != NULL);

  g_ptr_array_add (named_lists_ensure (&self->compounds, name,
                                       (GDestroyNotify) remit_extraction_map_unref),
                   remit_extraction_map_ref (row));
}

/**
 * remit_extraction_set_remove_compound:
 * @self: a set
 * @name: the name of a compound extraction
 *
 * Returns: %TRUE if there was a compound extraction called @name
 */
gboolean
remit_extraction_set_remove_compound (RemitExtractionSet *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return named_lists_remove (&self->compounds, name);
}

static JsonObject *
find_return_reason (RemitExtractionSet *self, const char *id)
{
  for (guint i = 0; i < self->return_reasons->len; i++)
    {
      JsonObject *reason = g_ptr_array_index (self->return_reasons, i);

      if (g_strcmp0 (json_object_get_string_member (reason, "id"), id) == 0)
        return reason;
    }
  return NULL;
}

guint
remit_extraction_set_get_n_return_reasons (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), 0);

  return self->return_reasons->len;
}

/**
 * remit_extraction_set_get_return_reason_ids:
 * @self: a set
 *
 * Returns: (transfer full): the ids of the return reasons in order; free with g_strfreev()
 */
char **
remit_extraction_set_get_return_reason_ids (RemitExtractionSet *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  for (guint i = 0; i < self->return_reasons->len; i++)
    g_strv_builder_add (builder,
                        json_object_get_string_member (self->return_reasons->pdata[i], "id"));
  return g_strv_builder_end (builder);
}

gboolean
remit_extraction_set_has_return_reason (RemitExtractionSet *self, const char *id)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return find_return_reason (self, id) != NULL;
}

static const char *
reason_text (JsonObject *reason, const char *language)
{
  if (strcmp (language, "id") == 0)
    return NULL;
  return remit_json_lookup_string (reason, language);
}

/* Tries "de_DE.UTF-8@euro", then "de_DE", then "de". */
static const char *
reason_text_for_locale (JsonObject *reason, const char *language)
{
  g_autofree char *stripped = g_strdup (language);
  const char *text;
  char *end;

  if ((text = reason_text (reason, stripped)) != NULL)
    return text;

  end = strpbrk (stripped, ".@");
  if (end != NULL)
    {
      *end = '\0';
      if ((text = reason_text (reason, stripped)) != NULL)
        return text;
    }

  end = strpbrk (stripped, "_-");
  if (end != NULL)
    {
      *end = '\0';
      if ((text = reason_text (reason, stripped)) != NULL)
        return text;
    }

  return NULL;
}

/**
 * remit_extraction_set_get_return_reason_text:
 * @self: a set
 * @id: the id of a return reason
 * @language: (nullable): a language or locale name ("de", "de_DE", "de_DE.UTF-8"), or %NULL
 *   for the languages of the user's locale
 *
 * The text of a return reason for a person: in @language, else in its language without
 * territory ("de_DE" → "de"), else in English, else the id itself.
 *
 * Returns: (nullable): the text, or %NULL if the set has no reason with this id
 */
const char *
remit_extraction_set_get_return_reason_text (RemitExtractionSet *self,
                                             const char *id,
                                             const char *language)
{
  JsonObject *reason;
  const char *text = NULL;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  reason = find_return_reason (self, id);
  if (reason == NULL)
    return NULL;

  if (language != NULL)
    {
      text = reason_text_for_locale (reason, language);
    }
  else
    {
      const char *const *names = g_get_language_names ();

      for (guint i = 0; text == NULL && names[i] != NULL; i++)
        text = reason_text (reason, names[i]);
    }

  if (text == NULL)
    text = reason_text (reason, "en");
  if (text == NULL)
    text = json_object_get_string_member (reason, "id");
  return text;
}

/**
 * remit_extraction_set_set_return_reason_text:
 * @self: a set
 * @id: the id of a return reason, added at the end if new
 * @language: a language, e.g. "de"
 * @text: the reason's text in @language
 */
void
remit_extraction_set_set_return_reason_text (RemitExtractionSet *self,
                                             const char *id,
                                             const char *language,
                                             const char *text)
{
  JsonObject *reason;

  g_return_if_fail (REMIT_IS_EXTRACTION_SET (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (language != NULL && strcmp (language, "id") != 0);
  g_return_if_fail (text != NULL);

  reason = find_return_reason (self, id);
  if (reason == NULL)
    {
      reason = json_object_new ();
      json_object_set_string_member (reason, "id", id);
      g_ptr_array_add (self->return_reasons, reason);
    }
  json_object_set_string_member (reason, language, text);
}

/**
 * remit_extraction_set_get_extra_names:
 * @self: a set
 *
 * Returns: (transfer full): the names of the top-level members the model does not know, in
 *   the order they came; free with g_strfreev()
 */
char **
remit_extraction_set_get_extra_names (RemitExtractionSet *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);

  return remit_json_object_dup_names (self->extra);
}

/**
 * remit_extraction_set_get_extra:
 * @self: a set
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): a top-level member the model does not know, as it
 *   came, or %NULL
 */
JsonNode *
remit_extraction_set_get_extra (RemitExtractionSet *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->extra == NULL)
    return NULL;
  return json_object_get_member (self->extra, name);
}
