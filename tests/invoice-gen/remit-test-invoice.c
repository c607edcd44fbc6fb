/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-test-invoice"

#include "config.h"

#include "remit-test-invoice.h"

#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "remit-core-error.h"
#include "remit-iban.h"

#define MM (72.0 / 25.4)

/* ------------------------------------------------------------------------------------------ */
/* Spec and expected values: allocation                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
item_free (gpointer data)
{
  RemitTestItem *item = data;

  g_free (item->description);
  g_free (item->article_number);
  g_free (item->unit);
  g_free (item);
}

void
remit_test_invoice_add_item (RemitTestInvoice *invoice,
                             const char *description,
                             const char *article_number,
                             gint64 quantity,
                             const char *unit,
                             gint64 unit_price,
                             int vat_percent)
{
  RemitTestItem *item;

  g_return_if_fail (invoice != NULL);
  g_return_if_fail (description != NULL);

  item = g_new0 (RemitTestItem, 1);
  item->description = g_strdup (description);
  item->article_number = g_strdup (article_number);
  item->quantity = quantity;
  item->unit = g_strdup (unit);
  item->unit_price = unit_price;
  item->vat_percent = vat_percent;
  g_ptr_array_add (invoice->items, item);
}

void
remit_test_invoice_clear_items (RemitTestInvoice *invoice)
{
  g_return_if_fail (invoice != NULL);

  g_ptr_array_set_size (invoice->items, 0);
}

void
remit_test_invoice_free (RemitTestInvoice *invoice)
{
  if (invoice == NULL)
    return;

  g_free (invoice->title);
  g_free (invoice->font_family);
  g_free (invoice->seller_name);
  g_free (invoice->seller_street);
  g_free (invoice->seller_city);
  g_free (invoice->seller_country);
  g_free (invoice->seller_phone);
  g_free (invoice->seller_email);
  g_free (invoice->seller_vat_id);
  g_free (invoice->seller_register);
  g_free (invoice->seller_manager);
  g_free (invoice->buyer_name);
  g_free (invoice->buyer_contact);
  g_free (invoice->buyer_street);
  g_free (invoice->buyer_city);
  g_free (invoice->buyer_country);
  g_free (invoice->invoice_number);
  g_free (invoice->invoice_number_label);
  g_free (invoice->customer_number);
  g_free (invoice->customer_number_label);
  g_ptr_array_unref (invoice->items);
  g_free (invoice->total_label);
  g_free (invoice->iban);
  g_free (invoice->bic);
  g_free (invoice->bank_name);
  g_free (invoice->account_holder);
  g_free (invoice->payment_reference);
  g_free (invoice->payment_reference_label);
  g_free (invoice->distractor_iban);
  g_free (invoice->qr_payload);
  g_free (invoice);
}

static void
place_clear (gpointer data)
{
  RemitTestPlace *place = data;

  g_clear_pointer (&place->text, g_free);
}

static void
field_init (RemitTestField *field)
{
  memset (field, 0, sizeof *field);
  field->places = g_array_new (FALSE, TRUE, sizeof (RemitTestPlace));
  g_array_set_clear_func (field->places, place_clear);
}

static void
field_clear (RemitTestField *field)
{
  g_clear_pointer (&field->value, g_free);
  g_clear_pointer (&field->text, g_free);
  g_clear_pointer (&field->places, g_array_unref);
}

static void
expected_item_free (gpointer data)
{
  RemitTestExpectedItem *item = data;

  field_clear (&item->description);
  field_clear (&item->article_number);
  field_clear (&item->quantity_field);
  field_clear (&item->unit_price_field);
  field_clear (&item->total_field);
  g_free (item);
}

static RemitTestExpectedItem *
expected_item_new (void)
{
  RemitTestExpectedItem *item = g_new0 (RemitTestExpectedItem, 1);

  field_init (&item->description);
  field_init (&item->article_number);
  field_init (&item->quantity_field);
  field_init (&item->unit_price_field);
  field_init (&item->total_field);
  return item;
}

static RemitTestExpected *
expected_new (void)
{
  RemitTestExpected *expected = g_new0 (RemitTestExpected, 1);

  field_init (&expected->amount);
  field_init (&expected->iban);
  field_init (&expected->bic);
  field_init (&expected->recipient);
  field_init (&expected->invoice_number);
  field_init (&expected->customer_number);
  field_init (&expected->payment_reference);
  field_init (&expected->distractor_iban);
  field_init (&expected->qr_code);
  field_init (&expected->due_date);
  field_init (&expected->due_term);
  expected->items = g_ptr_array_new_with_free_func (expected_item_free);
  return expected;
}

void
remit_test_expected_free (RemitTestExpected *expected)
{
  if (expected == NULL)
    return;

  g_free (expected->font_family);
  field_clear (&expected->amount);
  field_clear (&expected->iban);
  field_clear (&expected->bic);
  field_clear (&expected->recipient);
  field_clear (&expected->invoice_number);
  field_clear (&expected->customer_number);
  field_clear (&expected->payment_reference);
  field_clear (&expected->distractor_iban);
  field_clear (&expected->qr_code);
  field_clear (&expected->due_date);
  field_clear (&expected->due_term);
  g_ptr_array_unref (expected->items);
  g_free (expected);
}

/* ------------------------------------------------------------------------------------------ */
/* IBANs                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Reduces the decimal expansion of TEXT (letters count as 10 … 35) modulo 97, continuing from
 * REMAINDER. Returns -1 on a character that is neither a letter nor a digit. */
static int
mod97_feed (int remainder, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      char c = g_ascii_toupper (*p);

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (c - '0')) % 97;
      else if (c >= 'A' && c <= 'Z')
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      else
        return -1;
    }
  return remainder;
}

/**
 * remit_test_make_iban:
 * @country: two upper-case letters
 * @bban: the basic bank account number, letters and digits
 *
 * Computes the ISO 13616 check digits (ISO 7064 MOD 97-10): BBAN, country and "00" are read
 * as one number, the check digits are 98 minus its remainder modulo 97. The same computation
 * with country "RF" gives an ISO 11649 creditor reference.
 *
 * Returns: the IBAN without spaces, or %NULL when the input has other characters.
 */
char *
remit_test_make_iban (const char *country, const char *bban)
{
  g_autofree char *upper = NULL;
  int remainder;

  g_return_val_if_fail (country != NULL && strlen (country) == 2, NULL);
  g_return_val_if_fail (bban != NULL, NULL);

  upper = g_ascii_strup (bban, -1);
  remainder = mod97_feed (0, upper);
  if (remainder >= 0)
    remainder = mod97_feed (remainder, country);
  if (remainder >= 0)
    remainder = mod97_feed (remainder, "00");
  if (remainder < 0)
    return NULL;

  return g_strdup_printf ("%s%02d%s", country, 98 - remainder, upper);
}

typedef struct
{
  const char *country;
  const char *name;
  const char *bic;
  const char *code;
} Bank;

static const Bank banks[] = {
  { "DE", "Commerzbank", "COBADEFFXXX", "37040044" },
  { "DE", "Deutsche Bank", "DEUTDEDBKOE", "37070060" },
  { "DE", "Berliner Sparkasse", "BELADEBEXXX", "10050000" },
  { "DE", "Hamburger Sparkasse", "HASPDEHHXXX", "20050550" },
  { "DE", "Stadtsparkasse München", "SSKMDEMMXXX", "70150000" },
  { "DE", "GLS Gemeinschaftsbank", "GENODEM1GLS", "43060967" },
  { "DE", "Postbank", "PBNKDEFFXXX", "10010010" },
  { "DE", "Volksbank Mittelhessen", "VBMHDE5FXXX", "51390000" },
  { "DE", "Sparkasse KölnBonn", "COLSDE33XXX", "37050198" },
  { "DE", "Kreissparkasse Ludwigsburg", "SOLADES1LBG", "60450050" },
  { "AT", "Erste Bank", "GIBAATWWXXX", "20111" },
  { "AT", "Raiffeisen-Landesbank Tirol", "RZTIAT22XXX", "36000" },
  { "NL", "ABN AMRO", "ABNANL2AXXX", "ABNA" },
  { "NL", "ING Bank", "INGBNL2AXXX", "INGB" },
  { "FR", "BNP Paribas", "BNPAFRPPXXX", "30004" },
  { "FR", "Société Générale", "SOGEFRPPXXX", "30003" },
  { "GB", "Barclays Bank", "BARCGB22XXX", "BARC" },
  { "GB", "HSBC UK", "HBUKGB4BXXX", "HBUK" },
};

static char *
random_digits (GRand *rand, int n)
{
  char *out = g_malloc (n + 1);

  for (int i = 0; i < n; i++)
    out[i] = '0' + g_rand_int_range (rand, 0, 10);
  out[n] = '\0';
  return out;
}

/* A French BBAN: bank, branch, account and the RIB key, 97 minus (89 bank + 15 branch +
 * 3 account) modulo 97, with all-digit parts. */
static char *
french_bban (GRand *rand, const char *bank)
{
  g_autofree char *branch = random_digits (rand, 5);
  g_autofree char *account = random_digits (rand, 11);
  guint64 sum = 89 * g_ascii_strtoull (bank, NULL, 10) + 15 * g_ascii_strtoull (branch, NULL, 10)
                + 3 * (g_ascii_strtoull (account, NULL, 10) % 97);

  return g_strdup_printf ("%s%s%s%02u", bank, branch, account, (guint) (97 - sum % 97));
}

static const Bank *
pick_bank (GRand *rand, const char *country)
{
  guint n = 0;
  const Bank *found = NULL;

  /* Reservoir choice among the country's banks. */
  for (gsize i = 0; i < G_N_ELEMENTS (banks); i++)
    if (g_str_equal (banks[i].country, country) && g_rand_int_range (rand, 0, ++n) == 0)
      found = &banks[i];
  return found != NULL ? found : &banks[0];
}

static char *
random_iban (GRand *rand, const Bank *bank)
{
  g_autofree char *bban = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (g_str_equal (bank->country, "DE"))
    bban = g_strconcat (bank->code, (a = random_digits (rand, 10)), NULL);
  else if (g_str_equal (bank->country, "AT"))
    bban = g_strconcat (bank->code, (a = random_digits (rand, 11)), NULL);
  else if (g_str_equal (bank->country, "NL"))
    bban = g_strconcat (bank->code, (a = random_digits (rand, 10)), NULL);
  else if (g_str_equal (bank->country, "FR"))
    bban = french_bban (rand, bank->code);
  else
    bban = g_strconcat (bank->code, (a = random_digits (rand, 6)), (b = random_digits (rand, 8)),
                        NULL);

  return remit_test_make_iban (bank->country, bban);
}

/* ------------------------------------------------------------------------------------------ */
/* Fonts                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
font_family_installed (const char *family)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *match;
  FcResult result;
  gboolean found = FALSE;

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL)
    {
      FcChar8 *name;

      for (int i = 0; !found && FcPatternGetString (match, FC_FAMILY, i, &name) == FcResultMatch;
           i++)
        found = g_ascii_strcasecmp ((const char *) name, family) == 0;
      FcPatternDestroy (match);
    }
  FcPatternDestroy (pattern);
  return found;
}

/**
 * remit_test_resolve_font:
 * @family: a font family name
 *
 * Returns: @family when fontconfig has it, otherwise the first installed of DejaVu Serif and
 * Liberation Serif for a serif family, then of DejaVu Sans and Liberation Sans, and "Sans" as
 * the last resort. The string is interned.
 */
const char *
remit_test_resolve_font (const char *family)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  static const char *serif_fallbacks[] = { "DejaVu Serif", "Liberation Serif", "DejaVu Sans",
                                           "Liberation Sans" };
  static const char *sans_fallbacks[] = { "DejaVu Sans", "Liberation Sans" };
  const char **fallbacks;
  gsize n_fallbacks;
  const char *resolved = NULL;

  g_return_val_if_fail (family != NULL, NULL);

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  resolved = g_hash_table_lookup (cache, family);
  if (resolved == NULL)
    {
      if (strstr (family, "Serif") != NULL)
        {
          fallbacks = serif_fallbacks;
          n_fallbacks = G_N_ELEMENTS (serif_fallbacks);
        }
      else
        {
          fallbacks = sans_fallbacks;
          n_fallbacks = G_N_ELEMENTS (sans_fallbacks);
        }
      if (font_family_installed (family))
        resolved = g_intern_string (family);
      for (gsize i = 0; resolved == NULL && i < n_fallbacks; i++)
        if (font_family_installed (fallbacks[i]))
          resolved = g_intern_static_string (fallbacks[i]);
      if (resolved == NULL)
        resolved = g_intern_static_string ("Sans");
      g_hash_table_insert (cache, (gpointer) g_intern_string (family), (gpointer) resolved);
    }
  G_UNLOCK (cache);

  return resolved;
}

/* ------------------------------------------------------------------------------------------ */
/* Formatting                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static const char *months_de[] = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                                   "August", "September", "Oktober", "November", "Dezember" };
static const char *months_en[] = { "January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December" };

static gboolean
is_german (const RemitTestInvoice *inv)
{
  return inv->language == REMIT_TEST_LANGUAGE_DE;
}

static char *
format_grouped (gint64 value, char group_mark)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value < 0 ? -value : value);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, group_mark);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* 1.234,56 or 1,234.56; all currencies used here have two decimals. */
static char *
format_number (const RemitTestInvoice *inv, gint64 minor)
{
  gboolean german = inv->numbers == REMIT_TEST_NUMBERS_GERMAN;
  gint64 magnitude = minor < 0 ? -minor : minor;
  g_autofree char *whole = format_grouped (magnitude / 100, german ? '.' : ',');

  return g_strdup_printf ("%s%s%c%02d", minor < 0 ? "-" : "", whole, german ? ',' : '.',
                          (int) (magnitude % 100));
}

static const char *
currency_symbol (const char *code)
{
  if (g_str_equal (code, "EUR"))
    return "€";
  if (g_str_equal (code, "USD"))
    return "$";
  if (g_str_equal (code, "GBP"))
    return "£";
  return code;
}

/* "1.234,56 €", "1.234,56 EUR", "€1,234.56", "EUR 1,234.56" */
static char *
format_money (const RemitTestInvoice *inv, gint64 minor)
{
  g_autofree char *number = format_number (inv, minor);
  const char *mark = inv->currency_style == REMIT_TEST_CURRENCY_SYMBOL
                       ? currency_symbol (inv->currency)
                       : inv->currency;

  if (inv->numbers == REMIT_TEST_NUMBERS_GERMAN)
    return g_strdup_printf ("%s %s", number, mark);
  if (inv->currency_style == REMIT_TEST_CURRENCY_SYMBOL)
    return g_strdup_printf ("%s%s", mark, number);
  return g_strdup_printf ("%s %s", mark, number);
}

static char *
format_quantity (const RemitTestInvoice *inv, gint64 quantity)
{
  return format_grouped (quantity, inv->numbers == REMIT_TEST_NUMBERS_GERMAN ? '.' : ',');
}

