package participant

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
)

// pageBudget is the most a page may weigh: what arrives in the first
// round trip of a TCP connection (ten segments of about 1,400 bytes).
const pageBudget = 14 * 1000

// longQuiz is the largest quiz a phone gets: ten questions with long
// prompts and four long options each.
func longQuiz() []taller.Question {
	var qs []taller.Question
	for i := range maxQuestions + 2 {
		q := taller.Question{ID: fmt.Sprintf("modulo-%02d-largo.%d", i, i%3+1),
			Prompt: strings.Repeat("¿Qué puede hacer una persona cuando recibe una amenaza? ", 2)[:110], Answer: i % 4}
		for j := range 4 {
			q.Options = append(q.Options, fmt.Sprintf("Opción %d: avisar a una persona de confianza y anotar lo ocurrido", j+1))
		}
		qs = append(qs, q)
	}
	return qs
}

// keyLeft finds a translation key printed instead of its text.
var keyLeft = regexp.MustCompile(`\b(web|likert|gender|age|role|lang|err)\.[a-z_.]+\b`)

func TestEveryPageIsSmallAndTranslated(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, func(c *Config) { c.Quiz = fixedQuiz(longQuiz()) })
			e.ws.Title = strings.Repeat("Taller largo ", 20)[:taller.MaxTitle]
			e.ws.Language = lang
			require.NoError(t, e.st.UpdateWorkshop(t.Context(), e.ws))
			pages := map[string]*phonetest.Page{}
			p := e.phone()
			pages["closed"] = p.join()
			pages["notfound"] = p.get("/j/AAAAAAAAAAAAAAAAAAAAAAAAAA")
			e.open(taller.PhaseCheckIn)
			e.open(taller.PhaseQuiz)
			pages["checkin"] = p.join()
			pages["checkin again"] = p.submit(pages["checkin"], "/checkin", url.Values{"gender": {"female"}})
			pages["registered"] = p.checkIn(pages["checkin"])
			pages["quiz"] = p.join()
			e.close(taller.PhaseCheckIn)
			e.close(taller.PhaseQuiz)
			e.open(taller.PhaseEvaluation)
			q := e.phone()
			pages["evaluation"] = q.join()
			vals := url.Values{"apply": {strings.Repeat("a", taller.MaxApply)}}
			pages["evaluation again"] = q.submit(pages["evaluation"], "/evaluation", vals)
			e.close(taller.PhaseEvaluation)
			pages["closed phase"] = q.submit(pages["evaluation"], "/evaluation", vals)
			pages["bad form"] = q.post(e.joinPath()+"/checkin", url.Values{"x": {"y"}})

			for name, pg := range pages {
				assert.Less(t, len(pg.Body), pageBudget, "%s weighs %d bytes", name, len(pg.Body))
				want := lang
				if name == "notfound" {
					want = i18n.Spanish // no workshop, no cookie: the default
				}
				assert.Contains(t, pg.Body, `<html lang="`+string(want)+`">`, name)
				assert.Empty(t, keyLeft.FindAllString(pg.Body, -1), "%s shows untranslated keys", name)
				assert.NotContains(t, pg.Body, "<script", name)
				assert.NotRegexp(t, `(src|href|action)="(https?:)?//`, pg.Body, "%s makes an external request", name)
				t.Logf("%-16s %5d bytes", name, len(pg.Body))
			}
			f, err := pages["evaluation"].Form("/evaluation")
			require.NoError(t, err)
			assert.Len(t, f.Radios, maxQuestions+len(taller.LikertItems), "at most ten questions")
		})
	}
}

func TestTranslationsComplete(t *testing.T) {
	require.NoError(t, i18n.Check())
	for _, l := range i18n.Langs {
		for _, k := range []string{"notfound", "badform", "csrf", "toobig", "ratelimit", "closed", "cap", "internal", "unavailable",
			"toomany", "toomany_answers", "code_refused", "code_used", "busy", "request", "headers"} {
			assert.True(t, i18n.Has(l, "web.err."+k+".title"), k)
			assert.True(t, i18n.Has(l, "web.err."+k+".text"), k)
		}
	}
}

func TestTemplateFaultIsNotHalfAPage(t *testing.T) {
	e := newEnv(t, nil)
	rec := &recorder{header: http.Header{}}
	e.srv.render(rec, http.StatusOK, "error", nil) // nil view: the template fails
	assert.Equal(t, http.StatusInternalServerError, rec.status)
	assert.Contains(t, rec.body.String(), "<title>Taller</title>")
	assert.NotContains(t, rec.body.String(), "nil pointer")
}

type recorder struct {
	header http.Header
	status int
	body   strings.Builder
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(s int)           { r.status = s }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
