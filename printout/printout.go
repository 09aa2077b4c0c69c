// Package printout makes Taller's printable PDFs in a workshop's language:
// the join poster, check-in slips with reserved participant codes, the
// quiz and evaluation sheets that mirror the phone pages, the
// facilitator's agenda handout, the participants' take-home sheet and the
// walk-in tally sheet. Fonts are embedded; nothing runs outside the
// process and nothing goes over the network.
package printout

import (
	"context"
	"fmt"
	"strings"

	"taller"
	"taller/curriculum"
	"taller/i18n"
)

// Kind is one of the printables.
type Kind string

// The printables.
const (
	Poster     Kind = "poster"     // the join QR and Wi-Fi QR for the wall
	Slips      Kind = "slips"      // paper check-ins with reserved codes, three to a page
	QuizSheet  Kind = "quiz"       // the pre-quiz, as the phones show it
	EvalSheet  Kind = "evaluation" // the post-quiz and the evaluation, as the phones show them
	AgendaKind Kind = "agenda"     // the facilitator's timed agenda with notes
	TakeHome   Kind = "take-home"  // the discreet text participants may keep
	TallySheet Kind = "tally"      // the walk-in tally by gender
)

// Kinds lists the printables in the order of the day.
var Kinds = []Kind{Poster, Slips, QuizSheet, EvalSheet, TallySheet, AgendaKind, TakeHome}

// ParseKind reads a kind's name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return "", taller.Errorf(taller.EINVALID, "print.err.kind", "Value", clip(s, 20), "Kinds", kindList())
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// Title is the kind's name for people, in lang.
func (k Kind) Title(lang i18n.Lang) string { return i18n.T(lang, "print.kind."+string(k)) }

// Paper is a sheet size.
type Paper string

// The sheet sizes.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// DefaultPaper is Letter ("carta"), the sheet sold and printed in El
// Salvador, Guatemala and Honduras; A4 is there for the rest.
const DefaultPaper = Letter

// ParsePaper reads a paper size, "a4" or "letter" in any case.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(strings.TrimSpace(s))); p {
	case A4, Letter:
		return p, nil
	}
	return "", taller.Errorf(taller.EINVALID, "print.err.paper", "Value", clip(s, 20))
}

// Limits on copies.
const (
	MaxSlips  = 500 // what one ReserveCodes call gives
	MaxCopies = 200
)

// DefaultCopies is how many of a kind are printed when no number is
// given: fifteen check-in slips (a third of a large room), one of the
// rest.
func DefaultCopies(k Kind) int {
	if k == Slips {
		return 15
	}
	return 1
}

// Request says what to print.
type Request struct {
	Kind       Kind
	WorkshopID string
	Lang       i18n.Lang // "" is the workshop's language
	Paper      Paper     // "" is DefaultPaper
	// Copies is the number of slips for Slips (each with its own code),
	// and of copies of the document for the other kinds; 0 is
	// DefaultCopies.
	Copies int
	// JoinURL is the link behind the poster's QR code (see
	// participant.JoinURL); required for Poster only.
	JoinURL string
}

// Deps are the services printables read from.
type Deps struct {
	Workshops  taller.WorkshopService
	Attendance taller.AttendanceService // reserves the slips' codes
	Settings   taller.SettingsService   // the Wi-Fi name and password for the poster
	Curriculum *curriculum.Curriculum
}

