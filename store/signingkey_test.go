package store

import (
	"crypto/ed25519"
	"crypto/x509"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestSigningKeyMadeOnFirstUseKeptAndWiped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	key, err := SigningKey(dir)
	require.NoError(t, err)
	path := filepath.Join(dir, SigningKeyFile)
	info, err := os.Stat(path)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "readable by the owner only")
	}
	again, err := SigningKey(dir)
	require.NoError(t, err)
	assert.True(t, key.Equal(again), "the same key every time")

	st, err := Open(dir, Options{})
	require.NoError(t, err)
	fromStore, err := st.SigningKey()
	require.NoError(t, err)
	assert.True(t, key.Equal(fromStore))
	fp, err := st.Fingerprint()
	require.NoError(t, err)
	assert.Equal(t, taller.Fingerprint(key.Public().(ed25519.PublicKey)), fp)
	require.NoError(t, st.Close())

	require.NoError(t, Wipe(dir))
	assert.NoFileExists(t, path, "delete all data removes the key")
	fresh, err := SigningKey(dir)
	require.NoError(t, err)
	assert.False(t, key.Equal(fresh), "a wiped laptop gets a new identity")
}

func TestSigningKeyOneKeyWhenTwoProcessesStartAtOnce(t *testing.T) {
	dir := t.TempDir()
	keys := make([]ed25519.PrivateKey, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := SigningKey(dir)
			assert.NoError(t, err)
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		assert.True(t, keys[0].Equal(k))
	}
	left, err := filepath.Glob(filepath.Join(dir, ".signing-*"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary files left behind")
}

func TestSigningKeyDamagedFileIsNamed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SigningKeyFile)
	require.NoError(t, os.WriteFile(path, []byte("not a key"), 0o600))
	_, err := SigningKey(dir)
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.Contains(t, taller.Message(i18n.English, err), path)
}

func TestSigningKeyWrittenInPlaceWhereLinksFail(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SigningKeyFile)
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	require.NoError(t, writeNewKey(path, der))
	got, err := SigningKey(dir)
	require.NoError(t, err)
	assert.True(t, priv.Equal(got))
	assert.ErrorIs(t, writeNewKey(path, der), os.ErrExist, "never over an existing key")
}
