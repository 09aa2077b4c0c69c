package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"taller"
)

var _ taller.ReportService = (*Store)(nil)

// readTx runs fn in one read-only transaction, so the figures it reads
// agree with each other even while phones keep writing.
func (s *Store) readTx(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// workshopIn reads a workshop inside tx.
func workshopIn(ctx context.Context, tx *sql.Tx, id string) (*taller.Workshop, error) {
	w, err := scanWorkshop(tx.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoWorkshop()
	}
	if err != nil {
		return nil, fmt.Errorf("read workshop: %w", err)
	}
	return w, nil
}

// attendance is a workshop's participants: check-ins by gender × age band
// × role, and walk-ins counted by hand by gender.
type attendance struct {
	cells   []attendanceCell
	tallied map[taller.Gender]int
}

type attendanceCell struct {
	gender taller.Gender
	age    taller.AgeBand
	role   taller.Role
	n      int
}

// readAttendance is the one aggregation of a workshop's participants that
// both Counts and Aggregates are built from.
func readAttendance(ctx context.Context, tx *sql.Tx, workshopID string) (*attendance, error) {
	a := &attendance{tallied: map[taller.Gender]int{}}
	rows, err := tx.QueryContext(ctx, `SELECT gender, age_band, role, count(*) FROM checkins WHERE workshop_id = ? GROUP BY 1, 2, 3`, workshopID)
	if err != nil {
		return nil, fmt.Errorf("count check-ins: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c attendanceCell
		if err := rows.Scan(&c.gender, &c.age, &c.role, &c.n); err != nil {
			return nil, fmt.Errorf("count check-ins: %w", err)
		}
		a.cells = append(a.cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count check-ins: %w", err)
	}
	var f, m, o, u int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(female),0), coalesce(sum(male),0), coalesce(sum(other),0),
		coalesce(sum(undisclosed),0) FROM tallies WHERE workshop_id = ?`, workshopID).Scan(&f, &m, &o, &u); err != nil {
		return nil, fmt.Errorf("count tallies: %w", err)
	}
	a.tallied[taller.Female], a.tallied[taller.Male], a.tallied[taller.OtherGender], a.tallied[taller.Undisclosed] = f, m, o, u
	return a, nil
}

// Counts returns the live attendance and answer counts of a workshop.
func (s *Store) Counts(ctx context.Context, workshopID string) (*taller.Counts, error) {
	c := &taller.Counts{ByGender: map[taller.Gender]int{}, ByAgeBand: map[taller.AgeBand]int{}, ByRole: map[taller.Role]int{}}
	err := s.readTx(ctx, "read counts", func(tx *sql.Tx) error {
		if _, err := workshopIn(ctx, tx, workshopID); err != nil {
			return err
		}
		a, err := readAttendance(ctx, tx, workshopID)
		if err != nil {
			return err
		}
		for _, cell := range a.cells {
			c.ByGender[cell.gender] += cell.n
			c.ByAgeBand[cell.age] += cell.n
			c.ByRole[cell.role] += cell.n
			c.Total += cell.n
		}
		for g, n := range a.tallied {
			c.ByGender[g] += n
			c.Tallied += n
		}
		c.Total += c.Tallied
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM quiz_attempts WHERE workshop_id = ?1 AND kind = 'pre'),
			(SELECT count(*) FROM quiz_attempts WHERE workshop_id = ?1 AND kind = 'post'),
			(SELECT count(*) FROM evaluations WHERE workshop_id = ?1),
			(SELECT coalesce(sum(refused), 0) FROM code_refusals WHERE workshop_id = ?1)`, workshopID).Scan(&c.PreQuiz, &c.PostQuiz, &c.Evaluations, &c.RefusedCodes); err != nil {
			return fmt.Errorf("count answers: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Aggregates returns one workshop's figures: counts and sums only, all
// read in one transaction.
func (s *Store) Aggregates(ctx context.Context, workshopID string, withComments bool) (*taller.Aggregates, error) {
	var a *taller.Aggregates
	err := s.readTx(ctx, "read aggregates", func(tx *sql.Tx) error {
		w, err := workshopIn(ctx, tx, workshopID)
		if err != nil {
			return err
		}
		a = taller.NewAggregates(taller.WorkshopInfo{ID: w.ID, Title: w.Title, Country: w.Country, Locality: w.Locality,
			Organization: w.Organization, Facilitator: w.Facilitator, Date: w.Date})
		a.Revision = w.Revision
		att, err := readAttendance(ctx, tx, workshopID)
		if err != nil {
			return err
		}
		for _, c := range att.cells {
			a.ByGender[c.gender] += c.n
			if a.AgeByGender[c.age] == nil {
				a.AgeByGender[c.age] = map[taller.Gender]int{}
			}
			a.AgeByGender[c.age][c.gender] += c.n
			if a.RoleByGender[c.role] == nil {
				a.RoleByGender[c.role] = map[taller.Gender]int{}
			}
			a.RoleByGender[c.role][c.gender] += c.n
		}
		for g, n := range att.tallied {
			a.ByGender[g] += n
		}
		if err := readRatings(ctx, tx, workshopID, a); err != nil {
			return err
		}
		if err := readQuizSums(ctx, tx, workshopID, a); err != nil {
			return err
		}
		if withComments {
			return readComments(ctx, tx, workshopID, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// readRatings counts each evaluation item's answers 1 to 5, in one query.
func readRatings(ctx context.Context, tx *sql.Tx, workshopID string, a *taller.Aggregates) error {
	var parts []string
	var args []any
	for _, item := range taller.LikertItems {
		// item is one of five fixed column names, never input.
		parts = append(parts, `SELECT '`+string(item)+`', `+string(item)+`, count(*) FROM evaluations WHERE workshop_id = ? GROUP BY 2`)
		args = append(args, workshopID)
	}
	rows, err := tx.QueryContext(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return fmt.Errorf("read ratings: %w", err)
	}
	defer rows.Close()
	for _, item := range taller.LikertItems {
		a.Ratings[item] = [5]int{}
	}
	for rows.Next() {
		var item taller.LikertItem
		var v, n int
		if err := rows.Scan(&item, &v, &n); err != nil {
			return fmt.Errorf("read ratings: %w", err)
		}
		if d, ok := a.Ratings[item]; ok && v >= 1 && v <= 5 {
			d[v-1] = n
			a.Ratings[item] = d
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read ratings: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM evaluations WHERE workshop_id = ?`, workshopID).Scan(&a.Evaluations); err != nil {
		return fmt.Errorf("read ratings: %w", err)
	}
	return nil
}

// readQuizSums sums the quiz scores before and after, and of the pairs.
func readQuizSums(ctx context.Context, tx *sql.Tx, workshopID string, a *taller.Aggregates) error {
	for _, k := range []struct {
		kind string
		sum  *taller.ScoreSum
	}{{"pre", &a.Pre}, {"post", &a.Post}} {
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(100.0 * score / total), 0) FROM quiz_attempts
			WHERE workshop_id = ? AND kind = ?`, workshopID, k.kind).Scan(&k.sum.N, &k.sum.Sum); err != nil {
			return fmt.Errorf("read quiz scores: %w", err)
		}
	}
	// A pre-quiz pairs with the post-quiz of the same phone, or of the same
	// participant code when the cookie was lost; each pre pairs at most once.
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(pre), 0), coalesce(sum(post), 0) FROM (
		SELECT 100.0 * p.score / p.total AS pre,
			(SELECT 100.0 * q.score / q.total FROM quiz_attempts q WHERE q.workshop_id = p.workshop_id AND q.kind = 'post'
				AND ((p.device IS NOT NULL AND q.device = p.device) OR (p.code IS NOT NULL AND q.code = p.code))
				ORDER BY q.id LIMIT 1) AS post
		FROM quiz_attempts p WHERE p.workshop_id = ? AND p.kind = 'pre') WHERE post IS NOT NULL`,
		workshopID).Scan(&a.Paired.N, &a.Paired.PreSum, &a.Paired.PostSum); err != nil {
		return fmt.Errorf("read quiz scores: %w", err)
	}
	return nil
}

// readComments reads the comments not hidden, ordered by text, not by
// arrival, so one person's answers do not stand side by side.
func readComments(ctx context.Context, tx *sql.Tx, workshopID string, a *taller.Aggregates) error {
	rows, err := tx.QueryContext(ctx, `SELECT text FROM comments WHERE workshop_id = ? AND hidden = 0 ORDER BY text, id`, workshopID)
	if err != nil {
		return fmt.Errorf("read comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return fmt.Errorf("read comments: %w", err)
		}
		a.Comments = append(a.Comments, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read comments: %w", err)
	}
	return nil
}

// MarkExported records that workshops were exported at t, each with the
// revision its figures were read at.
func (s *Store) MarkExported(ctx context.Context, revisions map[string]int64, t time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) (string, error) {
		id := ""
		for wsID, rev := range revisions {
			if _, err := tx.Exec(`UPDATE workshops SET exported_at = ?, exported_revision = ? WHERE id = ?`, fmtTime(t), rev, wsID); err != nil {
				return "", fmt.Errorf("mark exported: %w", err)
			}
			id = wsID
		}
		if len(revisions) > 1 {
			id = "" // many changed: subscribers reread all
		}
		return id, nil
	})
}
