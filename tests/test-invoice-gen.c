/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-test"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include <glib/gstdio.h>

#include <poppler.h>
#include <zbar.h>

#include "remit-amount.h"
#include "remit-core-error.h"
#include "remit-iban.h"
#include "remit-test-invoice.h"

/* poppler-glib 22.12 declares no cleanup functions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The generator of test invoices, checked against poppler: every value it says it drew is
 * found in the PDF's text layer, on the page and at the place it reports. */

static PopplerDocument *
open_pdf (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static GBytes *
render (const RemitTestInvoice *invoice, RemitTestExpected **expected)
{
  g_autoptr (GError) error = NULL;
  GBytes *pdf = remit_test_invoice_render (invoice, expected, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

/* poppler_page_find_text() lays the page's text out anew on every call; the matches of one
 * text on one page are kept for the document being checked. */
typedef struct
{
  double left, top, right, bottom;
} Match;

static GHashTable *match_cache; /* "page|text" → GArray of Match */

static GArray *
find_matches (PopplerPage *page, const char *text)
{
  g_autofree char *key = g_strdup_printf ("%d|%s", poppler_page_get_index (page), text);
  GArray *found = match_cache != NULL ? g_hash_table_lookup (match_cache, key) : NULL;
  GList *matches;
  double width, height;

  if (found != NULL)
    return found;

  found = g_array_new (FALSE, FALSE, sizeof (Match));
  poppler_page_get_size (page, &width, &height);
  matches = poppler_page_find_text (page, text);
  for (GList *l = matches; l != NULL; l = l->next)
    {
      PopplerRectangle *r = l->data;
      Match m = { MIN (r->x1, r->x2), height - MAX (r->y1, r->y2), MAX (r->x1, r->x2),
                  height - MIN (r->y1, r->y2) };

      g_array_append_val (found, m);
    }
  g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
  if (match_cache == NULL)
    match_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
  g_hash_table_insert (match_cache, g_steal_pointer (&key), found);
  return found;
}

static void
forget_matches (void)
{
  g_clear_pointer (&match_cache, g_hash_table_unref);
}

static gboolean
match_inside (const Match *m, const RemitTestBox *box)
{
  return m->left >= box->left - 2.5 && m->right <= box->left + box->width + 2.5
         && m->top >= box->top - 3 && m->bottom <= box->top + box->height + 3;
}

/* TEXT is on the page inside BOX (with a little slack), and fills most of the box's width, so
 * that a box far too large does not pass. */
static gboolean
full_match_in_box (PopplerPage *page, const char *text, const RemitTestBox *box)
{
  GArray *matches = find_matches (page, text);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      if (match_inside (m, box) && m->right - m->left >= 0.75 * box->width)
        return TRUE;
    }
  return FALSE;
}

/* TEXT is on the page inside BOX; gives the height of the match. */
static gboolean
find_in_box (PopplerPage *page, const char *text, const RemitTestBox *box, double *match_height)
{
  GArray *matches = find_matches (page, text);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      if (match_inside (m, box))
        {
          *match_height = m->bottom - m->top;
          return TRUE;
        }
    }
  return FALSE;
}

static void
assert_place (PopplerDocument *doc, const char *what, const RemitTestBox *box, const char *text)
{
  g_autoptr (PopplerPage) page = NULL;

  g_assert_nonnull (text);
  g_assert_cmpint (box->page, >=, 1);
  g_assert_cmpint (box->page, <=, poppler_document_get_n_pages (doc));
  g_assert_cmpfloat (box->width, >, 0);
  g_assert_cmpfloat (box->height, >, 0);
  page = poppler_document_get_page (doc, box->page - 1);

  if (full_match_in_box (page, text, box))
    return;

  /* A text wrapped over lines: its first word must start the box, and the box must be more
   * than one line high. */
  if (strchr (text, ' ') != NULL)
    {
      g_autofree char *first = g_strndup (text, strchr (text, ' ') - text);
      double line = 0;

      if (find_in_box (page, first, box, &line) && box->height > 1.6 * line)
        return;
    }
  g_error ("%s “%s” not found on page %d at %.1f,%.1f %.1f×%.1f", what, text, box->page,
           box->left, box->top, box->width, box->height);
}

static void
assert_field (PopplerDocument *doc, const char *what, const RemitTestField *field)
{
  if (field->value == NULL)
    {
      g_assert_cmpuint (field->places->len, ==, 0);
      return;
    }
  g_assert_cmpuint (field->places->len, >, 0);
  assert_place (doc, what, &field->box, field->text);
  for (guint i = 0; i < field->places->len; i++)
    {
      const RemitTestPlace *place = &g_array_index (field->places, RemitTestPlace, i);

      assert_place (doc, what, &place->box, place->text);
    }
}

/* Everything the generator reports about a document it rendered. */
static void
check_document (const RemitTestInvoice *invoice, GBytes *pdf, const RemitTestExpected *exp)
{
  g_autoptr (PopplerDocument) doc = open_pdf (pdf);
  gint64 items_net = 0;

  forget_matches ();

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, exp->n_pages);
  for (int i = 0; i < exp->n_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (doc, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, exp->page_width, 0.01);
      g_assert_cmpfloat_with_epsilon (h, exp->page_height, 0.01);
    }

  /* Sums, independently of the generator's own arithmetic. */
  for (guint i = 0; i < invoice->items->len; i++)
    {
      const RemitTestItem *item = g_ptr_array_index (invoice->items, i);

      items_net += item->quantity * item->unit_price;
    }
  g_assert_cmpint (exp->net.minor, ==, items_net);
  g_assert_cmpint (exp->gross.minor, ==, exp->net.minor + exp->vat.minor);
  g_assert_cmpstr (exp->amount_to_pay.currency, ==, invoice->currency);
  switch (invoice->kind)
    {
    case REMIT_TEST_KIND_REMINDER:
      g_assert_cmpstr (exp->doc_type, ==, "Reminder");
      g_assert_cmpint (exp->amount_to_pay.minor, ==, exp->gross.minor + invoice->reminder_fee);
      g_assert_cmpuint (exp->items->len, ==, 0);
      break;
    case REMIT_TEST_KIND_CREDIT_NOTE:
      g_assert_cmpstr (exp->doc_type, ==, "Other");
      g_assert_cmpint (exp->amount_to_pay.minor, ==, exp->gross.minor);
      g_assert_cmpuint (exp->items->len, ==, invoice->items->len);
      break;
    case REMIT_TEST_KIND_REMITTANCE_SLIP:
      g_assert_cmpstr (exp->doc_type, ==, "RemittanceSlip");
      g_assert_cmpint (exp->amount_to_pay.minor, ==, exp->gross.minor);
      g_assert_cmpuint (exp->items->len, ==, 0);
      break;
    case REMIT_TEST_KIND_INVOICE:
    default:
      g_assert_cmpstr (exp->doc_type, ==, "Invoice");
      g_assert_cmpint (exp->amount_to_pay.minor, ==, exp->gross.minor);
      g_assert_cmpuint (exp->items->len, ==, invoice->items->len);
      break;
    }

  /* The amount is always printed, and its main text reads back as the amount. */
  g_assert_nonnull (exp->amount.value);
  {
    RemitAmount parsed;
    g_autoptr (GError) error = NULL;
    g_autofree char *wire = remit_amount_to_wire (&exp->amount_to_pay);

    g_assert_cmpstr (exp->amount.value, ==, wire);
    g_assert_true (remit_amount_parse (exp->amount.text, &parsed, &error));
    g_assert_no_error (error);
    g_assert_true (remit_amount_equal (&parsed, &exp->amount_to_pay));
  }

  /* The payee's IBAN, when printed, is valid and what the spec asked for; its printed text
   * normalises to it. */
  if (exp->iban.value != NULL)
    {
      g_autofree char *normalized = remit_iban_normalize (exp->iban.text);

      g_assert_true (remit_iban_is_valid (exp->iban.value));
      g_assert_cmpstr (exp->iban.value, ==, invoice->iban);
      g_assert_cmpstr (normalized, ==, invoice->iban);
    }
  else
    g_assert_true (!invoice->iban_in_footer
                   && (!invoice->iban_in_body || invoice->kind == REMIT_TEST_KIND_CREDIT_NOTE)
                   && (invoice->layout != REMIT_TEST_LAYOUT_UTILITY
                       || invoice->kind == REMIT_TEST_KIND_CREDIT_NOTE)
                   && invoice->kind != REMIT_TEST_KIND_REMITTANCE_SLIP);
  if (exp->bic.value != NULL)
    g_assert_true (remit_bic_is_valid (exp->bic.value));
  if (exp->distractor_iban.value != NULL)
    {
      g_assert_true (remit_iban_is_valid (exp->distractor_iban.value));
      g_assert_cmpstr (exp->distractor_iban.value, !=, exp->iban.value);
      g_assert_cmpint (invoice->distractor, !=, REMIT_TEST_DISTRACTOR_NONE);
    }
  else
    g_assert_true (invoice->distractor == REMIT_TEST_DISTRACTOR_NONE
                   || invoice->kind == REMIT_TEST_KIND_REMITTANCE_SLIP);

  g_assert_cmpstr (exp->recipient.value, ==, invoice->seller_name);
  g_assert_cmpstr (exp->invoice_number.value, ==, invoice->invoice_number);
  g_assert_cmpstr (exp->customer_number.value, ==, invoice->customer_number);
  if (invoice->payment_reference != NULL && invoice->kind != REMIT_TEST_KIND_CREDIT_NOTE)
    g_assert_cmpstr (exp->payment_reference.value, ==, invoice->payment_reference);

  assert_field (doc, "amount", &exp->amount);
  assert_field (doc, "IBAN", &exp->iban);
  assert_field (doc, "BIC", &exp->bic);
  assert_field (doc, "recipient", &exp->recipient);
  assert_field (doc, "invoice number", &exp->invoice_number);
  assert_field (doc, "customer number", &exp->customer_number);
  assert_field (doc, "payment reference", &exp->payment_reference);
  assert_field (doc, "distractor IBAN", &exp->distractor_iban);
  assert_field (doc, "due date", &exp->due_date);
  assert_field (doc, "due term", &exp->due_term);

  /* The due date: drawn on invoices and reminders that have one (a reminder may move it
   * past its own date), else the term of 14 days on invoices; never on credit notes and
   * slips. */
  if (invoice->kind == REMIT_TEST_KIND_CREDIT_NOTE
      || invoice->kind == REMIT_TEST_KIND_REMITTANCE_SLIP)
    {
      g_assert_null (exp->due_date.value);
      g_assert_null (exp->due_term.value);
    }
  else if (g_date_valid (&invoice->due_date))
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d",
                                              g_date_get_year (&invoice->due_date),
                                              g_date_get_month (&invoice->due_date),
                                              g_date_get_day (&invoice->due_date));

      g_assert_nonnull (exp->due_date.value);
      g_assert_null (exp->due_term.value);
      if (invoice->kind == REMIT_TEST_KIND_INVOICE)
        g_assert_cmpstr (exp->due_date.value, ==, iso);
      else
        g_assert_cmpstr (exp->due_date.value, >=, iso);
    }
  else
    {
      GDate due = invoice->issue_date;
      g_autofree char *iso = NULL;

      g_date_add_days (&due, 14);
      iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&due), g_date_get_month (&due),
                             g_date_get_day (&due));
      g_assert_null (exp->due_date.value);
      if (invoice->kind == REMIT_TEST_KIND_INVOICE)
        g_assert_cmpstr (exp->due_term.value, ==, iso);
      else
        g_assert_nonnull (exp->due_term.value);
    }

  /* The totals are on the last page (a utility bill shows the amount in a box on the first). */
  if (invoice->layout != REMIT_TEST_LAYOUT_UTILITY)
    g_assert_cmpint (exp->amount.box.page, ==, exp->n_pages);

  for (guint i = 0; i < exp->items->len; i++)
    {
      const RemitTestExpectedItem *item = g_ptr_array_index (exp->items, i);
      const RemitTestItem *spec = g_ptr_array_index (invoice->items, i);
      RemitAmount parsed;

      g_assert_cmpint (item->position, ==, i + 1);
      g_assert_cmpint (item->quantity, ==, spec->quantity);
      g_assert_cmpint (item->total.minor, ==, spec->quantity * spec->unit_price);
      g_assert_cmpint (item->base_gross.minor, ==,
                       (spec->unit_price * (100 + spec->vat_percent) + 50) / 100);
      g_assert_cmpstr (item->description.value, ==, spec->description);
      g_assert_cmpstr (item->article_number.value, ==, spec->article_number);
      g_assert_true (remit_amount_parse (item->unit_price_field.text, &parsed, NULL));
      g_assert_cmpint (parsed.minor, ==, spec->unit_price);
      g_assert_true (remit_amount_parse (item->total_field.text, &parsed, NULL));
      g_assert_cmpint (parsed.minor, ==, item->total.minor);
      assert_field (doc, "description", &item->description);
      assert_field (doc, "article number", &item->article_number);
      assert_field (doc, "quantity", &item->quantity_field);
      assert_field (doc, "unit price", &item->unit_price_field);
      assert_field (doc, "line total", &item->total_field);
    }
  forget_matches ();
}

