package export

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/app/testdouble"
	"taller/app/ui"
	"taller/i18n"
	"taller/report"
)

func TestExportToFileAndOutbox(t *testing.T) {
	// Given a workshop with answers, not exported yet,
	e := testdouble.New(t, i18n.English)
	s := New(e)
	e.Show(ui.Export, s)
	w := e.Workshop("Export me")
	e.Answers(w)
	e.ChooseWorkshop(w.ID)
	require.Contains(t, s.checks, w.ID)
	assert.True(t, s.checks[w.ID].Checked, "the chosen workshop with new data is ticked")
	assert.True(t, s.toOutbox.Disabled(), "no outbox folder is set yet")
	progress := 0.0
	s.done = func() { progress = s.progress.Value }

	// when the facilitator exports it to a file,
	path := filepath.Join(t.TempDir(), "export.xlsx")
	s.exportTo(path)

	// then the workbook is written with the workshop's figures, the bar is
	// full, and the workshop no longer shows as not exported.
	assert.Equal(t, 1.0, progress)
	assert.Contains(t, s.status.Text, "1 workshop exported")
	require.NotNil(t, e.Dialogs().Top(), "the result is said in a dialog, not only below the fold")
	e.Dialogs().Escape()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	assert.Contains(t, sheets, report.DataSheet)
	rows, err := f.GetRows(sheets[0])
	require.NoError(t, err)
	assert.Contains(t, flatten(rows), "9", "6 check-ins and 3 walk-ins")
	got, err := e.St.Workshop(e.Ctx, w.ID)
	require.NoError(t, err)
	assert.False(t, got.Changed())
	assert.False(t, s.checks[w.ID].Checked)

	// When an outbox folder is set in Settings and the workshop is sent
	// there,
	outbox := filepath.Join(t.TempDir(), "outbox")
	require.NoError(t, e.St.SetSetting(e.Ctx, taller.SettingOutbox, outbox))
	e.Update(ui.Export)
	s.checks[w.ID].SetChecked(true)
	require.False(t, s.toOutbox.Disabled())
	test.Tap(s.toOutbox)

	// then it lands there under its stable name.
	_, err = os.Stat(report.OutboxPath(outbox, got))
	require.NoError(t, err)

	// Merging the folder with the first export gives one workshop, counted
	// once.
	require.NoError(t, os.Rename(path, filepath.Join(outbox, "copy.xlsx")))
	s.useFolder(outbox)
	assert.Len(t, s.files, 2)
	merged := filepath.Join(t.TempDir(), "merged.xlsx")
	s.mergeTo(merged)
	_, err = os.Stat(merged)
	require.NoError(t, err)
	assert.NotEmpty(t, s.mergeResult.Objects)
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func TestExportAndMergeTraps(t *testing.T) {
	e := testdouble.New(t, i18n.Spanish)
	s := New(e)
	e.Show(ui.Export, s)
	w := e.Workshop("Trampas")
	e.Answers(w)
	e.ChooseWorkshop(w.ID)

	// An export with comments is proposed under another name.
	plain := s.fileName([]string{w.ID})
	s.comments.SetChecked(true)
	withComments := s.fileName([]string{w.ID})
	assert.NotEqual(t, plain, withComments)
	assert.Contains(t, withComments, "con-comentarios")
	s.comments.SetChecked(false)

	// "Tick the not exported" says what it did, also when nothing is left.
	s.selectPending()
	assert.Contains(t, s.status.Text, "1 taller marcado")
	s.exportTo(filepath.Join(t.TempDir(), "a.xlsx"))
	e.Dialogs().Escape()
	assert.False(t, s.progress.Visible(), "no full bar left behind")
	e.Update(ui.Export)
	s.selectPending()
	assert.Equal(t, "No queda ningún taller sin exportar.", s.status.Text)

	// The merge reads the folder when it runs: a file added after the
	// folder was chosen is merged, and the label says so.
	dir := t.TempDir()
	first := filepath.Join(dir, "uno.xlsx")
	_, err := report.ExportFile(e.Ctx, e.St, []string{w.ID}, first, report.ExportOptions{})
	require.NoError(t, err)
	s.useFolder(dir)
	assert.Contains(t, s.folderLabel.Text, "1 hoja de cálculo")
	second := e.Workshop("Otro")
	e.Answers(second)
	_, err = report.ExportFile(e.Ctx, e.St, []string{second.ID}, filepath.Join(dir, "dos.xlsx"), report.ExportOptions{})
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "unidos.xlsx")
	s.mergeTo(out)
	assert.Contains(t, s.folderLabel.Text, "2 hojas de cálculo")
	merged, err := report.Merge(e.Ctx, []string{out}, filepath.Join(t.TempDir(), "again.xlsx"), report.MergeOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, merged.Workshops, "both exports were merged")

	// A refused merge leaves no file behind.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "roto.xlsx"), []byte("not a workbook"), 0o600))
	refusedOut := filepath.Join(t.TempDir(), "nada.xlsx")
	s.mergeTo(refusedOut)
	_, err = os.Stat(refusedOut)
	assert.True(t, os.IsNotExist(err), "nothing written")
	assert.NotEmpty(t, s.mergeResult.Objects, "the refusal is listed")
}
