//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGUISmoke builds the real binary, starts it under a virtual X server,
// waits for its window, takes a screenshot and closes it. It logs the cold
// start: from exec to the window being mapped on screen.
//
// It needs Xvfb, xev and xwininfo (x11-utils) and import (imagemagick);
// `make test` installs them. TALLER_SCREENSHOT_DIR, when set, keeps the
// screenshot there.
func TestGUISmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("smoke test of the desktop window skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "xev", "xwininfo", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed, so the desktop window cannot be tested here "+
				"(apt-get install xvfb x11-utils imagemagick; make test installs them)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "taller")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	display := startXvfb(t)
	env := append(os.Environ(), "DISPLAY="+display, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TALLER_LANG=es")
	data := filepath.Join(dir, "data")

	// A workshop, so the window shows a list.
	add := exec.Command(bin, "--data", data, "workshop", "add", "--title", "Prueba de humo", "--country", "SV",
		"--locality", "San Vicente", "--org", "Red comunitaria", "--date", "2025-06-10")
	add.Env = env
	out, err = add.CombinedOutput()
	require.NoError(t, err, "workshop add: %s", out)

	// Watch the root window for windows being mapped, over one X
	// connection opened before the app starts.
	xev := exec.Command("xev", "-root", "-event", "substructure")
	xev.Env = env
	xevOut, err := xev.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, xev.Start())
	t.Cleanup(func() { xev.Process.Kill(); xev.Wait() })
	mapped := make(chan time.Time, 1)
	go func() {
		sc := bufio.NewScanner(xevOut)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "MapNotify") {
				select {
				case mapped <- time.Now():
				default:
				}
			}
		}
	}()
	time.Sleep(300 * time.Millisecond) // xev prints nothing until an event: let it connect

	var stderr bytes.Buffer
	app := exec.Command(bin, "--data", data)
	app.Env = env
	app.Stderr = &stderr
	start := time.Now()
	require.NoError(t, app.Start())
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		if app.ProcessState == nil {
			app.Process.Kill()
			<-exited
		}
	})

	select {
	case at := <-mapped:
		t.Logf("cold start: window mapped %v after exec", at.Sub(start).Round(time.Millisecond))
	case err := <-exited:
		t.Fatalf("the app exited before showing its window: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("no window within 30 s\n%s", stderr.String())
	}

	// The mapped window is Taller's.
	var info []byte
	for i := 0; i < 50; i++ {
		info, _ = exec.Command("xwininfo", "-display", display, "-name", "Taller").CombinedOutput()
		if bytes.Contains(info, []byte("IsViewable")) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.Contains(t, string(info), "IsViewable", "a viewable window named Taller")

	// Let it draw, then take a screenshot of the screen.
	time.Sleep(time.Second)
	shot := filepath.Join(dir, "smoke.png")
	imp := exec.Command("import", "-window", "root", shot)
	imp.Env = env
	out, err = imp.CombinedOutput()
	require.NoError(t, err, "import: %s", out)
	assertNotBlank(t, shot)
	if keep := os.Getenv("TALLER_SCREENSHOT_DIR"); keep != "" {
		data, _ := os.ReadFile(shot)
		require.NoError(t, os.WriteFile(filepath.Join(keep, "smoke.png"), data, 0o644))
	}

	// Closing: SIGTERM ends the app cleanly, as closing the window does.
	require.NoError(t, app.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		assert.NoError(t, err, "clean exit\n%s", stderr.String())
	case <-time.After(30 * time.Second):
		// Ask the Go runtime for every goroutine's stack, so a hang says
		// where it is.
		app.Process.Signal(syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			app.Process.Kill()
		}
		t.Fatalf("the app did not quit within 30 s of SIGTERM\n%s", stderr.String())
	}
}

// startXvfb starts a virtual X server on a free display and returns its
// name.
func startXvfb(t *testing.T) string {
	t.Helper()
	for n := 90; n < 140; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
		require.NoError(t, x.Start())
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		t.Cleanup(func() {
			x.Process.Signal(syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				x.Process.Kill()
			}
		})
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			select {
			case <-done:
				i = 100 // it died: display taken after all; try the next
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	t.Skip("no free X display for Xvfb")
	return ""
}

// assertNotBlank checks the screenshot shows something: not one colour.
func assertNotBlank(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	assert.Equal(t, image.Rect(0, 0, 1366, 768), b)
	colours := map[[4]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
		}
	}
	assert.Greater(t, len(colours), 10, "the screenshot has more than a few colours")
}
