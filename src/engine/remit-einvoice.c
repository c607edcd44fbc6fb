/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-einvoice"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "remit-dynlib.h"
#include "remit-einvoice.h"
#include "remit-engine-error.h"
#include "remit-iban.h"

/* libxml2 (and ICU behind it) is loaded when the first e-invoice is read, not when Remit
 * starts: most documents are PDFs without one. The functions are called through this
 * table; the macros below keep the calls reading like libxml2's API. */
#define XML_FUNCTIONS(X) \
  X (xmlCreateMemoryParserCtxt) \
  X (xmlCtxtUseOptions) \
  X (xmlDocGetRootElement) \
  X (xmlFreeDoc) \
  X (xmlFreeParserCtxt) \
  X (xmlGetProp) \
  X (xmlInitParser) \
  X (xmlNodeGetContent) \
  X (xmlParseDocument) \
  X (xmlStopParser) \
  X (xmlStrEqual) \
  X (xmlXPathFreeContext) \
  X (xmlXPathFreeObject) \
  X (xmlXPathNewContext) \
  X (xmlXPathNodeEval) \
  X (xmlXPathRegisterNs)

/* xmlFree is no function but a variable holding one (libxml2's deallocator, which a
 * program may replace): the table keeps its address, and each call reads it. Built with
 * per-thread allocators, libxml2 has a function returning that address instead, which
 * this table does not handle. No other of libxml2's variables (xmlMalloc and friends) is
 * used here. */
#ifdef LIBXML_THREAD_ALLOC_ENABLED
#error "libxml2 with per-thread allocators (LIBXML_THREAD_ALLOC_ENABLED) is not supported"
#endif

static struct
{
  XML_FUNCTIONS (REMIT_DYNLIB_DECLARE)
  REMIT_DYNLIB_DECLARE (xmlFree)
} xml;

#define XML_ENTRY(name) REMIT_DYNLIB_ENTRY (xml, name)
static const RemitDynlibSymbol xml_symbols[] = {
  XML_FUNCTIONS (XML_ENTRY)
  XML_ENTRY (xmlFree)
};
#undef XML_ENTRY

static gboolean
xml_load (GError **error)
{
  static const char *const sonames[] = { "libxml2.so.2", "libxml2.so", NULL };
  static gsize once = 0;
  static gboolean available = FALSE;

  if (remit_dynlib_load (&once, &available, sonames, xml_symbols, G_N_ELEMENTS (xml_symbols),
                         &xml))
    return TRUE;

  g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE,
                       _("Reading e-invoices needs the XML library libxml2. Install the "
                         "package “libxml2” and try again."));
  return FALSE;
}

#define xmlCreateMemoryParserCtxt (xml.xmlCreateMemoryParserCtxt)
#define xmlCtxtUseOptions (xml.xmlCtxtUseOptions)
#define xmlDocGetRootElement (xml.xmlDocGetRootElement)
#define xmlFreeDoc (xml.xmlFreeDoc)
#define xmlFreeParserCtxt (xml.xmlFreeParserCtxt)
#define xmlGetProp (xml.xmlGetProp)
#define xmlInitParser (xml.xmlInitParser)
#define xmlNodeGetContent (xml.xmlNodeGetContent)
#define xmlParseDocument (xml.xmlParseDocument)
#define xmlStopParser (xml.xmlStopParser)
#define xmlStrEqual (xml.xmlStrEqual)
#define xmlXPathFreeContext (xml.xmlXPathFreeContext)
#define xmlXPathFreeObject (xml.xmlXPathFreeObject)
#define xmlXPathNewContext (xml.xmlXPathNewContext)
#define xmlXPathNodeEval (xml.xmlXPathNodeEval)
#define xmlXPathRegisterNs (xml.xmlXPathRegisterNs)
#define xmlFree (*xml.xmlFree)

/* Namespaces of the syntaxes read here. */
#define NS_CII_RSM "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#define NS_CII_RAM                                                                                 \
  "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
#define NS_CII_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
#define NS_ZF1_RSM "urn:ferd:CrossIndustryDocument:invoice:1p0"
#define NS_ZF1_RAM                                                                                 \
  "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
#define NS_ZF1_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"
#define NS_UBL_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_UBL_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define NS_UBL_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_UBL_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

/* The names under which PDF/A-3 e-invoices embed their XML, in order of preference. */
static const char *const attachment_names[] = {
  "factur-x.xml",
  "zugferd-invoice.xml",
  "xrechnung.xml",
};

/* ZUGFeRD 1.0 and CII D16B share the data model but name the containers differently. */
typedef struct
{
  const char *context;
  const char *document;
  const char *transaction;
  const char *agreement;
  const char *settlement;
  const char *summation;
  const char *line_agreement;
  const char *line_delivery;
  const char *line_settlement;
  const char *line_summation;
  const char *rate;
} CiiNames;

static const CiiNames cii_names = {
  .context = "rsm:ExchangedDocumentContext",
  .document = "rsm:ExchangedDocument",
  .transaction = "rsm:SupplyChainTradeTransaction",
  .agreement = "ram:ApplicableHeaderTradeAgreement",
  .settlement = "ram:ApplicableHeaderTradeSettlement",
  .summation = "ram:SpecifiedTradeSettlementHeaderMonetarySummation",
  .line_agreement = "ram:SpecifiedLineTradeAgreement",
  .line_delivery = "ram:SpecifiedLineTradeDelivery",
  .line_settlement = "ram:SpecifiedLineTradeSettlement",
  .line_summation = "ram:SpecifiedTradeSettlementLineMonetarySummation",
  .rate = "ram:RateApplicablePercent",
};

static const CiiNames zugferd1_names = {
  .context = "rsm:SpecifiedExchangedDocumentContext",
  .document = "rsm:HeaderExchangedDocument",
  .transaction = "rsm:SpecifiedSupplyChainTradeTransaction",
  .agreement = "ram:ApplicableSupplyChainTradeAgreement",
  .settlement = "ram:ApplicableSupplyChainTradeSettlement",
  .summation = "ram:SpecifiedTradeSettlementMonetarySummation",
  .line_agreement = "ram:SpecifiedSupplyChainTradeAgreement",
  .line_delivery = "ram:SpecifiedSupplyChainTradeDelivery",
  .line_settlement = "ram:SpecifiedSupplyChainTradeSettlement",
  .line_summation = "ram:SpecifiedTradeSettlementMonetarySummation",
  .rate = "ram:ApplicablePercent",
};

typedef struct
{
  xmlXPathContext *xpath;
  RemitEInvoice *invoice;
  gboolean currency_usable;
} Reader;

/* Freeing */

