package report

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
	"taller/store"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

func addWorkshop(t testing.TB, st *store.Store, w *taller.Workshop) *taller.Workshop {
	t.Helper()
	if w.Title == "" {
		w.Title = "Respuestas comunitarias"
	}
	if w.Organization == "" {
		w.Organization = "Organización de prueba"
	}
	w.Start = 9 * 60
	require.NoError(t, st.CreateWorkshop(context.Background(), w))
	return w
}

var seq int

func subID() string {
	seq++
	return fmt.Sprintf("test-submission-%06d", seq)
}

// checkIns stores n phone check-ins with the same answers and returns their
// devices.
func checkIns(t testing.TB, st *store.Store, wsID string, n int, g taller.Gender, age taller.AgeBand, role taller.Role) []string {
	t.Helper()
	var devices []string
	for range n {
		dev := subID()
		_, err := st.CheckIn(context.Background(), &taller.CheckIn{WorkshopID: wsID, SubmissionID: subID(), Device: dev,
			Gender: g, AgeBand: age, Role: role, Source: taller.SourcePhone})
		require.NoError(t, err)
		devices = append(devices, dev)
	}
	return devices
}

func quiz(t testing.TB, st *store.Store, wsID, device string, kind taller.QuizKind, score int) {
	t.Helper()
	_, err := st.SubmitQuiz(context.Background(), &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: subID(), Device: device,
		Kind: kind, Score: score, Total: 10, Source: taller.SourcePhone})
	require.NoError(t, err)
}

func evaluate(t testing.TB, st *store.Store, wsID string, overall, others int, comment string) {
	t.Helper()
	r := map[taller.LikertItem]int{}
	for _, it := range taller.LikertItems {
		r[it] = others
	}
	r["overall"] = overall
	_, err := st.SubmitEvaluation(context.Background(), &taller.Evaluation{WorkshopID: wsID, SubmissionID: subID(),
		Ratings: r, Comment: comment, Source: taller.SourcePaper})
	require.NoError(t, err)
}

// fixture is two workshops with figures small enough to check by hand.
type fixture struct {
	st   *store.Store
	a, b *taller.Workshop
}

// newFixture builds:
//
//	A, El Salvador, 2024-06-10: check-ins 6 women 18-29 community, 2 women
//	30-44 leaders, 1 man 18-29 community; walk-ins 2 women, 1 man, 1
//	undisclosed (13 in all); evaluations overall 5, 4, 3 (others 5, 4, 5);
//	pre-quiz 50 % and 60 %, post-quiz 80 % and 90 % by the same phones plus
//	70 % by a third; one comment shown, one hidden.
//	B, Guatemala, 2024-06-20: 5 men 30-44 business, nothing else.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	a := addWorkshop(t, st, &taller.Workshop{Country: "SV", Locality: "San Vicente", Organization: "Red de Mujeres",
		Facilitator: "Ana", Date: "2024-06-10"})
	b := addWorkshop(t, st, &taller.Workshop{Country: "GT", Locality: "Mixco", Organization: "Colectivo Mixco", Date: "2024-06-20"})
	devs := checkIns(t, st, a.ID, 6, taller.Female, "18-29", "community")
	checkIns(t, st, a.ID, 2, taller.Female, "30-44", "leader")
	third := checkIns(t, st, a.ID, 1, taller.Male, "18-29", "community")[0]
	require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: a.ID, SubmissionID: subID(), Female: 2, Male: 1, Undisclosed: 1}))
	evaluate(t, st, a.ID, 5, 5, "Muy útil & <claro>")
	evaluate(t, st, a.ID, 4, 4, "Esto no debe salir")
	evaluate(t, st, a.ID, 3, 5, "")
	quiz(t, st, a.ID, devs[0], taller.PreQuiz, 5)
	quiz(t, st, a.ID, devs[1], taller.PreQuiz, 6)
	quiz(t, st, a.ID, devs[0], taller.PostQuiz, 8)
	quiz(t, st, a.ID, devs[1], taller.PostQuiz, 9)
	quiz(t, st, a.ID, third, taller.PostQuiz, 7)
	comments, err := st.Comments(ctx, a.ID)
	require.NoError(t, err)
	for _, c := range comments {
		if c.Text == "Esto no debe salir" {
			require.NoError(t, st.HideComment(ctx, c.ID, true))
		}
	}
	checkIns(t, st, b.ID, 5, taller.Male, "30-44", "business")
	return &fixture{st: st, a: a, b: b}
}

func (fx *fixture) ids() []string { return []string{fx.a.ID, fx.b.ID} }

// signer is the fingerprint of the fixture's laptop.
func (fx *fixture) signer(t testing.TB) string {
	t.Helper()
	key, err := fx.st.SigningKey()
	require.NoError(t, err)
	return taller.Fingerprint(key.Public().(ed25519.PublicKey))
}

// export writes the fixture's (or the given) workshops to a new file.
func exportTo(t testing.TB, st *store.Store, ids []string, opts ExportOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xlsx")
	_, err := ExportFile(context.Background(), st, ids, path, opts)
	require.NoError(t, err)
	return path
}

// sheets reads every sheet of a workbook: name → rows of cell texts as
// Excel shows them.
func sheets(t testing.TB, path string) (names []string, rows map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows = map[string][][]string{}
	for _, name := range f.GetSheetList() {
		r, err := f.GetRows(name)
		require.NoError(t, err)
		rows[name] = r
	}
	return f.GetSheetList(), rows
}

// summaryRows reads the first sheet's table, from its header row (the
// rows above it say what the workbook covers).
func summaryRows(t testing.TB, path string) [][]string {
	t.Helper()
	names, rows := sheets(t, path)
	require.Greater(t, len(rows[names[0]]), summaryTableRow)
	return rows[names[0]][summaryTableRow-1:]
}

func en(key string) string { return i18n.T(i18n.English, key) }
