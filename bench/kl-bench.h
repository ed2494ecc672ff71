/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the benches share: the process's CPU time and the median of the
 * times measured. */

double kl_bench_cpu_ms (void);
double kl_bench_median (GArray *values);

G_END_DECLS