static char *
format_date (const RemitTestInvoice *inv, const GDate *date)
{
  int day = g_date_get_day (date);
  int month = g_date_get_month (date);
  int year = g_date_get_year (date);
  gboolean us = g_str_equal (inv->currency, "USD");

  switch (inv->dates)
    {
    case REMIT_TEST_DATES_ISO:
      return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
    case REMIT_TEST_DATES_LONG:
      if (is_german (inv))
        return g_strdup_printf ("%d. %s %d", day, months_de[month - 1], year);
      if (us)
        return g_strdup_printf ("%s %d, %d", months_en[month - 1], day, year);
      return g_strdup_printf ("%d %s %d", day, months_en[month - 1], year);
    case REMIT_TEST_DATES_NUMERIC:
    default:
      if (is_german (inv))
        return g_strdup_printf ("%02d.%02d.%04d", day, month, year);
      if (us)
        return g_strdup_printf ("%02d/%02d/%04d", month, day, year);
      return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
    }
}

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
format_iban (const char *iban, gboolean spaced)
{
  GString *out;

  if (!spaced)
    return g_strdup (iban);
  out = g_string_new (NULL);
  for (gsize i = 0; iban[i]; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, iban[i]);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Defaults, presets and varied invoices                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (char **slot, const char *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/**
 * remit_test_invoice_new:
 *
 * A German DIN 5008 invoice with three items at 19 % VAT, IBAN DE89 3704 0044 0532 0130 00
 * in the body and the footer, amount to pay 1.790,95 €.
 */
RemitTestInvoice *
remit_test_invoice_new (void)
{
  RemitTestInvoice *inv = g_new0 (RemitTestInvoice, 1);

  inv->language = REMIT_TEST_LANGUAGE_DE;
  inv->layout = REMIT_TEST_LAYOUT_DIN_LETTER;
  inv->kind = REMIT_TEST_KIND_INVOICE;
  inv->font_family = g_strdup ("DejaVu Sans");
  inv->font_size = 10;
  inv->numbers = REMIT_TEST_NUMBERS_GERMAN;
  inv->dates = REMIT_TEST_DATES_NUMERIC;
  strcpy (inv->currency, "EUR");
  inv->currency_style = REMIT_TEST_CURRENCY_SYMBOL;

  inv->seller_name = g_strdup ("Kranich Software GmbH");
  inv->seller_street = g_strdup ("Gutenbergstraße 21");
  inv->seller_city = g_strdup ("50667 Köln");
  inv->seller_phone = g_strdup ("+49 221 98765-0");
  inv->seller_email = g_strdup ("rechnung@kranich-software.de");
  inv->seller_vat_id = g_strdup ("DE123456789");
  inv->seller_register = g_strdup ("Amtsgericht Köln, HRB 98765");
  inv->seller_manager = g_strdup ("Geschäftsführerin: Petra Kranich");

  inv->buyer_name = g_strdup ("Café Lindgrün GmbH");
  inv->buyer_contact = g_strdup ("z. Hd. Frau Keller");
  inv->buyer_street = g_strdup ("Lindenallee 48");
  inv->buyer_city = g_strdup ("10115 Berlin");

  inv->invoice_number = g_strdup ("RE-2024-0815");
  inv->invoice_number_label = g_strdup ("Rechnungsnummer");
  inv->customer_number = g_strdup ("KD-10457");
  inv->customer_number_label = g_strdup ("Kundennummer");
  g_date_set_dmy (&inv->issue_date, 12, G_DATE_MARCH, 2024);
  g_date_set_dmy (&inv->due_date, 26, G_DATE_MARCH, 2024);

  inv->items = g_ptr_array_new_with_free_func (item_free);
  remit_test_invoice_add_item (inv, "Softwarelizenz Kassensystem (12 Monate)", "SW-1200", 1, "Stk.",
                               89000, 19);
  remit_test_invoice_add_item (inv, "Einrichtung und Schulung vor Ort", NULL, 6, "Std.", 9500, 19);
  remit_test_invoice_add_item (inv, "Anfahrtspauschale", NULL, 1, "pauschal", 4500, 19);
  inv->total_label = g_strdup ("Rechnungsbetrag");
  inv->reminder_fee = 500;

  inv->iban = g_strdup ("DE89370400440532013000");
  inv->iban_spaced = TRUE;
  inv->iban_in_body = TRUE;
  inv->iban_in_footer = TRUE;
  inv->bic = g_strdup ("COBADEFFXXX");
  inv->bic_style = REMIT_TEST_BIC_LABELLED;
  inv->bank_name = g_strdup ("Commerzbank");
  inv->payment_reference = g_strdup ("RE-2024-0815");
  inv->payment_reference_label = g_strdup ("Verwendungszweck");

  inv->distractor = REMIT_TEST_DISTRACTOR_NONE;
  inv->distractor_iban = g_strdup ("DE02120300000000202051");

  return inv;
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static gboolean
chance (GRand *rand, double probability)
{
  return g_rand_double (rand) < probability;
}

static const char *seller_names_de[] = {
  "Kranich Software", "Bergmann Elektrotechnik", "Hansa Logistik", "Rheinland Bürobedarf",
  "Alpenblick Solartechnik", "Elbe Druck & Medien", "Fischer Haustechnik", "Grünwerk Gartenbau",
  "Lindner Metallbau", "Sonnenberg Consulting", "Weißdorn Verpackungen", "Möbelwerkstatt Kühn",
  "Nordlicht Mediendesign", "Isartal Immobilienservice", "Schäfer Gebäudereinigung",
  "Brandt & Vogel Steuerberatung",
};
static const char *seller_names_en[] = {
  "Blackwood Analytics", "Harbour Lane Studio", "Northwind Software", "Kestrel Data Systems",
  "Thistle & Pine Supplies", "Copperfield Print Works", "Brightwater Consulting",
  "Redwood Cloud Services", "Oakridge Office Supply", "Silverline Logistics",
};
static const char *utility_names_de[] = {
  "Stadtwerke Lindenau", "Energieversorgung Oberland", "Wasserverband Ahrtal",
  "Stadtwerke Kressbach", "Regionalstrom Mittelrhein",
};
static const char *utility_names_en[] = {
  "Riverside Energy", "Northgate Water Services", "Lakeside Power & Gas", "Greenfield Utilities",
};
static const char *legal_forms_de[] = {
  "GmbH", "GmbH", "AG", "UG (haftungsbeschränkt)", "KG", "e.K.", "GbR", "GmbH & Co. KG",
};
static const char *legal_forms_en[] = { "Ltd", "Ltd", "Inc.", "LLC", "GmbH" };

static const char *streets_de[] = {
  "Hauptstraße 12", "Industriestraße 7a", "Am Hafen 3", "Lindenallee 48", "Gutenbergstraße 21",
  "Bahnhofplatz 5", "Kastanienweg 9", "Mühlenstraße 112", "Schillerstraße 30", "Königsallee 61",
  "Am Weinberg 2", "Friedrich-Ebert-Straße 77",
};
static const char *cities_de[] = {
  "10115 Berlin", "50667 Köln", "80331 München", "20095 Hamburg", "04109 Leipzig",
  "70173 Stuttgart", "60311 Frankfurt am Main", "28195 Bremen", "90402 Nürnberg",
  "01067 Dresden", "48143 Münster", "69117 Heidelberg",
};
static const char *streets_uk[] = {
  "14 Kingsway", "221 Deansgate", "7 Harbour Road", "52 Queen Street", "3 Mill Lane",
};
static const char *cities_uk[] = {
  "London WC2B 6UN", "Manchester M3 4LZ", "Bristol BS1 5TY", "Edinburgh EH2 4AD", "Leeds LS1 4AP",
};
static const char *streets_us[] = {
  "1200 Market Street, Suite 400", "88 Pine Avenue", "415 Congress Ave", "75 State Street",
};
static const char *cities_us[] = {
  "San Francisco, CA 94103", "Austin, TX 78701", "Boston, MA 02110", "Portland, OR 97205",
};
static const char *people_de[] = {
  "Anna Schneider", "Jonas Becker", "Familie Wagner", "Dr. Miriam Hoffmann", "Lukas Neumann",
  "Sabine Krüger", "Mehmet Yılmaz",
};
static const char *companies_de[] = {
  "Praxis Dr. Vogel", "Café Lindgrün GmbH", "Autohaus Brandt KG", "Zahnarztpraxis am Dom",
  "Meyer Logistik GmbH", "Bäckerei Sommer e.K.", "Hotel Seeblick GmbH & Co. KG",
};
static const char *contacts_de[] = {
  "z. Hd. Frau Keller", "Buchhaltung", "Abt. Einkauf", "z. Hd. Herrn Ibrahim",
};
static const char *people_en[] = {
  "Olivia Grant", "Marcus Chen", "Sarah O'Neill", "Daniel Okafor", "Emily Hughes",
};
static const char *companies_en[] = {
  "Fernhill Dental Practice", "Bluebell Café Ltd", "Acme Retail Group", "Summit Fitness LLC",
  "Mapleton Veterinary Clinic",
};
static const char *contacts_en[] = {
  "Attn: Accounts Payable", "Attn: Finance Department", "Attn: Priya Natarajan",
};
static const char *managers_de[] = {
  "Petra Kranich", "Thomas Bergmann", "Dr. Julia Lorenz", "Stefan Yıldız", "Katrin Albers",
};
static const char *managers_en[] = {
  "Alice Morgan", "James Whitfield", "Hannah Clarke", "Robert Finch",
};

typedef struct
{
  const char *de;
  const char *en;
  const char *unit_de;
  const char *unit_en;
  gint64 min_price;
  gint64 max_price;
  int max_quantity;
} ItemTemplate;

static const ItemTemplate general_items[] = {
  { "Wartung Heizungsanlage", "Heating system maintenance", "pauschal", "flat", 12000, 29000, 1 },
  { "Montage Außenleuchte", "Outdoor light installation", "Stk.", "pcs", 4500, 9000, 4 },
  { "Anfahrtspauschale", "Call-out charge", "pauschal", "flat", 3500, 6500, 1 },
  { "Kupferrohr 15 mm", "Copper pipe 15 mm", "m", "m", 890, 1490, 25 },
  { "Installationsmaterial", "Installation material", "pauschal", "flat", 1500, 8000, 1 },
  { "Arbeitszeit Geselle", "Labour, technician", "Std.", "hrs", 5800, 7400, 8 },
  { "Arbeitszeit Meister", "Labour, master craftsman", "Std.", "hrs", 7200, 9200, 4 },
  { "Beratungsleistung", "Consulting services", "Std.", "hrs", 9000, 16000, 12 },
  { "Softwarelizenz Jahresabo", "Software licence (annual)", "Stk.", "pcs", 19900, 129000, 5 },
  { "Schulung Mitarbeiter (halbtags)", "Staff training (half day)", "Stk.", "pcs", 39000, 69000,
    2 },
  { "Druck Flyer A5, 4/4-farbig", "A5 flyers, full colour both sides", "Stk.", "pcs", 9, 25,
    5000 },
  { "Webhosting Business (12 Monate)", "Business web hosting (12 months)", "Stk.", "pcs", 9900,
    29900, 1 },
  { "Datenmigration", "Data migration", "pauschal", "flat", 45000, 150000, 1 },
  { "Vor-Ort-Support", "On-site support", "Std.", "hrs", 8500, 12500, 6 },
};

static const ItemTemplate wholesale_items[] = {
  { "Schraube DIN 912 M8x30 verzinkt (100 St.)", "Hex socket screw M8x30, zinc (box of 100)",
    "Pck.", "box", 790, 1290, 40 },
  { "Kabelbinder 200 x 4,8 mm schwarz (100 St.)", "Cable ties 200 x 4.8 mm black (100)", "Pck.",
    "pack", 249, 489, 60 },
  { "Kopierpapier A4 80 g/m² (Karton)", "A4 copier paper 80 gsm (carton)", "Ktn.", "ctn", 2390,
    3290, 20 },
  { "Druckerpatrone XL schwarz", "Ink cartridge XL black", "Stk.", "pcs", 2890, 4590, 12 },
  { "Ordner A4 breit blau", "Lever arch file A4 blue", "Stk.", "pcs", 189, 349, 80 },
  { "Schutzhandschuhe Nitril Gr. L (100 St.)", "Nitrile gloves size L (100)", "Pck.", "box",
    890, 1490, 30 },
  { "Verlängerungskabel 5 m", "Extension lead 5 m", "Stk.", "pcs", 990, 1890, 15 },
  { "LED-Leuchtmittel E27 9 W", "LED bulb E27 9 W", "Stk.", "pcs", 299, 599, 100 },
  { "Klebeband transparent 50 m", "Clear packing tape 50 m", "Rolle", "roll", 149, 299, 72 },
  { "Müllsäcke 120 l (25 St.)", "Bin bags 120 l (25)", "Rolle", "roll", 349, 649, 40 },
  { "Reinigungsmittel Konzentrat 5 l", "Cleaning concentrate 5 l", "Kan.", "can", 1290, 2490,
    12 },
  { "Dübel 8 mm (50 St.)", "Wall plugs 8 mm (50)", "Pck.", "pack", 249, 449, 50 },
  { "Akku-Bohrschrauber 18 V", "Cordless drill 18 V", "Stk.", "pcs", 8900, 16900, 4 },
  { "Bit-Set 32-teilig", "Screwdriver bit set, 32 pieces", "Stk.", "pcs", 1490, 2990, 10 },
  { "Arbeitsjacke Gr. XL", "Work jacket size XL", "Stk.", "pcs", 3490, 5990, 8 },
  { "Wellpappkarton 400 x 300 x 200 mm", "Cardboard box 400 x 300 x 200 mm", "Stk.", "pcs", 89,
    159, 500 },
  { "Stretchfolie 500 mm x 300 m", "Stretch film 500 mm x 300 m", "Rolle", "roll", 1190, 1790,
    24 },
  { "Kugelschreiber blau (50 St.)", "Ballpoint pens blue (50)", "Pck.", "box", 990, 1790, 10 },
};

static const ItemTemplate freelance_items[] = {
  { "Konzeption und Beratung", "Concept and consulting", "Std.", "hrs", 8500, 12000, 12 },
  { "Screendesign Startseite", "UI design, landing page", "Std.", "hrs", 7500, 11000, 16 },
  { "Umsetzung WordPress-Theme", "Front-end development", "Std.", "hrs", 7500, 10500, 30 },
  { "Textkorrektur", "Copy editing", "Std.", "hrs", 4500, 6500, 10 },
  { "Fotoproduktion (Tagessatz)", "Photography (day rate)", "Tag", "day", 65000, 120000, 3 },
  { "Illustration Titelbild", "Cover illustration", "pauschal", "flat", 35000, 90000, 1 },
  { "Projektmanagement", "Project management", "Std.", "hrs", 6500, 9500, 8 },
  { "Logo-Entwicklung inkl. 3 Entwürfe", "Logo design incl. 3 drafts", "pauschal", "flat",
    60000, 180000, 1 },
};

static void
add_from_template (RemitTestInvoice *inv, GRand *rand, const ItemTemplate *tpl, int vat,
                   gboolean with_article)
{
  g_autofree char *article = NULL;
  gint64 price = g_rand_int_range (rand, tpl->min_price, tpl->max_price + 1);
  int quantity = g_rand_int_range (rand, 1, tpl->max_quantity + 1);

  if (price > 5000)
    price = price / 10 * 10;
  if (with_article)
    article = g_strdup_printf ("%d-%04d", g_rand_int_range (rand, 10, 99),
                               g_rand_int_range (rand, 0, 10000));
  remit_test_invoice_add_item (inv, is_german (inv) ? tpl->de : tpl->en, article, quantity,
                               is_german (inv) ? tpl->unit_de : tpl->unit_en, price, vat);
}

static void
add_utility_items (RemitTestInvoice *inv, GRand *rand, int vat)
{
  gboolean de = is_german (inv);
  int kind = g_rand_int_range (rand, 0, 2);

  if (kind == 0)
    {
      remit_test_invoice_add_item (inv, de ? "Arbeitspreis Strom" : "Electricity usage", NULL,
                                   g_rand_int_range (rand, 1400, 4800), "kWh",
                                   g_rand_int_range (rand, 26, 38), vat);
      remit_test_invoice_add_item (inv, de ? "Grundpreis" : "Standing charge", NULL, 12,
                                   de ? "Monate" : "months", g_rand_int_range (rand, 950, 1590),
                                   vat);
    }
  else
    {
      remit_test_invoice_add_item (inv, de ? "Arbeitspreis Erdgas" : "Gas usage", NULL,
                                   g_rand_int_range (rand, 6000, 18000), "kWh",
                                   g_rand_int_range (rand, 9, 14), vat);
      remit_test_invoice_add_item (inv, de ? "Grundpreis" : "Standing charge", NULL, 12,
                                   de ? "Monate" : "months", g_rand_int_range (rand, 890, 1490),
                                   vat);
    }
  remit_test_invoice_add_item (inv, de ? "Messstellenbetrieb" : "Meter operation", NULL, 1,
                               de ? "pauschal" : "flat", g_rand_int_range (rand, 1500, 2500), vat);
  if (chance (rand, 0.5))
    remit_test_invoice_add_item (inv, de ? "Zählerwechsel" : "Meter exchange", NULL, 1,
                                 de ? "pauschal" : "flat", g_rand_int_range (rand, 3000, 6000),
                                 vat);
}

static char *
random_invoice_number (GRand *rand, int year)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      return g_strdup_printf ("RE-%d-%04d", year, g_rand_int_range (rand, 1, 10000));
    case 1:
      return g_strdup_printf ("%d/%05d", year, g_rand_int_range (rand, 1, 100000));
    case 2:
      return g_strdup_printf ("INV-%06d", g_rand_int_range (rand, 1000, 1000000));
    case 3:
      return g_strdup_printf ("R%02d%04d-%02d", year % 100, g_rand_int_range (rand, 101, 1232),
                              g_rand_int_range (rand, 1, 60));
    default:
      return g_strdup_printf ("%d", g_rand_int_range (rand, 10000000, 99999999));
    }
}

static char *
random_customer_number (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_strdup_printf ("KD-%05d", g_rand_int_range (rand, 1000, 100000));
    case 1:
      return g_strdup_printf ("C-%04d", g_rand_int_range (rand, 100, 10000));
    default:
      return g_strdup_printf ("%d", g_rand_int_range (rand, 1000000, 9999999));
    }
}

static char *
random_register (GRand *rand, const char *legal_form, const char *city)
{
  const char *court = strchr (city, ' ') != NULL ? strchr (city, ' ') + 1 : city;

  if (g_str_equal (legal_form, "GbR") || g_str_equal (legal_form, "Inc.")
      || g_str_equal (legal_form, "LLC"))
    return NULL;
  if (g_str_equal (legal_form, "Ltd"))
    return g_strdup_printf ("Registered in England and Wales No. %08d",
                            g_rand_int_range (rand, 1000000, 14000000));
  return g_strdup_printf ("Amtsgericht %s, %s %d", court,
                          g_str_has_suffix (legal_form, "KG") || g_str_equal (legal_form, "e.K.")
                            ? "HRA"
                            : "HRB",
                          g_rand_int_range (rand, 1000, 250000));
}

static char *
web_domain (const char *name, const char *tld)
{
  GString *out = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name, "C");

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
    else if (*p == ' ' && out->len > 0 && out->str[out->len - 1] != '-')
      g_string_append_c (out, '-');
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, tld);
  return g_string_free (out, FALSE);
}

/**
 * remit_test_invoice_new_varied:
 * @seed: any number
 *
 * A realistic invoice chosen from @seed: layout, language, kind, font, formats, companies,
 * items, VAT, IBAN placement, distractors. The same seed gives the same invoice. No QR
 * payload is set: callers that want a code set qr_payload.
 */
