package taller_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"taller"
)

func TestScoreQuiz(t *testing.T) {
	qs := []taller.Question{
		{ID: "m.1", Options: []string{"a", "b", "c"}, Answer: 2},
		{ID: "m.2", Options: []string{"a", "b"}, Answer: 0},
		{ID: "m.3", Options: []string{"a", "b"}, Answer: 1},
	}
	assert.Equal(t, 0, taller.ScoreQuiz(qs, nil), "nothing answered")
	assert.Equal(t, 1, taller.ScoreQuiz(qs, map[string]int{"m.1": 2, "m.2": 1}), "one right, one wrong, one blank")
	assert.Equal(t, 3, taller.ScoreQuiz(qs, map[string]int{"m.1": 2, "m.2": 0, "m.3": 1}))
	assert.Equal(t, 0, taller.ScoreQuiz(qs, map[string]int{"other.1": 2}), "answers to other questions do not count")
}
