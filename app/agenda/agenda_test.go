package agenda

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

func TestEditAgenda(t *testing.T) {
	// Given a workshop that starts at 09:00 with an empty agenda,
	e := testdouble.New(t, i18n.English)
	s := New(e)
	e.Show(ui.Agenda, s)
	w := e.Workshop("Agenda test")
	e.ChooseWorkshop(w.ID)
	require.True(t, s.body.Visible())
	assert.Equal(t, "09:00", s.start.Text)

	saved := func() *taller.Agenda {
		t.Helper()
		a, err := e.St.Agenda(e.Ctx, w.ID)
		require.NoError(t, err)
		return a
	}

	// when the facilitator applies the half-day template,
	s.templates.SetSelectedIndex(0)
	require.Equal(t, "half-day", s.templNames[0])
	s.applyTemplate()

	// then its blocks are stored, moved to the workshop's start.
	a := saved()
	require.NotEmpty(t, a.Blocks)
	assert.Equal(t, "09:00", a.Start.String())
	assert.Equal(t, "12:30", a.End.String(), "08:30–12:00 moved to 09:00")
	n := len(a.Blocks)
	first := a.Blocks[0]

	// Lengthening the first block by 5 minutes moves every later block
	// and, past the planned end, warns.
	test.Tap(s.plus[0])
	a = saved()
	assert.Equal(t, first.Minutes+agendaStep, a.Blocks[0].Minutes)
	assert.Equal(t, 5, a.OverrunMinutes())
	assert.True(t, s.overrun.Visible())
	assert.Equal(t, "The agenda runs 5 minutes past its end time (12:30). Shorten or remove a block.", s.overrun.Text)

	// Shortening it again removes the warning.
	test.Tap(s.minus[0])
	assert.False(t, s.overrun.Visible())

	// Moving the first block down swaps it with the second.
	second := saved().Blocks[1]
	s.change(func(a *taller.Agenda) error { return a.Move(0, 1) })
	a = saved()
	assert.Equal(t, second, a.Blocks[0])
	assert.Equal(t, first.ModuleID, a.Blocks[1].ModuleID)

	// Adding a break, then removing it.
	s.addBreak()
	require.Len(t, saved().Blocks, n+1)
	assert.Equal(t, taller.BlockBreak, saved().Blocks[n].Kind)
	s.change(func(a *taller.Agenda) error { return a.Remove(n) })
	assert.Len(t, saved().Blocks, n)

	// A block cannot go below the minimum: the − button is disabled there.
	for saved().Blocks[0].Minutes-agendaStep >= taller.MinBlockMinutes {
		test.Tap(s.minus[0])
	}
	assert.True(t, s.minus[0].Disabled())

	// A custom activity with no name is refused inside its dialog; Enter
	// submits it, Escape (pressed in its entry) closes it.
	s.addCustom()
	require.NotNil(t, e.Dialogs().Top())
	name := testdouble.FindEntry(t, e.Win)
	name.TypedKey(&testdouble.KeyReturn)
	require.NotNil(t, e.Dialogs().Top(), "refused: the dialog stays")
	assert.Len(t, saved().Blocks, n)
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assert.Nil(t, e.Dialogs().Top(), "Escape closes the dialog")

	// With a name, Enter adds it.
	s.addCustom()
	name = testdouble.FindEntry(t, e.Win)
	test.Type(name, "Dinámica de cierre")
	name.TypedKey(&testdouble.KeyReturn)
	assert.Nil(t, e.Dialogs().Top())
	a = saved()
	require.Len(t, a.Blocks, n+1)
	assert.Equal(t, "Dinámica de cierre", a.Blocks[n].Title)

	// Escape with nothing focused closes a message too.
	e.Dialogs().Message("x", "y")
	e.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assert.Nil(t, e.Dialogs().Top())
}

func TestCustomActivityDialogIsTranslated(t *testing.T) {
	for _, l := range i18n.Langs {
		e := testdouble.New(t, l)
		s := New(e)
		e.Show(ui.Agenda, s)
		w := e.Workshop("Taller")
		e.ChooseWorkshop(w.ID)
		s.addCustom()
		require.NotNil(t, e.Dialogs().Top())
		testdouble.AssertTranslated(t, "custom activity", testdouble.CanvasTexts(e.Win.Canvas()))
		e.Dialogs().Escape()
	}
}
