package participant

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"taller"
)

// Form field names.
const (
	fieldSID     = "sid"  // submission id: a retry with it writes nothing new
	fieldCSRF    = "csrf" // see Server.csrfToken
	fieldCode    = "code" // participant code typed by a phone that lost its cookie
	fieldGender  = "gender"
	fieldAgeBand = "age_band"
	fieldRole    = "role"
	fieldApply   = "apply"
	fieldComment = "comment"
	fieldQuiz    = "qv" // which questions the form asked: quizVersion
	prefixQ      = "q"  // q<n> → option chosen for the n-th question, from 0
	prefixRating = "r." // r.<likert item> → 1..5
)

// maxFields bounds the fields of one form: the largest has about 20.
const maxFields = 64

// errBadForm is a form no page of ours produces: unknown or repeated
// fields, values outside their enumeration, broken encoding. It gets the
// "bad form" page.
var errBadForm = errors.New("bad form")

// errTooBig is a body over MaxBodyBytes.
var errTooBig = errors.New("form too big")

// fixable is a mistake the person can fix (a question left unanswered, a
// mistyped code): the form is shown again with the message and their
// answers kept, and each field at fault marked.
type fixable struct {
	key    string
	args   map[string]any
	fields []string // the form fields at fault, in page order
}

// missing is the mistake of leaving the fields unanswered.
func missing(fields []string) *fixable { return &fixable{key: "web.err.missing", fields: fields} }

func (f *fixable) Error() string { return f.key }

// errQuizChanged is a quiz answered on a page that showed other questions
// than the workshop's quiz has now: the form is shown again, with the
// current questions.
var errQuizChanged = &fixable{key: "web.err.quiz_changed"}

// readForm reads a POST body as an urlencoded form.
func readForm(r *http.Request) (url.Values, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, errBadForm
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errTooBig
		}
		return nil, errBadForm
	}
	return parseBody(body)
}

// parseBody decodes an urlencoded body strictly: valid escapes, valid
// UTF-8, no field twice, a bounded number of fields.
func parseBody(body []byte) (url.Values, error) {
	if len(body) > MaxBodyBytes {
		return nil, errTooBig
	}
	v, err := url.ParseQuery(string(body))
	if err != nil || len(v) > maxFields {
		return nil, errBadForm
	}
	for k, vs := range v {
		if len(vs) != 1 || !utf8.ValidString(k) || !utf8.ValidString(vs[0]) || len(k) > 200 {
			return nil, errBadForm
		}
	}
	return v, nil
}

// checkKeys refuses fields a page of ours never sends. The prefix "q"
// stands for the question fields q0, q1, … q99.
func checkKeys(v url.Values, allowed ...string) error {
	for k := range v {
		ok := false
		for _, a := range allowed {
			if k == a || a == prefixQ && isQuestionField(k) {
				ok = true
				break
			}
		}
		if !ok {
			return errBadForm
		}
	}
	return nil
}

func isQuestionField(k string) bool {
	_, ok := smallInt(strings.TrimPrefix(k, prefixQ))
	return strings.HasPrefix(k, prefixQ) && ok
}

// questionField names the form field of the i-th question. Fields are
// numbered rather than named by question id to keep pages small; the form
// carries quizVersion so answers never meet other questions.
func questionField(i int) string { return prefixQ + strconv.Itoa(i) }

