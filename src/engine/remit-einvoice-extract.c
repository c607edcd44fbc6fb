/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-einvoice"

#include "config.h"

#include <string.h>

#include "remit-einvoice-extract.h"
#include "remit-iban.h"
#include "remit-return-reasons.h"

/* Text folded for finding it on the page: letters and digits only, lower case. */
static char *
fold (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static void
word_box (const RemitLayoutPage *page, const RemitLayoutWord *word, RemitBox *box)
{
  remit_layout_page_get_word_box (page, word, box);
}

/* Finds @text on the page as a run of consecutive words of one line whose folded text is
 * exactly the folded @text; the last occurrence wins (totals and bank data stand low). */
static gboolean
find_text (RemitLayout *layout, const char *text, RemitBox *out)
{
  g_autofree char *needle = fold (text);
  gboolean found = FALSE;

  if (layout == NULL || *needle == '\0')
    return FALSE;

  for (guint p = 0; p < remit_layout_get_n_pages (layout); p++)
    {
      const RemitLayoutPage *page = remit_layout_get_page (layout, p);

      for (guint l = 0; l < remit_layout_page_get_n_lines (page); l++)
        {
          const RemitLayoutLine *line = remit_layout_page_get_line (page, l);
          guint n_words = 0;
          const RemitLayoutWord *words = remit_layout_line_get_words (line, &n_words);

          for (guint start = 0; start < n_words; start++)
            {
              g_autoptr (GString) run = g_string_new (NULL);

              for (guint end = start; end < n_words && run->len < strlen (needle); end++)
                {
                  g_autofree char *folded = fold (words[end].text);

                  g_string_append (run, folded);
                  if (!g_str_has_prefix (needle, run->str))
                    break;
                  if (g_str_equal (run->str, needle))
                    {
                      RemitBox first, last;

                      word_box (page, &words[start], &first);
                      word_box (page, &words[end], &last);
                      remit_box_union (&first, &last, out);
                      found = TRUE;
                      break;
                    }
                }
            }
        }
    }

  return found;
}

/* Finds an amount on the page: a word (or a word and its currency) that reads as the same
 * number. The last occurrence wins. */
static gboolean
find_amount (RemitLayout *layout, const RemitAmount *amount, RemitBox *out)
{
  gboolean found = FALSE;

  if (layout == NULL)
    return FALSE;

  for (guint p = 0; p < remit_layout_get_n_pages (layout); p++)
    {
      const RemitLayoutPage *page = remit_layout_get_page (layout, p);
      guint n_words = 0;
      const RemitLayoutWord *words = remit_layout_page_get_words (page, &n_words);

      for (guint i = 0; i < n_words; i++)
        {
          g_autofree char *text = NULL;
          RemitAmount parsed;

          if (!g_ascii_isdigit (words[i].text[0]) && words[i].text[0] != '-')
            continue;

          /* Read the number in the invoice's currency, whatever symbol follows it. */
          text = g_strdup_printf ("%s %s", words[i].text, amount->currency);
          if (remit_amount_parse (text, &parsed, NULL) && parsed.minor == amount->minor)
            {
              word_box (page, &words[i], out);
              found = TRUE;
            }
        }
    }

  return found;
}

/* Inserting references the extraction; these hand over the caller's reference. */
static void
map_take (RemitExtractionMap *map, const char *label, RemitExtraction *extraction)
{
  remit_extraction_map_insert (map, label, extraction);
  g_object_unref (extraction);
}

static void
set_take (RemitExtractionSet *set, const char *label, RemitExtraction *extraction)
{
  remit_extraction_set_set_extraction (set, label, extraction);
  g_object_unref (extraction);
}

static RemitExtraction *
extraction_new (RemitLayout *layout, const char *entity, const char *value, gboolean is_amount,
                const RemitAmount *amount)
{
  RemitBox box;
  gboolean has_box = is_amount ? find_amount (layout, amount, &box)
                               : find_text (layout, value, &box);

  if (has_box)
    return remit_extraction_new_with_box (entity, value, &box);

  return remit_extraction_new (entity, value);
}

/* A value the e-invoice states but that breaks a rule stays as found; the problem goes
 * along so that the person sees it. */
static void
mark_problem (RemitExtraction *extraction, const RemitEInvoice *invoice, const char *field)
{
  const RemitEInvoiceProblem *problem = remit_einvoice_find_problem (invoice, field);

  if (problem != NULL)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (node, problem->message);
      remit_extraction_set_extra (extraction, "problem", node);
    }
}

static void
add (RemitExtractionSet *set,
     const char *label,
     const char *candidates,
     RemitExtraction *extraction)
{
  if (candidates != NULL)
    {
      g_autoptr (RemitExtraction) candidate = remit_extraction_copy (extraction);

      remit_extraction_set_candidates (extraction, candidates);
      remit_extraction_set_add_candidate (set, candidates, candidate);
    }
  remit_extraction_set_set_extraction (set, label, extraction);
}

