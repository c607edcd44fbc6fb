/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-return-assistant"

#include "config.h"

#include "remit-return-assistant.h"
#include "remit-return-item-row.h"
#include "remit-review-panel.h"
#include "ui-test-util.h"

/* A fishmonger's delivery: three items and shipping, which add up to the amount to pay
 * (3 × 19,99 + 2 × 12,49 + 24,90 + 4,90 = 114,75). */
static const char extractions_json[] =
  "{\n"
  "  \"extractions\": {\n"
  "    \"paymentRecipient\": {\"entity\": \"companyname\", \"value\": \"Fischhaus Nord GmbH\"},\n"
  "    \"iban\": {\"entity\": \"iban\", \"value\": \"DE89370400440532013000\"},\n"
  "    \"amountToPay\": {\"entity\": \"amount\", \"value\": \"114.75:EUR\",\n"
  "      \"box\": {\"page\": 1, \"left\": 480, \"top\": 610, \"width\": 58, \"height\": 11}},\n"
  "    \"paymentReference\": {\"entity\": \"reference\", \"value\": \"RE-2024-0117\"},\n"
  "    \"docType\": {\"entity\": \"doctype\", \"value\": \"Invoice\"},\n"
  "    \"amountsAreConsistent\": {\"entity\": \"text\", \"value\": \"true\"},\n"
  "    \"shipment-addon\": {\"entity\": \"amount\", \"value\": \"4.90:EUR\"}\n"
  "  },\n"
  "  \"compoundExtractions\": {\n"
  "    \"lineItems\": [\n"
  "      {\"position\": {\"entity\": \"numeric\", \"value\": \"1\"},\n"
  "       \"description\": {\"entity\": \"text\", \"value\": \"Lachsfilet\",\n"
  "         \"box\": {\"page\": 1, \"left\": 60, \"top\": 300, \"width\": 60, \"height\": 10}},\n"
  "       \"artNumber\": {\"entity\": \"text\", \"value\": \"LF-250\"},\n"
  "       \"quantity\": {\"entity\": \"numeric\", \"value\": \"3\"},\n"
  "       \"baseGross\": {\"entity\": \"amount\", \"value\": \"19.99:EUR\"}},\n"
  "      {\"position\": {\"entity\": \"numeric\", \"value\": \"2\"},\n"
  "       \"description\": {\"entity\": \"text\", \"value\": \"Nordseekrabben\"},\n"
  "       \"artNumber\": {\"entity\": \"text\", \"value\": \"NK-100\"},\n"
  "       \"quantity\": {\"entity\": \"numeric\", \"value\": \"2.0\"},\n"
  "       \"baseGross\": {\"entity\": \"amount\", \"value\": \"12.49:EUR\"}},\n"
  "      {\"position\": {\"entity\": \"numeric\", \"value\": \"3\"},\n"
  "       \"description\": {\"entity\": \"text\", \"value\": \"Räucheraal\"},\n"
  "       \"artNumber\": {\"entity\": \"text\", \"value\": \"RA-300\"},\n"
  "       \"quantity\": {\"entity\": \"numeric\", \"value\": \"1\"},\n"
  "       \"baseGross\": {\"entity\": \"amount\", \"value\": \"24,90 €\"}}\n"
  "    ]\n"
  "  },\n"
  "  \"returnReasons\": [\n"
  "    {\"id\": \"r1\", \"de\": \"Passt nicht\", \"en\": \"Does not fit\"},\n"
  "    {\"id\": \"r2\", \"de\": \"Beschädigt angekommen\", \"en\": \"Arrived damaged\"},\n"
  "    {\"id\": \"r3\", \"de\": \"Falscher Artikel\", \"en\": \"Wrong item\"}\n"
  "  ]\n"
  "}\n";

typedef struct
{
  RemitExtractionSet *extractions;
  RemitReturnAssistant *assistant;
  GtkWidget *window;
  GArray *amounts; /* RemitAmount, every amount-changed */
} Fixture;

static void
on_amount_changed (RemitReturnAssistant *assistant, const RemitAmount *amount, Fixture *fixture)
{
  g_array_append_val (fixture->amounts, *amount);
}

