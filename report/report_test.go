package report

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
)

func TestExportGoldenSheets(t *testing.T) {
	fx := newFixture(t)
	var steps [][2]int
	path := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English, IncludeComments: true,
		Progress: func(done, total int) { steps = append(steps, [2]int{done, total}) }})

	names, rows := sheets(t, path)
	assert.Equal(t, []string{"Summary", "Workshops", "Demographics", "Evaluation", "Comments", "Notes", DataSheet}, names)

	signer := fx.signer(t)
	assert.Equal(t, [][]string{
		{"Taller: workshop results"},
		{"Period", "2024-06-10 – 2024-06-20"},
		{"Countries", "El Salvador, Guatemala"},
		{"Files", "1"},
		{"Signed by", signer},
		nil,
		{"Country", "Workshops", "Participants", "Women", "Men", "Other", "Prefer not to say"},
		{"El Salvador", "1", "13", "10", "2", "0", "1"},
		{"Guatemala", "1", "5", "0", "5", "0", "0"},
		{"Total", "2", "18", "10", "7", "0", "1"},
	}, rows["Summary"])

	assert.Equal(t, [][]string{
		{"Date", "Country", "Locality", "Partner organisation", "Facilitator", "Participants", "Women", "Men", "Other",
			"Prefer not to say", "Evaluations received", "Mean overall rating (1–5)", "Pre-quiz answers", "Pre-quiz mean (%)",
			"Post-quiz answers", "Post-quiz mean (%)", "Took both quizzes", "Mean gain (points)", "Title", "Workshop id", "Signed by (laptop)"},
		// San Vicente's 3 evaluations and 2 or 3 quizzes are too few to
		// describe: held back, never shown as 0.
		{"2024-06-10", "El Salvador", "San Vicente", "Red de Mujeres", "Ana", "13", "10", "2", "0", "1",
			"<5", "", "<5", "", "<5", "", "<5", "", "Respuestas comunitarias", fx.a.ID, signer},
		{"2024-06-20", "Guatemala", "Mixco", "Colectivo Mixco", "", "5", "0", "5", "0", "0",
			"0", "", "0", "", "0", "", "0", "", "Respuestas comunitarias", fx.b.ID, signer},
	}, rows["Workshops"])

	assert.Equal(t, [][]string{
		{"Age by gender"},
		{"Age", "Women", "Men", "Other", "Prefer not to say"},
		{"Under 18", "<5", "<5", "<5", "<5"},
		{"18 to 29", "6", "<5", "<5", "<5"},
		// San Vicente's one man is withheld in every age band of its
		// record, Mixco's five are not: the table adds up the records, so
		// at least 5. (Made from the exact figures it would say 5, and a
		// reader could subtract Mixco's 5 in the hidden sheet from it.)
		{"30 to 44", "<5", "≥5", "<5", "<5"},
		{"45 to 59", "<5", "<5", "<5", "<5"},
		{"60 or over", "<5", "<5", "<5", "<5"},
		nil,
		{"Role in the community by gender"},
		{"Role in the community", "Women", "Men", "Other", "Prefer not to say"},
		{"Community member", "6", "<5", "<5", "<5"},
		{"Community leader", "<5", "<5", "<5", "<5"},
		{"Business owner or worker", "<5", "≥5", "<5", "<5"},
		{"Public institution", "<5", "<5", "<5", "<5"},
		{"Civil-society organisation", "<5", "<5", "<5", "<5"},
		{"Other", "<5", "<5", "<5", "<5"},
		nil,
		{"“<5”: fewer than 5 people. Small figures are hidden so that no one can be singled out."},
		{"“≥n”: at least n people. Some workshops hid a small figure for this cell in their own export; n adds up only the figures they showed."},
		{"These tables count check-ins only: walk-ins counted by hand give no age or role."},
	}, rows["Demographics"])

	assert.Equal(t, [][]string{
		{"Question", "Answers", "Mean (1–5)", "1", "2", "3", "4", "5"},
		// San Vicente's three evaluations are held back; Mixco has none.
		{"Overall, the workshop was…", "<5"},
		{"What I learned will be useful to me", "<5"},
		{"The facilitator explained clearly", "<5"},
		{"I felt safe to speak", "<5"},
		{"I would recommend this workshop to others", "<5"},
		nil,
		{"Quiz", "Answers", "Mean score (%)"},
		{"Pre-quiz (at the start)", "<5"},
		{"Post-quiz (at the end)", "<5"},
		nil,
		{"Both quizzes", "Participants", "Mean gain (points)"},
		{"From pre- to post-quiz", "<5"},
	}, rows["Evaluation"])

	// Three evaluations are too few for their comments to leave.
	assert.Equal(t, [][]string{
		{"Date", "Country", "Locality", "Comment"},
		{en("disclosure.comments.held")},
	}, rows["Comments"])
	assert.Equal(t, []string{"Privacy: what this file holds back"}, rows["Notes"][0])
	assert.Equal(t, []string{"5 figures held back until at least 5 people answer."}, rows["Notes"][1])
	assert.Equal(t, []string{"2024-06-10 San Vicente (" + fx.a.ID[:8] + ") — Evaluation ratings: held back until at least 5 people answer."},
		rows["Notes"][2])

	// The hidden sheet: hidden, verified, and the same figures as the store.
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	visible, err := f.GetSheetVisible(DataSheet)
	require.NoError(t, err)
	assert.False(t, visible, "the data sheet is hidden")
	require.NoError(t, f.Close())
	b, err := readBook(path)
	require.NoError(t, err)
	require.Len(t, b.Records, 2)
	for i, id := range fx.ids() {
		// The hidden sheet carries the release: exact headline, and only
		// what Disclose let out.
		exact, err := fx.st.Aggregates(context.Background(), id, true)
		require.NoError(t, err)
		rel, _ := taller.Disclose(exact, 5, nil)
		got := b.Records[i].Agg
		assert.Equal(t, exact.ByGender, got.ByGender, "headline totals stay exact")
		if rel.Ratings == nil {
			assert.Zero(t, got.Evaluations)
			assert.Empty(t, got.Comments)
		}
		assert.Equal(t, rel.Held, b.Records[i].held)
	}
	// The cross-tabs of San Vicente as the hidden sheet carries them: the
	// women's column is one part of 8 with a 2, so its zeros go too; the
	// man is one pending check-in, with no age; the columns without people
	// are left out.
	var recA map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(b.Records[0].json), &recA))
	assert.JSONEq(t, `{"female":{"parts":[{"n":8,"k":5,"cells":["<5",6,"<5","<5","<5"]}]},"male":{"pending":1}}`,
		string(recA["age_by_gender"]))
	assert.JSONEq(t, `5`, string(recA["k"]))
	assert.JSONEq(t, `{"female":10,"male":2,"other":0,"undisclosed":1}`, string(recA["by_gender"]), "headline totals stay exact")
	assert.Equal(t, rows[DataSheet][0], []string{"taller-export", strconv.Itoa(SchemaVersion)})
	assert.Equal(t, []string{"signer", "signature"}, []string{rows[DataSheet][6][0], rows[DataSheet][7][0]})
	assert.Len(t, rows[DataSheet][7][1], 88, "a base64 Ed25519 signature")

	// Progress runs from the first step to done.
	require.NotEmpty(t, steps)
	last := steps[len(steps)-1]
	assert.Equal(t, last[0], last[1])
	for i := 1; i < len(steps); i++ {
		assert.GreaterOrEqual(t, steps[i][0], steps[i-1][0], "progress never goes back")
	}

	// Two native bar charts on the Evaluation sheet.
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	var charts []string
	for _, zf := range zr.File {
		assert.Equal(t, [2]uint16{0, 0}, [2]uint16{zf.ModifiedDate, zf.ModifiedTime}, "%s: no time in the zip", zf.Name)
		assert.Empty(t, zf.Extra, "%s: no extended time stamp", zf.Name)
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, err := zf.Open()
			require.NoError(t, err)
			data, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			charts = append(charts, string(data))
		}
	}
	require.Len(t, charts, 2)
	for _, c := range charts {
		assert.True(t, strings.Contains(c, "<barChart><barDir val=\"bar\">"), "a native bar chart")
		assert.True(t, strings.Contains(c, "<f>&#39;Evaluation&#39;!$A$2:$A$6</f>"), "its categories are the questions")
	}
	assert.Contains(t, charts[0]+charts[1], "Mean rating (1 = lowest, 5 = highest)", "the value axes have titles")
	assert.Contains(t, charts[0]+charts[1], "Share of answers")
	for _, zf := range zr.File {
		if zf.Name == "xl/workbook.xml" {
			rc, err := zf.Open()
			require.NoError(t, err)
			data, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			assert.Regexp(t, `name="`+DataSheet+`"[^>]*state="veryHidden"`, string(data),
				"the data sheet is not offered by Excel's Unhide dialog")
		}
	}
}

