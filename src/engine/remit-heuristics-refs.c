/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"

/* Document types */

/* “Rechnung” and its compounds (“Mietrechnung”), “Invoice”. */
static gboolean
is_invoice_word (const char *norm)
{
  gsize len = strlen (norm);

  return (len >= 8 && strcmp (norm + len - 8, "rechnung") == 0) || strcmp (norm, "invoice") == 0
         || strcmp (norm, "facture") == 0 || strcmp (norm, "gutschrift") == 0;
}


static const char *const reminder_phrases[] = {
  "mahnung", "1 mahnung", "2 mahnung", "3 mahnung", "letzte mahnung", "erste mahnung",
  "zweite mahnung", "dritte mahnung", "zahlungserinnerung", "zahlungsaufforderung",
  "mahnschreiben", "payment reminder", "reminder", "final reminder", "second reminder",
  "overdue notice", "final notice", "past due notice", "rappel", "relance", NULL,
};
static HPhrases reminder_phrases_set = H_PHRASES (reminder_phrases);

static const char *const invoice_words[] = {
  "rechnung", "invoice", "gutschrift", "rechnungskorrektur", "handelsrechnung", "stornorechnung",
  "teilrechnung", "schlussrechnung", "abschlagsrechnung", "kostenrechnung", "facture", "avoir",
  "bill", "abrechnung", "betriebskostenabrechnung", "reisekostenabrechnung", "rechnungsnummer",
  "rechnungsnr", "rechnungsdatum", "korrekturrechnung", "proformarechnung",
  "vorauszahlungsrechnung", "selbstfakturierte", "jahresrechnung", "nebenkostenabrechnung", NULL,
};
static HPhrases invoice_words_set = H_PHRASES (invoice_words);

static const char *const invoice_phrases[] = {
  "credit note", "tax invoice", "invoice no", "invoice number", NULL,
};
static HPhrases invoice_phrases_set = H_PHRASES (invoice_phrases);

static const char *const slip_words[] = {
  "überweisung", "überweisungsauftrag", "zahlschein", "sepaüberweisung", "zahlungsanweisung",
  "einzahlungsschein", "überweisungsträger", "überweisungsschein", "zahlungsschein",
  "sepaüberweisungzahlschein", "überweisungzahlschein", "zahlscheinüberweisung",
  NULL,
};
static HPhrases slip_words_set = H_PHRASES (slip_words);

static const char *const slip_phrases[] = {
  "payment slip", "bank giro credit", "remittance slip", "giro credit", "transfer form",
  "credit transfer", "sepa credit transfer", NULL,
};
static HPhrases slip_phrases_set = H_PHRASES (slip_phrases);

/* Whether a token is set off as a title: larger than the body text or bold, in the top
 * half of the first page. */
static gboolean
same_font (const HToken *a, const HToken *b)
{
  return a->bold == b->bold && a->size < b->size * 1.15 && b->size < a->size * 1.15;
}

static gboolean
is_title_token (const HDoc *doc, const HToken *t)
{
  const HPage *page = h_page (doc, t->page);
  const HRow *row = h_row (doc, t->row);
  guint from = t->pos, to;

  if (t->page != 0 || t->box.top > 0.45 * page->height)
    return FALSE;
  if (t->size < page->body_size * 1.15 && !t->bold)
    return FALSE;

  /* A title is short: a few words in its font, set apart from the rest of its row by more
   * than a word space, beginning with a capital or a number (not “for invoice …”). */
  while (from > 0 && h_gap_before (doc, row, from) < t->size
         && same_font (h_row_token (doc, row, from - 1), t))
    from--;
  to = t->pos + 1;
  while (to < row->n && h_gap_before (doc, row, to) < t->size
         && same_font (h_row_token (doc, row, to), t))
    to++;
  {
    gunichar c = g_utf8_get_char (h_row_token (doc, row, from)->text);

    if (!g_unichar_isupper (c) && !g_unichar_isdigit (c))
      return FALSE;
  }
  if (to - from <= 5)
    return TRUE;
  /* A letter-spaced title (“Z A H L U N G S …”) is many short words. */
  {
    gsize chars = 0;

    for (guint p = from; p < to; p++)
      chars += g_utf8_strlen (h_row_token (doc, row, p)->text, -1);
    return chars <= 30;
  }
}

