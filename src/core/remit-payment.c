/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-payment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-document.h"
#include "remit-iban.h"
#include "remit-json-private.h"
#include "remit-payment.h"

/* The limits of a SEPA credit transfer. */
#define MAX_RECIPIENT_CHARS 70
#define MAX_PURPOSE_CHARS   140
#define MAX_AMOUNT_MINOR    G_GINT64_CONSTANT (99999999999)

/**
 * remit_color_is_valid:
 * @text: (nullable): a colour as a payment provider gives it
 *
 * Returns: %TRUE if @text is an RGB colour of exactly six hexadecimal digits, no `#`
 */
gboolean
remit_color_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 6)
    return FALSE;

  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

/* Timestamps: an ISO 8601 string or milliseconds since the epoch. What was read is written
 * back unchanged; a time set by the program is written as ISO 8601 in UTC. */

typedef struct
{
  GDateTime *time;
  JsonNode *raw;
} Timestamp;

static void
timestamp_clear (Timestamp *stamp)
{
  g_clear_pointer (&stamp->time, g_date_time_unref);
  g_clear_pointer (&stamp->raw, json_node_unref);
}

static gboolean
timestamp_read (JsonObject *object,
                const char *path,
                const char *name,
                Timestamp *stamp,
                GError **error)
{
  JsonNode *node = remit_json_lookup (object, name);
  g_autoptr (GDateTime) time = NULL;

  if (node == NULL)
    return TRUE;

  if (remit_json_node_is_string (node))
    {
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

      time = g_date_time_new_from_iso8601 (json_node_get_string (node), utc);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 ms = json_node_get_int (node);
      g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (ms / 1000);

      if (seconds != NULL)
        time = g_date_time_add (seconds, (ms % 1000) * G_TIME_SPAN_MILLISECOND);
    }

  if (time == NULL)
    return remit_json_malformed (error, path, name, REMIT_JSON_NOT_DATE);

  timestamp_clear (stamp);
  stamp->time = g_steal_pointer (&time);
  stamp->raw = json_node_copy (node);
  return TRUE;
}

static void
timestamp_write (JsonObject *object, const char *name, Timestamp *stamp)
{
  if (stamp->raw != NULL)
    {
      json_object_set_member (object, name, json_node_copy (stamp->raw));
    }
  else if (stamp->time != NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_to_utc (stamp->time);
      g_autofree char *text = g_date_time_format_iso8601 (utc);

      json_object_set_string_member (object, name, text);
    }
}

static gboolean
timestamp_set (Timestamp *stamp, GDateTime *time)
{
  if (stamp->time == time
      || (stamp->time != NULL && time != NULL && g_date_time_equal (stamp->time, time)))
    return FALSE;

  timestamp_clear (stamp);
  if (time != NULL)
    stamp->time = g_date_time_ref (time);
  return TRUE;
}

/* The members a payment request and a payment share. */

typedef struct
{
  char *recipient;
  char *iban;
  char *bic;
  RemitAmount amount;
  gboolean has_amount;
  char *purpose;
  JsonObject *links;
  JsonObject *unknown;
} Transfer;

static void
transfer_clear (Transfer *transfer)
{
  g_clear_pointer (&transfer->recipient, g_free);
  g_clear_pointer (&transfer->iban, g_free);
  g_clear_pointer (&transfer->bic, g_free);
  g_clear_pointer (&transfer->purpose, g_free);
  g_clear_pointer (&transfer->links, json_object_unref);
  g_clear_pointer (&transfer->unknown, json_object_unref);
}

static gboolean
read_amount (JsonObject *object,
             const char *path,
             gboolean required,
             Transfer *transfer,
             GError **error)
{
  const char *text = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!remit_json_get_string (object, path, "amount", required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!remit_amount_parse (text, &transfer->amount, &local_error))
    {
      g_autofree char *member = remit_json_path_member (path, "amount");

      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                   _("“%s” is not an amount: %s"), member, local_error->message);
      return FALSE;
    }

  transfer->has_amount = TRUE;
  return TRUE;
}

static gboolean
transfer_read (JsonObject *object,
               const char *path,
               gboolean required,
               Transfer *transfer,
               GError **error)
{
  JsonObject *links = NULL;

  if (!remit_json_dup_string (object, path, "recipient", FALSE, &transfer->recipient, error)
      || !remit_json_dup_string (object, path, "iban", required, &transfer->iban, error)
      || !remit_json_dup_string (object, path, "bic", FALSE, &transfer->bic, error)
      || !read_amount (object, path, required, transfer, error)
      || !remit_json_dup_string (object, path, "purpose", FALSE, &transfer->purpose, error)
      || !remit_json_get_object (object, path, "_links", FALSE, &links, error))
    return FALSE;

  if (links != NULL)
    transfer->links = remit_json_object_deep_copy (links);
  return TRUE;
}

static void
transfer_write (JsonObject *object, Transfer *transfer)
{
  if (transfer->recipient != NULL)
    json_object_set_string_member (object, "recipient", transfer->recipient);
  if (transfer->iban != NULL)
    json_object_set_string_member (object, "iban", transfer->iban);
  if (transfer->bic != NULL)
    json_object_set_string_member (object, "bic", transfer->bic);
  if (transfer->has_amount)
    {
      g_autofree char *wire = remit_amount_to_wire (&transfer->amount);

      json_object_set_string_member (object, "amount", wire);
    }
  if (transfer->purpose != NULL)
    json_object_set_string_member (object, "purpose", transfer->purpose);
  if (transfer->links != NULL)
    json_object_set_object_member (object, "_links",
                                   remit_json_object_deep_copy (transfer->links));
}

