package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"taller"
)

var _ taller.WorkshopService = (*Store)(nil)

const workshopColumns = `id, title, country, locality, organization, date, start_min, language, facilitator,
	checkin_cap, join_token, open_checkin, open_quiz, open_evaluation, created_at, updated_at, revision, exported_revision, exported_at`

type scanner interface{ Scan(dest ...any) error }

func scanWorkshop(row scanner) (*taller.Workshop, error) {
	var w taller.Workshop
	var oc, oq, oe int
	var created, updated string
	var exportedRev sql.NullInt64
	var exported sql.NullString
	err := row.Scan(&w.ID, &w.Title, &w.Country, &w.Locality, &w.Organization, &w.Date, &w.Start, &w.Language,
		&w.Facilitator, &w.CheckInCap, &w.JoinToken, &oc, &oq, &oe, &created, &updated, &w.Revision, &exportedRev, &exported)
	if err != nil {
		return nil, err
	}
	w.Open = map[taller.Phase]bool{taller.PhaseCheckIn: oc == 1, taller.PhaseQuiz: oq == 1, taller.PhaseEvaluation: oe == 1}
	w.CreatedAt, w.UpdatedAt = parseTime(created), parseTime(updated)
	if exportedRev.Valid {
		w.ExportedRevision = &exportedRev.Int64
	}
	if exported.Valid {
		t := parseTime(exported.String)
		w.ExportedAt = &t
	}
	return &w, nil
}

// CreateWorkshop validates w, gives it an id and a join token, and stores it.
func (s *Store) CreateWorkshop(ctx context.Context, w *taller.Workshop) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	w.ID = uuid.NewString()
	w.JoinToken = taller.NewID()
	now := s.now().UTC()
	w.CreatedAt, w.UpdatedAt, w.Revision = now, now, 1
	w.Open = map[taller.Phase]bool{}
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		_, err := tx.Exec(`INSERT INTO workshops (id, title, country, locality, organization, date, start_min, language,
			facilitator, checkin_cap, join_token, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.ID, w.Title, w.Country, w.Locality, w.Organization, w.Date, w.Start, w.Language, w.Facilitator,
			w.CheckInCap, w.JoinToken, fmtTime(now), fmtTime(now))
		if err != nil {
			return "", fmt.Errorf("create workshop: %w", err)
		}
		return w.ID, nil
	})
}

// UpdateWorkshop replaces the editable fields of the workshop with w.ID.
func (s *Store) UpdateWorkshop(ctx context.Context, w *taller.Workshop) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	now := fmtTime(s.now())
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, err := tx.Exec(`UPDATE workshops SET title=?, country=?, locality=?, organization=?, date=?, start_min=?,
			language=?, facilitator=?, checkin_cap=?, updated_at=?, revision = revision + 1 WHERE id=?`,
			w.Title, w.Country, w.Locality, w.Organization, w.Date, w.Start, w.Language, w.Facilitator,
			w.CheckInCap, now, w.ID)
		if err != nil {
			return "", fmt.Errorf("update workshop: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", errNoWorkshop()
		}
		return w.ID, nil
	})
}

func errNoWorkshop() error { return taller.Errorf(taller.ENOTFOUND, "err.workshop.not_found") }

// Workshop returns one workshop by id.
func (s *Store) Workshop(ctx context.Context, id string) (*taller.Workshop, error) {
	w, err := scanWorkshop(s.read.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoWorkshop()
	}
	if err != nil {
		return nil, fmt.Errorf("read workshop: %w", err)
	}
	return w, nil
}

// WorkshopByToken returns the workshop a join token belongs to.
func (s *Store) WorkshopByToken(ctx context.Context, token string) (*taller.Workshop, error) {
	w, err := scanWorkshop(s.read.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE join_token = ?`, token))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoWorkshop()
	}
	if err != nil {
		return nil, fmt.Errorf("read workshop: %w", err)
	}
	return w, nil
}

// Workshops returns every workshop, the most recent date first.
func (s *Store) Workshops(ctx context.Context) ([]*taller.Workshop, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+workshopColumns+` FROM workshops ORDER BY date DESC, start_min DESC, created_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("list workshops: %w", err)
	}
	defer rows.Close()
	var out []*taller.Workshop
	for rows.Next() {
		w, err := scanWorkshop(rows)
		if err != nil {
			return nil, fmt.Errorf("list workshops: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// DeleteWorkshop removes a workshop and, by cascade, every row that belongs
// to it.
func (s *Store) DeleteWorkshop(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, err := tx.Exec(`DELETE FROM workshops WHERE id = ?`, id)
		if err != nil {
			return "", fmt.Errorf("delete workshop: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", errNoWorkshop()
		}
		return id, nil
	})
}

// SetPhase opens or closes a phase of a workshop.
func (s *Store) SetPhase(ctx context.Context, id string, p taller.Phase, open bool) error {
	col := map[taller.Phase]string{taller.PhaseCheckIn: "open_checkin", taller.PhaseQuiz: "open_quiz", taller.PhaseEvaluation: "open_evaluation"}[p]
	if col == "" {
		return taller.Errorf(taller.EINVALID, "err.phase.unknown", "Value", string(p))
	}
	v := 0
	if open {
		v = 1
	}
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, err := tx.Exec(`UPDATE workshops SET `+col+` = ? WHERE id = ?`, v, id)
		if err != nil {
			return "", fmt.Errorf("set phase: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", errNoWorkshop()
		}
		return id, nil
	})
}

// Agenda returns a workshop's agenda; an empty one starting at the
// workshop's start time when none was saved. The workshop's start is the
// one source of the agenda's start: moving the workshop moves its agenda,
// planned end included.
func (s *Store) Agenda(ctx context.Context, workshopID string) (*taller.Agenda, error) {
	var raw string
	var start taller.ClockTime
	err := s.read.QueryRowContext(ctx, `SELECT agenda, start_min FROM workshops WHERE id = ?`, workshopID).Scan(&raw, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoWorkshop()
	}
	if err != nil {
		return nil, fmt.Errorf("read agenda: %w", err)
	}
	a := &taller.Agenda{Start: start}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), a); err != nil {
			return nil, fmt.Errorf("read agenda: %w", err)
		}
		// The saved agenda's own start is the workshop's start when it was
		// saved; the workshop may have moved since.
		if a.End != 0 {
			a.End += start - a.Start
		}
		a.Start = start
	}
	return a, nil
}

// SaveAgenda validates and stores a workshop's agenda. Its start becomes
// the workshop's start.
func (s *Store) SaveAgenda(ctx context.Context, workshopID string, a *taller.Agenda) error {
	if err := a.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("save agenda: %w", err)
	}
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		res, err := tx.Exec(`UPDATE workshops SET agenda = ?, start_min = ?, updated_at = ? WHERE id = ?`,
			string(raw), a.Start, fmtTime(s.now()), workshopID)
		if err != nil {
			return "", fmt.Errorf("save agenda: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return "", errNoWorkshop()
		}
		return workshopID, nil
	})
}
