/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-ocr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <tesseract/capi.h>

#include "remit-dynlib.h"
#include "remit-engine-error.h"
#include "remit-iban.h"
#include "remit-ocr.h"

/* Tesseract is loaded when the first scan needs it, not when Remit starts: linked, its
 * libraries (and theirs) would add tens of milliseconds to every start of remit-cli and the
 * app, which mostly read native PDFs. The functions are called through this table; the
 * macros below keep the calls reading like Tesseract's C API. */
#define TESS_FUNCTIONS(X) \
  X (TessBaseAPIAnalyseLayout) \
  X (TessBaseAPIClear) \
  X (TessBaseAPICreate) \
  X (TessBaseAPIDelete) \
  X (TessBaseAPIEnd) \
  X (TessBaseAPIGetIterator) \
  X (TessBaseAPIInit4) \
  X (TessBaseAPIRecognize) \
  X (TessBaseAPISetImage) \
  X (TessBaseAPISetPageSegMode) \
  X (TessBaseAPISetSourceResolution) \
  X (TessBaseAPISetVariable) \
  X (TessDeleteText) \
  X (TessMonitorCreate) \
  X (TessMonitorDelete) \
  X (TessMonitorSetCancelFunc) \
  X (TessMonitorSetCancelThis) \
  X (TessMonitorSetDeadlineMSecs) \
  X (TessPageIteratorBoundingBox) \
  X (TessPageIteratorDelete) \
  X (TessPageIteratorIsAtBeginningOf) \
  X (TessPageIteratorNext) \
  X (TessResultIteratorConfidence) \
  X (TessResultIteratorDelete) \
  X (TessResultIteratorGetPageIteratorConst) \
  X (TessResultIteratorGetUTF8Text) \
  X (TessResultIteratorNext)

static struct
{
  TESS_FUNCTIONS (REMIT_DYNLIB_DECLARE)
  void (*omp_set_max_active_levels) (int levels);
} tess;

#define TESS_ENTRY(name) REMIT_DYNLIB_ENTRY (tess, name)
static const RemitDynlibSymbol tess_symbols[] = {
  TESS_FUNCTIONS (TESS_ENTRY)
  REMIT_DYNLIB_OPTIONAL_ENTRY (tess, omp_set_max_active_levels)
};
#undef TESS_ENTRY

static gboolean
tess_load (void)
{
  static const char *const sonames[] = { "libtesseract.so.5", "libtesseract.so.4",
                                         "libtesseract.so", NULL };
  static gsize once = 0;
  static gboolean available = FALSE;

  if (!remit_dynlib_load (&once, &available, sonames, tess_symbols,
                          G_N_ELEMENTS (tess_symbols), &tess))
    return FALSE;

  /* Tesseract's parallel loops ask for four threads that mostly wait for each other:
   * measured on two cores, a page took three times the processor time, and on a busy
   * machine three times as long, as with one. Only Tesseract uses OpenMP in Remit, so the
   * setting, which is the process's, changes nothing else. */
  if (tess.omp_set_max_active_levels != NULL)
    tess.omp_set_max_active_levels (0);
  return TRUE;
}

