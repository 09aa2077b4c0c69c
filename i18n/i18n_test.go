package i18n_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/i18n"
)

func TestEveryKeyInBothLanguages(t *testing.T) {
	require.NoError(t, i18n.Check())
	assert.Equal(t, i18n.Keys(i18n.Spanish), i18n.Keys(i18n.English))
	for _, l := range i18n.Langs {
		for _, k := range i18n.Keys(l) {
			assert.NotEmpty(t, i18n.T(l, k), "%s: %s is empty", l, k)
		}
	}
}

func TestTemplatesAndFallbacks(t *testing.T) {
	assert.Equal(t, "Se sumaron 3 personas.", i18n.T(i18n.Spanish, "cli.tally_added", map[string]any{"N": 3}))
	assert.Equal(t, "Added 3 people.", i18n.T(i18n.English, "cli.tally_added", map[string]any{"N": 3}))
	assert.Equal(t, "no.such.key", i18n.T(i18n.English, "no.such.key"), "a missing key shows itself")
	assert.Equal(t, "Mujer", i18n.T("fr", "gender.female"), "an unknown language falls back to Spanish")
}

func TestParse(t *testing.T) {
	assert.Equal(t, i18n.English, i18n.Parse("en_US.UTF-8"))
	assert.Equal(t, i18n.Spanish, i18n.Parse("es_SV.UTF-8"))
	assert.Equal(t, i18n.Spanish, i18n.Parse("de_DE"))
	t.Setenv("TALLER_LANG", "en")
	assert.Equal(t, i18n.English, i18n.FromEnv())
}
