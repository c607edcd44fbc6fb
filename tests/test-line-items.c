/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-line-items"

#include "config.h"

#include "remit-line-items.h"

/* Counts signals on an object by name, with the positions of items-changed. */
typedef struct
{
  guint total;
  guint total_valid;
  guint complete;
  guint n_items;
  guint items_changed;
  guint last_position;
  guint last_removed;
  guint last_added;
} Counter;

static void
on_notify (GObject *object, GParamSpec *pspec, Counter *counter)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "total"))
    counter->total++;
  else if (g_str_equal (name, "total-valid"))
    counter->total_valid++;
  else if (g_str_equal (name, "complete"))
    counter->complete++;
  else if (g_str_equal (name, "n-items"))
    counter->n_items++;
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Counter *counter)
{
  counter->items_changed++;
  counter->last_position = position;
  counter->last_removed = removed;
  counter->last_added = added;
}

static void
watch (RemitLineItems *items, Counter *counter)
{
  g_signal_connect (items, "notify", G_CALLBACK (on_notify), counter);
  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed), counter);
}

static RemitAmount
amount (const char *text)
{
  RemitAmount a;
  g_autoptr (GError) error = NULL;

  g_assert_true (remit_amount_parse (text, &a, &error));
  g_assert_no_error (error);

  return a;
}

static RemitLineItem *
item_new (const char *description, guint quantity, const char *price)
{
  RemitAmount a;

  if (price == NULL)
    return remit_line_item_new (description, quantity, NULL);

  a = amount (price);
  return remit_line_item_new (description, quantity, &a);
}

/* Asserts the list's total as wire text (“59.97:EUR”), or that it has none. */
static void
assert_total (RemitLineItems *items, const char *expected)
{
  const RemitAmount *total = remit_line_items_get_total (items);
  g_autoptr (RemitAmount) property = NULL;
  gboolean valid = FALSE;

  g_object_get (items, "total", &property, "total-valid", &valid, NULL);

  if (expected == NULL)
    {
      g_assert_null (total);
      g_assert_null (property);
      g_assert_false (valid);
      g_assert_false (remit_line_items_get_total_valid (items));
    }
  else
    {
      g_autofree char *wire = NULL;

      g_assert_nonnull (total);
      g_assert_nonnull (property);
      g_assert_true (valid);
      g_assert_true (remit_line_items_get_total_valid (items));
      wire = remit_amount_to_wire (total);
      g_assert_cmpstr (wire, ==, expected);
      g_assert_true (remit_amount_equal (total, property));
    }
}

static void
count_item_notify (GObject *object, GParamSpec *pspec, GPtrArray *names)
{
  g_ptr_array_add (names, g_strdup (g_param_spec_get_name (pspec)));
}

static void
test_item_properties (void)
{
  g_autoptr (RemitLineItem) item = item_new ("Wanderschuh", 3, "19,99 €");
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;
  guint quantity = 0;
  guint original = 0;

  g_assert_cmpstr (remit_line_item_get_description (item), ==, "Wanderschuh");
  g_assert_cmpuint (remit_line_item_get_quantity (item), ==, 3);
  g_assert_cmpuint (remit_line_item_get_original_quantity (item), ==, 3);
  g_assert_cmpint (remit_line_item_get_unit_price (item)->minor, ==, 1999);
  g_assert_cmpstr (remit_line_item_get_unit_price (item)->currency, ==, "EUR");
  g_assert_null (remit_line_item_get_position (item));
  g_assert_null (remit_line_item_get_article_number (item));
  g_assert_false (remit_line_item_get_returned (item));
  g_assert_null (remit_line_item_get_return_reason (item));
  g_assert_true (remit_line_item_is_complete (item));

  g_signal_connect (item, "notify", G_CALLBACK (count_item_notify), names);

  remit_line_item_set_position (item, "1");
  remit_line_item_set_position (item, "1");
  remit_line_item_set_article_number (item, "A-100");
  remit_line_item_set_description (item, "Wanderschuh");
  g_assert_true (remit_line_item_set_quantity (item, 2));
  g_assert_true (remit_line_item_set_quantity (item, 2));
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "position");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "article-number");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "quantity");

  g_object_get (item, "description", &description, "quantity", &quantity,
                "original-quantity", &original, NULL);
  g_assert_cmpstr (description, ==, "Wanderschuh");
  g_assert_cmpuint (quantity, ==, 2);
  g_assert_cmpuint (original, ==, 3);

  /* The same price again is no change; another one is. */
  g_ptr_array_set_size (names, 0);
  {
    RemitAmount same = amount ("19.99:EUR");
    RemitAmount other = amount ("21,00 €");

    remit_line_item_set_unit_price (item, &same);
    g_assert_cmpuint (names->len, ==, 0);
    remit_line_item_set_unit_price (item, &other);
    g_assert_cmpuint (names->len, ==, 1);
    g_assert_cmpint (remit_line_item_get_unit_price (item)->minor, ==, 2100);
    remit_line_item_set_unit_price (item, NULL);
    g_assert_null (remit_line_item_get_unit_price (item));
    g_assert_cmpuint (names->len, ==, 2);
    remit_line_item_set_unit_price (item, NULL);
    g_assert_cmpuint (names->len, ==, 2);
  }
}

