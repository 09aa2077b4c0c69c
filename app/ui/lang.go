package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"taller/i18n"
)

// fyneTexts are copies of Fyne's own translations (its dialogs' buttons,
// the file chooser, the entry menu; BSD-3-Clause, Fyne.io developers), so
// those speak the language chosen in Settings and not the system's.
//
//go:embed translations/fyne.*.json
var fyneTexts embed.FS

// UseLanguage makes lang.L and lang.X answer in l, whatever the system's
// locale. Fyne picks the translations of the locale closest to the
// system's and falls back to English; registering the texts of l under
// both, and under the system's language, makes every lookup land on them.
func UseLanguage(l i18n.Lang) error {
	if !l.Valid() {
		l = i18n.Spanish
	}
	var texts map[string]any
	if err := json.Unmarshal(i18n.JSON(l), &texts); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	base, err := fyneTexts.ReadFile("translations/fyne." + string(l) + ".json")
	if err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	var fyneMsgs map[string]any
	if err := json.Unmarshal(base, &fyneMsgs); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	for k, v := range fyneMsgs {
		if _, ours := texts[k]; !ours {
			texts[k] = v
		}
	}
	data, err := json.Marshal(texts)
	if err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	seen := map[string]bool{}
	for _, tag := range []string{"en", "es", systemTag()} {
		tag = strings.ToLower(tag)
		if tag == "" || seen[tag] {
			continue
		}
		seen[tag] = true
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(tag)); err != nil {
			return fmt.Errorf("load translations: %w", err)
		}
	}
	return nil
}

// systemTag is the language part of the system's locale ("fr" for
// fr_FR.UTF-8), the one Fyne matches its translations against. On Linux it
// is read from the environment as Fyne does, without asking Fyne: for the
// locale "C.UTF-8" Fyne would log an error.
func systemTag() string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return lang.SystemLocale().LanguageString()
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		tag, _, _ := strings.Cut(v, ".")
		tag, _, _ = strings.Cut(tag, "_")
		if tag == "C" || tag == "POSIX" {
			return ""
		}
		return tag
	}
	return ""
}

// SystemLang is the language of the system: English for an English
// locale, Spanish for anything else. It is i18n.FromEnv on every system,
// so the app and the command line always agree: the environment (where
// "C" means none was set: Spanish, the workshops' language), then on
// Windows the user's display language. Fyne's own locale would be the
// regional format there, which a Spanish speaker may well set to English
// (United States) and not mean the language.
func SystemLang() i18n.Lang { return i18n.FromEnv() }
