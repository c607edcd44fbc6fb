/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-page-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "remit-engine.h"
#include "remit-page-renderer.h"

/**
 * RemitPageRenderer:
 *
 * Renders the pages of one document (a PDF or an image) into #GdkTexture<!-- -->s on a
 * worker thread of its own. poppler is not thread-safe per document, so the document is
 * opened, read and rendered by that one thread only; requests reach it through a queue
 * ordered by priority, and results come back on the main context through #GTask.
 *
 * A request whose cancellable is cancelled before the worker takes it is dropped without
 * rendering. The renderer lives as long as a request is pending; when it goes, the worker
 * finishes and frees the document.
 */

/* Images larger than this (on their longer side) are kept scaled down to it: more than
 * enough for a screen, and a phone photo does not pin 100 MiB. */
#define MAX_IMAGE_SIDE 4096

typedef enum
{
  JOB_LOAD,
  JOB_RENDER,
} JobKind;

typedef struct
{
  JobKind kind;
  guint page;
  int width;
  int height;
} Job;

typedef struct
{
  int priority;
  guint64 serial;
  GTask *task; /* NULL tells the worker to stop */
} QueueItem;

typedef struct
{
  double width;
  double height;
} PageSize;

typedef struct
{
  GArray *sizes; /* of PageSize */
  gboolean is_image;
} LoadResult;

typedef struct
{
  GdkTexture *texture;
  cairo_surface_t *surface; /* holds the texture's pixels */
} RenderResult;

/* What only the worker thread touches. */
typedef struct
{
  GAsyncQueue *queue;
  GBytes *bytes;
  PopplerDocument *document;
  cairo_surface_t *image;
} Worker;

struct _RemitPageRenderer
{
  GObject parent_instance;

  GBytes *bytes;
  GAsyncQueue *queue;
  GThread *thread;
  guint64 serial;
  gboolean load_started;

  /* Set on the main thread once loaded. */
  GArray *sizes;
  gboolean is_image;
};

G_DEFINE_FINAL_TYPE (RemitPageRenderer, remit_page_renderer, G_TYPE_OBJECT)

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->sizes, g_array_unref);
  g_free (result);
}

static void
render_result_free (gpointer data)
{
  RenderResult *result = data;

  g_clear_object (&result->texture);
  g_clear_pointer (&result->surface, cairo_surface_destroy);
  g_free (result);
}

static int
compare_items (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const QueueItem *item_a = a;
  const QueueItem *item_b = b;

  if (item_a->priority != item_b->priority)
    return item_a->priority < item_b->priority ? -1 : 1;
  if (item_a->serial != item_b->serial)
    return item_a->serial < item_b->serial ? -1 : 1;
  return 0;
}

static void
push (RemitPageRenderer *self, GTask *task, int priority)
{
  QueueItem *item = g_new0 (QueueItem, 1);

  item->priority = priority;
  item->serial = self->serial++;
  item->task = task;
  g_async_queue_push_sorted (self->queue, item, compare_items, NULL);
}

/* Worker thread */

static void
worker_free (Worker *worker)
{
  g_clear_object (&worker->document);
  g_clear_pointer (&worker->image, cairo_surface_destroy);
  g_clear_pointer (&worker->bytes, g_bytes_unref);
  g_clear_pointer (&worker->queue, g_async_queue_unref);
  g_free (worker);
}

static gboolean
worker_open_pdf (Worker *worker, LoadResult *result, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  int n_pages;

  worker->document = poppler_document_new_from_bytes (worker->bytes, NULL, &local_error);
  if (worker->document == NULL)
    {
      g_set_error (error, REMIT_ENGINE_ERROR,
                   g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)
                     ? REMIT_ENGINE_ERROR_ENCRYPTED
                     : REMIT_ENGINE_ERROR_CORRUPT,
                   _("The document cannot be shown (%s)."), local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (worker->document);
  if (n_pages <= 0)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                           _("The document has no pages to show."));
      return FALSE;
    }

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (worker->document, i);
      PageSize size = { 0, 0 };

      if (page != NULL)
        {
          poppler_page_get_size (page, &size.width, &size.height);
          g_object_unref (page);
        }
      /* A page without a size still takes a place; A4 is the best guess. */
      if (!(size.width > 0 && size.height > 0))
        size = (PageSize) { 595.28, 841.89 };
      g_array_append_val (result->sizes, size);
    }

  return TRUE;
}

