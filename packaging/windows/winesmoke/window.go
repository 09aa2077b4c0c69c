package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"image"
	_ "image/png" // screenshots
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// windowTimeout is how long the app may take to map its window. Under
// Wine with Mesa's software OpenGL it takes a few seconds.
const windowTimeout = 60 * time.Second

// xvfb is a private X server on a display number it chose (-displayfd),
// so runs of other tests on the same machine cannot collide with it.
type xvfb struct {
	cmd     *exec.Cmd
	display string
}

func startXvfb(ctx context.Context) (*xvfb, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	c := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	c.ExtraFiles = []*os.File{w}
	if err := c.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			c.Process.Kill()
			c.Wait()
			return nil, fmt.Errorf("Xvfb gave no display number")
		}
		return &xvfb{cmd: c, display: ":" + n}, nil
	case <-time.After(20 * time.Second):
		c.Process.Kill()
		c.Wait()
		return nil, fmt.Errorf("Xvfb did not start within 20s")
	}
}

func (x *xvfb) stop() {
	x.cmd.Process.Kill()
	x.cmd.Wait()
}

// waitWindow waits until a visible window whose name contains name is
// mapped, and returns its id and full name.
func (x *xvfb) waitWindow(ctx context.Context, name string, limit time.Duration) (id, title string, err error) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		out, _ := x.tool(ctx, "xdotool", "search", "--onlyvisible", "--name", name)
		for _, id := range strings.Fields(out) {
			t, err := x.tool(ctx, "xdotool", "getwindowname", id)
			if err == nil && strings.Contains(t, name) {
				return id, strings.TrimSpace(t), nil
			}
		}
		select {
		case <-ctx.Done():
			return "", "", ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	return "", "", fmt.Errorf("no window named %q mapped within %s", name, limit)
}

// tool runs an X client on the display.
func (x *xvfb) tool(ctx context.Context, name string, args ...string) (string, error) {
	c := exec.CommandContext(ctx, name, args...)
	c.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := c.Output()
	return string(out), err
}

// screenshot saves the whole screen to path once it shows more than a
// blank window and has stopped changing (Fyne paints its first frame a
// moment after mapping, and fills lists from the data file after that),
// and returns the number of distinct colours seen.
func (x *xvfb) screenshot(ctx context.Context, path string, limit time.Duration) (int, error) {
	deadline := time.Now().Add(limit)
	var last uint64
	for {
		if _, err := x.tool(ctx, "import", "-window", "root", path); err != nil {
			return 0, fmt.Errorf("screenshot: %w", err)
		}
		colours, sum, err := readScreenshot(path)
		if err != nil {
			return 0, err
		}
		if colours >= 16 && sum == last {
			return colours, nil
		}
		if time.Now().After(deadline) {
			if colours < 16 {
				return colours, fmt.Errorf("the screen stayed blank (%d colours) for %s", colours, limit)
			}
			return colours, nil // still changing (a blinking cursor): keep the last one
		}
		last = sum
		time.Sleep(time.Second)
	}
}

// readScreenshot returns the number of distinct colours of a screenshot
// (sampled) and a checksum of its pixels.
func readScreenshot(path string) (int, uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return 0, 0, fmt.Errorf("read screenshot: %w", err)
	}
	seen := map[[3]uint32]bool{}
	h := fnv.New64a()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			px := [3]uint32{r >> 8, g >> 8, bl >> 8}
			h.Write([]byte{byte(px[0]), byte(px[1]), byte(px[2])})
			if x%3 == 0 && y%3 == 0 {
				seen[px] = true
			}
		}
	}
	return len(seen), h.Sum64(), nil
}

// checkWindow: the desktop app, started with no arguments as a
// double-click does, maps its window under Xvfb through Wine's X11 driver
// and Mesa; a screenshot is kept in dist/ to look at.
func (s *smoke) checkWindow() error {
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	app := s.w.command(ctx, []string{"LANG=es_ES.UTF-8"}, s.exe)
	o, err := newOutput(s.work)
	if err != nil {
		return err
	}
	defer o.close()
	app.Stdout, app.Stderr = o.out, o.err
	t0 := time.Now()
	if err := app.Start(); err != nil {
		return fmt.Errorf("start the app: %w", err)
	}
	defer app.Wait()
	defer cancel()
	_, title, err := s.display.waitWindow(ctx, "Taller", windowTimeout)
	if err != nil {
		stdout, stderr := o.read()
		return fmt.Errorf("%w; the app printed: %s", err, clip(stdout+stderr))
	}
	fmt.Printf("window %q mapped after %.1fs\n", title, time.Since(t0).Seconds())
	shot := filepath.Join(s.out, "wine-app-window.png")
	n, err := s.display.screenshot(ctx, shot, 20*time.Second)
	if err != nil {
		return err
	}
	fmt.Printf("screenshot %s (%d colours) after %.1fs\n", shot, n, time.Since(t0).Seconds())
	return nil
}
