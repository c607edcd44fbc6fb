/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-review-panel"

#include "config.h"

#include "remit-iban.h"
#include "remit-review-panel.h"
#include "ui-test-util.h"

/* What the extraction service answers for a fishmonger's invoice: no purpose was found, the
 * IBAN, amount and BIC have candidates (one on page 2). */
static const char extractions_json[] =
  "{\n"
  "  \"extractions\": {\n"
  "    \"paymentRecipient\": {\"entity\": \"companyname\", \"value\": \"Fischhaus Nord GmbH\",\n"
  "      \"candidates\": \"paymentRecipients\",\n"
  "      \"box\": {\"page\": 1, \"left\": 56.5, \"top\": 70.25, \"width\": 131.5,\n"
  "               \"height\": 11}},\n"
  "    \"iban\": {\"entity\": \"iban\", \"value\": \"DE89370400440532013000\",\n"
  "      \"candidates\": \"ibans\",\n"
  "      \"box\": {\"page\": 1, \"left\": 340, \"top\": 760.5, \"width\": 152, \"height\": 9}},\n"
  "    \"bic\": {\"entity\": \"bic\", \"value\": \"COBADEFFXXX\", \"candidates\": \"bics\",\n"
  "      \"box\": {\"page\": 1, \"left\": 340, \"top\": 771.5, \"width\": 62, \"height\": 9}},\n"
  "    \"amountToPay\": {\"entity\": \"amount\", \"value\": \"114.75:EUR\",\n"
  "      \"candidates\": \"amounts\",\n"
  "      \"box\": {\"page\": 1, \"left\": 480, \"top\": 610, \"width\": 58, \"height\": 11}},\n"
  "    \"paymentReference\": {\"entity\": \"reference\", \"value\": \"RE-2024-0117\",\n"
  "      \"candidates\": \"referenceIds\",\n"
  "      \"box\": {\"page\": 1, \"left\": 420, \"top\": 150, \"width\": 70, \"height\": 10}},\n"
  "    \"docType\": {\"entity\": \"doctype\", \"value\": \"Invoice\"},\n"
  "    \"senderName\": {\"entity\": \"companyname\", \"value\": \"Fischhaus Nord GmbH\"}\n"
  "  },\n"
  "  \"candidates\": {\n"
  "    \"paymentRecipients\": [{\"entity\": \"companyname\", \"value\": \"Fischhaus Nord GmbH\",\n"
  "      \"box\": {\"page\": 1, \"left\": 56.5, \"top\": 70.25, \"width\": 131.5,\n"
  "               \"height\": 11}}],\n"
  "    \"ibans\": [\n"
  "      {\"entity\": \"iban\", \"value\": \"DE89370400440532013000\",\n"
  "       \"box\": {\"page\": 1, \"left\": 340, \"top\": 760.5, \"width\": 152, \"height\": 9}},\n"
  "      {\"entity\": \"iban\", \"value\": \"DE02120300000000202051\",\n"
  "       \"box\": {\"page\": 2, \"left\": 72, \"top\": 402.5, \"width\": 150.5,\n"
  "                \"height\": 9}}],\n"
  "    \"bics\": [{\"entity\": \"bic\", \"value\": \"COBADEFFXXX\",\n"
  "      \"box\": {\"page\": 1, \"left\": 340, \"top\": 771.5, \"width\": 62, \"height\": 9}}],\n"
  "    \"amounts\": [\n"
  "      {\"entity\": \"amount\", \"value\": \"114.75:EUR\",\n"
  "       \"box\": {\"page\": 1, \"left\": 480, \"top\": 610, \"width\": 58, \"height\": 11}},\n"
  "      {\"entity\": \"amount\", \"value\": \"109.85:EUR\",\n"
  "       \"box\": {\"page\": 1, \"left\": 480, \"top\": 580, \"width\": 58, \"height\": 11}}],\n"
  "    \"referenceIds\": []\n"
  "  },\n"
  "  \"returnReasons\": [\n"
  "    {\"id\": \"r1\", \"de\": \"Passt nicht\", \"en\": \"Does not fit\"},\n"
  "    {\"id\": \"r2\", \"de\": \"Beschädigt angekommen\", \"en\": \"Arrived damaged\"}\n"
  "  ]\n"
  "}\n";

typedef struct
{
  RemitExtractionSet *extractions;
  RemitReviewPanel *panel;
  GtkWidget *window;
  RemitFeedback *confirmed; /* the last one emitted */
  guint n_confirmed;
  guint n_changed;
} Fixture;

static void
on_confirmed (RemitReviewPanel *panel, RemitFeedback *feedback, Fixture *fixture)
{
  g_set_object (&fixture->confirmed, feedback);
  fixture->n_confirmed++;
}

