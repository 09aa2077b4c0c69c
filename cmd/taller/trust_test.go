package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// facilitatorLaptop is a data folder with one workshop of 7 people.
func facilitatorLaptop(t *testing.T, country, locality string) (dir, id string) {
	t.Helper()
	dir = t.TempDir()
	stdout, stderr, code := cli(t, dir, "workshop", "add", "--title", "Taller comunitario", "--country", country,
		"--locality", locality, "--org", "Red comunitaria", "--date", "2024-06-10")
	require.Equal(t, 0, code, stderr)
	id = strings.TrimSpace(stdout)
	_, stderr, code = cli(t, dir, "tally", "add", id, "--female", "5", "--male", "2", "--other", "0", "--undisclosed", "0")
	require.Equal(t, 0, code, stderr)
	return dir, id
}

func TestIdentityCommand(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := cli(t, dir, "--lang", "en", "identity")
	require.Equal(t, 0, code, stderr)
	fp := strings.TrimSpace(stdout)
	assert.Regexp(t, `^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$`, fp)
	assert.Contains(t, stderr, "Read it to your coordinator")
	again, _, _ := cli(t, dir, "identity")
	assert.Equal(t, stdout, again, "the same laptop, the same fingerprint")
	info, err := os.Stat(filepath.Join(dir, "signing.key"))
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}
}

func TestCoordinatorKeygenAndSetting(t *testing.T) {
	idFile := filepath.Join(t.TempDir(), "coordinacion.txt")
	stdout, stderr, code := cli(t, t.TempDir(), "--lang", "en", "coordinator", "keygen", "-o", idFile)
	require.Equal(t, 0, code, stderr)
	pub := strings.TrimSpace(stdout)
	assert.True(t, strings.HasPrefix(pub, "age1"), pub)
	assert.Contains(t, stderr, "keep it secret")
	before, err := os.ReadFile(idFile)
	require.NoError(t, err)
	_, stderr, code = cli(t, t.TempDir(), "--lang", "en", "coordinator", "keygen", "-o", idFile)
	assert.Equal(t, 1, code)
	assert.Equal(t, "taller: The file "+idFile+" already exists. Taller never overwrites an identity file: choose another name.\n", stderr)
	after, err := os.ReadFile(idFile)
	require.NoError(t, err)
	assert.Equal(t, before, after)

	dir := t.TempDir()
	_, stderr, code = cli(t, dir, "settings", "set", "coordinator_key", pub)
	require.Equal(t, 0, code, stderr)
	out, _, _ := cli(t, dir, "settings", "show")
	assert.Regexp(t, `coordinator_key +`+pub, out)
	_, stderr, code = cli(t, dir, "--lang", "en", "settings", "set", "coordinator_key", "age1nonsense")
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	secret := strings.TrimSpace(string(before[strings.Index(string(before), "AGE-SECRET"):]))
	_, stderr, code = cli(t, dir, "--lang", "en", "settings", "set", "coordinator_key", secret)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "secret identity")
	assert.NotContains(t, stderr, secret[15:])
	out2, _, _ := cli(t, dir, "settings", "show")
	assert.Equal(t, out, out2, "refused values changed nothing")
}

