/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "remit-core-error.h"
#include "remit-sepa.h"

/* The output of the SEPA builder, read back with libxml2. */

typedef struct
{
  xmlDocPtr doc;
  xmlXPathContextPtr xpath;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->xpath, xmlXPathFreeContext);
  g_clear_pointer (&parsed->doc, xmlFreeDoc);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static void
parse (Parsed *parsed, const char *xml)
{
  xmlNodePtr root;

  parsed->doc = xmlReadMemory (xml, (int) strlen (xml), "pain.xml", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  g_assert_nonnull (parsed->doc);
  root = xmlDocGetRootElement (parsed->doc);
  g_assert_cmpstr ((const char *) root->name, ==, "Document");
  g_assert_nonnull (root->ns);
  g_assert_cmpstr ((const char *) root->ns->href, ==,
                   "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
  parsed->xpath = xmlXPathNewContext (parsed->doc);
  xmlXPathRegisterNs (parsed->xpath, BAD_CAST "p",
                      BAD_CAST "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
}

/* The text of the one node @path selects; fails when there is not exactly one. */
static char *
text_at (Parsed *parsed, const char *path)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST path, parsed->xpath);
  xmlChar *content;
  char *text;

  g_assert_nonnull (result);
  if (result->nodesetval == NULL || result->nodesetval->nodeNr != 1)
    g_error ("%s selects %d nodes, expected 1", path,
             result->nodesetval != NULL ? result->nodesetval->nodeNr : 0);
  content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  xmlXPathFreeObject (result);

  return text;
}

static int
count_at (Parsed *parsed, const char *path)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST path, parsed->xpath);
  int n;

  g_assert_nonnull (result);
  n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (result);

  return n;
}

static void
assert_text (Parsed *parsed, const char *path, const char *expected)
{
  g_autofree char *text = text_at (parsed, path);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s is “%s”, expected “%s”", path, text, expected);
}

/* The element names below @path, in document order, joined by spaces. */
static char *
children_of (Parsed *parsed, const char *path)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST path, parsed->xpath);
  GString *names = g_string_new (NULL);

  g_assert_nonnull (result);
  g_assert_cmpint (result->nodesetval->nodeNr, ==, 1);
  for (xmlNodePtr child = result->nodesetval->nodeTab[0]->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (names->len > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, (const char *) child->name);
    }
  xmlXPathFreeObject (result);

  return g_string_free (names, FALSE);
}

static RemitSepaCreditTransfer *
new_fixed_transfer (void)
{
  RemitSepaCreditTransfer *transfer =
    remit_sepa_credit_transfer_new ("Jürgen Groß", "de89 3704 0044 0532 0130 00", "cobadeff");
  g_autoptr (GDateTime) created = g_date_time_new_utc (2024, 5, 6, 10, 20, 30);
  g_autoptr (GDate) execution = g_date_new_dmy (8, G_DATE_MAY, 2024);

  remit_sepa_credit_transfer_set_message_id (transfer, "MSG-2024-05-06-1");
  remit_sepa_credit_transfer_set_creation_time (transfer, created);
  remit_sepa_credit_transfer_set_execution_date (transfer, execution);

  return transfer;
}

static void
add (RemitSepaCreditTransfer *transfer,
     const char *e2e,
     const char *name,
     const char *iban,
     const char *bic,
     gint64 cents,
     const char *currency,
     const char *remittance)
{
  RemitAmount amount;

  remit_amount_init (&amount, cents, currency);
  remit_sepa_credit_transfer_add (transfer, e2e, name, iban, bic, &amount, remittance);
}

