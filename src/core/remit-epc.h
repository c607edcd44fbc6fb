/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/* Limits of EPC069-12 (the “GiroCode” for SEPA credit transfers). */
#define REMIT_EPC_MAX_BYTES             331
#define REMIT_EPC_MAX_LINES             12
#define REMIT_EPC_MAX_NAME_CHARS        70
#define REMIT_EPC_MAX_REFERENCE_CHARS   35
#define REMIT_EPC_MAX_TEXT_CHARS        140
#define REMIT_EPC_MAX_INFORMATION_CHARS 70

/**
 * RemitEpcCharset:
 * @REMIT_EPC_CHARSET_UTF_8: `1`, the only set Remit writes
 * @REMIT_EPC_CHARSET_ISO_8859_1: `2`
 * @REMIT_EPC_CHARSET_ISO_8859_2: `3`
 * @REMIT_EPC_CHARSET_ISO_8859_4: `4`
 * @REMIT_EPC_CHARSET_ISO_8859_5: `5`
 * @REMIT_EPC_CHARSET_ISO_8859_7: `6`
 * @REMIT_EPC_CHARSET_ISO_8859_10: `7`
 * @REMIT_EPC_CHARSET_ISO_8859_15: `8`
 *
 * The character set element of a payload; the value is the digit written in it.
 */
typedef enum
{
  REMIT_EPC_CHARSET_UTF_8 = 1,
  REMIT_EPC_CHARSET_ISO_8859_1,
  REMIT_EPC_CHARSET_ISO_8859_2,
  REMIT_EPC_CHARSET_ISO_8859_4,
  REMIT_EPC_CHARSET_ISO_8859_5,
  REMIT_EPC_CHARSET_ISO_8859_7,
  REMIT_EPC_CHARSET_ISO_8859_10,
  REMIT_EPC_CHARSET_ISO_8859_15,
} RemitEpcCharset;

/**
 * RemitEpcPayload:
 * @version: 1 (written `001`, BIC required) or 2 (`002`, BIC optional in the EEA)
 * @charset: the character set the payload was written in; remit_epc_payload_build()
 *   writes in it when the text fits the set, else in UTF-8 (new payloads are UTF-8).
 *   The strings below are always UTF-8.
 * @bic: (nullable): the BIC of the recipient's bank
 * @name: the recipient's name, at most 70 characters
 * @iban: the recipient's IBAN
 * @has_amount: whether @amount is set; without it the person types the amount in the app
 * @amount: the amount, in EUR, 0.01 to 999999999.99
 * @purpose: (nullable): an ISO 20022 purpose code, four letters (e.g. `GDDS`)
 * @reference: (nullable): a structured creditor reference, at most 35 characters; one
 *   that starts with `RF` must be a valid ISO 11649 reference
 * @text: (nullable): the unstructured remittance text, at most 140 characters; not
 *   together with @reference
 * @information: (nullable): a note to the payer, at most 70 characters
 *
 * The contents of an EPC069-12 QR code. All strings are owned by the struct and freed by
 * remit_epc_payload_free(); %NULL and "" both mean “absent”.
 */
typedef struct
{
  guint version;
  RemitEpcCharset charset;
  char *bic;
  char *name;
  char *iban;
  gboolean has_amount;
  RemitAmount amount;
  char *purpose;
  char *reference;
  char *text;
  char *information;
} RemitEpcPayload;

#define REMIT_TYPE_EPC_PAYLOAD (remit_epc_payload_get_type ())
GType remit_epc_payload_get_type (void) G_GNUC_CONST;

RemitEpcPayload *remit_epc_payload_new (void);
RemitEpcPayload *remit_epc_payload_copy (const RemitEpcPayload *payload);
void remit_epc_payload_free (RemitEpcPayload *payload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitEpcPayload, remit_epc_payload_free)

gboolean remit_epc_payload_validate (const RemitEpcPayload *payload, GError **error);
char *remit_epc_payload_build (const RemitEpcPayload *payload, GError **error);
RemitEpcPayload *remit_epc_payload_parse (const char *data, gssize length, GError **error);

gboolean remit_creditor_reference_is_valid (const char *reference);

G_END_DECLS
