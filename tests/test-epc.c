/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-epc"

#include "config.h"

#include <string.h>

#include "remit-core-error.h"
#include "remit-epc.h"

#define IBAN_DE "DE89370400440532013000"

/* 70 characters, four of them umlauts (74 bytes). */
#define NAME_70 "Müller & Söhne Gebäudereinigung und Hausmeisterdienst Region Fürth OHG"

static char *
repeat (const char *piece, guint times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

static RemitEpcPayload *
new_payload (const char *name, const char *iban)
{
  RemitEpcPayload *payload = remit_epc_payload_new ();

  payload->name = g_strdup (name);
  payload->iban = g_strdup (iban);
  return payload;
}

static void
set_amount (RemitEpcPayload *payload, gint64 minor, const char *currency)
{
  remit_amount_init (&payload->amount, minor, currency);
  payload->has_amount = TRUE;
}

static void
assert_build_fails (const RemitEpcPayload *payload, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = remit_epc_payload_build (payload, &error);

  g_assert_null (text);
  g_assert_error (error, REMIT_CORE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static void
assert_parse_fails (const char *data, gssize length, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEpcPayload) payload = remit_epc_payload_parse (data, length, &error);

  g_assert_null (payload);
  g_assert_error (error, REMIT_CORE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static RemitEpcPayload *
parse_ok (const char *data, gssize length)
{
  g_autoptr (GError) error = NULL;
  RemitEpcPayload *payload = remit_epc_payload_parse (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (payload);
  return payload;
}

/* The EPC's own example bill, with the amount written with two decimals. */
static void
test_build_known_bill (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload ("Franz Mustermänn", "DE71110220330123456789");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  payload->bic = g_strdup ("BHBLDEHHXXX");
  set_amount (payload, 1230, "EUR");
  payload->purpose = g_strdup ("GDDS");
  payload->reference = g_strdup ("RF18539007547034");

  text = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\nDE71110220330123456789\n"
                   "EUR12.30\nGDDS\nRF18539007547034");
}

static void
test_build_text_bill (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload ("Stadtwerke Musterstadt GmbH",
                                                     "de02 1203 0000 0000 2020 51");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  payload->version = 1;
  payload->bic = g_strdup ("byladem1001");
  set_amount (payload, 33550, "EUR");
  payload->text = g_strdup ("Rechnung 2024-0815 Kundennr. 4711");
  payload->information = g_strdup ("Danke!");

  text = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  /* IBAN and BIC normalized; empty purpose and reference lines kept in the middle. */
  g_assert_cmpstr (text, ==,
                   "BCD\n001\n1\nSCT\nBYLADEM1001\nStadtwerke Musterstadt GmbH\n"
                   "DE02120300000000202051\nEUR335.50\n\n\nRechnung 2024-0815 Kundennr. 4711\n"
                   "Danke!");
}

static void
test_build_minimal (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload ("Anna Schmidt", IBAN_DE);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  /* Version 2 without BIC and without amount: everything after the IBAN is dropped. */
  text = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "BCD\n002\n1\nSCT\n\nAnna Schmidt\n" IBAN_DE);

  /* Empty strings count as absent. */
  payload->bic = g_strdup ("");
  payload->text = g_strdup ("");
  g_clear_pointer (&text, g_free);
  text = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "BCD\n002\n1\nSCT\n\nAnna Schmidt\n" IBAN_DE);
}

static void
test_build_amounts (void)
{
  const struct
  {
    gint64 minor;
    const char *line;
  } cases[] = {
    { 1, "EUR0.01" },
    { 10, "EUR0.10" },
    { 100, "EUR1.00" },
    { 123456, "EUR1234.56" },
    { G_GINT64_CONSTANT (99999999999), "EUR999999999.99" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RemitEpcPayload) payload = new_payload ("Anna Schmidt", IBAN_DE);
      g_autoptr (RemitEpcPayload) back = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      set_amount (payload, cases[i].minor, "EUR");
      text = remit_epc_payload_build (payload, &error);
      g_assert_no_error (error);
      expected = g_strconcat ("BCD\n002\n1\nSCT\n\nAnna Schmidt\n" IBAN_DE "\n", cases[i].line,
                              NULL);
      g_assert_cmpstr (text, ==, expected);

      back = parse_ok (text, -1);
      g_assert_true (back->has_amount);
      g_assert_cmpint (back->amount.minor, ==, cases[i].minor);
      g_assert_cmpstr (back->amount.currency, ==, "EUR");
    }
}

static void
assert_payloads_equal (const RemitEpcPayload *a, const RemitEpcPayload *b)
{
  g_assert_cmpuint (a->version, ==, b->version);
  g_assert_cmpstr (a->bic, ==, b->bic);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->iban, ==, b->iban);
  g_assert_cmpint (a->has_amount, ==, b->has_amount);
  if (a->has_amount)
    g_assert_true (remit_amount_equal (&a->amount, &b->amount));
  g_assert_cmpstr (a->purpose, ==, b->purpose);
  g_assert_cmpstr (a->reference, ==, b->reference);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (a->information, ==, b->information);
}

static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) payloads = g_ptr_array_new_with_free_func (
    (GDestroyNotify) remit_epc_payload_free);
  RemitEpcPayload *payload;

  payload = new_payload ("Franz Mustermänn", "DE71110220330123456789");
  payload->bic = g_strdup ("BHBLDEHHXXX");
  set_amount (payload, 1230, "EUR");
  payload->purpose = g_strdup ("GDDS");
  payload->reference = g_strdup ("RF18539007547034");
  g_ptr_array_add (payloads, payload);

  payload = new_payload (NAME_70, "AT611904300234573201");
  payload->version = 1;
  payload->bic = g_strdup ("BKAUATWW");
  set_amount (payload, G_GINT64_CONSTANT (99999999999), "EUR");
  payload->text = g_strdup ("Zahlung für Wartung – Q1/2024, Objekt Königstraße 12");
  payload->information = g_strdup ("Vielen Dank für Ihren Auftrag");
  g_ptr_array_add (payloads, payload);

  payload = new_payload ("Jean Dupont", "FR1420041010050500013M02606");
  payload->reference = g_strdup ("+++090/9337/55493+++");
  g_ptr_array_add (payloads, payload);

  payload = new_payload ("Stichting Voorbeeld", "NL91ABNA0417164300");
  set_amount (payload, 1, "EUR");
  payload->purpose = g_strdup ("CHAR");
  payload->information = g_strdup ("Bedankt");
  g_ptr_array_add (payloads, payload);

  for (guint i = 0; i < payloads->len; i++)
    {
      const RemitEpcPayload *original = g_ptr_array_index (payloads, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = remit_epc_payload_build (original, &error);
      g_autofree char *again = NULL;
      g_autoptr (RemitEpcPayload) back = NULL;

      g_assert_no_error (error);
      back = parse_ok (text, -1);
      g_assert_cmpint (back->charset, ==, REMIT_EPC_CHARSET_UTF_8);
      assert_payloads_equal (original, back);

      again = remit_epc_payload_build (back, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, text);
    }
}

