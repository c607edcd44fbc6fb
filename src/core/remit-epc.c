/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-epc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-epc.h"
#include "remit-iban.h"

#define MIN_AMOUNT_MINOR 1
#define MAX_AMOUNT_MINOR G_GINT64_CONSTANT (99999999999)

/* Indices of the elements, one per line. */
enum
{
  LINE_SERVICE_TAG,
  LINE_VERSION,
  LINE_CHARSET,
  LINE_IDENTIFICATION,
  LINE_BIC,
  LINE_NAME,
  LINE_IBAN,
  LINE_AMOUNT,
  LINE_PURPOSE,
  LINE_REFERENCE,
  LINE_TEXT,
  LINE_INFORMATION,
};

static const char *const charset_names[] = {
  [REMIT_EPC_CHARSET_UTF_8] = "UTF-8",
  [REMIT_EPC_CHARSET_ISO_8859_1] = "ISO-8859-1",
  [REMIT_EPC_CHARSET_ISO_8859_2] = "ISO-8859-2",
  [REMIT_EPC_CHARSET_ISO_8859_4] = "ISO-8859-4",
  [REMIT_EPC_CHARSET_ISO_8859_5] = "ISO-8859-5",
  [REMIT_EPC_CHARSET_ISO_8859_7] = "ISO-8859-7",
  [REMIT_EPC_CHARSET_ISO_8859_10] = "ISO-8859-10",
  [REMIT_EPC_CHARSET_ISO_8859_15] = "ISO-8859-15",
};

static const char *const charset_digits[] = {
  [REMIT_EPC_CHARSET_UTF_8] = "1",       [REMIT_EPC_CHARSET_ISO_8859_1] = "2",
  [REMIT_EPC_CHARSET_ISO_8859_2] = "3",  [REMIT_EPC_CHARSET_ISO_8859_4] = "4",
  [REMIT_EPC_CHARSET_ISO_8859_5] = "5",  [REMIT_EPC_CHARSET_ISO_8859_7] = "6",
  [REMIT_EPC_CHARSET_ISO_8859_10] = "7", [REMIT_EPC_CHARSET_ISO_8859_15] = "8",
};

G_DEFINE_BOXED_TYPE (RemitEpcPayload, remit_epc_payload, remit_epc_payload_copy,
                     remit_epc_payload_free)

/**
 * remit_epc_payload_new:
 *
 * Returns: (transfer full): an empty payload of version 2 in UTF-8
 */
RemitEpcPayload *
remit_epc_payload_new (void)
{
  RemitEpcPayload *payload = g_new0 (RemitEpcPayload, 1);

  payload->version = 2;
  payload->charset = REMIT_EPC_CHARSET_UTF_8;
  return payload;
}

RemitEpcPayload *
remit_epc_payload_copy (const RemitEpcPayload *payload)
{
  RemitEpcPayload *copy;

  g_return_val_if_fail (payload != NULL, NULL);

  copy = g_new0 (RemitEpcPayload, 1);
  *copy = *payload;
  copy->bic = g_strdup (payload->bic);
  copy->name = g_strdup (payload->name);
  copy->iban = g_strdup (payload->iban);
  copy->purpose = g_strdup (payload->purpose);
  copy->reference = g_strdup (payload->reference);
  copy->text = g_strdup (payload->text);
  copy->information = g_strdup (payload->information);
  return copy;
}

