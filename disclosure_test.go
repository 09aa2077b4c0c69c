package taller

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProtectColumn(t *testing.T) {
	n := func(v int) TabCell { return TabCell{N: v} }
	small := func(v int) TabCell { return TabCell{N: v, Mark: "<5"} }
	x := func(v int) TabCell { return TabCell{N: v, Mark: MarkSecondary} }
	for _, tc := range []struct {
		name string
		col  []int
		want []TabCell
	}{
		{"nothing small: zeros describe no one", []int{0, 7, 0, 5}, []TabCell{n(0), n(7), n(0), n(5)}},
		{"zeros hidden with a small count", []int{6, 1, 0, 9}, []TabCell{n(6), small(1), small(0), n(9)}},
		{"a single small count takes the smallest published one with it", []int{7, 5, 3, 9},
			[]TabCell{n(7), x(5), small(3), n(9)}},
		{"small cells whose total is too large for all to be small", []int{4, 4, 4, 4, 4},
			[]TabCell{x(4), small(4), small(4), small(4), small(4)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ProtectColumn(tc.col, 5)
			assert.Equal(t, tc.want, got)
			total := 0
			for _, v := range tc.col {
				total += v
			}
			assert.False(t, Narrowed(got, total, 5), "no withheld count can be narrowed to 1..4")
		})
	}
	// Without the last step, five "<5" cells of 20 people are all exactly 4.
	assert.True(t, Narrowed([]TabCell{small(4), small(4), small(4), small(4), small(4)}, 20, 5))
	assert.True(t, Narrowed([]TabCell{n(7), small(3)}, 10, 5), "one withheld cell alone gives itself away")
}

func exactAggregates(evals int) *Aggregates {
	a := NewAggregates(WorkshopInfo{ID: "w"})
	a.Evaluations = evals
	for _, it := range LikertItems {
		a.Ratings[it] = [5]int{0, 0, 0, 0, evals}
	}
	return a
}

func TestDiscloseRatingsChangeOnlyByK(t *testing.T) {
	var prev *ReleaseState
	for _, step := range []struct {
		evals    int
		released int // -1: withheld
		held     bool
	}{
		{3, -1, true},   // fewer than k
		{9, 9, false},   // first release
		{10, 9, true},   // one more: the earlier figures are repeated
		{13, 9, true},   // four more
		{14, 14, false}, // five since the release: repeats do not restart the count
		{18, 14, true},  // four more
		{19, 19, false}, // five since every earlier release
		{19, 19, false}, // nothing new
	} {
		rel, next := Disclose(exactAggregates(step.evals), 5, prev)
		if step.released < 0 {
			assert.Nil(t, rel.Ratings, "evals %d", step.evals)
		} else {
			require.NotNil(t, rel.Ratings, "evals %d", step.evals)
			assert.Equal(t, step.released, rel.Ratings.N, "evals %d", step.evals)
			assert.Equal(t, [5]int{0, 0, 0, 0, step.released}, rel.Ratings.Ratings["overall"])
		}
		assert.Equal(t, step.held, len(rel.Held) > 0, "evals %d: %v", step.evals, rel.Held)
		prev = next
	}
	assert.Equal(t, 8, prev.Seq)
}

// The outbox exports after every change: the figures still come back once
// k more people have answered, never in smaller steps.
func TestDiscloseExportAfterEveryAnswerReleasesAgainAtK(t *testing.T) {
	var prev *ReleaseState
	var released []int
	for evals := 1; evals <= 20; evals++ {
		rel, next := Disclose(exactAggregates(evals), 5, prev)
		if rel.Ratings != nil && (len(released) == 0 || released[len(released)-1] != rel.Ratings.N) {
			released = append(released, rel.Ratings.N)
		}
		prev = next
	}
	assert.Equal(t, []int{5, 10, 15, 20}, released)
}

