package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// maxBatch bounds how many queued writes share one transaction.
const maxBatch = 256

// job is one write: fn runs inside a savepoint of the batch's transaction.
// It returns the id of the workshop it changed ("" for none), so
// subscribers can be told after the commit.
type job struct {
	fn   func(tx *sql.Tx) (string, error)
	done chan error
	wsID string
}

// writer is the group-commit queue: one goroutine owns the writer
// connection, takes every job waiting in the queue, runs them in one
// transaction, commits once (one fsync, synchronous=FULL), and only then
// answers each caller. Under load many phones' submissions share one
// durable commit; alone, a submission waits for nothing.
type writer struct {
	db   *sql.DB
	jobs chan *job
	// mu orders queuing against closing: a job is queued only while the
	// writer is open, so the loop's final drain always sees it.
	mu     sync.RWMutex
	closed bool
	quit   chan struct{}
	done   chan struct{}
	// published is called with the changed workshops after each commit.
	published func(ids []string)
}

var errClosed = errors.New("store is closed")

func newWriter(db *sql.DB, published func(ids []string)) *writer {
	w := &writer{db: db, jobs: make(chan *job, 4*maxBatch), quit: make(chan struct{}), done: make(chan struct{}), published: published}
	go w.loop()
	return w
}

// do queues fn and waits until its transaction is committed (or failed).
func (w *writer) do(ctx context.Context, fn func(tx *sql.Tx) (string, error)) (string, error) {
	j := &job{fn: fn, done: make(chan error, 1)}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return "", errClosed
	}
	select {
	case w.jobs <- j:
	case <-ctx.Done():
		w.mu.RUnlock()
		return "", ctx.Err()
	}
	w.mu.RUnlock()
	// Once queued, the job runs even if ctx ends (a phone that left the
	// Wi-Fi mid-request still has its answer kept), and the caller waits
	// for the outcome: it must never be told "failed" for a write that
	// then commits.
	err := <-j.done
	return j.wsID, err
}

func (w *writer) close() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.quit)
	}
	w.mu.Unlock()
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	batch := make([]*job, 0, maxBatch)
	for {
		var first *job
		select {
		case first = <-w.jobs:
		case <-w.quit:
			// Drain what was queued before closing.
			for {
				select {
				case j := <-w.jobs:
					w.run([]*job{j})
				default:
					return
				}
			}
		}
		batch = append(batch[:0], first)
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-w.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		w.run(batch)
	}
}

// run executes a batch in one transaction. A job whose function fails is
// rolled back to its savepoint alone; the others still commit.
//
// If a savepoint cannot be taken, rolled back to or released, the
// transaction itself is gone (SQLite rolls the whole of it back on some
// errors, such as a full disk): the jobs run so far were undone with it
// and nothing of the batch committed. Later jobs must not run on the bare
// connection, where each would commit on its own while its caller is
// told it failed; instead every job of the batch runs again, alone in its
// own transaction, and is told its own outcome.
func (w *writer) run(batch []*job) {
	results := make([]error, len(batch))
	tx, err := w.db.BeginTx(context.Background(), nil)
	if err != nil {
		for _, j := range batch {
			j.done <- fmt.Errorf("begin write: %w", err)
		}
		return
	}
	for i, j := range batch {
		var gone bool
		gone, results[i] = runSavepoint(tx, j)
		if gone {
			tx.Rollback() // what is left of it; its error says nothing new
			if len(batch) == 1 {
				j.done <- results[i]
				return
			}
			for _, j := range batch {
				w.run([]*job{j})
			}
			return
		}
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		for _, j := range batch {
			j.done <- fmt.Errorf("commit: %w", err)
		}
		return
	}
	var changed []string
	for i, j := range batch {
		if results[i] == nil && j.wsID != "" {
			changed = append(changed, j.wsID)
		}
		j.done <- results[i]
	}
	if w.published != nil && len(changed) > 0 {
		w.published(changed)
	}
}

// runSavepoint runs one job in its own savepoint of tx and returns its
// error; gone reports that tx itself no longer stands (a savepoint
// statement failed), so nothing run in it will commit.
func runSavepoint(tx *sql.Tx, j *job) (gone bool, err error) {
	if _, err := tx.Exec("SAVEPOINT job"); err != nil {
		return true, fmt.Errorf("savepoint: %w", err)
	}
	j.wsID, err = callJob(tx, j)
	if err != nil {
		if _, rerr := tx.Exec("ROLLBACK TO job"); rerr != nil {
			return true, err
		}
	}
	if _, rerr := tx.Exec("RELEASE job"); rerr != nil {
		if err == nil {
			err = fmt.Errorf("release savepoint: %w", rerr)
		}
		return true, err
	}
	return false, err
}

// callJob calls the job's function, turning a panic into an error.
func callJob(tx *sql.Tx, j *job) (id string, err error) {
	defer func() {
		if p := recover(); p != nil {
			id, err = "", fmt.Errorf("write panicked: %v", p)
		}
	}()
	return j.fn(tx)
}

// write runs fn as one queued job of the group commit and tells the
// notifier about the workshop it changed.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) (string, error)) error {
	_, err := s.writer.do(ctx, fn)
	return err
}