static void
test_document (void)
{
  g_autoptr (RemitSepaCreditTransfer) transfer = new_fixed_transfer ();
  g_autoptr (GError) error = NULL;
  g_auto (Parsed) parsed = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *order = NULL;
  g_autofree char *tx_order = NULL;
  g_autofree char *pmt_order = NULL;

  add (transfer, "REMIT-1", "Müller & Söhne <Bau> \"Nord\"", "AT61 1904 3002 3457 3201",
       "MARKDEF1100", 123456, "EUR", "RE-2024/17 < 5 & \"x\"");
  add (transfer, "REMIT-2", "Stadtwerke", "DE02120300000000202051", NULL, 10, "EUR", NULL);
  add (transfer, NULL, "Crème Brûlée SARL", "GB82WEST12345698765432", NULL, 9999, "EUR",
       "Rechnung 4711");
  g_assert_cmpuint (remit_sepa_credit_transfer_get_n_transfers (transfer), ==, 3);

  xml = remit_sepa_credit_transfer_build (transfer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xml);
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));

  parse (&parsed, xml);

  order = children_of (&parsed, "/p:Document/p:CstmrCdtTrfInitn");
  g_assert_cmpstr (order, ==, "GrpHdr PmtInf");
  assert_text (&parsed, "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", "MSG-2024-05-06-1");
  assert_text (&parsed, "//p:GrpHdr/p:CreDtTm", "2024-05-06T10:20:30");
  assert_text (&parsed, "//p:GrpHdr/p:NbOfTxs", "3");
  /* 1234.56 + 0.10 + 99.99, from cents. */
  assert_text (&parsed, "//p:GrpHdr/p:CtrlSum", "1334.65");
  assert_text (&parsed, "//p:GrpHdr/p:InitgPty/p:Nm", "Juergen Gross");

  pmt_order = children_of (&parsed, "//p:PmtInf");
  g_assert_cmpstr (pmt_order, ==,
                   "PmtInfId PmtMtd NbOfTxs CtrlSum PmtTpInf ReqdExctnDt Dbtr DbtrAcct DbtrAgt "
                   "ChrgBr CdtTrfTxInf CdtTrfTxInf CdtTrfTxInf");
  assert_text (&parsed, "//p:PmtInf/p:PmtInfId", "MSG-2024-05-06-1-1");
  assert_text (&parsed, "//p:PmtInf/p:PmtMtd", "TRF");
  assert_text (&parsed, "//p:PmtInf/p:NbOfTxs", "3");
  assert_text (&parsed, "//p:PmtInf/p:CtrlSum", "1334.65");
  assert_text (&parsed, "//p:PmtInf/p:PmtTpInf/p:SvcLvl/p:Cd", "SEPA");
  assert_text (&parsed, "//p:PmtInf/p:ReqdExctnDt", "2024-05-08");
  assert_text (&parsed, "//p:PmtInf/p:Dbtr/p:Nm", "Juergen Gross");
  assert_text (&parsed, "//p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", "DE89370400440532013000");
  assert_text (&parsed, "//p:PmtInf/p:DbtrAgt/p:FinInstnId/p:BIC", "COBADEFF");
  assert_text (&parsed, "//p:PmtInf/p:ChrgBr", "SLEV");

  tx_order = children_of (&parsed, "//p:CdtTrfTxInf[1]");
  g_assert_cmpstr (tx_order, ==, "PmtId Amt CdtrAgt Cdtr CdtrAcct RmtInf");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:PmtId/p:EndToEndId", "REMIT-1");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:Amt/p:InstdAmt", "1234.56");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:Amt/p:InstdAmt/@Ccy", "EUR");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:CdtrAgt/p:FinInstnId/p:BIC", "MARKDEF1100");
  /* & → +, < > dropped, " → ': what the SEPA set allows, escaped where XML needs it. */
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:Cdtr/p:Nm", "Mueller + Soehne Bau 'Nord'");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:CdtrAcct/p:Id/p:IBAN", "AT611904300234573201");
  assert_text (&parsed, "//p:CdtTrfTxInf[1]/p:RmtInf/p:Ustrd", "RE-2024/17 5 + 'x'");

  g_free (tx_order);
  tx_order = children_of (&parsed, "//p:CdtTrfTxInf[2]");
  g_assert_cmpstr (tx_order, ==, "PmtId Amt Cdtr CdtrAcct");
  assert_text (&parsed, "//p:CdtTrfTxInf[2]/p:PmtId/p:EndToEndId", "REMIT-2");
  assert_text (&parsed, "//p:CdtTrfTxInf[2]/p:Amt/p:InstdAmt", "0.10");
  assert_text (&parsed, "//p:CdtTrfTxInf[2]/p:Cdtr/p:Nm", "Stadtwerke");
  assert_text (&parsed, "//p:CdtTrfTxInf[2]/p:CdtrAcct/p:Id/p:IBAN", "DE02120300000000202051");

  assert_text (&parsed, "//p:CdtTrfTxInf[3]/p:PmtId/p:EndToEndId", "NOTPROVIDED");
  assert_text (&parsed, "//p:CdtTrfTxInf[3]/p:Amt/p:InstdAmt", "99.99");
  assert_text (&parsed, "//p:CdtTrfTxInf[3]/p:Cdtr/p:Nm", "Creme Brulee SARL");
  assert_text (&parsed, "//p:CdtTrfTxInf[3]/p:RmtInf/p:Ustrd", "Rechnung 4711");
  g_assert_cmpint (count_at (&parsed, "//p:CdtTrfTxInf"), ==, 3);

  /* The raw text: the apostrophes are escaped, nothing unescaped is left. */
  g_assert_nonnull (strstr (xml, "<Nm>Mueller + Soehne Bau &apos;Nord&apos;</Nm>"));
  g_assert_null (strstr (xml, "<Bau"));
  for (const char *p = strchr (xml, '&'); p != NULL; p = strchr (p + 1, '&'))
    g_assert_true (g_str_has_prefix (p, "&apos;") || g_str_has_prefix (p, "&amp;")
                   || g_str_has_prefix (p, "&lt;") || g_str_has_prefix (p, "&gt;")
                   || g_str_has_prefix (p, "&quot;"));
}

