/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-document.h"
#include "remit-json-private.h"

/**
 * remit_id_from_location:
 * @location: a resource URI, e.g. the `Location` header of a 201 answer
 *
 * Takes the id of a resource from its URI: the last path segment, without query or
 * fragment, percent-decoded. `https://pay-api.gini.net/documents/626d9a40?x=1` gives
 * `626d9a40`.
 *
 * Returns: (transfer full) (nullable): the id, or %NULL if the path has no last segment
 */
char *
remit_id_from_location (const char *location)
{
  g_autofree char *path = NULL;
  const char *authority;
  const char *start;
  const char *end;
  gsize length;

  g_return_val_if_fail (location != NULL, NULL);

  end = location + strcspn (location, "?#");
  start = location;
  authority = strstr (location, "://");
  if (authority != NULL && authority < end)
    {
      start = authority + 3;
      start += strcspn (start, "/");
      if (start > end)
        start = end;
    }

  path = g_strndup (start, end - start);
  length = strlen (path);
  while (length > 0 && path[length - 1] == '/')
    path[--length] = '\0';

  start = strrchr (path, '/');
  start = start != NULL ? start + 1 : path;
  if (*start == '\0')
    return NULL;

  return g_uri_unescape_segment (start, NULL, "/");
}

/* Enums */

G_DEFINE_ENUM_TYPE (RemitDocumentProgress, remit_document_progress,
                    G_DEFINE_ENUM_VALUE (REMIT_DOCUMENT_PROGRESS_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (REMIT_DOCUMENT_PROGRESS_COMPLETED, "completed"),
                    G_DEFINE_ENUM_VALUE (REMIT_DOCUMENT_PROGRESS_ERROR, "error"))

G_DEFINE_ENUM_TYPE (RemitSourceClassification, remit_source_classification,
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_SCANNED, "scanned"),
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_SANDWICH, "sandwich"),
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_NATIVE, "native"),
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (REMIT_SOURCE_CLASSIFICATION_COMPOSITE, "composite"))

static const char *const progress_names[] = {
  [REMIT_DOCUMENT_PROGRESS_PENDING] = "PENDING",
  [REMIT_DOCUMENT_PROGRESS_COMPLETED] = "COMPLETED",
  [REMIT_DOCUMENT_PROGRESS_ERROR] = "ERROR",
};

/**
 * remit_document_progress_to_string:
 * @progress: a progress
 *
 * Returns: the wire form, `PENDING`, `COMPLETED` or `ERROR`
 */
const char *
remit_document_progress_to_string (RemitDocumentProgress progress)
{
  g_return_val_if_fail (progress <= REMIT_DOCUMENT_PROGRESS_ERROR, NULL);

  return progress_names[progress];
}

/**
 * remit_document_progress_from_string:
 * @text: the wire form
 * @out: (out): the progress
 *
 * Returns: %FALSE if @text is not one of the three known values (case matters)
 */
