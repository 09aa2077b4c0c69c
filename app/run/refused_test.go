package run

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestRefusedCodesShownAsANumberOnly(t *testing.T) {
	// given a workshop where no code has been refused
	e, s := newScreen(t, i18n.Spanish)
	w := e.Workshop("Códigos")
	e.ChooseWorkshop(w.ID)
	assert.False(t, s.refused.box.Visible(), "nothing to say on a quiet day")

	// when a phone checks in and two other phones try its code
	res, err := e.St.CheckIn(e.Ctx, &taller.CheckIn{WorkshopID: w.ID, SubmissionID: taller.NewID(), Device: "hers",
		Gender: taller.Female, AgeBand: taller.AgeBands[0], Role: taller.Roles[0], Source: taller.SourcePhone})
	require.NoError(t, err)
	fours := map[taller.LikertItem]int{}
	for _, it := range taller.LikertItems {
		fours[it] = 4
	}
	for _, dev := range []string{"intruder-1", "intruder-2"} {
		_, err := e.St.SubmitEvaluation(e.Ctx, &taller.Evaluation{WorkshopID: w.ID, SubmissionID: taller.NewID(),
			Device: dev, Code: res.Code, Ratings: fours, Source: taller.SourcePhone})
		require.ErrorIs(t, err, taller.ErrCodeTaken)
	}
	e.Update("run")

	// then the Run screen says how many, exactly, and nothing of who
	require.True(t, s.refused.box.Visible())
	assert.Equal(t, "Códigos rechazados: 2", s.refused.count.Text)
	assert.NotContains(t, s.refused.help.Text, res.Code)
	assert.Contains(t, s.refused.help.Text, "papel")
}
