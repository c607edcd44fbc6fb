/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/* The largest quantity a line item may have. */
#define REMIT_LINE_ITEM_QUANTITY_MAX 99999

#define REMIT_TYPE_LINE_ITEM (remit_line_item_get_type ())
G_DECLARE_FINAL_TYPE (RemitLineItem, remit_line_item, REMIT, LINE_ITEM, GObject)

RemitLineItem *remit_line_item_new (const char *description,
                                    guint quantity,
                                    const RemitAmount *unit_price);

const char *remit_line_item_get_position (RemitLineItem *self);
void remit_line_item_set_position (RemitLineItem *self, const char *position);

const char *remit_line_item_get_description (RemitLineItem *self);
void remit_line_item_set_description (RemitLineItem *self, const char *description);

const char *remit_line_item_get_article_number (RemitLineItem *self);
void remit_line_item_set_article_number (RemitLineItem *self, const char *article_number);

guint remit_line_item_get_quantity (RemitLineItem *self);
gboolean remit_line_item_set_quantity (RemitLineItem *self, guint quantity);

guint remit_line_item_get_original_quantity (RemitLineItem *self);
gboolean remit_line_item_set_original_quantity (RemitLineItem *self, guint quantity);

const RemitAmount *remit_line_item_get_unit_price (RemitLineItem *self);
void remit_line_item_set_unit_price (RemitLineItem *self, const RemitAmount *unit_price);

gboolean remit_line_item_get_returned (RemitLineItem *self);
void remit_line_item_set_returned (RemitLineItem *self, gboolean returned);

const char *remit_line_item_get_return_reason (RemitLineItem *self);
void remit_line_item_set_return_reason (RemitLineItem *self, const char *reason_id);

gboolean remit_line_item_is_complete (RemitLineItem *self);

G_END_DECLS
