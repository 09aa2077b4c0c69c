package participant

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/participant/phonetest"
)

// Regression tests for issue #12's review: one person, one voice.

// postAtOnce sends every form at the same instant, each from its own
// phone, and returns how many were answered 200.
func postAtOnce(t *testing.T, forms []readyForm, vals map[string][]string) int {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	start := make(chan struct{})
	for _, r := range forms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := r.p.Submit(r.f, vals)
			if err == nil && out.Status == http.StatusOK {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	return ok
}

type readyForm struct {
	p *tphone
	f phonetest.Form
}

// readyForms opens the form at action on n fresh phones (one phone
// clearing its cookie n times).
func readyForms(t *testing.T, e *env, n int, action string) []readyForm {
	t.Helper()
	var rs []readyForm
	for range n {
		p := e.phone()
		f, err := p.join().Form(action)
		require.NoError(t, err)
		rs = append(rs, readyForm{p, f})
	}
	return rs
}

func TestSimultaneousEvaluationsFromOneAddressStayWithinTheCap(t *testing.T) {
	// given one phone (loopback counted as one phone's address) holding 12 evaluation forms, one per cleared cookie
	e := newEnv(t, func(c *Config) { c.LimitLoopback = true })
	e.open(taller.PhaseEvaluation)
	forms := readyForms(t, e, 12, "/evaluation")

	// when it posts them all at once
	ok := postAtOnce(t, forms, evaluationAnswers(2))

	// then no more than the cap are stored, and each stored one was told so
	got := e.counts().Evaluations
	assert.LessOrEqual(t, got, DefaultAnswersPerAddress, "one address stores at most the cap")
	assert.Equal(t, got, ok, "every 200 is a stored evaluation")
}

func TestSimultaneousCheckInsFromOneAddressStayWithinTheCap(t *testing.T) {
	// given one phone holding 12 check-in forms
	e := newEnv(t, func(c *Config) { c.LimitLoopback = true })
	e.open(taller.PhaseCheckIn)
	forms := readyForms(t, e, 12, "/checkin")

	// when it posts them all at once
	ok := postAtOnce(t, forms, map[string][]string{"gender": {"female"}, "age_band": {"30-44"}, "role": {"leader"}})

	// then the exact headline attendance counts at most the cap
	got := e.counts().Total
	assert.LessOrEqual(t, got, DefaultCheckInsPerAddress)
	assert.Equal(t, got, ok)
}

func TestAddressesOfOneIPv6PrefixShareOneCap(t *testing.T) {
	// given one IPv6 phone that changes its address within its /64 before each check-in
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	for i := range 10 {
		fromLAN(e, "[2001:db8:1:2::"+strconv.Itoa(i+10)+"]:5555")
		p := e.phone()

		// when it checks in again
		p.checkIn(p.join())
	}

	// then its whole /64 was counted as one address
	assert.Equal(t, DefaultCheckInsPerAddress, e.counts().Total)
	fromLAN(e, "[2001:db8:1:3::10]:5555")
	other := e.phone()
	assert.Equal(t, http.StatusOK, other.checkIn(other.join()).Status, "another /64 is another phone")
}

func TestRefusedAnswerDoesNotUseUpTheAddressesShare(t *testing.T) {
	// given a cap of one evaluation per address and a phone that types a made-up code
	e := newEnv(t, func(c *Config) { c.AnswersPerAddress = 1 })
	e.open(taller.PhaseEvaluation)
	fromLAN(e, "192.168.137.50:50000")
	p := e.phone()
	vals := evaluationAnswers(2)
	vals.Set("code", "KKKK7")
	require.Equal(t, http.StatusConflict, p.submit(p.join(), "/evaluation", vals).Status)

	// when it sends the evaluation again without the code
	vals.Del("code")
	out := p.submit(p.join(), "/evaluation", vals)

	// then it is stored: the refused one did not count
	assert.Equal(t, http.StatusOK, out.Status, out.Body)
	assert.Equal(t, 1, e.counts().Evaluations)
}

func TestFullAddressGuardRefusesNewAddressesInsteadOfUncounting(t *testing.T) {
	// given an address guard whose memory holds one address
	e := newEnv(t, nil)
	e.srv.guard.maxKeys = 1
	e.open(taller.PhaseCheckIn)
	fromLAN(e, "192.168.137.60:50000")
	first := e.phone()
	require.Equal(t, http.StatusOK, first.checkIn(first.join()).Status)

	// when a phone at a new address checks in
	fromLAN(e, "192.168.137.61:50000")
	p := e.phone()
	out := p.checkIn(p.join())

	// then it is asked to try again or ask the facilitator, and nothing is stored
	assertFriendly(t, out, http.StatusServiceUnavailable, "Intente de nuevo en un momento")
	assert.Contains(t, out.Body, "pida una hoja de papel a quien facilita")
	assert.Equal(t, 1, e.counts().Total)
	// and the address already counted keeps its own share
	fromLAN(e, "192.168.137.60:50000")
	again := e.phone()
	assert.Equal(t, http.StatusOK, again.checkIn(again.join()).Status)
}

func TestPhoneIsToldItsCodeWasUsedWhenPaperAnswersCarryIt(t *testing.T) {
	// given her phone's check-in, and then a paper evaluation and post-quiz typed with her code
	e := newEnv(t, nil)
	ctx := context.Background()
	e.open(taller.PhaseCheckIn)
	her := e.phone()
	code := her.checkIn(her.join()).Text("code")
	require.Len(t, code, taller.CodeLen)
	e.close(taller.PhaseCheckIn)
	e.open(taller.PhaseEvaluation)
	paper := &taller.Evaluation{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(), Code: code, Source: taller.SourcePaper,
		Ratings: map[taller.LikertItem]int{"overall": 1, "usefulness": 1, "clarity": 1, "safety": 1, "recommend": 1}}
	_, err := e.st.SubmitEvaluation(ctx, paper)
	require.NoError(t, err, "the lost-cookie path: the facilitator enters her sheet with her code")
	_, err = e.st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: e.ws.ID, SubmissionID: paper.SubmissionID, Code: code, Kind: taller.PostQuiz,
		Answers: map[string]int{"m1.1": 0, "m1.2": 1, "m2.1": 0}, Score: 0, Total: 3, Source: taller.SourcePaper})
	require.NoError(t, err)

	// when her phone sends its own evaluation
	mine := her.submit(her.join(), "/evaluation", evaluationAnswers(3))

	// then it is told the code was used and to ask the facilitator, never "saved"
	assertFriendly(t, mine, http.StatusConflict, "Este código ya se usó")
	assert.Contains(t, mine.Body, "Pida ayuda a quien facilita")
	assert.Equal(t, 1, e.counts().Evaluations)
}

