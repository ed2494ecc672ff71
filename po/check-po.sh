#!/bin/sh
# Checks that po/LANG.po compiles, has nothing fuzzy or untranslated, and
# covers every string marked in the sources listed in POTFILES.in.
set -eu
top=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 \
  --files-from="$tmp/files" -o "$tmp/klijentela.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log" >&2; exit 1; }
msgfmt --check -o /dev/null "po/$lang.po"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "po/$lang.po" "$tmp/klijentela.pot"
stats=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "$lang: $stats"
case "$stats" in
  *fuzzy*|*untranslated*)
    echo "po/$lang.po is missing translations:" >&2
    msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null | grep '^msgid' >&2 || true
    msgattrib --untranslated "$tmp/merged.po" | grep -A1 '^msgid' | head -60 >&2
    exit 1 ;;
esac
