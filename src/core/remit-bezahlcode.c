/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bezahlcode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-bezahlcode.h"
#include "remit-core-error.h"
#include "remit-iban.h"

#define SCHEME "bank://"

/* At most twelve digits before the decimal separator: under a trillion. */
#define MAX_INTEGER_DIGITS 12

G_DEFINE_BOXED_TYPE (RemitBezahlCode, remit_bezahlcode, remit_bezahlcode_copy,
                     remit_bezahlcode_free)

RemitBezahlCode *
remit_bezahlcode_copy (const RemitBezahlCode *code)
{
  RemitBezahlCode *copy;

  g_return_val_if_fail (code != NULL, NULL);

  copy = g_new0 (RemitBezahlCode, 1);
  *copy = *code;
  copy->name = g_strdup (code->name);
  copy->iban = g_strdup (code->iban);
  copy->bic = g_strdup (code->bic);
  copy->reason = g_strdup (code->reason);
  return copy;
}

void
remit_bezahlcode_free (RemitBezahlCode *code)
{
  if (code == NULL)
    return;

  g_free (code->name);
  g_free (code->iban);
  g_free (code->bic);
  g_free (code->reason);
  g_free (code);
}

/**
 * remit_bezahlcode_has_scheme:
 * @data: the contents of a QR code, not necessarily text
 * @length: the length of @data in bytes, or -1 if it ends with a NUL
 *
 * Returns: whether @data starts with `bank://` (in any case), i.e. claims to be a
 *   BezahlCode; remit_bezahlcode_parse() tells whether it is a valid one
 */
gboolean
remit_bezahlcode_has_scheme (const char *data, gssize length)
{
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);

  return (gsize) length >= strlen (SCHEME)
         && g_ascii_strncasecmp (data, SCHEME, strlen (SCHEME)) == 0;
}

static gboolean
set_error (GError **error, const char *message)
{
  g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BEZAHLCODE, message);
  return FALSE;
}

/* Percent-decodes @text[0..length) (and a “+” to a space, as in a form) into UTF-8. Bytes
 * that are not UTF-8 are read as ISO 8859-1, which older generators wrote. Control
 * characters become spaces and the ends are trimmed; NULL when nothing is left. */
static gboolean
decode_value (const char *text, gsize length, char **out, GError **error)
{
  g_autoptr (GString) bytes = g_string_sized_new (length);
  char *value;

  *out = NULL;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '%')
        {
          int high, low;

          if (i + 2 >= length)
            return set_error (error, _("The BezahlCode has a “%” that is not followed by two "
                                       "hexadecimal digits"));
          high = g_ascii_xdigit_value (text[i + 1]);
          low = g_ascii_xdigit_value (text[i + 2]);
          if (high < 0 || low < 0)
            return set_error (error, _("The BezahlCode has a “%” that is not followed by two "
                                       "hexadecimal digits"));
          c = (char) (high * 16 + low);
          i += 2;
        }
      else if (c == '+')
        c = ' ';

      g_string_append_c (bytes, c);
    }

  if (memchr (bytes->str, '\0', bytes->len) != NULL)
    return set_error (error, _("The BezahlCode contains binary data"));

  if (g_utf8_validate (bytes->str, bytes->len, NULL))
    value = g_strndup (bytes->str, bytes->len);
  else
    {
      value = g_convert (bytes->str, bytes->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (value == NULL)
        return set_error (error, _("The BezahlCode’s text cannot be read"));
    }

  for (char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  g_strstrip (value);

  if (*value == '\0')
    g_free (value);
  else
    *out = value;

  return TRUE;
}

/* “12,34”, “12.34” or “12”: one decimal separator at most, no grouping, no sign. */
static gboolean
parse_amount (const char *text, const char *currency, RemitAmount *out, GError **error)
{
  int decimals = remit_currency_get_decimals (currency);
  gint64 minor = 0;
  int integer_digits = 0;
  int fraction_digits = 0;
  gboolean separator = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (separator)
            fraction_digits++;
          else
            integer_digits++;
          minor = minor * 10 + (*p - '0');
        }
      else if ((*p == ',' || *p == '.') && !separator)
        separator = TRUE;
      else
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       _("The BezahlCode’s amount “%s” is not a number such as “12,34”"), text);
          return FALSE;
        }

      if (integer_digits > MAX_INTEGER_DIGITS)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       _("The BezahlCode’s amount “%s” is too large"), text);
          return FALSE;
        }
    }

  if (integer_digits + fraction_digits == 0 || (separator && fraction_digits == 0))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("The BezahlCode’s amount “%s” is not a number such as “12,34”"), text);
      return FALSE;
    }

  if (fraction_digits > decimals)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The BezahlCode’s amount “%s” has more than %d decimal",
                                "The BezahlCode’s amount “%s” has more than %d decimals",
                                decimals),
                   text, decimals);
      return FALSE;
    }

  for (int i = fraction_digits; i < decimals; i++)
    minor *= 10;

  remit_amount_init (out, minor, currency);
  return TRUE;
}

