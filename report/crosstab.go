package report

import (
	"taller"
)

// Cross-tabs (age band × gender, role × gender) are suppressed at the
// source by taller.Disclose: the hidden data sheet carries, for each
// gender's column, the released parts (each a protected column of at least
// k people, see taller.ProtectColumn) and the number of check-ins not yet
// in any part. Everything that reads them — the visible Demographics of an
// export or of a merge — works from that form only, so it can show no more
// than the hidden sheet carries.

// wireAggregates is a workshop's record in the hidden sheet: what its
// release publishes (taller.Release) in the shape of taller.Aggregates, the
// figures withheld being zero and listed in Held. The outer cross-tab
// fields shadow the embedded ones in JSON.
type wireAggregates struct {
	taller.Aggregates
	K       int `json:"k"`
	Release int `json:"release"` // the release's number for the workshop: 1, 2, …
	// CommentsBase is the number of evaluations whose comments (all but
	// those the facilitator hid) are in Comments.
	CommentsBase int                                `json:"comments_base,omitempty"`
	Held         []wireHeld                         `json:"held,omitempty"`
	AgeByGender  map[taller.Gender]taller.TabColumn `json:"age_by_gender"`
	RoleByGender map[taller.Gender]taller.TabColumn `json:"role_by_gender"`
}

// wireHeld is one figure a release held back.
type wireHeld struct {
	Figure string `json:"figure"`
	Reason string `json:"reason"`
}

const markSecondary = taller.MarkSecondary

func smallMark(k int) string { return taller.SmallMark(k) }

// tabCell is a cross-tab cell as far as the hidden sheets tell it, for one
// workshop or the sum of many: n people are known; when hidden, some
// release withheld part of the cell, which adds up to at most max more
// people.
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
// taller.Roles, columns in the order of taller.Genders, and each column's
// exact total (the check-ins of that gender, which the release publishes).
type tabs struct {
	age, role           [][]tabCell
	ageTotal, roleTotal []int
}

func newTabs() *tabs {
	mk := func(rows int) [][]tabCell {
		g := make([][]tabCell, rows)
		for i := range g {
			g[i] = make([]tabCell, len(taller.Genders))
		}
		return g
	}
	return &tabs{age: mk(len(taller.AgeBands)), role: mk(len(taller.Roles)),
		ageTotal: make([]int, len(taller.Genders)), roleTotal: make([]int, len(taller.Genders))}
}

// add adds o's cells to t's: known counts add up, a cell is hidden when any
// part of it was withheld, and the bounds of the withheld parts add up.
func (t *tabs) add(o *tabs) {
	for _, p := range [][2][][]tabCell{{t.age, o.age}, {t.role, o.role}} {
		for i := range p[0] {
			for j := range p[0][i] {
				p[0][i][j].add(p[1][i][j])
			}
		}
	}
	for j := range t.ageTotal {
		t.ageTotal[j] += o.ageTotal[j]
		t.roleTotal[j] += o.roleTotal[j]
	}
}

// tabsOf reads a record's released cross-tabs. In each part, a withheld
// count is at most what the part's people leave over its published counts,
// and a "<k" one at most k-1 as well; the pending check-ins may be in any
// row.
func tabsOf(w *wireAggregates) *tabs {
	t := newTabs()
	fill := func(dst [][]tabCell, totals []int, cols map[taller.Gender]taller.TabColumn) {
		for j, g := range taller.Genders {
			col := cols[g]
			for _, p := range col.Parts {
				rest := p.N
				for _, c := range p.Cells {
					if !c.Withheld() {
						rest -= c.N
					}
				}
				rest = max(rest, 0)
				for i, c := range p.Cells {
					switch c.Mark {
					case "":
						dst[i][j].add(tabCell{n: c.N})
					case markSecondary:
						dst[i][j].add(tabCell{hidden: true, max: rest})
					default:
						dst[i][j].add(tabCell{hidden: true, max: min(rest, p.K-1)})
					}
				}
				totals[j] += p.N
			}
			if col.Pending > 0 {
				for i := range dst {
					dst[i][j].add(tabCell{hidden: true, max: col.Pending})
				}
				totals[j] += col.Pending
			}
		}
	}
	fill(t.age, t.ageTotal, w.AgeByGender)
	fill(t.role, t.roleTotal, w.RoleByGender)
	return t
}

