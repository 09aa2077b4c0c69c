package curriculum

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestLoadValidPack(t *testing.T) {
	c, err := Load(mapFS(packFiles("v1", smallPack...)))
	require.NoError(t, err)

	mods := c.Modules()
	require.Len(t, mods, 3)
	assert.Equal(t, []string{"opening", "extortion-today", "closing"}, []string{mods[0].ID, mods[1].ID, mods[2].ID})
	assert.Equal(t, []int{0, 1, 99}, []int{mods[0].Order, mods[1].Order, mods[2].Order})

	m, ok := c.Module("extortion-today")
	require.True(t, ok)
	assert.Equal(t, KindModule, m.Kind)
	assert.Equal(t, 45, m.Minutes)
	assert.Equal(t, 5, m.Discussion)
	assert.Equal(t, SensitivityMedium, m.Sensitivity)

	es, en := m.Text[i18n.Spanish], m.Text[i18n.English]
	assert.Equal(t, "extortion-today es v1", es.Title)
	assert.Equal(t, "extortion-today en v1", en.Title)
	assert.Equal(t, []string{"Objective one."}, es.Objectives)
	assert.Equal(t, []string{"Markers"}, es.Materials)
	assert.Equal(t, "- An idea.", es.KeyIdeas)
	assert.Equal(t, "1. **(35 min)** Start in pairs.\n   - a detail\n2. **(5 min)** Share.", es.Activity)
	assert.Equal(t, "- What do you think?", en.Discussion)
	assert.Equal(t, "- Secret note for the facilitator.", en.Notes)
	assert.Equal(t, "- Cut step 2 first.", en.Shorter)

	assert.True(t, strings.HasPrefix(es.Body, "## Ideas clave\n"), es.Body)
	assert.Contains(t, es.Body, "## Preguntas para el diálogo\n\n- What do you think?")
	for _, text := range []*Text{es, en} {
		assert.NotContains(t, text.Body, "Secret note")
		assert.NotContains(t, text.Body, "Cut step 2")
		assert.NotContains(t, text.Body, fixtureHeadings[i18n.Spanish][3])
		assert.NotContains(t, text.Body, fixtureHeadings[i18n.English][3])
	}

	require.Len(t, es.Quiz, 4)
	assert.Equal(t, taller.Question{
		ID: "extortion-today.2", Prompt: "Question 2 in es?",
		Options: []string{"Alpha 2", "Beta 2", "Gamma 2"}, Answer: 1,
	}, es.Quiz[1])
	assert.Equal(t, "", c.Source())
}

func TestLoadAcceptsWindowsFiles(t *testing.T) {
	files := packFiles("v1", smallPack...)
	for name, text := range files {
		files[name] = "\ufeff" + strings.ReplaceAll(text, "\n", "\r\n")
	}
	c, err := Load(mapFS(files))
	require.NoError(t, err)
	m, _ := c.Module("extortion-today")
	assert.Equal(t, "- An idea.", m.Text[i18n.Spanish].KeyIdeas)
}

func TestLoadIgnoresClutter(t *testing.T) {
	files := packFiles("v1", smallPack...)
	files["es/._01-extortion-today.md"] = "\x00\x05junk"
	files["en/README.txt"] = "notes"
	files["es/drafts/02-x.md"] = "draft"
	_, err := Load(mapFS(files))
	require.NoError(t, err)
}

