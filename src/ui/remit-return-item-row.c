/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-return-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "remit-return-item-row.h"

/**
 * RemitReturnItemRow:
 *
 * One line item in the Return Assistant: what it is (description, article number, unit
 * price), how many are kept (a spin button), what they cost, and a Return toggle. Turning
 * the toggle on asks for the reason in a popover with the document's return reasons; the
 * item only counts as returned once a reason is chosen.
 *
 * The row edits its #RemitLineItem directly and follows the item's changes.
 */
struct _RemitReturnItemRow
{
  GtkWidget parent_instance;

  GtkWidget *text_box;
  GtkWidget *price_box;
  GtkWidget *controls_box;
  GtkLabel *description_label;
  GtkLabel *details_label;
  GtkLabel *reason_label;
  GtkSpinButton *quantity_spin;
  GtkLabel *line_total_label;
  GtkLabel *unit_price_label;
  GtkToggleButton *return_button;
  GtkPopover *reasons_popover;
  GMenu *reasons_menu;

  RemitLineItem *item;
  gulong notify_id;
  char **reason_ids;
  char **reason_texts;
  guint updating;
};

G_DEFINE_FINAL_TYPE (RemitReturnItemRow, remit_return_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
reason_text (RemitReturnItemRow *self, const char *id)
{
  for (guint i = 0; self->reason_ids != NULL && self->reason_ids[i] != NULL; i++)
    if (g_strcmp0 (self->reason_ids[i], id) == 0)
      return self->reason_texts[i];

  return id;
}

/* The item's name for a person and for the accessible names of the row's controls. */
static char *
dup_item_name (RemitLineItem *item)
{
  const char *description = remit_line_item_get_description (item);
  const char *position = remit_line_item_get_position (item);

  if (description != NULL && description[0] != '\0')
    return g_strdup (description);
  if (position != NULL && position[0] != '\0')
    /* Translators: an item of an invoice that has no description; %s is its position */
    return g_strdup_printf (_("Item %s"), position);

  return g_strdup (_("Item without description"));
}

static void
update_line_total (RemitReturnItemRow *self)
{
  const RemitAmount *price = remit_line_item_get_unit_price (self->item);
  g_autoptr (PangoAttrList) attributes = NULL;
  RemitAmount total;

  if (price != NULL
      && remit_amount_multiply (price, remit_line_item_get_quantity (self->item), &total, NULL))
    {
      g_autofree char *text = remit_amount_format (&total);

      gtk_label_set_label (self->line_total_label, text);
    }
  else
    {
      gtk_label_set_label (self->line_total_label, "");
    }

  /* A returned item's price is struck through: it no longer counts. */
  if (remit_line_item_get_returned (self->item))
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_strikethrough_new (TRUE));
    }
  gtk_label_set_attributes (self->line_total_label, attributes);
}

static void
update_details (RemitReturnItemRow *self)
{
  const char *article = remit_line_item_get_article_number (self->item);
  const RemitAmount *price = remit_line_item_get_unit_price (self->item);
  g_autofree char *name = dup_item_name (self->item);
  g_autofree char *label = NULL;

  gtk_label_set_label (self->description_label, name);

  if (article != NULL && article[0] != '\0')
    /* Translators: %s is an article number */
    label = g_strdup_printf (_("Art. No. %s"), article);
  gtk_label_set_label (self->details_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), label != NULL);
  g_clear_pointer (&label, g_free);

  if (price != NULL)
    {
      g_autofree char *amount = remit_amount_format (price);

      /* Translators: %s is the price of one unit of an item, such as “19,99 €” */
      label = g_strdup_printf (_("%s each"), amount);
    }
  else
    {
      label = g_strdup (_("No unit price"));
    }
  gtk_label_set_label (self->unit_price_label, label);
  g_clear_pointer (&label, g_free);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* Translators: the accessible name of a spin button; %s is an item, such as “Lachsfilet” */
  label = g_strdup_printf (_("Quantity of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quantity_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_clear_pointer (&label, g_free);
  /* Translators: the accessible name of a toggle button; %s is an item, such as “Lachsfilet” */
  label = g_strdup_printf (_("Return %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->return_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_returned (RemitReturnItemRow *self)
{
  gboolean returned = remit_line_item_get_returned (self->item);
  const char *reason = remit_line_item_get_return_reason (self->item);

  self->updating++;
  gtk_toggle_button_set_active (self->return_button, returned);
  gtk_spin_button_set_value (self->quantity_spin, remit_line_item_get_quantity (self->item));
  self->updating--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->quantity_spin), !returned);
  gtk_widget_set_sensitive (GTK_WIDGET (self->return_button),
                            returned || (self->reason_ids != NULL && self->reason_ids[0] != NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->return_button),
                               self->reason_ids != NULL && self->reason_ids[0] != NULL
                                 ? NULL
                                 : _("The document names no return reasons"));

  if (returned && reason != NULL)
    {
      /* Translators: %s is the reason why an item goes back, such as “Does not fit” */
      g_autofree char *text = g_strdup_printf (_("Returned: %s"), reason_text (self, reason));

      gtk_label_set_label (self->reason_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->return_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->return_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), returned && reason != NULL);

  update_line_total (self);
}

static void
on_item_notify (RemitLineItem *item, GParamSpec *pspec, RemitReturnItemRow *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "description") || g_str_equal (name, "article-number")
      || g_str_equal (name, "position"))
    update_details (self);
  else if (g_str_equal (name, "unit-price"))
    {
      update_details (self);
      update_line_total (self);
    }
  else if (g_str_equal (name, "quantity") || g_str_equal (name, "returned")
           || g_str_equal (name, "return-reason"))
    update_returned (self);
}

