package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

// cli runs the real command line in-process and returns what it printed
// and its exit code.
func cli(t *testing.T, dataDir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"--data", dataDir}, args...)
	code = run(context.Background(), full, &out, &errb)
	return out.String(), errb.String(), code
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// testBinary builds the real taller binary once per test run, for tests
// that need a separate process (crash tests, the window smoke test).
func testBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "taller-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "taller")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Stderr = os.Stderr
		binErr = cmd.Run()
	})
	require.NoError(t, binErr, "build the taller binary")
	return binPath
}

// procEnv is the environment for a taller subprocess: the machine's, with
// a well-formed locale so Fyne does not complain, and the given language.
func procEnv(lang string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "TALLER_LANG=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=en_US.UTF-8", "TALLER_LANG="+lang)
}

func TestMain(m *testing.M) {
	os.Setenv("TALLER_LANG", "en")
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

func addArgs(extra ...string) []string {
	return append([]string{"workshop", "add", "--title", "Taller San Esteban", "--country", "SV", "--locality", "San Esteban Catarina",
		"--org", "AMUSEC", "--date", "2024-06-11", "--start", "08:30", "--lang", "es", "--facilitator", "E. M."}, extra...)
}

func TestWorkshopAddListRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := cli(t, dir, addArgs()...)
	require.Equal(t, 0, code, errOut)
	id := strings.TrimSpace(out)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, id, "the id alone on stdout")

	out, _, code = cli(t, dir, "workshop", "list", "--json")
	require.Equal(t, 0, code)
	var list []struct {
		taller.Workshop
		NotExported bool `json:"not_exported"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	require.Len(t, list, 1)
	w := list[0]
	assert.Equal(t, id, w.ID)
	assert.Equal(t, "Taller San Esteban", w.Title)
	assert.Equal(t, taller.Country("SV"), w.Country)
	assert.Equal(t, "San Esteban Catarina", w.Locality)
	assert.Equal(t, "AMUSEC", w.Organization)
	assert.Equal(t, "2024-06-11", w.Date)
	assert.Equal(t, "08:30", w.Start.String())
	assert.Equal(t, "es", string(w.Language))
	assert.Equal(t, "E. M.", w.Facilitator)
	assert.Equal(t, taller.DefaultCheckInCap, w.CheckInCap)
	assert.True(t, w.NotExported)
	assert.NotContains(t, out, "join_token", "the join token never leaves in a listing")

	out, _, code = cli(t, dir, "workshop", "list")
	require.Equal(t, 0, code)
	assert.Contains(t, out, id)
	assert.Contains(t, out, "San Esteban Catarina")
}

func TestBadInputWritesNothing(t *testing.T) {
	cases := map[string][]string{
		"unknown country": {"--country", "XX"},
		"impossible date": {"--date", "2024-13-40"},
		"empty title":     {"--title", ""},
		"10 kB title":     {"--title", strings.Repeat("x", 10240)},
		"bad start":       {"--start", "9am"},
		"bad language":    {"--lang", "fr"},
	}
	for name, extra := range cases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			out, errOut, code := cli(t, dir, addArgs(extra...)...)
			assert.Equal(t, 1, code)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			assert.True(t, strings.HasPrefix(errOut, "taller: "))
			_, err := os.Stat(dir)
			assert.True(t, os.IsNotExist(err), "nothing is written, not even the data folder")
		})
	}
}

func TestMisuseExitsTwo(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"frobnicate"},
		{"workshop", "delete"},
		{"workshop", "add", "--nonsense"},
		{"workshop", "open", "abc", "party"},
		{"workshop", "list", "extra"},
	} {
		_, errOut, code := cli(t, dir, args...)
		assert.Equal(t, 2, code, "%v: %s", args, errOut)
		assert.NotEmpty(t, errOut)
	}
}

func TestHelpForEverySubcommand(t *testing.T) {
	dir := t.TempDir()
	for name := range commands {
		args := append(strings.Fields(name), "-h")
		_, errOut, code := cli(t, dir, args...)
		assert.Equal(t, 0, code, name)
		assert.Contains(t, errOut, "taller [--data DIR] "+name, name)
	}
	out, _, code := cli(t, dir, "help")
	assert.Equal(t, 0, code)
	for name := range commands {
		assert.Contains(t, out, name)
	}
}

func TestDeleteShowPhasesAndTally(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, addArgs()...)
	require.Equal(t, 0, code)
	id := strings.TrimSpace(out)

	_, _, code = cli(t, dir, "workshop", "open", id, "checkin")
	require.Equal(t, 0, code)
	_, errOut, code := cli(t, dir, "tally", "add", id, "--female", "3", "--male", "2")
	require.Equal(t, 0, code, errOut)
	_, errOut, code = cli(t, dir, "tally", "add", id)
	assert.Equal(t, 1, code, "an empty tally is refused")
	assert.Contains(t, errOut, "at least one person")

	out, _, code = cli(t, dir, "workshop", "show", id, "--json")
	require.Equal(t, 0, code)
	var shown showJSON
	require.NoError(t, json.Unmarshal([]byte(out), &shown))
	assert.Equal(t, 5, shown.Counts.Total)
	assert.Equal(t, 3, shown.Counts.ByGender[taller.Female])
	assert.True(t, shown.Workshop.IsOpen(taller.PhaseCheckIn))

	out, _, code = cli(t, dir, "--lang", "es", "workshop", "show", id)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Abierto ahora: Registro")
	assert.Contains(t, out, "Mujer")

	_, _, code = cli(t, dir, "workshop", "close", id, "checkin")
	require.Equal(t, 0, code)
	_, errOut, code = cli(t, dir, "workshop", "delete", id)
	require.Equal(t, 0, code, errOut)
	_, errOut, code = cli(t, dir, "workshop", "delete", id)
	assert.Equal(t, 1, code)
	assert.Equal(t, "taller: There is no workshop with that id.\n", errOut)
	out, _, _ = cli(t, dir, "workshop", "list", "--json")
	assert.JSONEq(t, "[]", out)
}

func TestRealBinaryEndToEnd(t *testing.T) {
	bin := testBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, append([]string{"--data", dir}, addArgs()...)...)
	cmd.Env = procEnv("en")
	out, err := cmd.Output()
	require.NoError(t, err)
	id := strings.TrimSpace(string(out))

	cmd = exec.Command(bin, "--data", dir, "workshop", "add", "--title", "x", "--country", "SV", "--locality", "l", "--org", "o", "--date", "2024-13-40")
	cmd.Env = procEnv("es")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.ExitCode())
	assert.Equal(t, "taller: Esa fecha no existe: «2024-13-40».\n", stderr.String())

	cmd = exec.Command(bin, "--data", dir, "workshop", "list", "--json")
	cmd.Env = procEnv("en")
	out, err = cmd.Output()
	require.NoError(t, err)
	assert.Contains(t, string(out), id)
	assert.Equal(t, 1, strings.Count(string(out), `"id"`), "the refused workshop was not written")

	cmd = exec.Command(bin, "version")
	cmd.Env = procEnv("en")
	out, err = cmd.Output()
	require.NoError(t, err)
	assert.Regexp(t, `^taller \S+ \(schema \d+, `, string(out))
}

func TestDataDirFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TALLER_DATA", dir)
	var out, errb bytes.Buffer
	code := run(context.Background(), addArgs(), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	_, err := os.Stat(filepath.Join(dir, "taller.db"))
	assert.NoError(t, err, "TALLER_DATA names the data folder")
}

func TestFlagErrorsAreOneTranslatedLine(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"workshop", "add", "--bogus"}, "taller: unknown option -bogus. See “taller workshop add -h”.\n"},
		{[]string{"tally", "add", "x", "--female", "abc"}, "taller: invalid value for -female: “abc”. See “taller tally add -h”.\n"},
		{[]string{"workshop", "list", "--json=maybe"}, "taller: invalid value for -json: “maybe”. See “taller workshop list -h”.\n"},
		{[]string{"agenda", "apply", "x", "--template"}, "taller: -template needs a value. See “taller agenda apply -h”.\n"},
	} {
		out, errOut, code := cli(t, dir, tc.args...)
		assert.Equal(t, 2, code, "%v", tc.args)
		assert.Empty(t, out)
		assert.Equal(t, tc.want, errOut, "%v", tc.args)
	}
}

func TestGroupHelp(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, "workshop", "-h")
	assert.Equal(t, 0, code)
	for _, sub := range []string{"workshop add", "workshop list", "workshop show", "workshop open", "workshop close", "workshop delete"} {
		assert.Contains(t, out, "taller "+sub)
	}
	_, errOut, code := cli(t, dir, "agenda")
	assert.Equal(t, 2, code, "a group alone is a misuse, answered with its commands")
	assert.Contains(t, errOut, "taller agenda apply")
}

func TestNoDisplayIsOneLine(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("there is always a display")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	_, errOut, code := cli(t, t.TempDir())
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
	assert.Contains(t, errOut, "no display")
}

func TestAgendaPastMidnightIsRefusedWithOneLine(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cli(t, dir, addArgs("--start", "20:00")...)
	require.Equal(t, 0, code)
	id := strings.TrimSpace(out)
	_, errOut, code := cli(t, dir, "agenda", "apply", id, "--template", "full-day")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "after midnight")
	out, _, _ = cli(t, dir, "agenda", "show", id)
	assert.Contains(t, out, "agenda is empty", "nothing was saved")
}
