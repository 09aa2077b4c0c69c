package report

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
	"taller/store"
)

// quizScores submits pre- and post-quizzes (scores out of 10) for the
// devices, in order.
func quizScores(t *testing.T, st *store.Store, wsID string, devices []string, pre, post []int) {
	t.Helper()
	for i, d := range devices {
		quiz(t, st, wsID, d, taller.PreQuiz, pre[i])
		quiz(t, st, wsID, d, taller.PostQuiz, post[i])
	}
}

// nineCheckIns is the first export of the differencing scenario: 9
// check-ins (4 women 60+ in public institutions, 3 women 18-29, 2 men
// 30-44), each with both quizzes (pre-quiz mean 33.3 %), and 9 paper
// evaluations, 5 with a comment.
func nineCheckIns(t *testing.T, st *store.Store) (*taller.Workshop, attackTruth) {
	t.Helper()
	w := addWorkshop(t, st, &taller.Workshop{Country: "HN", Locality: "Choloma", Date: "2024-07-02"})
	devs := checkIns(t, st, w.ID, 4, taller.Female, "60plus", "public")
	devs = append(devs, checkIns(t, st, w.ID, 3, taller.Female, "18-29", "community")...)
	devs = append(devs, checkIns(t, st, w.ID, 2, taller.Male, "30-44", "business")...)
	quizScores(t, st, w.ID, devs, []int{3, 3, 3, 3, 3, 3, 4, 4, 4}, []int{6, 7, 6, 7, 6, 7, 8, 8, 8})
	tr := attackTruth{checkins: map[taller.Gender]int{taller.Female: 7, taller.Male: 2}, authors: map[string]int{}, k: 5}
	for i := range 9 {
		comment := ""
		if i < 5 {
			comment = "Comentario " + string(rune('A'+i))
			tr.authors[comment] = i
		}
		evaluate(t, st, w.ID, 4, 4, comment)
		tr.evals = append(tr.evals, [5]int{4, 4, 4, 4, 4})
	}
	return w, tr
}

func TestRegressionDifferencingOneMoreWoman(t *testing.T) {
	st := openStore(t)
	dir := t.TempDir()
	w, tr := nineCheckIns(t, st)
	opts := ExportOptions{Lang: i18n.English, IncludeComments: true}
	first := filepath.Join(dir, "first.xlsx")
	_, err := ExportFile(context.Background(), st, []string{w.ID}, first, opts)
	require.NoError(t, err)

	// One more woman, 60+, public institution: checks in, takes both
	// quizzes (pre 50 %), rates everything 1 and comments.
	dev := checkIns(t, st, w.ID, 1, taller.Female, "60plus", "public")[0]
	quizScores(t, st, w.ID, []string{dev}, []int{5}, []int{9})
	evaluate(t, st, w.ID, 1, 1, "Me amenazaron en el mercado")
	second := filepath.Join(dir, "second.xlsx")
	res, err := ExportFile(context.Background(), st, []string{w.ID}, second, opts)
	require.NoError(t, err)
	assert.Equal(t, "7 figures held back until at least 5 people answer", res.HeldSummary(i18n.English),
		"ratings, quiz, comments, the women's age and role columns, and the two men's")

	_, a := sheets(t, first)
	_, b := sheets(t, second)
	// The headline moves by exactly one woman: the documented exception.
	assert.Equal(t, []string{"Honduras", "1", "9", "7", "2", "0", "0"}, a["Summary"][summaryTableRow])
	assert.Equal(t, []string{"Honduras", "1", "10", "8", "2", "0", "0"}, b["Summary"][summaryTableRow])
	// Everything else says what the first file said.
	assert.Equal(t, a["Evaluation"], b["Evaluation"], "her five ratings are not in the second file")
	assert.Equal(t, a["Workshops"][1][10:18], b["Workshops"][1][10:18], "nor her quiz scores")
	assert.Equal(t, []string{"9", "4.0", "9", "33.3", "9", "70.0", "9", "36.7"}, b["Workshops"][1][10:18])
	assert.Equal(t, a["Comments"], b["Comments"])
	for _, row := range b["Comments"] {
		assert.NotContains(t, strings.Join(row, " "), "mercado", "her comment stays on the laptop")
	}
	// Her age band and role: the 60+ women cell was "<5" and does not
	// become 5.
	for i, row := range b["Demographics"][2:16] {
		if len(row) > 1 {
			assert.NotEqual(t, "5", row[1], "row %d", i)
		}
	}
	ra, rb := rawRecords(t, first)[0], rawRecords(t, second)[0]
	assert.Equal(t, ra["age_by_gender"].(map[string]any)["female"].(map[string]any)["parts"],
		rb["age_by_gender"].(map[string]any)["female"].(map[string]any)["parts"], "the released parts are the same")
	assert.Equal(t, 1.0, rb["age_by_gender"].(map[string]any)["female"].(map[string]any)["pending"])
	assert.Equal(t, "2024-07-02", ra["workshop"].(map[string]any)["date"])
	for _, r := range [][]string{ra2(t, first), ra2(t, second)} {
		assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, r[1], "only the export date leaves the laptop")
	}
	// The workbook says what it held back, in plain words.
	assert.Equal(t, []string{res.HeldSummary(i18n.English) + "."}, b["Notes"][1])

	// The attacker, with both files and the exact headline, finds nothing.
	tr2 := tr
	tr2.checkins = map[taller.Gender]int{taller.Female: 8, taller.Male: 2}
	tr2.evals = append(append([][5]int{}, tr.evals...), [5]int{1, 1, 1, 1, 1})
	assert.Empty(t, attack([]*view{readView(t, first, tr), readView(t, second, tr2)}))

	// Four more women later (five since the second export): the figures
	// move again, now resting on five new people.
	devs := checkIns(t, st, w.ID, 5, taller.Female, "18-29", "community")
	quizScores(t, st, w.ID, devs, []int{5, 5, 5, 5, 5}, []int{8, 8, 8, 8, 8})
	for i := range 5 {
		evaluate(t, st, w.ID, 5, 5, "Nuevo "+string(rune('a'+i)))
	}
	third := filepath.Join(dir, "third.xlsx")
	res, err = ExportFile(context.Background(), st, []string{w.ID}, third, opts)
	require.NoError(t, err)
	assert.Equal(t, []taller.HeldFigure{{Figure: "age/male", Reason: "small"}, {Figure: "role/male", Reason: "small"}}, res.Held,
		"only the two men's columns are still too small")
	_, c := sheets(t, third)
	assert.Equal(t, "15", c["Evaluation"][1][1], "released again when five more have answered")
	assert.Len(t, c["Comments"], 1+11)
}

