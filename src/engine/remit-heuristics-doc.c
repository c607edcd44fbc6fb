/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "remit-heuristics-private.h"

void
h_field_clear (HField *field)
{
  g_clear_pointer (&field->value, g_free);
  memset (&field->box, 0, sizeof field->box);
  field->score = 0;
}

void
h_field_set (HField *field, const char *value, const RemitBox *box, int score)
{
  g_free (field->value);
  field->value = g_strdup (value);
  field->box = *box;
  field->score = score;
}

/* Characters that labels are written with or without: “Rechnungs-Nr.:” is “rechnungsnr”. */
static gboolean
is_label_punctuation (gunichar c)
{
  switch (c)
    {
    case '.':
    case ':':
    case '-':
    case '_':
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
    case ';':
    case '/':
    case '\\':
    case '*':
    case '"':
    case '\'':
    case '|':
    case '!':
    case '?':
    case 0x00B7: /* · */
    case 0x2022: /* • */
    case 0x2010: /* hyphen */
    case 0x2011:
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2019: /* ’ */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
      return TRUE;
    default:
      return FALSE;
    }
}

char *
h_normalize (const char *text)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean ascii = TRUE;

  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  if (ascii)
    {
      gsize len = strlen (text);
      char *fast = g_malloc (len + 1);
      gsize n = 0;

      for (const char *p = text; *p; p++)
        if (!is_label_punctuation ((guchar) *p) && !g_ascii_isspace (*p))
          fast[n++] = g_ascii_tolower (*p);
      fast[n] = '\0';
      return fast;
    }

  lower = g_utf8_strdown (text, -1);
  out = g_string_sized_new (strlen (lower));

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_label_punctuation (c) || g_unichar_isspace (c))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

const HToken *
h_token (const HDoc *doc, guint index)
{
  return &g_array_index (doc->tokens, HToken, index);
}

const HRow *
h_row (const HDoc *doc, guint index)
{
  return &g_array_index (doc->rows, HRow, index);
}

const HPage *
h_page (const HDoc *doc, guint index)
{
  return &g_array_index (doc->pages, HPage, index);
}

guint
h_row_token_index (const HDoc *doc, const HRow *row, guint pos)
{
  return doc->row_tokens[row->first + pos];
}

const HToken *
h_row_token (const HDoc *doc, const HRow *row, guint pos)
{
  return h_token (doc, doc->row_tokens[row->first + pos]);
}

/* A phrase ready to match: its words run together, and whether it matches a prefix. */
typedef struct
{
  char *want;
  gsize len;
  gboolean prefix;
  int index; /* in the table */
} Compiled;

typedef struct
{
  Compiled *items; /* sorted by first byte */
  guint n;
  guint start[257]; /* items[start[b] … start[b + 1]) begin with byte b */
} PhraseIndex;