func TestDiscloseZeroStaysZeroUntilK(t *testing.T) {
	rel, st := Disclose(exactAggregates(0), 5, nil)
	require.NotNil(t, rel.Ratings)
	assert.Equal(t, 0, rel.Ratings.N, "no evaluations describe no one")
	rel, _ = Disclose(exactAggregates(1), 5, st)
	require.NotNil(t, rel.Ratings, "the released zero is repeated, not turned into a withheld figure")
	assert.Equal(t, 0, rel.Ratings.N)
	assert.Equal(t, []HeldFigure{{FigureRatings, HeldChanged}}, rel.Held)
}

func TestDiscloseQuizPublishesThePairsOnly(t *testing.T) {
	a := NewAggregates(WorkshopInfo{ID: "w"})
	a.Pre = ScoreSum{N: 10, Sum: 500}
	a.Post = ScoreSum{N: 9, Sum: 630}
	a.Paired = PairSum{N: 9, PreSum: 450, PostSum: 630}
	rel, _ := Disclose(a, 5, nil)
	require.NotNil(t, rel.Quiz)
	assert.Equal(t, 9, rel.Quiz.Pre.N, "pre minus pairs would be one person's pre-quiz score")
	assert.Equal(t, 450.0, rel.Quiz.Pre.Sum)
	a.Paired = PairSum{N: 4, PreSum: 200, PostSum: 280}
	a.Post = ScoreSum{N: 4, Sum: 280}
	rel, _ = Disclose(a, 5, nil)
	assert.Nil(t, rel.Quiz, "four pairs are fewer than k")
	assert.Equal(t, []HeldFigure{{FigureQuiz, HeldSmall}}, rel.Held)
}

func TestDiscloseComments(t *testing.T) {
	a := exactAggregates(4)
	a.Comments = []string{"a", "b", "c", "d", "e"}
	rel, st := Disclose(a, 5, nil)
	assert.Nil(t, rel.Comments, "fewer than k evaluations")
	a = exactAggregates(9)
	a.Comments = []string{"a", "b", "c", "d", "e"}
	rel, st = Disclose(a, 5, st)
	require.NotNil(t, rel.Comments)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, rel.Comments.Texts)
	assert.Equal(t, 9, rel.Comments.Base)
	a = exactAggregates(10)
	a.Comments = []string{"Me amenazaron en el mercado", "a", "b", "c", "d", "e"}
	rel, st = Disclose(a, 5, st)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, rel.Comments.Texts, "one new comment waits")
	a = exactAggregates(15)
	a.Comments = []string{"Me amenazaron en el mercado", "a", "b", "c", "d", "e", "f", "g", "h", "i"}
	rel, st = Disclose(a, 5, st)
	assert.Len(t, rel.Comments.Texts, 10, "five new comments from five new evaluations are released")
	assert.Equal(t, 15, rel.Comments.Base)
	a = exactAggregates(16)
	a.Comments = []string{"Me amenazaron en el mercado", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"}
	rel, _ = Disclose(a, 5, st)
	assert.Equal(t, []string{"Me amenazaron en el mercado", "b", "c", "d", "e", "f", "g", "h", "i"}, rel.Comments.Texts,
		"a hidden comment is dropped; new ones wait for k new evaluations")
	assert.Equal(t, 15, rel.Comments.Base)
}

func TestDiscloseColumnsInParts(t *testing.T) {
	a := NewAggregates(WorkshopInfo{ID: "w"})
	set := func(band AgeBand, n int) {
		if a.AgeByGender[band] == nil {
			a.AgeByGender[band] = map[Gender]int{}
		}
		a.AgeByGender[band][Female] = n
	}
	set("18-29", 5)
	set("60plus", 4)
	rel, st := Disclose(a, 5, nil)
	col := rel.Age[Female]
	require.Len(t, col.Parts, 1)
	assert.Equal(t, 9, col.Parts[0].N)
	assert.Equal(t, 0, col.Pending)
	set("60plus", 5)
	rel, st = Disclose(a, 5, st)
	col = rel.Age[Female]
	require.Len(t, col.Parts, 1, "one more woman: the part is repeated")
	assert.Equal(t, 1, col.Pending)
	assert.Contains(t, rel.Held, HeldFigure{FigureAge + "/female", HeldChanged})
	set("30-44", 4)
	rel, st = Disclose(a, 5, st)
	require.Len(t, rel.Age[Female].Parts, 1, "five women since the part, but four since the last export, whose headline is exact")
	assert.Equal(t, 5, rel.Age[Female].Pending)
	set("30-44", 5)
	rel, st = Disclose(a, 5, st)
	require.Len(t, rel.Age[Female].Parts, 1, "one since the last export")
	set("30-44", 10)
	rel, _ = Disclose(a, 5, st)
	col = rel.Age[Female]
	require.Len(t, col.Parts, 2, "five since every export: a new part of the eleven women since the first")
	assert.Equal(t, 11, col.Parts[1].N)
	assert.Equal(t, 0, col.Pending)
}

