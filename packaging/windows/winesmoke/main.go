// Command winesmoke runs Taller's Windows build under Wine, the way a
// facilitator uses it: `make package-check` (packaging/packaging.mk) runs
// it on every submission against the real taller.exe and installer.
//
// In a throwaway Wine prefix (with the test-only bcryptprimitives.dll shim
// built from packaging/windows/wine-shim) it checks: the PE header asks
// for the GUI subsystem; `version` prints to a pipe and, through console
// attach, to the terminal taller.exe was typed in; the language follows a
// Spanish or English Windows; `workshop add/list/show` keep their data
// under %LOCALAPPDATA%\Taller; `serve` takes a real check-in, pre-quiz and
// evaluation posted over loopback by a simulated phone, seen afterwards in
// `workshop show`; `export` and `merge` write workbooks; the app's window
// is mapped under Xvfb within a time limit (a screenshot is kept); the
// installer speaks the system's language, installs silently, its
// taller.exe runs, and it uninstalls silently, keeping the data folder,
// or through its pages, deleting the data when told to.
//
// Usage:
//
//	go run ./packaging/windows/winesmoke -exe dist/taller-V-windows-amd64.exe \
//	    -installer dist/taller-V-windows-amd64-setup.exe -version V \
//	    -work dist/.work/wine -out dist
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// smoke is one run of the smoke test.
type smoke struct {
	ctx       context.Context
	w         *wine
	srcExe    string // the .exe under test, on the Unix side
	exe       string // its copy inside the prefix, C:\Taller\taller.exe
	installer string
	version   string
	work      string // scratch folder: prefix, locales, shim
	out       string // where screenshots are kept
	shimSrc   string
	display   *xvfb
	wsID      string // the workshop the steps share
	times     []string
}

func main() {
	var s smoke
	flag.StringVar(&s.srcExe, "exe", "", "taller.exe to test")
	flag.StringVar(&s.installer, "installer", "", "the NSIS installer to test (empty: skip)")
	flag.StringVar(&s.version, "version", "", "the version taller.exe must print")
	flag.StringVar(&s.work, "work", "dist/.work/wine", "scratch folder (deleted and made again)")
	flag.StringVar(&s.out, "out", "dist", "folder for the screenshots")
	flag.StringVar(&s.shimSrc, "shim", "packaging/windows/wine-shim", "folder of the bcryptprimitives shim's source")
	timeout := flag.Duration("timeout", 15*time.Minute, "give up after this long")
	keep := flag.Bool("keep", false, "keep the prefix afterwards, to look into it")
	flag.Parse()
	if s.srcExe == "" || s.version == "" {
		fmt.Fprintln(os.Stderr, "winesmoke: -exe and -version are required")
		os.Exit(2)
	}

	for _, p := range []*string{&s.srcExe, &s.installer, &s.work, &s.out, &s.shimSrc} {
		if *p != "" {
			abs, err := filepath.Abs(*p)
			if err != nil {
				fmt.Fprintln(os.Stderr, "winesmoke:", err)
				os.Exit(2)
			}
			*p = abs
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	s.ctx = ctx

	err := s.runAll()
	s.cleanup(*keep)
	fmt.Println("timings:", strings.Join(s.times, ", "))
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("wine smoke test: all passed")
}

func (s *smoke) runAll() error {
	steps := []struct {
		name string
		run  func() error
	}{
		{"prefix", s.makePrefix},
		{"subsystem", s.checkSubsystem},
		{"version", s.checkVersion},
		{"console", s.checkConsole},
		{"language", s.checkLanguage},
		{"workshop", s.checkWorkshop},
		{"serve", s.checkServe},
		{"export+merge", s.checkExportMerge},
		{"window", s.checkWindow},
		{"installer", s.checkInstaller},
	}
	total := time.Now()
	for _, st := range steps {
		fmt.Printf("== %s\n", st.name)
		t0 := time.Now()
		if err := st.run(); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		s.times = append(s.times, fmt.Sprintf("%s %.1fs", st.name, time.Since(t0).Seconds()))
	}
	s.times = append(s.times, fmt.Sprintf("total %.1fs", time.Since(total).Seconds()))
	return nil
}

// makePrefix compiles two locales (so that Wine can be Spanish or English
// on a machine that has only C.UTF-8), creates the prefix, builds and
// installs the shim, and copies taller.exe to C:\Taller.
func (s *smoke) makePrefix() error {
	if err := os.RemoveAll(s.work); err != nil {
		return err
	}
	locales := filepath.Join(s.work, "locale")
	if err := os.MkdirAll(locales, 0o755); err != nil {
		return err
	}
	t0 := time.Now()
	for _, l := range []string{"es_ES", "en_US"} {
		if err := runHost(s.ctx, "localedef", "-i", l, "-c", "-f", "UTF-8", filepath.Join(locales, l+".UTF-8")); err != nil {
			return fmt.Errorf("compile locale %s (Debian package locales): %w", l, err)
		}
	}
	fmt.Printf("locales compiled in %.1fs\n", time.Since(t0).Seconds())

	// One X display for every program of the prefix: Wine's desktop
	// process is started with the session's first program and keeps the
	// display it found (none would leave later windows nowhere to go).
	x, err := startXvfb(s.ctx)
	if err != nil {
		return err
	}
	s.display = x
	fmt.Println("Xvfb on display", x.display)

	home := filepath.Join(s.work, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	w, err := newWine(filepath.Join(s.work, "prefix"), locales, home)
	if err != nil {
		return err
	}
	w.env = append(w.env, "DISPLAY="+x.display)
	s.w = w
	t0 = time.Now()
	if err := w.create(s.ctx); err != nil {
		return err
	}
	fmt.Printf("prefix created in %.1fs (wineboot -i)\n", time.Since(t0).Seconds())

	dll := filepath.Join(s.work, "bcryptprimitives.dll")
	if err := runHost(s.ctx, "x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", dll,
		filepath.Join(s.shimSrc, "bcryptprimitives.c"), filepath.Join(s.shimSrc, "bcryptprimitives.def"), "-ladvapi32"); err != nil {
		return fmt.Errorf("build the ProcessPrng shim: %w", err)
	}
	if err := copyFile(dll, filepath.Join(w.driveC(), "windows", "system32", "bcryptprimitives.dll")); err != nil {
		return err
	}
	s.exe = filepath.Join(w.driveC(), "Taller", "taller.exe")
	return copyFile(s.srcExe, s.exe)
}

// taller runs C:\Taller\taller.exe with args and extra environment.
func (s *smoke) taller(extra []string, args ...string) (string, string, error) {
	return s.w.run(s.ctx, 2*time.Minute, extra, append([]string{s.exe}, args...)...)
}

// checkVersion: the version reaches stdout, a pipe here.
func (s *smoke) checkVersion() error {
	out, _, err := s.taller(nil, "version")
	if err != nil {
		return err
	}
	fmt.Printf("taller.exe version: %s\n", strings.TrimSpace(out))
	if !strings.Contains(out, s.version) {
		return fmt.Errorf("'taller.exe version' printed %q, not %s", out, s.version)
	}
	return nil
}

func (s *smoke) cleanup(keep bool) {
	if s.display != nil {
		s.display.stop()
	}
	if s.w != nil {
		s.w.stop()
		if !keep {
			os.RemoveAll(s.w.prefix)
		}
	}
}