RemitTestInvoice *
remit_test_invoice_new_varied (guint seed)
{
  static const char *fonts[] = { "DejaVu Sans", "DejaVu Serif", "Liberation Sans",
                                 "Liberation Serif" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  RemitTestInvoice *inv = remit_test_invoice_new ();
  g_autofree char *base = NULL;
  const char *legal_form;
  const Bank *bank;
  const Bank *customer_bank;
  gboolean de, uk_style, us_style;
  char seller_home;
  int year, vat, n_items;
  guint32 issue;
  double r;

  inv->layout = g_rand_int_range (rand, 0, REMIT_TEST_N_LAYOUTS);
  if (inv->layout == REMIT_TEST_LAYOUT_US_HEADER)
    inv->language = chance (rand, 0.85) ? REMIT_TEST_LANGUAGE_EN : REMIT_TEST_LANGUAGE_DE;
  else
    inv->language = chance (rand, 0.75) ? REMIT_TEST_LANGUAGE_DE : REMIT_TEST_LANGUAGE_EN;
  de = is_german (inv);

  r = g_rand_double (rand);
  inv->kind = r < 0.68   ? REMIT_TEST_KIND_INVOICE
              : r < 0.82 ? REMIT_TEST_KIND_REMINDER
              : r < 0.91 ? REMIT_TEST_KIND_CREDIT_NOTE
                         : REMIT_TEST_KIND_REMITTANCE_SLIP;

  set_string (&inv->font_family, PICK (rand, fonts));
  inv->font_size = inv->layout == REMIT_TEST_LAYOUT_WHOLESALE
                     ? 8.0 + 0.5 * g_rand_int_range (rand, 0, 3)
                     : 9.0 + 0.5 * g_rand_int_range (rand, 0, 4);

  /* Currency, number format and the payee's bank follow the language. */
  if (de)
    {
      strcpy (inv->currency, "EUR");
      inv->numbers = REMIT_TEST_NUMBERS_GERMAN;
      r = g_rand_double (rand);
      bank = pick_bank (rand, r < 0.85 ? "DE" : r < 0.95 ? "AT" : "NL");
    }
  else
    {
      r = g_rand_double (rand);
      if (inv->layout == REMIT_TEST_LAYOUT_US_HEADER && r < 0.35)
        strcpy (inv->currency, "USD");
      else if (r < 0.7)
        strcpy (inv->currency, "EUR");
      else
        strcpy (inv->currency, "GBP");
      inv->numbers = chance (rand, 0.85) ? REMIT_TEST_NUMBERS_ENGLISH : REMIT_TEST_NUMBERS_GERMAN;
      if (g_str_equal (inv->currency, "GBP"))
        bank = pick_bank (rand, "GB");
      else
        {
          static const char *countries[] = { "DE", "DE", "NL", "FR", "AT" };
          bank = pick_bank (rand, PICK (rand, countries));
        }
    }
  inv->currency_style = chance (rand, 0.6) ? REMIT_TEST_CURRENCY_SYMBOL : REMIT_TEST_CURRENCY_CODE;
  inv->dates = chance (rand, 0.15) ? REMIT_TEST_DATES_ISO
               : chance (rand, 0.5) ? REMIT_TEST_DATES_LONG
                                    : REMIT_TEST_DATES_NUMERIC;
  us_style = !de && g_str_equal (inv->currency, "USD");
  uk_style = !de && !us_style;

  /* Seller. */
  if (inv->layout == REMIT_TEST_LAYOUT_UTILITY)
    {
      base = g_strdup (de ? PICK (rand, utility_names_de) : PICK (rand, utility_names_en));
      legal_form = de ? (chance (rand, 0.6) ? "GmbH" : "AG") : (us_style ? "LLC" : "Ltd");
    }
  else if (de)
    {
      base = g_strdup (PICK (rand, seller_names_de));
      legal_form = PICK (rand, legal_forms_de);
    }
  else
    {
      base = g_strdup (PICK (rand, seller_names_en));
      legal_form = us_style ? (chance (rand, 0.5) ? "Inc." : "LLC") : PICK (rand, legal_forms_en);
    }
  g_free (inv->seller_name);
  inv->seller_name = g_strdup_printf ("%s %s", base, legal_form);

  /* The seller lives where its legal form comes from. */
  if (g_str_equal (legal_form, "Inc.") || g_str_equal (legal_form, "LLC"))
    seller_home = 'U';
  else if (g_str_equal (legal_form, "Ltd"))
    seller_home = 'G';
  else
    seller_home = 'D';
  switch (seller_home)
    {
    case 'U':
      set_string (&inv->seller_street, PICK (rand, streets_us));
      set_string (&inv->seller_city, PICK (rand, cities_us));
      if (!us_style)
        set_string (&inv->seller_country, "USA");
      break;
    case 'G':
      set_string (&inv->seller_street, PICK (rand, streets_uk));
      set_string (&inv->seller_city, PICK (rand, cities_uk));
      if (!g_str_equal (inv->currency, "GBP"))
        set_string (&inv->seller_country, "United Kingdom");
      break;
    case 'D':
    default:
      set_string (&inv->seller_street, PICK (rand, streets_de));
      set_string (&inv->seller_city, PICK (rand, cities_de));
      if (!de)
        set_string (&inv->seller_country, "Germany");
      break;
    }
  g_clear_pointer (&inv->seller_phone, g_free);
  if (chance (rand, 0.8))
    inv->seller_phone
      = seller_home == 'U' ? g_strdup_printf ("(%03d) 555-%04d", g_rand_int_range (rand, 201, 989),
                                              g_rand_int_range (rand, 100, 9999))
        : seller_home == 'G'
          ? g_strdup_printf ("+44 20 %04d %04d", g_rand_int_range (rand, 1000, 9999),
                             g_rand_int_range (rand, 1000, 9999))
          : g_strdup_printf ("+49 %d %d-%d", g_rand_int_range (rand, 30, 999),
                             g_rand_int_range (rand, 10000, 999999),
                             g_rand_int_range (rand, 0, 30));
  g_clear_pointer (&inv->seller_email, g_free);
  if (chance (rand, 0.8))
    {
      g_autofree char *domain = web_domain (base, seller_home == 'U'   ? ".com"
                                                  : seller_home == 'G' ? ".co.uk"
                                                                       : ".de");
      inv->seller_email = g_strdup_printf ("%s@%s", de ? "rechnung" : "billing", domain);
    }
  g_clear_pointer (&inv->seller_vat_id, g_free);
  if (seller_home != 'U' && chance (rand, 0.85))
    inv->seller_vat_id = g_strdup_printf ("%s%09d", seller_home == 'G' ? "GB" : "DE",
                                          g_rand_int_range (rand, 100000000, 999999999));
  g_free (inv->seller_register);
  inv->seller_register = random_register (rand, legal_form, inv->seller_city);
  g_clear_pointer (&inv->seller_manager, g_free);
  if (!g_str_equal (legal_form, "GbR"))
    {
      const char *person = de ? PICK (rand, managers_de) : PICK (rand, managers_en);
      const char *role = g_str_equal (legal_form, "AG")      ? "Vorstand"
                         : g_str_equal (legal_form, "e.K.")  ? "Inhaber"
                         : g_str_equal (legal_form, "Ltd")   ? "Director"
                         : g_str_equal (legal_form, "Inc.")  ? "President"
                         : g_str_equal (legal_form, "LLC")   ? "Managing Member"
                         : de                                ? "Geschäftsführung"
                                                             : "Managing Director";
      inv->seller_manager = g_strdup_printf ("%s: %s", role, person);
    }

  /* Buyer. */
  g_clear_pointer (&inv->buyer_contact, g_free);
  if (chance (rand, 0.55))
    {
      set_string (&inv->buyer_name, de ? PICK (rand, companies_de) : PICK (rand, companies_en));
      if (chance (rand, 0.6))
        inv->buyer_contact = g_strdup (de ? PICK (rand, contacts_de) : PICK (rand, contacts_en));
    }
  else
    set_string (&inv->buyer_name, de ? PICK (rand, people_de) : PICK (rand, people_en));
  if (us_style)
    {
      set_string (&inv->buyer_street, PICK (rand, streets_us));
      set_string (&inv->buyer_city, PICK (rand, cities_us));
    }
  else if (uk_style && chance (rand, 0.7))
    {
      set_string (&inv->buyer_street, PICK (rand, streets_uk));
      set_string (&inv->buyer_city, PICK (rand, cities_uk));
      if (inv->seller_country != NULL)
        set_string (&inv->buyer_country, "United Kingdom");
    }
  else
    {
      set_string (&inv->buyer_street, PICK (rand, streets_de));
      set_string (&inv->buyer_city, PICK (rand, cities_de));
    }

  /* Numbers and dates. */
  issue = g_rand_int_range (rand, 0, 3 * 365);
  g_date_clear (&inv->issue_date, 1);
  g_date_set_dmy (&inv->issue_date, 1, G_DATE_JANUARY, 2023);
  g_date_add_days (&inv->issue_date, issue);
  year = g_date_get_year (&inv->issue_date);
  g_free (inv->invoice_number);
  inv->invoice_number = random_invoice_number (rand, year);
  if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    {
      static const char *labels_de[] = { "Gutschrift-Nr.", "Gutschriftsnummer" };
      static const char *labels_en[] = { "Credit note No.", "Credit note #" };
      set_string (&inv->invoice_number_label, de ? PICK (rand, labels_de) : PICK (rand, labels_en));
    }
  else
    {
      static const char *labels_de[] = { "Rechnungsnummer", "Rechnung Nr.", "Rechnungs-Nr." };
      static const char *labels_en[] = { "Invoice No.", "Invoice #", "Invoice number" };
      set_string (&inv->invoice_number_label, de ? PICK (rand, labels_de) : PICK (rand, labels_en));
    }
  g_clear_pointer (&inv->customer_number, g_free);
  if (inv->layout == REMIT_TEST_LAYOUT_UTILITY || chance (rand, 0.6))
    {
      static const char *labels_de[] = { "Kundennummer", "Kunden-Nr.", "Kd.-Nr." };
      static const char *labels_en[] = { "Customer No.", "Customer ID", "Account No." };
      inv->customer_number = random_customer_number (rand);
      if (inv->layout == REMIT_TEST_LAYOUT_UTILITY)
        set_string (&inv->customer_number_label, de ? "Vertragskonto" : "Account number");
      else
        set_string (&inv->customer_number_label,
                    de ? PICK (rand, labels_de) : PICK (rand, labels_en));
    }
  g_date_clear (&inv->due_date, 1);
  if (inv->kind == REMIT_TEST_KIND_REMINDER || chance (rand, 0.7))
    {
      static const int terms[] = { 10, 14, 14, 30 };
      inv->due_date = inv->issue_date;
      g_date_add_days (&inv->due_date, PICK (rand, terms));
      /* A reminder is sent some weeks after the invoice and sets a new date. */
      if (inv->kind == REMIT_TEST_KIND_REMINDER)
        g_date_add_days (&inv->due_date, 35);
    }

  /* Items and VAT. */
  r = g_rand_double (rand);
  if (de)
    vat = r < 0.75 ? 19 : r < 0.87 ? 7 : 0;
  else if (g_str_equal (inv->currency, "GBP"))
    vat = r < 0.8 ? 20 : 0;
  else if (g_str_equal (inv->currency, "USD"))
    vat = r < 0.5 ? 7 : 0;
  else
    vat = r < 0.6 ? 19 : r < 0.8 ? 20 : 0;
  if (inv->layout == REMIT_TEST_LAYOUT_UTILITY && vat == 0)
    vat = de ? 19 : 20;
  if (inv->layout == REMIT_TEST_LAYOUT_FREELANCER && de && chance (rand, 0.3))
    vat = 0; /* Kleinunternehmer */

  remit_test_invoice_clear_items (inv);
  switch (inv->layout)
    {
    case REMIT_TEST_LAYOUT_UTILITY:
      add_utility_items (inv, rand, vat);
      break;
    case REMIT_TEST_LAYOUT_WHOLESALE:
      n_items = chance (rand, 0.35) ? g_rand_int_range (rand, 26, 46)
                                    : g_rand_int_range (rand, 4, 16);
      for (int i = 0; i < n_items; i++)
        add_from_template (inv, rand, &PICK (rand, wholesale_items),
                           vat == 19 && chance (rand, 0.12) ? 7 : vat, TRUE);
      break;
    case REMIT_TEST_LAYOUT_FREELANCER:
      n_items = g_rand_int_range (rand, 1, 6);
      for (int i = 0; i < n_items; i++)
        add_from_template (inv, rand, &PICK (rand, freelance_items), vat, FALSE);
      break;
    case REMIT_TEST_LAYOUT_DIN_LETTER:
    case REMIT_TEST_LAYOUT_US_HEADER:
    default:
      {
        gboolean articles = chance (rand, 0.4);

        n_items = chance (rand, 0.12) ? g_rand_int_range (rand, 18, 30)
                                      : g_rand_int_range (rand, 1, 7);
        for (int i = 0; i < n_items; i++)
          add_from_template (inv, rand, &PICK (rand, general_items), vat,
                             articles && chance (rand, 0.8));
      }
      break;
    }

  {
    static const char *totals_de[] = { "Rechnungsbetrag", "Gesamtbetrag", "Endbetrag", "Zu zahlen",
                                       "Zahlbetrag" };
    static const char *totals_en[] = { "Total", "Amount due", "Total due", "Balance due" };
    static const char *reminder_de[] = { "Zu zahlen", "Offener Betrag", "Gesamtbetrag",
                                         "Zahlbetrag" };
    static const char *reminder_en[] = { "Amount due", "Total due", "Balance due" };
    static const char *credit_de[] = { "Gutschriftsbetrag", "Gesamtbetrag" };
    static const char *credit_en[] = { "Total credit", "Total" };

    if (inv->kind == REMIT_TEST_KIND_REMINDER)
      set_string (&inv->total_label, de ? PICK (rand, reminder_de) : PICK (rand, reminder_en));
    else if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
      set_string (&inv->total_label, de ? PICK (rand, credit_de) : PICK (rand, credit_en));
    else
      set_string (&inv->total_label, de ? PICK (rand, totals_de) : PICK (rand, totals_en));
  }

  g_clear_pointer (&inv->title, g_free);
  if (inv->kind == REMIT_TEST_KIND_REMINDER)
    {
      static const char *titles_de[] = { "Zahlungserinnerung", "Mahnung", "1. Mahnung",
                                         "2. Mahnung" };
      static const char *titles_en[] = { "Payment reminder", "Reminder", "Final reminder" };
      static const gint64 fees[] = { 250, 500, 500, 1000, 1500 };

      inv->title = g_strdup (de ? PICK (rand, titles_de) : PICK (rand, titles_en));
      inv->reminder_fee = PICK (rand, fees);
    }

  /* Payment details. */
  g_free (inv->iban);
  inv->iban = random_iban (rand, bank);
  set_string (&inv->bank_name, bank->name);
  g_free (inv->bic);
  if (chance (rand, 0.3) && g_str_has_suffix (bank->bic, "XXX"))
    inv->bic = g_strndup (bank->bic, 8);
  else
    inv->bic = g_strdup (bank->bic);
  inv->iban_spaced = chance (rand, 0.6);
  inv->bic_style = chance (rand, 0.7) ? REMIT_TEST_BIC_LABELLED : REMIT_TEST_BIC_BARE;
  inv->payment_as_list = chance (rand, 0.5);
  switch (inv->layout)
    {
    case REMIT_TEST_LAYOUT_DIN_LETTER:
      inv->iban_in_footer = chance (rand, 0.85);
      inv->iban_in_body = !inv->iban_in_footer || chance (rand, 0.7);
      break;
    case REMIT_TEST_LAYOUT_US_HEADER:
      inv->iban_in_body = chance (rand, 0.85);
      inv->iban_in_footer = !inv->iban_in_body || chance (rand, 0.4);
      break;
    case REMIT_TEST_LAYOUT_WHOLESALE:
      inv->iban_in_footer = chance (rand, 0.9);
      inv->iban_in_body = !inv->iban_in_footer || chance (rand, 0.4);
      break;
    case REMIT_TEST_LAYOUT_FREELANCER:
      inv->iban_in_body = chance (rand, 0.9);
      inv->iban_in_footer = !inv->iban_in_body || chance (rand, 0.4);
      break;
    case REMIT_TEST_LAYOUT_UTILITY:
    default:
      inv->iban_in_body = chance (rand, 0.4);
      inv->iban_in_footer = chance (rand, 0.5);
      break;
    }
  if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    inv->iban_in_footer = TRUE;

  g_clear_pointer (&inv->account_holder, g_free);
  if (chance (rand, 0.4))
    inv->account_holder = g_strdup (inv->seller_name);

  g_clear_pointer (&inv->payment_reference, g_free);
  if (inv->kind == REMIT_TEST_KIND_REMITTANCE_SLIP
      || chance (rand, inv->layout == REMIT_TEST_LAYOUT_UTILITY ? 0.8 : 0.45))
    {
      static const char *labels_de[] = { "Verwendungszweck", "Zahlungsreferenz" };
      static const char *labels_en[] = { "Payment reference", "Reference" };

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          inv->payment_reference = g_strdup (inv->invoice_number);
          break;
        case 1:
          if (inv->customer_number != NULL)
            {
              inv->payment_reference
                = g_strdup_printf ("%s %s", inv->customer_number, inv->invoice_number);
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          {
            g_autofree char *ref = random_digits (rand, g_rand_int_range (rand, 8, 15));
            g_autofree char *rf = remit_test_make_iban ("RF", ref);

            inv->payment_reference = format_iban (rf, TRUE);
          }
          break;
        }
      set_string (&inv->payment_reference_label,
                  de ? PICK (rand, labels_de) : PICK (rand, labels_en));
    }

  inv->distractor = REMIT_TEST_DISTRACTOR_NONE;
  if (chance (rand, 0.25))
    inv->distractor = chance (rand, 0.5) ? REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT
                                         : REMIT_TEST_DISTRACTOR_DIRECT_DEBIT;
  do
    customer_bank = pick_bank (rand, "DE");
  while (customer_bank == bank);
  g_free (inv->distractor_iban);
  inv->distractor_iban = random_iban (rand, customer_bank);

  return inv;
}

typedef struct
{
  const char *name;
  void (*apply) (RemitTestInvoice *inv);
} Preset;

static void
preset_default (RemitTestInvoice *inv)
{
}

static void
preset_us (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_US_HEADER;
  inv->numbers = REMIT_TEST_NUMBERS_ENGLISH;
  inv->dates = REMIT_TEST_DATES_LONG;
  strcpy (inv->currency, "GBP");
  set_string (&inv->font_family, "Liberation Sans");
  set_string (&inv->seller_name, "Copperfield Print Works Ltd");
  set_string (&inv->seller_street, "221 Deansgate");
  set_string (&inv->seller_city, "Manchester M3 4LZ");
  set_string (&inv->seller_phone, "+44 161 496 0123");
  set_string (&inv->seller_email, "billing@copperfield-print.co.uk");
  set_string (&inv->seller_vat_id, "GB123456782");
  set_string (&inv->seller_register, "Registered in England and Wales No. 08123456");
  set_string (&inv->seller_manager, "Director: Hannah Clarke");
  set_string (&inv->buyer_name, "Bluebell Café Ltd");
  set_string (&inv->buyer_contact, "Attn: Accounts Payable");
  set_string (&inv->buyer_street, "7 Harbour Road");
  set_string (&inv->buyer_city, "Bristol BS1 5TY");
  set_string (&inv->invoice_number, "INV-004271");
  set_string (&inv->invoice_number_label, "Invoice #");
  set_string (&inv->customer_number, "C-2291");
  set_string (&inv->customer_number_label, "Customer No.");
  remit_test_invoice_clear_items (inv);
  remit_test_invoice_add_item (inv, "A5 flyers, full colour both sides", "FL-A5-44", 2500, "pcs",
                               12, 20);
  remit_test_invoice_add_item (inv, "Business cards, 400 gsm matt", "BC-400", 4, "box", 3450, 20);
  remit_test_invoice_add_item (inv, "Artwork preparation", NULL, 2, "hrs", 4500, 20);
  set_string (&inv->total_label, "Balance due");
  set_string (&inv->iban, "GB82WEST12345698765432");
  set_string (&inv->bic, "WESTGB2L");
  set_string (&inv->bank_name, "Westminster Bank");
  set_string (&inv->account_holder, "Copperfield Print Works Ltd");
  set_string (&inv->payment_reference, "INV-004271");
  set_string (&inv->payment_reference_label, "Payment reference");
  inv->iban_in_footer = FALSE;
  inv->payment_as_list = TRUE;
}

static void
preset_wholesale (RemitTestInvoice *inv)
{
  static const char *units[] = { "Stk.", "Pck.", "Ktn.", "Rolle" };

  inv->layout = REMIT_TEST_LAYOUT_WHOLESALE;
  inv->font_size = 8.5;
  set_string (&inv->seller_name, "Rheinland Bürobedarf GmbH & Co. KG");
  set_string (&inv->seller_register, "Amtsgericht Düsseldorf, HRA 24680");
  set_string (&inv->invoice_number_label, "Rechnungs-Nr.");
  set_string (&inv->total_label, "Gesamtbetrag");
  remit_test_invoice_clear_items (inv);
  /* Enough rows to need a second page. */
  for (int i = 0; i < 40; i++)
    {
      const ItemTemplate *tpl = &wholesale_items[i % G_N_ELEMENTS (wholesale_items)];
      g_autofree char *article = g_strdup_printf ("%02d-%04d", 10 + i, 1000 + 37 * i);

      remit_test_invoice_add_item (inv, tpl->de, article, 1 + (i * 7) % 23, units[i % 4],
                                   tpl->min_price + 10 * i, i % 9 == 4 ? 7 : 19);
    }
}

static void
preset_freelancer (RemitTestInvoice *inv)
{
  inv->layout = REMIT_TEST_LAYOUT_FREELANCER;
  set_string (&inv->font_family, "DejaVu Serif");
  inv->dates = REMIT_TEST_DATES_LONG;
  set_string (&inv->seller_name, "Nordlicht Mediendesign GbR");
  g_clear_pointer (&inv->seller_register, g_free);
  g_clear_pointer (&inv->seller_manager, g_free);
  g_clear_pointer (&inv->customer_number, g_free);
  set_string (&inv->invoice_number, "2024-017");
  set_string (&inv->invoice_number_label, "Rechnung Nr.");
  remit_test_invoice_clear_items (inv);
  remit_test_invoice_add_item (inv, "Konzeption und Beratung", NULL, 6, "Std.", 9500, 0);
  remit_test_invoice_add_item (inv, "Screendesign Startseite", NULL, 14, "Std.", 8500, 0);
  set_string (&inv->total_label, "Zu zahlen");
  set_string (&inv->iban, "DE02120300000000202051");
  set_string (&inv->bic, "BYLADEM1001");
  set_string (&inv->bank_name, "Deutsche Kreditbank");
  inv->iban_spaced = FALSE;
  inv->iban_in_footer = FALSE;
  inv->bic_style = REMIT_TEST_BIC_BARE;
  g_clear_pointer (&inv->payment_reference, g_free);
}

static void
preset_utility (RemitTestInvoice *inv)
{
  inv->layout = REMIT_TEST_LAYOUT_UTILITY;
  set_string (&inv->seller_name, "Stadtwerke Lindenau AG");
  set_string (&inv->seller_manager, "Vorstand: Dr. Julia Lorenz");
  set_string (&inv->customer_number, "4711023");
  set_string (&inv->customer_number_label, "Vertragskonto");
  set_string (&inv->invoice_number, "100234567");
  set_string (&inv->invoice_number_label, "Rechnungs-Nr.");
  remit_test_invoice_clear_items (inv);
  remit_test_invoice_add_item (inv, "Arbeitspreis Strom", NULL, 2450, "kWh", 32, 19);
  remit_test_invoice_add_item (inv, "Grundpreis", NULL, 12, "Monate", 1150, 19);
  remit_test_invoice_add_item (inv, "Messstellenbetrieb", NULL, 1, "pauschal", 2000, 19);
  set_string (&inv->total_label, "Zahlbetrag");
  set_string (&inv->payment_reference, "4711023 100234567");
  inv->iban_in_body = FALSE;
  inv->iban_in_footer = FALSE;
  inv->distractor = REMIT_TEST_DISTRACTOR_DIRECT_DEBIT;
}

static void
preset_reminder (RemitTestInvoice *inv)
{
  inv->kind = REMIT_TEST_KIND_REMINDER;
  set_string (&inv->title, "1. Mahnung");
  set_string (&inv->total_label, "Offener Betrag");
  inv->reminder_fee = 500;
  g_date_set_dmy (&inv->due_date, 19, G_DATE_APRIL, 2024);
}

static void
preset_credit_note (RemitTestInvoice *inv)
{
  inv->kind = REMIT_TEST_KIND_CREDIT_NOTE;
  set_string (&inv->invoice_number, "GS-2024-0031");
  set_string (&inv->invoice_number_label, "Gutschrift-Nr.");
  set_string (&inv->total_label, "Gutschriftsbetrag");
  g_clear_pointer (&inv->payment_reference, g_free);
  remit_test_invoice_clear_items (inv);
  remit_test_invoice_add_item (inv, "Rückvergütung Softwarelizenz (anteilig)", "SW-1200", 1,
                               "Stk.", 22250, 19);
}

static void
preset_slip (RemitTestInvoice *inv)
{
  inv->kind = REMIT_TEST_KIND_REMITTANCE_SLIP;
  inv->iban_in_footer = FALSE;
  set_string (&inv->payment_reference, "RF18 5390 0754 7034");
}

static void
preset_distractor (RemitTestInvoice *inv)
{
  inv->distractor = REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT;
  inv->payment_as_list = TRUE;
  inv->iban_in_footer = FALSE;
  inv->bic_style = REMIT_TEST_BIC_BARE;
}

static const Preset presets[] = {
  { "default", preset_default },
  { "us-invoice", preset_us },
  { "wholesale-multipage", preset_wholesale },
  { "freelancer", preset_freelancer },
  { "utility-bill", preset_utility },
  { "reminder", preset_reminder },
  { "credit-note", preset_credit_note },
  { "remittance-slip", preset_slip },
  { "distractor", preset_distractor },
};

/**
 * remit_test_invoice_get_presets:
 *
 * Returns: (transfer none): the %NULL-terminated names remit_test_invoice_new_preset() knows.
 */
const char *const *
remit_test_invoice_get_presets (void)
{
  static const char *names[G_N_ELEMENTS (presets) + 1];

  if (names[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
      names[i] = presets[i].name;
  return names;
}

RemitTestInvoice *
remit_test_invoice_new_preset (const char *name, GError **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].name, name))
      {
        RemitTestInvoice *inv = remit_test_invoice_new ();

        presets[i].apply (inv);
        return inv;
      }

  g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
               "There is no test invoice preset “%s”", name);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing: a display list per page, so that pages can be counted before they are painted    */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb black = { 0.1, 0.1, 0.12 };
static const Rgb gray = { 0.42, 0.43, 0.46 };
static const Rgb light = { 0.93, 0.94, 0.95 };
static const Rgb rule_gray = { 0.75, 0.76, 0.78 };
static const Rgb white = { 1, 1, 1 };

typedef enum
{
  OP_TEXT,
  OP_RECT,
  OP_LINE,
  OP_QR,
  OP_PAGE_NUMBER,
} OpKind;

typedef struct
{
  OpKind kind;
  double x, y, w, h;
  Rgb color; /* text, line or outline */
  Rgb fill;
  gboolean filled;
  gboolean stroked;
  gboolean dashed;
  double line_width;
  double radius;
  PangoLayout *layout;
  /* page numbers */
  double size;
  PangoAlignment align;
  gboolean compact;
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
  g_free (op);
}

/* The places markers in text given to put(): a value is enclosed in a start marker and END.
 * The start marker gives how prominent the place is; the most prominent place of a field,
 * the first one among equals, is the one an engine should report. */
#define MARK_MINOR "\001" /* letterheads, footers, repetitions */
#define MARK_SLIP "\003"  /* payment slips, meta blocks of secondary importance */
#define MARK_MAIN "\004"  /* the place a reader looks first */
#define MARK_WRAP "\005"  /* main, and may wrap: descriptions */
#define END "\002"
#define GLUE "\006"      /* keeps the text up to GLUE_END on one line, e.g. a label and value */
#define GLUE_END "\007"

typedef struct
{
  RemitTestField *field;
  RemitTestBox previous_box;
  char *previous_text;
  int previous_priority;
} LogEntry;

typedef struct
{
  int rate;
  gint64 net;
  gint64 vat;
} VatGroup;

typedef struct _Doc Doc;

struct _Doc
{
  const RemitTestInvoice *inv;
  RemitTestExpected *exp;
  gboolean de;
  PangoContext *pango;
  const char *family;
  const char *mono_family;
  double width, height; /* page */
  double left, right;   /* content edges */
  double y;             /* flow position */
  double bottom;        /* flow limit on this page */
  double page_top;      /* flow start on this page */
  GPtrArray *pages;     /* GPtrArray of Op per page */
  int page;             /* 1-based */
  GArray *log;          /* LogEntry */
  GHashTable *priorities; /* RemitTestField → main place priority */
  GHashTable *sizes;      /* measured texts */
  QRcode *qr;
  Rgb accent;
  Rgb accent_light;
  void (*decorate) (Doc *d);

  VatGroup groups[8];
  int n_groups;
  gint64 net, vat, gross, to_pay;

  /* text of the values, as printed */
  char *iban_text;
  char *bic_text;
  char *distractor_text;
  char *amount_text;
  char *issue_text;
  char *due_text;
  GDate due;            /* the date due_text shows, or invalid */
  GDate term_due;       /* the end of the term printed when there is no due date */
  char *reminder_text;
  char *original_due_text;
};

typedef struct
{
  double size;
  gboolean bold;
  gboolean italic;
  gboolean mono;
  Rgb color;
  PangoAlignment align;
  double letter_spacing;
  double line_spacing; /* factor, 0 for the font's own */
} Style;

static Style
style (double size)
{
  Style st = { size, FALSE, FALSE, FALSE, black, PANGO_ALIGN_LEFT, 0, 0 };

  return st;
}

static Style
style_bold (double size)
{
  Style st = style (size);

  st.bold = TRUE;
  return st;
}

static Style
style_colored (double size, Rgb color)
{
  Style st = style (size);

  st.color = color;
  return st;
}

static GPtrArray *
page_ops (Doc *d)
{
  return g_ptr_array_index (d->pages, d->page - 1);
}

static Op *
add_op (Doc *d, OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  g_ptr_array_add (page_ops (d), op);
  return op;
}

static void
add_rect (Doc *d, double x, double y, double w, double h, const Rgb *fill, const Rgb *stroke,
          double line_width)
{
  Op *op = add_op (d, OP_RECT);

  op->x = x;
  op->y = y;
  op->w = w;
  op->h = h;
  if (fill != NULL)
    {
      op->filled = TRUE;
      op->fill = *fill;
    }
  if (stroke != NULL)
    {
      op->stroked = TRUE;
      op->color = *stroke;
    }
  op->line_width = line_width;
}

static void
add_round_rect (Doc *d, double x, double y, double w, double h, double radius, const Rgb *fill,
                const Rgb *stroke, double line_width)
{
  add_rect (d, x, y, w, h, fill, stroke, line_width);
  ((Op *) g_ptr_array_index (page_ops (d), page_ops (d)->len - 1))->radius = radius;
}

static void
add_line (Doc *d, double x1, double y1, double x2, double y2, double line_width, Rgb color)
{
  Op *op = add_op (d, OP_LINE);

  op->x = x1;
  op->y = y1;
  op->w = x2 - x1;
  op->h = y2 - y1;
  op->line_width = line_width;
  op->color = color;
}

static void
add_dashed_line (Doc *d, double x1, double y1, double x2, double y2, double line_width, Rgb color)
{
  add_line (d, x1, y1, x2, y2, line_width, color);
  ((Op *) g_ptr_array_index (page_ops (d), page_ops (d)->len - 1))->dashed = TRUE;
}

/* "Seite 3 von 4" (or "3 / 4" when COMPACT), filled in once the pages are counted. */
static void
add_page_number (Doc *d, double x, double y, double w, double size, PangoAlignment align,
                 gboolean compact, Rgb color)
{
  Op *op = add_op (d, OP_PAGE_NUMBER);

  op->x = x;
  op->y = y;
  op->w = w;
  op->size = size;
  op->align = align;
  op->compact = compact;
  op->color = color;
}

typedef struct
{
  gsize start;
  gsize end;
  int priority;
  gboolean wrap;
} MarkRange;

