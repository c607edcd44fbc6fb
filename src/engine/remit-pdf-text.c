/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-pdf-text"

#include "config.h"

#include <string.h>

#include "remit-pdf-text.h"
#include "remit-poppler-private.h"

/* One character of poppler's text with its box and font. */
typedef struct
{
  gunichar c;
  const char *utf8; /* points into the page text */
  gsize utf8_len;
  double x1, y1, x2, y2;
  const PopplerTextAttributes *attributes;
} Glyph;

/* A word being collected. */
typedef struct
{
  GString *text;
  double x1, y1, x2, y2;
  const PopplerTextAttributes *attributes;
} WordAcc;

/* A line: its words and its box, kept until paragraphs are decided. */
typedef struct
{
  GArray *words; /* of WordAcc */
  double x1, y1, x2, y2;
} LineAcc;

static void
word_acc_clear (WordAcc *word)
{
  if (word->text != NULL)
    g_string_free (word->text, TRUE);
  word->text = NULL;
}

static void
line_acc_clear (LineAcc *line)
{
  g_clear_pointer (&line->words, g_array_unref);
}

/* “ABCDEF+DejaVuSans-Bold” → family “DejaVu Sans”-like “DejaVuSans”, bold TRUE. */
static char *
font_family_from_name (const char *name, gboolean *bold)
{
  const char *plus;
  const char *start = name;
  g_autofree char *lower = NULL;
  char *family;
  char *cut;

  *bold = FALSE;
  if (name == NULL || *name == '\0')
    return NULL;

  /* A subset prefix is six upper-case letters and a plus sign. */
  plus = strchr (name, '+');
  if (plus != NULL && plus - name == 6)
    start = plus + 1;

  lower = g_ascii_strdown (start, -1);
  *bold = strstr (lower, "bold") != NULL || strstr (lower, "black") != NULL
          || strstr (lower, "heavy") != NULL || strstr (lower, "semibold") != NULL
          || strstr (lower, "demi") != NULL;

  family = g_strdup (start);
  cut = strpbrk (family, "-,");
  if (cut != NULL && cut != family)
    *cut = '\0';

  return family;
}

static void
flush_word (GArray *words, WordAcc *word)
{
  if (word->text == NULL || word->text->len == 0)
    {
      word_acc_clear (word);
      return;
    }

  g_array_append_val (words, *word);
  memset (word, 0, sizeof *word);
}

static void
add_glyph (WordAcc *word, const Glyph *glyph)
{
  if (word->text == NULL)
    {
      word->text = g_string_new (NULL);
      word->x1 = glyph->x1;
      word->y1 = glyph->y1;
      word->x2 = glyph->x2;
      word->y2 = glyph->y2;
      word->attributes = glyph->attributes;
    }
  else
    {
      word->x1 = MIN (word->x1, glyph->x1);
      word->y1 = MIN (word->y1, glyph->y1);
      word->x2 = MAX (word->x2, glyph->x2);
      word->y2 = MAX (word->y2, glyph->y2);
    }

  g_string_append_len (word->text, glyph->utf8, glyph->utf8_len);
}

typedef enum
{
  BREAK_NONE,
  BREAK_WORD,
  BREAK_LINE,
} Break;

/* Poppler's text joins the cells of a table row that sit in different blocks without a
 * space (“Zahlbetrag529,87”), and blocks on different baselines without a line break. A
 * glyph that moves up or down by more than half a line starts a new line; one that starts
 * clearly right of the word so far (more than a fifth of the glyph's height, wider than
 * kerning ever is), goes back to the left, or sits on another baseline starts a new word. */
static Break
glyph_break (const WordAcc *word, const Glyph *glyph)
{
  double height = MAX (glyph->y2 - glyph->y1, 1.0);
  double size = MAX (word->y2 - word->y1, height);
  double shift = ABS ((glyph->y1 + glyph->y2) - (word->y1 + word->y2)) / 2;
  double gap = glyph->x1 - word->x2;

  if (shift > 0.5 * size)
    return BREAK_LINE;
  if (gap > 0.2 * height || glyph->x2 < word->x1)
    return BREAK_WORD;
  if (glyph->y1 >= word->y2 || glyph->y2 <= word->y1)
    return BREAK_WORD;
  return BREAK_NONE;
}

static void
flush_line (GArray *lines, LineAcc *line)
{
  if (line->words == NULL || line->words->len == 0)
    {
      line_acc_clear (line);
      return;
    }

  for (guint i = 0; i < line->words->len; i++)
    {
      const WordAcc *w = &g_array_index (line->words, WordAcc, i);

      line->x1 = i == 0 ? w->x1 : MIN (line->x1, w->x1);
      line->y1 = i == 0 ? w->y1 : MIN (line->y1, w->y1);
      line->x2 = i == 0 ? w->x2 : MAX (line->x2, w->x2);
      line->y2 = i == 0 ? w->y2 : MAX (line->y2, w->y2);
    }

  g_array_append_val (lines, *line);
  memset (line, 0, sizeof *line);
}

static GArray *
new_word_array (void)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (WordAcc));

  g_array_set_clear_func (words, (GDestroyNotify) word_acc_clear);
  return words;
}

/* Two consecutive lines belong to one paragraph when the gap between them is small
 * compared with their height and they overlap horizontally. */
