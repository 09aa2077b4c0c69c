#!/usr/bin/env bash
# Regenerates the README's pictures of the printables from the real
# program, in Spanish: the first page of each, rendered by poppler.
#   print-poster.png print-slips.png print-quiz.png print-evaluation.png
#   print-tally.png print-agenda.png print-take-home.png
#
# usage: printout/testdata/screenshots.sh [BINARY] [OUTPUT_DIR]
#        (defaults: ./taller and docs/screenshots)
#
# Needs pdftoppm (poppler-utils; make deps installs it). The workshop is
# made in a temporary data folder; its join token, and so the poster's QR
# code, is new on every run.
set -euo pipefail

BIN=$(realpath "${1:-./taller}")
OUT=${2:-docs/screenshots}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LANG=en_US.UTF-8 TALLER_LANG=es
taller() { "$BIN" --data "$TMP/data" "$@"; }

id=$(taller workshop add --title "Taller comunitario de resiliencia" --country SV \
	--locality "San Vicente" --org "Red de Mujeres" --date 2024-06-10 --start 09:00 --lang es)
taller agenda apply "$id" --template half-day >/dev/null
taller settings set wifi_ssid "Taller-Sala" >/dev/null
taller settings set wifi_password "comunidad2024" >/dev/null

for kind in poster slips quiz evaluation tally agenda take-home; do
	taller print "$kind" --workshop "$id" -o "$TMP/$kind.pdf" --host 192.168.137.1 >/dev/null
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$TMP/$kind.pdf" "$OUT/print-$kind"
done
echo "wrote $OUT/print-*.png"
