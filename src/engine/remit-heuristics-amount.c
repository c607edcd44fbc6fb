/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"

/* What a label says about the amount next to it. */
typedef enum
{
  KIND_PAY,     /* what is to be paid: “Zu zahlen”, “Amount due” */
  KIND_GROSS,   /* the total with VAT: “Rechnungsbetrag”, “Grand total” */
  KIND_GENERIC, /* “Summe”, “Total”, “Betrag”: a total of something */
  KIND_NET,     /* without VAT */
  KIND_VAT,
  KIND_FEE,     /* a reminder's fee or interest */
  KIND_OTHER,   /* discounts, shipping, prepayments: part of a sum, not the sum */
} Kind;

typedef struct
{
  const char *phrase;
  Kind kind;
} Label;

static const Label labels[] = {
  /* German */
  { "zu zahlen", KIND_PAY },
  { "zu zahlender betrag", KIND_PAY },
  { "zu zahlender gesamtbetrag", KIND_PAY },
  { "noch zu zahlen", KIND_PAY },
  { "zahlbetrag", KIND_PAY },
  { "zahlungsbetrag", KIND_PAY },
  { "zu überweisen", KIND_PAY },
  { "zu überweisender betrag", KIND_PAY },
  { "überweisungsbetrag", KIND_PAY },
  { "offener betrag", KIND_PAY },
  { "offene summe", KIND_PAY },
  { "offener saldo", KIND_PAY },
  { "offene forderung", KIND_PAY },
  { "offener gesamtbetrag", KIND_PAY },
  { "noch offen", KIND_PAY },
  { "noch offener betrag", KIND_PAY },
  { "gesamtforderung", KIND_PAY },
  { "forderungsbetrag", KIND_PAY },
  { "fälliger betrag", KIND_PAY },
  { "fälliger gesamtbetrag", KIND_PAY },
  { "fällige summe", KIND_PAY },
  { "endbetrag", KIND_PAY },
  { "restbetrag", KIND_PAY },
  { "zahlbar", KIND_PAY },
  { "rechnungsbetrag", KIND_GROSS },
  { "offener rechnungsbetrag", KIND_GROSS },
  { "ursprünglicher rechnungsbetrag", KIND_GROSS },
  { "gesamtbetrag", KIND_GROSS },
  { "gesamtrechnungsbetrag", KIND_GROSS },
  { "bruttobetrag", KIND_GROSS },
  { "bruttosumme", KIND_GROSS },
  { "bruttogesamtbetrag", KIND_GROSS },
  { "gesamtsumme", KIND_GROSS },
  { "gesamtpreis", KIND_GROSS },
  { "summe brutto", KIND_GROSS },
  { "gesamt brutto", KIND_GROSS },
  { "gesamtbetrag brutto", KIND_GROSS },
  { "rechnungssumme", KIND_GROSS },
  { "rechnungsendbetrag", KIND_GROSS },
  { "endsumme", KIND_GROSS },
  { "gutschriftsbetrag", KIND_GROSS },
  { "gutschriftbetrag", KIND_GROSS },
  { "brutto", KIND_GROSS },
  { "summe", KIND_GENERIC },
  { "gesamt", KIND_GENERIC },
  { "betrag", KIND_GENERIC },
  { "netto", KIND_NET },
  { "nettobetrag", KIND_NET },
  { "nettosumme", KIND_NET },
  { "summe netto", KIND_NET },
  { "gesamt netto", KIND_NET },
  { "gesamtbetrag netto", KIND_NET },
  { "zwischensumme", KIND_NET },
  { "warenwert", KIND_NET },
  { "positionssumme", KIND_NET },
  { "nettowarenwert", KIND_NET },
  { "mwst", KIND_VAT },
  { "ust", KIND_VAT },
  { "umsatzsteuer", KIND_VAT },
  { "mehrwertsteuer", KIND_VAT },
  { "steuerbetrag", KIND_VAT },
  { "zzgl", KIND_VAT },
  { "mahngebühr", KIND_FEE },
  { "mahngebühren", KIND_FEE },
  { "mahnkosten", KIND_FEE },
  { "mahnspesen", KIND_FEE },
  { "verzugszinsen", KIND_FEE },
  { "verzugsschaden", KIND_FEE },
  { "verzugspauschale", KIND_FEE },
  { "rabatt", KIND_OTHER },
  { "skonto", KIND_OTHER },
  { "anzahlung", KIND_OTHER },
  { "erhaltene anzahlungen", KIND_OTHER },
  { "bereits gezahlt", KIND_OTHER },
  { "bereits bezahlt", KIND_OTHER },
  { "versand", KIND_OTHER },
  { "versandkosten", KIND_OTHER },
  /* English */
  { "amount due", KIND_PAY },
  { "total due", KIND_PAY },
  { "balance due", KIND_PAY },
  { "amount payable", KIND_PAY },
  { "total payable", KIND_PAY },
  { "amount to pay", KIND_PAY },
  { "total amount due", KIND_PAY },
  { "total now due", KIND_PAY },
  { "please pay", KIND_PAY },
  { "payment due", KIND_PAY },
  { "outstanding amount", KIND_PAY },
  { "outstanding balance", KIND_PAY },
  { "total outstanding", KIND_PAY },
  { "new balance", KIND_PAY },
  { "now due", KIND_PAY },
  { "grand total", KIND_GROSS },
  { "invoice total", KIND_GROSS },
  { "invoice amount", KIND_GROSS },
  { "total amount", KIND_GROSS },
  { "total gross", KIND_GROSS },
  { "gross total", KIND_GROSS },
  { "gross amount", KIND_GROSS },
  { "total credit", KIND_GROSS },
  { "credit total", KIND_GROSS },
  { "total", KIND_GENERIC },
  { "amount", KIND_GENERIC },
  { "sum", KIND_GENERIC },
  { "subtotal", KIND_NET },
  { "sub total", KIND_NET },
  { "net", KIND_NET },
  { "net amount", KIND_NET },
  { "net total", KIND_NET },
  { "total net", KIND_NET },
  { "vat", KIND_VAT },
  { "tax", KIND_VAT },
  { "sales tax", KIND_VAT },
  { "reminder fee", KIND_FEE },
  { "late fee", KIND_FEE },
  { "late payment fee", KIND_FEE },
  { "dunning fee", KIND_FEE },
  { "interest", KIND_FEE },
  { "discount", KIND_OTHER },
  { "shipping", KIND_OTHER },
  { "amount paid", KIND_OTHER },
  { "paid", KIND_OTHER },
  { "deposit", KIND_OTHER },
  /* French, for the odd Factur-X */
  { "net à payer", KIND_PAY },
  { "solde à payer", KIND_PAY },
  { "montant dû", KIND_PAY },
  { "à payer", KIND_PAY },
  { "total ttc", KIND_GROSS },
  { "montant ttc", KIND_GROSS },
  { "total ht", KIND_NET },
  { "tva", KIND_VAT },
};

