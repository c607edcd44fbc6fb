/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-extraction.h"

G_BEGIN_DECLS

RemitExtraction *remit_extraction_parse_json (JsonObject *object,
                                              const char *path,
                                              GError **error);

G_END_DECLS
