/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Figures shared by the benchmarks. */

#include <stdlib.h>

#include <glib.h>

static inline int
bench_compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts the @n @values (so that the first is the least, the last the greatest) and returns
 * their median: the middle one, or the mean of the two in the middle. */
static inline double
bench_median (double *values, gsize n)
{
  g_assert (n > 0);

  qsort (values, n, sizeof values[0], bench_compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
