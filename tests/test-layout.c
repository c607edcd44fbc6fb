/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "remit-box.h"
#include "remit-core-error.h"
#include "remit-layout.h"

/*
 * Page 1 is a native PDF page in points (A4); page 2 a scan in pixels at 300 dpi, whose OCR
 * gives no fonts and no regions. Words (l, t, w, h):
 *
 *   zone 1  Musterfirma 56,50,88,16  GmbH 150,50,46,16               (bold, 14 pt)
 *           Rechnung 56,100,60,12  Nr. 120,100,20,12  2024-0815 144,100,82,12
 *           Datum: 56,118,44,12  15.03.2024 104,118,72,12
 *   zone 2  IBAN: 56,400,36,12  DE89 96  3704 132  0044 168  0532 204  0130 240 (w 32)
 *           00 276,400,16,12
 *           Betrag: 56,420,48,12  24,99 108,420,36,12  EUR 148,420,28,12
 *   page 2  Vielen 236,413,250,50  Dank 500  für 714,413,120  Ihren 848,413,200
 *           Einkauf 1062,413,124,50
 */
static const char *const two_pages = "{\"pages\": [\n"
  " {\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"rotation\": 0, \"textZones\": [\n"
  "  {\"paragraphs\": [\n"
  "   {\"l\": 56, \"t\": 50, \"w\": 140, \"h\": 16, \"lines\": [\n"
  "    {\"l\": 56, \"t\": 50, \"w\": 140, \"h\": 16, \"wds\": [\n"
  "     {\"l\": 56, \"t\": 50, \"w\": 88, \"h\": 16, \"fontSize\": 14,"
  "      \"fontFamily\": \"Helvetica-Bold\", \"bold\": true, \"text\": \"Musterfirma\"},\n"
  "     {\"l\": 150, \"t\": 50, \"w\": 46, \"h\": 16, \"fontSize\": 14,"
  "      \"fontFamily\": \"Helvetica-Bold\", \"bold\": true, \"text\": \"GmbH\"}]}]},\n"
  "   {\"l\": 56, \"t\": 100, \"w\": 200, \"h\": 30, \"lines\": [\n"
  "    {\"l\": 56, \"t\": 100, \"w\": 170, \"h\": 12, \"wds\": [\n"
  "     {\"l\": 56, \"t\": 100, \"w\": 60, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Rechnung\"},\n"
  "     {\"l\": 120, \"t\": 100, \"w\": 20, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Nr.\"},\n"
  "     {\"l\": 144, \"t\": 100, \"w\": 82, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"2024-0815\"}]},\n"
  "    {\"l\": 56, \"t\": 118, \"w\": 120, \"h\": 12, \"wds\": [\n"
  "     {\"l\": 56, \"t\": 118, \"w\": 44, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Datum:\"},\n"
  "     {\"l\": 104, \"t\": 118, \"w\": 72, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"15.03.2024\"}]}]}]},\n"
  "  {\"paragraphs\": [\n"
  "   {\"l\": 56, \"t\": 400, \"w\": 236, \"h\": 32, \"lines\": [\n"
  "    {\"l\": 56, \"t\": 400, \"w\": 236, \"h\": 12, \"wds\": [\n"
  "     {\"l\": 56, \"t\": 400, \"w\": 36, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"IBAN:\"},\n"
  "     {\"l\": 96, \"t\": 400, \"w\": 32, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"DE89\"},\n"
  "     {\"l\": 132, \"t\": 400, \"w\": 32, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"3704\"},\n"
  "     {\"l\": 168, \"t\": 400, \"w\": 32, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"0044\"},\n"
  "     {\"l\": 204, \"t\": 400, \"w\": 32, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"0532\"},\n"
  "     {\"l\": 240, \"t\": 400, \"w\": 32, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"0130\"},\n"
  "     {\"l\": 276, \"t\": 400, \"w\": 16, \"h\": 12, \"fontSize\": 10.5,"
  "      \"fontFamily\": \"Courier\", \"bold\": false, \"text\": \"00\"}]},\n"
  "    {\"l\": 56, \"t\": 420, \"w\": 120, \"h\": 12, \"wds\": [\n"
  "     {\"l\": 56, \"t\": 420, \"w\": 48, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Betrag:\"},\n"
  "     {\"l\": 108, \"t\": 420, \"w\": 36, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": true, \"text\": \"24,99\","
  "      \"confidence\": 0.98},\n"
  "     {\"l\": 148, \"t\": 420, \"w\": 28, \"h\": 12, \"fontSize\": 10,"
  "      \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"EUR\"}]}]}],"
  "   \"kind\": \"footer\"}],\n"
  "  \"regions\": [{\"l\": 50, \"t\": 390, \"w\": 320, \"h\": 50, \"type\": \"table\"}]},\n"
  " {\"number\": 2, \"sizeX\": 2480, \"sizeY\": 3508, \"textZones\": [\n"
  "  {\"paragraphs\": [\n"
  "   {\"l\": 236, \"t\": 413, \"w\": 950, \"h\": 50, \"lines\": [\n"
  "    {\"l\": 236, \"t\": 413, \"w\": 950, \"h\": 50, \"wds\": [\n"
  "     {\"l\": 236, \"t\": 413, \"w\": 250, \"h\": 50, \"text\": \"Vielen\"},\n"
  "     {\"l\": 500, \"t\": 413, \"w\": 200, \"h\": 50, \"text\": \"Dank\"},\n"
  "     {\"l\": 714, \"t\": 413, \"w\": 120, \"h\": 50, \"text\": \"für\"},\n"
  "     {\"l\": 848, \"t\": 413, \"w\": 200, \"h\": 50, \"text\": \"Ihren\"},\n"
  "     {\"l\": 1062, \"t\": 413, \"w\": 124, \"h\": 50, \"text\": \"Einkauf\"}]}]}]}]}],\n"
  " \"version\": 2}\n";

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_json_equal (JsonNode *actual, JsonNode *expected)
{
  if (!json_node_equal (actual, expected))
    {
      g_autofree char *a = json_to_string (actual, TRUE);
      g_autofree char *e = json_to_string (expected, TRUE);

      g_error ("JSON differs.\nActual:\n%s\nExpected:\n%s", a, e);
    }
}

