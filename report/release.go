package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"taller"
)

// A workshop's record is made from its release (taller.Disclose), never
// from its exact figures: newRecord encodes the release for the hidden
// sheet and decodes it back, so the visible sheets show what the hidden
// sheet carries and nothing else.

// newRecord encodes a workshop's release for the hidden sheet, read at
// the export date at.
func newRecord(rel *taller.Release, at time.Time) (*record, error) {
	w := wireOf(rel)
	raw, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("encode release: %w", err)
	}
	back := &wireAggregates{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(back); err != nil {
		return nil, fmt.Errorf("encode release: %w", err)
	}
	fillMaps(&back.Aggregates)
	r := recordOf(back)
	r.ExportedAt, r.at, r.json = exportDay(at), formatTime(at), asciiJSON(raw)
	return r, nil
}

// wireOf lays a release out in the hidden sheet's shape: the figures it
// withholds are zero (or absent) and named in Held.
func wireOf(rel *taller.Release) *wireAggregates {
	a := taller.NewAggregates(rel.Workshop)
	for g, n := range rel.ByGender {
		a.ByGender[g] = n
	}
	a.AgeByGender, a.RoleByGender = nil, nil
	if rel.Ratings != nil {
		a.Evaluations = rel.Ratings.N
		for it, d := range rel.Ratings.Ratings {
			a.Ratings[it] = d
		}
	}
	if rel.Quiz != nil {
		a.Pre, a.Post, a.Paired = rel.Quiz.Pre, rel.Quiz.Post, rel.Quiz.Paired
	}
	w := &wireAggregates{Aggregates: *a, K: rel.K, Release: rel.Seq,
		AgeByGender: map[taller.Gender]taller.TabColumn{}, RoleByGender: map[taller.Gender]taller.TabColumn{}}
	if rel.Comments != nil {
		w.Comments = append([]string{}, rel.Comments.Texts...)
		w.CommentsBase = rel.Comments.Base
	}
	for _, h := range rel.Held {
		w.Held = append(w.Held, wireHeld{Figure: h.Figure, Reason: h.Reason})
	}
	for g, c := range rel.Age {
		if len(c.Parts) > 0 || c.Pending > 0 {
			w.AgeByGender[g] = c
		}
	}
	for g, c := range rel.Role {
		if len(c.Parts) > 0 || c.Pending > 0 {
			w.RoleByGender[g] = c
		}
	}
	return w
}

// recordOf is the record of a decoded workshop record.
func recordOf(w *wireAggregates) *record {
	a := w.Aggregates
	a.AgeByGender = map[taller.AgeBand]map[taller.Gender]int{}
	a.RoleByGender = map[taller.Role]map[taller.Gender]int{}
	r := &record{Agg: &a, tabs: tabsOf(w), k: w.K, seq: w.Release}
	for _, h := range w.Held {
		r.held = append(r.held, taller.HeldFigure{Figure: h.Figure, Reason: h.Reason})
	}
	return r
}

// withheld reports whether the record's release withheld a block outright
// (never released: it rests on 1 to k-1 people).
func (r *record) withheld(fig string) bool {
	for _, h := range r.held {
		if h.Figure == fig && h.Reason == taller.HeldSmall {
			return true
		}
	}
	return false
}

// exportDay is the export's date: the only time that leaves the laptop.
func exportDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// heldCount is a count some of whose parts were withheld: n known, and up
// to max more in the withheld parts (each rests on fewer than k people).
type heldCount struct {
	n, max int
	hidden bool
}

// countOf adds up a block's count over the book's records: what the
// records show, plus at most k-1 for each record that withheld the block.
func countOf(recs []*record, fig string, n func(*taller.Aggregates) int) heldCount {
	var c heldCount
	for _, r := range recs {
		if r.withheld(fig) {
			c.hidden = true
			c.max += r.k - 1
			continue
		}
		c.n += n(r.Agg)
	}
	return c
}

// countValue is how a count is shown: the number when nothing was
// withheld; "<k" when the withheld parts cannot reach k; "≥n" when the known
// part reaches k; "x" otherwise.
func countValue(c heldCount, k int) any {
	switch {
	case !c.hidden:
		return c.n
	case c.n+c.max < k:
		return smallMark(k)
	case c.n >= k:
		return fmt.Sprintf("≥%d", c.n)
	}
	return markSecondary
}

// release reads what the earlier exports of a's workshop released, decides
// this release (taller.Disclose) and makes its record; the state to
// remember comes back for recordReleases.
func release(ctx context.Context, svc taller.ReportService, a *taller.Aggregates, k int, at time.Time) (*record, *taller.ReleaseState, error) {
	prev, err := svc.ReleaseState(ctx, a.Workshop.ID)
	if err != nil {
		return nil, nil, err
	}
	rel, next := taller.Disclose(a, k, prev)
	r, err := newRecord(rel, at)
	if err != nil {
		return nil, nil, err
	}
	return r, next, nil
}

// recordReleases remembers the releases of an export, in the order of ids.
func recordReleases(ctx context.Context, svc taller.ReportService, ids []string, states map[string]*taller.ReleaseState, at time.Time) error {
	for _, id := range ids {
		if err := svc.RecordRelease(ctx, id, states[id], exportDay(at)); err != nil {
			return err
		}
	}
	return nil
}

// result describes a finished export.
func result(b *book, opts ExportOptions, path string) *ExportResult {
	res := &ExportResult{ExportID: b.ExportID, ExportedAt: exportDay(b.ExportedAt), Workshops: len(b.Records), Path: path,
		K: threshold(opts.Threshold)}
	for _, r := range b.Records {
		res.Held = append(res.Held, r.held...)
	}
	return res
}
