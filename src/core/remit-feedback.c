/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-feedback"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "remit-amount.h"
#include "remit-core-error.h"
#include "remit-feedback.h"
#include "remit-iban.h"
#include "remit-json-private.h"

/**
 * RemitFeedback:
 *
 * Builds the one batched feedback body of a reviewed document:
 *
 * |[
 * {"extractions": {label: {"value": "…"}},
 *  "compoundExtractions": {"lineItems": [{label: {"value": "…"}}]}}
 * ]|
 *
 * For each label it keeps the value that was extracted (if any) and the value the person
 * reviewed; the #RemitFeedbackKind follows from the two. Labels marked as wrongly found are
 * listed apart (the client deletes them with a request of their own) and stay out of the
 * body. Line items are rows of label → value; a returned row is sent with quantity "0" and
 * its `returnReason`.
 *
 * Before a body is built every value is checked against the rules the service applies, so
 * that a person learns what to fix instead of the service answering 422.
 */

/* Validation ------------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *entity;
  const char *subject;
} LabelInfo;

/* Translators: each of these names a field and begins a sentence such as “%s is empty.” */
static const LabelInfo label_infos[] = {
  { "amountToPay", "amount", N_("The amount to pay") },
  { "bic", "bic", N_("The BIC") },
  { "docType", "doctype", N_("The document type") },
  { "iban", "iban", N_("The IBAN") },
  { "paymentPurpose", "text", N_("The purpose") },
  { "paymentRecipient", "companyname", N_("The recipient") },
  { "paymentReference", "reference", N_("The reference") },
  { "amountsAreConsistent", "text", N_("The consistency of the amounts") },
  { "shipment-addon", "amount", N_("The shipping cost") },
  { "discount-addon", "amount", N_("The discount") },
  { "giftcard-addon", "amount", N_("The gift card amount") },
  { "other-discounts-addon", "amount", N_("The amount of other discounts") },
  { "other-charges-addon", "amount", N_("The amount of other charges") },
  { "artNumber", "text", N_("The article number") },
  { "baseGross", "amount", N_("The unit price") },
  { "description", "text", N_("The description") },
  { "position", "numeric", N_("The position") },
  { "quantity", "numeric", N_("The quantity") },
  { "returnReason", "returnreason", N_("The return reason") },
  { "branchId", "text", N_("The branch number") },
  { "transactionId", "text", N_("The transaction number") },
  { "paymentMethod", "text", N_("The payment method") },
};

/* Translators: each of these names a field whose label is unknown and begins a sentence
 * such as “%s is empty.” */
static const LabelInfo entity_infos[] = {
  { NULL, "amount", N_("The amount") },
  { NULL, "bic", N_("The BIC") },
  { NULL, "iban", N_("The IBAN") },
  { NULL, "companyname", N_("The company name") },
  { NULL, "reference", N_("The reference") },
  { NULL, "doctype", N_("The document type") },
  { NULL, "numeric", N_("The number") },
  { NULL, "currency", N_("The currency") },
  { NULL, "returnreason", N_("The return reason") },
  { NULL, "text", N_("The text") },
};

static const char *const doc_types[] = {
  "Invoice", "Reminder", "RemittanceSlip", "PaymentQRCode", "Other", NULL
};

static const char *const currencies[] = { "€", "EUR", "EURO", NULL };

static const char *const payment_methods[] = {
  "Cash",
  "Card",
  "Contactless Card",
  "Girocard",
  "Contactless Girocard",
  "Contactless Visa",
  "Contactless Mastercard",
  NULL
};

static const LabelInfo *
find_label_info (const char *label)
{
  if (label == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (label_infos); i++)
    if (strcmp (label_infos[i].label, label) == 0)
      return &label_infos[i];

  return NULL;
}

/**
 * remit_feedback_label_get_entity:
 * @label: an extraction label, such as `amountToPay` or `quantity`
 *
 * Looks up the entity of a label the API documents.
 *
 * Returns: (nullable): the entity (such as `amount`), or %NULL for an unknown label
 */
const char *
remit_feedback_label_get_entity (const char *label)
{
  const LabelInfo *info = find_label_info (label);

  return info != NULL ? info->entity : NULL;
}

/* The field named for the person: by label if known, else by entity. */
static const char *
get_subject (const char *entity, const char *label)
{
  const LabelInfo *info = find_label_info (label);

  if (info != NULL)
    return _(info->subject);

  for (guint i = 0; i < G_N_ELEMENTS (entity_infos) && entity != NULL; i++)
    if (strcmp (entity_infos[i].entity, entity) == 0)
      return _(entity_infos[i].subject);

  /* Translators: names a field the application does not know; begins a sentence */
  return _("The value");
}

