//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// BenchmarkAppMemory measures the resident memory of the app after it has
// opened every screen with the demo data (and then once more with the
// projector window open too) against the smallest Fyne app (one window,
// one label: testdata/minwindow) in the same run, on the same virtual X
// server, and reports the ratios. Both are built as make builds them
// (-trimpath -tags no_emoji) and started cold, as on a laptop switched on
// that morning: each file is written to disk and dropped from the page
// cache first. A file just written is in the page cache in large folios,
// which this kernel maps whole when the program starts: straight from the
// linker both binaries looked 3 and 6 MB larger than when they are read
// from disk. Target: every screen at most 1.25× the minimal window.
//
//	go test ./cmd/taller -run '^$' -bench AppMemory -benchtime 1x
//
// With TALLER_HEAPPROFILE=FILE the every-screen run also writes a heap
// profile to FILE after its tour (go tool pprof -top FILE) and the Go
// runtime's figures to FILE.txt; it samples finely, so that run's own
// figure is then a few MB larger.
func BenchmarkAppMemory(b *testing.B) {
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s is not installed (make deps installs it)", tool)
		}
	}
	dir := b.TempDir()
	bin, minwin := filepath.Join(dir, "taller"), filepath.Join(dir, "minwindow")
	for path, pkg := range map[string]string{bin: ".", minwin: "./testdata/minwindow"} {
		built := path + ".built"
		build := exec.Command("go", "build", "-trimpath", "-tags", "no_emoji", "-o", built, pkg)
		out, err := build.CombinedOutput()
		require.NoError(b, err, "build %s: %s", pkg, out)
		installCold(b, built, path)
	}

	display := startXvfbFD(b)
	home := filepath.Join(dir, "home")
	require.NoError(b, os.MkdirAll(home, 0o700))
	var env []string
	for _, kv := range localeEnv("en_US.UTF-8") {
		if !strings.HasPrefix(kv, "TALLER_HEAPPROFILE") {
			env = append(env, kv)
		}
	}
	env = append(env, "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"TALLER_LANG=es")
	data := filepath.Join(dir, "data")
	demo := exec.Command(bin, "--data", data, "demo")
	demo.Env = env
	out, err := demo.CombinedOutput()
	require.NoError(b, err, "taller demo: %s", out)

	fullEnv := append(env, "TALLER_SCREEN=all")
	if p := os.Getenv("TALLER_HEAPPROFILE"); p != "" {
		abs, err := filepath.Abs(p)
		require.NoError(b, err)
		fullEnv = append(fullEnv, "TALLER_HEAPPROFILE="+abs)
	}
	var base, full, proj float64
	for i := 0; i < b.N; i++ {
		base = residentMB(b, exec.Command(minwin), env, 3*time.Second)
		full = residentMB(b, exec.Command(bin, "--data", data), fullEnv, 8*time.Second)
		proj = residentMB(b, exec.Command(bin, "--data", data), append(env, "TALLER_SCREEN=all+projector"), 9*time.Second)
	}
	b.ReportMetric(base, "MB-minimal-window")
	b.ReportMetric(full, "MB-every-screen")
	b.ReportMetric(full/base, "ratio")
	b.ReportMetric(proj/base, "ratio-with-projector")
	b.Logf("resident memory: minimal Fyne window %.0f MB; the app after every screen %.0f MB (%.2f×), "+
		"and with the projector window open %.0f MB (%.2f×)", base, full, full/base, proj, proj/base)
}

// installCold moves the program at from to to, on disk and out of the page
// cache, so that it starts as it does after a reboot.
func installCold(b *testing.B, from, to string) {
	b.Helper()
	require.NoError(b, os.Rename(from, to))
	f, err := os.Open(to)
	require.NoError(b, err)
	defer f.Close()
	require.NoError(b, f.Sync())
	require.NoError(b, unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED))
}

// residentMB starts cmd, waits for its window named "Taller" to be mapped
// and then for settle, and returns the largest resident set it had over
// the last second, in MB. It ends the process.
func residentMB(b *testing.B, cmd *exec.Cmd, env []string, settle time.Duration) float64 {
	b.Helper()
	cmd.Env = env
	require.NoError(b, cmd.Start())
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	display := ""
	for _, kv := range env {
		if strings.HasPrefix(kv, "DISPLAY=") {
			display = strings.TrimPrefix(kv, "DISPLAY=")
		}
	}
	mapped := false
	for i := 0; i < 300 && !mapped; i++ {
		out, _ := exec.Command("xwininfo", "-display", display, "-name", "Taller").CombinedOutput()
		mapped = strings.Contains(string(out), "IsViewable")
		if !mapped {
			time.Sleep(100 * time.Millisecond)
		}
	}
	require.True(b, mapped, "the window never showed")
	time.Sleep(settle - time.Second)
	var most float64
	for i := 0; i < 10; i++ {
		most = max(most, vmRSS(b, cmd.Process.Pid))
		time.Sleep(100 * time.Millisecond)
	}
	return most
}

// vmRSS is a process's resident set size in MB.
func vmRSS(b *testing.B, pid int) float64 {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(b, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			require.NoError(b, err)
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}

// startXvfbFD starts a virtual X server on a display it picks itself
// (-displayfd), so parallel runs never collide, and returns its name.
func startXvfbFD(t testing.TB) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	require.NoError(t, x.Start())
	w.Close()
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
	line, err := bufio.NewReader(r).ReadString('\n')
	require.NoError(t, err, "Xvfb did not say its display")
	return ":" + strings.TrimSpace(line)
}
