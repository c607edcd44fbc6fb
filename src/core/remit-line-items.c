/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-line-items"

#include "config.h"

#include <string.h>

#include "remit-line-items.h"

/**
 * RemitLineItems:
 *
 * The Return Assistant's model: a #GListModel of #RemitLineItem plus the document's addons
 * (shipping, discounts, gift cards, other charges: label → amount, possibly negative).
 *
 * #RemitLineItems:total is the sum over the items that are kept of quantity × unit price,
 * plus every addon. It follows every change of an item's quantity, returned flag or price
 * and of the addons. When the sum cannot be computed honestly — prices or addons in
 * different currencies, a kept item without a price, an overflow — #RemitLineItems:total
 * is %NULL and #RemitLineItems:total-valid is %FALSE.
 */
struct _RemitLineItems
{
  GObject parent_instance;

  GPtrArray *entries; /* Entry */
  GPtrArray *addons;  /* Addon, in the order they were first set */

  RemitAmount total;
  gboolean total_valid;
  gboolean complete;
};

typedef struct
{
  RemitLineItem *item;
  gulong notify_id;
} Entry;

typedef struct
{
  char *label;
  RemitAmount amount;
} Addon;

static void remit_line_items_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemitLineItems, remit_line_items, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      remit_line_items_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_TOTAL,
  PROP_TOTAL_VALID,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_clear_signal_handler (&entry->notify_id, entry->item);
  g_clear_object (&entry->item);
  g_free (entry);
}

static void
addon_free (Addon *addon)
{
  g_free (addon->label);
  g_free (addon);
}

static Addon *
find_addon (RemitLineItems *self, const char *label, guint *index)
{
  for (guint i = 0; i < self->addons->len; i++)
    {
      Addon *addon = g_ptr_array_index (self->addons, i);

      if (strcmp (addon->label, label) == 0)
        {
          if (index != NULL)
            *index = i;
          return addon;
        }
    }

  return NULL;
}

/* Works out the total; FALSE if it cannot be trusted. */
static gboolean
compute_total (RemitLineItems *self, RemitAmount *out)
{
  const char *currency = NULL;
  RemitAmount sum;

  /* The currency is the first item's; addons only set it when there is no priced item. */
  for (guint i = 0; i < self->entries->len && currency == NULL; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      const RemitAmount *price = remit_line_item_get_unit_price (entry->item);

      if (price != NULL)
        currency = price->currency;
    }
  if (currency == NULL && self->addons->len > 0)
    currency = ((Addon *) g_ptr_array_index (self->addons, 0))->amount.currency;
  if (currency == NULL)
    currency = "EUR";

  remit_amount_init (&sum, 0, currency);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      const RemitAmount *price = remit_line_item_get_unit_price (entry->item);
      guint quantity = remit_line_item_get_quantity (entry->item);
      gboolean returned = remit_line_item_get_returned (entry->item);
      RemitAmount line;

      if (price == NULL)
        {
          /* An item whose price is unknown would make the sum too small. */
          if (!returned && quantity > 0)
            return FALSE;
          continue;
        }

      /* Mixed currencies mean the document or the extraction is wrong: no total at all. */
      if (strcmp (price->currency, sum.currency) != 0)
        return FALSE;

      if (returned)
        continue;

      if (!remit_amount_multiply (price, quantity, &line, NULL)
          || !remit_amount_add (&sum, &line, &sum, NULL))
        return FALSE;
    }

  for (guint i = 0; i < self->addons->len; i++)
    {
      Addon *addon = g_ptr_array_index (self->addons, i);

      if (strcmp (addon->amount.currency, sum.currency) != 0
          || !remit_amount_add (&sum, &addon->amount, &sum, NULL))
        return FALSE;
    }

  *out = sum;

  return TRUE;
}

static gboolean
compute_complete (RemitLineItems *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!remit_line_item_is_complete (entry->item))
        return FALSE;
    }

  return TRUE;
}