static void
problem_free (gpointer data)
{
  RemitEInvoiceProblem *problem = data;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
account_free (gpointer data)
{
  RemitEInvoiceAccount *account = data;

  g_free (account->iban);
  g_free (account->bic);
  g_free (account->account_name);
  g_free (account);
}

static void
line_item_free (gpointer data)
{
  RemitEInvoiceLineItem *item = data;

  g_free (item->position);
  g_free (item->description);
  g_free (item->article_number);
  g_free (item->quantity);
  g_free (item->unit_code);
  g_free (item->net_price);
  g_free (item->net_price_basis_quantity);
  g_free (item->gross_price);
  g_free (item->gross_price_basis_quantity);
  g_free (item->vat_rate);
  g_free (item->vat_category);
  g_clear_pointer (&item->line_total, remit_amount_free);
  g_clear_pointer (&item->unit_gross, remit_amount_free);
  g_free (item);
}

static void
allowance_charge_free (gpointer data)
{
  RemitEInvoiceAllowanceCharge *entry = data;

  g_clear_pointer (&entry->amount, remit_amount_free);
  g_clear_pointer (&entry->basis, remit_amount_free);
  g_free (entry->percent);
  g_free (entry->reason);
  g_free (entry->reason_code);
  g_free (entry->vat_rate);
  g_free (entry);
}

void
remit_einvoice_free (RemitEInvoice *invoice)
{
  if (invoice == NULL)
    return;

  g_free (invoice->guideline_id);
  g_free (invoice->source_name);
  g_free (invoice->invoice_number);
  g_free (invoice->issue_date);
  g_free (invoice->due_date);
  g_free (invoice->currency);
  g_clear_pointer (&invoice->amount_due, remit_amount_free);
  g_clear_pointer (&invoice->grand_total, remit_amount_free);
  g_clear_pointer (&invoice->prepaid, remit_amount_free);
  g_clear_pointer (&invoice->rounding, remit_amount_free);
  g_clear_pointer (&invoice->line_total, remit_amount_free);
  g_clear_pointer (&invoice->allowance_total, remit_amount_free);
  g_clear_pointer (&invoice->charge_total, remit_amount_free);
  g_clear_pointer (&invoice->net_total, remit_amount_free);
  g_clear_pointer (&invoice->tax_total, remit_amount_free);
  g_free (invoice->payee);
  g_free (invoice->seller_name);
  g_free (invoice->buyer_name);
  g_clear_pointer (&invoice->accounts, g_ptr_array_unref);
  g_free (invoice->creditor_id);
  g_free (invoice->mandate_reference);
  g_free (invoice->debtor_iban);
  g_free (invoice->payment_reference);
  g_free (invoice->purpose);
  g_clear_pointer (&invoice->line_items, g_ptr_array_unref);
  g_clear_pointer (&invoice->allowance_charges, g_ptr_array_unref);
  g_clear_pointer (&invoice->problems, g_ptr_array_unref);
  g_free (invoice);
}

static RemitEInvoice *
einvoice_new (RemitEInvoiceSyntax syntax)
{
  RemitEInvoice *invoice = g_new0 (RemitEInvoice, 1);

  invoice->syntax = syntax;
  invoice->doc_type = REMIT_EINVOICE_DOC_TYPE;
  invoice->accounts = g_ptr_array_new_with_free_func (account_free);
  invoice->line_items = g_ptr_array_new_with_free_func (line_item_free);
  invoice->allowance_charges = g_ptr_array_new_with_free_func (allowance_charge_free);
  invoice->problems = g_ptr_array_new_with_free_func (problem_free);

  return invoice;
}

/* Problems */

static void add_problem (RemitEInvoice *invoice, const char *field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static void
add_problem (RemitEInvoice *invoice, const char *field, const char *format, ...)
{
  RemitEInvoiceProblem *problem = g_new0 (RemitEInvoiceProblem, 1);
  va_list args;

  va_start (args, format);
  problem->field = g_strdup (field);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s: %s", problem->field, problem->message);
  g_ptr_array_add (invoice->problems, problem);
}

const RemitEInvoiceProblem *
remit_einvoice_find_problem (const RemitEInvoice *invoice, const char *field)
{
  g_return_val_if_fail (invoice != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < invoice->problems->len; i++)
    {
      const RemitEInvoiceProblem *problem = g_ptr_array_index (invoice->problems, i);

      if (g_str_equal (problem->field, field))
        return problem;
    }

  return NULL;
}

/* Decimals, exactly. XML Schema's decimal: an optional sign, digits, an optional point with
 * more digits; no exponent, no grouping. */

typedef struct
{
  gboolean negative;
  GString *integer;  /* no leading zeros; empty for zero */
  GString *fraction; /* no trailing zeros */
} Decimal;

static void
decimal_clear (Decimal *decimal)
{
  if (decimal->integer != NULL)
    g_string_free (decimal->integer, TRUE);
  if (decimal->fraction != NULL)
    g_string_free (decimal->fraction, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decimal, decimal_clear)

static gboolean
decimal_parse (const char *text, Decimal *out)
{
  const char *p = text;
  gboolean seen_digit = FALSE;

  out->negative = FALSE;
  out->integer = g_string_new (NULL);
  out->fraction = g_string_new (NULL);

  if (text == NULL)
    return FALSE;

  if (*p == '-' || *p == '+')
    out->negative = (*p++ == '-');

  for (; g_ascii_isdigit (*p); p++)
    {
      seen_digit = TRUE;
      if (out->integer->len > 0 || *p != '0')
        g_string_append_c (out->integer, *p);
    }

  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        seen_digit = TRUE;
        g_string_append_c (out->fraction, *p);
      }

  if (!seen_digit || *p != '\0')
    return FALSE;

  while (out->fraction->len > 0 && out->fraction->str[out->fraction->len - 1] == '0')
    g_string_truncate (out->fraction, out->fraction->len - 1);

  if (out->integer->len == 0 && out->fraction->len == 0)
    out->negative = FALSE;

  return TRUE;
}

/* "20.0000" → "20", "+.50" → "0.5", "-0.0" → "0". NULL if @text is not a decimal. */
static char *
decimal_canonical (const char *text)
{
  g_auto (Decimal) decimal = { 0 };
  GString *out;

  if (!decimal_parse (text, &decimal))
    return NULL;

  out = g_string_new (decimal.negative ? "-" : "");
  g_string_append (out, decimal.integer->len > 0 ? decimal.integer->str : "0");
  if (decimal.fraction->len > 0)
    g_string_append_printf (out, ".%s", decimal.fraction->str);

  return g_string_free (out, FALSE);
}

typedef enum
{
  MINOR_OK,
  MINOR_NOT_A_NUMBER,
  MINOR_TOO_PRECISE,
  MINOR_TOO_LARGE,
} MinorStatus;

/* The value of @text in units of 10^-@decimals. Digits past @decimals are refused unless
 * they are zeros: nothing is rounded. */
static MinorStatus
decimal_to_minor (const char *text, int decimals, gint64 *minor)
{
  g_auto (Decimal) decimal = { 0 };
  gint64 value = 0;

  if (!decimal_parse (text, &decimal))
    return MINOR_NOT_A_NUMBER;
  if (decimal.fraction->len > (gsize) decimals)
    return MINOR_TOO_PRECISE;
  if (decimal.integer->len > 15)
    return MINOR_TOO_LARGE;

  for (gsize i = 0; i < decimal.integer->len; i++)
    value = value * 10 + (decimal.integer->str[i] - '0');
  for (int i = 0; i < decimals; i++)
    value = value * 10 + ((gsize) i < decimal.fraction->len ? decimal.fraction->str[i] - '0' : 0);

  *minor = decimal.negative ? -value : value;
  return MINOR_OK;
}

/* @text as @mantissa × 10^-@scale, with at most 18 significant digits. */
static gboolean
decimal_to_scaled (const char *text, gint64 *mantissa, int *scale)
{
  g_auto (Decimal) decimal = { 0 };
  gint64 value = 0;

  if (!decimal_parse (text, &decimal))
    return FALSE;
  if (decimal.integer->len + decimal.fraction->len > 18)
    return FALSE;

  for (gsize i = 0; i < decimal.integer->len; i++)
    value = value * 10 + (decimal.integer->str[i] - '0');
  for (gsize i = 0; i < decimal.fraction->len; i++)
    value = value * 10 + (decimal.fraction->str[i] - '0');

  *mantissa = decimal.negative ? -value : value;
  *scale = (int) decimal.fraction->len;
  return TRUE;
}

static gboolean
power_of_ten (int exponent, guint64 *out)
{
  guint64 value = 1;

  for (int i = 0; i < exponent; i++)
    if (__builtin_mul_overflow (value, 10, &value))
      return FALSE;

  *out = value;
  return TRUE;
}

/* Price of one unit with VAT: @line_total × (100 + @rate) / 100 / @quantity, in exact integer
 * arithmetic, rounded half away from zero to the minor unit. NULL when it cannot be had. */
static RemitAmount *
compute_unit_gross (const RemitAmount *line_total, const char *rate, const char *quantity)
{
  gint64 rate_mantissa, quantity_mantissa;
  int rate_scale, quantity_scale;
  guint64 rate_unit, quantity_unit, hundred, factor, numerator, denominator, result, remainder;
  guint64 net;
  gboolean negative;

  if (line_total == NULL || rate == NULL || quantity == NULL)
    return NULL;
  if (!decimal_to_scaled (rate, &rate_mantissa, &rate_scale) || rate_mantissa < 0)
    return NULL;
  if (!decimal_to_scaled (quantity, &quantity_mantissa, &quantity_scale) || quantity_mantissa == 0)
    return NULL;
  if (!power_of_ten (rate_scale, &rate_unit) || !power_of_ten (quantity_scale, &quantity_unit))
    return NULL;

  net = (guint64) (line_total->minor < 0 ? -line_total->minor : line_total->minor);
  negative = (line_total->minor < 0) != (quantity_mantissa < 0);

  if (__builtin_mul_overflow (rate_unit, 100, &hundred)
      || __builtin_add_overflow (hundred, (guint64) rate_mantissa, &factor)
      || __builtin_mul_overflow (net, factor, &numerator)
      || __builtin_mul_overflow (numerator, quantity_unit, &numerator)
      || __builtin_mul_overflow (hundred, (guint64) ABS (quantity_mantissa), &denominator))
    return NULL;

  result = numerator / denominator;
  remainder = numerator % denominator;
  if (remainder >= denominator - remainder)
    result++;
  if (result > (guint64) G_MAXINT64)
    return NULL;

  return remit_amount_copy (&(RemitAmount){
    .minor = negative ? -(gint64) result : (gint64) result,
    .currency = { line_total->currency[0], line_total->currency[1], line_total->currency[2] },
  });
}

/* XML access */

/* The text of @node with runs of white space made one space and the ends trimmed; NULL
 * when nothing is left. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content;
  GString *out;
  gboolean pending_space = FALSE;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = (const char *) content; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  xmlFree (content);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static char *
node_attribute (xmlNode *node, const char *name)
{
  xmlChar *value;
  char *copy = NULL;

  if (node == NULL)
    return NULL;

  value = xmlGetProp (node, BAD_CAST name);
  if (value != NULL)
    {
      copy = g_strstrip (g_strdup ((const char *) value));
      if (*copy == '\0')
        g_clear_pointer (&copy, g_free);
    }
  xmlFree (value);

  return copy;
}

static GPtrArray *find_nodes (Reader *reader, xmlNode *from, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* Every node that the XPath expression selects below @from, in document order. */
static GPtrArray *
find_nodes (Reader *reader, xmlNode *from, const char *format, ...)
{
  GPtrArray *nodes = g_ptr_array_new ();
  g_autofree char *path = NULL;
  xmlXPathObject *result;
  va_list args;

  if (from == NULL)
    return nodes;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  result = xmlXPathNodeEval (from, BAD_CAST path, reader->xpath);
  if (result != NULL && result->type == XPATH_NODESET && result->nodesetval != NULL)
    for (int i = 0; i < result->nodesetval->nodeNr; i++)
      g_ptr_array_add (nodes, result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject (result);

  return nodes;
}

static xmlNode *find_node (Reader *reader, xmlNode *from, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static xmlNode *
find_node (Reader *reader, xmlNode *from, const char *format, ...)
{
  g_autofree char *path = NULL;
  xmlXPathObject *result;
  xmlNode *found = NULL;
  va_list args;

  if (from == NULL)
    return NULL;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  result = xmlXPathNodeEval (from, BAD_CAST path, reader->xpath);
  if (result != NULL && result->type == XPATH_NODESET && result->nodesetval != NULL
      && result->nodesetval->nodeNr > 0)
    found = result->nodesetval->nodeTab[0];
  xmlXPathFreeObject (result);

  return found;
}

/* The first non-empty text among the nodes the expression selects. */
static char *find_text (Reader *reader, xmlNode *from, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static char *
find_text (Reader *reader, xmlNode *from, const char *format, ...)
{
  g_autoptr (GPtrArray) nodes = NULL;
  g_autofree char *path = NULL;
  va_list args;

  if (from == NULL)
    return NULL;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  nodes = find_nodes (reader, from, "%s", path);
  for (guint i = 0; i < nodes->len; i++)
    {
      char *text = node_text (g_ptr_array_index (nodes, i));

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* Values */

/* An exact decimal such as a quantity, a price or a rate, canonical. A value that is not a
 * decimal is kept as found, with a problem. */
static char *
read_decimal (Reader *reader, xmlNode *node, const char *field)
{
  g_autofree char *text = node_text (node);
  char *canonical;

  if (text == NULL)
    return NULL;

  canonical = decimal_canonical (text);
  if (canonical == NULL)
    {
      add_problem (reader->invoice, field, _("“%s” is not a number"), text);
      return g_steal_pointer (&text);
    }

  return canonical;
}

static RemitAmount *
read_amount (Reader *reader, xmlNode *node, const char *field)
{
  RemitEInvoice *invoice = reader->invoice;
  g_autofree char *text = NULL;
  g_autofree char *currency = NULL;
  gint64 minor = 0;
  int decimals;

  if (node == NULL)
    return NULL;

  text = node_text (node);
  if (text == NULL)
    {
      add_problem (invoice, field, _("The amount is empty"));
      return NULL;
    }

  currency = node_attribute (node, "currencyID");
  if (currency == NULL || g_strcmp0 (currency, invoice->currency) == 0)
    {
      if (!reader->currency_usable)
        return NULL;
      g_free (currency);
      currency = g_strdup (invoice->currency);
    }
  else if (!remit_currency_is_known (currency))
    {
      add_problem (invoice, field,
                   _("The amount “%s” is in “%s”, which is not a known currency"), text,
                   currency);
      return NULL;
    }
  else
    {
      add_problem (invoice, field, _("The amount “%s” is in %s, the invoice in %s"), text,
                   currency, invoice->currency);
    }

  decimals = remit_currency_get_decimals (currency);
  switch (decimal_to_minor (text, decimals, &minor))
    {
    case MINOR_OK:
      break;
    case MINOR_NOT_A_NUMBER:
      add_problem (invoice, field, _("The amount “%s” is not a number"), text);
      return NULL;
    case MINOR_TOO_PRECISE:
      add_problem (invoice, field,
                   _("The amount “%s” has more decimals than %s has (%d); it was not rounded"),
                   text, currency, decimals);
      return NULL;
    case MINOR_TOO_LARGE:
      add_problem (invoice, field, _("The amount “%s” is too large"), text);
      return NULL;
    default:
      g_assert_not_reached ();
    }

  return remit_amount_copy (&(RemitAmount){
    .minor = minor,
    .currency = { currency[0], currency[1], currency[2] },
  });
}

/* A date written as CCYYMMDD (CII format 102) or YYYY-MM-DD with an optional time zone (UBL
 * xs:date), as YYYY-MM-DD. */
static char *
read_date (Reader *reader, xmlNode *node, const char *field)
{
  g_autofree char *text = node_text (node);
  g_autofree char *format = node_attribute (node, "format");
  int year = 0, month = 0, day = 0;
  gboolean shaped = FALSE;

  if (text == NULL)
    return NULL;

  if (format != NULL && !g_str_equal (format, "102"))
    {
      add_problem (reader->invoice, field,
                   _("The date “%s” is in format %s, which does not name a day"), text, format);
      return NULL;
    }

  if (strlen (text) == 8)
    {
      shaped = TRUE;
      for (int i = 0; i < 8; i++)
        shaped = shaped && g_ascii_isdigit (text[i]);
      if (shaped)
        {
          year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10
                 + (text[3] - '0');
          month = (text[4] - '0') * 10 + (text[5] - '0');
          day = (text[6] - '0') * 10 + (text[7] - '0');
        }
    }
  else if (strlen (text) >= 10 && text[4] == '-' && text[7] == '-')
    {
      const char *zone = text + 10;

      shaped = g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2])
               && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[5])
               && g_ascii_isdigit (text[6]) && g_ascii_isdigit (text[8])
               && g_ascii_isdigit (text[9]);
      shaped = shaped
               && (*zone == '\0' || g_str_equal (zone, "Z")
                   || ((zone[0] == '+' || zone[0] == '-') && strlen (zone) == 6
                       && g_ascii_isdigit (zone[1]) && g_ascii_isdigit (zone[2])
                       && zone[3] == ':' && g_ascii_isdigit (zone[4])
                       && g_ascii_isdigit (zone[5])));
      if (shaped)
        {
          year = (int) g_ascii_strtoll (text, NULL, 10);
          month = (int) g_ascii_strtoll (text + 5, NULL, 10);
          day = (int) g_ascii_strtoll (text + 8, NULL, 10);
        }
    }

  if (!shaped || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      add_problem (reader->invoice, field, _("“%s” is not a date"), text);
      return NULL;
    }

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static int
read_code (Reader *reader, xmlNode *node, const char *field)
{
  g_autofree char *text = node_text (node);
  guint64 value = 0;

  if (text == NULL)
    return 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 999, &value, NULL))
    {
      add_problem (reader->invoice, field, _("“%s” is not a code from the code list"), text);
      return 0;
    }

  return (int) value;
}

/* A ChargeIndicator: "true"/"false" (also "1"/"0"). */
static gboolean
read_indicator (xmlNode *node)
{
  g_autofree char *text = node_text (node);

  return text != NULL && (g_str_equal (text, "true") || g_str_equal (text, "1"));
}

/* Reads the invoice currency; amounts are only built in a currency Remit knows. */
static void
set_currency (Reader *reader, char *code)
{
  RemitEInvoice *invoice = reader->invoice;

  if (code == NULL)
    {
      add_problem (invoice, "currency",
                   _("The e-invoice names no currency; its amounts are read as euros"));
      code = g_strdup ("EUR");
    }

  invoice->currency = code;
  reader->currency_usable = remit_currency_is_known (code);
  if (!reader->currency_usable)
    add_problem (invoice, "currency",
                 _("“%s” is not a currency code Remit knows; the amounts were not read"), code);
}

/* Document types (UNTDID 1001) */

static const int credit_note_codes[] = { 81, 83, 261, 262, 296, 308, 381, 396, 420, 458, 532 };

/* The codes EN 16931 allows for invoices and credit notes, and the construction codes of
 * XRechnung. */
static const int known_type_codes[] = {
  71,  80,  81,  82,  83,  84,  102, 130, 202, 203, 204, 211, 218, 219, 261, 262, 295,
  296, 308, 325, 326, 331, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 393,
  394, 395, 396, 420, 456, 457, 458, 527, 532, 553, 575, 623, 633, 751, 780, 817, 870,
  875, 876, 877, 935,
};

static gboolean
code_in (int code, const int *codes, gsize n_codes)
{
  for (gsize i = 0; i < n_codes; i++)
    if (codes[i] == code)
      return TRUE;

  return FALSE;
}

static void
classify_type (RemitEInvoice *invoice, gboolean credit_note_syntax)
{
  int code = invoice->type_code;

  if (code != 0 && !code_in (code, known_type_codes, G_N_ELEMENTS (known_type_codes)))
    add_problem (invoice, "docType", _("%d is not a document type code of an invoice"), code);

  invoice->is_credit_note =
    credit_note_syntax || code_in (code, credit_note_codes, G_N_ELEMENTS (credit_note_codes));
  invoice->is_corrected = code == 384;
  invoice->is_self_billed = code == 389 || code == 261 || code == 527;
  invoice->is_partial = code == 326 || code == 875 || code == 876;
  invoice->is_construction = code == 875 || code == 876 || code == 877;
  invoice->is_prepayment = code == 386;
}

static RemitEInvoiceProfile
profile_from_guideline (const char *id)
{
  g_autofree char *lower = NULL;

  if (id == NULL)
    return REMIT_EINVOICE_PROFILE_UNKNOWN;

  lower = g_ascii_strdown (id, -1);
  if (strstr (lower, "xrechnung") != NULL)
    return REMIT_EINVOICE_PROFILE_XRECHNUNG;
  if (strstr (lower, "peppol") != NULL)
    return REMIT_EINVOICE_PROFILE_PEPPOL;
  if (strstr (lower, "extended") != NULL)
    return REMIT_EINVOICE_PROFILE_EXTENDED;
  if (strstr (lower, "basicwl") != NULL || strstr (lower, "basic-wl") != NULL
      || strstr (lower, "basic_wl") != NULL)
    return REMIT_EINVOICE_PROFILE_BASIC_WL;
  if (strstr (lower, "basic") != NULL)
    return REMIT_EINVOICE_PROFILE_BASIC;
  if (strstr (lower, "minimum") != NULL)
    return REMIT_EINVOICE_PROFILE_MINIMUM;
  if (strstr (lower, "comfort") != NULL || strstr (lower, "en16931") != NULL)
    return REMIT_EINVOICE_PROFILE_EN16931;

  return REMIT_EINVOICE_PROFILE_UNKNOWN;
}

/* Payment */

static gboolean
is_direct_debit_code (int code)
{
  /* 59 SEPA direct debit, 49 direct debit */
  return code == 59 || code == 49;
}

static void
note_means_code (RemitEInvoice *invoice, int code)
{
  if (code != 0 && invoice->payment_means_code == 0)
    invoice->payment_means_code = code;
  if (is_direct_debit_code (code))
    invoice->debited = TRUE;
}

static void
add_account (Reader *reader, const char *iban_text, const char *bic_text, char *account_name,
             int means_code)
{
  RemitEInvoice *invoice = reader->invoice;
  RemitEInvoiceAccount *account;
  g_autoptr (GError) error = NULL;
  g_autofree char *iban = remit_iban_normalize (iban_text);

  for (guint i = 0; i < invoice->accounts->len; i++)
    {
      RemitEInvoiceAccount *known = g_ptr_array_index (invoice->accounts, i);

      if (g_str_equal (known->iban, iban))
        {
          g_free (account_name);
          return;
        }
    }

  account = g_new0 (RemitEInvoiceAccount, 1);
  account->iban = g_steal_pointer (&iban);
  account->account_name = account_name;
  account->means_code = means_code;
  account->iban_valid = remit_iban_validate (iban_text, NULL, &error);
  if (!account->iban_valid)
    add_problem (invoice, "iban", _("The IBAN “%s” is not valid: %s"), account->iban,
                 error->message);
  g_clear_error (&error);

  if (bic_text != NULL)
    {
      account->bic = remit_bic_normalize (bic_text);
      account->bic_valid = remit_bic_validate (bic_text, NULL, &error);
      if (!account->bic_valid)
        add_problem (invoice, "bic", _("The BIC “%s” is not valid: %s"), account->bic,
                     error->message);
    }

  g_ptr_array_add (invoice->accounts, account);
}

const RemitEInvoiceAccount *
remit_einvoice_get_payable_account (const RemitEInvoice *invoice)
{
  g_return_val_if_fail (invoice != NULL, NULL);

  if (invoice->debited || invoice->accounts->len == 0)
    return NULL;

  for (guint i = 0; i < invoice->accounts->len; i++)
    {
      const RemitEInvoiceAccount *account = g_ptr_array_index (invoice->accounts, i);

      if (account->iban_valid)
        return account;
    }

  return g_ptr_array_index (invoice->accounts, 0);
}

/* Consistency */

static gboolean
add_or_subtract (RemitAmount *sum, const RemitAmount *term, gboolean subtract)
{
  RemitAmount value;

  if (term == NULL)
    return TRUE;

  value = *term;
  if (subtract)
    value.minor = -value.minor;

  return remit_amount_add (sum, &value, sum, NULL);
}

static void
check_totals (RemitEInvoice *invoice, gboolean due_stated)
{
  RemitAmount sum;

  /* Amount due = grand total − prepaid + rounding. */
  if (due_stated && invoice->amount_due != NULL && invoice->grand_total != NULL)
    {
      sum = *invoice->grand_total;
      if (add_or_subtract (&sum, invoice->prepaid, TRUE)
          && add_or_subtract (&sum, invoice->rounding, FALSE)
          && !remit_amount_equal (&sum, invoice->amount_due))
        {
          g_autofree char *due = remit_amount_to_wire (invoice->amount_due);
          g_autofree char *expected = remit_amount_to_wire (&sum);

          add_problem (invoice, "amountToPay",
                       _("The amount due %s does not match the grand total less the amount "
                         "paid before (%s)"),
                       due, expected);
        }
    }

  /* The lines add up to the line total. */
  if (invoice->line_total != NULL && invoice->line_items->len > 0)
    {
      gboolean complete = TRUE;

      remit_amount_init (&sum, 0, invoice->line_total->currency);
      for (guint i = 0; i < invoice->line_items->len && complete; i++)
        {
          RemitEInvoiceLineItem *item = g_ptr_array_index (invoice->line_items, i);

          complete = item->line_total != NULL && add_or_subtract (&sum, item->line_total, FALSE);
        }

      if (complete && !remit_amount_equal (&sum, invoice->line_total))
        {
          g_autofree char *stated = remit_amount_to_wire (invoice->line_total);
          g_autofree char *added = remit_amount_to_wire (&sum);

          add_problem (invoice, "lineItems",
                       _("The line total %s is not the sum of the lines (%s)"), stated, added);
        }
    }

  /* Net total = line total + charges − allowances. */
  if (invoice->line_total != NULL && invoice->net_total != NULL)
    {
      sum = *invoice->line_total;
      if (add_or_subtract (&sum, invoice->charge_total, FALSE)
          && add_or_subtract (&sum, invoice->allowance_total, TRUE)
          && !remit_amount_equal (&sum, invoice->net_total))
        {
          g_autofree char *stated = remit_amount_to_wire (invoice->net_total);
          g_autofree char *expected = remit_amount_to_wire (&sum);

          add_problem (invoice, "netTotal",
                       _("The total without VAT %s is not the line total plus charges less "
                         "allowances (%s)"),
                       stated, expected);
        }
    }

  /* Grand total = net total + VAT. */
  if (invoice->net_total != NULL && invoice->grand_total != NULL)
    {
      sum = *invoice->net_total;
      if (add_or_subtract (&sum, invoice->tax_total, FALSE)
          && !remit_amount_equal (&sum, invoice->grand_total))
        {
          g_autofree char *stated = remit_amount_to_wire (invoice->grand_total);
          g_autofree char *expected = remit_amount_to_wire (&sum);

          add_problem (invoice, "grandTotal",
                       _("The grand total %s is not the total without VAT plus VAT (%s)"),
                       stated, expected);
        }
    }
}

/* The tax total in the invoice currency; an invoice may state it in a tax currency too. */
static xmlNode *
pick_in_currency (GPtrArray *nodes, const char *currency)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *attribute = node_attribute (g_ptr_array_index (nodes, i), "currencyID");

      if (attribute == NULL || g_strcmp0 (attribute, currency) == 0)
        return g_ptr_array_index (nodes, i);
    }

  return nodes->len > 0 ? g_ptr_array_index (nodes, 0) : NULL;
}

/* Categories that carry no VAT may leave the rate out. */
static gboolean
category_is_untaxed (const char *category)
{
  static const char *const untaxed[] = { "E", "Z", "AE", "K", "G", "O" };

  if (category == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (untaxed); i++)
    if (g_str_equal (category, untaxed[i]))
      return TRUE;

  return FALSE;
}

static void
finish_line_item (RemitEInvoiceLineItem *item)
{
  const char *rate = item->vat_rate;

  if (rate == NULL && category_is_untaxed (item->vat_category))
    rate = "0";

  item->unit_gross = compute_unit_gross (item->line_total, rate, item->quantity);
}

static void
finish (RemitEInvoice *invoice, gboolean due_stated)
{
  invoice->profile = profile_from_guideline (invoice->guideline_id);

  if (invoice->payee == NULL)
    invoice->payee = g_strdup (invoice->seller_name);
  if (invoice->mandate_reference != NULL)
    invoice->debited = TRUE;

  invoice->purpose = g_strdup (invoice->payment_reference != NULL ? invoice->payment_reference
                                                                  : invoice->invoice_number);

  if (invoice->invoice_number == NULL)
    add_problem (invoice, "invoiceNumber", _("The e-invoice has no invoice number"));
  if (invoice->amount_due == NULL)
    add_problem (invoice, "amountToPay", _("The e-invoice states no amount to pay"));

  check_totals (invoice, due_stated);
}

/* CII: ZUGFeRD 1.0 and 2.x, Factur-X, XRechnung */

static void
read_cii_line (Reader *reader, const CiiNames *names, xmlNode *line, guint index)
{
  RemitEInvoiceLineItem *item = g_new0 (RemitEInvoiceLineItem, 1);
  xmlNode *agreement = find_node (reader, line, "%s", names->line_agreement);
  xmlNode *settlement = find_node (reader, line, "%s", names->line_settlement);
  xmlNode *quantity = find_node (reader, line, "%s/ram:BilledQuantity", names->line_delivery);
  xmlNode *net = find_node (reader, agreement, "ram:NetPriceProductTradePrice");
  xmlNode *gross = find_node (reader, agreement, "ram:GrossPriceProductTradePrice");
  xmlNode *tax = find_node (reader, settlement, "ram:ApplicableTradeTax");
  char field[64];

#define LINE_FIELD(name) (g_snprintf (field, sizeof field, "lineItems[%u].%s", index, name), field)

  item->position = find_text (reader, line, "ram:AssociatedDocumentLineDocument/ram:LineID");
  item->description = find_text (reader, line, "ram:SpecifiedTradeProduct/ram:Name");
  if (item->description == NULL)
    item->description = find_text (reader, line, "ram:SpecifiedTradeProduct/ram:Description");
  item->article_number = find_text (reader, line, "ram:SpecifiedTradeProduct/ram:SellerAssignedID");
  if (item->article_number == NULL)
    item->article_number = find_text (reader, line, "ram:SpecifiedTradeProduct/ram:GlobalID");

  item->quantity = read_decimal (reader, quantity, LINE_FIELD ("quantity"));
  item->unit_code = node_attribute (quantity, "unitCode");

  item->net_price = read_decimal (reader, find_node (reader, net, "ram:ChargeAmount"),
                                  LINE_FIELD ("netPrice"));
  item->net_price_basis_quantity =
    read_decimal (reader, find_node (reader, net, "ram:BasisQuantity"), LINE_FIELD ("netPrice"));
  item->gross_price = read_decimal (reader, find_node (reader, gross, "ram:ChargeAmount"),
                                    LINE_FIELD ("grossPrice"));
  item->gross_price_basis_quantity = read_decimal (
    reader, find_node (reader, gross, "ram:BasisQuantity"), LINE_FIELD ("grossPrice"));

  item->vat_rate =
    read_decimal (reader, find_node (reader, tax, "%s", names->rate), LINE_FIELD ("vatRate"));
  item->vat_category = find_text (reader, tax, "ram:CategoryCode");

  item->line_total = read_amount (
    reader, find_node (reader, settlement, "%s/ram:LineTotalAmount", names->line_summation),
    LINE_FIELD ("lineTotal"));

#undef LINE_FIELD

  finish_line_item (item);
  g_ptr_array_add (reader->invoice->line_items, item);
}

static void
read_cii_allowance_charge (Reader *reader, const CiiNames *names, xmlNode *node, guint index)
{
  RemitEInvoiceAllowanceCharge *entry = g_new0 (RemitEInvoiceAllowanceCharge, 1);
  g_autofree char *field = g_strdup_printf ("allowanceCharges[%u]", index);

  entry->is_charge =
    read_indicator (find_node (reader, node, "ram:ChargeIndicator/udt:Indicator"));
  entry->amount = read_amount (reader, find_node (reader, node, "ram:ActualAmount"), field);
  entry->basis = read_amount (reader, find_node (reader, node, "ram:BasisAmount"), field);
  entry->percent = read_decimal (reader, find_node (reader, node, "ram:CalculationPercent"), field);
  entry->reason = find_text (reader, node, "ram:Reason");
  entry->reason_code = find_text (reader, node, "ram:ReasonCode");
  entry->vat_rate =
    read_decimal (reader, find_node (reader, node, "ram:CategoryTradeTax/%s", names->rate), field);

  g_ptr_array_add (reader->invoice->allowance_charges, entry);
}

/* ZUGFeRD 1.0 states shipping as a logistics service charge. */
static void
read_logistics_charge (Reader *reader, const CiiNames *names, xmlNode *node, guint index)
{
  RemitEInvoiceAllowanceCharge *entry = g_new0 (RemitEInvoiceAllowanceCharge, 1);
  g_autofree char *field = g_strdup_printf ("allowanceCharges[%u]", index);

  entry->is_charge = TRUE;
  entry->amount = read_amount (reader, find_node (reader, node, "ram:AppliedAmount"), field);
  entry->reason = find_text (reader, node, "ram:Description");
  entry->vat_rate =
    read_decimal (reader, find_node (reader, node, "ram:AppliedTradeTax/%s", names->rate), field);

  g_ptr_array_add (reader->invoice->allowance_charges, entry);
}

static void
read_cii_payment (Reader *reader, xmlNode *settlement)
{
  RemitEInvoice *invoice = reader->invoice;
  g_autoptr (GPtrArray) means = find_nodes (reader, settlement,
                                            "ram:SpecifiedTradeSettlementPaymentMeans");

  for (guint i = 0; i < means->len; i++)
    {
      xmlNode *entry = g_ptr_array_index (means, i);
      g_autoptr (GPtrArray) creditor_accounts =
        find_nodes (reader, entry, "ram:PayeePartyCreditorFinancialAccount");
      g_autofree char *bic =
        find_text (reader, entry, "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID");
      int code = read_code (reader, find_node (reader, entry, "ram:TypeCode"), "paymentMeans");

      note_means_code (invoice, code);

      /* The buyer's own account in a direct debit: kept apart, never a payment target. */
      if (invoice->debtor_iban == NULL)
        {
          g_autofree char *debtor =
            find_text (reader, entry, "ram:PayerPartyDebtorFinancialAccount/ram:IBANID");

          if (debtor != NULL)
            invoice->debtor_iban = remit_iban_normalize (debtor);
        }

      for (guint j = 0; j < creditor_accounts->len; j++)
        {
          xmlNode *account = g_ptr_array_index (creditor_accounts, j);
          g_autofree char *iban = find_text (reader, account, "ram:IBANID");

          if (iban != NULL)
            add_account (reader, iban, bic, find_text (reader, account, "ram:AccountName"), code);
        }
    }

  invoice->payment_reference = find_text (reader, settlement, "ram:PaymentReference");
  invoice->creditor_id = find_text (reader, settlement, "ram:CreditorReferenceID");
  invoice->mandate_reference =
    find_text (reader, settlement, "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID");
  invoice->due_date = read_date (
    reader,
    find_node (reader, settlement,
               "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"),
    "dueDate");
}

static void
read_cii (Reader *reader, xmlNode *root, const CiiNames *names)
{
  RemitEInvoice *invoice = reader->invoice;
  xmlNode *document = find_node (reader, root, "%s", names->document);
  xmlNode *transaction = find_node (reader, root, "%s", names->transaction);
  xmlNode *agreement = find_node (reader, transaction, "%s", names->agreement);
  xmlNode *settlement = find_node (reader, transaction, "%s", names->settlement);
  xmlNode *summation = find_node (reader, settlement, "%s", names->summation);
  g_autoptr (GPtrArray) tax_totals = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) allowance_charges = NULL;
  g_autoptr (GPtrArray) logistics = NULL;
  xmlNode *due_payable;

  invoice->guideline_id =
    find_text (reader, root, "%s/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
               names->context);

  invoice->invoice_number = find_text (reader, document, "ram:ID");
  invoice->type_code = read_code (reader, find_node (reader, document, "ram:TypeCode"), "docType");
  invoice->issue_date = read_date (
    reader, find_node (reader, document, "ram:IssueDateTime/udt:DateTimeString"), "issueDate");
  classify_type (invoice, FALSE);

  set_currency (reader, find_text (reader, settlement, "ram:InvoiceCurrencyCode"));

  invoice->seller_name = find_text (reader, agreement, "ram:SellerTradeParty/ram:Name");
  invoice->buyer_name = find_text (reader, agreement, "ram:BuyerTradeParty/ram:Name");
  invoice->payee = find_text (reader, settlement, "ram:PayeeTradeParty/ram:Name");

  read_cii_payment (reader, settlement);

  invoice->line_total =
    read_amount (reader, find_node (reader, summation, "ram:LineTotalAmount"), "lineTotal");
  invoice->charge_total =
    read_amount (reader, find_node (reader, summation, "ram:ChargeTotalAmount"), "chargeTotal");
  invoice->allowance_total = read_amount (
    reader, find_node (reader, summation, "ram:AllowanceTotalAmount"), "allowanceTotal");
  invoice->net_total =
    read_amount (reader, find_node (reader, summation, "ram:TaxBasisTotalAmount"), "netTotal");
  tax_totals = find_nodes (reader, summation, "ram:TaxTotalAmount");
  invoice->tax_total =
    read_amount (reader, pick_in_currency (tax_totals, invoice->currency), "taxTotal");
  invoice->rounding =
    read_amount (reader, find_node (reader, summation, "ram:RoundingAmount"), "rounding");
  invoice->grand_total =
    read_amount (reader, find_node (reader, summation, "ram:GrandTotalAmount"), "grandTotal");
  invoice->prepaid =
    read_amount (reader, find_node (reader, summation, "ram:TotalPrepaidAmount"), "prepaid");

  /* The grand total stands in only for an amount due that is not stated at all; one that
   * is stated but unreadable stays missing, with its problem. */
  due_payable = find_node (reader, summation, "ram:DuePayableAmount");
  invoice->amount_due = read_amount (reader, due_payable, "amountToPay");
  if (due_payable == NULL && invoice->grand_total != NULL)
    invoice->amount_due = remit_amount_copy (invoice->grand_total);

  allowance_charges = find_nodes (reader, settlement, "ram:SpecifiedTradeAllowanceCharge");
  for (guint i = 0; i < allowance_charges->len; i++)
    read_cii_allowance_charge (reader, names, g_ptr_array_index (allowance_charges, i),
                               invoice->allowance_charges->len);
  logistics = find_nodes (reader, settlement, "ram:SpecifiedLogisticsServiceCharge");
  for (guint i = 0; i < logistics->len; i++)
    read_logistics_charge (reader, names, g_ptr_array_index (logistics, i),
                           invoice->allowance_charges->len);

  lines = find_nodes (reader, transaction, "ram:IncludedSupplyChainTradeLineItem");
  for (guint i = 0; i < lines->len; i++)
    read_cii_line (reader, names, g_ptr_array_index (lines, i), i);

  finish (invoice, due_payable != NULL && invoice->amount_due != NULL);
}

