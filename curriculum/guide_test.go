package curriculum

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/i18n"
)

// bundledGuideIDs are the guides the bundled manual must have, in order.
var bundledGuideIDs = []string{GuideSafety, GuideStaffing, GuideDirectory, GuideAdaptation, GuideEnergizers, GuideDebrief, GuideTakeHome}

func TestBundledGuides(t *testing.T) {
	requireBundled(t)
	c := Default()
	for _, l := range i18n.Langs {
		gs := c.Guides(l)
		var ids []string
		for _, g := range gs {
			ids = append(ids, g.ID)
			assert.NotEmpty(t, g.Title, g.ID)
			assert.NotEmpty(t, g.Body, g.ID)
			assert.Equal(t, g.ID == GuideTakeHome, g.ForParticipants, "%s: only the take-home text is for participants", g.ID)
			assert.False(t, strings.HasPrefix(g.Body, "---"), "the front matter is not part of the body")
		}
		assert.Equal(t, bundledGuideIDs, ids, l)
	}
	es, ok := c.Guide(GuideTakeHome, i18n.Spanish)
	require.True(t, ok)
	en, ok := c.Guide(GuideTakeHome, i18n.English)
	require.True(t, ok)
	assert.NotEqual(t, es.Title, en.Title)
	other, ok := c.Guide(GuideTakeHome, i18n.Lang("fr"))
	require.True(t, ok, "an unsupported language gets the Spanish text")
	assert.Equal(t, es, other)
	_, ok = c.Guide("nope", i18n.Spanish)
	assert.False(t, ok)

	// Guides returns a copy.
	gs := c.Guides(i18n.Spanish)
	gs[0].Title = "changed"
	assert.NotEqual(t, "changed", c.Guides(i18n.Spanish)[0].Title)
}

// TestTakeHomeIsSafeToCarry checks that the text participants take away
// does not say what the workshop was about: no word for extortion or gangs
// in its title or body, no image, no phone number.
func TestTakeHomeIsSafeToCarry(t *testing.T) {
	requireBundled(t)
	for _, l := range i18n.Langs {
		g, ok := Default().Guide(GuideTakeHome, l)
		require.True(t, ok)
		for _, text := range []string{g.Title, g.Body} {
			assert.Empty(t, participantWordsRE.FindAllString(text, -1), l)
			assert.NotContains(t, text, "![")
			assert.NotRegexp(t, phoneRE, text)
		}
	}
}

// TestParticipantWordsPointingToReporting checks that the word check on
// participants' texts catches what reads as a guide to reporting (the
// lines an earlier take-home text carried), and lets plain advice through.
func TestParticipantWordsPointingToReporting(t *testing.T) {
	for _, line := range []string{
		"Usted decide si denuncia, cuándo y dónde.",
		"Si alguien le amenaza con publicarlas, busque ayuda.",
		"If someone threatens to publish them, seek help.",
		"You decide whether to report, when and where.",
		"Reportar a la policía.",
		"Si vive violencia en casa, busque ayuda.",
		"Domestic violence is not your fault.",
		"No es una víctima, es una persona.",
		"Victims are not to blame.",
	} {
		assert.NotEmpty(t, participantWordsRE.FindString(line), line)
	}
	for _, line := range []string{
		"Usted decide qué hacer, cuándo y con quién, pensando primero en su seguridad.",
		"If a message or call worries you, do not answer in a hurry.",
		"Si un mensaje o una llamada le preocupa, tómese un momento antes de hacer nada.",
		"Set a screen lock with a PIN nobody else knows.",
	} {
		assert.Empty(t, participantWordsRE.FindString(line), line)
	}
}

func TestPackWithoutGuidesKeepsTheBundledOnes(t *testing.T) {
	requireBundled(t)
	c, err := Load(mapFS(packFiles("v1", smallPack...)))
	require.NoError(t, err)
	assert.Equal(t, Default().Guides(i18n.English), c.Guides(i18n.English))
}

