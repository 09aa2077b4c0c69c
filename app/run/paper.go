package run

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"taller"
	"taller/app/ui"
	"taller/i18n"
)

// Paper forms: the facilitator types in the sheet of a participant who had
// no phone. The questions are the phone pages' own, in the workshop's
// language (the language of the sheet); each saved sheet gets a fresh
// submission id and the source "paper". The dialog stays open for the
// next sheet.

// paperForm is one open paper-form dialog.
type paperForm struct {
	s       *Screen
	f       *ui.FormDialog
	msg     *widget.Label
	content *fyne.Container
	wl      i18n.Lang
	radio   []*widget.RadioGroup
	code    *ui.Entry // the participant code, on forms that ask for it
	scroll  *container.Scroll
}

func (s *Screen) newPaperForm() *paperForm {
	p := &paperForm{s: s, wl: s.data.ws.Language}
	p.msg = widget.NewLabel("")
	p.msg.Wrapping = fyne.TextWrapWord
	p.msg.Hide()
	return p
}

// open shows the form's dialog; save runs on the save button and on
// Enter.
func (p *paperForm) open(title string, body fyne.CanvasObject, save func() bool) {
	u := p.s.u
	p.scroll = container.NewVScroll(container.NewPadded(body))
	content := container.NewBorder(nil, p.msg, nil, nil, p.scroll)
	p.content = content
	p.f = u.Dialogs().Form(title, t("app.paper.save"), content, save)
	// The dialog stays open for the next sheet: its other button closes it.
	p.f.Cancel.SetText(t("app.paper.close"))
	size := u.Dialogs().Window().Canvas().Size()
	p.f.D.Resize(fyne.NewSize(min(760, size.Width-40), min(640, size.Height-40)))
	p.s.lastPaper = p
	u.Dialogs().Show(p.f.D)
}

// choice is a radio group whose options are translation keys of the
// workshop's language; it gives back the chosen value.
func (p *paperForm) choice(values []string, prefix string, horizontal bool) *widget.RadioGroup {
	opts := make([]string, len(values))
	for i, v := range values {
		opts[i] = i18n.T(p.wl, prefix+v)
	}
	return p.radioGroup(opts, horizontal)
}

// radioGroup is a group of options tracked for clearing.
func (p *paperForm) radioGroup(opts []string, horizontal bool) *widget.RadioGroup {
	r := widget.NewRadioGroup(opts, nil)
	r.Horizontal = horizontal
	r.OnChanged = func(string) {
		// A focused radio keeps Escape to itself: give it back to the
		// window so Escape still closes the dialog.
		if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
			c.Unfocus()
		}
	}
	p.radio = append(p.radio, r)
	return r
}

// index is the chosen option's index, -1 when none.
func index(r *widget.RadioGroup) int {
	for i, o := range r.Options {
		if o == r.Selected {
			return i
		}
	}
	return -1
}

func (p *paperForm) clear() {
	for _, r := range p.radio {
		r.SetSelected("")
	}
}

func (p *paperForm) say(msg string, bad bool) {
	p.msg.SetText(msg)
	if bad {
		p.msg.Importance = widget.DangerImportance
	} else {
		p.msg.Importance = widget.SuccessImportance
	}
	p.msg.Show()
	p.msg.Refresh()
	if p.content != nil {
		p.content.Refresh()
	}
}

