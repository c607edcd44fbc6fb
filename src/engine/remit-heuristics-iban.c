/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"
#include "remit-iban.h"

/* An IBAN on a page, with what the words around it say about it. */
typedef struct
{
  char *value;
  guint row;
  guint first_pos;
  guint last_pos;
  RemitBox box;
  gboolean foreign;  /* the customer's own account or a direct-debit mandate */
  gboolean payee;    /* words around it say it is where to pay */
  gboolean labelled; /* “IBAN” right before it */
} FoundIban;

typedef struct
{
  char *value;
  guint row;
  guint pos;
  RemitBox box;
  gboolean labelled;
  gboolean by_iban;
  int iban; /* index of the IBAN it stands by, or -1 */
} FoundBic;

static void
found_iban_clear (FoundIban *found)
{
  g_free (found->value);
}

static void
found_bic_clear (FoundBic *found)
{
  g_free (found->value);
}

/* Words that make an IBAN the customer's own account or a direct-debit mandate; compared
 * against the normalised words around the IBAN with spaces between them. */
static const char *const foreign_phrases[] = {
  " ihre iban ",
  " ihre bankverbindung ",
  " ihr konto ",
  " ihrem konto ",
  " ihres kontos ",
  " ihr girokonto ",
  " ihrem girokonto ",
  " ihre kontoverbindung ",
  " ihre kontonummer ",
  " ihr bankkonto ",
  " ihrem bankkonto ",
  " abgebucht ",
  " abbuchen ",
  " abbuchung ",
  " abzubuchen ",
  " eingezogen ",
  " einziehen ",
  " einzuziehen ",
  " lastschrift",
  " sepalastschrift",
  " sepabasislastschrift",
  " lastschriftmandat",
  " lastschriftverfahren",
  " lastschrifteinzug",
  " mandatsreferenz",
  " mandatsref",
  " mandatreferenz",
  " käuferiban ",
  " kundeniban ",
  " zahleriban ",
  " zahlungspflichtiger ",
  " kontoinhaber zahler",
  " your account ",
  " your iban ",
  " your bank account ",
  " your bank details ",
  " direct debit",
  " will be debited ",
  " be debited ",
  " debited ",
  " debit from ",
  " debtor ",
  " buyer iban ",
  " customer iban ",
  " mandate ",
  " mandate reference ",
  " sepa mandate ",
  " prélèvement",
  " prélevé ",
  NULL,
};

/* Words right after an IBAN that make it a debit: “… von Ihrem Konto IBAN … ab.” */
static const char *const foreign_after[] = {
  "ab", "abgebucht", "abbuchen", "eingezogen", "einziehen", "debited", "einzuziehen", NULL,
};

static const char *const payee_phrases[] = {
  " kontoinhaber",
  " empfänger ",
  " zahlungsempfänger ",
  " begünstigter ",
  " überweisen ",
  " überweisung ",
  " unsere bankverbindung ",
  " unser konto ",
  " unsere iban ",
  " auf das konto ",
  " auf folgendes konto ",
  " auf unser ",
  " zahlbar ",
  " bankverbindung ",
  " verkäuferiban ",
  " account holder ",
  " beneficiary ",
  " payee ",
  " pay to ",
  " please transfer ",
  " please pay ",
  " transfer ",
  " our bank ",
  " our account ",
  " bank details ",
  " remit to ",
  " payable ",
  NULL,
};

/* “Ihre bei uns hinterlegte Bankverbindung”, “your bank account on file”: a possessive
 * of the reader, then within a few words an account, with no “unser”/“our” between. */
