/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bezahlcode"

#include "config.h"

#include <string.h>

#include "remit-bezahlcode.h"
#include "remit-core-error.h"

#define IBAN_DE "DE89370400440532013000"

static RemitBezahlCode *
parse_ok (const char *uri)
{
  g_autoptr (GError) error = NULL;
  RemitBezahlCode *code = remit_bezahlcode_parse (uri, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

static void
assert_parse_fails (const char *uri, gssize length, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBezahlCode) parsed = remit_bezahlcode_parse (uri, length, &error);

  g_assert_null (parsed);
  g_assert_error (error, REMIT_CORE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static void
test_full (void)
{
  g_autoptr (RemitBezahlCode) code =
    parse_ok ("bank://singlepaymentsepa?name=Stadtwerke%20M%C3%BCnchen%20GmbH"
              "&reason=Rechnung%202024-0815%20Kd.%204711&iban=" IBAN_DE
              "&bic=COBADEFFXXX&amount=12,34");

  g_assert_cmpint (code->kind, ==, REMIT_BEZAHLCODE_SINGLE_PAYMENT);
  g_assert_cmpstr (code->name, ==, "Stadtwerke München GmbH");
  g_assert_cmpstr (code->iban, ==, IBAN_DE);
  g_assert_cmpstr (code->bic, ==, "COBADEFFXXX");
  g_assert_true (code->has_amount);
  g_assert_cmpint (code->amount.minor, ==, 1234);
  g_assert_cmpstr (code->amount.currency, ==, "EUR");
  g_assert_cmpstr (code->reason, ==, "Rechnung 2024-0815 Kd. 4711");
}

static void
test_minimal (void)
{
  g_autoptr (RemitBezahlCode) code = parse_ok ("bank://singlepaymentsepa?iban=" IBAN_DE);

  g_assert_cmpstr (code->iban, ==, IBAN_DE);
  g_assert_null (code->name);
  g_assert_null (code->bic);
  g_assert_null (code->reason);
  g_assert_false (code->has_amount);
}

static void
test_case_and_normalization (void)
{
  /* Scheme, authority and keys in any case; IBAN and BIC normalized; “+” is a space;
   * empty values are absent; unknown parameters are skipped; a fragment is not read. */
  g_autoptr (RemitBezahlCode) code =
    parse_ok ("BANK://SinglePaymentSEPA/?NAME=Anna+Schmidt&IBAN=de89%203704%200044%200532%2001"
              "30%2000&Bic=cobadeff&Reason=&executiondate=01122024&Amount=7#name=Other");

  g_assert_cmpstr (code->name, ==, "Anna Schmidt");
  g_assert_cmpstr (code->iban, ==, IBAN_DE);
  g_assert_cmpstr (code->bic, ==, "COBADEFF");
  g_assert_null (code->reason);
  g_assert_true (code->has_amount);
  g_assert_cmpint (code->amount.minor, ==, 700);
}

static void
test_text_decoding (void)
{
  g_autoptr (RemitBezahlCode) latin1 = NULL;
  g_autoptr (RemitBezahlCode) controls = NULL;

  /* Bytes that are not UTF-8 are ISO 8859-1: %FC is “ü”. */
  latin1 = parse_ok ("bank://singlepaymentsepa?name=M%FCller%20%26%20S%F6hne&iban=" IBAN_DE);
  g_assert_cmpstr (latin1->name, ==, "Müller & Söhne");

  /* Line breaks and tabs become spaces; the ends are trimmed. */
  controls = parse_ok ("bank://singlepaymentsepa?iban=" IBAN_DE
                       "&reason=%20Rechnung%0A4711%09Mai%20");
  g_assert_cmpstr (controls->reason, ==, "Rechnung 4711 Mai");
}

static void
test_amounts (void)
{
  static const struct
  {
    const char *amount;
    const char *currency;
    gint64 minor;
    const char *code;
    gboolean has_amount;
  } cases[] = {
    { "12,34", NULL, 1234, "EUR", TRUE },    { "12.34", NULL, 1234, "EUR", TRUE },
    { "12,5", NULL, 1250, "EUR", TRUE },     { "100", NULL, 10000, "EUR", TRUE },
    { "0,01", NULL, 1, "EUR", TRUE },        { ",50", NULL, 50, "EUR", TRUE },
    { "999999999,99", NULL, 99999999999, "EUR", TRUE },
    { "0,00", NULL, 0, "EUR", FALSE },       { "0", NULL, 0, "EUR", FALSE },
    { "25,00", "chf", 2500, "CHF", TRUE },   { "1500", "JPY", 1500, "JPY", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = NULL;
      g_autoptr (RemitBezahlCode) code = NULL;

      uri = g_strdup_printf ("bank://singlepaymentsepa?iban=%s&amount=%s%s%s", IBAN_DE,
                             cases[i].amount, cases[i].currency != NULL ? "&currency=" : "",
                             cases[i].currency != NULL ? cases[i].currency : "");
      code = parse_ok (uri);
      g_assert_cmpint (code->has_amount, ==, cases[i].has_amount);
      g_assert_cmpint (code->amount.minor, ==, cases[i].minor);
      g_assert_cmpstr (code->amount.currency, ==, cases[i].code);
    }
}

static void
test_bad_amounts (void)
{
  static const char *const amounts[] = {
    "1.234,56", "-5", "12,345", "12,", "12 EUR", "abc", "1e5", "1234567890123",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *uri = g_strdup_printf ("bank://singlepaymentsepa?iban=%s&amount=%s",
                                              IBAN_DE, amounts[i]);

      assert_parse_fails (uri, -1, REMIT_CORE_ERROR_INVALID_AMOUNT, "amount");
    }

  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&amount=12,5&currency=JPY", -1,
                      REMIT_CORE_ERROR_INVALID_AMOUNT, "decimal");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&amount=12&currency=XYZ", -1,
                      REMIT_CORE_ERROR_INVALID_AMOUNT, "“XYZ”");
}

static void
test_standing_order (void)
{
  g_autoptr (RemitBezahlCode) code =
    parse_ok ("bank://periodicsinglepaymentsepa?name=Verein&iban=" IBAN_DE
              "&amount=5,00&periodictimeunit=M&periodictimeunitrotation=1");

  g_assert_cmpint (code->kind, ==, REMIT_BEZAHLCODE_STANDING_ORDER);
  g_assert_cmpint (code->amount.minor, ==, 500);
}

static void
test_not_a_transfer (void)
{
  assert_parse_fails ("https://example.org/pay?iban=" IBAN_DE, -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "bank://");
  assert_parse_fails ("BCD\n002\n1\nSCT", -1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "bank://");
  assert_parse_fails ("bank://singlepayment?name=A&account=532013000&bnc=37040044&amount=1", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "account number");
  assert_parse_fails ("bank://singledirectdebitsepa?name=A&iban=" IBAN_DE, -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "direct debit");
  assert_parse_fails ("bank://contact?name=Anna", -1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE,
                      "“contact”");
  assert_parse_fails ("bank://", -1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE, NULL);
}

static void
test_bad_values (void)
{
  assert_parse_fails ("bank://singlepaymentsepa?name=A&amount=1", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "no IBAN");
  assert_parse_fails ("bank://singlepaymentsepa?iban=&amount=1", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "no IBAN");
  /* Checksum off by one digit. */
  assert_parse_fails ("bank://singlepaymentsepa?iban=DE89370400440532013001", -1,
                      REMIT_CORE_ERROR_INVALID_IBAN, "BezahlCode’s IBAN");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&bic=COBA", -1,
                      REMIT_CORE_ERROR_INVALID_BIC, "BezahlCode’s BIC");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&iban=DE02120300000000202051",
                      -1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "“iban” twice");
}

