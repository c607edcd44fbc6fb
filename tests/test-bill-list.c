/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "remit-bill-list.h"
#include "remit-bill-private.h"
#include "remit-bill-row.h"
#include "remit-ledger-private.h"
#include "ui-billlist-util.h"

/* The bill list in a real window: the rows show what the ledger holds, search and the state
 * filter query the ledger, selecting emits bill-activated, and 10 000 bills are listed
 * without reading them all. */

typedef struct
{
  char *dir;
  RemitLedger *ledger;
  GtkWindow *window;
  RemitBillList *list;
  RemitBill *stadtwerke; /* New, due in 3 days */
  RemitBill *mueller;    /* In review, overdue by 2 days */
  RemitBill *telekom;    /* Ready to pay, due in 10 days */
  RemitBill *baeckerei;  /* Paid */
  RemitBill *hausverw;   /* Archived */
  RemitBill *scan;       /* New, no recipient, no due date */
  RemitBill *versand;    /* Failed */
  RemitBill *strom;      /* Payment requested */
} Fixture;

static void
make_window (Fixture *fixture, int width, int height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Bills", NULL));
  gtk_box_append (GTK_BOX (box), header);
  fixture->list = REMIT_BILL_LIST (remit_bill_list_new (fixture->ledger));
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->list), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->list));

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  adw_window_set_content (ADW_WINDOW (fixture->window), box);
  ui_test_show (fixture->window);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->ledger = ui_test_open_ledger (&fixture->dir);

  fixture->stadtwerke = ui_test_add_bill (fixture->ledger, "Stadtwerke Köln",
                                          "DE89370400440532013000", 12345, "Rechnung 4711", 3,
                                          TRUE);
  fixture->mueller = ui_test_add_bill (fixture->ledger, "Müller GmbH", "DE02120300000000202051",
                                       123450, "RF18539007547034", -2, TRUE);
  ui_test_move (fixture->ledger, fixture->mueller, REMIT_BILL_STATE_IN_REVIEW);
  fixture->telekom = ui_test_add_bill (fixture->ledger, "Telekom Deutschland",
                                       "DE75512108001245126199", 5999, "Kundennummer 12", 10,
                                       TRUE);
  ui_test_move (fixture->ledger, fixture->telekom, REMIT_BILL_STATE_IN_REVIEW);
  ui_test_move (fixture->ledger, fixture->telekom, REMIT_BILL_STATE_READY_TO_PAY);
  fixture->baeckerei = ui_test_add_bill (fixture->ledger, "Bäckerei Schäfer",
                                         "DE12500105170648489890", 840, "Brötchen", -20, TRUE);
  g_assert_true (remit_ledger_mark_paid (fixture->ledger, fixture->baeckerei, NULL, &error));
  g_assert_no_error (error);
  fixture->hausverw = ui_test_add_bill (fixture->ledger, "Hausverwaltung Nord",
                                        "AT611904300234573201", 95000, "Miete März", -60, TRUE);
  ui_test_move (fixture->ledger, fixture->hausverw, REMIT_BILL_STATE_ARCHIVED);
  fixture->scan = ui_test_add_bill (fixture->ledger, NULL, NULL, 0, NULL, 0, FALSE);
  remit_bill_set_filename (fixture->scan, "scan-0042.pdf");
  g_assert_true (remit_ledger_update_bill (fixture->ledger, fixture->scan, &error));
  g_assert_no_error (error);
  fixture->versand = ui_test_add_bill (fixture->ledger, "Versandhaus Weiß",
                                       "DE89370400440532013000", 4990, "Bestellung 88", 0, TRUE);
  ui_test_move (fixture->ledger, fixture->versand, REMIT_BILL_STATE_IN_REVIEW);
  ui_test_move (fixture->ledger, fixture->versand, REMIT_BILL_STATE_READY_TO_PAY);
  ui_test_move (fixture->ledger, fixture->versand, REMIT_BILL_STATE_PAYMENT_REQUESTED);
  ui_test_move (fixture->ledger, fixture->versand, REMIT_BILL_STATE_FAILED);
  fixture->strom = ui_test_add_bill (fixture->ledger, "Ökostrom AG", "DE02120300000000202051",
                                     7700, "Abschlag Mai", 40, TRUE);
  ui_test_move (fixture->ledger, fixture->strom, REMIT_BILL_STATE_IN_REVIEW);
  ui_test_move (fixture->ledger, fixture->strom, REMIT_BILL_STATE_READY_TO_PAY);
  ui_test_move (fixture->ledger, fixture->strom, REMIT_BILL_STATE_PAYMENT_REQUESTED);

  make_window (fixture, 380, 760);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  ui_test_spin (50);
  g_clear_object (&fixture->stadtwerke);
  g_clear_object (&fixture->mueller);
  g_clear_object (&fixture->telekom);
  g_clear_object (&fixture->baeckerei);
  g_clear_object (&fixture->hausverw);
  g_clear_object (&fixture->scan);
  g_clear_object (&fixture->versand);
  g_clear_object (&fixture->strom);
  g_clear_object (&fixture->ledger);
  ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* The names of the listed bills, in the order of the list's model. */
