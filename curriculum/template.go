package curriculum

import (
	"slices"

	"taller"
	"taller/i18n"
)

// The names of the agenda templates.
const (
	HalfDay = "half-day"  // 3½ hours, 08:30 to 12:00
	FullDay = "full-day"  // 08:30 to 16:00, with gender and mental health
	TwoDay1 = "two-day-1" // the first day of the two-day option
	TwoDay2 = "two-day-2" // its second day
)

// Template is a ready-made agenda a facilitator starts from. Its break
// titles are in Spanish, the language of the workshops; ApplyLang gives
// them in another language.
type Template struct {
	Name   string // HalfDay, FullDay, TwoDay1 or TwoDay2
	Agenda taller.Agenda
}

// Title is the template's name for people, in lang.
func (t Template) Title(lang i18n.Lang) string { return i18n.T(lang, "curriculum.template."+t.Name) }

// templateSpec is a template as shipped: module blocks name a module,
// break blocks the translation key of their title.
type templateSpec struct {
	name       string
	start, end taller.ClockTime
	blocks     []templateBlock
}

type templateBlock struct {
	module   string
	breakKey string
	minutes  int
}

func moduleBlock(id string, minutes int) templateBlock {
	return templateBlock{module: id, minutes: minutes}
}

func breakBlock(key string, minutes int) templateBlock {
	return templateBlock{breakKey: key, minutes: minutes}
}

// breakKeys are the translation keys of the templates' break names.
var breakKeys = []string{"curriculum.break.coffee", "curriculum.break.lunch"}

// BreakTitle is a break's name in lang: a template's break name written in
// any language ("Receso", "Lunch") is said in lang, and a name the
// facilitator typed is kept as typed.
func BreakTitle(title string, lang i18n.Lang) string {
	for _, key := range breakKeys {
		for _, l := range i18n.Langs {
			if title == i18n.T(l, key) {
				return i18n.T(lang, key)
			}
		}
	}
	return title
}

func clock(h, m int) taller.ClockTime { return taller.ClockTime(h*60 + m) }

// templateSpecs are the shipped templates, with the time each block starts.
// A module may run shorter than its duration (see shortest), never longer;
// its "If time is short" section says what to cut. The opening and the
// closing are long enough for 34 people to use a hotspot of eight phones
// in turns. The two-day option is two workshops, one a day, each with its
// own check-in and quiz.
//
// The full day has no rights module, although legal rights is one of the
// report's three training priorities: it would fit only by dropping a
// break or cutting the other modules below what their "If time is short"
// sections say still works, and the day already holds three
// high-sensitivity modules. The rights module's notes send facilitators to
// the two-day option, or say how to swap it for digital security.
var templateSpecs = []templateSpec{
	{
		name: HalfDay, start: clock(8, 30), end: clock(12, 0),
		blocks: []templateBlock{
			moduleBlock("opening", 35),                // 08:30
			moduleBlock("extortion-today", 40),        // 09:05, of 45
			moduleBlock("community-resilience", 40),   // 09:45, of 60
			breakBlock("curriculum.break.coffee", 15), // 10:25
			moduleBlock("victim-support", 50),         // 10:40, of 60
			moduleBlock("closing", 30),                // 11:30
		},
	},
	{
		name: FullDay, start: clock(8, 30), end: clock(16, 0),
		blocks: []templateBlock{
			moduleBlock("opening", 35),                // 08:30
			moduleBlock("extortion-today", 40),        // 09:05, of 45
			moduleBlock("community-resilience", 45),   // 09:45, of 60
			breakBlock("curriculum.break.coffee", 15), // 10:30
			moduleBlock("victim-support", 55),         // 10:45, of 60
			breakBlock("curriculum.break.lunch", 60),  // 11:40
			moduleBlock("gender-intersectional", 45),  // 12:40
			breakBlock("curriculum.break.coffee", 10), // 13:25
			moduleBlock("mental-health", 45),          // 13:35
			breakBlock("curriculum.break.coffee", 15), // 14:20
			moduleBlock("digital-security", 55),       // 14:35, of 60
			moduleBlock("closing", 30),                // 15:30
		},
	},
	{
		name: TwoDay1, start: clock(8, 30), end: clock(14, 35),
		blocks: []templateBlock{
			moduleBlock("opening", 35),                // 08:30
			moduleBlock("extortion-today", 45),        // 09:05
			breakBlock("curriculum.break.coffee", 15), // 09:50
			moduleBlock("community-resilience", 60),   // 10:05
			moduleBlock("organised-responses", 45),    // 11:05
			breakBlock("curriculum.break.lunch", 60),  // 11:50
			moduleBlock("victim-support", 60),         // 12:50
			breakBlock("curriculum.break.coffee", 15), // 13:50
			moduleBlock("closing", 30),                // 14:05
		},
	},
	{
		name: TwoDay2, start: clock(8, 30), end: clock(14, 35),
		blocks: []templateBlock{
			moduleBlock("opening", 35),                // 08:30
			moduleBlock("digital-security", 60),       // 09:05
			breakBlock("curriculum.break.coffee", 15), // 10:05
			moduleBlock("rights-reporting", 60),       // 10:20
			breakBlock("curriculum.break.lunch", 60),  // 11:20
			moduleBlock("gender-intersectional", 45),  // 12:20
			breakBlock("curriculum.break.coffee", 15), // 13:05
			moduleBlock("mental-health", 45),          // 13:20
			moduleBlock("closing", 30),                // 14:05
		},
	},
}