static int
compare_compiled (gconstpointer a, gconstpointer b)
{
  const Compiled *ca = a;
  const Compiled *cb = b;

  if ((guchar) ca->want[0] != (guchar) cb->want[0])
    return (guchar) ca->want[0] < (guchar) cb->want[0] ? -1 : 1;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

static void
compile (const char *phrase, int index, Compiled *out)
{
  GString *want = g_string_new (NULL);

  out->prefix = FALSE;
  for (const char *p = phrase; *p; p++)
    {
      if (*p == ' ')
        continue;
      if (*p == '*' && p[1] == '\0')
        {
          out->prefix = TRUE;
          break;
        }
      g_string_append_c (want, *p);
    }
  out->len = want->len;
  out->want = g_string_free (want, FALSE);
  out->index = index;
}

/* The index of a phrase list, built once (and never freed: the lists are static). */
static const PhraseIndex *
phrase_index (HPhrases *phrases)
{
  if (g_once_init_enter (&phrases->index))
    {
      PhraseIndex *index = g_new0 (PhraseIndex, 1);
      guint b = 0;

      index->items = g_new0 (Compiled, phrases->n);
      for (gsize i = 0; i < phrases->n; i++)
        {
          const char *phrase = *(const char *const *) ((const char *) phrases->table
                                                       + i * phrases->stride);

          if (phrase == NULL || *phrase == '\0')
            continue;
          compile (phrase, i, &index->items[index->n++]);
        }
      qsort (index->items, index->n, sizeof (Compiled), compare_compiled);

      for (guint k = 0; k <= 256; k++)
        {
          while (b < index->n && (guchar) index->items[b].want[0] < k)
            b++;
          index->start[k] = b;
        }

      g_once_init_leave (&phrases->index, (gsize) index);
    }

  return (const PhraseIndex *) phrases->index;
}

/* Matches one compiled phrase at @pos of @row. Tokens are compared by their concatenation,
 * so “invoice no” matches “Invoice No.”, “InvoiceNo.” and “Invoice-No:”; tokens that are
 * only punctuation are skipped inside a phrase. Returns the position after the match, or
 * 0. */
static guint
match_compiled (const HDoc *doc, const HRow *row, guint pos, const Compiled *c)
{
  gsize have_len = 0;

  for (guint i = pos; i < row->n; i++)
    {
      const char *norm = h_row_token (doc, row, i)->norm;
      gsize len = strlen (norm);

      if (len == 0)
        {
          if (i == pos)
            return 0;
          continue;
        }

      if (c->prefix && have_len + len >= c->len)
        return strncmp (norm, c->want + have_len, c->len - have_len) == 0 ? i + 1 : 0;

      if (have_len + len > c->len || memcmp (norm, c->want + have_len, len) != 0)
        return 0;

      have_len += len;
      if (have_len == c->len)
        return i + 1;
    }

  return 0;
}

/* The longest phrase of @phrases that matches at @pos of @row (the first in the list
 * among equally long ones). Returns the position after it, or 0; @which is its index in
 * the list. */
guint
h_row_match (const HDoc *doc, const HRow *row, guint pos, HPhrases *phrases, int *which)
{
  const PhraseIndex *index = phrase_index (phrases);
  const char *norm;
  guchar first;
  guint best = 0;
  int best_index = -1;

  if (pos >= row->n)
    return 0;
  norm = h_row_token (doc, row, pos)->norm;
  first = (guchar) norm[0];
  if (first == 0)
    return 0;

  for (guint k = index->start[first]; k < index->start[first + 1]; k++)
    {
      guint e = match_compiled (doc, row, pos, &index->items[k]);

      if (e > best || (e == best && e > 0 && index->items[k].index < best_index))
        {
          best = e;
          best_index = index->items[k].index;
        }
    }

  if (which != NULL)
    *which = best_index;
  return best;
}

gboolean
h_row_match_any (const HDoc *doc, const HRow *row, guint pos, HPhrases *phrases, guint *end)
{
  guint e = h_row_match (doc, row, pos, phrases, NULL);

  if (e == 0)
    return FALSE;
  if (end != NULL)
    *end = e;
  return TRUE;
}

gboolean
h_row_find_any (const HDoc *doc,
                const HRow *row,
                guint from,
                guint to,
                HPhrases *phrases,
                guint *start,
                guint *end)
{
  to = MIN (to, row->n);

  for (guint pos = from; pos < to; pos++)
    if (h_row_match_any (doc, row, pos, phrases, end))
      {
        if (start != NULL)
          *start = pos;
        return TRUE;
      }

  return FALSE;
}

/* Whether @norm is one of @words (a trailing “*” matches a prefix). */
gboolean
h_word_in (const char *norm, HPhrases *words)
{
  const PhraseIndex *index = phrase_index (words);
  guchar first = (guchar) norm[0];
  gsize len;

  if (first == 0)
    return FALSE;
  len = strlen (norm);

  for (guint k = index->start[first]; k < index->start[first + 1]; k++)
    {
      const Compiled *c = &index->items[k];

      if (c->prefix ? (len >= c->len && memcmp (norm, c->want, c->len) == 0)
                    : (len == c->len && memcmp (norm, c->want, len) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Whether a token in [@from, @to) of @row is one of @words. */
gboolean
h_text_has_word (const HDoc *doc, const HRow *row, guint from, guint to, HPhrases *words)
{
  to = MIN (to, row->n);

  for (guint pos = from; pos < to; pos++)
    if (h_word_in (h_row_token (doc, row, pos)->norm, words))
      return TRUE;

  return FALSE;
}

void
h_box_union_tokens (const HDoc *doc, const HRow *row, guint from, guint to, RemitBox *out)
{
  gboolean first = TRUE;

  memset (out, 0, sizeof *out);
  to = MIN (to, row->n);

  for (guint pos = from; pos < to; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);

      if (first)
        *out = t->box;
      else
        remit_box_union (out, &t->box, out);
      first = FALSE;
    }
}

char *
h_row_text (const HDoc *doc, const HRow *row, guint from, guint to)
{
  GString *text = g_string_new (NULL);

  to = MIN (to, row->n);
  for (guint pos = from; pos < to; pos++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, h_row_token (doc, row, pos)->text);
    }

  return g_string_free (text, FALSE);
}

double
h_gap_before (const HDoc *doc, const HRow *row, guint pos)
{
  const HToken *a;
  const HToken *b;

  if (pos == 0 || pos >= row->n)
    return 0;

  a = h_row_token (doc, row, pos - 1);
  b = h_row_token (doc, row, pos);
  return b->box.left - (a->box.left + a->box.width);
}

/* The end of the run of tokens from @from whose gaps are at most @max_gap font sizes. */
guint
h_segment_end (const HDoc *doc, const HRow *row, guint from, double max_gap)
{
  for (guint pos = from + 1; pos < row->n; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);

      if (h_gap_before (doc, row, pos) > max_gap * t->size)
        return pos;
    }

  return row->n;
}

static gboolean
row_overlaps (const HDoc *doc, const HRow *row, double left, double right)
{
  for (guint pos = 0; pos < row->n; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);

      if (t->box.left < right && t->box.left + t->box.width > left)
        return TRUE;
    }

  return FALSE;
}

/* The nearest row above @row_index on the same page with a token between @left and
 * @right, no further than two and a half row heights. */
gboolean
h_row_above (const HDoc *doc, guint row_index, double left, double right, guint *above)
{
  const HRow *row = h_row (doc, row_index);
  double height = row->bottom - row->top;

  for (guint i = row_index; i-- > 0;)
    {
      const HRow *r = h_row (doc, i);

      if (r->page != row->page || row->top - r->bottom > 2.5 * height)
        return FALSE;
      if (row_overlaps (doc, r, left, right))
        {
          *above = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The row right below @row_index on the same page, no further than @max_distance row
 * heights. */
gboolean
h_row_below (const HDoc *doc, guint row_index, double max_distance, guint *below)
{
  const HRow *row = h_row (doc, row_index);
  double height = row->bottom - row->top;

  if (row_index + 1 >= doc->rows->len)
    return FALSE;

  {
    const HRow *r = h_row (doc, row_index + 1);

    if (r->page != row->page || r->top - row->bottom > max_distance * height)
      return FALSE;
  }

  *below = row_index + 1;
  return TRUE;
}

/* Currencies people write as a word or symbol next to an amount. Three-letter codes count
 * only in upper case, so that “all” or “top” are not taken for money. */
static const char *const currency_codes[] = {
  "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
  "JPY", "CAD", "AUD", "CNY", "RON", "BGN", "NZD", "SGD", "HKD", NULL,
};

const char *
h_currency_word (const char *text)
{
  static const struct
  {
    const char *word;
    const char *code;
  } words[] = {
    { "€", "EUR" },   { "EURO", "EUR" }, { "Euro", "EUR" }, { "EUROS", "EUR" },
    { "Euros", "EUR" }, { "$", "USD" }, { "US$", "USD" },  { "£", "GBP" },
    { "¥", "JPY" },   { "Fr.", "CHF" },  { "SFr.", "CHF" },
  };

  if (text == NULL || *text == '\0' || strlen (text) > 5)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (text, words[i].word) == 0)
      return words[i].code;

  for (gsize i = 0; currency_codes[i] != NULL; i++)
    if (strcmp (text, currency_codes[i]) == 0)
      return currency_codes[i];

  return NULL;
}

/* Splits a currency off the start or end of @text (“€12,00”, “12,00€”, “EUR12”). */
static const char *
take_currency_affix (const char **start, const char **end)
{
  static const char *const affixes[] = { "€", "$", "£", "US$", "EUR", "USD", "GBP", "CHF" };
  gsize len = *end - *start;
  gboolean try_start = !g_ascii_isdigit ((*start)[0]);
  gboolean try_end = !g_ascii_isdigit ((*end)[-1]);

  for (gsize i = 0; i < G_N_ELEMENTS (affixes) && (try_start || try_end); i++)
    {
      gsize al = strlen (affixes[i]);

      if (try_start && len > al && strncmp (*start, affixes[i], al) == 0)
        {
          *start += al;
          return h_currency_word (affixes[i]);
        }
      if (try_end && len > al && strncmp (*end - al, affixes[i], al) == 0)
        {
          *end -= al;
          return h_currency_word (affixes[i]);
        }
    }

  return NULL;
}

static gboolean
is_minus_char (gunichar c)
{
  return c == '-' || c == 0x2212 || c == 0x2013;
}

/* Parses a number as printed on invoices: German “1.234,56”, English “1,234.56”, Swiss
 * “1'234.56”, plain “1234.5”, with a sign before or after (“-12,00”, “12,00-”), a currency
 * attached on either side, “12,-” for whole units, or a percent sign. Dates (“05.03.2018”),
 * times, phone numbers and words with letters are refused. */
gboolean
h_number_parse (const char *text, HNumber *out)
{
  const char *start = text;
  const char *end = text + strlen (text);
  char digits[40];
  gsize n_digits = 0;
  char seps[40];
  gsize sep_at[40];
  gsize n_seps = 0;
  gint64 int_part = 0;
  gint64 frac_scaled = 0;
  guint n_frac = 0;
  gsize frac_from;
  char decimal = 0;

  memset (out, 0, sizeof *out);

  /* Brackets and trailing punctuation of the sentence. */
  while (start < end && (*start == '(' || *start == '[' || *start == '"'))
    start++;
  while (end > start && (end[-1] == ')' || end[-1] == ']' || end[-1] == ';' || end[-1] == '"'
                         || end[-1] == '*' || end[-1] == ':'))
    end--;
  /* A sentence-ending comma or full stop after two decimals: “12,50.” */
  if (end - start >= 4 && (end[-1] == '.' || end[-1] == ',') && g_ascii_isdigit (end[-2])
      && g_ascii_isdigit (end[-3]) && (end[-4] == ',' || end[-4] == '.'))
    end--;

  if (start >= end)
    return FALSE;

  for (int round = 0; round < 2; round++)
    {
      gunichar c = g_utf8_get_char (start);

      if (is_minus_char (c) || c == '+')
        {
          out->negative = is_minus_char (c);
          start = g_utf8_next_char (start);
        }
      if (start < end && out->currency == NULL)
        out->currency = take_currency_affix (&start, &end);
      if (start < end && *start == ' ')
        start++;
    }

  if (start >= end)
    return FALSE;

  /* Suffixes: percent, a minus (“12,00-”), “,-” for whole units. */
  if (end[-1] == '%')
    {
      out->percent = TRUE;
      end--;
    }
  if (end - start >= 2 && end[-1] == '-' && (end[-2] == ',' || end[-2] == '.'))
    end -= 2;
  else if (end - start >= 2 && is_minus_char (g_utf8_get_char (g_utf8_prev_char (end)))
           && g_ascii_isdigit (g_utf8_prev_char (end)[-1]))
    {
      out->negative = TRUE;
      end = g_utf8_prev_char (end);
    }
  if (out->currency == NULL && start < end)
    out->currency = take_currency_affix (&start, &end);

  if (start >= end || (!g_ascii_isdigit (*start) && *start != ',' && *start != '.'))
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_digits >= sizeof digits - 1)
            return FALSE;
          digits[n_digits++] = *p;
        }
      else if (*p == '.' || *p == ',' || *p == '\'')
        {
          if (n_seps >= G_N_ELEMENTS (seps) || p + 1 == end || !g_ascii_isdigit (p[1]))
            return FALSE;
          seps[n_seps] = *p;
          sep_at[n_seps++] = n_digits;
        }
      else
        return FALSE;
    }

  if (n_digits == 0)
    return FALSE;

  /* The decimal separator: the last one, unless all separators are the same and form
   * thousands groups (“1.234.567”), or an apostrophe. */
  if (n_seps > 0)
    {
      char last = seps[n_seps - 1];
      gsize after = n_digits - sep_at[n_seps - 1];
      gboolean all_same = TRUE;

      for (gsize i = 0; i < n_seps; i++)
        if (seps[i] != last)
          all_same = FALSE;

      if (last == '\'')
        decimal = 0;
      else if (all_same && n_seps > 1)
        decimal = 0;
      else if (n_seps == 1 && after == 3 && sep_at[0] <= 3 && digits[0] != '0')
        {
          decimal = 0;
          out->ambiguous = TRUE;
        }
      else
        decimal = last;

      /* Grouping marks are all the same, the first group has one to three digits and
       * every later one exactly three. */
      {
        gsize n_group = decimal != 0 ? n_seps - 1 : n_seps;
        gsize int_end = decimal != 0 ? sep_at[n_seps - 1] : n_digits;

        for (gsize i = 0; i < n_group; i++)
          {
            gsize next = i + 1 < n_group ? sep_at[i + 1] : int_end;

            if (seps[i] == decimal || seps[i] != seps[0] || next - sep_at[i] != 3)
              return FALSE;
          }
        if (n_group > 0 && (sep_at[0] == 0 || sep_at[0] > 3))
          return FALSE;
        out->grouped = n_group > 0;
      }
    }

  frac_from = decimal != 0 ? sep_at[n_seps - 1] : n_digits;
  if (frac_from > 15)
    return FALSE;
  for (gsize i = 0; i < frac_from; i++)
    int_part = int_part * 10 + (digits[i] - '0');
  n_frac = n_digits - frac_from;
  for (gsize i = 0; i < n_frac; i++)
    {
      if (i < 4)
        frac_scaled = frac_scaled * 10 + (digits[frac_from + i] - '0');
      else if (digits[frac_from + i] != '0')
        return FALSE; /* more precision than the model keeps */
    }
  for (gsize i = n_frac; i < 4; i++)
    frac_scaled *= 10;

  out->n_decimals = n_frac;
  out->scaled = int_part * H_SCALE + frac_scaled;
  return TRUE;
}

