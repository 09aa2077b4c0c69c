package report

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/demo"
	"taller/i18n"
)

// editData changes the hidden sheet of a copy of src and returns the copy.
func editData(t *testing.T, src string, edit func(f *excelize.File)) string {
	t.Helper()
	f, err := excelize.OpenFile(src)
	require.NoError(t, err)
	edit(f)
	dst := filepath.Join(t.TempDir(), "edited.xlsx")
	require.NoError(t, f.SaveAs(dst))
	require.NoError(t, f.Close())
	return dst
}

func setCell(t *testing.T, f *excelize.File, ref, value string) {
	t.Helper()
	require.NoError(t, f.SetCellStr(DataSheet, ref, value))
}

func getCell(t *testing.T, f *excelize.File, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(DataSheet, ref, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

func TestMergeRefusesBadFiles(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English})
	dir := t.TempDir()
	data, err := os.ReadFile(good)
	require.NoError(t, err)

	truncated := filepath.Join(dir, "truncated.xlsx")
	require.NoError(t, os.WriteFile(truncated, data[:len(data)/2], 0o600))
	garbage := filepath.Join(dir, "notes.xlsx")
	require.NoError(t, os.WriteFile(garbage, []byte("these are not the figures you are looking for"), 0o600))

	foreign := filepath.Join(dir, "budget.xlsx")
	ff := excelize.NewFile()
	require.NoError(t, ff.SetCellStr("Sheet1", "A1", "Country"))
	require.NoError(t, ff.SaveAs(foreign))
	impostor := filepath.Join(dir, "impostor.xlsx")
	ff = excelize.NewFile()
	_, err = ff.NewSheet(DataSheet)
	require.NoError(t, err)
	require.NoError(t, ff.SetCellStr(DataSheet, "A1", "something else"))
	require.NoError(t, ff.SaveAs(impostor))

	// One more woman in San Vicente: a forger who knows the format but
	// not the laptop's key.
	tamperedJSON := editData(t, good, func(f *excelize.File) {
		ref := cell(recordCols+1, headerRows+1)
		v := getCell(t, f, ref)
		require.Contains(t, v, `"female":10`)
		setCell(t, f, ref, strings.Replace(v, `"female":10`, `"female":11`, 1))
	})
	// A workshop row dropped, with the count fixed to match.
	tamperedRows := editData(t, good, func(f *excelize.File) {
		require.NoError(t, f.RemoveRow(DataSheet, headerRows+2))
		setCell(t, f, "B5", "1")
	})
	// A visible figure edited by hand: the Summary's total of participants.
	editedSummary := editData(t, good, func(f *excelize.File) {
		require.NoError(t, f.SetCellInt(f.GetSheetName(0), summaryCell(t, f, "18"), 999))
	})
	// A sheet added by hand.
	addedSheet := editData(t, good, func(f *excelize.File) {
		_, err := f.NewSheet("My notes")
		require.NoError(t, err)
		require.NoError(t, f.SetCellStr("My notes", "A1", "my own notes"))
	})
	future := editData(t, good, func(f *excelize.File) {
		setCell(t, f, "B1", strconv.Itoa(SchemaVersion+1))
	})
	// Version 1 carried the cross-tabs exact; it is no longer read.
	old := editData(t, good, func(f *excelize.File) {
		setCell(t, f, "B1", strconv.Itoa(SchemaVersion-1))
	})
	missing := filepath.Join(dir, "missing.xlsx")

	bad := []struct {
		file  string
		code  RefusalCode
		found int
	}{
		{truncated, RefuseUnreadable, 0},
		{garbage, RefuseUnreadable, 0},
		{foreign, RefuseForeign, 0},
		{impostor, RefuseForeign, 0},
		{tamperedJSON, RefuseTampered, 0},
		{tamperedRows, RefuseTampered, 0},
		{editedSummary, RefuseEdited, 0},
		{addedSheet, RefuseEdited, 0},
		{future, RefuseFuture, SchemaVersion + 1},
		{old, RefuseOld, SchemaVersion - 1},
		{missing, RefuseMissing, 0},
	}
	for _, tc := range bad {
		t.Run(string(tc.code)+"/"+filepath.Base(tc.file), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "merged.xlsx")
			res, err := Merge(context.Background(), []string{good, tc.file}, out, MergeOptions{Lang: i18n.English})
			require.Error(t, err, "one bad file stops the merge")
			assert.Equal(t, "Files refused: 1. Nothing was written.", taller.Message(i18n.English, err))
			assert.NoFileExists(t, out)
			require.Len(t, res.Refused, 1)
			assert.Equal(t, tc.file, res.Refused[0].File)
			assert.Equal(t, tc.code, res.Refused[0].Code)
			if tc.code != RefuseEdited {
				assert.Equal(t, i18n.T(i18n.English, "report.refuse."+string(tc.code),
					map[string]any{"Found": tc.found, "Known": SchemaVersion}), res.Refused[0].Reason)
			}
			assert.Equal(t, []string{good}, res.Accepted)

			res, err = Merge(context.Background(), []string{tc.file, good}, out, MergeOptions{Lang: i18n.English, SkipBad: true})
			require.NoError(t, err, "--skip-bad merges the rest")
			assert.Len(t, res.Refused, 1)
			assert.Equal(t, 2, res.Workshops)
			assert.Equal(t, summaryRows(t, good), summaryRows(t, out))
		})
	}

	assert.Equal(t, "it was made by a newer version of Taller (format 2; this version reads up to 1). Update Taller to merge it",
		i18n.T(i18n.English, "report.refuse.future", map[string]any{"Found": 2, "Known": 1}))
	assert.Equal(t, "it was made by an earlier version of Taller (format 1; this version reads format 2). Export the workshop again with this version",
		i18n.T(i18n.English, "report.refuse.old", map[string]any{"Found": 1, "Known": 2}))

	// The edited cell is named: sheet, address, what it shows, what was
	// signed.
	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(context.Background(), []string{editedSummary}, out, MergeOptions{Lang: i18n.English})
	require.Error(t, err)
	f, err := excelize.OpenFile(good)
	require.NoError(t, err)
	ref := summaryCell(t, f, "18")
	require.NoError(t, f.Close())
	assert.Equal(t, "the sheet “Summary”, cell "+ref+", shows “999” but the signed data say “18”: the file was edited after it was exported",
		res.Refused[0].Reason)
	assert.NoFileExists(t, out)
	res, _ = Merge(context.Background(), []string{addedSheet}, out, MergeOptions{Lang: i18n.English})
	assert.Equal(t, "it has a sheet “My notes” that was not in the signed export: the file was edited after it was exported", res.Refused[0].Reason)
}

