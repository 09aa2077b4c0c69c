package participant

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// axePath is where `make deps` installs axe-core (npm package axe-core),
// from the package's folder.
var axePath = filepath.Join("..", ".cache", "node", "node_modules", "axe-core", "axe.min.js")

// axeSource reads axe-core. Outside CI a checkout without it skips the
// test, saying how to get it; in CI (CI=true) that is a failure.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is missing (%v): make deps installs it", err)
		}
		t.Skipf("axe-core is not installed at %s: run `make deps` to check the pages with it", axePath)
	}
	return string(b)
}

// axeViolation is what the test reports of one axe-core violation.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  []string `json:"target"`
		Summary string   `json:"failureSummary"`
	} `json:"nodes"`
}

// ringCheck is one measured contrast on the page.
type ringCheck struct {
	What  string  `json:"what"`
	Ratio float64 `json:"ratio"`
}

// measureJS focuses every control of the page in turn and measures, from
// computed styles, its focus ring against what it sits on and, for text
// fields, the border against the inside and the outside.
const measureJS = `(() => {
  const parse = s => { const m = (s || '').match(/[\d.]+/g) || []; return m.map(Number); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const bg = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); } return [255, 255, 255]; };
  const name = el => el.tagName.toLowerCase() + (el.name ? '[name=' + el.name + ']' : '') + (el.className ? '.' + el.className : '') +
    (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 20) + '"' : '');
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea')) {
    el.focus();
    const s = getComputedStyle(el);
    const ring = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 ? 0 : ratio(parse(s.outlineColor), bg(el.parentElement));
    out.push({what: 'focus ring of ' + name(el), ratio: ring});
    if (el.matches('input[type=text], textarea')) {
      const border = parse(s.borderTopColor);
      out.push({what: 'border of ' + name(el) + ' against its inside', ratio: ratio(border, bg(el))});
      out.push({what: 'border of ' + name(el) + ' against its surroundings', ratio: ratio(border, bg(el.parentElement))});
    }
  }
  if (document.activeElement) document.activeElement.blur();
  return JSON.stringify(out);
})()`

// checkPage runs axe-core on the page the browser shows and fails on any
// violation, then measures the focus rings and field borders.
func checkPage(t *testing.T, ctx context.Context, axe, state string) {
	t.Helper()
	// The pages run no script (and the test browser has scripts off);
	// axe is run through the DevTools protocol, with scripts on for it.
	require.NoError(t, chromedp.Do(ctx, scripts(true)))
	defer func() { require.NoError(t, chromedp.Do(ctx, scripts(false))) }()
	for _, v := range runAxe(t, ctx, axe, state) {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " ")+": "+n.Summary)
		}
		t.Errorf("%s: axe-core %s (%s):\n  %s", state, v.ID, v.Help, strings.Join(where, "\n  "))
	}
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](measureJS))
	require.NoError(t, err)
	var checks []ringCheck
	require.NoError(t, json.Unmarshal([]byte(js), &checks))
	require.NotEmpty(t, checks, "%s has no control to focus", state)
	for _, c := range checks {
		assert.GreaterOrEqual(t, c.Ratio, nonTextContrast, "%s: %s is %.2f:1", state, c.What, c.Ratio)
	}
	shoot(t, ctx, "axe-"+state)
}