/* No two characters drawn on top of each other: poppler's character boxes, shrunk a little,
 * do not intersect unless the characters are neighbours in the text. */
static void
assert_no_overlaps (GBytes *pdf)
{
  g_autoptr (PopplerDocument) doc = open_pdf (pdf);

  for (int p = 0; p < poppler_document_get_n_pages (doc); p++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (doc, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      g_autofree gunichar *chars = NULL;
      glong n_chars = 0;

      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
      g_assert_cmpint (n_chars, ==, n_rects);

      for (guint i = 0; i < n_rects; i++)
        {
          PopplerRectangle a = rects[i];
          double aw = (a.x2 - a.x1) * 0.2, ah = (a.y2 - a.y1) * 0.2;

          if (g_unichar_isspace (chars[i]))
            continue;
          for (guint j = i + 3; j < n_rects; j++)
            {
              PopplerRectangle b = rects[j];
              double bw = (b.x2 - b.x1) * 0.2, bh = (b.y2 - b.y1) * 0.2;

              if (g_unichar_isspace (chars[j]))
                continue;
              if (a.x1 + aw < b.x2 - bw && b.x1 + bw < a.x2 - aw && a.y1 + ah < b.y2 - bh
                  && b.y1 + bh < a.y2 - ah)
                g_error ("Page %d: “%lc” (%u) and “%lc” (%u) overlap at %.1f,%.1f", p + 1,
                         (wint_t) chars[i], i, (wint_t) chars[j], j, a.x1, a.y1);
            }
        }
    }
}

static void
test_check_digits (void)
{
  g_autofree char *de = remit_test_make_iban ("DE", "370400440532013000");
  g_autofree char *gb = remit_test_make_iban ("GB", "WEST12345698765432");
  g_autofree char *fr = remit_test_make_iban ("FR", "20041010050500013M02606");
  g_autofree char *rf = remit_test_make_iban ("RF", "539007547034");
  g_autofree char *bad = NULL;

  /* Published examples. */
  g_assert_cmpstr (de, ==, "DE89370400440532013000");
  g_assert_cmpstr (gb, ==, "GB82WEST12345698765432");
  g_assert_cmpstr (fr, ==, "FR1420041010050500013M02606");
  g_assert_cmpstr (rf, ==, "RF18539007547034");

  bad = remit_test_make_iban ("DE", "3704-0044");
  g_assert_null (bad);
}

static void
test_varied_ibans (void)
{
  GHashTable *countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint german = 0, total = 300;

  for (guint seed = 0; seed < total; seed++)
    {
      g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_varied (seed);
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_true (remit_iban_validate (invoice->iban, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, invoice->iban);
      g_assert_true (remit_bic_is_valid (invoice->bic));
      /* The BIC belongs to the IBAN's country. */
      g_assert_cmpint (strncmp (invoice->bic + 4, invoice->iban, 2), ==, 0);
      g_assert_true (remit_iban_is_valid (invoice->distractor_iban));
      g_assert_cmpstr (invoice->distractor_iban, !=, invoice->iban);

      g_hash_table_add (countries, g_strndup (invoice->iban, 2));
      if (g_str_has_prefix (invoice->iban, "DE"))
        german++;
    }

  g_assert_cmpuint (german, >, total / 2);
  for (const char *const *c = (const char *const[]) { "DE", "AT", "NL", "FR", "GB", NULL }; *c;
       c++)
    g_assert_true (g_hash_table_contains (countries, *c));
  g_hash_table_unref (countries);
}

static void
test_defaults (void)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GBytes) pdf = render (invoice, &exp);
  const RemitTestExpectedItem *item;

  check_document (invoice, pdf, exp);
  assert_no_overlaps (pdf);

  /* 890,00 + 6 × 95,00 + 45,00 = 1.505,00; 19 % = 285,95 */
  g_assert_cmpint (exp->n_pages, ==, 1);
  g_assert_cmpint (exp->net.minor, ==, 150500);
  g_assert_cmpint (exp->vat.minor, ==, 28595);
  g_assert_cmpint (exp->amount_to_pay.minor, ==, 179095);
  g_assert_cmpstr (exp->amount.value, ==, "1790.95:EUR");
  g_assert_cmpstr (exp->amount.text, ==, "1.790,95 €");
  g_assert_cmpstr (exp->iban.value, ==, "DE89370400440532013000");
  g_assert_cmpstr (exp->iban.text, ==, "DE89 3704 0044 0532 0130 00");
  /* In the body and in the footer; the body is the main place. */
  g_assert_cmpuint (exp->iban.places->len, ==, 2);
  g_assert_cmpfloat (exp->iban.box.top, <, 700);
  g_assert_cmpstr (exp->bic.value, ==, "COBADEFFXXX");
  g_assert_cmpstr (exp->recipient.value, ==, "Kranich Software GmbH");
  g_assert_cmpstr (exp->invoice_number.value, ==, "RE-2024-0815");
  g_assert_cmpstr (exp->customer_number.value, ==, "KD-10457");
  g_assert_cmpstr (exp->payment_reference.value, ==, "RE-2024-0815");
  g_assert_null (exp->distractor_iban.value);
  g_assert_null (exp->qr_code.value);
  g_assert_cmpstr (exp->font_family, ==, "DejaVu Sans");
  g_assert_cmpuint (exp->items->len, ==, 3);

  item = g_ptr_array_index (exp->items, 1);
  g_assert_cmpstr (item->description.value, ==, "Einrichtung und Schulung vor Ort");
  g_assert_cmpint (item->quantity, ==, 6);
  g_assert_cmpint (item->unit_price.minor, ==, 9500);
  g_assert_cmpint (item->base_gross.minor, ==, 11305);
  g_assert_cmpint (item->total.minor, ==, 57000);
  g_assert_cmpstr (item->total_field.text, ==, "570,00");
  g_assert_null (item->article_number.value);

  /* The main places: the letterhead name at the top, the meta block for the number. */
  g_assert_cmpfloat (exp->recipient.box.top, <, 60);
  g_assert_cmpint (exp->invoice_number.box.page, ==, 1);
}

