package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// wine runs Windows programs in one throwaway prefix.
type wine struct {
	bin    string // the wine64 loader
	server string // wineserver
	prefix string
	env    []string // the environment every program gets, before extras
}

// findWine finds Debian's wine64 loader and wineserver: $WINE and
// $WINESERVER when set, then PATH, then /usr/lib/wine (Debian's wine64
// package puts the 64-bit loader there and no wine64 on PATH).
func findWine() (bin, server string, err error) {
	look := func(env string, names ...string) string {
		if v := os.Getenv(env); v != "" {
			return v
		}
		for _, n := range names {
			if strings.Contains(n, "/") {
				if st, err := os.Stat(n); err == nil && !st.IsDir() {
					return n
				}
				continue
			}
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		return ""
	}
	bin = look("WINE", "wine64", "/usr/lib/wine/wine64", "wine")
	server = look("WINESERVER", "wineserver", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver")
	if bin == "" || server == "" {
		return "", "", errors.New("wine64 not found: install Debian's wine64 package")
	}
	return bin, server, nil
}

// newWine prepares (but does not create) a prefix at dir. locales is a
// folder of compiled locales (LOCPATH) so that Wine can take its language
// from LANG even when the machine has only C.UTF-8. home is a scratch
// HOME: Wine links the profile's Desktop and Documents to the XDG folders
// of HOME, and the installer's shortcuts must not land on this machine's
// real desktop.
func newWine(dir, locales, home string) (*wine, error) {
	bin, server, err := findWine()
	if err != nil {
		return nil, err
	}
	w := &wine{bin: bin, server: server, prefix: dir}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "WINE"), strings.HasPrefix(k, "LC_"), k == "LANG", k == "LANGUAGE",
			k == "DISPLAY", k == "WAYLAND_DISPLAY", strings.HasPrefix(k, "TALLER_"), k == "LOCPATH", k == "HOME",
			strings.HasPrefix(k, "XDG_") && k != "XDG_RUNTIME_DIR":
			continue
		}
		w.env = append(w.env, kv)
	}
	w.env = append(w.env,
		"WINEPREFIX="+dir,
		"WINEDEBUG=-all",
		// No Mono or Gecko download prompts, no menu entries on the host.
		"WINEDLLOVERRIDES=mscoree,mshtml=;winemenubuilder.exe=d",
		"LOCPATH="+locales,
		"HOME="+home,
		"LANG=en_US.UTF-8",
	)
	return w, nil
}

// create makes a fresh prefix (wineboot -i) served by one persistent
// wineserver until stop. By default a wineserver quits a few seconds
// after its last program, and a program started just then dies with
// "wine client error: recvmsg: Connection reset by peer".
func (w *wine) create(ctx context.Context) error {
	if err := os.RemoveAll(w.prefix); err != nil {
		return fmt.Errorf("remove old prefix: %w", err)
	}
	if err := os.MkdirAll(w.prefix, 0o755); err != nil {
		return fmt.Errorf("create prefix: %w", err)
	}
	srv := exec.CommandContext(ctx, w.server, "-p")
	srv.Env = w.env
	// No pipes: the server goes on in the background and would hold them.
	if err := srv.Run(); err != nil {
		return fmt.Errorf("start a persistent wineserver: %w", err)
	}
	if _, _, err := w.run(ctx, 3*time.Minute, nil, "wineboot", "-i"); err != nil {
		return fmt.Errorf("wineboot -i: %w", err)
	}
	return nil
}

// stop ends every program of the prefix and its wineserver.
func (w *wine) stop() {
	k := exec.Command(w.server, "-k")
	k.Env = w.env
	_ = k.Run()
}

// command returns a command running a Windows program with extra
// environment variables (KEY=VALUE; a later one wins).
func (w *wine) command(ctx context.Context, extra []string, args ...string) *exec.Cmd {
	return w.hostCommand(ctx, extra, w.bin, args...)
}

// hostCommand returns a command running a Linux program (script(1), say)
// with the prefix's environment.
func (w *wine) hostCommand(ctx context.Context, extra []string, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, name, args...)
	c.Env = append(append([]string{}, w.env...), extra...)
	c.Dir = filepath.Dir(w.prefix)
	c.WaitDelay = 5 * time.Second
	return c
}

// run runs a Windows program to its end within timeout and returns what
// it printed.
func (w *wine) run(ctx context.Context, timeout time.Duration, extra []string, args ...string) (stdout, stderr string, err error) {
	return w.runHost(ctx, timeout, extra, w.bin, args...)
}

// runHost runs a Linux program with the prefix's environment to its end
// within timeout and returns what it printed. The output goes through
// files, not pipes: Wine's helper processes (services.exe, explorer.exe)
// inherit the first program's handles and outlive it.
func (w *wine) runHost(ctx context.Context, timeout time.Duration, extra []string, name string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := w.hostCommand(ctx, extra, name, args...)
	o, err := newOutput(filepath.Dir(w.prefix))
	if err != nil {
		return "", "", err
	}
	defer o.close()
	c.Stdout, c.Stderr = o.out, o.err
	err = c.Run()
	stdout, stderr = o.read()
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("%s: still running after %s", strings.Join(args, " "), timeout)
	} else if err != nil {
		err = fmt.Errorf("%s: %w\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, clip(stdout), clip(stderr))
	}
	return stdout, stderr, err
}

// output is a program's stdout and stderr, kept in two temporary files.
type output struct{ out, err *os.File }

func newOutput(dir string) (*output, error) {
	o, err := os.CreateTemp(dir, "stdout-*")
	if err != nil {
		return nil, err
	}
	e, err := os.CreateTemp(dir, "stderr-*")
	if err != nil {
		o.Close()
		os.Remove(o.Name())
		return nil, err
	}
	return &output{out: o, err: e}, nil
}

// read returns what was written so far.
func (o *output) read() (stdout, stderr string) {
	a, _ := os.ReadFile(o.out.Name())
	b, _ := os.ReadFile(o.err.Name())
	return string(a), string(b)
}

func (o *output) close() {
	for _, f := range []*os.File{o.out, o.err} {
		f.Close()
		os.Remove(f.Name())
	}
}

// driveC is the prefix's C: drive.
func (w *wine) driveC() string { return filepath.Join(w.prefix, "drive_c") }

// user is the Windows user name Wine made for us (the Unix one).
func (w *wine) user() (string, error) {
	ents, err := os.ReadDir(filepath.Join(w.driveC(), "users"))
	if err != nil {
		return "", fmt.Errorf("read users: %w", err)
	}
	for _, e := range ents {
		if e.IsDir() && e.Name() != "Public" {
			return e.Name(), nil
		}
	}
	return "", errors.New("the prefix has no user folder")
}

// profile is the user's folder, C:\users\NAME, on the Unix side.
func (w *wine) profile() (string, error) {
	u, err := w.user()
	if err != nil {
		return "", err
	}
	return filepath.Join(w.driveC(), "users", u), nil
}

// winPath gives the Windows path of a Unix path: C:\… inside the prefix's
// drive, Z:\… (Wine's view of /) elsewhere.
func (w *wine) winPath(p string) string {
	p, _ = filepath.Abs(p)
	if rel, err := filepath.Rel(w.driveC(), p); err == nil && !strings.HasPrefix(rel, "..") {
		return `C:\` + strings.ReplaceAll(rel, "/", `\`)
	}
	return `Z:` + strings.ReplaceAll(p, "/", `\`)
}

// clip shortens long output for an error message.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
