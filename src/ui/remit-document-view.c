/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-document-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "remit-document-view-private.h"
#include "remit-document-view.h"
#include "remit-page-renderer.h"

/**
 * RemitDocumentView:
 *
 * Shows the pages of a document (a PDF or an image) stacked from top to bottom, with the
 * boxes of its extractions drawn over them, one colour per field. Put it in a
 * #GtkScrolledWindow: it is #GtkScrollable.
 *
 * Pages are rendered by a #RemitPageRenderer on a thread of their own, at the size they are
 * shown times the display's scale factor. Only the pages in sight and their neighbours are
 * rendered, and textures are kept within a memory budget, the farthest dropped first; a page
 * that is not rendered yet shows as blank paper.
 *
 * With a field selected (#RemitDocumentView:selected-label), clicking a word emits
 * #RemitDocumentView::word-activated and dragging across words
 * #RemitDocumentView::words-selected, both with the text and box in layout units. Clicking a
 * box selects its field and emits #RemitDocumentView::box-activated.
 *
 * All boxes pass through one conversion, box_to_widget(): layout units (`sizeX` × `sizeY` of
 * the layout page, points for PDFs and pixels for scans) to the page as shown, to widget
 * coordinates.
 */

/* Space between pages and around them, in logical pixels. */
#define PAGE_GAP 12
/* One PDF point is 96/72 logical pixels at 100 %; one pixel of an image is one pixel. */
#define POINTS_TO_PIXELS (96.0 / 72.0)
#define MIN_ZOOM 0.1
#define MAX_ZOOM 6.0
#define ZOOM_STEP 1.2
/* Pages rendered ahead on each side of those in sight. */
#define NEARBY_PAGES 2
#define DEFAULT_MEMORY_BUDGET ((gsize) 64 * 1024 * 1024)
/* The largest texture of one page; zoomed in further, the page is scaled up. */
#define MAX_TEXTURE_BYTES ((gsize) 24 * 1024 * 1024)
/* After a zoom, pages that show something wait this long before rendering again. */
#define RERENDER_DELAY_MS 150
/* Boxes are drawn this much larger than the words they hold, so strokes do not hide ink. */
#define BOX_PADDING 2.0
#define BOX_RADIUS 3.0

typedef enum
{
  ZOOM_FIT_WIDTH,
  ZOOM_FIT_PAGE,
  ZOOM_FREE,
} ZoomMode;

typedef struct
{
  /* A child that stands for the page in the accessibility tree, allocated over it. */
  GtkWidget *widget;
  /* Size in the renderer's units: points for a PDF, pixels for an image. */
  double natural_width;
  double natural_height;
  /* The layout of the page, if the layout has one with this number. */
  const RemitLayoutPage *layout_page;

  /* Where the page is in the document, in logical pixels. */
  int x;
  int y;
  int width;
  int height;

  GdkTexture *texture;
  cairo_surface_t *surface; /* the same pixels, for cairo */
  int texture_width;
  int texture_height;

  /* The pending render, if any. */
  GCancellable *cancellable;
  guint generation;
  gboolean failed;
} Page;

typedef struct
{
  RemitDocumentView *self;
  guint index;
  guint generation;
} RenderRequest;

/* A field's box on the page. */
typedef struct
{
  char *label;
  RemitBox box;
} Mark;

typedef struct
{
  gboolean set;
  guint page;
  double fx;
  double fy;
  double wx;
  double wy;
} Anchor;

struct _RemitDocumentView
{
  GtkWidget parent_instance;

  GBytes *bytes;
  RemitLayout *layout;
  RemitExtractionSet *extractions;
  RemitPageRenderer *renderer;
  GCancellable *load_cancellable;

  GArray *pages; /* of Page */
  GArray *marks; /* of Mark */
  char *selected_label;

  /* Scrolling */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  gboolean in_allocate;

  /* Geometry, from the last allocation */
  int width;
  int height;
  int doc_width;
  int doc_height;
  int content_width;
  int content_height;
  gboolean geometry_valid;

  /* Zoom */
  ZoomMode zoom_mode;
  double requested_zoom;
  double zoom;
  double units_to_pixels;
  Anchor anchor;
  gint64 zoom_time;
  guint rerender_source;

  /* Textures */
  gsize texture_bytes;
  gsize memory_budget;

  /* Pointer */
  double pointer_x;
  double pointer_y;
  int hover_page;
  const RemitLayoutWord *hover_word;
  gboolean dragging;
  int drag_page;
  double drag_x1;
  double drag_y1;
  double drag_x2;
  double drag_y2;
};

static void remit_document_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemitDocumentView, remit_document_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      remit_document_view_scrollable_init))