// TestLoadProblems checks that each kind of mistake is found, in the right
// file and line, and that it is the only problem reported.
func TestLoadProblems(t *testing.T) {
	const es01, en01 = "es/01-extortion-today.md", "en/01-extortion-today.md"
	tests := []struct {
		name string
		file string
		old  string // replaced by new in file
		new  string
		at   string // text on the line the problem points to; "" for line 0, "^" for line 1
		key  string
	}{
		{"no front matter", es01, "---\nid:", "id:", "^", "curriculum.err.no_front_matter"},
		{"front matter not closed", es01, "---\n\n## Ideas clave", "\n## Ideas clave", "^", "curriculum.err.front_matter_open"},
		{"yaml syntax", es01, "sensitivity: medium", "sensitivity medium", "sensitivity medium", "curriculum.err.yaml"},
		{"unknown key", es01, "sensitivity: medium\n", "sensitivity: medium\ncolour: red\n", "colour: red", "curriculum.err.unknown_key"},
		{"duplicate key", es01, "sensitivity: medium\n", "sensitivity: medium\nsensitivity: high\n", "sensitivity: high", "curriculum.err.duplicate_key"},
		{"missing key", es01, "sensitivity: medium\n", "", "^", "curriculum.err.missing_key"},
		{"empty title", es01, "title: extortion-today es v1", "title: ''", "title:", "curriculum.err.empty"},
		{"duration not a number", es01, "duration: 45", "duration: forty-five", "duration:", "curriculum.err.not_number"},
		{"objectives not a list", es01, "objectives:\n  - Objective one.", "objectives: Objective one.", "objectives:", "curriculum.err.not_list"},
		{"id format", es01, "id: extortion-today", "id: Extortion_Today", "id:", "curriculum.err.id_format"},
		{"id not the file name", es01, "id: extortion-today", "id: extortion", "id:", "curriculum.err.id_file"},
		{"kind", es01, "kind: module", "kind: lecture", "kind:", "curriculum.err.kind"},
		{"duration too short", es01, "duration: 45", "duration: 5", "duration:", "curriculum.err.duration"},
		{"sensitivity", es01, "sensitivity: medium", "sensitivity: extreme", "sensitivity:", "curriculum.err.sensitivity"},
		{"too few options", es01, "      - Alpha 1\n      - Beta 1\n      - Gamma 1\n", "      - Beta 1\n", "options:", "curriculum.err.options_count"},
		{"too many options", es01, "      - Alpha 1\n", "      - Alpha 1\n      - A\n      - B\n", "options:", "curriculum.err.options_count"},
		{"duplicate option", es01, "      - Gamma 1", "      - 'Alpha 1'", "'Alpha 1'", "curriculum.err.option_duplicate"},
		{"answer not among the options", es01, "answer: Beta 2", "answer: beta 2", "answer: beta 2", "curriculum.err.answer"},
		{"question without answer", es01, "    answer: Beta 3\n", "", "question: Question 3", "curriculum.err.missing_key"},
		{"question not a map", es01, "quiz:\n", "quiz:\n  - just text\n", "- just text", "curriculum.err.question_map"},
		{"heading missing", es01, "\n## Si hay menos tiempo\n\n- Cut step 2 first.\n", "", "- Secret note for the facilitator.", "curriculum.err.heading_missing"},
		{"heading in the wrong language", es01, "## Actividad", "## Activity", "## Activity", "curriculum.err.heading_unexpected"},
		{"heading out of order", es01, "## Actividad", "## Preguntas para el diálogo", "## Preguntas", "curriculum.err.heading_order"},
		{"extra heading", es01, "Cut step 2 first.\n", "Cut step 2 first.\n\n## More\n\nExtra.\n", "## More", "curriculum.err.heading_extra"},
		{"text before the first heading", es01, "---\n\n## Ideas clave", "---\n# Title\n\n## Ideas clave", "# Title", "curriculum.err.preamble"},
		{"empty section", es01, "- What do you think?", "", "## Preguntas", "curriculum.err.section_empty"},
		{"step without timing", es01, "2. **(5 min)** Share.", "2. Share.", "2. Share.", "curriculum.err.step_timing"},
		{"timings off", es01, "2. **(5 min)** Share.", "2. **(10 min)** Share.", "## Actividad", "curriculum.err.activity_total"},
		{"english kind differs", en01, "kind: module", "kind: closing", "kind:", "curriculum.err.lang_mismatch"},
		{"english sensitivity differs", en01, "sensitivity: medium", "sensitivity: low", "sensitivity:", "curriculum.err.lang_mismatch"},
		{"discussion missing", es01, "discussion: 5\n", "", "^", "curriculum.err.missing_key"},
		{"discussion too short", es01, "discussion: 5", "discussion: 2", "discussion:", "curriculum.err.discussion"},
		{"activity leaves no time for the discussion", es01, "1. **(35 min)**", "1. **(40 min)**", "## Actividad", "curriculum.err.activity_total"},
		{"english steps differ", en01, "1. **(35 min)** Start in pairs.\n   - a detail\n2. **(5 min)** Share.", "1. **(30 min)** Start in pairs.\n   - a detail\n2. **(10 min)** Share.", "## Activity", "curriculum.err.lang_steps"},
		{"english objectives differ", en01, "objectives:\n  - Objective one.", "objectives:\n  - Objective one.\n  - Objective two.", "objectives:", "curriculum.err.lang_list"},
		{"high sensitivity without the safety protocol", es01, "sensitivity: medium", "sensitivity: high", "sensitivity:", "curriculum.err.safety_link"},
		{"guide link on the projector", es01, "- An idea.", "- An idea, see the [protocol](guide:safety-protocol).", "guide:safety", "curriculum.err.guide_link_body"},
		{"link to an unknown guide", es01, "- Secret note for the facilitator.", "- See the [guide](guide:nope).", "guide:nope", "curriculum.err.guide_link"},
		{"english answer moved", en01, "answer: Beta 2", "answer: Gamma 2", "answer: Gamma 2", "curriculum.err.lang_answer"},
		{"english option count differs", en01, "      - Gamma 3\n", "", "question: Question 3", "curriculum.err.lang_options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := packFiles("v1", smallPack...)
			edit(t, files, tt.file, tt.old, tt.new)
			ps := packProblems(t, loadErr(files))
			line := 0
			switch tt.at {
			case "":
			case "^":
				line = 1
			default:
				line = lineOf(t, files[tt.file], tt.at)
			}
			// The file edited has exactly this problem; the other
			// language's file may also differ from it now.
			var inFile []Problem
			for _, p := range ps {
				if p.File == tt.file {
					inFile = append(inFile, Problem{File: p.File, Line: p.Line, Key: p.Key})
					assert.NotContains(t, p.Error(), "curriculum.", "untranslated message")
				}
			}
			assert.Equal(t, []Problem{{File: tt.file, Line: line, Key: tt.key}}, inFile, "%v", ps)
		})
	}
}

