package curriculum

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"taller"

	"taller/i18n"
)

// Limits on a pack, so that a wrong or hostile file cannot fill the disk or
// the memory.
const (
	MaxPackFiles = 200      // entries of a zip, or module files of a folder
	MaxPackBytes = 20 << 20 // total uncompressed size
)

// Load reads and validates the modules of fsys, which holds an es/ and an
// en/ folder of Markdown files in the format of FORMAT.md. When anything is
// wrong it returns a *PackError listing every problem. The curriculum's
// Source is empty.
func Load(fsys fs.FS) (*Curriculum, error) {
	srcs, ps, err := readFS(fsys)
	if err != nil {
		return nil, err
	}
	if len(ps) > 0 {
		return nil, ps.err()
	}
	return build(srcs, "")
}

// readFS reads the Markdown files of es/ and en/ and of their guides/
// folders. Hidden files (such as the "._x.md" files macOS leaves on USB
// drives), other files and other sub-folders are ignored.
func readFS(fsys fs.FS) ([]source, problems, error) {
	var (
		srcs  []source
		ps    problems
		total int
		dirs  int
	)
	for _, lang := range i18n.Langs {
		entries, err := fs.ReadDir(fsys, string(lang))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read curriculum: %w", err)
		}
		dirs++
		guides, err := fs.ReadDir(fsys, string(lang)+"/"+GuidesDir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("read curriculum: %w", err)
		}
		for _, folder := range []struct {
			dir     string
			entries []fs.DirEntry
		}{{string(lang), entries}, {string(lang) + "/" + GuidesDir, guides}} {
			for _, e := range folder.entries {
				if !isModuleFile(e.Name()) || !e.Type().IsRegular() {
					continue
				}
				name := folder.dir + "/" + e.Name()
				if len(srcs) == MaxPackFiles {
					ps.add("", 0, "curriculum.err.too_many", "Max", MaxPackFiles)
					return nil, ps, nil
				}
				data, err := fs.ReadFile(fsys, name)
				if err != nil {
					return nil, nil, fmt.Errorf("read curriculum: %w", err)
				}
				if total += len(data); total > MaxPackBytes {
					ps.add("", 0, "curriculum.err.too_big", "MaxMB", MaxPackBytes>>20)
					return nil, ps, nil
				}
				srcs = append(srcs, source{name: name, data: data})
			}
		}
	}
	if dirs == 0 || len(srcs) == 0 {
		ps.add("", 0, "curriculum.err.not_pack")
	}
	return srcs, ps, nil
}

// isModuleFile reports whether a file name in es/ or en/ is one to read.
func isModuleFile(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, ".")
}

// build parses the files and checks them alone and against each other.
func build(srcs []source, origin string) (*Curriculum, error) {
	var ps problems
	byOrder := map[i18n.Lang]map[int]*draft{}
	byID := map[i18n.Lang]map[string]*draft{}
	for _, l := range i18n.Langs {
		byOrder[l], byID[l] = map[int]*draft{}, map[string]*draft{}
	}
	var guideSrcs []source
	for _, s := range srcs {
		if isGuideFile(s.name) {
			guideSrcs = append(guideSrcs, s)
			continue
		}
		lang := i18n.Lang(path.Dir(s.name))
		d := parseFile(s, lang, &ps)
		if id := d.front.id; id != "" {
			if other, dup := byID[lang][id]; dup {
				ps.add(d.file, d.front.lines["id"], "curriculum.err.duplicate_id", "ID", id, "Other", other.file)
			} else {
				byID[lang][id] = d
			}
		}
		if d.order < 0 {
			continue
		}
		if other, dup := byOrder[lang][d.order]; dup {
			ps.add(d.file, 0, "curriculum.err.duplicate_order", "Order", fmt.Sprintf("%02d", d.order), "Other", other.file)
			continue
		}
		byOrder[lang][d.order] = d
	}

	orders := allOrders(byOrder)
	for _, o := range orders {
		es, en := byOrder[i18n.Spanish][o], byOrder[i18n.English][o]
		switch {
		case en == nil:
			ps.add(es.file, 0, "curriculum.err.missing_lang", "Want", "en/"+path.Base(es.file))
		case es == nil:
			ps.add(en.file, 0, "curriculum.err.missing_lang", "Want", "es/"+path.Base(en.file))
		case es.front.parsed && en.front.parsed:
			compareLangs(es, en, &ps)
		}
	}
	guides := buildGuides(guideSrcs, &ps)
	if len(guideSrcs) == 0 {
		guides = bundledGuides()
	}
	checkModuleLinks(byOrder, guides, &ps)
	checkLongestAnswers(byOrder, &ps)
	if err := ps.err(); err != nil {
		return nil, err
	}

	modules := make([]*Module, 0, len(orders))
	for _, o := range orders {
		es, en := byOrder[i18n.Spanish][o], byOrder[i18n.English][o]
		modules = append(modules, &Module{
			ID:          es.front.id,
			Kind:        es.front.kind,
			Order:       o,
			Minutes:     es.front.duration,
			Discussion:  es.front.discussion,
			Sensitivity: es.front.sensitivity,
			Text:        map[i18n.Lang]*Text{i18n.Spanish: es.finish(), i18n.English: en.finish()},
		})
	}
	c := newCurriculum(modules, origin)
	c.guides = guides
	return c, nil
}

