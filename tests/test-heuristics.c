/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "remit-engine.h"
#include "remit-heuristics-private.h"
#include "remit-heuristics.h"
#include "remit-test-invoice.h"

/*
 * The layout heuristics on layouts built word by word (each test places text where an
 * invoice would have it and checks the fields, their boxes and candidates), and through
 * the whole engine on PDFs from the test-invoice generator, whose values and places are
 * known.
 */

#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

typedef struct
{
  RemitLayoutBuilder *builder;
  int page;
} Doc;

static Doc *
doc_new (void)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->builder = remit_layout_builder_new ();
  return doc;
}

static void
doc_page (Doc *doc)
{
  remit_layout_builder_add_page (doc->builder, ++doc->page, A4_WIDTH, A4_HEIGHT);
  remit_layout_builder_add_zone (doc->builder);
}

/* Places @text (lines separated by “\n”) at @x, @y in a font of @size points, words about
 * half the size wide per character, as one paragraph. Returns the box of the last line. */
static RemitBox
put_full (Doc *doc, double x, double y, double size, gboolean bold, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  RemitBox last = { 0 };

  if (doc->page == 0)
    doc_page (doc);

  remit_layout_builder_add_paragraph (doc->builder, NULL);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto (GStrv) words = g_strsplit (lines[l], " ", -1);
      double cx = x;
      double cy = y + l * size * 1.2;
      gboolean first = TRUE;

      remit_layout_builder_add_line (doc->builder, NULL);
      for (guint w = 0; words[w] != NULL; w++)
        {
          RemitBox box;
          double width;

          if (*words[w] == '\0')
            {
              cx += size * 0.28;
              continue;
            }
          width = g_utf8_strlen (words[w], -1) * size * 0.5;
          remit_box_init (&box, doc->page, cx, cy, width, size);
          remit_layout_builder_add_word (doc->builder, &box, size, "Sans", bold, words[w]);
          if (first)
            last = box;
          else
            remit_box_union (&last, &box, &last);
          first = FALSE;
          cx += width + size * 0.28;
        }
    }

  last.page = doc->page;
  return last;
}

static RemitBox
put (Doc *doc, double x, double y, const char *text)
{
  return put_full (doc, x, y, 10, FALSE, text);
}

static RemitExtractionSet *
doc_extract (Doc *doc)
{
  g_autoptr (RemitLayout) layout = remit_layout_builder_end (doc->builder);

  remit_layout_builder_free (doc->builder);
  g_free (doc);
  return remit_heuristics_extract (layout);
}

static void
assert_box (RemitExtraction *extraction, const RemitBox *want)
{
  const RemitBox *box;

  g_assert_nonnull (extraction);
  box = remit_extraction_get_box (extraction);
  g_assert_nonnull (box);
  g_assert_cmpint (box->page, ==, want->page);
  g_assert_cmpfloat_with_epsilon (box->left, want->left, 0.5);
  g_assert_cmpfloat_with_epsilon (box->top, want->top, 0.5);
  g_assert_cmpfloat_with_epsilon (box->width, want->width, 0.5);
  g_assert_cmpfloat_with_epsilon (box->height, want->height, 0.5);
}

static void
assert_value (RemitExtractionSet *set, const char *label, const char *want)
{
  g_assert_cmpstr (remit_extraction_set_get_value (set, label), ==, want);
}

static gboolean
candidates_contain (RemitExtractionSet *set, const char *name, const char *value)
{
  GPtrArray *list = remit_extraction_set_get_candidate_list (set, name);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_strcmp0 (remit_extraction_get_value (g_ptr_array_index (list, i)), value) == 0)
      return TRUE;
  return FALSE;
}

static const char *
item_value (RemitExtractionSet *set, guint index, const char *label)
{
  GPtrArray *items = remit_extraction_set_get_line_items (set);

  g_assert_nonnull (items);
  g_assert_cmpuint (index, <, items->len);
  return remit_extraction_map_lookup_value (g_ptr_array_index (items, index), label);
}

/* A German letter: sender line, address window, info block, item table with net prices,
 * totals, payment sentence and footer columns. */
