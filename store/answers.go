package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"taller"
)

var _ taller.AnswerService = (*Store)(nil)

// SubmitQuiz stores an attempt once per submission and once per device (or
// participant code) and kind; it returns after the commit is durable.
func (s *Store) SubmitQuiz(ctx context.Context, q *taller.QuizAttempt) (taller.AnswerResult, error) {
	if err := q.Validate(); err != nil {
		return taller.AnswerResult{}, err
	}
	answers, err := json.Marshal(q.Answers)
	if err != nil {
		return taller.AnswerResult{}, fmt.Errorf("submit quiz: %w", err)
	}
	q.At = taller.Coarsen(s.now())
	var res taller.AnswerResult
	var refused *taller.Error
	err = s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, refused = taller.AnswerResult{}, nil
		// A retried submission first, then the code (never "saved" for
		// another's code), then an attempt this phone or code made before:
		// this phone's own is a repeat, another submission's with the code
		// is a refusal for a phone (see answeredBefore).
		if n, err := count(tx, `SELECT count(*) FROM quiz_attempts WHERE workshop_id = ? AND submission_id = ?`, q.WorkshopID, q.SubmissionID); n > 0 || err != nil {
			res.Repeat = true
			return "", err
		}
		if stop, err := refuseOrClaim(tx, q.WorkshopID, q.Code, q.Device, q.Source, &refused); stop || err != nil {
			return q.WorkshopID, err
		}
		var own, byCode int
		err := tx.QueryRow(`SELECT
			count(*) FILTER (WHERE device IS NOT NULL AND device = ?3),
			count(*) FILTER (WHERE code IS NOT NULL AND code = ?4)
			FROM quiz_attempts WHERE workshop_id = ?1 AND kind = ?2`, q.WorkshopID, q.Kind, q.Device, q.Code).Scan(&own, &byCode)
		if err != nil {
			return "", fmt.Errorf("submit quiz: %w", err)
		}
		if repeat, r := answeredBefore(own, byCode, q.Source); r != nil {
			return q.WorkshopID, refuse(tx, q.WorkshopID, q.Source, r, &refused)
		} else if repeat {
			res.Repeat = true
			return "", nil
		}
		if err := workshopExists(tx, q.WorkshopID); err != nil {
			return "", err
		}
		_, err = tx.Exec(`INSERT INTO quiz_attempts (workshop_id, submission_id, device, code, kind, answers, score, total, source, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, q.WorkshopID, q.SubmissionID, nullString(q.Device), nullString(q.Code),
			q.Kind, string(answers), q.Score, q.Total, q.Source, fmtTime(q.At))
		if err != nil {
			return "", fmt.Errorf("submit quiz: %w", err)
		}
		return q.WorkshopID, nil
	})
	if err == nil && refused != nil {
		return taller.AnswerResult{}, refused
	}
	return res, err
}

// count runs a count query inside a write.
func count(tx *sql.Tx, query string, args ...any) (int, error) {
	var n int
	if err := tx.QueryRow(query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("submit: %w", err)
	}
	return n, nil
}

func workshopExists(tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM workshops WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("read workshop: %w", err)
	}
	if n == 0 {
		return errNoWorkshop()
	}
	return nil
}

// SubmitEvaluation stores an evaluation once per submission, once per
// device and once per participant code; it returns after the commit is
// durable.
func (s *Store) SubmitEvaluation(ctx context.Context, e *taller.Evaluation) (taller.AnswerResult, error) {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return taller.AnswerResult{}, err
	}
	e.At = taller.Coarsen(s.now())
	var res taller.AnswerResult
	var refused *taller.Error
	err := s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, refused = taller.AnswerResult{}, nil
		if n, err := count(tx, `SELECT count(*) FROM evaluations WHERE workshop_id = ? AND submission_id = ?`, e.WorkshopID, e.SubmissionID); n > 0 || err != nil {
			res.Repeat = true
			return "", err
		}
		if stop, err := refuseOrClaim(tx, e.WorkshopID, e.Code, e.Device, e.Source, &refused); stop || err != nil {
			return e.WorkshopID, err
		}
		var own, byCode int
		err := tx.QueryRow(`SELECT
			count(*) FILTER (WHERE device IS NOT NULL AND device = ?2),
			count(*) FILTER (WHERE code IS NOT NULL AND code = ?3)
			FROM evaluations WHERE workshop_id = ?1`, e.WorkshopID, e.Device, e.Code).Scan(&own, &byCode)
		if err != nil {
			return "", fmt.Errorf("submit evaluation: %w", err)
		}
		if repeat, r := answeredBefore(own, byCode, e.Source); r != nil {
			return e.WorkshopID, refuse(tx, e.WorkshopID, e.Source, r, &refused)
		} else if repeat {
			res.Repeat = true
			return "", nil
		}
		if err := workshopExists(tx, e.WorkshopID); err != nil {
			return "", err
		}
		r := e.Ratings
		at := fmtTime(e.At)
		out, err := tx.Exec(`INSERT INTO evaluations (workshop_id, submission_id, device, code, overall, usefulness, clarity, safety,
			recommend, source, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.WorkshopID, e.SubmissionID, nullString(e.Device), nullString(e.Code),
			r["overall"], r["usefulness"], r["clarity"], r["safety"], r["recommend"], e.Source, at)
		if err != nil {
			return "", fmt.Errorf("submit evaluation: %w", err)
		}
		evalID, _ := out.LastInsertId()
		for _, c := range []struct{ kind, text string }{{"apply", e.Apply}, {"comment", e.Comment}} {
			if c.text == "" {
				continue
			}
			if _, err := tx.Exec(`INSERT INTO comments (evaluation_id, workshop_id, kind, text, at) VALUES (?, ?, ?, ?, ?)`,
				evalID, e.WorkshopID, c.kind, c.text, at); err != nil {
				return "", fmt.Errorf("submit evaluation: %w", err)
			}
		}
		return e.WorkshopID, nil
	})
	if err == nil && refused != nil {
		return taller.AnswerResult{}, refused
	}
	return res, err
}

