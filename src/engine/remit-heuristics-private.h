/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-amount.h"
#include "remit-extraction-set.h"
#include "remit-layout.h"

G_BEGIN_DECLS

/*
 * The working model of the layout heuristics.
 *
 * The words of the layout become tokens (a word glued to its label by a colon is cut in
 * two). Tokens keep the reading order of the layout and its lines, and are also grouped
 * into rows: everything that sits on one visual line of a page, left to right, whatever
 * block poppler put it in. Labels are matched on rows, against a normalised form of the
 * text (lower case, without the punctuation that varies between “Rechnungs-Nr.:” and
 * “Rechnungsnr”).
 */

typedef struct
{
  const char *text; /* as printed */
  const char *norm; /* lower case, without . : - ( ) , ; / and similar; may be empty */
  RemitBox box;     /* page counted from 1, in layout units */
  double size;      /* font size (or the box height when unknown) */
  gboolean bold;
  guint page;       /* index into HDoc.pages */
  guint line;       /* index into HDoc.lines */
  guint row;        /* index into HDoc.rows */
  guint pos;        /* position within the row */
} HToken;

/* A line of the layout: consecutive tokens in reading order. */
typedef struct
{
  guint first;
  guint n;
} HLine;

/* A visual row: HDoc.row_tokens[first … first + n - 1] are token indices, left to right. */
typedef struct
{
  guint page;
  guint first;
  guint n;
  double top;
  double bottom;
} HRow;

typedef struct
{
  double width;
  double height;
  double body_size; /* the most common font size */
  guint first_row;
  guint n_rows;
  guint first_token;
  guint n_tokens;
} HPage;

/* An amount of money printed on a page: a number with two decimals (or a currency beside
 * it), with its currency symbol or code when one is printed next to it. */
typedef struct
{
  RemitAmount amount;
  guint row;
  guint first_pos; /* row positions covered, currency included */
  guint last_pos;
  guint number_pos; /* the position of the number itself */
  RemitBox box;
  gboolean has_currency;
} HAmount;

/* A number as written: “1.234,56”, “-12,50 €”, “EUR 9,9000”, “20”, “19 %”. */
typedef struct
{
  gboolean negative;
  gboolean percent;
  gboolean grouped;        /* had thousands separators */
  gboolean ambiguous;      /* one separator and three digits after it: 1.234 or 1,234 */
  guint n_decimals;        /* digits after the decimal separator */
  gint64 scaled;           /* the absolute value × 10⁴ */
  const char *currency;    /* an attached currency (ISO code), or NULL */
} HNumber;

#define H_SCALE G_GINT64_CONSTANT (10000)

typedef struct
{
  RemitLayout *layout;
  GArray *tokens;     /* HToken, reading order */
  GArray *lines;      /* HLine */
  GArray *rows;       /* HRow, by page then top to bottom */
  guint *row_tokens;  /* token indices, row by row, left to right */
  GArray *pages;      /* HPage */
  GArray *amounts;    /* HAmount, by row then left to right */
  GStringChunk *strings;
  char currency[4];   /* the document's dominant currency */
  const char *language; /* "de" or "en": which words dominate */
} HDoc;

/* A list of labels to match on rows: phrases of normalised words (“invoice no”,
 * “rechnungsnr*” where “*” matches the start of a word), or structs whose first member is
 * such a phrase. Compiled into an index by first letter when first used; declare them
 * static with H_PHRASES. */
typedef struct
{
  const void *table;
  gsize stride;
  gsize n;
  gsize index; /* the compiled index, set once */
} HPhrases;

#define H_PHRASES(list) { (list), sizeof ((list)[0]), G_N_ELEMENTS (list), 0 }

/* A value found for a field, with the tokens that carry it. */
typedef struct
{
  char *value;
  RemitBox box;
  int score;
} HField;

void h_field_clear (HField *field);
void h_field_set (HField *field, const char *value, const RemitBox *box, int score);

/* remit-heuristics-doc.c */
HDoc *h_doc_new (RemitLayout *layout);
void h_doc_free (HDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HDoc, h_doc_free)

char *h_normalize (const char *text);
const HToken *h_token (const HDoc *doc, guint index);
const HRow *h_row (const HDoc *doc, guint index);
const HToken *h_row_token (const HDoc *doc, const HRow *row, guint pos);
guint h_row_token_index (const HDoc *doc, const HRow *row, guint pos);
const HPage *h_page (const HDoc *doc, guint index);
guint h_row_match (const HDoc *doc, const HRow *row, guint pos, HPhrases *phrases, int *which);
gboolean h_row_match_any (const HDoc *doc,
                          const HRow *row,
                          guint pos,
                          HPhrases *phrases,
                          guint *end);
gboolean h_row_find_any (const HDoc *doc,
                         const HRow *row,
                         guint from,
                         guint to,
                         HPhrases *phrases,
                         guint *start,
                         guint *end);
gboolean h_text_has_word (const HDoc *doc, const HRow *row, guint from, guint to, HPhrases *words);
gboolean h_word_in (const char *norm, HPhrases *words);
void h_box_union_tokens (const HDoc *doc, const HRow *row, guint from, guint to, RemitBox *out);
char *h_row_text (const HDoc *doc, const HRow *row, guint from, guint to);
double h_gap_before (const HDoc *doc, const HRow *row, guint pos);
guint h_segment_end (const HDoc *doc, const HRow *row, guint from, double max_gap);
gboolean h_row_above (const HDoc *doc, guint row_index, double left, double right, guint *above);
gboolean h_row_below (const HDoc *doc, guint row_index, double max_distance, guint *below);

gboolean h_number_parse (const char *text, HNumber *out);
gboolean h_number_to_amount (const HNumber *number, const char *currency, RemitAmount *out);
const char *h_currency_word (const char *text);
const HAmount *h_amount_at (const HDoc *doc, guint row, guint pos);
const HAmount *h_amount_right_of (const HDoc *doc, guint row, guint pos);
const HAmount *h_amount_below (const HDoc *doc,
                               guint row,
                               double left,
                               double right,
                               double max_distance);
RemitExtraction *h_amount_extraction (const HAmount *amount);
RemitExtraction *h_extraction_new (const char *entity, const char *value, const RemitBox *box);

/* remit-heuristics-iban.c */
void h_find_bank_details (HDoc *doc, RemitExtractionSet *set, HField *iban, HField *bic);

/* remit-heuristics-amount.c */
typedef struct
{
  HField amount;
  RemitAmount value;
  gboolean found;
} HAmountToPay;

void h_find_amount_to_pay (HDoc *doc,
                           RemitExtractionSet *set,
                           gboolean reminder,
                           gboolean credit_note,
                           HAmountToPay *out);

/* remit-heuristics-party.c */
void h_find_recipient (HDoc *doc, RemitExtractionSet *set, HField *recipient);

/* remit-heuristics-refs.c */
typedef enum
{
  H_DOC_OTHER,
  H_DOC_INVOICE,
  H_DOC_REMINDER,
  H_DOC_REMITTANCE_SLIP,
} HDocType;

HDocType h_find_doc_type (HDoc *doc, HField *doc_type, gboolean *credit_note);
void h_find_references (HDoc *doc,
                        RemitExtractionSet *set,
                        HField *purpose,
                        HField *reference);

/* remit-heuristics-dates.c: the due date as YYYY-MM-DD, when one is printed (or a term
 * and the date it counts from) */
void h_find_due_date (HDoc *doc, gboolean reminder, HField *due);

/* remit-heuristics-items.c */
void h_find_line_items (HDoc *doc, RemitExtractionSet *set, const HAmountToPay *to_pay);

G_END_DECLS