static void
test_german_invoice (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox iban_box, bic_box, amount_box, number_box, name_box, qty_box;
  GPtrArray *items;

  name_box = put_full (doc, 330, 40, 16, TRUE, "Muster Handels GmbH");
  put_full (doc, 60, 130, 7, FALSE, "Muster Handels GmbH · Hauptstraße 5 · 50667 Köln");
  put (doc, 60, 150, "Kunden AG Mitte\nHerrn Max Mustermann\nKundenstraße 15\n69876 Frankfurt");
  put (doc, 360, 150, "Rechnungsnummer:");
  number_box = put (doc, 460, 150, "RE-2024-0042");
  put (doc, 360, 165, "Kundennummer:");
  put (doc, 460, 165, "4711");
  put (doc, 360, 180, "Datum:");
  put (doc, 460, 180, "12.03.2024");
  put_full (doc, 60, 260, 14, TRUE, "Rechnung");

  put (doc, 60, 300, "Pos.");
  put (doc, 90, 300, "Art.-Nr.");
  put (doc, 150, 300, "Bezeichnung");
  put (doc, 330, 300, "Menge");
  put (doc, 380, 300, "Einzelpreis netto");
  put (doc, 500, 300, "Gesamt");

  put (doc, 60, 320, "1");
  put (doc, 90, 320, "A-100");
  put (doc, 150, 320, "Kaffeebohnen Espresso");
  qty_box = put (doc, 340, 320, "2");
  put (doc, 400, 320, "12,50 €");
  put (doc, 500, 320, "25,00 €");
  put (doc, 150, 332, "1 kg Beutel");
  put (doc, 60, 350, "2");
  put (doc, 90, 350, "B-200");
  put (doc, 150, 350, "Milchaufschäumer");
  put (doc, 340, 350, "1");
  put (doc, 400, 350, "75,00 €");
  put (doc, 500, 350, "75,00 €");

  put (doc, 330, 390, "Summe netto");
  put (doc, 500, 390, "100,00 €");
  put (doc, 330, 405, "zzgl. 19 % MwSt.");
  put (doc, 500, 405, "19,00 €");
  put_full (doc, 330, 420, 10, TRUE, "Rechnungsbetrag");
  amount_box = put_full (doc, 500, 420, 10, TRUE, "119,00 €");

  put (doc, 60, 470, "Bitte überweisen Sie den Betrag innerhalb von 14 Tagen auf unser Konto.");
  put (doc, 60, 760, "Muster Handels GmbH\nHauptstraße 5\n50667 Köln");
  put (doc, 230, 760,
       "Geschäftsführer: Hans Muster\nAmtsgericht Köln HRB 12345\nUSt-IdNr. DE123456789");
  put (doc, 400, 760, "Sparkasse KölnBonn");
  put (doc, 400, 772, "IBAN");
  iban_box = put (doc, 425, 772, "DE89 3704 0044 0532 0130 00");
  put (doc, 400, 784, "BIC");
  bic_box = put (doc, 425, 784, "COBADEFFXXX");

  set = doc_extract (doc);

  assert_value (set, "iban", "DE89370400440532013000");
  assert_box (remit_extraction_set_get_extraction (set, "iban"), &iban_box);
  assert_value (set, "bic", "COBADEFFXXX");
  assert_box (remit_extraction_set_get_extraction (set, "bic"), &bic_box);
  assert_value (set, "amountToPay", "119.00:EUR");
  assert_box (remit_extraction_set_get_extraction (set, "amountToPay"), &amount_box);
  g_assert_cmpstr (remit_extraction_get_candidates (
                     remit_extraction_set_get_extraction (set, "amountToPay")),
                   ==, "amounts");
  assert_value (set, "paymentRecipient", "Muster Handels GmbH");
  assert_box (remit_extraction_set_get_extraction (set, "paymentRecipient"), &name_box);
  assert_value (set, "paymentPurpose", "RE-2024-0042, Kd.-Nr. 4711");
  assert_box (remit_extraction_set_get_extraction (set, "paymentPurpose"), &number_box);
  g_assert_null (remit_extraction_set_get_extraction (set, "paymentReference"));
  assert_value (set, "docType", "Invoice");

  g_assert_true (candidates_contain (set, "amounts", "100.00:EUR"));
  g_assert_true (candidates_contain (set, "amounts", "19.00:EUR"));
  g_assert_true (candidates_contain (set, "referenceIds", "RE-2024-0042"));
  g_assert_true (candidates_contain (set, "referenceIds", "4711"));
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (
                     remit_extraction_set_get_candidate_list (set, "paymentRecipients"), 0)),
                   ==, "Muster Handels GmbH");

  items = remit_extraction_set_get_line_items (set);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (item_value (set, 0, "description"), ==, "Kaffeebohnen Espresso 1 kg Beutel");
  g_assert_cmpstr (item_value (set, 0, "artNumber"), ==, "A-100");
  g_assert_cmpstr (item_value (set, 0, "quantity"), ==, "2");
  g_assert_cmpstr (item_value (set, 0, "baseGross"), ==, "14.88:EUR");
  g_assert_cmpstr (item_value (set, 0, "position"), ==, "1");
  assert_box (remit_extraction_map_lookup (g_ptr_array_index (items, 0), "quantity"), &qty_box);
  g_assert_cmpstr (item_value (set, 1, "description"), ==, "Milchaufschäumer");
  g_assert_cmpstr (item_value (set, 1, "baseGross"), ==, "89.25:EUR");
  /* 2 × 14.88 + 89.25 = 119.01: rounding per unit does not add up exactly. */
  assert_value (set, "amountsAreConsistent", "false");
  g_assert_cmpuint (remit_extraction_set_get_n_return_reasons (set), >=, 6);
  g_assert_nonnull (remit_extraction_set_get_return_reason_text (set, "r1", "de"));
  g_assert_nonnull (remit_extraction_set_get_return_reason_text (set, "r1", "en"));
}

/* Gross prices that add up, with shipping: consistent. */
static void
test_consistent_items (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 18, TRUE, "Buchladen am Markt e.K.");
  put_full (doc, 60, 200, 14, TRUE, "Rechnung Nr. 2024-117");
  put (doc, 60, 240, "Artikel");
  put (doc, 300, 240, "Anzahl");
  put (doc, 380, 240, "Preis");
  put (doc, 480, 240, "Betrag");
  put (doc, 60, 260, "Das Buch der Zahlen");
  put (doc, 310, 260, "3");
  put (doc, 380, 260, "19,90");
  put (doc, 480, 260, "59,70");
  put (doc, 60, 275, "Lesezeichen");
  put (doc, 310, 275, "2");
  put (doc, 380, 275, "2,50");
  put (doc, 480, 275, "5,00");
  put (doc, 300, 300, "Versandkosten");
  put (doc, 480, 300, "4,90");
  put (doc, 300, 315, "Rabatt");
  put (doc, 480, 315, "-3,00");
  put (doc, 300, 330, "Gesamtbetrag (inkl. 7 % MwSt.)");
  put (doc, 480, 330, "66,60 €");
  set = doc_extract (doc);

  assert_value (set, "amountToPay", "66.60:EUR");
  assert_value (set, "paymentRecipient", "Buchladen am Markt e.K.");
  assert_value (set, "paymentPurpose", "2024-117");
  g_assert_cmpuint (remit_extraction_set_get_line_items (set)->len, ==, 2);
  g_assert_cmpstr (item_value (set, 0, "baseGross"), ==, "19.90:EUR");
  g_assert_cmpstr (item_value (set, 0, "quantity"), ==, "3");
  g_assert_cmpstr (item_value (set, 1, "baseGross"), ==, "2.50:EUR");
  assert_value (set, "shipment-addon", "4.90:EUR");
  assert_value (set, "discount-addon", "-3.00:EUR");
  assert_value (set, "amountsAreConsistent", "true");
}

/* An English invoice in dollars: “Invoice #”, “Bill To”, “Total due”. */
static void
test_english_invoice (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 18, TRUE, "Acme Widgets Inc.");
  put (doc, 60, 62, "1200 Market Street, San Francisco, CA 94103");
  put_full (doc, 420, 40, 20, TRUE, "INVOICE");
  put (doc, 400, 90, "Invoice #:");
  put (doc, 480, 90, "INV-1001");
  put (doc, 400, 105, "Date:");
  put (doc, 480, 105, "03/12/2024");
  put_full (doc, 60, 130, 10, TRUE, "Bill To:");
  put (doc, 60, 145, "Globex LLC\n500 Oak Avenue\nSpringfield, IL 62701");
  put (doc, 60, 220, "Description");
  put (doc, 320, 220, "Qty");
  put (doc, 380, 220, "Unit Price");
  put (doc, 480, 220, "Amount");
  put (doc, 60, 240, "Widget, large");
  put (doc, 325, 240, "10");
  put (doc, 380, 240, "$100.00");
  put (doc, 480, 240, "$1,000.00");
  put (doc, 380, 280, "Subtotal");
  put (doc, 480, 280, "$1,000.00");
  put (doc, 380, 295, "Sales tax (8%)");
  put (doc, 480, 295, "$80.00");
  put_full (doc, 380, 310, 10, TRUE, "Total due");
  put_full (doc, 480, 310, 10, TRUE, "$1,080.00");
  set = doc_extract (doc);

  assert_value (set, "amountToPay", "1080.00:USD");
  assert_value (set, "paymentRecipient", "Acme Widgets Inc.");
  assert_value (set, "paymentPurpose", "INV-1001");
  assert_value (set, "docType", "Invoice");
  g_assert_null (remit_extraction_set_get_extraction (set, "iban"));
  g_assert_null (remit_extraction_set_get_extraction (set, "bic"));
  g_assert_cmpstr (item_value (set, 0, "baseGross"), ==, "108.00:USD");
  assert_value (set, "amountsAreConsistent", "true");
}