static void
on_changed (RemitReviewPanel *panel, Fixture *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->extractions = remit_extraction_set_new_from_string (extractions_json, -1, &error);
  g_assert_no_error (error);

  fixture->panel = REMIT_REVIEW_PANEL (remit_review_panel_new ());
  g_signal_connect (fixture->panel, "confirmed", G_CALLBACK (on_confirmed), fixture);
  g_signal_connect (fixture->panel, "changed", G_CALLBACK (on_changed), fixture);
  remit_review_panel_set_extractions (fixture->panel, fixture->extractions);

  fixture->window = ui_test_window_new (GTK_WIDGET (fixture->panel), 420, 760);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  ui_test_window_close (fixture->window);
  g_clear_object (&fixture->confirmed);
  g_clear_object (&fixture->extractions);
}

static GtkWidget *
row (Fixture *fixture, const char *title)
{
  return ui_test_find_row (GTK_WIDGET (fixture->panel), title);
}

static const char *
row_text (Fixture *fixture, const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (fixture, title)));
}

/* The widget a screen reader reads for an entry row: its text. */
static GtkWidget *
row_text_widget (Fixture *fixture, const char *title)
{
  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row (fixture, title))));
}

static GtkWidget *
confirm_button (Fixture *fixture)
{
  GtkWidget *button = ui_test_find (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON, NULL, NULL);
  g_autoptr (GPtrArray) buttons = ui_test_find_all (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON,
                                                    NULL, NULL);

  button = NULL;
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Confirm") == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);

  return button;
}

static gboolean
widget_is_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_visible (widget);
}

/* A label among the suffixes of @row_widget that is shown and says @text. */
static gboolean
row_shows_note (GtkWidget *row_widget, const char *text)
{
  return widget_is_shown (ui_test_find_label (row_widget, text));
}

static GMenuModel *
menu_of (GtkWidget *menu_button)
{
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
}

static char *
menu_item_label (GMenuModel *menu, int index)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &label));
  return label;
}

/* A section of a row's menu, and its title (NULL if it has none). */
static GMenuModel *
menu_section (GMenuModel *menu, int index, char **title)
{
  GMenuModel *section;

  g_assert_cmpint (index, <, g_menu_model_get_n_items (menu));
  section = g_menu_model_get_item_link (menu, index, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  if (title != NULL && !g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s",
                                                         title))
    *title = NULL;

  /* The menu keeps the section alive. */
  g_object_unref (section);
  return section;
}

/* The menu button of the row titled @title. */
static GtkWidget *
row_menu_button (Fixture *fixture, const char *title)
{
  g_autofree char *name = g_strdup_printf ("More options for %s", title);

  return ui_test_find_by_accessible_label (row (fixture, title), GTK_TYPE_MENU_BUTTON, name);
}

/* Activates a menu item as a click on it does. */
static void
activate_menu_item (Fixture *fixture, GMenuModel *menu, int index)
{
  g_autoptr (GVariant) target = g_menu_model_get_item_attribute_value (menu, index,
                                                                       G_MENU_ATTRIBUTE_TARGET,
                                                                       NULL);
  g_autofree char *action = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->panel), action,
                                                     target));
}

