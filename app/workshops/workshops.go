// Package workshops is the Workshops screen: the list of workshops,
// upcoming first, and the form that creates or edits one.
package workshops

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"taller/app/ui"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/i18n"
)

// Screen lists the workshops, upcoming first, and edits one at a time in
// the form beside the list.
type Screen struct {
	u       ui.UI
	root    fyne.CanvasObject
	list    *widget.List
	summary *widget.Label
	newBtn  *widget.Button
	form    *workshopForm

	items  []workshopItem // UI goroutine
	loaded bool           // the list was read once
	// Now is today's clock; tests fix it.
	Now func() time.Time
}

// workshopItem is one row of the list.
type workshopItem struct {
	w            *taller.Workshop
	participants int
}

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u, Now: time.Now}
	s.summary = widget.NewLabel("")
	s.newBtn = widget.NewButtonWithIcon(t("app.workshops.new"), theme.ContentAddIcon(), func() {
		s.list.UnselectAll()
		s.form.edit(nil)
	})
	s.newBtn.Importance = widget.HighImportance
	s.list = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			badge := widget.NewLabel("")
			badge.Importance = widget.WarningImportance
			return container.NewBorder(nil, nil, nil, badge, container.NewVBox(title, detail))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.items) {
				return
			}
			it := s.items[i]
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container).Objects
			texts[0].(*widget.Label).SetText(it.w.Title)
			texts[1].(*widget.Label).SetText(s.detail(it))
			badge := c.Objects[1].(*widget.Label)
			if it.w.Changed() && it.participants > 0 {
				badge.SetText(t("app.workshops.not_exported"))
				badge.Show()
			} else {
				badge.Hide()
			}
			c.Refresh()
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i < len(s.items) {
			w := s.items[i].w
			if s.form.editing == nil || s.form.editing.ID != w.ID {
				s.form.edit(w)
			}
			if u.WorkshopID() != w.ID {
				u.ChooseWorkshop(w.ID)
			}
		}
	}
	s.form = newWorkshopForm(s)
	left := container.NewBorder(container.NewVBox(s.newBtn, s.summary), nil, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(s.form.root)))
	split.Offset = 0.42
	s.root = split
	s.form.edit(nil)
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// detail is the row's second line: date, place, participants.
func (s *Screen) detail(it workshopItem) string {
	place := it.w.Locality + ", " + t("country."+string(it.w.Country))
	return tn("app.workshops.row", "Date", ui.FormatDate(it.w.Date), "Place", place, "N", it.participants)
}

// Load reads the workshops and their participant counts.
func (s *Screen) Load(ctx context.Context, _ string) (any, error) {
	st := s.u.Store()
	ws, err := st.Workshops(ctx)
	if err != nil {
		return nil, err
	}
	ui.SortWorkshops(ws, s.Now())
	items := make([]workshopItem, len(ws))
	for i, w := range ws {
		items[i] = workshopItem{w: w}
		if c, err := st.Counts(ctx, w.ID); err == nil {
			items[i].participants = c.Total
		}
	}
	return items, nil
}

// Apply shows the list.
func (s *Screen) Apply(data any) { s.apply(data.([]workshopItem)) }

// Items are the workshops listed, in order (tests).
func (s *Screen) Items() []*taller.Workshop {
	out := make([]*taller.Workshop, len(s.items))
	for i, it := range s.items {
		out[i] = it.w
	}
	return out
}

func (s *Screen) apply(items []workshopItem) {
	s.items = items
	notExported := 0
	ws := make([]*taller.Workshop, len(items))
	for i, it := range items {
		ws[i] = it.w
		if it.w.Changed() && it.participants > 0 {
			notExported++
		}
	}
	switch {
	case len(items) == 0:
		s.summary.SetText(t("app.workshops.none"))
	case notExported > 0:
		s.summary.SetText(tn("app.workshops.summary_pending", "N", len(items), "Pending", notExported))
	default:
		s.summary.SetText(tn("app.workshops.summary", "N", len(items)))
	}
	s.list.Refresh()
	s.u.SetWorkshopList(ws)
	cur := s.u.WorkshopID()
	if cur == "" && !s.loaded && len(items) > 0 {
		// On start, the next workshop is the one to prepare or run.
		s.loaded = true
		s.u.ChooseWorkshop(items[0].w.ID)
		return
	}
	s.loaded = true
	for i, it := range items {
		if it.w.ID == cur {
			s.list.Select(i)
			if s.form.editing == nil || s.form.editing.ID != cur {
				s.form.edit(it.w)
			}
			return
		}
	}
	s.list.UnselectAll()
	if s.form.editing != nil {
		s.form.edit(nil)
	}
}