static void
assert_json_text (JsonNode *actual, const char *expected)
{
  g_autoptr (JsonNode) node = parse_json (expected);

  assert_json_equal (actual, node);
}

static void
assert_malformed (const GError *error, const char *expected_part)
{
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("Message “%s” does not contain “%s”", error->message, expected_part);
}

static void
assert_box (const RemitBox *box, int page, double left, double top, double width, double height)
{
  RemitBox expected;

  remit_box_init (&expected, page, left, top, width, height);
  if (!remit_box_equal (box, &expected, 1e-9))
    g_error ("Box %d %g,%g %g×%g, expected %d %g,%g %g×%g", box->page, box->left, box->top,
             box->width, box->height, page, left, top, width, height);
}

static RemitLayout *
load_two_pages (void)
{
  g_autoptr (GError) error = NULL;
  RemitLayout *layout = remit_layout_new_from_string (two_pages, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static const char *
word_text (const RemitLayoutWord *word)
{
  return word != NULL ? word->text : "(none)";
}

static void
test_layout_pages (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first;
  const RemitLayoutPage *second;
  RemitLayout *boxed;

  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 2);
  g_assert_cmpuint (remit_layout_get_n_words (layout), ==, 22);

  first = remit_layout_get_page (layout, 0);
  g_assert_cmpint (remit_layout_page_get_number (first), ==, 1);
  g_assert_cmpfloat (remit_layout_page_get_width (first), ==, 595);
  g_assert_cmpfloat (remit_layout_page_get_height (first), ==, 842);
  g_assert_cmpuint (remit_layout_page_get_n_lines (first), ==, 5);

  second = remit_layout_get_page (layout, 1);
  g_assert_cmpint (remit_layout_page_get_number (second), ==, 2);
  g_assert_cmpfloat (remit_layout_page_get_width (second), ==, 2480);
  g_assert_cmpfloat (remit_layout_page_get_height (second), ==, 3508);
  g_assert_cmpuint (remit_layout_page_get_n_lines (second), ==, 1);

  g_assert_true (remit_layout_get_page_by_number (layout, 1) == first);
  g_assert_true (remit_layout_get_page_by_number (layout, 2) == second);
  g_assert_null (remit_layout_get_page_by_number (layout, 0));
  g_assert_null (remit_layout_get_page_by_number (layout, 3));

  /* Reference-counted boxed type. */
  g_assert_true (G_TYPE_IS_BOXED (REMIT_TYPE_LAYOUT));
  boxed = g_boxed_copy (REMIT_TYPE_LAYOUT, layout);
  g_assert_true (boxed == layout);
  g_boxed_free (REMIT_TYPE_LAYOUT, boxed);
  remit_layout_unref (remit_layout_ref (layout));
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 2);
}

