/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "kl-contract-list.h"
#include "kl-deal-list.h"
#include "kl-demo.h"
#include "kl-session.h"
#include "kl-workbook.h"

/* The director's workbook: written through the API and by the real binary
 * (no display, any locale), then read back with openpyxl
 * (tests/check-workbook.py), which compares every sheet with the database
 * through SQL of its own. */

#define DEMO_CLIENTS 160

typedef struct {
  char      *dir;
  char      *db_path;
  KlSession *session;
} Fixture;

static char *seeded_db;   /* one seeded database, copied for each test */

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (from, &data, &length, &error));
  g_assert_true (g_file_set_contents (to, data, length, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kl-workbook-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "klijentela.db", NULL);
  copy_file (seeded_db, f->db_path);
  f->session = kl_session_open (f->db_path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir but the database and its automatic backups, sorted,
 * joined by spaces */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "klijentela.db") && strcmp (name, "klijentela-backups") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

/* Runs tests/check-workbook.py; fails the test with its report. */
static void
check_workbook (const char *db_path,
                const char *xlsx,
                const char *lang,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "check-workbook.py", NULL));
  g_ptr_array_add (argv, g_strdup (db_path));
  g_ptr_array_add (argv, g_strdup (xlsx));
  g_ptr_array_add (argv, g_strdup (lang));
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-workbook.py %s %s:\n%s%s", xlsx, lang, out, err);
}

static void
export (Fixture                 *f,
        const KlWorkbookOptions *options,
        const char              *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_workbook_export (kl_session_get_database (f->session), options, path,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The model's ageing of all clients as check-workbook.py's --ageing */
static char *
model_ageing (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ageing = kl_receivables_ageing (kl_session_get_database (f->session), 0, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (ageing->len, >, 0);   /* the demo data owes something */
  for (guint i = 0; i < ageing->len; i++)
    {
      KlAgeing *row = &g_array_index (ageing, KlAgeing, i);

      g_string_append_printf (text, "%s:", row->currency);
      for (guint b = 0; b < KL_AGEING_N_BUCKETS; b++)
        g_string_append_printf (text, "%" G_GINT64_FORMAT ",", row->buckets[b]);
      g_string_append_printf (text, "%" G_GINT64_FORMAT ";", row->balance);
    }

  return g_string_free (text, FALSE);
}

static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  static const char * const langs[] = { "en", "hr", "ru" };
  g_autofree char *ageing = model_ageing (f);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/report-%s.xlsx", f->dir, langs[i]);
      KlWorkbookOptions options = { .language = langs[i] };

      export (f, &options, path);
      /* the Receivables sheet's totals are the model's ageing */
      check_workbook (f->db_path, path, langs[i], "--ageing", ageing, NULL);
    }

  /* Nothing else is left beside them. */
  {
    g_autofree char *names = list_dir (f->dir);

    g_assert_cmpstr (names, ==, "report-en.xlsx report-hr.xlsx report-ru.xlsx");
  }
}

static void
test_period_manager (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "manager.xlsx", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_months (now, -3);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-01");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  gint64 manager = kl_database_query_int (kl_session_get_database (f->session),
                                          "SELECT min(id) FROM managers", NULL);
  KlWorkbookOptions options = {
    .language = "hr",
    .scope = { .from = from, .to = to, .manager_id = manager },
  };
  g_autofree char *manager_text = g_strdup_printf ("%" G_GINT64_FORMAT, manager);

  g_assert_cmpint (manager, >, 0);
  export (f, &options, path);
  check_workbook (f->db_path, path, "hr", "--from", from, "--to", to, "--manager", manager_text, NULL);
}

static void
test_client_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "list.xlsx", NULL);
  KlDatabase *database = kl_session_get_database (f->session);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) text = g_string_new (NULL);
  KlWorkbookOptions options = { .language = "ru", .list = KL_WORKBOOK_CLIENTS };

  /* Some clients, in an order of the window's, not the workbook's */
  for (gint64 id = 150; id > 0; id -= 7)
    {
      g_array_append_val (ids, id);
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len > 0 ? "," : "", id);
    }
  options.ids = (const gint64 *) ids->data;
  options.n_ids = ids->len;
  g_assert_cmpint (kl_database_query_int (database, "SELECT count(*) FROM clients WHERE id <= 150", NULL), ==, 150);

  export (f, &options, path);
  check_workbook (f->db_path, path, "ru", "--clients", text->str, "--sheets", "1", NULL);
}