// The fields of the workshop form: the domain's, plus the date and start
// the form itself reads from its choosers.
const (
	fieldTitle        = taller.FieldTitle
	fieldCountry      = taller.FieldCountry
	fieldLocality     = taller.FieldLocality
	fieldOrganization = taller.FieldOrganization
	fieldDate         = taller.FieldDate
	fieldStart        = taller.FieldStart
	fieldLanguage     = taller.FieldLanguage
	fieldFacilitator  = taller.FieldFacilitator
)

var workshopFieldOrder = []string{fieldTitle, fieldCountry, fieldLocality, fieldOrganization, fieldDate, fieldStart, fieldLanguage, fieldFacilitator}

// workshopForm creates or edits one workshop, with a validation message
// under each field that needs one.
type workshopForm struct {
	s       *Screen
	root    fyne.CanvasObject
	editing *taller.Workshop // nil for a new workshop

	heading     *widget.Label
	title       *ui.Entry
	country     *widget.Select
	locality    *ui.Entry
	org         *ui.Entry
	day         *widget.Select
	month       *widget.Select
	year        *widget.Select
	start       *ui.Entry
	language    *widget.Select
	facilitator *ui.Entry
	errs        map[string]*widget.Label
	save        *widget.Button
	saved       *widget.Label // "changes saved", after saving an edit
	del         *widget.Button
	actions     *fyne.Container
	years       []int
}

func newWorkshopForm(s *Screen) *workshopForm {
	u := s.u
	f := &workshopForm{s: s, errs: map[string]*widget.Label{}}
	submit := func() { f.submit() }
	f.heading = ui.Heading("")
	f.title = u.Dialogs().NewEntry(submit)
	f.title.SetPlaceHolder(t("app.workshop.title_hint"))
	f.locality = u.Dialogs().NewEntry(submit)
	f.locality.SetPlaceHolder(t("app.workshop.locality_hint"))
	f.org = u.Dialogs().NewEntry(submit)
	f.org.SetPlaceHolder(t("app.workshop.organization_hint"))
	f.facilitator = u.Dialogs().NewEntry(submit)
	f.facilitator.SetPlaceHolder(t("app.workshop.facilitator_hint"))
	f.start = u.Dialogs().NewEntry(submit)
	f.start.SetPlaceHolder("09:00")

	countries := make([]string, len(taller.Countries))
	for i, c := range taller.Countries {
		countries[i] = t("country." + string(c))
	}
	f.country = widget.NewSelect(countries, nil)
	f.country.PlaceHolder = t("app.workshop.choose")

	days := make([]string, 31)
	for i := range days {
		days[i] = strconv.Itoa(i + 1)
	}
	f.day = widget.NewSelect(days, nil)
	f.day.PlaceHolder = t("app.workshop.day")
	months := make([]string, 12)
	for i := range months {
		months[i] = t(fmt.Sprintf("app.month.%d", i+1))
	}
	f.month = widget.NewSelect(months, nil)
	f.month.PlaceHolder = t("app.workshop.month")
	f.year = widget.NewSelect(nil, nil)
	f.year.PlaceHolder = t("app.workshop.year")

	langs := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		langs[i] = t("lang." + string(l))
	}
	f.language = widget.NewSelect(langs, nil)

	for _, name := range workshopFieldOrder {
		e := widget.NewLabel("")
		e.Importance = widget.DangerImportance
		e.Wrapping = fyne.TextWrapWord
		e.Hide()
		f.errs[name] = e
	}
	field := func(name string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(o, f.errs[name])
	}
	date := container.NewGridWithColumns(3, f.day, f.month, f.year)
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(t("app.workshop.title")), field(fieldTitle, f.title),
		widget.NewLabel(t("app.workshop.date")), field(fieldDate, date),
		widget.NewLabel(t("app.workshop.start")), field(fieldStart, f.start),
		widget.NewLabel(t("app.workshop.country")), field(fieldCountry, f.country),
		widget.NewLabel(t("app.workshop.locality")), field(fieldLocality, f.locality),
		widget.NewLabel(t("app.workshop.organization")), field(fieldOrganization, f.org),
		widget.NewLabel(t("app.workshop.language")), field(fieldLanguage, f.language),
		widget.NewLabel(t("app.workshop.facilitator")), field(fieldFacilitator, f.facilitator),
	)
	f.save = widget.NewButtonWithIcon(t("app.workshop.save"), theme.DocumentSaveIcon(), submit)
	f.save.Importance = widget.HighImportance
	f.del = widget.NewButtonWithIcon(t("app.workshop.delete"), theme.DeleteIcon(), f.confirmDelete)
	f.del.Importance = widget.DangerImportance
	agenda := widget.NewButtonWithIcon(t("app.workshop.go_agenda"), theme.ListIcon(), func() { u.ShowScreen(ui.Agenda) })
	run := widget.NewButtonWithIcon(t("app.workshop.go_run"), theme.MediaPlayIcon(), func() { u.ShowScreen(ui.Run) })
	f.actions = container.NewHBox(agenda, run)
	f.saved = widget.NewLabel(t("app.workshop.saved"))
	f.saved.Importance = widget.SuccessImportance
	f.saved.Hide()
	// Any change after saving makes "changes saved" untrue, and a field
	// being fixed loses its message.
	changed := func(field string) func(string) {
		return func(string) {
			if f.saved.Visible() {
				f.saved.Hide()
			}
			if l := f.errs[field]; l != nil && l.Visible() {
				l.Hide()
				f.relayout()
			}
		}
	}
	for field, e := range map[string]*ui.Entry{fieldTitle: f.title, fieldLocality: f.locality, fieldOrganization: f.org,
		fieldStart: f.start, fieldFacilitator: f.facilitator} {
		e.OnChanged = changed(field)
	}
	for field, sel := range map[string]*widget.Select{fieldCountry: f.country, fieldLanguage: f.language} {
		sel.OnChanged = changed(field)
	}
	for _, sel := range []*widget.Select{f.day, f.month, f.year} {
		sel.OnChanged = changed(fieldDate)
	}
	buttons := container.NewHBox(f.save, f.saved, layout.NewSpacer(), f.del)
	f.root = container.NewVBox(f.heading, f.actions, form, buttons)
	return f
}

