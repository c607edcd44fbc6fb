/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-core-error.h"
#include "remit-json-private.h"
#include "remit-layout.h"

/*
 * A layout keeps every kind of element in one flat array, in reading order; a parent
 * refers to its children as a range (first, count) of the next array down. A 100-page
 * document with tens of thousands of words is then a handful of allocations, and the
 * words of a page or a line are a contiguous C array.
 */

enum
{
  WORD_HAS_FONT_SIZE = 1 << 0,
  WORD_HAS_BOLD = 1 << 1,
};

typedef struct
{
  guint first_paragraph;
  guint n_paragraphs;
  JsonObject *extra;
} Zone;

typedef struct
{
  RemitBox box;
  guint first_line;
  guint n_lines;
  gboolean box_given;
  gboolean box_set;
  JsonObject *extra;
} Paragraph;

struct _RemitLayoutLine
{
  RemitBox box;
  const RemitLayoutPage *page;  /* set when the layout is complete */
  const RemitLayoutWord *words; /* likewise */
  guint first_word;
  guint n_words;
  gboolean box_given;
  gboolean box_set;
  JsonObject *extra;
};

struct _RemitLayoutPage
{
  RemitLayout *layout; /* not a reference: the layout owns its pages */
  int number;
  double width;
  double height;
  guint first_zone;
  guint n_zones;
  guint first_line;
  guint n_lines;
  guint first_word;
  guint n_words;
  guint first_region;
  guint n_regions;
  gboolean write_regions;
  JsonObject *extra;
};

struct _RemitLayout
{
  gatomicrefcount ref_count;
  GArray *pages;      /* RemitLayoutPage */
  GArray *zones;      /* Zone */
  GArray *paragraphs; /* Paragraph */
  GArray *lines;      /* RemitLayoutLine */
  GArray *words;      /* RemitLayoutWord */
  GArray *regions;    /* RemitLayoutRegion */
  GStringChunk *strings;
  JsonObject *extra;
};

struct _RemitLayoutBuilder
{
  RemitLayout *layout;
};

G_DEFINE_BOXED_TYPE (RemitLayout, remit_layout, remit_layout_ref, remit_layout_unref)

#define PAGE(layout, i) (&g_array_index ((layout)->pages, RemitLayoutPage, (i)))
#define ZONE(layout, i) (&g_array_index ((layout)->zones, Zone, (i)))
#define PARAGRAPH(layout, i) (&g_array_index ((layout)->paragraphs, Paragraph, (i)))
#define LINE(layout, i) (&g_array_index ((layout)->lines, RemitLayoutLine, (i)))
#define WORD(layout, i) (&g_array_index ((layout)->words, RemitLayoutWord, (i)))
#define REGION(layout, i) (&g_array_index ((layout)->regions, RemitLayoutRegion, (i)))

/* Each element struct begins differently; these clear the JSON members they keep. */
static void
clear_page (gpointer data)
{
  g_clear_pointer (&((RemitLayoutPage *) data)->extra, json_object_unref);
}

static void
clear_zone (gpointer data)
{
  g_clear_pointer (&((Zone *) data)->extra, json_object_unref);
}

static void
clear_paragraph (gpointer data)
{
  g_clear_pointer (&((Paragraph *) data)->extra, json_object_unref);
}

static void
clear_line (gpointer data)
{
  g_clear_pointer (&((RemitLayoutLine *) data)->extra, json_object_unref);
}

static void
clear_word (gpointer data)
{
  g_clear_pointer (&((RemitLayoutWord *) data)->extra, json_object_unref);
}

static void
clear_region (gpointer data)
{
  g_clear_pointer (&((RemitLayoutRegion *) data)->extra, json_object_unref);
}

static GArray *
element_array_new (guint element_size, GDestroyNotify clear_func)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_array_set_clear_func (array, clear_func);
  return array;
}

static RemitLayout *
remit_layout_new (void)
{
  RemitLayout *layout = g_new0 (RemitLayout, 1);

  g_atomic_ref_count_init (&layout->ref_count);
  layout->pages = element_array_new (sizeof (RemitLayoutPage), clear_page);
  layout->zones = element_array_new (sizeof (Zone), clear_zone);
  layout->paragraphs = element_array_new (sizeof (Paragraph), clear_paragraph);
  layout->lines = element_array_new (sizeof (RemitLayoutLine), clear_line);
  layout->words = element_array_new (sizeof (RemitLayoutWord), clear_word);
  layout->regions = element_array_new (sizeof (RemitLayoutRegion), clear_region);
  layout->strings = g_string_chunk_new (4096);
  return layout;
}