/* UBL 2.1 Invoice and CreditNote */

static char *
ubl_party_name (Reader *reader, xmlNode *party)
{
  char *name = find_text (reader, party, "cac:PartyLegalEntity/cbc:RegistrationName");

  if (name == NULL)
    name = find_text (reader, party, "cac:PartyName/cbc:Name");

  return name;
}

static void
read_ubl_line (Reader *reader, xmlNode *line, guint index)
{
  RemitEInvoiceLineItem *item = g_new0 (RemitEInvoiceLineItem, 1);
  xmlNode *quantity = find_node (reader, line, "cbc:InvoicedQuantity | cbc:CreditedQuantity");
  xmlNode *price = find_node (reader, line, "cac:Price");
  xmlNode *tax = find_node (reader, line, "cac:Item/cac:ClassifiedTaxCategory");
  char field[64];

#define LINE_FIELD(name) (g_snprintf (field, sizeof field, "lineItems[%u].%s", index, name), field)

  item->position = find_text (reader, line, "cbc:ID");
  item->description = find_text (reader, line, "cac:Item/cbc:Name");
  if (item->description == NULL)
    item->description = find_text (reader, line, "cac:Item/cbc:Description");
  item->article_number = find_text (reader, line, "cac:Item/cac:SellersItemIdentification/cbc:ID");
  if (item->article_number == NULL)
    item->article_number =
      find_text (reader, line, "cac:Item/cac:StandardItemIdentification/cbc:ID");

  item->quantity = read_decimal (reader, quantity, LINE_FIELD ("quantity"));
  item->unit_code = node_attribute (quantity, "unitCode");

  item->net_price =
    read_decimal (reader, find_node (reader, price, "cbc:PriceAmount"), LINE_FIELD ("netPrice"));
  item->net_price_basis_quantity =
    read_decimal (reader, find_node (reader, price, "cbc:BaseQuantity"), LINE_FIELD ("netPrice"));
  item->gross_price =
    read_decimal (reader,
                  find_node (reader, price,
                             "cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:BaseAmount"),
                  LINE_FIELD ("grossPrice"));
  if (item->gross_price != NULL)
    item->gross_price_basis_quantity = g_strdup (item->net_price_basis_quantity);

  item->vat_rate =
    read_decimal (reader, find_node (reader, tax, "cbc:Percent"), LINE_FIELD ("vatRate"));
  item->vat_category = find_text (reader, tax, "cbc:ID");

  item->line_total = read_amount (reader, find_node (reader, line, "cbc:LineExtensionAmount"),
                                  LINE_FIELD ("lineTotal"));

#undef LINE_FIELD

  finish_line_item (item);
  g_ptr_array_add (reader->invoice->line_items, item);
}