static gboolean
possessive_account (const char *text)
{
  static const char *const yours[] = {
    "ihre", "ihr", "ihrem", "ihres", "ihrer", "ihren", "your", NULL,
  };
  static const char *const accounts[] = {
    "bankverbindung", "konto", "kontos", "girokonto", "kontoverbindung", "iban", "bankkonto",
    "kontonummer", "account", "bank", "bankdaten", NULL,
  };
  static const char *const ours[] = { "unser", "unsere", "unserem", "unser", "our", "folgende",
                                      "folgendes", "auf", "to", NULL };
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    {
      if (!g_strv_contains (yours, words[i]))
        continue;
      for (guint j = i + 1; j < n && j <= i + 5; j++)
        {
          if (g_strv_contains (ours, words[j]))
            break;
          if (g_strv_contains (accounts, words[j]))
            return TRUE;
        }
    }

  return FALSE;
}

static void
append_norms (GString *text, const HDoc *doc, guint first, guint n)
{
  for (guint i = first; i < first + n; i++)
    {
      const char *norm = h_token (doc, i)->norm;

      if (*norm == '\0')
        continue;
      g_string_append (text, norm);
      g_string_append_c (text, ' ');
    }
}

static gboolean
text_has_phrase (const char *text, const char *const *phrases)
{
  for (guint i = 0; phrases[i] != NULL; i++)
    if (strstr (text, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Reads the words before an IBAN (on its row and its line in the layout, and the line
 * above) and after it, and decides what they say about it. */
static void
classify_iban (const HDoc *doc, FoundIban *found)
{
  const HRow *row = h_row (doc, found->row);
  const HToken *first = h_row_token (doc, row, found->first_pos);
  const HPage *page = h_page (doc, first->page);
  g_autoptr (GString) before = g_string_new (" ");
  g_autoptr (GString) after = g_string_new (" ");
  double left_limit = first->box.left - 0.45 * page->width;
  guint above;
  guint ctx_from = found->first_pos;

  /* The row to the left, up to about half a page. */
  while (ctx_from > 0 && found->first_pos - ctx_from < 14
         && h_row_token (doc, row, ctx_from - 1)->box.left >= left_limit)
    ctx_from--;

  /* The row above, where it overlaps the context. */
  {
    double left = h_row_token (doc, row, ctx_from)->box.left;
    double right = found->box.left + found->box.width;

    if (h_row_above (doc, found->row, left, right, &above))
      {
        const HRow *a = h_row (doc, above);

        for (guint pos = 0; pos < a->n; pos++)
          {
            const HToken *t = h_row_token (doc, a, pos);

            if (t->box.left + t->box.width > left - 0.25 * page->width && t->box.left < right
                && *t->norm != '\0')
              {
                g_string_append (before, t->norm);
                g_string_append_c (before, ' ');
              }
          }
      }
  }

  /* The previous line of the same block in the layout: a sentence that wraps before the
   * IBAN. */
  {
    guint line_index = first->line;

    if (line_index > 0)
      {
        const HLine *prev = &g_array_index (doc->lines, HLine, line_index - 1);
        const HToken *pt = h_token (doc, prev->first);
        double gap = first->box.top - (pt->box.top + pt->box.height);

        if (pt->page == first->page && gap > -0.5 * first->box.height
            && gap < 1.5 * first->box.height)
          append_norms (before, doc, prev->first, prev->n);
      }
  }

  {
    const HLine *line = &g_array_index (doc->lines, HLine, first->line);
    guint first_index = h_row_token_index (doc, row, found->first_pos);

    if (first_index > line->first)
      append_norms (before, doc, line->first, first_index - line->first);
  }

  for (guint pos = ctx_from; pos < found->first_pos; pos++)
    {
      const char *norm = h_row_token (doc, row, pos)->norm;

      if (*norm == '\0')
        continue;
      g_string_append (before, norm);
      g_string_append_c (before, ' ');
    }

  for (guint pos = found->last_pos + 1; pos < row->n && pos <= found->last_pos + 4; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);

      if (h_gap_before (doc, row, pos) > 3 * t->size)
        break;
      if (*t->norm == '\0')
        continue;
      g_string_append (after, t->norm);
      g_string_append_c (after, ' ');
    }

  found->foreign = text_has_phrase (before->str, foreign_phrases)
                   || possessive_account (before->str);
  if (!found->foreign)
    for (guint i = 0; foreign_after[i] != NULL && !found->foreign; i++)
      {
        g_autofree char *word = g_strdup_printf (" %s ", foreign_after[i]);

        found->foreign = strstr (after->str, word) != NULL;
      }
  found->payee = text_has_phrase (before->str, payee_phrases);
  found->labelled = found->first_pos > 0
                    && g_str_has_prefix (h_row_token (doc, row, found->first_pos - 1)->norm,
                                         "iban");
}

/* The characters of @text that may belong to an IBAN, upper-cased, or NULL when it has
 * something else in it. Brackets and the punctuation of a sentence are dropped. */
static gboolean
iban_chars (const char *text, GString *out)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (start < end && (*start == '(' || *start == '['))
    start++;
  while (end > start && strchr (".,;:)]", end[-1]) != NULL)
    end--;
  if (start == end)
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return TRUE;
}

static void
find_ibans (const HDoc *doc, GArray *found)
{
  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *t = h_row_token (doc, row, pos);
          g_autoptr (GString) chars = g_string_new (NULL);
          const char *s = t->text;
          int length;

          while (*s == '(' || *s == '[')
            s++;
          if (!g_ascii_isupper (s[0]) || !g_ascii_isupper (s[1]) || !g_ascii_isdigit (s[2])
              || !g_ascii_isdigit (s[3]))
            continue;

          length = remit_iban_country_length ((char[]){ s[0], s[1], 0 });
          if (length == 0)
            continue;

          for (guint end = pos; end < row->n; end++)
            {
              const HToken *e = h_row_token (doc, row, end);
              g_autofree char *normalized = NULL;

              if (end > pos && h_gap_before (doc, row, end) > 1.5 * e->size)
                break;
              if (!iban_chars (e->text, chars) || chars->len > (gsize) length)
                break;
              if (chars->len < (gsize) length)
                continue;

              if (remit_iban_validate (chars->str, &normalized, NULL))
                {
                  FoundIban f = { 0 };

                  f.value = g_steal_pointer (&normalized);
                  f.row = r;
                  f.first_pos = pos;
                  f.last_pos = end;
                  h_box_union_tokens (doc, row, pos, end + 1, &f.box);
                  classify_iban (doc, &f);
                  g_array_append_val (found, f);
                  pos = end;
                }
              break;
            }
        }
    }
}

