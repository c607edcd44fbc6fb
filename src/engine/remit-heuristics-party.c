/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"

/* Legal forms as they are written, compared case-sensitively after trailing commas are
 * dropped, so that the German “ab” (from) or English “as” are not taken for Swedish or
 * Norwegian companies. */
static const char *const legal_forms[] = {
  "GmbH", "GMBH", "Gmbh", "mbH", "AG", "UG", "KG", "OHG", "oHG", "GbR", "e.K.", "e.Kfm.",
  "e.Kfr.", "e.V.", "eV", "eG", "KGaA", "SE", "PartG", "PartGmbB", "mbB", "Ltd", "Ltd.", "LTD",
  "LTD.", "Limited", "LIMITED", "Inc", "Inc.", "INC", "INC.", "LLC", "L.L.C.", "PLC", "plc",
  "LLP", "Corp", "Corp.", "Corporation", "SARL", "S.A.R.L.", "SAS", "S.A.S.", "S.A.", "SA",
  "B.V.", "BV", "N.V.", "NV", "S.r.l.", "SRL", "S.p.A.", "SpA", "Oy", "AB", "A/S", "ApS",
  "GesmbH", "Ges.m.b.H.", "a.G.", "VVaG", NULL,
};

/* What may follow a legal form and still be part of it: “GmbH & Co. KG”,
 * “UG (haftungsbeschränkt)”. */
static const char *const legal_tails[] = {
  "&", "co", "kg", "kgaa", "haftungsbeschränkt", "mbb", "ohg", "und", NULL,
};

static const char *const holder_labels[] = {
  "kontoinhaber", "kontoinhaberin", "kontoinhaber in", "zahlungsempfänger", "begünstigter",
  "account holder", "account name", "beneficiary", "payee", "name des empfängers",
  "empfänger name", "titulaire", "empfänger", "kontoname", "verkäuferkontoname",
  "kontobezeichnung", "name des kontoinhabers", "beneficiary name", NULL,
};
static HPhrases holder_labels_set = H_PHRASES (holder_labels);

/* Labels of the party who sends the invoice and of the one who receives it. */
static const char *const seller_labels[] = {
  "verkäufer", "lieferant", "rechnungssteller", "absender", "leistungserbringer",
  "auftragnehmer", "seller", "supplier", "vendor", "from", "issued by", NULL,
};
static HPhrases seller_labels_set = H_PHRASES (seller_labels);
static const char *const payee_labels[] = {
  "abweichender zahlungsempfänger", "zahlungsempfänger", "payee", "zahlungsempfänger abweichend",
  NULL,
};
static HPhrases payee_labels_set = H_PHRASES (payee_labels);
/* The label of a name in a form: “Name:”, “Firma:”. */
static const char *const name_labels[] = {
  "name", "firma", "firmenname", "company", "company name", "name der firma", NULL,
};
static HPhrases name_labels_set = H_PHRASES (name_labels);
static const char *const buyer_labels[] = {
  "käufer", "kaeufer", "rechnungsempfänger", "leistungsempfänger", "warenempfänger",
  "abweichender warenempfänger", "abweichender rechnungsempfänger", "käuferleistungsempfänger",
  "kunde", "kundin", "auftraggeber", "rechnungsadresse", "lieferadresse", "lieferanschrift",
  "bill to", "billed to", "invoice to", "sold to", "ship to", "deliver to", "customer", "client",
  "buyer", "an", "to", "adresse de livraison", NULL,
};
static HPhrases buyer_labels_set = H_PHRASES (buyer_labels);

/* Words of a document title, never a company. */
static const char *const title_words[] = {
  "rechnung", "invoice", "mahnung", "zahlungserinnerung", "gutschrift", "credit", "note",
  "reminder", "quittung", "receipt", "angebot", "lieferschein", "facture", "rechnungskorrektur",
  "handelsrechnung", "überweisung", "zahlschein", "seite", "page", "tax", "bill", "statement",
  NULL,
};
static HPhrases title_words_set = H_PHRASES (title_words);

