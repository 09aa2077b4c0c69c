package printout_test

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant"
	"taller/printout"
)

// flat is text with every run of white space, line breaks included, made
// one space, for finding phrases that wrap.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Given a workshop on the half-day agenda, when its quiz sheet is printed,
// then the sheet shows the phone quiz page's title, questions and options
// in the phone's order, and a box for the participant code.
func TestQuizSheetMirrorsThePhonePage(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			phone := f.phonePage(t, taller.PhaseQuiz, lang)
			qs, err := printout.Questions(f.ctx, f.st, f.cur, f.ws.ID, lang)
			require.NoError(t, err)
			require.NotEmpty(t, qs, "the half-day agenda has content modules")
			// The phone page holds the same questions.
			assert.Contains(t, phone, "1. "+qs[0].Prompt)

			path := f.render(t, printout.Request{Kind: printout.QuizSheet, Lang: lang})
			text := flat(pdfText(t, path))
			at := assertInOrder(t, text, []string{phone[0], i18n.T(lang, "print.code_label")})
			assertInOrder(t, text[at:], phone[1:])
			n := pages(t, path)
			assert.LessOrEqual(t, n, 2, "ten questions fit on a sheet, front and back")
			assert.GreaterOrEqual(t, strings.Count(text, i18n.T(lang, "print.code_label")), n, "every page has the code box")
		})
	}
}

// The evaluation sheet has the phone evaluation page's sections in its
// order: post-quiz questions and options, the five ratings with 1–5,
// what the person will apply, the comment.
func TestEvaluationSheetMirrorsThePhonePage(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			phone := f.phonePage(t, taller.PhaseEvaluation, lang)
			assert.Contains(t, strings.Join(phone, "\n"), i18n.T(lang, "likert.recommend"))
			assert.Contains(t, phone, i18n.T(lang, "web.eval.comment"))

			path := f.render(t, printout.Request{Kind: printout.EvalSheet, Lang: lang, Paper: printout.Letter})
			text := flat(pdfText(t, path))
			at := assertInOrder(t, text, []string{phone[0], i18n.T(lang, "print.code_label")})
			assertInOrder(t, text[at:], phone[1:])
			assert.Contains(t, text, i18n.T(lang, "web.eval.no_names"))
		})
	}
}

var codeLine = regexp.MustCompile(`(?m)([A-Z0-9](?: [A-Z0-9]){4})\s*$`)

// slipCodes reads the participant codes printed on check-in slips: each
// slip shows its code twice, on the stub and on the form.
func slipCodes(t *testing.T, path string) []string {
	t.Helper()
	var codes []string
	for _, m := range codeLine.FindAllStringSubmatch(pdfText(t, path), -1) {
		codes = append(codes, strings.ReplaceAll(m[1], " ", ""))
	}
	require.Zero(t, len(codes)%2, "every slip has its code twice: %v", codes)
	var out []string
	for i := 0; i < len(codes); i += 2 {
		require.Equal(t, codes[i], codes[i+1], "stub and form of one slip carry one code")
		out = append(out, codes[i])
	}
	return out
}

// Check-in slips carry the phone check-in's questions and options in
// order, and each a code of its own, valid and reserved for the workshop.
func TestSlipsAskWhatThePhoneAsksWithReservedCodes(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			phone := f.phonePage(t, taller.PhaseCheckIn, lang)
			require.Contains(t, phone, i18n.T(lang, "role.civil_society"))

			path := f.render(t, printout.Request{Kind: printout.Slips, Lang: lang, Copies: 7})
			assert.Equal(t, 3, pages(t, path), "three slips to a page")
			first := flat(pdfText(t, path, "-f", "1", "-l", "1"))
			assertInOrder(t, first, phone)

			codes := slipCodes(t, path)
			require.Len(t, codes, 7)
			seen := map[string]bool{}
			for _, c := range codes {
				assert.Equal(t, c, taller.NormalizeCode(c), "a valid participant code")
				assert.False(t, seen[c], "codes are unique: %s", c)
				seen[c] = true
			}
			// A second batch never repeats the first.
			for _, c := range slipCodes(t, f.render(t, printout.Request{Kind: printout.Slips, Lang: lang, Copies: 20})) {
				assert.False(t, seen[c], "a code printed twice: %s", c)
			}
		})
	}
}

