package taller

import (
	"slices"
	"time"
	"unicode/utf8"
)

// LikertItem names one 1–5 question of the evaluation.
type LikertItem string

// The evaluation's rating items, in form order.
var LikertItems = []LikertItem{"overall", "usefulness", "clarity", "safety", "recommend"}

// Limits on the evaluation's free text, in characters.
const (
	MaxComment = 1000
	MaxApply   = 300
)

// Evaluation is one participant's anonymous evaluation of the workshop.
type Evaluation struct {
	WorkshopID   string
	SubmissionID string
	Device       string
	Code         string             // participant code, when known: one evaluation per code
	Ratings      map[LikertItem]int // 1..5 for every item
	Apply        string             // "what will you apply", free text, optional
	Comment      string             // optional, at most MaxComment characters
	Source       Source
	At           time.Time
}

// Normalize cleans the free text.
func (e *Evaluation) Normalize() {
	e.Apply = CleanText(e.Apply, true)
	e.Comment = CleanText(e.Comment, true)
}

// The fields of an evaluation, as named by its validation errors; each
// rating's field is its LikertItem.
const (
	FieldRatings = "ratings"
	FieldCode    = "code"
	FieldApply   = "apply"
	FieldComment = "comment"
)

// Validate checks the answers and reports every bad one at once, each
// naming its field: a missing rating names its item, too long a text
// FieldApply or FieldComment.
func (e *Evaluation) Validate() error {
	if e.WorkshopID == "" {
		return Errorf(EINVALID, "err.workshop.required")
	}
	if err := checkSubmission(e.SubmissionID); err != nil {
		return err
	}
	if e.Source != SourcePhone && e.Source != SourcePaper {
		return Errorf(EINVALID, "err.choice.invalid", "Field", "field.source")
	}
	var errs errorList
	for it := range e.Ratings {
		if !slices.Contains(LikertItems, it) {
			errs.add(FieldRatings, Errorf(EINVALID, "err.rating.missing"))
			break
		}
	}
	for _, it := range LikertItems {
		if v, ok := e.Ratings[it]; !ok || v < 1 || v > 5 {
			errs.add(string(it), Errorf(EINVALID, "err.rating.missing"))
		}
	}
	if e.Code != "" && NormalizeCode(e.Code) != e.Code {
		errs.add(FieldCode, Errorf(EINVALID, "err.code.invalid"))
	}
	errs.add(FieldApply, checkText("field.apply", e.Apply, false, MaxApply))
	errs.add(FieldComment, checkText("field.comment", e.Comment, false, MaxComment))
	return errs.err()
}

// LongText names the first free-text answer over its limit, "apply" or
// "comment", with that limit; field is "" when both fit.
func (e *Evaluation) LongText() (field string, max int) {
	switch {
	case utf8.RuneCountInString(e.Apply) > MaxApply:
		return "apply", MaxApply
	case utf8.RuneCountInString(e.Comment) > MaxComment:
		return "comment", MaxComment
	}
	return "", 0
}

// Comment is a free-text answer from an evaluation, for the facilitator to
// review; it leaves the laptop only if the facilitator includes comments in
// an export and has not hidden it.
type Comment struct {
	ID     int64
	Kind   string // "apply" or "comment"
	Text   string
	Hidden bool
	At     time.Time
}
