package taller

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"
)

// Disclosure control: what of a workshop may leave the laptop.
//
// Every export is a release, and a reader may hold every release of a
// workshop at once. Disclose decides, figure by figure, what a release
// publishes, so that no release on its own and no difference of two
// releases describes fewer than k people:
//
//   - Figures are grouped in blocks that rest on one set of people and are
//     released together: the evaluation (its count and every item's 1–5
//     distribution, from which means follow), the quizzes (pre, post and the
//     pairs who took both, with their sums), the comments, and each gender's
//     column of the age and the role cross-tab.
//   - A block is released afresh only when it rests on no one or on at least
//     k people, and when the people it rests on changed by no one or by at
//     least k since every earlier export that published it (counted with
//     the exact number of people at that export, not the number its
//     published figure rested on: a reader may know how many had answered
//     by then). Otherwise the last release of the block is repeated as it
//     was (a stale figure, "held back"), or, when it was never released,
//     the block is withheld. Answers are only ever added, so two releases of
//     a block differ by at least k people or not at all, and a zero once
//     released stays a zero until k people are added: it is never followed
//     by a "<k" that would tell the story of a 1.
//   - The quiz block also requires that the pre- and post-quiz takers differ
//     from the pairs by no one or by at least k: the pairs are a subset of
//     each, and a small difference of sums would give a few people's scores.
//   - A cross-tab column is released as a list of parts: each time at least
//     k people of that gender have checked in since the last part and since
//     every earlier export, their own counts are added as a new part,
//     protected on their own (ProtectColumn).
//     The difference of two releases is then whole parts, each of at least k
//     people with its small cells withheld. Check-ins not yet in a part are
//     published as a count only ("pending"), with no age or role.
//   - Comments are released only once at least k people have evaluated, and
//     new comments only when at least k new people have evaluated since
//     every earlier export that published comments and there are at least k
//     new comments. A
//     release then carries every comment not hidden, and says how many
//     evaluations it covers.
//   - The headline attendance by gender (and its total) is the one
//     deliberate exception: donors require it exact, so two releases tell
//     exactly how many people of each gender came in between, but nothing
//     else about them. (A group of k or more who all gave the same answer
//     tells that answer of each of them, the newest too: that is what the
//     threshold allows.)
//   - Changing k applies to later releases; after raising it, a figure
//     released under the smaller k is withheld rather than repeated.
//
// The laptop's own screens use the exact Aggregates; only what leaves the
// laptop goes through Disclose.

// Cell marks of a withheld cross-tab count.
const (
	// MarkSecondary is a count withheld so that a small one cannot be worked
	// out from a total (its value may be anything from 0 up).
	MarkSecondary = "x"
)

// SmallMark is the mark of a count of fewer than k people: "<k".
func SmallMark(k int) string { return "<" + strconv.Itoa(k) }

// TabCell is one published cross-tab count: the count N, or a Mark when it
// was withheld (SmallMark(k) or MarkSecondary).
type TabCell struct {
	N    int
	Mark string
}

// Withheld reports whether the count is not published.
func (c TabCell) Withheld() bool { return c.Mark != "" }

// TabPart is one released part of a cross-tab column: the counts per row
// (in the order of AgeBands or Roles) of N people, protected with
// threshold K.
type TabPart struct {
	N     int       `json:"n"`
	K     int       `json:"k"`
	Cells []TabCell `json:"cells"`
}

// TabColumn is what a release publishes of one gender's column of a
// cross-tab: its released parts and the number of check-ins not yet in any
// part.
type TabColumn struct {
	Parts   []TabPart `json:"parts,omitempty"`
	Pending int       `json:"pending,omitempty"`
}

// RatingsRelease is the released evaluation block: the number of
// evaluations and each item's distribution.
type RatingsRelease struct {
	N       int                   `json:"n"`
	Ratings map[LikertItem][5]int `json:"ratings"`
}

// QuizRelease is the released quiz block: the pre- and post-quiz of the
// people who took both (see pairedQuiz), and their pairs.
type QuizRelease struct {
	Pre    ScoreSum `json:"pre"`
	Post   ScoreSum `json:"post"`
	Paired PairSum  `json:"paired"`
}

// CommentsRelease is the released comments block: the comments of the
// first Base evaluations (all of them but the hidden ones).
type CommentsRelease struct {
	Base  int      `json:"base"`
	Texts []string `json:"texts"`
}

