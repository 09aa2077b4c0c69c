// Package agenda is the Agenda screen: the chosen workshop's timed
// blocks, edited through the domain's rules.
package agenda

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/curriculum"
	"taller/printout"
)

// Screen edits the chosen workshop's agenda: timed blocks that can
// be added, removed, moved and made longer or shorter, a template to start
// from, and a warning when the day runs past its planned end.
type Screen struct {
	u     ui.UI
	root  *fyne.Container
	empty fyne.CanvasObject
	body  fyne.CanvasObject

	title     *widget.Label
	start     *ui.Entry
	end       *ui.Entry
	templates *widget.Select
	rows      *fyne.Container
	total     *widget.Label
	overrun   *widget.Label
	modules   *widget.Select
	bottom    *fyne.Container

	// UI goroutine.
	ws         *taller.Workshop
	agenda     *taller.Agenda
	moduleIDs  []string
	templNames []string
	// minus and plus are the duration buttons of each row, for tests.
	minus, plus []*widget.Button
	print       *ui.Print
	printBtns   map[printout.Kind]*widget.Button
}

// agendaStep is how much the − and + buttons change a block, in minutes.
const agendaStep = 5

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u}
	s.empty = ui.EmptyState(u, t("app.agenda.no_workshop"))
	s.title = ui.Heading("")
	s.start = u.Dialogs().NewEntry(s.applyTimes)
	s.start.SetPlaceHolder("08:30")
	s.end = u.Dialogs().NewEntry(s.applyTimes)
	s.end.SetPlaceHolder(t("app.agenda.end_none"))
	setTimes := widget.NewButton(t("app.agenda.set_times"), s.applyTimes)

	cur := u.Curriculum()
	var tOpts []string
	for _, tp := range cur.Templates() {
		tOpts = append(tOpts, tp.Title(u.Lang()))
		s.templNames = append(s.templNames, tp.Name)
	}
	s.templates = widget.NewSelect(tOpts, nil)
	s.templates.PlaceHolder = t("app.agenda.choose_template")
	applyTempl := widget.NewButtonWithIcon(t("app.agenda.apply_template"), theme.DocumentIcon(), s.applyTemplate)

	var mOpts []string
	for _, m := range cur.Modules() {
		mOpts = append(mOpts, m.In(u.Lang()).Title)
		s.moduleIDs = append(s.moduleIDs, m.ID)
	}
	s.modules = widget.NewSelect(mOpts, nil)
	s.modules.PlaceHolder = t("app.agenda.choose_module")
	addModule := widget.NewButtonWithIcon(t("app.agenda.add_module"), theme.ContentAddIcon(), s.addModule)
	addBreak := widget.NewButtonWithIcon(t("app.agenda.add_break"), theme.ContentAddIcon(), s.addBreak)
	addCustom := widget.NewButtonWithIcon(t("app.agenda.add_custom"), theme.ContentAddIcon(), s.addCustom)

	s.rows = container.NewVBox()
	s.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.overrun = widget.NewLabel("")
	s.overrun.Importance = widget.DangerImportance
	s.overrun.Wrapping = fyne.TextWrapWord

	times := container.NewHBox(
		widget.NewLabel(t("app.agenda.start")), ui.Sized(s.start, 90),
		widget.NewLabel(t("app.agenda.end")), ui.Sized(s.end, 120), setTimes)
	templ := container.NewBorder(nil, nil, widget.NewLabel(t("app.agenda.template")), applyTempl, s.templates)
	top := container.NewVBox(s.title, times, templ, s.printRow(), widget.NewSeparator())
	add := container.NewBorder(nil, nil, nil, container.NewHBox(addModule, addBreak, addCustom), s.modules)
	s.bottom = container.NewVBox(widget.NewSeparator(), s.total, s.overrun, add)
	s.body = container.NewBorder(top, s.bottom, nil, nil, container.NewVScroll(s.rows))
	s.root = container.NewStack(s.empty, s.body)
	s.body.Hide()
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// agendaData is what Load reads.
type agendaData struct {
	ws     *taller.Workshop
	agenda *taller.Agenda
}

