package report

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
	"taller/store"
)

// The attacker test: random workshops grow by random check-ins (random
// demographics), walk-in tallies, quiz attempts and paper evaluations with
// comments, and are exported at random points. An attacker receives every
// export of a workshop, reads each back from its .xlsx file (the visible
// sheets and the hidden data sheet), knows the exact headline attendance
// (and, stronger still, how many of each gender checked in by phone or
// paper at each export), and compares every single file and every pair.
// It must never pin an age band, role, rating, quiz score or comment to a
// group of fewer than k people.
//
// The test only uses what every Taller export has had (ExportFile, the
// sheets, the hidden JSON), so it runs unchanged against earlier code;
// the attacker reads both the old cross-tab layout and the released parts.
//
// TALLER_ATTACK_SEQUENCES sets the number of sequences (300; 60 with
// -short); TALLER_ATTACK_SEED the first seed.

// attackTruth is what the generator knows at an export: the exact figures.
type attackTruth struct {
	checkins map[taller.Gender]int
	evals    [][5]int // every evaluation's ratings, in arrival order
	authors  map[string]int
	k        int
}

// view is what the attacker reads from one file.
type view struct {
	file  string
	truth attackTruth

	evals      int  // evaluations the ratings rest on
	ratings    bool // the file shows ratings (numbers)
	dist       map[string][5]int
	quizShown  bool
	pre, post  [2]float64 // n, sum
	paired     [3]float64 // n, pre sum, post sum
	comments   []string
	commentsOn bool // the file carries comments
	commBase   int  // evaluations the comments cover
	// cross-tab cells as intervals: table → gender → row → [lo, hi]
	cells map[string]map[taller.Gender][][2]int
	// released parts of the new layout, as their JSON text, per column
	parts   map[string]map[taller.Gender][]string
	pending map[string]map[taller.Gender]int
	partsOK bool
	// intervals of the new parts, per column, per part, and their people
	partCells map[string]map[taller.Gender][][][2]int
	partN     map[string]map[taller.Gender][]int
}

const inf = 1 << 30

func TestAttackerLearnsNothingAboutFewerThanK(t *testing.T) {
	n := 250
	if testing.Short() {
		n = 60
	}
	if v, err := strconv.Atoi(os.Getenv("TALLER_ATTACK_SEQUENCES")); err == nil && v > 0 {
		n = v
	}
	seed := uint64(1)
	if v, err := strconv.ParseUint(os.Getenv("TALLER_ATTACK_SEED"), 10, 64); err == nil {
		seed = v
	}
	st := openStore(t)
	dir := t.TempDir()
	failures := 0
	kinds := map[string]int{}
	for s := range n {
		problems := attackSequence(t, st, dir, seed+uint64(s))
		for _, p := range problems {
			if failures < 12 {
				t.Errorf("seed %d: %s", seed+uint64(s), p)
			}
			failures++
			kinds[kindOf(p)]++
		}
	}
	if failures > 0 {
		t.Errorf("%d disclosures in %d sequences, by kind: %v", failures, n, kinds)
	}
}