static char *
listed_names (RemitBillList *list)
{
  GListModel *model = remit_bill_list_get_model (list);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (model, i);
      g_autofree char *name = remit_bill_dup_display_name (bill);

      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static guint
count_rows (GtkWidget *root)
{
  guint n = REMIT_IS_BILL_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static RemitBillRow *
find_row_for (GtkWidget *root, RemitBill *bill)
{
  if (REMIT_IS_BILL_ROW (root) && remit_bill_row_get_bill (REMIT_BILL_ROW (root)) != NULL
      && remit_bill_get_id (remit_bill_row_get_bill (REMIT_BILL_ROW (root)))
           == remit_bill_get_id (bill))
    return REMIT_BILL_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RemitBillRow *row = find_row_for (child, bill);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_describe_due (void)
{
  g_autoptr (RemitBill) bill = remit_bill_new ();
  GDate today;
  struct
  {
    const char *due;
    const char *expected;
    int days_left;
  } cases[] = {
    { "2024-05-06", "Due today", 0 },
    { "2024-05-07", "Due tomorrow", 1 },
    { "2024-05-09", "Due in 3 days", 3 },
    { "2024-06-05", "Due in 30 days", 30 },
    { "2024-06-06", "Due on June 6, 2024", 31 },
    { "2024-05-05", "Overdue since yesterday", -1 },
    { "2024-05-04", "Overdue by 2 days", -2 },
    { "2024-04-06", "Overdue by 30 days", -30 },
    { "2024-03-01", "Overdue since March 1, 2024", -66 },
    { NULL, "No due date", G_MAXINT },
  };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 6, G_DATE_MAY, 2024);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      int days_left = 12345;

      g_assert_true (remit_bill_set_due_date (bill, cases[i].due));
      text = remit_bill_describe_due_date (bill, &today, &days_left);
      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_cmpint (days_left, ==, cases[i].days_left);
    }

  /* A paid bill says when it was paid, whatever its due date. */
  g_assert_true (remit_bill_set_due_date (bill, "2024-05-01"));
  remit_bill_set_state (bill, REMIT_BILL_STATE_PAID);
  remit_bill_set_paid_date (bill, "2024-05-03");
  {
    g_autofree char *text = remit_bill_describe_due_date (bill, &today, NULL);

    g_assert_cmpstr (text, ==, "Paid on May 3, 2024");
  }
  remit_bill_set_state (bill, REMIT_BILL_STATE_ARCHIVED);
  {
    g_autofree char *text = remit_bill_describe_due_date (bill, &today, NULL);

    g_assert_cmpstr (text, ==, "Was due on May 1, 2024");
  }
}

/* The same texts in German, from the build's translation (in a subprocess, so that the
 * language is chosen before anything is translated). */
static void
test_describe_due_german (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (RemitBill) bill = remit_bill_new ();
      g_autofree char *in_three = NULL;
      g_autofree char *overdue = NULL;
      g_autofree char *one = NULL;
      g_autofree char *date = NULL;
      GDate today;

      g_setenv ("LANGUAGE", "de", TRUE);
      textdomain (GETTEXT_PACKAGE);
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 6, G_DATE_MAY, 2024);

      g_assert_true (remit_bill_set_due_date (bill, "2024-05-09"));
      in_three = remit_bill_describe_due_date (bill, &today, NULL);
      g_assert_true (remit_bill_set_due_date (bill, "2024-05-04"));
      overdue = remit_bill_describe_due_date (bill, &today, NULL);
      g_assert_true (remit_bill_set_due_date (bill, "2024-05-07"));
      one = remit_bill_describe_due_date (bill, &today, NULL);
      date = remit_format_date_for_display ("2024-05-03");
      g_print ("%s|%s|%s|%s|%s\n", in_three, overdue, one,
               remit_bill_state_get_label (REMIT_BILL_STATE_READY_TO_PAY), date);
      return;
    }

  if (g_getenv ("REMIT_LOCALEDIR") == NULL)
    {
      g_test_skip ("REMIT_LOCALEDIR is not set");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* LC_TIME stays C, so the month name is English; the order and the words are German. */
  g_test_trap_assert_stdout ("Fällig in 3 Tagen|Seit 2 Tagen überfällig|Morgen fällig|"
                             "Zahlungsbereit|3. May 2024\n");
}

