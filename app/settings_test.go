package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestSettingsSaved(t *testing.T) {
	e := newEnv(t, i18n.English)
	s := e.u.settings
	e.u.showScreen(screenSettings)
	s.update(e.ctx)
	assert.Equal(t, "5", s.threshold.Text)

	// A threshold that is not a number is refused and nothing is saved.
	s.threshold.SetText("many")
	test.Tap(s.save)
	assert.Equal(t, "The small-cell threshold must be a number from 1 to 100.", s.msg.Text)

	// Enter in a field saves.
	test.Type(s.ssid, "Hotspot del taller")
	s.password.SetText("clave")
	s.threshold.SetText("3")
	s.threshold.TypedKey(&fyneKeyReturn)
	assert.Equal(t, "Settings saved.", s.msg.Text)
	// The message reads on one line beside the button, not a letter a
	// line with the button stretched down the window.
	assert.Greater(t, s.msg.Size().Width, float32(300))
	assert.Less(t, s.save.Size().Height, float32(60))
	for key, want := range map[string]string{
		taller.SettingWiFiSSID: "Hotspot del taller", taller.SettingWiFiPass: "clave", taller.SettingThreshold: "3",
	} {
		got, err := e.st.Setting(e.ctx, key, "")
		require.NoError(t, err)
		assert.Equal(t, want, got, key)
	}
}

func TestWipeNeedsTheTypedWord(t *testing.T) {
	// Given a laptop with a workshop,
	e := newEnv(t, i18n.Spanish)
	e.workshop("Para borrar")
	s := e.u.settings

	// when the facilitator asks to delete everything, the button stays off
	// until the word is typed,
	s.confirmWipe()
	f := e.u.dialogs.top()
	require.NotNil(t, f)
	typed := findEntry(t, e)
	test.Type(typed, "borra")
	assert.True(t, wipeButton(t, e).Disabled())
	test.Type(typed, "r")
	require.False(t, wipeButton(t, e).Disabled())

	// then with it typed and Enter pressed, the data is gone and the app
	// works on a new, empty data file.
	typed.TypedKey(&fyneKeyReturn)
	require.NotNil(t, e.u.dialogs.top(), "a message says it is done")
	e.u.escape()
	assert.Nil(t, e.u.dialogs.top())
	ws, err := e.u.store().Workshops(e.ctx)
	require.NoError(t, err)
	assert.Empty(t, ws)
	assert.NotSame(t, e.st, e.u.store(), "the store was opened again")
	w := &taller.Workshop{Title: "Nuevo", Country: "SV", Locality: "x", Organization: "y", Date: "2025-01-01"}
	w.Normalize()
	require.NoError(t, e.u.store().CreateWorkshop(e.ctx, w))
}

// findEntry returns the entry of the dialog on top.
func findEntry(t *testing.T, e *env) *entry {
	t.Helper()
	for _, o := range e.u.win.Canvas().Overlays().List() {
		var found *entry
		walkObjects(o, func(x any) {
			if en, ok := x.(*entry); ok && found == nil {
				found = en
			}
		})
		if found != nil {
			return found
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}

// wipeButton returns the dialog's "delete everything" button.
func wipeButton(t *testing.T, e *env) *buttonRef {
	t.Helper()
	var b *buttonRef
	for _, o := range e.u.win.Canvas().Overlays().List() {
		walkObjects(o, func(x any) {
			if btn, ok := x.(*buttonRef); ok && strings.Contains(btn.Text, "Borrar todo") {
				b = btn
			}
		})
	}
	require.NotNil(t, b)
	return b
}