RemitLayout *
remit_layout_ref (RemitLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
remit_layout_unref (RemitLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;

  g_array_unref (layout->pages);
  g_array_unref (layout->zones);
  g_array_unref (layout->paragraphs);
  g_array_unref (layout->lines);
  g_array_unref (layout->words);
  g_array_unref (layout->regions);
  g_string_chunk_free (layout->strings);
  g_clear_pointer (&layout->extra, json_object_unref);
  g_free (layout);
}

/* Builder */

static void
extend_box (RemitBox *box, gboolean *set, const RemitBox *add)
{
  if (!*set)
    {
      int page = box->page;

      *box = *add;
      box->page = page;
      *set = TRUE;
    }
  else
    {
      RemitBox other = *add;

      other.page = box->page;
      remit_box_union (box, &other, box);
    }
}

static gboolean
has_page_number (RemitLayout *layout, int number)
{
  for (guint i = 0; i < layout->pages->len; i++)
    {
      if (PAGE (layout, i)->number == number)
        return TRUE;
    }
  return FALSE;
}

static RemitLayoutPage *
current_page (RemitLayout *layout)
{
  if (layout->pages->len == 0)
    return NULL;
  return PAGE (layout, layout->pages->len - 1);
}

static RemitLayoutPage *
push_page (RemitLayout *layout, int number, double width, double height)
{
  RemitLayoutPage page = { 0 };

  page.number = number;
  page.width = width;
  page.height = height;
  page.first_zone = layout->zones->len;
  page.first_line = layout->lines->len;
  page.first_word = layout->words->len;
  page.first_region = layout->regions->len;
  page.write_regions = TRUE;
  g_array_append_val (layout->pages, page);
  return current_page (layout);
}

static Zone *
push_zone (RemitLayout *layout)
{
  RemitLayoutPage *page = current_page (layout);
  Zone zone = { 0 };

  zone.first_paragraph = layout->paragraphs->len;
  g_array_append_val (layout->zones, zone);
  page->n_zones++;
  return ZONE (layout, layout->zones->len - 1);
}

static Zone *
ensure_zone (RemitLayout *layout)
{
  RemitLayoutPage *page = current_page (layout);

  if (page->n_zones == 0)
    return push_zone (layout);
  return ZONE (layout, layout->zones->len - 1);
}

static Paragraph *
push_paragraph (RemitLayout *layout, const RemitBox *box)
{
  RemitLayoutPage *page = current_page (layout);
  Zone *zone = ensure_zone (layout);
  Paragraph paragraph = { 0 };

  paragraph.box.page = page->number;
  paragraph.first_line = layout->lines->len;
  if (box != NULL)
    {
      extend_box (&paragraph.box, &paragraph.box_set, box);
      paragraph.box_given = TRUE;
    }
  g_array_append_val (layout->paragraphs, paragraph);
  zone->n_paragraphs++;
  return PARAGRAPH (layout, layout->paragraphs->len - 1);
}

static Paragraph *
ensure_paragraph (RemitLayout *layout)
{
  Zone *zone = ensure_zone (layout);

  if (zone->n_paragraphs == 0)
    return push_paragraph (layout, NULL);
  return PARAGRAPH (layout, layout->paragraphs->len - 1);
}

static RemitLayoutLine *
push_line (RemitLayout *layout, const RemitBox *box)
{
  RemitLayoutPage *page = current_page (layout);
  Paragraph *paragraph = ensure_paragraph (layout);
  RemitLayoutLine line = { 0 };

  line.box.page = page->number;
  line.first_word = layout->words->len;
  if (box != NULL)
    {
      extend_box (&line.box, &line.box_set, box);
      line.box_given = TRUE;
      if (!paragraph->box_given)
        extend_box (&paragraph->box, &paragraph->box_set, box);
    }
  g_array_append_val (layout->lines, line);
  paragraph->n_lines++;
  page->n_lines++;
  return LINE (layout, layout->lines->len - 1);
}

static RemitLayoutLine *
ensure_line (RemitLayout *layout)
{
  Paragraph *paragraph = ensure_paragraph (layout);

  if (paragraph->n_lines == 0)
    return push_line (layout, NULL);
  return LINE (layout, layout->lines->len - 1);
}

static RemitLayoutWord *
push_word (RemitLayout *layout,
           const RemitBox *box,
           double font_size,
           const char *font_family,
           guint flags,
           gboolean bold,
           const char *text)
{
  RemitLayoutPage *page = current_page (layout);
  RemitLayoutLine *line = ensure_line (layout);
  Paragraph *paragraph = PARAGRAPH (layout, layout->paragraphs->len - 1);
  RemitLayoutWord word = { 0 };

  word.left = box->left;
  word.top = box->top;
  word.width = box->width;
  word.height = box->height;
  word.font_size = (flags & WORD_HAS_FONT_SIZE) ? font_size : 0;
  word.font_family = font_family != NULL
                         ? g_string_chunk_insert_const (layout->strings, font_family)
                         : NULL;
  word.text = g_string_chunk_insert (layout->strings, text);
  word.bold = (flags & WORD_HAS_BOLD) ? !!bold : FALSE;
  word.flags = flags;
  word.line = layout->lines->len - 1;

  if (!line->box_given)
    extend_box (&line->box, &line->box_set, box);
  if (!paragraph->box_given)
    extend_box (&paragraph->box, &paragraph->box_set, box);

  g_array_append_val (layout->words, word);
  line->n_words++;
  page->n_words++;
  return WORD (layout, layout->words->len - 1);
}

static RemitLayoutRegion *
push_region (RemitLayout *layout, const RemitBox *box, const char *type)
{
  RemitLayoutPage *page = current_page (layout);
  RemitLayoutRegion region = { 0 };

  region.left = box->left;
  region.top = box->top;
  region.width = box->width;
  region.height = box->height;
  region.type = type != NULL ? g_string_chunk_insert_const (layout->strings, type) : NULL;
  g_array_append_val (layout->regions, region);
  page->n_regions++;
  return REGION (layout, layout->regions->len - 1);
}

/* Points pages and lines at their layout and words, once the arrays stop moving. */
static RemitLayout *
finish_layout (RemitLayout *layout)
{
  for (guint i = 0; i < layout->pages->len; i++)
    {
      RemitLayoutPage *page = PAGE (layout, i);

      page->layout = layout;
      for (guint j = 0; j < page->n_lines; j++)
        {
          RemitLayoutLine *line = LINE (layout, page->first_line + j);

          line->page = page;
          line->words = line->n_words > 0 ? WORD (layout, line->first_word) : NULL;
        }
    }
  return layout;
}

/**
 * remit_layout_builder_new:
 *
 * Returns: (transfer full): a new builder; free it with remit_layout_builder_free()
 */
RemitLayoutBuilder *
remit_layout_builder_new (void)
{
  RemitLayoutBuilder *builder = g_new0 (RemitLayoutBuilder, 1);

  builder->layout = remit_layout_new ();
  return builder;
}

void
remit_layout_builder_free (RemitLayoutBuilder *builder)
{
  g_return_if_fail (builder != NULL);

  remit_layout_unref (builder->layout);
  g_free (builder);
}

/**
 * remit_layout_builder_add_page:
 * @builder: a builder
 * @number: the page number, from 1, not used by an earlier page
 * @width: the page width in layout units, greater than 0
 * @height: the page height, greater than 0
 *
 * Starts a new page. It gets an empty list of regions.
 */
void
remit_layout_builder_add_page (RemitLayoutBuilder *builder, int number, double width, double height)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (number >= 1);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (!has_page_number (builder->layout, number));

  push_page (builder->layout, number, width, height);
}