static void
test_layout_words (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutPage *second = remit_layout_get_page (layout, 1);
  static const char *const expected_first[] = {
    "Musterfirma", "GmbH", "Rechnung", "Nr.", "2024-0815", "Datum:", "15.03.2024", "IBAN:",
    "DE89", "3704", "0044", "0532", "0130", "00", "Betrag:", "24,99", "EUR",
  };
  const RemitLayoutWord *words;
  g_autofree char *text = NULL;
  g_autofree char *second_text = NULL;
  guint n_words;
  RemitBox box;

  /* All words of a page in reading order, as one array. */
  words = remit_layout_page_get_words (first, &n_words);
  g_assert_cmpuint (n_words, ==, G_N_ELEMENTS (expected_first));
  for (guint i = 0; i < n_words; i++)
    g_assert_cmpstr (words[i].text, ==, expected_first[i]);

  g_assert_cmpfloat (words[0].left, ==, 56);
  g_assert_cmpfloat (words[0].top, ==, 50);
  g_assert_cmpfloat (words[0].width, ==, 88);
  g_assert_cmpfloat (words[0].height, ==, 16);
  g_assert_cmpfloat (words[0].font_size, ==, 14);
  g_assert_cmpstr (words[0].font_family, ==, "Helvetica-Bold");
  g_assert_true (words[0].bold);
  g_assert_false (words[2].bold);
  g_assert_cmpfloat (words[8].font_size, ==, 10.5);
  g_assert_cmpstr (words[8].font_family, ==, "Courier");
  g_assert_true (words[15].bold);

  remit_layout_page_get_word_box (first, &words[4], &box);
  assert_box (&box, 1, 144, 100, 82, 12);

  text = remit_layout_page_get_text (first);
  g_assert_cmpstr (text, ==,
                   "Musterfirma GmbH\n"
                   "Rechnung Nr. 2024-0815\n"
                   "Datum: 15.03.2024\n"
                   "IBAN: DE89 3704 0044 0532 0130 00\n"
                   "Betrag: 24,99 EUR");

  /* An OCR page: no fonts. */
  words = remit_layout_page_get_words (second, &n_words);
  g_assert_cmpuint (n_words, ==, 5);
  g_assert_cmpstr (words[2].text, ==, "für");
  g_assert_cmpfloat (words[2].font_size, ==, 0);
  g_assert_null (words[2].font_family);
  g_assert_false (words[2].bold);
  remit_layout_page_get_word_box (second, &words[4], &box);
  assert_box (&box, 2, 1062, 413, 124, 50);
  second_text = remit_layout_page_get_text (second);
  g_assert_cmpstr (second_text, ==, "Vielen Dank für Ihren Einkauf");
}

static void
test_layout_lines_and_regions (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutPage *second = remit_layout_get_page (layout, 1);
  const RemitLayoutRegion *regions;
  const RemitLayoutLine *line;
  const RemitLayoutWord *words;
  const RemitLayoutWord *page_words;
  g_autofree char *line_text = NULL;
  guint n_regions;
  guint n_words;
  guint n_page_words;

  line = remit_layout_page_get_line (first, 3);
  assert_box (remit_layout_line_get_box (line), 1, 56, 400, 236, 12);
  words = remit_layout_line_get_words (line, &n_words);
  g_assert_cmpuint (n_words, ==, 7);
  g_assert_cmpstr (words[0].text, ==, "IBAN:");
  g_assert_cmpstr (words[6].text, ==, "00");
  line_text = remit_layout_line_get_text (line);
  g_assert_cmpstr (line_text, ==, "IBAN: DE89 3704 0044 0532 0130 00");

  /* The words of a line are those of the page. */
  page_words = remit_layout_page_get_words (first, &n_page_words);
  g_assert_true (words == &page_words[7]);
  g_assert_true (remit_layout_page_get_line_of_word (first, &page_words[9]) == line);
  g_assert_true (remit_layout_page_get_line_of_word (first, &page_words[0])
                 == remit_layout_page_get_line (first, 0));
  g_assert_true (remit_layout_page_get_line_of_word (first, &page_words[16])
                 == remit_layout_page_get_line (first, 4));

  line = remit_layout_page_get_line (second, 0);
  assert_box (remit_layout_line_get_box (line), 2, 236, 413, 950, 50);

  regions = remit_layout_page_get_regions (first, &n_regions);
  g_assert_cmpuint (n_regions, ==, 1);
  g_assert_cmpfloat (regions[0].left, ==, 50);
  g_assert_cmpfloat (regions[0].top, ==, 390);
  g_assert_cmpfloat (regions[0].width, ==, 320);
  g_assert_cmpfloat (regions[0].height, ==, 50);
  g_assert_cmpstr (regions[0].type, ==, "table");

  regions = remit_layout_page_get_regions (second, &n_regions);
  g_assert_cmpuint (n_regions, ==, 0);
  g_assert_null (regions);
}

static void
test_layout_round_trip (void)
{
  g_autoptr (JsonNode) input = parse_json (two_pages);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitLayout) again = NULL;
  g_autoptr (JsonNode) output = NULL;
  g_autoptr (JsonNode) output_again = NULL;
  g_autofree char *text = NULL;
  JsonObject *page;

  layout = remit_layout_new_from_json (input, &error);
  g_assert_no_error (error);

  /* Equal, unknown members ("rotation", "kind", "confidence", "version") included, and no
   * "regions" added to the page that had none. */
  output = remit_layout_to_json (layout);
  assert_json_equal (output, input);
  page = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (output), "pages"), 1);
  g_assert_false (json_object_has_member (page, "regions"));

  text = remit_layout_to_string (layout, FALSE);
  again = remit_layout_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  output_again = remit_layout_to_json (again);
  assert_json_equal (output_again, input);

  /* The parsed tree is not shared: changing it leaves the layout alone. */
  json_object_set_int_member (json_node_get_object (input), "version", 99);
  g_clear_pointer (&output, json_node_unref);
  output = remit_layout_to_json (layout);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (output), "version"), ==, 2);
}

