/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/* Limits of the SEPA credit transfer (EPC rulebook, ISO 20022 pain.001.001.03). */
#define REMIT_SEPA_NAME_MAX 70
#define REMIT_SEPA_REMITTANCE_MAX 140
#define REMIT_SEPA_ID_MAX 35
/* The largest single transfer, in cents: 999 999 999.99 EUR. */
#define REMIT_SEPA_AMOUNT_MAX G_GINT64_CONSTANT (99999999999)

/**
 * RemitSepaCreditTransfer:
 *
 * Builds a SEPA credit-transfer initiation (`pain.001.001.03`), the file that business
 * banking software imports: one payment block from one debtor account, with one transfer
 * per bill. Pure text building, no I/O.
 *
 * Names and remittance texts are brought into the SEPA character set (letters a–z, A–Z,
 * digits and `/ - ? : ( ) . , ' +` and space): German umlauts are transliterated (ä → ae,
 * ß → ss), accents are dropped (é → e), `&` becomes `+`, quotation marks become `'`, and
 * whatever the set has no place for is left out. A name longer than 70 characters is cut;
 * a remittance text longer than 140 characters is an error, since a cut reference may not
 * be matched by the recipient. Every value is checked by remit_sepa_credit_transfer_build()
 * before any text is written; a problem is a %REMIT_CORE_ERROR naming the transfer.
 */
#define REMIT_TYPE_SEPA_CREDIT_TRANSFER (remit_sepa_credit_transfer_get_type ())
G_DECLARE_FINAL_TYPE (RemitSepaCreditTransfer, remit_sepa_credit_transfer, REMIT,
                      SEPA_CREDIT_TRANSFER, GObject)

RemitSepaCreditTransfer *remit_sepa_credit_transfer_new (const char *debtor_name,
                                                         const char *debtor_iban,
                                                         const char *debtor_bic);

const char *remit_sepa_credit_transfer_get_message_id (RemitSepaCreditTransfer *self);
void remit_sepa_credit_transfer_set_message_id (RemitSepaCreditTransfer *self,
                                                const char *message_id);

GDateTime *remit_sepa_credit_transfer_get_creation_time (RemitSepaCreditTransfer *self);
void remit_sepa_credit_transfer_set_creation_time (RemitSepaCreditTransfer *self,
                                                   GDateTime *creation_time);

void remit_sepa_credit_transfer_set_execution_date (RemitSepaCreditTransfer *self,
                                                    const GDate *date);

void remit_sepa_credit_transfer_add (RemitSepaCreditTransfer *self,
                                     const char *end_to_end_id,
                                     const char *creditor_name,
                                     const char *creditor_iban,
                                     const char *creditor_bic,
                                     const RemitAmount *amount,
                                     const char *remittance);

guint remit_sepa_credit_transfer_get_n_transfers (RemitSepaCreditTransfer *self);

char *remit_sepa_credit_transfer_build (RemitSepaCreditTransfer *self, GError **error);

char *remit_sepa_transliterate (const char *text);
gboolean remit_sepa_is_valid_id (const char *id);

G_END_DECLS