/**
 * remit_layout_builder_add_zone:
 * @builder: a builder with a page
 *
 * Starts a new text zone on the current page.
 */
void
remit_layout_builder_add_zone (RemitLayoutBuilder *builder)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (current_page (builder->layout) != NULL);

  push_zone (builder->layout);
}

/**
 * remit_layout_builder_add_paragraph:
 * @builder: a builder with a page
 * @box: (nullable): the paragraph's box (its page is ignored), or %NULL for the box around
 *   the lines and words that follow
 *
 * Starts a new paragraph in the current zone.
 */
void
remit_layout_builder_add_paragraph (RemitLayoutBuilder *builder, const RemitBox *box)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (current_page (builder->layout) != NULL);
  g_return_if_fail (box == NULL || (box->width >= 0 && box->height >= 0));

  push_paragraph (builder->layout, box);
}

/**
 * remit_layout_builder_add_line:
 * @builder: a builder with a page
 * @box: (nullable): the line's box (its page is ignored), or %NULL for the box around the
 *   words that follow
 *
 * Starts a new line in the current paragraph.
 */
void
remit_layout_builder_add_line (RemitLayoutBuilder *builder, const RemitBox *box)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (current_page (builder->layout) != NULL);
  g_return_if_fail (box == NULL || (box->width >= 0 && box->height >= 0));

  push_line (builder->layout, box);
}

/**
 * remit_layout_builder_add_word:
 * @builder: a builder with a page
 * @box: the word's box; its page is ignored
 * @font_size: the font size, or a negative number if not known
 * @font_family: (nullable): the font family, or %NULL if not known
 * @bold: whether the word is bold
 * @text: the word
 *
 * Appends a word to the current line.
 */
void
remit_layout_builder_add_word (RemitLayoutBuilder *builder,
                               const RemitBox *box,
                               double font_size,
                               const char *font_family,
                               gboolean bold,
                               const char *text)
{
  guint flags = WORD_HAS_BOLD;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (current_page (builder->layout) != NULL);
  g_return_if_fail (box != NULL && box->width >= 0 && box->height >= 0);
  g_return_if_fail (text != NULL);

  if (font_size >= 0)
    flags |= WORD_HAS_FONT_SIZE;
  push_word (builder->layout, box, font_size, font_family, flags, bold, text);
}

/**
 * remit_layout_builder_add_region:
 * @builder: a builder with a page
 * @box: the region's box; its page is ignored
 * @type: (nullable): what the region holds
 *
 * Adds a region to the current page.
 */
void
remit_layout_builder_add_region (RemitLayoutBuilder *builder, const RemitBox *box, const char *type)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (current_page (builder->layout) != NULL);
  g_return_if_fail (box != NULL && box->width >= 0 && box->height >= 0);

  push_region (builder->layout, box, type);
}

/**
 * remit_layout_builder_end:
 * @builder: a builder
 *
 * Completes the layout. The builder is empty again afterwards and can build another one.
 *
 * Returns: (transfer full): the layout
 */
RemitLayout *
remit_layout_builder_end (RemitLayoutBuilder *builder)
{
  RemitLayout *layout;

  g_return_val_if_fail (builder != NULL, NULL);

  layout = g_steal_pointer (&builder->layout);
  builder->layout = remit_layout_new ();
  return finish_layout (layout);
}

/* Parsing */

static const char *const layout_members[] = { "pages", NULL };
static const char *const page_members[] = {
  "number", "sizeX", "sizeY", "textZones", "regions", NULL,
};
static const char *const zone_members[] = { "paragraphs", NULL };
static const char *const paragraph_members[] = { "l", "t", "w", "h", "lines", NULL };
static const char *const line_members[] = { "l", "t", "w", "h", "wds", NULL };
static const char *const word_members[] = {
  "l", "t", "w", "h", "fontSize", "fontFamily", "bold", "text", NULL,
};
static const char *const region_members[] = { "l", "t", "w", "h", "type", NULL };

