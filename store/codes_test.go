package store

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

var fours = map[taller.LikertItem]int{"overall": 4, "usefulness": 4, "clarity": 4, "safety": 4, "recommend": 4}

func evaluation(st *Store, wsID, device, code string, source taller.Source) (taller.AnswerResult, error) {
	return st.SubmitEvaluation(context.Background(), &taller.Evaluation{WorkshopID: wsID, SubmissionID: taller.NewID(),
		Device: device, Code: code, Ratings: fours, Source: source})
}

func preQuiz(st *Store, wsID, device, code string) (taller.AnswerResult, error) {
	return st.SubmitQuiz(context.Background(), &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: taller.NewID(),
		Device: device, Code: code, Kind: taller.PreQuiz, Answers: map[string]int{}, Score: 1, Total: 2, Source: taller.SourcePhone})
}

func refused(t *testing.T, st *Store, wsID string) int {
	t.Helper()
	n, err := st.Counts(context.Background(), wsID)
	require.NoError(t, err)
	return n.RefusedCodes
}

func TestAnotherPhoneCannotTakeACode(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	her := checkIn(t, st, w.ID, "her-phone").Code

	// given a neighbour who read her code off her screen
	_, err := evaluation(st, w.ID, "intruder", her, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeTaken)
	assert.Equal(t, taller.EDENIED, taller.ErrorCode(err))
	_, err = preQuiz(st, w.ID, "intruder", her)
	assert.ErrorIs(t, err, taller.ErrCodeTaken)

	// then her own phone still gets through, and is not told "repeat"
	res, err := evaluation(st, w.ID, "her-phone", her, taller.SourcePhone)
	require.NoError(t, err)
	assert.False(t, res.Repeat)
	res, err = preQuiz(st, w.ID, "her-phone", her)
	require.NoError(t, err)
	assert.False(t, res.Repeat)

	// and after her, the intruder is still refused, never told "saved"
	_, err = evaluation(st, w.ID, "intruder", her, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeTaken)
	n, err := st.Counts(context.Background(), w.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n.Evaluations)
	assert.Equal(t, 1, n.PreQuiz)
	assert.Equal(t, 3, n.RefusedCodes, "every refused attempt is counted")
}

func TestNeverIssuedCodeIsRefused(t *testing.T) {
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	other := newWorkshop(t, st)
	elsewhere := checkIn(t, st, other.ID, "phone").Code

	for _, code := range []string{"KKKK7", elsewhere} {
		_, err := evaluation(st, w.ID, "phone", code, taller.SourcePhone)
		assert.ErrorIs(t, err, taller.ErrCodeUnknown, code)
	}
	n, err := st.Counts(context.Background(), w.ID)
	require.NoError(t, err)
	assert.Zero(t, n.Evaluations)
	assert.Equal(t, 2, n.RefusedCodes)
	assert.Zero(t, refused(t, st, other.ID), "counted in its own workshop only")

	// without a code the phone may still answer, unpaired
	res, err := evaluation(st, w.ID, "phone", "", taller.SourcePhone)
	require.NoError(t, err)
	assert.False(t, res.Repeat)
}

func TestPaperCodeBecomesTheFirstPhonesOwn(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	res, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Gender: taller.Male, AgeBand: "18-29", Role: "leader", Source: taller.SourcePaper})
	require.NoError(t, err)

	_, err = preQuiz(st, w.ID, "his-phone", res.Code)
	require.NoError(t, err, "checked in on paper, the quiz on a phone")
	_, err = evaluation(st, w.ID, "another-phone", res.Code, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeTaken, "the code now belongs to the first phone")
	_, err = evaluation(st, w.ID, "his-phone", res.Code, taller.SourcePhone)
	require.NoError(t, err)
	// The facilitator may still type the code from a paper sheet.
	again, err := evaluation(st, w.ID, "", res.Code, taller.SourcePaper)
	require.NoError(t, err)
	assert.True(t, again.Repeat)
}

