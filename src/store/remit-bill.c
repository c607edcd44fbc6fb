/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-bill"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-bill-private.h"
#include "remit-core-error.h"
#include "remit-iban.h"

/**
 * RemitBill:
 *
 * One bill of the ledger as the UI shows it: who is paid, how much, until when, and where
 * the bill stands. A bill comes from remit_bill_new() (not yet saved; id 0) or from the
 * ledger. Setters change the object only; remit_ledger_update_bill() saves them. The
 * state changes only through remit_ledger_move_bill(), which checks the move.
 *
 * Large snapshots (the extraction and the layout) are not part of the object: the ledger
 * hands them out on request, so that listing thousands of bills stays fast.
 */
struct _RemitBill
{
  GObject parent_instance;

  gint64 id;
  RemitBillState state;
  char *recipient;
  char *iban;
  char *bic;
  RemitAmount amount;
  gboolean has_amount;
  char *purpose;
  char *due_date;
  char *paid_date;
  char *filename;
  char *content_type;
  char *backend;
  char *document_id;
  char *reviewed;
  char *sha256;
  RemitFeedbackState feedback_state;
  gint64 duplicate_of;
  RemitDuplicateReason duplicate_reason;
  gint64 created_usec;
  gint64 updated_usec;
  GDateTime *created; /* made on first request */
  GDateTime *updated;
};

G_DEFINE_FINAL_TYPE (RemitBill, remit_bill, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_RECIPIENT,
  PROP_IBAN,
  PROP_BIC,
  PROP_AMOUNT,
  PROP_PURPOSE,
  PROP_DUE_DATE,
  PROP_PAID_DATE,
  PROP_FILENAME,
  PROP_CONTENT_TYPE,
  PROP_BACKEND,
  PROP_DOCUMENT_ID,
  PROP_REVIEWED,
  PROP_SHA256,
  PROP_FEEDBACK_STATE,
  PROP_DUPLICATE_OF,
  PROP_DUPLICATE_REASON,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue bill_state_values[] = {
  { REMIT_BILL_STATE_NEW, "REMIT_BILL_STATE_NEW", "new" },
  { REMIT_BILL_STATE_IN_REVIEW, "REMIT_BILL_STATE_IN_REVIEW", "in-review" },
  { REMIT_BILL_STATE_READY_TO_PAY, "REMIT_BILL_STATE_READY_TO_PAY", "ready-to-pay" },
  { REMIT_BILL_STATE_PAYMENT_REQUESTED, "REMIT_BILL_STATE_PAYMENT_REQUESTED",
    "payment-requested" },
  { REMIT_BILL_STATE_PAID, "REMIT_BILL_STATE_PAID", "paid" },
  { REMIT_BILL_STATE_FAILED, "REMIT_BILL_STATE_FAILED", "failed" },
  { REMIT_BILL_STATE_ARCHIVED, "REMIT_BILL_STATE_ARCHIVED", "archived" },
  { 0, NULL, NULL },
};

static const GEnumValue feedback_state_values[] = {
  { REMIT_FEEDBACK_STATE_NONE, "REMIT_FEEDBACK_STATE_NONE", "none" },
  { REMIT_FEEDBACK_STATE_PENDING, "REMIT_FEEDBACK_STATE_PENDING", "pending" },
  { REMIT_FEEDBACK_STATE_SENT, "REMIT_FEEDBACK_STATE_SENT", "sent" },
  { 0, NULL, NULL },
};

static const GEnumValue duplicate_reason_values[] = {
  { REMIT_DUPLICATE_REASON_NONE, "REMIT_DUPLICATE_REASON_NONE", "none" },
  { REMIT_DUPLICATE_REASON_SAME_FILE, "REMIT_DUPLICATE_REASON_SAME_FILE", "same-file" },
  { REMIT_DUPLICATE_REASON_SAME_PAYMENT, "REMIT_DUPLICATE_REASON_SAME_PAYMENT",
    "same-payment" },
  { 0, NULL, NULL },
};

#define DEFINE_ENUM_TYPE(func, Name, values)                                                  \
  GType func (void)                                                                           \
  {                                                                                           \
    static gsize type_id = 0;                                                                 \
                                                                                              \
    if (g_once_init_enter (&type_id))                                                         \
      g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string (Name),    \
                                                           values));                          \
    return type_id;                                                                           \
  }

