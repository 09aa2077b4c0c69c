package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCurriculumListShowsTheGuides(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, "--lang", "en", "curriculum", "list")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Guides:")
	for _, id := range []string{"safety-protocol", "staffing", "support-directory", "adaptation", "energizers", "debrief", "take-home"} {
		assert.Contains(t, out, id)
	}
	assert.Regexp(t, `take-home\s+for participants\s+Looking after each other`, out)
	assert.Regexp(t, `safety-protocol\s+for facilitators\s+Safety protocol`, out)
	assert.Contains(t, out, "two-day-2: Two days: second day")

	es, _, code := cli(t, dir, "--lang", "es", "curriculum", "list")
	require.Equal(t, 0, code)
	assert.Contains(t, es, "Guías:")
	assert.Regexp(t, `take-home\s+para participantes\s+Cuidarnos entre todos`, es)
}

func TestCurriculumGuide(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := cli(t, dir, "--lang", "es", "curriculum", "guide", "take-home")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "# Cuidarnos entre todos\n")
	assert.Contains(t, out, "## El celular")
	assert.NotContains(t, out, "audience:", "no front matter")

	out, _, code = cli(t, dir, "--lang", "en", "curriculum", "guide", "safety-protocol")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "# Safety protocol\n")
	assert.Contains(t, out, "seek help immediately")

	out, errOut, code = cli(t, dir, "--lang", "en", "curriculum", "guide", "nope")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Equal(t, "taller: There is no guide “nope”; “taller curriculum list” lists the guides.\n", errOut)

	_, errOut, code = cli(t, dir, "--lang", "en", "curriculum", "guide")
	assert.Equal(t, 2, code, errOut)
}
