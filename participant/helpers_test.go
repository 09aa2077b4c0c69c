package participant

import (
	"context"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
	"taller/store"
)

// testQuiz is a fixed quiz: the right answers are 1, 0 and 2.
var testQuiz = []taller.Question{
	{ID: "m1.1", Prompt: "¿Qué hacer ante una llamada de extorsión?", Options: []string{"Pagar de inmediato", "Colgar y avisar a alguien de confianza", "Discutir"}, Answer: 1},
	{ID: "m1.2", Prompt: "¿Quién puede ayudar?", Options: []string{"Una red de apoyo", "Nadie"}, Answer: 0},
	{ID: "m2.1", Prompt: "¿Qué datos no compartir?", Options: []string{"El clima", "La hora", "Rutinas y ubicaciones"}, Answer: 2},
}

func fixedQuiz(qs []taller.Question) QuizFunc {
	return func(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
		return qs, nil
	}
}

// env is a real store with one workshop, served on loopback.
type env struct {
	t   testing.TB
	st  *store.Store
	dir string
	ws  *taller.Workshop
	srv *Server
	ts  *httptest.Server
}

func newEnv(t testing.TB, mod func(*Config)) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ws := &taller.Workshop{Title: "Taller comunitario", Country: "SV", Locality: "San Vicente", Organization: "Red de Mujeres", Date: "2024-06-10", Start: 9 * 60}
	require.NoError(t, st.CreateWorkshop(context.Background(), ws))
	cfg := Config{Workshops: st, Attendance: st, Answers: st, Quiz: fixedQuiz(testQuiz)}
	if mod != nil {
		mod(&cfg)
	}
	srv := NewServer(cfg)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, st: st, dir: dir, ws: ws, srv: srv, ts: ts}
}

func (e *env) open(p taller.Phase) {
	e.t.Helper()
	require.NoError(e.t, e.st.SetPhase(context.Background(), e.ws.ID, p, true))
}

func (e *env) close(p taller.Phase) {
	e.t.Helper()
	require.NoError(e.t, e.st.SetPhase(context.Background(), e.ws.ID, p, false))
}

func (e *env) joinPath() string { return "/j/" + e.ws.JoinToken }

func (e *env) counts() *taller.Counts {
	e.t.Helper()
	n, err := e.st.Counts(context.Background(), e.ws.ID)
	require.NoError(e.t, err)
	return n
}

// tphone is a phone that fails the test on transport errors.
type tphone struct {
	*phonetest.Phone
	t testing.TB
	e *env
}

func (e *env) phone() *tphone {
	e.t.Helper()
	p, err := phonetest.New(e.ts.URL, nil)
	require.NoError(e.t, err)
	return &tphone{Phone: p, t: e.t, e: e}
}

func (p *tphone) get(path string) *phonetest.Page {
	p.t.Helper()
	pg, err := p.Get(path)
	require.NoError(p.t, err)
	return pg
}

func (p *tphone) join() *phonetest.Page { p.t.Helper(); return p.get(p.e.joinPath()) }

func (p *tphone) submit(pg *phonetest.Page, action string, vals url.Values) *phonetest.Page {
	p.t.Helper()
	f, err := pg.Form(action)
	require.NoError(p.t, err, pg.Body)
	out, err := p.Submit(f, vals)
	require.NoError(p.t, err)
	return out
}

func (p *tphone) post(path string, vals url.Values) *phonetest.Page {
	p.t.Helper()
	out, err := p.Post(path, vals)
	require.NoError(p.t, err)
	return out
}

// checkIn answers the check-in form on pg and returns the saved page.
func (p *tphone) checkIn(pg *phonetest.Page) *phonetest.Page {
	p.t.Helper()
	return p.submit(pg, "/checkin", url.Values{"gender": {"female"}, "age_band": {"30-44"}, "role": {"leader"}})
}

// quizAnswers answers testQuiz with n right answers (the first n).
func quizAnswers(n int) url.Values {
	v := url.Values{}
	for i, q := range testQuiz {
		a := q.Answer
		if i >= n {
			a = (q.Answer + 1) % len(q.Options)
		}
		v.Set(questionField(i), string(rune('0'+a)))
	}
	return v
}

func evaluationAnswers(right int) url.Values {
	v := quizAnswers(right)
	for _, it := range taller.LikertItems {
		v.Set("r."+string(it), "4")
	}
	v.Set("apply", "Hablar con mis vecinas")
	v.Set("comment", "Muy útil.\nGracias.")
	return v
}