static void
test_bad_syntax (void)
{
  static const char with_nul[] = "bank://singlepaymentsepa?iban=" IBAN_DE "\0&name=x";
  g_autofree char *long_uri = NULL;
  g_autoptr (GString) builder = g_string_new ("bank://singlepaymentsepa?iban=" IBAN_DE "&reason=");

  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&name=100%", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "hexadecimal");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&name=%4", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "hexadecimal");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&name=%G1", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "hexadecimal");
  assert_parse_fails ("bank://singlepaymentsepa?iban=" IBAN_DE "&name=a%00b", -1,
                      REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "binary");
  assert_parse_fails (with_nul, sizeof with_nul - 1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE,
                      "binary");

  while (builder->len <= REMIT_BEZAHLCODE_MAX_BYTES)
    g_string_append (builder, "x");
  long_uri = g_string_free (g_steal_pointer (&builder), FALSE);
  assert_parse_fails (long_uri, -1, REMIT_CORE_ERROR_INVALID_BEZAHLCODE, "too long");
}

static void
test_has_scheme (void)
{
  g_assert_true (remit_bezahlcode_has_scheme ("bank://singlepaymentsepa", -1));
  g_assert_true (remit_bezahlcode_has_scheme ("Bank://x", -1));
  g_assert_false (remit_bezahlcode_has_scheme ("bank:/", -1));
  g_assert_false (remit_bezahlcode_has_scheme ("bank://x", 6));
  g_assert_false (remit_bezahlcode_has_scheme ("BCD\n002", -1));
  g_assert_false (remit_bezahlcode_has_scheme ("", -1));
}

static void
test_copy (void)
{
  g_autoptr (RemitBezahlCode) code =
    parse_ok ("bank://singlepaymentsepa?name=A%20B&iban=" IBAN_DE "&reason=R&amount=1,50");
  g_autoptr (RemitBezahlCode) copy = remit_bezahlcode_copy (code);

  g_assert_true (copy->name != code->name);
  g_assert_cmpstr (copy->name, ==, "A B");
  g_assert_cmpstr (copy->iban, ==, IBAN_DE);
  g_assert_cmpstr (copy->reason, ==, "R");
  g_assert_cmpint (copy->amount.minor, ==, 150);
  g_assert_true (G_TYPE_IS_BOXED (REMIT_TYPE_BEZAHLCODE));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bezahlcode/full", test_full);
  g_test_add_func ("/bezahlcode/minimal", test_minimal);
  g_test_add_func ("/bezahlcode/case-and-normalization", test_case_and_normalization);
  g_test_add_func ("/bezahlcode/text-decoding", test_text_decoding);
  g_test_add_func ("/bezahlcode/amounts", test_amounts);
  g_test_add_func ("/bezahlcode/bad-amounts", test_bad_amounts);
  g_test_add_func ("/bezahlcode/standing-order", test_standing_order);
  g_test_add_func ("/bezahlcode/not-a-transfer", test_not_a_transfer);
  g_test_add_func ("/bezahlcode/bad-values", test_bad_values);
  g_test_add_func ("/bezahlcode/bad-syntax", test_bad_syntax);
  g_test_add_func ("/bezahlcode/has-scheme", test_has_scheme);
  g_test_add_func ("/bezahlcode/copy", test_copy);

  return g_test_run ();
}