// summaryCell finds the Summary's cell that shows the total of
// participants want.
func summaryCell(t *testing.T, f *excelize.File, want string) string {
	t.Helper()
	rows, err := f.GetRows(f.GetSheetName(0))
	require.NoError(t, err)
	for r, row := range rows {
		if len(row) > 2 && row[0] == "Total" {
			require.Equal(t, want, row[2])
			return cell(3, r+1)
		}
	}
	t.Fatal("no total row in the Summary")
	return ""
}

func TestMergeRefusesImpossibleFiguresEvenWithAValidHash(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{})
	for name, change := range map[string]func(a map[string]any){
		"negative count":  func(a map[string]any) { a["by_gender"].(map[string]any)["female"] = -3 },
		"unknown gender":  func(a map[string]any) { a["by_gender"].(map[string]any)["robot"] = 1 },
		"unknown country": func(a map[string]any) { a["workshop"].(map[string]any)["country"] = "XX" },
		"score over 100%": func(a map[string]any) { a["pre"].(map[string]any)["sum"] = 1e6 },
		"other id":        func(a map[string]any) { a["workshop"].(map[string]any)["id"] = "someone-else" },
		"unknown field":   func(a map[string]any) { a["names"] = []string{"Ana"} },
		// The cross-tabs: a small count published, marks of another k, a
		// column with more people than the workshop has.
		"small count": func(a map[string]any) { part(a, "age_by_gender")["cells"].([]any)[1] = 1 },
		"other k":     func(a map[string]any) { part(a, "age_by_gender")["cells"].([]any)[0] = "<3" },
		"null cell":   func(a map[string]any) { part(a, "role_by_gender")["cells"].([]any)[0] = nil },
		"fraction":    func(a map[string]any) { part(a, "role_by_gender")["cells"].([]any)[0] = 6.5 },
		"over total":  func(a map[string]any) { part(a, "role_by_gender")["n"] = 11 },
		"small part":  func(a map[string]any) { part(a, "role_by_gender")["n"] = 4 },
		"no k":        func(a map[string]any) { delete(a, "k") },
		"no release":  func(a map[string]any) { delete(a, "release") },
		"extra band": func(a map[string]any) {
			p := part(a, "age_by_gender")
			p["cells"] = append(p["cells"].([]any), 0)
		},
		"unknown held figure": func(a map[string]any) {
			a["held"] = []any{map[string]any{"figure": "names", "reason": "small"}}
		},
	} {
		t.Run(name, func(t *testing.T) {
			// Change the JSON and sign it again with another key, as a
			// forger with a laptop of their own would: the signatures hold,
			// the figures do not.
			forged := forge(t, good, oneTimeKey(), func(recs []*record) {
				var a map[string]any
				require.NoError(t, json.Unmarshal([]byte(recs[0].json), &a))
				change(a)
				raw, err := json.Marshal(a)
				require.NoError(t, err)
				recs[0].json = string(raw)
			})
			_, err := readBook(forged)
			var ref *refusal
			require.ErrorAs(t, err, &ref)
			assert.Equal(t, RefuseDamaged, ref.code)
		})
	}
}

