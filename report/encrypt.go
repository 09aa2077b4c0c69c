package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"filippo.io/age"

	"taller"
)

// Exports travel by USB stick, cloud folder or messaging, and a list of
// where anti-extortion workshops met is itself sensitive. They can be
// encrypted with age (filippo.io/age, the format the age tool reads) to
// the coordinator's X25519 public key ("age1…"): only the holder of the
// matching identity file can read them, and the merge does that with the
// identity in memory, never writing the plain workbook to disk.

// EncryptedExt ends the name of an encrypted export: "….xlsx.age".
const EncryptedExt = ".age"

// ageHeader starts every age file.
var ageHeader = []byte("age-encryption.org/v1\n")

// encrypting wraps w so that what is written to it reaches w encrypted to
// recipient; the returned close finishes the encryption (it does not close
// w).
func encrypting(w io.Writer, recipient string) (io.Writer, func() error, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(recipient))
	if err != nil {
		return nil, nil, taller.Errorf(taller.EINVALID, "trust.err.coordinator_key", "Value", shorten(recipient))
	}
	ew, err := age.Encrypt(w, r)
	if err != nil {
		return nil, nil, fmt.Errorf("encrypt export: %w", err)
	}
	return ew, ew.Close, nil
}

// CoordinatorKey is a new coordinator identity: the secret identity
// ("AGE-SECRET-KEY-1…") to keep, and the public key ("age1…") to give to
// facilitators.
type CoordinatorKey struct {
	Identity  string
	PublicKey string
}

// NewCoordinatorKey makes a new age X25519 identity for a coordinator.
func NewCoordinatorKey() (*CoordinatorKey, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("make coordinator key: %w", err)
	}
	return &CoordinatorKey{Identity: id.String(), PublicKey: id.Recipient().String()}, nil
}

// WriteIdentityFile writes the identity to a new file readable only by its
// owner, in the format of age-keygen (comment lines, then the secret key),
// so the age tool reads it too. An existing file is never overwritten: it
// may be the only copy of an identity that old exports need.
func (k *CoordinatorKey) WriteIdentityFile(path string, now time.Time) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return taller.Errorf(taller.EINVALID, "report.err.identity_exists", "Path", path)
	}
	if err != nil {
		return writeError(path, err)
	}
	text := fmt.Sprintf("# created: %s\n# public key: %s\n%s\n", now.UTC().Format(time.RFC3339), k.PublicKey, k.Identity)
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		os.Remove(path)
		return writeError(path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return writeError(path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return writeError(path, err)
	}
	return nil
}

// ReadIdentityFile reads a coordinator's identity file (as written by
// WriteIdentityFile or age-keygen). A missing or unreadable file, or one
// that holds no identity, is refused with its name.
func ReadIdentityFile(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, taller.Errorf(taller.EINVALID, "report.err.identity_missing", "Path", path)
	}
	defer f.Close()
	ids, err := age.ParseIdentities(bufio.NewReader(io.LimitReader(f, 1<<20)))
	if err != nil {
		return nil, taller.Errorf(taller.EINVALID, "report.err.identity_bad", "Path", path)
	}
	return ids, nil
}

// openExport opens a workbook for reading: a plain .xlsx as it is, an age
// file decrypted in memory with the identities.
func openExport(path string, ids []age.Identity) (*xlsxFile, *refusal) {
	info, err := os.Stat(path)
	if err != nil || info.IsDir() {
		return nil, refuse(RefuseMissing)
	}
	if info.Size() > maxFileBytes {
		return nil, refuse(RefuseUnreadable)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, refuse(RefuseMissing)
	}
	if bytes.HasPrefix(data, ageHeader) || (strings.HasSuffix(strings.ToLower(path), EncryptedExt) && !bytes.HasPrefix(data, []byte("PK"))) {
		if len(ids) == 0 {
			return nil, refuse(RefuseEncrypted)
		}
		r, err := age.Decrypt(bytes.NewReader(data), ids...)
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, refuse(RefuseWrongIdentity)
		}
		if err != nil {
			return nil, refuse(RefuseBadEncryption)
		}
		// The whole plain text is read, so a file cut short or altered is
		// refused before any of it is used (age authenticates each chunk).
		plain, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
		if err != nil || len(plain) > maxFileBytes {
			return nil, refuse(RefuseBadEncryption)
		}
		data = plain
	}
	x, err := openXLSX(data)
	if err != nil {
		return nil, refuse(RefuseUnreadable)
	}
	return x, nil
}