/* Turns a parsed number into money, through the core's parser so that the currency's
 * minor unit is respected. */
gboolean
h_number_to_amount (const HNumber *number, const char *currency, RemitAmount *out)
{
  char text[64];
  gint64 whole = number->scaled / H_SCALE;
  gint64 frac = number->scaled % H_SCALE;

  g_snprintf (text, sizeof text, "%s%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT " %s",
              number->negative ? "-" : "", whole, frac, currency);
  return remit_amount_parse (text, out, NULL);
}

const HAmount *
h_amount_at (const HDoc *doc, guint row, guint pos)
{
  for (guint i = 0; i < doc->amounts->len; i++)
    {
      const HAmount *a = &g_array_index (doc->amounts, HAmount, i);

      if (a->row == row && a->first_pos <= pos && pos <= a->last_pos)
        return a;
      if (a->row > row)
        break;
    }

  return NULL;
}

const HAmount *
h_amount_right_of (const HDoc *doc, guint row, guint pos)
{
  for (guint i = 0; i < doc->amounts->len; i++)
    {
      const HAmount *a = &g_array_index (doc->amounts, HAmount, i);

      if (a->row == row && a->first_pos >= pos)
        return a;
      if (a->row > row)
        break;
    }

  return NULL;
}

/* The nearest amount in the rows below @row (at most @max_distance row heights down) whose
 * box overlaps [@left, @right] horizontally. */
