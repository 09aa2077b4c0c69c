// Command minwindow is the smallest Fyne app: one window with one label.
// The app's memory benchmark measures it beside Taller, in the same
// conditions, as the baseline.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.taller.minwindow")
	w := a.NewWindow("Taller")
	w.SetContent(widget.NewLabel("Taller"))
	w.Resize(fyne.NewSize(1280, 760))
	w.ShowAndRun()
}
