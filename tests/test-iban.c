/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-iban.h"

/* Published example IBANs of the registry and of banks. */
static const char *valid_ibans[] = {
  "DE89370400440532013000",
  "DE02120300000000202051",
  "GB82WEST12345698765432",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
  "BE68539007547034",
  "CH9300762011623852957",
  "NO9386011117947",
  "AT611904300234573201",
  "IT60X0542811101000000123456",
  "ES9121000418450200051332",
  "PL61109010140000071219812874",
  "SE4550000000058398257466",
  "MT84MALT011000012345MTLCAST001S",
  "LC55HEMM000100010012001200023015",
};

/* Independent check-digit computation for the tests: the BBAN and country rearranged into
 * a decimal string, reduced in nine-digit chunks with 64-bit arithmetic. */
static char *
make_iban (const char *country, const char *bban)
{
  g_autofree char *rearranged = g_strdup_printf ("%s%s00", bban, country);
  GString *digits = g_string_new (NULL);
  guint64 remainder = 0;
  g_autofree char *all = NULL;

  for (const char *p = rearranged; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else
        g_string_append_printf (digits, "%d", *p - 'A' + 10);
    }
  all = g_string_free (digits, FALSE);

  for (gsize i = 0; all[i];)
    {
      g_autofree char *chunk = NULL;
      gsize take = MIN (strlen (all + i), 9);

      chunk = g_strdup_printf ("%" G_GUINT64_FORMAT "%.*s", remainder, (int) take, all + i);
      remainder = g_ascii_strtoull (chunk, NULL, 10) % 97;
      i += take;
    }

  return g_strdup_printf ("%s%02u%s", country, (guint) (98 - remainder), bban);
}

static void
assert_iban_invalid (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *normalized = NULL;

  if (remit_iban_validate (text, &normalized, &error))
    g_error ("“%s” was accepted as an IBAN", text);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_assert_null (normalized);
  g_assert_false (remit_iban_is_valid (text));
}

static void
test_iban_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_ibans); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (!remit_iban_validate (valid_ibans[i], &normalized, &error))
        g_error ("%s: %s", valid_ibans[i], error->message);
      g_assert_cmpstr (normalized, ==, valid_ibans[i]);
    }
}