void
remit_epc_payload_free (RemitEpcPayload *payload)
{
  if (payload == NULL)
    return;

  g_free (payload->bic);
  g_free (payload->name);
  g_free (payload->iban);
  g_free (payload->purpose);
  g_free (payload->reference);
  g_free (payload->text);
  g_free (payload->information);
  g_free (payload);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/**
 * remit_creditor_reference_is_valid:
 * @reference: a reference such as `RF18539007547034`
 *
 * Checks an ISO 11649 creditor reference in its electronic form (no spaces): `RF`, two
 * check digits and 1 to 21 letters or digits, the whole passing the mod-97 check.
 *
 * Returns: %TRUE if @reference is a valid RF creditor reference
 */
gboolean
remit_creditor_reference_is_valid (const char *reference)
{
  gsize length;
  guint remainder = 0;

  g_return_val_if_fail (reference != NULL, FALSE);

  length = strlen (reference);
  if (length < 5 || length > 25)
    return FALSE;
  if (g_ascii_toupper (reference[0]) != 'R' || g_ascii_toupper (reference[1]) != 'F'
      || !g_ascii_isdigit (reference[2]) || !g_ascii_isdigit (reference[3]))
    return FALSE;

  /* The first four characters move to the end; letters count as 10 to 35. */
  for (gsize i = 0; i < length; i++)
    {
      char c = reference[(i + 4) % length];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (g_ascii_isalpha (c))
        remainder = (remainder * 100 + (guint) (g_ascii_toupper (c) - 'A' + 10)) % 97;
      else
        return FALSE;
    }

  return remainder == 1;
}

static gboolean
has_rf_prefix (const char *reference)
{
  return g_ascii_toupper (reference[0]) == 'R' && g_ascii_toupper (reference[1]) == 'F';
}

static gboolean
check_one_line (const char *value, const char *field, GError **error)
{
  if (value == NULL)
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The field “%s” is not valid UTF-8 text"), field);
      return FALSE;
    }
  if (strpbrk (value, "\r\n") != NULL)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The field “%s” contains a line break; in a GiroCode every field is one "
                     "line"),
                   field);
      return FALSE;
    }

  return TRUE;
}

/* Checks @payload; on success gives the IBAN and BIC in their normalized form. */
static gboolean
validate (const RemitEpcPayload *payload, char **iban_out, char **bic_out, GError **error)
{
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;

  if (payload->version != 1 && payload->version != 2)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("GiroCode version %u does not exist; use version 1 (“001”) or 2 (“002”)"),
                   payload->version);
      return FALSE;
    }

  if (!check_one_line (payload->bic, _("BIC"), error)
      || !check_one_line (payload->name, _("Recipient"), error)
      || !check_one_line (payload->iban, _("IBAN"), error)
      || !check_one_line (payload->purpose, _("Purpose code"), error)
      || !check_one_line (payload->reference, _("Creditor reference"), error)
      || !check_one_line (payload->text, _("Remittance text"), error)
      || !check_one_line (payload->information, _("Note to the payer"), error))
    return FALSE;

  if (is_empty (payload->bic))
    {
      if (payload->version == 1)
        {
          g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                               _("A GiroCode of version 001 must contain the BIC"));
          return FALSE;
        }
    }
  else if (!remit_bic_validate (payload->bic, &bic, error))
    {
      return FALSE;
    }

  if (is_empty (payload->name))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                           _("The recipient’s name is missing"));
      return FALSE;
    }
  if (g_utf8_strlen (payload->name, -1) > REMIT_EPC_MAX_NAME_CHARS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The recipient’s name has %ld characters; a GiroCode allows at most %d"),
                   g_utf8_strlen (payload->name, -1), REMIT_EPC_MAX_NAME_CHARS);
      return FALSE;
    }

  if (is_empty (payload->iban))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                           _("The IBAN is missing"));
      return FALSE;
    }
  if (!remit_iban_validate (payload->iban, &iban, error))
    return FALSE;

  if (payload->has_amount)
    {
      if (strcmp (payload->amount.currency, "EUR") != 0)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       _("A GiroCode amount must be in euros, not in “%s”"),
                       payload->amount.currency);
          return FALSE;
        }
      if (payload->amount.minor < MIN_AMOUNT_MINOR)
        {
          g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                               _("A GiroCode amount must be at least EUR 0.01"));
          return FALSE;
        }
      if (payload->amount.minor > MAX_AMOUNT_MINOR)
        {
          g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                               _("A GiroCode amount must be at most EUR 999999999.99"));
          return FALSE;
        }
    }

  if (!is_empty (payload->purpose))
    {
      gboolean letters = strlen (payload->purpose) == 4;

      for (guint i = 0; letters && i < 4; i++)
        letters = g_ascii_isalpha (payload->purpose[i]);

      if (!letters)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                       _("The purpose code “%s” is not four letters (for example “GDDS”)"),
                       payload->purpose);
          return FALSE;
        }
    }

  if (!is_empty (payload->reference) && !is_empty (payload->text))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                           _("A GiroCode has either a creditor reference or a remittance text, "
                             "not both; keep one of them"));
      return FALSE;
    }

  if (!is_empty (payload->reference))
    {
      if (g_utf8_strlen (payload->reference, -1) > REMIT_EPC_MAX_REFERENCE_CHARS)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                       _("The creditor reference has %ld characters; a GiroCode allows at "
                         "most %d"),
                       g_utf8_strlen (payload->reference, -1), REMIT_EPC_MAX_REFERENCE_CHARS);
          return FALSE;
        }
      if (has_rf_prefix (payload->reference)
          && !remit_creditor_reference_is_valid (payload->reference))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                       _("The creditor reference “%s” is not a valid RF reference (ISO 11649); "
                         "check it for typing errors and write it without spaces"),
                       payload->reference);
          return FALSE;
        }
    }

  if (!is_empty (payload->text) && g_utf8_strlen (payload->text, -1) > REMIT_EPC_MAX_TEXT_CHARS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The remittance text has %ld characters; a GiroCode allows at most %d"),
                   g_utf8_strlen (payload->text, -1), REMIT_EPC_MAX_TEXT_CHARS);
      return FALSE;
    }

  if (!is_empty (payload->information)
      && g_utf8_strlen (payload->information, -1) > REMIT_EPC_MAX_INFORMATION_CHARS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The note to the payer has %ld characters; a GiroCode allows at most %d"),
                   g_utf8_strlen (payload->information, -1), REMIT_EPC_MAX_INFORMATION_CHARS);
      return FALSE;
    }

  if (iban_out != NULL)
    *iban_out = g_steal_pointer (&iban);
  if (bic_out != NULL)
    *bic_out = g_steal_pointer (&bic);
  return TRUE;
}