static char *
strip_marks (const char *text, GArray *ranges)
{
  GString *out = g_string_new (NULL);
  MarkRange range = { 0, 0, 0, FALSE };
  MarkRange glue = { 0, 0, 0, FALSE };

  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\006':
          glue.start = out->len;
          break;
        case '\007':
          glue.end = out->len;
          if (ranges != NULL)
            g_array_append_val (ranges, glue);
          break;
        case '\001':
        case '\003':
        case '\004':
        case '\005':
          range.start = out->len;
          range.priority = *p == '\001' ? 1 : *p == '\003' ? 2 : 3;
          range.wrap = *p == '\005';
          break;
        case '\002':
          range.end = out->len;
          if (ranges != NULL)
            g_array_append_val (ranges, range);
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static PangoLayout *
make_layout (Doc *d, const Style *st, const char *text, double width, GArray *ranges)
{
  PangoLayout *layout = pango_layout_new (d->pango);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (desc, st->mono ? d->mono_family : d->family);
  pango_font_description_set_weight (desc, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size (desc, st->size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_alignment (layout, st->align);
  if (st->line_spacing > 0)
    pango_layout_set_line_spacing (layout, st->line_spacing);

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  if (st->letter_spacing > 0)
    pango_attr_list_insert (
      attrs, pango_attr_letter_spacing_new ((int) (st->letter_spacing * PANGO_SCALE)));
  /* A value is never broken across lines: it moves to the next line as a whole. */
  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      MarkRange *range = &g_array_index (ranges, MarkRange, i);
      PangoAttribute *attr;

      if (range->wrap)
        continue;
      attr = pango_attr_allow_breaks_new (FALSE);
      attr->start_index = range->start;
      attr->end_index = range->end;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The logical size of TEXT laid out in WIDTH; the same texts are measured again and again
 * (row heights, column widths), so the sizes are kept. */
static void
measure (Doc *d, const Style *st, const char *text, double width, double *w, double *h)
{
  g_autofree char *plain = strip_marks (text, NULL);
  char *key = g_strdup_printf ("%d%d%d|%.3f|%.3f|%.3f|%.3f|%d|%s", st->bold, st->italic, st->mono,
                               st->size, st->letter_spacing, st->line_spacing, width, st->align,
                               plain);
  double *size = g_hash_table_lookup (d->sizes, key);

  if (size == NULL)
    {
      PangoLayout *layout = make_layout (d, st, plain, width, NULL);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      g_object_unref (layout);
      size = g_new (double, 2);
      size[0] = (double) logical.width / PANGO_SCALE;
      size[1] = (double) logical.height / PANGO_SCALE;
      g_hash_table_insert (d->sizes, key, size);
    }
  else
    g_free (key);

  *w = size[0];
  *h = size[1];
}

static double
text_width (Doc *d, const Style *st, const char *text)
{
  double w, h;

  measure (d, st, text, 0, &w, &h);
  return w;
}

static double
text_height (Doc *d, const Style *st, const char *text, double width)
{
  double w, h;

  measure (d, st, text, width, &w, &h);
  return h;
}

static void
add_place (Doc *d, RemitTestField *field, const RemitTestBox *box, const char *text, int priority)
{
  RemitTestPlace place = { *box, g_strdup (text) };
  int current = GPOINTER_TO_INT (g_hash_table_lookup (d->priorities, field));
  LogEntry entry = { field, field->box, g_strdup (field->text), current };

  g_array_append_val (field->places, place);
  g_array_append_val (d->log, entry);
  if (priority > current)
    {
      field->box = *box;
      g_free (field->text);
      field->text = g_strdup (text);
      g_hash_table_insert (d->priorities, field, GINT_TO_POINTER (priority));
    }
}

/* The rectangle of bytes START … END of a laid-out text whose top-left corner is at X, Y. */
static void
range_box (Doc *d, PangoLayout *layout, const char *text, const MarkRange *range, double x,
           double y, RemitTestBox *box)
{
  PangoRectangle first, last, logical;
  int last_index = g_utf8_prev_char (text + range->end) - text;
  double left, right;

  pango_layout_index_to_pos (layout, range->start, &first);
  pango_layout_index_to_pos (layout, last_index, &last);
  pango_layout_get_extents (layout, NULL, &logical);
  if (first.y == last.y)
    {
      left = MIN (first.x, last.x + MIN (last.width, 0));
      right = MAX (first.x + first.width, last.x + MAX (last.width, 0));
    }
  else
    {
      left = logical.x;
      right = logical.x + logical.width;
    }

  box->page = d->page;
  box->left = x + left / PANGO_SCALE;
  box->top = y + (double) first.y / PANGO_SCALE;
  box->width = (right - left) / PANGO_SCALE;
  box->height = (double) (last.y + last.height - first.y) / PANGO_SCALE;
}

/*
 * Lays out TEXT with its top-left corner at X, Y, wrapped to WIDTH (one line when 0), and
 * records where the marked values were drawn, one field argument per marked value in order
 * (NULL-terminated). Returns the height of the text.
 */
G_GNUC_NULL_TERMINATED static double
put (Doc *d, double x, double y, double width, const Style *st, const char *text, ...)
{
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MarkRange));
  g_autofree char *plain = strip_marks (text, ranges);
  PangoLayout *layout = make_layout (d, st, plain, width, ranges);
  PangoRectangle logical;
  Op *op;
  va_list args;

  va_start (args, text);
  for (guint i = 0; i < ranges->len; i++)
    {
      MarkRange *range = &g_array_index (ranges, MarkRange, i);
      RemitTestField *field;
      g_autofree char *value = NULL;
      RemitTestBox box;

      if (range->priority == 0)
        continue; /* glue */
      field = va_arg (args, RemitTestField *);
      value = g_strndup (plain + range->start, range->end - range->start);
      g_assert (field != NULL);
      range_box (d, layout, plain, range, x, y, &box);
      add_place (d, field, &box, value, range->priority);
    }
  va_end (args);

  op = add_op (d, OP_TEXT);
  op->x = x;
  op->y = y;
  op->color = st->color;
  op->layout = layout;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* Text right-aligned at RIGHT, one line. */
G_GNUC_NULL_TERMINATED static double
put_right (Doc *d, double right, double y, const Style *st, const char *text, ...)
{
  double w = text_width (d, st, text);
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MarkRange));
  g_autofree char *plain = strip_marks (text, ranges);
  RemitTestField *fields[4] = { NULL, NULL, NULL, NULL };
  va_list args;

  va_start (args, text);
  for (guint i = 0, n = 0; i < ranges->len; i++)
    if (g_array_index (ranges, MarkRange, i).priority > 0)
      {
        g_assert (n < G_N_ELEMENTS (fields));
        fields[n++] = va_arg (args, RemitTestField *);
      }
  va_end (args);

  return put (d, right - w, y, 0, st, text, fields[0], fields[1], fields[2], fields[3], NULL);
}

/* Rolling back a block that did not fit on the page. */
typedef struct
{
  int page;
  guint n_ops;
  guint n_log;
  guint n_items;
  double y;
} Mark;

static void
mark_set (Doc *d, Mark *m)
{
  m->page = d->page;
  m->n_ops = page_ops (d)->len;
  m->n_log = d->log->len;
  m->n_items = d->exp->items->len;
  m->y = d->y;
}

static void
rollback (Doc *d, const Mark *m)
{
  g_assert (m->page == d->page);

  while (d->log->len > m->n_log)
    {
      LogEntry *entry = &g_array_index (d->log, LogEntry, d->log->len - 1);
      RemitTestField *field = entry->field;

      g_array_set_size (field->places, field->places->len - 1);
      field->box = entry->previous_box;
      g_free (field->text);
      field->text = g_steal_pointer (&entry->previous_text);
      if (entry->previous_priority > 0)
        g_hash_table_insert (d->priorities, field, GINT_TO_POINTER (entry->previous_priority));
      else
        g_hash_table_remove (d->priorities, field);
      g_array_set_size (d->log, d->log->len - 1);
    }
  g_ptr_array_set_size (page_ops (d), m->n_ops);
  g_ptr_array_set_size (d->exp->items, m->n_items);
  d->y = m->y;
}

static void
new_page (Doc *d)
{
  g_ptr_array_add (d->pages, g_ptr_array_new_with_free_func (op_free));
  d->page = d->pages->len;
  d->decorate (d);
  d->page_top = d->y;
}

typedef void (*BlockFunc) (Doc *d, gpointer data);

/* Draws a block at the flow position; when it runs past the bottom, it moves to a new page. */
static void
place_block (Doc *d, BlockFunc func, gpointer data)
{
  Mark m;

  mark_set (d, &m);
  func (d, data);
  if (d->page == m.page && d->y > d->bottom && m.y > d->page_top + 1)
    {
      rollback (d, &m);
      new_page (d);
      func (d, data);
    }
}

static void
log_entry_clear (gpointer data)
{
  LogEntry *entry = data;

  g_clear_pointer (&entry->previous_text, g_free);
}

static double
base_size (Doc *d)
{
  return d->inv->font_size;
}

static double
content_width (Doc *d)
{
  return d->right - d->left;
}

#define TR(d, de_text, en_text) ((d)->de ? (de_text) : (en_text))

/* ------------------------------------------------------------------------------------------ */
/* Content shared by the layouts                                                              */
/* ------------------------------------------------------------------------------------------ */

static char *
marked (const char *mark, const char *value)
{
  return g_strconcat (mark, value, END, NULL);
}

/* Text with marked values and the fields they belong to, in order. */
typedef struct
{
  GString *text;
  RemitTestField *fields[8];
  int n;
} Marked;

static void
marked_init (Marked *m)
{
  m->text = g_string_new (NULL);
  m->n = 0;
  memset (m->fields, 0, sizeof m->fields);
}

static void
marked_clear (Marked *m)
{
  g_string_free (m->text, TRUE);
}

static void
marked_add (Marked *m, const char *text)
{
  g_string_append (m->text, text);
}

static void
marked_value (Marked *m, const char *mark, const char *value, RemitTestField *field)
{
  g_assert (m->n < (int) G_N_ELEMENTS (m->fields));
  g_string_append (m->text, mark);
  g_string_append (m->text, value);
  g_string_append (m->text, END);
  m->fields[m->n++] = field;
}

/* PREFIX and the value, kept together on one line. */
static void
marked_glued (Marked *m, const char *prefix, const char *mark, const char *value,
              RemitTestField *field)
{
  g_string_append (m->text, GLUE);
  g_string_append (m->text, prefix);
  marked_value (m, mark, value, field);
  g_string_append (m->text, GLUE_END);
}

static double
marked_put (Doc *d, double x, double y, double width, const Style *st, Marked *m)
{
  return put (d, x, y, width, st, m->text->str, m->fields[0], m->fields[1], m->fields[2],
              m->fields[3], m->fields[4], m->fields[5], m->fields[6], m->fields[7], NULL);
}

static const char *
kind_title (Doc *d)
{
  if (d->inv->title != NULL)
    return d->inv->title;

  switch (d->inv->kind)
    {
    case REMIT_TEST_KIND_REMINDER:
      return TR (d, "Zahlungserinnerung", "Payment reminder");
    case REMIT_TEST_KIND_CREDIT_NOTE:
      return TR (d, "Gutschrift", "Credit note");
    case REMIT_TEST_KIND_REMITTANCE_SLIP:
      return TR (d, "Zahlschein", "Payment slip");
    case REMIT_TEST_KIND_INVOICE:
    default:
      if (d->inv->layout == REMIT_TEST_LAYOUT_UTILITY)
        return TR (d, "Ihre Jahresabrechnung", "Your annual statement");
      return TR (d, "Rechnung", "Invoice");
    }
}

static const char *
currency_mark (Doc *d)
{
  return d->inv->currency_style == REMIT_TEST_CURRENCY_SYMBOL ? currency_symbol (d->inv->currency)
                                                              : d->inv->currency;
}

static gboolean
has_vat (Doc *d)
{
  for (int i = 0; i < d->n_groups; i++)
    if (d->groups[i].rate > 0)
      return TRUE;
  return FALSE;
}

static void
compute_totals (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;

  d->n_groups = 0;
  for (guint i = 0; i < inv->items->len; i++)
    {
      const RemitTestItem *item = g_ptr_array_index (inv->items, i);
      int g = 0;

      while (g < d->n_groups && d->groups[g].rate != item->vat_percent)
        g++;
      if (g == d->n_groups)
        {
          d->groups[g].rate = item->vat_percent;
          d->groups[g].net = 0;
          d->n_groups++;
        }
      d->groups[g].net += item->quantity * item->unit_price;
    }

  /* Highest rate first. */
  for (int i = 1; i < d->n_groups; i++)
    for (int j = i; j > 0 && d->groups[j].rate > d->groups[j - 1].rate; j--)
      {
        VatGroup tmp = d->groups[j];

        d->groups[j] = d->groups[j - 1];
        d->groups[j - 1] = tmp;
      }

  d->net = 0;
  d->vat = 0;
  for (int i = 0; i < d->n_groups; i++)
    {
      d->groups[i].vat = (d->groups[i].net * d->groups[i].rate + 50) / 100;
      d->net += d->groups[i].net;
      d->vat += d->groups[i].vat;
    }
  d->gross = d->net + d->vat;
  d->to_pay = d->gross + (inv->kind == REMIT_TEST_KIND_REMINDER ? inv->reminder_fee : 0);
}

static void
compute_texts (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  GDate original_due = inv->issue_date;
  GDate reminder;

  d->iban_text = format_iban (inv->iban, inv->iban_spaced);
  d->bic_text = g_strdup (inv->bic);
  d->distractor_text = inv->distractor_iban != NULL
                         ? format_iban (inv->distractor_iban, inv->iban_spaced)
                         : NULL;
  d->amount_text = format_money (inv, d->to_pay);
  d->issue_text = format_date (inv, &inv->issue_date);
  d->due_text = g_date_valid (&inv->due_date) ? format_date (inv, &inv->due_date) : NULL;
  g_date_clear (&d->due, 1);
  if (g_date_valid (&inv->due_date))
    d->due = inv->due_date;

  /* A reminder: the invoice fell due two weeks after its date, the reminder went out ten
   * days before its own due date. */
  g_date_add_days (&original_due, 14);
  if (g_date_valid (&inv->due_date))
    {
      reminder = inv->due_date;
      g_date_subtract_days (&reminder, 10);
    }
  else
    {
      reminder = inv->issue_date;
      g_date_add_days (&reminder, 30);
    }
  if (g_date_compare (&reminder, &original_due) <= 0)
    {
      reminder = original_due;
      g_date_add_days (&reminder, 7);
    }
  d->reminder_text = format_date (inv, &reminder);
  /* The term runs from the date of the letter. */
  d->term_due = inv->kind == REMIT_TEST_KIND_REMINDER ? reminder : inv->issue_date;
  g_date_add_days (&d->term_due, 14);
  d->original_due_text = format_date (inv, &original_due);
  if (inv->kind == REMIT_TEST_KIND_REMINDER && g_date_valid (&inv->due_date)
      && g_date_compare (&inv->due_date, &reminder) <= 0)
    {
      /* A description made for an invoice: the reminder gives ten more days. */
      GDate due = reminder;

      g_date_add_days (&due, 10);
      g_free (d->due_text);
      d->due_text = format_date (inv, &due);
      d->due = due;
    }
}

typedef struct
{
  const char *label;
  char *value; /* with marks */
  RemitTestField *field;
} Meta;

static int
meta_entries (Doc *d, Meta *out, const char *mark)
{
  const RemitTestInvoice *inv = d->inv;
  int n = 0;

  out[n++] = (Meta) { inv->invoice_number_label, marked (mark, inv->invoice_number),
                      &d->exp->invoice_number };
  if (inv->customer_number != NULL)
    out[n++] = (Meta) { inv->customer_number_label, marked (mark, inv->customer_number),
                        &d->exp->customer_number };
  if (inv->kind == REMIT_TEST_KIND_REMINDER)
    out[n++] = (Meta) { TR (d, "Datum", "Date"), g_strdup (d->reminder_text), NULL };
  else if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    out[n++] = (Meta) { TR (d, "Datum", "Date"), g_strdup (d->issue_text), NULL };
  else
    out[n++] = (Meta) { TR (d, "Rechnungsdatum", "Invoice date"), g_strdup (d->issue_text), NULL };
  if (d->due_text != NULL && inv->kind != REMIT_TEST_KIND_CREDIT_NOTE)
    out[n++] = (Meta) { inv->kind == REMIT_TEST_KIND_REMINDER ? TR (d, "Zahlbar bis", "Pay by")
                                                               : TR (d, "Fällig am", "Due date"),
                        marked (mark, d->due_text), &d->exp->due_date };
  return n;
}

static void
meta_clear (Meta *meta, int n)
{
  for (int i = 0; i < n; i++)
    g_free (meta[i].value);
}

typedef struct
{
  char *text;
  RemitTestField *fields[3];
} Column;

/* Columns of small text spread over WIDTH; the size shrinks until they fit. */
static double
put_columns (Doc *d, double x, double y, double width, double size, Column *cols, int n, Rgb color)
{
  double widths[6];
  double total = 0, gap, height = 0;
  Style st;

  g_assert (n <= (int) G_N_ELEMENTS (widths));
  for (;;)
    {
      st = style_colored (size, color);
      total = 0;
      for (int i = 0; i < n; i++)
        total += widths[i] = text_width (d, &st, cols[i].text);
      if (total + 10 * (n - 1) <= width || size <= 5.5)
        break;
      size -= 0.25;
    }
  gap = n > 1 ? (width - total) / (n - 1) : 0;
  for (int i = 0; i < n; i++)
    {
      double h = put (d, x, y, 0, &st, cols[i].text, cols[i].fields[0], cols[i].fields[1],
                      cols[i].fields[2], NULL);

      height = MAX (height, h);
      x += widths[i] + gap;
    }
  return height;
}

static void
columns_clear (Column *cols, int n)
{
  for (int i = 0; i < n; i++)
    g_free (cols[i].text);
}

/* The bank details as lines: "Bank", "IBAN …", "BIC …" (or the bare BIC). */
static char *
bank_lines (Doc *d, const char *mark, const char *separator)
{
  const RemitTestInvoice *inv = d->inv;

  if (inv->bic_style == REMIT_TEST_BIC_LABELLED)
    return g_strdup_printf ("%s%sIBAN %s%s" END "%s%s %s%s" END, inv->bank_name, separator, mark,
                            d->iban_text, separator, TR (d, "BIC", "SWIFT/BIC"), mark, d->bic_text);
  return g_strdup_printf ("%s%sIBAN %s%s" END "%s%s%s" END, inv->bank_name, separator, mark,
                          d->iban_text, separator, mark, d->bic_text);
}

/* Letterhead footer columns: address, contact, registration, bank. */
static int
footer_columns (Doc *d, Column *cols)
{
  const RemitTestInvoice *inv = d->inv;
  GString *s;
  int n = 0;

  s = g_string_new (NULL);
  g_string_append_printf (s, MARK_MINOR "%s" END "\n%s\n%s", inv->seller_name, inv->seller_street,
                          inv->seller_city);
  if (inv->seller_country != NULL)
    g_string_append_printf (s, "\n%s", inv->seller_country);
  cols[n++] = (Column) { g_string_free (s, FALSE), { &d->exp->recipient } };

  if (inv->seller_phone != NULL || inv->seller_email != NULL)
    {
      s = g_string_new (NULL);
      if (inv->seller_phone != NULL)
        g_string_append_printf (s, "%s %s", TR (d, "Tel.", "Phone"), inv->seller_phone);
      if (inv->seller_email != NULL)
        g_string_append_printf (s, "%s%s", s->len > 0 ? "\n" : "", inv->seller_email);
      cols[n++] = (Column) { g_string_free (s, FALSE), { NULL } };
    }

  if (inv->seller_register != NULL || inv->seller_manager != NULL || inv->seller_vat_id != NULL)
    {
      s = g_string_new (NULL);
      if (inv->seller_register != NULL)
        g_string_append (s, inv->seller_register);
      if (inv->seller_manager != NULL)
        g_string_append_printf (s, "%s%s", s->len > 0 ? "\n" : "", inv->seller_manager);
      if (inv->seller_vat_id != NULL)
        g_string_append_printf (s, "%s%s %s", s->len > 0 ? "\n" : "",
                                TR (d, "USt-IdNr.", "VAT No."), inv->seller_vat_id);
      cols[n++] = (Column) { g_string_free (s, FALSE), { NULL } };
    }

  if (inv->iban_in_footer)
    cols[n++] = (Column) { bank_lines (d, MARK_MINOR, "\n"), { &d->exp->iban, &d->exp->bic } };

  return n;
}

/* One line of company details for the footers of the lighter layouts. */
static char *
footer_line (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, MARK_MINOR "%s" END " · %s · %s", inv->seller_name,
                          inv->seller_street, inv->seller_city);
  if (inv->seller_email != NULL)
    g_string_append_printf (s, " · %s", inv->seller_email);
  if (inv->seller_vat_id != NULL)
    g_string_append_printf (s, " · %s %s", TR (d, "USt-IdNr.", "VAT No."), inv->seller_vat_id);
  return g_string_free (s, FALSE);
}

/* The bank line of the lighter footers. */
static char *
footer_bank_line (Doc *d)
{
  return bank_lines (d, MARK_MINOR, " · ");
}

static char *
capitalised (const char *text)
{
  char *out = g_strdup (text);

  out[0] = g_ascii_toupper (out[0]);
  return out;
}

static void
intro_block (Doc *d, gpointer data)
{
  const RemitTestInvoice *inv = d->inv;
  gboolean salutation = GPOINTER_TO_INT (data);
  Style st = style (base_size (d));
  const char *text;

  if (salutation)
    {
      d->y += put (d, d->left, d->y, 0, &st,
                   TR (d, "Sehr geehrte Damen und Herren,", "Dear Sir or Madam,"), NULL);
      d->y += base_size (d) * 0.8;
    }

  switch (inv->kind)
    {
    case REMIT_TEST_KIND_REMINDER:
      if (inv->reminder_fee > 0)
        text = TR (d,
                   "sicher ist es Ihrer Aufmerksamkeit entgangen, dass die folgende Rechnung noch "
                   "nicht beglichen ist. Für diese Mahnung berechnen wir eine Gebühr.",
                   "our records show that the following invoice is still unpaid. A fee is added "
                   "for this reminder.");
      else
        text = TR (d,
                   "sicher ist es Ihrer Aufmerksamkeit entgangen, dass die folgende Rechnung noch "
                   "nicht beglichen ist.",
                   "our records show that the following invoice is still unpaid.");
      break;
    case REMIT_TEST_KIND_CREDIT_NOTE:
      text = TR (d, "wir schreiben Ihnen die folgenden Positionen gut:",
                 "we have credited the following items to your account:");
      break;
    case REMIT_TEST_KIND_INVOICE:
    default:
      text = TR (d, "vielen Dank für Ihren Auftrag. Wir berechnen Ihnen folgende Leistungen:",
                 "thank you for your order. We invoice you for the following:");
      break;
    }

  if (salutation && d->de)
    d->y += put (d, d->left, d->y, content_width (d), &st, text, NULL);
  else
    {
      g_autofree char *upper = capitalised (text);

      d->y += put (d, d->left, d->y, content_width (d), &st, upper, NULL);
    }
  d->y += base_size (d) * 1.2;
}

/* -- the items table -- */

typedef struct
{
  gboolean grid;
  gboolean zebra;
  gboolean header_fill;
  gboolean header_upper;
  gboolean header_rule;
  gboolean row_rules;
  gboolean currency_in_cells;
  gboolean position;
  gboolean unit_column;
  gboolean vat_column;
  gboolean combined; /* "6 Std. × 95,00 €" in one column */
  gboolean carry_over;
  gboolean short_heads; /* "E-Preis", "ME": the abbreviations of wholesale forms */
  double size;
  double pad;
  Rgb header_bg;
  Rgb header_fg;
  Rgb header_rule_color;
  Rgb row_rule_color;
  Rgb zebra_color;
  const char *desc_de;
  const char *desc_en;
} TableStyle;

enum
{
  COL_POS,
  COL_ART,
  COL_DESC,
  COL_QTY,
  COL_UNIT,
  COL_PRICE,
  COL_VAT,
  COL_TOTAL,
  N_COLS
};

#define CELL_PAD 4.0

typedef struct
{
  const TableStyle *ts;
  gboolean on[N_COLS];
  double x[N_COLS];
  double w[N_COLS];
  char *head[N_COLS];
  gint64 carried;
  double line_h;
} Table;

static gboolean
col_right_aligned (int col)
{
  return col == COL_QTY || col == COL_PRICE || col == COL_VAT || col == COL_TOTAL;
}

static char *
money_cell (Doc *d, const Table *t, gint64 minor)
{
  return t->ts->currency_in_cells ? format_money (d->inv, minor) : format_number (d->inv, minor);
}