static void
on_quantity_changed (GtkSpinButton *spin, RemitReturnItemRow *self)
{
  if (self->updating > 0 || self->item == NULL)
    return;

  remit_line_item_set_quantity (self->item, (guint) gtk_spin_button_get_value_as_int (spin));
}

static void
on_return_toggled (GtkToggleButton *button, RemitReturnItemRow *self)
{
  if (self->updating > 0 || self->item == NULL)
    return;

  if (gtk_toggle_button_get_active (button))
    {
      /* Returned only once a reason is chosen; closing the popover keeps the item. */
      gtk_popover_popup (self->reasons_popover);
    }
  else
    {
      remit_line_item_set_returned (self->item, FALSE);
      remit_line_item_set_return_reason (self->item, NULL);
    }
}

static void
on_popover_closed (GtkPopover *popover, RemitReturnItemRow *self)
{
  if (self->item != NULL)
    update_returned (self);
}

static void
return_with_reason_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (widget);

  if (self->item != NULL)
    {
      remit_line_item_set_return_reason (self->item, g_variant_get_string (parameter, NULL));
      remit_line_item_set_returned (self->item, TRUE);
    }

  gtk_popover_popdown (self->reasons_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->return_button));
}

/* Layout ---------------------------------------------------------------------------------
 *
 * Wide: the text, the prices and the controls side by side. Narrow (a phone-sized window):
 * the text and the prices on a line, the controls below them at the end. */

#define SPACING 12
#define LINE_SPACING 6
/* The least width the text gets beside prices and controls before they go below. */
#define TEXT_MIN_WIDE 160

static int
natural_width (GtkWidget *child)
{
  int natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static int
natural_height (GtkWidget *child, int width)
{
  int natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static gboolean
is_wide (RemitReturnItemRow *self, int width)
{
  return width >= TEXT_MIN_WIDE + natural_width (self->price_box)
                    + natural_width (self->controls_box) + 2 * SPACING;
}

/* The width the text gets in a row of @width. */
static int
text_width (RemitReturnItemRow *self, int width, gboolean wide)
{
  int used = natural_width (self->price_box) + SPACING;

  if (wide)
    used += natural_width (self->controls_box) + SPACING;

  return MAX (width - used, 0);
}

static void
remit_return_item_row_measure (GtkWidget *widget,
                               GtkOrientation orientation,
                               int for_size,
                               int *minimum,
                               int *natural,
                               int *minimum_baseline,
                               int *natural_baseline)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (widget);
  int price = natural_width (self->price_box);
  int controls = natural_width (self->controls_box);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int text_min = 0, text_nat = 0;

      gtk_widget_measure (self->text_box, orientation, -1, &text_min, &text_nat, NULL, NULL);
      *minimum = MAX (text_min + SPACING + price, controls);
      *natural = MAX (*minimum, text_nat + price + controls + 2 * SPACING);
    }
  else
    {
      int width = for_size >= 0 ? for_size : G_MAXINT / 2;
      gboolean wide = for_size < 0 || is_wide (self, width);
      int text = for_size >= 0 ? text_width (self, width, wide) : -1;
      int line = MAX (natural_height (self->text_box, text), natural_height (self->price_box, -1));

      if (wide)
        *minimum = MAX (line, natural_height (self->controls_box, -1));
      else
        *minimum = line + LINE_SPACING + natural_height (self->controls_box, -1);
      *natural = *minimum;
    }
}

static GtkSizeRequestMode
remit_return_item_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Places @child at @x, @y (in left-to-right terms) with the given size. */
static void
place (GtkWidget *widget, GtkWidget *child, int x, int y, int width, int height)
{
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (widget) - x - width;

  gtk_widget_size_allocate (child, &(GtkAllocation){ x, y, width, height }, -1);
}

static void
remit_return_item_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (widget);
  gboolean wide = is_wide (self, width);
  int text = text_width (self, width, wide);
  int price = natural_width (self->price_box);
  int controls = natural_width (self->controls_box);
  int text_height = natural_height (self->text_box, text);
  int price_height = natural_height (self->price_box, -1);
  int controls_height = natural_height (self->controls_box, -1);
  graphene_rect_t bounds;

  if (wide)
    {
      place (widget, self->text_box, 0, (height - text_height) / 2, text, text_height);
      place (widget, self->price_box, text + SPACING, (height - price_height) / 2, price,
             price_height);
      place (widget, self->controls_box, width - controls, (height - controls_height) / 2,
             controls, controls_height);
    }
  else
    {
      int line = MAX (text_height, price_height);

      place (widget, self->text_box, 0, (line - text_height) / 2, text, text_height);
      place (widget, self->price_box, width - price, (line - price_height) / 2, price,
             price_height);
      place (widget, self->controls_box, width - controls, line + LINE_SPACING, controls,
             controls_height);
    }

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->return_button), widget, &bounds))
    gtk_popover_set_pointing_to (self->reasons_popover,
                                 &(GdkRectangle){ bounds.origin.x, bounds.origin.y,
                                                  bounds.size.width, bounds.size.height });
  gtk_popover_present (self->reasons_popover);
}