/* "1,2,3" */
static char *
join_ids (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

/* The Deals section's list with a filter and a sort: exactly its rows in
 * its order, all of them (not only the pages read), typed as in the whole
 * workbook. */
static void
test_deal_list (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "deals.xlsx", NULL);
  g_autoptr(KlQueryList) list = kl_deal_list_new (f->session);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) ascending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KlWorkbookOptions options = { .language = "hr", .list = KL_WORKBOOK_PIPELINE };
  KlDatabase *database = kl_session_get_database (f->session);

  kl_query_list_set_filter_text (list, "state", "open");
  kl_query_list_set_sort (list, "amount", FALSE);
  ascending = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);
  kl_query_list_set_sort (list, "amount", TRUE);
  ids = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);

  /* Every open deal, the largest first, not the workbook's order by stage */
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpint (ids->len, ==, kl_database_query_int (database, "SELECT count(*) FROM deals"
                                                        " WHERE stage NOT IN ('won', 'lost')", NULL));
  g_assert_cmpuint (ids->len, >, 20);
  g_assert_cmpint (kl_database_query_int (database, "SELECT count(*) FROM deals WHERE stage IN ('won', 'lost')",
                                          NULL), >, 0);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (ascending, gint64, ids->len - 1 - i));

  options.ids = (const gint64 *) ids->data;
  options.n_ids = ids->len;
  export (f, &options, path);
  text = join_ids (ids);
  check_workbook (f->db_path, path, "hr", "--deals", text, "--sheets", "2", NULL);
}

/* The Contracts section's list: a status filter, a search and a sort */
static void
test_contract_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "contracts.xlsx", NULL);
  g_autoptr(KlQueryList) list = kl_contract_list_new (f->session);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KlWorkbookOptions options = { .language = "ru", .list = KL_WORKBOOK_CONTRACTS,
                                .scope = { .from = "2000-01-01", .to = "2000-01-31" } };
  KlDatabase *database = kl_session_get_database (f->session);

  kl_query_list_set_filter_text (list, "status", "active");
  kl_query_list_set_sort (list, "client", TRUE);
  ids = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ids->len, ==, kl_database_query_int (database, "SELECT count(*) FROM contracts"
                                                        " WHERE status = 'active'", NULL));
  g_assert_cmpuint (ids->len, >, 1);
  g_assert_cmpint (ids->len, <, kl_database_query_int (database, "SELECT count(*) FROM contracts", NULL));

  /* A period that holds none of them: the list is the list whatever the period */
  options.ids = (const gint64 *) ids->data;
  options.n_ids = ids->len;
  export (f, &options, path);
  text = join_ids (ids);
  check_workbook (f->db_path, path, "ru", "--contracts", text, "--sheets", "4", NULL);

  /* A search: fewer rows, still in the list's order */
  kl_query_list_clear_filter (list, "status");
  kl_query_list_set_filter_text (list, "search", "1");
  kl_query_list_set_sort (list, "number", FALSE);
  g_clear_pointer (&ids, g_array_unref);
  ids = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (ids->len, >, 0);
  options.ids = (const gint64 *) ids->data;
  options.n_ids = ids->len;
  options.language = "en";
  export (f, &options, path);
  g_clear_pointer (&text, g_free);
  text = join_ids (ids);
  check_workbook (f->db_path, path, "en", "--contracts", text, "--sheets", "4", NULL);
}

/* Text that is not valid UTF-8, control characters, over 32 767 characters */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "hostile.xlsx", NULL);
  KlDatabase *database = kl_session_get_database (f->session);
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = kl_database_get_handle (database);
  sqlite3_stmt *stmt;
  KlWorkbookOptions options = { .language = "en", .sheets = KL_WORKBOOK_CLIENTS };

  for (int i = 0; i < 40000; i++)
    g_string_append (long_name, "Ž");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE clients SET name = ?, tax_id = ? WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, long_name->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "00123", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, "Bad \xC3\x28 bytes \x01 and \x1b escape <&> 'quotes'", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "007", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, 2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  export (f, &options, path);
  check_workbook (f->db_path, path, "en", "--sheets", "1", NULL);
}

