/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-bill-list.h"
#include "remit-bill-row.h"

/* After a reload the selected bill is looked for this far around where it was, so that a
 * reload reads at most a few blocks of the ledger, never all of it. */
#define RESELECT_DISTANCE 256

struct _RemitBillList
{
  GtkWidget parent_instance;

  RemitLedger *ledger;
  RemitBillFilter filter;
  GtkSingleSelection *selection;
  /* Set while the list changes the selection itself: no bill-activated then. */
  gboolean updating;

  GtkWidget *toolbar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *filter_all;
  GtkToggleButton *filter_open;
  GtkToggleButton *filter_paid;
  GtkToggleButton *filter_archived;
  GtkStack *stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  AdwStatusPage *no_results_page;
};

G_DEFINE_FINAL_TYPE (RemitBillList, remit_bill_list, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (RemitBillFilter, remit_bill_filter,
                    G_DEFINE_ENUM_VALUE (REMIT_BILL_FILTER_ALL, "all"),
                    G_DEFINE_ENUM_VALUE (REMIT_BILL_FILTER_OPEN, "open"),
                    G_DEFINE_ENUM_VALUE (REMIT_BILL_FILTER_PAID, "paid"),
                    G_DEFINE_ENUM_VALUE (REMIT_BILL_FILTER_ARCHIVED, "archived"))

enum
{
  PROP_0,
  PROP_LEDGER,
  PROP_FILTER,
  PROP_SEARCH_TEXT,
  PROP_SELECTED_BILL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_BILL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_query (RemitBillList *self, RemitBillQuery *query, const char *text)
{
  memset (query, 0, sizeof *query);
  query->text = text;
  query->sort = REMIT_BILL_SORT_CREATED;
  query->descending = TRUE;

  switch (self->filter)
    {
    case REMIT_BILL_FILTER_ALL:
      break;
    case REMIT_BILL_FILTER_OPEN:
      query->states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_NEW)
                      | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_IN_REVIEW)
                      | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_READY_TO_PAY)
                      | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_PAYMENT_REQUESTED)
                      | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_FAILED);
      /* What to pay next comes first. */
      query->sort = REMIT_BILL_SORT_DUE_DATE;
      query->descending = FALSE;
      break;
    case REMIT_BILL_FILTER_PAID:
      query->states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_PAID);
      break;
    case REMIT_BILL_FILTER_ARCHIVED:
      query->states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_ARCHIVED);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
update_empty_state (RemitBillList *self, guint n_items)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *title = NULL;
  const char *description = NULL;
  const char *icon = "edit-find-symbolic";

  gtk_widget_set_visible (self->toolbar, TRUE);
  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  /* No bills at all: nothing to search or filter yet. */
  if (self->ledger == NULL || remit_ledger_count_bills (self->ledger, &error) == 0)
    {
      if (error != NULL)
        g_warning ("The bills cannot be counted: %s", error->message);
      gtk_widget_set_visible (self->toolbar, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*text != '\0')
    {
      title = _("No Results Found");
      description = _("Try a different search");
    }
  else
    {
      switch (self->filter)
        {
        case REMIT_BILL_FILTER_OPEN:
          title = _("No Open Bills");
          description = _("Every bill is paid or archived");
          icon = "emblem-ok-symbolic";
          break;
        case REMIT_BILL_FILTER_PAID:
          title = _("No Paid Bills");
          description = _("Bills you pay or mark as paid are listed here");
          break;
        case REMIT_BILL_FILTER_ARCHIVED:
          title = _("No Archived Bills");
          description = _("Bills you archive are kept here");
          break;
        case REMIT_BILL_FILTER_ALL:
        default:
          title = _("No Bills");
          break;
        }
    }

  adw_status_page_set_title (self->no_results_page, title);
  adw_status_page_set_description (self->no_results_page, description);
  adw_status_page_set_icon_name (self->no_results_page, icon);
  gtk_stack_set_visible_child_name (self->stack, "no-results");
}