static gboolean
transfer_set_amount (Transfer *transfer, const RemitAmount *amount)
{
  if (amount == NULL)
    {
      if (!transfer->has_amount)
        return FALSE;
      transfer->has_amount = FALSE;
      memset (&transfer->amount, 0, sizeof transfer->amount);
      return TRUE;
    }

  if (transfer->has_amount && remit_amount_equal (&transfer->amount, amount))
    return FALSE;

  transfer->amount = *amount;
  transfer->has_amount = TRUE;
  return TRUE;
}

/* Checks what a bank checks before it accepts a SEPA credit transfer in euros. */
static gboolean
transfer_validate (Transfer *transfer, char **iban_out, char **bic_out, GError **error)
{
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;

  if (is_blank (transfer->iban))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_IBAN,
                           _("The IBAN is missing"));
      return FALSE;
    }
  if (!remit_iban_validate (transfer->iban, &iban, error))
    return FALSE;

  if (!is_blank (transfer->bic) && !remit_bic_validate (transfer->bic, &bic, error))
    return FALSE;

  if (!transfer->has_amount)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                           _("The amount is missing"));
      return FALSE;
    }
  if (strcmp (transfer->amount.currency, "EUR") != 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                   _("The amount is in “%s”; a payment request must be in euros (EUR)"),
                   transfer->amount.currency);
      return FALSE;
    }
  if (transfer->amount.minor <= 0)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                           _("The amount must be more than zero"));
      return FALSE;
    }
  if (transfer->amount.minor > MAX_AMOUNT_MINOR)
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_AMOUNT,
                           _("The amount is more than a transfer allows (999,999,999.99 €)"));
      return FALSE;
    }

  if (is_blank (transfer->purpose))
    {
      g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                           _("The purpose is missing; give the invoice number or the reference "
                             "the recipient asks for"));
      return FALSE;
    }
  if (g_utf8_strlen (transfer->purpose, -1) > MAX_PURPOSE_CHARS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("The purpose has %ld characters; a transfer allows at most %d"),
                   g_utf8_strlen (transfer->purpose, -1), MAX_PURPOSE_CHARS);
      return FALSE;
    }
  if (transfer->recipient != NULL && g_utf8_strlen (transfer->recipient, -1) > MAX_RECIPIENT_CHARS)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("The recipient’s name has %ld characters; a transfer allows at most %d"),
                   g_utf8_strlen (transfer->recipient, -1), MAX_RECIPIENT_CHARS);
      return FALSE;
    }

  if (iban_out != NULL)
    *iban_out = g_steal_pointer (&iban);
  if (bic_out != NULL)
    *bic_out = g_steal_pointer (&bic);
  return TRUE;
}

/* RemitPaymentProvider */

struct _RemitPaymentProvider
{
  GObject parent_instance;

  char *id;
  char *name;
  char *app_scheme_ios;
  char *package_name_android;
  char *min_version_ios;
  char *min_version_android;
  JsonObject *min_app_version;
  char *background_color;
  char *text_color;
  JsonObject *colors;
  char *icon_location;
  char *link_template;
  JsonObject *unknown;
};

G_DEFINE_FINAL_TYPE (RemitPaymentProvider, remit_payment_provider, G_TYPE_OBJECT)

enum
{
  PROVIDER_PROP_0,
  PROVIDER_PROP_ID,
  PROVIDER_PROP_NAME,
  PROVIDER_PROP_ICON_LOCATION,
  PROVIDER_PROP_BACKGROUND_COLOR,
  PROVIDER_PROP_TEXT_COLOR,
  PROVIDER_N_PROPS
};

static GParamSpec *provider_properties[PROVIDER_N_PROPS];

static const char *const provider_members[] = {
  "id", "name", "appSchemeIOS", "packageNameAndroid", "minAppVersion", "colors",
  "iconLocation", "linkTemplate", NULL,
};

static void
remit_payment_provider_finalize (GObject *object)
{
  RemitPaymentProvider *self = (RemitPaymentProvider *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->app_scheme_ios, g_free);
  g_clear_pointer (&self->package_name_android, g_free);
  g_clear_pointer (&self->min_version_ios, g_free);
  g_clear_pointer (&self->min_version_android, g_free);
  g_clear_pointer (&self->min_app_version, json_object_unref);
  g_clear_pointer (&self->background_color, g_free);
  g_clear_pointer (&self->text_color, g_free);
  g_clear_pointer (&self->colors, json_object_unref);
  g_clear_pointer (&self->icon_location, g_free);
  g_clear_pointer (&self->link_template, g_free);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (remit_payment_provider_parent_class)->finalize (object);
}

