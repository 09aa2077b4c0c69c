package app

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/store"
)

// update rewrites the markup goldens in testdata/: go test ./app -update
var update = flag.Bool("update", false, "rewrite the markup goldens in testdata/")

// fixedNow is the "today" of the tests, so goldens do not change with the
// date.
var fixedNow = time.Date(2025, 6, 9, 10, 0, 0, 0, time.UTC)

// env is a test's app: a real store on disk in a temporary folder and a
// headless Fyne app. Work that the app runs off the UI goroutine runs
// inline, so a tap's effect is visible when the tap returns.
type env struct {
	t   *testing.T
	ctx context.Context
	u   *ui
	st  *store.Store
	n   *taller.Notifier
	dir string
}

func newEnv(t *testing.T, lang i18n.Lang) *env {
	t.Helper()
	a := test.NewTempApp(t)
	dir := t.TempDir()
	n := taller.NewNotifier()
	st, err := store.Open(dir, store.Options{Notifier: n})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	u, err := newUI(ctx, a, Options{DataDir: dir, Lang: lang, Store: st, Notifier: n, Addr: "127.0.0.1:0", QuizFor: testQuiz},
		func(f func()) { f() })
	require.NoError(t, err)
	t.Cleanup(u.close)
	u.workshops.now = func() time.Time { return fixedNow }
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	return &env{t: t, ctx: ctx, u: u, st: st, n: n, dir: dir}
}

// testQuiz is the quiz of the tests: every question of the modules on the
// agenda. (The program passes cmd/taller's quizFromCurriculum.)
func testQuiz(c *curriculum.Curriculum, st *store.Store) participant.QuizFunc {
	return func(ctx context.Context, id string, lang i18n.Lang) ([]taller.Question, error) {
		a, err := st.Agenda(ctx, id)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, b := range a.Blocks {
			if b.Kind == taller.BlockModule {
				ids = append(ids, b.ModuleID)
			}
		}
		var out []taller.Question
		for _, q := range c.Quiz(ids, lang) {
			out = append(out, taller.Question{ID: q.ID, Prompt: q.Prompt, Options: q.Options, Answer: q.Answer})
		}
		return out[:min(len(out), taller.MaxQuizQuestions)], nil
	}
}

// workshop stores a workshop for the tests.
func (e *env) workshop(title string) *taller.Workshop {
	e.t.Helper()
	w := &taller.Workshop{Title: title, Country: taller.ElSalvador, Locality: "Usulután", Organization: "Red comunitaria",
		Date: "2025-06-10", Start: 9 * 60, Language: i18n.Spanish}
	w.Normalize()
	require.NoError(e.t, e.st.CreateWorkshop(e.ctx, w))
	return w
}

// halfDay gives w the half-day agenda.
func (e *env) halfDay(w *taller.Workshop) *taller.Agenda {
	e.t.Helper()
	a, err := e.u.curriculum().ApplyLang("half-day", i18n.Spanish)
	require.NoError(e.t, err)
	require.NoError(e.t, e.st.SaveAgenda(e.ctx, w.ID, &a))
	return &a
}

// answers fills w with check-ins, a tally, quizzes and evaluations.
func (e *env) answers(w *taller.Workshop) {
	e.t.Helper()
	genders := []taller.Gender{taller.Female, taller.Female, taller.Female, taller.Male, taller.Male, taller.OtherGender}
	for i, g := range genders {
		_, err := e.st.CheckIn(e.ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: taller.NewID(),
			Gender: g, AgeBand: taller.AgeBands[i%len(taller.AgeBands)], Role: taller.Roles[i%len(taller.Roles)], Source: taller.SourcePhone})
		require.NoError(e.t, err)
	}
	require.NoError(e.t, e.st.AddTally(e.ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: taller.NewID(), Female: 2, Male: 1}))
	for i := 0; i < 4; i++ {
		dev := taller.NewID()
		for _, k := range []taller.QuizKind{taller.PreQuiz, taller.PostQuiz} {
			score := 2 + i%2
			if k == taller.PostQuiz {
				score = 4
			}
			_, err := e.st.SubmitQuiz(e.ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: dev, Kind: k,
				Answers: map[string]int{"q": 0}, Score: score, Total: 5, Source: taller.SourcePhone})
			require.NoError(e.t, err)
		}
		ev := &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: dev, Ratings: map[taller.LikertItem]int{},
			Apply: "", Comment: "", Source: taller.SourcePhone}
		for j, it := range taller.LikertItems {
			ev.Ratings[it] = 3 + (i+j)%3
		}
		if i == 0 {
			ev.Comment = "Muy útil, gracias."
			ev.Apply = "Hablar con mis vecinas."
		}
		_, err := e.st.SubmitEvaluation(e.ctx, ev)
		require.NoError(e.t, err)
	}
}

// choose makes w the chosen workshop and brings the named screen up to
// date.
func (e *env) choose(w *taller.Workshop, screenName string) {
	e.t.Helper()
	e.u.chooseWorkshop(w.ID)
	e.u.showScreen(screenName)
	e.u.screens[screenName].update(e.ctx)
}

// assertMarkup compares the window with a golden in testdata/, or
// rewrites it with -update.
func (e *env) assertMarkup(name string) {
	e.t.Helper()
	c := e.u.win.Canvas()
	if *update {
		path := filepath.Join("testdata", name)
		require.NoError(e.t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(e.t, os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644))
	}
	test.AssertRendersToMarkup(e.t, name, c)
}

var fyneKeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}

// buttonRef names widget.Button for the tests' finders.
type buttonRef = widget.Button

// walkObjects calls fn for o and everything drawn inside it.
func walkObjects(o fyne.CanvasObject, fn func(any)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}