// ColumnState is what the store remembers of one cross-tab column: the
// exact counts the released parts add up to (laptop only), their number of
// people, the parts as published, and the column's exact number of people
// at every export (Seen, laptop only).
type ColumnState struct {
	N     int       `json:"n"`
	Exact []int     `json:"exact"`
	Parts []TabPart `json:"parts"`
	Seen  []int     `json:"seen,omitempty"`
}

// RatingsState is what the store remembers of the evaluation block: its
// last release, and the exact number of evaluations at every export that
// published it (Seen, laptop only).
type RatingsState struct {
	Released *RatingsRelease `json:"released,omitempty"`
	Seen     []int           `json:"seen,omitempty"`
}

// QuizState is what the store remembers of the quiz block: its last
// release, and the exact numbers of pre-quizzes, post-quizzes and pairs at
// every export that published it (laptop only).
type QuizState struct {
	Released *QuizRelease `json:"released,omitempty"`
	Seen     [][3]int     `json:"seen,omitempty"`
}

// CommentsState is what the store remembers of the comments: every
// comment ever released and the base of the last release, and the exact
// number of evaluations at every export that published comments (laptop
// only).
type CommentsState struct {
	Released *CommentsRelease `json:"released,omitempty"`
	Seen     []int            `json:"seen,omitempty"`
}

// ReleaseState is what the earlier releases of one workshop published,
// block by block, and how many people each block rested on at every
// export. The store keeps it; it never leaves the laptop.
type ReleaseState struct {
	Seq      int // releases so far
	Ratings  RatingsState
	Quiz     QuizState
	Comments CommentsState
	Age      map[Gender]*ColumnState // age × gender, per gender
	Role     map[Gender]*ColumnState // role × gender, per gender
}

// Figure names, as the store keys them and the held-back list names them.
const (
	FigureRatings  = "ratings"
	FigureQuiz     = "quiz"
	FigureComments = "comments"
	FigureAge      = "age"  // "age/<gender>"
	FigureRole     = "role" // "role/<gender>"
)

// Held reasons.
const (
	HeldSmall   = "small"   // never released: it rests on fewer than k people
	HeldChanged = "changed" // the earlier release is repeated: fewer than k people changed it
)

// HeldFigure is one figure a release holds back, and why.
type HeldFigure struct {
	Figure string // FigureRatings, FigureQuiz, FigureComments, "age/female" …
	Reason string // HeldSmall or HeldChanged
}

// Release is what one export publishes of a workshop.
type Release struct {
	Workshop WorkshopInfo
	K        int
	Seq      int // this release's number for the workshop: 1, 2, …

	// ByGender is exact: the deliberate exception.
	ByGender map[Gender]int
	Age      map[Gender]TabColumn
	Role     map[Gender]TabColumn

	Ratings  *RatingsRelease  // nil: withheld
	Quiz     *QuizRelease     // nil: withheld
	Comments *CommentsRelease // nil: not asked for, or withheld

	// Held lists what this release holds back.
	Held []HeldFigure
}

// ReleaseService remembers what each export released, per workshop and
// figure, so that the next export can hold back small changes.
type ReleaseService interface {
	// ReleaseState returns what the earlier exports of a workshop released
	// (an empty state when none).
	ReleaseState(ctx context.Context, workshopID string) (*ReleaseState, error)
	// RecordRelease stores the state after an export released it, on the
	// export's date.
	RecordRelease(ctx context.Context, workshopID string, s *ReleaseState, on time.Time) error
}

// okSize reports whether n people may be described: none, or k or more.
func okSize(n, k int) bool { return n == 0 || n >= k }

// okSince reports whether a block resting on n people now may change after
// exports at which it rested on seen: since each of them, no one or at
// least k people were added. (Answers are only ever added; a smaller n
// than one seen fails, to be safe.)
func okSince(n int, seen []int, k int) bool {
	for _, s := range seen {
		if s != n && n-s < k {
			return false
		}
	}
	return true
}

// withSeen adds n to a sorted list of counts, once.
func withSeen(seen []int, n int) []int {
	i := sort.SearchInts(seen, n)
	if i < len(seen) && seen[i] == n {
		return seen
	}
	out := append(append(append([]int{}, seen[:i]...), n), seen[i:]...)
	return out
}

