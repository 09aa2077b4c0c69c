package taller

import (
	"bufio"
	"io"
	"strings"
)

// MaxTrustListBytes bounds a trust list file: a list of every laptop of a
// large programme is a few kilobytes.
const MaxTrustListBytes = 1 << 20

// TrustList is the coordinator's list of the laptops whose exports a merge
// accepts, by fingerprint.
type TrustList struct {
	names map[string]string // fingerprint → its comment
}

// ParseTrustList reads a trust list: one fingerprint a line, in any case,
// with or without dashes; "#" starts a comment, to the end of the line
// (the laptop's or the facilitator's name, say); blank lines are ignored.
// A line that holds anything else is refused with its number, and so is a
// list without a single fingerprint.
//
//	# Equipo de San Vicente
//	K7QX-M3TA-PL2D-WQ5R-HN4C-ZE6B   # laptop de Ana
func ParseTrustList(r io.Reader) (*TrustList, error) {
	t := &TrustList{names: map[string]string{}}
	sc := bufio.NewScanner(io.LimitReader(r, MaxTrustListBytes+1))
	sc.Buffer(make([]byte, 0, 4096), MaxTrustListBytes+1)
	line, read := 0, 0
	for sc.Scan() {
		line++
		read += len(sc.Bytes()) + 1
		if read > MaxTrustListBytes {
			return nil, Errorf(EINVALID, "trust.err.too_big", "Max", MaxTrustListBytes>>10)
		}
		text, comment, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		if text == "" {
			continue
		}
		fp, ok := NormalizeFingerprint(text)
		if !ok {
			return nil, Errorf(EINVALID, "trust.err.line", "Line", line, "Text", clip(text, 40))
		}
		t.names[fp] = strings.TrimSpace(comment)
	}
	if err := sc.Err(); err != nil {
		return nil, Errorf(EINVALID, "trust.err.too_big", "Max", MaxTrustListBytes>>10)
	}
	if len(t.names) == 0 {
		return nil, Errorf(EINVALID, "trust.err.empty")
	}
	return t, nil
}

// Trusts reports whether the list holds the fingerprint (in the form
// Fingerprint writes).
func (t *TrustList) Trusts(fingerprint string) bool {
	_, ok := t.names[fingerprint]
	return ok
}

// Name is the comment the list gives a fingerprint ("" when none).
func (t *TrustList) Name(fingerprint string) string { return t.names[fingerprint] }

// Len is the number of fingerprints in the list.
func (t *TrustList) Len() int { return len(t.names) }