static void
test_layout_word_at (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutPage *second = remit_layout_get_page (layout, 1);

  /* Inside a word, and on its edge. */
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 160, 58)), ==, "GmbH");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 56, 50)), ==, "Musterfirma");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 110, 425)), ==, "24,99");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 290, 411)), ==, "00");

  /* Between two words: the nearer one, then the one whose centre is nearer. */
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 141, 106)), ==, "Nr.");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 143, 106)), ==, "2024-0815");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 147, 58)), ==, "GmbH");

  /* Just outside, within the tolerance (842 × 0.005 = 4.21 points). */
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 80, 97)), ==, "Rechnung");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 295, 406)), ==, "00");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (first, 178, 132)), ==, "15.03.2024");

  /* Misses: beyond the tolerance, empty areas, off the page. */
  g_assert_null (remit_layout_page_word_at (first, 80, 94));
  g_assert_null (remit_layout_page_word_at (first, 297, 406));
  g_assert_null (remit_layout_page_word_at (first, 300, 300));
  g_assert_null (remit_layout_page_word_at (first, 500, 800));
  g_assert_null (remit_layout_page_word_at (first, -50, -50));

  /* On the scan the tolerance is in pixels: 3508 × 0.005 = 17.54. */
  g_assert_cmpstr (word_text (remit_layout_page_word_at (second, 600, 440)), ==, "Dank");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (second, 300, 400)), ==, "Vielen");
  g_assert_null (remit_layout_page_word_at (second, 300, 390));
  g_assert_null (remit_layout_page_word_at (second, 1210, 440));
}

