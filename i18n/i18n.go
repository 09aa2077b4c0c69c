// Package i18n renders Taller's user-facing text in Spanish or English from
// the translation files embedded in package assets.
//
// Every area of the program keeps its own folder under assets/i18n with an
// es.json and an en.json file; the files are merged here so the desktop app,
// the phone pages, the command line and the spreadsheet export all read the
// same texts. Texts may use Go template
// syntax for arguments, as Fyne does: "{{.Count}} participantes".
package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"taller/assets"
)

// Lang is a language Taller speaks: "es" (the default) or "en".
type Lang string

// The languages Taller ships. Spanish comes first: it is the language of the
// workshops.
const (
	Spanish Lang = "es"
	English Lang = "en"
)

// Langs lists the supported languages, Spanish first.
var Langs = []Lang{Spanish, English}

// Valid reports whether l is a supported language.
func (l Lang) Valid() bool { return l == Spanish || l == English }

// Parse turns a locale such as "es_SV.UTF-8", "en-US" or "ES" into a
// supported language; anything else gives Spanish.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return English
	}
	return Spanish
}

// FromEnv picks the language from TALLER_LANG, then LC_ALL, LC_MESSAGES and
// LANG, then, on Windows (which sets none of them), the user's display
// language; Spanish when none names English.
func FromEnv() Lang {
	for _, k := range []string{"TALLER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" && v != "C" && v != "C.UTF-8" && v != "POSIX" {
			return Parse(v)
		}
	}
	if l := systemLocale(); l != "" {
		return Parse(l)
	}
	return Spanish
}

type catalog struct {
	texts map[Lang]map[string]string
	tmpls sync.Map // Lang+"\x00"+key → *template.Template
}

var (
	loadOnce sync.Once
	loaded   *catalog
	loadErr  error
)

func load() (*catalog, error) {
	loadOnce.Do(func() {
		loaded, loadErr = readCatalog(assets.Translations, "i18n")
	})
	return loaded, loadErr
}

func readCatalog(fsys fs.FS, root string) (*catalog, error) {
	c := &catalog{texts: map[Lang]map[string]string{}}
	for _, l := range Langs {
		c.texts[l] = map[string]string{}
	}
	areas, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("read translations: %w", err)
	}
	for _, area := range areas {
		if !area.IsDir() {
			continue
		}
		for _, l := range Langs {
			name := path.Join(root, area.Name(), string(l)+".json")
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read translations: %w", err)
			}
			var m map[string]string
			if err := json.Unmarshal(data, &m); err != nil {
				return nil, fmt.Errorf("parse %s: %w", name, err)
			}
			for k, v := range m {
				if _, dup := c.texts[l][k]; dup {
					return nil, fmt.Errorf("%s: key %q is defined twice", name, k)
				}
				c.texts[l][k] = v
			}
		}
	}
	return c, nil
}

func mustLoad() *catalog {
	c, err := load()
	if err != nil {
		panic(err) // the files are embedded: a broken one is a build mistake caught by the tests
	}
	return c
}

// T returns the text for key in lang, filled with args (a map or struct used
// as template data). A missing key returns the key itself, so a gap shows up
// on screen and in the tests instead of an empty label.
func T(lang Lang, key string, args ...any) string {
	c := mustLoad()
	if !lang.Valid() {
		lang = Spanish
	}
	text, ok := c.texts[lang][key]
	if !ok {
		return key
	}
	if len(args) == 0 || !strings.Contains(text, "{{") {
		return text
	}
	cacheKey := string(lang) + "\x00" + key
	var tmpl *template.Template
	if v, ok := c.tmpls.Load(cacheKey); ok {
		tmpl = v.(*template.Template)
	} else {
		t, err := template.New(key).Option("missingkey=zero").Parse(text)
		if err != nil {
			return text
		}
		c.tmpls.Store(cacheKey, t)
		tmpl = t
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, args[0]); err != nil {
		return text
	}
	return b.String()
}

// Has reports whether key has a text in lang.
func Has(lang Lang, key string) bool {
	_, ok := mustLoad().texts[lang][key]
	return ok
}

// Keys returns every key defined for lang, sorted.
func Keys(lang Lang) []string {
	m := mustLoad().texts[lang]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Check loads the embedded translations and reports the first problem: a
// file that does not parse, a key defined twice, or a key present in one
// language and missing in the other.
func Check() error {
	c, err := load()
	if err != nil {
		return err
	}
	for _, a := range Langs {
		for _, b := range Langs {
			for k := range c.texts[a] {
				if _, ok := c.texts[b][k]; !ok {
					return fmt.Errorf("translation key %q is in %s.json but not in %s.json", k, a, b)
				}
			}
		}
	}
	return nil
}
