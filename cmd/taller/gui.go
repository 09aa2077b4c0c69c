package main

import "taller/app"

// runGUI opens the desktop app on the data folder.
func runGUI(e *env) error {
	st, err := e.store()
	if err != nil {
		return err
	}
	return app.Run(e.ctx, app.Options{DataDir: e.dataDir, Lang: e.lang, Store: st, Notifier: e.notify})
}