static void
test_iban_normalize (void)
{
  static const struct
  {
    const char *text;
    const char *normalized;
  } cases[] = {
    { "de02 1203 0000 0000 2020 51", "DE02120300000000202051" },
    { "  DE02\u00a01203\u00a00000\u00a00000\u00a02020\u00a051 ", "DE02120300000000202051" },
    { "IBAN: DE89 3704 0044 0532 0130 00", "DE89370400440532013000" },
    { "iban DE89370400440532013000", "DE89370400440532013000" },
    { "GB82-WEST-1234-5698-7654-32", "GB82WEST12345698765432" },
    { "fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_true (remit_iban_validate (cases[i].text, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

static void
test_iban_invalid (void)
{
  static const char *bad[] = {
    "",
    "   ",
    "DE",
    "DE8937040044053201300",    /* one short */
    "DE893704004405320130000",  /* one long */
    "DE88370400440532013000",   /* check digits */
    "DE89370400440532013001",   /* account digit */
    "DE12123456781234567890",   /* a sample e-invoice's IBAN: fails mod 97 */
    "XX89370400440532013000",   /* no such country */
    "US64SVBKUS6S3300958879",   /* the US has no IBAN */
    "12DE370400440532013000",
    "DEAB370400440532013000",
    "DE89 3704 0044 0532 0130 0$",
    "DE89370400440532013000Ä",
    "GB82WEST1234569876543",
    "ÄÖ89370400440532013000",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_iban_invalid (bad[i]);
  assert_iban_invalid (NULL);
  assert_iban_invalid ("\xc3\x28");
}

static void
test_iban_error_messages (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (remit_iban_validate ("DE893704004405320130", NULL, &error));
  g_assert_cmpstr (error->message, ==, "An IBAN from DE has 22 characters, this one has 20");
  g_clear_error (&error);

  g_assert_false (remit_iban_validate ("XX89370400440532013000", NULL, &error));
  g_assert_cmpstr (error->message, ==, "“XX” is not a country that uses IBANs");
  g_clear_error (&error);

  g_assert_false (remit_iban_validate ("DE88370400440532013000", NULL, &error));
  g_assert_nonnull (strstr (error->message, "check digits"));
}

/* Every country of the registry: an IBAN of exactly its length passes, one character more
 * or less fails, and one changed digit fails. */
static void
test_iban_every_country (void)
{
  static const struct
  {
    const char *country;
    int length;
  } registry[] = {
    { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 }, { "BA", 20 },
    { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 }, { "BR", 29 }, { "BY", 28 },
    { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DJ", 27 },
    { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 },
    { "FK", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 },
    { "GL", 18 }, { "GR", 27 }, { "GT", 28 }, { "HN", 28 }, { "HR", 21 }, { "HU", 28 },
    { "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 }, { "IT", 27 }, { "JO", 30 },
    { "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 },
    { "LU", 20 }, { "LV", 21 }, { "LY", 25 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 },
    { "MK", 19 }, { "MN", 20 }, { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 },
    { "NL", 18 }, { "NO", 15 }, { "OM", 23 }, { "PK", 24 }, { "PL", 28 }, { "PS", 29 },
    { "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 }, { "RU", 33 }, { "SA", 24 },
    { "SC", 31 }, { "SD", 18 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 },
    { "SO", 23 }, { "ST", 25 }, { "SV", 28 }, { "TL", 23 }, { "TN", 24 }, { "TR", 26 },
    { "UA", 29 }, { "VA", 22 }, { "VG", 24 }, { "XK", 20 }, { "YE", 30 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      const char *cc = registry[i].country;
      int bban_len = registry[i].length - 4;
      g_autofree char *bban = g_strnfill (bban_len, '0');
      g_autofree char *shorter = NULL;
      g_autofree char *longer = NULL;
      g_autofree char *longer_bban = NULL;
      g_autofree char *iban = NULL;
      g_autofree char *changed = NULL;
      g_autofree char *grouped = NULL;

      /* A varied BBAN: digits and, from the fifth place, some letters. */
      for (int j = 0; j < bban_len; j++)
        bban[j] = (j % 7 == 4) ? (char) ('A' + (j * 5 + i) % 26) : (char) ('0' + (j * 3 + i) % 10);

      g_assert_cmpint (remit_iban_country_length (cc), ==, registry[i].length);

      iban = make_iban (cc, bban);
      if (!remit_iban_is_valid (iban))
        g_error ("%s should be valid", iban);

      changed = g_strdup (iban);
      changed[2] = (char) ('0' + (changed[2] - '0' + 1) % 10); /* one digit off */
      assert_iban_invalid (changed);

      shorter = make_iban (cc, bban + 1);
      assert_iban_invalid (shorter);
      longer_bban = g_strconcat (bban, "7", NULL);
      longer = make_iban (cc, longer_bban);
      assert_iban_invalid (longer);

      /* Printed in groups of four, it still validates. */
      grouped = remit_iban_format (iban);
      g_assert_true (remit_iban_is_valid (grouped));
    }

  g_assert_cmpint (remit_iban_country_length ("US"), ==, 0);
  g_assert_cmpint (remit_iban_country_length ("de"), ==, 22);
  g_assert_cmpint (remit_iban_country_length ("D"), ==, 0);
}

static void
test_iban_format (void)
{
  g_autofree char *a = remit_iban_format ("DE02120300000000202051");
  g_autofree char *b = remit_iban_format ("de02 1203 0000 0000 2020 51");
  g_autofree char *c = remit_iban_format ("NO9386011117947");
  g_autofree char *d = remit_iban_format ("");

  g_assert_cmpstr (a, ==, "DE02 1203 0000 0000 2020 51");
  g_assert_cmpstr (b, ==, "DE02 1203 0000 0000 2020 51");
  g_assert_cmpstr (c, ==, "NO93 8601 1117 947");
  g_assert_cmpstr (d, ==, "");
}

static void
test_bic (void)
{
  static const struct
  {
    const char *text;
    const char *normalized;
  } good[] = {
    { "MARKDEF1100", "MARKDEF1100" },
    { "COBADEFFXXX", "COBADEFFXXX" },
    { "cobadeff", "COBADEFF" },
    { "DEUT DE FF 500", "DEUTDEFF500" },
    { "BIC: GENODEF1M04", "GENODEF1M04" },
    { "BNPAFRPP", "BNPAFRPP" },
    { "UBSWCHZH80A", "UBSWCHZH80A" },
    { "1234DEFF", "1234DEFF" },   /* ISO 9362:2014 allows digits in the party prefix */
    { "MARKDEF0", "MARKDEF0" },   /* a test BIC */
  };
  static const char *bad[] = {
    "", "MARKDEF", "MARKDEF11", "MARKDEF110", "MARKDEF11000", "MARK1EF1100", "MARKXXF1100",
    "MARKDEFO", "MARK-DE-F1$", "MÄRKDEF1100", "MARKD3F1100",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      if (!remit_bic_validate (good[i].text, &normalized, &error))
        g_error ("%s: %s", good[i].text, error->message);
      g_assert_cmpstr (normalized, ==, good[i].normalized);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      if (remit_bic_validate (bad[i], NULL, &error))
        g_error ("“%s” was accepted as a BIC", bad[i]);
      g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC);
      g_assert_false (remit_bic_is_valid (bad[i]));
    }
  g_assert_false (remit_bic_is_valid (NULL));
}

static void
test_country_codes (void)
{
  g_assert_true (remit_country_code_is_known ("DE"));
  g_assert_true (remit_country_code_is_known ("XK"));
  g_assert_true (remit_country_code_is_known ("ZW"));
  g_assert_true (remit_country_code_is_known ("AD"));
  g_assert_false (remit_country_code_is_known ("XX"));
  g_assert_false (remit_country_code_is_known ("de"));
  g_assert_false (remit_country_code_is_known ("DEU"));
  g_assert_false (remit_country_code_is_known (""));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iban/valid", test_iban_valid);
  g_test_add_func ("/iban/normalize", test_iban_normalize);
  g_test_add_func ("/iban/invalid", test_iban_invalid);
  g_test_add_func ("/iban/error-messages", test_iban_error_messages);
  g_test_add_func ("/iban/every-country", test_iban_every_country);
  g_test_add_func ("/iban/format", test_iban_format);
  g_test_add_func ("/bic/validate", test_bic);
  g_test_add_func ("/bic/country-codes", test_country_codes);

  return g_test_run ();
}