// guideFile renders a guide file for the test packs.
func guideFile(id, title, audience, body string) string {
	return "---\nid: " + id + "\ntitle: " + title + "\naudience: " + audience + "\n---\n\n" + body
}

// guidePack is a valid pack with two guides in each language.
func guidePack() map[string]string {
	files := packFiles("v1", smallPack...)
	files["es/guides/01-safety-protocol.md"] = guideFile("safety-protocol", "Protocolo", "facilitators", "## Antes\n\nRevise el lugar.\n\n## Durante\n\nVea el [texto](guide:take-home).\n")
	files["en/guides/01-safety-protocol.md"] = guideFile("safety-protocol", "Protocol", "facilitators", "## Before\n\nCheck the venue.\n\n## During\n\nSee the [text](guide:take-home).\n")
	files["es/guides/02-take-home.md"] = guideFile("take-home", "Cuidarnos", "participants", "Consejos para cuidarse.\n")
	files["en/guides/02-take-home.md"] = guideFile("take-home", "Looking after each other", "participants", "Advice for staying safe.\n")
	return files
}

func TestLoadGuides(t *testing.T) {
	c, err := Load(mapFS(guidePack()))
	require.NoError(t, err)
	gs := c.Guides(i18n.English)
	require.Len(t, gs, 2)
	assert.Equal(t, Guide{ID: "safety-protocol", Title: "Protocol", Body: "## Before\n\nCheck the venue.\n\n## During\n\nSee the [text](guide:take-home).", ForParticipants: false}, gs[0])
	assert.Equal(t, Guide{ID: "take-home", Title: "Looking after each other", Body: "Advice for staying safe.", ForParticipants: true}, gs[1])
}

