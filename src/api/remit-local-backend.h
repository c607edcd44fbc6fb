/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-backend.h"

G_BEGIN_DECLS

#define REMIT_TYPE_LOCAL_BACKEND (remit_local_backend_get_type ())
G_DECLARE_FINAL_TYPE (RemitLocalBackend, remit_local_backend, REMIT, LOCAL_BACKEND, GObject)

RemitLocalBackend *remit_local_backend_new (void);

G_END_DECLS
