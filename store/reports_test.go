package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func quiz(t *testing.T, st *Store, wsID, device, code string, kind taller.QuizKind, score, total int) taller.AnswerResult {
	t.Helper()
	res, err := st.SubmitQuiz(context.Background(), &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: taller.NewID(), Device: device,
		Code: code, Kind: kind, Answers: map[string]int{}, Score: score, Total: total, Source: taller.SourcePhone})
	require.NoError(t, err)
	return res
}

func TestQuizPairsByDeviceOrCode(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	a := checkIn(t, st, w.ID, "phone-a")
	b := checkIn(t, st, w.ID, "phone-b")

	quiz(t, st, w.ID, "phone-a", a.Code, taller.PreQuiz, 2, 4)  // 50 %
	quiz(t, st, w.ID, "phone-a", a.Code, taller.PostQuiz, 4, 4) // 100 %, paired by device
	quiz(t, st, w.ID, "phone-b", b.Code, taller.PreQuiz, 1, 4)  // 25 %
	// Participant b's post-quiz came on paper, with the code she was given.
	res, err := st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Code: b.Code,
		Kind: taller.PostQuiz, Answers: map[string]int{}, Score: 3, Total: 4, Source: taller.SourcePaper}) // 75 %, paired by code
	require.NoError(t, err)
	require.False(t, res.Repeat)
	quiz(t, st, w.ID, "phone-c", "", taller.PreQuiz, 0, 4) // never paired

	assert.True(t, quiz(t, st, w.ID, "phone-a", a.Code, taller.PreQuiz, 4, 4).Repeat, "one pre-quiz per phone")
	_, err = st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "phone-b", Code: b.Code,
		Kind: taller.PostQuiz, Answers: map[string]int{}, Score: 4, Total: 4, Source: taller.SourcePhone})
	assert.ErrorIs(t, err, taller.ErrCodeAnswered, "one post-quiz per code, and the phone is not told saved")

	agg, err := st.Aggregates(ctx, w.ID, false)
	require.NoError(t, err)
	assert.Equal(t, 3, agg.Pre.N)
	assert.InDelta(t, 25.0, agg.Pre.Mean(), 0.001)
	assert.Equal(t, 2, agg.Post.N)
	assert.Equal(t, 2, agg.Paired.N)
	assert.InDelta(t, 50.0, agg.Paired.MeanGain(), 0.001) // (+50 + +50) / 2

	done, err := st.Answered(ctx, w.ID, "phone-a")
	require.NoError(t, err)
	assert.Equal(t, taller.Answered{Pre: true, Post: true}, done)
}