/* Looks for @bill_id near @near without reading more of the model than that. */
static guint
find_near (GListModel *model, gint64 bill_id, guint near)
{
  guint n = g_list_model_get_n_items (model);

  for (guint distance = 0; distance <= RESELECT_DISTANCE; distance++)
    {
      guint positions[2] = { near + distance, near - distance };

      for (guint k = 0; k < (distance == 0 ? 1u : 2u); k++)
        {
          g_autoptr (RemitBill) bill = NULL;

          if (distance > near && k == 1)
            continue;
          if (positions[k] >= n)
            continue;
          bill = g_list_model_get_item (model, positions[k]);
          if (remit_bill_get_id (bill) == bill_id)
            return positions[k];
        }
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
run_query (RemitBillList *self, gboolean keep_selection)
{
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  RemitBill *selected = NULL;
  RemitBillQuery query;
  gint64 selected_id = 0;
  guint old_position;
  guint position = GTK_INVALID_LIST_POSITION;

  selected = gtk_single_selection_get_selected_item (self->selection);
  old_position = gtk_single_selection_get_selected (self->selection);
  if (selected != NULL)
    selected_id = remit_bill_get_id (selected);

  if (self->ledger != NULL)
    {
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
      fill_query (self, &query, *text != '\0' ? text : NULL);
      model = remit_ledger_list_bills (self->ledger, &query, &error);
      if (model == NULL)
        g_warning ("The bills cannot be listed: %s", error->message);
    }
  if (model == NULL)
    model = G_LIST_MODEL (g_list_store_new (REMIT_TYPE_BILL));

  if (keep_selection && selected_id != 0)
    position = find_near (model, selected_id, old_position);

  self->updating = TRUE;
  gtk_single_selection_set_model (self->selection, model);
  gtk_single_selection_set_selected (self->selection, position);
  self->updating = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BILL]);

  update_empty_state (self, g_list_model_get_n_items (model));
}

