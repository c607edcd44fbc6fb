/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "remit-backend.h"
#include "remit-bill-service.h"
#include "remit-ledger.h"

G_BEGIN_DECLS

#define REMIT_TYPE_APPLICATION (remit_application_get_type ())
G_DECLARE_FINAL_TYPE (RemitApplication, remit_application, REMIT, APPLICATION, AdwApplication)

RemitApplication *remit_application_new (void);

GSettings *remit_application_get_settings (RemitApplication *self);
RemitLedger *remit_application_get_ledger (RemitApplication *self, GError **error);
RemitBackend *remit_application_get_backend (RemitApplication *self);
RemitBillService *remit_application_get_bill_service (RemitApplication *self, GError **error);

G_END_DECLS
