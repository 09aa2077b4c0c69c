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

// claimCode decides whether an answer may carry code: from paper always
// (the facilitator types it), from a phone only when the code was issued
// in the workshop, is not reserved for paper, and is that phone's or no
// phone's yet, in which case it becomes that phone's. It returns the
// refusal, or nil.
func claimCode(tx *sql.Tx, workshopID, code, device string, source taller.Source) (*taller.Error, error) {
	if code == "" || source == taller.SourcePaper {
		return nil, nil
	}
	var kind string
	var owner sql.NullString
	err := tx.QueryRow(`SELECT kind, device FROM codes WHERE workshop_id = ? AND code = ?`, workshopID, code).Scan(&kind, &owner)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return taller.ErrCodeUnknown, nil
	case err != nil:
		return nil, fmt.Errorf("read code: %w", err)
	case kind == codeReserved:
		return taller.ErrCodePaperOnly, nil
	case device == "":
		return taller.ErrCodeTaken, nil
	case owner.Valid && owner.String != device:
		return taller.ErrCodeTaken, nil
	case owner.Valid:
		return nil, nil
	}
	if _, err := tx.Exec(`UPDATE codes SET device = ? WHERE workshop_id = ? AND code = ?`, device, workshopID, code); err != nil {
		return nil, fmt.Errorf("claim code: %w", err)
	}
	return nil, nil
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

// refuseOrClaim runs claimCode inside an answer's write and, when the code
// is refused, counts the refusal (which is then committed) and puts it in
// refused.
func refuseOrClaim(tx *sql.Tx, workshopID, code, device string, source taller.Source, refused **taller.Error) (bool, error) {
	r, err := claimCode(tx, workshopID, code, device, source)
	if err != nil || r == nil {
		return false, err
	}
	if err := workshopExists(tx, workshopID); err != nil {
		return false, err
	}
	*refused = r
	return true, noteRefusal(tx, workshopID)
}