/* Words between a label and its value that change what the label means. */
static const char *const net_words[] = {
  "netto", "net", "ohne", "excl", "exkl", "exklusive", "excluding", "zzgl", "zuzüglich",
  "zwischensumme", "subtotal", "ht", "nettobetrag", "vor", "before", NULL,
};
static HPhrases net_words_set = H_PHRASES (net_words);
static const char *const gross_words[] = {
  "brutto", "gross", "inkl", "incl", "inklusive", "including", "inclusive", "einschl",
  "einschließlich", "ttc", NULL,
};
static HPhrases gross_words_set = H_PHRASES (gross_words);
static const char *const vat_words[] = {
  "mwst", "ust", "vat", "tax", "steuer", "umsatzsteuer", "mehrwertsteuer", "tva", "steuern",
  "taxes", NULL,
};
static HPhrases vat_words_set = H_PHRASES (vat_words);
static const char *const other_words[] = {
  "zuschläge", "abschläge", "zuschlag", "abschlag", "rabatt", "skonto", "anzahlung",
  "anzahlungen", "versand", "shipping", "discount", "gutschein", "bereits", "erhalten",
  "erhaltene", "paid", "payments", "gezahlt", "bezahlt", "abzgl", "abzüglich", "less",
  "teilzahlung", "vorauszahlung", "prepaid", "einzelpreis", "stückpreis", "unit", "position",
  "pos", NULL,
};
static HPhrases other_words_set = H_PHRASES (other_words);

/* Column headers: a row with several of them is the head of the item table. */
static const char *const header_words[] = {
  "pos", "position", "menge", "anzahl", "qty", "quantity", "einzelpreis", "preis", "price",
  "beschreibung", "bezeichnung", "artikel", "description", "item", "einheit", "unit",
  "artnr", "stk", "ep", "gp", "nettopreis", "steuersatz", "mwst", "vat", "leistung", NULL,
};
static HPhrases header_words_set = H_PHRASES (header_words);

typedef struct
{
  const HAmount *amount;
  Kind kind;
  int score;
  guint label_row;
  guint label_pos;
} Candidate;

static int
kind_score (Kind kind)
{
  switch (kind)
    {
    case KIND_PAY:
      return 100;
    case KIND_GROSS:
      return 80;
    case KIND_GENERIC:
      return 60;
    case KIND_NET:
      return 20;
    case KIND_VAT:
    case KIND_FEE:
    case KIND_OTHER:
    default:
      return 0;
    }
}