/* Recomputes the derived properties and notifies only those that really changed. */
static void
update_state (RemitLineItems *self)
{
  RemitAmount total = { 0, "" };
  gboolean total_valid;
  gboolean total_changed;
  gboolean complete;

  total_valid = compute_total (self, &total);
  if (total_valid != self->total_valid)
    total_changed = TRUE;
  else
    total_changed = total_valid && !remit_amount_equal (&total, &self->total);

  complete = compute_complete (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (total_changed)
    {
      if (total_valid)
        self->total = total;
      else
        remit_amount_init (&self->total, 0, "EUR");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  if (total_valid != self->total_valid)
    {
      self->total_valid = total_valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_VALID]);
    }

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_item_notify (RemitLineItem *item, GParamSpec *pspec, RemitLineItems *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "quantity") || g_str_equal (name, "returned")
      || g_str_equal (name, "unit-price") || g_str_equal (name, "complete"))
    update_state (self);
}

static GType
remit_line_items_get_item_type (GListModel *model)
{
  return REMIT_TYPE_LINE_ITEM;
}

static guint
remit_line_items_get_n_items (GListModel *model)
{
  RemitLineItems *self = REMIT_LINE_ITEMS (model);

  return self->entries->len;
}

static gpointer
remit_line_items_get_item (GListModel *model, guint position)
{
  RemitLineItems *self = REMIT_LINE_ITEMS (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;

  entry = g_ptr_array_index (self->entries, position);

  return g_object_ref (entry->item);
}

static void
remit_line_items_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = remit_line_items_get_item_type;
  iface->get_n_items = remit_line_items_get_n_items;
  iface->get_item = remit_line_items_get_item;
}

static void
remit_line_items_dispose (GObject *object)
{
  RemitLineItems *self = REMIT_LINE_ITEMS (object);

  if (self->entries != NULL)
    g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (remit_line_items_parent_class)->dispose (object);
}

static void
remit_line_items_finalize (GObject *object)
{
  RemitLineItems *self = REMIT_LINE_ITEMS (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->addons, g_ptr_array_unref);

  G_OBJECT_CLASS (remit_line_items_parent_class)->finalize (object);
}