/**
 * remit_epc_payload_validate:
 * @payload: a payload
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Checks @payload against EPC069-12 as a banking app does (all but the total size, which
 * remit_epc_payload_build() checks). Errors are %REMIT_CORE_ERROR_INVALID_IBAN,
 * %REMIT_CORE_ERROR_INVALID_BIC, %REMIT_CORE_ERROR_INVALID_AMOUNT or
 * %REMIT_CORE_ERROR_INVALID_EPC.
 *
 * Returns: %TRUE if @payload is valid
 */
gboolean
remit_epc_payload_validate (const RemitEpcPayload *payload, GError **error)
{
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate (payload, NULL, NULL, error);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/**
 * remit_epc_payload_build:
 * @payload: a payload
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Writes the text to put in the QR code: the twelve elements joined by a line feed, without
 * the empty elements at the end, in UTF-8 — or in the payload's ISO 8859 character set when
 * it was read in one and its text fits that set. The IBAN and BIC are written in their
 * normalized form, the purpose code in capitals and the amount as `EUR12.34`.
 *
 * Returns: (transfer full): the payload, or %NULL with @error set
 */
char *
remit_epc_payload_build (const RemitEpcPayload *payload, GError **error)
{
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;
  g_autofree char *version = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *result = NULL;
  const char *lines[REMIT_EPC_MAX_LINES + 1];
  guint n_lines;
  gsize size;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate (payload, &iban, &bic, error))
    return NULL;

  version = g_strdup_printf ("%03u", payload->version);
  if (payload->has_amount)
    amount = g_strdup_printf ("EUR%" G_GINT64_FORMAT ".%02d", payload->amount.minor / 100,
                              (int) (payload->amount.minor % 100));
  if (!is_empty (payload->purpose))
    purpose = g_ascii_strup (payload->purpose, -1);

  lines[LINE_SERVICE_TAG] = "BCD";
  lines[LINE_VERSION] = version;
  lines[LINE_CHARSET] = "1";
  lines[LINE_IDENTIFICATION] = "SCT";
  lines[LINE_BIC] = or_empty (bic);
  lines[LINE_NAME] = payload->name;
  lines[LINE_IBAN] = iban;
  lines[LINE_AMOUNT] = or_empty (amount);
  lines[LINE_PURPOSE] = or_empty (purpose);
  lines[LINE_REFERENCE] = or_empty (payload->reference);
  lines[LINE_TEXT] = or_empty (payload->text);
  lines[LINE_INFORMATION] = or_empty (payload->information);

  n_lines = REMIT_EPC_MAX_LINES;
  while (*lines[n_lines - 1] == '\0')
    n_lines--;
  lines[n_lines] = NULL;

  result = g_strjoinv ("\n", (char **) lines);

  /* A payload read in one of the ISO 8859 sets is written in it again when its text fits:
   * umlauts take one byte there and two in UTF-8, so a payload at the size limit would
   * otherwise not fit any more. Text the set cannot hold is written in UTF-8. */
  if (payload->charset > REMIT_EPC_CHARSET_UTF_8
      && payload->charset < G_N_ELEMENTS (charset_names))
    {
      g_autofree char *utf8 = NULL;
      char *encoded;

      lines[LINE_CHARSET] = charset_digits[payload->charset];
      utf8 = g_strjoinv ("\n", (char **) lines);
      encoded = g_convert (utf8, -1, charset_names[payload->charset], "UTF-8", NULL, NULL, NULL);
      if (encoded != NULL)
        {
          g_free (result);
          result = encoded;
        }
    }

  size = strlen (result);
  if (size > REMIT_EPC_MAX_BYTES)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode would have %ld bytes, more than the %d allowed; shorten the "
                     "name or the remittance text"),
                   (long) size, REMIT_EPC_MAX_BYTES);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Reads `EUR` and a decimal number with at most two decimals, e.g. `EUR1234.5`. */