// attackSequence runs one random sequence and returns what the attacker
// found.
func attackSequence(t *testing.T, st *store.Store, dir string, seed uint64) []string {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 0x7a11e7))
	ks := []int{5, 5, 5, 3, 2}
	k := ks[rng.IntN(len(ks))]
	w := addWorkshop(t, st, &taller.Workshop{Country: "SV", Locality: "Seq " + strconv.FormatUint(seed, 10), Date: "2024-06-10"})
	type person struct {
		device              string
		pre, post, evaluate bool
	}
	var people []*person
	truth := attackTruth{checkins: map[taller.Gender]int{}, authors: map[string]int{}, k: k}
	var views []*view
	export := func() {
		comments := rng.IntN(5) > 0
		path := filepath.Join(dir, fmt.Sprintf("s%d-%d.xlsx", seed, len(views)))
		_, err := ExportFile(ctx, st, []string{w.ID}, path, ExportOptions{Lang: i18n.English, Threshold: k, IncludeComments: comments})
		require.NoError(t, err)
		tr := attackTruth{checkins: map[taller.Gender]int{}, evals: slices.Clone(truth.evals), authors: truth.authors, k: k}
		for g, c := range truth.checkins {
			tr.checkins[g] = c
		}
		views = append(views, readView(t, path, tr))
	}
	events := 8 + rng.IntN(40)
	genders := []taller.Gender{taller.Female, taller.Female, taller.Female, taller.Male, taller.Male, taller.OtherGender, taller.Undisclosed}
	for range events {
		switch x := rng.IntN(100); {
		case x < 44:
			g := genders[rng.IntN(len(genders))]
			band := taller.AgeBands[rng.IntN(len(taller.AgeBands))]
			role := taller.Roles[rng.IntN(len(taller.Roles))]
			people = append(people, &person{device: checkIns(t, st, w.ID, 1, g, band, role)[0]})
			truth.checkins[g]++
		case x < 49:
			// The facilitator hides a comment, or shows a hidden one again.
			cs, err := st.Comments(ctx, w.ID)
			require.NoError(t, err)
			if len(cs) > 0 {
				c := cs[rng.IntN(len(cs))]
				require.NoError(t, st.HideComment(ctx, c.ID, !c.Hidden))
			}
		case x < 52:
			require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: subID(), Female: 1 + rng.IntN(2), Male: rng.IntN(2)}))
		case x < 64, x < 76:
			kind := taller.PreQuiz
			if x >= 64 {
				kind = taller.PostQuiz
			}
			var free []*person
			for _, p := range people {
				if (kind == taller.PreQuiz && !p.pre) || (kind == taller.PostQuiz && !p.post) {
					free = append(free, p)
				}
			}
			if len(free) > 0 {
				p := free[rng.IntN(len(free))]
				quiz(t, st, w.ID, p.device, kind, rng.IntN(11))
				if kind == taller.PreQuiz {
					p.pre = true
				} else {
					p.post = true
				}
			}
		default:
			overall, others := 1+rng.IntN(5), 1+rng.IntN(5)
			comment := ""
			if rng.IntN(10) < 6 {
				comment = fmt.Sprintf("comment %d-%d", seed, len(truth.evals))
				truth.authors[comment] = len(truth.evals)
			}
			evaluate(t, st, w.ID, overall, others, comment)
			var r [5]int
			for i := range r {
				r[i] = others
			}
			r[0] = overall
			truth.evals = append(truth.evals, r)
		}
		if rng.IntN(100) < 15 {
			export()
		}
	}
	export()
	if len(views) < 2 {
		export()
	}
	return attack(views)
}

