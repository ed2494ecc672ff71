/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "kl-application.h"
#include "kl-cli.h"
#include "kl-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_auto(KlCliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlApplication) app = NULL;
  g_autofree char *path = NULL;
  g_autofree char *localedir = kl_paths_locale_dir ();
  char *app_argv[] = { argv[0], NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!kl_cli_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("klijentela: %s\n", error->message);
      return 2;
    }

  if (kl_cli_is_headless (&options))
    return kl_cli_run (&options);

  path = kl_cli_database_path (&options);
  app = kl_application_new (path);

  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