static gboolean
worker_open_image (Worker *worker, LoadResult *result, GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (worker->bytes);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GdkPixbuf) loaded = gdk_pixbuf_new_from_stream (stream, NULL, &local_error);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  PageSize size;
  int width, height;
  double scale;
  cairo_t *cr;

  if (loaded == NULL)
    {
      g_set_error (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                   _("The document cannot be shown (%s)."), local_error->message);
      return FALSE;
    }

  /* The same orientation as the engine reads it with, so that boxes fit. */
  pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
  size.width = gdk_pixbuf_get_width (pixbuf);
  size.height = gdk_pixbuf_get_height (pixbuf);
  g_array_append_val (result->sizes, size);
  result->is_image = TRUE;

  scale = MIN (1.0, MAX_IMAGE_SIDE / MAX (size.width, size.height));
  width = MAX (1, (int) (size.width * scale + 0.5));
  height = MAX (1, (int) (size.height * scale + 0.5));

  worker->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (worker->image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_TOO_LARGE,
                           _("The image is too large to show."));
      return FALSE;
    }

  cr = cairo_create (worker->image);
  cairo_scale (cr, scale, scale);
  gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (worker->image);

  return TRUE;
}

static void
worker_load (Worker *worker, GTask *task)
{
  GError *error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (worker->bytes, &length);
  LoadResult *result = g_new0 (LoadResult, 1);
  gboolean ok;

  result->sizes = g_array_new (FALSE, FALSE, sizeof (PageSize));

  switch (remit_input_type_sniff (data, length))
    {
    case REMIT_INPUT_PDF:
      ok = worker_open_pdf (worker, result, &error);
      break;

    case REMIT_INPUT_PNG:
    case REMIT_INPUT_JPEG:
    case REMIT_INPUT_TIFF:
    case REMIT_INPUT_GIF:
      ok = worker_open_image (worker, result, &error);
      break;

    case REMIT_INPUT_UNKNOWN:
    case REMIT_INPUT_XML:
    case REMIT_INPUT_TEXT:
    default:
      g_set_error_literal (&error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_UNSUPPORTED_TYPE,
                           _("Only PDFs and images have pages to show."));
      ok = FALSE;
      break;
    }

  if (ok)
    {
      g_task_return_pointer (task, result, load_result_free);
    }
  else
    {
      load_result_free (result);
      g_task_return_error (task, error);
    }
}

static void
free_surface_data (gpointer data)
{
  cairo_surface_destroy (data);
}

static void
worker_render (Worker *worker, GTask *task)
{
  Job *job = g_task_get_task_data (task);
  RenderResult *result;
  cairo_surface_t *surface;
  GBytes *pixels;
  cairo_t *cr;

  if (worker->document == NULL && worker->image == NULL)
    {
      g_task_return_new_error (task, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                               _("The document has no page %u."), job->page + 1);
      return;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               "Cannot allocate a page of %d × %d pixels", job->width,
                               job->height);
      return;
    }

  cr = cairo_create (surface);
  /* Documents are paper: white under whatever the page does not cover. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (worker->document != NULL)
    {
      PopplerPage *page = poppler_document_get_page (worker->document, job->page);
      double width, height;

      if (page == NULL)
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_task_return_new_error (task, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                                   _("The document has no page %u."), job->page + 1);
          return;
        }
      poppler_page_get_size (page, &width, &height);
      if (width > 0 && height > 0)
        cairo_scale (cr, job->width / width, job->height / height);
      poppler_page_render (page, cr);
      g_object_unref (page);
    }
  else
    {
      cairo_scale (cr, (double) job->width / cairo_image_surface_get_width (worker->image),
                   (double) job->height / cairo_image_surface_get_height (worker->image));
      cairo_set_source_surface (cr, worker->image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_paint (cr);
    }

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The texture takes the surface's pixels as they are: no copy. */
  result = g_new0 (RenderResult, 1);
  result->surface = surface;
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) cairo_image_surface_get_stride (surface)
                                         * job->height,
                                       free_surface_data, cairo_surface_reference (surface));
  result->texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT, pixels,
                                            cairo_image_surface_get_stride (surface));
  g_bytes_unref (pixels);

  g_task_return_pointer (task, result, render_result_free);
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;

  for (;;)
    {
      QueueItem *item = g_async_queue_pop (worker->queue);
      GTask *task = item->task;

      g_free (item);
      if (task == NULL)
        break;

      if (!g_task_return_error_if_cancelled (task))
        {
          Job *job = g_task_get_task_data (task);

          if (job->kind == JOB_LOAD)
            worker_load (worker, task);
          else
            worker_render (worker, task);
        }

      /* This may be the last reference to the renderer: its finalize then only queues the
       * stop, which this loop reads next. */
      g_object_unref (task);
    }

  worker_free (worker);
  return NULL;
}

