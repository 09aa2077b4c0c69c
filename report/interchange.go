package report

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"taller"
)

// SchemaVersion is the version of the hidden data sheet this Taller writes,
// and the only one it reads. Raise it when the sheet's layout or the
// meaning of its JSON changes; older Taller versions then refuse the new
// files instead of misreading them, and this one refuses older files.
//
// Version 4 carries each workshop's release (taller.Disclose), signed:
// each workshop's record with the key of the laptop that exported it, and
// the file (header, records, visible cells) with the key of whoever wrote
// it. Figures held back are listed, cross-tab columns are lists of
// protected parts, times are dates, and the release number orders exports
// of one workshop instead of the laptops' clocks (see newer).
//
// Version 3 was never released: two branches each called their format 3,
// one with releases and dates under an unkeyed SHA-256, the other signed
// with the store's revision and exact figures; version 4 is both, without
// the revision (it counts the workshop's submissions, withheld ones too).
// Version 2 suppressed the cross-tabs at the source under an unkeyed
// SHA-256: a workshop's record carried its threshold k and no cross-tab
// count from 1 to k-1, every other figure exact. Version 1, never
// released, carried the cross-tabs exact.
const SchemaVersion = 4

// DataSheet is the name of the hidden sheet that carries the machine-readable
// copy of an export. It is never translated.
const DataSheet = "_taller"

// The hidden sheet's layout: a header block of key/value rows, a column
// header row, one row per workshop, then one row per visible sheet:
//
//	A              B                    C        D          E       F…
//	taller-export  4                                                    (marker, SchemaVersion)
//	export_id      <uuid>
//	exported_at    <date, UTC>
//	generator      Taller <version>                                     (informative, not signed)
//	workshops      <n>
//	sheets         <m>
//	signer         <base64 Ed25519 public key of the file's writer>
//	signature      <base64 signature of the file>
//	workshop_id    exported_at          signer   signature  chunks  aggregates_json
//	<id>           <date read>          <key>    <sig>      <c>     <JSON, in c cells>
//	sheet          <visible sheet name> <c>      <JSON of its cells, in c cells>
//
// The JSON of a workshop is its release (taller.Disclose) in the shape of
// taller.Aggregates (wireAggregates, see release.go): the headline by gender
// exact, every other figure as released (withheld ones zero and listed in
// "held"), the cross-tab columns as protected parts, the threshold k and
// the release number ("release"), which orders exports of the workshop.
// Never the exact figures, never a time of day, never the store's
// revision. The JSON of a sheet is its rows of cell values (sign_sheets.go). JSON is
// written in ASCII only (every other character escaped as \uXXXX) and cut
// into cells of at most chunkChars characters, below Excel's limit of
// 32,767 characters a cell. A merge copies each workshop's record as it
// was exported, with its signature: it never sums workshops into the
// sheet, so it never has to record a sum it does not know. See sign.go for
// what the signatures cover.
const (
	marker     = "taller-export"
	headerRows = 9
	chunkChars = 32000
	// recordCols is the number of cells of a workshop row before its JSON.
	recordCols = 5
	sheetTag   = "sheet"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	maxFileBytes   = 256 << 20 // the .xlsx itself
	maxUnzipBytes  = 1 << 30   // everything inside it
	maxWorkshops   = 100000    // rows of the hidden sheet
	maxChunks      = 64        // cells of one workshop's JSON (about 2 MB)
	maxSheets      = 16        // visible sheets
	maxSheetChunks = 8192      // cells of one visible sheet's JSON (about 256 MB)
)

// record is one workshop in an export: its release, the date it was read
// from the facilitator's data, and the signature of the laptop that did.
// A merge keeps, for each workshop, the record with the highest release
// number (newer).
type record struct {
	// Agg holds the workshop's released figures, except the cross-tabs:
	// its AgeByGender and RoleByGender are empty, and tabs has them as the
	// hidden sheet tells them, small counts withheld.
	Agg        *taller.Aggregates
	tabs       *tabs
	ExportedAt time.Time
	// Signer and Sig are the exporting laptop's public key and its
	// signature of the record.
	Signer ed25519.PublicKey
	Sig    []byte
	at     string // ExportedAt as written in the sheet, the signed form
	json   string // the ASCII JSON of the record, the signed form
	k      int    // the threshold its release was made with
	seq    int    // its release number for the workshop
	held   []taller.HeldFigure
}

// book is the content of one export: what the hidden sheet carries and the
// visible sheets show.
type book struct {
	ExportID   string
	ExportedAt time.Time
	Records    []*record
	// Sheets are the visible sheets' cells as signed (filled by write, or
	// read from a file).
	Sheets []*sheetCells
	// Signer and Signature are the writer's public key and its signature
	// of the file.
	Signer    ed25519.PublicKey
	Signature []byte
	// Files is the number of files a merge was made from (0 for an
	// export); the Summary says it.
	Files int
}