enum
{
  PROP_0,
  PROP_SELECTED_LABEL,
  PROP_ZOOM,
  PROP_N_PAGES,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum
{
  WORD_ACTIVATED,
  WORDS_SELECTED,
  BOX_ACTIVATED,
  PAGE_RENDERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_pages (RemitDocumentView *self);

/* Colours */

static const struct
{
  const char *label;
  GdkRGBA colour;
} field_colours[] = {
  { "iban", { 0.110, 0.443, 0.847, 1 } },             /* blue */
  { "bic", { 0.129, 0.565, 0.643, 1 } },              /* teal */
  { "amountToPay", { 0.149, 0.635, 0.412, 1 } },      /* green */
  { "paymentRecipient", { 0.506, 0.239, 0.612, 1 } }, /* purple */
  { "paymentPurpose", { 0.902, 0.380, 0.000, 1 } },   /* orange */
  { "paymentReference", { 0.596, 0.416, 0.267, 1 } }, /* brown */
  { "docType", { 0.835, 0.380, 0.616, 1 } },          /* pink */
};

static const GdkRGBA other_colour = { 0.467, 0.463, 0.482, 1 }; /* grey */

static const GdkRGBA *
colour_for_label (const char *label)
{
  for (gsize i = 0; i < G_N_ELEMENTS (field_colours); i++)
    if (g_strcmp0 (label, field_colours[i].label) == 0)
      return &field_colours[i].colour;

  return &other_colour;
}

/* Pages and geometry */

static Page *
get_page (RemitDocumentView *self, guint index)
{
  return &g_array_index (self->pages, Page, index);
}

static Page *
get_page_by_number (RemitDocumentView *self, int number)
{
  if (number < 1 || (guint) number > self->pages->len)
    return NULL;
  return get_page (self, number - 1);
}

/* The scroll offsets, whole device pixels so that textures land on the pixel grid. */
static void
get_scroll_offset (RemitDocumentView *self, double *x, double *y)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  *x = round (gtk_adjustment_get_value (self->hadjustment) * scale) / scale;
  *y = round (gtk_adjustment_get_value (self->vadjustment) * scale) / scale;
}

static void
page_get_widget_rect (RemitDocumentView *self, const Page *page, graphene_rect_t *out)
{
  double x, y;

  get_scroll_offset (self, &x, &y);
  graphene_rect_init (out, page->x - x, page->y - y, page->width, page->height);
}

/* The size of the page in the units its boxes and words are in. */
static void
page_get_layout_size (const Page *page, double *width, double *height)
{
  if (page->layout_page != NULL && remit_layout_page_get_width (page->layout_page) > 0
      && remit_layout_page_get_height (page->layout_page) > 0)
    {
      *width = remit_layout_page_get_width (page->layout_page);
      *height = remit_layout_page_get_height (page->layout_page);
    }
  else
    {
      *width = page->natural_width;
      *height = page->natural_height;
    }
}

/* The one conversion of a box, in layout units on its page, to widget coordinates: scaled
 * from the layout page's size to the page as shown, then placed where the page is. */
static gboolean
box_to_widget (RemitDocumentView *self, const RemitBox *box, graphene_rect_t *out)
{
  const Page *page = get_page_by_number (self, box->page);
  graphene_rect_t page_rect;
  double layout_width, layout_height;
  RemitBox scaled;

  if (page == NULL || !self->geometry_valid)
    return FALSE;

  page_get_widget_rect (self, page, &page_rect);
  page_get_layout_size (page, &layout_width, &layout_height);
  remit_layout_scale_box (box, layout_width, layout_height, page_rect.size.width,
                          page_rect.size.height, &scaled);
  graphene_rect_init (out, page_rect.origin.x + scaled.left, page_rect.origin.y + scaled.top,
                      scaled.width, scaled.height);
  return TRUE;
}

/* The reverse, for the pointer: a rectangle in widget coordinates over page @index to layout
 * units on that page. */
static void
widget_to_layout (RemitDocumentView *self,
                  guint index,
                  const graphene_rect_t *rect,
                  RemitBox *out)
{
  const Page *page = get_page (self, index);
  graphene_rect_t page_rect;
  double layout_width, layout_height;
  RemitBox box;

  page_get_widget_rect (self, page, &page_rect);
  page_get_layout_size (page, &layout_width, &layout_height);
  remit_box_init (&box, index + 1, rect->origin.x - page_rect.origin.x,
                  rect->origin.y - page_rect.origin.y, rect->size.width, rect->size.height);
  remit_layout_scale_box (&box, page_rect.size.width, page_rect.size.height, layout_width,
                          layout_height, out);
}

/* The page at a widget point, or -1. */
static int
page_at (RemitDocumentView *self, double x, double y)
{
  double offset_x, offset_y, doc_y;
  guint low = 0, high;

  if (!self->geometry_valid || self->pages->len == 0)
    return -1;

  get_scroll_offset (self, &offset_x, &offset_y);
  doc_y = y + offset_y;

  /* The last page that starts above the point. */
  high = self->pages->len;
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (get_page (self, middle)->y <= doc_y)
        low = middle;
      else
        high = middle;
    }

  {
    const Page *page = get_page (self, low);
    double doc_x = x + offset_x;

    if (doc_x >= page->x && doc_x < page->x + page->width && doc_y >= page->y
        && doc_y < page->y + page->height)
      return low;
  }
  return -1;
}

/* The pages at least partly in sight. */
static gboolean
get_visible_range (RemitDocumentView *self, guint *first, guint *last)
{
  double offset_x, offset_y;
  guint low = 0, high;

  if (!self->geometry_valid || self->pages->len == 0)
    return FALSE;

  get_scroll_offset (self, &offset_x, &offset_y);

  /* The first page whose bottom is below the top of the view. */
  high = self->pages->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      const Page *page = get_page (self, middle);

      if (page->y + page->height + PAGE_GAP <= offset_y)
        low = middle + 1;
      else
        high = middle;
    }
  *first = MIN (low, self->pages->len - 1);

  *last = *first;
  while (*last + 1 < self->pages->len
         && get_page (self, *last + 1)->y < offset_y + self->height)
    (*last)++;

  return TRUE;
}

static void
compute_geometry (RemitDocumentView *self)
{
  int max_width = 0;
  int y = PAGE_GAP;
  int content_width, content_height, shift;

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = get_page (self, i);

      page->width = MAX (1, (int) round (page->natural_width * self->units_to_pixels
                                         * self->zoom));
      page->height = MAX (1, (int) round (page->natural_height * self->units_to_pixels
                                          * self->zoom));
      page->y = y;
      y += page->height + PAGE_GAP;
      max_width = MAX (max_width, page->width);
    }

  content_width = max_width + 2 * PAGE_GAP;
  content_height = y;
  self->content_width = content_width;
  self->content_height = content_height;
  self->doc_width = MAX (content_width, self->width);
  self->doc_height = MAX (content_height, self->height);

  /* A document smaller than the view sits in its middle. */
  shift = (self->doc_height - content_height) / 2;
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = get_page (self, i);

      page->x = (self->doc_width - page->width) / 2;
      page->y += shift;
    }

  self->geometry_valid = TRUE;
}

static double
compute_zoom (RemitDocumentView *self)
{
  double max_width = 0, max_height = 0;
  double zoom;

  if (self->zoom_mode == ZOOM_FREE)
    return self->requested_zoom;

  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *page = get_page (self, i);

      max_width = MAX (max_width, page->natural_width * self->units_to_pixels);
      max_height = MAX (max_height, page->natural_height * self->units_to_pixels);
    }
  if (max_width <= 0 || max_height <= 0 || self->width <= 0)
    return self->zoom;

  zoom = (self->width - 2.0 * PAGE_GAP) / max_width;
  if (self->zoom_mode == ZOOM_FIT_PAGE)
    zoom = MIN (zoom, (self->height - 2.0 * PAGE_GAP) / max_height);

  return CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
}

/* Remembers which point of which page is at (@wx, @wy), to keep it there after a zoom. */
static void
set_anchor (RemitDocumentView *self, double wx, double wy)
{
  double offset_x, offset_y, doc_x, doc_y;
  const Page *page;
  guint index = 0;

  if (!self->geometry_valid || self->pages->len == 0)
    return;

  get_scroll_offset (self, &offset_x, &offset_y);
  doc_x = wx + offset_x;
  doc_y = wy + offset_y;
  while (index + 1 < self->pages->len && get_page (self, index + 1)->y <= doc_y)
    index++;

  page = get_page (self, index);
  self->anchor.set = TRUE;
  self->anchor.page = index;
  self->anchor.fx = (doc_x - page->x) / page->width;
  self->anchor.fy = (doc_y - page->y) / page->height;
  self->anchor.wx = wx;
  self->anchor.wy = wy;
}

