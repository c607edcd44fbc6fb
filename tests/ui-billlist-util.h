/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "remit-ledger.h"

/* Helpers shared by the UI tests (suite "ui"). They run in a real display (Xvfb through
 * build-aux/test-session), inside an AdwApplication with Remit's resource base path, so
 * that the style sheets and icons load as they do in the app. */

static AdwApplication *ui_test_app;

static inline void
ui_test_init (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *localedir = g_getenv ("REMIT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Without a display there is nothing to test: say so in TAP instead of crashing. */
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display; run the UI tests in build-aux/test-session\n");
      exit (0);
    }
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);

  ui_test_app = g_object_new (ADW_TYPE_APPLICATION,
                              "application-id", "io.github.remitapp.Remit.Test",
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "resource-base-path", "/io/github/remitapp/Remit",
                              NULL);
  /* Registering runs startup: GTK, libadwaita, style.css and the icon path. */
  g_assert_true (g_application_register (G_APPLICATION (ui_test_app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (ui_test_app));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* Runs the main loop for @ms milliseconds. */
static inline void
ui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Runs the main loop until *@flag is TRUE; fails after @timeout_ms. */
static inline void
ui_test_wait_for (const gboolean *flag, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_true (*flag);
}

static inline void
ui_test_show (GtkWindow *window)
{
  gtk_window_set_application (window, GTK_APPLICATION (ui_test_app));
  gtk_window_present (window);
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    ui_test_spin (10);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* A few frames: list views make their rows on allocation, pages animate in. */
  ui_test_spin (400);
}

static inline void
ui_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_spin (400);
  g_assert_cmpint (adw_style_manager_get_dark (adw_style_manager_get_default ()), ==, dark);
}

/* Widget tree */

typedef gboolean (*UiTestMatch) (GtkWidget *widget, gconstpointer data);

static inline GtkWidget *
ui_test_find (GtkWidget *root, UiTestMatch match, gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
ui_test_match_type (GtkWidget *widget, gconstpointer data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static inline GtkWidget *
ui_test_find_type (GtkWidget *root, GType type)
{
  return ui_test_find (root, ui_test_match_type, GSIZE_TO_POINTER (type));
}

static inline gboolean
ui_test_match_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* A label showing exactly @text, or NULL. */
static inline GtkWidget *
ui_test_find_label (GtkWidget *root, const char *text)
{
  return ui_test_find (root, ui_test_match_label, text);
}

static inline gboolean
ui_test_match_button_tooltip (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static inline GtkWidget *
ui_test_find_button_by_tooltip (GtkWidget *root, const char *tooltip)
{
  return ui_test_find (root, ui_test_match_button_tooltip, tooltip);
}

static inline gboolean
ui_test_match_button_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static inline GtkWidget *
ui_test_find_button_by_label (GtkWidget *root, const char *label)
{
  return ui_test_find (root, ui_test_match_button_label, label);
}

static inline gboolean
ui_test_match_row_title (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static inline GtkWidget *
ui_test_find_row (GtkWidget *root, const char *title)
{
  return ui_test_find (root, ui_test_match_row_title, title);
}

/* A click on @button, as the pointer would give it (gtk_widget_activate() would first
 * show the button pressed for a while). */
static inline void
ui_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Whether a person sees @widget: it and every ancestor are visible and mapped. */
static inline gboolean
ui_test_is_shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_drawable (widget);
}

static inline void
ui_test_collect_labels_into (GtkWidget *root, GPtrArray *texts)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ui_test_collect_labels_into (child, texts);
}

/* The texts of every label a person sees under @root, in tree order. */
static inline GPtrArray *
ui_test_collect_labels (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  ui_test_collect_labels_into (root, texts);
  return texts;
}

static inline gboolean
ui_test_texts_contain (GPtrArray *texts, const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

/* Rendering */

static inline GdkTexture *
ui_test_render (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* A widget between two layouts draws nothing; the next frame it does. */
  for (int i = 0; i < 50 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        ui_test_spin (20);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Saves what @widget shows now as screenshots/@name.png in the build folder. */
static inline void
ui_test_screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr (GdkTexture) texture = ui_test_render (widget);
  const char *dir = g_getenv ("REMIT_SCREENSHOT_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The text of the first QR code zbar finds in @texture, bytes as they are; NULL if none. */
static inline char *
ui_test_decode_qr (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *grey = g_malloc ((gsize) width * height);
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  const zbar_symbol_t *symbol;
  char *text = NULL;

  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory. */
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    grey[i] = (guchar) ((pixels[4 * i + 2] * 30 + pixels[4 * i + 1] * 59 + pixels[4 * i] * 11)
                        / 100);

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) width, (unsigned) height);
  zbar_image_set_data (image, grey, (unsigned long) width * height, NULL);

  if (zbar_scan_image (scanner, image) > 0)
    {
      symbol = zbar_image_first_symbol (image);
      text = g_strndup (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
    }

  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return text;
}

/* Ledgers */

static inline void
ui_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            ui_test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* A ledger in a fresh temporary $REMIT_DATA_DIR. */
static inline RemitLedger *
ui_test_open_ledger (char **dir_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("remit-ui-XXXXXX", &error);
  RemitLedger *ledger;

  g_assert_no_error (error);
  g_setenv ("REMIT_DATA_DIR", dir, TRUE);
  ledger = remit_ledger_open (dir, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return ledger;
}

/* The day @offset days from today, `YYYY-MM-DD`. */
static inline char *
ui_test_day (int offset)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) day = g_date_time_add_days (now, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

static inline RemitBill *
ui_test_add_bill (RemitLedger *ledger,
                  const char *recipient,
                  const char *iban,
                  gint64 cents,
                  const char *purpose,
                  int due_offset,
                  gboolean has_due)
{
  static guint counter;
  g_autoptr (GError) error = NULL;
  g_autofree char *due = has_due ? ui_test_day (due_offset) : NULL;
  g_autofree char *content = g_strdup_printf ("%%PDF-1.4 test bill %u %s", ++counter,
                                              recipient != NULL ? recipient : "");
  g_autoptr (GBytes) bytes = g_bytes_new (content, strlen (content));
  RemitBill *bill = remit_bill_new ();

  remit_bill_set_recipient (bill, recipient);
  remit_bill_set_iban (bill, iban);
  if (cents != 0)
    {
      RemitAmount amount;

      remit_amount_init (&amount, cents, "EUR");
      remit_bill_set_amount (bill, &amount);
    }
  remit_bill_set_purpose (bill, purpose);
  g_assert_true (remit_bill_set_due_date (bill, due));
  remit_bill_set_filename (bill, "invoice.pdf");
  remit_bill_set_content_type (bill, "application/pdf");
  remit_bill_set_backend (bill, "local");
  g_assert_true (remit_ledger_add_bill (ledger, bill, bytes, &error));
  g_assert_no_error (error);
  return bill;
}

static inline void
ui_test_move (RemitLedger *ledger, RemitBill *bill, RemitBillState to)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (remit_ledger_move_bill (ledger, bill, to, NULL, &error));
  g_assert_no_error (error);
}
