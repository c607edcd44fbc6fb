/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"

/*
 * Dates, and the date by which an invoice is to be paid.
 *
 * A date is read from the tokens at a place of a row: 08.11.2023, 8.11.23, 2023-11-08,
 * 21/02/2025 (day first, unless the document is in dollars), 8. November 2023, 8. Nov. 2023,
 * 21 Feb 2025, February 21, 2025. The due date is the one next to (or under) a label such as
 * “Fällig am”, “Zahlbar bis” or “Due date”, or the one a sentence asks to pay by (“bitte bis
 * zum … überweisen”, “please transfer … by …”). Where only a term is printed (“zahlbar
 * innerhalb von 14 Tagen”, “Net 30”), the due date is the invoice date plus its days, if the
 * invoice date is printed.
 */

/* Dates */

typedef enum
{
  C_NUM,
  C_MONTH,
  C_SEP,
  C_GAP,   /* between two tokens */
  C_END,   /* punctuation that ends a date: “)”, “;”, “:” */
  C_OTHER, /* anything else: the date cannot go on */
} CompKind;

typedef struct
{
  CompKind kind;
  int value;  /* number, month 1 … 12 */
  int digits; /* of a number */
  char sep;
  guint pos; /* row position of the token it is in */
} Comp;

#define MAX_COMPS 24
#define DATE_TOKENS 4

static const struct
{
  const char *name;
  int month;
} month_names[] = {
  { "januar", 1 },    { "jänner", 1 },   { "jan", 1 },       { "jän", 1 },       { "january", 1 },
  { "februar", 2 },   { "feb", 2 },      { "february", 2 },  { "märz", 3 },      { "maerz", 3 },
  { "mär", 3 },       { "mrz", 3 },      { "march", 3 },     { "mar", 3 },       { "april", 4 },
  { "apr", 4 },       { "mai", 5 },      { "may", 5 },       { "juni", 6 },      { "jun", 6 },
  { "june", 6 },      { "juli", 7 },     { "jul", 7 },       { "july", 7 },      { "august", 8 },
  { "aug", 8 },       { "september", 9 }, { "sep", 9 },      { "sept", 9 },      { "oktober", 10 },
  { "okt", 10 },      { "october", 10 }, { "oct", 10 },      { "november", 11 }, { "nov", 11 },
  { "dezember", 12 }, { "dez", 12 },     { "december", 12 }, { "dec", 12 },
};

/* The month named by a lower-case word, or 0. */
static int
month_of (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (word, month_names[i].name) == 0)
      return month_names[i].month;
  return 0;
}