static gboolean
is_known_entity (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_infos); i++)
    if (strcmp (entity_infos[i].entity, entity) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;

  return TRUE;
}

/* An optional sign, digits, and optionally '.' or ',' followed by digits. */
static gboolean
is_numeric (const char *s)
{
  const char *p = s;

  if (*p == '+' || *p == '-')
    p++;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static guint
count_alnum (const char *s)
{
  guint n = 0;

  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_isalnum (g_utf8_get_char (s)))
      n++;

  return n;
}

static guint
count_non_space (const char *s)
{
  guint n = 0;

  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      n++;

  return n;
}

static gboolean
strv_has (const char *const *strv, const char *s)
{
  return strv != NULL && g_strv_contains (strv, s);
}

/**
 * remit_feedback_validate_value:
 * @entity: (nullable): the extraction's entity, or %NULL to look it up by @label
 * @label: (nullable): the extraction label
 * @value: the reviewed value
 * @return_reason_ids: (nullable) (array zero-terminated=1): the document's return reason ids
 * @error: return location for a #GError
 *
 * Checks @value against the rule the feedback API applies to its entity (and, for text, its
 * label). Values of unknown entities are accepted, as the API may add entities.
 *
 * The error is in %REMIT_CORE_ERROR: %REMIT_CORE_ERROR_INVALID_AMOUNT,
 * %REMIT_CORE_ERROR_INVALID_IBAN, %REMIT_CORE_ERROR_INVALID_BIC or
 * %REMIT_CORE_ERROR_INVALID_VALUE, with a translated message that names the field.
 *
 * Returns: %TRUE if the service would accept @value
 */
gboolean
remit_feedback_validate_value (const char *entity,
                               const char *label,
                               const char *value,
                               const char *const *return_reason_ids,
                               GError **error)
{
  const char *subject;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entity == NULL)
    entity = remit_feedback_label_get_entity (label);

  subject = get_subject (entity, label);

  /* Whatever the entity, the body is JSON and needs text. */
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   /* Translators: %s names a field, such as “The IBAN” */
                   _("%s contains characters that are not text. Type it again."), subject);
      return FALSE;
    }

  if (entity == NULL || !is_known_entity (entity))
    return TRUE;

  if (strcmp (entity, "text") == 0)
    {
      if (g_strcmp0 (label, "branchId") == 0 || g_strcmp0 (label, "transactionId") == 0)
        {
          if (!is_digits (value))
            {
              g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           /* Translators: %s names a field, such as “The branch number” */
                           _("%s may only contain digits."), subject);
              return FALSE;
            }
        }
      else if (g_strcmp0 (label, "paymentMethod") == 0)
        {
          if (!strv_has (payment_methods, value))
            {
              g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           /* Translators: the first %s names the field (“The payment
                            * method”), the second is what the person typed. Keep the
                            * English method names: they are what the service accepts. */
                           _("%s “%s” is not known. Choose one of Cash, Card, Contactless "
                             "Card, Girocard, Contactless Girocard, Contactless Visa or "
                             "Contactless Mastercard."),
                           subject, value);
              return FALSE;
            }
        }

      return TRUE;
    }

  if (value[0] == '\0')
    {
      g_set_error (error, REMIT_CORE_ERROR,
                   strcmp (entity, "amount") == 0 ? REMIT_CORE_ERROR_INVALID_AMOUNT
                   : strcmp (entity, "iban") == 0 ? REMIT_CORE_ERROR_INVALID_IBAN
                   : strcmp (entity, "bic") == 0  ? REMIT_CORE_ERROR_INVALID_BIC
                                                  : REMIT_CORE_ERROR_INVALID_VALUE,
                   /* Translators: %s names a field, such as “The IBAN” */
                   _("%s is empty. Fill it in or leave it out."), subject);
      return FALSE;
    }

  if (strcmp (entity, "amount") == 0)
    {
      g_autoptr (GError) detail = NULL;
      RemitAmount amount;

      if (!remit_amount_parse (value, &amount, &detail))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                       /* Translators: the first %s names the field (“The amount to pay”),
                        * the second is what the person typed, the third says what is wrong
                        * with it (“The amount has no number”) */
                       _("%s “%s” is not valid. %s. Write it like “12,50 €” or “EUR 12.50”."),
                       subject, value, detail->message);
          return FALSE;
        }
    }
  else if (strcmp (entity, "iban") == 0 || strcmp (entity, "bic") == 0)
    {
      g_autoptr (GError) detail = NULL;
      gboolean iban = strcmp (entity, "iban") == 0;

      if (iban ? !remit_iban_validate (value, NULL, &detail)
               : !remit_bic_validate (value, NULL, &detail))
        {
          g_set_error (error, REMIT_CORE_ERROR,
                       iban ? REMIT_CORE_ERROR_INVALID_IBAN : REMIT_CORE_ERROR_INVALID_BIC,
                       /* Translators: the first %s names the field (“The IBAN”), the second
                        * is what the person typed, the third says what is wrong with it
                        * (“A BIC has 8 or 11 characters”) */
                       _("%s “%s” is not valid. %s."),
                       subject, value, detail->message);
          return FALSE;
        }
    }
  else if (strcmp (entity, "companyname") == 0)
    {
      if (count_alnum (value) < 2)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: %s names a field, such as “The recipient” */
                       _("%s needs at least 2 letters or digits."), subject);
          return FALSE;
        }
    }
  else if (strcmp (entity, "reference") == 0)
    {
      if (count_non_space (value) < 5)
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: %s names a field, such as “The reference” */
                       _("%s needs at least 5 characters other than spaces."), subject);
          return FALSE;
        }
    }
  else if (strcmp (entity, "doctype") == 0)
    {
      if (!strv_has (doc_types, value))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: the first %s names the field (“The document type”),
                        * the second is the value. Keep the English type names: they are
                        * what the service accepts. */
                       _("%s “%s” is not known. Choose one of Invoice, Reminder, "
                         "RemittanceSlip, PaymentQRCode or Other."),
                       subject, value);
          return FALSE;
        }
    }
  else if (strcmp (entity, "numeric") == 0)
    {
      if (!is_numeric (value))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: the first %s names the field (“The quantity”), the
                        * second is what the person typed */
                       _("%s “%s” is not a number. Write a whole or decimal number, like "
                         "“3” or “2,5”."),
                       subject, value);
          return FALSE;
        }
    }
  else if (strcmp (entity, "currency") == 0)
    {
      if (!strv_has (currencies, value))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: the first %s names the field (“The currency”), the
                        * second is what the person typed */
                       _("%s “%s” is not accepted. Write “€”, “EUR” or “EURO”."),
                       subject, value);
          return FALSE;
        }
    }
  else if (strcmp (entity, "returnreason") == 0)
    {
      if (!strv_has (return_reason_ids, value))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       /* Translators: the first %s names the field (“The return reason”),
                        * the second is the reason's id */
                       _("%s “%s” is not one this document offers. Choose one from the list."),
                       subject, value);
          return FALSE;
        }
    }

  return TRUE;
}