/* The customer's own account and a direct-debit mandate are not where to pay. */
static void
test_distractor_ibans (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  GPtrArray *ibans;

  put_full (doc, 60, 40, 16, TRUE, "Stadtwerke Musterstadt GmbH");
  put_full (doc, 60, 200, 14, TRUE, "Rechnung");
  put (doc, 60, 230, "Ihre Bankverbindung: IBAN DE02 1203 0000 0000 2020 51");
  put (doc, 60, 260, "Den Betrag von 86,40 € buchen wir am 15.03.2024 von Ihrem Konto");
  put (doc, 60, 272, "IBAN DE02120300000000202051 ab. Mandatsreferenz: M-0042");
  put (doc, 60, 300, "Zu zahlen: 86,40 €");
  put (doc, 60, 780,
       "Stadtwerke Musterstadt GmbH · IBAN: DE89 3704 0044 0532 0130 00 · BIC: COBADEFFXXX");
  set = doc_extract (doc);

  assert_value (set, "iban", "DE89370400440532013000");
  assert_value (set, "bic", "COBADEFFXXX");
  assert_value (set, "amountToPay", "86.40:EUR");
  ibans = remit_extraction_set_get_candidate_list (set, "ibans");
  g_assert_nonnull (ibans);
  g_assert_cmpuint (ibans->len, ==, 2);
  g_assert_cmpstr (remit_extraction_get_value (g_ptr_array_index (ibans, 0)), ==,
                   "DE89370400440532013000");
}

/* Only the buyer's account is printed: no IBAN at all. */
static void
test_only_customer_iban (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 16, TRUE, "Versicherung Muster AG");
  put (doc, 60, 200, "Der Beitrag wird per SEPA-Lastschrift von Ihrem Konto eingezogen:");
  put (doc, 60, 215, "IBAN: DE02120300000000202051");
  put (doc, 60, 240, "Your account DE44 5001 0517 5407 3249 31 will be debited.");
  set = doc_extract (doc);

  g_assert_null (remit_extraction_set_get_extraction (set, "iban"));
  g_assert_true (candidates_contain (set, "ibans", "DE02120300000000202051"));
}

/* A BIC on the line after its IBAN in a sentence belongs to that IBAN, not to the
 * customer's account printed just under it. */
static void
test_bic_after_iban (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox bic_box;

  put_full (doc, 60, 40, 16, TRUE, "Elbe Druck & Medien KG");
  put (doc, 60, 300, "Zu zahlen: 3.225,73 €");
  put (doc, 60, 450,
       "Bitte überweisen Sie den Betrag auf unser Konto\n"
       "bei der Volksbank Mittelhessen: IBAN DE89370400440532013000,");
  put (doc, 60, 474, "BIC");
  bic_box = put (doc, 82, 474, "COBADEFFXXX.");
  put (doc, 60, 499, "Künftige Rechnungen buchen wir per SEPA-Lastschrift von Ihrem Konto\n"
                     "IBAN DE02120300000000202051 ab.");
  set = doc_extract (doc);

  assert_value (set, "iban", "DE89370400440532013000");
  assert_value (set, "bic", "COBADEFFXXX");
  bic_box.width = bic_box.width * 11 / 12; /* without the full stop */
  assert_box (remit_extraction_set_get_extraction (set, "bic"), &bic_box);
  assert_value (set, "paymentRecipient", "Elbe Druck & Medien KG");
}

/* A reminder lists the invoice amount and its fee; what is due is their sum. */
static void
test_reminder_fee (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 16, TRUE, "Elektro Blitz GmbH");
  put_full (doc, 60, 200, 14, TRUE, "1. Mahnung");
  put (doc, 60, 230, "zu unserer Rechnung Nr. 2024-0815 vom 01.02.2024");
  put (doc, 60, 260, "Rechnungsbetrag");
  put (doc, 400, 260, "238,00 €");
  put (doc, 60, 275, "Mahngebühr");
  put (doc, 400, 275, "5,00 €");
  put (doc, 60, 780, "Elektro Blitz GmbH | IBAN DE89 3704 0044 0532 0130 00 | COBADEFFXXX");
  set = doc_extract (doc);

  assert_value (set, "docType", "Reminder");
  assert_value (set, "amountToPay", "243.00:EUR");
  assert_value (set, "paymentPurpose", "2024-0815");
  assert_value (set, "bic", "COBADEFFXXX");
  g_assert_null (remit_extraction_set_get_line_items (set));
}

/* A reminder with its own total wins over the sum. */
static void
test_reminder_total (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox box;

  put_full (doc, 60, 40, 16, TRUE, "Elektro Blitz GmbH");
  put_full (doc, 60, 200, 14, TRUE, "Zahlungserinnerung");
  put (doc, 60, 260, "Offener Rechnungsbetrag");
  put (doc, 400, 260, "238,00 €");
  put (doc, 60, 275, "Mahngebühr");
  put (doc, 400, 275, "5,00 €");
  put (doc, 60, 290, "Verzugszinsen");
  put (doc, 400, 290, "1,20 €");
  put (doc, 60, 305, "Gesamtforderung");
  box = put (doc, 400, 305, "244,20 €");
  set = doc_extract (doc);

  assert_value (set, "docType", "Reminder");
  assert_value (set, "amountToPay", "244.20:EUR");
  assert_box (remit_extraction_set_get_extraction (set, "amountToPay"), &box);
}