static void
test_shows_bills (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) texts = NULL;
  g_autofree char *names = NULL;

  names = listed_names (fixture->list);
  /* All bills, newest first. */
  g_assert_cmpstr (names, ==,
                   "Ökostrom AG|Versandhaus Weiß|scan-0042.pdf|Hausverwaltung Nord|"
                   "Bäckerei Schäfer|Telekom Deutschland|Müller GmbH|Stadtwerke Köln");

  texts = ui_test_collect_labels (GTK_WIDGET (fixture->list));
  /* Recipient or file name, amount in the locale's format (C: English), due date relative
   * to today, state. */
  g_assert_true (ui_test_texts_contain (texts, "Stadtwerke Köln"));
  g_assert_true (ui_test_texts_contain (texts, "€123.45"));
  g_assert_true (ui_test_texts_contain (texts, "Due in 3 days"));
  g_assert_true (ui_test_texts_contain (texts, "Müller GmbH"));
  g_assert_true (ui_test_texts_contain (texts, "€1,234.50"));
  g_assert_true (ui_test_texts_contain (texts, "Overdue by 2 days"));
  g_assert_true (ui_test_texts_contain (texts, "Due in 10 days"));
  g_assert_true (ui_test_texts_contain (texts, "scan-0042.pdf"));
  g_assert_true (ui_test_texts_contain (texts, "No due date"));
  g_assert_true (ui_test_texts_contain (texts, "Due today"));
  for (RemitBillState s = REMIT_BILL_STATE_NEW; s < REMIT_BILL_N_STATES; s++)
    g_assert_true (ui_test_texts_contain (texts, remit_bill_state_get_label (s)));

  /* The pill of each state has its colour class; overdue is marked as an error. */
  {
    RemitBillRow *row = find_row_for (GTK_WIDGET (fixture->list), fixture->mueller);
    GtkWidget *pill = ui_test_find_label (GTK_WIDGET (row), "In review");
    GtkWidget *due = ui_test_find_label (GTK_WIDGET (row), "Overdue by 2 days");

    g_assert_nonnull (pill);
    /* A screen reader hears the row as one sentence. */
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Müller GmbH, €1,234.50, Overdue by 2 days, In review");
    g_assert_true (gtk_widget_has_css_class (pill, "bill-state"));
    g_assert_true (gtk_widget_has_css_class (pill, "in-review"));
    g_assert_true (gtk_widget_has_css_class (due, "error"));
  }
  {
    RemitBillRow *row = find_row_for (GTK_WIDGET (fixture->list), fixture->baeckerei);
    g_autofree char *paid = remit_format_date_for_display (remit_bill_get_paid_date (fixture->baeckerei));
    g_autofree char *paid_text = g_strdup_printf ("Paid on %s", paid);

    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (row), paid_text));
    g_assert_true (gtk_widget_has_css_class (ui_test_find_label (GTK_WIDGET (row), "Paid"),
                                             "paid"));
  }

  ui_test_screenshot (GTK_WIDGET (fixture->window), "bill-list-light");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture->window), "bill-list-dark");
  ui_test_set_dark (FALSE);
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  GtkWidget *entry = ui_test_find_type (GTK_WIDGET (fixture->list), GTK_TYPE_SEARCH_ENTRY);
  g_autofree char *names = NULL;
  g_autoptr (GPtrArray) texts = NULL;

  /* Typing searches after the entry's short delay. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "müller");
  ui_test_spin (500);
  names = listed_names (fixture->list);
  g_assert_cmpstr (names, ==, "Müller GmbH");
  texts = ui_test_collect_labels (GTK_WIDGET (fixture->list));
  g_assert_true (ui_test_texts_contain (texts, "Müller GmbH"));
  g_assert_false (ui_test_texts_contain (texts, "Stadtwerke Köln"));
  g_clear_pointer (&texts, g_ptr_array_unref);

  /* Words anywhere: IBAN and purpose too. */
  g_clear_pointer (&names, g_free);
  remit_bill_list_set_search_text (fixture->list, "DE89 bestellung");
  names = listed_names (fixture->list);
  g_assert_cmpstr (names, ==, "Versandhaus Weiß");

  g_clear_pointer (&names, g_free);
  remit_bill_list_set_search_text (fixture->list, "scan-0042");
  names = listed_names (fixture->list);
  g_assert_cmpstr (names, ==, "scan-0042.pdf");

  /* Nothing found: a status page says so. */
  remit_bill_list_set_search_text (fixture->list, "Zahnarzt");
  ui_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture->list)), ==, 0);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->list),
                                                       "No Results Found")));
  ui_test_screenshot (GTK_WIDGET (fixture->window), "bill-list-no-results");

  /* Ctrl+F, from anywhere in the window, runs bill-list.search, which focuses the entry. */
  {
    gboolean found = FALSE;

    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (
        GTK_WIDGET (fixture->list));

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller),
                                                                        j);
              g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                gtk_shortcut_get_trigger (shortcut));
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              if (g_str_equal (trigger, "<Control>f") && GTK_IS_NAMED_ACTION (action)
                  && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                  "bill-list.search")
                  && gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller))
                       == GTK_SHORTCUT_SCOPE_GLOBAL)
                found = TRUE;
            }
        }
    }
    g_assert_true (found);
  }
  remit_bill_list_set_search_text (fixture->list, NULL);
  gtk_widget_grab_focus (ui_test_find_button_by_label (GTK_WIDGET (fixture->list), "Paid"));
  g_assert_false (gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), entry));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list), "bill-list.search",
                                             NULL));
  ui_test_spin (50);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), entry));
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture->list)), ==, 8);
}