/* Each row shows the extracted value the way a person reads it. */
static void
test_shows_extracted_values (Fixture *fixture, gconstpointer data)
{
  GtkWidget *menu_button;
  GMenuModel *menu;
  GMenuModel *candidates;
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *wrong = NULL;

  g_assert_cmpstr (row_text (fixture, "Recipient"), ==, "Fischhaus Nord GmbH");
  g_assert_cmpstr (row_text (fixture, "IBAN"), ==, "DE89 3704 0044 0532 0130 00");
  g_assert_cmpstr (row_text (fixture, "BIC"), ==, "COBADEFFXXX");
  /* German money format (LC_ALL=de_DE.UTF-8), with a no-break space before the sign. */
  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "114,75\u00a0€");
  g_assert_cmpstr (row_text (fixture, "Purpose"), ==, "");
  g_assert_cmpstr (row_text (fixture, "Reference"), ==, "RE-2024-0117");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Document Type"))),
                    ==, 1);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     ADW_COMBO_ROW (row (fixture, "Document Type")))),
                   ==, "Invoice");

  /* Nothing is wrong yet: no row is marked, Confirm can be pressed. */
  for (const char *const *name = (const char *const[]){ "Recipient", "IBAN", "BIC", "Amount",
                                                        "Purpose", "Reference", NULL };
       *name != NULL; name++)
    {
      g_assert_false (gtk_widget_has_css_class (row (fixture, *name), "error"));
      /* A screen reader names the text by its row. */
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_text_widget (fixture, *name)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, *name);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row_text_widget (fixture, *name)),
                                        GTK_ACCESSIBLE_STATE_INVALID,
                                        GTK_ACCESSIBLE_INVALID_FALSE);
    }
  g_assert_true (remit_review_panel_get_valid (fixture->panel));
  g_assert_true (gtk_widget_is_sensitive (confirm_button (fixture)));

  /* The row's menu offers the IBAN's candidates, in groups of four with the page they are
   * on, then marking it as wrongly found. */
  menu_button = row_menu_button (fixture, "IBAN");
  g_assert_true (widget_is_shown (menu_button));
  menu = menu_of (menu_button);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  candidates = menu_section (menu, 0, &title);
  g_assert_cmpstr (title, ==, "Found on the Document");
  g_assert_cmpint (g_menu_model_get_n_items (candidates), ==, 2);
  first = menu_item_label (candidates, 0);
  second = menu_item_label (candidates, 1);
  g_assert_cmpstr (first, ==, "DE89 3704 0044 0532 0130 00 (page 1)");
  g_assert_cmpstr (second, ==, "DE02 1203 0000 0000 2020 51 (page 2)");
  wrong = menu_item_label (menu_section (menu, 1, NULL), 0);
  g_assert_cmpstr (wrong, ==, "Mark as _Wrongly Found");

  /* The amount's candidates in the money format. */
  {
    GMenuModel *amounts = menu_section (menu_of (row_menu_button (fixture, "Amount")), 0, NULL);
    g_autofree char *amount = menu_item_label (amounts, 1);

    g_assert_cmpstr (amount, ==, "109,85\u00a0€ (page 1)");
  }
  /* The reference's candidate list is empty: only the actions. Nothing was found for the
   * purpose and it has no candidates: no menu at all. */
  {
    GMenuModel *reference = menu_of (row_menu_button (fixture, "Reference"));
    g_autofree char *reference_title = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (reference), ==, 1);
    menu_section (reference, 0, &reference_title);
    g_assert_null (reference_title);
  }
  g_assert_false (widget_is_shown (row_menu_button (fixture, "Purpose")));

  /* The values in the form the feedback takes them. */
  {
    g_autofree char *iban = remit_review_panel_dup_value (fixture->panel, "iban");
    g_autofree char *amount = remit_review_panel_dup_value (fixture->panel, "amountToPay");

    g_assert_cmpstr (iban, ==, "DE89370400440532013000");
    g_assert_cmpstr (amount, ==, "114.75:EUR");
  }

  /* Nothing was changed by a person. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

/* An IBAN with a wrong check sum marks its row and keeps Confirm insensitive until fixed. */
static void
test_invalid_iban (Fixture *fixture, gconstpointer data)
{
  GtkWidget *iban_row = row (fixture, "IBAN");
  GtkWidget *text = row_text_widget (fixture, "IBAN");
  g_autoptr (GError) expected = NULL;
  GtkWidget *status;

  gtk_editable_set_text (GTK_EDITABLE (iban_row), "DE89 3704 0044 0532 0130 01");
  ui_test_wait_for_draw (fixture->window);

  /* The message is the one the feedback rules give. */
  g_assert_false (remit_feedback_validate_value ("iban", "iban", "DE89 3704 0044 0532 0130 01",
                                                 NULL, &expected));
  g_assert_cmpstr (remit_review_panel_get_problem (fixture->panel, "iban"), ==,
                   expected->message);

  g_assert_true (gtk_widget_has_css_class (iban_row, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (iban_row), ==, expected->message);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected->message);
  g_assert_true (widget_is_shown (ui_test_find_by_accessible_label (iban_row, GTK_TYPE_IMAGE,
                                                                    "Invalid")));

  /* The message is also spelt out beside Confirm, which cannot be pressed. */
  status = ui_test_find_label (GTK_WIDGET (fixture->panel), expected->message);
  g_assert_true (widget_is_shown (status));
  g_assert_false (remit_review_panel_get_valid (fixture->panel));
  g_assert_false (gtk_widget_is_sensitive (confirm_button (fixture)));
  /* Ctrl+Return does nothing either. */
  g_assert_false (ui_test_activate_shortcut (GTK_WIDGET (fixture->panel), "<Control>Return"));
  g_assert_cmpuint (fixture->n_confirmed, ==, 0);
  g_assert_null (remit_review_panel_build_feedback (fixture->panel));

  /* An IBAN that is too short says so, too. */
  gtk_editable_set_text (GTK_EDITABLE (iban_row), "DE89 3704");
  g_assert_nonnull (remit_review_panel_get_problem (fixture->panel, "iban"));
  g_assert_false (gtk_widget_is_sensitive (confirm_button (fixture)));

  /* Fixed (typed without spaces, in lower case): all is well again. */
  gtk_editable_set_text (GTK_EDITABLE (iban_row), "de02120300000000202051");
  g_assert_null (remit_review_panel_get_problem (fixture->panel, "iban"));
  g_assert_false (gtk_widget_has_css_class (iban_row, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_true (remit_review_panel_get_valid (fixture->panel));
  g_assert_true (gtk_widget_is_sensitive (confirm_button (fixture)));

  {
    g_autofree char *iban = remit_review_panel_dup_value (fixture->panel, "iban");

    g_assert_cmpstr (iban, ==, "DE02120300000000202051");
  }
  /* Each edit was reported. */
  g_assert_cmpuint (fixture->n_changed, >=, 3);
}

/* Other fields follow the API's rules too; an emptied field asks to be filled or marked. */
static void
test_validation_rules (Fixture *fixture, gconstpointer data)
{
  struct
  {
    const char *title;
    const char *label;
    const char *value;
    gboolean valid;
  } cases[] = {
    { "Recipient", "paymentRecipient", "X", FALSE },
    { "Recipient", "paymentRecipient", "X2", TRUE },
    { "BIC", "bic", "COBADEFF", TRUE },
    { "BIC", "bic", "COBADEF", FALSE },
    { "Amount", "amountToPay", "zwölf Euro", FALSE },
    { "Amount", "amountToPay", "12,50 €", TRUE },
    { "Reference", "paymentReference", "RE 1", FALSE },
    { "Reference", "paymentReference", "RE-12", TRUE },
    { "Purpose", "paymentPurpose", "Rechnung 117", TRUE },
    /* Nothing was found for the purpose, so it may stay empty… */
    { "Purpose", "paymentPurpose", "", TRUE },
    /* …but a found recipient may not simply be emptied. */
    { "Recipient", "paymentRecipient", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *problem;

      gtk_editable_set_text (GTK_EDITABLE (row (fixture, cases[i].title)), cases[i].value);
      problem = remit_review_panel_get_problem (fixture->panel, cases[i].label);
      if (cases[i].valid != (problem == NULL))
        g_error ("%s “%s”: expected %s, got %s", cases[i].title, cases[i].value,
                 cases[i].valid ? "valid" : "a problem", problem ? problem : "valid");

      if (problem != NULL)
        {
          g_autoptr (GError) error = NULL;

          /* An emptied field gets its own message; otherwise the panel says what the
           * API's rules say. */
          if (cases[i].value[0] == '\0')
            g_assert_cmpstr (problem, ==,
                             "Recipient is empty. Type it, choose a value found on the "
                             "document, or mark it as wrongly found.");
          else
            {
              g_assert_false (remit_feedback_validate_value (NULL, cases[i].label,
                                                             cases[i].value, NULL, &error));
              g_assert_cmpstr (problem, ==, error->message);
            }
        }

      g_assert_cmpint (gtk_widget_is_sensitive (confirm_button (fixture)), ==, cases[i].valid);
      gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Recipient")), "Fischhaus Nord GmbH");
      gtk_editable_set_text (GTK_EDITABLE (row (fixture, "BIC")), "COBADEFFXXX");
      gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Amount")), "114,75 €");
      gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Reference")), "RE-2024-0117");
    }
}

/* Amounts are typed as a person writes them and read in the wire form. */
static void
test_amount_typed (Fixture *fixture, gconstpointer data)
{
  GtkWidget *amount_row = row (fixture, "Amount");
  g_autofree char *wire = NULL;

  gtk_widget_grab_focus (amount_row);
  gtk_editable_set_text (GTK_EDITABLE (amount_row), "1.234,5");
  g_assert_null (remit_review_panel_get_problem (fixture->panel, "amountToPay"));
  wire = remit_review_panel_dup_value (fixture->panel, "amountToPay");
  g_assert_cmpstr (wire, ==, "1234.50:EUR");

  /* As typed while the field has the focus; leaving it shows the locale's format. */
  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "1.234,5");
  gtk_widget_grab_focus (row (fixture, "Reference"));
  ui_test_iterate ();
  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "1.234,50\u00a0€");
  g_assert_cmpstr (remit_review_panel_get_selected_label (fixture->panel), ==,
                   "paymentReference");

  /* The IBAN is grouped the same way when the focus leaves it. */
  gtk_widget_grab_focus (row (fixture, "IBAN"));
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "IBAN")), "de02120300000000202051");
  gtk_widget_grab_focus (row (fixture, "BIC"));
  ui_test_iterate ();
  g_assert_cmpstr (row_text (fixture, "IBAN"), ==, "DE02 1203 0000 0000 2020 51");
}

