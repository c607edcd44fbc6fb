/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-provider-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-provider-page.h"
#include "remit-remote-backend.h"

/* How often the status of an open payment request is read again, by default. */
#define DEFAULT_REFRESH_SECONDS 5
/* The side of a provider's swatch or icon in its row. */
#define SWATCH_SIZE 32

struct _RemitProviderPage
{
  AdwBin parent_instance;

  RemitBillService *service;
  RemitBill *bill;
  GCancellable *cancellable;
  RemitPaymentRequestStatus status;
  guint refresh_interval;
  guint refresh_source;
  gboolean refreshing;
  gboolean sending;
  gboolean loading;
  char *provider_id;
  char *provider_name;
  GtkCheckButton *first_check;

  GtkStack *stack;
  GtkListBox *provider_list;
  GtkLabel *send_error_label;
  GtkButton *send_button;
  AdwStatusPage *status_page;
  GtkSpinner *status_spinner;
  GtkLabel *status_error_label;
  GtkButton *check_button;
  GtkButton *again_button;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (RemitProviderPage, remit_provider_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BILL_SERVICE,
  PROP_BILL,
  PROP_STATUS,
  PROP_REFRESH_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_BILL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_refresh (RemitProviderPage *self);
static void load_providers (RemitProviderPage *self);

/* Status ---------------------------------------------------------------------------------- */

static void
set_status (RemitProviderPage *self, RemitPaymentRequestStatus status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
show_status (RemitProviderPage *self)
{
  g_autofree char *description = NULL;
  gboolean waiting = self->status == REMIT_PAYMENT_REQUEST_STATUS_OPEN;

  switch (self->status)
    {
    case REMIT_PAYMENT_REQUEST_STATUS_PAID:
      adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->status_page, _("Paid"));
      description = g_strdup (_("Your bank reported the payment. The bill is marked paid."));
      break;
    case REMIT_PAYMENT_REQUEST_STATUS_INVALID:
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("Invalid"));
      description = g_strdup (_("The banking app can no longer pay this request. Send a new "
                                "one, or pay with the GiroCode or the transfer details."));
      break;
    case REMIT_PAYMENT_REQUEST_STATUS_OPEN:
    case REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN:
    default:
      adw_status_page_set_icon_name (self->status_page, "phone-symbolic");
      adw_status_page_set_title (self->status_page, _("Waiting for Your Banking App"));
      if (self->provider_name != NULL)
        /* Translators: %s is the name of a banking app */
        description = g_strdup_printf (_("Open %s on your phone and confirm the payment. "
                                         "This page updates by itself."),
                                       self->provider_name);
      else
        description = g_strdup (_("Open your banking app on your phone and confirm the "
                                  "payment. This page updates by itself."));
      break;
    }
  adw_status_page_set_description (self->status_page, description);
  gtk_spinner_set_spinning (self->status_spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->again_button),
                          self->status == REMIT_PAYMENT_REQUEST_STATUS_INVALID);
  if (!waiting)
    gtk_widget_set_visible (GTK_WIDGET (self->status_error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static RemitPaymentRequestStatus
status_for_bill (RemitBill *bill)
{
  switch (remit_bill_get_state (bill))
    {
    case REMIT_BILL_STATE_PAID:
    case REMIT_BILL_STATE_ARCHIVED:
      return REMIT_PAYMENT_REQUEST_STATUS_PAID;
    case REMIT_BILL_STATE_FAILED:
      return REMIT_PAYMENT_REQUEST_STATUS_INVALID;
    case REMIT_BILL_STATE_PAYMENT_REQUESTED:
      return REMIT_PAYMENT_REQUEST_STATUS_OPEN;
    case REMIT_BILL_STATE_NEW:
    case REMIT_BILL_STATE_IN_REVIEW:
    case REMIT_BILL_STATE_READY_TO_PAY:
    default:
      return REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN;
    }
}

/* Takes @bill as the page's bill; says so when its state changed. */
static void
take_bill (RemitProviderPage *self, RemitBill *bill)
{
  gboolean changed = remit_bill_get_state (bill) != remit_bill_get_state (self->bill);

  g_set_object (&self->bill, bill);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILL]);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_BILL_CHANGED], 0, self->bill);
}

