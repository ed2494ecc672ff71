/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-catalog.h"
#include "kl-demo.h"
#include "kl-export-pdf.h"
#include "kl-import.h"
#include "kl-render.h"
#include "kl-search.h"
#include "kl-session.h"
#include "kl-workbook.h"

#define MAX_DEMO_CLIENTS 1000000

void
kl_cli_options_clear (KlCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_csv, g_free);
  g_clear_pointer (&options->backup, g_free);
  g_clear_pointer (&options->render_funnel, g_free);
  g_clear_pointer (&options->render_forecast, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->export_xlsx, g_free);
  g_clear_pointer (&options->export_pdf, g_free);
  g_clear_pointer (&options->export_pdf_out, g_free);
}

static gboolean
parse_count (const char  *text,
             guint       *out,
             GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX_DEMO_CLIENTS, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed-demo takes a number of clients from 1 to %d, not “%s”."),
                   MAX_DEMO_CLIENTS, text);
      return FALSE;
    }

  *out = (guint)value;
  return TRUE;
}

static gboolean
on_seed_demo (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  KlCliOptions *options = data;

  options->seed_demo = TRUE;
  if (value == NULL)
    return TRUE;

  return parse_count (value, &options->seed_clients, error);
}

gboolean
kl_cli_parse (KlCliOptions  *options,
              int           *argc,
              char        ***argv,
              GError       **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &options->database,
      N_("Work on the database FILE"), N_("FILE") },
    { "seed-demo", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, on_seed_demo,
      N_("Fill the database with N demo clients (200 if N is not given) and exit"), N_("N") },
    { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, &options->import_csv,
      N_("Import the clients in the CSV file IN, report the lines that were not imported, and exit"),
      N_("IN") },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &options->backup,
      N_("Copy the database into the file OUT while it may be in use, check the copy, and exit"),
      N_("OUT") },
    { "render-funnel", 0, 0, G_OPTION_ARG_FILENAME, &options->render_funnel,
      N_("Draw the sales funnel into OUT (.png, .pdf or .svg) and exit"), N_("OUT") },
    { "render-forecast", 0, 0, G_OPTION_ARG_FILENAME, &options->render_forecast,
      N_("Draw the forecast of the twelve months from --from (or this month) into OUT (.png, .pdf or .svg) and exit"),
      N_("OUT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      N_("Language of the output: hr, ru or en (default: the interface’s)"), N_("LANG") },
    { "export-xlsx", 0, 0, G_OPTION_ARG_FILENAME, &options->export_xlsx,
      N_("Write the director’s workbook (XLSX) to OUT and exit"), N_("OUT") },
    { "export-pdf", 0, 0, G_OPTION_ARG_STRING, &options->export_pdf,
      N_("Write the offer or contract DOC (offer:NUMBER or contract:NUMBER) as a PDF to the file named after it, and exit"),
      N_("DOC") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("First day of the report’s period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("Last day of the report’s period (YYYY-MM-DD)"), N_("DATE") },
    { "manager", 0, 0, G_OPTION_ARG_INT64, &options->manager,
      N_("Only the clients, deals and activities of the manager with this number"), N_("ID") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size,
      N_("Size of the picture in pixels (1600x1000 if not given)"), N_("WxH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  options->seed_clients = KL_DEMO_DEFAULT_CLIENTS;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Klijentela — clients, deals and contracts for account managers."));
  group = g_option_group_new (NULL, NULL, NULL, options, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, g_steal_pointer (&group));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  /* "--seed-demo 500": GOption gives an optional value only as "=500". */
  if (options->seed_demo && *argc > 1)
    {
      if (!parse_count ((*argv)[1], &options->seed_clients, error))
        return FALSE;
      (*argc)--;
      memmove (&(*argv)[1], &(*argv)[2], sizeof (char *) * (*argc));
    }

  /* "--export-pdf offer:N OUT.pdf": the file is the one argument left. */
  if (options->export_pdf != NULL && *argc > 1)
    {
      options->export_pdf_out = g_strdup ((*argv)[1]);
      (*argc)--;
      memmove (&(*argv)[1], &(*argv)[2], sizeof (char *) * (*argc));
    }

  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unexpected argument “%s”. See “klijentela --help”."), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

gboolean
kl_cli_is_headless (const KlCliOptions *options)
{
  return options->version || options->seed_demo || options->import_csv != NULL ||
         options->backup != NULL || options->render_funnel != NULL || options->render_forecast != NULL ||
         options->export_xlsx != NULL ||
         options->export_pdf != NULL;
}

char *
kl_cli_database_path (const KlCliOptions *options)
{
  if (options->database != NULL)
    return g_strdup (options->database);

  return kl_database_default_path ();
}

static int
seed_demo (KlSession          *session,
           const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;

  if (!kl_demo_seed (session, options->seed_clients, NULL, &error))
    {
      g_printerr ("klijentela: %s\n", error->message);
      return EXIT_FAILURE;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Added %u demo client.\n", "Added %u demo clients.\n",
                       options->seed_clients),
          options->seed_clients);
  return EXIT_SUCCESS;
}

/* Exit statuses of --import-csv */
enum {
  IMPORT_OK = 0,        /* every line imported or already present */
  IMPORT_REJECTED = 1,  /* some lines rejected, the others imported */
  IMPORT_FAILED = 2,    /* nothing imported: the file or the database failed */
};

static int
import_csv (KlSession          *session,
            const KlCliOptions *options,
            GBytes             *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *name = g_filename_display_name (options->import_csv);
  guint added = 0;
  guint existing = 0;

  import = kl_import_new_from_bytes (session, contents, NULL, 0, &error);
  if (import == NULL ||
      !kl_import_run (import, NULL, NULL, NULL, &added, &existing, &rejections, &error))
    {
      g_printerr ("klijentela: %s: %s\n", name, error->message);
      return IMPORT_FAILED;
    }

  if (kl_import_count_ignored (import) > 0)
    {
      g_autofree char *ignored = kl_import_describe_ignored (import);

      /* Translators: the file, a count, then the headings of the columns
       * that no field of a client matched, e.g. “КПП, ОГРН” */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "klijentela: %1$s: %2$u column was not imported, no field matches its heading: %3$s\n",
                               "klijentela: %1$s: %2$u columns were not imported, no field matches their headings: %3$s\n",
                               kl_import_count_ignored (import)),
                  name, kl_import_count_ignored (import), ignored);
    }

  /* A large import leaves its clients out of the search index (they are
   * found, more slowly, meanwhile): put them in before exiting. */
  if (!kl_search_update_index (kl_session_get_database (session), NULL, NULL, &error))
    {
      /* Translators: %s says why, e.g. “database is locked”. */
      g_autofree char *message = g_strdup_printf (_("The clients were imported, but the search index could "
                                                    "not be brought up to date: %s. Klijentela completes it "
                                                    "when it next opens."),
                                                  error->message);

      g_printerr ("klijentela: %s\n", message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < rejections->len; i++)
    {
      KlImportRejection *rejection = g_ptr_array_index (rejections, i);

      if (rejection->line > 0)
        g_printerr ("klijentela: %s:%u: %s\n", name, rejection->line, rejection->reason);
      else
        g_printerr ("klijentela: %s: %s\n", name, rejection->reason);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u client.\n", "Imported %u clients.\n", added),
          added);
  if (existing > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u line skipped: the client is already in the database.\n",
                         "%u lines skipped: the clients are already in the database.\n",
                         existing),
            existing);
  if (rejections->len > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u line rejected.\n",
                         "%u lines rejected.\n",
                         rejections->len),
            rejections->len);

  return rejections->len > 0 ? IMPORT_REJECTED : IMPORT_OK;
}

