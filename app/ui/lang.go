package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

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

// current is the language of the app's texts (T and TN), Spanish until
// UseLanguage says otherwise.
var current atomic.Value // i18n.Lang

// Current is the language the app's texts are in.
func Current() i18n.Lang {
	if l, ok := current.Load().(i18n.Lang); ok {
		return l
	}
	return i18n.Spanish
}

// UseLanguage makes T and TN answer in l, and Fyne's own texts (its
// dialogs' buttons, the file chooser, the entry menu) too, whatever the
// system's locale.
//
// The app's texts come from package i18n, as the phones' and the command
// line's do; only Fyne's few texts go through Fyne's lang package. Fyne
// picks the translations of the locale closest to the system's and falls
// back to English; registering its texts in l under both, and under the
// system's language, makes every lookup land on them. (Registering the
// app's 1,000-odd texts there too, as before, kept a second parsed copy of
// them per language tag: 1.3 MB of the app's heap.)
func UseLanguage(l i18n.Lang) error {
	if !l.Valid() {
		l = i18n.Spanish
	}
	base, err := fyneTexts.ReadFile("translations/fyne." + string(l) + ".json")
	if err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	var texts map[string]any // a text, or its plural forms
	if err := json.Unmarshal(base, &texts); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	for k := range texts {
		if i18n.Has(l, k) {
			texts[k] = i18n.T(l, k)
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
	current.Store(l)
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
