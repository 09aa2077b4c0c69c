package app

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/curriculum"
	"taller/i18n"
)

// appKeys returns the keys of assets/i18n/app/<lang>.json.
func appKeys(t *testing.T, l i18n.Lang) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assets", "i18n", "app", string(l)+".json"))
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

// dynamicKeys are the keys the code builds from a prefix and a value.
func dynamicKeys() []string {
	var keys []string
	for _, s := range ui.Order {
		keys = append(keys, "app.tab."+s)
	}
	for m := 1; m <= 12; m++ {
		keys = append(keys, fmt.Sprintf("app.month.%d", m))
	}
	for _, s := range []string{curriculum.SensitivityLow, curriculum.SensitivityMedium, curriculum.SensitivityHigh} {
		keys = append(keys, "app.sensitivity."+s)
	}
	for _, p := range taller.Phases {
		keys = append(keys, "app.run.open_"+string(p), "app.run.close_"+string(p))
	}
	keys = append(keys, "app.results.kind_apply", "app.results.kind_comment")
	return keys
}

func TestTranslationFiles(t *testing.T) {
	// The loader's own check: both files parse, no key twice, none in one
	// language only.
	require.NoError(t, i18n.Check())
	es, en := appKeys(t, i18n.Spanish), appKeys(t, i18n.English)
	for k := range es {
		assert.True(t, strings.HasPrefix(k, "app."), "key %q of the app area lacks the app. prefix", k)
		assert.Contains(t, en, k, "in es.json, missing from en.json")
	}
	for k := range en {
		assert.Contains(t, es, k, "in en.json, missing from es.json")
	}

	// Every key written in the code exists in both files; every key of the
	// files is used.
	used := map[string]bool{}
	literal := regexp.MustCompile(`"((?:app|web|likert|gender|age|role|lang|phase|country|err)\.[A-Za-z0-9_.\-]*[A-Za-z0-9])"`)
	var files []string
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return err
	}))
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	for _, k := range dynamicKeys() {
		used[k] = true
	}
	var missing []string
	for k := range used {
		for _, l := range i18n.Langs {
			if !i18n.Has(l, k) {
				missing = append(missing, string(l)+": "+k)
			}
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "keys used in the code but missing from a translation file")
	var unused []string
	for k := range es {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	assert.Empty(t, unused, "keys of assets/i18n/app that no code uses")
}

func TestEveryScreenInBothLanguages(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			e := newEnv(t, l)
			// The empty states first.
			for _, name := range ui.Order {
				e.u.ShowScreen(name)
				e.u.Refresh(name)
				testdouble.AssertTranslated(t, name+" (empty)", testdouble.CanvasTexts(e.u.win.Canvas()))
			}

			w := e.workshop("Taller de prueba")
			e.halfDay(w)
			e.answers(w)
			require.NoError(t, e.st.SetSetting(e.ctx, taller.SettingWiFiSSID, "Hotspot"))
			require.NoError(t, e.st.SetPhase(e.ctx, w.ID, taller.PhaseCheckIn, true))
			e.u.Refresh(ui.Workshops)
			// A window tall enough for every screen's whole page: the
			// Manual and Results draw only what is near the view.
			e.u.win.Resize(fyne.NewSize(1280, 6000))
			seen := map[string]bool{}
			for _, name := range ui.Order {
				e.choose(w, name)
				e.u.run.Tick(time.Date(2025, 6, 10, 9, 30, 0, 0, time.Local))
				texts := testdouble.CanvasTexts(e.u.win.Canvas())
				testdouble.AssertTranslated(t, name, texts)
				for _, s := range texts {
					seen[s] = true
				}
			}
			// Something of each screen is in the right language.
			want := map[i18n.Lang][]string{
				i18n.Spanish: {"Talleres", "Asistencia en vivo", "Cerrar registro", "Guardar ajustes", "Usar plantilla", "Evaluación"},
				i18n.English: {"Workshops", "Live attendance", "Close check-in", "Save settings", "Use template", "Evaluation"},
			}
			for _, s := range want[l] {
				assert.True(t, seen[s], "%q is shown", s)
			}

			// The projector window. (Each screen's dialogs are checked in
			// its own package.)
			e.u.run.OpenPresenter()
			require.True(t, e.u.run.HasPresenter())
			e.u.run.ClosePresenter()
		})
	}
}

func TestSwitchLanguage(t *testing.T) {
	e := newEnv(t, i18n.Spanish)
	e.u.ShowScreen(ui.Settings)
	assert.Equal(t, "Ajustes", e.u.tabItems[ui.Settings].Text)
	e.u.SetLanguage(i18n.English)
	assert.Equal(t, "Settings", e.u.tabItems[ui.Settings].Text)
	assert.True(t, e.u.visible(ui.Settings), "the settings stay open")
	saved, err := e.st.Setting(e.ctx, taller.SettingLanguage, "")
	require.NoError(t, err)
	assert.Equal(t, "en", saved)
}