static void
test_layouts_and_kinds (void)
{
  for (int layout = 0; layout < REMIT_TEST_N_LAYOUTS; layout++)
    for (int kind = 0; kind < REMIT_TEST_N_KINDS; kind++)
      for (int lang = 0; lang < 2; lang++)
        {
          g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
          g_autoptr (RemitTestExpected) exp = NULL;
          g_autoptr (GBytes) pdf = NULL;

          invoice->layout = layout;
          invoice->kind = kind;
          invoice->language = lang;
          if (lang == REMIT_TEST_LANGUAGE_EN)
            {
              invoice->numbers = REMIT_TEST_NUMBERS_ENGLISH;
              invoice->currency_style = REMIT_TEST_CURRENCY_CODE;
              invoice->distractor = REMIT_TEST_DISTRACTOR_DIRECT_DEBIT;
              invoice->payment_as_list = TRUE;
            }
          g_test_message ("layout %d, kind %d, language %d", layout, kind, lang);
          pdf = render (invoice, &exp);
          check_document (invoice, pdf, exp);
          assert_no_overlaps (pdf);
        }
}

static void
test_varied (void)
{
  guint layouts = 0, kinds = 0, distractors = 0, multi_page = 0, slips = 0, english = 0;

  for (guint seed = 1; seed <= 60; seed++)
    {
      g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_varied (seed);
      g_autoptr (RemitTestExpected) exp = NULL;
      g_autoptr (GBytes) pdf = NULL;

      g_test_message ("seed %u", seed);
      pdf = render (invoice, &exp);
      check_document (invoice, pdf, exp);
      if (seed % 4 == 0)
        assert_no_overlaps (pdf);

      layouts |= 1 << invoice->layout;
      kinds |= 1 << invoice->kind;
      distractors |= 1 << invoice->distractor;
      multi_page += exp->n_pages > 1;
      slips += invoice->layout == REMIT_TEST_LAYOUT_UTILITY;
      english += invoice->language == REMIT_TEST_LANGUAGE_EN;
    }

  /* The seeds cover every layout, kind and distractor, and some invoices run over a page. */
  g_assert_cmpuint (layouts, ==, (1 << REMIT_TEST_N_LAYOUTS) - 1);
  g_assert_cmpuint (kinds, ==, (1 << REMIT_TEST_N_KINDS) - 1);
  g_assert_cmpuint (distractors, ==, 7);
  g_assert_cmpuint (multi_page, >, 0);
  g_assert_cmpuint (english, >, 0);
  g_assert_cmpuint (slips, >, 0);
}