static RemitExtractionSet *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  RemitExtractionSet *set = remit_extraction_set_new_from_string (json, -1, &error);

  g_assert_no_error (error);
  return set;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->extractions = parse (extractions_json);
  fixture->amounts = g_array_new (FALSE, FALSE, sizeof (RemitAmount));

  fixture->assistant = REMIT_RETURN_ASSISTANT (remit_return_assistant_new ());
  g_signal_connect (fixture->assistant, "amount-changed", G_CALLBACK (on_amount_changed),
                    fixture);
  remit_return_assistant_set_extractions (fixture->assistant, fixture->extractions);

  fixture->window = ui_test_window_new (GTK_WIDGET (fixture->assistant), 520, 560);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  ui_test_window_close (fixture->window);
  g_clear_pointer (&fixture->amounts, g_array_unref);
  g_clear_object (&fixture->extractions);
}

static gboolean
row_has_item_named (GtkWidget *widget, gconstpointer data)
{
  RemitLineItem *item = remit_return_item_row_get_item (REMIT_RETURN_ITEM_ROW (widget));

  return item != NULL && g_strcmp0 (remit_line_item_get_description (item), data) == 0;
}

static GtkWidget *
item_row (Fixture *fixture, const char *description)
{
  GtkWidget *row = ui_test_find (GTK_WIDGET (fixture->assistant), REMIT_TYPE_RETURN_ITEM_ROW,
                                 row_has_item_named, description);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
return_toggle (Fixture *fixture, const char *description)
{
  g_autofree char *name = g_strdup_printf ("Return %s", description);
  GtkWidget *toggle = ui_test_find_by_accessible_label (item_row (fixture, description),
                                                        GTK_TYPE_TOGGLE_BUTTON, name);

  g_assert_nonnull (toggle);
  return toggle;
}

static GtkWidget *
quantity_spin (Fixture *fixture, const char *description)
{
  g_autofree char *name = g_strdup_printf ("Quantity of %s", description);
  GtkWidget *spin = ui_test_find_by_accessible_label (item_row (fixture, description),
                                                      GTK_TYPE_SPIN_BUTTON, name);

  g_assert_nonnull (spin);
  return spin;
}

static gboolean
is_menu_item (GtkWidget *widget)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "modelbutton") == 0;
}

/* The item of the reasons menu that says @text. */
static GtkWidget *
reason_button (GtkWidget *row, const char *text)
{
  GtkWidget *popover = ui_test_find (row, GTK_TYPE_POPOVER_MENU, NULL, NULL);
  g_autoptr (GPtrArray) labels = ui_test_find_all (popover, GTK_TYPE_LABEL, NULL, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      GtkWidget *item = gtk_widget_get_parent (label);

      while (item != NULL && !is_menu_item (item))
        item = gtk_widget_get_parent (item);
      if (item != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return item;
    }

  return NULL;
}

/* Chooses an item of a menu as Enter on it does. */
static void
choose_menu_item (GtkWidget *item)
{
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_activate (item));
  ui_test_iterate ();
}

static RemitLineItem *
model_item (Fixture *fixture, guint position)
{
  RemitLineItems *items = remit_return_assistant_get_items (fixture->assistant);

  /* The model keeps its own reference. */
  g_autoptr (RemitLineItem) item = g_list_model_get_item (G_LIST_MODEL (items), position);

  return item;
}

static char *
total_text (Fixture *fixture)
{
  const RemitAmount *total = remit_line_items_get_total (
    remit_return_assistant_get_items (fixture->assistant));

  g_assert_nonnull (total);
  return remit_amount_to_wire (total);
}

static void
assert_total (Fixture *fixture, const char *wire)
{
  g_autofree char *total = total_text (fixture);

  g_assert_cmpstr (total, ==, wire);
}

/* Returning an item: toggle, pick the reason. */
static void
return_item (Fixture *fixture, const char *description, const char *reason)
{
  GtkWidget *row = item_row (fixture, description);
  GtkWidget *popover = ui_test_find (row, GTK_TYPE_POPOVER, NULL, NULL);

  ui_test_press_button (return_toggle (fixture, description));
  ui_test_wait_for_draw (fixture->window);
  g_assert_true (gtk_widget_get_visible (popover));
  choose_menu_item (reason_button (row, reason));
  ui_test_wait_for_draw (fixture->window);
  g_assert_false (gtk_widget_get_visible (popover));
}

