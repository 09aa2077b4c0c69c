package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"taller"
)

// summaryTableRow is the Summary's row of column headers: above it, the
// title and what the workbook covers.
const summaryTableRow = 7

// writeSummaryHead writes the Summary's opening rows: a title, the period
// covered (first and last workshop date), the countries, and the number of
// files and of laptops (signers) the figures come from.
func (rn *renderer) writeSummaryHead(sw *sheetStream, b *book, countries []taller.Country) error {
	st, t := rn.st, rn.t
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.heading, Value: t("report.doc.title")}},
		excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	period := "—"
	if n := len(b.Records); n > 0 {
		first, last := b.Records[0].Agg.Workshop.Date, b.Records[0].Agg.Workshop.Date
		for _, r := range b.Records {
			first, last = min(first, r.Agg.Workshop.Date), max(last, r.Agg.Workshop.Date)
		}
		period = first
		if last != first {
			period = first + " – " + last
		}
	}
	names := make([]string, len(countries))
	for i, c := range countries {
		names[i] = c.Name(rn.lang)
	}
	fps := signers(b.Records)
	signed := t("report.summary.signers_many", map[string]any{"Count": len(fps)})
	if len(fps) == 1 {
		signed = fps[0]
	}
	label := func(s string) excelize.Cell { return excelize.Cell{StyleID: st.label, Value: s} }
	rows := [][]any{
		{label(t("report.summary.period")), period},
		{label(t("report.summary.countries")), strings.Join(names, ", ")},
		{label(t("report.summary.files")), excelize.Cell{StyleID: st.left, Value: max(b.Files, 1)}},
		{label(t("report.summary.signers")), excelize.Cell{StyleID: st.left, Value: signed}},
	}
	for i, row := range rows {
		if err := sw.SetRow(cell(1, i+2), row); err != nil {
			return err
		}
	}
	return nil
}