gboolean
remit_document_progress_from_string (const char *text, RemitDocumentProgress *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (progress_names); i++)
    {
      if (g_str_equal (text, progress_names[i]))
        {
          *out = (RemitDocumentProgress) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *const classification_names[] = {
  [REMIT_SOURCE_CLASSIFICATION_SCANNED] = "SCANNED",
  [REMIT_SOURCE_CLASSIFICATION_SANDWICH] = "SANDWICH",
  [REMIT_SOURCE_CLASSIFICATION_NATIVE] = "NATIVE",
  [REMIT_SOURCE_CLASSIFICATION_TEXT] = "TEXT",
  [REMIT_SOURCE_CLASSIFICATION_COMPOSITE] = "COMPOSITE",
};

/**
 * remit_source_classification_from_string:
 * @text: (nullable): the wire form, e.g. `NATIVE`
 *
 * Returns: the known classification, or %REMIT_SOURCE_CLASSIFICATION_OTHER
 */
RemitSourceClassification
remit_source_classification_from_string (const char *text)
{
  if (text == NULL)
    return REMIT_SOURCE_CLASSIFICATION_OTHER;

  for (guint i = REMIT_SOURCE_CLASSIFICATION_SCANNED; i < G_N_ELEMENTS (classification_names); i++)
    {
      if (g_str_equal (text, classification_names[i]))
        return (RemitSourceClassification) i;
    }

  return REMIT_SOURCE_CLASSIFICATION_OTHER;
}

/* RemitDocument */

struct _RemitDocument
{
  GObject parent_instance;

  char *id;
  char *name;
  gint64 creation_date;
  RemitDocumentProgress progress;
  char *origin;
  char *source_classification;
  int page_count;
  JsonObject *links;
  JsonObject *unknown;

  guint has_creation_date : 1;
};

G_DEFINE_FINAL_TYPE (RemitDocument, remit_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CREATION_DATE,
  PROP_PROGRESS,
  PROP_ORIGIN,
  PROP_SOURCE_CLASSIFICATION,
  PROP_PAGE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const document_members[] = {
  "id", "name", "creationDate", "progress", "origin", "sourceClassification", "pageCount",
  "_links", NULL,
};

static const char *const known_links[] = {
  REMIT_DOCUMENT_LINK_DOCUMENT, REMIT_DOCUMENT_LINK_EXTRACTIONS, REMIT_DOCUMENT_LINK_LAYOUT,
  REMIT_DOCUMENT_LINK_PROCESSED, REMIT_DOCUMENT_LINK_PAGES,
};

static void
remit_document_finalize (GObject *object)
{
  RemitDocument *self = (RemitDocument *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->source_classification, g_free);
  g_clear_pointer (&self->links, json_object_unref);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (remit_document_parent_class)->finalize (object);
}

static void
remit_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitDocument *self = REMIT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CREATION_DATE:
      g_value_set_int64 (value, self->creation_date);
      break;
    case PROP_PROGRESS:
      g_value_set_enum (value, self->progress);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_SOURCE_CLASSIFICATION:
      g_value_set_string (value, self->source_classification);
      break;
    case PROP_PAGE_COUNT:
      g_value_set_int (value, self->page_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_document_class_init (RemitDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_document_finalize;
  object_class->get_property = remit_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATION_DATE] =
    g_param_spec_int64 ("creation-date", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_enum ("progress", NULL, NULL, REMIT_TYPE_DOCUMENT_PROGRESS,
                       REMIT_DOCUMENT_PROGRESS_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_CLASSIFICATION] =
    g_param_spec_string ("source-classification", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_COUNT] =
    g_param_spec_int ("page-count", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_document_init (RemitDocument *self)
{
  self->progress = REMIT_DOCUMENT_PROGRESS_PENDING;
  self->page_count = -1;
}

/**
 * remit_document_new:
 * @id: the document id
 *
 * Creates a pending document with no other member set, as a server does on upload.
 *
 * Returns: (transfer full): a new #RemitDocument
 */
RemitDocument *
remit_document_new (const char *id)
{
  RemitDocument *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (REMIT_TYPE_DOCUMENT, NULL);
  self->id = g_strdup (id);
  return self;
}

static RemitDocument *
document_from_object (JsonObject *object, const char *path, GError **error)
{
  g_autoptr (RemitDocument) self = g_object_new (REMIT_TYPE_DOCUMENT, NULL);
  const char *progress = NULL;
  JsonObject *links = NULL;
  gboolean present;
  gint64 page_count = -1;

  if (!remit_json_dup_string (object, path, "id", TRUE, &self->id, error)
      || !remit_json_dup_string (object, path, "name", FALSE, &self->name, error)
      || !remit_json_get_int_strict (object, path, "creationDate", FALSE, &self->creation_date,
                                     &present, error))
    return NULL;
  self->has_creation_date = present;

  if (!remit_json_get_string (object, path, "progress", TRUE, &progress, error))
    return NULL;
  if (!remit_document_progress_from_string (progress, &self->progress))
    {
      remit_json_malformed_value (error, path, "progress", progress);
      return NULL;
    }

  if (!remit_json_dup_string (object, path, "origin", FALSE, &self->origin, error)
      || !remit_json_dup_string (object, path, "sourceClassification", FALSE,
                                 &self->source_classification, error)
      || !remit_json_get_int_strict (object, path, "pageCount", FALSE, &page_count, &present,
                                     error))
    return NULL;
  if (present)
    {
      if (page_count < 0 || page_count > G_MAXINT)
        {
          remit_json_malformed_int (error, path, "pageCount", page_count);
          return NULL;
        }
      self->page_count = (int) page_count;
    }

  if (!remit_json_get_object (object, path, "_links", FALSE, &links, error))
    return NULL;
  if (links != NULL)
    {
      g_autofree char *links_path = remit_json_path_member (path, "_links");
      const char *uri;

      for (guint i = 0; i < G_N_ELEMENTS (known_links); i++)
        {
          if (!remit_json_get_string (links, links_path, known_links[i], FALSE, &uri, error))
            return NULL;
        }
      self->links = remit_json_object_deep_copy (links);
    }

  self->unknown = remit_json_copy_unknown (object, document_members);
  return g_steal_pointer (&self);
}

/**
 * remit_document_new_from_json:
 * @node: the answer of `GET /documents/{id}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error naming the member
 *
 * Reads a document. `id` and `progress` are required; members this version does not know
 * are kept and written back by remit_document_to_json().
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
RemitDocument *
remit_document_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error))
    return NULL;
  return document_from_object (object, NULL, error);
}

/**
 * remit_document_to_json:
 * @self: a document
 *
 * Returns: (transfer full): the document as the API writes it, unknown members included
 */
JsonNode *
remit_document_to_json (RemitDocument *self)
{
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  if (self->name != NULL)
    json_object_set_string_member (object, "name", self->name);
  if (self->has_creation_date)
    json_object_set_int_member (object, "creationDate", self->creation_date);
  json_object_set_string_member (object, "progress",
                                 remit_document_progress_to_string (self->progress));
  if (self->origin != NULL)
    json_object_set_string_member (object, "origin", self->origin);
  if (self->source_classification != NULL)
    json_object_set_string_member (object, "sourceClassification", self->source_classification);
  if (self->page_count >= 0)
    json_object_set_int_member (object, "pageCount", self->page_count);
  if (self->links != NULL)
    json_object_set_object_member (object, "_links", remit_json_object_deep_copy (self->links));
  remit_json_object_add_all (object, self->unknown);

  return remit_json_object_node_take (object);
}

const char *
remit_document_get_id (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  return self->id;
}

const char *
remit_document_get_name (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  return self->name;
}

void
remit_document_set_name (RemitDocument *self, const char *name)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));

  remit_set_string_notify (self, &self->name, name, properties[PROP_NAME]);
}

/**
 * remit_document_get_creation_date:
 * @self: a document
 *
 * Returns: the creation time in milliseconds since the Unix epoch, 0 if unknown
 */
gint64
remit_document_get_creation_date (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), 0);

  return self->creation_date;
}

void
remit_document_set_creation_date (RemitDocument *self, gint64 creation_date_ms)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));

  if (self->has_creation_date && self->creation_date == creation_date_ms)
    return;

  self->creation_date = creation_date_ms;
  self->has_creation_date = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATION_DATE]);
}

