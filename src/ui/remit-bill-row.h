/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remit-bill.h"

G_BEGIN_DECLS

/**
 * RemitBillRow:
 *
 * One line of the bill list: who is paid (or the file name), the amount in the locale's
 * format, when it is due, relative to today, and the state as a coloured pill. The row
 * follows changes of its bill.
 */
#define REMIT_TYPE_BILL_ROW (remit_bill_row_get_type ())
G_DECLARE_FINAL_TYPE (RemitBillRow, remit_bill_row, REMIT, BILL_ROW, GtkWidget)

GtkWidget *remit_bill_row_new (void);
RemitBill *remit_bill_row_get_bill (RemitBillRow *self);
void remit_bill_row_set_bill (RemitBillRow *self, RemitBill *bill);

char *remit_bill_dup_display_name (RemitBill *bill);
char *remit_bill_describe_due_date (RemitBill *bill, const GDate *today, int *days_left);
const char *remit_bill_state_get_style_class (RemitBillState state);
char *remit_format_date_for_display (const char *iso_date);

G_END_DECLS
