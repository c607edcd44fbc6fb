/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RemitAmount:
 * @minor: the value in minor units of @currency (cents for EUR, yen for JPY, fils for KWD)
 * @currency: the ISO 4217 code, three upper-case letters and a NUL
 *
 * Money. Never a double: the value is an integer count of the currency's minor unit.
 * The wire form is `1234.56:EUR`.
 */
typedef struct
{
  gint64 minor;
  char currency[4];
} RemitAmount;

/* The largest magnitude an amount may have, in major units (15 digits). */
#define REMIT_AMOUNT_MAX_MAJOR G_GINT64_CONSTANT (999999999999999)

#define REMIT_TYPE_AMOUNT (remit_amount_get_type ())
GType remit_amount_get_type (void) G_GNUC_CONST;

RemitAmount *remit_amount_copy (const RemitAmount *amount);
void remit_amount_free (RemitAmount *amount);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitAmount, remit_amount_free)

void remit_amount_init (RemitAmount *amount, gint64 minor, const char *currency);

gboolean remit_amount_parse (const char *text, RemitAmount *out, GError **error);

gboolean remit_amount_equal (const RemitAmount *a, const RemitAmount *b);
gboolean remit_amount_add (const RemitAmount *a,
                           const RemitAmount *b,
                           RemitAmount *out,
                           GError **error);
gboolean remit_amount_multiply (const RemitAmount *amount,
                                gint64 factor,
                                RemitAmount *out,
                                GError **error);

char *remit_amount_to_wire (const RemitAmount *amount);
char *remit_amount_to_decimal (const RemitAmount *amount);
char *remit_amount_format_for_locale (const RemitAmount *amount, const char *locale);
char *remit_amount_format (const RemitAmount *amount);

int remit_currency_get_decimals (const char *code);
gboolean remit_currency_is_known (const char *code);
const char *remit_currency_from_symbol (const char *symbol);

G_END_DECLS
