package taller

// MaxReserve caps how many paper codes one ReserveCodes call makes: more
// than any room holds, few enough for one print run.
const MaxReserve = 500

// CheckReserve validates the number of paper codes asked for.
func CheckReserve(n int) error {
	if n < 1 || n > MaxReserve {
		return Errorf(EINVALID, "err.reserve.range", "Max", MaxReserve)
	}
	return nil
}

// Refusals of participant codes, all with code EDENIED; their messages
// speak both to a participant at a phone and to the facilitator at the
// laptop.
var (
	// ErrCodeUnknown is a code no check-in of the workshop issued and
	// none reserved for its paper slips.
	ErrCodeUnknown = Errorf(EDENIED, "err.code.unknown")
	// ErrCodeTaken is a code issued to another phone, or already used
	// by another phone's answers.
	ErrCodeTaken = Errorf(EDENIED, "err.code.taken")
	// ErrCodePaperOnly is a code reserved for a paper slip, typed on a
	// phone.
	ErrCodePaperOnly = Errorf(EDENIED, "err.code.paper_only")
	// ErrCodeNotReserved is a paper check-in with a code that was not
	// reserved for paper.
	ErrCodeNotReserved = Errorf(EDENIED, "err.code.not_reserved")
	// ErrCodeUsed is a paper check-in with a reserved code that an
	// earlier check-in already used.
	ErrCodeUsed = Errorf(EDENIED, "err.code.used")
	// ErrCodeNotIssued is a paper answer (a quiz or an evaluation
	// typed at the laptop) with a code that no check-in of the workshop
	// issued and none reserved for its paper slips: a paper sheet may
	// carry any code the workshop gave out, never one made up.
	ErrCodeNotIssued = Errorf(EDENIED, "err.code.not_issued")
	// ErrCodeAnswered is a phone's answer whose code another
	// submission (a paper sheet, or another phone) already used for the
	// same answer, or a paper check-in's code, not yet any phone's, that
	// her paper answers already carry: the phone is told so, never
	// "saved" for an answer that was not stored.
	ErrCodeAnswered = Errorf(EDENIED, "err.code.answered")
)
