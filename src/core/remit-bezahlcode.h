/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/* More than any QR code holds; longer text is refused before it is read. */
#define REMIT_BEZAHLCODE_MAX_BYTES 4096

/**
 * RemitBezahlCodeKind:
 * @REMIT_BEZAHLCODE_SINGLE_PAYMENT: `bank://singlepaymentsepa`, one SEPA transfer
 * @REMIT_BEZAHLCODE_STANDING_ORDER: `bank://periodicsinglepaymentsepa`, a SEPA transfer to
 *   repeat; Remit reads its payee, amount and text like those of a single payment
 *
 * The payment a BezahlCode asks for.
 */
typedef enum
{
  REMIT_BEZAHLCODE_SINGLE_PAYMENT,
  REMIT_BEZAHLCODE_STANDING_ORDER,
} RemitBezahlCodeKind;

/**
 * RemitBezahlCode:
 * @kind: what the code asks for
 * @name: (nullable): the recipient's name
 * @iban: the recipient's IBAN, normalized (upper case, no spaces), always valid
 * @bic: (nullable): the BIC of the recipient's bank, normalized and valid
 * @has_amount: whether @amount is set; a code without an amount, or with zero, leaves it
 *   to the person
 * @amount: the amount, positive, in the code's currency (EUR unless it names another)
 * @reason: (nullable): the remittance text
 *
 * A BezahlCode: the `bank://` URI that German banking apps read from a QR code, e.g.
 * `bank://singlepaymentsepa?name=Stadtwerke&iban=DE…&amount=12,34&reason=Rechnung%2012`.
 * All strings are UTF-8 and owned by the struct.
 */
typedef struct
{
  RemitBezahlCodeKind kind;
  char *name;
  char *iban;
  char *bic;
  gboolean has_amount;
  RemitAmount amount;
  char *reason;
} RemitBezahlCode;

#define REMIT_TYPE_BEZAHLCODE (remit_bezahlcode_get_type ())
GType remit_bezahlcode_get_type (void) G_GNUC_CONST;

RemitBezahlCode *remit_bezahlcode_copy (const RemitBezahlCode *code);
void remit_bezahlcode_free (RemitBezahlCode *code);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitBezahlCode, remit_bezahlcode_free)

gboolean remit_bezahlcode_has_scheme (const char *data, gssize length);
RemitBezahlCode *remit_bezahlcode_parse (const char *data, gssize length, GError **error);

G_END_DECLS