static void
test_layout_text_in_rect (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutPage *second = remit_layout_get_page (layout, 1);
  static const struct
  {
    double left, top, width, height;
    const char *text;
  } cases[] = {
    /* The IBAN without its label. */
    { 94, 398, 200, 16, "DE89 3704 0044 0532 0130 00" },
    /* Two lines. */
    { 50, 95, 200, 40, "Rechnung Nr. 2024-0815\nDatum: 15.03.2024" },
    /* Two lines of two zones, in reading order. */
    { 50, 395, 250, 40, "IBAN: DE89 3704 0044 0532 0130 00\nBetrag: 24,99 EUR" },
    /* "Nr." is 55 % inside, so it counts; with 20 % it does not. */
    { 56, 100, 75, 12, "Rechnung Nr." },
    { 56, 100, 68, 12, "Rechnung" },
    /* A rectangle across the middle of two lines takes neither if it covers less than half
     * of their height. */
    { 50, 108, 200, 13, "" },
    /* Nothing there. */
    { 300, 300, 100, 50, "" },
    /* The whole page. */
    { 0, 0, 595, 842,
      "Musterfirma GmbH\nRechnung Nr. 2024-0815\nDatum: 15.03.2024\n"
      "IBAN: DE89 3704 0044 0532 0130 00\nBetrag: 24,99 EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RemitBox rect;
      g_autofree char *text = NULL;

      /* The rectangle's page is not looked at. */
      remit_box_init (&rect, 42, cases[i].left, cases[i].top, cases[i].width, cases[i].height);
      text = remit_layout_page_text_in_rect (first, &rect);
      g_test_message ("case %u", i);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    RemitBox rect;
    g_autofree char *text = NULL;
    g_autoptr (GPtrArray) words = NULL;

    remit_box_init (&rect, 2, 480, 400, 600, 80);
    text = remit_layout_page_text_in_rect (second, &rect);
    g_assert_cmpstr (text, ==, "Dank für Ihren");

    words = remit_layout_page_get_words_in_rect (second, &rect);
    g_assert_cmpuint (words->len, ==, 3);
    g_assert_cmpstr (((RemitLayoutWord *) words->pdata[0])->text, ==, "Dank");
    g_assert_cmpstr (((RemitLayoutWord *) words->pdata[2])->text, ==, "Ihren");
  }
}

static void
test_layout_find_words (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  g_autoptr (GPtrArray) words = NULL;
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutWord *page_words;
  guint n_page_words;
  RemitBox box;

  page_words = remit_layout_page_get_words (first, &n_page_words);

  /* The box of an IBAN extraction, a little larger than its words. */
  remit_box_init (&box, 1, 95, 399, 198, 14);
  words = remit_layout_find_words (layout, &box);
  g_assert_cmpuint (words->len, ==, 6);
  for (guint i = 0; i < words->len; i++)
    g_assert_true (words->pdata[i] == &page_words[8 + i]);
  g_clear_pointer (&words, g_ptr_array_unref);

  /* The amount's box, slightly smaller than its word. */
  remit_box_init (&box, 1, 109, 421, 34, 10);
  words = remit_layout_find_words (layout, &box);
  g_assert_cmpuint (words->len, ==, 1);
  g_assert_cmpstr (((RemitLayoutWord *) words->pdata[0])->text, ==, "24,99");
  g_clear_pointer (&words, g_ptr_array_unref);

  /* The same rectangle on page 2 holds nothing; page 3 does not exist. */
  box.page = 2;
  words = remit_layout_find_words (layout, &box);
  g_assert_cmpuint (words->len, ==, 0);
  g_clear_pointer (&words, g_ptr_array_unref);
  box.page = 3;
  words = remit_layout_find_words (layout, &box);
  g_assert_cmpuint (words->len, ==, 0);
  g_clear_pointer (&words, g_ptr_array_unref);

  /* A box in pixels on the scan. */
  remit_box_init (&box, 2, 236, 413, 464, 50);
  words = remit_layout_find_words (layout, &box);
  g_assert_cmpuint (words->len, ==, 2);
  g_assert_cmpstr (((RemitLayoutWord *) words->pdata[0])->text, ==, "Vielen");
  g_assert_cmpstr (((RemitLayoutWord *) words->pdata[1])->text, ==, "Dank");
}

static void
test_layout_scale (void)
{
  g_autoptr (RemitLayout) layout = load_two_pages ();
  const RemitLayoutPage *first = remit_layout_get_page (layout, 0);
  const RemitLayoutPage *scan = remit_layout_get_page (layout, 1);
  RemitBox box, scaled, back;

  /* From the pixels of a 300 dpi scan to PDF points: 72 / 300 = 0.24. */
  remit_box_init (&box, 2, 236, 413, 950, 50);
  remit_layout_page_scale_box_to (scan, &box, 595.2, 841.92, &scaled);
  assert_box (&scaled, 2, 56.64, 99.12, 228, 12);

  /* And back. */
  remit_layout_page_scale_box_from (scan, &scaled, 595.2, 841.92, &back);
  assert_box (&back, 2, 236, 413, 950, 50);

  /* From points to a widget twice the size, and from the widget back, in place. */
  remit_box_init (&box, 1, 96, 400, 196, 12);
  remit_layout_page_scale_box_to (first, &box, 1190, 1684, &scaled);
  assert_box (&scaled, 1, 192, 800, 392, 24);
  remit_layout_page_scale_box_from (first, &scaled, 1190, 1684, &scaled);
  assert_box (&scaled, 1, 96, 400, 196, 12);

  /* Different factors per axis. */
  remit_box_init (&box, 1, 10, 10, 20, 20);
  remit_layout_scale_box (&box, 100, 200, 50, 400, &scaled);
  assert_box (&scaled, 1, 5, 20, 10, 40);
  remit_layout_scale_box (&scaled, 50, 400, 100, 200, &back);
  assert_box (&back, 1, 10, 10, 20, 20);

  /* A box from points, scaled to the scan's pixels, finds the words there. */
  {
    g_autoptr (GPtrArray) words = NULL;

    remit_box_init (&box, 2, 56.64, 99.12, 110, 12);
    remit_layout_page_scale_box_from (scan, &box, 595.2, 841.92, &scaled);
    words = remit_layout_find_words (layout, &scaled);
    g_assert_cmpuint (words->len, ==, 2);
    g_assert_cmpstr (((RemitLayoutWord *) words->pdata[1])->text, ==, "Dank");
  }
}

static void
test_layout_builder (void)
{
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitLayout) empty = NULL;
  g_autoptr (JsonNode) output = NULL;
  const RemitLayoutPage *page;
  const RemitLayoutWord *words;
  guint n_words;
  RemitBox box;

  remit_layout_builder_add_page (builder, 1, 595, 842);
  remit_layout_builder_add_zone (builder);
  remit_layout_builder_add_paragraph (builder, NULL);
  remit_layout_builder_add_line (builder, NULL);
  remit_box_init (&box, 0, 56, 100, 60, 12);
  remit_layout_builder_add_word (builder, &box, 10, "Helvetica", FALSE, "Rechnung");
  remit_box_init (&box, 0, 120, 99, 20, 14);
  remit_layout_builder_add_word (builder, &box, 10, "Helvetica", FALSE, "Nr.");
  remit_layout_builder_add_line (builder, NULL);
  remit_box_init (&box, 0, 50, 118, 44, 12);
  remit_layout_builder_add_word (builder, &box, -1, NULL, TRUE, "Datum:");
  /* A line with a given box keeps it. */
  remit_box_init (&box, 0, 40, 140, 300, 20);
  remit_layout_builder_add_line (builder, &box);
  remit_box_init (&box, 0, 60, 142, 30, 12);
  remit_layout_builder_add_word (builder, &box, 9, "Times", FALSE, "Ende");
  remit_box_init (&box, 0, 50, 390, 320, 50);
  remit_layout_builder_add_region (builder, &box, "table");

  /* A second page with a given paragraph box, and a word without zone or line. */
  remit_layout_builder_add_page (builder, 2, 2480, 3508);
  remit_box_init (&box, 0, 236, 413, 250, 50);
  remit_layout_builder_add_word (builder, &box, 12, "OCR", FALSE, "Vielen");
  remit_box_init (&box, 0, 200, 400, 1000, 100);
  remit_layout_builder_add_paragraph (builder, &box);
  remit_box_init (&box, 0, 500, 413, 200, 50);
  remit_layout_builder_add_word (builder, &box, 12, "OCR", FALSE, "Dank");

  layout = remit_layout_builder_end (builder);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 2);
  g_assert_cmpuint (remit_layout_get_n_words (layout), ==, 6);

  page = remit_layout_get_page (layout, 0);
  g_assert_cmpuint (remit_layout_page_get_n_lines (page), ==, 3);
  /* Line boxes from their words; the page number filled in. */
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 0)), 1, 56, 99, 84, 14);
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 1)), 1, 50, 118, 44, 12);
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 2)), 1, 40, 140, 300,
              20);

  words = remit_layout_page_get_words (page, &n_words);
  g_assert_cmpuint (n_words, ==, 4);
  g_assert_cmpstr (words[2].text, ==, "Datum:");
  g_assert_true (words[2].bold);
  g_assert_null (words[2].font_family);
  g_assert_cmpfloat (words[2].font_size, ==, 0);

  page = remit_layout_get_page (layout, 1);
  g_assert_cmpint (remit_layout_page_get_number (page), ==, 2);
  g_assert_cmpuint (remit_layout_page_get_n_lines (page), ==, 2);

  /* The paragraph box is the one around its lines unless given. */
  output = remit_layout_to_json (layout);
  assert_json_text (
      output,
      "{\"pages\": ["
      " {\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [{\"paragraphs\": ["
      "  {\"l\": 40, \"t\": 99, \"w\": 300, \"h\": 61, \"lines\": ["
      "   {\"l\": 56, \"t\": 99, \"w\": 84, \"h\": 14, \"wds\": ["
      "    {\"l\": 56, \"t\": 100, \"w\": 60, \"h\": 12, \"fontSize\": 10,"
      "     \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Rechnung\"},"
      "    {\"l\": 120, \"t\": 99, \"w\": 20, \"h\": 14, \"fontSize\": 10,"
      "     \"fontFamily\": \"Helvetica\", \"bold\": false, \"text\": \"Nr.\"}]},"
      "   {\"l\": 50, \"t\": 118, \"w\": 44, \"h\": 12, \"wds\": ["
      "    {\"l\": 50, \"t\": 118, \"w\": 44, \"h\": 12, \"bold\": true, \"text\": \"Datum:\"}]},"
      "   {\"l\": 40, \"t\": 140, \"w\": 300, \"h\": 20, \"wds\": ["
      "    {\"l\": 60, \"t\": 142, \"w\": 30, \"h\": 12, \"fontSize\": 9,"
      "     \"fontFamily\": \"Times\", \"bold\": false, \"text\": \"Ende\"}]}]}]}],"
      "  \"regions\": [{\"l\": 50, \"t\": 390, \"w\": 320, \"h\": 50, \"type\": \"table\"}]},"
      " {\"number\": 2, \"sizeX\": 2480, \"sizeY\": 3508, \"textZones\": [{\"paragraphs\": ["
      "  {\"l\": 236, \"t\": 413, \"w\": 250, \"h\": 50, \"lines\": ["
      "   {\"l\": 236, \"t\": 413, \"w\": 250, \"h\": 50, \"wds\": ["
      "    {\"l\": 236, \"t\": 413, \"w\": 250, \"h\": 50, \"fontSize\": 12,"
      "     \"fontFamily\": \"OCR\", \"bold\": false, \"text\": \"Vielen\"}]}]},"
      "  {\"l\": 200, \"t\": 400, \"w\": 1000, \"h\": 100, \"lines\": ["
      "   {\"l\": 500, \"t\": 413, \"w\": 200, \"h\": 50, \"wds\": ["
      "    {\"l\": 500, \"t\": 413, \"w\": 200, \"h\": 50, \"fontSize\": 12,"
      "     \"fontFamily\": \"OCR\", \"bold\": false, \"text\": \"Dank\"}]}]}]}],"
      "  \"regions\": []}]}");

  /* What the builder made reads back to the same layout. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RemitLayout) parsed = remit_layout_new_from_json (output, &error);
    g_autoptr (JsonNode) reparsed = NULL;

    g_assert_no_error (error);
    reparsed = remit_layout_to_json (parsed);
    assert_json_equal (reparsed, output);
  }

  /* The builder is empty again. */
  empty = remit_layout_builder_end (builder);
  g_assert_cmpuint (remit_layout_get_n_pages (empty), ==, 0);
  g_assert_cmpuint (remit_layout_get_n_words (empty), ==, 0);
  g_clear_pointer (&output, json_node_unref);
  output = remit_layout_to_json (empty);
  assert_json_text (output, "{\"pages\": []}");

  /* And can build another one, with the page numbers of the first. */
  remit_layout_builder_add_page (builder, 1, 100, 100);
  g_clear_pointer (&empty, remit_layout_unref);
  empty = remit_layout_builder_end (builder);
  page = remit_layout_get_page (empty, 0);
  g_assert_cmpuint (remit_layout_page_get_n_lines (page), ==, 0);
  g_assert_null (remit_layout_page_get_words (page, &n_words));
  g_assert_cmpuint (n_words, ==, 0);
  g_assert_null (remit_layout_page_word_at (page, 50, 50));
  {
    g_autofree char *text = remit_layout_page_get_text (page);
    g_assert_cmpstr (text, ==, "");
  }
}

