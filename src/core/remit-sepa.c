/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-sepa"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-core-error.h"
#include "remit-iban.h"
#include "remit-sepa.h"

#define PAIN_NAMESPACE "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"

typedef struct
{
  char *end_to_end_id;
  char *creditor_name;
  char *creditor_iban;
  char *creditor_bic;
  RemitAmount amount;
  char *remittance;
} Transfer;

struct _RemitSepaCreditTransfer
{
  GObject parent_instance;

  char *debtor_name;
  char *debtor_iban;
  char *debtor_bic;
  char *message_id;
  GDateTime *creation_time;
  GDate execution_date; /* cleared: the creation day */
  GArray *transfers;    /* of Transfer */
};

G_DEFINE_FINAL_TYPE (RemitSepaCreditTransfer, remit_sepa_credit_transfer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEBTOR_NAME,
  PROP_DEBTOR_IBAN,
  PROP_DEBTOR_BIC,
  PROP_MESSAGE_ID,
  PROP_CREATION_TIME,
  PROP_N_TRANSFERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrives with GLib 2.76. */
static gboolean
set_string (char **slot, const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
transfer_clear (gpointer data)
{
  Transfer *transfer = data;

  g_clear_pointer (&transfer->end_to_end_id, g_free);
  g_clear_pointer (&transfer->creditor_name, g_free);
  g_clear_pointer (&transfer->creditor_iban, g_free);
  g_clear_pointer (&transfer->creditor_bic, g_free);
  g_clear_pointer (&transfer->remittance, g_free);
}

static void
remit_sepa_credit_transfer_finalize (GObject *object)
{
  RemitSepaCreditTransfer *self = REMIT_SEPA_CREDIT_TRANSFER (object);

  g_clear_pointer (&self->debtor_name, g_free);
  g_clear_pointer (&self->debtor_iban, g_free);
  g_clear_pointer (&self->debtor_bic, g_free);
  g_clear_pointer (&self->message_id, g_free);
  g_clear_pointer (&self->creation_time, g_date_time_unref);
  g_clear_pointer (&self->transfers, g_array_unref);

  G_OBJECT_CLASS (remit_sepa_credit_transfer_parent_class)->finalize (object);
}

static void
remit_sepa_credit_transfer_get_property (GObject *object,
                                         guint prop_id,
                                         GValue *value,
                                         GParamSpec *pspec)
{
  RemitSepaCreditTransfer *self = REMIT_SEPA_CREDIT_TRANSFER (object);

  switch (prop_id)
    {
    case PROP_DEBTOR_NAME:
      g_value_set_string (value, self->debtor_name);
      break;
    case PROP_DEBTOR_IBAN:
      g_value_set_string (value, self->debtor_iban);
      break;
    case PROP_DEBTOR_BIC:
      g_value_set_string (value, self->debtor_bic);
      break;
    case PROP_MESSAGE_ID:
      g_value_set_string (value, self->message_id);
      break;
    case PROP_CREATION_TIME:
      g_value_set_boxed (value, self->creation_time);
      break;
    case PROP_N_TRANSFERS:
      g_value_set_uint (value, self->transfers->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_sepa_credit_transfer_set_property (GObject *object,
                                         guint prop_id,
                                         const GValue *value,
                                         GParamSpec *pspec)
{
  RemitSepaCreditTransfer *self = REMIT_SEPA_CREDIT_TRANSFER (object);

  switch (prop_id)
    {
    case PROP_DEBTOR_NAME:
      set_string (&self->debtor_name, g_value_get_string (value));
      break;
    case PROP_DEBTOR_IBAN:
      set_string (&self->debtor_iban, g_value_get_string (value));
      break;
    case PROP_DEBTOR_BIC:
      set_string (&self->debtor_bic, g_value_get_string (value));
      break;
    case PROP_MESSAGE_ID:
      remit_sepa_credit_transfer_set_message_id (self, g_value_get_string (value));
      break;
    case PROP_CREATION_TIME:
      remit_sepa_credit_transfer_set_creation_time (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_sepa_credit_transfer_class_init (RemitSepaCreditTransferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_sepa_credit_transfer_finalize;
  object_class->get_property = remit_sepa_credit_transfer_get_property;
  object_class->set_property = remit_sepa_credit_transfer_set_property;

  /**
   * RemitSepaCreditTransfer:debtor-name:
   *
   * The name of the account holder who pays, as given (transliterated when built).
   */
  properties[PROP_DEBTOR_NAME] =
    g_param_spec_string ("debtor-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitSepaCreditTransfer:debtor-iban:
   *
   * The IBAN of the account that pays.
   */
  properties[PROP_DEBTOR_IBAN] =
    g_param_spec_string ("debtor-iban", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitSepaCreditTransfer:debtor-bic:
   *
   * The BIC of the debtor's bank, or %NULL (then `NOTPROVIDED` is written, as the IBAN
   * alone identifies the bank within SEPA).
   */
  properties[PROP_DEBTOR_BIC] =
    g_param_spec_string ("debtor-bic", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitSepaCreditTransfer:message-id:
   *
   * The message id (`MsgId`), unique per file: a random one unless set.
   */
  properties[PROP_MESSAGE_ID] =
    g_param_spec_string ("message-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitSepaCreditTransfer:creation-time:
   *
   * When the file is created (`CreDtTm`); the time of construction unless set.
   */
  properties[PROP_CREATION_TIME] =
    g_param_spec_boxed ("creation-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitSepaCreditTransfer:n-transfers:
   *
   * How many transfers were added.
   */
  properties[PROP_N_TRANSFERS] =
    g_param_spec_uint ("n-transfers", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_sepa_credit_transfer_init (RemitSepaCreditTransfer *self)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *id = g_string_new (NULL);

  /* 32 hex digits: unique, and within the 35 characters of MsgId. */
  for (const char *p = uuid; *p; p++)
    if (*p != '-')
      g_string_append_c (id, *p);
  self->message_id = g_string_free (id, FALSE);
  self->creation_time = g_date_time_new_now_local ();
  g_date_clear (&self->execution_date, 1);
  self->transfers = g_array_new (FALSE, TRUE, sizeof (Transfer));
  g_array_set_clear_func (self->transfers, transfer_clear);
}

/**
 * remit_sepa_credit_transfer_new:
 * @debtor_name: the name of the account holder who pays
 * @debtor_iban: the IBAN that pays
 * @debtor_bic: (nullable): the BIC of the debtor's bank
 *
 * Returns: (transfer full): an empty credit transfer. Values are checked when built.
 */
RemitSepaCreditTransfer *
remit_sepa_credit_transfer_new (const char *debtor_name,
                                const char *debtor_iban,
                                const char *debtor_bic)
{
  return g_object_new (REMIT_TYPE_SEPA_CREDIT_TRANSFER,
                       "debtor-name", debtor_name,
                       "debtor-iban", debtor_iban,
                       "debtor-bic", debtor_bic,
                       NULL);
}

const char *
remit_sepa_credit_transfer_get_message_id (RemitSepaCreditTransfer *self)
{
  g_return_val_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self), NULL);

  return self->message_id;
}

/**
 * remit_sepa_credit_transfer_set_message_id:
 * @self: a #RemitSepaCreditTransfer
 * @message_id: the `MsgId`, 1–35 characters of the SEPA set, not starting with `/` and
 *   without `//` (checked when built)
 */
void
remit_sepa_credit_transfer_set_message_id (RemitSepaCreditTransfer *self,
                                           const char *message_id)
{
  g_return_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self));
  g_return_if_fail (message_id != NULL);

  if (set_string (&self->message_id, message_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_ID]);
}

/**
 * remit_sepa_credit_transfer_get_creation_time:
 *
 * Returns: (transfer none): the creation time
 */
GDateTime *
remit_sepa_credit_transfer_get_creation_time (RemitSepaCreditTransfer *self)
{
  g_return_val_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self), NULL);

  return self->creation_time;
}

void
remit_sepa_credit_transfer_set_creation_time (RemitSepaCreditTransfer *self,
                                              GDateTime *creation_time)
{
  g_return_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self));
  g_return_if_fail (creation_time != NULL);

  if (self->creation_time == creation_time)
    return;
  g_clear_pointer (&self->creation_time, g_date_time_unref);
  self->creation_time = g_date_time_ref (creation_time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATION_TIME]);
}

/**
 * remit_sepa_credit_transfer_set_execution_date:
 * @self: a #RemitSepaCreditTransfer
 * @date: (nullable): the day the bank is asked to execute the transfers, not before the
 *   creation day; %NULL for the creation day
 */
void
remit_sepa_credit_transfer_set_execution_date (RemitSepaCreditTransfer *self, const GDate *date)
{
  g_return_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self));

  if (date == NULL)
    g_date_clear (&self->execution_date, 1);
  else
    self->execution_date = *date;
}

/**
 * remit_sepa_credit_transfer_add:
 * @self: a #RemitSepaCreditTransfer
 * @end_to_end_id: (nullable): the id that travels with the money to the creditor's
 *   statement; %NULL writes `NOTPROVIDED`
 * @creditor_name: the recipient's name
 * @creditor_iban: the recipient's IBAN
 * @creditor_bic: (nullable): the recipient bank's BIC
 * @amount: the amount, in EUR
 * @remittance: (nullable): the unstructured remittance text (purpose, reference)
 *
 * Adds one transfer. The values are kept as given and checked when built.
 */
void
remit_sepa_credit_transfer_add (RemitSepaCreditTransfer *self,
                                const char *end_to_end_id,
                                const char *creditor_name,
                                const char *creditor_iban,
                                const char *creditor_bic,
                                const RemitAmount *amount,
                                const char *remittance)
{
  Transfer transfer = { 0 };

  g_return_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self));
  g_return_if_fail (amount != NULL);

  transfer.end_to_end_id = g_strdup (end_to_end_id);
  transfer.creditor_name = g_strdup (creditor_name);
  transfer.creditor_iban = g_strdup (creditor_iban);
  transfer.creditor_bic = g_strdup (creditor_bic);
  transfer.amount = *amount;
  transfer.remittance = g_strdup (remittance);
  g_array_append_val (self->transfers, transfer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TRANSFERS]);
}