/* The text of a cell with its values marked; FIELDS gets the item fields in mark order. */
static char *
cell_text (Doc *d, const Table *t, int col, guint index, const RemitTestItem *item,
           RemitTestExpectedItem *exp, RemitTestField **fields)
{
  g_autofree char *value = NULL;
  g_autofree char *price = NULL;

  fields[0] = fields[1] = NULL;
  switch (col)
    {
    case COL_POS:
      return g_strdup_printf ("%u", index + 1);
    case COL_ART:
      if (item->article_number == NULL)
        return g_strdup ("");
      fields[0] = exp != NULL ? &exp->article_number : NULL;
      return marked (MARK_MAIN, item->article_number);
    case COL_DESC:
      fields[0] = exp != NULL ? &exp->description : NULL;
      return marked (MARK_WRAP, item->description);
    case COL_QTY:
      value = format_quantity (d->inv, item->quantity);
      fields[0] = exp != NULL ? &exp->quantity_field : NULL;
      if (t->ts->combined)
        {
          price = format_money (d->inv, item->unit_price);
          fields[1] = exp != NULL ? &exp->unit_price_field : NULL;
          return g_strdup_printf (MARK_MAIN "%s" END "%s%s × " MARK_MAIN "%s" END, value,
                                  item->unit != NULL ? " " : "",
                                  item->unit != NULL ? item->unit : "", price);
        }
      if (!t->on[COL_UNIT] && item->unit != NULL)
        return g_strdup_printf (MARK_MAIN "%s" END " %s", value, item->unit);
      return marked (MARK_MAIN, value);
    case COL_UNIT:
      return g_strdup (item->unit != NULL ? item->unit : "");
    case COL_PRICE:
      value = money_cell (d, t, item->unit_price);
      fields[0] = exp != NULL ? &exp->unit_price_field : NULL;
      return marked (MARK_MAIN, value);
    case COL_VAT:
      return g_strdup_printf ("%d %%", item->vat_percent);
    case COL_TOTAL:
    default:
      value = money_cell (d, t, item->quantity * item->unit_price);
      fields[0] = exp != NULL ? &exp->total_field : NULL;
      return marked (MARK_MAIN, value);
    }
}

static Style
header_style (const Table *t)
{
  Style st = style_bold (t->ts->size);

  st.color = t->ts->header_fg;
  return st;
}

static void
table_setup (Doc *d, Table *t, const TableStyle *ts)
{
  const RemitTestInvoice *inv = d->inv;
  gboolean articles = FALSE;
  Style cell = style (ts->size);
  Style head;
  double used = 0;
  const char *mark = currency_mark (d);
  const char *price, *total;

  memset (t, 0, sizeof *t);
  t->ts = ts;
  for (guint i = 0; i < inv->items->len; i++)
    if (((RemitTestItem *) g_ptr_array_index (inv->items, i))->article_number != NULL)
      articles = TRUE;

  t->on[COL_POS] = ts->position;
  t->on[COL_ART] = articles;
  t->on[COL_DESC] = TRUE;
  t->on[COL_QTY] = TRUE;
  t->on[COL_UNIT] = ts->unit_column;
  t->on[COL_PRICE] = !ts->combined;
  t->on[COL_VAT] = ts->vat_column;
  t->on[COL_TOTAL] = TRUE;

  t->head[COL_POS] = g_strdup (TR (d, "Pos.", "No."));
  t->head[COL_ART] = g_strdup (TR (d, "Art.-Nr.", "Item #"));
  t->head[COL_DESC] = g_strdup (d->de ? ts->desc_de : ts->desc_en);
  t->head[COL_QTY] = g_strdup (ts->combined ? TR (d, "Menge × Preis", "Qty × Rate")
                                            : TR (d, "Menge", "Qty"));
  t->head[COL_UNIT] = g_strdup (ts->short_heads ? TR (d, "ME", "Unit") : TR (d, "Einheit", "Unit"));
  price = ts->short_heads ? TR (d, "E-Preis", "Price") : TR (d, "Einzelpreis", "Unit price");
  total = ts->short_heads ? TR (d, "G-Preis", "Total") : TR (d, "Gesamt", "Amount");
  t->head[COL_PRICE] = ts->currency_in_cells ? g_strdup (price)
                                             : g_strdup_printf ("%s (%s)", price, mark);
  t->head[COL_VAT] = g_strdup (TR (d, "USt.", "VAT"));
  t->head[COL_TOTAL] = ts->currency_in_cells ? g_strdup (total)
                                             : g_strdup_printf ("%s (%s)", total, mark);
  if (ts->header_upper)
    for (int c = 0; c < N_COLS; c++)
      {
        char *upper = g_utf8_strup (t->head[c], -1);

        g_free (t->head[c]);
        t->head[c] = upper;
      }

  head = header_style (t);
  for (int c = 0; c < N_COLS; c++)
    {
      if (!t->on[c] || c == COL_DESC)
        continue;
      t->w[c] = text_width (d, &head, t->head[c]);
      for (guint i = 0; i < inv->items->len; i++)
        {
          RemitTestField *fields[2];
          g_autofree char *text = cell_text (d, t, c, i, g_ptr_array_index (inv->items, i), NULL,
                                             fields);

          t->w[c] = MAX (t->w[c], text_width (d, &cell, text));
        }
      if (c == COL_TOTAL)
        {
          g_autofree char *sum = money_cell (d, t, d->net);

          t->w[c] = MAX (t->w[c], text_width (d, &head, sum));
        }
      t->w[c] += 2 * CELL_PAD;
      used += t->w[c];
    }
  t->w[COL_DESC] = content_width (d) - used;

  for (int c = 0; c < N_COLS; c++)
    {
      t->x[c] = d->left;
      for (int k = 0; k < c; k++)
        if (t->on[k])
          t->x[c] += t->w[k];
    }
  t->line_h = text_height (d, &cell, "Ag", 0);
}

static void
table_clear (Table *t)
{
  for (int c = 0; c < N_COLS; c++)
    g_free (t->head[c]);
}

static void
table_verticals (Doc *d, const Table *t, double top, double bottom)
{
  gboolean first = TRUE;

  for (int c = 0; c < N_COLS; c++)
    if (t->on[c])
      {
        if (!first)
          add_line (d, t->x[c], top, t->x[c], bottom, 0.5, t->ts->row_rule_color);
        first = FALSE;
      }
  add_line (d, d->left, top, d->left, bottom, 0.5, t->ts->row_rule_color);
  add_line (d, d->right, top, d->right, bottom, 0.5, t->ts->row_rule_color);
}

static void
table_header (Doc *d, const Table *t)
{
  const TableStyle *ts = t->ts;
  Style head = header_style (t);
  double h = t->line_h + 2 * ts->pad + 1;

  if (ts->header_fill)
    add_rect (d, d->left, d->y, content_width (d), h, &ts->header_bg, NULL, 0);
  for (int c = 0; c < N_COLS; c++)
    {
      if (!t->on[c])
        continue;
      if (col_right_aligned (c))
        put_right (d, t->x[c] + t->w[c] - CELL_PAD, d->y + ts->pad, &head, t->head[c], NULL);
      else
        put (d, t->x[c] + CELL_PAD, d->y + ts->pad, 0, &head, t->head[c], NULL);
    }
  if (ts->grid)
    {
      add_line (d, d->left, d->y, d->right, d->y, 0.5, ts->row_rule_color);
      table_verticals (d, t, d->y, d->y + h);
      add_line (d, d->left, d->y + h, d->right, d->y + h, 0.5, ts->row_rule_color);
    }
  if (ts->header_rule)
    add_line (d, d->left, d->y + h, d->right, d->y + h, 0.9, ts->header_rule_color);
  d->y += h;
}

/* "Übertrag" / "Carried forward" with the net sum of the rows so far. */
static void
carry_row (Doc *d, const Table *t)
{
  Style st = style_bold (t->ts->size);
  g_autofree char *sum = money_cell (d, t, t->carried);
  double h = t->line_h + 2 * t->ts->pad;

  add_rect (d, d->left, d->y, content_width (d), h, &light, &t->ts->row_rule_color, 0.5);
  put_right (d, t->x[COL_TOTAL] - CELL_PAD - 4, d->y + t->ts->pad, &st,
             TR (d, "Übertrag", "Carried forward"), NULL);
  put_right (d, d->right - CELL_PAD, d->y + t->ts->pad, &st, sum, NULL);
  d->y += h;
}

static void
items_table (Doc *d, const TableStyle *ts)
{
  const RemitTestInvoice *inv = d->inv;
  Style cell = style (ts->size);
  Style desc_style = style (ts->size);
  Table t;

  table_setup (d, &t, ts);
  if (d->y + 3 * (t.line_h + 2 * ts->pad) > d->bottom)
    new_page (d);
  table_header (d, &t);

  for (guint i = 0; i < inv->items->len; i++)
    {
      const RemitTestItem *item = g_ptr_array_index (inv->items, i);
      RemitTestExpectedItem *exp;
      double desc_w = t.w[COL_DESC] - 2 * CELL_PAD;
      double row_h = MAX (text_height (d, &desc_style, item->description, desc_w), t.line_h)
                     + 2 * ts->pad;
      double reserve = ts->carry_over ? t.line_h + 2 * ts->pad : 0;

      if (d->y + row_h > d->bottom - reserve)
        {
          if (ts->carry_over)
            carry_row (d, &t);
          else if (!ts->grid && !ts->row_rules)
            add_line (d, d->left, d->y, d->right, d->y, 0.5, ts->row_rule_color);
          new_page (d);
          if (ts->carry_over)
            carry_row (d, &t);
          table_header (d, &t);
        }

      if (ts->zebra && i % 2 == 1)
        add_rect (d, d->left, d->y, content_width (d), row_h, &ts->zebra_color, NULL, 0);

      exp = expected_item_new ();
      exp->position = i + 1;
      exp->quantity = item->quantity;
      remit_amount_init (&exp->unit_price, item->unit_price, inv->currency);
      remit_amount_init (&exp->total, item->quantity * item->unit_price, inv->currency);
      remit_amount_init (&exp->base_gross,
                         (item->unit_price * (100 + item->vat_percent) + 50) / 100, inv->currency);
      g_ptr_array_add (d->exp->items, exp);

      for (int c = 0; c < N_COLS; c++)
        {
          RemitTestField *fields[2];
          g_autofree char *text = NULL;

          if (!t.on[c])
            continue;
          text = cell_text (d, &t, c, i, item, exp, fields);
          if (c == COL_DESC)
            put (d, t.x[c] + CELL_PAD, d->y + ts->pad, desc_w, &desc_style, text, fields[0], NULL);
          else if (col_right_aligned (c))
            put_right (d, t.x[c] + t.w[c] - CELL_PAD, d->y + ts->pad, &cell, text, fields[0],
                       fields[1], NULL);
          else
            put (d, t.x[c] + CELL_PAD, d->y + ts->pad, 0, &cell, text, fields[0], NULL);
        }

      exp->description.value = g_strdup (item->description);
      exp->article_number.value = g_strdup (item->article_number);
      exp->quantity_field.value = g_strdup_printf ("%" G_GINT64_FORMAT, item->quantity);
      exp->unit_price_field.value = remit_amount_to_wire (&exp->unit_price);
      exp->total_field.value = remit_amount_to_wire (&exp->total);

      if (ts->grid)
        {
          table_verticals (d, &t, d->y, d->y + row_h);
          add_line (d, d->left, d->y + row_h, d->right, d->y + row_h, 0.5, ts->row_rule_color);
        }
      else if (ts->row_rules && i + 1 < inv->items->len)
        add_line (d, d->left, d->y + row_h, d->right, d->y + row_h, 0.4, ts->row_rule_color);
      d->y += row_h;
      t.carried += item->quantity * item->unit_price;
    }

  if (!ts->grid)
    add_line (d, d->left, d->y, d->right, d->y, 0.8, ts->header_rule_color);
  d->y += base_size (d) * 0.8;
  table_clear (&t);
}

/* A reminder lists the open invoice and the fee instead of the items. */
static void
reminder_table (Doc *d, gpointer data)
{
  const TableStyle *ts = data;
  const RemitTestInvoice *inv = d->inv;
  Style cell = style (ts->size);
  Style head = style_bold (ts->size);
  g_autofree char *gross = format_money (inv, d->gross);
  g_autofree char *fee = format_money (inv, inv->reminder_fee);
  g_autofree char *row = NULL;
  const char *h_doc = TR (d, "Beleg", "Document");
  const char *h_due = TR (d, "Fällig seit", "Overdue since");
  const char *h_amount = TR (d, "Betrag", "Amount");
  double line_h = text_height (d, &cell, "Ag", 0);
  double w_amount = MAX (text_width (d, &head, h_amount), text_width (d, &cell, gross)) + 8;
  double w_due = MAX (text_width (d, &head, h_due), text_width (d, &cell, d->original_due_text))
                 + 16;
  double x_due = d->right - w_amount - w_due;
  double h = line_h + 2 * ts->pad + 1;

  head.color = ts->header_fg;
  if (ts->header_fill)
    add_rect (d, d->left, d->y, content_width (d), h, &ts->header_bg, NULL, 0);
  put (d, d->left + CELL_PAD, d->y + ts->pad, 0, &head, h_doc, NULL);
  put (d, x_due + CELL_PAD, d->y + ts->pad, 0, &head, h_due, NULL);
  put_right (d, d->right - CELL_PAD, d->y + ts->pad, &head, h_amount, NULL);
  add_line (d, d->left, d->y + h, d->right, d->y + h, 0.9, ts->header_rule_color);
  d->y += h;

  row = g_strdup_printf ("%s " MARK_MINOR "%s" END " %s %s", TR (d, "Rechnung", "Invoice"),
                         inv->invoice_number, TR (d, "vom", "of"), d->issue_text);
  h = line_h + 2 * ts->pad;
  put (d, d->left + CELL_PAD, d->y + ts->pad, x_due - d->left - 8, &cell, row,
       &d->exp->invoice_number, NULL);
  put (d, x_due + CELL_PAD, d->y + ts->pad, 0, &cell, d->original_due_text, NULL);
  put_right (d, d->right - CELL_PAD, d->y + ts->pad, &cell, gross, NULL);
  d->y += h;

  if (inv->reminder_fee > 0)
    {
      add_line (d, d->left, d->y, d->right, d->y, 0.4, ts->row_rule_color);
      put (d, d->left + CELL_PAD, d->y + ts->pad, 0, &cell, TR (d, "Mahngebühr", "Reminder fee"),
           NULL);
      put_right (d, d->right - CELL_PAD, d->y + ts->pad, &cell, fee, NULL);
      d->y += h;
    }
  add_line (d, d->left, d->y, d->right, d->y, 0.8, ts->header_rule_color);
  d->y += base_size (d) * 0.8;
}

/* -- totals -- */

typedef struct
{
  double width;
  double size;
  double total_scale;
  gboolean total_box;
  gboolean rule_above;
  gboolean double_rule;
  int vat_words;
  const char *net_de;
  const char *net_en;
  const char *mark; /* of the total */
  Rgb box_bg;
  Rgb box_fg;
} TotalsStyle;

static char *
vat_label (Doc *d, int words, int rate)
{
  if (d->de)
    switch (words)
      {
      case 1:
        return g_strdup_printf ("MwSt. %d %%", rate);
      case 2:
        return g_strdup_printf ("Umsatzsteuer %d %%", rate);
      default:
        return g_strdup_printf ("zzgl. %d %% USt.", rate);
      }
  if (words == 1)
    return g_strdup_printf ("Tax (%d%%)", rate);
  return g_strdup_printf ("VAT %d%%", rate);
}

static void
totals_block (Doc *d, gpointer data)
{
  const TotalsStyle *ts = data;
  const RemitTestInvoice *inv = d->inv;
  double y = d->y;
  Style st = style (ts->size);
  Style total = style_bold (ts->size * ts->total_scale);
  double line_h = text_height (d, &st, "Ag", 0);
  double total_h = text_height (d, &total, "Ag", 0);
  g_autofree char *amount = marked (ts->mark, d->amount_text);
  double width = MAX (ts->width, text_width (d, &total, inv->total_label)
                                   + text_width (d, &total, d->amount_text) + 24);
  double x0 = d->right - width;

  if (inv->kind != REMIT_TEST_KIND_REMINDER && has_vat (d))
    {
      g_autofree char *net = format_money (inv, d->net);

      put (d, x0, y, 0, &st, TR (d, ts->net_de, ts->net_en), NULL);
      put_right (d, d->right - (ts->total_box ? 6 : 0), y, &st, net, NULL);
      y += line_h + 2;
      for (int i = 0; i < d->n_groups; i++)
        {
          g_autofree char *label = NULL;
          g_autofree char *value = NULL;

          if (d->groups[i].rate == 0)
            continue;
          label = vat_label (d, ts->vat_words, d->groups[i].rate);
          value = format_money (inv, d->groups[i].vat);
          put (d, x0, y, 0, &st, label, NULL);
          put_right (d, d->right - (ts->total_box ? 6 : 0), y, &st, value, NULL);
          y += line_h + 2;
        }
    }

  if (ts->rule_above)
    {
      add_line (d, x0, y + 1, d->right, y + 1, 0.8, black);
      y += 5;
    }
  if (ts->total_box)
    {
      y += 3;
      add_rect (d, x0 - 6, y - 4, width + 6, total_h + 8, &ts->box_bg, NULL, 0);
      total.color = ts->box_fg;
    }
  put (d, x0, y, 0, &total, inv->total_label, NULL);
  put_right (d, d->right - (ts->total_box ? 6 : 0), y, &total, amount, &d->exp->amount, NULL);
  y += total_h;
  if (ts->total_box)
    y += 4;
  if (ts->double_rule)
    {
      add_line (d, x0, y + 1.5, d->right, y + 1.5, 0.6, black);
      add_line (d, x0, y + 3.5, d->right, y + 3.5, 0.6, black);
      y += 4;
    }
  d->y = y + base_size (d) * 1.2;
}

/* -- payment instructions -- */

typedef struct
{
  gboolean heading;
  double x;
  double width;
} PaymentStyle;

static void
due_phrase (Doc *d, Marked *m)
{
  if (d->due_text != NULL)
    {
      marked_add (m, TR (d, " bis zum ", " by "));
      marked_value (m, MARK_MINOR, d->due_text, &d->exp->due_date);
    }
  else
    {
      marked_add (m, " ");
      marked_value (m, MARK_MINOR, TR (d, "innerhalb von 14 Tagen", "within 14 days"),
                    &d->exp->due_term);
      marked_add (m, TR (d, " ohne Abzug", ""));
    }
}

static void
reference_sentence (Doc *d, Marked *m)
{
  const RemitTestInvoice *inv = d->inv;
  g_autofree char *label = NULL;

  if (inv->payment_reference == NULL)
    return;
  label = g_strdup_printf ("%s: ", inv->payment_reference_label);
  marked_add (m, " ");
  marked_glued (m, label, MARK_MAIN, inv->payment_reference, &d->exp->payment_reference);
}

/* Lays the payment text out in the box X … X + WIDTH; returns its height. */
static double
payment_text (Doc *d, double x, double y, double width)
{
  const RemitTestInvoice *inv = d->inv;
  Style st = style (base_size (d));
  Marked m;
  double y0 = y;
  gboolean reminder = inv->kind == REMIT_TEST_KIND_REMINDER;

  marked_init (&m);
  if (!inv->iban_in_body)
    {
      marked_add (&m, reminder ? TR (d, "Bitte überweisen Sie den offenen Betrag von ",
                                     "Please transfer the outstanding amount of ")
                               : TR (d, "Bitte überweisen Sie den Betrag von ",
                                     "Please transfer the amount of "));
      marked_value (&m, MARK_MINOR, d->amount_text, &d->exp->amount);
      due_phrase (d, &m);
      if (inv->layout == REMIT_TEST_LAYOUT_UTILITY)
        marked_add (&m, TR (d, " mit dem Zahlschein unten.", " using the payment slip below."));
      else if (inv->iban_in_footer)
        marked_add (&m, TR (d, " auf das unten angegebene Konto.",
                            " to the bank account shown below."));
      else
        marked_add (&m, ".");
      reference_sentence (d, &m);
      y += marked_put (d, x, y, width, &st, &m);
    }
  else if (!inv->payment_as_list)
    {
      marked_add (&m, reminder ? TR (d, "Bitte überweisen Sie den offenen Betrag von ",
                                     "Please transfer the outstanding amount of ")
                               : TR (d, "Bitte überweisen Sie den Betrag von ",
                                     "Please transfer "));
      marked_value (&m, MARK_MINOR, d->amount_text, &d->exp->amount);
      due_phrase (d, &m);
      marked_add (&m, TR (d, " auf unser Konto bei der ", " to our account with "));
      marked_add (&m, inv->bank_name);
      marked_add (&m, ": ");
      if (inv->account_holder != NULL)
        {
          marked_add (&m, TR (d, "Kontoinhaber ", "account holder "));
          marked_value (&m, MARK_MINOR, inv->account_holder, &d->exp->recipient);
          marked_add (&m, ", ");
        }
      marked_glued (&m, "IBAN ", MARK_MAIN, d->iban_text, &d->exp->iban);
      if (inv->bic_style == REMIT_TEST_BIC_LABELLED)
        {
          marked_add (&m, ", ");
          marked_glued (&m, TR (d, "BIC ", "SWIFT/BIC "), MARK_MAIN, d->bic_text, &d->exp->bic);
        }
      else
        marked_glued (&m, " / ", MARK_MAIN, d->bic_text, &d->exp->bic);
      marked_add (&m, ".");
      reference_sentence (d, &m);
      y += marked_put (d, x, y, width, &st, &m);
    }
  else
    {
      Style label = style_colored (base_size (d), gray);
      const char *labels[5];
      char *values[5];
      RemitTestField *fields[5][2];
      int n = 0;
      double label_w = 0;

      marked_add (&m, reminder ? TR (d, "Bitte überweisen Sie den offenen Betrag von ",
                                     "Please transfer the outstanding amount of ")
                               : TR (d, "Bitte überweisen Sie den Betrag von ",
                                     "Please transfer "));
      marked_value (&m, MARK_MINOR, d->amount_text, &d->exp->amount);
      due_phrase (d, &m);
      marked_add (&m, TR (d, " auf folgendes Konto:", " to the following account:"));
      y += marked_put (d, x, y, width, &st, &m) + base_size (d) * 0.5;

      if (inv->account_holder != NULL)
        {
          labels[n] = TR (d, "Kontoinhaber", "Account holder");
          values[n] = marked (MARK_MINOR, inv->account_holder);
          fields[n][0] = &d->exp->recipient;
          fields[n++][1] = NULL;
        }
      labels[n] = "Bank";
      values[n] = g_strdup (inv->bank_name);
      fields[n][0] = NULL;
      fields[n++][1] = NULL;
      labels[n] = "IBAN";
      if (inv->bic_style == REMIT_TEST_BIC_BARE)
        values[n] = g_strdup_printf (MARK_MAIN "%s" END "   " MARK_MAIN "%s" END, d->iban_text,
                                     d->bic_text);
      else
        values[n] = marked (MARK_MAIN, d->iban_text);
      fields[n][0] = &d->exp->iban;
      fields[n++][1] = &d->exp->bic;
      if (inv->bic_style == REMIT_TEST_BIC_LABELLED)
        {
          labels[n] = TR (d, "BIC", "SWIFT/BIC");
          values[n] = marked (MARK_MAIN, d->bic_text);
          fields[n][0] = &d->exp->bic;
          fields[n++][1] = NULL;
        }
      if (inv->payment_reference != NULL)
        {
          labels[n] = inv->payment_reference_label;
          values[n] = marked (MARK_MAIN, inv->payment_reference);
          fields[n][0] = &d->exp->payment_reference;
          fields[n++][1] = NULL;
        }

      for (int i = 0; i < n; i++)
        {
          g_autofree char *with_colon = g_strdup_printf ("%s:", labels[i]);

          label_w = MAX (label_w, text_width (d, &label, with_colon));
        }
      for (int i = 0; i < n; i++)
        {
          g_autofree char *with_colon = g_strdup_printf ("%s:", labels[i]);
          double h;

          put (d, x, y, 0, &label, with_colon, NULL);
          h = put (d, x + label_w + 10, y, width - label_w - 10, &st, values[i], fields[i][0],
                   fields[i][1], NULL);
          y += h + 1;
          g_free (values[i]);
        }
    }
  marked_clear (&m);
  return y - y0;
}