/* Whether a reviewed value says the same as the extracted one. */
static gboolean
values_match (const char *entity, const char *original, const char *value)
{
  if (strcmp (original, value) == 0)
    return TRUE;

  if (entity == NULL)
    return FALSE;

  if (strcmp (entity, "amount") == 0)
    {
      RemitAmount a, b;

      return remit_amount_parse (original, &a, NULL) && remit_amount_parse (value, &b, NULL)
             && remit_amount_equal (&a, &b);
    }

  if (strcmp (entity, "iban") == 0 || strcmp (entity, "bic") == 0)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gboolean iban = strcmp (entity, "iban") == 0;

      a = iban ? remit_iban_normalize (original) : remit_bic_normalize (original);
      b = iban ? remit_iban_normalize (value) : remit_bic_normalize (value);

      return a != NULL && b != NULL && a[0] != '\0' && strcmp (a, b) == 0;
    }

  return FALSE;
}

/* Problems -------------------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (RemitFeedbackProblem, remit_feedback_problem,
                     remit_feedback_problem_copy, remit_feedback_problem_free)

G_DEFINE_ENUM_TYPE (RemitFeedbackKind, remit_feedback_kind,
                    G_DEFINE_ENUM_VALUE (REMIT_FEEDBACK_KIND_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (REMIT_FEEDBACK_KIND_POSITIVE, "positive"),
                    G_DEFINE_ENUM_VALUE (REMIT_FEEDBACK_KIND_NEGATIVE, "negative"),
                    G_DEFINE_ENUM_VALUE (REMIT_FEEDBACK_KIND_COMPLEMENTARY, "complementary"),
                    G_DEFINE_ENUM_VALUE (REMIT_FEEDBACK_KIND_INFORMATIVE, "informative"))

static RemitFeedbackProblem *
problem_new (const char *label, int row, const char *message)
{
  RemitFeedbackProblem *problem = g_new0 (RemitFeedbackProblem, 1);

  problem->label = g_strdup (label);
  problem->row = row;
  problem->message = g_strdup (message);

  return problem;
}

RemitFeedbackProblem *
remit_feedback_problem_copy (const RemitFeedbackProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return problem_new (problem->label, problem->row, problem->message);
}

void
remit_feedback_problem_free (RemitFeedbackProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->label);
  g_free (problem->message);
  g_free (problem);
}

/* The builder ----------------------------------------------------------------------------- */