/*
 * Reads the box members l, t, w and h. When @required is FALSE they may all be missing
 * (then *found is FALSE); if one is there, all must be.
 */
static gboolean
parse_rect (JsonObject *object,
            const char *path,
            gboolean required,
            RemitBox *out,
            gboolean *found,
            GError **error)
{
  static const char *const names[] = { "l", "t", "w", "h" };
  double values[4] = { 0 };
  gboolean present[4];
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!remit_json_get_number (object, path, names[i], FALSE, &values[i], &present[i], error))
        return FALSE;
      any |= present[i];
    }

  if (found != NULL)
    *found = any;
  if (!any && !required)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* Reports the first member that is missing. */
      if (!present[i]
          && !remit_json_get_number (object, path, names[i], TRUE, &values[i], NULL, error))
        return FALSE;

      if (i >= 2 && values[i] < 0)
        return remit_json_malformed (error, path, names[i], REMIT_JSON_NEGATIVE);
    }

  out->page = 0;
  out->left = values[0];
  out->top = values[1];
  out->width = values[2];
  out->height = values[3];
  return TRUE;
}

/* Calls @func on each element of @array, which must all be objects. */
typedef gboolean (*ElementFunc) (RemitLayout *layout,
                                 JsonObject *object,
                                 const char *path,
                                 GError **error);

