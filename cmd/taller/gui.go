package main

import (
	"os"
	"strings"

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
		Lang:     explicitLang(e, os.Args[1:]),
		Store:    st,
		Notifier: e.notify,
		QuizFor:  quizFromCurriculum,
		Screen:   os.Getenv("TALLER_SCREEN"),
	})
}

// explicitLang is the language the user asked for with --lang or
// TALLER_LANG, or "" so that the app uses the one saved in its settings,
// else the system's.
func explicitLang(e *env, args []string) i18n.Lang {
	if os.Getenv("TALLER_LANG") != "" {
		return e.lang
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-lang" || a == "--lang" || strings.HasPrefix(a, "-lang=") || strings.HasPrefix(a, "--lang=") {
			return e.lang
		}
	}
	return ""
}
