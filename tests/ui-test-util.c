/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-test-util"

#include "config.h"

#include <string.h>

#include "ui-test-util.h"

/* How long a test waits for the display before it gives up. */
#define WAIT_SECONDS 10

void
ui_test_init (int *argc, char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* No animations: what a test checks or photographs is the state reached, not a frame of
   * the way there. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Light unless a test asks for dark, whatever the session prefers. */
  ui_test_set_dark (FALSE);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *@flag is set or the time is up. */
static void
iterate_until (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint timeout = g_timeout_add (50, wake_up, NULL);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);

  if (!*flag)
    g_error ("The display did not answer within %d seconds", WAIT_SECONDS);
}

void
ui_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Waits until @widget is on screen (a window or a popover is mapped by the display server,
 * which takes a moment). */
void
ui_test_wait_for_mapped (GtkWidget *widget)
{
  gboolean mapped = FALSE;
  gulong handler;

  ui_test_iterate ();
  if (gtk_widget_get_mapped (widget))
    return;

  handler = g_signal_connect_swapped (widget, "map", G_CALLBACK (set_flag), &mapped);
  iterate_until (&mapped);
  g_signal_handler_disconnect (widget, handler);
}

/* Waits until the window has been laid out and painted with every change made so far. */
void
ui_test_wait_for_draw (GtkWidget *window)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler;

  ui_test_wait_for_mapped (window);

  clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (clock);

  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (window);
  iterate_until (&painted);
  g_signal_handler_disconnect (clock, handler);

  ui_test_iterate ();
}

GtkWidget *
ui_test_window_new (GtkWidget *child, int width, int height)
{
  GtkWidget *window = gtk_window_new ();

  /* Undecorated, so that a screenshot shows the widget and the window's background only. */
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for_draw (window);

  return window;
}

void
ui_test_window_close (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate ();
}

static void
find_all (GtkWidget *widget, GType type, UiTestMatch match, gconstpointer data, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (match == NULL || match (widget, data)))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, match, data, found);
}

/* Every widget of @type under @root (itself included) that @match accepts, depth first. */
GPtrArray *
ui_test_find_all (GtkWidget *root, GType type, UiTestMatch match, gconstpointer data)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, type, match, data, found);

  return found;
}

GtkWidget *
ui_test_find (GtkWidget *root, GType type, UiTestMatch match, gconstpointer data)
{
  g_autoptr (GPtrArray) found = ui_test_find_all (root, type, match, data);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* The title as shown: without the mnemonic underscore. */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
row_has_title (GtkWidget *widget, gconstpointer data)
{
  g_autofree char *title = strip_mnemonic (adw_preferences_row_get_title (
    ADW_PREFERENCES_ROW (widget)));

  return g_strcmp0 (title, data) == 0;
}

GtkWidget *
ui_test_find_row (GtkWidget *root, const char *title)
{
  GtkWidget *row = ui_test_find (root, ADW_TYPE_PREFERENCES_ROW, row_has_title, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);

  return row;
}

gboolean
ui_test_has_accessible_property (GtkWidget *widget,
                                 GtkAccessibleProperty property,
                                 const char *value)
{
  g_autofree char *actual = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property,
                                                                value);

  return actual == NULL;
}

static gboolean
has_accessible_label (GtkWidget *widget, gconstpointer data)
{
  return ui_test_has_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, data);
}

GtkWidget *
ui_test_find_by_accessible_label (GtkWidget *root, GType type, const char *label)
{
  return ui_test_find (root, type, has_accessible_label, label);
}

static gboolean
label_has_text (GtkWidget *widget, gconstpointer data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

GtkWidget *
ui_test_find_label (GtkWidget *root, const char *text)
{
  return ui_test_find (root, GTK_TYPE_LABEL, label_has_text, text);
}

static gboolean
set_flag_once (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Activates a button as Space or Enter does: it shows itself pressed for a moment, then
 * emits “clicked”. Returns after that moment. */
void
ui_test_press_button (GtkWidget *button)
{
  gboolean done = FALSE;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));

  /* GtkButton releases a keyboard activation after 250 ms. */
  g_timeout_add (400, set_flag_once, &done);
  iterate_until (&done);
  ui_test_iterate ();
}

/* Moves the focus as Tab does and returns the widget that has it. */
GtkWidget *
ui_test_focus_forward (GtkWidget *window)
{
  if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
    {
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
    }
  ui_test_iterate ();

  return gtk_window_get_focus (GTK_WINDOW (window));
}

/* Runs what @widget's own shortcut for @trigger (such as “<Control>Return”) does, as the key
 * press would. FALSE if @widget has no such shortcut. */
gboolean
ui_test_activate_shortcut (GtkWidget *widget, const char *trigger)
{
  g_autoptr (GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  g_assert_nonnull (wanted);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      guint n_shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < n_shortcuts; j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *own = gtk_shortcut_get_trigger (shortcut);

          if (own != NULL && gtk_shortcut_trigger_equal (own, wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* Renders the window as it is on screen into SCREENSHOT_DIR/@name.png and returns the path. */
char *
ui_test_save_screenshot (GtkWidget *window, const char *name)
{
  const char *dir = g_getenv ("REMIT_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    dir = ".";

  ui_test_wait_for_draw (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  return g_steal_pointer (&path);
}

void
ui_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_iterate ();
}
