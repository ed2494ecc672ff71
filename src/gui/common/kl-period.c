/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-period.h"

#include "kl-database.h"
#include "kl-funnel.h"

/**
 * kl_period_picker_new:
 * @tooltip: (nullable): what falls in the period, e.g. "Deals created in
 *   this period"
 *
 * Returns: (transfer floating): a GtkDropDown of the periods, "This
 *   quarter" selected
 */
GtkWidget *
kl_period_picker_new (const char *tooltip)
{
  const char *const periods[] = {
    C_("period", "This quarter"),
    C_("period", "Last quarter"),
    C_("period", "This year"),
    C_("period", "Last 12 months"),
    NULL,
  };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (periods);

  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (dropdown, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  return dropdown;
}

/**
 * kl_period_range:
 * @period: which period
 * @today: (nullable): "YYYY-MM-DD", or %NULL for today
 * @back: 0 for the period itself, 1 for the one before it, …
 * @from: (out): its first day
 * @to: (out): its last day
 */
void
kl_period_range (KlPeriod     period,
                 const char  *today,
                 int          back,
                 char       **from,
                 char       **to)
{
  g_autofree char *real_today = NULL;
  int year;

  if (today == NULL)
    today = real_today = kl_database_today ();
  year = (int)g_ascii_strtoll (today, NULL, 10);

  switch (period)
    {
    case KL_PERIOD_LAST_QUARTER:
      kl_funnel_quarter (today, -1 - back, from, to);
      break;
    case KL_PERIOD_THIS_YEAR:
      *from = g_strdup_printf ("%04d-01-01", year - back);
      *to = g_strdup_printf ("%04d-12-31", year - back);
      break;
    case KL_PERIOD_LAST_12_MONTHS:
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, (GDateDay)g_ascii_strtoll (today + 8, NULL, 10),
                        (GDateMonth)g_ascii_strtoll (today + 5, NULL, 10), (GDateYear)year);
        g_date_subtract_months (&date, 12 * back);
        *to = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), (guint)g_date_get_month (&date),
                               g_date_get_day (&date));
        g_date_subtract_months (&date, 12);
        g_date_add_days (&date, 1);
        *from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), (guint)g_date_get_month (&date),
                                 g_date_get_day (&date));
      }
      break;
    case KL_PERIOD_THIS_QUARTER:
    default:
      kl_funnel_quarter (today, -back, from, to);
      break;
    }
}
