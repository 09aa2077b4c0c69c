#!/usr/bin/env bash
# Regenerates the README's screenshots from the real program, in Spanish:
#   run-es.png        the Run screen of the facilitator's laptop
#   presenter-es.png  the presenter window, as the projector shows it
#   presenter-1024-es.png  the same on a 1024×768 projector
#   run-1024x600-es.png    the Run screen on a 1024×600 netbook
#   phone-es.png      the check-in page as a phone shows it (needs chromium)
#
# usage: app/testdata/screenshots.sh [BINARY] [OUTPUT_DIR]
#        (defaults: ./taller and docs/screenshots)
#
# Needs Xvfb, xdotool and imagemagick (make deps installs them). The data
# is the reference scenario of `taller demo`, in a temporary folder.
set -euo pipefail

BIN=$(realpath "${1:-./taller}")
OUT=${2:-docs/screenshots}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
DATA=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$DATA"
}
trap cleanup EXIT

# A virtual screen on a display Xvfb picks itself (-displayfd): never one
# another run uses. xvfb WxH sets DISPLAY.
xvfb() {
	local fifo="$DATA/xfifo.$1"
	mkfifo "$fifo"
	Xvfb -displayfd 7 -screen 0 "$1x24" -nolisten tcp 7>"$fifo" >/dev/null 2>&1 &
	PIDS+=($!)
	local n
	read -r n <"$fifo"
	export DISPLAY=":$n"
}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TALLER_LANG=es HOME="$DATA/home"
mkdir -p "$HOME"
xvfb 1366x768

"$BIN" --data "$DATA" demo >/dev/null 2>&1
ID=$("$BIN" --data "$DATA" workshop list 2>/dev/null | awk 'NR == 2 { print $1 }')
"$BIN" --data "$DATA" agenda apply "$ID" --template half-day >/dev/null 2>&1
"$BIN" --data "$DATA" workshop open "$ID" checkin >/dev/null 2>&1

shoot() { # window-name file
	local win
	win=$(xdotool search --sync --onlyvisible --name "$1" | head -n 1)
	sleep 2 # let it draw
	import -window "$win" "$2"
	echo "wrote $2"
}

# The Run screen, then the presenter window, of the first workshop.
TALLER_SCREEN=run "$BIN" --data "$DATA" >/dev/null 2>&1 &
PIDS+=($!)
shoot '^Taller$' "$OUT/run-es.png"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

TALLER_SCREEN=presenter "$BIN" --data "$DATA" >/dev/null 2>&1 &
PIDS+=($!)
shoot '^Taller — ' "$OUT/presenter-es.png"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# The projector window on a 1024×768 projector.
xvfb 1024x768
TALLER_SCREEN=presenter "$BIN" --data "$DATA" >/dev/null 2>&1 &
PIDS+=($!)
shoot '^Taller — ' "$OUT/presenter-1024-es.png"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# The Run screen on a 1024×600 netbook.
xvfb 1024x600
TALLER_SCREEN=run "$BIN" --data "$DATA" >/dev/null 2>&1 &
PIDS+=($!)
shoot '^Taller$' "$OUT/run-1024x600-es.png"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# A phone page: the check-in form at 360×640, in Spanish.
if command -v chromium >/dev/null; then
	PORT=18080
	"$BIN" --data "$DATA" serve --workshop "$ID" --addr "127.0.0.1:$PORT" >"$DATA/serve.out" 2>/dev/null &
	PIDS+=($!)
	for _ in $(seq 50); do grep -q '^join: ' "$DATA/serve.out" && break; sleep 0.1; done
	URL=$(sed -n 's/^join: //p' "$DATA/serve.out")
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --lang=es \
		--window-size=360,640 --screenshot="$OUT/phone-es.png" "$URL" >/dev/null 2>&1
	echo "wrote $OUT/phone-es.png"
else
	echo "chromium not found: phone-es.png not made" >&2
fi