static void
click_filter (Fixture *fixture, const char *label)
{
  GtkWidget *button = ui_test_find_button_by_label (GTK_WIDGET (fixture->list), label);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  ui_test_click (button);
  ui_test_spin (100);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

static void
test_filter (Fixture *fixture, gconstpointer data)
{
  g_autofree char *open = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *archived = NULL;
  g_autofree char *searched = NULL;

  /* Open bills, the next due first; bills without a due date last. */
  click_filter (fixture, "Open");
  g_assert_cmpint (remit_bill_list_get_filter (fixture->list), ==, REMIT_BILL_FILTER_OPEN);
  open = listed_names (fixture->list);
  g_assert_cmpstr (open, ==,
                   "Müller GmbH|Versandhaus Weiß|Stadtwerke Köln|Telekom Deutschland|"
                   "Ökostrom AG|scan-0042.pdf");

  click_filter (fixture, "Paid");
  paid = listed_names (fixture->list);
  g_assert_cmpstr (paid, ==, "Bäckerei Schäfer");

  click_filter (fixture, "Archived");
  archived = listed_names (fixture->list);
  g_assert_cmpstr (archived, ==, "Hausverwaltung Nord");

  /* Filter and search together. */
  click_filter (fixture, "Open");
  remit_bill_list_set_search_text (fixture->list, "DE02");
  searched = listed_names (fixture->list);
  g_assert_cmpstr (searched, ==, "Müller GmbH|Ökostrom AG");

  remit_bill_list_set_search_text (fixture->list, "Bäckerei");
  ui_test_spin (100);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture->list),
                                                       "No Results Found")));
  remit_bill_list_set_search_text (fixture->list, "");
  click_filter (fixture, "Archived");
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture->list)), ==, 1);

  /* Setting the filter in code moves the toggle buttons along. */
  remit_bill_list_set_filter (fixture->list, REMIT_BILL_FILTER_ALL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    ui_test_find_button_by_label (GTK_WIDGET (fixture->list), "All"))));
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture->list)), ==, 8);
}

