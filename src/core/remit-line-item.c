/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-line-item"

#include "config.h"

#include "remit-json-private.h"
#include "remit-line-item.h"

/**
 * RemitLineItem:
 *
 * One article of an invoice, as the Return Assistant shows it: what it is, how many were
 * bought and at what gross price per unit, and whether the person sends it back (and why).
 *
 * A returned item counts as complete only once it has a return reason id.
 */
struct _RemitLineItem
{
  GObject parent_instance;

  char *position;
  char *description;
  char *article_number;
  guint quantity;
  guint original_quantity;
  RemitAmount *unit_price;
  char *return_reason;
  gboolean returned;
};

G_DEFINE_FINAL_TYPE (RemitLineItem, remit_line_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_DESCRIPTION,
  PROP_ARTICLE_NUMBER,
  PROP_QUANTITY,
  PROP_ORIGINAL_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_RETURNED,
  PROP_RETURN_REASON,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remit_line_item_finalize (GObject *object)
{
  RemitLineItem *self = REMIT_LINE_ITEM (object);

  g_clear_pointer (&self->position, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->article_number, g_free);
  g_clear_pointer (&self->unit_price, remit_amount_free);
  g_clear_pointer (&self->return_reason, g_free);

  G_OBJECT_CLASS (remit_line_item_parent_class)->finalize (object);
}

static void
remit_line_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitLineItem *self = REMIT_LINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_string (value, self->position);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ARTICLE_NUMBER:
      g_value_set_string (value, self->article_number);
      break;
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;
    case PROP_ORIGINAL_QUANTITY:
      g_value_set_uint (value, self->original_quantity);
      break;
    case PROP_UNIT_PRICE:
      g_value_set_boxed (value, self->unit_price);
      break;
    case PROP_RETURNED:
      g_value_set_boolean (value, self->returned);
      break;
    case PROP_RETURN_REASON:
      g_value_set_string (value, self->return_reason);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, remit_line_item_is_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_line_item_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  RemitLineItem *self = REMIT_LINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      remit_line_item_set_position (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      remit_line_item_set_description (self, g_value_get_string (value));
      break;
    case PROP_ARTICLE_NUMBER:
      remit_line_item_set_article_number (self, g_value_get_string (value));
      break;
    case PROP_QUANTITY:
      remit_line_item_set_quantity (self, g_value_get_uint (value));
      break;
    case PROP_ORIGINAL_QUANTITY:
      remit_line_item_set_original_quantity (self, g_value_get_uint (value));
      break;
    case PROP_UNIT_PRICE:
      remit_line_item_set_unit_price (self, g_value_get_boxed (value));
      break;
    case PROP_RETURNED:
      remit_line_item_set_returned (self, g_value_get_boolean (value));
      break;
    case PROP_RETURN_REASON:
      remit_line_item_set_return_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_line_item_class_init (RemitLineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_line_item_finalize;
  object_class->get_property = remit_line_item_get_property;
  object_class->set_property = remit_line_item_set_property;

  /**
   * RemitLineItem:position:
   *
   * The position number as printed on the document, or %NULL.
   */
  properties[PROP_POSITION] =
    g_param_spec_string ("position", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:description:
   *
   * What the article is, as printed on the document, or %NULL.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:article-number:
   *
   * The seller's article number, or %NULL.
   */
  properties[PROP_ARTICLE_NUMBER] =
    g_param_spec_string ("article-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:quantity:
   *
   * How many units the person keeps (or bought), 0 to %REMIT_LINE_ITEM_QUANTITY_MAX.
   */
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 0, REMIT_LINE_ITEM_QUANTITY_MAX, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:original-quantity:
   *
   * The quantity as it was extracted from the document.
   */
  properties[PROP_ORIGINAL_QUANTITY] =
    g_param_spec_uint ("original-quantity", NULL, NULL, 0, REMIT_LINE_ITEM_QUANTITY_MAX, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:unit-price:
   *
   * The gross price of one unit (a #RemitAmount), or %NULL when the document has none.
   */
  properties[PROP_UNIT_PRICE] =
    g_param_spec_boxed ("unit-price", NULL, NULL, REMIT_TYPE_AMOUNT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:returned:
   *
   * Whether the person sends the item back. A returned item does not count towards the
   * total and needs a #RemitLineItem:return-reason.
   */
  properties[PROP_RETURNED] =
    g_param_spec_boolean ("returned", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:return-reason:
   *
   * The id of the document's return reason chosen for a returned item, or %NULL.
   */
  properties[PROP_RETURN_REASON] =
    g_param_spec_string ("return-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItem:complete:
   *
   * %FALSE while the item is returned without a return reason.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_line_item_init (RemitLineItem *self)
{
}

/**
 * remit_line_item_new:
 * @description: (nullable): what the article is
 * @quantity: how many units, at most %REMIT_LINE_ITEM_QUANTITY_MAX
 * @unit_price: (nullable): the gross price of one unit
 *
 * Creates a line item. Its original quantity is @quantity.
 *
 * Returns: (transfer full): a new #RemitLineItem
 */
RemitLineItem *
remit_line_item_new (const char *description, guint quantity, const RemitAmount *unit_price)
{
  g_return_val_if_fail (quantity <= REMIT_LINE_ITEM_QUANTITY_MAX, NULL);

  return g_object_new (REMIT_TYPE_LINE_ITEM,
                       "description", description,
                       "quantity", quantity,
                       "original-quantity", quantity,
                       "unit-price", unit_price,
                       NULL);
}

const char *
remit_line_item_get_position (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), NULL);

  return self->position;
}

void
remit_line_item_set_position (RemitLineItem *self, const char *position)
{
  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  remit_set_string_notify (self, &self->position, position, properties[PROP_POSITION]);
}

const char *
remit_line_item_get_description (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), NULL);

  return self->description;
}

void
remit_line_item_set_description (RemitLineItem *self, const char *description)
{
  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  remit_set_string_notify (self, &self->description, description, properties[PROP_DESCRIPTION]);
}

const char *
remit_line_item_get_article_number (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), NULL);

  return self->article_number;
}

void
remit_line_item_set_article_number (RemitLineItem *self, const char *article_number)
{
  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  remit_set_string_notify (self, &self->article_number, article_number,
                           properties[PROP_ARTICLE_NUMBER]);
}

/* Sets a quantity field unless @quantity is out of range; FALSE if it was. */
static gboolean
set_quantity (RemitLineItem *self, guint *field, guint quantity, guint prop)
{
  if (quantity > REMIT_LINE_ITEM_QUANTITY_MAX)
    return FALSE;

  if (*field != quantity)
    {
      *field = quantity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }

  return TRUE;
}

guint
remit_line_item_get_quantity (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), 0);

  return self->quantity;
}

/**
 * remit_line_item_set_quantity:
 * @self: a #RemitLineItem
 * @quantity: the new quantity
 *
 * Sets how many units the person keeps. A quantity above %REMIT_LINE_ITEM_QUANTITY_MAX is
 * refused and leaves the item as it was.
 *
 * Returns: %FALSE if @quantity was out of range
 */
gboolean
remit_line_item_set_quantity (RemitLineItem *self, guint quantity)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), FALSE);

  return set_quantity (self, &self->quantity, quantity, PROP_QUANTITY);
}

