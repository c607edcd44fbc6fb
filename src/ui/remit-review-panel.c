/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-review-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "remit-iban.h"
#include "remit-review-panel.h"

/**
 * RemitReviewPanel:
 *
 * The feedback editor: one row per payment field of a document (recipient, IBAN, BIC,
 * amount, purpose, reference, document type), filled from a #RemitExtractionSet.
 *
 * The person corrects a field by typing, by choosing one of the other values the extraction
 * found for it (the row's candidates menu), or by clicking words on the page while the field
 * is selected (remit_review_panel_set_value_from_page(), fed by the document view). Every
 * value is checked as it changes with the rules the feedback API applies
 * (remit_feedback_validate_value()); a field that breaks them is marked and
 * #RemitReviewPanel:valid is %FALSE, which keeps Confirm insensitive. A field can also be
 * marked as wrongly found: it leaves the feedback body and is listed for deletion.
 *
 * Confirm (the `review.confirm` action, Ctrl+Return) emits #RemitReviewPanel::confirmed with
 * one #RemitFeedback holding every reviewed field; sending it is up to the owner.
 *
 * Values are shown the way people read them (an IBAN in groups of four, an amount in the
 * format of the user's locale) and go into the feedback in their normalised form (the IBAN
 * and BIC without spaces, the amount as `12.50:EUR`).
 */

typedef enum
{
  SOURCE_EXTRACTION, /* as extracted (or empty when nothing was) */
  SOURCE_TYPED,
  SOURCE_CANDIDATE,
  SOURCE_PAGE,
  SOURCE_ITEMS,
} Source;

typedef struct
{
  const char *label;
  const char *entity;         /* the entity the API documents for the label */
  const char *candidate_list; /* the candidate list the API names for it, if any */
} FieldInfo;

enum {
  FIELD_RECIPIENT,
  FIELD_IBAN,
  FIELD_BIC,
  FIELD_AMOUNT,
  FIELD_PURPOSE,
  FIELD_REFERENCE,
  FIELD_DOC_TYPE,
  N_FIELDS
};

static const FieldInfo field_infos[N_FIELDS] = {
  [FIELD_RECIPIENT] = { "paymentRecipient", "companyname", "paymentRecipients" },
  [FIELD_IBAN] = { "iban", "iban", "ibans" },
  [FIELD_BIC] = { "bic", "bic", "bics" },
  [FIELD_AMOUNT] = { "amountToPay", "amount", "amounts" },
  [FIELD_PURPOSE] = { "paymentPurpose", "text", NULL },
  [FIELD_REFERENCE] = { "paymentReference", "reference", "referenceIds" },
  [FIELD_DOC_TYPE] = { "docType", "doctype", NULL },
};

static const char *const field_labels[N_FIELDS + 1] = {
  "paymentRecipient", "iban", "bic", "amountToPay", "paymentPurpose", "paymentReference",
  "docType", NULL
};

/* The document types in the order of the combo row's model; index 0 is “Not Set”. */
static const char *const doc_types[] = {
  NULL, "Invoice", "Reminder", "RemittanceSlip", "PaymentQRCode", "Other"
};

typedef struct
{
  RemitReviewPanel *panel;
  const FieldInfo *info;
  AdwPreferencesRow *row; /* an AdwEntryRow, or the AdwComboRow of the document type */
  GtkWidget *note_label;
  GtkWidget *error_icon;
  GtkWidget *more_button;
  GtkWidget *undo_button;
  GMenu *candidates_menu; /* the values found, a section of the row's menu */
  GMenu *menu;

  char *original;        /* the extracted value, NULL if nothing was found */
  char *entity;          /* the extraction's entity, else the documented one */
  GPtrArray *candidates; /* RemitExtraction */
  Source source;
  gboolean has_box;
  RemitBox box;
  gboolean wrongly_found;
  char *problem; /* why the value cannot be sent, or NULL */
} Field;

struct _RemitReviewPanel
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scrolled_window;
  AdwEntryRow *recipient_row;
  AdwEntryRow *iban_row;
  AdwEntryRow *bic_row;
  AdwEntryRow *amount_row;
  AdwEntryRow *purpose_row;
  AdwEntryRow *reference_row;
  AdwComboRow *doc_type_row;
  GtkLabel *status_label;
  GtkButton *confirm_button;

  Field fields[N_FIELDS];
  RemitExtractionSet *extractions;
  char *selected_label;
  gboolean valid;
  guint updating; /* > 0 while the panel itself changes a row */
};

