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
// Version 3 signs: each workshop's record with the key of the laptop that
// exported it, and the file (header, records, visible cells) with the key
// of whoever wrote it; it carries each workshop's store revision, which
// orders exports of one workshop instead of the laptops' clocks. Version 2
// had an unkeyed SHA-256; version 1, never released, carried the
// cross-tabs exact.
const SchemaVersion = 3

// DataSheet is the name of the hidden sheet that carries the machine-readable
// copy of an export. It is never translated.
const DataSheet = "_taller"

// The hidden sheet's layout: a header block of key/value rows, a column
// header row, one row per workshop, then one row per visible sheet:
//
//	A              B                    C         D        E          F       G…
//	taller-export  3                                                          (marker, SchemaVersion)
//	export_id      <uuid>
//	exported_at    <RFC 3339, UTC>
//	generator      Taller <version>                                           (informative, not signed)
//	workshops      <n>
//	sheets         <m>
//	signer         <base64 Ed25519 public key of the file's writer>
//	signature      <base64 signature of the file>
//	workshop_id    exported_at          revision  signer   signature  chunks  aggregates_json
//	<id>           <when read>          <rev>     <key>    <sig>      <c>     <JSON, in c cells>
//	sheet          <visible sheet name> <c>       <JSON of its cells, in c cells>
//
// The JSON of a workshop is its taller.Aggregates with the cross-tabs in
// protected form and the threshold k they were protected with
// (wireAggregates): every other figure is exact, and a cross-tab cell is a
// count of 0 or of k or more, or "<k" or "x" where the count was withheld.
// The JSON of a sheet is its rows of cell values (sign_sheets.go). JSON is
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
	recordCols = 6
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

// record is one workshop in an export: its figures, when and at which
// store revision they were read from the facilitator's data, and the
// signature of the laptop that did. A merge keeps, for each workshop, the
// record with the highest revision.
type record struct {
	// Agg holds the workshop's exact figures, except the cross-tabs: its
	// AgeByGender and RoleByGender are empty, and tabs has them as the
	// hidden sheet tells them, small counts withheld.
	Agg        *taller.Aggregates
	tabs       *tabs
	ExportedAt time.Time
	// Revision is the workshop's change counter in the store of the
	// laptop that exported it (taller.Aggregates.Revision).
	Revision int64
	// Signer and Sig are the exporting laptop's public key and its
	// signature of the record.
	Signer ed25519.PublicKey
	Sig    []byte
	at     string // ExportedAt as written in the sheet, the signed form
	rev    string // Revision as written, the signed form
	json   string // the ASCII JSON of the record, the signed form
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

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// newRecord encodes a workshop's aggregates for the hidden sheet, its
// cross-tabs suppressed with threshold k; a is not changed. The record is
// not signed yet.
func newRecord(a *taller.Aggregates, at time.Time, k int) (*record, error) {
	w := protectAggregates(a, k)
	raw, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("encode aggregates: %w", err)
	}
	return &record{Agg: recordAgg(w), tabs: tabsOf(w), ExportedAt: at, at: formatTime(at),
		Revision: a.Revision, rev: strconv.FormatInt(a.Revision, 10), json: asciiJSON(raw)}, nil
}

// recordAgg is a record's Agg: w's figures, with empty cross-tabs.
func recordAgg(w *wireAggregates) *taller.Aggregates {
	a := w.Aggregates
	a.AgeByGender = map[taller.AgeBand]map[taller.Gender]int{}
	a.RoleByGender = map[taller.Role]map[taller.Gender]int{}
	return &a
}

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
		{"workshop_id", "exported_at", "revision", "signer", "signature", "chunks", "aggregates_json"},
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
		row = append(row, r.Agg.Workshop.ID, r.at, r.rev, encodeKey(r.Signer), encodeSig(r.Sig), strconv.Itoa(len(parts)))
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
	if b.ExportedAt, err = time.Parse(time.RFC3339Nano, get(head[2], 1)); err != nil || b.ExportID == "" ||
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
		k, err := strconv.Atoi(get(cols, 5))
		if err != nil || k < 1 || k > maxChunks || len(cols) > recordCols+k {
			return nil, refuse(RefuseTampered)
		}
		r := &record{at: get(cols, 1), rev: get(cols, 2), json: strings.Join(cols[recordCols:], "")}
		r.Agg = &taller.Aggregates{Workshop: taller.WorkshopInfo{ID: get(cols, 0)}}
		var okKey, okSig bool
		r.Signer, okKey = decodeKey(get(cols, 3))
		r.Sig, okSig = decodeSig(get(cols, 4))
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
		var err error
		if r.ExportedAt, err = time.Parse(time.RFC3339Nano, r.at); err != nil {
			return refuse(RefuseDamaged)
		}
		if r.Revision, err = strconv.ParseInt(r.rev, 10, 64); err != nil || r.Revision < 0 || strconv.FormatInt(r.Revision, 10) != r.rev {
			return refuse(RefuseDamaged)
		}
		if !plausible(a) || !plausibleTabs(w) {
			return refuse(RefuseDamaged)
		}
		fillMaps(a)
		a.Revision = r.Revision
		r.Agg, r.tabs = recordAgg(w), tabsOf(w)
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
