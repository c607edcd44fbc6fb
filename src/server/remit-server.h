/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * RemitServerError:
 * @REMIT_SERVER_ERROR_INVALID_OPTION: a setting (client, fault, providers file) cannot be used
 * @REMIT_SERVER_ERROR_DATABASE: the state database cannot be opened or written
 * @REMIT_SERVER_ERROR_LISTEN: the server cannot listen on the address and port
 *
 * Errors of remit-server's setup. Errors of single requests are answered over HTTP.
 */
typedef enum
{
  REMIT_SERVER_ERROR_INVALID_OPTION,
  REMIT_SERVER_ERROR_DATABASE,
  REMIT_SERVER_ERROR_LISTEN,
} RemitServerError;

#define REMIT_SERVER_ERROR (remit_server_error_quark ())
GQuark remit_server_error_quark (void);

/**
 * RemitServerFault:
 * @REMIT_SERVER_FAULT_NONE: no fault, the request is answered normally
 * @REMIT_SERVER_FAULT_500: 500 Internal Server Error, the request is not carried out
 * @REMIT_SERVER_FAULT_503: 503 Service Unavailable, the request is not carried out
 * @REMIT_SERVER_FAULT_429: 429 Too Many Requests with `Retry-After: 1`, not carried out
 * @REMIT_SERVER_FAULT_DROP: the request is carried out, then the connection is closed
 *   without an answer (the case an `Idempotency-Key` exists for)
 * @REMIT_SERVER_FAULT_MALFORMED: a 200 answer whose JSON body is cut short; the request is
 *   not carried out
 *
 * Faults the server injects for tests (`--fault KIND:SHARE`).
 */
typedef enum
{
  REMIT_SERVER_FAULT_NONE,
  REMIT_SERVER_FAULT_500,
  REMIT_SERVER_FAULT_503,
  REMIT_SERVER_FAULT_429,
  REMIT_SERVER_FAULT_DROP,
  REMIT_SERVER_FAULT_MALFORMED,
} RemitServerFault;

#define REMIT_SERVER_DEFAULT_TOKEN_LIFETIME 3600

#define REMIT_TYPE_SERVER (remit_server_get_type ())
G_DECLARE_FINAL_TYPE (RemitServer, remit_server, REMIT, SERVER, GObject)

RemitServer *remit_server_new (const char *data_dir);

const char *remit_server_get_data_dir (RemitServer *self);

gboolean remit_server_add_client (RemitServer *self,
                                  const char *client_id,
                                  const char *client_secret,
                                  GError **error);
gboolean remit_server_add_client_from_string (RemitServer *self,
                                              const char *spec,
                                              GError **error);

gboolean remit_server_add_fault (RemitServer *self,
                                 RemitServerFault fault,
                                 double share,
                                 GError **error);
gboolean remit_server_add_fault_from_string (RemitServer *self, const char *spec, GError **error);
void remit_server_clear_faults (RemitServer *self);

gboolean remit_server_load_providers (RemitServer *self, const char *path, GError **error);

guint remit_server_get_token_lifetime (RemitServer *self);
void remit_server_set_token_lifetime (RemitServer *self, guint seconds);
guint remit_server_get_delay (RemitServer *self);
void remit_server_set_delay (RemitServer *self, guint milliseconds);
guint remit_server_get_processing_delay (RemitServer *self);
void remit_server_set_processing_delay (RemitServer *self, guint milliseconds);
void remit_server_set_seed (RemitServer *self, guint32 seed);
gboolean remit_server_get_log_requests (RemitServer *self);
void remit_server_set_log_requests (RemitServer *self, gboolean log_requests);

gboolean remit_server_listen (RemitServer *self,
                              const char *address,
                              guint port,
                              GError **error);
guint remit_server_get_port (RemitServer *self);
char *remit_server_dup_base_url (RemitServer *self);
void remit_server_stop (RemitServer *self);
void remit_server_shutdown_async (RemitServer *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean remit_server_shutdown_finish (RemitServer *self, GAsyncResult *result, GError **error);

G_END_DECLS
