// Package manual is the Curriculum screen: the bundled manual's modules,
// read one at a time, added to the chosen workshop's agenda; curriculum
// packs imported or reset.
package manual

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/curriculum"
)

// Screen browses the manual's modules and adds one to the chosen
// workshop's agenda.
type Screen struct {
	u    ui.UI
	root fyne.CanvasObject
	list *widget.List

	modules  []*curriculum.Module // UI goroutine
	selected *curriculum.Module

	title      *widget.Label
	meta       *widget.Label
	objectives *widget.RichText
	materials  *widget.RichText
	notes      *widget.RichText
	notesCard  *widget.Card
	guides     *guides
	add        *widget.Button
	addHint    *widget.Label
	source     *widget.Label
	detail     *container.Scroll
	detailBox  *fyne.Container
	page       *ui.Page
	head, tail []fyne.CanvasObject // the page's blocks above and below the module's text
}

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u, modules: u.Curriculum().Modules()}
	s.list = widget.NewList(
		func() int { return len(s.modules) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.modules) {
				m := s.modules[i]
				o.(*widget.Label).SetText(tn("app.curriculum.row", "Title", m.In(u.Lang()).Title, "Minutes", m.Minutes))
			}
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i < len(s.modules) {
			s.show(s.modules[i])
		}
	}
	s.title = ui.Heading("")
	s.meta = widget.NewLabel("")
	s.objectives = widget.NewRichText()
	s.objectives.Wrapping = fyne.TextWrapWord
	s.materials = widget.NewRichText()
	s.materials.Wrapping = fyne.TextWrapWord
	s.newGuides()
	s.notes = s.guides.moduleNotes.Text
	// The subtitle as a wrapping label: a card's own subtitle never wraps
	// and would set the screen's least width.
	private := ui.WrapLabel(t("app.curriculum.notes_private"))
	private.TextStyle.Italic = true
	s.notesCard = widget.NewCard(t("app.curriculum.notes"), "", container.NewVBox(private, s.guides.moduleNotes.Text))
	s.add = widget.NewButtonWithIcon(t("app.curriculum.add"), theme.ContentAddIcon(), s.addToAgenda)
	s.add.Importance = widget.HighImportance
	s.addHint = widget.NewLabel("")
	s.addHint.TextStyle.Italic = true

	s.source = widget.NewLabel("")
	s.source.Wrapping = fyne.TextWrapWord
	s.source.TextStyle.Italic = true
	importBtn := widget.NewButtonWithIcon(t("app.curriculum.import"), theme.FolderOpenIcon(), s.importPack)
	resetBtn := widget.NewButtonWithIcon(t("app.curriculum.reset"), theme.ContentUndoIcon(), s.resetPack)
	s.setSource()

	s.head = []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, s.add, s.title),
		s.addHint,
		s.meta,
		widget.NewLabelWithStyle(t("app.curriculum.objectives"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.objectives,
		widget.NewLabelWithStyle(t("app.curriculum.materials"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.materials,
		widget.NewSeparator(),
	}
	// The cards are text, culled out of view; the buttons to the guides
	// they name go under each card, always drawn, so Tab reaches them.
	s.tail = []fyne.CanvasObject{
		ui.Culled(s.notesCard), s.guides.moduleNotes.Links,
		ui.Culled(s.guides.shorterCard), s.guides.shorter.Links,
	}
	// A page draws only the sections of the module's text and the cards
	// in view: a module is long. The blocks with buttons stay.
	s.page = ui.NewPage(append(append([]fyne.CanvasObject{}, s.head...), s.tail...)...)
	s.detailBox = s.page.Box()
	s.detail = s.page.Scroll
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), s.source, container.NewVBox(importBtn, resetBtn)), nil, nil, s.browser())
	split := container.NewHSplit(left, s.page.Root)
	split.Offset = 0.3
	s.root = split
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

func (s *Screen) setSource() {
	src := s.u.Curriculum().Source()
	if src == curriculum.SourceBundled || src == "" {
		s.source.SetText(t("app.curriculum.source_bundled"))
	} else {
		s.source.SetText(tn("app.curriculum.source_pack", "Path", src))
	}
}

