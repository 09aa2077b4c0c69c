package taller

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// Fingerprints name a laptop's signing key in a form two people can read to
// each other over a phone call: the first 120 bits of the SHA-256 of the
// Ed25519 public key in base32 (the letters A–Z and the digits 2–7, so no
// 0/O or 1/I/l to confuse), as six groups of four characters:
// "K7QX-M3TA-PL2D-9…". 120 bits leave no way to make another key with the
// same fingerprint.
const (
	fingerprintGroups = 6
	fingerprintGroup  = 4
	fingerprintChars  = fingerprintGroups * fingerprintGroup
)

var fingerprintEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Fingerprint is the printable name of an Ed25519 public key, such as
// "K7QX-M3TA-PL2D-WQ5R-HN4C-ZE6B".
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	s := fingerprintEncoding.EncodeToString(sum[:])[:fingerprintChars]
	var b strings.Builder
	for i := 0; i < fingerprintChars; i += fingerprintGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i : i+fingerprintGroup])
	}
	return b.String()
}

// NormalizeFingerprint reads a fingerprint as a person may type or paste
// it — any case, with or without dashes or spaces — and returns it in the
// form Fingerprint writes, or false when it is not one.
func NormalizeFingerprint(s string) (string, bool) {
	var raw strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ' || r == '\t':
		case (r >= 'A' && r <= 'Z') || (r >= '2' && r <= '7'):
			raw.WriteRune(r)
		default:
			return "", false
		}
	}
	v := raw.String()
	if len(v) != fingerprintChars {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < fingerprintChars; i += fingerprintGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(v[i : i+fingerprintGroup])
	}
	return b.String(), true
}
