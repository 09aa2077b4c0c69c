#!/usr/bin/env bash
# Renders the exported workbook as it prints, one PNG per sheet, for the
# README: the nine workshops of `taller demo`, exported in Spanish with
# comments, converted to PDF by LibreOffice (Letter, as the sheets are set
# up) and rasterised by pdftoppm.
#   workbook-resumen.png  workbook-talleres.png  workbook-demografia.png
#   workbook-evaluacion.png  workbook-evaluacion-graficos.png
#   workbook-comentarios.png
#
# usage: report/testdata/screenshots.sh [BINARY] [OUTPUT_DIR]
#        (defaults: ./taller and docs/screenshots)
#
# Needs libreoffice-calc-nogui and poppler-utils (make deps installs them).
set -euo pipefail

BIN=$(realpath "${1:-./taller}")
OUT=${2:-docs/screenshots}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TALLER_LANG=es
# Fyne, linked into the binary, complains about a locale such as "C".
case "${LANG:-C}" in C | C.* | POSIX) export LANG=es_SV.UTF-8 ;; esac


"$BIN" --data "$WORK/data" demo >/dev/null 2>&1
"$BIN" --data "$WORK/data" export --all --lang es --include-comments -o "$WORK/talleres.xlsx" >/dev/null 2>&1
# A throwaway LibreOffice profile: never the user's, never shared.
soffice --headless "-env:UserInstallation=file://$WORK/profile" --convert-to pdf --outdir "$WORK" "$WORK/talleres.xlsx" >/dev/null 2>&1
PDF="$WORK/talleres.pdf"
PAGES=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')

# Each page's footer names its sheet ("Resumen … 1 / 17"): keep the first
# page of each sheet, and the Evaluation's first chart.
declare -A seen
for ((p = 1; p <= PAGES; p++)); do
	sheet=$(pdftotext -f "$p" -l "$p" -layout "$PDF" - | grep -E '[0-9]+ / [0-9]+ *$' | tail -1 | awk '{print $1}')
	case "$sheet" in
	Resumen) name=resumen ;;
	Talleres) name=talleres ;;
	Demografía) name=demografia ;;
	Evaluación) name=evaluacion ;;
	Comentarios) name=comentarios ;;
	*) continue ;;
	esac
	if [ -n "${seen[$name]:-}" ]; then
		[ "$name" = evaluacion ] && [ -z "${seen[evaluacion-graficos]:-}" ] || continue
		name=evaluacion-graficos
	fi
	seen[$name]=1
	pdftoppm -f "$p" -l "$p" -r 80 -png -singlefile "$PDF" "$OUT/workbook-$name"
done
ls "$OUT"/workbook-*.png
