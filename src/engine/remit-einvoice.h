/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/* The largest e-invoice XML the engine reads, in bytes (10 MiB). */
#define REMIT_EINVOICE_MAX_SIZE (10 * 1024 * 1024)

/* The document type of every e-invoice in the API's terms: a credit note is an “Invoice”
 * too, with RemitEInvoice.is_credit_note set. */
#define REMIT_EINVOICE_DOC_TYPE "Invoice"

/**
 * RemitEInvoiceSyntax:
 * @REMIT_EINVOICE_SYNTAX_ZUGFERD1: ZUGFeRD 1.0, root `CrossIndustryDocument`
 * @REMIT_EINVOICE_SYNTAX_CII: UN/CEFACT Cross Industry Invoice D16B, root
 *   `CrossIndustryInvoice`: ZUGFeRD 2.x, Factur-X and XRechnung in CII
 * @REMIT_EINVOICE_SYNTAX_UBL_INVOICE: OASIS UBL 2.1 `Invoice`
 * @REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE: OASIS UBL 2.1 `CreditNote`
 */
typedef enum
{
  REMIT_EINVOICE_SYNTAX_ZUGFERD1,
  REMIT_EINVOICE_SYNTAX_CII,
  REMIT_EINVOICE_SYNTAX_UBL_INVOICE,
  REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE,
} RemitEInvoiceSyntax;

/**
 * RemitEInvoiceProfile:
 * @REMIT_EINVOICE_PROFILE_UNKNOWN: no guideline id, or one not recognised
 * @REMIT_EINVOICE_PROFILE_MINIMUM: Factur-X / ZUGFeRD MINIMUM
 * @REMIT_EINVOICE_PROFILE_BASIC_WL: Factur-X / ZUGFeRD BASIC WL (without lines)
 * @REMIT_EINVOICE_PROFILE_BASIC: BASIC (ZUGFeRD 1.0 BASIC too)
 * @REMIT_EINVOICE_PROFILE_EN16931: EN 16931, called COMFORT in ZUGFeRD 1.0 and 2.0
 * @REMIT_EINVOICE_PROFILE_EXTENDED: EXTENDED
 * @REMIT_EINVOICE_PROFILE_XRECHNUNG: XRechnung (the German CIUS of EN 16931)
 * @REMIT_EINVOICE_PROFILE_PEPPOL: Peppol BIS Billing 3.0
 *
 * The profile, read from the guideline id (`GuidelineSpecifiedDocumentContextParameter`,
 * UBL `CustomizationID`).
 */
typedef enum
{
  REMIT_EINVOICE_PROFILE_UNKNOWN,
  REMIT_EINVOICE_PROFILE_MINIMUM,
  REMIT_EINVOICE_PROFILE_BASIC_WL,
  REMIT_EINVOICE_PROFILE_BASIC,
  REMIT_EINVOICE_PROFILE_EN16931,
  REMIT_EINVOICE_PROFILE_EXTENDED,
  REMIT_EINVOICE_PROFILE_XRECHNUNG,
  REMIT_EINVOICE_PROFILE_PEPPOL,
} RemitEInvoiceProfile;

/**
 * RemitEInvoiceProblem:
 * @field: which value: an API label where there is one (`iban`, `bic`, `amountToPay`,
 *   `paymentRecipient`), else a name such as `grandTotal`, `lineItems`, `dueDate` or
 *   `lineItems[2].quantity` (0-based index)
 * @message: what is wrong, translated, for a person
 *
 * A value that the e-invoice states but that contradicts itself or a rule. The value is
 * kept as found; it is never corrected.
 */
typedef struct
{
  char *field;
  char *message;
} RemitEInvoiceProblem;

/**
 * RemitEInvoiceAccount:
 * @iban: the payee's account as found, without spaces and upper-cased
 * @iban_valid: whether @iban passes remit_iban_validate()
 * @bic: the payee's bank as found (compact, upper-cased), or %NULL
 * @bic_valid: whether @bic has the shape of a BIC (%FALSE when there is none)
 * @account_name: the account holder, or %NULL
 * @means_code: the UNTDID 4461 payment means code of the entry it came from, 0 if none
 *
 * An account of the payee to which money can be sent. Never the buyer's account.
 */
