package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
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
// Version 2 suppresses the cross-tabs at the source: a workshop's record
// carries its threshold k and no cross-tab count from 1 to k-1 (see
// protect). Version 1, never released, carried them exact.
//
// Version 3 carries each workshop's release (taller.Disclose): figures
// held back are listed, cross-tab columns are lists of protected parts, and
// times are dates.
const SchemaVersion = 3

// DataSheet is the name of the hidden sheet that carries the machine-readable
// copy of an export. It is never translated.
const DataSheet = "_taller"

// The hidden sheet's layout: a header block of key/value rows, a column
// header row, then one row per workshop:
//
//	A                 B                    C        D…
//	taller-export     2                             (marker, SchemaVersion)
//	export_id         <uuid>
//	exported_at       <date, UTC>
//	generator         Taller <version>               (informative, not hashed)
//	workshops         <n>
//	sha256            <hex digest>
//	workshop_id       exported_at          chunks   aggregates_json
//	<id>              <when its figures were read>  <c>  <JSON, in c cells>
//
// The JSON of a workshop is its release (taller.Disclose) in the shape of
// taller.Aggregates (wireAggregates, see release.go): the headline by gender
// exact, every other figure as released (withheld ones zero and listed in
// "held"), the cross-tab columns as protected parts, and the threshold k.
// It is written in ASCII only (every other character escaped as \uXXXX)
// and cut into cells of at most chunkChars characters, below Excel's limit
// of 32,767 characters a cell. A merge copies each workshop's record as it
// was exported: it never sums workshops into the sheet, so it never has to
// record a sum it does not know.
const (
	marker     = "taller-export"
	headerRows = 7
	chunkChars = 32000
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	maxFileBytes  = 256 << 20 // the .xlsx itself
	maxUnzipBytes = 1 << 30   // everything inside it
	maxWorkshops  = 100000    // rows of the hidden sheet
	maxChunks     = 64        // cells of one workshop's JSON (about 2 MB)
)

// record is one workshop in an export: its figures and when they were read
// from the facilitator's data. A merge keeps, for each workshop, the record
// with the latest time.
type record struct {
	// Agg holds the workshop's released figures, except the cross-tabs:
	// its AgeByGender and RoleByGender are empty, and tabs has them as the
	// hidden sheet tells them, small counts withheld.
	Agg        *taller.Aggregates
	tabs       *tabs
	ExportedAt time.Time
	at         string // ExportedAt as written in the sheet, the hashed form
	json       string // the ASCII JSON of the record, the hashed form
	k          int    // the threshold its release was made with
	seq        int    // its release number for the workshop
	held       []taller.HeldFigure
}