/* Refresh --------------------------------------------------------------------------------- */

static gboolean
refresh_due (gpointer user_data)
{
  RemitProviderPage *self = user_data;

  self->refresh_source = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (RemitProviderPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->status != REMIT_PAYMENT_REQUEST_STATUS_OPEN)
    return;
  self->refresh_source = g_timeout_add_seconds (self->refresh_interval, refresh_due, self);
  g_source_set_name_by_id (self->refresh_source, "[remit] payment request refresh");
}

static void
refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitProviderPage) self = user_data;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;

  bill = remit_bill_service_refresh_payment_finish (REMIT_BILL_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->refreshing = FALSE;

  if (bill == NULL)
    {
      g_autoptr (RemitBill) stored = NULL;
      g_autofree char *message = NULL;

      /* Perhaps the bill was paid or refused another way meanwhile. */
      stored = remit_ledger_get_bill (remit_bill_service_get_ledger (self->service),
                                      remit_bill_get_id (self->bill), NULL);
      if (stored != NULL && status_for_bill (stored) != REMIT_PAYMENT_REQUEST_STATUS_OPEN
          && status_for_bill (stored) != REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN)
        {
          take_bill (self, stored);
          set_status (self, status_for_bill (stored));
          show_status (self);
          return;
        }

      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The status could not be read: %s. Remit tries again in a "
                                   "few seconds."),
                                 error->message);
      gtk_label_set_text (self->status_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_error_label), TRUE);
      schedule_refresh (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_error_label), FALSE);
  take_bill (self, bill);
  if (status_for_bill (bill) != REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN)
    set_status (self, status_for_bill (bill));
  show_status (self);
  schedule_refresh (self);
}

static void
start_refresh (RemitProviderPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->refreshing || self->status != REMIT_PAYMENT_REQUEST_STATUS_OPEN)
    return;
  self->refreshing = TRUE;
  remit_bill_service_refresh_payment_async (self->service, remit_bill_get_id (self->bill),
                                            self->cancellable, refreshed_cb,
                                            g_object_ref (self));
}

static void
check_clicked (RemitProviderPage *self)
{
  start_refresh (self);
}

/* Sending --------------------------------------------------------------------------------- */

static void
update_send_button (RemitProviderPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                            self->provider_id != NULL && !self->sending);
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitProviderPage) self = user_data;
  g_autoptr (RemitBill) bill = NULL;
  g_autoptr (GError) error = NULL;

  bill = remit_bill_service_request_payment_finish (REMIT_BILL_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->sending = FALSE;
  update_send_button (self);

  if (bill == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what went wrong and what to do */
      message = g_strdup_printf (_("The payment request was not sent: %s"), error->message);
      gtk_label_set_text (self->send_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->send_error_label), TRUE);
      return;
    }

  take_bill (self, bill);
  set_status (self, REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  show_status (self);
  schedule_refresh (self);
}

static void
send_clicked (RemitProviderPage *self)
{
  if (self->sending || self->provider_id == NULL)
    return;

  self->sending = TRUE;
  update_send_button (self);
  gtk_widget_set_visible (GTK_WIDGET (self->send_error_label), FALSE);
  remit_bill_service_request_payment_async (self->service, remit_bill_get_id (self->bill),
                                            self->provider_id, self->cancellable, sent_cb,
                                            g_object_ref (self));
}