static void
test_copy (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload ("Anna Schmidt", IBAN_DE);
  g_autoptr (RemitEpcPayload) copy = NULL;

  payload->bic = g_strdup ("COBADEFFXXX");
  set_amount (payload, 4200, "EUR");
  payload->text = g_strdup ("Miete März");
  copy = remit_epc_payload_copy (payload);
  g_assert_true (copy->name != payload->name);
  assert_payloads_equal (payload, copy);
  g_assert_cmpint (G_TYPE_IS_BOXED (REMIT_TYPE_EPC_PAYLOAD), ==, TRUE);
}

static void
test_parse_normalizes (void)
{
  g_autoptr (RemitEpcPayload) payload =
    parse_ok ("BCD\n002\n1\nSCT\ncobadeffxxx\n  Anna Schmidt  \nde89 3704 0044 0532 0130 00\n"
              "EUR12\ngdds\n\nMiete März",
              -1);

  g_assert_cmpuint (payload->version, ==, 2);
  g_assert_cmpstr (payload->bic, ==, "COBADEFFXXX");
  g_assert_cmpstr (payload->name, ==, "Anna Schmidt");
  g_assert_cmpstr (payload->iban, ==, IBAN_DE);
  g_assert_cmpint (payload->amount.minor, ==, 1200);
  g_assert_cmpstr (payload->purpose, ==, "GDDS");
  g_assert_null (payload->reference);
  g_assert_cmpstr (payload->text, ==, "Miete März");
  g_assert_null (payload->information);
}