typedef struct
{
  char *iban;
  gboolean iban_valid;
  char *bic;
  gboolean bic_valid;
  char *account_name;
  int means_code;
} RemitEInvoiceAccount;

/**
 * RemitEInvoiceLineItem:
 * @position: the line id (CII `LineID`, UBL `ID`)
 * @description: the item's name (its description when it has no name)
 * @article_number: the seller's article number, else the global id (GTIN)
 * @quantity: the billed quantity as exact decimal text without trailing zeros ("20",
 *   "27.5", "-2"), or %NULL
 * @unit_code: the UN/ECE Rec. 20 unit code of @quantity ("H87", "C62", "KGM"), or %NULL
 * @net_price: the net unit price (CII `NetPriceProductTradePrice`, UBL `PriceAmount`) as
 *   exact decimal text, for @net_price_basis_quantity units
 * @net_price_basis_quantity: how many units @net_price is for, %NULL meaning one
 * @gross_price: the price before item discount (CII `GrossPriceProductTradePrice`, UBL
 *   `Price/AllowanceCharge/BaseAmount`) as exact decimal text. Despite the name it is
 *   usually still net of VAT.
 * @gross_price_basis_quantity: how many units @gross_price is for, %NULL meaning one
 * @vat_rate: the line's VAT rate in percent as exact decimal text, or %NULL
 * @vat_category: the VAT category code (S, Z, E, AE, K, G, O, L, M), or %NULL
 * @line_total: the line's net amount, allowances and charges of the line applied
 * @unit_gross: the price of one unit including VAT, computed from @line_total, @vat_rate
 *   and @quantity and rounded half away from zero to the currency's minor unit; %NULL
 *   when one of them is missing or the quantity is zero
 */
typedef struct
{
  char *position;
  char *description;
  char *article_number;
  char *quantity;
  char *unit_code;
  char *net_price;
  char *net_price_basis_quantity;
  char *gross_price;
  char *gross_price_basis_quantity;
  char *vat_rate;
  char *vat_category;
  RemitAmount *line_total;
  RemitAmount *unit_gross;
} RemitEInvoiceLineItem;

/**
 * RemitEInvoiceAllowanceCharge:
 * @is_charge: %TRUE for a charge (shipping, packaging), %FALSE for an allowance (discount)
 * @amount: the amount as written (normally positive), or %NULL if it could not be read
 * @basis: the amount a percentage applies to, or %NULL
 * @percent: the percentage as exact decimal text, or %NULL
 * @reason: the reason as text, or %NULL
 * @reason_code: UNTDID 5189 (allowances) or 7161 (charges) code, or %NULL
 * @vat_rate: the VAT rate it is taxed at, as exact decimal text, or %NULL
 *
 * An allowance or charge on the whole document.
 */
typedef struct
{
  gboolean is_charge;
  RemitAmount *amount;
  RemitAmount *basis;
  char *percent;
  char *reason;
  char *reason_code;
  char *vat_rate;
} RemitEInvoiceAllowanceCharge;