static gboolean
parse_amount (const char *text, RemitAmount *out, GError **error)
{
  const char *p;
  gint64 minor = 0;
  guint int_digits = 0;
  guint decimals = 0;

  if (!g_str_has_prefix (text, "EUR"))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("The GiroCode amount “%s” is not in euros; it must start with “EUR”"),
                   text);
      return FALSE;
    }

  for (p = text + 3; g_ascii_isdigit (*p); p++)
    {
      /* Leading zeros are harmless; more digits than the limit allows are not. */
      if (int_digits > 0 || *p != '0')
        int_digits++;
      if (int_digits > 9)
        {
          g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                               _("A GiroCode amount must be at most EUR 999999999.99"));
          return FALSE;
        }
      minor = minor * 10 + (*p - '0');
    }

  if (p == text + 3)
    goto not_a_number;

  if (*p == '.')
    {
      const char *first = ++p;

      for (; g_ascii_isdigit (*p); p++)
        {
          decimals++;
          if (decimals > 2)
            {
              g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                           _("The GiroCode amount “%s” has more than two decimals"), text);
              return FALSE;
            }
          minor = minor * 10 + (*p - '0');
        }
      if (p == first)
        goto not_a_number;
    }

  if (*p != '\0')
    goto not_a_number;

  for (; decimals < 2; decimals++)
    minor *= 10;

  remit_amount_init (out, minor, "EUR");
  return TRUE;

not_a_number:
  g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
               _("The GiroCode amount “%s” is not a number such as “EUR12.34”"), text);
  return FALSE;
}

static char *
take_field (char **lines, guint n_lines, guint index)
{
  char *value;

  if (index >= n_lines)
    return NULL;

  value = g_strdup (g_strstrip (lines[index]));
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static char **
split_lines (const char *text, guint *n_lines)
{
  char **lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (lines[i]);

      if (length > 0 && lines[i][length - 1] == '\r')
        lines[i][length - 1] = '\0';
    }

  /* A line break after the last element is tolerated, as banking apps do. */
  while (n > 0 && *lines[n - 1] == '\0')
    n--;

  *n_lines = n;
  return lines;
}

/**
 * remit_epc_payload_parse:
 * @data: the bytes read from a QR code
 * @length: the length of @data, or -1 if it ends with a NUL
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Reads an EPC069-12 payload. Lines may end with LF or CRLF; character sets 1 to 8 are
 * accepted and the text converted to UTF-8. The payload is checked as
 * remit_epc_payload_validate() does, and the IBAN and BIC are stored normalized.
 *
 * Returns: (transfer full): the payload, or %NULL with @error set
 */