G_DEFINE_FINAL_TYPE (RemitReviewPanel, remit_review_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXTRACTIONS,
  PROP_SELECTED_LABEL,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CONFIRMED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers --------------------------------------------------------------------------------- */

static Field *
find_field (RemitReviewPanel *self, const char *label)
{
  if (label == NULL)
    return NULL;

  for (guint i = 0; i < N_FIELDS; i++)
    if (strcmp (self->fields[i].info->label, label) == 0)
      return &self->fields[i];

  return NULL;
}

static gboolean
field_is_entry (Field *field)
{
  return ADW_IS_ENTRY_ROW (field->row);
}

static gboolean
field_is (Field *field, guint which)
{
  return field->info == &field_infos[which];
}

/* The field's name for a person: its row title without the mnemonic underscore. */
static char *
field_dup_name (Field *field)
{
  const char *title = adw_preferences_row_get_title (field->row);
  GString *name = g_string_new (NULL);

  for (const char *p = title; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (name, *p);
    }

  return g_string_free (name, FALSE);
}

/* The widget a screen reader announces for the field: the text of an entry row, the row
 * itself for the combo row. */
static GtkAccessible *
field_get_accessible (Field *field)
{
  if (field_is_entry (field))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (field->row));

      if (delegate != NULL)
        return GTK_ACCESSIBLE (delegate);
    }

  return GTK_ACCESSIBLE (field->row);
}

static guint
doc_type_index (const char *type)
{
  for (guint i = 1; i < G_N_ELEMENTS (doc_types); i++)
    if (g_strcmp0 (doc_types[i], type) == 0)
      return i;

  return 0;
}

/* How a value in its wire form is shown in the field's row. */
static char *
display_value (Field *field, const char *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (field_is (field, FIELD_IBAN))
    {
      g_autofree char *compact = remit_iban_normalize (value);

      if (compact[0] != '\0')
        return remit_iban_format (compact);
    }
  else if (field_is (field, FIELD_AMOUNT))
    {
      RemitAmount amount;

      if (remit_amount_parse (value, &amount, NULL))
        return remit_amount_format (&amount);
    }

  return g_strdup (value);
}

/* Text as the person sees it, trimmed; for the document type the type's id. */
static char *
field_dup_text (Field *field)
{
  if (field_is_entry (field))
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));
  else
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

      if (selected >= G_N_ELEMENTS (doc_types) || doc_types[selected] == NULL)
        return g_strdup ("");
      return g_strdup (doc_types[selected]);
    }
}

/* The value as it goes into the feedback. */
static char *
field_dup_value (Field *field)
{
  g_autofree char *text = field_dup_text (field);

  if (text[0] == '\0')
    return g_steal_pointer (&text);

  if (field_is (field, FIELD_IBAN))
    return remit_iban_normalize (text);

  if (field_is (field, FIELD_BIC))
    return remit_bic_normalize (text);

  if (field_is (field, FIELD_AMOUNT))
    {
      RemitAmount amount;

      if (remit_amount_parse (text, &amount, NULL))
        return remit_amount_to_wire (&amount);
    }

  return g_steal_pointer (&text);
}

/* Puts a value into the row without counting it as typed. */
static void
field_show_value (Field *field, const char *value)
{
  RemitReviewPanel *self = field->panel;

  self->updating++;
  if (field_is_entry (field))
    {
      g_autofree char *shown = display_value (field, value);

      gtk_editable_set_text (GTK_EDITABLE (field->row), shown);
    }
  else
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), doc_type_index (value));
    }
  self->updating--;
}

/* Validation ------------------------------------------------------------------------------ */

static void
field_validate (Field *field)
{
  RemitReviewPanel *self = field->panel;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) reasons = NULL;

  g_clear_pointer (&field->problem, g_free);

  if (field->wrongly_found || self->extractions == NULL)
    return;

  text = field_dup_text (field);
  if (text[0] == '\0')
    {
      g_autofree char *name = NULL;

      /* Nothing found and nothing typed: the field is simply left out. */
      if (field->original == NULL)
        return;

      name = field_dup_name (field);
      if (field_is_entry (field))
        field->problem = g_strdup_printf (
          /* Translators: %s names a field, such as “IBAN” */
          _("%s is empty. Type it, choose a value found on the document, or mark it as "
            "wrongly found."),
          name);
      else
        field->problem = g_strdup (_("Choose the document type, or mark it as wrongly found."));
      return;
    }

  reasons = remit_extraction_set_get_return_reason_ids (self->extractions);
  if (!remit_feedback_validate_value (field->entity, field->info->label, text,
                                      (const char *const *) reasons, &error))
    field->problem = g_strdup (error->message);
}

/* Showing the state ----------------------------------------------------------------------- */

/* The row's menu: the other values found for the field, then what can be done with it. */
static void
rebuild_menu (Field *field)
{
  g_autoptr (GMenu) actions = g_menu_new ();
  g_autofree char *action = NULL;

  g_menu_remove_all (field->menu);

  if (field->wrongly_found)
    return;

  if (g_menu_model_get_n_items (G_MENU_MODEL (field->candidates_menu)) > 0)
    g_menu_append_section (field->menu, _("Found on the Document"),
                           G_MENU_MODEL (field->candidates_menu));

  if (field->original == NULL)
    return;

  if (field->source != SOURCE_EXTRACTION)
    {
      action = g_strdup_printf ("review.revert-field::%s", field->info->label);
      g_menu_append (actions, _("Use the _Found Value"), action);
      g_clear_pointer (&action, g_free);
    }

  action = g_strdup_printf ("review.mark-wrongly-found::%s", field->info->label);
  g_menu_append (actions, _("Mark as _Wrongly Found"), action);
  g_menu_append_section (field->menu, NULL, G_MENU_MODEL (actions));
}