static void
activated_cb (RemitBillList *list, RemitBill *bill, gpointer user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_object_ref (bill));
}

static void
test_activate (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  GtkListView *view = GTK_LIST_VIEW (ui_test_find_type (GTK_WIDGET (fixture->list),
                                                        GTK_TYPE_LIST_VIEW));
  GtkSelectionModel *selection = gtk_list_view_get_model (view);

  g_signal_connect (fixture->list, "bill-activated", G_CALLBACK (activated_cb), seen);

  /* Nothing is selected at first, so no bill page opens by itself. */
  g_assert_null (remit_bill_list_get_selected_bill (fixture->list));

  /* Selecting a row (a click, or the arrow keys) activates its bill. */
  gtk_selection_model_select_item (selection, 6, TRUE);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpint (remit_bill_get_id (g_ptr_array_index (seen, 0)), ==,
                   remit_bill_get_id (fixture->mueller));
  g_assert_cmpint (remit_bill_get_id (remit_bill_list_get_selected_bill (fixture->list)), ==,
                   remit_bill_get_id (fixture->mueller));

  /* Enter or a double click on a row activates it again. */
  g_signal_emit_by_name (view, "activate", 6);
  g_assert_cmpuint (seen->len, ==, 2);

  /* A reload keeps the selection and does not activate anything. */
  remit_bill_list_reload (fixture->list);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (remit_bill_get_id (remit_bill_list_get_selected_bill (fixture->list)), ==,
                   remit_bill_get_id (fixture->mueller));

  /* Selecting in code does not activate either. */
  g_assert_true (remit_bill_list_select_bill (fixture->list, remit_bill_get_id (fixture->telekom)));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_false (remit_bill_list_select_bill (fixture->list, 999999));
  g_assert_null (remit_bill_list_get_selected_bill (fixture->list));

  ui_test_screenshot (GTK_WIDGET (fixture->window), "bill-list-selected");
}

/* A row follows its bill when the ledger changes it, without a reload. */
static void
test_follows_bill (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBill) listed = g_list_model_get_item (remit_bill_list_get_model (fixture->list),
                                                        7);
  RemitBillRow *row;

  g_assert_cmpint (remit_bill_get_id (listed), ==, remit_bill_get_id (fixture->stadtwerke));
  row = find_row_for (GTK_WIDGET (fixture->list), listed);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (row), "New"));

  g_assert_true (remit_ledger_mark_paid (fixture->ledger, listed, NULL, &error));
  g_assert_no_error (error);
  ui_test_spin (50);
  g_assert_null (ui_test_find_label (GTK_WIDGET (row), "New"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (row), "Paid"));

  /* The Open filter, reloaded, leaves it out. */
  remit_bill_list_set_filter (fixture->list, REMIT_BILL_FILTER_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture->list)), ==, 5);
}

