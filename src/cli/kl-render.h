/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-cli.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* --render-funnel and --render-forecast OUT.png|.pdf|.svg: the funnel and
 * the forecast as pictures, no display. */

/* Exit statuses */
enum {
  KL_RENDER_OK = 0,
  KL_RENDER_INVALID = 1,        /* nothing written: an option that cannot be */
  KL_RENDER_FAILED = 2,         /* nothing written: the database or the file failed */
};

/* Checks the options before any database is opened; FALSE with a message
 * on standard error. Switches the language when --lang asks. */
/* Switches the messages, numbers and dates to "hr", "ru" or "en" for
 * the rest of the run; FALSE for another code. */
gboolean kl_render_switch_language (const char *lang);
gboolean kl_render_check_options (const KlCliOptions *options);
int      kl_render_funnel        (KlSession          *session,
                                  const KlCliOptions *options);
int      kl_render_forecast      (KlSession          *session,
                                  const KlCliOptions *options);

G_END_DECLS
