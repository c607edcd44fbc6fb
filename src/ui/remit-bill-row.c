/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "remit-bill-row.h"

/* Up to this many days away a due date is said relative to today, beyond it as a date. */
#define RELATIVE_DAYS 30
/* An open bill due within this many days is marked as urgent. */
#define SOON_DAYS 3

struct _RemitBillRow
{
  GtkWidget parent_instance;

  RemitBill *bill;
  gulong notify_id;

  GtkLabel *title_label;
  GtkLabel *amount_label;
  GtkLabel *due_label;
  GtkLabel *state_label;
};

G_DEFINE_FINAL_TYPE (RemitBillRow, remit_bill_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BILL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const state_classes[REMIT_BILL_N_STATES] = {
  [REMIT_BILL_STATE_NEW] = "new",
  [REMIT_BILL_STATE_IN_REVIEW] = "in-review",
  [REMIT_BILL_STATE_READY_TO_PAY] = "ready-to-pay",
  [REMIT_BILL_STATE_PAYMENT_REQUESTED] = "payment-requested",
  [REMIT_BILL_STATE_PAID] = "paid",
  [REMIT_BILL_STATE_FAILED] = "failed",
  [REMIT_BILL_STATE_ARCHIVED] = "archived",
};

/**
 * remit_bill_state_get_style_class:
 *
 * Returns: the CSS class that colours the pill of @state (`.bill-state.paid`, …)
 */
const char *
remit_bill_state_get_style_class (RemitBillState state)
{
  g_return_val_if_fail (state < REMIT_BILL_N_STATES, NULL);

  return state_classes[state];
}

/**
 * remit_bill_dup_display_name:
 *
 * Returns: (transfer full): what names @bill for a person: the recipient, else the file
 *   name, else “Unnamed bill”
 */
char *
remit_bill_dup_display_name (RemitBill *bill)
{
  const char *recipient;
  const char *filename;

  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);

  recipient = remit_bill_get_recipient (bill);
  if (recipient != NULL && *recipient != '\0')
    return g_strdup (recipient);
  filename = remit_bill_get_filename (bill);
  if (filename != NULL && *filename != '\0')
    return g_path_get_basename (filename);
  return g_strdup (_("Unnamed bill"));
}

static gboolean
parse_iso_date (const char *text, GDate *date)
{
  if (!remit_date_is_valid_iso (text))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) atoi (text + 8), (GDateMonth) atoi (text + 5),
                  (GDateYear) atoi (text));
  return g_date_valid (date);
}

/**
 * remit_format_date_for_display:
 * @iso_date: a day written `YYYY-MM-DD`
 *
 * Returns: (transfer full) (nullable): the day as people read it in the UI language
 *   (“May 6, 2024”), or %NULL if @iso_date is not a date
 */
char *
remit_format_date_for_display (const char *iso_date)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  if (!parse_iso_date (iso_date, &date))
    return NULL;
  time = g_date_time_new_local ((int) g_date_get_year (&date), (int) g_date_get_month (&date),
                                (int) g_date_get_day (&date), 12, 0, 0);
  /* Translators: how a day is written in the bill list and the pay dialog; see the
   * strftime-like codes of g_date_time_format(). “%-d” is the day without a leading zero. */
  return g_date_time_format (time, C_("date format", "%B %-d, %Y"));
}

/**
 * remit_bill_describe_due_date:
 * @bill: a bill
 * @today: the day to count from
 * @days_left: (out) (optional): days from @today to the due date (negative when overdue);
 *   G_MAXINT when it does not matter (no due date, paid, archived)
 *
 * Says when @bill is due, as the bill list shows it: “Due in 3 days”, “Overdue by 2 days”;
 * a paid bill says when it was paid.
 *
 * Returns: (transfer full): the text
 */
char *
remit_bill_describe_due_date (RemitBill *bill, const GDate *today, int *days_left)
{
  RemitBillState state;
  GDate due;
  int days;

  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (days_left != NULL)
    *days_left = G_MAXINT;

  state = remit_bill_get_state (bill);
  if (state == REMIT_BILL_STATE_PAID)
    {
      g_autofree char *paid = remit_format_date_for_display (remit_bill_get_paid_date (bill));

      if (paid == NULL)
        return g_strdup (_("Paid"));
      /* Translators: %s is a date as in “May 6, 2024” */
      return g_strdup_printf (_("Paid on %s"), paid);
    }

  if (!parse_iso_date (remit_bill_get_due_date (bill), &due))
    return g_strdup (_("No due date"));

  if (state == REMIT_BILL_STATE_ARCHIVED)
    {
      g_autofree char *date = remit_format_date_for_display (remit_bill_get_due_date (bill));

      /* Translators: %s is a date as in “May 6, 2024” */
      return g_strdup_printf (_("Was due on %s"), date);
    }

  days = g_date_days_between (today, &due);
  if (days_left != NULL)
    *days_left = days;

  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  if (days == -1)
    return g_strdup (_("Overdue since yesterday"));
  if (days > 1 && days <= RELATIVE_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days",
                                         (gulong) days),
                            days);
  if (days < -1 && days >= -RELATIVE_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                         "Overdue by %d days", (gulong) -days),
                            -days);

  {
    g_autofree char *date = remit_format_date_for_display (remit_bill_get_due_date (bill));

    if (days > 0)
      /* Translators: %s is a date as in “May 6, 2024” */
      return g_strdup_printf (_("Due on %s"), date);
    /* Translators: %s is a date as in “May 6, 2024” */
    return g_strdup_printf (_("Overdue since %s"), date);
  }
}