// readView reads one export back as the attacker sees it.
func readView(t *testing.T, path string, tr attackTruth) *view {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	v := &view{file: filepath.Base(path), truth: tr, dist: map[string][5]int{},
		cells: map[string]map[taller.Gender][][2]int{}, parts: map[string]map[taller.Gender][]string{},
		pending: map[string]map[taller.Gender]int{}, partCells: map[string]map[taller.Gender][][][2]int{},
		partN: map[string]map[taller.Gender][]int{}}
	k := tr.k

	// The hidden sheet.
	rows, err := f.GetRows(DataSheet, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Greater(t, len(rows), headerRows)
	r := rows[headerRows]
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.Join(r[recordCols:], "")), &rec))
	num := func(m any, key string) float64 { f, _ := m.(map[string]any)[key].(float64); return f }
	v.evals = int(num(rec, "evaluations"))
	if ratings, ok := rec["ratings"].(map[string]any); ok {
		for it, d := range ratings {
			var dd [5]int
			for i, c := range d.([]any) {
				dd[i] = int(c.(float64))
			}
			v.dist[it] = dd
		}
	}
	held := map[string]bool{}
	if hs, ok := rec["held"].([]any); ok {
		for _, h := range hs {
			hm := h.(map[string]any)
			if hm["reason"] == "small" {
				held[hm["figure"].(string)] = true
			}
		}
	}
	v.ratings = !held["ratings"]
	v.quizShown = !held["quiz"]
	v.pre = [2]float64{num(rec["pre"], "n"), num(rec["pre"], "sum")}
	v.post = [2]float64{num(rec["post"], "n"), num(rec["post"], "sum")}
	v.paired = [3]float64{num(rec["paired"], "n"), num(rec["paired"], "pre_sum"), num(rec["paired"], "post_sum")}
	if cs, ok := rec["comments"].([]any); ok {
		for _, c := range cs {
			v.comments = append(v.comments, c.(string))
		}
	}
	v.commBase = v.evals // earlier layouts: every comment of every evaluation
	if b, ok := rec["comments_base"]; ok {
		v.commBase = int(b.(float64))
	} else if _, ok := rec["release"]; ok {
		v.commBase = 0
	}

	// The cross-tabs from the hidden sheet, in either layout.
	for _, tab := range []string{"age_by_gender", "role_by_gender"} {
		keys := bandKeys
		if tab == "role_by_gender" {
			keys = roleKeys
		}
		v.cells[tab] = map[taller.Gender][][2]int{}
		v.parts[tab] = map[taller.Gender][]string{}
		v.pending[tab] = map[taller.Gender]int{}
		v.partCells[tab] = map[taller.Gender][][][2]int{}
		v.partN[tab] = map[taller.Gender][]int{}
		m, _ := rec[tab].(map[string]any)
		_, release := rec["release"]
		for _, g := range taller.Genders {
			total := tr.checkins[g]
			iv := make([][2]int, len(keys))
			if release {
				v.partsOK = true
				col, _ := m[string(g)].(map[string]any)
				pend := 0
				if p, ok := col["pending"].(float64); ok {
					pend = int(p)
				}
				v.pending[tab][g] = pend
				parts, _ := col["parts"].([]any)
				for _, p := range parts {
					raw, _ := json.Marshal(p)
					v.parts[tab][g] = append(v.parts[tab][g], string(raw))
					pm := p.(map[string]any)
					pn, pk := int(pm["n"].(float64)), int(pm["k"].(float64))
					piv := make([][2]int, len(keys))
					for i, c := range pm["cells"].([]any) {
						piv[i] = cellInterval(c, pk, pn)
					}
					tighten(piv, pn)
					v.partCells[tab][g] = append(v.partCells[tab][g], piv)
					v.partN[tab][g] = append(v.partN[tab][g], pn)
					for i := range iv {
						iv[i][0] += piv[i][0]
						iv[i][1] += piv[i][1]
					}
				}
				for i := range iv {
					iv[i][1] += pend
				}
			} else {
				for i, key := range keys {
					row, _ := m[key].(map[string]any)
					c, ok := row[string(g)]
					if !ok {
						c = 0.0
					}
					iv[i] = cellInterval(c, k, total)
				}
			}
			tighten(iv, total)
			v.cells[tab][g] = iv
		}
	}

	// The visible Demographics: every cell narrows the same intervals.
	demo, err := f.GetRows(f.GetSheetName(2))
	require.NoError(t, err)
	for ti, tab := range []string{"age_by_gender", "role_by_gender"} {
		start, n := 2, len(taller.AgeBands)
		if ti == 1 {
			start, n = 2+len(taller.AgeBands)+3, len(taller.Roles)
		}
		for j, g := range taller.Genders {
			total := tr.checkins[g]
			iv := v.cells[tab][g]
			for i := range n {
				row := demo[start+i]
				text := ""
				if j+1 < len(row) {
					text = row[j+1]
				}
				var lo, hi int
				switch {
				case strings.HasPrefix(text, "<"):
					kk, _ := strconv.Atoi(text[1:])
					lo, hi = 0, kk-1
				case strings.HasPrefix(text, "≥"):
					lo, _ = strconv.Atoi(strings.TrimPrefix(text, "≥"))
					hi = total
				case text == "x":
					lo, hi = 0, total
				default:
					lo, err = strconv.Atoi(text)
					require.NoError(t, err, "demographics cell %q", text)
					hi = lo
				}
				iv[i][0], iv[i][1] = max(iv[i][0], lo), min(iv[i][1], hi)
			}
			tighten(iv, total)
		}
	}

	// The visible Evaluation and Workshops sheets show no more than the
	// hidden one: each number they show is the hidden sheet's.
	ev, err := f.GetRows(f.GetSheetName(3))
	require.NoError(t, err)
	for i := range taller.LikertItems {
		row := ev[1+i]
		if len(row) > 1 {
			if n, err := strconv.Atoi(row[1]); err == nil {
				require.Equal(t, v.evals, n, "%s: visible answers", v.file)
			}
		}
	}
	if len(v.comments) > 0 || rec["comments"] != nil {
		v.commentsOn = true
	}
	if idx, _ := f.GetSheetIndex("Comments"); idx >= 0 {
		cr, err := f.GetRows("Comments")
		require.NoError(t, err)
		for _, row := range cr[1:] {
			if len(row) == 4 {
				require.Contains(t, v.comments, row[3], "%s: a visible comment the hidden sheet lacks", v.file)
			}
		}
	}
	return v
}