static void
update_actions (RemitDocumentView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_pages = self->pages->len > 0;

  gtk_widget_action_set_enabled (widget, "view.zoom-in",
                                 has_pages && self->zoom < MAX_ZOOM - 0.001);
  gtk_widget_action_set_enabled (widget, "view.zoom-out",
                                 has_pages && self->zoom > MIN_ZOOM + 0.001);
  gtk_widget_action_set_enabled (widget, "view.zoom-reset", has_pages);
  gtk_widget_action_set_enabled (widget, "view.fit-width", has_pages);
  gtk_widget_action_set_enabled (widget, "view.fit-page", has_pages);
}

/* The zoom the view has, or will have at the next allocation. */
static double
get_target_zoom (RemitDocumentView *self)
{
  if (self->anchor.set && self->zoom_mode == ZOOM_FREE)
    return self->requested_zoom;
  return self->zoom;
}

static void
apply_zoom (RemitDocumentView *self, ZoomMode mode, double zoom, double wx, double wy)
{
  /* Several steps before the next allocation keep the first anchor: the geometry it was
   * taken from has not changed. */
  if (!self->anchor.set)
    set_anchor (self, wx, wy);
  self->zoom_mode = mode;
  if (mode == ZOOM_FREE)
    self->requested_zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->zoom_time = g_get_monotonic_time ();
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Textures */

static void
page_texture_size (RemitDocumentView *self, const Page *page, int *width, int *height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double w = (double) page->width * scale;
  double h = (double) page->height * scale;

  if (w * h * 4 > MAX_TEXTURE_BYTES)
    {
      double shrink = sqrt (MAX_TEXTURE_BYTES / (w * h * 4));

      w *= shrink;
      h *= shrink;
    }

  *width = CLAMP ((int) round (w), 1, REMIT_PAGE_RENDERER_MAX_SIZE);
  *height = CLAMP ((int) round (h), 1, REMIT_PAGE_RENDERER_MAX_SIZE);
}

static void
page_set_texture (RemitDocumentView *self,
                  Page *page,
                  GdkTexture *texture,
                  cairo_surface_t *surface)
{
  if (page->texture != NULL)
    self->texture_bytes -= (gsize) page->texture_width * page->texture_height * 4;
  g_set_object (&page->texture, texture);
  g_clear_pointer (&page->surface, cairo_surface_destroy);
  if (surface != NULL)
    page->surface = cairo_surface_reference (surface);
  page->texture_width = texture != NULL ? gdk_texture_get_width (texture) : 0;
  page->texture_height = texture != NULL ? gdk_texture_get_height (texture) : 0;
  if (page->texture != NULL)
    self->texture_bytes += (gsize) page->texture_width * page->texture_height * 4;
}

static void
page_cancel_render (Page *page)
{
  if (page->cancellable != NULL)
    {
      g_cancellable_cancel (page->cancellable);
      g_clear_object (&page->cancellable);
    }
}

static void
render_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree RenderRequest *request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_surface_t *surface = NULL;
  RemitDocumentView *self;
  Page *page;

  texture = remit_page_renderer_render_finish (REMIT_PAGE_RENDERER (source), result, &surface,
                                               &error);
  /* Cancelled: the page was replaced or left the view, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = request->self;
  if (request->index >= self->pages->len)
    goto out;
  page = get_page (self, request->index);
  /* A stale answer to an earlier request. */
  if (request->generation != page->generation)
    goto out;

  g_clear_object (&page->cancellable);
  if (texture == NULL)
    {
      g_debug ("Page %u not rendered: %s", request->index + 1, error->message);
      page->failed = TRUE;
      goto out;
    }

  page_set_texture (self, page, texture, surface);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[PAGE_RENDERED], 0, request->index);

  update_pages (self);

out:
  g_clear_pointer (&surface, cairo_surface_destroy);
}

static void
request_render (RemitDocumentView *self, guint index, int width, int height, int priority)
{
  Page *page = get_page (self, index);
  RenderRequest *request = g_new0 (RenderRequest, 1);

  page_cancel_render (page);
  page->generation++;
  page->cancellable = g_cancellable_new ();

  request->self = self;
  request->index = index;
  request->generation = page->generation;
  remit_page_renderer_render_async (self->renderer, index, width, height, priority,
                                    page->cancellable, render_done, request);
}

static gboolean
rerender_timeout (gpointer user_data)
{
  RemitDocumentView *self = user_data;

  self->rerender_source = 0;
  update_pages (self);
  return G_SOURCE_REMOVE;
}

/* Makes sure page @index is rendered at its current size, if it fits in what is left of the
 * budget (pages in sight always do). */
static void
ensure_page (RemitDocumentView *self, guint index, int priority, gsize *planned)
{
  Page *page = get_page (self, index);
  gboolean settling;
  int width, height;
  gsize bytes;

  page_texture_size (self, page, &width, &height);
  bytes = (gsize) width * height * 4;
  if (priority != REMIT_PAGE_RENDERER_PRIORITY_VISIBLE && *planned + bytes > self->memory_budget)
    return;
  *planned += bytes;

  /* One request per page at a time; one that is late gives at least something to show,
   * and the next one follows. */
  if (page->cancellable != NULL || page->failed)
    return;
  if (page->texture != NULL && ABS (page->texture_width - width) <= 1
      && ABS (page->texture_height - height) <= 1)
    return;

  /* While the zoom changes, a page that shows something waits for it to settle. */
  settling = g_get_monotonic_time () - self->zoom_time < RERENDER_DELAY_MS * 1000;
  if (page->texture != NULL && settling)
    {
      if (self->rerender_source == 0)
        self->rerender_source = g_timeout_add (RERENDER_DELAY_MS, rerender_timeout, self);
      return;
    }

  request_render (self, index, width, height, priority);
}

static guint
distance_to_range (guint index, guint first, guint last)
{
  if (index < first)
    return first - index;
  if (index > last)
    return index - last;
  return 0;
}

/* Requests the pages in sight, then their neighbours; cancels requests for pages out of
 * reach; drops the textures farthest away while over the budget. */
static void
update_pages (RemitDocumentView *self)
{
  guint first, last, low, high;
  gsize planned = 0;

  if (self->renderer == NULL || !get_visible_range (self, &first, &last))
    return;

  low = first >= NEARBY_PAGES ? first - NEARBY_PAGES : 0;
  high = MIN (last + NEARBY_PAGES, self->pages->len - 1);

  for (guint i = 0; i < self->pages->len; i++)
    if (i < low || i > high)
      page_cancel_render (get_page (self, i));

  for (guint i = first; i <= last; i++)
    ensure_page (self, i, REMIT_PAGE_RENDERER_PRIORITY_VISIBLE, &planned);
  for (guint d = 1; d <= NEARBY_PAGES; d++)
    {
      if (last + d <= high)
        ensure_page (self, last + d, REMIT_PAGE_RENDERER_PRIORITY_NEARBY, &planned);
      if (first >= low + d)
        ensure_page (self, first - d, REMIT_PAGE_RENDERER_PRIORITY_NEARBY, &planned);
    }

  while (self->texture_bytes > self->memory_budget)
    {
      Page *farthest = NULL;
      guint farthest_distance = 0;

      for (guint i = 0; i < self->pages->len; i++)
        {
          Page *page = get_page (self, i);
          guint distance = distance_to_range (i, first, last);

          if (page->texture != NULL && distance > farthest_distance)
            {
              farthest = page;
              farthest_distance = distance;
            }
        }

      /* Pages in sight stay, whatever they cost. */
      if (farthest == NULL)
        break;
      page_set_texture (self, farthest, NULL, NULL);
    }
}

