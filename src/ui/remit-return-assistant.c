/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-return-assistant"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "remit-return-assistant.h"
#include "remit-return-item-row.h"

/**
 * RemitReturnAssistant:
 *
 * The Return Assistant: the line items of an invoice, one row each, where the person sets
 * how many of each they keep and which go back (and why). The amount to pay follows live:
 * the model is a #RemitLineItems built from the extraction set's compound `lineItems` and
 * its addons (shipping, discounts, gift cards, other charges), and its
 * #RemitLineItems:total is shown in the summary and reported by
 * #RemitReturnAssistant::amount-changed.
 *
 * The rows are a #GtkListView, so that an invoice with hundreds of items costs only the rows
 * in sight.
 *
 * Offer it only where remit_return_assistant_can_show() says so: the API marks with
 * `amountsAreConsistent` whether the items add up to the amount to pay.
 */
struct _RemitReturnAssistant
{
  GtkWidget parent_instance;

  GtkListView *list_view;
  GtkGrid *summary_grid;
  GtkLabel *kept_title;
  GtkLabel *kept_label;
  GtkLabel *total_title;
  GtkLabel *total_label;
  GPtrArray *addon_labels; /* GtkWidget, the grid's addon rows */

  RemitExtractionSet *extractions;
  RemitLineItems *items;
  gulong total_notify_id;
  GBinding *total_binding;
  char *language;
  char **reason_ids;
  char **reason_texts;
};

G_DEFINE_FINAL_TYPE (RemitReturnAssistant, remit_return_assistant, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXTRACTIONS,
  PROP_LANGUAGE,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  AMOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *label;
  const char *name;
} AddonInfo;

/* The addons the API documents, in the order the summary lists them. */
static const AddonInfo addon_infos[] = {
  { "shipment-addon", N_("Shipping") },
  { "discount-addon", N_("Discount") },
  { "giftcard-addon", N_("Gift card") },
  { "other-discounts-addon", N_("Other discounts") },
  { "other-charges-addon", N_("Other charges") },
};

/* The model ------------------------------------------------------------------------------- */

/* A quantity as the API writes it: a whole number, possibly with zero decimals (“2”, “2.0”,
 * “2,00”). Anything else is not a count of units. */
static gboolean
parse_quantity (const char *text, guint *out)
{
  g_autofree char *copy = NULL;
  char *mark;
  guint64 value;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  mark = strpbrk (copy, ".,");
  if (mark != NULL)
    {
      for (const char *p = mark + 1; *p != '\0'; p++)
        if (*p != '0')
          return FALSE;
      *mark = '\0';
    }

  if (!g_ascii_string_to_unsigned (copy, 10, 0, REMIT_LINE_ITEM_QUANTITY_MAX, &value, NULL))
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

static RemitLineItem *
line_item_from_row (RemitExtractionMap *row)
{
  const char *quantity_text = remit_extraction_map_lookup_value (row, "quantity");
  const char *price_text = remit_extraction_map_lookup_value (row, "baseGross");
  RemitLineItem *item;
  RemitAmount price;
  gboolean has_price;
  guint quantity = 1;

  if (quantity_text != NULL && !parse_quantity (quantity_text, &quantity))
    {
      g_debug ("Quantity “%s” is not a count of units; taking 1", quantity_text);
      quantity = 1;
    }

  has_price = price_text != NULL && remit_amount_parse (price_text, &price, NULL);

  item = remit_line_item_new (remit_extraction_map_lookup_value (row, "description"), quantity,
                              has_price ? &price : NULL);
  remit_line_item_set_article_number (item, remit_extraction_map_lookup_value (row, "artNumber"));
  remit_line_item_set_position (item, remit_extraction_map_lookup_value (row, "position"));

  return item;
}

/**
 * remit_return_assistant_build_items:
 * @extractions: an extraction set
 *
 * Builds the Return Assistant's model from the set's compound `lineItems` (description,
 * artNumber, quantity, baseGross, position) and its addons. A quantity that is not a whole
 * number counts as 1; a price that cannot be read leaves the item without one.
 *
 * Returns: (transfer full): the items, empty if the set has none
 */
RemitLineItems *
remit_return_assistant_build_items (RemitExtractionSet *extractions)
{
  RemitLineItems *items;
  GPtrArray *rows;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (extractions), NULL);

  items = remit_line_items_new ();

  rows = remit_extraction_set_get_line_items (extractions);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autoptr (RemitLineItem) item = line_item_from_row (g_ptr_array_index (rows, i));

      remit_line_items_append (items, item);
    }

  for (guint i = 0; i < G_N_ELEMENTS (addon_infos); i++)
    {
      const char *value = remit_extraction_set_get_value (extractions, addon_infos[i].label);
      RemitAmount amount;

      if (value != NULL && remit_amount_parse (value, &amount, NULL))
        remit_line_items_set_addon (items, addon_infos[i].label, &amount);
    }

  return items;
}