DEFINE_ENUM_TYPE (remit_bill_state_get_type, "RemitBillState", bill_state_values)
DEFINE_ENUM_TYPE (remit_feedback_state_get_type, "RemitFeedbackState", feedback_state_values)
DEFINE_ENUM_TYPE (remit_duplicate_reason_get_type, "RemitDuplicateReason",
                  duplicate_reason_values)

/**
 * remit_bill_state_to_string:
 *
 * Returns: the stable name of @state, as stored and as printed in JSON (`in-review`)
 */
const char *
remit_bill_state_to_string (RemitBillState state)
{
  g_return_val_if_fail (state < REMIT_BILL_N_STATES, NULL);

  return bill_state_values[state].value_nick;
}

gboolean
remit_bill_state_from_string (const char *text, RemitBillState *state)
{
  for (guint i = 0; text != NULL && i < REMIT_BILL_N_STATES; i++)
    if (g_str_equal (text, bill_state_values[i].value_nick))
      {
        *state = (RemitBillState) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * remit_bill_state_get_label:
 *
 * Returns: the translated name of @state for people (“Ready to pay”)
 */
const char *
remit_bill_state_get_label (RemitBillState state)
{
  switch (state)
    {
    case REMIT_BILL_STATE_NEW:
      return C_("bill state", "New");
    case REMIT_BILL_STATE_IN_REVIEW:
      return C_("bill state", "In review");
    case REMIT_BILL_STATE_READY_TO_PAY:
      return C_("bill state", "Ready to pay");
    case REMIT_BILL_STATE_PAYMENT_REQUESTED:
      return C_("bill state", "Payment requested");
    case REMIT_BILL_STATE_PAID:
      return C_("bill state", "Paid");
    case REMIT_BILL_STATE_FAILED:
      return C_("bill state", "Failed");
    case REMIT_BILL_STATE_ARCHIVED:
      return C_("bill state", "Archived");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * remit_bill_state_can_move:
 *
 * Returns: whether a bill may move from @from to @to (see #RemitBillState)
 */
gboolean
remit_bill_state_can_move (RemitBillState from, RemitBillState to)
{
#define BIT REMIT_BILL_STATE_BIT
  static const guint allowed[REMIT_BILL_N_STATES] = {
    [REMIT_BILL_STATE_NEW] = BIT (REMIT_BILL_STATE_IN_REVIEW) | BIT (REMIT_BILL_STATE_PAID)
                             | BIT (REMIT_BILL_STATE_ARCHIVED),
    [REMIT_BILL_STATE_IN_REVIEW] = BIT (REMIT_BILL_STATE_READY_TO_PAY)
                                   | BIT (REMIT_BILL_STATE_PAID)
                                   | BIT (REMIT_BILL_STATE_ARCHIVED),
    [REMIT_BILL_STATE_READY_TO_PAY] = BIT (REMIT_BILL_STATE_IN_REVIEW)
                                      | BIT (REMIT_BILL_STATE_PAYMENT_REQUESTED)
                                      | BIT (REMIT_BILL_STATE_PAID)
                                      | BIT (REMIT_BILL_STATE_ARCHIVED),
    [REMIT_BILL_STATE_PAYMENT_REQUESTED] = BIT (REMIT_BILL_STATE_PAID)
                                           | BIT (REMIT_BILL_STATE_FAILED)
                                           | BIT (REMIT_BILL_STATE_READY_TO_PAY),
    [REMIT_BILL_STATE_FAILED] = BIT (REMIT_BILL_STATE_IN_REVIEW)
                                | BIT (REMIT_BILL_STATE_READY_TO_PAY)
                                | BIT (REMIT_BILL_STATE_PAID) | BIT (REMIT_BILL_STATE_ARCHIVED),
    [REMIT_BILL_STATE_PAID] = BIT (REMIT_BILL_STATE_ARCHIVED),
    [REMIT_BILL_STATE_ARCHIVED] = 0,
  };
#undef BIT

  if (from >= REMIT_BILL_N_STATES || to >= REMIT_BILL_N_STATES)
    return FALSE;

  return (allowed[from] & REMIT_BILL_STATE_BIT (to)) != 0;
}

const char *
remit_feedback_state_to_string (RemitFeedbackState state)
{
  g_return_val_if_fail (state <= REMIT_FEEDBACK_STATE_SENT, NULL);

  return feedback_state_values[state].value_nick;
}

gboolean
remit_feedback_state_from_string (const char *text, RemitFeedbackState *state)
{
  for (guint i = 0; text != NULL && i <= REMIT_FEEDBACK_STATE_SENT; i++)
    if (g_str_equal (text, feedback_state_values[i].value_nick))
      {
        *state = (RemitFeedbackState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
remit_duplicate_reason_to_string (RemitDuplicateReason reason)
{
  g_return_val_if_fail (reason <= REMIT_DUPLICATE_REASON_SAME_PAYMENT, NULL);

  return duplicate_reason_values[reason].value_nick;
}

/**
 * remit_date_is_valid_iso:
 * @date: text
 *
 * Returns: whether @date is a calendar date written `YYYY-MM-DD`
 */
gboolean
remit_date_is_valid_iso (const char *date)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (date, NULL, 10);
  month = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (date + 8, NULL, 10);

  return year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

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

/* An empty text is no value. */
static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
remit_bill_finalize (GObject *object)
{
  RemitBill *self = REMIT_BILL (object);

  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->iban, g_free);
  g_clear_pointer (&self->bic, g_free);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_pointer (&self->due_date, g_free);
  g_clear_pointer (&self->paid_date, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->backend, g_free);
  g_clear_pointer (&self->document_id, g_free);
  g_clear_pointer (&self->reviewed, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (remit_bill_parent_class)->finalize (object);
}

static void
remit_bill_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitBill *self = REMIT_BILL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RECIPIENT:
      g_value_set_string (value, self->recipient);
      break;
    case PROP_IBAN:
      g_value_set_string (value, self->iban);
      break;
    case PROP_BIC:
      g_value_set_string (value, self->bic);
      break;
    case PROP_AMOUNT:
      g_value_set_boxed (value, remit_bill_get_amount (self));
      break;
    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_PAID_DATE:
      g_value_set_string (value, self->paid_date);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_BACKEND:
      g_value_set_string (value, self->backend);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_string (value, self->document_id);
      break;
    case PROP_REVIEWED:
      g_value_set_string (value, self->reviewed);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_FEEDBACK_STATE:
      g_value_set_enum (value, self->feedback_state);
      break;
    case PROP_DUPLICATE_OF:
      g_value_set_int64 (value, self->duplicate_of);
      break;
    case PROP_DUPLICATE_REASON:
      g_value_set_enum (value, self->duplicate_reason);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, remit_bill_get_created (self));
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, remit_bill_get_updated (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_bill_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RemitBill *self = REMIT_BILL (object);

  switch (prop_id)
    {
    case PROP_RECIPIENT:
      remit_bill_set_recipient (self, g_value_get_string (value));
      break;
    case PROP_IBAN:
      remit_bill_set_iban (self, g_value_get_string (value));
      break;
    case PROP_BIC:
      remit_bill_set_bic (self, g_value_get_string (value));
      break;
    case PROP_AMOUNT:
      remit_bill_set_amount (self, g_value_get_boxed (value));
      break;
    case PROP_PURPOSE:
      remit_bill_set_purpose (self, g_value_get_string (value));
      break;
    case PROP_DUE_DATE:
      remit_bill_set_due_date (self, g_value_get_string (value));
      break;
    case PROP_FILENAME:
      remit_bill_set_filename (self, g_value_get_string (value));
      break;
    case PROP_CONTENT_TYPE:
      remit_bill_set_content_type (self, g_value_get_string (value));
      break;
    case PROP_BACKEND:
      remit_bill_set_backend (self, g_value_get_string (value));
      break;
    case PROP_DOCUMENT_ID:
      remit_bill_set_document_id (self, g_value_get_string (value));
      break;
    case PROP_REVIEWED:
      remit_bill_set_reviewed (self, g_value_get_string (value), NULL);
      break;
    case PROP_FEEDBACK_STATE:
      remit_bill_set_feedback_state (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name, gboolean writable)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (writable ? G_PARAM_READWRITE : G_PARAM_READABLE)
                                | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
remit_bill_class_init (RemitBillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                | G_PARAM_STATIC_STRINGS;
  const GParamFlags read_write = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                 | G_PARAM_STATIC_STRINGS;

  object_class->finalize = remit_bill_finalize;
  object_class->get_property = remit_bill_get_property;
  object_class->set_property = remit_bill_set_property;

  /**
   * RemitBill:id:
   *
   * The ledger's id of the bill, 0 while it is not saved.
   */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, read_only);

  /**
   * RemitBill:state:
   *
   * Where the bill stands (#RemitBillState).
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, REMIT_TYPE_BILL_STATE,
                                              REMIT_BILL_STATE_NEW, read_only);

  /**
   * RemitBill:recipient:
   *
   * Who is paid, or %NULL.
   */
  properties[PROP_RECIPIENT] = string_property ("recipient", TRUE);

  /**
   * RemitBill:iban:
   *
   * The recipient's IBAN without spaces, upper case, or %NULL. Not necessarily valid: an
   * extracted IBAN may be wrong until someone reviews it.
   */
  properties[PROP_IBAN] = string_property ("iban", TRUE);

  /**
   * RemitBill:bic:
   *
   * The recipient bank's BIC, or %NULL.
   */
  properties[PROP_BIC] = string_property ("bic", TRUE);

  /**
   * RemitBill:amount:
   *
   * The amount to pay (#RemitAmount), or %NULL when not known.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_boxed ("amount", NULL, NULL, REMIT_TYPE_AMOUNT, read_write);

  /**
   * RemitBill:purpose:
   *
   * The purpose or reference that goes with the payment, or %NULL.
   */
  properties[PROP_PURPOSE] = string_property ("purpose", TRUE);

  /**
   * RemitBill:due-date:
   *
   * The day the bill is due, `YYYY-MM-DD`, or %NULL.
   */
  properties[PROP_DUE_DATE] = string_property ("due-date", TRUE);

  /**
   * RemitBill:paid-date:
   *
   * The day the bill was paid, `YYYY-MM-DD`, or %NULL.
   */
  properties[PROP_PAID_DATE] = string_property ("paid-date", FALSE);

  /**
   * RemitBill:filename:
   *
   * The name of the file as it was added (no directory).
   */
  properties[PROP_FILENAME] = string_property ("filename", TRUE);

  /**
   * RemitBill:content-type:
   *
   * The media type of the file (`application/pdf`).
   */
  properties[PROP_CONTENT_TYPE] = string_property ("content-type", TRUE);

  /**
   * RemitBill:backend:
   *
   * Which extraction service holds the document: `local`, `gini` or a server URL.
   */
  properties[PROP_BACKEND] = string_property ("backend", TRUE);

  /**
   * RemitBill:document-id:
   *
   * The backend's id of the uploaded document, or %NULL before the upload.
   */
  properties[PROP_DOCUMENT_ID] = string_property ("document-id", TRUE);

  /**
   * RemitBill:reviewed:
   *
   * The reviewed values as a JSON object text, label → value, or %NULL.
   */
  properties[PROP_REVIEWED] = string_property ("reviewed", TRUE);

  /**
   * RemitBill:sha256:
   *
   * The SHA-256 of the file, 64 lower-case hex digits.
   */
  properties[PROP_SHA256] = string_property ("sha256", FALSE);

  /**
   * RemitBill:feedback-state:
   *
   * Whether feedback waits to be sent (#RemitFeedbackState).
   */
  properties[PROP_FEEDBACK_STATE] =
    g_param_spec_enum ("feedback-state", NULL, NULL, REMIT_TYPE_FEEDBACK_STATE,
                       REMIT_FEEDBACK_STATE_NONE, read_write);

  /**
   * RemitBill:duplicate-of:
   *
   * The id of an earlier bill this one seems to repeat, or 0.
   */
  properties[PROP_DUPLICATE_OF] =
    g_param_spec_int64 ("duplicate-of", NULL, NULL, 0, G_MAXINT64, 0, read_only);

  /**
   * RemitBill:duplicate-reason:
   *
   * Why the bill is flagged as a duplicate (#RemitDuplicateReason).
   */
  properties[PROP_DUPLICATE_REASON] =
    g_param_spec_enum ("duplicate-reason", NULL, NULL, REMIT_TYPE_DUPLICATE_REASON,
                       REMIT_DUPLICATE_REASON_NONE, read_only);

  /**
   * RemitBill:created:
   *
   * When the bill was added (#GDateTime in UTC), or %NULL while not saved.
   */
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, read_only);

  /**
   * RemitBill:updated:
   *
   * When the bill last changed (#GDateTime in UTC), or %NULL while not saved.
   */
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_bill_init (RemitBill *self)
{
  self->state = REMIT_BILL_STATE_NEW;
}

/**
 * remit_bill_new:
 *
 * Returns: (transfer full): an empty, unsaved bill, to fill and give to
 *   remit_ledger_add_bill()
 */
RemitBill *
remit_bill_new (void)
{
  return g_object_new (REMIT_TYPE_BILL, NULL);
}

#define SETTER_STRING(field, PROP)                                                            \
  g_return_if_fail (REMIT_IS_BILL (self));                                                    \
  if (set_string (&self->field, nonempty (field)))                                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);

gint64
remit_bill_get_id (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), 0);
  return self->id;
}

void
remit_bill_set_id (RemitBill *self, gint64 id)
{
  g_return_if_fail (REMIT_IS_BILL (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

RemitBillState
remit_bill_get_state (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), REMIT_BILL_STATE_NEW);
  return self->state;
}

void
remit_bill_set_state (RemitBill *self, RemitBillState state)
{
  g_return_if_fail (REMIT_IS_BILL (self));
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
remit_bill_get_recipient (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->recipient;
}

void
remit_bill_set_recipient (RemitBill *self, const char *recipient)
{
  SETTER_STRING (recipient, PROP_RECIPIENT)
}

const char *
remit_bill_get_iban (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->iban;
}

/**
 * remit_bill_set_iban:
 * @iban: (nullable): the IBAN, with or without spaces
 *
 * Keeps @iban without spaces and in upper case; it is not checked here.
 */
void
remit_bill_set_iban (RemitBill *self, const char *iban)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (REMIT_IS_BILL (self));

  if (nonempty (iban) != NULL)
    normalized = remit_iban_normalize (iban);
  if (set_string (&self->iban, nonempty (normalized)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IBAN]);
}

const char *
remit_bill_get_bic (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->bic;
}

void
remit_bill_set_bic (RemitBill *self, const char *bic)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (REMIT_IS_BILL (self));

  if (nonempty (bic) != NULL)
    normalized = remit_bic_normalize (bic);
  if (set_string (&self->bic, nonempty (normalized)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIC]);
}

/**
 * remit_bill_get_amount:
 *
 * Returns: (nullable) (transfer none): the amount, or %NULL when not known
 */
const RemitAmount *
remit_bill_get_amount (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->has_amount ? &self->amount : NULL;
}

void
remit_bill_set_amount (RemitBill *self, const RemitAmount *amount)
{
  g_return_if_fail (REMIT_IS_BILL (self));

  if (amount == NULL && !self->has_amount)
    return;
  if (amount != NULL && self->has_amount && remit_amount_equal (amount, &self->amount))
    return;

  self->has_amount = amount != NULL;
  if (amount != NULL)
    self->amount = *amount;
  else
    memset (&self->amount, 0, sizeof self->amount);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
remit_bill_get_purpose (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->purpose;
}

void
remit_bill_set_purpose (RemitBill *self, const char *purpose)
{
  SETTER_STRING (purpose, PROP_PURPOSE)
}

const char *
remit_bill_get_due_date (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->due_date;
}

/**
 * remit_bill_set_due_date:
 * @due_date: (nullable): `YYYY-MM-DD`, or %NULL for none
 *
 * Returns: %FALSE (and nothing changes) when @due_date is not a calendar date
 */
gboolean
remit_bill_set_due_date (RemitBill *self, const char *due_date)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), FALSE);

  due_date = nonempty (due_date);
  if (due_date != NULL && !remit_date_is_valid_iso (due_date))
    return FALSE;
  if (set_string (&self->due_date, due_date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
  return TRUE;
}

const char *
remit_bill_get_paid_date (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->paid_date;
}

void
remit_bill_set_paid_date (RemitBill *self, const char *paid_date)
{
  SETTER_STRING (paid_date, PROP_PAID_DATE)
}

const char *
remit_bill_get_filename (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->filename;
}

void
remit_bill_set_filename (RemitBill *self, const char *filename)
{
  SETTER_STRING (filename, PROP_FILENAME)
}

const char *
remit_bill_get_content_type (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->content_type;
}

void
remit_bill_set_content_type (RemitBill *self, const char *content_type)
{
  SETTER_STRING (content_type, PROP_CONTENT_TYPE)
}

const char *
remit_bill_get_backend (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->backend;
}

void
remit_bill_set_backend (RemitBill *self, const char *backend)
{
  SETTER_STRING (backend, PROP_BACKEND)
}

const char *
remit_bill_get_document_id (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->document_id;
}

void
remit_bill_set_document_id (RemitBill *self, const char *document_id)
{
  SETTER_STRING (document_id, PROP_DOCUMENT_ID)
}

RemitFeedbackState
remit_bill_get_feedback_state (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), REMIT_FEEDBACK_STATE_NONE);
  return self->feedback_state;
}

void
remit_bill_set_feedback_state (RemitBill *self, RemitFeedbackState state)
{
  g_return_if_fail (REMIT_IS_BILL (self));
  g_return_if_fail (state <= REMIT_FEEDBACK_STATE_SENT);

  if (self->feedback_state == state)
    return;
  self->feedback_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK_STATE]);
}

const char *
remit_bill_get_reviewed (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->reviewed;
}

/**
 * remit_bill_set_reviewed:
 * @reviewed_json: (nullable): a JSON object, label → value (`{"iban":"DE…"}`), or %NULL
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Keeps the reviewed values. They are the person's record of what was confirmed; the
 * payment fields (#RemitBill:recipient, #RemitBill:iban, …) are set separately.
 *
 * Returns: %FALSE when @reviewed_json is not a JSON object
 */
gboolean
remit_bill_set_reviewed (RemitBill *self, const char *reviewed_json, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), FALSE);

  reviewed_json = nonempty (reviewed_json);
  if (reviewed_json != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) local_error = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, reviewed_json, -1, &local_error)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                       _("The reviewed values are not a JSON object"));
          return FALSE;
        }
    }

  if (set_string (&self->reviewed, reviewed_json))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED]);
  return TRUE;
}

