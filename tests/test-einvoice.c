/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "remit-einvoice.h"
#include "remit-engine-error.h"

/* Helpers */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "einvoice", name, NULL);
}

static RemitEInvoice *
load_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RemitEInvoice *invoice = remit_einvoice_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (invoice);
  return invoice;
}

static GError *
load_data_error (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GError *error = NULL;
  g_autoptr (RemitEInvoice) invoice = remit_einvoice_from_file (file, NULL, &error);

  g_assert_null (invoice);
  g_assert_nonnull (error);
  return error;
}

static RemitEInvoice *
parse_string (const char *xml)
{
  g_autoptr (GError) error = NULL;
  RemitEInvoice *invoice = remit_einvoice_from_xml (xml, strlen (xml), &error);

  g_assert_no_error (error);
  g_assert_nonnull (invoice);
  return invoice;
}

static void
assert_amount (const RemitAmount *amount, const char *expected_wire)
{
  g_autofree char *wire = NULL;

  if (expected_wire == NULL)
    {
      g_assert_null (amount);
      return;
    }

  g_assert_nonnull (amount);
  wire = remit_amount_to_wire (amount);
  g_assert_cmpstr (wire, ==, expected_wire);
}

static RemitEInvoiceLineItem *
line_item (const RemitEInvoice *invoice, guint index)
{
  g_assert_cmpuint (index, <, invoice->line_items->len);
  return g_ptr_array_index (invoice->line_items, index);
}

static RemitEInvoiceAllowanceCharge *
allowance_charge (const RemitEInvoice *invoice, guint index)
{
  g_assert_cmpuint (index, <, invoice->allowance_charges->len);
  return g_ptr_array_index (invoice->allowance_charges, index);
}

static RemitEInvoiceAccount *
account (const RemitEInvoice *invoice, guint index)
{
  g_assert_cmpuint (index, <, invoice->accounts->len);
  return g_ptr_array_index (invoice->accounts, index);
}

static void
assert_problem_fields (const RemitEInvoice *invoice, const char *const *fields)
{
  g_autoptr (GString) found = g_string_new (NULL);
  g_autofree char *expected = g_strjoinv (",", (char **) fields);

  for (guint i = 0; i < invoice->problems->len; i++)
    {
      const RemitEInvoiceProblem *problem = g_ptr_array_index (invoice->problems, i);

      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_string_append_printf (found, "%s%s", i > 0 ? "," : "", problem->field);
    }

  g_assert_cmpstr (found->str, ==, expected);
}

/* A minimal CII invoice around @lines and @summation, in @currency. */
static char *
make_cii (const char *currency, const char *lines, const char *summation)
{
  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rsm:CrossIndustryInvoice"
    " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
    " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100\""
    " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">"
    "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
    "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>"
    "</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>"
    "<rsm:ExchangedDocument><ram:ID>T-1</ram:ID><ram:TypeCode>380</ram:TypeCode>"
    "<ram:IssueDateTime><udt:DateTimeString format=\"102\">20240131</udt:DateTimeString>"
    "</ram:IssueDateTime></rsm:ExchangedDocument>"
    "<rsm:SupplyChainTradeTransaction>%s"
    "<ram:ApplicableHeaderTradeAgreement>"
    "<ram:SellerTradeParty><ram:Name>Test Seller</ram:Name></ram:SellerTradeParty>"
    "<ram:BuyerTradeParty><ram:Name>Test Buyer</ram:Name></ram:BuyerTradeParty>"
    "</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery/>"
    "<ram:ApplicableHeaderTradeSettlement>%s%s%s"
    "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>%s"
    "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
    "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
    "</rsm:CrossIndustryInvoice>\n",
    lines != NULL ? lines : "", currency != NULL ? "<ram:InvoiceCurrencyCode>" : "",
    currency != NULL ? currency : "", currency != NULL ? "</ram:InvoiceCurrencyCode>" : "",
    summation != NULL ? summation : "");
}

/* A minimal CII invoice that states only the amount due. */
static char *
make_cii_due (const char *currency, const char *due)
{
  g_autofree char *summation =
    g_strdup_printf ("<ram:DuePayableAmount>%s</ram:DuePayableAmount>", due);

  return make_cii (currency, NULL, summation);
}

/* One CII line; @rate and @category may be NULL to leave them out. */
static char *
make_cii_line (const char *quantity, const char *category, const char *rate, const char *total)
{
  return g_strdup_printf (
    "<ram:IncludedSupplyChainTradeLineItem>"
    "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>"
    "</ram:AssociatedDocumentLineDocument>"
    "<ram:SpecifiedTradeProduct><ram:Name>Item</ram:Name></ram:SpecifiedTradeProduct>"
    "<ram:SpecifiedLineTradeAgreement/>"
    "<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"C62\">%s"
    "</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>"
    "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>"
    "%s%s%s%s%s%s</ram:ApplicableTradeTax>"
    "<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>%s"
    "</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>"
    "</ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>",
    quantity, category != NULL ? "<ram:CategoryCode>" : "", category != NULL ? category : "",
    category != NULL ? "</ram:CategoryCode>" : "",
    rate != NULL ? "<ram:RateApplicablePercent>" : "", rate != NULL ? rate : "",
    rate != NULL ? "</ram:RateApplicablePercent>" : "", total);
}

/* Authored XML files */