static gboolean
row_starts_with (const HDoc *doc, const HRow *row, guint pos)
{
  return pos == 0 || h_gap_before (doc, row, pos) > 2 * h_row_token (doc, row, pos)->size;
}

static const char *const credit_phrases[] = {
  "gutschrift", "credit note", "avoir", "stornorechnung", "rechnungskorrektur", "creditnote", NULL,
};
static HPhrases credit_phrases_set = H_PHRASES (credit_phrases);

/* Whether a row is the head of an item table: a quantity and a price column. */
static gboolean
is_table_head (const HDoc *doc, const HRow *row)
{
  static const char *const quantity[] = {
    "menge", "anzahl", "qty", "quantity", "stück", "hours", "stunden", "units", NULL,
  };
  static const char *const price[] = {
    "preis", "einzelpreis", "price", "betrag", "amount", "gesamt", "total", "summe",
    "epreis", "gpreis", "nettobetrag", "rate", NULL,
  };
  static HPhrases quantity_set = H_PHRASES (quantity);
  static HPhrases price_set = H_PHRASES (price);

  return h_text_has_word (doc, row, 0, row->n, &quantity_set)
         && h_text_has_word (doc, row, 0, row->n, &price_set);
}

HDocType
h_find_doc_type (HDoc *doc, HField *doc_type, gboolean *credit_note)
{
  gboolean reminder = FALSE;
  gboolean invoice = FALSE;
  gboolean invoice_title = FALSE;
  gboolean slip = FALSE;
  gboolean table = FALSE;
  double slip_size = 0;
  double title_size = 0;
  RemitBox title_box = { 0 };
  RemitBox invoice_box = { 0 };
  HDocType type;
  static const char *const names[] = { "Other", "Invoice", "Reminder", "RemittanceSlip" };

  *credit_note = FALSE;

  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      if (row->page != 0)
        break;

      table |= is_table_head (doc, row);

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *t = h_row_token (doc, row, pos);
          gboolean title = is_title_token (doc, t);
          guint end;

          if (!reminder && h_row_match_any (doc, row, pos, &reminder_phrases_set, &end)
              && (title
                  || (row_starts_with (doc, row, pos) && end - pos >= row->n / 2
                      && t->box.top < 0.5 * h_page (doc, 0)->height)))
            {
              reminder = TRUE;
              h_box_union_tokens (doc, row, pos, end, &title_box);
            }
          if (h_text_has_word (doc, row, pos, pos + 1, &slip_words_set)
              || h_row_match_any (doc, row, pos, &slip_phrases_set, &end))
            {
              slip = TRUE;
              slip_size = MAX (slip_size, t->size);
            }
          if (h_row_match_any (doc, row, pos, &invoice_words_set, &end)
              || h_row_match_any (doc, row, pos, &invoice_phrases_set, &end)
              || is_invoice_word (t->norm))
            {
              if (!invoice)
                h_box_union_tokens (doc, row, pos, pos + 1, &invoice_box);
              invoice = TRUE;
              if (title && !invoice_title)
                {
                  invoice_title = TRUE;
                  h_box_union_tokens (doc, row, pos, pos + 1, &invoice_box);
                }
              if (title)
                title_size = MAX (title_size, t->size);
            }
          if (title && h_row_match_any (doc, row, pos, &credit_phrases_set, &end))
            *credit_note = TRUE;
        }
    }

  g_debug ("document type: reminder %d, slip %d, table %d, invoice %d, invoice title %d, "
           "credit note %d", reminder, slip, table, invoice, invoice_title, *credit_note);

  /* A transfer form that is the page itself: no item table, and its heading larger than
   * any invoice title (“Payment slip” over the “Invoice 4711” in its reference field). */
  if (slip && !reminder && !table && (!invoice_title || slip_size >= title_size))
    type = H_DOC_REMITTANCE_SLIP;
  else if (reminder)
    type = H_DOC_REMINDER;
  else if (invoice)
    {
      type = H_DOC_INVOICE;
      title_box = invoice_box;
    }
  else
    type = H_DOC_OTHER;

  h_field_set (doc_type, names[type], &title_box, 1);
  return type;
}

