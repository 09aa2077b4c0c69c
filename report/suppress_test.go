package report

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
)

// rawRecords reads the hidden sheet's workshop rows back as Excel stores
// them, and decodes each workshop's JSON (joined from its cells) generically.
func rawRecords(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(DataSheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	var out []map[string]any
	for _, r := range rows[headerRows:] {
		if r[0] == sheetTag {
			break
		}
		require.Greater(t, len(r), recordCols)
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(strings.Join(r[recordCols:], "")), &rec))
		out = append(out, rec)
	}
	return out
}

// crossTabCells lists every cell of the released parts of a record's two
// cross-tabs.
func crossTabCells(t *testing.T, rec map[string]any) []any {
	t.Helper()
	var cells []any
	for _, tab := range []string{"age_by_gender", "role_by_gender"} {
		cols, ok := rec[tab].(map[string]any)
		require.True(t, ok, tab)
		for _, col := range cols {
			parts, _ := col.(map[string]any)["parts"].([]any)
			for _, p := range parts {
				cells = append(cells, p.(map[string]any)["cells"].([]any)...)
			}
		}
	}
	return cells
}

func TestHiddenSheetCarriesNoSmallCrossTabCell(t *testing.T) {
	st := openStore(t)
	build := func() *taller.Workshop {
		w := addWorkshop(t, st, &taller.Workshop{Country: "GT", Locality: "Mixco", Date: "2024-06-20"})
		// One man among 13 women: his age band and role must not be readable.
		checkIns(t, st, w.ID, 7, taller.Female, "18-29", "community")
		checkIns(t, st, w.ID, 6, taller.Female, "30-44", "community")
		checkIns(t, st, w.ID, 1, taller.Male, "45-59", "public")
		require.NoError(t, st.AddTally(context.Background(), &taller.Tally{WorkshopID: w.ID, SubmissionID: subID(), Female: 1}))
		return w
	}
	w := build()

	for _, k := range []int{0, 3, 10} {
		want := threshold(k)
		// Each k on a workshop of its own: a later export of the same
		// workshop repeats its first release.
		path := exportTo(t, st, []string{build().ID}, ExportOptions{Lang: i18n.English, Threshold: k})
		recs := rawRecords(t, path)
		require.Len(t, recs, 1)
		rec := recs[0]
		assert.EqualValues(t, want, rec["k"], "the record says which k it was suppressed with")
		marks := 0
		for _, c := range crossTabCells(t, rec) {
			switch v := c.(type) {
			case float64:
				assert.True(t, v == 0 || v >= float64(want), "k=%d: a published cross-tab count of %v", want, v)
			case string:
				assert.Contains(t, []string{smallMark(want), markSecondary}, v)
				marks++
			default:
				t.Fatalf("unexpected cell %#v", c)
			}
		}
		if want > 7 {
			assert.Positive(t, marks, "k=%d: the women's 7 and 6 are small", want)
		}
		// The man is not described at all: his column is one pending
		// check-in, with no age or role.
		for _, tab := range []string{"age_by_gender", "role_by_gender"} {
			assert.Equal(t, map[string]any{"pending": 1.0}, rec[tab].(map[string]any)["male"], tab)
		}
		assert.Equal(t, map[string]any{"female": 14.0, "male": 1.0, "other": 0.0, "undisclosed": 0.0}, rec["by_gender"],
			"headline totals stay exact")
	}

	// The visible Demographics of this one-workshop export: as before.
	path := exportTo(t, st, []string{w.ID}, ExportOptions{Lang: i18n.English})
	_, rows := sheets(t, path)
	d := rows["Demographics"]
	assert.Equal(t, []string{"18 to 29", "7", "<5", "<5", "<5"}, d[3])
	assert.Equal(t, []string{"30 to 44", "6", "<5", "<5", "<5"}, d[4])
	assert.Equal(t, []string{"45 to 59", "<5", "<5", "<5", "<5"}, d[5])
	assert.Equal(t, []string{"Community member", "13", "<5", "<5", "<5"}, d[10])
	assert.Equal(t, []string{"Public institution", "<5", "<5", "<5", "<5"}, d[13])
}