const char *
remit_bill_get_sha256 (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);
  return self->sha256;
}

void
remit_bill_set_sha256 (RemitBill *self, const char *sha256)
{
  SETTER_STRING (sha256, PROP_SHA256)
}

gint64
remit_bill_get_duplicate_of (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), 0);
  return self->duplicate_of;
}

RemitDuplicateReason
remit_bill_get_duplicate_reason (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), REMIT_DUPLICATE_REASON_NONE);
  return self->duplicate_reason;
}

void
remit_bill_set_duplicate (RemitBill *self, gint64 duplicate_of, RemitDuplicateReason reason)
{
  g_return_if_fail (REMIT_IS_BILL (self));

  if (self->duplicate_of != duplicate_of)
    {
      self->duplicate_of = duplicate_of;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATE_OF]);
    }
  if (self->duplicate_reason != reason)
    {
      self->duplicate_reason = reason;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATE_REASON]);
    }
}

static GDateTime *
time_from_usec (gint64 usec)
{
  GDateTime *base;
  GDateTime *result;

  if (usec == 0)
    return NULL;
  base = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  result = g_date_time_add (base, usec % G_USEC_PER_SEC);
  g_date_time_unref (base);

  return result;
}

/**
 * remit_bill_get_created:
 *
 * Returns: (nullable) (transfer none): when the bill was added, in UTC
 */
