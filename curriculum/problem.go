package curriculum

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"taller"
	"taller/i18n"
)

// Problem is one thing wrong in a curriculum pack, located by file and line
// so whoever edits the Markdown can find it.
type Problem struct {
	File string         // path inside the pack, such as "es/01-extortion-today.md"; empty for the pack as a whole
	Line int            // 1-based line in File; 0 when the problem concerns the whole file
	Key  string         // translation key of the message
	Args map[string]any // the message's arguments
}

// Message renders the problem in lang, prefixed with its file and line.
func (p Problem) Message(lang i18n.Lang) string {
	text := i18n.T(lang, p.Key, p.Args)
	switch {
	case p.File == "":
		return text
	case p.Line <= 0:
		return p.File + ": " + text
	default:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, text)
	}
}

// Error renders the problem in English.
func (p Problem) Error() string { return p.Message(i18n.English) }

// PackError is the error of a curriculum pack that does not validate: it
// lists every problem found, sorted by file and line.
type PackError struct {
	Problems []Problem
}

// Error lists the problems in English on one line, for logs.
func (e *PackError) Error() string { return "invalid curriculum pack: " + e.join(i18n.English, "; ") }

// Message renders a summary and then every problem in lang, one a line.
func (e *PackError) Message(lang i18n.Lang) string {
	return e.summary().Message(lang) + "\n" + e.join(lang, "\n")
}

// Unwrap gives the domain error (code invalid) that taller.Message shows as
// a one-line summary.
func (e *PackError) Unwrap() error { return e.summary() }

func (e *PackError) summary() *taller.Error {
	return taller.Errorf(taller.EINVALID, "curriculum.err.pack", "Count", len(e.Problems))
}

func (e *PackError) join(lang i18n.Lang, sep string) string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Message(lang)
	}
	return strings.Join(lines, sep)
}

// problems collects the problems found while reading a pack.
type problems []Problem

func (ps *problems) add(file string, line int, key string, kv ...any) {
	p := Problem{File: file, Line: line, Key: key}
	if len(kv) > 0 {
		p.Args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			p.Args[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	*ps = append(*ps, p)
}

// in names the pack in the problems that concern it as a whole.
func (ps problems) in(pack string) problems {
	out := slices.Clone(ps)
	for i := range out {
		if out[i].File == "" {
			out[i].File = pack
		}
	}
	return out
}

// err returns nil when nothing was found, else a *PackError with the
// problems sorted by file and line.
func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	sorted := slices.Clone([]Problem(ps))
	slices.SortStableFunc(sorted, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return &PackError{Problems: sorted}
}
