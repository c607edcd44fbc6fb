/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "remit-amount.h"
#include "remit-core-error.h"

typedef struct
{
  const char *text;
  gint64 minor;
  const char *currency;
} ParseCase;

static void
assert_parses (const char *text, gint64 minor, const char *currency)
{
  g_autoptr (GError) error = NULL;
  RemitAmount amount;

  if (!remit_amount_parse (text, &amount, &error))
    g_error ("“%s” did not parse: %s", text, error->message);
  if (amount.minor != minor || !g_str_equal (amount.currency, currency))
    g_error ("“%s” parsed as %" G_GINT64_FORMAT " %s, expected %" G_GINT64_FORMAT " %s", text,
             amount.minor, amount.currency, minor, currency);
}

static void
assert_rejected (const char *text)
{
  g_autoptr (GError) error = NULL;
  RemitAmount amount = { 0 };

  if (remit_amount_parse (text, &amount, &error))
    g_error ("“%s” was accepted as %" G_GINT64_FORMAT " %s", text, amount.minor,
             amount.currency);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT);
  g_assert_null (strchr (error->message, '\n'));
}

/* Every form the API accepts in feedback, plus what people type. */
static void
test_parse_feedback_forms (void)
{
  static const ParseCase cases[] = {
    { "12.3:EUR", 1230, "EUR" },
    { "12,4 USD", 1240, "USD" },
    { "12 €", 1200, "EUR" },
    { "EUR 12.3", 1230, "EUR" },
    { "$ 12.4", 1240, "USD" },
    { "12.50:EUR", 1250, "EUR" },
    { "335.50:EUR", 33550, "EUR" },
    { "12.3", 1230, "EUR" },
    { "12", 1200, "EUR" },
    { "€12", 1200, "EUR" },
    { "12€", 1200, "EUR" },
    { "EUR12.30", 1230, "EUR" },
    { "12 EURO", 1200, "EUR" },
    { "12 euro", 1200, "EUR" },
    { "12.30 eur", 1230, "EUR" },
    { "  7,05 €  ", 705, "EUR" },
    { "12\u00a0€", 1200, "EUR" },
    { "£ 3.20", 320, "GBP" },
    { "CHF 100.05", 10005, "CHF" },
    { "0.01:EUR", 1, "EUR" },
    { ",50 €", 50, "EUR" },
    { ".5", 50, "EUR" },
    { "12,- €", 1200, "EUR" },
    { "12.–", 1200, "EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, cases[i].minor, cases[i].currency);
}

static void
test_parse_grouping (void)
{
  static const ParseCase cases[] = {
    { "1.234,56", 123456, "EUR" },
    { "1.234,56 €", 123456, "EUR" },
    { "1,234.56", 123456, "EUR" },
    { "$1,234.56", 123456, "USD" },
    { "1.234.567,89 EUR", 123456789, "EUR" },
    { "1,234,567.89 USD", 123456789, "USD" },
    { "1.234", 123400, "EUR" },
    { "1,234", 123400, "EUR" },
    { "1.234.567", 123456700, "EUR" },
    { "1 234,56 €", 123456, "EUR" },
    { "1\u202f234,56 €", 123456, "EUR" },
    { "CHF 1'234.50", 123450, "CHF" },
    { "CHF 1’234.50", 123450, "CHF" },
    /* Not thousands: a leading zero, one or two decimals, or the machine form. */
    { "0,12 €", 12, "EUR" },
    { "1,5", 150, "EUR" },
    { "1234.5", 123450, "EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, cases[i].minor, cases[i].currency);
}

static void
test_parse_negative (void)
{
  static const ParseCase cases[] = {
    { "-5.00:EUR", -500, "EUR" },
    { "-5,00 €", -500, "EUR" },
    { "€ -5", -500, "EUR" },
    { "-€5", -500, "EUR" },
    { "- € 5", -500, "EUR" },
    { "−3,10 €", -310, "EUR" }, /* U+2212 MINUS SIGN */
    { "EUR -0.99", -99, "EUR" },
    { "+12 €", 1200, "EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, cases[i].minor, cases[i].currency);
}

static void
test_parse_decimals_per_currency (void)
{
  assert_parses ("1000 JPY", 1000, "JPY");
  assert_parses ("¥ 1,000", 1000, "JPY");
  assert_parses ("1000.00:JPY", 1000, "JPY");
  assert_parses ("12,345 KWD", 12345, "KWD"); /* three decimals: not a thousands mark */
  assert_parses ("1.5:BHD", 1500, "BHD");
  assert_parses ("24.990000:EUR", 2499, "EUR");
  assert_parses ("1.2345:CLF", 12345, "CLF");
  assert_parses ("99 ISK", 99, "ISK");

  assert_rejected ("1000.5 JPY");
  assert_rejected ("0,123 €");
  assert_rejected ("12.345:EUR");
  assert_rejected ("1.0001:KWD");
}

static void
test_parse_rejects (void)
{
  static const char *bad[] = {
    "", "   ", "EUR", "€", "abc", "12 XYZ", "12 kr", "1.2.3,4,5", "1,23.456,7",
    "12:", ":EUR", "12 EUR USD", "EUR 12 EUR", "1.23.45", "12,3456.7", "- 12 € -",
    "1234567890123456 EUR", "12e3", "--5", "12 ab:EUR", "1'23.45",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_rejected (bad[i]);

  /* Largest allowed: 15 integer digits. */
  assert_parses ("999999999999999.99", G_GINT64_CONSTANT (99999999999999999), "EUR");
  assert_parses ("000000000000000012.00", 1200, "EUR");
  assert_rejected (NULL);
  assert_rejected ("\xff\xfe 12");
}

static void
test_wire (void)
{
  static const struct
  {
    const char *text;
    const char *wire;
    const char *decimal;
  } cases[] = {
    { "12,4 USD", "12.40:USD", "12.40" },
    { "1.234,56 €", "1234.56:EUR", "1234.56" },
    { "-5.00:EUR", "-5.00:EUR", "-5.00" },
    { "-0,05 €", "-0.05:EUR", "-0.05" },
    { "1000 JPY", "1000:JPY", "1000" },
    { "1,5 KWD", "1.500:KWD", "1.500" },
    { "0 €", "0.00:EUR", "0.00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wire = NULL;
      g_autofree char *decimal = NULL;
      RemitAmount amount, again;

      g_assert_true (remit_amount_parse (cases[i].text, &amount, NULL));
      wire = remit_amount_to_wire (&amount);
      decimal = remit_amount_to_decimal (&amount);
      g_assert_cmpstr (wire, ==, cases[i].wire);
      g_assert_cmpstr (decimal, ==, cases[i].decimal);

      /* The wire form reads back to the same amount. */
      g_assert_true (remit_amount_parse (wire, &again, NULL));
      g_assert_true (remit_amount_equal (&amount, &again));
    }
}

static void
test_display (void)
{
  static const struct
  {
    const char *text;
    const char *locale;
    const char *display;
  } cases[] = {
    { "1234.56:EUR", "de_DE.UTF-8", "1.234,56\u00a0€" },
    { "1234.56:EUR", "de", "1.234,56\u00a0€" },
    { "-1234.56:EUR", "de_DE", "-1.234,56\u00a0€" },
    { "1234567.5:EUR", "de_DE", "1.234.567,50\u00a0€" },
    { "1234.56:EUR", "de_AT", "€\u00a01.234,56" },
    { "1234.56:CHF", "de_CH", "CHF\u00a01’234.56" },
    { "1234.56:EUR", "en_US.UTF-8", "€1,234.56" },
    { "-1234.56:USD", "en_US", "-$1,234.56" },
    { "1234.56:CHF", "en_GB", "CHF\u00a01,234.56" },
    { "1234.56:EUR", "fr_FR", "1\u202f234,56\u00a0€" },
    { "12:EUR", "C", "€12.00" },
    { "12:EUR", NULL, "€12.00" },
    { "1000:JPY", "de_DE", "1.000\u00a0¥" },
    { "0.5:KWD", "en_US", "KWD\u00a00.500" },
    { "999.99:EUR", "de_DE", "999,99\u00a0€" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *display = NULL;
      RemitAmount amount;

      g_assert_true (remit_amount_parse (cases[i].text, &amount, NULL));
      display = remit_amount_format_for_locale (&amount, cases[i].locale);
      g_assert_cmpstr (display, ==, cases[i].display);
    }
}

static void
test_display_follows_environment (void)
{
  g_autofree char *german = NULL;
  g_autofree char *english = NULL;
  RemitAmount amount;

  remit_amount_init (&amount, 123456, "EUR");

  g_setenv ("LC_ALL", "", TRUE);
  g_setenv ("LC_MONETARY", "de_DE.UTF-8", TRUE);
  g_setenv ("LANG", "en_US.UTF-8", TRUE);
  german = remit_amount_format (&amount);
  g_assert_cmpstr (german, ==, "1.234,56\u00a0€");

  g_setenv ("LC_ALL", "en_IE.UTF-8", TRUE);
  english = remit_amount_format (&amount);
  g_assert_cmpstr (english, ==, "€1,234.56");
}

static void
test_arithmetic (void)
{
  g_autoptr (GError) error = NULL;
  RemitAmount a, b, sum, product, huge;

  remit_amount_init (&a, 1999, "EUR");
  remit_amount_init (&b, -500, "EUR");

  g_assert_true (remit_amount_add (&a, &b, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum.minor, ==, 1499);
  g_assert_cmpstr (sum.currency, ==, "EUR");

  g_assert_true (remit_amount_multiply (&a, 3, &product, &error));
  g_assert_cmpint (product.minor, ==, 5997);
  g_assert_true (remit_amount_multiply (&a, 0, &product, &error));
  g_assert_cmpint (product.minor, ==, 0);

  remit_amount_init (&b, 100, "USD");
  g_assert_false (remit_amount_add (&a, &b, &sum, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);

  remit_amount_init (&huge, G_GINT64_CONSTANT (99999999999999999), "EUR");
  g_assert_false (remit_amount_add (&huge, &a, &sum, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  g_assert_false (remit_amount_multiply (&huge, G_MAXINT64, &product, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  g_assert_false (remit_amount_multiply (&a, 99999999999999999, &product, &error));
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT);
}

static void
test_currencies (void)
{
  g_assert_cmpint (remit_currency_get_decimals ("EUR"), ==, 2);
  g_assert_cmpint (remit_currency_get_decimals ("JPY"), ==, 0);
  g_assert_cmpint (remit_currency_get_decimals ("KWD"), ==, 3);
  g_assert_cmpint (remit_currency_get_decimals ("CLF"), ==, 4);
  g_assert_cmpint (remit_currency_get_decimals ("XYZ"), ==, -1);
  g_assert_cmpint (remit_currency_get_decimals ("EU"), ==, -1);
  g_assert_cmpint (remit_currency_get_decimals (NULL), ==, -1);
  g_assert_true (remit_currency_is_known ("CHF"));
  g_assert_false (remit_currency_is_known ("chf"));

  g_assert_cmpstr (remit_currency_from_symbol ("€"), ==, "EUR");
  g_assert_cmpstr (remit_currency_from_symbol ("Euro"), ==, "EUR");
  g_assert_cmpstr (remit_currency_from_symbol ("usd"), ==, "USD");
  g_assert_cmpstr (remit_currency_from_symbol ("ZŁ"), ==, "PLN");
  g_assert_null (remit_currency_from_symbol ("kr"));
  g_assert_null (remit_currency_from_symbol (""));
}

static void
test_boxed (void)
{
  g_autoptr (RemitAmount) copy = NULL;
  RemitAmount amount;
  GValue value = G_VALUE_INIT;

  remit_amount_init (&amount, 4711, "EUR");
  copy = remit_amount_copy (&amount);
  g_assert_true (remit_amount_equal (&amount, copy));

  g_value_init (&value, REMIT_TYPE_AMOUNT);
  g_value_set_boxed (&value, &amount);
  g_assert_true (remit_amount_equal (g_value_get_boxed (&value), &amount));
  g_value_unset (&value);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/amount/parse/feedback-forms", test_parse_feedback_forms);
  g_test_add_func ("/amount/parse/grouping", test_parse_grouping);
  g_test_add_func ("/amount/parse/negative", test_parse_negative);
  g_test_add_func ("/amount/parse/decimals-per-currency", test_parse_decimals_per_currency);
  g_test_add_func ("/amount/parse/rejects", test_parse_rejects);
  g_test_add_func ("/amount/wire", test_wire);
  g_test_add_func ("/amount/display", test_display);
  g_test_add_func ("/amount/display-follows-environment", test_display_follows_environment);
  g_test_add_func ("/amount/arithmetic", test_arithmetic);
  g_test_add_func ("/amount/currencies", test_currencies);
  g_test_add_func ("/amount/boxed", test_boxed);

  return g_test_run ();
}