static void
again_clicked (RemitProviderPage *self)
{
  set_status (self, REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
  if (self->first_check != NULL)
    gtk_stack_set_visible_child_name (self->stack, "providers");
  else
    load_providers (self);
}

/* Providers ------------------------------------------------------------------------------- */

static void
parse_color (const char *hex, const char *fallback, GdkRGBA *rgba)
{
  g_autofree char *text = NULL;

  if (hex != NULL && remit_color_is_valid (hex))
    {
      text = g_strconcat ("#", hex, NULL);
      if (gdk_rgba_parse (rgba, text))
        return;
    }
  gdk_rgba_parse (rgba, fallback);
}

/* A rounded square in the provider's background colour with its initial in its text colour,
 * until its icon is there. */
static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  RemitPaymentProvider *provider = user_data;
  const char *name = remit_payment_provider_get_name (provider);
  GdkRGBA background;
  GdkRGBA text;
  double radius = MIN (width, height) / 4.0;

  parse_color (remit_payment_provider_get_background_color (provider), "#77767b", &background);
  parse_color (remit_payment_provider_get_text_color (provider), "#ffffff", &text);

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI_2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI_2);
  cairo_arc (cr, radius, height - radius, radius, G_PI_2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_fill (cr);

  if (name != NULL && *name != '\0')
    {
      g_autofree char *initial = g_utf8_substring (name, 0, 1);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), initial);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      int text_width;
      int text_height;

      pango_font_description_set_absolute_size (font, height * 0.5 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_move_to (cr, (width - text_width) / 2.0, (height - text_height) / 2.0);
      gdk_cairo_set_source_rgba (cr, &text);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
}

typedef struct
{
  RemitProviderPage *self;
  GtkStack *prefix;
} IconData;

static void
icon_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IconData *data = user_data;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;

  bytes = remit_api_client_get_provider_icon_finish (REMIT_API_CLIENT (source), result, NULL,
                                                     &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture != NULL)
    {
      GtkWidget *image = gtk_stack_get_child_by_name (data->prefix, "icon");

      gtk_image_set_from_paintable (GTK_IMAGE (image), GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (data->prefix, "icon");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The swatch stays: it has the provider's colours. */
    g_debug ("No icon for a banking app: %s", error->message);

  g_object_unref (data->self);
  g_object_unref (data->prefix);
  g_free (data);
}

static void
fetch_icon (RemitProviderPage *self, RemitPaymentProvider *provider, GtkStack *prefix)
{
  RemitBackend *backend = remit_bill_service_get_backend (self->service);
  IconData *data;

  /* Only the remote backend has a client that fetches icons. */
  if (!REMIT_IS_REMOTE_BACKEND (backend)
      || remit_payment_provider_get_icon_location (provider) == NULL)
    return;

  data = g_new0 (IconData, 1);
  data->self = g_object_ref (self);
  data->prefix = g_object_ref (prefix);
  remit_api_client_get_provider_icon_async (
    remit_remote_backend_get_client (REMIT_REMOTE_BACKEND (backend)), provider,
    self->cancellable, icon_cb, data);
}

static void
check_toggled (GtkCheckButton *check, RemitProviderPage *self)
{
  RemitPaymentProvider *provider;

  if (!gtk_check_button_get_active (check))
    return;
  provider = g_object_get_data (G_OBJECT (check), "remit-provider");
  g_free (self->provider_id);
  self->provider_id = g_strdup (remit_payment_provider_get_id (provider));
  g_free (self->provider_name);
  self->provider_name = g_strdup (remit_payment_provider_get_name (provider));
  gtk_widget_set_visible (GTK_WIDGET (self->send_error_label), FALSE);
  update_send_button (self);
}

static GtkWidget *
provider_row (RemitProviderPage *self, RemitPaymentProvider *provider)
{
  const char *name = remit_payment_provider_get_name (provider);
  GtkWidget *row;
  GtkWidget *prefix;
  GtkWidget *swatch;
  GtkWidget *icon;
  GtkWidget *check;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* The colours at once, the icon when it has been fetched; both only decorate. */
  prefix = gtk_stack_new ();
  gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
  swatch = g_object_new (GTK_TYPE_DRAWING_AREA,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                         "content-width", SWATCH_SIZE,
                         "content-height", SWATCH_SIZE,
                         NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_object_ref (provider), g_object_unref);
  gtk_stack_add_named (GTK_STACK (prefix), swatch, "swatch");
  icon = g_object_new (GTK_TYPE_IMAGE,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "pixel-size", SWATCH_SIZE,
                       NULL);
  gtk_stack_add_named (GTK_STACK (prefix), icon, "icon");
  gtk_stack_set_visible_child_name (GTK_STACK (prefix), "swatch");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "remit-provider", g_object_ref (provider),
                          g_object_unref);
  if (self->first_check == NULL)
    self->first_check = GTK_CHECK_BUTTON (check);
  else
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->first_check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  fetch_icon (self, provider, GTK_STACK (prefix));
  return row;
}

