package report

import (
	"context"
	"crypto/ed25519"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
	"taller/store"
)

// forge edits the records of a copy of src's data sheet and signs them and
// the file again with key, as someone with a Taller laptop of their own
// could; the visible sheets are left as they are.
func forge(t *testing.T, src string, key ed25519.PrivateKey, edit func(recs []*record)) string {
	t.Helper()
	return editData(t, src, func(f *excelize.File) {
		b, err := readDataSheet(xlsxOf(t, f))
		require.NoError(t, err)
		edit(b.Records)
		for i, r := range b.Records {
			signRecord(key, r)
			row := headerRows + 1 + i
			require.Less(t, len(r.json), chunkChars)
			setCell(t, f, cell(1, row), r.Agg.Workshop.ID)
			setCell(t, f, cell(2, row), r.at)
			setCell(t, f, cell(3, row), encodeKey(r.Signer))
			setCell(t, f, cell(4, row), encodeSig(r.Sig))
			setCell(t, f, cell(recordCols+1, row), r.json)
		}
		signBook(key, b)
		setCell(t, f, "B7", encodeKey(b.Signer))
		setCell(t, f, "B8", encodeSig(b.Signature))
	})
}

// laptop is one facilitator's machine: its own data folder, store and key.
type laptop struct {
	st  *store.Store
	fp  string
	now time.Time // its clock, as set
}

func newLaptop(t *testing.T) *laptop {
	t.Helper()
	st := openStore(t)
	key, err := st.SigningKey()
	require.NoError(t, err)
	return &laptop{st: st, fp: taller.Fingerprint(key.Public().(ed25519.PublicKey)), now: time.Now()}
}

// export writes the laptop's workshops to a new file with its clock.
func (l *laptop) export(t *testing.T, ids ...string) string {
	t.Helper()
	return exportTo(t, l.st, ids, ExportOptions{Lang: i18n.English, Now: func() time.Time { return l.now }})
}

func trustList(t *testing.T, fps ...string) *taller.TrustList {
	t.Helper()
	list, err := taller.ParseTrustList(strings.NewReader(strings.Join(fps, " # a laptop\n") + "\n"))
	require.NoError(t, err)
	return list
}

func TestResignedForgeryIsNamedAndRefusedUnderATrustList(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English})
	// 230 women instead of 10, signed by a laptop of the forger's own.
	forger := oneTimeKey()
	forged := forge(t, good, forger, func(recs []*record) {
		require.Contains(t, recs[0].json, `"female":10`)
		recs[0].json = strings.Replace(recs[0].json, `"female":10`, `"female":230`, 1)
	})
	forgerFP := taller.Fingerprint(forger.Public().(ed25519.PublicKey))

	// With a trust list of the real laptop it is refused by name, and
	// nothing is written.
	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(context.Background(), []string{good, forged}, out, MergeOptions{Lang: i18n.English, Trust: trustList(t, fx.signer(t))})
	require.Error(t, err)
	require.Len(t, res.Refused, 1)
	assert.Equal(t, forged, res.Refused[0].File)
	assert.Equal(t, RefuseUntrusted, res.Refused[0].Code)
	assert.Equal(t, "it is signed by the laptop "+forgerFP+", which is not on the trust list", res.Refused[0].Reason)
	assert.NoFileExists(t, out)
	assertNoTempFiles(t, filepath.Dir(out))

	// Without a list the signatures are valid, so the file alone is
	// accepted — and its signer named, in the result and beside each
	// workshop, for the coordinator to recognise or not.
	res, err = Merge(context.Background(), []string{forged}, out, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	assert.Equal(t, []string{forgerFP}, res.SignedBy)
	assert.Equal(t, []string{forgerFP}, res.Signers)
	_, rows := sheets(t, out)
	assert.Equal(t, forgerFP, rows["Workshops"][1][20], "the consolidated workbook names the signer per workshop")
	// Beside the real export, the same workshop signed by two laptops is
	// refused.
	res, err = Merge(context.Background(), []string{good, forged}, out+".1", MergeOptions{Lang: i18n.English})
	require.Error(t, err)
	assert.Equal(t, RefuseConflict, res.Refused[0].Code)

	consistent := forgeConsistent(t, fx, forger)
	res, err = Merge(context.Background(), []string{consistent}, out+".2", MergeOptions{Lang: i18n.English, Trust: trustList(t, fx.signer(t))})
	require.Error(t, err)
	assert.Equal(t, RefuseUntrusted, res.Refused[0].Code)
}

