package curriculum

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"taller/i18n"
)

// Guide is one of the manual's texts that is not a session: the safety
// protocol, the staffing rule, the support directory template, adaptation
// notes, energizers, the debrief sheet, and the discreet take-home text for
// participants. Body is Markdown.
type Guide struct {
	ID, Title, Body string
	ForParticipants bool // handed to participants; the others are for facilitators only
}

// The IDs of the bundled guides.
const (
	GuideSafety     = "safety-protocol"
	GuideStaffing   = "staffing"
	GuideDirectory  = "support-directory"
	GuideAdaptation = "adaptation"
	GuideEnergizers = "energizers"
	GuideDebrief    = "debrief"
	GuideTakeHome   = "take-home"
)

// GuidesDir is the folder of the guides inside each language folder of a
// pack: es/guides/NN-<id>.md.
const GuidesDir = "guides"

// The audiences of a guide.
const (
	AudienceFacilitators = "facilitators"
	AudienceParticipants = "participants"
)

var (
	guideKeys = []string{"id", "title", "audience"}

	// participantWordsRE finds, in a text handed to participants, words
	// that name extortion or gangs, or that point to reporting, threats,
	// violence or victims: a paper that is safe to carry past a checkpoint
	// or a gang lookout must not say what the workshop was about, nor read
	// as a guide to reporting.
	participantWordsRE = regexp.MustCompile(`(?i)(extors|extort|pandill|\bgangs?\b|\bmaras?\b|sextors|sextort|\brenta\b|denunci|amenaz|\bthreat|violenc|\breport|v[ií]ctim)`)
)

// guideDraft is a parsed guide file in one language.
type guideDraft struct {
	file     string
	order    int
	id       string
	idLine   int
	title    string
	audience string
	audLine  int
	body     string
	headings int // level-2 headings, to compare the languages
	links    []link
}

// isGuideFile reports whether the pack path (such as "es/guides/01-x.md")
// is a guide.
func isGuideFile(name string) bool { return path.Base(path.Dir(name)) == GuidesDir }

// parseGuide reads one guide file, adding what is wrong with it to ps.
func parseGuide(src source, ps *problems) *guideDraft {
	g := &guideDraft{file: src.name, order: -1}
	nameID := ""
	if m := fileNameRE.FindStringSubmatch(path.Base(src.name)); m != nil {
		g.order, _ = strconv.Atoi(m[1])
		nameID = m[2]
	} else {
		ps.add(g.file, 0, "curriculum.err.guide_file_name")
	}
	lines, end, ok := splitFrontMatter(g.file, src.data, ps)
	if !ok {
		return g
	}
	g.readFront(strings.Join(lines[1:end], "\n"), ps)
	if g.idLine > 0 && g.id != "" {
		switch {
		case len(g.id) > maxIDLength || !idRE.MatchString(g.id):
			ps.add(g.file, g.idLine, "curriculum.err.id_format", "ID", g.id)
		case nameID != "" && g.id != nameID:
			ps.add(g.file, g.idLine, "curriculum.err.id_file", "ID", g.id, "Want", nameID)
		}
	}
	body := lines[end+1:]
	g.body = strings.TrimSpace(strings.Join(body, "\n"))
	if g.body == "" {
		ps.add(g.file, end+1, "curriculum.err.guide_empty")
	}
	g.headings = len(headings(body, end+2))
	g.links = guideLinks(body, end+2)
	if g.audience == AudienceParticipants {
		g.checkParticipantText(lines, ps)
	}
	return g
}

// readFront reads the guide's front matter: id, title and audience, all
// required.
func (g *guideDraft) readFront(yamlText string, ps *problems) {
	r := fmReader{file: g.file, offset: 1, ps: ps}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &doc); err != nil {
		line, detail := 2, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, detail = n+1, m[2]
		}
		ps.add(g.file, line, "curriculum.err.yaml", "Detail", detail)
		return
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		ps.add(g.file, 1, "curriculum.err.front_matter_map")
		return
	}
	seen := map[string]int{}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if !r.keyOK(k, guideKeys, seen) {
			continue
		}
		switch k.Value {
		case "id":
			g.id, _ = r.text(k, v)
			g.idLine = r.line(k)
		case "title":
			g.title, _ = r.text(k, v)
		case "audience":
			g.audLine = r.line(v)
			if s, ok := r.text(k, v); ok {
				g.audience = s
				if s != AudienceFacilitators && s != AudienceParticipants {
					ps.add(g.file, r.line(v), "curriculum.err.audience", "Value", s)
				}
			}
		}
	}
	for _, key := range guideKeys {
		if seen[key] == 0 {
			ps.add(g.file, 1, "curriculum.err.missing_key", "Name", key)
		}
	}
}

// checkParticipantText checks that a text for participants is safe to
// carry: no word that names extortion or gangs, and no image (no logo).
func (g *guideDraft) checkParticipantText(lines []string, ps *problems) {
	for i, l := range lines {
		if m := participantWordsRE.FindString(l); m != "" {
			ps.add(g.file, i+1, "curriculum.err.guide_word", "Word", m)
		}
		if strings.Contains(l, "![") || strings.Contains(strings.ToLower(l), "<img") {
			ps.add(g.file, i+1, "curriculum.err.guide_image")
		}
	}
}

// guide is the draft as a Guide.
func (g *guideDraft) guide() Guide {
	return Guide{ID: g.id, Title: g.title, Body: g.body, ForParticipants: g.audience == AudienceParticipants}
}

// Guides returns the manual's guides in lang (Spanish when lang is not
// supported), in their order.
func (c *Curriculum) Guides(lang i18n.Lang) []Guide {
	gs, ok := c.guides[lang]
	if !ok {
		gs = c.guides[i18n.Spanish]
	}
	out := make([]Guide, len(gs))
	copy(out, gs)
	return out
}

// Guide returns the guide with the given id in lang (Spanish when lang is
// not supported).
func (c *Curriculum) Guide(id string, lang i18n.Lang) (Guide, bool) {
	for _, g := range c.Guides(lang) {
		if g.ID == id {
			return g, true
		}
	}
	return Guide{}, false
}

// GuideScheme is the scheme of a Markdown link to a guide in a module's
// facilitator notes: [safety protocol](guide:safety-protocol).
const GuideScheme = "guide"

// LinkedGuide returns the id of the guide a link points to, so a screen
// that renders the notes can open the guide instead of a browser.
func LinkedGuide(u *url.URL) (string, bool) {
	if u == nil || u.Scheme != GuideScheme {
		return "", false
	}
	id := u.Opaque
	if id == "" {
		id = u.Path
	}
	if !idRE.MatchString(id) {
		return "", false
	}
	return id, true
}
