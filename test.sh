#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite headless.
#   ./test.sh             the normal build (_build)
#   ./test.sh --sanitize  the same suite under AddressSanitizer and UBSan (_build-sanitize)
set -euo pipefail
cd "$(dirname "$0")"
. tools/deps.sh

kl_install_packages $KL_BUILD_PACKAGES $KL_TEST_PACKAGES
kl_install_locales

if [ "${1:-}" = "--sanitize" ]; then
  kl_build _build-sanitize -Db_sanitize=address,undefined -Db_lundef=false
  export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
  dir=_build-sanitize
else
  kl_build _build
  dir=_build
fi

# The GUI tests get a session bus of their own (GTK wants one; without it
# GLib would try dbus-launch, which a fresh Debian 12 does not have).
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
  meson test -C "$dir" --print-errorlogs --num-processes 2
