package manual

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taller/app/ui"
	"taller/curriculum"
)

// guides is the Curriculum screen's other half: the manual's guides
// (safety protocol, staffing rule, take-home text…), listed beside the
// modules and read in the same pane; and, under a module's notes, what to
// cut when time is short.
type guides struct {
	list  []curriculum.Guide // UI goroutine
	view  *widget.List
	tabs  *container.AppTabs
	title *widget.Label
	mark  *widget.Label
	body  *ui.Notes
	pane  fyne.CanvasObject // the guide shown, in place of the module

	shorter     *ui.Notes
	shorterCard *widget.Card
	moduleNotes *ui.Notes
	modulePane  fyne.CanvasObject
}

// newGuides builds the guides' list and pane, and the module's notes and
// "if time is short" views, before the screen lays them out.
func (s *Screen) newGuides() {
	g := &guides{list: s.u.Curriculum().Guides(s.u.Lang())}
	s.guides = g
	g.view = widget.NewList(
		func() int { return len(g.list) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(g.list) {
				o.(*widget.Label).SetText(guideRow(g.list[i]))
			}
		})
	g.view.OnSelected = func(i widget.ListItemID) {
		if i < len(g.list) {
			s.showGuide(g.list[i])
		}
	}
	g.title = ui.Heading("")
	g.mark = ui.WrapLabel("")
	g.mark.TextStyle.Italic = true
	g.body = ui.NewNotes(s.openGuide)
	g.pane = container.NewPadded(container.NewVBox(g.title, g.mark, widget.NewSeparator(), g.body.Box))

	g.moduleNotes = ui.NewNotes(s.openGuide)
	g.shorter = ui.NewNotes(s.openGuide)
	private := ui.WrapLabel(t("app.curriculum.notes_private"))
	private.TextStyle.Italic = true
	// The guides' buttons go under the card, apart (see Screen.tail).
	g.shorterCard = widget.NewCard(t("app.curriculum.shorter"), "", container.NewVBox(private, g.shorter.Text))
	g.shorterCard.Hide()
}

// guideRow is a guide's line in the list, marked when it is for
// participants.
func guideRow(g curriculum.Guide) string {
	if g.ForParticipants {
		return tn("app.curriculum.guide_row_participants", "Title", g.Title)
	}
	return g.Title
}

// browser is the left pane's lists: modules and guides, one tab each.
func (s *Screen) browser() fyne.CanvasObject {
	g := s.guides
	g.tabs = container.NewAppTabs(
		container.NewTabItem(t("app.curriculum.tab_modules"), s.list),
		container.NewTabItem(t("app.curriculum.tab_guides"), g.view),
	)
	return g.tabs
}

// showGuide puts a guide in the reading pane.
func (s *Screen) showGuide(gd curriculum.Guide) {
	g := s.guides
	g.title.SetText(gd.Title)
	if gd.ForParticipants {
		g.mark.SetText(t("app.curriculum.for_participants"))
	} else {
		g.mark.SetText(t("app.curriculum.for_facilitators"))
	}
	g.body.Set(gd.Body, s.u.Curriculum(), s.u.Lang())
	if g.modulePane == nil {
		g.modulePane = s.detail.Content
	}
	s.detail.Content = g.pane
	s.list.UnselectAll() // so tapping the module again shows it again
	s.detail.Refresh()
	s.detail.ScrollToTop()
}

// openGuide shows the guide a link in the notes points to, in the app:
// its tab, selected.
func (s *Screen) openGuide(id string) {
	g := s.guides
	for i, gd := range g.list {
		if gd.ID == id {
			g.tabs.SelectIndex(1)
			g.view.Select(i)
			return
		}
	}
}

// showModuleExtras puts the module back in the reading pane and adds what
// the guides brought to it: the minutes for discussion in the meta line,
// the notes with their guides as buttons, and what to cut when time is
// short (for the facilitator only, like the notes: never projected or
// sent to phones).
func (s *Screen) showModuleExtras(m *curriculum.Module, txt *curriculum.Text) {
	g := s.guides
	if g.modulePane != nil && s.detail.Content != g.modulePane {
		s.detail.Content = g.modulePane
		s.detail.Refresh()
		s.page.Cull()
	}
	g.view.UnselectAll() // so tapping the guide again shows it again
	if m.Discussion > 0 {
		s.meta.SetText(s.meta.Text + " · " + tn("app.curriculum.discussion", "Minutes", m.Discussion))
	}
	g.moduleNotes.Set(txt.Notes, s.u.Curriculum(), s.u.Lang())
	if strings.TrimSpace(txt.Shorter) == "" {
		g.shorterCard.Hide()
	} else {
		g.shorter.Set(txt.Shorter, s.u.Curriculum(), s.u.Lang())
		g.shorterCard.Show()
	}
}

// reloadGuides lists the guides of a curriculum just put in use.
func (s *Screen) reloadGuides() {
	g := s.guides
	g.list = s.u.Curriculum().Guides(s.u.Lang())
	g.view.UnselectAll()
	g.view.Refresh()
}