func question(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// paperCheckInForm enters a paper check-in and shows the participant code
// to write on the sheet.
func (s *Screen) paperCheckInForm() {
	if s.data == nil {
		return
	}
	u := s.u
	wsID := s.data.ws.ID
	var gender, age, role *widget.RadioGroup
	p := s.newPaperForm()
	gender = p.choice(strs(taller.Genders), "gender.", true)
	age = p.choice(strs(taller.AgeBands), "age.", true)
	role = p.choice(strs(taller.Roles), "role.", false)
	body := container.NewVBox(
		ui.WrapLabel(t("app.paper.checkin_help")),
		question(i18n.T(p.wl, "web.checkin.gender")), gender,
		question(i18n.T(p.wl, "web.checkin.age")), age,
		question(i18n.T(p.wl, "web.checkin.role")), role,
		p.slipCode(),
	)
	p.open(t("app.paper.checkin"), body, func() bool {
		c := &taller.CheckIn{WorkshopID: wsID, SubmissionID: taller.NewID(), Source: taller.SourcePaper}
		if i := index(gender); i >= 0 {
			c.Gender = taller.Genders[i]
		}
		if i := index(age); i >= 0 {
			c.AgeBand = taller.AgeBands[i]
		}
		if i := index(role); i >= 0 {
			c.Role = taller.Roles[i]
		}
		c.Code = readCode(p.code)
		if err := c.Validate(); err != nil {
			p.say(u.Dialogs().ErrText(err), true)
			return false
		}
		st := u.Store()
		fromSlip := c.Code != ""
		u.Go(func() {
			res, err := st.CheckIn(u.Context(), c)
			fyne.Do(func() {
				if err != nil {
					if !p.codeRefused(err) {
						p.say(u.Dialogs().ErrText(err), true)
					}
					return
				}
				p.clear()
				if fromSlip {
					p.code.SetText("")
					p.say(tn("app.paper.checkin_saved_slip", "Code", res.Code), false)
				} else {
					p.say(tn("app.paper.checkin_saved", "Code", res.Code), false)
				}
				p.scroll.ScrollToTop()
				u.Refresh(ui.Run)
			})
		})
		return false
	})
}

// quizBlock is the questions of a quiz as radio groups.
type quizBlock struct {
	qs     []taller.Question
	groups []*widget.RadioGroup
}

func (p *paperForm) quiz(qs []taller.Question, box *fyne.Container) *quizBlock {
	qb := &quizBlock{qs: qs}
	for i, q := range qs {
		r := p.radioGroup(q.Options, false)
		qb.groups = append(qb.groups, r)
		box.Add(question(strconv.Itoa(i+1) + ". " + q.Prompt))
		box.Add(r)
	}
	return qb
}

// answers scores the chosen options; a question left blank on the sheet
// counts as not right.
func (qb *quizBlock) answers() (map[string]int, int) {
	ans := map[string]int{}
	for i, q := range qb.qs {
		if n := index(qb.groups[i]); n >= 0 {
			ans[q.ID] = n
		}
	}
	return ans, taller.ScoreQuiz(qb.qs, ans)
}

// withQuiz reads the workshop's quiz, then opens a form with it.
func (s *Screen) withQuiz(open func(qs []taller.Question)) {
	if s.data == nil {
		return
	}
	u := s.u
	ws := s.data.ws
	u.Go(func() {
		qs, err := u.Quiz(u.Context(), ws.ID, ws.Language)
		fyne.Do(func() {
			if err != nil {
				u.Dialogs().Error(t("app.error.title"), err)
				return
			}
			open(qs)
		})
	})
}

// paperQuizForm enters a paper pre-quiz.
func (s *Screen) paperQuizForm() {
	s.withQuiz(func(qs []taller.Question) {
		u := s.u
		if len(qs) == 0 {
			u.Dialogs().Message(t("app.paper.quiz"), t("app.paper.no_quiz"))
			return
		}
		wsID := s.data.ws.ID
		p := s.newPaperForm()
		code := u.Dialogs().NewEntry(nil)
		code.SetPlaceHolder(t("app.paper.code_hint"))
		box := container.NewVBox(ui.WrapLabel(t("app.paper.quiz_help")),
			question(i18n.T(p.wl, "web.code.label")), container.NewHBox(ui.Sized(code, 160)))
		qb := p.quiz(qs, box)
		code.OnSubmitted = func(string) { p.f.Submit.OnTapped() }
		p.open(t("app.paper.quiz"), box, func() bool {
			ans, score := qb.answers()
			q := &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: taller.NewID(), Kind: taller.PreQuiz,
				Answers: ans, Score: score, Total: len(qs), Source: taller.SourcePaper, Code: readCode(code)}
			if err := q.Validate(); err != nil {
				p.say(u.Dialogs().ErrText(err), true)
				return false
			}
			st := u.Store()
			u.Go(func() {
				res, err := st.SubmitQuiz(u.Context(), q)
				fyne.Do(func() { p.saved(res.Repeat, err, code) })
			})
			return false
		})
	})
}

// readCode reads an optional participant code as typed from the sheet,
// in the domain's form when it is one; a code that is not one is left as
// typed for the domain's validation to refuse, naming the field.
func readCode(e *ui.Entry) string {
	txt := taller.CleanText(e.Text, false)
	if c := taller.NormalizeCode(txt); c != "" {
		return c
	}
	return txt
}

// saved tells how saving a sheet went and clears the form for the next.
func (p *paperForm) saved(repeat bool, err error, code *ui.Entry) {
	u := p.s.u
	if err != nil {
		p.say(u.Dialogs().ErrText(err), true)
		return
	}
	if repeat {
		p.say(t("app.paper.repeat"), true)
		return
	}
	p.clear()
	if code != nil {
		code.SetText("")
	}
	p.say(t("app.paper.saved"), false)
	p.scroll.ScrollToTop() // the next sheet starts at its top
	u.Refresh(ui.Run)
}