// forgeConsistent is an export of the fixture made with another key: what a
// forger with Taller and a copy of the data could produce.
func forgeConsistent(t *testing.T, fx *fixture, key ed25519.PrivateKey) string {
	t.Helper()
	return exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English, Key: key})
}

func TestFileSignedAgainWithoutTheRecordsIsRefused(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English})
	// The figures changed and the file signed again, but the workshop's
	// record keeps the laptop's signature, which no longer matches.
	forged := editData(t, good, func(f *excelize.File) {
		b, err := readDataSheet(xlsxOf(t, f))
		require.NoError(t, err)
		r := b.Records[0]
		r.json = strings.Replace(r.json, `"female":10`, `"female":230`, 1)
		setCell(t, f, cell(recordCols+1, headerRows+1), r.json)
		signBook(oneTimeKey(), b)
		setCell(t, f, "B7", encodeKey(b.Signer))
		setCell(t, f, "B8", encodeSig(b.Signature))
	})
	_, err := readBook(forged)
	var ref *refusal
	require.ErrorAs(t, err, &ref)
	assert.Equal(t, RefuseTampered, ref.code)
}

func TestTrustListAndSignersOfTwoLaptops(t *testing.T) {
	ana, ben := newLaptop(t), newLaptop(t)
	a := addWorkshop(t, ana.st, &taller.Workshop{Country: "SV", Locality: "San Vicente", Date: "2024-06-10"})
	b := addWorkshop(t, ben.st, &taller.Workshop{Country: "HN", Locality: "Choloma", Date: "2024-06-12"})
	checkIns(t, ana.st, a.ID, 6, taller.Female, "18-29", "community")
	checkIns(t, ben.st, b.ID, 7, taller.Male, "30-44", "community")
	fa, fb := ana.export(t, a.ID), ben.export(t, b.ID)

	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(context.Background(), []string{fa, fb}, out, MergeOptions{Lang: i18n.English, Trust: trustList(t, ana.fp, ben.fp)})
	require.NoError(t, err)
	assert.Equal(t, []string{ana.fp, ben.fp}, res.SignedBy)
	assert.ElementsMatch(t, []string{ana.fp, ben.fp}, res.Signers)
	_, rows := sheets(t, out)
	assert.Equal(t, ana.fp, rows["Workshops"][1][20])
	assert.Equal(t, ben.fp, rows["Workshops"][2][20])
	assert.Equal(t, []string{"Files", "2"}, rows["Summary"][3])
	assert.Equal(t, []string{"Signed by", "2 laptops (each workshop's is in the Workshops sheet)"}, rows["Summary"][4])

	// Ben's laptop is not on the list: his file is refused, Ana's merged
	// with --skip-bad.
	res, err = Merge(context.Background(), []string{fa, fb}, out, MergeOptions{Lang: i18n.English, Trust: trustList(t, ana.fp), SkipBad: true})
	require.NoError(t, err)
	require.Len(t, res.Refused, 1)
	assert.Equal(t, fb, res.Refused[0].File)
	assert.Equal(t, RefuseUntrusted, res.Refused[0].Code)
	assert.Equal(t, 1, res.Workshops)

	// A merged file is written by the coordinator's laptop: remerging it
	// under a list needs the coordinator there too.
	coordinator := oneTimeKey()
	coordFP := taller.Fingerprint(coordinator.Public().(ed25519.PublicKey))
	merged := filepath.Join(t.TempDir(), "merged.xlsx")
	_, err = Merge(context.Background(), []string{fa, fb}, merged, MergeOptions{Key: coordinator})
	require.NoError(t, err)
	res, err = Merge(context.Background(), []string{merged}, out, MergeOptions{Lang: i18n.English, Trust: trustList(t, ana.fp, ben.fp)})
	require.Error(t, err)
	assert.Contains(t, res.Refused[0].Reason, coordFP)
	res, err = Merge(context.Background(), []string{merged}, out, MergeOptions{Trust: trustList(t, ana.fp, ben.fp, coordFP)})
	require.NoError(t, err)
	assert.Equal(t, []string{coordFP}, res.SignedBy)
	assert.ElementsMatch(t, []string{ana.fp, ben.fp}, res.Signers, "each workshop keeps its own laptop's signature")
}