guint
remit_sepa_credit_transfer_get_n_transfers (RemitSepaCreditTransfer *self)
{
  g_return_val_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self), 0);

  return self->transfers->len;
}

/* The SEPA character set (EPC217-08, the basic Latin set every bank accepts). */
static gboolean
is_sepa_char (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
         || (c != 0 && strchr ("/-?:().,'+ ", (int) c) != NULL);
}

typedef struct
{
  gunichar c;
  const char *ascii;
} Transliteration;

/* Letters that decomposition does not turn into their usual spelling. */
static const Transliteration transliterations[] = {
  { 0x00E4, "ae" }, { 0x00F6, "oe" }, { 0x00FC, "ue" }, { 0x00C4, "Ae" }, { 0x00D6, "Oe" },
  { 0x00DC, "Ue" }, { 0x00DF, "ss" }, { 0x1E9E, "SS" }, { 0x00E6, "ae" }, { 0x00C6, "AE" },
  { 0x0153, "oe" }, { 0x0152, "OE" }, { 0x00F8, "o" },  { 0x00D8, "O" },  { 0x0142, "l" },
  { 0x0141, "L" },  { 0x0111, "d" },  { 0x0110, "D" },  { 0x00FE, "th" }, { 0x00DE, "Th" },
  { 0x00F0, "d" },  { 0x00D0, "D" },  { 0x0131, "i" },  { '&', "+" },     { '"', "'" },
  { 0x2018, "'" },  { 0x2019, "'" },  { 0x201A, "'" },  { 0x201C, "'" },  { 0x201D, "'" },
  { 0x201E, "'" },  { 0x00AB, "'" },  { 0x00BB, "'" },  { 0x2039, "'" },  { 0x203A, "'" },
  { 0x2010, "-" },  { 0x2011, "-" },  { 0x2012, "-" },  { 0x2013, "-" },  { 0x2014, "-" },
  { 0x2212, "-" },
};