static void
remit_line_items_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitLineItems *self = REMIT_LINE_ITEMS (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;
    case PROP_TOTAL:
      g_value_set_boxed (value, remit_line_items_get_total (self));
      break;
    case PROP_TOTAL_VALID:
      g_value_set_boolean (value, self->total_valid);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_line_items_class_init (RemitLineItemsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remit_line_items_dispose;
  object_class->finalize = remit_line_items_finalize;
  object_class->get_property = remit_line_items_get_property;

  /**
   * RemitLineItems:n-items:
   *
   * The number of line items.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItems:total:
   *
   * What the person pays for the items kept, addons included (a #RemitAmount), or %NULL
   * while #RemitLineItems:total-valid is %FALSE.
   */
  properties[PROP_TOTAL] =
    g_param_spec_boxed ("total", NULL, NULL, REMIT_TYPE_AMOUNT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItems:total-valid:
   *
   * %FALSE when no honest total can be given (mixed currencies, a kept item without a
   * price, an overflow).
   */
  properties[PROP_TOTAL_VALID] =
    g_param_spec_boolean ("total-valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLineItems:complete:
   *
   * %FALSE while some returned item has no return reason.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_line_items_init (RemitLineItems *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->addons = g_ptr_array_new_with_free_func ((GDestroyNotify) addon_free);
  remit_amount_init (&self->total, 0, "EUR");
  self->total_valid = TRUE;
  self->complete = TRUE;
}

/**
 * remit_line_items_new:
 *
 * Returns: (transfer full): an empty #RemitLineItems
 */
RemitLineItems *
remit_line_items_new (void)
{
  return g_object_new (REMIT_TYPE_LINE_ITEMS, NULL);
}

static void
items_changed (RemitLineItems *self, guint position, guint removed, guint added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  update_state (self);
}

/**
 * remit_line_items_insert:
 * @self: a #RemitLineItems
 * @position: where to insert, at most the number of items
 * @item: the item to insert
 *
 * Inserts @item; the list keeps a reference and follows its changes.
 */
void
remit_line_items_insert (RemitLineItems *self, guint position, RemitLineItem *item)
{
  Entry *entry;

  g_return_if_fail (REMIT_IS_LINE_ITEMS (self));
  g_return_if_fail (REMIT_IS_LINE_ITEM (item));
  g_return_if_fail (position <= self->entries->len);

  entry = g_new0 (Entry, 1);
  entry->item = g_object_ref (item);
  entry->notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
  g_ptr_array_insert (self->entries, (int) position, entry);

  items_changed (self, position, 0, 1);
}

/**
 * remit_line_items_append:
 * @self: a #RemitLineItems
 * @item: the item to add at the end
 */
void
remit_line_items_append (RemitLineItems *self, RemitLineItem *item)
{
  g_return_if_fail (REMIT_IS_LINE_ITEMS (self));

  remit_line_items_insert (self, self->entries->len, item);
}

/**
 * remit_line_items_remove:
 * @self: a #RemitLineItems
 * @position: the position of the item to remove
 */
void
remit_line_items_remove (RemitLineItems *self, guint position)
{
  g_return_if_fail (REMIT_IS_LINE_ITEMS (self));
  g_return_if_fail (position < self->entries->len);

  g_ptr_array_remove_index (self->entries, position);

  items_changed (self, position, 1, 0);
}

/**
 * remit_line_items_remove_all:
 * @self: a #RemitLineItems
 *
 * Removes every item; the addons stay.
 */
void
remit_line_items_remove_all (RemitLineItems *self)
{
  guint n;

  g_return_if_fail (REMIT_IS_LINE_ITEMS (self));

  n = self->entries->len;
  if (n == 0)
    return;

  g_ptr_array_set_size (self->entries, 0);

  items_changed (self, 0, n, 0);
}

/**
 * remit_line_items_set_addon:
 * @self: a #RemitLineItems
 * @label: the extraction label, such as `shipment-addon` or `discount-addon`
 * @amount: (nullable): the amount, negative for discounts; %NULL removes the addon
 *
 * Sets an addon that counts towards the total.
 */
void
remit_line_items_set_addon (RemitLineItems *self, const char *label, const RemitAmount *amount)
{
  Addon *addon;
  guint index;

  g_return_if_fail (REMIT_IS_LINE_ITEMS (self));
  g_return_if_fail (label != NULL && label[0] != '\0');

  addon = find_addon (self, label, &index);

  if (amount == NULL)
    {
      if (addon == NULL)
        return;
      g_ptr_array_remove_index (self->addons, index);
    }
  else if (addon == NULL)
    {
      addon = g_new0 (Addon, 1);
      addon->label = g_strdup (label);
      addon->amount = *amount;
      g_ptr_array_add (self->addons, addon);
    }
  else if (remit_amount_equal (&addon->amount, amount))
    {
      return;
    }
  else
    {
      addon->amount = *amount;
    }

  update_state (self);
}

/**
 * remit_line_items_get_addon:
 * @self: a #RemitLineItems
 * @label: an addon label
 *
 * Returns: (nullable): the addon's amount, or %NULL if there is none
 */
const RemitAmount *
remit_line_items_get_addon (RemitLineItems *self, const char *label)
{
  Addon *addon;

  g_return_val_if_fail (REMIT_IS_LINE_ITEMS (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  addon = find_addon (self, label, NULL);

  return addon != NULL ? &addon->amount : NULL;
}

/**
 * remit_line_items_dup_addon_labels:
 * @self: a #RemitLineItems
 *
 * Returns: (transfer full): the labels of the addons, in the order they were first set
 */
char **
remit_line_items_dup_addon_labels (RemitLineItems *self)
{
  GStrvBuilder *builder;
  char **labels;

  g_return_val_if_fail (REMIT_IS_LINE_ITEMS (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->addons->len; i++)
    g_strv_builder_add (builder, ((Addon *) g_ptr_array_index (self->addons, i))->label);
  labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return labels;
}

/**
 * remit_line_items_get_total:
 * @self: a #RemitLineItems
 *
 * Returns: (nullable): the total of the kept items and the addons, or %NULL when it cannot
 *   be computed (see #RemitLineItems:total-valid)
 */
const RemitAmount *
remit_line_items_get_total (RemitLineItems *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEMS (self), NULL);

  return self->total_valid ? &self->total : NULL;
}

/**
 * remit_line_items_get_total_valid:
 * @self: a #RemitLineItems
 *
 * Returns: whether remit_line_items_get_total() gives a total
 */
gboolean
remit_line_items_get_total_valid (RemitLineItems *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEMS (self), FALSE);

  return self->total_valid;
}

/**
 * remit_line_items_is_complete:
 * @self: a #RemitLineItems
 *
 * Returns: %FALSE while some returned item has no return reason
 */
gboolean
remit_line_items_is_complete (RemitLineItems *self)
{
  g_return_val_if_fail (REMIT_IS_LINE_ITEMS (self), FALSE);

  return self->complete;
}