#define TessBaseAPIAnalyseLayout (tess.TessBaseAPIAnalyseLayout)
#define TessBaseAPIClear (tess.TessBaseAPIClear)
#define TessBaseAPICreate (tess.TessBaseAPICreate)
#define TessBaseAPIDelete (tess.TessBaseAPIDelete)
#define TessBaseAPIEnd (tess.TessBaseAPIEnd)
#define TessBaseAPIGetIterator (tess.TessBaseAPIGetIterator)
#define TessBaseAPIInit4 (tess.TessBaseAPIInit4)
#define TessBaseAPIRecognize (tess.TessBaseAPIRecognize)
#define TessBaseAPISetImage (tess.TessBaseAPISetImage)
#define TessBaseAPISetPageSegMode (tess.TessBaseAPISetPageSegMode)
#define TessBaseAPISetSourceResolution (tess.TessBaseAPISetSourceResolution)
#define TessBaseAPISetVariable (tess.TessBaseAPISetVariable)
#define TessDeleteText (tess.TessDeleteText)
#define TessMonitorCreate (tess.TessMonitorCreate)
#define TessMonitorDelete (tess.TessMonitorDelete)
#define TessMonitorSetCancelFunc (tess.TessMonitorSetCancelFunc)
#define TessMonitorSetCancelThis (tess.TessMonitorSetCancelThis)
#define TessMonitorSetDeadlineMSecs (tess.TessMonitorSetDeadlineMSecs)
#define TessPageIteratorBoundingBox (tess.TessPageIteratorBoundingBox)
#define TessPageIteratorDelete (tess.TessPageIteratorDelete)
#define TessPageIteratorIsAtBeginningOf (tess.TessPageIteratorIsAtBeginningOf)
#define TessPageIteratorNext (tess.TessPageIteratorNext)
#define TessResultIteratorConfidence (tess.TessResultIteratorConfidence)
#define TessResultIteratorDelete (tess.TessResultIteratorDelete)
#define TessResultIteratorGetPageIteratorConst (tess.TessResultIteratorGetPageIteratorConst)
#define TessResultIteratorGetUTF8Text (tess.TessResultIteratorGetUTF8Text)
#define TessResultIteratorNext (tess.TessResultIteratorNext)

/* Tesseract reads best when a line of text is 30 to 60 pixels high (capitals of about 20
 * pixels). Images whose lines are smaller are enlarged, up to four times; much larger ones
 * are reduced, which saves time and loses nothing. */
#define MIN_LINE_HEIGHT    24.0
#define TARGET_LINE_HEIGHT 36.0
#define MAX_LINE_HEIGHT    120.0
#define MAX_ENLARGEMENT    4.0
#define MAX_SCALED_PIXELS  (40 * 1000 * 1000)

/* Words read with less confidence (0 to 100) are noise: specks, lines, pictures. Words
 * without a letter, digit or currency sign need more. */
#define MIN_WORD_CONFIDENCE   20.0f
#define MIN_SYMBOL_CONFIDENCE 60.0f

/* No page of an invoice takes this long; a picture of noise might. */
#define DEADLINE_MS (120 * 1000)

struct _RemitOcr
{
  TessBaseAPI *api;
};

/**
 * remit_ocr_new:
 * @error: return location for an error
 *
 * Loads Tesseract's German and English models.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with
 *   %REMIT_ENGINE_ERROR_OCR_UNAVAILABLE when the models are not installed
 */
RemitOcr *
remit_ocr_new (GError **error)
{
  g_autoptr (RemitOcr) self = g_new0 (RemitOcr, 1);
  /* Tesseract writes its notes to stderr, where nobody reads them. */
  char *names[] = { (char *) "debug_file" };
  char *values[] = { (char *) "/dev/null" };

  if (!tess_load ())
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_OCR_UNAVAILABLE,
                           _("Reading scans and photos needs Tesseract text recognition. "
                             "Install the packages “libtesseract5” and “tesseract-ocr-deu” "
                             "and try again."));
      return NULL;
    }

  self->api = TessBaseAPICreate ();
  if (TessBaseAPIInit4 (self->api, NULL, REMIT_OCR_LANGUAGES, OEM_LSTM_ONLY, NULL, 0, names,
                        values, G_N_ELEMENTS (names), FALSE)
      != 0)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_OCR_UNAVAILABLE,
                           _("Reading scans and photos needs the German text recognition model "
                             "of Tesseract. Install the package “tesseract-ocr-deu” and try "
                             "again."));
      return NULL;
    }

  TessBaseAPISetPageSegMode (self->api, PSM_AUTO);
  /* Black and white by the neighbourhood of each pixel (Sauvola) rather than by one
   * threshold for the page (Otsu): a photo lit unevenly loses its darker half otherwise,
   * and a clean scan reads the same either way. */
  TessBaseAPISetVariable (self->api, "thresholding_method", "2");

  return g_steal_pointer (&self);
}

