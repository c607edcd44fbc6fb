/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-box.h"

G_BEGIN_DECLS

/**
 * RemitLayout:
 *
 * The text layout of a document, as the API's `GET /documents/{id}/layout` answers it:
 * pages with a size, text zones, paragraphs, lines and words with their boxes and fonts,
 * and regions. Immutable and reference-counted, so it can be built in a worker thread and
 * read anywhere; pages, lines, words and regions are plain structs owned by the layout and
 * valid as long as it is.
 *
 * Coordinates are in the units of the page (`sizeX` × `sizeY`), origin at the top left.
 */
typedef struct _RemitLayout RemitLayout;

/**
 * RemitLayoutPage:
 *
 * A page of a #RemitLayout.
 */
typedef struct _RemitLayoutPage RemitLayoutPage;

/**
 * RemitLayoutLine:
 *
 * A line of text on a #RemitLayoutPage.
 */
typedef struct _RemitLayoutLine RemitLayoutLine;

/**
 * RemitLayoutWord:
 * @left: the left edge
 * @top: the top edge
 * @width: the width
 * @height: the height
 * @font_size: the font size, or 0 when not known
 * @font_family: (nullable): the font family, or %NULL when not known
 * @text: the text of the word
 * @bold: whether the word is set in bold
 *
 * A word. Read-only; the fields after @bold are private.
 */
typedef struct
{
  double left;
  double top;
  double width;
  double height;
  double font_size;
  const char *font_family;
  const char *text;
  gboolean bold;
  /*< private >*/
  guint line;
  guint flags;
  JsonObject *extra;
} RemitLayoutWord;

/**
 * RemitLayoutRegion:
 * @left: the left edge
 * @top: the top edge
 * @width: the width
 * @height: the height
 * @type: (nullable): what the region holds, as the service names it
 *
 * A region of a page (e.g. a table or a picture). Read-only.
 */
typedef struct
{
  double left;
  double top;
  double width;
  double height;
  const char *type;
  /*< private >*/
  JsonObject *extra;
} RemitLayoutRegion;

/* How far from a word a point may be and still hit it, as a fraction of the page's larger
 * side (about 4 points on an A4 page). */
#define REMIT_LAYOUT_HIT_TOLERANCE 0.005

#define REMIT_TYPE_LAYOUT (remit_layout_get_type ())
GType remit_layout_get_type (void) G_GNUC_CONST;

RemitLayout *remit_layout_ref (RemitLayout *layout);
void remit_layout_unref (RemitLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitLayout, remit_layout_unref)

RemitLayout *remit_layout_new_from_json (JsonNode *node, GError **error);
RemitLayout *remit_layout_new_from_string (const char *text, gssize length, GError **error);
JsonNode *remit_layout_to_json (RemitLayout *layout);
char *remit_layout_to_string (RemitLayout *layout, gboolean pretty);

guint remit_layout_get_n_pages (RemitLayout *layout);
const RemitLayoutPage *remit_layout_get_page (RemitLayout *layout, guint index);
const RemitLayoutPage *remit_layout_get_page_by_number (RemitLayout *layout, int number);
guint remit_layout_get_n_words (RemitLayout *layout);
GPtrArray *remit_layout_find_words (RemitLayout *layout, const RemitBox *box);

int remit_layout_page_get_number (const RemitLayoutPage *page);
double remit_layout_page_get_width (const RemitLayoutPage *page);
double remit_layout_page_get_height (const RemitLayoutPage *page);
const RemitLayoutWord *remit_layout_page_get_words (const RemitLayoutPage *page, guint *n_words);
guint remit_layout_page_get_n_lines (const RemitLayoutPage *page);
const RemitLayoutLine *remit_layout_page_get_line (const RemitLayoutPage *page, guint index);
const RemitLayoutLine *remit_layout_page_get_line_of_word (const RemitLayoutPage *page,
                                                           const RemitLayoutWord *word);
const RemitLayoutRegion *remit_layout_page_get_regions (const RemitLayoutPage *page,
                                                        guint *n_regions);
void remit_layout_page_get_word_box (const RemitLayoutPage *page,
                                     const RemitLayoutWord *word,
                                     RemitBox *out);
char *remit_layout_page_get_text (const RemitLayoutPage *page);

const RemitLayoutWord *remit_layout_page_word_at (const RemitLayoutPage *page, double x, double y);
GPtrArray *remit_layout_page_get_words_in_rect (const RemitLayoutPage *page,
                                                const RemitBox *rect);
char *remit_layout_page_text_in_rect (const RemitLayoutPage *page, const RemitBox *rect);

void remit_layout_page_scale_box_to (const RemitLayoutPage *page,
                                     const RemitBox *box,
                                     double target_width,
                                     double target_height,
                                     RemitBox *out);
void remit_layout_page_scale_box_from (const RemitLayoutPage *page,
                                       const RemitBox *box,
                                       double source_width,
                                       double source_height,
                                       RemitBox *out);
void remit_layout_scale_box (const RemitBox *box,
                             double from_width,
                             double from_height,
                             double to_width,
                             double to_height,
                             RemitBox *out);

const RemitBox *remit_layout_line_get_box (const RemitLayoutLine *line);
const RemitLayoutWord *remit_layout_line_get_words (const RemitLayoutLine *line, guint *n_words);
char *remit_layout_line_get_text (const RemitLayoutLine *line);

/**
 * RemitLayoutBuilder:
 *
 * Builds a #RemitLayout in reading order: a page, then its zones, paragraphs, lines and
 * words, each added to the last one opened. Adding a word, line or paragraph opens what
 * it needs when nothing is open on the current page. Boxes of lines and paragraphs that
 * are not given are those around their words.
 */
typedef struct _RemitLayoutBuilder RemitLayoutBuilder;

RemitLayoutBuilder *remit_layout_builder_new (void);
void remit_layout_builder_free (RemitLayoutBuilder *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitLayoutBuilder, remit_layout_builder_free)

void remit_layout_builder_add_page (RemitLayoutBuilder *builder,
                                    int number,
                                    double width,
                                    double height);
void remit_layout_builder_add_zone (RemitLayoutBuilder *builder);
void remit_layout_builder_add_paragraph (RemitLayoutBuilder *builder, const RemitBox *box);
void remit_layout_builder_add_line (RemitLayoutBuilder *builder, const RemitBox *box);
void remit_layout_builder_add_word (RemitLayoutBuilder *builder,
                                    const RemitBox *box,
                                    double font_size,
                                    const char *font_family,
                                    gboolean bold,
                                    const char *text);
void remit_layout_builder_add_region (RemitLayoutBuilder *builder,
                                      const RemitBox *box,
                                      const char *type);
RemitLayout *remit_layout_builder_end (RemitLayoutBuilder *builder);

G_END_DECLS