static void
test_can_show (void)
{
  g_autoptr (RemitExtractionSet) consistent = parse (extractions_json);
  g_autoptr (RemitExtractionSet) inconsistent = remit_extraction_set_copy (consistent);
  g_autoptr (RemitExtractionSet) unknown = remit_extraction_set_copy (consistent);
  g_autoptr (RemitExtractionSet) no_items = remit_extraction_set_copy (consistent);

  remit_extraction_set_set_extraction (inconsistent, "amountsAreConsistent",
                                       remit_extraction_new ("text", "false"));
  remit_extraction_set_remove_extraction (unknown, "amountsAreConsistent");
  remit_extraction_set_remove_compound (no_items, "lineItems");

  g_assert_true (remit_return_assistant_can_show (consistent));
  g_assert_false (remit_return_assistant_can_show (inconsistent));
  g_assert_false (remit_return_assistant_can_show (unknown));
  g_assert_false (remit_return_assistant_can_show (no_items));
  g_assert_false (remit_return_assistant_can_show (NULL));
}

/* The model: one item per compound row, the addons, the total. */
static void
test_build_items (void)
{
  g_autoptr (RemitExtractionSet) set = parse (extractions_json);
  g_autoptr (RemitLineItems) items = remit_return_assistant_build_items (set);
  g_autoptr (RemitLineItem) first = NULL;
  g_autoptr (RemitLineItem) second = NULL;
  g_autoptr (RemitLineItem) third = NULL;
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (items), 0);
  second = g_list_model_get_item (G_LIST_MODEL (items), 1);
  third = g_list_model_get_item (G_LIST_MODEL (items), 2);

  g_assert_cmpstr (remit_line_item_get_description (first), ==, "Lachsfilet");
  g_assert_cmpstr (remit_line_item_get_article_number (first), ==, "LF-250");
  g_assert_cmpstr (remit_line_item_get_position (first), ==, "1");
  g_assert_cmpuint (remit_line_item_get_quantity (first), ==, 3);
  g_assert_cmpuint (remit_line_item_get_original_quantity (first), ==, 3);
  g_assert_cmpint (remit_line_item_get_unit_price (first)->minor, ==, 1999);
  /* “2.0” is two units; “24,90 €” is read like any amount. */
  g_assert_cmpuint (remit_line_item_get_quantity (second), ==, 2);
  g_assert_cmpint (remit_line_item_get_unit_price (third)->minor, ==, 2490);
  g_assert_cmpstr (remit_line_item_get_unit_price (third)->currency, ==, "EUR");

  shipping = remit_amount_to_wire (remit_line_items_get_addon (items, "shipment-addon"));
  g_assert_cmpstr (shipping, ==, "4.90:EUR");
  total = remit_amount_to_wire (remit_line_items_get_total (items));
  g_assert_cmpstr (total, ==, "114.75:EUR");
}

/* A row per item, with what a person needs to decide, and the summary. */
static void
test_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = ui_test_find_all (GTK_WIDGET (fixture->assistant),
                                                 REMIT_TYPE_RETURN_ITEM_ROW, NULL, NULL);
  GtkWidget *row = item_row (fixture, "Lachsfilet");
  GtkWidget *total_label;

  g_assert_cmpuint (rows->len, ==, 3);

  g_assert_nonnull (ui_test_find_label (row, "Lachsfilet"));
  g_assert_nonnull (ui_test_find_label (row, "Art. No. LF-250"));
  g_assert_nonnull (ui_test_find_label (row, "19,99\u00a0€ each"));
  g_assert_nonnull (ui_test_find_label (row, "59,97\u00a0€"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     quantity_spin (fixture, "Lachsfilet"))),
                   ==, 3);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    return_toggle (fixture, "Lachsfilet"))));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lachsfilet");

  /* Every item has its own named controls. */
  for (const char *const *name = (const char *const[]){ "Lachsfilet", "Nordseekrabben",
                                                        "Räucheraal", NULL };
       *name != NULL; name++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (quantity_spin (fixture, *name));
      double lower, upper;

      gtk_spin_button_get_range (spin, &lower, &upper);
      g_assert_cmpfloat (lower, ==, 0);
      g_assert_cmpfloat (upper, ==, 99999);
      g_assert_true (gtk_widget_is_sensitive (return_toggle (fixture, *name)));
    }

  /* Summary: what the kept items cost, the shipping, the amount to pay. */
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "Items kept"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "109,85\u00a0€"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "Shipping"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "4,90\u00a0€"));
  total_label = ui_test_find_label (GTK_WIDGET (fixture->assistant), "114,75\u00a0€");
  g_assert_nonnull (total_label);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (total_label),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       ui_test_find_label (GTK_WIDGET (fixture->assistant),
                                                           "Amount to pay"),
                                       NULL);
  g_assert_cmpuint (fixture->amounts->len, ==, 0);
}

