/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-extraction-set.h"

G_BEGIN_DECLS

/* The reasons the local engine offers for returning a line item, in German and English. */
void remit_return_reasons_add (RemitExtractionSet *set);

G_END_DECLS