static void
test_layout_builder_misuse (void)
{
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  RemitBox box;

  remit_box_init (&box, 1, 10, 10, 20, 10);

  /* Nothing can be added before a page. */
  g_test_expect_message ("remit-layout", G_LOG_LEVEL_CRITICAL, "*current_page*");
  remit_layout_builder_add_word (builder, &box, 10, NULL, FALSE, "x");
  g_test_assert_expected_messages ();

  /* Page 0, an empty page and a number used twice are refused. */
  g_test_expect_message ("remit-layout", G_LOG_LEVEL_CRITICAL, "*number >= 1*");
  remit_layout_builder_add_page (builder, 0, 595, 842);
  g_test_assert_expected_messages ();
  g_test_expect_message ("remit-layout", G_LOG_LEVEL_CRITICAL, "*width > 0*");
  remit_layout_builder_add_page (builder, 1, 595, -842);
  g_test_assert_expected_messages ();
  remit_layout_builder_add_page (builder, 1, 595, 842);
  g_test_expect_message ("remit-layout", G_LOG_LEVEL_CRITICAL, "*has_page_number*");
  remit_layout_builder_add_page (builder, 1, 595, 842);
  g_test_assert_expected_messages ();

  /* A word with a negative size is refused. */
  box.width = -1;
  g_test_expect_message ("remit-layout", G_LOG_LEVEL_CRITICAL, "*box->width >= 0*");
  remit_layout_builder_add_word (builder, &box, 10, NULL, FALSE, "x");
  g_test_assert_expected_messages ();

  layout = remit_layout_builder_end (builder);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 1);
  g_assert_cmpuint (remit_layout_get_n_words (layout), ==, 0);
}

