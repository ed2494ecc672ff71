# Shared by run.sh and test.sh: install what Klijentela needs on Debian 12.
# shellcheck shell=bash

KL_BUILD_PACKAGES="gcc pkg-config meson ninja-build gettext libglib2.0-dev libglib2.0-dev-bin \
libgtk-4-dev libadwaita-1-dev libsqlite3-dev libcairo2-dev libxlsxwriter-dev \
desktop-file-utils appstream-util fonts-dejavu-core"
KL_TEST_PACKAGES="xvfb xauth locales dbus at-spi2-core python3-openpyxl poppler-utils libreoffice-calc-nogui python3-pyatspi xdotool"
# fuzz/run.sh (libFuzzer) and tools/memcheck.sh (valgrind) only.
KL_CHECK_PACKAGES="clang libclang-rt-14-dev valgrind"

kl_as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "Please run this as root or install sudo: it needs to run: $*" >&2
    return 1
  fi
}

# kl_install_packages PACKAGE… — installs those that are not installed yet.
kl_install_packages () {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  kl_as_root apt-get update -q
  kl_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The Croatian and Russian locales the tests switch to.
kl_install_locales () {
  local have
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z')
  if echo "$have" | grep -qx 'hr_hr.utf8' && echo "$have" | grep -qx 'ru_ru.utf8'; then
    return 0
  fi
  kl_as_root sed -i -E 's/^# *(hr_HR\.UTF-8 UTF-8)/\1/; s/^# *(ru_RU\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  grep -q '^hr_HR.UTF-8 UTF-8' /etc/locale.gen || echo 'hr_HR.UTF-8 UTF-8' | kl_as_root tee -a /etc/locale.gen >/dev/null
  grep -q '^ru_RU.UTF-8 UTF-8' /etc/locale.gen || echo 'ru_RU.UTF-8 UTF-8' | kl_as_root tee -a /etc/locale.gen >/dev/null
  kl_as_root locale-gen
}

# kl_build DIR [MESON OPTION…] — configures DIR once, then builds it.
kl_build () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}