/* The month named by the letters @norm begins with (“nov” of “Nov.”), or 0. */
static int
leading_month (const char *norm)
{
  char word[16];
  const char *p = norm;

  while (*p && g_unichar_isalpha (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p == norm || (gsize) (p - norm) >= sizeof word)
    return 0;
  memcpy (word, norm, p - norm);
  word[p - norm] = '\0';
  return month_of (word);
}

static gboolean
add_comp (Comp *comps, guint *n, CompKind kind, int value, int digits, char sep, guint pos)
{
  if (*n >= MAX_COMPS)
    return FALSE;
  comps[*n] = (Comp) { kind, value, digits, sep, pos };
  (*n)++;
  return kind != C_OTHER && kind != C_END;
}

/* Cuts @text (the token at @pos) into numbers, month names and separators. Returns FALSE
 * when the date cannot go on past this token. */
static gboolean
lex_token (const char *text, guint pos, gboolean first, Comp *comps, guint *n)
{
  const char *p = text;

  if (first)
    while (*p == '(' || *p == '[')
      p++;

  while (*p)
    {
      if (g_ascii_isdigit (*p))
        {
          int value = 0, digits = 0;

          for (; g_ascii_isdigit (*p); p++, digits++)
            if (digits < 5)
              value = value * 10 + (*p - '0');
          /* English ordinals: 21st, 2nd, 3rd, 8th. */
          if ((g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0
               || g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)
              && !g_ascii_isalpha (p[2]))
            p += 2;
          if (!add_comp (comps, n, C_NUM, value, digits, 0, pos))
            return FALSE;
        }
      else if (*p == '.' || *p == '/' || *p == '-' || *p == ',')
        {
          if (!add_comp (comps, n, C_SEP, 0, 0, *p, pos))
            return FALSE;
          p++;
        }
      else if (*p == ')' || *p == ']' || *p == ';' || *p == ':' || *p == '!' || *p == '?')
        {
          add_comp (comps, n, C_END, 0, 0, 0, pos);
          return FALSE;
        }
      else
        {
          char word[16];
          gsize len = 0;
          const char *start = p;
          int month;

          while (*p && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p == start || (gsize) (p - start) >= sizeof word)
            {
              add_comp (comps, n, C_OTHER, 0, 0, 0, pos);
              return FALSE;
            }
          for (const char *q = start; q < p; q++)
            word[len++] = g_ascii_tolower (*q);
          word[len] = '\0';
          /* Ä in “MÄRZ”, “JÄN”. */
          if (strstr (word, "\xc3\x84") != NULL)
            {
              g_autofree char *lower = g_utf8_strdown (word, -1);

              month = month_of (lower);
            }
          else
            month = month_of (word);
          if (month == 0 || !add_comp (comps, n, C_MONTH, month, 0, 0, pos))
            {
              if (month == 0)
                add_comp (comps, n, C_OTHER, 0, 0, 0, pos);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
take (const Comp *c, guint n, guint *i, CompKind kind, char sep)
{
  if (*i < n && c[*i].kind == kind && (kind != C_SEP || c[*i].sep == sep))
    {
      (*i)++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
take_num (const Comp *c, guint n, guint *i, int min_digits, int max_digits, int *value)
{
  if (*i < n && c[*i].kind == C_NUM && c[*i].digits >= min_digits && c[*i].digits <= max_digits)
    {
      *value = c[*i].value;
      (*i)++;
      return TRUE;
    }
  return FALSE;
}

/* Whether the date may end before component @i: nothing, a gap or closing punctuation
 * follows, or a full stop or comma that ends the sentence. */
static gboolean
ends_here (const Comp *c, guint n, guint i)
{
  if (i >= n || c[i].kind == C_GAP || c[i].kind == C_END)
    return TRUE;
  if (c[i].kind == C_SEP && (c[i].sep == '.' || c[i].sep == ','))
    return i + 1 >= n || c[i + 1].kind == C_GAP || c[i + 1].kind == C_END;
  return FALSE;
}

static int
full_year (int year, int digits)
{
  return digits == 2 ? 2000 + year : year;
}

/* A numeric date: d.m.y, d.m.yy, y-m-d, d/m/y (m/d/y in dollars), d-m-y; and d.m. without a
 * year (@year 0). */
static gboolean
numeric_date (const HDoc *doc, const Comp *c, guint n, guint *i, int *day, int *month, int *year)
{
  int a, b, y;
  char s;
  guint k = 0;

  if (take_num (c, n, &k, 4, 4, &y))
    {
      if (k >= n || c[k].kind != C_SEP || (c[k].sep != '-' && c[k].sep != '/'))
        return FALSE;
      s = c[k++].sep;
      if (take_num (c, n, &k, 1, 2, month) && take (c, n, &k, C_SEP, s)
          && take_num (c, n, &k, 1, 2, day) && ends_here (c, n, k))
        {
          *year = y;
          *i = k;
          return TRUE;
        }
      return FALSE;
    }

  if (!take_num (c, n, &k, 1, 2, &a) || k >= n || c[k].kind != C_SEP || c[k].sep == ',')
    return FALSE;
  s = c[k++].sep;
  if (!take_num (c, n, &k, 1, 2, &b) || !take (c, n, &k, C_SEP, s))
    return FALSE;

  if (s == '.' && (k >= n || c[k].kind == C_GAP || c[k].kind == C_END))
    {
      /* “bis zum 08.11.”: the year follows from the invoice date. */
      *day = a;
      *month = b;
      *year = 0;
      *i = k;
      return TRUE;
    }

  {
    int digits = k < n && c[k].kind == C_NUM ? c[k].digits : 0;

    if ((digits != 2 && digits != 4) || !take_num (c, n, &k, 2, 4, &y) || !ends_here (c, n, k))
      return FALSE;
    y = full_year (y, digits);
  }

  if (s == '.')
    {
      *day = a;
      *month = b;
    }
  else if (a > 12 || (b <= 12 && strcmp (doc->currency, "USD") != 0))
    {
      *day = a;
      *month = b;
    }
  else
    {
      *day = b;
      *month = a;
    }
  *year = y;
  *i = k;
  return TRUE;
}

/* A date with the month in words: “8. November 2023”, “21 Feb 2025”, “21-Feb-2025”,
 * “February 21, 2025”, “Nov. 8th, 2023”. */
static gboolean
worded_date (const Comp *c, guint n, guint *i, int *day, int *month, int *year)
{
  guint k = 0;

  if (take_num (c, n, &k, 1, 2, day))
    {
      if (!take (c, n, &k, C_SEP, '.'))
        take (c, n, &k, C_SEP, '-');
      take (c, n, &k, C_GAP, 0);
      if (k >= n || c[k].kind != C_MONTH)
        return FALSE;
      *month = c[k++].value;
      take (c, n, &k, C_SEP, '.');
      if (!take (c, n, &k, C_SEP, '-'))
        take (c, n, &k, C_GAP, 0);
      if (take (c, n, &k, C_SEP, ','))
        take (c, n, &k, C_GAP, 0);
    }
  else if (k < n && c[k].kind == C_MONTH)
    {
      *month = c[k++].value;
      take (c, n, &k, C_SEP, '.');
      if (!take (c, n, &k, C_GAP, 0) || !take_num (c, n, &k, 1, 2, day))
        return FALSE;
      take (c, n, &k, C_SEP, ',');
      if (!take (c, n, &k, C_GAP, 0))
        return FALSE;
    }
  else
    return FALSE;

  if (!take_num (c, n, &k, 4, 4, year) || !ends_here (c, n, k))
    return FALSE;
  *i = k;
  return TRUE;
}

/* Reads a date from the tokens at @pos of @row. @year is 0 for a day and month without a
 * year. Returns the position after the date, or 0. */
static guint
date_at (const HDoc *doc, const HRow *row, guint pos, int *day, int *month, int *year)
{
  Comp comps[MAX_COMPS];
  guint n = 0;
  guint used = 0;
  const HToken *t;

  if (pos >= row->n)
    return 0;
  t = h_row_token (doc, row, pos);
  {
    const char *text = t->text;
    gunichar c;

    while (*text == '(' || *text == '[')
      text++;
    c = g_utf8_get_char (text);
    /* A date begins with a number or a month's name. */
    if (!g_ascii_isdigit (c) && leading_month (t->norm) == 0)
      return 0;
  }

  for (guint p = pos; p < row->n && p < pos + DATE_TOKENS; p++)
    {
      const HToken *tp = h_row_token (doc, row, p);

      if (p > pos)
        {
          if (h_gap_before (doc, row, p) > 1.2 * tp->size)
            break;
          if (!add_comp (comps, &n, C_GAP, 0, 0, 0, p))
            break;
        }
      if (!lex_token (tp->text, p, p == pos, comps, &n))
        break;
    }

  if (!numeric_date (doc, comps, n, &used, day, month, year)
      && !worded_date (comps, n, &used, day, month, year))
    return 0;

  if (*year != 0 && (*year < 1990 || *year > 2099))
    return 0;
  if (*year != 0 && !g_date_valid_dmy (*day, *month, *year))
    return 0;
  if (*year == 0 && !g_date_valid_dmy (*day, *month, 2024)) /* a leap year: 29.02. */
    return 0;

  /* The last token the date uses. */
  {
    guint last = pos;

    for (guint k = 0; k < used; k++)
      if (comps[k].kind != C_GAP)
        last = comps[k].pos;
    return last + 1;
  }
}

/* Due dates */

typedef enum
{
  L_FIELD,    /* the label of a field: the date right of it or under it */
  L_WORD,     /* a bare “fällig”, “due”: the date right after it, or under it when alone */
  L_SENTENCE, /* “bis zum”, “by” in a sentence asking to pay: the date right after it */
  L_TERM,     /* “innerhalb von”, “within”, “net”: a number of days right after it */
  L_ISSUE,    /* the invoice date */
} LabelKind;

typedef struct
{
  const char *phrase;
  LabelKind kind;
  int score;
} DueLabel;

static const DueLabel due_labels[] = {
  { "fällig am", L_FIELD, 10 },
  { "fällig bis", L_FIELD, 10 },
  { "fällig bis zum", L_FIELD, 10 },
  { "fällig zum", L_FIELD, 10 },
  { "fälligkeit", L_FIELD, 10 },
  { "fälligkeitsdatum", L_FIELD, 10 },
  { "fälligkeitstermin", L_FIELD, 10 },
  { "zahlungsziel", L_FIELD, 9 },
  { "zahlungsfrist", L_FIELD, 9 },
  { "zahlungstermin", L_FIELD, 9 },
  { "zahlbar bis", L_FIELD, 10 },
  { "zahlbar bis zum", L_FIELD, 10 },
  { "zahlbar bis spätestens", L_FIELD, 10 },
  { "zahlbar spätestens", L_FIELD, 10 },
  { "zahlbar spätestens bis", L_FIELD, 10 },
  { "zahlbar am", L_FIELD, 9 },
  { "zu zahlen bis", L_FIELD, 10 },
  { "zu zahlen bis zum", L_FIELD, 10 },
  { "zahlungsbedingungen", L_FIELD, 7 },
  { "due date", L_FIELD, 10 },
  { "date due", L_FIELD, 10 },
  { "payment due", L_FIELD, 10 },
  { "payment due date", L_FIELD, 10 },
  { "payment due by", L_FIELD, 10 },
  { "payment due on", L_FIELD, 10 },
  { "payment deadline", L_FIELD, 9 },
  { "due on", L_FIELD, 9 },
  { "due by", L_FIELD, 9 },
  { "pay by", L_FIELD, 10 },
  { "please pay by", L_FIELD, 10 },
  { "payable by", L_FIELD, 10 },
  { "payable on", L_FIELD, 9 },
  { "payment terms", L_FIELD, 7 },
  { "terms", L_FIELD, 6 },
  { "date déchéance", L_FIELD, 10 },
  { "échéance", L_FIELD, 9 },
  { "date limite de paiement", L_FIELD, 10 },
  { "fällig", L_WORD, 8 },
  { "due", L_WORD, 8 },
  { "bis zum", L_SENTENCE, 6 },
  { "bis spätestens", L_SENTENCE, 6 },
  { "spätestens bis", L_SENTENCE, 6 },
  { "spätestens bis zum", L_SENTENCE, 6 },
  { "spätestens am", L_SENTENCE, 6 },
  { "bis", L_SENTENCE, 5 },
  { "by", L_SENTENCE, 6 },
  { "until", L_SENTENCE, 5 },
  { "no later than", L_SENTENCE, 6 },
  { "on or before", L_SENTENCE, 6 },
  { "before", L_SENTENCE, 5 },
  { "innerhalb von", L_TERM, 3 },
  { "innerhalb", L_TERM, 3 },
  { "binnen", L_TERM, 3 },
  { "zahlbar in", L_TERM, 3 },
  { "within", L_TERM, 3 },
  { "net", L_TERM, 3 },
  { "rechnungsdatum", L_ISSUE, 2 },
  { "rechnungs datum", L_ISSUE, 2 },
  { "invoice date", L_ISSUE, 2 },
  { "date of invoice", L_ISSUE, 2 },
  { "belegdatum", L_ISSUE, 2 },
  { "ausstellungsdatum", L_ISSUE, 2 },
  { "issue date", L_ISSUE, 2 },
  { "date of issue", L_ISSUE, 2 },
  { "date de facture", L_ISSUE, 2 },
  { "date de facturation", L_ISSUE, 2 },
  { "datum", L_ISSUE, 1 },
  { "date", L_ISSUE, 1 },
};
static HPhrases due_labels_set = H_PHRASES (due_labels);

/* Words between a label and its date: “Fällig am Mittwoch, den 08.11.2023”. */
static const char *const filler_words[] = {
  "am", "on", "bis", "zum", "spätestens", "by", "den", "ist", "is", "until", "the", "montag",
  "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "monday", "tuesday",
  "wednesday", "thursday", "friday", "saturday", "sunday", "net", "netto", "rein", NULL,
};
static HPhrases filler_words_set = H_PHRASES (filler_words);

/* Words of a sentence that asks for money. */
static const char *const pay_words[] = {
  "überweis*", "zahl*", "bezahl*", "begleich*", "ausgleich*", "transfer*", "pay*", "remit*",
  "settle*", "paid", "einzahl*", NULL,
};
static HPhrases pay_words_set = H_PHRASES (pay_words);

/* Words before “by”, “bis” that say something else happens by a date. */
static const char *const not_paid_words[] = {
  "delivered", "shipped", "prepared", "issued", "signed", "created", "ordered", "approved",
  "sent", "dispatched", "performed", "provided", "rendered", "supplied", "invoiced", "valid",
  "geliefert", "erbracht", "gültig", "gilt", "versandt", "erstellt", "vom", "from", NULL,
};
static HPhrases not_paid_words_set = H_PHRASES (not_paid_words);

/* A date in a sentence about a cash discount is not the due date. */
static const char *const discount_words[] = {
  "skonto*", "discount*", "abzüglich", NULL,
};
static HPhrases discount_words_set = H_PHRASES (discount_words);

static const char *const day_words[] = {
  "tag", "tage", "tagen", "kalendertage", "kalendertagen", "tg", "day", "days", NULL,
};
static HPhrases day_words_set = H_PHRASES (day_words);

/* “Fällig seit”, “due since”: the date a reminder says the money was due. */
static const char *const since_words[] = {
  "seit", "since", NULL,
};
static HPhrases since_words_set = H_PHRASES (since_words);

/* “war fällig am”, “was due on”: the same, told before the label. */
static const char *const past_words[] = {
  "war", "waren", "wurde", "was", "were", "ursprünglich", "originally", "bereits", "already",
  NULL,
};
static HPhrases past_words_set = H_PHRASES (past_words);

typedef struct
{
  int score;
  int day, month, year; /* year 0: from the date of the letter */
  int term;             /* > 0: days after the date of the letter */
  RemitBox box;
} DueCandidate;

typedef struct
{
  const HDoc *doc;
  GArray *candidates; /* DueCandidate */
  GDate invoice;      /* “Rechnungsdatum”, “Invoice date” */
  GDate letter;       /* the first plain “Datum”, “Date” */
  GDate base;         /* what terms count from */
} DueSearch;

/* A number of days at @pos: “14 Tagen”, “30 days”; with @bare also a lone “30” (“Net 30”).
 * Returns the position after it, or 0. */
static guint
term_at (const HDoc *doc, const HRow *row, guint pos, gboolean bare, int *days)
{
  const HToken *t;
  const char *p;
  int value = 0;

  if (pos >= row->n)
    return 0;
  t = h_row_token (doc, row, pos);
  for (p = t->text; g_ascii_isdigit (*p); p++)
    value = value * 10 + (*p - '0');
  if (p == t->text || p - t->text > 3 || *p != '\0' || value == 0 || value > 180)
    return 0;

  if (pos + 1 < row->n && h_text_has_word (doc, row, pos + 1, pos + 2, &day_words_set)
      && h_gap_before (doc, row, pos + 1) < 1.5 * t->size)
    {
      *days = value;
      return pos + 2;
    }
  if (bare)
    {
      static const int usual[] = { 7, 10, 14, 15, 20, 21, 28, 30, 45, 60, 90 };

      for (gsize i = 0; i < G_N_ELEMENTS (usual); i++)
        if (usual[i] == value)
          {
            *days = value;
            return pos + 1;
          }
    }
  return 0;
}

static void
add_date (DueSearch *s, int score, int day, int month, int year, const HRow *row, guint from,
          guint to)
{
  DueCandidate c = { score, day, month, year, 0, { 0 } };

  h_box_union_tokens (s->doc, row, from, to, &c.box);
  g_array_append_val (s->candidates, c);
}

static void
add_term (DueSearch *s, int score, int days, const HRow *row, guint from, guint to)
{
  DueCandidate c = { score, 0, 0, 0, days, { 0 } };

  h_box_union_tokens (s->doc, row, from, to, &c.box);
  g_array_append_val (s->candidates, c);
}

/* The first position from @p that is neither punctuation nor a word between a label and its
 * value. */
static guint
skip_fillers (const HDoc *doc, const HRow *row, guint p)
{
  for (guint skipped = 0; p < row->n && skipped < 4; p++, skipped++)
    {
      const HToken *t = h_row_token (doc, row, p);

      if (*t->norm != '\0' && !h_word_in (t->norm, &filler_words_set))
        break;
    }
  return p;
}

/* The value of a field label at [@pos, @end) of row @r: a date or a term right of it, or a
 * date under it as in a grid of header cells. Returns the date's day, month and year, or
 * the days of a term, through @found. */
static gboolean
value_after (const HDoc *doc,
             guint r,
             guint pos,
             guint end,
             gboolean below_only_alone,
             DueCandidate *found)
{
  const HRow *row = h_row (doc, r);
  const HToken *first = h_row_token (doc, row, pos);
  const HToken *last = h_row_token (doc, row, end - 1);
  guint p = skip_fillers (doc, row, end);
  guint e;
  guint below;

  memset (found, 0, sizeof *found);

  if (p < row->n && h_gap_before (doc, row, end) < 0.45 * h_page (doc, row->page)->width)
    {
      const HToken *t = h_row_token (doc, row, p);
      /* “30 Tage netto”; a bare number only after “net” (“Terms: Net 30”). */
      gboolean after_net = p > end
                           && g_str_has_prefix (h_row_token (doc, row, p - 1)->norm, "net");

      if ((e = date_at (doc, row, p, &found->day, &found->month, &found->year)) > 0)
        {
          h_box_union_tokens (doc, row, p, e, &found->box);
          return TRUE;
        }
      if ((e = term_at (doc, row, p, after_net, &found->term)) > 0)
        {
          h_box_union_tokens (doc, row, p, e, &found->box);
          return TRUE;
        }
      /* Text goes on after the label: not a label of a cell with its value under it. */
      if (h_gap_before (doc, row, p) < 2.5 * t->size)
        return FALSE;
    }

  if (below_only_alone && pos > 0 && h_gap_before (doc, row, pos) < 1.5 * first->size)
    return FALSE;

  if (h_row_below (doc, r, 1.6, &below))
    {
      const HRow *b = h_row (doc, below);
      double left = first->box.left - first->size;
      double right = last->box.left + last->box.width + last->size;

      for (guint q = 0; q < b->n; q++)
        {
          const HToken *t = h_row_token (doc, b, q);

          if (t->box.left + t->box.width < left || t->box.left > right)
            continue;
          if ((e = date_at (doc, b, q, &found->day, &found->month, &found->year)) > 0)
            {
              h_box_union_tokens (doc, b, q, e, &found->box);
              return TRUE;
            }
          return FALSE;
        }
    }

  return FALSE;
}

/* Whether a token ends a clause (or with @sentence, a sentence): a comma or semicolon after
 * it, or a full stop after a word (not after “Nr.”, “zzgl.” or a number). */
static gboolean
ends_clause (const HToken *t, gboolean sentence)
{
  gsize len = strlen (t->text);
  char last = len > 0 ? t->text[len - 1] : 0;

  if ((last == ',' && !sentence) || last == ';')
    return TRUE;
  return last == '.' && strlen (t->norm) >= 5 && !g_ascii_isdigit (t->norm[0]);
}

/* The clause of a sentence around the tokens [@pos, @end) of @row (or with @sentence, the
 * sentence): up to the punctuation that ends it, or a gap that begins another column. */
static void
clause_of (const HDoc *doc,
           const HRow *row,
           guint pos,
           guint end,
           gboolean sentence,
           guint *from,
           guint *to)
{
  guint f = pos, t = end;

  while (f > 0 && pos - f < 14
         && h_gap_before (doc, row, f) < 2.5 * h_row_token (doc, row, f)->size
         && !ends_clause (h_row_token (doc, row, f - 1), sentence))
    f--;
  while (t < row->n && t - end < 10
         && h_gap_before (doc, row, t) < 2.5 * h_row_token (doc, row, t)->size
         && !ends_clause (h_row_token (doc, row, t - 1), sentence))
    t++;
  *from = f;
  *to = t;
}

/* Whether tokens [@from, @to) of @row speak of a cash discount: “Skonto”, or a percentage
 * that is not the VAT rate (“2 % bei Zahlung innerhalb von 10 Tagen”, but not “inkl. 19 %
 * MwSt.”). */
static gboolean
about_discount (const HDoc *doc, const HRow *row, guint from, guint to)
{
  static const char *const vat_words[] = {
    "mwst*", "ust*", "umsatzsteuer*", "mehrwertsteuer*", "vat", "tax", NULL,
  };
  static HPhrases vat_words_set = H_PHRASES (vat_words);

  for (guint p = from; p < to; p++)
    if (strchr (h_row_token (doc, row, p)->text, '%') != NULL
        && !h_text_has_word (doc, row, p >= 2 ? p - 2 : 0, p + 3, &vat_words_set))
      return TRUE;
  return h_text_has_word (doc, row, from, to, &discount_words_set);
}

/* Whether a token of @row between @left and @right is a word asking for payment. */
static gboolean
pay_word_between (const HDoc *doc, const HRow *row, double left, double right)
{
  for (guint p = 0; p < row->n; p++)
    {
      const HToken *t = h_row_token (doc, row, p);

      if (t->box.left < right && t->box.left + t->box.width > left
          && h_word_in (t->norm, &pay_words_set))
        return TRUE;
    }
  return FALSE;
}

/* Whether the sentence of the tokens [@pos, @end) of row @r asks for payment: a word such
 * as “überweisen”, “zahlbar” or “pay” in it, or, where it goes on from the row above or on
 * to the row below, in the same column of that row. */
static gboolean
asks_to_pay (const HDoc *doc, guint r, guint pos, guint end)
{
  const HRow *row = h_row (doc, r);
  RemitBox span;
  guint from, to;

  clause_of (doc, row, pos, end, TRUE, &from, &to);
  if (h_text_has_word (doc, row, from, to, &pay_words_set))
    return TRUE;
  /* The column: the clause and the text around it up to a wide gap. */
  {
    guint a = from, b = to;

    while (a > 0 && h_gap_before (doc, row, a) < 2.5 * h_row_token (doc, row, a)->size)
      a--;
    while (b < row->n && h_gap_before (doc, row, b) < 2.5 * h_row_token (doc, row, b)->size)
      b++;
    h_box_union_tokens (doc, row, a, b, &span);
  }
  if ((from == 0 || h_gap_before (doc, row, from) >= 2.5 * h_row_token (doc, row, from)->size)
      && r > 0 && h_row (doc, r - 1)->page == row->page
      && pay_word_between (doc, h_row (doc, r - 1), span.left, span.left + span.width))
    return TRUE;
  if ((to == row->n || h_gap_before (doc, row, to) >= 2.5 * h_row_token (doc, row, to)->size)
      && r + 1 < doc->rows->len && h_row (doc, r + 1)->page == row->page
      && pay_word_between (doc, h_row (doc, r + 1), span.left, span.left + span.width))
    return TRUE;
  return FALSE;
}

static void
label_found (DueSearch *s, guint r, guint pos, guint end, const DueLabel *label)
{
  const HDoc *doc = s->doc;
  const HRow *row = h_row (doc, r);
  const HToken *t = h_row_token (doc, row, pos);
  DueCandidate c;
  guint e;

  switch (label->kind)
    {
    case L_ISSUE:
      /* “Due date”, “Lieferdatum”: “date” is part of another label. */
      if (pos > 0 && h_gap_before (doc, row, pos) < 1.5 * t->size
          && g_unichar_isalpha (g_utf8_get_char (h_row_token (doc, row, pos - 1)->text)))
        return;
      {
        GDate *date = label->score >= 2 ? &s->invoice : &s->letter;

        if (!g_date_valid (date) && value_after (doc, r, pos, end, FALSE, &c) && c.term == 0
            && c.year != 0)
          g_date_set_dmy (date, c.day, c.month, c.year);
      }
      return;

    case L_FIELD:
    case L_WORD:
      /* “Fällig seit”, “overdue since”: a reminder's account of the past. */
      if ((end < row->n && h_text_has_word (doc, row, end, end + 1, &since_words_set))
          || (pos > 0 && h_text_has_word (doc, row, pos - 1, pos, &past_words_set)))
        return;
      /* “Amount due”, “sofort fällig”: a bare word stands alone, or its date follows. */
      if (value_after (doc, r, pos, end, label->kind == L_WORD, &c))
        {
          if (label->kind == L_WORD && c.term > 0)
            return;
          c.score = label->score;
          if (c.year == 0 && c.term == 0)
            c.score--;
          if (c.term > 0)
            c.score = 4;
          g_array_append_val (s->candidates, c);
        }
      return;

    case L_SENTENCE:
      {
        int day, month, year;
        guint from, to;
        double gap;

        if (end >= row->n)
          return;
        gap = h_gap_before (doc, row, end);
        if (gap > 0.45 * h_page (doc, row->page)->width
            || (e = date_at (doc, row, end, &day, &month, &year)) == 0)
          return;
        /* “vom 01.10. bis 31.10.”: a period; “delivered by”: not a payment. */
        if (pos > 0)
          {
            const HToken *prev = h_row_token (doc, row, pos - 1);

            if (g_ascii_isdigit (prev->text[0]) || h_word_in (prev->norm, &not_paid_words_set))
              return;
          }
        clause_of (doc, row, pos, e, FALSE, &from, &to);
        if (about_discount (doc, row, from, to))
          return;
        /* The date in a column of its own: “Zahlbar ohne Abzug bis      20.11.2018”. */
        if (gap > 1.5 * t->size ? !h_text_has_word (doc, row, from, pos, &pay_words_set)
                                : !asks_to_pay (doc, r, pos, e))
          return;
        add_date (s, year == 0 ? label->score - 1 : label->score, day, month, year, row, end, e);
      }
      return;

    case L_TERM:
      {
        int days;
        guint from, to;

        if ((e = term_at (doc, row, end, strcmp (t->norm, "net") == 0, &days)) == 0)
          return;
        clause_of (doc, row, pos, e, FALSE, &from, &to);
        if (about_discount (doc, row, from, to) || !asks_to_pay (doc, r, pos, e))
          return;
        add_term (s, label->score, days, row, pos, e);
      }
      return;

    default:
      return;
    }
}

/* Turns a candidate into a date: a term added to the date of the letter, the year of a day
 * and month without one from it. */
static gboolean
resolve (const DueSearch *s, const DueCandidate *c, GDate *out)
{
  g_date_clear (out, 1);

  if (c->term > 0)
    {
      if (!g_date_valid (&s->base))
        return FALSE;
      *out = s->base;
      g_date_add_days (out, c->term);
      return TRUE;
    }
  if (c->year != 0)
    {
      g_date_set_dmy (out, c->day, c->month, c->year);
      return TRUE;
    }
  if (!g_date_valid (&s->base)
      || !g_date_valid_dmy (c->day, c->month, g_date_get_year (&s->base)))
    return FALSE;
  /* The first such day on or after the date of the letter. */
  g_date_set_dmy (out, c->day, c->month, g_date_get_year (&s->base));
  if (g_date_compare (out, &s->base) < 0)
    {
      int year = g_date_get_year (&s->base) + 1;

      if (!g_date_valid_dmy (c->day, c->month, year))
        return FALSE;
      g_date_set_dmy (out, c->day, c->month, year);
    }
  return TRUE;
}

void
h_find_due_date (HDoc *doc, gboolean reminder, HField *due)
{
  DueSearch s = { doc, NULL };
  const DueCandidate *best = NULL;
  GDate best_date;

  g_date_clear (&s.invoice, 1);
  g_date_clear (&s.letter, 1);
  g_date_clear (&s.base, 1);
  s.candidates = g_array_new (FALSE, TRUE, sizeof (DueCandidate));

  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n; pos++)
        {
          int which;
          guint end = h_row_match (doc, row, pos, &due_labels_set, &which);

          if (end == 0)
            continue;
          label_found (&s, r, pos, end, &due_labels[which]);
          pos = end - 1;
        }
    }

  /* A term counts from the invoice date, or on a reminder from the reminder's own date,
   * never from the date of the invoice it reminds of. */
  if (reminder)
    s.base = s.letter;
  else
    s.base = g_date_valid (&s.invoice) ? s.invoice : s.letter;

  for (guint i = 0; i < s.candidates->len; i++)
    {
      const DueCandidate *c = &g_array_index (s.candidates, DueCandidate, i);
      GDate date;

      if (best != NULL && c->score <= best->score)
        continue;
      if (!resolve (&s, c, &date))
        continue;
      /* Due before the invoice was written: a date of something else. */
      if (g_date_valid (&s.invoice) && g_date_compare (&date, &s.invoice) < 0)
        continue;
      best = c;
      best_date = date;
    }

  if (best != NULL)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%04d-%02d-%02d", g_date_get_year (&best_date),
                  g_date_get_month (&best_date), g_date_get_day (&best_date));
      h_field_set (due, value, &best->box, best->score);
      g_debug ("due date %s (score %d)", value, best->score);
    }

  g_array_unref (s.candidates);
}
