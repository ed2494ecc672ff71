/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Starts the real program with a window, as a user would right after
 * `meson compile` or an install, under Xvfb: it must reach its first frame
 * (KLIJENTELA_FIRST_FRAME=quit makes it print that and quit) and never
 * abort for a settings schema that is not installed. */

typedef struct {
  char *dir;
  char *database;
} Fixture;

typedef struct {
  gboolean  ok;
  char     *out;
  char     *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("klijentela-start-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "start.db", NULL);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->database);
  g_free (fixture->dir);
}

/* Runs @binary as nobody configured it: no schema folder, no locale
 * folder, in @lang. */
static void
start (Run        *run,
       const char *binary,
       const char *lang,
       const char *database,
       const char *extra_arg)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { binary, "--database", database, extra_arg, NULL };
  int status = 0;

  envp = g_environ_unsetenv (envp, "GSETTINGS_SCHEMA_DIR");
  envp = g_environ_unsetenv (envp, "KLIJENTELA_LOCALEDIR");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", "/usr/share", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", lang, TRUE);
  envp = g_environ_setenv (envp, "KLIJENTELA_FIRST_FRAME", "quit", TRUE);
  /* The program's own leaks at exit are test-gui's business. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);

  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &status, &error);
  g_assert_no_error (error);
  run->ok = g_spawn_check_wait_status (status, NULL);
  g_test_message ("%s printed: %s%s", binary, run->out, run->err);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A copy of the program in @top/bin, as an install under another prefix
 * puts it; with @with_data, the schema and translations under @top/share
 * as the install puts them. */
static char *
copy_program (const char *top,
              gboolean    with_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *bin = g_build_filename (top, "bin", NULL);
  g_autofree char *copy = g_build_filename (bin, "klijentela", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (g_getenv ("KLIJENTELA_BINARY"), &contents, &length, &error));
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_cmpint (g_chmod (copy, 0700), ==, 0);

  if (with_data)
    {
      g_autofree char *schemas = g_build_filename (top, "share", "glib-2.0", "schemas", NULL);
      g_autofree char *messages = g_build_filename (top, "share", "locale", "ru", "LC_MESSAGES", NULL);
      g_autofree char *schema_src = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "resources",
                                                      "gschemas.compiled", NULL);
      g_autofree char *mo_src = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", "ru",
                                                  "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *schema_dst = g_build_filename (schemas, "gschemas.compiled", NULL);
      g_autofree char *mo_dst = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *data = NULL;

      g_assert_cmpint (g_mkdir_with_parents (schemas, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
      g_assert_true (g_file_get_contents (schema_src, &data, &length, &error));
      g_assert_true (g_file_set_contents (schema_dst, data, length, &error));
      g_clear_pointer (&data, g_free);
      g_assert_true (g_file_get_contents (mo_src, &data, &length, &error));
      g_assert_true (g_file_set_contents (mo_dst, data, length, &error));
    }

  return g_steal_pointer (&copy);
}

/* `./_build/src/klijentela` right after `meson compile`. */
static void
test_start_build_tree (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  start (&run, g_getenv ("KLIJENTELA_BINARY"), "ru_RU.UTF-8", fixture->database, NULL);
  g_assert_true (run.ok);
  g_assert_cmpuint (count (run.out, "first-frame "), ==, 1);
  g_assert_null (strstr (run.err, "WARNING"));
  g_assert_null (strstr (run.err, "ERROR"));
  g_assert_null (strstr (run.err, "CRITICAL"));

  /* The translations of the build tree, with nobody pointing at them. */
  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);
  start (&run, g_getenv ("KLIJENTELA_BINARY"), "ru_RU.UTF-8", fixture->database, "--seed-demo=many");
  g_assert_false (run.ok);
  g_assert_nonnull (strstr (run.err, "принимает число клиентов"));
}

/* The program alone, without its schema anywhere: the settings live in
 * memory, with one warning, and the window comes up. */
static void
test_start_without_schema (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *top = g_build_filename (fixture->dir, "alone", NULL);
  g_autofree char *binary = copy_program (top, FALSE);

  start (&run, binary, "C.UTF-8", fixture->database, NULL);
  g_assert_true (run.ok);
  g_assert_cmpuint (count (run.out, "first-frame "), ==, 1);
  g_assert_cmpuint (count (run.err, "WARNING"), ==, 1);
  g_assert_cmpuint (count (run.err, "is not installed"), ==, 1);
  g_assert_null (strstr (run.err, "ERROR"));
}

/* Installed under another prefix (`meson install --destdir`): the schema
 * and the translations under ../share of the binary. */
static void
test_start_installed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *top = g_build_filename (fixture->dir, "prefix", NULL);
  g_autofree char *binary = copy_program (top, TRUE);

  start (&run, binary, "ru_RU.UTF-8", fixture->database, NULL);
  g_assert_true (run.ok);
  g_assert_cmpuint (count (run.out, "first-frame "), ==, 1);
  g_assert_null (strstr (run.err, "WARNING"));

  g_clear_pointer (&run.out, g_free);
  g_clear_pointer (&run.err, g_free);
  start (&run, binary, "ru_RU.UTF-8", fixture->database, "--seed-demo=many");
  g_assert_false (run.ok);
  g_assert_nonnull (strstr (run.err, "принимает число клиентов"));
}

/* Ended by SIGTERM (a session that ends) once its window is up, the
 * program closes the database: no WAL is left beside it, which would make
 * the next start read every page of a large file to check it. */
static void
test_start_sigterm (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *wal = g_strconcat (fixture->database, "-wal", NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *seed_argv[] = { g_getenv ("KLIJENTELA_BINARY"), "--database", fixture->database, "--seed-demo=30", NULL };
  const char *argv[] = { g_getenv ("KLIJENTELA_BINARY"), "--database", fixture->database, NULL };
  GPid pid;
  int out_fd, status;

  /* clients in the list, which holds the database until its idles run */
  g_spawn_sync (NULL, (char **)seed_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  envp = g_environ_setenv (envp, "KLIJENTELA_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "KLIJENTELA_NO_DAILY_BACKUP", "1", TRUE);
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  while (strstr (out->str, "first-frame ") == NULL)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char chunk[256];
      ssize_t n;

      g_assert_cmpint (poll (&pfd, 1, 60000), ==, 1);
      n = read (out_fd, chunk, sizeof chunk);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (out, chunk, n);
    }
  /* beside the database while it is open */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (kill (pid, SIGTERM), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (out_fd);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/start/build-tree", Fixture, NULL, fixture_set_up, test_start_build_tree, fixture_tear_down);
  g_test_add ("/start/without-schema", Fixture, NULL, fixture_set_up, test_start_without_schema, fixture_tear_down);
  g_test_add ("/start/installed", Fixture, NULL, fixture_set_up, test_start_installed, fixture_tear_down);
  g_test_add ("/start/sigterm", Fixture, NULL, fixture_set_up, test_start_sigterm, fixture_tear_down);

  return g_test_run ();
}
