package printout_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"taller"
	"taller/curriculum"
	"taller/i18n"
	"taller/printout"
	"taller/store"
)

// fixture is a real store in a temporary folder with one workshop on the
// half-day agenda.
type fixture struct {
	ctx  context.Context
	st   *store.Store
	ws   *taller.Workshop
	cur  *curriculum.Curriculum
	deps printout.Deps
	dir  string
}

func newFixture(t *testing.T, lang i18n.Lang) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "data"), store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ws := &taller.Workshop{Title: "Taller comunitario de resiliencia: ñandú, acción y pingüino", Country: taller.ElSalvador,
		Locality: "San Vicente", Organization: "Red de Mujeres", Date: "2024-06-10", Start: 9 * 60, Language: lang}
	ws.Normalize()
	require.NoError(t, st.CreateWorkshop(ctx, ws))
	cur := curriculum.Default()
	a, err := cur.ApplyLang(curriculum.HalfDay, lang)
	require.NoError(t, err)
	a.ShiftTo(ws.Start)
	require.NoError(t, st.SaveAgenda(ctx, ws.ID, &a))
	return &fixture{ctx: ctx, st: st, ws: ws, cur: cur, dir: dir,
		deps: printout.Deps{Workshops: st, Attendance: st, Settings: st, Curriculum: cur}}
}

// render makes a printable and writes it to a file in the fixture's
// folder, returning the file's path.
func (f *fixture) render(t *testing.T, req printout.Request) string {
	t.Helper()
	if req.WorkshopID == "" {
		req.WorkshopID = f.ws.ID
	}
	data, err := printout.Render(f.ctx, f.deps, req)
	require.NoError(t, err)
	path := filepath.Join(f.dir, string(req.Kind)+"-"+string(req.Lang)+"-"+string(req.Paper)+".pdf")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

// tool runs one of poppler's programs and returns its output.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is not installed (poppler-utils; make deps installs it)", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
	return string(out)
}

// pdfText is the text of a PDF in reading order, one line per line of
// the page (pdftotext -layout), with runs of spaces squeezed to one.
func pdfText(t *testing.T, path string, extra ...string) string {
	t.Helper()
	args := append([]string{"-layout", "-enc", "UTF-8"}, extra...)
	out := tool(t, "pdftotext", append(args, path, "-")...)
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	return strings.Join(lines, "\n")
}

// pages is the page count pdfinfo reports.
func pages(t *testing.T, path string) int {
	t.Helper()
	for _, l := range strings.Split(tool(t, "pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count for %s", path)
	return 0
}

// assertInOrder checks that every want appears in text, each after the
// one before it, and returns the offset after the last.
func assertInOrder(t *testing.T, text string, want []string) int {
	t.Helper()
	at := 0
	for _, w := range want {
		w = strings.Join(strings.Fields(w), " ")
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("%q not found after offset %d in:\n%s", w, at, text[at:])
		}
		at += i + len(w)
	}
	return at
}
