package participant

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

// chromium finds Debian's chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("chromium is not installed (apt-get install chromium; make test does it): skipping the real-browser test")
	return ""
}

// browser starts headless chromium with a 360×640 phone viewport and
// JavaScript turned off, and records every address the page asks for.
func browser(t *testing.T) (context.Context, *[]string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(360, 640),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(cancelCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)

	var mu sync.Mutex
	requests := &[]string{}
	require.NoError(t, chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 640, chromedp.EmulateScale(2)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
	))
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			*requests = append(*requests, e.Request.URL)
			mu.Unlock()
		}
	}))
	return ctx, requests
}

// shoot saves a screenshot of the whole page under TALLER_SHOT_DIR, when
// that is set.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("TALLER_SHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

func TestBrowserChecksIn(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	ctx, requests := browser(t)
	join := e.ts.URL + e.joinPath()

	// given the join page on a 360 px wide phone, without JavaScript
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(join), chromedp.WaitVisible(chromedp.CSS(`form`))))
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	require.NoError(t, err)
	assert.LessOrEqual(t, width, 360, "nothing sticks out sideways")
	box, err := chromedp.Run(ctx, chromedp.Dimensions(chromedp.CSS(`input[value=female]`)))
	require.NoError(t, err)
	_ = box
	label, err := chromedp.Run(ctx, chromedp.Dimensions(chromedp.CSS(`label`)))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, label.Height, int64(48), "touch targets are at least 48 px high")
	shoot(t, ctx, "checkin")

	// when the person picks their answers and taps the button
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name=gender][value=female]`)),
		chromedp.Click(chromedp.CSS(`input[name=age_band][value="30-44"]`)),
		chromedp.Click(chromedp.CSS(`input[name=role][value=leader]`)),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.code`)),
	))

	// then the saved page shows the participant code
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
	require.NoError(t, err)
	assert.Equal(t, "¡Registro guardado!", title)
	code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.code`)))
	require.NoError(t, err)
	code = strings.TrimSpace(code)
	assert.Equal(t, code, taller.NormalizeCode(code))
	shoot(t, ctx, "registered")

	n := e.counts()
	assert.Equal(t, 1, n.Total)
	assert.Equal(t, 1, n.ByGender[taller.Female])
	assert.Equal(t, 1, n.ByRole["leader"])
	stored, err := e.st.CodeForDevice(ctx, e.ws.ID, "")
	require.NoError(t, err)
	assert.Empty(t, stored)

	// and the page asked for nothing but the server's own addresses
	u, err := url.Parse(e.ts.URL)
	require.NoError(t, err)
	for _, r := range *requests {
		if strings.HasPrefix(r, "data:") {
			continue
		}
		ru, err := url.Parse(r)
		require.NoError(t, err)
		assert.Equal(t, u.Host, ru.Host, "request to %s", r)
	}
}

// TestBrowserPages renders every other page in the browser, for the
// screenshots under TALLER_SHOT_DIR (the README uses them) and a look at
// each page's width.
func TestBrowserPages(t *testing.T) {
	e := newEnv(t, nil)
	ctx, _ := browser(t)
	join := e.ts.URL + e.joinPath()
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, actions...), name)
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		require.NoError(t, err)
		assert.LessOrEqual(t, width, 360, "%s is wider than the phone", name)
		shoot(t, ctx, name)
	}

	step("closed", chromedp.Navigate(join), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	step("notfound", chromedp.Navigate(e.ts.URL+"/j/AAAAAAAAAAAAAAAAAAAAAAAAAA"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	e.open(taller.PhaseCheckIn)
	e.open(taller.PhaseQuiz)
	step("checkin-en", chromedp.Navigate(join+"?lang=en"), chromedp.WaitVisible(chromedp.CSS(`form`)))
	step("checkin-missing", chromedp.Navigate(join+"?lang=es"),
		chromedp.Click(chromedp.CSS(`input[name=gender][value=male]`)),
		chromedp.Click(chromedp.CSS(`input[name=age_band][value="18-29"]`)),
		// Old browsers ignore "required": submit as one of them would.
		chromedp.SetAttributeValue(chromedp.CSS(`form`), "novalidate", ""),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.err`)))
	step("registered-quiz", chromedp.Click(chromedp.CSS(`input[name=role][value=business]`)),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.code`)))
	step("quiz", chromedp.Click(chromedp.CSS(`a.btn`)), chromedp.WaitVisible(chromedp.CSS(`form`)))
	step("quiz-done", chromedp.Click(chromedp.CSS(`input[name=q0][value="1"]`)),
		chromedp.Click(chromedp.CSS(`input[name=q1][value="0"]`)),
		chromedp.Click(chromedp.CSS(`input[name=q2][value="1"]`)),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.ok`)))
	e.close(taller.PhaseCheckIn)
	e.close(taller.PhaseQuiz)
	e.open(taller.PhaseEvaluation)
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
		return err
	})))
	step("evaluation", chromedp.Navigate(join), chromedp.WaitVisible(chromedp.CSS(`form`)))
	assert.Equal(t, 0, e.counts().Evaluations)
}