/**
 * remit_sepa_transliterate:
 * @text: UTF-8 text
 *
 * Brings @text into the SEPA character set: umlauts and ligatures are spelled out
 * (ä → ae, ß → ss, œ → oe), accents dropped (é → e), `&` becomes `+`, quotation marks `'`,
 * dashes `-`, white space a single space; other characters are left out. Leading and
 * trailing spaces are removed.
 *
 * Returns: (transfer full): the transliterated text, possibly empty
 */
char *
remit_sepa_transliterate (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *replacement = NULL;
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }

      if (is_sepa_char (c))
        {
          g_string_append_c (out, (char) c);
          continue;
        }

      for (gsize i = 0; i < G_N_ELEMENTS (transliterations); i++)
        if (transliterations[i].c == c)
          {
            replacement = transliterations[i].ascii;
            break;
          }
      if (replacement != NULL)
        {
          g_string_append (out, replacement);
          continue;
        }

      /* é → e + combining accent: keep the base letter when the set has it. */
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      if (n > 1 && is_sepa_char (decomposed[0]) && decomposed[0] != ' ')
        g_string_append_c (out, (char) decomposed[0]);
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * remit_sepa_is_valid_id:
 * @id: a candidate identifier (MsgId, PmtInfId, EndToEndId)
 *
 * Returns: whether @id has 1–35 characters of the SEPA set, does not start with `/`
 *   and does not contain `//`
 */
