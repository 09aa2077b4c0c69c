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
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
	"taller/store"
)

// update rewrites the markup goldens in testdata/: go test ./app -update
var update = flag.Bool("update", false, "rewrite the markup goldens in testdata/")

// env is a test's app: the real shell over a real store on disk in a
// temporary folder and a headless Fyne app. Work that the app runs off the
// UI goroutine runs inline, so a tap's effect is visible when the tap
// returns.
type env struct {
	t   *testing.T
	ctx context.Context
	u   *shell
	st  *store.Store
	n   *taller.Notifier
	dir string
}

// newEnv opens the app with the data in a new temporary folder.
func newEnv(t *testing.T, lang i18n.Lang) *env { return newEnvAt(t, lang, "") }

// newEnvAt is newEnv with the data folder shown in Settings given (the
// goldens show a fixed one).
func newEnvAt(t *testing.T, lang i18n.Lang, shownDir string) *env {
	t.Helper()
	a := test.NewTempApp(t)
	dir := t.TempDir()
	n := taller.NewNotifier()
	st, err := store.Open(dir, store.Options{Notifier: n})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	if shownDir == "" {
		shownDir = dir
	}
	ctx := context.Background()
	u, err := newShell(ctx, a, Options{DataDir: shownDir, Lang: lang, Store: st, Notifier: n, Addr: "127.0.0.1:0", QuizFor: testdouble.QuizFor},
		func(f func()) { f() })
	require.NoError(t, err)
	t.Cleanup(u.close)
	u.workshops.Now = func() time.Time { return testdouble.FixedNow }
	u.win.Resize(fyne.NewSize(1280, 760))
	u.win.Show()
	return &env{t: t, ctx: ctx, u: u, st: st, n: n, dir: dir}
}

// workshop stores a workshop for the tests.
func (e *env) workshop(title string) *taller.Workshop { return testdouble.Workshop(e.t, e.st, title) }

// halfDay gives w the half-day agenda.
func (e *env) halfDay(w *taller.Workshop) { testdouble.HalfDay(e.t, e.st, e.u.Curriculum(), w) }

// answers fills w with check-ins, a tally, quizzes and evaluations.
func (e *env) answers(w *taller.Workshop) { testdouble.Answers(e.t, e.st, w) }

// choose makes w the chosen workshop and opens the named screen.
func (e *env) choose(w *taller.Workshop, screenName string) {
	e.t.Helper()
	e.u.ChooseWorkshop(w.ID)
	e.u.ShowScreen(screenName)
	e.u.Refresh(screenName)
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

// fixedPhones is a phone server at a fixed address, for the goldens (the
// real one has a random token and this machine's address).
type fixedPhones struct{}

func (fixedPhones) State() ui.PhoneState {
	return ui.PhoneState{Running: true, Port: 8080, Wanted: ":8080"}
}
func (fixedPhones) JoinURL(*taller.Workshop) string { return "http://192.168.137.1:8080/j/TOKEN" }
func (fixedPhones) QR(content string) ([]byte, error) {
	if content == "http://192.168.137.1:8080/j/TOKEN" {
		return []byte("join"), nil
	}
	return []byte("wifi"), nil
}
