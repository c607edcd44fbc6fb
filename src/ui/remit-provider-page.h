/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "remit-bill-service.h"

G_BEGIN_DECLS

/**
 * RemitProviderPage:
 *
 * The “Banking App” page of the pay dialog: the backend's payment providers, a payment
 * request sent to the one chosen, and its status, read again every few seconds until the
 * bank paid it or it became invalid. Set on a #RemitPayDialog with
 * remit_pay_dialog_set_provider_page() when the backend has
 * %REMIT_BACKEND_CAPABILITY_PAYMENT_PROVIDERS.
 *
 * #RemitProviderPage::bill-changed is emitted after the page changed the bill in the
 * ledger (payment requested, paid, failed).
 */
#define REMIT_TYPE_PROVIDER_PAGE (remit_provider_page_get_type ())
G_DECLARE_FINAL_TYPE (RemitProviderPage, remit_provider_page, REMIT, PROVIDER_PAGE, AdwBin)

GtkWidget *remit_provider_page_new (RemitBillService *service, RemitBill *bill);

RemitBillService *remit_provider_page_get_bill_service (RemitProviderPage *self);
RemitBill *remit_provider_page_get_bill (RemitProviderPage *self);
RemitPaymentRequestStatus remit_provider_page_get_status (RemitProviderPage *self);
guint remit_provider_page_get_refresh_interval (RemitProviderPage *self);
void remit_provider_page_set_refresh_interval (RemitProviderPage *self, guint seconds);
void remit_provider_page_refresh (RemitProviderPage *self);

G_END_DECLS
