package manual

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

func TestAddModuleFromCurriculum(t *testing.T) {
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Curriculum, s)
	w := e.Workshop("Manual")
	e.ChooseWorkshop(w.ID)
	assert.False(t, s.add.Disabled())
	s.list.Select(2)
	test.Tap(s.add)
	a, err := e.St.Agenda(e.Ctx, w.ID)
	require.NoError(t, err)
	require.Len(t, a.Blocks, 1)
	assert.Equal(t, s.modules[2].ID, a.Blocks[0].ModuleID)
	assert.Equal(t, s.modules[2].Minutes, a.Blocks[0].Minutes)
	assert.NotNil(t, e.Dialogs().Top(), "a message says where it went")
	assert.True(t, s.notesCard.Visible(), "the facilitator's notes are shown")
}