/* A page that is only a transfer form. */
static void
test_remittance_slip (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 500, 12, TRUE, "SEPA-Überweisung/Zahlschein");
  put (doc, 60, 530, "Empfänger");
  put (doc, 60, 542, "Stadtwerke Musterstadt");
  put (doc, 60, 560, "IBAN");
  put (doc, 60, 572, "DE89370400440532013000");
  put (doc, 300, 560, "BIC");
  put (doc, 300, 572, "COBADEFFXXX");
  put (doc, 60, 590, "Betrag: Euro, Cent");
  put (doc, 300, 590, "86,40");
  put (doc, 60, 610, "Verwendungszweck");
  put (doc, 60, 622, "VK 4711 RE 2024-17");
  set = doc_extract (doc);

  assert_value (set, "docType", "RemittanceSlip");
  assert_value (set, "paymentRecipient", "Stadtwerke Musterstadt");
  assert_value (set, "iban", "DE89370400440532013000");
  assert_value (set, "bic", "COBADEFFXXX");
  assert_value (set, "paymentReference", "VK 4711 RE 2024-17");
  assert_value (set, "paymentPurpose", "VK 4711 RE 2024-17");
}

/* Upper-case words of eight letters are no BIC without a label or an IBAN beside them. */
static void
test_no_false_bic (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 16, TRUE, "RECHNUNG");
  put (doc, 60, 80, "POSTBANK SPARKASSE DEUTSCHE");
  put (doc, 60, 100, "Konto: POSTBANK IBAN DE89370400440532013000");
  set = doc_extract (doc);

  assert_value (set, "iban", "DE89370400440532013000");
  g_assert_null (remit_extraction_set_get_extraction (set, "bic"));
  g_assert_null (remit_extraction_set_get_candidate_list (set, "bics"));
}

/* The account holder named beside the bank details is the recipient; a labelled payment
 * reference is the purpose. */
static void
test_account_holder (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox ref_box;

  put_full (doc, 60, 40, 16, TRUE, "Praxis für Physiotherapie");
  put (doc, 60, 200, "Rechnungsnummer: 2024/031");
  put (doc, 60, 300, "Gesamtbetrag:");
  put (doc, 60, 312, "320,00 EUR");
  put (doc, 60, 400, "Kontoinhaberin: Erika Mustermann");
  put (doc, 60, 412, "IBAN: DE89 3704 0044 0532 0130 00");
  put (doc, 60, 424, "Verwendungszweck:");
  ref_box = put (doc, 160, 424, "RF18 5390 0754 7034");
  set = doc_extract (doc);

  assert_value (set, "paymentRecipient", "Erika Mustermann");
  assert_value (set, "amountToPay", "320.00:EUR");
  assert_value (set, "paymentReference", "RF18 5390 0754 7034");
  assert_box (remit_extraction_set_get_extraction (set, "paymentReference"), &ref_box);
  assert_value (set, "paymentPurpose", "RF18 5390 0754 7034");
  g_assert_true (candidates_contain (set, "referenceIds", "2024/031"));
}

/* Totals that are not what is due: net, VAT, “Gesamtbetrag der Zuschläge”. */
static void
test_not_the_total (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;

  put_full (doc, 60, 40, 16, TRUE, "Lieferant GmbH");
  put (doc, 60, 200, "Positionssumme");
  put (doc, 500, 200, "473,00");
  put (doc, 60, 215, "Gesamtbetrag der Zuschläge");
  put (doc, 500, 215, "0,00");
  put (doc, 60, 230, "Rechnungssumme ohne USt.");
  put (doc, 500, 230, "473,00");
  put (doc, 60, 245, "Steuerbetrag");
  put (doc, 500, 245, "56,87");
  put (doc, 60, 260, "Bruttosumme");
  put (doc, 500, 260, "529,87");
  put (doc, 60, 275, "Erhaltene Anzahlungen");
  put (doc, 500, 275, "-100,00");
  put (doc, 60, 290, "Zahlbetrag");
  put (doc, 500, 290, "429,87");
  set = doc_extract (doc);

  assert_value (set, "amountToPay", "429.87:EUR");
}

/* A number written in English format with the currency code after it, the amount under
 * its label. */
static void
test_amount_below_label (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox box;

  put_full (doc, 60, 40, 16, TRUE, "Northwind Traders Ltd");
  put (doc, 300, 200, "Net");
  put (doc, 380, 200, "VAT 20%");
  put (doc, 460, 200, "Amount due");
  put (doc, 300, 215, "1,250.00 GBP");
  put (doc, 380, 215, "250.00 GBP");
  box = put (doc, 460, 215, "1,500.00 GBP");
  set = doc_extract (doc);

  assert_value (set, "amountToPay", "1500.00:GBP");
  assert_box (remit_extraction_set_get_extraction (set, "amountToPay"), &box);
  assert_value (set, "paymentRecipient", "Northwind Traders Ltd");
}

/* French and ISO grouping with thin spaces: “1 234,56 €”. */
static void
test_spaced_thousands (void)
{
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitBox box;

  put_full (doc, 60, 40, 16, TRUE, "Au bon moulin SARL");
  put (doc, 300, 300, "Total TTC");
  box = put (doc, 420, 300, "1 234,56 €");
  put (doc, 300, 315, "Total HT");
  put (doc, 420, 315, "1 028,80 €");
  set = doc_extract (doc);

  assert_value (set, "amountToPay", "1234.56:EUR");
  assert_box (remit_extraction_set_get_extraction (set, "amountToPay"), &box);
  g_assert_true (candidates_contain (set, "amounts", "1028.80:EUR"));
}

/* Due dates */

typedef struct
{
  double x, y;
  const char *text;
} Placed;

typedef struct
{
  const char *name;
  Placed lines[6];
  const char *want; /* YYYY-MM-DD, or NULL for none */
  int box_line;     /* the line the date (or term) is on, */
  int box_word;     /* its first word there, */
  int box_words;    /* and how many words it has */
} DueCase;

/* The box of words [@first, @first + @n) of @text placed by put() at @x, @y. */
static RemitBox
words_box (double x, double y, const char *text, int first, int n)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  double size = 10, cx = x;
  RemitBox box = { 0 };

  for (int w = 0; words[w] != NULL && w < first + n; w++)
    {
      double width = g_utf8_strlen (words[w], -1) * size * 0.5;

      if (w == first)
        remit_box_init (&box, 1, cx, y, width, size);
      else if (w > first)
        box.width = cx + width - box.left;
      cx += width + size * 0.28;
    }
  return box;
}

