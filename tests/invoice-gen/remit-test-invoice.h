/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remit-amount.h"

G_BEGIN_DECLS

/*
 * A generator of test invoices: native PDFs with a real text layer, drawn with cairo and
 * pango, together with the values an extraction engine should find on them and where on
 * the page each one was drawn.
 *
 * A #RemitTestInvoice is a plain, caller-owned description of the document. Every string
 * in it is owned by the struct and freed by remit_test_invoice_free(); replace one with
 * g_free() + g_strdup(). A %NULL optional string means "not printed".
 */

typedef enum
{
  REMIT_TEST_LANGUAGE_DE,
  REMIT_TEST_LANGUAGE_EN,
} RemitTestLanguage;

typedef enum
{
  REMIT_TEST_LAYOUT_DIN_LETTER,  /* German DIN 5008 letter, address window, footer columns */
  REMIT_TEST_LAYOUT_US_HEADER,   /* US style, right-aligned header block, US Letter paper */
  REMIT_TEST_LAYOUT_WHOLESALE,   /* dense gridded table, meta cells, VAT breakdown */
  REMIT_TEST_LAYOUT_FREELANCER,  /* minimalist, no grid */
  REMIT_TEST_LAYOUT_UTILITY,     /* colour band, summary box, payment slip at the bottom */
} RemitTestLayout;

#define REMIT_TEST_N_LAYOUTS 5

typedef enum
{
  REMIT_TEST_KIND_INVOICE,
  REMIT_TEST_KIND_REMINDER,        /* the open invoice plus a reminder fee */
  REMIT_TEST_KIND_CREDIT_NOTE,     /* nothing to pay: doc type "Other" */
  REMIT_TEST_KIND_REMITTANCE_SLIP, /* a page holding only a payment slip */
} RemitTestKind;

#define REMIT_TEST_N_KINDS 4

typedef enum
{
  REMIT_TEST_NUMBERS_GERMAN,  /* 1.234,56 */
  REMIT_TEST_NUMBERS_ENGLISH, /* 1,234.56 */
} RemitTestNumbers;

typedef enum
{
  REMIT_TEST_CURRENCY_SYMBOL, /* €, $, £ */
  REMIT_TEST_CURRENCY_CODE,   /* EUR, USD, GBP */
} RemitTestCurrencyStyle;

typedef enum
{
  REMIT_TEST_DATES_NUMERIC, /* 12.03.2024, 03/12/2024 (USD), 12/03/2024 */
  REMIT_TEST_DATES_LONG,    /* 12. März 2024, March 12, 2024 (USD), 12 March 2024 */
  REMIT_TEST_DATES_ISO,     /* 2024-03-12 */
} RemitTestDateStyle;

typedef enum
{
  REMIT_TEST_BIC_LABELLED, /* "BIC: …", "SWIFT/BIC: …" */
  REMIT_TEST_BIC_BARE,     /* beside the IBAN, without a label */
} RemitTestBicStyle;

typedef enum
{
  REMIT_TEST_DISTRACTOR_NONE,
  REMIT_TEST_DISTRACTOR_CUSTOMER_ACCOUNT, /* "Ihre Bankverbindung: IBAN …" */
  REMIT_TEST_DISTRACTOR_DIRECT_DEBIT,     /* "… buchen wir von Ihrem Konto IBAN … ab" */
} RemitTestDistractor;

typedef struct
{
  char *description;
  char *article_number; /* optional */
  gint64 quantity;
  char *unit;           /* optional: "Stk.", "h", "kWh", "pcs" */
  gint64 unit_price;    /* net, in minor units of the invoice currency */
  int vat_percent;      /* 0 for none */
} RemitTestItem;

typedef struct
{
  RemitTestLanguage language;
  RemitTestLayout layout;
  RemitTestKind kind;
  char *title; /* optional: "Rechnung", "1. Mahnung", …; the kind's default otherwise */

  char *font_family;  /* falls back to DejaVu Sans when fontconfig does not have it */
  double font_size;   /* body text, points */
  RemitTestNumbers numbers;
  RemitTestDateStyle dates;
  char currency[4];   /* EUR, USD or GBP */
  RemitTestCurrencyStyle currency_style;

  char *seller_name;  /* with legal form; the payment recipient */
  char *seller_street;
  char *seller_city;  /* postcode and city */
  char *seller_country; /* optional */
  char *seller_phone;   /* optional */
  char *seller_email;   /* optional */
  char *seller_vat_id;  /* optional */
  char *seller_register; /* optional: "Amtsgericht Köln, HRB 12345" */
  char *seller_manager;  /* optional: "Geschäftsführer: …" */

  char *buyer_name;
  char *buyer_contact; /* optional */
  char *buyer_street;
  char *buyer_city;
  char *buyer_country; /* optional */

  char *invoice_number;
  char *invoice_number_label;  /* "Rechnungsnummer", "Invoice #", … */
  char *customer_number;       /* optional */
  char *customer_number_label; /* "Kundennummer", "Customer No.", … */
  GDate issue_date;
  GDate due_date;              /* invalid: no due date printed */

  GPtrArray *items;            /* RemitTestItem */
  char *total_label;           /* "Rechnungsbetrag", "Amount due", … */
  gint64 reminder_fee;         /* minor units, added to the amount due of a reminder */

  char *iban;                  /* normalised; must be valid */
  gboolean iban_spaced;        /* printed in groups of four */
  gboolean iban_in_body;       /* payment instructions in the body */
  gboolean iban_in_footer;     /* bank column or line in the footer */
  gboolean payment_as_list;    /* body instructions as label lines instead of a sentence */
  char *bic;
  RemitTestBicStyle bic_style;
  char *bank_name;
  char *account_holder;        /* optional: printed with "Kontoinhaber" / "Account holder" */
  char *payment_reference;     /* optional */
  char *payment_reference_label;

  RemitTestDistractor distractor;
  char *distractor_iban;       /* the customer's own account; required with a distractor */

  char *qr_payload;            /* optional: drawn as a QR code (error correction M) */
} RemitTestInvoice;