static void
clear_providers (RemitProviderPage *self)
{
  GtkWidget *child;

  self->first_check = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->provider_list))) != NULL)
    gtk_list_box_remove (self->provider_list, child);
  g_clear_pointer (&self->provider_id, g_free);
  update_send_button (self);
}

static void
providers_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemitProviderPage) self = user_data;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GError) error = NULL;

  providers = remit_backend_list_providers_finish (REMIT_BACKEND (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;

  if (providers == NULL || providers->len == 0)
    {
      g_autofree char *description = NULL;

      if (providers == NULL)
        /* Translators: %s says what went wrong */
        description = g_strdup_printf (_("%s Check the connection to the server and try "
                                         "again, or pay with the GiroCode."),
                                       error->message);
      else
        description = g_strdup (_("The server offers no banking apps. Pay with the GiroCode "
                                  "or the transfer details instead."));
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  clear_providers (self);
  for (guint i = 0; i < providers->len; i++)
    gtk_list_box_append (self->provider_list, provider_row (self, providers->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, "providers");
}

static void
load_providers (RemitProviderPage *self)
{
  if (self->loading)
    return;
  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  remit_backend_list_providers_async (remit_bill_service_get_backend (self->service),
                                      self->cancellable, providers_cb, g_object_ref (self));
}

static void
retry_clicked (RemitProviderPage *self)
{
  load_providers (self);
}

/* Whether the bill has a payment request to a banking app waiting at the server. */
static gboolean
has_open_request (RemitProviderPage *self)
{
  g_autoptr (GPtrArray) attempts = NULL;

  attempts = remit_ledger_list_payment_attempts (remit_bill_service_get_ledger (self->service),
                                                 remit_bill_get_id (self->bill), NULL);
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      RemitPaymentAttempt *attempt = attempts->pdata[i];

      if (attempt->rail == REMIT_PAYMENT_RAIL_GINI && attempt->remote_id != NULL
          && attempt->status == REMIT_PAYMENT_STATUS_OPEN)
        return TRUE;
    }
  return FALSE;
}

/* GObject --------------------------------------------------------------------------------- */

static void
remit_provider_page_constructed (GObject *object)
{
  RemitProviderPage *self = REMIT_PROVIDER_PAGE (object);

  G_OBJECT_CLASS (remit_provider_page_parent_class)->constructed (object);

  g_return_if_fail (self->service != NULL);
  g_return_if_fail (self->bill != NULL);

  switch (remit_bill_get_state (self->bill))
    {
    case REMIT_BILL_STATE_PAID:
    case REMIT_BILL_STATE_ARCHIVED:
      set_status (self, REMIT_PAYMENT_REQUEST_STATUS_PAID);
      show_status (self);
      break;
    case REMIT_BILL_STATE_PAYMENT_REQUESTED:
      if (has_open_request (self))
        {
          /* A request sent before: follow it instead of offering another. */
          set_status (self, REMIT_PAYMENT_REQUEST_STATUS_OPEN);
          show_status (self);
          start_refresh (self);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case REMIT_BILL_STATE_NEW:
    case REMIT_BILL_STATE_IN_REVIEW:
    case REMIT_BILL_STATE_READY_TO_PAY:
    case REMIT_BILL_STATE_FAILED:
    default:
      load_providers (self);
      break;
    }
}

static void
remit_provider_page_dispose (GObject *object)
{
  RemitProviderPage *self = REMIT_PROVIDER_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->first_check = NULL;
  /* The stack is both the bin's child and a template child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_PROVIDER_PAGE);

  G_OBJECT_CLASS (remit_provider_page_parent_class)->dispose (object);
}

static void
remit_provider_page_finalize (GObject *object)
{
  RemitProviderPage *self = REMIT_PROVIDER_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);
  g_clear_object (&self->bill);
  g_free (self->provider_id);
  g_free (self->provider_name);

  G_OBJECT_CLASS (remit_provider_page_parent_class)->finalize (object);
}

static void
remit_provider_page_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RemitProviderPage *self = REMIT_PROVIDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_BILL_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_BILL:
      g_value_set_object (value, self->bill);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_provider_page_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  RemitProviderPage *self = REMIT_PROVIDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_BILL_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_BILL:
      self->bill = g_value_dup_object (value);
      break;
    case PROP_REFRESH_INTERVAL:
      remit_provider_page_set_refresh_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_provider_page_class_init (RemitProviderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = remit_provider_page_constructed;
  object_class->dispose = remit_provider_page_dispose;
  object_class->finalize = remit_provider_page_finalize;
  object_class->get_property = remit_provider_page_get_property;
  object_class->set_property = remit_provider_page_set_property;

  properties[PROP_BILL_SERVICE] =
    g_param_spec_object ("bill-service", NULL, NULL, REMIT_TYPE_BILL_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BILL] =
    g_param_spec_object ("bill", NULL, NULL, REMIT_TYPE_BILL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, REMIT_TYPE_PAYMENT_REQUEST_STATUS,
                       REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 1, 3600, DEFAULT_REFRESH_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemitProviderPage::bill-changed:
   * @self: the page
   * @bill: the bill as it is now in the ledger
   *
   * The page sent a payment request for the bill, or found it paid or invalid.
   */
  signals[SIGNAL_BILL_CHANGED] = g_signal_new ("bill-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, REMIT_TYPE_BILL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-provider-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, provider_list);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, send_error_label);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, status_error_label);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, RemitProviderPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked);
}

static void
remit_provider_page_init (RemitProviderPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->refresh_interval = DEFAULT_REFRESH_SECONDS;
  self->status = REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public ---------------------------------------------------------------------------------- */

/**
 * remit_provider_page_new:
 * @service: the bill service; its backend lists the providers and takes the request
 * @bill: the bill to pay
 *
 * Returns: (transfer floating): a new #RemitProviderPage
 */
GtkWidget *
remit_provider_page_new (RemitBillService *service, RemitBill *bill)
{
  g_return_val_if_fail (REMIT_IS_BILL_SERVICE (service), NULL);
  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);

  return g_object_new (REMIT_TYPE_PROVIDER_PAGE, "bill-service", service, "bill", bill, NULL);
}

RemitBillService *
remit_provider_page_get_bill_service (RemitProviderPage *self)
{
  g_return_val_if_fail (REMIT_IS_PROVIDER_PAGE (self), NULL);

  return self->service;
}

/**
 * remit_provider_page_get_bill:
 *
 * Returns: (transfer none): the bill as the page last read it from the ledger
 */
RemitBill *
remit_provider_page_get_bill (RemitProviderPage *self)
{
  g_return_val_if_fail (REMIT_IS_PROVIDER_PAGE (self), NULL);

  return self->bill;
}

/**
 * remit_provider_page_get_status:
 *
 * Returns: the status of the bill's payment request: %REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN
 *   while none was sent
 */
RemitPaymentRequestStatus
remit_provider_page_get_status (RemitProviderPage *self)
{
  g_return_val_if_fail (REMIT_IS_PROVIDER_PAGE (self), REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);

  return self->status;
}

guint
remit_provider_page_get_refresh_interval (RemitProviderPage *self)
{
  g_return_val_if_fail (REMIT_IS_PROVIDER_PAGE (self), 0);

  return self->refresh_interval;
}

/**
 * remit_provider_page_set_refresh_interval:
 * @seconds: how long to wait between two readings of an open request, at least 1
 */
void
remit_provider_page_set_refresh_interval (RemitProviderPage *self, guint seconds)
{
  g_return_if_fail (REMIT_IS_PROVIDER_PAGE (self));
  g_return_if_fail (seconds > 0);

  if (self->refresh_interval == seconds)
    return;
  self->refresh_interval = seconds;
  if (self->refresh_source != 0)
    schedule_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

/**
 * remit_provider_page_refresh:
 *
 * Reads the status of the open payment request now instead of at the next tick.
 */
void
remit_provider_page_refresh (RemitProviderPage *self)
{
  g_return_if_fail (REMIT_IS_PROVIDER_PAGE (self));

  start_refresh (self);
}