const HAmount *
h_amount_below (const HDoc *doc, guint row, double left, double right, double max_distance)
{
  const HRow *r = h_row (doc, row);
  double limit = r->bottom + max_distance * (r->bottom - r->top);

  for (guint i = 0; i < doc->amounts->len; i++)
    {
      const HAmount *a = &g_array_index (doc->amounts, HAmount, i);
      const HRow *ar = h_row (doc, a->row);

      if (a->row <= row)
        continue;
      if (ar->page != r->page || ar->top > limit)
        break;
      if (a->box.left < right && a->box.left + a->box.width > left)
        return a;
    }

  return NULL;
}

RemitExtraction *
h_extraction_new (const char *entity, const char *value, const RemitBox *box)
{
  if (box != NULL && box->page > 0)
    return remit_extraction_new_with_box (entity, value, box);
  return remit_extraction_new (entity, value);
}

RemitExtraction *
h_amount_extraction (const HAmount *amount)
{
  g_autofree char *wire = remit_amount_to_wire (&amount->amount);

  return h_extraction_new ("amount", wire, &amount->box);
}

/* Building the model */

static int
compare_by_centre (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const HDoc *doc = user_data;
  const HToken *ta = h_token (doc, *(const guint *) a);
  const HToken *tb = h_token (doc, *(const guint *) b);
  double ca = ta->box.top + ta->box.height / 2;
  double cb = tb->box.top + tb->box.height / 2;

  if (ca != cb)
    return ca < cb ? -1 : 1;
  if (ta->box.left != tb->box.left)
    return ta->box.left < tb->box.left ? -1 : 1;
  return 0;
}