static gboolean
parse_elements (RemitLayout *layout,
                JsonObject *parent,
                const char *parent_path,
                const char *member,
                gboolean required,
                ElementFunc func,
                gboolean *found,
                GError **error)
{
  g_autofree char *path = remit_json_path_member (parent_path, member);
  JsonArray *array = NULL;

  if (!remit_json_get_array (parent, parent_path, member, required, &array, error))
    return FALSE;
  if (found != NULL)
    *found = array != NULL;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = remit_json_path_index (path, i);
      JsonObject *element;

      if (!remit_json_node_get_object (json_array_get_element (array, i), element_path, &element,
                                       error)
          || !func (layout, element, element_path, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_word (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  RemitLayoutWord *word;
  RemitBox box;
  const char *text = NULL;
  const char *font_family = NULL;
  double font_size = 0;
  gboolean has_font_size = FALSE;
  gboolean bold = FALSE;
  gboolean has_bold = FALSE;
  guint flags = 0;

  if (!parse_rect (object, path, TRUE, &box, NULL, error)
      || !remit_json_get_number (object, path, "fontSize", FALSE, &font_size, &has_font_size,
                                 error)
      || !remit_json_get_string (object, path, "fontFamily", FALSE, &font_family, error)
      || !remit_json_get_boolean (object, path, "bold", FALSE, &bold, &has_bold, error)
      || !remit_json_get_string (object, path, "text", TRUE, &text, error))
    return FALSE;

  if (font_size < 0)
    return remit_json_malformed (error, path, "fontSize", REMIT_JSON_NEGATIVE);

  if (has_font_size)
    flags |= WORD_HAS_FONT_SIZE;
  if (has_bold)
    flags |= WORD_HAS_BOLD;

  word = push_word (layout, &box, font_size, font_family, flags, bold, text);
  word->extra = remit_json_copy_unknown (object, word_members);
  return TRUE;
}

static gboolean
parse_line (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  RemitLayoutLine *line;
  RemitBox box;
  gboolean has_box;

  if (!parse_rect (object, path, FALSE, &box, &has_box, error))
    return FALSE;

  line = push_line (layout, has_box ? &box : NULL);
  line->extra = remit_json_copy_unknown (object, line_members);

  return parse_elements (layout, object, path, "wds", TRUE, parse_word, NULL, error);
}

static gboolean
parse_paragraph (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  Paragraph *paragraph;
  RemitBox box;
  gboolean has_box;

  if (!parse_rect (object, path, FALSE, &box, &has_box, error))
    return FALSE;

  paragraph = push_paragraph (layout, has_box ? &box : NULL);
  paragraph->extra = remit_json_copy_unknown (object, paragraph_members);

  return parse_elements (layout, object, path, "lines", TRUE, parse_line, NULL, error);
}

static gboolean
parse_zone (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  Zone *zone = push_zone (layout);

  zone->extra = remit_json_copy_unknown (object, zone_members);
  return parse_elements (layout, object, path, "paragraphs", TRUE, parse_paragraph, NULL, error);
}

static gboolean
parse_region (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  RemitLayoutRegion *region;
  const char *type = NULL;
  RemitBox box;

  if (!parse_rect (object, path, TRUE, &box, NULL, error)
      || !remit_json_get_string (object, path, "type", FALSE, &type, error))
    return FALSE;

  region = push_region (layout, &box, type);
  region->extra = remit_json_copy_unknown (object, region_members);
  return TRUE;
}

static gboolean
parse_page (RemitLayout *layout, JsonObject *object, const char *path, GError **error)
{
  static const char *const sizes[] = { "sizeX", "sizeY" };
  RemitLayoutPage *page;
  double size[2];
  gint64 number;
  gboolean has_regions;

  if (!remit_json_get_int (object, path, "number", TRUE, &number, NULL, error))
    return FALSE;
  if (number < 1 || number > G_MAXINT)
    return remit_json_malformed (error, path, "number", REMIT_JSON_NOT_PAGE_NUMBER);
  if (has_page_number (layout, (int) number))
    {
      g_autofree char *member = remit_json_path_member (path, "number");
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                   _("“%s”: page %d appears more than once"), member, (int) number);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      if (!remit_json_get_number (object, path, sizes[i], TRUE, &size[i], NULL, error))
        return FALSE;
      if (size[i] <= 0)
        {
          g_autofree char *member = remit_json_path_member (path, sizes[i]);
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                       _("“%s” is not a page size: it must be greater than 0"), member);
          return FALSE;
        }
    }

  page = push_page (layout, (int) number, size[0], size[1]);
  page->extra = remit_json_copy_unknown (object, page_members);

  if (!parse_elements (layout, object, path, "textZones", TRUE, parse_zone, NULL, error)
      || !parse_elements (layout, object, path, "regions", FALSE, parse_region, &has_regions,
                          error))
    return FALSE;

  current_page (layout)->write_regions = has_regions;
  return TRUE;
}

/**
 * remit_layout_new_from_json:
 * @node: the layout's root node
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Reads a layout. Every member is type-checked; a message names the member at fault, e.g.
 * “pages[0].textZones[0].paragraphs[1].lines[0].wds[2].text” is not a string. Page numbers
 * count from 1 and appear once, page sizes are greater than 0 and no width or height is
 * negative. Paragraphs and lines without a box get the box around their words; regions,
 * font size, font family and bold may be missing. Members the model does not know are kept.
 *
 * Returns: (transfer full) (nullable): the layout, or %NULL with @error set
 */
RemitLayout *
remit_layout_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (RemitLayout) layout = NULL;
  JsonObject *root;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                           _("The layout is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);

  layout = remit_layout_new ();
  if (!parse_elements (layout, root, NULL, "pages", TRUE, parse_page, NULL, error))
    return NULL;
  layout->extra = remit_json_copy_unknown (root, layout_members);

  return finish_layout (g_steal_pointer (&layout));
}

/**
 * remit_layout_new_from_string:
 * @text: the layout's JSON text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Like remit_layout_new_from_json(), from text.
 *
 * Returns: (transfer full) (nullable): the layout, or %NULL with @error set
 */
RemitLayout *
remit_layout_new_from_string (const char *text, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = remit_json_parse (text, length, error);
  if (root == NULL)
    return NULL;
  return remit_layout_new_from_json (root, error);
}

/* Writing */

static void
set_rect (JsonObject *object, double left, double top, double width, double height)
{
  remit_json_object_set_number (object, "l", left);
  remit_json_object_set_number (object, "t", top);
  remit_json_object_set_number (object, "w", width);
  remit_json_object_set_number (object, "h", height);
}

static JsonObject *
finish_object (JsonObject *object, JsonObject *extra)
{
  remit_json_object_add_all (object, extra);
  return object;
}

static JsonObject *
word_to_json (const RemitLayoutWord *word)
{
  JsonObject *object = json_object_new ();

  set_rect (object, word->left, word->top, word->width, word->height);
  if (word->flags & WORD_HAS_FONT_SIZE)
    remit_json_object_set_number (object, "fontSize", word->font_size);
  if (word->font_family != NULL)
    json_object_set_string_member (object, "fontFamily", word->font_family);
  if (word->flags & WORD_HAS_BOLD)
    json_object_set_boolean_member (object, "bold", word->bold);
  json_object_set_string_member (object, "text", word->text);
  return finish_object (object, word->extra);
}

static JsonObject *
line_to_json (RemitLayout *layout, const RemitLayoutLine *line)
{
  JsonObject *object = json_object_new ();
  JsonArray *words = json_array_sized_new (line->n_words);

  set_rect (object, line->box.left, line->box.top, line->box.width, line->box.height);
  for (guint i = 0; i < line->n_words; i++)
    json_array_add_object_element (words, word_to_json (WORD (layout, line->first_word + i)));
  json_object_set_array_member (object, "wds", words);
  return finish_object (object, line->extra);
}

static JsonObject *
paragraph_to_json (RemitLayout *layout, const Paragraph *paragraph)
{
  JsonObject *object = json_object_new ();
  JsonArray *lines = json_array_sized_new (paragraph->n_lines);

  set_rect (object, paragraph->box.left, paragraph->box.top, paragraph->box.width,
            paragraph->box.height);
  for (guint i = 0; i < paragraph->n_lines; i++)
    json_array_add_object_element (lines,
                                   line_to_json (layout, LINE (layout, paragraph->first_line + i)));
  json_object_set_array_member (object, "lines", lines);
  return finish_object (object, paragraph->extra);
}

static JsonObject *
zone_to_json (RemitLayout *layout, const Zone *zone)
{
  JsonObject *object = json_object_new ();
  JsonArray *paragraphs = json_array_sized_new (zone->n_paragraphs);

  for (guint i = 0; i < zone->n_paragraphs; i++)
    json_array_add_object_element (
        paragraphs, paragraph_to_json (layout, PARAGRAPH (layout, zone->first_paragraph + i)));
  json_object_set_array_member (object, "paragraphs", paragraphs);
  return finish_object (object, zone->extra);
}

static JsonObject *
region_to_json (const RemitLayoutRegion *region)
{
  JsonObject *object = json_object_new ();

  set_rect (object, region->left, region->top, region->width, region->height);
  if (region->type != NULL)
    json_object_set_string_member (object, "type", region->type);
  return finish_object (object, region->extra);
}

static JsonObject *
page_to_json (RemitLayout *layout, const RemitLayoutPage *page)
{
  JsonObject *object = json_object_new ();
  JsonArray *zones = json_array_sized_new (page->n_zones);

  json_object_set_int_member (object, "number", page->number);
  remit_json_object_set_number (object, "sizeX", page->width);
  remit_json_object_set_number (object, "sizeY", page->height);
  for (guint i = 0; i < page->n_zones; i++)
    json_array_add_object_element (zones,
                                   zone_to_json (layout, ZONE (layout, page->first_zone + i)));
  json_object_set_array_member (object, "textZones", zones);

  if (page->write_regions || page->n_regions > 0)
    {
      JsonArray *regions = json_array_sized_new (page->n_regions);

      for (guint i = 0; i < page->n_regions; i++)
        json_array_add_object_element (regions,
                                       region_to_json (REGION (layout, page->first_region + i)));
      json_object_set_array_member (object, "regions", regions);
    }

  return finish_object (object, page->extra);
}

/**
 * remit_layout_to_json:
 * @layout: a layout
 *
 * Writes the layout as the API does, with the members it came with. Paragraphs and lines
 * always have a box.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
remit_layout_to_json (RemitLayout *layout)
{
  JsonObject *root;
  JsonArray *pages;

  g_return_val_if_fail (layout != NULL, NULL);

  root = json_object_new ();
  pages = json_array_sized_new (layout->pages->len);
  for (guint i = 0; i < layout->pages->len; i++)
    json_array_add_object_element (pages, page_to_json (layout, PAGE (layout, i)));
  json_object_set_array_member (root, "pages", pages);
  finish_object (root, layout->extra);

  return remit_json_object_node_take (root);
}

/**
 * remit_layout_to_string:
 * @layout: a layout
 * @pretty: whether to indent the text
 *
 * Returns: (transfer full): the layout as JSON text
 */
char *
remit_layout_to_string (RemitLayout *layout, gboolean pretty)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (layout != NULL, NULL);

  node = remit_layout_to_json (layout);
  return json_to_string (node, pretty);
}