var bandKeys, roleKeys = func() ([]string, []string) {
	var b, r []string
	for _, a := range taller.AgeBands {
		b = append(b, string(a))
	}
	for _, x := range taller.Roles {
		r = append(r, string(x))
	}
	return b, r
}()

// cellInterval is what one published cell says: a number exactly; "<k"
// 0 to k-1; "x" anything up to the column's total.
func cellInterval(c any, k, total int) [2]int {
	switch x := c.(type) {
	case float64:
		return [2]int{int(x), int(x)}
	case string:
		if x == "x" {
			return [2]int{0, total}
		}
		kk, err := strconv.Atoi(strings.TrimPrefix(x, "<"))
		if err != nil {
			kk = k
		}
		return [2]int{0, min(kk-1, total)}
	}
	return [2]int{0, total}
}

// tighten narrows a column's intervals with its exact total, as an
// attacker with the headline figures would, until nothing moves.
func tighten(iv [][2]int, total int) {
	for range 4 {
		sumLo, sumHi := 0, 0
		for _, c := range iv {
			sumLo += c[0]
			sumHi = min(sumHi+c[1], inf)
		}
		for i, c := range iv {
			lo := max(c[0], total-(sumHi-c[1]))
			hi := min(c[1], total-(sumLo-c[0]))
			iv[i] = [2]int{lo, hi}
		}
	}
}

func small(lo, hi, k int) bool { return lo >= 1 && hi <= k-1 }

// attack compares every file and every pair of files of one workshop.
func attack(views []*view) []string {
	var out []string
	report := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	k := views[0].truth.k
	for _, v := range views {
		// Ratings: shown only for none or k or more, and exactly the first
		// evals evaluations' ratings (a repeated figure is labelled right).
		if v.ratings && v.evals > 0 && v.evals < k {
			report("%s: ratings of %d people (k=%d)", v.file, v.evals, k)
		}
		if v.ratings && v.evals <= len(v.truth.evals) {
			var want [5]int
			for _, r := range v.truth.evals[:v.evals] {
				want[r[0]-1]++
			}
			if v.dist["overall"] != want {
				report("%s: ratings do not match the first %d evaluations", v.file, v.evals)
			}
		}
		// Quizzes: every group none or k or more, also outside the pairs.
		if v.quizShown {
			for name, n := range map[string]float64{"pre": v.pre[0], "post": v.post[0], "pairs": v.paired[0],
				"pre outside pairs": v.pre[0] - v.paired[0], "post outside pairs": v.post[0] - v.paired[0]} {
				if n > 0 && int(n) < k {
					report("%s: quiz %s of %v people (k=%d)", v.file, name, n, k)
				}
			}
		}
		// Comments: only from k or more evaluations, and all of those.
		if len(v.comments) > 0 {
			if v.commBase < k {
				report("%s: comments of %d evaluations (k=%d)", v.file, v.commBase, k)
			}
			for _, c := range v.comments {
				if a, ok := v.truth.authors[c]; ok && a >= v.commBase {
					report("%s: comment %q from evaluation %d, beyond the %d it says", v.file, c, a, v.commBase)
				}
			}
		}
		// Cross-tabs: no cell narrowed to 1..k-1.
		for tab, cols := range v.cells {
			for g, iv := range cols {
				for i, c := range iv {
					if small(c[0], c[1], k) {
						report("%s: %s %s row %d is %d..%d (k=%d)", v.file, tab, g, i, c[0], c[1], k)
					}
				}
			}
		}
	}
	for i, a := range views {
		for j, b := range views[i+1:] {
			out = append(out, attackPair(a, b, views[:i+1+j], k)...)
		}
	}
	return out
}

