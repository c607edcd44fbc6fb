/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-feedback"

#include "config.h"

#include "remit-core-error.h"
#include "remit-feedback.h"

static const char *const reasons[] = { "r1", "r2", "r3", NULL };

static void
assert_valid (const char *entity, const char *label, const char *value)
{
  g_autoptr (GError) error = NULL;

  if (!remit_feedback_validate_value (entity, label, value, reasons, &error))
    g_error ("“%s” (entity %s, label %s) was rejected: %s", value, entity, label,
             error->message);
  g_assert_no_error (error);
}

/* Asserts the value is rejected with @code and returns the message. */
static char *
assert_invalid (const char *entity, const char *label, const char *value, int code)
{
  g_autoptr (GError) error = NULL;

  if (remit_feedback_validate_value (entity, label, value, reasons, &error))
    g_error ("“%s” (entity %s, label %s) was accepted", value, entity, label);
  g_assert_error (error, REMIT_CORE_ERROR, code);

  return g_strdup (error->message);
}

#define INVALID(entity, label, value, code) g_free (assert_invalid (entity, label, value, code))

static void
assert_message (const char *entity, const char *label, const char *value, int code,
                const char *expected)
{
  g_autofree char *message = assert_invalid (entity, label, value, code);

  g_assert_cmpstr (message, ==, expected);
}

