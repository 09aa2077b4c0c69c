package participant

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"taller"
	"taller/i18n"
)

// validToken reports whether s has the shape of a join token, so junk never
// reaches the store.
func validToken(s string) bool {
	if len(s) < 16 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// workshop finds the workshop of the request's join token. An unknown
// token and a malformed one get the same 404 page, so the answer never
// tells whether a workshop exists.
func (s *Server) workshop(w http.ResponseWriter, r *http.Request) (*taller.Workshop, bool) {
	// Tokens are upper case (taller.NewID); a phone's keyboard or a
	// retyped link may have lowered them.
	token := strings.ToUpper(r.PathValue("token"))
	if !validToken(token) {
		s.fail(w, r, pageNotFound, nil)
		return nil, false
	}
	ws, err := s.cfg.Workshops.WorkshopByToken(r.Context(), token)
	if err == nil && s.cfg.Allow != nil && !s.cfg.Allow(ws.ID) {
		err = taller.Errorf(taller.ENOTFOUND, "err.workshop.not_found")
	}
	if err != nil {
		if taller.ErrorCode(err) == taller.ENOTFOUND {
			s.fail(w, r, pageNotFound, nil)
		} else {
			s.storeFailed(w, r, ws, err)
		}
		return nil, false
	}
	return ws, true
}

// storeFailed shows the page an error from the domain services deserves.
func (s *Server) storeFailed(w http.ResponseWriter, r *http.Request, ws *taller.Workshop, err error) {
	switch {
	case taller.ErrorCode(err) == taller.ELIMIT:
		s.fail(w, r, pageCap, ws)
	case taller.ErrorCode(err) == taller.EDENIED:
		s.fail(w, r, pageCodeRefused, ws)
	case taller.ErrorCode(err) == taller.EINVALID:
		s.fail(w, r, pageBadForm, ws)
	case taller.ErrorCode(err) == taller.ENOTFOUND:
		s.fail(w, r, pageNotFound, nil)
	case taller.ErrorCode(err) == taller.ECONFLICT:
		s.fail(w, r, pageClosed, ws)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		s.fail(w, r, pageUnavailable, ws)
	default:
		s.log.Error("participant request failed", "err", err)
		s.fail(w, r, pageInternal, ws)
	}
}

// questions returns the workshop's quiz in lang: at most maxQuestions, each
// with options to choose from.
func (s *Server) questions(ctx context.Context, ws *taller.Workshop, lang i18n.Lang) ([]taller.Question, error) {
	if s.cfg.Quiz == nil {
		return nil, nil
	}
	qs, err := s.cfg.Quiz(ctx, ws.ID, lang)
	if err != nil {
		return nil, err
	}
	out := make([]taller.Question, 0, min(len(qs), maxQuestions))
	for _, q := range qs {
		if len(out) == maxQuestions {
			break
		}
		if q.ID != "" && len(q.Options) > 0 && len(q.Options) < 100 {
			out = append(out, q)
		}
	}
	return out, nil
}

// phone is what the server knows of the phone making a request.
type phone struct {
	cookie string // the device cookie's value, never stored
	device string // its hash, as stored
	code   string // participant code, "" when it has not checked in
	done   taller.Answered
}

// codeOr returns the phone's participant code, or else the one typed in
// the form, so a retried form shows the same page as the first answer.
func (p phone) codeOr(vals url.Values) string {
	if p.code != "" {
		return p.code
	}
	return taller.NormalizeCode(taller.CleanText(vals.Get(fieldCode), false))
}

// lookup reads what the phone with device cookie cookie has done: its
// check-in, and its answers when withAnswers is set (a check-in, the
// busiest request, needs them only while the quiz is open).
func (s *Server) lookup(ctx context.Context, ws *taller.Workshop, cookie string, withAnswers bool) (phone, error) {
	p := phone{cookie: cookie, device: DeviceHash(cookie)}
	var err error
	if p.code, err = s.cfg.Attendance.CodeForDevice(ctx, ws.ID, p.device); err != nil || !withAnswers {
		return p, err
	}
	p.done, err = s.cfg.Answers.Answered(ctx, ws.ID, p.device)
	return p, err
}

// handleJoin is the page behind the QR code: it shows whatever is open now
// for this phone.
func (s *Server) handleJoin(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.workshop(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	if l := i18n.Lang(q.Get("lang")); l.Valid() {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/",
			MaxAge: int(cookieLife / time.Second), HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	if t := q.Get("text"); t == textBig || t == textNormal {
		http.SetCookie(w, &http.Cookie{Name: textCookie, Value: t, Path: "/",
			MaxAge: int(cookieLife / time.Second), HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	lang := langOf(r, ws)
	cookie := ensureDevice(w, r)
	p, err := s.lookup(r.Context(), ws, cookie, true)
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	qs, err := s.questions(r.Context(), ws, lang)
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	v := s.newView(r, ws, lang)
	quizOpen := ws.IsOpen(taller.PhaseQuiz) && len(qs) > 0
	// A late arrival is counted first: while check-in is open, a phone
	// that has not checked in gets the check-in before the quiz or the
	// evaluation, with a way past it for whoever checked in on paper or
	// another phone.
	later := ws.IsOpen(taller.PhaseEvaluation) || quizOpen
	if ws.IsOpen(taller.PhaseCheckIn) && p.code == "" && !(later && q.Get("then") != "") {
		if later {
			v.SkipURL = v.Base + "?then=1"
		}
		s.showCheckIn(w, http.StatusOK, v, cookie, nil, nil)
		return
	}
	if ws.IsOpen(taller.PhaseCheckIn) && p.code == "" {
		// Past the check-in: the switches keep it that way.
		v.SwitchURL += "&then=1"
		v.SizeURL += "&then=1"
	}
	switch {
	case ws.IsOpen(taller.PhaseEvaluation):
		if p.done.Evaluation {
			s.showDone(w, v, p.code, "evaluation")
			return
		}
		s.showEvaluation(w, http.StatusOK, v, p, qs, nil, nil)
	case quizOpen:
		if p.done.Pre {
			s.showDone(w, v, p.code, "quiz")
			return
		}
		s.showQuiz(w, http.StatusOK, v, p, qs, nil, nil)
	case ws.IsOpen(taller.PhaseCheckIn):
		v.Code = p.code
		s.render(w, http.StatusOK, "registered", v)
	default:
		s.render(w, http.StatusOK, "closed", v)
	}
}

// handleFormGET sends a form's address opened directly (a bookmark, a
// reload in an odd browser) to the join page.
func (s *Server) handleFormGET(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	switch r.PathValue("form") {
	case "checkin", "quiz", "evaluation":
		if validToken(token) {
			http.Redirect(w, r, "/j/"+strings.ToUpper(token), http.StatusSeeOther)
			return
		}
	}
	s.fail(w, r, pageNotFound, nil)
}

// handleNotFound answers every other address.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, pageNotFound, nil)
}

// readPost reads a form posted to the workshop's pages, checks its CSRF
// token against the phone's device cookie and looks up the phone (see
// lookup); on failure it has shown the error page.
func (s *Server) readPost(w http.ResponseWriter, r *http.Request, ws *taller.Workshop, withAnswers bool) (url.Values, phone, bool) {
	vals, err := readForm(r)
	if err != nil {
		if errors.Is(err, errTooBig) {
			w.Header().Set("Connection", "close")
			s.fail(w, r, pageTooBig, ws)
		} else {
			s.fail(w, r, pageBadForm, ws)
		}
		return nil, phone{}, false
	}
	cookie := deviceValue(r)
	if !s.checkCSRF(cookie, vals.Get(fieldCSRF)) {
		s.fail(w, r, pageCSRF, ws)
		return nil, phone{}, false
	}
	p, err := s.lookup(r.Context(), ws, cookie, withAnswers)
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return nil, phone{}, false
	}
	return vals, p, true
}

// formFailed shows a decoding error: the form again for a fixable mistake
// (through again), the bad-form page otherwise.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, ws *taller.Workshop, err error, again func(fe *formError)) {
	var fix *fixable
	if errors.As(err, &fix) {
		again(&formError{msg: i18n.T(langOf(r, ws), fix.key, fix.args), fields: fix.fields})
		return
	}
	s.fail(w, r, pageBadForm, ws)
}

// handleCheckIn stores a check-in and shows the participant code.
func (s *Server) handleCheckIn(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.workshop(w, r)
	if !ok {
		return
	}
	vals, p, ok := s.readPost(w, r, ws, ws.IsOpen(taller.PhaseQuiz) || ws.IsOpen(taller.PhaseEvaluation))
	if !ok {
		return
	}
	ctx := r.Context()
	lang := langOf(r, ws)
	v := s.newView(r, ws, lang)
	if p.code != "" {
		// Already checked in: a retry, a second tab, a double tap.
		s.showRegistered(w, r, v, ws, p, p.code)
		return
	}
	if !ws.IsOpen(taller.PhaseCheckIn) {
		s.fail(w, r, pageClosed, ws)
		return
	}
	f, err := decodeCheckIn(vals)
	if err != nil {
		s.formFailed(w, r, ws, err, func(fe *formError) { s.showCheckIn(w, http.StatusBadRequest, v, p.cookie, vals, fe) })
		return
	}
	if max := s.cfg.MaxCheckIns; max > 0 && max < ws.CheckInCap {
		n, err := s.cfg.Attendance.Counts(ctx, ws.ID)
		if err != nil {
			s.storeFailed(w, r, ws, err)
			return
		}
		if n.Total-n.Tallied >= max {
			s.fail(w, r, pageCap, ws)
			return
		}
	}
	sl, ok := s.reserve(w, r, ws, countCheckIn, pageTooMany)
	if !ok {
		return
	}
	defer sl.release()
	res, err := s.cfg.Attendance.CheckIn(ctx, &taller.CheckIn{WorkshopID: ws.ID, SubmissionID: f.SID, Device: p.device,
		Gender: f.Gender, AgeBand: f.AgeBand, Role: f.Role, Source: taller.SourcePhone})
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	if !res.Repeat {
		sl.keep()
	}
	s.showRegistered(w, r, v, ws, p, res.Code)
}

// reserve takes the client's slot for one more of kind, or shows why not:
// tooMany when its address has stored its share, pageBusy when the guard
// cannot count one more address.
func (s *Server) reserve(w http.ResponseWriter, r *http.Request, ws *taller.Workshop, kind string, tooMany errorPage) (*slot, bool) {
	sl, verdict := s.guard.reserve(kind, ws.ID, r.RemoteAddr)
	switch verdict {
	case guardTooMany:
		s.fail(w, r, tooMany, ws)
		return nil, false
	case guardFull:
		s.fail(w, r, pageBusy, ws)
		return nil, false
	}
	return sl, true
}

// showRegistered shows the saved check-in with its participant code, and
// the way to the pre-quiz when it is open and waiting.
func (s *Server) showRegistered(w http.ResponseWriter, r *http.Request, v *view, ws *taller.Workshop, p phone, code string) {
	v.Code = code
	switch {
	case ws.IsOpen(taller.PhaseEvaluation):
		v.EvalNext = !p.done.Evaluation
	case ws.IsOpen(taller.PhaseQuiz) && !p.done.Pre:
		qs, err := s.questions(r.Context(), ws, v.Lang)
		v.QuizNext = err == nil && len(qs) > 0
	}
	s.render(w, http.StatusOK, "registered", v)
}

// handleQuiz stores a pre-quiz, scored here.
func (s *Server) handleQuiz(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.workshop(w, r)
	if !ok {
		return
	}
	vals, p, ok := s.readPost(w, r, ws, true)
	if !ok {
		return
	}
	ctx := r.Context()
	lang := langOf(r, ws)
	v := s.newView(r, ws, lang)
	if p.done.Pre {
		s.showDone(w, v, p.codeOr(vals), "quiz")
		return
	}
	qs, err := s.questions(ctx, ws, lang)
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	if !ws.IsOpen(taller.PhaseQuiz) || len(qs) == 0 {
		s.fail(w, r, pageClosed, ws)
		return
	}
	f, err := decodeQuiz(vals, qs)
	if err != nil {
		s.formFailed(w, r, ws, err, func(fe *formError) { s.showQuiz(w, http.StatusBadRequest, v, p, qs, vals, fe) })
		return
	}
	sl, ok := s.reserve(w, r, ws, countQuiz, pageTooManyAnswers)
	if !ok {
		return
	}
	defer sl.release()
	code := p.code
	if code == "" {
		code = f.Code
	}
	res, err := s.cfg.Answers.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: ws.ID, SubmissionID: f.SID, Device: p.device,
		Code: code, Kind: taller.PreQuiz, Answers: f.Answers, Score: f.Score, Total: f.Total, Source: taller.SourcePhone})
	if errors.Is(err, taller.ErrCodeAnswered) {
		s.fail(w, r, pageCodeUsed, ws)
		return
	}
	if taller.ErrorCode(err) == taller.EDENIED {
		s.showQuiz(w, http.StatusConflict, v, p, qs, vals, codeRefused(lang, err))
		return
	}
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	if !res.Repeat {
		sl.keep()
	}
	s.showDone(w, v, code, "quiz")
}

// handleEvaluation stores the post-quiz and the evaluation.
func (s *Server) handleEvaluation(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.workshop(w, r)
	if !ok {
		return
	}
	vals, p, ok := s.readPost(w, r, ws, true)
	if !ok {
		return
	}
	ctx := r.Context()
	lang := langOf(r, ws)
	v := s.newView(r, ws, lang)
	if p.done.Evaluation {
		s.showDone(w, v, p.codeOr(vals), "evaluation")
		return
	}
	if !ws.IsOpen(taller.PhaseEvaluation) {
		s.fail(w, r, pageClosed, ws)
		return
	}
	qs, err := s.questions(ctx, ws, lang)
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	f, err := decodeEvaluation(vals, qs)
	if err != nil {
		s.formFailed(w, r, ws, err, func(fe *formError) { s.showEvaluation(w, http.StatusBadRequest, v, p, qs, vals, fe) })
		return
	}
	sl, ok := s.reserve(w, r, ws, countEvaluation, pageTooManyAnswers)
	if !ok {
		return
	}
	defer sl.release()
	code := p.code
	if code == "" {
		code = f.Code
	}
	// The post-quiz first: a retry after a failure in between finds it
	// stored (same submission id) and goes on to the evaluation.
	if len(qs) > 0 {
		_, err = s.cfg.Answers.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: ws.ID, SubmissionID: f.SID, Device: p.device,
			Code: code, Kind: taller.PostQuiz, Answers: f.Answers, Score: f.Score, Total: f.Total, Source: taller.SourcePhone})
	}
	var res taller.AnswerResult
	if err == nil {
		res, err = s.cfg.Answers.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: ws.ID, SubmissionID: f.SID, Device: p.device,
			Code: code, Ratings: f.Ratings, Apply: f.Apply, Comment: f.Comment, Source: taller.SourcePhone})
	}
	if errors.Is(err, taller.ErrCodeAnswered) {
		s.fail(w, r, pageCodeUsed, ws)
		return
	}
	if taller.ErrorCode(err) == taller.EDENIED {
		s.showEvaluation(w, http.StatusConflict, v, p, qs, vals, codeRefused(lang, err))
		return
	}
	if err != nil {
		s.storeFailed(w, r, ws, err)
		return
	}
	if !res.Repeat {
		sl.keep()
	}
	s.showDone(w, v, code, "evaluation")
}

