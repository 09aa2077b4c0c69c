package participant

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

// fromLAN makes every request of e's phones come from addr, as phones on
// the hotspot do (the test server itself listens on loopback, which is
// never limited).
func fromLAN(e *env, addr string) {
	lan := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = addr
		e.srv.ServeHTTP(w, r)
	}))
	e.t.Cleanup(lan.Close)
	e.ts = lan
}

func TestOnePhoneClearingCookiesCannotFillTheWorkshop(t *testing.T) {
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	fromLAN(e, "192.168.137.40:50000")
	for i := range DefaultCheckInsPerAddress {
		p := e.phone() // a fresh cookie jar: the same phone after clearing its cookies
		require.Equal(t, http.StatusOK, p.checkIn(p.join()).Status, "check-in %d", i+1)
	}
	p := e.phone()
	assertFriendly(t, p.checkIn(p.join()), http.StatusTooManyRequests, "Este celular ya registró a varias personas")
	assert.Equal(t, DefaultCheckInsPerAddress, e.counts().Total)

	fromLAN(e, "192.168.137.41:50000")
	other := e.phone()
	assert.Equal(t, http.StatusOK, other.checkIn(other.join()).Status, "another phone is not affected")
}

func TestRetriesDoNotCountAgainstTheAddress(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.CheckInsPerAddress = 1 })
	e.open(taller.PhaseCheckIn)
	fromLAN(e, "192.168.137.42:50000")
	p := e.phone()
	pg := p.join()
	f, err := pg.Form("/checkin")
	require.NoError(t, err)
	vals := map[string][]string{"gender": {"male"}, "age_band": {"18-29"}, "role": {"community"}}
	for range 3 {
		out, err := p.Submit(f, vals)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, out.Status, "a retried submission shows the saved page again")
	}
	assert.Equal(t, 1, e.counts().Total)
}

func TestServerServesOnlyItsWorkshops(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Allow = func(id string) bool { return false } })
	e.open(taller.PhaseCheckIn)
	p := e.phone()
	assertFriendly(t, p.join(), http.StatusNotFound, "Página no encontrada")
	assert.Zero(t, e.counts().Total)
}

func TestLanguageLinkNeverLeavesTheLaptop(t *testing.T) {
	// The rate-limit page is shown before routing cleans the path.
	e := newEnv(t, func(c *Config) { c.RateLimit = RateLimit{PerMinute: 1, Burst: 1} })
	get := func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "http://192.168.137.1:8080/", nil)
		req.URL.Path = path // as a raw request line "GET //evil.example/x" gives it
		req.RemoteAddr = "192.168.137.43:50000"
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, req)
		return rec
	}
	get(e.joinPath())
	rec := get("//evil.example/x")
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.NotContains(t, rec.Body.String(), "evil.example")
	assert.Contains(t, rec.Body.String(), `href="/?lang=en"`)
}