/* Marks */

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_clear_pointer (&mark->label, g_free);
}

static void
rebuild_marks (RemitDocumentView *self)
{
  g_auto (GStrv) labels = NULL;

  g_array_set_size (self->marks, 0);
  if (self->extractions == NULL)
    return;

  labels = remit_extraction_set_get_labels (self->extractions);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      RemitExtraction *extraction = remit_extraction_set_get_extraction (self->extractions,
                                                                         labels[i]);
      const RemitBox *box = extraction != NULL ? remit_extraction_get_box (extraction) : NULL;
      Mark mark;

      if (box == NULL)
        continue;
      mark.label = g_strdup (labels[i]);
      mark.box = *box;
      g_array_append_val (self->marks, mark);
    }
}

static const Mark *
mark_at (RemitDocumentView *self, double x, double y)
{
  const Mark *best = NULL;
  double best_area = G_MAXDOUBLE;

  /* The smallest box under the point, so that a box inside another stays reachable. */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      graphene_rect_t rect;

      if (!box_to_widget (self, &mark->box, &rect))
        continue;
      graphene_rect_inset (&rect, -BOX_PADDING, -BOX_PADDING);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y))
          && rect.size.width * rect.size.height < best_area)
        {
          best = mark;
          best_area = rect.size.width * rect.size.height;
        }
    }

  return best;
}

static const RemitLayoutWord *
word_at (RemitDocumentView *self, double x, double y, int *page_index)
{
  int index = page_at (self, x, y);
  const Page *page;
  graphene_rect_t point = GRAPHENE_RECT_INIT (x, y, 0, 0);
  RemitBox box;

  *page_index = index;
  if (index < 0)
    return NULL;
  page = get_page (self, index);
  if (page->layout_page == NULL)
    return NULL;

  widget_to_layout (self, index, &point, &box);
  return remit_layout_page_word_at (page->layout_page, box.left, box.top);
}

/* Drawing */

typedef enum
{
  MARK_NORMAL,
  MARK_SELECTED,
  MARK_DIMMED,
} MarkState;

static void
append_rounded_fill (GtkSnapshot *snapshot,
                     const graphene_rect_t *rect,
                     double radius,
                     const GdkRGBA *colour)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, colour, rect);
  gtk_snapshot_pop (snapshot);
}

static void
draw_mark (GtkSnapshot *snapshot,
           const graphene_rect_t *rect,
           const GdkRGBA *colour,
           MarkState state)
{
  graphene_rect_t outer;
  GskRoundedRect rounded;
  GdkRGBA fill = *colour;
  GdkRGBA stroke = *colour;
  float width;

  switch (state)
    {
    case MARK_SELECTED:
      fill.alpha = 0.28;
      stroke.alpha = 1.0;
      width = 3.0;
      break;

    case MARK_DIMMED:
      fill.alpha = 0.06;
      stroke.alpha = 0.35;
      width = 1.0;
      break;

    case MARK_NORMAL:
    default:
      fill.alpha = 0.16;
      stroke.alpha = 0.85;
      width = 1.5;
      break;
    }

  graphene_rect_inset_r (rect, -BOX_PADDING - (state == MARK_SELECTED ? 1 : 0),
                         -BOX_PADDING - (state == MARK_SELECTED ? 1 : 0), &outer);
  append_rounded_fill (snapshot, &outer, BOX_RADIUS, &fill);

  gsk_rounded_rect_init_from_rect (&rounded, &outer, BOX_RADIUS);
  gtk_snapshot_append_border (snapshot, &rounded, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { stroke, stroke, stroke, stroke });
}

static void
draw_word (RemitDocumentView *self,
           GtkSnapshot *snapshot,
           guint index,
           const RemitLayoutWord *word,
           const GdkRGBA *colour)
{
  const Page *page = get_page (self, index);
  graphene_rect_t rect;
  RemitBox box;

  remit_layout_page_get_word_box (page->layout_page, word, &box);
  box.page = index + 1;
  if (!box_to_widget (self, &box, &rect))
    return;
  graphene_rect_inset (&rect, -1, -1);
  append_rounded_fill (snapshot, &rect, 2, colour);
}

static void
get_drag_rect (RemitDocumentView *self, graphene_rect_t *out)
{
  graphene_rect_t page_rect, rect;

  graphene_rect_init (&rect, MIN (self->drag_x1, self->drag_x2), MIN (self->drag_y1, self->drag_y2),
                      fabs (self->drag_x2 - self->drag_x1), fabs (self->drag_y2 - self->drag_y1));
  page_get_widget_rect (self, get_page (self, self->drag_page), &page_rect);
  if (!graphene_rect_intersection (&rect, &page_rect, out))
    graphene_rect_init (out, rect.origin.x, rect.origin.y, 0, 0);
}

