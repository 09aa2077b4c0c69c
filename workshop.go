package taller

import (
	"context"
	"regexp"
	"strings"
	"time"

	"taller/i18n"
)

// Country is an ISO 3166-1 alpha-2 code, upper case.
type Country string

// The programme's countries.
const (
	ElSalvador Country = "SV"
	Guatemala  Country = "GT"
	Honduras   Country = "HN"
)

// Countries lists the codes Taller accepts: the programme's three countries
// first, then their neighbours and the countries of partner organisations.
// Each has a name in the translation files under "country.<code>".
var Countries = []Country{ElSalvador, Guatemala, Honduras, "NI", "CR", "PA", "BZ", "MX", "CO", "DO", "EC", "PE", "US", "ES"}

// Valid reports whether c is a known country code.
func (c Country) Valid() bool {
	for _, k := range Countries {
		if c == k {
			return true
		}
	}
	return false
}

// Name returns the country's name in lang.
func (c Country) Name(lang i18n.Lang) string { return i18n.T(lang, "country."+string(c)) }

// Phase is a part of the workshop day that participants' phones can take
// part in. The facilitator opens and closes each; several may be open at
// once (check-in usually stays open during the pre-quiz).
type Phase string

// The phases, in the order of the day.
const (
	PhaseCheckIn    Phase = "checkin"
	PhaseQuiz       Phase = "quiz"       // the pre-quiz, at the start
	PhaseEvaluation Phase = "evaluation" // the post-quiz and the evaluation, at the end
)

// Phases lists the phases in the order of the day.
var Phases = []Phase{PhaseCheckIn, PhaseQuiz, PhaseEvaluation}