// attackPair compares an earlier file a with a later file b; before are
// all the files before b (a comment one of them showed is not new in b).
func attackPair(a, b *view, before []*view, k int) []string {
	var out []string
	report := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("%s vs %s: ", a.file, b.file)+fmt.Sprintf(format, args...))
	}
	if a.ratings && b.ratings {
		d := b.evals - a.evals
		if (d != 0 && abs(d) < k) || (d == 0 && !mapsEqual(a.dist, b.dist)) {
			report("ratings changed on %d people (k=%d)", d, k)
		}
	}
	if a.quizShown && b.quizShown {
		groups := map[string][2]float64{
			"pre": {b.pre[0] - a.pre[0], b.pre[1] - a.pre[1]}, "post": {b.post[0] - a.post[0], b.post[1] - a.post[1]},
			"pairs":             {b.paired[0] - a.paired[0], b.paired[2] - b.paired[1] - a.paired[2] + a.paired[1]},
			"pre beyond pairs":  {b.pre[0] - a.paired[0], b.pre[1] - a.paired[1]},
			"post beyond pairs": {b.post[0] - a.paired[0], b.post[1] - a.paired[2]},
		}
		for name, g := range groups {
			if (g[0] > 0 && int(g[0]) < k) || (g[0] == 0 && abs(int(g[1]*1000)) > 1) {
				report("quiz %s: %v people, sum %.2f (k=%d)", name, g[0], g[1], k)
			}
		}
	}
	if len(b.comments) > 0 {
		var fresh []string
		for _, c := range b.comments {
			seen := false
			for _, v := range before {
				seen = seen || slices.Contains(v.comments, c)
			}
			if !seen {
				fresh = append(fresh, c)
			}
		}
		if len(fresh) > 0 && a.commentsOn && b.commBase-a.commBase < k {
			report("%d new comments rest on %d new evaluations (k=%d)", len(fresh), b.commBase-a.commBase, k)
		}
	}
	for tab, cols := range b.cells {
		for g, ivB := range cols {
			ivA := a.cells[tab][g]
			dc := b.truth.checkins[g] - a.truth.checkins[g]
			// With the released parts, the parts both files carry cancel.
			// A new part whose people all share a row tells that row of
			// each of them, the newest too: that is a group of k or more
			// sharing an answer, which the k rule allows (homog).
			var ivD [][2]int
			homog := make([]bool, len(ivB))
			if a.partsOK && b.partsOK && isPrefix(a.parts[tab][g], b.parts[tab][g]) {
				ivD = make([][2]int, len(ivB))
				for i := range homog {
					homog[i] = true
				}
				skip := len(a.parts[tab][g])
				for pi, p := range b.partCells[tab][g][skip:] {
					pn := b.partN[tab][g][skip+pi]
					for i := range ivD {
						ivD[i][0] += p[i][0]
						ivD[i][1] += p[i][1]
						if p[i][0] >= 1 && p[i][0] != pn {
							homog[i] = false
						}
					}
				}
				for i := range ivD {
					ivD[i][0] -= a.pending[tab][g]
					ivD[i][1] += b.pending[tab][g]
				}
			}
			for i := range ivB {
				lo, hi := max(0, ivB[i][0]-ivA[i][1]), min(dc, ivB[i][1]-ivA[i][0])
				if ivD != nil {
					lo, hi = max(lo, ivD[i][0]), min(hi, ivD[i][1])
				}
				if small(lo, hi, k) && !homog[i] {
					report("%s %s row %d: %d..%d of the %d new people (k=%d)", tab, g, i, lo, hi, dc, k)
				}
			}
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func mapsEqual(a, b map[string][5]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func isPrefix(a, b []string) bool { return len(a) <= len(b) && slices.Equal(a, b[:len(a)]) }

// kindOf names the kind of a finding: single file or pair, and what.
func kindOf(p string) string {
	kind := "single"
	if strings.Contains(p, " vs ") {
		kind = "pair"
		p = p[strings.Index(p, ": ")+2:]
	} else {
		p = p[strings.Index(p, ": ")+2:]
	}
	words := strings.Fields(p)
	return kind + " " + strings.Join(words[:min(2, len(words))], " ")
}
