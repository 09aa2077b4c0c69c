package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	reports "taller/report"
	"taller/store"
)

// demoWorkshops loads the demo into dir and returns its workshops.
func demoWorkshops(t *testing.T, dir string) []*taller.Workshop {
	t.Helper()
	_, stderr, code := cli(t, dir, "demo")
	require.Equal(t, 0, code, stderr)
	stdout, stderr, code := cli(t, dir, "workshop", "list", "--json")
	require.Equal(t, 0, code, stderr)
	var ws []*taller.Workshop
	require.NoError(t, json.Unmarshal([]byte(stdout), &ws))
	require.Len(t, ws, 9)
	return ws
}

// firstSheet reads the first sheet of a workbook.
func firstSheet(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	require.NoError(t, err)
	return rows
}

// summaryTable is the Summary's table, from its header row (the rows above
// it say what the workbook covers).
func summaryTable(t *testing.T, path string) [][]string {
	t.Helper()
	rows := firstSheet(t, path)
	for i, r := range rows {
		if len(r) > 0 && (r[0] == "Country" || r[0] == "País") {
			return rows[i:]
		}
	}
	t.Fatalf("no table in the Summary of %s", path)
	return nil
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	ws := demoWorkshops(t, dir)
	out := filepath.Join(t.TempDir(), "all.xlsx")

	stdout, stderr, code := cli(t, dir, "export", "--all", "-o", out, "--lang", "es")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, out+"\n", stdout)
	lines := strings.Split(stderr, "\n")
	assert.Equal(t, "Workshops exported: 9, to "+out, lines[0], "messages follow the command line's language")
	assert.Regexp(t, `^\d+ figures held back until at least 5 people answer$`, lines[1], "what the export held back (the demo's small groups)")
	rows := summaryTable(t, out)
	assert.Equal(t, []string{"País", "Talleres", "Participantes", "Mujeres", "Hombres", "Otro", "Prefiere no decir"}, rows[0])
	assert.Equal(t, []string{"Total", "9", "233", "157", "76", "0", "0"}, rows[4])

	stdout, _, code = cli(t, dir, "workshop", "list", "--json")
	require.Equal(t, 0, code)
	assert.NotContains(t, stdout, `"not_exported": true`, "every workshop is marked exported")

	// Two workshops by id, with comments, in English.
	two := filepath.Join(t.TempDir(), "two.xlsx")
	_, stderr, code = cli(t, dir, "export", "--workshop", ws[0].ID, "--workshop", ws[1].ID, "-o", two, "--lang", "en", "--include-comments")
	require.Equal(t, 0, code, stderr)
	f, err := excelize.OpenFile(two)
	require.NoError(t, err)
	assert.Equal(t, []string{"Summary", "Workshops", "Demographics", "Evaluation", "Comments", "Notes", reports.DataSheet}, f.GetSheetList())
	require.NoError(t, f.Close())
}

func TestExportCommandOutbox(t *testing.T) {
	dir := t.TempDir()
	ws := demoWorkshops(t, dir)
	outbox := t.TempDir()

	_, stderr, code := cli(t, dir, "export", "--workshop", ws[0].ID, "--outbox")
	assert.Equal(t, 1, code)
	assert.Equal(t, "taller: No outbox folder is set. Choose one in the app's settings or with “taller settings set outbox_dir FOLDER”.\n", stderr)

	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	require.NoError(t, st.SetSetting(context.Background(), taller.SettingOutbox, outbox))
	require.NoError(t, st.Close())

	stdout, stderr, code := cli(t, dir, "export", "--workshop", ws[0].ID, "--workshop", ws[1].ID, "--outbox")
	require.Equal(t, 0, code, stderr)
	want := []string{reports.OutboxPath(outbox, ws[0]), reports.OutboxPath(outbox, ws[1])}
	assert.Equal(t, strings.Join(want, "\n")+"\n", stdout)
	entries, err := os.ReadDir(outbox)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{reports.OutboxName(ws[0]), reports.OutboxName(ws[1])}, names, "one file per workshop, no temporary file left")
	assert.Len(t, summaryTable(t, want[0]), 3, "one workshop: a header, its country and the total")

	// Again: the same names, replaced.
	_, stderr, code = cli(t, dir, "export", "--workshop", ws[0].ID, "--outbox")
	require.Equal(t, 0, code, stderr)
	entries, err = os.ReadDir(outbox)
	require.NoError(t, err)
	assert.Len(t, entries, 2)
}

func TestExportCommandMisuse(t *testing.T) {
	dir := t.TempDir()
	ws := demoWorkshops(t, dir)
	out := filepath.Join(t.TempDir(), "x.xlsx")
	for _, args := range [][]string{
		{"export", "-o", out},
		{"export", "--all", "--workshop", ws[0].ID, "-o", out},
		{"export", "--all"},
		{"export", "--all", "-o", out, "--lang", "fr"},
		{"export", "--all", "-o", out, "extra"},
		{"export", "--nope"},
	} {
		_, stderr, code := cli(t, dir, args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
		assert.Equal(t, 1, strings.Count(stderr, "taller:"), "%v: %s", args, stderr)
	}
	_, stderr, code := cli(t, dir, "export", "--workshop", "no-such-id", "-o", out)
	assert.Equal(t, 1, code)
	assert.Equal(t, "taller: There is no workshop with that id.\n", stderr)
	assert.NoFileExists(t, out)

	empty := t.TempDir()
	_, stderr, code = cli(t, empty, "export", "--all", "-o", out)
	assert.Equal(t, 1, code)
	assert.Equal(t, "taller: Choose at least one workshop to export.\n", stderr)
}