static void
test_empty (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemitLedger) ledger = ui_test_open_ledger (&dir);
  Fixture fixture = { .ledger = ledger };

  make_window (&fixture, 380, 600);
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)), ==, 0);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture.list),
                                                       "No Bills Yet")));
  /* Nothing to search or filter yet. */
  g_assert_false (ui_test_is_shown (ui_test_find_type (GTK_WIDGET (fixture.list),
                                                       GTK_TYPE_SEARCH_ENTRY)));
  ui_test_screenshot (GTK_WIDGET (fixture.window), "bill-list-empty");
  ui_test_set_dark (TRUE);
  ui_test_screenshot (GTK_WIDGET (fixture.window), "bill-list-empty-dark");
  ui_test_set_dark (FALSE);

  /* Another filter on an empty ledger still says there are no bills at all. */
  remit_bill_list_set_filter (fixture.list, REMIT_BILL_FILTER_PAID);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture.list),
                                                       "No Bills Yet")));

  /* A bill arrives: after a reload it is listed. */
  g_clear_object (&fixture.stadtwerke);
  fixture.stadtwerke = ui_test_add_bill (ledger, "Stadtwerke Köln", "DE89370400440532013000",
                                         12345, "Rechnung 4711", 3, TRUE);
  remit_bill_list_set_filter (fixture.list, REMIT_BILL_FILTER_ALL);
  remit_bill_list_reload (fixture.list);
  ui_test_spin (100);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture.list),
                                                       "Stadtwerke Köln")));
  g_assert_true (ui_test_is_shown (ui_test_find_type (GTK_WIDGET (fixture.list),
                                                      GTK_TYPE_SEARCH_ENTRY)));

  gtk_window_destroy (fixture.window);
  g_clear_object (&fixture.stadtwerke);
  ui_test_remove_tree (dir);
}

/* Fills the ledger with @n bills in one transaction, as remit_ledger_add_bill() writes
 * them, so that setting up does not take thousands of synced commits. */