static void
read_ubl_allowance_charge (Reader *reader, xmlNode *node, guint index)
{
  RemitEInvoiceAllowanceCharge *entry = g_new0 (RemitEInvoiceAllowanceCharge, 1);
  g_autofree char *field = g_strdup_printf ("allowanceCharges[%u]", index);

  entry->is_charge = read_indicator (find_node (reader, node, "cbc:ChargeIndicator"));
  entry->amount = read_amount (reader, find_node (reader, node, "cbc:Amount"), field);
  entry->basis = read_amount (reader, find_node (reader, node, "cbc:BaseAmount"), field);
  entry->percent =
    read_decimal (reader, find_node (reader, node, "cbc:MultiplierFactorNumeric"), field);
  entry->reason = find_text (reader, node, "cbc:AllowanceChargeReason");
  entry->reason_code = find_text (reader, node, "cbc:AllowanceChargeReasonCode");
  entry->vat_rate = read_decimal (reader, find_node (reader, node, "cac:TaxCategory/cbc:Percent"),
                                  field);

  g_ptr_array_add (reader->invoice->allowance_charges, entry);
}

static void
read_ubl_payment (Reader *reader, xmlNode *root)
{
  RemitEInvoice *invoice = reader->invoice;
  g_autoptr (GPtrArray) means = find_nodes (reader, root, "cac:PaymentMeans");

  for (guint i = 0; i < means->len; i++)
    {
      xmlNode *entry = g_ptr_array_index (means, i);
      xmlNode *account = find_node (reader, entry, "cac:PayeeFinancialAccount");
      g_autofree char *iban = find_text (reader, account, "cbc:ID");
      int code =
        read_code (reader, find_node (reader, entry, "cbc:PaymentMeansCode"), "paymentMeans");

      note_means_code (invoice, code);

      if (invoice->payment_reference == NULL)
        invoice->payment_reference = find_text (reader, entry, "cbc:PaymentID");
      if (invoice->due_date == NULL)
        invoice->due_date =
          read_date (reader, find_node (reader, entry, "cbc:PaymentDueDate"), "dueDate");

      if (invoice->mandate_reference == NULL)
        invoice->mandate_reference = find_text (reader, entry, "cac:PaymentMandate/cbc:ID");
      if (invoice->debtor_iban == NULL)
        {
          g_autofree char *debtor =
            find_text (reader, entry, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID");

          if (debtor != NULL)
            invoice->debtor_iban = remit_iban_normalize (debtor);
        }

      if (iban != NULL)
        {
          g_autofree char *bic =
            find_text (reader, account, "cac:FinancialInstitutionBranch/cbc:ID");

          add_account (reader, iban, bic, find_text (reader, account, "cbc:Name"), code);
        }
    }

  invoice->creditor_id =
    find_text (reader, root,
               "cac:PayeeParty/cac:PartyIdentification/cbc:ID[@schemeID = 'SEPA']"
               " | cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification"
               "/cbc:ID[@schemeID = 'SEPA']");
}

static void
read_ubl (Reader *reader, xmlNode *root, gboolean credit_note)
{
  RemitEInvoice *invoice = reader->invoice;
  xmlNode *totals = find_node (reader, root, "cac:LegalMonetaryTotal");
  xmlNode *payable;
  g_autofree char *due_date = NULL;
  g_autoptr (GPtrArray) tax_totals = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) allowance_charges = NULL;
  xmlNode *payee;

  invoice->guideline_id = find_text (reader, root, "cbc:CustomizationID");
  invoice->invoice_number = find_text (reader, root, "cbc:ID");
  invoice->type_code = read_code (
    reader, find_node (reader, root, "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode"), "docType");
  if (invoice->type_code == 0)
    invoice->type_code = credit_note ? 381 : 380;
  classify_type (invoice, credit_note);
  invoice->issue_date = read_date (reader, find_node (reader, root, "cbc:IssueDate"), "issueDate");
  due_date = read_date (reader, find_node (reader, root, "cbc:DueDate"), "dueDate");

  set_currency (reader, find_text (reader, root, "cbc:DocumentCurrencyCode"));

  invoice->seller_name =
    ubl_party_name (reader, find_node (reader, root, "cac:AccountingSupplierParty/cac:Party"));
  invoice->buyer_name =
    ubl_party_name (reader, find_node (reader, root, "cac:AccountingCustomerParty/cac:Party"));
  payee = find_node (reader, root, "cac:PayeeParty");
  invoice->payee = find_text (reader, payee, "cac:PartyName/cbc:Name");
  if (invoice->payee == NULL)
    invoice->payee = find_text (reader, payee, "cac:PartyLegalEntity/cbc:RegistrationName");

  read_ubl_payment (reader, root);
  if (due_date != NULL)
    {
      g_free (invoice->due_date);
      invoice->due_date = g_steal_pointer (&due_date);
    }

  invoice->line_total =
    read_amount (reader, find_node (reader, totals, "cbc:LineExtensionAmount"), "lineTotal");
  invoice->charge_total =
    read_amount (reader, find_node (reader, totals, "cbc:ChargeTotalAmount"), "chargeTotal");
  invoice->allowance_total = read_amount (
    reader, find_node (reader, totals, "cbc:AllowanceTotalAmount"), "allowanceTotal");
  invoice->net_total =
    read_amount (reader, find_node (reader, totals, "cbc:TaxExclusiveAmount"), "netTotal");
  tax_totals = find_nodes (reader, root, "cac:TaxTotal/cbc:TaxAmount");
  invoice->tax_total =
    read_amount (reader, pick_in_currency (tax_totals, invoice->currency), "taxTotal");
  invoice->grand_total =
    read_amount (reader, find_node (reader, totals, "cbc:TaxInclusiveAmount"), "grandTotal");
  invoice->prepaid =
    read_amount (reader, find_node (reader, totals, "cbc:PrepaidAmount"), "prepaid");
  invoice->rounding =
    read_amount (reader, find_node (reader, totals, "cbc:PayableRoundingAmount"), "rounding");

  payable = find_node (reader, totals, "cbc:PayableAmount");
  invoice->amount_due = read_amount (reader, payable, "amountToPay");
  if (payable == NULL && invoice->grand_total != NULL)
    invoice->amount_due = remit_amount_copy (invoice->grand_total);

  allowance_charges = find_nodes (reader, root, "cac:AllowanceCharge");
  for (guint i = 0; i < allowance_charges->len; i++)
    read_ubl_allowance_charge (reader, g_ptr_array_index (allowance_charges, i), i);

  lines = find_nodes (reader, root, "cac:InvoiceLine | cac:CreditNoteLine");
  for (guint i = 0; i < lines->len; i++)
    read_ubl_line (reader, g_ptr_array_index (lines, i), i);

  finish (invoice, payable != NULL && invoice->amount_due != NULL);
}

