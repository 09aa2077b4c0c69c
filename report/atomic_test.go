package report

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteAtomicShowsNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "taller-2024-06-10-sv-san-vicente-12345678.xlsx")
	require.NoError(t, os.WriteFile(path, []byte("the previous export"), 0o600))

	// While the new file is being written, the folder holds the old export
	// and a temporary file whose name no one takes for a workbook.
	boom := errors.New("disk full")
	err := writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write([]byte("PK\x03\x04 half a workbook"))
		require.NoError(t, err)
		during := names(t, dir)
		require.Len(t, during, 2)
		for _, n := range during {
			if n == filepath.Base(path) {
				continue
			}
			assert.True(t, strings.HasPrefix(n, ".~taller-"), "hidden and skipped by sync clients: %s", n)
			assert.True(t, strings.HasSuffix(n, ".tmp"), "never .xlsx: %s", n)
		}
		return boom
	})
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []string{filepath.Base(path)}, names(t, dir), "the temporary file is gone")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the previous export", string(data), "a failed write leaves the old file whole")

	require.NoError(t, writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write([]byte("the new export"))
		return err
	}))
	assert.Equal(t, []string{filepath.Base(path)}, names(t, dir))
	data, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "the new export", string(data))

	missing := filepath.Join(dir, "no-such-folder", "x.xlsx")
	err = writeAtomic(missing, func(io.Writer) error { return nil })
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))
	assert.True(t, strings.HasPrefix(taller.Message(i18n.English, err), "Could not write "+missing+" ("),
		taller.Message(i18n.English, err))
}

func TestExportToOutbox(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	outbox := t.TempDir()
	path := OutboxPath(outbox, fx.a)
	for range 2 {
		res, err := ExportFile(ctx, fx.st, []string{fx.a.ID}, path, ExportOptions{Lang: i18n.English})
		require.NoError(t, err)
		assert.Equal(t, path, res.Path)
	}
	assert.Equal(t, []string{OutboxName(fx.a)}, names(t, outbox), "a new export replaces the last one, nothing else is left")
	assert.Equal(t, []string{"El Salvador", "1", "13", "10", "2", "0", "1"}, summaryRows(t, path)[1])
	w, err := fx.st.Workshop(ctx, fx.a.ID)
	require.NoError(t, err)
	assert.False(t, w.Changed())

	// A leftover temporary file (as a crash would leave) is not an export.
	leftover := filepath.Join(outbox, ".~taller-123.tmp")
	require.NoError(t, os.WriteFile(leftover, []byte("PK\x03\x04"), 0o600))
	_, err = readBook(leftover)
	var ref *refusal
	require.ErrorAs(t, err, &ref)
	assert.Equal(t, RefuseUnreadable, ref.code)
}