void
remit_ocr_free (RemitOcr *self)
{
  if (self == NULL)
    return;

  if (self->api != NULL)
    {
      TessBaseAPIEnd (self->api);
      TessBaseAPIDelete (self->api);
    }
  g_free (self);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* Finds the lines of @raster, which is set as the image, and returns the median line
 * height in pixels, or 0 when there are none. */
static double
median_line_height (TessBaseAPI *api)
{
  TessPageIterator *iterator = TessBaseAPIAnalyseLayout (api);
  g_autoptr (GArray) heights = g_array_new (FALSE, FALSE, sizeof (int));
  double median = 0;

  if (iterator == NULL)
    return 0;

  do
    {
      int left, top, right, bottom;

      if (TessPageIteratorBoundingBox (iterator, RIL_TEXTLINE, &left, &top, &right, &bottom)
          && bottom > top && right - left > bottom - top)
        {
          int height = bottom - top;

          g_array_append_val (heights, height);
        }
    }
  while (TessPageIteratorNext (iterator, RIL_TEXTLINE));
  TessPageIteratorDelete (iterator);

  if (heights->len > 0)
    {
      g_array_sort (heights, compare_int);
      median = g_array_index (heights, int, heights->len / 2);
    }

  return median;
}

/* How much to enlarge or reduce @raster so that its text has a size Tesseract reads well. */
static double
choose_scale (RemitOcr *self, const RemitRaster *raster)
{
  double median = median_line_height (self->api);
  double factor = 1;
  double pixels = (double) raster->width * raster->height;

  if (median <= 0)
    {
      /* No lines: perhaps the text is too small to be seen as text. */
      if (MAX (raster->width, raster->height) < 2000)
        factor = 2;
    }
  else if (median < MIN_LINE_HEIGHT)
    factor = MIN (MAX_ENLARGEMENT, TARGET_LINE_HEIGHT / median);
  else if (median > MAX_LINE_HEIGHT)
    factor = 2 * TARGET_LINE_HEIGHT / median;

  if (pixels * factor * factor > MAX_SCALED_PIXELS)
    factor = MAX (1.0, sqrt (MAX_SCALED_PIXELS / pixels));

  g_debug ("Median line height %.0f px in %u × %u: scaling by %.2f", median, raster->width,
           raster->height, factor);
  return factor;
}

static bool
cancel_func (void *cancel_this, int words)
{
  return g_cancellable_is_cancelled (cancel_this);
}

static gboolean
is_meaningful (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        return TRUE;
    }

  return FALSE;
}

static double
round_2 (double value)
{
  return round (value * 100) / 100;
}

typedef struct
{
  char *text;
  RemitBox box;
} Word;

static void
word_clear (Word *word)
{
  g_clear_pointer (&word->text, g_free);
}

/* Letters that Tesseract reads where a digit was printed. */
static char
as_digit (char c, gboolean *changed)
{
  char digit = c;

  if (c == 'O' || c == 'o' || c == 'Q')
    digit = '0';
  else if (c == 'I' || c == 'l' || c == 'i' || c == '|')
    digit = '1';

  if (digit != c)
    *changed = TRUE;
  return digit;
}

/* Reads @words[first…last] as one IBAN (words may be groups of four) with letters
 * mistaken for digits replaced, first only in the check digits, then everywhere after the
 * country. A change is kept only when the IBAN's checksum then holds, which a misread
 * IBAN would pass once in 97 times. */
static char *
join_words (GArray *words, guint first, guint last)
{
  GString *joined = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    g_string_append (joined, g_array_index (words, Word, i).text);
  return g_string_free (joined, FALSE);
}

