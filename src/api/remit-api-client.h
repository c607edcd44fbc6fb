/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remit-api-error.h"
#include "remit-document.h"
#include "remit-extraction-set.h"
#include "remit-feedback.h"
#include "remit-layout.h"
#include "remit-payment.h"

G_BEGIN_DECLS

/* The public hosts of the Gini services. */
#define REMIT_API_DEFAULT_PAY_API_URL     "https://pay-api.gini.net"
#define REMIT_API_DEFAULT_HEALTH_API_URL  "https://health-api.gini.net"
#define REMIT_API_DEFAULT_USER_CENTER_URL "https://user.gini.net"

/**
 * RemitApiAuthMode:
 * @REMIT_API_AUTH_ANONYMOUS: an anonymous user of the User Center, created on first use
 *   and kept in the keyring
 * @REMIT_API_AUTH_DERIVED: a user derived from the client credentials and a stable user
 *   identifier (`X-User-Identifier`), logged in with `POST /login`
 *
 * How the client proves who it is.
 */
typedef enum
{
  REMIT_API_AUTH_ANONYMOUS,
  REMIT_API_AUTH_DERIVED,
} RemitApiAuthMode;

#define REMIT_TYPE_API_AUTH_MODE (remit_api_auth_mode_get_type ())
GType remit_api_auth_mode_get_type (void) G_GNUC_CONST;

/**
 * RemitApiUploadOptions:
 * @filename: (nullable): the file's name, sent as `?filename=` (raw) or in the part (multipart)
 * @content_type: (nullable): the media type of the body; sniffed when %NULL
 * @multipart: send a `multipart/form-data` body with a `file` part instead of a raw body
 * @branch_id: (nullable): `X-Document-Metadata-BranchId`, ASCII
 * @device_class: (nullable): `X-Document-Metadata-DeviceClass`: `desktop_device` or
 *   `mobile_device`
 * @idempotency_key: (nullable): the `Idempotency-Key`; a new UUID when %NULL. Keep it with a
 *   pending operation so that a retry after a restart cannot create twice.
 *
 * How a document is uploaded. All members may be left zero.
 */
typedef struct
{
  const char *filename;
  const char *content_type;
  gboolean multipart;
  const char *branch_id;
  const char *device_class;
  const char *idempotency_key;
} RemitApiUploadOptions;

/**
 * RemitApiToken:
 * @access_token: the bearer token
 * @expires_in: its lifetime in seconds when it was issued
 *
 * A token as the User Center or `/login` answers it.
 */
typedef struct
{
  char *access_token;
  gint64 expires_in;
} RemitApiToken;

void remit_api_token_free (RemitApiToken *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitApiToken, remit_api_token_free)

/**
 * RemitApiUser:
 * @id: the user's id in the User Center
 * @email: (nullable): the user's email address
 *
 * A user of the User Center.
 */
typedef struct
{
  char *id;
  char *email;
} RemitApiUser;

void remit_api_user_free (RemitApiUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitApiUser, remit_api_user_free)

#define REMIT_TYPE_API_CLIENT (remit_api_client_get_type ())
G_DECLARE_FINAL_TYPE (RemitApiClient, remit_api_client, REMIT, API_CLIENT, GObject)

RemitApiClient *remit_api_client_new (void);
RemitApiClient *remit_api_client_new_for_server (const char *base_url);

gboolean remit_api_client_check_url (const char *url, GError **error);

const char *remit_api_client_get_pay_api_url (RemitApiClient *self);
void remit_api_client_set_pay_api_url (RemitApiClient *self, const char *url);
const char *remit_api_client_get_health_api_url (RemitApiClient *self);
void remit_api_client_set_health_api_url (RemitApiClient *self, const char *url);
const char *remit_api_client_get_user_center_url (RemitApiClient *self);
void remit_api_client_set_user_center_url (RemitApiClient *self, const char *url);
guint remit_api_client_get_pay_api_version (RemitApiClient *self);
void remit_api_client_set_pay_api_version (RemitApiClient *self, guint version);
guint remit_api_client_get_health_api_version (RemitApiClient *self);
void remit_api_client_set_health_api_version (RemitApiClient *self, guint version);

RemitApiAuthMode remit_api_client_get_auth_mode (RemitApiClient *self);
void remit_api_client_set_auth_mode (RemitApiClient *self, RemitApiAuthMode mode);
const char *remit_api_client_get_client_id (RemitApiClient *self);
void remit_api_client_set_client_credentials (RemitApiClient *self,
                                              const char *client_id,
                                              const char *client_secret);