/**
 * remit_document_dup_creation_date_time:
 * @self: a document
 *
 * Returns: (transfer full) (nullable): the creation time in UTC, %NULL if unknown
 */
GDateTime *
remit_document_dup_creation_date_time (RemitDocument *self)
{
  g_autoptr (GDateTime) seconds = NULL;

  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  if (!self->has_creation_date)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (self->creation_date / 1000);
  if (seconds == NULL)
    return NULL;
  return g_date_time_add (seconds, (self->creation_date % 1000) * G_TIME_SPAN_MILLISECOND);
}

RemitDocumentProgress
remit_document_get_progress (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), REMIT_DOCUMENT_PROGRESS_PENDING);

  return self->progress;
}

void
remit_document_set_progress (RemitDocument *self, RemitDocumentProgress progress)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));
  g_return_if_fail (progress <= REMIT_DOCUMENT_PROGRESS_ERROR);

  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

const char *
remit_document_get_origin (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  return self->origin;
}

void
remit_document_set_origin (RemitDocument *self, const char *origin)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));

  remit_set_string_notify (self, &self->origin, origin, properties[PROP_ORIGIN]);
}

/**
 * remit_document_get_source_classification:
 * @self: a document
 *
 * Returns: (nullable): the classification as the server wrote it, known or not
 */
const char *
remit_document_get_source_classification (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  return self->source_classification;
}

