package participant

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func TestDecodeCheckIn(t *testing.T) {
	f, err := decodeCheckIn(url.Values{"sid": {"abcdefgh12"}, "csrf": {"x"}, "gender": {"undisclosed"}, "age_band": {"under18"}, "role": {"civil_society"}})
	require.NoError(t, err)
	assert.Equal(t, checkInForm{SID: "abcdefgh12", Gender: taller.Undisclosed, AgeBand: "under18", Role: "civil_society"}, f)

	_, err = decodeCheckIn(url.Values{"sid": {"abcdefgh12"}, "gender": {"female"}})
	var fix *fixable
	assert.ErrorAs(t, err, &fix)

	for _, bad := range []url.Values{
		{"sid": {"short"}, "gender": {"female"}, "age_band": {"18-29"}, "role": {"other"}},
		{"sid": {"abcdefgh12"}, "gender": {"Female"}, "age_band": {"18-29"}, "role": {"other"}},
		{"sid": {"abcdefgh12"}, "gender": {"female"}, "age_band": {"18-29"}, "role": {"other"}, "ip": {"1.2.3.4"}},
	} {
		_, err := decodeCheckIn(bad)
		assert.ErrorIs(t, err, errBadForm, bad)
	}
}

func TestDecodeEvaluationCleansText(t *testing.T) {
	v := url.Values{"sid": {"abcdefgh12"}, "qv": {quizVersion(testQuiz)}, "q0": {"1"}, "q1": {"1"}, "q2": {"2"},
		"apply": {"  Hablar\x1b[31m con\tvecinas\r\n "}, "comment": {"Línea 1\r\nLínea 2\u202e\x00"}}
	for _, it := range taller.LikertItems {
		v.Set("r."+string(it), "5")
	}
	f, err := decodeEvaluation(v, testQuiz)
	require.NoError(t, err)
	assert.Equal(t, "Hablar con vecinas", f.Apply, "control characters, escape sequences and line breaks dropped")
	assert.Equal(t, "Línea 1\nLínea 2", f.Comment, "bidi controls dropped")
	assert.Equal(t, 2, f.Score)
	assert.Equal(t, 3, f.Total)
	assert.Equal(t, map[string]int{"m1.1": 1, "m1.2": 1, "m2.1": 2}, f.Answers)
}

func TestParseBodyIsStrict(t *testing.T) {
	for _, body := range []string{"a=1&a=2", "a=%", "a=%C3", "a;b", strings.Repeat("k", 201) + "=1", strings.Repeat("a=1&", 0) + manyFields(65)} {
		_, err := parseBody([]byte(body))
		assert.ErrorIs(t, err, errBadForm, body)
	}
	_, err := parseBody([]byte(strings.Repeat("a", MaxBodyBytes+1)))
	assert.ErrorIs(t, err, errTooBig)
	v, err := parseBody([]byte("a=1&b=%C3%B1"))
	require.NoError(t, err)
	assert.Equal(t, "ñ", v.Get("b"))
}

func manyFields(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("f" + strings.Repeat("x", i) + "=1&")
	}
	return b.String()
}

// FuzzDecodeForm posts random bodies to the three forms. Whatever the body,
// the server never answers 500 and never stores a row from a body it
// refuses. Run with go test -fuzz FuzzDecodeForm ./participant; the seed
// corpus is in testdata/fuzz/FuzzDecodeForm.
func FuzzDecodeForm(f *testing.F) {
	f.Add("checkin", "sid=abcdefgh12&gender=female&age_band=30-44&role=leader")
	f.Add("quiz", "sid=abcdefgh12&code=K7QX4&q0=1&q1=0&q2=2")
	f.Add("evaluation", "sid=abcdefgh12&q0=1&q1=0&q2=2&r.overall=5&r.usefulness=4&r.clarity=3&r.safety=2&r.recommend=1&apply=x&comment=y")
	f.Add("checkin", "gender=%ff&sid=%00%00%00%00%00%00%00%00")
	f.Add("evaluation", "r.overall=6&comment="+strings.Repeat("%E2%80%AE", 400))

	shared := newEnv(f, nil)
	for _, p := range taller.Phases {
		shared.open(p)
	}
	cookie := taller.NewID()
	csrf := shared.srv.csrfToken(cookie)

	f.Fuzz(func(t *testing.T, form, body string) {
		path := map[string]string{"checkin": "/checkin", "quiz": "/quiz", "evaluation": "/evaluation"}[form]
		if path == "" {
			path = "/" + url.PathEscape(form)
		}

		// Decoding alone: whatever it accepts is within the rules.
		if v, err := parseBody([]byte(body)); err == nil {
			checkDecoded(t, v)
		}

		e := *shared
		e.t = t
		before := e.counts()
		for _, withToken := range []bool{false, true} {
			b := body
			if withToken {
				b = "csrf=" + csrf + "&qv=" + quizVersion(testQuiz) + "&" + body
			}
			req := httptest.NewRequest(http.MethodPost, e.joinPath()+path, strings.NewReader(b))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: deviceCookie, Value: cookie})
			rec := httptest.NewRecorder()
			e.srv.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("status %d for %q", rec.Code, b)
			}
			after := e.counts()
			stored := after.Total+after.PreQuiz+after.PostQuiz+after.Evaluations != before.Total+before.PreQuiz+before.PostQuiz+before.Evaluations
			if stored && (!withToken || rec.Code != http.StatusOK) {
				t.Fatalf("a row was stored for a refused body %q (status %d)", b, rec.Code)
			}
			before = after
		}
	})
}

// checkDecoded asserts what any accepted form must satisfy.
func checkDecoded(t *testing.T, v url.Values) {
	if c, err := decodeCheckIn(v); err == nil {
		if !c.Gender.Valid() || !c.AgeBand.Valid() || !c.Role.Valid() {
			t.Fatalf("check-in accepted with bad enums: %+v", c)
		}
	}
	if q, err := decodeQuiz(v, testQuiz); err == nil {
		if q.Total != len(testQuiz) || q.Score < 0 || q.Score > q.Total || len(q.Answers) != q.Total {
			t.Fatalf("quiz accepted with bad answers: %+v", q)
		}
		if q.Code != "" && taller.NormalizeCode(q.Code) != q.Code {
			t.Fatalf("quiz accepted with bad code %q", q.Code)
		}
	}
	if ev, err := decodeEvaluation(v, testQuiz); err == nil {
		for _, it := range taller.LikertItems {
			if r := ev.Ratings[it]; r < 1 || r > 5 {
				t.Fatalf("evaluation accepted with rating %d", r)
			}
		}
		for _, s := range []string{ev.Apply, ev.Comment} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 accepted: %q", s)
			}
			for _, r := range s {
				if r != '\n' && unicode.IsControl(r) {
					t.Fatalf("control character accepted: %q", s)
				}
			}
		}
		if utf8.RuneCountInString(ev.Apply) > taller.MaxApply || utf8.RuneCountInString(ev.Comment) > taller.MaxComment {
			t.Fatalf("text over the limit accepted")
		}
	}
}