/* Parsing, safely: no network, no DTD loading, no entities of the document's own. */

typedef struct
{
  gboolean declares_entities;
} ParseGuard;

static void
refuse_entity_declaration (void *user_data,
                           const xmlChar *name,
                           int type,
                           const xmlChar *public_id,
                           const xmlChar *system_id,
                           xmlChar *content)
{
  xmlParserCtxt *context = user_data;
  ParseGuard *guard = context->_private;

  guard->declares_entities = TRUE;
  xmlStopParser (context);
}

static void
refuse_unparsed_entity_declaration (void *user_data,
                                    const xmlChar *name,
                                    const xmlChar *public_id,
                                    const xmlChar *system_id,
                                    const xmlChar *notation_name)
{
  refuse_entity_declaration (user_data, name, 0, public_id, system_id, NULL);
}

static void
ignore_external_subset (void *user_data,
                        const xmlChar *name,
                        const xmlChar *external_id,
                        const xmlChar *system_id)
{
}

static xmlParserInput *
refuse_to_resolve (void *user_data, const xmlChar *public_id, const xmlChar *system_id)
{
  g_debug ("Refused to load an external resource of an e-invoice");
  return NULL;
}

static void
log_parse_error (void *user_data, xmlError *error)
{
  if (error != NULL && error->message != NULL)
    g_debug ("XML line %d: %s", error->line, error->message);
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static xmlDoc *
parse_xml (const char *data, gsize length, GError **error)
{
  static GOnce once = G_ONCE_INIT;
  ParseGuard guard = { FALSE };
  xmlParserCtxt *context;
  xmlDoc *doc;
  int line;

  if (!xml_load (error))
    return NULL;
  g_once (&once, init_libxml, NULL);

  if (length > REMIT_EINVOICE_MAX_SIZE)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The e-invoice is larger than 10 MiB; Remit does not read files this "
                     "large"));
      return NULL;
    }

  context = xmlCreateMemoryParserCtxt (data, (int) length);
  if (context == NULL)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                   _("The e-invoice is empty"));
      return NULL;
    }

  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD, no
   * XML_PARSE_DTDVALID, no XML_PARSE_HUGE; XML_PARSE_NONET on top. */
  xmlCtxtUseOptions (context, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                                | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS);
  context->_private = &guard;
  context->sax->entityDecl = refuse_entity_declaration;
  context->sax->unparsedEntityDecl = refuse_unparsed_entity_declaration;
  context->sax->externalSubset = ignore_external_subset;
  context->sax->resolveEntity = refuse_to_resolve;
  context->sax->serror = log_parse_error;
  context->sax->warning = NULL;
  context->sax->error = NULL;
  context->sax->fatalError = NULL;

  xmlParseDocument (context);

  doc = context->myDoc;
  context->myDoc = NULL;
  line = context->input != NULL ? context->input->line : 0;

  if (guard.declares_entities)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                   _("The e-invoice declares XML entities of its own, which an invoice never "
                     "needs; it was not read"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (!context->wellFormed || doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                   _("The e-invoice is not well-formed XML (near line %d); ask the sender for "
                     "a corrected file"),
                   line);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlFreeParserCtxt (context);
  return doc;
}

