// Package ui is what the screens of the desktop app share: the small UI
// interface each screen depends on instead of the whole app, the one
// refresh path (Dispatcher), the dialogs, and the widgets every screen
// uses. The app's shell (package app) implements UI; tests hand a screen
// the fake in package testdouble.
package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/store"
)

// The screens, by name, in tab order.
const (
	Workshops  = "workshops"
	Curriculum = "curriculum"
	Agenda     = "agenda"
	Run        = "run"
	Results    = "results"
	Export     = "export"
	Settings   = "settings"
)

// Order lists the screens in tab order.
var Order = []string{Workshops, Curriculum, Agenda, Run, Results, Export, Settings}

// Screen is one tab of the main window. The Dispatcher calls Load off the
// UI goroutine and Apply on it, and only for the latest refresh of the
// workshop still chosen: a screen never sees a stale result.
type Screen interface {
	// Content is the screen's widgets, built once.
	Content() fyne.CanvasObject
	// Load reads what the screen shows for the chosen workshop ("" for
	// none). It touches no widget.
	Load(ctx context.Context, workshopID string) (any, error)
	// Apply shows what Load returned. UI goroutine.
	Apply(data any)
}

// UI is what a screen may ask of the app around it.
type UI interface {
	// Context ends when the app quits.
	Context() context.Context
	// Go runs f off the UI goroutine (inline in tests).
	Go(f func())
	// Preferences are the app's own small settings (dismissed notes).
	Preferences() fyne.Preferences
	// NewWindow opens another window (the projector's).
	NewWindow(title string) fyne.Window
	// Lang is the language of the app's texts.
	Lang() i18n.Lang
	// DataDir is the data folder.
	DataDir() string
	// Store is the data file open now; "delete all data" replaces it, so
	// ask again rather than keeping it.
	Store() *store.Store
	// Curriculum is the manual in use; SetCurriculum replaces it.
	Curriculum() *curriculum.Curriculum
	SetCurriculum(c *curriculum.Curriculum)
	// Quiz is a workshop's quiz as the phones get it.
	Quiz(ctx context.Context, workshopID string, l i18n.Lang) ([]taller.Question, error)
	// Phones is the phone server, as far as a screen may know it.
	Phones() Phones
	// WorkshopID is the chosen workshop, "" for none; ChooseWorkshop
	// chooses another and refreshes what shows it.
	WorkshopID() string
	ChooseWorkshop(id string)
	// SetWorkshopList fills the header's chooser.
	SetWorkshopList(ws []*taller.Workshop)
	// Refresh reloads the named screens through the Dispatcher.
	Refresh(screens ...string)
	// ShowScreen brings a tab forward.
	ShowScreen(name string)
	// Dialogs shows dialogs over the main window.
	Dialogs() *Dialogs
	// SetLanguage switches the app's language and builds the screens again.
	SetLanguage(l i18n.Lang)
	// WipeData deletes every workshop and answer on this laptop and opens
	// a new, empty data file; done is called on the UI goroutine.
	WipeData(done func(err error))
}

// PhoneState is the phone server's state, for the Run screen.
type PhoneState struct {
	Running  bool
	Port     int
	FellBack bool   // the usual port was taken: a printed QR code is stale
	Wanted   string // the address asked for
	Err      error  // why it could not start
	NoLAN    bool   // no Wi-Fi or hotspot address: phones cannot reach it
}

// Phones is what a screen knows of the phone server: never how to start
// or stop it (the app does that, in one place).
type Phones interface {
	// State tells whether the server runs, and where.
	State() PhoneState
	// JoinURL is the address phones open for w; "" while not running.
	JoinURL(w *taller.Workshop) string
	// QR draws content as a QR code (cached).
	QR(content string) ([]byte, error)
}
