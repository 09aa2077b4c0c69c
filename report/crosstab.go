package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"taller"
)

// Cross-tabs (age band × gender, role × gender) are suppressed at the
// source: the hidden data sheet never carries a cell of 1 to k-1 people,
// where k is the small-cell threshold of the export. What it carries of a
// workshop is its protected form (protect), the same figures its own
// Demographics sheet would show, and everything that reads them — the
// visible Demographics of an export or of a merge — works from that form
// only. The headline counts by gender, the ratings, evaluations and quiz
// sums stay exact.

// wireCell is one cross-tab cell in the hidden sheet's JSON: a number when
// the count is published (0, or k or more), or a string when it was
// withheld: "<k" (for the record's own k) for a count of fewer than k
// people, "x" for a count of k or more hidden so that a small one cannot be
// worked out from the totals by gender.
type wireCell struct {
	n    int
	mark string // "" when n is published
}

const markSecondary = "x"

func smallMark(k int) string { return "<" + strconv.Itoa(k) }

func (c wireCell) MarshalJSON() ([]byte, error) {
	if c.mark != "" {
		return json.Marshal(c.mark)
	}
	return []byte(strconv.Itoa(c.n)), nil
}

func (c *wireCell) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			return errors.New("empty cell mark")
		}
		*c = wireCell{mark: s}
		return nil
	}
	// A whole number only: no null, no fraction, no exponent.
	n, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil {
		return errors.New("cell is not a whole number")
	}
	*c = wireCell{n: n}
	return nil
}

// wireAggregates is a workshop's record in the hidden sheet: its
// taller.Aggregates with the two cross-tabs in protected form, and the
// threshold k they were protected with. The outer cross-tab fields shadow
// the embedded ones in JSON, so every other field of taller.Aggregates is
// written and read as it is.
type wireAggregates struct {
	taller.Aggregates
	K            int                                           `json:"k"`
	AgeByGender  map[taller.AgeBand]map[taller.Gender]wireCell `json:"age_by_gender"`
	RoleByGender map[taller.Role]map[taller.Gender]wireCell    `json:"role_by_gender"`
}

// protect suppresses one workshop's cross-tab (rows × taller.Genders of
// exact counts) with threshold k, column by column:
//
//   - a column with no count from 1 to k-1 is published as it is (its zeros
//     describe no one);
//   - otherwise every count below k, zeros included (a published 0 would
//     point at the cells the few people are in), becomes "<k"; and when that
//     hides a single cell, the smallest published count of the column
//     becomes "x", since the exact total by gender would give the hidden one
//     away by subtraction.
//
// Where the column holds a small count this hides exactly what the visible
// Demographics of a one-workshop export hides.
func protect(grid [][]int, k int) [][]wireCell {
	out := make([][]wireCell, len(grid))
	for i, r := range grid {
		out[i] = make([]wireCell, len(r))
		for j, n := range r {
			out[i][j] = wireCell{n: n}
		}
	}
	if len(grid) == 0 {
		return out
	}
	for j := range grid[0] {
		small := false
		for i := range grid {
			if n := grid[i][j]; n > 0 && n < k {
				small = true
			}
		}
		if !small {
			continue
		}
		hidden, pick := 0, -1
		for i := range grid {
			if grid[i][j] < k {
				out[i][j] = wireCell{mark: smallMark(k)}
				hidden++
			} else if pick < 0 || grid[i][j] < grid[pick][j] {
				pick = i
			}
		}
		if hidden == 1 && pick >= 0 {
			out[pick][j] = wireCell{mark: markSecondary}
		}
	}
	return out
}

// gridOf lays out a cross-tab map as rows (in the order of keys) × genders.
func gridOf[K comparable](keys []K, m map[K]map[taller.Gender]int) [][]int {
	grid := make([][]int, len(keys))
	for i, key := range keys {
		grid[i] = make([]int, len(taller.Genders))
		for j, g := range taller.Genders {
			grid[i][j] = m[key][g]
		}
	}
	return grid
}

// wireMap is the JSON map of a protected cross-tab: published zeros are
// left out, as in taller.Aggregates.
func wireMap[K comparable](keys []K, grid [][]wireCell) map[K]map[taller.Gender]wireCell {
	m := map[K]map[taller.Gender]wireCell{}
	for i, key := range keys {
		for j, g := range taller.Genders {
			if c := grid[i][j]; c.mark != "" || c.n != 0 {
				if m[key] == nil {
					m[key] = map[taller.Gender]wireCell{}
				}
				m[key][g] = c
			}
		}
	}
	return m
}

