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