static const char *
field_note (Field *field)
{
  if (field->wrongly_found)
    return _("Wrongly found");

  switch (field->source)
    {
    case SOURCE_PAGE:
      return _("From the page");
    case SOURCE_ITEMS:
      return _("From the items");
    case SOURCE_CANDIDATE:
    case SOURCE_EXTRACTION:
    case SOURCE_TYPED:
    default:
      return NULL;
    }
}

static void
field_update_ui (Field *field)
{
  GtkAccessible *accessible = field_get_accessible (field);
  const char *note = field_note (field);
  g_autofree char *description = NULL;

  rebuild_menu (field);

  if (field->problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (field->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field->row), "error");
  gtk_widget_set_visible (field->error_icon, field->problem != NULL);
  gtk_widget_set_tooltip_text (field->error_icon, field->problem);
  gtk_widget_set_tooltip_text (GTK_WIDGET (field->row), field->problem);

  gtk_label_set_label (GTK_LABEL (field->note_label), note != NULL ? note : "");
  gtk_widget_set_visible (field->note_label, note != NULL);

  gtk_widget_set_visible (field->more_button,
                          g_menu_model_get_n_items (G_MENU_MODEL (field->menu)) > 0);
  gtk_widget_set_visible (field->undo_button, field->wrongly_found);

  if (field_is_entry (field))
    {
      g_autoptr (PangoAttrList) attributes = NULL;

      gtk_editable_set_editable (GTK_EDITABLE (field->row), !field->wrongly_found);
      if (field->wrongly_found)
        {
          attributes = pango_attr_list_new ();
          pango_attr_list_insert (attributes, pango_attr_strikethrough_new (TRUE));
        }
      adw_entry_row_set_attributes (ADW_ENTRY_ROW (field->row), attributes);
    }
  else
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->row), !field->wrongly_found);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                                   field->problem != NULL ? field->problem : "");
    }

  if (field->problem != NULL && note != NULL)
    description = g_strdup_printf ("%s. %s", note, field->problem);
  else if (field->problem != NULL)
    description = g_strdup (field->problem);
  else if (note != NULL)
    description = g_strdup (note);

  if (description != NULL)
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_accessible_update_state (accessible, GTK_ACCESSIBLE_STATE_INVALID,
                               field->problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                      : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
update_status (RemitReviewPanel *self)
{
  Field *selected = find_field (self, self->selected_label);
  Field *problem = NULL;

  if (selected != NULL && selected->problem != NULL)
    problem = selected;
  for (guint i = 0; i < N_FIELDS && problem == NULL; i++)
    if (self->fields[i].problem != NULL)
      problem = &self->fields[i];

  if (problem != NULL)
    {
      gtk_label_set_label (self->status_label, problem->problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");

  if (self->extractions == NULL)
    {
      gtk_label_set_label (self->status_label, "");
    }
  else if (selected != NULL && field_is_entry (selected) && !selected->wrongly_found)
    {
      g_autofree char *name = field_dup_name (selected);
      /* Translators: %s names the selected field, such as “IBAN” */
      g_autofree char *hint = g_strdup_printf (_("%s: click words on the page to take the "
                                                 "value from there."),
                                               name);

      gtk_label_set_label (self->status_label, hint);
    }
  else
    {
      gtk_label_set_label (self->status_label, _("Check every field, then confirm."));
    }
}

static void
update_valid (RemitReviewPanel *self)
{
  gboolean valid = self->extractions != NULL;

  for (guint i = 0; i < N_FIELDS && valid; i++)
    if (self->fields[i].problem != NULL)
      valid = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.confirm", valid);
  update_status (self);

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* Checks a field again after its value or state changed. */
static void
field_refresh (Field *field)
{
  field_validate (field);
  field_update_ui (field);
  update_valid (field->panel);
}

/* A change the person made (or asked for): refresh and tell the owner. */
static void
field_changed_by_person (Field *field, Source source, const RemitBox *box)
{
  field->source = source;
  field->wrongly_found = FALSE;
  field->has_box = box != NULL;
  if (box != NULL)
    field->box = *box;

  field_refresh (field);
  g_signal_emit (field->panel, signals[CHANGED], 0);
}

/* Candidates ------------------------------------------------------------------------------ */

static char *
candidate_text (Field *field, RemitExtraction *candidate)
{
  g_autofree char *shown = display_value (field, remit_extraction_get_value (candidate));
  const RemitBox *box = remit_extraction_get_box (candidate);

  if (box != NULL && box->page >= 1)
    /* Translators: a value found on the document and the page it is on: “DE89 3704 … (page
     * 1)” */
    return g_strdup_printf (_("%s (page %d)"), shown, box->page);

  return g_steal_pointer (&shown);
}

static void
rebuild_candidates (Field *field)
{
  RemitReviewPanel *self = field->panel;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RemitExtraction *extraction;
  GPtrArray *list = NULL;

  g_menu_remove_all (field->candidates_menu);
  g_clear_pointer (&field->candidates, g_ptr_array_unref);

  if (self->extractions == NULL)
    return;

  extraction = remit_extraction_set_get_extraction (self->extractions, field->info->label);
  if (extraction != NULL)
    list = remit_extraction_set_get_candidates_of (self->extractions, extraction);
  if (list == NULL && field->info->candidate_list != NULL)
    list = remit_extraction_set_get_candidate_list (self->extractions,
                                                    field->info->candidate_list);
  if (list == NULL || list->len == 0)
    return;

  field->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < list->len; i++)
    {
      RemitExtraction *candidate = g_ptr_array_index (list, i);
      g_autofree char *text = candidate_text (field, candidate);
      g_autoptr (GMenuItem) item = NULL;

      /* The same value at the same place is offered once. */
      if (g_hash_table_contains (seen, text))
        continue;
      g_hash_table_add (seen, g_strdup (text));

      item = g_menu_item_new (text, NULL);
      g_menu_item_set_action_and_target_value (
        item, "review.use-candidate", g_variant_new ("(su)", field->info->label,
                                                     field->candidates->len));
      g_menu_append_item (field->candidates_menu, item);
      g_ptr_array_add (field->candidates, g_object_ref (candidate));
    }
}

/* Signal handlers ------------------------------------------------------------------------- */

static void
on_entry_changed (GtkEditable *editable, Field *field)
{
  if (field->panel->updating > 0)
    return;

  field_changed_by_person (field, SOURCE_TYPED, NULL);
}

static void
on_combo_selected (AdwComboRow *row, GParamSpec *pspec, Field *field)
{
  if (field->panel->updating > 0)
    return;

  field_changed_by_person (field, SOURCE_TYPED, NULL);
}

static void
on_row_focus_enter (GtkEventControllerFocus *controller, Field *field)
{
  remit_review_panel_set_selected_label (field->panel, field->info->label);
}

/* Leaving a field shows its value the way the panel writes it: an IBAN in groups of four, an
 * amount in the format of the locale. Only values that are understood are rewritten. */
static void
on_row_focus_leave (GtkEventControllerFocus *controller, Field *field)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (!field_is_entry (field) || field->wrongly_found || field->problem != NULL)
    return;
  if (!field_is (field, FIELD_IBAN) && !field_is (field, FIELD_AMOUNT))
    return;

  text = field_dup_text (field);
  shown = display_value (field, text);
  if (strcmp (shown, gtk_editable_get_text (GTK_EDITABLE (field->row))) != 0)
    field_show_value (field, text);
}

static void
popup_menu (Field *field)
{
  if (gtk_widget_get_visible (field->more_button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (field->more_button));
}

static void
on_row_secondary_click (GtkGestureClick *gesture,
                        int n_press,
                        double x,
                        double y,
                        Field *field)
{
  popup_menu (field);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_row_menu_key (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  popup_menu (user_data);
  return TRUE;
}

/* Building the rows ----------------------------------------------------------------------- */

static GtkWidget *
new_suffix_button (GtkWidget *button, const char *icon_name, const char *tooltip)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);

  if (GTK_IS_MENU_BUTTON (button))
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  else
    gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);

  return button;
}

static void
row_add_suffix (Field *field, GtkWidget *widget)
{
  if (field_is_entry (field))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), widget);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), widget);
}

