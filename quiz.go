package taller

import (
	"context"
	"time"
)

// QuizKind says whether a quiz is taken before or after the workshop.
type QuizKind string

// The quiz kinds.
const (
	PreQuiz  QuizKind = "pre"
	PostQuiz QuizKind = "post"
)

// MaxQuizQuestions caps the questions in one quiz.
const MaxQuizQuestions = 40

// Question is one multiple-choice quiz question, the same on a phone, on
// paper and in the curriculum. Answer, the index of the right option (from
// 0), never leaves the laptop: scores are computed here.
type Question struct {
	ID      string // "<module id>.<n>", n counting from 1
	Prompt  string
	Options []string
	Answer  int
}

// ScoreQuiz counts the right answers among answers (question id → chosen
// option) to the questions qs; a question left blank counts as not right.
func ScoreQuiz(qs []Question, answers map[string]int) int {
	score := 0
	for _, q := range qs {
		if n, ok := answers[q.ID]; ok && n == q.Answer {
			score++
		}
	}
	return score
}

// QuizAttempt is one participant's answers to a quiz. Score is computed by
// the caller from the curriculum's correct answers, never sent by a phone.
type QuizAttempt struct {
	WorkshopID   string
	SubmissionID string
	Device       string // hash of the phone's cookie; empty for paper
	Code         string // participant code, pairs pre and post when the cookie is lost
	Kind         QuizKind
	Answers      map[string]int // question id → chosen option (0-based)
	Score        int            // correct answers
	Total        int            // questions asked
	Source       Source
	At           time.Time
}

// Validate checks the attempt.
func (q *QuizAttempt) Validate() error {
	if q.WorkshopID == "" {
		return Errorf(EINVALID, "err.workshop.required")
	}
	if err := checkSubmission(q.SubmissionID); err != nil {
		return err
	}
	if q.Kind != PreQuiz && q.Kind != PostQuiz {
		return Errorf(EINVALID, "err.choice.invalid", "Field", "field.quiz_kind")
	}
	if q.Total < 1 || q.Total > MaxQuizQuestions || q.Score < 0 || q.Score > q.Total || len(q.Answers) > q.Total {
		return Errorf(EINVALID, "err.quiz.score")
	}
	if q.Code != "" && NormalizeCode(q.Code) != q.Code {
		return Errorf(EINVALID, "err.code.invalid")
	}
	if q.Source != SourcePhone && q.Source != SourcePaper {
		return Errorf(EINVALID, "err.choice.invalid", "Field", "field.source")
	}
	return nil
}

// Percent is the score as a percentage of the questions.
func (q *QuizAttempt) Percent() float64 { return 100 * float64(q.Score) / float64(q.Total) }

// AnswerResult says what a quiz or evaluation submission did.
type AnswerResult struct {
	// Repeat is true when nothing new was stored: the same submission was
	// retried, or this device had already answered; for a paper sheet,
	// also when its code had. A phone whose code another submission
	// already used gets ErrCodeAnswered instead, never Repeat.
	Repeat bool
}

// AnswerService records quizzes and evaluations.
type AnswerService interface {
	// SubmitQuiz stores an attempt once per submission and once per device
	// (or participant code) and kind; durable before it returns. From a
	// phone, a code never issued in the workshop, reserved for paper,
	// belonging to another phone or already used by another submission
	// of the same kind is refused with an EDENIED error and counted in
	// Counts.RefusedCodes; a paper check-in's code a phone uses first
	// becomes that phone's, unless paper answers already carry it
	// (ErrCodeAnswered). From paper, a code the workshop never issued is
	// refused with ErrCodeNotIssued (not counted).
	SubmitQuiz(ctx context.Context, q *QuizAttempt) (AnswerResult, error)
	// SubmitEvaluation stores an evaluation once per submission, once per
	// device and once per participant code; durable before it returns. Its
	// code is checked as SubmitQuiz checks it.
	SubmitEvaluation(ctx context.Context, e *Evaluation) (AnswerResult, error)
	// Answered reports which of the quiz kinds and the evaluation a device
	// has already submitted for a workshop.
	Answered(ctx context.Context, workshopID, device string) (Answered, error)
	// Comments returns the evaluations' free-text answers of a workshop,
	// for the facilitator to review.
	Comments(ctx context.Context, workshopID string) ([]Comment, error)
	// HideComment hides (or shows again) a comment from exports.
	HideComment(ctx context.Context, commentID int64, hidden bool) error
}

// Answered tells what a device has already done.
type Answered struct {
	Pre, Post, Evaluation bool
}