static void
count (guint *n)
{
  (*n)++;
}

static void
test_item_quantity_bounds (void)
{
  g_autoptr (RemitLineItem) item = item_new ("Socken", 1, "2,50 €");
  guint notified = 0;

  g_signal_connect_swapped (item, "notify::quantity", G_CALLBACK (count), &notified);

  g_assert_true (remit_line_item_set_quantity (item, 0));
  g_assert_cmpuint (remit_line_item_get_quantity (item), ==, 0);
  g_assert_true (remit_line_item_set_quantity (item, REMIT_LINE_ITEM_QUANTITY_MAX));
  g_assert_cmpuint (remit_line_item_get_quantity (item), ==, 99999);
  g_assert_cmpuint (notified, ==, 2);

  /* One more than allowed is refused and changes nothing. */
  g_assert_false (remit_line_item_set_quantity (item, 100000));
  g_assert_false (remit_line_item_set_quantity (item, G_MAXUINT));
  g_assert_cmpuint (remit_line_item_get_quantity (item), ==, 99999);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_true (remit_line_item_set_original_quantity (item, 99999));
  g_assert_false (remit_line_item_set_original_quantity (item, 100000));
  g_assert_cmpuint (remit_line_item_get_original_quantity (item), ==, 99999);
}

static void
test_item_return_reason (void)
{
  g_autoptr (RemitLineItem) item = item_new ("Jacke", 1, "89,00 €");
  guint complete_notified = 0;
  gboolean complete = FALSE;

  g_signal_connect_swapped (item, "notify::complete", G_CALLBACK (count), &complete_notified);

  remit_line_item_set_returned (item, TRUE);
  g_assert_true (remit_line_item_get_returned (item));
  g_assert_false (remit_line_item_is_complete (item));
  g_object_get (item, "complete", &complete, NULL);
  g_assert_false (complete);
  g_assert_cmpuint (complete_notified, ==, 1);

  /* An empty id is no reason. */
  remit_line_item_set_return_reason (item, "");
  g_assert_null (remit_line_item_get_return_reason (item));
  g_assert_false (remit_line_item_is_complete (item));
  g_assert_cmpuint (complete_notified, ==, 1);

  remit_line_item_set_return_reason (item, "r2");
  g_assert_cmpstr (remit_line_item_get_return_reason (item), ==, "r2");
  g_assert_true (remit_line_item_is_complete (item));
  g_assert_cmpuint (complete_notified, ==, 2);

  /* Another reason keeps it complete. */
  remit_line_item_set_return_reason (item, "r1");
  g_assert_cmpuint (complete_notified, ==, 2);

  /* Kept again: complete whatever the reason. */
  remit_line_item_set_return_reason (item, NULL);
  g_assert_cmpuint (complete_notified, ==, 3);
  remit_line_item_set_returned (item, FALSE);
  g_assert_true (remit_line_item_is_complete (item));
  g_assert_cmpuint (complete_notified, ==, 4);
}

