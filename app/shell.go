package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/agenda"
	"taller/app/export"
	"taller/app/manual"
	"taller/app/results"
	"taller/app/run"
	"taller/app/settings"
	"taller/app/ui"
	"taller/app/workshops"
	"taller/assets"
	"taller/curriculum"
	"taller/i18n"
	"taller/store"
)

// shell is the main window around the screens: the header with the
// workshop chooser, the tabs, the one refresh path, the phone server's
// life, the open store and the curriculum. It is the screens' ui.UI.
type shell struct {
	app    fyne.App
	win    fyne.Window
	opts   Options
	ctx    context.Context
	cancel context.CancelFunc
	lang   i18n.Lang // the language of the app's texts; UI goroutine only

	// goAsync runs work off the UI goroutine: `go f()` in the app, f() in
	// tests, so a test sees the result as soon as the tap returns.
	goAsync func(f func())

	mu     sync.Mutex
	st     *store.Store // swapped by WipeData
	cur    *curriculum.Curriculum
	curErr error  // why an installed curriculum pack was not used
	wsID   string // the chosen workshop
	watch  context.CancelFunc

	// UI goroutine only.
	refresh   ui.Dispatcher
	dialogs   *ui.Dialogs
	tabs      *container.AppTabs
	tabItems  map[string]*container.TabItem
	workshops *workshops.Screen
	run       *run.Screen
	header    *widget.Select
	headerIDs []string // workshop ids in the order of header's options
	server    *server
	phones    ui.Phones       // the server as the screens see it (tests replace it)
	stale     map[string]bool // screens out of view that missed a refresh
	compact   bool            // a low window: tabs across the top
	subStop   func()
}

var _ ui.UI = (*shell)(nil)

// newShell builds the app's window on a (tests pass test.NewTempApp). It
// loads the translations, the settings and the curriculum; it shows
// nothing yet and starts nothing. async runs work off the UI goroutine;
// nil means `go f()`.
func newShell(ctx context.Context, a fyne.App, opts Options, async func(func())) (*shell, error) {
	if opts.Store == nil {
		return nil, errors.New("app: no store")
	}
	if opts.Notifier == nil {
		opts.Notifier = taller.NewNotifier()
	}
	ctx, cancel := context.WithCancel(ctx)
	if async == nil {
		async = func(f func()) { go f() }
	}
	u := &shell{app: a, opts: opts, ctx: ctx, cancel: cancel, st: opts.Store, goAsync: async, stale: map[string]bool{}}
	u.lang = opts.Lang
	if !u.lang.Valid() {
		saved, err := opts.Store.Setting(ctx, taller.SettingLanguage, "")
		ui.LogErr("read language", err)
		if l := i18n.Lang(saved); l.Valid() {
			u.lang = l
		} else {
			u.lang = ui.SystemLang()
		}
	}
	if err := ui.UseLanguage(u.lang); err != nil {
		cancel()
		return nil, err
	}
	u.cur, u.curErr = curriculum.Open(opts.DataDir)
	if u.cur == nil {
		u.cur = curriculum.Default()
	}
	a.Settings().SetTheme(ui.NewTheme(a.Settings().Theme()))
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("taller.png", assets.Icon))
	}
	u.win = a.NewWindow("Taller")
	ui.FitToScreen(u.win, u.savedSize(), u.fitted)
	u.dialogs = ui.NewDialogs(u.win, func() i18n.Lang { return u.lang })
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.dialogs.Escape()
		}
	})
	u.win.SetCloseIntercept(func() {
		u.saveSize()
		u.app.Quit()
	})
	u.server = newServer(u)
	u.phones = u.server
	u.refresh = ui.Dispatcher{
		Go:      func(f func()) { u.goAsync(f) },
		Current: u.WorkshopID,
		OnError: func(err error) { u.dialogs.Error(ui.T("app.error.title"), err) },
	}
	u.build()
	u.openScreen(opts.Screen)
	if u.curErr != nil {
		err := u.curErr
		u.goAsync(func() { fyne.Do(func() { u.dialogs.Error(ui.T("app.curriculum.pack_broken"), err) }) })
	}
	return u, nil
}

// The preferences that remember the main window's size between runs.
const (
	prefWindowWidth  = "window_width"
	prefWindowHeight = "window_height"
)

// savedSize is the main window's size at the end of the last run, or
// 1280×760 the first time; FitToScreen keeps it within the screen.
func (u *shell) savedSize() fyne.Size {
	p := u.app.Preferences()
	w, h := p.Float(prefWindowWidth), p.Float(prefWindowHeight)
	if w < 640 || h < 400 {
		return fyne.NewSize(1280, 760)
	}
	return fyne.NewSize(float32(w), float32(h))
}

