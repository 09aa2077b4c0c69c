package app

import (
	"embed"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"taller"
	"taller/i18n"
)

// fyneTexts are copies of Fyne's own translations (its dialogs' buttons,
// the file chooser, the entry menu; BSD-3-Clause, Fyne.io developers), so
// those speak the language chosen in Settings and not the system's.
//
//go:embed translations/fyne.*.json
var fyneTexts embed.FS

// useLanguage makes lang.L and lang.X answer in l, whatever the system's
// locale. Fyne picks the translations of the locale closest to the
// system's and falls back to English; registering the texts of l under
// both, and under the system's language, makes every lookup land on them.
func useLanguage(l i18n.Lang) error {
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
	for _, tag := range []string{"en", "es", lang.SystemLocale().LanguageString()} {
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

// systemLang is the language of the system's locale: English for an
// English locale, Spanish for anything else. On Linux the locale is in
// the environment (where "C" means none was set: Spanish, the workshops'
// language); elsewhere Fyne asks the operating system.
func systemLang() i18n.Lang {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		return i18n.FromEnv()
	}
	return i18n.Parse(lang.SystemLocale().LanguageString())
}

// t translates a key with optional template data, through Fyne's lang
// package.
func t(key string, data ...any) string {
	if len(data) == 0 {
		return lang.L(key)
	}
	return lang.X(key, key, data[0])
}

// tn translates a key with template data given as name, value pairs.
func tn(key string, kv ...any) string {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return lang.X(key, key, m)
}

// errText is the sentence a person sees for err: never a Go error chain.
func (u *ui) errText(err error) string { return taller.Message(u.lang, err) }
