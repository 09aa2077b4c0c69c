package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportEach exports every demo workshop to its own file, as nine
// facilitators would.
func exportEach(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	ws := demoWorkshops(t, dir)
	outDir := t.TempDir()
	var files []string
	for i, w := range ws {
		path := filepath.Join(outDir, "taller-"+string(rune('a'+i))+".xlsx")
		_, stderr, code := cli(t, dir, "export", "--workshop", w.ID, "-o", path)
		require.Equal(t, 0, code, stderr)
		files = append(files, path)
	}
	return files
}

func TestMergeCommandReproducesTheReport(t *testing.T) {
	files := exportEach(t)
	out := filepath.Join(t.TempDir(), "consolidated.xlsx")
	// The coordinator's machine has no data folder of its own.
	coordinator := filepath.Join(t.TempDir(), "none")
	stdout, stderr, code := cli(t, coordinator, append([]string{"--lang", "en", "merge", "-o", out}, files...)...)
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 11)
	for i, f := range files {
		assert.Regexp(t, `^accepted: `+regexp.QuoteMeta(f)+` \(signed by [A-Z2-7]{4}(-[A-Z2-7]{4}){5}\)$`, lines[i])
	}
	assert.Regexp(t, `^signed by: [A-Z2-7]{4}(-[A-Z2-7]{4}){5}$`, lines[9], "the nine workshops come from one laptop")
	assert.Equal(t, "Workshops merged: 9, from accepted files: 9, into "+out, lines[10])
	entries, err := os.ReadDir(coordinator)
	require.NoError(t, err)
	require.Len(t, entries, 1, "merging makes no data file, only the key that signs the merged workbook")
	assert.Equal(t, "signing.key", entries[0].Name())

	assert.Equal(t, [][]string{
		{"Country", "Workshops", "Participants", "Women", "Men", "Other", "Prefer not to say"},
		{"El Salvador", "3", "74", "65", "9", "0", "0"},
		{"Guatemala", "3", "83", "34", "49", "0", "0"},
		{"Honduras", "3", "76", "58", "18", "0", "0"},
		{"Total", "9", "233", "157", "76", "0", "0"},
	}, summaryTable(t, out))

	// The same file twice, and the merged file with an original.
	again := filepath.Join(t.TempDir(), "again.xlsx")
	stdout, stderr, code = cli(t, coordinator, "--lang", "en", "merge", "-o", again, out, files[0], files[0])
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 1, strings.Count(stdout, "duplicate: workshop "), stdout)
	assert.Contains(t, stdout, "the same export is in "+out+" and "+files[0]+"; counted once")
	assert.Equal(t, summaryTable(t, out), summaryTable(t, again))
}

func TestMergeCommandRefusesBadFiles(t *testing.T) {
	files := exportEach(t)[:2]
	bad := filepath.Join(t.TempDir(), "notes.xlsx")
	require.NoError(t, os.WriteFile(bad, []byte("not a workbook"), 0o600))
	out := filepath.Join(t.TempDir(), "consolidated.xlsx")
	args := append([]string{"--lang", "en", "merge", "-o", out}, append(files, bad)...)

	stdout, stderr, code := cli(t, t.TempDir(), args...)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "refused: "+bad+": it is not a readable .xlsx workbook")
	assert.Equal(t, "taller: Files refused: 1. Nothing was written. Fix or leave out the refused files, or add --skip-bad to merge the others.\n", stderr)
	assert.NoFileExists(t, out)

	stdout, stderr, code = cli(t, t.TempDir(), append(args, "--skip-bad")...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "refused: "+bad)
	assert.Contains(t, stdout, "Workshops merged: 2, from accepted files: 2")

	_, stderr, code = cli(t, t.TempDir(), "merge", "-o", out)
	assert.Equal(t, 2, code, "no files is a misuse")
	assert.Contains(t, stderr, "Usage: taller merge")
	_, _, code = cli(t, t.TempDir(), "merge", files[0])
	assert.Equal(t, 2, code, "no -o is a misuse")
}
