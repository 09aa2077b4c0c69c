package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/curriculum"
	"taller/i18n"
)

// rawKey matches a translation key shown as it is: a text that is missing
// from a translation file.
var rawKey = regexp.MustCompile(`^(app|err|web|field|gender|age|role|likert|phase|country|lang|curriculum|report|cli)\.[A-Za-z0-9_.\-]+$`)

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
	for _, s := range screenOrder {
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
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
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

// visibleTexts returns the text of every visible canvas.Text under o.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// canvasTexts returns the visible texts of a window, dialogs included.
func canvasTexts(c fyne.Canvas) []string {
	out := visibleTexts(c.Content())
	for _, o := range c.Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return out
}

// assertTranslated fails on a text that is a raw key or an unfilled
// template.
func assertTranslated(t *testing.T, where string, texts []string) {
	t.Helper()
	require.NotEmpty(t, texts, where)
	for _, s := range texts {
		s = strings.TrimSpace(s)
		assert.False(t, rawKey.MatchString(s), "%s shows the raw key %q", where, s)
		assert.NotContains(t, s, "{{", "%s shows an unfilled template", where)
		assert.NotContains(t, s, "<no value>", "%s shows a template without its data", where)
	}
}

func TestEveryScreenInBothLanguages(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			e := newEnv(t, l)
			// The empty states first.
			for _, name := range screenOrder {
				e.u.showScreen(name)
				e.u.screens[name].update(e.ctx)
				assertTranslated(t, name+" (empty)", canvasTexts(e.u.win.Canvas()))
			}

			w := e.workshop("Taller de prueba")
			e.halfDay(w)
			e.answers(w)
			require.NoError(t, e.st.SetSetting(e.ctx, taller.SettingWiFiSSID, "Hotspot"))
			require.NoError(t, e.st.SetPhase(e.ctx, w.ID, taller.PhaseCheckIn, true))
			e.u.workshops.update(e.ctx)
			seen := map[string]bool{}
			for _, name := range screenOrder {
				e.choose(w, name)
				e.u.run.tick(time.Date(2025, 6, 10, 9, 30, 0, 0, time.Local))
				texts := canvasTexts(e.u.win.Canvas())
				assertTranslated(t, name, texts)
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

			// The presenter window, the dialogs.
			e.choose(w, screenRun)
			e.u.run.openPresenter()
			require.NotNil(t, e.u.presenter)
			assertTranslated(t, "presenter", canvasTexts(e.u.presenter.win.Canvas()))
			e.u.presenter.close()
			for name, open := range map[string]func(){
				"paper check-in":   e.u.run.paperCheckInForm,
				"paper quiz":       e.u.run.paperQuizForm,
				"paper evaluation": e.u.run.paperEvaluationForm,
				"custom activity":  e.u.agenda.addCustom,
				"wipe":             e.u.settings.confirmWipe,
				"about":            e.u.showAbout,
			} {
				open()
				require.NotNil(t, e.u.dialogs.top(), name)
				assertTranslated(t, name, canvasTexts(e.u.win.Canvas()))
				e.u.escape()
			}
		})
	}
}

func TestSwitchLanguage(t *testing.T) {
	e := newEnv(t, i18n.Spanish)
	e.u.showScreen(screenSettings)
	assert.Equal(t, "Ajustes", e.u.tabItems[screenSettings].Text)
	e.u.settings.language.SetSelected("English")
	assert.Equal(t, "Settings", e.u.tabItems[screenSettings].Text)
	assert.True(t, e.u.visible(screenSettings), "the settings stay open")
	saved, err := e.st.Setting(e.ctx, taller.SettingLanguage, "")
	require.NoError(t, err)
	assert.Equal(t, "en", saved)
}