static void
on_progress_cancel (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_keeps_old_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  KlWorkbookOptions options = { .language = "en" };

  g_assert_true (g_file_set_contents (path, "last week's report", -1, NULL));

  /* Cancelled when the first sheet is done */
  g_assert_false (kl_workbook_export (kl_session_get_database (f->session), &options, path,
                                      cancellable, on_progress_cancel, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's report");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "report.xlsx");

  /* The database is not left in a transaction: a second export works. */
  export (f, &options, path);
  check_workbook (f->db_path, path, "en", NULL);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "report.xlsx", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "a-folder.xlsx", NULL);
  g_autofree char *names = NULL;
  KlWorkbookOptions options = { .language = "en" };
  KlWorkbookOptions german = { .language = "de" };
  g_autoptr(GError) error = NULL;

  g_assert_false (kl_workbook_export (kl_session_get_database (f->session), &options, missing,
                                      NULL, NULL, NULL, &error));
  g_assert_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE);
  g_clear_error (&error);

  /* The target is a folder: the rename fails, the temporary file goes. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (kl_workbook_export (kl_session_get_database (f->session), &options, folder,
                                      NULL, NULL, NULL, &error));
  g_assert_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (kl_workbook_export (kl_session_get_database (f->session), &german, folder,
                                      NULL, NULL, NULL, &error));
  g_assert_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_LANGUAGE);

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "a-folder.xlsx");
}

/* LibreOffice Calc opens it (headless): every sheet loads, numbers come
 * back as numbers, identifiers keep their leading zeros. */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "izvještaj.xlsx", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-workbook-libreoffice.py", NULL);
  KlDatabase *database = kl_session_get_database (f->session);
  KlWorkbookOptions options = { .language = "hr" };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (kl_database_exec (database, "UPDATE clients SET tax_id = '00123456789' WHERE id = 3;"
                                   "UPDATE clients SET postal_code = '01234' WHERE id = 4", &error));
  export (f, &options, path);

  {
    const char *argv[] = { "/usr/bin/python3", script, f->db_path, path, "hr", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-workbook-libreoffice.py:\n%s%s", out, err);
}

/* The binary */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char **
environment (const char *lang)
{
  char **envp = g_get_environ ();

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "LANG", lang, TRUE);

  return envp;
}

static void
run_klijentela (Run        *run,
                const char *lang,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = environment (lang);
  const char *binary = g_getenv ("KLIJENTELA_BINARY");
  va_list args;
  const char *arg;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static int
exit_status (Run *run)
{
  g_assert_true (WIFEXITED (run->status));
  return WEXITSTATUS (run->status);
}

/* The parts of an XLSX file but its creation time, concatenated by name */
static char *
workbook_content (const char *path)
{
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "for n in sorted(z.namelist()):\n"
    "    if n != 'docProps/core.xml':\n"
    "        sys.stdout.write(n + '\\n' + z.read(n).decode('utf-8', 'replace') + '\\n')\n",
    path, NULL
  };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

static void
test_cli_locales (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const locales[] = { "C.UTF-8", "hr_HR.UTF-8", "ru_RU.UTF-8" };
  g_autofree char *reference = NULL;

  g_clear_object (&f->session);

  /* --lang ru under every locale: the same file */
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = g_strdup_printf ("%s/ru-under-%s.xlsx", f->dir, locales[i]);
      g_autofree char *content = NULL;

      run_klijentela (&run, locales[i], "--database", f->db_path, "--export-xlsx", path, "--lang", "ru", NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (exit_status (&run), ==, 0);
      check_workbook (f->db_path, path, "ru", NULL);
      content = workbook_content (path);
      if (reference == NULL)
        reference = g_steal_pointer (&content);
      else
        g_assert_true (g_str_equal (content, reference));
    }

  /* No --lang: the interface's language */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *path = g_build_filename (f->dir, "default-hr.xlsx", NULL);

    run_klijentela (&run, "hr_HR.UTF-8", "--database", f->db_path, "--export-xlsx", path, NULL);
    g_assert_cmpint (exit_status (&run), ==, 0);
    check_workbook (f->db_path, path, "hr", NULL);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *path = g_build_filename (f->dir, "default-en.xlsx", NULL);

    run_klijentela (&run, "C.UTF-8", "--database", f->db_path, "--export-xlsx", path, NULL);
    g_assert_cmpint (exit_status (&run), ==, 0);
    check_workbook (f->db_path, path, "en", NULL);
  }
}

static void
test_cli_exit_status (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *missing_db = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *bad_dir = g_build_filename (f->dir, "nowhere", "out.xlsx", NULL);
  g_autofree char *names = NULL;
  static const struct {
    const char *option, *value;
  } invalid[] = {
    { "--lang", "de" },
    { "--from", "2026-02-30" },
    { "--to", "31.12.2026" },
    { "--manager", "9999" },
  };

  g_clear_object (&f->session);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_auto(Run) run = { 0 };

      run_klijentela (&run, "C.UTF-8", "--database", f->db_path, "--export-xlsx", path,
                      invalid[i].option, invalid[i].value, NULL);
      g_assert_cmpint (exit_status (&run), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "klijentela: "));
      g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);   /* one line */
    }
  {
    g_auto(Run) run = { 0 };

    /* The period backwards */
    run_klijentela (&run, "hr_HR.UTF-8", "--database", f->db_path, "--export-xlsx", path,
                    "--from", "2026-03-01", "--to", "2026-02-01", NULL);
    g_assert_cmpint (exit_status (&run), ==, 1);
    g_assert_nonnull (strstr (run.err, "--to"));
  }
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", missing_db, "--export-xlsx", path, NULL);
    g_assert_cmpint (exit_status (&run), ==, 2);
    g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "ru_RU.UTF-8", "--database", f->db_path, "--export-xlsx", bad_dir, NULL);
    g_assert_cmpint (exit_status (&run), ==, 2);
    g_assert_nonnull (strstr (run.err, "nowhere"));
  }
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "");

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->db_path, "--export-xlsx", path,
                    "--lang", "en", "--from", "2026-01-01", "--to", "2026-12-31", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (exit_status (&run), ==, 0);
    check_workbook (f->db_path, path, "en", "--from", "2026-01-01", "--to", "2026-12-31", NULL);
  }
}