// wireGrid lays out a decoded cross-tab as rows × genders (a missing cell
// is a published 0).
func wireGrid[K comparable](keys []K, m map[K]map[taller.Gender]wireCell) [][]wireCell {
	grid := make([][]wireCell, len(keys))
	for i, key := range keys {
		grid[i] = make([]wireCell, len(taller.Genders))
		for j, g := range taller.Genders {
			grid[i][j] = m[key][g]
		}
	}
	return grid
}

// protectAggregates is the record form of a workshop's aggregates with
// threshold k. a is not changed.
func protectAggregates(a *taller.Aggregates, k int) *wireAggregates {
	w := &wireAggregates{Aggregates: *a, K: k}
	w.Aggregates.AgeByGender, w.Aggregates.RoleByGender = nil, nil
	w.AgeByGender = wireMap(taller.AgeBands, protect(gridOf(taller.AgeBands, a.AgeByGender), k))
	w.RoleByGender = wireMap(taller.Roles, protect(gridOf(taller.Roles, a.RoleByGender), k))
	return w
}

// tabCell is a cross-tab cell as far as the hidden sheets tell it, for one
// workshop or the sum of many: n people are known; when hidden, some
// workshops withheld their count for the cell, which adds up to at most max
// more people.
type tabCell struct {
	n      int
	hidden bool
	max    int
}

func (c *tabCell) add(d tabCell) {
	c.n += d.n
	c.hidden = c.hidden || d.hidden
	c.max += d.max
}

// tabs are the two cross-tabs: rows in the order of taller.AgeBands and
// taller.Roles, columns in the order of taller.Genders.
type tabs struct {
	age, role [][]tabCell
}

func newTabs() *tabs {
	mk := func(rows int) [][]tabCell {
		g := make([][]tabCell, rows)
		for i := range g {
			g[i] = make([]tabCell, len(taller.Genders))
		}
		return g
	}
	return &tabs{age: mk(len(taller.AgeBands)), role: mk(len(taller.Roles))}
}

// add adds o's cells to t's: known counts add up, a cell is hidden when any
// workshop hid its part, and the bounds of the hidden parts add up.
func (t *tabs) add(o *tabs) {
	for _, p := range [][2][][]tabCell{{t.age, o.age}, {t.role, o.role}} {
		for i := range p[0] {
			for j := range p[0][i] {
				p[0][i][j].add(p[1][i][j])
			}
		}
	}
}

// tabsOf reads a record's protected cross-tabs. A withheld count is at most
// what the exact total by gender leaves over the published counts of its
// column, and a "<k" one at most k-1 as well.
func tabsOf(w *wireAggregates) *tabs {
	t := newTabs()
	fill := func(dst [][]tabCell, grid [][]wireCell) {
		for j, g := range taller.Genders {
			rest := w.ByGender[g]
			for i := range grid {
				if grid[i][j].mark == "" {
					rest -= grid[i][j].n
				}
			}
			rest = max(rest, 0)
			for i := range grid {
				c := grid[i][j]
				switch c.mark {
				case "":
					dst[i][j] = tabCell{n: c.n}
				case markSecondary:
					dst[i][j] = tabCell{hidden: true, max: rest}
				default:
					dst[i][j] = tabCell{hidden: true, max: min(rest, w.K-1)}
				}
			}
		}
	}
	fill(t.age, wireGrid(taller.AgeBands, w.AgeByGender))
	fill(t.role, wireGrid(taller.Roles, w.RoleByGender))
	return t
}

// plausibleTabs checks a decoded record's cross-tabs: known rows and
// genders, published counts of 0 or at least k (a Taller never writes a
// smaller one), the marks of its own k, and no column publishing more
// people than the workshop's exact total by gender.
func plausibleTabs(w *wireAggregates) bool {
	if w.K < 1 || w.K > maxThreshold {
		return false
	}
	check := func(grid [][]wireCell) bool {
		for j, g := range taller.Genders {
			sum := 0
			for i := range grid {
				c := grid[i][j]
				switch {
				case c.mark == markSecondary, c.mark == smallMark(w.K):
				case c.mark != "":
					return false
				case c.n < 0 || (c.n > 0 && c.n < w.K):
					return false
				default:
					sum += c.n
				}
			}
			if sum > w.ByGender[g] {
				return false
			}
		}
		return true
	}
	for key, row := range w.AgeByGender {
		if !key.Valid() {
			return false
		}
		for g := range row {
			if !g.Valid() {
				return false
			}
		}
	}
	for key, row := range w.RoleByGender {
		if !key.Valid() {
			return false
		}
		for g := range row {
			if !g.Valid() {
				return false
			}
		}
	}
	return check(wireGrid(taller.AgeBands, w.AgeByGender)) && check(wireGrid(taller.Roles, w.RoleByGender))
}
