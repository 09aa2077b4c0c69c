// Package app is the facilitator's desktop app, built with Fyne. This
// package is the shell: the main window, the workshop chooser, the phone
// server's life and the open store. Each screen is a package of its own
// (workshops, manual, agenda, run, results, export, settings) that depends
// only on the small interface ui.UI; the logic lives in the domain
// packages.
//
// A screen's Load reads what it shows without touching widgets, off the UI
// goroutine; its Apply shows it. Both are called by one dispatcher
// (ui.Dispatcher) that drops a result when a newer refresh started or
// another workshop was chosen meanwhile, so a slow disk never freezes the
// window and never paints the wrong workshop.
package app

import (
	// Before Fyne, so Fyne's locale complaint never reaches the terminal.
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	_ "early.taller/fynelog"

	"context"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"taller"
	"taller/app/ui"
	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/store"
)

// Options are what the desktop app runs with.
type Options struct {
	// DataDir is the data folder the store lives in: shown in Settings and
	// opened again after "delete all data".
	DataDir string
	// Lang is a language asked for explicitly (--lang or TALLER_LANG); when
	// empty the app uses the language saved in Settings, else the
	// system's.
	Lang i18n.Lang
	// Store is the open data file. The caller closes it after Run returns.
	Store *store.Store
	// Notifier is the store's notifier: the app subscribes to it to
	// refresh its counters the moment a phone checks in.
	Notifier *taller.Notifier
	// QuizFor picks a workshop's quiz from the curriculum and the store in
	// use (both can change while the app runs: a pack imported, the data
	// deleted). The phones and the paper forms get the same questions.
	// When nil, workshops have no quiz.
	QuizFor func(c *curriculum.Curriculum, st *store.Store) participant.QuizFunc
	// Addr is where the participant server listens; ":8080" when empty.
	Addr string
	// Screen names the screen to open on ("workshops", "curriculum",
	// "agenda", "run", "presenter", "results", "export", "settings"), with
	// the first workshop chosen; used to take the README's screenshots.
	// "all" opens every screen in turn, "all+projector" then the
	// projector window too (the memory benchmark).
	Screen string
}

// ID is the app's unique id, as in packaging/FyneApp.toml.
const ID = "org.taller.app"

// Run opens the main window and blocks until it is closed or ctx ends.
// The phone server, if the Run screen started it, has stopped (its Serve
// returned) before Run returns, so the caller may close the store.
func Run(ctx context.Context, opts Options) error {
	limitMemory()
	profileHeapLater()
	ui.UseRealScreen()
	a := fyneapp.NewWithID(ID)
	ui.PrimeFonts()
	u, err := newShell(ctx, a, opts, nil)
	if err != nil {
		return err
	}
	defer u.close()
	u.start()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			fyne.Do(a.Quit)
		case <-done:
		}
	}()
	u.win.SetMaster()
	u.win.ShowAndRun()
	return nil
}

// memoryLimit is the soft limit on the memory the Go runtime holds for
// the app. The live heap after every screen is about 20 MB; laying out
// text leaves as much again in garbage, which without a limit the runtime
// keeps resident. Near the limit it collects sooner and gives pages back
// to the system.
const memoryLimit = 48 << 20

// gcPercent is how far the heap may grow past the live heap before the
// next collection: a quarter, not the default double. The app's garbage
// comes in bursts (a screen laid out); collections of a 20 MB heap are
// cheap.
const gcPercent = 25

// limitMemory sets memoryLimit and gcPercent unless GOMEMLIMIT or GOGC say
// otherwise, and turns on releaseMemorySoon.
func limitMemory() {
	idleRelease.Store(true)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// profileHeapLater writes a heap profile (go tool pprof) and the Go
// runtime's memory figures to the file TALLER_HEAPPROFILE names, once,
// TALLER_HEAPPROFILE_AFTER (a duration, 7s when unset) after start: the
// memory benchmark's way to see where the memory goes after the screen
// tour. Nothing happens without the variable.
func profileHeapLater() {
	path := os.Getenv("TALLER_HEAPPROFILE")
	if path == "" {
		return
	}
	runtime.MemProfileRate = 32 << 10
	after, err := time.ParseDuration(os.Getenv("TALLER_HEAPPROFILE_AFTER"))
	if err != nil {
		after = 7 * time.Second
	}
	time.AfterFunc(after, func() {
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			ui.LogErr("heap profile", err)
			return
		}
		defer f.Close()
		ui.LogErr("heap profile", pprof.WriteHeapProfile(f))
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		const mb = 1 << 20
		ui.LogErr("heap profile", os.WriteFile(path+".txt", fmt.Appendf(nil,
			"heap live %.1f MB, in use %.1f MB, idle not released %.1f MB, stacks %.1f MB, other runtime %.1f MB, total from OS %.1f MB\n",
			float64(m.HeapAlloc)/mb, float64(m.HeapInuse)/mb, float64(m.HeapIdle-m.HeapReleased)/mb, float64(m.StackSys)/mb,
			float64(m.Sys-m.HeapSys-m.StackSys)/mb, float64(m.Sys-m.HeapReleased)/mb), 0o644))
	})
}

// idleAfter is how long the app must go without a screen change before
// releaseMemorySoon gives the memory back.
const idleAfter = 2 * time.Second

var (
	idleRelease atomic.Bool // releaseMemorySoon acts (Run turns it on; tests leave it off)
	idleMu      sync.Mutex
	idleTimer   *time.Timer
)

// releaseMemorySoon gives the Go heap's free pages back to the system once
// the app has gone idleAfter without another call. Laying out a screen
// leaves about as much garbage as the live heap; the runtime's own
// scavenger returns it only slowly, so the app stayed some megabytes
// larger for minutes after the user had stopped switching screens. The
// collection runs off the UI goroutine, when nobody is waiting for it.
func releaseMemorySoon() {
	if !idleRelease.Load() {
		return
	}
	idleMu.Lock()
	defer idleMu.Unlock()
	if idleTimer == nil {
		idleTimer = time.AfterFunc(idleAfter, debug.FreeOSMemory)
		return
	}
	idleTimer.Reset(idleAfter)
}
