package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
	"taller/report"
)

// mergeLines are the texts of the merge's result list.
func mergeLines(s *Screen) []string {
	var out []string
	for _, o := range s.mergeResult.Objects {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestOutboxEncryptedAndMergeVerified(t *testing.T) {
	// given a coordinator key in Settings and an outbox folder
	e := testdouble.New(t, i18n.English)
	s := New(e)
	e.Show(ui.Export, s)
	w := e.Workshop("Encrypted")
	e.Answers(w)
	id, err := age.GenerateX25519Identity()
	require.NoError(t, err)
	require.NoError(t, e.St.SetSetting(e.Ctx, taller.SettingCoordinatorKey, id.Recipient().String()))
	outbox := filepath.Join(t.TempDir(), "outbox")
	require.NoError(t, e.St.SetSetting(e.Ctx, taller.SettingOutbox, outbox))
	e.ChooseWorkshop(w.ID)

	// when the workshop is sent to the outbox
	s.checks[w.ID].SetChecked(true)
	s.exportToOutbox()

	// then only an encrypted file is there, and the dialog says so
	entries, err := os.ReadDir(outbox)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.True(t, strings.HasSuffix(entries[0].Name(), ".xlsx.age"), entries[0].Name())
	assert.Contains(t, s.status.Text, "encrypted for the coordinator")
	e.Dialogs().Escape()

	// when the coordinator merges the folder without the identity file,
	// the encrypted file is listed and refused
	s.skipBad.SetChecked(true)
	s.useFolder(outbox)
	assert.Len(t, s.files, 1, "the .xlsx.age file is one of the exports")
	out := filepath.Join(t.TempDir(), "merged.xlsx")
	s.mergeTo(out)
	assert.Contains(t, strings.Join(mergeLines(s), "\n"), "encrypted")

	// and with it, and a trust list naming this laptop, the file is
	// accepted and its signer named
	dir := t.TempDir()
	s.trust.identityPath = filepath.Join(dir, "coordinator.key")
	require.NoError(t, os.WriteFile(s.trust.identityPath, []byte(id.String()+"\n"), 0o600))
	fp, err := e.St.Fingerprint()
	require.NoError(t, err)
	s.trust.trustPath = filepath.Join(dir, "trust.txt")
	require.NoError(t, os.WriteFile(s.trust.trustPath, []byte(fp+" # laptop de Ana\n"), 0o600))
	s.showMergeTrust()
	assert.Contains(t, s.trust.trustLabel.Text, "trust.txt")
	s.mergeTo(out)
	lines := strings.Join(mergeLines(s), "\n")
	assert.Contains(t, lines, "signed by "+fp+" (laptop de Ana)")
	merged, err := report.Merge(e.Ctx, []string{out}, filepath.Join(t.TempDir(), "again.xlsx"), report.MergeOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, merged.Workshops)

	// and a trust list without it refuses the file
	require.NoError(t, os.WriteFile(s.trust.trustPath, []byte("K7QX-M3TA-PL2D-WQ5R-HN4C-ZE6B\n"), 0o600))
	s.mergeTo(filepath.Join(t.TempDir(), "none.xlsx"))
	assert.Contains(t, strings.Join(mergeLines(s), "\n"), "not on the trust list")
}

func TestBadTrustListIsSaid(t *testing.T) {
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Export, s)
	w := e.Workshop("Lista")
	e.Answers(w)
	dir := t.TempDir()
	_, err := report.ExportFile(e.Ctx, e.St, []string{w.ID}, filepath.Join(dir, "a.xlsx"), report.ExportOptions{})
	require.NoError(t, err)
	s.useFolder(dir)
	s.trust.trustPath = filepath.Join(t.TempDir(), "lista.txt")
	require.NoError(t, os.WriteFile(s.trust.trustPath, []byte("esto no es una huella\n"), 0o600))
	out := filepath.Join(t.TempDir(), "x.xlsx")
	s.mergeTo(out)
	require.NotNil(t, e.Dialogs().Top(), "the list's problem is said")
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
}
