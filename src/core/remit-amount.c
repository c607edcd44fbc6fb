/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-amount"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-amount.h"
#include "remit-core-error.h"

/* ISO 4217 active codes and their minor units (exponent). Precious metals, test and fund
 * codes without a minor unit are left out: nobody pays an invoice in them. */
typedef struct
{
  char code[4];
  guint8 decimals;
} CurrencyInfo;

static const CurrencyInfo currencies[] = {
  { "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 }, { "AOA", 2 },
  { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 }, { "BAM", 2 }, { "BBD", 2 },
  { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 }, { "BIF", 0 }, { "BMD", 2 }, { "BND", 2 },
  { "BOB", 2 }, { "BOV", 2 }, { "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 },
  { "BYN", 2 }, { "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHE", 2 }, { "CHF", 2 },
  { "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 }, { "COU", 2 },
  { "CRC", 2 }, { "CUC", 2 }, { "CUP", 2 }, { "CVE", 2 }, { "CZK", 2 }, { "DJF", 0 },
  { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 }, { "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 },
  { "EUR", 2 }, { "FJD", 2 }, { "FKP", 2 }, { "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 },
  { "GIP", 2 }, { "GMD", 2 }, { "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 },
  { "HNL", 2 }, { "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 }, { "INR", 2 },
  { "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 }, { "JOD", 3 }, { "JPY", 0 },
  { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 }, { "KMF", 0 }, { "KPW", 2 }, { "KRW", 0 },
  { "KWD", 3 }, { "KYD", 2 }, { "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 },
  { "LRD", 2 }, { "LSL", 2 }, { "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 },
  { "MKD", 2 }, { "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 }, { "MUR", 2 },
  { "MVR", 2 }, { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 }, { "MYR", 2 }, { "MZN", 2 },
  { "NAD", 2 }, { "NGN", 2 }, { "NIO", 2 }, { "NOK", 2 }, { "NPR", 2 }, { "NZD", 2 },
  { "OMR", 3 }, { "PAB", 2 }, { "PEN", 2 }, { "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 },
  { "PLN", 2 }, { "PYG", 0 }, { "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 },
  { "RWF", 0 }, { "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 }, { "SEK", 2 },
  { "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SLL", 2 }, { "SOS", 2 }, { "SRD", 2 },
  { "SSP", 2 }, { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 }, { "SZL", 2 }, { "THB", 2 },
  { "TJS", 2 }, { "TMT", 2 }, { "TND", 3 }, { "TOP", 2 }, { "TRY", 2 }, { "TTD", 2 },
  { "TWD", 2 }, { "TZS", 2 }, { "UAH", 2 }, { "UGX", 0 }, { "USD", 2 }, { "USN", 2 },
  { "UYI", 0 }, { "UYU", 2 }, { "UYW", 4 }, { "UZS", 2 }, { "VED", 2 }, { "VES", 2 },
  { "VND", 0 }, { "VUV", 0 }, { "WST", 2 }, { "XAF", 0 }, { "XCD", 2 }, { "XCG", 2 },
  { "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 }, { "ZMW", 2 }, { "ZWG", 2 },
  { "ZWL", 2 },
};

/* Symbols and words people write instead of the code. Compared case-insensitively for
 * letters. A symbol several currencies share (kr, ¢) is not here: it needs the code. */
typedef struct
{
  const char *symbol;
  const char *code;
} CurrencySymbol;

static const CurrencySymbol symbols[] = {
  { "€", "EUR" },   { "EURO", "EUR" }, { "EUROS", "EUR" }, { "$", "USD" },    { "US$", "USD" },
  { "£", "GBP" },   { "¥", "JPY" },    { "₹", "INR" },     { "₽", "RUB" },    { "₺", "TRY" },
  { "₩", "KRW" },   { "₪", "ILS" },    { "₴", "UAH" },     { "₱", "PHP" },    { "₫", "VND" },
  { "zł", "PLN" },  { "Kč", "CZK" },   { "Ft", "HUF" },    { "Fr.", "CHF" },  { "SFr.", "CHF" },
  { "R$", "BRL" },  { "A$", "AUD" },   { "AU$", "AUD" },   { "C$", "CAD" },   { "CA$", "CAD" },
  { "HK$", "HKD" }, { "NZ$", "NZD" },  { "S$", "SGD" },    { "lei", "RON" },
};

/* Symbols used when displaying; other currencies show their code. */
static const CurrencySymbol display_symbols[] = {
  { "€", "EUR" }, { "$", "USD" }, { "£", "GBP" }, { "¥", "JPY" },
};

G_DEFINE_BOXED_TYPE (RemitAmount, remit_amount, remit_amount_copy, remit_amount_free)

RemitAmount *
remit_amount_copy (const RemitAmount *amount)
{
  return g_memdup2 (amount, sizeof *amount);
}

void
remit_amount_free (RemitAmount *amount)
{
  g_free (amount);
}

static const CurrencyInfo *
lookup_currency (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (memcmp (currencies[i].code, code, 3) == 0)
      return &currencies[i];

  return NULL;
}

int
remit_currency_get_decimals (const char *code)
{
  const CurrencyInfo *info = lookup_currency (code);

  return info != NULL ? info->decimals : -1;
}

gboolean
remit_currency_is_known (const char *code)
{
  return lookup_currency (code) != NULL;
}

const char *
remit_currency_from_symbol (const char *symbol)
{
  g_autofree char *folded = NULL;
  const CurrencyInfo *info;

  if (symbol == NULL || *symbol == '\0')
    return NULL;

  folded = g_utf8_strup (symbol, -1);
  info = lookup_currency (folded);
  if (info != NULL)
    return info->code;

  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      g_autofree char *candidate = g_utf8_strup (symbols[i].symbol, -1);

      if (g_str_equal (candidate, folded))
        return symbols[i].code;
    }

  return NULL;
}

void
remit_amount_init (RemitAmount *amount, gint64 minor, const char *currency)
{
  g_return_if_fail (amount != NULL);
  g_return_if_fail (currency != NULL && strlen (currency) == 3);

  amount->minor = minor;
  memcpy (amount->currency, currency, 3);
  amount->currency[3] = '\0';
}

static gint64
power_of_ten (int exponent)
{
  gint64 result = 1;

  while (exponent-- > 0)
    result *= 10;

  return result;
}

static gboolean
set_error (GError **error, const char *message)
{
  g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT, message);
  return FALSE;
}

/* Unicode spaces people put inside or around amounts. */
static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

/* A grouping mark between digits: apostrophes (Swiss) and spaces (French, ISO). */
static gboolean
is_group_mark (gunichar c)
{
  return c == '\'' || c == 0x2019 || is_space (c);
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212 || c == 0x2013;
}

static char *
strip (const char *start, const char *end)
{
  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* Checks that @digits_with_marks (digits separated by @mark) forms thousands groups:
 * 1–3 digits first, then groups of exactly 3. Writes the bare digits to @out. */
static gboolean
take_groups (const char *text, char mark, GString *out)
{
  g_auto (GStrv) groups = g_strsplit (text, (char[]){ mark, 0 }, -1);
  guint n = g_strv_length (groups);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (groups[i]);

      if (len == 0 || len > 3 || (i > 0 && len != 3))
        return FALSE;
      g_string_append (out, groups[i]);
    }

  return TRUE;
}

/* Parses the numeric part: ASCII digits with '.' and ',' (grouping marks already
 * replaced by '\''), deciding which separator is the decimal one. */
static gboolean
parse_number (const char *number,
              gboolean machine_form,
              int decimals,
              gint64 *minor,
              GError **error)
{
  g_autoptr (GString) integer = g_string_new (NULL);
  g_autofree char *work = g_strdup (number);
  const char *fraction = "";
  const char *last_dot = strrchr (work, '.');
  const char *last_comma = strrchr (work, ',');
  char decimal_mark = 0;
  char group_mark = 0;
  guint n_dots = 0, n_commas = 0;
  gint64 value = 0;
  gsize frac_len;

  for (const char *p = work; *p; p++)
    {
      if (*p == '.')
        n_dots++;
      else if (*p == ',')
        n_commas++;
    }

  if (n_dots > 0 && n_commas > 0)
    {
      decimal_mark = last_dot > last_comma ? '.' : ',';
      group_mark = decimal_mark == '.' ? ',' : '.';
    }
  else if (n_dots + n_commas > 1)
    {
      group_mark = n_dots > 0 ? '.' : ',';
    }
  else if (n_dots + n_commas == 1)
    {
      char mark = n_dots > 0 ? '.' : ',';
      const char *at = strchr (work, mark);
      gsize before = at - work;
      gsize after = strlen (at + 1);

      /* “1.234” and “1,234” are thousands, unless the currency has three decimals, the
       * integer part is zero, or the number is in the machine form “1.234:EUR”. */
      if (!(machine_form && mark == '.') && after == 3 && before >= 1 && before <= 3
          && work[0] != '0' && decimals != 3)
        group_mark = mark;
      else
        decimal_mark = mark;
    }

  if (decimal_mark != 0)
    {
      char *at = strrchr (work, decimal_mark);

      if (strchr (work, decimal_mark) != at)
        return set_error (error, _("The amount has more than one decimal separator"));
      *at = '\0';
      fraction = at + 1;
    }

  /* Swiss and French grouping were turned into apostrophes by the caller. */
  if (strchr (work, '\''))
    {
      if (group_mark != 0 && strchr (work, group_mark))
        return set_error (error, _("The amount mixes different thousands separators"));
      group_mark = '\'';
    }

  if (group_mark != 0 && strchr (work, group_mark))
    {
      if (!take_groups (work, group_mark, integer))
        return set_error (error, _("The thousands separators of the amount are misplaced"));
    }
  else
    {
      g_string_append (integer, work);
    }

  if (integer->len == 0 && *fraction == '\0')
    return set_error (error, _("The amount has no number"));

  for (const char *p = integer->str; *p; p++)
    if (!g_ascii_isdigit (*p))
      return set_error (error, _("The amount is not a number"));
  for (const char *p = fraction; *p; p++)
    if (!g_ascii_isdigit (*p))
      return set_error (error, _("The amount is not a number"));

  /* Leading zeros do not count towards the size limit. */
  {
    const char *digits = integer->str;

    while (digits[0] == '0' && digits[1] != '\0')
      digits++;
    if (strlen (digits) > 15)
      return set_error (error, _("The amount is too large"));
    value = integer->len > 0 ? g_ascii_strtoll (digits, NULL, 10) : 0;
  }

  /* Extra decimals are fine only when they are zeros: 24.990000 is 24.99. */
  frac_len = strlen (fraction);
  for (gsize i = decimals; i < frac_len; i++)
    if (fraction[i] != '0')
      return set_error (error, decimals == 0
                                   ? _("The currency of the amount has no decimal places")
                                   : _("The amount has more decimal places than its currency"));

  value *= power_of_ten (decimals);
  for (int i = 0; i < decimals; i++)
    {
      int digit = (gsize) i < frac_len ? fraction[i] - '0' : 0;

      value += digit * power_of_ten (decimals - 1 - i);
    }

  *minor = value;
  return TRUE;
}

/* Resolves a currency word or symbol; an empty one means EUR. */
static gboolean
resolve_currency (const char *token, const char **code, GError **error)
{
  const char *found;

  if (*token == '\0')
    {
      *code = "EUR";
      return TRUE;
    }

  found = remit_currency_from_symbol (token);
  if (found == NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("“%s” is not a currency Remit knows; use its ISO code such as EUR"), token);
      return FALSE;
    }

  *code = found;
  return TRUE;
}

/* Strips Unicode spaces from both ends of @token, in place. */
static void
strip_in_place (char *token)
{
  g_autofree char *stripped = strip (token, token + strlen (token));

  memmove (token, stripped, strlen (stripped) + 1);
}

/* Removes a sign at the start of @token (“-€”, “- EUR”) and reports it. */
static gboolean
take_leading_sign (char *token, gboolean *negative)
{
  gunichar c = g_utf8_get_char (token);
  const char *rest;

  if (!is_minus (c) && c != '+')
    return FALSE;

  *negative = is_minus (c);
  rest = g_utf8_next_char (token);
  memmove (token, rest, strlen (rest) + 1);
  strip_in_place (token);
  return TRUE;
}

/* Removes a sign at the end of @token (“€ -”, “EUR -”) and reports it. */
static gboolean
take_trailing_sign (char *token, gboolean *negative)
{
  char *last;
  gunichar c;

  if (*token == '\0')
    return FALSE;

  last = g_utf8_find_prev_char (token, token + strlen (token));
  c = g_utf8_get_char (last);
  if (!is_minus (c) && c != '+')
    return FALSE;

  *negative = is_minus (c);
  *last = '\0';
  strip_in_place (token);
  return TRUE;
}

gboolean
remit_amount_parse (const char *text, RemitAmount *out, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr (GString) number = g_string_new (NULL);
  const char *code = NULL;
  const char *start;
  const char *p;
  const char *colon;
  gboolean machine_form = FALSE;
  gboolean negative = FALSE;
  gboolean signed_already = FALSE;
  gint64 minor = 0;
  int decimals;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return set_error (error, _("The amount is not valid text"));

  trimmed = strip (text, text + strlen (text));
  if (*trimmed == '\0')
    return set_error (error, _("No amount was given"));

  /* The wire form: “1234.56:EUR”. */
  colon = strrchr (trimmed, ':');
  if (colon != NULL)
    {
      suffix = strip (colon + 1, trimmed + strlen (trimmed));
      if (*suffix == '\0')
        return set_error (error, _("The amount has no currency after “:”"));
      trimmed[colon - trimmed] = '\0';
      machine_form = TRUE;
    }

  /* Split into text before the number, the number, and text after it. */
  for (start = trimmed; *start && !g_ascii_isdigit (*start); start++)
    ;
  if (*start == '\0')
    return set_error (error, _("The amount has no number"));

  /* A separator right before the first digit belongs to the number (“.5”, “,50”). */
  if (start > trimmed && (start[-1] == '.' || start[-1] == ',')
      && (start - 1 == trimmed || !g_ascii_isalpha (start[-2])))
    start--;

  for (p = start; *p;)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_ascii_isdigit (c) || c == '.' || c == ',')
        {
          g_string_append_c (number, (char) c);
          p = next;
          continue;
        }

      /* “12,-” and “12,–” mean whole units. */
      if (is_minus (c) && number->len > 0
          && (number->str[number->len - 1] == ',' || number->str[number->len - 1] == '.'))
        {
          g_string_append (number, "00");
          p = next;
          if (*p == '-')
            p++;
          continue;
        }

      /* Grouping between digits, e.g. 1'234.56 or 1 234,56, but never a space before a
       * currency: a grouping mark must be followed by exactly three digits. */
      if (is_group_mark (c) && number->len > 0 && g_ascii_isdigit (number->str[number->len - 1])
          && g_ascii_isdigit (next[0]) && g_ascii_isdigit (next[1]) && g_ascii_isdigit (next[2])
          && !g_ascii_isdigit (next[3]))
        {
          g_string_append_c (number, '\'');
          p = next;
          continue;
        }

      break;
    }

  prefix = strip (trimmed, start);
  if (suffix == NULL)
    suffix = strip (p, trimmed + strlen (trimmed));
  else if (*p != '\0')
    {
      g_autofree char *rest = strip (p, trimmed + strlen (trimmed));

      if (*rest != '\0')
        return set_error (error, _("The amount has text between the number and “:”"));
    }

  /* Signs: “-12 €”, “€ -12”, “- € 12”, “12 € -” is not accepted. */
  signed_already = take_leading_sign (prefix, &negative);
  if (take_trailing_sign (prefix, &negative) && signed_already)
    return set_error (error, _("The amount has more than one sign"));

  if (*prefix != '\0' && *suffix != '\0')
    return set_error (error, _("The amount has text both before and after the number"));

  if (!resolve_currency (*prefix != '\0' ? prefix : suffix, &code, error))
    return FALSE;

  decimals = remit_currency_get_decimals (code);
  if (!parse_number (number->str, machine_form, decimals, &minor, error))
    return FALSE;

  remit_amount_init (out, negative ? -minor : minor, code);
  return TRUE;
}

gboolean
remit_amount_equal (const RemitAmount *a, const RemitAmount *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->minor == b->minor && memcmp (a->currency, b->currency, 3) == 0;
}

gboolean
remit_amount_add (const RemitAmount *a, const RemitAmount *b, RemitAmount *out, GError **error)
{
  gint64 limit;
  gint64 sum;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  if (memcmp (a->currency, b->currency, 3) != 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("Cannot add amounts in %s and %s"), a->currency, b->currency);
      return FALSE;
    }

  limit = REMIT_AMOUNT_MAX_MAJOR * power_of_ten (MAX (remit_currency_get_decimals (a->currency), 0));
  sum = a->minor + b->minor; /* both within ±limit, so no overflow here */
  if (sum > limit || sum < -limit || a->minor > limit || a->minor < -limit || b->minor > limit
      || b->minor < -limit)
    return set_error (error, _("The amount is too large"));

  remit_amount_init (out, sum, a->currency);
  return TRUE;
}

gboolean
remit_amount_multiply (const RemitAmount *amount, gint64 factor, RemitAmount *out, GError **error)
{
  gint64 limit;
  gint64 product;

  g_return_val_if_fail (amount != NULL && out != NULL, FALSE);

  limit = REMIT_AMOUNT_MAX_MAJOR
          * power_of_ten (MAX (remit_currency_get_decimals (amount->currency), 0));
  if (__builtin_mul_overflow (amount->minor, factor, &product) || product > limit
      || product < -limit)
    return set_error (error, _("The amount is too large"));

  remit_amount_init (out, product, amount->currency);
  return TRUE;
}

/* Digits of |minor| split into integer and fraction, grouped with @group_mark when set. */
static void
append_digits (GString *out, const RemitAmount *amount, const char *decimal_mark,
               const char *group_mark)
{
  int decimals = MAX (remit_currency_get_decimals (amount->currency), 0);
  guint64 magnitude = amount->minor < 0 ? -(guint64) amount->minor : (guint64) amount->minor;
  guint64 scale = (guint64) power_of_ten (decimals);
  g_autofree char *integer = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / scale);
  gsize len = strlen (integer);

  for (gsize i = 0; i < len; i++)
    {
      if (group_mark != NULL && i > 0 && (len - i) % 3 == 0)
        g_string_append (out, group_mark);
      g_string_append_c (out, integer[i]);
    }

  if (decimals > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, decimal_mark, decimals,
                            magnitude % scale);
}

char *
remit_amount_to_decimal (const RemitAmount *amount)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (amount != NULL, NULL);

  if (amount->minor < 0)
    g_string_append_c (out, '-');
  append_digits (out, amount, ".", NULL);

  return g_string_free (out, FALSE);
}

char *
remit_amount_to_wire (const RemitAmount *amount)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (amount != NULL, NULL);

  number = remit_amount_to_decimal (amount);
  return g_strdup_printf ("%s:%s", number, amount->currency);
}

/* How a locale writes money. */
typedef struct
{
  const char *decimal_mark;
  const char *group_mark;
  gboolean symbol_first;
  gboolean symbol_spaced;
} MoneyStyle;

static const MoneyStyle style_english = { ".", ",", TRUE, FALSE };
static const MoneyStyle style_german = { ",", ".", FALSE, TRUE };
static const MoneyStyle style_austrian = { ",", ".", TRUE, TRUE };
static const MoneyStyle style_swiss = { ".", "’", TRUE, TRUE };
static const MoneyStyle style_french = { ",", "\u202f", FALSE, TRUE };
static const MoneyStyle style_dutch = { ",", ".", TRUE, TRUE };

static const MoneyStyle *
style_for_locale (const char *locale)
{
  char language[8] = { 0 };
  char territory[8] = { 0 };
  gsize i = 0;

  if (locale == NULL)
    return &style_english;

  for (; locale[i] && g_ascii_isalpha (locale[i]) && i < sizeof language - 1; i++)
    language[i] = g_ascii_tolower (locale[i]);
  if (locale[i] == '_' || locale[i] == '-')
    {
      const char *t = locale + i + 1;

      for (gsize j = 0; t[j] && g_ascii_isalpha (t[j]) && j < sizeof territory - 1; j++)
        territory[j] = g_ascii_toupper (t[j]);
    }

  if (g_str_equal (language, "de") || g_str_equal (language, "gsw"))
    {
      if (g_str_equal (territory, "CH") || g_str_equal (territory, "LI"))
        return &style_swiss;
      if (g_str_equal (territory, "AT"))
        return &style_austrian;
      return &style_german;
    }
  if (g_str_equal (language, "fr"))
    return g_str_equal (territory, "CH") ? &style_swiss : &style_french;
  if (g_str_equal (language, "it") && g_str_equal (territory, "CH"))
    return &style_swiss;
  if (g_str_equal (language, "nl"))
    return &style_dutch;
  if (g_str_equal (language, "it") || g_str_equal (language, "es") || g_str_equal (language, "pt")
      || g_str_equal (language, "da") || g_str_equal (language, "tr") || g_str_equal (language, "el"))
    return &style_german;
  if (g_str_equal (language, "pl") || g_str_equal (language, "cs") || g_str_equal (language, "sk")
      || g_str_equal (language, "sv") || g_str_equal (language, "fi") || g_str_equal (language, "nb")
      || g_str_equal (language, "ru") || g_str_equal (language, "uk"))
    return &style_french;

  return &style_english;
}

char *
remit_amount_format_for_locale (const RemitAmount *amount, const char *locale)
{
  const MoneyStyle *style = style_for_locale (locale);
  const char *symbol = amount->currency;
  gboolean is_code = TRUE;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (amount != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (display_symbols); i++)
    if (g_str_equal (display_symbols[i].code, amount->currency))
      {
        symbol = display_symbols[i].symbol;
        is_code = FALSE;
      }

  if (amount->minor < 0)
    g_string_append_c (out, '-');

  if (style->symbol_first)
    {
      g_string_append (out, symbol);
      if (style->symbol_spaced || is_code)
        g_string_append (out, "\u00a0");
    }

  append_digits (out, amount, style->decimal_mark, style->group_mark);

  if (!style->symbol_first)
    {
      g_string_append (out, "\u00a0");
      g_string_append (out, symbol);
    }

  return g_string_free (out, FALSE);
}

/* The locale for money, by POSIX precedence, read from the environment so that it works
 * whether or not the locale is compiled on this system. */
static const char *
monetary_locale (void)
{
  const char *names[] = { "LC_ALL", "LC_MONETARY", "LANG" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }

  return "C";
}

char *
remit_amount_format (const RemitAmount *amount)
{
  return remit_amount_format_for_locale (amount, monetary_locale ());
}