static void
test_zugferd1 (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("zugferd1-comfort.xml");
  RemitEInvoiceLineItem *item;
  RemitEInvoiceAllowanceCharge *entry;

  g_assert_cmpint (invoice->syntax, ==, REMIT_EINVOICE_SYNTAX_ZUGFERD1);
  g_assert_cmpint (invoice->profile, ==, REMIT_EINVOICE_PROFILE_EN16931);
  g_assert_cmpstr (invoice->guideline_id, ==, "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort");
  g_assert_null (invoice->source_name);
  g_assert_cmpint (invoice->type_code, ==, 380);
  g_assert_cmpstr (invoice->doc_type, ==, "Invoice");
  g_assert_false (invoice->is_credit_note);
  g_assert_cmpstr (invoice->invoice_number, ==, "ZF1-2014-0815");
  g_assert_cmpstr (invoice->issue_date, ==, "2014-03-12");
  g_assert_cmpstr (invoice->due_date, ==, "2014-04-11");
  g_assert_cmpstr (invoice->currency, ==, "EUR");
  assert_amount (invoice->amount_due, "155.89:EUR");
  assert_amount (invoice->grand_total, "155.89:EUR");
  assert_amount (invoice->net_total, "131.00:EUR");
  assert_amount (invoice->tax_total, "24.89:EUR");
  assert_amount (invoice->line_total, "130.00:EUR");
  assert_amount (invoice->charge_total, "6.00:EUR");
  assert_amount (invoice->allowance_total, "5.00:EUR");
  g_assert_cmpstr (invoice->seller_name, ==, "Bürobedarf Kramer KG");
  g_assert_cmpstr (invoice->buyer_name, ==, "Stadtbücherei Nordheim");
  g_assert_cmpstr (invoice->payee, ==, "Bürobedarf Kramer KG");
  g_assert_cmpint (invoice->payment_means_code, ==, 31);
  g_assert_false (invoice->debited);
  g_assert_cmpuint (invoice->accounts->len, ==, 1);
  g_assert_cmpstr (account (invoice, 0)->iban, ==, "DE89370400440532013000");
  g_assert_true (account (invoice, 0)->iban_valid);
  g_assert_cmpstr (account (invoice, 0)->bic, ==, "COBADEFFXXX");
  g_assert_true (account (invoice, 0)->bic_valid);
  g_assert_cmpstr (account (invoice, 0)->account_name, ==, "Bürobedarf Kramer KG");
  g_assert_true (remit_einvoice_get_payable_account (invoice) == account (invoice, 0));
  g_assert_cmpstr (invoice->payment_reference, ==, "ZF1-2014-0815 Kd 4711");
  g_assert_cmpstr (invoice->purpose, ==, "ZF1-2014-0815 Kd 4711");

  g_assert_cmpuint (invoice->line_items->len, ==, 2);
  item = line_item (invoice, 0);
  g_assert_cmpstr (item->position, ==, "1");
  g_assert_cmpstr (item->description, ==, "Klebestift 20 g");
  g_assert_cmpstr (item->article_number, ==, "KL-100");
  g_assert_cmpstr (item->quantity, ==, "40");
  g_assert_cmpstr (item->unit_code, ==, "C62");
  g_assert_cmpstr (item->net_price, ==, "2.5");
  g_assert_cmpstr (item->net_price_basis_quantity, ==, "1");
  g_assert_cmpstr (item->gross_price, ==, "2.5");
  g_assert_cmpstr (item->vat_rate, ==, "19");
  assert_amount (item->line_total, "100.00:EUR");
  /* 100.00 × 1.19 / 40 = 2.975, half up */
  assert_amount (item->unit_gross, "2.98:EUR");
  item = line_item (invoice, 1);
  g_assert_cmpstr (item->article_number, ==, "4012345678918");
  g_assert_cmpstr (item->quantity, ==, "2");
  g_assert_cmpstr (item->unit_code, ==, "H87");
  g_assert_null (item->gross_price);
  assert_amount (item->unit_gross, "17.85:EUR");

  g_assert_cmpuint (invoice->allowance_charges->len, ==, 2);
  entry = allowance_charge (invoice, 0);
  g_assert_false (entry->is_charge);
  assert_amount (entry->amount, "5.00:EUR");
  g_assert_cmpstr (entry->reason, ==, "Treuerabatt");
  g_assert_cmpstr (entry->vat_rate, ==, "19");
  entry = allowance_charge (invoice, 1);
  g_assert_true (entry->is_charge);
  assert_amount (entry->amount, "6.00:EUR");
  g_assert_cmpstr (entry->reason, ==, "Versandkosten");

  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_xrechnung_cii (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("xrechnung-cii.xml");
  RemitEInvoiceLineItem *item;

  g_assert_cmpint (invoice->syntax, ==, REMIT_EINVOICE_SYNTAX_CII);
  g_assert_cmpint (invoice->profile, ==, REMIT_EINVOICE_PROFILE_XRECHNUNG);
  g_assert_cmpstr (invoice->invoice_number, ==, "XR-2024-0042");
  g_assert_cmpstr (invoice->issue_date, ==, "2024-04-15");
  g_assert_cmpstr (invoice->due_date, ==, "2024-05-15");
  /* "1469.0600" and "1234.5" become exact cents */
  assert_amount (invoice->amount_due, "1469.06:EUR");
  assert_amount (invoice->line_total, "1234.50:EUR");
  g_assert_null (invoice->prepaid);
  g_assert_cmpstr (invoice->payee, ==, "Nordlicht Software GmbH");
  g_assert_cmpstr (invoice->buyer_name, ==, "Landesamt für Statistik");
  g_assert_cmpint (invoice->payment_means_code, ==, 58);
  g_assert_cmpuint (invoice->accounts->len, ==, 1);
  g_assert_cmpstr (account (invoice, 0)->iban, ==, "DE75512108001245126199");
  g_assert_cmpstr (account (invoice, 0)->bic, ==, "SOGEDEFFXXX");
  g_assert_cmpstr (invoice->payment_reference, ==, "XR-2024-0042 / 991-12345-67");
  g_assert_cmpstr (invoice->purpose, ==, "XR-2024-0042 / 991-12345-67");

  g_assert_cmpuint (invoice->line_items->len, ==, 2);
  item = line_item (invoice, 0);
  g_assert_cmpstr (item->position, ==, "10");
  g_assert_cmpstr (item->description, ==, "Beratung vor Ort");
  g_assert_cmpstr (item->quantity, ==, "7.5");
  g_assert_cmpstr (item->unit_code, ==, "HUR");
  assert_amount (item->unit_gross, "142.80:EUR");
  item = line_item (invoice, 1);
  g_assert_cmpstr (item->article_number, ==, "4260123450005");
  g_assert_cmpstr (item->net_price, ==, "3345");
  g_assert_cmpstr (item->net_price_basis_quantity, ==, "10");
  g_assert_cmpstr (item->gross_price, ==, "3950");
  g_assert_cmpstr (item->gross_price_basis_quantity, ==, "10");
  assert_amount (item->line_total, "334.50:EUR");
  /* 334.50 × 1.19 = 398.055, half up */
  assert_amount (item->unit_gross, "398.06:EUR");

  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_ubl_invoice (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("ubl-invoice.xml");
  RemitEInvoiceLineItem *item;
  RemitEInvoiceAllowanceCharge *entry;

  g_assert_cmpint (invoice->syntax, ==, REMIT_EINVOICE_SYNTAX_UBL_INVOICE);
  g_assert_cmpint (invoice->profile, ==, REMIT_EINVOICE_PROFILE_PEPPOL);
  g_assert_cmpint (invoice->type_code, ==, 380);
  g_assert_false (invoice->is_credit_note);
  g_assert_cmpstr (invoice->invoice_number, ==, "UBL-INV-7001");
  g_assert_cmpstr (invoice->issue_date, ==, "2024-02-01");
  g_assert_cmpstr (invoice->due_date, ==, "2024-03-02");
  assert_amount (invoice->amount_due, "258.45:EUR");
  assert_amount (invoice->grand_total, "358.45:EUR");
  assert_amount (invoice->prepaid, "100.00:EUR");
  assert_amount (invoice->net_total, "335.00:EUR");
  assert_amount (invoice->tax_total, "23.45:EUR");
  assert_amount (invoice->line_total, "332.50:EUR");
  g_assert_cmpstr (invoice->seller_name, ==, "Fjordfisk Handel GmbH");
  g_assert_cmpstr (invoice->buyer_name, ==, "Restaurant Möwe OHG");
  g_assert_cmpstr (invoice->payee, ==, "Fjordfisk Factoring AG");
  g_assert_cmpint (invoice->payment_means_code, ==, 58);
  g_assert_cmpstr (account (invoice, 0)->iban, ==, "AT611904300234573201");
  g_assert_true (account (invoice, 0)->iban_valid);
  g_assert_cmpstr (account (invoice, 0)->bic, ==, "BKAUATWW");
  g_assert_cmpstr (account (invoice, 0)->account_name, ==, "Fjordfisk Factoring AG");
  g_assert_cmpstr (invoice->payment_reference, ==, "INV7001 Kunde 88");

  g_assert_cmpuint (invoice->line_items->len, ==, 2);
  item = line_item (invoice, 0);
  g_assert_cmpstr (item->description, ==, "Lachsfilet");
  g_assert_cmpstr (item->article_number, ==, "LF-01");
  g_assert_cmpstr (item->quantity, ==, "12.5");
  g_assert_cmpstr (item->unit_code, ==, "KGM");
  g_assert_cmpstr (item->net_price, ==, "23");
  g_assert_cmpstr (item->gross_price, ==, "25");
  g_assert_cmpstr (item->vat_rate, ==, "7");
  g_assert_cmpstr (item->vat_category, ==, "S");
  assert_amount (item->unit_gross, "24.61:EUR");
  item = line_item (invoice, 1);
  g_assert_cmpstr (item->article_number, ==, "4000000000017");
  g_assert_null (item->gross_price);
  assert_amount (item->unit_gross, "16.05:EUR");

  g_assert_cmpuint (invoice->allowance_charges->len, ==, 2);
  entry = allowance_charge (invoice, 0);
  g_assert_true (entry->is_charge);
  g_assert_cmpstr (entry->reason_code, ==, "FC");
  assert_amount (entry->amount, "12.50:EUR");
  entry = allowance_charge (invoice, 1);
  g_assert_false (entry->is_charge);
  g_assert_cmpstr (entry->reason, ==, "Stammkundenrabatt");
  g_assert_cmpstr (entry->percent, ==, "3.0075");
  assert_amount (entry->amount, "10.00:EUR");
  assert_amount (entry->basis, "332.50:EUR");

  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_ubl_credit_note (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("ubl-creditnote.xml");

  g_assert_cmpint (invoice->syntax, ==, REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE);
  g_assert_cmpint (invoice->profile, ==, REMIT_EINVOICE_PROFILE_EN16931);
  g_assert_cmpint (invoice->type_code, ==, 381);
  g_assert_cmpstr (invoice->doc_type, ==, "Invoice");
  g_assert_true (invoice->is_credit_note);
  g_assert_cmpstr (invoice->invoice_number, ==, "CN-2024-0003");
  g_assert_cmpstr (invoice->currency, ==, "CHF");
  assert_amount (invoice->amount_due, "86.48:CHF");
  /* From PaymentMeans/PaymentDueDate, time zone dropped */
  g_assert_cmpstr (invoice->due_date, ==, "2024-03-31");
  g_assert_cmpstr (invoice->payee, ==, "Uhrmacherei Brunner AG");
  g_assert_cmpstr (invoice->buyer_name, ==, "Musterkunde GmbH");
  g_assert_cmpstr (account (invoice, 0)->iban, ==, "CH9300762011623852957");
  g_assert_null (account (invoice, 0)->bic);
  g_assert_cmpstr (invoice->purpose, ==, "CN-2024-0003");
  g_assert_cmpuint (invoice->line_items->len, ==, 1);
  g_assert_cmpstr (line_item (invoice, 0)->quantity, ==, "2");
  g_assert_cmpstr (line_item (invoice, 0)->vat_rate, ==, "8.1");
  assert_amount (line_item (invoice, 0)->unit_gross, "43.24:CHF");
  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_ubl_direct_debit (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("ubl-direct-debit.xml");

  g_assert_cmpint (invoice->profile, ==, REMIT_EINVOICE_PROFILE_XRECHNUNG);
  g_assert_cmpstr (invoice->invoice_number, ==, "DD-5531");
  assert_amount (invoice->amount_due, "100.00:EUR");
  g_assert_cmpint (invoice->payment_means_code, ==, 59);
  g_assert_true (invoice->debited);
  g_assert_cmpuint (invoice->accounts->len, ==, 0);
  g_assert_null (remit_einvoice_get_payable_account (invoice));
  g_assert_cmpstr (invoice->debtor_iban, ==, "DE21860000000086001055");
  g_assert_cmpstr (invoice->creditor_id, ==, "DE98ZZZ09999999999");
  g_assert_cmpstr (invoice->mandate_reference, ==, "MANDAT-2019-77");
  g_assert_cmpstr (invoice->payee, ==, "Stadtwerke Beispielstadt GmbH");
  assert_amount (line_item (invoice, 0)->unit_gross, "100.00:EUR");
  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_contradictions (void)
{
  g_autoptr (RemitEInvoice) invoice = load_data ("contradictions.xml");
  const char *const expected[] = {
    "iban", "bic", "dueDate", "allowanceCharges[0]", "lineItems[1].quantity",
    "amountToPay", "lineItems", NULL,
  };
  const RemitEInvoiceProblem *problem;

  assert_problem_fields (invoice, expected);

  /* Reported as found, never corrected */
  assert_amount (invoice->amount_due, "200.00:EUR");
  assert_amount (invoice->grand_total, "190.40:EUR");
  assert_amount (invoice->line_total, "160.00:EUR");
  g_assert_cmpstr (account (invoice, 0)->iban, ==, "DE12123456781234567890");
  g_assert_false (account (invoice, 0)->iban_valid);
  g_assert_cmpstr (account (invoice, 0)->bic, ==, "DEUTDE");
  g_assert_false (account (invoice, 0)->bic_valid);
  /* The only account is offered with its problem; the caller sees it is not valid. */
  g_assert_true (remit_einvoice_get_payable_account (invoice) == account (invoice, 0));
  g_assert_null (invoice->due_date);
  g_assert_cmpstr (line_item (invoice, 1)->quantity, ==, "zwei");
  g_assert_null (line_item (invoice, 1)->unit_gross);
  g_assert_cmpuint (invoice->allowance_charges->len, ==, 1);
  g_assert_null (allowance_charge (invoice, 0)->amount);
  g_assert_cmpstr (allowance_charge (invoice, 0)->reason, ==, "Mindermengenzuschlag");

  problem = remit_einvoice_find_problem (invoice, "iban");
  g_assert_nonnull (strstr (problem->message, "DE12123456781234567890"));
  problem = remit_einvoice_find_problem (invoice, "allowanceCharges[0]");
  g_assert_nonnull (strstr (problem->message, "2.505"));
  problem = remit_einvoice_find_problem (invoice, "amountToPay");
  g_assert_nonnull (strstr (problem->message, "200.00"));
  g_assert_nonnull (strstr (problem->message, "190.40"));
  g_assert_null (remit_einvoice_find_problem (invoice, "grandTotal"));
}

static void
test_not_an_invoice (void)
{
  g_autoptr (GError) error = load_data_error ("not-an-invoice.xml");

  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE);
}

static void
test_malformed (void)
{
  g_autoptr (GError) error = load_data_error ("malformed.xml");
  g_autoptr (GError) empty_error = NULL;
  g_autoptr (GError) blank_error = NULL;
  g_autoptr (RemitEInvoice) empty = remit_einvoice_from_xml ("", 0, &empty_error);
  g_autoptr (RemitEInvoice) blank = remit_einvoice_from_xml ("  \n", 3, &blank_error);

  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_assert_null (empty);
  g_assert_error (empty_error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_assert_null (blank);
  g_assert_error (blank_error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
}

static void
test_unsupported_file (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autofree char *dir = g_dir_make_tmp ("remit-einvoice-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) invoice = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
  invoice = remit_einvoice_from_file (file, NULL, &error);
  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE);

  g_unlink (path);
  g_rmdir (dir);
}

/* An XML file in UTF-16 with a byte-order mark is recognised and read. */
static void
test_utf16_file (void)
{
  g_autofree char *utf8 = NULL;
  g_autofree char *relabelled = NULL;
  g_autofree char *utf16 = NULL;
  g_autoptr (GString) contents = g_string_new ("\xFF\xFE");
  g_autofree char *dir = g_dir_make_tmp ("remit-einvoice-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "credit-note-utf16.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) invoice = NULL;
  g_auto (GStrv) parts = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "einvoice",
                                                           "ubl-creditnote.xml", NULL),
                                      &utf8, NULL, NULL));
  parts = g_strsplit (utf8, "encoding=\"UTF-8\"", 2);
  relabelled = g_strjoinv ("encoding=\"UTF-16\"", parts);
  utf16 = g_convert (relabelled, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_string_append_len (contents, utf16, (gssize) length);
  g_assert_true (g_file_set_contents (path, contents->str, (gssize) contents->len, NULL));

  invoice = remit_einvoice_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (invoice->invoice_number, ==, "CN-2024-0003");
  g_assert_cmpstr (invoice->buyer_name, ==, "Musterkunde GmbH");
  assert_amount (invoice->amount_due, "86.48:CHF");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_too_large (void)
{
  g_autofree char *small = make_cii_due ("EUR", "1.00");
  gsize small_length = strlen (small);
  g_autoptr (GString) big = g_string_sized_new (REMIT_EINVOICE_MAX_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) at_limit = NULL;
  g_autoptr (RemitEInvoice) over_limit = NULL;
  g_autofree char *dir = g_dir_make_tmp ("remit-einvoice-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (RemitEInvoice) from_file = NULL;

  /* Exactly 10 MiB: comments of 1 KiB and less pad a valid invoice; it is read. */
  g_string_append (big, small);
  while (big->len < REMIT_EINVOICE_MAX_SIZE)
    {
      gsize room = MIN (REMIT_EINVOICE_MAX_SIZE - big->len, 1024);

      g_string_append (big, "<!--");
      for (gsize i = 0; i + 7 < room; i++)
        g_string_append_c (big, 'x');
      g_string_append (big, "-->");
    }
  g_assert_cmpuint (big->len, ==, REMIT_EINVOICE_MAX_SIZE);
  at_limit = remit_einvoice_from_xml (big->str, big->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (at_limit);
  assert_amount (at_limit->amount_due, "1.00:EUR");

  /* One byte more is refused, from memory and from a file. */
  g_string_insert_c (big, small_length + 4, 'x');
  over_limit = remit_einvoice_from_xml (big->str, big->len, &error);
  g_assert_null (over_limit);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, big->str, (gssize) big->len, NULL));
  from_file = remit_einvoice_from_file (file, NULL, &error);
  g_assert_null (from_file);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE);

  g_unlink (path);
  g_rmdir (dir);
}

/* Safety */

static void
test_billion_laughs (void)
{
  g_autoptr (GError) error = load_data_error ("billion-laughs.xml");

  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_assert_null (strstr (error->message, "lol"));
}

/* Even one plain entity of the document's own, which the XML library would expand without
 * complaint, is refused. */
static void
test_internal_entity (void)
{
  g_autofree char *body = make_cii_due ("EUR", "1.00");
  g_auto (GStrv) parts = g_strsplit (strchr (body, '\n') + 1, "<ram:ID>T-1</ram:ID>", 2);
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY number \"FROM-ENTITY\"> ]>\n"
    "%s<ram:ID>&number;</ram:ID>%s",
    parts[0], parts[1]);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) invoice = remit_einvoice_from_xml (xml, strlen (xml), &error);

  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
}

static void
test_external_entities (void)
{
  g_autoptr (GError) file_error = load_data_error ("xxe-file.xml");
  g_autoptr (GError) http_error = load_data_error ("xxe-http.xml");
  g_autofree char *dir = g_dir_make_tmp ("remit-einvoice-XXXXXX", NULL);
  g_autofree char *secret_path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *secret_uri = g_filename_to_uri (secret_path, NULL, NULL);
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) invoice = NULL;

  g_assert_error (file_error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_assert_error (http_error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);

  /* A file that exists: its content must not end up anywhere. */
  g_assert_true (g_file_set_contents (secret_path, "TOP-SECRET-4711", -1, NULL));
  xml = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY secret SYSTEM \"%s\"> ]>\n"
    "<rsm:CrossIndustryInvoice"
    " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
    " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100\">"
    "<rsm:ExchangedDocument><ram:ID>&secret;</ram:ID></rsm:ExchangedDocument>"
    "</rsm:CrossIndustryInvoice>\n",
    secret_uri);
  invoice = remit_einvoice_from_xml (xml, strlen (xml), &error);
  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_assert_null (strstr (error->message, "TOP-SECRET"));

  g_unlink (secret_path);
  g_rmdir (dir);
}

static void
test_harmless_doctype (void)
{
  g_autofree char *body = make_cii_due ("EUR", "5.00");
  /* Skip the XML declaration of the generated document and put a DOCTYPE before the root. */
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n<!DOCTYPE rsm:CrossIndustryInvoice [ <!ELEMENT x ANY> ]>\n%s",
    strchr (body, '\n') + 1);
  g_autoptr (RemitEInvoice) invoice = parse_string (xml);

  assert_amount (invoice->amount_due, "5.00:EUR");
}

