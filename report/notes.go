package report

import (
	"github.com/xuri/excelize/v2"

	"taller"
)

// noteLine is one line of the Notes sheet.
type noteLine struct {
	style int
	text  string
}

// Notes: the sheet that says, in plain words, what the workbook holds back
// and why, and what the marks "<k", "≥n" and "x" mean. An export and a
// merge both carry it; a merge lists the figures each workshop's own
// export held back.
func (rn *renderer) writeNotes(name string, b *book, k int) error {
	f, st, t := rn.f, rn.st, rn.t
	const width = 100.0
	// Long lines wrap in their cell; the legend is in grey italics.
	text, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	legend, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: defaultFont, Size: 11, Italic: true, Color: "595959"},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	// Streamed, so its cells are recorded and signed like every visible
	// sheet's (sign_sheets.go); it prints landscape, its title repeated.
	sw, err := streamSheet(f, name, width)
	if err != nil {
		return err
	}
	// Written as made: a merge of thousands of workshops has a line for
	// each figure each of them held back.
	row := 0
	put := func(style int, text string) error {
		row++
		var opts []excelize.RowOpts
		if n := wrappedLines(text, width); n > 1 {
			opts = append(opts, excelize.RowOpts{Height: 15 * float64(n)})
		}
		return sw.SetRow(cell(1, row), []any{excelize.Cell{StyleID: style, Value: text}}, opts...)
	}
	if err := put(st.title, t("disclosure.title")); err != nil {
		return err
	}
	var held []taller.HeldFigure
	for _, r := range b.Records {
		held = append(held, r.held...)
	}
	if len(held) == 0 {
		if err := put(text, t("disclosure.none", map[string]any{"K": k})); err != nil {
			return err
		}
	} else {
		if err := put(text, taller.HeldSummary(rn.lang, held, k)+"."); err != nil {
			return err
		}
		held = nil
		for _, r := range b.Records {
			prefix := ""
			if len(b.Records) > 1 {
				prefix = workshopLabel(r.Agg.Workshop) + " — "
			}
			for _, d := range taller.HeldDetails(rn.lang, r.held, r.k) {
				if err := put(text, prefix+d); err != nil {
					return err
				}
			}
		}
	}
	lines := []noteLine{{text, ""}, {st.title, t("disclosure.legend.title")}}
	for _, l := range []string{t("disclosure.legend.base", map[string]any{"K": k}),
		t("disclosure.legend.small", map[string]any{"K": k}), t("disclosure.legend.secondary"),
		t("disclosure.legend.at_least"), t("disclosure.legend.pending", map[string]any{"K": k})} {
		lines = append(lines, noteLine{legend, l})
	}
	for _, l := range lines {
		if err := put(l.style, l.text); err != nil {
			return err
		}
	}
	return sw.Flush()
}