// relayout lays the form out again after messages or buttons were shown
// or hidden.
func (f *workshopForm) relayout() { f.root.(*fyne.Container).Refresh() }

// edit fills the form with w, or empties it for a new workshop (today,
// 08:30, the country and language of the last workshop).
func (f *workshopForm) edit(w *taller.Workshop) {
	f.editing = w
	f.saved.Hide()
	for _, e := range f.errs {
		e.SetText("")
		e.Hide()
	}
	now := f.s.Now()
	if w == nil {
		f.heading.SetText(t("app.workshop.new_heading"))
		f.del.Hide()
		f.actions.Hide()
		f.title.SetText("")
		f.locality.SetText("")
		f.org.SetText("")
		f.facilitator.SetText("")
		f.start.SetText("08:30")
		country, lng := taller.ElSalvador, f.s.u.Lang()
		if len(f.s.items) > 0 {
			country, lng = f.s.items[0].w.Country, f.s.items[0].w.Language
		}
		f.setCountry(country)
		f.setLanguage(lng)
		f.setDate(now.Format(time.DateOnly), now)
		f.relayout()
		return
	}
	f.heading.SetText(t("app.workshop.edit_heading"))
	f.del.Show()
	f.actions.Show()
	f.title.SetText(w.Title)
	f.locality.SetText(w.Locality)
	f.org.SetText(w.Organization)
	f.facilitator.SetText(w.Facilitator)
	f.start.SetText(w.Start.String())
	f.setCountry(w.Country)
	f.setLanguage(w.Language)
	f.setDate(w.Date, now)
	f.relayout()
}

func (f *workshopForm) setCountry(c taller.Country) {
	for i, k := range taller.Countries {
		if k == c {
			f.country.SetSelectedIndex(i)
			return
		}
	}
	f.country.ClearSelected()
}

func (f *workshopForm) setLanguage(l i18n.Lang) {
	for i, k := range i18n.Langs {
		if k == l {
			f.language.SetSelectedIndex(i)
			return
		}
	}
	f.language.SetSelectedIndex(0)
}

// setDate selects a YYYY-MM-DD date; the years offered run from two years
// back to two ahead, plus the date's own.
func (f *workshopForm) setDate(d string, now time.Time) {
	tm, err := time.Parse(time.DateOnly, d)
	if err != nil {
		tm = now
	}
	f.years = nil
	for y := now.Year() - 2; y <= now.Year()+2; y++ {
		f.years = append(f.years, y)
	}
	if tm.Year() < f.years[0] {
		f.years = append([]int{tm.Year()}, f.years...)
	} else if tm.Year() > f.years[len(f.years)-1] {
		f.years = append(f.years, tm.Year())
	}
	opts := make([]string, len(f.years))
	for i, y := range f.years {
		opts[i] = strconv.Itoa(y)
	}
	f.year.SetOptions(opts)
	f.day.SetSelectedIndex(tm.Day() - 1)
	f.month.SetSelectedIndex(int(tm.Month()) - 1)
	for i, y := range f.years {
		if y == tm.Year() {
			f.year.SetSelectedIndex(i)
		}
	}
}