typedef struct
{
  char *label;
  char *entity; /* resolved; NULL if unknown */
  char *original;
  char *value;
  gboolean has_box;
  guint page;
  double left;
  double top;
  double width;
  double height;
} Field;

typedef struct
{
  GPtrArray *fields; /* Field */
  gboolean returned;
  char *reason_id;
} Row;

struct _RemitFeedback
{
  GObject parent_instance;

  GPtrArray *fields;           /* Field, labels of the document, in the order first set */
  GPtrArray *wrongly_found;    /* char *, in the order marked */
  GPtrArray *rows;             /* Row */
  char **return_reasons;
};

G_DEFINE_FINAL_TYPE (RemitFeedback, remit_feedback, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RETURN_REASONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_free (Field *field)
{
  g_free (field->label);
  g_free (field->entity);
  g_free (field->original);
  g_free (field->value);
  g_free (field);
}

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->fields);
  g_free (row->reason_id);
  g_free (row);
}

static Field *
find_field (GPtrArray *fields, const char *label, guint *index)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      if (strcmp (field->label, label) == 0)
        {
          if (index != NULL)
            *index = i;
          return field;
        }
    }

  return NULL;
}

/* Sets (or replaces) a field, keeping its place in the order. The box goes with the value
 * it was set for, so a new value drops it. */
static void
put_field (GPtrArray *fields,
           const char *label,
           const char *entity,
           const char *original,
           const char *value)
{
  Field *field = find_field (fields, label, NULL);

  if (field == NULL)
    {
      field = g_new0 (Field, 1);
      field->label = g_strdup (label);
      g_ptr_array_add (fields, field);
    }

  if (entity == NULL)
    entity = remit_feedback_label_get_entity (label);

  remit_set_string (&field->entity, entity);
  remit_set_string (&field->original, original);
  remit_set_string (&field->value, value);
  field->has_box = FALSE;
}

static void
set_field_box (Field *field,
               guint page,
               double left,
               double top,
               double width,
               double height)
{
  field->has_box = TRUE;
  field->page = page;
  field->left = left;
  field->top = top;
  field->width = width;
  field->height = height;
}

static RemitFeedbackKind
field_kind (const Field *field)
{
  if (field->original == NULL)
    return REMIT_FEEDBACK_KIND_COMPLEMENTARY;

  return values_match (field->entity, field->original, field->value)
           ? REMIT_FEEDBACK_KIND_POSITIVE
           : REMIT_FEEDBACK_KIND_NEGATIVE;
}

static void
remit_feedback_finalize (GObject *object)
{
  RemitFeedback *self = REMIT_FEEDBACK (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->wrongly_found, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->return_reasons, g_strfreev);

  G_OBJECT_CLASS (remit_feedback_parent_class)->finalize (object);
}