static void
remit_document_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA shadow = { 0, 0, 0, 0.25 };
  const GdkRGBA *selected_colour = NULL;
  const Mark *selected = NULL;
  gboolean with_cairo;
  guint first, last;

  if (!get_visible_range (self, &first, &last))
    return;

  /* GSK's cairo renderer (used where there is no GL) converts a texture pixel by pixel every
   * time it draws it; there, pages are painted from their cairo surfaces instead, which holds
   * the same pixels. GL renderers upload a texture once and keep it. */
  with_cairo = GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (widget)));

  /* Paper: white whatever the style, with a shadow; the rendered page on it when there is
   * one, scaled while a sharper one is on its way. */
  for (guint i = first; i <= last; i++)
    {
      const Page *page = get_page (self, i);
      graphene_rect_t rect;
      GskRoundedRect outline;

      page_get_widget_rect (self, page, &rect);
      gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 3);
      gtk_snapshot_append_color (snapshot, &white, &rect);
      if (page->texture != NULL && with_cairo && page->surface != NULL)
        {
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &rect);

          cairo_translate (cr, rect.origin.x, rect.origin.y);
          cairo_scale (cr, rect.size.width / page->texture_width,
                       rect.size.height / page->texture_height);
          cairo_set_source_surface (cr, page->surface, 0, 0);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      else if (page->texture != NULL)
        {
          gtk_snapshot_append_texture (snapshot, page->texture, &rect);
        }
    }

  /* Boxes: the selected field's last, on top; the others dimmed when one is selected. */
  if (self->selected_label != NULL)
    selected_colour = colour_for_label (self->selected_label);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      graphene_rect_t rect;

      if (mark->box.page < (int) first + 1 || mark->box.page > (int) last + 1)
        continue;
      if (self->selected_label != NULL && g_str_equal (mark->label, self->selected_label))
        {
          selected = mark;
          continue;
        }
      if (box_to_widget (self, &mark->box, &rect))
        draw_mark (snapshot, &rect, colour_for_label (mark->label),
                   self->selected_label != NULL ? MARK_DIMMED : MARK_NORMAL);
    }
  if (selected != NULL)
    {
      graphene_rect_t rect;

      if (box_to_widget (self, &selected->box, &rect))
        draw_mark (snapshot, &rect, selected_colour, MARK_SELECTED);
    }

  if (selected_colour == NULL)
    return;

  /* With a field selected: the word under the pointer, or the words a drag takes. */
  if (self->dragging && self->drag_page >= 0)
    {
      const Page *page = get_page (self, self->drag_page);
      GdkRGBA fill = *selected_colour;
      GdkRGBA word_fill = *selected_colour;
      graphene_rect_t rect;
      RemitBox box;

      fill.alpha = 0.10;
      word_fill.alpha = 0.30;
      get_drag_rect (self, &rect);
      gtk_snapshot_append_color (snapshot, &fill, &rect);

      if (page->layout_page != NULL && rect.size.width > 0 && rect.size.height > 0)
        {
          g_autoptr (GPtrArray) words = NULL;

          widget_to_layout (self, self->drag_page, &rect, &box);
          words = remit_layout_page_get_words_in_rect (page->layout_page, &box);
          for (guint i = 0; i < words->len; i++)
            draw_word (self, snapshot, self->drag_page, words->pdata[i], &word_fill);
        }
    }
  else if (self->hover_word != NULL && self->hover_page >= (int) first
           && self->hover_page <= (int) last)
    {
      GdkRGBA fill = *selected_colour;

      fill.alpha = 0.22;
      draw_word (self, snapshot, self->hover_page, self->hover_word, &fill);
    }
}

/* Size */

static void
remit_document_view_measure (GtkWidget *widget,
                             GtkOrientation orientation,
                             int for_size,
                             int *minimum,
                             int *natural,
                             int *minimum_baseline,
                             int *natural_baseline)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);

  *minimum = 0;
  *natural = 0;
  if (self->geometry_valid && self->zoom_mode == ZOOM_FREE)
    *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->content_width
                                                         : self->content_height;
}

static void
configure_adjustment (GtkAdjustment *adjustment, double value, double upper, double page_size)
{
  value = CLAMP (value, 0, MAX (0, upper - page_size));
  gtk_adjustment_configure (adjustment, value, 0, upper, page_size * 0.1, page_size * 0.9,
                            page_size);
}

static void
remit_document_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);
  double old_zoom = self->zoom;
  double hvalue = gtk_adjustment_get_value (self->hadjustment);
  double vvalue = gtk_adjustment_get_value (self->vadjustment);
  double zoom;

  self->in_allocate = TRUE;
  self->width = width;
  self->height = height;

  if (self->pages->len == 0)
    {
      self->geometry_valid = FALSE;
      configure_adjustment (self->hadjustment, 0, width, width);
      configure_adjustment (self->vadjustment, 0, height, height);
      self->in_allocate = FALSE;
      return;
    }

  /* A new size in a fitting mode zooms too: the top of the view stays where it is. */
  zoom = compute_zoom (self);
  if (self->geometry_valid && !self->anchor.set && fabs (zoom - old_zoom) > 1e-9)
    set_anchor (self, width / 2.0, 0);

  self->zoom = zoom;
  compute_geometry (self);

  if (self->anchor.set)
    {
      const Page *page = get_page (self, self->anchor.page);

      hvalue = page->x + self->anchor.fx * page->width - self->anchor.wx;
      vvalue = page->y + self->anchor.fy * page->height - self->anchor.wy;
      self->anchor.set = FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self->hadjustment));
  g_object_freeze_notify (G_OBJECT (self->vadjustment));
  configure_adjustment (self->hadjustment, hvalue, self->doc_width, width);
  configure_adjustment (self->vadjustment, vvalue, self->doc_height, height);

  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *page = get_page (self, i);
      graphene_rect_t rect;
      int minimum;

      page_get_widget_rect (self, page, &rect);
      gtk_widget_measure (page->widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                          NULL);
      gtk_widget_size_allocate (page->widget,
                                &(GtkAllocation) { (int) floor (rect.origin.x),
                                                   (int) floor (rect.origin.y),
                                                   page->width, page->height },
                                -1);
    }

  g_object_thaw_notify (G_OBJECT (self->hadjustment));
  g_object_thaw_notify (G_OBJECT (self->vadjustment));
  self->in_allocate = FALSE;

  if (fabs (self->zoom - old_zoom) > 1e-9)
    {
      self->zoom_time = g_get_monotonic_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      update_actions (self);
    }

  update_pages (self);
}

/* Scrolling */

static void
adjustment_value_changed (GtkAdjustment *adjustment, RemitDocumentView *self)
{
  if (!self->in_allocate)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (RemitDocumentView *self, GtkOrientation orientation, GtkAdjustment *adjustment)
{
  GtkAdjustment **slot = orientation == GTK_ORIENTATION_HORIZONTAL ? &self->hadjustment
                                                                   : &self->vadjustment;

  if (adjustment != NULL && adjustment == *slot)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
remit_document_view_get_border (GtkScrollable *scrollable, GtkBorder *border)
{
  return FALSE;
}

static void
remit_document_view_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = remit_document_view_get_border;
}

typedef enum
{
  SCROLL_STEP_BACK,
  SCROLL_STEP_FORWARD,
  SCROLL_PAGE_BACK,
  SCROLL_PAGE_FORWARD,
  SCROLL_START,
  SCROLL_END,
} ScrollKind;

static gboolean
scroll_binding (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);
  gboolean horizontal;
  int kind;
  GtkAdjustment *adjustment;
  double value;

  if (self->pages->len == 0)
    return FALSE;

  g_variant_get (args, "(bi)", &horizontal, &kind);
  adjustment = horizontal ? self->hadjustment : self->vadjustment;
  value = gtk_adjustment_get_value (adjustment);

  switch ((ScrollKind) kind)
    {
    case SCROLL_STEP_BACK:
      value -= gtk_adjustment_get_step_increment (adjustment);
      break;
    case SCROLL_STEP_FORWARD:
      value += gtk_adjustment_get_step_increment (adjustment);
      break;
    case SCROLL_PAGE_BACK:
      value -= gtk_adjustment_get_page_increment (adjustment);
      break;
    case SCROLL_PAGE_FORWARD:
      value += gtk_adjustment_get_page_increment (adjustment);
      break;
    case SCROLL_START:
      value = gtk_adjustment_get_lower (adjustment);
      break;
    case SCROLL_END:
      value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_adjustment_set_value (adjustment, value);
  return TRUE;
}

/* Scrolls so that @label's box is in sight, if it is not. */
static void
scroll_to_label (RemitDocumentView *self, const char *label)
{
  graphene_rect_t rect;

  if (label == NULL || !remit_document_view_get_box_rect (self, label, &rect))
    return;

  if (rect.origin.y < 0 || rect.origin.y + rect.size.height > self->height)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment)
                                                   + rect.origin.y - self->height / 3.0);
  if (rect.origin.x < 0 || rect.origin.x + rect.size.width > self->width)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment)
                                                   + rect.origin.x - PAGE_GAP);
}