/* Main thread */

static void
remit_page_renderer_finalize (GObject *object)
{
  RemitPageRenderer *self = REMIT_PAGE_RENDERER (object);
  QueueItem *stop = g_new0 (QueueItem, 1);

  /* No request is pending (each holds a reference), so the worker is waiting: tell it to
   * stop and let it go without waiting for it. */
  stop->priority = G_MININT;
  g_async_queue_push_sorted (self->queue, stop, compare_items, NULL);
  g_clear_pointer (&self->thread, g_thread_unref);
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (remit_page_renderer_parent_class)->finalize (object);
}

static void
remit_page_renderer_class_init (RemitPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_page_renderer_finalize;
}

static void
remit_page_renderer_init (RemitPageRenderer *self)
{
}

/**
 * remit_page_renderer_new:
 * @bytes: the document: a PDF, or a PNG, JPEG, TIFF or GIF image
 *
 * Starts the worker thread of a document. Nothing is read before
 * remit_page_renderer_load_async().
 *
 * Returns: (transfer full): a new renderer
 */
RemitPageRenderer *
remit_page_renderer_new (GBytes *bytes)
{
  RemitPageRenderer *self;
  Worker *worker;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (REMIT_TYPE_PAGE_RENDERER, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->queue = g_async_queue_new ();

  worker = g_new0 (Worker, 1);
  worker->queue = g_async_queue_ref (self->queue);
  worker->bytes = g_bytes_ref (bytes);
  self->thread = g_thread_new ("remit-page-renderer", worker_main, worker);

  return self;
}

/**
 * remit_page_renderer_load_async:
 * @self: a renderer
 * @cancellable: (nullable): a cancellable
 * @callback: called on the current thread-default main context when done
 * @user_data: data for @callback
 *
 * Opens the document on the worker and reads the sizes of its pages. Call once, before
 * anything else but remit_page_renderer_render_async() (whose requests wait for the load).
 */
void
remit_page_renderer_load_async (RemitPageRenderer *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (REMIT_IS_PAGE_RENDERER (self));
  g_return_if_fail (!self->load_started);

  self->load_started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_page_renderer_load_async);
  g_task_set_name (task, "[remit] load document");
  job = g_new0 (Job, 1);
  job->kind = JOB_LOAD;
  g_task_set_task_data (task, job, g_free);

  push (self, g_steal_pointer (&task), G_MININT + 1);
}

