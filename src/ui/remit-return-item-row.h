/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remit-line-item.h"

G_BEGIN_DECLS

#define REMIT_TYPE_RETURN_ITEM_ROW (remit_return_item_row_get_type ())
G_DECLARE_FINAL_TYPE (RemitReturnItemRow, remit_return_item_row, REMIT, RETURN_ITEM_ROW, GtkWidget)

GtkWidget *remit_return_item_row_new (void);

void remit_return_item_row_set_reasons (RemitReturnItemRow *self,
                                        const char *const *ids,
                                        const char *const *texts);

RemitLineItem *remit_return_item_row_get_item (RemitReturnItemRow *self);
void remit_return_item_row_set_item (RemitReturnItemRow *self, RemitLineItem *item);

G_END_DECLS