RemitSourceClassification
remit_document_get_source_classification_kind (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), REMIT_SOURCE_CLASSIFICATION_OTHER);

  return remit_source_classification_from_string (self->source_classification);
}

void
remit_document_set_source_classification (RemitDocument *self, const char *classification)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));

  remit_set_string_notify (self, &self->source_classification, classification,
                           properties[PROP_SOURCE_CLASSIFICATION]);
}

/**
 * remit_document_get_page_count:
 * @self: a document
 *
 * Returns: the number of pages, or -1 if the answer did not say
 */
int
remit_document_get_page_count (RemitDocument *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), -1);

  return self->page_count;
}

void
remit_document_set_page_count (RemitDocument *self, int page_count)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));
  g_return_if_fail (page_count >= -1);

  if (self->page_count == page_count)
    return;

  self->page_count = page_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_COUNT]);
}

/**
 * remit_document_get_link:
 * @self: a document
 * @name: a link name such as %REMIT_DOCUMENT_LINK_EXTRACTIONS
 *
 * Returns: (nullable): the URI, or %NULL if there is no such link or it is not a string
 */
const char *
remit_document_get_link (RemitDocument *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return remit_json_lookup_string (self->links, name);
}

/**
 * remit_document_set_link:
 * @self: a document
 * @name: the link name
 * @uri: (nullable): the URI, or %NULL to remove the link
 */
void
remit_document_set_link (RemitDocument *self, const char *name, const char *uri)
{
  g_return_if_fail (REMIT_IS_DOCUMENT (self));
  g_return_if_fail (name != NULL);

  remit_json_object_set_optional_string (&self->links, name, uri);
}

/**
 * remit_document_list_links:
 * @self: a document
 *
 * Returns: (transfer full): the names of the links whose value is a URI, in answer order
 */
