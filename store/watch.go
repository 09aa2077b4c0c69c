package store

import (
	"context"
	"time"
)

// Watch polls the data file every interval until ctx ends and tells the
// notifier (with an empty workshop id, meaning "anything") when a commit
// happened on another connection: the command line or a second app
// opening or closing a phase, or a server in another process storing
// check-ins. It is how a change made elsewhere is seen within a second.
func (s *Store) Watch(ctx context.Context, interval time.Duration) error {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var last int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&last); err != nil {
		return err
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		var v int64
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if v != last {
			last = v
			if s.notify != nil {
				s.notify.Publish("")
			}
		}
	}
}