func TestReserveCodes(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)

	for _, n := range []int{0, -1, taller.MaxReserve + 1} {
		_, err := st.ReserveCodes(ctx, w.ID, n)
		assert.Equal(t, taller.EINVALID, taller.ErrorCode(err), n)
	}
	_, err := st.ReserveCodes(ctx, "no-such-workshop", 3)
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))

	phone := checkIn(t, st, w.ID, "phone").Code
	codes, err := st.ReserveCodes(ctx, w.ID, taller.MaxReserve)
	require.NoError(t, err)
	require.Len(t, codes, taller.MaxReserve)
	more, err := st.ReserveCodes(ctx, w.ID, 20)
	require.NoError(t, err)
	seen := map[string]bool{phone: true}
	for _, c := range append(codes, more...) {
		require.Equal(t, c, taller.NormalizeCode(c))
		require.False(t, seen[c], "codes are unique in the workshop: %s", c)
		seen[c] = true
	}

	paper := func(code string) (taller.CheckInResult, error) {
		return st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Code: code,
			Gender: taller.Female, AgeBand: "45-59", Role: "community", Source: taller.SourcePaper})
	}
	// a phone that types a reserved code is refused, before and after its slip is entered
	_, err = evaluation(st, w.ID, "phone-2", codes[0], taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodePaperOnly)
	res, err := paper(codes[0])
	require.NoError(t, err)
	assert.Equal(t, codes[0], res.Code)
	_, err = preQuiz(st, w.ID, "phone-2", codes[0])
	assert.ErrorIs(t, err, taller.ErrCodePaperOnly)

	// a reserved code is accepted once; other codes are not for paper slips
	_, err = paper(codes[0])
	assert.ErrorIs(t, err, taller.ErrCodeUsed)
	_, err = paper(phone)
	assert.ErrorIs(t, err, taller.ErrCodeNotReserved)
	_, err = paper("KKKK7")
	assert.ErrorIs(t, err, taller.ErrCodeUnknown)
	_, err = st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "phone-3", Code: codes[1],
		Gender: taller.Female, AgeBand: "45-59", Role: "community", Source: taller.SourcePhone})
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err), "a phone cannot bring a code to its check-in")

	// paper answers with the slip's code are stored
	ev, err := evaluation(st, w.ID, "", codes[0], taller.SourcePaper)
	require.NoError(t, err)
	assert.False(t, ev.Repeat)
	n, err := st.Counts(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, n.Total)
	assert.Equal(t, 1, n.Evaluations)
	assert.Equal(t, 2, n.RefusedCodes, "phones' refusals only")
}

func TestMigrationRecordsTheCodesAlreadyIssued(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	phone := checkIn(t, st, w.ID, "her-phone").Code
	paper, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Gender: taller.Male, AgeBand: "18-29", Role: "leader", Source: taller.SourcePaper})
	require.NoError(t, err)
	_, err = preQuiz(st, w.ID, "his-phone", paper.Code)
	require.NoError(t, err)
	// Back to the schema before codes were recorded, as in a file from
	// the previous version of Taller, then the migration again.
	step := -1
	for i, m := range migrations {
		if strings.Contains(m, "CREATE TABLE codes") {
			step = i
		}
	}
	require.GreaterOrEqual(t, step, 0)
	for _, q := range []string{`DROP TABLE codes`, `DROP TABLE code_refusals`, migrations[step]} {
		_, err = st.db.Exec(q)
		require.NoError(t, err)
	}
	_, err = evaluation(st, w.ID, "intruder", phone, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeTaken, "a phone's code stays its own")
	_, err = evaluation(st, w.ID, "intruder", paper.Code, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeTaken, "a paper code stays with the phone that used it")
	_, err = evaluation(st, w.ID, "his-phone", paper.Code, taller.SourcePhone)
	assert.NoError(t, err)
	_, err = evaluation(st, w.ID, "her-phone", phone, taller.SourcePhone)
	assert.NoError(t, err)
}

func postQuiz(st *Store, wsID, device, code string, source taller.Source) (taller.AnswerResult, error) {
	return st.SubmitQuiz(context.Background(), &taller.QuizAttempt{WorkshopID: wsID, SubmissionID: taller.NewID(),
		Device: device, Code: code, Kind: taller.PostQuiz, Answers: map[string]int{}, Score: 1, Total: 2, Source: source})
}

