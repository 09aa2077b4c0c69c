package settings

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
)

func newScreen(t *testing.T, l i18n.Lang) (*testdouble.UI, *Screen) {
	e := testdouble.New(t, l)
	s := New(e)
	e.Show(ui.Settings, s)
	e.Update(ui.Settings)
	return e, s
}

func TestSettingsSaved(t *testing.T) {
	e, s := newScreen(t, i18n.English)
	assert.Equal(t, "5", s.threshold.Text)

	// A threshold that is not a number is refused and nothing is saved.
	s.threshold.SetText("many")
	test.Tap(s.save)
	assert.Equal(t, "The small-cell threshold must be a number from 1 to 100.", s.msg.Text)
	s.ssid.SetText("not saved either")
	test.Tap(s.save)
	got, err := e.St.Setting(e.Ctx, taller.SettingWiFiSSID, "")
	require.NoError(t, err)
	assert.Empty(t, got, "nothing is saved while one setting is refused")
	s.ssid.SetText("")

	// Enter in a field saves.
	test.Type(s.ssid, "Hotspot del taller")
	s.password.SetText("clave")
	s.threshold.SetText("3")
	s.threshold.TypedKey(&testdouble.KeyReturn)
	assert.Equal(t, "Settings saved.", s.msg.Text)
	// The message reads on one line beside the button, not a letter a
	// line with the button stretched down the window.
	assert.Greater(t, s.msg.Size().Width, float32(300))
	assert.Less(t, s.save.Size().Height, float32(60))
	for key, want := range map[string]string{
		taller.SettingWiFiSSID: "Hotspot del taller", taller.SettingWiFiPass: "clave", taller.SettingThreshold: "3",
	} {
		got, err := e.St.Setting(e.Ctx, key, "")
		require.NoError(t, err)
		assert.Equal(t, want, got, key)
	}
}

func TestWipeNeedsTheTypedWord(t *testing.T) {
	// Given the Settings screen,
	e, s := newScreen(t, i18n.Spanish)
	e.App.Settings().SetTheme(ui.NewTheme(theme.DefaultTheme()))
	e.Win.Resize(fyne.NewSize(1024, 600))

	// when the facilitator asks to delete everything, the button stays off
	// until the word is typed,
	s.confirmWipe()
	require.NotNil(t, e.Dialogs().Top())
	testdouble.AssertTranslated(t, "wipe", testdouble.CanvasTexts(e.Win.Canvas()))
	typed := testdouble.FindEntry(t, e.Win)
	// The typed word's box sits above the buttons, not over them.
	entryAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(typed)
	button := testdouble.FindButton(t, e.Win, "Borrar todo")
	assert.LessOrEqual(t, entryAt.Y+typed.Size().Height, fyne.CurrentApp().Driver().AbsolutePositionForObject(button).Y)
	test.Type(typed, "borra")
	assert.True(t, testdouble.FindButton(t, e.Win, "Borrar todo").Disabled())
	typed.TypedKey(&testdouble.KeyReturn)
	assert.Zero(t, e.Wipes, "Enter without the word deletes nothing")
	test.Type(typed, "r")
	require.False(t, testdouble.FindButton(t, e.Win, "Borrar todo").Disabled())

	// then with it typed and Enter pressed, the app is asked to delete the
	// data (the app owns the store: see the app's TestWipeData) and a
	// message says it is done.
	typed.TypedKey(&testdouble.KeyReturn)
	assert.Equal(t, 1, e.Wipes)
	require.NotNil(t, e.Dialogs().Top(), "a message says it is done")
	e.Dialogs().Escape()
	assert.Nil(t, e.Dialogs().Top())
}

func TestAboutAndLanguage(t *testing.T) {
	e, s := newScreen(t, i18n.Spanish)
	ShowAbout(e)
	require.NotNil(t, e.Dialogs().Top())
	testdouble.AssertTranslated(t, "about", testdouble.CanvasTexts(e.Win.Canvas()))
	e.Dialogs().Escape()
	s.language.SetSelected("English")
	assert.Equal(t, []i18n.Lang{i18n.English}, e.Langs)
}
