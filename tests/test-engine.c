/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "remit-engine.h"

/* The engine's facade as the server, the CLI and the app use it: real files in, the API's
 * layout and extractions out, and a clear error for every kind of bad input. */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A native PDF of @n_pages A4 pages; page 1 says “Rechnung Nr. 4711” at (72, 100) in
 * DejaVu Sans Bold 12 pt and “Betrag 12,50 EUR” at (72, 130) in regular 10 pt; every
 * page carries its number. */
static GBytes *
make_pdf (int n_pages)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Seite %d", i);

      if (i == 1)
        {
          cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                  CAIRO_FONT_WEIGHT_BOLD);
          cairo_set_font_size (cr, 12);
          cairo_move_to (cr, 72, 100);
          cairo_show_text (cr, "Rechnung Nr. 4711");
          cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                  CAIRO_FONT_WEIGHT_NORMAL);
          cairo_set_font_size (cr, 10);
          cairo_move_to (cr, 72, 130);
          cairo_show_text (cr, "Betrag 12,50 EUR");
        }
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                              CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 9);
      cairo_move_to (cr, 500, 800);
      cairo_show_text (cr, footer);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static const RemitLayoutWord *
find_word (RemitLayout *layout, guint page_index, const char *text)
{
  const RemitLayoutPage *page = remit_layout_get_page (layout, page_index);
  guint n_words = 0;
  const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

  for (guint i = 0; i < n_words; i++)
    if (g_str_equal (words[i].text, text))
      return &words[i];

  return NULL;
}

static void
test_pdf_layout (void)
{
  g_autoptr (GBytes) pdf = make_pdf (1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (pdf, 0, NULL, &error);
  RemitLayout *layout;
  const RemitLayoutPage *page;
  const RemitLayoutWord *word;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (remit_engine_result_get_input_type (result), ==, REMIT_INPUT_PDF);
  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "NATIVE");
  g_assert_cmpuint (remit_engine_result_get_page_count (result), ==, 1);
  g_assert_false (remit_engine_result_is_truncated (result));

  layout = remit_engine_result_get_layout (result);
  g_assert_cmpuint (remit_layout_get_n_pages (layout), ==, 1);
  page = remit_layout_get_page (layout, 0);
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_width (page), 595, 0.01);
  g_assert_cmpfloat_with_epsilon (remit_layout_page_get_height (page), 842, 0.01);

  /* The word stands where it was drawn: baseline at 100 pt from the top, so its box runs
   * from above 100 to just below it; left edge at 72 pt. */
  word = find_word (layout, 0, "Rechnung");
  g_assert_nonnull (word);
  g_assert_cmpfloat_with_epsilon (word->left, 72, 1.5);
  g_assert_cmpfloat (word->top, <, 100);
  g_assert_cmpfloat (word->top + word->height, >, 97);
  g_assert_cmpfloat (word->top, >, 85);
  g_assert_cmpfloat_with_epsilon (word->font_size, 12, 0.5);
  g_assert_true (word->bold);
  g_assert_nonnull (strstr (word->font_family, "DejaVu"));

  word = find_word (layout, 0, "12,50");
  g_assert_nonnull (word);
  g_assert_false (word->bold);
  g_assert_cmpfloat_with_epsilon (word->font_size, 10, 0.5);
  g_assert_nonnull (find_word (layout, 0, "4711"));
  g_assert_nonnull (find_word (layout, 0, "EUR"));

  /* The same layout comes back from its JSON. */
  {
    g_autoptr (JsonNode) json = remit_engine_result_to_layout_json (result);
    g_autoptr (RemitLayout) again = remit_layout_new_from_json (json, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (remit_layout_get_n_words (again), ==, remit_layout_get_n_words (layout));
  }
}

static void
test_page_limit (void)
{
  g_autoptr (GBytes) pdf = make_pdf (12);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (pdf, 0, NULL, &error);
  g_autoptr (JsonNode) json = NULL;
  JsonObject *processing;

  g_assert_no_error (error);
  g_assert_cmpuint (remit_engine_result_get_page_count (result), ==, 12);
  g_assert_cmpuint (remit_engine_result_get_processed_pages (result), ==, 10);
  g_assert_true (remit_engine_result_is_truncated (result));
  g_assert_cmpuint (remit_layout_get_n_pages (remit_engine_result_get_layout (result)), ==, 10);
  g_assert_nonnull (find_word (remit_engine_result_get_layout (result), 9, "10"));

  json = remit_engine_result_to_extractions_json (result);
  processing = json_object_get_object_member (json_node_get_object (json), "processing");
  g_assert_nonnull (processing);
  g_assert_true (json_object_get_boolean_member (processing, "truncated"));
  g_assert_cmpint (json_object_get_int_member (processing, "pageCount"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (processing, "processedPages"), ==, 10);
}

static void
assert_engine_error (GBytes *data, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (data, 0, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, REMIT_ENGINE_ERROR, code);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_bad_input (void)
{
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) binary = g_bytes_new_static ("\x01\x02\x00\x03\xfe\xff", 6);
  g_autoptr (GBytes) pdf = make_pdf (1);
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GBytes) big = NULL;
  g_autoptr (GBytes) bad_png = g_bytes_new_static ("\x89PNG\r\n\x1a\nbroken", 14);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (pdf, &length);
  guint8 *huge;

  assert_engine_error (empty, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE);
  assert_engine_error (binary, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE);
  assert_engine_error (bad_png, REMIT_ENGINE_ERROR_CORRUPT);

  /* The first part of a PDF: the header is there, the rest is not. */
  truncated = g_bytes_new (data, length / 3);
  assert_engine_error (truncated, REMIT_ENGINE_ERROR_CORRUPT);

  /* One byte over 10 MiB is refused before anything is parsed. */
  huge = g_malloc0 (REMIT_ENGINE_MAX_FILE_SIZE + 1);
  memcpy (huge, data, MIN (length, (gsize) REMIT_ENGINE_MAX_FILE_SIZE));
  big = g_bytes_new_take (huge, REMIT_ENGINE_MAX_FILE_SIZE + 1);
  assert_engine_error (big, REMIT_ENGINE_ERROR_TOO_LARGE);
}