static void
search_changed_cb (RemitBillList *self)
{
  run_query (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

static void
stop_search_cb (RemitBillList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
emit_activated (RemitBillList *self, guint position)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  g_autoptr (RemitBill) bill = NULL;

  if (position >= g_list_model_get_n_items (model))
    return;
  bill = g_list_model_get_item (model, position);
  g_signal_emit (self, signals[SIGNAL_BILL_ACTIVATED], 0, bill);
}

/* Enter in the search entry opens the first bill found. */
static void
search_activate_cb (RemitBillList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
filter_toggled_cb (RemitBillList *self, GtkToggleButton *button)
{
  RemitBillFilter filter;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->filter_open)
    filter = REMIT_BILL_FILTER_OPEN;
  else if (button == self->filter_paid)
    filter = REMIT_BILL_FILTER_PAID;
  else if (button == self->filter_archived)
    filter = REMIT_BILL_FILTER_ARCHIVED;
  else
    filter = REMIT_BILL_FILTER_ALL;

  remit_bill_list_set_filter (self, filter);
}

static void
list_activate_cb (RemitBillList *self, guint position)
{
  emit_activated (self, position);
}

static void
selection_changed (GtkSingleSelection *selection, GParamSpec *pspec, RemitBillList *self)
{
  guint position;

  if (self->updating)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BILL]);
  position = gtk_single_selection_get_selected (selection);
  if (position != GTK_INVALID_LIST_POSITION)
    emit_activated (self, position);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, remit_bill_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  remit_bill_row_set_bill (REMIT_BILL_ROW (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  remit_bill_row_set_bill (REMIT_BILL_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remit_bill_list_focus_search (REMIT_BILL_LIST (widget));
}

static void
remit_bill_list_dispose (GObject *object)
{
  RemitBillList *self = REMIT_BILL_LIST (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_BILL_LIST);
  /* The template's top box has no id, so the template does not know it: unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (remit_bill_list_parent_class)->dispose (object);
}

static void
remit_bill_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitBillList *self = REMIT_BILL_LIST (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_FILTER:
      g_value_set_enum (value, self->filter);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, remit_bill_list_get_search_text (self));
      break;
    case PROP_SELECTED_BILL:
      g_value_set_object (value, remit_bill_list_get_selected_bill (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_list_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  RemitBillList *self = REMIT_BILL_LIST (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      remit_bill_list_set_ledger (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      remit_bill_list_set_filter (self, g_value_get_enum (value));
      break;
    case PROP_SEARCH_TEXT:
      remit_bill_list_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_list_class_init (RemitBillListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_bill_list_dispose;
  object_class->get_property = remit_bill_list_get_property;
  object_class->set_property = remit_bill_list_set_property;

  properties[PROP_LEDGER] = g_param_spec_object ("ledger", NULL, NULL, REMIT_TYPE_LEDGER,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] = g_param_spec_enum ("filter", NULL, NULL, REMIT_TYPE_BILL_FILTER,
                                               REMIT_BILL_FILTER_ALL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, "",
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                        | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_BILL] = g_param_spec_object ("selected-bill", NULL, NULL,
                                                        REMIT_TYPE_BILL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemitBillList::bill-activated:
   * @self: the list
   * @bill: the bill a person selected or activated (Enter, double click)
   */
  signals[SIGNAL_BILL_ACTIVATED] = g_signal_new ("bill-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, REMIT_TYPE_BILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-bill-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, toolbar);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, filter_all);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, filter_open);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, filter_paid);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, filter_archived);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, stack);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, list_view);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RemitBillList, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "bill-list.search", NULL, search_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "billlist");
}

static void
remit_bill_list_init (RemitBillList *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID "-symbolic");

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Ctrl+F searches the bills from anywhere in the window; typing in the list does too. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                      gtk_named_action_new ("bill-list.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  run_query (self, FALSE);
}

/**
 * remit_bill_list_new:
 * @ledger: (nullable): the ledger whose bills to list
 *
 * Returns: (transfer floating): a new #RemitBillList
 */
GtkWidget *
remit_bill_list_new (RemitLedger *ledger)
{
  return g_object_new (REMIT_TYPE_BILL_LIST, "ledger", ledger, NULL);
}

RemitLedger *
remit_bill_list_get_ledger (RemitBillList *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), NULL);

  return self->ledger;
}

void
remit_bill_list_set_ledger (RemitBillList *self, RemitLedger *ledger)
{
  g_return_if_fail (REMIT_IS_BILL_LIST (self));
  g_return_if_fail (ledger == NULL || REMIT_IS_LEDGER (ledger));

  if (!g_set_object (&self->ledger, ledger))
    return;

  run_query (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
}

RemitBillFilter
remit_bill_list_get_filter (RemitBillList *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), REMIT_BILL_FILTER_ALL);

  return self->filter;
}

void
remit_bill_list_set_filter (RemitBillList *self, RemitBillFilter filter)
{
  GtkToggleButton *button;

  g_return_if_fail (REMIT_IS_BILL_LIST (self));
  g_return_if_fail (filter <= REMIT_BILL_FILTER_ARCHIVED);

  if (self->filter == filter)
    return;
  self->filter = filter;

  switch (filter)
    {
    case REMIT_BILL_FILTER_OPEN:
      button = self->filter_open;
      break;
    case REMIT_BILL_FILTER_PAID:
      button = self->filter_paid;
      break;
    case REMIT_BILL_FILTER_ARCHIVED:
      button = self->filter_archived;
      break;
    case REMIT_BILL_FILTER_ALL:
    default:
      button = self->filter_all;
      break;
    }
  /* Toggling calls back into this function, which then finds the filter already set. */
  gtk_toggle_button_set_active (button, TRUE);

  run_query (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

const char *
remit_bill_list_get_search_text (RemitBillList *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/**
 * remit_bill_list_set_search_text:
 * @self: a #RemitBillList
 * @text: (nullable): words that must all occur in a bill's recipient, purpose, IBAN or
 *   file name
 *
 * Searches at once, without the delay of typing.
 */
void
remit_bill_list_set_search_text (RemitBillList *self, const char *text)
{
  g_return_if_fail (REMIT_IS_BILL_LIST (self));

  if (g_strcmp0 (text != NULL ? text : "", remit_bill_list_get_search_text (self)) == 0)
    return;

  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_changed_cb (self);
}

/**
 * remit_bill_list_get_model:
 *
 * Returns: (transfer none): the bills the list shows now, in its order
 */
GListModel *
remit_bill_list_get_model (RemitBillList *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

/**
 * remit_bill_list_get_selected_bill:
 *
 * Returns: (transfer none) (nullable): the selected bill
 */
RemitBill *
remit_bill_list_get_selected_bill (RemitBillList *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * remit_bill_list_select_bill:
 * @self: a #RemitBillList
 * @bill_id: the bill to select, or 0 to select none
 *
 * Selects a bill the list shows now (without emitting #RemitBillList::bill-activated) and
 * scrolls it into view. This looks through the listed bills, reading them from the ledger
 * where needed: it is meant for single requests (a bill just added), not for every row.
 *
 * Returns: whether the bill is listed and now selected
 */
gboolean
remit_bill_list_select_bill (RemitBillList *self, gint64 bill_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (REMIT_IS_BILL_LIST (self), FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; bill_id != 0 && i < n; i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (model, i);

      if (remit_bill_get_id (bill) == bill_id)
        {
          self->updating = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->updating = FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BILL]);
          return TRUE;
        }
    }

  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BILL]);
  return FALSE;
}

/**
 * remit_bill_list_reload:
 *
 * Lists the bills again: after bills were added, or changed so that they may no longer
 * match the filter. The selection is kept when the bill is still listed nearby.
 */
void
remit_bill_list_reload (RemitBillList *self)
{
  g_return_if_fail (REMIT_IS_BILL_LIST (self));

  run_query (self, TRUE);
}

/**
 * remit_bill_list_focus_search:
 *
 * Moves the keyboard focus to the search entry and selects its text.
 */
void
remit_bill_list_focus_search (RemitBillList *self)
{
  g_return_if_fail (REMIT_IS_BILL_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