static const DueCase due_cases[] = {
  /* Labels, German */
  { "fällig-am",
    { { 360, 150, "Rechnungsdatum:" }, { 460, 150, "12.10.2023" }, { 360, 165, "Fällig am:" },
      { 460, 165, "08.11.2023" } },
    "2023-11-08", 3, 0, 1 },
  { "fälligkeit-short-year",
    { { 360, 150, "Datum: 12.10.2023" }, { 360, 165, "Fälligkeit: 8.11.23" } },
    "2023-11-08", 1, 1, 1 },
  { "fälligkeitsdatum-month-name",
    { { 360, 150, "Rechnungsdatum" }, { 460, 150, "12. Oktober 2023" },
      { 360, 165, "Fälligkeitsdatum" }, { 460, 165, "8. November 2023" } },
    "2023-11-08", 3, 0, 3 },
  { "zahlungsziel-date",
    { { 60, 400, "Zahlungsziel: 08.11.2023" } },
    "2023-11-08", 0, 1, 1 },
  { "zahlbar-bis-zum",
    { { 60, 400, "Zahlbar bis zum 30.11.2023 ohne Abzug." } },
    "2023-11-30", 0, 3, 1 },
  { "zahlbar-bis-abbreviated-month",
    { { 360, 165, "Zahlbar bis" }, { 460, 165, "8. Sept. 2023" } },
    "2023-09-08", 1, 0, 3 },
  { "iso",
    { { 360, 165, "Fällig am" }, { 460, 165, "2023-11-08" } },
    "2023-11-08", 1, 0, 1 },
  { "bitte-bis-zum-überweisen",
    { { 60, 400, "Bitte überweisen Sie den Betrag bis zum 08.11.2023 auf unser Konto." } },
    "2023-11-08", 0, 7, 1 },
  { "bitte-bis-zum-zahlen-wrapped",
    { { 60, 400, "Wir bitten Sie, den Betrag bis zum 8. Nov. 2023" }, { 60, 412, "zu zahlen." } },
    "2023-11-08", 0, 7, 3 },
  { "label-above-value",
    { { 60, 200, "Rechnungsdatum" }, { 200, 200, "Fällig am" }, { 340, 200, "Kundennummer" },
      { 60, 212, "12.10.2023" }, { 200, 212, "08.11.2023" }, { 340, 212, "4711" } },
    "2023-11-08", 4, 0, 1 },
  { "year-from-invoice-date",
    { { 360, 150, "Rechnungsdatum: 20.12.2023" },
      { 60, 400, "Bitte überweisen Sie den Betrag bis zum 05.01. auf unser Konto." } },
    "2024-01-05", 1, 7, 1 },
  /* Labels, English */
  { "due-date-long",
    { { 360, 150, "Invoice date:" }, { 460, 150, "7 February 2025" }, { 360, 165, "Due date:" },
      { 460, 165, "21 February 2025" } },
    "2025-02-21", 3, 0, 3 },
  { "payment-due-us-long",
    { { 360, 165, "Payment due:" }, { 460, 165, "February 21, 2025" } },
    "2025-02-21", 1, 0, 3 },
  { "due-uk-slashes",
    { { 360, 150, "Total: £120.00" }, { 360, 165, "Due:" }, { 460, 165, "03/02/2025" } },
    "2025-02-03", 2, 0, 1 },
  { "due-us-slashes",
    { { 360, 150, "Total: $1,080.00" }, { 360, 165, "Due date:" }, { 460, 165, "03/02/2025" } },
    "2025-03-02", 2, 0, 1 },
  { "pay-by",
    { { 60, 400, "Pay by 21 Feb 2025" } },
    "2025-02-21", 0, 2, 3 },
  { "payable-by",
    { { 60, 400, "This invoice is payable by 2025-02-21." } },
    "2025-02-21", 0, 5, 1 },
  { "by-in-a-sentence",
    { { 60, 400, "Please transfer the amount of £120.00 by 21 February 2025 to the account" },
      { 60, 412, "below." } },
    "2025-02-21", 0, 7, 3 },
  /* Terms, counted from the invoice date */
  { "term-german",
    { { 360, 150, "Rechnungsdatum: 12.10.2023" },
      { 60, 400, "Zahlbar innerhalb von 14 Tagen ohne Abzug." } },
    "2023-10-26", 1, 1, 4 },
  { "term-english",
    { { 360, 150, "Invoice date: 03/02/2025" }, { 60, 400, "Please pay within 30 days." } },
    "2025-03-05", 1, 2, 3 },
  { "term-net",
    { { 360, 150, "Invoice date: 2025-01-10" }, { 360, 165, "Terms: Net 30" } },
    "2025-02-09", 1, 2, 1 },
  { "term-and-discount",
    { { 360, 150, "Rechnungsdatum: 05.03.2018" },
      { 60, 400, "Zahlbar innerhalb 30 Tagen netto bis 04.04.2018, 3% Skonto innerhalb 10 "
                 "Tagen bis 15.03.2018" } },
    "2018-04-04", 1, 6, 1 },
  { "vat-in-the-sentence",
    { { 60, 400, "Bitte überweisen Sie 119,00 € inkl. 19 % MwSt. bis zum 08.11.2023." } },
    "2023-11-08", 0, 11, 1 },
  { "discount-first",
    { { 60, 400, "Bei Zahlung bis zum 15.03.2018 ziehen Sie 3 % Skonto ab, ohne Abzug zahlen" },
      { 60, 412, "Sie bis zum 04.04.2018." } },
    "2018-04-04", 1, 3, 1 },
  { "discount-term-first",
    { { 360, 150, "Rechnungsdatum: 05.03.2018" },
      { 60, 400, "Zahlbar mit 3 % Skonto innerhalb von 10 Tagen, netto innerhalb von 30 Tagen." } },
    "2018-04-04", 1, 10, 4 },
  /* Traps */
  { "term-without-invoice-date",
    { { 60, 400, "Zahlbar innerhalb von 14 Tagen ohne Abzug." } },
    NULL, 0, 0, 0 },
  { "invoice-date-only",
    { { 360, 150, "Rechnungsdatum: 12.03.2024" }, { 360, 165, "Lieferdatum: 10.03.2024" },
      { 360, 180, "Leistungsdatum: 11.03.2024" }, { 360, 195, "Datum: 12.03.2024" } },
    NULL, 0, 0, 0 },
  { "reminder-past-dates",
    { { 60, 200, "1. Mahnung vom 01.02.2024" },
      { 60, 230, "Unsere Rechnung Nr. 2024-0815 vom 02.01.2024 war fällig am 16.01.2024." },
      { 60, 260, "Beleg" }, { 300, 260, "Fällig seit" },
      { 60, 272, "Rechnung 2024-0815" }, { 300, 272, "16.01.2024" } },
    NULL, 0, 0, 0 },
  { "reminder-new-date",
    { { 60, 200, "1. Mahnung vom 01.02.2024" }, { 300, 260, "Fällig seit" },
      { 300, 272, "16.01.2024" },
      { 60, 300, "Bitte zahlen Sie den offenen Betrag bis zum 11.02.2024." } },
    "2024-02-11", 3, 8, 1 },
  { "reminder-term",
    { { 60, 200, "Zahlungserinnerung" }, { 360, 150, "Datum: 01.02.2024" },
      { 60, 230, "zu unserer Rechnung Nr. 2024-0815, Rechnungsdatum 02.01.2024." },
      { 60, 300, "Bitte zahlen Sie den offenen Betrag innerhalb von 10 Tagen." } },
    "2024-02-11", 3, 6, 4 },
  { "period",
    { { 60, 380, "Leistungszeitraum vom 01.10.2023 bis 31.10.2023" },
      { 60, 392, "Bitte überweisen Sie den Betrag auf unser Konto." } },
    NULL, 0, 0, 0 },
  { "no-such-day",
    { { 360, 165, "Fällig am" }, { 460, 165, "31.02.2023" } },
    NULL, 0, 0, 0 },
  { "delivered-by",
    { { 60, 400, "Delivered by 21 Feb 2025. Please pay within 14 days." } },
    NULL, 0, 0, 0 },
  { "amount-due-over-a-date",
    { { 60, 200, "Amount due" }, { 400, 200, "$1,080.00" },
      { 60, 212, "03/12/2024 Payment received, thank you" } },
    NULL, 0, 0, 0 },
};

