/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remit-amount.h"
#include "remit-line-item.h"

G_BEGIN_DECLS

#define REMIT_TYPE_LINE_ITEMS (remit_line_items_get_type ())
G_DECLARE_FINAL_TYPE (RemitLineItems, remit_line_items, REMIT, LINE_ITEMS, GObject)

RemitLineItems *remit_line_items_new (void);

void remit_line_items_append (RemitLineItems *self, RemitLineItem *item);
void remit_line_items_insert (RemitLineItems *self, guint position, RemitLineItem *item);
void remit_line_items_remove (RemitLineItems *self, guint position);
void remit_line_items_remove_all (RemitLineItems *self);

void remit_line_items_set_addon (RemitLineItems *self,
                                 const char *label,
                                 const RemitAmount *amount);
const RemitAmount *remit_line_items_get_addon (RemitLineItems *self, const char *label);
char **remit_line_items_dup_addon_labels (RemitLineItems *self);

const RemitAmount *remit_line_items_get_total (RemitLineItems *self);
gboolean remit_line_items_get_total_valid (RemitLineItems *self);
gboolean remit_line_items_is_complete (RemitLineItems *self);

G_END_DECLS