static void
remit_feedback_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitFeedback *self = REMIT_FEEDBACK (object);

  switch (prop_id)
    {
    case PROP_RETURN_REASONS:
      g_value_set_boxed (value, self->return_reasons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_feedback_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  RemitFeedback *self = REMIT_FEEDBACK (object);

  switch (prop_id)
    {
    case PROP_RETURN_REASONS:
      remit_feedback_set_return_reasons (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_feedback_class_init (RemitFeedbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_feedback_finalize;
  object_class->get_property = remit_feedback_get_property;
  object_class->set_property = remit_feedback_set_property;

  /**
   * RemitFeedback:return-reasons:
   *
   * The ids of the document's return reasons; a returned line item must name one of them.
   */
  properties[PROP_RETURN_REASONS] =
    g_param_spec_boxed ("return-reasons", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_feedback_init (RemitFeedback *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->wrongly_found = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
}

/**
 * remit_feedback_new:
 *
 * Returns: (transfer full): an empty #RemitFeedback
 */
RemitFeedback *
remit_feedback_new (void)
{
  return g_object_new (REMIT_TYPE_FEEDBACK, NULL);
}

/**
 * remit_feedback_set_return_reasons:
 * @self: a #RemitFeedback
 * @reason_ids: (nullable) (array zero-terminated=1): the ids of the document's return reasons
 */
void
remit_feedback_set_return_reasons (RemitFeedback *self, const char *const *reason_ids)
{
  g_return_if_fail (REMIT_IS_FEEDBACK (self));

  if (self->return_reasons == NULL && reason_ids == NULL)
    return;
  if (self->return_reasons != NULL && reason_ids != NULL
      && g_strv_equal ((const char *const *) self->return_reasons, reason_ids))
    return;

  g_strfreev (self->return_reasons);
  self->return_reasons = g_strdupv ((char **) reason_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETURN_REASONS]);
}

static gboolean
remove_wrongly_found (RemitFeedback *self, const char *label)
{
  for (guint i = 0; i < self->wrongly_found->len; i++)
    if (strcmp (g_ptr_array_index (self->wrongly_found, i), label) == 0)
      {
        g_ptr_array_remove_index (self->wrongly_found, i);
        return TRUE;
      }

  return FALSE;
}

/**
 * remit_feedback_set_value:
 * @self: a #RemitFeedback
 * @label: the extraction label, such as `iban`
 * @entity: (nullable): the extraction's entity, or %NULL to take the one the API documents
 *   for @label
 * @original: (nullable): the value as extracted, or %NULL if nothing was found
 * @value: the value as the person reviewed it, sent unchanged
 *
 * Sets the reviewed value of a label of the document. Unmarks the label as wrongly found.
 */
void
remit_feedback_set_value (RemitFeedback *self,
                          const char *label,
                          const char *entity,
                          const char *original,
                          const char *value)
{
  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (label != NULL && label[0] != '\0');
  g_return_if_fail (value != NULL);

  remove_wrongly_found (self, label);
  put_field (self->fields, label, entity, original, value);
}

/**
 * remit_feedback_remove_value:
 * @self: a #RemitFeedback
 * @label: an extraction label
 *
 * Leaves @label out of the feedback.
 */
void
remit_feedback_remove_value (RemitFeedback *self, const char *label)
{
  guint index;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (label != NULL);

  if (find_field (self->fields, label, &index) != NULL)
    g_ptr_array_remove_index (self->fields, index);
}

/**
 * remit_feedback_get_value:
 * @self: a #RemitFeedback
 * @label: an extraction label
 *
 * Returns: (nullable): the reviewed value of @label, or %NULL
 */
const char *
remit_feedback_get_value (RemitFeedback *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  field = find_field (self->fields, label, NULL);

  return field != NULL ? field->value : NULL;
}

/**
 * remit_feedback_get_original:
 * @self: a #RemitFeedback
 * @label: an extraction label
 *
 * Returns: (nullable): the extracted value of @label, or %NULL
 */
const char *
remit_feedback_get_original (RemitFeedback *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  field = find_field (self->fields, label, NULL);

  return field != NULL ? field->original : NULL;
}

/**
 * remit_feedback_get_kind:
 * @self: a #RemitFeedback
 * @label: an extraction label
 *
 * Tells what the feedback for @label says: positive if the reviewed value equals the
 * extracted one (amounts by value, IBAN and BIC regardless of spaces and case),
 * negative if it was corrected, complementary if nothing had been found.
 *
 * Returns: the kind, or %REMIT_FEEDBACK_KIND_NONE if @label is not in the body
 */
RemitFeedbackKind
remit_feedback_get_kind (RemitFeedback *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), REMIT_FEEDBACK_KIND_NONE);
  g_return_val_if_fail (label != NULL, REMIT_FEEDBACK_KIND_NONE);

  field = find_field (self->fields, label, NULL);

  return field != NULL ? field_kind (field) : REMIT_FEEDBACK_KIND_NONE;
}

/**
 * remit_feedback_dup_labels:
 * @self: a #RemitFeedback
 *
 * Returns: (transfer full): the labels of the document that go into the body, in the
 *   order they were first set
 */
char **
remit_feedback_dup_labels (RemitFeedback *self)
{
  g_autoptr (GStrvBuilder) builder = NULL;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->fields->len; i++)
    g_strv_builder_add (builder, ((Field *) g_ptr_array_index (self->fields, i))->label);

  return g_strv_builder_end (builder);
}

/**
 * remit_feedback_set_box:
 * @self: a #RemitFeedback
 * @label: a label that has a value
 * @page: the 1-based page number
 * @left: the left edge, in the units of the layout page
 * @top: the top edge, from the page's top
 * @width: the width
 * @height: the height
 *
 * Attaches to the value of @label the place where it stands on the document; the box goes
 * along in the body. Setting a new value for @label drops its box.
 */
void
remit_feedback_set_box (RemitFeedback *self,
                        const char *label,
                        guint page,
                        double left,
                        double top,
                        double width,
                        double height)
{
  Field *field;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (page >= 1);

  field = find_field (self->fields, label, NULL);
  g_return_if_fail (field != NULL);

  set_field_box (field, page, left, top, width, height);
}

/**
 * remit_feedback_mark_wrongly_found:
 * @self: a #RemitFeedback
 * @label: an extraction label
 *
 * Records that what was extracted for @label is not on the document at all. The label
 * leaves the body; the client deletes the extraction instead. Setting a value for @label
 * again unmarks it.
 */
void
remit_feedback_mark_wrongly_found (RemitFeedback *self, const char *label)
{
  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (label != NULL && label[0] != '\0');

  remit_feedback_remove_value (self, label);
  if (!remit_feedback_is_wrongly_found (self, label))
    g_ptr_array_add (self->wrongly_found, g_strdup (label));
}

gboolean
remit_feedback_is_wrongly_found (RemitFeedback *self, const char *label)
{
  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; i < self->wrongly_found->len; i++)
    if (strcmp (g_ptr_array_index (self->wrongly_found, i), label) == 0)
      return TRUE;

  return FALSE;
}

/**
 * remit_feedback_dup_wrongly_found:
 * @self: a #RemitFeedback
 *
 * Returns: (transfer full): the labels to delete, in the order they were marked
 */
char **
remit_feedback_dup_wrongly_found (RemitFeedback *self)
{
  g_autoptr (GStrvBuilder) builder = NULL;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->wrongly_found->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->wrongly_found, i));

  return g_strv_builder_end (builder);
}

