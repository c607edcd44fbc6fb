/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-api-client.h"
#include "remit-backend.h"

G_BEGIN_DECLS

#define REMIT_TYPE_REMOTE_BACKEND (remit_remote_backend_get_type ())
G_DECLARE_FINAL_TYPE (RemitRemoteBackend, remit_remote_backend, REMIT, REMOTE_BACKEND, GObject)

RemitRemoteBackend *remit_remote_backend_new (RemitApiClient *client);
RemitApiClient *remit_remote_backend_get_client (RemitRemoteBackend *self);

G_END_DECLS
