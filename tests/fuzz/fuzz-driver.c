/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a fuzz target over files, for builds without libFuzzer: the regression suite feeds
 * every saved input (seed corpus and past findings) through the same entry point. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int argc, char **argv)
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GDir) dir = NULL;
      const char *name;

      /* A target without findings has no regressions folder. */
      dir = g_dir_open (argv[i], 0, NULL);
      if (dir == NULL)
        continue;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          count++;
        }
    }

  /* TAP, so that meson shows how many inputs ran. */
  printf ("1..1\nok 1 - %u inputs\n", count);
  return count > 0 ? 0 : 1;
}