static void
test_due_date (gconstpointer data)
{
  const DueCase *c = data;
  Doc *doc = doc_new ();
  g_autoptr (RemitExtractionSet) set = NULL;
  RemitExtraction *e;

  put_full (doc, 60, 40, 16, TRUE, "Muster Handels GmbH");
  for (guint i = 0; i < G_N_ELEMENTS (c->lines) && c->lines[i].text != NULL; i++)
    put (doc, c->lines[i].x, c->lines[i].y, c->lines[i].text);
  set = doc_extract (doc);

  e = remit_extraction_set_get_extraction (set, "paymentDueDate");
  if (c->want == NULL)
    {
      g_assert_null (e);
      return;
    }
  g_assert_nonnull (e);
  g_assert_cmpstr (remit_extraction_get_value (e), ==, c->want);
  g_assert_cmpstr (remit_extraction_get_entity (e), ==, "date");
  {
    const Placed *line = &c->lines[c->box_line];
    RemitBox want = words_box (line->x, line->y, line->text, c->box_word, c->box_words);

    assert_box (e, &want);
  }
}

static void
test_empty (void)
{
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_auto (GStrv) labels = NULL;

  remit_layout_builder_add_page (builder, 1, A4_WIDTH, A4_HEIGHT);
  layout = remit_layout_builder_end (builder);
  set = remit_heuristics_extract (layout);
  labels = remit_extraction_set_get_labels (set);
  g_assert_cmpuint (g_strv_length (labels), ==, 0);
}

