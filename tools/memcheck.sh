#!/usr/bin/env bash
# Runs the model and command-line tests under valgrind memcheck and fails
# on any definite leak or invalid access. tools/valgrind.supp holds the few
# leaks inside fontconfig and Pango that it does not count (each explained).
#   tools/memcheck.sh [BUILD_DIR [TEST…]]   (default _build, a build without
#                                           ASan, and every test program of
#                                           the model and cli suites)
# Each test program's report is in BUILD_DIR/memcheck/NAME.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/deps.sh
kl_install_packages valgrind
build=${1:-_build}
shift || true
out=$build/memcheck
mkdir -p "$out"

export G_TEST_SRCDIR=$PWD/tests G_TEST_BUILDDIR=$PWD/$build/tests
export G_SLICE=always-malloc G_DEBUG=gc-friendly
export GSETTINGS_BACKEND=memory KLIJENTELA_LOCALEDIR=$PWD/$build/po
# test-cli runs the real binary: under valgrind too, every child.
export KLIJENTELA_BINARY=$PWD/$build/src/klijentela

tests="$*"
# Every test program of the model and cli suites (the kill test is a script).
[ -n "$tests" ] || tests=$(meson test -C "$build" --list --suite model --suite cli 2>/dev/null |
  sed -n 's|^.* / \(test-[a-z0-9-]*\)$|\1|p' | while read -r t; do [ -x "$build/tests/$t" ] && echo "$t"; done)
status=0
for t in $tests; do
  log=$out/$t.log
  if valgrind --tool=memcheck --suppressions=tools/valgrind.supp --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
       --error-exitcode=99 --trace-children=yes --num-callers=30 --log-file="$log.%p" \
       "$build/tests/$t" >"$out/$t.out" 2>&1; then
    result=ok
  else
    result="FAILED ($?)"
    status=1
  fi
  cat "$log".* > "$log"; rm -f "$log".*
  definite=$(grep -h "definitely lost:" "$log" | awk '{gsub(/,/, "", $4); s += $4} END {print s + 0}')
  errors=$(grep -h "ERROR SUMMARY:" "$log" | awk '{gsub(/,/, "", $4); s += $4} END {print s + 0}')
  printf '%-24s %s  definitely lost: %s bytes  errors: %s\n' "$t" "$result" "$definite" "$errors"
done
exit $status