static void
remit_payment_provider_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  RemitPaymentProvider *self = REMIT_PAYMENT_PROVIDER (object);

  switch (prop_id)
    {
    case PROVIDER_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROVIDER_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROVIDER_PROP_ICON_LOCATION:
      g_value_set_string (value, self->icon_location);
      break;
    case PROVIDER_PROP_BACKGROUND_COLOR:
      g_value_set_string (value, self->background_color);
      break;
    case PROVIDER_PROP_TEXT_COLOR:
      g_value_set_string (value, self->text_color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_payment_provider_class_init (RemitPaymentProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_payment_provider_finalize;
  object_class->get_property = remit_payment_provider_get_property;

  provider_properties[PROVIDER_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  provider_properties[PROVIDER_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  provider_properties[PROVIDER_PROP_ICON_LOCATION] =
    g_param_spec_string ("icon-location", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  provider_properties[PROVIDER_PROP_BACKGROUND_COLOR] =
    g_param_spec_string ("background-color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  provider_properties[PROVIDER_PROP_TEXT_COLOR] =
    g_param_spec_string ("text-color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, PROVIDER_N_PROPS, provider_properties);
}

static void
remit_payment_provider_init (RemitPaymentProvider *self)
{
}

static char *
read_color (JsonObject *colors, const char *name)
{
  const char *color = remit_json_lookup_string (colors, name);

  if (color == NULL)
    return NULL;
  if (!remit_color_is_valid (color))
    {
      g_debug ("Ignoring the invalid %s colour “%s” of a payment provider", name, color);
      return NULL;
    }

  return g_strdup (color);
}

static RemitPaymentProvider *
provider_from_object (JsonObject *object, const char *path, GError **error)
{
  g_autoptr (RemitPaymentProvider) self = g_object_new (REMIT_TYPE_PAYMENT_PROVIDER, NULL);
  JsonObject *versions = NULL;
  JsonObject *colors = NULL;

  if (!remit_json_dup_string (object, path, "id", TRUE, &self->id, error)
      || !remit_json_dup_string (object, path, "name", TRUE, &self->name, error)
      || !remit_json_dup_string (object, path, "appSchemeIOS", FALSE, &self->app_scheme_ios,
                                 error)
      || !remit_json_dup_string (object, path, "packageNameAndroid", FALSE,
                                 &self->package_name_android, error)
      || !remit_json_get_object (object, path, "minAppVersion", FALSE, &versions, error)
      || !remit_json_get_object (object, path, "colors", FALSE, &colors, error)
      || !remit_json_dup_string (object, path, "iconLocation", FALSE, &self->icon_location,
                                 error)
      || !remit_json_dup_string (object, path, "linkTemplate", FALSE, &self->link_template,
                                 error))
    return NULL;

  if (versions != NULL)
    {
      g_autofree char *versions_path = remit_json_path_member (path, "minAppVersion");

      if (!remit_json_dup_string (versions, versions_path, "ios", FALSE, &self->min_version_ios,
                                  error)
          || !remit_json_dup_string (versions, versions_path, "android", FALSE,
                                     &self->min_version_android, error))
        return NULL;
      self->min_app_version = remit_json_object_deep_copy (versions);
    }

  /* A colour the app cannot use means the default look, not an unusable provider. */
  if (colors != NULL)
    {
      self->background_color = read_color (colors, "background");
      self->text_color = read_color (colors, "text");
      self->colors = remit_json_object_deep_copy (colors);
    }

  self->unknown = remit_json_copy_unknown (object, provider_members);
  return g_steal_pointer (&self);
}

/**
 * remit_payment_provider_new_from_json:
 * @node: an entry of `GET /paymentProviders`, or the answer of `GET /paymentProviders/{id}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error naming the member
 *
 * `id` and `name` are required. A colour that is not six hexadecimal digits is dropped
 * (the getter returns %NULL) but written back unchanged by remit_payment_provider_to_json().
 *
 * Returns: (transfer full): the provider, or %NULL with @error set
 */
RemitPaymentProvider *
remit_payment_provider_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error))
    return NULL;
  return provider_from_object (object, NULL, error);
}

/**
 * remit_payment_provider_to_json:
 * @self: a provider
 *
 * Returns: (transfer full): the provider as the API writes it, unknown members included
 */
JsonNode *
remit_payment_provider_to_json (RemitPaymentProvider *self)
{
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  if (self->app_scheme_ios != NULL)
    json_object_set_string_member (object, "appSchemeIOS", self->app_scheme_ios);
  if (self->package_name_android != NULL)
    json_object_set_string_member (object, "packageNameAndroid", self->package_name_android);
  if (self->min_app_version != NULL)
    json_object_set_object_member (object, "minAppVersion",
                                   remit_json_object_deep_copy (self->min_app_version));
  if (self->colors != NULL)
    json_object_set_object_member (object, "colors", remit_json_object_deep_copy (self->colors));
  if (self->icon_location != NULL)
    json_object_set_string_member (object, "iconLocation", self->icon_location);
  if (self->link_template != NULL)
    json_object_set_string_member (object, "linkTemplate", self->link_template);
  remit_json_object_add_all (object, self->unknown);

  return remit_json_object_node_take (object);
}

const char *
remit_payment_provider_get_id (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->id;
}

const char *
remit_payment_provider_get_name (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->name;
}

const char *
remit_payment_provider_get_app_scheme_ios (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->app_scheme_ios;
}

const char *
remit_payment_provider_get_package_name_android (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->package_name_android;
}

const char *
remit_payment_provider_get_min_app_version_ios (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->min_version_ios;
}

const char *
remit_payment_provider_get_min_app_version_android (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->min_version_android;
}

/**
 * remit_payment_provider_get_background_color:
 * @self: a provider
 *
 * Returns: (nullable): six hexadecimal digits (RGB, no `#`), or %NULL for the default
 */
const char *
remit_payment_provider_get_background_color (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->background_color;
}

/**
 * remit_payment_provider_get_text_color:
 * @self: a provider
 *
 * Returns: (nullable): six hexadecimal digits (RGB, no `#`), or %NULL for the default
 */
const char *
remit_payment_provider_get_text_color (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->text_color;
}

/**
 * remit_payment_provider_get_icon_location:
 * @self: a provider
 *
 * Returns: (nullable): the URI of the icon; fetching it needs authentication
 */
const char *
remit_payment_provider_get_icon_location (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->icon_location;
}

const char *
remit_payment_provider_get_link_template (RemitPaymentProvider *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_PROVIDER (self), NULL);

  return self->link_template;
}

/**
 * remit_payment_provider_list_from_json:
 * @node: the answer of `GET /paymentProviders`, a JSON array
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Returns: (transfer container) (element-type RemitPaymentProvider): the providers, or %NULL
 */
GPtrArray *
remit_payment_provider_list_from_json (JsonNode *node, GError **error)
{
  g_autoptr (GPtrArray) providers = NULL;
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_array (node, NULL, &array, error))
    return NULL;

  providers = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = remit_json_path_index (NULL, i);
      RemitPaymentProvider *provider;
      JsonObject *object;

      if (!remit_json_node_get_object (json_array_get_element (array, i), path, &object, error))
        return NULL;

      provider = provider_from_object (object, path, error);
      if (provider == NULL)
        return NULL;
      g_ptr_array_add (providers, provider);
    }

  return g_steal_pointer (&providers);
}

/**
 * remit_payment_provider_list_to_json:
 * @providers: (element-type RemitPaymentProvider): providers
 *
 * Returns: (transfer full): a JSON array of the providers
 */
JsonNode *
remit_payment_provider_list_to_json (GPtrArray *providers)
{
  JsonArray *array;

  g_return_val_if_fail (providers != NULL, NULL);

  array = json_array_sized_new (providers->len);
  for (guint i = 0; i < providers->len; i++)
    json_array_add_element (array,
                            remit_payment_provider_to_json (g_ptr_array_index (providers, i)));

  return remit_json_array_node_take (array);
}

/* RemitPaymentRequestStatus */

G_DEFINE_ENUM_TYPE (RemitPaymentRequestStatus, remit_payment_request_status,
                    G_DEFINE_ENUM_VALUE (REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (REMIT_PAYMENT_REQUEST_STATUS_OPEN, "open"),
                    G_DEFINE_ENUM_VALUE (REMIT_PAYMENT_REQUEST_STATUS_PAID, "paid"),
                    G_DEFINE_ENUM_VALUE (REMIT_PAYMENT_REQUEST_STATUS_INVALID, "invalid"))

static const char *const status_names[] = {
  [REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN] = NULL,
  [REMIT_PAYMENT_REQUEST_STATUS_OPEN] = "open",
  [REMIT_PAYMENT_REQUEST_STATUS_PAID] = "paid",
  [REMIT_PAYMENT_REQUEST_STATUS_INVALID] = "invalid",
};

/**
 * remit_payment_request_status_to_string:
 * @status: a status
 *
 * Returns: (nullable): the wire form (`open`, `paid`, `invalid`), %NULL for unknown
 */
const char *
remit_payment_request_status_to_string (RemitPaymentRequestStatus status)
{
  g_return_val_if_fail (status <= REMIT_PAYMENT_REQUEST_STATUS_INVALID, NULL);

  return status_names[status];
}

/**
 * remit_payment_request_status_from_string:
 * @text: (nullable): the wire form; case does not matter
 *
 * Returns: the status, %REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN for other values
 */
RemitPaymentRequestStatus
remit_payment_request_status_from_string (const char *text)
{
  if (text == NULL)
    return REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN;

  for (guint i = REMIT_PAYMENT_REQUEST_STATUS_OPEN; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (text, status_names[i]) == 0)
        return (RemitPaymentRequestStatus) i;
    }

  return REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN;
}

/* RemitPaymentRequest */

struct _RemitPaymentRequest
{
  GObject parent_instance;

  char *id;
  Timestamp created_at;
  Transfer transfer;
  char *status;
  char *requester_uri;
  char *source_document_location;
  char *payment_provider;

  guint id_in_json : 1;
};

G_DEFINE_FINAL_TYPE (RemitPaymentRequest, remit_payment_request, G_TYPE_OBJECT)

enum
{
  REQUEST_PROP_0,
  REQUEST_PROP_ID,
  REQUEST_PROP_CREATED_AT,
  REQUEST_PROP_RECIPIENT,
  REQUEST_PROP_IBAN,
  REQUEST_PROP_BIC,
  REQUEST_PROP_AMOUNT,
  REQUEST_PROP_PURPOSE,
  REQUEST_PROP_STATUS,
  REQUEST_N_PROPS
};

static GParamSpec *request_properties[REQUEST_N_PROPS];

static const char *const request_members[] = {
  "id", "createdAt", "recipient", "iban", "bic", "amount", "purpose", "status",
  "requesterUri", "sourceDocumentLocation", "paymentProvider", "_links", NULL,
};

static void
remit_payment_request_finalize (GObject *object)
{
  RemitPaymentRequest *self = (RemitPaymentRequest *) object;

  g_clear_pointer (&self->id, g_free);
  timestamp_clear (&self->created_at);
  transfer_clear (&self->transfer);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->requester_uri, g_free);
  g_clear_pointer (&self->source_document_location, g_free);
  g_clear_pointer (&self->payment_provider, g_free);

  G_OBJECT_CLASS (remit_payment_request_parent_class)->finalize (object);
}

