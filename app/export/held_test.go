package export

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

func TestExportSaysWhatWasHeldBack(t *testing.T) {
	// given a small workshop: four evaluations, fewer than k = 5
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Export, s)
	w := e.Workshop("Pequeño")
	e.Answers(w)
	e.ChooseWorkshop(w.ID)

	// when it is exported to a file
	s.exportTo(filepath.Join(t.TempDir(), "pequeño.xlsx"))

	// then the dialog says how many figures were held back and, under an
	// expander, which and why
	require.NotNil(t, e.Dialogs().Top())
	require.NotNil(t, s.heldShown, "the export dialog speaks of what was held back")
	assert.Regexp(t, `^\d+ cifras? retenidas? hasta que respondan al menos 5 personas\.$`, s.heldShown.summary.Text)
	assert.Contains(t, s.heldShown.details.Text, "Calificaciones de la evaluación")
	assert.Contains(t, s.status.Text, "retenid")
	assert.False(t, s.heldShown.list.Visible(), "the details wait under their button")
	s.heldShown.more.OnTapped()
	assert.True(t, s.heldShown.list.Visible())
	e.Dialogs().Escape()

	// and the outbox, one file per workshop, gathers what each held back
	second := e.Workshop("Otro pequeño")
	e.Answers(second)
	outbox := filepath.Join(t.TempDir(), "outbox")
	require.NoError(t, e.St.SetSetting(e.Ctx, taller.SettingOutbox, outbox))
	e.Update(ui.Export)
	s.heldShown = nil
	s.checks[w.ID].SetChecked(false)
	s.checks[second.ID].SetChecked(true)
	s.exportToOutbox()
	entries, err := os.ReadDir(outbox)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
	require.NotNil(t, s.heldShown)
	assert.Contains(t, s.heldShown.details.Text, "Calificaciones de la evaluación")
}

func TestHeldBackAcrossWorkshops(t *testing.T) {
	h := &heldBack{}
	h.add("A", []taller.HeldFigure{{Figure: taller.FigureRatings, Reason: taller.HeldSmall}}, 5)
	h.add("B", nil, 5)
	assert.Equal(t, "1 figure held back until at least 5 people answer", h.summary(i18n.English))
	assert.Equal(t, []string{"Evaluation ratings: held back until at least 5 people answer."}, h.details(i18n.English), "one workshop: no name")
	h.add("C", []taller.HeldFigure{{Figure: taller.FigureQuiz, Reason: taller.HeldSmall}}, 5)
	assert.Equal(t, "2 figures held back until at least 5 people answer", h.summary(i18n.English))
	assert.Equal(t, "C · Quiz scores and gain: held back until at least 5 people answer.", h.details(i18n.English)[1])
	assert.Empty(t, (&heldBack{}).summary(i18n.English))
}