// decodeQRs rasterises page 1 of a PDF and returns the text of every QR
// code found on it.
func decodeQRs(t *testing.T, path string) []string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	tool(t, "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	file, err := os.Open(prefix + ".png")
	require.NoError(t, err)
	defer file.Close()
	img, err := png.Decode(file)
	require.NoError(t, err)
	var out []string
	// Each half of the page on its own: the multi reader then has one
	// code to find in each.
	b := img.Bounds()
	halves := []image.Rectangle{b, image.Rect(b.Min.X, b.Min.Y, b.Dx()/2, b.Max.Y), image.Rect(b.Dx()/2, b.Min.Y, b.Max.X, b.Max.Y)}
	seen := map[string]bool{}
	for _, r := range halves {
		sub := img.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(r)
		bmp, err := gozxing.NewBinaryBitmapFromImage(sub)
		require.NoError(t, err)
		results, _ := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
		for _, res := range results {
			if !seen[res.GetText()] {
				seen[res.GetText()] = true
				out = append(out, res.GetText())
			}
		}
	}
	return out
}

// The poster's QR codes decode to the join URL and, when Settings has a
// Wi-Fi, to the Wi-Fi payload the projector shows; its text has the
// three steps, in A4 and in Letter.
func TestPosterQRCodesDecode(t *testing.T) {
	join := participant.JoinURL("192.168.137.1", 8080, "TOKENABCDEFGHIJKLMNOPQRSTU")
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			path := f.render(t, printout.Request{Kind: printout.Poster, Lang: lang, Paper: printout.Letter, JoinURL: join})
			assert.Equal(t, []string{join}, decodeQRs(t, path), "no Wi-Fi set: the join code only")
			text := flat(pdfText(t, path))
			assertInOrder(t, text, []string{f.ws.Title, "1. " + i18n.T(lang, "print.poster.step_wifi_ask"), "2. " + i18n.T(lang, "print.poster.step_join_only"), join, "3. " + i18n.T(lang, "print.poster.step_answer")})

			require.NoError(t, f.st.SetSetting(f.ctx, taller.SettingWiFiSSID, "Sala; comunal"))
			require.NoError(t, f.st.SetSetting(f.ctx, taller.SettingWiFiPass, `pa:ss"word`))
			path = f.render(t, printout.Request{Kind: printout.Poster, Lang: lang, JoinURL: join})
			assert.ElementsMatch(t, []string{join, participant.WiFiPayload("Sala; comunal", `pa:ss"word`)}, decodeQRs(t, path))
			// The left half of the page, then the right (pdftotext crops in
			// points at 72 dpi).
			left := flat(pdfText(t, path, "-x", "0", "-y", "0", "-W", "297", "-H", "640"))
			assertInOrder(t, left, []string{"1. " + i18n.T(lang, "print.poster.step_wifi"), "Sala; comunal", `pa:ss"word`})
			right := flat(pdfText(t, path, "-x", "298", "-y", "0", "-W", "297", "-H", "640"))
			assertInOrder(t, right, []string{"2. " + i18n.T(lang, "print.poster.step_join")})
			assertInOrder(t, flat(pdfText(t, path)), []string{join, "3. " + i18n.T(lang, "print.poster.step_answer")})
		})
	}
}

