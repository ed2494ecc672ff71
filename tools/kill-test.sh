#!/usr/bin/env bash
# Kills klijentela with SIGKILL at random moments of an import, a demo
# seeding, a merge and an XLSX export, and checks what is left each time:
# integrity_check ok, no broken reference, the import or seeding wholly there
# or wholly absent, the merged clients and their activities all accounted
# for, the export either absent or a whole workbook.
#   tools/kill-test.sh [BUILD_DIR] [--quick]
# The full run: 100 000-line imports, 15 kills of each (60 in all).
# --quick (the meson test 'kills'): 3 000 lines, 3 kills of each.
set -euo pipefail
cd "$(dirname "$0")/.."
build=_build
quick=0
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    *) build=$a ;;
  esac
done
bin=${KLIJENTELA_BINARY:-$build/src/klijentela}
helper=${KILL_HELPER:-$build/tests/kill-helper}
py=/usr/bin/python3
if [ $quick = 1 ]; then lines=3000 seed=300 base=200 rounds=3; else lines=100000 seed=5000 base=1000 rounds=15; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
kills=0 failures=0 wholly_there=0 wholly_absent=0 parts_left=0 temps_left=0

fail () { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# kill_at CMD… : runs it, SIGKILLs it after a random part of $dur seconds.
kill_at () {
  local delay
  delay=$($py -c "import random; print(round(random.uniform(0.02, $dur), 3))")
  "$@" >"$work/out" 2>&1 &
  local pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
}

# timed CMD…: how long it takes when left alone (seconds).
timed () {
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
  $py -c "print(max(0.1, $t1 - $t0))"
}

check () {   # check DB → sets integrity clients activities fk
  read -r integrity clients activities fk < <("$helper" check "$1")
  [ "$integrity" = ok ] || fail "$2: integrity_check: $integrity"
  [ "$fk" = 0 ] || fail "$2: $fk broken references"
}

# The base database: $base demo clients with their activities and deals.
"$bin" --database "$work/base.db" --seed-demo "$base" >/dev/null
read -r _ base_clients base_activities _ < <("$helper" check "$work/base.db")
$py - "$work/import.csv" "$lines" <<'PY'
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write('Naziv;Grad;Bilješke\n')
    for i in range(int(sys.argv[2])):
        f.write(f'Uvoz {i} d.o.o.;Zagreb;Redak {i}\n')
PY

echo "== import of $lines lines into $base_clients clients"
cp "$work/base.db" "$work/t.db"; dur=$(timed "$bin" --database "$work/t.db" --import-csv "$work/import.csv")
for i in $(seq "$rounds"); do
  rm -rf "$work/t.db"* "$work"/t-backups; cp "$work/base.db" "$work/t.db"
  kill_at "$bin" --database "$work/t.db" --import-csv "$work/import.csv"
  check "$work/t.db" import
  if [ "$clients" = "$base_clients" ]; then wholly_absent=$((wholly_absent + 1))
  elif [ "$clients" = $((base_clients + lines)) ]; then wholly_there=$((wholly_there + 1))
  else fail "import: $clients clients, expected $base_clients or $((base_clients + lines))"; fi
  # The program opens it afterwards; a daily backup the kill cut short is
  # removed at that start.
  "$bin" --database "$work/t.db" --backup "$work/after.db" >/dev/null || fail "import: does not open after the kill"
  parts=$(ls "$work/t-backups" 2>/dev/null | grep -c '\.part' || true)
  parts_left=$((parts_left + parts))
  "$bin" --database "$work/t.db" --render-funnel "$work/after.png" >/dev/null || fail "import: does not start after the kill"
  parts=$(ls "$work/t-backups" 2>/dev/null | grep -c '\.part' || true)
  [ "$parts" = 0 ] || fail "import: $parts unfinished backup files left after the next start: $(ls "$work/t-backups" | tr '\n' ' ')"
done

echo "== demo seeding of $seed clients"
dur=$(timed "$bin" --database "$work/s0.db" --seed-demo "$seed")
for i in $(seq "$rounds"); do
  rm -f "$work/s.db"*
  kill_at "$bin" --database "$work/s.db" --seed-demo "$seed"
  [ -f "$work/s.db" ] || { wholly_absent=$((wholly_absent + 1)); continue; }
  check "$work/s.db" seeding
  if [ "$clients" = 0 ] || [ "$clients" = -1 ]; then wholly_absent=$((wholly_absent + 1))
  elif [ "$clients" = "$seed" ]; then wholly_there=$((wholly_there + 1))
  else fail "seeding: $clients clients, expected 0 or $seed"; fi
done

echo "== merges of $base_clients clients into one"
cp "$work/base.db" "$work/m.db"; dur=$(timed "$helper" merge "$work/m.db")
for i in $(seq "$rounds"); do
  rm -f "$work/m.db"*; cp "$work/base.db" "$work/m.db"
  kill_at "$helper" merge "$work/m.db"
  check "$work/m.db" merge
  done_merges=$(grep -c '^merged' "$work/out" || true)
  # Each merge removes one client, all or nothing; activities only move.
  [ "$activities" = "$base_activities" ] || fail "merge: $activities activities, expected $base_activities"
  [ $((base_clients - clients)) -ge "$done_merges" ] && [ $((base_clients - clients)) -le $((done_merges + 1)) ] ||
    fail "merge: $clients clients after $done_merges reported merges"
done

echo "== XLSX export"
dur=$(timed "$bin" --database "$work/base.db" --export-xlsx "$work/full.xlsx")
for i in $(seq "$rounds"); do
  rm -f "$work/e.xlsx" "$work"/.e.xlsx.*
  kill_at "$bin" --database "$work/base.db" --export-xlsx "$work/e.xlsx"
  if [ -e "$work/e.xlsx" ]; then
    $py -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); sys.exit(1 if z.testzip() else 0)" "$work/e.xlsx" ||
      fail "export: a half-written $work/e.xlsx"
    wholly_there=$((wholly_there + 1))
  else
    wholly_absent=$((wholly_absent + 1))
  fi
  leftovers=$(ls -a "$work" | grep -c '^\.e\.xlsx\.' || true)
  temps_left=$((temps_left + leftovers))
done
# The next export removes what the killed ones left beside its target.
"$bin" --database "$work/base.db" --export-xlsx "$work/e.xlsx" >/dev/null 2>&1 || fail "export: fails after the kills"
leftovers=$(ls -a "$work" | grep -c '^\.e\.xlsx\.' || true)
[ "$leftovers" = 0 ] || fail "export: $leftovers temporary .e.xlsx.* files left after the next export"
check "$work/base.db" export

echo "kills: $kills; afterwards wholly there: $wholly_there, wholly absent: $wholly_absent; failures: $failures"
echo "unfinished files the kills left, all removed by the next start or export: backups $parts_left, workbooks $temps_left"
[ "$failures" = 0 ]