/* The parameters Remit reads; others (execution date, periods, …) are skipped. */
enum
{
  FIELD_NAME,
  FIELD_IBAN,
  FIELD_BIC,
  FIELD_AMOUNT,
  FIELD_CURRENCY,
  FIELD_REASON,
  N_FIELDS,
};

static const char *const field_keys[N_FIELDS] = {
  [FIELD_NAME] = "name",         [FIELD_IBAN] = "iban",       [FIELD_BIC] = "bic",
  [FIELD_AMOUNT] = "amount",     [FIELD_CURRENCY] = "currency", [FIELD_REASON] = "reason",
};

static gboolean
read_kind (const char *authority, RemitBezahlCodeKind *kind, GError **error)
{
  if (g_ascii_strcasecmp (authority, "singlepaymentsepa") == 0)
    *kind = REMIT_BEZAHLCODE_SINGLE_PAYMENT;
  else if (g_ascii_strcasecmp (authority, "periodicsinglepaymentsepa") == 0)
    *kind = REMIT_BEZAHLCODE_STANDING_ORDER;
  else if (g_ascii_strcasecmp (authority, "singlepayment") == 0
           || g_ascii_strcasecmp (authority, "periodicsinglepayment") == 0)
    return set_error (error, _("The BezahlCode gives an old German account number instead of "
                               "an IBAN; ask the sender for a SEPA BezahlCode or type the "
                               "IBAN"));
  else if (g_ascii_strncasecmp (authority, "singledirectdebit", strlen ("singledirectdebit")) == 0)
    return set_error (error, _("The BezahlCode is a direct debit mandate: the recipient "
                               "collects the money, there is nothing to transfer"));
  else
    {
      g_autofree char *shown = g_utf8_make_valid (authority, -1);

      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BEZAHLCODE,
                   _("The BezahlCode asks for “%s”, not for a SEPA transfer"), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * remit_bezahlcode_parse:
 * @data: the contents of a QR code
 * @length: the length of @data in bytes, or -1 if it ends with a NUL
 * @error: return location for an error
 *
 * Reads a BezahlCode URI for a SEPA transfer (`bank://singlepaymentsepa?…` or
 * `bank://periodicsinglepaymentsepa?…`). Parameter names are read in any case; values are
 * percent-decoded. The IBAN is required and must be valid; the BIC, if given, too. The
 * amount is written with a decimal comma (a point is accepted), in EUR unless `currency`
 * names another currency. Parameters Remit does not need are skipped.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL with @error set:
 *   %REMIT_CORE_ERROR_INVALID_BEZAHLCODE when it is not a SEPA transfer or not written as
 *   one, %REMIT_CORE_ERROR_INVALID_IBAN, %REMIT_CORE_ERROR_INVALID_BIC or
 *   %REMIT_CORE_ERROR_INVALID_AMOUNT for a bad value
 */
RemitBezahlCode *
remit_bezahlcode_parse (const char *data, gssize length, GError **error)
{
  g_autoptr (RemitBezahlCode) code = NULL;
  g_autofree char *authority = NULL;
  char *values[N_FIELDS] = { NULL };
  const char *query;
  const char *end;
  const char *p;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (length > REMIT_BEZAHLCODE_MAX_BYTES)
    {
      set_error (error, _("The BezahlCode is too long"));
      return NULL;
    }
  if (!remit_bezahlcode_has_scheme (data, length))
    {
      set_error (error, _("This is not a BezahlCode: it does not start with “bank://”"));
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      set_error (error, _("The BezahlCode contains binary data"));
      return NULL;
    }

  end = data + length;
  /* A fragment is not part of the parameters. */
  p = memchr (data, '#', length);
  if (p != NULL)
    end = p;

  p = data + strlen (SCHEME);
  query = memchr (p, '?', end - p);
  authority = g_strndup (p, (query != NULL ? query : end) - p);
  /* “bank://singlepaymentsepa/?…” is seen too. */
  if (*authority != '\0' && authority[strlen (authority) - 1] == '/')
    authority[strlen (authority) - 1] = '\0';

  code = g_new0 (RemitBezahlCode, 1);
  if (!read_kind (authority, &code->kind, error))
    return NULL;

  p = query != NULL ? query + 1 : end;
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *pair_end = amp != NULL ? amp : end;
      const char *equals = memchr (p, '=', pair_end - p);
      const char *key_end = equals != NULL ? equals : pair_end;
      g_autofree char *key = NULL;
      int field = -1;

      key = g_ascii_strdown (p, key_end - p);
      for (int i = 0; i < N_FIELDS; i++)
        if (strcmp (key, field_keys[i]) == 0)
          field = i;

      if (field >= 0)
        {
          char *value = NULL;

          if (values[field] != NULL)
            {
              g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BEZAHLCODE,
                           _("The BezahlCode gives “%s” twice"), field_keys[field]);
              goto out;
            }
          if (equals != NULL && !decode_value (equals + 1, pair_end - equals - 1, &value, error))
            goto out;
          /* An empty value stands for “absent”; keep a marker against repeats. */
          values[field] = value != NULL ? value : g_strdup ("");
        }

      p = pair_end + (amp != NULL ? 1 : 0);
    }

  if (values[FIELD_IBAN] == NULL || *values[FIELD_IBAN] == '\0')
    {
      set_error (error, _("The BezahlCode has no IBAN"));
      goto out;
    }
  if (!remit_iban_validate (values[FIELD_IBAN], &code->iban, error))
    {
      g_prefix_error (error, _("The BezahlCode’s IBAN is not valid: "));
      goto out;
    }

  if (values[FIELD_BIC] != NULL && *values[FIELD_BIC] != '\0'
      && !remit_bic_validate (values[FIELD_BIC], &code->bic, error))
    {
      g_prefix_error (error, _("The BezahlCode’s BIC is not valid: "));
      goto out;
    }

  if (values[FIELD_AMOUNT] != NULL && *values[FIELD_AMOUNT] != '\0')
    {
      g_autofree char *currency = NULL;

      currency = g_ascii_strup (values[FIELD_CURRENCY] != NULL && *values[FIELD_CURRENCY] != '\0'
                                  ? values[FIELD_CURRENCY]
                                  : "EUR",
                                -1);
      if (!remit_currency_is_known (currency))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       _("The BezahlCode’s currency “%s” is unknown"), currency);
          goto out;
        }
      if (!parse_amount (values[FIELD_AMOUNT], currency, &code->amount, error))
        goto out;
      code->has_amount = code->amount.minor > 0;
    }

  if (values[FIELD_NAME] != NULL && *values[FIELD_NAME] != '\0')
    code->name = g_strdup (values[FIELD_NAME]);
  if (values[FIELD_REASON] != NULL && *values[FIELD_REASON] != '\0')
    code->reason = g_strdup (values[FIELD_REASON]);

  ok = TRUE;

out:
  for (int i = 0; i < N_FIELDS; i++)
    g_free (values[i]);

  return ok ? g_steal_pointer (&code) : NULL;
}