/* Killed while writing: the old file stays as it was. */
static void
test_cli_kill (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *big_db = g_build_filename (f->dir, "big.db", NULL);
  const char *binary = g_getenv ("KLIJENTELA_BINARY");
  g_auto(GStrv) envp = environment ("C.UTF-8");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPid pid;
  int status;

  g_clear_object (&f->session);
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", big_db, "--seed-demo", "3000", NULL);
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_true (g_file_set_contents (path, "last week's report", -1, NULL));

  for (guint delay_ms = 20; delay_ms <= 320; delay_ms *= 2)
    {
      const char *argv[] = { binary, "--database", big_db, "--export-xlsx", path, NULL };

      g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                    &pid, &error));
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (WIFEXITED (status))
        break;   /* it finished first: the new file is complete */

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "last week's report");
      g_clear_pointer (&contents, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* One demo database for every test (each works on a copy). */
  seed_dir = g_dir_make_tmp ("kl-workbook-seed-XXXXXX", &error);
  g_assert_no_error (error);
  seeded_db = g_build_filename (seed_dir, "seed.db", NULL);
  {
    g_autoptr(KlSession) session = kl_session_open (seeded_db, &error);

    g_assert_no_error (error);
    g_assert_true (kl_demo_seed (session, DEMO_CLIENTS, NULL, &error));
    g_assert_no_error (error);
    /* Fold the WAL into the file, so that a copy of the file is the database. */
    g_assert_true (kl_database_exec (kl_session_get_database (session), "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workbook/languages", test_languages);
  ADD ("/workbook/period-manager", test_period_manager);
  ADD ("/workbook/client-list", test_client_list);
  ADD ("/workbook/deal-list", test_deal_list);
  ADD ("/workbook/contract-list", test_contract_list);
  ADD ("/workbook/hostile-text", test_hostile_text);
  ADD ("/workbook/cancel", test_cancel_keeps_old_file);
  ADD ("/workbook/errors", test_errors);
  ADD ("/workbook/libreoffice", test_libreoffice);
  ADD ("/workbook/cli/locales", test_cli_locales);
  ADD ("/workbook/cli/exit-status", test_cli_exit_status);
  ADD ("/workbook/cli/kill", test_cli_kill);
#undef ADD

  status = g_test_run ();
  remove_tree (seed_dir);
  g_free (seeded_db);

  return status;
}
