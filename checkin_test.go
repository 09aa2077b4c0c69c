package taller_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func TestCheckInValidate(t *testing.T) {
	ok := func() taller.CheckIn {
		return taller.CheckIn{WorkshopID: "w", SubmissionID: "abcdefgh12", Gender: taller.Female, AgeBand: "18-29", Role: "leader", Source: taller.SourcePhone}
	}
	tests := []struct {
		name   string
		change func(c *taller.CheckIn)
		valid  bool
	}{
		{"valid", func(c *taller.CheckIn) {}, true},
		{"every gender", func(c *taller.CheckIn) { c.Gender = taller.Undisclosed }, true},
		{"unknown gender", func(c *taller.CheckIn) { c.Gender = "robot" }, false},
		{"empty gender", func(c *taller.CheckIn) { c.Gender = "" }, false},
		{"unknown age band", func(c *taller.CheckIn) { c.AgeBand = "33" }, false},
		{"unknown role", func(c *taller.CheckIn) { c.Role = "mayor" }, false},
		{"no workshop", func(c *taller.CheckIn) { c.WorkshopID = "" }, false},
		{"short submission id", func(c *taller.CheckIn) { c.SubmissionID = "abc" }, false},
		{"submission id with symbols", func(c *taller.CheckIn) { c.SubmissionID = "abc'; DROP--" }, false},
		{"long submission id", func(c *taller.CheckIn) { c.SubmissionID = strings.Repeat("a", 65) }, false},
		{"paper", func(c *taller.CheckIn) { c.Source = taller.SourcePaper }, true},
		{"unknown source", func(c *taller.CheckIn) { c.Source = "fax" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.change(&c)
			err := c.Validate()
			if tt.valid {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
			}
		})
	}
}

func TestTallyValidate(t *testing.T) {
	base := taller.Tally{WorkshopID: "w", SubmissionID: "tally-001", Female: 2}
	assert.NoError(t, base.Validate())
	for name, change := range map[string]func(*taller.Tally){
		"empty":    func(x *taller.Tally) { x.Female = 0 },
		"negative": func(x *taller.Tally) { x.Male = -1 },
		"too many": func(x *taller.Tally) { x.Other = taller.MaxTally + 1 },
		"no id":    func(x *taller.Tally) { x.SubmissionID = "" },
	} {
		x := base
		change(&x)
		assert.Error(t, x.Validate(), name)
	}
	assert.Equal(t, 2, base.Total())
}

func TestQuizAndEvaluationValidate(t *testing.T) {
	q := taller.QuizAttempt{WorkshopID: "w", SubmissionID: "quiz-0001", Kind: taller.PreQuiz, Answers: map[string]int{"a.1": 1}, Score: 1, Total: 3, Source: taller.SourcePhone}
	require.NoError(t, q.Validate())
	assert.InDelta(t, 33.33, q.Percent(), 0.01)
	for name, change := range map[string]func(*taller.QuizAttempt){
		"score above total": func(x *taller.QuizAttempt) { x.Score = 4 },
		"no questions":      func(x *taller.QuizAttempt) { x.Total = 0 },
		"unknown kind":      func(x *taller.QuizAttempt) { x.Kind = "mid" },
		"bad code":          func(x *taller.QuizAttempt) { x.Code = "0O1IL" },
	} {
		x := q
		change(&x)
		assert.Error(t, x.Validate(), name)
	}

	ratings := map[taller.LikertItem]int{"overall": 5, "usefulness": 4, "clarity": 3, "safety": 2, "recommend": 1}
	e := taller.Evaluation{WorkshopID: "w", SubmissionID: "eval-0001", Ratings: ratings, Source: taller.SourcePhone}
	require.NoError(t, e.Validate())
	for name, change := range map[string]func(*taller.Evaluation){
		"rating 6": func(x *taller.Evaluation) {
			x.Ratings = map[taller.LikertItem]int{"overall": 6, "usefulness": 4, "clarity": 3, "safety": 2, "recommend": 1}
		},
		"rating 0": func(x *taller.Evaluation) {
			x.Ratings = map[taller.LikertItem]int{"overall": 0, "usefulness": 4, "clarity": 3, "safety": 2, "recommend": 1}
		},
		"missing item": func(x *taller.Evaluation) { x.Ratings = map[taller.LikertItem]int{"overall": 5} },
		"long comment": func(x *taller.Evaluation) { x.Comment = strings.Repeat("é", taller.MaxComment+1) },
		"long apply":   func(x *taller.Evaluation) { x.Apply = strings.Repeat("a", taller.MaxApply+1) },
		"unknown items": func(x *taller.Evaluation) {
			x.Ratings = map[taller.LikertItem]int{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}
		},
	} {
		x := e
		change(&x)
		assert.Error(t, x.Validate(), name)
	}
	e.Comment = strings.Repeat("é", taller.MaxComment)
	assert.NoError(t, e.Validate(), "1,000 characters is allowed, whatever their bytes")
}

func TestParticipantCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := taller.NewCode()
		require.Len(t, c, taller.CodeLen)
		require.Equal(t, c, taller.NormalizeCode(c))
		seen[c] = true
	}
	assert.Greater(t, len(seen), 990)
	assert.Equal(t, "ACDEF", taller.NormalizeCode(" acd-ef "))
	assert.Equal(t, "", taller.NormalizeCode("A0CDE"), "0 is not in the alphabet")
	assert.Equal(t, "", taller.NormalizeCode("ACD"))
}

func TestNewIDAndCoarsen(t *testing.T) {
	id := taller.NewID()
	assert.Len(t, id, 26)
	assert.NotEqual(t, id, taller.NewID())
	at := time.Date(2024, 6, 10, 9, 44, 59, 999, time.FixedZone("CST", -6*3600))
	assert.Equal(t, time.Date(2024, 6, 10, 15, 30, 0, 0, time.UTC), taller.Coarsen(at))
}
