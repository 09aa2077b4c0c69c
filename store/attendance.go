package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"taller"
)

var _ taller.AttendanceService = (*Store)(nil)

// CheckIn stores a check-in once; see taller.AttendanceService.
func (s *Store) CheckIn(ctx context.Context, c *taller.CheckIn) (taller.CheckInResult, error) {
	if err := c.Validate(); err != nil {
		return taller.CheckInResult{}, err
	}
	c.At = taller.Coarsen(s.now())
	var res taller.CheckInResult
	err := s.write(ctx, func(tx *sql.Tx) (string, error) {
		res = taller.CheckInResult{}
		// A retried submission or a phone that already checked in gets its
		// first answer back.
		code, err := lookupCode(tx, `SELECT code FROM checkins WHERE workshop_id = ? AND submission_id = ?`, c.WorkshopID, c.SubmissionID)
		if err == nil && code == "" && c.Device != "" {
			code, err = lookupCode(tx, `SELECT code FROM checkins WHERE workshop_id = ? AND device = ?`, c.WorkshopID, c.Device)
		}
		if err != nil {
			return "", err
		}
		if code != "" {
			res = taller.CheckInResult{Code: code, Repeat: true}
			return "", nil
		}
		var limit, count int
		err = tx.QueryRow(`SELECT checkin_cap, (SELECT count(*) FROM checkins WHERE workshop_id = ?) FROM workshops WHERE id = ?`,
			c.WorkshopID, c.WorkshopID).Scan(&limit, &count)
		if errors.Is(err, sql.ErrNoRows) {
			return "", errNoWorkshop()
		}
		if err != nil {
			return "", fmt.Errorf("check in: %w", err)
		}
		if count >= limit {
			return "", taller.Errorf(taller.ELIMIT, "err.cap.reached", "Max", limit)
		}
		code, err = checkInCode(tx, c)
		if err != nil {
			return "", err
		}
		_, err = tx.Exec(`INSERT INTO checkins (workshop_id, submission_id, device, code, gender, age_band, role, source, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.WorkshopID, c.SubmissionID, nullString(c.Device), code,
			c.Gender, c.AgeBand, c.Role, c.Source, fmtTime(c.At))
		if isUniqueOn(err, "code") {
			return "", taller.ErrCodeUsed
		}
		if err != nil {
			return "", fmt.Errorf("check in: %w", err)
		}
		res.Code = code
		return c.WorkshopID, nil
	})
	if err != nil {
		return taller.CheckInResult{}, err
	}
	c.Code = res.Code
	return res, nil
}

// checkInCode is the participant code a check-in gets: a new one, bound
// to the phone that checks in, or for paper the reserved code it brings.
func checkInCode(tx *sql.Tx, c *taller.CheckIn) (string, error) {
	if c.Code == "" {
		kind := codePhone
		if c.Source == taller.SourcePaper {
			kind = codePaper
		}
		return issueCode(tx, c.WorkshopID, kind, c.Device)
	}
	var kind string
	err := tx.QueryRow(`SELECT kind FROM codes WHERE workshop_id = ? AND code = ?`, c.WorkshopID, c.Code).Scan(&kind)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", taller.ErrCodeUnknown
	case err != nil:
		return "", fmt.Errorf("check in: %w", err)
	case kind != codeReserved:
		return "", taller.ErrCodeNotReserved
	}
	return c.Code, nil
}

func lookupCode(tx *sql.Tx, query string, args ...any) (string, error) {
	var code string
	err := tx.QueryRow(query, args...).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("check in: %w", err)
	}
	return code, nil
}

// isUniqueOn reports whether err is a UNIQUE constraint failure naming column.
func isUniqueOn(err error, column string) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique && strings.Contains(se.Error(), "."+column)
}

// AddTally adds walk-in counts; a retried submission adds nothing.
func (s *Store) AddTally(ctx context.Context, t *taller.Tally) error {
	if err := t.Validate(); err != nil {
		return err
	}
	at := fmtTime(taller.Coarsen(s.now()))
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		var exists int
		if err := tx.QueryRow(`SELECT count(*) FROM workshops WHERE id = ?`, t.WorkshopID).Scan(&exists); err != nil {
			return "", fmt.Errorf("add tally: %w", err)
		}
		if exists == 0 {
			return "", errNoWorkshop()
		}
		res, err := tx.Exec(`INSERT INTO tallies (workshop_id, submission_id, female, male, other, undisclosed, at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id, submission_id) DO NOTHING`,
			t.WorkshopID, t.SubmissionID, t.Female, t.Male, t.Other, t.Undisclosed, at)
		if err != nil {
			return "", fmt.Errorf("add tally: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", nil
		}
		return t.WorkshopID, nil
	})
}

// CodeForDevice returns the participant code a device checked in with, or
// "" when it has not checked in.
func (s *Store) CodeForDevice(ctx context.Context, workshopID, device string) (string, error) {
	if device == "" {
		return "", nil
	}
	var code string
	err := s.read.QueryRowContext(ctx, `SELECT code FROM checkins WHERE workshop_id = ? AND device = ?`, workshopID, device).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read check-in: %w", err)
	}
	return code, nil
}