func TestAggregatesAndHiddenComments(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	checkIn(t, st, w.ID, "a")
	_, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "b",
		Gender: taller.Male, AgeBand: "18-29", Role: "leader", Source: taller.SourcePhone})
	require.NoError(t, err)
	require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: "tally-0001", Female: 3, Undisclosed: 1}))
	require.NoError(t, st.AddTally(ctx, &taller.Tally{WorkshopID: w.ID, SubmissionID: "tally-0001", Female: 3, Undisclosed: 1}), "a retried tally is accepted")

	ratings := map[taller.LikertItem]int{"overall": 5, "usefulness": 4, "clarity": 5, "safety": 2, "recommend": 5}
	for i, dev := range []string{"a", "b"} {
		res, err := st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: dev,
			Ratings: ratings, Apply: "Revisar la privacidad", Comment: []string{"Gracias", "Más tiempo\x1b[31m"}[i], Source: taller.SourcePhone})
		require.NoError(t, err)
		assert.False(t, res.Repeat)
	}
	res, err := st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "a",
		Ratings: ratings, Source: taller.SourcePhone})
	require.NoError(t, err)
	assert.True(t, res.Repeat, "one evaluation per phone")

	comments, err := st.Comments(ctx, w.ID)
	require.NoError(t, err)
	require.Len(t, comments, 4)
	assert.Equal(t, "Más tiempo", comments[3].Text, "control characters and escape sequences are stripped")
	require.NoError(t, st.HideComment(ctx, comments[1].ID, true))
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(st.HideComment(ctx, 999, true)))

	agg, err := st.Aggregates(ctx, w.ID, true)
	require.NoError(t, err)
	assert.Equal(t, 6, agg.Participants())
	assert.Equal(t, map[taller.Gender]int{taller.Female: 4, taller.Male: 1, taller.OtherGender: 0, taller.Undisclosed: 1}, agg.ByGender)
	assert.Equal(t, 1, agg.AgeByGender["18-29"][taller.Male])
	assert.Equal(t, 1, agg.RoleByGender["community"][taller.Female])
	assert.Equal(t, 2, agg.Evaluations)
	assert.Equal(t, [5]int{0, 2, 0, 0, 0}, agg.Ratings["safety"])
	mean, n := agg.MeanRating("usefulness")
	assert.Equal(t, 2, n)
	assert.InDelta(t, 4.0, mean, 0.001)
	assert.Len(t, agg.Comments, 3, "the hidden comment never leaves")
	assert.NotContains(t, agg.Comments, "Gracias")

	noComments, err := st.Aggregates(ctx, w.ID, false)
	require.NoError(t, err)
	assert.Empty(t, noComments.Comments)
}

func TestWatchSeesOtherProcessesChanges(t *testing.T) {
	dir := t.TempDir()
	n := taller.NewNotifier()
	gui, err := Open(dir, Options{Notifier: n})
	require.NoError(t, err)
	defer gui.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go gui.Watch(ctx, 50*time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	ch, unsub := n.Subscribe()
	defer unsub()

	// A second connection, as the command line in another process would be.
	cli, err := Open(dir, Options{})
	require.NoError(t, err)
	defer cli.Close()
	newWorkshop(t, cli)
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("a change from another connection was not seen within a second")
	}
}

func TestOneEvaluationPerParticipantCode(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	code := checkIn(t, st, w.ID, "first-phone").Code
	ratings := map[taller.LikertItem]int{"overall": 4, "usefulness": 4, "clarity": 4, "safety": 4, "recommend": 4}
	res, err := st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "first-phone",
		Code: code, Ratings: ratings, Source: taller.SourcePhone})
	require.NoError(t, err)
	assert.False(t, res.Repeat)
	// The same code on a paper sheet.
	res, err = st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Code: code, Ratings: ratings, Source: taller.SourcePaper})
	require.NoError(t, err)
	assert.True(t, res.Repeat, "one evaluation per participant code")
	n, err := st.Counts(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Evaluations)
}

func TestMovingAWorkshopMovesItsAgenda(t *testing.T) {
	// Given a workshop at 09:00 with an agenda planned to end at 12:30,
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	w.Start = 9 * 60
	require.NoError(t, st.UpdateWorkshop(ctx, w))
	a := &taller.Agenda{Start: 9 * 60, End: 12*60 + 30, Blocks: []taller.AgendaBlock{{Kind: taller.BlockBreak, Minutes: 30}}}
	require.NoError(t, st.SaveAgenda(ctx, w.ID, a))

	// when the workshop moves to 10:15,
	w.Start = 10*60 + 15
	require.NoError(t, st.UpdateWorkshop(ctx, w))

	// then its agenda starts then, and its planned end moves with it.
	got, err := st.Agenda(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, "10:15", got.Start.String())
	assert.Equal(t, "13:45", got.End.String())
	assert.Equal(t, "10:15", got.Timings()[0].Start.String())

	// And moving the agenda's start moves the workshop.
	got.Start, got.End = 8*60, 0
	require.NoError(t, st.SaveAgenda(ctx, w.ID, got))
	moved, err := st.Workshop(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, "08:00", moved.Start.String())
}