static void
test_multipage (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_preset ("wholesale-multipage",
                                                                       &error);
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GBytes) pdf = NULL;
  gboolean first_page = FALSE, later_page = FALSE;

  g_assert_no_error (error);
  pdf = render (invoice, &exp);
  check_document (invoice, pdf, exp);
  assert_no_overlaps (pdf);

  g_assert_cmpint (exp->n_pages, >=, 2);
  g_assert_cmpuint (exp->items->len, ==, 40);
  for (guint i = 0; i < exp->items->len; i++)
    {
      const RemitTestExpectedItem *item = g_ptr_array_index (exp->items, i);

      first_page |= item->description.box.page == 1;
      later_page |= item->description.box.page > 1;
    }
  g_assert_true (first_page && later_page);
  /* Two VAT rates: 19 % and 7 %. */
  g_assert_cmpint (exp->vat.minor, >, 0);
  g_assert_cmpint (exp->amount.box.page, ==, exp->n_pages);
  /* The bank data is in the footer of every page. */
  g_assert_cmpuint (exp->iban.places->len, >=, (guint) exp->n_pages);
}

static char *
scan_qr (PopplerPage *page, double scale, double *center_x, double *center_y)
{
  double width, height;
  int w, h, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint8 *gray;
  const guint8 *pixels;
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  char *found = NULL;

  poppler_page_get_size (page, &width, &height);
  w = (int) (width * scale);
  h = (int) (height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  pixels = cairo_image_surface_get_data (surface);
  gray = g_malloc ((gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (pixels + y * stride + 4 * x);

        gray[y * w + x] = (((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff)) / 3;
      }
  cairo_surface_destroy (surface);

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, w, h);
  zbar_image_set_data (image, gray, (unsigned long) w * h, zbar_image_free_data);
  zbar_scan_image (scanner, image);
  for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image); symbol != NULL;
       symbol = zbar_symbol_next (symbol))
    if (zbar_symbol_get_type (symbol) == ZBAR_QRCODE)
      {
        double sx = 0, sy = 0;
        unsigned n = zbar_symbol_get_loc_size (symbol);

        for (unsigned i = 0; i < n; i++)
          {
            sx += zbar_symbol_get_loc_x (symbol, i);
            sy += zbar_symbol_get_loc_y (symbol, i);
          }
        *center_x = sx / n / scale;
        *center_y = sy / n / scale;
        found = g_strdup (zbar_symbol_get_data (symbol));
        break;
      }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return found;
}

