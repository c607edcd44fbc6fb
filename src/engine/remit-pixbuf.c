/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#define REMIT_PIXBUF_NO_REDIRECTS
#include "remit-engine-error.h"
#include "remit-pixbuf-private.h"

RemitPixbufFunctions remit_pixbuf;

#define PIXBUF_ENTRY(name) REMIT_DYNLIB_ENTRY (remit_pixbuf, name)
static const RemitDynlibSymbol pixbuf_symbols[] = { REMIT_PIXBUF_FUNCTIONS (PIXBUF_ENTRY) };
#undef PIXBUF_ENTRY

/**
 * remit_pixbuf_load:
 * @error: return location for an error
 *
 * Loads gdk-pixbuf and fills remit_pixbuf, once for the process.
 *
 * Returns: whether gdk-pixbuf can be used; %FALSE with
 *   %REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE when it is not installed
 */
gboolean
remit_pixbuf_load (GError **error)
{
  static const char *const sonames[] = { "libgdk_pixbuf-2.0.so.0", NULL };
  static gsize once = 0;
  static gboolean available = FALSE;

  if (remit_dynlib_load (&once, &available, sonames, pixbuf_symbols,
                         G_N_ELEMENTS (pixbuf_symbols), &remit_pixbuf))
    return TRUE;

  g_set_error_literal (error, REMIT_ENGINE_ERROR, REMIT_ENGINE_ERROR_LIBRARY_UNAVAILABLE,
                       _("Reading images needs the image library GdkPixbuf. Install the "
                         "package “libgdk-pixbuf-2.0-0” and try again."));
  return FALSE;
}