/* Focusing a row selects its field; a click on the page fills the selected field. */
static void
test_value_from_page (Fixture *fixture, gconstpointer data)
{
  GtkWidget *purpose_row = row (fixture, "Purpose");
  RemitBox box = { 1, 72, 188.5, 210, 22 };
  guint changed = fixture->n_changed;
  g_autoptr (RemitFeedback) feedback = NULL;

  g_assert_cmpstr (remit_review_panel_get_selected_label (fixture->panel), !=, "paymentPurpose");
  gtk_widget_grab_focus (purpose_row);
  ui_test_iterate ();
  g_assert_cmpstr (remit_review_panel_get_selected_label (fixture->panel), ==, "paymentPurpose");
  g_assert_true (widget_is_shown (ui_test_find_label (
    GTK_WIDGET (fixture->panel),
    "Purpose: click words on the page to take the value from there.")));

  /* Words dragged across two lines of the page. */
  g_assert_true (remit_review_panel_set_value_from_page_with_box (
    fixture->panel, "paymentPurpose", "Rechnung RE-2024-0117\nKundennummer 40817", &box));
  g_assert_cmpstr (row_text (fixture, "Purpose"), ==,
                   "Rechnung RE-2024-0117 Kundennummer 40817");
  g_assert_true (row_shows_note (purpose_row, "From the page"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_text_widget (fixture, "Purpose")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "From the page");
  g_assert_cmpuint (fixture->n_changed, ==, changed + 1);

  /* The box goes along with the value; the kind is complementary (nothing was found). */
  feedback = remit_review_panel_build_feedback (fixture->panel);
  g_assert_nonnull (feedback);
  g_assert_cmpint (remit_feedback_get_kind (feedback, "paymentPurpose"), ==,
                   REMIT_FEEDBACK_KIND_COMPLEMENTARY);

  /* A selection made in the document view, an amount taken from the page. */
  remit_review_panel_set_selected_label (fixture->panel, "amountToPay");
  g_assert_cmpstr (remit_review_panel_get_selected_label (fixture->panel), ==, "amountToPay");
  g_assert_true (remit_review_panel_set_value_from_page (fixture->panel, "amountToPay",
                                                         "109,85"));
  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "109,85\u00a0€");
  {
    g_autofree char *wire = remit_review_panel_dup_value (fixture->panel, "amountToPay");

    g_assert_cmpstr (wire, ==, "109.85:EUR");
  }

  /* Typing over a value from the page makes it a typed one. */
  gtk_editable_set_text (GTK_EDITABLE (purpose_row), "Rechnung RE-2024-0117");
  g_assert_false (row_shows_note (purpose_row, "From the page"));

  /* The document type is only set from words that name one; unknown labels are refused. */
  g_assert_false (remit_review_panel_set_value_from_page (fixture->panel, "docType", "Lieferung"));
  g_assert_true (remit_review_panel_set_value_from_page (fixture->panel, "docType", "Reminder"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Document Type"))),
                    ==, 2);
  g_assert_false (remit_review_panel_set_value_from_page (fixture->panel, "senderName", "X"));
}

/* Confirm sends exactly one body with every reviewed field. */
static void
test_confirm (Fixture *fixture, gconstpointer data)
{
  static const char expected_json[] =
    "{\"extractions\": {"
    "  \"paymentRecipient\": {\"value\": \"Fischhaus Nord GmbH\"},"
    "  \"iban\": {\"value\": \"DE02120300000000202051\","
    "    \"box\": {\"page\": 2, \"left\": 72, \"top\": 402.5, \"width\": 150.5, \"height\": 9}},"
    "  \"amountToPay\": {\"value\": \"114.75:EUR\"},"
    "  \"paymentPurpose\": {\"value\": \"Rechnung RE-2024-0117\","
    "    \"box\": {\"page\": 1, \"left\": 72, \"top\": 188.5, \"width\": 120, \"height\": 11}},"
    "  \"paymentReference\": {\"value\": \"RE-2024-0117\"},"
    "  \"docType\": {\"value\": \"Invoice\"}"
    "}}";
  RemitBox box = { 1, 72, 188.5, 120, 11 };
  g_autoptr (JsonNode) expected = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) wrongly_found = NULL;
  g_autofree char *body_text = NULL;
  g_autofree char *wrong_label = NULL;

  /* The IBAN from page 2, picked from the row's menu. */
  activate_menu_item (fixture, menu_section (menu_of (row_menu_button (fixture, "IBAN")), 0, NULL),
                      1);
  g_assert_cmpstr (row_text (fixture, "IBAN"), ==, "DE02 1203 0000 0000 2020 51");

  /* The purpose from the page, the BIC marked as wrongly found through the row's menu. */
  g_assert_true (remit_review_panel_set_value_from_page_with_box (
    fixture->panel, "paymentPurpose", "Rechnung RE-2024-0117", &box));
  {
    GMenuModel *menu = menu_of (row_menu_button (fixture, "BIC"));
    GMenuModel *actions = menu_section (menu, g_menu_model_get_n_items (menu) - 1, NULL);

    wrong_label = menu_item_label (actions, 0);
    g_assert_cmpstr (wrong_label, ==, "Mark as _Wrongly Found");
    activate_menu_item (fixture, actions, 0);
  }
  g_assert_true (remit_review_panel_is_wrongly_found (fixture->panel, "bic"));

  /* Ctrl+Return is Confirm. */
  g_assert_true (ui_test_activate_shortcut (GTK_WIDGET (fixture->panel), "<Control>Return"));
  g_assert_cmpuint (fixture->n_confirmed, ==, 1);
  g_assert_nonnull (fixture->confirmed);

  body = remit_feedback_to_json (fixture->confirmed, &error);
  g_assert_no_error (error);
  expected = json_from_string (expected_json, &error);
  g_assert_no_error (error);
  body_text = json_to_string (body, FALSE);
  if (!json_node_equal (body, expected))
    g_error ("Unexpected body: %s", body_text);

  /* The kinds follow from extracted and reviewed values. */
  g_assert_cmpint (remit_feedback_get_kind (fixture->confirmed, "paymentRecipient"), ==,
                   REMIT_FEEDBACK_KIND_POSITIVE);
  g_assert_cmpint (remit_feedback_get_kind (fixture->confirmed, "iban"), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);
  g_assert_cmpint (remit_feedback_get_kind (fixture->confirmed, "amountToPay"), ==,
                   REMIT_FEEDBACK_KIND_POSITIVE);
  g_assert_cmpint (remit_feedback_get_kind (fixture->confirmed, "paymentPurpose"), ==,
                   REMIT_FEEDBACK_KIND_COMPLEMENTARY);
  g_assert_cmpstr (remit_feedback_get_original (fixture->confirmed, "iban"), ==,
                   "DE89370400440532013000");

  wrongly_found = remit_feedback_dup_wrongly_found (fixture->confirmed);
  g_assert_cmpstrv (wrongly_found, ((const char *const[]){ "bic", NULL }));

  /* The document's return reasons go along for the Return Assistant's items. */
  {
    g_auto (GStrv) reasons = NULL;

    g_object_get (fixture->confirmed, "return-reasons", &reasons, NULL);
    g_assert_cmpstrv (reasons, ((const char *const[]){ "r1", "r2", NULL }));
  }

  /* The button does the same as the shortcut. */
  ui_test_press_button (confirm_button (fixture));
  g_assert_cmpuint (fixture->n_confirmed, ==, 2);
}