// Disclose decides what an export publishes of a workshop whose exact
// figures are a, with threshold k, after the earlier releases prev (nil for
// none). It returns the release and the state to remember once the export
// is made. a and prev are not changed. Comments are considered only when a
// carries them (a.Comments != nil): without them the comments' state is
// kept as it was.
//
// A block changes only when, since every earlier export that published it
// fresh, no one or at least k people were added: the difference of any two
// files then rests on k or more people. An export that repeats a block's
// earlier figures publishes nothing new about it, not even how many had
// answered by then, so it does not restart the count: a laptop that
// exports after every change (the outbox) still releases the evaluation,
// the quizzes and the comments again once k more people answered. The
// cross-tab columns are the exception (see discloseColumn): their size is
// the exact headline attendance, known at every export.
func Disclose(a *Aggregates, k int, prev *ReleaseState) (*Release, *ReleaseState) {
	if k < 1 {
		k = DefaultThreshold
	}
	if prev == nil {
		prev = &ReleaseState{}
	}
	next := &ReleaseState{Seq: prev.Seq + 1, Ratings: prev.Ratings, Quiz: prev.Quiz, Comments: prev.Comments,
		Age: map[Gender]*ColumnState{}, Role: map[Gender]*ColumnState{}}
	r := &Release{Workshop: a.Workshop, K: k, Seq: next.Seq, ByGender: map[Gender]int{},
		Age: map[Gender]TabColumn{}, Role: map[Gender]TabColumn{}}
	for g, n := range a.ByGender {
		r.ByGender[g] = n
	}
	hold := func(fig string, released bool) {
		reason := HeldSmall
		if released {
			reason = HeldChanged
		}
		r.Held = append(r.Held, HeldFigure{Figure: fig, Reason: reason})
	}

	// The evaluation.
	n := a.Evaluations
	if okSize(n, k) && okSince(n, prev.Ratings.Seen, k) {
		rr := &RatingsRelease{N: n, Ratings: map[LikertItem][5]int{}}
		for _, it := range LikertItems {
			rr.Ratings[it] = a.Ratings[it]
		}
		r.Ratings = rr
		next.Ratings = RatingsState{Released: rr, Seen: withSeen(prev.Ratings.Seen, n)}
	} else {
		r.Ratings = prev.Ratings.Released
		if r.Ratings != nil && !okSize(r.Ratings.N, k) {
			r.Ratings = nil // released under a smaller k: not repeated under this one
		}
		if r.Ratings == nil || r.Ratings.N != n {
			hold(FigureRatings, r.Ratings != nil)
		}
	}

	// The quizzes, as one block.
	q := pairedQuiz(a)
	counts := [3]int{q.Pre.N, q.Post.N, q.Paired.N}
	if quizOK(q, prev.Quiz.Seen, k) {
		r.Quiz = q
		next.Quiz = QuizState{Released: q, Seen: withSeen3(prev.Quiz.Seen, counts)}
	} else {
		r.Quiz = prev.Quiz.Released
		if r.Quiz != nil && !quizOK(r.Quiz, nil, k) {
			r.Quiz = nil // released under a smaller k
		}
		if r.Quiz == nil || [3]int{r.Quiz.Pre.N, r.Quiz.Post.N, r.Quiz.Paired.N} != counts {
			hold(FigureQuiz, r.Quiz != nil)
		}
	}

	// The comments, when asked for.
	if a.Comments != nil {
		r.Comments, next.Comments = discloseComments(a, k, prev.Comments, hold)
	}

	// The cross-tabs, column by column.
	for _, g := range Genders {
		col := make([]int, len(AgeBands))
		for i, b := range AgeBands {
			col[i] = a.AgeByGender[b][g]
		}
		r.Age[g], next.Age[g] = discloseColumn(col, k, prev.Age[g], FigureAge+"/"+string(g), hold)
		col = make([]int, len(Roles))
		for i, ro := range Roles {
			col[i] = a.RoleByGender[ro][g]
		}
		r.Role[g], next.Role[g] = discloseColumn(col, k, prev.Role[g], FigureRole+"/"+string(g), hold)
	}
	return r, next
}

// pairedQuiz is the quiz block a release may publish: the pre- and
// post-quiz figures of the people who took both. Those who took only one
// would otherwise show in the difference between the pre-quiz and the
// pairs, and in most halls they are a few (a late arrival, someone who
// left early), so the block would hardly ever leave the laptop. The pairs
// are also the figure that shows learning. Their set only grows, so two
// releases with the same counts publish the same people.
func pairedQuiz(a *Aggregates) *QuizRelease {
	p := a.Paired
	return &QuizRelease{Pre: ScoreSum{N: p.N, Sum: p.PreSum}, Post: ScoreSum{N: p.N, Sum: p.PostSum}, Paired: p}
}

