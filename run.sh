#!/usr/bin/env bash
# Installs what is missing, builds, and starts Klijentela. A new database
# gets demo data first. Arguments go to klijentela (e.g. --database FILE).
set -euo pipefail
cd "$(dirname "$0")"
. tools/deps.sh

kl_install_packages $KL_BUILD_PACKAGES
kl_build _build

export GSETTINGS_SCHEMA_DIR=$PWD/_build/resources
export KLIJENTELA_LOCALEDIR=$PWD/_build/po

db=${XDG_DATA_HOME:-$HOME/.local/share}/klijentela/klijentela.db
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --database=*) db=${!i#--database=} ;;
    --database|-d) j=$((i + 1)); db=${!j} ;;
  esac
done
if [ ! -s "$db" ]; then
  ./_build/src/klijentela --database "$db" --seed-demo
fi

exec ./_build/src/klijentela "$@"
