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