// saveSize remembers the main window's size for the next run.
func (u *shell) saveSize() {
	s := u.win.Canvas().Size()
	if s.Width >= 640 && s.Height >= 400 {
		u.app.Preferences().SetFloat(prefWindowWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefWindowHeight, float64(s.Height))
	}
}

// build creates every screen in the current language and puts them in the
// window; called again when the language changes.
func (u *shell) build() {
	u.workshops = workshops.New(u)
	u.run = run.New(u)
	screens := map[string]ui.Screen{
		ui.Workshops: u.workshops, ui.Curriculum: manual.New(u), ui.Agenda: agenda.New(u),
		ui.Run: u.run, ui.Results: results.New(u), ui.Export: export.New(u), ui.Settings: settings.New(u),
	}
	u.refresh.Set(screens)
	icons := map[string]fyne.Resource{
		ui.Workshops: theme.HomeIcon(), ui.Curriculum: theme.FileTextIcon(), ui.Agenda: theme.ListIcon(),
		ui.Run: theme.MediaPlayIcon(), ui.Results: theme.GridIcon(), ui.Export: theme.DownloadIcon(),
		ui.Settings: theme.SettingsIcon(),
	}
	u.tabItems = map[string]*container.TabItem{}
	var items []*container.TabItem
	for _, name := range ui.Order {
		it := container.NewTabItemWithIcon(ui.T("app.tab."+name), icons[name], screens[name].Content())
		u.tabItems[name] = it
		items = append(items, it)
	}
	u.tabs = container.NewAppTabs(items...)
	u.placeTabs()
	u.tabs.OnSelected = func(it *container.TabItem) {
		releaseMemorySoon()
		for name, ti := range u.tabItems {
			if ti == it {
				u.selected(name)
			}
		}
	}
	u.header = widget.NewSelect(nil, func(string) {
		i := u.header.SelectedIndex()
		if i >= 0 && i < len(u.headerIDs) && u.headerIDs[i] != u.WorkshopID() {
			u.ChooseWorkshop(u.headerIDs[i])
		}
	})
	u.header.PlaceHolder = ui.T("app.header.choose")
	about := widget.NewButtonWithIcon(ui.T("app.about.button"), theme.InfoIcon(), func() { settings.ShowAbout(u) })
	about.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("Taller", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewBorder(nil, nil,
		container.NewHBox(title, widget.NewLabel(ui.T("app.header.workshop"))),
		about, u.header)
	u.win.SetContent(container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, u.tabs))
	u.Refresh(ui.Workshops)
}

// compactHeight is the window height below which the tabs go across the
// top.
const compactHeight = 680

// fitted adapts the window to the size it was given on its screen: on a
// low screen the tabs go across the top (down the side, seven of them
// would not fit in 600 pixels).
func (u *shell) fitted(s fyne.Size) {
	u.compact = s.Height < compactHeight
	u.placeTabs()
}

// placeTabs puts the tabs down the side, or across the top of a low
// window.
func (u *shell) placeTabs() {
	if u.compact {
		u.tabs.SetTabLocation(container.TabLocationTop)
	} else {
		u.tabs.SetTabLocation(container.TabLocationLeading)
	}
}

// selected runs when a tab is opened: it is refreshed, and opening Run is
// the facilitator running the workshop, so the phone server starts.
func (u *shell) selected(name string) {
	if name == ui.Run {
		u.startServer()
	}
	delete(u.stale, name)
	u.Refresh(name)
}

// startServer starts the phone server, once; a failure is shown on the
// Run screen. UI goroutine.
func (u *shell) startServer() {
	u.goAsync(func() {
		u.server.start()
		fyne.Do(func() { u.Refresh(ui.Run) })
	})
}

// start starts the background work of a running app: watching the data
// file for other processes' changes, following the notifier, and the
// one-second tick of the countdown. Tests start only what they need.
func (u *shell) start() {
	u.startWatch(u.Store())
	u.subscribe()
	go func() {
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case now := <-tk.C:
				fyne.Do(func() { u.run.Tick(now) })
			}
		}
	}()
}

// openScreen selects the named screen with the first workshop chosen
// (Options.Screen).
func (u *shell) openScreen(name string) {
	if name == "" {
		return
	}
	if name == screenTour || name == screenTourProjector {
		u.tour(name == screenTourProjector)
		return
	}
	presenter := name == "presenter"
	if presenter {
		name = ui.Run
	}
	it, ok := u.tabItems[name]
	if !ok {
		return
	}
	u.goAsync(func() {
		ws, err := u.Store().Workshops(u.ctx)
		if err != nil || len(ws) == 0 {
			return
		}
		ui.SortWorkshops(ws, time.Now())
		fyne.Do(func() {
			u.run.WantPresenter = presenter
			u.ChooseWorkshop(ws[0].ID)
			u.tabs.Select(it)
		})
	})
}