/* Line items ------------------------------------------------------------------------------ */

/**
 * remit_feedback_append_line_item:
 * @self: a #RemitFeedback
 *
 * Adds an empty line-item row.
 *
 * Returns: the index of the new row
 */
guint
remit_feedback_append_line_item (RemitFeedback *self)
{
  Row *row;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), 0);

  row = g_new0 (Row, 1);
  row->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_ptr_array_add (self->rows, row);

  return self->rows->len - 1;
}

guint
remit_feedback_get_n_line_items (RemitFeedback *self)
{
  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), 0);

  return self->rows->len;
}

void
remit_feedback_clear_line_items (RemitFeedback *self)
{
  g_return_if_fail (REMIT_IS_FEEDBACK (self));

  g_ptr_array_set_size (self->rows, 0);
}

/**
 * remit_feedback_set_line_item_value:
 * @self: a #RemitFeedback
 * @row: the index of the row
 * @label: the label within the line item, such as `description`
 * @entity: (nullable): the entity, or %NULL to take the documented one
 * @original: (nullable): the value as extracted, or %NULL
 * @value: the value as reviewed
 */
void
remit_feedback_set_line_item_value (RemitFeedback *self,
                                    guint row,
                                    const char *label,
                                    const char *entity,
                                    const char *original,
                                    const char *value)
{
  Row *r;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (row < self->rows->len);
  g_return_if_fail (label != NULL && label[0] != '\0');
  g_return_if_fail (value != NULL);

  r = g_ptr_array_index (self->rows, row);
  put_field (r->fields, label, entity, original, value);
}

/**
 * remit_feedback_set_line_item_box:
 * @self: a #RemitFeedback
 * @row: the index of the row
 * @label: a label of the row that has a value
 * @page: the 1-based page number
 * @left: the left edge
 * @top: the top edge
 * @width: the width
 * @height: the height
 *
 * Like remit_feedback_set_box(), for a value of a line item.
 */
void
remit_feedback_set_line_item_box (RemitFeedback *self,
                                  guint row,
                                  const char *label,
                                  guint page,
                                  double left,
                                  double top,
                                  double width,
                                  double height)
{
  Field *field;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (row < self->rows->len);
  g_return_if_fail (label != NULL);
  g_return_if_fail (page >= 1);

  field = find_field (((Row *) g_ptr_array_index (self->rows, row))->fields, label, NULL);
  g_return_if_fail (field != NULL);

  set_field_box (field, page, left, top, width, height);
}

/**
 * remit_feedback_set_line_item_returned:
 * @self: a #RemitFeedback
 * @row: the index of the row
 * @returned: whether the item goes back
 * @reason_id: (nullable): the id of the return reason
 *
 * A returned row is sent with quantity "0" and `returnReason` set to @reason_id; it is a
 * problem until it has a reason.
 */
void
remit_feedback_set_line_item_returned (RemitFeedback *self,
                                       guint row,
                                       gboolean returned,
                                       const char *reason_id)
{
  Row *r;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (row < self->rows->len);

  r = g_ptr_array_index (self->rows, row);
  r->returned = !!returned;
  remit_set_string (&r->reason_id, returned ? reason_id : NULL);
}

/* The value a row sends for @label, returned rows overriding quantity and returnReason. */
static const char *
row_value (const Row *row, const char *label)
{
  Field *field;

  if (row->returned)
    {
      if (strcmp (label, "quantity") == 0)
        return "0";
      if (strcmp (label, "returnReason") == 0)
        return row->reason_id != NULL ? row->reason_id : "";
    }

  field = find_field (row->fields, label, NULL);

  return field != NULL ? field->value : NULL;
}