static void
test_label_entities (void)
{
  const struct
  {
    const char *label;
    const char *entity;
  } table[] = {
    { "amountToPay", "amount" },
    { "iban", "iban" },
    { "bic", "bic" },
    { "docType", "doctype" },
    { "paymentPurpose", "text" },
    { "paymentRecipient", "companyname" },
    { "paymentReference", "reference" },
    { "shipment-addon", "amount" },
    { "discount-addon", "amount" },
    { "giftcard-addon", "amount" },
    { "other-discounts-addon", "amount" },
    { "other-charges-addon", "amount" },
    { "amountsAreConsistent", "text" },
    { "artNumber", "text" },
    { "baseGross", "amount" },
    { "description", "text" },
    { "position", "numeric" },
    { "quantity", "numeric" },
    { "returnReason", "returnreason" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpstr (remit_feedback_label_get_entity (table[i].label), ==, table[i].entity);

  g_assert_null (remit_feedback_label_get_entity ("senderName"));
  g_assert_null (remit_feedback_label_get_entity ("IBAN"));
  g_assert_null (remit_feedback_label_get_entity (NULL));
}

static void
test_amount (void)
{
  const char *valid[] = { "12.3:EUR", "12,4 USD", "12 €", "EUR 12.3", "$ 12.4", "12.50", "-5,00 €",
                          "1.234,56 €" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      assert_valid ("amount", NULL, valid[i]);
      assert_valid (NULL, "amountToPay", valid[i]);
      assert_valid (NULL, "baseGross", valid[i]);
      assert_valid (NULL, "discount-addon", valid[i]);
    }

  INVALID ("amount", NULL, "EUR", REMIT_CORE_ERROR_INVALID_AMOUNT);
  INVALID (NULL, "amountToPay", "zwölf Euro", REMIT_CORE_ERROR_INVALID_AMOUNT);
  INVALID (NULL, "shipment-addon", "", REMIT_CORE_ERROR_INVALID_AMOUNT);

  assert_message (NULL, "amountToPay", "abc", REMIT_CORE_ERROR_INVALID_AMOUNT,
                  "The amount to pay “abc” is not valid. The amount has no number. "
                  "Write it like “12,50 €” or “EUR 12.50”.");
  assert_message (NULL, "amountToPay", "", REMIT_CORE_ERROR_INVALID_AMOUNT,
                  "The amount to pay is empty. Fill it in or leave it out.");
  assert_message (NULL, "baseGross", "€", REMIT_CORE_ERROR_INVALID_AMOUNT,
                  "The unit price “€” is not valid. The amount has no number. "
                  "Write it like “12,50 €” or “EUR 12.50”.");
}

static void
test_iban_bic (void)
{
  g_autofree char *message = NULL;

  assert_valid (NULL, "iban", "DE89370400440532013000");
  assert_valid (NULL, "iban", "DE89 3704 0044 0532 0130 00");
  assert_valid ("iban", "someIban", "GB82WEST12345698765432");

  INVALID (NULL, "iban", "DE88370400440532013000", REMIT_CORE_ERROR_INVALID_IBAN);
  INVALID (NULL, "iban", "DE8937040044053201300", REMIT_CORE_ERROR_INVALID_IBAN);
  INVALID (NULL, "iban", "", REMIT_CORE_ERROR_INVALID_IBAN);
  message = assert_invalid (NULL, "iban", "DE88370400440532013000",
                            REMIT_CORE_ERROR_INVALID_IBAN);
  g_assert_true (g_str_has_prefix (message, "The IBAN “DE88370400440532013000” is not valid. "));
  g_assert_true (g_str_has_suffix (message, "."));

  assert_valid (NULL, "bic", "COBADEFFXXX");
  assert_valid (NULL, "bic", "COBADEFF");
  INVALID (NULL, "bic", "COBADEF", REMIT_CORE_ERROR_INVALID_BIC);
  INVALID (NULL, "bic", "COBADEFFXX", REMIT_CORE_ERROR_INVALID_BIC);
  INVALID (NULL, "bic", "", REMIT_CORE_ERROR_INVALID_BIC);
  assert_message (NULL, "bic", "COBADEF", REMIT_CORE_ERROR_INVALID_BIC,
                  "The BIC “COBADEF” is not valid. A BIC has 8 or 11 characters.");
}

static void
test_companyname (void)
{
  const char *valid[] = { "AB", "A1", "12", "Ö1", "李明", " a-b ", "Sportshop GmbH" };
  const char *invalid[] = { "", "A", "A.", "  A  ", "--", "1 ", "é!" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid (NULL, "paymentRecipient", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    INVALID (NULL, "paymentRecipient", invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);

  assert_message (NULL, "paymentRecipient", "A", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The recipient needs at least 2 letters or digits.");
  assert_message ("companyname", "senderName", "A", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The company name needs at least 2 letters or digits.");
}

static void
test_reference (void)
{
  const char *valid[] = { "12345", "RE-20", "1 2 3 4 5", "äöüß€", " abcde " };
  const char *invalid[] = { "", "1234", "12 34", "ab\tcd", "    ", "ä ö ü ß" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid (NULL, "paymentReference", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    INVALID (NULL, "paymentReference", invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);

  assert_message (NULL, "paymentReference", "1234", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The reference needs at least 5 characters other than spaces.");
}

static void
test_doctype (void)
{
  const char *valid[] = { "Invoice", "Reminder", "RemittanceSlip", "PaymentQRCode", "Other" };
  const char *invalid[] = { "", "invoice", "INVOICE", "Receipt", " Invoice", "Invoice " };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid (NULL, "docType", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    INVALID (NULL, "docType", invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);

  assert_message (NULL, "docType", "Receipt", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The document type “Receipt” is not known. Choose one of Invoice, Reminder, "
                  "RemittanceSlip, PaymentQRCode or Other.");
}

static void
test_numeric (void)
{
  const char *valid[] = { "0", "3", "-3", "+3", "2,5", "2.5", "-0,75", "99999", "007" };
  const char *invalid[] = { "", "abc", "2,", ",5", ".5", "1.000,00", "2 ", " 2", "--1",
                            "1e3", "+", "3 Stück", "½" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      assert_valid (NULL, "quantity", valid[i]);
      assert_valid (NULL, "position", valid[i]);
      assert_valid ("numeric", "count", valid[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      INVALID (NULL, "quantity", invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);
      INVALID ("numeric", NULL, invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);
    }

  assert_message (NULL, "quantity", "drei", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The quantity “drei” is not a number. Write a whole or decimal number, like "
                  "“3” or “2,5”.");
}

static void
test_currency (void)
{
  const char *valid[] = { "€", "EUR", "EURO" };
  const char *invalid[] = { "", "eur", "Euro", "USD", "$", "EUR ", "€€" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_valid ("currency", NULL, valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    INVALID ("currency", "currency", invalid[i], REMIT_CORE_ERROR_INVALID_VALUE);

  assert_message ("currency", NULL, "USD", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The currency “USD” is not accepted. Write “€”, “EUR” or “EURO”.");
}

static void
test_returnreason (void)
{
  g_autoptr (GError) error = NULL;

  assert_valid (NULL, "returnReason", "r1");
  assert_valid (NULL, "returnReason", "r3");
  INVALID (NULL, "returnReason", "r4", REMIT_CORE_ERROR_INVALID_VALUE);
  INVALID (NULL, "returnReason", "R1", REMIT_CORE_ERROR_INVALID_VALUE);
  INVALID (NULL, "returnReason", "", REMIT_CORE_ERROR_INVALID_VALUE);

  /* A document without return reasons accepts none. */
  g_assert_false (remit_feedback_validate_value (NULL, "returnReason", "r1", NULL, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);

  assert_message (NULL, "returnReason", "r9", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The return reason “r9” is not one this document offers. Choose one from "
                  "the list.");
}

static void
test_text (void)
{
  const char *anything[] = { "", " ", "x", "Rechnung 4711 vom 1. März", "🙂" };
  const char *methods[] = { "Cash", "Card", "Contactless Card", "Girocard",
                            "Contactless Girocard", "Contactless Visa",
                            "Contactless Mastercard" };
  const char *not_methods[] = { "", "cash", "Visa", "Contactless card", "Card ", "PayPal" };

  for (guint i = 0; i < G_N_ELEMENTS (anything); i++)
    {
      assert_valid (NULL, "paymentPurpose", anything[i]);
      assert_valid (NULL, "description", anything[i]);
      assert_valid (NULL, "artNumber", anything[i]);
      assert_valid (NULL, "amountsAreConsistent", anything[i]);
      assert_valid ("text", "senderName", anything[i]);
    }

  for (const char *const *label = (const char *const[]) { "branchId", "transactionId", NULL };
       *label != NULL; label++)
    {
      assert_valid ("text", *label, "0");
      assert_valid ("text", *label, "0042");
      assert_valid (NULL, *label, "123456789012345678901234567890");
      INVALID ("text", *label, "", REMIT_CORE_ERROR_INVALID_VALUE);
      INVALID ("text", *label, "42a", REMIT_CORE_ERROR_INVALID_VALUE);
      INVALID ("text", *label, "4 2", REMIT_CORE_ERROR_INVALID_VALUE);
      INVALID ("text", *label, "-42", REMIT_CORE_ERROR_INVALID_VALUE);
      INVALID ("text", *label, "٤٢", REMIT_CORE_ERROR_INVALID_VALUE);
    }
  assert_message ("text", "branchId", "B12", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The branch number may only contain digits.");
  assert_message ("text", "transactionId", "T-1", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The transaction number may only contain digits.");

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    assert_valid ("text", "paymentMethod", methods[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_methods); i++)
    INVALID ("text", "paymentMethod", not_methods[i], REMIT_CORE_ERROR_INVALID_VALUE);
  assert_message (NULL, "paymentMethod", "PayPal", REMIT_CORE_ERROR_INVALID_VALUE,
                  "The payment method “PayPal” is not known. Choose one of Cash, Card, "
                  "Contactless Card, Girocard, Contactless Girocard, Contactless Visa or "
                  "Contactless Mastercard.");
}

static void
test_unknown (void)
{
  /* Entities and labels the API may add are accepted. */
  assert_valid ("idnumber", "senderId", "");
  assert_valid ("number", NULL, "not a number at all");
  assert_valid (NULL, "paymentState", "Paid");
  assert_valid (NULL, NULL, "x");

  /* An explicit entity wins over the label's. */
  assert_valid ("text", "iban", "not an iban");
  INVALID ("iban", "paymentPurpose", "DE00", REMIT_CORE_ERROR_INVALID_IBAN);

  /* Whatever the entity, the value must be text. */
  INVALID ("text", "paymentPurpose", "\xff\xfe", REMIT_CORE_ERROR_INVALID_VALUE);
  INVALID ("idnumber", "senderId", "ab\xc3", REMIT_CORE_ERROR_INVALID_VALUE);
}

static void
test_kinds (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  g_auto (GStrv) labels = NULL;

  remit_feedback_set_value (fb, "paymentRecipient", NULL, "Sportshop GmbH", "Sportshop GmbH");
  remit_feedback_set_value (fb, "paymentReference", NULL, "RE-2024-0815", "RE-2024-0816");
  remit_feedback_set_value (fb, "bic", NULL, NULL, "COBADEFFXXX");
  /* The same amount and the same IBAN, written differently. */
  remit_feedback_set_value (fb, "amountToPay", NULL, "68.97:EUR", "68,97 €");
  remit_feedback_set_value (fb, "iban", NULL, "DE89370400440532013000",
                            "de89 3704 0044 0532 0130 00");
  remit_feedback_set_value (fb, "discount-addon", NULL, "-5.00:EUR", "-5,01 €");
  /* Text is compared as it stands. */
  remit_feedback_set_value (fb, "paymentPurpose", NULL, "Rechnung", "Rechnung ");

  g_assert_cmpint (remit_feedback_get_kind (fb, "paymentRecipient"), ==,
                   REMIT_FEEDBACK_KIND_POSITIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "paymentReference"), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "bic"), ==, REMIT_FEEDBACK_KIND_COMPLEMENTARY);
  g_assert_cmpint (remit_feedback_get_kind (fb, "amountToPay"), ==, REMIT_FEEDBACK_KIND_POSITIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "iban"), ==, REMIT_FEEDBACK_KIND_POSITIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "discount-addon"), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "paymentPurpose"), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);
  g_assert_cmpint (remit_feedback_get_kind (fb, "docType"), ==, REMIT_FEEDBACK_KIND_NONE);

  g_assert_cmpstr (remit_feedback_get_value (fb, "amountToPay"), ==, "68,97 €");
  g_assert_cmpstr (remit_feedback_get_original (fb, "amountToPay"), ==, "68.97:EUR");
  g_assert_null (remit_feedback_get_original (fb, "bic"));
  g_assert_null (remit_feedback_get_value (fb, "docType"));

  /* Setting again replaces, and can change the kind. */
  remit_feedback_set_value (fb, "paymentReference", NULL, "RE-2024-0815", "RE-2024-0815");
  g_assert_cmpint (remit_feedback_get_kind (fb, "paymentReference"), ==,
                   REMIT_FEEDBACK_KIND_POSITIVE);

  labels = remit_feedback_dup_labels (fb);
  g_assert_cmpuint (g_strv_length (labels), ==, 7);
  g_assert_cmpstr (labels[0], ==, "paymentRecipient");
  g_assert_cmpstr (labels[1], ==, "paymentReference");

  remit_feedback_remove_value (fb, "bic");
  g_assert_cmpint (remit_feedback_get_kind (fb, "bic"), ==, REMIT_FEEDBACK_KIND_NONE);

  /* The kind enum is registered for the UI. */
  g_assert_true (G_TYPE_IS_ENUM (REMIT_TYPE_FEEDBACK_KIND));
  {
    g_autoptr (GEnumClass) klass = g_type_class_ref (REMIT_TYPE_FEEDBACK_KIND);

    g_assert_cmpstr (g_enum_get_value (klass, REMIT_FEEDBACK_KIND_COMPLEMENTARY)->value_nick,
                     ==, "complementary");
  }
}

static void
test_wrongly_found (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) wrong = NULL;
  g_auto (GStrv) labels = NULL;

  remit_feedback_set_value (fb, "iban", NULL, "DE89370400440532013000",
                            "DE89370400440532013000");
  remit_feedback_set_value (fb, "paymentReference", NULL, "Kunde 123", "Kunde 123");
  remit_feedback_mark_wrongly_found (fb, "paymentReference");
  remit_feedback_mark_wrongly_found (fb, "senderName");
  remit_feedback_mark_wrongly_found (fb, "senderName");

  g_assert_true (remit_feedback_is_wrongly_found (fb, "paymentReference"));
  g_assert_false (remit_feedback_is_wrongly_found (fb, "iban"));
  g_assert_cmpint (remit_feedback_get_kind (fb, "paymentReference"), ==,
                   REMIT_FEEDBACK_KIND_NONE);

  wrong = remit_feedback_dup_wrongly_found (fb);
  g_assert_cmpuint (g_strv_length (wrong), ==, 2);
  g_assert_cmpstr (wrong[0], ==, "paymentReference");
  g_assert_cmpstr (wrong[1], ==, "senderName");

  labels = remit_feedback_dup_labels (fb);
  g_assert_cmpuint (g_strv_length (labels), ==, 1);
  g_assert_cmpstr (labels[0], ==, "iban");

  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  expected = json_from_string ("{\"extractions\":{\"iban\":{\"value\":\"DE89370400440532013000\"}}}",
                               &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, expected));

  /* A value set again means the label is found after all. */
  remit_feedback_set_value (fb, "senderName", "companyname", NULL, "Sportshop GmbH");
  g_assert_false (remit_feedback_is_wrongly_found (fb, "senderName"));
  g_strfreev (wrong);
  wrong = remit_feedback_dup_wrongly_found (fb);
  g_assert_cmpuint (g_strv_length (wrong), ==, 1);
  g_assert_cmpstr (wrong[0], ==, "paymentReference");
}

static RemitLineItem *
item_new (const char *position, const char *description, guint quantity, const char *price)
{
  RemitAmount amount;
  RemitLineItem *item;

  g_assert_true (remit_amount_parse (price, &amount, NULL));
  item = remit_line_item_new (description, quantity, &amount);
  remit_line_item_set_position (item, position);

  return item;
}

static RemitLineItems *
realistic_items (void)
{
  RemitLineItems *items = remit_line_items_new ();
  g_autoptr (RemitLineItem) shoes = item_new ("1", "Wanderschuh", 3, "19,99 €");
  g_autoptr (RemitLineItem) socks = item_new ("2", "Socken", 2, "4,50 €");
  g_autoptr (RemitLineItem) jacket = item_new ("3", "Regenjacke", 2, "89,00 €");

  remit_line_item_set_article_number (shoes, "A-100");
  remit_line_item_set_returned (socks, TRUE);
  remit_line_item_set_return_reason (socks, "r2");
  g_assert_true (remit_line_item_set_quantity (jacket, 1));

  remit_line_items_append (items, shoes);
  remit_line_items_append (items, socks);
  remit_line_items_append (items, jacket);

  return items;
}

static void
test_rows_from_model (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  g_autoptr (RemitLineItems) items = realistic_items ();

  remit_feedback_set_return_reasons (fb, reasons);
  remit_feedback_set_line_items_from_model (fb, items);
  g_assert_cmpuint (remit_feedback_get_n_line_items (fb), ==, 3);

  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 0, "position"), ==, "1");
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 0, "artNumber"), ==, "A-100");
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 0, "baseGross"), ==, "19.99:EUR");
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 0, "quantity"), ==, "3");
  g_assert_null (remit_feedback_get_line_item_value (fb, 0, "returnReason"));
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, 0), ==, REMIT_FEEDBACK_KIND_POSITIVE);

  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 1, "description"), ==, "Socken");
  g_assert_null (remit_feedback_get_line_item_value (fb, 1, "artNumber"));
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 1, "quantity"), ==, "0");
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 1, "returnReason"), ==, "r2");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, 1), ==,
                   REMIT_FEEDBACK_KIND_INFORMATIVE);

  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 2, "quantity"), ==, "1");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, 2), ==, REMIT_FEEDBACK_KIND_NEGATIVE);

  g_assert_true (remit_feedback_validate (fb, NULL));

  /* Building again replaces the rows. */
  remit_line_items_remove (items, 0);
  remit_feedback_set_line_items_from_model (fb, items);
  g_assert_cmpuint (remit_feedback_get_n_line_items (fb), ==, 2);
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, 0, "description"), ==, "Socken");

  remit_feedback_clear_line_items (fb);
  g_assert_cmpuint (remit_feedback_get_n_line_items (fb), ==, 0);
}