static void
add_token (HDoc *doc,
           const char *text,
           gsize length,
           const RemitBox *box,
           const RemitLayoutWord *word,
           guint page,
           guint line)
{
  HToken token = { 0 };
  g_autofree char *copy = g_strndup (text, length);
  g_autofree char *norm = h_normalize (copy);

  token.text = g_string_chunk_insert (doc->strings, copy);
  token.norm = g_string_chunk_insert_const (doc->strings, norm);
  token.box = *box;
  token.size = word->font_size > 0 ? word->font_size : box->height / 1.2;
  if (token.size <= 0)
    token.size = 10;
  token.bold = word->bold;
  token.page = page;
  token.line = line;
  g_array_append_val (doc->tokens, token);
}

/* A word like “IBAN:DE89…” or “Nummer:549910” is a label and its value; the box is shared
 * out by the number of characters. */
static void
add_word (HDoc *doc,
          const RemitLayoutPage *lpage,
          const RemitLayoutWord *word,
          guint page,
          guint line)
{
  RemitBox box;
  const char *text = word->text;
  const char *colon = strchr (text, ':');
  glong total;
  glong before;

  remit_layout_page_get_word_box (lpage, word, &box);

  if (colon == NULL || colon == text || colon[1] == '\0'
      || (g_ascii_isdigit (colon[1]) && g_ascii_isdigit (colon[-1])))
    {
      add_token (doc, text, strlen (text), &box, word, page, line);
      return;
    }

  /* Only after a word of letters: “https://…” and times stay whole. */
  if (colon[1] == '/' || !g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (colon))))
    {
      add_token (doc, text, strlen (text), &box, word, page, line);
      return;
    }

  total = g_utf8_strlen (text, -1);
  before = g_utf8_strlen (text, colon + 1 - text);
  {
    RemitBox a = box;
    RemitBox b = box;

    a.width = box.width * before / total;
    b.left = box.left + a.width;
    b.width = box.width - a.width;
    add_token (doc, text, colon + 1 - text, &a, word, page, line);
    add_token (doc, colon + 1, strlen (colon + 1), &b, word, page, line);
  }
}

