package curriculum

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"taller/i18n"
)

// fixture describes a small module for the test packs.
type fixture struct {
	order     int
	id, kind  string
	minutes   int
	questions int
}

// smallPack is a valid pack of three modules.
var smallPack = []fixture{
	{0, "opening", KindOpening, 35, 0},
	{1, "extortion-today", KindModule, 45, 4},
	{99, "closing", KindClosing, 30, 2},
}

// fixtureHeadings are written out here, not taken from the code under test.
var fixtureHeadings = map[i18n.Lang][5]string{
	i18n.Spanish: {"Ideas clave", "Actividad", "Preguntas para el diálogo", "Notas para quien facilita", "Si hay menos tiempo"},
	i18n.English: {"Key ideas", "Activity", "Discussion questions", "Facilitator notes", "If time is short"},
}

func (f fixture) fileName() string { return fmt.Sprintf("%02d-%s.md", f.order, f.id) }

// markdown renders the fixture's file in lang; tag marks the titles so a
// test can tell two packs apart.
func (f fixture) markdown(lang i18n.Lang, tag string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\nkind: %s\ntitle: %s %s %s\nduration: %d\ndiscussion: 5\nsensitivity: medium\n", f.id, f.kind, f.id, lang, tag, f.minutes)
	b.WriteString("objectives:\n  - Objective one.\nmaterials:\n  - Markers\n")
	if f.questions > 0 {
		b.WriteString("quiz:\n")
		for i := 1; i <= f.questions; i++ {
			fmt.Fprintf(&b, "  - question: Question %d in %s?\n    options:\n      - Alpha %d\n      - Beta %d\n      - Gamma %d\n    answer: Beta %d\n", i, lang, i, i, i, i)
		}
	}
	h := fixtureHeadings[lang]
	fmt.Fprintf(&b, "---\n\n## %s\n\n- An idea.\n\n## %s\n\n1. **(%d min)** Start in pairs.\n   - a detail\n2. **(5 min)** Share.\n\n", h[0], h[1], f.minutes-10)
	fmt.Fprintf(&b, "## %s\n\n- What do you think?\n\n## %s\n\n- Secret note for the facilitator.\n\n## %s\n\n- Cut step 2 first.\n", h[2], h[3], h[4])
	return b.String()
}

// packFiles renders the fixtures in both languages, keyed by path in the
// pack ("es/01-extortion-today.md").
func packFiles(tag string, fixtures ...fixture) map[string]string {
	files := map[string]string{}
	for _, f := range fixtures {
		for _, l := range i18n.Langs {
			files[string(l)+"/"+f.fileName()] = f.markdown(l, tag)
		}
	}
	return files
}

// mapFS turns files into an in-memory file system for Load.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// writeDir writes files into a new folder under dir/name and returns it.
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pack")
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	return dir
}

// writeZip writes files into a new zip called name, each entry under
// prefix, in a stable order.
func writeZip(t *testing.T, name, prefix string, files map[string]string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	out, err := os.Create(p)
	require.NoError(t, err)
	w := zip.NewWriter(out)
	for _, n := range sortedKeys(files) {
		fw, err := w.Create(prefix + n)
		require.NoError(t, err)
		_, err = fw.Write([]byte(files[n]))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	require.NoError(t, out.Close())
	return p
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lineOf returns the 1-based line of the first line of text containing sub.
func lineOf(t *testing.T, text, sub string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return i + 1
		}
	}
	t.Fatalf("%q not found", sub)
	return 0
}

// edit replaces old with new in one file of a pack, failing if old is not
// there.
func edit(t *testing.T, files map[string]string, name, old, new string) {
	t.Helper()
	require.Contains(t, files[name], old, name)
	files[name] = strings.Replace(files[name], old, new, 1)
}

// packProblems asserts that err is a *PackError and returns its problems.
func packProblems(t *testing.T, err error) []Problem {
	t.Helper()
	var pe *PackError
	require.ErrorAs(t, err, &pe)
	return pe.Problems
}

// requireBundled fails the test, instead of letting Default panic, while
// the bundled modules do not validate.
func requireBundled(t *testing.T) {
	t.Helper()
	_, err := loadBundled()
	require.NoError(t, err, "the bundled curriculum does not validate")
}