// book is the content of one export: what the hidden sheet carries and the
// visible sheets show.
type book struct {
	ExportID   string
	ExportedAt time.Time
	Records    []*record
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

// digest is the SHA-256 of the hidden sheet's content: the header values and,
// for each workshop in sheet order, its id, time and JSON, each
// length-prefixed so no two different contents hash the same.
func digest(schema, exportID, exportedAt string, recs []*record) string {
	h := sha256.New()
	put := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	put(marker)
	put(schema)
	put(exportID)
	put(exportedAt)
	put(strconv.Itoa(len(recs)))
	for _, r := range recs {
		put(r.Agg.Workshop.ID)
		put(r.at)
		put(r.json)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeDataSheet writes the hidden sheet; tick is called after each workshop.
func writeDataSheet(f *excelize.File, b *book, tick func()) error {
	if _, err := f.NewSheet(DataSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(DataSheet)
	if err != nil {
		return err
	}
	schema := strconv.Itoa(SchemaVersion)
	at := formatTime(b.ExportedAt)
	head := [][]any{
		{marker, schema},
		{"export_id", b.ExportID},
		{"exported_at", at},
		{"generator", "Taller " + taller.Version},
		{"workshops", strconv.Itoa(len(b.Records))},
		{"sha256", digest(schema, b.ExportID, at, b.Records)},
		{"workshop_id", "exported_at", "chunks", "aggregates_json"},
	}
	for i, row := range head {
		if err := sw.SetRow(cell(1, i+1), row); err != nil {
			return err
		}
	}
	for i, r := range b.Records {
		parts := chunks(r.json)
		row := make([]any, 0, 3+len(parts))
		row = append(row, r.Agg.Workshop.ID, r.at, strconv.Itoa(len(parts)))
		for _, p := range parts {
			row = append(row, p)
		}
		if err := sw.SetRow(cell(1, headerRows+1+i), row); err != nil {
			return err
		}
		tick()
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// Very hidden: the sheet is for Taller, not for people, so it is kept
	// out of the Unhide dialog; Taller reads it all the same. Hiding it is
	// no protection: what it carries is suppressed like the visible sheets.
	return f.SetSheetVisible(DataSheet, false, true)
}

// RefusalCode says why a file was refused, for programs; Refusal.Reason
// says it to people.
type RefusalCode string

// The reasons a merge refuses a file.
const (
	RefuseMissing    RefusalCode = "missing"    // cannot be opened at all
	RefuseUnreadable RefusalCode = "unreadable" // not a readable .xlsx (corrupt, truncated, another format)
	RefuseForeign    RefusalCode = "foreign"    // a spreadsheet, but not a Taller export
	RefuseFuture     RefusalCode = "future"     // made by a newer Taller with a schema this one does not know
	RefuseOld        RefusalCode = "old"        // made by an earlier (unreleased) Taller with a schema this one no longer reads
	RefuseTampered   RefusalCode = "tampered"   // the content does not match its SHA-256
	RefuseDamaged    RefusalCode = "damaged"    // the data sheet is incomplete or holds impossible figures
)

// refusal is why readBook could not use a file; args fill the reason's text.
type refusal struct {
	code RefusalCode
	args map[string]any
}

// Error names the reason's code, for logs; Merge translates it for people.
func (r *refusal) Error() string { return string(r.code) }

func refuse(code RefusalCode, kv ...any) *refusal {
	r := &refusal{code: code, args: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.args[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return r
}

// readBook reads and verifies the hidden sheet of an export. Any problem is
// a *refusal; a cancelled ctx is returned as is.
func readBook(path string) (*book, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, refuse(RefuseMissing)
	}
	if info.IsDir() {
		return nil, refuse(RefuseMissing)
	}
	if info.Size() > maxFileBytes {
		return nil, refuse(RefuseUnreadable)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxUnzipBytes})
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
			return nil, refuse(RefuseMissing)
		}
		return nil, refuse(RefuseUnreadable)
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(DataSheet); err != nil || idx < 0 {
		return nil, refuse(RefuseForeign)
	}
	rows, err := f.Rows(DataSheet)
	if err != nil {
		return nil, refuse(RefuseUnreadable)
	}
	defer rows.Close()

	next := func() ([]string, bool) {
		if !rows.Next() {
			return nil, false
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, false
		}
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
	schema := get(cols, 1)
	v, err := strconv.Atoi(schema)
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
	keys := []string{"export_id", "exported_at", "generator", "workshops", "sha256"}
	for i, k := range keys {
		if get(head[i+1], 0) != k {
			return nil, refuse(RefuseDamaged)
		}
	}
	b := &book{ExportID: get(head[1], 1)}
	at := get(head[2], 1)
	if b.ExportedAt, err = parseTime(at); err != nil || b.ExportID == "" {
		return nil, refuse(RefuseDamaged)
	}
	n, err := strconv.Atoi(get(head[4], 1))
	if err != nil || n < 0 || n > maxWorkshops {
		return nil, refuse(RefuseDamaged)
	}
	sum := get(head[5], 1)

	// The workshops, exactly n of them.
	b.Records = make([]*record, 0, n)
	for {
		cols, ok := next()
		if !ok {
			break
		}
		if len(cols) == 0 {
			continue
		}
		if len(b.Records) == n {
			return nil, refuse(RefuseTampered)
		}
		k, err := strconv.Atoi(get(cols, 2))
		if err != nil || k < 1 || k > maxChunks || len(cols) > 3+k {
			return nil, refuse(RefuseTampered)
		}
		r := &record{at: get(cols, 1), json: strings.Join(cols[3:], "")}
		r.Agg = &taller.Aggregates{Workshop: taller.WorkshopInfo{ID: get(cols, 0)}}
		b.Records = append(b.Records, r)
	}
	if len(b.Records) != n {
		return nil, refuse(RefuseTampered)
	}
	if digest(schema, b.ExportID, at, b.Records) != sum {
		return nil, refuse(RefuseTampered)
	}

	// The hash matches: decode and check what it vouches for.
	seen := make(map[string]bool, n)
	for _, r := range b.Records {
		id := r.Agg.Workshop.ID
		w := &wireAggregates{Aggregates: *taller.NewAggregates(taller.WorkshopInfo{})}
		dec := json.NewDecoder(bytes.NewReader([]byte(r.json)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(w); err != nil || dec.More() {
			return nil, refuse(RefuseDamaged)
		}
		a := &w.Aggregates
		if a.Workshop.ID != id || seen[id] {
			return nil, refuse(RefuseDamaged)
		}
		seen[id] = true
		if r.ExportedAt, err = parseTime(r.at); err != nil {
			return nil, refuse(RefuseDamaged)
		}
		if !plausible(a) || !plausibleTabs(w) {
			return nil, refuse(RefuseDamaged)
		}
		fillMaps(a)
		exported, at, raw := r.ExportedAt, r.at, r.json
		*r = *recordOf(w)
		r.ExportedAt, r.at, r.json = exported, at, raw
	}
	return b, nil
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
