package manual

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/curriculum"
	"taller/i18n"
)

// moduleIndex is the index of module id in the screen's list.
func moduleIndex(t *testing.T, s *Screen, id string) int {
	for i, m := range s.modules {
		if m.ID == id {
			return i
		}
	}
	t.Fatalf("no module %s", id)
	return -1
}

func TestGuidesAreListedAndRead(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			// given the bundled manual
			e := testdouble.New(t, l)
			s := New(e)
			e.Show(ui.Curriculum, s)
			e.Update(ui.Curriculum)
			want := e.Cur.Guides(l)
			require.NotEmpty(t, want)
			require.Equal(t, len(want), s.guides.view.Length())

			// when the take-home text is chosen in the Guides tab
			s.guides.tabs.SelectIndex(1)
			for i, g := range want {
				if g.ID == curriculum.GuideTakeHome {
					s.guides.view.Select(i)
				}
			}

			// then it is read in the pane, marked as for participants
			take, _ := e.Cur.Guide(curriculum.GuideTakeHome, l)
			assert.Equal(t, take.Title, s.guides.title.Text)
			assert.Equal(t, ui.T("app.curriculum.for_participants"), s.guides.mark.Text)
			assert.Contains(t, guideRow(take), map[i18n.Lang]string{i18n.Spanish: "para participantes", i18n.English: "for participants"}[l])
			assert.Same(t, s.guides.pane, s.detail.Content)

			// and choosing a module again shows the module
			s.list.Select(0)
			assert.NotSame(t, s.guides.pane, s.detail.Content)
		})
	}
}

func TestNotesLinkGuidesAndLayOutWhole(t *testing.T) {
	// given the opening module, whose notes link the safety protocol near
	// the end of a line
	e := testdouble.New(t, i18n.English)
	s := New(e)
	e.Show(ui.Curriculum, s)
	e.Update(ui.Curriculum)
	s.list.Select(moduleIndex(t, s, "opening"))

	// then, at any window width, no text of the notes is laid out one
	// character per line
	for w := float32(1000); w <= 1400; w += 4 {
		e.Win.Resize(fyne.NewSize(w, 760))
		require.Empty(t, testdouble.NarrowTexts(s.notesCard), "the text after a link keeps its words (width %v)", w)
	}
	// and the guides linked are buttons under the notes, never hyperlinks
	links := s.guides.moduleNotes.Buttons()
	require.NotEmpty(t, links)
	safety, _ := e.Cur.Guide(curriculum.GuideSafety, i18n.English)
	assert.Equal(t, "See: "+safety.Title, links[0].Text)
	assert.Contains(t, strings.Join(testdouble.VisibleTexts(s.notesCard), " "), "follow the safety protocol", "the link's words stay in the text")

	// when one is tapped, the guide opens in the app
	test.Tap(links[0])
	assert.Equal(t, safety.Title, s.guides.title.Text)
	assert.Equal(t, 1, s.guides.tabs.SelectedIndex())
}

func TestModuleShowsDiscussionAndWhatToCut(t *testing.T) {
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Curriculum, s)
	e.Update(ui.Curriculum)
	var withShorter *curriculum.Module
	for _, m := range s.modules {
		if m.In(i18n.Spanish).Shorter != "" && m.Discussion > 0 {
			withShorter = m
			break
		}
	}
	require.NotNil(t, withShorter, "the bundled manual says what to cut somewhere")

	// when a module with advice for a short day is shown
	s.list.Select(moduleIndex(t, s, withShorter.ID))

	// then its discussion time is in the meta line and the advice under
	// the notes, headed for the facilitator
	assert.Contains(t, s.meta.Text, " min de discusión")
	assert.True(t, s.guides.shorterCard.Visible())
	assert.Equal(t, "Si hay menos tiempo", s.guides.shorterCard.Title)
	assert.Empty(t, testdouble.NarrowTexts(s.guides.shorterCard))
}

func TestEveryGuideLaysOutWhole(t *testing.T) {
	for _, l := range i18n.Langs {
		e := testdouble.New(t, l)
		s := New(e)
		e.Show(ui.Curriculum, s)
		e.Update(ui.Curriculum)
		for _, g := range e.Cur.Guides(l) {
			s.openGuide(g.ID)
			for w := float32(1000); w <= 1400; w += 16 {
				e.Win.Resize(fyne.NewSize(w, 760))
				require.Empty(t, testdouble.NarrowTexts(s.guides.pane), "%s %s at width %v", l, g.ID, w)
			}
		}
	}
}

func TestEveryModulesNotesLayOutWhole(t *testing.T) {
	for _, l := range i18n.Langs {
		e := testdouble.New(t, l)
		s := New(e)
		e.Show(ui.Curriculum, s)
		e.Update(ui.Curriculum)
		for i, m := range s.modules {
			s.list.Select(i)
			for w := float32(1000); w <= 1400; w += 100 {
				e.Win.Resize(fyne.NewSize(w, 760))
				require.Empty(t, testdouble.NarrowTexts(s.notesCard), "%s %s at width %v", l, m.ID, w)
				require.Empty(t, testdouble.NarrowTexts(s.guides.shorterCard), "%s %s at width %v", l, m.ID, w)
			}
		}
	}
}
