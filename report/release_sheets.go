package report

import (
	"github.com/xuri/excelize/v2"

	"taller"
)

// The visible sheets show each workshop's release: a figure the release
// withheld outright is "<k" (it rests on 1 to k-1 people), never a 0; a
// figure it repeated from an earlier export is shown as released then.

// releasedCells are a workshop's evaluation and quiz cells on the Workshops
// sheet: evaluations and the mean overall rating, the pre- and post-quiz
// answers and means, and the pairs and their mean gain.
func (rn *renderer) releasedCells(r *record) []any {
	st, a := rn.st, r.Agg
	mean, _ := a.MeanRating("overall")
	// Aligned to the top, beside text that wraps; a "<k" to the right,
	// under the numbers.
	count := func(fig string, n int) any {
		if r.withheld(fig) {
			return excelize.Cell{StyleID: st.rightTop, Value: smallMark(r.k)}
		}
		return excelize.Cell{StyleID: st.top, Value: n}
	}
	return []any{count(taller.FigureRatings, a.Evaluations), meanCell(st, mean, a.Evaluations > 0),
		count(taller.FigureQuiz, a.Pre.N), meanCell(st, a.Pre.Mean(), a.Pre.N > 0),
		count(taller.FigureQuiz, a.Post.N), meanCell(st, a.Post.Mean(), a.Post.N > 0),
		count(taller.FigureQuiz, a.Paired.N), meanCell(st, a.Paired.MeanGain(), a.Paired.N > 0)}
}

// ratingsCount is an item's answers over the records (n is their sum of
// what the records show).
func ratingsCount(recs []*record, _ int) heldCount {
	return countOf(recs, taller.FigureRatings, func(a *taller.Aggregates) int { return a.Evaluations })
}

func preN(a *taller.Aggregates) int    { return a.Pre.N }
func postN(a *taller.Aggregates) int   { return a.Post.N }
func pairedN(a *taller.Aggregates) int { return a.Paired.N }

// quizCount is a quiz count over the records.
func quizCount(recs []*record, n func(*taller.Aggregates) int) heldCount {
	return countOf(recs, taller.FigureQuiz, n)
}

// distributionCells are an item's counts of 1 to 5, or empty cells when
// the only answers were withheld (a row of zeros would read as a fact).
func distributionCells(d [5]int, c heldCount) []any {
	out := make([]any, 5)
	if c.hidden && c.n == 0 {
		return out
	}
	for i, n := range d {
		out[i] = n
	}
	return out
}

// noCommentsKey is what the Comments sheet says when it lists none: that
// they were held back, when some workshop's release held them back.
func noCommentsKey(b *book) string {
	for _, r := range b.Records {
		for _, h := range r.held {
			if h.Figure == taller.FigureComments {
				return "disclosure.comments.held"
			}
		}
	}
	return "report.comments.none"
}

// alignCounts right-aligns the answer counts of the Evaluation sheet (rows
// 2 to last, and the quiz rows), so a "<k" or "≥n" lines up with the numbers.
func (rn *renderer) alignCounts(name string, last int, quizRows []int) error {
	if err := rn.f.SetCellStyle(name, cell(2, 2), cell(2, last), rn.st.right); err != nil {
		return err
	}
	for _, r := range quizRows {
		if err := rn.f.SetCellStyle(name, cell(2, r), cell(2, r), rn.st.right); err != nil {
			return err
		}
	}
	return nil
}
