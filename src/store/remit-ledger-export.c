/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-ledger-export"

#include "config.h"

#include <string.h>

#include "remit-bill-private.h"
#include "remit-ledger.h"

/* The columns of the CSV export, in order. */
static const char *const csv_header[] = {
  "id",        "state",    "recipient",  "iban",    "bic",     "amount",
  "currency",  "purpose",  "due_date",   "paid_date", "created", "updated",
  "filename",  "backend",  "document_id", "feedback", "sha256",
};

/* RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled.
 * @guard: a text a person or a document wrote. A spreadsheet would run a cell that begins
 * with = + - @ (or a tab or carriage return) as a formula, so such a cell gets a leading
 * apostrophe. Numbers Remit writes itself (id, amount) are not guarded: "-5.00" must stay a
 * number. */
static void
append_cell (GString *out, const char *value, gboolean guard, gboolean first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL)
    return;

  quote = strpbrk (value, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (guard && value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * remit_bills_to_csv:
 * @bills: a #GListModel of #RemitBill
 *
 * Writes @bills as CSV (RFC 4180): UTF-8, a header row, CRLF line ends; amounts as
 * decimals with their currency in the next column (`1234.50`, `EUR`), dates ISO 8601
 * (`2024-05-06`, times in UTC `2024-05-06T10:20:30Z`). Text cells that a spreadsheet would
 * take for a formula begin with `'`.
 *
 * Returns: (transfer full): the CSV text
 */
char *
remit_bills_to_csv (GListModel *bills)
{
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (bills), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (csv_header); i++)
    append_cell (out, csv_header[i], FALSE, i == 0);
  g_string_append (out, "\r\n");

  n = g_list_model_get_n_items (bills);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RemitBill) bill = g_list_model_get_item (bills, i);
      const RemitAmount *amount = remit_bill_get_amount (bill);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, remit_bill_get_id (bill));
      g_autofree char *decimal = amount != NULL ? remit_amount_to_decimal (amount) : NULL;
      g_autofree char *created = remit_format_timestamp (remit_bill_get_created_usec (bill));
      g_autofree char *updated = remit_format_timestamp (remit_bill_get_updated_usec (bill));

      append_cell (out, id, FALSE, TRUE);
      append_cell (out, remit_bill_state_to_string (remit_bill_get_state (bill)), TRUE, FALSE);
      append_cell (out, remit_bill_get_recipient (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_iban (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_bic (bill), TRUE, FALSE);
      append_cell (out, decimal, FALSE, FALSE);
      append_cell (out, amount != NULL ? amount->currency : NULL, TRUE, FALSE);
      append_cell (out, remit_bill_get_purpose (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_due_date (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_paid_date (bill), TRUE, FALSE);
      append_cell (out, created, TRUE, FALSE);
      append_cell (out, updated, TRUE, FALSE);
      append_cell (out, remit_bill_get_filename (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_backend (bill), TRUE, FALSE);
      append_cell (out, remit_bill_get_document_id (bill), TRUE, FALSE);
      append_cell (out,
                   remit_feedback_state_to_string (remit_bill_get_feedback_state (bill)), TRUE,
                   FALSE);
      append_cell (out, remit_bill_get_sha256 (bill), TRUE, FALSE);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * remit_ledger_export_csv:
 * @self: a #RemitLedger
 * @query: (nullable): which bills, in which order; %NULL for all, oldest first
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the bills as CSV, see remit_bills_to_csv()
 */
char *
remit_ledger_export_csv (RemitLedger *self, const RemitBillQuery *query, GError **error)
{
  g_autoptr (GListModel) bills = NULL;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);

  bills = remit_ledger_list_bills (self, query, error);
  if (bills == NULL)
    return NULL;
  return remit_bills_to_csv (bills);
}