static guint
next_row_token (const HDoc *doc)
{
  const HRow *last;

  if (doc->rows->len == 0)
    return 0;
  last = h_row (doc, doc->rows->len - 1);
  return last->first + last->n;
}

typedef struct
{
  double top;
  double bottom;
} RowAcc;

typedef struct
{
  guint row;
  guint token;
} RowMember;

static int
compare_members (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const HDoc *doc = user_data;
  const RowMember *ma = a;
  const RowMember *mb = b;
  double la, lb;

  if (ma->row != mb->row)
    return ma->row < mb->row ? -1 : 1;
  la = h_token (doc, ma->token)->box.left;
  lb = h_token (doc, mb->token)->box.left;
  if (la != lb)
    return la < lb ? -1 : 1;
  return ma->token < mb->token ? -1 : ma->token > mb->token;
}

/* Groups the tokens of a page into rows: a token joins a row when it overlaps the row's
 * first token vertically by most of the smaller height. Comparing with the first token
 * (not the row so far) keeps two columns with different line spacing from chaining into
 * one row; trying the last few rows lets a column whose lines sit a little higher join
 * the right one. */
static void
build_rows (HDoc *doc, guint page_index)
{
  HPage *page = &g_array_index (doc->pages, HPage, page_index);
  guint n = page->n_tokens;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree RowMember *members = g_new (RowMember, MAX (n, 1));
  g_autoptr (GArray) accs = g_array_new (FALSE, FALSE, sizeof (RowAcc));
  guint start = 0;

  page->first_row = doc->rows->len;

  for (guint i = 0; i < n; i++)
    order[i] = page->first_token + i;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_centre, doc);

  for (guint i = 0; i < n; i++)
    {
      const HToken *t = h_token (doc, order[i]);
      double top = t->box.top;
      double bottom = t->box.top + t->box.height;
      int best = -1;
      double best_ratio = 0.6;

      for (guint k = accs->len; k-- > 0 && k + 4 >= accs->len;)
        {
          const RowAcc *acc = &g_array_index (accs, RowAcc, k);
          double overlap = MIN (bottom, acc->bottom) - MAX (top, acc->top);
          double smaller = MIN (bottom - top, acc->bottom - acc->top);
          double ratio = smaller > 0 ? overlap / smaller : 0;

          if (ratio >= best_ratio)
            {
              best_ratio = ratio;
              best = k;
            }
        }

      if (best < 0)
        {
          RowAcc acc = { top, bottom };

          g_array_append_val (accs, acc);
          best = accs->len - 1;
        }
      members[i].row = best;
      members[i].token = order[i];
    }

  g_qsort_with_data (members, n, sizeof (RowMember), compare_members, doc);

  while (start < n)
    {
      guint end = start + 1;
      HRow row = { 0 };

      while (end < n && members[end].row == members[start].row)
        end++;

      row.page = page_index;
      row.first = next_row_token (doc);
      row.n = end - start;
      row.top = G_MAXDOUBLE;
      row.bottom = -G_MAXDOUBLE;
      for (guint i = start; i < end; i++)
        {
          HToken *t = &g_array_index (doc->tokens, HToken, members[i].token);

          doc->row_tokens[row.first + (i - start)] = members[i].token;
          t->row = doc->rows->len;
          t->pos = i - start;
          row.top = MIN (row.top, t->box.top);
          row.bottom = MAX (row.bottom, t->box.top + t->box.height);
        }
      g_array_append_val (doc->rows, row);
      start = end;
    }

  page->n_rows = doc->rows->len - page->first_row;
}