// withSeen3 adds a triple of counts to a list, once.
func withSeen3(seen [][3]int, c [3]int) [][3]int {
	for _, s := range seen {
		if s == c {
			return seen
		}
	}
	return append(append([][3]int{}, seen...), c)
}

// quizOK reports whether the quiz block q may be released after exports
// that published it with the counts seen: each of its groups of people
// (pre, post, pairs) is empty or of k or more; the pre- and post-quiz
// takers outside the pairs are none or k or more; and since each of those
// exports each group changed by no one or by k or more. (A later pre-quiz
// group minus an earlier pairs group is then also none or k or more: it is
// the change of the pre group plus the earlier difference.)
func quizOK(q *QuizRelease, seen [][3]int, k int) bool {
	if !okSize(q.Pre.N, k) || !okSize(q.Post.N, k) || !okSize(q.Paired.N, k) {
		return false
	}
	if !okSize(q.Pre.N-q.Paired.N, k) || !okSize(q.Post.N-q.Paired.N, k) {
		return false
	}
	for _, s := range seen {
		for i, n := range [3]int{q.Pre.N, q.Post.N, q.Paired.N} {
			if s[i] != n && n-s[i] < k {
				return false
			}
		}
	}
	return true
}

// discloseComments applies the comments' rule: the comments already
// released are repeated (unless hidden since); new ones are added, all at
// once, only when the workshop has at least k evaluations, at least k of
// them are new since every export that published comments, and at least k
// comments are new.
func discloseComments(a *Aggregates, k int, prev CommentsState, hold func(string, bool)) (*CommentsRelease, CommentsState) {
	ever := map[string]int{} // texts ever released, with their multiplicity
	if prev.Released != nil {
		for _, t := range prev.Released.Texts {
			ever[t]++
		}
	}
	var old, fresh []string
	for _, t := range a.Comments {
		if ever[t] > 0 {
			ever[t]--
			old = append(old, t)
		} else {
			fresh = append(fresh, t)
		}
	}
	n := a.Evaluations
	next := prev
	if prev.Released == nil && len(fresh) == 0 {
		next.Seen = withSeen(prev.Seen, n) // an empty list is published at n
	}
	if len(fresh) > 0 && n >= k && len(fresh) >= k && okSince(n, prev.Seen, k) && (len(prev.Seen) == 0 || n > prev.Seen[len(prev.Seen)-1]) {
		everTexts := []string{}
		if prev.Released != nil {
			everTexts = append(everTexts, prev.Released.Texts...)
		}
		next.Released = &CommentsRelease{Base: n, Texts: sorted(append(everTexts, fresh...))}
		next.Seen = withSeen(prev.Seen, n)
		return &CommentsRelease{Base: n, Texts: sorted(append(old, fresh...))}, next
	}
	if len(fresh) > 0 {
		hold(FigureComments, prev.Released != nil)
	}
	if prev.Released == nil {
		if len(fresh) == 0 {
			// No comment at all: an empty list describes no one.
			return &CommentsRelease{Base: n, Texts: []string{}}, next
		}
		return nil, prev
	}
	if prev.Released.Base < k && len(old) > 0 {
		// Released under a smaller k: not repeated under this one.
		if len(fresh) == 0 {
			hold(FigureComments, false)
		}
		return nil, prev
	}
	return &CommentsRelease{Base: prev.Released.Base, Texts: sorted(old)}, next
}

// sorted returns s sorted by text (never in arrival order).
func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