// ra2 is the first workshop row of a file's hidden sheet.
func ra2(t *testing.T, path string) []string {
	t.Helper()
	_, rows := sheets(t, path)
	return rows[DataSheet][headerRows]
}

func TestRegressionSmallGroupOneEvaluation(t *testing.T) {
	st := openStore(t)
	w := addWorkshop(t, st, &taller.Workshop{Country: "GT", Locality: "Zona 18", Date: "2024-07-03"})
	devs := checkIns(t, st, w.ID, 3, taller.Female, "30-44", "community")
	quizScores(t, st, w.ID, devs[:1], []int{2}, []int{9})
	evaluate(t, st, w.ID, 2, 3, "Solo yo respondí")
	path := exportTo(t, st, []string{w.ID}, ExportOptions{Lang: i18n.English, IncludeComments: true})

	_, rows := sheets(t, path)
	ev := rows["Evaluation"]
	for _, r := range ev[1:6] {
		assert.Equal(t, []string{r[0], "<5"}, r, "no mean and no distribution of one person's ratings")
	}
	assert.Equal(t, []string{"Pre-quiz (at the start)", "<5"}, ev[8])
	assert.Equal(t, []string{"Post-quiz (at the end)", "<5"}, ev[9])
	assert.Equal(t, []string{"From pre- to post-quiz", "<5"}, ev[12], "no quiz gain of one person")
	assert.Equal(t, []string{"<5", "", "<5", "", "<5", "", "<5", ""}, rows["Workshops"][1][10:18])
	assert.Equal(t, []string{"Women", "3"}, []string{rows["Workshops"][0][6], rows["Workshops"][1][6]}, "the headline stays exact")
	assert.Equal(t, en("disclosure.comments.held"), rows["Comments"][1][0])

	rec := rawRecords(t, path)[0]
	assert.EqualValues(t, 0, rec["evaluations"])
	for _, d := range rec["ratings"].(map[string]any) {
		assert.Equal(t, []any{0.0, 0.0, 0.0, 0.0, 0.0}, d)
	}
	for _, q := range []string{"pre", "post"} {
		assert.EqualValues(t, 0, rec[q].(map[string]any)["n"])
		assert.EqualValues(t, 0, rec[q].(map[string]any)["sum"])
	}
	assert.EqualValues(t, 0, rec["paired"].(map[string]any)["pre_sum"])
	assert.Nil(t, rec["comments"])
	assert.Equal(t, map[string]any{"pending": 3.0}, rec["age_by_gender"].(map[string]any)["female"])
	assert.ElementsMatch(t, []any{
		map[string]any{"figure": "ratings", "reason": "small"}, map[string]any{"figure": "quiz", "reason": "small"},
		map[string]any{"figure": "comments", "reason": "small"}, map[string]any{"figure": "age/female", "reason": "small"},
		map[string]any{"figure": "role/female", "reason": "small"},
	}, rec["held"])
	assert.Equal(t, []string{"5 figures held back until at least 5 people answer."}, rows["Notes"][1])
}

