package taller

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText trims s and removes control characters (keeping newlines when
// multiline is true), so stored text never carries terminal escapes or
// invisible bytes.
func CleanText(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' && multiline {
			return r
		}
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
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