/* A field marked as wrongly found leaves the body, is listed, and can be taken back. */
static void
test_wrongly_found (Fixture *fixture, gconstpointer data)
{
  GtkWidget *recipient_row = row (fixture, "Recipient");
  GtkWidget *undo;
  PangoAttrList *attributes;
  g_autoptr (RemitFeedback) feedback = NULL;
  g_auto (GStrv) labels = NULL;
  g_auto (GStrv) wrongly_found = NULL;

  /* Only fields where something was found can be wrongly found: the purpose has no menu. */
  g_assert_false (widget_is_shown (row_menu_button (fixture, "Purpose")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel),
                                             "review.mark-wrongly-found", "s",
                                             "paymentRecipient"));
  ui_test_wait_for_draw (fixture->window);

  /* Shown struck through, not editable, with an undo button that has the focus. */
  g_assert_true (remit_review_panel_is_wrongly_found (fixture->panel, "paymentRecipient"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (recipient_row)));
  attributes = adw_entry_row_get_attributes (ADW_ENTRY_ROW (recipient_row));
  g_assert_nonnull (attributes);
  {
    g_autofree char *text = pango_attr_list_to_string (attributes);

    g_assert_nonnull (strstr (text, "strikethrough true"));
  }
  g_assert_true (row_shows_note (recipient_row, "Wrongly found"));
  undo = ui_test_find_by_accessible_label (recipient_row, GTK_TYPE_BUTTON,
                                           "Undo marking Recipient as wrongly found");
  g_assert_true (widget_is_shown (undo));
  g_assert_true (gtk_widget_is_focus (undo)); /* in its window, whichever window has X focus */
  g_assert_false (widget_is_shown (row_menu_button (fixture, "Recipient")));
  g_assert_null (remit_review_panel_dup_value (fixture->panel, "paymentRecipient"));

  feedback = remit_review_panel_build_feedback (fixture->panel);
  labels = remit_feedback_dup_labels (feedback);
  g_assert_cmpstrv (labels, ((const char *const[]){ "iban", "bic", "amountToPay",
                                                    "paymentReference", "docType", NULL }));
  wrongly_found = remit_feedback_dup_wrongly_found (feedback);
  g_assert_cmpstrv (wrongly_found, ((const char *const[]){ "paymentRecipient", NULL }));

  /* Undo brings it back as it was. */
  ui_test_press_button (undo);
  g_assert_false (remit_review_panel_is_wrongly_found (fixture->panel, "paymentRecipient"));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (recipient_row)));
  g_assert_null (adw_entry_row_get_attributes (ADW_ENTRY_ROW (recipient_row)));
  g_assert_false (widget_is_shown (undo));
  g_assert_cmpstr (row_text (fixture, "Recipient"), ==, "Fischhaus Nord GmbH");
  g_clear_object (&feedback);
  feedback = remit_review_panel_build_feedback (fixture->panel);
  g_assert_cmpstr (remit_feedback_get_value (feedback, "paymentRecipient"), ==,
                   "Fischhaus Nord GmbH");
  g_assert_false (remit_feedback_is_wrongly_found (feedback, "paymentRecipient"));

  /* The document type can be marked too; its row then cannot be opened. */
  remit_review_panel_mark_wrongly_found (fixture->panel, "docType", TRUE);
  g_assert_false (gtk_list_box_row_get_activatable (
    GTK_LIST_BOX_ROW (row (fixture, "Document Type"))));
  g_clear_object (&feedback);
  feedback = remit_review_panel_build_feedback (fixture->panel);
  g_assert_null (remit_feedback_get_value (feedback, "docType"));
  g_assert_true (remit_feedback_is_wrongly_found (feedback, "docType"));
}

