/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-iban"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-core-error.h"
#include "remit-iban.h"

#define IBAN_MAX_LENGTH 34

/* Every country of the IBAN registry (ISO 13616) with the length of its IBANs. Territories
 * that use another country's prefix (French overseas departments, Åland, Jersey, …) are
 * covered by that prefix. */
typedef struct
{
  char country[3];
  guint8 length;
} IbanCountry;

static const IbanCountry iban_countries[] = {
  { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 }, { "BA", 20 },
  { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 }, { "BR", 29 }, { "BY", 28 },
  { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DJ", 27 },
  { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 },
  { "FK", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 },
  { "GL", 18 }, { "GR", 27 }, { "GT", 28 }, { "HN", 28 }, { "HR", 21 }, { "HU", 28 },
  { "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 }, { "IT", 27 }, { "JO", 30 },
  { "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 },
  { "LU", 20 }, { "LV", 21 }, { "LY", 25 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 },
  { "MK", 19 }, { "MN", 20 }, { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 },
  { "NL", 18 }, { "NO", 15 }, { "OM", 23 }, { "PK", 24 }, { "PL", 28 }, { "PS", 29 },
  { "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 }, { "RU", 33 }, { "SA", 24 },
  { "SC", 31 }, { "SD", 18 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 },
  { "SO", 23 }, { "ST", 25 }, { "SV", 28 }, { "TL", 23 }, { "TN", 24 }, { "TR", 26 },
  { "UA", 29 }, { "VA", 22 }, { "VG", 24 }, { "XK", 20 }, { "YE", 30 },
};

/* ISO 3166-1 alpha-2, plus XK (Kosovo), which banks use in BICs and IBANs. */
static const char country_codes[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
  "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
  "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
  "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
  "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
  "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
  "VN VU WF WS YE YT ZA ZM ZW XK";

gboolean
remit_country_code_is_known (const char *code)
{
  if (code == NULL || strlen (code) != 2 || !g_ascii_isupper (code[0])
      || !g_ascii_isupper (code[1]))
    return FALSE;

  /* Two letters and a space each; the last entry has no space after it. */
  for (gsize i = 0; i + 1 < sizeof country_codes - 1; i += 3)
    if (country_codes[i] == code[0] && country_codes[i + 1] == code[1])
      return TRUE;

  return FALSE;
}

int
remit_iban_country_length (const char *country)
{
  if (country == NULL || strlen (country) < 2)
    return 0;

  for (gsize i = 0; i < G_N_ELEMENTS (iban_countries); i++)
    if (iban_countries[i].country[0] == g_ascii_toupper (country[0])
        && iban_countries[i].country[1] == g_ascii_toupper (country[1]))
      return iban_countries[i].length;

  return 0;
}

/* Separators people write inside account numbers. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '-';
}

/* Drops spaces (and dashes) and upper-cases; everything else is kept so that validation can
 * name it. A leading label that people copy along (“IBAN: ”, “BIC ”) is removed too. */
static char *
normalize_code (const char *text, const char *label)
{
  GString *out = g_string_new (NULL);
  gsize label_len = strlen (label);
  const char *p = text;

  while (*p && is_separator (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (g_ascii_strncasecmp (p, label, label_len) == 0
      && (p[label_len] == ':' || g_ascii_isspace (p[label_len])))
    p += label_len + 1;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
remit_iban_normalize (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return normalize_code (text, "IBAN");
}

/* ISO 7064 mod 97-10 over the rearranged IBAN, computed digit by digit. */
static guint
iban_mod97 (const char *iban)
{
  gsize len = strlen (iban);
  guint remainder = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = iban[(i + 4) % len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
    }

  return remainder;
}

static gboolean
iban_error (GError **error, const char *message)
{
  g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN, message);
  return FALSE;
}

gboolean
remit_iban_validate (const char *text, char **normalized, GError **error)
{
  g_autofree char *iban = NULL;
  gsize len;
  int expected;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return iban_error (error, _("The IBAN is not valid text"));

  iban = remit_iban_normalize (text);
  len = strlen (iban);

  if (len == 0)
    return iban_error (error, _("No IBAN was given"));

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (iban[i]))
      return iban_error (error, _("An IBAN has only letters and digits"));

  if (len < 2 || !g_ascii_isalpha (iban[0]) || !g_ascii_isalpha (iban[1]))
    return iban_error (error, _("An IBAN starts with the two letters of its country"));

  expected = remit_iban_country_length (iban);
  if (expected == 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                   _("“%.2s” is not a country that uses IBANs"), iban);
      return FALSE;
    }

  if (len > 2 && (len < 4 || !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3])))
    return iban_error (error, _("The IBAN’s check digits after the country are missing"));

  if (len != (gsize) expected)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An IBAN from %.2s has %d character, this one has %d",
                                "An IBAN from %.2s has %d characters, this one has %d",
                                expected),
                   iban, expected, (int) MIN (len, 999));
      return FALSE;
    }

  if (iban_mod97 (iban) != 1)
    return iban_error (error, _("The IBAN’s check digits do not match; look for a typing "
                                "mistake"));

  if (normalized != NULL)
    *normalized = g_steal_pointer (&iban);

  return TRUE;
}

gboolean
remit_iban_is_valid (const char *text)
{
  return remit_iban_validate (text, NULL, NULL);
}

char *
remit_iban_format (const char *iban)
{
  g_autofree char *compact = NULL;
  GString *out;

  g_return_val_if_fail (iban != NULL, NULL);

  compact = remit_iban_normalize (iban);
  out = g_string_sized_new (strlen (compact) + strlen (compact) / 4);

  for (gsize i = 0; compact[i]; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, compact[i]);
    }

  return g_string_free (out, FALSE);
}

char *
remit_bic_normalize (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return normalize_code (text, "BIC");
}

static gboolean
bic_error (GError **error, const char *message)
{
  g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC, message);
  return FALSE;
}

/* ISO 9362: 4 characters of institution, 2 letters of country, 2 of location, optionally
 * 3 of branch. The institution part is letters in practice; ISO 9362:2014 allows digits
 * too, so they are accepted. */
gboolean
remit_bic_validate (const char *text, char **normalized, GError **error)
{
  g_autofree char *bic = NULL;
  gsize len;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return bic_error (error, _("The BIC is not valid text"));

  bic = remit_bic_normalize (text);
  len = strlen (bic);

  if (len == 0)
    return bic_error (error, _("No BIC was given"));

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (bic[i]))
      return bic_error (error, _("A BIC has only letters and digits"));

  if (len != 8 && len != 11)
    return bic_error (error, _("A BIC has 8 or 11 characters"));

  for (gsize i = 0; i < 4; i++)
    if (!g_ascii_isalpha (bic[i]) && !g_ascii_isdigit (bic[i]))
      return bic_error (error, _("A BIC starts with the four characters of its bank"));

  if (!g_ascii_isalpha (bic[4]) || !g_ascii_isalpha (bic[5]))
    return bic_error (error, _("Characters 5 and 6 of a BIC are the letters of a country"));

  if (!remit_country_code_is_known ((char[]){ bic[4], bic[5], 0 }))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC,
                   _("“%c%c” in the BIC is not a country"), bic[4], bic[5]);
      return FALSE;
    }

  /* Location: the letter O is not used as the second character (it reads as a zero). */
  if (bic[7] == 'O')
    return bic_error (error, _("The BIC’s location code is not valid"));

  if (normalized != NULL)
    *normalized = g_steal_pointer (&bic);

  return TRUE;
}

gboolean
remit_bic_is_valid (const char *text)
{
  return remit_bic_validate (text, NULL, NULL);
}