GDateTime *
remit_bill_get_created (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);

  if (self->created == NULL)
    self->created = time_from_usec (self->created_usec);
  return self->created;
}

/**
 * remit_bill_get_updated:
 *
 * Returns: (nullable) (transfer none): when the bill last changed, in UTC
 */
GDateTime *
remit_bill_get_updated (RemitBill *self)
{
  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);

  if (self->updated == NULL)
    self->updated = time_from_usec (self->updated_usec);
  return self->updated;
}

gint64
remit_bill_get_created_usec (RemitBill *self)
{
  return self->created_usec;
}

gint64
remit_bill_get_updated_usec (RemitBill *self)
{
  return self->updated_usec;
}

void
remit_bill_set_created_usec (RemitBill *self, gint64 usec)
{
  if (self->created_usec == usec)
    return;
  self->created_usec = usec;
  g_clear_pointer (&self->created, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

void
remit_bill_set_updated_usec (RemitBill *self, gint64 usec)
{
  if (self->updated_usec == usec)
    return;
  self->updated_usec = usec;
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

void
remit_bill_take_strings (RemitBill *self,
                         char *recipient,
                         char *iban,
                         char *bic,
                         char *purpose,
                         char *due_date,
                         char *filename,
                         char *content_type,
                         char *backend,
                         char *document_id,
                         char *reviewed,
                         char *sha256,
                         char *paid_date)
{
  g_free (self->recipient);
  self->recipient = recipient;
  g_free (self->iban);
  self->iban = iban;
  g_free (self->bic);
  self->bic = bic;
  g_free (self->purpose);
  self->purpose = purpose;
  g_free (self->due_date);
  self->due_date = due_date;
  g_free (self->filename);
  self->filename = filename;
  g_free (self->content_type);
  self->content_type = content_type;
  g_free (self->backend);
  self->backend = backend;
  g_free (self->document_id);
  self->document_id = document_id;
  g_free (self->reviewed);
  self->reviewed = reviewed;
  g_free (self->sha256);
  self->sha256 = sha256;
  g_free (self->paid_date);
  self->paid_date = paid_date;
}

void
remit_bill_init_fields (RemitBill *self,
                        gint64 id,
                        RemitBillState state,
                        const RemitAmount *amount,
                        RemitFeedbackState feedback_state,
                        gint64 duplicate_of,
                        RemitDuplicateReason duplicate_reason,
                        gint64 created_usec,
                        gint64 updated_usec)
{
  self->id = id;
  self->state = state;
  self->has_amount = amount != NULL;
  if (amount != NULL)
    self->amount = *amount;
  self->feedback_state = feedback_state;
  self->duplicate_of = duplicate_of;
  self->duplicate_reason = duplicate_reason;
  self->created_usec = created_usec;
  self->updated_usec = updated_usec;
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
}

/**
 * remit_normalize_purpose:
 * @purpose: (nullable): a purpose text
 *
 * Returns: (transfer full): @purpose case-folded, with runs of white space as one space and
 *   none at the ends; "" for %NULL
 */
char *
remit_normalize_purpose (const char *purpose)
{
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);

  if (purpose == NULL)
    return g_string_free (out, FALSE);

  folded = g_utf8_casefold (purpose, -1);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * remit_bill_dup_payment_key:
 *
 * The key under which two bills count as the same payment: the IBAN, the amount and the
 * purpose (case-folded, white space collapsed).
 *
 * Returns: (nullable) (transfer full): the key, or %NULL when the IBAN or the amount is
 *   missing
 */
char *
remit_bill_dup_payment_key (RemitBill *self)
{
  g_autofree char *purpose = NULL;

  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);

  if (self->iban == NULL || !self->has_amount)
    return NULL;

  purpose = remit_normalize_purpose (self->purpose);
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s", self->iban, self->amount.minor,
                          self->amount.currency, purpose);
}

/* What the text filter looks in: recipient, purpose, IBAN and file name, case-folded,
 * one per line. */
char *
remit_bill_build_search_text (RemitBill *self)
{
  const char *parts[] = { self->recipient, self->purpose, self->iban, self->filename };
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (parts[i], -1);

          g_string_append (out, folded);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * remit_format_timestamp:
 * @usec: microseconds since 1970 (UTC), or 0
 *
 * Returns: (transfer full) (nullable): ISO 8601 in UTC to the second
 *   (`2024-05-06T10:20:30Z`), or %NULL for 0
 */
char *
remit_format_timestamp (gint64 usec)
{
  g_autoptr (GDateTime) time = NULL;

  if (usec == 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * remit_bill_to_json:
 *
 * The bill as `remit-cli` prints it: `id`, `state`, `recipient`, `iban`, `bic`, `amount`
 * (wire form `12.50:EUR`), `purpose`, `dueDate`, `paidDate`, `filename`, `contentType`,
 * `sha256`, `backend`, `documentId`, `feedback`, `duplicateOf`, `duplicateReason`,
 * `reviewed` (the object), `created`, `updated`. Missing values are `null`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
remit_bill_to_json (RemitBill *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *amount = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;

  g_return_val_if_fail (REMIT_IS_BILL (self), NULL);

  if (self->has_amount)
    amount = remit_amount_to_wire (&self->amount);
  created = remit_format_timestamp (self->created_usec);
  updated = remit_format_timestamp (self->updated_usec);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  add_string (builder, "state", remit_bill_state_to_string (self->state));
  add_string (builder, "recipient", self->recipient);
  add_string (builder, "iban", self->iban);
  add_string (builder, "bic", self->bic);
  add_string (builder, "amount", amount);
  add_string (builder, "purpose", self->purpose);
  add_string (builder, "dueDate", self->due_date);
  add_string (builder, "paidDate", self->paid_date);
  add_string (builder, "filename", self->filename);
  add_string (builder, "contentType", self->content_type);
  add_string (builder, "sha256", self->sha256);
  add_string (builder, "backend", self->backend);
  add_string (builder, "documentId", self->document_id);
  add_string (builder, "feedback", remit_feedback_state_to_string (self->feedback_state));
  json_builder_set_member_name (builder, "duplicateOf");
  if (self->duplicate_of != 0)
    json_builder_add_int_value (builder, self->duplicate_of);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "duplicateReason",
              self->duplicate_reason != REMIT_DUPLICATE_REASON_NONE
                ? remit_duplicate_reason_to_string (self->duplicate_reason)
                : NULL);
  json_builder_set_member_name (builder, "reviewed");
  if (self->reviewed != NULL)
    {
      JsonNode *reviewed = json_from_string (self->reviewed, NULL);

      if (reviewed != NULL)
        json_builder_add_value (builder, reviewed);
      else
        json_builder_add_null_value (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_string (builder, "created", created);
  add_string (builder, "updated", updated);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
