package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"taller"
)

// How a code was issued, as the codes table writes it.
const (
	codePhone    = "phone"    // by a phone's check-in: that phone's alone
	codePaper    = "paper"    // by a paper check-in: the first phone to answer with it takes it
	codeReserved = "reserved" // for a paper slip: never a phone's
)

// ReserveCodes makes n new participant codes for the workshop's paper
// slips; see taller.AttendanceService.
func (s *Store) ReserveCodes(ctx context.Context, workshopID string, n int) ([]string, error) {
	if err := taller.CheckReserve(n); err != nil {
		return nil, err
	}
	var codes []string
	err := s.write(ctx, func(tx *sql.Tx) (string, error) {
		codes = codes[:0]
		if err := workshopExists(tx, workshopID); err != nil {
			return "", err
		}
		for range n {
			c, err := issueCode(tx, workshopID, codeReserved, "")
			if err != nil {
				return "", fmt.Errorf("reserve codes: %w", err)
			}
			codes = append(codes, c)
		}
		return "", nil
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// issueCode records a new random code of the given kind, bound to device
// when it is not empty, and returns it.
func issueCode(tx *sql.Tx, workshopID, kind, device string) (string, error) {
	var err error
	for range 20 {
		code := taller.NewCode()
		_, err = tx.Exec(`INSERT INTO codes (workshop_id, code, kind, device) VALUES (?, ?, ?, ?)`,
			workshopID, code, kind, nullString(device))
		if err == nil {
			return code, nil
		}
		if !isUniqueOn(err, "code") {
			break
		}
	}
	return "", fmt.Errorf("issue code: %w", err)
}

// claimCode decides whether an answer may carry code. From paper (the
// facilitator types it) when the code was issued in the workshop, by any
// check-in or for a paper slip. From a phone when the code was issued in
// the workshop, is not reserved for paper, and is that phone's, or no
// phone's yet and carried by no answer (her paper answers, say), in which
// case it becomes that phone's. It returns the refusal, or nil.
func claimCode(tx *sql.Tx, workshopID, code, device string, source taller.Source) (*taller.Error, error) {
	if code == "" {
		return nil, nil
	}
	var kind string
	var owner sql.NullString
	err := tx.QueryRow(`SELECT kind, device FROM codes WHERE workshop_id = ? AND code = ?`, workshopID, code).Scan(&kind, &owner)
	switch {
	case errors.Is(err, sql.ErrNoRows) && source == taller.SourcePaper:
		return taller.ErrCodeNotIssued, nil
	case errors.Is(err, sql.ErrNoRows):
		return taller.ErrCodeUnknown, nil
	case err != nil:
		return nil, fmt.Errorf("read code: %w", err)
	case source == taller.SourcePaper:
		return nil, nil
	case kind == codeReserved:
		return taller.ErrCodePaperOnly, nil
	case device == "":
		return taller.ErrCodeTaken, nil
	case owner.Valid && owner.String != device:
		return taller.ErrCodeTaken, nil
	case owner.Valid:
		return nil, nil
	}
	n, err := count(tx, `SELECT (SELECT count(*) FROM quiz_attempts WHERE workshop_id = ?1 AND code = ?2)
		+ (SELECT count(*) FROM evaluations WHERE workshop_id = ?1 AND code = ?2)`, workshopID, code)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return taller.ErrCodeAnswered, nil
	}
	if _, err := tx.Exec(`UPDATE codes SET device = ? WHERE workshop_id = ? AND code = ?`, device, workshopID, code); err != nil {
		return nil, fmt.Errorf("claim code: %w", err)
	}
	return nil, nil
}

// answeredBefore decides what an earlier answer of the same kind means
// for this one, once its code is claimed: own is a count of the answers
// this device gave, byCode of those that carry the code. A phone's own
// earlier answer makes this one a repeat ("saved", as it was); another
// submission's answer with the code (a paper sheet, another phone)
// refuses a phone's, which must never be told "saved" for an answer not
// stored, and makes a paper sheet's a repeat for the facilitator.
func answeredBefore(own, byCode int, source taller.Source) (repeat bool, refused *taller.Error) {
	switch {
	case own > 0:
		return true, nil
	case byCode == 0:
		return false, nil
	case source == taller.SourcePaper:
		return true, nil
	}
	return false, taller.ErrCodeAnswered
}

// noteRefusal counts one answer refused for its code.
func noteRefusal(tx *sql.Tx, workshopID string) error {
	_, err := tx.Exec(`INSERT INTO code_refusals (workshop_id, refused) VALUES (?, 1)
		ON CONFLICT (workshop_id) DO UPDATE SET refused = refused + 1`, workshopID)
	if err != nil {
		return fmt.Errorf("count refused code: %w", err)
	}
	return nil
}

// refuseOrClaim runs claimCode inside an answer's write; when the code is
// refused it puts the refusal in refused and reports stop.
func refuseOrClaim(tx *sql.Tx, workshopID, code, device string, source taller.Source, refused **taller.Error) (bool, error) {
	r, err := claimCode(tx, workshopID, code, device, source)
	if err != nil || r == nil {
		return false, err
	}
	return true, refuse(tx, workshopID, source, r, refused)
}

// refuse puts r in refused and, for a phone's answer, counts the refusal
// (which is then committed); the facilitator's own typing is not counted.
func refuse(tx *sql.Tx, workshopID string, source taller.Source, r *taller.Error, refused **taller.Error) error {
	if err := workshopExists(tx, workshopID); err != nil {
		return err
	}
	*refused = r
	if source == taller.SourcePaper {
		return nil
	}
	return noteRefusal(tx, workshopID)
}
