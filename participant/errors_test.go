package participant

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
)

// assertFriendly checks an error page: the status, the title in the
// phone's language, HTML with the security headers, and no detail of any
// fault.
func assertFriendly(t *testing.T, pg *phonetest.Page, status int, title string) {
	t.Helper()
	assert.Equal(t, status, pg.Status, pg.Body)
	assert.Equal(t, title, pg.Title())
	assert.Equal(t, "text/html; charset=utf-8", pg.Header.Get("Content-Type"))
	assert.Equal(t, "DENY", pg.Header.Get("X-Frame-Options"))
	assert.Equal(t, "no-store", pg.Header.Get("Cache-Control"))
	assert.NotEmpty(t, pg.Header.Get("Content-Security-Policy"))
	for _, leak := range []string{"goroutine", "panic", ".go:", "sql", "SQLITE", "secret detail", "runtime error"} {
		assert.NotContains(t, pg.Body, leak)
	}
}

func TestUnknownTokenIsIndistinguishable(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()

	unknown := p.get("/j/AAAAAAAAAAAAAAAAAAAAAAAAAA")
	malformed := p.get("/j/x%3Cscript%3E")
	root := p.get("/")
	favicon := p.get("/favicon.ico")

	for _, pg := range []*phonetest.Page{unknown, malformed, root, favicon} {
		assertFriendly(t, pg, http.StatusNotFound, "Página no encontrada")
		assert.NotContains(t, pg.Body, e.ws.Title)
		assert.Empty(t, pg.Forms)
	}
	strip := func(pg *phonetest.Page) string {
		i := strings.Index(pg.Body, `<a class="lang"`)
		j := strings.Index(pg.Body, `</header>`)
		return pg.Body[:i] + pg.Body[j:]
	}
	assert.Equal(t, strip(unknown), strip(malformed), "an unknown token and junk get the same page")
	assert.NotContains(t, malformed.Body, "<script>")

	en := p.get("/j/AAAAAAAAAAAAAAAAAAAAAAAAAA?lang=en")
	assertFriendly(t, en, http.StatusNotFound, "Page not found")
}

func TestFormAddressOpenedDirectlyGoesToJoinPage(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	pg := p.get(e.joinPath() + "/checkin")
	assert.Equal(t, http.StatusOK, pg.Status)
	assert.Equal(t, "Registro", pg.Title())
}

func TestCSRF(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	pg := p.join()
	f, err := pg.Form("/checkin")
	require.NoError(t, err)
	answers := url.Values{"gender": {"female"}, "age_band": {"30-44"}, "role": {"leader"}}

	t.Run("wrong token", func(t *testing.T) {
		vals := url.Values{"sid": {f.Hidden["sid"]}, "csrf": {strings.Repeat("0", 40)}}
		for k, v := range answers {
			vals[k] = v
		}
		assertFriendly(t, p.post(f.Action, vals), http.StatusForbidden, "La página venció")
	})
	t.Run("another phone's token", func(t *testing.T) {
		other := e.phone()
		out, err := other.Submit(f, answers) // the form, without its cookie
		require.NoError(t, err)
		assertFriendly(t, out, http.StatusForbidden, "La página venció")
		other.join() // now it has a cookie, but not the one the token is for
		out, err = other.Submit(f, answers)
		require.NoError(t, err)
		assertFriendly(t, out, http.StatusForbidden, "La página venció")
	})
	t.Run("lost cookie", func(t *testing.T) {
		lost := e.phone()
		lf, err := lost.join().Form("/checkin")
		require.NoError(t, err)
		require.NoError(t, lost.ForgetCookies())
		out, err := lost.Submit(lf, answers)
		require.NoError(t, err)
		assertFriendly(t, out, http.StatusForbidden, "La página venció")
		assert.Contains(t, out.Body, `href="`+e.joinPath()+`"`, "the page leads back to a fresh form")
	})
	assert.Zero(t, e.counts().Total)
}