// Issue #12: a paper sheet with a made-up code (KKKK7) was stored.
func TestPaperAnswerWithANeverIssuedCodeIsRefused(t *testing.T) {
	// given a workshop with no check-in that issued KKKK7
	st, _ := openTemp(t)
	w := newWorkshop(t, st)

	// when the facilitator types KKKK7 from a paper evaluation and a paper quiz
	_, evErr := evaluation(st, w.ID, "", "KKKK7", taller.SourcePaper)
	_, qErr := postQuiz(st, w.ID, "", "KKKK7", taller.SourcePaper)

	// then both are refused with an error the laptop can show in its language
	for _, err := range []error{evErr, qErr} {
		require.Error(t, err)
		var te *taller.Error
		require.ErrorAs(t, err, &te, "a domain error, shown as a dialog")
		assert.Equal(t, taller.EDENIED, te.Code)
		assert.Equal(t, "err.code.not_issued", te.Key)
	}
	n, err := st.Counts(context.Background(), w.ID)
	require.NoError(t, err)
	assert.Zero(t, n.Evaluations)
	assert.Zero(t, n.PostQuiz)
	assert.Zero(t, n.RefusedCodes, "the count is of phones' refusals only")
}

// Issue #12: every code the workshop gave out is still accepted from paper.
func TestPaperAnswerAcceptsEveryCodeTheWorkshopIssued(t *testing.T) {
	// given a phone check-in, a paper check-in and a code reserved for a paper slip
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	phone := checkIn(t, st, w.ID, "her-phone").Code
	paper, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Gender: taller.Male, AgeBand: "18-29", Role: "leader", Source: taller.SourcePaper})
	require.NoError(t, err)
	reserved, err := st.ReserveCodes(ctx, w.ID, 1)
	require.NoError(t, err)

	// when a paper evaluation is entered with each of them
	for _, code := range []string{phone, paper.Code, reserved[0]} {
		res, err := evaluation(st, w.ID, "", code, taller.SourcePaper)

		// then it is stored
		require.NoError(t, err, code)
		assert.False(t, res.Repeat, code)
	}
}

// Issue #12: a paper answer with her phone's code was stored, and her
// phone's own answer was then answered "saved" and thrown away.
func TestPhoneIsNeverToldSavedForAnAnswerAnotherSubmissionGaveWithItsCode(t *testing.T) {
	// given her phone's check-in, and a paper evaluation and post-quiz
	// typed with her code (the lost-cookie path, or a neighbour's sheet)
	st, _ := openTemp(t)
	w := newWorkshop(t, st)
	her := checkIn(t, st, w.ID, "her-phone").Code
	_, err := evaluation(st, w.ID, "", her, taller.SourcePaper)
	require.NoError(t, err)
	_, err = postQuiz(st, w.ID, "", her, taller.SourcePaper)
	require.NoError(t, err)

	// when her phone sends its post-quiz and evaluation
	_, qErr := postQuiz(st, w.ID, "her-phone", her, taller.SourcePhone)
	_, evErr := evaluation(st, w.ID, "her-phone", her, taller.SourcePhone)

	// then the phone is told the code was used, never "saved", and it is counted
	assert.ErrorIs(t, qErr, taller.ErrCodeAnswered)
	assert.ErrorIs(t, evErr, taller.ErrCodeAnswered)
	assert.Equal(t, 2, refused(t, st, w.ID))
	// and a second paper sheet with the code is still a repeat for the facilitator
	again, err := evaluation(st, w.ID, "", her, taller.SourcePaper)
	require.NoError(t, err)
	assert.True(t, again.Repeat)
}

// Issue #12: "saved" stays the answer for a phone's own submissions.
func TestPhoneRetryingItsOwnAnswerIsStillToldSaved(t *testing.T) {
	// given her phone's evaluation, stored
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	her := checkIn(t, st, w.ID, "her-phone").Code
	ev := &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "her-phone", Code: her, Ratings: fours, Source: taller.SourcePhone}
	first, err := st.SubmitEvaluation(ctx, ev)
	require.NoError(t, err)
	require.False(t, first.Repeat)

	// when the same submission is retried, and when the same phone sends a new one
	retry, retryErr := st.SubmitEvaluation(ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: ev.SubmissionID,
		Device: "her-phone", Code: her, Ratings: fours, Source: taller.SourcePhone})
	second, secondErr := evaluation(st, w.ID, "her-phone", her, taller.SourcePhone)

	// then both are repeats of her own answer, told "saved"
	require.NoError(t, retryErr)
	assert.True(t, retry.Repeat)
	require.NoError(t, secondErr)
	assert.True(t, second.Repeat)
	assert.Zero(t, refused(t, st, w.ID))
}