// Load reads the chosen workshop and its agenda.
func (s *Screen) Load(ctx context.Context, id string) (any, error) {
	if id == "" {
		return agendaData{}, nil
	}
	st := s.u.Store()
	w, err := st.Workshop(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := st.Agenda(ctx, id)
	if err != nil {
		return nil, err
	}
	return agendaData{w, a}, nil
}

// Apply shows the agenda.
func (s *Screen) Apply(data any) {
	d := data.(agendaData)
	s.apply(d.ws, d.agenda)
}

func (s *Screen) apply(w *taller.Workshop, a *taller.Agenda) {
	s.ws, s.agenda = w, a
	if w == nil {
		s.body.Hide()
		s.empty.Show()
		return
	}
	s.empty.Hide()
	s.body.Show()
	s.title.SetText(tn("app.agenda.heading", "Title", w.Title, "Date", ui.FormatDate(w.Date)))
	s.showTimes(a)
	s.render()
}

// showTimes puts the agenda's start and planned end in their entries.
func (s *Screen) showTimes(a *taller.Agenda) {
	s.start.SetText(a.Start.String())
	if a.End != 0 {
		s.end.SetText(a.End.String())
	} else {
		s.end.SetText("")
	}
}

// render draws the rows from s.agenda.
func (s *Screen) render() {
	a := s.agenda
	s.rows.RemoveAll()
	s.minus, s.plus = nil, nil
	timings := a.Timings()
	if len(timings) > 0 {
		// Fyne has no tooltips: the row buttons' icons are said once here.
		legend := widget.NewLabel(tn("app.agenda.controls", "N", agendaStep))
		legend.Wrapping = fyne.TextWrapWord
		legend.Importance = widget.LowImportance
		s.rows.Add(legend)
	}
	for i, tb := range timings {
		i := i
		when := widget.NewLabel(tb.Start.String() + " – " + tb.End.String())
		if tb.Overrun {
			when.Importance = widget.DangerImportance
		}
		title := widget.NewLabel(ui.BlockTitle(s.u.Curriculum(), tb.AgendaBlock, s.u.Lang()))
		title.Truncation = fyne.TextTruncateEllipsis
		if tb.Kind == taller.BlockBreak {
			title.TextStyle.Italic = true
		}
		minutes := widget.NewLabel(tn("app.agenda.minutes", "N", tb.Minutes))
		minus := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
			s.change(func(a *taller.Agenda) error { return a.SetMinutes(i, a.Blocks[i].Minutes-agendaStep) })
		})
		plus := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
			s.change(func(a *taller.Agenda) error { return a.SetMinutes(i, a.Blocks[i].Minutes+agendaStep) })
		})
		if tb.Minutes-agendaStep < taller.MinBlockMinutes {
			minus.Disable()
		}
		if tb.Minutes+agendaStep > taller.MaxBlockMinutes {
			plus.Disable()
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() {
			s.change(func(a *taller.Agenda) error { return a.Move(i, i-1) })
		})
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() {
			s.change(func(a *taller.Agenda) error { return a.Move(i, i+1) })
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(timings)-1 {
			down.Disable()
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			s.change(func(a *taller.Agenda) error { return a.Remove(i) })
		})
		remove.Importance = widget.LowImportance
		s.minus = append(s.minus, minus)
		s.plus = append(s.plus, plus)
		controls := container.NewHBox(minus, ui.Sized(minutes, 80), plus, up, down, remove)
		s.rows.Add(container.NewBorder(nil, nil, ui.Sized(when, 130), controls, title))
	}
	if len(timings) == 0 {
		hint := widget.NewLabel(t("app.agenda.empty"))
		hint.Wrapping = fyne.TextWrapWord
		s.rows.Add(hint)
	}
	total := a.TotalMinutes()
	s.total.SetText(tn("app.agenda.total", "Duration", hoursMinutes(total), "Start", a.Start.String(), "End", a.Finish().String()))
	if over := a.OverrunMinutes(); over > 0 {
		s.overrun.SetText(tn("app.agenda.overrun", "Minutes", over, "End", a.End.String()))
		s.overrun.Show()
	} else {
		s.overrun.SetText("")
		s.overrun.Hide()
	}
	s.bottom.Refresh()
	s.rows.Refresh()
	// The warning shown or hidden changes the bottom's height: the border
	// around must lay out again.
	s.body.Refresh()
}

// hoursMinutes writes a duration as "3 h 30 min".
func hoursMinutes(min int) string {
	if min < 60 {
		return tn("app.duration.minutes", "M", min)
	}
	if min%60 == 0 {
		return tn("app.duration.hours", "H", min/60)
	}
	return tn("app.duration.hours_minutes", "H", min/60, "M", min%60)
}

// change applies fn to a copy of the agenda through the domain's rules
// and saves it; a rule broken is told in a dialog and nothing changes.
func (s *Screen) change(fn func(a *taller.Agenda) error) {
	if s.agenda == nil || s.ws == nil {
		return
	}
	a := &taller.Agenda{Start: s.agenda.Start, End: s.agenda.End, Blocks: slices.Clone(s.agenda.Blocks)}
	if err := fn(a); err != nil {
		s.u.Dialogs().Error(t("app.agenda.cannot"), err)
		return
	}
	s.save(a)
}

