package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// coordinator makes a coordinator identity file and returns its path and
// public key.
func coordinator(t *testing.T) (string, string) {
	t.Helper()
	k, err := NewCoordinatorKey()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "coordinacion.txt")
	require.NoError(t, k.WriteIdentityFile(path, time.Now()))
	return path, k.PublicKey
}

func TestIdentityFile(t *testing.T) {
	path, pub := coordinator(t)
	info, err := os.Stat(path)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), "# public key: "+pub+"\nAGE-SECRET-KEY-1", "the format age-keygen writes")
	ids, err := ReadIdentityFile(path)
	require.NoError(t, err)
	require.Len(t, ids, 1)
	assert.Equal(t, pub, ids[0].(*age.X25519Identity).Recipient().String())

	k, err := NewCoordinatorKey()
	require.NoError(t, err)
	err = k.WriteIdentityFile(path, time.Now())
	assert.Equal(t, "The file "+path+" already exists. Taller never overwrites an identity file: choose another name.", taller.Message(i18n.English, err))
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, data, after, "the old identity is kept")

	_, err = ReadIdentityFile(filepath.Join(t.TempDir(), "none.txt"))
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	notID := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(notID, []byte("hello\n"), 0o600))
	_, err = ReadIdentityFile(notID)
	assert.Contains(t, taller.Message(i18n.English, err), "is not an age identity file")
}

func TestEncryptedOutboxFilesMergeWithTheCoordinatorsIdentity(t *testing.T) {
	idFile, pub := coordinator(t)
	ids, err := ReadIdentityFile(idFile)
	require.NoError(t, err)
	outbox := t.TempDir()
	ctx := context.Background()

	// Two laptops send their workshops to the same synced folder, the
	// first of them once in the clear before encryption was turned on.
	ana, ben := newLaptop(t), newLaptop(t)
	a := addWorkshop(t, ana.st, &taller.Workshop{Country: "SV", Locality: "San Vicente", Date: "2024-06-10"})
	b := addWorkshop(t, ben.st, &taller.Workshop{Country: "GT", Locality: "Mixco", Date: "2024-06-20"})
	checkIns(t, ana.st, a.ID, 6, taller.Female, "18-29", "community")
	checkIns(t, ben.st, b.ID, 5, taller.Male, "30-44", "business")
	_, err = ExportOutbox(ctx, ana.st, a, outbox, ExportOptions{})
	require.NoError(t, err)
	require.FileExists(t, OutboxPath(outbox, a))
	resA, err := ExportOutbox(ctx, ana.st, a, outbox, ExportOptions{EncryptTo: pub})
	require.NoError(t, err)
	assert.True(t, resA.Encrypted)
	assert.Equal(t, ana.fp, resA.Signer)
	resB, err := ExportOutbox(ctx, ben.st, b, outbox, ExportOptions{EncryptTo: pub})
	require.NoError(t, err)
	assert.NoFileExists(t, OutboxPath(outbox, a), "no readable copy stays in the synced folder")
	assert.Equal(t, OutboxPath(outbox, a)+".age", resA.Path)
	for _, p := range []string{resA.Path, resB.Path} {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data, []byte("age-encryption.org/v1\n")), "an age file")
		assert.NotContains(t, string(data), "San Vicente")
	}

	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(ctx, []string{resA.Path, resB.Path}, out, MergeOptions{Lang: i18n.English, Identities: ids,
		Trust: trustList(t, ana.fp, ben.fp)})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Workshops)
	s := summaryRows(t, out)
	assert.Equal(t, []string{"Total", "2", "11", "6", "5", "0", "0"}, s[3])
}

func TestEncryptedFilesRefusedByName(t *testing.T) {
	rightFile, pub := coordinator(t)
	right, err := ReadIdentityFile(rightFile)
	require.NoError(t, err)
	otherFile, _ := coordinator(t)
	wrong, err := ReadIdentityFile(otherFile)
	require.NoError(t, err)
	both := append(append([]age.Identity{}, wrong...), right...)
	fx := newFixture(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "a.xlsx.age")
	_, err = ExportFile(context.Background(), fx.st, fx.ids(), good, ExportOptions{EncryptTo: pub})
	require.NoError(t, err)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	damaged := filepath.Join(dir, "damaged.xlsx.age")
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0x40
	require.NoError(t, os.WriteFile(damaged, flipped, 0o600))
	cut := filepath.Join(dir, "cut.xlsx.age")
	require.NoError(t, os.WriteFile(cut, data[:len(data)-100], 0o600))
	garbage := filepath.Join(dir, "garbage.xlsx.age")
	require.NoError(t, os.WriteFile(garbage, []byte("not encrypted at all"), 0o600))

	for _, tc := range []struct {
		file string
		ids  []age.Identity
		code RefusalCode
		text string
	}{
		{good, nil, RefuseEncrypted, "it is encrypted for the coordinator: give the coordinator's identity file (--identity) to read it"},
		{good, wrong, RefuseWrongIdentity, "it is encrypted for another key, not for the identity given"},
		{damaged, right, RefuseBadEncryption, "it is an encrypted file that is damaged or incomplete"},
		{cut, right, RefuseBadEncryption, ""},
		{cut, both, RefuseBadEncryption, ""},
		{garbage, right, RefuseBadEncryption, ""},
	} {
		out := filepath.Join(t.TempDir(), "merged.xlsx")
		res, err := Merge(context.Background(), []string{tc.file}, out, MergeOptions{Lang: i18n.English, Identities: tc.ids})
		require.Error(t, err, tc.file)
		require.Len(t, res.Refused, 1)
		assert.Equal(t, tc.file, res.Refused[0].File)
		assert.Equal(t, tc.code, res.Refused[0].Code, tc.file)
		if tc.text != "" {
			assert.Equal(t, tc.text, res.Refused[0].Reason)
		}
		assert.NoFileExists(t, out, "nothing written")
		assertNoTempFiles(t, filepath.Dir(out))
	}
	// With the right identity among others it reads.
	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(context.Background(), []string{good}, out, MergeOptions{Identities: both})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Workshops)
}