// The later export wins by its release number (the order in which the
// laptop's store released the workshop), whatever the clocks say. (The
// issue asked for the store's revision; the release number orders the same
// exports the same way, and better at equal revisions, without telling how
// many submissions the workshop had: see newer.)
func TestHigherRevisionWinsWhateverTheClocksSay(t *testing.T) {
	l := newLaptop(t)
	w := addWorkshop(t, l.st, &taller.Workshop{Country: "SV", Locality: "San Vicente", Date: "2024-06-10"})
	checkIns(t, l.st, w.ID, 6, taller.Female, "18-29", "community")
	first := l.export(t, w.ID)

	// Later, three more people; the laptop's clock has been set back a
	// year (a dead clock battery, a wrong time zone).
	checkIns(t, l.st, w.ID, 3, taller.Male, "30-44", "community")
	l.now = l.now.AddDate(-1, 0, 0)
	second := l.export(t, w.ID)

	for _, order := range [][]string{{first, second}, {second, first}} {
		out := filepath.Join(t.TempDir(), "merged.xlsx")
		res, err := Merge(context.Background(), order, out, MergeOptions{Lang: i18n.English})
		require.NoError(t, err)
		s := summaryRows(t, out)
		assert.Equal(t, []string{"El Salvador", "1", "9", "6", "3", "0", "0"}, s[1], "the later release counts, not the later clock")
		require.Len(t, res.Duplicates, 1)
		assert.Contains(t, res.Duplicates[0], "the later export in "+second+" wins over "+first)
	}
}

func TestWorkshopSignedByTwoLaptopsIsRefused(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English})
	other := forgeConsistent(t, fx, oneTimeKey())
	out := filepath.Join(t.TempDir(), "merged.xlsx")
	res, err := Merge(context.Background(), []string{good, other}, out, MergeOptions{Lang: i18n.English})
	require.Error(t, err)
	require.Len(t, res.Refused, 1)
	assert.Equal(t, other, res.Refused[0].File)
	assert.Equal(t, RefuseConflict, res.Refused[0].Code)
	assert.Contains(t, res.Refused[0].Reason, "but in "+good+" by "+fx.signer(t))
	assert.NoFileExists(t, out)
}

func TestEveryVisibleSheetIsChecked(t *testing.T) {
	fx := newFixture(t)
	good := exportTo(t, fx.st, fx.ids(), ExportOptions{Lang: i18n.English, IncludeComments: true})
	for _, tc := range []struct {
		sheet, ref, value string
	}{
		{"Workshops", "C2", "Apopa"},
		{"Workshops", "F3", "6"},
		{"Demographics", "B4", "7"},
		{"Evaluation", "B2", "30"},
		{"Comments", "D2", "Muy útil"},
		{"Workshops", "V2", "an extra cell"},
		// What disclosure control shows is signed like any figure: a
		// "<5" turned into a number, and the Notes sheet's words.
		{"Workshops", "K2", "3"},
		{"Demographics", "B3", "2"},
		{"Notes", "A2", "Nothing was held back."},
		{"Notes", "A12", "an extra note"},
	} {
		edited := editData(t, good, func(f *excelize.File) {
			require.NoError(t, f.SetCellValue(tc.sheet, tc.ref, tc.value))
		})
		_, err := readBook(edited)
		var ref *refusal
		require.ErrorAs(t, err, &ref, "%s!%s", tc.sheet, tc.ref)
		assert.Equal(t, RefuseEdited, ref.code)
		assert.Equal(t, tc.sheet, ref.args["Sheet"])
		assert.Equal(t, tc.ref, ref.args["Cell"])
	}
	// Opening and saving without a change keeps the file mergeable.
	resaved := editData(t, good, func(*excelize.File) {})
	_, err := readBook(resaved)
	require.NoError(t, err)
}

// assertNoTempFiles checks a refused merge left nothing behind in dir.
func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".~taller-*"))
	require.NoError(t, err)
	assert.Empty(t, left)
}

// xlsxOf is an open excelize workbook as the merge reads it.
func xlsxOf(t *testing.T, f *excelize.File) *xlsxFile {
	t.Helper()
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	x, err := openXLSX(buf.Bytes())
	require.NoError(t, err)
	return x
}