static void
field_init (RemitReviewPanel *self, Field *field, guint index, AdwPreferencesRow *row)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  GtkEventController *controller;
  GtkShortcutController *shortcuts;
  GtkGesture *gesture;

  field->panel = self;
  field->info = &field_infos[index];
  field->row = row;
  field->candidates_menu = g_menu_new ();
  field->menu = g_menu_new ();

  name = field_dup_name (field);

  /* The text of an entry row has no name of its own; the combo row is named by its title. */
  if (field_is_entry (field))
    gtk_accessible_update_property (field_get_accessible (field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);

  field->note_label = gtk_label_new (NULL);
  gtk_widget_set_valign (field->note_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (field->note_label, "caption");
  gtk_widget_add_css_class (field->note_label, "dim-label");
  gtk_widget_set_visible (field->note_label, FALSE);
  row_add_suffix (field, field->note_label);

  field->error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (field->error_icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (field->error_icon, "error");
  gtk_widget_set_visible (field->error_icon, FALSE);
  /* The message is the field's description; the icon itself says nothing more. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->error_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invalid"), -1);
  row_add_suffix (field, field->error_icon);

  field->more_button = new_suffix_button (gtk_menu_button_new (), "view-more-symbolic",
                                          _("More Options"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (field->more_button),
                                  G_MENU_MODEL (field->menu));
  /* Translators: the accessible name of a button; %s names a field, such as “IBAN” */
  label = g_strdup_printf (_("More options for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->more_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_clear_pointer (&label, g_free);
  gtk_widget_set_visible (field->more_button, FALSE);
  row_add_suffix (field, field->more_button);

  field->undo_button = new_suffix_button (gtk_button_new (), "edit-undo-symbolic", _("Undo"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (field->undo_button),
                                  "review.undo-wrongly-found");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (field->undo_button), "s", field->info->label);
  /* Translators: the accessible name of a button; %s names a field, such as “IBAN” */
  label = g_strdup_printf (_("Undo marking %s as wrongly found"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->undo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (field->undo_button, FALSE);
  row_add_suffix (field, field->undo_button);

  if (field_is_entry (field))
    g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), field);
  else
    g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_row_focus_enter), field);
  g_signal_connect (controller, "leave", G_CALLBACK (on_row_focus_leave), field);
  gtk_widget_add_controller (GTK_WIDGET (row), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_row_secondary_click), field);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (gesture));

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (
    shortcuts, gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                                 gtk_callback_action_new (on_row_menu_key, field, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (shortcuts));
}

static void
field_clear (Field *field)
{
  g_clear_object (&field->candidates_menu);
  g_clear_object (&field->menu);
  g_clear_pointer (&field->original, g_free);
  g_clear_pointer (&field->entity, g_free);
  g_clear_pointer (&field->candidates, g_ptr_array_unref);
  g_clear_pointer (&field->problem, g_free);
}

/* Actions --------------------------------------------------------------------------------- */

static void
confirm_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (widget);
  g_autoptr (RemitFeedback) feedback = remit_review_panel_build_feedback (self);

  if (feedback != NULL)
    g_signal_emit (self, signals[CONFIRMED], 0, feedback);
}