// Answered reports what a device has already submitted for a workshop.
func (s *Store) Answered(ctx context.Context, workshopID, device string) (taller.Answered, error) {
	var a taller.Answered
	if device == "" {
		return a, nil
	}
	err := s.read.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM quiz_attempts WHERE workshop_id = ?1 AND device = ?2 AND kind = 'pre'),
		EXISTS (SELECT 1 FROM quiz_attempts WHERE workshop_id = ?1 AND device = ?2 AND kind = 'post'),
		EXISTS (SELECT 1 FROM evaluations WHERE workshop_id = ?1 AND device = ?2)`, workshopID, device).Scan(&a.Pre, &a.Post, &a.Evaluation)
	if err != nil {
		return a, fmt.Errorf("read answers: %w", err)
	}
	return a, nil
}

// Comments returns a workshop's free-text answers, oldest first.
func (s *Store) Comments(ctx context.Context, workshopID string) ([]taller.Comment, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, kind, text, hidden, at FROM comments WHERE workshop_id = ? ORDER BY id`, workshopID)
	if err != nil {
		return nil, fmt.Errorf("read comments: %w", err)
	}
	defer rows.Close()
	var out []taller.Comment
	for rows.Next() {
		var c taller.Comment
		var at string
		if err := rows.Scan(&c.ID, &c.Kind, &c.Text, &c.Hidden, &at); err != nil {
			return nil, fmt.Errorf("read comments: %w", err)
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// HideComment hides (or shows again) a comment from exports.
func (s *Store) HideComment(ctx context.Context, commentID int64, hidden bool) error {
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		var wsID string
		err := tx.QueryRow(`UPDATE comments SET hidden = ? WHERE id = ? RETURNING workshop_id`, hidden, commentID).Scan(&wsID)
		if errors.Is(err, sql.ErrNoRows) {
			return "", taller.Errorf(taller.ENOTFOUND, "err.comment.not_found")
		}
		if err != nil {
			return "", fmt.Errorf("hide comment: %w", err)
		}
		return wsID, nil
	})
}
