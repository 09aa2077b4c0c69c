// Package store keeps Taller's data in one SQLite file and implements the
// domain's services. It is the only package that knows SQL.
//
// One writer connection takes every write through a group-commit queue
// (see writer.go), so concurrent submissions from many phones share one
// durable transaction; a separate pool of read-only connections serves
// reads while writes go on (WAL).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"taller"
)

// ApplicationID marks a SQLite file as Taller's ("TALL").
const ApplicationID = 0x54414C4C

// Store is an open data file.
type Store struct {
	path   string
	db     *sql.DB // the single writer connection
	read   *sql.DB // read-only pool
	writer *writer
	notify *taller.Notifier
	now    func() time.Time
}

// Options tune Open.
type Options struct {
	// Notifier, when set, is told about every committed change.
	Notifier *taller.Notifier
}

// Open opens (creating when absent) the data file in dir, with mode 0600 in
// a 0700 directory, and brings its schema up to date.
func Open(dir string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := Path(dir)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open data file: %w", err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("protect data file: %w", err)
	}

	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open data file: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := &Store{path: path, db: db, notify: opts.Notifier, now: time.Now}
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	s.read, err = sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open data file: %w", err)
	}
	s.read.SetMaxOpenConns(4)
	s.read.SetMaxIdleConns(4)
	s.writer = newWriter(db, s.publish)
	return s, nil
}

// dsn puts every per-connection setting in the connection string, so each
// connection of a pool gets them (a PRAGMA run once reaches one connection).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_fk", "1")
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_txlock", "immediate")
	}
	// SQLite reads the name as a URI: escape what a folder name may hold
	// that a URI gives a meaning to ("#" or "%" in a Windows user name).
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:/C:/Users/… is the URI form of a drive path
	}
	return "file:" + p + "?" + q.Encode()
}

// prepare checks the file is Taller's, turns on WAL and runs migrations.
func (s *Store) prepare() error {
	ctx := context.Background()
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if isNotADatabase(err) {
			return taller.Errorf(taller.EINVALID, "err.store.foreign_file", "Path", s.path)
		}
		return fmt.Errorf("read data file: %w", err)
	}
	var tables int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return fmt.Errorf("read data file: %w", err)
	}
	if appID != ApplicationID && (appID != 0 || tables > 0) {
		return taller.Errorf(taller.EINVALID, "err.store.foreign_file", "Path", s.path)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("set journal mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return taller.Errorf(taller.EINTERNAL, "err.store.not_wal", "Path", s.path)
	}
	if appID == 0 {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d", ApplicationID)); err != nil {
			return fmt.Errorf("mark data file: %w", err)
		}
	}
	return migrate(ctx, s.db, len(migrations))
}

func isNotADatabase(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt)
}

// publish tells the notifier, once per workshop, what a commit changed.
func (s *Store) publish(ids []string) {
	if s.notify == nil {
		return
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			s.notify.Publish(id)
		}
	}
}

// Path is the data file's path.
func (s *Store) Path() string { return s.path }

// Close waits for queued writes, then closes the file.
func (s *Store) Close() error {
	if s.writer != nil {
		s.writer.close()
	}
	var errs []error
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	errs = append(errs, s.db.Close())
	return errors.Join(errs...)
}

// Wipe deletes the data file in dir with its -wal and -shm companions, and
// the laptop's signing key. The store using it must be closed first.
func Wipe(dir string) error {
	path := Path(dir)
	var errs []error
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal", filepath.Join(dir, SigningKeyFile)} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("wipe data: %w", err)
	}
	return nil
}

// timeFormat is how times are stored: UTC with milliseconds, so text order
// is time order.
const timeFormat = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