/* Where a value was drawn: a 1-based page and a rectangle in PDF points, top-left origin. */
typedef struct
{
  int page;
  double left;
  double top;
  double width;
  double height;
} RemitTestBox;

typedef struct
{
  RemitTestBox box;
  char *text; /* exactly as drawn there */
} RemitTestPlace;

/*
 * A value and every place it was drawn. A value printed more than once (the IBAN in the body
 * and in each page's footer, the company name in the letterhead and the closing) has one main
 * place: the payment instructions over a slip over a footer, the totals over a sentence, the
 * letterhead over a footer; among equals the first.
 */
typedef struct
{
  char *value;       /* the value as the API gives it (normalised); NULL: not on the document */
  char *text;        /* as drawn at the main place */
  RemitTestBox box;  /* the main place: the one an engine should report */
  GArray *places;    /* RemitTestPlace: every place it was drawn, the main one included */
} RemitTestField;

typedef struct
{
  int position;               /* 1-based */
  gint64 quantity;
  RemitAmount unit_price;     /* net, as printed */
  RemitAmount base_gross;     /* gross price of one unit (computed, not printed) */
  RemitAmount total;          /* net line total, as printed */
  RemitTestField description;
  RemitTestField article_number;
  RemitTestField quantity_field;
  RemitTestField unit_price_field;
  RemitTestField total_field;
} RemitTestExpectedItem;

typedef struct
{
  int n_pages;
  double page_width;  /* points */
  double page_height;
  char *font_family;  /* the family actually used */
  const char *doc_type; /* "Invoice", "Reminder", "RemittanceSlip", "Other" */

  RemitAmount net;           /* sum of the line totals */
  RemitAmount vat;           /* sum of the VAT lines */
  RemitAmount gross;         /* net + vat */
  RemitAmount amount_to_pay; /* gross, plus the fee on a reminder; the credit on a credit note
                              * (doc type "Other": nothing is to be paid) */

  RemitTestField amount;     /* value in wire form "1234.56:EUR" */
  RemitTestField iban;
  RemitTestField bic;
  RemitTestField recipient;
  RemitTestField invoice_number;
  RemitTestField customer_number;
  RemitTestField payment_reference;
  RemitTestField distractor_iban; /* an IBAN that is not the payee's */
  RemitTestField qr_code;         /* value: the payload; box: the symbol */
  RemitTestField due_date;        /* value: "YYYY-MM-DD"; text: the date as drawn */
  RemitTestField due_term;        /* where no date is printed, a term such as “innerhalb von 14
                                   * Tagen”: value the invoice date plus its days, text the
                                   * term as drawn */

  GPtrArray *items; /* RemitTestExpectedItem, empty on reminders and slips */
} RemitTestExpected;

RemitTestInvoice *remit_test_invoice_new (void);
RemitTestInvoice *remit_test_invoice_new_varied (guint seed);
RemitTestInvoice *remit_test_invoice_new_preset (const char *name, GError **error);
const char *const *remit_test_invoice_get_presets (void);
void remit_test_invoice_free (RemitTestInvoice *invoice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitTestInvoice, remit_test_invoice_free)

void remit_test_invoice_add_item (RemitTestInvoice *invoice,
                                  const char *description,
                                  const char *article_number,
                                  gint64 quantity,
                                  const char *unit,
                                  gint64 unit_price,
                                  int vat_percent);
void remit_test_invoice_clear_items (RemitTestInvoice *invoice);

GBytes *remit_test_invoice_render (const RemitTestInvoice *invoice,
                                   RemitTestExpected **expected,
                                   GError **error);
gboolean remit_test_invoice_write (const RemitTestInvoice *invoice,
                                   const char *path,
                                   RemitTestExpected **expected,
                                   GError **error);

char *remit_test_make_iban (const char *country, const char *bban);
const char *remit_test_resolve_font (const char *family);

char *remit_test_expected_to_json (const RemitTestExpected *expected);
void remit_test_expected_free (RemitTestExpected *expected);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitTestExpected, remit_test_expected_free)

G_END_DECLS
