/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include "remit-heuristics-private.h"
#include "remit-heuristics.h"

static void
set_field (RemitExtractionSet *set,
           const char *label,
           const char *entity,
           const HField *field,
           const char *candidates)
{
  g_autoptr (RemitExtraction) extraction = NULL;

  if (field->value == NULL)
    return;

  extraction = h_extraction_new (entity, field->value, &field->box);
  if (candidates != NULL)
    remit_extraction_set_candidates (extraction, candidates);
  remit_extraction_set_set_extraction (set, label, extraction);
}

/**
 * remit_heuristics_extract:
 * @layout: the layout of a document
 *
 * Finds the payment fields in the words of @layout by the labels and places they are
 * printed with, German first and English too: IBAN, BIC, amount to pay, recipient,
 * purpose, payment reference, document type and due date, with their boxes; the candidate lists
 * `amounts`, `ibans`, `bics`, `paymentRecipients` and `referenceIds`; and the item table
 * as `lineItems`, with `amountsAreConsistent`, addons and return reasons.
 *
 * Returns: (transfer full): the extractions, empty when nothing was found
 */
RemitExtractionSet *
remit_heuristics_extract (RemitLayout *layout)
{
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (HDoc) doc = NULL;
  HField iban = { 0 }, bic = { 0 }, recipient = { 0 }, purpose = { 0 }, reference = { 0 };
  HField doc_type = { 0 }, due = { 0 };
  HAmountToPay to_pay;
  HDocType type;
  gboolean credit_note = FALSE;

  g_return_val_if_fail (layout != NULL, NULL);

  set = remit_extraction_set_new ();
  if (remit_layout_get_n_words (layout) == 0)
    return g_steal_pointer (&set);

  doc = h_doc_new (layout);

  type = h_find_doc_type (doc, &doc_type, &credit_note);
  h_find_bank_details (doc, set, &iban, &bic);
  h_find_amount_to_pay (doc, set, type == H_DOC_REMINDER, credit_note, &to_pay);
  h_find_recipient (doc, set, &recipient);
  h_find_references (doc, set, &purpose, &reference);
  h_find_due_date (doc, type == H_DOC_REMINDER, &due);
  if (type != H_DOC_REMINDER && type != H_DOC_REMITTANCE_SLIP)
    h_find_line_items (doc, set, &to_pay);

  set_field (set, "amountToPay", "amount", &to_pay.amount, "amounts");
  set_field (set, "iban", "iban", &iban, "ibans");
  set_field (set, "bic", "bic", &bic, "bics");
  set_field (set, "paymentRecipient", "companyname", &recipient, "paymentRecipients");
  set_field (set, "paymentPurpose", "text", &purpose, "referenceIds");
  set_field (set, "paymentReference", "reference", &reference, "referenceIds");
  set_field (set, "docType", "doctype", &doc_type, NULL);
  set_field (set, "paymentDueDate", "date", &due, NULL);

  h_field_clear (&iban);
  h_field_clear (&bic);
  h_field_clear (&recipient);
  h_field_clear (&purpose);
  h_field_clear (&reference);
  h_field_clear (&doc_type);
  h_field_clear (&due);
  h_field_clear (&to_pay.amount);

  return g_steal_pointer (&set);
}