/* References */

typedef enum
{
  REF_INVOICE,
  REF_CUSTOMER,
  REF_ORDER,
  REF_PAYMENT,
} RefKind;

typedef struct
{
  const char *phrase;
  RefKind kind;
  int score;     /* how sure the label is */
  gboolean loose; /* a plain word (“Rechnung”): the number must follow right after it */
} RefLabel;

static const RefLabel ref_labels[] = {
  { "rechnungsnummer*", REF_INVOICE, 10, FALSE },
  { "rechnungsnr*", REF_INVOICE, 10, FALSE },
  { "rechnung nr", REF_INVOICE, 10, FALSE },
  { "rechnung nummer", REF_INVOICE, 10, FALSE },
  { "rechnung no", REF_INVOICE, 9, FALSE },
  { "renr", REF_INVOICE, 9, FALSE },
  { "re nr", REF_INVOICE, 9, FALSE },
  { "rgnr", REF_INVOICE, 9, FALSE },
  { "rg nr", REF_INVOICE, 9, FALSE },
  { "belegnummer", REF_INVOICE, 7, FALSE },
  { "belegnr", REF_INVOICE, 7, FALSE },
  { "beleg nr", REF_INVOICE, 7, FALSE },
  { "dokumentnummer", REF_INVOICE, 6, FALSE },
  { "gutschriftsnummer", REF_INVOICE, 9, FALSE },
  { "gutschriftnummer", REF_INVOICE, 9, FALSE },
  { "gutschrift nr", REF_INVOICE, 9, FALSE },
  { "gutschriftsnr", REF_INVOICE, 9, FALSE },
  { "invoice no", REF_INVOICE, 10, FALSE },
  { "invoice number", REF_INVOICE, 10, FALSE },
  { "invoice #", REF_INVOICE, 10, FALSE },
  { "invoice nr", REF_INVOICE, 10, FALSE },
  { "invoice id", REF_INVOICE, 9, FALSE },
  { "inv no", REF_INVOICE, 9, FALSE },
  { "inv #", REF_INVOICE, 9, FALSE },
  { "credit note no", REF_INVOICE, 9, FALSE },
  { "credit note number", REF_INVOICE, 9, FALSE },
  { "credit note #", REF_INVOICE, 9, FALSE },
  { "facture n°", REF_INVOICE, 9, FALSE },
  { "numéro de facture", REF_INVOICE, 9, FALSE },
  { "rechnung", REF_INVOICE, 5, TRUE },
  { "handelsrechnung", REF_INVOICE, 6, TRUE },
  { "gutschrift", REF_INVOICE, 5, TRUE },
  { "rechnungskorrektur", REF_INVOICE, 5, TRUE },
  { "invoice", REF_INVOICE, 5, TRUE },
  { "credit note", REF_INVOICE, 5, TRUE },
  { "facture", REF_INVOICE, 5, TRUE },
  { "avoir", REF_INVOICE, 5, TRUE },
  { "kundennummer*", REF_CUSTOMER, 10, FALSE },
  { "kundennr*", REF_CUSTOMER, 10, FALSE },
  { "kunden nr", REF_CUSTOMER, 10, FALSE },
  { "kdnr", REF_CUSTOMER, 10, FALSE },
  { "kd nr", REF_CUSTOMER, 10, FALSE },
  { "kundenkonto", REF_CUSTOMER, 8, FALSE },
  { "debitorennummer", REF_CUSTOMER, 8, FALSE },
  { "debitorennr", REF_CUSTOMER, 8, FALSE },
  { "vertragskonto", REF_CUSTOMER, 8, FALSE },
  { "vertragskontonummer", REF_CUSTOMER, 8, FALSE },
  { "vertragsnummer", REF_CUSTOMER, 7, FALSE },
  { "mitgliedsnummer", REF_CUSTOMER, 7, FALSE },
  { "customer no", REF_CUSTOMER, 10, FALSE },
  { "customer number", REF_CUSTOMER, 10, FALSE },
  { "customer #", REF_CUSTOMER, 10, FALSE },
  { "customer id", REF_CUSTOMER, 10, FALSE },
  { "account number", REF_CUSTOMER, 7, FALSE },
  { "account no", REF_CUSTOMER, 7, FALSE },
  { "client no", REF_CUSTOMER, 8, FALSE },
  { "numéro client", REF_CUSTOMER, 8, FALSE },
  { "bestellnummer", REF_ORDER, 8, FALSE },
  { "bestellnr", REF_ORDER, 8, FALSE },
  { "bestellung", REF_ORDER, 6, FALSE },
  { "ihre bestellung", REF_ORDER, 7, FALSE },
  { "auftragsnummer", REF_ORDER, 8, FALSE },
  { "auftragsnr", REF_ORDER, 8, FALSE },
  { "auftrag", REF_ORDER, 5, FALSE },
  { "order no", REF_ORDER, 8, FALSE },
  { "order number", REF_ORDER, 8, FALSE },
  { "order #", REF_ORDER, 8, FALSE },
  { "order id", REF_ORDER, 8, FALSE },
  { "po number", REF_ORDER, 8, FALSE },
  { "purchase order", REF_ORDER, 8, FALSE },
  { "verwendungszweck", REF_PAYMENT, 10, FALSE },
  { "zahlungsreferenz", REF_PAYMENT, 10, FALSE },
  { "zahlungs referenz", REF_PAYMENT, 10, FALSE },
  { "überweisungsreferenz", REF_PAYMENT, 10, FALSE },
  { "payment reference", REF_PAYMENT, 10, FALSE },
  { "remittance reference", REF_PAYMENT, 10, FALSE },
  { "payment ref", REF_PAYMENT, 9, FALSE },
  { "referenz", REF_PAYMENT, 6, FALSE },
  { "reference", REF_PAYMENT, 6, FALSE },
  { "kundenreferenz", REF_PAYMENT, 7, FALSE },
};