static void
test_row_kinds (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  guint row;

  row = remit_feedback_append_line_item (fb);
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==, REMIT_FEEDBACK_KIND_NONE);

  remit_feedback_set_line_item_value (fb, row, "description", NULL, "Socken", "Socken");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==, REMIT_FEEDBACK_KIND_POSITIVE);
  remit_feedback_set_line_item_value (fb, row, "artNumber", NULL, NULL, "S-1");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==,
                   REMIT_FEEDBACK_KIND_COMPLEMENTARY);
  remit_feedback_set_line_item_value (fb, row, "baseGross", NULL, "4.50:EUR", "4,50 €");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==,
                   REMIT_FEEDBACK_KIND_COMPLEMENTARY);
  remit_feedback_set_line_item_value (fb, row, "quantity", NULL, "2", "1");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==, REMIT_FEEDBACK_KIND_NEGATIVE);

  remit_feedback_set_line_item_returned (fb, row, TRUE, "r1");
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==,
                   REMIT_FEEDBACK_KIND_INFORMATIVE);
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, row, "quantity"), ==, "0");

  /* Kept again: the quantity as reviewed, no reason. */
  remit_feedback_set_line_item_returned (fb, row, FALSE, "r1");
  g_assert_cmpstr (remit_feedback_get_line_item_value (fb, row, "quantity"), ==, "1");
  g_assert_null (remit_feedback_get_line_item_value (fb, row, "returnReason"));
  g_assert_cmpint (remit_feedback_get_line_item_kind (fb, row), ==, REMIT_FEEDBACK_KIND_NEGATIVE);
}