static void
test_qr (void)
{
  /* A payload in the EPC layout, written here: the generator only draws what it is given. */
  const char *payload = "BCD\n002\n1\nSCT\nCOBADEFFXXX\nKranich Software GmbH\n"
                        "DE89370400440532013000\nEUR1790.95\n\n\nRE-2024-0815\n";
  const RemitTestLayout layouts[] = { REMIT_TEST_LAYOUT_DIN_LETTER, REMIT_TEST_LAYOUT_US_HEADER,
                                      REMIT_TEST_LAYOUT_UTILITY };

  for (gsize i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
      g_autoptr (RemitTestExpected) exp = NULL;
      g_autoptr (GBytes) pdf = NULL;
      g_autoptr (PopplerDocument) doc = NULL;
      g_autoptr (PopplerPage) page = NULL;
      g_autofree char *decoded = NULL;
      double cx = 0, cy = 0;
      const RemitTestBox *box;

      invoice->layout = layouts[i];
      invoice->qr_payload = g_strdup (payload);
      pdf = render (invoice, &exp);
      check_document (invoice, pdf, exp);

      g_assert_cmpstr (exp->qr_code.value, ==, payload);
      box = &exp->qr_code.box;
      doc = open_pdf (pdf);
      page = poppler_document_get_page (doc, box->page - 1);
      decoded = scan_qr (page, 3.0, &cx, &cy);
      g_assert_cmpstr (decoded, ==, payload);
      g_assert_cmpfloat (cx, >, box->left);
      g_assert_cmpfloat (cx, <, box->left + box->width);
      g_assert_cmpfloat (cy, >, box->top);
      g_assert_cmpfloat (cy, <, box->top + box->height);
    }
}