// agenda builds the template's agenda with break titles in lang.
func (s templateSpec) agenda(lang i18n.Lang) taller.Agenda {
	a := taller.Agenda{Start: s.start, End: s.end, Blocks: make([]taller.AgendaBlock, len(s.blocks))}
	for i, b := range s.blocks {
		if b.module != "" {
			a.Blocks[i] = taller.AgendaBlock{Kind: taller.BlockModule, ModuleID: b.module, Minutes: b.minutes}
		} else {
			a.Blocks[i] = taller.AgendaBlock{Kind: taller.BlockBreak, Title: i18n.T(lang, b.breakKey), Minutes: b.minutes}
		}
	}
	return a
}

func findTemplate(name string) (templateSpec, bool) {
	i := slices.IndexFunc(templateSpecs, func(s templateSpec) bool { return s.name == name })
	if i < 0 {
		return templateSpec{}, false
	}
	return templateSpecs[i], true
}

// Templates returns the agenda templates, shortest first.
func (c *Curriculum) Templates() []Template {
	out := make([]Template, len(templateSpecs))
	for i, s := range templateSpecs {
		out[i] = Template{Name: s.name, Agenda: s.agenda(i18n.Spanish)}
	}
	return out
}

// Template returns the agenda template with the given name.
func (c *Curriculum) Template(name string) (Template, bool) {
	s, ok := findTemplate(name)
	if !ok {
		return Template{}, false
	}
	return Template{Name: s.name, Agenda: s.agenda(i18n.Spanish)}, true
}

// Apply returns a copy of the named template's agenda, with break titles in
// Spanish, after checking it against the curriculum: every module must
// exist and fit its block.
func (c *Curriculum) Apply(name string) (taller.Agenda, error) {
	return c.ApplyLang(name, i18n.Spanish)
}

// ApplyLang is Apply with break titles in lang.
func (c *Curriculum) ApplyLang(name string, lang i18n.Lang) (taller.Agenda, error) {
	s, ok := findTemplate(name)
	if !ok {
		return taller.Agenda{}, taller.Errorf(taller.ENOTFOUND, "curriculum.err.no_template", "Name", name)
	}
	for _, b := range s.blocks {
		if b.module == "" {
			continue
		}
		m, ok := c.byID[b.module]
		if !ok {
			return taller.Agenda{}, taller.Errorf(taller.EINVALID, "curriculum.err.template_module", "Module", b.module)
		}
		if lo := shortest(m); b.minutes < lo || b.minutes > m.Minutes {
			return taller.Agenda{}, taller.Errorf(taller.EINVALID, "curriculum.err.template_minutes",
				"Title", m.In(lang).Title, "Minutes", b.minutes, "Min", lo, "Max", m.Minutes)
		}
	}
	a := s.agenda(lang)
	if err := a.Validate(); err != nil {
		return taller.Agenda{}, err
	}
	return a, nil
}

// shortest is the least time a template may give a module: half its
// duration, rounded up, and never under MinModuleMinutes.
func shortest(m *Module) int { return max(MinModuleMinutes, (m.Minutes+1)/2) }