// discloseColumn applies the cross-tab rule to one gender's column of exact
// counts: a new part when at least k people were added since the last part
// and since every earlier export, else the parts as released and the rest
// pending.
func discloseColumn(col []int, k int, prev *ColumnState, fig string, hold func(string, bool)) (TabColumn, *ColumnState) {
	n := 0
	for _, c := range col {
		n += c
	}
	if prev == nil {
		prev = &ColumnState{Exact: make([]int, len(col))}
	}
	d := n - prev.N
	diff := make([]int, len(col))
	monotone := len(prev.Exact) == len(col)
	for i := range col {
		if monotone {
			diff[i] = col[i] - prev.Exact[i]
			if diff[i] < 0 {
				monotone = false
			}
		}
	}
	if monotone && d >= k && okSince(n, prev.Seen, k) {
		parts := append(append([]TabPart{}, prev.Parts...), TabPart{N: d, K: k, Cells: ProtectColumn(diff, k)})
		st := &ColumnState{N: n, Exact: append([]int{}, col...), Parts: parts, Seen: withSeen(prev.Seen, n)}
		return publishable(parts, n, k), st
	}
	out := publishable(prev.Parts, n, k)
	switch {
	case len(out.Parts) < len(prev.Parts):
		hold(fig, false) // parts released under a smaller k
	case d > 0 || !monotone:
		hold(fig, len(prev.Parts) > 0)
	}
	// Unlike the blocks above, a column's size is published exactly at
	// every export (the headline attendance by gender), so a reader knows
	// how many of a later part's people had come by each earlier export:
	// every export counts, repeated or not.
	keep := *prev
	keep.Seen = withSeen(prev.Seen, n)
	return out, &keep
}

// publishable is the column of n people published with threshold k: its
// parts protected with k or more (a part released under a smaller k is not
// repeated under this one), the rest pending.
func publishable(parts []TabPart, n, k int) TabColumn {
	col := TabColumn{Pending: n}
	for _, p := range parts {
		if p.K >= k {
			col.Parts = append(col.Parts, p)
			col.Pending -= p.N
		}
	}
	col.Pending = max(col.Pending, 0)
	return col
}

// ProtectColumn protects one column of exact counts of people (their sum
// is published elsewhere, or can be):
//
//   - a column with no count from 1 to k-1 is published as it is: its
//     zeros describe no one;
//   - otherwise every count below k, zeros included (a published 0 would
//     point at the cells the few people are in), becomes "<k";
//   - then, while a reader who knows the column's total could narrow a
//     withheld count down to between 1 and k-1 (one cell withheld alone, or
//     several "<k" cells whose total is too large for all of them to be
//     small), the smallest published count, or failing one the largest
//     "<k", becomes "x" (any value).
func ProtectColumn(col []int, k int) []TabCell {
	out := make([]TabCell, len(col))
	small, total := false, 0
	for i, n := range col {
		out[i] = TabCell{N: n}
		total += n
		if n > 0 && n < k {
			small = true
		}
	}
	if !small {
		return out
	}
	for i, n := range col {
		if n < k {
			out[i].Mark = SmallMark(k)
		}
	}
	for Narrowed(out, total, k) {
		pick := -1
		for i, c := range out {
			if !c.Withheld() && (pick < 0 || c.N < out[pick].N) {
				pick = i
			}
		}
		if pick < 0 {
			for i, c := range out {
				if c.Mark != MarkSecondary && (pick < 0 || c.N > out[pick].N) {
					pick = i
				}
			}
		}
		if pick < 0 {
			break
		}
		out[pick].Mark = MarkSecondary
	}
	return out
}

// Narrowed reports whether a reader who knows a column's published cells
// and its exact total could narrow some withheld cell down to between 1 and
// k-1 people: a "<k" cell holds 0 to k-1, an "x" any number.
func Narrowed(cells []TabCell, total, k int) bool {
	rest, unbounded, sumHi := total, 0, 0
	for _, c := range cells {
		switch {
		case !c.Withheld():
			rest -= c.N
		case c.Mark == MarkSecondary:
			unbounded++
		default:
			sumHi += k - 1
		}
	}
	for _, c := range cells {
		if !c.Withheld() {
			continue
		}
		if c.Mark == MarkSecondary {
			// At least rest minus what the others can hold; at most rest.
			if unbounded > 1 {
				continue
			}
			lo := rest - sumHi
			if lo >= 1 && rest <= k-1 {
				return true
			}
			continue
		}
		if unbounded > 0 {
			continue
		}
		if lo := rest - (sumHi - (k - 1)); lo >= 1 {
			return true
		}
	}
	return false
}

// MarshalJSON writes a published count as a number and a withheld one as
// its mark.
func (c TabCell) MarshalJSON() ([]byte, error) {
	if c.Mark != "" {
		return json.Marshal(c.Mark)
	}
	return []byte(strconv.Itoa(c.N)), nil
}

// UnmarshalJSON reads a whole number or a non-empty mark.
func (c *TabCell) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			return errors.New("empty cell mark")
		}
		*c = TabCell{Mark: s}
		return nil
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil {
		return errors.New("cell is not a whole number")
	}
	*c = TabCell{N: n}
	return nil
}
