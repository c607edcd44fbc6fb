/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "remit-dynlib.h"

G_BEGIN_DECLS

/*
 * gdk-pixbuf is loaded when the first image is opened, not when Remit starts: most
 * documents are PDFs. The engine calls its functions through remit_pixbuf, and the macros
 * at the end of this header keep the calls reading like gdk-pixbuf's API. A file that
 * includes this header must call remit_pixbuf_load() before any of them, and must not
 * take gdk-pixbuf's headers from elsewhere after it.
 *
 * GDK_IS_PIXBUF() calls gdk_pixbuf_get_type(), hence its place in the list;
 * g_autoptr (GdkPixbuf) and g_autoptr (GdkPixbufLoader) only call g_object_unref().
 */
#define REMIT_PIXBUF_FUNCTIONS(X) \
  X (gdk_pixbuf_apply_embedded_orientation) \
  X (gdk_pixbuf_get_bits_per_sample) \
  X (gdk_pixbuf_get_has_alpha) \
  X (gdk_pixbuf_get_height) \
  X (gdk_pixbuf_get_n_channels) \
  X (gdk_pixbuf_get_rowstride) \
  X (gdk_pixbuf_get_type) \
  X (gdk_pixbuf_get_width) \
  X (gdk_pixbuf_loader_close) \
  X (gdk_pixbuf_loader_get_pixbuf) \
  X (gdk_pixbuf_loader_new) \
  X (gdk_pixbuf_loader_set_size) \
  X (gdk_pixbuf_loader_write) \
  X (gdk_pixbuf_read_pixels) \
  X (gdk_pixbuf_save_to_buffer) \
  X (gdk_pixbuf_scale_simple)

typedef struct
{
  REMIT_PIXBUF_FUNCTIONS (REMIT_DYNLIB_DECLARE)
} RemitPixbufFunctions;

extern RemitPixbufFunctions remit_pixbuf;

gboolean remit_pixbuf_load (GError **error);

/* remit-pixbuf.c lists the names as they are. */
#ifndef REMIT_PIXBUF_NO_REDIRECTS
#define gdk_pixbuf_apply_embedded_orientation (remit_pixbuf.gdk_pixbuf_apply_embedded_orientation)
#define gdk_pixbuf_get_bits_per_sample (remit_pixbuf.gdk_pixbuf_get_bits_per_sample)
#define gdk_pixbuf_get_has_alpha (remit_pixbuf.gdk_pixbuf_get_has_alpha)
#define gdk_pixbuf_get_height (remit_pixbuf.gdk_pixbuf_get_height)
#define gdk_pixbuf_get_n_channels (remit_pixbuf.gdk_pixbuf_get_n_channels)
#define gdk_pixbuf_get_rowstride (remit_pixbuf.gdk_pixbuf_get_rowstride)
#define gdk_pixbuf_get_type (remit_pixbuf.gdk_pixbuf_get_type)
#define gdk_pixbuf_get_width (remit_pixbuf.gdk_pixbuf_get_width)
#define gdk_pixbuf_loader_close (remit_pixbuf.gdk_pixbuf_loader_close)
#define gdk_pixbuf_loader_get_pixbuf (remit_pixbuf.gdk_pixbuf_loader_get_pixbuf)
#define gdk_pixbuf_loader_new (remit_pixbuf.gdk_pixbuf_loader_new)
#define gdk_pixbuf_loader_set_size (remit_pixbuf.gdk_pixbuf_loader_set_size)
#define gdk_pixbuf_loader_write (remit_pixbuf.gdk_pixbuf_loader_write)
#define gdk_pixbuf_read_pixels (remit_pixbuf.gdk_pixbuf_read_pixels)
#define gdk_pixbuf_save_to_buffer (remit_pixbuf.gdk_pixbuf_save_to_buffer)
#define gdk_pixbuf_scale_simple (remit_pixbuf.gdk_pixbuf_scale_simple)
#endif

G_END_DECLS
