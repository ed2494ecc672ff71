/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-bench.h"

#include <time.h>

/* The CPU time of the whole process (every thread) so far, in ms:
 * steadier than the wall clock on a machine shared with other work. */
double
kl_bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/**
 * kl_bench_median:
 * @values: doubles, at least one; sorted in place
 *
 * Returns: the middle value, the upper of the two middle ones for an even
 *   count
 */
double
kl_bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}
