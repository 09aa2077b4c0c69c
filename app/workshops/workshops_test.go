package workshops

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

// newScreen is the Workshops screen over a fake UI.
func newScreen(t *testing.T, l i18n.Lang) (*testdouble.UI, *Screen) {
	u := testdouble.New(t, l)
	s := New(u)
	s.Now = func() time.Time { return testdouble.FixedNow }
	u.Show(ui.Workshops, s)
	return u, s
}

func TestCreateWorkshopThroughForm(t *testing.T) {
	// Given an empty data folder,
	e, s := newScreen(t, i18n.Spanish)
	e.Update(ui.Workshops)
	assert.Equal(t, "Todavía no hay talleres. Pulse «Nuevo taller» para crear el primero.", s.summary.Text)

	// when the facilitator saves the form without a title or a place,
	test.Tap(s.newBtn)
	f := s.form
	test.Type(f.org, "Red comunitaria de Usulután")
	test.Tap(f.save)

	// then the form says what is missing next to each field, and nothing
	// is stored.
	assert.True(t, f.errs[fieldTitle].Visible())
	assert.Equal(t, "Falta el título.", f.errs[fieldTitle].Text)
	assert.Equal(t, "Falta la localidad.", f.errs[fieldLocality].Text)
	assert.False(t, f.errs[fieldOrganization].Visible())
	ws, err := e.St.Workshops(e.Ctx)
	require.NoError(t, err)
	assert.Empty(t, ws)

	// When the facilitator fills them in (a message goes as soon as its
	// field is being fixed), picks Honduras and presses Enter in the last
	// field,
	test.Type(f.title, "Resiliencia comunitaria")
	assert.False(t, f.errs[fieldTitle].Visible(), "the title's message goes once the title is typed")
	assert.True(t, f.errs[fieldLocality].Visible(), "the locality's stays until it is fixed")
	f.country.SetSelected("Honduras")
	f.day.SetSelected("20")
	f.month.SetSelected("junio")
	f.year.SetSelected("2025")
	test.Type(f.start, "")
	f.start.SetText("9:30")
	test.Type(f.locality, "El Progreso")
	f.locality.TypedKey(&testdouble.KeyReturn)

	// then the workshop is stored, chosen and listed, and the messages
	// are gone.
	ws, err = e.St.Workshops(e.Ctx)
	require.NoError(t, err)
	require.Len(t, ws, 1)
	w := ws[0]
	assert.Equal(t, "Resiliencia comunitaria", w.Title)
	assert.Equal(t, taller.Honduras, w.Country)
	assert.Equal(t, "El Progreso", w.Locality)
	assert.Equal(t, "2025-06-20", w.Date)
	assert.Equal(t, "09:30", w.Start.String())
	assert.Equal(t, w.ID, e.WorkshopID())
	assert.False(t, f.errs[fieldTitle].Visible())
	require.Len(t, s.items, 1)
	assert.Equal(t, "Datos del taller", f.heading.Text)
	require.Len(t, e.List, 1, "the header's chooser lists it")
	assert.Equal(t, w.ID, e.List[0].ID)
	require.NotNil(t, e.Dialogs().Top(), "a message offers the agenda")
	e.Dialogs().Escape()

	// An impossible date is refused next to the date.
	f.day.SetSelected("31")
	f.month.SetSelected("febrero")
	test.Tap(f.save)
	assert.Equal(t, "Esa fecha no existe: febrero de 2025 no tiene día 31.", f.errs[fieldDate].Text)

	// Saving an edit says so next to the button, until the next change.
	f.day.SetSelected("28")
	assert.False(t, f.saved.Visible())
	test.Tap(f.save)
	assert.False(t, f.errs[fieldDate].Visible())
	assert.True(t, f.saved.Visible(), "the edit is confirmed")
	assert.Equal(t, "Cambios guardados.", f.saved.Text)
	assert.Nil(t, e.Dialogs().Top(), "an edit needs no dialog")
	f.title.SetText("Resiliencia comunitaria 2")
	assert.False(t, f.saved.Visible(), "a new change is not saved yet")
}

func TestWorkshopsListUpcomingFirst(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	for _, d := range []string{"2025-05-01", "2025-07-01", "2025-06-15", "2024-12-01"} {
		w := &taller.Workshop{Title: "W " + d, Country: taller.Guatemala, Locality: "Mixco", Organization: "Org", Date: d, Start: 540}
		w.Normalize()
		require.NoError(t, e.St.CreateWorkshop(e.Ctx, w))
	}
	e.Update(ui.Workshops)
	var dates []string
	for _, w := range s.Items() {
		dates = append(dates, w.Date)
	}
	assert.Equal(t, []string{"2025-06-15", "2025-07-01", "2025-05-01", "2024-12-01"}, dates)
}

func TestDeleteWorkshopAsksFirst(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	w := e.Workshop("To delete")
	e.ChooseWorkshop(w.ID)
	f := s.form
	require.Equal(t, w.ID, f.editing.ID)
	test.Tap(f.del)
	require.NotNil(t, e.Dialogs().Top(), "a confirmation is shown")
	e.Dialogs().Escape()
	ws, _ := e.St.Workshops(e.Ctx)
	assert.Len(t, ws, 1, "Escape cancels")
	assert.Nil(t, e.Dialogs().Top())
}