/* --backup OUT: the file as it is, never migrated or created. */
static int
backup (const char         *path,
        const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (options->backup);
  gint64 n_clients = 0;

  if (!kl_backup_write (path, options->backup, &error))
    {
      g_printerr ("klijentela: %s\n", error->message);
      return KL_CLI_EXIT_DATABASE;
    }

  kl_backup_check_file (options->backup, &n_clients, NULL);
  /* Translators: the number of clients, then the backup file. */
  printf (g_dngettext (GETTEXT_PACKAGE, "Backed up %1$u client to %2$s.\n",
                       "Backed up %1$u clients to %2$s.\n", (gulong) n_clients),
          (guint) n_clients, name);
  return EXIT_SUCCESS;
}

/* Exit statuses of --export-xlsx */
enum {
  EXPORT_OK = 0,        /* the workbook is written */
  EXPORT_INVALID = 1,   /* nothing written: a language, date or manager that does not exist */
  EXPORT_FAILED = 2,    /* nothing written: the database or the file failed */
};

static gboolean
valid_date (const char *text)
{
  int year, month, day;
  char end;

  return text != NULL && strlen (text) == 10 &&
         sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
         text[4] == '-' && text[7] == '-' && g_date_valid_dmy (day, month, year);
}

/* The export's options other than the database; FALSE with a message. */
static gboolean
check_export_options (const KlCliOptions *options)
{
  if (options->lang != NULL && kl_catalog_language_from_code (options->lang) == NULL)
    {
      g_printerr ("klijentela: %s\n", _("--lang takes hr, ru or en."));
      return FALSE;
    }
  if (options->from != NULL && !valid_date (options->from))
    {
      /* Translators: %s is what was given */
      g_printerr ("klijentela: ");
      g_printerr (_("--from takes a date as YYYY-MM-DD, not “%s”."), options->from);
      g_printerr ("\n");
      return FALSE;
    }
  if (options->to != NULL && !valid_date (options->to))
    {
      g_printerr ("klijentela: ");
      /* Translators: %s is what was given */
      g_printerr (_("--to takes a date as YYYY-MM-DD, not “%s”."), options->to);
      g_printerr ("\n");
      return FALSE;
    }
  if (options->from != NULL && options->to != NULL && strcmp (options->to, options->from) < 0)
    {
      g_printerr ("klijentela: %s\n", _("The period ends before it begins: --to is earlier than --from."));
      return FALSE;
    }
  if (options->manager < 0)
    {
      g_printerr ("klijentela: %s\n", _("--manager takes the number of a manager."));
      return FALSE;
    }

  return TRUE;
}