static void
assert_json_equal (JsonNode *node, const char *expected_text)
{
  g_autoptr (JsonNode) expected = NULL;
  g_autoptr (GError) error = NULL;

  expected = json_from_string (expected_text, &error);
  g_assert_no_error (error);

  if (!json_node_equal (node, expected))
    {
      g_autofree char *got = json_to_string (node, TRUE);

      g_error ("unexpected body:\n%s", got);
    }
}

static void
test_realistic_body (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  g_autoptr (RemitLineItems) items = realistic_items ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) reparsed = NULL;

  remit_feedback_set_return_reasons (fb, reasons);

  remit_feedback_set_value (fb, "paymentRecipient", NULL, "Sportshop GmbH", "Sportshop GmbH");
  remit_feedback_set_box (fb, "paymentRecipient", 1, 56.5, 70.25, 120.5, 11.5);
  remit_feedback_set_value (fb, "iban", NULL, "DE89 3704 0044 0532 0130 00",
                            "DE89 3704 0044 0532 0130 00");
  remit_feedback_set_value (fb, "bic", NULL, NULL, "COBADEFFXXX");
  remit_feedback_set_value (fb, "amountToPay", NULL, "59.97:EUR", "68,97 €");
  remit_feedback_set_value (fb, "paymentReference", NULL, "RE-2024-0815", "RE-2024-0815");
  remit_feedback_set_value (fb, "paymentPurpose", NULL, NULL, "Rechnung RE-2024-0815");
  remit_feedback_set_value (fb, "docType", NULL, "Invoice", "Invoice");
  remit_feedback_set_value (fb, "amountsAreConsistent", NULL, "true", "true");
  remit_feedback_set_value (fb, "shipment-addon", NULL, "4.95:EUR", "4.95:EUR");
  remit_feedback_mark_wrongly_found (fb, "senderName");
  remit_feedback_set_line_items_from_model (fb, items);
  remit_feedback_set_line_item_box (fb, 0, "description", 1, 60.5, 300.5, 90.25, 10.5);

  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  assert_json_equal (node,
    "{"
    "  \"extractions\": {"
    "    \"paymentRecipient\": {\"value\": \"Sportshop GmbH\","
    "      \"box\": {\"page\": 1, \"left\": 56.5, \"top\": 70.25, \"width\": 120.5,"
    "                \"height\": 11.5}},"
    "    \"iban\": {\"value\": \"DE89 3704 0044 0532 0130 00\"},"
    "    \"bic\": {\"value\": \"COBADEFFXXX\"},"
    "    \"amountToPay\": {\"value\": \"68,97 €\"},"
    "    \"paymentReference\": {\"value\": \"RE-2024-0815\"},"
    "    \"paymentPurpose\": {\"value\": \"Rechnung RE-2024-0815\"},"
    "    \"docType\": {\"value\": \"Invoice\"},"
    "    \"amountsAreConsistent\": {\"value\": \"true\"},"
    "    \"shipment-addon\": {\"value\": \"4.95:EUR\"}"
    "  },"
    "  \"compoundExtractions\": {"
    "    \"lineItems\": ["
    "      {\"position\": {\"value\": \"1\"},"
    "       \"description\": {\"value\": \"Wanderschuh\","
    "         \"box\": {\"page\": 1, \"left\": 60.5, \"top\": 300.5, \"width\": 90.25,"
    "                   \"height\": 10.5}},"
    "       \"artNumber\": {\"value\": \"A-100\"},"
    "       \"baseGross\": {\"value\": \"19.99:EUR\"},"
    "       \"quantity\": {\"value\": \"3\"}},"
    "      {\"position\": {\"value\": \"2\"},"
    "       \"description\": {\"value\": \"Socken\"},"
    "       \"baseGross\": {\"value\": \"4.50:EUR\"},"
    "       \"quantity\": {\"value\": \"0\"},"
    "       \"returnReason\": {\"value\": \"r2\"}},"
    "      {\"position\": {\"value\": \"3\"},"
    "       \"description\": {\"value\": \"Regenjacke\"},"
    "       \"baseGross\": {\"value\": \"89.00:EUR\"},"
    "       \"quantity\": {\"value\": \"1\"}}"
    "    ]"
    "  }"
    "}");

  /* The string form is the same body. */
  text = remit_feedback_to_string (fb, &error);
  g_assert_no_error (error);
  reparsed = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, reparsed));

  /* A new value drops the box that belonged to the old one. */
  remit_feedback_set_value (fb, "paymentRecipient", NULL, "Sportshop GmbH", "Sportshop AG");
  g_clear_pointer (&node, json_node_unref);
  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (
    json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (node), "extractions"),
      "paymentRecipient"),
    "box"));
}

