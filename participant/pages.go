package participant

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"taller"
	"taller/assets"
	"taller/i18n"
)

// pageNames are the templates under assets/web, each filled into
// layout.html.
var pageNames = []string{"checkin", "registered", "quiz", "evaluation", "done", "closed", "error"}

// pages holds the parsed templates, one per page.
type pages struct {
	byName map[string]*template.Template
}

func mustParsePages() *pages {
	p, err := parsePages(assets.Web)
	if err != nil {
		panic("participant pages: " + err.Error())
	}
	return p
}

// pageCSS names the sections of style.css each page needs beyond the
// first, common one: a page carries only the rules it uses.
var pageCSS = map[string][]string{
	"checkin":    {"form"},
	"quiz":       {"form"},
	"evaluation": {"form", "scale"},
	"registered": {"result"},
	"done":       {"result"},
}

// splitCSS cuts a style sheet into its sections: the rules before the
// first "/*@name: what it is for */" line are section "", each marked
// section runs to the next mark.
func splitCSS(css []byte) map[string]string {
	out := map[string]string{}
	name := ""
	for _, line := range strings.Split(string(css), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "/*@"); ok {
			name, _, _ = strings.Cut(rest, ":")
			continue
		}
		out[name] += line
	}
	return out
}

func parsePages(fsys fs.FS) (*pages, error) {
	css, err := fs.ReadFile(fsys, "web/style.css")
	if err != nil {
		return nil, err
	}
	sections := splitCSS(css)
	funcs := template.FuncMap{
		"t":   func(lang i18n.Lang, key string, args ...any) string { return i18n.T(lang, key, args...) },
		"css": func() template.CSS { return "" },
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "web/layout.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		style := sections[""]
		for _, sec := range pageCSS[name] {
			style += sections[sec]
		}
		t, err := template.Must(base.Clone()).Funcs(template.FuncMap{"css": func() template.CSS { return template.CSS(style) }}).
			ParseFS(fsys, "web/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.byName[name] = t
	}
	return p, nil
}

// view is what every page template gets; each page uses the fields it
// needs.
type view struct {
	Lang      i18n.Lang
	Switch    i18n.Lang // the language the switch offers
	SwitchURL string
	SizeURL   string // the larger-text switch (or back to normal)
	Big       bool   // larger text, chosen with the switch
	Base      string // "/j/<token>", or "" when no workshop is known
	Title     string // the workshop's title, shown small at the top

	// Forms.
	SID, CSRF string
	QuizVer   string          // quizVersion of Questions
	Error     string          // a fixable mistake, translated
	ErrAt     string          // the id of the first field at fault, which the message links to
	Bad       map[string]bool // the form fields at fault, by name
	SkipURL   string          // past the check-in, for who checked in on paper or another phone
	Groups    []groupView     // the check-in's questions
	Questions []questionView
	Ratings   []ratingView
	NeedCode  bool   // the phone has no check-in: offer the participant code field
	CodeValue string // what was typed in that field
	Apply     string
	Comment   string
	MaxApply  int
	MaxText   int

	// Result pages.
	Code     string // participant code to show
	QuizNext bool   // the pre-quiz is open and waiting for this phone
	EvalNext bool   // the evaluation is open and waiting for this phone
	Done     string // "quiz" or "evaluation"

	// Error page.
	ErrTitle, ErrText string
}

// choice is one radio button.
type choice struct {
	Value, Label string
	Checked      bool
}

// groupView is one question of the check-in: a group of radio buttons.
type groupView struct {
	Name, ID, Legend string
	Bad              bool // left unanswered
	Options          []choice
}

func group(v *view, name, legend string, options []choice) groupView {
	return groupView{Name: name, ID: fieldID(name), Legend: i18n.T(v.Lang, legend), Bad: v.Bad[name], Options: options}
}

// questionView is a quiz question on a form.
type questionView struct {
	Number           int
	Name, ID, Prompt string
	Bad              bool // left unanswered
	Options          []choice
}

// ratingView is a 1–5 item of the evaluation.
type ratingView struct {
	Name, ID, Label, Scale string
	Bad                    bool // left unanswered
	Options                []choice
}

// fieldID is the id of the element that holds form field name on a page
// (a fieldset for a radio group, the input for a text).
func fieldID(name string) string {
	switch name {
	case fieldCode, fieldApply, fieldComment:
		return name
	}
	return "f-" + strings.ReplaceAll(name, ".", "-")
}

// newView starts a page for workshop ws (nil when none is known).
func (s *Server) newView(r *http.Request, ws *taller.Workshop, lang i18n.Lang) *view {
	v := &view{Lang: lang, Switch: i18n.English, Big: bigText(r)}
	if lang == i18n.English {
		v.Switch = i18n.Spanish
	}
	// The switches lead back to the page they are on, never to another
	// path: "//host/x" would lead off the laptop.
	self := "/"
	if ws != nil {
		v.Base = "/j/" + ws.JoinToken
		v.Title = ws.Title
		self = v.Base
	} else if p := strings.TrimSuffix(r.URL.Path, "/"); r.Method == http.MethodGet && strings.HasPrefix(p, "/j/") && validToken(strings.TrimPrefix(p, "/j/")) {
		self = p
	}
	v.SwitchURL = self + "?lang=" + string(v.Switch)
	v.SizeURL = self + "?text=" + textBig
	if v.Big {
		v.SizeURL = self + "?text=" + textNormal
	}
	return v
}

// formView fills the fields every form has, keeping a re-shown form's
// submission id and answers.
func (s *Server) formView(v *view, device string, vals url.Values) {
	v.CSRF = s.csrfToken(device)
	v.SID = taller.NewID()
	if sid, err := submissionID(vals); vals != nil && err == nil {
		v.SID = sid
	}
	v.MaxApply, v.MaxText = taller.MaxApply, taller.MaxComment
}

func choices[T ~string](lang i18n.Lang, prefix string, values []T, picked string) []choice {
	out := make([]choice, len(values))
	for i, val := range values {
		out[i] = choice{Value: string(val), Label: i18n.T(lang, prefix+string(val)), Checked: string(val) == picked}
	}
	return out
}

func questionViews(qs []taller.Question, vals url.Values, bad map[string]bool) []questionView {
	out := make([]questionView, len(qs))
	for i, q := range qs {
		name := questionField(i)
		qv := questionView{Number: i + 1, Name: name, ID: fieldID(name), Bad: bad[name], Prompt: q.Prompt, Options: make([]choice, len(q.Options))}
		for j, o := range q.Options {
			val := strconv.Itoa(j)
			qv.Options[j] = choice{Value: val, Label: o, Checked: vals.Get(name) == val}
		}
		out[i] = qv
	}
	return out
}

func ratingViews(lang i18n.Lang, vals url.Values, bad map[string]bool) []ratingView {
	out := make([]ratingView, len(taller.LikertItems))
	for i, it := range taller.LikertItems {
		name := prefixRating + string(it)
		scale := "web.eval.scale"
		if it == "overall" {
			scale = "web.eval.scale_overall"
		}
		rv := ratingView{Name: name, ID: fieldID(name), Bad: bad[name], Label: i18n.T(lang, "likert."+string(it)), Scale: i18n.T(lang, scale)}
		for n := 1; n <= 5; n++ {
			val := strconv.Itoa(n)
			rv.Options = append(rv.Options, choice{Value: val, Label: val, Checked: vals.Get(name) == val})
		}
		out[i] = rv
	}
	return out
}

// render writes page name with status. The page is built in memory first,
// so a template fault never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v *view) {
	var b bytes.Buffer
	if err := s.pages.byName[name].ExecuteTemplate(&b, "layout", v); err != nil {
		s.log.Error("render participant page", "page", name, "err", err)
		lang := i18n.Spanish
		if v != nil {
			lang = v.Lang
		}
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString("<!doctype html><meta charset=utf-8><title>Taller</title><p>" +
			template.HTMLEscapeString(i18n.T(lang, "web.err.internal.text")))
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// errorPage is one of the friendly error pages: an HTTP status and the
// kind that names its texts (web.err.<kind>.title and .text).
type errorPage struct {
	status int
	kind   string
}

// The error pages.
var (
	pageNotFound = errorPage{http.StatusNotFound, "notfound"}
	pageBadForm  = errorPage{http.StatusBadRequest, "badform"}
	pageCSRF     = errorPage{http.StatusForbidden, "csrf"}
	pageTooBig   = errorPage{http.StatusRequestEntityTooLarge, "toobig"}
	pageClosed   = errorPage{http.StatusConflict, "closed"}
	pageCap      = errorPage{http.StatusConflict, "cap"}
	pageTooMany  = errorPage{http.StatusTooManyRequests, "toomany"}
	// pageTooManyAnswers: this address sent its share of quizzes or
	// evaluations.
	pageTooManyAnswers = errorPage{http.StatusTooManyRequests, "toomany_answers"}
	// pageCodeRefused: a participant code the store refused, where no
	// form can be shown again.
	pageCodeRefused = errorPage{http.StatusConflict, "code_refused"}
	// pageCodeUsed: another submission (a paper sheet, another phone)
	// already gave this answer with the phone's code; never "saved".
	pageCodeUsed = errorPage{http.StatusConflict, "code_used"}
	// pageBusy: the address guard's memory is full and cannot count one
	// more address (see addrGuard).
	pageBusy        = errorPage{http.StatusServiceUnavailable, "busy"}
	pageInternal    = errorPage{http.StatusInternalServerError, "internal"}
	pageUnavailable = errorPage{http.StatusServiceUnavailable, "unavailable"}
)

// fail shows an error page in the phone's language; ws is the workshop
// when one is known (its link then leads back to the join page).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, e errorPage, ws *taller.Workshop) {
	v := s.newView(r, ws, langOf(r, ws))
	v.ErrTitle = i18n.T(v.Lang, "web.err."+e.kind+".title")
	v.ErrText = i18n.T(v.Lang, "web.err."+e.kind+".text")
	s.render(w, e.status, "error", v)
}

// The larger-text switch: a cookie, so it needs no JavaScript.
const (
	textCookie = "taller_text"
	textBig    = "big"
	textNormal = "normal"
)

// bigText reports whether the page is wanted in larger text: ?text=,
// then the cookie.
func bigText(r *http.Request) bool {
	if t := r.URL.Query().Get("text"); t == textBig || t == textNormal {
		return t == textBig
	}
	c, err := r.Cookie(textCookie)
	return err == nil && c.Value == textBig
}

// langOf picks the page language: ?lang=, then the language cookie, then
// the workshop's language, then Spanish.
func langOf(r *http.Request, ws *taller.Workshop) i18n.Lang {
	if l := i18n.Lang(r.URL.Query().Get("lang")); l.Valid() {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.Lang(c.Value).Valid() {
		return i18n.Lang(c.Value)
	}
	if ws != nil && ws.Language.Valid() {
		return ws.Language
	}
	return i18n.Spanish
}
