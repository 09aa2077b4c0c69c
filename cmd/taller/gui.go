package main

import (
	"os"

	"taller/app"
	"taller/i18n"
)

// runGUI opens the desktop app on the data folder.
//
// TALLER_SCREEN names a screen to open on, with the first workshop chosen
// ("run", "presenter", "results", …): the README's screenshots are taken
// that way.
func runGUI(e *env) error {
	st, err := e.store()
	if err != nil {
		return err
	}
	return app.Run(e.ctx, app.Options{
		DataDir:  e.dataDir,
		Lang:     chosenLang(e),
		Store:    st,
		Notifier: e.notify,
		QuizFor:  quizFromCurriculum,
		Screen:   os.Getenv("TALLER_SCREEN"),
	})
}

// chosenLang is the language the user asked for with --lang or
// TALLER_LANG, or "" so that the app uses the one saved in its settings,
// else the system's.
func chosenLang(e *env) i18n.Lang {
	if e.langChosen {
		return e.lang
	}
	return ""
}