// show renders one module: its Markdown body and, apart, the
// facilitator's notes.
func (s *Screen) show(m *curriculum.Module) {
	s.selected = m
	txt := m.In(s.u.Lang())
	s.title.SetText(txt.Title)
	s.meta.SetText(tn("app.curriculum.meta", "Minutes", m.Minutes, "Sensitivity", t("app.sensitivity."+m.Sensitivity)))
	switch m.Sensitivity {
	case curriculum.SensitivityHigh:
		s.meta.Importance = widget.DangerImportance
	case curriculum.SensitivityMedium:
		s.meta.Importance = widget.WarningImportance
	default:
		s.meta.Importance = widget.MediumImportance
	}
	s.meta.Refresh()
	// ui.SetMarkdown, not ParseMarkdown: Fyne lays a nested list or the
	// text after a bold phrase out one character per line at some widths.
	ui.SetMarkdown(s.objectives, bullets(txt.Objectives))
	ui.SetMarkdown(s.materials, bullets(txt.Materials))
	// The module's text, a RichText per section, between head and tail.
	blocks := append([]fyne.CanvasObject{}, s.head...)
	for _, sec := range ui.MarkdownSections(txt.Body, nil) {
		r := widget.NewRichText(sec...)
		r.Wrapping = fyne.TextWrapWord
		blocks = append(blocks, ui.Culled(r))
	}
	s.page.SetBlocks(append(blocks, s.tail...)...)
	if strings.TrimSpace(txt.Notes) == "" {
		s.notesCard.Hide()
	} else {
		s.notesCard.Show()
	}
	s.showModuleExtras(m, txt)
	s.detailBox.Refresh()
	s.page.ScrollToTop()
}

func bullets(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	return b.String()
}

// Load reads nothing: the curriculum is in memory.
func (s *Screen) Load(context.Context, string) (any, error) { return nil, nil }

// Apply enables "add to agenda" when a workshop is chosen. The first
// module is rendered when the screen is first shown, not at start-up: its
// Markdown takes a tenth of a second to lay out.
func (s *Screen) Apply(any) {
	if s.selected == nil && len(s.modules) > 0 {
		s.list.Select(0)
	}
	if s.u.WorkshopID() == "" {
		s.add.Disable()
		s.addHint.SetText(t("app.curriculum.choose_workshop"))
		s.addHint.Show()
	} else {
		s.add.Enable()
		s.addHint.SetText("")
		s.addHint.Hide()
	}
	s.detailBox.Refresh()
}

// addToAgenda appends the module to the chosen workshop's agenda, with
// the module's own duration.
func (s *Screen) addToAgenda() {
	u := s.u
	m := s.selected
	id := u.WorkshopID()
	if m == nil || id == "" {
		return
	}
	st := u.Store()
	u.Go(func() {
		a, err := st.Agenda(u.Context(), id)
		if err == nil {
			err = a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: m.ID, Minutes: m.Minutes}, len(a.Blocks))
		}
		if err == nil {
			err = st.SaveAgenda(u.Context(), id, a)
		}
		fyne.Do(func() {
			if err != nil {
				u.Dialogs().Error(t("app.error.title"), err)
				return
			}
			u.Refresh(ui.Agenda)
			msg := tn("app.curriculum.added", "Title", m.In(u.Lang()).Title, "End", a.Finish().String())
			if over := a.OverrunMinutes(); over > 0 {
				msg += "\n" + tn("app.agenda.overrun", "Minutes", over, "End", a.End.String())
			}
			u.Dialogs().Message(t("app.curriculum.added_title"), msg)
		})
	})
}

// importPack installs a curriculum pack (.zip) chosen by the user; a pack
// with problems is refused with every problem listed.
func (s *Screen) importPack() {
	u := s.u
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.Go(func() {
			c, err := curriculum.Import(path, u.DataDir())
			fyne.Do(func() {
				if err != nil {
					var pe *curriculum.PackError
					if errors.As(err, &pe) {
						u.Dialogs().LongMessage(t("app.curriculum.import_failed"), pe.Message(u.Lang()))
						return
					}
					u.Dialogs().Error(t("app.curriculum.import_failed"), err)
					return
				}
				s.replace(c)
				u.Dialogs().Message(t("app.curriculum.imported_title"), t("app.curriculum.imported"))
			})
		})
	}, u.Dialogs().Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	u.Dialogs().ShowFile(d)
}

// resetPack goes back to the manual bundled with the program.
func (s *Screen) resetPack() {
	u := s.u
	u.Dialogs().Confirm(t("app.curriculum.reset"), t("app.curriculum.reset_confirm"), t("app.curriculum.reset"), func() {
		u.Go(func() {
			err := curriculum.Reset(u.DataDir())
			fyne.Do(func() {
				if err != nil {
					u.Dialogs().Error(t("app.error.title"), err)
					return
				}
				s.replace(curriculum.Default())
			})
		})
	})
}

func (s *Screen) replace(c *curriculum.Curriculum) {
	s.u.SetCurriculum(c)
	s.modules = c.Modules()
	s.list.UnselectAll()
	s.list.Refresh()
	if len(s.modules) > 0 {
		s.list.Select(0)
	}
	s.setSource()
	s.reloadGuides()
	s.u.Refresh(ui.Agenda)
}