char **
remit_document_list_links (RemitDocument *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (REMIT_IS_DOCUMENT (self), NULL);

  if (self->links != NULL)
    {
      json_object_iter_init_ordered (&iter, self->links);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (remit_json_node_is_string (member))
            g_strv_builder_add (builder, name);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * remit_document_list_from_json:
 * @node: the answer of `GET /documents`, `{"documents":[…]}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Returns: (transfer container) (element-type RemitDocument): the documents, or %NULL
 */
GPtrArray *
remit_document_list_from_json (JsonNode *node, GError **error)
{
  g_autoptr (GPtrArray) documents = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error)
      || !remit_json_get_array (object, NULL, "documents", TRUE, &array, error))
    return NULL;

  documents = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = remit_json_path_index ("documents", i);
      RemitDocument *document;
      JsonObject *element;

      if (!remit_json_node_get_object (json_array_get_element (array, i), path, &element, error))
        return NULL;

      document = document_from_object (element, path, error);
      if (document == NULL)
        return NULL;
      g_ptr_array_add (documents, document);
    }

  return g_steal_pointer (&documents);
}

/**
 * remit_document_list_to_json:
 * @documents: (element-type RemitDocument): documents
 *
 * Returns: (transfer full): `{"documents":[…]}`
 */
JsonNode *
remit_document_list_to_json (GPtrArray *documents)
{
  JsonArray *array;
  JsonObject *object;

  g_return_val_if_fail (documents != NULL, NULL);

  array = json_array_sized_new (documents->len);
  for (guint i = 0; i < documents->len; i++)
    json_array_add_element (array, remit_document_to_json (g_ptr_array_index (documents, i)));

  object = json_object_new ();
  json_object_set_array_member (object, "documents", array);
  return remit_json_object_node_take (object);
}

/* Composite documents */

G_DEFINE_BOXED_TYPE (RemitPartialDocument, remit_partial_document, remit_partial_document_copy,
                     remit_partial_document_free)

static gboolean
rotation_is_valid (gint64 rotation)
{
  return rotation == 0 || rotation == 90 || rotation == 180 || rotation == 270;
}

/**
 * remit_partial_document_new:
 * @document: the URI of the partial document
 * @rotation_delta: 0, 90, 180 or 270
 *
 * Returns: (transfer full): a new entry; remit_composite_document_to_json() checks it
 */
RemitPartialDocument *
remit_partial_document_new (const char *document, int rotation_delta)
{
  RemitPartialDocument *partial;

  g_return_val_if_fail (document != NULL, NULL);

  partial = g_new0 (RemitPartialDocument, 1);
  partial->document = g_strdup (document);
  partial->rotation_delta = rotation_delta;
  return partial;
}

RemitPartialDocument *
remit_partial_document_copy (const RemitPartialDocument *partial)
{
  g_return_val_if_fail (partial != NULL, NULL);

  return remit_partial_document_new (partial->document, partial->rotation_delta);
}

void
remit_partial_document_free (RemitPartialDocument *partial)
{
  if (partial == NULL)
    return;

  g_free (partial->document);
  g_free (partial);
}

/**
 * remit_composite_document_to_json:
 * @partials: (element-type RemitPartialDocument): the pages, in order
 * @error: return location for a %REMIT_CORE_ERROR_INVALID_VALUE error
 *
 * Builds the body that creates a composite document,
 * `{"partialDocuments":[{"document": URI, "rotationDelta": 0}, …]}`.
 *
 * Returns: (transfer full): the body, or %NULL if there is no page, a URI is empty or a
 *   rotation is not a quarter turn
 */
JsonNode *
remit_composite_document_to_json (GPtrArray *partials, GError **error)
{
  g_autoptr (JsonArray) array = NULL;
  JsonObject *object;

  g_return_val_if_fail (partials != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (partials->len == 0)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("A composite document needs at least one page"));
      return NULL;
    }

  array = json_array_sized_new (partials->len);
  for (guint i = 0; i < partials->len; i++)
    {
      const RemitPartialDocument *partial = g_ptr_array_index (partials, i);
      JsonObject *entry;

      if (partial->document == NULL || *partial->document == '\0')
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       _("Page %u of the composite document has no document URI"), i + 1);
          return NULL;
        }
      if (!rotation_is_valid (partial->rotation_delta))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       _("Page %u of the composite document has the rotation %d°; use 0, 90, "
                         "180 or 270"),
                       i + 1, partial->rotation_delta);
          return NULL;
        }

      entry = json_object_new ();
      json_object_set_string_member (entry, "document", partial->document);
      json_object_set_int_member (entry, "rotationDelta", partial->rotation_delta);
      json_array_add_object_element (array, entry);
    }

  object = json_object_new ();
  json_object_set_array_member (object, "partialDocuments", g_steal_pointer (&array));
  return remit_json_object_node_take (object);
}

/**
 * remit_composite_document_from_json:
 * @node: a body as remit_composite_document_to_json() writes it
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Reads the body that creates a composite document. `rotationDelta` may be left out (0).
 *
 * Returns: (transfer container) (element-type RemitPartialDocument): the pages, or %NULL
 */
GPtrArray *
remit_composite_document_from_json (JsonNode *node, GError **error)
{
  g_autoptr (GPtrArray) partials = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error)
      || !remit_json_get_array (object, NULL, "partialDocuments", TRUE, &array, error))
    return NULL;
  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("A composite document needs at least one page"));
      return NULL;
    }

  partials = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_partial_document_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = remit_json_path_index ("partialDocuments", i);
      const char *document = NULL;
      gint64 rotation = 0;
      JsonObject *entry;

      if (!remit_json_node_get_object (json_array_get_element (array, i), path, &entry, error)
          || !remit_json_get_string (entry, path, "document", TRUE, &document, error)
          || !remit_json_get_int_strict (entry, path, "rotationDelta", FALSE, &rotation, NULL,
                                         error))
        return NULL;
      if (*document == '\0')
        {
          remit_json_malformed (error, path, "document", REMIT_JSON_MISSING);
          return NULL;
        }
      if (!rotation_is_valid (rotation))
        {
          remit_json_malformed_int (error, path, "rotationDelta", rotation);
          return NULL;
        }

      g_ptr_array_add (partials, remit_partial_document_new (document, (int) rotation));
    }

  return g_steal_pointer (&partials);
}

/* Pages */

struct _RemitDocumentPage
{
  int number;
  JsonObject *images;
  JsonObject *unknown;
};

G_DEFINE_BOXED_TYPE (RemitDocumentPage, remit_document_page, remit_document_page_ref,
                     remit_document_page_unref)

static const char *const page_members[] = { "pageNumber", "images", NULL };

static void
document_page_clear (gpointer data)
{
  RemitDocumentPage *page = data;

  g_clear_pointer (&page->images, json_object_unref);
  g_clear_pointer (&page->unknown, json_object_unref);
}

/**
 * remit_document_page_new:
 * @page_number: the 1-based page number
 *
 * Returns: (transfer full): a page without images
 */
RemitDocumentPage *
remit_document_page_new (int page_number)
{
  RemitDocumentPage *page;

  g_return_val_if_fail (page_number >= 1, NULL);

  page = g_rc_box_new0 (RemitDocumentPage);
  page->number = page_number;
  page->images = json_object_new ();
  return page;
}

RemitDocumentPage *
remit_document_page_ref (RemitDocumentPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  return g_rc_box_acquire (page);
}

void
remit_document_page_unref (RemitDocumentPage *page)
{
  g_return_if_fail (page != NULL);

  g_rc_box_release_full (page, document_page_clear);
}

int
remit_document_page_get_number (RemitDocumentPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  return page->number;
}

/**
 * remit_document_page_get_image:
 * @page: a page
 * @size: %REMIT_DOCUMENT_PAGE_IMAGE_LARGE, %REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM or another
 *   name the server uses
 *
 * Returns: (nullable): the URI of the rendered page in that size
 */
const char *
remit_document_page_get_image (RemitDocumentPage *page, const char *size)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (size != NULL, NULL);

  return remit_json_lookup_string (page->images, size);
}

void
remit_document_page_set_image (RemitDocumentPage *page, const char *size, const char *uri)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (size != NULL);

  remit_json_object_set_optional_string (&page->images, size, uri);
}

static RemitDocumentPage *
page_from_object (JsonObject *object, const char *path, GError **error)
{
  static const char *const sizes[] = {
    REMIT_DOCUMENT_PAGE_IMAGE_LARGE,
    REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM,
  };
  g_autoptr (RemitDocumentPage) page = NULL;
  g_autofree char *images_path = remit_json_path_member (path, "images");
  JsonObject *images = NULL;
  const char *uri;
  gint64 number = 0;

  if (!remit_json_get_int_strict (object, path, "pageNumber", TRUE, &number, NULL, error))
    return NULL;
  if (number < 1 || number > G_MAXINT)
    {
      remit_json_malformed_int (error, path, "pageNumber", number);
      return NULL;
    }
  if (!remit_json_get_object (object, path, "images", TRUE, &images, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      if (!remit_json_get_string (images, images_path, sizes[i], FALSE, &uri, error))
        return NULL;
    }

  page = remit_document_page_new ((int) number);
  json_object_unref (page->images);
  page->images = remit_json_object_deep_copy (images);
  page->unknown = remit_json_copy_unknown (object, page_members);
  return g_steal_pointer (&page);
}

/**
 * remit_document_pages_from_json:
 * @node: the answer of `GET /documents/{id}/pages`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Returns: (transfer container) (element-type RemitDocumentPage): the pages, or %NULL
 */
GPtrArray *
remit_document_pages_from_json (JsonNode *node, GError **error)
{
  g_autoptr (GPtrArray) pages = NULL;
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_array (node, NULL, &array, error))
    return NULL;

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_document_page_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = remit_json_path_index (NULL, i);
      RemitDocumentPage *page;
      JsonObject *element;

      if (!remit_json_node_get_object (json_array_get_element (array, i), path, &element, error))
        return NULL;

      page = page_from_object (element, path, error);
      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }

  return g_steal_pointer (&pages);
}

/**
 * remit_document_pages_to_json:
 * @pages: (element-type RemitDocumentPage): pages
 *
 * Returns: (transfer full): the pages answer, unknown members included
 */
JsonNode *
remit_document_pages_to_json (GPtrArray *pages)
{
  JsonArray *array;

  g_return_val_if_fail (pages != NULL, NULL);

  array = json_array_sized_new (pages->len);
  for (guint i = 0; i < pages->len; i++)
    {
      RemitDocumentPage *page = g_ptr_array_index (pages, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "pageNumber", page->number);
      json_object_set_object_member (object, "images", remit_json_object_deep_copy (page->images));
      remit_json_object_add_all (object, page->unknown);
      json_array_add_object_element (array, object);
    }

  return remit_json_array_node_take (array);
}