static void
add_text (RemitExtractionSet *set,
          RemitLayout *layout,
          const char *label,
          const char *entity,
          const char *value,
          const char *candidates)
{
  g_autoptr (RemitExtraction) extraction = NULL;

  if (value == NULL || *value == '\0')
    return;

  extraction = extraction_new (layout, entity, value, FALSE, NULL);
  add (set, label, candidates, extraction);
}

static void
add_candidate_text (RemitExtractionSet *set,
                    RemitLayout *layout,
                    const char *name,
                    const char *entity,
                    const char *value)
{
  g_autoptr (RemitExtraction) candidate = NULL;

  if (value == NULL || *value == '\0')
    return;

  candidate = extraction_new (layout, entity, value, FALSE, NULL);
  remit_extraction_set_add_candidate (set, name, candidate);
}

/* quantity (decimal text) × unit price, rounded half away from zero to the minor unit. */
static gboolean
line_value (const char *quantity, const RemitAmount *unit, gint64 *out)
{
  g_auto (GStrv) parts = NULL;
  gint64 whole, frac = 0, scale = 1;
  gboolean negative;
  const char *q;
  __int128 product;

  if (quantity == NULL || unit == NULL)
    return FALSE;

  q = quantity;
  negative = *q == '-';
  if (negative)
    q++;
  parts = g_strsplit (q, ".", 2);
  if (!g_ascii_string_to_signed (parts[0], 10, 0, 99999999, &whole, NULL))
    return FALSE;
  if (parts[1] != NULL)
    {
      gsize len = strlen (parts[1]);

      if (len > 6 || (len > 0 && !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, &frac,
                                                            NULL)))
        return FALSE;
      for (gsize i = 0; i < len; i++)
        scale *= 10;
    }

  product = (__int128) (whole * scale + frac) * unit->minor;
  product = (product + (product >= 0 ? scale / 2 : -scale / 2)) / scale;
  *out = negative ? -(gint64) product : (gint64) product;
  return TRUE;
}

/* Gross value of a document-level allowance or charge: its amount plus its VAT. */
static gint64
gross_of (const RemitEInvoiceAllowanceCharge *ac)
{
  gint64 net = ac->amount->minor;
  double rate = ac->vat_rate != NULL ? g_ascii_strtod (ac->vat_rate, NULL) : 0;
  gint64 rate_hundredths = (gint64) (rate * 100 + 0.5);
  __int128 gross = (__int128) net * (10000 + rate_hundredths);

  return (gint64) ((gross + (gross >= 0 ? 5000 : -5000)) / 10000);
}

static const char *
addon_label (const RemitEInvoiceAllowanceCharge *ac)
{
  g_autofree char *reason = ac->reason != NULL ? g_utf8_strdown (ac->reason, -1) : NULL;

  if (!ac->is_charge)
    return "discount-addon";
  if (reason != NULL && (strstr (reason, "versand") || strstr (reason, "fracht")
                         || strstr (reason, "porto") || strstr (reason, "shipping")
                         || strstr (reason, "delivery") || strstr (reason, "lieferung")))
    return "shipment-addon";
  if (g_strcmp0 (ac->reason_code, "FC") == 0 || g_strcmp0 (ac->reason_code, "DL") == 0)
    return "shipment-addon";
  return "other-charges-addon";
}

static void
add_line_items (RemitExtractionSet *set, const RemitEInvoice *invoice, RemitLayout *layout)
{
  g_autoptr (GHashTable) addons = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean consistent = invoice->amount_due != NULL;
  gint64 sum = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (invoice->line_items == NULL || invoice->line_items->len == 0)
    return;

  for (guint i = 0; i < invoice->line_items->len; i++)
    {
      const RemitEInvoiceLineItem *item = g_ptr_array_index (invoice->line_items, i);
      g_autoptr (RemitExtractionMap) row = remit_extraction_map_new ();
      gint64 line = 0;

      if (item->position != NULL)
        map_take (row, "position", (remit_extraction_new ("numeric",
                                                                            item->position)));
      if (item->description != NULL)
        map_take (row, "description", (extraction_new (layout, "text",
                                                                      item->description,
                                                                      FALSE, NULL)));
      if (item->article_number != NULL)
        map_take (row, "artNumber", (extraction_new (layout, "text",
                                                                      item->article_number,
                                                                      FALSE, NULL)));
      if (item->quantity != NULL)
        map_take (row, "quantity", (remit_extraction_new ("numeric",
                                                                            item->quantity)));
      if (item->unit_gross != NULL)
        {
          g_autofree char *wire = remit_amount_to_wire (item->unit_gross);

          map_take (row, "baseGross", (remit_extraction_new ("amount", wire)));
        }

      remit_extraction_set_add_compound_row (set, REMIT_COMPOUND_LINE_ITEMS, row);

      if (!line_value (item->quantity, item->unit_gross, &line))
        consistent = FALSE;
      sum += line;
    }

  /* Allowances and charges of the document are the Return Assistant's addons. */
  for (guint i = 0; invoice->allowance_charges != NULL && i < invoice->allowance_charges->len; i++)
    {
      const RemitEInvoiceAllowanceCharge *ac = g_ptr_array_index (invoice->allowance_charges, i);
      const char *label;
      gint64 gross, previous;

      if (ac->amount == NULL)
        {
          consistent = FALSE;
          continue;
        }

      label = addon_label (ac);
      gross = ac->is_charge ? gross_of (ac) : -gross_of (ac);
      previous = GPOINTER_TO_SIZE (g_hash_table_lookup (addons, label));
      g_hash_table_insert (addons, (gpointer) label, GSIZE_TO_POINTER ((gsize) (previous + gross)));
      sum += gross;
    }

  g_hash_table_iter_init (&iter, addons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RemitAmount addon;
      g_autofree char *wire = NULL;

      remit_amount_init (&addon, (gint64) GPOINTER_TO_SIZE (value), invoice->amount_due != NULL
                                                                     ? invoice->amount_due->currency
                                                                     : "EUR");
      wire = remit_amount_to_wire (&addon);
      set_take (set, key, (remit_extraction_new ("amount", wire)));
    }

  /* Only when the items and addons really add up is the Return Assistant offered. */
  if (consistent && (invoice->prepaid == NULL || invoice->prepaid->minor == 0))
    consistent = sum == invoice->amount_due->minor;
  else
    consistent = FALSE;

  set_take (set, REMIT_LABEL_AMOUNTS_ARE_CONSISTENT, (remit_extraction_new (
                                         "text", consistent ? "true" : "false")));
  remit_return_reasons_add (set);
}