// ParsePhase reads a phase name.
func ParsePhase(s string) (Phase, error) {
	for _, p := range Phases {
		if string(p) == s {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "err.phase.unknown", "Value", clip(s, 20))
}

// Limits on workshop fields, in characters.
const (
	MaxTitle       = 120
	MaxLocality    = 80
	MaxOrg         = 120
	MaxFacilitator = 80
)

// DefaultCheckInCap is how many check-ins a workshop accepts unless set
// otherwise: far above any real room, low enough to stop a flood.
const DefaultCheckInCap = 2000

// Workshop is one session in one place on one day.
type Workshop struct {
	ID           string    `json:"id"` // UUID, set by the store
	Title        string    `json:"title"`
	Country      Country   `json:"country"`
	Locality     string    `json:"locality"`
	Organization string    `json:"organization"` // the partner organisation hosting it
	Date         string    `json:"date"`         // YYYY-MM-DD
	Start        ClockTime `json:"start"`        // time of day it starts
	Language     i18n.Lang `json:"language"`
	Facilitator  string    `json:"facilitator,omitempty"` // optional; never shown to participants
	CheckInCap   int       `json:"checkin_cap"`

	// Set by the store.
	JoinToken string         `json:"-"` // secret in the join URL; never exported
	Open      map[Phase]bool `json:"open,omitempty"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	// Revision counts the changes to the workshop and its participants'
	// data; ExportedRevision is the revision its last export read (nil
	// when never exported). Counts, not times: see the store's migration 4.
	Revision         int64      `json:"revision"`
	ExportedRevision *int64     `json:"exported_revision,omitempty"`
	ExportedAt       *time.Time `json:"exported_at,omitempty"` // when it was last exported
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Normalize cleans the text fields and fills defaults; call it before
// Validate on input from a person.
func (w *Workshop) Normalize() {
	w.Title = CleanText(w.Title, false)
	w.Locality = CleanText(w.Locality, false)
	w.Organization = CleanText(w.Organization, false)
	w.Facilitator = CleanText(w.Facilitator, false)
	w.Country = Country(strings.ToUpper(strings.TrimSpace(string(w.Country))))
	w.Date = strings.TrimSpace(w.Date)
	if w.Language == "" {
		w.Language = i18n.Spanish
	}
	if w.CheckInCap == 0 {
		w.CheckInCap = DefaultCheckInCap
	}
}

// The fields of a workshop, as named by its validation errors.
const (
	FieldTitle        = "title"
	FieldCountry      = "country"
	FieldLocality     = "locality"
	FieldOrganization = "organization"
	FieldFacilitator  = "facilitator"
	FieldDate         = "date"
	FieldStart        = "start"
	FieldLanguage     = "language"
	FieldCheckInCap   = "checkin_cap"
)

// Validate checks every field and reports every bad one at once: a single
// *Error, or Errors in field order; each names its field (FieldErrors).
func (w *Workshop) Validate() error {
	var errs errorList
	errs.add(FieldTitle, checkText("field.title", w.Title, true, MaxTitle))
	if !w.Country.Valid() {
		errs.add(FieldCountry, Errorf(EINVALID, "err.country.unknown", "Value", clip(string(w.Country), 20)))
	}
	errs.add(FieldLocality, checkText("field.locality", w.Locality, true, MaxLocality))
	errs.add(FieldOrganization, checkText("field.organization", w.Organization, true, MaxOrg))
	errs.add(FieldFacilitator, checkText("field.facilitator", w.Facilitator, false, MaxFacilitator))
	if _, err := ParseDate(w.Date); err != nil {
		errs.add(FieldDate, err)
	}
	if w.Start < 0 || w.Start >= 24*60 {
		errs.add(FieldStart, Errorf(EINVALID, "err.time.format", "Value", w.Start.String()))
	}
	if !w.Language.Valid() {
		errs.add(FieldLanguage, Errorf(EINVALID, "err.lang.unknown", "Value", clip(string(w.Language), 20)))
	}
	if w.CheckInCap < 1 || w.CheckInCap > 100000 {
		errs.add(FieldCheckInCap, Errorf(EINVALID, "err.cap.range", "Max", 100000))
	}
	return errs.err()
}

// ParseDate reads a calendar date YYYY-MM-DD, refusing impossible ones such
// as 2024-13-40.
func ParseDate(s string) (time.Time, error) {
	if !datePattern.MatchString(s) {
		return time.Time{}, Errorf(EINVALID, "err.date.format", "Value", clip(s, 20))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, Errorf(EINVALID, "err.date.invalid", "Value", s)
	}
	if t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, Errorf(EINVALID, "err.date.invalid", "Value", s)
	}
	return t, nil
}

// IsOpen reports whether phase p is open now.
func (w *Workshop) IsOpen(p Phase) bool { return w.Open[p] }

// Changed reports whether the workshop has data its last export did not
// read (or was never exported).
func (w *Workshop) Changed() bool {
	return w.ExportedRevision == nil || w.Revision > *w.ExportedRevision
}

// WorkshopService stores workshops and their agendas.
type WorkshopService interface {
	// CreateWorkshop validates w, gives it an id and a join token, and stores it.
	CreateWorkshop(ctx context.Context, w *Workshop) error
	// UpdateWorkshop replaces the editable fields of the workshop with w.ID.
	UpdateWorkshop(ctx context.Context, w *Workshop) error
	// Workshop returns one workshop by id.
	Workshop(ctx context.Context, id string) (*Workshop, error)
	// WorkshopByToken returns the workshop a join token belongs to.
	WorkshopByToken(ctx context.Context, token string) (*Workshop, error)
	// Workshops returns every workshop, the most recent date first.
	Workshops(ctx context.Context) ([]*Workshop, error)
	// DeleteWorkshop removes a workshop and every row that belongs to it.
	DeleteWorkshop(ctx context.Context, id string) error
	// SetPhase opens or closes a phase of a workshop.
	SetPhase(ctx context.Context, id string, p Phase, open bool) error
	// Agenda returns a workshop's agenda (empty, starting at the workshop's
	// start time, when none was saved).
	Agenda(ctx context.Context, workshopID string) (*Agenda, error)
	// SaveAgenda validates and stores a workshop's agenda.
	SaveAgenda(ctx context.Context, workshopID string, a *Agenda) error
}