static void
test_debtor_without_bic (void)
{
  g_autoptr (RemitSepaCreditTransfer) transfer =
    remit_sepa_credit_transfer_new ("ACME GmbH", "DE02120300000000202051", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (Parsed) parsed = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *today = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  add (transfer, "A", "Bob", "DE89370400440532013000", NULL, 500, "EUR", "");
  xml = remit_sepa_credit_transfer_build (transfer, &error);
  g_assert_no_error (error);
  parse (&parsed, xml);

  assert_text (&parsed, "//p:DbtrAgt/p:FinInstnId/p:Othr/p:Id", "NOTPROVIDED");
  g_assert_cmpint (count_at (&parsed, "//p:DbtrAgt//p:BIC"), ==, 0);
  /* An empty remittance text is left out. */
  g_assert_cmpint (count_at (&parsed, "//p:RmtInf"), ==, 0);
  /* Without an execution date: the creation day. */
  today = g_date_time_format (now, "%Y-%m-%d");
  assert_text (&parsed, "//p:ReqdExctnDt", today);
  assert_text (&parsed, "//p:GrpHdr/p:NbOfTxs", "1");
  assert_text (&parsed, "//p:GrpHdr/p:CtrlSum", "5.00");
}

static void
test_message_ids_unique (void)
{
  g_autoptr (RemitSepaCreditTransfer) a = remit_sepa_credit_transfer_new ("A", "x", NULL);
  g_autoptr (RemitSepaCreditTransfer) b = remit_sepa_credit_transfer_new ("A", "x", NULL);
  const char *id = remit_sepa_credit_transfer_get_message_id (a);

  g_assert_cmpuint (strlen (id), ==, 32);
  g_assert_true (remit_sepa_is_valid_id (id));
  g_assert_cmpstr (id, !=, remit_sepa_credit_transfer_get_message_id (b));
}

static void
test_limits (void)
{
  g_autoptr (RemitSepaCreditTransfer) transfer = new_fixed_transfer ();
  g_autoptr (GError) error = NULL;
  g_auto (Parsed) parsed = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *long_name = g_strnfill (69, 'A');
  g_autofree char *name = g_strconcat (long_name, "ä tail", NULL);
  g_autofree char *remittance = g_strnfill (140, 'r');

  /* 69 A, then ä → ae: cut at 70. The remittance is exactly 140. The maximum amount. */
  add (transfer, "X", name, "DE02120300000000202051", NULL, REMIT_SEPA_AMOUNT_MAX, "EUR",
       remittance);
  xml = remit_sepa_credit_transfer_build (transfer, &error);
  g_assert_no_error (error);
  parse (&parsed, xml);
  {
    g_autofree char *cut = text_at (&parsed, "//p:Cdtr/p:Nm");
    g_autofree char *expected = g_strconcat (long_name, "a", NULL);

    g_assert_cmpuint (strlen (cut), ==, 70);
    g_assert_cmpstr (cut, ==, expected);
  }
  assert_text (&parsed, "//p:InstdAmt", "999999999.99");
  assert_text (&parsed, "//p:Ustrd", remittance);
}

static void
assert_build_fails (RemitSepaCreditTransfer *transfer, int code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = remit_sepa_credit_transfer_build (transfer, &error);

  g_assert_null (xml);
  g_assert_error (error, REMIT_CORE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

static void
test_invalid (void)
{
  g_autofree char *long_remittance = g_strnfill (141, 'r');

  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "at least one");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "USD", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_AMOUNT, "USD");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    add (t, "T2", "Bob", "DE02120300000000202051", NULL, 0, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_AMOUNT, "“T2”");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, REMIT_SEPA_AMOUNT_MAX + 1, "EUR",
         NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_AMOUNT, "999,999,999.99");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202052", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_IBAN, "“T1”");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", NULL, NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_IBAN, "No IBAN");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202051", "COBAXXFF", 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_BIC, "“T1”");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "€ ™", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "no name");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "EUR", long_remittance);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "141");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    add (t, "has space", "Bob", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "end-to-end");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t = new_fixed_transfer ();
    remit_sepa_credit_transfer_set_message_id (t, "a//b");
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "message id");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t =
      remit_sepa_credit_transfer_new ("ACME", "DE02120300000000202051", NULL);
    g_autoptr (GDate) past = g_date_new_dmy (1, G_DATE_JANUARY, 2000);

    remit_sepa_credit_transfer_set_execution_date (t, past);
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_VALUE, "execution date");
  }
  {
    g_autoptr (RemitSepaCreditTransfer) t =
      remit_sepa_credit_transfer_new ("ACME", "DE00", NULL);
    add (t, "T1", "Bob", "DE02120300000000202051", NULL, 100, "EUR", NULL);
    assert_build_fails (t, REMIT_CORE_ERROR_INVALID_IBAN, "debtor");
  }
}