/* Pointer */

static void
set_hover (RemitDocumentView *self, int page, const RemitLayoutWord *word)
{
  if (self->hover_word == word && (word == NULL || self->hover_page == page))
    return;

  self->hover_page = page;
  self->hover_word = word;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hover (RemitDocumentView *self, double x, double y)
{
  const RemitLayoutWord *word = NULL;
  int page = -1;
  gboolean clickable;

  if (self->selected_label != NULL)
    word = word_at (self, x, y, &page);
  set_hover (self, page, word);

  clickable = word != NULL || mark_at (self, x, y) != NULL;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), clickable ? "pointer" : NULL);
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, RemitDocumentView *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    update_hover (self, x, y);
}

static void
leave (GtkEventControllerMotion *controller, RemitDocumentView *self)
{
  set_hover (self, -1, NULL);
}

static gboolean
scroll (GtkEventControllerScroll *controller, double dx, double dy, RemitDocumentView *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || self->pages->len == 0)
    return FALSE;

  if (dy != 0)
    apply_zoom (self, ZOOM_FREE, get_target_zoom (self) * pow (ZOOM_STEP, -CLAMP (dy, -5, 5)),
                self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
handle_click (RemitDocumentView *self, double x, double y)
{
  const Mark *mark;

  /* With a field selected, a word gives its value. */
  if (self->selected_label != NULL)
    {
      int index;
      const RemitLayoutWord *word = word_at (self, x, y, &index);

      if (word != NULL)
        {
          g_autofree char *label = g_strdup (self->selected_label);
          RemitBox box;

          remit_layout_page_get_word_box (get_page (self, index)->layout_page, word, &box);
          box.page = index + 1;
          g_signal_emit (self, signals[WORD_ACTIVATED], 0, label, word->text, &box);
          return;
        }
    }

  /* Otherwise a box selects its field. */
  mark = mark_at (self, x, y);
  if (mark != NULL)
    {
      g_autofree char *label = g_strdup (mark->label);

      remit_document_view_set_selected_label (self, label);
      g_signal_emit (self, signals[BOX_ACTIVATED], 0, label);
    }
}

static void
handle_drag (RemitDocumentView *self, double x1, double y1, double x2, double y2)
{
  g_autoptr (GPtrArray) words = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  const Page *page;
  graphene_rect_t rect;
  RemitBox layout_rect, box;

  if (self->selected_label == NULL || self->drag_page < 0)
    return;

  page = get_page (self, self->drag_page);
  if (page->layout_page == NULL)
    return;

  self->drag_x1 = x1;
  self->drag_y1 = y1;
  self->drag_x2 = x2;
  self->drag_y2 = y2;
  get_drag_rect (self, &rect);
  widget_to_layout (self, self->drag_page, &rect, &layout_rect);

  words = remit_layout_page_get_words_in_rect (page->layout_page, &layout_rect);
  if (words->len == 0)
    return;

  for (guint i = 0; i < words->len; i++)
    {
      RemitBox word_box;

      remit_layout_page_get_word_box (page->layout_page, words->pdata[i], &word_box);
      if (i == 0)
        box = word_box;
      else
        remit_box_union (&box, &word_box, &box);
    }
  box.page = self->drag_page + 1;

  text = remit_layout_page_text_in_rect (page->layout_page, &layout_rect);
  label = g_strdup (self->selected_label);
  g_signal_emit (self, signals[WORDS_SELECTED], 0, label, text, &box);
}

static double
drag_threshold (RemitDocumentView *self)
{
  int threshold = 8;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold",
                &threshold, NULL);
  return threshold;
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, RemitDocumentView *self)
{
  self->dragging = FALSE;
  self->drag_page = page_at (self, x, y);
  self->drag_x1 = self->drag_x2 = x;
  self->drag_y1 = self->drag_y2 = y;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, RemitDocumentView *self)
{
  if (!self->dragging)
    {
      /* A drag takes words only with a field selected, and only from a page. */
      if (self->selected_label == NULL || self->drag_page < 0
          || hypot (dx, dy) < drag_threshold (self))
        return;
      self->dragging = TRUE;
      set_hover (self, -1, NULL);
    }

  self->drag_x2 = self->drag_x1 + dx;
  self->drag_y2 = self->drag_y1 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, RemitDocumentView *self)
{
  if (self->dragging)
    {
      self->dragging = FALSE;
      handle_drag (self, self->drag_x1, self->drag_y1, self->drag_x1 + dx, self->drag_y1 + dy);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else if (hypot (dx, dy) < drag_threshold (self))
    {
      handle_click (self, self->drag_x1, self->drag_y1);
    }
}

static void
drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, RemitDocumentView *self)
{
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
escape_binding (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);

  if (self->selected_label == NULL)
    return FALSE;
  remit_document_view_set_selected_label (self, NULL);
  return TRUE;
}

/* Actions */

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (widget);
  double cx = self->width / 2.0;
  double cy = self->height / 2.0;

  if (g_str_equal (action_name, "view.zoom-in"))
    apply_zoom (self, ZOOM_FREE, get_target_zoom (self) * ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "view.zoom-out"))
    apply_zoom (self, ZOOM_FREE, get_target_zoom (self) / ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "view.zoom-reset"))
    apply_zoom (self, ZOOM_FREE, 1.0, cx, cy);
  else if (g_str_equal (action_name, "view.fit-width"))
    apply_zoom (self, ZOOM_FIT_WIDTH, 0, cx, 0);
  else if (g_str_equal (action_name, "view.fit-page"))
    apply_zoom (self, ZOOM_FIT_PAGE, 0, cx, 0);
}

/* Document */

