#!/bin/sh
# Makes the fonts in this folder from their sources with fontTools'
# pyftsubset (Debian: apt-get install fonttools). Run from anywhere:
#
#	assets/fonts/subset.sh [FYNE_FONT_DIR]
#
# FYNE_FONT_DIR is Fyne's theme/font folder of the version in go.mod (by
# default found in the Go module cache); DEJAVU_DIR the folder of the
# original DejaVu Sans 2.37 (default /usr/share/fonts/truetype/dejavu,
# Debian's fonts-dejavu-core).
#
# Both keep the letters of Unicode's Basic Latin to Latin Extended-B and
# Latin Extended Additional (Spanish, English, the Mayan, Garifuna and
# Miskito languages as they are written today), combining accents,
# punctuation, currency and arrows; the printed font also Latin
# Extended-C, -D and -E (the saltillo), which on screen come from the
# system's fonts. TrueType hinting is dropped: neither Fyne's renderer nor
# a PDF at print resolution runs it, and it was more than half of every
# file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fyne=${1:-$(go list -m -f '{{.Dir}}' fyne.io/fyne/v2)/theme/font}
dejavu=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
latin='U+0000-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+FB00-FB06,U+FEFF,U+FFFD'
common='--notdef-outline --name-IDs=* --name-languages=* --no-hinting'

# The app's text font: Fyne's Noto Sans. A glyph outside the subset (a
# Greek or Cyrillic name, a rarer Latin letter, an emoji typed on a phone)
# is drawn from the system's fonts, as Fyne draws every glyph Noto Sans
# lacks.
for style in Regular Bold Italic BoldItalic; do
	pyftsubset "$fyne/NotoSans-$style.ttf" --unicodes="$latin" $common \
		--output-file="$here/NotoSans-$style.latin.ttf"
done

# The printed sheets' font: DejaVu Sans, with Greek and Cyrillic too (a
# PDF has no fallback: printout drops what the font cannot draw) and the
# symbols the sheets use (the slips' scissors).
printed="$latin,U+2C60-2C7F,U+A720-A7FF,U+AB30-AB6F,U+0370-03FF,U+0400-052F,U+1F00-1FFF,U+2200-22FF,U+2500-25FF,U+2600-26FF,U+2700-27BF"
pyftsubset "$dejavu/DejaVuSans.ttf" --unicodes="$printed" $common --output-file="$here/DejaVuSans.ttf"
pyftsubset "$dejavu/DejaVuSans-Bold.ttf" --unicodes="$printed" $common --output-file="$here/DejaVuSans-Bold.ttf"
