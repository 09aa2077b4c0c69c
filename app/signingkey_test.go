package app

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"taller/store"
)

// fixedSigningKey puts a key made from a fixed seed in the data folder
// dir, so the fingerprint Settings shows is the same in every run of the
// goldens.
func fixedSigningKey(t *testing.T, dir string) {
	t.Helper()
	seed := make([]byte, ed25519.SeedSize)
	copy(seed, "taller golden screens signing")
	der, err := x509.MarshalPKCS8PrivateKey(ed25519.NewKeyFromSeed(seed))
	require.NoError(t, err)
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	require.NoError(t, os.WriteFile(filepath.Join(dir, store.SigningKeyFile), data, 0o600))
}