typedef struct
{
  GSocketListener *listener;
  GCancellable *cancellable;
  guint16 port;
  guint connections;
  gboolean stopped;
} Listener;

static void
on_incoming (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Listener *self = user_data;
  g_autoptr (GSocketConnection) connection = NULL;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, NULL);
  if (connection == NULL)
    {
      self->stopped = TRUE;
      return;
    }

  self->connections++;
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_socket_listener_accept_async (self->listener, self->cancellable, on_incoming, self);
}

static void
listener_start (Listener *self)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  self->listener = g_socket_listener_new ();
  self->cancellable = g_cancellable_new ();
  g_socket_listener_add_address (self->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_accept_async (self->listener, self->cancellable, on_incoming, self);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets pending connections arrive. */
static void
run_main_context (guint milliseconds)
{
  gboolean expired = FALSE;

  g_timeout_add (milliseconds, on_timeout, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static void
listener_stop (Listener *self)
{
  g_cancellable_cancel (self->cancellable);
  while (!self->stopped)
    g_main_context_iteration (NULL, TRUE);
  g_socket_listener_close (self->listener);
  g_clear_object (&self->listener);
  g_clear_object (&self->cancellable);
}

typedef struct
{
  char *xml;
  RemitEInvoice *invoice;
  GError *error;
  gint done;
} ParseJob;

static gpointer
parse_job_run (gpointer user_data)
{
  ParseJob *job = user_data;

  job->invoice = remit_einvoice_from_xml (job->xml, strlen (job->xml), &job->error);
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* Parses in a thread while the main thread accepts connections: a parser that tried to
 * fetch would be answered (and closed) instead of hanging the test. */
static RemitEInvoice *
parse_watched (const char *xml, GError **error)
{
  ParseJob job = { .xml = (char *) xml };
  GThread *thread = g_thread_new ("parse", parse_job_run, &job);

  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  run_main_context (100);

  if (job.error != NULL)
    g_propagate_error (error, job.error);
  return job.invoice;
}

static void
test_no_network (void)
{
  Listener listener = { 0 };
  const char *head = "<rsm:CrossIndustryInvoice"
                     " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
                     " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
                     "ReusableAggregateBusinessInformationEntity:100\">";
  g_autofree char *entity = NULL;
  g_autofree char *parameter = NULL;
  g_autofree char *external_dtd = NULL;
  g_autofree char *body = make_cii_due ("EUR", "7.00");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitEInvoice) invoice = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) probe = NULL;

  listener_start (&listener);

  /* An external general entity */
  entity = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY remote SYSTEM \"http://127.0.0.1:%u/e\"> ]>\n"
    "%s<rsm:ExchangedDocument><ram:ID>&remote;</ram:ID></rsm:ExchangedDocument>"
    "</rsm:CrossIndustryInvoice>\n",
    listener.port, head);
  invoice = parse_watched (entity, &error);
  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* An external parameter entity */
  parameter = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY %% remote SYSTEM "
    "\"http://127.0.0.1:%u/p\"> %%remote; ]>\n%s</rsm:CrossIndustryInvoice>\n",
    listener.port, head);
  invoice = parse_watched (parameter, &error);
  g_assert_null (invoice);
  g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* An external DTD declares nothing in the document itself: it is read, the DTD is not. */
  external_dtd = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rsm:CrossIndustryInvoice SYSTEM \"http://127.0.0.1:%u/invoice.dtd\">\n%s",
    listener.port, strchr (body, '\n') + 1);
  invoice = parse_watched (external_dtd, &error);
  g_assert_no_error (error);
  g_assert_nonnull (invoice);
  assert_amount (invoice->amount_due, "7.00:EUR");

  g_assert_cmpuint (listener.connections, ==, 0);

  /* The listener does see a connection when there is one. */
  probe = g_socket_client_connect_to_host (client, "127.0.0.1", listener.port, NULL, &error);
  g_assert_no_error (error);
  run_main_context (100);
  g_assert_cmpuint (listener.connections, ==, 1);

  listener_stop (&listener);
}

