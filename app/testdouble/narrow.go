package testdouble

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// NarrowWidth is less than any word's width: a line of text narrower
// than it, alone on its row, is text laid out one character per line.
const NarrowWidth = 20

// NarrowTexts returns the texts under o that are narrower than
// NarrowWidth and alone on their row: Fyne's layout bug that puts the
// text after a hyperlink one character per line. A short piece beside
// others ("." after a bold word, a list's bullet) is not counted.
func NarrowTexts(o fyne.CanvasObject) []string {
	type piece struct {
		text string
		y, w float32
	}
	var pieces []piece
	rows := map[float32]int{}
	d := fyne.CurrentApp().Driver()
	Walk(o, func(x any) {
		t, ok := x.(*canvas.Text)
		if !ok || !t.Visible() || strings.TrimSpace(t.Text) == "" {
			return
		}
		y := d.AbsolutePositionForObject(t).Y
		pieces = append(pieces, piece{t.Text, y, t.Size().Width})
		rows[y]++
	})
	var out []string
	for _, p := range pieces {
		if p.w < NarrowWidth && rows[p.y] == 1 {
			out = append(out, p.text)
		}
	}
	return out
}
