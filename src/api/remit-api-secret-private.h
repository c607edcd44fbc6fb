/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What an item of the schema `io.github.remitapp.Remit.Account` holds (its "kind"). */
#define REMIT_API_SECRET_CLIENT_SECRET  "client-secret"
#define REMIT_API_SECRET_ANONYMOUS_USER "anonymous-user"
#define REMIT_API_SECRET_TOKEN          "token"

GHashTable *remit_api_secret_attributes (const char *kind,
                                         const char *server,
                                         const char *client_id,
                                         const char *user);

void remit_api_secret_lookup_async (GHashTable *attributes,
                                    guint timeout_s,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
char *remit_api_secret_lookup_finish (GAsyncResult *result, GError **error);
void remit_api_secret_store_async (GHashTable *attributes,
                                   const char *label,
                                   const char *secret,
                                   guint timeout_s,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean remit_api_secret_store_finish (GAsyncResult *result, GError **error);
void remit_api_secret_clear_async (GHashTable *attributes,
                                   guint timeout_s,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean remit_api_secret_clear_finish (GAsyncResult *result, GError **error);

void remit_api_secret_free (char *secret);

G_END_DECLS