static void
remit_return_item_row_dispose (GObject *object)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (object);
  GtkWidget *child;

  remit_return_item_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_RETURN_ITEM_ROW);
  /* The template's children that are not bound to a field are still here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (remit_return_item_row_parent_class)->dispose (object);
}

static void
remit_return_item_row_finalize (GObject *object)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (object);

  g_clear_pointer (&self->reason_ids, g_strfreev);
  g_clear_pointer (&self->reason_texts, g_strfreev);
  g_clear_object (&self->reasons_menu);

  G_OBJECT_CLASS (remit_return_item_row_parent_class)->finalize (object);
}

static void
remit_return_item_row_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_return_item_row_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  RemitReturnItemRow *self = REMIT_RETURN_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      remit_return_item_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_return_item_row_class_init (RemitReturnItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_return_item_row_dispose;
  object_class->finalize = remit_return_item_row_finalize;
  object_class->get_property = remit_return_item_row_get_property;
  object_class->set_property = remit_return_item_row_set_property;

  widget_class->measure = remit_return_item_row_measure;
  widget_class->get_request_mode = remit_return_item_row_get_request_mode;
  widget_class->size_allocate = remit_return_item_row_size_allocate;

  /**
   * RemitReturnItemRow:item:
   *
   * The line item the row shows and edits.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, REMIT_TYPE_LINE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/remitapp/Remit/remit-return-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, text_box);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, price_box);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, controls_box);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, line_total_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, unit_price_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, return_button);
  gtk_widget_class_bind_template_child (widget_class, RemitReturnItemRow, reasons_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_quantity_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_return_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed);

  gtk_widget_class_install_action (widget_class, "item.return-with-reason", "s",
                                   return_with_reason_activated);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remit_return_item_row_init (RemitReturnItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reasons_menu = g_menu_new ();
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->reasons_popover),
                                   G_MENU_MODEL (self->reasons_menu));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reasons_popover),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for Return"), -1);
}

GtkWidget *
remit_return_item_row_new (void)
{
  return g_object_new (REMIT_TYPE_RETURN_ITEM_ROW, NULL);
}

/**
 * remit_return_item_row_set_reasons:
 * @self: a #RemitReturnItemRow
 * @ids: (nullable) (array zero-terminated=1): the ids of the document's return reasons
 * @texts: (nullable) (array zero-terminated=1): their texts for the person, one per id
 *
 * Sets the reasons the popover offers when the item is returned.
 */
void
remit_return_item_row_set_reasons (RemitReturnItemRow *self,
                                   const char *const *ids,
                                   const char *const *texts)
{
  g_return_if_fail (REMIT_IS_RETURN_ITEM_ROW (self));
  g_return_if_fail ((ids == NULL) == (texts == NULL));
  g_return_if_fail (ids == NULL
                    || g_strv_length ((char **) ids) == g_strv_length ((char **) texts));

  g_strfreev (self->reason_ids);
  g_strfreev (self->reason_texts);
  self->reason_ids = g_strdupv ((char **) ids);
  self->reason_texts = g_strdupv ((char **) texts);

  g_menu_remove_all (self->reasons_menu);
  if (ids != NULL && ids[0] != NULL)
    {
      g_autoptr (GMenu) section = g_menu_new ();

      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autoptr (GMenuItem) item = g_menu_item_new (texts[i], NULL);

          g_menu_item_set_action_and_target_value (item, "item.return-with-reason",
                                                   g_variant_new_string (ids[i]));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (self->reasons_menu, _("Reason for Return"), G_MENU_MODEL (section));
    }

  if (self->item != NULL)
    update_returned (self);
}

/**
 * remit_return_item_row_get_item:
 * @self: a #RemitReturnItemRow
 *
 * Returns: (transfer none) (nullable): the item the row shows
 */
RemitLineItem *
remit_return_item_row_get_item (RemitReturnItemRow *self)
{
  g_return_val_if_fail (REMIT_IS_RETURN_ITEM_ROW (self), NULL);

  return self->item;
}

/**
 * remit_return_item_row_set_item:
 * @self: a #RemitReturnItemRow
 * @item: (nullable): the item to show and edit
 */
void
remit_return_item_row_set_item (RemitReturnItemRow *self, RemitLineItem *item)
{
  g_return_if_fail (REMIT_IS_RETURN_ITEM_ROW (self));
  g_return_if_fail (item == NULL || REMIT_IS_LINE_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->item);
      g_clear_object (&self->item);
    }

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
      update_details (self);
      update_returned (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