static void
test_fonts (void)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (PopplerDocument) doc = NULL;
  PopplerFontInfo *info;
  PopplerFontsIter *iter = NULL;
  const char *fallback = remit_test_resolve_font ("No Such Family Anywhere");
  g_autofree char *fallback_name = NULL;
  gboolean embedded = FALSE;

  g_assert_true (g_str_equal (fallback, "DejaVu Sans") || g_str_equal (fallback, "Liberation Sans")
                 || g_str_equal (fallback, "Sans"));
  g_assert_cmpstr (remit_test_resolve_font ("DejaVu Serif"), ==, "DejaVu Serif");
  /* A serif family falls back to a serif one. */
  g_assert_cmpstr (remit_test_resolve_font ("No Such Serif"), ==, "DejaVu Serif");

  g_free (invoice->font_family);
  invoice->font_family = g_strdup ("No Such Family Anywhere");
  pdf = render (invoice, &exp);
  g_assert_cmpstr (exp->font_family, ==, fallback);
  check_document (invoice, pdf, exp);

  /* The fonts are embedded, and the fallback is the one used. */
  fallback_name = g_strdelimit (g_strdup (fallback), " ", '\0');
  doc = open_pdf (pdf);
  info = poppler_font_info_new (doc);
  while (poppler_font_info_scan (info, 1, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          if (name != NULL && strstr (name, fallback_name) != NULL)
            embedded = TRUE;
        }
      while (poppler_fonts_iter_next (iter));
      g_clear_pointer (&iter, poppler_fonts_iter_free);
    }
  g_object_unref (info);
  g_assert_true (embedded);

  /* The families asked for by the varied invoices are used when installed. */
  for (guint seed = 0; seed < 8; seed++)
    {
      g_autoptr (RemitTestInvoice) varied = remit_test_invoice_new_varied (seed);
      g_autoptr (RemitTestExpected) vexp = NULL;
      g_autoptr (GBytes) vpdf = render (varied, &vexp);

      g_assert_cmpstr (vexp->font_family, ==, remit_test_resolve_font (varied->font_family));
    }
}

