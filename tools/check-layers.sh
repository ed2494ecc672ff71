#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file includes what its layer may not see (HACKING.md,
# "Where things live"). Each layer sees only itself and the layers below:
#
#   core    GLib only: no GIO, SQLite, GTK, Cairo, Pango, libxlsxwriter
#   model   core + GIO + SQLite (demo data included): no GTK, libadwaita, Cairo, Pango, libxlsxwriter
#   report  model + Cairo, Pango, libxlsxwriter: no GTK, libadwaita
#   cli     model, report: no GTK, libadwaita
#   gui     everything
#
# Usage: check-layers.sh SOURCE_ROOT
set -u
root=${1:-.}
cd "$root/src" || exit 2

status=0

# The project headers of a layer and of the layers it may see.
headers_of () {
  for layer in "$@"; do
    find "$layer" -name '*.h' -exec basename {} \;
  done | sort -u | tr '\n' ' '
}

# check LAYER "ALLOWED LAYERS" FORBIDDEN-SYSTEM-REGEX
check () {
  layer=$1
  allowed=$2
  forbidden=$3
  known=" $(headers_of $allowed) "

  for file in $(find "$layer" -name '*.c' -o -name '*.h' | sort); do
    # System headers the layer may not see.
    grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<($forbidden)" "$file" |
      while IFS= read -r line; do
        echo "$file:${line%%:*}: $layer may not include ${line#*#include}" >&2
        echo x
      done | grep -q x && status=1

    # Project headers of a layer above.
    for header in $(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/p' "$file"); do
      name=$(basename "$header")
      case "$name" in config.h) continue ;; esac
      case "$known" in *" $name "*) continue ;; esac
      case "$all" in *" $name "*)
        echo "$file: $layer may not include \"$name\" (a layer above it)" >&2
        status=1 ;;
      esac
    done
  done
}

all=" $(headers_of core model report cli gui) "

glib_only='gio/|sqlite3\.h|gtk/|adwaita\.h|gdk/|cairo|pango|xlsxwriter'
no_views='gtk/|adwaita\.h|gdk/|cairo|pango|xlsxwriter'
no_gtk='gtk/|adwaita\.h|gdk/'

check core   "core"                        "$glib_only"
check model  "core model"                  "$no_views"
check report "core model report"           "$no_gtk"
check cli    "core model report cli"       "$no_gtk"

if [ $status -eq 0 ]; then
  echo "Every layer includes only what it may see."
fi
exit $status
