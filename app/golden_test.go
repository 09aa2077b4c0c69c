package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/ui"
	"taller/i18n"
)

// The markup goldens of the main screens, in testdata/. After a change to
// a screen, look at the files written to testdata/failed/ and, if they
// are right, rewrite the goldens with: go test ./app -update

// goldenEnv is a workshop with an agenda and answers, chosen.
func goldenEnv(t *testing.T, l i18n.Lang) (*env, *taller.Workshop) {
	e := newEnvAt(t, l, "/home/facilitadora/.local/share/taller")
	fixedSigningKey(t, e.dir)
	w := e.workshop("Respuestas comunitarias frente a la extorsión")
	e.halfDay(w)
	e.answers(w)
	require.NoError(t, e.st.SetPhase(e.ctx, w.ID, taller.PhaseCheckIn, true))
	require.NoError(t, e.st.SetSetting(e.ctx, taller.SettingWiFiSSID, "Taller"))
	e.u.Refresh(ui.Workshops)
	e.u.ChooseWorkshop(w.ID)
	return e, w
}

func TestGoldenScreens(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			e, w := goldenEnv(t, l)
			for _, name := range []string{ui.Workshops, ui.Curriculum, ui.Agenda, ui.Results, ui.Export, ui.Settings} {
				e.choose(w, name)
				e.assertMarkup(string(l) + "/" + name + ".xml")
			}

			// The Run screen with a fixed join address at 09:30.
			e.u.phones = fixedPhones{}
			e.choose(w, ui.Run)
			// Once more, so no height left from the real, longer address.
			e.u.Refresh(ui.Run)
			e.u.win.Content().Refresh()
			e.u.run.Tick(time.Date(2025, 6, 10, 9, 30, 0, 0, time.Local))
			e.assertMarkup(string(l) + "/" + ui.Run + ".xml")
		})
	}
}