/* Unsent values go to the ledger and come back. */
static void
test_values_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GHashTable) again = NULL;
  g_autoptr (RemitFeedback) before = NULL;
  g_autoptr (RemitFeedback) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  RemitReviewPanel *other;
  GtkWidget *window;

  /* Nothing changed, nothing to keep. */
  values = remit_review_panel_dup_values (fixture->panel);
  g_assert_cmpuint (g_hash_table_size (values), ==, 0);
  g_clear_pointer (&values, g_hash_table_unref);

  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "IBAN")), "DE02 1203 0000 0000 2020 51");
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Amount")), "109,85");
  remit_review_panel_set_value_from_page (fixture->panel, "paymentPurpose", "Rechnung 117");
  remit_review_panel_mark_wrongly_found (fixture->panel, "bic", TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Document Type")), 2);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Reference")), "RE 1"); /* not valid */

  values = remit_review_panel_dup_values (fixture->panel);
  g_assert_cmpuint (g_hash_table_size (values), ==, 6);
  g_assert_cmpstr (g_hash_table_lookup (values, "iban"), ==, "DE02120300000000202051");
  g_assert_cmpstr (g_hash_table_lookup (values, "amountToPay"), ==, "109.85:EUR");
  g_assert_cmpstr (g_hash_table_lookup (values, "paymentPurpose"), ==, "Rechnung 117");
  g_assert_cmpstr (g_hash_table_lookup (values, "docType"), ==, "Reminder");
  g_assert_cmpstr (g_hash_table_lookup (values, "paymentReference"), ==, "RE 1");
  g_assert_true (g_hash_table_contains (values, "bic"));
  g_assert_null (g_hash_table_lookup (values, "bic"));

  /* A new panel (the next start of the application) with the same extractions. */
  other = REMIT_REVIEW_PANEL (remit_review_panel_new ());
  window = ui_test_window_new (GTK_WIDGET (other), 420, 760);
  remit_review_panel_set_extractions (other, fixture->extractions);
  remit_review_panel_restore_values (other, values);
  ui_test_wait_for_draw (window);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (other),
                                                                          "IBAN"))),
                   ==, "DE02 1203 0000 0000 2020 51");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (other),
                                                                          "Amount"))),
                   ==, "109,85\u00a0€");
  g_assert_true (remit_review_panel_is_wrongly_found (other, "bic"));
  /* The invalid reference is invalid again. */
  g_assert_nonnull (remit_review_panel_get_problem (other, "paymentReference"));
  g_assert_false (remit_review_panel_get_valid (other));

  again = remit_review_panel_dup_values (other);
  g_assert_cmpuint (g_hash_table_size (again), ==, g_hash_table_size (values));
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, values);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_assert_true (g_hash_table_contains (again, key));
        g_assert_cmpstr (g_hash_table_lookup (again, key), ==, value);
      }
  }

  /* Fixed in both, both confirm the same body. */
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Reference")), "RE-2024-0117");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (other), "Reference")),
                         "RE-2024-0117");
  before = remit_review_panel_build_feedback (fixture->panel);
  after = remit_review_panel_build_feedback (other);
  g_assert_nonnull (before);
  g_assert_nonnull (after);
  before_text = remit_feedback_to_string (before, NULL);
  after_text = remit_feedback_to_string (after, NULL);
  g_assert_cmpstr (before_text, ==, after_text);

  ui_test_window_close (window);
}