/* Words before a reference label that make it someone else's reference. */
static const char *const foreign_ref_words[] = {
  "ihre", "ihr", "your", "unser", "unsere", "our", "mandatsreferenz", "mandate", "creditor",
  "gläubiger", NULL,
};
static HPhrases foreign_ref_words_set = H_PHRASES (foreign_ref_words);

/* Words after a label that are part of it, not its value: “Nr.”, “No.”, “#”. */
static const char *const number_words[] = {
  "nr", "no", "nummer", "number", "#", "n°", "num", NULL,
};
static HPhrases number_words_set = H_PHRASES (number_words);

typedef struct
{
  RefKind kind;
  char *value;
  RemitBox box;
  int score;
  guint order;
} Ref;

static void
ref_clear (Ref *ref)
{
  g_free (ref->value);
}

static gboolean
is_date (const char *text)
{
  int a = 0, b = 0, c = 0;
  char s1 = 0, s2 = 0;
  int n = 0;
  const char *p = text;

  while (g_ascii_isdigit (*p))
    a++, p++;
  s1 = *p;
  if (s1 != '.' && s1 != '/' && s1 != '-')
    return FALSE;
  p++;
  while (g_ascii_isdigit (*p))
    b++, p++;
  s2 = *p;
  if (s2 == s1)
    {
      p++;
      while (g_ascii_isdigit (*p))
        c++, p++;
    }
  while (*p == '.' || *p == ',')
    p++;
  n = *p == '\0';
  if (!n)
    return FALSE;
  if (c > 0)
    return (a <= 2 && b <= 2 && (c == 2 || c == 4)) || (a == 4 && b <= 2 && c <= 2);
  /* “03/2024”, “12.03.” */
  return (a <= 2 && b == 4) || (a <= 2 && b <= 2 && s2 == '.');
}

/* The identifier in @text, or NULL: letters, digits and - / . _ with at least one digit,
 * not a date, an amount or a percentage. */