static gboolean
root_is (xmlNode *root, const char *name, const char *ns)
{
  return root->ns != NULL && xmlStrEqual (root->name, BAD_CAST name)
         && xmlStrEqual (root->ns->href, BAD_CAST ns);
}

RemitEInvoice *
remit_einvoice_from_xml (const char *data, gsize length, GError **error)
{
  xmlDoc *doc;
  xmlNode *root;
  Reader reader = { 0 };
  RemitEInvoice *invoice = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = parse_xml (data, length, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  reader.xpath = xmlXPathNewContext (doc);

  if (root_is (root, "CrossIndustryInvoice", NS_CII_RSM))
    {
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "rsm", BAD_CAST NS_CII_RSM);
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "ram", BAD_CAST NS_CII_RAM);
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "udt", BAD_CAST NS_CII_UDT);
      reader.invoice = invoice = einvoice_new (REMIT_EINVOICE_SYNTAX_CII);
      read_cii (&reader, root, &cii_names);
    }
  else if (root_is (root, "CrossIndustryDocument", NS_ZF1_RSM))
    {
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "rsm", BAD_CAST NS_ZF1_RSM);
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "ram", BAD_CAST NS_ZF1_RAM);
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "udt", BAD_CAST NS_ZF1_UDT);
      reader.invoice = invoice = einvoice_new (REMIT_EINVOICE_SYNTAX_ZUGFERD1);
      read_cii (&reader, root, &zugferd1_names);
    }
  else if (root_is (root, "Invoice", NS_UBL_INVOICE)
           || root_is (root, "CreditNote", NS_UBL_CREDIT_NOTE))
    {
      gboolean credit_note = root_is (root, "CreditNote", NS_UBL_CREDIT_NOTE);

      xmlXPathRegisterNs (reader.xpath, BAD_CAST "cac", BAD_CAST NS_UBL_CAC);
      xmlXPathRegisterNs (reader.xpath, BAD_CAST "cbc", BAD_CAST NS_UBL_CBC);
      reader.invoice = invoice = einvoice_new (credit_note ? REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE
                                                           : REMIT_EINVOICE_SYNTAX_UBL_INVOICE);
      read_ubl (&reader, root, credit_note);
    }
  else
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
                   _("The XML file is not an e-invoice Remit reads (ZUGFeRD, Factur-X, "
                     "XRechnung or UBL)"));
    }

  xmlXPathFreeContext (reader.xpath);
  xmlFreeDoc (doc);

  return invoice;
}

