/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-extraction"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "remit-box-private.h"
#include "remit-core-error.h"
#include "remit-extraction-private.h"
#include "remit-json-private.h"

/**
 * RemitExtraction:
 *
 * One value the extraction service found on a document: its entity (the kind of value,
 * e.g. "amount", "iban", "companyname"), the value as text, where it stands on the page,
 * how confident the service is and the name of the candidate list it was picked from.
 *
 * In JSON it is `{entity, value, box?, candidates?, confidence?}`. Every other member is
 * kept as it came and written back unchanged, so an answer survives a round trip through
 * this model even when the service adds members Remit does not know.
 */
struct _RemitExtraction
{
  GObject parent_instance;

  char *entity;
  char *value;
  char *candidates;
  RemitBox box;
  double confidence;
  JsonObject *extra;
  guint has_box : 1;
  guint has_confidence : 1;
};

G_DEFINE_FINAL_TYPE (RemitExtraction, remit_extraction, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ENTITY,
  PROP_VALUE,
  PROP_BOX,
  PROP_CANDIDATES,
  PROP_CONFIDENCE,
  PROP_HAS_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const known_members[] = {
  "entity", "value", "box", "candidates", "confidence", NULL,
};

static void
remit_extraction_finalize (GObject *object)
{
  RemitExtraction *self = REMIT_EXTRACTION (object);

  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->candidates, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (remit_extraction_parent_class)->finalize (object);
}

static void
remit_extraction_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitExtraction *self = REMIT_EXTRACTION (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_string (value, self->entity);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_BOX:
      g_value_set_boxed (value, remit_extraction_get_box (self));
      break;
    case PROP_CANDIDATES:
      g_value_set_string (value, self->candidates);
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;
    case PROP_HAS_CONFIDENCE:
      g_value_set_boolean (value, self->has_confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_extraction_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  RemitExtraction *self = REMIT_EXTRACTION (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      remit_extraction_set_entity (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      remit_extraction_set_value (self, g_value_get_string (value));
      break;
    case PROP_BOX:
      remit_extraction_set_box (self, g_value_get_boxed (value));
      break;
    case PROP_CANDIDATES:
      remit_extraction_set_candidates (self, g_value_get_string (value));
      break;
    case PROP_CONFIDENCE:
      remit_extraction_set_confidence (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_extraction_class_init (RemitExtractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_extraction_finalize;
  object_class->get_property = remit_extraction_get_property;
  object_class->set_property = remit_extraction_set_property;

  /**
   * RemitExtraction:entity:
   *
   * The kind of value, e.g. "amount", "iban", "companyname", "doctype"; never %NULL.
   */
  properties[PROP_ENTITY] = g_param_spec_string ("entity", NULL, NULL, "",
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);

  /**
   * RemitExtraction:value:
   *
   * The value as text, in the API's form (amounts as "12.50:EUR"); never %NULL.
   */
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, "",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);

  /**
   * RemitExtraction:box:
   *
   * Where the value stands on the document, or %NULL when that is not known.
   */
  properties[PROP_BOX] = g_param_spec_boxed ("box", NULL, NULL, REMIT_TYPE_BOX,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);

  /**
   * RemitExtraction:candidates:
   *
   * The name of the candidate list of the extraction set this value belongs to (e.g.
   * "amounts", "ibans"), or %NULL.
   */
  properties[PROP_CANDIDATES] = g_param_spec_string ("candidates", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);

  /**
   * RemitExtraction:confidence:
   *
   * The service's confidence in the value; only meaningful when
   * #RemitExtraction:has-confidence is %TRUE. Setting it sets that too.
   */
  properties[PROP_CONFIDENCE] = g_param_spec_double ("confidence", NULL, NULL, -G_MAXDOUBLE,
                                                     G_MAXDOUBLE, 0,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                         | G_PARAM_STATIC_STRINGS);

  /**
   * RemitExtraction:has-confidence:
   *
   * Whether the extraction carries a confidence.
   */
  properties[PROP_HAS_CONFIDENCE] = g_param_spec_boolean ("has-confidence", NULL, NULL, FALSE,
                                                          G_PARAM_READABLE
                                                              | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_extraction_init (RemitExtraction *self)
{
  self->entity = g_strdup ("");
  self->value = g_strdup ("");
}

/**
 * remit_extraction_new:
 * @entity: the kind of value, e.g. "amount"
 * @value: the value as text
 *
 * Returns: (transfer full): a new extraction without box, confidence or candidate list
 */
RemitExtraction *
remit_extraction_new (const char *entity, const char *value)
{
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return g_object_new (REMIT_TYPE_EXTRACTION, "entity", entity, "value", value, NULL);
}

/**
 * remit_extraction_new_with_box:
 * @entity: the kind of value, e.g. "amount"
 * @value: the value as text
 * @box: (nullable): where the value stands on the document
 *
 * Returns: (transfer full): a new extraction
 */
RemitExtraction *
remit_extraction_new_with_box (const char *entity, const char *value, const RemitBox *box)
{
  RemitExtraction *self = remit_extraction_new (entity, value);

  if (self != NULL)
    remit_extraction_set_box (self, box);
  return self;
}

RemitExtraction *
remit_extraction_parse_json (JsonObject *object, const char *path, GError **error)
{
  g_autoptr (RemitExtraction) self = NULL;
  const char *entity = NULL;
  const char *value = NULL;
  const char *candidates = NULL;
  JsonObject *box_object = NULL;
  double confidence = 0;
  gboolean has_confidence = FALSE;
  RemitBox box;

  if (!remit_json_get_string (object, path, "entity", TRUE, &entity, error)
      || !remit_json_get_string (object, path, "value", TRUE, &value, error)
      || !remit_json_get_object (object, path, "box", FALSE, &box_object, error)
      || !remit_json_get_string (object, path, "candidates", FALSE, &candidates, error)
      || !remit_json_get_number (object, path, "confidence", FALSE, &confidence, &has_confidence,
                                 error))
    return NULL;

  if (box_object != NULL)
    {
      g_autofree char *box_path = remit_json_path_member (path, "box");

      if (!remit_box_parse_json (&box, box_object, box_path, error))
        return NULL;
    }

  self = g_object_new (REMIT_TYPE_EXTRACTION, NULL);
  g_free (self->entity);
  self->entity = g_strdup (entity);
  g_free (self->value);
  self->value = g_strdup (value);
  self->candidates = g_strdup (candidates);
  self->has_box = box_object != NULL;
  if (self->has_box)
    self->box = box;
  self->has_confidence = has_confidence;
  self->confidence = confidence;
  self->extra = remit_json_copy_unknown (object, known_members);

  return g_steal_pointer (&self);
}

/**
 * remit_extraction_new_from_json:
 * @object: a JSON object `{entity, value, box?, candidates?, confidence?, …}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Reads an extraction. @entity and @value must be strings, @box a box (see
 * remit_box_init_from_json()), @candidates a string and @confidence a number; members that
 * are missing or null are absent. Other members are kept (see remit_extraction_get_extra()).
 *
 * Returns: (transfer full) (nullable): the extraction, or %NULL with @error set
 */
RemitExtraction *
remit_extraction_new_from_json (JsonObject *object, GError **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return remit_extraction_parse_json (object, NULL, error);
}

/**
 * remit_extraction_copy:
 * @self: an extraction
 *
 * Returns: (transfer full): a new extraction with the same contents, unknown members included
 */
RemitExtraction *
remit_extraction_copy (RemitExtraction *self)
{
  RemitExtraction *copy;

  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  copy = remit_extraction_new (self->entity, self->value);
  copy->candidates = g_strdup (self->candidates);
  copy->box = self->box;
  copy->has_box = self->has_box;
  copy->confidence = self->confidence;
  copy->has_confidence = self->has_confidence;
  if (self->extra != NULL)
    {
      copy->extra = json_object_new ();
      remit_json_object_add_all (copy->extra, self->extra);
    }

  return copy;
}

/**
 * remit_extraction_to_json:
 * @self: an extraction
 *
 * Writes the extraction as the API does, followed by the members it came with that the
 * model does not know.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
remit_extraction_to_json (RemitExtraction *self)
{
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "entity", self->entity);
  json_object_set_string_member (object, "value", self->value);
  if (self->has_box)
    json_object_set_member (object, "box", remit_box_to_json (&self->box));
  if (self->candidates != NULL)
    json_object_set_string_member (object, "candidates", self->candidates);
  if (self->has_confidence)
    remit_json_object_set_number (object, "confidence", self->confidence);
  remit_json_object_add_all (object, self->extra);

  return remit_json_object_node_take (object);
}

const char *
remit_extraction_get_entity (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  return self->entity;
}

void
remit_extraction_set_entity (RemitExtraction *self, const char *entity)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));

  remit_set_string_notify (self, &self->entity, entity != NULL ? entity : "",
                           properties[PROP_ENTITY]);
}

const char *
remit_extraction_get_value (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  return self->value;
}

void
remit_extraction_set_value (RemitExtraction *self, const char *value)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));

  remit_set_string_notify (self, &self->value, value != NULL ? value : "", properties[PROP_VALUE]);
}

/**
 * remit_extraction_get_box:
 * @self: an extraction
 *
 * Returns: (transfer none) (nullable): where the value stands, or %NULL
 */
const RemitBox *
remit_extraction_get_box (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  return self->has_box ? &self->box : NULL;
}

/**
 * remit_extraction_set_box:
 * @self: an extraction
 * @box: (nullable): the new box (copied), or %NULL to remove it
 */
void
remit_extraction_set_box (RemitExtraction *self, const RemitBox *box)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));

  if (remit_box_equal (remit_extraction_get_box (self), box, 0))
    return;

  self->has_box = box != NULL;
  if (box != NULL)
    self->box = *box;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOX]);
}

/**
 * remit_extraction_get_candidates:
 * @self: an extraction
 *
 * Returns: (nullable): the name of the candidate list the value was picked from, or %NULL
 */
const char *
remit_extraction_get_candidates (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  return self->candidates;
}

void
remit_extraction_set_candidates (RemitExtraction *self, const char *candidates)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));

  remit_set_string_notify (self, &self->candidates, candidates, properties[PROP_CANDIDATES]);
}