/* Reading */

guint
remit_layout_get_n_pages (RemitLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

/**
 * remit_layout_get_page:
 * @layout: a layout
 * @index: a position, less than remit_layout_get_n_pages()
 *
 * Returns: (transfer none): the page at @index, in the order of the layout
 */
const RemitLayoutPage *
remit_layout_get_page (RemitLayout *layout, guint index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->pages->len, NULL);

  return PAGE (layout, index);
}

/**
 * remit_layout_get_page_by_number:
 * @layout: a layout
 * @number: a page number, from 1 (as in a #RemitBox)
 *
 * Returns: (transfer none) (nullable): the page with that number, or %NULL
 */
const RemitLayoutPage *
remit_layout_get_page_by_number (RemitLayout *layout, int number)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = 0; i < layout->pages->len; i++)
    {
      if (PAGE (layout, i)->number == number)
        return PAGE (layout, i);
    }
  return NULL;
}

guint
remit_layout_get_n_words (RemitLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->words->len;
}

int
remit_layout_page_get_number (const RemitLayoutPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  return page->number;
}

double
remit_layout_page_get_width (const RemitLayoutPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  return page->width;
}

double
remit_layout_page_get_height (const RemitLayoutPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  return page->height;
}

/**
 * remit_layout_page_get_words:
 * @page: a page
 * @n_words: (out): the number of words
 *
 * The words of the page in reading order (zone by zone, paragraph by paragraph, line by
 * line), as one array: `for (guint i = 0; i < n; i++) words[i]…`.
 *
 * Returns: (transfer none) (array length=n_words) (nullable): the words, %NULL if none
 */
const RemitLayoutWord *
remit_layout_page_get_words (const RemitLayoutPage *page, guint *n_words)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (n_words != NULL, NULL);

  *n_words = page->n_words;
  if (page->n_words == 0)
    return NULL;
  return WORD (page->layout, page->first_word);
}

guint
remit_layout_page_get_n_lines (const RemitLayoutPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  return page->n_lines;
}

/**
 * remit_layout_page_get_line:
 * @page: a page
 * @index: a position, less than remit_layout_page_get_n_lines()
 *
 * Returns: (transfer none): the line at @index, in reading order
 */
const RemitLayoutLine *
remit_layout_page_get_line (const RemitLayoutPage *page, guint index)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (index < page->n_lines, NULL);

  return LINE (page->layout, page->first_line + index);
}

static gboolean
page_has_word (const RemitLayoutPage *page, const RemitLayoutWord *word)
{
  const RemitLayoutWord *words;

  if (page->n_words == 0)
    return FALSE;
  words = WORD (page->layout, page->first_word);
  return word >= words && word < words + page->n_words;
}

/**
 * remit_layout_page_get_line_of_word:
 * @page: a page
 * @word: a word of @page
 *
 * Returns: (transfer none): the line that holds @word
 */
const RemitLayoutLine *
remit_layout_page_get_line_of_word (const RemitLayoutPage *page, const RemitLayoutWord *word)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (word != NULL && page_has_word (page, word), NULL);

  return LINE (page->layout, word->line);
}