// Issue #12: a paper check-in's code, already on her paper pre-quiz, was
// taken by the first phone that typed it.
func TestPhoneCannotClaimAPaperCodeThatPaperAnswersCarry(t *testing.T) {
	// given a paper check-in and her paper pre-quiz with its code
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	res, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Gender: taller.Female, AgeBand: "60plus", Role: "public", Source: taller.SourcePaper})
	require.NoError(t, err)
	_, err = st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: w.ID, SubmissionID: taller.NewID(), Code: res.Code, Kind: taller.PreQuiz,
		Answers: map[string]int{}, Score: 0, Total: 2, Source: taller.SourcePaper})
	require.NoError(t, err)

	// when a phone answers with that code
	_, evErr := evaluation(st, w.ID, "intruder", res.Code, taller.SourcePhone)
	_, qErr := postQuiz(st, w.ID, "intruder", res.Code, taller.SourcePhone)

	// then it is refused and the code stays no phone's
	assert.ErrorIs(t, evErr, taller.ErrCodeAnswered)
	assert.ErrorIs(t, qErr, taller.ErrCodeAnswered)
	var owner *string
	require.NoError(t, st.db.QueryRow(`SELECT device FROM codes WHERE workshop_id = ? AND code = ?`, w.ID, res.Code).Scan(&owner))
	assert.Nil(t, owner)
	// and her post-quiz and evaluation can still be entered on paper
	_, err = evaluation(st, w.ID, "", res.Code, taller.SourcePaper)
	require.NoError(t, err)
	_, err = postQuiz(st, w.ID, "", res.Code, taller.SourcePaper)
	require.NoError(t, err)
	agg, err := st.Aggregates(ctx, w.ID, false)
	require.NoError(t, err)
	assert.Equal(t, 1, agg.Paired.N, "her own paper answers pair with each other")
}

// Issue #12: migration 0007 binds a paper code to the first phone that
// used it only when no paper answer carries it, as claims now do.
func TestMigrationLeavesAPaperCodeWithPaperAnswersNoPhones(t *testing.T) {
	// given, in a file of the previous version, a paper check-in, her
	// paper pre-quiz and a phone's evaluation with her code
	st, _ := openTemp(t)
	ctx := context.Background()
	w := newWorkshop(t, st)
	paper, err := st.CheckIn(ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(),
		Gender: taller.Female, AgeBand: "60plus", Role: "public", Source: taller.SourcePaper})
	require.NoError(t, err)
	step := -1
	for i, m := range migrations {
		if strings.Contains(m, "CREATE TABLE codes") {
			step = i
		}
	}
	require.GreaterOrEqual(t, step, 0)
	_, err = st.db.Exec(`DROP TABLE codes`)
	require.NoError(t, err)
	_, err = st.db.Exec(`DROP TABLE code_refusals`)
	require.NoError(t, err)
	_, err = st.db.Exec(`INSERT INTO quiz_attempts (workshop_id, submission_id, device, code, kind, answers, score, total, source, at)
		VALUES (?, 'paper-pre', NULL, ?, 'pre', '{}', 0, 2, 'paper', '2024-06-10T09:00:00Z')`, w.ID, paper.Code)
	require.NoError(t, err)
	_, err = st.db.Exec(`INSERT INTO evaluations (workshop_id, submission_id, device, code, overall, usefulness, clarity, safety, recommend, source, at)
		VALUES (?, 'phone-eval', 'intruder', ?, 4, 4, 4, 4, 4, 'phone', '2024-06-10T12:00:00Z')`, w.ID, paper.Code)
	require.NoError(t, err)

	// when the migration runs
	_, err = st.db.Exec(migrations[step])
	require.NoError(t, err)

	// then the code is no phone's, and a phone's post-quiz with it is refused
	var owner *string
	require.NoError(t, st.db.QueryRow(`SELECT device FROM codes WHERE workshop_id = ? AND code = ?`, w.ID, paper.Code).Scan(&owner))
	assert.Nil(t, owner)
	_, err = postQuiz(st, w.ID, "intruder", paper.Code, taller.SourcePhone)
	assert.ErrorIs(t, err, taller.ErrCodeAnswered)
}