static void
clear_document (RemitDocumentView *self)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = get_page (self, i);

      page_cancel_render (page);
      page_set_texture (self, page, NULL, NULL);
      g_clear_pointer (&page->widget, gtk_widget_unparent);
    }
  g_array_set_size (self->pages, 0);

  g_clear_handle_id (&self->rerender_source, g_source_remove);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->layout, remit_layout_unref);
  self->geometry_valid = FALSE;
  self->anchor.set = FALSE;
  self->hover_word = NULL;
  self->hover_page = -1;
  self->dragging = FALSE;
  self->drag_page = -1;
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RemitPageRenderer *renderer = REMIT_PAGE_RENDERER (source);
  g_autoptr (GError) error = NULL;
  RemitDocumentView *self;
  guint n_pages;

  if (!remit_page_renderer_load_finish (renderer, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot show the document: %s", error->message);
      return;
    }

  self = user_data;
  if (renderer != self->renderer)
    return;

  g_clear_object (&self->load_cancellable);
  self->units_to_pixels = remit_page_renderer_is_image (renderer) ? 1.0 : POINTS_TO_PIXELS;

  n_pages = remit_page_renderer_get_n_pages (renderer);
  g_array_set_size (self->pages, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = get_page (self, i);
      g_autofree char *name = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);

      remit_page_renderer_get_page_size (renderer, i, &page->natural_width,
                                         &page->natural_height);
      if (self->layout != NULL)
        page->layout_page = remit_layout_get_page_by_number (self->layout, i + 1);

      page->widget = g_object_new (GTK_TYPE_DRAWING_AREA,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                   "can-target", FALSE,
                                   "can-focus", FALSE,
                                   NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (page->widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_parent (page->widget, GTK_WIDGET (self));
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * remit_document_view_set_document:
 * @self: a document view
 * @bytes: (nullable): the document, a PDF or an image; %NULL to show nothing
 * @layout: (nullable): its layout, whose page sizes give the units of boxes and words
 * @extractions: (nullable): its extractions, whose boxes are drawn
 *
 * Shows a document from its first page, fitting its width. The pages appear once the
 * document is opened (#RemitDocumentView:n-pages changes), each as soon as it is rendered
 * (#RemitDocumentView::page-rendered).
 */
void
remit_document_view_set_document (RemitDocumentView *self,
                                  GBytes *bytes,
                                  RemitLayout *layout,
                                  RemitExtractionSet *extractions)
{
  guint old_n_pages;

  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (extractions == NULL || REMIT_IS_EXTRACTION_SET (extractions));

  old_n_pages = self->pages->len;
  clear_document (self);

  self->zoom_mode = ZOOM_FIT_WIDTH;
  self->anchor.set = FALSE;
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_adjustment_set_value (self->vadjustment, 0);

  if (bytes != NULL)
    {
      self->bytes = g_bytes_ref (bytes);
      self->layout = layout != NULL ? remit_layout_ref (layout) : NULL;
      self->renderer = remit_page_renderer_new (bytes);
      self->load_cancellable = g_cancellable_new ();
      remit_page_renderer_load_async (self->renderer, self->load_cancellable, load_done, self);
    }

  remit_document_view_set_extractions (self, extractions);
  remit_document_view_set_selected_label (self, NULL);
  update_actions (self);
  if (old_n_pages != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * remit_document_view_get_layout:
 * @self: a document view
 *
 * Returns: (transfer none) (nullable): the layout of the document
 */
RemitLayout *
remit_document_view_get_layout (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), NULL);

  return self->layout;
}

/**
 * remit_document_view_set_extractions:
 * @self: a document view
 * @extractions: (nullable): the extractions whose boxes to draw
 *
 * Replaces the boxes, e.g. after a field was corrected. The set is read now and when this
 * is called again; changes to it in between are not seen.
 */
void
remit_document_view_set_extractions (RemitDocumentView *self, RemitExtractionSet *extractions)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (extractions == NULL || REMIT_IS_EXTRACTION_SET (extractions));

  g_set_object (&self->extractions, extractions);
  rebuild_marks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * remit_document_view_get_extractions:
 * @self: a document view
 *
 * Returns: (transfer none) (nullable): the extractions whose boxes are drawn
 */
RemitExtractionSet *
remit_document_view_get_extractions (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), NULL);

  return self->extractions;
}

const char *
remit_document_view_get_selected_label (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), NULL);

  return self->selected_label;
}

/**
 * remit_document_view_set_selected_label:
 * @self: a document view
 * @label: (nullable): the field selected in the review panel, e.g. "iban", or %NULL
 *
 * Emphasises the box of @label and scrolls it into sight; clicks on words now give values
 * for it.
 */
void
remit_document_view_set_selected_label (RemitDocumentView *self, const char *label)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));

  if (g_strcmp0 (self->selected_label, label) == 0)
    return;

  g_free (self->selected_label);
  self->selected_label = g_strdup (label);

  set_hover (self, -1, NULL);
  scroll_to_label (self, label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LABEL]);
}

/**
 * remit_document_view_get_n_pages:
 * @self: a document view
 *
 * Returns: the number of pages, 0 until the document is opened
 */
guint
remit_document_view_get_n_pages (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), 0);

  return self->pages->len;
}

/**
 * remit_document_view_get_zoom:
 * @self: a document view
 *
 * Returns: the zoom: 1.0 shows a PDF at its printed size (96 pixels per inch) and an image
 *   pixel for pixel
 */
double
remit_document_view_get_zoom (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * remit_document_view_set_zoom:
 * @self: a document view
 * @zoom: the zoom, see remit_document_view_get_zoom(); clamped to 0.1 … 6
 *
 * Zooms around the middle of the view; the width is no longer fitted.
 */
void
remit_document_view_set_zoom (RemitDocumentView *self, double zoom)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));

  apply_zoom (self, ZOOM_FREE, zoom, self->width / 2.0, self->height / 2.0);
}

/* For tests */

gboolean
remit_document_view_get_page_rect (RemitDocumentView *self, guint index, graphene_rect_t *out)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), FALSE);

  if (!self->geometry_valid || index >= self->pages->len)
    return FALSE;
  page_get_widget_rect (self, get_page (self, index), out);
  return TRUE;
}

gboolean
remit_document_view_box_to_widget (RemitDocumentView *self,
                                   const RemitBox *box,
                                   graphene_rect_t *out)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  return box_to_widget (self, box, out);
}

gboolean
remit_document_view_get_box_rect (RemitDocumentView *self, const char *label, graphene_rect_t *out)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (g_str_equal (mark->label, label))
        return box_to_widget (self, &mark->box, out);
    }
  return FALSE;
}

void
remit_document_view_click (RemitDocumentView *self, double x, double y)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));

  handle_click (self, x, y);
}

void
remit_document_view_drag (RemitDocumentView *self, double x1, double y1, double x2, double y2)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));

  self->drag_page = page_at (self, x1, y1);
  handle_drag (self, x1, y1, x2, y2);
}

gboolean
remit_document_view_page_has_texture (RemitDocumentView *self, guint index)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), FALSE);

  return index < self->pages->len && get_page (self, index)->texture != NULL;
}