/**
 * remit_return_assistant_can_show:
 * @extractions: (nullable): an extraction set
 *
 * Returns: whether the set has line items and the API says that they add up
 *   (`amountsAreConsistent` is "true"); only then is the Return Assistant offered
 */
gboolean
remit_return_assistant_can_show (RemitExtractionSet *extractions)
{
  GPtrArray *rows;

  if (extractions == NULL)
    return FALSE;

  g_return_val_if_fail (REMIT_IS_EXTRACTION_SET (extractions), FALSE);

  rows = remit_extraction_set_get_line_items (extractions);

  return rows != NULL && rows->len > 0
         && remit_extraction_set_has_consistent_amounts (extractions);
}

/* The language of the user interface, for texts that documents give in several languages. */
static const char *
ui_language (void)
{
  /* Translators: the code of the language of this translation, such as “de” for German.
   * Return reasons that a document gives in several languages are shown in this one. */
  return C_("language code", "en");
}

/* The view -------------------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, RemitReturnAssistant *self)
{
  GtkWidget *row = remit_return_item_row_new ();

  remit_return_item_row_set_reasons (REMIT_RETURN_ITEM_ROW (row),
                                     (const char *const *) self->reason_ids,
                                     (const char *const *) self->reason_texts);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, RemitReturnAssistant *self)
{
  remit_return_item_row_set_item (REMIT_RETURN_ITEM_ROW (gtk_list_item_get_child (list_item)),
                                  gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, RemitReturnAssistant *self)
{
  remit_return_item_row_set_item (REMIT_RETURN_ITEM_ROW (gtk_list_item_get_child (list_item)),
                                  NULL);
}

/* Rows are made afresh (with the current reasons) whenever the reasons change. */
static void
reset_factory (RemitReturnAssistant *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

static void
update_reasons (RemitReturnAssistant *self)
{
  g_autoptr (GStrvBuilder) texts = g_strv_builder_new ();
  const char *language = self->language != NULL ? self->language : ui_language ();

  g_clear_pointer (&self->reason_ids, g_strfreev);
  g_clear_pointer (&self->reason_texts, g_strfreev);

  if (self->extractions != NULL)
    {
      self->reason_ids = remit_extraction_set_get_return_reason_ids (self->extractions);
      for (guint i = 0; self->reason_ids[i] != NULL; i++)
        g_strv_builder_add (texts,
                            remit_extraction_set_get_return_reason_text (self->extractions,
                                                                         self->reason_ids[i],
                                                                         language));
    }
  else
    {
      self->reason_ids = g_new0 (char *, 1);
    }

  self->reason_texts = g_strv_builder_end (texts);
  reset_factory (self);
}

static gboolean
transform_total (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  const RemitAmount *total = g_value_get_boxed (from);

  if (total != NULL)
    g_value_take_string (to, remit_amount_format (total));
  else
    /* Translators: the total of the items cannot be worked out (prices missing or in
     * different currencies) */
    g_value_set_string (to, _("Unknown"));

  return TRUE;
}

/* The total of the items kept, without the addons. */
static void
update_kept (RemitReturnAssistant *self)
{
  const RemitAmount *total = remit_line_items_get_total (self->items);
  g_auto (GStrv) labels = remit_line_items_dup_addon_labels (self->items);
  RemitAmount kept;
  gboolean ok = total != NULL;

  if (ok)
    kept = *total;

  for (guint i = 0; ok && labels[i] != NULL; i++)
    {
      const RemitAmount *addon = remit_line_items_get_addon (self->items, labels[i]);
      RemitAmount negated;

      remit_amount_init (&negated, -addon->minor, addon->currency);
      ok = remit_amount_add (&kept, &negated, &kept, NULL);
    }

  if (ok)
    {
      g_autofree char *text = remit_amount_format (&kept);

      gtk_label_set_label (self->kept_label, text);
    }
  else
    {
      gtk_label_set_label (self->kept_label, _("Unknown"));
    }
}

static void
on_total_changed (RemitLineItems *items, GParamSpec *pspec, RemitReturnAssistant *self)
{
  const RemitAmount *total = remit_line_items_get_total (items);

  update_kept (self);

  if (total != NULL)
    g_signal_emit (self, signals[AMOUNT_CHANGED], 0, total);
}

static void
rebuild_summary (RemitReturnAssistant *self)
{
  for (guint i = 0; i < self->addon_labels->len; i++)
    gtk_grid_remove (self->summary_grid, g_ptr_array_index (self->addon_labels, i));
  g_ptr_array_set_size (self->addon_labels, 0);

  for (guint i = 0; i < G_N_ELEMENTS (addon_infos); i++)
    {
      const RemitAmount *amount = remit_line_items_get_addon (self->items, addon_infos[i].label);
      g_autofree char *text = NULL;
      GtkWidget *name;
      GtkWidget *value;

      if (amount == NULL)
        continue;

      text = remit_amount_format (amount);
      name = gtk_label_new (_(addon_infos[i].name));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      value = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      name, NULL, -1);

      gtk_grid_attach (self->summary_grid, name, 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->summary_grid, value, 1, (int) i + 1, 1, 1);
      g_ptr_array_add (self->addon_labels, name);
      g_ptr_array_add (self->addon_labels, value);
    }

  /* Without addons, the items kept are the amount to pay: one line says it. */
  gtk_widget_set_visible (GTK_WIDGET (self->kept_title), self->addon_labels->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), self->addon_labels->len > 0);
}

