/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remit-ledger.h"

G_BEGIN_DECLS

/**
 * RemitBillFilter:
 * @REMIT_BILL_FILTER_ALL: every bill, newest first
 * @REMIT_BILL_FILTER_OPEN: bills still to pay (New, In review, Ready to pay, Payment
 *   requested, Failed), the next due first
 * @REMIT_BILL_FILTER_PAID: paid bills, newest first
 * @REMIT_BILL_FILTER_ARCHIVED: archived bills, newest first
 *
 * Which bills the list shows.
 */
typedef enum
{
  REMIT_BILL_FILTER_ALL,
  REMIT_BILL_FILTER_OPEN,
  REMIT_BILL_FILTER_PAID,
  REMIT_BILL_FILTER_ARCHIVED,
} RemitBillFilter;

#define REMIT_TYPE_BILL_FILTER (remit_bill_filter_get_type ())
GType remit_bill_filter_get_type (void) G_GNUC_CONST;

/**
 * RemitBillList:
 *
 * The sidebar of bills: a search entry (search as you type; Ctrl+F), a state filter, and
 * the ledger's bills in a list view, or a status page when there are none. Bills are read
 * from the ledger only as rows come into view. Selecting a bill emits
 * #RemitBillList::bill-activated.
 */
#define REMIT_TYPE_BILL_LIST (remit_bill_list_get_type ())
G_DECLARE_FINAL_TYPE (RemitBillList, remit_bill_list, REMIT, BILL_LIST, GtkWidget)

GtkWidget *remit_bill_list_new (RemitLedger *ledger);

RemitLedger *remit_bill_list_get_ledger (RemitBillList *self);
void remit_bill_list_set_ledger (RemitBillList *self, RemitLedger *ledger);

RemitBillFilter remit_bill_list_get_filter (RemitBillList *self);
void remit_bill_list_set_filter (RemitBillList *self, RemitBillFilter filter);

const char *remit_bill_list_get_search_text (RemitBillList *self);
void remit_bill_list_set_search_text (RemitBillList *self, const char *text);

GListModel *remit_bill_list_get_model (RemitBillList *self);
RemitBill *remit_bill_list_get_selected_bill (RemitBillList *self);
gboolean remit_bill_list_select_bill (RemitBillList *self, gint64 bill_id);

void remit_bill_list_reload (RemitBillList *self);
void remit_bill_list_focus_search (RemitBillList *self);

G_END_DECLS