func TestBadForms(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	e.open(taller.PhaseQuiz)
	e.open(taller.PhaseEvaluation)
	p := e.phone()
	pg := p.get(e.joinPath() + "?then=1") // past the check-in offered first
	f, err := pg.Form("/evaluation")
	require.NoError(t, err)
	base := "sid=" + f.Hidden["sid"] + "&csrf=" + f.Hidden["csrf"] + "&qv=" + f.Hidden["qv"]
	good := base + "&gender=female&age_band=30-44&role=leader"

	cases := []struct {
		name, path, ctype, body string
	}{
		{"unknown gender", "/checkin", "", base + "&gender=robot&age_band=30-44&role=leader"},
		{"unknown age band", "/checkin", "", base + "&gender=female&age_band=33&role=leader"},
		{"unknown field", "/checkin", "", good + "&name=Ana"},
		{"phone number field", "/checkin", "", good + "&phone=77777777"},
		{"field twice", "/checkin", "", good + "&gender=male"},
		{"bad escape", "/checkin", "", good + "&x=%zz"},
		{"invalid utf-8", "/checkin", "", base + "&gender=%ff%fe&age_band=30-44&role=leader"},
		{"semicolon", "/checkin", "", good + ";x=1"},
		{"check-in fields on the quiz", "/quiz", "", good},
		{"bad submission id", "/checkin", "", "sid=a%20b&csrf=" + f.Hidden["csrf"] + "&gender=female&age_band=30-44&role=leader"},
		{"json", "/checkin", "application/json", `{"gender":"female"}`},
		{"multipart", "/checkin", "multipart/form-data; boundary=x", "--x--"},
		{"no content type", "/checkin", "none", good},
		{"rating 6", "/evaluation", "", base + "&q0=1&q1=0&q2=2&r.overall=6&r.usefulness=1&r.clarity=1&r.safety=1&r.recommend=1"},
		{"rating 05", "/evaluation", "", base + "&q0=1&q1=0&q2=2&r.overall=05&r.usefulness=1&r.clarity=1&r.safety=1&r.recommend=1"},
		{"option out of range", "/quiz", "", base + "&q0=3&q1=0&q2=2"},
		{"negative option", "/quiz", "", base + "&q0=-1&q1=0&q2=2"},
		{"question 100", "/quiz", "", base + "&q0=1&q1=0&q2=2&q100=1"},
		{"score sent by phone", "/quiz", "", base + "&q0=1&q1=0&q2=2&score=3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctype := c.ctype
			if ctype == "" {
				ctype = "application/x-www-form-urlencoded"
			} else if ctype == "none" {
				ctype = ""
			}
			out, err := p.PostBody(e.joinPath()+c.path, ctype, c.body)
			require.NoError(t, err)
			assertFriendly(t, out, http.StatusBadRequest, "No pudimos leer el formulario")
			assert.Contains(t, out.Body, `href="`+e.joinPath()+`"`)
		})
	}
	n := e.counts()
	assert.Zero(t, n.Total+n.PreQuiz+n.PostQuiz+n.Evaluations, "no bad form stores anything")
}

func TestBodyTooBig(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseEvaluation)
	p := e.phone()
	f, err := p.join().Form("/evaluation")
	require.NoError(t, err)
	vals := evaluationAnswers(3)
	vals.Set("comment", strings.Repeat("ñ", MaxBodyBytes))
	out, err := p.Submit(f, vals)
	require.NoError(t, err)
	assertFriendly(t, out, http.StatusRequestEntityTooLarge, "Demasiado texto")

	// a body without a length, cut off at the limit
	req := httptest.NewRequest(http.MethodPost, e.joinPath()+"/evaluation", strings.NewReader(strings.Repeat("a=b&", MaxBodyBytes)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: deviceCookie, Value: p.Cookie(deviceCookie)})
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Zero(t, e.counts().Evaluations)

	// a comment just over 1,000 characters (that the page's maxlength would
	// have stopped) is a fixable mistake
	vals.Set("comment", strings.Repeat("a", taller.MaxComment+1))
	out, err = p.Submit(f, vals)
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, out.Status)
	assert.Contains(t, out.Text("err"), "1000")
}