/**
 * remit_feedback_get_line_item_value:
 * @self: a #RemitFeedback
 * @row: the index of the row
 * @label: a label within the line item
 *
 * Returns: (nullable): the value that is sent for @label in @row: "0" for the quantity of a
 *   returned row, its reason id for `returnReason`
 */
const char *
remit_feedback_get_line_item_value (RemitFeedback *self, guint row, const char *label)
{
  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return row_value (g_ptr_array_index (self->rows, row), label);
}

/**
 * remit_feedback_get_line_item_kind:
 * @self: a #RemitFeedback
 * @row: the index of the row
 *
 * Returns: informative for a returned row; else negative if any value was corrected,
 *   complementary if values were only added, positive if all were confirmed, none for
 *   an empty row
 */
RemitFeedbackKind
remit_feedback_get_line_item_kind (RemitFeedback *self, guint row)
{
  RemitFeedbackKind kind = REMIT_FEEDBACK_KIND_NONE;
  Row *r;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), REMIT_FEEDBACK_KIND_NONE);
  g_return_val_if_fail (row < self->rows->len, REMIT_FEEDBACK_KIND_NONE);

  r = g_ptr_array_index (self->rows, row);
  if (r->returned)
    return REMIT_FEEDBACK_KIND_INFORMATIVE;

  for (guint i = 0; i < r->fields->len; i++)
    {
      RemitFeedbackKind field = field_kind (g_ptr_array_index (r->fields, i));

      if (field == REMIT_FEEDBACK_KIND_NEGATIVE)
        return REMIT_FEEDBACK_KIND_NEGATIVE;
      if (field == REMIT_FEEDBACK_KIND_COMPLEMENTARY || kind == REMIT_FEEDBACK_KIND_NONE)
        kind = field;
    }

  return kind;
}

static void
put_item_text (RemitFeedback *self, guint row, const char *label, const char *text)
{
  if (text != NULL)
    remit_feedback_set_line_item_value (self, row, label, NULL, text, text);
}

/**
 * remit_feedback_set_line_items_from_model:
 * @self: a #RemitFeedback
 * @items: the Return Assistant's model
 *
 * Replaces the line-item rows with one row per item of @items: position, description,
 * article number and unit price as confirmed, the quantity against the original quantity,
 * and for a returned item quantity "0" with its return reason.
 */
void
remit_feedback_set_line_items_from_model (RemitFeedback *self, RemitLineItems *items)
{
  guint n;

  g_return_if_fail (REMIT_IS_FEEDBACK (self));
  g_return_if_fail (REMIT_IS_LINE_ITEMS (items));

  remit_feedback_clear_line_items (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemitLineItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      const RemitAmount *price = remit_line_item_get_unit_price (item);
      g_autofree char *quantity = NULL;
      g_autofree char *original_quantity = NULL;
      guint row = remit_feedback_append_line_item (self);

      put_item_text (self, row, "position", remit_line_item_get_position (item));
      put_item_text (self, row, "description", remit_line_item_get_description (item));
      put_item_text (self, row, "artNumber", remit_line_item_get_article_number (item));

      if (price != NULL)
        {
          g_autofree char *wire = remit_amount_to_wire (price);

          put_item_text (self, row, "baseGross", wire);
        }

      quantity = g_strdup_printf ("%u", remit_line_item_get_quantity (item));
      original_quantity = g_strdup_printf ("%u", remit_line_item_get_original_quantity (item));
      remit_feedback_set_line_item_value (self, row, "quantity", NULL, original_quantity,
                                          quantity);

      if (remit_line_item_get_returned (item))
        remit_feedback_set_line_item_returned (self, row, TRUE,
                                               remit_line_item_get_return_reason (item));
    }
}

/* Checking and building ------------------------------------------------------------------- */

/* Checks every value. With @problems, collects them all and returns FALSE if there was
 * any; without, stops at the first and sets @error. */