// plausibleTabs checks a decoded record's cross-tabs: known genders, parts
// of the right length, of k or more people each, with published counts of
// 0 or at least the part's k, only the part's own marks, and no part
// publishing more people than it has; and no column describing more people
// than the workshop's exact total by gender.
func plausibleTabs(w *wireAggregates) bool {
	if w.K < 1 || w.K > maxThreshold || w.Release < 1 {
		return false
	}
	for _, h := range w.Held {
		if !knownFigure(h.Figure) || (h.Reason != taller.HeldSmall && h.Reason != taller.HeldChanged) {
			return false
		}
	}
	check := func(cols map[taller.Gender]taller.TabColumn, rows int) bool {
		for g, col := range cols {
			if !g.Valid() || col.Pending < 0 || len(col.Parts) > maxParts {
				return false
			}
			people := col.Pending
			for _, p := range col.Parts {
				if p.K < 1 || p.K > maxThreshold || p.N < p.K || len(p.Cells) != rows {
					return false
				}
				sum := 0
				for _, c := range p.Cells {
					switch {
					case c.Mark == markSecondary, c.Mark == smallMark(p.K):
					case c.Mark != "":
						return false
					case c.N < 0 || (c.N > 0 && c.N < p.K):
						return false
					default:
						sum += c.N
					}
				}
				if sum > p.N {
					return false
				}
				people += p.N
			}
			if people > w.ByGender[g] {
				return false
			}
		}
		return true
	}
	return check(w.AgeByGender, len(taller.AgeBands)) && check(w.RoleByGender, len(taller.Roles))
}

// maxParts bounds the released parts of one column in a file.
const maxParts = 1000

// suppress decides how each cell of grid (rows × genders) is shown with
// threshold k, where totals are the columns' exact totals (a reader has
// them):
//
//   - a cell known exactly is shown when it is k or more, else "<k";
//   - a cell with withheld parts is "≥n" when its known part n is k or
//     more, "<k" when n and the most the withheld parts can hold stay below
//     k, and "x" when it may or may not reach k.
//
// Then, column by column, while a reader with the column's total could
// narrow a hidden cell (or the withheld part of a "≥n") down to between 1
// and k-1 people, the smallest cell shown exactly (or failing one a "<k")
// becomes "x" as well.
func suppress(grid [][]tabCell, totals []int, k int) [][]shownCell {
	out := make([][]shownCell, len(grid))
	for i, r := range grid {
		out[i] = make([]shownCell, len(r))
		for j, c := range r {
			sc := shownCell{n: c.n}
			switch {
			case !c.hidden && c.n >= k:
				sc.kind = cellShown
			case !c.hidden, c.n+c.max < k:
				sc.kind = cellSmall
			case c.n >= k:
				sc.kind = cellAtLeast
			default:
				sc.kind = cellSecondary
			}
			out[i][j] = sc
		}
	}
	if len(grid) == 0 {
		return out
	}
	for j := range grid[0] {
		col := func() []shownCell {
			c := make([]shownCell, len(grid))
			for i := range grid {
				c[i] = out[i][j]
			}
			return c
		}
		for narrowedShown(col(), totals[j], k) {
			pick := -1
			for i := range grid {
				if out[i][j].kind == cellShown && (pick < 0 || grid[i][j].n < grid[pick][j].n) {
					pick = i
				}
			}
			if pick < 0 {
				for i := range grid {
					if out[i][j].kind == cellSmall {
						pick = i
						break
					}
				}
			}
			if pick < 0 {
				break
			}
			out[pick][j].kind = cellSecondary
		}
	}
	return out
}

// unbounded stands for "no upper bound" in narrowedShown.
const unbounded = 1 << 40

// narrowedShown reports whether a reader who sees a column as shown and
// knows its exact total could narrow a hidden cell, or the withheld part of
// a "≥n" cell, down to between 1 and k-1 people.
func narrowedShown(col []shownCell, total, k int) bool {
	lo := make([]int, len(col))
	hi := make([]int, len(col))
	rest := total
	for i, c := range col {
		switch c.kind {
		case cellShown:
			lo[i], hi[i] = c.n, c.n
			rest -= c.n
		case cellSmall:
			lo[i], hi[i] = 0, k-1
		case cellAtLeast:
			lo[i], hi[i] = c.n, unbounded
		default:
			lo[i], hi[i] = 0, unbounded
		}
	}
	for i, c := range col {
		if c.kind == cellShown {
			continue
		}
		othersHi, othersLo := 0, 0
		for j, d := range col {
			if j == i || d.kind == cellShown {
				continue
			}
			othersHi = min(othersHi+hi[j], unbounded)
			othersLo += lo[j]
		}
		l, h := max(lo[i], rest-othersHi), min(hi[i], rest-othersLo)
		if c.kind == cellAtLeast {
			l, h = l-c.n, h-c.n
		}
		if l >= 1 && h <= k-1 {
			return true
		}
	}
	return false
}

// knownFigure reports whether fig names a figure a release can hold back.
func knownFigure(fig string) bool {
	switch fig {
	case taller.FigureRatings, taller.FigureQuiz, taller.FigureComments:
		return true
	}
	for _, g := range taller.Genders {
		if fig == taller.FigureAge+"/"+string(g) || fig == taller.FigureRole+"/"+string(g) {
			return true
		}
	}
	return false
}
