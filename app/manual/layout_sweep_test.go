package manual

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

// sweepWidths are the window widths a facilitator's laptop or projector
// may have: 800 to 1920 px, every 20 px.
func sweepWidths() []float32 {
	var ws []float32
	for w := float32(800); w <= 1920; w += 20 {
		ws = append(ws, w)
	}
	return ws
}

// TestEveryModuleAndGuideLaysOutWholeAtEveryWidth reads every module of
// the bundled manual (objectives, materials, body with its nested lists,
// notes, what to cut when time is short) and every guide, in both
// languages, at every window width from 800 to 1920 px: no text is laid
// out one character per line (Fyne issue #4303).
func TestEveryModuleAndGuideLaysOutWholeAtEveryWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps every module at 57 widths")
	}
	broken := map[float32]bool{}
	var failures []string
	for _, l := range i18n.Langs {
		e := testdouble.New(t, l)
		s := New(e)
		e.Show(ui.Curriculum, s)
		e.Update(ui.Curriculum)
		for i, m := range s.modules {
			s.list.Select(i)
			for _, w := range sweepWidths() {
				e.Win.Resize(fyne.NewSize(w, 760))
				if n := testdouble.NarrowTexts(s.detailBox); len(n) > 0 {
					broken[w] = true
					failures = append(failures, fmt.Sprintf("%s %s at %v: %q", l, m.ID, w, n))
				}
			}
		}
		for _, g := range e.Cur.Guides(l) {
			s.openGuide(g.ID)
			for _, w := range sweepWidths() {
				e.Win.Resize(fyne.NewSize(w, 760))
				if n := testdouble.NarrowTexts(s.guides.pane); len(n) > 0 {
					broken[w] = true
					failures = append(failures, fmt.Sprintf("%s guide %s at %v: %q", l, g.ID, w, n))
				}
			}
		}
	}
	assert.Empty(t, failures, "%d of %d window widths lay some text out one character per line", len(broken), len(sweepWidths()))
}