// The Options.Screen values that open every screen in turn, and then the
// projector window too: the memory benchmark measures the app after them.
const (
	screenTour          = "all"
	screenTourProjector = "all+projector"
)

// tour opens every screen in turn with the first workshop chosen, half a
// second each, and ends on the Run screen, with the projector window
// open if asked.
func (u *shell) tour(projector bool) {
	go func() {
		ws, err := u.Store().Workshops(u.ctx)
		if err != nil || len(ws) == 0 {
			return
		}
		ui.SortWorkshops(ws, time.Now())
		fyne.Do(func() { u.ChooseWorkshop(ws[0].ID) })
		for _, name := range append(ui.Order, ui.Run) {
			fyne.Do(func() { u.ShowScreen(name) })
			select {
			case <-u.ctx.Done():
				return
			case <-time.After(500 * time.Millisecond):
			}
		}
		if projector {
			fyne.Do(func() {
				u.run.WantPresenter = true
				u.Refresh(ui.Run)
			})
		}
	}()
}

// close stops everything the app started: the phone server first, waiting
// until Serve has returned, so the caller may close the store after.
func (u *shell) close() {
	if u.subStop != nil {
		u.subStop()
	}
	u.cancel()
	u.server.stop()
	u.mu.Lock()
	st := u.st
	if u.watch != nil {
		u.watch()
	}
	u.mu.Unlock()
	if st != u.opts.Store {
		st.Close()
	}
}

// Context ends when the app quits.
func (u *shell) Context() context.Context { return u.ctx }

// Go runs f off the UI goroutine.
func (u *shell) Go(f func()) { u.goAsync(f) }

// Preferences are the app's own small settings.
func (u *shell) Preferences() fyne.Preferences { return u.app.Preferences() }

// NewWindow opens another window.
func (u *shell) NewWindow(title string) fyne.Window { return u.app.NewWindow(title) }

// Lang is the language of the app's texts.
func (u *shell) Lang() i18n.Lang { return u.lang }

// DataDir is the data folder.
func (u *shell) DataDir() string { return u.opts.DataDir }

// Dialogs shows dialogs over the main window.
func (u *shell) Dialogs() *ui.Dialogs { return u.dialogs }

// Phones is the phone server as the screens see it.
func (u *shell) Phones() ui.Phones { return u.phones }

// Store returns the open store; safe from any goroutine.
func (u *shell) Store() *store.Store {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.st
}

// Curriculum returns the curriculum in use.
func (u *shell) Curriculum() *curriculum.Curriculum {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.cur
}

// SetCurriculum replaces the curriculum (a pack imported or reset) and
// refreshes the agenda, whose titles come from it. UI goroutine.
func (u *shell) SetCurriculum(c *curriculum.Curriculum) {
	u.mu.Lock()
	u.cur = c
	u.mu.Unlock()
	u.Refresh(ui.Agenda)
}

// WorkshopID returns the chosen workshop's id, "" when none is chosen.
func (u *shell) WorkshopID() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.wsID
}

// ChooseWorkshop makes id the workshop the agenda, run and results screens
// work on, and the only one the phone server answers for. UI goroutine.
func (u *shell) ChooseWorkshop(id string) {
	u.mu.Lock()
	u.wsID = id
	u.mu.Unlock()
	u.syncHeader()
	u.Refresh(ui.Workshops, ui.Curriculum, ui.Agenda, ui.Run, ui.Results)
}

// SetWorkshopList fills the header's workshop chooser. UI goroutine.
func (u *shell) SetWorkshopList(ws []*taller.Workshop) {
	opts := make([]string, len(ws))
	u.headerIDs = make([]string, len(ws))
	found := false
	for i, w := range ws {
		opts[i] = w.Title + " · " + ui.FormatDate(w.Date)
		u.headerIDs[i] = w.ID
		found = found || w.ID == u.WorkshopID()
	}
	if !found && u.WorkshopID() != "" {
		u.mu.Lock()
		u.wsID = ""
		u.mu.Unlock()
		u.Refresh(ui.Agenda, ui.Run, ui.Results, ui.Curriculum)
	}
	u.header.SetOptions(opts)
	u.syncHeader()
}

func (u *shell) syncHeader() {
	id := u.WorkshopID()
	for i, wid := range u.headerIDs {
		if wid == id {
			if u.header.SelectedIndex() != i {
				u.header.SetSelectedIndex(i)
			}
			return
		}
	}
	u.header.ClearSelected()
}

// Refresh reloads screens through the dispatcher. UI goroutine. A screen
// that is not in view is only marked stale and reloaded when its tab is
// opened: nothing is read, laid out or rendered for a tab nobody looks
// at. The workshop list stays current (it fills the header), and so does
// the Run screen while the projector shows it.
func (u *shell) Refresh(names ...string) {
	for _, name := range names {
		if name == ui.Workshops || u.visible(name) || (name == ui.Run && u.run != nil && u.run.HasPresenter()) {
			u.refresh.Refresh(u.ctx, name)
		} else {
			u.stale[name] = true
		}
	}
}