const char *remit_api_client_get_user_identifier (RemitApiClient *self);
void remit_api_client_set_user_identifier (RemitApiClient *self, const char *identifier);

guint remit_api_client_get_max_attempts (RemitApiClient *self);
void remit_api_client_set_max_attempts (RemitApiClient *self, guint attempts);
guint remit_api_client_get_poll_timeout (RemitApiClient *self);
void remit_api_client_set_poll_timeout (RemitApiClient *self, guint seconds);

guint remit_api_client_get_n_connections (RemitApiClient *self);
guint remit_api_client_get_n_token_requests (RemitApiClient *self);

void remit_api_client_forget_token (RemitApiClient *self);

/* Credentials */
void remit_api_client_load_client_secret_async (RemitApiClient *self,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
gboolean remit_api_client_load_client_secret_finish (RemitApiClient *self,
                                                     GAsyncResult *result,
                                                     GError **error);
void remit_api_client_store_client_secret_async (RemitApiClient *self,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
gboolean remit_api_client_store_client_secret_finish (RemitApiClient *self,
                                                      GAsyncResult *result,
                                                      GError **error);
void remit_api_client_authenticate_async (RemitApiClient *self,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean remit_api_client_authenticate_finish (RemitApiClient *self,
                                               GAsyncResult *result,
                                               GError **error);

/* Documents */
void remit_api_client_upload_document_async (RemitApiClient *self,
                                             GBytes *data,
                                             const RemitApiUploadOptions *options,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
RemitDocument *remit_api_client_upload_document_finish (RemitApiClient *self,
                                                        GAsyncResult *result,
                                                        GError **error);
void remit_api_client_upload_partial_async (RemitApiClient *self,
                                            GBytes *data,
                                            const RemitApiUploadOptions *options,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
RemitDocument *remit_api_client_upload_partial_finish (RemitApiClient *self,
                                                       GAsyncResult *result,
                                                       GError **error);
void remit_api_client_create_composite_async (RemitApiClient *self,
                                              GPtrArray *partials,
                                              const RemitApiUploadOptions *options,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
RemitDocument *remit_api_client_create_composite_finish (RemitApiClient *self,
                                                         GAsyncResult *result,
                                                         GError **error);
void remit_api_client_get_document_async (RemitApiClient *self,
                                          const char *document_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
RemitDocument *remit_api_client_get_document_finish (RemitApiClient *self,
                                                     GAsyncResult *result,
                                                     GError **error);
void remit_api_client_list_documents_async (RemitApiClient *self,
                                            guint limit,
                                            guint offset,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
GPtrArray *remit_api_client_list_documents_finish (RemitApiClient *self,
                                                   GAsyncResult *result,
                                                   GError **error);
void remit_api_client_delete_document_async (RemitApiClient *self,
                                             const char *document_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
gboolean remit_api_client_delete_document_finish (RemitApiClient *self,
                                                  GAsyncResult *result,
                                                  GError **error);
void remit_api_client_wait_for_document_async (RemitApiClient *self,
                                               const char *document_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
RemitDocument *remit_api_client_wait_for_document_finish (RemitApiClient *self,
                                                          GAsyncResult *result,
                                                          GError **error);
void remit_api_client_get_extractions_async (RemitApiClient *self,
                                             const char *document_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
RemitExtractionSet *remit_api_client_get_extractions_finish (RemitApiClient *self,
                                                             GAsyncResult *result,
                                                             GError **error);
void remit_api_client_send_feedback_async (RemitApiClient *self,
                                           const char *document_id,
                                           RemitFeedback *feedback,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
gboolean remit_api_client_send_feedback_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                GError **error);
void remit_api_client_delete_label_async (RemitApiClient *self,
                                          const char *document_id,
                                          const char *label,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean remit_api_client_delete_label_finish (RemitApiClient *self,
                                               GAsyncResult *result,
                                               GError **error);
void remit_api_client_get_layout_async (RemitApiClient *self,
                                        const char *document_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
RemitLayout *remit_api_client_get_layout_finish (RemitApiClient *self,
                                                 GAsyncResult *result,
                                                 GError **error);
void remit_api_client_get_pages_async (RemitApiClient *self,
                                       const char *document_id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
GPtrArray *remit_api_client_get_pages_finish (RemitApiClient *self,
                                              GAsyncResult *result,
                                              GError **error);
void remit_api_client_get_page_image_async (RemitApiClient *self,
                                            RemitDocumentPage *page,
                                            const char *size,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
GBytes *remit_api_client_get_page_image_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                char **content_type,
                                                GError **error);
void remit_api_client_get_processed_async (RemitApiClient *self,
                                           const char *document_id,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
GBytes *remit_api_client_get_processed_finish (RemitApiClient *self,
                                               GAsyncResult *result,
                                               char **content_type,
                                               GError **error);

/* Payments */
void remit_api_client_list_payment_providers_async (RemitApiClient *self,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
GPtrArray *remit_api_client_list_payment_providers_finish (RemitApiClient *self,
                                                           GAsyncResult *result,
                                                           GError **error);
void remit_api_client_get_payment_provider_async (RemitApiClient *self,
                                                  const char *provider_id,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
RemitPaymentProvider *remit_api_client_get_payment_provider_finish (RemitApiClient *self,
                                                                    GAsyncResult *result,
                                                                    GError **error);
void remit_api_client_get_provider_icon_async (RemitApiClient *self,
                                               RemitPaymentProvider *provider,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GBytes *remit_api_client_get_provider_icon_finish (RemitApiClient *self,
                                                   GAsyncResult *result,
                                                   char **content_type,
                                                   GError **error);
void remit_api_client_create_payment_request_async (RemitApiClient *self,
                                                    RemitPaymentRequest *request,
                                                    const char *idempotency_key,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
RemitPaymentRequest *remit_api_client_create_payment_request_finish (RemitApiClient *self,
                                                                     GAsyncResult *result,
                                                                     GError **error);
void remit_api_client_get_payment_request_async (RemitApiClient *self,
                                                 const char *request_id,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
RemitPaymentRequest *remit_api_client_get_payment_request_finish (RemitApiClient *self,
                                                                  GAsyncResult *result,
                                                                  GError **error);
void remit_api_client_list_payment_requests_async (RemitApiClient *self,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
GPtrArray *remit_api_client_list_payment_requests_finish (RemitApiClient *self,
                                                          GAsyncResult *result,
                                                          GError **error);
void remit_api_client_resolve_payment_request_async (RemitApiClient *self,
                                                     const char *request_id,
                                                     RemitPayment *payment,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
RemitPaymentRequest *remit_api_client_resolve_payment_request_finish (RemitApiClient *self,
                                                                      GAsyncResult *result,
                                                                      GError **error);
void remit_api_client_get_payment_async (RemitApiClient *self,
                                         const char *request_id,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
RemitPayment *remit_api_client_get_payment_finish (RemitApiClient *self,
                                                   GAsyncResult *result,
                                                   GError **error);

/* User Center */
void remit_api_client_get_client_token_async (RemitApiClient *self,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
RemitApiToken *remit_api_client_get_client_token_finish (RemitApiClient *self,
                                                         GAsyncResult *result,
                                                         GError **error);
void remit_api_client_create_user_async (RemitApiClient *self,
                                         const char *client_token,
                                         const char *email,
                                         const char *password,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
char *remit_api_client_create_user_finish (RemitApiClient *self,
                                           GAsyncResult *result,
                                           GError **error);
void remit_api_client_login_async (RemitApiClient *self,
                                   const char *email,
                                   const char *password,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
RemitApiToken *remit_api_client_login_finish (RemitApiClient *self,
                                              GAsyncResult *result,
                                              GError **error);
void remit_api_client_login_derived_async (RemitApiClient *self,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
RemitApiToken *remit_api_client_login_derived_finish (RemitApiClient *self,
                                                      GAsyncResult *result,
                                                      GError **error);
void remit_api_client_get_user_async (RemitApiClient *self,
                                      const char *client_token,
                                      const char *user_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
RemitApiUser *remit_api_client_get_user_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                GError **error);
void remit_api_client_update_user_async (RemitApiClient *self,
                                         const char *client_token,
                                         const char *user_id,
                                         const char *old_email,
                                         const char *new_email,
                                         const char *old_password,
                                         const char *new_password,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean remit_api_client_update_user_finish (RemitApiClient *self,
                                              GAsyncResult *result,
                                              GError **error);
void remit_api_client_delete_user_async (RemitApiClient *self,
                                         const char *client_token,
                                         const char *user_id,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean remit_api_client_delete_user_finish (RemitApiClient *self,
                                              GAsyncResult *result,
                                              GError **error);

G_END_DECLS
