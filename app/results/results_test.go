package results

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

func TestResultsAndHiddenComments(t *testing.T) {
	// Given a workshop with answers and two comments,
	e := testdouble.New(t, i18n.English)
	s := New(e)
	e.Show(ui.Results, s)
	w := e.Workshop("Results")
	e.Answers(w)
	e.ChooseWorkshop(w.ID)
	// A window tall enough for the whole page: it draws only what is near
	// the view.
	e.Win.Resize(fyne.NewSize(1000, 4000))
	texts := testdouble.CanvasTexts(e.Win.Canvas())
	assert.Contains(t, texts, "Participants: 9. Counted by hand: 3.")
	assert.Contains(t, texts, "Average change for people who answered both: +30 points (4 people).")
	require.Len(t, s.hide, 2)

	// when the facilitator hides the comment,
	var commentID int64
	comments, err := e.St.Comments(e.Ctx, w.ID)
	require.NoError(t, err)
	for _, c := range comments {
		if c.Kind == "comment" {
			commentID = c.ID
		}
	}
	s.hide[commentID].SetChecked(true)

	// then it is hidden in the store and left out of exports.
	agg, err := e.St.Aggregates(e.Ctx, w.ID, true)
	require.NoError(t, err)
	assert.NotContains(t, agg.Comments, "Muy útil, gracias.")
	assert.Contains(t, agg.Comments, "Hablar con mis vecinas.")
	e.Update(ui.Results)
	assert.True(t, s.hide[commentID].Checked, "still hidden when the screen is read again")
}
