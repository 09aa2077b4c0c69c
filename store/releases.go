package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"taller"
)

var _ taller.ReleaseService = (*Store)(nil)

// ReleaseState returns what the earlier exports of a workshop released:
// for each figure, the state of its latest release.
func (s *Store) ReleaseState(ctx context.Context, workshopID string) (*taller.ReleaseState, error) {
	st := &taller.ReleaseState{Age: map[taller.Gender]*taller.ColumnState{}, Role: map[taller.Gender]*taller.ColumnState{}}
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM releases WHERE workshop_id = ?`,
		workshopID).Scan(&st.Seq); err != nil {
		return nil, fmt.Errorf("read releases: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT r.figure, r.state FROM releases r
		WHERE r.workshop_id = ? AND r.seq = (SELECT max(seq) FROM releases l WHERE l.workshop_id = r.workshop_id AND l.figure = r.figure)`,
		workshopID)
	if err != nil {
		return nil, fmt.Errorf("read releases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var fig, state string
		if err := rows.Scan(&fig, &state); err != nil {
			return nil, fmt.Errorf("read releases: %w", err)
		}
		var dst any
		kind, gender, _ := strings.Cut(fig, "/")
		switch kind {
		case taller.FigureRatings:
			dst = &st.Ratings
		case taller.FigureQuiz:
			dst = &st.Quiz
		case taller.FigureComments:
			dst = &st.Comments
		case taller.FigureAge, taller.FigureRole:
			c := &taller.ColumnState{}
			if kind == taller.FigureAge {
				st.Age[taller.Gender(gender)] = c
			} else {
				st.Role[taller.Gender(gender)] = c
			}
			dst = c
		default:
			continue // a figure of a newer Taller: nothing this one releases
		}
		if err := json.Unmarshal([]byte(state), dst); err != nil {
			return nil, fmt.Errorf("read release %s: %w", fig, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read releases: %w", err)
	}
	return st, nil
}

// RecordRelease stores what an export released of a workshop, as release
// number st.Seq, dated on (the day only). Only the figures whose state
// changed since the previous release get a row; ReleaseState finds the
// others in earlier rows.
func (s *Store) RecordRelease(ctx context.Context, workshopID string, st *taller.ReleaseState, on time.Time) error {
	prev, err := s.ReleaseState(ctx, workshopID)
	if err != nil {
		return err
	}
	if st.Seq <= prev.Seq {
		return taller.Errorf(taller.ECONFLICT, "err.release.stale")
	}
	figures := map[string]any{}
	put := func(name string, now, before any) error {
		b1, err := json.Marshal(now)
		if err != nil {
			return err
		}
		b0, err := json.Marshal(before)
		if err != nil {
			return err
		}
		if string(b1) != string(b0) && string(b1) != "null" {
			figures[name] = string(b1)
		}
		return nil
	}
	steps := []error{
		put(taller.FigureRatings, st.Ratings, prev.Ratings),
		put(taller.FigureQuiz, st.Quiz, prev.Quiz),
		put(taller.FigureComments, st.Comments, prev.Comments),
	}
	for _, g := range taller.Genders {
		steps = append(steps, put(taller.FigureAge+"/"+string(g), st.Age[g], prev.Age[g]),
			put(taller.FigureRole+"/"+string(g), st.Role[g], prev.Role[g]))
	}
	for _, err := range steps {
		if err != nil {
			return fmt.Errorf("record release: %w", err)
		}
	}
	day := on.UTC().Format(time.DateOnly)
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		var exists int
		if err := tx.QueryRow(`SELECT count(*) FROM workshops WHERE id = ?`, workshopID).Scan(&exists); err != nil {
			return "", fmt.Errorf("record release: %w", err)
		}
		if exists == 0 {
			return "", errNoWorkshop()
		}
		// Another export of the workshop may have finished meanwhile.
		var last int
		if err := tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM releases WHERE workshop_id = ?`, workshopID).Scan(&last); err != nil {
			return "", fmt.Errorf("record release: %w", err)
		}
		if st.Seq <= last {
			return "", taller.Errorf(taller.ECONFLICT, "err.release.stale")
		}
		// A release with no changed figure still takes its number.
		if len(figures) == 0 {
			figures["-"] = "{}"
		}
		for fig, state := range figures {
			if _, err := tx.Exec(`INSERT INTO releases (workshop_id, seq, figure, state, released_on) VALUES (?, ?, ?, ?, ?)`,
				workshopID, st.Seq, fig, state, day); err != nil {
				return "", fmt.Errorf("record release: %w", err)
			}
		}
		return "", nil
	})
}
