/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remit-document.h"
#include "remit-extraction-set.h"
#include "remit-feedback.h"
#include "remit-layout.h"
#include "remit-payment.h"

G_BEGIN_DECLS

/**
 * RemitBackendCapabilities:
 * @REMIT_BACKEND_CAPABILITY_NONE: only documents, extractions, layout and feedback
 * @REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS: the backend lists banking apps
 * @REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS: the backend creates and reads payment requests
 *
 * What a backend offers beyond documents. A backend without payment providers still allows
 * the rails that need no account (GiroCode, SEPA file), which the UI builds from the
 * extractions itself.
 */
typedef enum
{
  REMIT_BACKEND_CAPABILITY_NONE = 0,
  REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS = 1 << 0,
  REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS = 1 << 1,
} RemitBackendCapabilities;

#define REMIT_TYPE_BACKEND (remit_backend_get_type ())
G_DECLARE_INTERFACE (RemitBackend, remit_backend, REMIT, BACKEND, GObject)

struct _RemitBackendInterface
{
  GTypeInterface parent_iface;

  RemitBackendCapabilities (*get_capabilities) (RemitBackend *self);

  void (*upload_async) (RemitBackend *self,
                        GBytes *data,
                        const char *filename,
                        const char *content_type,
                        const char *idempotency_key,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
  RemitDocument *(*upload_finish) (RemitBackend *self, GAsyncResult *result, GError **error);

  void (*wait_async) (RemitBackend *self,
                      const char *document_id,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RemitDocument *(*wait_finish) (RemitBackend *self, GAsyncResult *result, GError **error);

  void (*get_result_async) (RemitBackend *self,
                            const char *document_id,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
  gboolean (*get_result_finish) (RemitBackend *self,
                                 GAsyncResult *result,
                                 RemitExtractionSet **extractions,
                                 RemitLayout **layout,
                                 GError **error);

  void (*send_feedback_async) (RemitBackend *self,
                               const char *document_id,
                               RemitFeedback *feedback,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
  gboolean (*send_feedback_finish) (RemitBackend *self, GAsyncResult *result, GError **error);

  void (*delete_label_async) (RemitBackend *self,
                              const char *document_id,
                              const char *label,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
  gboolean (*delete_label_finish) (RemitBackend *self, GAsyncResult *result, GError **error);

  void (*list_providers_async) (RemitBackend *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
  GPtrArray *(*list_providers_finish) (RemitBackend *self, GAsyncResult *result, GError **error);

  void (*create_payment_request_async) (RemitBackend *self,
                                        RemitPaymentRequest *request,
                                        const char *idempotency_key,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
  RemitPaymentRequest *(*create_payment_request_finish) (RemitBackend *self,
                                                         GAsyncResult *result,
                                                         GError **error);

  void (*get_payment_request_async) (RemitBackend *self,
                                     const char *request_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
  RemitPaymentRequest *(*get_payment_request_finish) (RemitBackend *self,
                                                      GAsyncResult *result,
                                                      GError **error);
};

RemitBackendCapabilities remit_backend_get_capabilities (RemitBackend *self);

void remit_backend_upload_async (RemitBackend *self,
                                 GBytes *data,
                                 const char *filename,
                                 const char *content_type,
                                 const char *idempotency_key,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
RemitDocument *remit_backend_upload_finish (RemitBackend *self,
                                            GAsyncResult *result,
                                            GError **error);
void remit_backend_wait_async (RemitBackend *self,
                               const char *document_id,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
RemitDocument *remit_backend_wait_finish (RemitBackend *self, GAsyncResult *result, GError **error);
void remit_backend_get_result_async (RemitBackend *self,
                                     const char *document_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean remit_backend_get_result_finish (RemitBackend *self,
                                          GAsyncResult *result,
                                          RemitExtractionSet **extractions,
                                          RemitLayout **layout,
                                          GError **error);
void remit_backend_send_feedback_async (RemitBackend *self,
                                        const char *document_id,
                                        RemitFeedback *feedback,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean remit_backend_send_feedback_finish (RemitBackend *self,
                                             GAsyncResult *result,
                                             GError **error);
void remit_backend_delete_label_async (RemitBackend *self,
                                       const char *document_id,
                                       const char *label,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean remit_backend_delete_label_finish (RemitBackend *self,
                                            GAsyncResult *result,
                                            GError **error);
void remit_backend_list_providers_async (RemitBackend *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GPtrArray *remit_backend_list_providers_finish (RemitBackend *self,
                                                GAsyncResult *result,
                                                GError **error);
void remit_backend_create_payment_request_async (RemitBackend *self,
                                                 RemitPaymentRequest *request,
                                                 const char *idempotency_key,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
RemitPaymentRequest *remit_backend_create_payment_request_finish (RemitBackend *self,
                                                                  GAsyncResult *result,
                                                                  GError **error);
void remit_backend_get_payment_request_async (RemitBackend *self,
                                              const char *request_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
RemitPaymentRequest *remit_backend_get_payment_request_finish (RemitBackend *self,
                                                               GAsyncResult *result,
                                                               GError **error);

G_END_DECLS
