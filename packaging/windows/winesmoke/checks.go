package main

import (
	"bytes"
	"debug/pe"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"taller/i18n"
	"taller/store"
)

// checkSubsystem: double-clicking opens no console window, because the PE
// header asks Windows for the GUI subsystem (a console program would get
// a console window from Explorer).
func (s *smoke) checkSubsystem() error {
	f, err := pe.Open(s.srcExe)
	if err != nil {
		return fmt.Errorf("read PE header: %w", err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return fmt.Errorf("not a 64-bit PE file")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("PE subsystem is %d, not %d (Windows GUI): double-clicking would open a console window", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	fmt.Println("PE subsystem: Windows GUI (no console window on double-click)")
	return nil
}

// checkConsole: typed into a terminal, a subcommand prints there. The
// detached launcher (wine-shim/detached.c) starts taller.exe with no
// console and no standard handles, as Windows does for a GUI program, so
// the text reaches the terminal (a pseudo-terminal from script(1)) only
// through taller.exe's own AttachConsole.
func (s *smoke) checkConsole() error {
	launcher := filepath.Join(s.w.driveC(), "Taller", "detached.exe")
	if err := runHost(s.ctx, "x86_64-w64-mingw32-gcc", "-municode", "-O2", "-s", "-o", launcher,
		filepath.Join(s.shimSrc, "detached.c")); err != nil {
		return fmt.Errorf("build the detached launcher: %w", err)
	}
	line := shellQuote(s.w.bin) + " " + shellQuote(s.w.winPath(launcher)) + " " + shellQuote(s.w.winPath(s.exe)) + " version"
	out, _, err := s.w.runHost(s.ctx, time.Minute, nil, "script", "-qec", line, "/dev/null")
	if err != nil {
		return err
	}
	if !strings.Contains(out, s.version) {
		return fmt.Errorf("started from a console without inherited handles, 'taller.exe version' printed nothing there (got %q): console attach broken", clip(out))
	}
	fmt.Println("console attach: 'taller.exe version' reached the terminal it was typed in")
	return nil
}

// checkLanguage: a Spanish Windows gets Spanish, an English one English.
// Wine takes its locale from LANG; cmd.exe then clears LANG (and LOCPATH)
// from the Windows environment, as on real Windows, where there is none,
// so taller.exe must ask Windows for the user's language. The empty data
// folder is the default one, %LOCALAPPDATA%\Taller, checked afterwards.
func (s *smoke) checkLanguage() error {
	for _, l := range []struct {
		locale string
		lang   i18n.Lang
	}{{"en_US.UTF-8", i18n.English}, {"es_ES.UTF-8", i18n.Spanish}} {
		out, _, err := s.w.run(s.ctx, time.Minute, []string{"LANG=" + l.locale}, "cmd", "/c",
			"set LANG=&& set LOCPATH=&& "+s.w.winPath(s.exe)+" workshop list")
		if err != nil {
			return err
		}
		want := i18n.T(l.lang, "cli.no_workshops")
		if strings.TrimSpace(out) != want {
			return fmt.Errorf("Windows in %s: 'workshop list' printed %q, want %q", l.locale, strings.TrimSpace(out), want)
		}
		fmt.Printf("Windows in %s, no LANG: %s\n", l.locale, want)
	}
	return nil
}

// dataDir is %LOCALAPPDATA%\Taller on the Unix side.
func (s *smoke) dataDir() (string, error) {
	p, err := s.w.profile()
	if err != nil {
		return "", err
	}
	return filepath.Join(p, "AppData", "Local", "Taller"), nil
}

// workshopJSON is the part of `workshop list --json` the test reads.
type workshopJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// showJSON is the part of `workshop show --json` the test reads.
type showJSON struct {
	Workshop workshopJSON `json:"workshop"`
	Counts   struct {
		Total       int `json:"total"`
		PreQuiz     int `json:"pre_quiz"`
		PostQuiz    int `json:"post_quiz"`
		Evaluations int `json:"evaluations"`
	} `json:"counts"`
}

const testTitle = "Prueba en Wine: resiliencia comunitaria"

// checkWorkshop: add, list and show a workshop in the default data
// folder, and find its file under %LOCALAPPDATA%\Taller.
func (s *smoke) checkWorkshop() error {
	es := []string{"LANG=es_ES.UTF-8"}
	out, _, err := s.taller(es, "workshop", "add", "--title", testTitle, "--country", "SV",
		"--locality", "San Salvador", "--org", "Red comunitaria", "--date", "2024-06-10", "--lang", "es")
	if err != nil {
		return err
	}
	s.wsID = strings.TrimSpace(out)
	if s.wsID == "" || strings.ContainsAny(s.wsID, " \n") {
		return fmt.Errorf("'workshop add' printed %q, not an id", out)
	}
	dir, err := s.dataDir()
	if err != nil {
		return err
	}
	db := store.Path(dir)
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("the data file is not under %%LOCALAPPDATA%%\\Taller: %w", err)
	}
	fmt.Printf("data file: %s\n", s.w.winPath(db))

	out, _, err = s.taller(es, "workshop", "list", "--json")
	if err != nil {
		return err
	}
	var list []workshopJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		return fmt.Errorf("workshop list --json: %w: %s", err, clip(out))
	}
	if len(list) != 1 || list[0].ID != s.wsID || list[0].Title != testTitle {
		return fmt.Errorf("workshop list --json gave %+v, want the one workshop %s %q", list, s.wsID, testTitle)
	}
	out, _, err = s.taller(es, "workshop", "show", s.wsID)
	if err != nil {
		return err
	}
	if !strings.Contains(out, testTitle) || !strings.Contains(out, "El Salvador") {
		return fmt.Errorf("workshop show printed %q", clip(out))
	}
	fmt.Print(out)
	return nil
}

// show returns `workshop show --json` of the test's workshop.
func (s *smoke) show() (*showJSON, error) {
	out, _, err := s.taller(nil, "workshop", "show", s.wsID, "--json")
	if err != nil {
		return nil, err
	}
	var v showJSON
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		return nil, fmt.Errorf("workshop show --json: %w: %s", err, clip(out))
	}
	return &v, nil
}

// checkExportMerge: export the workshop to a workbook and merge it, as a
// coordinator would, with Windows paths.
func (s *smoke) checkExportMerge() error {
	outDir := filepath.Join(s.w.driveC(), "users", "Public", "Documents")
	xlsx := filepath.Join(outDir, "taller-sv.xlsx")
	merged := filepath.Join(outDir, "consolidado.xlsx")
	out, errOut, err := s.taller(nil, "export", "--workshop", s.wsID, "-o", s.w.winPath(xlsx))
	if err != nil {
		return err
	}
	fmt.Print(out, errOut)
	if err := isXLSX(xlsx); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	out, errOut, err = s.taller(nil, "merge", "-o", s.w.winPath(merged), s.w.winPath(xlsx))
	if err != nil {
		return err
	}
	fmt.Print(out, errOut)
	if err := isXLSX(merged); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	return nil
}

// isXLSX checks that path is a non-trivial zip file, as a workbook is.
func isXLSX(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(b) < 1000 || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return fmt.Errorf("%s is not a workbook (%d bytes)", path, len(b))
	}
	fmt.Printf("%s: %d bytes\n", filepath.Base(path), len(b))
	return nil
}

// shellQuote quotes s for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