static gboolean
repair_iban (GArray *words, guint first, guint last)
{
  g_autofree char *joined = join_words (words, first, last);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *fixed = g_strdup (joined);
      gboolean changed = FALSE;
      gsize limit = pass == 0 ? 4 : strlen (joined);
      gsize offset = 0;

      for (gsize k = 2; k < limit; k++)
        fixed[k] = as_digit (fixed[k], &changed);
      if (!changed || !remit_iban_is_valid (fixed))
        continue;

      for (guint i = first; i <= last; i++)
        {
          Word *word = &g_array_index (words, Word, i);
          gsize length = strlen (word->text);

          memcpy (word->text, fixed + offset, length);
          offset += length;
        }
      g_debug ("Misread IBAN “%s” repaired", joined);
      return TRUE;
    }

  return FALSE;
}

static gboolean
is_ascii_alnum (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '|')
      return FALSE;
  return TRUE;
}

/* Looks in a line for IBANs with letters misread for digits. */
static void
repair_ibans (GArray *words)
{
  for (guint first = 0; first < words->len; first++)
    {
      const char *start = g_array_index (words, Word, first).text;
      gsize length = 0;

      if (!g_ascii_isupper (start[0]) || !g_ascii_isupper (start[1]) || strlen (start) < 4)
        continue;

      for (guint last = first; last < words->len; last++)
        {
          const char *text = g_array_index (words, Word, last).text;
          g_autofree char *joined = NULL;

          length += strlen (text);
          if (length > 34 || !is_ascii_alnum (text))
            break;
          if (length < 15)
            continue;

          joined = join_words (words, first, last);
          if (remit_iban_is_valid (joined) || repair_iban (words, first, last))
            break;
        }
    }
}

typedef struct
{
  RemitLayoutBuilder *builder;
  GArray *line; /* of Word */
  double font_size;
  gboolean open_zone;
  gboolean open_paragraph;
} Emitter;

/* Adds the words of the current line to the layout, opening the zone and paragraph it
 * belongs to if they are not open yet. */
static void
flush_line (Emitter *emitter)
{
  if (emitter->line->len == 0)
    return;

  repair_ibans (emitter->line);

  if (emitter->open_zone)
    {
      remit_layout_builder_add_zone (emitter->builder);
      emitter->open_paragraph = TRUE;
    }
  if (emitter->open_paragraph)
    remit_layout_builder_add_paragraph (emitter->builder, NULL);
  emitter->open_zone = emitter->open_paragraph = FALSE;

  remit_layout_builder_add_line (emitter->builder, NULL);
  for (guint i = 0; i < emitter->line->len; i++)
    {
      const Word *word = &g_array_index (emitter->line, Word, i);

      remit_layout_builder_add_word (emitter->builder, &word->box, emitter->font_size, NULL,
                                     FALSE, word->text);
    }
  g_array_set_size (emitter->line, 0);
}

/* Appends the recognized words to @builder, grouped as Tesseract found them. Boxes are
 * divided by @factor, the scale of the recognized image. */
