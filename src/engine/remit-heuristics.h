/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-extraction-set.h"
#include "remit-layout.h"

G_BEGIN_DECLS

/* Payment fields found in the words of a layout: IBAN, BIC, amount to pay, recipient,
 * purpose, reference, document type, line items, with their boxes and candidate lists. */
RemitExtractionSet *remit_heuristics_extract (RemitLayout *layout);

G_END_DECLS
