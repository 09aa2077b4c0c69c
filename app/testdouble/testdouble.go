// Package testdouble is the fake ui.UI that screen tests hand a screen: a
// headless Fyne test app with a real window, a real SQLite store in the
// test's temporary folder, the real dialogs and the real refresh
// dispatcher, with work run inline so a tap's effect is visible when the
// tap returns. What belongs to the app's shell (the phone server, the
// language switch, deleting the data) is recorded instead of done.
package testdouble

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/ui"
	"taller/curriculum"
	"taller/i18n"
	"taller/store"
)

// FixedNow is the "today" of the tests, so goldens do not change with the
// date.
var FixedNow = time.Date(2025, 6, 9, 10, 0, 0, 0, time.UTC)

// UI is the fake. Its fields are for the test to read and set.
type UI struct {
	T     *testing.T
	Ctx   context.Context
	App   fyne.App
	Win   fyne.Window
	St    *store.Store
	Dir   string
	L     i18n.Lang
	Cur   *curriculum.Curriculum
	Fake  *Phones
	WsID  string
	List  []*taller.Workshop // the last SetWorkshopList
	Shown string             // the last ShowScreen
	Langs []i18n.Lang        // every SetLanguage
	Wipes int                // how many times WipeData was asked

	dialogs  *ui.Dialogs
	dispatch ui.Dispatcher
	screens  map[string]ui.Screen
}

var _ ui.UI = (*UI)(nil)

// New returns a fake UI in language l over a new, empty store. The app's
// translations must be loaded (the app package's tests do; a screen
// package's TestMain calls LoadTranslations).
func New(t *testing.T, l i18n.Lang) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(a.Settings().Theme()))
	require.NoError(t, LoadTranslations(l))
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{Notifier: taller.NewNotifier()})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	u := &UI{T: t, Ctx: context.Background(), App: a, St: st, Dir: dir, L: l, Cur: curriculum.Default(),
		Fake: &Phones{}, screens: map[string]ui.Screen{}}
	u.Win = a.NewWindow("Taller")
	u.dialogs = ui.NewDialogs(u.Win, func() i18n.Lang { return u.L })
	u.Win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.dialogs.Escape()
		}
	})
	u.dispatch = ui.Dispatcher{
		Go:      func(f func()) { f() },
		Current: u.WorkshopID,
		OnError: func(err error) { u.dialogs.Error("error", err) },
	}
	u.dispatch.Set(u.screens)
	return u
}

// Show registers s as the named screen and makes it the window's content,
// 1280×760, like the app's main window.
func (u *UI) Show(name string, s ui.Screen) {
	u.screens[name] = s
	u.dispatch.Set(u.screens)
	u.Win.SetContent(s.Content())
	u.Win.Resize(fyne.NewSize(1280, 760))
	u.Win.Show()
}

// Update loads and applies the named screen now.
func (u *UI) Update(name string) { u.Refresh(name) }

// Context ends never.
func (u *UI) Context() context.Context { return u.Ctx }

// Go runs f inline.
func (u *UI) Go(f func()) { f() }

// Preferences are the test app's.
func (u *UI) Preferences() fyne.Preferences { return u.App.Preferences() }

// NewWindow opens a test window.
func (u *UI) NewWindow(title string) fyne.Window { return u.App.NewWindow(title) }

// Lang is the language the fake was made with.
func (u *UI) Lang() i18n.Lang { return u.L }

// DataDir is the test's temporary folder.
func (u *UI) DataDir() string { return u.Dir }

// Store is the test's store.
func (u *UI) Store() *store.Store { return u.St }

// Curriculum is the bundled one unless set.
func (u *UI) Curriculum() *curriculum.Curriculum { return u.Cur }

// SetCurriculum replaces it.
func (u *UI) SetCurriculum(c *curriculum.Curriculum) { u.Cur = c }

// Quiz is QuizFor's quiz.
func (u *UI) Quiz(ctx context.Context, id string, l i18n.Lang) ([]taller.Question, error) {
	return QuizFor(u.Cur, u.St)(ctx, id, l)
}

// Phones is the fake phone server.
func (u *UI) Phones() ui.Phones { return u.Fake }

// WorkshopID is the chosen workshop.
func (u *UI) WorkshopID() string { return u.WsID }

// ChooseWorkshop chooses id and refreshes every registered screen.
func (u *UI) ChooseWorkshop(id string) {
	u.WsID = id
	for name := range u.screens {
		u.Refresh(name)
	}
}

// SetWorkshopList records the list.
func (u *UI) SetWorkshopList(ws []*taller.Workshop) { u.List = ws }

// Refresh reloads registered screens through the real dispatcher; names
// not registered are ignored.
func (u *UI) Refresh(names ...string) { u.dispatch.Refresh(u.Ctx, names...) }

// ShowScreen records the screen asked for.
func (u *UI) ShowScreen(name string) { u.Shown = name }

// Dialogs are real dialogs over the test window.
func (u *UI) Dialogs() *ui.Dialogs { return u.dialogs }

// SetLanguage records the language asked for.
func (u *UI) SetLanguage(l i18n.Lang) { u.Langs = append(u.Langs, l) }

// WipeData records the request and reports success.
func (u *UI) WipeData(done func(err error)) {
	u.Wipes++
	done(nil)
}

// Phones is a phone server that is not running unless told: set State
// and Join.
type Phones struct {
	St   ui.PhoneState
	Join string // the join URL of every workshop while running
}

// State is St.
func (p *Phones) State() ui.PhoneState { return p.St }

// JoinURL is Join while running.
func (p *Phones) JoinURL(*taller.Workshop) string {
	if !p.St.Running {
		return ""
	}
	return p.Join
}

// QR returns the content itself as the "image": the tests compare it.
func (p *Phones) QR(content string) ([]byte, error) { return []byte(content), nil }

// LoadTranslations loads the app's texts in l into Fyne's lang package.
func LoadTranslations(l i18n.Lang) error { return ui.UseLanguage(l) }