func TestExportSpanishAndWithoutComments(t *testing.T) {
	fx := newFixture(t)
	path := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.Spanish})
	names, rows := sheets(t, path)
	assert.Equal(t, []string{"Resumen", "Talleres", "Demografía", "Evaluación", "Notas", DataSheet}, names, "no Comments sheet unless asked")
	assert.Equal(t, []string{"Taller: resultados de los talleres"}, rows["Resumen"][0])
	assert.Equal(t, []string{"País", "Talleres", "Participantes", "Mujeres", "Hombres", "Otro", "Prefiere no decir"}, rows["Resumen"][summaryTableRow-1])
	assert.Equal(t, "Total", rows["Resumen"][summaryTableRow+2][0])
	b, err := readBook(path)
	require.NoError(t, err)
	for _, r := range b.Records {
		assert.Empty(t, r.Agg.Comments, "no comment leaves the laptop without --include-comments")
		assert.NotContains(t, r.json, "claro")
	}
}

func TestExportMarksWorkshopsExported(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	w, err := fx.st.Workshop(ctx, fx.a.ID)
	require.NoError(t, err)
	require.True(t, w.Changed())

	res, err := ExportFile(ctx, fx.st, []string{fx.a.ID, fx.a.ID}, filepath.Join(t.TempDir(), "x.xlsx"), ExportOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Workshops, "an id given twice is exported once")
	w, err = fx.st.Workshop(ctx, fx.a.ID)
	require.NoError(t, err)
	assert.False(t, w.Changed(), "exported")
	other, err := fx.st.Workshop(ctx, fx.b.ID)
	require.NoError(t, err)
	assert.True(t, other.Changed(), "a workshop not in the export stays not exported")

	time.Sleep(2 * time.Millisecond)
	checkIns(t, fx.st, fx.a.ID, 1, taller.Female, "18-29", "community")
	w, err = fx.st.Workshop(ctx, fx.a.ID)
	require.NoError(t, err)
	assert.True(t, w.Changed(), "a check-in after the export makes it not exported again")
}