static void
remit_payment_request_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  RemitPaymentRequest *self = REMIT_PAYMENT_REQUEST (object);

  switch (prop_id)
    {
    case REQUEST_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case REQUEST_PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at.time);
      break;
    case REQUEST_PROP_RECIPIENT:
      g_value_set_string (value, self->transfer.recipient);
      break;
    case REQUEST_PROP_IBAN:
      g_value_set_string (value, self->transfer.iban);
      break;
    case REQUEST_PROP_BIC:
      g_value_set_string (value, self->transfer.bic);
      break;
    case REQUEST_PROP_AMOUNT:
      g_value_set_boxed (value, remit_payment_request_get_amount (self));
      break;
    case REQUEST_PROP_PURPOSE:
      g_value_set_string (value, self->transfer.purpose);
      break;
    case REQUEST_PROP_STATUS:
      g_value_set_enum (value, remit_payment_request_get_status (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_payment_request_class_init (RemitPaymentRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = remit_payment_request_finalize;
  object_class->get_property = remit_payment_request_get_property;

  request_properties[REQUEST_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  request_properties[REQUEST_PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  request_properties[REQUEST_PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL, NULL, flags);
  request_properties[REQUEST_PROP_IBAN] = g_param_spec_string ("iban", NULL, NULL, NULL, flags);
  request_properties[REQUEST_PROP_BIC] = g_param_spec_string ("bic", NULL, NULL, NULL, flags);
  request_properties[REQUEST_PROP_AMOUNT] =
    g_param_spec_boxed ("amount", NULL, NULL, REMIT_TYPE_AMOUNT, flags);
  request_properties[REQUEST_PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, NULL, flags);
  request_properties[REQUEST_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, REMIT_TYPE_PAYMENT_REQUEST_STATUS,
                       REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN, flags);

  g_object_class_install_properties (object_class, REQUEST_N_PROPS, request_properties);
}

static void
remit_payment_request_init (RemitPaymentRequest *self)
{
}

static void
request_notify (RemitPaymentRequest *self, guint prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), request_properties[prop_id]);
}

/**
 * remit_payment_request_new:
 *
 * Creates an empty payment request, to be filled with the setters and sent with
 * remit_payment_request_to_create_json().
 *
 * Returns: (transfer full): a new #RemitPaymentRequest
 */
RemitPaymentRequest *
remit_payment_request_new (void)
{
  return g_object_new (REMIT_TYPE_PAYMENT_REQUEST, NULL);
}

/**
 * remit_payment_request_new_from_json:
 * @node: the answer of `GET /paymentRequests/{id}` (or of the payment POST)
 * @location: (nullable): the URI the answer came from, or the `Location` of a 201 answer
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error naming the member
 *
 * Reads a payment request. `iban` and `amount` are required. The id is the `id` member if
 * there is one, else the last path segment of `_links.self`, else that of @location.
 * Members this version does not know are kept for remit_payment_request_to_json().
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_payment_request_new_from_json (JsonNode *node, const char *location, GError **error)
{
  g_autoptr (RemitPaymentRequest) self = NULL;
  JsonObject *object;
  const char *self_link;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error))
    return NULL;
  self = remit_payment_request_new ();

  if (!remit_json_dup_string (object, NULL, "id", FALSE, &self->id, error)
      || !timestamp_read (object, NULL, "createdAt", &self->created_at, error)
      || !transfer_read (object, NULL, TRUE, &self->transfer, error)
      || !remit_json_dup_string (object, NULL, "status", FALSE, &self->status, error)
      || !remit_json_dup_string (object, NULL, "requesterUri", FALSE, &self->requester_uri,
                                 error)
      || !remit_json_dup_string (object, NULL, "sourceDocumentLocation", FALSE,
                                 &self->source_document_location, error)
      || !remit_json_dup_string (object, NULL, "paymentProvider", FALSE,
                                 &self->payment_provider, error))
    return NULL;

  self->id_in_json = self->id != NULL;
  self_link = remit_json_lookup_string (self->transfer.links, "self");
  if (self->id == NULL && self_link != NULL)
    self->id = remit_id_from_location (self_link);
  if (self->id == NULL && location != NULL)
    self->id = remit_id_from_location (location);

  self->transfer.unknown = remit_json_copy_unknown (object, request_members);
  return g_steal_pointer (&self);
}

/**
 * remit_payment_request_new_from_create_json:
 * @node: the body of `POST /paymentRequests`
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Reads and checks a create body as a server receives it: the members it does not know
 * are ignored, the IBAN and BIC are normalized, and the rules of
 * remit_payment_request_validate() apply.
 *
 * Returns: (transfer full): a request without id or status, or %NULL with @error set
 */
RemitPaymentRequest *
remit_payment_request_new_from_create_json (JsonNode *node, GError **error)
{
  g_autoptr (RemitPaymentRequest) self = NULL;
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error))
    return NULL;
  self = remit_payment_request_new ();

  if (!transfer_read (object, NULL, FALSE, &self->transfer, error)
      || !remit_json_dup_string (object, NULL, "sourceDocumentLocation", FALSE,
                                 &self->source_document_location, error)
      || !remit_json_dup_string (object, NULL, "paymentProvider", FALSE,
                                 &self->payment_provider, error))
    return NULL;

  g_clear_pointer (&self->transfer.links, json_object_unref);
  if (!transfer_validate (&self->transfer, &iban, &bic, error))
    return NULL;

  g_free (self->transfer.iban);
  self->transfer.iban = g_steal_pointer (&iban);
  g_free (self->transfer.bic);
  self->transfer.bic = g_steal_pointer (&bic);
  return g_steal_pointer (&self);
}

