package testdouble

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// NarrowWidth is less than any word's width: a line of text narrower
// than it, alone on its row, holds a letter or two.
const NarrowWidth = 20

// NarrowTexts finds, under o, Fyne's layout bug that puts text one
// character per line (after a hyperlink or another inline segment that
// starts near the end of a line): three or more rows in a row, each
// holding only a piece of text narrower than NarrowWidth. It returns each
// such column joined ("safety protocol"). A short word wrapped to a line
// of its own ("it.") or a short piece beside others ("." after a bold
// word, a list's bullet) is not one.
func NarrowTexts(o fyne.CanvasObject) []string {
	type piece struct {
		text string
		y    float32
		w    float32
	}
	var pieces []piece
	rows := map[float32]int{}
	d := fyne.CurrentApp().Driver()
	Walk(o, func(x any) {
		t, ok := x.(*canvas.Text)
		if !ok || !t.Visible() || t.Text == "" {
			return
		}
		y := d.AbsolutePositionForObject(t).Y
		pieces = append(pieces, piece{t.Text, y, t.Size().Width})
		rows[y]++
	})
	ys := make([]float32, 0, len(rows))
	for y := range rows {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
	lone := map[float32]string{}
	for _, p := range pieces {
		if p.w < NarrowWidth && rows[p.y] == 1 {
			lone[p.y] = p.text
		}
	}
	var out []string
	var run []string
	flush := func() {
		if len(run) >= 3 {
			out = append(out, strings.Join(run, ""))
		}
		run = nil
	}
	for _, y := range ys {
		if txt, ok := lone[y]; ok {
			run = append(run, txt)
		} else {
			flush()
		}
	}
	flush()
	return out
}