func TestMergeIdempotentAndNewerExportWins(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	first := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English})
	want := summaryRows(t, first)

	// The same file twice counts each workshop once.
	out := filepath.Join(t.TempDir(), "twice.xlsx")
	res, err := Merge(ctx, []string{first, first}, out, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	assert.Equal(t, want, summaryRows(t, out))
	assert.Equal(t, 2, res.Workshops)
	require.Len(t, res.Duplicates, 2)
	assert.Contains(t, res.Duplicates[0], "given more than once in "+first)
	_, rows := sheets(t, out)
	_, orig := sheets(t, first)
	for _, name := range []string{"Workshops", "Demographics", "Evaluation"} {
		assert.Equal(t, orig[name], rows[name], "sheet %s", name)
	}

	// A later export of workshop A, after three more check-ins.
	time.Sleep(2 * time.Millisecond)
	checkIns(t, fx.st, fx.a.ID, 3, taller.Male, "45-59", "public")
	second := exportTo(t, fx.st, []string{fx.a.ID}, ExportOptions{Lang: i18n.English})
	for _, order := range [][]string{{first, second}, {second, first}} {
		res, err := Merge(ctx, order, out, MergeOptions{Lang: i18n.English})
		require.NoError(t, err)
		s := summaryRows(t, out)
		assert.Equal(t, []string{"El Salvador", "1", "16", "10", "5", "0", "1"}, s[1], "the newer export of A counts")
		assert.Equal(t, []string{"Total", "2", "21", "10", "10", "0", "1"}, s[3])
		require.Len(t, res.Duplicates, 1)
		assert.Equal(t, "workshop 2024-06-10 San Vicente ("+fx.a.ID[:8]+"): the later export in "+second+" wins over "+first,
			res.Duplicates[0])
	}
}

