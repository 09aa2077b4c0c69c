package taller

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText trims s and removes what could garble how it shows on the
// laptop, in a terminal or in an export: C0 and C1 control characters
// (keeping newlines when multiline is true; a tab becomes a space),
// terminal escape sequences whole (ESC [ 31m, not just the ESC), the
// bidirectional embedding, override and isolate controls (U+202A–U+202E,
// U+2066–U+2069) and marks (U+200E, U+200F, U+061C), line and paragraph
// separators and the byte-order mark.
func CleanText(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\x1b' || r == '\u009b':
			i += escapeLen(s[i:], n)
			continue
		case r == '\n' && multiline:
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r), isBidiControl(r), r == '\u2028', r == '\u2029', r == '\ufeff':
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return strings.TrimSpace(b.String())
}

// isBidiControl reports whether r changes the direction text is shown in.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// escapeLen is the length of the terminal escape sequence at the start of
// s, whose introducer (ESC or the C1 CSI) is n bytes long: a control
// sequence (CSI: parameters, then one final byte from @ to ~), an
// operating-system command (OSC, up to BEL or ESC \\), or ESC and one more
// character.
func escapeLen(s string, n int) int {
	i := n
	csi := n == 2 // U+009B is CSI on its own
	if !csi && i < len(s) {
		switch s[i] {
		case '[':
			csi = true
			i++
		case ']':
			for i++; i < len(s); i++ {
				if s[i] == '\a' {
					return i + 1
				}
				if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\' {
					return i + 2
				}
			}
			return i
		default:
			_, m := utf8.DecodeRuneInString(s[i:])
			return i + m
		}
	}
	if csi {
		for ; i < len(s); i++ {
			if c := s[i]; c >= 0x40 && c <= 0x7e {
				return i + 1
			} else if c < 0x20 || c > 0x3f {
				return i // not a well-formed sequence: drop only its introducer
			}
		}
	}
	return i
}

// checkText validates a text field already cleaned: required and length in
// characters. field names a translation key for the field's label.
func checkText(field, s string, required bool, maxChars int) error {
	if required && s == "" {
		return Errorf(EINVALID, "err.field.required", "Field", field)
	}
	if n := utf8.RuneCountInString(s); n > maxChars {
		return Errorf(EINVALID, "err.field.too_long", "Field", field, "Max", maxChars)
	}
	return nil
}

// clip shortens s to at most n characters for quoting in a message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
