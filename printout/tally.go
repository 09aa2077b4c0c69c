package printout

import "taller"

// tallySheet prints a sheet for counting walk-ins who neither use a phone
// nor fill in a slip: one row per gender, in the order of `taller tally
// add` and the app's tally form, with room for tally marks and the total.
func tallySheet(ws *taller.Workshop, req Request) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, docTitle(req.Lang, "print.tally.title", ws), 15)
	for range req.Copies {
		d.pdf.AddPage()
		d.gray(80)
		y := d.text(d.margin, d.margin, d.contentW(), ws.Title+" · "+dateLine(ws, d.lang), 9, false, "L")
		d.gray(0)
		y = d.text(d.margin, y+1, d.contentW(), d.t("print.tally.title"), 17, true, "L")
		d.pdf.SetY(y + 1)
		d.para(d.t("print.tally.intro"), 10.5, false, 4)

		totalW := 32.0
		labelW := 46.0
		marksW := d.contentW() - labelW - totalW
		rowH := min(34.0, (d.bottom()-d.pdf.GetY()-60)/float64(len(taller.Genders)+1))
		y = d.pdf.GetY()
		d.font(true, 10)
		d.pdf.SetXY(d.margin+labelW, y)
		d.pdf.CellFormat(marksW, 7, clean(d.t("print.tally.marks")), "", 0, "C", false, 0, "")
		d.pdf.CellFormat(totalW, 7, clean(d.t("print.tally.total")), "", 0, "C", false, 0, "")
		y += 7
		d.pdf.SetLineWidth(0.3)
		for _, g := range taller.Genders {
			d.pdf.Rect(d.margin, y, labelW, rowH, "D")
			d.pdf.Rect(d.margin+labelW, y, marksW, rowH, "D")
			d.pdf.Rect(d.margin+labelW+marksW, y, totalW, rowH, "D")
			d.text(d.margin+2.5, y+rowH/2-3, labelW-5, d.t("gender."+string(g)), 12, true, "L")
			y += rowH
		}
		d.pdf.Rect(d.margin, y, labelW, 14, "D")
		d.pdf.Rect(d.margin+labelW+marksW, y, totalW, 14, "D")
		d.text(d.margin+2.5, y+4, labelW-5, d.t("print.tally.sum"), 12, true, "L")
		d.pdf.SetY(y + 20)
		d.gray(60)
		d.para(d.t("print.tally.enter"), 9.5, false, 0)
		d.gray(0)
	}
	return d.bytes()
}
