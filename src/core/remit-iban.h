/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* IBAN (ISO 13616) */
char *remit_iban_normalize (const char *text);
gboolean remit_iban_validate (const char *text, char **normalized, GError **error);
gboolean remit_iban_is_valid (const char *text);
int remit_iban_country_length (const char *country);
char *remit_iban_format (const char *iban);

/* BIC (ISO 9362) */
char *remit_bic_normalize (const char *text);
gboolean remit_bic_validate (const char *text, char **normalized, GError **error);
gboolean remit_bic_is_valid (const char *text);
gboolean remit_country_code_is_known (const char *code);

G_END_DECLS
