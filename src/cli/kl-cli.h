/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char     *database;     /* NULL: the default database */
  gboolean  version;
  gboolean  seed_demo;
  guint     seed_clients;
  char     *import_csv;
  char     *backup;       /* --backup OUT */
  char     *render_funnel; /* --render-funnel OUT.png|.pdf|.svg */
  char     *render_forecast; /* --render-forecast OUT.png|.pdf|.svg */
  char     *export_xlsx;
  char     *export_pdf;   /* --export-pdf offer:NUMBER|contract:NUMBER */
  char     *export_pdf_out; /* the PDF file after it */
  char     *lang;
  char     *from;
  char     *to;
  gint64    manager;
  char     *size;
} KlCliOptions;

/* The exit status when the database cannot be opened or copied: damaged,
 * not a Klijentela database, newer, locked, unreadable. */
#define KL_CLI_EXIT_DATABASE 2

void     kl_cli_options_clear (KlCliOptions  *options);
/* Parses the command line. Returns FALSE with a message on error. */
gboolean kl_cli_parse         (KlCliOptions  *options,
                               int           *argc,
                               char        ***argv,
                               GError       **error);
/* TRUE when the options ask for work done without a window. */
gboolean kl_cli_is_headless   (const KlCliOptions *options);
/* Does that work; returns the exit status and prints to stdout/stderr. */
int      kl_cli_run           (const KlCliOptions *options);
char    *kl_cli_database_path (const KlCliOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KlCliOptions, kl_cli_options_clear)

G_END_DECLS
