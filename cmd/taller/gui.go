package main

import (
	"os"
	"runtime"

	"taller/app"
	"taller/i18n"
)

// runGUI opens the desktop app on the data folder.
//
// TALLER_SCREEN names a screen to open on, with the first workshop chosen
// ("run", "presenter", "results", …): the README's screenshots are taken
// that way.
func runGUI(e *env) error {
	if !hasDisplay() {
		return &usageError{msg: e.t("cli.err.no_display")}
	}
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

// hasDisplay reports whether a window can open: always on Windows and
// macOS; elsewhere only with an X11 or Wayland display, so a terminal over
// SSH gets a clear line instead of a graphics driver's panic.
func hasDisplay() bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
