package ui

import (
	"sync"
	_ "unsafe" // go:linkname

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/fontscan"

	"taller/assets"
)

// Fyne keeps one font map of the system's fonts (go-text's fontscan) for
// the glyphs its own font, Noto Sans, lacks. But the first time it draws a
// text style (regular, bold, italic…) it also asks that map for the
// system's font that covers the user's language and loads and parses it
// whole beside Noto Sans: on Debian DejaVu Sans, its bold and its oblique,
// about 7 MB of the app's 20 MB live heap, for fonts that then draw not
// one glyph of a Latin, Greek or Cyrillic language, which Noto Sans covers.
//
// Fyne has no setting for this. PrimeFonts loads the styles the app draws
// while Fyne's font map is still empty (so without that font), then gives
// Fyne the map of the system's fonts. A glyph Noto Sans lacks (an emoji, a
// Chinese name typed on a phone) still comes from the system's fonts, as
// before, loaded when it is first drawn; only the eager per-style copy is
// gone. When the language is one Noto Sans does not cover, or when Fyne
// reloads its fonts after a change of its settings, Fyne loads the
// language's font as it always did.
//
// The three variables are Fyne's own (internal/painter, fyne.io/fyne/v2
// v2.7.1): if an upgrade renames them the build fails at link time, and
// TestPrimeFonts checks that the fonts still fall back.
var (
	//go:linkname fyneFontMap fyne.io/fyne/v2/internal/painter.fm
	fyneFontMap *fontscan.FontMap
	//go:linkname fyneFontMapLoaded fyne.io/fyne/v2/internal/painter.loaded
	fyneFontMapLoaded bool
	//go:linkname fyneFontScanLock fyne.io/fyne/v2/internal/painter.fontScanLock
	fyneFontScanLock sync.Mutex
)

// primedStyles are the text styles the app draws in its main window
// (italic for hints); priming one it never draws would parse a font for
// nothing. Bold italic and monospace (the projector's address) load as
// Fyne loads them.
var primedStyles = []fyne.TextStyle{{}, {Bold: true}, {Italic: true}}

// PrimeFonts loads Fyne's fonts for primedStyles without the system's
// language font, as described above, and in their Latin subsets
// (useLatinFonts). Call it once the app exists, before
// its first window; it does nothing if Fyne has loaded fonts already.
func PrimeFonts() {
	fyneFontScanLock.Lock()
	if fyneFontMapLoaded {
		fyneFontScanLock.Unlock()
		return
	}
	fyneFontMapLoaded = true // Fyne's map: empty for now
	fyneFontScanLock.Unlock()

	useLatinFonts()

	for _, s := range primedStyles {
		fyne.MeasureText("x", 14, s)
	}

	fm := fontscan.NewFontMap(noLogger{})
	if err := fm.UseSystemFonts(""); err != nil {
		fm = nil // as Fyne does: no fallback
	}
	fyneFontScanLock.Lock()
	fyneFontMap = fm
	fyneFontScanLock.Unlock()
}

type noLogger struct{}

func (noLogger) Printf(string, ...any) {}

// latinFont is one of Fyne's Noto Sans resources, the file name Fyne gives
// it, and its Latin subset.
type latinFont struct {
	res  fyne.Resource
	name string
	data []byte
}

// latinFonts are Fyne's four Noto Sans styles with their subsets.
func latinFonts() []latinFont {
	return []latinFont{
		{theme.DefaultTextFont(), "NotoSans-Regular.ttf", assets.UIRegular},
		{theme.DefaultTextBoldFont(), "NotoSans-Bold.ttf", assets.UIBold},
		{theme.DefaultTextItalicFont(), "NotoSans-Italic.ttf", assets.UIItalic},
		{theme.DefaultTextBoldItalicFont(), "NotoSans-BoldItalic.ttf", assets.UIBoldItalic},
	}
}

// useLatinFonts puts the Latin subsets of Noto Sans (package assets) in
// Fyne's own font resources before Fyne parses any of them. Fyne parses
// the font of each text style whole and keeps it: 1.03 MB for Noto Sans,
// 0.47 MB for the subset, which keeps the Latin letters of every language
// the workshops use. A glyph outside it (a Greek or Cyrillic name, a rarer
// Latin letter such as the saltillo, an emoji, the check
// marks and minus sign some of the app's texts use, which Noto Sans lacks
// too) comes from the system's fonts, as every glyph Noto Sans lacks
// always did. The resources are replaced in place because Fyne always
// loads its default font beside a theme's own, as the fallback; if a Fyne
// upgrade changes them (another type, another font), they are left alone
// and TestPrimeFonts fails.
func useLatinFonts() {
	fonts := latinFonts()
	for _, f := range fonts {
		if r, ok := f.res.(*fyne.StaticResource); !ok || r.StaticName != f.name {
			return
		}
	}
	for _, f := range fonts {
		f.res.(*fyne.StaticResource).StaticContent = f.data
	}
}