/* The Return Assistant's total becomes the amount to pay. */
static void
test_amount_from_items (Fixture *fixture, gconstpointer data)
{
  RemitAmount amount;
  g_autofree char *wire = NULL;
  g_autoptr (RemitFeedback) feedback = NULL;

  remit_amount_init (&amount, 5478, "EUR");
  remit_review_panel_set_amount_from_items (fixture->panel, &amount);

  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "54,78\u00a0€");
  g_assert_true (row_shows_note (row (fixture, "Amount"), "From the items"));
  wire = remit_review_panel_dup_value (fixture->panel, "amountToPay");
  g_assert_cmpstr (wire, ==, "54.78:EUR");

  feedback = remit_review_panel_build_feedback (fixture->panel);
  g_assert_cmpstr (remit_feedback_get_value (feedback, "amountToPay"), ==, "54.78:EUR");
  g_assert_cmpint (remit_feedback_get_kind (feedback, "amountToPay"), ==,
                   REMIT_FEEDBACK_KIND_NEGATIVE);

  /* Going back to the value found. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "review.revert-field",
                                             "s", "amountToPay"));
  g_assert_cmpstr (row_text (fixture, "Amount"), ==, "114,75\u00a0€");
  g_assert_false (row_shows_note (row (fixture, "Amount"), "From the items"));
}

/* Without extractions there is nothing to confirm. */
static void
test_empty (void)
{
  RemitReviewPanel *panel = REMIT_REVIEW_PANEL (remit_review_panel_new ());
  GtkWidget *window = ui_test_window_new (GTK_WIDGET (panel), 420, 760);

  g_assert_false (remit_review_panel_get_valid (panel));
  g_assert_null (remit_review_panel_build_feedback (panel));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (panel),
                                                                          "IBAN"))),
                   ==, "");
  g_assert_false (remit_review_panel_set_value_from_page (panel, "iban", "DE89"));

  ui_test_window_close (window);
}

