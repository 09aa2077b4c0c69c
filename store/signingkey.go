package store

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"taller"
)

// SigningKeyFile is the name of the laptop's signing key inside the data
// folder.
//
// The key lives here, in package store, because it belongs to the data
// folder as taller.db does: created on first use with the same modes (0600
// in a 0700 folder), found through the same --data / TALLER_DATA choice,
// and removed by the same Wipe ("delete all data on this laptop"). It needs
// no SQL: keeping it out of the database means a copied or restored
// taller.db never carries the key to another machine.
const SigningKeyFile = "signing.key"

// pemType is the PEM block type of the key file: PKCS #8, which OpenSSL and
// other tools read.
const pemType = "PRIVATE KEY"

// SigningKey returns the Ed25519 key this laptop signs its exports with,
// reading it from dir, or creating it there on first use. Two processes
// starting at once agree on one key: the new key is written to a
// temporary file and linked into place only if no key exists yet.
func SigningKey(dir string) (ed25519.PrivateKey, error) {
	path := filepath.Join(dir, SigningKeyFile)
	if key, err := readSigningKey(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".signing-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("save signing key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, os.ErrInvalid) {
		tmp.Close()
		return nil, fmt.Errorf("save signing key: %w", err)
	}
	if err := pem.Encode(tmp, &pem.Block{Type: pemType, Bytes: der}); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("save signing key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("save signing key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("save signing key: %w", err)
	}
	// Link fails when another process made the key first: then use theirs.
	// A file system without hard links (FAT on a USB stick) gets the key
	// written in place, still never over an existing one.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		if err := writeNewKey(path, der); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("save signing key: %w", err)
		}
	}
	return readSigningKey(path)
}

// writeNewKey creates the key file, failing with os.ErrExist when there is
// one already.
func writeNewKey(path string, der []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := pem.Encode(f, &pem.Block{Type: pemType, Bytes: der}); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// readSigningKey reads the key file; a file that is there but is not a key
// is a domain error naming it, since a person may have to remove it.
func readSigningKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != pemType {
		return nil, taller.Errorf(taller.EINVALID, "trust.err.signing_key", "Path", path)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, taller.Errorf(taller.EINVALID, "trust.err.signing_key", "Path", path)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, taller.Errorf(taller.EINVALID, "trust.err.signing_key", "Path", path)
	}
	return priv, nil
}

// SigningKey is the signing key of the store's data folder (see the
// function SigningKey). Package report finds it through this method, so
// an export from an open store is always signed by its laptop.
func (s *Store) SigningKey() (ed25519.PrivateKey, error) {
	return SigningKey(filepath.Dir(s.path))
}

// Fingerprint is the printable fingerprint of this laptop's signing key
// (taller.Fingerprint), for Settings and `taller identity`; the key is made
// on first use.
func (s *Store) Fingerprint() (string, error) {
	key, err := s.SigningKey()
	if err != nil {
		return "", err
	}
	return taller.Fingerprint(key.Public().(ed25519.PublicKey)), nil
}