// save stores a and shows it once stored.
func (s *Screen) save(a *taller.Agenda) {
	u := s.u
	id := s.ws.ID
	st := u.Store()
	u.Go(func() {
		err := st.SaveAgenda(u.Context(), id, a)
		fyne.Do(func() {
			if err != nil {
				u.Dialogs().Error(t("app.agenda.cannot"), err)
				return
			}
			if s.ws != nil && s.ws.ID == id {
				s.agenda = a
				s.showTimes(a)
				s.render()
			}
			u.Refresh(ui.Run)
		})
	})
}

// applyTimes sets the start and the planned end from the entries.
func (s *Screen) applyTimes() {
	start, err := taller.ParseClock(padClock(s.start.Text))
	if err != nil {
		s.u.Dialogs().Error(t("app.agenda.cannot"), err)
		return
	}
	var end taller.ClockTime
	if txt := strings.TrimSpace(s.end.Text); txt != "" {
		if end, err = taller.ParseClock(padClock(txt)); err != nil {
			s.u.Dialogs().Error(t("app.agenda.cannot"), err)
			return
		}
	}
	s.change(func(a *taller.Agenda) error {
		a.Start, a.End = start, end
		return a.Validate()
	})
}

// padClock turns "9:00" into "09:00".
func padClock(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 4 && s[1] == ':' {
		return "0" + s
	}
	return s
}

// applyTemplate replaces the agenda with a template, moved to the
// workshop's start time, its breaks named in the workshop's language.
func (s *Screen) applyTemplate() {
	i := s.templates.SelectedIndex()
	if i < 0 || s.ws == nil {
		s.u.Dialogs().Message(t("app.agenda.template"), t("app.agenda.choose_template_first"))
		return
	}
	name := s.templNames[i]
	do := func() {
		a, err := s.u.Curriculum().ApplyLang(name, s.ws.Language)
		if err != nil {
			s.u.Dialogs().Error(t("app.agenda.cannot"), err)
			return
		}
		shift := s.ws.Start - a.Start
		a.Start += shift
		if a.End != 0 {
			a.End += shift
		}
		s.save(&a)
	}
	if len(s.agenda.Blocks) == 0 {
		do()
		return
	}
	s.u.Dialogs().Confirm(t("app.agenda.apply_template"), t("app.agenda.replace_confirm"), t("app.agenda.replace"), do)
}

// addModule appends the module chosen in the list.
func (s *Screen) addModule() {
	i := s.modules.SelectedIndex()
	if i < 0 {
		s.u.Dialogs().Message(t("app.agenda.add_module"), t("app.agenda.choose_module_first"))
		return
	}
	m, ok := s.u.Curriculum().Module(s.moduleIDs[i])
	if !ok {
		return
	}
	s.change(func(a *taller.Agenda) error {
		return a.Add(taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: m.ID, Minutes: moduleMinutes(m)}, len(a.Blocks))
	})
}

func moduleMinutes(m *curriculum.Module) int {
	return max(taller.MinBlockMinutes, min(m.Minutes, taller.MaxBlockMinutes))
}

// addBreak appends a 15-minute break.
func (s *Screen) addBreak() {
	s.change(func(a *taller.Agenda) error {
		return a.Add(taller.AgendaBlock{Kind: taller.BlockBreak, Minutes: 15}, len(a.Blocks))
	})
}

// addCustom asks for a title and a duration and appends that block.
func (s *Screen) addCustom() {
	u := s.u
	var f *ui.FormDialog
	submit := func() { f.Submit.OnTapped() }
	title := u.Dialogs().NewEntry(submit)
	minutes := u.Dialogs().NewEntry(submit)
	minutes.SetText("30")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(t("app.agenda.custom_title")), title,
		widget.NewLabel(t("app.agenda.custom_minutes")), minutes)
	box := container.NewVBox(form, msg)
	f = u.Dialogs().Form(t("app.agenda.add_custom"), t("app.agenda.add"), ui.Sized(box, 420), func() bool {
		n, err := strconv.Atoi(strings.TrimSpace(minutes.Text))
		if err != nil {
			n = 0
		}
		b := taller.AgendaBlock{Kind: taller.BlockCustom, Title: taller.CleanText(title.Text, false), Minutes: n}
		if err := b.Validate(); err != nil {
			msg.SetText(u.Dialogs().ErrText(err))
			msg.Show()
			box.Refresh()
			return false
		}
		s.change(func(a *taller.Agenda) error { return a.Add(b, len(a.Blocks)) })
		return true
	})
	u.Dialogs().ShowForm(f)
	u.Dialogs().Window().Canvas().Focus(title)
}