func TestPaperSheetWithANeverIssuedCodeIsRefused(t *testing.T) {
	// given a workshop where no check-in issued KKKK7
	e := newEnv(t, nil)

	// when the facilitator types it from a paper evaluation
	_, err := e.st.SubmitEvaluation(context.Background(), &taller.Evaluation{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(), Code: "KKKK7", Source: taller.SourcePaper,
		Ratings: map[taller.LikertItem]int{"overall": 3, "usefulness": 3, "clarity": 3, "safety": 3, "recommend": 3}})

	// then it is refused with a translated domain error
	assert.Equal(t, taller.EDENIED, taller.ErrorCode(err))
	assert.Zero(t, e.counts().Evaluations)
}

func TestPhoneRetryingItsSavedEvaluationIsStillToldSaved(t *testing.T) {
	// given her phone's evaluation, saved
	e := newEnv(t, nil)
	e.open(taller.PhaseCheckIn)
	her := e.phone()
	her.checkIn(her.join())
	e.open(taller.PhaseEvaluation)
	f, err := her.join().Form("/evaluation")
	require.NoError(t, err)
	first, err := her.Submit(f, evaluationAnswers(3))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, first.Status)

	// when the same post is sent again (a double tap, a retry after a timeout)
	again, err := her.Submit(f, evaluationAnswers(3))

	// then it is "saved" again, and stored once
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, again.Status)
	assert.Equal(t, first.Title(), again.Title())
	assert.Equal(t, 1, e.counts().Evaluations)
}

func TestPhoneCannotTakeThePlaceOfSomeoneWhoAnsweredOnPaper(t *testing.T) {
	// given a paper check-in and her paper pre-quiz with its code
	e := newEnv(t, nil)
	ctx := context.Background()
	res, err := e.st.CheckIn(ctx, &taller.CheckIn{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(),
		Gender: taller.Female, AgeBand: "60plus", Role: "public", Source: taller.SourcePaper})
	require.NoError(t, err)
	_, err = e.st.SubmitQuiz(ctx, &taller.QuizAttempt{WorkshopID: e.ws.ID, SubmissionID: taller.NewID(), Code: res.Code, Kind: taller.PreQuiz,
		Answers: map[string]int{"m1.1": 0, "m1.2": 1, "m2.1": 0}, Score: 0, Total: 3, Source: taller.SourcePaper})
	require.NoError(t, err)
	e.open(taller.PhaseEvaluation)

	// when a phone sends the evaluation with her code
	intruder := e.phone()
	vals := evaluationAnswers(3)
	vals.Set("code", res.Code)
	out := intruder.submit(intruder.join(), "/evaluation", vals)

	// then it is refused and nothing is paired with her pre-quiz
	assertFriendly(t, out, http.StatusConflict, "Este código ya se usó")
	a, err := e.st.Aggregates(ctx, e.ws.ID, false)
	require.NoError(t, err)
	assert.Zero(t, a.Paired.N)
	assert.Zero(t, a.Evaluations)
}