static gboolean
same_paragraph (const LineAcc *above, const LineAcc *below)
{
  double height = MAX (above->y2 - above->y1, below->y2 - below->y1);
  double gap = below->y1 - above->y2;
  double overlap = MIN (above->x2, below->x2) - MAX (above->x1, below->x1);

  return gap >= -0.5 * height && gap < 0.8 * height && overlap > 0;
}

/* Adds the words of @lines to the page being built; returns how many there were. */
static guint
emit_page (RemitLayoutBuilder *builder, GArray *lines)
{
  GHashTable *families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_words = 0;

  remit_layout_builder_add_zone (builder);

  for (guint i = 0; i < lines->len; i++)
    {
      const LineAcc *line = &g_array_index (lines, LineAcc, i);

      if (i == 0 || !same_paragraph (&g_array_index (lines, LineAcc, i - 1), line))
        remit_layout_builder_add_paragraph (builder, NULL);
      remit_layout_builder_add_line (builder, NULL);

      for (guint j = 0; j < line->words->len; j++)
        {
          const WordAcc *w = &g_array_index (line->words, WordAcc, j);
          RemitBox box = { 0, w->x1, w->y1, w->x2 - w->x1, w->y2 - w->y1 };
          g_autofree char *family = NULL;
          const char *interned = NULL;
          gboolean bold = FALSE;
          double size = -1;

          if (w->attributes != NULL)
            {
              family = font_family_from_name (w->attributes->font_name, &bold);
              size = w->attributes->font_size;
            }
          if (family != NULL)
            {
              interned = g_hash_table_lookup (families, family);
              if (interned == NULL)
                {
                  interned = g_strdup (family);
                  g_hash_table_add (families, (gpointer) interned);
                }
            }

          remit_layout_builder_add_word (builder, &box, size, interned, bold, w->text->str);
          n_words++;
        }
    }

  g_hash_table_unref (families);
  return n_words;
}

static const PopplerTextAttributes *
attributes_at (GList **cursor, guint index)
{
  while (*cursor != NULL)
    {
      const PopplerTextAttributes *attr = (*cursor)->data;

      if ((guint) attr->end_index >= index)
        return (guint) attr->start_index <= index ? attr : NULL;
      *cursor = (*cursor)->next;
    }

  return NULL;
}

guint
remit_pdf_text_add_page (RemitLayoutBuilder *builder, PopplerPage *page, int number)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (LineAcc));
  GList *attributes = poppler_page_get_text_attributes (page);
  GList *cursor = attributes;
  LineAcc line = { 0 };
  WordAcc word = { 0 };
  guint n_rects = 0;
  double width, height;
  guint index = 0;
  guint n_words;

  g_return_val_if_fail (builder != NULL, 0);
  g_return_val_if_fail (POPPLER_IS_PAGE (page), 0);

  g_array_set_clear_func (lines, (GDestroyNotify) line_acc_clear);

  poppler_page_get_size (page, &width, &height);
  remit_layout_builder_add_page (builder, number, width, height);

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    {
      poppler_page_free_text_attributes (attributes);
      return 0;
    }

  for (const char *p = text; *p && index < n_rects; p = g_utf8_next_char (p), index++)
    {
      Glyph glyph = {
        .c = g_utf8_get_char (p),
        .utf8 = p,
        .utf8_len = g_utf8_next_char (p) - p,
        .x1 = rects[index].x1,
        .y1 = rects[index].y1,
        .x2 = rects[index].x2,
        .y2 = rects[index].y2,
      };

      if (glyph.c == '\n' || glyph.c == '\r')
        {
          if (line.words != NULL)
            flush_word (line.words, &word);
          flush_line (lines, &line);
          continue;
        }

      if (g_unichar_isspace (glyph.c) || glyph.c == 0x00A0)
        {
          if (line.words != NULL)
            flush_word (line.words, &word);
          continue;
        }

      glyph.attributes = attributes_at (&cursor, index);

      if (word.text != NULL)
        {
          Break brk = glyph_break (&word, &glyph);

          if (brk != BREAK_NONE)
            flush_word (line.words, &word);
          if (brk == BREAK_LINE)
            flush_line (lines, &line);
        }

      if (line.words == NULL)
        line.words = new_word_array ();
      add_glyph (&word, &glyph);
    }

  if (line.words != NULL)
    flush_word (line.words, &word);
  word_acc_clear (&word);
  flush_line (lines, &line);

  n_words = emit_page (builder, lines);
  poppler_page_free_text_attributes (attributes);
  return n_words;
}

RemitLayout *
remit_pdf_text_extract (PopplerDocument *document,
                        guint max_pages,
                        GCancellable *cancellable,
                        GError **error)
{
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  int n_pages;

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), NULL);

  n_pages = poppler_document_get_n_pages (document);
  if (max_pages > 0)
    n_pages = MIN (n_pages, (int) max_pages);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr (PopplerPage) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      page = poppler_document_get_page (document, i);
      if (page == NULL)
        continue;
      remit_pdf_text_add_page (builder, page, i + 1);
    }

  return remit_layout_builder_end (builder);
}

gboolean
remit_pdf_text_has_text (RemitLayout *layout)
{
  return layout != NULL && remit_layout_get_n_words (layout) > 0;
}