static void
test_list_model (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) a = item_new ("A", 1, "1,00 €");
  g_autoptr (RemitLineItem) b = item_new ("B", 1, "2,00 €");
  g_autoptr (RemitLineItem) c = item_new ("C", 1, "3,00 €");
  g_autoptr (RemitLineItem) got = NULL;
  Counter counter = { 0 };
  guint n_items = 0;

  g_assert_true (G_IS_LIST_MODEL (items));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (items)) == REMIT_TYPE_LINE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (items), 0));

  watch (items, &counter);

  remit_line_items_append (items, a);
  g_assert_cmpuint (counter.items_changed, ==, 1);
  g_assert_cmpuint (counter.last_position, ==, 0);
  g_assert_cmpuint (counter.last_removed, ==, 0);
  g_assert_cmpuint (counter.last_added, ==, 1);

  remit_line_items_append (items, c);
  g_assert_cmpuint (counter.items_changed, ==, 2);
  g_assert_cmpuint (counter.last_position, ==, 1);
  g_assert_cmpuint (counter.last_added, ==, 1);

  remit_line_items_insert (items, 1, b);
  g_assert_cmpuint (counter.items_changed, ==, 3);
  g_assert_cmpuint (counter.last_position, ==, 1);
  g_assert_cmpuint (counter.last_removed, ==, 0);
  g_assert_cmpuint (counter.last_added, ==, 1);
  g_assert_cmpuint (counter.n_items, ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 3);
  g_object_get (items, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (RemitLineItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      RemitLineItem *expected[] = { a, b, c };

      g_assert_true (item == expected[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (items), 3));

  /* The list holds its own reference. */
  got = g_list_model_get_item (G_LIST_MODEL (items), 2);
  g_assert_cmpuint (G_OBJECT (got)->ref_count, ==, 3);
  g_clear_object (&got);

  remit_line_items_remove (items, 1);
  g_assert_cmpuint (counter.items_changed, ==, 4);
  g_assert_cmpuint (counter.last_position, ==, 1);
  g_assert_cmpuint (counter.last_removed, ==, 1);
  g_assert_cmpuint (counter.last_added, ==, 0);
  g_assert_cmpuint (G_OBJECT (b)->ref_count, ==, 1);
  got = g_list_model_get_item (G_LIST_MODEL (items), 1);
  g_assert_true (got == c);
  g_clear_object (&got);

  remit_line_items_remove_all (items);
  g_assert_cmpuint (counter.items_changed, ==, 5);
  g_assert_cmpuint (counter.last_position, ==, 0);
  g_assert_cmpuint (counter.last_removed, ==, 2);
  g_assert_cmpuint (counter.last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 0);
  g_assert_cmpuint (counter.n_items, ==, 5);

  /* Emptying an empty list says nothing. */
  remit_line_items_remove_all (items);
  g_assert_cmpuint (counter.items_changed, ==, 5);
  g_assert_cmpuint (counter.n_items, ==, 5);

  g_signal_handlers_disconnect_by_data (items, &counter);
}

static void
test_total (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("Wanderschuh", 3, "19,99 €");
  g_autoptr (RemitLineItem) socks = item_new ("Socken", 2, "4,50 €");
  RemitAmount shipment = amount ("4,95 €");
  RemitAmount discount = amount ("-5,00 €");

  /* Nothing at all costs nothing. */
  assert_total (items, "0.00:EUR");

  remit_line_items_append (items, shoes);
  assert_total (items, "59.97:EUR");
  remit_line_items_append (items, socks);
  assert_total (items, "68.97:EUR");

  /* Returned items do not count. */
  remit_line_item_set_returned (shoes, TRUE);
  assert_total (items, "9.00:EUR");
  remit_line_item_set_returned (shoes, FALSE);
  assert_total (items, "68.97:EUR");

  /* Quantity changes count. */
  g_assert_true (remit_line_item_set_quantity (shoes, 1));
  assert_total (items, "28.99:EUR");
  g_assert_true (remit_line_item_set_quantity (socks, 0));
  assert_total (items, "19.99:EUR");

  /* Price changes count. */
  {
    RemitAmount price = amount ("17,49 €");

    remit_line_item_set_unit_price (shoes, &price);
    assert_total (items, "17.49:EUR");
  }

  /* Addons: shipping on top, a discount off. */
  remit_line_items_set_addon (items, "shipment-addon", &shipment);
  assert_total (items, "22.44:EUR");
  remit_line_items_set_addon (items, "discount-addon", &discount);
  assert_total (items, "17.44:EUR");
  g_assert_cmpint (remit_line_items_get_addon (items, "discount-addon")->minor, ==, -500);
  g_assert_null (remit_line_items_get_addon (items, "giftcard-addon"));
  {
    g_auto (GStrv) labels = remit_line_items_dup_addon_labels (items);
    const char *expected[] = { "shipment-addon", "discount-addon", NULL };

    g_assert_true (g_strv_equal ((const char *const *) labels, expected));
  }

  /* Changing and removing an addon. */
  {
    RemitAmount giftcard = amount ("-20,00 €");

    remit_line_items_set_addon (items, "giftcard-addon", &giftcard);
    assert_total (items, "-2.56:EUR");
  }
  remit_line_items_set_addon (items, "discount-addon", NULL);
  assert_total (items, "2.44:EUR");
  g_assert_null (remit_line_items_get_addon (items, "discount-addon"));

  /* A removed item stops counting, and its changes no longer reach the list. */
  remit_line_items_remove (items, 0);
  assert_total (items, "-15.05:EUR");
  g_assert_true (remit_line_item_set_quantity (shoes, 5));
  assert_total (items, "-15.05:EUR");
}

static void
test_total_notify (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("Wanderschuh", 3, "19,99 €");
  g_autoptr (RemitLineItem) voucher = item_new ("Gutschein", 1, "0,00 €");
  RemitAmount shipment = amount ("4,95 €");
  Counter counter = { 0 };

  watch (items, &counter);

  remit_line_items_append (items, shoes);
  g_assert_cmpuint (counter.total, ==, 1);

  /* A free item changes the list, not the total. */
  remit_line_items_append (items, voucher);
  g_assert_cmpuint (counter.total, ==, 1);
  g_assert_true (remit_line_item_set_quantity (voucher, 7));
  g_assert_cmpuint (counter.total, ==, 1);

  /* Changes that do not touch the sum. */
  remit_line_item_set_description (shoes, "Trekkingschuh");
  remit_line_item_set_position (shoes, "1");
  g_assert_true (remit_line_item_set_quantity (shoes, 3));
  g_assert_cmpuint (counter.total, ==, 1);

  g_assert_true (remit_line_item_set_quantity (shoes, 2));
  g_assert_cmpuint (counter.total, ==, 2);

  /* Returning it changes the total once; the quantity of a returned item does not. */
  remit_line_item_set_returned (shoes, TRUE);
  g_assert_cmpuint (counter.total, ==, 3);
  g_assert_true (remit_line_item_set_quantity (shoes, 1));
  g_assert_cmpuint (counter.total, ==, 3);
  remit_line_item_set_return_reason (shoes, "r1");
  g_assert_cmpuint (counter.total, ==, 3);

  remit_line_items_set_addon (items, "shipment-addon", &shipment);
  g_assert_cmpuint (counter.total, ==, 4);
  remit_line_items_set_addon (items, "shipment-addon", &shipment);
  g_assert_cmpuint (counter.total, ==, 4);
  remit_line_items_set_addon (items, "other-charges-addon", NULL);
  g_assert_cmpuint (counter.total, ==, 4);
  assert_total (items, "4.95:EUR");

  g_assert_cmpuint (counter.total_valid, ==, 0);

  g_signal_handlers_disconnect_by_data (items, &counter);
}

static void
test_total_currency_mismatch (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("Wanderschuh", 3, "19,99 €");
  g_autoptr (RemitLineItem) watch_ch = item_new ("Uhr", 1, "120.00 CHF");
  RemitAmount dollars = amount ("$ 5.00");
  Counter counter = { 0 };

  remit_line_items_append (items, shoes);
  watch (items, &counter);

  remit_line_items_append (items, watch_ch);
  assert_total (items, NULL);
  g_assert_cmpuint (counter.total, ==, 1);
  g_assert_cmpuint (counter.total_valid, ==, 1);

  /* Still invalid, whatever happens to the sum: no notification. */
  g_assert_true (remit_line_item_set_quantity (shoes, 1));
  g_assert_cmpuint (counter.total, ==, 1);
  g_assert_cmpuint (counter.total_valid, ==, 1);

  /* Returning the odd item does not make the document consistent. */
  remit_line_item_set_returned (watch_ch, TRUE);
  assert_total (items, NULL);

  remit_line_items_remove (items, 1);
  assert_total (items, "19.99:EUR");
  g_assert_cmpuint (counter.total, ==, 2);
  g_assert_cmpuint (counter.total_valid, ==, 2);

  /* An addon in another currency too. */
  remit_line_items_set_addon (items, "shipment-addon", &dollars);
  assert_total (items, NULL);
  remit_line_items_set_addon (items, "shipment-addon", NULL);
  assert_total (items, "19.99:EUR");

  /* The first item sets the currency, even when it is not the euro. */
  remit_line_items_remove_all (items);
  remit_line_items_append (items, watch_ch);
  remit_line_item_set_returned (watch_ch, FALSE);
  assert_total (items, "120.00:CHF");

  g_signal_handlers_disconnect_by_data (items, &counter);
}

static void
test_total_unknown_price (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("Wanderschuh", 1, "19,99 €");
  g_autoptr (RemitLineItem) mystery = item_new ("Unbekannt", 2, NULL);

  remit_line_items_append (items, shoes);
  remit_line_items_append (items, mystery);
  assert_total (items, NULL);

  /* Once it no longer counts, the total is known again. */
  remit_line_item_set_returned (mystery, TRUE);
  assert_total (items, "19.99:EUR");
  remit_line_item_set_returned (mystery, FALSE);
  g_assert_true (remit_line_item_set_quantity (mystery, 0));
  assert_total (items, "19.99:EUR");
}

static void
test_total_overflow (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) yacht = item_new ("Yacht", 1, "999999999999999.00:EUR");
  RemitAmount big = amount ("999999999999999.00:EUR");
  RemitAmount minus = amount ("-1.00:EUR");

  remit_line_items_append (items, yacht);
  assert_total (items, "999999999999999.00:EUR");

  g_assert_true (remit_line_item_set_quantity (yacht, 99999));
  assert_total (items, NULL);

  g_assert_true (remit_line_item_set_quantity (yacht, 1));
  assert_total (items, "999999999999999.00:EUR");

  remit_line_items_set_addon (items, "other-charges-addon", &big);
  assert_total (items, NULL);

  remit_line_items_set_addon (items, "other-charges-addon", &minus);
  assert_total (items, "999999999999998.00:EUR");
}