static void
today_local (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static void
remit_bill_row_update (RemitBillRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  const RemitAmount *value;
  RemitBillState state;
  GDate today;
  int days_left;
  gboolean open;

  g_return_if_fail (self->bill != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "dim-label");
  for (guint i = 0; i < REMIT_BILL_N_STATES; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);

  state = remit_bill_get_state (self->bill);
  title = remit_bill_dup_display_name (self->bill);
  value = remit_bill_get_amount (self->bill);
  amount = value != NULL ? remit_amount_format (value) : NULL;
  today_local (&today);
  due = remit_bill_describe_due_date (self->bill, &today, &days_left);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->amount_label, amount != NULL ? amount : "");
  gtk_label_set_label (self->due_label, due);
  gtk_label_set_label (self->state_label, remit_bill_state_get_label (state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[state]);

  open = state != REMIT_BILL_STATE_PAID && state != REMIT_BILL_STATE_ARCHIVED;
  if (open && days_left < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else if (open && days_left <= SOON_DAYS)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "dim-label");

  /* One sentence for screen readers, in the order the row shows it. */
  if (amount != NULL)
    accessible = g_strjoin (", ", title, amount, due, remit_bill_state_get_label (state), NULL);
  else
    accessible = g_strjoin (", ", title, due, remit_bill_state_get_label (state), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
bill_notify (RemitBill *bill, GParamSpec *pspec, RemitBillRow *self)
{
  remit_bill_row_update (self);
}

static void
remit_bill_row_dispose (GObject *object)
{
  RemitBillRow *self = REMIT_BILL_ROW (object);

  if (self->bill != NULL)
    g_clear_signal_handler (&self->notify_id, self->bill);
  g_clear_object (&self->bill);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (remit_bill_row_parent_class)->dispose (object);
}

static void
remit_bill_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitBillRow *self = REMIT_BILL_ROW (object);

  switch (prop_id)
    {
    case PROP_BILL:
      g_value_set_object (value, self->bill);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_row_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  RemitBillRow *self = REMIT_BILL_ROW (object);

  switch (prop_id)
    {
    case PROP_BILL:
      remit_bill_row_set_bill (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_row_class_init (RemitBillRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_bill_row_dispose;
  object_class->get_property = remit_bill_row_get_property;
  object_class->set_property = remit_bill_row_set_property;

  properties[PROP_BILL] = g_param_spec_object ("bill", NULL, NULL, REMIT_TYPE_BILL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "billrow");
}

static GtkLabel *
add_label (GtkGrid *grid, int column, int row, const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, style_class);
  if (column == 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
    }
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return GTK_LABEL (label);
}

/* Built in code rather than from a template: a list makes a few hundred of these at once,
 * and parsing a template for each shows when the filter changes. */
static void
remit_bill_row_init (RemitBillRow *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_set_margin_top (grid, 9);
  gtk_widget_set_margin_bottom (grid, 9);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_parent (grid, GTK_WIDGET (self));

  self->title_label = add_label (GTK_GRID (grid), 0, 0, "heading");
  self->amount_label = add_label (GTK_GRID (grid), 1, 0, "numeric");
  self->due_label = add_label (GTK_GRID (grid), 0, 1, "caption");
  self->state_label = add_label (GTK_GRID (grid), 1, 1, "bill-state");
}

GtkWidget *
remit_bill_row_new (void)
{
  return g_object_new (REMIT_TYPE_BILL_ROW, NULL);
}

RemitBill *
remit_bill_row_get_bill (RemitBillRow *self)
{
  g_return_val_if_fail (REMIT_IS_BILL_ROW (self), NULL);

  return self->bill;
}

/**
 * remit_bill_row_set_bill:
 * @self: a #RemitBillRow
 * @bill: (nullable): the bill to show
 */
void
remit_bill_row_set_bill (RemitBillRow *self, RemitBill *bill)
{
  g_return_if_fail (REMIT_IS_BILL_ROW (self));
  g_return_if_fail (bill == NULL || REMIT_IS_BILL (bill));

  if (self->bill == bill)
    return;

  if (self->bill != NULL)
    g_clear_signal_handler (&self->notify_id, self->bill);
  g_set_object (&self->bill, bill);
  if (bill != NULL)
    {
      self->notify_id = g_signal_connect (bill, "notify", G_CALLBACK (bill_notify), self);
      remit_bill_row_update (self);
    }
  /* An unbound row is not shown; clearing its labels would only cost time when a list
   * lets hundreds of rows go at once. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILL]);
}
