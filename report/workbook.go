package report

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"taller"
	"taller/i18n"
)

// writeOptions say how to render a book.
type writeOptions struct {
	lang     i18n.Lang
	k        int  // small-cell threshold
	comments bool // write the Comments sheet
	tick     func()
	key      ed25519.PrivateKey // signs the file (a one-time key when nil)
}

// renderer writes the visible sheets of one workbook in one language.
type renderer struct {
	f    *excelize.File
	st   *styles
	lang i18n.Lang
}

// t translates key in the workbook's language.
func (rn *renderer) t(key string, args ...any) string { return i18n.T(rn.lang, key, args...) }

// styles are the workbook's cell styles.
type styles struct {
	header, headerNum, total, totalNum, mean, date, note, title, right int
	wrap, top                                                          int // long text wrapped; text aligned to the top
	heading, label, left                                               int // the Summary's title, its labels, numbers to the left
	noteWrap                                                           int // a note wrapped over merged cells
	rightTop                                                           int // to the right and the top: a "<k" among numbers
}

// defaultFont is the family of excelize's default style, named in every
// font of the workbook's own styles.
const defaultFont = "Calibri"

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	top := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	mean, date := "0.0", "yyyy-mm-dd"
	// Every font names the workbook's default family and size: a font
	// without a name is drawn in the application's fallback, a serif in
	// LibreOffice, so bold headers would not match the figures below them.
	font := func(fn excelize.Font) *excelize.Font {
		fn.Family = defaultFont
		if fn.Size == 0 {
			fn.Size = 11
		}
		return &fn
	}
	defs := []*excelize.Style{
		{Font: font(excelize.Font{Bold: true}), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
			Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		{Font: font(excelize.Font{Bold: true}), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
			Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", Horizontal: "right"}},
		{Font: font(excelize.Font{Bold: true}), Border: top},
		{Font: font(excelize.Font{Bold: true}), Border: top, NumFmt: 1},
		{CustomNumFmt: &mean, Alignment: &excelize.Alignment{Vertical: "top"}},
		{CustomNumFmt: &date, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}},
		{Font: font(excelize.Font{Italic: true, Color: "595959"})},
		{Font: font(excelize.Font{Bold: true, Size: 12})},
		{Alignment: &excelize.Alignment{Horizontal: "right"}},
		{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		{Alignment: &excelize.Alignment{Vertical: "top"}},
		{Font: font(excelize.Font{Bold: true, Size: 16})},
		{Font: font(excelize.Font{Bold: true})},
		{Alignment: &excelize.Alignment{Horizontal: "left"}},
		{Font: font(excelize.Font{Italic: true, Color: "595959"}), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &styles{header: ids[0], headerNum: ids[1], total: ids[2], totalNum: ids[3], mean: ids[4], date: ids[5], note: ids[6],
		title: ids[7], right: ids[8], wrap: ids[9], top: ids[10], heading: ids[11], label: ids[12], left: ids[13], noteWrap: ids[14],
		rightTop: ids[15]}, nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// quote makes a sheet name safe in a formula reference.
func quote(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// sortRecords puts workshops in the order every sheet lists them: by date,
// then country, locality and id.
func sortRecords(recs []*record) {
	sort.Slice(recs, func(i, j int) bool {
		a, b := recs[i].Agg.Workshop, recs[j].Agg.Workshop
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		if a.Locality != b.Locality {
			return a.Locality < b.Locality
		}
		return a.ID < b.ID
	})
}

// write renders the book as an .xlsx workbook to w.
func (b *book) write(ctx context.Context, w io.Writer, o writeOptions) error {
	if !o.lang.Valid() {
		o.lang = i18n.Spanish
	}
	if o.k < 1 {
		o.k = taller.DefaultThreshold
	}
	if o.tick == nil {
		o.tick = func() {}
	}
	if len(o.key) != ed25519.PrivateKeySize {
		o.key = oneTimeKey()
	}
	f := excelize.NewFile()
	defer f.Close()
	defer forgetRecords(f)
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	rn := &renderer{f: f, st: st, lang: o.lang}
	t := rn.t

	// The totals: exact figures, and the cross-tabs as the records tell
	// them (never more than the hidden sheet carries).
	total := taller.NewAggregates(taller.WorkshopInfo{})
	tt := newTabs()
	for _, r := range b.Records {
		total.Add(r.Agg)
		tt.add(r.tabs)
	}
	total.Comments = nil

	summary := t("report.sheet.summary")
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	steps := []func() error{
		func() error { return rn.writeSummary(summary, b) },
		func() error { return rn.writeWorkshops(ctx, t("report.sheet.workshops"), b) },
		func() error { return rn.writeDemographics(t("report.sheet.demographics"), tt, o.k) },
		func() error { return rn.writeEvaluation(t("report.sheet.evaluation"), total, b.Records, o.k) },
	}
	if o.comments {
		steps = append(steps, func() error { return rn.writeComments(ctx, t("report.sheet.comments"), b) })
	}
	// The Notes sheet last of the visible ones; then the visible sheets
	// are final: record their cells, sign, and write the signed data
	// sheet.
	steps = append(steps, func() error { return rn.writeNotes(t("disclosure.sheet"), b, o.k) }, func() error {
		sheets, err := captureSheets(f)
		if err != nil {
			return err
		}
		b.Sheets = sheets
		signBook(o.key, b)
		return writeDataSheet(f, b, o.tick)
	})
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	// The Summary is the active sheet already (excelize's SetActiveSheet
	// would parse every streamed sheet back into memory to say so).
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:     "Taller " + taller.Version,
		Title:       t("report.doc.title"),
		Description: t("report.doc.description"),
		Identifier:  b.ExportID,
		Created:     exportDay(b.ExportedAt).Format(time.RFC3339),
		Modified:    exportDay(b.ExportedAt).Format(time.RFC3339),
		Language:    string(o.lang),
	}); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return cleanWorkbook(buf.Bytes(), w)
}

// streamSheet starts a sheet written row by row (the Summary sheet exists
// already) that prints landscape with its first row repeated, with its
// column widths.
func streamSheet(f *excelize.File, name string, widths ...float64) (*sheetStream, error) {
	return streamSheetFor(f, name, printLayout{landscape: true, titleRow: 1}, widths...)
}

// streamSheetFor is streamSheet with the sheet's print layout.
func streamSheetFor(f *excelize.File, name string, layout printLayout, widths ...float64) (*sheetStream, error) {
	if idx, err := f.GetSheetIndex(name); err != nil {
		return nil, err
	} else if idx < 0 {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	if err := setupPrint(f, name, layout); err != nil {
		return nil, err
	}
	w, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	sw := recordStream(f, name, w)
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// headerRow styles labels as column headers, right-aligned over the
// columns of figures (those from the index numFrom to numTo, inclusive).
func headerRow(st *styles, numFrom, numTo int, labels ...string) []any {
	row := make([]any, len(labels))
	for i, l := range labels {
		style := st.header
		if i >= numFrom && i <= numTo {
			style = st.headerNum
		}
		row[i] = excelize.Cell{StyleID: style, Value: l}
	}
	return row
}

func (rn *renderer) genderHeaders() []string {
	t := rn.t
	return []string{t("report.col.women"), t("report.col.men"), t("report.col.other"), t("report.col.undisclosed")}
}

// Summary: one row per country, then the total. Headline totals by gender
// are exact, as donors' reports need them.
func (rn *renderer) writeSummary(name string, b *book) error {
	f, st, t := rn.f, rn.st, rn.t
	type line struct {
		workshops int
		agg       *taller.Aggregates
	}
	byCountry := map[taller.Country]*line{}
	all := &line{agg: taller.NewAggregates(taller.WorkshopInfo{})}
	for _, r := range b.Records {
		c := r.Agg.Workshop.Country
		l := byCountry[c]
		if l == nil {
			l = &line{agg: taller.NewAggregates(taller.WorkshopInfo{})}
			byCountry[c] = l
		}
		for _, x := range []*line{l, all} {
			x.workshops++
			for g, n := range r.Agg.ByGender {
				x.agg.ByGender[g] += n
			}
		}
	}
	sw, err := streamSheetFor(f, name, printLayout{landscape: true, titleRow: summaryTableRow}, 22, 12, 14, 12, 12, 12, 18)
	if err != nil {
		return err
	}
	if err := rn.writeSummaryHead(sw, b, countryOrder(byCountry)); err != nil {
		return err
	}
	head := append([]string{t("report.col.country"), t("report.col.workshops"), t("report.col.participants")}, rn.genderHeaders()...)
	if err := sw.SetRow(cell(1, summaryTableRow), headerRow(st, 1, len(head), head...)); err != nil {
		return err
	}
	row := summaryTableRow + 1
	values := func(label string, l *line) []any {
		out := []any{label, l.workshops, l.agg.Participants()}
		for _, g := range taller.Genders {
			out = append(out, l.agg.ByGender[g])
		}
		return out
	}
	for _, c := range countryOrder(byCountry) {
		if err := sw.SetRow(cell(1, row), values(c.Name(rn.lang), byCountry[c])); err != nil {
			return err
		}
		row++
	}
	tot := values(t("report.col.total"), all)
	for i, v := range tot {
		style := st.totalNum
		if i == 0 {
			style = st.total
		}
		tot[i] = excelize.Cell{StyleID: style, Value: v}
	}
	if err := sw.SetRow(cell(1, row), tot); err != nil {
		return err
	}
	return sw.Flush()
}

// countryOrder lists the countries present in the order of
// taller.Countries, the programme's three first. (Every workshop's country
// is one of them: the store and the merge refuse others.)
func countryOrder[V any](m map[taller.Country]V) []taller.Country {
	out := make([]taller.Country, 0, len(m))
	for _, c := range taller.Countries {
		if _, ok := m[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// Workshops: one row per workshop. Large exports stream it.
func (rn *renderer) writeWorkshops(ctx context.Context, name string, b *book) error {
	f, st, t := rn.f, rn.st, rn.t
	var localities, orgs, facilitators, titles []string
	for _, r := range b.Records {
		w := r.Agg.Workshop
		localities, orgs = append(localities, w.Locality), append(orgs, w.Organization)
		facilitators, titles = append(facilitators, w.Facilitator), append(titles, w.Title)
	}
	// Printed, the sheet runs over several pages side by side (across,
	// then down), each repeating the header row. (Repeating the first
	// columns as well would need a union of ranges, which Gnumeric cannot
	// read.)
	// Long text wraps in its cell, so the columns stay narrow enough to
	// print the sheet on few pages.
	locW, orgW, facW, titleW := fitWidth(14, 24, localities), fitWidth(20, 28, orgs), fitWidth(14, 18, facilitators), fitWidth(20, 32, titles)
	sw, err := streamSheetFor(f, name, printLayout{landscape: true, titleRow: 1}, 11, 12, locW, orgW, facW,
		13, 10, 10, 10, 12, 12, 14, 12, 12, 12, 12, 10, 12, titleW, 38, 32)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := []string{t("report.col.date"), t("report.col.country"), t("report.col.locality"), t("report.col.organization"),
		t("report.col.facilitator"), t("report.col.participants")}
	head = append(head, rn.genderHeaders()...)
	head = append(head, t("report.col.evaluations"), t("report.col.mean_overall"), t("report.col.pre_n"), t("report.col.pre_mean"),
		t("report.col.post_n"), t("report.col.post_mean"), t("report.col.pairs"), t("report.col.gain"), t("report.col.title"), t("report.col.id"),
		t("report.col.signer"))
	// Wrapped headers need the height set: neither Excel nor LibreOffice
	// grows a row for them on opening.
	if err := sw.SetRow("A1", headerRow(st, 5, 17, head...), excelize.RowOpts{Height: 48}); err != nil {
		return err
	}
	row := make([]any, 0, len(head))
	for i, r := range b.Records {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		a, w := r.Agg, r.Agg.Workshop
		row = row[:0]
		var date any = w.Date
		if d, err := time.Parse(time.DateOnly, w.Date); err == nil {
			date = excelize.Cell{StyleID: st.date, Value: d}
		}
		wrap := func(s string) excelize.Cell { return excelize.Cell{StyleID: st.wrap, Value: s} }
		// Every cell aligned to the top, beside text that wraps.
		top := func(n int) excelize.Cell { return excelize.Cell{StyleID: st.top, Value: n} }
		row = append(row, date, excelize.Cell{StyleID: st.top, Value: w.Country.Name(rn.lang)}, wrap(w.Locality),
			wrap(w.Organization), wrap(w.Facilitator), top(a.Participants()))
		for _, g := range taller.Genders {
			row = append(row, top(a.ByGender[g]))
		}
		row = append(append(row, rn.releasedCells(r)...),
			wrap(w.Title), excelize.Cell{StyleID: st.top, Value: w.ID}, excelize.Cell{StyleID: st.top, Value: signerOf(r.Signer)})
		var opts []excelize.RowOpts
		if lines := max(wrappedLines(w.Locality, locW), wrappedLines(w.Organization, orgW), wrappedLines(w.Facilitator, facW),
			wrappedLines(w.Title, titleW)); lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: 15 * float64(min(lines, 8))})
		}
		if err := sw.SetRow(cell(1, i+2), row, opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// fitWidth is a column width for the longest of values: its length in
// characters and a margin, at least lo (room for the header) and at most hi
// (longer text runs under the next column, as anywhere in a spreadsheet).
func fitWidth(lo, hi float64, values []string) float64 {
	w := lo
	for _, v := range values {
		if n := float64(utf8.RuneCountInString(v)) + 2; n > w {
			w = n
			if w >= hi {
				return hi
			}
		}
	}
	return w
}

// meanCell is a mean with one decimal, or an empty cell when nothing was
// measured (a 0 there would read as a real score).
func meanCell(st *styles, v float64, ok bool) any {
	if !ok {
		return nil
	}
	return excelize.Cell{StyleID: st.mean, Value: v}
}

// Demographics: age band × gender and role × gender, with small cells
// suppressed. The tables are made from the records' suppressed cross-tabs
// only, for an export as for a merge: made from exact figures, an export of
// several workshops would let a reader subtract the published cells of the
// hidden sheet from its totals and recover a withheld one.
func (rn *renderer) writeDemographics(name string, tt *tabs, k int) error {
	f, st, t := rn.f, rn.st, rn.t
	sw, err := streamSheetFor(f, name, printLayout{landscape: true}, 34, 12, 12, 12, 18)
	if err != nil {
		return err
	}
	row := 1
	put := func(values ...any) error {
		err := sw.SetRow(cell(1, row), values)
		row++
		return err
	}
	used := map[cellKind]bool{}
	// table writes one cross-tab: a row per label, a column per gender.
	table := func(title, label string, labels []string, grid [][]tabCell, totals []int) error {
		if err := put(excelize.Cell{StyleID: st.title, Value: title}); err != nil {
			return err
		}
		if err := put(headerRow(st, 1, len(taller.Genders), append([]string{label}, rn.genderHeaders()...)...)...); err != nil {
			return err
		}
		shown := suppress(grid, totals, k)
		for i, l := range labels {
			values := []any{l}
			for _, c := range shown[i] {
				used[c.kind] = true
				switch c.kind {
				case cellShown:
					values = append(values, c.n)
				case cellSmall:
					values = append(values, excelize.Cell{StyleID: st.right, Value: fmt.Sprintf("<%d", k)})
				case cellAtLeast:
					values = append(values, excelize.Cell{StyleID: st.right, Value: fmt.Sprintf("≥%d", c.n)})
				default:
					values = append(values, excelize.Cell{StyleID: st.right, Value: "x"})
				}
			}
			if err := put(values...); err != nil {
				return err
			}
		}
		row++ // a blank line after each table
		return nil
	}
	var ageLabels, roleLabels []string
	for _, a := range taller.AgeBands {
		ageLabels = append(ageLabels, t("age."+string(a)))
	}
	for _, r := range taller.Roles {
		roleLabels = append(roleLabels, t("role."+string(r)))
	}
	if err := table(t("report.demographics.age_title"), t("report.col.age"), ageLabels, tt.age, tt.ageTotal); err != nil {
		return err
	}
	if err := table(t("report.demographics.role_title"), t("report.col.role"), roleLabels, tt.role, tt.roleTotal); err != nil {
		return err
	}
	notes := []string{t("report.demographics.note_small", map[string]any{"K": k})}
	if used[cellAtLeast] {
		notes = append(notes, t("report.demographics.note_at_least"))
	}
	if used[cellSecondary] {
		notes = append(notes, t("report.demographics.note_secondary"))
	}
	notes = append(notes, t("report.demographics.note_checkins"))
	for _, n := range notes {
		// Each note wraps across the tables' width, so it prints on their
		// page instead of running off to the right.
		if err := sw.wrappedRow(row, n, st.noteWrap, 5, 34+12*3+18); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

// cellKind says how a cross-tab cell is shown.
type cellKind int

const (
	cellShown     cellKind = iota
	cellSmall              // fewer than k people, for certain: "<k"
	cellAtLeast            // n known, k or more, and withheld parts on top: "≥n"
	cellSecondary          // hidden, because it would give a small cell away or is not known well enough to show: "x"
)

type shownCell struct {
	kind cellKind
	n    int
}

// Evaluation: per item, the answers, the mean and the 1–5 distribution,
// with two native bar charts; then the quizzes.
func (rn *renderer) writeEvaluation(name string, total *taller.Aggregates, recs []*record, k int) error {
	f, st, t := rn.f, rn.st, rn.t
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	// The tables on the first page, each chart on a page of its own.
	if err := setupPrint(f, name, printLayout{landscape: true}); err != nil {
		return err
	}
	head := []string{t("report.col.item"), t("report.col.answers"), t("report.col.mean"), "1", "2", "3", "4", "5"}
	if err := f.SetSheetRow(name, "A1", &head); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "A1", st.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "B1", cell(len(head), 1), st.headerNum); err != nil {
		return err
	}
	for i, it := range taller.LikertItems {
		mean, n := total.MeanRating(it)
		row := []any{t("likert." + string(it)), countValue(ratingsCount(recs, n), k), nil}
		if n > 0 {
			row[2] = mean
		}
		row = append(row, distributionCells(total.Ratings[it], ratingsCount(recs, n))...)
		if err := f.SetSheetRow(name, cell(1, i+2), &row); err != nil {
			return err
		}
	}
	last := len(taller.LikertItems) + 1
	if err := f.SetCellStyle(name, "C2", cell(3, last), st.mean); err != nil {
		return err
	}

	// The quizzes: mean scores, then the gain of those who took both.
	q := last + 2
	rows := map[int][]any{
		q:     {t("report.evaluation.quiz_title"), t("report.col.answers"), t("report.col.mean_pct")},
		q + 1: {t("report.evaluation.pre"), countValue(quizCount(recs, preN), k), optional(total.Pre.Mean(), total.Pre.N > 0)},
		q + 2: {t("report.evaluation.post"), countValue(quizCount(recs, postN), k), optional(total.Post.Mean(), total.Post.N > 0)},
		q + 4: {t("report.evaluation.paired_title"), t("report.col.participants"), t("report.col.gain")},
		q + 5: {t("report.evaluation.paired"), countValue(quizCount(recs, pairedN), k), optional(total.Paired.MeanGain(), total.Paired.N > 0)},
	}
	for r, values := range rows {
		if err := f.SetSheetRow(name, cell(1, r), &values); err != nil {
			return err
		}
	}
	for _, hr := range []int{q, q + 4} {
		if err := f.SetCellStyle(name, cell(1, hr), cell(1, hr), st.header); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell(2, hr), cell(3, hr), st.headerNum); err != nil {
			return err
		}
	}
	for _, mr := range []int{q + 1, q + 2, q + 5} {
		if err := f.SetCellStyle(name, cell(3, mr), cell(3, mr), st.mean); err != nil {
			return err
		}
	}
	if err := rn.alignCounts(name, last, []int{q + 1, q + 2, q + 5}); err != nil {
		return err
	}
	// Narrow enough for a landscape page: long headers wrap.
	if err := f.SetColWidth(name, "A", "A", 40); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "B", "B", 13); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "C", "C", 14); err != nil {
		return err
	}
	for _, hr := range []int{1, q, q + 4} {
		if err := f.SetRowHeight(name, hr, 30); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(name, "D", "H", 6); err != nil {
		return err
	}

	// Charts: the mean of each item, and how the answers spread.
	ref := quote(name)
	cats := fmt.Sprintf("%s!$A$2:$A$%d", ref, last)
	minV, maxV, single := 1.0, 5.0, false
	dark := excelize.Font{Color: "404040", Size: 9}
	solid := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	// The charts go under the tables, not beside them: the sheet then fits
	// a laptop screen and a printed page without scrolling sideways.
	chartAt := q + 7
	for _, at := range []int{chartAt, chartAt + 17} {
		if err := f.InsertPageBreak(name, cell(1, at)); err != nil {
			return err
		}
	}
	axisTitle := func(text string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Color: "404040", Size: 9}}}}
	}
	if err := f.AddChart(name, cell(1, chartAt), &excelize.Chart{
		Type:       excelize.Bar,
		VaryColors: &single,
		Series: []excelize.ChartSeries{{Name: fmt.Sprintf("%s!$C$1", ref), Categories: cats,
			Values: fmt.Sprintf("%s!$C$2:$C$%d", ref, last), Fill: solid("2F6EBA")}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t("report.evaluation.chart_mean")}}},
		Legend: excelize.ChartLegend{Position: "none"},
		XAxis:  excelize.ChartAxis{ReverseOrder: true, Font: dark},
		YAxis: excelize.ChartAxis{Minimum: &minV, Maximum: &maxV, MajorUnit: 1, MajorGridLines: true, Font: dark,
			Title: axisTitle(t("report.evaluation.axis_mean"))},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
		Dimension: excelize.ChartDimension{Width: 760, Height: 300},
	}); err != nil {
		return err
	}
	var series []excelize.ChartSeries
	palette := []string{"C0504D", "F0A35E", "BFBFBF", "9BC46B", "4E8F3A"} // 1 (red) to 5 (green)
	for v := 1; v <= 5; v++ {
		col, _ := excelize.ColumnNumberToName(3 + v)
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("%s!$%s$1", ref, col), Categories: cats,
			Values: fmt.Sprintf("%s!$%s$2:$%s$%d", ref, col, col, last), Fill: solid(palette[v-1])})
	}
	return f.AddChart(name, cell(1, chartAt+17), &excelize.Chart{
		Type:       excelize.BarPercentStacked,
		VaryColors: &single,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t("report.evaluation.chart_dist")}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: dark},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, Font: dark, Title: axisTitle(t("report.evaluation.axis_share"))},
		Dimension:  excelize.ChartDimension{Width: 760, Height: 300},
	})
}