static double
body_size (HDoc *doc, const HPage *page)
{
  g_autoptr (GHashTable) weights = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0;
  int best_size = 20;

  for (guint i = 0; i < page->n_tokens; i++)
    {
      const HToken *t = h_token (doc, page->first_token + i);
      int size = (int) lround (t->size * 2);
      guint w = GPOINTER_TO_UINT (g_hash_table_lookup (weights, GINT_TO_POINTER (size)));
      guint chars = g_utf8_strlen (t->text, -1);

      /* Captions of a form and fine print are not the body text. */
      if (t->size < 6.5)
        chars = 1;
      g_hash_table_insert (weights, GINT_TO_POINTER (size), GUINT_TO_POINTER (w + chars));
    }

  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best
        || (GPOINTER_TO_UINT (value) == best && GPOINTER_TO_INT (key) < best_size))
      {
        best = GPOINTER_TO_UINT (value);
        best_size = GPOINTER_TO_INT (key);
      }

  return best_size / 2.0;
}

/* Which currency the document is in: the one written most often, EUR when none is. */
static void
find_currency (HDoc *doc)
{
  guint counts[G_N_ELEMENTS (currency_codes)] = { 0 };
  guint best = 0;

  g_strlcpy (doc->currency, "EUR", sizeof doc->currency);

  for (guint i = 0; i < doc->tokens->len; i++)
    {
      const HToken *t = h_token (doc, i);
      const char *code = h_currency_word (t->text);
      HNumber number;

      if (code == NULL && strpbrk (t->text, "0123456789") != NULL
          && h_number_parse (t->text, &number))
        code = number.currency;
      if (code == NULL)
        continue;
      for (guint c = 0; currency_codes[c] != NULL; c++)
        if (strcmp (currency_codes[c], code) == 0)
          counts[c]++;
    }

  for (guint c = 0; currency_codes[c] != NULL; c++)
    if (counts[c] > best)
      {
        best = counts[c];
        g_strlcpy (doc->currency, currency_codes[c], sizeof doc->currency);
      }
}

static void
find_language (HDoc *doc)
{
  static const char *const german[] = {
    "rechnung", "betrag", "summe", "und", "der", "die", "das", "mit", "ihre", "bitte", "zahlbar",
    "gesamt", "menge", "datum", "für", "sie", "wir", "von", "nr", "mwst", "ust", "netto",
    "brutto", "zu", "zahlen", NULL,
  };
  static const char *const english[] = {
    "invoice", "total", "amount", "the", "and", "please", "due", "payment", "your", "date",
    "for", "we", "of", "no", "vat", "tax", "quantity", "price", "to", "pay", "thank", "you", NULL,
  };
  static HPhrases german_set = H_PHRASES (german);
  static HPhrases english_set = H_PHRASES (english);
  guint de = 0, en = 0;

  for (guint i = 0; i < doc->tokens->len; i++)
    {
      const char *norm = h_token (doc, i)->norm;

      de += h_word_in (norm, &german_set) ? 1 : 0;
      en += h_word_in (norm, &english_set) ? 1 : 0;
    }

  doc->language = en > de ? "en" : "de";
}

static gboolean
amount_decimals_ok (const HNumber *number, const char *currency)
{
  int decimals = remit_currency_get_decimals (currency);

  return decimals >= 0 && number->n_decimals == (guint) decimals;
}

