#!/usr/bin/env bash
# check-fresh.sh — proves the README's two commands on a clean Debian 12.
#
#   tools/check-fresh.sh            (as root, from anywhere in the repository)
#
# Makes two clean Debian 12 roots with ../shared/tools/fresh-debian.sh
# (debootstrap from this machine's package source, a copy of the
# repository's files and nothing else; set FRESH_DEBIAN to use another
# script with the same interface) and in them:
#   1. `./test.sh` — installs, builds and runs the whole suite: must pass;
#   2. `./run.sh` — installs, builds, seeds the demo database and starts the
#      window: under Xvfb and a session bus (what a desktop gives it), the
#      main window must paint its first frame (KLIJENTELA_FIRST_FRAME=1) and
#      the program still be running a few seconds later; then it is stopped.
# Each takes minutes (packages, a full build). Exit status 0 when both pass.
#
# Inside a root it is called again with --inside test|run.
set -uo pipefail

# The root shares the machine's network namespace, so X servers of the
# machine hold abstract sockets (@/tmp/.X11-unix/X<n>) that the root's own
# /tmp does not show: `xvfb-run -a` would pick a display that is taken and
# its Xvfb would not start. Lock files for the displays in use make it
# choose a free one.
reserve_displays () {
  local n
  for n in $(grep -o '@/tmp/.X11-unix/X[0-9]*' /proc/net/unix 2>/dev/null | sed 's/.*X//' | sort -un); do
    [ -e "/tmp/.X$n-lock" ] || echo "reserved by check-fresh.sh" > "/tmp/.X$n-lock"
  done
}

inside_test () {
  reserve_displays
  ./test.sh
}

inside_run () {
  local out=/tmp/check-fresh-run.out err=/tmp/check-fresh-run.err
  local db=$HOME/.local/share/klijentela/klijentela.db
  local pid i status=0

  # What a desktop session has and a bare root has not: a display and a
  # session bus. Nothing of Klijentela's own comes with them.
  echo "check-fresh: installing a display for the window (xvfb xauth dbus)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth dbus >/dev/null \
    || { echo "check-fresh: could not install Xvfb" >&2; return 1; }

  export KLIJENTELA_FIRST_FRAME=1
  reserve_displays
  dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
    out=$1 err=$2
    ./run.sh >"$out" 2>"$err" &
    pid=$!
    # installs and builds first: up to 20 minutes on a slow machine
    for ((i = 0; i < 2400; i++)); do
      grep -q "^first-frame " "$out" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if ! grep -q "^first-frame " "$out"; then
      echo "check-fresh: run.sh never showed the window" >&2
      kill "$pid" 2>/dev/null
      exit 1
    fi
    sleep 3
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "check-fresh: the window came up, then the program ended" >&2
      exit 1
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null
    exit 0' _ "$out" "$err" || status=1

  echo "--- run.sh, standard output:"
  cat "$out"
  echo "--- run.sh, standard error:"
  cat "$err"
  echo "---"
  if [ ! -s "$db" ]; then
    echo "check-fresh: run.sh made no database at $db" >&2
    status=1
  else
    echo "check-fresh: the database: $(stat -c '%a %s bytes' "$db") $db"
    [ "$(stat -c %a "$db")" = 600 ] || { echo "check-fresh: $db is not mode 0600" >&2; status=1; }
  fi
  grep -q "^first-frame " "$out" || status=1
  if grep -E "CRITICAL|ERROR" "$err"; then
    echo "check-fresh: run.sh printed errors" >&2
    status=1
  fi
  return $status
}

case "${1:-}" in
  --inside)
    case "${2:-}" in
      test) inside_test; exit ;;
      run) inside_run; exit ;;
      *) echo "check-fresh: --inside test|run" >&2; exit 2 ;;
    esac ;;
  "") ;;
  *) echo "usage: tools/check-fresh.sh" >&2; exit 2 ;;
esac

[ "$(id -u)" -eq 0 ] || { echo "check-fresh: run as root (it makes chroots)" >&2; exit 2; }
top=$(git rev-parse --show-toplevel) || exit 2
cd "$top"
# ../shared beside the main checkout; a worktree is one folder deeper
fresh=${FRESH_DEBIAN:-}
for candidate in "$top/../shared/tools/fresh-debian.sh" "$top/../../shared/tools/fresh-debian.sh"; do
  [ -z "$fresh" ] && [ -x "$candidate" ] && fresh=$candidate
done
[ -n "$fresh" ] && [ -x "$fresh" ] || { echo "check-fresh: no ../shared/tools/fresh-debian.sh (set FRESH_DEBIAN)" >&2; exit 2; }

result=0
for step in test run; do
  start=$(date +%s)
  echo "=== check-fresh: ./$step.sh in a clean Debian 12 root"
  if "$fresh" bash tools/check-fresh.sh --inside "$step"; then
    echo "=== check-fresh: ./$step.sh PASSED in $(( $(date +%s) - start )) s"
  else
    echo "=== check-fresh: ./$step.sh FAILED after $(( $(date +%s) - start )) s"
    result=1
  fi
done
exit $result