/* Returning 3 × 19,99 € with a reason: the total drops by 59,97 € and the amount follows. */
static void
test_return_item (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = item_row (fixture, "Lachsfilet");
  GtkWidget *toggle = return_toggle (fixture, "Lachsfilet");
  GtkWidget *popover = ui_test_find (row, GTK_TYPE_POPOVER, NULL, NULL);
  RemitLineItem *item = model_item (fixture, 0);
  RemitAmount *amount;

  ui_test_press_button (toggle);
  ui_test_wait_for_draw (fixture->window);

  /* The reasons of the document in the language of the interface (English here). */
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (reason_button (row, "Does not fit"));
  g_assert_nonnull (reason_button (row, "Arrived damaged"));
  g_assert_nonnull (reason_button (row, "Wrong item"));
  /* Nothing is returned until a reason is chosen. */
  g_assert_false (remit_line_item_get_returned (item));
  assert_total (fixture, "114.75:EUR");

  choose_menu_item (reason_button (row, "Does not fit"));
  ui_test_wait_for_draw (fixture->window);

  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (remit_line_item_get_returned (item));
  g_assert_cmpstr (remit_line_item_get_return_reason (item), ==, "r1");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_PRESSED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Returned: Does not fit");
  g_assert_true (gtk_widget_is_visible (ui_test_find_label (row, "Returned: Does not fit")));
  g_assert_false (gtk_widget_is_sensitive (quantity_spin (fixture, "Lachsfilet")));

  /* 114,75 − 3 × 19,99 = 54,78, in the model, the summary and the signal. */
  assert_total (fixture, "54.78:EUR");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "54,78\u00a0€"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (fixture->assistant), "49,88\u00a0€"));
  g_assert_cmpuint (fixture->amounts->len, ==, 1);
  amount = &g_array_index (fixture->amounts, RemitAmount, 0);
  g_assert_cmpint (amount->minor, ==, 11475 - 3 * 1999);
  g_assert_cmpstr (amount->currency, ==, "EUR");

  /* Keeping it after all brings the amount back. */
  ui_test_press_button (toggle);
  ui_test_wait_for_draw (fixture->window);
  g_assert_false (remit_line_item_get_returned (item));
  g_assert_null (remit_line_item_get_return_reason (item));
  g_assert_true (gtk_widget_is_sensitive (quantity_spin (fixture, "Lachsfilet")));
  assert_total (fixture, "114.75:EUR");
  g_assert_cmpuint (fixture->amounts->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->amounts, RemitAmount, 1).minor, ==, 11475);
}

/* Closing the reasons without choosing one keeps the item. */
static void
test_cancel_return (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row = item_row (fixture, "Räucheraal");
  GtkWidget *toggle = return_toggle (fixture, "Räucheraal");
  GtkWidget *popover = ui_test_find (row, GTK_TYPE_POPOVER, NULL, NULL);

  ui_test_press_button (toggle);
  ui_test_wait_for_draw (fixture->window);
  g_assert_true (gtk_widget_get_visible (popover));

  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_wait_for_draw (fixture->window);

  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_false (remit_line_item_get_returned (model_item (fixture, 2)));
  assert_total (fixture, "114.75:EUR");
  g_assert_cmpuint (fixture->amounts->len, ==, 0);
}

