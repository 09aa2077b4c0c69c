package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobalFlagsBeforeOrAfterTheCommand(t *testing.T) {
	dir := t.TempDir()
	run1 := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(context.Background(), args, &out, &errb)
		return out.String(), errb.String(), code
	}
	// --data after the command chooses the data folder,
	out, errOut, code := run1(append(addArgs(), "--data", dir)...)
	require.Equal(t, 0, code, errOut)
	id := strings.TrimSpace(out)
	_, err := os.Stat(filepath.Join(dir, "taller.db"))
	require.NoError(t, err)
	out, _, code = run1("workshop", "list", "--data", dir)
	require.Equal(t, 0, code)
	assert.Contains(t, out, id)

	// and --lang after the command chooses the language of the messages,
	// as before it does.
	for _, args := range [][]string{
		{"--lang", "es", "--data", dir, "workshop", "show", "nope"},
		{"workshop", "show", "nope", "--lang", "es", "--data", dir},
		{"workshop", "show", "--data=" + dir, "nope", "--lang=es"},
	} {
		_, errOut, code = run1(args...)
		assert.Equal(t, 1, code, "%v", args)
		assert.Equal(t, "taller: No hay ningún taller con ese identificador.\n", errOut, "%v", args)
	}
	out, _, code = run1("curriculum", "list", "--lang", "en", "--data", dir)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Curriculum:")

	// A bad language is one translated line, wherever it is given.
	for _, args := range [][]string{{"--lang", "fr", "workshop", "list"}, {"workshop", "list", "--lang", "fr"}} {
		_, errOut, code = run1(append(args, "--data", dir)...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Equal(t, "taller: Unknown language: “fr”. Use es or en.\n", errOut, "%v", args)
	}

	// A command's own --lang keeps its meaning: workshop add's is the
	// workshop's language.
	out, _, code = run1(append(addArgs("--lang", "en"), "--data", dir)...)
	require.Equal(t, 0, code)
	out, _, _ = run1("workshop", "show", strings.TrimSpace(out), "--json", "--data", dir)
	assert.Contains(t, out, `"language": "en"`)
}

// localeEnv is the machine's environment with the locale variables
// replaced: LANG=lang, or no LANG at all for "".
func localeEnv(lang string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANGUAGE=") ||
			strings.HasPrefix(kv, "TALLER_LANG=") {
			continue
		}
		env = append(env, kv)
	}
	if lang != "" {
		env = append(env, "LANG="+lang)
	}
	return env
}

func TestNoFyneLogWhateverTheLocale(t *testing.T) {
	bin := testBinary(t)
	dir := t.TempDir()
	for _, lang := range []string{"", "C", "C.UTF-8"} {
		t.Run("LANG="+lang, func(t *testing.T) {
			// Bad input: exactly one line, the program's own.
			cmd := exec.Command(bin, "--data", dir, "workshop", "add", "--title", "x", "--country", "SV", "--locality", "l",
				"--org", "o", "--date", "2024-13-40")
			cmd.Env = localeEnv(lang)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, 1, exit.ExitCode())
			assert.Empty(t, stdout.String())
			assert.Equal(t, "taller: Esa fecha no existe: «2024-13-40».\n", stderr.String())

			// A command that works prints nothing on stderr.
			cmd = exec.Command(bin, "--data", dir, "curriculum", "list")
			cmd.Env = localeEnv(lang)
			stdout.Reset()
			stderr.Reset()
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Run())
			assert.Empty(t, stderr.String())
			assert.NotContains(t, stdout.String(), "Fyne")
		})
	}
}