gboolean
remit_sepa_is_valid_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > REMIT_SEPA_ID_MAX || id[0] == '/' || strstr (id, "//") != NULL)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (id[i] == ' ' || !is_sepa_char ((guchar) id[i]))
      return FALSE;

  return TRUE;
}

/* Cuts ASCII @text to @max characters, without a trailing space. */
static void
truncate_ascii (char *text, gsize max)
{
  gsize len = strlen (text);

  if (len > max)
    len = max;
  while (len > 0 && text[len - 1] == ' ')
    len--;
  text[len] = '\0';
}

static void
append_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* <name>text</name> on its own line, @depth levels in. */
static void
append_element (GString *out, int depth, const char *name, const char *text)
{
  g_string_append_printf (out, "%*s<%s>", depth * 2, "", name);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
open_element (GString *out, int depth, const char *name)
{
  g_string_append_printf (out, "%*s<%s>\n", depth * 2, "", name);
}

static void
close_element (GString *out, int depth, const char *name)
{
  g_string_append_printf (out, "%*s</%s>\n", depth * 2, "", name);
}

static char *
format_cents (gint64 cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

/* The name of the n-th transfer in messages: its EndToEndId when it has one. */
static char *
describe_transfer (const Transfer *transfer, guint index)
{
  if (transfer->end_to_end_id != NULL && *transfer->end_to_end_id != '\0')
    return g_strdup_printf (_("Transfer “%s”"), transfer->end_to_end_id);
  return g_strdup_printf (_("Transfer %u"), index + 1);
}

static gboolean
prepare_name (const char *given, const char *what, char **out, GError **error)
{
  g_autofree char *name = NULL;

  if (given == NULL || (name = remit_sepa_transliterate (given))[0] == '\0')
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("%s has no name in the SEPA character set (letters, digits and / - ? : ( ) . , ' +)"),
                   what);
      return FALSE;
    }
  truncate_ascii (name, REMIT_SEPA_NAME_MAX);
  *out = g_steal_pointer (&name);
  return TRUE;
}

static gboolean
prepare_iban (const char *given, const char *what, char **out, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (given == NULL || !remit_iban_validate (given, out, &local_error))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN, "%s: %s", what,
                   local_error != NULL ? local_error->message : _("No IBAN is given"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_bic (const char *given, const char *what, char **out, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (given == NULL || *given == '\0')
    {
      *out = NULL;
      return TRUE;
    }
  if (!remit_bic_validate (given, out, &local_error))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_BIC, "%s: %s", what,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A transfer checked and brought into the form that is written. */
typedef struct
{
  char *end_to_end_id;
  char *name;
  char *iban;
  char *bic;
  char *remittance;
  gint64 cents;
} Prepared;

static void
prepared_clear (gpointer data)
{
  Prepared *prepared = data;

  g_free (prepared->end_to_end_id);
  g_free (prepared->name);
  g_free (prepared->iban);
  g_free (prepared->bic);
  g_free (prepared->remittance);
}

static gboolean
prepare_transfer (const Transfer *transfer, guint index, Prepared *out, GError **error)
{
  g_autofree char *what = describe_transfer (transfer, index);
  g_autofree char *creditor = g_strdup_printf (_("%s, creditor"), what);

  if (transfer->end_to_end_id == NULL)
    out->end_to_end_id = g_strdup ("NOTPROVIDED");
  else if (remit_sepa_is_valid_id (transfer->end_to_end_id))
    out->end_to_end_id = g_strdup (transfer->end_to_end_id);
  else
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("%s: the end-to-end id must have 1 to 35 letters, digits or / - ? : ( ) . , ' + and no spaces"),
                   what);
      return FALSE;
    }

  if (!g_str_equal (transfer->amount.currency, "EUR"))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("%s: SEPA transfers are made in euros, not in %s"), what,
                   transfer->amount.currency);
      return FALSE;
    }
  if (transfer->amount.minor <= 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("%s: the amount must be more than zero"), what);
      return FALSE;
    }
  if (transfer->amount.minor > REMIT_SEPA_AMOUNT_MAX)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("%s: the amount is more than a SEPA transfer may carry (999,999,999.99 EUR)"),
                   what);
      return FALSE;
    }
  out->cents = transfer->amount.minor;

  if (!prepare_name (transfer->creditor_name, creditor, &out->name, error)
      || !prepare_iban (transfer->creditor_iban, creditor, &out->iban, error)
      || !prepare_bic (transfer->creditor_bic, creditor, &out->bic, error))
    return FALSE;

  if (transfer->remittance != NULL)
    {
      out->remittance = remit_sepa_transliterate (transfer->remittance);
      if (strlen (out->remittance) > REMIT_SEPA_REMITTANCE_MAX)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       _("%s: the remittance text has %u characters; a SEPA transfer carries at most 140. Shorten it so that the reference stays whole."),
                       what, (guint) strlen (out->remittance));
          return FALSE;
        }
      if (out->remittance[0] == '\0')
        g_clear_pointer (&out->remittance, g_free);
    }

  return TRUE;
}