/* Numbers as invoices print them. */
static void
test_numbers (void)
{
  static const struct
  {
    const char *text;
    gboolean ok;
    gint64 scaled;
    guint decimals;
    gboolean negative;
    const char *currency;
    gboolean percent;
  } cases[] = {
    { "1.234,56", TRUE, 12345600, 2, FALSE, NULL, FALSE },
    { "1,234.56", TRUE, 12345600, 2, FALSE, NULL, FALSE },
    { "1'234.56", TRUE, 12345600, 2, FALSE, NULL, FALSE },
    { "1.234.567,00", TRUE, 12345670000, 2, FALSE, NULL, FALSE },
    { "-12,00", TRUE, 120000, 2, TRUE, NULL, FALSE },
    { "12,00-", TRUE, 120000, 2, TRUE, NULL, FALSE },
    { "12,-", TRUE, 120000, 0, FALSE, NULL, FALSE },
    { "€12.50", TRUE, 125000, 2, FALSE, "EUR", FALSE },
    { "12,50€", TRUE, 125000, 2, FALSE, "EUR", FALSE },
    { "-$1,080.00", TRUE, 10800000, 2, TRUE, "USD", FALSE },
    { "EUR12,50", TRUE, 125000, 2, FALSE, "EUR", FALSE },
    { "19%", TRUE, 190000, 0, FALSE, NULL, TRUE },
    { "9,9000", TRUE, 99000, 4, FALSE, NULL, FALSE },
    { "(42,00)", TRUE, 420000, 2, FALSE, NULL, FALSE },
    { "20", TRUE, 200000, 0, FALSE, NULL, FALSE },
    { "05.03.2018", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "1.23.45", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "12:30", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "RE-2024", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "1,2,3", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "", FALSE, 0, 0, FALSE, NULL, FALSE },
    { "€", FALSE, 0, 0, FALSE, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HNumber number;
      gboolean ok = h_number_parse (cases[i].text, &number);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        continue;
      g_assert_cmpint (number.scaled, ==, cases[i].scaled);
      g_assert_cmpuint (number.n_decimals, ==, cases[i].decimals);
      g_assert_cmpint (number.negative, ==, cases[i].negative);
      g_assert_cmpstr (number.currency, ==, cases[i].currency);
      g_assert_cmpint (number.percent, ==, cases[i].percent);
    }

  {
    HNumber number;

    g_assert_true (h_number_parse ("1.234", &number));
    g_assert_true (number.ambiguous);
    g_assert_cmpint (number.scaled, ==, 12340000);
  }
}

static void
test_normalize (void)
{
  g_autofree char *a = h_normalize ("Rechnungs-Nr.:");
  g_autofree char *b = h_normalize ("Kd.-Nr.");
  g_autofree char *c = h_normalize ("Invoice #");
  g_autofree char *d = h_normalize ("ÜBERWEISUNG");

  g_assert_cmpstr (a, ==, "rechnungsnr");
  g_assert_cmpstr (b, ==, "kdnr");
  g_assert_cmpstr (c, ==, "invoice#");
  g_assert_cmpstr (d, ==, "überweisung");
}


/* Generated invoices */

typedef struct
{
  const char *name;
  guint seed;                              /* remit_test_invoice_new_varied */
  const char *preset;                      /* or remit_test_invoice_new_preset */
  void (*tweak) (RemitTestInvoice *invoice); /* then changed like this */
} GenCase;

/* Lower case, letters and digits only. */
static char *
squash (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static double
iou (const RemitBox *a, const RemitTestBox *b)
{
  double left = MAX (a->left, b->left);
  double top = MAX (a->top, b->top);
  double right = MIN (a->left + a->width, b->left + b->width);
  double bottom = MIN (a->top + a->height, b->top + b->height);
  double inter;

  if (a->page != b->page || right <= left || bottom <= top)
    return 0;
  inter = (right - left) * (bottom - top);
  return inter / (a->width * a->height + b->width * b->height - inter);
}

/* The box of @label lies where the generator drew the value: IoU ≥ 0.5 with its main
 * place or, for a value printed more than once, with another of its places. */
static void
assert_drawn_at (RemitExtractionSet *set, const char *label, const RemitTestField *field)
{
  RemitExtraction *e = remit_extraction_set_get_extraction (set, label);
  const RemitBox *box;
  double best;

  g_assert_nonnull (e);
  box = remit_extraction_get_box (e);
  g_assert_nonnull (box);
  best = iou (box, &field->box);
  for (guint i = 0; field->places != NULL && i < field->places->len; i++)
    best = MAX (best, iou (box, &g_array_index (field->places, RemitTestPlace, i).box));
  if (best < 0.5)
    g_test_message ("%s: box page %d %.1f,%.1f %.1f×%.1f, drawn page %d %.1f,%.1f %.1f×%.1f",
                    label, box->page, box->left, box->top, box->width, box->height,
                    field->box.page, field->box.left, field->box.top, field->box.width,
                    field->box.height);
  g_assert_cmpfloat (best, >=, 0.5);
}

static void
test_generated (gconstpointer data)
{
  const GenCase *c = data;
  g_autoptr (RemitTestInvoice) invoice = NULL;
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (GError) error = NULL;
  RemitExtractionSet *set;
  const char *want_type;

  if (c->preset != NULL)
    {
      invoice = remit_test_invoice_new_preset (c->preset, &error);
      g_assert_no_error (error);
    }
  else
    invoice = remit_test_invoice_new_varied (c->seed);
  if (c->tweak != NULL)
    {
      /* The title goes with the kind of document a tweak may change. */
      g_clear_pointer (&invoice->title, g_free);
      c->tweak (invoice);
    }

  bytes = remit_test_invoice_render (invoice, &exp, &error);
  g_assert_no_error (error);
  /* For a look at a failing case: REMIT_TEST_KEEP_PDF=directory. */
  if (g_getenv ("REMIT_TEST_KEEP_PDF") != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s.pdf", c->name != NULL ? c->name : "seed");
      g_autofree char *path = g_build_filename (g_getenv ("REMIT_TEST_KEEP_PDF"), file, NULL);

      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
    }
  result = remit_engine_extract (bytes, REMIT_ENGINE_FLAGS_NO_EINVOICE | REMIT_ENGINE_FLAGS_NO_QR,
                                 NULL, &error);
  g_assert_no_error (error);
  set = remit_engine_result_get_extractions (result);

  /* IBAN and BIC where printed; never the customer's own account. */
  if (exp->iban.value != NULL)
    {
      assert_value (set, "iban", exp->iban.value);
      assert_drawn_at (set, "iban", &exp->iban);
    }
  else
    g_assert_null (remit_extraction_set_get_extraction (set, "iban"));
  if (exp->distractor_iban.value != NULL)
    g_assert_cmpstr (remit_extraction_set_get_value (set, "iban"), !=, exp->distractor_iban.value);
  if (exp->bic.value != NULL)
    {
      assert_value (set, "bic", exp->bic.value);
      assert_drawn_at (set, "bic", &exp->bic);
    }

  assert_value (set, "amountToPay", exp->amount.value);
  assert_drawn_at (set, "amountToPay", &exp->amount);

  {
    g_autofree char *want = squash (exp->recipient.value);
    g_autofree char *have = squash (remit_extraction_set_get_value (set, "paymentRecipient"));

    g_assert_cmpstr (have, ==, want);
    assert_drawn_at (set, "paymentRecipient", &exp->recipient);
  }

  /* The purpose: the payment reference where one is printed, else the invoice number
   * (with the customer number beside it). */
  {
    const RemitTestField *field = exp->payment_reference.value != NULL ? &exp->payment_reference
                                                                      : &exp->invoice_number;
    g_autofree char *want = squash (field->value);
    g_autofree char *have = squash (remit_extraction_set_get_value (set, "paymentPurpose"));

    g_assert_nonnull (strstr (have, want));
    if (exp->payment_reference.value != NULL)
      {
        g_autofree char *ref = squash (remit_extraction_set_get_value (set, "paymentReference"));

        g_assert_cmpstr (ref, ==, want);
      }
  }

  /* The due date where printed, else the end of a printed term counted from the invoice
   * date; none where neither is printed. */
  {
    const RemitTestField *due = exp->due_date.value != NULL ? &exp->due_date : &exp->due_term;

    if (due->value != NULL)
      {
        assert_value (set, "paymentDueDate", due->value);
        g_assert_cmpstr (remit_extraction_get_entity (
                           remit_extraction_set_get_extraction (set, "paymentDueDate")),
                         ==, "date");
        assert_drawn_at (set, "paymentDueDate", due);
      }
    else
      g_assert_null (remit_extraction_set_get_extraction (set, "paymentDueDate"));
  }

  /* A credit note is an “Invoice” in the API, as e-invoices report it too (the generator
   * says “Other”). */
  want_type = invoice->kind == REMIT_TEST_KIND_CREDIT_NOTE ? "Invoice" : exp->doc_type;
  assert_value (set, "docType", want_type);

  /* Line items with quantity, gross unit price, description and article number, and
   * whether they add up to the amount to pay. */
  if (exp->items->len > 0)
    {
      GPtrArray *items = remit_extraction_set_get_line_items (set);
      gint64 sum = 0;

      g_assert_nonnull (items);
      g_assert_cmpuint (items->len, ==, exp->items->len);
      for (guint i = 0; i < items->len; i++)
        {
          const RemitTestExpectedItem *want = g_ptr_array_index (exp->items, i);
          RemitExtractionMap *row = g_ptr_array_index (items, i);
          g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, want->quantity);
          g_autofree char *gross = remit_amount_to_wire (&want->base_gross);
          g_autofree char *want_desc = squash (want->description.value);
          g_autofree char *have_desc
              = squash (remit_extraction_map_lookup_value (row, "description"));

          g_assert_cmpstr (remit_extraction_map_lookup_value (row, "quantity"), ==, qty);
          g_assert_cmpstr (remit_extraction_map_lookup_value (row, "baseGross"), ==, gross);
          g_assert_cmpstr (have_desc, ==, want_desc);
          if (want->article_number.value != NULL)
            g_assert_cmpstr (remit_extraction_map_lookup_value (row, "artNumber"), ==,
                             want->article_number.value);
          sum += want->quantity * want->base_gross.minor;
        }
      assert_value (set, "amountsAreConsistent",
                    sum == exp->amount_to_pay.minor ? "true" : "false");
      g_assert_cmpuint (remit_extraction_set_get_n_return_reasons (set), >, 0);
    }
  else
    g_assert_null (remit_extraction_set_get_line_items (set));
}

static void
tweak_english_numbers (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_DE;
  inv->layout = REMIT_TEST_LAYOUT_DIN_LETTER;
  inv->numbers = REMIT_TEST_NUMBERS_ENGLISH;
  inv->currency_style = REMIT_TEST_CURRENCY_CODE;
}

static void
tweak_footer_only_unspaced (RemitTestInvoice *inv)
{
  inv->layout = REMIT_TEST_LAYOUT_DIN_LETTER;
  inv->kind = REMIT_TEST_KIND_INVOICE;
  inv->iban_in_body = FALSE;
  inv->iban_in_footer = TRUE;
  inv->iban_spaced = FALSE;
}

static void
tweak_customer_account (RemitTestInvoice *inv)
{
  inv->kind = REMIT_TEST_KIND_INVOICE;
  inv->distractor = REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT;
  g_free (inv->distractor_iban);
  inv->distractor_iban = remit_test_make_iban ("DE", "370400440532013000");
}

static void
tweak_direct_debit (RemitTestInvoice *inv)
{
  inv->layout = REMIT_TEST_LAYOUT_DIN_LETTER;
  inv->kind = REMIT_TEST_KIND_INVOICE;
  inv->distractor = REMIT_TEST_DISTRACTOR_DIRECT_DEBIT;
  g_free (inv->distractor_iban);
  inv->distractor_iban = remit_test_make_iban ("DE", "120300000000202051");
}

static void
tweak_bare_bic (RemitTestInvoice *inv)
{
  inv->layout = REMIT_TEST_LAYOUT_US_HEADER;
  inv->bic_style = REMIT_TEST_BIC_BARE;
  inv->iban_in_body = TRUE;
}

static void
tweak_english_reminder (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_US_HEADER;
  inv->numbers = REMIT_TEST_NUMBERS_ENGLISH;
  inv->kind = REMIT_TEST_KIND_REMINDER;
  inv->reminder_fee = 1500;
}

static void
tweak_english_credit_note (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_WHOLESALE;
  inv->kind = REMIT_TEST_KIND_CREDIT_NOTE;
}

static void
tweak_english_slip (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_FREELANCER;
  inv->kind = REMIT_TEST_KIND_REMITTANCE_SLIP;
}

static void
tweak_dollars (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_US_HEADER;
  inv->kind = REMIT_TEST_KIND_INVOICE;
  inv->numbers = REMIT_TEST_NUMBERS_ENGLISH;
  strcpy (inv->currency, "USD");
  inv->currency_style = REMIT_TEST_CURRENCY_SYMBOL;
}

static void
tweak_utility_en (RemitTestInvoice *inv)
{
  inv->language = REMIT_TEST_LANGUAGE_EN;
  inv->layout = REMIT_TEST_LAYOUT_UTILITY;
  inv->kind = REMIT_TEST_KIND_INVOICE;
}

static const GenCase gen_cases[] = {
  { "default", 0, "default", NULL },
  { "us-invoice", 0, "us-invoice", NULL },
  { "wholesale-multipage", 0, "wholesale-multipage", NULL },
  { "freelancer", 0, "freelancer", NULL },
  { "utility-bill", 0, "utility-bill", NULL },
  { "reminder", 0, "reminder", NULL },
  { "credit-note", 0, "credit-note", NULL },
  { "remittance-slip", 0, "remittance-slip", NULL },
  { "distractor", 0, "distractor", NULL },
  { "english-numbers", 3101, NULL, tweak_english_numbers },
  { "footer-only-unspaced", 3102, NULL, tweak_footer_only_unspaced },
  { "customer-account", 3103, NULL, tweak_customer_account },
  { "direct-debit", 3104, NULL, tweak_direct_debit },
  { "bare-bic", 3105, NULL, tweak_bare_bic },
  { "english-reminder", 3106, NULL, tweak_english_reminder },
  { "english-credit-note", 3107, NULL, tweak_english_credit_note },
  { "english-slip", 3108, NULL, tweak_english_slip },
  { "dollars", 3109, NULL, tweak_dollars },
  { "english-utility", 3110, NULL, tweak_utility_en },
};

/* Varied invoices: every layout, language, kind, font and format the generator has. */
#define N_SEEDS 36
#define FIRST_SEED 3000

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heuristics/numbers", test_numbers);
  g_test_add_func ("/heuristics/normalize", test_normalize);
  g_test_add_func ("/heuristics/empty", test_empty);
  g_test_add_func ("/heuristics/layout/german-invoice", test_german_invoice);
  g_test_add_func ("/heuristics/layout/consistent-items", test_consistent_items);
  g_test_add_func ("/heuristics/layout/english-invoice", test_english_invoice);
  g_test_add_func ("/heuristics/layout/distractor-ibans", test_distractor_ibans);
  g_test_add_func ("/heuristics/layout/only-customer-iban", test_only_customer_iban);
  g_test_add_func ("/heuristics/layout/bic-after-iban", test_bic_after_iban);
  g_test_add_func ("/heuristics/layout/reminder-fee", test_reminder_fee);
  g_test_add_func ("/heuristics/layout/reminder-total", test_reminder_total);
  g_test_add_func ("/heuristics/layout/remittance-slip", test_remittance_slip);
  g_test_add_func ("/heuristics/layout/no-false-bic", test_no_false_bic);
  g_test_add_func ("/heuristics/layout/account-holder", test_account_holder);
  g_test_add_func ("/heuristics/layout/not-the-total", test_not_the_total);
  g_test_add_func ("/heuristics/layout/amount-below-label", test_amount_below_label);
  g_test_add_func ("/heuristics/layout/spaced-thousands", test_spaced_thousands);

  for (gsize i = 0; i < G_N_ELEMENTS (due_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/heuristics/due-date/%s", due_cases[i].name);

      g_test_add_data_func (path, &due_cases[i], test_due_date);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (gen_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/heuristics/generated/%s", gen_cases[i].name);

      g_test_add_data_func (path, &gen_cases[i], test_generated);
    }
  {
    static GenCase seeds[N_SEEDS];

    for (guint i = 0; i < N_SEEDS; i++)
      {
        g_autofree char *path = g_strdup_printf ("/heuristics/generated/seed-%u", FIRST_SEED + i);

        seeds[i].name = NULL;
        seeds[i].seed = FIRST_SEED + i;
        g_test_add_data_func (path, &seeds[i], test_generated);
      }
  }

  return g_test_run ();
}
