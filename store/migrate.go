package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"taller"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are the schema steps in order; step i brings the schema to
// version i+1.
var migrations = func() []string {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}()

// SchemaVersion is the schema version this binary writes.
var SchemaVersion = len(migrations)

// migrate applies the steps up to version target, each in its own
// immediate transaction that re-reads user_version first, so two processes
// opening the same new file never run a step twice. A file with a newer
// schema is refused.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	for {
		done, err := migrateStep(ctx, db, target)
		if err != nil || done {
			return err
		}
	}
}

func migrateStep(ctx context.Context, db *sql.DB, target int) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil) // _txlock=immediate
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	if v > len(migrations) {
		return false, taller.Errorf(taller.EINVALID, "err.store.newer_schema", "Found", v, "Known", len(migrations))
	}
	if v >= target {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	return false, tx.Commit()
}