static void
emit_words (TessBaseAPI *api, RemitLayoutBuilder *builder, double factor)
{
  TessResultIterator *iterator = TessBaseAPIGetIterator (api);
  g_autoptr (GArray) line = g_array_new (FALSE, TRUE, sizeof (Word));
  Emitter emitter = { builder, line, -1, TRUE, TRUE };
  const TessPageIterator *page;
  guint kept = 0, dropped = 0;

  if (iterator == NULL)
    return;
  g_array_set_clear_func (line, (GDestroyNotify) word_clear);
  page = TessResultIteratorGetPageIteratorConst (iterator);

  do
    {
      int left, top, right, bottom;
      char *text;
      float confidence;
      Word word;

      if (TessPageIteratorIsAtBeginningOf (page, RIL_TEXTLINE))
        {
          flush_line (&emitter);
          if (TessPageIteratorBoundingBox (page, RIL_TEXTLINE, &left, &top, &right, &bottom))
            emitter.font_size = round_2 ((bottom - top) / factor);
        }
      if (TessPageIteratorIsAtBeginningOf (page, RIL_PARA))
        emitter.open_paragraph = TRUE;
      if (TessPageIteratorIsAtBeginningOf (page, RIL_BLOCK))
        emitter.open_zone = TRUE;

      if (!TessPageIteratorBoundingBox (page, RIL_WORD, &left, &top, &right, &bottom))
        continue;

      text = TessResultIteratorGetUTF8Text (iterator, RIL_WORD);
      confidence = TessResultIteratorConfidence (iterator, RIL_WORD);
      if (text != NULL)
        g_strstrip (text);

      if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL)
          || confidence < MIN_WORD_CONFIDENCE
          || (confidence < MIN_SYMBOL_CONFIDENCE && !is_meaningful (text)))
        {
          dropped++;
          TessDeleteText (text);
          continue;
        }

      word.text = g_strdup (text);
      remit_box_init (&word.box, 0, round_2 (left / factor), round_2 (top / factor),
                      round_2 ((right - left) / factor), round_2 ((bottom - top) / factor));
      g_array_append_val (line, word);
      kept++;
      TessDeleteText (text);
    }
  while (TessResultIteratorNext (iterator, RIL_WORD));
  flush_line (&emitter);

  TessResultIteratorDelete (iterator);
  g_debug ("%u words kept, %u dropped as noise", kept, dropped);
}

/**
 * remit_ocr_add_page:
 * @ocr: a reader
 * @raster: the page's image
 * @number: the page number, from 1
 * @builder: the layout to add the page to
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Recognizes the text of @raster and adds it to @builder as page @number, of the size of
 * @raster in pixels, with words, lines and paragraphs in pixels. Small text is enlarged
 * for recognition; the boxes are still those of @raster.
 *
 * Returns: whether the page was read; %FALSE when cancelled or when it took too long
 */
gboolean
remit_ocr_add_page (RemitOcr *self,
                    const RemitRaster *raster,
                    int number,
                    RemitLayoutBuilder *builder,
                    GCancellable *cancellable,
                    GError **error)
{
  g_autoptr (RemitRaster) scaled = NULL;
  const RemitRaster *input = raster;
  ETEXT_DESC *monitor;
  double factor;
  int status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (raster != NULL, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  TessBaseAPISetImage (self->api, raster->pixels, raster->width, raster->height, 1,
                       raster->stride);
  TessBaseAPISetSourceResolution (self->api, REMIT_OCR_PDF_DPI);
  factor = choose_scale (self, raster);

  if (fabs (factor - 1) > 0.05)
    {
      scaled = remit_raster_scale (raster, factor, NULL);
      if (scaled != NULL)
        {
          input = scaled;
          factor = (double) scaled->width / raster->width;
          TessBaseAPISetImage (self->api, input->pixels, input->width, input->height, 1,
                               input->stride);
          TessBaseAPISetSourceResolution (self->api, REMIT_OCR_PDF_DPI);
        }
      else
        factor = 1;
    }
  else
    factor = 1;

  monitor = TessMonitorCreate ();
  if (cancellable != NULL)
    {
      TessMonitorSetCancelFunc (monitor, cancel_func);
      TessMonitorSetCancelThis (monitor, cancellable);
    }
  TessMonitorSetDeadlineMSecs (monitor, DEADLINE_MS);
  status = TessBaseAPIRecognize (self->api, monitor);
  TessMonitorDelete (monitor);

  if (status != 0)
    {
      TessBaseAPIClear (self->api);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                     _("The text on page %d could not be read in time."), number);
      return FALSE;
    }

  remit_layout_builder_add_page (builder, number, raster->width, raster->height);
  emit_words (self->api, builder, factor);
  TessBaseAPIClear (self->api);

  return TRUE;
}