gboolean
remit_extraction_has_confidence (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), FALSE);

  return self->has_confidence;
}

/**
 * remit_extraction_get_confidence:
 * @self: an extraction
 *
 * Returns: the confidence, or 0 when the extraction has none
 */
double
remit_extraction_get_confidence (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), 0);

  return self->has_confidence ? self->confidence : 0;
}

void
remit_extraction_set_confidence (RemitExtraction *self, double confidence)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));
  g_return_if_fail (isfinite (confidence));

  if (self->has_confidence && self->confidence == confidence)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->confidence = confidence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
  if (!self->has_confidence)
    {
      self->has_confidence = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONFIDENCE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
remit_extraction_clear_confidence (RemitExtraction *self)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));

  if (!self->has_confidence)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->has_confidence = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CONFIDENCE]);
  if (self->confidence != 0)
    {
      self->confidence = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * remit_extraction_get_extra_names:
 * @self: an extraction
 *
 * Returns: (transfer full): the names of the members the model does not know, in the order
 *   they came; free with g_strfreev()
 */
char **
remit_extraction_get_extra_names (RemitExtraction *self)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);

  return remit_json_object_dup_names (self->extra);
}

/**
 * remit_extraction_get_extra:
 * @self: an extraction
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the value of a member the model does not know, as
 *   it came (e.g. "valueSource"), or %NULL
 */
JsonNode *
remit_extraction_get_extra (RemitExtraction *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_EXTRACTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->extra == NULL)
    return NULL;
  return json_object_get_member (self->extra, name);
}

/**
 * remit_extraction_set_extra:
 * @self: an extraction
 * @name: a member name that is not one of the model's own (entity, value, box, candidates,
 *   confidence)
 * @node: (nullable): the value (copied), or %NULL to remove the member
 *
 * Sets a member that is written out unchanged with the extraction.
 */
void
remit_extraction_set_extra (RemitExtraction *self, const char *name, JsonNode *node)
{
  g_return_if_fail (REMIT_IS_EXTRACTION (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!g_strv_contains (known_members, name));

  if (node == NULL)
    {
      if (self->extra != NULL)
        json_object_remove_member (self->extra, name);
      return;
    }

  if (self->extra == NULL)
    self->extra = json_object_new ();
  json_object_set_member (self->extra, name, remit_json_node_deep_copy (node));
}