static char *
id_of (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);
  gboolean digit = FALSE;
  g_autofree char *id = NULL;
  HNumber number;

  while (start < end && strchr ("(#:[„\"", *start) != NULL)
    start++;
  while (end > start && strchr (".,;:)]\"", end[-1]) != NULL)
    end--;
  if (end - start < 2)
    return NULL;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!g_unichar_isalpha (c) && strchr ("-/._#", (int) c) == NULL)
        return NULL;
    }
  if (!digit)
    return NULL;

  id = g_strndup (start, end - start);
  if (is_date (id))
    return NULL;
  if (h_number_parse (id, &number) && (number.percent || number.currency != NULL
                                       || (number.n_decimals == 2 && strpbrk (id, ".,"))))
    return NULL;
  return g_steal_pointer (&id);
}

/* The identifier after a label at [@pos, @end) of row @r: on the row (after words like
 * “Nr.” and bracketed codes), or under the label. */
static gboolean
id_after (const HDoc *doc,
          guint r,
          guint pos,
          guint end,
          gboolean loose,
          gboolean *numbered,
          char **value,
          RemitBox *box)
{
  const HRow *row = h_row (doc, r);
  const HToken *label = h_row_token (doc, row, end - 1);
  guint skipped = 0;
  guint below;

  for (guint p = end; p < row->n; p++)
    {
      const HToken *t = h_row_token (doc, row, p);
      char *id;

      /* No other text may stand between a label and its value. */
      if (h_gap_before (doc, row, p) > 0.4 * h_page (doc, t->page)->width)
        break;
      if (*t->norm == '\0')
        continue;
      if (h_text_has_word (doc, row, p, p + 1, &number_words_set))
        {
          *numbered = TRUE;
          continue;
        }
      if (t->text[0] == '(' && t->text[strlen (t->text) - 1] == ')' && skipped < 1)
        {
          skipped++;
          continue;
        }
      id = id_of (t->text);
      if (id != NULL)
        {
          *value = id;
          *box = t->box;
          if (g_utf8_strlen (t->text, -1) > g_utf8_strlen (id, -1) + 1)
            {
              const char *at = strstr (t->text, id);

              if (at != NULL)
                {
                  glong total = g_utf8_strlen (t->text, -1);
                  glong before = g_utf8_pointer_to_offset (t->text, at);

                  box->left += t->box.width * before / total;
                  box->width = t->box.width * g_utf8_strlen (id, -1) / total;
                }
            }
          return TRUE;
        }
      /* Some other text: the label's value is not on this row. In a row of header cells
       * (“Rechnung Nr.   Rechnungsdatum”) it is under the label. */
      if (loose || h_gap_before (doc, row, p) < 2.5 * t->size)
        return FALSE;
      break;
    }

  if (loose)
    return FALSE;

  /* Under the label, as in a grid of header cells. */
  if (h_row_below (doc, r, 1.6, &below))
    {
      const HRow *b = h_row (doc, below);
      double left = h_row_token (doc, row, pos)->box.left;

      for (guint p = 0; p < b->n; p++)
        {
          const HToken *t = h_row_token (doc, b, p);
          char *id;

          if (t->box.left + t->box.width < left - label->size
              || t->box.left > label->box.left + label->box.width + label->size)
            continue;
          id = id_of (t->text);
          if (id == NULL)
            return FALSE;
          *value = id;
          *box = t->box;
          return TRUE;
        }
    }

  return FALSE;
}

/* A payment reference from @p of @row: the rest of its part of the row, until a word of
 * running text. */
static gboolean
reference_from (const HDoc *doc, const HRow *row, guint p, char **value, RemitBox *box)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean digit = FALSE;
  guint first = G_MAXUINT, last = 0;
  guint visible = 0;

  for (; p < row->n; p++)
    {
      const HToken *t = h_row_token (doc, row, p);
      gboolean has_digit = strpbrk (t->text, "0123456789") != NULL;
      gunichar c = g_utf8_get_char (t->text);

      if (first != G_MAXUINT && h_gap_before (doc, row, p) > 2.5 * t->size)
        break;
      /* A lower-case word without digits is the sentence going on: “… an.” */
      if (!has_digit && g_unichar_islower (c))
        break;
      if (first == G_MAXUINT)
        first = p;
      last = p;
      digit |= has_digit;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, t->text);
      if (text->len > 60)
        break;
    }

  while (text->len > 0 && strchr (".,;:", text->str[text->len - 1]) != NULL)
    g_string_truncate (text, text->len - 1);

  if (!digit || first == G_MAXUINT)
    return FALSE;
  for (const char *s = text->str; *s; s++)
    if (!g_ascii_isspace (*s))
      visible++;
  if (visible < 5)
    return FALSE;

  *value = g_strdup (text->str);
  h_box_union_tokens (doc, row, first, last + 1, box);
  return TRUE;
}

