/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-backend.h"

/**
 * RemitBackend:
 *
 * Where documents go to be read and bills to be paid: a Gini-compatible server
 * (#RemitRemoteBackend) or the local engine (#RemitLocalBackend). The UI talks only to this
 * interface. Calls a backend does not offer (see remit_backend_get_capabilities()) fail with
 * %G_IO_ERROR_NOT_SUPPORTED.
 */

G_DEFINE_INTERFACE (RemitBackend, remit_backend, G_TYPE_OBJECT)

static void
remit_backend_default_init (RemitBackendInterface *iface)
{
}

RemitBackendCapabilities
remit_backend_get_capabilities (RemitBackend *self)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), REMIT_BACKEND_CAPABILITY_NONE);

  if (REMIT_BACKEND_GET_IFACE (self)->get_capabilities == NULL)
    return REMIT_BACKEND_CAPABILITY_NONE;
  return REMIT_BACKEND_GET_IFACE (self)->get_capabilities (self);
}

static gboolean
report_unsupported (RemitBackend *self,
                    RemitBackendCapabilities needed,
                    gpointer source_tag,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  if ((remit_backend_get_capabilities (self) & needed) == needed)
    return FALSE;
  g_task_report_new_error (self, callback, user_data, source_tag, G_IO_ERROR,
                           G_IO_ERROR_NOT_SUPPORTED,
                           _("Payment requests to banking apps need an account with an "
                             "extraction service; use a GiroCode or a SEPA file instead"));
  return TRUE;
}

static gboolean
is_report (GAsyncResult *result, gpointer source_tag)
{
  return G_IS_TASK (result) && g_async_result_is_tagged (result, source_tag);
}

/**
 * remit_backend_upload_async:
 * @self: a backend
 * @data: the file
 * @filename: (nullable): its name
 * @content_type: (nullable): its media type; sniffed when %NULL
 * @idempotency_key: (nullable): kept with the pending operation, so that an upload that is
 *   sent again after a failure or a restart creates no second document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new document
 * @user_data: data for @callback
 */
void
remit_backend_upload_async (RemitBackend *self,
                            GBytes *data,
                            const char *filename,
                            const char *content_type,
                            const char *idempotency_key,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (data != NULL);

  REMIT_BACKEND_GET_IFACE (self)->upload_async (self, data, filename, content_type,
                                                idempotency_key, cancellable, callback,
                                                user_data);
}

/**
 * remit_backend_upload_finish:
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
RemitDocument *
remit_backend_upload_finish (RemitBackend *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), NULL);

  return REMIT_BACKEND_GET_IFACE (self)->upload_finish (self, result, error);
}

/**
 * remit_backend_wait_async:
 * @self: a backend
 * @document_id: a document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the document is processed
 * @user_data: data for @callback
 */
void
remit_backend_wait_async (RemitBackend *self,
                          const char *document_id,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (document_id != NULL);

  REMIT_BACKEND_GET_IFACE (self)->wait_async (self, document_id, cancellable, callback,
                                              user_data);
}

/**
 * remit_backend_wait_finish:
 *
 * Returns: (transfer full): the document, COMPLETED or ERROR, or %NULL with @error set
 */
RemitDocument *
remit_backend_wait_finish (RemitBackend *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), NULL);

  return REMIT_BACKEND_GET_IFACE (self)->wait_finish (self, result, error);
}

/**
 * remit_backend_get_result_async:
 * @self: a backend
 * @document_id: a processed document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the extractions and the layout
 * @user_data: data for @callback
 */
void
remit_backend_get_result_async (RemitBackend *self,
                                const char *document_id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (document_id != NULL);

  REMIT_BACKEND_GET_IFACE (self)->get_result_async (self, document_id, cancellable, callback,
                                                    user_data);
}