static const char *const bic_labels[] = {
  "bic", "swift", "bicswift", "swiftbic", "swiftcode", "biccode", "bicswiftcode", "swiftbiccode",
  "bic code", "swift code", "bank code", NULL,
};
static HPhrases bic_labels_set = H_PHRASES (bic_labels);

/* The BIC in @text (upper case, 8 or 11 characters, a known country), or NULL. */
static char *
bic_of (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);
  g_autofree char *bic = NULL;
  gsize len;

  while (start < end && (*start == '(' || *start == '['))
    start++;
  while (end > start && strchr (".,;:)]", end[-1]) != NULL)
    end--;
  len = end - start;
  if (len != 8 && len != 11)
    return NULL;

  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_isupper (start[i]) || (i >= 6 && g_ascii_isdigit (start[i]))))
      return NULL;
  for (gsize i = 0; i < 4; i++)
    if (!g_ascii_isupper (start[i]))
      return NULL;

  bic = g_strndup (start, len);
  if (!remit_bic_is_valid (bic))
    return NULL;
  return g_steal_pointer (&bic);
}

static gboolean
bic_is_labelled (const HDoc *doc, guint r, guint pos)
{
  const HRow *row = h_row (doc, r);
  const HToken *t = h_row_token (doc, row, pos);
  guint above;

  for (guint back = 1; back <= 3 && back <= pos; back++)
    if (h_row_find_any (doc, row, pos - back, pos, &bic_labels_set, NULL, NULL))
      return TRUE;

  /* A label above the value, as in a table. */
  if (h_row_above (doc, r, t->box.left, t->box.left + t->box.width, &above))
    {
      const HRow *a = h_row (doc, above);

      for (guint p = 0; p < a->n; p++)
        {
          const HToken *l = h_row_token (doc, a, p);

          if (l->box.left < t->box.left + t->box.width && l->box.left + l->box.width > t->box.left
              && h_row_match_any (doc, a, p, &bic_labels_set, NULL))
            return TRUE;
        }
    }

  return FALSE;
}