/**
 * RemitEInvoice:
 * @syntax: the XML syntax
 * @profile: the profile the guideline id names
 * @guideline_id: the guideline id as found, or %NULL
 * @source_name: the PDF attachment it was read from, or %NULL for plain XML
 * @type_code: the UNTDID 1001 document type code (380 invoice, 381 credit note, …), 0 if
 *   missing
 * @doc_type: the API document type, always %REMIT_EINVOICE_DOC_TYPE
 * @is_credit_note: a credit note (381, 81, 83, 261, 262, 296, 308, 396, 420, 458, 532, or
 *   the UBL CreditNote syntax)
 * @is_corrected: a corrected invoice (384)
 * @is_self_billed: issued by the buyer (389, 261, 527)
 * @is_partial: a partial invoice (326, 875, 876)
 * @is_construction: a construction invoice (875 partial, 876 partial final, 877 final)
 * @is_prepayment: a prepayment invoice (386)
 * @invoice_number: the document number
 * @issue_date: the issue date as `YYYY-MM-DD`, or %NULL
 * @due_date: the payment due date as `YYYY-MM-DD`, or %NULL (the first one given when
 *   there are several payment terms)
 * @currency: the invoice currency (ISO 4217)
 * @amount_due: what is to be paid (CII `DuePayableAmount`, else `GrandTotalAmount`; UBL
 *   `PayableAmount`, else `TaxInclusiveAmount`), or %NULL
 * @grand_total: the total including VAT, or %NULL
 * @prepaid: the amount paid before, or %NULL
 * @rounding: the rounding amount added to the amount due, or %NULL
 * @line_total: the header's sum of line net amounts, or %NULL
 * @allowance_total: the sum of document-level allowances, or %NULL
 * @charge_total: the sum of document-level charges, or %NULL
 * @net_total: the total without VAT (CII `TaxBasisTotalAmount`, UBL `TaxExclusiveAmount`)
 * @tax_total: the VAT total in the invoice currency, or %NULL
 * @payee: who is paid: the payee party's name, else the seller's
 * @seller_name: the seller's name
 * @buyer_name: the buyer's name
 * @payment_means_code: the UNTDID 4461 code of the first payment means (58 SEPA credit
 *   transfer, 59 SEPA direct debit, 30 credit transfer, 48/54 card, …), 0 if none
 * @debited: the amount will be collected by direct debit; there is nothing to transfer
 * @accounts: (element-type RemitEInvoiceAccount): the payee's accounts, in document order
 * @creditor_id: the SEPA creditor identifier for a direct debit, or %NULL
 * @mandate_reference: the direct-debit mandate reference, or %NULL
 * @debtor_iban: the buyer's account that a direct debit is taken from, as found; a
 *   payment must never be sent to it
 * @payment_reference: the remittance information the payee asks for, or %NULL
 * @purpose: what a transfer should carry: @payment_reference, else the invoice number
 * @line_items: (element-type RemitEInvoiceLineItem): the lines, in document order
 * @allowance_charges: (element-type RemitEInvoiceAllowanceCharge): document-level
 *   allowances and charges, in document order
 * @problems: (element-type RemitEInvoiceProblem): what was found wrong
 *
 * What an e-invoice says about paying it. Free with remit_einvoice_free().
 */
typedef struct
{
  RemitEInvoiceSyntax syntax;
  RemitEInvoiceProfile profile;
  char *guideline_id;
  char *source_name;

  int type_code;
  const char *doc_type;
  gboolean is_credit_note;
  gboolean is_corrected;
  gboolean is_self_billed;
  gboolean is_partial;
  gboolean is_construction;
  gboolean is_prepayment;

  char *invoice_number;
  char *issue_date;
  char *due_date;
  char *currency;

  RemitAmount *amount_due;
  RemitAmount *grand_total;
  RemitAmount *prepaid;
  RemitAmount *rounding;
  RemitAmount *line_total;
  RemitAmount *allowance_total;
  RemitAmount *charge_total;
  RemitAmount *net_total;
  RemitAmount *tax_total;

  char *payee;
  char *seller_name;
  char *buyer_name;

  int payment_means_code;
  gboolean debited;
  GPtrArray *accounts;
  char *creditor_id;
  char *mandate_reference;
  char *debtor_iban;
  char *payment_reference;
  char *purpose;

  GPtrArray *line_items;
  GPtrArray *allowance_charges;
  GPtrArray *problems;
} RemitEInvoice;

void remit_einvoice_free (RemitEInvoice *invoice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitEInvoice, remit_einvoice_free)

RemitEInvoice *remit_einvoice_from_xml (const char *data, gsize length, GError **error);
RemitEInvoice *remit_einvoice_from_pdf (PopplerDocument *document, GError **error);
RemitEInvoice *remit_einvoice_from_file (GFile *file,
                                         GCancellable *cancellable,
                                         GError **error);

const RemitEInvoiceAccount *remit_einvoice_get_payable_account (const RemitEInvoice *invoice);
const RemitEInvoiceProblem *remit_einvoice_find_problem (const RemitEInvoice *invoice,
                                                         const char *field);

const char *remit_einvoice_syntax_to_string (RemitEInvoiceSyntax syntax);
const char *remit_einvoice_profile_to_string (RemitEInvoiceProfile profile);

G_END_DECLS
