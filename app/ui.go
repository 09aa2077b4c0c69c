package app

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/assets"
	"taller/curriculum"
	"taller/i18n"
	"taller/store"
)

// screen is one tab of the main window.
type screen interface {
	// content is the screen's widgets, built once.
	content() fyne.CanvasObject
	// update fetches what the screen shows and applies it with fyne.Do.
	// It may run on any goroutine.
	update(ctx context.Context)
}

// The screens, in tab order.
const (
	screenWorkshops  = "workshops"
	screenCurriculum = "curriculum"
	screenAgenda     = "agenda"
	screenRun        = "run"
	screenResults    = "results"
	screenExport     = "export"
	screenSettings   = "settings"
)

var screenOrder = []string{screenWorkshops, screenCurriculum, screenAgenda, screenRun, screenResults, screenExport, screenSettings}

// ui is the whole app: the window, the open store and the screens.
type ui struct {
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
	st     *store.Store // swapped by "delete all data"
	cur    *curriculum.Curriculum
	curErr error  // why an installed curriculum pack was not used
	wsID   string // the chosen workshop
	watch  context.CancelFunc

	// UI goroutine only.
	tabs      *container.AppTabs
	tabItems  map[string]*container.TabItem
	screens   map[string]screen
	workshops *workshopsScreen
	curric    *curriculumScreen
	agenda    *agendaScreen
	run       *runScreen
	results   *resultsScreen
	export    *exportScreen
	settings  *settingsScreen
	header    *widget.Select
	headerIDs []string // workshop ids in the order of header's options
	dialogs   *dialogStack
	server    *server
	presenter *presenter
	subStop   func()
}

// newUI builds the app's window on a (tests pass test.NewTempApp). It
// loads the translations, the settings and the curriculum, and starts
// listening for changes; it shows nothing yet. async runs work off the UI
// goroutine; nil means `go f()`.
func newUI(ctx context.Context, a fyne.App, opts Options, async func(func())) (*ui, error) {
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
	u := &ui{app: a, opts: opts, ctx: ctx, cancel: cancel, st: opts.Store, goAsync: async}
	u.lang = opts.Lang
	if !u.lang.Valid() {
		saved, err := opts.Store.Setting(ctx, taller.SettingLanguage, "")
		logErr("read language", err)
		if l := i18n.Lang(saved); l.Valid() {
			u.lang = l
		} else {
			u.lang = systemLang()
		}
	}
	if err := useLanguage(u.lang); err != nil {
		cancel()
		return nil, err
	}
	u.cur, u.curErr = curriculum.Open(opts.DataDir)
	if u.cur == nil {
		u.cur = curriculum.Default()
	}
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("taller.png", assets.Icon))
	}
	u.win = a.NewWindow("Taller")
	u.win.Resize(fyne.NewSize(1280, 760))
	u.dialogs = &dialogStack{}
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.escape()
		}
	})
	u.win.SetCloseIntercept(func() { u.app.Quit() })
	u.server = newServer(u)
	u.build()
	u.openScreen(opts.Screen)
	if u.curErr != nil {
		err := u.curErr
		u.goAsync(func() { fyne.Do(func() { u.showError(t("app.curriculum.pack_broken"), err) }) })
	}
	return u, nil
}

