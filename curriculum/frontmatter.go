package curriculum

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontMatter is a module file's YAML header.
type frontMatter struct {
	id, kind, title, sensitivity string
	duration                     int
	discussion                   int  // -1 when missing or invalid
	discussionRead               bool // the key held a whole number
	objectives, materials        []string
	quiz                         []draftQuestion
	lines                        map[string]int // file line of each key present
	parsed                       bool           // the YAML was a mapping and could be read
}

// draftQuestion is a quiz question as written; answer is -1 when it is not
// among the options.
type draftQuestion struct {
	prompt     string
	options    []string
	answer     int
	line       int // of the "question" key, or of the item when it has none
	answerLine int
}

// Limits on quizzes.
const (
	MinModuleQuestions = 4 // for a module of kind module
	MaxQuestions       = 6
	MinOptions         = 2
	MaxOptions         = 4
)

// MinDiscussionMinutes is the least time a content module keeps for its
// discussion questions, after the activity's steps.
const MinDiscussionMinutes = 5

var (
	frontKeys    = []string{"id", "kind", "title", "duration", "discussion", "sensitivity", "objectives", "materials", "quiz"}
	requiredKeys = []string{"id", "kind", "title", "duration", "discussion", "sensitivity", "objectives"}
	questionKeys = []string{"question", "options", "answer"}
	yamlLineRE   = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
)

// fmReader reads front-matter nodes, reporting problems at file lines:
// line n of the YAML is line n+offset of the file.
type fmReader struct {
	file   string
	offset int
	ps     *problems
}

func (r fmReader) line(n *yaml.Node) int { return n.Line + r.offset }

// parseFrontMatter reads the YAML between the --- lines; offset is the
// file line just before the YAML's first line.
func parseFrontMatter(file, text string, offset int, ps *problems) frontMatter {
	r := fmReader{file: file, offset: offset, ps: ps}
	fm := frontMatter{lines: map[string]int{}, discussion: -1}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		// The parser's line numbers can be one short; they point near
		// the mistake, which is enough to find it.
		line, detail := offset+1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, detail = n+offset, m[2]
		}
		ps.add(file, line, "curriculum.err.yaml", "Detail", detail)
		return fm
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		ps.add(file, offset, "curriculum.err.front_matter_map")
		return fm
	}
	fm.parsed = true
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if !r.keyOK(k, frontKeys, fm.lines) {
			continue
		}
		switch k.Value {
		case "id":
			fm.id, _ = r.text(k, v)
		case "kind":
			if s, ok := r.text(k, v); ok {
				fm.kind = s
				if s != KindOpening && s != KindModule && s != KindClosing {
					ps.add(file, r.line(v), "curriculum.err.kind", "Value", s)
				}
			}
		case "title":
			fm.title, _ = r.text(k, v)
		case "duration":
			if n, ok := r.number(k, v); ok {
				if n < MinModuleMinutes || n > MaxModuleMinutes {
					ps.add(file, r.line(v), "curriculum.err.duration", "Minutes", n, "Min", MinModuleMinutes, "Max", MaxModuleMinutes)
				} else {
					fm.duration = n
				}
			}
		case "discussion":
			if n, ok := r.number(k, v); ok {
				fm.discussion, fm.discussionRead = n, true
			}
		case "sensitivity":
			if s, ok := r.text(k, v); ok {
				fm.sensitivity = s
				if s != SensitivityLow && s != SensitivityMedium && s != SensitivityHigh {
					ps.add(file, r.line(v), "curriculum.err.sensitivity", "Value", s)
				}
			}
		case "objectives":
			fm.objectives = r.texts(k, v)
		case "materials":
			fm.materials = r.texts(k, v)
		case "quiz":
			fm.quiz = r.quiz(k, v)
		}
	}
	for _, key := range requiredKeys {
		if _, ok := fm.lines[key]; !ok {
			ps.add(file, offset, "curriculum.err.missing_key", "Name", key)
		}
	}
	r.checkQuizCount(fm, offset)
	fm.discussion = r.checkDiscussion(fm)
	return fm
}

// checkDiscussion checks the minutes kept for the discussion questions: at
// least MinDiscussionMinutes in a content module (none needed in the
// opening and closing), and less than the duration. It returns them, or -1
// when they are missing or wrong.
func (r fmReader) checkDiscussion(fm frontMatter) int {
	line, ok := fm.lines["discussion"]
	if !ok || !fm.discussionRead {
		return -1 // missing or not a number, already reported
	}
	low := 0
	if fm.kind == KindModule {
		low = MinDiscussionMinutes
	}
	if fm.discussion < low || fm.duration > 0 && fm.discussion >= fm.duration {
		r.ps.add(r.file, line, "curriculum.err.discussion", "Minutes", fm.discussion, "Min", low, "Duration", fm.duration)
		return -1
	}
	return fm.discussion
}

