/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-engine"

#include "config.h"

#include <gmodule.h>

#include "remit-dynlib.h"

static gboolean
load_once (const char *const *sonames,
           const RemitDynlibSymbol *symbols,
           gsize n_symbols,
           gpointer table)
{
  GModule *module = NULL;

  for (gsize i = 0; sonames[i] != NULL && module == NULL; i++)
    module = g_module_open (sonames[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_debug ("%s not loaded: %s", sonames[0], g_module_error ());
      return FALSE;
    }

  for (gsize i = 0; i < n_symbols; i++)
    {
      gpointer *slot = (gpointer *) ((char *) table + symbols[i].offset);

      *slot = NULL;
      if (!g_module_symbol (module, symbols[i].name, slot) && !symbols[i].optional)
        {
          g_debug ("%s has no function %s", g_module_name (module), symbols[i].name);
          g_module_close (module);
          return FALSE;
        }
    }

  /* The functions are called for the life of the process. */
  g_module_make_resident (module);
  return TRUE;
}

gboolean
remit_dynlib_load (gsize *once,
                   gboolean *available,
                   const char *const *sonames,
                   const RemitDynlibSymbol *symbols,
                   gsize n_symbols,
                   gpointer table)
{
  g_return_val_if_fail (once != NULL && available != NULL, FALSE);
  g_return_val_if_fail (sonames != NULL && sonames[0] != NULL, FALSE);

  if (g_once_init_enter (once))
    {
      *available = load_once (sonames, symbols, n_symbols, table);
      g_once_init_leave (once, 1);
    }

  return *available;
}
