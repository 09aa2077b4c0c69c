package app

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
)

// resultsScreen shows the chosen workshop's figures: attendance by gender,
// age band and role, the evaluation's answers and the quiz gain as bar
// charts, and the comments, each of which can be hidden from exports.
type resultsScreen struct {
	u     *ui
	root  *fyne.Container
	empty fyne.CanvasObject
	body  *fyne.Container
	// hide holds the comments' "hide from exports" boxes by comment id,
	// for tests.
	hide map[int64]*widget.Check
}

// resultsData is what the screen shows, read off the UI goroutine.
type resultsData struct {
	ws       *taller.Workshop
	counts   *taller.Counts
	agg      *taller.Aggregates
	comments []taller.Comment
}

func newResultsScreen(u *ui) *resultsScreen {
	s := &resultsScreen{u: u, hide: map[int64]*widget.Check{}}
	s.empty = u.emptyState(t("app.results.no_workshop"))
	s.body = container.NewVBox()
	s.root = container.NewStack(s.empty, container.NewVScroll(container.NewPadded(s.body)))
	s.root.Objects[1].Hide()
	return s
}

func (s *resultsScreen) content() fyne.CanvasObject { return s.root }

func (s *resultsScreen) update(ctx context.Context) {
	id := s.u.workshopID()
	if id == "" {
		fyne.Do(func() { s.apply(nil) })
		return
	}
	st := s.u.store()
	d := &resultsData{}
	var err error
	d.ws, err = st.Workshop(ctx, id)
	if err == nil {
		d.counts, err = st.Counts(ctx, id)
	}
	if err == nil {
		d.agg, err = st.Aggregates(ctx, id, false)
	}
	if err == nil {
		d.comments, err = st.Comments(ctx, id)
	}
	fyne.Do(func() {
		if err != nil {
			s.u.showError(t("app.error.title"), err)
			return
		}
		s.apply(d)
	})
}

func (s *resultsScreen) apply(d *resultsData) {
	if d == nil {
		s.root.Objects[1].Hide()
		s.empty.Show()
		return
	}
	s.empty.Hide()
	s.root.Objects[1].Show()
	s.body.RemoveAll()
	s.hide = map[int64]*widget.Check{}
	bar := theme.Color(theme.ColorNamePrimary)
	c := d.counts

	s.body.Add(heading(tn("app.results.heading", "Title", d.ws.Title, "Date", formatDate(d.ws.Date))))

	// Attendance.
	var gender, age, role []barRow
	for _, g := range taller.Genders {
		n := c.ByGender[g]
		gender = append(gender, barRow{Label: t("gender." + string(g)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	for _, a := range taller.AgeBands {
		n := c.ByAgeBand[a]
		age = append(age, barRow{Label: t("age." + string(a)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	for _, r := range taller.Roles {
		n := c.ByRole[r]
		role = append(role, barRow{Label: t("role." + string(r)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	sub := func(title string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), o)
	}
	attendance := container.NewVBox(
		wrapLabel(tn("app.results.total", "N", c.Total, "Walkins", c.Tallied)),
		container.NewGridWithColumns(2,
			sub(t("app.results.by_gender"), newBarChart(gender, 0, bar)),
			sub(t("app.results.by_age"), newBarChart(age, 0, bar))),
		sub(t("app.results.by_role"), newBarChart(role, 0, bar)),
	)
	if c.Tallied > 0 {
		note := wrapLabel(t("app.results.walkins_note"))
		note.TextStyle.Italic = true
		attendance.Add(note)
	}
	s.body.Add(card(t("app.results.attendance"), attendance))

	// Evaluation.
	agg := d.agg
	eval := container.NewVBox(wrapLabel(tn("app.results.evaluations", "N", agg.Evaluations)))
	if agg.Evaluations > 0 {
		grid := container.NewGridWithColumns(3)
		for _, it := range taller.LikertItems {
			dist := agg.Ratings[it]
			var rows []barRow
			for v := 0; v < 5; v++ {
				rows = append(rows, barRow{Label: strconv.Itoa(v + 1), Value: float64(dist[v]), Text: strconv.Itoa(dist[v])})
			}
			mean, n := agg.MeanRating(it)
			title := wrapLabel(t("likert." + string(it)))
			title.TextStyle.Bold = true
			avg := widget.NewLabel(tn("app.results.mean", "Mean", fmt.Sprintf("%.1f", mean), "N", n))
			grid.Add(container.NewVBox(title, avg, newBarChart(rows, 0, bar)))
		}
		eval.Add(grid)
	}
	s.body.Add(card(t("app.results.evaluation"), eval))

	// Quiz.
	quiz := container.NewVBox()
	if agg.Pre.N == 0 && agg.Post.N == 0 {
		quiz.Add(wrapLabel(t("app.results.no_quiz")))
	} else {
		rows := []barRow{
			{Label: t("app.results.pre"), Value: agg.Pre.Mean(), Text: tn("app.results.percent", "P", fmt.Sprintf("%.0f", agg.Pre.Mean()), "N", agg.Pre.N)},
			{Label: t("app.results.post"), Value: agg.Post.Mean(), Text: tn("app.results.percent", "P", fmt.Sprintf("%.0f", agg.Post.Mean()), "N", agg.Post.N)},
		}
		quiz.Add(newBarChart(rows, 100, bar))
		if agg.Paired.N > 0 {
			quiz.Add(wrapLabel(tn("app.results.gain", "Gain", fmt.Sprintf("%+.0f", agg.Paired.MeanGain()), "N", agg.Paired.N)))
		} else {
			quiz.Add(wrapLabel(t("app.results.no_pairs")))
		}
	}
	s.body.Add(card(t("app.results.quiz"), quiz))

	// Comments.
	comments := container.NewVBox()
	if len(d.comments) == 0 {
		comments.Add(wrapLabel(t("app.results.no_comments")))
	} else {
		help := wrapLabel(t("app.results.comments_help"))
		help.TextStyle.Italic = true
		comments.Add(help)
	}
	for _, cm := range d.comments {
		cm := cm
		text := wrapLabel(cm.Text)
		kind := widget.NewLabelWithStyle(t("app.results.kind_"+cm.Kind), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		kind.TextStyle.Italic = true
		hide := widget.NewCheck(t("app.results.hide"), nil)
		hide.SetChecked(cm.Hidden)
		if cm.Hidden {
			text.Importance = widget.LowImportance
		}
		hide.OnChanged = func(hidden bool) { s.setHidden(cm.ID, hidden, text) }
		s.hide[cm.ID] = hide
		comments.Add(container.NewBorder(nil, nil, nil, hide, container.NewVBox(kind, text)))
		comments.Add(widget.NewSeparator())
	}
	s.body.Add(card(t("app.results.comments"), comments))
	s.body.Refresh()
}

// setHidden hides a comment from exports, or shows it again.
func (s *resultsScreen) setHidden(id int64, hidden bool, text *widget.Label) {
	u := s.u
	st := u.store()
	if hidden {
		text.Importance = widget.LowImportance
	} else {
		text.Importance = widget.MediumImportance
	}
	text.Refresh()
	u.goAsync(func() {
		err := st.HideComment(u.ctx, id, hidden)
		if err != nil {
			fyne.Do(func() {
				u.showError(t("app.error.title"), err)
				u.refresh(screenResults)
			})
		}
	})
}