/* PDF/A-3 attachments */

static gboolean
collect_attachment (const char *buffer, gsize count, gpointer user_data, GError **error)
{
  GByteArray *data = user_data;

  if (count > REMIT_EINVOICE_MAX_SIZE - data->len)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The e-invoice is larger than 10 MiB; Remit does not read files this "
                     "large"));
      return FALSE;
    }

  g_byte_array_append (data, (const guint8 *) buffer, (guint) count);
  return TRUE;
}

static GBytes *
read_attachment (PopplerAttachment *attachment, GError **error)
{
  g_autoptr (GByteArray) data = NULL;
  gsize size = poppler_attachment_get_size (attachment);

  /* A size the PDF states; poppler reports (gsize) -1 when it does not. The limit holds
   * while copying in any case. */
  if (size != (gsize) -1 && size > REMIT_EINVOICE_MAX_SIZE)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The e-invoice is larger than 10 MiB; Remit does not read files this "
                     "large"));
      return NULL;
    }

  data = g_byte_array_new ();
  if (!poppler_attachment_save_to_callback (attachment, collect_attachment, data, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Starts like XML: an optional byte-order mark and white space, then '<'. UTF-16 text is
 * left to the parser to judge. */
static gboolean
looks_like_xml (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize i = 0;

  if (length >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
    return TRUE;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '<';
}

static int
attachment_rank (PopplerAttachment *attachment)
{
  const char *name = poppler_attachment_get_name (attachment);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (attachment_names); i++)
    if (g_ascii_strcasecmp (name, attachment_names[i]) == 0)
      return (int) i;

  return G_N_ELEMENTS (attachment_names);
}

static gint
compare_attachments (gconstpointer a, gconstpointer b)
{
  return attachment_rank ((PopplerAttachment *) a) - attachment_rank ((PopplerAttachment *) b);
}

RemitEInvoice *
remit_einvoice_from_pdf (PopplerDocument *document, GError **error)
{
  GList *attachments;
  g_autoptr (GError) named_error = NULL;
  RemitEInvoice *invoice = NULL;

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The conventional names first, then any attachment that is an e-invoice. */
  attachments = g_list_sort (poppler_document_get_attachments (document), compare_attachments);

  for (GList *l = attachments; l != NULL && invoice == NULL; l = l->next)
    {
      PopplerAttachment *attachment = l->data;
      gboolean named = attachment_rank (attachment) < (int) G_N_ELEMENTS (attachment_names);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) bytes = read_attachment (attachment, &local_error);

      if (bytes != NULL && (named || looks_like_xml (bytes)))
        {
          gsize length;
          const char *data = g_bytes_get_data (bytes, &length);

          invoice = remit_einvoice_from_xml (data != NULL ? data : "", length, &local_error);
          if (invoice != NULL)
            invoice->source_name = g_strdup (poppler_attachment_get_name (attachment));
        }

      /* A file under an e-invoice's name that cannot be read is an error worth telling;
       * other attachments that are not e-invoices are none of our business. */
      if (invoice == NULL && named && named_error == NULL && local_error != NULL)
        {
          named_error = g_steal_pointer (&local_error);
          g_prefix_error (&named_error, _("The attached e-invoice “%s” cannot be read: "),
                          poppler_attachment_get_name (attachment));
        }
      else if (local_error != NULL)
        {
          g_debug ("Attachment “%s” is not an e-invoice: %s",
                   poppler_attachment_get_name (attachment), local_error->message);
        }
    }

  g_list_free_full (attachments, g_object_unref);

  if (invoice == NULL && named_error != NULL)
    g_propagate_error (error, g_steal_pointer (&named_error));

  return invoice;
}

/* Files */

static gboolean
is_pdf (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* Readers accept the header anywhere in the first kilobyte. */
  for (gsize i = 0; data != NULL && i + 5 <= MIN (length, 1024); i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;

  return FALSE;
}

RemitEInvoice *
remit_einvoice_from_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document;
  RemitEInvoice *invoice;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > REMIT_EINVOICE_MAX_SIZE)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The file is larger than 10 MiB; Remit does not read files this large"));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);

  if (!is_pdf (bytes))
    {
      if (!looks_like_xml (bytes))
        {
          g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
                       _("The file is neither a PDF nor an XML e-invoice"));
          return NULL;
        }
      return remit_einvoice_from_xml (data, length, error);
    }

  if (length > REMIT_EINVOICE_MAX_SIZE)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                   _("The file is larger than 10 MiB; Remit does not read files this large"));
      return NULL;
    }

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_ENCRYPTED,
                     _("The PDF is protected by a password; save it without one and try again"));
      else
        g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                     _("The PDF cannot be read: %s"), local_error->message);
      return NULL;
    }

  invoice = remit_einvoice_from_pdf (document, error);
  g_object_unref (document);

  return invoice;
}