/* An encrypted PDF, made with qpdf from a generated one. */
static void
test_encrypted (void)
{
  g_autoptr (GBytes) pdf = make_pdf (1);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("remit-engine-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.pdf", NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr (GBytes) encrypted = NULL;
  const char *argv[] = { qpdf, "--encrypt", "user-secret", "owner-secret", "256", "--",
                         plain, locked, NULL };
  int status = 0;
  char *contents = NULL;
  gsize length = 0;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed (build-aux/dev installs it)");
      return;
    }

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (plain, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                      &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (locked, &contents, &length, &error));
  encrypted = g_bytes_new_take (contents, length);

  assert_engine_error (encrypted, REMIT_ENGINE_ERROR_ENCRYPTED);

  g_unlink (plain);
  g_unlink (locked);
  g_rmdir (dir);
}

static void
test_sniff (void)
{
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "%PDF-1.7\n", 9), ==,
                   REMIT_INPUT_PDF);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "\n\n%PDF-1.4", 10), ==,
                   REMIT_INPUT_PDF);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "\xff\xd8\xff\xe0", 4), ==,
                   REMIT_INPUT_JPEG);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "II*\0", 4), ==, REMIT_INPUT_TIFF);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "\xef\xbb\xbf <?xml version", 17),
                   ==, REMIT_INPUT_XML);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "IBAN DE89", 9), ==,
                   REMIT_INPUT_TEXT);
  g_assert_cmpint (remit_input_type_sniff ((const guint8 *) "\x00\x01", 2), ==,
                   REMIT_INPUT_UNKNOWN);

  g_assert_cmpint (remit_input_type_from_content_type ("application/pdf"), ==, REMIT_INPUT_PDF);
  g_assert_cmpint (remit_input_type_from_content_type ("Image/PNG; q=1"), ==, REMIT_INPUT_PNG);
  g_assert_cmpint (remit_input_type_from_content_type ("application/zip"), ==,
                   REMIT_INPUT_UNKNOWN);
  g_assert_cmpstr (remit_input_type_to_content_type (REMIT_INPUT_TIFF), ==, "image/tiff");
}

static void
test_plain_text (void)
{
  static const char text[] = "Rechnung 17\nIBAN DE89 3704 0044 0532 0130 00\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = remit_engine_extract (bytes, 0, NULL, &error);
  const RemitLayoutWord *word;

  g_assert_no_error (error);
  g_assert_cmpstr (remit_engine_result_get_source_classification (result), ==, "TEXT");
  word = find_word (remit_engine_result_get_layout (result), 0, "DE89");
  g_assert_nonnull (word);
  g_assert_cmpfloat_with_epsilon (word->left, 5 * 6.0, 0.01);
  g_assert_cmpfloat_with_epsilon (word->top, 12.0, 0.01);
}

static void
test_render (void)
{
  g_autoptr (GBytes) pdf = make_pdf (2);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = remit_engine_render_page_png (pdf, 2, 300, &error);
  g_autoptr (GBytes) none = NULL;
  const guint8 *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (png, NULL);
  g_assert_cmpint (remit_input_type_sniff (data, g_bytes_get_size (png)), ==, REMIT_INPUT_PNG);
  /* IHDR: width and height, big-endian, at bytes 16 and 20. */
  g_assert_cmpuint ((guint) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19], ==, 300);
  g_assert_cmpuint ((guint) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23], ==, 425);

  none = remit_engine_render_page_png (pdf, 3, 300, &error);
  g_assert_null (none);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
}

