/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Priorities of render requests: lower runs first. */
#define REMIT_PAGE_RENDERER_PRIORITY_VISIBLE 0
#define REMIT_PAGE_RENDERER_PRIORITY_NEARBY 1

/* The largest side of a rendered page, in pixels. */
#define REMIT_PAGE_RENDERER_MAX_SIZE 8192

#define REMIT_TYPE_PAGE_RENDERER (remit_page_renderer_get_type ())
G_DECLARE_FINAL_TYPE (RemitPageRenderer, remit_page_renderer, REMIT, PAGE_RENDERER, GObject)

RemitPageRenderer *remit_page_renderer_new (GBytes *bytes);

void remit_page_renderer_load_async (RemitPageRenderer *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean remit_page_renderer_load_finish (RemitPageRenderer *self,
                                          GAsyncResult *result,
                                          GError **error);

gboolean remit_page_renderer_is_loaded (RemitPageRenderer *self);
gboolean remit_page_renderer_is_image (RemitPageRenderer *self);
guint remit_page_renderer_get_n_pages (RemitPageRenderer *self);
void remit_page_renderer_get_page_size (RemitPageRenderer *self,
                                        guint index,
                                        double *width,
                                        double *height);

void remit_page_renderer_render_async (RemitPageRenderer *self,
                                       guint index,
                                       int width,
                                       int height,
                                       int priority,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
GdkTexture *remit_page_renderer_render_finish (RemitPageRenderer *self,
                                               GAsyncResult *result,
                                               cairo_surface_t **surface,
                                               GError **error);

G_END_DECLS
