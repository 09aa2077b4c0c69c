package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdWriter runs a job that blocks the writer until the returned release
// is called, and returns once the writer is inside it: jobs queued after
// that share the next batch.
func holdWriter(t *testing.T, st *Store) (release func()) {
	t.Helper()
	inside, out := make(chan struct{}), make(chan struct{})
	go st.writer.do(context.Background(), func(*sql.Tx) (string, error) {
		close(inside)
		<-out
		return "", nil
	})
	<-inside
	return func() { close(out) }
}

// queue starts fn as a job and returns once it waits in the writer's queue
// behind n-1 others; its outcome arrives on the channel.
func queue(t *testing.T, st *Store, n int, fn func(tx *sql.Tx) (string, error)) <-chan error {
	t.Helper()
	res := make(chan error, 1)
	go func() {
		_, err := st.writer.do(context.Background(), fn)
		res <- err
	}()
	for i := 0; len(st.writer.jobs) < n; i++ {
		require.Less(t, i, 5000, "the job was never queued")
		time.Sleep(time.Millisecond)
	}
	return res
}

func TestWriterReRunsABatchWhoseTransactionIsGone(t *testing.T) {
	// Given three writes waiting to share one transaction, the second of
	// which ends the transaction itself (as SQLite does on a full disk),
	st, _ := openTemp(t)
	_, err := st.writer.do(context.Background(), func(tx *sql.Tx) (string, error) {
		_, err := tx.Exec(`CREATE TABLE probe (n INTEGER)`)
		return "", err
	})
	require.NoError(t, err)
	insert := func(n int) func(tx *sql.Tx) (string, error) {
		return func(tx *sql.Tx) (string, error) {
			_, err := tx.Exec(`INSERT INTO probe VALUES (?)`, n)
			return "", err
		}
	}
	injected := errors.New("injected: the transaction was rolled back")
	release := holdWriter(t, st)
	first := queue(t, st, 1, insert(1))
	second := queue(t, st, 2, func(tx *sql.Tx) (string, error) {
		if _, err := tx.Exec(`ROLLBACK`); err != nil {
			return "", err
		}
		return "", injected
	})
	third := queue(t, st, 3, insert(3))

	// when the writer runs them,
	release()

	// then each caller is told the truth: the two good writes are stored
	// and say so, the bad one fails alone, and no write that is stored is
	// reported failed.
	assert.NoError(t, <-first, "the first write is stored")
	assert.ErrorIs(t, <-second, injected)
	assert.NoError(t, <-third, "the third write is stored")
	rows, err := st.read.Query(`SELECT n FROM probe ORDER BY n`)
	require.NoError(t, err)
	defer rows.Close()
	var got []int
	for rows.Next() {
		var n int
		require.NoError(t, rows.Scan(&n))
		got = append(got, n)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []int{1, 3}, got)
}
