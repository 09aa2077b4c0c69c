package ui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// realScreen is set by the running app: only then is there a screen (and
// a GLFW library initialised) to ask; tests run on Fyne's test driver.
var realScreen atomic.Bool

// UseRealScreen tells FitToScreen that windows open on a real screen.
func UseRealScreen() { realScreen.Store(true) }

// windowMargin leaves room for the window's title bar and borders.
const windowMargin = 48

// FitToScreen sizes win to want, or to the screen's work area (without
// task bars and panels) when want is larger, and centres it: a window
// never opens partly off a 1024×600 screen. It runs on the UI thread once
// the app runs; fitted, when not nil, is then told the size given.
func FitToScreen(win fyne.Window, want fyne.Size, fitted func(fyne.Size)) {
	win.Resize(want)
	if !realScreen.Load() {
		return
	}
	go fyne.Do(func() {
		area, ok := workArea(win)
		if !ok {
			return
		}
		size := fyne.NewSize(min(want.Width, area.Width-windowMargin/2), min(want.Height, area.Height-windowMargin))
		win.Resize(size)
		win.CenterOnScreen()
		if fitted != nil {
			fitted(size)
		}
	})
}

// workArea is the primary screen's work area in Fyne's units.
func workArea(win fyne.Window) (area fyne.Size, ok bool) {
	defer func() {
		if recover() != nil { // GLFW could not say
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, false
	}
	_, _, w, h := m.GetWorkarea()
	scale := win.Canvas().Scale()
	if w <= 0 || h <= 0 || scale <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale), true
}