static void
test_parse_amount_forms (void)
{
  const struct
  {
    const char *line;
    gint64 minor;
  } cases[] = {
    { "EUR12", 1200 },        { "EUR12.3", 1230 },   { "EUR12.34", 1234 },
    { "EUR0.01", 1 },         { "EUR000012.50", 1250 }, { "EUR999999999.99", 99999999999 },
    { "EUR0999999999.99", 99999999999 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
        g_strconcat ("BCD\n002\n1\nSCT\n\nAnna Schmidt\n" IBAN_DE "\n", cases[i].line, NULL);
      g_autoptr (RemitEpcPayload) payload = parse_ok (text, -1);

      g_assert_true (payload->has_amount);
      g_assert_cmpint (payload->amount.minor, ==, cases[i].minor);
      g_assert_cmpstr (payload->amount.currency, ==, "EUR");
    }
}

static void
test_parse_without_amount (void)
{
  g_autoptr (RemitEpcPayload) payload =
    parse_ok ("BCD\n001\n1\nSCT\nCOBADEFFXXX\nAnna Schmidt\n" IBAN_DE "\n\n\n\nMiete", -1);

  g_assert_cmpuint (payload->version, ==, 1);
  g_assert_false (payload->has_amount);
  g_assert_null (payload->purpose);
  g_assert_cmpstr (payload->text, ==, "Miete");
}

static void
test_parse_crlf (void)
{
  const char data[] = "BCD\r\n002\r\n1\r\nSCT\r\nCOBADEFFXXX\r\nAnna Schmidt\r\n" IBAN_DE
                      "\r\nEUR99.90\r\n\r\n\r\nMiete M\xc3\xa4rz\r\n";
  g_autoptr (RemitEpcPayload) payload = parse_ok (data, sizeof data - 1);

  g_assert_cmpstr (payload->bic, ==, "COBADEFFXXX");
  g_assert_cmpstr (payload->name, ==, "Anna Schmidt");
  g_assert_cmpstr (payload->iban, ==, IBAN_DE);
  g_assert_cmpint (payload->amount.minor, ==, 9990);
  g_assert_cmpstr (payload->text, ==, "Miete März");
}

static void
test_parse_trailing_newlines (void)
{
  g_autoptr (RemitEpcPayload) payload =
    parse_ok ("BCD\n002\n1\nSCT\n\nAnna Schmidt\n" IBAN_DE "\nEUR1.00\n\n\n\n", -1);

  g_assert_cmpstr (payload->name, ==, "Anna Schmidt");
  g_assert_cmpint (payload->amount.minor, ==, 100);
}

static void
test_parse_iso_8859_1 (void)
{
  /* “Jürgen Weiß” and “Gebühr für März” in Latin-1, one byte per umlaut. */
  const char data[] = "BCD\n002\n2\nSCT\nCOBADEFFXXX\nJ\xfcrgen Wei\xdf\n" IBAN_DE
                      "\nEUR5.00\n\n\nGeb\xfchr f\xfcr M\xe4rz";
  g_autoptr (RemitEpcPayload) payload = parse_ok (data, sizeof data - 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *rebuilt = NULL;

  g_assert_cmpint (payload->charset, ==, REMIT_EPC_CHARSET_ISO_8859_1);
  g_assert_cmpstr (payload->name, ==, "Jürgen Weiß");
  g_assert_cmpstr (payload->text, ==, "Gebühr für März");

  /* Written back in its own set, byte for byte. */
  rebuilt = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rebuilt, ==, data);

  /* Text the set cannot hold (the euro sign is not in Latin-1) is written in UTF-8. */
  g_free (payload->text);
  payload->text = g_strdup ("Gebühr 5 €");
  g_clear_pointer (&rebuilt, g_free);
  rebuilt = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rebuilt, ==,
                   "BCD\n002\n1\nSCT\nCOBADEFFXXX\nJürgen Weiß\n" IBAN_DE
                   "\nEUR5.00\n\n\nGebühr 5 €");
}

