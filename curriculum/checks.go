package curriculum

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"
	"unicode/utf8"

	"taller/i18n"
)

// MaxLongestAnswerPercent caps how often, across a language's quizzes, the
// keyed answer may be the longest option: above it, people who guess "the
// longest" score well before the workshop and the quiz cannot show what it
// taught.
const MaxLongestAnswerPercent = 40

// buildGuides checks the guides of both languages, alone and against each
// other (same ids, audience and number of headings; the Spanish file is the
// reference), and returns them in file order.
func buildGuides(srcs []source, ps *problems) map[i18n.Lang][]Guide {
	byOrder := map[i18n.Lang]map[int]*guideDraft{}
	for _, l := range i18n.Langs {
		byOrder[l] = map[int]*guideDraft{}
	}
	ids := map[i18n.Lang]map[string]string{}
	for _, s := range srcs {
		lang := i18n.Lang(path.Dir(path.Dir(s.name)))
		g := parseGuide(s, ps)
		if ids[lang] == nil {
			ids[lang] = map[string]string{}
		}
		if g.id != "" {
			if other, dup := ids[lang][g.id]; dup {
				ps.add(g.file, g.idLine, "curriculum.err.duplicate_id", "ID", g.id, "Other", other)
			}
			ids[lang][g.id] = g.file
		}
		if g.order < 0 {
			continue
		}
		if other, dup := byOrder[lang][g.order]; dup {
			ps.add(g.file, 0, "curriculum.err.duplicate_order", "Order", fmt.Sprintf("%02d", g.order), "Other", other.file)
			continue
		}
		byOrder[lang][g.order] = g
	}
	orders := allOrders(byOrder)
	out := map[i18n.Lang][]Guide{}
	for _, o := range orders {
		es, en := byOrder[i18n.Spanish][o], byOrder[i18n.English][o]
		switch {
		case en == nil:
			ps.add(es.file, 0, "curriculum.err.missing_lang", "Want", "en/"+GuidesDir+"/"+path.Base(es.file))
			continue
		case es == nil:
			ps.add(en.file, 0, "curriculum.err.missing_lang", "Want", "es/"+GuidesDir+"/"+path.Base(en.file))
			continue
		}
		if es.id != "" && en.id != "" && es.id != en.id {
			ps.add(en.file, en.idLine, "curriculum.err.lang_mismatch", "Name", "id", "Value", en.id, "Other", es.id, "File", es.file)
		}
		if es.audience != "" && en.audience != "" && es.audience != en.audience {
			ps.add(en.file, en.audLine, "curriculum.err.lang_mismatch", "Name", "audience", "Value", en.audience, "Other", es.audience, "File", es.file)
		}
		if es.headings != en.headings {
			ps.add(en.file, 0, "curriculum.err.lang_headings", "Count", en.headings, "Other", es.headings, "File", es.file)
		}
		out[i18n.Spanish] = append(out[i18n.Spanish], es.guide())
		out[i18n.English] = append(out[i18n.English], en.guide())
	}
	for _, l := range i18n.Langs {
		for _, g := range byOrder[l] {
			for _, k := range g.links {
				if _, ok := ids[l][k.id]; !ok {
					ps.add(g.file, k.line, "curriculum.err.guide_link", "ID", k.id)
				}
			}
		}
	}
	return out
}

var (
	bundledGuidesOnce sync.Once
	bundledGuideSet   map[i18n.Lang][]Guide
)

// bundledGuides are the guides shipped with the program, which a pack
// without a guides folder keeps. They are read from the embedded files
// alone, not through Default, so that loading the bundled curriculum does
// not wait on itself.
func bundledGuides() map[i18n.Lang][]Guide {
	bundledGuidesOnce.Do(func() {
		var srcs []source
		for _, l := range i18n.Langs {
			dir := "modules/" + string(l) + "/" + GuidesDir
			entries, _ := fs.ReadDir(bundled, dir)
			for _, e := range entries {
				if data, err := fs.ReadFile(bundled, dir+"/"+e.Name()); err == nil && isModuleFile(e.Name()) {
					srcs = append(srcs, source{name: string(l) + "/" + GuidesDir + "/" + e.Name(), data: data})
				}
			}
		}
		var ps problems
		bundledGuideSet = buildGuides(srcs, &ps)
	})
	return bundledGuideSet
}

// checkModuleLinks checks that every guide link of a module names a guide,
// and that every high-sensitivity module's facilitator notes link to the
// safety protocol.
func checkModuleLinks(byOrder map[i18n.Lang]map[int]*draft, guides map[i18n.Lang][]Guide, ps *problems) {
	for _, l := range i18n.Langs {
		known := map[string]bool{}
		for _, g := range guides[l] {
			known[g.ID] = true
		}
		for _, o := range sortedOrders(byOrder[l]) {
			d := byOrder[l][o]
			for _, k := range d.shape.links {
				if !known[k.id] {
					ps.add(d.file, k.line, "curriculum.err.guide_link", "ID", k.id)
				}
			}
			if d.front.sensitivity == SensitivityHigh && d.shape.parsed &&
				!slices.ContainsFunc(d.shape.notesLinks, func(k link) bool { return k.id == GuideSafety }) {
				ps.add(d.file, d.front.lines["sensitivity"], "curriculum.err.safety_link", "Link", "(guide:"+GuideSafety+")")
			}
		}
	}
}

// checkLongestAnswers checks, per language, that the keyed answer is the
// only longest option in at most MaxLongestAnswerPercent of the questions.
func checkLongestAnswers(byOrder map[i18n.Lang]map[int]*draft, ps *problems) {
	for _, l := range i18n.Langs {
		longest, total := 0, 0
		for _, d := range byOrder[l] {
			for _, q := range d.front.quiz {
				if q.answer < 0 {
					continue
				}
				total++
				if keyedIsLongest(q) {
					longest++
				}
			}
		}
		if total > 0 && longest*100 > MaxLongestAnswerPercent*total {
			ps.add(string(l), 0, "curriculum.err.longest_answer", "Count", longest, "Total", total, "Percent", longest*100/total, "Max", MaxLongestAnswerPercent)
		}
	}
}

// keyedIsLongest reports whether the keyed answer is longer, in characters,
// than every other option.
func keyedIsLongest(q draftQuestion) bool {
	n := utf8.RuneCountInString(q.options[q.answer])
	for i, o := range q.options {
		if i != q.answer && utf8.RuneCountInString(o) >= n {
			return false
		}
	}
	return true
}

func sortedOrders(m map[int]*draft) []int {
	out := make([]int, 0, len(m))
	for o := range m {
		out = append(out, o)
	}
	slices.Sort(out)
	return out
}