/**
 * remit_payment_request_to_json:
 * @self: a payment request
 *
 * Returns: (transfer full): the request as the API answers it, unknown members included
 */
JsonNode *
remit_payment_request_to_json (RemitPaymentRequest *self)
{
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  object = json_object_new ();
  if (self->id != NULL && self->id_in_json)
    json_object_set_string_member (object, "id", self->id);
  timestamp_write (object, "createdAt", &self->created_at);
  transfer_write (object, &self->transfer);
  if (self->status != NULL)
    json_object_set_string_member (object, "status", self->status);
  if (self->requester_uri != NULL)
    json_object_set_string_member (object, "requesterUri", self->requester_uri);
  if (self->source_document_location != NULL)
    json_object_set_string_member (object, "sourceDocumentLocation",
                                   self->source_document_location);
  if (self->payment_provider != NULL)
    json_object_set_string_member (object, "paymentProvider", self->payment_provider);
  remit_json_object_add_all (object, self->transfer.unknown);

  return remit_json_object_node_take (object);
}

/**
 * remit_payment_request_validate:
 * @self: a payment request
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Checks what a bank checks: a valid IBAN, a valid BIC if there is one, an amount in euros
 * above zero and at most 999,999,999.99, a purpose of at most 140 characters and a
 * recipient name of at most 70.
 *
 * Returns: %TRUE if the request can be sent
 */