static void
test_complete (void)
{
  g_autoptr (RemitLineItems) items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("Wanderschuh", 1, "19,99 €");
  g_autoptr (RemitLineItem) socks = item_new ("Socken", 2, "4,50 €");
  Counter counter = { 0 };
  gboolean complete = FALSE;

  g_assert_true (remit_line_items_is_complete (items));
  remit_line_items_append (items, shoes);
  remit_line_items_append (items, socks);
  watch (items, &counter);

  remit_line_item_set_returned (socks, TRUE);
  g_assert_false (remit_line_items_is_complete (items));
  g_object_get (items, "complete", &complete, NULL);
  g_assert_false (complete);
  g_assert_cmpuint (counter.complete, ==, 1);

  remit_line_item_set_returned (shoes, TRUE);
  g_assert_false (remit_line_items_is_complete (items));
  g_assert_cmpuint (counter.complete, ==, 1);

  remit_line_item_set_return_reason (socks, "r1");
  g_assert_false (remit_line_items_is_complete (items));
  remit_line_item_set_return_reason (shoes, "r3");
  g_assert_true (remit_line_items_is_complete (items));
  g_assert_cmpuint (counter.complete, ==, 2);

  /* An incomplete item that leaves the list leaves it complete. */
  remit_line_item_set_return_reason (shoes, NULL);
  g_assert_false (remit_line_items_is_complete (items));
  remit_line_items_remove (items, 0);
  g_assert_true (remit_line_items_is_complete (items));
  g_assert_cmpuint (counter.complete, ==, 4);

  g_signal_handlers_disconnect_by_data (items, &counter);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/line-item/properties", test_item_properties);
  g_test_add_func ("/line-item/quantity-bounds", test_item_quantity_bounds);
  g_test_add_func ("/line-item/return-reason", test_item_return_reason);
  g_test_add_func ("/line-items/list-model", test_list_model);
  g_test_add_func ("/line-items/total", test_total);
  g_test_add_func ("/line-items/total-notify", test_total_notify);
  g_test_add_func ("/line-items/total-currency-mismatch", test_total_currency_mismatch);
  g_test_add_func ("/line-items/total-unknown-price", test_total_unknown_price);
  g_test_add_func ("/line-items/total-overflow", test_total_overflow);
  g_test_add_func ("/line-items/complete", test_complete);

  return g_test_run ();
}
