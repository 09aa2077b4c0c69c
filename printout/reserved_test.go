package printout_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
	"taller/participant/phonetest"
	"taller/printout"
)

// The codes printed on check-in slips are the workshop's reserved paper
// codes (taller.AttendanceService.ReserveCodes): paper entry accepts one
// once, and a phone that types it into the quiz's code field is refused
// and stores nothing.
//
// It runs against the real store.
func TestReservedSlipCodesPairPaperAndRefusePhones(t *testing.T) {
	f := newFixture(t, i18n.Spanish)
	codes := slipCodes(t, f.render(t, printout.Request{Kind: printout.Slips, Copies: 3}))
	require.Len(t, codes, 3)

	// Given a paper slip typed in with its printed code,
	paper := func(code string) (taller.CheckInResult, error) {
		return f.st.CheckIn(f.ctx, &taller.CheckIn{WorkshopID: f.ws.ID, SubmissionID: taller.NewID(), Code: code,
			Gender: taller.Female, AgeBand: "30-44", Role: "community", Source: taller.SourcePaper})
	}
	res, err := paper(codes[0])
	require.NoError(t, err)
	assert.Equal(t, codes[0], res.Code, "paper entry keeps the slip's code")
	// a second sheet with the same code adds nobody.
	_, _ = paper(codes[0])
	counts, err := f.st.Counts(f.ctx, f.ws.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, counts.Total, "a reserved code is accepted once")

	// When phones type a reserved code, used or not, into the quiz,
	require.NoError(t, f.st.SetPhase(f.ctx, f.ws.ID, taller.PhaseQuiz, true))
	ts := f.phoneServer(t)
	defer ts.Close()
	for _, code := range codes[:2] {
		ph, err := phonetest.New(ts.URL, nil)
		require.NoError(t, err)
		page, err := ph.Get("/j/" + f.ws.JoinToken)
		require.NoError(t, err)
		form, err := page.Form("/quiz")
		require.NoError(t, err)
		vals := url.Values{"code": {code}}
		for name, options := range form.Radios {
			vals.Set(name, options[0])
		}
		page, err = ph.Submit(form, vals)
		require.NoError(t, err)
		assert.NotEqual(t, i18n.T(i18n.Spanish, "web.done.title"), page.Title(), "code %s: refused", code)
	}
	// then nothing is stored for them.
	counts, err = f.st.Counts(f.ctx, f.ws.ID)
	require.NoError(t, err)
	assert.Zero(t, counts.PreQuiz, "no quiz stored under a reserved code from a phone")
}