func TestLoadCrossFileProblems(t *testing.T) {
	t.Run("missing language", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		delete(files, "en/99-closing.md")
		ps := packProblems(t, loadErr(files))
		require.Len(t, ps, 1)
		assert.Equal(t, "es/99-closing.md", ps[0].File)
		assert.Equal(t, 0, ps[0].Line)
		assert.Equal(t, "curriculum.err.missing_lang", ps[0].Key)
		assert.Equal(t, "es/99-closing.md: This module has no translation: en/99-closing.md is missing.", ps[0].Error())
	})
	t.Run("duplicate id", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		twin := fixture{2, "extortion-today", KindModule, 45, 4}
		for _, l := range i18n.Langs {
			files[string(l)+"/02-extortion-today.md"] = twin.markdown(l, "v1")
		}
		ps := packProblems(t, loadErr(files))
		require.Len(t, ps, 2, "%v", ps)
		for i, l := range []string{"en", "es"} {
			assert.Equal(t, l+"/02-extortion-today.md", ps[i].File)
			assert.Equal(t, 2, ps[i].Line)
			assert.Equal(t, "curriculum.err.duplicate_id", ps[i].Key)
		}
	})
	t.Run("quiz count differs", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		files["en/99-closing.md"] = fixture{99, "closing", KindClosing, 30, 1}.markdown(i18n.English, "v1")
		ps := packProblems(t, loadErr(files))
		require.Len(t, ps, 1)
		assert.Equal(t, Problem{File: "en/99-closing.md", Line: lineOf(t, files["en/99-closing.md"], "quiz:"), Key: "curriculum.err.lang_quiz_count",
			Args: map[string]any{"Count": 1, "Other": 2, "File": "es/99-closing.md"}}, ps[0])
	})
	t.Run("module quiz too short", func(t *testing.T) {
		files := packFiles("v1", fixture{1, "extortion-today", KindModule, 45, 2})
		ps := packProblems(t, loadErr(files))
		require.Len(t, ps, 2)
		assert.Equal(t, "curriculum.err.quiz_count", ps[0].Key)
		assert.Equal(t, lineOf(t, files["en/01-extortion-today.md"], "quiz:"), ps[0].Line)
	})
	t.Run("high sensitivity with the safety protocol", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		for _, name := range []string{"es/01-extortion-today.md", "en/01-extortion-today.md"} {
			edit(t, files, name, "sensitivity: medium", "sensitivity: high")
			edit(t, files, name, "- Secret note for the facilitator.", "- Follow the [safety protocol](guide:safety-protocol).")
		}
		require.NoError(t, loadErr(files))
	})
	t.Run("the keyed answer is too often the longest", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		// "Beta" is the keyed option; make it the longest in the
		// Spanish file's first n questions.
		longer := func(n int) map[string]string {
			out := maps.Clone(files)
			for i := 1; i <= n; i++ {
				b := fmt.Sprintf("Beta %d", i)
				out["es/01-extortion-today.md"] = strings.ReplaceAll(out["es/01-extortion-today.md"], b+"\n", "Beta, the longest option "+b[5:]+"\n")
			}
			return out
		}
		// 2 of the 6 questions (33 %) is allowed.
		require.NoError(t, loadErr(longer(2)))
		// 3 of 6 (50 %) is not, and the problem names the language.
		ps := packProblems(t, loadErr(longer(3)))
		require.Len(t, ps, 1, "%v", ps)
		assert.Equal(t, Problem{File: "es", Key: "curriculum.err.longest_answer",
			Args: map[string]any{"Count": 3, "Total": 6, "Percent": 50, "Max": MaxLongestAnswerPercent}}, ps[0])
		assert.Equal(t, "es: The right answer is the longest option in 3 of 6 questions (50 %); at most 40 %, so that guessing does not score.", ps[0].Error())
	})
	t.Run("bad file name", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		files["es/1-opening.md"] = files["es/00-opening.md"]
		delete(files, "es/00-opening.md")
		ps := packProblems(t, loadErr(files))
		assert.Contains(t, ps, Problem{File: "es/1-opening.md", Key: "curriculum.err.file_name"})
		assert.Contains(t, ps, Problem{File: "en/00-opening.md", Key: "curriculum.err.missing_lang", Args: map[string]any{"Want": "es/00-opening.md"}})
	})
	t.Run("not a pack", func(t *testing.T) {
		ps := packProblems(t, loadErr(map[string]string{"notes.txt": "hello"}))
		require.Len(t, ps, 1)
		assert.Equal(t, Problem{Key: "curriculum.err.not_pack"}, ps[0])
	})
	t.Run("every problem is listed", func(t *testing.T) {
		files := packFiles("v1", smallPack...)
		edit(t, files, "es/01-extortion-today.md", "duration: 45", "duration: 95")
		edit(t, files, "en/00-opening.md", "kind: opening", "kind: intro")
		delete(files, "en/99-closing.md")
		ps := packProblems(t, loadErr(files))
		var keys []string
		for _, p := range ps {
			keys = append(keys, p.File+" "+p.Key)
		}
		assert.Equal(t, []string{
			"en/00-opening.md curriculum.err.kind",
			"en/00-opening.md curriculum.err.lang_mismatch",
			"es/01-extortion-today.md curriculum.err.duration",
			"es/99-closing.md curriculum.err.missing_lang",
		}, keys)
	})
}

func loadErr(files map[string]string) error {
	_, err := Load(mapFS(files))
	return err
}

func TestPackErrorMessages(t *testing.T) {
	files := packFiles("v1", smallPack...)
	edit(t, files, "es/01-extortion-today.md", "sensitivity: medium\n", "sensitivity: medium\nfoo: 1\n")
	err := loadErr(files)
	line := lineOf(t, files["es/01-extortion-today.md"], "foo: 1")

	ps := packProblems(t, err)
	assert.Equal(t, "es/01-extortion-today.md:"+strconv.Itoa(line)+": Unknown key “foo”.", ps[0].Error())
	assert.Equal(t, "es/01-extortion-today.md:"+strconv.Itoa(line)+": Clave desconocida «foo».", ps[0].Message(i18n.Spanish))
	assert.Contains(t, err.Error(), "invalid curriculum pack: es/01-extortion-today.md:")

	// Through the domain error it is an invalid input with a summary.
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.Contains(t, taller.Message(i18n.Spanish, err), "problemas (1)")
	var pe *PackError
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Message(i18n.English), "problems (1)")
	assert.Contains(t, pe.Message(i18n.English), "\nes/01-extortion-today.md:")
}