static void
test_presets (void)
{
  const char *const *names = remit_test_invoice_get_presets ();
  g_autoptr (GError) error = NULL;
  RemitTestInvoice *none;

  g_assert_true (g_strv_length ((char **) names) >= 9);
  for (; *names != NULL; names++)
    {
      g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new_preset (*names, &error);
      g_autoptr (RemitTestExpected) exp = NULL;
      g_autoptr (GBytes) pdf = NULL;

      g_assert_no_error (error);
      g_test_message ("preset %s", *names);
      pdf = render (invoice, &exp);
      check_document (invoice, pdf, exp);
      assert_no_overlaps (pdf);

      if (g_str_equal (*names, "reminder"))
        {
          g_assert_cmpint (exp->amount_to_pay.minor, ==, 179095 + 500);
          g_assert_cmpstr (exp->amount.text, ==, "1.795,95 €");
        }
      else if (g_str_equal (*names, "credit-note"))
        {
          g_assert_cmpstr (exp->doc_type, ==, "Other");
          g_assert_null (exp->payment_reference.value);
        }
      else if (g_str_equal (*names, "remittance-slip"))
        {
          g_assert_cmpstr (exp->payment_reference.value, ==, "RF18 5390 0754 7034");
          g_assert_cmpstr (exp->amount.text, ==, "1.790,95");
          g_assert_cmpstr (exp->iban.value, ==, "DE89370400440532013000");
        }
      else if (g_str_equal (*names, "utility-bill"))
        {
          /* The slip at the bottom holds the IBAN; the summary box the amount. */
          g_assert_nonnull (exp->iban.value);
          g_assert_cmpfloat (exp->iban.box.top, >, exp->page_height / 2);
          g_assert_cmpfloat (exp->amount.box.top, <, exp->page_height / 2);
          g_assert_nonnull (exp->distractor_iban.value);
        }
      else if (g_str_equal (*names, "distractor"))
        {
          g_assert_cmpstr (exp->distractor_iban.value, ==, "DE02120300000000202051");
          g_assert_cmpuint (exp->iban.places->len, ==, 1);
        }
      else if (g_str_equal (*names, "us-invoice"))
        {
          g_assert_cmpfloat (exp->page_width, ==, 612);
          /* 2500 × 0.12 + 4 × 34.50 + 2 × 45.00 = 528.00, VAT 20 % 105.60 */
          g_assert_cmpstr (exp->amount.value, ==, "633.60:GBP");
          g_assert_cmpstr (exp->amount.text, ==, "£633.60");
        }
      else if (g_str_equal (*names, "freelancer"))
        {
          /* Kleinunternehmer: no VAT. */
          g_assert_cmpint (exp->vat.minor, ==, 0);
          g_assert_cmpstr (exp->iban.text, ==, "DE02120300000000202051");
        }
    }

  none = remit_test_invoice_new_preset ("no-such-preset", &error);
  g_assert_null (none);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
}