/* A Latin-1 payload at the size limit stays within it when written again: in UTF-8 its
 * umlauts would need a byte more each (a fuzzing finding). */
static void
test_iso_8859_1_at_size_limit (void)
{
  g_autoptr (GString) data = g_string_new ("BCD\n002\n2\nSCT\n\n");
  g_autoptr (RemitEpcPayload) payload = NULL;
  g_autoptr (RemitEpcPayload) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rebuilt = NULL;

  /* Name, text and note at their longest, half of them umlauts. */
  for (guint i = 0; i < 70; i++)
    g_string_append_c (data, i % 2 ? 'a' : '\xe4');
  g_string_append (data, "\n" IBAN_DE "\nEUR10.00\n\n\n");
  for (guint i = 0; i < 140; i++)
    g_string_append_c (data, i % 2 ? 'o' : '\xf6');
  g_string_append_c (data, '\n');
  for (guint i = 0; i < 70; i++)
    g_string_append_c (data, i % 2 ? 'u' : '\xfc');
  g_assert_cmpuint (data->len, ==, 331);

  payload = parse_ok (data->str, data->len);
  rebuilt = remit_epc_payload_build (payload, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (rebuilt), ==, 331);
  again = parse_ok (rebuilt, -1);
  g_assert_cmpstr (again->text, ==, payload->text);
  g_assert_cmpstr (again->information, ==, payload->information);
}

static void
test_parse_other_charsets (void)
{
  /* ISO-8859-15 has the euro sign at 0xA4. */
  const char latin9[] = "BCD\n002\n8\nSCT\n\nCaf\xe9 Noir\n" IBAN_DE "\n\n\n\nPreis 5 \xa4";
  /* ISO-8859-5: Cyrillic “Иван” (0xB8 0xD2 0xD0 0xDD). */
  const char cyrillic[] = "BCD\n002\n5\nSCT\n\n\xb8\xd2\xd0\xdd\n" IBAN_DE;
  /* ISO-8859-2: “Łukasz” (0xA3). */
  const char latin2[] = "BCD\n002\n3\nSCT\n\n\xa3ukasz\n" IBAN_DE;
  g_autoptr (RemitEpcPayload) a = parse_ok (latin9, sizeof latin9 - 1);
  g_autoptr (RemitEpcPayload) b = parse_ok (cyrillic, sizeof cyrillic - 1);
  g_autoptr (RemitEpcPayload) c = parse_ok (latin2, sizeof latin2 - 1);

  g_assert_cmpint (a->charset, ==, REMIT_EPC_CHARSET_ISO_8859_15);
  g_assert_cmpstr (a->name, ==, "Café Noir");
  g_assert_cmpstr (a->text, ==, "Preis 5 €");
  g_assert_cmpint (b->charset, ==, REMIT_EPC_CHARSET_ISO_8859_5);
  g_assert_cmpstr (b->name, ==, "Иван");
  g_assert_cmpint (c->charset, ==, REMIT_EPC_CHARSET_ISO_8859_2);
  g_assert_cmpstr (c->name, ==, "Łukasz");
}

