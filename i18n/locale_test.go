package i18n_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"taller/i18n"
)

// The names Windows gives its display languages and regional formats
// (GetUserPreferredUILanguages, GetUserDefaultLocaleName) are BCP 47 tags,
// not POSIX locales; they must parse too.
func TestParseWindowsLocaleNames(t *testing.T) {
	for name, want := range map[string]i18n.Lang{
		"es-SV": i18n.Spanish, "es-GT": i18n.Spanish, "es-HN": i18n.Spanish, "es-419": i18n.Spanish,
		"es-ES": i18n.Spanish, "en-US": i18n.English, "en-GB": i18n.English, "pt-BR": i18n.Spanish,
	} {
		assert.Equal(t, want, i18n.Parse(name), name)
	}
}

// The environment wins over the system's language, so TALLER_LANG and a
// terminal's LANG keep working on Windows too.
func TestFromEnvOrder(t *testing.T) {
	for _, k := range []string{"TALLER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "en_US.UTF-8")
	assert.Equal(t, i18n.English, i18n.FromEnv())
	t.Setenv("LC_MESSAGES", "es_SV.UTF-8")
	assert.Equal(t, i18n.Spanish, i18n.FromEnv(), "LC_MESSAGES before LANG")
	t.Setenv("LC_ALL", "C")
	assert.Equal(t, i18n.Spanish, i18n.FromEnv(), "C names no language: the next variable decides")
	t.Setenv("TALLER_LANG", "en")
	assert.Equal(t, i18n.English, i18n.FromEnv())
}
