package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"taller/i18n"
)

func TestSystemLangAgreesWithTheCommandLine(t *testing.T) {
	for _, env := range []struct{ lang, want string }{
		{"en_US.UTF-8", "en"},
		{"es_SV.UTF-8", "es"},
		{"fr_FR.UTF-8", "es"},
	} {
		// given the environment the command line reads
		t.Setenv("TALLER_LANG", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", env.lang)
		// then the app picks the language the command line would
		assert.Equal(t, i18n.FromEnv(), SystemLang(), env.lang)
		assert.Equal(t, i18n.Lang(env.want), SystemLang(), env.lang)
	}
}