static GBytes *
load_sample (const char *name)
{
  const char *dir = g_getenv ("REMIT_EINVOICE_SAMPLES");
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static RemitExtractionSet *
extract_sample (const char *name, RemitEngineFlags flags, RemitEngineResult **out_result)
{
  g_autoptr (GBytes) bytes = load_sample (name);
  g_autoptr (GError) error = NULL;
  RemitEngineResult *result;

  if (bytes == NULL)
    return NULL;

  result = remit_engine_extract (bytes, flags, NULL, &error);
  g_assert_no_error (error);
  *out_result = result;
  return remit_engine_result_get_extractions (result);
}

static void
test_einvoice_pdf (void)
{
  g_autoptr (RemitEngineResult) result = NULL;
  RemitExtractionSet *set = extract_sample ("fx_XRECHNUNG_Einfach.pdf", 0, &result);
  RemitExtraction *iban, *amount;
  const RemitBox *box;
  const RemitLayoutPage *page;
  g_autofree char *text = NULL;

  if (set == NULL)
    {
      g_test_skip ("the sample e-invoices are not beside this checkout");
      return;
    }

  g_assert_cmpstr (remit_engine_result_get_method (result), ==, "einvoice");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "iban"), ==, "DE02120300000000202051");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "bic"), ==, "BYLADEM1001");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "amountToPay"), ==, "529.87:EUR");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentRecipient"), ==,
                   "Lieferant GmbH");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentPurpose"), ==, "471102");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "docType"), ==, "Invoice");
  g_assert_cmpuint (remit_extraction_set_get_line_items (set)->len, ==, 2);

  /* The boxes point at the words on the page that show the values. */
  iban = remit_extraction_set_get_extraction (set, "iban");
  box = remit_extraction_get_box (iban);
  g_assert_nonnull (box);
  page = remit_layout_get_page_by_number (remit_engine_result_get_layout (result), box->page);
  text = remit_layout_page_text_in_rect (page, box);
  g_assert_cmpstr (text, ==, "DE02120300000000202051");

  amount = remit_extraction_set_get_extraction (set, "amountToPay");
  box = remit_extraction_get_box (amount);
  g_assert_nonnull (box);
  page = remit_layout_get_page_by_number (remit_engine_result_get_layout (result), box->page);
  g_clear_pointer (&text, g_free);
  text = remit_layout_page_text_in_rect (page, box);
  g_assert_cmpstr (text, ==, "529,87");
}

static void
test_einvoice_problems (void)
{
  g_autoptr (RemitEngineResult) invalid = NULL;
  g_autoptr (RemitEngineResult) debit = NULL;
  g_autoptr (RemitEngineResult) layout_only = NULL;
  RemitExtractionSet *set = extract_sample ("fx_EN16931_OEPNV.pdf", 0, &invalid);
  RemitExtraction *iban;
  JsonNode *problem;

  if (set == NULL)
    {
      g_test_skip ("the sample e-invoices are not beside this checkout");
      return;
    }

  /* An IBAN that fails its check is reported as found, with the problem marked. */
  iban = remit_extraction_set_get_extraction (set, "iban");
  g_assert_nonnull (iban);
  g_assert_cmpstr (remit_extraction_get_value (iban), ==, "DE12123456789012345678");
  problem = remit_extraction_get_extra (iban, "problem");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (json_node_get_string (problem), "DE12123456789012345678"));

  /* A direct debit offers no account to pay to, and never the buyer's own IBAN. */
  set = extract_sample ("fx_EN16931_SEPA_Prenotification.pdf", 0, &debit);
  g_assert_null (remit_extraction_set_get_extraction (set, "iban"));
  g_assert_cmpstr (remit_extraction_set_get_value (set, "directDebit"), ==, "true");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "amountToPay"), ==, "529.87:EUR");

  /* Without the e-invoice, the page is read. */
  extract_sample ("fx_XRECHNUNG_Einfach.pdf", REMIT_ENGINE_FLAGS_NO_EINVOICE, &layout_only);
  g_assert_cmpstr (remit_engine_result_get_method (layout_only), ==, "layout");
}

static void
test_einvoice_xml (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "einvoice",
                                                 "ubl-invoice.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;
  RemitExtractionSet *set;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (contents, length);

  result = remit_engine_extract (bytes, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remit_engine_result_get_input_type (result), ==, REMIT_INPUT_XML);
  g_assert_cmpuint (remit_layout_get_n_pages (remit_engine_result_get_layout (result)), ==, 0);

  set = remit_engine_result_get_extractions (result);
  g_assert_cmpstr (remit_extraction_set_get_value (set, "iban"), ==, "AT611904300234573201");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "bic"), ==, "BKAUATWW");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "amountToPay"), ==, "258.45:EUR");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentRecipient"), ==,
                   "Fjordfisk Factoring AG");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentReference"), ==,
                   "INV7001 Kunde 88");
  g_assert_null (remit_extraction_get_box (remit_extraction_set_get_extraction (set, "iban")));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/pdf-layout", test_pdf_layout);
  g_test_add_func ("/engine/page-limit", test_page_limit);
  g_test_add_func ("/engine/bad-input", test_bad_input);
  g_test_add_func ("/engine/encrypted", test_encrypted);
  g_test_add_func ("/engine/sniff", test_sniff);
  g_test_add_func ("/engine/plain-text", test_plain_text);
  g_test_add_func ("/engine/render", test_render);
  g_test_add_func ("/engine/einvoice/pdf", test_einvoice_pdf);
  g_test_add_func ("/engine/einvoice/problems", test_einvoice_problems);
  g_test_add_func ("/engine/einvoice/xml", test_einvoice_xml);

  return g_test_run ();
}