// formatTime writes the export's date, never its time of day (see
// release.go): times that leave the laptop are coarse.
func formatTime(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// parseTime reads what formatTime wrote.
func parseTime(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

// asciiJSON escapes every non-ASCII character of JSON text as \uXXXX (with
// surrogate pairs above U+FFFF). Outside strings JSON is ASCII already, so
// the result means the same; being ASCII, one byte is one character in
// Excel's count, and no character can be one XML refuses.
func asciiJSON(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case r < utf8.RuneSelf:
			sb.WriteByte(byte(r))
		case r <= 0xFFFF:
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			r -= 0x10000
			fmt.Fprintf(&sb, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		}
	}
	return sb.String()
}

// chunks cuts s into pieces of at most chunkChars bytes (s is ASCII).
func chunks(s string) []string {
	out := make([]string, 0, len(s)/chunkChars+1)
	for len(s) > chunkChars {
		out = append(out, s[:chunkChars])
		s = s[chunkChars:]
	}
	return append(out, s)
}

// writeDataSheet writes the hidden sheet of a signed book; tick is called
// after each workshop.
func writeDataSheet(f *excelize.File, b *book, tick func()) error {
	if _, err := f.NewSheet(DataSheet); err != nil {
		return err
	}
	// The sheet is made very hidden by cleanWorkbook (excelize's
	// SetSheetVisible would parse every streamed sheet back into memory).
	sw, err := f.NewStreamWriter(DataSheet)
	if err != nil {
		return err
	}
	head := [][]any{
		{marker, strconv.Itoa(SchemaVersion)},
		{"export_id", b.ExportID},
		{"exported_at", formatTime(b.ExportedAt)},
		{"generator", "Taller " + taller.Version},
		{"workshops", strconv.Itoa(len(b.Records))},
		{"sheets", strconv.Itoa(len(b.Sheets))},
		{"signer", encodeKey(b.Signer)},
		{"signature", encodeSig(b.Signature)},
		{"workshop_id", "exported_at", "signer", "signature", "chunks", "aggregates_json"},
	}
	for i, row := range head {
		if err := sw.SetRow(cell(1, i+1), row); err != nil {
			return err
		}
	}
	rowNum := headerRows + 1
	for _, r := range b.Records {
		parts := chunks(r.json)
		row := make([]any, 0, recordCols+len(parts))
		row = append(row, r.Agg.Workshop.ID, r.at, encodeKey(r.Signer), encodeSig(r.Sig), strconv.Itoa(len(parts)))
		for _, p := range parts {
			row = append(row, p)
		}
		if err := sw.SetRow(cell(1, rowNum), row); err != nil {
			return err
		}
		rowNum++
		tick()
	}
	for _, s := range b.Sheets {
		parts := chunks(s.json)
		row := make([]any, 0, 3+len(parts))
		row = append(row, sheetTag, s.Name, strconv.Itoa(len(parts)))
		for _, p := range parts {
			row = append(row, p)
		}
		if err := sw.SetRow(cell(1, rowNum), row); err != nil {
			return err
		}
		rowNum++
	}
	return sw.Flush()
}

// RefusalCode says why a file was refused, for programs; Refusal.Reason
// says it to people.
type RefusalCode string

// The reasons a merge refuses a file.
const (
	RefuseMissing       RefusalCode = "missing"        // cannot be opened at all
	RefuseUnreadable    RefusalCode = "unreadable"     // not a readable .xlsx (corrupt, truncated, another format)
	RefuseForeign       RefusalCode = "foreign"        // a spreadsheet, but not a Taller export
	RefuseFuture        RefusalCode = "future"         // made by a newer Taller with a schema this one does not know
	RefuseOld           RefusalCode = "old"            // made by an earlier Taller with a schema this one no longer reads
	RefuseTampered      RefusalCode = "tampered"       // a signature does not verify: data changed after export, or forged
	RefuseDamaged       RefusalCode = "damaged"        // the data sheet is incomplete or holds impossible figures
	RefuseEdited        RefusalCode = "edited"         // a visible sheet differs from the signed data
	RefuseUntrusted     RefusalCode = "untrusted"      // signed by a laptop that is not on the trust list
	RefuseConflict      RefusalCode = "conflict"       // a workshop signed by another laptop than in an earlier file
	RefuseEncrypted     RefusalCode = "encrypted"      // encrypted, and no identity was given
	RefuseWrongIdentity RefusalCode = "wrong_identity" // encrypted for someone else
	RefuseBadEncryption RefusalCode = "bad_encryption" // an encrypted file that is damaged or cut short
)

// refusal is why readExport could not use a file; args fill the reason's
// text, and key, when set, chooses a text other than the code's own.
type refusal struct {
	code RefusalCode
	key  string
	args map[string]any
}

// Error names the reason's code, for logs; Merge translates it for people.
func (r *refusal) Error() string { return string(r.code) }

// textKey is the translation key of the reason.
func (r *refusal) textKey() string {
	if r.key != "" {
		return r.key
	}
	return "report.refuse." + string(r.code)
}

func refuse(code RefusalCode, kv ...any) *refusal {
	r := &refusal{code: code, args: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.args[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return r
}

// readBook reads and verifies a plain export with no trust list.
func readBook(path string) (*book, error) { return readExport(path, readOptions{}) }

// readExport opens an export (decrypting it when it is an age file),
// reads its hidden sheet, checks the signatures, the signers against the
// trust list, and the visible sheets against the signed cells, then
// decodes the records. Any problem is a *refusal.
func readExport(path string, o readOptions) (*book, error) {
	f, ref := openExport(path, o.identities)
	if ref != nil {
		return nil, ref
	}
	b, err := readDataSheet(f)
	if err != nil {
		return nil, err
	}
	if ref := verifySignatures(b); ref != nil {
		return nil, ref
	}
	if ref := checkTrust(b, o.trust); ref != nil {
		return nil, ref
	}
	if ref := compareSheets(f, b.Sheets); ref != nil {
		return nil, ref
	}
	if err := decodeRecords(b); err != nil {
		return nil, err
	}
	return b, nil
}

// readDataSheet reads the hidden sheet's fields without judging them.
func readDataSheet(x *xlsxFile) (*book, error) {
	if !x.has(DataSheet) {
		return nil, refuse(RefuseForeign)
	}
	rows, err := x.rows(DataSheet)
	if err != nil {
		return nil, refuse(RefuseUnreadable)
	}
	next := func() ([]string, bool) {
		if len(rows) == 0 {
			return nil, false
		}
		cols := rows[0]
		rows = rows[1:]
		return cols, true
	}
	get := func(cols []string, i int) string {
		if i < len(cols) {
			return cols[i]
		}
		return ""
	}

	// The marker and schema version first: a newer layout may differ in
	// everything after them.
	var head [headerRows][]string
	cols, ok := next()
	if !ok || get(cols, 0) != marker {
		return nil, refuse(RefuseForeign)
	}
	head[0] = cols
	v, err := strconv.Atoi(get(cols, 1))
	if err != nil || v < 1 {
		return nil, refuse(RefuseDamaged)
	}
	if v > SchemaVersion {
		return nil, refuse(RefuseFuture, "Found", v, "Known", SchemaVersion)
	}
	if v < SchemaVersion {
		return nil, refuse(RefuseOld, "Found", v, "Known", SchemaVersion)
	}
	for i := 1; i < headerRows; i++ {
		if head[i], ok = next(); !ok {
			return nil, refuse(RefuseDamaged)
		}
	}
	keys := []string{"export_id", "exported_at", "generator", "workshops", "sheets", "signer", "signature", "workshop_id"}
	for i, k := range keys {
		if get(head[i+1], 0) != k {
			return nil, refuse(RefuseDamaged)
		}
	}
	b := &book{ExportID: get(head[1], 1)}
	if b.ExportedAt, err = parseTime(get(head[2], 1)); err != nil || b.ExportID == "" ||
		formatTime(b.ExportedAt) != get(head[2], 1) {
		return nil, refuse(RefuseDamaged)
	}
	n, err := strconv.Atoi(get(head[4], 1))
	if err != nil || n < 0 || n > maxWorkshops {
		return nil, refuse(RefuseDamaged)
	}
	m, err := strconv.Atoi(get(head[5], 1))
	if err != nil || m < 1 || m > maxSheets {
		return nil, refuse(RefuseDamaged)
	}
	var okKey, okSig bool
	b.Signer, okKey = decodeKey(get(head[6], 1))
	b.Signature, okSig = decodeSig(get(head[7], 1))
	if !okKey || !okSig {
		return nil, refuse(RefuseTampered)
	}

	// The workshops, exactly n of them, then the m sheets. A row more or
	// less is a change the file signature would catch; it is refused as
	// such.
	b.Records = make([]*record, 0, n)
	for {
		cols, ok := next()
		if !ok {
			break
		}
		if len(cols) == 0 {
			continue
		}
		if get(cols, 0) == sheetTag && len(b.Records) == n {
			k, err := strconv.Atoi(get(cols, 2))
			if err != nil || k < 1 || k > maxSheetChunks || len(cols) > 3+k || len(b.Sheets) == m {
				return nil, refuse(RefuseTampered)
			}
			b.Sheets = append(b.Sheets, &sheetCells{Name: get(cols, 1), json: strings.Join(cols[3:], "")})
			continue
		}
		if len(b.Records) == n || len(b.Sheets) > 0 {
			return nil, refuse(RefuseTampered)
		}
		k, err := strconv.Atoi(get(cols, 4))
		if err != nil || k < 1 || k > maxChunks || len(cols) > recordCols+k {
			return nil, refuse(RefuseTampered)
		}
		r := &record{at: get(cols, 1), json: strings.Join(cols[recordCols:], "")}
		r.Agg = &taller.Aggregates{Workshop: taller.WorkshopInfo{ID: get(cols, 0)}}
		var okKey, okSig bool
		r.Signer, okKey = decodeKey(get(cols, 2))
		r.Sig, okSig = decodeSig(get(cols, 3))
		if !okKey || !okSig {
			return nil, refuse(RefuseTampered)
		}
		b.Records = append(b.Records, r)
	}
	if len(b.Records) != n || len(b.Sheets) != m {
		return nil, refuse(RefuseTampered)
	}
	return b, nil
}

// decodeRecords decodes the records a valid signature vouches for and
// checks their figures.
func decodeRecords(b *book) error {
	seen := make(map[string]bool, len(b.Records))
	for _, r := range b.Records {
		id := r.Agg.Workshop.ID
		w := &wireAggregates{Aggregates: *taller.NewAggregates(taller.WorkshopInfo{})}
		dec := json.NewDecoder(strings.NewReader(r.json))
		dec.DisallowUnknownFields()
		if err := dec.Decode(w); err != nil || dec.More() {
			return refuse(RefuseDamaged)
		}
		a := &w.Aggregates
		if a.Workshop.ID != id || seen[id] {
			return refuse(RefuseDamaged)
		}
		seen[id] = true
		exported, err := parseTime(r.at)
		if err != nil || formatTime(exported) != r.at {
			return refuse(RefuseDamaged)
		}
		if !plausible(a) || !plausibleTabs(w) {
			return refuse(RefuseDamaged)
		}
		fillMaps(a)
		signer, sig, at, raw := r.Signer, r.Sig, r.at, r.json
		*r = *recordOf(w)
		r.ExportedAt, r.Signer, r.Sig, r.at, r.json = exported, signer, sig, at, raw
	}
	return nil
}

// plausible checks decoded aggregates for figures no Taller could have
// written: unknown countries, genders or items, negative counts, impossible
// scores. plausibleTabs checks the cross-tabs.
func plausible(a *taller.Aggregates) bool {
	w := a.Workshop
	if w.ID == "" || len(w.ID) > 64 || !w.Country.Valid() {
		return false
	}
	if _, err := taller.ParseDate(w.Date); err != nil {
		return false
	}
	for _, s := range []string{w.Title, w.Locality, w.Organization, w.Facilitator} {
		if utf8.RuneCountInString(s) > 200 {
			return false
		}
	}
	const maxCount = 1 << 30
	count := func(n int) bool { return n >= 0 && n < maxCount }
	for g, n := range a.ByGender {
		if !g.Valid() || !count(n) {
			return false
		}
	}
	for it, d := range a.Ratings {
		if !validItem(it) {
			return false
		}
		for _, n := range d {
			if !count(n) {
				return false
			}
		}
	}
	if !count(a.Evaluations) {
		return false
	}
	score := func(n int, sum float64) bool {
		return count(n) && !math.IsNaN(sum) && sum >= 0 && sum <= 100*float64(n)+1e-6
	}
	if !score(a.Pre.N, a.Pre.Sum) || !score(a.Post.N, a.Post.Sum) ||
		!score(a.Paired.N, a.Paired.PreSum) || !score(a.Paired.N, a.Paired.PostSum) {
		return false
	}
	for _, c := range a.Comments {
		if utf8.RuneCountInString(c) > 4*taller.MaxComment {
			return false
		}
	}
	return true
}

// fillMaps makes the maps a JSON null left nil.
func fillMaps(a *taller.Aggregates) {
	if a.ByGender == nil {
		a.ByGender = map[taller.Gender]int{}
	}
	if a.AgeByGender == nil {
		a.AgeByGender = map[taller.AgeBand]map[taller.Gender]int{}
	}
	if a.RoleByGender == nil {
		a.RoleByGender = map[taller.Role]map[taller.Gender]int{}
	}
	if a.Ratings == nil {
		a.Ratings = map[taller.LikertItem][5]int{}
	}
}

func validItem(it taller.LikertItem) bool {
	for _, k := range taller.LikertItems {
		if it == k {
			return true
		}
	}
	return false
}