static void
append_agent (GString *out, int depth, const char *element, const char *bic)
{
  open_element (out, depth, element);
  open_element (out, depth + 1, "FinInstnId");
  if (bic != NULL)
    append_element (out, depth + 2, "BIC", bic);
  else
    {
      open_element (out, depth + 2, "Othr");
      append_element (out, depth + 3, "Id", "NOTPROVIDED");
      close_element (out, depth + 2, "Othr");
    }
  close_element (out, depth + 1, "FinInstnId");
  close_element (out, depth, element);
}

static void
append_account (GString *out, int depth, const char *element, const char *iban)
{
  open_element (out, depth, element);
  open_element (out, depth + 1, "Id");
  append_element (out, depth + 2, "IBAN", iban);
  close_element (out, depth + 1, "Id");
  close_element (out, depth, element);
}

static void
append_party (GString *out, int depth, const char *element, const char *name)
{
  open_element (out, depth, element);
  append_element (out, depth + 1, "Nm", name);
  close_element (out, depth, element);
}

/**
 * remit_sepa_credit_transfer_build:
 * @self: a #RemitSepaCreditTransfer
 * @error: return location for a %REMIT_CORE_ERROR
 *
 * Checks every value, then writes the `pain.001.001.03` document: a group header with
 * the number of transfers and their exact sum, and one payment block (`PmtInf`, service
 * level SEPA, charges shared `SLEV`) with a `CdtTrfTxInf` per transfer, in the order
 * they were added.
 *
 * Returns: (transfer full) (nullable): the XML text in UTF-8, or %NULL with @error set
 */
