/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-bill.h"

G_BEGIN_DECLS

/* The ledger's side of RemitBill: the values only the ledger decides. Each setter notifies
 * the property when the value changes. */
void remit_bill_set_id (RemitBill *self, gint64 id);
void remit_bill_set_state (RemitBill *self, RemitBillState state);
void remit_bill_set_created_usec (RemitBill *self, gint64 usec);
void remit_bill_set_updated_usec (RemitBill *self, gint64 usec);
gint64 remit_bill_get_created_usec (RemitBill *self);
gint64 remit_bill_get_updated_usec (RemitBill *self);
void remit_bill_set_sha256 (RemitBill *self, const char *sha256);
void remit_bill_set_duplicate (RemitBill *self, gint64 duplicate_of, RemitDuplicateReason reason);
void remit_bill_set_paid_date (RemitBill *self, const char *paid_date);

/* Fills a fresh bill without notifications (listing thousands at once); takes the
 * strings as they are (already normalised). */
void remit_bill_take_strings (RemitBill *self,
                              char *recipient,
                              char *iban,
                              char *bic,
                              char *purpose,
                              char *due_date,
                              char *filename,
                              char *content_type,
                              char *backend,
                              char *document_id,
                              char *reviewed,
                              char *sha256,
                              char *paid_date);
void remit_bill_init_fields (RemitBill *self,
                             gint64 id,
                             RemitBillState state,
                             const RemitAmount *amount,
                             RemitFeedbackState feedback_state,
                             gint64 duplicate_of,
                             RemitDuplicateReason duplicate_reason,
                             gint64 created_usec,
                             gint64 updated_usec);

char *remit_bill_build_search_text (RemitBill *self);
char *remit_normalize_purpose (const char *purpose);

G_END_DECLS
