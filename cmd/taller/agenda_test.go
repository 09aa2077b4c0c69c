package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgendaApplyAndShow(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, addArgs()...) // starts at 08:30
	require.Equal(t, 0, code)
	id := strings.TrimSpace(out)

	out, _, code = cli(t, dir, "agenda", "show", id)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "agenda is empty")

	out, errOut, code := cli(t, dir, "agenda", "apply", id, "--template", "half-day")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "08:30–09:05  35 min")
	assert.Contains(t, out, "Total: 08:30–12:00 (210 min)")
	assert.NotContains(t, out, "⚠")

	out, _, code = cli(t, dir, "--lang", "es", "agenda", "show", id)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Qué es la extorsión y cómo funciona hoy")
	assert.Contains(t, out, "Receso")

	_, errOut, code = cli(t, dir, "agenda", "apply", id, "--template", "weekend")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "half-day, full-day, two-day-1 or two-day-2")
	_, _, code = cli(t, dir, "agenda", "show", "no-such-id")
	assert.Equal(t, 1, code)
}

func TestCurriculumListAndImport(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, "curriculum", "list")
	require.Equal(t, 0, code)
	for _, id := range []string{"opening", "extortion-today", "community-resilience", "organised-responses", "victim-support",
		"digital-security", "gender-intersectional", "rights-reporting", "mental-health", "closing"} {
		assert.Contains(t, out, id)
	}
	assert.Contains(t, out, "half-day")

	// A broken pack is refused whole with its problems; nothing changes.
	pack := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(pack, "es"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(pack, "es", "01-x.md"), []byte("---\nid: x\n---\n"), 0o644))
	_, errOut, code := cli(t, dir, "curriculum", "import", pack)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Nothing was changed")
	assert.Contains(t, errOut, "es/01-x.md")
	after, _, _ := cli(t, dir, "curriculum", "list")
	assert.Equal(t, out, after)
}