typedef struct
{
  char *value;
  char *norm;
  RemitBox box;
  double size; /* prominence of the occurrence whose box is kept */
  int score;
  guint row;
  guint count;
} Name;

static void
name_clear (Name *name)
{
  g_free (name->value);
  g_free (name->norm);
}

static gboolean
is_legal_form (const char *text)
{
  static gsize once = 0;
  static GHashTable *forms;
  char copy[24];
  gsize len = strlen (text);

  if (g_once_init_enter (&once))
    {
      forms = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; legal_forms[i] != NULL; i++)
        g_hash_table_add (forms, (gpointer) legal_forms[i]);
      g_once_init_leave (&once, 1);
    }

  if (len == 0 || len >= sizeof copy)
    return FALSE;
  memcpy (copy, text, len + 1);

  while (len > 0 && (copy[len - 1] == ',' || copy[len - 1] == ';'))
    copy[--len] = '\0';
  if (g_hash_table_contains (forms, copy))
    return TRUE;

  /* “GmbH.” at the end of a sentence. */
  if (len > 2 && copy[len - 1] == '.' && strchr (copy, '.') == copy + len - 1)
    {
      copy[len - 1] = '\0';
      return g_hash_table_contains (forms, copy);
    }
  return FALSE;
}

/* A token that separates parts of a sender line: “·”, “|”, “•”, “-”, “–”. */
static gboolean
is_separator (const HToken *t)
{
  static const char *const seps[] = { "·", "|", "•", "-", "–", "—", "/", "∙", "⋅", NULL };

  for (guint i = 0; seps[i] != NULL; i++)
    if (strcmp (t->text, seps[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
ends_part (const char *text)
{
  gsize len = strlen (text);

  return len > 0 && (text[len - 1] == ',' || text[len - 1] == ':' || text[len - 1] == ';'
                     || g_str_has_suffix (text, "·") || g_str_has_suffix (text, "|"));
}

/* Whether a token can be a word of a company name. */
static gboolean
is_name_word (const HToken *t)
{
  gboolean letter = FALSE;

  if (is_separator (t) || strchr (t->text, '@') != NULL || g_str_has_prefix (t->norm, "www")
      || g_str_has_prefix (t->norm, "http"))
    return FALSE;
  for (const char *p = t->text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      letter = TRUE;
  return letter || strcmp (t->text, "&") == 0 || strcmp (t->text, "+") == 0;
}

static char *
tokens_text (const HDoc *doc, guint first, guint last)
{
  GString *text = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, h_token (doc, i)->text);
    }

  /* A trailing comma or colon is punctuation, not part of the name. */
  while (text->len > 0 && strchr (",;:·|", text->str[text->len - 1]) != NULL)
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

static void
tokens_box (const HDoc *doc, guint first, guint last, RemitBox *box)
{
  *box = h_token (doc, first)->box;
  for (guint i = first + 1; i <= last; i++)
    remit_box_union (box, &h_token (doc, i)->box, box);
}

typedef enum
{
  SECTION_NONE,
  SECTION_SELLER,
  SECTION_BUYER,
  SECTION_PAYEE,
} Section;

/* Which section a label at @pos of @row opens, if it stands alone at the start of its part
 * of the row (“Verkäufer”, “Bill to:”, “Abweichender Zahlungsempfänger :”). */
static Section
section_label (const HDoc *doc, const HRow *row, guint pos, guint *end)
{
  const HToken *l = h_row_token (doc, row, pos);
  Section section = SECTION_NONE;

  if (pos > 0 && h_gap_before (doc, row, pos) < 2 * l->size)
    return SECTION_NONE;

  if (h_row_match_any (doc, row, pos, &payee_labels_set, end))
    section = SECTION_PAYEE;
  else if (h_row_match_any (doc, row, pos, &seller_labels_set, end))
    section = SECTION_SELLER;
  else if (h_row_match_any (doc, row, pos, &buyer_labels_set, end))
    section = SECTION_BUYER;
  if (section == SECTION_NONE)
    return SECTION_NONE;

  /* A heading is bold or ends in a colon; a table head “Lieferant” is neither. */
  {
    const HToken *last = h_row_token (doc, row, *end - 1);
    gboolean colon = g_str_has_suffix (last->text, ":")
                     || (*end < row->n && strcmp (h_row_token (doc, row, *end)->text, ":") == 0);

    if (!colon && !l->bold)
      return SECTION_NONE;
    if (section == SECTION_BUYER && (strcmp (l->norm, "an") == 0 || strcmp (l->norm, "to") == 0)
        && !colon)
      return SECTION_NONE;
  }
  return section;
}

/* The section label nearest above the token (within a few rows and the same column). */
static Section
section_of (const HDoc *doc, guint token_index)
{
  const HToken *t = h_token (doc, token_index);
  const HPage *page = h_page (doc, t->page);

  for (guint r = t->row + 1, steps = 0; r-- > 0 && steps < 7; steps++)
    {
      const HRow *row = h_row (doc, r);

      if (row->page != t->page || t->box.top - row->bottom > 8 * t->box.height)
        break;

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *l = h_row_token (doc, row, pos);
          guint end;

          Section section;

          if (r == t->row && pos >= t->pos)
            break;
          if (l->box.left > t->box.left + 0.15 * page->width
              || l->box.left < t->box.left - 0.45 * page->width)
            continue;
          section = section_label (doc, row, pos, &end);
          if (section != SECTION_NONE)
            return section;
        }
    }

  return SECTION_NONE;
}

/* The tokens of [@from, @to) of @row that lie on the layout line of the first one. */
static void
segment_tokens (const HDoc *doc, const HRow *row, guint from, guint to, guint *first, guint *last)
{
  const HLine *line;

  *first = h_row_token_index (doc, row, from);
  line = &g_array_index (doc->lines, HLine, h_token (doc, *first)->line);
  *last = *first;
  for (guint p = from + 1; p < to; p++)
    {
      guint index = h_row_token_index (doc, row, p);

      if (index >= line->first + line->n || index < *first)
        break;
      *last = index;
    }
}

/* Where a name that begins at @from ends: at the end of its part of the row, before the
 * next label (“IBAN”, “BIC”, “Bank”) or after a comma. */
static guint
value_end (const HDoc *doc, const HRow *row, guint from)
{
  guint seg_end = h_segment_end (doc, row, from, 2.5);

  for (guint p = from; p < seg_end; p++)
    {
      const HToken *t = h_row_token (doc, row, p);
      gsize len = strlen (t->text);

      if (p > from
          && (g_str_has_prefix (t->norm, "iban") || g_str_has_prefix (t->norm, "bic")
              || strcmp (t->norm, "bank") == 0 || strcmp (t->norm, "kreditinstitut") == 0))
        return p;
      if (len > 0 && (t->text[len - 1] == ',' || t->text[len - 1] == ';'))
        return p + 1;
    }

  return seg_end;
}

/* The words a form prints to say what goes in a field: “Name, Vorname/Firma”. */
static gboolean
is_form_hint (const HDoc *doc, const HRow *row, guint from, guint to)
{
  static const char *const hints[] = {
    "name", "vorname", "nachname", "firma", "ort", "oder", "bzw", "or", "company", "und",
    "vornamefirma", "namefirma", "and", "address", "anschrift", "max", "stellen", NULL,
  };
  static HPhrases hints_set = H_PHRASES (hints);

  for (guint p = from; p < to; p++)
    {
      const char *norm = h_row_token (doc, row, p)->norm;

      if (*norm != '\0' && !h_text_has_word (doc, row, p, p + 1, &hints_set))
        return FALSE;
    }
  return TRUE;
}

/* Text of an account holder after its label: the rest of the part of the row, or the row
 * below when the label stands alone or is a small caption over the field. */
static gboolean
holder_value (const HDoc *doc, guint r, guint pos, guint end, guint *first, guint *last)
{
  const HRow *row = h_row (doc, r);
  const HToken *label = h_row_token (doc, row, end - 1);
  guint start = pos;
  guint below;

  while (end < row->n && *h_row_token (doc, row, end)->norm == '\0')
    end++;

  if (end < row->n && h_gap_before (doc, row, end) < 2.5 * h_row_token (doc, row, end)->size)
    {
      guint stop = value_end (doc, row, end);

      if (!is_form_hint (doc, row, end, stop))
        {
          segment_tokens (doc, row, end, stop, first, last);
          return TRUE;
        }
    }

  /* Under the label's part of the row. */
  while (start > 0 && h_gap_before (doc, row, start) < 2.5 * label->size)
    start--;

  if (h_row_below (doc, r, 1.5, &below))
    {
      const HRow *b = h_row (doc, below);
      double left = h_row_token (doc, row, start)->box.left;

      for (guint p = 0; p < b->n; p++)
        {
          const HToken *t = h_row_token (doc, b, p);

          if (t->box.left + t->box.width < left - 2 * t->size
              || t->box.left > label->box.left + label->box.width + 2 * t->size)
            continue;
          segment_tokens (doc, b, p, value_end (doc, b, p), first, last);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_letters (const char *text, guint min)
{
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      n++;
  return n >= min;
}

static gboolean
near_bank_details (const HDoc *doc, guint r)
{
  for (guint i = r >= 3 ? r - 3 : 0; i < doc->rows->len && i <= r + 3; i++)
    {
      const HRow *row = h_row (doc, i);

      if (row->page != h_row (doc, r)->page)
        continue;
      for (guint p = 0; p < row->n; p++)
        {
          const char *norm = h_row_token (doc, row, p)->norm;

          if (g_str_has_prefix (norm, "iban") || g_str_has_prefix (norm, "bic")
              || g_str_has_prefix (norm, "konto"))
            return TRUE;
        }
    }
  return FALSE;
}

static void
add_name_text (GArray *names,
               const HDoc *doc,
               char *value,
               const RemitBox *box,
               guint row,
               double size,
               int score)
{
  g_autofree char *owned = value;
  g_autofree char *norm = h_normalize (value);

  if (!has_letters (value, 2))
    return;

  for (guint i = 0; i < names->len; i++)
    {
      Name *n = &g_array_index (names, Name, i);

      if (strcmp (n->norm, norm) == 0)
        {
          n->count++;
          n->score = MAX (n->score, score);
          /* The box of the most prominent occurrence: the letterhead, else the largest. */
          if (size > n->size * 1.05)
            {
              n->size = size;
              n->box = *box;
              n->row = row;
              g_free (n->value);
              n->value = g_steal_pointer (&owned);
            }
          return;
        }
    }

  {
    Name n = { 0 };

    n.value = g_steal_pointer (&owned);
    n.norm = g_steal_pointer (&norm);
    n.box = *box;
    n.size = size;
    n.score = score;
    n.row = row;
    n.count = 1;
    g_array_append_val (names, n);
  }
}

/* How much an occurrence of a name stands out: the letterhead first, then larger type. */
static double
prominence (const HDoc *doc, const HToken *t)
{
  const HPage *page = h_page (doc, t->page);

  return t->size + (t->page == 0 && t->box.top < 0.2 * page->height ? 100 : 0);
}

static void
add_name (GArray *names, const HDoc *doc, guint first, guint last, int score)
{
  RemitBox box;

  tokens_box (doc, first, last, &box);
  add_name_text (names, doc, tokens_text (doc, first, last), &box, h_token (doc, first)->row,
                 prominence (doc, h_token (doc, first)), score);
}

/* Words that head a line of an address or a footer column, never part of a name. */
static const char *const heading_words[] = {
  "firma", "herrn", "herr", "frau", "an", "zhd", "attn", "co", "anschrift", "adresse",
  "kontakt", "bankverbindung", "sitz", "firmensitz", "geschäftsführung", "geschäftsführer",
  "impressum", "address", "contact", "company", "bank", "inhalt", "absender", NULL,
};
static HPhrases heading_words_set = H_PHRASES (heading_words);

/* A name set on two lines (“MVM Musterhafter” over “Versicherungsverein Musterstadt
 * a.G.”): the line right above @start, beginning at the same left edge, in the same font,
 * a few capitalised words without digits. Returns its row positions. */
static gboolean
name_line_above (const HDoc *doc,
                 const HToken *start,
                 gboolean same_font,
                 gboolean alone,
                 guint *row_out,
                 guint *from,
                 guint *to)
{
  const HRow *row;
  guint r = start->row;

  if (r == 0)
    return FALSE;
  row = h_row (doc, r - 1);
  if (row->page != start->page || start->box.top - row->bottom > 0.7 * start->box.height)
    return FALSE;

  for (guint p = 0; p < row->n; p++)
    {
      const HToken *t = h_row_token (doc, row, p);
      guint end;

      if (t->box.left < start->box.left - 1.5 || t->box.left > start->box.left + 1.5)
        continue;
      if (p > 0 && (alone || h_gap_before (doc, row, p) < 2 * t->size))
        return FALSE;
      end = h_segment_end (doc, row, p, 1.5);
      if (end - p > 4)
        return FALSE;
      for (guint q = p; q < end; q++)
        {
          const HToken *w = h_row_token (doc, row, q);

          if (strpbrk (w->text, "0123456789:@") != NULL
              || !g_unichar_isupper (g_utf8_get_char (w->text))
              || h_text_has_word (doc, row, q, q + 1, &heading_words_set)
              || h_text_has_word (doc, row, q, q + 1, &title_words_set))
            return FALSE;
          if (same_font && (w->bold != start->bold || w->size < start->size * 0.95
                            || w->size > start->size * 1.05))
            return FALSE;
        }
      *row_out = r - 1;
      *from = p;
      *to = end;
      return TRUE;
    }

  return FALSE;
}

/* The same below @last: the rest of a name that wraps (“Name: MVM Musterhafter” over
 * “Versicherungsverein Musterstadt a.G.”). */
static gboolean
name_line_below (const HDoc *doc,
                 const HToken *first,
                 const HToken *last,
                 guint *row_out,
                 guint *from,
                 guint *to)
{
  const HRow *row;
  guint r = last->row;

  if (r + 1 >= doc->rows->len)
    return FALSE;
  row = h_row (doc, r + 1);
  if (row->page != last->page
      || row->top - (last->box.top + last->box.height) > 0.7 * last->box.height)
    return FALSE;

  for (guint p = 0; p < row->n; p++)
    {
      const HToken *t = h_row_token (doc, row, p);
      guint end;

      if (t->box.left < first->box.left - 1.5)
        {
          /* Something in the label column: the next field. */
          return FALSE;
        }
      if (t->box.left > first->box.left + 1.5)
        return FALSE;
      end = h_segment_end (doc, row, p, 1.5);
      if (end - p > 5)
        return FALSE;
      for (guint q = p; q < end; q++)
        if (strpbrk (h_row_token (doc, row, q)->text, "0123456789:@") != NULL)
          return FALSE;
      *row_out = r + 1;
      *from = p;
      *to = end;
      return TRUE;
    }

  return FALSE;
}

/* Adds the name in tokens @first … @last with the line above or below that belongs to it. */
static void
add_name_lines (GArray *names,
                const HDoc *doc,
                guint first,
                guint last,
                gboolean up,
                gboolean field,
                int score)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *main_text = tokens_text (doc, first, last);
  RemitBox box;
  guint r, from, to;

  tokens_box (doc, first, last, &box);

  if ((up || field) && name_line_above (doc, h_token (doc, first), !field, field, &r, &from, &to))
    {
      g_autofree char *above = h_row_text (doc, h_row (doc, r), from, to);
      RemitBox above_box;

      h_box_union_tokens (doc, h_row (doc, r), from, to, &above_box);
      g_string_append (text, above);
      g_string_append_c (text, ' ');
      remit_box_union (&box, &above_box, &box);
    }
  g_string_append (text, main_text);
  if (field && name_line_below (doc, h_token (doc, first), h_token (doc, last), &r, &from, &to))
    {
      g_autofree char *below = h_row_text (doc, h_row (doc, r), from, to);
      RemitBox below_box;

      h_box_union_tokens (doc, h_row (doc, r), from, to, &below_box);
      g_string_append_c (text, ' ');
      g_string_append (text, below);
      remit_box_union (&box, &below_box, &box);
    }

  add_name_text (names, doc, g_strdup (text->str), &box, h_token (doc, first)->row,
                 prominence (doc, h_token (doc, first)), score);
}

/* Whether the part of @row at @pos is a form field, “Label: value”; the value begins at
 * @value_pos. */
static gboolean
form_label_at (const HDoc *doc, const HRow *row, guint pos, guint *value_pos)
{
  for (guint p = pos; p < row->n && p < pos + 4; p++)
    {
      const HToken *t = h_row_token (doc, row, p);

      if (p > pos && h_gap_before (doc, row, p) > 3 * t->size)
        return FALSE;
      if (g_str_has_suffix (t->text, ":"))
        {
          *value_pos = p + 1;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
looks_like_address (const HDoc *doc, guint first, guint last)
{
  static const char *const streets[] = {
    "straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "street",
    "road", "avenue", "lane", NULL,
  };
  gboolean street = FALSE;

  for (guint i = first; i <= last; i++)
    {
      const HToken *t = h_token (doc, i);
      gsize len = strlen (t->norm);
      guint digits = 0;

      for (const char *p = t->text; *p; p++)
        digits += g_ascii_isdigit (*p) ? 1 : 0;
      if (digits >= 4 && digits == len)
        return TRUE; /* a postcode */
      if (street && digits > 0)
        return TRUE;
      for (guint k = 0; streets[k] != NULL; k++)
        {
          gsize sl = strlen (streets[k]);

          if (len >= sl && strcmp (t->norm + len - sl, streets[k]) == 0)
            street = TRUE;
        }
    }
  return FALSE;
}

/* A line like “GLN 4333741000005”: a code, not a name. */
static gboolean
is_identifier_line (const HDoc *doc, guint first, guint last)
{
  for (guint i = first; i <= last; i++)
    {
      guint digits = 0;

      for (const char *p = h_token (doc, i)->text; *p; p++)
        digits += g_ascii_isdigit (*p) ? 1 : 0;
      if (digits >= 5)
        return TRUE;
    }
  return FALSE;
}

/* Names under a section label of the seller or a different payee: a “Name:” field or the
 * first line that is not a form field. */
static void
find_section_names (const HDoc *doc, GArray *names)
{
  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          guint end;
          Section section = section_label (doc, row, pos, &end);
          const HToken *label = h_row_token (doc, row, pos);
          const HPage *page = h_page (doc, label->page);

          if (section != SECTION_SELLER && section != SECTION_PAYEE)
            continue;
          /* Alone in its part of the row: a heading, not a sentence. */
          while (end < row->n && *h_row_token (doc, row, end)->norm == '\0')
            end++;
          if (end < row->n && h_gap_before (doc, row, end) < 3 * label->size)
            continue;

          for (guint rr = r + 1; rr < doc->rows->len && rr <= r + 7; rr++)
            {
              const HRow *below = h_row (doc, rr);
              guint p = 0, value_pos, seg_end, first, last;
              gboolean done = FALSE;

              if (below->page != row->page || below->top - row->bottom > 12 * label->box.height)
                break;
              while (p < below->n
                     && h_row_token (doc, below, p)->box.left < label->box.left - 2 * label->size)
                p++;
              if (p >= below->n
                  || h_row_token (doc, below, p)->box.left > label->box.left + 0.3 * page->width)
                continue;
              if (section_label (doc, below, p, &end) != SECTION_NONE)
                break;

              if (form_label_at (doc, below, p, &value_pos))
                {
                  if (!h_row_match_any (doc, below, p, &name_labels_set, NULL))
                    continue;
                  while (value_pos < below->n && *h_row_token (doc, below, value_pos)->norm == '\0')
                    value_pos++;
                  if (value_pos >= below->n)
                    continue;
                  p = value_pos;
                  done = TRUE;
                }

              seg_end = h_segment_end (doc, below, p, 2.5);
              segment_tokens (doc, below, p, seg_end, &first, &last);
              if (!done && is_identifier_line (doc, first, last))
                continue;
              if (!done && looks_like_address (doc, first, last))
                break;
              add_name_lines (names, doc, first, last, FALSE, done,
                              section == SECTION_PAYEE ? 250 : 150);
              break;
            }
        }
    }
}

/* The company names on the pages: words ending in a legal form, within one line. */
static void
find_company_names (const HDoc *doc, GArray *names)
{
  for (guint l = 0; l < doc->lines->len; l++)
    {
      const HLine *line = &g_array_index (doc->lines, HLine, l);

      for (guint i = line->first; i < line->first + line->n; i++)
        {
          const HToken *t = h_token (doc, i);
          const HPage *page = h_page (doc, t->page);
          guint first = i;
          guint last = i;
          guint n_words = line->n;
          gboolean separated;
          int score = 0;
          Section section;

          if (!is_legal_form (t->text))
            continue;

          /* Back over the words of the name, to the start of the line, a separator or a
           * label. */
          while (first > line->first && i - first < 6)
            {
              const HToken *prev = h_token (doc, first - 1);

              if (!is_name_word (prev) || ends_part (prev->text))
                break;
              if (prev->box.left + prev->box.width
                  < h_token (doc, first)->box.left - 3 * prev->size)
                break;
              first--;
            }
          if (first == i)
            continue;

          /* Forward over “& Co. KG”, “(haftungsbeschränkt)”. */
          while (last + 1 < line->first + line->n)
            {
              const HToken *next = h_token (doc, last + 1);
              gboolean tail = FALSE;

              if (ends_part (h_token (doc, last)->text))
                break;
              for (guint k = 0; legal_tails[k] != NULL; k++)
                if (strcmp (next->norm, legal_tails[k]) == 0)
                  tail = TRUE;
              if (!tail && !is_legal_form (next->text))
                break;
              last++;
            }
          /* “GmbH &” without the rest is not a name ending. */
          while (last > i && strcmp (h_token (doc, last)->text, "&") == 0)
            last--;

          separated = first == line->first
                      || is_separator (h_token (doc, first - 1))
                      || ends_part (h_token (doc, first - 1)->text);

          /* Where it stands. */
          if (t->page == 0 && t->box.top < 0.2 * page->height)
            score += 30;
          if (t->box.top > 0.85 * page->height)
            score += 25;
          if (t->size > page->body_size * 1.15)
            score += 20;
          if (t->bold)
            score += 8;
          if (separated)
            score += 5;
          /* A sender line above the address window: “Firma GmbH · Straße 1 · 12345 Ort”. */
          if (first == line->first && last + 1 < line->first + line->n
              && is_separator (h_token (doc, last + 1)))
            score += 35;
          else if (first == line->first && last + 1 < line->first + line->n
                   && g_str_has_suffix (h_token (doc, last)->text, ",")
                   && t->box.top < 0.35 * page->height && t->size <= page->body_size)
            score += 30;
          /* In running text it is only a mention. */
          if (n_words > 10 && !separated)
            score -= 20;

          section = section_of (doc, first);
          if (section == SECTION_SELLER || section == SECTION_PAYEE)
            score += 40;
          else if (section == SECTION_BUYER)
            score -= 60;

          add_name_lines (names, doc, first, last, first == line->first, FALSE, score);
          i = last;
        }
    }
}

/* The top of the first page, largest text first, when no name has a legal form. */
static void
find_letterhead (const HDoc *doc, GArray *names)
{
  const HPage *page;
  int best_line = -1;
  double best_size = 0;

  if (doc->pages->len == 0)
    return;
  page = h_page (doc, 0);

  for (guint l = 0; l < doc->lines->len; l++)
    {
      const HLine *line = &g_array_index (doc->lines, HLine, l);
      const HToken *t = h_token (doc, line->first);
      gboolean bad = FALSE;
      g_autofree char *text = NULL;

      if (t->page != 0)
        break;
      if (t->box.top > 0.25 * page->height || line->n > 6)
        continue;

      for (guint i = line->first; i < line->first + line->n && !bad; i++)
        {
          const HToken *w = h_token (doc, i);

          for (guint k = 0; title_words[k] != NULL; k++)
            if (strcmp (w->norm, title_words[k]) == 0)
              bad = TRUE;
          if (strpbrk (w->text, "0123456789@") != NULL)
            bad = TRUE;
        }
      text = tokens_text (doc, line->first, line->first + line->n - 1);
      if (bad || !has_letters (text, 3))
        continue;

      if (t->size > best_size * 1.05 || (t->size > best_size * 0.95 && t->bold))
        {
          best_size = t->size;
          best_line = l;
        }
    }

  if (best_line >= 0 && best_size >= page->body_size * 1.1)
    {
      const HLine *line = &g_array_index (doc->lines, HLine, best_line);

      add_name (names, doc, line->first, line->first + line->n - 1, 10);
    }
}

void
h_find_recipient (HDoc *doc, RemitExtractionSet *set, HField *recipient)
{
  g_autoptr (GArray) names = g_array_new (FALSE, TRUE, sizeof (Name));
  int best = -1;

  g_array_set_clear_func (names, (GDestroyNotify) name_clear);

  /* An account holder named beside the bank details. */
  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          guint end, first, last;
          const HToken *t = h_row_token (doc, row, pos);

          if (!h_row_match_any (doc, row, pos, &holder_labels_set, &end))
            continue;
          /* The plain “Empfänger” or “Inhaber” only beside bank details. */
          if ((strcmp (t->norm, "empfänger") == 0 || strcmp (t->norm, "inhaber") == 0)
              && end == pos + 1 && !near_bank_details (doc, r))
            continue;
          if (!holder_value (doc, r, pos, end, &first, &last))
            continue;
          {
            g_autofree char *text = tokens_text (doc, first, last);

            /* The next line is a form field of its own (“Nummer: 4711”): this was a
             * heading. */
            if (!has_letters (text, 2) || g_str_has_prefix (h_token (doc, first)->norm, "iban")
                || g_str_has_suffix (h_token (doc, first)->text, ":")
                || (first < last && strcmp (h_token (doc, first + 1)->text, ":") == 0))
              continue;
          }
          add_name (names, doc, first, last, 200);
          pos = end - 1;
        }
    }

  find_section_names (doc, names);
  find_company_names (doc, names);

  for (guint i = 0; i < names->len; i++)
    {
      Name *n = &g_array_index (names, Name, i);

      n->score += 12 * (int) MIN (n->count - 1, 3);
    }

  if (names->len == 0)
    find_letterhead (doc, names);

  for (guint i = 0; i < names->len; i++)
    {
      const Name *n = &g_array_index (names, Name, i);

      if (best < 0 || n->score > g_array_index (names, Name, best).score)
        best = i;
    }

  if (best >= 0)
    {
      const Name *n = &g_array_index (names, Name, best);

      h_field_set (recipient, n->value, &n->box, n->score);
    }

  /* Candidates, best first. */
  {
    g_autofree guint *order = g_new (guint, MAX (names->len, 1));

    for (guint i = 0; i < names->len; i++)
      order[i] = i;
    for (guint i = 1; i < names->len; i++)
      for (guint j = i; j > 0; j--)
        {
          const Name *a = &g_array_index (names, Name, order[j - 1]);
          const Name *b = &g_array_index (names, Name, order[j]);

          if (b->score > a->score)
            {
              guint tmp = order[j - 1];

              order[j - 1] = order[j];
              order[j] = tmp;
            }
        }
    for (guint i = 0; i < names->len; i++)
      {
        const Name *n = &g_array_index (names, Name, order[i]);
        g_autoptr (RemitExtraction) e = h_extraction_new ("companyname", n->value, &n->box);

        remit_extraction_set_add_candidate (set, "paymentRecipients", e);
      }
  }
}