/* Values */

static void
test_amount_decimals (void)
{
  static const struct
  {
    const char *currency;
    const char *text;
    const char *expected; /* NULL: refused with a problem */
  } cases[] = {
    { "EUR", "1234.5", "1234.50:EUR" },
    { "EUR", "9.9000", "9.90:EUR" },
    { "EUR", " 12.30\n ", "12.30:EUR" },
    { "EUR", "-0.50", "-0.50:EUR" },
    { "EUR", "+7", "7.00:EUR" },
    { "EUR", ".5", "0.50:EUR" },
    { "EUR", "12.3456", NULL },
    { "EUR", "12.341", NULL },
    { "EUR", "1e3", NULL },
    { "EUR", "12,30", NULL },
    { "EUR", "1234567890123456", NULL },
    { "JPY", "1500", "1500:JPY" },
    { "JPY", "1500.00", "1500:JPY" },
    { "JPY", "1500.5", NULL },
    { "KWD", "1.234", "1.234:KWD" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = make_cii_due (cases[i].currency, cases[i].text);
      g_autoptr (RemitEInvoice) invoice = parse_string (xml);

      g_test_message ("%s %s", cases[i].currency, cases[i].text);
      assert_amount (invoice->amount_due, cases[i].expected);
      if (cases[i].expected == NULL)
        g_assert_nonnull (remit_einvoice_find_problem (invoice, "amountToPay"));
      else
        g_assert_cmpuint (invoice->problems->len, ==, 0);
    }
}

static void
test_amount_currency (void)
{
  g_autofree char *unknown = make_cii_due ("XYZ", "5.00");
  g_autofree char *missing = make_cii_due (NULL, "5.00");
  g_autofree char *other = make_cii (
    "EUR", NULL, "<ram:DuePayableAmount currencyID=\"USD\">5.00</ram:DuePayableAmount>");
  g_autofree char *grand_only =
    make_cii ("EUR", NULL, "<ram:GrandTotalAmount>42.00</ram:GrandTotalAmount>");
  g_autoptr (RemitEInvoice) invoice = NULL;

  invoice = parse_string (unknown);
  g_assert_cmpstr (invoice->currency, ==, "XYZ");
  g_assert_null (invoice->amount_due);
  g_assert_nonnull (remit_einvoice_find_problem (invoice, "currency"));
  g_clear_pointer (&invoice, remit_einvoice_free);

  invoice = parse_string (missing);
  g_assert_cmpstr (invoice->currency, ==, "EUR");
  assert_amount (invoice->amount_due, "5.00:EUR");
  g_assert_nonnull (remit_einvoice_find_problem (invoice, "currency"));
  g_clear_pointer (&invoice, remit_einvoice_free);

  invoice = parse_string (other);
  assert_amount (invoice->amount_due, "5.00:USD");
  g_assert_nonnull (remit_einvoice_find_problem (invoice, "amountToPay"));
  g_clear_pointer (&invoice, remit_einvoice_free);

  /* No DuePayableAmount at all: the grand total is what is due. */
  invoice = parse_string (grand_only);
  assert_amount (invoice->amount_due, "42.00:EUR");
  g_assert_cmpuint (invoice->problems->len, ==, 0);
}

static void
test_unit_gross (void)
{
  static const struct
  {
    const char *quantity;
    const char *category;
    const char *rate;
    const char *total;
    const char *expected;
  } cases[] = {
    { "1", "S", "10", "0.05", "0.06:EUR" },    /* 0.055 rounds half up */
    { "1", "S", "10", "-0.05", "-0.06:EUR" },  /* and half away from zero */
    { "-1", "S", "10", "-0.05", "0.06:EUR" },
    { "3", "S", "19", "10.00", "3.97:EUR" },   /* 3.9666… */
    { "2.5", "S", "7", "10.00", "4.28:EUR" },
    { "10", "S", "5.5", "198.00", "20.89:EUR" }, /* 20.889 */
    { "8", "S", "19", "1.00", "0.15:EUR" },    /* 0.14875 */
    { "0.001", "S", "19", "0.01", "11.90:EUR" },
    { "1", "E", NULL, "50.00", "50.00:EUR" },  /* exempt, no rate given */
    { "1", "S", NULL, "50.00", NULL },         /* standard rate missing */
    { "0", "S", "19", "10.00", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line =
        make_cii_line (cases[i].quantity, cases[i].category, cases[i].rate, cases[i].total);
      g_autofree char *xml = make_cii ("EUR", line, NULL);
      g_autoptr (RemitEInvoice) invoice = parse_string (xml);

      g_test_message ("%s × %s%% / %s", cases[i].total, cases[i].rate, cases[i].quantity);
      assert_amount (line_item (invoice, 0)->unit_gross, cases[i].expected);
    }
}

static void
test_type_codes (void)
{
  static const struct
  {
    int code;
    gboolean credit_note, corrected, self_billed, partial, construction, prepayment;
    gboolean unknown;
  } cases[] = {
    { 380, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE },
    { 381, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE },
    { 384, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE },
    { 389, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE },
    { 261, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE },
    { 326, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE },
    { 875, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE },
    { 876, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE },
    { 877, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE },
    { 386, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE },
    { 396, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE },
    { 999, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE },
  };
  g_autofree char *base = make_cii_due ("EUR", "1.00");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = g_strdup_printf ("<ram:TypeCode>%d</ram:TypeCode>", cases[i].code);
      g_auto (GStrv) parts = g_strsplit (base, "<ram:TypeCode>380</ram:TypeCode>", 2);
      g_autofree char *xml = g_strjoin (code, parts[0], parts[1], NULL);
      g_autoptr (RemitEInvoice) invoice = parse_string (xml);

      g_test_message ("type code %d", cases[i].code);
      g_assert_cmpint (invoice->type_code, ==, cases[i].code);
      g_assert_cmpstr (invoice->doc_type, ==, "Invoice");
      g_assert_cmpint (invoice->is_credit_note, ==, cases[i].credit_note);
      g_assert_cmpint (invoice->is_corrected, ==, cases[i].corrected);
      g_assert_cmpint (invoice->is_self_billed, ==, cases[i].self_billed);
      g_assert_cmpint (invoice->is_partial, ==, cases[i].partial);
      g_assert_cmpint (invoice->is_construction, ==, cases[i].construction);
      g_assert_cmpint (invoice->is_prepayment, ==, cases[i].prepayment);
      g_assert_cmpint (remit_einvoice_find_problem (invoice, "docType") != NULL, ==,
                       cases[i].unknown);
    }
}

static void
test_profiles (void)
{
  static const struct
  {
    const char *id;
    RemitEInvoiceProfile profile;
  } cases[] = {
    { "urn:factur-x.eu:1p0:minimum", REMIT_EINVOICE_PROFILE_MINIMUM },
    { "urn:zugferd.de:2p0:minimum", REMIT_EINVOICE_PROFILE_MINIMUM },
    { "urn:factur-x.eu:1p0:basicwl", REMIT_EINVOICE_PROFILE_BASIC_WL },
    { "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", REMIT_EINVOICE_PROFILE_BASIC },
    { "urn:cen.eu:en16931:2017", REMIT_EINVOICE_PROFILE_EN16931 },
    { "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
      REMIT_EINVOICE_PROFILE_EXTENDED },
    { "urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_2.3",
      REMIT_EINVOICE_PROFILE_XRECHNUNG },
    { "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
      REMIT_EINVOICE_PROFILE_XRECHNUNG },
    { "urn:example:something-else", REMIT_EINVOICE_PROFILE_UNKNOWN },
  };
  g_autofree char *base = make_cii_due ("EUR", "1.00");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("<ram:ID>%s</ram:ID>", cases[i].id);
      g_auto (GStrv) parts = g_strsplit (base, "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", 2);
      g_autofree char *xml = g_strjoin (id, parts[0], parts[1], NULL);
      g_autoptr (RemitEInvoice) invoice = parse_string (xml);

      g_assert_cmpstr (invoice->guideline_id, ==, cases[i].id);
      g_assert_cmpint (invoice->profile, ==, cases[i].profile);
    }

  g_assert_cmpstr (remit_einvoice_profile_to_string (REMIT_EINVOICE_PROFILE_BASIC_WL), ==,
                   "BASIC WL");
  g_assert_cmpstr (remit_einvoice_syntax_to_string (REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE), ==,
                   "UBL CreditNote");
}

