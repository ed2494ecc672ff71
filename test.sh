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
  # ASan and UBSan make the GUI tests three to five times slower, more on a
  # busy machine; the timeouts in tests/meson.build are for the normal build.
  multiplier=3
else
  kl_build _build
  dir=_build
  multiplier=1
fi

# A runtime directory of our own: without one, the accessibility bus of
# every run by the same user is ~/.cache/at-spi/bus, and one run ending
# removes the socket another is using (GTK then fails a test with
# "Unable to connect to the accessibility bus").
XDG_RUNTIME_DIR=$(mktemp -d)
export XDG_RUNTIME_DIR
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT

# The GUI tests get a session bus of their own (GTK wants one; without it
# GLib would try dbus-launch, which a fresh Debian 12 does not have).
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
  meson test -C "$dir" --print-errorlogs --num-processes 2 \
  --timeout-multiplier "$multiplier"