func TestHeldSummaryInBothLanguages(t *testing.T) {
	held := []HeldFigure{{FigureRatings, HeldSmall}, {FigureComments, HeldChanged}, {FigureAge + "/female", HeldSmall}}
	assert.Equal(t, "3 figures held back until at least 5 people answer", HeldSummary("en", held, 5))
	assert.Equal(t, "3 cifras retenidas hasta que respondan al menos 5 personas", HeldSummary("es", held, 5))
	assert.Equal(t, "1 cifra retenida hasta que respondan al menos 3 personas", HeldSummary("es", held[:1], 3))
	assert.Empty(t, HeldSummary("en", nil, 5), "nothing held back: nothing to say")
	assert.Equal(t, []string{
		"Evaluation ratings: held back until at least 5 people answer.",
		"Comments: the figures of the previous export are repeated; the newer answers are held back until at least 5 more people answer.",
		"Age by gender (women): held back until at least 5 people answer.",
	}, HeldDetails("en", held, 5))
	assert.Equal(t, "Edad por género (mujeres): se retiene hasta que respondan al menos 5 personas.", HeldDetails("es", held, 5)[2])
}

func TestDiscloseRaisedThresholdDoesNotRepeatSmallerGroups(t *testing.T) {
	a := exactAggregates(4)
	a.AgeByGender["18-29"] = map[Gender]int{Female: 4}
	a.Comments = []string{"a", "b", "c", "d"}
	rel, st := Disclose(a, 3, nil)
	require.NotNil(t, rel.Ratings)
	require.Len(t, rel.Age[Female].Parts, 1)
	require.NotNil(t, rel.Comments)
	rel, _ = Disclose(a, 5, st)
	assert.Nil(t, rel.Ratings, "four people's ratings are not repeated under k=5")
	assert.Nil(t, rel.Comments)
	assert.Equal(t, TabColumn{Pending: 4}, rel.Age[Female])
	assert.ElementsMatch(t, []HeldFigure{{FigureRatings, HeldSmall}, {FigureComments, HeldSmall}, {FigureAge + "/female", HeldSmall}},
		rel.Held)
}

// Given 20 pre-quizzes and 17 post-quizzes, the three who took only the
// first never leave the laptop, and the quiz block of the 17 pairs still
// does.
func TestDiscloseQuizOfThePairs(t *testing.T) {
	a := NewAggregates(WorkshopInfo{ID: "w"})
	a.Pre = ScoreSum{N: 20, Sum: 17*40 + 3*90}
	a.Post = ScoreSum{N: 17, Sum: 17 * 80}
	a.Paired = PairSum{N: 17, PreSum: 17 * 40, PostSum: 17 * 80}
	rel, _ := Disclose(a, 5, nil)
	require.NotNil(t, rel.Quiz)
	assert.Empty(t, rel.Held)
	assert.Equal(t, ScoreSum{N: 17, Sum: 17 * 40}, rel.Quiz.Pre, "the pre-quiz of the pairs only")
	assert.Equal(t, ScoreSum{N: 17, Sum: 17 * 80}, rel.Quiz.Post)
	assert.InDelta(t, 40.0, rel.Quiz.Paired.MeanGain(), 1e-9)
}