/* A payment reference after its label at [@pos, @end) of row @r, or under it when the
 * label is a heading or the caption of a form field. */
static gboolean
reference_after (const HDoc *doc, guint r, guint pos, guint end, char **value, RemitBox *box)
{
  const HRow *row = h_row (doc, r);
  const HToken *label = h_row_token (doc, row, pos);
  guint p = end;
  guint start = pos;
  guint below;

  while (p < row->n && *h_row_token (doc, row, p)->norm == '\0')
    p++;

  if (p < row->n && h_gap_before (doc, row, p) < 0.4 * h_page (doc, row->page)->width
      && reference_from (doc, row, p, value, box))
    return TRUE;

  while (start > 0 && h_gap_before (doc, row, start) < 2.5 * label->size)
    start--;
  if (!h_row_below (doc, r, 1.6, &below))
    return FALSE;

  {
    const HRow *b = h_row (doc, below);
    double left = h_row_token (doc, row, start)->box.left;

    for (p = 0; p < b->n; p++)
      {
        const HToken *t = h_row_token (doc, b, p);

        if (t->box.left + t->box.width < left - 2 * t->size
            || t->box.left > h_row_token (doc, row, end - 1)->box.left
                               + h_row_token (doc, row, end - 1)->box.width + 2 * t->size)
          continue;
        return reference_from (doc, b, p, value, box);
      }
  }

  return FALSE;
}

/* Whether the label at [@pos, @end) stands as a label: first in its part of the row, and
 * ending in a colon or set apart from its value. */
static gboolean
is_plain_label (const HDoc *doc, const HRow *row, guint pos, guint end)
{
  const HToken *first = h_row_token (doc, row, pos);
  const HToken *last = h_row_token (doc, row, end - 1);

  gboolean colon = g_str_has_suffix (last->text, ":")
                   || (end < row->n && strcmp (h_row_token (doc, row, end)->text, ":") == 0);

  if (pos > 0 && h_gap_before (doc, row, pos) < 2 * first->size)
    {
      /* Inside a sentence only as “… below. Reference: …”. */
      const char *prev = h_row_token (doc, row, pos - 1)->text;
      gsize len = strlen (prev);

      return colon && len > 0 && strchr (".!:;", prev[len - 1]) != NULL;
    }
  if (colon)
    return TRUE;
  return end >= row->n || h_gap_before (doc, row, end) > 2 * last->size;
}

static HPhrases ref_labels_set = H_PHRASES (ref_labels);

static const RefLabel *
ref_label_at (const HDoc *doc, const HRow *row, guint pos, guint *end)
{
  int which;

  *end = h_row_match (doc, row, pos, &ref_labels_set, &which);
  return *end > 0 ? &ref_labels[which] : NULL;
}

/* Any kind of invoice named by a compound (“Mietrechnung”, “Schlussrechnung”), or
 * “Rechnung des Versicherers”, followed by its number: “… Nr. 4711”. */
static const RefLabel compound_invoice = { "", REF_INVOICE, 6, TRUE };
static const RefLabel numbered_invoice = { "", REF_INVOICE, 9, FALSE };

static const RefLabel *
ref_label_or_compound (const HDoc *doc, const HRow *row, guint pos, guint *end)
{
  const RefLabel *label = ref_label_at (doc, row, pos, end);
  const HToken *t = h_row_token (doc, row, pos);

  if (label != NULL)
    return label;

  if (is_invoice_word (t->norm))
    {
      *end = pos + 1;
      return &compound_invoice;
    }

  /* “Nr.” a few words after an invoice word. */
  if (h_text_has_word (doc, row, pos, pos + 1, &number_words_set))
    for (guint back = 1; back <= 4 && back <= pos; back++)
      if (is_invoice_word (h_row_token (doc, row, pos - back)->norm))
        {
          *end = pos + 1;
          return &numbered_invoice;
        }

  return NULL;
}

