package printout

import (
	"taller"
	"taller/i18n"
)

// slipsPerPage is how many check-in slips share a page, one above the
// other, with dashed lines to cut along.
const slipsPerPage = 3

// slips prints one check-in slip per code: a stub the participant keeps
// with their code, and the phone check-in's three questions with tick
// boxes and the same code, for the facilitator to type in.
func slips(ws *taller.Workshop, req Request, codes []string) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, docTitle(req.Lang, "web.checkin.title", ws), 0)
	slipH := d.h / slipsPerPage
	for i, code := range codes {
		n := i % slipsPerPage
		if n == 0 {
			d.pdf.AddPage()
			for k := 1; k < slipsPerPage; k++ {
				d.cutLine(float64(k) * slipH)
			}
		}
		d.slip(ws, code, float64(n)*slipH, slipH)
	}
	return d.bytes()
}

// slip draws one slip in the band of height h from top.
func (d *doc) slip(ws *taller.Workshop, code string, top, h float64) {
	const side, cell = 12.0, 7.5
	x, w := side, d.w-2*side
	boxesX := x + w - 5*(cell+1)
	y := top + 5.5

	// The stub the participant keeps.
	d.text(x, y, boxesX-x-4, d.t("print.slip.keep"), 10, true, "L")
	d.gray(60)
	d.text(x, y+4.6, boxesX-x-4, d.t("print.slip.keep_help"), 8.5, false, "L")
	d.gray(0)
	d.codeBoxes(boxesX, y, cell, code)
	y += 11
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetDashPattern([]float64{1, 1}, 0)
	d.pdf.Line(x, y, x+w, y)
	d.pdf.SetDashPattern(nil, 0)
	d.font(false, 10)
	d.pdf.SetXY(x-5.5, y-2.4)
	d.pdf.CellFormat(5, 4.8, "✂", "", 0, "L", false, 0, "")
	y += 3

	// The form the facilitator collects.
	d.font(true, 12)
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(boxesX-x-20, lineH(12), d.fit(d.t("web.checkin.title")+" · "+ws.Title, boxesX-x-20), "", 0, "L", false, 0, "")
	d.gray(60)
	d.text(x, y+lineH(12), boxesX-x-20, d.t("print.slip.hand_in"), 8.5, false, "L")
	d.gray(0)
	d.font(false, 9)
	d.pdf.SetXY(boxesX-19, y+1.5)
	d.pdf.CellFormat(18, 5, clean(d.t("print.code")), "", 0, "R", false, 0, "")
	d.codeBoxes(boxesX, y, cell, code)
	y += 10.5

	y = d.choiceRow(x, y, w, d.t("web.checkin.gender"), labels(d.lang, "gender.", taller.Genders), 4)
	y = d.choiceRow(x, y, w, d.t("web.checkin.age"), labels(d.lang, "age.", taller.AgeBands), 5)
	y = d.choiceRow(x, y, w, d.t("web.checkin.role"), labels(d.lang, "role.", taller.Roles), 2)
	d.gray(60)
	d.text(x, min(y, top+h-6), w, d.t("web.anonymous"), 8.5, false, "L")
	d.gray(0)
}

// choiceRow draws a question and its options with tick boxes, cols to a
// row in form order (left to right, then down), and returns the y below.
func (d *doc) choiceRow(x, y, w float64, question string, options []string, cols int) float64 {
	y = d.text(x, y, w, question, 10.5, true, "L") + 0.6
	colW := w / float64(cols)
	const box, rowH = 3.8, 5.6
	for row := 0; row*cols < len(options); row++ {
		next := y + rowH
		for i := row * cols; i < min(len(options), (row+1)*cols); i++ {
			cx := x + float64(i%cols)*colW
			d.box(cx, y+0.3, box)
			// A label too long for its column wraps, and the row grows.
			end := d.text(cx+box+1.8, y, colW-box-3, options[i], 10, false, "L")
			next = max(next, end+rowH-lineH(10))
		}
		y = next
	}
	return y + 1.2
}

// labels translates the values of a form choice, in form order.
func labels[T ~string](lang i18n.Lang, prefix string, values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = i18n.T(lang, prefix+string(v))
	}
	return out
}
