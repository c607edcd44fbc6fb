/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Helpers of the UI tests: a real window on the (virtual) display, waiting for it to be
 * drawn, finding widgets as a person would (by title or accessible name), and screenshots. */

void ui_test_init (int *argc, char ***argv);

GtkWidget *ui_test_window_new (GtkWidget *child, int width, int height);
void ui_test_window_close (GtkWidget *window);
void ui_test_wait_for_mapped (GtkWidget *widget);
void ui_test_wait_for_draw (GtkWidget *window);
void ui_test_iterate (void);

typedef gboolean (*UiTestMatch) (GtkWidget *widget, gconstpointer data);

GtkWidget *ui_test_find (GtkWidget *root, GType type, UiTestMatch match, gconstpointer data);
GPtrArray *ui_test_find_all (GtkWidget *root, GType type, UiTestMatch match, gconstpointer data);
GtkWidget *ui_test_find_row (GtkWidget *root, const char *title);
GtkWidget *ui_test_find_by_accessible_label (GtkWidget *root, GType type, const char *label);
GtkWidget *ui_test_find_label (GtkWidget *root, const char *text);

gboolean ui_test_has_accessible_property (GtkWidget *widget,
                                          GtkAccessibleProperty property,
                                          const char *value);

void ui_test_press_button (GtkWidget *button);
GtkWidget *ui_test_focus_forward (GtkWidget *window);
gboolean ui_test_activate_shortcut (GtkWidget *widget, const char *trigger);

char *ui_test_save_screenshot (GtkWidget *window, const char *name);
void ui_test_set_dark (gboolean dark);

G_END_DECLS
