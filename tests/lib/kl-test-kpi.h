/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"

G_BEGIN_DECLS

/* A small fixed month of two managers' work (March 2026), whose key
 * figures were worked out by hand: see kl-test-kpi.c and test-kpi.c. */

#define KL_TEST_KPI_ANA 1
#define KL_TEST_KPI_BORIS 2

void kl_test_kpi_fill (KlDatabase *db);

G_END_DECLS
