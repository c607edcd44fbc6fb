/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>

#include <glib.h>

G_BEGIN_DECLS

/*
 * Libraries the engine needs only for some documents (Tesseract for scans, zbar when a
 * page may hold a code, libxml2 for e-invoices, gdk-pixbuf for photos) are opened when
 * first needed rather than linked: linked, each adds its own libraries and relocations to
 * every start of remit-cli, the app and the server.
 *
 * A user lists the functions once in an X macro and gets a table of typed pointers:
 *
 *   #define ZBAR_FUNCTIONS(X) X (zbar_image_create) X (zbar_image_destroy)
 *   static struct { ZBAR_FUNCTIONS (REMIT_DYNLIB_DECLARE) } zbar;
 *   #define ZBAR_ENTRY(name) REMIT_DYNLIB_ENTRY (zbar, name)
 *   static const RemitDynlibSymbol zbar_symbols[] = { ZBAR_FUNCTIONS (ZBAR_ENTRY) };
 *
 * and then, after remit_dynlib_load() returned TRUE, calls zbar.zbar_image_create ().
 * Functions that may be missing are listed with REMIT_DYNLIB_OPTIONAL_ENTRY and are NULL
 * when they are.
 */
typedef struct
{
  const char *name;
  size_t offset;
  gboolean optional;
} RemitDynlibSymbol;

#define REMIT_DYNLIB_DECLARE(name) __typeof__ (&name) name;
#define REMIT_DYNLIB_ENTRY(table, name) { #name, offsetof (__typeof__ (table), name), FALSE },
#define REMIT_DYNLIB_OPTIONAL_ENTRY(table, name) \
  { #name, offsetof (__typeof__ (table), name), TRUE },

/*
 * Opens the first of @sonames that loads and fills @table with the @n_symbols functions
 * of @symbols. Once per table for the life of the process: later calls return the first
 * answer at once. Thread-safe. @once must be a static gsize that starts at 0, @available
 * a static gboolean.
 *
 * Returns: whether the library and every function were found; on FALSE the table is not
 * to be used, and the reason has been logged at debug level.
 */
gboolean remit_dynlib_load (gsize *once,
                            gboolean *available,
                            const char *const *sonames,
                            const RemitDynlibSymbol *symbols,
                            gsize n_symbols,
                            gpointer table);

G_END_DECLS