static void
disconnect_items (RemitReturnAssistant *self)
{
  if (self->items == NULL)
    return;

  g_clear_signal_handler (&self->total_notify_id, self->items);
  if (self->total_binding != NULL)
    {
      g_binding_unbind (self->total_binding);
      self->total_binding = NULL;
    }
  g_clear_object (&self->items);
}

/* GObject --------------------------------------------------------------------------------- */

static void
remit_return_assistant_dispose (GObject *object)
{
  RemitReturnAssistant *self = REMIT_RETURN_ASSISTANT (object);
  GtkWidget *child;

  disconnect_items (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_RETURN_ASSISTANT);
  /* The template's children that are not bound to a field are still here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (remit_return_assistant_parent_class)->dispose (object);
}

static void
remit_return_assistant_finalize (GObject *object)
{
  RemitReturnAssistant *self = REMIT_RETURN_ASSISTANT (object);

  g_clear_pointer (&self->addon_labels, g_ptr_array_unref);
  g_clear_object (&self->extractions);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->reason_ids, g_strfreev);
  g_clear_pointer (&self->reason_texts, g_strfreev);

  G_OBJECT_CLASS (remit_return_assistant_parent_class)->finalize (object);
}

static void
remit_return_assistant_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  RemitReturnAssistant *self = REMIT_RETURN_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_EXTRACTIONS:
      g_value_set_object (value, self->extractions);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_return_assistant_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  RemitReturnAssistant *self = REMIT_RETURN_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_EXTRACTIONS:
      remit_return_assistant_set_extractions (self, g_value_get_object (value));
      break;
    case PROP_LANGUAGE:
      remit_return_assistant_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_return_assistant_class_init (RemitReturnAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_return_assistant_dispose;
  object_class->finalize = remit_return_assistant_finalize;
  object_class->get_property = remit_return_assistant_get_property;
  object_class->set_property = remit_return_assistant_set_property;

  /**
   * RemitReturnAssistant:extractions:
   *
   * The extraction set whose line items are shown, or %NULL.
   */
  properties[PROP_EXTRACTIONS] =
    g_param_spec_object ("extractions", NULL, NULL, REMIT_TYPE_EXTRACTION_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitReturnAssistant:language:
   *
   * The language to show return reasons in (“de”, “en”), or %NULL for the language of the
   * user interface.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitReturnAssistant:items:
   *
   * The model of the items, a new one for each extraction set.
   */
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, REMIT_TYPE_LINE_ITEMS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemitReturnAssistant::amount-changed:
   * @self: the Return Assistant
   * @amount: the new amount to pay
   *
   * The person changed a quantity or returned an item, and the amount to pay follows. Not
   * emitted while no total can be worked out. Connect it to
   * remit_review_panel_set_amount_from_items().
   */
  signals[AMOUNT_CHANGED] =
    g_signal_new ("amount-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, REMIT_TYPE_AMOUNT | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/remitapp/Remit/remit-return-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, list_view);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, kept_title);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, kept_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, total_title);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnAssistant, total_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remit_return_assistant_init (RemitReturnAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (
    GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);

  self->addon_labels = g_ptr_array_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Return items"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items of the invoice"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->kept_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->kept_title, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->total_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->total_title, NULL,
                                  -1);

  remit_return_assistant_set_extractions (self, NULL);
}