/* Names */

const char *
remit_einvoice_syntax_to_string (RemitEInvoiceSyntax syntax)
{
  switch (syntax)
    {
    case REMIT_EINVOICE_SYNTAX_ZUGFERD1:
      return "ZUGFeRD 1.0";
    case REMIT_EINVOICE_SYNTAX_CII:
      return "CII";
    case REMIT_EINVOICE_SYNTAX_UBL_INVOICE:
      return "UBL Invoice";
    case REMIT_EINVOICE_SYNTAX_UBL_CREDIT_NOTE:
      return "UBL CreditNote";
    default:
      return "unknown";
    }
}

const char *
remit_einvoice_profile_to_string (RemitEInvoiceProfile profile)
{
  switch (profile)
    {
    case REMIT_EINVOICE_PROFILE_MINIMUM:
      return "MINIMUM";
    case REMIT_EINVOICE_PROFILE_BASIC_WL:
      return "BASIC WL";
    case REMIT_EINVOICE_PROFILE_BASIC:
      return "BASIC";
    case REMIT_EINVOICE_PROFILE_EN16931:
      return "EN 16931";
    case REMIT_EINVOICE_PROFILE_EXTENDED:
      return "EXTENDED";
    case REMIT_EINVOICE_PROFILE_XRECHNUNG:
      return "XRECHNUNG";
    case REMIT_EINVOICE_PROFILE_PEPPOL:
      return "PEPPOL";
    case REMIT_EINVOICE_PROFILE_UNKNOWN:
    default:
      return "unknown";
    }
}