gboolean
remit_payment_request_validate (RemitPaymentRequest *self, GError **error)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return transfer_validate (&self->transfer, NULL, NULL, error);
}

/**
 * remit_payment_request_to_create_json:
 * @self: a payment request
 * @error: return location for a %REMIT_CORE_ERROR error
 *
 * Builds the body of `POST /paymentRequests`, `{sourceDocumentLocation?, paymentProvider?,
 * recipient?, iban, bic?, amount: "335.50:EUR", purpose}`, after
 * remit_payment_request_validate(). IBAN and BIC are written without spaces, in capitals.
 *
 * Returns: (transfer full): the body, or %NULL with @error set
 */
JsonNode *
remit_payment_request_to_create_json (RemitPaymentRequest *self, GError **error)
{
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;
  g_autofree char *amount = NULL;
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!transfer_validate (&self->transfer, &iban, &bic, error))
    return NULL;

  object = json_object_new ();
  if (!is_blank (self->source_document_location))
    json_object_set_string_member (object, "sourceDocumentLocation",
                                   self->source_document_location);
  if (!is_blank (self->payment_provider))
    json_object_set_string_member (object, "paymentProvider", self->payment_provider);
  if (!is_blank (self->transfer.recipient))
    json_object_set_string_member (object, "recipient", self->transfer.recipient);
  json_object_set_string_member (object, "iban", iban);
  if (bic != NULL)
    json_object_set_string_member (object, "bic", bic);
  amount = remit_amount_to_wire (&self->transfer.amount);
  json_object_set_string_member (object, "amount", amount);
  json_object_set_string_member (object, "purpose", self->transfer.purpose);

  return remit_json_object_node_take (object);
}

/**
 * remit_payment_request_get_id:
 * @self: a payment request
 *
 * Returns: (nullable): the id, %NULL until the server created the request
 */
const char *
remit_payment_request_get_id (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->id;
}

void
remit_payment_request_set_id (RemitPaymentRequest *self, const char *id)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  self->id_in_json = id != NULL;
  remit_set_string_notify (self, &self->id, id, request_properties[REQUEST_PROP_ID]);
}

/**
 * remit_payment_request_get_created_at:
 * @self: a payment request
 *
 * Returns: (transfer none) (nullable): when the request was created
 */
GDateTime *
remit_payment_request_get_created_at (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->created_at.time;
}

void
remit_payment_request_set_created_at (RemitPaymentRequest *self, GDateTime *created_at)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  if (timestamp_set (&self->created_at, created_at))
    request_notify (self, REQUEST_PROP_CREATED_AT);
}

const char *
remit_payment_request_get_recipient (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->transfer.recipient;
}

void
remit_payment_request_set_recipient (RemitPaymentRequest *self, const char *recipient)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string_notify (self, &self->transfer.recipient, recipient,
                           request_properties[REQUEST_PROP_RECIPIENT]);
}

const char *
remit_payment_request_get_iban (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->transfer.iban;
}

void
remit_payment_request_set_iban (RemitPaymentRequest *self, const char *iban)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string_notify (self, &self->transfer.iban, iban, request_properties[REQUEST_PROP_IBAN]);
}

const char *
remit_payment_request_get_bic (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->transfer.bic;
}

