/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-fold-bin"

#include "config.h"

#include "remit-fold-bin.h"

struct _RemitFoldBin
{
  AdwBin parent_instance;

  int fold_width;
  int end_size;
  gboolean folded;
  gboolean placed;  /* the paned's position was set for the current orientation */
  double ratio;     /* above each other: the start child's share of the height */
  int last_width;
  int last_height;
  int last_position; /* the position this bin set last */
};

enum
{
  PROP_0,
  PROP_FOLD_WIDTH,
  PROP_END_SIZE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RemitFoldBin, remit_fold_bin, ADW_TYPE_BIN)

static void
remit_fold_bin_measure (GtkWidget *widget,
                        GtkOrientation orientation,
                        int for_size,
                        int *minimum,
                        int *natural,
                        int *minimum_baseline,
                        int *natural_baseline)
{
  RemitFoldBin *self = REMIT_FOLD_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, self->fold_width);
}

static void
remit_fold_bin_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RemitFoldBin *self = REMIT_FOLD_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));
  gboolean folded = width < self->fold_width;

  if (child != NULL && GTK_IS_ORIENTABLE (child))
    {
      if (folded != self->folded)
        {
          self->folded = folded;
          self->placed = FALSE;
          gtk_orientable_set_orientation (GTK_ORIENTABLE (child),
                                          folded ? GTK_ORIENTATION_VERTICAL
                                                 : GTK_ORIENTATION_HORIZONTAL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
        }

      if (GTK_IS_PANED (child) && width > 0 && height > 0)
        {
          GtkPaned *paned = GTK_PANED (child);
          int position = gtk_paned_get_position (paned);

          /* The person moved the handle: keep what they chose as the sizes change. */
          if (self->placed && position != self->last_position)
            {
              if (folded && self->last_height > 0)
                self->ratio = CLAMP ((double) position / self->last_height, 0.1, 0.9);
              else if (!folded)
                self->end_size = MAX (self->last_width - position, 0);
            }

          /* Side by side the end child keeps its width and the start child gets the rest;
           * above each other the start child (the page) gets its share of the height. */
          if (!self->placed || width != self->last_width || height != self->last_height)
            {
              position = folded ? (int) (height * self->ratio)
                                : MAX (width - self->end_size, width / 3);
              gtk_paned_set_position (paned, position);
              self->placed = TRUE;
            }

          self->last_width = width;
          self->last_height = height;
          self->last_position = position;
        }
    }

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
remit_fold_bin_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitFoldBin *self = REMIT_FOLD_BIN (object);

  switch (prop_id)
    {
    case PROP_FOLD_WIDTH:
      g_value_set_int (value, self->fold_width);
      break;
    case PROP_END_SIZE:
      g_value_set_int (value, self->end_size);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_fold_bin_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  RemitFoldBin *self = REMIT_FOLD_BIN (object);

  switch (prop_id)
    {
    case PROP_FOLD_WIDTH:
      remit_fold_bin_set_fold_width (self, g_value_get_int (value));
      break;
    case PROP_END_SIZE:
      remit_fold_bin_set_end_size (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_fold_bin_class_init (RemitFoldBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = remit_fold_bin_get_property;
  object_class->set_property = remit_fold_bin_set_property;
  widget_class->measure = remit_fold_bin_measure;
  widget_class->size_allocate = remit_fold_bin_size_allocate;

  /**
   * RemitFoldBin:fold-width:
   *
   * Below this width the child is laid out vertically.
   */
  properties[PROP_FOLD_WIDTH] =
    g_param_spec_int ("fold-width", NULL, NULL, 0, G_MAXINT, 640,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitFoldBin:end-size:
   *
   * The width a #GtkPaned child's end child starts with when side by side.
   */
  properties[PROP_END_SIZE] =
    g_param_spec_int ("end-size", NULL, NULL, 0, G_MAXINT, 360,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitFoldBin:folded:
   *
   * Whether the child is laid out vertically.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_fold_bin_init (RemitFoldBin *self)
{
  self->fold_width = 640;
  self->end_size = 360;
  self->ratio = 0.55;

  /* AdwBin lays its child out with a GtkBinLayout; this bin does it itself. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
remit_fold_bin_new (void)
{
  return g_object_new (REMIT_TYPE_FOLD_BIN, NULL);
}

int
remit_fold_bin_get_fold_width (RemitFoldBin *self)
{
  g_return_val_if_fail (REMIT_IS_FOLD_BIN (self), 0);
  return self->fold_width;
}

void
remit_fold_bin_set_fold_width (RemitFoldBin *self, int width)
{
  g_return_if_fail (REMIT_IS_FOLD_BIN (self));

  if (self->fold_width == width)
    return;
  self->fold_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLD_WIDTH]);
}

int
remit_fold_bin_get_end_size (RemitFoldBin *self)
{
  g_return_val_if_fail (REMIT_IS_FOLD_BIN (self), 0);
  return self->end_size;
}

void
remit_fold_bin_set_end_size (RemitFoldBin *self, int size)
{
  g_return_if_fail (REMIT_IS_FOLD_BIN (self));

  if (self->end_size == size)
    return;
  self->end_size = size;
  self->placed = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_SIZE]);
}

gboolean
remit_fold_bin_get_folded (RemitFoldBin *self)
{
  g_return_val_if_fail (REMIT_IS_FOLD_BIN (self), FALSE);
  return self->folded;
}