// Every kind embeds its fonts and has the paper size asked for.
func TestEveryKindEmbedsFontsOnTheRightPaper(t *testing.T) {
	f := newFixture(t, i18n.Spanish)
	sizes := map[printout.Paper]string{printout.A4: "595.28 x 841.89 pts (A4)", printout.Letter: "612 x 792 pts (letter)"}
	for _, k := range printout.Kinds {
		for paper, want := range sizes {
			path := f.render(t, printout.Request{Kind: k, Paper: paper, JoinURL: "http://10.0.0.1:8080/j/X"})
			assert.Contains(t, flat(tool(t, "pdfinfo", path)), "Page size: "+want, "%s on %s", k, paper)
			fonts := strings.Split(strings.TrimSpace(tool(t, "pdffonts", path)), "\n")
			require.Greater(t, len(fonts), 2, "%s lists its fonts", k)
			// fpdf embeds only the glyphs used (pdffonts cannot tell: it
			// looks for a name prefix fpdf does not write): the file is
			// far smaller than the 1.4 MB of the two fonts.
			st, err := os.Stat(path)
			require.NoError(t, err)
			assert.Less(t, st.Size(), int64(200<<10), "%s: fonts subset", k)
			for _, line := range fonts[2:] {
				cols := strings.Fields(line)
				// name type encoding emb sub uni object ID
				assert.Contains(t, strings.ToLower(line), "dejavusans", "%s: %s", k, line)
				assert.Equal(t, "yes", cols[len(cols)-5], "%s: font embedded: %s", k, line)
				assert.Equal(t, "yes", cols[len(cols)-3], "%s: font with a Unicode map: %s", k, line)
			}
		}
	}
}

// The agenda handout shows each block's time and title in agenda order,
// with its sensitivity, materials and facilitator notes, and every page
// says it is not for participants.
func TestAgendaHandout(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			a, err := f.st.Agenda(f.ctx, f.ws.ID)
			require.NoError(t, err)
			path := f.render(t, printout.Request{Kind: printout.AgendaKind, Lang: lang})
			text := flat(pdfText(t, path))
			var want []string
			for _, tb := range a.Timings() {
				want = append(want, tb.Start.String()+"–"+tb.End.String())
				if m, ok := f.cur.Module(tb.ModuleID); ok {
					txt := m.In(lang)
					want = append(want, txt.Title, i18n.T(lang, "print.agenda.sensitivity", map[string]any{"Level": i18n.T(lang, "print.sensitivity."+m.Sensitivity)}),
						i18n.T(lang, "print.agenda.materials"), txt.Materials[0], i18n.T(lang, "print.agenda.notes"))
				}
			}
			assertInOrder(t, text, want)
			n := pages(t, path)
			require.Greater(t, n, 1)
			for p := 1; p <= n; p++ {
				page := pdfText(t, path, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
				assert.Contains(t, page, i18n.T(lang, "print.agenda.not_for_participants"), "page %d", p)
			}
		})
	}
}

// The take-home sheet carries the curriculum's take-home guide and
// nothing that names the workshop or extortion, not even in the file's
// metadata.
func TestTakeHomeIsDiscreet(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			f := newFixture(t, lang)
			g, ok := f.cur.Guide(printout.TakeHomeGuide, lang)
			require.True(t, ok)
			one := pages(t, f.render(t, printout.Request{Kind: printout.TakeHome, Lang: lang}))
			assert.LessOrEqual(t, one, 2, "one sheet, front and back at most")
			path := f.render(t, printout.Request{Kind: printout.TakeHome, Lang: lang, Copies: 2})
			assert.Equal(t, 2*one, pages(t, path))
			text := pdfText(t, path)
			assert.True(t, strings.HasPrefix(flat(text), g.Title), "the guide's title first")
			info := tool(t, "pdfinfo", path)
			assert.NotContains(t, info, "Creator")
			assert.NotContains(t, info, "Producer")
			for _, s := range []string{g.Title, info} {
				assert.NotContains(t, strings.ToLower(s), "extors")
				assert.NotContains(t, strings.ToLower(s), "extort")
			}
			for _, s := range []string{text, info} {
				low := strings.ToLower(s)
				assert.NotContains(t, low, strings.ToLower(f.ws.Title))
				assert.NotContains(t, low, strings.ToLower(f.ws.Organization))
				assert.NotContains(t, low, strings.ToLower(f.ws.Locality))
			}
		})
	}
}

