/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RemitCoreError:
 * @REMIT_CORE_ERROR_INVALID_AMOUNT: not an amount (no number, unknown currency, out of range)
 * @REMIT_CORE_ERROR_INVALID_IBAN: not a valid IBAN (country, length, characters or checksum)
 * @REMIT_CORE_ERROR_INVALID_BIC: not a valid BIC
 * @REMIT_CORE_ERROR_INVALID_VALUE: a value breaks a feedback rule of the API
 * @REMIT_CORE_ERROR_MALFORMED: JSON that does not have the expected shape
 * @REMIT_CORE_ERROR_INVALID_EPC: an EPC069-12 payload a banking app would reject
 * @REMIT_CORE_ERROR_INVALID_BEZAHLCODE: a `bank://` URI that is not a SEPA transfer a
 *   banking app would accept
 *
 * Errors of the core model. Messages are translated and say what is wrong with the value;
 * they never contain secrets.
 */
typedef enum
{
  REMIT_CORE_ERROR_INVALID_AMOUNT,
  REMIT_CORE_ERROR_INVALID_IBAN,
  REMIT_CORE_ERROR_INVALID_BIC,
  REMIT_CORE_ERROR_INVALID_VALUE,
  REMIT_CORE_ERROR_MALFORMED,
  REMIT_CORE_ERROR_INVALID_EPC,
  REMIT_CORE_ERROR_INVALID_BEZAHLCODE,
} RemitCoreError;

#define REMIT_CORE_ERROR (remit_core_error_quark ())
GQuark remit_core_error_quark (void);

G_END_DECLS
