package run

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/curriculum"
	"taller/i18n"
)

func TestRunNotesKeepTheirWordsAndOpenGuidesInTheApp(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			// given the day's first modules, whose notes link the safety
			// protocol near the end of a line
			e, s := newScreen(t, l)
			w := e.Workshop("Notas")
			e.HalfDay(w)
			e.ChooseWorkshop(w.ID)
			for _, at := range []time.Time{time.Date(2025, 6, 10, 8, 0, 0, 0, time.Local), time.Date(2025, 6, 10, 9, 30, 0, 0, time.Local)} {
				s.Tick(at)
				require.True(t, s.notesCard.Visible())

				// then, at any window width, no text is laid out one
				// character per line
				for w := float32(800); w <= 1920; w += 20 {
					e.Win.Resize(fyne.NewSize(w, 760))
					require.Empty(t, testdouble.NarrowTexts(s.notesCard), "at %s, width %v", at.Format("15:04"), w)
				}
			}
			// and the guides linked are buttons that open them over the
			// window, never in a browser
			links := s.notesView.Buttons()
			require.NotEmpty(t, links)
			safety, _ := e.Cur.Guide(curriculum.GuideSafety, l)
			var found bool
			for _, b := range links {
				if b.Text == tn("app.curriculum.see_guide", "Title", safety.Title) {
					found = true
					test.Tap(b)
				}
			}
			require.True(t, found, "the safety protocol is linked")
			require.NotNil(t, e.Dialogs().Top())
			assert.Contains(t, testdouble.VisibleTexts(e.Win.Canvas().Overlays().Top()), safety.Title)
			e.Dialogs().Escape()
		})
	}
}
