/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-render.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "kl-chart-file.h"
#include "kl-forecast-chart.h"
#include "kl-funnel-chart.h"
#include "kl-validation.h"

#define MIN_SIDE 200
#define MAX_SIDE 10000
#define DEFAULT_WIDTH 1600
#define DEFAULT_HEIGHT 1000

static void
say (const char *message)
{
  g_printerr ("klijentela: %s\n", message);
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (text == NULL)
    {
      *width = DEFAULT_WIDTH;
      *height = DEFAULT_HEIGHT;
      return TRUE;
    }

  parts = g_strsplit_set (text, "xX", 2);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, MIN_SIDE, MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, MIN_SIDE, MAX_SIDE, &h, NULL))
    return FALSE;

  *width = (int)w;
  *height = (int)h;
  return TRUE;
}

/* The interface's language for the rest of the run: messages, and the
 * numbers and dates of the picture. */
gboolean
kl_render_switch_language (const char *lang)
{
  static const struct {
    const char *code;
    const char *locales[3];
  } languages[] = {
    { "hr", { "hr_HR.UTF-8", "hr_HR.utf8", NULL } },
    { "ru", { "ru_RU.UTF-8", "ru_RU.utf8", NULL } },
    { "en", { "en_US.UTF-8", "en_GB.UTF-8", "C.UTF-8" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_ascii_strcasecmp (lang, languages[i].code) != 0)
        continue;

      g_unsetenv ("LANGUAGE");
      for (guint j = 0; j < G_N_ELEMENTS (languages[i].locales) && languages[i].locales[j] != NULL; j++)
        if (setlocale (LC_ALL, languages[i].locales[j]) != NULL)
          return TRUE;

      /* No such locale on this machine: the words at least, in the
       * numbers' format of the locale there is. */
      g_setenv ("LANGUAGE", languages[i].code, TRUE);
      setlocale (LC_MESSAGES, "");
      return TRUE;
    }

  return FALSE;
}

gboolean
kl_render_check_options (const KlCliOptions *options)
{
  int width, height;

  if (options->lang != NULL && !kl_render_switch_language (options->lang))
    {
      say (_("--lang takes hr, ru or en."));
      return FALSE;
    }
  if (options->render_funnel != NULL && !kl_chart_format_known (options->render_funnel))
    {
      say (_("--render-funnel writes a picture: give a file name ending in .png, .pdf or .svg."));
      return FALSE;
    }
  if (options->render_forecast != NULL && !kl_chart_format_known (options->render_forecast))
    {
      say (_("--render-forecast writes a picture: give a file name ending in .png, .pdf or .svg."));
      return FALSE;
    }
  if (!parse_size (options->size, &width, &height))
    {
      g_autofree char *message = g_strdup_printf (_("--size takes the width and height in pixels, from %d "
                                                    "to %d, as 1600x1000, not “%s”."),
                                                  MIN_SIDE, MAX_SIDE, options->size);

      say (message);
      return FALSE;
    }
  if (options->from != NULL && !kl_validate_date (options->from, NULL))
    {
      /* Translators: %s is what was given */
      g_autofree char *message = g_strdup_printf (_("--from takes a date as YYYY-MM-DD, not “%s”."),
                                                  options->from);

      say (message);
      return FALSE;
    }
  if (options->to != NULL && !kl_validate_date (options->to, NULL))
    {
      /* Translators: %s is what was given */
      g_autofree char *message = g_strdup_printf (_("--to takes a date as YYYY-MM-DD, not “%s”."),
                                                  options->to);

      say (message);
      return FALSE;
    }
  if (options->from != NULL && options->to != NULL && strcmp (options->to, options->from) < 0)
    {
      say (_("The period ends before it begins: --to is earlier than --from."));
      return FALSE;
    }
  if (options->manager < 0)
    {
      say (_("--manager takes the number of a manager."));
      return FALSE;
    }

  return TRUE;
}

/* The period asked, or this quarter; a missing end is today (or the end
 * of the first day's quarter, if that is earlier), a missing start the
 * start of the last day's quarter. */
static void
resolve_period (const KlCliOptions *options,
                char              **from,
                char              **to)
{
  g_autofree char *today = kl_database_today ();

  if (options->from == NULL && options->to == NULL)
    {
      kl_funnel_quarter (today, 0, from, to);
      return;
    }
  if (options->from != NULL && options->to != NULL)
    {
      *from = g_strdup (options->from);
      *to = g_strdup (options->to);
      return;
    }
  if (options->from != NULL)
    {
      g_autofree char *quarter_from = NULL;
      g_autofree char *quarter_to = NULL;

      kl_funnel_quarter (options->from, 0, &quarter_from, &quarter_to);
      *from = g_strdup (options->from);
      *to = g_strdup (strcmp (today, options->from) >= 0 ? today : quarter_to);
      return;
    }

  {
    g_autofree char *quarter_to = NULL;

    kl_funnel_quarter (options->to, 0, from, &quarter_to);
  }
  *to = g_strdup (options->to);
}

/* The name of the manager --manager asks for, in @name (NULL for every
 * manager); FALSE with a message when there is no such manager. */
static gboolean
find_manager (KlSession          *session,
              const KlCliOptions *options,
              char              **name)
{
  g_autoptr(KlEntity) manager = NULL;

  *name = NULL;
  if (options->manager <= 0)
    return TRUE;

  manager = kl_store_get (kl_session_get_store (session, KL_TYPE_MANAGER), options->manager, NULL);
  if (manager == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, options->manager);
      /* Translators: %s is the number given with --manager */
      g_autofree char *message = g_strdup_printf (_("There is no manager number %s."), number);

      say (message);
      return FALSE;
    }
  *name = g_strdup (kl_entity_get_text (manager, "name"));

  return TRUE;
}

int
kl_render_funnel (KlSession          *session,
                  const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFunnel) funnel = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *caption = NULL;
  int width, height;

  parse_size (options->size, &width, &height);
  resolve_period (options, &from, &to);

  if (!find_manager (session, options, &caption))
    return KL_RENDER_INVALID;

  funnel = kl_funnel_compute (kl_session_get_database (session), from, to, options->manager, NULL, NULL, &error);
  if (funnel == NULL)
    {
      say (error->message);
      return g_error_matches (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER) ? KL_RENDER_INVALID
                                                                                      : KL_RENDER_FAILED;
    }

  if (!kl_funnel_chart_save (funnel, caption, options->render_funnel, width, height, &error))
    {
      say (error->message);
      return KL_RENDER_FAILED;
    }

  return KL_RENDER_OK;
}

/* --render-forecast: the open deals' weighted value by expected close
 * month, the twelve months from that of --from (or this one). */
int
kl_render_forecast (KlSession          *session,
                    const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlForecast) forecast = NULL;
  g_autofree char *today = options->from != NULL ? g_strdup (options->from) : kl_database_today ();
  g_autofree char *name = NULL;
  int width, height;

  parse_size (options->size, &width, &height);
  if (!find_manager (session, options, &name))
    return KL_RENDER_INVALID;

  forecast = kl_forecast_compute (kl_session_get_database (session), today, options->manager, &error);
  if (forecast == NULL)
    {
      say (error->message);
      return KL_RENDER_FAILED;
    }

  if (!kl_forecast_chart_save (forecast, options->render_forecast, width, height, &error))
    {
      say (error->message);
      return KL_RENDER_FAILED;
    }

  return KL_RENDER_OK;
}