static void
test_body_without_line_items (void)
{
  g_autoptr (RemitFeedback) fb = remit_feedback_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  assert_json_equal (node, "{\"extractions\": {}}");
  g_clear_pointer (&node, json_node_unref);

  remit_feedback_set_value (fb, "amountToPay", NULL, NULL, "12 €");
  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  assert_json_equal (node, "{\"extractions\": {\"amountToPay\": {\"value\": \"12 €\"}}}");
}

static void
assert_problem (GPtrArray *problems, guint index, const char *label, int row,
                const char *message)
{
  RemitFeedbackProblem *problem;

  g_assert_cmpuint (index, <, problems->len);
  problem = g_ptr_array_index (problems, index);
  g_assert_cmpstr (problem->label, ==, label);
  g_assert_cmpint (problem->row, ==, row);
  if (message != NULL)
    g_assert_cmpstr (problem->message, ==, message);
}

static RemitFeedback *
faulty_feedback (void)
{
  RemitFeedback *fb = remit_feedback_new ();
  guint row;

  remit_feedback_set_return_reasons (fb, reasons);
  remit_feedback_set_value (fb, "iban", NULL, "DE89370400440532013000",
                            "DE88370400440532013000");
  remit_feedback_set_value (fb, "paymentRecipient", NULL, NULL, "A");
  remit_feedback_set_value (fb, "paymentPurpose", NULL, NULL, "");
  remit_feedback_set_value (fb, "paymentReference", NULL, "RE-1", "RE 1");
  remit_feedback_set_value (fb, "docType", NULL, NULL, "invoice");
  remit_feedback_set_value (fb, "senderName", "idnumber", NULL, "?");

  row = remit_feedback_append_line_item (fb);
  remit_feedback_set_line_item_value (fb, row, "description", NULL, "Socken", "Socken");
  remit_feedback_set_line_item_value (fb, row, "quantity", NULL, "2", "zwei");

  /* Returned without a reason. */
  row = remit_feedback_append_line_item (fb);
  remit_feedback_set_line_item_value (fb, row, "quantity", NULL, "1", "1");
  remit_feedback_set_line_item_returned (fb, row, TRUE, NULL);

  /* Returned with a reason this document does not offer. */
  row = remit_feedback_append_line_item (fb);
  remit_feedback_set_line_item_value (fb, row, "quantity", NULL, "1", "1");
  remit_feedback_set_line_item_returned (fb, row, TRUE, "r9");

  return fb;
}

