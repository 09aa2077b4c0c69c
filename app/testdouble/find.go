package testdouble

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/ui"
)

// Walk calls fn for o and everything drawn inside it.
func Walk(o fyne.CanvasObject, fn func(any)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, fn)
		}
	}
}

// VisibleTexts returns the text of every visible canvas.Text under o.
func VisibleTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
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
	walk(o)
	return out
}

// CanvasTexts returns the visible texts of a window, dialogs included.
func CanvasTexts(c fyne.Canvas) []string {
	out := VisibleTexts(c.Content())
	for _, o := range c.Overlays().List() {
		out = append(out, VisibleTexts(o)...)
	}
	return out
}

// rawKey matches a translation key shown as it is: a text that is missing
// from a translation file.
var rawKey = regexp.MustCompile(`^(app|err|web|field|gender|age|role|likert|phase|country|lang|curriculum|report|cli)\.[A-Za-z0-9_.\-]+$`)

// AssertTranslated fails on a text that is a raw key or an unfilled
// template.
func AssertTranslated(t *testing.T, where string, texts []string) {
	t.Helper()
	require.NotEmpty(t, texts, where)
	for _, s := range texts {
		s = strings.TrimSpace(s)
		assert.False(t, rawKey.MatchString(s), "%s shows the raw key %q", where, s)
		assert.NotContains(t, s, "{{", "%s shows an unfilled template", where)
		assert.NotContains(t, s, "<no value>", "%s shows a template without its data", where)
	}
}

// FindEntry returns the first entry of the dialogs over w.
func FindEntry(t *testing.T, w fyne.Window) *ui.Entry {
	t.Helper()
	for _, o := range w.Canvas().Overlays().List() {
		var found *ui.Entry
		Walk(o, func(x any) {
			if en, ok := x.(*ui.Entry); ok && found == nil {
				found = en
			}
		})
		if found != nil {
			return found
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}

// FindButton returns the button of the dialogs over w whose text contains
// text.
func FindButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	for _, o := range w.Canvas().Overlays().List() {
		Walk(o, func(x any) {
			if btn, ok := x.(*widget.Button); ok && strings.Contains(btn.Text, text) {
				b = btn
			}
		})
	}
	require.NotNil(t, b, "no button %q", text)
	return b
}

// KeyReturn is the Enter key.
var KeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}