static void
use_candidate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (widget);
  const char *label;
  guint32 index;
  RemitExtraction *candidate;
  Field *field;

  g_variant_get (parameter, "(&su)", &label, &index);

  field = find_field (self, label);
  if (field == NULL || field->candidates == NULL || index >= field->candidates->len)
    return;

  candidate = g_ptr_array_index (field->candidates, index);
  field_show_value (field, remit_extraction_get_value (candidate));
  field_changed_by_person (field, SOURCE_CANDIDATE, remit_extraction_get_box (candidate));
}

static void
revert_field_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  Field *field = find_field (REMIT_REVIEW_PANEL (widget), g_variant_get_string (parameter, NULL));

  if (field == NULL)
    return;

  field_show_value (field, field->original);
  field_changed_by_person (field, SOURCE_EXTRACTION, NULL);
}

static void
mark_wrongly_found_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  remit_review_panel_mark_wrongly_found (REMIT_REVIEW_PANEL (widget),
                                         g_variant_get_string (parameter, NULL), TRUE);
}

static void
undo_wrongly_found_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (widget);
  Field *field = find_field (self, g_variant_get_string (parameter, NULL));

  remit_review_panel_mark_wrongly_found (self, g_variant_get_string (parameter, NULL), FALSE);

  /* The undo button goes away: keep the focus in the row. */
  if (field != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (field->row));
}

/* GObject --------------------------------------------------------------------------------- */