/* Keeping fewer units lowers the amount by the units given back. */
static void
test_quantity (Fixture *fixture, gconstpointer data)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (quantity_spin (fixture, "Nordseekrabben"));

  gtk_spin_button_set_value (spin, 1);
  ui_test_iterate ();

  g_assert_cmpuint (remit_line_item_get_quantity (model_item (fixture, 1)), ==, 1);
  assert_total (fixture, "102.26:EUR");
  g_assert_nonnull (ui_test_find_label (item_row (fixture, "Nordseekrabben"), "12,49\u00a0€"));
  g_assert_cmpuint (fixture->amounts->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->amounts, RemitAmount, 0).minor, ==, 10226);

  /* The spin button stops at its range. */
  gtk_spin_button_set_value (spin, 1000000);
  g_assert_cmpuint (remit_line_item_get_quantity (model_item (fixture, 1)), ==, 99999);
}

/* Reasons in the language asked for, German here. */
static void
test_reasons_language (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row;

  g_assert_null (remit_return_assistant_get_language (fixture->assistant));
  remit_return_assistant_set_language (fixture->assistant, "de");
  ui_test_wait_for_draw (fixture->window);

  row = item_row (fixture, "Lachsfilet");
  g_assert_nonnull (reason_button (row, "Passt nicht"));
  g_assert_nonnull (reason_button (row, "Beschädigt angekommen"));
  g_assert_null (reason_button (row, "Does not fit"));

  return_item (fixture, "Lachsfilet", "Falscher Artikel");
  g_assert_cmpstr (remit_line_item_get_return_reason (model_item (fixture, 0)), ==, "r3");
  g_assert_nonnull (ui_test_find_label (item_row (fixture, "Lachsfilet"),
                                        "Returned: Falscher Artikel"));
}

/* The feedback carries every item; a returned one with quantity "0" and its reason. */
static void
test_fill_feedback (Fixture *fixture, gconstpointer data)
{
  static const char expected_json[] =
    "{\"extractions\": {},"
    " \"compoundExtractions\": {\"lineItems\": ["
    "  {\"position\": {\"value\": \"1\"}, \"description\": {\"value\": \"Lachsfilet\"},"
    "   \"artNumber\": {\"value\": \"LF-250\"}, \"baseGross\": {\"value\": \"19.99:EUR\"},"
    "   \"quantity\": {\"value\": \"0\"}, \"returnReason\": {\"value\": \"r2\"}},"
    "  {\"position\": {\"value\": \"2\"}, \"description\": {\"value\": \"Nordseekrabben\"},"
    "   \"artNumber\": {\"value\": \"NK-100\"}, \"baseGross\": {\"value\": \"12.49:EUR\"},"
    "   \"quantity\": {\"value\": \"1\"}},"
    "  {\"position\": {\"value\": \"3\"}, \"description\": {\"value\": \"Räucheraal\"},"
    "   \"artNumber\": {\"value\": \"RA-300\"}, \"baseGross\": {\"value\": \"24.90:EUR\"},"
    "   \"quantity\": {\"value\": \"1\"}}"
    " ]}}";
  g_autoptr (RemitFeedback) feedback = remit_feedback_new ();
  g_autoptr (JsonNode) expected = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  return_item (fixture, "Lachsfilet", "Arrived damaged");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (quantity_spin (fixture, "Nordseekrabben")), 1);

  remit_return_assistant_fill_feedback (fixture->assistant, feedback);
  g_assert_cmpuint (remit_feedback_get_n_line_items (feedback), ==, 3);
  g_assert_cmpstr (remit_feedback_get_line_item_value (feedback, 0, "quantity"), ==, "0");
  g_assert_cmpstr (remit_feedback_get_line_item_value (feedback, 0, "returnReason"), ==, "r2");
  g_assert_cmpint (remit_feedback_get_line_item_kind (feedback, 0), ==,
                   REMIT_FEEDBACK_KIND_INFORMATIVE);
  g_assert_cmpint (remit_feedback_get_line_item_kind (feedback, 1), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);
  g_assert_cmpint (remit_feedback_get_line_item_kind (feedback, 2), ==,
                   REMIT_FEEDBACK_KIND_POSITIVE);

  body = remit_feedback_to_json (feedback, &error);
  g_assert_no_error (error);
  expected = json_from_string (expected_json, &error);
  g_assert_no_error (error);
  text = json_to_string (body, FALSE);
  if (!json_node_equal (body, expected))
    g_error ("Unexpected body: %s", text);
}