/* The label at @pos of @row, the longest that matches. */
static HPhrases labels_set = H_PHRASES (labels);

static const Label *
label_at (const HDoc *doc, const HRow *row, guint pos, guint *end)
{
  int which;

  *end = h_row_match (doc, row, pos, &labels_set, &which);
  return *end > 0 ? &labels[which] : NULL;
}

static guint
count_header_words (const HDoc *doc, const HRow *row)
{
  guint n = 0;

  for (guint pos = 0; pos < row->n; pos++)
    if (h_text_has_word (doc, row, pos, pos + 1, &header_words_set))
      n++;
  return n;
}

/* What the words from the label to its value say: “Gesamtbetrag netto” is net, “Total
 * incl. VAT” gross, “Gesamtbetrag der Zuschläge” something else. */
static Kind
refine_kind (const HDoc *doc, const HRow *row, guint from, guint to, Kind kind)
{
  gboolean gross = h_text_has_word (doc, row, from, to, &gross_words_set);

  if (kind == KIND_FEE)
    return kind;
  if (h_text_has_word (doc, row, from, to, &other_words_set))
    return KIND_OTHER;
  if (kind == KIND_PAY)
    return kind;
  if (gross && (kind == KIND_VAT || kind == KIND_NET || kind == KIND_GENERIC))
    return KIND_GROSS;
  if (!gross && h_text_has_word (doc, row, from, to, &net_words_set))
    return KIND_NET;
  if (!gross && kind != KIND_NET && h_text_has_word (doc, row, from, to, &vat_words_set))
    return KIND_VAT;
  return kind;
}

static gboolean
same_amount (const HAmount *a, const HAmount *b)
{
  return remit_amount_equal (&a->amount, &b->amount);
}

static double
value_size (const HDoc *doc, const HAmount *amount)
{
  return h_row_token (doc, h_row (doc, amount->row), amount->number_pos)->size;
}