static const Ref *
best_ref (GArray *refs, RefKind kind)
{
  const Ref *best = NULL;

  for (guint i = 0; i < refs->len; i++)
    {
      const Ref *r = &g_array_index (refs, Ref, i);

      if (r->kind == kind && (best == NULL || r->score > best->score))
        best = r;
    }

  return best;
}

void
h_find_references (HDoc *doc, RemitExtractionSet *set, HField *purpose, HField *reference)
{
  g_autoptr (GArray) refs = g_array_new (FALSE, TRUE, sizeof (Ref));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const Ref *invoice;
  const Ref *customer;
  const Ref *payment;

  g_array_set_clear_func (refs, (GDestroyNotify) ref_clear);

  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          guint end;
          const RefLabel *label = ref_label_or_compound (doc, row, pos, &end);
          Ref ref = { 0 };
          gboolean found;
          gboolean numbered = FALSE;

          if (label == NULL)
            continue;

          /* “Ihre Referenz”, “Mandatsreferenz”: not what the payee wants to see. */
          if (pos > 0 && label->kind == REF_PAYMENT
              && h_text_has_word (doc, row, pos - 1, pos, &foreign_ref_words_set))
            continue;

          /* The plain “Referenz” only as a label of its own (“Referenz:”, or in a column
           * of labels), not “Weitere Referenz” or “mandate reference” in a sentence. */
          if (label->kind == REF_PAYMENT && label->score < 8
              && !is_plain_label (doc, row, pos, end))
            continue;

          if (label->kind == REF_PAYMENT)
            found = reference_after (doc, r, pos, end, &ref.value, &ref.box);
          else
            found = id_after (doc, r, pos, end, label->loose, &numbered, &ref.value, &ref.box);
          if (!found)
            continue;

          ref.kind = label->kind;
          ref.score = (numbered ? MAX (label->score, 9) : label->score) * 10;
          /* Earlier is better: the header states the number, the rest repeats it. */
          ref.score -= MIN (refs->len, 5);
          ref.order = refs->len;
          if (label->kind == REF_INVOICE && h_row_token (doc, row, pos)->page > 0)
            ref.score -= 5;
          g_array_append_val (refs, ref);
          pos = end - 1;
        }
    }

  invoice = best_ref (refs, REF_INVOICE);
  customer = best_ref (refs, REF_CUSTOMER);
  payment = best_ref (refs, REF_PAYMENT);

  /* A labelled reference that only repeats a customer number is not the payment
   * reference (“Referenz: Kundennummer 4711”) unless nothing else is printed. */
  if (payment != NULL)
    {
      h_field_set (reference, payment->value, &payment->box, payment->score);
      h_field_set (purpose, payment->value, &payment->box, payment->score);
    }
  else if (invoice != NULL)
    {
      g_autofree char *value = NULL;

      if (customer != NULL && g_strcmp0 (customer->value, invoice->value) != 0)
        value = g_strdup_printf ("%s, %s %s", invoice->value,
                                 g_str_equal (doc->language, "de") ? "Kd.-Nr." : "Cust. No.",
                                 customer->value);
      else
        value = g_strdup (invoice->value);
      h_field_set (purpose, value, &invoice->box, invoice->score);
    }

  /* Candidates: invoice, customer, order numbers and references. */
  for (RefKind kind = REF_INVOICE; kind <= REF_PAYMENT; kind++)
    for (guint i = 0; i < refs->len; i++)
      {
        const Ref *r = &g_array_index (refs, Ref, i);
        g_autoptr (RemitExtraction) e = NULL;

        if (r->kind != kind || g_hash_table_contains (seen, r->value))
          continue;
        g_hash_table_add (seen, r->value);
        e = h_extraction_new ("reference", r->value, &r->box);
        remit_extraction_set_add_candidate (set, "referenceIds", e);
      }
}