/* Whether every page in sight shows a texture rendered at its current size. */
gboolean
remit_document_view_is_rendered (RemitDocumentView *self)
{
  guint first, last;

  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), FALSE);

  if (!get_visible_range (self, &first, &last))
    return FALSE;

  for (guint i = first; i <= last; i++)
    {
      const Page *page = get_page (self, i);
      int width, height;

      page_texture_size (self, page, &width, &height);
      if (page->texture == NULL || ABS (page->texture_width - width) > 1
          || ABS (page->texture_height - height) > 1)
        return FALSE;
    }
  return TRUE;
}

gsize
remit_document_view_get_texture_bytes (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), 0);

  return self->texture_bytes;
}

gsize
remit_document_view_get_memory_budget (RemitDocumentView *self)
{
  g_return_val_if_fail (REMIT_IS_DOCUMENT_VIEW (self), 0);

  return self->memory_budget;
}

void
remit_document_view_set_memory_budget (RemitDocumentView *self, gsize bytes)
{
  g_return_if_fail (REMIT_IS_DOCUMENT_VIEW (self));

  self->memory_budget = bytes;
  update_pages (self);
}

/* GObject */

static void
scale_factor_changed (RemitDocumentView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
remit_document_view_dispose (GObject *object)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (object);

  clear_document (self);
  g_clear_object (&self->extractions);
  if (self->marks != NULL)
    g_array_set_size (self->marks, 0);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (remit_document_view_parent_class)->dispose (object);
}

static void
remit_document_view_finalize (GObject *object)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->selected_label, g_free);

  G_OBJECT_CLASS (remit_document_view_parent_class)->finalize (object);
}

static void
remit_document_view_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_LABEL:
      g_value_set_string (value, self->selected_label);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_document_view_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  RemitDocumentView *self = REMIT_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_LABEL:
      remit_document_view_set_selected_label (self, g_value_get_string (value));
      break;
    case PROP_ZOOM:
      remit_document_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_scroll_binding (GtkWidgetClass *widget_class,
                    guint keyval,
                    GdkModifierType modifiers,
                    gboolean horizontal,
                    ScrollKind kind)
{
  gtk_widget_class_add_binding (widget_class, keyval, modifiers, scroll_binding, "(bi)",
                                horizontal, (int) kind);
}

static void
remit_document_view_class_init (RemitDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remit_document_view_dispose;
  object_class->finalize = remit_document_view_finalize;
  object_class->get_property = remit_document_view_get_property;
  object_class->set_property = remit_document_view_set_property;

  widget_class->measure = remit_document_view_measure;
  widget_class->size_allocate = remit_document_view_size_allocate;
  widget_class->snapshot = remit_document_view_snapshot;

  /**
   * RemitDocumentView:selected-label:
   *
   * The field selected in the review panel, e.g. "iban"; %NULL when none is.
   */
  properties[PROP_SELECTED_LABEL] =
    g_param_spec_string ("selected-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitDocumentView:zoom:
   *
   * The zoom; see remit_document_view_get_zoom().
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RemitDocumentView:n-pages:
   *
   * The number of pages, 0 until the document is opened.
   */
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * RemitDocumentView::word-activated:
   * @self: the view
   * @label: the selected field
   * @text: the word
   * @box: the word's box, in layout units
   *
   * With a field selected, a word was clicked.
   */
  signals[WORD_ACTIVATED] =
    g_signal_new ("word-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                  REMIT_TYPE_BOX | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * RemitDocumentView::words-selected:
   * @self: the view
   * @label: the selected field
   * @text: the words, in reading order: separated by spaces within a line and by line
   *   breaks between lines
   * @box: the box around the words, in layout units
   *
   * With a field selected, the pointer was dragged across words.
   */
  signals[WORDS_SELECTED] =
    g_signal_new ("words-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                  REMIT_TYPE_BOX | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * RemitDocumentView::box-activated:
   * @self: the view
   * @label: the field whose box was clicked, now the selected one
   */
  signals[BOX_ACTIVATED] =
    g_signal_new ("box-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RemitDocumentView::page-rendered:
   * @self: the view
   * @index: the page, counted from 0
   *
   * A rendering of a page arrived and is shown. It may be of an earlier size (after a
   * zoom); a sharper one then follows.
   */
  signals[PAGE_RENDERED] =
    g_signal_new ("page-rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "view.fit-page", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "view.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "view.zoom-reset", NULL);

  add_scroll_binding (widget_class, GDK_KEY_Up, 0, FALSE, SCROLL_STEP_BACK);
  add_scroll_binding (widget_class, GDK_KEY_KP_Up, 0, FALSE, SCROLL_STEP_BACK);
  add_scroll_binding (widget_class, GDK_KEY_Down, 0, FALSE, SCROLL_STEP_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_KP_Down, 0, FALSE, SCROLL_STEP_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_Left, 0, TRUE, SCROLL_STEP_BACK);
  add_scroll_binding (widget_class, GDK_KEY_KP_Left, 0, TRUE, SCROLL_STEP_BACK);
  add_scroll_binding (widget_class, GDK_KEY_Right, 0, TRUE, SCROLL_STEP_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_KP_Right, 0, TRUE, SCROLL_STEP_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_Page_Up, 0, FALSE, SCROLL_PAGE_BACK);
  add_scroll_binding (widget_class, GDK_KEY_KP_Page_Up, 0, FALSE, SCROLL_PAGE_BACK);
  add_scroll_binding (widget_class, GDK_KEY_Page_Down, 0, FALSE, SCROLL_PAGE_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_KP_Page_Down, 0, FALSE, SCROLL_PAGE_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_space, 0, FALSE, SCROLL_PAGE_FORWARD);
  add_scroll_binding (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, FALSE, SCROLL_PAGE_BACK);
  add_scroll_binding (widget_class, GDK_KEY_Home, 0, FALSE, SCROLL_START);
  add_scroll_binding (widget_class, GDK_KEY_KP_Home, 0, FALSE, SCROLL_START);
  add_scroll_binding (widget_class, GDK_KEY_End, 0, FALSE, SCROLL_END);
  add_scroll_binding (widget_class, GDK_KEY_KP_End, 0, FALSE, SCROLL_END);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "documentview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
remit_document_view_init (RemitDocumentView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->zoom_mode = ZOOM_FIT_WIDTH;
  self->zoom = 1.0;
  self->requested_zoom = 1.0;
  self->units_to_pixels = POINTS_TO_PIXELS;
  self->memory_budget = DEFAULT_MEMORY_BUDGET;
  self->hover_page = -1;
  self->drag_page = -1;

  set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document"), -1);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed), NULL);

  update_actions (self);
}

GtkWidget *
remit_document_view_new (void)
{
  return g_object_new (REMIT_TYPE_DOCUMENT_VIEW, NULL);
}