guint
remit_line_item_get_original_quantity (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), 0);

  return self->original_quantity;
}

/**
 * remit_line_item_set_original_quantity:
 * @self: a #RemitLineItem
 * @quantity: the quantity as extracted
 *
 * Like remit_line_item_set_quantity(), a quantity out of range is refused.
 *
 * Returns: %FALSE if @quantity was out of range
 */
gboolean
remit_line_item_set_original_quantity (RemitLineItem *self, guint quantity)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), FALSE);

  return set_quantity (self, &self->original_quantity, quantity, PROP_ORIGINAL_QUANTITY);
}

const RemitAmount *
remit_line_item_get_unit_price (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), NULL);

  return self->unit_price;
}

void
remit_line_item_set_unit_price (RemitLineItem *self, const RemitAmount *unit_price)
{
  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  if (self->unit_price == NULL && unit_price == NULL)
    return;
  if (self->unit_price != NULL && unit_price != NULL
      && remit_amount_equal (self->unit_price, unit_price))
    return;

  g_clear_pointer (&self->unit_price, remit_amount_free);
  if (unit_price != NULL)
    self->unit_price = remit_amount_copy (unit_price);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_PRICE]);
}

gboolean
remit_line_item_get_returned (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), FALSE);

  return self->returned;
}

void
remit_line_item_set_returned (RemitLineItem *self, gboolean returned)
{
  gboolean was_complete;

  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  returned = !!returned;
  if (self->returned == returned)
    return;

  was_complete = remit_line_item_is_complete (self);
  self->returned = returned;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETURNED]);
  if (was_complete != remit_line_item_is_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
remit_line_item_get_return_reason (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), NULL);

  return self->return_reason;
}

/**
 * remit_line_item_set_return_reason:
 * @self: a #RemitLineItem
 * @reason_id: (nullable): the id of one of the document's return reasons
 *
 * Sets why the item goes back. An empty id is the same as %NULL.
 */
void
remit_line_item_set_return_reason (RemitLineItem *self, const char *reason_id)
{
  gboolean was_complete;

  g_return_if_fail (REMIT_IS_LINE_ITEM (self));

  if (reason_id != NULL && reason_id[0] == '\0')
    reason_id = NULL;

  was_complete = remit_line_item_is_complete (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (remit_set_string_notify (self, &self->return_reason, reason_id,
                               properties[PROP_RETURN_REASON])
      && was_complete != remit_line_item_is_complete (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * remit_line_item_is_complete:
 * @self: a #RemitLineItem
 *
 * Returns: %FALSE if the item is returned but has no return reason yet
 */
gboolean
remit_line_item_is_complete (RemitLineItem *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEM (self), FALSE);

  return !self->returned || self->return_reason != NULL;
}