// finish returns the draft's text with its quiz numbered.
func (d *draft) finish() *Text {
	t := d.text
	t.Quiz = make([]taller.Question, len(d.front.quiz))
	for i, q := range d.front.quiz {
		t.Quiz[i] = taller.Question{ID: fmt.Sprintf("%s.%d", d.front.id, i+1), Prompt: q.prompt, Options: q.options, Answer: q.answer}
	}
	return &t
}

// compareLangs checks that the English file has the same structure as the
// Spanish one, the reference: id, kind, duration, sensitivity, number of
// questions and of options, and the position of each right answer. It
// reports differences on the English file.
func compareLangs(es, en *draft, ps *problems) {
	fields := []struct{ key, es, en string }{
		{"id", es.front.id, en.front.id},
		{"kind", es.front.kind, en.front.kind},
		{"duration", minutesText(es.front.duration), minutesText(en.front.duration)},
		{"discussion", minutesText(es.front.discussion), minutesText(en.front.discussion)},
		{"sensitivity", es.front.sensitivity, en.front.sensitivity},
	}
	for _, f := range fields {
		if f.es != "" && f.en != "" && f.es != f.en {
			ps.add(en.file, en.front.lines[f.key], "curriculum.err.lang_mismatch", "Name", f.key, "Value", f.en, "Other", f.es, "File", es.file)
		}
	}
	for _, list := range []struct {
		key    string
		es, en int
	}{{"objectives", len(es.front.objectives), len(en.front.objectives)}, {"materials", len(es.front.materials), len(en.front.materials)}} {
		if list.es != list.en {
			ps.add(en.file, max(1, en.front.lines[list.key]), "curriculum.err.lang_list", "Name", list.key, "Count", list.en, "Other", list.es, "File", es.file)
		}
	}
	if es.shape.parsed && en.shape.parsed && !slices.Equal(es.shape.steps, en.shape.steps) {
		ps.add(en.file, en.shape.activityLine, "curriculum.err.lang_steps", "Steps", stepsText(en.shape.steps), "Other", stepsText(es.shape.steps), "File", es.file)
	}
	if len(es.front.quiz) != len(en.front.quiz) {
		line := en.front.lines["quiz"]
		if line == 0 {
			line = 1
		}
		ps.add(en.file, line, "curriculum.err.lang_quiz_count", "Count", len(en.front.quiz), "Other", len(es.front.quiz), "File", es.file)
		return
	}
	for i, q := range en.front.quiz {
		ref := es.front.quiz[i]
		if len(q.options) != len(ref.options) {
			ps.add(en.file, q.line, "curriculum.err.lang_options", "N", i+1, "Count", len(q.options), "Other", len(ref.options), "File", es.file)
			continue
		}
		if q.answer >= 0 && ref.answer >= 0 && q.answer != ref.answer {
			ps.add(en.file, q.answerLine, "curriculum.err.lang_answer", "N", i+1, "Answer", q.answer+1, "Other", ref.answer+1, "File", es.file)
		}
	}
}

// stepsText lists step timings for a message: "5, 10, 15".
func stepsText(steps []int) string {
	parts := make([]string, len(steps))
	for i, n := range steps {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

func minutesText(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// allOrders is every file order number used in either language, sorted.
func allOrders[T any](byOrder map[i18n.Lang]map[int]T) []int {
	var orders []int
	for _, l := range i18n.Langs {
		for o := range byOrder[l] {
			if !slices.Contains(orders, o) {
				orders = append(orders, o)
			}
		}
	}
	slices.Sort(orders)
	return orders
}
