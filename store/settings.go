package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"taller"
)

var _ taller.SettingsService = (*Store)(nil)

// Setting returns a setting's value, or def when it is not set.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting: %w", err)
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		if err != nil {
			return "", fmt.Errorf("save setting: %w", err)
		}
		return "", nil
	})
}
