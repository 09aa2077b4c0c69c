package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// PrimeFonts hands Fyne the system's font map (the link names still
// reach Fyne's variables) and a glyph Noto Sans lacks still falls back to
// a system font.
func TestPrimeFonts(t *testing.T) {
	test.NewTempApp(t)
	fyneFontScanLock.Lock()
	fyneFontMap, fyneFontMapLoaded = nil, false
	fyneFontScanLock.Unlock()
	PrimeFonts()
	fyneFontScanLock.Lock()
	fm, loaded := fyneFontMap, fyneFontMapLoaded
	fyneFontScanLock.Unlock()
	if !loaded {
		t.Fatal("Fyne's font map is not marked loaded")
	}
	for _, f := range latinFonts() {
		if got := len(f.res.Content()); got != len(f.data) {
			t.Errorf("%s holds %d bytes, not the %d of its Latin subset: Fyne's fonts changed", f.name, got, len(f.data))
		}
	}
	if fm == nil {
		t.Skip("no system fonts on this machine")
	}
	if fc := fm.FindSystemFonts("DejaVu Sans"); len(fc) == 0 {
		t.Skip("DejaVu Sans is not installed")
	}
	// U+265E, a chess knight: in DejaVu Sans, not in Noto Sans. Without
	// the map first: once found, a fallback face stays with the style.
	fyneFontScanLock.Lock()
	fyneFontMap = nil
	fyneFontScanLock.Unlock()
	withoutFallback := fyne.MeasureText("\u265e\u265e\u265e", 98, fyne.TextStyle{}).Width * 97 / 98
	fyneFontScanLock.Lock()
	fyneFontMap = fm
	fyneFontScanLock.Unlock()
	withFallback := fyne.MeasureText("\u265e\u265e\u265e", 97, fyne.TextStyle{}).Width
	t.Logf("width with fallback %.1f, without %.1f", withFallback, withoutFallback)
	if withFallback-withoutFallback < 1 && withoutFallback-withFallback < 1 {
		t.Fatal("the system font map is not used for a glyph Noto Sans lacks")
	}

	// A Greek word: in Noto Sans, not in its Latin subset, so drawn from
	// the system's font (not as missing-glyph boxes, which all measure
	// the same).
	greek := fyne.MeasureText("Ωιλ", 96, fyne.TextStyle{Bold: true}).Width
	boxes := fyne.MeasureText("࿿࿿࿿", 96, fyne.TextStyle{Bold: true}).Width
	t.Logf("Greek %.1f, three missing glyphs %.1f", greek, boxes)
	if greek-boxes < 1 && boxes-greek < 1 {
		t.Fatal("a Greek letter outside the Latin subset is not drawn from the system's fonts")
	}
}