static void
on_confirmed (RemitReviewPanel *panel, RemitFeedback *feedback, RemitFeedback **out)
{
  g_set_object (out, feedback);
}

/* With the review panel: the amount to pay follows the items, Confirm sends both. */
static void
test_with_review_panel (Fixture *fixture, gconstpointer data)
{
  RemitReviewPanel *panel = REMIT_REVIEW_PANEL (remit_review_panel_new ());
  GtkWidget *window = ui_test_window_new (GTK_WIDGET (panel), 420, 760);
  g_autoptr (RemitFeedback) confirmed = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *extractions;
  JsonArray *line_items;

  remit_review_panel_set_extractions (panel, fixture->extractions);
  g_signal_connect_swapped (fixture->assistant, "amount-changed",
                            G_CALLBACK (remit_review_panel_set_amount_from_items), panel);
  g_signal_connect (panel, "confirmed", G_CALLBACK (on_confirmed), &confirmed);

  return_item (fixture, "Lachsfilet", "Does not fit");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (panel),
                                                                          "Amount"))),
                   ==, "54,78\u00a0€");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "review.confirm", NULL));
  g_assert_nonnull (confirmed);
  remit_return_assistant_fill_feedback (fixture->assistant, confirmed);

  body = remit_feedback_to_json (confirmed, &error);
  g_assert_no_error (error);
  extractions = json_object_get_object_member (json_node_get_object (body), "extractions");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (extractions, "amountToPay"), "value"),
                   ==, "54.78:EUR");
  line_items = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (body), "compoundExtractions"),
    "lineItems");
  g_assert_cmpuint (json_array_get_length (line_items), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (line_items,
                                                                                   0),
                                                    "returnReason"),
                     "value"),
                   ==, "r1");

  ui_test_window_close (window);
}

/* A long invoice: the list makes a bounded number of rows (GTK 4.8 keeps up to about 200
 * row widgets and recycles them), not one per item, and scrolls to the last. */
static void
test_many_items (void)
{
  g_autoptr (RemitExtractionSet) set = parse (
    "{\"extractions\": {\"amountsAreConsistent\": {\"entity\": \"text\", \"value\": \"true\"}},"
    " \"returnReasons\": [{\"id\": \"r1\", \"en\": \"Does not fit\"}]}");
  RemitReturnAssistant *assistant;
  g_autoptr (GPtrArray) rows = NULL;
  GtkWidget *window;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  g_autofree char *total = NULL;
  gboolean found_last = FALSE;

  for (guint i = 1; i <= 1000; i++)
    {
      g_autoptr (RemitExtractionMap) row = remit_extraction_map_new ();
      g_autofree char *description = g_strdup_printf ("Artikel %u", i);
      g_autofree char *position = g_strdup_printf ("%u", i);

      remit_extraction_map_insert (row, "description", remit_extraction_new ("text",
                                                                             description));
      remit_extraction_map_insert (row, "position", remit_extraction_new ("numeric", position));
      remit_extraction_map_insert (row, "quantity", remit_extraction_new ("numeric", "1"));
      remit_extraction_map_insert (row, "baseGross", remit_extraction_new ("amount",
                                                                           "1.50:EUR"));
      remit_extraction_set_add_compound_row (set, "lineItems", row);
    }
  g_assert_true (remit_return_assistant_can_show (set));

  assistant = REMIT_RETURN_ASSISTANT (remit_return_assistant_new ());
  remit_return_assistant_set_extractions (assistant, set);
  window = ui_test_window_new (GTK_WIDGET (assistant), 520, 560);

  total = remit_amount_to_wire (remit_line_items_get_total (
    remit_return_assistant_get_items (assistant)));
  g_assert_cmpstr (total, ==, "1500.00:EUR");

  rows = ui_test_find_all (GTK_WIDGET (assistant), REMIT_TYPE_RETURN_ITEM_ROW, NULL, NULL);
  g_test_message ("%u rows made for 1000 items", rows->len);
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_cmpuint (rows->len, <=, 250);

  scrolled = GTK_SCROLLED_WINDOW (ui_test_find (GTK_WIDGET (assistant),
                                                GTK_TYPE_SCROLLED_WINDOW, NULL, NULL));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  /* Down to the end two pages at a time, as Page Down would go; the rows are reused. */
  for (guint i = 0; i < 1000 && !found_last; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double end = gtk_adjustment_get_upper (adjustment) - page;

      gtk_adjustment_set_value (adjustment,
                                MIN (end, gtk_adjustment_get_value (adjustment) + 2 * page));
      ui_test_wait_for_draw (window);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = ui_test_find_all (GTK_WIDGET (assistant), REMIT_TYPE_RETURN_ITEM_ROW,
                               row_has_item_named, "Artikel 1000");
      found_last = rows->len > 0;
    }
  g_assert_true (found_last);

  ui_test_window_close (window);
}