func optional(v float64, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

// Comments: the comments the facilitator chose to include, with the
// workshop they come from. Long comments wrap in their cell.
func (rn *renderer) writeComments(ctx context.Context, name string, b *book) error {
	f, st, t := rn.f, rn.st, rn.t
	var localities []string
	for _, r := range b.Records {
		if len(r.Agg.Comments) > 0 {
			localities = append(localities, r.Agg.Workshop.Locality)
		}
	}
	locWidth, textWidth := fitWidth(14, 22, localities), 54.0
	sw, err := streamSheet(f, name, 11, 12, locWidth, textWidth)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := headerRow(st, -1, -1, t("report.col.date"), t("report.col.country"), t("report.col.locality"), t("report.col.comment"))
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row := 2
	for _, r := range b.Records {
		if err := ctx.Err(); err != nil {
			return err
		}
		w := r.Agg.Workshop
		var date any = excelize.Cell{StyleID: st.top, Value: w.Date}
		if d, err := time.Parse(time.DateOnly, w.Date); err == nil {
			date = excelize.Cell{StyleID: st.date, Value: d}
		}
		country := excelize.Cell{StyleID: st.top, Value: w.Country.Name(rn.lang)}
		locality := excelize.Cell{StyleID: st.wrap, Value: w.Locality}
		for _, c := range r.Agg.Comments {
			values := []any{date, country, locality, excelize.Cell{StyleID: st.wrap, Value: c}}
			// Neither Excel nor LibreOffice grows a streamed row for wrapped
			// text, so a long comment gets the height of its lines.
			var opts []excelize.RowOpts
			if lines := max(wrappedLines(c, textWidth), wrappedLines(w.Locality, locWidth)); lines > 1 {
				opts = append(opts, excelize.RowOpts{Height: 15 * float64(min(lines, 26))})
			}
			if err := sw.SetRow(cell(1, row), values, opts...); err != nil {
				return err
			}
			row++
		}
	}
	if row == 2 {
		if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: st.note, Value: t(noCommentsKey(b))}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// wrappedLines estimates how many lines text takes when wrapped in a column
// of the given width (in widths of the digit 0 of the default font). Text
// averages about a tenth narrower than digits, less what is lost at word
// breaks; a row a little too tall is better than a comment cut off.
func wrappedLines(text string, width float64) int {
	per := max(int(width), 1)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines += max(1, (utf8.RuneCountInString(para)+per-1)/per)
	}
	return lines
}
