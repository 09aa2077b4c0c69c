// Package curriculum is Taller's manual of community responses to
// extortion: the workshop modules, bundled as Markdown in Spanish and
// English (see FORMAT.md), the quizzes in their front matter, the agenda
// templates built from them, and the packs a coordinator can import to
// replace the bundled modules with a newer edition.
package curriculum

import "taller/i18n"

// SourceBundled is the Source of the curriculum embedded in the program.
const SourceBundled = "bundled"

// Curriculum is a validated set of modules in both languages. It is
// read-only once loaded and safe for concurrent use.
type Curriculum struct {
	modules []*Module
	byID    map[string]*Module
	source  string
	guides  map[i18n.Lang][]Guide
}

func newCurriculum(modules []*Module, source string) *Curriculum {
	c := &Curriculum{modules: modules, byID: make(map[string]*Module, len(modules)), source: source}
	for _, m := range modules {
		c.byID[m.ID] = m
	}
	return c
}

// Modules returns the modules in their order (opening first, closing last).
// The modules are shared: do not change them.
func (c *Curriculum) Modules() []*Module {
	out := make([]*Module, len(c.modules))
	copy(out, c.modules)
	return out
}

// Module returns the module with the given id.
func (c *Curriculum) Module(id string) (*Module, bool) {
	m, ok := c.byID[id]
	return m, ok
}

// Source says where the modules come from: SourceBundled, or the path the
// installed pack was imported from. It is empty for a curriculum read with
// Load.
func (c *Curriculum) Source() string { return c.source }
