package taller

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
)

// Gender is how a participant describes themself; "undisclosed" is always a
// valid answer.
type Gender string

// The genders, in the order forms show them.
const (
	Female      Gender = "female"
	Male        Gender = "male"
	OtherGender Gender = "other"
	Undisclosed Gender = "undisclosed"
)

// Genders lists the genders in form order.
var Genders = []Gender{Female, Male, OtherGender, Undisclosed}

// AgeBand is a coarse age range, never an exact age.
type AgeBand string

// AgeBands lists the age ranges in form order.
var AgeBands = []AgeBand{"under18", "18-29", "30-44", "45-59", "60plus"}

// Role is the participant's place in the community.
type Role string

// Roles lists the roles in form order.
var Roles = []Role{"community", "leader", "business", "public", "civil_society", "other"}

// Source says how an answer reached Taller.
type Source string

// The sources of answers.
const (
	SourcePhone Source = "phone" // from a participant's phone
	SourcePaper Source = "paper" // typed in by the facilitator from a paper form
)

func oneOf[T ~string](v T, list []T) bool {
	for _, k := range list {
		if v == k {
			return true
		}
	}
	return false
}

// Valid reports whether g is one of Genders.
func (g Gender) Valid() bool { return oneOf(g, Genders) }

// Valid reports whether a is one of AgeBands.
func (a AgeBand) Valid() bool { return oneOf(a, AgeBands) }

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return oneOf(r, Roles) }

// CheckIn is one participant's anonymous registration: no name, no phone
// number, no address of any kind.
type CheckIn struct {
	WorkshopID   string
	SubmissionID string // random id carried by the form; a retry with it changes nothing
	Device       string // hash of the phone's random cookie; empty for paper forms
	Code         string // participant code, set by the store; paper may bring a reserved one (ReserveCodes)
	Gender       Gender
	AgeBand      AgeBand
	Role         Role
	Source       Source
	At           time.Time // coarsened to the quarter hour
}

// The fields of a check-in and a tally, as named by their validation
// errors.
const (
	FieldGender  = "gender"
	FieldAgeBand = "age_band"
	FieldRole    = "role"
	FieldCounts  = "counts"
)

// Validate checks the answers and reports every bad one at once, each
// naming its field.
func (c *CheckIn) Validate() error {
	if c.WorkshopID == "" {
		return Errorf(EINVALID, "err.workshop.required")
	}
	if err := checkSubmission(c.SubmissionID); err != nil {
		return err
	}
	if c.Source != SourcePhone && c.Source != SourcePaper {
		return Errorf(EINVALID, "err.choice.invalid", "Field", "field.source")
	}
	var errs errorList
	if !c.Gender.Valid() {
		errs.add(FieldGender, Errorf(EINVALID, "err.choice.invalid", "Field", "field.gender"))
	}
	if !c.AgeBand.Valid() {
		errs.add(FieldAgeBand, Errorf(EINVALID, "err.choice.invalid", "Field", "field.age_band"))
	}
	if !c.Role.Valid() {
		errs.add(FieldRole, Errorf(EINVALID, "err.choice.invalid", "Field", "field.role"))
	}
	if c.Code != "" && (c.Source != SourcePaper || NormalizeCode(c.Code) != c.Code) {
		errs.add(FieldCode, Errorf(EINVALID, "err.code.invalid"))
	}
	return errs.err()
}

// CheckInResult says what a check-in did.
type CheckInResult struct {
	Code string // the participant code to show
	// Repeat is true when nothing new was stored: the same submission was
	// retried, or the same phone had already checked in.
	Repeat bool
}

// Tally is a count of walk-in participants without a phone, entered by hand.
type Tally struct {
	WorkshopID   string
	SubmissionID string
	Female       int
	Male         int
	Other        int
	Undisclosed  int
}

// MaxTally caps one tally entry per gender.
const MaxTally = 500

