package curriculum

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/i18n"
)

// bundledIDs are the modules the bundled manual must have, in order.
var bundledIDs = []string{
	"opening", "extortion-today", "community-resilience", "organised-responses", "victim-support",
	"digital-security", "gender-intersectional", "rights-reporting", "mental-health", "closing",
}

func TestBundledCurriculumLoads(t *testing.T) {
	c, err := loadBundled()
	var pe *PackError
	if errors.As(err, &pe) {
		for _, p := range pe.Problems {
			t.Error(p.Error())
		}
	}
	require.NoError(t, err)
	require.NotPanics(t, func() { Default() })
	assert.Same(t, Default(), Default())
	assert.Equal(t, SourceBundled, c.Source())

	var ids []string
	for _, m := range c.Modules() {
		ids = append(ids, m.ID)
	}
	assert.Equal(t, bundledIDs, ids)
	assert.Equal(t, KindOpening, c.Modules()[0].Kind)
	assert.Equal(t, KindClosing, c.Modules()[len(ids)-1].Kind)
}

func TestBundledModulesMatchAcrossLanguages(t *testing.T) {
	requireBundled(t)
	for _, m := range Default().Modules() {
		es, en := m.Text[i18n.Spanish], m.Text[i18n.English]
		require.NotNil(t, es, m.ID)
		require.NotNil(t, en, m.ID)
		for _, text := range []*Text{es, en} {
			assert.NotEmpty(t, text.Title, m.ID)
			assert.NotEmpty(t, text.Objectives, m.ID)
			assert.NotEmpty(t, text.KeyIdeas, m.ID)
			assert.NotEmpty(t, text.Activity, m.ID)
			assert.NotEmpty(t, text.Discussion, m.ID)
			assert.NotEmpty(t, text.Notes, m.ID)
			assert.NotContains(t, text.Body, text.Notes, m.ID)
		}
		assert.True(t, strings.HasPrefix(es.Body, "## Ideas clave"), m.ID)
		assert.True(t, strings.HasPrefix(en.Body, "## Key ideas"), m.ID)
		assert.Equal(t, len(es.Objectives), len(en.Objectives), m.ID+" objectives")
		assert.Equal(t, len(es.Materials), len(en.Materials), m.ID+" materials")
		require.Equal(t, len(es.Quiz), len(en.Quiz), m.ID)
		for i := range es.Quiz {
			assert.Equal(t, es.Quiz[i].ID, en.Quiz[i].ID)
			assert.Len(t, en.Quiz[i].Options, len(es.Quiz[i].Options), es.Quiz[i].ID)
			assert.Equal(t, es.Quiz[i].Answer, en.Quiz[i].Answer, es.Quiz[i].ID)
		}
		assert.Equal(t, stepTimings(es.Activity), stepTimings(en.Activity), m.ID+" activity steps")
	}
}

var timingOfStep = regexp.MustCompile(`(?m)^[0-9]+[.)][ \t]+\*\*\(([0-9]+)`)

func stepTimings(activity string) []string {
	var out []string
	for _, m := range timingOfStep.FindAllStringSubmatch(activity, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestBundledTemplatesApply(t *testing.T) {
	requireBundled(t)
	c := Default()
	for _, tpl := range c.Templates() {
		a, err := c.Apply(tpl.Name)
		require.NoError(t, err, tpl.Name)
		assert.Zero(t, a.OverrunMinutes(), tpl.Name)
	}
	// The fixture the template tests use has the bundled durations.
	for _, f := range templateModules {
		m, ok := c.Module(f.id)
		require.True(t, ok, f.id)
		assert.Equal(t, f.minutes, m.Minutes, f.id)
	}
}

// TestTranslationKeys checks that every key the package uses has a text in
// both languages.
func TestTranslationKeys(t *testing.T) {
	keyRE := regexp.MustCompile(`"(curriculum\.[a-z_.-]+[a-z_])"`)
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(e.Name())
		require.NoError(t, err)
		for _, m := range keyRE.FindAllStringSubmatch(string(src), -1) {
			n++
			for _, l := range i18n.Langs {
				assert.True(t, i18n.Has(l, m[1]), "%s: %s has no %s text", e.Name(), m[1], l)
			}
		}
	}
	assert.Greater(t, n, 40)
}