RemitEpcPayload *
remit_epc_payload_parse (const char *data, gssize length, GError **error)
{
  g_autoptr (RemitEpcPayload) payload = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *utf8 = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;
  guint n_lines;
  const char *charset;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (length > REMIT_EPC_MAX_BYTES)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode has %ld bytes, more than the %d allowed"), (long) length,
                   REMIT_EPC_MAX_BYTES);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                           _("This is not a GiroCode: it contains binary data"));
      return NULL;
    }

  /* The first elements are ASCII in every character set: read them from the bytes. */
  raw = g_strndup (data, length);
  lines = split_lines (raw, &n_lines);

  if (n_lines == 0 || strcmp (lines[LINE_SERVICE_TAG], "BCD") != 0)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                           _("This is not a GiroCode: the first line is not “BCD”"));
      return NULL;
    }
  if (n_lines > REMIT_EPC_MAX_LINES)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode has %u lines, more than the %d allowed"), n_lines,
                   REMIT_EPC_MAX_LINES);
      return NULL;
    }

  payload = remit_epc_payload_new ();

  if (n_lines <= LINE_VERSION)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                           _("The GiroCode ends after “BCD”; its version is missing"));
      return NULL;
    }
  if (strcmp (lines[LINE_VERSION], "001") == 0)
    payload->version = 1;
  else if (strcmp (lines[LINE_VERSION], "002") == 0)
    payload->version = 2;
  else
    {
      g_autofree char *shown = g_utf8_make_valid (lines[LINE_VERSION], -1);

      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode version “%s” is unknown; only “001” and “002” exist"),
                   shown);
      return NULL;
    }

  if (n_lines <= LINE_CHARSET || strlen (lines[LINE_CHARSET]) != 1
      || lines[LINE_CHARSET][0] < '1' || lines[LINE_CHARSET][0] > '8')
    {
      g_autofree char *shown =
        g_utf8_make_valid (n_lines > LINE_CHARSET ? lines[LINE_CHARSET] : "", -1);

      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode character set “%s” is unknown; it must be a digit from 1 "
                     "to 8"),
                   shown);
      return NULL;
    }
  payload->charset = (RemitEpcCharset) (lines[LINE_CHARSET][0] - '0');
  charset = charset_names[payload->charset];

  if (payload->charset == REMIT_EPC_CHARSET_UTF_8)
    {
      if (!g_utf8_validate_len (raw, length, NULL))
        {
          g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                               _("The GiroCode says it is UTF-8 but its text is not"));
          return NULL;
        }
    }
  else
    {
      g_autoptr (GError) local_error = NULL;

      utf8 = g_convert (raw, length, "UTF-8", charset, NULL, NULL, &local_error);
      if (utf8 == NULL)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                       _("The GiroCode says it is %s but its text is not: %s"), charset,
                       local_error->message);
          return NULL;
        }

      g_strfreev (g_steal_pointer (&lines));
      lines = split_lines (utf8, &n_lines);
    }

  if (n_lines <= LINE_IDENTIFICATION || strcmp (lines[LINE_IDENTIFICATION], "SCT") != 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_EPC,
                   _("The GiroCode identification is “%s”, not “SCT” (SEPA credit transfer)"),
                   n_lines > LINE_IDENTIFICATION ? lines[LINE_IDENTIFICATION] : "");
      return NULL;
    }

  payload->bic = take_field (lines, n_lines, LINE_BIC);
  payload->name = take_field (lines, n_lines, LINE_NAME);
  payload->iban = take_field (lines, n_lines, LINE_IBAN);
  amount = take_field (lines, n_lines, LINE_AMOUNT);
  payload->purpose = take_field (lines, n_lines, LINE_PURPOSE);
  payload->reference = take_field (lines, n_lines, LINE_REFERENCE);
  payload->text = take_field (lines, n_lines, LINE_TEXT);
  payload->information = take_field (lines, n_lines, LINE_INFORMATION);

  if (amount != NULL)
    {
      if (!parse_amount (amount, &payload->amount, error))
        return NULL;
      payload->has_amount = TRUE;
    }

  if (!validate (payload, &iban, &bic, error))
    return NULL;

  g_free (payload->iban);
  payload->iban = g_steal_pointer (&iban);
  g_free (payload->bic);
  payload->bic = g_steal_pointer (&bic);
  if (payload->purpose != NULL)
    {
      char *upper = g_ascii_strup (payload->purpose, -1);

      g_free (payload->purpose);
      payload->purpose = upper;
    }

  return g_steal_pointer (&payload);
}
