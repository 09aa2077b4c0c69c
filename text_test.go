package taller_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"taller"
)

func TestCleanTextControls(t *testing.T) {
	tests := []struct {
		name, in, want string
		multiline      bool
	}{
		{"plain", "  Muy útil  ", "Muy útil", false},
		{"newline kept when multiline", "a\r\nb", "a\nb", true},
		{"newline dropped on one line", "a\nb", "ab", false},
		{"tab becomes a space", "a\tb", "a b", false},
		{"right-to-left override", "gracias \u202egnirts", "gracias gnirts", false},
		{"every embedding and override", "a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef", false},
		{"isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde", false},
		{"bidi marks", "a\u200eb\u200fc\u061cd", "abcd", false},
		{"C0 controls", "a\x00b\x07c\x08d\x7fe", "abcde", true},
		{"C1 controls", "a\u0085b\u0090c\u009fd", "abcd", true},
		{"colour escape, whole", "\x1b[31mrojo\x1b[0m fin", "rojo fin", false},
		{"cursor escape with parameters", "a\x1b[2;5Hb", "ab", false},
		{"C1 CSI", "a\u009b1mb", "ab", false},
		{"window title command", "a\x1b]0;hacked\x07b", "ab", false},
		{"title command ended by ESC \\", "a\x1b]2;x\x1b\\b", "ab", false},
		{"two-character escape", "a\x1bcb", "ab", false},
		{"escape at the end", "abc\x1b", "abc", false},
		{"unfinished CSI", "abc\x1b[12", "abc", false},
		{"separators and BOM", "a\u2028b\u2029c\ufeffd", "abcd", true},
		{"invalid UTF-8", "a\xffb", "ab", false},
		{"accents and emoji stay", "Señora 😀 ¿Qué?", "Señora 😀 ¿Qué?", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, taller.CleanText(tt.in, tt.multiline))
		})
	}
}

func TestEvaluationNormalizeCleansBidi(t *testing.T) {
	e := taller.Evaluation{Apply: "x\u202ey", Comment: "\x1b[1mhola\x1b[0m\nadiós\u2066"}
	e.Normalize()
	assert.Equal(t, "xy", e.Apply)
	assert.Equal(t, "hola\nadiós", e.Comment)
}
