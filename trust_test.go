package taller_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func TestFingerprintReadsOverThePhone(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	fp := taller.Fingerprint(pub)
	assert.Regexp(t, `^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$`, fp, "six groups of four, no 0, 1, 8 or 9")
	assert.Equal(t, fp, taller.Fingerprint(pub), "stable")

	other, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	assert.NotEqual(t, fp, taller.Fingerprint(other))

	for _, typed := range []string{fp, strings.ToLower(fp), strings.ReplaceAll(fp, "-", ""), strings.ReplaceAll(fp, "-", " ")} {
		got, ok := taller.NormalizeFingerprint(typed)
		require.True(t, ok, typed)
		assert.Equal(t, fp, got)
	}
	for _, bad := range []string{"", fp[:len(fp)-1], fp + "A", strings.Replace(fp, fp[:1], "0", 1), "age1xyz"} {
		_, ok := taller.NormalizeFingerprint(bad)
		assert.False(t, ok, bad)
	}
}

func TestParseTrustList(t *testing.T) {
	var fps []string
	for range 2 {
		pub, _, err := ed25519.GenerateKey(rand.Reader)
		require.NoError(t, err)
		fps = append(fps, taller.Fingerprint(pub))
	}
	list, err := taller.ParseTrustList(strings.NewReader("\uFEFF# El Salvador\n" + fps[0] + "   # laptop de Ana\r\n\n  " +
		strings.ToLower(strings.ReplaceAll(fps[1], "-", "")) + "\n"))
	require.NoError(t, err)
	assert.Equal(t, 2, list.Len())
	assert.True(t, list.Trusts(fps[0]))
	assert.True(t, list.Trusts(fps[1]), "typed in lower case without dashes")
	assert.Equal(t, "laptop de Ana", list.Name(fps[0]))
	assert.False(t, list.Trusts("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"))

	_, err = taller.ParseTrustList(strings.NewReader(fps[0] + "\nnot a fingerprint # oops\n"))
	require.Error(t, err)
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.Equal(t, "Line 2 of the trust list is not a fingerprint: “not a fingerprint”. Write one fingerprint a line (such as K7QX-M3TA-PL2D-WQ5R-HN4C-ZE6B), with an optional comment after #.",
		taller.Message(i18n.English, err))
	_, err = taller.ParseTrustList(strings.NewReader("# nobody yet\n\n"))
	assert.Equal(t, "The trust list holds no fingerprint. Write one laptop fingerprint a line, as “taller identity” shows it.",
		taller.Message(i18n.English, err))
	_, err = taller.ParseTrustList(strings.NewReader(strings.Repeat("# padding\n", taller.MaxTrustListBytes/10+1)))
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
}

func TestCoordinatorKeySetting(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	require.NoError(t, err)
	pub := id.Recipient().String()
	got, err := taller.NormalizeSetting(taller.SettingCoordinatorKey, "  "+pub+"\n")
	require.NoError(t, err)
	assert.Equal(t, pub, got)
	got, err = taller.NormalizeSetting(taller.SettingCoordinatorKey, " ")
	require.NoError(t, err)
	assert.Empty(t, got, "an empty value clears it")

	_, err = taller.NormalizeSetting(taller.SettingCoordinatorKey, pub[:len(pub)-2])
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	_, err = taller.NormalizeSetting(taller.SettingCoordinatorKey, id.String())
	msg := taller.Message(i18n.English, err)
	assert.Contains(t, msg, "secret identity")
	assert.NotContains(t, msg, id.String()[:20], "a pasted secret is never echoed")
	assert.Contains(t, taller.Settings, taller.SettingCoordinatorKey)
}
