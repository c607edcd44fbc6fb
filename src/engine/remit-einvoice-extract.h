/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-einvoice.h"
#include "remit-extraction-set.h"
#include "remit-layout.h"

G_BEGIN_DECLS

/* The values of an e-invoice as the API's extractions, with their boxes where the same
 * text stands on the page of @layout (nullable for XML without a page). */
RemitExtractionSet *remit_einvoice_to_extractions (const RemitEInvoice *invoice,
                                                   RemitLayout *layout);

G_END_DECLS