/* Index of an IBAN next to the BIC at @pos of row @r: on the same row, or on the row just
 * above or below in the same column. */
static int
iban_beside (const HDoc *doc, GArray *ibans, guint r, guint pos)
{
  const HRow *row = h_row (doc, r);
  const HToken *t = h_row_token (doc, row, pos);
  int best = -1;
  double best_distance = G_MAXDOUBLE;
  guint bic_index = h_row_token_index (doc, row, pos);

  for (guint i = 0; i < ibans->len; i++)
    {
      const FoundIban *f = &g_array_index (ibans, FoundIban, i);
      const HRow *ir = h_row (doc, f->row);
      guint iban_last = h_row_token_index (doc, ir, f->last_pos);
      double distance;

      if (ir->page != row->page)
        continue;

      /* Right after the IBAN in reading order: “IBAN DE…, BIC …” in a sentence. */
      if (bic_index > iban_last && bic_index - iban_last <= 4)
        distance = bic_index - iban_last - 1;
      else if (f->row == r)
        {
          guint between = pos > f->last_pos ? pos - f->last_pos - 1 : f->first_pos - pos - 1;

          if (between > 6)
            continue;
          distance = between;
        }
      else
        {
          double dy = f->box.top > t->box.top ? f->box.top - (t->box.top + t->box.height)
                                              : t->box.top - (f->box.top + f->box.height);
          gboolean overlap = f->box.left < t->box.left + t->box.width + 4 * t->size
                             && f->box.left + f->box.width > t->box.left - 4 * t->size;

          if (!overlap || dy > 3 * t->box.height)
            continue;
          distance = 10 + dy;
        }

      if (distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }

  return best;
}

static void
find_bics (const HDoc *doc, GArray *ibans, GArray *found)
{
  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *t = h_row_token (doc, row, pos);
          g_autofree char *bic = bic_of (t->text);
          FoundBic f = { 0 };

          if (bic == NULL)
            continue;

          f.labelled = bic_is_labelled (doc, r, pos);
          f.iban = iban_beside (doc, ibans, r, pos);
          f.by_iban = f.iban >= 0;

          /* Unlabelled, it must be in the IBAN's country: an upper-case word that happens to
           * have the shape of a BIC is not one. */
          if (!f.labelled)
            {
              const FoundIban *i = f.by_iban ? &g_array_index (ibans, FoundIban, f.iban) : NULL;

              if (i == NULL || strncmp (i->value, bic + 4, 2) != 0)
                continue;
            }

          f.value = g_steal_pointer (&bic);
          f.row = r;
          f.pos = pos;
          {
            const char *s = t->text;
            double width = t->box.width;

            f.box = t->box;
            /* Trim the box of punctuation around the code by character share. */
            if (g_utf8_strlen (s, -1) > (glong) strlen (f.value))
              f.box.width = width * strlen (f.value) / g_utf8_strlen (s, -1);
          }
          g_array_append_val (found, f);
        }
    }
}

