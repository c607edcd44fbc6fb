/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remit-bill-list.h"
#include "remit-bill-service.h"
#include "remit-document-view.h"
#include "remit-fold-bin.h"
#include "remit-return-assistant.h"
#include "remit-review-panel.h"
#include "remit-window.h"

G_BEGIN_DECLS

struct _RemitWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget *drop_highlight;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  RemitBillList *bill_list;
  GtkListBox *imports_list;
  GtkWidget *bill_page;
  AdwWindowTitle *bill_title;
  GtkWidget *pay_button;
  GtkWidget *bill_menu_button;
  GtkStack *bill_stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkSpinner *spinner;
  RemitFoldBin *fold_bin;
  GtkPaned *paned;
  GtkStack *document_stack;
  RemitDocumentView *document_view;
  AdwViewSwitcherBar *side_switcher;
  AdwViewStack *side_stack;
  RemitReviewPanel *review_panel;
  RemitReturnAssistant *return_assistant;

  /* State */
  RemitLedger *ledger;
  RemitBill *bill;             /* the bill on the right, or NULL */
  GCancellable *load_cancellable;
  GCancellable *import_cancellable;
  GQueue imports;              /* ImportJob, the one being read first */
  guint save_source;
  gboolean restoring;          /* filling the review panel; its changes are not the person's */
  gboolean values_dirty;       /* the review panel has changes the ledger lacks */
  gboolean bench_ready;        /* REMIT_BENCH_READY: print when the first bill is painted */
  gboolean confirming;
};

/* remit-window.c */
void remit_window_reload_bills (RemitWindow *self);
void remit_window_show_bill (RemitWindow *self, RemitBill *bill);
void remit_window_show_imported (RemitWindow *self,
                                 RemitBill *bill,
                                 GBytes *content,
                                 RemitLayout *layout,
                                 RemitExtractionSet *extractions);
void remit_window_update_actions (RemitWindow *self);
void remit_window_save_values (RemitWindow *self);
void remit_window_show_error (RemitWindow *self, const char *heading, const char *body);
void remit_window_toast (RemitWindow *self, const char *message);
RemitLedger *remit_window_get_ledger (RemitWindow *self, GError **error);
RemitBillService *remit_window_get_bill_service (RemitWindow *self, GError **error);

/* remit-window-actions.c */
void remit_window_class_init_actions (GtkWidgetClass *widget_class);
void remit_window_init_actions (RemitWindow *self);

/* remit-window-import.c */
void remit_window_init_drop (RemitWindow *self);
gboolean remit_window_is_supported_file (GFile *file, GError **error);
void remit_window_cancel_imports (RemitWindow *self);

G_END_DECLS