static void
test_layout_missing_boxes (void)
{
  /* Paragraphs and lines without a box get the one around their words; fonts and regions
   * may be missing. */
  const char *input = "{\"pages\": [{\"number\": 1, \"sizeX\": 612, \"sizeY\": 792,"
                      " \"textZones\": [{\"paragraphs\": [{\"lines\": ["
                      "  {\"wds\": [{\"l\": 10, \"t\": 20, \"w\": 30, \"h\": 10,"
                      "             \"text\": \"a\"},"
                      "             {\"l\": 45, \"t\": 18, \"w\": 15, \"h\": 14,"
                      "             \"text\": \"b\"}]},"
                      "  {\"wds\": [{\"l\": 12, \"t\": 40, \"w\": 20.5, \"h\": 10,"
                      "             \"text\": \"c\"}]},"
                      "  {\"wds\": []}]}]}]}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitLayout) layout = remit_layout_new_from_string (input, -1, &error);
  g_autoptr (JsonNode) output = NULL;
  const RemitLayoutPage *page;

  g_assert_no_error (error);
  page = remit_layout_get_page (layout, 0);
  g_assert_cmpuint (remit_layout_page_get_n_lines (page), ==, 3);
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 0)), 1, 10, 18, 50, 14);
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 1)), 1, 12, 40, 20.5,
              10);
  assert_box (remit_layout_line_get_box (remit_layout_page_get_line (page, 2)), 1, 0, 0, 0, 0);

  output = remit_layout_to_json (layout);
  assert_json_text (output,
                    "{\"pages\": [{\"number\": 1, \"sizeX\": 612, \"sizeY\": 792,"
                    " \"textZones\": [{\"paragraphs\": [{\"l\": 10, \"t\": 18, \"w\": 50,"
                    " \"h\": 32,"
                    " \"lines\": ["
                    "  {\"l\": 10, \"t\": 18, \"w\": 50, \"h\": 14, \"wds\": ["
                    "    {\"l\": 10, \"t\": 20, \"w\": 30, \"h\": 10, \"text\": \"a\"},"
                    "    {\"l\": 45, \"t\": 18, \"w\": 15, \"h\": 14, \"text\": \"b\"}]},"
                    "  {\"l\": 12, \"t\": 40, \"w\": 20.5, \"h\": 10, \"wds\": ["
                    "    {\"l\": 12, \"t\": 40, \"w\": 20.5, \"h\": 10, \"text\": \"c\"}]},"
                    "  {\"l\": 0, \"t\": 0, \"w\": 0, \"h\": 0, \"wds\": []}]}]}]}]}");
}

static void
test_layout_large (void)
{
  g_autoptr (RemitLayoutBuilder) builder = remit_layout_builder_new ();
  g_autoptr (RemitLayout) layout = NULL;
  g_autoptr (RemitLayout) parsed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const RemitLayoutPage *page;
  const RemitLayoutWord *words;
  guint n_words;

  /* 100 pages of 50 lines of 8 words: 40000 words. */
  for (int p = 1; p <= 100; p++)
    {
      remit_layout_builder_add_page (builder, p, 595, 842);
      for (int l = 0; l < 50; l++)
        {
          remit_layout_builder_add_line (builder, NULL);
          for (int w = 0; w < 8; w++)
            {
              char word[32];
              RemitBox box;

              g_snprintf (word, sizeof word, "p%dl%dw%d", p, l, w);
              remit_box_init (&box, p, 40 + w * 60, 40 + l * 15, 55, 12);
              remit_layout_builder_add_word (builder, &box, 10, "Helvetica", FALSE, word);
            }
        }
    }
  layout = remit_layout_builder_end (builder);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 100);
  g_assert_cmpuint (remit_layout_get_n_words (layout), ==, 40000);

  page = remit_layout_get_page_by_number (layout, 73);
  words = remit_layout_page_get_words (page, &n_words);
  g_assert_cmpuint (n_words, ==, 400);
  g_assert_cmpstr (words[0].text, ==, "p73l0w0");
  g_assert_cmpstr (words[399].text, ==, "p73l49w7");
  g_assert_cmpstr (word_text (remit_layout_page_word_at (page, 40 + 3 * 60 + 10, 40 + 20 * 15 + 5)),
                   ==, "p73l20w3");
  /* Every word shares the one font family string. */
  g_assert_true (words[0].font_family == words[399].font_family);

  text = remit_layout_to_string (layout, FALSE);
  parsed = remit_layout_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remit_layout_get_n_words (parsed), ==, 40000);
  page = remit_layout_get_page (parsed, 99);
  words = remit_layout_page_get_words (page, &n_words);
  g_assert_cmpstr (words[n_words - 1].text, ==, "p100l49w7");
}