/* Finds the amounts of money on every row. */
static void
find_amounts (HDoc *doc)
{
  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *t = h_row_token (doc, row, pos);
          HNumber number;
          HAmount amount = { 0 };
          const char *currency = NULL;
          guint first = pos, last = pos;
          gboolean whole_units;

          if (strpbrk (t->text, "0123456789") == NULL)
            continue;
          if (!h_number_parse (t->text, &number) || number.percent)
            continue;
          if (pos + 1 < row->n && strcmp (h_row_token (doc, row, pos + 1)->text, "%") == 0)
            continue;

          /* “1 234,56”: digits split by a thin space. */
          if (number.n_decimals == 0 && !number.grouped && number.scaled < 1000 * H_SCALE
              && pos + 1 < row->n && h_gap_before (doc, row, pos + 1) < 0.45 * t->size)
            {
              const HToken *next = h_row_token (doc, row, pos + 1);
              HNumber joined;
              g_autofree char *text = g_strconcat (t->text, "'", next->text, NULL);

              if (g_ascii_isdigit (next->text[0]) && g_ascii_isdigit (next->text[1])
                  && g_ascii_isdigit (next->text[2])
                  && (next->text[3] == '\0' || next->text[3] == ',' || next->text[3] == '.')
                  && h_number_parse (text, &joined) && !joined.percent)
                {
                  number = joined;
                  last = pos + 1;
                }
            }

          currency = number.currency;
          if (currency == NULL && first > 0
              && h_gap_before (doc, row, first) < 1.2 * t->size)
            {
              currency = h_currency_word (h_row_token (doc, row, first - 1)->text);
              if (currency != NULL)
                first--;
            }
          if (currency == NULL && last + 1 < row->n
              && h_gap_before (doc, row, last + 1) < 1.2 * t->size)
            {
              currency = h_currency_word (h_row_token (doc, row, last + 1)->text);
              if (currency != NULL)
                last++;
            }

          whole_units = number.n_decimals == 0 && !number.ambiguous
                        && (currency != NULL || strstr (t->text, ",-") != NULL);
          if (!amount_decimals_ok (&number, currency != NULL ? currency : doc->currency)
              && !whole_units)
            continue;

          amount.has_currency = currency != NULL;
          if (!h_number_to_amount (&number, currency != NULL ? currency : doc->currency,
                                   &amount.amount))
            continue;

          amount.row = r;
          amount.first_pos = first;
          amount.last_pos = last;
          amount.number_pos = pos;
          h_box_union_tokens (doc, row, first, last + 1, &amount.box);
          g_array_append_val (doc->amounts, amount);
          pos = last;
        }
    }
}

HDoc *
h_doc_new (RemitLayout *layout)
{
  HDoc *doc = g_new0 (HDoc, 1);
  guint n_pages = remit_layout_get_n_pages (layout);

  doc->layout = remit_layout_ref (layout);
  doc->tokens = g_array_new (FALSE, TRUE, sizeof (HToken));
  doc->lines = g_array_new (FALSE, TRUE, sizeof (HLine));
  doc->rows = g_array_new (FALSE, TRUE, sizeof (HRow));
  doc->pages = g_array_new (FALSE, TRUE, sizeof (HPage));
  doc->amounts = g_array_new (FALSE, TRUE, sizeof (HAmount));
  doc->strings = g_string_chunk_new (4096);

  for (guint p = 0; p < n_pages; p++)
    {
      const RemitLayoutPage *lpage = remit_layout_get_page (layout, p);
      guint n_lines = remit_layout_page_get_n_lines (lpage);
      HPage page = { 0 };

      page.width = remit_layout_page_get_width (lpage);
      page.height = remit_layout_page_get_height (lpage);
      page.first_token = doc->tokens->len;

      for (guint l = 0; l < n_lines; l++)
        {
          const RemitLayoutLine *lline = remit_layout_page_get_line (lpage, l);
          guint n_words = 0;
          const RemitLayoutWord *words = remit_layout_line_get_words (lline, &n_words);
          HLine line = { doc->tokens->len, 0 };

          for (guint w = 0; w < n_words; w++)
            if (words[w].text != NULL && *words[w].text != '\0')
              add_word (doc, lpage, &words[w], p, doc->lines->len);

          line.n = doc->tokens->len - line.first;
          if (line.n > 0)
            g_array_append_val (doc->lines, line);
        }

      page.n_tokens = doc->tokens->len - page.first_token;
      g_array_append_val (doc->pages, page);
    }

  doc->row_tokens = g_new0 (guint, MAX (doc->tokens->len, 1));
  for (guint p = 0; p < doc->pages->len; p++)
    {
      HPage *page = &g_array_index (doc->pages, HPage, p);

      build_rows (doc, p);
      page->body_size = body_size (doc, page);
    }

  find_currency (doc);
  find_language (doc);
  find_amounts (doc);

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    for (guint r = 0; r < doc->rows->len; r++)
      {
        const HRow *row = h_row (doc, r);
        g_autofree char *text = h_row_text (doc, row, 0, row->n);

        g_debug ("row %u page %u top %.1f: %s", r, row->page + 1, row->top, text);
      }

  return doc;
}

void
h_doc_free (HDoc *doc)
{
  if (doc == NULL)
    return;

  g_clear_pointer (&doc->layout, remit_layout_unref);
  g_array_unref (doc->tokens);
  g_array_unref (doc->lines);
  g_array_unref (doc->rows);
  g_array_unref (doc->pages);
  g_array_unref (doc->amounts);
  g_free (doc->row_tokens);
  g_string_chunk_free (doc->strings);
  g_free (doc);
}
