/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-test-invoice-cli"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "remit-test-invoice.h"

/* Writes one test invoice, for people debugging the extraction engine:
 *   remit-test-invoice --preset utility-bill bill.pdf
 *   remit-test-invoice --seed 17 --json invoice.pdf > expected.json
 */

static void
print_summary (const RemitTestExpected *exp)
{
  const RemitTestField *fields[] = { &exp->amount, &exp->iban, &exp->bic, &exp->recipient,
                                     &exp->invoice_number, &exp->customer_number,
                                     &exp->payment_reference, &exp->distractor_iban,
                                     &exp->due_date, &exp->due_term };
  const char *names[] = { "amountToPay", "iban", "bic", "paymentRecipient", "invoiceNumber",
                          "customerNumber", "paymentReference", "distractorIban", "dueDate",
                          "dueTerm" };

  g_print ("docType           %s\n", exp->doc_type);
  g_print ("pages             %d\n", exp->n_pages);
  g_print ("font              %s\n", exp->font_family);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i]->value == NULL)
        continue;
      g_print ("%-17s %s  “%s” page %d at %.1f,%.1f size %.1f×%.1f\n", names[i], fields[i]->value,
               fields[i]->text, fields[i]->box.page, fields[i]->box.left, fields[i]->box.top,
               fields[i]->box.width, fields[i]->box.height);
    }
  g_print ("lineItems         %u\n", exp->items->len);
}

static const char *layouts[] = { "din", "us", "wholesale", "freelancer", "utility" };
static const char *kinds[] = { "invoice", "reminder", "credit-note", "slip" };
static const char *languages[] = { "de", "en" };

static gboolean
parse_choice (const char *text, const char **names, gsize n, int *out)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (text, names[i]))
      {
        *out = (int) i;
        return TRUE;
      }
  g_printerr ("Unknown choice “%s”.\n", text);
  return FALSE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *preset = NULL;
  g_autofree char *qr_payload = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *language = NULL;
  gint64 seed = -1;
  int bench = 0;
  gboolean list = FALSE;
  gboolean json = FALSE;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, "Use a named preset", "NAME" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Make a varied invoice from a seed", "N" },
    { "qr-payload", 'q', 0, G_OPTION_ARG_STRING, &qr_payload, "Draw a QR code of this text",
      "TEXT" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      "Override the layout: din, us, wholesale, freelancer, utility", "LAYOUT" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      "Override the document kind: invoice, reminder, credit-note, slip", "KIND" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, "Override the language: de, en", "LANG" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, "Print the expected values as JSON", NULL },
    { "list-presets", 'l', 0, G_OPTION_ARG_NONE, &list, "List the presets", NULL },
    { "bench", 0, 0, G_OPTION_ARG_INT, &bench, "Render N times and print the time per page",
      "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "OUTPUT.pdf" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("OUTPUT.pdf");
  g_autoptr (RemitTestInvoice) invoice = NULL;
  g_autoptr (RemitTestExpected) expected = NULL;
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context,
                                "Writes a test invoice as a PDF with a text layer and prints the "
                                "values an extraction engine should find on it.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (list)
    {
      for (const char *const *name = remit_test_invoice_get_presets (); *name != NULL; name++)
        g_print ("%s\n", *name);
      return 0;
    }

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("Give exactly one output file. See “%s --help”.\n", g_get_prgname ());
      return 2;
    }
  if (preset != NULL && seed >= 0)
    {
      g_printerr ("Give either --preset or --seed, not both.\n");
      return 2;
    }

  if (seed >= 0)
    invoice = remit_test_invoice_new_varied ((guint) seed);
  else
    invoice = remit_test_invoice_new_preset (preset != NULL ? preset : "default", &error);
  if (invoice == NULL)
    {
      g_printerr ("%s. Use --list-presets to see the names.\n", error->message);
      return 1;
    }
  if (qr_payload != NULL)
    invoice->qr_payload = g_strdup (qr_payload);
  if (layout != NULL
      && !parse_choice (layout, layouts, G_N_ELEMENTS (layouts), (int *) &invoice->layout))
    return 2;
  if (kind != NULL && !parse_choice (kind, kinds, G_N_ELEMENTS (kinds), (int *) &invoice->kind))
    return 2;
  if (language != NULL
      && !parse_choice (language, languages, G_N_ELEMENTS (languages), (int *) &invoice->language))
    return 2;

  if (bench > 0)
    {
      gint64 start = g_get_monotonic_time ();
      clock_t cpu_start = clock ();
      int pages = 0;

      for (int i = 0; i < bench; i++)
        {
          g_autoptr (RemitTestExpected) exp = NULL;
          g_autoptr (GBytes) pdf = remit_test_invoice_render (invoice, &exp, &error);

          if (pdf == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          pages += exp->n_pages;
        }
      /* Processor time is the figure to compare; elapsed time depends on the machine's load. */
      g_print ("%.2f ms processor time per page, %.2f ms elapsed (%d renders, %d pages)\n",
               (double) (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC / pages,
               (g_get_monotonic_time () - start) / 1000.0 / pages, bench, pages);
    }

  if (!remit_test_invoice_write (invoice, files[0], &expected, &error))
    {
      g_printerr ("Could not write the invoice: %s\n", error->message);
      return 1;
    }

  if (json)
    {
      g_autofree char *text = remit_test_expected_to_json (expected);

      g_print ("%s\n", text);
    }
  else if (bench == 0)
    print_summary (expected);
  return 0;
}