// Render makes the PDF asked for and returns its bytes; on a bad request
// it returns a domain error and nothing else happens (slips reserve their
// codes only once the request is known to be good).
func Render(ctx context.Context, deps Deps, req Request) ([]byte, error) {
	if _, err := ParseKind(string(req.Kind)); err != nil {
		return nil, err
	}
	if req.Paper == "" {
		req.Paper = DefaultPaper
	}
	if _, err := ParsePaper(string(req.Paper)); err != nil {
		return nil, err
	}
	if req.Lang != "" && !req.Lang.Valid() {
		return nil, taller.Errorf(taller.EINVALID, "err.lang.unknown", "Value", clip(string(req.Lang), 20))
	}
	if req.Copies == 0 {
		req.Copies = DefaultCopies(req.Kind)
	}
	limit := MaxCopies
	if req.Kind == Slips {
		limit = MaxSlips
	}
	if req.Copies < 1 || req.Copies > limit {
		return nil, taller.Errorf(taller.EINVALID, "print.err.copies", "Max", limit)
	}
	if req.Kind == Poster && req.JoinURL == "" {
		return nil, taller.Errorf(taller.EINVALID, "print.err.no_join")
	}
	ws, err := deps.Workshops.Workshop(ctx, req.WorkshopID)
	if err != nil {
		return nil, err
	}
	if req.Lang == "" {
		req.Lang = ws.Language
	}
	if deps.Curriculum == nil && req.Kind != Poster && req.Kind != Slips && req.Kind != TallySheet {
		return nil, fmt.Errorf("print %s: no curriculum", req.Kind)
	}
	switch req.Kind {
	case Poster:
		ssid, pass, err := wifi(ctx, deps.Settings)
		if err != nil {
			return nil, err
		}
		return poster(ws, req, ssid, pass)
	case Slips:
		codes, err := deps.Attendance.ReserveCodes(ctx, ws.ID, req.Copies)
		if err != nil {
			return nil, fmt.Errorf("reserve codes: %w", err)
		}
		return slips(ws, req, codes)
	case QuizSheet, EvalSheet:
		qs, err := Questions(ctx, deps.Workshops, deps.Curriculum, ws.ID, req.Lang)
		if err != nil {
			return nil, err
		}
		if req.Kind == QuizSheet {
			if len(qs) == 0 {
				// The phones show no quiz either.
				return nil, taller.Errorf(taller.EINVALID, "print.err.no_quiz")
			}
			return quizSheet(ws, req, qs)
		}
		return evalSheet(ws, req, qs)
	case AgendaKind:
		a, err := deps.Workshops.Agenda(ctx, ws.ID)
		if err != nil {
			return nil, err
		}
		return agendaHandout(ws, req, a, deps.Curriculum)
	case TakeHome:
		g, ok := deps.Curriculum.Guide(TakeHomeGuide, req.Lang)
		if !ok || strings.TrimSpace(g.Body) == "" {
			return nil, taller.Errorf(taller.ENOTFOUND, "print.err.no_take_home")
		}
		return takeHome(req, g)
	case TallySheet:
		return tallySheet(ws, req)
	}
	return nil, fmt.Errorf("print: kind %q not handled", req.Kind)
}

// TakeHomeGuide is the curriculum guide printed as the take-home sheet.
const TakeHomeGuide = curriculum.GuideTakeHome

// Questions is a workshop's quiz in lang exactly as the phones get it
// (cmd/taller's quizFromCurriculum): the curriculum's choice for the
// workshop's agenda, at most ten questions, pre and post alike.
func Questions(ctx context.Context, ws taller.WorkshopService, cur *curriculum.Curriculum, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
	a, err := ws.Agenda(ctx, workshopID)
	if err != nil {
		return nil, err
	}
	return cur.WorkshopQuiz(a, lang), nil
}

// wifi reads the Wi-Fi name and password from Settings.
func wifi(ctx context.Context, s taller.SettingsService) (ssid, pass string, err error) {
	if s == nil {
		return "", "", nil
	}
	if ssid, err = s.Setting(ctx, taller.SettingWiFiSSID, ""); err != nil {
		return "", "", err
	}
	if pass, err = s.Setting(ctx, taller.SettingWiFiPass, ""); err != nil {
		return "", "", err
	}
	return ssid, pass, nil
}

// FileName suggests a file name for a printable of workshop ws in lang:
// "cartel-2024-06-10.pdf". The take-home sheet's name says nothing of
// the workshop.
func FileName(k Kind, ws *taller.Workshop, lang i18n.Lang) string {
	base := i18n.T(lang, "print.file."+string(k))
	if k == TakeHome || ws == nil {
		return base + ".pdf"
	}
	return base + "-" + ws.Date + ".pdf"
}

// clip shortens s to at most n characters for quoting in a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
