/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-box.h"

G_BEGIN_DECLS

gboolean remit_box_parse_json (RemitBox *box, JsonObject *object, const char *path, GError **error);

G_END_DECLS