/* Keyboard only: Tab goes from an item's quantity to its Return toggle and on to the next
 * item; Space on the toggle opens the reasons. */
static void
test_keyboard (Fixture *fixture, gconstpointer data)
{
  const char *const names[] = { "Lachsfilet", "Nordseekrabben", "Räucheraal" };
  GtkWidget *expected[G_N_ELEMENTS (names) * 2];
  guint next = 1;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkEditable *spin = GTK_EDITABLE (quantity_spin (fixture, names[i]));

      /* A spin button takes the focus in its text. */
      expected[2 * i] = GTK_WIDGET (gtk_editable_get_delegate (spin));
      expected[2 * i + 1] = return_toggle (fixture, names[i]);
    }

  gtk_widget_grab_focus (expected[0]);
  /* The focus widget of its window: the window itself need not hold the X focus, which
   * another test's window on the same display may have taken. */
  g_assert_true (gtk_widget_is_focus (expected[0]));

  for (guint step = 0; step < 20 && next < G_N_ELEMENTS (expected); step++)
    {
      GtkWidget *focus = ui_test_focus_forward (fixture->window);

      g_assert_nonnull (focus);
      if (focus == expected[next])
        next++;
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (expected));
}

static void
test_screenshots (Fixture *fixture, gconstpointer data)
{
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *narrow = NULL;

  return_item (fixture, "Lachsfilet", "Does not fit");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (quantity_spin (fixture, "Nordseekrabben")), 1);

  light = ui_test_save_screenshot (fixture->window, "return-assistant-light");
  ui_test_set_dark (TRUE);
  dark = ui_test_save_screenshot (fixture->window, "return-assistant-dark");
  ui_test_set_dark (FALSE);

  /* The reasons, asked for when an item goes back. */
  {
    GtkWidget *popover = ui_test_find (item_row (fixture, "Räucheraal"), GTK_TYPE_POPOVER, NULL,
                                       NULL);
    g_autofree char *reasons = NULL;

    ui_test_press_button (return_toggle (fixture, "Räucheraal"));
    ui_test_wait_for_mapped (popover);
    reasons = ui_test_save_screenshot (popover, "return-assistant-reasons");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* The narrowest the window gets. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  narrow = ui_test_save_screenshot (fixture->window, "return-assistant-narrow");

  g_assert_true (g_file_test (light, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (dark, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (narrow, G_FILE_TEST_IS_REGULAR));
}

#define ADD(path, func) \
  g_test_add ("/return-assistant/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/return-assistant/can-show", test_can_show);
  g_test_add_func ("/return-assistant/build-items", test_build_items);
  ADD ("rows", test_rows);
  ADD ("return-item", test_return_item);
  ADD ("cancel-return", test_cancel_return);
  ADD ("quantity", test_quantity);
  ADD ("reasons-language", test_reasons_language);
  ADD ("fill-feedback", test_fill_feedback);
  ADD ("with-review-panel", test_with_review_panel);
  ADD ("keyboard", test_keyboard);
  ADD ("screenshots", test_screenshots);
  g_test_add_func ("/return-assistant/many-items", test_many_items);

  return g_test_run ();
}