void
remit_payment_request_set_bic (RemitPaymentRequest *self, const char *bic)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string_notify (self, &self->transfer.bic, bic, request_properties[REQUEST_PROP_BIC]);
}

/**
 * remit_payment_request_get_amount:
 * @self: a payment request
 *
 * Returns: (nullable): the amount, %NULL if none is set
 */
const RemitAmount *
remit_payment_request_get_amount (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->transfer.has_amount ? &self->transfer.amount : NULL;
}

void
remit_payment_request_set_amount (RemitPaymentRequest *self, const RemitAmount *amount)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  if (transfer_set_amount (&self->transfer, amount))
    request_notify (self, REQUEST_PROP_AMOUNT);
}

const char *
remit_payment_request_get_purpose (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->transfer.purpose;
}

void
remit_payment_request_set_purpose (RemitPaymentRequest *self, const char *purpose)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string_notify (self, &self->transfer.purpose, purpose,
                           request_properties[REQUEST_PROP_PURPOSE]);
}

RemitPaymentRequestStatus
remit_payment_request_get_status (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);

  return remit_payment_request_status_from_string (self->status);
}

/**
 * remit_payment_request_get_status_string:
 * @self: a payment request
 *
 * Returns: (nullable): the status as the server wrote it, known or not
 */
const char *
remit_payment_request_get_status_string (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->status;
}

void
remit_payment_request_set_status (RemitPaymentRequest *self, RemitPaymentRequestStatus status)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));
  g_return_if_fail (status <= REMIT_PAYMENT_REQUEST_STATUS_INVALID);

  remit_set_string_notify (self, &self->status, remit_payment_request_status_to_string (status),
                           request_properties[REQUEST_PROP_STATUS]);
}

const char *
remit_payment_request_get_requester_uri (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->requester_uri;
}

void
remit_payment_request_set_requester_uri (RemitPaymentRequest *self, const char *requester_uri)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string (&self->requester_uri, requester_uri);
}

const char *
remit_payment_request_get_source_document_location (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->source_document_location;
}

void
remit_payment_request_set_source_document_location (RemitPaymentRequest *self,
                                                    const char *location)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string (&self->source_document_location, location);
}

/**
 * remit_payment_request_get_payment_provider:
 * @self: a payment request
 *
 * Returns: (nullable): the id of the payment provider the request is for
 */
const char *
remit_payment_request_get_payment_provider (RemitPaymentRequest *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);

  return self->payment_provider;
}

void
remit_payment_request_set_payment_provider (RemitPaymentRequest *self, const char *provider_id)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));

  remit_set_string (&self->payment_provider, provider_id);
}

/**
 * remit_payment_request_get_link:
 * @self: a payment request
 * @name: a member of `_links`, e.g. `self` or `payment`
 *
 * Returns: (nullable): the URI
 */
const char *
remit_payment_request_get_link (RemitPaymentRequest *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return remit_json_lookup_string (self->transfer.links, name);
}

void
remit_payment_request_set_link (RemitPaymentRequest *self, const char *name, const char *uri)
{
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (self));
  g_return_if_fail (name != NULL);

  remit_json_object_set_optional_string (&self->transfer.links, name, uri);
}

/* RemitPayment */

struct _RemitPayment
{
  GObject parent_instance;

  Timestamp paid_at;
  Transfer transfer;
};

G_DEFINE_FINAL_TYPE (RemitPayment, remit_payment, G_TYPE_OBJECT)

enum
{
  PAYMENT_PROP_0,
  PAYMENT_PROP_PAID_AT,
  PAYMENT_PROP_RECIPIENT,
  PAYMENT_PROP_IBAN,
  PAYMENT_PROP_AMOUNT,
  PAYMENT_PROP_PURPOSE,
  PAYMENT_N_PROPS
};

static GParamSpec *payment_properties[PAYMENT_N_PROPS];

static const char *const payment_members[] = {
  "paidAt", "recipient", "iban", "bic", "amount", "purpose", "_links", NULL,
};

static void
remit_payment_finalize (GObject *object)
{
  RemitPayment *self = (RemitPayment *) object;

  timestamp_clear (&self->paid_at);
  transfer_clear (&self->transfer);

  G_OBJECT_CLASS (remit_payment_parent_class)->finalize (object);
}

static void
remit_payment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitPayment *self = REMIT_PAYMENT (object);

  switch (prop_id)
    {
    case PAYMENT_PROP_PAID_AT:
      g_value_set_boxed (value, self->paid_at.time);
      break;
    case PAYMENT_PROP_RECIPIENT:
      g_value_set_string (value, self->transfer.recipient);
      break;
    case PAYMENT_PROP_IBAN:
      g_value_set_string (value, self->transfer.iban);
      break;
    case PAYMENT_PROP_AMOUNT:
      g_value_set_boxed (value, remit_payment_get_amount (self));
      break;
    case PAYMENT_PROP_PURPOSE:
      g_value_set_string (value, self->transfer.purpose);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_payment_class_init (RemitPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = remit_payment_finalize;
  object_class->get_property = remit_payment_get_property;

  payment_properties[PAYMENT_PROP_PAID_AT] =
    g_param_spec_boxed ("paid-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  payment_properties[PAYMENT_PROP_RECIPIENT] =
    g_param_spec_string ("recipient", NULL, NULL, NULL, flags);
  payment_properties[PAYMENT_PROP_IBAN] = g_param_spec_string ("iban", NULL, NULL, NULL, flags);
  payment_properties[PAYMENT_PROP_AMOUNT] =
    g_param_spec_boxed ("amount", NULL, NULL, REMIT_TYPE_AMOUNT, flags);
  payment_properties[PAYMENT_PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, PAYMENT_N_PROPS, payment_properties);
}

static void
remit_payment_init (RemitPayment *self)
{
}

static void
payment_notify (RemitPayment *self, guint prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), payment_properties[prop_id]);
}