static gboolean
label_is_title (GtkWidget *widget, gconstpointer data)
{
  return gtk_label_get_use_underline (GTK_LABEL (widget))
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* Keyboard only: every row can be reached with Tab, in order, and the rows' titles carry
 * mnemonics. */
static void
test_keyboard (Fixture *fixture, gconstpointer data)
{
  const char *const titles[] = { "Recipient", "IBAN", "BIC", "Amount", "Purpose", "Reference",
                                 "Document Type" };
  GtkWidget *confirm = confirm_button (fixture);
  guint next = 0;
  gboolean reached_confirm = FALSE;

  gtk_widget_grab_focus (row_text_widget (fixture, "Recipient"));
  next = 1;

  for (guint step = 0; step < 40 && !reached_confirm; step++)
    {
      GtkWidget *focus = ui_test_focus_forward (fixture->window);

      g_assert_nonnull (focus);
      if (focus == confirm)
        reached_confirm = TRUE;
      else if (next < G_N_ELEMENTS (titles)
               && gtk_widget_is_ancestor (focus, row (fixture, titles[next])))
        {
          g_assert_cmpstr (remit_review_panel_get_selected_label (fixture->panel), ==,
                           remit_review_panel_get_field_labels ()[next]);
          next++;
        }
    }

  g_assert_cmpuint (next, ==, G_N_ELEMENTS (titles));
  g_assert_true (reached_confirm);

  /* Each row's title has its own mnemonic, which puts the focus into the row (Alt+letter). */
  {
    g_autoptr (GHashTable) keys = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        GtkWidget *r = row (fixture, titles[i]);
        GtkWidget *title = ui_test_find (r, GTK_TYPE_LABEL, label_is_title,
                                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)));
        guint key;

        g_assert_nonnull (title);
        key = gtk_label_get_mnemonic_keyval (GTK_LABEL (title));
        g_assert_cmpuint (key, !=, GDK_KEY_VoidSymbol);
        g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (key)));
        g_hash_table_add (keys, GUINT_TO_POINTER (key));

        gtk_widget_grab_focus (confirm);
        g_assert_true (gtk_widget_mnemonic_activate (title, FALSE));
        g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                               r)
                       || gtk_window_get_focus (GTK_WINDOW (fixture->window)) == r);
      }
    g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (GDK_KEY_c)));
  }
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (confirm)));
}

/* The panel as a person sees it, light and dark: a value from the page, a chosen one, a
 * wrongly found one and an invalid one. */
static void
test_screenshots (Fixture *fixture, gconstpointer data)
{
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *narrow = NULL;

  remit_review_panel_set_value_from_page (fixture->panel, "paymentPurpose",
                                          "Rechnung RE-2024-0117");
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "review.use-candidate", "(su)", "iban",
                              1);
  remit_review_panel_mark_wrongly_found (fixture->panel, "bic", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Reference")), "RE 1");
  gtk_widget_grab_focus (row_text_widget (fixture, "Reference"));

  light = ui_test_save_screenshot (fixture->window, "review-panel-light");
  ui_test_set_dark (TRUE);
  dark = ui_test_save_screenshot (fixture->window, "review-panel-dark");
  ui_test_set_dark (FALSE);

  /* The IBAN's menu, open. */
  {
    GtkWidget *button = row_menu_button (fixture, "IBAN");
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    g_autofree char *menu = NULL;

    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    ui_test_wait_for_mapped (popover);
    menu = ui_test_save_screenshot (popover, "review-panel-menu");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  /* The narrowest the window gets. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  narrow = ui_test_save_screenshot (fixture->window, "review-panel-narrow");

  g_assert_true (g_file_test (light, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (dark, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (narrow, G_FILE_TEST_IS_REGULAR));
}

#define ADD(path, func) \
  g_test_add ("/review-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);

  ADD ("shows-extracted-values", test_shows_extracted_values);
  ADD ("invalid-iban", test_invalid_iban);
  ADD ("validation-rules", test_validation_rules);
  ADD ("amount-typed", test_amount_typed);
  ADD ("value-from-page", test_value_from_page);
  ADD ("confirm", test_confirm);
  ADD ("wrongly-found", test_wrongly_found);
  ADD ("values-round-trip", test_values_round_trip);
  ADD ("amount-from-items", test_amount_from_items);
  ADD ("keyboard", test_keyboard);
  ADD ("screenshots", test_screenshots);
  g_test_add_func ("/review-panel/empty", test_empty);

  return g_test_run ();
}
