/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the preferences need from the keyring, and nothing more: store the client secret,
 * ask whether one is stored, and remove every secret Remit keeps (client secret, anonymous
 * user, tokens) when the person signs out.
 *
 * Items use the Secret Service schema `io.github.remitapp.Remit.Account` with the attributes
 * `kind` (REMIT_SECRETS_UI_KIND_*), `server` (the base URL the secret belongs to),
 * `client-id` and, for tokens, `user` — the same items the API client reads. Every call
 * gives up after remit_secrets_ui_get_timeout() seconds with %G_IO_ERROR_TIMED_OUT, so that
 * a locked keyring, whose unlock prompt may never appear, cannot hang the window. */

#define REMIT_SECRETS_UI_SCHEMA_NAME        "io.github.remitapp.Remit.Account"
#define REMIT_SECRETS_UI_KIND_CLIENT_SECRET "client-secret"

/* The default time limit of a keyring call, in seconds. */
#define REMIT_SECRETS_UI_DEFAULT_TIMEOUT 10

guint remit_secrets_ui_get_timeout (void);
void remit_secrets_ui_set_timeout (guint seconds);

void remit_secrets_ui_store_client_secret_async (const char *server,
                                                 const char *client_id,
                                                 const char *secret,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
gboolean remit_secrets_ui_store_client_secret_finish (GAsyncResult *result, GError **error);

void remit_secrets_ui_has_client_secret_async (const char *server,
                                               const char *client_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
gboolean remit_secrets_ui_has_client_secret_finish (GAsyncResult *result,
                                                    gboolean *has_secret,
                                                    GError **error);

void remit_secrets_ui_clear_all_async (GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean remit_secrets_ui_clear_all_finish (GAsyncResult *result, GError **error);

G_END_DECLS