static void
remit_review_panel_dispose (GObject *object)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), REMIT_TYPE_REVIEW_PANEL);
  /* The template's children that are not bound to a field are still here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (remit_review_panel_parent_class)->dispose (object);
}

static void
remit_review_panel_finalize (GObject *object)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (object);

  for (guint i = 0; i < N_FIELDS; i++)
    field_clear (&self->fields[i]);
  g_clear_object (&self->extractions);
  g_clear_pointer (&self->selected_label, g_free);

  G_OBJECT_CLASS (remit_review_panel_parent_class)->finalize (object);
}

static void
remit_review_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_EXTRACTIONS:
      g_value_set_object (value, self->extractions);
      break;
    case PROP_SELECTED_LABEL:
      g_value_set_string (value, self->selected_label);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_review_panel_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  RemitReviewPanel *self = REMIT_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_EXTRACTIONS:
      remit_review_panel_set_extractions (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_LABEL:
      remit_review_panel_set_selected_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_review_panel_class_init (RemitReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_review_panel_dispose;
  object_class->finalize = remit_review_panel_finalize;
  object_class->get_property = remit_review_panel_get_property;
  object_class->set_property = remit_review_panel_set_property;

  /**
   * RemitReviewPanel:extractions:
   *
   * The extraction set under review, or %NULL.
   */
  properties[PROP_EXTRACTIONS] =
    g_param_spec_object ("extractions", NULL, NULL, REMIT_TYPE_EXTRACTION_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitReviewPanel:selected-label:
   *
   * The label of the field being worked on (for the document view to emphasise its box and
   * to fill from the page), or %NULL. Focusing a row selects its field.
   */
  properties[PROP_SELECTED_LABEL] =
    g_param_spec_string ("selected-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitReviewPanel:valid:
   *
   * Whether every field can be sent as it stands; Confirm is enabled only then.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemitReviewPanel::confirmed:
   * @self: the panel
   * @feedback: the feedback for every reviewed field
   *
   * The person confirmed the fields. The handler sends @feedback (and deletes the labels
   * it lists as wrongly found).
   */
  signals[CONFIRMED] =
    g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REMIT_TYPE_FEEDBACK);

  /**
   * RemitReviewPanel::changed:
   * @self: the panel
   *
   * The person changed a field (typed, chose a value, took one from the page, marked one
   * as wrongly found). A good moment to keep remit_review_panel_dup_values().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remitapp/Remit/remit-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, iban_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, bic_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, reference_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, doc_type_row);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, RemitReviewPanel, confirm_button);

  gtk_widget_class_install_action (widget_class, "review.confirm", NULL, confirm_activated);
  gtk_widget_class_install_action (widget_class, "review.use-candidate", "(su)",
                                   use_candidate_activated);
  gtk_widget_class_install_action (widget_class, "review.revert-field", "s",
                                   revert_field_activated);
  gtk_widget_class_install_action (widget_class, "review.mark-wrongly-found", "s",
                                   mark_wrongly_found_activated);
  gtk_widget_class_install_action (widget_class, "review.undo-wrongly-found", "s",
                                   undo_wrongly_found_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "review.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "review.confirm", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remit_review_panel_init (RemitReviewPanel *self)
{
  AdwPreferencesRow *rows[N_FIELDS];

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (
    GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Payment details"), -1);

  rows[FIELD_RECIPIENT] = ADW_PREFERENCES_ROW (self->recipient_row);
  rows[FIELD_IBAN] = ADW_PREFERENCES_ROW (self->iban_row);
  rows[FIELD_BIC] = ADW_PREFERENCES_ROW (self->bic_row);
  rows[FIELD_AMOUNT] = ADW_PREFERENCES_ROW (self->amount_row);
  rows[FIELD_PURPOSE] = ADW_PREFERENCES_ROW (self->purpose_row);
  rows[FIELD_REFERENCE] = ADW_PREFERENCES_ROW (self->reference_row);
  rows[FIELD_DOC_TYPE] = ADW_PREFERENCES_ROW (self->doc_type_row);

  for (guint i = 0; i < N_FIELDS; i++)
    field_init (self, &self->fields[i], i, rows[i]);

  remit_review_panel_set_extractions (self, NULL);
}

/* Public API ------------------------------------------------------------------------------ */

/**
 * remit_review_panel_new:
 *
 * Returns: (transfer floating): a new, empty review panel
 */
GtkWidget *
remit_review_panel_new (void)
{
  return g_object_new (REMIT_TYPE_REVIEW_PANEL, NULL);
}

/**
 * remit_review_panel_get_field_labels:
 *
 * Returns: (transfer none) (array zero-terminated=1): the labels of the panel's fields, in
 *   the order of its rows
 */
const char *const *
remit_review_panel_get_field_labels (void)
{
  return field_labels;
}

/**
 * remit_review_panel_set_extractions:
 * @self: a #RemitReviewPanel
 * @extractions: (nullable): the extraction set to review
 *
 * Fills every row with the extracted value (empty where nothing was found) and offers the
 * set's candidates. Whatever the person had changed is dropped; see
 * remit_review_panel_restore_values() to put it back.
 */
void
remit_review_panel_set_extractions (RemitReviewPanel *self, RemitExtractionSet *extractions)
{
  g_return_if_fail (REMIT_IS_REVIEW_PANEL (self));
  g_return_if_fail (extractions == NULL || REMIT_IS_EXTRACTION_SET (extractions));

  if (extractions != self->extractions)
    {
      g_set_object (&self->extractions, extractions);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRACTIONS]);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      RemitExtraction *extraction = NULL;

      if (extractions != NULL)
        extraction = remit_extraction_set_get_extraction (extractions, field->info->label);

      g_free (field->original);
      field->original = extraction != NULL ? g_strdup (remit_extraction_get_value (extraction))
                                           : NULL;
      g_free (field->entity);
      field->entity = g_strdup (extraction != NULL && remit_extraction_get_entity (extraction)
                                  ? remit_extraction_get_entity (extraction)
                                  : field->info->entity);
      field->source = SOURCE_EXTRACTION;
      field->has_box = FALSE;
      field->wrongly_found = FALSE;

      field_show_value (field, field->original);
      rebuild_candidates (field);
      field_validate (field);
      field_update_ui (field);
    }

  update_valid (self);
}

/**
 * remit_review_panel_get_extractions:
 * @self: a #RemitReviewPanel
 *
 * Returns: (transfer none) (nullable): the extraction set under review
 */
RemitExtractionSet *
remit_review_panel_get_extractions (RemitReviewPanel *self)
{
  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  return self->extractions;
}

/**
 * remit_review_panel_get_selected_label:
 * @self: a #RemitReviewPanel
 *
 * Returns: (nullable): the label of the selected field
 */
const char *
remit_review_panel_get_selected_label (RemitReviewPanel *self)
{
  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  return self->selected_label;
}

/* Scrolls so that @row is in sight, without taking the focus from where it is. */
static void
scroll_to_row (RemitReviewPanel *self, GtkWidget *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled_window);
  graphene_rect_t bounds;
  double value, page;

  if (viewport == NULL || !gtk_widget_compute_bounds (row, viewport, &bounds))
    return;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  /* The viewport's coordinates are those of what is in sight. */
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - page);
}

/**
 * remit_review_panel_set_selected_label:
 * @self: a #RemitReviewPanel
 * @label: (nullable): the label of the field to select
 *
 * Selects a field, as a click on its box in the document view does: its row scrolls into
 * sight (the focus stays where it is, so that the next click on the page fills it).
 */