// read builds a workshop from the fields and checks each field on its
// own, so every field with a problem gets its message at once.
func (f *workshopForm) read() (*taller.Workshop, map[string]error) {
	w := &taller.Workshop{}
	if f.editing != nil {
		cp := *f.editing
		w = &cp
	}
	w.Title = f.title.Text
	w.Locality = f.locality.Text
	w.Organization = f.org.Text
	w.Facilitator = f.facilitator.Text
	if i := f.country.SelectedIndex(); i >= 0 {
		w.Country = taller.Countries[i]
	} else {
		w.Country = ""
	}
	if i := f.language.SelectedIndex(); i >= 0 {
		w.Language = i18n.Langs[i]
	}
	errs := map[string]error{}
	d, m, y := f.day.SelectedIndex(), f.month.SelectedIndex(), f.year.SelectedIndex()
	if d < 0 || m < 0 || y < 0 {
		errs[fieldDate] = taller.Errorf(taller.EINVALID, "app.workshop.date_required")
		w.Date = ""
	} else {
		w.Date = fmt.Sprintf("%04d-%02d-%02d", f.years[y], m+1, d+1)
		if _, err := time.Parse(time.DateOnly, w.Date); err != nil {
			// 31 November: say it in the words of the form, not as
			// 2026-11-31.
			errs[fieldDate] = taller.Errorf(taller.EINVALID, "app.workshop.date_invalid",
				"Day", d+1, "Month", t(fmt.Sprintf("app.month.%d", m+1)), "Year", f.years[y])
		}
	}
	start := strings.TrimSpace(f.start.Text)
	if len(start) == 4 && start[1] == ':' {
		start = "0" + start // 9:00
	}
	if c, err := taller.ParseClock(start); err != nil {
		errs[fieldStart] = err
	} else {
		w.Start = c
	}
	w.Normalize()
	// The domain's rules decide, all fields at once; a date or start the
	// form could not read keeps the form's own message.
	for field, e := range taller.FieldErrors(w.Validate()) {
		if _, done := errs[field]; !done {
			errs[field] = e
		}
	}
	if e, ok := errs[""]; ok {
		// An error about no one field shows at the top of the form.
		delete(errs, "")
		errs[fieldTitle] = e
	}
	return w, errs
}

// showErrors puts each message under its field and returns whether there
// were none.
func (f *workshopForm) showErrors(errs map[string]error) bool {
	for _, name := range workshopFieldOrder {
		l := f.errs[name]
		if err, ok := errs[name]; ok {
			l.SetText(f.s.u.Dialogs().ErrText(err))
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
	f.relayout()
	return len(errs) == 0
}

// submit validates and saves the workshop.
func (f *workshopForm) submit() {
	u := f.s.u
	w, errs := f.read()
	if !f.showErrors(errs) {
		f.focusFirstError(errs)
		return
	}
	creating := f.editing == nil
	f.save.Disable()
	st := u.Store()
	u.Go(func() {
		var err error
		if creating {
			err = st.CreateWorkshop(u.Context(), w)
		} else {
			err = st.UpdateWorkshop(u.Context(), w)
		}
		fyne.Do(func() {
			f.save.Enable()
			if err != nil {
				u.Dialogs().Error(t("app.error.title"), err)
				return
			}
			f.editing = w
			f.edit(w)
			u.ChooseWorkshop(w.ID)
			if !creating {
				f.saved.Show()
				f.relayout()
			}
			if creating {
				d := dialog.NewCustomConfirm(t("app.workshop.created_title"), t("app.workshop.go_agenda"), t("app.later"),
					container.NewPadded(ui.Sized(ui.WrapLabel(t("app.workshop.created")), 420)), func(ok bool) {
						if ok {
							u.ShowScreen(ui.Agenda)
						}
					}, u.Dialogs().Window())
				u.Dialogs().Show(d)
			}
		})
	})
}

func (f *workshopForm) focusFirstError(errs map[string]error) {
	focus := map[string]fyne.Focusable{fieldTitle: f.title, fieldLocality: f.locality, fieldOrganization: f.org,
		fieldStart: f.start, fieldFacilitator: f.facilitator}
	for _, name := range workshopFieldOrder {
		if _, bad := errs[name]; bad {
			if o, ok := focus[name]; ok {
				if c := fyne.CurrentApp().Driver().CanvasForObject(f.title); c != nil {
					c.Focus(o)
				}
			}
			return
		}
	}
}

// confirmDelete asks before deleting the workshop and everything people
// answered in it.
func (f *workshopForm) confirmDelete() {
	u := f.s.u
	w := f.editing
	if w == nil {
		return
	}
	u.Dialogs().Confirm(t("app.workshop.delete_title"), tn("app.workshop.delete_confirm", "Title", w.Title), t("app.workshop.delete"), func() {
		st := u.Store()
		u.Go(func() {
			err := st.DeleteWorkshop(u.Context(), w.ID)
			fyne.Do(func() {
				if err != nil {
					u.Dialogs().Error(t("app.error.title"), err)
					return
				}
				f.edit(nil)
				u.Refresh(ui.Workshops)
			})
		})
	})
}