/**
 * remit_backend_get_result_finish:
 * @extractions: (out) (transfer full) (optional): the extractions
 * @layout: (out) (transfer full) (optional): the layout
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
remit_backend_get_result_finish (RemitBackend *self,
                                 GAsyncResult *result,
                                 RemitExtractionSet **extractions,
                                 RemitLayout **layout,
                                 GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), FALSE);

  return REMIT_BACKEND_GET_IFACE (self)->get_result_finish (self, result, extractions, layout,
                                                            error);
}

void
remit_backend_send_feedback_async (RemitBackend *self,
                                   const char *document_id,
                                   RemitFeedback *feedback,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (REMIT_IS_FEEDBACK (feedback));

  REMIT_BACKEND_GET_IFACE (self)->send_feedback_async (self, document_id, feedback, cancellable,
                                                       callback, user_data);
}

gboolean
remit_backend_send_feedback_finish (RemitBackend *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), FALSE);

  return REMIT_BACKEND_GET_IFACE (self)->send_feedback_finish (self, result, error);
}

void
remit_backend_delete_label_async (RemitBackend *self,
                                  const char *document_id,
                                  const char *label,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (document_id != NULL && label != NULL);

  REMIT_BACKEND_GET_IFACE (self)->delete_label_async (self, document_id, label, cancellable,
                                                      callback, user_data);
}

gboolean
remit_backend_delete_label_finish (RemitBackend *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), FALSE);

  return REMIT_BACKEND_GET_IFACE (self)->delete_label_finish (self, result, error);
}

void
remit_backend_list_providers_async (RemitBackend *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));

  if (report_unsupported (self, REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS,
                          remit_backend_list_providers_async, callback, user_data))
    return;
  REMIT_BACKEND_GET_IFACE (self)->list_providers_async (self, cancellable, callback, user_data);
}

/**
 * remit_backend_list_providers_finish:
 *
 * Returns: (transfer container) (element-type RemitPaymentProvider): the banking apps, or
 *   %NULL with @error set (%G_IO_ERROR_NOT_SUPPORTED for a backend without them)
 */
GPtrArray *
remit_backend_list_providers_finish (RemitBackend *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), NULL);

  if (is_report (result, remit_backend_list_providers_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return REMIT_BACKEND_GET_IFACE (self)->list_providers_finish (self, result, error);
}

void
remit_backend_create_payment_request_async (RemitBackend *self,
                                            RemitPaymentRequest *request,
                                            const char *idempotency_key,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (REMIT_IS_PAYMENT_REQUEST (request));

  if (report_unsupported (self, REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS,
                          remit_backend_create_payment_request_async, callback, user_data))
    return;
  REMIT_BACKEND_GET_IFACE (self)->create_payment_request_async (self, request, idempotency_key,
                                                                cancellable, callback,
                                                                user_data);
}

/**
 * remit_backend_create_payment_request_finish:
 *
 * Returns: (transfer full): the created request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_backend_create_payment_request_finish (RemitBackend *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), NULL);

  if (is_report (result, remit_backend_create_payment_request_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return REMIT_BACKEND_GET_IFACE (self)->create_payment_request_finish (self, result, error);
}

void
remit_backend_get_payment_request_async (RemitBackend *self,
                                         const char *request_id,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_return_if_fail (REMIT_IS_BACKEND (self));
  g_return_if_fail (request_id != NULL);

  if (report_unsupported (self, REMIT_BACKEND_CAPABILITY_PAYMENT_REQUESTS,
                          remit_backend_get_payment_request_async, callback, user_data))
    return;
  REMIT_BACKEND_GET_IFACE (self)->get_payment_request_async (self, request_id, cancellable,
                                                             callback, user_data);
}

/**
 * remit_backend_get_payment_request_finish:
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
RemitPaymentRequest *
remit_backend_get_payment_request_finish (RemitBackend *self,
                                          GAsyncResult *result,
                                          GError **error)
{
  g_return_val_if_fail (REMIT_IS_BACKEND (self), NULL);

  if (is_report (result, remit_backend_get_payment_request_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return REMIT_BACKEND_GET_IFACE (self)->get_payment_request_finish (self, result, error);
}