// quizVersion identifies a list of questions: the quiz can change while a
// page is open (the facilitator edits the agenda), and answers numbered
// for one list must not be scored against another.
func quizVersion(qs []taller.Question) string {
	h := sha256.New()
	for _, q := range qs {
		h.Write([]byte(q.ID))
		h.Write([]byte{0, byte(len(q.Options))})
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// submissionID reads the form's submission id, which must look like one
// the page made.
func submissionID(v url.Values) (string, error) {
	sid := v.Get(fieldSID)
	if len(sid) < 8 || len(sid) > taller.SubmissionIDLen {
		return "", errBadForm
	}
	for _, r := range sid {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return "", errBadForm
		}
	}
	return sid, nil
}

// checkInForm is a decoded check-in.
type checkInForm struct {
	SID     string
	Gender  taller.Gender
	AgeBand taller.AgeBand
	Role    taller.Role
}

// decodeCheckIn reads the check-in form.
func decodeCheckIn(v url.Values) (checkInForm, error) {
	var f checkInForm
	if err := checkKeys(v, fieldSID, fieldCSRF, fieldGender, fieldAgeBand, fieldRole); err != nil {
		return f, err
	}
	sid, err := submissionID(v)
	if err != nil {
		return f, err
	}
	f.SID = sid
	var miss []string
	if s, ok := one(v, fieldGender); !ok {
		miss = append(miss, fieldGender)
	} else if f.Gender = taller.Gender(s); !f.Gender.Valid() {
		return f, errBadForm
	}
	if s, ok := one(v, fieldAgeBand); !ok {
		miss = append(miss, fieldAgeBand)
	} else if f.AgeBand = taller.AgeBand(s); !f.AgeBand.Valid() {
		return f, errBadForm
	}
	if s, ok := one(v, fieldRole); !ok {
		miss = append(miss, fieldRole)
	} else if f.Role = taller.Role(s); !f.Role.Valid() {
		return f, errBadForm
	}
	if miss != nil {
		return f, missing(miss)
	}
	return f, nil
}

// one returns a field's value and whether it was given (non-empty).
func one(v url.Values, name string) (string, bool) {
	s := v.Get(name)
	return s, s != ""
}

// quizForm is a decoded quiz: the answers, the score computed here from the
// questions' right answers, and the participant code typed, if any.
type quizForm struct {
	SID     string
	Code    string
	Answers map[string]int
	Score   int
	Total   int
}

// decodeQuiz reads the pre-quiz form for questions qs.
func decodeQuiz(v url.Values, qs []taller.Question) (quizForm, error) {
	if err := checkKeys(v, fieldSID, fieldCSRF, fieldCode, fieldQuiz, prefixQ); err != nil {
		return quizForm{}, err
	}
	return decodeAnswers(v, qs)
}

// decodeAnswers reads the submission id, the participant code and the
// answers to qs; the caller has checked the field names.
func decodeAnswers(v url.Values, qs []taller.Question) (quizForm, error) {
	f := quizForm{Answers: map[string]int{}, Total: len(qs)}
	sid, err := submissionID(v)
	if err != nil {
		return f, err
	}
	f.SID = sid
	if len(qs) > 0 && v.Get(fieldQuiz) != quizVersion(qs) {
		return f, errQuizChanged
	}
	var miss []string
	for i, q := range qs {
		s, ok := one(v, questionField(i))
		if !ok {
			miss = append(miss, questionField(i))
			continue
		}
		n, ok := smallInt(s)
		if !ok || n >= len(q.Options) {
			return f, errBadForm
		}
		f.Answers[q.ID] = n
	}
	f.Score = taller.ScoreQuiz(qs, f.Answers)
	if s, ok := one(v, fieldCode); ok {
		s = taller.CleanText(s, false)
		f.Code = taller.NormalizeCode(s)
		if f.Code == "" && s != "" {
			return f, &fixable{key: "web.err.code", fields: []string{fieldCode}}
		}
	}
	if miss != nil {
		return f, missing(miss)
	}
	return f, nil
}

// smallInt reads 0..99 written as plain digits, nothing else.
func smallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// evaluationForm is a decoded evaluation with its post-quiz.
type evaluationForm struct {
	quizForm
	Ratings map[taller.LikertItem]int
	Apply   string
	Comment string
}

// decodeEvaluation reads the evaluation form: the post-quiz on questions
// qs, the ratings and the two texts.
func decodeEvaluation(v url.Values, qs []taller.Question) (evaluationForm, error) {
	f := evaluationForm{Ratings: map[taller.LikertItem]int{}}
	allowed := []string{fieldSID, fieldCSRF, fieldCode, fieldApply, fieldComment, fieldQuiz, prefixQ}
	for _, it := range taller.LikertItems {
		allowed = append(allowed, prefixRating+string(it))
	}
	if err := checkKeys(v, allowed...); err != nil {
		return f, err
	}
	var fix *fixable
	qf, err := decodeAnswers(v, qs)
	f.quizForm = qf
	if err != nil && !errors.As(err, &fix) {
		return f, err
	}
	if fix == errQuizChanged {
		return f, fix
	}
	var miss []string
	if fix != nil && fix.key == "web.err.missing" {
		miss = fix.fields
	}
	for _, it := range taller.LikertItems {
		s, ok := one(v, prefixRating+string(it))
		if !ok {
			miss = append(miss, prefixRating+string(it))
			continue
		}
		if len(s) != 1 || s[0] < '1' || s[0] > '5' {
			return f, errBadForm
		}
		f.Ratings[it] = int(s[0] - '0')
	}
	f.Apply = taller.CleanText(v.Get(fieldApply), false)
	f.Comment = taller.CleanText(v.Get(fieldComment), true)
	ev := taller.Evaluation{Apply: f.Apply, Comment: f.Comment}
	long, max := ev.LongText()
	switch {
	case fix != nil && fix.key == "web.err.code":
		return f, fix
	case miss != nil:
		return f, missing(miss)
	case long != "":
		return f, &fixable{key: "web.err.too_long", args: map[string]any{"Max": max}, fields: []string{long}}
	}
	return f, nil
}