static void
test_parse_rejections (void)
{
  const struct
  {
    const char *data;
    int code;
    const char *fragment;
  } cases[] = {
    { "", REMIT_CORE_ERROR_INVALID_EPC, "BCD" },
    { "https://example.com/pay?id=4711", REMIT_CORE_ERROR_INVALID_EPC, "BCD" },
    { "BCX\n002\n1\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "BCD" },
    { "bcd\n002\n1\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "BCD" },
    { "BCD", REMIT_CORE_ERROR_INVALID_EPC, "version" },
    { "BCD\n003\n1\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“003”" },
    { "BCD\n2\n1\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“2”" },
    { "BCD\n002\n9\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“9”" },
    { "BCD\n002\n0\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“0”" },
    { "BCD\n002\n11\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“11”" },
    { "BCD\n002\n\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "character set" },
    { "BCD\n002\n1\nINST\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "“INST”" },
    { "BCD\n002\n1\nsct\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "SCT" },
    { "BCD\n002\n1", REMIT_CORE_ERROR_INVALID_EPC, "SCT" },
    { "BCD\n001\n1\nSCT\n\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "001" },
    { "BCD\n002\n1\nSCT\nCOBADEFF1\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_BIC, NULL },
    { "BCD\n002\n1\nSCT\nCOBAXXFFXXX\nAnna\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_BIC, NULL },
    { "BCD\n002\n1\nSCT\n\n\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "name" },
    { "BCD\n002\n1\nSCT\n\n   \n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "name" },
    { "BCD\n002\n1\nSCT\n\nAnna", REMIT_CORE_ERROR_INVALID_IBAN, "IBAN" },
    { "BCD\n002\n1\nSCT\n\nAnna\nDE89370400440532013001", REMIT_CORE_ERROR_INVALID_IBAN, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\nDE8937040044053201300", REMIT_CORE_ERROR_INVALID_IBAN, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nUSD12.00", REMIT_CORE_ERROR_INVALID_AMOUNT, "EUR" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\n12.00", REMIT_CORE_ERROR_INVALID_AMOUNT, "EUR" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\neur12.00", REMIT_CORE_ERROR_INVALID_AMOUNT,
      "EUR" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR0.00", REMIT_CORE_ERROR_INVALID_AMOUNT, "0.01" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR0", REMIT_CORE_ERROR_INVALID_AMOUNT, "0.01" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1000000000.00", REMIT_CORE_ERROR_INVALID_AMOUNT,
      "999999999.99" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR12.345", REMIT_CORE_ERROR_INVALID_AMOUNT,
      "two decimals" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR12,34", REMIT_CORE_ERROR_INVALID_AMOUNT,
      "“EUR12,34”" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR", REMIT_CORE_ERROR_INVALID_AMOUNT, "“EUR”" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR.50", REMIT_CORE_ERROR_INVALID_AMOUNT, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR12.", REMIT_CORE_ERROR_INVALID_AMOUNT, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR 12.00", REMIT_CORE_ERROR_INVALID_AMOUNT, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR-5.00", REMIT_CORE_ERROR_INVALID_AMOUNT, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1e3", REMIT_CORE_ERROR_INVALID_AMOUNT, NULL },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\nGDD", REMIT_CORE_ERROR_INVALID_EPC,
      "“GDD”" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\nGDD5", REMIT_CORE_ERROR_INVALID_EPC,
      "“GDD5”" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\n\nRF18539007547034\nMiete",
      REMIT_CORE_ERROR_INVALID_EPC, "not both" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\n\nRF19539007547034",
      REMIT_CORE_ERROR_INVALID_EPC, "ISO 11649" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\n\nRF18 5390 0754 7034",
      REMIT_CORE_ERROR_INVALID_EPC, "without spaces" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\n\n123456789012345678901234567890123456",
      REMIT_CORE_ERROR_INVALID_EPC, "36" },
    { "BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\nEUR1.00\n\n\nMiete\nDanke\nmehr",
      REMIT_CORE_ERROR_INVALID_EPC, "13" },
    { "BCD\n002\n1\nSCT\n\nAnna M\xfcller\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "UTF-8" },
    { "BCD\n002\n6\nSCT\n\nAnna \xae\n" IBAN_DE, REMIT_CORE_ERROR_INVALID_EPC, "ISO-8859-7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].data, NULL);

      g_test_message ("case %u: %s", i, escaped);
      assert_parse_fails (cases[i].data, -1, cases[i].code, cases[i].fragment);
    }
}

static void
test_parse_binary (void)
{
  const char data[] = "BCD\n002\n1\nSCT\n\nAnna\0Schmidt\n" IBAN_DE;

  assert_parse_fails (data, sizeof data - 1, REMIT_CORE_ERROR_INVALID_EPC, NULL);
}

static void
test_parse_length_limits (void)
{
  g_autofree char *name_70 = NULL;
  g_autofree char *name_71 = NULL;
  g_autofree char *text_140 = repeat ("x", 140);
  g_autofree char *text_141 = repeat ("x", 141);
  g_autofree char *info_70 = repeat ("i", 70);
  g_autofree char *info_71 = repeat ("i", 71);
  g_autofree char *ref_35 = repeat ("7", 35);
  g_autofree char *data = NULL;
  g_autoptr (RemitEpcPayload) payload = NULL;

  name_70 = g_strdup (NAME_70);
  g_assert_cmpint (g_utf8_strlen (name_70, -1), ==, 70);
  name_71 = g_strconcat (NAME_70, "ü", NULL);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\n", name_70, "\n" IBAN_DE, NULL);
  payload = parse_ok (data, -1);
  g_assert_cmpstr (payload->name, ==, NAME_70);
  g_clear_pointer (&payload, remit_epc_payload_free);
  g_clear_pointer (&data, g_free);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\n", name_71, "\n" IBAN_DE, NULL);
  assert_parse_fails (data, -1, REMIT_CORE_ERROR_INVALID_EPC, "71");
  g_clear_pointer (&data, g_free);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\n\n\n\n", text_140, "\n", info_70,
                      NULL);
  payload = parse_ok (data, -1);
  g_assert_cmpstr (payload->text, ==, text_140);
  g_assert_cmpstr (payload->information, ==, info_70);
  g_clear_pointer (&payload, remit_epc_payload_free);
  g_clear_pointer (&data, g_free);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\n\n\n\n", text_141, NULL);
  assert_parse_fails (data, -1, REMIT_CORE_ERROR_INVALID_EPC, "141");
  g_clear_pointer (&data, g_free);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\n\n\n\n\n", info_71, NULL);
  assert_parse_fails (data, -1, REMIT_CORE_ERROR_INVALID_EPC, "71");
  g_clear_pointer (&data, g_free);

  data = g_strconcat ("BCD\n002\n1\nSCT\n\nAnna\n" IBAN_DE "\n\n\n", ref_35, NULL);
  payload = parse_ok (data, -1);
  g_assert_cmpstr (payload->reference, ==, ref_35);
  g_clear_pointer (&payload, remit_epc_payload_free);
  g_clear_pointer (&data, g_free);
}

/* 331 bytes is the limit: name of 70 characters and 71 bytes, text of 140, note of 70. */
static char *
payload_of_size (gboolean one_more)
{
  g_autofree char *name = g_strconcat ("Jürgen ", one_more ? "Weiß" : "Weis", NULL);
  g_autofree char *name_fill = repeat ("n", 70 - g_utf8_strlen (name, -1));
  g_autofree char *text = repeat ("t", 140);
  g_autofree char *info = repeat ("i", 70);

  return g_strconcat ("BCD\n002\n1\nSCT\n\n", name, name_fill, "\n" IBAN_DE "\nEUR1.00\n\n\n",
                      text, "\n", info, NULL);
}

static void
test_parse_size_limit (void)
{
  g_autofree char *fits = payload_of_size (FALSE);
  g_autofree char *too_long = payload_of_size (TRUE);
  g_autoptr (RemitEpcPayload) payload = NULL;

  g_assert_cmpuint (strlen (fits), ==, 331);
  g_assert_cmpuint (strlen (too_long), ==, 332);

  payload = parse_ok (fits, -1);
  g_assert_cmpint (g_utf8_strlen (payload->name, -1), ==, 70);
  assert_parse_fails (too_long, -1, REMIT_CORE_ERROR_INVALID_EPC, "332");
}

static void
test_build_size_limit (void)
{
  g_autofree char *fits = payload_of_size (FALSE);
  g_autofree char *too_long = payload_of_size (TRUE);
  g_autoptr (RemitEpcPayload) a = parse_ok (fits, -1);
  g_autoptr (RemitEpcPayload) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *built = NULL;

  built = remit_epc_payload_build (a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (built, ==, fits);

  /* Every field is within its own limit, but the whole is one byte too long. */
  b = remit_epc_payload_copy (a);
  g_free (b->name);
  b->name = g_utf8_substring (too_long + strlen ("BCD\n002\n1\nSCT\n\n"), 0, 70);
  g_assert_true (remit_epc_payload_validate (b, NULL));
  assert_build_fails (b, REMIT_CORE_ERROR_INVALID_EPC, "332");
}

static void
test_build_boundaries (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload (NAME_70, IBAN_DE);
  g_autofree char *text_140 = repeat ("ä", 140);
  g_autofree char *text_141 = repeat ("a", 141);
  g_autofree char *info_70 = repeat ("ö", 70);
  g_autofree char *info_71 = repeat ("o", 71);
  g_autofree char *ref_36 = repeat ("1", 36);
  g_autoptr (GError) error = NULL;

  /* Limits count characters: 70 umlauts are a valid name. */
  g_free (payload->name);
  payload->name = repeat ("ü", 70);
  g_assert_true (remit_epc_payload_validate (payload, &error));
  g_assert_no_error (error);
  g_free (payload->name);
  payload->name = repeat ("ü", 71);
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "71");
  g_free (payload->name);
  payload->name = g_strdup (NAME_70);

  /* A text of 140 umlauts is valid by itself (the whole is then too long to build). */
  payload->text = g_strdup (text_140);
  g_assert_true (remit_epc_payload_validate (payload, &error));
  g_assert_no_error (error);
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "bytes");
  g_free (payload->text);
  payload->text = g_strdup (text_141);
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "141");
  g_clear_pointer (&payload->text, g_free);

  payload->information = g_strdup (info_70);
  g_assert_true (remit_epc_payload_validate (payload, &error));
  g_assert_no_error (error);
  g_free (payload->information);
  payload->information = g_strdup (info_71);
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "71");
  g_clear_pointer (&payload->information, g_free);

  payload->reference = g_strdup (ref_36);
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "36");
  g_clear_pointer (&payload->reference, g_free);

  set_amount (payload, 1, "EUR");
  g_assert_true (remit_epc_payload_validate (payload, &error));
  set_amount (payload, G_GINT64_CONSTANT (99999999999), "EUR");
  g_assert_true (remit_epc_payload_validate (payload, &error));
  set_amount (payload, 0, "EUR");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_AMOUNT, "0.01");
  set_amount (payload, -500, "EUR");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_AMOUNT, "0.01");
  set_amount (payload, G_GINT64_CONSTANT (100000000000), "EUR");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_AMOUNT, "999999999.99");
  set_amount (payload, 1250, "CHF");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_AMOUNT, "“CHF”");
  g_assert_no_error (error);
}

static void
test_build_rejections (void)
{
  g_autoptr (RemitEpcPayload) payload = new_payload ("Anna Schmidt", IBAN_DE);

  payload->version = 3;
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "3");
  payload->version = 0;
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "0");

  payload->version = 1;
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "001");
  payload->bic = g_strdup ("COBADEFF1");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_BIC, NULL);
  g_free (payload->bic);
  payload->bic = g_strdup ("COBADEFFXXX");
  g_assert_true (remit_epc_payload_validate (payload, NULL));

  g_free (payload->name);
  payload->name = NULL;
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "name");
  payload->name = g_strdup ("Anna\nSchmidt");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "line break");
  g_free (payload->name);
  payload->name = g_strdup ("Anna \xff");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "UTF-8");
  g_free (payload->name);
  payload->name = g_strdup ("Anna Schmidt");

  g_free (payload->iban);
  payload->iban = NULL;
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_IBAN, "IBAN");
  payload->iban = g_strdup ("DE89370400440532013001");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_IBAN, NULL);
  g_free (payload->iban);
  payload->iban = g_strdup (IBAN_DE);

  payload->purpose = g_strdup ("GDDSX");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "“GDDSX”");
  g_clear_pointer (&payload->purpose, g_free);

  payload->reference = g_strdup ("RF18539007547035");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "ISO 11649");
  g_free (payload->reference);
  payload->reference = g_strdup ("RF18539007547034");
  payload->text = g_strdup ("Miete");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "not both");
  g_clear_pointer (&payload->reference, g_free);

  g_free (payload->text);
  payload->text = g_strdup ("Miete\r\nMärz");
  assert_build_fails (payload, REMIT_CORE_ERROR_INVALID_EPC, "Remittance text");
  g_clear_pointer (&payload->text, g_free);

  g_assert_true (remit_epc_payload_validate (payload, NULL));
}