func TestMergeOfMergesAndReferenceTotals(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	res, err := demo.Fill(ctx, st)
	require.NoError(t, err)
	require.Len(t, res.Workshops, 9)

	// Each facilitator exports their workshop to its own file.
	dir := t.TempDir()
	var files []string
	for _, w := range res.Workshops {
		path := filepath.Join(dir, OutboxName(w))
		_, err := ExportFile(ctx, st, []string{w.ID}, path, ExportOptions{Lang: i18n.Spanish})
		require.NoError(t, err)
		files = append(files, path)
	}
	all := filepath.Join(dir, "consolidado.xlsx")
	mres, err := Merge(ctx, files, all, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	assert.Equal(t, 9, mres.Workshops)
	assert.Len(t, mres.Accepted, 9)
	assert.Empty(t, mres.Duplicates)

	// The report's table: COUNTRY / TOTAL PARTICIPANTS / FEMALES / MALES.
	f, err := excelize.OpenFile(all)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, "Summary", f.GetSheetName(0))
	summary := summaryRows(t, all)
	assert.Equal(t, [][]string{
		{"Country", "Workshops", "Participants", "Women", "Men", "Other", "Prefer not to say"},
		{"El Salvador", "3", "74", "65", "9", "0", "0"},
		{"Guatemala", "3", "83", "34", "49", "0", "0"},
		{"Honduras", "3", "76", "58", "18", "0", "0"},
		{"Total", "9", "233", "157", "76", "0", "0"},
	}, summary)
	workshops, err := f.GetRows("Workshops")
	require.NoError(t, err)
	require.Len(t, workshops, 10)
	byDate := map[string][]string{}
	for _, r := range workshops[1:] {
		byDate[r[0]+" "+r[2]] = []string{r[5], r[6], r[7]}
	}
	assert.Equal(t, []string{"24", "23", "1"}, byDate["2024-06-10 San Vicente"])
	assert.Equal(t, []string{"34", "8", "26"}, byDate["2024-06-20 Mixco"])
	assert.Equal(t, []string{"34", "33", "1"}, byDate["2024-06-20 Villanueva"])
	assert.Equal(t, []string{"30", "11", "19"}, byDate["2024-07-06 Colonia Bethania, Zona 7, Ciudad de Guatemala"])

	// Merges of merges, overlapping ones included, give the same workbook.
	m1 := filepath.Join(dir, "m1.xlsx")
	m2 := filepath.Join(dir, "m2.xlsx")
	_, err = Merge(ctx, files[:4], m1, MergeOptions{})
	require.NoError(t, err)
	_, err = Merge(ctx, files[3:], m2, MergeOptions{})
	require.NoError(t, err)
	mm := filepath.Join(dir, "mm.xlsx")
	mmres, err := Merge(ctx, []string{m1, m2, files[0]}, mm, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	assert.Len(t, mmres.Duplicates, 2, "files[3] is in both merges, files[0] in m1 and on its own")
	for _, d := range mmres.Duplicates {
		assert.Contains(t, d, "the same export is in")
	}
	_, want := sheets(t, all)
	_, got := sheets(t, mm)
	assert.Equal(t, summaryRows(t, all), summaryRows(t, mm))
	for _, name := range []string{"Workshops", "Demographics", "Evaluation"} {
		assert.Equal(t, want[name], got[name], "sheet %s", name)
	}
	b1, err := readBook(all)
	require.NoError(t, err)
	b2, err := readBook(mm)
	require.NoError(t, err)
	for i := range b1.Records {
		assert.Equal(t, b1.Records[i].json, b2.Records[i].json)
		assert.Equal(t, b1.Records[i].at, b2.Records[i].at, "each workshop keeps the time of its own export")
	}
}

func TestMergeNeedsFilesAndWorkshops(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.xlsx")
	_, err := Merge(context.Background(), nil, out, MergeOptions{})
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	_, err = Merge(context.Background(), []string{filepath.Join(t.TempDir(), "none.xlsx")}, out, MergeOptions{SkipBad: true})
	assert.Equal(t, "None of the files holds a workshop, so nothing was written.", taller.Message(i18n.English, err))
	assert.NoFileExists(t, out)
}

// part is the first released part of the women's column of a record's
// cross-tab, as generic JSON.
func part(a map[string]any, tab string) map[string]any {
	col := a[tab].(map[string]any)["female"].(map[string]any)
	return col["parts"].([]any)[0].(map[string]any)
}