static void
test_transliterate (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "Ärger über Öl, Straße", "Aerger ueber Oel, Strasse" },
    { "Crème brûlée", "Creme brulee" },
    { "Łódź – Øresund", "Lodz - Oresund" },
    { "a\tb\n  c ", "a b c" },
    { "100 % €", "100" },
    { "„Zitat“ & Co.", "'Zitat' + Co." },
    { "Bestell-Nr.: 12/34 (neu)?", "Bestell-Nr.: 12/34 (neu)?" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = remit_sepa_transliterate (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  g_assert_true (remit_sepa_is_valid_id ("REMIT-42"));
  g_assert_false (remit_sepa_is_valid_id ("/REMIT"));
  g_assert_false (remit_sepa_is_valid_id (""));
  g_assert_false (remit_sepa_is_valid_id ("012345678901234567890123456789012345"));
  g_assert_false (remit_sepa_is_valid_id ("a&b"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sepa/document", test_document);
  g_test_add_func ("/sepa/debtor-without-bic", test_debtor_without_bic);
  g_test_add_func ("/sepa/message-ids-unique", test_message_ids_unique);
  g_test_add_func ("/sepa/limits", test_limits);
  g_test_add_func ("/sepa/invalid", test_invalid);
  g_test_add_func ("/sepa/transliterate", test_transliterate);

  return g_test_run ();
}