/* PDFs with attachments, written byte by byte so that every attachment is known */

typedef struct
{
  const char *name;
  const char *data;
  gsize length;
} Attachment;

static GBytes *
build_pdf (const Attachment *attachments, guint n_attachments)
{
  GString *pdf = g_string_new ("%PDF-1.7\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GString) names = g_string_new (NULL);
  guint n_objects = 4 + 2 * n_attachments;
  gsize xref;

  for (guint i = 0; i < n_attachments; i++)
    g_string_append_printf (names, "(%s) %u 0 R ", attachments[i].name, 4 + 2 * i);

  g_array_append_val (offsets, pdf->len);
  g_string_append_printf (pdf,
                          "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles "
                          "<< /Names [%s] >> >> >>\nendobj\n",
                          names->str);
  g_array_append_val (offsets, pdf->len);
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  g_array_append_val (offsets, pdf->len);
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\n"
                        "endobj\n");

  for (guint i = 0; i < n_attachments; i++)
    {
      g_array_append_val (offsets, pdf->len);
      g_string_append_printf (pdf,
                              "%u 0 obj\n<< /Type /Filespec /F (%s) /UF (%s) /EF << /F %u 0 R "
                              ">> >>\nendobj\n",
                              4 + 2 * i, attachments[i].name, attachments[i].name, 5 + 2 * i);
      g_array_append_val (offsets, pdf->len);
      g_string_append_printf (pdf,
                              "%u 0 obj\n<< /Type /EmbeddedFile /Length %" G_GSIZE_FORMAT
                              " >>\nstream\n",
                              5 + 2 * i, attachments[i].length);
      g_string_append_len (pdf, attachments[i].data, (gssize) attachments[i].length);
      g_string_append (pdf, "\nendstream\nendobj\n");
    }

  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf,
                          "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT
                          "\n%%%%EOF\n",
                          n_objects, xref);

  return g_string_free_to_bytes (pdf);
}

static RemitEInvoice *
invoice_from_pdf_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  RemitEInvoice *invoice;

  g_assert_no_error (local_error);
  g_assert_nonnull (document);
  invoice = remit_einvoice_from_pdf (document, error);
  g_object_unref (document);

  return invoice;
}

static char *
numbered_invoice (const char *number)
{
  g_autofree char *xml = make_cii_due ("EUR", "3.00");
  g_autofree char *id = g_strdup_printf ("<ram:ID>%s</ram:ID><ram:TypeCode>", number);
  g_auto (GStrv) parts = g_strsplit (xml, "<ram:ID>T-1</ram:ID><ram:TypeCode>", 2);

  return g_strjoin (id, parts[0], parts[1], NULL);
}