static double
qr_size (Doc *d)
{
  return 30 * MM;
}

/* The QR symbol with its quiet zone in a square of SIZE at X, Y, and a caption below. */
static double
put_qr (Doc *d, double x, double y, double size)
{
  Style caption = style_colored (base_size (d) * 0.75, gray);
  double module = size / (d->qr->width + 8);
  RemitTestBox box = { d->page, x + 4 * module, y + 4 * module, d->qr->width * module,
                       d->qr->width * module };
  Op *op = add_op (d, OP_QR);

  op->x = box.left;
  op->y = box.top;
  op->w = box.width;
  add_place (d, &d->exp->qr_code, &box, d->inv->qr_payload, 3);

  caption.align = PANGO_ALIGN_CENTER;
  return size + put (d, x, y + size - 2 * module, size, &caption,
                     TR (d, "GiroCode: scannen und bezahlen", "Scan to pay"), NULL);
}

static void
payment_block (Doc *d, gpointer data)
{
  const PaymentStyle *ps = data;
  double x = ps != NULL && ps->width > 0 ? ps->x : d->left;
  double width = ps != NULL && ps->width > 0 ? ps->width : content_width (d);
  double y = d->y;
  double text_w = d->qr != NULL ? width - qr_size (d) - 14 : width;
  double h_text, h_qr = 0;

  if (ps != NULL && ps->heading)
    {
      Style head = style_bold (base_size (d) * 1.05);

      head.color = d->accent;
      y += put (d, x, y, 0, &head,
                TR (d, "Zahlungsinformationen", "Payment instructions"), NULL) + 4;
    }
  h_text = payment_text (d, x, y, text_w);
  if (d->qr != NULL)
    h_qr = put_qr (d, x + width - qr_size (d), y - 6, qr_size (d)) - 6;
  d->y = y + MAX (h_text, h_qr) + base_size (d) * 1.2;
}

static void
distractor_block (Doc *d, gpointer data)
{
  const RemitTestInvoice *inv = d->inv;
  Style st = style (base_size (d) * (data != NULL ? 0.9 : 1.0));
  Marked m;

  if (inv->distractor == REMIT_TEST_DISTRACTOR_NONE || d->distractor_text == NULL)
    return;

  marked_init (&m);
  if (inv->distractor == REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT
      && g_str_hash (inv->invoice_number) % 2 == 0)
    {
      marked_add (&m, TR (d, "Ihre Bankverbindung: ", "Your bank account: "));
      marked_glued (&m, "IBAN ", MARK_MAIN, d->distractor_text, &d->exp->distractor_iban);
      marked_add (&m, TR (d, " (für Erstattungen)", " (for refunds)"));
    }
  else if (inv->distractor == REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT)
    {
      marked_add (&m, TR (d, "Ihre bei uns hinterlegte Bankverbindung: ",
                          "Your bank details on file: "));
      marked_glued (&m, "IBAN ", MARK_MAIN, d->distractor_text, &d->exp->distractor_iban);
      marked_add (&m, TR (d, ". Änderungen teilen Sie uns bitte rechtzeitig mit.",
                          ". Please let us know of any changes."));
    }
  else if (inv->kind == REMIT_TEST_KIND_REMINDER)
    {
      marked_add (&m, TR (d, "Die Lastschrift von Ihrem Konto ",
                          "The direct debit from your account "));
      marked_glued (&m, "IBAN ", MARK_MAIN, d->distractor_text, &d->exp->distractor_iban);
      marked_add (&m, TR (d, " wurde von Ihrer Bank zurückgegeben (Rücklastschrift).",
                          " was returned unpaid by your bank."));
    }
  else
    {
      g_autofree char *mandate = g_strdup_printf (
        "M-%s", inv->customer_number != NULL ? inv->customer_number : inv->invoice_number);

      if (inv->layout == REMIT_TEST_LAYOUT_UTILITY)
        marked_add (&m, TR (d, "Künftige Abschläge buchen wir per SEPA-Lastschrift von Ihrem "
                               "Konto ",
                            "Future instalments will be collected by SEPA direct debit from "
                            "your account "));
      else
        marked_add (&m, TR (d, "Künftige Rechnungen buchen wir per SEPA-Lastschrift von Ihrem "
                               "Konto ",
                            "Future invoices will be collected by SEPA direct debit from your "
                            "account "));
      marked_glued (&m, "IBAN ", MARK_MAIN, d->distractor_text, &d->exp->distractor_iban);
      marked_add (&m, TR (d, " ab (Mandatsreferenz ", " (mandate reference "));
      marked_add (&m, mandate);
      marked_add (&m, ").");
    }
  d->y += marked_put (d, d->left, d->y, content_width (d), &st, &m) + base_size (d) * 1.2;
  marked_clear (&m);
}

static void
notes_block (Doc *d, gpointer data)
{
  const RemitTestInvoice *inv = d->inv;
  Style st = style (base_size (d));
  const char *note = NULL;

  if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    note = TR (d, "Der Gutschriftsbetrag wird mit Ihrer nächsten Rechnung verrechnet.",
               "The credit will be set off against your next invoice.");
  else if (!has_vat (d) && inv->kind == REMIT_TEST_KIND_INVOICE
           && !g_str_equal (inv->currency, "USD"))
    {
      /* Only small businesses of persons may invoice without VAT under § 19. */
      gboolean small = g_str_has_suffix (inv->seller_name, "GbR")
                       || g_str_has_suffix (inv->seller_name, "e.K.");

      if (small)
        note = TR (d, "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.", "No VAT is charged.");
      else
        note = TR (d, "Umsatzsteuerfreie Leistung gemäß § 4 UStG.", "Exempt from VAT.");
    }
  if (note == NULL)
    return;
  d->y += put (d, d->left, d->y, content_width (d), &st, note, NULL) + base_size (d) * 1.2;
}

static void
closing_block (Doc *d, gpointer data)
{
  g_autofree char *text = g_strdup_printf ("%s\n\n" MARK_MINOR "%s" END,
                                           TR (d, "Mit freundlichen Grüßen", "Kind regards"),
                                           d->inv->seller_name);
  Style st = style (base_size (d));

  d->y += put (d, d->left, d->y, 0, &st, text, &d->exp->recipient, NULL) + base_size (d);
}

/* -- the payment slip -- */

static const Rgb slip_bg = { 1.0, 0.94, 0.88 };
static const Rgb slip_line = { 0.86, 0.47, 0.22 };

static double
slip_field (Doc *d, double x, double y, double w, const char *label, const char *value,
            RemitTestField *field, double value_size)
{
  Style ls = style_colored (5.8, slip_line);
  Style vs = style (value_size);
  double label_h = text_height (d, &ls, "Ag", 0);
  double box_h = text_height (d, &vs, "Ag", 0) + 5;

  vs.mono = TRUE;
  put (d, x + 1, y, w - 2, &ls, label, NULL);
  add_rect (d, x, y + label_h, w, box_h, &white, &slip_line, 0.6);
  if (value != NULL && *value != '\0')
    put (d, x + 4, y + label_h + 2.5, 0, &vs, value, field, NULL);
  return label_h + box_h + 3;
}

/* A SEPA transfer form (Überweisung/Zahlschein) with everything filled in. */
static double
slip (Doc *d, double x, double y, double w, const char *recipient_mark, const char *mark)
{
  const RemitTestInvoice *inv = d->inv;
  Style title = style_bold (base_size (d) * 0.9);
  Style small = style_colored (6, slip_line);
  double value_size = MIN (base_size (d) + 0.5, 10.5);
  double inner = w - 16;
  double y0 = y;
  g_autofree char *recipient = marked (recipient_mark, inv->seller_name);
  g_autofree char *iban = marked (mark, d->iban_text);
  g_autofree char *bic = marked (mark, d->bic_text);
  g_autofree char *number = format_number (inv, d->to_pay);
  g_autofree char *amount_value = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *payer = g_strdup_printf ("%s, %s", inv->buyer_name, inv->buyer_city);
  g_autofree char *amount_label = NULL;
  RemitTestField *reference_field;
  guint background;

  if (g_str_equal (inv->currency, "EUR"))
    amount_value = g_strdup (number);
  else
    amount_value = g_strdup_printf ("%s %s", inv->currency, number);
  amount = marked (mark, amount_value);
  if (inv->payment_reference != NULL)
    {
      reference = marked (mark, inv->payment_reference);
      reference_field = &d->exp->payment_reference;
    }
  else
    {
      reference = g_strdup_printf ("%s " MARK_MINOR "%s" END, TR (d, "Rechnung", "Invoice"),
                                   inv->invoice_number);
      reference_field = &d->exp->invoice_number;
    }
  if (inv->customer_number != NULL
      && (inv->payment_reference == NULL
          || strstr (inv->payment_reference, inv->customer_number) == NULL))
    extra = g_strdup_printf ("%s " MARK_MINOR "%s" END, TR (d, "Kd.-Nr.", "Customer"),
                             inv->customer_number);
  amount_label = g_str_equal (inv->currency, "EUR")
                   ? g_strdup (TR (d, "Betrag: Euro, Cent", "Amount: euro, cent"))
                   : g_strdup (TR (d, "Betrag", "Amount"));

  add_rect (d, x, y, w, 10, &slip_bg, NULL, 0); /* replaced below by the full height */
  background = page_ops (d)->len - 1;
  y += 6;
  put (d, x + 8, y, 0, &title,
       TR (d, "SEPA-Überweisung/Zahlschein", "Bank transfer / payment slip"), NULL);
  put_right (d, x + w - 8, y + 2, &small,
             TR (d, "Für Überweisungen in Deutschland und in andere EU-/EWR-Staaten in Euro",
                 "For transfers within the SEPA area"),
             NULL);
  y += text_height (d, &title, "Ag", 0) + 4;

  y += slip_field (d, x + 8, y, inner,
                   TR (d, "Angaben zum Zahlungsempfänger: Name, Vorname/Firma",
                       "Payee: name or company"),
                   recipient, &d->exp->recipient, value_size);
  y += slip_field (d, x + 8, y, inner, "IBAN", iban, &d->exp->iban, value_size);
  {
    double bic_w = inner * 0.58;

    slip_field (d, x + 8, y, bic_w - 6,
                TR (d, "BIC des Kreditinstituts/Zahlungsdienstleisters", "BIC of the payee's bank"),
                bic, &d->exp->bic, value_size);
    y += slip_field (d, x + 8 + bic_w, y, inner - bic_w, amount_label, amount, &d->exp->amount,
                     value_size);
  }
  y += slip_field (d, x + 8, y, inner,
                   TR (d,
                       "Kunden-Referenznummer - Verwendungszweck, ggf. Name und Anschrift des "
                       "Zahlers",
                       "Payment reference"),
                   reference, reference_field, value_size);
  y += slip_field (d, x + 8, y, inner,
                   TR (d, "noch Verwendungszweck (insgesamt max. 2 Zeilen à 27 Stellen)",
                       "Reference, continued"),
                   extra, &d->exp->customer_number, value_size);
  y += slip_field (d, x + 8, y, inner,
                   TR (d, "Angaben zum Kontoinhaber/Zahler: Name, Vorname/Firma, Ort",
                       "Payer: name and town"),
                   payer, NULL, value_size);
  y += slip_field (d, x + 8, y, inner, TR (d, "IBAN des Kontoinhabers", "Payer's IBAN"), NULL,
                   NULL, value_size);
  y += 3;

  {
    Op *bg = g_ptr_array_index (page_ops (d), background);

    bg->h = y - y0;
    bg->stroked = TRUE;
    bg->color = slip_line;
    bg->line_width = 0.8;
  }
  return y - y0;
}

static double
slip_height (Doc *d)
{
  /* Seven rows of fields and the title, measured in the font in use. */
  Style ls = style_colored (5.8, slip_line);
  Style vs = style (MIN (base_size (d) + 0.5, 10.5));
  Style title = style_bold (base_size (d) * 0.9);

  vs.mono = TRUE;
  return 6 + text_height (d, &title, "Ag", 0) + 4
         + 7 * (text_height (d, &ls, "Ag", 0) + text_height (d, &vs, "Ag", 0) + 5 + 3) + 3;
}

/* The slip at the bottom of the last page behind a cut line. */
static void
bottom_slip (Doc *d, double bottom)
{
  Style cut = style_colored (6.5, gray);
  double h = slip_height (d);
  double y;

  if (d->y + h + 14 > bottom)
    new_page (d);
  y = bottom - h;
  add_dashed_line (d, 0, y - 9, d->width, y - 9, 0.5, gray);
  put (d, d->left, y - 17, 0, &cut, TR (d, "✂ Bitte hier abtrennen", "✂ Detach here"), NULL);
  slip (d, d->left - 6, y, content_width (d) + 12, MARK_SLIP, MARK_SLIP);
}

/* ------------------------------------------------------------------------------------------ */
/* Layouts                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  double width;
  double height;
  double left;
  double right;
  void (*decorate) (Doc *d);   /* footer on every page, header on the following ones */
  void (*letterhead) (Doc *d); /* the company on page 1 */
  void (*head) (Doc *d);       /* address, meta data, title, introduction */
  void (*table_style) (Doc *d, TableStyle *ts);
  void (*totals_style) (Doc *d, TotalsStyle *ts);
  gboolean closing;
} LayoutImpl;

static Style
right_block_style (double size, Rgb color)
{
  Style st = style_colored (size, color);

  st.align = PANGO_ALIGN_RIGHT;
  return st;
}

/* Makes the style's size smaller until TEXT fits on one line of WIDTH. */
static void
fit_size (Doc *d, Style *st, const char *text, double width)
{
  double min = st->size * 0.6;

  while (text_width (d, st, text) > width && st->size > min)
    st->size -= 0.25;
}

/* Multi-line text right-aligned at RIGHT. */
static double
put_right_block (Doc *d, double right, double y, double width, const Style *st, const char *text,
                 RemitTestField *field)
{
  return put (d, right - width, y, width, st, text, field, NULL);
}

static char *
seller_address_lines (Doc *d, gboolean contact)
{
  const RemitTestInvoice *inv = d->inv;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s\n%s", inv->seller_street, inv->seller_city);
  if (inv->seller_country != NULL)
    g_string_append_printf (s, "\n%s", inv->seller_country);
  if (contact && inv->seller_phone != NULL)
    g_string_append_printf (s, "\n%s %s", TR (d, "Tel.", "Phone"), inv->seller_phone);
  if (contact && inv->seller_email != NULL)
    g_string_append_printf (s, "\n%s", inv->seller_email);
  return g_string_free (s, FALSE);
}

static char *
buyer_lines (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  GString *s = g_string_new (inv->buyer_name);

  if (inv->buyer_contact != NULL)
    g_string_append_printf (s, "\n%s", inv->buyer_contact);
  g_string_append_printf (s, "\n%s\n%s", inv->buyer_street, inv->buyer_city);
  if (inv->buyer_country != NULL)
    g_string_append_printf (s, "\n%s", inv->buyer_country);
  return g_string_free (s, FALSE);
}

/* The small sender line above an address window; shrinks, then shortens, to fit WIDTH. */
static double
return_line (Doc *d, double x, double y, double width)
{
  const RemitTestInvoice *inv = d->inv;
  g_autofree char *full = g_strdup_printf (MARK_MINOR "%s" END " · %s · %s", inv->seller_name,
                                           inv->seller_street, inv->seller_city);
  g_autofree char *brief = g_strdup_printf (MARK_MINOR "%s" END " · %s", inv->seller_name,
                                            inv->seller_city);
  const char *text = full;
  Style st = style_colored (6.5, gray);
  double w, h;

  while (text_width (d, &st, text) > width && st.size > 5.5)
    st.size -= 0.25;
  if (text_width (d, &st, text) > width)
    text = brief;
  w = MIN (text_width (d, &st, text), width);
  h = put (d, x, y, width, &st, text, &d->exp->recipient, NULL);
  add_line (d, x, y + h + 0.5, x + w, y + h + 0.5, 0.4, gray);
  return h + 2;
}

/* Label/value rows: labels at X, values at X + label width + GAP, or right-aligned at RIGHT when
 * RIGHT > 0. Returns the height. */
static double
meta_rows (Doc *d, Meta *meta, int n, double x, double y, double right, const Style *label,
           const Style *value, double spacing)
{
  double label_w = 0;
  double y0 = y;

  for (int i = 0; i < n; i++)
    label_w = MAX (label_w, text_width (d, label, meta[i].label));
  for (int i = 0; i < n; i++)
    {
      double h1 = put (d, x, y, 0, label, meta[i].label, NULL);
      double h2;

      if (right > 0)
        h2 = put_right (d, right, y, value, meta[i].value, meta[i].field, NULL);
      else
        h2 = put (d, x + label_w + 8, y, 0, value, meta[i].value, meta[i].field, NULL);
      y += MAX (h1, h2) + spacing;
    }
  return y - y0;
}

/* -- DIN 5008 letter -- */

static void
din_decorate (Doc *d)
{
  double b = base_size (d);
  Column cols[4];
  int n;

  add_line (d, 4 * MM, 105 * MM, 9 * MM, 105 * MM, 0.5, rule_gray);
  add_line (d, 4 * MM, 148.5 * MM, 11 * MM, 148.5 * MM, 0.5, rule_gray);
  add_line (d, 4 * MM, 210 * MM, 9 * MM, 210 * MM, 0.5, rule_gray);

  add_page_number (d, d->left, 262 * MM, content_width (d), MAX (b * 0.75, 7), PANGO_ALIGN_RIGHT,
                   FALSE, gray);
  add_line (d, d->left, 267 * MM, d->right, 267 * MM, 0.5, rule_gray);
  n = footer_columns (d, cols);
  put_columns (d, d->left, 269 * MM, content_width (d), 7, cols, n, gray);
  columns_clear (cols, n);
  d->bottom = 258 * MM;

  if (d->page > 1)
    {
      Style small = style_colored (b * 0.8, gray);
      g_autofree char *left = marked (MARK_MINOR, d->inv->seller_name);
      g_autofree char *right = g_strdup_printf ("%s " MARK_MINOR "%s" END, kind_title (d),
                                                d->inv->invoice_number);

      put (d, d->left, 14 * MM, 0, &small, left, &d->exp->recipient, NULL);
      put_right (d, d->right, 14 * MM, &small, right, &d->exp->invoice_number, NULL);
      add_line (d, d->left, 19 * MM, d->right, 19 * MM, 0.5, rule_gray);
      d->y = 26 * MM;
    }
}

static void
din_letterhead (Doc *d)
{
  double b = base_size (d);
  Style name = style_bold (b * 1.7);
  Style small = right_block_style (b * 0.8, gray);
  g_autofree char *name_text = marked (MARK_MAIN, d->inv->seller_name);
  g_autofree char *address = seller_address_lines (d, TRUE);
  double y = 12 * MM;

  add_round_rect (d, d->left, 12 * MM, 13 * MM, 13 * MM, 3, &d->accent, NULL, 0);
  add_round_rect (d, d->left + 4 * MM, 16 * MM, 5 * MM, 5 * MM, 2.5 * MM, &white, NULL, 0);
  name.color = d->accent;
  fit_size (d, &name, d->inv->seller_name, content_width (d) - 20 * MM);
  y += put_right (d, d->right, y, &name, name_text, &d->exp->recipient, NULL) + 2;
  y += put_right_block (d, d->right, y, 90 * MM, &small, address, NULL);
  d->y = y;
}

static void
din_head (Doc *d)
{
  double b = base_size (d);
  Style addr = style (b);
  Style label = style_colored (b * 0.8, gray);
  Style value = style (b * 0.9);
  Style subject = style_bold (b * 1.3);
  g_autofree char *buyer = buyer_lines (d);
  Meta meta[5];
  int n = meta_entries (d, meta, MARK_MAIN);
  double y;

  y = 50 * MM;
  y += return_line (d, 25 * MM, y, 82 * MM);
  put (d, 25 * MM, MAX (y + 2, 58 * MM), 82 * MM, &addr, buyer, NULL);

  meta_rows (d, meta, n, 125 * MM, 50 * MM, 0, &label, &value, 2);
  meta_clear (meta, n);

  y = 100 * MM;
  y += put (d, d->left, y, content_width (d), &subject, kind_title (d), NULL);
  d->y = y + 7 * MM;
  place_block (d, intro_block, GINT_TO_POINTER (TRUE));
}

static void
din_table_style (Doc *d, TableStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->header_rule = TRUE;
  ts->position = TRUE;
  ts->size = base_size (d) * 0.95;
  ts->pad = 3;
  ts->header_fg = black;
  ts->header_rule_color = black;
  ts->row_rule_color = rule_gray;
  ts->desc_de = "Beschreibung";
  ts->desc_en = "Description";
}

static void
din_totals_style (Doc *d, TotalsStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->width = 80 * MM;
  ts->size = base_size (d);
  ts->total_scale = 1.1;
  ts->rule_above = TRUE;
  ts->double_rule = TRUE;
  ts->vat_words = 0;
  ts->net_de = "Nettobetrag";
  ts->net_en = "Net amount";
  ts->mark = MARK_MAIN;
}

/* -- US style, header block on the right -- */

/* The company line and the bank line of the lighter footers, stacked so that they end at
 * BOTTOM; they shrink a little to stay on one line each. Returns their top. */
static double
footer_lines (Doc *d, double bottom, double size)
{
  const RemitTestInvoice *inv = d->inv;
  Style tiny = style_colored (size, gray);
  g_autofree char *company = footer_line (d);
  g_autofree char *bank = inv->iban_in_footer ? footer_bank_line (d) : NULL;
  double width = content_width (d);
  double h_company, h_bank = 0, y;

  fit_size (d, &tiny, company, width);
  if (bank != NULL)
    fit_size (d, &tiny, bank, width);
  tiny.size = MAX (tiny.size, 5.5);
  tiny.align = PANGO_ALIGN_CENTER;
  h_company = text_height (d, &tiny, company, width);
  if (bank != NULL)
    h_bank = text_height (d, &tiny, bank, width);
  y = bottom - h_company - h_bank;
  put (d, d->left, y, width, &tiny, company, &d->exp->recipient, NULL);
  if (bank != NULL)
    put (d, d->left, y + h_company, width, &tiny, bank, &d->exp->iban, &d->exp->bic, NULL);
  return y;
}