// build creates every screen in the current language and puts them in the
// window; called again when the language changes.
func (u *ui) build() {
	u.workshops = newWorkshopsScreen(u)
	u.curric = newCurriculumScreen(u)
	u.agenda = newAgendaScreen(u)
	u.run = newRunScreen(u)
	u.results = newResultsScreen(u)
	u.export = newExportScreen(u)
	u.settings = newSettingsScreen(u)
	u.screens = map[string]screen{
		screenWorkshops: u.workshops, screenCurriculum: u.curric, screenAgenda: u.agenda,
		screenRun: u.run, screenResults: u.results, screenExport: u.export, screenSettings: u.settings,
	}
	icons := map[string]fyne.Resource{
		screenWorkshops: theme.HomeIcon(), screenCurriculum: theme.FileTextIcon(), screenAgenda: theme.ListIcon(),
		screenRun: theme.MediaPlayIcon(), screenResults: theme.GridIcon(), screenExport: theme.DownloadIcon(),
		screenSettings: theme.SettingsIcon(),
	}
	u.tabItems = map[string]*container.TabItem{}
	var items []*container.TabItem
	for _, name := range screenOrder {
		it := container.NewTabItemWithIcon(t("app.tab."+name), icons[name], u.screens[name].content())
		u.tabItems[name] = it
		items = append(items, it)
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(it *container.TabItem) {
		for name, ti := range u.tabItems {
			if ti == it {
				if name == screenRun {
					// The participant server starts when the Run screen
					// is first opened, not before.
					u.server.wanted.Store(true)
				}
				u.refresh(name)
			}
		}
	}
	u.header = widget.NewSelect(nil, func(string) {
		i := u.header.SelectedIndex()
		if i >= 0 && i < len(u.headerIDs) && u.headerIDs[i] != u.workshopID() {
			u.chooseWorkshop(u.headerIDs[i])
		}
	})
	u.header.PlaceHolder = t("app.header.choose")
	about := widget.NewButtonWithIcon(t("app.about.button"), theme.InfoIcon(), u.showAbout)
	about.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("Taller", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewBorder(nil, nil,
		container.NewHBox(title, widget.NewLabel(t("app.header.workshop"))),
		about, u.header)
	u.win.SetContent(container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, u.tabs))
	u.refresh(screenWorkshops)
}

// start starts the background work of a running app: watching the data
// file for other processes' changes, following the notifier, and the
// one-second tick of the countdown. Tests start only what they need.
func (u *ui) start() {
	u.startWatch(u.store())
	u.subscribe()
	go func() {
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case now := <-tk.C:
				fyne.Do(func() { u.run.tick(now) })
			}
		}
	}()
}

// openScreen selects the named screen with the first workshop chosen
// (Options.Screen).
func (u *ui) openScreen(name string) {
	if name == "" {
		return
	}
	presenter := name == "presenter"
	if presenter {
		name = screenRun
	}
	it, ok := u.tabItems[name]
	if !ok {
		return
	}
	u.goAsync(func() {
		ws, err := u.store().Workshops(u.ctx)
		if err != nil || len(ws) == 0 {
			return
		}
		sortWorkshops(ws, time.Now())
		fyne.Do(func() {
			u.run.wantPresenter = presenter
			u.chooseWorkshop(ws[0].ID)
			u.tabs.Select(it)
		})
	})
}

// close stops everything the app started.
func (u *ui) close() {
	if u.subStop != nil {
		u.subStop()
	}
	u.cancel()
	u.server.wait(5 * time.Second)
	u.mu.Lock()
	st := u.st
	u.mu.Unlock()
	if st != u.opts.Store {
		st.Close()
	}
}

// store returns the open store; safe from any goroutine.
func (u *ui) store() *store.Store {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.st
}

// curriculum returns the curriculum in use.
func (u *ui) curriculum() *curriculum.Curriculum {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.cur
}

// workshopID returns the chosen workshop's id, "" when none is chosen.
func (u *ui) workshopID() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.wsID
}

// chooseWorkshop makes id the workshop the agenda, run and results
// screens work on. UI goroutine.
func (u *ui) chooseWorkshop(id string) {
	u.mu.Lock()
	u.wsID = id
	u.mu.Unlock()
	u.syncHeader()
	for _, name := range []string{screenWorkshops, screenCurriculum, screenAgenda, screenRun, screenResults} {
		u.refresh(name)
	}
}

