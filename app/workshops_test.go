package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestCreateWorkshopThroughForm(t *testing.T) {
	// Given an empty data folder,
	e := newEnv(t, i18n.Spanish)
	s := e.u.workshops
	s.update(e.ctx)
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
	ws, err := e.st.Workshops(e.ctx)
	require.NoError(t, err)
	assert.Empty(t, ws)

	// When the facilitator fills them in, picks Honduras and presses Enter
	// in the last field,
	test.Type(f.title, "Resiliencia comunitaria")
	f.country.SetSelected("Honduras")
	f.day.SetSelected("20")
	f.month.SetSelected("junio")
	f.year.SetSelected("2025")
	test.Type(f.start, "")
	f.start.SetText("9:30")
	test.Type(f.locality, "El Progreso")
	f.locality.TypedKey(&fyneKeyReturn)

	// then the workshop is stored, chosen and listed, and the messages
	// are gone.
	ws, err = e.st.Workshops(e.ctx)
	require.NoError(t, err)
	require.Len(t, ws, 1)
	w := ws[0]
	assert.Equal(t, "Resiliencia comunitaria", w.Title)
	assert.Equal(t, taller.Honduras, w.Country)
	assert.Equal(t, "El Progreso", w.Locality)
	assert.Equal(t, "2025-06-20", w.Date)
	assert.Equal(t, "09:30", w.Start.String())
	assert.Equal(t, w.ID, e.u.workshopID())
	assert.False(t, f.errs[fieldTitle].Visible())
	require.Len(t, s.items, 1)
	assert.Equal(t, "Datos del taller", f.heading.Text)
	assert.Equal(t, "Resiliencia comunitaria · 20/06/2025", e.u.header.Selected)
	e.u.escape() // the "workshop created" message

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
	assert.Nil(t, e.u.dialogs.top(), "an edit needs no dialog")
	f.title.SetText("Resiliencia comunitaria 2")
	assert.False(t, f.saved.Visible(), "a new change is not saved yet")
}

func TestWorkshopsListUpcomingFirst(t *testing.T) {
	e := newEnv(t, i18n.English)
	for _, d := range []string{"2025-05-01", "2025-07-01", "2025-06-15", "2024-12-01"} {
		w := &taller.Workshop{Title: "W " + d, Country: taller.Guatemala, Locality: "Mixco", Organization: "Org", Date: d, Start: 540}
		w.Normalize()
		require.NoError(t, e.st.CreateWorkshop(e.ctx, w))
	}
	e.u.workshops.update(e.ctx)
	var dates []string
	for _, it := range e.u.workshops.items {
		dates = append(dates, it.w.Date)
	}
	assert.Equal(t, []string{"2025-06-15", "2025-07-01", "2025-05-01", "2024-12-01"}, dates)
}

func TestDeleteWorkshopAsksFirst(t *testing.T) {
	e := newEnv(t, i18n.English)
	w := e.workshop("To delete")
	e.choose(w, screenWorkshops)
	f := e.u.workshops.form
	require.Equal(t, w.ID, f.editing.ID)
	test.Tap(f.del)
	require.NotNil(t, e.u.dialogs.top(), "a confirmation is shown")
	e.u.escape()
	ws, _ := e.st.Workshops(e.ctx)
	assert.Len(t, ws, 1, "Escape cancels")
	assert.Nil(t, e.u.dialogs.top())
}