static void
test_creditor_reference (void)
{
  const struct
  {
    const char *reference;
    gboolean valid;
  } cases[] = {
    { "RF18539007547034", TRUE },
    { "RF18000000000539007547034", TRUE },
    { "RF712348231", TRUE },
    { "RF45G72UUR", TRUE },
    { "rf45g72uur", TRUE },
    { "RF92INV2024X1", TRUE },
    { "RF19539007547034", FALSE },
    { "RF18539007547035", FALSE },
    { "RF18 5390 0754 7034", FALSE },
    { "RF180000000000539007547034", FALSE }, /* 26 characters */
    { "RF18", FALSE },
    { "RFAB539007547034", FALSE },
    { "XX18539007547034", FALSE },
    { "RF18-539007547034", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("reference '%s'", cases[i].reference);
      g_assert_cmpint (remit_creditor_reference_is_valid (cases[i].reference), ==,
                       cases[i].valid);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/epc/build/known-bill", test_build_known_bill);
  g_test_add_func ("/epc/build/text-bill", test_build_text_bill);
  g_test_add_func ("/epc/build/minimal", test_build_minimal);
  g_test_add_func ("/epc/build/amounts", test_build_amounts);
  g_test_add_func ("/epc/build/boundaries", test_build_boundaries);
  g_test_add_func ("/epc/build/rejections", test_build_rejections);
  g_test_add_func ("/epc/build/size-limit", test_build_size_limit);
  g_test_add_func ("/epc/round-trip", test_round_trip);
  g_test_add_func ("/epc/copy", test_copy);
  g_test_add_func ("/epc/parse/normalizes", test_parse_normalizes);
  g_test_add_func ("/epc/parse/amount-forms", test_parse_amount_forms);
  g_test_add_func ("/epc/parse/without-amount", test_parse_without_amount);
  g_test_add_func ("/epc/parse/crlf", test_parse_crlf);
  g_test_add_func ("/epc/parse/trailing-newlines", test_parse_trailing_newlines);
  g_test_add_func ("/epc/parse/iso-8859-1", test_parse_iso_8859_1);
  g_test_add_func ("/epc/build/iso-8859-1-at-size-limit", test_iso_8859_1_at_size_limit);
  g_test_add_func ("/epc/parse/other-charsets", test_parse_other_charsets);
  g_test_add_func ("/epc/parse/rejections", test_parse_rejections);
  g_test_add_func ("/epc/parse/binary", test_parse_binary);
  g_test_add_func ("/epc/parse/length-limits", test_parse_length_limits);
  g_test_add_func ("/epc/parse/size-limit", test_parse_size_limit);
  g_test_add_func ("/epc/creditor-reference", test_creditor_reference);

  return g_test_run ();
}