void
remit_review_panel_set_selected_label (RemitReviewPanel *self, const char *label)
{
  Field *field;

  g_return_if_fail (REMIT_IS_REVIEW_PANEL (self));

  if (g_strcmp0 (label, self->selected_label) == 0)
    return;

  g_free (self->selected_label);
  self->selected_label = g_strdup (label);

  field = find_field (self, label);
  if (field != NULL && !gtk_widget_has_focus (GTK_WIDGET (field->row)))
    scroll_to_row (self, GTK_WIDGET (field->row));

  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LABEL]);
}

/* Page text on one line: line breaks between the words of a drag become spaces. */
static char *
page_text_to_line (const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }

  return g_string_free (line, FALSE);
}

static guint
doc_type_index_from_text (RemitReviewPanel *self, const char *text)
{
  GListModel *model = adw_combo_row_get_model (self->doc_type_row);

  for (guint i = 1; i < G_N_ELEMENTS (doc_types); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_ascii_strcasecmp (doc_types[i], text) == 0 || g_utf8_collate (name, text) == 0)
        return i;
    }

  return 0;
}

/**
 * remit_review_panel_set_value_from_page:
 * @self: a #RemitReviewPanel
 * @label: the label of the field to fill
 * @text: the words taken from the page
 *
 * Like remit_review_panel_set_value_from_page_with_box() without a box.
 *
 * Returns: %TRUE if the field was filled
 */
gboolean
remit_review_panel_set_value_from_page (RemitReviewPanel *self,
                                        const char *label,
                                        const char *text)
{
  return remit_review_panel_set_value_from_page_with_box (self, label, text, NULL);
}

/**
 * remit_review_panel_set_value_from_page_with_box:
 * @self: a #RemitReviewPanel
 * @label: the label of the field to fill
 * @text: the words taken from the page
 * @box: (nullable): where the words stand, in layout units; sent along with the feedback
 *
 * Fills a field from a click (or a drag) on the page, as the document view's
 * `word-activated` signal reports it, and marks it as taken from the page. Line breaks
 * become spaces. The document type is only set if @text names one.
 *
 * Returns: %TRUE if the field was filled, %FALSE if @label is not a field of the panel or
 *   @text is no document type
 */
gboolean
remit_review_panel_set_value_from_page_with_box (RemitReviewPanel *self,
                                                 const char *label,
                                                 const char *text,
                                                 const RemitBox *box)
{
  g_autofree char *line = NULL;
  Field *field;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  field = find_field (self, label);
  if (field == NULL || self->extractions == NULL)
    return FALSE;

  line = page_text_to_line (text);

  if (field_is_entry (field))
    {
      field_show_value (field, line);
    }
  else
    {
      guint index = doc_type_index_from_text (self, line);

      if (index == 0)
        return FALSE;

      self->updating++;
      adw_combo_row_set_selected (self->doc_type_row, index);
      self->updating--;
    }

  field_changed_by_person (field, SOURCE_PAGE, box);

  return TRUE;
}

/**
 * remit_review_panel_set_amount_from_items:
 * @self: a #RemitReviewPanel
 * @amount: the total of the items kept, as the Return Assistant works it out
 *
 * Sets the amount to pay to @amount and marks it as following the items.
 */
void
remit_review_panel_set_amount_from_items (RemitReviewPanel *self, const RemitAmount *amount)
{
  g_autofree char *wire = NULL;
  Field *field;

  g_return_if_fail (REMIT_IS_REVIEW_PANEL (self));
  g_return_if_fail (amount != NULL);

  field = &self->fields[FIELD_AMOUNT];
  wire = remit_amount_to_wire (amount);
  field_show_value (field, wire);
  field_changed_by_person (field, SOURCE_ITEMS, NULL);
}

/**
 * remit_review_panel_dup_value:
 * @self: a #RemitReviewPanel
 * @label: the label of a field
 *
 * The field's value as it would go into the feedback: the IBAN and the BIC without spaces,
 * the amount in its wire form (`12.50:EUR`) if it can be read, other text trimmed.
 *
 * Returns: (transfer full) (nullable): the value, "" for an empty field, %NULL if @label is
 *   not a field of the panel or the field is marked as wrongly found
 */
char *
remit_review_panel_dup_value (RemitReviewPanel *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  field = find_field (self, label);
  if (field == NULL || field->wrongly_found)
    return NULL;

  return field_dup_value (field);
}

/**
 * remit_review_panel_is_wrongly_found:
 * @self: a #RemitReviewPanel
 * @label: the label of a field
 *
 * Returns: whether the field is marked as wrongly found
 */
gboolean
remit_review_panel_is_wrongly_found (RemitReviewPanel *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), FALSE);

  field = find_field (self, label);

  return field != NULL && field->wrongly_found;
}

/**
 * remit_review_panel_mark_wrongly_found:
 * @self: a #RemitReviewPanel
 * @label: the label of a field
 * @wrongly_found: whether what was extracted for the field is not on the document at all
 *
 * Marks a field as wrongly found (or takes the mark back). A marked field shows its value
 * struck through, cannot be edited, is left out of the feedback body and listed for
 * deletion instead. Only a field for which something was extracted can be marked.
 */