func TestMergeOfReleasesRevealsNothingTheFilesDoNot(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dir := t.TempDir()
	opts := ExportOptions{Lang: i18n.English, IncludeComments: true}
	// W1: nine people, exported, then one more: two releases the same day.
	w1, _ := nineCheckIns(t, st)
	a := filepath.Join(dir, "w1-a.xlsx")
	_, err := ExportFile(ctx, st, []string{w1.ID}, a, opts)
	require.NoError(t, err)
	dev := checkIns(t, st, w1.ID, 1, taller.Female, "60plus", "public")[0]
	quizScores(t, st, w1.ID, []string{dev}, []int{5}, []int{9})
	evaluate(t, st, w1.ID, 1, 1, "Me amenazaron en el mercado")
	b := filepath.Join(dir, "w1-b.xlsx")
	_, err = ExportFile(ctx, st, []string{w1.ID}, b, opts)
	require.NoError(t, err)
	// W2: three people, one evaluation: its figures are withheld.
	w2 := addWorkshop(t, st, &taller.Workshop{Country: "HN", Locality: "Omoa", Date: "2024-07-05"})
	devs := checkIns(t, st, w2.ID, 3, taller.Male, "45-59", "leader")
	quizScores(t, st, w2.ID, devs[:1], []int{1}, []int{9})
	evaluate(t, st, w2.ID, 1, 1, "Mi comentario")
	c := filepath.Join(dir, "w2.xlsx")
	_, err = ExportFile(ctx, st, []string{w2.ID}, c, opts)
	require.NoError(t, err)

	out := filepath.Join(dir, "merged.xlsx")
	res, err := Merge(ctx, []string{b, a, c}, out, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	require.Len(t, res.Duplicates, 1)
	assert.Contains(t, res.Duplicates[0], "the later export in "+b, "the later release wins, though both have the same date")

	// The merged hidden sheet holds each workshop's record as one file
	// released it.
	merged := rawRecords(t, out)
	assert.Equal(t, rawRecords(t, b)[0], merged[0])
	assert.Equal(t, rawRecords(t, c)[0], merged[1])
	// The visible merge adds only what the files show: W2's one
	// evaluation is not in the totals, which say "at least 9", so
	// subtracting W1's file from the merge gives nothing about W2.
	_, m := sheets(t, out)
	_, fb := sheets(t, b)
	assert.Equal(t, []string{"Overall, the workshop was…", "≥9", "4.0", "0", "0", "0", "9", "0"}, m["Evaluation"][1])
	assert.Equal(t, fb["Evaluation"][1][2:], m["Evaluation"][1][2:])
	assert.Equal(t, []string{"From pre- to post-quiz", "≥9", "36.7"}, m["Evaluation"][12])
	assert.Equal(t, fb["Workshops"][1], m["Workshops"][1], "W1's row is its file's row")
	assert.Equal(t, []string{"<5", "", "<5", "", "<5", "", "<5", ""}, m["Workshops"][2][10:18])
	for _, row := range m["Comments"] {
		assert.NotContains(t, strings.Join(row, " "), "Mi comentario")
		assert.NotContains(t, strings.Join(row, " "), "mercado")
	}
	// Merging with the other workshop keeps every cross-tab cell of the
	// merge from narrowing a withheld count: the same attacker reads it.
	assert.Contains(t, strings.Join(m["Notes"][1], ""), "figures held back")
	tr := attackTruth{checkins: map[taller.Gender]int{taller.Female: 8, taller.Male: 5}, k: 5, authors: map[string]int{}}
	v := readView(t, out, tr)
	for tab, cols := range v.cells {
		for g, iv := range cols {
			for i, cell := range iv {
				assert.False(t, small(cell[0], cell[1], 5), "%s %s row %d: %v", tab, g, i, cell)
			}
		}
	}
}

// Given 20 pre-quizzes of which 17 were followed by the post-quiz, when the
// workshop is exported, then the Workshops sheet shows the 17 pairs' quiz
// figures, not "<5" as if fewer than five had answered, and the three who
// took only the pre-quiz are not in any figure.
func TestQuizOfThePairsWhenAFewTookOnlyOne(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	w := addWorkshop(t, st, &taller.Workshop{Country: "SV", Locality: "Quiz", Date: "2024-06-10"})
	devs := checkIns(t, st, w.ID, 20, taller.Female, "30-44", "community")
	for i, d := range devs {
		quiz(t, st, w.ID, d, taller.PreQuiz, 1)
		if i < 17 {
			quiz(t, st, w.ID, d, taller.PostQuiz, 3)
		}
	}
	path := filepath.Join(t.TempDir(), "q.xlsx")
	res, err := ExportFile(ctx, st, []string{w.ID}, path, ExportOptions{Lang: i18n.English, Threshold: 5})
	require.NoError(t, err)
	assert.Empty(t, res.Held)
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Workshops")
	require.NoError(t, err)
	var row string
	for _, r := range rows {
		if slices.Contains(r, "Quiz") {
			row = strings.Join(r, "|")
		}
	}
	require.NotEmpty(t, row, "the workshop's row")
	assert.NotContains(t, row, "<5")
	assert.Contains(t, row, "|17|10.0|17|30.0|17|20.0|", "pre, post and gain of the 17 pairs; the three pre-quizzes alone are in no figure")
}

// The store's revision counts every submission (check-ins, quiz attempts,
// evaluations), so the export carries the release number instead: two
// workshops that differ only in how many people evaluated, both fewer than
// k, give the same data row (apart from the workshop's own fields and the
// signatures), where revisions 16 and 17 would have told 3 from 4.
func TestRegressionDataRowDoesNotCountWithheldEvaluations(t *testing.T) {
	st := openStore(t)
	rows := map[int][]string{}
	recs := map[int]map[string]any{}
	for _, evals := range []int{3, 4} {
		w := addWorkshop(t, st, &taller.Workshop{Country: "HN", Locality: "Choloma", Date: "2024-07-02"})
		checkIns(t, st, w.ID, 12, taller.Female, "30-44", "community")
		for range evals {
			evaluate(t, st, w.ID, 4, 4, "")
		}
		a, err := st.Aggregates(context.Background(), w.ID, false)
		require.NoError(t, err)
		require.Equal(t, int64(1+12+evals), a.Revision, "the store counts each submission")
		path := exportTo(t, st, []string{w.ID}, ExportOptions{Lang: i18n.English})
		f, err := excelize.OpenFile(path)
		require.NoError(t, err)
		data, err := f.GetRows(DataSheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		require.NoError(t, f.Close())
		assert.Equal(t, []string{"workshop_id", "exported_at", "signer", "signature", "chunks", "aggregates_json"}, data[headerRows-1])
		row := data[headerRows]
		for _, c := range row {
			assert.NotEqual(t, strconv.FormatInt(a.Revision, 10), c, "no cell carries the revision")
		}
		rows[evals] = []string{row[1], row[4]} // the date and the number of chunks
		rec := rawRecords(t, path)[0]
		assert.Equal(t, []any{map[string]any{"figure": "ratings", "reason": "small"}}, rec["held"])
		delete(rec, "workshop")
		recs[evals] = rec
	}
	assert.Equal(t, rows[3], rows[4])
	assert.Equal(t, recs[3], recs[4], "3 and 4 withheld evaluations look the same")
}

func TestNewerOrdersByReleaseNumberNeverTheClock(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 7, d, 0, 0, 0, 0, time.UTC) }
	rec := func(seq, d int, js string) *record { return &record{seq: seq, ExportedAt: day(d), json: js} }
	assert.True(t, newer(rec(3, 1, "a"), rec(2, 9, "b")), "a higher release number wins over a later date")
	assert.False(t, newer(rec(2, 9, "b"), rec(3, 1, "a")))
	assert.True(t, newer(rec(2, 2, "a"), rec(2, 1, "b")), "the same number (a restored copy): the later date")
	a, b := rec(2, 1, "a"), rec(2, 1, "b")
	assert.NotEqual(t, newer(a, b), newer(b, a), "and then the text, whatever the order of the files")
	assert.True(t, sameExport(rec(2, 1, "a"), rec(2, 1, "a")))
	assert.False(t, sameExport(a, b))
}
