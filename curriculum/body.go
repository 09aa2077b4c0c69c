package curriculum

import (
	"regexp"
	"strconv"
	"strings"

	"taller/i18n"
)

// The sections of a module's body, in order.
const (
	sectionKeyIdeas = iota
	sectionActivity
	sectionDiscussion
	sectionNotes
	sectionShorter
	sectionCount
)

// headingNames are the `##` headings every module has, per language, in order:
// key ideas, activity, discussion questions, facilitator notes, and what to
// cut when a template gives the module less time.
var headingNames = map[i18n.Lang][sectionCount]string{
	i18n.Spanish: {"Ideas clave", "Actividad", "Preguntas para el diálogo", "Notas para quien facilita", "Si hay menos tiempo"},
	i18n.English: {"Key ideas", "Activity", "Discussion questions", "Facilitator notes", "If time is short"},
}

var (
	stepRE   = regexp.MustCompile(`^([0-9]+)[.)][ \t]+(.*)$`)
	timingRE = regexp.MustCompile(`(?i)^\*\*\(([0-9]+)[ \t]*min(?:utos|utes|s|\.)?\)\*\*`)
)

// heading is a level-2 heading found in a body.
type heading struct {
	text  string
	line  int // file line
	index int // index in the body's lines
}

// parseBody splits the Markdown after the front matter into its sections;
// first is the file line of lines[0]. The activity's step timings and the
// discussion minutes must add up to the module's duration, minutes (0 when
// invalid).
func parseBody(file string, lang i18n.Lang, lines []string, first, minutes, discussion int, ps *problems) (Text, bodyShape) {
	var (
		t     Text
		shape bodyShape
	)
	want := headingNames[lang]
	found := headings(lines, first)
	for i, w := range want {
		if i >= len(found) {
			ps.add(file, first+lastText(lines), "curriculum.err.heading_missing", "Want", "## "+w)
			return t, shape
		}
		if got := found[i].text; !strings.EqualFold(got, w) {
			key := "curriculum.err.heading_unexpected"
			for _, other := range want {
				if strings.EqualFold(got, other) {
					key = "curriculum.err.heading_order"
				}
			}
			ps.add(file, found[i].line, key, "Found", "## "+got, "Want", "## "+w)
			return t, shape
		}
	}
	for _, h := range found[sectionCount:] {
		ps.add(file, h.line, "curriculum.err.heading_extra", "Found", "## "+h.text, "Last", "## "+want[sectionCount-1])
	}
	if pre := strings.TrimSpace(strings.Join(lines[:found[0].index], "\n")); pre != "" {
		ps.add(file, first, "curriculum.err.preamble", "Want", "## "+want[0])
	}

	var sections [sectionCount]string
	for i := range sectionCount {
		end := len(lines)
		if i+1 < len(found) {
			end = found[i+1].index
		}
		sections[i] = strings.TrimSpace(strings.Join(lines[found[i].index+1:end], "\n"))
		if sections[i] == "" {
			ps.add(file, found[i].line, "curriculum.err.section_empty", "Heading", "## "+want[i])
		}
	}
	t.KeyIdeas, t.Activity, t.Discussion, t.Notes, t.Shorter = sections[0], sections[1], sections[2], sections[3], sections[4]
	t.Body = strings.TrimSpace(strings.Join(lines[found[0].index:found[sectionNotes].index], "\n"))

	act := found[sectionActivity]
	shape.activityLine = act.line
	shape.steps = checkTimings(file, lines[act.index+1:found[sectionDiscussion].index], act.line+1, act.line, minutes, discussion, ps)
	shape.links = guideLinks(lines, first)
	for _, k := range guideLinks(lines[:found[sectionNotes].index], first) {
		// The body before the notes is projected and sent to phones:
		// guides are for the facilitator.
		ps.add(file, k.line, "curriculum.err.guide_link_body", "ID", k.id)
	}
	shape.notesLinks = guideLinks(lines[found[sectionNotes].index:found[sectionShorter].index], first+found[sectionNotes].index)
	shape.parsed = true
	return t, shape
}

// bodyShape is what the checks across files need of a parsed body.
type bodyShape struct {
	parsed       bool
	activityLine int
	steps        []int  // the activity's step timings, in order
	links        []link // every guide link of the body
	notesLinks   []link // those of the facilitator notes
}

// link is a Markdown link to a guide, "[text](guide:id)", and its file line.
type link struct {
	id   string
	line int
}

var guideLinkRE = regexp.MustCompile(`\]\(guide:([^)\s]*)\)`)

// guideLinks lists the guide links of lines; first is the file line of
// lines[0].
func guideLinks(lines []string, first int) []link {
	var out []link
	for i, l := range lines {
		for _, m := range guideLinkRE.FindAllStringSubmatch(l, -1) {
			out = append(out, link{id: m[1], line: first + i})
		}
	}
	return out
}

// lastText is the index of the last non-blank line, 0 if none.
func lastText(lines []string) int {
	for i := len(lines) - 1; i > 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return i
		}
	}
	return 0
}

// headings lists the level-2 headings outside code blocks.
func headings(lines []string, first int) []heading {
	var out []heading
	inCode := false
	for i, l := range lines {
		if isCodeFence(l) {
			inCode = !inCode
			continue
		}
		if !inCode && strings.HasPrefix(l, "## ") {
			out = append(out, heading{text: strings.TrimSpace(strings.TrimRight(l[3:], "# \t")), line: first + i, index: i})
		}
	}
	return out
}

func isCodeFence(l string) bool {
	l = strings.TrimLeft(l, " ")
	return strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~")
}

// checkTimings checks that every step of the activity (a numbered item at
// the start of a line) opens with its timing in bold, "**(10 min)**", and
// that the timings and the discussion minutes add up to minutes, the
// module's duration, so the discussion questions keep their time; first is
// the file line of lines[0], headingLine that of the "## Activity" heading.
func checkTimings(file string, lines []string, first, headingLine, minutes, discussion int, ps *problems) []int {
	var steps []int
	sum, complete := 0, true
	inCode := false
	for i, l := range lines {
		if isCodeFence(l) {
			inCode = !inCode
			continue
		}
		m := stepRE.FindStringSubmatch(l)
		if inCode || m == nil {
			continue
		}
		t := timingRE.FindStringSubmatch(m[2])
		if t == nil {
			ps.add(file, first+i, "curriculum.err.step_timing", "Step", m[1])
			complete = false
			continue
		}
		n, _ := strconv.Atoi(t[1])
		sum += n
		steps = append(steps, n)
	}
	if complete && minutes > 0 && discussion >= 0 && sum+discussion != minutes {
		ps.add(file, headingLine, "curriculum.err.activity_total", "Sum", sum, "Discussion", discussion, "Minutes", minutes)
	}
	return steps
}