// Validate checks the counts.
func (t *Tally) Validate() error {
	if t.WorkshopID == "" {
		return Errorf(EINVALID, "err.workshop.required")
	}
	if err := checkSubmission(t.SubmissionID); err != nil {
		return err
	}
	for _, n := range []int{t.Female, t.Male, t.Other, t.Undisclosed} {
		if n < 0 || n > MaxTally {
			return FieldErrorf(FieldCounts, EINVALID, "err.tally.range", "Max", MaxTally)
		}
	}
	if t.Female+t.Male+t.Other+t.Undisclosed == 0 {
		return FieldErrorf(FieldCounts, EINVALID, "err.tally.empty")
	}
	return nil
}

// Total is the number of people in the tally.
func (t *Tally) Total() int { return t.Female + t.Male + t.Other + t.Undisclosed }

// AttendanceService records who came, anonymously.
type AttendanceService interface {
	// CheckIn stores a check-in once. A retried submission or a second
	// check-in from the same device returns the first one's code with
	// Repeat set, and stores nothing. It returns only after the row is
	// durable.
	CheckIn(ctx context.Context, c *CheckIn) (CheckInResult, error)
	// AddTally adds walk-in counts; a retried submission adds nothing.
	AddTally(ctx context.Context, t *Tally) error
	// CodeForDevice returns the participant code a device checked in with,
	// or "" when it has not checked in.
	CodeForDevice(ctx context.Context, workshopID, device string) (string, error)
	// Counts returns the live attendance and answer counts of a workshop.
	Counts(ctx context.Context, workshopID string) (*Counts, error)
	// ReserveCodes makes n new participant codes (1 ≤ n ≤ MaxReserve) for
	// the workshop's paper slips: unique in the workshop, never issued to
	// a phone, accepted once by a paper check-in and refused to phones.
	ReserveCodes(ctx context.Context, workshopID string, n int) ([]string, error)
}

// Counts are a workshop's live figures, for the facilitator's screen.
type Counts struct {
	Total       int             `json:"total"`
	ByGender    map[Gender]int  `json:"by_gender"` // check-ins plus tallies
	ByAgeBand   map[AgeBand]int `json:"by_age_band"`
	ByRole      map[Role]int    `json:"by_role"`
	Tallied     int             `json:"tallied"` // walk-ins counted by hand
	PreQuiz     int             `json:"pre_quiz"`
	PostQuiz    int             `json:"post_quiz"`
	Evaluations int             `json:"evaluations"`
	// RefusedCodes counts the answers refused because a phone typed a
	// participant code that was never issued, is another phone's or is
	// reserved for paper: a sign that someone tried to take a place.
	RefusedCodes int `json:"refused_codes"`
}

// SubmissionIDLen bounds the length of a submission id.
const SubmissionIDLen = 64

func checkSubmission(id string) error {
	if len(id) < 8 || len(id) > SubmissionIDLen {
		return Errorf(EINVALID, "err.submission.invalid")
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return Errorf(EINVALID, "err.submission.invalid")
		}
	}
	return nil
}

// CodeAlphabet has no letters or digits that are easy to confuse (0/O, 1/I/L,
// 2/Z, 5/S, 8/B).
const CodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// CodeLen is the length of a participant code: 25^5 ≈ 9.8 million codes.
const CodeLen = 5

// NewCode returns a random participant code.
func NewCode() string {
	b := make([]byte, CodeLen)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = CodeAlphabet[int(b[i])%len(CodeAlphabet)]
	}
	return string(b)
}

// NormalizeCode upper-cases a code typed by a person and drops spaces and
// dashes; it returns "" when what is left is not a valid code.
func NormalizeCode(s string) string {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(s) != CodeLen {
		return ""
	}
	for _, r := range s {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return ""
		}
	}
	return s
}

// NewID returns a random URL-safe identifier (26 base32 characters, 130
// random bits), for
// submission ids, device cookies and join tokens.
func NewID() string { return rand.Text() }

// Coarsen rounds t down to the quarter hour, in UTC, so stored answer times
// cannot single out one person by the minute they answered.
func Coarsen(t time.Time) time.Time { return t.UTC().Truncate(15 * time.Minute) }