static void
test_pdf_attachments (void)
{
  g_autofree char *ubl = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *first = numbered_invoice ("FROM-FACTUR-X");
  g_autofree char *second = numbered_invoice ("FROM-XRECHNUNG");
  g_autofree char *third = numbered_invoice ("MIXED-CASE");
  static const char png[] = "\x89PNG\r\n\x1a\n";
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "einvoice",
                                                           "ubl-invoice.xml", NULL),
                                      &ubl, NULL, NULL));
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "einvoice",
                                                           "not-an-invoice.xml", NULL),
                                      &catalog, NULL, NULL));

  /* No conventional name: the attachment whose root is an invoice is found. */
  {
    const Attachment attachments[] = {
      { "catalog.xml", catalog, strlen (catalog) },
      { "picture.png", png, sizeof png - 1 },
      { "rechnungsdaten.xml", ubl, strlen (ubl) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autoptr (RemitEInvoice) invoice = invoice_from_pdf_bytes (pdf, &error);

    g_assert_no_error (error);
    g_assert_nonnull (invoice);
    g_assert_cmpstr (invoice->source_name, ==, "rechnungsdaten.xml");
    g_assert_cmpstr (invoice->invoice_number, ==, "UBL-INV-7001");
  }

  /* The conventional name wins over others, factur-x.xml over xrechnung.xml. */
  {
    const Attachment attachments[] = {
      { "a-invoice.xml", ubl, strlen (ubl) },
      { "factur-x.xml", first, strlen (first) },
      { "xrechnung.xml", second, strlen (second) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autoptr (RemitEInvoice) invoice = invoice_from_pdf_bytes (pdf, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (invoice->source_name, ==, "factur-x.xml");
    g_assert_cmpstr (invoice->invoice_number, ==, "FROM-FACTUR-X");
  }

  /* Names compare without case. */
  {
    const Attachment attachments[] = {
      { "ZUGFeRD-invoice.xml", third, strlen (third) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autoptr (RemitEInvoice) invoice = invoice_from_pdf_bytes (pdf, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (invoice->source_name, ==, "ZUGFeRD-invoice.xml");
    g_assert_cmpstr (invoice->invoice_number, ==, "MIXED-CASE");
  }

  /* No e-invoice at all: NULL and no error. */
  {
    const Attachment attachments[] = {
      { "catalog.xml", catalog, strlen (catalog) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autoptr (GBytes) bare = build_pdf (NULL, 0);
    g_autoptr (RemitEInvoice) invoice = invoice_from_pdf_bytes (pdf, &error);
    g_autoptr (RemitEInvoice) none = invoice_from_pdf_bytes (bare, &error);

    g_assert_no_error (error);
    g_assert_null (invoice);
    g_assert_null (none);
  }

  /* A broken file under an e-invoice's name is an error. */
  {
    const char *broken = "<rsm:CrossIndustryInvoice><unclosed>";
    const Attachment attachments[] = {
      { "factur-x.xml", broken, strlen (broken) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autoptr (RemitEInvoice) invoice = invoice_from_pdf_bytes (pdf, &error);

    g_assert_null (invoice);
    g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "factur-x.xml"));
    g_clear_error (&error);
  }

  /* An attachment over 10 MiB is not read into memory past the limit. */
  {
    gsize size = REMIT_EINVOICE_MAX_SIZE + 1;
    g_autofree char *huge = g_malloc (size);
    Attachment attachments[] = {
      { "factur-x.xml", huge, size },
    };
    g_autoptr (GBytes) pdf = NULL;
    g_autoptr (RemitEInvoice) invoice = NULL;

    memset (huge, ' ', size);
    pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    invoice = invoice_from_pdf_bytes (pdf, &error);
    g_assert_null (invoice);
    g_assert_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* The same through a file. */
  {
    const Attachment attachments[] = {
      { "factur-x.xml", first, strlen (first) },
    };
    g_autoptr (GBytes) pdf = build_pdf (attachments, G_N_ELEMENTS (attachments));
    g_autofree char *dir = g_dir_make_tmp ("remit-einvoice-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "invoice.pdf", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (RemitEInvoice) invoice = NULL;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                        (gssize) g_bytes_get_size (pdf), NULL));
    invoice = remit_einvoice_from_file (file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (invoice->invoice_number, ==, "FROM-FACTUR-X");
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* The public samples (see the NOTICE beside them) */

static const char *
samples_dir (void)
{
  const char *dir = g_getenv ("REMIT_EINVOICE_SAMPLES");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The sample e-invoices (shared/testdata/einvoice) are not there");
      return NULL;
    }

  return dir;
}

static RemitEInvoice *
load_sample (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  RemitEInvoice *invoice = remit_einvoice_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (invoice);
  return invoice;
}

/* Expected values, read by hand from the XML embedded in each sample. */
typedef struct
{
  const char *file;
  RemitEInvoiceProfile profile;
  int type_code;
  const char *number;
  const char *issue_date;
  const char *due_date;
  const char *amount_due;
  const char *payee;
  const char *iban; /* NULL: no payee account */
  gboolean iban_valid;
  const char *bic;
  guint n_lines;
  const char *purpose;
} Sample;

#define EN16931 REMIT_EINVOICE_PROFILE_EN16931

static const Sample samples[] = {
  { "fx_EN16931_Einfach.pdf", EN16931, 380, "471102", "2018-03-05", NULL, "529.87:EUR",
    "Lieferant GmbH", NULL, FALSE, NULL, 2, "471102" },
  { "fx_EN16931_Einfach_DueDate.pdf", EN16931, 380, "471102", "2018-03-05", "2019-03-05",
    "529.87:EUR", "Lieferant GmbH", NULL, FALSE, NULL, 2, "471102" },
  { "fx_EN16931_Einfach_negativePaymentDue.pdf", EN16931, 380, "471102", "2018-03-05", NULL,
    "-529.87:EUR", "Lieferant GmbH", NULL, FALSE, NULL, 2, "471102" },
  { "fx_EN16931_AbweichenderZahlungsempf.pdf", EN16931, 380, "471102", "2018-03-05", NULL,
    "529.87:EUR", "Factoring GmbH", "DE12123456781234567890", FALSE, NULL, 2, "471102" },
  { "fx_EN16931_OEPNV.pdf", EN16931, 380, "E2018092011804", "2018-09-20", "2018-10-03",
    "9.00:EUR", "Verkehrsbetriebe GmbH", "DE12123456789012345678", FALSE, NULL, 1,
    "E2018092011804" },
  { "fx_EN16931_Physiotherapeut.pdf", EN16931, 380, "R18-31", "2018-10-03", "2018-11-21",
    "380.00:EUR", "Physiotherapeutin", "DE02120300000000202051", TRUE, NULL, 2, "R18-31" },
  { "fx_EN16931_Rechnungskorrektur.pdf", EN16931, 384, "RK21012345", "2018-09-16", NULL,
    "-8.79:EUR", "MUSTERLIEFERANT GMBH", NULL, FALSE, NULL, 2, "RK21012345" },
  { "fx_EN16931_Gutschrift.pdf", EN16931, 389, "471102", "2018-03-05", NULL, "529.87:EUR",
    "Lieferant GmbH", NULL, FALSE, NULL, 2, "471102" },
  { "fx_EN16931_Betriebskostenabrechnung.pdf", EN16931, 380, "471102", "2018-03-05",
    "2018-04-04", "502.63:EUR", "Grundbesitz GmbH & Co.", NULL, FALSE, NULL, 1, "471102" },
  { "fx_EN16931_SEPA_Prenotification.pdf", EN16931, 380, "471102", "2018-03-05", NULL,
    "529.87:EUR", "Lieferant GmbH", NULL, FALSE, NULL, 2, "471102" },
  { "fx_XRECHNUNG_Einfach.pdf", REMIT_EINVOICE_PROFILE_XRECHNUNG, 380, "471102", "2018-03-05",
    NULL, "529.87:EUR", "Lieferant GmbH", "DE02120300000000202051", TRUE, "BYLADEM1001", 2,
    "471102" },
  { "fx_XRECHNUNG_Elektron.pdf", REMIT_EINVOICE_PROFILE_XRECHNUNG, 877, "181301674",
    "2018-04-25", NULL, "300.00:EUR", "ELEKTRON Industrieservice GmbH", "DE91100000000123456789",
    TRUE, NULL, 2, "Rechnung 181301674" },
  { "fnfe_Avoir_FR_type381_BASIC.pdf", REMIT_EINVOICE_PROFILE_BASIC, 381, "AV-2017-0005",
    "2017-11-16", "2017-11-16", "233.47:EUR", "Au bon moulin", NULL, FALSE, NULL, 2,
    "AV-2017-0005" },
  { "fnfe_Facture_FR_BASICWL.pdf", REMIT_EINVOICE_PROFILE_BASIC_WL, 380, "FA-2017-0010",
    "2017-11-13", "2017-12-13", "470.15:EUR", "Au bon moulin", "FR2012421242124212421242124",
    TRUE, NULL, 0, "FA-2017-0010" },
  { "zugferd_2p1_MINIMUM_Rechnung.pdf", REMIT_EINVOICE_PROFILE_MINIMUM, 380, "471102",
    "2020-03-05", NULL, "235.62:EUR", "Lieferant GmbH", NULL, FALSE, NULL, 0, "471102" },
  { "zugferd_2p1_BASIC_Taxifahrt.pdf", REMIT_EINVOICE_PROFILE_BASIC, 380, "TX-471102",
    "2019-10-30", "2019-11-29", "18.08:EUR", "Taxiunternehmen TX GmbH", NULL, FALSE, NULL, 2,
    "TX-471102" },
  { "zugferd_2p1_BASIC_Rechnungskorrektur.pdf", REMIT_EINVOICE_PROFILE_BASIC, 384, "RK21012345",
    "2019-09-16", NULL, "-8.79:EUR", "GLN 4333741000005 Lief-Nr: 549910 MUSTERLIEFERANT GMBH",
    NULL, FALSE, NULL, 2, "RK21012345" },
  { "zugferd_2p1_EXTENDED_Fremdwaehrung.pdf", REMIT_EINVOICE_PROFILE_EXTENDED, 380, "47110815",
    "2018-10-31", "2018-11-20", "521.91:GBP", "Global Supplies Financial Services",
    "DE1212344321987600", FALSE, NULL, 1, "47110815" },
  { "zugferd_2p1_EXTENDED_Warenrechnung.pdf", REMIT_EINVOICE_PROFILE_EXTENDED, 380,
    "R87654321012345", "2018-08-06", NULL, "518.99:EUR", "MUSTERLIEFERANT GMBH", NULL, FALSE,
    NULL, 6, "R87654321012345" },
};

static void
test_samples_expected (void)
{
  const char *dir = samples_dir ();

  if (dir == NULL)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const Sample *expected = &samples[i];
      g_autoptr (RemitEInvoice) invoice = load_sample (dir, expected->file);
      const RemitEInvoiceAccount *payable = remit_einvoice_get_payable_account (invoice);

      g_test_message ("%s", expected->file);
      g_assert_cmpint (invoice->syntax, ==, REMIT_EINVOICE_SYNTAX_CII);
      g_assert_cmpint (invoice->profile, ==, expected->profile);
      g_assert_cmpstr (invoice->doc_type, ==, "Invoice");
      g_assert_cmpint (invoice->type_code, ==, expected->type_code);
      g_assert_cmpstr (invoice->invoice_number, ==, expected->number);
      g_assert_cmpstr (invoice->issue_date, ==, expected->issue_date);
      g_assert_cmpstr (invoice->due_date, ==, expected->due_date);
      assert_amount (invoice->amount_due, expected->amount_due);
      g_assert_cmpstr (invoice->payee, ==, expected->payee);
      g_assert_cmpuint (invoice->line_items->len, ==, expected->n_lines);
      g_assert_cmpstr (invoice->purpose, ==, expected->purpose);

      if (expected->iban == NULL)
        {
          g_assert_null (payable);
          g_assert_cmpuint (invoice->accounts->len, ==, 0);
        }
      else
        {
          g_assert_nonnull (payable);
          g_assert_cmpstr (payable->iban, ==, expected->iban);
          g_assert_cmpint (payable->iban_valid, ==, expected->iban_valid);
          g_assert_cmpstr (payable->bic, ==, expected->bic);
          g_assert_cmpint (remit_einvoice_find_problem (invoice, "iban") != NULL, ==,
                           !expected->iban_valid);
        }
    }
}

/* Every sample opens and yields the values an invoice must have. */
static void
test_samples_all (void)
{
  const char *dir = samples_dir ();
  g_autoptr (GDir) listing = NULL;
  g_autoptr (GError) error = NULL;
  guint n_read = 0;
  guint n_with_problems = 0;
  const char *name;

  if (dir == NULL)
    return;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr (RemitEInvoice) invoice = NULL;

      if (!g_str_has_suffix (name, ".pdf"))
        continue;

      g_test_message ("%s", name);
      invoice = load_sample (dir, name);
      g_assert_nonnull (invoice->source_name);
      g_assert_true (g_str_equal (invoice->source_name, "factur-x.xml")
                     || g_str_equal (invoice->source_name, "xrechnung.xml"));
      g_assert_cmpint (invoice->profile, !=, REMIT_EINVOICE_PROFILE_UNKNOWN);
      g_assert_cmpint (invoice->type_code, >, 0);
      g_assert_nonnull (invoice->invoice_number);
      g_assert_nonnull (invoice->issue_date);
      g_assert_nonnull (invoice->currency);
      g_assert_nonnull (invoice->amount_due);
      g_assert_cmpstr (invoice->amount_due->currency, ==, invoice->currency);
      g_assert_nonnull (invoice->grand_total);
      g_assert_nonnull (invoice->seller_name);
      g_assert_nonnull (invoice->buyer_name);
      g_assert_nonnull (invoice->payee);
      g_assert_nonnull (invoice->purpose);

      /* The samples are consistent except for their made-up IBANs. */
      for (guint i = 0; i < invoice->problems->len; i++)
        {
          const RemitEInvoiceProblem *problem = g_ptr_array_index (invoice->problems, i);

          g_assert_cmpstr (problem->field, ==, "iban");
        }
      if (invoice->problems->len > 0)
        n_with_problems++;

      for (guint i = 0; i < invoice->line_items->len; i++)
        {
          const RemitEInvoiceLineItem *item = line_item (invoice, i);

          g_assert_nonnull (item->position);
          g_assert_nonnull (item->description);
          g_assert_nonnull (item->quantity);
          g_assert_nonnull (item->line_total);
        }

      n_read++;
    }

  g_assert_cmpuint (n_read, >=, 38);
  g_assert_cmpuint (n_with_problems, ==, 5);
}

static void
test_samples_invalid_iban (void)
{
  static const struct
  {
    const char *file;
    const char *iban;
  } cases[] = {
    { "fx_EN16931_AbweichenderZahlungsempf.pdf", "DE12123456781234567890" },
    { "fx_EN16931_OEPNV.pdf", "DE12123456789012345678" },
    { "fx_EN16931_Innergemeinschaftliche_Lieferungen.pdf", "DE1212344321987600" },
    { "zugferd_2p1_EXTENDED_Fremdwaehrung.pdf", "DE1212344321987600" },
    { "zugferd_2p1_EXTENDED_InnergemeinschLieferungMehrereBestellungen.pdf",
      "DE1212344321987600" },
  };
  const char *dir = samples_dir ();

  if (dir == NULL)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RemitEInvoice) invoice = load_sample (dir, cases[i].file);
      const RemitEInvoiceProblem *problem = remit_einvoice_find_problem (invoice, "iban");

      g_test_message ("%s", cases[i].file);
      g_assert_cmpuint (invoice->accounts->len, ==, 1);
      g_assert_cmpstr (account (invoice, 0)->iban, ==, cases[i].iban);
      g_assert_false (account (invoice, 0)->iban_valid);
      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (problem->message, cases[i].iban));
    }
}

static void
test_samples_direct_debit (void)
{
  const char *dir = samples_dir ();
  g_autoptr (RemitEInvoice) invoice = NULL;

  if (dir == NULL)
    return;

  invoice = load_sample (dir, "fx_EN16931_SEPA_Prenotification.pdf");
  g_assert_cmpint (invoice->payment_means_code, ==, 59);
  g_assert_true (invoice->debited);
  g_assert_null (remit_einvoice_get_payable_account (invoice));
  g_assert_cmpuint (invoice->accounts->len, ==, 0);
  /* The buyer's own account is kept apart, never offered as the payee's. */
  g_assert_cmpstr (invoice->debtor_iban, ==, "DE21860000000086001055");
  g_assert_cmpstr (invoice->creditor_id, ==, "DE98ZZZ09999999999");
  g_assert_cmpstr (invoice->mandate_reference, ==, "REF A-123");
  assert_amount (invoice->amount_due, "529.87:EUR");
}

static void
test_samples_credit_notes (void)
{
  const char *dir = samples_dir ();
  g_autoptr (RemitEInvoice) avoir = NULL;
  g_autoptr (RemitEInvoice) correction = NULL;
  g_autoptr (RemitEInvoice) extended_correction = NULL;
  g_autoptr (RemitEInvoice) self_billed = NULL;
  g_autoptr (RemitEInvoice) plain = NULL;

  if (dir == NULL)
    return;

  avoir = load_sample (dir, "fnfe_Avoir_FR_type381_BASIC.pdf");
  g_assert_true (avoir->is_credit_note);
  g_assert_false (avoir->is_corrected);
  g_assert_cmpstr (avoir->doc_type, ==, "Invoice");

  correction = load_sample (dir, "fx_EN16931_Rechnungskorrektur.pdf");
  g_assert_true (correction->is_corrected);
  g_assert_false (correction->is_credit_note);
  assert_amount (correction->amount_due, "-8.79:EUR");
  assert_amount (correction->tax_total, "-1.12:EUR");
  g_assert_cmpstr (line_item (correction, 0)->quantity, ==, "-5");
  /* −5.00 × 1.19 / −5 */
  assert_amount (line_item (correction, 0)->unit_gross, "1.19:EUR");
  g_assert_cmpuint (correction->allowance_charges->len, ==, 4);
  assert_amount (allowance_charge (correction, 0)->amount, "-0.10:EUR");

  extended_correction = load_sample (dir, "zugferd_2p1_EXTENDED_Rechnungskorrektur.pdf");
  g_assert_true (extended_correction->is_corrected);

  self_billed = load_sample (dir, "fx_EN16931_Gutschrift.pdf");
  g_assert_true (self_billed->is_self_billed);
  g_assert_false (self_billed->is_credit_note);

  plain = load_sample (dir, "fx_EN16931_Einfach.pdf");
  g_assert_false (plain->is_credit_note);
  g_assert_false (plain->is_corrected);
  g_assert_false (plain->is_self_billed);
}

static void
test_samples_foreign_currency (void)
{
  const char *dir = samples_dir ();
  g_autoptr (RemitEInvoice) invoice = NULL;

  if (dir == NULL)
    return;

  invoice = load_sample (dir, "zugferd_2p1_EXTENDED_Fremdwaehrung.pdf");
  g_assert_cmpstr (invoice->currency, ==, "GBP");
  assert_amount (invoice->amount_due, "521.91:GBP");
  assert_amount (invoice->grand_total, "1021.91:GBP");
  assert_amount (invoice->prepaid, "500.00:GBP");
  /* The VAT total in the invoice currency, not the one in the tax currency (183.14 EUR) */
  assert_amount (invoice->tax_total, "163.16:GBP");
  assert_amount (line_item (invoice, 0)->line_total, "850.00:GBP");
  assert_amount (line_item (invoice, 0)->unit_gross, "101.15:GBP");
  g_assert_cmpuint (invoice->allowance_charges->len, ==, 2);
  g_assert_true (allowance_charge (invoice, 0)->is_charge);
  assert_amount (allowance_charge (invoice, 0)->amount, "30.00:GBP");
  g_assert_false (allowance_charge (invoice, 1)->is_charge);
  assert_amount (allowance_charge (invoice, 1)->amount, "21.25:GBP");
  g_assert_cmpstr (allowance_charge (invoice, 1)->percent, ==, "2.5");
}

static void
test_samples_line_items (void)
{
  static const struct
  {
    const char *description;
    const char *article;
    const char *quantity;
    const char *net_price;
    const char *gross_price;
    const char *vat_rate;
    const char *line_total;
    const char *unit_gross;
  } lines[] = {
    { "Zitronensäure 100ml", "ZS997", "100", "1", "1", "19", "100.00:EUR", "1.19:EUR" },
    { "Gelierzucker Extra 250g", "GZ250", "50", "1.45", "1.5", "7", "72.50:EUR", "1.55:EUR" },
    { "Gelierzucker Extra 250g", "GZ250", "10", "0", "0", "7", "0.00:EUR", "0.00:EUR" },
    { "Bierbrau Pils 20/0500", "2031", "15", "12", "12", "19", "180.00:EUR", "14.28:EUR" },
    { "Leergutpfand 20 x 0,5l", "1805", "15", "3.1", "3.1", "19", "46.50:EUR", "3.69:EUR" },
    { "Mischpalette Joghurt Karton 3 x 20", "MP107", "2", "29.1", "30", "7", "58.20:EUR",
      "31.14:EUR" },
  };
  const char *dir = samples_dir ();
  g_autoptr (RemitEInvoice) invoice = NULL;
  g_autoptr (RemitEInvoice) discounts = NULL;

  if (dir == NULL)
    return;

  invoice = load_sample (dir, "zugferd_2p1_EXTENDED_Warenrechnung.pdf");
  g_assert_cmpuint (invoice->line_items->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const RemitEInvoiceLineItem *item = line_item (invoice, i);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (item->position, ==, position);
      g_assert_cmpstr (item->description, ==, lines[i].description);
      g_assert_cmpstr (item->article_number, ==, lines[i].article);
      g_assert_cmpstr (item->quantity, ==, lines[i].quantity);
      g_assert_cmpstr (item->unit_code, ==, "C62");
      g_assert_cmpstr (item->net_price, ==, lines[i].net_price);
      g_assert_cmpstr (item->gross_price, ==, lines[i].gross_price);
      g_assert_cmpstr (item->vat_rate, ==, lines[i].vat_rate);
      g_assert_cmpstr (item->vat_category, ==, "S");
      assert_amount (item->line_total, lines[i].line_total);
      assert_amount (item->unit_gross, lines[i].unit_gross);
    }
  g_assert_cmpuint (invoice->allowance_charges->len, ==, 5);
  g_assert_true (allowance_charge (invoice, 4)->is_charge);
  g_assert_cmpstr (allowance_charge (invoice, 4)->reason, ==, "Transportkosten");
  assert_amount (allowance_charge (invoice, 4)->amount, "3.00:EUR");

  discounts = load_sample (dir, "fx_EN16931_Rabatte.pdf");
  assert_amount (discounts->amount_due, "165.07:EUR");
  assert_amount (discounts->allowance_total, "14.73:EUR");
  assert_amount (discounts->charge_total, "5.80:EUR");
  g_assert_cmpstr (line_item (discounts, 0)->net_price, ==, "3.3333");
  g_assert_cmpstr (line_item (discounts, 0)->gross_price, ==, "4");
  g_assert_cmpstr (line_item (discounts, 0)->unit_code, ==, "MTK");
  /* 10.00 × 1.19 / 3 = 3.9666… */
  assert_amount (line_item (discounts, 0)->unit_gross, "3.97:EUR");
  g_assert_cmpuint (discounts->allowance_charges->len, ==, 3);
  g_assert_false (allowance_charge (discounts, 1)->is_charge);
  assert_amount (allowance_charge (discounts, 1)->amount, "13.73:EUR");
  g_assert_true (allowance_charge (discounts, 2)->is_charge);
  g_assert_cmpstr (allowance_charge (discounts, 2)->reason, ==, "Versandkosten");
  assert_amount (allowance_charge (discounts, 2)->amount, "5.80:EUR");
}

static void
test_samples_from_pdf (void)
{
  const char *dir = samples_dir ();
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  PopplerDocument *document;
  g_autoptr (RemitEInvoice) invoice = NULL;

  if (dir == NULL)
    return;

  /* A sample with other attachments besides the XML */
  path = g_build_filename (dir, "fx_XRECHNUNG_Elektron.pdf", NULL);
  file = g_file_new_for_path (path);
  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  invoice = remit_einvoice_from_pdf (document, &error);
  g_object_unref (document);
  g_assert_no_error (error);
  g_assert_cmpstr (invoice->source_name, ==, "xrechnung.xml");
  g_assert_true (invoice->is_construction);
  g_assert_false (invoice->is_partial);
  assert_amount (invoice->amount_due, "300.00:EUR");
  g_assert_cmpstr (invoice->payment_reference, ==, "Rechnung 181301674");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/einvoice/xml/zugferd1", test_zugferd1);
  g_test_add_func ("/einvoice/xml/xrechnung-cii", test_xrechnung_cii);
  g_test_add_func ("/einvoice/xml/ubl-invoice", test_ubl_invoice);
  g_test_add_func ("/einvoice/xml/ubl-credit-note", test_ubl_credit_note);
  g_test_add_func ("/einvoice/xml/ubl-direct-debit", test_ubl_direct_debit);
  g_test_add_func ("/einvoice/xml/contradictions", test_contradictions);
  g_test_add_func ("/einvoice/xml/not-an-invoice", test_not_an_invoice);
  g_test_add_func ("/einvoice/xml/malformed", test_malformed);
  g_test_add_func ("/einvoice/xml/too-large", test_too_large);
  g_test_add_func ("/einvoice/file/unsupported", test_unsupported_file);
  g_test_add_func ("/einvoice/file/utf16", test_utf16_file);
  g_test_add_func ("/einvoice/safety/billion-laughs", test_billion_laughs);
  g_test_add_func ("/einvoice/safety/internal-entity", test_internal_entity);
  g_test_add_func ("/einvoice/safety/external-entities", test_external_entities);
  g_test_add_func ("/einvoice/safety/harmless-doctype", test_harmless_doctype);
  g_test_add_func ("/einvoice/safety/no-network", test_no_network);
  g_test_add_func ("/einvoice/values/amount-decimals", test_amount_decimals);
  g_test_add_func ("/einvoice/values/amount-currency", test_amount_currency);
  g_test_add_func ("/einvoice/values/unit-gross", test_unit_gross);
  g_test_add_func ("/einvoice/values/type-codes", test_type_codes);
  g_test_add_func ("/einvoice/values/profiles", test_profiles);
  g_test_add_func ("/einvoice/pdf/attachments", test_pdf_attachments);
  g_test_add_func ("/einvoice/samples/expected", test_samples_expected);
  g_test_add_func ("/einvoice/samples/all", test_samples_all);
  g_test_add_func ("/einvoice/samples/invalid-iban", test_samples_invalid_iban);
  g_test_add_func ("/einvoice/samples/direct-debit", test_samples_direct_debit);
  g_test_add_func ("/einvoice/samples/credit-notes", test_samples_credit_notes);
  g_test_add_func ("/einvoice/samples/foreign-currency", test_samples_foreign_currency);
  g_test_add_func ("/einvoice/samples/line-items", test_samples_line_items);
  g_test_add_func ("/einvoice/samples/from-pdf", test_samples_from_pdf);

  return g_test_run ();
}