RemitExtractionSet *
remit_einvoice_to_extractions (const RemitEInvoice *invoice, RemitLayout *layout)
{
  g_autoptr (RemitExtractionSet) set = remit_extraction_set_new ();
  const RemitEInvoiceAccount *account;

  g_return_val_if_fail (invoice != NULL, NULL);

  /* A direct debit is paid by the seller collecting it: there is no account to pay to,
   * and the buyer's own IBAN from the mandate is never offered. */
  account = remit_einvoice_get_payable_account (invoice);
  if (account != NULL && account->iban != NULL)
    {
      g_autoptr (RemitExtraction) iban = NULL;
      g_autofree char *grouped = remit_iban_format (account->iban);
      RemitBox box;

      iban = remit_extraction_new ("iban", account->iban);
      if (find_text (layout, account->iban, &box))
        remit_extraction_set_box (iban, &box);
      mark_problem (iban, invoice, "iban");
      add (set, "iban", "ibans", iban);

      if (account->bic != NULL)
        {
          g_autoptr (RemitExtraction) bic = extraction_new (layout, "bic", account->bic, FALSE,
                                                            NULL);

          mark_problem (bic, invoice, "bic");
          add (set, "bic", "bics", bic);
        }
    }

  if (invoice->debited)
    {
      set_take (set, "directDebit", (remit_extraction_new ("text",
                                                                                  "true")));
      if (invoice->mandate_reference != NULL)
        add_text (set, layout, "mandateReference", "reference", invoice->mandate_reference,
                  NULL);
      if (invoice->creditor_id != NULL)
        add_text (set, layout, "creditorId", "text", invoice->creditor_id, NULL);
    }

  if (invoice->amount_due != NULL)
    {
      g_autofree char *wire = remit_amount_to_wire (invoice->amount_due);
      g_autoptr (RemitExtraction) amount = extraction_new (layout, "amount", wire, TRUE,
                                                           invoice->amount_due);

      mark_problem (amount, invoice, "amountDue");
      add (set, "amountToPay", "amounts", amount);
    }
  if (invoice->grand_total != NULL && invoice->amount_due != NULL
      && !remit_amount_equal (invoice->grand_total, invoice->amount_due))
    {
      g_autofree char *wire = remit_amount_to_wire (invoice->grand_total);
      g_autoptr (RemitExtraction) total = extraction_new (layout, "amount", wire, TRUE,
                                                          invoice->grand_total);

      remit_extraction_set_add_candidate (set, "amounts", total);
    }

  add_text (set, layout, "paymentRecipient", "companyname", invoice->payee, "paymentRecipients");
  if (invoice->seller_name != NULL && g_strcmp0 (invoice->seller_name, invoice->payee) != 0)
    add_candidate_text (set, layout, "paymentRecipients", "companyname", invoice->seller_name);

  add_text (set, layout, "paymentPurpose", "text",
            invoice->purpose != NULL ? invoice->purpose : invoice->invoice_number, NULL);
  add_text (set, layout, "paymentReference", "reference", invoice->payment_reference,
            "referenceIds");
  add_candidate_text (set, layout, "referenceIds", "reference", invoice->invoice_number);

  set_take (set, "docType", (remit_extraction_new ("doctype",
                                                                              invoice->doc_type)));
  if (invoice->is_credit_note)
    set_take (set, "creditNote", (remit_extraction_new ("text", "true")));

  if (invoice->invoice_number != NULL)
    add_text (set, layout, "invoiceId", "idnumber", invoice->invoice_number, NULL);
  if (invoice->due_date != NULL)
    add_text (set, layout, "paymentDueDate", "date", invoice->due_date, NULL);

  add_line_items (set, invoice, layout);

  return g_steal_pointer (&set);
}
