package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Printing. Each sheet says how it prints, so that a coordinator who
// prints the workbook gets legible pages on Letter (the paper of El
// Salvador, Guatemala and Honduras) and on A4 alike: nothing is scaled
// down (the smallest font is the charts' 9 pt, so at 100 % nothing
// prints below 8 pt), wide sheets are landscape, and a sheet longer or
// wider than a page repeats its header row on every page. Every column layout below is narrower
// than Letter landscape's printable width (10 in at the margins set
// here), which is narrower than A4's; the page height is what differs,
// and the rows then simply flow onto the next page.

// printLayout is how one sheet prints.
type printLayout struct {
	landscape bool
	// titleRow, when not 0, is repeated at the top of every page.
	titleRow int
}

// paperLetter is the paper size code of US Letter in SpreadsheetML.
const paperLetter = 1

// setupPrint applies a print layout to a sheet; it must be called before
// the sheet's stream writer is made, since the stream writes the layout
// into the sheet.
func setupPrint(f *excelize.File, name string, p printLayout) error {
	orientation, size, scale, order := "portrait", paperLetter, uint(100), "overThenDown"
	if p.landscape {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, AdjustTo: &scale, PageOrder: &order}); err != nil {
		return err
	}
	side, top, hf := 0.5, 0.6, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	// The sheet's name and the page number in the footer, so loose pages
	// can be put back in order.
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&L&A&R&P / &N"}); err != nil {
		return err
	}
	if p.titleRow == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quote(name), p.titleRow, p.titleRow), Scope: name})
}

// wrappedRow writes text in column A of row, merged over the first cols
// columns (together width characters wide) and wrapped there, with the
// row as tall as its lines: neither Excel nor LibreOffice grows a
// streamed row for wrapped text.
func (s *sheetStream) wrappedRow(row int, text string, style, cols int, width float64) error {
	lines := wrappedLines(text, width)
	if err := s.SetRow(cell(1, row), []any{excelize.Cell{StyleID: style, Value: text}},
		excelize.RowOpts{Height: 15 * float64(min(lines, 26))}); err != nil {
		return err
	}
	return s.MergeCell(cell(1, row), cell(cols, row))
}
