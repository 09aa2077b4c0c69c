// Package results is the Results screen: the chosen workshop's figures as
// bar charts, and its comments, each of which can be hidden from exports.
package results

import (
	"context"
	"fmt"
	"strconv"
	"taller/app/ui"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
)

// Screen shows the chosen workshop's figures: attendance by gender,
// age band and role, the evaluation's answers and the quiz gain as bar
// charts, and the comments, each of which can be hidden from exports.
type Screen struct {
	u     ui.UI
	root  *fyne.Container
	empty fyne.CanvasObject
	page  *ui.Page // draws only the figures' cards in view (the comments' checks stay)
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

// New builds the screen.
func New(u ui.UI) *Screen {
	s := &Screen{u: u, hide: map[int64]*widget.Check{}}
	s.empty = ui.EmptyState(u, t("app.results.no_workshop"))
	s.page = ui.NewPage()
	s.root = container.NewStack(s.empty, s.page.Root)
	s.root.Objects[1].Hide()
	return s
}

// Content is the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Load reads the chosen workshop's counts, aggregates and comments.
func (s *Screen) Load(ctx context.Context, id string) (any, error) {
	if id == "" {
		return (*resultsData)(nil), nil
	}
	st := s.u.Store()
	d := &resultsData{}
	var err error
	if d.ws, err = st.Workshop(ctx, id); err != nil {
		return nil, err
	}
	if d.counts, err = st.Counts(ctx, id); err != nil {
		return nil, err
	}
	if d.agg, err = st.Aggregates(ctx, id, false); err != nil {
		return nil, err
	}
	if d.comments, err = st.Comments(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Apply shows the figures.
func (s *Screen) Apply(data any) { s.apply(data.(*resultsData)) }

func (s *Screen) apply(d *resultsData) {
	if d == nil {
		s.root.Objects[1].Hide()
		s.empty.Show()
		return
	}
	s.empty.Hide()
	s.root.Objects[1].Show()
	var body []fyne.CanvasObject // the page's blocks
	s.hide = map[int64]*widget.Check{}
	bar := theme.Color(theme.ColorNamePrimary)
	c := d.counts

	body = append(body, ui.Heading(tn("app.results.heading", "Title", d.ws.Title, "Date", ui.FormatDate(d.ws.Date))))

	// Attendance.
	var gender, age, role []ui.BarRow
	for _, g := range taller.Genders {
		n := c.ByGender[g]
		gender = append(gender, ui.BarRow{Label: t("gender." + string(g)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	for _, a := range taller.AgeBands {
		n := c.ByAgeBand[a]
		age = append(age, ui.BarRow{Label: t("age." + string(a)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	for _, r := range taller.Roles {
		n := c.ByRole[r]
		role = append(role, ui.BarRow{Label: t("role." + string(r)), Value: float64(n), Text: strconv.Itoa(n)})
	}
	sub := func(title string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), o)
	}
	attendance := container.NewVBox(
		ui.WrapLabel(tn("app.results.total", "N", c.Total, "Walkins", c.Tallied)),
		container.NewGridWithColumns(2,
			sub(t("app.results.by_gender"), ui.NewBarChart(gender, 0, bar)),
			sub(t("app.results.by_age"), ui.NewBarChart(age, 0, bar))),
		sub(t("app.results.by_role"), ui.NewBarChart(role, 0, bar)),
	)
	if c.Tallied > 0 {
		note := ui.WrapLabel(t("app.results.walkins_note"))
		note.TextStyle.Italic = true
		attendance.Add(note)
	}
	body = append(body, ui.Culled(ui.Card(t("app.results.attendance"), attendance)))

	// Evaluation.
	agg := d.agg
	eval := container.NewVBox(ui.WrapLabel(tn("app.results.evaluations", "N", agg.Evaluations)))
	if agg.Evaluations > 0 {
		grid := container.NewGridWithColumns(3)
		for _, it := range taller.LikertItems {
			dist := agg.Ratings[it]
			var rows []ui.BarRow
			for v := 0; v < 5; v++ {
				rows = append(rows, ui.BarRow{Label: strconv.Itoa(v + 1), Value: float64(dist[v]), Text: strconv.Itoa(dist[v])})
			}
			mean, n := agg.MeanRating(it)
			title := ui.WrapLabel(t("likert." + string(it)))
			title.TextStyle.Bold = true
			avg := widget.NewLabel(tn("app.results.mean", "Mean", fmt.Sprintf("%.1f", mean), "N", n))
			grid.Add(container.NewVBox(title, avg, ui.NewBarChart(rows, 0, bar)))
		}
		eval.Add(grid)
	}
	body = append(body, ui.Culled(ui.Card(t("app.results.evaluation"), eval)))

	// Quiz.
	quiz := container.NewVBox()
	if agg.Pre.N == 0 && agg.Post.N == 0 {
		quiz.Add(ui.WrapLabel(t("app.results.no_quiz")))
	} else {
		rows := []ui.BarRow{
			{Label: t("app.results.pre"), Value: agg.Pre.Mean(), Text: tn("app.results.percent", "P", fmt.Sprintf("%.0f", agg.Pre.Mean()), "N", agg.Pre.N)},
			{Label: t("app.results.post"), Value: agg.Post.Mean(), Text: tn("app.results.percent", "P", fmt.Sprintf("%.0f", agg.Post.Mean()), "N", agg.Post.N)},
		}
		quiz.Add(ui.NewBarChart(rows, 100, bar))
		if agg.Paired.N > 0 {
			quiz.Add(ui.WrapLabel(tn("app.results.gain", "Gain", fmt.Sprintf("%+.0f", agg.Paired.MeanGain()), "N", agg.Paired.N)))
		} else {
			quiz.Add(ui.WrapLabel(t("app.results.no_pairs")))
		}
	}
	body = append(body, ui.Culled(ui.Card(t("app.results.quiz"), quiz)))

	// Comments.
	comments := container.NewVBox()
	if len(d.comments) == 0 {
		comments.Add(ui.WrapLabel(t("app.results.no_comments")))
	} else {
		help := ui.WrapLabel(t("app.results.comments_help"))
		help.TextStyle.Italic = true
		comments.Add(help)
	}
	for _, cm := range d.comments {
		cm := cm
		text := ui.WrapLabel(cm.Text)
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
	body = append(body, ui.Card(t("app.results.comments"), comments))
	s.page.SetBlocks(body...)
	// The scroll must learn the content's new height.
	s.root.Objects[1].Refresh()
}

// setHidden hides a comment from exports, or shows it again.
func (s *Screen) setHidden(id int64, hidden bool, text *widget.Label) {
	u := s.u
	st := u.Store()
	if hidden {
		text.Importance = widget.LowImportance
	} else {
		text.Importance = widget.MediumImportance
	}
	text.Refresh()
	u.Go(func() {
		err := st.HideComment(u.Context(), id, hidden)
		if err != nil {
			fyne.Do(func() {
				u.Dialogs().Error(t("app.error.title"), err)
				u.Refresh(ui.Results)
			})
		}
	})
}
