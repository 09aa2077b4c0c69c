package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// The markup goldens of the main screens, in testdata/. After a change to
// a screen, look at the files written to testdata/failed/ and, if they
// are right, rewrite the goldens with: go test ./app -update

// goldenEnv is a workshop with an agenda and answers, chosen.
func goldenEnv(t *testing.T, l i18n.Lang) (*env, *taller.Workshop) {
	e := newEnv(t, l)
	w := e.workshop("Respuestas comunitarias frente a la extorsión")
	e.halfDay(w)
	e.answers(w)
	require.NoError(t, e.st.SetPhase(e.ctx, w.ID, taller.PhaseCheckIn, true))
	require.NoError(t, e.st.SetSetting(e.ctx, taller.SettingWiFiSSID, "Taller"))
	e.u.workshops.update(e.ctx)
	e.u.chooseWorkshop(w.ID)
	return e, w
}

func TestGoldenScreens(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			e, w := goldenEnv(t, l)
			for _, name := range []string{screenWorkshops, screenCurriculum, screenAgenda, screenResults, screenExport, screenSettings} {
				e.choose(w, name)
				// The data folder is a new temporary folder each run.
				e.u.settings.dataDir.SetText("/home/facilitadora/.local/share/taller")
				e.assertMarkup(string(l) + "/" + name + ".xml")
			}

			// The Run screen with a fixed join address (the real one has a
			// random token and this machine's address) at 09:30.
			e.choose(w, screenRun)
			d := *e.u.run.data
			d.join = "http://192.168.137.1:8080/j/TOKEN"
			d.joinPNG = []byte("join")
			d.wifiPNG = []byte("wifi")
			d.server = serverState{Port: 8080, Wanted: ":8080"}
			d.serverErr, d.noLAN = nil, false
			e.u.run.apply(&d)
			// Once more, so no height left from the real, longer address.
			e.u.run.apply(&d)
			e.u.win.Content().Refresh()
			e.u.run.tick(time.Date(2025, 6, 10, 9, 30, 0, 0, time.Local))
			e.assertMarkup(string(l) + "/" + screenRun + ".xml")
		})
	}
}
