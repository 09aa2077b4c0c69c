package settings

import (
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestFingerprintAndCoordinatorKey(t *testing.T) {
	// given this laptop's store
	e, s := newScreen(t, i18n.Spanish)

	// then Settings shows the fingerprint its exports are signed with
	fp, err := e.St.Fingerprint()
	require.NoError(t, err)
	assert.Equal(t, fp, s.trust.fingerprint.Text)
	assert.Regexp(t, `^[A-Z0-9]{4}(-[A-Z0-9]{4})+$`, s.trust.fingerprint.Text, "in groups, to read aloud")

	// when something that is not a public key is pasted, it is said by
	// the field and nothing is stored
	s.trust.key.SetText("no es una clave")
	test.Tap(s.trust.save)
	assert.True(t, s.trust.keyMsg.Visible())
	assert.Contains(t, s.trust.keyMsg.Text, "age1")
	got, err := e.St.Setting(e.Ctx, taller.SettingCoordinatorKey, "")
	require.NoError(t, err)
	assert.Empty(t, got)

	// and the coordinator's secret identity is refused with a warning
	id, err := age.GenerateX25519Identity()
	require.NoError(t, err)
	s.trust.key.SetText(id.String())
	test.Tap(s.trust.save)
	assert.Equal(t, i18n.T(i18n.Spanish, "trust.err.coordinator_secret"), s.trust.keyMsg.Text)

	// when the public key is pasted, with spaces around it, it is stored
	s.trust.key.SetText("  " + id.Recipient().String() + " ")
	test.Tap(s.trust.save)
	got, err = e.St.Setting(e.Ctx, taller.SettingCoordinatorKey, "")
	require.NoError(t, err)
	assert.Equal(t, id.Recipient().String(), got)
	assert.Equal(t, id.Recipient().String(), s.trust.key.Text)

	// and shown again when the screen is read anew
	s.trust.key.SetText("")
	e.Update("settings")
	assert.Equal(t, id.Recipient().String(), s.trust.key.Text)
}