static void
test_layout_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "not JSON at all", "not JSON" },
    { "", "not JSON" },
    { "{\"pages\": [", "not JSON" },
    { "[]", "The layout is not a JSON object" },
    { "42", "The layout is not a JSON object" },
    { "{}", "“pages” is missing" },
    { "{\"pages\": {}}", "“pages” is not a list" },
    { "{\"pages\": [1]}", "“pages[0]” is not an object" },
    { "{\"pages\": [{\"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].number” is missing" },
    { "{\"pages\": [{\"number\": 0, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].number” is not a page number" },
    { "{\"pages\": [{\"number\": -1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].number” is not a page number" },
    { "{\"pages\": [{\"number\": \"1\", \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].number” is not a whole number" },
    { "{\"pages\": [{\"number\": 1.5, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].number” is not a whole number" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []},"
      " {\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[1].number”: page 1 appears more than once" },
    { "{\"pages\": [{\"number\": 1, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].sizeX” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": \"595\", \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].sizeX” is not a number" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 0, \"sizeY\": 842, \"textZones\": []}]}",
      "“pages[0].sizeX” is not a page size" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": -842, \"textZones\": []}]}",
      "“pages[0].sizeY” is not a page size" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842}]}",
      "“pages[0].textZones” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": {}}]}",
      "“pages[0].textZones” is not a list" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [[]]}]}",
      "“pages[0].textZones[0]” is not an object" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [{}]}]}",
      "“pages[0].textZones[0].paragraphs” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": \"x\"}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines” is not a list" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"l\": 1, \"lines\": []}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].t” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"l\": 1, \"t\": 1, \"w\": -5, \"h\": 1, \"lines\": []}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].w” is negative" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [\"Rechnung\"]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0]” is not an object" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1,"
      " \"h\": 1}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].text” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": 12}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].text” is not a string" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\"}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].l” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": \"1\", \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\"}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].l” is not a number" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": -1,"
      " \"text\": \"a\"}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].h” is negative" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\", \"fontSize\": \"10pt\"}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].fontSize” is not a number" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\", \"fontSize\": -10}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].fontSize” is negative" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\", \"fontFamily\": 3}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].fontFamily” is not a string" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\":"
      " [{\"paragraphs\": [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1,"
      " \"text\": \"a\", \"bold\": \"yes\"}]}]}]}]}]}",
      "“pages[0].textZones[0].paragraphs[0].lines[0].wds[0].bold” is not true or false" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [],"
      " \"regions\": {}}]}",
      "“pages[0].regions” is not a list" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [],"
      " \"regions\": [{\"t\": 1, \"w\": 1, \"h\": 1, \"type\": \"table\"}]}]}",
      "“pages[0].regions[0].l” is missing" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [],"
      " \"regions\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1, \"type\": 3}]}]}",
      "“pages[0].regions[0].type” is not a string" },
    { "{\"pages\": [{\"number\": 1, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": []},"
      " {\"number\": 2, \"sizeX\": 595, \"sizeY\": 842, \"textZones\": [{\"paragraphs\":"
      " [{\"lines\": [{\"wds\": [{\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1, \"text\": \"a\"},"
      " {\"l\": 1, \"t\": 1, \"w\": 1, \"h\": 1, \"text\": null}]}]}]}]}]}",
      "“pages[1].textZones[0].paragraphs[0].lines[0].wds[1].text” is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (remit_layout_new_from_string (cases[i].json, -1, &error));
      assert_malformed (error, cases[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/pages", test_layout_pages);
  g_test_add_func ("/layout/words", test_layout_words);
  g_test_add_func ("/layout/lines-and-regions", test_layout_lines_and_regions);
  g_test_add_func ("/layout/round-trip", test_layout_round_trip);
  g_test_add_func ("/layout/word-at", test_layout_word_at);
  g_test_add_func ("/layout/text-in-rect", test_layout_text_in_rect);
  g_test_add_func ("/layout/find-words", test_layout_find_words);
  g_test_add_func ("/layout/scale", test_layout_scale);
  g_test_add_func ("/layout/builder", test_layout_builder);
  g_test_add_func ("/layout/builder-misuse", test_layout_builder_misuse);
  g_test_add_func ("/layout/missing-boxes", test_layout_missing_boxes);
  g_test_add_func ("/layout/large", test_layout_large);
  g_test_add_func ("/layout/malformed", test_layout_malformed);

  return g_test_run ();
}