static void
us_decorate (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style thanks = style_colored (b, d->accent);
  double y = footer_lines (d, d->height - 34, 7);
  double h;

  thanks.italic = TRUE;
  thanks.align = PANGO_ALIGN_CENTER;
  h = text_height (d, &thanks, "Ag", 0);
  put (d, d->left, y - h - 4, content_width (d), &thanks,
       TR (d, "Vielen Dank für Ihren Auftrag!", "Thank you for your business!"), NULL);
  add_line (d, d->left, y - h - 10, d->right, y - h - 10, 0.5, rule_gray);
  add_page_number (d, d->left, d->height - 26, content_width (d), 7, PANGO_ALIGN_RIGHT, FALSE,
                   gray);
  d->bottom = y - h - 24;

  if (d->page > 1)
    {
      Style small = style_colored (b * 0.85, gray);
      g_autofree char *left = marked (MARK_MINOR, inv->seller_name);
      g_autofree char *right = g_strdup_printf ("%s " MARK_MINOR "%s" END, kind_title (d),
                                                inv->invoice_number);

      put (d, d->left, 40, 0, &small, left, &d->exp->recipient, NULL);
      put_right (d, d->right, 40, &small, right, &d->exp->invoice_number, NULL);
      add_line (d, d->left, 56, d->right, 56, 0.5, rule_gray);
      d->y = 70;
    }
}

static void
us_letterhead (Doc *d)
{
  double b = base_size (d);
  Style name = style_bold (b * 1.8);
  Style small = style_colored (b * 0.85, gray);
  g_autofree char *name_text = marked (MARK_MAIN, d->inv->seller_name);
  g_autofree char *address = seller_address_lines (d, TRUE);
  double y = 46;

  name.color = d->accent;
  fit_size (d, &name, d->inv->seller_name, content_width (d) * 0.55);
  y += put (d, d->left, y, 0, &name, name_text, &d->exp->recipient, NULL);
  y += put (d, d->left, y + 4, content_width (d) * 0.5, &small, address, NULL) + 4;
  d->y = y;
}

static void
us_head (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style title = style_bold (b * 2.4);
  Style label = style_bold (b * 0.85);
  Style value = style (b * 0.95);
  Style caps = style_bold (b * 0.75);
  Style addr = style (b);
  g_autofree char *title_text = g_utf8_strup (kind_title (d), -1);
  g_autofree char *buyer = buyer_lines (d);
  Meta meta[5];
  int n = meta_entries (d, meta, MARK_MAIN);
  double y = 40, value_w = 0;

  title.color = gray;
  title.letter_spacing = 1.5;
  /* Long titles (ZAHLUNGSERINNERUNG) get smaller to stay clear of the company name. */
  while (text_width (d, &title, title_text) > content_width (d) * 0.42 && title.size > b * 1.2)
    title.size -= 0.5;
  y += put_right (d, d->right, y, &title, title_text, NULL) + 8;
  for (int i = 0; i < n; i++)
    value_w = MAX (value_w, text_width (d, &value, meta[i].value));
  for (int i = 0; i < n; i++)
    {
      double h;

      label.align = PANGO_ALIGN_RIGHT;
      put_right (d, d->right - value_w - 14, y, &label, meta[i].label, NULL);
      h = put_right (d, d->right, y, &value, meta[i].value, meta[i].field, NULL);
      y += h + 3;
    }
  meta_clear (meta, n);

  y = MAX (y, d->y) + 18;
  add_line (d, d->left, y - 8, d->right, y - 8, 0.5, rule_gray);
  caps.color = d->accent;
  caps.letter_spacing = 0.8;
  y += put (d, d->left, y, 0, &caps, TR (d, "RECHNUNG AN", "BILL TO"), NULL) + 3;
  y += put (d, d->left, y, content_width (d) * 0.5, &addr, buyer, NULL);
  d->y = y + 22;
  if (inv->kind != REMIT_TEST_KIND_INVOICE)
    place_block (d, intro_block, GINT_TO_POINTER (FALSE));
}

static void
us_table_style (Doc *d, TableStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->header_fill = TRUE;
  ts->header_upper = TRUE;
  ts->zebra = TRUE;
  ts->currency_in_cells = TRUE;
  ts->size = base_size (d) * 0.95;
  ts->pad = 5;
  ts->header_bg = d->accent;
  ts->header_fg = white;
  ts->header_rule_color = d->accent;
  ts->row_rule_color = rule_gray;
  ts->zebra_color = (Rgb) { 0.955, 0.96, 0.965 };
  ts->desc_de = "Beschreibung";
  ts->desc_en = "Description";
}

static void
us_totals_style (Doc *d, TotalsStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->width = 210;
  ts->size = base_size (d);
  ts->total_scale = 1.15;
  ts->total_box = TRUE;
  ts->vat_words = g_str_equal (d->inv->currency, "USD") ? 1 : 0;
  ts->net_de = "Zwischensumme";
  ts->net_en = "Subtotal";
  ts->mark = MARK_MAIN;
  ts->box_bg = d->accent;
  ts->box_fg = white;
}

/* Totals on the right, payment instructions on the left beside them, the code below the
 * totals. */
static void
us_totals_payment (Doc *d, gpointer data)
{
  const TotalsStyle *ts = data;
  const RemitTestInvoice *inv = d->inv;
  double y0 = d->y;
  double left_w = content_width (d) - ts->width - 40;
  double y_right, y_left = y0;

  totals_block (d, (gpointer) ts);
  y_right = d->y;
  if (d->qr != NULL)
    y_right += put_qr (d, d->right - qr_size (d), y_right - 8, qr_size (d));

  d->y = y0;
  if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    {
      Style st = style (base_size (d));

      y_left += put (d, d->left, y0, left_w, &st,
                     TR (d, "Der Gutschriftsbetrag wird mit Ihrer nächsten Rechnung verrechnet.",
                         "The credit will be set off against your next invoice."),
                     NULL);
    }
  else
    {
      Style head = style_bold (base_size (d) * 1.05);

      head.color = d->accent;
      y_left += put (d, d->left, y_left, 0, &head,
                     TR (d, "Zahlungsinformationen", "Payment instructions"), NULL) + 4;
      y_left += payment_text (d, d->left, y_left, left_w);
    }
  d->y = MAX (y_left, y_right) + base_size (d) * 1.5;
}

/* -- wholesale -- */

static void
wholesale_decorate (Doc *d)
{
  double b = base_size (d);
  Column cols[4];
  int n;
  double h;

  n = footer_columns (d, cols);
  h = put_columns (d, d->left + 5, 273 * MM, content_width (d) - 10, 6.5, cols, n, gray);
  columns_clear (cols, n);
  add_rect (d, d->left, 271 * MM, content_width (d), h + 4 * MM, NULL, &rule_gray, 0.6);
  d->bottom = 266 * MM;

  if (d->page > 1)
    {
      Style name = style_bold (b * 1.2);
      Style small = style_colored (b * 0.9, gray);
      g_autofree char *left = marked (MARK_MINOR, d->inv->seller_name);
      g_autofree char *right = g_strdup_printf ("%s %s " MARK_MINOR "%s" END,
                                                TR (d, "Fortsetzung", "Continued:"), kind_title (d),
                                                d->inv->invoice_number);

      put (d, d->left, 12 * MM, 0, &name, left, &d->exp->recipient, NULL);
      put_right (d, d->right - 22 * MM, 12.5 * MM, &small, right, &d->exp->invoice_number, NULL);
      add_page_number (d, d->right - 20 * MM, 12.5 * MM, 20 * MM, b * 0.9, PANGO_ALIGN_RIGHT,
                       TRUE, gray);
      add_rect (d, d->left, 19 * MM, content_width (d), 1.5, &d->accent, NULL, 0);
      d->y = 25 * MM;
    }
}

static void
wholesale_letterhead (Doc *d)
{
  double b = base_size (d);
  Style name = style_bold (b * 1.9);
  Style tagline = style_colored (b * 0.95, gray);
  Style small = right_block_style (b * 0.85, gray);
  g_autofree char *name_text = marked (MARK_MAIN, d->inv->seller_name);
  g_autofree char *address = seller_address_lines (d, TRUE);
  double y = 11 * MM;

  name.color = d->accent;
  fit_size (d, &name, d->inv->seller_name, content_width (d) - 66 * MM);
  y += put (d, d->left, y, 0, &name, name_text, &d->exp->recipient, NULL);
  put (d, d->left, y + 1, 0, &tagline,
       TR (d, "Großhandel für Büro- und Industriebedarf",
           "Wholesale office and industrial supplies"),
       NULL);
  put_right_block (d, d->right, 10 * MM, 60 * MM, &small, address, NULL);
  add_rect (d, d->left, 33 * MM, content_width (d), 2, &d->accent, NULL, 0);
  d->y = 38 * MM;
}

static void
wholesale_head (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style addr = style (b * 1.05);
  Style title = style_bold (b * 1.9);
  Style label = style_colored (6.5, gray);
  Style value = style_bold (b);
  g_autofree char *buyer = buyer_lines (d);
  g_autofree char *title_text = g_utf8_strup (kind_title (d), -1);
  Meta meta[6];
  int n = meta_entries (d, meta, MARK_MAIN);
  double y = 41 * MM, cell_w, cell_h;

  y += return_line (d, d->left, y, 85 * MM);
  y += put (d, d->left, y + 2, 85 * MM, &addr, buyer, NULL) + 2;
  title.color = d->accent;
  put_right (d, d->right, 42 * MM, &title, title_text, NULL);

  y = MAX (y + 6 * MM, 78 * MM);
  meta[n++] = (Meta) { TR (d, "Seite", "Page"), NULL, NULL };
  cell_w = content_width (d) / n;
  cell_h = text_height (d, &label, "Ag", 0) + text_height (d, &value, "Ag", 0) + 7;
  for (int i = 0; i < n; i++)
    {
      double x = d->left + i * cell_w;

      add_rect (d, x, y, cell_w, cell_h, i % 2 == 0 ? &light : NULL, &rule_gray, 0.6);
      put (d, x + 4, y + 2.5, cell_w - 8, &label, meta[i].label, NULL);
      if (meta[i].value != NULL)
        put (d, x + 4, y + 3.5 + text_height (d, &label, "Ag", 0), 0, &value, meta[i].value,
             meta[i].field, NULL);
      else
        add_page_number (d, x + 4, y + 3.5 + text_height (d, &label, "Ag", 0), cell_w - 8, b,
                         PANGO_ALIGN_LEFT, TRUE, black);
    }
  meta_clear (meta, n);
  d->y = y + cell_h + 6 * MM;

  if (inv->kind == REMIT_TEST_KIND_INVOICE)
    {
      Style st = style (b);

      d->y += put (d, d->left, d->y, content_width (d), &st,
                   TR (d, "Wir lieferten Ihnen zu unseren Allgemeinen Geschäftsbedingungen:",
                       "We supplied the following under our terms and conditions of sale:"),
                   NULL) + b;
    }
  else
    place_block (d, intro_block, GINT_TO_POINTER (FALSE));
}

static void
wholesale_table_style (Doc *d, TableStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->grid = TRUE;
  ts->zebra = TRUE;
  ts->header_fill = TRUE;
  ts->position = TRUE;
  ts->unit_column = TRUE;
  ts->vat_column = TRUE;
  ts->carry_over = TRUE;
  ts->short_heads = TRUE;
  ts->size = base_size (d);
  ts->pad = 2.5;
  ts->header_bg = (Rgb) { 0.86, 0.87, 0.89 };
  ts->header_fg = black;
  ts->header_rule_color = rule_gray;
  ts->row_rule_color = rule_gray;
  ts->zebra_color = (Rgb) { 0.965, 0.97, 0.975 };
  ts->desc_de = "Bezeichnung";
  ts->desc_en = "Description";
}

static void
wholesale_totals_style (Doc *d, TotalsStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->width = 75 * MM;
  ts->size = base_size (d);
  ts->total_scale = 1.2;
  ts->rule_above = TRUE;
  ts->vat_words = 1;
  ts->net_de = "Warenwert netto";
  ts->net_en = "Net goods value";
  ts->mark = MARK_MAIN;
}

/* A gridded breakdown by VAT rate, then the total in a frame. */
static void
wholesale_totals (Doc *d, gpointer data)
{
  const TotalsStyle *tstyle = data;
  const RemitTestInvoice *inv = d->inv;
  Style head = style_bold (tstyle->size);
  Style cell = style (tstyle->size);
  Style total = style_bold (tstyle->size * tstyle->total_scale);
  const char *heads[4] = { TR (d, "USt.-Satz", "VAT rate"), TR (d, "Nettobetrag", "Net"),
                           TR (d, "USt.-Betrag", "VAT"), TR (d, "Bruttobetrag", "Gross") };
  double width = content_width (d) * 0.64;
  double x0 = d->right - width, col_w = width / 4;
  double line_h = text_height (d, &cell, "Ag", 0) + 5;
  double y = d->y;
  g_autofree char *amount = marked (tstyle->mark, d->amount_text);
  double total_h, box_w;

  add_rect (d, x0, y, width, line_h, &(Rgb) { 0.86, 0.87, 0.89 }, &rule_gray, 0.5);
  for (int c = 0; c < 4; c++)
    {
      if (c == 0)
        put (d, x0 + 4, y + 2.5, 0, &head, heads[c], NULL);
      else
        put_right (d, x0 + (c + 1) * col_w - 4, y + 2.5, &head, heads[c], NULL);
    }
  y += line_h;
  for (int g = 0; g <= d->n_groups; g++)
    {
      gboolean sum = g == d->n_groups;
      g_autofree char *rate = NULL;
      g_autofree char *net = NULL;
      g_autofree char *vat = NULL;
      g_autofree char *gross = NULL;
      const Style *st = sum ? &head : &cell;

      if (sum && d->n_groups < 2)
        break;
      rate = sum ? g_strdup (TR (d, "Summe", "Total"))
                 : g_strdup_printf ("%d %%", d->groups[g].rate);
      net = format_number (inv, sum ? d->net : d->groups[g].net);
      vat = format_number (inv, sum ? d->vat : d->groups[g].vat);
      gross = format_number (inv, sum ? d->gross : d->groups[g].net + d->groups[g].vat);
      add_rect (d, x0, y, width, line_h, NULL, &rule_gray, 0.5);
      put (d, x0 + 4, y + 2.5, 0, st, rate, NULL);
      put_right (d, x0 + 2 * col_w - 4, y + 2.5, st, net, NULL);
      put_right (d, x0 + 3 * col_w - 4, y + 2.5, st, vat, NULL);
      put_right (d, x0 + 4 * col_w - 4, y + 2.5, st, gross, NULL);
      y += line_h;
    }
  for (int c = 1; c < 4; c++)
    add_line (d, x0 + c * col_w, d->y, x0 + c * col_w, y, 0.5, rule_gray);

  y += 6;
  total_h = text_height (d, &total, "Ag", 0) + 8;
  box_w = MAX (2 * col_w, text_width (d, &total, inv->total_label)
                            + text_width (d, &total, d->amount_text) + 28);
  add_rect (d, d->right - box_w, y, box_w, total_h, NULL, &black, 1.0);
  put (d, d->right - box_w + 6, y + 4, 0, &total, inv->total_label, NULL);
  put_right (d, d->right - 6, y + 4, &total, amount, &d->exp->amount, NULL);
  d->y = y + total_h + base_size (d) * 1.5;
}

/* -- minimalist freelancer -- */

static void
freelancer_decorate (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double y = footer_lines (d, d->height - 13 * MM, 7);

  add_page_number (d, d->left, d->height - 10 * MM, content_width (d), 7, PANGO_ALIGN_CENTER, TRUE,
                   gray);
  d->bottom = y - 10 * MM;

  if (d->page > 1)
    {
      Style small = style_colored (base_size (d) * 0.85, gray);
      g_autofree char *left = marked (MARK_MINOR, inv->seller_name);

      put (d, d->left, 15 * MM, 0, &small, left, &d->exp->recipient, NULL);
      d->y = 28 * MM;
    }
}

static void
freelancer_letterhead (Doc *d)
{
  double b = base_size (d);
  Style title = style (b * 2.8);
  Style name = style_bold (b);
  Style small = right_block_style (b * 0.85, gray);
  g_autofree char *name_text = marked (MARK_MAIN, d->inv->seller_name);
  g_autofree char *address = seller_address_lines (d, TRUE);
  double y = 22 * MM, h;

  title.color = d->accent;
  h = put (d, d->left, y - 3, content_width (d) * 0.5, &title, kind_title (d), NULL);
  fit_size (d, &name, d->inv->seller_name, content_width (d) * 0.45);
  y += put_right (d, d->right, y, &name, name_text, &d->exp->recipient, NULL) + 2;
  y += put_right_block (d, d->right, y, 80 * MM, &small, address, NULL);
  d->y = MAX (y, 22 * MM + h);
}

static void
freelancer_head (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style caps = style_colored (b * 0.75, gray);
  Style addr = style (b);
  Style label = style_colored (b * 0.9, gray);
  Style value = style (b * 0.95);
  g_autofree char *buyer = buyer_lines (d);
  Meta meta[5];
  int n = meta_entries (d, meta, MARK_MAIN);
  double y = MAX (d->y + 14 * MM, 64 * MM);
  double x_meta = d->left + content_width (d) * 0.56;
  double left_h, right_h;

  caps.letter_spacing = 1.0;
  left_h = put (d, d->left, y, 0, &caps, TR (d, "RECHNUNG AN", "BILLED TO"), NULL) + 4;
  left_h += put (d, d->left, y + left_h, content_width (d) * 0.5, &addr, buyer, NULL);
  right_h = meta_rows (d, meta, n, x_meta, y, d->right, &label, &value, 3);
  meta_clear (meta, n);
  d->y = y + MAX (left_h, right_h) + 14 * MM;
  if (inv->kind != REMIT_TEST_KIND_INVOICE)
    place_block (d, intro_block, GINT_TO_POINTER (FALSE));
}

static void
freelancer_table_style (Doc *d, TableStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->header_upper = TRUE;
  ts->header_rule = TRUE;
  ts->row_rules = TRUE;
  ts->combined = TRUE;
  ts->currency_in_cells = TRUE;
  ts->size = base_size (d);
  ts->pad = 6;
  ts->header_fg = gray;
  ts->header_rule_color = rule_gray;
  ts->row_rule_color = (Rgb) { 0.88, 0.89, 0.9 };
  ts->desc_de = "Leistung";
  ts->desc_en = "Service";
}

static void
freelancer_totals_style (Doc *d, TotalsStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->width = 72 * MM;
  ts->size = base_size (d);
  ts->total_scale = 1.45;
  ts->rule_above = TRUE;
  ts->vat_words = 1;
  ts->net_de = "Zwischensumme";
  ts->net_en = "Subtotal";
  ts->mark = MARK_MAIN;
}

/* -- utility bill -- */

static void
utility_decorate (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double y = footer_lines (d, d->height - 7 * MM, 6.5);

  d->bottom = y - 4 * MM;

  if (d->page > 1)
    {
      Style name = style_bold (base_size (d));
      g_autofree char *left = marked (MARK_MINOR, inv->seller_name);

      name.color = white;
      add_rect (d, 0, 0, d->width, 13 * MM, &d->accent, NULL, 0);
      put (d, d->left, 4.5 * MM, 0, &name, left, &d->exp->recipient, NULL);
      add_page_number (d, d->left, 5 * MM, content_width (d), base_size (d) * 0.85,
                       PANGO_ALIGN_RIGHT, FALSE, white);
      d->y = 22 * MM;
    }
}

static void
utility_letterhead (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style name = style_bold (b * 1.7);
  Style tagline = style_colored (b * 0.85, white);
  Style small = right_block_style (b * 0.8, white);
  g_autofree char *name_text = marked (MARK_MAIN, inv->seller_name);
  GString *contact = g_string_new (NULL);
  double y = 7 * MM;

  add_rect (d, 0, 0, d->width, 27 * MM, &d->accent, NULL, 0);
  name.color = white;
  fit_size (d, &name, inv->seller_name, content_width (d) - 75 * MM);
  y += put (d, d->left, y, 0, &name, name_text, &d->exp->recipient, NULL);
  put (d, d->left, y + 1, 0, &tagline,
       TR (d, "Energie und Wasser für die Region", "Energy and water for the region"), NULL);
  if (inv->seller_phone != NULL)
    g_string_append_printf (contact, "%s %s", TR (d, "Kundenservice", "Customer service"),
                            inv->seller_phone);
  if (inv->seller_email != NULL)
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? "\n" : "", inv->seller_email);
  if (contact->len > 0)
    put_right_block (d, d->right, 8 * MM, 70 * MM, &small, contact->str, NULL);
  g_string_free (contact, TRUE);
  d->y = 27 * MM;
}

static void
utility_head (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style addr = style (b);
  Style label = style_colored (b * 0.8, gray);
  Style value = style (b * 0.85);
  Style title = style_bold (b * 1.5);
  Style big = style_bold (b * 1.9);
  Style lab = style_bold (b * 1.15);
  Style sub = style_colored (b * 0.9, gray);
  g_autofree char *buyer = buyer_lines (d);
  g_autofree char *amount = marked (MARK_MAIN, d->amount_text);
  g_autofree char *meter = g_strdup_printf ("1ESY%010u",
                                            g_str_hash (inv->invoice_number) % 1000000000u);
  g_autofree char *period = NULL;
  g_autofree char *period_start = NULL;
  g_autofree char *due_line = NULL;
  RemitTestField *due_field = NULL;
  Meta meta[7];
  int n = meta_entries (d, meta, MARK_MAIN);
  double y, meta_h, box_h, x_meta = 112 * MM;
  GDate start = inv->issue_date;

  g_date_subtract_years (&start, 1);
  period_start = format_date (inv, &start);
  period = g_strdup_printf ("%s – %s", period_start, d->issue_text);
  meta[n++] = (Meta) { TR (d, "Zählernummer", "Meter number"), g_strdup (meter), NULL };
  meta[n++] = (Meta) { TR (d, "Zeitraum", "Period"), g_strdup (period), NULL };

  y = 34 * MM;
  y += return_line (d, d->left, y, 80 * MM);
  y += put (d, d->left, y + 3, 80 * MM, &addr, buyer, NULL) + 3;

  meta_h = meta_rows (d, meta, n, x_meta + 4 * MM, 35 * MM, d->right - 4 * MM, &label, &value, 2.5);
  {
    /* The box goes behind the rows: insert it before them. */
    GPtrArray *ops = page_ops (d);
    Op *box;

    add_round_rect (d, x_meta, 32 * MM, d->right - x_meta, meta_h + 6 * MM, 4, &light, NULL, 0);
    box = g_ptr_array_steal_index (ops, ops->len - 1);
    g_ptr_array_insert (ops, ops->len - 2 * n, box);
  }
  meta_clear (meta, n);

  y = MAX (y, 32 * MM + meta_h + 6 * MM) + 8 * MM;
  y += put (d, d->left, y, content_width (d), &title, kind_title (d), NULL) + 4 * MM;

  /* The summary box. */
  if (inv->kind == REMIT_TEST_KIND_CREDIT_NOTE)
    due_line = g_strdup (TR (d, "wird mit dem nächsten Abschlag verrechnet",
                             "will be set off against your next instalment"));
  else if (d->due_text != NULL)
    {
      due_line = g_strdup_printf ("%s " MARK_SLIP "%s" END, TR (d, "zahlbar bis", "payable by"),
                                  d->due_text);
      due_field = &d->exp->due_date;
    }
  else
    {
      due_line = g_strdup_printf ("%s " MARK_SLIP "%s" END, TR (d, "zahlbar", "payable"),
                                  TR (d, "innerhalb von 14 Tagen", "within 14 days"));
      due_field = &d->exp->due_term;
    }
  box_h = text_height (d, &big, "Ag", 0) + text_height (d, &sub, "Ag", 0) + 9 * MM - 4;
  add_round_rect (d, d->left, y, content_width (d), box_h, 6, &d->accent_light, NULL, 0);
  put (d, d->left + 6 * MM, y + 4 * MM, 0, &lab, inv->total_label, NULL);
  put (d, d->left + 6 * MM, y + 4 * MM + text_height (d, &lab, "Ag", 0) + 2, 0, &sub, due_line,
       due_field, NULL);
  big.color = d->accent;
  put_right (d, d->right - 6 * MM, y + (box_h - text_height (d, &big, "Ag", 0)) / 2, &big, amount,
             &d->exp->amount, NULL);
  d->y = y + box_h + 8 * MM;

  if (inv->kind == REMIT_TEST_KIND_INVOICE)
    {
      Style st = style_bold (b);

      d->y += put (d, d->left, d->y, 0, &st,
                   TR (d, "Ihre Abrechnung im Einzelnen", "Your charges in detail"), NULL) + 4;
    }
  else
    place_block (d, intro_block, GINT_TO_POINTER (FALSE));
}

