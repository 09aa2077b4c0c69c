package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/i18n"
)

// The app's texts and Fyne's own follow the language chosen, both ways,
// whatever the system's locale says.
func TestUseLanguageSwitchesTheAppsTextsAndFynes(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	t.Cleanup(func() { _ = UseLanguage(i18n.Spanish) })
	for _, l := range []i18n.Lang{i18n.English, i18n.Spanish, i18n.English} {
		require.NoError(t, UseLanguage(l))
		assert.Equal(t, l, Current())
		assert.Equal(t, i18n.T(l, "app.tab.run"), T("app.tab.run"))
		assert.Equal(t, i18n.T(l, "app.tab.run"), TN("app.tab.run", "Unused", 1))
		want := map[i18n.Lang]string{i18n.English: "Cancel", i18n.Spanish: "Cancelar"}[l]
		assert.Equal(t, want, lang.L("Cancel"), "Fyne's own button in %s", l)
	}
}
