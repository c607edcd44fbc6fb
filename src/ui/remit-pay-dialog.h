/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "remit-ledger.h"

G_BEGIN_DECLS

/**
 * RemitPayDialog:
 *
 * How to pay one bill, a page per rail that needs no account: a GiroCode to scan with any
 * banking app, the transfer details with copy buttons, a SEPA file for business banking,
 * and marking the bill paid by hand. The page for a payment request to a provider's app
 * comes from whoever knows the backend: remit_pay_dialog_set_provider_page().
 *
 * #RemitPayDialog::bill-changed is emitted after the dialog changed the bill in the ledger
 * (marked it paid, recorded a SEPA file), so that lists can reload.
 */
#define REMIT_TYPE_PAY_DIALOG (remit_pay_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RemitPayDialog, remit_pay_dialog, REMIT, PAY_DIALOG, AdwWindow)

RemitPayDialog *remit_pay_dialog_new (GtkWindow *parent, RemitLedger *ledger, RemitBill *bill);

RemitLedger *remit_pay_dialog_get_ledger (RemitPayDialog *self);
RemitBill *remit_pay_dialog_get_bill (RemitPayDialog *self);
const char *remit_pay_dialog_get_epc_payload (RemitPayDialog *self);

/* The extension point for payment requests: a page named "banking-app", shown first. */
void remit_pay_dialog_set_provider_page (RemitPayDialog *self, GtkWidget *page);
GtkWidget *remit_pay_dialog_get_provider_page (RemitPayDialog *self);

void remit_pay_dialog_export_sepa_async (RemitPayDialog *self,
                                         GFile *file,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean remit_pay_dialog_export_sepa_finish (RemitPayDialog *self,
                                              GAsyncResult *result,
                                              GError **error);

G_END_DECLS
