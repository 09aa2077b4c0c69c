package fynelog

import (
	"bytes"
	"log"
	"testing"
)

func TestDropsOnlyTheLocaleComplaint(t *testing.T) {
	var out bytes.Buffer
	l := log.New(New(&out), "", 0)
	l.Println("Fyne error: ", "Error parsing user locale C")
	l.Println("  Cause:", "language: tag is not well-formed")
	l.Printf("  At: %s:%d", "/fyne/lang/locale.go", 35)
	l.Println("taller: something else")
	l.Println("Fyne error: ", "Failed to open window")
	l.Println("  Cause:", "no GL")
	want := "taller: something else\nFyne error:  Failed to open window\n  Cause: no GL\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
}