static int
export_xlsx (KlSession          *session,
             const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  KlDatabase *database = kl_session_get_database (session);
  KlWorkbookOptions export = {
    .language = options->lang,
    .scope = { .from = options->from, .to = options->to, .manager_id = options->manager },
  };

  if (options->manager > 0)
    {
      g_autofree char *name = kl_report_manager_name (database, options->manager);

      if (name == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, options->manager);

          g_printerr ("klijentela: ");
          /* Translators: %s is the number given with --manager */
          g_printerr (_("There is no manager number %s."), number);
          g_printerr ("\n");
          return EXPORT_INVALID;
        }
    }

  if (!kl_workbook_export (database, &export, options->export_xlsx, NULL, NULL, NULL, &error))
    {
      g_printerr ("klijentela: %s\n", error->message);
      return g_error_matches (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_LANGUAGE) ? EXPORT_INVALID
                                                                                    : EXPORT_FAILED;
    }

  return EXPORT_OK;
}

/* Today's backup, at most one a day: a failure is said, and the work goes
 * on (the import of a large file makes its own backup, and stops without). */
static void
daily_backup (KlSession *session)
{
  KlDatabase *database = kl_session_get_database (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  if (kl_database_is_read_only (database))
    return;

  backup = kl_backup_daily (kl_database_get_path (database), NULL, &error);
  if (error != NULL)
    {
      /* Translators: %s says why. */
      g_autofree char *message = g_strdup_printf (_("Today’s backup could not be made: %s"), error->message);

      g_printerr ("klijentela: %s\n", message);
    }
}

/* Whether a picture or workbook is asked for after @done (NULL: after
 * the seeding or the import, which come first). */
static gboolean
more_output (const KlCliOptions *options,
             const char         *done)
{
  if (done == NULL && options->render_funnel != NULL)
    return TRUE;
  if (done != options->render_forecast && options->render_forecast != NULL)
    return TRUE;
  return options->export_xlsx != NULL;
}

int
kl_cli_run (const KlCliOptions *options)
{
  g_autofree char *path = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed;

  if (options->version)
    {
      printf ("klijentela %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Read the file first: a missing one must not leave a new database. */
  if (options->import_csv != NULL)
    {
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_get_contents (options->import_csv, &data, &length, &error))
        {
          g_printerr ("klijentela: %s\n", error->message);
          return IMPORT_FAILED;
        }
      contents = g_bytes_new_take (g_steal_pointer (&data), length);
    }

  if ((options->render_funnel != NULL || options->render_forecast != NULL) && !kl_render_check_options (options))
    return KL_RENDER_INVALID;
  if (options->export_xlsx != NULL && !check_export_options (options))
    return EXPORT_INVALID;
  if (options->export_pdf != NULL && !kl_export_pdf_check_options (options))
    return KL_EXPORT_PDF_INVALID;

  path = kl_cli_database_path (options);
  if (options->backup != NULL)
    return backup (path, options);
  /* A picture or a workbook is drawn from a database: a mistyped name must
   * not make an empty one. */
  if ((options->render_funnel != NULL || options->render_forecast != NULL || options->export_xlsx != NULL ||
       options->export_pdf != NULL) &&
      !options->seed_demo &&
      options->import_csv == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (path);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("There is no database “%s”."), name);

      g_printerr ("klijentela: %s\n", message);
      return KL_RENDER_FAILED;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  session = kl_session_open (path, &error);
  if (session == NULL)
    {
      g_printerr ("klijentela: %s\n", error->message);
      return KL_CLI_EXIT_DATABASE;
    }

  /* A scheduled job may be all that runs for weeks: today's backup as the
   * window makes it at start, before anything is written. */
  if (existed)
    daily_backup (session);

  if (options->export_pdf != NULL)
    return kl_export_pdf (session, options);

  if (options->seed_demo)
    {
      int status = seed_demo (session, options);

      if (status != EXIT_SUCCESS ||
          (options->import_csv == NULL && !more_output (options, NULL)))
        return status;
    }

  if (options->import_csv != NULL)
    {
      int status = import_csv (session, options, contents);

      if (status == IMPORT_FAILED || !more_output (options, NULL))
        return status;
    }

  if (options->render_funnel != NULL)
    {
      int status = kl_render_funnel (session, options);

      if (status != KL_RENDER_OK || !more_output (options, options->render_funnel))
        return status;
    }

  if (options->render_forecast != NULL)
    {
      int status = kl_render_forecast (session, options);

      if (status != KL_RENDER_OK || options->export_xlsx == NULL)
        return status;
    }

  if (options->export_xlsx != NULL)
    return export_xlsx (session, options);

  return EXIT_SUCCESS;
}