func TestTwoLaptopsEncryptedOutboxMergedByTheCoordinator(t *testing.T) {
	coord := t.TempDir()
	idFile := filepath.Join(coord, "coordinacion.txt")
	stdout, stderr, code := cli(t, coord, "coordinator", "keygen", "-o", idFile)
	require.Equal(t, 0, code, stderr)
	pub := strings.TrimSpace(stdout)

	outbox := t.TempDir() // the shared cloud folder
	var fps, sent []string
	for _, place := range [][2]string{{"SV", "San Vicente"}, {"HN", "Choloma"}} {
		dir, _ := facilitatorLaptop(t, place[0], place[1])
		for _, kv := range [][2]string{{"outbox_dir", outbox}, {"coordinator_key", pub}} {
			_, stderr, code := cli(t, dir, "settings", "set", kv[0], kv[1])
			require.Equal(t, 0, code, stderr)
		}
		stdout, stderr, code := cli(t, dir, "export", "--all", "--outbox")
		require.Equal(t, 0, code, stderr)
		path := strings.TrimSpace(stdout)
		assert.True(t, strings.HasSuffix(path, ".xlsx.age"), path)
		sent = append(sent, path)
		fp, _, _ := cli(t, dir, "identity")
		fps = append(fps, strings.TrimSpace(fp))
	}
	trust := filepath.Join(coord, "confianza.txt")
	require.NoError(t, os.WriteFile(trust, []byte("# El Salvador\n"+fps[0]+" # Ana\n"+fps[1]+" # Honduras\n"), 0o600))

	out := filepath.Join(t.TempDir(), "consolidado.xlsx")
	stdout, stderr, code = cli(t, coord, "--lang", "en", "merge", "-o", out, "--identity", idFile, "--trust", trust, sent[0], sent[1])
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "accepted: "+sent[0]+" (signed by "+fps[0]+")")
	assert.Contains(t, stdout, "accepted: "+sent[1]+" (signed by "+fps[1]+")")
	assert.Equal(t, []string{"Total", "2", "14", "10", "4", "0", "0"}, summaryTable(t, out)[3])

	// Without the identity, with another identity, with a damaged file,
	// or with a laptop off the list: refused by name, nothing written.
	other := filepath.Join(coord, "otra.txt")
	_, _, code = cli(t, coord, "coordinator", "keygen", "-o", other)
	require.Equal(t, 0, code)
	data, err := os.ReadFile(sent[1])
	require.NoError(t, err)
	damaged := filepath.Join(t.TempDir(), "damaged.xlsx.age")
	require.NoError(t, os.WriteFile(damaged, data[:len(data)*2/3], 0o600))
	onlyAna := filepath.Join(coord, "solo-ana.txt")
	require.NoError(t, os.WriteFile(onlyAna, []byte(fps[0]+"\n"), 0o600))
	for _, tc := range []struct {
		args []string
		file string
		why  string
	}{
		{[]string{sent[0]}, sent[0], "it is encrypted for the coordinator"},
		{[]string{"--identity", other, sent[0]}, sent[0], "it is encrypted for another key"},
		{[]string{"--identity", idFile, sent[0], damaged}, damaged, "it is an encrypted file that is damaged or incomplete"},
		{[]string{"--identity", idFile, "--trust", onlyAna, sent[0], sent[1]}, sent[1], "it is signed by the laptop " + fps[1] + ", which is not on the trust list"},
	} {
		bad := filepath.Join(t.TempDir(), "bad.xlsx")
		stdout, stderr, code := cli(t, coord, append([]string{"--lang", "en", "merge", "-o", bad}, tc.args...)...)
		assert.Equal(t, 1, code, stdout)
		assert.Contains(t, stdout, "refused: "+tc.file+": "+tc.why)
		assert.Contains(t, stderr, "Nothing was written.")
		assert.NoFileExists(t, bad)
		left, err := os.ReadDir(filepath.Dir(bad))
		require.NoError(t, err)
		assert.Empty(t, left, "no temporary file left either")
	}
}

func TestExportEncryptToAndHandEditedFile(t *testing.T) {
	dir, id := facilitatorLaptop(t, "GT", "Mixco")
	idFile := filepath.Join(t.TempDir(), "id.txt")
	stdout, _, code := cli(t, t.TempDir(), "coordinator", "keygen", "-o", idFile)
	require.Equal(t, 0, code)
	pub := strings.TrimSpace(stdout)

	plainName := filepath.Join(t.TempDir(), "mixco.xlsx")
	_, stderr, code := cli(t, dir, "--lang", "en", "export", "--workshop", id, "-o", plainName, "--encrypt-to", pub)
	assert.Equal(t, 2, code, "an encrypted file must not look like a workbook")
	assert.Contains(t, stderr, "ends in .age")
	assert.NoFileExists(t, plainName)
	_, stderr, code = cli(t, dir, "--lang", "en", "export", "--workshop", id, "-o", plainName+".age")
	assert.Equal(t, 2, code, "a plain workbook must not look encrypted")
	assert.Contains(t, stderr, "a .age file is encrypted")
	assert.NoFileExists(t, plainName+".age")
	_, stderr, code = cli(t, dir, "--lang", "en", "export", "--workshop", id, "-o", plainName+".age", "--encrypt-to", "age1bad")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is not a coordinator public key")
	_, stderr, code = cli(t, dir, "export", "--workshop", id, "-o", plainName+".age", "--encrypt-to", pub)
	require.Equal(t, 0, code, stderr)
	out := filepath.Join(t.TempDir(), "m.xlsx")
	_, stderr, code = cli(t, t.TempDir(), "merge", "-o", out, "--identity", idFile, plainName+".age")
	require.Equal(t, 0, code, stderr)

	// A participant count edited by hand in the Workshops sheet.
	_, stderr, code = cli(t, dir, "export", "--workshop", id, "-o", plainName, "--lang", "es")
	require.Equal(t, 0, code, stderr)
	f, err := excelize.OpenFile(plainName)
	require.NoError(t, err)
	require.NoError(t, f.SetCellInt("Talleres", "F2", 70))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	stdout, _, code = cli(t, t.TempDir(), "--lang", "en", "merge", "-o", out+"2", plainName)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "refused: "+plainName+": the sheet “Talleres”, cell F2, shows “70” but the signed data say “7”")
	assert.NoFileExists(t, out+"2")
}
