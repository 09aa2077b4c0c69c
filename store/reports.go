package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"taller"
)

var _ taller.ReportService = (*Store)(nil)

// Aggregates returns one workshop's figures: counts and sums only.
func (s *Store) Aggregates(ctx context.Context, workshopID string, withComments bool) (*taller.Aggregates, error) {
	w, err := s.Workshop(ctx, workshopID)
	if err != nil {
		return nil, err
	}
	a := taller.NewAggregates(taller.WorkshopInfo{ID: w.ID, Title: w.Title, Country: w.Country, Locality: w.Locality,
		Organization: w.Organization, Facilitator: w.Facilitator, Date: w.Date})

	// One read transaction so the figures agree with each other.
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}
	defer tx.Rollback()

	if err := tx.QueryRow(`SELECT revision FROM workshops WHERE id = ?`, workshopID).Scan(&a.Revision); err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}
	rows, err := tx.Query(`SELECT gender, age_band, role, count(*) FROM checkins WHERE workshop_id = ? GROUP BY 1, 2, 3`, workshopID)
	if err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}
	for rows.Next() {
		var g taller.Gender
		var ab taller.AgeBand
		var r taller.Role
		var n int
		if err := rows.Scan(&g, &ab, &r, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read aggregates: %w", err)
		}
		a.ByGender[g] += n
		if a.AgeByGender[ab] == nil {
			a.AgeByGender[ab] = map[taller.Gender]int{}
		}
		a.AgeByGender[ab][g] += n
		if a.RoleByGender[r] == nil {
			a.RoleByGender[r] = map[taller.Gender]int{}
		}
		a.RoleByGender[r][g] += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}

	var f, m, o, u int
	if err := tx.QueryRow(`SELECT coalesce(sum(female),0), coalesce(sum(male),0), coalesce(sum(other),0),
		coalesce(sum(undisclosed),0) FROM tallies WHERE workshop_id = ?`, workshopID).Scan(&f, &m, &o, &u); err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}
	a.ByGender[taller.Female] += f
	a.ByGender[taller.Male] += m
	a.ByGender[taller.OtherGender] += o
	a.ByGender[taller.Undisclosed] += u

	for _, item := range taller.LikertItems {
		// item is one of five fixed column names, never input.
		rows, err := tx.Query(`SELECT `+string(item)+`, count(*) FROM evaluations WHERE workshop_id = ? GROUP BY 1`, workshopID)
		if err != nil {
			return nil, fmt.Errorf("read aggregates: %w", err)
		}
		var d [5]int
		for rows.Next() {
			var v, n int
			if err := rows.Scan(&v, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read aggregates: %w", err)
			}
			if v >= 1 && v <= 5 {
				d[v-1] = n
			}
		}
		rows.Close()
		a.Ratings[item] = d
	}
	if err := tx.QueryRow(`SELECT count(*) FROM evaluations WHERE workshop_id = ?`, workshopID).Scan(&a.Evaluations); err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}

	for _, k := range []struct {
		kind string
		sum  *taller.ScoreSum
	}{{"pre", &a.Pre}, {"post", &a.Post}} {
		if err := tx.QueryRow(`SELECT count(*), coalesce(sum(100.0 * score / total), 0) FROM quiz_attempts
			WHERE workshop_id = ? AND kind = ?`, workshopID, k.kind).Scan(&k.sum.N, &k.sum.Sum); err != nil {
			return nil, fmt.Errorf("read aggregates: %w", err)
		}
	}
	// A pre-quiz pairs with the post-quiz of the same phone, or of the same
	// participant code when the cookie was lost; each pre pairs at most once.
	if err := tx.QueryRow(`SELECT count(*), coalesce(sum(pre), 0), coalesce(sum(post), 0) FROM (
		SELECT 100.0 * p.score / p.total AS pre,
			(SELECT 100.0 * q.score / q.total FROM quiz_attempts q WHERE q.workshop_id = p.workshop_id AND q.kind = 'post'
				AND ((p.device IS NOT NULL AND q.device = p.device) OR (p.code IS NOT NULL AND q.code = p.code))
				ORDER BY q.id LIMIT 1) AS post
		FROM quiz_attempts p WHERE p.workshop_id = ? AND p.kind = 'pre') WHERE post IS NOT NULL`,
		workshopID).Scan(&a.Paired.N, &a.Paired.PreSum, &a.Paired.PostSum); err != nil {
		return nil, fmt.Errorf("read aggregates: %w", err)
	}

	if withComments {
		// Ordered by text, not by arrival, so one person's answers do not
		// stand side by side.
		rows, err := tx.Query(`SELECT text FROM comments WHERE workshop_id = ? AND hidden = 0 ORDER BY text, id`, workshopID)
		if err != nil {
			return nil, fmt.Errorf("read aggregates: %w", err)
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read aggregates: %w", err)
			}
			a.Comments = append(a.Comments, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read aggregates: %w", err)
		}
	}
	return a, nil
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