/* Public API ------------------------------------------------------------------------------ */

/**
 * remit_return_assistant_new:
 *
 * Returns: (transfer floating): a new, empty Return Assistant
 */
GtkWidget *
remit_return_assistant_new (void)
{
  return g_object_new (REMIT_TYPE_RETURN_ASSISTANT, NULL);
}

/**
 * remit_return_assistant_set_extractions:
 * @self: a #RemitReturnAssistant
 * @extractions: (nullable): the extraction set whose items to show
 *
 * Builds a new model from @extractions (see remit_return_assistant_build_items()); every
 * item starts as kept, with its quantity as extracted.
 */
void
remit_return_assistant_set_extractions (RemitReturnAssistant *self,
                                        RemitExtractionSet *extractions)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  g_return_if_fail (REMIT_IS_RETURN_ASSISTANT (self));
  g_return_if_fail (extractions == NULL || REMIT_IS_EXTRACTION_SET (extractions));

  disconnect_items (self);

  if (extractions != self->extractions)
    {
      g_set_object (&self->extractions, extractions);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRACTIONS]);
    }

  self->items = extractions != NULL ? remit_return_assistant_build_items (extractions)
                                    : remit_line_items_new ();

  update_reasons (self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  rebuild_summary (self);
  update_kept (self);
  self->total_binding = g_object_bind_property_full (self->items, "total", self->total_label,
                                                     "label", G_BINDING_SYNC_CREATE,
                                                     transform_total, NULL, NULL, NULL);
  self->total_notify_id = g_signal_connect (self->items, "notify::total",
                                            G_CALLBACK (on_total_changed), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}

/**
 * remit_return_assistant_get_extractions:
 * @self: a #RemitReturnAssistant
 *
 * Returns: (transfer none) (nullable): the extraction set shown
 */
RemitExtractionSet *
remit_return_assistant_get_extractions (RemitReturnAssistant *self)
{
  g_return_val_if_fail (REMIT_IS_RETURN_ASSISTANT (self), NULL);

  return self->extractions;
}

/**
 * remit_return_assistant_get_language:
 * @self: a #RemitReturnAssistant
 *
 * Returns: (nullable): the language set for the return reasons, %NULL for the language of
 *   the user interface
 */
const char *
remit_return_assistant_get_language (RemitReturnAssistant *self)
{
  g_return_val_if_fail (REMIT_IS_RETURN_ASSISTANT (self), NULL);

  return self->language;
}

/**
 * remit_return_assistant_set_language:
 * @self: a #RemitReturnAssistant
 * @language: (nullable): a language such as “de”, or %NULL for that of the user interface
 */
void
remit_return_assistant_set_language (RemitReturnAssistant *self, const char *language)
{
  g_return_if_fail (REMIT_IS_RETURN_ASSISTANT (self));

  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  update_reasons (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/**
 * remit_return_assistant_get_items:
 * @self: a #RemitReturnAssistant
 *
 * Returns: (transfer none): the model the rows edit
 */
RemitLineItems *
remit_return_assistant_get_items (RemitReturnAssistant *self)
{
  g_return_val_if_fail (REMIT_IS_RETURN_ASSISTANT (self), NULL);

  return self->items;
}

/**
 * remit_return_assistant_fill_feedback:
 * @self: a #RemitReturnAssistant
 * @feedback: the feedback to add the line items to
 *
 * Puts one line item per row into @feedback (replacing any it had): description, article
 * number, position and unit price as confirmed, the quantity against the extracted one, and
 * for a returned item quantity "0" with its `returnReason`. Also gives @feedback the
 * document's return reason ids, against which the reasons are checked.
 */
void
remit_return_assistant_fill_feedback (RemitReturnAssistant *self, RemitFeedback *feedback)
{
  g_return_if_fail (REMIT_IS_RETURN_ASSISTANT (self));
  g_return_if_fail (REMIT_IS_FEEDBACK (feedback));

  if (self->reason_ids != NULL && self->reason_ids[0] != NULL)
    remit_feedback_set_return_reasons (feedback, (const char *const *) self->reason_ids);

  remit_feedback_set_line_items_from_model (feedback, self->items);
}