static void
fill_many (RemitLedger *ledger, guint n)
{
  static const char *const states[] = { "new", "in-review", "ready-to-pay", "paid", "paid",
                                        "archived" };
  sqlite3 *db = remit_ledger_get_handle (ledger);
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();

  g_assert_true (remit_ledger_begin_write (ledger, REMIT_WRITE_NORMAL, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO bills (state, recipient, iban, amount_minor, "
                                       "currency, purpose, due_date, filename, content_type, "
                                       "sha256, backend, payment_key, search_text, created, "
                                       "updated) VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?, "
                                       "'application/pdf', ?, 'local', ?, ?, ?, ?)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemitBill) bill = remit_bill_new ();
      g_autofree char *recipient = g_strdup_printf ("Lieferant %05u", i);
      g_autofree char *purpose = g_strdup_printf ("Rechnung %06u", i);
      g_autofree char *filename = g_strdup_printf ("bill-%05u.pdf", i);
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, filename, -1);
      g_autofree char *due = g_strdup_printf ("2025-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_autofree char *key = NULL;
      g_autofree char *search = NULL;
      RemitAmount amount;

      remit_amount_init (&amount, 100 + (gint64) i * 37 % 500000, "EUR");
      remit_bill_set_recipient (bill, recipient);
      remit_bill_set_iban (bill, "DE89370400440532013000");
      remit_bill_set_amount (bill, &amount);
      remit_bill_set_purpose (bill, purpose);
      remit_bill_set_filename (bill, filename);
      key = remit_bill_dup_payment_key (bill);
      search = remit_bill_build_search_text (bill);

      sqlite3_bind_text (stmt, 1, states[i % G_N_ELEMENTS (states)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, recipient, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "DE89370400440532013000", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, amount.minor);
      sqlite3_bind_text (stmt, 5, purpose, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, due, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, filename, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, sha, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, search, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, now + i);
      sqlite3_bind_int64 (stmt, 12, now + i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_true (remit_ledger_commit (ledger, &error));
  g_assert_no_error (error);
}

static double
elapsed_ms (gint64 since)
{
  return (double) (g_get_monotonic_time () - since) / 1000.0;
}

static void
test_many (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RemitLedger) ledger = ui_test_open_ledger (&dir);
  Fixture fixture = { .ledger = ledger };
  GtkWidget *view;
  gint64 start;
  guint rows;

  fill_many (ledger, 10000);

  start = g_get_monotonic_time ();
  make_window (&fixture, 380, 760);
  /* make_window() waits 400 ms for frames; the figure of interest is the list's own work. */
  g_test_message ("10 000 bills: window with the list shown after %.1f ms (400 ms of it "
                  "waiting for frames)",
                  elapsed_ms (start));

  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)), ==,
                    10000);
  /* Only the rows in view and a window around them (GtkListView keeps about 200) exist:
   * the other bills are never bound, so never read from the ledger. */
  rows = count_rows (GTK_WIDGET (fixture.list));
  g_test_message ("10 000 bills: %u rows made", rows);
  g_assert_cmpuint (rows, <, 300);
  g_assert_true (ui_test_is_shown (ui_test_find_label (GTK_WIDGET (fixture.list),
                                                       "Lieferant 09999")));

  start = g_get_monotonic_time ();
  remit_bill_list_set_search_text (fixture.list, "Lieferant 09999");
  g_test_message ("10 000 bills: search “Lieferant 09999” took %.1f ms, %u found",
                  elapsed_ms (start),
                  g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)));
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)), ==, 1);

  remit_bill_list_set_search_text (fixture.list, NULL);
  {
    RemitBillQuery query = {
      .states = REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_NEW)
                | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_IN_REVIEW)
                | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_READY_TO_PAY)
                | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_PAYMENT_REQUESTED)
                | REMIT_BILL_STATE_BIT (REMIT_BILL_STATE_FAILED),
      .sort = REMIT_BILL_SORT_DUE_DATE,
    };
    g_autoptr (GError) error = NULL;
    g_autoptr (GListModel) open = NULL;

    start = g_get_monotonic_time ();
    open = remit_ledger_list_bills (ledger, &query, &error);
    g_assert_no_error (error);
    g_test_message ("10 000 bills: the ledger's query for Open alone took %.1f ms",
                    elapsed_ms (start));
  }
  start = g_get_monotonic_time ();
  remit_bill_list_set_filter (fixture.list, REMIT_BILL_FILTER_OPEN);
  g_test_message ("10 000 bills: filter Open took %.1f ms, %u listed", elapsed_ms (start),
                  g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)));
  g_assert_cmpuint (g_list_model_get_n_items (remit_bill_list_get_model (fixture.list)), ==,
                    5001);

  /* Scrolling to the end binds rows there, and still not all of them. */
  view = ui_test_find_type (GTK_WIDGET (fixture.list), GTK_TYPE_LIST_VIEW);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (view, "list.scroll-to-item", "u", 5000);
  ui_test_spin (200);
  g_test_message ("10 000 bills: scrolled to the end in %.1f ms (200 ms of it waiting)",
                  elapsed_ms (start));
  rows = count_rows (GTK_WIDGET (fixture.list));
  g_test_message ("10 000 bills: %u rows after scrolling", rows);
  g_assert_cmpuint (rows, <, 300);

  ui_test_screenshot (GTK_WIDGET (fixture.window), "bill-list-10000");
  gtk_window_destroy (fixture.window);
  ui_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/bill-list/describe-due", test_describe_due);
  g_test_add_func ("/bill-list/describe-due-german", test_describe_due_german);
  g_test_add ("/bill-list/shows-bills", Fixture, NULL, fixture_set_up, test_shows_bills,
              fixture_tear_down);
  g_test_add ("/bill-list/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/bill-list/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);
  g_test_add ("/bill-list/activate", Fixture, NULL, fixture_set_up, test_activate,
              fixture_tear_down);
  g_test_add ("/bill-list/follows-bill", Fixture, NULL, fixture_set_up, test_follows_bill,
              fixture_tear_down);
  g_test_add_func ("/bill-list/empty", test_empty);
  g_test_add_func ("/bill-list/many", test_many);

  return g_test_run ();
}
