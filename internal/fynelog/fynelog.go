// Package fynelog keeps Fyne's complaint about a locale it cannot read off
// the terminal. Under LANG=C.UTF-8 (the default of containers, SSH
// sessions and CI) Fyne's lang package logs three lines, "Fyne error:
// Error parsing user locale C", from its init function, before main runs,
// and again each time the app loads translations; the command line must
// print only its own one line.
//
// It is a module of its own only for its import path: Go initialises
// packages in import-path order as far as their imports allow, and
// "early.taller/…" sorts before "fyne.io/…", so this init runs first. Import
// it for its side effect: import _ "early.taller/fynelog".
package fynelog

import (
	"bytes"
	"io"
	"log"
	"os"
	"sync"
)

func init() { log.SetOutput(New(os.Stderr)) }

// New returns a writer for the standard logger that passes everything to
// w except Fyne's locale complaint: the "Fyne error:" line naming a locale
// and its "Cause:" and "At:" lines.
func New(w io.Writer) io.Writer { return &filter{w: w} }

type filter struct {
	mu   sync.Mutex
	w    io.Writer
	skip bool // inside a dropped complaint
}

// Write drops or passes one log line (the logger writes a line a call).
func (f *filter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case bytes.Contains(p, []byte("Fyne error: ")) && bytes.Contains(p, []byte("locale")):
		f.skip = true
		return len(p), nil
	case f.skip && (bytes.Contains(p, []byte("  Cause: ")) || bytes.Contains(p, []byte("  At: "))):
		return len(p), nil
	}
	f.skip = false
	return f.w.Write(p)
}