char *
remit_sepa_credit_transfer_build (RemitSepaCreditTransfer *self, GError **error)
{
  g_autoptr (GArray) prepared = NULL;
  g_autofree char *debtor_name = NULL;
  g_autofree char *debtor_iban = NULL;
  g_autofree char *debtor_bic = NULL;
  g_autofree char *payment_id = NULL;
  g_autofree char *created = NULL;
  g_autofree char *control_sum = NULL;
  g_autofree char *n_transfers = NULL;
  char execution[16];
  GDate creation_day;
  GDate execution_date;
  gint64 total = 0;
  GString *out;

  g_return_val_if_fail (REMIT_IS_SEPA_CREDIT_TRANSFER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_sepa_is_valid_id (self->message_id))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("The message id must have 1 to 35 letters, digits or / - ? : ( ) . , ' + and no spaces"));
      return NULL;
    }
  if (!prepare_name (self->debtor_name, _("The debtor"), &debtor_name, error)
      || !prepare_iban (self->debtor_iban, _("The debtor"), &debtor_iban, error)
      || !prepare_bic (self->debtor_bic, _("The debtor"), &debtor_bic, error))
    return NULL;

  if (self->transfers->len == 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("A SEPA file needs at least one transfer"));
      return NULL;
    }

  g_date_clear (&creation_day, 1);
  g_date_set_dmy (&creation_day, g_date_time_get_day_of_month (self->creation_time),
                  g_date_time_get_month (self->creation_time),
                  g_date_time_get_year (self->creation_time));
  execution_date = g_date_valid (&self->execution_date) ? self->execution_date : creation_day;
  if (g_date_compare (&execution_date, &creation_day) < 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("The execution date lies before the day the file is created; choose today or a later day"));
      return NULL;
    }
  g_snprintf (execution, sizeof execution, "%04u-%02u-%02u", g_date_get_year (&execution_date),
              g_date_get_month (&execution_date), g_date_get_day (&execution_date));

  prepared = g_array_sized_new (FALSE, TRUE, sizeof (Prepared), self->transfers->len);
  g_array_set_clear_func (prepared, prepared_clear);
  for (guint i = 0; i < self->transfers->len; i++)
    {
      Prepared item = { 0 };

      if (!prepare_transfer (&g_array_index (self->transfers, Transfer, i), i, &item, error))
        {
          prepared_clear (&item);
          return NULL;
        }
      /* Each amount is at most 10^11 cents, so the sum cannot overflow before
       * 9 × 10^7 transfers; guard anyway. */
      if (total > G_MAXINT64 - item.cents)
        {
          prepared_clear (&item);
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       _("The sum of the transfers is too large"));
          return NULL;
        }
      total += item.cents;
      g_array_append_val (prepared, item);
    }

  payment_id = g_strdup_printf ("%.*s-1", REMIT_SEPA_ID_MAX - 2, self->message_id);
  created = g_date_time_format (self->creation_time, "%Y-%m-%dT%H:%M:%S");
  control_sum = format_cents (total);
  n_transfers = g_strdup_printf ("%u", prepared->len);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<Document xmlns=\"" PAIN_NAMESPACE "\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
  open_element (out, 1, "CstmrCdtTrfInitn");

  open_element (out, 2, "GrpHdr");
  append_element (out, 3, "MsgId", self->message_id);
  append_element (out, 3, "CreDtTm", created);
  append_element (out, 3, "NbOfTxs", n_transfers);
  append_element (out, 3, "CtrlSum", control_sum);
  append_party (out, 3, "InitgPty", debtor_name);
  close_element (out, 2, "GrpHdr");

  open_element (out, 2, "PmtInf");
  append_element (out, 3, "PmtInfId", payment_id);
  append_element (out, 3, "PmtMtd", "TRF");
  append_element (out, 3, "NbOfTxs", n_transfers);
  append_element (out, 3, "CtrlSum", control_sum);
  open_element (out, 3, "PmtTpInf");
  open_element (out, 4, "SvcLvl");
  append_element (out, 5, "Cd", "SEPA");
  close_element (out, 4, "SvcLvl");
  close_element (out, 3, "PmtTpInf");
  append_element (out, 3, "ReqdExctnDt", execution);
  append_party (out, 3, "Dbtr", debtor_name);
  append_account (out, 3, "DbtrAcct", debtor_iban);
  append_agent (out, 3, "DbtrAgt", debtor_bic);
  append_element (out, 3, "ChrgBr", "SLEV");

  for (guint i = 0; i < prepared->len; i++)
    {
      const Prepared *item = &g_array_index (prepared, Prepared, i);
      g_autofree char *amount = format_cents (item->cents);

      open_element (out, 3, "CdtTrfTxInf");
      open_element (out, 4, "PmtId");
      append_element (out, 5, "EndToEndId", item->end_to_end_id);
      close_element (out, 4, "PmtId");
      open_element (out, 4, "Amt");
      g_string_append_printf (out, "%*s<InstdAmt Ccy=\"EUR\">%s</InstdAmt>\n", 10, "", amount);
      close_element (out, 4, "Amt");
      if (item->bic != NULL)
        append_agent (out, 4, "CdtrAgt", item->bic);
      append_party (out, 4, "Cdtr", item->name);
      append_account (out, 4, "CdtrAcct", item->iban);
      if (item->remittance != NULL)
        {
          open_element (out, 4, "RmtInf");
          append_element (out, 5, "Ustrd", item->remittance);
          close_element (out, 4, "RmtInf");
        }
      close_element (out, 3, "CdtTrfTxInf");
    }

  close_element (out, 2, "PmtInf");
  close_element (out, 1, "CstmrCdtTrfInitn");
  g_string_append (out, "</Document>\n");

  return g_string_free (out, FALSE);
}