func TestRateLimitSparesLoopback(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.RateLimit = RateLimit{PerMinute: 60, Burst: 5} })
	get := func(remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, e.joinPath(), nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, req)
		return rec
	}
	for range 5 {
		assert.Equal(t, http.StatusOK, get("192.168.137.23:40000").Code)
	}
	rec := get("192.168.137.23:40001")
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, "60", rec.Header().Get("Retry-After"))
	assert.Contains(t, rec.Body.String(), "Demasiados intentos")
	assert.Equal(t, http.StatusOK, get("192.168.137.24:40000").Code, "another phone is not affected")
	for range 50 {
		require.Equal(t, http.StatusOK, get("127.0.0.1:5000").Code, "the laptop itself is never limited")
		require.Equal(t, http.StatusOK, get("[::1]:5000").Code)
	}
}

func TestCheckInCap(t *testing.T) {
	t.Run("workshop cap", func(t *testing.T) {
		e := newEnv(t, nil)
		e.ws.CheckInCap = 1
		require.NoError(t, e.st.UpdateWorkshop(context.Background(), e.ws))
		e.open(taller.PhaseCheckIn)
		a, b := e.phone(), e.phone()
		assert.Equal(t, http.StatusOK, a.checkIn(a.join()).Status)
		assertFriendly(t, b.checkIn(b.join()), http.StatusConflict, "Se alcanzó el máximo de registros")
		assert.NotEmpty(t, a.join().Text("code"), "the first phone still sees its code")
		assert.Equal(t, 1, e.counts().Total)
	})
	t.Run("server cap", func(t *testing.T) {
		e := newEnv(t, func(c *Config) { c.MaxCheckIns = 2 })
		e.open(taller.PhaseCheckIn)
		for range 2 {
			p := e.phone()
			assert.Equal(t, http.StatusOK, p.checkIn(p.join()).Status)
		}
		p := e.phone()
		assertFriendly(t, p.checkIn(p.join()), http.StatusConflict, "Se alcanzó el máximo de registros")
		assert.Equal(t, 2, e.counts().Total)
	})
}

// failing wraps the workshop service to fail the way a broken disk does.
type failing struct {
	taller.WorkshopService
}

func (failing) WorkshopByToken(ctx context.Context, token string) (*taller.Workshop, error) {
	return nil, errors.New("disk I/O error: secret detail")
}

func TestInternalFaultsShowNoDetail(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Workshops = failing{c.Workshops} })
	p := e.phone()
	assertFriendly(t, p.join(), http.StatusInternalServerError, "Algo salió mal")

	e = newEnv(t, func(c *Config) {
		c.Quiz = func(context.Context, string, i18n.Lang) ([]taller.Question, error) {
			panic("runtime error: secret detail")
		}
	})
	e.open(taller.PhaseQuiz)
	p = e.phone()
	assertFriendly(t, p.get(e.joinPath()+"?lang=en"), http.StatusInternalServerError, "Something went wrong")
}

func TestSecurityHeadersAndCookies(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	resp, err := p.Client.Get(e.ts.URL + e.joinPath() + "?lang=en")
	require.NoError(t, err)
	resp.Body.Close()
	h := resp.Header
	assert.Equal(t, "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", h.Get("Content-Security-Policy"))
	assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
	assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	cookies := resp.Cookies()
	require.Len(t, cookies, 2)
	for _, c := range cookies {
		assert.True(t, c.HttpOnly, c.Name)
		assert.Equal(t, http.SameSiteStrictMode, c.SameSite, c.Name)
		assert.Equal(t, "/", c.Path)
	}
}