static gboolean
check_all (RemitFeedback *self, GPtrArray *problems, GError **error)
{
  const char *const *reasons = (const char *const *) self->return_reasons;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autoptr (GError) local_error = NULL;

      if (remit_feedback_validate_value (field->entity, field->label, field->value, reasons,
                                         &local_error))
        continue;

      ok = FALSE;
      if (problems == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (problems, problem_new (field->label, -1, local_error->message));
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; i < row->fields->len; i++)
        g_ptr_array_add (labels, ((Field *) g_ptr_array_index (row->fields, i))->label);
      if (row->returned && find_field (row->fields, "returnReason", NULL) == NULL)
        g_ptr_array_add (labels, (gpointer) "returnReason");

      for (guint i = 0; i < labels->len; i++)
        {
          const char *label = g_ptr_array_index (labels, i);
          Field *field = find_field (row->fields, label, NULL);
          const char *value = row_value (row, label);
          g_autoptr (GError) local_error = NULL;

          if (row->returned && strcmp (label, "returnReason") == 0 && value[0] == '\0')
            {
              g_set_error_literal (&local_error, REMIT_CORE_ERROR,
                                   REMIT_CORE_ERROR_INVALID_VALUE,
                                   _("Choose why the item goes back: a returned item needs a "
                                     "return reason."));
            }
          else if (remit_feedback_validate_value (field != NULL ? field->entity : NULL, label,
                                                  value, reasons, &local_error))
            {
              continue;
            }

          ok = FALSE;
          if (problems == NULL)
            {
              /* Translators: %u is the number of the line item, counted from 1 */
              g_prefix_error (&local_error, _("Item %u: "), r + 1);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_ptr_array_add (problems, problem_new (label, (int) r, local_error->message));
        }
    }

  return ok;
}

/**
 * remit_feedback_validate:
 * @self: a #RemitFeedback
 * @problems: (out) (optional) (transfer full) (element-type RemitFeedbackProblem): every
 *   problem found, in the order of the body
 *
 * Checks every value the body would carry.
 *
 * Returns: %TRUE if there is no problem
 */
gboolean
remit_feedback_validate (RemitFeedback *self, GPtrArray **problems)
{
  g_autoptr (GPtrArray) found = NULL;
  gboolean ok;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), FALSE);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_feedback_problem_free);
  ok = check_all (self, found, NULL);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

static JsonNode *
field_to_json (const Field *field, const char *value)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, value);
  if (field != NULL && field->has_box)
    {
      json_builder_set_member_name (builder, "box");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "page");
      json_builder_add_int_value (builder, field->page);
      json_builder_set_member_name (builder, "left");
      json_builder_add_double_value (builder, field->left);
      json_builder_set_member_name (builder, "top");
      json_builder_add_double_value (builder, field->top);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, field->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_double_value (builder, field->height);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonObject *
row_to_json (const Row *row)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < row->fields->len; i++)
    {
      Field *field = g_ptr_array_index (row->fields, i);

      json_object_set_member (object, field->label,
                              field_to_json (field, row_value (row, field->label)));
    }

  if (row->returned)
    {
      if (!json_object_has_member (object, "quantity"))
        json_object_set_member (object, "quantity", field_to_json (NULL, "0"));
      if (!json_object_has_member (object, "returnReason"))
        json_object_set_member (object, "returnReason",
                                field_to_json (NULL, row_value (row, "returnReason")));
    }

  return object;
}

/**
 * remit_feedback_to_json:
 * @self: a #RemitFeedback
 * @error: return location for a #GError
 *
 * Builds the feedback body, after checking every value; the first problem fails the call
 * with its error. Values are sent exactly as set. Labels marked as wrongly found are left
 * out; `compoundExtractions` appears only when there are line items.
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 */
JsonNode *
remit_feedback_to_json (RemitFeedback *self, GError **error)
{
  g_autoptr (JsonObject) root = NULL;
  JsonObject *extractions;

  g_return_val_if_fail (REMIT_IS_FEEDBACK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_all (self, NULL, error))
    return NULL;

  root = json_object_new ();

  extractions = json_object_new ();
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      json_object_set_member (extractions, field->label, field_to_json (field, field->value));
    }
  json_object_set_object_member (root, "extractions", extractions);

  if (self->rows->len > 0)
    {
      JsonObject *compound = json_object_new ();
      JsonArray *line_items = json_array_sized_new (self->rows->len);

      for (guint r = 0; r < self->rows->len; r++)
        json_array_add_object_element (line_items,
                                       row_to_json (g_ptr_array_index (self->rows, r)));
      json_object_set_array_member (compound, "lineItems", line_items);
      json_object_set_object_member (root, "compoundExtractions", compound);
    }

  return remit_json_object_node_take (g_steal_pointer (&root));
}

/**
 * remit_feedback_to_string:
 * @self: a #RemitFeedback
 * @error: return location for a #GError
 *
 * Like remit_feedback_to_json(), serialized compactly for a request body.
 *
 * Returns: (transfer full) (nullable): the body, or %NULL on error
 */
char *
remit_feedback_to_string (RemitFeedback *self, GError **error)
{
  g_autoptr (JsonNode) node = remit_feedback_to_json (self, error);

  if (node == NULL)
    return NULL;

  return json_to_string (node, FALSE);
}