/**
 * remit_layout_page_get_regions:
 * @page: a page
 * @n_regions: (out): the number of regions
 *
 * Returns: (transfer none) (array length=n_regions) (nullable): the regions, %NULL if none
 */
const RemitLayoutRegion *
remit_layout_page_get_regions (const RemitLayoutPage *page, guint *n_regions)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (n_regions != NULL, NULL);

  *n_regions = page->n_regions;
  if (page->n_regions == 0)
    return NULL;
  return REGION (page->layout, page->first_region);
}

/**
 * remit_layout_page_get_word_box:
 * @page: a page
 * @word: a word of @page
 * @out: (out caller-allocates): the word's box, with the page's number
 */
void
remit_layout_page_get_word_box (const RemitLayoutPage *page,
                                const RemitLayoutWord *word,
                                RemitBox *out)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (word != NULL);
  g_return_if_fail (out != NULL);

  remit_box_init (out, page->number, word->left, word->top, word->width, word->height);
}

/* Words in the same line are joined by a space, lines by a line break. */
static void
append_word (GString *text, const RemitLayoutWord *word, const RemitLayoutWord **previous)
{
  if (*previous != NULL)
    g_string_append_c (text, (*previous)->line == word->line ? ' ' : '\n');
  g_string_append (text, word->text);
  *previous = word;
}

/**
 * remit_layout_page_get_text:
 * @page: a page
 *
 * Returns: (transfer full): the page's text in reading order: words joined by spaces, lines
 *   by line breaks; empty for a page without words
 */
char *
remit_layout_page_get_text (const RemitLayoutPage *page)
{
  const RemitLayoutWord *previous = NULL;
  const RemitLayoutWord *words;
  GString *text;
  guint n_words;

  g_return_val_if_fail (page != NULL, NULL);

  text = g_string_new (NULL);
  words = remit_layout_page_get_words (page, &n_words);
  for (guint i = 0; i < n_words; i++)
    append_word (text, &words[i], &previous);
  return g_string_free (text, FALSE);
}

/**
 * remit_layout_page_word_at:
 * @page: a page
 * @x: horizontal position in layout units
 * @y: vertical position in layout units
 *
 * The word under a point, for a click on the page. A point inside no word hits the nearest
 * word if it is within %REMIT_LAYOUT_HIT_TOLERANCE of the page's larger side; a point inside
 * several (overlapping) words hits the one whose centre is nearest.
 *
 * Returns: (transfer none) (nullable): the word, or %NULL if there is none close enough
 */
const RemitLayoutWord *
remit_layout_page_word_at (const RemitLayoutPage *page, double x, double y)
{
  const RemitLayoutWord *best = NULL;
  const RemitLayoutWord *words;
  double best_distance = G_MAXDOUBLE;
  double best_centre = G_MAXDOUBLE;
  double tolerance;
  guint n_words;

  g_return_val_if_fail (page != NULL, NULL);

  tolerance = MAX (page->width, page->height) * REMIT_LAYOUT_HIT_TOLERANCE;
  words = remit_layout_page_get_words (page, &n_words);

  for (guint i = 0; i < n_words; i++)
    {
      const RemitLayoutWord *word = &words[i];
      double dx = MAX (MAX (word->left - x, x - (word->left + word->width)), 0);
      double dy = MAX (MAX (word->top - y, y - (word->top + word->height)), 0);
      double distance = dx * dx + dy * dy;
      double cx = word->left + word->width / 2 - x;
      double cy = word->top + word->height / 2 - y;
      double centre = cx * cx + cy * cy;

      if (distance < best_distance || (distance == best_distance && centre < best_centre))
        {
          best = word;
          best_distance = distance;
          best_centre = centre;
        }
    }

  if (best == NULL || best_distance > tolerance * tolerance)
    return NULL;
  return best;
}

/* Whether more than half of the word's area lies in @rect (its centre, for a word without
 * area). */
static gboolean
word_mostly_inside (const RemitLayoutWord *word, const RemitBox *rect)
{
  double area = word->width * word->height;
  double overlap_x, overlap_y;

  if (area <= 0)
    return remit_box_contains_point (rect, word->left + word->width / 2,
                                     word->top + word->height / 2);

  overlap_x = MIN (word->left + word->width, rect->left + rect->width)
              - MAX (word->left, rect->left);
  overlap_y = MIN (word->top + word->height, rect->top + rect->height)
              - MAX (word->top, rect->top);
  if (overlap_x <= 0 || overlap_y <= 0)
    return FALSE;

  return overlap_x * overlap_y * 2 > area;
}

/**
 * remit_layout_page_get_words_in_rect:
 * @page: a page
 * @rect: a rectangle in layout units; its page is ignored
 *
 * The words that lie mostly (more than half their area) inside @rect.
 *
 * Returns: (transfer container) (element-type RemitLayoutWord): the words in reading order
 */
GPtrArray *
remit_layout_page_get_words_in_rect (const RemitLayoutPage *page, const RemitBox *rect)
{
  const RemitLayoutWord *words;
  GPtrArray *result;
  guint n_words;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (rect != NULL, NULL);

  result = g_ptr_array_new ();
  words = remit_layout_page_get_words (page, &n_words);
  for (guint i = 0; i < n_words; i++)
    {
      if (word_mostly_inside (&words[i], rect))
        g_ptr_array_add (result, (gpointer) &words[i]);
    }
  return result;
}