// paperEvaluationForm enters a paper evaluation: the end-of-day quiz (the
// same questions as the pre-quiz) and the ratings, as on the phones.
func (s *Screen) paperEvaluationForm() {
	s.withQuiz(func(qs []taller.Question) {
		u := s.u
		wsID := s.data.ws.ID
		p := s.newPaperForm()
		code := u.Dialogs().NewEntry(nil)
		code.SetPlaceHolder(t("app.paper.code_hint"))
		p.code = code
		box := container.NewVBox(ui.WrapLabel(t("app.paper.evaluation_help")))
		box.Add(question(i18n.T(p.wl, "web.code.label")))
		box.Add(container.NewHBox(ui.Sized(code, 160)))
		var qb *quizBlock
		if len(qs) > 0 {
			box.Add(ui.Heading(i18n.T(p.wl, "app.paper.eval_quiz")))
			qb = p.quiz(qs, box)
		}
		box.Add(ui.Heading(i18n.T(p.wl, "web.eval.opinion")))
		ratings := map[taller.LikertItem]*widget.RadioGroup{}
		for _, it := range taller.LikertItems {
			box.Add(question(i18n.T(p.wl, "likert."+string(it))))
			scale := "web.eval.scale"
			if it == "overall" {
				scale = "web.eval.scale_overall"
			}
			hint := widget.NewLabel(i18n.T(p.wl, scale))
			hint.TextStyle.Italic = true
			r := p.radioGroup([]string{"1", "2", "3", "4", "5"}, true)
			ratings[it] = r
			box.Add(container.NewHBox(r, hint))
		}
		apply := u.Dialogs().NewMultiLineEntry()
		// The entries grow with their text instead of scrolling, so the
		// wheel over them scrolls the form.
		apply.Scroll = container.ScrollNone
		apply.SetMinRowsVisible(2)
		comment := u.Dialogs().NewMultiLineEntry()
		comment.Scroll = container.ScrollNone
		comment.SetMinRowsVisible(3)
		box.Add(question(i18n.T(p.wl, "web.eval.apply")))
		box.Add(apply)
		box.Add(question(i18n.T(p.wl, "web.eval.comment")))
		box.Add(comment)
		p.open(t("app.paper.evaluation"), box, func() bool {
			sid := taller.NewID()
			// The code pairs the post-quiz and keeps one evaluation per
			// person, on paper as on the phones.
			e := &taller.Evaluation{WorkshopID: wsID, SubmissionID: sid, Ratings: map[taller.LikertItem]int{},
				Apply: apply.Text, Comment: comment.Text, Source: taller.SourcePaper, Code: readCode(code)}
			for it, r := range ratings {
				if n := index(r); n >= 0 {
					e.Ratings[it] = n + 1
				}
			}
			e.Normalize()
			if err := e.Validate(); err != nil {
				p.say(ratingsMessage(err, u.Dialogs().ErrText(err)), true)
				return false
			}
			var q *taller.QuizAttempt
			if qb != nil {
				ans, score := qb.answers()
				q = &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: sid, Kind: taller.PostQuiz, Code: e.Code,
					Answers: ans, Score: score, Total: len(qs), Source: taller.SourcePaper}
				if err := q.Validate(); err != nil {
					p.say(u.Dialogs().ErrText(err), true)
					return false
				}
			}
			st := u.Store()
			u.Go(func() {
				repeat, err := submitEvaluation(u.Context(), st, q, e)
				fyne.Do(func() {
					if err == nil && !repeat {
						apply.SetText("")
						comment.SetText("")
					}
					p.saved(repeat, err, code)
				})
			})
			return false
		})
	})
}

// submitEvaluation stores the post-quiz (when there is one) and then the
// evaluation, as the phone pages do. repeat is true when the evaluation was
// already stored (the same participant code on an earlier sheet or phone).
func submitEvaluation(ctx context.Context, svc taller.AnswerService, q *taller.QuizAttempt, e *taller.Evaluation) (repeat bool, err error) {
	if q != nil {
		if _, err := svc.SubmitQuiz(ctx, q); err != nil {
			return false, err
		}
	}
	res, err := svc.SubmitEvaluation(ctx, e)
	return res.Repeat, err
}

// ratingsMessage names the opinion questions left without a mark on the
// sheet (the domain names each missing rating's field); other problems
// keep the domain's own sentence, other.
func ratingsMessage(err error, other string) string {
	byField := taller.FieldErrors(err)
	var missing []string
	for _, it := range taller.LikertItems {
		if _, ok := byField[string(it)]; ok {
			missing = append(missing, "«"+t("likert."+string(it))+"»")
		}
	}
	if len(missing) == 0 || len(missing) != len(byField) {
		return other
	}
	if len(missing) == len(taller.LikertItems) {
		return t("app.paper.ratings_all_missing")
	}
	return tn("app.paper.ratings_missing", "Items", strings.Join(missing, ", "))
}