// formError is a fixable mistake shown on a form again: the message, and
// the fields to mark.
type formError struct {
	msg    string
	fields []string
}

// codeRefused is the form error of a participant code the store refused:
// its message, in lang, says why and sends the person to the facilitator.
func codeRefused(lang i18n.Lang, err error) *formError {
	return &formError{msg: taller.Message(lang, err), fields: []string{fieldCode}}
}

// markErrors puts a form error on the view: the message on top, linked to
// the first field at fault, and each of those fields marked.
func markErrors(v *view, fe *formError) {
	if fe == nil {
		return
	}
	v.Error = fe.msg
	v.Bad = map[string]bool{}
	for _, f := range fe.fields {
		v.Bad[f] = true
	}
	if len(fe.fields) > 0 {
		v.ErrAt = fieldID(fe.fields[0])
	}
}

func (s *Server) showCheckIn(w http.ResponseWriter, status int, v *view, cookie string, vals url.Values, fe *formError) {
	s.formView(v, cookie, vals)
	markErrors(v, fe)
	v.Groups = []groupView{
		group(v, fieldGender, "web.checkin.gender", choices(v.Lang, "gender.", taller.Genders, vals.Get(fieldGender))),
		group(v, fieldAgeBand, "web.checkin.age", choices(v.Lang, "age.", taller.AgeBands, vals.Get(fieldAgeBand))),
		group(v, fieldRole, "web.checkin.role", choices(v.Lang, "role.", taller.Roles, vals.Get(fieldRole))),
	}
	s.render(w, status, "checkin", v)
}