void
h_find_bank_details (HDoc *doc, RemitExtractionSet *set, HField *iban, HField *bic)
{
  g_autoptr (GArray) ibans = g_array_new (FALSE, TRUE, sizeof (FoundIban));
  g_autoptr (GArray) bics = g_array_new (FALSE, TRUE, sizeof (FoundBic));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int best = -1;
  int best_score = G_MININT;
  int best_bic = -1;
  int best_bic_score = G_MININT;

  g_array_set_clear_func (ibans, (GDestroyNotify) found_iban_clear);
  g_array_set_clear_func (bics, (GDestroyNotify) found_bic_clear);

  find_ibans (doc, ibans);
  find_bics (doc, ibans, bics);

  for (guint i = 0; i < ibans->len; i++)
    {
      const FoundIban *f = &g_array_index (ibans, FoundIban, i);
      int score;

      if (f->foreign)
        continue;

      score = (f->payee ? 20 : 0) + (f->labelled ? 5 : 0);
      /* The same account printed again (body and footer) counts for it. */
      for (guint j = 0; j < ibans->len; j++)
        if (j != i && g_str_equal (g_array_index (ibans, FoundIban, j).value, f->value))
          score += 2;
      if (score > best_score)
        {
          best_score = score;
          best = i;
        }
    }

  /* Of the places the chosen account is printed, the one in the body (payment
   * instructions, a transfer form) rather than the footer. */
  if (best >= 0)
    {
      const char *value = g_array_index (ibans, FoundIban, best).value;
      int best_place = G_MININT;
      int chosen = best;

      for (guint i = 0; i < ibans->len; i++)
        {
          const FoundIban *f = &g_array_index (ibans, FoundIban, i);
          const HRow *row = h_row (doc, f->row);
          const HPage *page = h_page (doc, row->page);
          int place;

          if (f->foreign || !g_str_equal (f->value, value))
            continue;
          place = (f->box.top < 0.88 * page->height ? 10 : 0) + (f->payee ? 4 : 0)
                  + (f->labelled ? 2 : 0);
          if (place > best_place)
            {
              best_place = place;
              chosen = i;
            }
        }
      best = chosen;
    }

  /* Candidates: the payee's accounts first, then the others. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ibans->len; i++)
      {
        const FoundIban *f = &g_array_index (ibans, FoundIban, i);
        g_autoptr (RemitExtraction) e = NULL;

        if (f->foreign != (pass == 1) || g_hash_table_contains (seen, f->value))
          continue;
        g_hash_table_add (seen, f->value);
        e = h_extraction_new ("iban", f->value, &f->box);
        remit_extraction_set_add_candidate (set, "ibans", e);
      }

  if (best >= 0)
    {
      const FoundIban *f = &g_array_index (ibans, FoundIban, best);

      h_field_set (iban, f->value, &f->box, best_score);
    }

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < bics->len; i++)
    {
      const FoundBic *f = &g_array_index (bics, FoundBic, i);
      int score = (f->labelled ? 10 : 0);
      g_autoptr (RemitExtraction) e = NULL;

      if (f->by_iban)
        {
          const FoundIban *fi = &g_array_index (ibans, FoundIban, f->iban);

          if (fi->foreign)
            score -= 30;
          else if (f->iban == best)
            score += 20;
          else if (best >= 0
                   && g_str_equal (fi->value, g_array_index (ibans, FoundIban, best).value))
            score += 15;
          else
            score += 5;
        }
      if (best >= 0
          && strncmp (g_array_index (ibans, FoundIban, best).value, f->value + 4, 2) == 0)
        score += 2;

      if (score > best_bic_score)
        {
          best_bic_score = score;
          best_bic = i;
        }

      if (g_hash_table_contains (seen, f->value))
        continue;
      g_hash_table_add (seen, f->value);
      e = h_extraction_new ("bic", f->value, &f->box);
      remit_extraction_set_add_candidate (set, "bics", e);
    }

  if (best_bic >= 0 && best_bic_score > -10)
    {
      const FoundBic *f = &g_array_index (bics, FoundBic, best_bic);

      h_field_set (bic, f->value, &f->box, best_bic_score);
    }
}