void
h_find_amount_to_pay (HDoc *doc,
                      RemitExtractionSet *set,
                      gboolean reminder,
                      gboolean credit_note,
                      HAmountToPay *out)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr (GPtrArray) listed = g_ptr_array_new ();
  const Candidate *best = NULL;
  RemitAmount fees;
  gboolean have_fees = FALSE;

  memset (out, 0, sizeof *out);

  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);
      guint header_count = count_header_words (doc, row);

      for (guint pos = 0; pos < row->n; pos++)
        {
          guint end = 0;
          const Label *label = label_at (doc, row, pos, &end);
          const HAmount *amount;
          const HToken *first;
          const HToken *last;
          Candidate c = { 0 };

          if (label == NULL)
            continue;

          /* A label glued in front of a longer word (“Betragsart”) is not this label; the
           * match must end on a token boundary, which h_row_match guarantees, and must not
           * be a part of a bigger compound that means something else. */
          first = h_row_token (doc, row, pos);
          last = h_row_token (doc, row, end - 1);

          amount = h_amount_right_of (doc, r, end);
          if (amount != NULL)
            {
              /* Nothing but a few words between label and value, and no other amount. */
              guint between_labels = 0;

              for (guint p = end; p < amount->first_pos; p++)
                {
                  guint e2;

                  if (label_at (doc, row, p, &e2) != NULL
                      && label_at (doc, row, p, &e2)->kind != label->kind)
                    between_labels++;
                }
              if (amount->first_pos - end > 8 || between_labels > 1)
                amount = NULL;
            }
          c.kind = label->kind;
          if (amount != NULL)
            c.kind = refine_kind (doc, row, pos, amount->first_pos, label->kind);

          if (amount == NULL && header_count < 3 && label->kind != KIND_GENERIC)
            {
              double left = first->box.left - 2 * first->size;
              double right = last->box.left + last->box.width + 6 * first->size;

              amount = h_amount_below (doc, r, left, right, 1.6);
              /* Only the label's own words: the next column head is another label. */
              if (amount != NULL)
                c.kind = refine_kind (doc, row, pos, h_segment_end (doc, row, pos, 1.0),
                                      label->kind);
            }
          if (amount == NULL)
            continue;

          c.amount = amount;
          c.label_row = r;
          c.label_pos = pos;
          c.score = kind_score (c.kind);
          if (c.score > 0)
            {
              const HPage *page = h_page (doc, first->page);
              const HToken *value = h_row_token (doc, h_row (doc, amount->row), amount->number_pos);

              if (first->bold || value->bold)
                c.score += 4;
              if (value->size > page->body_size * 1.1 || first->size > page->body_size * 1.1)
                c.score += 4;
              if (amount->amount.minor < 0 && !credit_note)
                c.score -= 8;
              /* A total stands apart: the label is the first thing in its part of the row. */
              if (pos == 0 || h_gap_before (doc, row, pos) > 2 * first->size)
                c.score += 2;
            }
          g_array_append_val (candidates, c);
          pos = end - 1;
        }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (c->score <= 0)
        continue;
      /* Equal scores: the later one, as totals come last. */
      if (best == NULL || c->score >= best->score)
        best = c;
    }

  /* The same amount under an equally good label more than once (a summary box and the
   * totals): the most prominent one. */
  if (best != NULL)
    {
      const Candidate *chosen = best;
      double chosen_size = value_size (doc, best->amount);

      for (guint i = 0; i < candidates->len; i++)
        {
          const Candidate *c = &g_array_index (candidates, Candidate, i);
          double size = value_size (doc, c->amount);

          if (c->kind == best->kind && same_amount (c->amount, best->amount)
              && size > chosen_size * 1.1)
            {
              chosen = c;
              chosen_size = size;
            }
        }
      best = chosen;
    }

  /* Fees listed under the amount found, without a total of their own. */
  remit_amount_init (&fees, 0, best != NULL ? best->amount->amount.currency : doc->currency);
  for (guint i = 0; best != NULL && i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      gboolean summed = FALSE;

      if (c->kind != KIND_FEE || c->amount->amount.minor <= 0 || c->label_row <= best->label_row
          || strcmp (c->amount->amount.currency, fees.currency) != 0)
        continue;
      /* A total under the fee has it already. */
      for (guint j = 0; j < candidates->len && !summed; j++)
        {
          const Candidate *t = &g_array_index (candidates, Candidate, j);

          summed = t->score > 0 && t->label_row > c->label_row;
        }
      if (summed)
        continue;
      fees.minor += c->amount->amount.minor;
      have_fees = TRUE;
    }

  if (best != NULL)
    {
      RemitAmount value = best->amount->amount;
      g_autofree char *wire = NULL;

      /* A reminder that lists the invoice amount and its fees without their sum. */
      if (reminder && have_fees && best->kind != KIND_PAY)
        value.minor += fees.minor;
      /* A credit note printed with a minus: the credit is the amount. */
      if (credit_note && value.minor < 0)
        value.minor = -value.minor;

      wire = remit_amount_to_wire (&value);
      h_field_set (&out->amount, wire, &best->amount->box, best->score);
      out->value = value;
      out->found = TRUE;
    }
  else
    {
      /* No label: the largest amount with a currency, else the largest. */
      const HAmount *largest = NULL;

      for (guint i = 0; i < doc->amounts->len; i++)
        {
          const HAmount *a = &g_array_index (doc->amounts, HAmount, i);

          if (largest == NULL || (a->has_currency && !largest->has_currency)
              || (a->has_currency == largest->has_currency
                  && a->amount.minor > largest->amount.minor))
            largest = a;
        }
      if (largest != NULL)
        {
          g_autofree char *wire = remit_amount_to_wire (&largest->amount);

          h_field_set (&out->amount, wire, &largest->box, 1);
          out->value = largest->amount;
          out->found = TRUE;
        }
    }

  /* Candidates: the labelled totals by score, then every other amount in reading order. */
  {
    g_autoptr (GArray) order = g_array_copy (candidates);

    for (guint i = 1; i < order->len; i++)
      for (guint j = i; j > 0; j--)
        {
          Candidate *a = &g_array_index (order, Candidate, j - 1);
          Candidate *b = &g_array_index (order, Candidate, j);

          if (b->score > a->score)
            {
              Candidate tmp = *a;

              *a = *b;
              *b = tmp;
            }
        }

    for (guint i = 0; i < order->len; i++)
      {
        const Candidate *c = &g_array_index (order, Candidate, i);

        if (c->score > 0)
          g_ptr_array_add (listed, (gpointer) c->amount);
      }
  }
  for (guint i = 0; i < doc->amounts->len; i++)
    g_ptr_array_add (listed, &g_array_index (doc->amounts, HAmount, i));

  for (guint i = 0; i < listed->len; i++)
    {
      const HAmount *a = g_ptr_array_index (listed, i);
      gboolean dup = FALSE;
      g_autoptr (RemitExtraction) e = NULL;

      for (guint j = 0; j < i && !dup; j++)
        dup = same_amount (a, g_ptr_array_index (listed, j));
      if (dup)
        continue;
      e = h_amount_extraction (a);
      remit_extraction_set_add_candidate (set, "amounts", e);
    }
}