static void
test_problems (void)
{
  g_autoptr (RemitFeedback) fb = faulty_feedback ();
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_false (remit_feedback_validate (fb, &problems));
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 7);

  assert_problem (problems, 0, "iban", -1, NULL);
  g_assert_true (g_str_has_prefix (((RemitFeedbackProblem *) problems->pdata[0])->message,
                                   "The IBAN “DE88370400440532013000” is not valid."));
  assert_problem (problems, 1, "paymentRecipient", -1,
                  "The recipient needs at least 2 letters or digits.");
  assert_problem (problems, 2, "paymentReference", -1,
                  "The reference needs at least 5 characters other than spaces.");
  assert_problem (problems, 3, "docType", -1,
                  "The document type “invoice” is not known. Choose one of Invoice, Reminder, "
                  "RemittanceSlip, PaymentQRCode or Other.");
  assert_problem (problems, 4, "quantity", 0,
                  "The quantity “zwei” is not a number. Write a whole or decimal number, like "
                  "“3” or “2,5”.");
  assert_problem (problems, 5, "returnReason", 1,
                  "Choose why the item goes back: a returned item needs a return reason.");
  assert_problem (problems, 6, "returnReason", 2,
                  "The return reason “r9” is not one this document offers. Choose one from "
                  "the list.");

  /* A problem can be copied for the UI. */
  {
    g_autoptr (RemitFeedbackProblem) copy =
      g_boxed_copy (REMIT_TYPE_FEEDBACK_PROBLEM, problems->pdata[4]);

    g_assert_cmpstr (copy->label, ==, "quantity");
    g_assert_cmpint (copy->row, ==, 0);
    g_assert_cmpstr (copy->message, ==,
                     ((RemitFeedbackProblem *) problems->pdata[4])->message);
  }

  /* Fixing them one by one empties the list. */
  remit_feedback_set_value (fb, "iban", NULL, "DE89370400440532013000",
                            "DE89370400440532013000");
  remit_feedback_set_value (fb, "paymentRecipient", NULL, NULL, "A1");
  remit_feedback_set_value (fb, "paymentReference", NULL, "RE-1", "RE 1 23");
  remit_feedback_set_value (fb, "docType", NULL, NULL, "Invoice");
  remit_feedback_set_line_item_value (fb, 0, "quantity", NULL, "2", "2");
  remit_feedback_set_line_item_returned (fb, 1, TRUE, "r1");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (remit_feedback_validate (fb, &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, "returnReason", 2, NULL);

  remit_feedback_set_line_item_returned (fb, 2, TRUE, "r3");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (remit_feedback_validate (fb, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_to_json_fails_first (void)
{
  g_autoptr (RemitFeedback) fb = faulty_feedback ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  node = remit_feedback_to_json (fb, &error);
  g_assert_null (node);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_clear_error (&error);

  text = remit_feedback_to_string (fb, &error);
  g_assert_null (text);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_clear_error (&error);

  /* With the document fixed, the first line item's problem names its row. */
  remit_feedback_remove_value (fb, "iban");
  remit_feedback_remove_value (fb, "paymentRecipient");
  remit_feedback_remove_value (fb, "paymentReference");
  remit_feedback_remove_value (fb, "docType");
  node = remit_feedback_to_json (fb, &error);
  g_assert_null (node);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Item 1: The quantity “zwei” is not a number. Write a whole or decimal "
                   "number, like “3” or “2,5”.");
  g_clear_error (&error);

  remit_feedback_clear_line_items (fb);
  node = remit_feedback_to_json (fb, &error);
  g_assert_no_error (error);
  assert_json_equal (node,
                     "{\"extractions\": {\"paymentPurpose\": {\"value\": \"\"},"
                     " \"senderName\": {\"value\": \"?\"}}}");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feedback/validate/label-entities", test_label_entities);
  g_test_add_func ("/feedback/validate/amount", test_amount);
  g_test_add_func ("/feedback/validate/iban-bic", test_iban_bic);
  g_test_add_func ("/feedback/validate/companyname", test_companyname);
  g_test_add_func ("/feedback/validate/reference", test_reference);
  g_test_add_func ("/feedback/validate/doctype", test_doctype);
  g_test_add_func ("/feedback/validate/numeric", test_numeric);
  g_test_add_func ("/feedback/validate/currency", test_currency);
  g_test_add_func ("/feedback/validate/returnreason", test_returnreason);
  g_test_add_func ("/feedback/validate/text", test_text);
  g_test_add_func ("/feedback/validate/unknown", test_unknown);
  g_test_add_func ("/feedback/kinds", test_kinds);
  g_test_add_func ("/feedback/wrongly-found", test_wrongly_found);
  g_test_add_func ("/feedback/rows-from-model", test_rows_from_model);
  g_test_add_func ("/feedback/row-kinds", test_row_kinds);
  g_test_add_func ("/feedback/realistic-body", test_realistic_body);
  g_test_add_func ("/feedback/body-without-line-items", test_body_without_line_items);
  g_test_add_func ("/feedback/problems", test_problems);
  g_test_add_func ("/feedback/to-json-fails-first", test_to_json_fails_first);

  return g_test_run ();
}