gboolean
remit_page_renderer_load_finish (RemitPageRenderer *self, GAsyncResult *result, GError **error)
{
  LoadResult *loaded;

  g_return_val_if_fail (REMIT_IS_PAGE_RENDERER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == remit_page_renderer_load_async,
                        FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  g_clear_pointer (&self->sizes, g_array_unref);
  self->sizes = g_steal_pointer (&loaded->sizes);
  self->is_image = loaded->is_image;
  load_result_free (loaded);
  return TRUE;
}

gboolean
remit_page_renderer_is_loaded (RemitPageRenderer *self)
{
  g_return_val_if_fail (REMIT_IS_PAGE_RENDERER (self), FALSE);

  return self->sizes != NULL;
}

/**
 * remit_page_renderer_is_image:
 * @self: a loaded renderer
 *
 * Returns: whether the document is an image, whose sizes are in pixels (a PDF's are in
 *   points)
 */
gboolean
remit_page_renderer_is_image (RemitPageRenderer *self)
{
  g_return_val_if_fail (REMIT_IS_PAGE_RENDERER (self), FALSE);

  return self->is_image;
}

guint
remit_page_renderer_get_n_pages (RemitPageRenderer *self)
{
  g_return_val_if_fail (REMIT_IS_PAGE_RENDERER (self), 0);

  return self->sizes != NULL ? self->sizes->len : 0;
}

/**
 * remit_page_renderer_get_page_size:
 * @self: a loaded renderer
 * @index: a page, counted from 0
 * @width: (out): the width, in points for a PDF and in pixels for an image
 * @height: (out): the height
 */
void
remit_page_renderer_get_page_size (RemitPageRenderer *self,
                                   guint index,
                                   double *width,
                                   double *height)
{
  const PageSize *size;

  g_return_if_fail (REMIT_IS_PAGE_RENDERER (self));
  g_return_if_fail (self->sizes != NULL && index < self->sizes->len);

  size = &g_array_index (self->sizes, PageSize, index);
  *width = size->width;
  *height = size->height;
}

/**
 * remit_page_renderer_render_async:
 * @self: a renderer
 * @index: the page, counted from 0
 * @width: the width of the texture in pixels
 * @height: its height
 * @priority: lower is sooner, e.g. %REMIT_PAGE_RENDERER_PRIORITY_VISIBLE
 * @cancellable: (nullable): cancel it to drop the request
 * @callback: called on the current thread-default main context when done
 * @user_data: data for @callback
 *
 * Renders a page at the given size on the worker, white where the page is transparent.
 * Sizes are clamped to 1 … %REMIT_PAGE_RENDERER_MAX_SIZE.
 */
void
remit_page_renderer_render_async (RemitPageRenderer *self,
                                  guint index,
                                  int width,
                                  int height,
                                  int priority,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (REMIT_IS_PAGE_RENDERER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remit_page_renderer_render_async);
  g_task_set_name (task, "[remit] render page");
  job = g_new0 (Job, 1);
  job->kind = JOB_RENDER;
  job->page = index;
  job->width = CLAMP (width, 1, REMIT_PAGE_RENDERER_MAX_SIZE);
  job->height = CLAMP (height, 1, REMIT_PAGE_RENDERER_MAX_SIZE);
  g_task_set_task_data (task, job, g_free);

  if (self->sizes != NULL && index >= self->sizes->len)
    {
      g_task_return_new_error (task, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_CORRUPT,
                               _("The document has no page %u."), index + 1);
      return;
    }

  push (self, g_steal_pointer (&task), priority);
}

/**
 * remit_page_renderer_render_finish:
 * @self: a renderer
 * @result: the result
 * @surface: (out) (optional) (transfer full): the cairo image surface that holds the
 *   texture's pixels, for drawing with cairo without a copy
 * @error: return location for an error
 *
 * Returns: (transfer full): the page, or %NULL with @error set (%G_IO_ERROR_CANCELLED
 *   when the request was cancelled)
 */
GdkTexture *
remit_page_renderer_render_finish (RemitPageRenderer *self,
                                   GAsyncResult *result,
                                   cairo_surface_t **surface,
                                   GError **error)
{
  RenderResult *rendered;
  GdkTexture *texture;

  g_return_val_if_fail (REMIT_IS_PAGE_RENDERER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == remit_page_renderer_render_async,
                        NULL);

  rendered = g_task_propagate_pointer (G_TASK (result), error);
  if (rendered == NULL)
    return NULL;

  texture = g_steal_pointer (&rendered->texture);
  if (surface != NULL)
    *surface = g_steal_pointer (&rendered->surface);
  render_result_free (rendered);
  return texture;
}