/**
 * remit_layout_page_text_in_rect:
 * @page: a page
 * @rect: a rectangle in layout units; its page is ignored
 *
 * The text a person selects by drawing @rect: the words mostly inside it (see
 * remit_layout_page_get_words_in_rect()) in reading order, joined by spaces within a line
 * and by line breaks between lines.
 *
 * Returns: (transfer full): the text; empty if no word is inside
 */
char *
remit_layout_page_text_in_rect (const RemitLayoutPage *page, const RemitBox *rect)
{
  g_autoptr (GPtrArray) words = NULL;
  const RemitLayoutWord *previous = NULL;
  GString *text;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (rect != NULL, NULL);

  words = remit_layout_page_get_words_in_rect (page, rect);
  text = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    append_word (text, words->pdata[i], &previous);
  return g_string_free (text, FALSE);
}

/**
 * remit_layout_find_words:
 * @layout: a layout
 * @box: a box, e.g. of an extraction
 *
 * The words that make up @box, to highlight them: those on the box's page that lie mostly
 * inside it.
 *
 * Returns: (transfer container) (element-type RemitLayoutWord): the words in reading order;
 *   empty if the layout has no page with the box's number
 */
GPtrArray *
remit_layout_find_words (RemitLayout *layout, const RemitBox *box)
{
  const RemitLayoutPage *page;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (box != NULL, NULL);

  page = remit_layout_get_page_by_number (layout, box->page);
  if (page == NULL)
    return g_ptr_array_new ();
  return remit_layout_page_get_words_in_rect (page, box);
}

/**
 * remit_layout_scale_box:
 * @box: a box in a page of @from_width × @from_height
 * @from_width: the width of the page @box is measured in, greater than 0
 * @from_height: its height, greater than 0
 * @to_width: the width of the target page, greater than 0
 * @to_height: its height, greater than 0
 * @out: (out caller-allocates): the box in the target page; may be @box
 *
 * Converts a box between two sizes of the same page, e.g. from the pixels of a 300 dpi
 * scan (2480 × 3508) to PDF points (595 × 842), or to the pixels of a widget. The page
 * number is kept.
 */
void
remit_layout_scale_box (const RemitBox *box,
                        double from_width,
                        double from_height,
                        double to_width,
                        double to_height,
                        RemitBox *out)
{
  double sx, sy;
  RemitBox scaled;

  g_return_if_fail (box != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (from_width > 0 && from_height > 0);
  g_return_if_fail (to_width > 0 && to_height > 0);

  sx = to_width / from_width;
  sy = to_height / from_height;
  scaled.page = box->page;
  scaled.left = box->left * sx;
  scaled.top = box->top * sy;
  scaled.width = box->width * sx;
  scaled.height = box->height * sy;
  *out = scaled;
}

/**
 * remit_layout_page_scale_box_to:
 * @page: a page
 * @box: a box in the page's layout units
 * @target_width: the width of the page as shown, greater than 0
 * @target_height: its height, greater than 0
 * @out: (out caller-allocates): the box in target units; may be @box
 *
 * Converts a box from layout units to another size of the page (see
 * remit_layout_scale_box()).
 */
void
remit_layout_page_scale_box_to (const RemitLayoutPage *page,
                                const RemitBox *box,
                                double target_width,
                                double target_height,
                                RemitBox *out)
{
  g_return_if_fail (page != NULL);

  remit_layout_scale_box (box, page->width, page->height, target_width, target_height, out);
}

/**
 * remit_layout_page_scale_box_from:
 * @page: a page
 * @box: a box in a page of @source_width × @source_height
 * @source_width: the width of the page @box is measured in, greater than 0
 * @source_height: its height, greater than 0
 * @out: (out caller-allocates): the box in the page's layout units; may be @box
 *
 * The reverse of remit_layout_page_scale_box_to(): e.g. a rectangle drawn on the shown page
 * to layout units, for remit_layout_page_text_in_rect() or a feedback box.
 */
void
remit_layout_page_scale_box_from (const RemitLayoutPage *page,
                                  const RemitBox *box,
                                  double source_width,
                                  double source_height,
                                  RemitBox *out)
{
  g_return_if_fail (page != NULL);

  remit_layout_scale_box (box, source_width, source_height, page->width, page->height, out);
}

/**
 * remit_layout_line_get_box:
 * @line: a line
 *
 * Returns: (transfer none): the line's box, with its page's number
 */
const RemitBox *
remit_layout_line_get_box (const RemitLayoutLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);

  return &line->box;
}

/**
 * remit_layout_line_get_words:
 * @line: a line
 * @n_words: (out): the number of words
 *
 * Returns: (transfer none) (array length=n_words) (nullable): the words of the line in
 *   order, %NULL if none
 */
const RemitLayoutWord *
remit_layout_line_get_words (const RemitLayoutLine *line, guint *n_words)
{
  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (n_words != NULL, NULL);

  *n_words = line->n_words;
  return line->words;
}

/**
 * remit_layout_line_get_text:
 * @line: a line
 *
 * Returns: (transfer full): the words of the line joined by spaces
 */
char *
remit_layout_line_get_text (const RemitLayoutLine *line)
{
  const RemitLayoutWord *previous = NULL;
  GString *text;

  g_return_val_if_fail (line != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < line->n_words; i++)
    append_word (text, &line->words[i], &previous);
  return g_string_free (text, FALSE);
}