static void
utility_table_style (Doc *d, TableStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->header_rule = TRUE;
  ts->row_rules = TRUE;
  ts->currency_in_cells = TRUE;
  ts->size = base_size (d) * 0.95;
  ts->pad = 4;
  ts->header_fg = d->accent;
  ts->header_rule_color = d->accent;
  ts->row_rule_color = (Rgb) { 0.86, 0.87, 0.88 };
  ts->desc_de = "Leistung";
  ts->desc_en = "Charge";
}

static void
utility_totals_style (Doc *d, TotalsStyle *ts)
{
  memset (ts, 0, sizeof *ts);
  ts->width = 80 * MM;
  ts->size = base_size (d);
  ts->total_scale = 1.1;
  ts->rule_above = TRUE;
  ts->vat_words = 2;
  ts->net_de = "Summe netto";
  ts->net_en = "Net total";
  ts->mark = MARK_SLIP;
}

static const LayoutImpl layouts[REMIT_TEST_N_LAYOUTS] = {
  [REMIT_TEST_LAYOUT_DIN_LETTER] = { 595.2756, 841.8898, 25 * MM, 190 * MM, din_decorate,
                                     din_letterhead, din_head, din_table_style, din_totals_style,
                                     TRUE },
  [REMIT_TEST_LAYOUT_US_HEADER] = { 612, 792, 50, 562, us_decorate, us_letterhead, us_head,
                                    us_table_style, us_totals_style, FALSE },
  [REMIT_TEST_LAYOUT_WHOLESALE] = { 595.2756, 841.8898, 15 * MM, 195 * MM, wholesale_decorate,
                                    wholesale_letterhead, wholesale_head, wholesale_table_style,
                                    wholesale_totals_style, FALSE },
  [REMIT_TEST_LAYOUT_FREELANCER] = { 595.2756, 841.8898, 24 * MM, 186 * MM, freelancer_decorate,
                                     freelancer_letterhead, freelancer_head,
                                     freelancer_table_style, freelancer_totals_style, TRUE },
  [REMIT_TEST_LAYOUT_UTILITY] = { 595.2756, 841.8898, 20 * MM, 190 * MM, utility_decorate,
                                  utility_letterhead, utility_head, utility_table_style,
                                  utility_totals_style, FALSE },
};

/* A page holding only the slip, below the letterhead. */
static void
slip_page (Doc *d)
{
  const RemitTestInvoice *inv = d->inv;
  double b = base_size (d);
  Style title = style_bold (b * 1.4);
  Style st = style (b);
  Style cut = style_colored (6.5, gray);
  g_autofree char *line = g_strdup_printf ("%s " MARK_MAIN "%s" END " %s %s",
                                           TR (d, "zur Rechnung", "for invoice"),
                                           inv->invoice_number, TR (d, "vom", "of"), d->issue_text);
  double y = MAX (d->y + 12 * MM, 60 * MM);

  y += put (d, d->left, y, 0, &title, kind_title (d), NULL) + 2;
  y += put (d, d->left, y, content_width (d), &st, line, &d->exp->invoice_number, NULL) + 2;
  if (inv->customer_number != NULL)
    {
      g_autofree char *customer = g_strdup_printf (
        "%s: " MARK_MAIN "%s" END, inv->customer_number_label, inv->customer_number);

      y += put (d, d->left, y, content_width (d), &st, customer, &d->exp->customer_number, NULL);
    }
  y += 4;
  y += put (d, d->left, y, content_width (d), &st,
            TR (d, "Bitte verwenden Sie für Ihre Zahlung den folgenden Zahlschein oder übernehmen "
                   "Sie die Angaben in Ihr Online-Banking.",
                "Please use the slip below for your payment, or enter its details in your online "
                "banking."),
            NULL);
  y += 12 * MM;
  add_dashed_line (d, 0, y - 9, d->width, y - 9, 0.5, gray);
  put (d, d->left, y - 17, 0, &cut, TR (d, "✂ Bitte hier abtrennen", "✂ Detach here"), NULL);
  y += slip (d, d->left - 6, y, content_width (d) + 12, MARK_MAIN, MARK_MAIN);
  d->y = y;
}

static void
render_document (Doc *d, const LayoutImpl *impl)
{
  const RemitTestInvoice *inv = d->inv;
  TableStyle table;
  TotalsStyle totals;

  new_page (d);
  impl->letterhead (d);
  if (inv->kind == REMIT_TEST_KIND_REMITTANCE_SLIP)
    {
      slip_page (d);
      return;
    }
  impl->head (d);
  impl->table_style (d, &table);
  impl->totals_style (d, &totals);

  if (inv->kind == REMIT_TEST_KIND_REMINDER)
    place_block (d, reminder_table, &table);
  else
    items_table (d, &table);

  if (inv->layout == REMIT_TEST_LAYOUT_US_HEADER)
    place_block (d, us_totals_payment, &totals);
  else
    {
      if (inv->layout == REMIT_TEST_LAYOUT_WHOLESALE && inv->kind != REMIT_TEST_KIND_REMINDER)
        place_block (d, wholesale_totals, &totals);
      else
        place_block (d, totals_block, &totals);
      place_block (d, notes_block, NULL);
      if (inv->kind != REMIT_TEST_KIND_CREDIT_NOTE)
        place_block (d, payment_block, NULL);
    }
  place_block (d, distractor_block, NULL);
  if (impl->closing)
    place_block (d, closing_block, NULL);
  if (inv->layout == REMIT_TEST_LAYOUT_UTILITY && inv->kind != REMIT_TEST_KIND_CREDIT_NOTE)
    bottom_slip (d, d->bottom);
}

/* ------------------------------------------------------------------------------------------ */
/* Painting and the public entry points                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
rounded_rect_path (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
paint_qr (cairo_t *cr, const QRcode *qr, double x, double y, double size)
{
  double module = size / qr->width;

  /* Runs of dark modules as one rectangle each, so that no seams show between modules. */
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width;)
      {
        int start = col;

        while (col < qr->width && (qr->data[row * qr->width + col] & 1))
          col++;
        if (col > start)
          cairo_rectangle (cr, x + start * module, y + row * module, (col - start) * module,
                           module);
        else
          col++;
      }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_fill (cr);
}

static void
paint_page (Doc *d, cairo_t *cr, GPtrArray *ops, int page, int n_pages)
{
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = g_ptr_array_index (ops, i);

      switch (op->kind)
        {
        case OP_TEXT:
          cairo_set_source_rgb (cr, op->color.r, op->color.g, op->color.b);
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;
        case OP_RECT:
          if (op->radius > 0)
            rounded_rect_path (cr, op->x, op->y, op->w, op->h, op->radius);
          else
            cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          if (op->filled)
            {
              cairo_set_source_rgb (cr, op->fill.r, op->fill.g, op->fill.b);
              cairo_fill_preserve (cr);
            }
          if (op->stroked)
            {
              cairo_set_source_rgb (cr, op->color.r, op->color.g, op->color.b);
              cairo_set_line_width (cr, op->line_width);
              cairo_stroke_preserve (cr);
            }
          cairo_new_path (cr);
          break;
        case OP_LINE:
          if (op->dashed)
            {
              static const double dash[] = { 3, 2 };

              cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
            }
          cairo_set_source_rgb (cr, op->color.r, op->color.g, op->color.b);
          cairo_set_line_width (cr, op->line_width);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->w, op->y + op->h);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        case OP_QR:
          paint_qr (cr, d->qr, op->x, op->y, op->w);
          break;
        case OP_PAGE_NUMBER:
        default:
          {
            Style st = style_colored (op->size, op->color);
            g_autofree char *text = NULL;
            PangoLayout *layout;

            if (op->compact)
              text = g_strdup_printf ("%d / %d", page, n_pages);
            else if (d->de)
              text = g_strdup_printf ("Seite %d von %d", page, n_pages);
            else
              text = g_strdup_printf ("Page %d of %d", page, n_pages);
            st.align = op->align;
            layout = make_layout (d, &st, text, op->w, NULL);
            cairo_set_source_rgb (cr, op->color.r, op->color.g, op->color.b);
            cairo_move_to (cr, op->x, op->y);
            pango_cairo_show_layout (cr, layout);
            g_object_unref (layout);
          }
          break;
        }
    }
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
paint_pdf (Doc *d, GByteArray *out, GError **error)
{
  const RemitTestInvoice *inv = d->inv;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autofree char *title = g_strdup_printf ("%s %s", kind_title (d), inv->invoice_number);
  g_autofree char *date = g_strdup_printf ("%04d-%02d-%02dT09:30:00",
                                           g_date_get_year (&inv->issue_date),
                                           g_date_get_month (&inv->issue_date),
                                           g_date_get_day (&inv->issue_date));

  surface = cairo_pdf_surface_create_for_stream (append_bytes, out, d->width, d->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, inv->seller_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Remit test invoices");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cr = cairo_create (surface);
  for (guint i = 0; i < d->pages->len; i++)
    {
      paint_page (d, cr, g_ptr_array_index (d->pages, i), i + 1, d->pages->len);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not draw the PDF: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_spec (const RemitTestInvoice *inv, GError **error)
{
  const char *missing = NULL;
  int rates[9];
  int n_rates = 0;

#define REQUIRE(member)                                                                            \
  if (missing == NULL && (inv->member == NULL || *inv->member == '\0'))                            \
    missing = #member;
  REQUIRE (font_family);
  REQUIRE (seller_name);
  REQUIRE (seller_street);
  REQUIRE (seller_city);
  REQUIRE (buyer_name);
  REQUIRE (buyer_street);
  REQUIRE (buyer_city);
  REQUIRE (invoice_number);
  REQUIRE (invoice_number_label);
  REQUIRE (total_label);
  REQUIRE (iban);
  REQUIRE (bic);
  REQUIRE (bank_name);
#undef REQUIRE
  if (missing == NULL && inv->customer_number != NULL && inv->customer_number_label == NULL)
    missing = "customer_number_label";
  if (missing == NULL && inv->payment_reference != NULL && inv->payment_reference_label == NULL)
    missing = "payment_reference_label";
  if (missing != NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "The test invoice has no %s", missing);
      return FALSE;
    }

  if (!remit_iban_is_valid (inv->iban) || strchr (inv->iban, ' ') != NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                   "The payee IBAN “%s” is not a valid IBAN without spaces", inv->iban);
      return FALSE;
    }
  if (!remit_bic_is_valid (inv->bic))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC,
                   "The BIC “%s” is not valid", inv->bic);
      return FALSE;
    }
  if (inv->distractor != REMIT_TEST_DISTRACTOR_NONE
      && (inv->distractor_iban == NULL || !remit_iban_is_valid (inv->distractor_iban)
          || strchr (inv->distractor_iban, ' ') != NULL))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                   "A distractor needs a valid IBAN without spaces");
      return FALSE;
    }
  if (!g_str_equal (inv->currency, "EUR") && !g_str_equal (inv->currency, "USD")
      && !g_str_equal (inv->currency, "GBP"))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "The currency “%.3s” is not one of EUR, USD, GBP", inv->currency);
      return FALSE;
    }
  if (inv->font_size < 6 || inv->font_size > 16)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "The font size %g is outside 6 … 16 points", inv->font_size);
      return FALSE;
    }
  if ((guint) inv->layout >= REMIT_TEST_N_LAYOUTS || (guint) inv->kind >= REMIT_TEST_N_KINDS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "Unknown layout or document kind");
      return FALSE;
    }
  if (!g_date_valid (&inv->issue_date))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "The test invoice has no issue date");
      return FALSE;
    }
  if (inv->items->len == 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   "The test invoice has no items");
      return FALSE;
    }
  for (guint i = 0; i < inv->items->len; i++)
    {
      const RemitTestItem *item = g_ptr_array_index (inv->items, i);
      gboolean known = FALSE;

      if (item->quantity <= 0 || item->quantity > 1000000 || item->unit_price < 0
          || item->unit_price > G_GINT64_CONSTANT (100000000000) || item->vat_percent < 0
          || item->vat_percent > 99)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       "Item %u has a quantity, price or VAT rate out of range", i + 1);
          return FALSE;
        }
      for (int r = 0; r < n_rates; r++)
        known |= rates[r] == item->vat_percent;
      if (!known && n_rates == 8)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       "The test invoice has more than 8 VAT rates");
          return FALSE;
        }
      if (!known)
        rates[n_rates++] = item->vat_percent;
    }
  return TRUE;
}

static void
set_value (RemitTestField *field, const char *value)
{
  g_clear_pointer (&field->value, g_free);
  if (field->places->len > 0)
    field->value = g_strdup (value);
}

static const Rgb accents[] = {
  { 0.12, 0.23, 0.42 }, /* navy */
  { 0.0, 0.40, 0.43 },  /* teal */
  { 0.50, 0.12, 0.18 }, /* burgundy */
  { 0.13, 0.38, 0.24 }, /* forest */
  { 0.26, 0.30, 0.36 }, /* slate */
  { 0.62, 0.31, 0.05 }, /* ochre */
};

static void
doc_clear (Doc *d)
{
  g_clear_object (&d->pango);
  g_clear_pointer (&d->pages, g_ptr_array_unref);
  g_clear_pointer (&d->log, g_array_unref);
  g_clear_pointer (&d->priorities, g_hash_table_unref);
  g_clear_pointer (&d->sizes, g_hash_table_unref);
  g_clear_pointer (&d->qr, QRcode_free);
  g_free (d->iban_text);
  g_free (d->bic_text);
  g_free (d->distractor_text);
  g_free (d->amount_text);
  g_free (d->issue_text);
  g_free (d->due_text);
  g_free (d->reminder_text);
  g_free (d->original_due_text);
}

/**
 * remit_test_invoice_render:
 * @invoice: the description
 * @expected: (out) (optional): the values to find and where they are
 * @error: a #GError
 *
 * Draws @invoice as a PDF.
 *
 * Returns: the PDF, or %NULL when the description is incomplete or invalid
 */
GBytes *
remit_test_invoice_render (const RemitTestInvoice *invoice,
                           RemitTestExpected **expected,
                           GError **error)
{
  const LayoutImpl *impl;
  RemitTestExpected *exp;
  cairo_font_options_t *options;
  g_autoptr (GByteArray) out = NULL;
  g_autofree char *wire = NULL;
  Doc d = { 0 };
  guint hue;

  g_return_val_if_fail (invoice != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_spec (invoice, error))
    return NULL;

  impl = &layouts[invoice->layout];
  d.inv = invoice;
  d.exp = exp = expected_new ();
  d.de = is_german (invoice);
  d.width = impl->width;
  d.height = impl->height;
  d.left = impl->left;
  d.right = impl->right;
  d.decorate = impl->decorate;
  d.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  d.log = g_array_new (FALSE, FALSE, sizeof (LogEntry));
  g_array_set_clear_func (d.log, log_entry_clear);
  d.priorities = g_hash_table_new (NULL, NULL);
  d.sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  d.family = remit_test_resolve_font (invoice->font_family);
  d.mono_family = remit_test_resolve_font ("DejaVu Sans Mono");
  hue = g_str_hash (invoice->seller_name) % G_N_ELEMENTS (accents);
  d.accent = accents[hue];
  d.accent_light = (Rgb) { 0.88 + 0.12 * d.accent.r, 0.88 + 0.12 * d.accent.g,
                           0.88 + 0.12 * d.accent.b };

  /* Metrics independent of any device: no hinting, no rounding. */
  d.pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (d.pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (d.pango, 72);
  pango_context_set_round_glyph_positions (d.pango, FALSE);

  if (invoice->qr_payload != NULL)
    {
      d.qr = QRcode_encodeString (invoice->qr_payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (d.qr == NULL)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       "The QR payload cannot be encoded");
          doc_clear (&d);
          remit_test_expected_free (exp);
          return NULL;
        }
    }

  compute_totals (&d);
  compute_texts (&d);
  render_document (&d, impl);

  exp->n_pages = d.pages->len;
  exp->page_width = d.width;
  exp->page_height = d.height;
  exp->font_family = g_strdup (d.family);
  switch (invoice->kind)
    {
    case REMIT_TEST_KIND_REMINDER:
      exp->doc_type = "Reminder";
      break;
    case REMIT_TEST_KIND_CREDIT_NOTE:
      exp->doc_type = "Other";
      break;
    case REMIT_TEST_KIND_REMITTANCE_SLIP:
      exp->doc_type = "RemittanceSlip";
      break;
    case REMIT_TEST_KIND_INVOICE:
    default:
      exp->doc_type = "Invoice";
      break;
    }
  remit_amount_init (&exp->net, d.net, invoice->currency);
  remit_amount_init (&exp->vat, d.vat, invoice->currency);
  remit_amount_init (&exp->gross, d.gross, invoice->currency);
  remit_amount_init (&exp->amount_to_pay, d.to_pay, invoice->currency);
  wire = remit_amount_to_wire (&exp->amount_to_pay);
  set_value (&exp->amount, wire);
  set_value (&exp->iban, invoice->iban);
  set_value (&exp->bic, invoice->bic);
  set_value (&exp->recipient, invoice->seller_name);
  set_value (&exp->invoice_number, invoice->invoice_number);
  set_value (&exp->customer_number, invoice->customer_number);
  set_value (&exp->payment_reference, invoice->payment_reference);
  set_value (&exp->distractor_iban, invoice->distractor_iban);
  set_value (&exp->qr_code, invoice->qr_payload);
  if (g_date_valid (&d.due))
    {
      g_autofree char *iso = iso_date (&d.due);

      set_value (&exp->due_date, iso);
    }
  {
    g_autofree char *iso = iso_date (&d.term_due);

    set_value (&exp->due_term, iso);
  }

  out = g_byte_array_new ();
  if (!paint_pdf (&d, out, error))
    {
      doc_clear (&d);
      remit_test_expected_free (exp);
      return NULL;
    }
  doc_clear (&d);

  if (expected != NULL)
    *expected = exp;
  else
    remit_test_expected_free (exp);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
remit_test_invoice_write (const RemitTestInvoice *invoice,
                          const char *path,
                          RemitTestExpected **expected,
                          GError **error)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (RemitTestExpected) exp = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  pdf = remit_test_invoice_render (invoice, &exp, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents (path, data, size, error))
    return FALSE;
  if (expected != NULL)
    *expected = g_steal_pointer (&exp);
  return TRUE;
}

static void
json_box (JsonBuilder *b, const RemitTestBox *box)
{
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, box->page);
  json_builder_set_member_name (b, "left");
  json_builder_add_double_value (b, box->left);
  json_builder_set_member_name (b, "top");
  json_builder_add_double_value (b, box->top);
  json_builder_set_member_name (b, "width");
  json_builder_add_double_value (b, box->width);
  json_builder_set_member_name (b, "height");
  json_builder_add_double_value (b, box->height);
}

static void
json_field (JsonBuilder *b, const char *name, const RemitTestField *field)
{
  json_builder_set_member_name (b, name);
  if (field->value == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, field->value);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, field->text);
  json_builder_set_member_name (b, "box");
  json_builder_begin_object (b);
  json_box (b, &field->box);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  for (guint i = 0; i < field->places->len; i++)
    {
      const RemitTestPlace *place = &g_array_index (field->places, RemitTestPlace, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, place->text);
      json_box (b, &place->box);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_amount (JsonBuilder *b, const char *name, const RemitAmount *amount)
{
  g_autofree char *wire = remit_amount_to_wire (amount);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, wire);
}

/**
 * remit_test_expected_to_json:
 *
 * Returns: the expected values as pretty-printed JSON, for people debugging the engine.
 */
char *
remit_test_expected_to_json (const RemitTestExpected *expected)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (expected != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "docType");
  json_builder_add_string_value (b, expected->doc_type);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, expected->n_pages);
  json_builder_set_member_name (b, "pageWidth");
  json_builder_add_double_value (b, expected->page_width);
  json_builder_set_member_name (b, "pageHeight");
  json_builder_add_double_value (b, expected->page_height);
  json_builder_set_member_name (b, "fontFamily");
  json_builder_add_string_value (b, expected->font_family);
  json_amount (b, "net", &expected->net);
  json_amount (b, "vat", &expected->vat);
  json_amount (b, "gross", &expected->gross);
  json_amount (b, "amountToPay", &expected->amount_to_pay);
  json_field (b, "amount", &expected->amount);
  json_field (b, "iban", &expected->iban);
  json_field (b, "bic", &expected->bic);
  json_field (b, "paymentRecipient", &expected->recipient);
  json_field (b, "invoiceNumber", &expected->invoice_number);
  json_field (b, "customerNumber", &expected->customer_number);
  json_field (b, "paymentReference", &expected->payment_reference);
  json_field (b, "distractorIban", &expected->distractor_iban);
  json_field (b, "qrCode", &expected->qr_code);
  json_field (b, "dueDate", &expected->due_date);
  json_field (b, "dueTerm", &expected->due_term);
  json_builder_set_member_name (b, "lineItems");
  json_builder_begin_array (b);
  for (guint i = 0; i < expected->items->len; i++)
    {
      const RemitTestExpectedItem *item = g_ptr_array_index (expected->items, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, item->position);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, item->quantity);
      json_amount (b, "unitPrice", &item->unit_price);
      json_amount (b, "baseGross", &item->base_gross);
      json_amount (b, "total", &item->total);
      json_field (b, "description", &item->description);
      json_field (b, "artNumber", &item->article_number);
      json_field (b, "quantityText", &item->quantity_field);
      json_field (b, "unitPriceText", &item->unit_price_field);
      json_field (b, "totalText", &item->total_field);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