func TestExportFailsCleanly(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.xlsx")

	_, err := ExportFile(ctx, fx.st, []string{fx.a.ID, "no-such-workshop"}, path, ExportOptions{})
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))
	_, err = ExportFile(ctx, fx.st, nil, path, ExportOptions{})
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.Equal(t, "Choose at least one workshop to export.", taller.Message(i18n.English, err))
	assert.NoFileExists(t, path)
	w, err := fx.st.Workshop(ctx, fx.a.ID)
	require.NoError(t, err)
	assert.True(t, w.Changed(), "a failed export marks nothing")

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = ExportFile(cctx, fx.st, fx.ids(), path, ExportOptions{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.NoFileExists(t, path)
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Empty(t, entries, "no temporary file is left behind")
}

func TestSmallCellSuppression(t *testing.T) {
	st := openStore(t)
	// Women: 7, 6, 5, 8 and 2 across the age bands; the 2 alone would be
	// hidden in its column, and the women's total (28) is published, so the
	// smallest shown cell (5) is hidden too. One man, one "other".
	build := func() *taller.Workshop {
		w := addWorkshop(t, st, &taller.Workshop{Country: "HN", Locality: "Villanueva", Date: "2024-06-20"})
		for i, n := range []int{7, 6, 5, 8, 2} {
			checkIns(t, st, w.ID, n, taller.Female, taller.AgeBands[i], "community")
		}
		checkIns(t, st, w.ID, 1, taller.Male, "30-44", "leader")
		checkIns(t, st, w.ID, 1, taller.OtherGender, "60plus", "other")
		return w
	}
	w := build()

	path := exportTo(t, st, []string{w.ID}, ExportOptions{Lang: i18n.English})
	rows := func() map[string][][]string { _, r := sheets(t, path); return r }()
	d := rows["Demographics"]
	assert.Equal(t, []string{"Under 18", "7", "<5", "<5", "<5"}, d[2])
	assert.Equal(t, []string{"18 to 29", "6", "<5", "<5", "<5"}, d[3])
	assert.Equal(t, []string{"30 to 44", "x", "<5", "<5", "<5"}, d[4], "hidden so the 2 cannot be worked out")
	assert.Equal(t, []string{"45 to 59", "8", "<5", "<5", "<5"}, d[5])
	assert.Equal(t, []string{"60 or over", "<5", "<5", "<5", "<5"}, d[6])
	// Roles: all 28 women are community members, the only non-hidden cell.
	assert.Equal(t, []string{"Community member", "28", "<5", "<5", "<5"}, d[10])
	assert.Contains(t, d[len(d)-2][0], "“x”", "the secondary mark is explained")

	// Headline totals by gender stay exact, small as they are.
	assert.Equal(t, []string{"Honduras", "1", "30", "28", "1", "1", "0"}, rows["Summary"][summaryTableRow])
	assert.Equal(t, "1", rows["Workshops"][1][7], "per-workshop gender counts are exact")

	// A threshold from the settings.
	require.NoError(t, st.SetSetting(context.Background(), taller.SettingThreshold, "3"))
	k, err := Threshold(context.Background(), st)
	require.NoError(t, err)
	assert.Equal(t, 3, k)
	// (A workshop released at k=5 keeps its earlier release: the same
	// people in another workshop.)
	path = exportTo(t, st, []string{build().ID}, ExportOptions{Lang: i18n.English, Threshold: k})
	_, rows = sheets(t, path)
	assert.Equal(t, []string{"60 or over", "<3", "<3", "<3", "<3"}, rows["Demographics"][6])
	assert.Equal(t, []string{"30 to 44", "x", "<3", "<3", "<3"}, rows["Demographics"][4], "the 2 is still alone in its column")
	assert.Contains(t, rows["Demographics"][17][0], "fewer than 3 people")
	for _, bad := range []string{"", "zero", "0", "-2", "1000"} {
		require.NoError(t, st.SetSetting(context.Background(), taller.SettingThreshold, bad))
		k, err := Threshold(context.Background(), st)
		require.NoError(t, err)
		assert.Equal(t, taller.DefaultThreshold, k, "setting %q", bad)
	}
}

func TestSuppress(t *testing.T) {
	exact := func(n int) tabCell { return tabCell{n: n} }
	// withheld is a cell with n known and withheld parts of at most most.
	withheld := func(n, most int) tabCell { return tabCell{n: n, hidden: true, max: most} }
	for _, tc := range []struct {
		name string
		grid [][]tabCell
		want [][]cellKind
	}{
		{"nothing small", [][]tabCell{{exact(5), exact(9)}, {exact(6), exact(7)}},
			[][]cellKind{{cellShown, cellShown}, {cellShown, cellShown}}},
		{"two small in a column need nothing more", [][]tabCell{{exact(1), exact(9)}, {exact(0), exact(7)}, {exact(8), exact(8)}},
			[][]cellKind{{cellSmall, cellShown}, {cellSmall, cellShown}, {cellShown, cellShown}}},
		{"one small hides the smallest other", [][]tabCell{{exact(9), exact(5)}, {exact(2), exact(6)}, {exact(6), exact(5)}},
			[][]cellKind{{cellShown, cellShown}, {cellSmall, cellShown}, {cellSecondary, cellShown}}},
		{"zeros count as small", [][]tabCell{{exact(0)}, {exact(0)}}, [][]cellKind{{cellSmall}, {cellSmall}}},
		{"withheld parts", [][]tabCell{{withheld(7, 4)}, {withheld(0, 4)}, {withheld(0, 5)}, {withheld(3, 8)}, {exact(9)}},
			[][]cellKind{{cellAtLeast}, {cellSmall}, {cellSecondary}, {cellSecondary}, {cellShown}}},
		{"a lone ≥n would give its withheld part away", [][]tabCell{{withheld(7, 4)}, {exact(9)}, {exact(6)}},
			[][]cellKind{{cellAtLeast}, {cellShown}, {cellSecondary}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			totals := make([]int, len(tc.grid[0]))
			for _, r := range tc.grid {
				for j, c := range r {
					totals[j] += c.n + c.max
				}
			}
			got := suppress(tc.grid, totals, 5)
			for i := range got {
				for j := range got[i] {
					assert.Equal(t, tc.want[i][j], got[i][j].kind, "cell %d,%d", i, j)
				}
			}
		})
	}
}

func TestLongDataIsChunkedAndRoundTrips(t *testing.T) {
	st := openStore(t)
	w := addWorkshop(t, st, &taller.Workshop{Country: "SV", Locality: "Usulután", Date: "2024-06-12"})
	// 60 comments of 1,000 characters with accents, emoji, XML's special
	// characters and the _xHHHH_ escapes of OOXML: about 200,000 characters
	// of JSON once escaped.
	base := "ñandú 😀 <&> _x0041_ \"quoted\" \\ "
	var want []string
	for i := range 60 {
		c := strings.Repeat(base, 40)
		c = string([]rune(c)[:taller.MaxComment-4]) + string(rune('A'+i%26)) + "end"
		want = append(want, taller.CleanText(c, true))
		evaluate(t, st, w.ID, 5, 5, c)
	}
	path := exportTo(t, st, []string{w.ID}, ExportOptions{IncludeComments: true})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	rows, err := f.GetRows(DataSheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.NoError(t, f.Close())
	rec := rows[headerRows]
	assert.Greater(t, len(rec), 4, "the JSON takes several cells")
	for _, c := range rec {
		assert.LessOrEqual(t, utf8.RuneCountInString(c), 32767, "within Excel's cell limit")
	}
	b, err := readBook(path)
	require.NoError(t, err)
	got := b.Records[0].Agg.Comments
	require.Len(t, got, 60)
	sort.Strings(want) // the store lists comments by text, not in the order they came
	assert.Equal(t, want, got, "every character comes back")
}

func TestOutboxName(t *testing.T) {
	w := &taller.Workshop{ID: "3d6ef1bb-d588-4fc5-82c0-684a8d5b5369", Date: "2024-06-24", Country: "GT",
		Locality: "Zona 21, Ciudad de Guatemala / Instituto «Israel»"}
	name := OutboxName(w)
	assert.Equal(t, "taller-2024-06-24-gt-zona-21-ciudad-de-guatemala-instituto-is-3d6ef1bb.xlsx", name)
	assert.Equal(t, name, OutboxName(w), "stable")
	assert.Equal(t, "taller-2024-06-12-sv-usulutan-1f84d9c1.xlsx",
		OutboxName(&taller.Workshop{ID: "1f84d9c1-0c7f", Date: "2024-06-12", Country: "SV", Locality: "Usulután"}))
	assert.Equal(t, "taller-2024-06-12-sv-x.xlsx", OutboxName(&taller.Workshop{Date: "2024-06-12", Country: "SV", Locality: "¿?"}))
	assert.Equal(t, filepath.Join("dir", name), OutboxPath("dir", w))
}

func TestAsciiJSON(t *testing.T) {
	in := map[string]string{"k": "ñ € 😀 \u2028 <tag> \x01"}
	raw, err := json.Marshal(in)
	require.NoError(t, err)
	s := asciiJSON(raw)
	for i := 0; i < len(s); i++ {
		require.Less(t, s[i], byte(0x80), "ASCII only")
	}
	var out map[string]string
	require.NoError(t, json.Unmarshal([]byte(s), &out))
	assert.Equal(t, in, out)
	parts := chunks(strings.Repeat("a", 2*chunkChars+1))
	require.Len(t, parts, 3)
	assert.Len(t, parts[0], chunkChars)
	assert.Len(t, parts[2], 1)
	assert.Equal(t, []string{"{}"}, chunks("{}"))
}