// setWorkshopList fills the header's workshop chooser. UI goroutine.
func (u *ui) setWorkshopList(ws []*taller.Workshop) {
	opts := make([]string, len(ws))
	u.headerIDs = make([]string, len(ws))
	found := false
	for i, w := range ws {
		opts[i] = w.Title + " · " + formatDate(w.Date)
		u.headerIDs[i] = w.ID
		found = found || w.ID == u.workshopID()
	}
	if !found && u.workshopID() != "" {
		u.mu.Lock()
		u.wsID = ""
		u.mu.Unlock()
		for _, name := range []string{screenAgenda, screenRun, screenResults, screenCurriculum} {
			u.refresh(name)
		}
	}
	u.header.SetOptions(opts)
	u.syncHeader()
}

func (u *ui) syncHeader() {
	id := u.workshopID()
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

// refresh updates one screen off the UI goroutine.
func (u *ui) refresh(name string) {
	s, ok := u.screens[name]
	if !ok {
		return
	}
	ctx := u.ctx
	u.goAsync(func() { s.update(ctx) })
}

// visible reports whether the named screen's tab is selected. UI goroutine.
func (u *ui) visible(name string) bool {
	return u.tabs != nil && u.tabs.Selected() == u.tabItems[name]
}

// showScreen selects a tab. UI goroutine.
func (u *ui) showScreen(name string) {
	if it, ok := u.tabItems[name]; ok {
		u.tabs.Select(it)
	}
}

// subscribe listens to the store's notifier: a change to the chosen
// workshop (or any change, for "") refreshes the screens that show it, at
// most a few times a second however fast phones check in.
func (u *ui) subscribe() {
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
func (u *ui) changed(ids map[string]bool) {
	cur := u.workshopID()
	if ids[""] || ids[cur] {
		if u.visible(screenRun) || u.presenter != nil {
			u.refresh(screenRun)
		}
		if u.visible(screenResults) {
			u.refresh(screenResults)
		}
	}
	if u.visible(screenWorkshops) || ids[""] {
		u.refresh(screenWorkshops)
	}
	if u.visible(screenExport) {
		u.refresh(screenExport)
	}
}

// startWatch polls the data file for changes made by other processes (the
// command line, a second app), so they show within a second.
func (u *ui) startWatch(st *store.Store) {
	ctx, cancel := context.WithCancel(u.ctx)
	u.mu.Lock()
	if u.watch != nil {
		u.watch()
	}
	u.watch = cancel
	u.mu.Unlock()
	go func() { logErr("watch data file", st.Watch(ctx, time.Second)) }()
}

// setLanguage switches the app's texts to l, saves the choice and builds
// the screens again. UI goroutine.
func (u *ui) setLanguage(l i18n.Lang) {
	if !l.Valid() || l == u.lang {
		return
	}
	if err := useLanguage(l); err != nil {
		u.showError(t("app.error.title"), err)
		return
	}
	u.lang = l
	st := u.store()
	u.goAsync(func() {
		err := st.SetSetting(u.ctx, taller.SettingLanguage, string(l))
		if err != nil {
			fyne.Do(func() { u.showError(t("app.error.title"), err) })
		}
	})
	selected := screenSettings
	u.dialogs.closeAll()
	hadPresenter := u.presenter != nil
	if hadPresenter {
		u.presenter.close()
	}
	u.build()
	u.showScreen(selected)
	if hadPresenter {
		u.run.openPresenter()
	}
}

// sortWorkshops puts upcoming workshops first, soonest first, then past
// ones, most recent first.
func sortWorkshops(ws []*taller.Workshop, now time.Time) {
	today := now.Format(time.DateOnly)
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		au, bu := a.Date >= today, b.Date >= today
		if au != bu {
			return au
		}
		if a.Date != b.Date {
			if au {
				return a.Date < b.Date
			}
			return a.Date > b.Date
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Title < b.Title
	})
}

// formatDate shows YYYY-MM-DD as the region writes dates: DD/MM/YYYY.
func formatDate(d string) string {
	tm, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return tm.Format("02/01/2006")
}