// mergedFixture builds three workshops, each exported to its own file:
//
//	W1: 6 women 18-29 community, 1 man 30-44 leader.
//	W2: 5 women 18-29 community, 2 women 45-59 community, 7 men 30-44 leader.
//	W3: 4 men 60+ public.
func mergedFixture(t *testing.T) []string {
	t.Helper()
	st := openStore(t)
	var files []string
	for i, build := range []func(id string){
		func(id string) {
			checkIns(t, st, id, 6, taller.Female, "18-29", "community")
			checkIns(t, st, id, 1, taller.Male, "30-44", "leader")
		},
		func(id string) {
			checkIns(t, st, id, 5, taller.Female, "18-29", "community")
			checkIns(t, st, id, 2, taller.Female, "45-59", "community")
			checkIns(t, st, id, 7, taller.Male, "30-44", "leader")
		},
		func(id string) { checkIns(t, st, id, 4, taller.Male, "60plus", "public") },
	} {
		w := addWorkshop(t, st, &taller.Workshop{Country: "SV", Locality: "Localidad " + string(rune('A'+i)), Date: "2024-06-1" + string(rune('0'+i))})
		build(w.ID)
		files = append(files, exportTo(t, st, []string{w.ID}, ExportOptions{Lang: i18n.English}))
	}
	return files
}

func TestMergedDemographicsShowAtLeast(t *testing.T) {
	ctx := context.Background()
	files := mergedFixture(t)
	dir := t.TempDir()
	all := filepath.Join(dir, "all.xlsx")
	_, err := Merge(ctx, files, all, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	_, rows := sheets(t, all)
	d := rows["Demographics"]
	assert.Equal(t, []string{"Country", "Workshops", "Participants", "Women", "Men", "Other", "Prefer not to say"}, rows["Summary"][summaryTableRow-1])
	assert.Equal(t, []string{"Total", "3", "25", "13", "12", "0", "0"}, rows["Summary"][summaryTableRow+1], "headline totals exact")
	// Women: 11 known exactly in 18-29; W2's 2 in 45-59 and its zeros are
	// withheld, at most 2 each: "<5". Men: W2's 7 are known, W1's man and
	// W3's four are withheld, so 30-44 is at least 7, and the other bands
	// could hold up to 1 + 4 = 5: not provably under 5, so "x".
	assert.Equal(t, []string{"Under 18", "<5", "x", "<5", "<5"}, d[2])
	assert.Equal(t, []string{"18 to 29", "11", "x", "<5", "<5"}, d[3])
	assert.Equal(t, []string{"30 to 44", "<5", "≥7", "<5", "<5"}, d[4])
	assert.Equal(t, []string{"45 to 59", "<5", "x", "<5", "<5"}, d[5])
	assert.Equal(t, []string{"60 or over", "<5", "x", "<5", "<5"}, d[6])
	assert.Equal(t, []string{"Community member", "13", "x", "<5", "<5"}, d[10], "no woman's role is small")
	assert.Equal(t, []string{"Community leader", "<5", "≥7", "<5", "<5"}, d[11])
	var notes []string
	for _, r := range d[len(d)-4:] {
		notes = append(notes, r[0])
	}
	assert.Contains(t, notes[0], "fewer than 5 people")
	assert.Equal(t, []string{en("report.demographics.note_at_least"), en("report.demographics.note_secondary"),
		en("report.demographics.note_checkins")}, notes[1:])

	// The merged hidden sheet carries the records as exported: still no
	// small cross-tab count.
	for _, rec := range rawRecords(t, all) {
		for _, c := range crossTabCells(t, rec) {
			if v, ok := c.(float64); ok {
				assert.True(t, v == 0 || v >= 5, "published %v", v)
			}
		}
	}

	// Merges of merges, overlapping, and the same file twice: the same
	// visible tables.
	m1 := filepath.Join(dir, "m1.xlsx")
	m2 := filepath.Join(dir, "m2.xlsx")
	_, err = Merge(ctx, files[:2], m1, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	_, err = Merge(ctx, files[1:], m2, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	for name, inputs := range map[string][]string{
		"merge of merges": {m1, m2},
		"same file twice": {all, all},
		"merge and parts": {files[2], all, m1},
	} {
		out := filepath.Join(t.TempDir(), "out.xlsx")
		res, err := Merge(ctx, inputs, out, MergeOptions{Lang: i18n.English})
		require.NoError(t, err, name)
		assert.Equal(t, 3, res.Workshops, name)
		_, got := sheets(t, out)
		assert.Equal(t, rows["Summary"][summaryTableRow-1:], got["Summary"][summaryTableRow-1:], "%s: the Summary's table", name)
		for _, sheet := range []string{"Workshops", "Demographics", "Evaluation"} {
			assert.Equal(t, rows[sheet], got[sheet], "%s: sheet %s", name, sheet)
		}
	}
}