// keyOK checks that k is a known key met for the first time and records its
// line in seen.
func (r fmReader) keyOK(k *yaml.Node, known []string, seen map[string]int) bool {
	switch {
	case k.Kind != yaml.ScalarNode || !slices.Contains(known, k.Value):
		r.ps.add(r.file, r.line(k), "curriculum.err.unknown_key", "Name", k.Value)
		return false
	case seen[k.Value] != 0:
		r.ps.add(r.file, r.line(k), "curriculum.err.duplicate_key", "Name", k.Value)
		return false
	}
	seen[k.Value] = r.line(k)
	return true
}

// text reads a non-empty scalar.
func (r fmReader) text(k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		if v.Kind == yaml.ScalarNode {
			r.ps.add(r.file, r.line(k), "curriculum.err.empty", "Name", k.Value)
		} else {
			r.ps.add(r.file, r.line(v), "curriculum.err.not_text", "Name", k.Value)
		}
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		r.ps.add(r.file, r.line(v), "curriculum.err.empty", "Name", k.Value)
		return "", false
	}
	return s, true
}

// number reads an integer.
func (r fmReader) number(k, v *yaml.Node) (int, bool) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, true
		}
	}
	r.ps.add(r.file, r.line(v), "curriculum.err.not_number", "Name", k.Value)
	return 0, false
}

// texts reads a list of non-empty scalars.
func (r fmReader) texts(k, v *yaml.Node) []string {
	if v.Kind != yaml.SequenceNode {
		r.ps.add(r.file, r.line(v), "curriculum.err.not_list", "Name", k.Value)
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		if s, ok := r.text(k, item); ok {
			out = append(out, s)
		}
	}
	return out
}

// quiz reads the list of questions.
func (r fmReader) quiz(k, v *yaml.Node) []draftQuestion {
	if v.Kind != yaml.SequenceNode {
		r.ps.add(r.file, r.line(v), "curriculum.err.not_list", "Name", k.Value)
		return nil
	}
	out := make([]draftQuestion, 0, len(v.Content))
	for _, item := range v.Content {
		out = append(out, r.question(item))
	}
	return out
}

// question reads one quiz item: question, options and answer.
func (r fmReader) question(item *yaml.Node) draftQuestion {
	q := draftQuestion{answer: -1, line: r.line(item)}
	if item.Kind != yaml.MappingNode {
		r.ps.add(r.file, r.line(item), "curriculum.err.question_map")
		return q
	}
	seen := map[string]int{}
	var answerText string
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		if !r.keyOK(k, questionKeys, seen) {
			continue
		}
		switch k.Value {
		case "question":
			q.line = r.line(k)
			q.prompt, _ = r.text(k, v)
		case "options":
			if v.Kind != yaml.SequenceNode {
				r.ps.add(r.file, r.line(v), "curriculum.err.not_list", "Name", k.Value)
				break
			}
			for _, item := range v.Content {
				o, ok := r.text(k, item)
				if !ok {
					continue
				}
				if slices.Contains(q.options, o) {
					r.ps.add(r.file, r.line(item), "curriculum.err.option_duplicate", "Option", o)
				}
				q.options = append(q.options, o)
			}
			if n := len(q.options); n < MinOptions || n > MaxOptions {
				r.ps.add(r.file, r.line(k), "curriculum.err.options_count", "Count", n, "Min", MinOptions, "Max", MaxOptions)
			}
		case "answer":
			q.answerLine = r.line(v)
			answerText, _ = r.text(k, v)
		}
	}
	for _, key := range questionKeys {
		if seen[key] == 0 {
			r.ps.add(r.file, r.line(item), "curriculum.err.missing_key", "Name", key)
		}
	}
	if answerText != "" && q.options != nil {
		for i, o := range q.options {
			if o == answerText {
				q.answer = i
				break
			}
		}
		if q.answer < 0 {
			r.ps.add(r.file, q.answerLine, "curriculum.err.answer", "Answer", answerText)
		}
	}
	return q
}

// checkQuizCount checks the number of questions for the module's kind.
func (r fmReader) checkQuizCount(fm frontMatter, offset int) {
	low := 0
	switch fm.kind {
	case KindModule:
		low = MinModuleQuestions
	case KindOpening, KindClosing:
	default:
		return // unknown or missing kind, already reported
	}
	if n := len(fm.quiz); n < low || n > MaxQuestions {
		line := fm.lines["quiz"]
		if line == 0 {
			line = offset
		}
		r.ps.add(r.file, line, "curriculum.err.quiz_count", "Count", n, "Min", low, "Max", MaxQuestions, "Kind", fm.kind)
	}
}
