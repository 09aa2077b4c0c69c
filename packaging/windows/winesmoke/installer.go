package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"taller/store"
)

// uninstallKey is where the installer registers its uninstaller for the
// user's "Installed apps" list.
const uninstallKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Taller`

// checkInstaller: the installer's pages follow the system's language; a
// silent install (/S) puts taller.exe, the uninstaller and the shortcuts
// in the user's profile and registers the uninstaller, without
// administrator rights; the installed taller.exe runs; a silent uninstall
// removes all of it and keeps the data folder.
func (s *smoke) checkInstaller() error {
	if s.installer == "" {
		fmt.Println("no installer given: skipped")
		return nil
	}
	setup := filepath.Join(s.w.driveC(), "users", "Public", "Downloads", filepath.Base(s.installer))
	if err := copyFile(s.installer, setup); err != nil {
		return err
	}
	if err := s.installerLanguage(setup); err != nil {
		return err
	}

	profile, err := s.w.profile()
	if err != nil {
		return err
	}
	instDir := filepath.Join(profile, "AppData", "Local", "Programs", "Taller")
	files := []string{
		filepath.Join(instDir, "taller.exe"),
		filepath.Join(instDir, "uninstall.exe"),
		filepath.Join(profile, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Taller.lnk"),
		filepath.Join(profile, "Desktop", "Taller.lnk"),
	}

	t0 := time.Now()
	if _, _, err := s.w.run(s.ctx, 3*time.Minute, nil, setup, "/S"); err != nil {
		return fmt.Errorf("silent install: %w", err)
	}
	if err := s.waitFor(files[0], true, time.Minute); err != nil {
		return err
	}
	fmt.Printf("installed silently in %.1fs\n", time.Since(t0).Seconds())
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("the installer did not make %s", s.w.winPath(f))
		}
	}
	for name, want := range map[string]string{
		"DisplayName": "Taller", "DisplayVersion": s.version, "UninstallString": `\uninstall.exe`,
		"QuietUninstallString": "/S", "InstallLocation": `AppData\Local\Programs\Taller`,
	} {
		got, err := s.regValue(name)
		if err != nil {
			return err
		}
		if !strings.Contains(got, want) {
			return fmt.Errorf("registry %s\\%s is %q, want it to hold %q", uninstallKey, name, got, want)
		}
	}
	fmt.Println("registered under", uninstallKey)

	out, _, err := s.w.run(s.ctx, time.Minute, nil, files[0], "version")
	if err != nil {
		return err
	}
	if !strings.Contains(out, s.version) {
		return fmt.Errorf("installed taller.exe version printed %q", out)
	}
	fmt.Printf("installed taller.exe version: %s\n", strings.TrimSpace(out))

	dataDir, err := s.dataDir()
	if err != nil {
		return err
	}
	t0 = time.Now()
	if _, _, err := s.w.run(s.ctx, 3*time.Minute, nil, files[1], "/S"); err != nil {
		return fmt.Errorf("silent uninstall: %w", err)
	}
	// The uninstaller copies itself to %TEMP% and exits; the copy does
	// the work.
	if err := s.waitFor(instDir, false, time.Minute); err != nil {
		return err
	}
	fmt.Printf("uninstalled silently in %.1fs\n", time.Since(t0).Seconds())
	for _, f := range files {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("the uninstaller left %s", s.w.winPath(f))
		}
	}
	if v, err := s.regValue("DisplayName"); err == nil {
		return fmt.Errorf("the uninstaller left %s (DisplayName %q)", uninstallKey, v)
	}
	if _, err := os.Stat(store.Path(dataDir)); err != nil {
		return fmt.Errorf("the silent uninstall did not keep the data folder: %w", err)
	}
	fmt.Println("uninstalled: files, shortcuts and registry entry gone; data folder kept:", s.w.winPath(dataDir))
	return s.uninstallDeletingData(setup, files[1], instDir, dataDir)
}

// uninstallDeletingData installs again, then uninstalls through the
// uninstaller's pages on a Spanish Windows, answering "No" to "keep the
// workshops' data?": the data folder goes too. The question is kept as a
// screenshot. This must come last: it deletes the test's data.
func (s *smoke) uninstallDeletingData(setup, uninstaller, instDir, dataDir string) error {
	if _, _, err := s.w.run(s.ctx, 3*time.Minute, nil, setup, "/S"); err != nil {
		return fmt.Errorf("silent install again: %w", err)
	}
	if err := s.waitFor(uninstaller, true, time.Minute); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	c := s.w.command(ctx, []string{"LANG=es_ES.UTF-8"}, uninstaller)
	c.Stdout, c.Stderr = nil, nil
	if err := c.Start(); err != nil {
		return fmt.Errorf("start the uninstaller: %w", err)
	}
	defer c.Wait()
	defer cancel()

	const title = "Desinstalación de Taller"
	page, _, err := s.display.waitWindow(ctx, title, windowTimeout)
	if err != nil {
		return fmt.Errorf("uninstaller: %w", err)
	}
	// Enter presses the confirmation page's default button, Desinstalar;
	// then the question comes up in a second window of the same title.
	var question string
	deadline := time.Now().Add(30 * time.Second)
	for question == "" {
		if _, err := s.display.tool(ctx, "xdotool", "key", "--window", page, "Return"); err != nil {
			return fmt.Errorf("press Enter on the uninstaller: %w", err)
		}
		time.Sleep(time.Second)
		out, _ := s.display.tool(ctx, "xdotool", "search", "--onlyvisible", "--name", title)
		for _, id := range strings.Fields(out) {
			if id != page {
				question = id
			}
		}
		if question == "" && time.Now().After(deadline) {
			return fmt.Errorf("the uninstaller did not ask whether to keep the data within 30s")
		}
	}
	if _, err := s.display.screenshot(ctx, filepath.Join(s.out, "wine-uninstall-question-es.png"), 10*time.Second); err != nil {
		return err
	}
	if _, err := os.Stat(store.Path(dataDir)); err != nil {
		return fmt.Errorf("the data folder went before the question was answered: %w", err)
	}
	// "No" (its mnemonic is N in both languages): do not keep the data.
	if _, err := s.display.tool(ctx, "xdotool", "key", "--window", question, "n"); err != nil {
		return fmt.Errorf("answer No: %w", err)
	}
	if err := s.waitFor(dataDir, false, 30*time.Second); err != nil {
		return fmt.Errorf("answered No to keeping the data: %w", err)
	}
	if err := s.waitFor(instDir, false, 30*time.Second); err != nil {
		return err
	}
	fmt.Println("uninstalled through its pages, answering No: data folder deleted too")
	return nil
}

// installerLanguage opens the installer's first page on a Spanish and on
// an English Windows and reads its window title; the Spanish one is kept
// as a screenshot.
func (s *smoke) installerLanguage(setup string) error {
	for _, l := range []struct{ locale, title, shot string }{
		{"es_ES.UTF-8", "Instalación de Taller", "wine-installer-es.png"},
		{"en_US.UTF-8", "Taller Setup", ""},
	} {
		ctx, cancel := context.WithCancel(s.ctx)
		c := s.w.command(ctx, []string{"LANG=" + l.locale}, setup)
		c.Stdout, c.Stderr = nil, nil // /dev/null: no pipe for helpers to hold open
		if err := c.Start(); err != nil {
			cancel()
			return fmt.Errorf("start the installer: %w", err)
		}
		_, title, err := s.display.waitWindow(ctx, l.title, windowTimeout)
		if err == nil && l.shot != "" {
			time.Sleep(time.Second) // let the page paint
			_, err = s.display.screenshot(ctx, filepath.Join(s.out, l.shot), 10*time.Second)
		}
		cancel()
		c.Wait()
		if err != nil {
			return fmt.Errorf("installer on a Windows in %s: %w", l.locale, err)
		}
		fmt.Printf("installer on a Windows in %s: window %q\n", l.locale, title)
	}
	return nil
}

// regValue reads one value of the uninstall key with reg.exe.
func (s *smoke) regValue(name string) (string, error) {
	out, _, err := s.w.run(s.ctx, time.Minute, nil, "reg", "query", uninstallKey, "/v", name)
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == name && strings.HasPrefix(f[1], "REG_") {
			return strings.Join(f[2:], " "), nil
		}
	}
	return "", fmt.Errorf("reg query %s /v %s: no value in %q", uninstallKey, name, clip(out))
}

// waitFor waits until path exists (or, with exists false, is gone).
func (s *smoke) waitFor(path string, exists bool, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		_, err := os.Stat(path)
		if (err == nil) == exists {
			return nil
		}
		if time.Now().After(deadline) {
			if exists {
				return fmt.Errorf("%s did not appear within %s", s.w.winPath(path), limit)
			}
			return fmt.Errorf("%s still there after %s", s.w.winPath(path), limit)
		}
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