// visible reports whether the named screen's tab is selected. UI goroutine.
func (u *shell) visible(name string) bool {
	return u.tabs != nil && u.tabs.Selected() == u.tabItems[name]
}

// ShowScreen selects a tab. UI goroutine.
func (u *shell) ShowScreen(name string) {
	if it, ok := u.tabItems[name]; ok {
		u.tabs.Select(it)
	}
}

// Quiz is a workshop's quiz as the phones get it, from the curriculum and
// the store in use now; none without Options.QuizFor.
func (u *shell) Quiz(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
	if u.opts.QuizFor == nil {
		return nil, nil
	}
	return u.opts.QuizFor(u.Curriculum(), u.Store())(ctx, workshopID, lang)
}

// subscribe listens to the store's notifier: a change to the chosen
// workshop (or any change, for "") refreshes the screens that show it, at
// most a few times a second however fast phones check in.
func (u *shell) subscribe() {
	ch, stop := u.opts.Notifier.Subscribe()
	u.subStop = stop
	go func() {
		for {
			var id string
			var ok bool
			select {
			case <-u.ctx.Done():
				return
			case id, ok = <-ch:
				if !ok {
					return
				}
			}
			// Gather what else arrived, then refresh once.
			ids := map[string]bool{id: true}
		drain:
			for {
				select {
				case more, ok := <-ch:
					if !ok {
						break drain
					}
					ids[more] = true
				default:
					break drain
				}
			}
			fyne.Do(func() { u.changed(ids) })
			select {
			case <-u.ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
}

// changed refreshes what a change to the workshops in ids affects. UI
// goroutine.
func (u *shell) changed(ids map[string]bool) {
	cur := u.WorkshopID()
	if ids[""] || ids[cur] {
		if u.visible(ui.Run) || u.run.HasPresenter() {
			u.Refresh(ui.Run)
		}
		if u.visible(ui.Results) {
			u.Refresh(ui.Results)
		}
	}
	if u.visible(ui.Workshops) || ids[""] {
		u.Refresh(ui.Workshops)
	}
	if u.visible(ui.Export) {
		u.Refresh(ui.Export)
	}
}

// startWatch polls the data file for changes made by other processes (the
// command line, a second app), so they show within a second.
func (u *shell) startWatch(st *store.Store) {
	ctx, cancel := context.WithCancel(u.ctx)
	u.mu.Lock()
	if u.watch != nil {
		u.watch()
	}
	u.watch = cancel
	u.mu.Unlock()
	go func() { ui.LogErr("watch data file", st.Watch(ctx, time.Second)) }()
}

// SetLanguage switches the app's texts to l, saves the choice and builds
// the screens again. UI goroutine.
func (u *shell) SetLanguage(l i18n.Lang) {
	if !l.Valid() || l == u.lang {
		return
	}
	if err := ui.UseLanguage(l); err != nil {
		u.dialogs.Error(ui.T("app.error.title"), err)
		return
	}
	u.lang = l
	st := u.Store()
	u.goAsync(func() {
		err := st.SetSetting(u.ctx, taller.SettingLanguage, string(l))
		if err != nil {
			fyne.Do(func() { u.dialogs.Error(ui.T("app.error.title"), err) })
		}
	})
	u.dialogs.CloseAll()
	hadPresenter := u.run.HasPresenter()
	u.run.ClosePresenter()
	u.build()
	u.ShowScreen(ui.Settings)
	if hadPresenter {
		u.run.WantPresenter = true
		u.Refresh(ui.Run)
	}
}

// WipeData deletes the data file and opens a new, empty one, in this
// order: the projector closes, the phone server stops (it writes to the
// old file) and its Serve returns, the watch ends, the old store closes,
// the file is deleted, the new store opens and every screen is read
// again. done runs on the UI goroutine.
func (u *shell) WipeData(done func(err error)) {
	u.run.ClosePresenter()
	u.goAsync(func() {
		wasRunning := u.server.stop()
		u.mu.Lock()
		old := u.st
		if u.watch != nil {
			u.watch()
		}
		u.mu.Unlock()
		old.Close()
		err := store.Wipe(u.opts.DataDir)
		st, openErr := store.Open(u.opts.DataDir, store.Options{Notifier: u.opts.Notifier})
		fyne.Do(func() {
			if openErr != nil {
				done(openErr)
				return
			}
			u.mu.Lock()
			u.st = st
			u.wsID = ""
			u.mu.Unlock()
			u.startWatch(st)
			if wasRunning {
				u.startServer()
			}
			u.Refresh(ui.Order...)
			done(err)
		})
	})
}
