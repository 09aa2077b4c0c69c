// Package app is the facilitator's desktop app, built with Fyne. Screens
// only call the domain services; the logic lives in the other packages.
package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/i18n"
	"taller/store"
)

// Options are what the desktop app runs with.
type Options struct {
	DataDir  string
	Lang     i18n.Lang
	Store    *store.Store
	Notifier *taller.Notifier
}

// ID is the app's unique id, as in packaging/FyneApp.toml.
const ID = "org.taller.app"

// Run opens the main window and blocks until it is closed.
func Run(ctx context.Context, opts Options) error {
	a := fyneapp.NewWithID(ID)
	if err := loadTranslations(); err != nil {
		return err
	}
	w := a.NewWindow("Taller")
	ws, err := opts.Store.Workshops(ctx)
	if err != nil {
		return err
	}
	w.SetContent(widget.NewLabel(lang.X("app.workshops.count", "{{.N}} workshops", map[string]any{"N": len(ws)})))
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
	return nil
}

// loadTranslations gives Fyne's lang package the same texts as the rest
// of Taller.
func loadTranslations() error {
	for _, l := range i18n.Langs {
		if err := lang.AddTranslations(fyne.NewStaticResource(string(l)+".json", i18n.JSON(l))); err != nil {
			return fmt.Errorf("load translations: %w", err)
		}
	}
	return nil
}