func (s *Server) showQuiz(w http.ResponseWriter, status int, v *view, p phone, qs []taller.Question, vals url.Values, fe *formError) {
	s.formView(v, p.cookie, vals)
	markErrors(v, fe)
	v.Questions, v.QuizVer = questionViews(qs, keptAnswers(qs, vals), v.Bad), quizVersion(qs)
	v.NeedCode = p.code == ""
	v.CodeValue = taller.CleanText(vals.Get(fieldCode), false)
	s.render(w, status, "quiz", v)
}

func (s *Server) showEvaluation(w http.ResponseWriter, status int, v *view, p phone, qs []taller.Question, vals url.Values, fe *formError) {
	s.formView(v, p.cookie, vals)
	markErrors(v, fe)
	v.Questions, v.QuizVer = questionViews(qs, keptAnswers(qs, vals), v.Bad), quizVersion(qs)
	v.Ratings = ratingViews(v.Lang, vals, v.Bad)
	v.NeedCode = p.code == ""
	v.CodeValue = taller.CleanText(vals.Get(fieldCode), false)
	v.Apply = taller.CleanText(vals.Get(fieldApply), false)
	v.Comment = taller.CleanText(vals.Get(fieldComment), true)
	s.render(w, status, "evaluation", v)
}

// keptAnswers returns the answers to show again on a re-shown form: none
// when they were given to other questions.
func keptAnswers(qs []taller.Question, vals url.Values) url.Values {
	if vals.Get(fieldQuiz) != quizVersion(qs) {
		return nil
	}
	return vals
}

func (s *Server) showDone(w http.ResponseWriter, v *view, code, what string) {
	v.Code = code
	v.Done = what
	s.render(w, http.StatusOK, "done", v)
}
