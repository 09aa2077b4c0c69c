package store

// TEMPORARY (branch print): a stand-in for the reserved paper codes that
// the phones branch implements with its own table (migration 0007). It
// keeps the reserved codes of a workshop in the settings table, so the
// printed slips can be made before that branch lands. The lead deletes
// this file at merge; printout's reserved-code test skips while
// ReserveCodesTemporary exists and runs against the real implementation.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"taller"
)

// ReserveCodesTemporary marks the stand-in implementation below.
const ReserveCodesTemporary = true

// ReserveCodes returns n new participant codes reserved for a workshop's
// paper slips; see taller.AttendanceService.
func (s *Store) ReserveCodes(ctx context.Context, workshopID string, n int) ([]string, error) {
	if n < 1 || n > 500 {
		return nil, taller.Errorf(taller.EINVALID, "tmp.codes.count", "Max", 500)
	}
	key := "tmp_reserved_codes/" + workshopID
	var out []string
	err := s.write(ctx, func(tx *sql.Tx) (string, error) {
		out = out[:0]
		var exists int
		if err := tx.QueryRow(`SELECT count(*) FROM workshops WHERE id = ?`, workshopID).Scan(&exists); err != nil {
			return "", fmt.Errorf("reserve codes: %w", err)
		}
		if exists == 0 {
			return "", errNoWorkshop()
		}
		taken := map[string]bool{}
		var prev string
		err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&prev)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("reserve codes: %w", err)
		}
		var reserved []string
		if prev != "" {
			if err := json.Unmarshal([]byte(prev), &reserved); err != nil {
				return "", fmt.Errorf("reserve codes: %w", err)
			}
		}
		for _, c := range reserved {
			taken[c] = true
		}
		rows, err := tx.Query(`SELECT code FROM checkins WHERE workshop_id = ?`, workshopID)
		if err != nil {
			return "", fmt.Errorf("reserve codes: %w", err)
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return "", fmt.Errorf("reserve codes: %w", err)
			}
			taken[c] = true
		}
		rows.Close()
		for len(out) < n {
			c := taller.NewCode()
			if !taken[c] {
				taken[c] = true
				out = append(out, c)
			}
		}
		data, err := json.Marshal(append(reserved, out...))
		if err != nil {
			return "", fmt.Errorf("reserve codes: %w", err)
		}
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(data)); err != nil {
			return "", fmt.Errorf("reserve codes: %w", err)
		}
		return "", nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
