#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined)
# in _build-fuzz and runs them ONE AT A TIME, each for SECONDS (default 600),
# at the lowest priority. Each starts from its corpus in fuzz/corpus/TARGET
# (kept small in the repository); what it finds new goes to
# _build-fuzz/corpus/TARGET, crashes to _build-fuzz/crashes/TARGET/.
#   fuzz/run.sh [SECONDS] [TARGET…]      targets: csv validation fold query number-pattern
# A crash becomes a regression test: copy the input to tests/data/fuzz/TARGET/
# under a name that says what it broke; test-fuzz-TARGET (tests/fuzz-replay.c)
# replays every file there in the normal suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/deps.sh
kl_install_packages $KL_BUILD_PACKAGES $KL_CHECK_PACKAGES

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv validation fold query number-pattern)

if [ ! -f _build-fuzz/build.ninja ]; then
  CC=clang meson setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
meson compile -C _build-fuzz "${targets[@]/#/fuzz-}"

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  mkdir -p "_build-fuzz/corpus/$t" "_build-fuzz/crashes/$t"
  echo "== fuzz-$t for ${seconds}s"
  nice -n 19 "_build-fuzz/fuzz/fuzz-$t" -max_total_time="$seconds" -max_len=4096 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="_build-fuzz/crashes/$t/" \
    "_build-fuzz/corpus/$t" "fuzz/corpus/$t" 2>&1 | tail -n 40 || status=1
done
exit $status
