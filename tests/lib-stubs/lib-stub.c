/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A library under the name of one the engine loads when first needed, with none of its
 * functions: found first, it makes loading fail as on a system without the library. */

int remit_lib_stub (void);

int
remit_lib_stub (void)
{
  return 0;
}
