package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/curriculum"
	"taller/i18n"
	"taller/printout"
)

// printWorkshop adds a workshop in Spanish on the half-day agenda.
func printWorkshop(t *testing.T, dir string) string {
	t.Helper()
	out, errOut, code := cli(t, dir, addArgs()...)
	require.Equal(t, 0, code, errOut)
	id := strings.TrimSpace(out)
	_, errOut, code = cli(t, dir, "agenda", "apply", id, "--template", "half-day")
	require.Equal(t, 0, code, errOut)
	return id
}

func pdfinfo(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Join(strings.Fields(string(out)), " ")
}

func pdftext(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Join(strings.Fields(string(out)), " ")
}

// Every kind prints from the command line in both languages: one line on
// stdout, a PDF at -o on the paper asked for.
func TestPrintEveryKind(t *testing.T) {
	dir := t.TempDir()
	id := printWorkshop(t, dir)
	for _, k := range printout.Kinds {
		for _, lang := range i18n.Langs {
			path := filepath.Join(dir, string(k)+"-"+string(lang)+".pdf")
			out, errOut, code := cli(t, dir, "print", string(k), "--workshop", id, "-o", path, "--lang", string(lang),
				"--paper", "a4", "--host", "192.168.137.1")
			require.Equal(t, 0, code, "%s %s: %s", k, lang, errOut)
			assert.Empty(t, errOut, "%s: --host given, no warning", k)
			assert.Equal(t, i18n.T(i18n.English, "print.saved", map[string]any{"Path": path})+"\n", out)
			assert.Contains(t, pdfinfo(t, path), "(A4)", "as asked")
			assert.Contains(t, pdftext(t, path), printedTitle(k, lang), "%s in %s", k, lang)
		}
	}
	// The document's language defaults to the workshop's (Spanish), not
	// the command line's (English in the tests).
	path := filepath.Join(dir, "default.pdf")
	_, errOut, code := cli(t, dir, "print", "quiz", "--workshop", id, "-o", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, pdftext(t, path), i18n.T(i18n.Spanish, "web.quiz.title"))
	assert.Contains(t, pdfinfo(t, path), "(letter)", "Letter (carta) by default")
}

// printedTitle is a text each kind prints on its first page.
func printedTitle(k printout.Kind, lang i18n.Lang) string {
	key := map[printout.Kind]string{
		printout.Poster: "print.poster.step_answer", printout.Slips: "web.checkin.gender", printout.QuizSheet: "web.quiz.title",
		printout.EvalSheet: "web.eval.title", printout.TallySheet: "print.tally.title", printout.AgendaKind: "print.agenda.title",
	}[k]
	if k == printout.TakeHome {
		g, _ := curriculum.Default().Guide(printout.TakeHomeGuide, lang)
		return g.Title
	}
	text := i18n.T(lang, key)
	if k == printout.Poster {
		text = "3. " + text
	}
	return text
}

// The poster's QR code leads to the join URL of the address given with
// --host and --port; without --host the laptop's current address is used
// and the command says, on one line, that the poster works only there.
func TestPrintPosterHost(t *testing.T) {
	dir := t.TempDir()
	id := printWorkshop(t, dir)
	path := filepath.Join(dir, "poster.pdf")
	_, errOut, code := cli(t, dir, "print", "poster", "--workshop", id, "-o", path, "--host", "10.42.0.1", "--port", "8081")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `http://10\.42\.0\.1:8081/j/[A-Z0-9]{26}`, pdftext(t, path))

	require.NoError(t, os.Remove(path))
	_, errOut, code = cli(t, dir, "print", "poster", "--workshop", id, "-o", path)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	require.Len(t, lines, 1, errOut)
	if code == 0 {
		assert.Contains(t, lines[0], ":8080/j/", "the warning names the link")
		assert.Contains(t, lines[0], "--host")
		assert.FileExists(t, path)
	} else {
		// A machine with no Wi-Fi or LAN address (not Windows).
		assert.Equal(t, "taller: "+i18n.T(i18n.English, "print.no_lan"), lines[0])
		assert.NoFileExists(t, path)
	}
}

// Misuse exits 2 and bad input exits 1, each with one translated line,
// and no file is written.
func TestPrintBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	id := printWorkshop(t, dir)
	path := filepath.Join(dir, "out.pdf")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"flyer", "--workshop", id, "-o", path}, 2},
		{[]string{"poster", "--workshop", id}, 2},
		{[]string{"poster", "-o", path}, 2},
		{[]string{"quiz", "--workshop", id, "-o", path, "--paper", "a3"}, 2},
		{[]string{"quiz", "--workshop", id, "-o", path, "--lang", "fr"}, 2},
		{[]string{"quiz", "--workshop", id, "-o", path, "--copies", "0"}, 2},
		{[]string{"poster", "--workshop", id, "-o", path, "--port", "0"}, 2},
		{[]string{"quiz"}, 2},
		{[]string{"slips", "--workshop", id, "-o", path, "--copies", "501"}, 1},
		{[]string{"quiz", "--workshop", "no-such-id", "-o", path}, 1},
		{[]string{"poster", "--workshop", id, "-o", path, "--host", "http://evil.example/x"}, 1},
		{[]string{"quiz", "--workshop", id, "-o", filepath.Join(dir, "no-folder", "q.pdf")}, 1},
	}
	for _, c := range cases {
		_, errOut, code := cli(t, dir, append([]string{"print"}, c.args...)...)
		assert.Equal(t, c.code, code, "%v: %s", c.args, errOut)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		assert.Len(t, lines, 1, "%v: one line: %s", c.args, errOut)
		assert.True(t, strings.HasPrefix(lines[0], "taller: "), "%v: %s", c.args, errOut)
		assert.NotContains(t, errOut, "print.", "%v: translated: %s", c.args, errOut)
		assert.NoFileExists(t, path, "%v", c.args)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".taller-print-"), "no temporary file left: %s", e.Name())
	}
}