RemitPayment *
remit_payment_new (void)
{
  return g_object_new (REMIT_TYPE_PAYMENT, NULL);
}

/**
 * remit_payment_new_for_request:
 * @request: a payment request
 *
 * Creates the payment that settles @request exactly: same recipient, IBAN, BIC, amount
 * and purpose, no time of payment yet.
 *
 * Returns: (transfer full): a new #RemitPayment
 */
RemitPayment *
remit_payment_new_for_request (RemitPaymentRequest *request)
{
  RemitPayment *self;

  g_return_val_if_fail (REMIT_IS_PAYMENT_REQUEST (request), NULL);

  self = remit_payment_new ();
  self->transfer.recipient = g_strdup (request->transfer.recipient);
  self->transfer.iban = g_strdup (request->transfer.iban);
  self->transfer.bic = g_strdup (request->transfer.bic);
  self->transfer.amount = request->transfer.amount;
  self->transfer.has_amount = request->transfer.has_amount;
  self->transfer.purpose = g_strdup (request->transfer.purpose);
  return self;
}

/**
 * remit_payment_new_from_json:
 * @node: the answer of `GET /paymentRequests/{id}/payment`, or the body a bank posts there
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error naming the member
 *
 * `iban` and `amount` are required; unknown members are kept.
 *
 * Returns: (transfer full): the payment, or %NULL with @error set
 */
RemitPayment *
remit_payment_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (RemitPayment) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!remit_json_node_get_object (node, NULL, &object, error))
    return NULL;
  self = remit_payment_new ();

  if (!timestamp_read (object, NULL, "paidAt", &self->paid_at, error)
      || !transfer_read (object, NULL, TRUE, &self->transfer, error))
    return NULL;

  self->transfer.unknown = remit_json_copy_unknown (object, payment_members);
  return g_steal_pointer (&self);
}

/**
 * remit_payment_to_json:
 * @self: a payment
 *
 * Returns: (transfer full): the payment as the API answers it, unknown members included
 */
JsonNode *
remit_payment_to_json (RemitPayment *self)
{
  JsonObject *object;

  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  object = json_object_new ();
  timestamp_write (object, "paidAt", &self->paid_at);
  transfer_write (object, &self->transfer);
  remit_json_object_add_all (object, self->transfer.unknown);

  return remit_json_object_node_take (object);
}

/**
 * remit_payment_get_paid_at:
 * @self: a payment
 *
 * Returns: (transfer none) (nullable): when the bank made the payment
 */
GDateTime *
remit_payment_get_paid_at (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->paid_at.time;
}

void
remit_payment_set_paid_at (RemitPayment *self, GDateTime *paid_at)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  if (timestamp_set (&self->paid_at, paid_at))
    payment_notify (self, PAYMENT_PROP_PAID_AT);
}

const char *
remit_payment_get_recipient (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->transfer.recipient;
}

void
remit_payment_set_recipient (RemitPayment *self, const char *recipient)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  remit_set_string_notify (self, &self->transfer.recipient, recipient,
                           payment_properties[PAYMENT_PROP_RECIPIENT]);
}

const char *
remit_payment_get_iban (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->transfer.iban;
}

void
remit_payment_set_iban (RemitPayment *self, const char *iban)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  remit_set_string_notify (self, &self->transfer.iban, iban, payment_properties[PAYMENT_PROP_IBAN]);
}

const char *
remit_payment_get_bic (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->transfer.bic;
}

void
remit_payment_set_bic (RemitPayment *self, const char *bic)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  remit_set_string (&self->transfer.bic, bic);
}

/**
 * remit_payment_get_amount:
 * @self: a payment
 *
 * Returns: (nullable): the amount paid
 */
const RemitAmount *
remit_payment_get_amount (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->transfer.has_amount ? &self->transfer.amount : NULL;
}

void
remit_payment_set_amount (RemitPayment *self, const RemitAmount *amount)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  if (transfer_set_amount (&self->transfer, amount))
    payment_notify (self, PAYMENT_PROP_AMOUNT);
}

const char *
remit_payment_get_purpose (RemitPayment *self)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);

  return self->transfer.purpose;
}

void
remit_payment_set_purpose (RemitPayment *self, const char *purpose)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));

  remit_set_string_notify (self, &self->transfer.purpose, purpose,
                           payment_properties[PAYMENT_PROP_PURPOSE]);
}

const char *
remit_payment_get_link (RemitPayment *self, const char *name)
{
  g_return_val_if_fail (REMIT_IS_PAYMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return remit_json_lookup_string (self->transfer.links, name);
}

void
remit_payment_set_link (RemitPayment *self, const char *name, const char *uri)
{
  g_return_if_fail (REMIT_IS_PAYMENT (self));
  g_return_if_fail (name != NULL);

  remit_json_object_set_optional_string (&self->transfer.links, name, uri);
}
