package report

import (
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// forge edits the records of a copy of src's data sheet and signs them and
// the file again with key, as someone with a Taller laptop of their own
// could; the visible sheets are left as they are.
func forge(t *testing.T, src string, key ed25519.PrivateKey, edit func(recs []*record)) string {
	t.Helper()
	return editData(t, src, func(f *excelize.File) {
		b, err := readDataSheet(f)
		require.NoError(t, err)
		edit(b.Records)
		for i, r := range b.Records {
			signRecord(key, r)
			row := headerRows + 1 + i
			require.Less(t, len(r.json), chunkChars)
			setCell(t, f, cell(1, row), r.Agg.Workshop.ID)
			setCell(t, f, cell(2, row), r.at)
			setCell(t, f, cell(3, row), r.rev)
			setCell(t, f, cell(4, row), encodeKey(r.Signer))
			setCell(t, f, cell(5, row), encodeSig(r.Sig))
			setCell(t, f, cell(recordCols+1, row), r.json)
		}
		signBook(key, b)
		setCell(t, f, "B7", encodeKey(b.Signer))
		setCell(t, f, "B8", encodeSig(b.Signature))
	})
}
