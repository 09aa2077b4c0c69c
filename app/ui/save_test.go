package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/i18n"
)

func TestSaveAsAsksInTheAppsLanguageBeforeReplacing(t *testing.T) {
	a := test.NewTempApp(t)
	require.NoError(t, UseLanguage(i18n.Spanish))
	w := a.NewWindow("x")
	w.Show()
	d := NewDialogs(w, func() i18n.Lang { return i18n.Spanish })
	dir := t.TempDir()
	var got []string
	save := func(path string) { got = append(got, path) }

	// A new name: saved at once, the extension added, nothing created by
	// the dialog itself.
	f := d.nameFile("Exportar", dir, "informe", ".xlsx", save)
	require.NotNil(t, d.Top())
	test.Tap(f.Submit)
	assert.Equal(t, []string{filepath.Join(dir, "informe.xlsx")}, got)
	_, err := os.Stat(filepath.Join(dir, "informe.xlsx"))
	assert.True(t, os.IsNotExist(err), "the dialog writes nothing")

	// An existing file: the app's own question, in Spanish, and nothing
	// saved until it is answered yes.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "informe.xlsx"), []byte("x"), 0o600))
	got = nil
	f = d.nameFile("Exportar", dir, "informe.xlsx", ".xlsx", save)
	test.Tap(f.Submit)
	assert.Empty(t, got)
	texts := overlayTexts(w)
	assert.Contains(t, texts, "¿Reemplazar el archivo?")
	assert.Contains(t, texts, "Reemplazar")
	d.Escape()
	assert.Empty(t, got, "cancelled: nothing saved")
}

// overlayTexts is every text of the dialogs over w.
func overlayTexts(w fyne.Window) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	return out
}