// TestLoadGuideProblems checks that each mistake in a guide is found in the
// right file and line, and that it is the only problem of that file.
func TestLoadGuideProblems(t *testing.T) {
	const esSafety, enSafety = "es/guides/01-safety-protocol.md", "en/guides/01-safety-protocol.md"
	const esHome = "es/guides/02-take-home.md"
	tests := []struct {
		name, file, old, new, at, key string
	}{
		{"unknown key", esSafety, "audience: facilitators\n", "audience: facilitators\nlogo: yes\n", "logo: yes", "curriculum.err.unknown_key"},
		{"missing title", esSafety, "title: Protocolo\n", "", "^", "curriculum.err.missing_key"},
		{"unknown audience", esSafety, "audience: facilitators", "audience: everyone", "audience:", "curriculum.err.audience"},
		{"id not the file name", esSafety, "id: safety-protocol", "id: safety", "id:", "curriculum.err.id_file"},
		{"empty body", esHome, "Consejos para cuidarse.\n", "", "fence", "curriculum.err.guide_empty"},
		{"word naming extortion for participants", esHome, "Consejos para cuidarse.", "Consejos contra la extorsión.", "Consejos contra", "curriculum.err.guide_word"},
		{"title naming gangs for participants", esHome, "title: Cuidarnos", "title: Frente a las pandillas", "title:", "curriculum.err.guide_word"},
		{"word naming reporting for participants", esHome, "Consejos para cuidarse.", "Usted decide si denuncia.", "Usted decide", "curriculum.err.guide_word"},
		{"word naming threats for participants", "en/guides/02-take-home.md", "Advice for staying safe.", "If someone threatens you.", "If someone", "curriculum.err.guide_word"},
		{"logo for participants", esHome, "Consejos para cuidarse.", "![logo](logo.png)", "![logo]", "curriculum.err.guide_image"},
		{"link to an unknown guide", esSafety, "(guide:take-home)", "(guide:nope)", "guide:nope", "curriculum.err.guide_link"},
		{"english audience differs", "en/guides/02-take-home.md", "audience: participants", "audience: facilitators", "audience:", "curriculum.err.lang_mismatch"},
		{"english headings differ", enSafety, "## During\n", "During:\n", "", "curriculum.err.lang_headings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := guidePack()
			edit(t, files, tt.file, tt.old, tt.new)
			ps := packProblems(t, loadErr(files))
			line := 0
			switch tt.at {
			case "":
			case "fence": // the front matter's closing line
				line = lineOf(t, files[tt.file], "audience:") + 1
			case "^":
				line = 1
			default:
				line = lineOf(t, files[tt.file], tt.at)
			}
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

	t.Run("missing translation", func(t *testing.T) {
		files := guidePack()
		delete(files, "en/guides/02-take-home.md")
		ps := packProblems(t, loadErr(files))
		assert.Contains(t, ps, Problem{File: esHome, Key: "curriculum.err.missing_lang", Args: map[string]any{"Want": "en/guides/02-take-home.md"}})
	})
	t.Run("a module links a guide the pack lacks", func(t *testing.T) {
		files := guidePack()
		edit(t, files, "es/01-extortion-today.md", "- Secret note for the facilitator.", "- See the [staffing rule](guide:staffing).")
		ps := packProblems(t, loadErr(files))
		require.Len(t, ps, 1, "%v", ps)
		assert.Equal(t, "curriculum.err.guide_link", ps[0].Key)
	})
}

var (
	// phoneRE finds something that looks like a phone number: seven or
	// more digits, with spaces or dashes between them.
	phoneRE = regexp.MustCompile(`[0-9](?:[ -]?[0-9]){6,}`)
	// suicideRE finds a mention of suicide.
	suicideRE = regexp.MustCompile(`(?i)suicid|quitarse la vida|take their own life|taking their own life|taking your life`)
)

// TestBundledTextsCarryNoPhoneNumbers checks that the manual invents no
// contact: numbers are the local organisation's to fill in.
func TestBundledTextsCarryNoPhoneNumbers(t *testing.T) {
	requireBundled(t)
	c := Default()
	for _, l := range i18n.Langs {
		for _, m := range c.Modules() {
			tx := m.In(l)
			assert.NotRegexp(t, phoneRE, tx.KeyIdeas+tx.Activity+tx.Discussion+tx.Notes+tx.Shorter, m.ID)
		}
		for _, g := range c.Guides(l) {
			assert.NotRegexp(t, phoneRE, g.Body, g.ID)
		}
	}
}

// TestSuicideRiskIsAlwaysImmediate checks that every text that speaks of
// suicide says to seek help immediately, with the same word, and never
// "the same day".
func TestSuicideRiskIsAlwaysImmediate(t *testing.T) {
	requireBundled(t)
	c := Default()
	word := map[i18n.Lang]string{i18n.Spanish: "de inmediato", i18n.English: "immediately"}
	late := regexp.MustCompile(`(?i)ese mismo día|el mismo día|same day|next day|al día siguiente`)
	n := 0
	for _, l := range i18n.Langs {
		texts := map[string]string{}
		for _, m := range c.Modules() {
			tx := m.In(l)
			texts[m.ID] = tx.KeyIdeas + "\n" + tx.Activity + "\n" + tx.Notes + "\n" + tx.Shorter
			for _, q := range tx.Quiz {
				if suicideRE.MatchString(q.Prompt) {
					texts[q.ID] = q.Options[q.Answer]
				}
			}
		}
		for _, g := range c.Guides(l) {
			if g.ID != GuideStaffing { // "a service that can see someone the same day" is about the backup, not the risk
				texts[g.ID] = g.Body
			}
		}
		for id, text := range texts {
			if !suicideRE.MatchString(text) {
				continue
			}
			n++
			assert.Contains(t, text, word[l], "%s (%s) speaks of suicide", id, l)
			assert.NotRegexp(t, late, text, "%s (%s)", id, l)
		}
	}
	assert.GreaterOrEqual(t, n, 10, "the modules and guides that speak of suicide")
}

// TestParticipantTextsAvoidRiskyAdvice checks what is projected or read to
// participants for the advice the review found dangerous under the state of
// exception: noting patrol numbers or officers' names, promising that
// everything stays in the room, reading distress cards as one's own, role
// play with an officer and public stances on surveillance.
func TestParticipantTextsAvoidRiskyAdvice(t *testing.T) {
	requireBundled(t)
	risky := regexp.MustCompile(`(?i)patrull|patrol|nombre del agente|officer's name|se queda en el salón|stays in the room\.|entre usted y yo|between you and me|como si fuera suya|as if it were your own|agente en la delegación|officer at the station|línea de opiniones|opinion line`)
	c := Default()
	for _, l := range i18n.Langs {
		for _, m := range c.Modules() {
			body := m.In(l).Body
			assert.Empty(t, risky.FindAllString(body, -1), "%s (%s)", m.ID, l)
		}
		g, _ := c.Guide(GuideTakeHome, l)
		assert.Empty(t, risky.FindAllString(g.Body, -1), l)
	}
}

// TestBundledQuizCanShowLearning reports, per language, how often the keyed
// answer is the longest option, and checks the counts the loader enforces.
func TestBundledQuizCanShowLearning(t *testing.T) {
	requireBundled(t)
	for _, l := range i18n.Langs {
		longest, total := 0, 0
		positions := map[int]int{}
		for _, m := range Default().Modules() {
			qs := m.In(l).Quiz
			if m.Kind == KindModule {
				assert.GreaterOrEqual(t, len(qs), MinModuleQuestions, m.ID)
			}
			for _, q := range qs {
				total++
				positions[q.Answer]++
				if keyedIsLongest(draftQuestion{options: q.Options, answer: q.Answer}) {
					longest++
				}
			}
		}
		assert.LessOrEqual(t, longest*100, MaxLongestAnswerPercent*total, l)
		// Nor is the keyed answer mostly in one place, such as the middle.
		for pos, n := range positions {
			assert.LessOrEqual(t, n*2, total, "%s: option %d is the answer %d times in %d", l, pos+1, n, total)
		}
		t.Logf("%s: keyed answer the longest in %d of %d questions (%d %%); answers by position %v", l, longest, total, longest*100/total, positions)
	}
}

func TestLinkedGuide(t *testing.T) {
	for link, want := range map[string]string{
		"guide:safety-protocol": "safety-protocol",
		"guide:take-home":       "take-home",
		"https://example.org":   "",
		"guide:":                "",
		"guide:../etc/passwd":   "",
		"mailto:x@example.org":  "",
	} {
		u, err := url.Parse(link)
		require.NoError(t, err)
		id, ok := LinkedGuide(u)
		assert.Equal(t, want, id, link)
		assert.Equal(t, want != "", ok, link)
	}
	_, ok := LinkedGuide(nil)
	assert.False(t, ok)
}

// TestImportGuidesThenOpen checks that a pack's guides travel through the
// zip and the folder import, and come back when the installed pack is
// opened.
func TestImportGuidesThenOpen(t *testing.T) {
	for _, kind := range []string{"zip", "folder"} {
		t.Run(kind, func(t *testing.T) {
			dataDir := t.TempDir()
			src := writeDir(t, guidePack())
			if kind == "zip" {
				src = writeZip(t, "manual.zip", "pack/", guidePack())
			}
			_, err := Import(src, dataDir)
			require.NoError(t, err)
			c, err := Open(dataDir)
			require.NoError(t, err)
			g, ok := c.Guide(GuideTakeHome, i18n.Spanish)
			require.True(t, ok)
			assert.Equal(t, "Cuidarnos", g.Title, "the pack's guide, not the bundled one")
			assert.Len(t, c.Guides(i18n.English), 2)

			// A broken guide refuses the whole pack.
			files := guidePack()
			edit(t, files, "es/guides/02-take-home.md", "Consejos para cuidarse.", "Contra la extorsión.")
			_, err = Import(writeZip(t, "broken.zip", "", files), dataDir)
			assert.Contains(t, packProblems(t, err), Problem{File: "es/guides/02-take-home.md", Line: 7, Key: "curriculum.err.guide_word", Args: map[string]any{"Word": "extors"}})
			c, err = Open(dataDir)
			require.NoError(t, err)
			g, _ = c.Guide(GuideTakeHome, i18n.Spanish)
			assert.Equal(t, "Cuidarnos", g.Title, "the installed pack stays")
		})
	}
}