// The tally sheet has one row per gender in form order.
func TestTallySheet(t *testing.T) {
	for _, lang := range i18n.Langs {
		f := newFixture(t, lang)
		text := flat(pdfText(t, f.render(t, printout.Request{Kind: printout.TallySheet, Lang: lang, Copies: 2})))
		var want []string
		for _, g := range taller.Genders {
			want = append(want, i18n.T(lang, "gender."+string(g)))
		}
		at := assertInOrder(t, text, append([]string{i18n.T(lang, "print.tally.title")}, want...))
		assertInOrder(t, text[at:], append([]string{i18n.T(lang, "print.tally.title")}, want...))
	}
}

// --lang overrides the workshop's language; without it the workshop's is
// used.
func TestLanguageDefaultsToTheWorkshops(t *testing.T) {
	f := newFixture(t, i18n.English)
	text := pdfText(t, f.render(t, printout.Request{Kind: printout.QuizSheet}))
	assert.Contains(t, text, i18n.T(i18n.English, "web.quiz.title"))
	text = pdfText(t, f.render(t, printout.Request{Kind: printout.QuizSheet, Lang: i18n.Spanish}))
	assert.Contains(t, text, i18n.T(i18n.Spanish, "web.quiz.title"))
}

// Copies multiply the document; a title with characters the font lacks
// (emoji) still prints.
func TestCopiesAndUnprintableCharacters(t *testing.T) {
	f := newFixture(t, i18n.Spanish)
	f.ws.Title = "Taller 🌱 comunitario\u200b"
	require.NoError(t, f.st.UpdateWorkshop(f.ctx, f.ws))
	one := pages(t, f.render(t, printout.Request{Kind: printout.QuizSheet}))
	path := f.render(t, printout.Request{Kind: printout.QuizSheet, Copies: 3})
	assert.Equal(t, 3*one, pages(t, path))
	assert.Contains(t, pdfText(t, path), "Taller comunitario")
	path = f.render(t, printout.Request{Kind: printout.Poster, Copies: 2, JoinURL: "http://10.0.0.1:8080/j/X"})
	assert.Equal(t, 2, pages(t, path))
}

// Bad requests are refused with a domain error the user can read, and
// no codes are reserved.
func TestBadRequests(t *testing.T) {
	f := newFixture(t, i18n.Spanish)
	cases := []struct {
		name string
		req  printout.Request
		code string
		key  string
	}{
		{"unknown kind", printout.Request{Kind: "flyer"}, taller.EINVALID, "print.err.kind"},
		{"unknown paper", printout.Request{Kind: printout.TallySheet, Paper: "a3"}, taller.EINVALID, "print.err.paper"},
		{"too many slips", printout.Request{Kind: printout.Slips, Copies: printout.MaxSlips + 1}, taller.EINVALID, "print.err.copies"},
		{"negative copies", printout.Request{Kind: printout.QuizSheet, Copies: -1}, taller.EINVALID, "print.err.copies"},
		{"too many copies", printout.Request{Kind: printout.QuizSheet, Copies: printout.MaxCopies + 1}, taller.EINVALID, "print.err.copies"},
		{"poster without link", printout.Request{Kind: printout.Poster}, taller.EINVALID, "print.err.no_join"},
		{"bad language", printout.Request{Kind: printout.QuizSheet, Lang: "fr"}, taller.EINVALID, "err.lang.unknown"},
		{"no such workshop", printout.Request{Kind: printout.QuizSheet, WorkshopID: "nope"}, taller.ENOTFOUND, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := c.req
			if req.WorkshopID == "" {
				req.WorkshopID = f.ws.ID
			}
			data, err := printout.Render(f.ctx, f.deps, req)
			require.Error(t, err)
			assert.Nil(t, data)
			assert.Equal(t, c.code, taller.ErrorCode(err), "%v", err)
			if c.key != "" {
				var de *taller.Error
				require.ErrorAs(t, err, &de)
				assert.Equal(t, c.key, de.Key)
				assert.NotEqual(t, c.key, taller.Message(i18n.Spanish, err), "translated")
			}
		})
	}
}