void
remit_review_panel_mark_wrongly_found (RemitReviewPanel *self,
                                       const char *label,
                                       gboolean wrongly_found)
{
  Field *field;

  g_return_if_fail (REMIT_IS_REVIEW_PANEL (self));

  field = find_field (self, label);
  if (field == NULL || field->original == NULL)
    return;

  wrongly_found = !!wrongly_found;
  if (field->wrongly_found == wrongly_found)
    return;

  field->wrongly_found = wrongly_found;
  field_refresh (field);

  if (wrongly_found)
    gtk_widget_grab_focus (field->undo_button);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * remit_review_panel_get_problem:
 * @self: a #RemitReviewPanel
 * @label: the label of a field
 *
 * Returns: (nullable): why the field's value cannot be sent (a translated sentence), or
 *   %NULL if it can
 */
const char *
remit_review_panel_get_problem (RemitReviewPanel *self, const char *label)
{
  Field *field;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  field = find_field (self, label);

  return field != NULL ? field->problem : NULL;
}

/**
 * remit_review_panel_get_valid:
 * @self: a #RemitReviewPanel
 *
 * Returns: whether there is a set under review and every field can be sent
 */
gboolean
remit_review_panel_get_valid (RemitReviewPanel *self)
{
  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), FALSE);

  return self->valid;
}

/**
 * remit_review_panel_build_feedback:
 * @self: a #RemitReviewPanel
 *
 * Builds the feedback Confirm sends: for each field its extracted value as the original and
 * the reviewed one as the value (so that the kind, positive, negative or complementary,
 * follows), the box where a value was taken from the page or from a candidate, the wrongly
 * found fields listed apart, and the document's return reason ids for line items that the
 * Return Assistant adds. A field where nothing was found and nothing was filled in is left
 * out.
 *
 * Returns: (transfer full) (nullable): the feedback, or %NULL while the panel is not valid
 */
RemitFeedback *
remit_review_panel_build_feedback (RemitReviewPanel *self)
{
  g_autoptr (RemitFeedback) feedback = NULL;
  g_auto (GStrv) reasons = NULL;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  if (!self->valid)
    return NULL;

  feedback = remit_feedback_new ();
  reasons = remit_extraction_set_get_return_reason_ids (self->extractions);
  if (reasons != NULL && reasons[0] != NULL)
    remit_feedback_set_return_reasons (feedback, (const char *const *) reasons);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *value = NULL;

      if (field->wrongly_found)
        {
          remit_feedback_mark_wrongly_found (feedback, field->info->label);
          continue;
        }

      value = field_dup_value (field);
      if (value[0] == '\0' && field->original == NULL)
        continue;

      remit_feedback_set_value (feedback, field->info->label, field->entity, field->original,
                                value);
      if (field->has_box && field->box.page >= 1)
        remit_feedback_set_box (feedback, field->info->label, field->box.page, field->box.left,
                                field->box.top, field->box.width, field->box.height);
    }

  return g_steal_pointer (&feedback);
}

/**
 * remit_review_panel_dup_values:
 * @self: a #RemitReviewPanel
 *
 * The fields the person changed and has not sent yet, for the ledger to keep: label →
 * value in the form of remit_review_panel_dup_value() (what was typed, if it cannot be
 * read), and label → %NULL for a field marked as wrongly found. Fields still as extracted
 * are not in the table.
 *
 * Returns: (transfer full) (element-type utf8 utf8): a new table
 */
GHashTable *
remit_review_panel_dup_values (RemitReviewPanel *self)
{
  GHashTable *values;

  g_return_val_if_fail (REMIT_IS_REVIEW_PANEL (self), NULL);

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      if (field->wrongly_found)
        g_hash_table_insert (values, g_strdup (field->info->label), NULL);
      else if (field->source != SOURCE_EXTRACTION)
        g_hash_table_insert (values, g_strdup (field->info->label), field_dup_value (field));
    }

  return values;
}

/**
 * remit_review_panel_restore_values:
 * @self: a #RemitReviewPanel
 * @values: (element-type utf8 utf8): a table from remit_review_panel_dup_values()
 *
 * Puts back values the person had changed, after remit_review_panel_set_extractions().
 * Labels the panel does not know are ignored.
 */
void
remit_review_panel_restore_values (RemitReviewPanel *self, GHashTable *values)
{
  g_return_if_fail (REMIT_IS_REVIEW_PANEL (self));
  g_return_if_fail (values != NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      const char *value;

      if (!g_hash_table_lookup_extended (values, field->info->label, NULL, (gpointer *) &value))
        continue;

      if (value == NULL)
        {
          if (field->original == NULL)
            continue;
          field->wrongly_found = TRUE;
        }
      else
        {
          field_show_value (field, value);
          field->wrongly_found = FALSE;
          field->source = SOURCE_TYPED;
          field->has_box = FALSE;
        }

      field_validate (field);
      field_update_ui (field);
    }

  update_valid (self);
}