static void
test_deterministic (void)
{
  for (guint seed = 100; seed < 104; seed++)
    {
      g_autoptr (RemitTestInvoice) a = remit_test_invoice_new_varied (seed);
      g_autoptr (RemitTestInvoice) b = remit_test_invoice_new_varied (seed);
      g_autoptr (RemitTestInvoice) c = remit_test_invoice_new_varied (seed + 1000);
      g_autoptr (RemitTestExpected) ea = NULL;
      g_autoptr (RemitTestExpected) eb = NULL;
      g_autoptr (RemitTestExpected) ec = NULL;
      g_autoptr (GBytes) pa = render (a, &ea);
      g_autoptr (GBytes) pb = render (b, &eb);
      g_autoptr (GBytes) pc = render (c, &ec);
      g_autofree char *ja = remit_test_expected_to_json (ea);
      g_autofree char *jb = remit_test_expected_to_json (eb);
      g_autofree char *jc = remit_test_expected_to_json (ec);

      g_assert_cmpstr (ja, ==, jb);
      g_assert_cmpstr (ja, !=, jc);
      g_assert_true (g_bytes_equal (pa, pb));
    }
}

static void
test_errors (void)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *pdf;

  remit_test_invoice_clear_items (invoice);
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  /* A wrong check digit. */
  invoice = remit_test_invoice_new ();
  invoice->iban[3] = '8';
  pdf = remit_test_invoice_render (invoice, &exp, &error);
  g_assert_null (pdf);
  g_assert_null (exp);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  /* A spaced IBAN: the spec holds the normalised form. */
  invoice = remit_test_invoice_new ();
  g_free (invoice->iban);
  invoice->iban = g_strdup ("DE89 3704 0044 0532 0130 00");
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  g_free (invoice->bic);
  invoice->bic = g_strdup ("COBA");
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  invoice->distractor = REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT;
  g_clear_pointer (&invoice->distractor_iban, g_free);
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  strcpy (invoice->currency, "CHF");
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  g_clear_pointer (&invoice->seller_name, g_free);
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "seller_name"));
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  for (int rate = 1; rate <= 9; rate++)
    remit_test_invoice_add_item (invoice, "Rate", NULL, 1, NULL, 100, rate);
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_clear_pointer (&invoice, remit_test_invoice_free);

  invoice = remit_test_invoice_new ();
  invoice->font_size = 40;
  pdf = remit_test_invoice_render (invoice, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
}

static void
test_write (void)
{
  g_autoptr (RemitTestInvoice) invoice = remit_test_invoice_new ();
  g_autoptr (RemitTestExpected) exp = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("remit-invoice-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *data = NULL;
  gsize size;

  g_assert_no_error (error);
  path = g_build_filename (dir, "invoice.pdf", NULL);
  g_assert_true (remit_test_invoice_write (invoice, path, &exp, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_cmpint (exp->n_pages, ==, 1);
  g_remove (path);
  g_rmdir (dir);

  missing = g_build_filename (dir, "no", "such", "dir.pdf", NULL);
  g_assert_false (remit_test_invoice_write (invoice, missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/invoice-gen/check-digits", test_check_digits);
  g_test_add_func ("/invoice-gen/varied-ibans", test_varied_ibans);
  g_test_add_func ("/invoice-gen/defaults", test_defaults);
  g_test_add_func ("/invoice-gen/layouts-and-kinds", test_layouts_and_kinds);
  g_test_add_func ("/invoice-gen/varied", test_varied);
  g_test_add_func ("/invoice-gen/multipage", test_multipage);
  g_test_add_func ("/invoice-gen/qr", test_qr);
  g_test_add_func ("/invoice-gen/fonts", test_fonts);
  g_test_add_func ("/invoice-gen/presets", test_presets);
  g_test_add_func ("/invoice-gen/deterministic", test_deterministic);
  g_test_add_func ("/invoice-gen/errors", test_errors);
  g_test_add_func ("/invoice-gen/write", test_write);

  return g_test_run ();
}