// runAxe injects axe-core into the page (once per page) and returns its
// violations.
func runAxe(t *testing.T, ctx context.Context, axe, state string) []axeViolation {
	t.Helper()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== 'undefined'`))
	require.NoError(t, err)
	if !loaded {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";0"))
		require.NoError(t, err, "inject axe-core")
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	require.NoError(t, err, "%s: run axe-core", state)
	var violations []axeViolation
	require.NoError(t, json.Unmarshal([]byte(res), &violations))
	return violations
}

// groupNames returns the accessible names of the page's groups (the
// fieldsets), as Chromium gives them to a screen reader.
func groupNames(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var res accessibility.GetFullAXTreeResult
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		res = r
		return err
	})))
	var names []string
	for _, n := range res.Nodes {
		if n.Role != nil && strings.Contains(string(n.Role.Value), `"group"`) && n.Name != nil {
			var name string
			require.NoError(t, json.Unmarshal(n.Name.Value, &name))
			names = append(names, name)
		}
	}
	return names
}

// scripts turns the page's script execution on or off.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// A headless page never has the window's focus: emulate it, so
		// :focus applies when the measuring script focuses a control.
		if _, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// TestBrowserAxe walks a phone through every page state, in Spanish and
// in English, and checks each with axe-core and for the contrast of focus
// rings and field borders.
func TestBrowserAxe(t *testing.T) {
	axe := axeSource(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, nil)
			ctx, _ := browser(t)
			join := e.ts.URL + e.joinPath()
			states := 0
			step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				require.NoError(t, chromedp.Do(ctx, actions...), name)
				checkPage(t, ctx, axe, fmt.Sprintf("%s-%s", name, lang))
				states++
			}
			clearCookies := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
				return err
			})
			oldBrowser := chromedp.SetAttributeValue(chromedp.CSS(`form`), "novalidate", "")
			h1 := chromedp.WaitVisible(chromedp.CSS(`h1`))

			step("closed", chromedp.Navigate(join+"?lang="+string(lang)), h1)
			step("notfound", chromedp.Navigate(e.ts.URL+"/j/AAAAAAAAAAAAAAAAAAAAAAAAAA?lang="+string(lang)), h1)
			e.open(taller.PhaseCheckIn)
			e.open(taller.PhaseQuiz)
			step("checkin", chromedp.Navigate(join), chromedp.WaitVisible(chromedp.CSS(`form`)))
			step("checkin-big", chromedp.Navigate(join+"?text=big"), chromedp.WaitVisible(chromedp.CSS(`body.big`)))
			step("checkin-missing", chromedp.Navigate(join+"?text=normal"),
				chromedp.Click(chromedp.CSS(`input[name=gender][value=male]`)),
				oldBrowser, chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.err`)))
			missing := i18n.T(lang, "web.err.answer_this")
			names := groupNames(t, ctx)
			assert.Contains(t, names, i18n.T(lang, "web.checkin.age")+" "+missing, "a screen reader hears the question is missing")
			assert.NotContains(t, names, i18n.T(lang, "web.checkin.gender")+" "+missing)
			step("registered-quiz", chromedp.Click(chromedp.CSS(`input[name=age_band][value="18-29"]`)),
				chromedp.Click(chromedp.CSS(`input[name=role][value=business]`)),
				chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.code`)))
			step("quiz", chromedp.Click(chromedp.CSS(`a.btn`)), chromedp.WaitVisible(chromedp.CSS(`form`)))
			step("quiz-missing", chromedp.Click(chromedp.CSS(`input[name=q0][value="1"]`)),
				oldBrowser, chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.err`)))
			step("quiz-done", chromedp.Click(chromedp.CSS(`input[name=q1][value="0"]`)),
				chromedp.Click(chromedp.CSS(`input[name=q2][value="1"]`)),
				chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.ok`)))
			e.close(taller.PhaseQuiz)
			e.open(taller.PhaseEvaluation)
			step("checkin-late", clearCookies, chromedp.Navigate(join+"?lang="+string(lang)), chromedp.WaitVisible(chromedp.CSS(`form`)))
			step("evaluation", chromedp.Navigate(join+"?then=1"), chromedp.WaitVisible(chromedp.CSS(`form`)))
			assert.Contains(t, groupNames(t, ctx), i18n.T(lang, "likert.overall")+" "+i18n.T(lang, "web.eval.scale_overall"),
				"a screen reader hears the meaning of 1 and 5 with the question")
			fill := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS(`#code`), "KKKK7")}
			for i, q := range testQuiz {
				fill = append(fill, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=q%d][value="%d"]`, i, q.Answer))))
			}
			for _, it := range taller.LikertItems[1:] {
				fill = append(fill, chromedp.Click(chromedp.CSS(`input[name="r.`+string(it)+`"][value="4"]`)))
			}
			step("evaluation-missing", append(fill, oldBrowser, chromedp.Click(chromedp.CSS(`button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.err`)))...)
			step("evaluation-code-refused", chromedp.Click(chromedp.CSS(`input[name="r.overall"][value="5"]`)),
				chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#code-err`)))
			require.NoError(t, chromedp.Do(ctx, scripts(true)))
			_, err := chromedp.Run(ctx, chromedp.Evaluate[any](`document.getElementById('code').value = '';0`))
			require.NoError(t, err, "leave the code empty")
			step("evaluation-done",
				chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.ok`)))
			e.close(taller.PhaseEvaluation)
			step("closed-phase", chromedp.Navigate(join), h1)
			assert.Equal(t, 1, e.counts().Evaluations)
			t.Logf("%d page states checked with axe-core in %s", states, lang)

			// and axe-core does catch what it should: a picture without a
			// text alternative and a field without a label
			require.NoError(t, chromedp.Do(ctx, scripts(true)))
			_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="data:,"><input type=text>');0`))
			require.NoError(t, err)
			var ids []string
			for _, v := range runAxe(t, ctx, axe, "self-check") {
				ids = append(ids, v.ID)
			}
			assert.Contains(t, ids, "image-alt")
			assert.Contains(t, ids, "label")
		})
	}
}
